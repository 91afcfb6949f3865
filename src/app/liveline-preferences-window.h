/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <adwaita.h>

#include "liveline-blog.h"
#include "liveline-session.h"
#include "liveline-settings.h"

G_BEGIN_DECLS

#define LIVELINE_TYPE_PREFERENCES_WINDOW (liveline_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (LivelinePreferencesWindow, liveline_preferences_window,
                      LIVELINE, PREFERENCES_WINDOW, AdwPreferencesWindow)

LivelinePreferencesWindow *liveline_preferences_window_new              (LivelineSettings          *settings,
                                                                        LivelineSession           *session,
                                                                        LivelineBlog              *blog);
void                       liveline_preferences_window_show_destination (LivelinePreferencesWindow *self);

G_END_DECLS
