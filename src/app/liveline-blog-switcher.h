/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <gtk/gtk.h>

#include "liveline-core.h"

G_BEGIN_DECLS

#define LIVELINE_TYPE_BLOG_SWITCHER (liveline_blog_switcher_get_type ())

G_DECLARE_FINAL_TYPE (LivelineBlogSwitcher, liveline_blog_switcher, LIVELINE, BLOG_SWITCHER,
                      GtkWidget)

LivelineStore *liveline_blog_switcher_get_store (LivelineBlogSwitcher *self);
void           liveline_blog_switcher_set_store (LivelineBlogSwitcher *self,
                                                 LivelineStore        *store);
LivelineBlog  *liveline_blog_switcher_get_blog  (LivelineBlogSwitcher *self);
void           liveline_blog_switcher_set_blog  (LivelineBlogSwitcher *self,
                                                 LivelineBlog         *blog);
void           liveline_blog_switcher_new_blog  (LivelineBlogSwitcher *self);

G_END_DECLS
