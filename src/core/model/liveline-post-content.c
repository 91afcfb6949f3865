/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-post"

#include "config.h"

#include <json-glib/json-glib.h>

#include "liveline-image.h"
#include "liveline-post-private.h"

/* What a post holds beyond its properties: its photo as one piece, and its
 * content as a snapshot that revisions keep and restore.
 */

/**
 * liveline_post_set_image:
 * @self: a #LivelinePost
 * @image: a photo prepared by liveline_image_prepare_async()
 *
 * Attaches @image. Its credit and caption, read from the photo's own
 * metadata, fill the post's fields only where the journalist left them empty.
 */
void
liveline_post_set_image (LivelinePost  *self,
                         LivelineImage *image)
{
  const char *credit;
  const char *caption;

  g_return_if_fail (LIVELINE_IS_POST (self));
  g_return_if_fail (LIVELINE_IS_IMAGE (image));

  g_object_freeze_notify (G_OBJECT (self));

  _liveline_post_set_string (&self->image_path, liveline_image_get_path (image));
  _liveline_post_set_string (&self->image_thumbnail, liveline_image_get_thumbnail (image));
  _liveline_post_set_string (&self->image_name, liveline_image_get_original_name (image));
  self->image_width = liveline_image_get_width (image);
  self->image_height = liveline_image_get_height (image);
  self->image_had_location = liveline_image_get_had_location (image);
  _liveline_post_notify_image (self);

  credit = liveline_image_get_credit (image);
  if (self->image_credit[0] == '\0' && credit != NULL)
    liveline_post_set_image_credit (self, credit);

  caption = liveline_image_get_caption (image);
  if (self->image_caption[0] == '\0' && caption != NULL)
    liveline_post_set_image_caption (self, caption);

  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * liveline_post_clear_image:
 * @self: a #LivelinePost
 *
 * Removes the photo, with its caption, credit and alt text.
 */
void
liveline_post_clear_image (LivelinePost *self)
{
  g_return_if_fail (LIVELINE_IS_POST (self));

  if (self->image_path == NULL)
    return;

  g_object_freeze_notify (G_OBJECT (self));

  g_clear_pointer (&self->image_path, g_free);
  g_clear_pointer (&self->image_thumbnail, g_free);
  g_clear_pointer (&self->image_name, g_free);
  self->image_width = 0;
  self->image_height = 0;
  self->image_had_location = FALSE;
  _liveline_post_notify_image (self);

  liveline_post_set_image_caption (self, "");
  liveline_post_set_image_credit (self, "");
  liveline_post_set_image_alt (self, "");

  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * liveline_post_is_empty:
 * @self: a #LivelinePost
 *
 * Returns: whether the post has no headline, no body and no photo
 */
gboolean
liveline_post_is_empty (LivelinePost *self)
{
  g_autofree char *headline = NULL;
  g_autofree char *body = NULL;

  g_return_val_if_fail (LIVELINE_IS_POST (self), TRUE);

  headline = g_strstrip (g_strdup (self->headline));
  body = g_strstrip (g_strdup (self->body));

  return headline[0] == '\0' && body[0] == '\0' && self->image_path == NULL;
}

/* The content a revision keeps: what a reader sees, not the flags. */
static const struct {
  const char *member;
  gsize       offset;
} snapshot_members[] = {
  { "headline", G_STRUCT_OFFSET (LivelinePost, headline) },
  { "body", G_STRUCT_OFFSET (LivelinePost, body) },
  { "image_path", G_STRUCT_OFFSET (LivelinePost, image_path) },
  { "image_thumbnail", G_STRUCT_OFFSET (LivelinePost, image_thumbnail) },
  { "image_name", G_STRUCT_OFFSET (LivelinePost, image_name) },
  { "image_caption", G_STRUCT_OFFSET (LivelinePost, image_caption) },
  { "image_credit", G_STRUCT_OFFSET (LivelinePost, image_credit) },
  { "image_alt", G_STRUCT_OFFSET (LivelinePost, image_alt) },
};

#define SNAPSHOT_STRING(self, i) \
  (G_STRUCT_MEMBER (char *, (self), snapshot_members[i].offset))

/**
 * liveline_post_dup_content_snapshot:
 * @self: a #LivelinePost
 *
 * Returns: (transfer full): the post's content as a JSON document, to keep
 *   as a revision and compare with the last one
 */
char *
liveline_post_dup_content_snapshot (LivelinePost *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (LIVELINE_IS_POST (self), NULL);

  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (snapshot_members); i++)
    {
      json_builder_set_member_name (builder, snapshot_members[i].member);
      json_builder_add_string_value (builder, SNAPSHOT_STRING (self, i));
    }
  json_builder_set_member_name (builder, "image_width");
  json_builder_add_int_value (builder, self->image_width);
  json_builder_set_member_name (builder, "image_height");
  json_builder_add_int_value (builder, self->image_height);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}

/**
 * liveline_post_apply_content_snapshot:
 * @self: a #LivelinePost
 * @snapshot: what liveline_post_dup_content_snapshot() gave
 * @error: a location for a #GError
 *
 * Puts the content of a revision back into the post, as edits the next save
 * keeps like any other.
 *
 * Returns: %TRUE when @snapshot could be read
 */
gboolean
liveline_post_apply_content_snapshot (LivelinePost  *self,
                                      const char    *snapshot,
                                      GError       **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;

  g_return_val_if_fail (LIVELINE_IS_POST (self), FALSE);
  g_return_val_if_fail (snapshot != NULL, FALSE);

  root = json_from_string (snapshot, error);
  if (root == NULL)
    return FALSE;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "A revision is not a JSON object");
      return FALSE;
    }

  object = json_node_get_object (root);

  g_object_freeze_notify (G_OBJECT (self));

  liveline_post_set_headline (self, json_object_get_string_member_with_default (object, "headline", ""));
  liveline_post_set_body (self, json_object_get_string_member_with_default (object, "body", ""));

  _liveline_post_set_string (&self->image_path,
              json_object_get_string_member_with_default (object, "image_path", NULL));
  _liveline_post_set_string (&self->image_thumbnail,
              json_object_get_string_member_with_default (object, "image_thumbnail", NULL));
  _liveline_post_set_string (&self->image_name,
              json_object_get_string_member_with_default (object, "image_name", NULL));
  self->image_width = json_object_get_int_member_with_default (object, "image_width", 0);
  self->image_height = json_object_get_int_member_with_default (object, "image_height", 0);
  _liveline_post_notify_image (self);

  liveline_post_set_image_caption (self,
                                   json_object_get_string_member_with_default (object, "image_caption", ""));
  liveline_post_set_image_credit (self,
                                  json_object_get_string_member_with_default (object, "image_credit", ""));
  liveline_post_set_image_alt (self,
                               json_object_get_string_member_with_default (object, "image_alt", ""));

  g_object_thaw_notify (G_OBJECT (self));

  return TRUE;
}

