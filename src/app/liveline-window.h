/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <adwaita.h>

#include "liveline-application.h"

G_BEGIN_DECLS

#define LIVELINE_TYPE_WINDOW (liveline_window_get_type ())

G_DECLARE_FINAL_TYPE (LivelineWindow, liveline_window, LIVELINE, WINDOW, AdwApplicationWindow)

LivelineWindow *liveline_window_new                 (LivelineApplication *application);
GtkWidget      *liveline_window_get_timeline_pane   (LivelineWindow      *self);
GtkWidget      *liveline_window_get_editor_pane     (LivelineWindow      *self);
GtkWidget      *liveline_window_get_blog_switcher   (LivelineWindow      *self);
GtkWidget      *liveline_window_get_post_editor     (LivelineWindow      *self);
LivelineBlog   *liveline_window_get_blog            (LivelineWindow      *self);

G_END_DECLS
