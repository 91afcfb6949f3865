/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-server"

#include "config.h"

#include <signal.h>

#include "liveline-server.h"
#include "liveline-test-util.h"

typedef struct
{
  SoupMessage *message;
  GBytes      *body;
  GError      *error;
  gboolean     done;
} Fetch;

static void
fetch_clear (Fetch *fetch)
{
  g_clear_object (&fetch->message);
  g_clear_pointer (&fetch->body, g_bytes_unref);
  g_clear_error (&fetch->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Fetch, fetch_clear)

static void
on_fetched (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Fetch *fetch = user_data;

  fetch->body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &fetch->error);
  fetch->done = TRUE;
}

static gboolean
fetch_is_done (gpointer user_data)
{
  Fetch *fetch = user_data;

  return fetch->done;
}

/* The server runs in this thread's main context, so the client must not
 * block it: the request goes out asynchronously and the loop turns until
 * the answer is in.
 */
static void
fetch (Fetch      *fetch,
       const char *method,
       const char *url)
{
  g_autoptr(SoupSession) session = soup_session_new ();

  fetch->message = soup_message_new (method, url);
  g_assert_nonnull (fetch->message);
  soup_session_send_and_read_async (session, fetch->message, G_PRIORITY_DEFAULT, NULL,
                                    on_fetched, fetch);
  g_assert_true (liveline_test_wait_for (fetch_is_done, fetch, 10000));
}

static char *
server_url (LivelineServer *server,
            const char     *path)
{
  g_autofree char *base = liveline_server_dup_url (server);

  g_assert_nonnull (base);
  g_assert_true (g_str_has_suffix (base, "/"));

  return g_strconcat (base, path + 1, NULL);
}

static void
test_server_healthz (void)
{
  g_autoptr(LivelineServer) server = liveline_server_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_auto(Fetch) result = { 0 };
  const char *content_type;

  g_assert_true (liveline_server_listen (server, "127.0.0.1", 0, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (liveline_server_get_port (server), >, 0);

  url = server_url (server, "/healthz");
  g_assert_true (g_str_has_prefix (url, "http://127.0.0.1:"));

  fetch (&result, "GET", url);
  g_assert_no_error (result.error);
  g_assert_cmpuint (soup_message_get_status (result.message), ==, SOUP_STATUS_OK);
  content_type = soup_message_headers_get_content_type (
    soup_message_get_response_headers (result.message), NULL);
  g_assert_cmpstr (content_type, ==, "application/json");
  g_assert_cmpmem (g_bytes_get_data (result.body, NULL), g_bytes_get_size (result.body),
                   "{\"status\":\"ok\",\"version\":\"" PACKAGE_VERSION "\"}",
                   strlen ("{\"status\":\"ok\",\"version\":\"" PACKAGE_VERSION "\"}"));
}

static void
test_server_rejects_other_methods_and_paths (void)
{
  g_autoptr(LivelineServer) server = liveline_server_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *healthz = NULL;
  g_autofree char *missing = NULL;
  g_auto(Fetch) post = { 0 };
  g_auto(Fetch) not_found = { 0 };

  g_assert_true (liveline_server_listen (server, "127.0.0.1", 0, &error));
  g_assert_no_error (error);

  healthz = server_url (server, "/healthz");
  fetch (&post, "POST", healthz);
  g_assert_no_error (post.error);
  g_assert_cmpuint (soup_message_get_status (post.message), ==, SOUP_STATUS_METHOD_NOT_ALLOWED);
  g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_response_headers (post.message),
                                                 "Allow"), ==, "GET, HEAD");

  missing = server_url (server, "/healthz/extra");
  fetch (&not_found, "GET", missing);
  g_assert_no_error (not_found.error);
  g_assert_cmpuint (soup_message_get_status (not_found.message), ==, SOUP_STATUS_NOT_FOUND);
}

static void
test_server_stops_listening (void)
{
  g_autoptr(LivelineServer) server = liveline_server_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_auto(Fetch) result = { 0 };

  g_assert_true (liveline_server_listen (server, "127.0.0.1", 0, &error));
  g_assert_no_error (error);
  url = server_url (server, "/healthz");

  liveline_server_disconnect (server);
  g_assert_cmpuint (liveline_server_get_port (server), ==, 0);

  fetch (&result, "GET", url);
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
}

static void
test_server_refuses_bad_address (void)
{
  g_autoptr(LivelineServer) server = liveline_server_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (liveline_server_listen (server, "localhost:80", 0, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "localhost:80"));
}

/* The program: what a script or a journalist starts by hand. */

static GSubprocess *
spawn_server (GError     **error,
              const char  *first_arg,
              ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *binary = g_getenv ("LIVELINE_SERVER_BIN");
  const char *arg;
  va_list args;

  g_assert_nonnull (binary);
  g_ptr_array_add (argv, (gpointer)binary);

  va_start (args, first_arg);
  for (arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer)arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  return g_subprocess_newv ((const char * const *)argv->pdata,
                            G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                            error);
}

/* Waits for the program to exit; returns whether it succeeded. */
static gboolean
run_to_end (GSubprocess  *process,
            char        **stdout_text,
            char        **stderr_text)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL,
                                                stdout_text, stderr_text, &error));
  g_assert_no_error (error);

  return g_subprocess_get_successful (process);
}

static void
test_program_prints_port_and_stops_on_sigterm (gconstpointer user_data)
{
  int signum = GPOINTER_TO_INT (user_data);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  g_autofree char *url = NULL;
  g_autofree char *stderr_text = NULL;
  g_auto(Fetch) result = { 0 };
  guint64 port;

  process = spawn_server (&error, "--port", "0", NULL);
  g_assert_no_error (error);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_ascii_string_to_unsigned (line, 10, 1, G_MAXUINT16, &port, &error));
  g_assert_no_error (error);

  url = g_strdup_printf ("http://127.0.0.1:%" G_GUINT64_FORMAT "/healthz", port);
  fetch (&result, "GET", url);
  g_assert_no_error (result.error);
  g_assert_cmpuint (soup_message_get_status (result.message), ==, SOUP_STATUS_OK);

  g_subprocess_send_signal (process, signum);
  g_assert_true (run_to_end (process, NULL, &stderr_text));
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_nonnull (strstr (stderr_text, "msg=\"listening\""));
  g_assert_nonnull (strstr (stderr_text, "path=/healthz status=200"));
  g_assert_nonnull (strstr (stderr_text, "msg=\"stopped\""));
}

static void
test_program_help (void)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stdout_text = NULL;

  process = spawn_server (&error, "--help", NULL);
  g_assert_no_error (error);
  g_assert_true (run_to_end (process, &stdout_text, NULL));
  g_assert_nonnull (strstr (stdout_text, "--port"));
  g_assert_nonnull (strstr (stdout_text, "127.0.0.1"));
}

static void
test_program_rejects_bad_port (void)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;

  process = spawn_server (&error, "--port", "70000", NULL);
  g_assert_no_error (error);
  g_assert_false (run_to_end (process, &stdout_text, &stderr_text));
  g_assert_cmpstr (stdout_text, ==, "");
  g_assert_nonnull (strstr (stderr_text, "between 0 and 65535"));
}

static void
test_program_reports_busy_port (void)
{
  g_autoptr(LivelineServer) server = liveline_server_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *port = NULL;
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;

  g_assert_true (liveline_server_listen (server, "127.0.0.1", 0, &error));
  g_assert_no_error (error);
  port = g_strdup_printf ("%u", liveline_server_get_port (server));

  process = spawn_server (&error, "--port", port, NULL);
  g_assert_no_error (error);
  g_assert_false (run_to_end (process, &stdout_text, &stderr_text));
  g_assert_cmpstr (stdout_text, ==, "");
  g_assert_nonnull (strstr (stderr_text, "cannot listen on 127.0.0.1:"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server/healthz", test_server_healthz);
  g_test_add_func ("/server/rejects-other-methods-and-paths",
                   test_server_rejects_other_methods_and_paths);
  g_test_add_func ("/server/stops-listening", test_server_stops_listening);
  g_test_add_func ("/server/refuses-bad-address", test_server_refuses_bad_address);
  g_test_add_data_func ("/server/program/stops-on-sigterm", GINT_TO_POINTER (SIGTERM),
                        test_program_prints_port_and_stops_on_sigterm);
  g_test_add_data_func ("/server/program/stops-on-sigint", GINT_TO_POINTER (SIGINT),
                        test_program_prints_port_and_stops_on_sigterm);
  g_test_add_func ("/server/program/help", test_program_help);
  g_test_add_func ("/server/program/rejects-bad-port", test_program_rejects_bad_port);
  g_test_add_func ("/server/program/reports-busy-port", test_program_reports_busy_port);

  return g_test_run ();
}
