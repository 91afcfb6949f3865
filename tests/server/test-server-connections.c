/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-server-connections"

#include "config.h"

#include <signal.h>

#include "liveline-test-http.h"
#include "liveline-test-util.h"

/* The program under clients that misbehave: that drop their connections,
 * that send their headers slowly or stall, and that are too many
 * (docs/api.md, "Limits"). Each test runs its own liveline-server and
 * watches its file descriptors from /proc.
 */

#define HEALTHZ "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"

typedef struct
{
  GSubprocess *process;
  char        *data_dir;
  guint64      port;
} Program;

static void
program_start (Program    *program,
               const char *max_connections,
               const char *header_timeout,
               const char *idle_timeout)
{
  g_autoptr(GError) error = NULL;

  program->data_dir = g_dir_make_tmp ("liveline-server-connections-XXXXXX", &error);
  g_assert_no_error (error);

  /* Silenced: thousands of log lines would fill the pipe. */
  program->process = liveline_test_program_start (G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                                                  &program->port,
                                                  "--data", program->data_dir,
                                                  "--token", "t",
                                                  "--max-connections", max_connections,
                                                  "--header-timeout", header_timeout,
                                                  "--idle-timeout", idle_timeout,
                                                  NULL);
}

static void
program_stop (Program *program)
{
  g_subprocess_send_signal (program->process, SIGTERM);
  g_assert_true (g_subprocess_wait (program->process, NULL, NULL));
  g_assert_true (g_subprocess_get_successful (program->process));
  g_clear_object (&program->process);
  liveline_test_remove_tree (program->data_dir);
  g_clear_pointer (&program->data_dir, g_free);
}

static guint
count_fds (Program *program)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/fd",
                                           g_subprocess_get_identifier (program->process));
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  dir = g_dir_open (path, 0, &error);
  g_assert_no_error (error);
  while (g_dir_read_name (dir) != NULL)
    n++;

  return n;
}

/* Asks for /healthz on a new connection; returns the status. */
static guint
ask_health (Program *program)
{
  g_autoptr(GSocket) socket = liveline_test_raw_connect (program->port);
  g_autofree char *answer = NULL;

  liveline_test_raw_send (socket, HEALTHZ);
  answer = liveline_test_raw_read (socket);

  return liveline_test_raw_status (answer);
}

typedef struct
{
  Program *program;
  guint    most;
} FdCheck;

static gboolean
fds_at_most (gpointer user_data)
{
  FdCheck *check = user_data;

  return count_fds (check->program) <= check->most;
}

/* The connection was closed by the server: the end of the stream, or a
 * reset, rather than a read that timed out.
 */
static gboolean
is_closed (GSocket *socket)
{
  g_autoptr(GError) error = NULL;
  char byte;
  gssize n = g_socket_receive (socket, &byte, 1, NULL, &error);

  return n == 0 || (n < 0 && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT));
}

static void
test_dropped_connections_leave_no_fd (void)
{
  Program program = { 0 };
  FdCheck check = { &program, 0 };
  guint before;
  guint after;

  program_start (&program, "256", "2", "2");

  for (guint i = 0; i < 20; i++)
    g_assert_cmpuint (ask_health (&program), ==, 200);
  before = count_fds (&program);

  for (guint i = 0; i < 10000; i++)
    {
      g_autoptr(GSocket) socket = liveline_test_raw_connect (program.port);
      g_autofree char *answer = NULL;

      switch (i % 6)
        {
        case 0:
          /* Part of a request, then gone. */
          liveline_test_raw_send (socket, "GET /healthz HTTP/1.1\r\nHo");
          break;

        case 2:
          /* A whole request, and gone before the answer. */
          liveline_test_raw_send (socket, HEALTHZ);
          break;

        case 4:
          /* Nothing at all. */
          break;

        default:
          /* A whole request and its answer, the connection left open as
           * HTTP/1.1 allows, then closed.
           */
          liveline_test_raw_send (socket, HEALTHZ);
          answer = liveline_test_raw_read (socket);
          g_assert_cmpuint (liveline_test_raw_status (answer), ==, 200);
          break;
        }

      g_socket_close (socket, NULL);
    }

  /* The server may still be closing the last ones. */
  check.most = before + 2;
  liveline_test_wait_for (fds_at_most, &check, 15000);
  after = count_fds (&program);
  g_test_message ("descriptors: %u before, %u after", before, after);
  g_assert_cmpuint (after, <=, before + 2);

  g_assert_cmpuint (ask_health (&program), ==, 200);
  program_stop (&program);
}

static void
test_slow_headers_are_dropped (void)
{
  const char *request = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        "User-Agent: a client that sends one byte at a time\r\n\r\n";
  g_autoptr(GSocket) socket = NULL;
  Program program = { 0 };
  gboolean dropped = FALSE;
  gsize i;

  program_start (&program, "256", "1", "30");
  socket = liveline_test_raw_connect (program.port);

  /* 250 ms a byte: the headers would take 20 s; the server allows 1 s. */
  for (i = 0; request[i] != '\0' && !dropped; i++)
    {
      if (g_socket_send (socket, request + i, 1, NULL, NULL) != 1)
        dropped = TRUE;
      else
        {
          liveline_test_run_for (250);
          dropped = g_socket_condition_check (socket, G_IO_IN | G_IO_HUP | G_IO_ERR) != 0
                    && is_closed (socket);
        }
    }

  g_test_message ("dropped after %" G_GSIZE_FORMAT " bytes", i);
  g_assert_true (dropped);
  g_assert_cmpuint (i, <, strlen (request));

  g_assert_cmpuint (ask_health (&program), ==, 200);
  program_stop (&program);
}

static void
test_stalled_body_is_dropped (void)
{
  g_autoptr(GSocket) socket = NULL;
  Program program = { 0 };

  program_start (&program, "256", "30", "1");
  socket = liveline_test_raw_connect (program.port);

  /* A tenth of a body, then nothing: the idle timeout (1 s) closes it well
   * before the socket's own (10 s).
   */
  liveline_test_raw_send (socket, "POST /api/v1/blogs/election/posts HTTP/1.1\r\nHost: x\r\n"
                                  "Authorization: Bearer t\r\nIdempotency-Key: k\r\n"
                                  "Content-Length: 100\r\n\r\n{\"id\":\"p1\"");
  g_assert_true (is_closed (socket));

  g_assert_cmpuint (ask_health (&program), ==, 200);
  program_stop (&program);
}

static gboolean
is_healthy (gpointer user_data)
{
  return ask_health (user_data) == 200;
}

static void
test_too_many_connections (void)
{
  g_autoptr(GSocket) fourth = NULL;
  g_autofree char *answer = NULL;
  GSocket *held[3];
  Program program = { 0 };

  program_start (&program, "3", "30", "30");

  /* Three connections that say nothing hold every place. */
  for (guint i = 0; i < G_N_ELEMENTS (held); i++)
    held[i] = liveline_test_raw_connect (program.port);

  fourth = liveline_test_raw_connect (program.port);
  liveline_test_raw_send (fourth, HEALTHZ);
  answer = liveline_test_raw_read (fourth);
  g_assert_cmpuint (liveline_test_raw_status (answer), ==, 503);
  g_assert_nonnull (strstr (answer, "Retry-After: 5"));
  g_assert_nonnull (strstr (answer, "problems/unavailable"));
  g_assert_nonnull (strstr (answer, "too busy"));

  /* One leaves, and a place is free again. */
  g_socket_close (held[0], NULL);
  g_assert_true (liveline_test_wait_for (is_healthy, &program, 10000));

  for (guint i = 0; i < G_N_ELEMENTS (held); i++)
    g_object_unref (held[i]);
  program_stop (&program);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server-connections/dropped-connections-leave-no-fd",
                   test_dropped_connections_leave_no_fd);
  g_test_add_func ("/server-connections/slow-headers-are-dropped",
                   test_slow_headers_are_dropped);
  g_test_add_func ("/server-connections/stalled-body-is-dropped", test_stalled_body_is_dropped);
  g_test_add_func ("/server-connections/too-many-connections", test_too_many_connections);

  return g_test_run ();
}
