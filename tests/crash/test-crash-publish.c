/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-crash-publish"

#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <signal.h>

#include "liveline-blog.h"
#include "liveline-post.h"
#include "liveline-store.h"
#include "liveline-test-util.h"
#include "liveline-timeline.h"

/* The laptop dies while it publishes: crash-publisher writes 100
 * updates and sends them through the outbox to the real liveline-server
 * program, and is killed with SIGKILL at a random moment, 50 times over.
 * Run once more, undisturbed, it must finish, and then the server must have
 * every update exactly once, in the order they were written, and the store
 * must know each as published with the server's id.
 */

#define N_POSTS       100
#define N_KILLS       50
/* A whole run takes a few hundred milliseconds, so a kill at a random time
 * would mostly find the work done. Instead most kills follow the publisher's
 * own account: after 1 to 6 more lines of it ("queued …", "published …"),
 * then 0 to 2 ms more, so they land while updates are queued and while they
 * are sent, each run getting a little further than the last. Every fifth
 * kill lands in the start-up instead, 1 to 25 ms after the start: opening
 * the store, or the outbox looking up what was being sent.
 */
#define START_UP_EVERY   5
#define START_UP_MAX_MS  25
#define LINES_MAX        6
#define SPIN_MAX_USEC    2000
#define TOKEN         "crash-publish-token"
#define FINISH_S      60

typedef struct
{
  GSubprocess *process;
  char        *dir;
  char        *url;
} Server;

static void
server_start (Server *server)
{
  const char *binary = g_getenv ("LIVELINE_SERVER_BIN");
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autofree char *line = NULL;
  guint64 port;

  g_assert_nonnull (binary);

  server->dir = g_dir_make_tmp ("liveline-crash-server-XXXXXX", &error);
  g_assert_no_error (error);

  server->process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                      G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                                      &error,
                                      binary, "--port", "0", "--data", server->dir,
                                      "--token", TOKEN, NULL);
  g_assert_no_error (error);

  /* It prints the port it chose, alone on the first line. */
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server->process));
  line = g_data_input_stream_read_line (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_ascii_string_to_unsigned (line, 10, 1, G_MAXUINT16, &port, NULL));

  server->url = g_strdup_printf ("http://127.0.0.1:%u/", (guint)port);
}

static void
server_stop (Server *server)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (server->process, SIGTERM);
  g_assert_true (g_subprocess_wait (server->process, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&server->process);
  liveline_test_remove_tree (server->dir);
  g_clear_pointer (&server->dir, g_free);
  g_clear_pointer (&server->url, g_free);
}

/* Every post of the blog on the server, as objects, in the order it lists
 * them (newest first), following `next` until it is null.
 */
static GPtrArray *
server_posts (Server *server)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  GPtrArray *posts = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  g_autofree char *cursor = NULL;
  guint pages = 0;

  do
    {
      g_autoptr(SoupMessage) message = NULL;
      g_autoptr(GBytes) body = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *url = NULL;
      g_autofree char *escaped = NULL;
      JsonObject *page;
      JsonArray *array;

      if (cursor != NULL)
        escaped = g_uri_escape_string (cursor, NULL, FALSE);
      url = escaped != NULL
        ? g_strdup_printf ("%sapi/v1/blogs/syria-talks/posts?limit=100&before=%s", server->url, escaped)
        : g_strdup_printf ("%sapi/v1/blogs/syria-talks/posts?limit=100", server->url);

      message = soup_message_new ("GET", url);
      soup_message_headers_replace (soup_message_get_request_headers (message),
                                    "Authorization", "Bearer " TOKEN);
      body = soup_session_send_and_read (session, message, NULL, &error);
      g_assert_no_error (error);

      /* Before the first post the blog may not exist yet. */
      if (cursor == NULL && soup_message_get_status (message) == SOUP_STATUS_NOT_FOUND)
        break;
      g_assert_cmpuint (soup_message_get_status (message), ==, SOUP_STATUS_OK);

      g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                                 g_bytes_get_size (body), &error));
      g_assert_no_error (error);
      page = json_node_get_object (json_parser_get_root (parser));
      array = json_object_get_array_member (page, "posts");
      for (guint i = 0; i < json_array_get_length (array); i++)
        g_ptr_array_add (posts, json_object_ref (json_array_get_object_element (array, i)));

      g_clear_pointer (&cursor, g_free);
      if (!json_object_get_null_member (page, "next"))
        cursor = g_strdup (json_object_get_string_member (page, "next"));

      g_assert_cmpuint (++pages, <=, N_POSTS);
    }
  while (cursor != NULL);

  return posts;
}

static GSubprocess *
spawn_publisher (const char     *dir,
                 Server         *server,
                 GSubprocessFlags flags)
{
  const char *binary = g_getenv ("LIVELINE_CRASH_PUBLISHER_BIN");
  g_autoptr(GError) error = NULL;
  g_autofree char *n = g_strdup_printf ("%u", N_POSTS);
  GSubprocess *process;

  g_assert_nonnull (binary);

  process = g_subprocess_new (flags, &error, binary, dir, n, "liveline", server->url,
                              "syria-talks", "-", TOKEN, NULL);
  g_assert_no_error (error);

  return process;
}

/* Liveline opens the store the dead publisher had locked, with nothing
 * moved aside as damaged.
 */
static LivelineStore *
open_store (const char *dir)
{
  g_autoptr(LivelineStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = liveline_store_open (dir, &error);
  g_assert_no_error (error);
  g_assert_null (liveline_store_get_moved_aside (store));

  return g_steal_pointer (&store);
}

static LivelineBlog *
find_blog (LivelineStore *store)
{
  GListModel *blogs = liveline_store_get_blogs (store);

  g_assert_cmpuint (g_list_model_get_n_items (blogs), ==, 1);

  return g_list_model_get_item (blogs, 0);
}

static void
test_crash_while_publishing (void)
{
  Server server = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(GHashTable) remote_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(LivelineStore) store = NULL;
  g_autoptr(LivelineBlog) blog = NULL;
  g_autoptr(LivelineTimeline) timeline = NULL;
  g_autoptr(GSubprocess) last = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *output = NULL;
  GString *counts = g_string_new (NULL);
  guint killed = 0;
  guint finished = 0;
  gint64 started = g_get_monotonic_time ();
  gint64 finish_started;

  server_start (&server);
  dir = g_dir_make_tmp ("liveline-crash-publish-XXXXXX", &error);
  g_assert_no_error (error);

  for (guint i = 1; i <= N_KILLS; i++)
    {
      g_autoptr(GSubprocess) process = NULL;
      g_autoptr(GPtrArray) on_server = NULL;

      process = spawn_publisher (dir, &server, G_SUBPROCESS_FLAGS_STDOUT_PIPE);
      if (i % START_UP_EVERY == 0)
        g_usleep (g_test_rand_int_range (1, START_UP_MAX_MS + 1) * G_TIME_SPAN_MILLISECOND);
      else
        {
          g_autoptr(GDataInputStream) lines = NULL;
          guint n_lines = g_test_rand_int_range (1, LINES_MAX + 1);

          lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
          for (guint k = 0; k < n_lines; k++)
            {
              g_autofree char *line = g_data_input_stream_read_line (lines, NULL, NULL, &error);

              g_assert_no_error (error);
              if (line == NULL)
                break;
            }
          g_usleep (g_test_rand_int_range (0, SPIN_MAX_USEC + 1));
        }
      g_subprocess_send_signal (process, SIGKILL);
      g_assert_true (g_subprocess_wait (process, NULL, &error));
      g_assert_no_error (error);

      /* Dead by our hand, or done before it came: never dead by its own. */
      if (g_subprocess_get_if_signaled (process))
        {
          g_assert_cmpint (g_subprocess_get_term_sig (process), ==, SIGKILL);
          killed++;
        }
      else
        {
          g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
          finished++;
        }

      on_server = server_posts (&server);
      g_assert_cmpuint (on_server->len, <=, N_POSTS);
      g_string_append_printf (counts, "%s%u", i > 1 ? " " : "", on_server->len);
    }

  g_test_message ("%u kills, %u runs done before the kill; posts on the server after each: %s",
                  killed, finished, counts->str);
  g_string_free (counts, TRUE);

  /* Undisturbed, it finishes. */
  finish_started = g_get_monotonic_time ();
  last = spawn_publisher (dir, &server, G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_assert_true (g_subprocess_communicate_utf8 (last, NULL, NULL, &output, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (last));
  g_assert_cmpint (g_subprocess_get_exit_status (last), ==, 0);
  g_assert_true (g_str_has_suffix (output, "done\n"));
  g_assert_cmpint (g_get_monotonic_time () - finish_started, <, FINISH_S * G_TIME_SPAN_SECOND);
  g_test_message ("the last run finished in %" G_GINT64_FORMAT " ms",
                  (g_get_monotonic_time () - finish_started) / G_TIME_SPAN_MILLISECOND);

  /* Each update exactly once, oldest last. */
  posts = server_posts (&server);
  g_assert_cmpuint (posts->len, ==, N_POSTS);
  for (guint i = 0; i < N_POSTS; i++)
    {
      JsonObject *post = g_ptr_array_index (posts, N_POSTS - 1 - i);
      g_autofree char *expected = g_strdup_printf ("Update %03u", i + 1);
      const char *id = json_object_get_string_member (post, "id");

      g_assert_cmpstr (json_object_get_string_member (post, "headline"), ==, expected);
      g_assert_false (g_hash_table_contains (remote_ids, expected));
      g_hash_table_insert (remote_ids, g_strdup (expected), g_strdup (id));
    }

  /* And the store knows each as published, under the server's id. */
  store = open_store (dir);
  blog = find_blog (store);
  timeline = liveline_timeline_new (store, blog);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (timeline)), ==, N_POSTS);
  for (guint i = 0; i < N_POSTS; i++)
    {
      g_autoptr(LivelinePost) post = g_list_model_get_item (G_LIST_MODEL (timeline), i);
      const char *headline = liveline_post_get_headline (post);

      g_assert_cmpint (liveline_post_get_state (post), ==, LIVELINE_POST_STATE_PUBLISHED);
      g_assert_true (g_hash_table_contains (remote_ids, headline));
      g_assert_cmpstr (liveline_post_get_remote_id (post), ==,
                       g_hash_table_lookup (remote_ids, headline));
      g_hash_table_remove (remote_ids, headline);
    }
  g_assert_cmpuint (g_hash_table_size (remote_ids), ==, 0);
  g_assert_cmpuint (liveline_store_count_waiting (store), ==, 0);

  g_test_message ("%u posts on the server once each, in order; %.1f s in all",
                  N_POSTS, (g_get_monotonic_time () - started) / (double)G_USEC_PER_SEC);

  g_clear_object (&timeline);
  g_clear_object (&blog);
  g_clear_object (&store);
  liveline_test_remove_tree (dir);
  server_stop (&server);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crash/while-publishing", test_crash_while_publishing);

  return g_test_run ();
}
