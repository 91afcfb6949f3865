/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <json-glib/json-glib.h>

#include "liveline-server.h"
#include "liveline-server-connections.h"
#include "liveline-server-fault-plan.h"
#include "liveline-server-store.h"
#include "liveline-server-tokens.h"

G_BEGIN_DECLS

/* The largest photo the API accepts, in bytes (docs/api.md). */
#define LIVELINE_SERVER_MAX_MEDIA_SIZE (20 * 1024 * 1024)

/* How many updates one live page shows. */
#define LIVELINE_SERVER_PAGE_SIZE 20

struct _LivelineServer
{
  GObject                    parent_instance;

  SoupServer                *soup_server;
  LivelineServerConnections *connections;
  GUri                      *uri;
  LivelineServerStore       *store;
  LivelineServerTokens      *tokens;
  LivelineServerFaultPlan   *fault_plan;
  guint64                    api_requests;
  gboolean                   open;
};

void        _liveline_server_handle_api       (SoupServer          *soup_server,
                                               SoupServerMessage   *message,
                                               const char          *path,
                                               GHashTable          *query,
                                               gpointer             user_data);
void        _liveline_server_handle_page      (SoupServer          *soup_server,
                                               SoupServerMessage   *message,
                                               const char          *path,
                                               GHashTable          *query,
                                               gpointer             user_data);
void        _liveline_server_handle_media     (SoupServer          *soup_server,
                                               SoupServerMessage   *message,
                                               const char          *path,
                                               GHashTable          *query,
                                               gpointer             user_data);
void        _liveline_server_upload_media     (LivelineServer      *self,
                                               SoupServerMessage   *message,
                                               GHashTable          *query);
void        _liveline_server_create_post      (LivelineServer      *self,
                                               SoupServerMessage   *message,
                                               const char          *blog);
void        _liveline_server_update_post      (LivelineServer      *self,
                                               SoupServerMessage   *message,
                                               const char          *blog,
                                               const char          *id);
void        _liveline_server_delete_post      (LivelineServer      *self,
                                               SoupServerMessage   *message,
                                               const char          *blog,
                                               const char          *id);
void        _liveline_server_list_posts       (LivelineServer      *self,
                                               SoupServerMessage   *message,
                                               const char          *blog,
                                               GHashTable          *query);
void        _liveline_server_find_by_key      (LivelineServer      *self,
                                               SoupServerMessage   *message,
                                               const char          *key,
                                               const char * const  *blogs);
gboolean    _liveline_server_authorize        (LivelineServer      *self,
                                               SoupServerMessage   *message,
                                               const char * const **blogs);
void        _liveline_server_respond_unauthorized (SoupServerMessage *message);
void        _liveline_server_respond_too_large (SoupServerMessage  *message);
void        _liveline_server_respond_bad_key  (SoupServerMessage   *message);
void        _liveline_server_log_request      (SoupServerMessage   *message);
void        _liveline_server_guard_request    (SoupServer          *soup_server,
                                               SoupServerMessage   *message,
                                               gpointer             user_data);
gboolean    _liveline_server_take_fault       (SoupServerMessage   *message,
                                               LivelineServerFault *fault);
void        _liveline_server_respond          (SoupServerMessage   *message,
                                               guint                status,
                                               const char          *content_type,
                                               GBytes              *body);
void        _liveline_server_respond_problem  (SoupServerMessage   *message,
                                               guint                status,
                                               const char          *type,
                                               const char          *detail_format,
                                               ...) G_GNUC_PRINTF (  4,
                                               5);
void        _liveline_server_set_header       (SoupServerMessage   *message,
                                               const char          *name,
                                               const char          *value);
const char *_liveline_server_get_header       (SoupServerMessage   *message,
                                               const char          *name);
GBytes     *_liveline_server_dup_request_body (SoupServerMessage   *message);
GBytes     *_liveline_server_builder_to_bytes (JsonBuilder         *builder);
char       *_liveline_server_hash_request     (SoupServerMessage   *message,
                                               GBytes              *body);
gboolean    _liveline_server_is_valid_key     (const char          *key);
gboolean    _liveline_server_replay_key       (LivelineServer      *self,
                                               SoupServerMessage   *message,
                                               const char          *key,
                                               const char          *request_hash);
void        _liveline_server_save_key         (LivelineServer      *self,
                                               const char          *key,
                                               const char          *request_hash,
                                               guint                status,
                                               GBytes              *response,
                                               const char          *blog,
                                               const char          *post_id);
char       *_liveline_server_dup_base         (SoupServerMessage   *message);
char       *_liveline_server_format_time      (gint64               unix_time);
char       *_liveline_server_post_url         (const char          *base,
                                               LivelineServerPost  *post);
char       *_liveline_server_encode_cursor    (LivelineServerPost  *post);
gboolean    _liveline_server_decode_cursor    (const char          *cursor,
                                               gboolean            *pinned,
                                               gint64              *seq);
gboolean    _liveline_server_is_slug          (const char          *text);
char       *_liveline_server_render_page      (LivelineServer      *self,
                                               const char          *blog,
                                               const char          *before,
                                               guint               *status);

G_END_DECLS
