/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "liveline-blog.h"
#include "liveline-post-private.h"
#include "liveline-store-private.h"

/* Copies what can still be read of a damaged database into the new one
 * that replaces it, in the spirit of SQLite's .recover: each table is read
 * in the order of its rowids, and when a read fails (a damaged page), the
 * reading starts again at the next rowid, and the next, until it gets past
 * the damage. One bad page costs the rows on it, not the rest of the table.
 *
 * Ids are kept, so posts keep their revisions, photos and waiting
 * operations, and drafts and queued operations keep their states. What the
 * application still holds in memory — the live blogs, and every update
 * open in a window — is written back when its row was lost. Rows that
 * point at a post or a blog that could not be read are dropped (they stay
 * in the damaged file), except posts, which get a live blog named after
 * the one they lost. The search index is built again from the posts.
 */

/* Without the largest rowid to aim for, this many failed reads in a row
 * end a table: damage that wide leaves nothing to find behind it.
 */
#define PROBE_LIMIT 100000

/* The tables copied, parents first. */
static const char * const tables[] = { "blogs", "posts", "media", "revisions", "outbox" };

/* The columns of @table that both databases have: an older damaged file
 * lacks the columns later versions added, and they keep their defaults.
 */
static char *
common_columns (sqlite3    *from,
                sqlite3    *to,
                const char *table,
                guint      *n_columns,
                gboolean   *readable)
{
  g_autofree char *sql = g_strdup_printf ("SELECT name FROM pragma_table_info ('%s')", table);
  g_autoptr(GHashTable) ours = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) columns = g_string_new (NULL);
  sqlite3_stmt *stmt;
  int rc;

  *n_columns = 0;
  *readable = FALSE;

  /* The table name is one of ours, never read from the file. */
  if (sqlite3_prepare_v2 (to, sql, -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_add (ours, g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  if (sqlite3_prepare_v2 (from, sql, -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *)sqlite3_column_text (stmt, 0);

      if (name == NULL || !g_hash_table_contains (ours, name))
        continue;

      g_string_append_printf (columns, "%s\"%s\"", columns->len > 0 ? ", " : "", name);
      (*n_columns)++;
    }
  sqlite3_finalize (stmt);

  /* A table an older Liveline did not have yet is not damage. */
  *readable = rc == SQLITE_DONE;

  return *n_columns > 0 ? g_string_free (g_steal_pointer (&columns), FALSE) : NULL;
}

/* The largest rowid of @table, read from its last page; -1 when that page
 * cannot be read.
 */
static gint64
largest_rowid (sqlite3    *from,
               const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT max (rowid) FROM %s", table);
  sqlite3_stmt *stmt;
  gint64 largest = -1;

  if (sqlite3_prepare_v2 (from, sql, -1, &stmt, NULL) != SQLITE_OK)
    return -1;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    largest = sqlite3_column_type (stmt, 0) == SQLITE_NULL ? 0 : sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return largest;
}

static gboolean
copy_row (sqlite3_stmt *select,
          sqlite3_stmt *insert,
          guint         n_columns)
{
  int rc;

  for (guint i = 0; i < n_columns; i++)
    sqlite3_bind_value (insert, i + 1, sqlite3_column_value (select, i + 1));

  rc = sqlite3_step (insert);
  sqlite3_reset (insert);
  sqlite3_clear_bindings (insert);

  return rc == SQLITE_DONE;
}

/* Copies every row of @table that can be read; returns how many. */
static guint
copy_table (sqlite3              *from,
            sqlite3              *to,
            const char           *table,
            LivelineStoreSalvage *salvage)
{
  g_autofree char *columns = NULL;
  g_autofree char *select_sql = NULL;
  g_autoptr(GString) insert_sql = NULL;
  sqlite3_stmt *select = NULL;
  sqlite3_stmt *insert = NULL;
  gint64 largest;
  gint64 next = 1;
  guint failed_in_a_row = 0;
  guint copied = 0;
  guint n_columns;
  gboolean readable;

  if (!(columns = common_columns (from, to, table, &n_columns, &readable)))
    {
      if (!readable)
        {
          g_message ("The table %s could not be read at all from the damaged store", table);
          salvage->unreadable++;
        }
      return 0;
    }

  select_sql = g_strdup_printf ("SELECT rowid, %s FROM %s WHERE rowid >= ?1 ORDER BY rowid",
                                columns, table);
  insert_sql = g_string_new (NULL);
  g_string_printf (insert_sql, "INSERT INTO main.%s (%s) VALUES (?", table, columns);
  for (guint i = 1; i < n_columns; i++)
    g_string_append (insert_sql, ", ?");
  g_string_append_c (insert_sql, ')');

  if (sqlite3_prepare_v2 (from, select_sql, -1, &select, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (to, insert_sql->str, -1, &insert, NULL) != SQLITE_OK)
    {
      g_message ("The table %s could not be copied: %s", table, sqlite3_errmsg (to));
      salvage->unreadable++;
      goto out;
    }

  largest = largest_rowid (from, table);

  for (;;)
    {
      int rc;

      sqlite3_bind_int64 (select, 1, next);
      while ((rc = sqlite3_step (select)) == SQLITE_ROW)
        {
          gint64 rowid = sqlite3_column_int64 (select, 0);

          /* A rowid past the end can only come from garbage. */
          if (largest >= 0 && rowid > largest)
            continue;

          failed_in_a_row = 0;
          if (copy_row (select, insert, n_columns))
            copied++;
          else
            salvage->unreadable++;

          if (rowid == G_MAXINT64)
            break;
          next = rowid + 1;
        }
      sqlite3_reset (select);

      if (rc == SQLITE_DONE || rc == SQLITE_ROW)
        break;

      /* The page holding @next is damaged: try the rowid after it. */
      if (failed_in_a_row++ == 0)
        salvage->unreadable++;
      if (next == G_MAXINT64 ||
          (largest >= 0 && next >= largest) ||
          (largest < 0 && failed_in_a_row >= PROBE_LIMIT))
        break;
      next++;
    }

out:
  sqlite3_finalize (select);
  sqlite3_finalize (insert);

  return copied;
}

static void
restore_blogs_from_memory (LivelineStore *self)
{
  GListModel *blogs = G_LIST_MODEL (self->blogs);
  sqlite3_stmt *stmt;

  if (sqlite3_prepare_v2 (self->db,
                          "INSERT OR IGNORE INTO blogs (id, uuid, name, slug, created_at,"
                          " destination_kind, endpoint_url, remote_blog_id, username)"
                          " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          -1, &stmt, NULL) != SQLITE_OK)
    return;

  for (guint i = 0; i < g_list_model_get_n_items (blogs); i++)
    {
      g_autoptr(LivelineBlog) blog = g_list_model_get_item (blogs, i);

      sqlite3_bind_int64 (stmt, 1, liveline_blog_get_id (blog));
      sqlite3_bind_text (stmt, 2, liveline_blog_get_uuid (blog), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, liveline_blog_get_name (blog), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, liveline_blog_get_slug (blog), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 5, _liveline_store_usec_from_time (liveline_blog_get_created_at (blog)));
      sqlite3_bind_text (stmt, 6, liveline_blog_get_destination_kind (blog), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 7, liveline_blog_get_endpoint_url (blog), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 8, liveline_blog_get_remote_blog_id (blog), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 9, liveline_blog_get_username (blog), -1, SQLITE_TRANSIENT);
      sqlite3_step (stmt);
      sqlite3_reset (stmt);
    }

  sqlite3_finalize (stmt);
}

static void
bind_time (sqlite3_stmt *stmt,
           int           column,
           GDateTime    *time)
{
  if (time != NULL)
    sqlite3_bind_int64 (stmt, column, _liveline_store_usec_from_time (time));
  else
    sqlite3_bind_null (stmt, column);
}

static char *
basename_or_null (const char *path)
{
  return path != NULL ? g_path_get_basename (path) : NULL;
}

/* An update open in a window is the freshest copy there is of it: when
 * its row was lost, it is written back from memory.
 */
static gboolean
restore_post (LivelineStore *self,
              LivelinePost  *post)
{
  g_autofree char *file = basename_or_null (post->image_path);
  g_autofree char *thumbnail = basename_or_null (post->image_thumbnail);
  sqlite3_stmt *stmt;
  gboolean restored;

  if (sqlite3_prepare_v2 (self->db,
                          "INSERT OR IGNORE INTO posts (id, uuid, blog_id, headline, body, author,"
                          " pinned, key_moment, created_at, updated_at, published_at, state,"
                          " last_error, remote_id, remote_url, revision)"
                          " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, post->id);
  sqlite3_bind_text (stmt, 2, post->uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, post->blog_id);
  sqlite3_bind_text (stmt, 4, post->headline, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, post->body, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, post->author, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 7, post->pinned);
  sqlite3_bind_int (stmt, 8, post->key_moment);
  bind_time (stmt, 9, post->created_at);
  bind_time (stmt, 10, post->updated_at != NULL ? post->updated_at : post->created_at);
  bind_time (stmt, 11, post->published_at);
  sqlite3_bind_int (stmt, 12, post->state);
  sqlite3_bind_text (stmt, 13, post->last_error, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 14, post->remote_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 15, post->remote_url, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 16, post->revision);
  restored = sqlite3_step (stmt) == SQLITE_DONE && sqlite3_changes (self->db) == 1;
  sqlite3_finalize (stmt);

  if (!restored || file == NULL)
    return restored;

  if (sqlite3_prepare_v2 (self->db,
                          "INSERT OR IGNORE INTO media (post_id, file, thumbnail, original_name,"
                          " width, height, caption, credit, alt, had_location)"
                          " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          -1, &stmt, NULL) != SQLITE_OK)
    return restored;

  sqlite3_bind_int64 (stmt, 1, post->id);
  sqlite3_bind_text (stmt, 2, file, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, thumbnail, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, post->image_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 5, post->image_width);
  sqlite3_bind_int (stmt, 6, post->image_height);
  sqlite3_bind_text (stmt, 7, post->image_caption, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, post->image_credit, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, post->image_alt, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 10, post->image_had_location);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);

  return restored;
}

static guint
restore_posts_from_memory (LivelineStore *self)
{
  GHashTableIter iter;
  gpointer value;
  guint restored = 0;

  g_hash_table_iter_init (&iter, self->live_posts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      if (restore_post (self, value))
        restored++;
    }

  return restored;
}

/* Posts whose live blog was lost get one named after it, so they show. */
static void
adopt_orphan_posts (LivelineStore *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  sqlite3_stmt *orphans;
  sqlite3_stmt *insert;

  if (sqlite3_prepare_v2 (self->db,
                          "SELECT DISTINCT blog_id FROM posts"
                          " WHERE blog_id NOT IN (SELECT id FROM blogs)",
                          -1, &orphans, NULL) != SQLITE_OK)
    return;

  if (sqlite3_prepare_v2 (self->db,
                          "INSERT INTO blogs (id, uuid, name, slug, created_at) VALUES (?, ?, ?, ?, ?)",
                          -1, &insert, NULL) != SQLITE_OK)
    {
      sqlite3_finalize (orphans);
      return;
    }

  while (sqlite3_step (orphans) == SQLITE_ROW)
    {
      gint64 blog_id = sqlite3_column_int64 (orphans, 0);
      g_autofree char *uuid = g_uuid_string_random ();
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, blog_id);
      /* Translators: the name given to a live blog whose name was lost
       * in a damaged file; %s is its number. */
      g_autofree char *name = g_strdup_printf (_("Recovered live blog %s"), number);
      g_autofree char *slug = g_strdup_printf ("recovered-%s", uuid);

      sqlite3_bind_int64 (insert, 1, blog_id);
      sqlite3_bind_text (insert, 2, uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (insert, 3, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (insert, 4, slug, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (insert, 5, _liveline_store_usec_from_time (now));
      sqlite3_step (insert);
      sqlite3_reset (insert);
    }

  sqlite3_finalize (orphans);
  sqlite3_finalize (insert);
}

/* Rows that make no sense (a state or an operation out of range, see
 * LivelinePostState and LivelineOutboxOperation), and rows of posts that
 * were lost, are dropped: a new post could otherwise take the id and
 * inherit them.
 */
static const char * const cleanups[] = {
  "DELETE FROM posts WHERE typeof (uuid) != 'text' OR typeof (blog_id) != 'integer'"
  " OR typeof (created_at) != 'integer' OR typeof (updated_at) != 'integer'"
  " OR typeof (state) != 'integer' OR state NOT BETWEEN 0 AND 5",
  "DELETE FROM media WHERE post_id NOT IN (SELECT id FROM posts) OR typeof (file) != 'text'",
  "DELETE FROM revisions WHERE post_id NOT IN (SELECT id FROM posts)"
  " OR typeof (snapshot) != 'text'",
  "DELETE FROM outbox WHERE post_id NOT IN (SELECT id FROM posts)"
  " OR blog_id NOT IN (SELECT id FROM blogs) OR operation NOT BETWEEN 0 AND 2",
};

static guint
count_rows (sqlite3    *db,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM %s", table);
  sqlite3_stmt *stmt;
  guint count = 0;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  return count;
}

/**
 * _liveline_store_salvage:
 * @self: a #LivelineStore on its new, empty database
 * @damaged_path: the damaged database, moved aside
 * @salvage: (out caller-allocates): what was copied
 * @error: a location for a #GError
 *
 * Returns: %TRUE when the copy was written; rows that could not be read
 *   are counted in @salvage, not errors
 */
gboolean
_liveline_store_salvage (LivelineStore         *self,
                         const char            *damaged_path,
                         LivelineStoreSalvage  *salvage,
                         GError               **error)
{
  sqlite3 *from = NULL;
  guint copied[G_N_ELEMENTS (tables)] = { 0 };
  guint restored;

  g_assert (LIVELINE_IS_STORE (self));
  g_assert (damaged_path != NULL);

  /* Read only: the damaged file is kept exactly as it was found. */
  if (sqlite3_open_v2 (damaged_path, &from, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    {
      g_set_error (error, LIVELINE_STORE_ERROR, LIVELINE_STORE_ERROR_FAILED,
                   _("The damaged file “%s” cannot be read: %s"),
                   damaged_path, sqlite3_errmsg (from));
      sqlite3_close (from);
      salvage->unreadable++;
      return FALSE;
    }

  if (!_liveline_store_exec (self, "PRAGMA foreign_keys = OFF; BEGIN IMMEDIATE", error))
    {
      sqlite3_close (from);
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    copied[i] = copy_table (from, self->db, tables[i], salvage);
  sqlite3_close (from);

  restore_blogs_from_memory (self);
  restored = restore_posts_from_memory (self);
  adopt_orphan_posts (self);
  for (guint i = 0; i < G_N_ELEMENTS (cleanups); i++)
    {
      sqlite3_exec (self->db, cleanups[i], NULL, NULL, NULL);
      salvage->unreadable += sqlite3_changes (self->db);
    }

  salvage->blogs = count_rows (self->db, "blogs");
  salvage->posts = count_rows (self->db, "posts") - restored;
  salvage->media = count_rows (self->db, "media");
  salvage->revisions = count_rows (self->db, "revisions");
  salvage->outbox = count_rows (self->db, "outbox");
  g_debug ("Rows read from the damaged store: %u blogs, %u posts, %u photos, %u revisions, "
           "%u operations; %u updates written back from memory",
           copied[0], copied[1], copied[2], copied[3], copied[4], restored);

  if (!_liveline_store_exec (self,
                             "DELETE FROM posts_fts;"
                             "INSERT INTO posts_fts (rowid, headline, body, caption, credit)"
                             "  SELECT posts.id, posts.headline, posts.body,"
                             "         coalesce (media.caption, ''), coalesce (media.credit, '')"
                             "  FROM posts LEFT JOIN media ON media.post_id = posts.id;"
                             "COMMIT; PRAGMA foreign_keys = ON",
                             error))
    {
      sqlite3_exec (self->db, "ROLLBACK; PRAGMA foreign_keys = ON", NULL, NULL, NULL);
      return FALSE;
    }

  return TRUE;
}
