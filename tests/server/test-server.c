/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-server"

#include "config.h"

#include <signal.h>

#include "liveline-server.h"
#include "liveline-test-http.h"
#include "liveline-test-util.h"

/* The program's tests share one data folder, removed at the end. */
static char *program_data_dir;

static void
fetch (LivelineTestFetch *result,
       const char        *method,
       const char        *url)
{
  liveline_test_fetch (result, method, url, NULL, NULL, NULL, 0, NULL);
}

static char *
server_url (LivelineServer *server,
            const char     *path)
{
  return liveline_test_server_url (server, path);
}

static void
test_server_healthz (void)
{
  g_autoptr(LivelineServer) server = liveline_server_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_auto(LivelineTestFetch) result = { 0 };
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
  g_auto(LivelineTestFetch) post = { 0 };
  g_auto(LivelineTestFetch) not_found = { 0 };

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
  g_auto(LivelineTestFetch) result = { 0 };

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
  g_ptr_array_add (argv, (gpointer)"--data");
  g_ptr_array_add (argv, program_data_dir);

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
  g_auto(LivelineTestFetch) result = { 0 };
  guint64 port;

  process = spawn_server (&error, "--port", "0", "--token", "s3cret-token", NULL);
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

  process = spawn_server (&error, "--port", "70000", "--token", "t", NULL);
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

  process = spawn_server (&error, "--port", port, "--token", "t", NULL);
  g_assert_no_error (error);
  g_assert_false (run_to_end (process, &stdout_text, &stderr_text));
  g_assert_cmpstr (stdout_text, ==, "");
  g_assert_nonnull (strstr (stderr_text, "cannot listen on 127.0.0.1:"));
}

/* Starts the program and reads the port it prints. */
#define start_program(port, ...) \
  liveline_test_program_start (G_SUBPROCESS_FLAGS_STDERR_PIPE, port, __VA_ARGS__)

static void
test_program_serves_api_with_data_and_token (void)
{
  g_autofree char *data_dir = g_build_filename (program_data_dir, "newsroom", "server", NULL);
  g_autofree char *token_file = g_build_filename (program_data_dir, "tokens", NULL);
  g_autofree char *url = NULL;
  g_autofree char *page = NULL;
  g_autofree char *stderr_text = NULL;
  g_autofree char *database = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(LivelineTestFetch) result = { 0 };
  guint64 port;
  const char *json = "{\"id\":\"p1\",\"headline\":\"From the program\",\"body_markdown\":\"x\","
                     "\"created_at\":\"2026-11-24T21:00:00Z\"}";

  g_assert_true (g_file_set_contents (token_file, "# the desk\nfile-token-1\n\nfile-token-2\n"
                                      "sports-token sports, results\n", -1, &error));
  g_assert_no_error (error);

  process = start_program (&port, "--data", data_dir, "--token", "cli-token",
                           "--token-file", token_file, "--listen", "127.0.0.1:0", NULL);

  url = g_strdup_printf ("http://127.0.0.1:%" G_GUINT64_FORMAT "/api/v1/blogs/desk/posts", port);
  liveline_test_fetch (&result, "POST", url, "file-token-2", "application/json", json, -1,
                       "Idempotency-Key", "program-1", NULL);
  g_assert_cmpuint (liveline_test_fetch_status (&result), ==, 201);

  liveline_test_fetch (&result, "GET", url, "cli-token", NULL, NULL, 0, NULL);
  g_assert_cmpuint (liveline_test_fetch_status (&result), ==, 200);

  liveline_test_fetch (&result, "GET", url, "wrong", NULL, NULL, 0, NULL);
  g_assert_cmpuint (liveline_test_fetch_status (&result), ==, 401);

  /* A token for other live blogs only. */
  liveline_test_fetch (&result, "GET", url, "sports-token", NULL, NULL, 0, NULL);
  liveline_test_assert_problem (&result, 403, "forbidden");

  page = g_strdup_printf ("http://127.0.0.1:%" G_GUINT64_FORMAT "/blogs/desk", port);
  liveline_test_fetch (&result, "GET", page, NULL, NULL, NULL, 0, NULL);
  g_assert_cmpuint (liveline_test_fetch_status (&result), ==, 200);

  g_subprocess_send_signal (process, SIGTERM);
  g_assert_true (run_to_end (process, NULL, &stderr_text));

  database = g_build_filename (data_dir, "server.sqlite", NULL);
  g_assert_true (g_file_test (database, G_FILE_TEST_IS_REGULAR));
  g_assert_nonnull (strstr (stderr_text,
                            "method=POST path=/api/v1/blogs/desk/posts status=201 ms="));
  g_assert_nonnull (strstr (stderr_text, "status=401"));
  /* Tokens never reach the log. */
  g_assert_null (strstr (stderr_text, "file-token-2"));
  g_assert_null (strstr (stderr_text, "cli-token"));
}

static void
test_program_refuses_without_token (void)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;

  process = spawn_server (&error, "--port", "0", NULL);
  g_assert_no_error (error);
  g_assert_false (run_to_end (process, &stdout_text, &stderr_text));
  g_assert_cmpstr (stdout_text, ==, "");
  g_assert_nonnull (strstr (stderr_text, "no token"));
  g_assert_nonnull (strstr (stderr_text, "--no-auth"));
}

static void
test_program_no_auth (void)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *url = NULL;
  g_auto(LivelineTestFetch) result = { 0 };
  guint64 port;

  process = start_program (&port, "--data", program_data_dir, "--no-auth", NULL);
  url = g_strdup_printf ("http://127.0.0.1:%" G_GUINT64_FORMAT "/api/v1/blogs/desk/posts", port);
  fetch (&result, "GET", url);
  g_assert_cmpuint (liveline_test_fetch_status (&result), ==, 200);

  g_subprocess_send_signal (process, SIGTERM);
  g_assert_true (run_to_end (process, NULL, NULL));
}

static void
test_program_rejects_bad_fault_plan (void)
{
  g_autofree char *plan = g_build_filename (program_data_dir, "bad-plan", NULL);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;

  g_assert_true (g_file_set_contents (plan, "request 1 drop\nrequest 2 explode\n", -1, &error));
  g_assert_no_error (error);

  process = spawn_server (&error, "--token", "t", "--fault-plan", plan, NULL);
  g_assert_no_error (error);
  g_assert_false (run_to_end (process, &stdout_text, &stderr_text));
  g_assert_cmpstr (stdout_text, ==, "");
  g_assert_nonnull (strstr (stderr_text, "bad fault plan"));
  g_assert_nonnull (strstr (stderr_text, "Line 2"));
  g_assert_nonnull (strstr (stderr_text, "request 2 explode"));
}

static void
test_program_fault_plan_file (void)
{
  g_autofree char *plan = g_build_filename (program_data_dir, "plan", NULL);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_auto(LivelineTestFetch) result = { 0 };
  guint64 port;

  g_assert_true (g_file_set_contents (plan, "request 1 status 503 retry-after 4\n", -1, &error));
  g_assert_no_error (error);

  process = start_program (&port, "--data", program_data_dir, "--token", "t",
                           "--fault-plan", plan, NULL);
  url = g_strdup_printf ("http://127.0.0.1:%" G_GUINT64_FORMAT "/api/v1/blogs/desk/posts", port);
  liveline_test_fetch (&result, "GET", url, "t", NULL, NULL, 0, NULL);
  liveline_test_assert_problem (&result, 503, "unavailable");
  g_assert_cmpstr (liveline_test_fetch_header (&result, "Retry-After"), ==, "4");
  liveline_test_fetch (&result, "GET", url, "t", NULL, NULL, 0, NULL);
  g_assert_cmpuint (liveline_test_fetch_status (&result), ==, 200);

  g_subprocess_send_signal (process, SIGTERM);
  g_assert_true (run_to_end (process, NULL, NULL));
}

static void
test_program_rejects_bad_token_scope (void)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stderr_text = NULL;

  process = spawn_server (&error, "--token", "t desk,Sports!", NULL);
  g_assert_no_error (error);
  g_assert_false (run_to_end (process, NULL, &stderr_text));
  g_assert_nonnull (strstr (stderr_text, "“Sports!” is not the name of a live blog"));
}

static void
test_program_rejects_bad_listen (void)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stderr_text = NULL;

  process = spawn_server (&error, "--token", "t", "--listen", "localhost", NULL);
  g_assert_no_error (error);
  g_assert_false (run_to_end (process, NULL, &stderr_text));
  g_assert_nonnull (strstr (stderr_text, "--listen takes an address and a port"));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  program_data_dir = g_dir_make_tmp ("liveline-server-program-XXXXXX", &error);
  g_assert_no_error (error);

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
  g_test_add_func ("/server/program/serves-api-with-data-and-token",
                   test_program_serves_api_with_data_and_token);
  g_test_add_func ("/server/program/refuses-without-token", test_program_refuses_without_token);
  g_test_add_func ("/server/program/no-auth", test_program_no_auth);
  g_test_add_func ("/server/program/rejects-bad-fault-plan", test_program_rejects_bad_fault_plan);
  g_test_add_func ("/server/program/fault-plan-file", test_program_fault_plan_file);
  g_test_add_func ("/server/program/rejects-bad-listen", test_program_rejects_bad_listen);
  g_test_add_func ("/server/program/rejects-bad-token-scope",
                   test_program_rejects_bad_token_scope);

  status = g_test_run ();
  liveline_test_remove_tree (program_data_dir);
  g_free (program_data_dir);

  return status;
}
