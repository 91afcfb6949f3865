/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-store-damage"

#include "config.h"

#include <sqlite3.h>

#include "liveline-blog.h"
#include "liveline-post.h"
#include "liveline-store-private.h"
#include "liveline-timeline.h"
#include "liveline-test-damage.h"
#include "liveline-test-util.h"

/* A store whose file is damaged on disk: garbage written over one page of
 * the posts of a live blog of 300 updates, as a failing disk would. Opening
 * it, or reading it, must notice; the file is kept aside as it was, every
 * update on an intact page is copied into a new store, and nothing more is
 * written into the damaged file.
 */

#define N_POSTS     300
/* Every QUEUED_EVERY-th update was published and waits in the outbox. */
#define QUEUED_EVERY 7

typedef struct
{
  char       *dir;
  char       *path;
  /* Whether each update (by id) can be read from the damaged file, one row
   * at a time, straight through SQLite.
   */
  gboolean    readable[N_POSTS + 1];
  guint       n_readable;
  guint       n_queued_readable;
  GBytes     *damaged_bytes;
} Damage;

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

/* What a careful reader gets from the damaged file, one row at a time. */
static void
read_row_by_row (Damage *damage)
{
  damage->n_readable = liveline_test_read_posts (damage->path, N_POSTS, damage->readable);
  damage->n_queued_readable = 0;
  for (guint id = QUEUED_EVERY; id <= N_POSTS; id += QUEUED_EVERY)
    if (damage->readable[id])
      damage->n_queued_readable++;
}

static void
damage_set_up (Damage *damage)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  guint lost;

  memset (damage, 0, sizeof *damage);
  damage->dir = g_dir_make_tmp ("liveline-damage-XXXXXX", &error);
  g_assert_no_error (error);
  damage->path = g_build_filename (damage->dir, "liveline.db", NULL);

  liveline_test_fill_store (damage->dir, N_POSTS, QUEUED_EVERY);
  lost = liveline_test_damage_post_page (damage->path, 0);
  read_row_by_row (damage);

  /* Exactly the rows of the damaged page are lost to a careful reader. */
  g_assert_cmpuint (damage->n_readable, ==, N_POSTS - lost);

  g_assert_true (g_file_get_contents (damage->path, &contents, &length, &error));
  damage->damaged_bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
}

static void
damage_tear_down (Damage *damage)
{
  liveline_test_remove_tree (damage->dir);
  g_free (damage->dir);
  g_free (damage->path);
  g_bytes_unref (damage->damaged_bytes);
}

/* The damaged file was moved aside under its dated name, byte for byte as
 * it was found, and not one write went into it or its journal.
 */
static void
assert_kept_aside (Damage        *damage,
                   LivelineStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *base = NULL;
  const char *aside = liveline_store_get_moved_aside (store);
  gsize length;

  g_assert_nonnull (aside);
  base = g_path_get_basename (aside);
  g_assert_true (g_str_has_prefix (base, "liveline.db.damaged-"));
  g_assert_true (g_regex_match_simple ("^liveline\\.db\\.damaged-[0-9]{8}-[0-9]{6}$", base, 0, 0));

  g_assert_true (g_file_get_contents (aside, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (contents, length,
                   g_bytes_get_data (damage->damaged_bytes, NULL),
                   g_bytes_get_size (damage->damaged_bytes));

  wal = g_strconcat (aside, "-wal", NULL);
  if (g_file_test (wal, G_FILE_TEST_EXISTS))
    {
      g_autofree char *journal = NULL;
      gsize journal_length;

      g_assert_true (g_file_get_contents (wal, &journal, &journal_length, NULL));
      g_assert_cmpuint (journal_length, ==, 0);
    }
}

static guint
count_items (GListModel *model,
             Damage     *damage)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LivelinePost) post = g_list_model_get_item (model, i);

      g_assert_nonnull (post);
    }

  return n;
}

/* Every update the careful reader got is in @store, as it was. */
static void
assert_salvaged (Damage        *damage,
                 LivelineStore *store)
{
  g_autoptr(GError) error = NULL;
  LivelineBlog *blog;
  g_autoptr(LivelineTimeline) timeline = NULL;

  g_assert_cmpuint (liveline_store_get_salvaged_posts (store), ==, damage->n_readable);
  g_assert_false (liveline_store_get_salvage_complete (store));

  g_assert_cmpuint (g_list_model_get_n_items (liveline_store_get_blogs (store)), ==, 1);
  blog = liveline_store_find_blog (store, 1);
  g_assert_nonnull (blog);
  g_assert_cmpstr (liveline_blog_get_name (blog), ==, "Syria talks");

  timeline = liveline_timeline_new (store, blog);
  g_assert_cmpuint (count_items (G_LIST_MODEL (timeline), damage), ==, damage->n_readable);

  for (guint id = 1; id <= N_POSTS; id++)
    {
      g_autoptr(LivelinePost) post = liveline_store_load_post (store, id, &error);

      if (!damage->readable[id])
        {
          g_assert_error (error, LIVELINE_STORE_ERROR, LIVELINE_STORE_ERROR_NOT_FOUND);
          g_clear_error (&error);
          continue;
        }

      {
        g_autofree char *headline = g_strdup_printf ("Update %u", id);
        g_autoptr(GListModel) revisions = NULL;

        g_assert_no_error (error);
        g_assert_cmpstr (liveline_post_get_headline (post), ==, headline);
        g_assert_cmpint (liveline_post_get_state (post), ==,
                         id % QUEUED_EVERY == 0 ? LIVELINE_POST_STATE_QUEUED
                                                : LIVELINE_POST_STATE_DRAFT);
        revisions = liveline_store_list_revisions (store, post, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (g_list_model_get_n_items (revisions), ==, 1);
      }
    }

  /* The queued operations of the updates that survived still wait. */
  g_assert_cmpuint (liveline_store_count_waiting (store), ==, damage->n_queued_readable);

  /* The search index was built again. */
  {
    g_autoptr(LivelineTimeline) search = liveline_timeline_new (store, blog);

    liveline_timeline_set_search (search, "delegates");
    g_assert_cmpuint (count_items (G_LIST_MODEL (search), damage), ==, damage->n_readable);
  }
}

/* A save after the damage goes into the new file. */
static void
assert_saves_go_to_new_file (Damage        *damage,
                             LivelineStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LivelinePost) post = NULL;
  sqlite3 *db;

  post = liveline_store_create_post (store, liveline_store_find_blog (store, 1), &error);
  g_assert_no_error (error);
  liveline_post_set_headline (post, "Written after the damage");
  g_assert_true (liveline_store_save_post (store, post, &error));
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_open_v2 (damage->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM posts"
                                  " WHERE headline = 'Written after the damage'"), ==, 1);
  sqlite3_close (db);

  assert_kept_aside (damage, store);
}

static void
test_damage_found_at_open (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LivelineStore) store = NULL;
  Damage damage;

  damage_set_up (&damage);

  store = liveline_store_open (damage.dir, &error);
  g_assert_no_error (error);

  assert_kept_aside (&damage, store);
  assert_salvaged (&damage, store);
  assert_saves_go_to_new_file (&damage, store);

  /* The new store is sound: it opens as it is. */
  g_clear_object (&store);
  store = liveline_store_open (damage.dir, &error);
  g_assert_no_error (error);
  g_assert_null (liveline_store_get_moved_aside (store));
  g_assert_cmpuint (liveline_store_get_salvaged_posts (store), ==, 0);

  g_clear_object (&store);
  damage_tear_down (&damage);
}

static gboolean
store_was_rebuilt (gpointer data)
{
  return liveline_store_get_moved_aside (data) != NULL;
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    data)
{
  guint *n_changes = data;

  (*n_changes)++;
}

/* Damage that the check at open did not reach, because its time ran out:
 * the first read that meets it gives no NULL item, marks the store
 * damaged, and the store is rebuilt as soon as the main loop is idle.
 */
static void
test_damage_found_by_read (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LivelineStore) store = NULL;
  g_autoptr(LivelineTimeline) timeline = NULL;
  LivelineBlog *blog;
  guint n_changes = 0;
  Damage damage;

  damage_set_up (&damage);

  /* No time at all for the check at open: it goes on in the background. */
  store = _liveline_store_open_full (damage.dir, LIVELINE_STORE_VERSION, 0, &error);
  g_assert_no_error (error);
  g_assert_null (liveline_store_get_moved_aside (store));

  blog = liveline_store_find_blog (store, 1);
  timeline = liveline_timeline_new (store, blog);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (timeline)), ==, N_POSTS);
  g_signal_connect (timeline, "items-changed", G_CALLBACK (on_items_changed), &n_changes);

  /* Every item is a post, the unreadable ones too, until the list is read
   * again.
   */
  count_items (G_LIST_MODEL (timeline), &damage);

  g_assert_true (liveline_test_wait_for (store_was_rebuilt, store, 10000));
  g_assert_cmpuint (n_changes, >=, 1);
  g_assert_cmpuint (count_items (G_LIST_MODEL (timeline), &damage), ==, damage.n_readable);

  assert_kept_aside (&damage, store);
  assert_salvaged (&damage, store);
  assert_saves_go_to_new_file (&damage, store);

  g_clear_object (&timeline);
  g_clear_object (&store);
  damage_tear_down (&damage);
}

/* The live blog's own row is lost: its updates, their revisions and their
 * queued operations are kept all the same, in a live blog named after the
 * one lost.
 */
static void
test_lost_blog_keeps_its_updates (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LivelineStore) store = NULL;
  g_autoptr(LivelineTimeline) timeline = NULL;
  g_autofree char *dir = g_dir_make_tmp ("liveline-damage-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "liveline.db", NULL);
  gboolean readable[N_POSTS + 1];
  LivelineBlog *blog;

  liveline_test_fill_store (dir, N_POSTS, QUEUED_EVERY);
  liveline_test_damage_table (path, "blogs");
  g_assert_cmpuint (liveline_test_read_posts (path, N_POSTS, readable), ==, N_POSTS);

  store = liveline_store_open (dir, &error);
  g_assert_no_error (error);
  g_assert_nonnull (liveline_store_get_moved_aside (store));
  g_assert_false (liveline_store_get_salvage_complete (store));
  g_assert_cmpuint (liveline_store_get_salvaged_posts (store), ==, N_POSTS);

  g_assert_cmpuint (g_list_model_get_n_items (liveline_store_get_blogs (store)), ==, 1);
  blog = liveline_store_find_blog (store, 1);
  g_assert_nonnull (blog);
  g_assert_cmpstr (liveline_blog_get_name (blog), ==, "Recovered live blog 1");

  timeline = liveline_timeline_new (store, blog);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (timeline)), ==, N_POSTS);
  g_assert_cmpuint (liveline_store_count_waiting (store), ==, N_POSTS / QUEUED_EVERY);

  g_clear_object (&timeline);
  g_clear_object (&store);
  liveline_test_remove_tree (dir);
}

/* When the check at open runs out of time, it goes on in a thread: damage
 * that nothing reads is found there, and the store rebuilt.
 */
static void
test_damage_found_by_check_in_background (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LivelineStore) store = NULL;
  Damage damage;

  damage_set_up (&damage);

  store = _liveline_store_open_full (damage.dir, LIVELINE_STORE_VERSION, 0, &error);
  g_assert_no_error (error);
  g_assert_null (liveline_store_get_moved_aside (store));

  g_assert_true (liveline_test_wait_for (store_was_rebuilt, store, 20000));
  assert_kept_aside (&damage, store);
  assert_salvaged (&damage, store);

  g_clear_object (&store);
  damage_tear_down (&damage);
}

/* A save that comes after damage was met, before the store could be
 * rebuilt, goes into the new file, never into the damaged one.
 */
static void
test_save_after_damage_goes_to_new_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LivelineStore) store = NULL;
  g_autoptr(LivelinePost) lost = NULL;
  g_autoptr(LivelinePost) kept = NULL;
  g_autoptr(LivelinePost) again = NULL;
  g_autoptr(GError) read_error = NULL;
  guint lost_id = 0;
  Damage damage;

  damage_set_up (&damage);

  /* Open with the check left to the background, and hold an update of an
   * intact page, as an editor would.
   */
  for (guint id = 1; id <= N_POSTS && lost_id == 0; id++)
    if (!damage.readable[id])
      lost_id = id;
  g_assert_cmpuint (lost_id, >, 0);

  store = _liveline_store_open_full (damage.dir, LIVELINE_STORE_VERSION, 0, &error);
  g_assert_no_error (error);

  kept = liveline_store_load_post (store, 1, &error);
  g_assert_no_error (error);

  /* The read of the damaged row marks the store damaged. */
  lost = liveline_store_load_post (store, lost_id, &read_error);
  g_assert_null (lost);
  g_assert_nonnull (read_error);
  g_assert_null (liveline_store_get_moved_aside (store));

  liveline_post_set_body (kept, "Corrected after the damage");
  g_assert_true (liveline_store_save_post (store, kept, &error));
  g_assert_no_error (error);

  assert_kept_aside (&damage, store);

  /* The read said why, in words. */
  g_assert_error (read_error, LIVELINE_STORE_ERROR, LIVELINE_STORE_ERROR_DAMAGED);
  g_assert_nonnull (strstr (read_error->message, "damaged"));

  g_clear_object (&store);
  store = liveline_store_open (damage.dir, &error);
  g_assert_no_error (error);
  again = liveline_store_load_post (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liveline_post_get_body (again), ==, "Corrected after the damage");

  g_clear_object (&again);
  g_clear_object (&store);
  damage_tear_down (&damage);
}

/* The update open in the editor, with what was typed and not yet saved,
 * survives the loss of its own row: damage written while the store is open
 * (as a failing disk would) to the page holding it and to another one, met
 * when the timeline reads the other one. Its copy in memory goes into the
 * new store.
 */
static void
test_open_update_survives_its_row (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LivelineStore) store = NULL;
  g_autoptr(LivelineTimeline) timeline = NULL;
  g_autoptr(LivelinePost) editing = NULL;
  g_autoptr(LivelinePost) again = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *headline = NULL;
  Damage probe = { 0 };
  gsize length;
  guint id = 0;
  char *dir;

  dir = g_dir_make_tmp ("liveline-damage-XXXXXX", &error);
  g_assert_no_error (error);
  probe.path = g_build_filename (dir, "liveline.db", NULL);
  liveline_test_fill_store (dir, N_POSTS, QUEUED_EVERY);

  /* Which updates the page holds, found on a copy damaged the same way. */
  copy = g_build_filename (dir, "copy.db", NULL);
  g_assert_true (g_file_get_contents (probe.path, &contents, &length, &error));
  liveline_test_write_file (copy, contents, length);
  liveline_test_damage_post_page (copy, 0);
  g_free (probe.path);
  probe.path = g_steal_pointer (&copy);
  read_row_by_row (&probe);
  for (guint i = 1; i <= N_POSTS && id == 0; i++)
    if (!probe.readable[i])
      id = i;
  g_assert_cmpuint (id, >, 0);
  g_free (probe.path);
  probe.path = g_build_filename (dir, "liveline.db", NULL);

  store = _liveline_store_open_full (dir, LIVELINE_STORE_VERSION, 0, &error);
  g_assert_no_error (error);
  editing = liveline_store_load_post (store, id, &error);
  g_assert_no_error (error);
  liveline_post_set_body (editing, "Typed just before the disk failed");

  liveline_test_damage_post_page (probe.path, 0);
  liveline_test_damage_post_page (probe.path, 1);

  timeline = liveline_timeline_new (store, liveline_store_find_blog (store, 1));
  count_items (G_LIST_MODEL (timeline), &probe);
  g_assert_true (liveline_test_wait_for (store_was_rebuilt, store, 10000));

  g_assert_true (liveline_store_save_post (store, editing, &error));
  g_assert_no_error (error);

  g_clear_object (&timeline);
  g_clear_object (&store);
  store = liveline_store_open (dir, &error);
  g_assert_no_error (error);
  again = liveline_store_load_post (store, id, &error);
  g_assert_no_error (error);
  headline = g_strdup_printf ("Update %u", id);
  g_assert_cmpstr (liveline_post_get_headline (again), ==, headline);
  g_assert_cmpstr (liveline_post_get_body (again), ==, "Typed just before the disk failed");

  g_clear_object (&again);
  g_clear_object (&store);
  liveline_test_remove_tree (dir);
  g_free (probe.path);
  g_free (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/damage/found-at-open", test_damage_found_at_open);
  g_test_add_func ("/store/damage/found-by-read", test_damage_found_by_read);
  g_test_add_func ("/store/damage/lost-blog-keeps-its-updates", test_lost_blog_keeps_its_updates);
  g_test_add_func ("/store/damage/found-by-check-in-background",
                   test_damage_found_by_check_in_background);
  g_test_add_func ("/store/damage/save-goes-to-new-file", test_save_after_damage_goes_to_new_file);
  g_test_add_func ("/store/damage/open-update-survives-its-row", test_open_update_survives_its_row);

  return g_test_run ();
}
