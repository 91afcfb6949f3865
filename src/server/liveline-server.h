/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

#define LIVELINE_TYPE_SERVER (liveline_server_get_type ())

G_DECLARE_FINAL_TYPE (LivelineServer, liveline_server, LIVELINE, SERVER, GObject)

LivelineServer *liveline_server_new        (void);
gboolean        liveline_server_listen     (LivelineServer  *self,
                                            const char      *address,
                                            guint            port,
                                            GError         **error);
void            liveline_server_disconnect (LivelineServer  *self);
guint           liveline_server_get_port   (LivelineServer  *self);
char           *liveline_server_dup_url    (LivelineServer  *self);

G_END_DECLS
