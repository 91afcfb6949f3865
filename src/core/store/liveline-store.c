/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/file.h>
#include <unistd.h>

#include "liveline-blog-private.h"
#include "liveline-post.h"
#include "liveline-store-private.h"

/* LivelineStore keeps everything Liveline knows in one SQLite database in
 * the data folder, and the photos in media/ beside it. All SQL lives here
 * and in the liveline-store-*.c files beside it.
 *
 * The database is in WAL mode with synchronous=NORMAL: a commit survives the
 * application being killed at any moment (tests/crash/test-crash checks), and
 * costs no fsync while a journalist types.
 */

#define DATABASE_NAME "liveline.db"
#define LOCK_NAME     "liveline.lock"

G_DEFINE_FINAL_TYPE (LivelineStore, liveline_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (liveline-store-error-quark, liveline_store_error)

enum {
  POST_ADDED,
  POST_UPDATED,
  POST_REMOVED,
  POST_QUEUED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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

void
_liveline_store_set_error (LivelineStore  *self,
                           GError        **error)
{
  g_set_error (error, LIVELINE_STORE_ERROR, LIVELINE_STORE_ERROR_FAILED,
               _("The database refused: %s"), sqlite3_errmsg (self->db));
}

gboolean
_liveline_store_exec (LivelineStore  *self,
                      const char     *sql,
                      GError        **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      _liveline_store_set_error (self, error);
      return FALSE;
    }

  return TRUE;
}

/* A write of several statements: one transaction, or, inside a bulk write,
 * one savepoint, so a failed post still leaves nothing half written.
 */
gboolean
_liveline_store_begin (LivelineStore  *self,
                       GError        **error)
{
  return _liveline_store_exec (self, self->in_bulk ? "SAVEPOINT write" : "BEGIN IMMEDIATE", error);
}

gboolean
_liveline_store_commit (LivelineStore  *self,
                        GError        **error)
{
  return _liveline_store_exec (self, self->in_bulk ? "RELEASE write" : "COMMIT", error);
}

void
_liveline_store_rollback (LivelineStore *self)
{
  sqlite3_exec (self->db,
                self->in_bulk ? "ROLLBACK TO write; RELEASE write" : "ROLLBACK",
                NULL, NULL, NULL);
}

/**
 * _liveline_store_begin_bulk:
 *
 * Makes the writes until _liveline_store_end_bulk() one transaction: a
 * commit costs far more than a post, and filling a store with thousands of
 * them for a benchmark should take seconds, not minutes. Nothing that runs
 * while a journalist works uses it: a crash loses the whole bulk.
 */
gboolean
_liveline_store_begin_bulk (LivelineStore  *self,
                            GError        **error)
{
  g_assert (LIVELINE_IS_STORE (self));
  g_assert (!self->in_bulk);

  if (!_liveline_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  self->in_bulk = TRUE;

  return TRUE;
}

gboolean
_liveline_store_end_bulk (LivelineStore  *self,
                          GError        **error)
{
  g_assert (LIVELINE_IS_STORE (self));
  g_assert (self->in_bulk);

  self->in_bulk = FALSE;

  if (!_liveline_store_exec (self, "COMMIT", error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  return TRUE;
}

/**
 * _liveline_store_statement:
 *
 * Returns: (transfer none): the statement for @sql, reset, without bindings
 */
sqlite3_stmt *
_liveline_store_statement (LivelineStore  *self,
                           const char     *sql,
                           GError        **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      _liveline_store_set_error (self, error);
      return NULL;
    }

  g_hash_table_insert (self->statements, (gpointer)sql, stmt);

  return stmt;
}

/* Runs a statement that returns no rows. */
gboolean
_liveline_store_step_done (LivelineStore  *self,
                           sqlite3_stmt   *stmt,
                           GError        **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _liveline_store_set_error (self, error);
      return FALSE;
    }

  return TRUE;
}

gint64
_liveline_store_usec_from_time (GDateTime *time)
{
  g_assert (time != NULL);

  return g_date_time_to_unix (time) * G_USEC_PER_SEC + g_date_time_get_microsecond (time);
}

GDateTime *
_liveline_store_time_from_usec (gint64 usec)
{
  g_autoptr(GDateTime) seconds = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);

  return g_date_time_add (seconds, usec % G_USEC_PER_SEC);
}

static int
read_user_version (LivelineStore *self)
{
  sqlite3_stmt *stmt;
  int version = -1;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK)
    return -1;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);

  sqlite3_finalize (stmt);

  return version;
}

static gboolean
migrate (LivelineStore  *self,
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

/* A second Liveline on the same data would overwrite the first one's
 * drafts; an advisory lock beside the database keeps it out. The lock goes
 * with the process, however it ends.
 */
static gboolean
take_lock (LivelineStore  *self,
           GError        **error)
{
  g_autofree char *path = g_build_filename (self->data_dir, LOCK_NAME, NULL);

  self->lock_fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (self->lock_fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not open “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }

  if (flock (self->lock_fd, LOCK_EX | LOCK_NB) != 0)
    {
      g_set_error (error, LIVELINE_STORE_ERROR, LIVELINE_STORE_ERROR_LOCKED,
                   _("Another Liveline is already running with the data in “%s”. "
                     "Close it first."),
                   self->data_dir);
      return FALSE;
    }

  return TRUE;
}

static gboolean
open_database (LivelineStore  *self,
               const char     *path,
               GError        **error)
{
  g_clear_pointer (&self->db, sqlite3_close);

  if (sqlite3_open_v2 (path, &self->db,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    {
      _liveline_store_set_error (self, error);
      return FALSE;
    }

  sqlite3_busy_timeout (self->db, 2000);
  sqlite3_extended_result_codes (self->db, TRUE);

  return TRUE;
}

/* Reads the schema, which is where a file that is not a database, or a
 * damaged one, shows itself.
 */
static gboolean
database_is_readable (LivelineStore *self)
{
  int rc = sqlite3_exec (self->db,
                         "PRAGMA journal_mode = WAL;"
                         "SELECT count(*) FROM sqlite_schema;",
                         NULL, NULL, NULL);

  return (rc & 0xff) != SQLITE_NOTADB && (rc & 0xff) != SQLITE_CORRUPT;
}

/* A damaged database is never emptied: it is renamed, with its journal, to
 * a name that says when, and a new one takes its place.
 */
static gboolean
move_aside (LivelineStore  *self,
            const char     *path,
            GError        **error)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");

  g_clear_pointer (&self->db, sqlite3_close);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *to = g_strdup_printf ("%s.damaged-%s%s", path, stamp, suffixes[i]);

      if (!g_file_test (from, G_FILE_TEST_EXISTS))
        continue;

      if (g_rename (from, to) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Could not move the damaged “%s” aside: %s"),
                       from, g_strerror (saved_errno));
          return FALSE;
        }

      if (i == 0)
        self->moved_aside = g_steal_pointer (&to);
    }

  g_message ("The database was damaged; it was kept as %s", self->moved_aside);

  return TRUE;
}

static void
on_post_finalized (gpointer  data,
                   GObject  *where_the_object_was)
{
  LivelineStore *self = data;
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->live_posts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      if (value == (gpointer)where_the_object_was)
        {
          g_hash_table_iter_remove (&iter);
          break;
        }
    }
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
liveline_store_finalize (GObject *object)
{
  LivelineStore *self = (LivelineStore *)object;
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->live_posts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_object_weak_unref (value, on_post_finalized, self);
  g_clear_pointer (&self->live_posts, g_hash_table_unref);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_object (&self->blogs);

  if (self->lock_fd >= 0)
    close (self->lock_fd);

  g_clear_pointer (&self->data_dir, g_free);
  g_clear_pointer (&self->media_dir, g_free);
  g_clear_pointer (&self->moved_aside, g_free);

  G_OBJECT_CLASS (liveline_store_parent_class)->finalize (object);
}

static void
liveline_store_class_init (LivelineStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = liveline_store_finalize;

  /**
   * LivelineStore::post-added:
   * @self: a #LivelineStore
   * @post: the new or restored post
   *
   * A post was stored, or came back from the trash.
   */
  signals[POST_ADDED] =
    g_signal_new ("post-added",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, LIVELINE_TYPE_POST);

  /**
   * LivelineStore::post-updated:
   * @self: a #LivelineStore
   * @post: the post
   * @order_changed: whether it moved in its timeline (it was pinned or unpinned)
   *
   * A save changed a post.
   */
  signals[POST_UPDATED] =
    g_signal_new ("post-updated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, LIVELINE_TYPE_POST, G_TYPE_BOOLEAN);

  /**
   * LivelineStore::post-removed:
   * @self: a #LivelineStore
   * @post: the post
   *
   * A post went to the trash.
   */
  signals[POST_REMOVED] =
    g_signal_new ("post-removed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, LIVELINE_TYPE_POST);

  /**
   * LivelineStore::post-queued:
   * @self: a #LivelineStore
   * @post: the post
   *
   * Something of @post now waits in the outbox: its publication, a
   * correction or a retraction.
   */
  signals[POST_QUEUED] =
    g_signal_new ("post-queued",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, LIVELINE_TYPE_POST);
}

static void
liveline_store_init (LivelineStore *self)
{
  self->lock_fd = -1;
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal,
                                            NULL, finalize_statement);
  self->live_posts = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->blogs = g_list_store_new (LIVELINE_TYPE_BLOG);
}

void
_liveline_store_emit_post_added (LivelineStore *self,
                                 LivelinePost  *post)
{
  g_signal_emit (self, signals[POST_ADDED], 0, post);
}

void
_liveline_store_emit_post_updated (LivelineStore *self,
                                   LivelinePost  *post,
                                   gboolean       order_changed)
{
  g_signal_emit (self, signals[POST_UPDATED], 0, post, order_changed);
}

void
_liveline_store_emit_post_queued (LivelineStore *self,
                                  LivelinePost  *post)
{
  g_signal_emit (self, signals[POST_QUEUED], 0, post);
}

void
_liveline_store_emit_post_removed (LivelineStore *self,
                                   LivelinePost  *post)
{
  g_signal_emit (self, signals[POST_REMOVED], 0, post);
}

/* The live object for a row, if any part of the application holds it. */
LivelinePost *
_liveline_store_lookup_live_post (LivelineStore *self,
                                  gint64         post_id)
{
  return g_hash_table_lookup (self->live_posts, &post_id);
}

/* Remembers @post as the live object for its row. The key points into the
 * post itself, which outlives its entry.
 */
void
_liveline_store_track_post (LivelineStore *self,
                            LivelinePost  *post,
                            const gint64  *id)
{
  g_hash_table_insert (self->live_posts, (gpointer)id, post);
  g_object_weak_ref (G_OBJECT (post), on_post_finalized, self);
}

LivelineStore *
_liveline_store_open_at_version (const char  *data_dir,
                                 guint        version,
                                 GError     **error)
{
  g_autoptr(LivelineStore) self = NULL;
  g_autofree char *path = NULL;

  g_assert (data_dir != NULL);
  g_assert (version <= LIVELINE_STORE_VERSION);

  self = g_object_new (LIVELINE_TYPE_STORE, NULL);
  self->data_dir = g_strdup (data_dir);
  self->media_dir = g_build_filename (data_dir, "media", NULL);
  path = g_build_filename (data_dir, DATABASE_NAME, NULL);

  if (g_mkdir_with_parents (self->media_dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the folder “%s”: %s"),
                   self->media_dir, g_strerror (saved_errno));
      return NULL;
    }

  if (!take_lock (self, error) || !open_database (self, path, error))
    return NULL;

  if (!database_is_readable (self))
    {
      if (!move_aside (self, path, error) || !open_database (self, path, error))
        return NULL;
    }

  if (!_liveline_store_exec (self,
                             "PRAGMA journal_mode = WAL;"
                             "PRAGMA synchronous = NORMAL;"
                             "PRAGMA foreign_keys = ON;",
                             error))
    return NULL;

  if (!migrate (self, version, error))
    return NULL;

  if (version == LIVELINE_STORE_VERSION && !_liveline_store_load_blogs (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * liveline_store_open:
 * @data_dir: the folder to keep the database and photos in
 * @error: a location for a #GError
 *
 * Opens the store in @data_dir, creating it or bringing an older one up to
 * date. A damaged database is moved aside and a new one started (see
 * liveline_store_get_moved_aside()); a newer one, or one another Liveline
 * has open, is an error and is left as it is.
 *
 * Returns: (transfer full): a new #LivelineStore, or %NULL with @error set
 */
LivelineStore *
liveline_store_open (const char  *data_dir,
                     GError     **error)
{
  g_return_val_if_fail (data_dir != NULL, NULL);

  return _liveline_store_open_at_version (data_dir, LIVELINE_STORE_VERSION, error);
}

/**
 * liveline_store_get_media_dir:
 * @self: a #LivelineStore
 *
 * Returns: the folder the copies of attached photos are kept in
 */
const char *
liveline_store_get_media_dir (LivelineStore *self)
{
  g_return_val_if_fail (LIVELINE_IS_STORE (self), NULL);

  return self->media_dir;
}

/**
 * liveline_store_get_moved_aside:
 * @self: a #LivelineStore
 *
 * Returns: (nullable): where a damaged database was kept when the store was
 *   opened, or %NULL when it was sound
 */
const char *
liveline_store_get_moved_aside (LivelineStore *self)
{
  g_return_val_if_fail (LIVELINE_IS_STORE (self), NULL);

  return self->moved_aside;
}
