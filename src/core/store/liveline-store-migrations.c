/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "liveline-store-private.h"

/* The schema of the store and how a database of each earlier version is
 * brought up to it.
 */

/* Migrations: each takes the schema from the version before it to its own.
 * Never change one that has shipped; add a new one and raise
 * LIVELINE_STORE_VERSION.
 */
static const char * const migrations[LIVELINE_STORE_VERSION] = {
  /* 1: live blogs, posts and their photos */
  "CREATE TABLE blogs ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  name TEXT NOT NULL,"
  "  slug TEXT NOT NULL UNIQUE,"
  "  created_at INTEGER NOT NULL,"
  "  archived INTEGER NOT NULL DEFAULT 0,"
  "  destination_kind TEXT,"
  "  endpoint_url TEXT,"
  "  remote_blog_id TEXT,"
  "  username TEXT"
  ");"
  "CREATE TABLE posts ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  blog_id INTEGER NOT NULL REFERENCES blogs (id),"
  "  headline TEXT NOT NULL DEFAULT '',"
  "  body TEXT NOT NULL DEFAULT '',"
  "  author TEXT NOT NULL DEFAULT '',"
  "  pinned INTEGER NOT NULL DEFAULT 0,"
  "  key_moment INTEGER NOT NULL DEFAULT 0,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  published_at INTEGER,"
  "  state INTEGER NOT NULL DEFAULT 0,"
  "  last_error TEXT,"
  "  remote_id TEXT,"
  "  remote_url TEXT,"
  "  revision INTEGER NOT NULL DEFAULT 0,"
  "  trashed_at INTEGER"
  ");"
  "CREATE INDEX posts_timeline ON posts (blog_id, trashed_at, pinned DESC, created_at DESC, id DESC);"
  "CREATE TABLE media ("
  "  post_id INTEGER PRIMARY KEY REFERENCES posts (id) ON DELETE CASCADE,"
  "  file TEXT NOT NULL,"
  "  thumbnail TEXT,"
  "  original_name TEXT,"
  "  width INTEGER NOT NULL DEFAULT 0,"
  "  height INTEGER NOT NULL DEFAULT 0,"
  "  caption TEXT NOT NULL DEFAULT '',"
  "  credit TEXT NOT NULL DEFAULT '',"
  "  alt TEXT NOT NULL DEFAULT '',"
  "  had_location INTEGER NOT NULL DEFAULT 0,"
  "  remote_id TEXT,"
  "  remote_url TEXT"
  ");",

  /* 2: every saved change of a post's content */
  "CREATE TABLE revisions ("
  "  post_id INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,"
  "  revision INTEGER NOT NULL,"
  "  snapshot TEXT NOT NULL,"
  "  created_at INTEGER NOT NULL,"
  "  PRIMARY KEY (post_id, revision)"
  ");",

  /* 3: full-text search over what a journalist would look for */
  "CREATE VIRTUAL TABLE posts_fts USING fts5 ("
  "  headline, body, caption, credit,"
  "  tokenize = 'unicode61 remove_diacritics 2'"
  ");"
  "INSERT INTO posts_fts (rowid, headline, body, caption, credit)"
  "  SELECT posts.id, posts.headline, posts.body,"
  "         coalesce (media.caption, ''), coalesce (media.credit, '')"
  "  FROM posts LEFT JOIN media ON media.post_id = posts.id;",

  /* 4: the outbox: what waits to go to the endpoint, in order, per blog */
  "CREATE TABLE outbox ("
  "  id INTEGER PRIMARY KEY,"
  "  post_id INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,"
  "  blog_id INTEGER NOT NULL REFERENCES blogs (id),"
  "  operation INTEGER NOT NULL,"
  "  idempotency_key TEXT NOT NULL UNIQUE,"
  "  sending INTEGER NOT NULL DEFAULT 0,"
  "  attempts INTEGER NOT NULL DEFAULT 0,"
  "  next_attempt_at INTEGER NOT NULL,"
  "  last_error TEXT,"
  "  queued_at INTEGER NOT NULL"
  ");"
  "CREATE INDEX outbox_by_blog ON outbox (blog_id, id);"
  "CREATE INDEX outbox_by_post ON outbox (post_id);",

  /* 5: what the endpoint was last sent of each post, to tell an edit it
   * does not have yet; a post published before is taken to have its last
   * revision there */
  "ALTER TABLE posts ADD COLUMN published_snapshot TEXT;"
  "UPDATE posts SET published_snapshot = (SELECT snapshot FROM revisions"
  "                                       WHERE revisions.post_id = posts.id"
  "                                       ORDER BY revision DESC LIMIT 1)"
  "  WHERE state = 3;",
};

static int
read_user_version (LivelineStore *self)
{
  sqlite3_stmt *stmt;
  int version = -1;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK)
    return -1;

  if (_liveline_store_step (self, stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);

  sqlite3_finalize (stmt);

  return version;
}

gboolean
_liveline_store_migrate (LivelineStore  *self,
                         guint           target,
                         GError        **error)
{
  int version = read_user_version (self);

  if (version < 0)
    {
      _liveline_store_set_error (self, error);
      return FALSE;
    }

  if (version > LIVELINE_STORE_VERSION)
    {
      g_set_error (error, LIVELINE_STORE_ERROR, LIVELINE_STORE_ERROR_TOO_NEW,
                   _("The data in “%s” was written by a newer version of Liveline. "
                     "Update Liveline to open it; the file was left as it is."),
                   self->data_dir);
      return FALSE;
    }

  for (guint next = version + 1; next <= target; next++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %u", next);

      if (!_liveline_store_exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;

      if (!_liveline_store_exec (self, migrations[next - 1], error) ||
          !_liveline_store_exec (self, set_version, error))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          g_prefix_error (error, _("Could not update the data to version %u: "), next);
          return FALSE;
        }

      if (!_liveline_store_exec (self, "COMMIT", error))
        return FALSE;

      g_debug ("Migrated the store to version %u", next);
    }

  return TRUE;
}
