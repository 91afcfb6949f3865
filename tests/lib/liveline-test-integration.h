/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

GHashTable *liveline_test_integration_servers (void);
const char *liveline_test_integration_get     (GHashTable *servers,
                                               const char *key);
guint       liveline_test_integration_count_micropub_files (GHashTable *servers,
                                                            const char *slug);

G_END_DECLS
