/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef gboolean (*LivelineTestCondition) (gpointer user_data);

char     *liveline_test_make_home   (void);
void      liveline_test_remove_tree (const char            *path);
void      liveline_test_write_file  (const char            *path,
                                     const void            *data,
                                     gssize                 length);
void      liveline_test_add_file    (const char            *root,
                                     const char            *relative,
                                     const char            *contents);
gboolean  liveline_test_wait_for    (LivelineTestCondition  condition,
                                     gpointer               user_data,
                                     guint                  timeout_ms);
char     *liveline_test_source_path (const char            *first_element,
                                     ...) G_GNUC_NULL_TERMINATED;
void      liveline_test_run_for     (guint                  ms);
gboolean  liveline_test_pointer_is_null (gpointer        user_data);
void      liveline_test_keep_result (GObject               *object,
                                     GAsyncResult          *result,
                                     gpointer               user_data);
gboolean  liveline_test_wait_for_result (GAsyncResult     **result,
                                         guint              timeout_ms);

G_END_DECLS
