/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LIVELINE_TYPE_TIMELINE_PANE (liveline_timeline_pane_get_type ())

G_DECLARE_FINAL_TYPE (LivelineTimelinePane, liveline_timeline_pane, LIVELINE, TIMELINE_PANE, GtkWidget)

G_END_DECLS
