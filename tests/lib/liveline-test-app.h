/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <adwaita.h>

#include "liveline-application.h"
#include "liveline-window.h"

G_BEGIN_DECLS

GtkWidget      *liveline_test_find                   (GtkWidget            *root,
                                                      GType                 type,
                                                      const char           *property,
                                                      const char           *value);
GtkEditable    *liveline_test_find_entry_row         (GtkWidget            *root,
                                                      const char           *title);
void            liveline_test_click                  (GtkWidget            *root,
                                                      const char           *label);
void            liveline_test_wait_for_label         (GtkWidget            *root,
                                                      const char           *text);
void            liveline_test_take_screenshot        (GtkWidget            *window,
                                                      const char           *name);
void            liveline_test_capture_page           (const char           *url,
                                                      const char           *name);
void            liveline_test_write_update           (GtkWidget            *editor,
                                                      const char           *headline,
                                                      const char           *body);
gboolean        liveline_test_image_field_is_idle    (gpointer              user_data);
void            liveline_test_add_photo              (GtkWidget            *editor,
                                                      const char           *dir,
                                                      const char           *caption,
                                                      const char           *credit,
                                                      const char           *alt);
LivelineWindow *liveline_test_open_window_on_new_blog (LivelineApplication *application,
                                                      const char           *name,
                                                      LivelineBlog        **blog);

G_END_DECLS
