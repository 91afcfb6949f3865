/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-post"

#include "config.h"

#include "liveline-post-private.h"

/* The post's photo, field by field: what the store keeps and the editor
 * shows. Attaching and removing a photo as one piece is in
 * liveline-post-content.c.
 */

const char *
liveline_post_get_image_path (LivelinePost *self)
{
  g_return_val_if_fail (LIVELINE_IS_POST (self), NULL);

  return self->image_path;
}

const char *
liveline_post_get_image_thumbnail (LivelinePost *self)
{
  g_return_val_if_fail (LIVELINE_IS_POST (self), NULL);

  return self->image_thumbnail;
}

const char *
liveline_post_get_image_name (LivelinePost *self)
{
  g_return_val_if_fail (LIVELINE_IS_POST (self), NULL);

  return self->image_name;
}

guint
liveline_post_get_image_width (LivelinePost *self)
{
  g_return_val_if_fail (LIVELINE_IS_POST (self), 0);

  return self->image_width;
}

guint
liveline_post_get_image_height (LivelinePost *self)
{
  g_return_val_if_fail (LIVELINE_IS_POST (self), 0);

  return self->image_height;
}

gboolean
liveline_post_get_image_had_location (LivelinePost *self)
{
  g_return_val_if_fail (LIVELINE_IS_POST (self), FALSE);

  return self->image_had_location;
}

const char *
liveline_post_get_image_caption (LivelinePost *self)
{
  g_return_val_if_fail (LIVELINE_IS_POST (self), NULL);

  return self->image_caption;
}

void
liveline_post_set_image_caption (LivelinePost *self,
                                 const char   *caption)
{
  g_return_if_fail (LIVELINE_IS_POST (self));

  if (caption == NULL)
    caption = "";

  if (_liveline_post_set_string (&self->image_caption, caption))
    _liveline_post_notify (self, POST_PROP_IMAGE_CAPTION);
}

const char *
liveline_post_get_image_credit (LivelinePost *self)
{
  g_return_val_if_fail (LIVELINE_IS_POST (self), NULL);

  return self->image_credit;
}

void
liveline_post_set_image_credit (LivelinePost *self,
                                const char   *credit)
{
  g_return_if_fail (LIVELINE_IS_POST (self));

  if (credit == NULL)
    credit = "";

  if (_liveline_post_set_string (&self->image_credit, credit))
    _liveline_post_notify (self, POST_PROP_IMAGE_CREDIT);
}

const char *
liveline_post_get_image_alt (LivelinePost *self)
{
  g_return_val_if_fail (LIVELINE_IS_POST (self), NULL);

  return self->image_alt;
}

void
liveline_post_set_image_alt (LivelinePost *self,
                             const char   *alt)
{
  g_return_if_fail (LIVELINE_IS_POST (self));

  if (alt == NULL)
    alt = "";

  if (_liveline_post_set_string (&self->image_alt, alt))
    _liveline_post_notify (self, POST_PROP_IMAGE_ALT);
}

gboolean
liveline_post_has_image (LivelinePost *self)
{
  g_return_val_if_fail (LIVELINE_IS_POST (self), FALSE);

  return self->image_path != NULL;
}

/* Announces a change of the photo, whose properties change together. */
void
_liveline_post_notify_image (LivelinePost *self)
{
  static const guint image_properties[] = {
    POST_PROP_IMAGE_PATH, POST_PROP_IMAGE_THUMBNAIL, POST_PROP_IMAGE_NAME, POST_PROP_IMAGE_WIDTH,
    POST_PROP_IMAGE_HEIGHT, POST_PROP_IMAGE_HAD_LOCATION, POST_PROP_HAS_IMAGE,
  };

  g_assert (LIVELINE_IS_POST (self));

  for (guint i = 0; i < G_N_ELEMENTS (image_properties); i++)
    _liveline_post_notify (self, image_properties[i]);
}
