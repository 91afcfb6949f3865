/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-http"

#include "config.h"

#include <json-glib/json-glib.h>

#include "liveline-test-http.h"
#include "liveline-test-util.h"

/* A client for the in-process reference server. The server runs in this
 * thread's main context, so requests go out asynchronously and the loop
 * turns until the answer is in.
 */

void
liveline_test_fetch_clear (LivelineTestFetch *fetch)
{
  g_clear_object (&fetch->message);
  g_clear_pointer (&fetch->body, g_bytes_unref);
  g_clear_error (&fetch->error);
  fetch->done = FALSE;
}

/**
 * liveline_test_server_start:
 * @data_dir: (out): the server's new data folder, for the caller to remove
 *
 * Returns: (transfer full): a server on 127.0.0.1 that accepts
 *   %LIVELINE_TEST_TOKEN
 */
LivelineServer *
liveline_test_server_start (char **data_dir)
{
  g_autoptr(LivelineServer) server = liveline_server_new ();
  g_autoptr(GError) error = NULL;

  *data_dir = g_dir_make_tmp ("liveline-server-test-XXXXXX", &error);
  g_assert_no_error (error);

  g_assert_true (liveline_server_open_data (server, *data_dir, &error));
  g_assert_no_error (error);
  liveline_server_add_token (server, LIVELINE_TEST_TOKEN);
  g_assert_true (liveline_server_listen (server, "127.0.0.1", 0, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&server);
}

char *
liveline_test_server_url (LivelineServer *server,
                          const char     *path)
{
  g_autofree char *base = liveline_server_dup_url (server);

  g_assert_nonnull (base);
  g_assert_true (g_str_has_suffix (base, "/"));

  return g_strconcat (base, path + 1, NULL);
}

static void
on_fetched (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  LivelineTestFetch *fetch = user_data;

  fetch->body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &fetch->error);
  fetch->done = TRUE;
}

static gboolean
fetch_is_done (gpointer user_data)
{
  LivelineTestFetch *fetch = user_data;

  return fetch->done;
}

void
liveline_test_fetch (LivelineTestFetch *fetch,
                     const char        *method,
                     const char        *url,
                     const char        *token,
                     const char        *content_type,
                     const char        *body,
                     gssize             size,
                     const char        *first_header,
                     ...)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  SoupMessageHeaders *headers;
  va_list args;

  liveline_test_fetch_clear (fetch);
  fetch->message = soup_message_new (method, url);
  g_assert_nonnull (fetch->message);
  headers = soup_message_get_request_headers (fetch->message);

  if (token != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (headers, "Authorization", value);
    }

  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, size < 0 ? strlen (body) : (gsize)size);

      soup_message_set_request_body_from_bytes (fetch->message, content_type, bytes);
    }

  va_start (args, first_header);
  for (const char *name = first_header; name != NULL; name = va_arg (args, const char *))
    soup_message_headers_replace (headers, name, va_arg (args, const char *));
  va_end (args);

  soup_session_send_and_read_async (session, fetch->message, G_PRIORITY_DEFAULT, NULL,
                                    on_fetched, fetch);
  g_assert_true (liveline_test_wait_for (fetch_is_done, fetch, 20000));
}

guint
liveline_test_fetch_status (LivelineTestFetch *fetch)
{
  g_assert_no_error (fetch->error);

  return soup_message_get_status (fetch->message);
}

const char *
liveline_test_fetch_header (LivelineTestFetch *fetch,
                            const char        *name)
{
  return soup_message_headers_get_one (soup_message_get_response_headers (fetch->message), name);
}

char *
liveline_test_fetch_text (LivelineTestFetch *fetch)
{
  gsize size = 0;
  const char *data;

  g_assert_nonnull (fetch->body);
  data = g_bytes_get_data (fetch->body, &size);

  return g_strndup (data, size);
}

/* Returns: (transfer full): the body as a JSON object; fails the test otherwise */
JsonObject *
liveline_test_fetch_json (LivelineTestFetch *fetch)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = liveline_test_fetch_text (fetch);
  JsonNode *root;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));

  return json_object_ref (json_node_get_object (root));
}

void
liveline_test_assert_problem (LivelineTestFetch *fetch,
                              guint              status,
                              const char        *type)
{
  g_autoptr(JsonObject) problem = NULL;
  g_autofree char *type_uri = g_strconcat ("https://liveline.invalid/problems/", type, NULL);
  const char *content_type;

  g_assert_cmpuint (liveline_test_fetch_status (fetch), ==, status);
  content_type = soup_message_headers_get_content_type (
    soup_message_get_response_headers (fetch->message), NULL);
  g_assert_cmpstr (content_type, ==, "application/problem+json");

  problem = liveline_test_fetch_json (fetch);
  g_assert_cmpstr (json_object_get_string_member (problem, "type"), ==, type_uri);
  g_assert_cmpint (json_object_get_int_member (problem, "status"), ==, status);
  g_assert_nonnull (json_object_get_string_member (problem, "title"));
  g_assert_cmpstr (json_object_get_string_member (problem, "detail"), !=, "");
}

/**
 * liveline_test_program_start:
 * @stderr_flags: %G_SUBPROCESS_FLAGS_STDERR_PIPE to read the log, or
 *   %G_SUBPROCESS_FLAGS_STDERR_SILENCE when it would fill the pipe
 * @port: (out): the port it listens on
 * @first_arg: the first of the program's arguments, then the others and %NULL
 *
 * Starts the liveline-server program and reads the port it prints.
 *
 * Returns: (transfer full): the running program
 */
GSubprocess *
liveline_test_program_start (GSubprocessFlags  stderr_flags,
                             guint64          *port,
                             const char       *first_arg,
                             ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  va_list args;

  g_assert_nonnull (g_getenv ("LIVELINE_SERVER_BIN"));
  g_ptr_array_add (argv, (gpointer)g_getenv ("LIVELINE_SERVER_BIN"));
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer)arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *)argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | stderr_flags, &error);
  g_assert_no_error (error);

  /* The pipe stays open for the caller after this reader is gone. */
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (out), FALSE);
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_ascii_string_to_unsigned (line, 10, 1, G_MAXUINT16, port, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&process);
}

/* Returns: (transfer full): a blocking socket to 127.0.0.1:@port, whose
 *   reads and writes give up after 10 seconds
 */
GSocket *
liveline_test_raw_connect (guint64 port)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, (guint16)port);
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GError) error = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  g_socket_set_timeout (socket, 10);
  g_assert_true (g_socket_connect (socket, address, NULL, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&socket);
}

void
liveline_test_raw_send (GSocket    *socket,
                        const char *text)
{
  g_autoptr(GError) error = NULL;
  gsize size = strlen (text);
  gsize sent = 0;

  while (sent < size)
    {
      gssize n = g_socket_send (socket, text + sent, size - sent, NULL, &error);

      g_assert_no_error (error);
      sent += n;
    }
}

/* Reads an answer: its headers, and as much body as its Content-Length
 * says, or up to the end of the connection.
 *
 * Returns: (transfer full): what came, "" when nothing did in 10 seconds
 */
char *
liveline_test_raw_read (GSocket *socket)
{
  GString *answer = g_string_new (NULL);
  char buffer[4096];

  for (;;)
    {
      const char *end = strstr (answer->str, "\r\n\r\n");
      const char *length = strstr (answer->str, "Content-Length: ");
      gssize n;

      if (end != NULL && length != NULL && length < end
          && answer->len >= (gsize)(end + 4 - answer->str) + g_ascii_strtoull (length + 16,
                                                                            NULL, 10))
        break;

      n = g_socket_receive (socket, buffer, sizeof buffer, NULL, NULL);
      if (n <= 0)
        break;
      g_string_append_len (answer, buffer, n);
    }

  return g_string_free (answer, FALSE);
}

/* Returns: the status of a raw answer, or 0 when it is none */
guint
liveline_test_raw_status (const char *answer)
{
  guint64 status = 0;
  g_autofree char *code = NULL;

  if (!g_str_has_prefix (answer, "HTTP/1.1 ") || strlen (answer) < 12)
    return 0;

  code = g_strndup (answer + 9, 3);
  g_ascii_string_to_unsigned (code, 10, 100, 599, &status, NULL);

  return (guint)status;
}
