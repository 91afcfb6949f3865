/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void      liveline_credentials_store_async   (const char           *blog_uuid,
                                              const char           *endpoint_url,
                                              const char           *username,
                                              const char           *label,
                                              const char           *secret,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean  liveline_credentials_store_finish  (GAsyncResult         *result,
                                              GError              **error);
void      liveline_credentials_lookup_async  (const char           *blog_uuid,
                                              const char           *endpoint_url,
                                              const char           *username,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
char     *liveline_credentials_lookup_finish (GAsyncResult         *result,
                                              GError              **error);
void      liveline_credentials_forget_async  (const char           *blog_uuid,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean  liveline_credentials_forget_finish (GAsyncResult         *result,
                                              GError              **error);

G_END_DECLS
