/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <adwaita.h>

#include "liveline-core.h"
#include "liveline-settings.h"

G_BEGIN_DECLS

#define LIVELINE_TYPE_APPLICATION (liveline_application_get_type ())

G_DECLARE_FINAL_TYPE (LivelineApplication, liveline_application, LIVELINE, APPLICATION,
                      AdwApplication)

LivelineApplication *liveline_application_new          (void);
LivelineSettings    *liveline_application_get_settings (LivelineApplication *self);
LivelineSession     *liveline_application_get_session  (LivelineApplication *self);
void                 liveline_application_show_preferences (LivelineApplication *self,
                                                            gboolean             destination);

G_END_DECLS
