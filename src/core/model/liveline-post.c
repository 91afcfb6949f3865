/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-post"

#include "config.h"

#include <string.h>

#include "liveline-enums.h"
#include "liveline-post-private.h"

/* One live update: what the journalist writes, and where it is in its life.
 * Setters notify, so an editor and the timeline row showing the same post
 * stay in step; the store decides when it is written to disk.
 *
 * The photo's fields are in liveline-post-image.c, the post's life in
 * liveline-post-lifecycle.c, and its content as a whole in
 * liveline-post-content.c.
 */

G_DEFINE_FINAL_TYPE (LivelinePost, liveline_post, G_TYPE_OBJECT)

/* Replaces *pointer with a copy of value; returns whether it changed. */
gboolean
_liveline_post_set_string (char       **pointer,
                           const char  *value)
{
  if (g_strcmp0 (*pointer, value) == 0)
    return FALSE;

  g_free (*pointer);
  *pointer = g_strdup (value);

  return TRUE;
}

static GParamSpec *properties[N_POST_PROPS];

/* Announces a change of one property, for the files that share the structure
 * but not the property table.
 */
void
_liveline_post_notify (LivelinePost *self,
                       guint         prop_id)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
liveline_post_finalize (GObject *object)
{
  LivelinePost *self = (LivelinePost *)object;

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->headline, g_free);
  g_clear_pointer (&self->body, g_free);
  g_clear_pointer (&self->author, g_free);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->updated_at, g_date_time_unref);
  g_clear_pointer (&self->published_at, g_date_time_unref);
  g_clear_pointer (&self->last_error, g_free);
  g_clear_pointer (&self->remote_id, g_free);
  g_clear_pointer (&self->remote_url, g_free);
  g_clear_pointer (&self->image_path, g_free);
  g_clear_pointer (&self->image_thumbnail, g_free);
  g_clear_pointer (&self->image_name, g_free);
  g_clear_pointer (&self->image_caption, g_free);
  g_clear_pointer (&self->image_credit, g_free);
  g_clear_pointer (&self->image_alt, g_free);
  g_clear_pointer (&self->published_snapshot, g_free);
  g_clear_pointer (&self->published, json_object_unref);

  G_OBJECT_CLASS (liveline_post_parent_class)->finalize (object);
}

static void
liveline_post_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LivelinePost *self = LIVELINE_POST (object);

  switch (prop_id)
    {
    case POST_PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case POST_PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;

    case POST_PROP_BLOG_ID:
      g_value_set_int64 (value, self->blog_id);
      break;

    case POST_PROP_HEADLINE:
      g_value_set_string (value, self->headline);
      break;

    case POST_PROP_BODY:
      g_value_set_string (value, self->body);
      break;

    case POST_PROP_AUTHOR:
      g_value_set_string (value, self->author);
      break;

    case POST_PROP_PINNED:
      g_value_set_boolean (value, self->pinned);
      break;

    case POST_PROP_KEY_MOMENT:
      g_value_set_boolean (value, self->key_moment);
      break;

    case POST_PROP_CREATED_AT:
      g_value_set_boxed (value, self->created_at);
      break;

    case POST_PROP_UPDATED_AT:
      g_value_set_boxed (value, self->updated_at);
      break;

    case POST_PROP_PUBLISHED_AT:
      g_value_set_boxed (value, self->published_at);
      break;

    case POST_PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case POST_PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;

    case POST_PROP_REMOTE_ID:
      g_value_set_string (value, self->remote_id);
      break;

    case POST_PROP_REMOTE_URL:
      g_value_set_string (value, self->remote_url);
      break;

    case POST_PROP_REVISION:
      g_value_set_uint (value, self->revision);
      break;

    case POST_PROP_IMAGE_PATH:
      g_value_set_string (value, self->image_path);
      break;

    case POST_PROP_IMAGE_THUMBNAIL:
      g_value_set_string (value, self->image_thumbnail);
      break;

    case POST_PROP_IMAGE_NAME:
      g_value_set_string (value, self->image_name);
      break;

    case POST_PROP_IMAGE_WIDTH:
      g_value_set_uint (value, self->image_width);
      break;

    case POST_PROP_IMAGE_HEIGHT:
      g_value_set_uint (value, self->image_height);
      break;

    case POST_PROP_IMAGE_HAD_LOCATION:
      g_value_set_boolean (value, self->image_had_location);
      break;

    case POST_PROP_IMAGE_CAPTION:
      g_value_set_string (value, self->image_caption);
      break;

    case POST_PROP_IMAGE_CREDIT:
      g_value_set_string (value, self->image_credit);
      break;

    case POST_PROP_IMAGE_ALT:
      g_value_set_string (value, self->image_alt);
      break;

    case POST_PROP_HAS_IMAGE:
      g_value_set_boolean (value, liveline_post_has_image (self));
      break;

    case POST_PROP_EDITED:
      g_value_set_boolean (value, self->edited);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liveline_post_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  LivelinePost *self = LIVELINE_POST (object);

  switch (prop_id)
    {
    case POST_PROP_UUID:
      self->uuid = g_value_dup_string (value);
      break;

    case POST_PROP_BLOG_ID:
      self->blog_id = g_value_get_int64 (value);
      break;

    case POST_PROP_HEADLINE:
      liveline_post_set_headline (self, g_value_get_string (value));
      break;

    case POST_PROP_BODY:
      liveline_post_set_body (self, g_value_get_string (value));
      break;

    case POST_PROP_AUTHOR:
      liveline_post_set_author (self, g_value_get_string (value));
      break;

    case POST_PROP_PINNED:
      liveline_post_set_pinned (self, g_value_get_boolean (value));
      break;

    case POST_PROP_KEY_MOMENT:
      liveline_post_set_key_moment (self, g_value_get_boolean (value));
      break;

    case POST_PROP_IMAGE_CAPTION:
      liveline_post_set_image_caption (self, g_value_get_string (value));
      break;

    case POST_PROP_IMAGE_CREDIT:
      liveline_post_set_image_credit (self, g_value_get_string (value));
      break;

    case POST_PROP_IMAGE_ALT:
      liveline_post_set_image_alt (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Whether the post is published but differs from what the endpoint has
 * follows every change of its content, its flags and its state: it is
 * worked out as the changes are announced, and announced with them.
 */
static void
liveline_post_dispatch_properties_changed (GObject     *object,
                                           guint        n_pspecs,
                                           GParamSpec **pspecs)
{
  LivelinePost *self = LIVELINE_POST (object);
  gboolean edited = self->state == LIVELINE_POST_STATE_PUBLISHED &&
                    _liveline_post_differs_from_published (self);

  if (self->edited != edited)
    {
      g_autofree GParamSpec **with_edited = g_new (GParamSpec *, n_pspecs + 1);

      self->edited = edited;
      memcpy (with_edited, pspecs, n_pspecs * sizeof *pspecs);
      with_edited[n_pspecs] = properties[POST_PROP_EDITED];
      G_OBJECT_CLASS (liveline_post_parent_class)->dispatch_properties_changed (object,
                                                                                n_pspecs + 1,
                                                                                with_edited);
      return;
    }

  G_OBJECT_CLASS (liveline_post_parent_class)->dispatch_properties_changed (object, n_pspecs,
                                                                            pspecs);
}

static void
liveline_post_class_init (LivelinePostClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = liveline_post_finalize;
  object_class->get_property = liveline_post_get_property;
  object_class->set_property = liveline_post_set_property;
  object_class->dispatch_properties_changed = liveline_post_dispatch_properties_changed;

  /* The row of the post in the store, 0 until it is stored. */
  properties[POST_PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READABLE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  /* The post's own identifier, made when it is written; never changes. */
  properties[POST_PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  /* The live blog the post belongs to. */
  properties[POST_PROP_BLOG_ID] =
    g_param_spec_int64 ("blog-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS));

  /* The optional headline. */
  properties[POST_PROP_HEADLINE] =
    g_param_spec_string ("headline", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* The body, in Markdown. */
  properties[POST_PROP_BODY] =
    g_param_spec_string ("body", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* Who wrote the update. */
  properties[POST_PROP_AUTHOR] =
    g_param_spec_string ("author", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* Whether the update stays on top of the live page. */
  properties[POST_PROP_PINNED] =
    g_param_spec_boolean ("pinned", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  /* Whether the update is marked as a key moment. */
  properties[POST_PROP_KEY_MOMENT] =
    g_param_spec_boolean ("key-moment", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  /* When the update was first written. */
  properties[POST_PROP_CREATED_AT] =
    g_param_spec_boxed ("created-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READABLE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  /* When the update was last saved. */
  properties[POST_PROP_UPDATED_AT] =
    g_param_spec_boxed ("updated-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READABLE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  /* When the endpoint first published the update. */
  properties[POST_PROP_PUBLISHED_AT] =
    g_param_spec_boxed ("published-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READABLE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  /* Where the post is in its life. */
  properties[POST_PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       LIVELINE_TYPE_POST_STATE,
                       LIVELINE_POST_STATE_DRAFT,
                       (G_PARAM_READABLE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  /* The endpoint's last complaint, in words. */
  properties[POST_PROP_LAST_ERROR] =
    g_param_spec_string ("last-error", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* The endpoint's identifier for the post. */
  properties[POST_PROP_REMOTE_ID] =
    g_param_spec_string ("remote-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* Where the post can be read on the site. */
  properties[POST_PROP_REMOTE_URL] =
    g_param_spec_string ("remote-url", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* How many times the content was saved with a change. */
  properties[POST_PROP_REVISION] =
    g_param_spec_uint ("revision", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  /* The stored copy of the photo, or NULL. */
  properties[POST_PROP_IMAGE_PATH] =
    g_param_spec_string ("image-path", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* A small copy of the photo for lists. */
  properties[POST_PROP_IMAGE_THUMBNAIL] =
    g_param_spec_string ("image-thumbnail", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* The name of the file the photo came from. */
  properties[POST_PROP_IMAGE_NAME] =
    g_param_spec_string ("image-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* The width of the stored photo, in pixels. */
  properties[POST_PROP_IMAGE_WIDTH] =
    g_param_spec_uint ("image-width", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  /* The height of the stored photo, in pixels. */
  properties[POST_PROP_IMAGE_HEIGHT] =
    g_param_spec_uint ("image-height", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  /* Whether the original photo said where it was taken. */
  properties[POST_PROP_IMAGE_HAD_LOCATION] =
    g_param_spec_boolean ("image-had-location", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  /* The caption under the photo. */
  properties[POST_PROP_IMAGE_CAPTION] =
    g_param_spec_string ("image-caption", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* Who the photo is credited to, as in “Reuters”. */
  properties[POST_PROP_IMAGE_CREDIT] =
    g_param_spec_string ("image-credit", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* The photo described for people who cannot see it. */
  properties[POST_PROP_IMAGE_ALT] =
    g_param_spec_string ("image-alt", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* Whether a photo is attached. */
  properties[POST_PROP_HAS_IMAGE] =
    g_param_spec_boolean ("has-image", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  /* Published, then changed here in a way the endpoint does not have yet:
   * what it shows is not what the journalist sees until a correction goes.
   */
  properties[POST_PROP_EDITED] =
    g_param_spec_boolean ("edited", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_POST_PROPS, properties);
}

static void
liveline_post_init (LivelinePost *self)
{
  self->headline = g_strdup ("");
  self->body = g_strdup ("");
  self->author = g_strdup ("");
  self->image_caption = g_strdup ("");
  self->image_credit = g_strdup ("");
  self->image_alt = g_strdup ("");
}

/**
 * liveline_post_new:
 * @uuid: (nullable): the post's identifier, or %NULL to make a new one
 * @blog_id: the live blog the post belongs to
 *
 * Returns: (transfer full): a new draft, not yet stored
 */
LivelinePost *
liveline_post_new (const char *uuid,
                   gint64      blog_id)
{
  g_autofree char *fresh = NULL;

  if (uuid == NULL)
    uuid = fresh = g_uuid_string_random ();

  return g_object_new (LIVELINE_TYPE_POST,
                       "uuid", uuid,
                       "blog-id", blog_id,
                       NULL);
}

gint64
liveline_post_get_id (LivelinePost *self)
{
  g_return_val_if_fail (LIVELINE_IS_POST (self), 0);

  return self->id;
}

const char *
liveline_post_get_uuid (LivelinePost *self)
{
  g_return_val_if_fail (LIVELINE_IS_POST (self), NULL);

  return self->uuid;
}

gint64
liveline_post_get_blog_id (LivelinePost *self)
{
  g_return_val_if_fail (LIVELINE_IS_POST (self), 0);

  return self->blog_id;
}

const char *
liveline_post_get_headline (LivelinePost *self)
{
  g_return_val_if_fail (LIVELINE_IS_POST (self), NULL);

  return self->headline;
}

void
liveline_post_set_headline (LivelinePost *self,
                            const char   *headline)
{
  g_return_if_fail (LIVELINE_IS_POST (self));

  if (headline == NULL)
    headline = "";

  if (_liveline_post_set_string (&self->headline, headline))
    g_object_notify_by_pspec (G_OBJECT (self), properties[POST_PROP_HEADLINE]);
}

const char *
liveline_post_get_body (LivelinePost *self)
{
  g_return_val_if_fail (LIVELINE_IS_POST (self), NULL);

  return self->body;
}

void
liveline_post_set_body (LivelinePost *self,
                        const char   *body)
{
  g_return_if_fail (LIVELINE_IS_POST (self));

  if (body == NULL)
    body = "";

  if (_liveline_post_set_string (&self->body, body))
    g_object_notify_by_pspec (G_OBJECT (self), properties[POST_PROP_BODY]);
}

const char *
liveline_post_get_author (LivelinePost *self)
{
  g_return_val_if_fail (LIVELINE_IS_POST (self), NULL);

  return self->author;
}

void
liveline_post_set_author (LivelinePost *self,
                          const char   *author)
{
  g_return_if_fail (LIVELINE_IS_POST (self));

  if (author == NULL)
    author = "";

  if (_liveline_post_set_string (&self->author, author))
    g_object_notify_by_pspec (G_OBJECT (self), properties[POST_PROP_AUTHOR]);
}

gboolean
liveline_post_get_pinned (LivelinePost *self)
{
  g_return_val_if_fail (LIVELINE_IS_POST (self), FALSE);

  return self->pinned;
}

void
liveline_post_set_pinned (LivelinePost *self,
                          gboolean      pinned)
{
  g_return_if_fail (LIVELINE_IS_POST (self));

  pinned = !!pinned;
  if (self->pinned != pinned)
    {
      self->pinned = pinned;
      g_object_notify_by_pspec (G_OBJECT (self), properties[POST_PROP_PINNED]);
    }
}

gboolean
liveline_post_get_key_moment (LivelinePost *self)
{
  g_return_val_if_fail (LIVELINE_IS_POST (self), FALSE);

  return self->key_moment;
}

void
liveline_post_set_key_moment (LivelinePost *self,
                              gboolean      key_moment)
{
  g_return_if_fail (LIVELINE_IS_POST (self));

  key_moment = !!key_moment;
  if (self->key_moment != key_moment)
    {
      self->key_moment = key_moment;
      g_object_notify_by_pspec (G_OBJECT (self), properties[POST_PROP_KEY_MOMENT]);
    }
}
