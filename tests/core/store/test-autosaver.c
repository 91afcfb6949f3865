/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-autosaver"

#include "config.h"

#include <sqlite3.h>

#include "liveline-autosaver.h"
#include "liveline-blog.h"
#include "liveline-post.h"
#include "liveline-revision.h"
#include "liveline-store.h"
#include "liveline-test-util.h"

/* What the journalist was promised: every edit is in the store within a
 * second, however she types.
 */
#define PROMISE_MS 1000

typedef struct
{
  char              *dir;
  LivelineStore     *store;
  LivelinePost      *first;
  LivelinePost      *second;
  LivelineAutosaver *autosaver;

  /* Monotonic times of the "saved" signal, and the posts it named. */
  GArray            *saved_at;
  GPtrArray         *saved_posts;
} Fixture;

static void
on_saved (LivelineAutosaver *autosaver,
          LivelinePost      *post,
          Fixture           *fixture)
{
  gint64 now = g_get_monotonic_time ();

  g_array_append_val (fixture->saved_at, now);
  g_ptr_array_add (fixture->saved_posts, post);
}

static void
on_failed (LivelineAutosaver *autosaver,
           LivelinePost      *post,
           const GError      *error,
           Fixture           *fixture)
{
  g_error ("An autosave failed: %s", error->message);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  LivelineBlog *blog;

  fixture->dir = g_dir_make_tmp ("liveline-autosaver-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->store = liveline_store_open (fixture->dir, &error);
  g_assert_no_error (error);

  blog = liveline_store_create_blog (fixture->store, "Syria talks", &error);
  g_assert_no_error (error);
  fixture->first = liveline_store_create_post (fixture->store, blog, &error);
  g_assert_no_error (error);
  fixture->second = liveline_store_create_post (fixture->store, blog, &error);
  g_assert_no_error (error);

  fixture->saved_at = g_array_new (FALSE, FALSE, sizeof (gint64));
  fixture->saved_posts = g_ptr_array_new ();

  fixture->autosaver = liveline_autosaver_new (fixture->store);
  g_signal_connect (fixture->autosaver, "saved", G_CALLBACK (on_saved), fixture);
  g_signal_connect (fixture->autosaver, "failed", G_CALLBACK (on_failed), fixture);
  liveline_autosaver_set_post (fixture->autosaver, fixture->first);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->autosaver);
  g_clear_object (&fixture->first);
  g_clear_object (&fixture->second);
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->saved_at, g_array_unref);
  g_clear_pointer (&fixture->saved_posts, g_ptr_array_unref);
  liveline_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static gboolean
is_settled (gpointer user_data)
{
  return !liveline_autosaver_get_pending (user_data);
}

static guint
n_saves (Fixture *fixture)
{
  return fixture->saved_at->len;
}

static gint64
saved_at (Fixture *fixture,
          guint    i)
{
  return g_array_index (fixture->saved_at, gint64, i);
}

/* The body of the newest revision in the database, which is where a save
 * that really happened shows.
 */
static char *
dup_stored_body (Fixture      *fixture,
                 LivelinePost *post)
{
  g_autoptr(GListModel) revisions = NULL;
  g_autoptr(LivelineRevision) newest = NULL;
  g_autoptr(GError) error = NULL;

  revisions = liveline_store_list_revisions (fixture->store, post, &error);
  g_assert_no_error (error);
  if (g_list_model_get_n_items (revisions) == 0)
    return g_strdup ("");

  newest = g_list_model_get_item (revisions, 0);

  return g_strdup (liveline_revision_get_body (newest));
}

/* One edit, then quiet: written once, half a second later. */
static void
test_autosaver_single_change (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autofree char *stored = NULL;
  gint64 changed_at;
  gint64 waited_ms;

  g_assert_false (liveline_autosaver_get_pending (fixture->autosaver));

  changed_at = g_get_monotonic_time ();
  g_object_set (fixture->first, "body", "Talks resume in Geneva", NULL);
  g_assert_true (liveline_autosaver_get_pending (fixture->autosaver));

  liveline_test_run_for (LIVELINE_AUTOSAVER_DELAY_MS - 100);
  g_assert_cmpuint (n_saves (fixture), ==, 0);
  stored = dup_stored_body (fixture, fixture->first);
  g_assert_cmpstr (stored, ==, "");
  g_clear_pointer (&stored, g_free);

  g_assert_true (liveline_test_wait_for (is_settled, fixture->autosaver, 5000));
  g_assert_cmpuint (n_saves (fixture), ==, 1);
  g_assert_true (g_ptr_array_index (fixture->saved_posts, 0) == fixture->first);

  waited_ms = (saved_at (fixture, 0) - changed_at) / G_TIME_SPAN_MILLISECOND;
  g_test_message ("saved %" G_GINT64_FORMAT " ms after the change", waited_ms);
  g_assert_cmpint (waited_ms, >=, LIVELINE_AUTOSAVER_DELAY_MS - 20);
  g_assert_cmpint (waited_ms, <=, PROMISE_MS);

  stored = dup_stored_body (fixture, fixture->first);
  g_assert_cmpstr (stored, ==, "Talks resume in Geneva");

  /* Nothing more to write: no second save. */
  liveline_test_run_for (LIVELINE_AUTOSAVER_MAX_DELAY_MS + 100);
  g_assert_cmpuint (n_saves (fixture), ==, 1);
}

typedef struct
{
  Fixture *fixture;
  GString *body;
  gint64   first_change;
  gint64   last_change;
  guint    n_changes;
  guint    timeout_id;
} Typist;

static gboolean
on_keystroke (gpointer user_data)
{
  Typist *typist = user_data;

  g_string_append_c (typist->body, "abcdefghij"[typist->n_changes % 10]);
  g_object_set (typist->fixture->first, "body", typist->body->str, NULL);

  typist->last_change = g_get_monotonic_time ();
  if (typist->n_changes++ == 0)
    typist->first_change = typist->last_change;

  if (typist->last_change - typist->first_change >= 3 * G_TIME_SPAN_SECOND)
    {
      typist->timeout_id = 0;
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

static gboolean
typist_is_done (gpointer user_data)
{
  Typist *typist = user_data;

  return typist->timeout_id == 0;
}

/* A journalist who types without a pause for three seconds: the text is
 * written while she types, never more than a second apart, and the burst is
 * still coalesced rather than written on every keystroke.
 */
static void
test_autosaver_continuous_typing (Fixture       *fixture,
                                  gconstpointer  user_data)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *stored = NULL;
  Typist typist = { fixture, body, 0, 0, 0, 0 };
  guint saves_while_typing;
  gint64 previous;
  gint64 longest_ms = 0;

  typist.timeout_id = g_timeout_add (50, on_keystroke, &typist);
  g_assert_true (liveline_test_wait_for (typist_is_done, &typist, 10000));

  saves_while_typing = n_saves (fixture);
  g_test_message ("%u changes in %" G_GINT64_FORMAT " ms, %u saves while typing",
                  typist.n_changes,
                  (typist.last_change - typist.first_change) / G_TIME_SPAN_MILLISECOND,
                  saves_while_typing);

  /* Without a deadline, a burst with no pause would never be written. */
  g_assert_cmpuint (saves_while_typing, >=, 3);
  /* Coalesced: far fewer writes than keystrokes. */
  g_assert_cmpuint (saves_while_typing, <=, 3000 / LIVELINE_AUTOSAVER_MAX_DELAY_MS + 1);

  g_assert_true (liveline_test_wait_for (is_settled, fixture->autosaver, 5000));
  g_assert_cmpuint (n_saves (fixture), ==, saves_while_typing + 1);

  /* From the first keystroke, through every save, to the last keystroke's
   * save: no gap longer than the promise.
   */
  previous = typist.first_change;
  for (guint i = 0; i < n_saves (fixture); i++)
    {
      longest_ms = MAX (longest_ms, (saved_at (fixture, i) - previous) / G_TIME_SPAN_MILLISECOND);
      previous = saved_at (fixture, i);
    }
  g_test_message ("longest time between saves: %" G_GINT64_FORMAT " ms", longest_ms);
  g_assert_cmpint (longest_ms, <=, PROMISE_MS);
  g_assert_cmpint ((saved_at (fixture, n_saves (fixture) - 1) - typist.last_change) /
                   G_TIME_SPAN_MILLISECOND, <=, PROMISE_MS);

  stored = dup_stored_body (fixture, fixture->first);
  g_assert_cmpstr (stored, ==, body->str);
}

/* Opening another post writes the pending change of the one left, at once,
 * and from then on only the new one is followed.
 */
static void
test_autosaver_switch_post (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autofree char *stored = NULL;

  g_object_set (fixture->first, "headline", "Talks resume", "body", "Delegates arrive", NULL);
  g_assert_true (liveline_autosaver_get_pending (fixture->autosaver));

  liveline_autosaver_set_post (fixture->autosaver, fixture->second);
  g_assert_cmpuint (n_saves (fixture), ==, 1);
  g_assert_true (g_ptr_array_index (fixture->saved_posts, 0) == fixture->first);
  g_assert_false (liveline_autosaver_get_pending (fixture->autosaver));
  g_assert_true (liveline_autosaver_get_post (fixture->autosaver) == fixture->second);

  stored = dup_stored_body (fixture, fixture->first);
  g_assert_cmpstr (stored, ==, "Delegates arrive");
  g_clear_pointer (&stored, g_free);

  /* The post left behind is no longer followed. */
  g_object_set (fixture->first, "body", "Not followed", NULL);
  g_assert_false (liveline_autosaver_get_pending (fixture->autosaver));

  g_object_set (fixture->second, "body", "A second update", NULL);
  g_assert_true (liveline_autosaver_get_pending (fixture->autosaver));
  g_assert_true (liveline_test_wait_for (is_settled, fixture->autosaver, 5000));
  g_assert_cmpuint (n_saves (fixture), ==, 2);
  g_assert_true (g_ptr_array_index (fixture->saved_posts, 1) == fixture->second);

  stored = dup_stored_body (fixture, fixture->second);
  g_assert_cmpstr (stored, ==, "A second update");
  g_clear_pointer (&stored, g_free);
  stored = dup_stored_body (fixture, fixture->first);
  g_assert_cmpstr (stored, ==, "Delegates arrive");
}

/* An editor that goes away (its window closed) writes what is pending, and
 * it is there when the store is opened again.
 */
static void
test_autosaver_dispose_saves (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autoptr(LivelinePost) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  gint64 post_id = liveline_post_get_id (fixture->first);

  g_object_set (fixture->first, "body", "Written just before closing", "pinned", TRUE, NULL);
  g_assert_true (liveline_autosaver_get_pending (fixture->autosaver));

  g_clear_object (&fixture->autosaver);
  g_assert_cmpuint (n_saves (fixture), ==, 1);

  g_clear_object (&fixture->first);
  g_clear_object (&fixture->second);
  g_clear_object (&fixture->store);

  fixture->store = liveline_store_open (fixture->dir, &error);
  g_assert_no_error (error);
  reloaded = liveline_store_load_post (fixture->store, post_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liveline_post_get_body (reloaded), ==, "Written just before closing");
  g_assert_true (liveline_post_get_pinned (reloaded));
}

static void
count_failure (LivelineAutosaver *autosaver,
               LivelinePost      *post,
               const GError      *error,
               guint             *failures)
{
  (*failures)++;
}

static gboolean
has_failed (gpointer user_data)
{
  return *(guint *)user_data > 0;
}

/* A write that fails — here because another program holds the database —
 * is tried again by itself, and the edit is not lost.
 */
static void
test_autosaver_retries_after_failure (Fixture       *fixture,
                                      gconstpointer  user_data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "liveline.db", NULL);
  g_autofree char *body = NULL;
  guint failures = 0;
  sqlite3 *other;

  g_signal_handlers_disconnect_by_func (fixture->autosaver, on_failed, fixture);
  g_signal_connect (fixture->autosaver, "failed", G_CALLBACK (count_failure), &failures);

  g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  g_test_expect_message ("liveline-autosaver", G_LOG_LEVEL_WARNING, "Could not save an update*");
  liveline_post_set_body (fixture->first, "Written while the disk was busy");
  g_assert_true (liveline_test_wait_for (has_failed, &failures, 10000));
  g_test_assert_expected_messages ();
  g_assert_true (liveline_autosaver_get_pending (fixture->autosaver));

  g_assert_cmpint (sqlite3_exec (other, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);

  g_assert_true (liveline_test_wait_for (is_settled, fixture->autosaver,
                                         LIVELINE_AUTOSAVER_RETRY_MS + PROMISE_MS));
  body = dup_stored_body (fixture, fixture->first);
  g_assert_cmpstr (body, ==, "Written while the disk was busy");
  g_assert_cmpuint (failures, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/autosaver/single-change", Fixture, NULL,
              fixture_set_up, test_autosaver_single_change, fixture_tear_down);
  g_test_add ("/autosaver/continuous-typing", Fixture, NULL,
              fixture_set_up, test_autosaver_continuous_typing, fixture_tear_down);
  g_test_add ("/autosaver/switch-post", Fixture, NULL,
              fixture_set_up, test_autosaver_switch_post, fixture_tear_down);
  g_test_add ("/autosaver/retries-after-failure", Fixture, NULL,
              fixture_set_up, test_autosaver_retries_after_failure, fixture_tear_down);
  g_test_add ("/autosaver/dispose-saves", Fixture, NULL,
              fixture_set_up, test_autosaver_dispose_saves, fixture_tear_down);

  return g_test_run ();
}
