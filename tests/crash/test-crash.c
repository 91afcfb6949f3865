/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-crash"

#include "config.h"

#include <errno.h>
#include <gio/gunixinputstream.h>
#include <poll.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "liveline-autosaver.h"
#include "liveline-crash-script.h"
#include "liveline-post.h"
#include "liveline-store.h"
#include "liveline-test-util.h"

/* The laptop dies mid-sentence: crash-editor types into an update
 * through the store and the autosaver, exactly as the editor does, and is
 * killed with SIGKILL at a random moment. Then the store must open as if
 * nothing happened, hold the update exactly as it was after some keystroke
 * (nothing lost in the middle, nothing reordered, no field from another
 * moment), and that keystroke must be no older than the promise: every edit
 * made more than a second before the crash is there.
 */

#define N_ROUNDS          50
#define N_START_UP_ROUNDS 10
#define PROMISE_USEC      G_USEC_PER_SEC

/* Some rounds aim at the autosaver's own write instead of a random moment.
 * While the journalist types without a pause, the first keystroke after a
 * save is written LIVELINE_AUTOSAVER_MAX_DELAY_MS later, to within the main
 * loop's millisecond; the kill comes that long after the first keystroke,
 * plus 0 to 1.5 ms, so it falls before, inside or after the transaction
 * (it takes a few tenths of a millisecond).
 */
#define AIM_EVERY         5
#define AIM_SPREAD_USEC   1500

typedef struct
{
  char        *dir;
  GSubprocess *editor;
  int          fd;
  GString     *pending;
  char        *protocol_error;

  gint64       spawned_at;
  gint64       ready_at;
  gint64       post_id;

  /* How it ends: @kill_delay_ms after it is ready to type, @start_up_ms
   * after it was started, or, with @aim_offset not negative, that long
   * after the autosaver's deadline.
   */
  guint        kill_delay_ms;
  guint        start_up_ms;
  gint64       aim_offset;

  /* Monotonic time of each keystroke, from the first. */
  GArray      *keystroke_times;
  guint        last_saved;
  guint        aimed_after;
  gint64       kill_at;
  gint64       killed_at;
} Round;

typedef struct
{
  guint  rounds;
  guint  keystrokes;
  guint  saved;
  gint64 shortest_margin;
  guint  shortest_margin_round;
  gint64 longest_unsaved;
  guint  aimed;
  guint  aimed_before_commit;
} Figures;

static void
kill_editor (Round *round)
{
  if (round->killed_at != 0)
    return;

  g_subprocess_send_signal (round->editor, SIGKILL);
  round->killed_at = g_get_monotonic_time ();
}

static void
protocol_error (Round      *round,
                const char *line)
{
  if (round->protocol_error == NULL)
    round->protocol_error = g_strdup (line);
}

static void
handle_line (Round      *round,
             const char *line)
{
  g_auto(GStrv) words = g_strsplit (line, " ", 0);
  guint n_words = g_strv_length (words);

  if (n_words == 3 && g_str_equal (words[0], "ready"))
    {
      round->post_id = g_ascii_strtoll (words[1], NULL, 10);
      round->ready_at = g_ascii_strtoll (words[2], NULL, 10);
      if (round->kill_delay_ms > 0 && round->kill_at == 0)
        round->kill_at = g_get_monotonic_time () + round->kill_delay_ms * G_TIME_SPAN_MILLISECOND;
    }
  else if (n_words == 4 && g_str_equal (words[0], "key"))
    {
      guint keystroke = g_ascii_strtoull (words[1], NULL, 10);
      gint64 time = g_ascii_strtoll (words[3], NULL, 10);

      /* The first keystroke after a save starts the autosaver's clock. */
      if (round->aim_offset >= 0 && round->kill_at == 0 && keystroke == round->last_saved + 1)
        {
          round->aimed_after = keystroke;
          round->kill_at = time + LIVELINE_AUTOSAVER_MAX_DELAY_MS * G_TIME_SPAN_MILLISECOND +
                           round->aim_offset;
        }

      if (keystroke != round->keystroke_times->len + 1)
        protocol_error (round, line);
      g_array_append_val (round->keystroke_times, time);
    }
  else if (n_words == 3 && g_str_equal (words[0], "saved"))
    {
      round->last_saved = g_ascii_strtoull (words[1], NULL, 10);
    }
  else
    {
      /* "failed …" included: a save that fails is a keystroke at risk. */
      protocol_error (round, line);
    }
}

/* Reads what the editor wrote since the last call.
 *
 * Returns: %FALSE at the end of its output, when it is dead
 */
static gboolean
read_lines (Round *round)
{
  char buffer[4096];
  gssize n_read;
  char *newline;

  do
    n_read = read (round->fd, buffer, sizeof buffer);
  while (n_read < 0 && errno == EINTR);

  g_assert_cmpint (n_read, >=, 0);
  if (n_read == 0)
    return FALSE;

  g_string_append_len (round->pending, buffer, n_read);
  while ((newline = memchr (round->pending->str, '\n', round->pending->len)) != NULL)
    {
      *newline = '\0';
      handle_line (round, round->pending->str);
      g_string_erase (round->pending, 0, newline - round->pending->str + 1);
    }

  return TRUE;
}

/* Starts the editor on a new data folder and reads what it tells until it
 * is dead, killed as the round says.
 *
 * The pipe is polled directly rather than through a main loop, and the
 * last two milliseconds before the kill are spun, so the kill comes when
 * it was meant to, to the microsecond.
 */
static void
round_run (Round *round)
{
  const char *binary = g_getenv ("LIVELINE_CRASH_EDITOR_BIN");
  g_autoptr(GError) error = NULL;
  g_autofree char *seed = g_strdup_printf ("%u", (guint)g_test_rand_int ());
  GInputStream *stdout_pipe;
  gint64 give_up_at;

  g_assert_nonnull (binary);

  round->dir = g_dir_make_tmp ("liveline-crash-XXXXXX", &error);
  g_assert_no_error (error);
  round->keystroke_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  round->pending = g_string_new (NULL);

  round->editor = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                    binary, round->dir, seed, NULL);
  g_assert_no_error (error);
  round->spawned_at = g_get_monotonic_time ();
  stdout_pipe = g_subprocess_get_stdout_pipe (round->editor);
  round->fd = g_unix_input_stream_get_fd (G_UNIX_INPUT_STREAM (stdout_pipe));
  give_up_at = round->spawned_at + 30 * G_TIME_SPAN_SECOND;

  if (round->start_up_ms > 0)
    round->kill_at = round->spawned_at + round->start_up_ms * G_TIME_SPAN_MILLISECOND;

  for (;;)
    {
      struct pollfd pollfd = { round->fd, POLLIN, 0 };
      gint64 now = g_get_monotonic_time ();
      int timeout_ms = -1;
      int rc;

      g_assert_cmpint (now, <, give_up_at);

      if (round->killed_at == 0 && round->kill_at != 0)
        {
          gint64 left = round->kill_at - now;

          if (left <= 0)
            {
              kill_editor (round);
              continue;
            }

          timeout_ms = MAX (0, left - 2 * G_TIME_SPAN_MILLISECOND) / G_TIME_SPAN_MILLISECOND;
        }
      else if (round->killed_at == 0)
        {
          timeout_ms = (give_up_at - now) / G_TIME_SPAN_MILLISECOND + 1;
        }

      rc = poll (&pollfd, 1, timeout_ms);
      g_assert_true (rc >= 0 || errno == EINTR);

      if (rc > 0 && !read_lines (round))
        break;
    }

  g_assert_true (g_subprocess_wait (round->editor, NULL, &error));
  g_assert_no_error (error);

  /* Dead by our hand, not by its own. */
  g_assert_cmpint (round->killed_at, >, 0);
  g_assert_true (g_subprocess_get_if_signaled (round->editor));
  g_assert_cmpint (g_subprocess_get_term_sig (round->editor), ==, SIGKILL);

  if (round->protocol_error != NULL)
    g_error ("The editor said “%s”", round->protocol_error);
}

static void
round_clear (Round *round)
{
  g_clear_object (&round->editor);
  g_clear_pointer (&round->keystroke_times, g_array_unref);
  g_clear_pointer (&round->protocol_error, g_free);
  if (round->pending != NULL)
    g_string_free (g_steal_pointer (&round->pending), TRUE);
  if (round->dir != NULL)
    liveline_test_remove_tree (round->dir);
  g_clear_pointer (&round->dir, g_free);
}

static guint
n_keystrokes (Round *round)
{
  return round->keystroke_times->len;
}

static gint64
keystroke_time (Round *round,
                guint  keystroke)
{
  g_assert (keystroke >= 1 && keystroke <= n_keystrokes (round));

  return g_array_index (round->keystroke_times, gint64, keystroke - 1);
}

/* The database as the crash left it, through SQLite itself rather than
 * through Liveline. It is opened for writing because a reader cannot
 * replay a journal left by a killed writer; nothing else is written.
 */
static void
assert_database_sound (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "liveline.db", NULL);
  sqlite3_stmt *stmt;
  sqlite3 *db;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 0), ==, "ok");
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* Every photo the database names was copied into the media folder before
 * the post pointed at it: no dangling photo after a crash.
 */
static void
assert_media_present (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "liveline.db", NULL);
  sqlite3_stmt *stmt;
  sqlite3 *db;
  int rc;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  if (sqlite3_prepare_v2 (db, "SELECT file FROM media", -1, &stmt, NULL) != SQLITE_OK)
    {
      /* Killed before the schema was made. */
      sqlite3_close (db);
      return;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *file = g_build_filename (dir, "media",
                                                (const char *)sqlite3_column_text (stmt, 0),
                                                NULL);

      g_assert_true (g_file_test (file, G_FILE_TEST_IS_REGULAR));
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);

  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* Liveline opens the store the dead editor had locked, with nothing moved
 * aside as damaged.
 */
static LivelineStore *
open_store (Round *round)
{
  g_autoptr(LivelineStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = liveline_store_open (round->dir, &error);
  g_assert_no_error (error);
  g_assert_null (liveline_store_get_moved_aside (store));

  return g_steal_pointer (&store);
}

/* Which keystroke of the script the stored post is, or fails. */
static guint
find_keystroke (Round        *round,
                LivelinePost *post)
{
  LivelineCrashDraft draft;
  const char *body = liveline_post_get_body (post);
  guint found = G_MAXUINT;

  liveline_crash_draft_init (&draft);

  for (;;)
    {
      if (liveline_crash_draft_equal (&draft,
                                      liveline_post_get_headline (post),
                                      body,
                                      liveline_post_get_pinned (post),
                                      liveline_post_get_image_caption (post)))
        {
          found = draft.keystrokes;
          break;
        }

      /* Nothing the editor had not typed yet can be in the store. */
      if (draft.keystrokes == n_keystrokes (round))
        break;

      liveline_crash_draft_type (&draft);
    }

  if (found == G_MAXUINT)
    {
      LivelineCrashDraft same_length;

      liveline_crash_draft_init (&same_length);
      while (same_length.body_chars < (guint)g_utf8_strlen (body, -1) &&
             same_length.keystrokes < n_keystrokes (round) + 1000)
        liveline_crash_draft_type (&same_length);

      g_test_message ("stored body:   “%s”", body);
      g_test_message ("typed body:    “%s”", same_length.body->str);
      g_test_message ("stored headline “%s”, pinned %d, caption “%s”",
                      liveline_post_get_headline (post),
                      liveline_post_get_pinned (post),
                      liveline_post_get_image_caption (post));
      liveline_crash_draft_clear (&same_length);
      g_error ("The stored update is not the draft after any of the %u keystrokes typed",
               n_keystrokes (round));
    }

  liveline_crash_draft_clear (&draft);

  return found;
}

static void
check_typing_round (Round   *round,
                    guint    number,
                    Figures *figures)
{
  g_autoptr(LivelineStore) store = NULL;
  g_autoptr(LivelinePost) post = NULL;
  g_autoptr(GError) error = NULL;
  guint stored;
  guint due = 0;
  gint64 oldest_unsaved = 0;

  assert_database_sound (round->dir);
  assert_media_present (round->dir);
  store = open_store (round);

  g_assert_cmpint (round->post_id, >, 0);
  post = liveline_store_load_post (store, round->post_id, &error);
  g_assert_no_error (error);

  /* The photo was copied into the data folder when it was dropped in. */
  g_assert_true (liveline_post_has_image (post));
  g_assert_true (g_file_test (liveline_post_get_image_path (post), G_FILE_TEST_IS_REGULAR));

  stored = find_keystroke (round, post);

  /* Every save the editor saw succeed survived. */
  g_assert_cmpuint (stored, >=, round->last_saved);

  /* Every keystroke older than the promise is there. */
  for (guint k = 1; k <= n_keystrokes (round); k++)
    if (keystroke_time (round, k) <= round->killed_at - PROMISE_USEC)
      due = k;

  if (stored < n_keystrokes (round))
    oldest_unsaved = round->killed_at - keystroke_time (round, stored + 1);

  g_test_message ("round %2u: killed %4" G_GINT64_FORMAT " ms after typing began, "
                  "%3u keystrokes, %3u stored, %3u due; "
                  "oldest unsaved %3" G_GINT64_FORMAT " ms old",
                  number,
                  (round->killed_at - round->ready_at) / G_TIME_SPAN_MILLISECOND,
                  n_keystrokes (round), stored, due,
                  oldest_unsaved / G_TIME_SPAN_MILLISECOND);

  g_assert_cmpuint (stored, >=, due);
  g_assert_cmpint (oldest_unsaved, <=, PROMISE_USEC);

  figures->rounds++;
  figures->keystrokes += n_keystrokes (round);
  figures->saved += stored;
  figures->longest_unsaved = MAX (figures->longest_unsaved, oldest_unsaved);
  if (PROMISE_USEC - oldest_unsaved < figures->shortest_margin)
    {
      figures->shortest_margin = PROMISE_USEC - oldest_unsaved;
      figures->shortest_margin_round = number;
    }

  if (round->aimed_after != 0)
    {
      gboolean before = stored < round->aimed_after;

      g_test_message ("          aimed at the autosave that keystroke %u started: "
                      "killed %.3f ms after it was due, %s its commit",
                      round->aimed_after,
                      (double)(round->killed_at - keystroke_time (round, round->aimed_after)) /
                      G_TIME_SPAN_MILLISECOND - LIVELINE_AUTOSAVER_MAX_DELAY_MS,
                      before ? "before" : "after");
      figures->aimed++;
      if (before)
        figures->aimed_before_commit++;
    }
}

/* Killed at a random moment of a journalist's fast typing, 50 times over. */
static void
test_crash_while_typing (void)
{
  Figures figures = { 0 };

  figures.shortest_margin = G_MAXINT64;

  for (guint i = 1; i <= N_ROUNDS; i++)
    {
      Round round = { 0 };

      round.aim_offset = -1;
      if (i % AIM_EVERY == 0)
        round.aim_offset = g_test_rand_int_range (0, AIM_SPREAD_USEC + 1);
      else
        round.kill_delay_ms = g_test_rand_int_range (300, 2501);

      round_run (&round);
      check_typing_round (&round, i, &figures);
      round_clear (&round);
    }

  g_test_message ("%u rounds, %u keystrokes typed, %u stored; "
                  "oldest unsaved keystroke at a kill %" G_GINT64_FORMAT " ms old, "
                  "shortest margin %" G_GINT64_FORMAT " ms (round %u); "
                  "%u kills aimed at an autosave, %u of them before its commit",
                  figures.rounds, figures.keystrokes, figures.saved,
                  figures.longest_unsaved / G_TIME_SPAN_MILLISECOND,
                  figures.shortest_margin / G_TIME_SPAN_MILLISECOND,
                  figures.shortest_margin_round,
                  figures.aimed, figures.aimed_before_commit);
}

/* Killed while it starts: creating the database, migrating it, making the
 * post, copying the photo, all within its first 15 ms or so. The next start
 * must still find a sound store.
 */
static void
test_crash_while_starting (void)
{
  for (guint i = 1; i <= N_START_UP_ROUNDS; i++)
    {
      Round round = { 0 };
      g_autoptr(LivelineStore) store = NULL;
      g_autoptr(LivelinePost) post = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *database = NULL;
      gboolean had_database;

      round.aim_offset = -1;
      round.start_up_ms = g_test_rand_int_range (1, 16);
      round_run (&round);

      database = g_build_filename (round.dir, "liveline.db", NULL);
      had_database = g_file_test (database, G_FILE_TEST_EXISTS);
      assert_database_sound (round.dir);
      assert_media_present (round.dir);
      store = open_store (&round);

      /* Had it told it was ready, its post must be there, photo and all. */
      if (round.post_id > 0)
        {
          post = liveline_store_load_post (store, round.post_id, &error);
          g_assert_no_error (error);
          g_assert_true (liveline_post_has_image (post));
          (void)find_keystroke (&round, post);
        }

      g_test_message ("start-up round %2u: killed %2" G_GINT64_FORMAT " ms after start, %s",
                      i, (round.killed_at - round.spawned_at) / G_TIME_SPAN_MILLISECOND,
                      round.post_id > 0 ? "after it was ready to type" :
                      had_database ? "with the database begun, before it was ready" :
                      "before it made the database");

      g_clear_object (&post);
      g_clear_object (&store);
      round_clear (&round);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crash/while-starting", test_crash_while_starting);
  g_test_add_func ("/crash/while-typing", test_crash_while_typing);

  return g_test_run ();
}
