/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <gio/gio.h>

#include "liveline-types.h"

G_BEGIN_DECLS

#define LIVELINE_TYPE_BLOG (liveline_blog_get_type ())

G_DECLARE_FINAL_TYPE (LivelineBlog, liveline_blog, LIVELINE, BLOG, GObject)

gint64      liveline_blog_get_id               (LivelineBlog *self);
const char *liveline_blog_get_uuid             (LivelineBlog *self);
const char *liveline_blog_get_name             (LivelineBlog *self);
const char *liveline_blog_get_slug             (LivelineBlog *self);
GDateTime  *liveline_blog_get_created_at       (LivelineBlog *self);
gboolean    liveline_blog_get_archived         (LivelineBlog *self);
const char *liveline_blog_get_destination_kind (LivelineBlog *self);
const char *liveline_blog_get_endpoint_url     (LivelineBlog *self);
const char *liveline_blog_get_remote_blog_id   (LivelineBlog *self);
const char *liveline_blog_get_username         (LivelineBlog *self);
char       *liveline_blog_slug_from_name       (const char   *name);

G_END_DECLS
