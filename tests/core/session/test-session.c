/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-session"

#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "liveline-core.h"
#include "liveline-test-damage.h"
#include "liveline-test-util.h"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("liveline-session-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  liveline_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* A first start makes the whole path, readable by its owner only: drafts
 * may hold unpublished reporting.
 */
static void
test_session_creates_private_folder (Fixture       *fixture,
                                     gconstpointer  user_data)
{
  g_autofree char *data_dir = g_build_filename (fixture->dir, "share", "liveline", NULL);
  g_autoptr(LivelineSession) session = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf buf;

  session = liveline_session_new (data_dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (LIVELINE_IS_SESSION (session));
  g_assert_cmpstr (liveline_session_get_data_dir (session), ==, data_dir);

  g_assert_cmpint (g_stat (data_dir, &buf), ==, 0);
  g_assert_true (S_ISDIR (buf.st_mode));
  g_assert_cmpint (buf.st_mode & 0777, ==, 0700);
}

/* A second start reuses the folder and leaves what is in it alone. */
static void
test_session_keeps_existing_data (Fixture       *fixture,
                                  gconstpointer  user_data)
{
  g_autofree char *draft = g_build_filename (fixture->dir, "draft.txt", NULL);
  g_autoptr(LivelineSession) first = NULL;
  g_autoptr(LivelineSession) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  first = liveline_session_new (fixture->dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (draft, "Talks resume in Geneva", -1, &error));
  g_assert_no_error (error);
  g_clear_object (&first);

  second = liveline_session_new (fixture->dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (draft, &contents, NULL, &error));
  g_assert_cmpstr (contents, ==, "Talks resume in Geneva");
}

/* A file where the folder should be is an error that names the path; the
 * file is not touched.
 */
static void
test_session_refuses_file_in_the_way (Fixture       *fixture,
                                      gconstpointer  user_data)
{
  g_autofree char *blocker = g_build_filename (fixture->dir, "liveline", NULL);
  g_autoptr(LivelineSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  g_assert_true (g_file_set_contents (blocker, "not a folder", -1, &error));
  g_assert_no_error (error);

  session = liveline_session_new (blocker, NULL, &error);
  g_assert_null (session);
  g_assert_nonnull (error);
  g_assert_true (error->domain == G_IO_ERROR);
  g_assert_nonnull (strstr (error->message, blocker));

  g_assert_true (g_file_get_contents (blocker, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "not a folder");
}

/* The session owns the store; a second session on the same data, as a
 * second Liveline would open, is refused rather than sharing it.
 */
static void
test_session_owns_the_store (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(LivelineSession) session = NULL;
  g_autoptr(LivelineSession) second = NULL;
  g_autoptr(GError) error = NULL;
  LivelineStore *store;

  session = liveline_session_new (fixture->dir, NULL, &error);
  g_assert_no_error (error);
  store = liveline_session_get_store (session);
  g_assert_true (LIVELINE_IS_STORE (store));
  g_assert_true (g_str_has_prefix (liveline_store_get_media_dir (store), fixture->dir));

  second = liveline_session_new (fixture->dir, NULL, &error);
  g_assert_null (second);
  g_assert_error (error, LIVELINE_STORE_ERROR, LIVELINE_STORE_ERROR_LOCKED);
}

static void
test_session_cancelled (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *data_dir = g_build_filename (fixture->dir, "never", NULL);
  g_autoptr(LivelineSession) session = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);

  session = liveline_session_new (data_dir, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (session);
  g_assert_false (g_file_test (data_dir, G_FILE_TEST_EXISTS));
}

/* Data damaged on disk does not stop Liveline: the session opens on a new
 * store holding every update that could be read, and the damaged file is
 * kept beside it for the application to name.
 */
static void
test_opens_damaged_data (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LivelineSession) session = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "liveline.db", NULL);
  gboolean readable[121];
  LivelineStore *store;
  guint n_readable;

  liveline_test_fill_store (fixture->dir, 120, 10);
  liveline_test_damage_post_page (path, 0);
  n_readable = liveline_test_read_posts (path, 120, readable);
  g_assert_cmpuint (n_readable, <, 120);

  session = liveline_session_new (fixture->dir, NULL, &error);
  g_assert_no_error (error);
  store = liveline_session_get_store (session);
  g_assert_nonnull (liveline_store_get_moved_aside (store));
  g_assert_true (g_file_test (liveline_store_get_moved_aside (store), G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (liveline_store_get_salvaged_posts (store), ==, n_readable);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/session/creates-private-folder", Fixture, NULL,
              fixture_set_up, test_session_creates_private_folder, fixture_tear_down);
  g_test_add ("/session/keeps-existing-data", Fixture, NULL,
              fixture_set_up, test_session_keeps_existing_data, fixture_tear_down);
  g_test_add ("/session/refuses-file-in-the-way", Fixture, NULL,
              fixture_set_up, test_session_refuses_file_in_the_way, fixture_tear_down);
  g_test_add ("/session/owns-the-store", Fixture, NULL,
              fixture_set_up, test_session_owns_the_store, fixture_tear_down);
  g_test_add ("/session/opens-damaged-data", Fixture, NULL,
              fixture_set_up, test_opens_damaged_data, fixture_tear_down);
  g_test_add ("/session/cancelled", Fixture, NULL,
              fixture_set_up, test_session_cancelled, fixture_tear_down);

  return g_test_run ();
}
