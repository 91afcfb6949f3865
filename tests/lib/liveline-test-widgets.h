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
gboolean   liveline_test_press_shortcut   (GtkWidget  *focus,
                                           const char *accelerator);
GtkWindow *liveline_test_find_toplevel     (GType       type);
GtkWindow *liveline_test_wait_for_toplevel (GType       type);
GtkWidget *liveline_test_find_row_showing  (GtkWidget  *list,
                                            GType       row_type,
                                            const char *text);
GFile     *liveline_test_make_photo        (const char *dir,
                                            const char *name,
                                            guint32     rgba);
void       liveline_test_wait_for_row      (GtkWidget  *list,
                                            GType       row_type,
                                            const char *text,
                                            gboolean    shown);

/* A label that shows @text under @root, for liveline_test_label_is_shown()
 * and liveline_test_label_is_gone().
 */
typedef struct
{
  GtkWidget  *root;
  const char *text;
} LivelineTestLabelQuery;

GtkWidget *liveline_test_find_shown_label             (GtkWidget  *widget,
                                                       const char *text);
GtkWidget *liveline_test_find_shown_label_with_prefix (GtkWidget  *widget,
                                                       const char *prefix);
gboolean   liveline_test_label_is_shown               (gpointer    user_data);
gboolean   liveline_test_label_is_gone                (gpointer    user_data);

G_END_DECLS
