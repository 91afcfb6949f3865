/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include "liveline-blog.h"

G_BEGIN_DECLS

LivelineBlog *_liveline_blog_new             (gint64        id,
                                              const char   *uuid,
                                              const char   *name,
                                              const char   *slug,
                                              GDateTime    *created_at,
                                              gboolean      archived);
void          _liveline_blog_set_name        (LivelineBlog *self,
                                              const char   *name);
void          _liveline_blog_set_archived    (LivelineBlog *self,
                                              gboolean      archived);
void          _liveline_blog_set_destination (LivelineBlog *self,
                                              const char   *kind,
                                              const char   *endpoint_url,
                                              const char   *remote_blog_id,
                                              const char   *username);

G_END_DECLS
