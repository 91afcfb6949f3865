/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <gtk/gtk.h>

#include "liveline-core.h"

G_BEGIN_DECLS

#define LIVELINE_TYPE_POST_ROW (liveline_post_row_get_type ())

G_DECLARE_FINAL_TYPE (LivelinePostRow, liveline_post_row, LIVELINE, POST_ROW, GtkWidget)

GtkWidget    *liveline_post_row_new      (void);
LivelinePost *liveline_post_row_get_post (LivelinePostRow *self);
void          liveline_post_row_set_post (LivelinePostRow *self,
                                          LivelinePost    *post);

G_END_DECLS
