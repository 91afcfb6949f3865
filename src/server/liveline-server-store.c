/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-server-store"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "liveline-server-store.h"

/* The reference server's own database: blogs, posts, media and the
 * idempotency keys with the responses they earned. All of the server's SQL
 * lives here. Calls are short and run on the main thread; the server is a
 * reference for one newsroom's previews and tests, not a CMS.
 */
struct _LivelineServerStore
{
  GObject  parent_instance;

  sqlite3 *db;
  char    *media_dir;
};

G_DEFINE_FINAL_TYPE (LivelineServerStore, liveline_server_store, G_TYPE_OBJECT)

static const char schema[] =
  "PRAGMA journal_mode = WAL;"
  "PRAGMA synchronous = FULL;"
  "CREATE TABLE IF NOT EXISTS blogs ("
  "  slug TEXT PRIMARY KEY,"
  "  created_at INTEGER NOT NULL);"
  "CREATE TABLE IF NOT EXISTS media ("
  "  id TEXT PRIMARY KEY,"
  "  file TEXT NOT NULL UNIQUE,"
  "  content_type TEXT NOT NULL,"
  "  filename TEXT,"
  "  width INTEGER NOT NULL,"
  "  height INTEGER NOT NULL);"
  "CREATE TABLE IF NOT EXISTS posts ("
  "  seq INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  blog TEXT NOT NULL REFERENCES blogs (slug),"
  "  id TEXT NOT NULL,"
  "  revision INTEGER NOT NULL DEFAULT 1,"
  "  headline TEXT,"
  "  body_markdown TEXT NOT NULL,"
  "  author TEXT,"
  "  pinned INTEGER NOT NULL DEFAULT 0,"
  "  key_moment INTEGER NOT NULL DEFAULT 0,"
  "  created_at TEXT NOT NULL,"
  "  published_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL DEFAULT 0,"
  "  deleted INTEGER NOT NULL DEFAULT 0,"
  "  media_id TEXT REFERENCES media (id),"
  "  caption TEXT,"
  "  credit TEXT,"
  "  alt TEXT,"
  "  UNIQUE (blog, id));"
  "CREATE INDEX IF NOT EXISTS posts_order ON posts (blog, deleted, pinned, seq);"
  "CREATE TABLE IF NOT EXISTS idempotency_keys ("
  "  key TEXT PRIMARY KEY,"
  "  request_hash TEXT NOT NULL,"
  "  status INTEGER NOT NULL,"
  "  response BLOB NOT NULL,"
  "  blog TEXT,"
  "  post_id TEXT);";

#define POST_COLUMNS \
  "p.id, p.blog, p.seq, p.revision, p.headline, p.body_markdown, p.author, p.pinned, " \
  "p.key_moment, p.created_at, p.published_at, p.updated_at, p.deleted, p.media_id, " \
  "m.file, m.width, m.height, p.caption, p.credit, p.alt " \
  "FROM posts p LEFT JOIN media m ON m.id = p.media_id "

void
liveline_server_post_free (LivelineServerPost *post)
{
  if (post == NULL)
    return;

  g_free (post->id);
  g_free (post->blog);
  g_free (post->headline);
  g_free (post->body_markdown);
  g_free (post->author);
  g_free (post->created_at);
  g_free (post->media_id);
  g_free (post->media_file);
  g_free (post->caption);
  g_free (post->credit);
  g_free (post->alt);
  g_free (post);
}

void
liveline_server_media_free (LivelineServerMedia *media)
{
  if (media == NULL)
    return;

  g_free (media->id);
  g_free (media->file);
  g_free (media->content_type);
  g_free (media->filename);
  g_free (media);
}

static gboolean
set_sqlite_error (LivelineServerStore  *self,
                  GError              **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               _("The server’s database failed: %s"), sqlite3_errmsg (self->db));
  return FALSE;
}

static sqlite3_stmt *
prepare (LivelineServerStore *self,
         const char          *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("Cannot prepare “%s”: %s", sql, sqlite3_errmsg (self->db));

  return stmt;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

static void
bind_text (sqlite3_stmt *stmt,
           int           column,
           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, column);
}

static char *
dup_column (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *)sqlite3_column_text (stmt, column));
}

static LivelineServerPost *
read_post (sqlite3_stmt *stmt)
{
  LivelineServerPost *post = g_new0 (LivelineServerPost, 1);

  post->id = dup_column (stmt, 0);
  post->blog = dup_column (stmt, 1);
  post->seq = sqlite3_column_int64 (stmt, 2);
  post->revision = sqlite3_column_int64 (stmt, 3);
  post->headline = dup_column (stmt, 4);
  post->body_markdown = dup_column (stmt, 5);
  post->author = dup_column (stmt, 6);
  post->pinned = sqlite3_column_int (stmt, 7) != 0;
  post->key_moment = sqlite3_column_int (stmt, 8) != 0;
  post->created_at = dup_column (stmt, 9);
  post->published_at = sqlite3_column_int64 (stmt, 10);
  post->updated_at = sqlite3_column_int64 (stmt, 11);
  post->deleted = sqlite3_column_int (stmt, 12) != 0;
  post->media_id = dup_column (stmt, 13);
  post->media_file = dup_column (stmt, 14);
  post->media_width = sqlite3_column_int (stmt, 15);
  post->media_height = sqlite3_column_int (stmt, 16);
  post->caption = dup_column (stmt, 17);
  post->credit = dup_column (stmt, 18);
  post->alt = dup_column (stmt, 19);

  return post;
}

static void
liveline_server_store_finalize (GObject *object)
{
  LivelineServerStore *self = (LivelineServerStore *)object;

  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_pointer (&self->media_dir, g_free);

  G_OBJECT_CLASS (liveline_server_store_parent_class)->finalize (object);
}

static void
liveline_server_store_class_init (LivelineServerStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = liveline_server_store_finalize;
}

static void
liveline_server_store_init (LivelineServerStore *self)
{
}

/**
 * liveline_server_store_new:
 * @data_dir: the folder for the database and the media, made if missing
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the store, or %NULL on error
 */
LivelineServerStore *
liveline_server_store_new (const char  *data_dir,
                           GError     **error)
{
  g_autoptr(LivelineServerStore) self = NULL;
  g_autofree char *path = NULL;
  char *message = NULL;

  g_return_val_if_fail (data_dir != NULL, NULL);

  self = g_object_new (LIVELINE_TYPE_SERVER_STORE, NULL);
  self->media_dir = g_build_filename (data_dir, "media", NULL);

  if (g_mkdir_with_parents (self->media_dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot make the folder “%s”: %s"), self->media_dir,
                   g_strerror (saved_errno));
      return NULL;
    }

  path = g_build_filename (data_dir, "server.sqlite", NULL);
  if (sqlite3_open (path, &self->db) != SQLITE_OK)
    {
      set_sqlite_error (self, error);
      return NULL;
    }

  sqlite3_busy_timeout (self->db, 2000);

  if (sqlite3_exec (self->db, schema, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Cannot open the server’s database “%s”: %s"), path, message);
      sqlite3_free (message);
      return NULL;
    }

  return g_steal_pointer (&self);
}

const char *
liveline_server_store_get_media_dir (LivelineServerStore *self)
{
  g_return_val_if_fail (LIVELINE_IS_SERVER_STORE (self), NULL);

  return self->media_dir;
}

gboolean
liveline_server_store_add_media (LivelineServerStore  *self,
                                 LivelineServerMedia  *media,
                                 GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (LIVELINE_IS_SERVER_STORE (self), FALSE);

  stmt = prepare (self, "INSERT INTO media (id, file, content_type, filename, width, height) "
                        "VALUES (?, ?, ?, ?, ?, ?)");
  bind_text (stmt, 1, media->id);
  bind_text (stmt, 2, media->file);
  bind_text (stmt, 3, media->content_type);
  bind_text (stmt, 4, media->filename);
  sqlite3_bind_int (stmt, 5, media->width);
  sqlite3_bind_int (stmt, 6, media->height);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    return set_sqlite_error (self, error);

  return TRUE;
}

/**
 * liveline_server_store_find_media:
 * @self: a #LivelineServerStore
 * @id: (nullable): the media id, or %NULL to look up by @file
 * @file: (nullable): the stored file name
 *
 * Returns: (transfer full) (nullable): the media, or %NULL
 */
LivelineServerMedia *
liveline_server_store_find_media (LivelineServerStore *self,
                                  const char          *id,
                                  const char          *file)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  LivelineServerMedia *media;

  g_return_val_if_fail (LIVELINE_IS_SERVER_STORE (self), NULL);

  stmt = prepare (self, "SELECT id, file, content_type, filename, width, height FROM media "
                        "WHERE id = ?1 OR file = ?2");
  bind_text (stmt, 1, id);
  bind_text (stmt, 2, file);

  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  media = g_new0 (LivelineServerMedia, 1);
  media->id = dup_column (stmt, 0);
  media->file = dup_column (stmt, 1);
  media->content_type = dup_column (stmt, 2);
  media->filename = dup_column (stmt, 3);
  media->width = sqlite3_column_int (stmt, 4);
  media->height = sqlite3_column_int (stmt, 5);

  return media;
}

gboolean
liveline_server_store_blog_exists (LivelineServerStore *self,
                                   const char          *blog)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (LIVELINE_IS_SERVER_STORE (self), FALSE);

  stmt = prepare (self, "SELECT 1 FROM blogs WHERE slug = ?");
  bind_text (stmt, 1, blog);

  return sqlite3_step (stmt) == SQLITE_ROW;
}

/**
 * liveline_server_store_find_post:
 *
 * Returns: (transfer full) (nullable): the post, deleted or not, or %NULL
 */
LivelineServerPost *
liveline_server_store_find_post (LivelineServerStore *self,
                                 const char          *blog,
                                 const char          *id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (LIVELINE_IS_SERVER_STORE (self), NULL);

  stmt = prepare (self, "SELECT " POST_COLUMNS "WHERE p.blog = ? AND p.id = ?");
  bind_text (stmt, 1, blog);
  bind_text (stmt, 2, id);

  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  return read_post (stmt);
}

static void
bind_post_content (sqlite3_stmt       *stmt,
                   LivelineServerPost *post)
{
  bind_text (stmt, 1, post->blog);
  bind_text (stmt, 2, post->id);
  sqlite3_bind_int64 (stmt, 3, post->revision);
  bind_text (stmt, 4, post->headline);
  bind_text (stmt, 5, post->body_markdown);
  bind_text (stmt, 6, post->author);
  sqlite3_bind_int (stmt, 7, post->pinned);
  sqlite3_bind_int (stmt, 8, post->key_moment);
  bind_text (stmt, 9, post->created_at);
  sqlite3_bind_int64 (stmt, 10, post->published_at);
  sqlite3_bind_int64 (stmt, 11, post->updated_at);
  bind_text (stmt, 12, post->media_id);
  bind_text (stmt, 13, post->caption);
  bind_text (stmt, 14, post->credit);
  bind_text (stmt, 15, post->alt);
}

/* Makes the blog on its first post, in the same transaction. */
gboolean
liveline_server_store_insert_post (LivelineServerStore  *self,
                                   LivelineServerPost   *post,
                                   GError              **error)
{
  g_autoptr(sqlite3_stmt) blog = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (LIVELINE_IS_SERVER_STORE (self), FALSE);

  sqlite3_exec (self->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);

  blog = prepare (self, "INSERT OR IGNORE INTO blogs (slug, created_at) VALUES (?, ?)");
  bind_text (blog, 1, post->blog);
  sqlite3_bind_int64 (blog, 2, post->published_at);

  stmt = prepare (self, "INSERT INTO posts (blog, id, revision, headline, body_markdown, author, "
                        "pinned, key_moment, created_at, published_at, updated_at, media_id, "
                        "caption, credit, alt) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  bind_post_content (stmt, post);

  if (sqlite3_step (blog) != SQLITE_DONE || sqlite3_step (stmt) != SQLITE_DONE)
    {
      set_sqlite_error (self, error);
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  post->seq = sqlite3_last_insert_rowid (self->db);
  sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);

  return TRUE;
}

gboolean
liveline_server_store_update_post (LivelineServerStore  *self,
                                   LivelineServerPost   *post,
                                   GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (LIVELINE_IS_SERVER_STORE (self), FALSE);

  stmt = prepare (self, "UPDATE posts SET revision = ?3, headline = ?4, body_markdown = ?5, "
                        "author = ?6, pinned = ?7, key_moment = ?8, created_at = ?9, "
                        "published_at = ?10, updated_at = ?11, media_id = ?12, caption = ?13, "
                        "credit = ?14, alt = ?15 "
                        "WHERE blog = ?1 AND id = ?2 AND deleted = 0");
  bind_post_content (stmt, post);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    return set_sqlite_error (self, error);

  return TRUE;
}

gboolean
liveline_server_store_delete_post (LivelineServerStore  *self,
                                   const char           *blog,
                                   const char           *id,
                                   GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (LIVELINE_IS_SERVER_STORE (self), FALSE);

  stmt = prepare (self, "UPDATE posts SET deleted = 1 WHERE blog = ? AND id = ?");
  bind_text (stmt, 1, blog);
  bind_text (stmt, 2, id);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    return set_sqlite_error (self, error);

  return TRUE;
}

/**
 * liveline_server_store_list_posts:
 *
 * Lists the blog's live posts, pinned first and then newest first,
 * starting after (@before_pinned, @before_seq) when @has_before is set.
 *
 * Returns: (transfer full) (element-type LivelineServerPost): the posts
 */
GPtrArray *
liveline_server_store_list_posts (LivelineServerStore *self,
                                  const char          *blog,
                                  gboolean             has_before,
                                  gboolean             before_pinned,
                                  gint64               before_seq,
                                  guint                limit)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GPtrArray *posts = g_ptr_array_new_with_free_func ((GDestroyNotify)liveline_server_post_free);

  g_return_val_if_fail (LIVELINE_IS_SERVER_STORE (self), posts);

  stmt = prepare (self, "SELECT " POST_COLUMNS
                        "WHERE p.blog = ?1 AND p.deleted = 0 "
                        "AND (?2 = 0 OR (p.pinned, p.seq) < (?3, ?4)) "
                        "ORDER BY p.pinned DESC, p.seq DESC LIMIT ?5");
  bind_text (stmt, 1, blog);
  sqlite3_bind_int (stmt, 2, has_before);
  sqlite3_bind_int (stmt, 3, before_pinned);
  sqlite3_bind_int64 (stmt, 4, before_seq);
  sqlite3_bind_int (stmt, 5, limit);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (posts, read_post (stmt));

  return posts;
}

gboolean
liveline_server_store_find_key (LivelineServerStore  *self,
                                const char           *key,
                                char                **request_hash,
                                guint                *status,
                                GBytes              **response,
                                char                **blog,
                                char                **post_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (LIVELINE_IS_SERVER_STORE (self), FALSE);

  stmt = prepare (self, "SELECT request_hash, status, response, blog, post_id "
                        "FROM idempotency_keys WHERE key = ?");
  bind_text (stmt, 1, key);

  if (sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;

  if (request_hash != NULL)
    *request_hash = dup_column (stmt, 0);
  if (status != NULL)
    *status = sqlite3_column_int (stmt, 1);
  if (response != NULL)
    *response = g_bytes_new (sqlite3_column_blob (stmt, 2), sqlite3_column_bytes (stmt, 2));
  if (blog != NULL)
    *blog = dup_column (stmt, 3);
  if (post_id != NULL)
    *post_id = dup_column (stmt, 4);

  return TRUE;
}

gboolean
liveline_server_store_save_key (LivelineServerStore  *self,
                                const char           *key,
                                const char           *request_hash,
                                guint                 status,
                                GBytes               *response,
                                const char           *blog,
                                const char           *post_id,
                                GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gsize size = 0;
  gconstpointer data;

  g_return_val_if_fail (LIVELINE_IS_SERVER_STORE (self), FALSE);

  data = g_bytes_get_data (response, &size);
  stmt = prepare (self, "INSERT INTO idempotency_keys (key, request_hash, status, response, "
                        "blog, post_id) VALUES (?, ?, ?, ?, ?, ?)");
  bind_text (stmt, 1, key);
  bind_text (stmt, 2, request_hash);
  sqlite3_bind_int (stmt, 3, status);
  sqlite3_bind_blob (stmt, 4, size > 0 ? data : "", size, SQLITE_TRANSIENT);
  bind_text (stmt, 5, blog);
  bind_text (stmt, 6, post_id);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    return set_sqlite_error (self, error);

  return TRUE;
}
