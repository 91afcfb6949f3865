/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkWidget *liveline_test_find_widget (GtkWidget  *root,
                                      GType       type,
                                      const char *property,
                                      const char *value);
gboolean   liveline_test_widget_is_mapped (gpointer   user_data);

G_END_DECLS
