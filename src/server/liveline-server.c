/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-server"

#include "config.h"

#include <glib/gi18n.h>

#include "liveline-server-private.h"

/* The reference endpoint: the server a journalist can preview a live blog
 * with, and the one the test suites publish to. It is built on SoupServer so
 * the same object runs in the liveline-server program and inside tests.
 */
G_DEFINE_FINAL_TYPE (LivelineServer, liveline_server, G_TYPE_OBJECT)

static GQuark started_quark;

static void
note_request_start (SoupServer        *soup_server,
                    SoupServerMessage *message,
                    gpointer           user_data)
{
  gint64 *started = g_new (gint64, 1);

  *started = g_get_monotonic_time ();
  g_object_set_qdata_full (G_OBJECT (message), started_quark, started, g_free);
}

/* One line a request. The query and the headers are left out: they may
 * carry a token.
 */
void
_liveline_server_log_request (SoupServerMessage *message)
{
  GUri *uri = soup_server_message_get_uri (message);
  gint64 *started = g_object_get_qdata (G_OBJECT (message), started_quark);
  gint64 ms = started != NULL ? (g_get_monotonic_time () - *started) / 1000 : 0;

  g_printerr ("level=info method=%s path=%s status=%u ms=%" G_GINT64_FORMAT "\n",
              soup_server_message_get_method (message),
              g_uri_get_path (uri),
              soup_server_message_get_status (message),
              ms);
}

static void
log_request (SoupServer        *soup_server,
             SoupServerMessage *message,
             gpointer           user_data)
{
  _liveline_server_log_request (message);
}

static void
set_json_response (SoupServerMessage *message,
                   guint              status,
                   const char        *json)
{
  soup_server_message_set_status (message, status, NULL);
  soup_server_message_set_response (message,
                                    "application/json",
                                    SOUP_MEMORY_COPY,
                                    json, strlen (json));
}

static void
handle_healthz (SoupServer        *soup_server,
                SoupServerMessage *message,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  const char *method = soup_server_message_get_method (message);

  if (g_strcmp0 (path, "/healthz") != 0)
    {
      set_json_response (message, SOUP_STATUS_NOT_FOUND, "{\"status\":\"not found\"}");
      return;
    }

  if (method != SOUP_METHOD_GET && method != SOUP_METHOD_HEAD)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                    "Allow", "GET, HEAD");
      set_json_response (message, SOUP_STATUS_METHOD_NOT_ALLOWED,
                         "{\"status\":\"method not allowed\"}");
      return;
    }

  set_json_response (message, SOUP_STATUS_OK,
                     "{\"status\":\"ok\",\"version\":\"" PACKAGE_VERSION "\"}");
}

static void
liveline_server_dispose (GObject *object)
{
  LivelineServer *self = (LivelineServer *)object;

  g_clear_pointer (&self->connections, liveline_server_connections_free);
  g_clear_object (&self->soup_server);
  g_clear_object (&self->store);
  g_clear_pointer (&self->uri, g_uri_unref);
  g_clear_pointer (&self->tokens, liveline_server_tokens_free);
  g_clear_pointer (&self->fault_plan, liveline_server_fault_plan_free);

  G_OBJECT_CLASS (liveline_server_parent_class)->dispose (object);
}

static void
liveline_server_class_init (LivelineServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = liveline_server_dispose;

  started_quark = g_quark_from_static_string ("liveline-server-started");
}

static void
liveline_server_init (LivelineServer *self)
{
  self->soup_server = soup_server_new ("server-header", "liveline-server/" PACKAGE_VERSION " ",
                                       NULL);

  self->tokens = liveline_server_tokens_new ();
  self->connections = liveline_server_connections_new (self->soup_server);

  soup_server_add_handler (self->soup_server, "/healthz", handle_healthz, self, NULL);
  soup_server_add_handler (self->soup_server, "/api", _liveline_server_handle_api, self, NULL);
  soup_server_add_handler (self->soup_server, "/blogs", _liveline_server_handle_page, self, NULL);
  soup_server_add_handler (self->soup_server, "/media", _liveline_server_handle_media, self, NULL);

  g_signal_connect (self->soup_server, "request-started", G_CALLBACK (note_request_start), self);
  g_signal_connect (self->soup_server, "request-started",
                    G_CALLBACK (_liveline_server_guard_request), self);
  g_signal_connect (self->soup_server, "request-finished", G_CALLBACK (log_request), self);
}

LivelineServer *
liveline_server_new (void)
{
  return g_object_new (LIVELINE_TYPE_SERVER, NULL);
}

/**
 * liveline_server_listen:
 * @self: a #LivelineServer
 * @address: an IP address to listen on, such as "127.0.0.1"
 * @port: a TCP port, or 0 for any free one
 * @error: a location for a #GError
 *
 * Starts answering requests on @address and @port.
 *
 * Returns: %TRUE on success
 */
gboolean
liveline_server_listen (LivelineServer  *self,
                        const char      *address,
                        guint            port,
                        GError         **error)
{
  g_autoptr(GInetAddress) inet_address = NULL;
  g_autoptr(GSocketAddress) socket_address = NULL;
  g_autoptr(GSocketAddress) effective = NULL;
  g_autofree char *host = NULL;

  g_return_val_if_fail (LIVELINE_IS_SERVER (self), FALSE);
  g_return_val_if_fail (address != NULL, FALSE);
  g_return_val_if_fail (port <= G_MAXUINT16, FALSE);
  g_return_val_if_fail (self->uri == NULL, FALSE);

  inet_address = g_inet_address_new_from_string (address);
  if (inet_address == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not an IP address"), address);
      return FALSE;
    }

  socket_address = g_inet_socket_address_new (inet_address, port);
  if (!liveline_server_connections_listen (self->connections, socket_address, &effective, error))
    return FALSE;

  host = g_inet_address_to_string (inet_address);
  self->uri = g_uri_build (G_URI_FLAGS_NONE, "http", NULL, host,
                           g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective)),
                           "/", NULL, NULL);

  return TRUE;
}

/**
 * liveline_server_disconnect:
 * @self: a #LivelineServer
 *
 * Stops listening and closes every open connection.
 */
void
liveline_server_disconnect (LivelineServer *self)
{
  g_return_if_fail (LIVELINE_IS_SERVER (self));

  liveline_server_connections_stop (self->connections);
  g_clear_pointer (&self->uri, g_uri_unref);
}

/**
 * liveline_server_get_port:
 * @self: a #LivelineServer
 *
 * Returns: the port the server listens on, or 0 when it does not listen
 */
guint
liveline_server_get_port (LivelineServer *self)
{
  g_return_val_if_fail (LIVELINE_IS_SERVER (self), 0);

  return self->uri != NULL ? (guint)g_uri_get_port (self->uri) : 0;
}

/**
 * liveline_server_dup_url:
 * @self: a #LivelineServer
 *
 * Returns: (transfer full) (nullable): the base URL of the server, such as
 *   "http://127.0.0.1:8080/", or %NULL when it does not listen
 */
char *
liveline_server_dup_url (LivelineServer *self)
{
  g_return_val_if_fail (LIVELINE_IS_SERVER (self), NULL);

  return self->uri != NULL ? g_uri_to_string (self->uri) : NULL;
}

/**
 * liveline_server_open_data:
 * @self: a #LivelineServer
 * @data_dir: the folder for the server's database and media, made if missing
 * @error: a location for a #GError
 *
 * Opens the server's data. Until it is open, the API answers 503.
 *
 * Returns: %TRUE on success
 */
gboolean
liveline_server_open_data (LivelineServer  *self,
                           const char      *data_dir,
                           GError         **error)
{
  LivelineServerStore *store;

  g_return_val_if_fail (LIVELINE_IS_SERVER (self), FALSE);
  g_return_val_if_fail (data_dir != NULL, FALSE);

  store = liveline_server_store_new (data_dir, error);
  if (store == NULL)
    return FALSE;

  g_clear_object (&self->store);
  self->store = store;

  return TRUE;
}

/**
 * liveline_server_add_token:
 * @self: a #LivelineServer
 * @token: a bearer token the API accepts for every live blog
 */
void
liveline_server_add_token (LivelineServer *self,
                           const char     *token)
{
  g_return_if_fail (LIVELINE_IS_SERVER (self));
  g_return_if_fail (token != NULL && *token != '\0');

  liveline_server_tokens_add (self->tokens, token, NULL);
}

/**
 * liveline_server_add_scoped_token:
 * @self: a #LivelineServer
 * @token: a bearer token
 * @blogs: (nullable) (array zero-terminated=1): the slugs of the live blogs
 *   the token may change, or %NULL for every one
 */
void
liveline_server_add_scoped_token (LivelineServer     *self,
                                  const char         *token,
                                  const char * const *blogs)
{
  g_return_if_fail (LIVELINE_IS_SERVER (self));
  g_return_if_fail (token != NULL && *token != '\0');

  liveline_server_tokens_add (self->tokens, token, blogs);
}

/**
 * liveline_server_add_token_line:
 * @self: a #LivelineServer
 * @line: a token, then optionally the live blogs it may change, as in a
 *   token file (docs/api.md)
 * @error: a location for a #GError
 *
 * Returns: %TRUE when the line is a token and valid blog names
 */
gboolean
liveline_server_add_token_line (LivelineServer  *self,
                                const char      *line,
                                GError         **error)
{
  g_return_val_if_fail (LIVELINE_IS_SERVER (self), FALSE);
  g_return_val_if_fail (line != NULL, FALSE);

  return liveline_server_tokens_add_line (self->tokens, line, error);
}

/**
 * liveline_server_set_connection_limits:
 * @self: a #LivelineServer
 * @max_connections: how many connections may be open at once, at least 1
 * @header_timeout: seconds a request's headers may take to arrive, 0 for
 *   no limit
 * @idle_timeout: seconds a request's body or its answer may stall, 0 for
 *   no limit
 *
 * Changes the limits of docs/api.md for connections accepted from now on.
 */
void
liveline_server_set_connection_limits (LivelineServer *self,
                                       guint           max_connections,
                                       guint           header_timeout,
                                       guint           idle_timeout)
{
  g_return_if_fail (LIVELINE_IS_SERVER (self));
  g_return_if_fail (max_connections > 0);

  liveline_server_connections_set_limits (self->connections, max_connections, header_timeout,
                                          idle_timeout);
}

/**
 * liveline_server_set_open:
 * @self: a #LivelineServer
 * @open: whether the API answers without a token
 */
void
liveline_server_set_open (LivelineServer *self,
                          gboolean        open)
{
  g_return_if_fail (LIVELINE_IS_SERVER (self));

  self->open = !!open;
}

/**
 * liveline_server_set_fault_plan:
 * @self: a #LivelineServer
 * @text: (nullable): a fault plan (docs/api.md), or %NULL for none
 * @error: a location for a #GError
 *
 * Replaces the fault plan and counts API requests from 1 again.
 *
 * Returns: %TRUE when the plan parses; otherwise the old plan stays
 */
gboolean
liveline_server_set_fault_plan (LivelineServer  *self,
                                const char      *text,
                                GError         **error)
{
  LivelineServerFaultPlan *plan = NULL;

  g_return_val_if_fail (LIVELINE_IS_SERVER (self), FALSE);

  if (text != NULL)
    {
      plan = liveline_server_fault_plan_new_from_text (text, error);
      if (plan == NULL)
        return FALSE;
    }

  g_clear_pointer (&self->fault_plan, liveline_server_fault_plan_free);
  self->fault_plan = plan;
  self->api_requests = 0;

  return TRUE;
}
