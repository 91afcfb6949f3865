/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-server-connections"

#include "config.h"

#include <gio/gnetworking.h>

#include "liveline-server-connections.h"

/* The server's connections, accepted here rather than by SoupServer:
 *
 * - libsoup 3.2 leaks the socket of a kept-alive connection the client
 *   closes between requests, so every connection carries one request and
 *   its answer says "Connection: close" (SoupServer does the same for
 *   streams handed to soup_server_accept_iostream());
 * - past max_connections, a new connection is answered 503 at once and
 *   closed;
 * - a request's headers must be in within header_timeout seconds of
 *   connecting, and a body being read or an answer being written may not
 *   stall for idle_timeout seconds; otherwise the connection is closed.
 *
 * The server does not time its own work: a handler that takes long (a
 * fault plan's delay) keeps its connection.
 */

#define BACKLOG 128

typedef struct _Connection Connection;

struct _LivelineServerConnections
{
  SoupServer     *soup_server;
  GSocketService *service;
  GHashTable     *connections;
  Connection     *accepting;
  guint64         last_id;
  guint           max_connections;
  guint           header_timeout;
  guint           idle_timeout;
  gulong          request_started_id;
};

struct _Connection
{
  LivelineServerConnections *owner;
  guint64                    id;
  GSocketConnection         *stream;    /* unowned: the record goes with it */
  SoupServerMessage         *message;   /* weak */
  GSource                   *deadline;
  GSource                   *closing;
};

static GQuark connection_quark;

static const char busy_problem[] =
  "{\"type\":\"https://liveline.invalid/problems/unavailable\",\"title\":\"Unavailable\","
  "\"status\":503,\"detail\":\"The live blog server is too busy right now: try again in a "
  "few seconds.\"}";

static void on_stream_finalized (gpointer  user_data,
                                 GObject  *stream);

static void
clear_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

static void
connection_free (Connection *connection)
{
  clear_source (&connection->deadline);
  clear_source (&connection->closing);

  if (connection->message != NULL)
    {
      g_signal_handlers_disconnect_by_data (connection->message, connection);
      g_object_set_qdata (G_OBJECT (connection->message), connection_quark, NULL);
      g_object_remove_weak_pointer (G_OBJECT (connection->message),
                                    (gpointer *)&connection->message);
    }

  if (connection->stream != NULL)
    g_object_weak_unref (G_OBJECT (connection->stream), on_stream_finalized, connection);

  g_free (connection);
}

static void
forget (Connection *connection)
{
  g_hash_table_remove (connection->owner->connections, &connection->id);
}

/* A connection counts for as long as its socket lives: that is until
 * SoupServer lets it go, or until whoever took it over from SoupServer (a
 * refusal, a fault plan's drop) is done with it.
 */
static void
on_stream_finalized (gpointer  user_data,
                     GObject  *stream)
{
  Connection *connection = user_data;

  connection->stream = NULL;
  forget (connection);
}

/* SoupServer answers a shut-down socket by letting the connection go, and
 * the record with it; this is for the case it does not.
 */
static gboolean
close_if_left (gpointer user_data)
{
  Connection *connection = user_data;

  g_clear_pointer (&connection->closing, g_source_unref);
  g_io_stream_close (G_IO_STREAM (connection->stream), NULL, NULL);
  forget (connection);

  return G_SOURCE_REMOVE;
}

static gboolean
on_deadline (gpointer user_data)
{
  Connection *connection = user_data;
  GSocket *socket = g_socket_connection_get_socket (connection->stream);

  g_printerr ("level=info msg=\"closed a slow connection\"\n");

  g_clear_pointer (&connection->deadline, g_source_unref);

  /* Shutting the socket down wakes SoupServer, which ends the request and
   * closes the connection; closing it under it would not.
   */
  g_socket_shutdown (socket, TRUE, TRUE, NULL);

  if (connection->closing == NULL)
    {
      connection->closing = g_idle_source_new ();
      g_source_set_priority (connection->closing, G_PRIORITY_LOW);
      g_source_set_callback (connection->closing, close_if_left, connection, NULL);
      g_source_attach (connection->closing, g_main_context_get_thread_default ());
    }

  return G_SOURCE_REMOVE;
}

static void
arm (Connection *connection,
     guint       seconds)
{
  if (connection->deadline != NULL)
    {
      g_source_destroy (connection->deadline);
      g_clear_pointer (&connection->deadline, g_source_unref);
    }

  if (seconds == 0)
    return;

  connection->deadline = g_timeout_source_new_seconds (seconds);
  g_source_set_callback (connection->deadline, on_deadline, connection, NULL);
  g_source_attach (connection->deadline, g_main_context_get_thread_default ());
}

static void
on_progress (SoupServerMessage *message,
             gpointer           user_data)
{
  Connection *connection = user_data;

  arm (connection, connection->owner->idle_timeout);
}

static void
on_got_chunk (SoupServerMessage *message,
              GBytes            *chunk,
              gpointer           user_data)
{
  on_progress (message, user_data);
}

static void
on_wrote_body_data (SoupServerMessage *message,
                    guint              size,
                    gpointer           user_data)
{
  on_progress (message, user_data);
}

static void
on_working (SoupServerMessage *message,
            gpointer           user_data)
{
  arm (user_data, 0);
}

static void
on_disconnected (SoupServerMessage *message,
                 gpointer           user_data)
{
  arm (user_data, 0);
}

static void
on_request_started (SoupServer        *soup_server,
                    SoupServerMessage *message,
                    gpointer           user_data)
{
  LivelineServerConnections *self = user_data;
  Connection *connection = self->accepting;

  /* Each connection has one request, started while it is accepted. */
  if (connection == NULL || connection->message != NULL)
    return;

  connection->message = message;
  g_object_add_weak_pointer (G_OBJECT (message), (gpointer *)&connection->message);
  g_object_set_qdata (G_OBJECT (message), connection_quark, connection);

  soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                "Connection", "close");

  g_signal_connect (message, "got-headers", G_CALLBACK (on_progress), connection);
  g_signal_connect (message, "got-chunk", G_CALLBACK (on_got_chunk), connection);
  g_signal_connect (message, "got-body", G_CALLBACK (on_working), connection);
  g_signal_connect (message, "wrote-headers", G_CALLBACK (on_progress), connection);
  g_signal_connect (message, "wrote-body-data", G_CALLBACK (on_wrote_body_data), connection);
  g_signal_connect (message, "finished", G_CALLBACK (on_working), connection);
  g_signal_connect (message, "disconnected", G_CALLBACK (on_disconnected), connection);
}

static void
refuse_busy (GSocketConnection *stream)
{
  GSocket *socket = g_socket_connection_get_socket (stream);
  g_autofree char *answer = g_strdup_printf ("HTTP/1.1 503 Service Unavailable\r\n"
                                             "Content-Type: application/problem+json\r\n"
                                             "Retry-After: 5\r\n"
                                             "Connection: close\r\n"
                                             "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                                             "\r\n%s",
                                             strlen (busy_problem), busy_problem);

  g_printerr ("level=warning msg=\"too many connections: refused one\"\n");

  /* A few bytes into a new socket's empty buffer: this does not block. */
  g_socket_set_blocking (socket, FALSE);
  g_socket_send (socket, answer, strlen (answer), NULL, NULL);
  g_socket_shutdown (socket, FALSE, TRUE, NULL);
  g_io_stream_close (G_IO_STREAM (stream), NULL, NULL);
}

static gboolean
on_incoming (GSocketService    *service,
             GSocketConnection *stream,
             GObject           *source_object,
             gpointer           user_data)
{
  LivelineServerConnections *self = user_data;
  g_autoptr(GSocketAddress) local = NULL;
  g_autoptr(GSocketAddress) remote = NULL;
  g_autoptr(GError) error = NULL;
  Connection *connection;

  if (g_hash_table_size (self->connections) >= self->max_connections)
    {
      refuse_busy (stream);
      return TRUE;
    }

  local = g_socket_connection_get_local_address (stream, NULL);
  remote = g_socket_connection_get_remote_address (stream, NULL);
  if (local == NULL || remote == NULL)
    {
      g_io_stream_close (G_IO_STREAM (stream), NULL, NULL);
      return TRUE;
    }

  g_socket_set_option (g_socket_connection_get_socket (stream), IPPROTO_TCP, TCP_NODELAY, TRUE,
                       NULL);

  connection = g_new0 (Connection, 1);
  connection->owner = self;
  connection->id = ++self->last_id;
  connection->stream = stream;
  g_object_weak_ref (G_OBJECT (stream), on_stream_finalized, connection);
  g_hash_table_insert (self->connections, &connection->id, connection);
  arm (connection, self->header_timeout);

  self->accepting = connection;
  if (!soup_server_accept_iostream (self->soup_server, G_IO_STREAM (stream), local, remote,
                                    &error))
    {
      g_printerr ("level=error msg=\"cannot take a connection\" error=\"%s\"\n", error->message);
      g_io_stream_close (G_IO_STREAM (stream), NULL, NULL);
      forget (connection);
    }
  self->accepting = NULL;

  return TRUE;
}

LivelineServerConnections *
liveline_server_connections_new (SoupServer *soup_server)
{
  LivelineServerConnections *self = g_new0 (LivelineServerConnections, 1);

  if (connection_quark == 0)
    connection_quark = g_quark_from_static_string ("liveline-server-connection");

  self->soup_server = g_object_ref (soup_server);
  self->connections = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                             (GDestroyNotify)connection_free);
  self->max_connections = LIVELINE_SERVER_MAX_CONNECTIONS;
  self->header_timeout = LIVELINE_SERVER_HEADER_TIMEOUT;
  self->idle_timeout = LIVELINE_SERVER_IDLE_TIMEOUT;
  self->request_started_id = g_signal_connect (soup_server, "request-started",
                                               G_CALLBACK (on_request_started), self);

  return self;
}

void
liveline_server_connections_free (LivelineServerConnections *self)
{
  if (self == NULL)
    return;

  liveline_server_connections_stop (self);
  g_clear_signal_handler (&self->request_started_id, self->soup_server);
  g_clear_pointer (&self->connections, g_hash_table_unref);
  g_clear_object (&self->soup_server);
  g_free (self);
}

/**
 * liveline_server_connections_set_limits:
 * @self: the connections
 * @max_connections: how many connections may be open at once, at least 1
 * @header_timeout: seconds a request's headers may take, 0 for no limit
 * @idle_timeout: seconds a body or an answer may stall, 0 for no limit
 *
 * Applies to connections accepted from now on.
 */
void
liveline_server_connections_set_limits (LivelineServerConnections *self,
                                        guint                      max_connections,
                                        guint                      header_timeout,
                                        guint                      idle_timeout)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (max_connections > 0);

  self->max_connections = max_connections;
  self->header_timeout = header_timeout;
  self->idle_timeout = idle_timeout;
}

gboolean
liveline_server_connections_listen (LivelineServerConnections  *self,
                                    GSocketAddress             *address,
                                    GSocketAddress            **effective,
                                    GError                    **error)
{
  g_autoptr(GSocketService) service = g_socket_service_new ();

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->service == NULL, FALSE);

  /* Room for a burst of connections while the main loop is busy. */
  g_socket_listener_set_backlog (G_SOCKET_LISTENER (service), BACKLOG);

  if (!g_socket_listener_add_address (G_SOCKET_LISTENER (service), address,
                                      G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL,
                                      effective, error))
    return FALSE;

  g_signal_connect (service, "incoming", G_CALLBACK (on_incoming), self);
  g_socket_service_start (service);
  self->service = g_steal_pointer (&service);

  return TRUE;
}

/* Stops listening and closes every connection. */
void
liveline_server_connections_stop (LivelineServerConnections *self)
{
  g_return_if_fail (self != NULL);

  if (self->service != NULL)
    {
      g_socket_service_stop (self->service);
      g_socket_listener_close (G_SOCKET_LISTENER (self->service));
      g_signal_handlers_disconnect_by_data (self->service, self);
      g_clear_object (&self->service);
    }

  /* SoupServer closes the connections it holds; those taken over from it
   * are closed by their new owners.
   */
  soup_server_disconnect (self->soup_server);
  g_hash_table_remove_all (self->connections);
}

guint
liveline_server_connections_get_count (LivelineServerConnections *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return g_hash_table_size (self->connections);
}
