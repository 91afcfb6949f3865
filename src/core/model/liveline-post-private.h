/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <json-glib/json-glib.h>

#include "liveline-post.h"

G_BEGIN_DECLS

/* The store fills posts it loads straight into this structure. */
struct _LivelinePost
{
  GObject            parent_instance;

  gint64             id;
  char              *uuid;
  gint64             blog_id;
  char              *headline;
  char              *body;
  char              *author;
  GDateTime         *created_at;
  GDateTime         *updated_at;
  GDateTime         *published_at;
  char              *last_error;
  char              *remote_id;
  char              *remote_url;
  guint              revision;
  LivelinePostState  state;

  char              *image_path;
  char              *image_thumbnail;
  char              *image_name;
  char              *image_caption;
  char              *image_credit;
  char              *image_alt;
  guint              image_width;
  guint              image_height;

  /* What the endpoint was last sent and accepted (see
   * liveline-post-published.c), or NULL when not known. */
  char              *published_snapshot;
  JsonObject        *published;

  guint              pinned : 1;
  guint              key_moment : 1;
  guint              image_had_location : 1;
  guint              edited : 1;
};

/* The post's properties, which the files sharing the structure announce
 * through _liveline_post_notify().
 */
enum {
  POST_PROP_0,
  POST_PROP_ID,
  POST_PROP_UUID,
  POST_PROP_BLOG_ID,
  POST_PROP_HEADLINE,
  POST_PROP_BODY,
  POST_PROP_AUTHOR,
  POST_PROP_PINNED,
  POST_PROP_KEY_MOMENT,
  POST_PROP_CREATED_AT,
  POST_PROP_UPDATED_AT,
  POST_PROP_PUBLISHED_AT,
  POST_PROP_STATE,
  POST_PROP_LAST_ERROR,
  POST_PROP_REMOTE_ID,
  POST_PROP_REMOTE_URL,
  POST_PROP_REVISION,
  POST_PROP_IMAGE_PATH,
  POST_PROP_IMAGE_THUMBNAIL,
  POST_PROP_IMAGE_NAME,
  POST_PROP_IMAGE_WIDTH,
  POST_PROP_IMAGE_HEIGHT,
  POST_PROP_IMAGE_HAD_LOCATION,
  POST_PROP_IMAGE_CAPTION,
  POST_PROP_IMAGE_CREDIT,
  POST_PROP_IMAGE_ALT,
  POST_PROP_HAS_IMAGE,
  POST_PROP_EDITED,
  N_POST_PROPS
};

gboolean _liveline_post_set_string   (char         **pointer,
                                      const char    *value);
void     _liveline_post_notify       (LivelinePost  *self,
                                      guint          prop_id);
void     _liveline_post_notify_image (LivelinePost  *self);
void     _liveline_post_set_stored   (LivelinePost  *self,
                                      gint64         id,
                                      GDateTime     *created_at);
void     _liveline_post_set_outcome  (LivelinePost      *self,
                                      LivelinePostState  state,
                                      const char        *last_error);
void     _liveline_post_set_remote   (LivelinePost  *self,
                                      const char    *remote_id,
                                      const char    *remote_url,
                                      GDateTime     *published_at);
void     _liveline_post_set_saved    (LivelinePost  *self,
                                      GDateTime     *updated_at,
                                      guint          revision);
void     _liveline_post_set_published (LivelinePost *self,
                                       const char   *snapshot);
const char *_liveline_post_get_published_snapshot (LivelinePost *self);
char    *_liveline_post_dup_sent_snapshot (LivelinePost *self);
gboolean _liveline_post_differs_from_published (LivelinePost *self);

G_END_DECLS
