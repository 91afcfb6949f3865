/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

GError   *liveline_endpoint_url_check   (const char *url);
gboolean  liveline_uri_is_safe_to_open  (const char *uri);
char     *liveline_uri_resolve_web      (const char *base,
                                         const char *reference);

G_END_DECLS
