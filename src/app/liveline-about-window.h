/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkWindow *liveline_about_window_new (GError **error);

G_END_DECLS
