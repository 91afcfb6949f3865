/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void   liveline_test_fill_store       (const char *dir,
                                       guint       n_posts,
                                       guint       queued_every);
guint  liveline_test_damage_post_page (const char *path,
                                       guint       offset);
void   liveline_test_damage_table     (const char *path,
                                       const char *table);
guint  liveline_test_read_posts       (const char *path,
                                       guint       n_posts,
                                       gboolean   *readable);

G_END_DECLS
