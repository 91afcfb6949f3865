/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <gio/gio.h>

#include "liveline-types.h"

G_BEGIN_DECLS

#define LIVELINE_TYPE_POST (liveline_post_get_type ())

G_DECLARE_FINAL_TYPE (LivelinePost, liveline_post, LIVELINE, POST, GObject)

LivelinePost      *liveline_post_new                 (const char        *uuid,
                                                      gint64             blog_id);
gint64             liveline_post_get_id              (LivelinePost      *self);
const char        *liveline_post_get_uuid            (LivelinePost      *self);
gint64             liveline_post_get_blog_id         (LivelinePost      *self);
const char        *liveline_post_get_headline        (LivelinePost      *self);
void               liveline_post_set_headline        (LivelinePost      *self,
                                                      const char        *headline);
const char        *liveline_post_get_body            (LivelinePost      *self);
void               liveline_post_set_body            (LivelinePost      *self,
                                                      const char        *body);
const char        *liveline_post_get_author          (LivelinePost      *self);
void               liveline_post_set_author          (LivelinePost      *self,
                                                      const char        *author);
gboolean           liveline_post_get_pinned          (LivelinePost      *self);
void               liveline_post_set_pinned          (LivelinePost      *self,
                                                      gboolean           pinned);
gboolean           liveline_post_get_key_moment      (LivelinePost      *self);
void               liveline_post_set_key_moment      (LivelinePost      *self,
                                                      gboolean           key_moment);
GDateTime         *liveline_post_get_created_at      (LivelinePost      *self);
GDateTime         *liveline_post_get_updated_at      (LivelinePost      *self);
GDateTime         *liveline_post_get_published_at    (LivelinePost      *self);
LivelinePostState  liveline_post_get_state           (LivelinePost      *self);
const char        *liveline_post_get_last_error      (LivelinePost      *self);
const char        *liveline_post_get_remote_id       (LivelinePost      *self);
const char        *liveline_post_get_remote_url      (LivelinePost      *self);
guint              liveline_post_get_revision        (LivelinePost      *self);
gboolean           liveline_post_has_image           (LivelinePost      *self);
const char        *liveline_post_get_image_path      (LivelinePost      *self);
const char        *liveline_post_get_image_thumbnail (LivelinePost      *self);
const char        *liveline_post_get_image_name      (LivelinePost      *self);
guint              liveline_post_get_image_width     (LivelinePost      *self);
guint              liveline_post_get_image_height    (LivelinePost      *self);
gboolean           liveline_post_get_image_had_location (LivelinePost   *self);
const char        *liveline_post_get_image_caption   (LivelinePost      *self);
void               liveline_post_set_image_caption   (LivelinePost      *self,
                                                      const char        *caption);
const char        *liveline_post_get_image_credit    (LivelinePost      *self);
void               liveline_post_set_image_credit    (LivelinePost      *self,
                                                      const char        *credit);
const char        *liveline_post_get_image_alt       (LivelinePost      *self);
void               liveline_post_set_image_alt       (LivelinePost      *self,
                                                      const char        *alt);
void               liveline_post_set_image           (LivelinePost      *self,
                                                      LivelineImage     *image);
void               liveline_post_clear_image         (LivelinePost      *self);
char              *liveline_post_dup_content_snapshot (LivelinePost     *self);
gboolean           liveline_post_apply_content_snapshot (LivelinePost   *self,
                                                      const char        *snapshot,
                                                      GError           **error);
gboolean           liveline_post_is_empty            (LivelinePost      *self);
gboolean           liveline_post_get_edited          (LivelinePost      *self);
const char        *liveline_post_get_published_headline (LivelinePost   *self);
const char        *liveline_post_get_published_body  (LivelinePost      *self);

G_END_DECLS
