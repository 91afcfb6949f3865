/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void liveline_first_frame_start (void);
void liveline_first_frame_watch (GtkWindow *window);

G_END_DECLS
