/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LIVELINE_TYPE_BLOG_SWITCHER (liveline_blog_switcher_get_type ())

G_DECLARE_FINAL_TYPE (LivelineBlogSwitcher, liveline_blog_switcher, LIVELINE, BLOG_SWITCHER, GtkWidget)

G_END_DECLS
