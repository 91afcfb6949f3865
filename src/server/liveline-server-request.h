/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The largest JSON body the API reads, in bytes (docs/api.md). */
#define LIVELINE_SERVER_MAX_JSON_SIZE (1024 * 1024)

/* How deep arrays and objects may nest in a JSON body (docs/api.md). */
#define LIVELINE_SERVER_MAX_JSON_DEPTH 64

gboolean  liveline_server_check_json_depth (const char  *data,
                                            gsize        size,
                                            guint        max_depth,
                                            GError     **error);
JsonNode *liveline_server_parse_json_body  (const char  *data,
                                            gsize        size,
                                            GError     **error);

G_END_DECLS
