/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* The defaults of docs/api.md, "Limits". */
#define LIVELINE_SERVER_MAX_CONNECTIONS 256
#define LIVELINE_SERVER_HEADER_TIMEOUT  20
#define LIVELINE_SERVER_IDLE_TIMEOUT    30

typedef struct _LivelineServerConnections LivelineServerConnections;

LivelineServerConnections *liveline_server_connections_new        (SoupServer     *soup_server);
void                       liveline_server_connections_free       (LivelineServerConnections *self);
void                       liveline_server_connections_set_limits (LivelineServerConnections *self,
                                                                   guint           max_connections,
                                                                   guint           header_timeout,
                                                                   guint           idle_timeout);
gboolean                   liveline_server_connections_listen     (LivelineServerConnections *self,
                                                                   GSocketAddress  *address,
                                                                   GSocketAddress **effective,
                                                                   GError         **error);
void                       liveline_server_connections_stop       (LivelineServerConnections *self);
guint                      liveline_server_connections_get_count  (LivelineServerConnections *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LivelineServerConnections, liveline_server_connections_free)

G_END_DECLS
