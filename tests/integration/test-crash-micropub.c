/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-crash-micropub"

#include "config.h"

#include <signal.h>

#include <glib/gstdio.h>

#include "liveline-blog.h"
#include "liveline-post.h"
#include "liveline-store.h"
#include "liveline-test-integration.h"
#include "liveline-test-micropub.h"
#include "liveline-test-util.h"
#include "liveline-timeline.h"

/* The laptop dies while it publishes to a Micropub site, which keeps no
 * idempotency keys: tests/crash/crash-publisher writes 20 updates, each
 * with a photo, and sends them through the outbox to the real Micropub
 * server of the integration suite, and is killed with SIGKILL while it
 * sends, 12 times over. Run once more, undisturbed, it must finish, and
 * then the server must keep each update exactly once, and each photo once:
 * each post's slug (from its UUID, new on every run of this test) must name
 * exactly one file in MICROPUB_DATA_DIR, after every kill and at the end,
 * and the server must keep as many files of the photo as there are updates,
 * each shown by one of them.
 */

#define N_POSTS          20
#define N_KILLS          12
#define FINISH_S         30

/* The kills take turns. Two are made sure of by the server, which holds
 * the answer of a create, or of an upload, back until the publisher is
 * killed (micropub-host.mjs): the post or the photo is then on the server,
 * and the publisher never knew. After an upload killed so, the publisher
 * is started again a second later, since the server names files by the
 * second and would write a photo sent again in the same one over the
 * first. The other two follow the publisher's own account (after it says
 * that 1 or 2 more updates are published, as the outbox sends the next
 * one, and 0 to 4 ms more), or land in the start-up, 5 to 60 ms after
 * it, as the outbox looks up, by slug, what was being sent.
 */
typedef enum
{
  KILL_IN_CREATE,
  KILL_IN_UPLOAD,
  KILL_AFTER_PUBLISHED,
  KILL_IN_START_UP,
  N_KILL_KINDS
} KillKind;

#define HOLD_MS          30000
#define HELD_WAIT_S      60
#define RESTART_AFTER_MS 1100
#define START_UP_MIN_MS  5
#define START_UP_MAX_MS  60
#define PUBLISHED_MAX    2
#define SPIN_MAX_USEC    4000

static GHashTable *servers;

static GSubprocess *
spawn_publisher (const char *dir,
                 const char *url,
                 const char *photo)
{
  const char *binary = g_getenv ("LIVELINE_CRASH_PUBLISHER_BIN");
  g_autoptr(GError) error = NULL;
  g_autofree char *n = g_strdup_printf ("%u", N_POSTS);
  GSubprocess *process;

  g_assert_nonnull (binary);

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                              binary, dir, n, "micropub", url, "-", "-",
                              liveline_test_integration_get (servers, "MICROPUB_TOKEN"), photo,
                              NULL);
  g_assert_no_error (error);

  return process;
}

static char *
slug_of (LivelinePost *post)
{
  g_autofree char *uuid = g_ascii_strdown (liveline_post_get_uuid (post), -1);

  return g_strconcat ("liveline-", uuid, NULL);
}

/* The Micropub endpoint, asked to hold back the answer to creates (or to
 * uploads) and to note each under @tag. */
static char *
holding_endpoint (KillKind    kind,
                  const char *tag)
{
  return g_strdup_printf ("%s?%s=%s&hold-ms=%d",
                          liveline_test_integration_get (servers, "MICROPUB_ENDPOINT"),
                          kind == KILL_IN_CREATE ? "hold-create" : "hold-upload", tag, HOLD_MS);
}

/* Waits until the server holds an answer back under @tag, and returns the
 * Location it holds back. */
static char *
wait_for_held (const char  *tag,
               GSubprocess *process)
{
  g_autofree char *path = g_build_filename (liveline_test_integration_get (servers, "MICROPUB_DATA_DIR"),
                                            "held", tag, NULL);
  gint64 deadline = g_get_monotonic_time () + HELD_WAIT_S * G_TIME_SPAN_SECOND;

  while (g_get_monotonic_time () < deadline)
    {
      g_autofree char *contents = NULL;
      char *newline;

      if (g_file_get_contents (path, &contents, NULL, NULL) &&
          (newline = strchr (contents, '\n')) != NULL)
        {
          g_autofree char *location = g_strndup (contents, newline - contents);

          g_assert_true (g_remove (path) == 0);
          return g_steal_pointer (&location);
        }

      if (g_subprocess_get_identifier (process) == NULL)
        g_error ("The publisher ended before the server held an answer back under %s", tag);
      g_usleep (2 * G_TIME_SPAN_MILLISECOND);
    }

  g_error ("The server held no answer back under %s in %d s", tag, HELD_WAIT_S);
}

/* Kills the publisher after 1 or 2 more updates are published, as the
 * outbox sends the next. */
static void
wait_for_published (GSubprocess *process)
{
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  guint n_published = g_test_rand_int_range (1, PUBLISHED_MAX + 1);

  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  while (n_published > 0)
    {
      g_autofree char *line = g_data_input_stream_read_line (lines, NULL, NULL, &error);

      g_assert_no_error (error);
      if (line == NULL)
        break;
      if (g_str_has_prefix (line, "published "))
        n_published--;
    }
  g_usleep (g_test_rand_int_range (0, SPIN_MAX_USEC + 1));
}

/* What the dead publisher left: how many of the posts in its store are
 * on the server (each at most once), how many of those the store does not
 * know as published (the kill came between the server taking the create
 * and the answer being kept, the case a publisher without idempotency keys
 * must look up), and the addresses of the photos it knows as uploaded.
 */
typedef struct
{
  guint       on_server;
  guint       in_doubt;
  GHashTable *uploads;
} Left;

static void
look_at_store (const char *dir,
               Left       *left)
{
  g_autoptr(LivelineStore) store = NULL;
  g_autoptr(LivelineTimeline) timeline = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *blogs;

  left->on_server = 0;
  left->in_doubt = 0;
  left->uploads = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  store = liveline_store_open (dir, &error);
  g_assert_no_error (error);
  g_assert_null (liveline_store_get_moved_aside (store));

  /* Killed before the store was made, there is nothing yet. */
  blogs = liveline_store_get_blogs (store);
  if (g_list_model_get_n_items (blogs) == 0)
    return;

  {
    g_autoptr(LivelineBlog) blog = g_list_model_get_item (blogs, 0);

    timeline = liveline_timeline_new (store, blog);
  }

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (timeline)); i++)
    {
      g_autoptr(LivelinePost) post = g_list_model_get_item (G_LIST_MODEL (timeline), i);
      g_autofree char *slug = slug_of (post);
      guint files = liveline_test_integration_count_micropub_files (servers, slug);
      char *upload = liveline_store_dup_media_remote_id (store, post);

      g_assert_cmpuint (files, <=, 1);
      left->on_server += files;
      if (files > 0 && liveline_post_get_state (post) != LIVELINE_POST_STATE_PUBLISHED)
        left->in_doubt++;
      if (upload != NULL)
        g_hash_table_add (left->uploads, upload);
    }
}

static void
kill_publisher (GSubprocess *process,
                guint       *killed,
                guint       *finished)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (process, SIGKILL);
  g_assert_true (g_subprocess_wait (process, NULL, &error));
  g_assert_no_error (error);

  /* Dead by our hand, or done before it came: never dead by its own. */
  if (g_subprocess_get_if_signaled (process))
    {
      g_assert_cmpint (g_subprocess_get_term_sig (process), ==, SIGKILL);
      (*killed)++;
    }
  else
    {
      g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
      (*finished)++;
    }
}

static void
test_crash_while_publishing (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LivelineStore) store = NULL;
  g_autoptr(LivelineBlog) blog = NULL;
  g_autoptr(LivelineTimeline) timeline = NULL;
  g_autoptr(GSubprocess) last = NULL;
  g_autoptr(GHashTable) headlines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) photos = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *dir = NULL;
  g_autofree char *photo_dir = NULL;
  g_autofree char *photo = NULL;
  g_autofree char *prepared = NULL;
  g_autofree char *output = NULL;
  g_autofree char *run = g_uuid_string_random ();
  const char *site = liveline_test_integration_get (servers, "MICROPUB_SITE_URL");
  GString *counts = g_string_new (NULL);
  guint killed = 0;
  guint finished = 0;
  guint published = 0;
  guint in_doubt_kills = 0;
  guint uploads;
  gint64 started = g_get_monotonic_time ();
  gint64 finish_started;

  dir = g_dir_make_tmp ("liveline-crash-micropub-XXXXXX", &error);
  g_assert_no_error (error);
  photo_dir = g_dir_make_tmp ("liveline-crash-micropub-photo-XXXXXX", &error);
  g_assert_no_error (error);
  photo = liveline_test_micropub_make_photo (photo_dir, "photo.jpg");

  for (guint i = 1; i <= N_KILLS; i++)
    {
      KillKind kind = (i - 1) % N_KILL_KINDS;
      g_autofree char *tag = g_strdup_printf ("crash-%.8s-%u", run, i);
      g_autofree char *url = NULL;
      g_autofree char *held = NULL;
      g_autoptr(GSubprocess) process = NULL;
      Left left;

      if (kind == KILL_IN_CREATE || kind == KILL_IN_UPLOAD)
        url = holding_endpoint (kind, tag);
      else
        url = g_strdup (site);
      process = spawn_publisher (dir, url, photo);

      if (kind == KILL_IN_CREATE || kind == KILL_IN_UPLOAD)
        held = wait_for_held (tag, process);
      else if (kind == KILL_AFTER_PUBLISHED)
        wait_for_published (process);
      else
        g_usleep (g_test_rand_int_range (START_UP_MIN_MS, START_UP_MAX_MS + 1) * G_TIME_SPAN_MILLISECOND);
      kill_publisher (process, &killed, &finished);

      look_at_store (dir, &left);
      g_string_append_printf (counts, "%s%u%s", i > 1 ? " " : "", left.on_server,
                              left.in_doubt > 0 ? "*" : "");
      if (left.in_doubt > 0)
        in_doubt_kills++;

      /* The cases made sure of happened: the post, or the photo, is on the
       * server, and the store does not know it. */
      if (kind == KILL_IN_CREATE)
        g_assert_cmpuint (left.in_doubt, >, 0);
      if (kind == KILL_IN_UPLOAD)
        {
          g_assert_true (g_str_has_prefix (held, site));
          g_assert_nonnull (strstr (held, "/uploads/"));
          g_assert_false (g_hash_table_contains (left.uploads, held));
          g_usleep (RESTART_AFTER_MS * G_TIME_SPAN_MILLISECOND);
        }
      g_hash_table_unref (left.uploads);
    }

  g_test_message ("%u kills, %u runs done before the kill; posts on the server after each "
                  "(* where one was there but not known as published): %s",
                  killed, finished, counts->str);
  g_test_message ("%u kills landed between a create and its answer", in_doubt_kills);
  g_assert_cmpuint (in_doubt_kills, >=, N_KILLS / N_KILL_KINDS);
  g_string_free (counts, TRUE);

  /* Undisturbed, it finishes. */
  finish_started = g_get_monotonic_time ();
  last = spawn_publisher (dir, site, photo);
  g_assert_true (g_subprocess_communicate_utf8 (last, NULL, NULL, &output, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (last));
  g_assert_cmpint (g_subprocess_get_exit_status (last), ==, 0);
  g_assert_true (g_str_has_suffix (output, "done\n"));
  g_assert_cmpint (g_get_monotonic_time () - finish_started, <, FINISH_S * G_TIME_SPAN_SECOND);

  /* Each update published, at the address its slug gives, and kept once,
   * each with a photo of its own. */
  store = liveline_store_open (dir, &error);
  g_assert_no_error (error);
  blog = g_list_model_get_item (liveline_store_get_blogs (store), 0);
  timeline = liveline_timeline_new (store, blog);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (timeline)); i++)
    {
      g_autoptr(LivelinePost) post = g_list_model_get_item (G_LIST_MODEL (timeline), i);
      g_autofree char *slug = slug_of (post);
      g_autofree char *expected_url = NULL;
      g_autofree char *photo_url = NULL;
      g_autoptr(JsonObject) source = NULL;
      const char *headline = liveline_post_get_headline (post);
      guint files = liveline_test_integration_count_micropub_files (servers, slug);

      /* A draft made and killed before it had a headline was never sent. */
      if (headline == NULL || headline[0] == '\0')
        {
          g_assert_cmpint (liveline_post_get_state (post), ==, LIVELINE_POST_STATE_DRAFT);
          g_assert_cmpuint (files, ==, 0);
          continue;
        }

      g_assert_cmpint (liveline_post_get_state (post), ==, LIVELINE_POST_STATE_PUBLISHED);
      g_assert_cmpuint (files, ==, 1);
      /* With a photo, the server makes it a photo post. */
      expected_url = g_strconcat (site, "photo/", slug, NULL);
      g_assert_cmpstr (liveline_post_get_remote_id (post), ==, expected_url);
      g_assert_false (g_hash_table_contains (headlines, headline));
      g_hash_table_add (headlines, g_strdup (headline));

      g_assert_true (liveline_post_has_image (post));
      photo_url = liveline_store_dup_media_remote_id (store, post);
      source = liveline_test_micropub_source (servers, expected_url);
      g_assert_cmpstr (liveline_test_micropub_photo_url (source), ==, photo_url);
      g_assert_false (g_hash_table_contains (photos, photo_url));
      g_hash_table_add (photos, g_steal_pointer (&photo_url));
      if (prepared == NULL)
        prepared = g_strdup (liveline_post_get_image_path (post));
      published++;
    }
  g_assert_cmpuint (published, ==, N_POSTS);
  g_assert_cmpuint (liveline_store_count_waiting (store), ==, 0);

  /* No photo was left on the server unused: every file of it is an
   * update's. */
  uploads = liveline_test_micropub_count_uploads (servers, prepared);
  g_test_message ("%u files of the photo on the server, for %u updates", uploads, N_POSTS);
  g_assert_cmpuint (uploads, ==, N_POSTS);

  g_test_message ("%u posts on the server once each; the last run took %" G_GINT64_FORMAT " ms, "
                  "%.1f s in all", N_POSTS,
                  (g_get_monotonic_time () - finish_started) / G_TIME_SPAN_MILLISECOND,
                  (g_get_monotonic_time () - started) / (double)G_USEC_PER_SEC);

  g_clear_object (&timeline);
  g_clear_object (&blog);
  g_clear_object (&store);
  liveline_test_remove_tree (dir);
  liveline_test_remove_tree (photo_dir);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  servers = liveline_test_integration_servers ();
  g_test_add_func ("/crash/micropub-while-publishing", test_crash_while_publishing);
  status = g_test_run ();
  g_hash_table_unref (servers);

  return status;
}
