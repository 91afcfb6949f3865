/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-test-damage"

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <unistd.h>

#include "liveline-blog.h"
#include "liveline-post.h"
#include "liveline-store.h"
#include "liveline-test-damage.h"

/* Stores damaged on disk as a failing disk would damage them: a live blog
 * of updates written through the store, then garbage written over one page
 * of its posts, and what a careful reader can still get out of the file.
 */

/* SQLite's default, which the store keeps. */
#define PAGE_SIZE 4096

/**
 * liveline_test_fill_store:
 * @dir: a data folder
 * @n_posts: how many updates to write
 * @queued_every: every @queued_every-th update is also published (queued)
 *
 * Writes the live blog "Syria talks" (id 1) with updates 1 to @n_posts,
 * headlined "Update N", each saved once, and closes the store.
 */
void
liveline_test_fill_store (const char *dir,
                          guint       n_posts,
                          guint       queued_every)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LivelineStore) store = liveline_store_open (dir, &error);
  LivelineBlog *blog;

  g_assert_no_error (error);
  blog = liveline_store_create_blog (store, "Syria talks", &error);
  g_assert_no_error (error);
  g_assert_cmpint (liveline_blog_get_id (blog), ==, 1);

  for (guint i = 1; i <= n_posts; i++)
    {
      g_autoptr(LivelinePost) post = liveline_store_create_post (store, blog, &error);
      g_autofree char *headline = g_strdup_printf ("Update %u", i);

      g_assert_no_error (error);
      g_assert_cmpint (liveline_post_get_id (post), ==, i);
      liveline_post_set_headline (post, headline);
      liveline_post_set_body (post, "Delegates arrived at the hotel before noon, and the "
                                    "talks are expected to resume after lunch.");
      g_assert_true (liveline_store_save_post (store, post, &error));
      g_assert_no_error (error);

      if (i % queued_every == 0)
        {
          g_assert_true (liveline_store_publish_post (store, post, &error));
          g_assert_no_error (error);
        }
    }
}

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

/* The leaf pages of @table, in order, and how many rows each holds. */
static void
list_leaf_pages (const char *path,
                 const char *table,
                 GArray     *pages,
                 GArray     *counts)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (query_int (db, "PRAGMA page_size"), ==, PAGE_SIZE);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT pageno, ncell FROM dbstat"
                                       " WHERE name = ? AND pagetype = 'leaf'"
                                       " ORDER BY pageno",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 number = sqlite3_column_int64 (stmt, 0);
      guint count = sqlite3_column_int (stmt, 1);

      g_array_append_val (pages, number);
      g_array_append_val (counts, count);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  g_assert_cmpuint (pages->len, >, 0);
}

/* Writes garbage over the start of page @page: its header and cell
 * pointers, so SQLite cannot read a row of it.
 */
static void
damage_page (const char *path,
             gint64      page)
{
  guint8 garbage[100];
  int fd;

  for (guint i = 0; i < sizeof garbage; i++)
    garbage[i] = 0xa5 ^ (i * 37);

  fd = g_open (path, O_WRONLY, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (pwrite (fd, garbage, sizeof garbage, (page - 1) * PAGE_SIZE), ==,
                   sizeof garbage);
  g_assert_cmpint (fsync (fd), ==, 0);
  close (fd);
}

/**
 * liveline_test_damage_post_page:
 * @path: a database file, closed or open
 * @offset: which leaf page of the posts, counted from the middle one
 *
 * Returns: how many rows the damaged page held
 */
guint
liveline_test_damage_post_page (const char *path,
                                guint       offset)
{
  g_autoptr(GArray) pages = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (guint));
  guint index;

  list_leaf_pages (path, "posts", pages, counts);
  g_assert_cmpuint (pages->len, >=, 4);
  index = pages->len / 2 + offset;
  g_assert_cmpuint (index, <, pages->len);
  g_assert_cmpuint (g_array_index (counts, guint, index), >, 0);
  damage_page (path, g_array_index (pages, gint64, index));

  return g_array_index (counts, guint, index);
}

/**
 * liveline_test_damage_table:
 * @path: a database file, closed or open
 * @table: a table that fits in one page, such as "blogs"
 *
 * Damages the one page of @table, so none of its rows can be read.
 */
void
liveline_test_damage_table (const char *path,
                            const char *table)
{
  g_autoptr(GArray) pages = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (guint));

  list_leaf_pages (path, table, pages, counts);
  g_assert_cmpuint (pages->len, ==, 1);
  damage_page (path, g_array_index (pages, gint64, 0));
}

/**
 * liveline_test_read_posts:
 * @path: a database file filled by liveline_test_fill_store()
 * @n_posts: how many updates it was filled with
 * @readable: (array length=n_posts+1): set, by id, to whether the update
 *   can be read
 *
 * Reads each update as a careful reader would, one row at a time, straight
 * through SQLite.
 *
 * Returns: how many could be read
 */
guint
liveline_test_read_posts (const char *path,
                          guint       n_posts,
                          gboolean   *readable)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  guint count = 0;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT headline FROM posts WHERE id = ?",
                                       -1, &stmt, NULL), ==, SQLITE_OK);

  readable[0] = FALSE;
  for (guint id = 1; id <= n_posts; id++)
    {
      g_autofree char *expected = g_strdup_printf ("Update %u", id);

      sqlite3_bind_int64 (stmt, 1, id);
      readable[id] = sqlite3_step (stmt) == SQLITE_ROW &&
                     g_strcmp0 ((const char *)sqlite3_column_text (stmt, 0), expected) == 0;
      if (readable[id])
        count++;
      sqlite3_reset (stmt);
    }

  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return count;
}
