/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <json-glib/json-glib.h>

#include "liveline-image.h"
#include "liveline-store.h"

G_BEGIN_DECLS

/* How long a Micropub test waits for the server or the outbox. */
#define LIVELINE_TEST_MICROPUB_WAIT_MS 10000

GBytes        *liveline_test_micropub_fetch         (const char    *url,
                                                     const char    *token,
                                                     guint         *status);
JsonObject    *liveline_test_micropub_source        (GHashTable    *servers,
                                                     const char    *post_url);
const char    *liveline_test_micropub_photo_url     (JsonObject    *properties);
char          *liveline_test_micropub_make_photo    (const char    *dir,
                                                     const char    *name);
LivelineImage *liveline_test_micropub_prepare_photo (LivelineStore *store,
                                                     const char    *name);
guint          liveline_test_micropub_count_uploads (GHashTable    *servers,
                                                     const char    *path);

G_END_DECLS
