/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-crash-wordpress"

#include "config.h"

#include <signal.h>

#include "liveline-blog.h"
#include "liveline-post.h"
#include "liveline-store.h"
#include "liveline-test-util.h"
#include "liveline-test-wordpress.h"
#include "liveline-timeline.h"

/* The laptop dies while it publishes to WordPress, which has no
 * idempotency keys: tests/crash/crash-publisher writes 20 updates and sends them
 * through the outbox to the real WordPress of the integration suite, and is
 * killed with SIGKILL, 14 times, mostly while a post is on its way. Run once
 * more, undisturbed, it must finish; then the blog's category must hold
 * each update exactly once, under the slug made from its UUID, with
 * nothing in the trash, and the store must know each as published under
 * WordPress's id.
 */

#define N_POSTS         20
#define N_KILLS         14
/* A post takes WordPress some tens of milliseconds, in four or five
 * requests. Most kills follow the publisher's own account: after 1 to 3
 * more lines of it ("queued …", "published …"), then up to 60 ms more,
 * which lands inside the next post's requests. Every fourth kill lands in
 * the start-up instead, while the outbox looks up what was being sent.
 */
#define START_UP_EVERY  4
#define START_UP_MAX_MS 300
#define LINES_MAX       3
#define SPIN_MAX_MS     60
#define FINISH_S        40

typedef struct
{
  LivelineTestWordpress *wordpress;
  char                  *category_id;
  char                  *password;
} Site;

/* Every post in the category whose status is @status, as WordPress lists
 * them. */
static GPtrArray *
posts_in_category (Site       *site,
                   const char *status)
{
  g_autofree char *route = g_strdup_printf ("wp/v2/posts?categories=%s&status=%s",
                                            site->category_id, status);

  return liveline_test_wordpress_list (site->wordpress, route);
}

/* How many updates the store knows as published, after a kill. */
static guint
count_published (const char *dir)
{
  g_autoptr(LivelineStore) store = NULL;
  g_autoptr(LivelineBlog) blog = NULL;
  g_autoptr(LivelineTimeline) timeline = NULL;
  g_autoptr(GError) error = NULL;
  guint published = 0;

  store = liveline_store_open (dir, &error);
  g_assert_no_error (error);
  if (g_list_model_get_n_items (liveline_store_get_blogs (store)) == 0)
    return 0;

  blog = g_list_model_get_item (liveline_store_get_blogs (store), 0);
  timeline = liveline_timeline_new (store, blog);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (timeline)); i++)
    {
      g_autoptr(LivelinePost) post = g_list_model_get_item (G_LIST_MODEL (timeline), i);

      if (liveline_post_get_state (post) == LIVELINE_POST_STATE_PUBLISHED)
        published++;
    }

  return published;
}

static GSubprocess *
spawn_publisher (const char *dir,
                 Site       *site)
{
  const char *binary = g_getenv ("LIVELINE_CRASH_PUBLISHER_BIN");
  g_autoptr(GError) error = NULL;
  g_autofree char *n = g_strdup_printf ("%u", N_POSTS);
  GSubprocess *process;

  g_assert_nonnull (binary);

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, binary, dir, n, "wordpress",
                              site->wordpress->site_url, site->category_id,
                              site->wordpress->username, site->password, NULL);
  g_assert_no_error (error);

  return process;
}

static void
kill_at_some_moment (GSubprocess *process,
                     guint        round)
{
  g_autoptr(GError) error = NULL;

  if (round % START_UP_EVERY == 0)
    {
      g_usleep (g_test_rand_int_range (1, START_UP_MAX_MS + 1) * G_TIME_SPAN_MILLISECOND);
    }
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
      g_usleep (g_test_rand_int_range (0, SPIN_MAX_MS + 1) * G_TIME_SPAN_MILLISECOND);
    }

  g_subprocess_send_signal (process, SIGKILL);
}

static void
test_crash_while_publishing (void)
{
  Site site = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(GPtrArray) trashed = NULL;
  g_autoptr(GHashTable) by_headline = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                             (GDestroyNotify)json_object_unref);
  g_autoptr(LivelineStore) store = NULL;
  g_autoptr(LivelineBlog) blog = NULL;
  g_autoptr(LivelineTimeline) timeline = NULL;
  g_autoptr(GSubprocess) last = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *category_name = g_strdup_printf ("Liveline crash %s", uuid);
  g_autofree char *dir = NULL;
  g_autofree char *output = NULL;
  GString *counts = g_string_new (NULL);
  guint killed = 0;
  guint finished = 0;
  guint lost_answers = 0;
  gint64 started = g_get_monotonic_time ();
  gint64 finish_started;
  gint64 last_run_ms;

  site.wordpress = liveline_test_wordpress_new ();
  site.category_id = liveline_test_wordpress_make_category (site.wordpress, category_name);
  site.password = liveline_test_wordpress_spaced_password (site.wordpress);
  dir = g_dir_make_tmp ("liveline-crash-wordpress-XXXXXX", &error);
  g_assert_no_error (error);

  for (guint i = 1; i <= N_KILLS; i++)
    {
      g_autoptr(GSubprocess) process = spawn_publisher (dir, &site);
      g_autoptr(GPtrArray) on_site = NULL;

      kill_at_some_moment (process, i);
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

      /* WordPress made a post whose answer the kill cut off: the next run
       * must find it instead of posting it again. */
      on_site = posts_in_category (&site, "any");
      lost_answers += on_site->len - MIN (on_site->len, count_published (dir));
      g_string_append_printf (counts, "%s%u", i > 1 ? " " : "", on_site->len);
    }

  g_test_message ("%u kills, %u runs done before the kill, %u posts made whose answer was lost; "
                  "posts in the category after each: %s",
                  killed, finished, lost_answers, counts->str);
  g_string_free (counts, TRUE);

  /* Undisturbed, it finishes. */
  finish_started = g_get_monotonic_time ();
  last = spawn_publisher (dir, &site);
  g_assert_true (g_subprocess_communicate_utf8 (last, NULL, NULL, &output, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (last));
  g_assert_cmpint (g_subprocess_get_exit_status (last), ==, 0);
  g_assert_true (g_str_has_suffix (output, "done\n"));
  last_run_ms = (g_get_monotonic_time () - finish_started) / G_TIME_SPAN_MILLISECOND;
  g_assert_cmpint (last_run_ms, <, FINISH_S * 1000);

  /* Each update exactly once, published, and no duplicate left in the
   * trash: they are deleted for good. */
  posts = posts_in_category (&site, "any");
  g_assert_cmpuint (posts->len, ==, N_POSTS);
  for (guint i = 0; i < posts->len; i++)
    {
      JsonObject *post = g_ptr_array_index (posts, i);
      const char *headline = liveline_test_wordpress_raw (post, "title");

      g_assert_cmpstr (json_object_get_string_member (post, "status"), ==, "publish");
      g_assert_false (g_hash_table_contains (by_headline, headline));
      g_hash_table_insert (by_headline, g_strdup (headline), json_object_ref (post));
    }
  trashed = posts_in_category (&site, "trash");
  g_assert_cmpuint (trashed->len, ==, 0);

  /* The store knows each as published, under WordPress's id, and each post
   * there has the slug of its own update. */
  store = liveline_store_open (dir, &error);
  g_assert_no_error (error);
  g_assert_null (liveline_store_get_moved_aside (store));
  g_assert_cmpuint (g_list_model_get_n_items (liveline_store_get_blogs (store)), ==, 1);
  blog = g_list_model_get_item (liveline_store_get_blogs (store), 0);
  timeline = liveline_timeline_new (store, blog);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (timeline)), ==, N_POSTS);
  for (guint i = 0; i < N_POSTS; i++)
    {
      g_autoptr(LivelinePost) post = g_list_model_get_item (G_LIST_MODEL (timeline), i);
      g_autofree char *expected_slug = NULL;
      g_autofree char *uuid_lower = NULL;
      g_autofree char *remote_id = NULL;
      JsonObject *remote;

      g_assert_cmpint (liveline_post_get_state (post), ==, LIVELINE_POST_STATE_PUBLISHED);
      remote = g_hash_table_lookup (by_headline, liveline_post_get_headline (post));
      g_assert_nonnull (remote);

      remote_id = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (remote, "id"));
      g_assert_cmpstr (liveline_post_get_remote_id (post), ==, remote_id);
      uuid_lower = g_ascii_strdown (liveline_post_get_uuid (post), -1);
      expected_slug = g_strconcat ("liveline-", uuid_lower, NULL);
      g_assert_cmpstr (json_object_get_string_member (remote, "slug"), ==, expected_slug);
      g_hash_table_remove (by_headline, liveline_post_get_headline (post));
    }
  g_assert_cmpuint (g_hash_table_size (by_headline), ==, 0);
  g_assert_cmpuint (liveline_store_count_waiting (store), ==, 0);

  g_test_message ("%u posts in the category once each; the last run took %" G_GINT64_FORMAT " ms; "
                  "%.1f s in all", N_POSTS, last_run_ms,
                  (g_get_monotonic_time () - started) / (double)G_USEC_PER_SEC);

  g_clear_object (&timeline);
  g_clear_object (&blog);
  g_clear_object (&store);
  liveline_test_remove_tree (dir);
  g_free (site.category_id);
  g_free (site.password);
  liveline_test_wordpress_free (site.wordpress);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crash/wordpress/while-publishing", test_crash_while_publishing);

  return g_test_run ();
}
