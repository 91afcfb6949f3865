/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-server"

#include "config.h"

#include <glib/gi18n.h>

#include "liveline-server.h"

/* The reference endpoint: the server a journalist can preview a live blog
 * with, and the one the test suites publish to. It is built on SoupServer so
 * the same object runs in the liveline-server program and inside tests.
 */
struct _LivelineServer
{
  GObject     parent_instance;

  SoupServer *soup_server;
  GUri       *uri;
};

G_DEFINE_FINAL_TYPE (LivelineServer, liveline_server, G_TYPE_OBJECT)

static void
log_request (SoupServer        *soup_server,
             SoupServerMessage *message,
             gpointer           user_data)
{
  GUri *uri = soup_server_message_get_uri (message);

  g_printerr ("level=info method=%s path=%s status=%u\n",
              soup_server_message_get_method (message),
              g_uri_get_path (uri),
              soup_server_message_get_status (message));
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

  if (self->soup_server != NULL)
    soup_server_disconnect (self->soup_server);

  g_clear_object (&self->soup_server);
  g_clear_pointer (&self->uri, g_uri_unref);

  G_OBJECT_CLASS (liveline_server_parent_class)->dispose (object);
}

static void
liveline_server_class_init (LivelineServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = liveline_server_dispose;
}

static void
liveline_server_init (LivelineServer *self)
{
  self->soup_server = soup_server_new ("server-header", "liveline-server/" PACKAGE_VERSION " ",
                                       NULL);

  soup_server_add_handler (self->soup_server, "/healthz", handle_healthz, self, NULL);

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
  g_autoslist(GUri) uris = NULL;

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
  if (!soup_server_listen (self->soup_server, socket_address, 0, error))
    return FALSE;

  uris = soup_server_get_uris (self->soup_server);
  g_assert (uris != NULL);
  self->uri = g_uri_ref (uris->data);

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

  soup_server_disconnect (self->soup_server);
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
