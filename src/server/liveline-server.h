/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

#define LIVELINE_TYPE_SERVER (liveline_server_get_type ())

G_DECLARE_FINAL_TYPE (LivelineServer, liveline_server, LIVELINE, SERVER, GObject)

LivelineServer *liveline_server_new            (void);
gboolean        liveline_server_listen         (LivelineServer  *self,
                                                const char      *address,
                                                guint            port,
                                                GError         **error);
void            liveline_server_disconnect     (LivelineServer  *self);
guint           liveline_server_get_port       (LivelineServer  *self);
char           *liveline_server_dup_url        (LivelineServer  *self);
gboolean        liveline_server_open_data      (LivelineServer  *self,
                                                const char      *data_dir,
                                                GError         **error);
void            liveline_server_add_token      (LivelineServer  *self,
                                                const char      *token);
void            liveline_server_add_scoped_token (LivelineServer     *self,
                                                  const char         *token,
                                                  const char * const *blogs);
gboolean        liveline_server_add_token_line (LivelineServer  *self,
                                                const char      *line,
                                                GError         **error);
void            liveline_server_set_connection_limits (LivelineServer *self,
                                                       guint           max_connections,
                                                       guint           header_timeout,
                                                       guint           idle_timeout);
void            liveline_server_set_open       (LivelineServer  *self,
                                                gboolean         open);
gboolean        liveline_server_set_fault_plan (LivelineServer  *self,
                                                const char      *text,
                                                GError         **error);

G_END_DECLS
