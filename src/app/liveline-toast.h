/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

AdwToast *liveline_toast_new      (const char *text);
void      liveline_toast_set_text (AdwToast   *toast,
                                   const char *text);

G_END_DECLS
