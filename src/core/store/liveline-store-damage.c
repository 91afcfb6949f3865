/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "liveline-store-private.h"

/* Damage in the database: found by the integrity check when the store
 * opens, or by any statement that meets it later (SQLITE_CORRUPT,
 * SQLITE_NOTADB). From then on nothing more is written to the file. At the
 * next safe moment — no transaction open and no statement half read — the
 * file is moved aside with its journal under a dated name, a new one is
 * started, and everything that can still be read is copied into it
 * (liveline-store-salvage.c).
 *
 * The check at open is PRAGMA quick_check, bounded by a deadline so that a
 * large store does not hold up the first window. When it does not finish
 * in time, the store opens as it is and the check goes on in a thread, on a
 * connection of its own that only reads; damage it finds there is treated
 * like damage met by a read.
 */

typedef enum
{
  CHECK_SOUND,
  CHECK_DAMAGED,
  CHECK_UNFINISHED,
} CheckResult;

/* quick_check does most of its work in one step of SQLite's virtual
 * machine, which a progress handler cannot break into; sqlite3_interrupt()
 * from another thread can, and is meant to be called that way.
 */
typedef struct
{
  GMutex    lock;
  GCond     cond;
  gboolean  done;
  gint64    deadline;
  sqlite3  *db;
} Watchdog;

static gpointer
watch (gpointer data)
{
  Watchdog *watchdog = data;

  g_mutex_lock (&watchdog->lock);
  while (!watchdog->done)
    {
      if (!g_cond_wait_until (&watchdog->cond, &watchdog->lock, watchdog->deadline))
        {
          if (!watchdog->done)
            sqlite3_interrupt (watchdog->db);
          break;
        }
    }
  g_mutex_unlock (&watchdog->lock);

  return NULL;
}

static void
on_check_cancelled (GCancellable *cancellable,
                    gpointer      data)
{
  Watchdog *watchdog = data;

  g_mutex_lock (&watchdog->lock);
  if (!watchdog->done)
    sqlite3_interrupt (watchdog->db);
  g_mutex_unlock (&watchdog->lock);
}

/* Runs quick_check on @db until @deadline (-1: none) or until @cancellable
 * is cancelled. Anything but "ok" is damage; a check that fails for another
 * reason (the disk, memory) proves nothing and counts as unfinished.
 */
static CheckResult
quick_check (sqlite3      *db,
             gint64        deadline,
             GCancellable *cancellable)
{
  CheckResult result = CHECK_UNFINISHED;
  Watchdog watchdog = { .deadline = deadline, .db = db };
  GThread *thread = NULL;
  gulong handler = 0;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_mutex_init (&watchdog.lock);
  g_cond_init (&watchdog.cond);
  if (deadline >= 0)
    thread = g_thread_new ("liveline-store-check", watch, &watchdog);
  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (on_check_cancelled),
                                     &watchdog, NULL);

  rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    {
      const char *first = (const char *)sqlite3_column_text (stmt, 0);

      result = g_strcmp0 (first, "ok") == 0 ? CHECK_SOUND : CHECK_DAMAGED;
      if (result == CHECK_DAMAGED)
        g_message ("The integrity check of the store found: %s", first);
    }
  else if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB)
    result = CHECK_DAMAGED;
  else if ((rc & 0xff) != SQLITE_INTERRUPT)
    g_message ("The integrity check of the store could not run: %s", sqlite3_errmsg (db));

  g_mutex_lock (&watchdog.lock);
  watchdog.done = TRUE;
  g_cond_signal (&watchdog.cond);
  g_mutex_unlock (&watchdog.lock);

  if (thread != NULL)
    g_thread_join (thread);
  if (handler != 0)
    g_cancellable_disconnect (cancellable, handler);

  sqlite3_finalize (stmt);
  g_mutex_clear (&watchdog.lock);
  g_cond_clear (&watchdog.cond);

  return result;
}

/* The thread holds the store weakly: closing it cancels the check. */
typedef struct
{
  GWeakRef  store;
  char     *path;
  guint     generation;
} BackgroundCheck;

static void
background_check_free (gpointer data)
{
  BackgroundCheck *check = data;

  g_weak_ref_clear (&check->store);
  g_free (check->path);
  g_free (check);
}

static void
check_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  BackgroundCheck *check = task_data;
  CheckResult result = CHECK_UNFINISHED;
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (check->path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
                       NULL) == SQLITE_OK)
    {
      sqlite3_busy_timeout (db, 2000);
      result = quick_check (db, -1, cancellable);
    }
  sqlite3_close (db);

  g_task_return_int (task, result);
}

static void
on_background_check_done (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  BackgroundCheck *check = g_task_get_task_data (G_TASK (result));
  g_autoptr(LivelineStore) self = g_weak_ref_get (&check->store);
  g_autoptr(GError) error = NULL;
  gssize outcome = g_task_propagate_int (G_TASK (result), &error);

  if (error != NULL || self == NULL)
    return;

  g_debug ("The integrity check finished in the background: %s",
           outcome == CHECK_SOUND ? "sound" : outcome == CHECK_DAMAGED ? "damaged" : "unfinished");

  /* A check of a file since replaced says nothing of the new one. */
  if (outcome == CHECK_DAMAGED && check->generation == self->generation)
    _liveline_store_mark_damaged (self);
}

static void
check_in_background (LivelineStore *self)
{
  g_autoptr(GTask) task = NULL;
  BackgroundCheck *check = g_new0 (BackgroundCheck, 1);

  g_weak_ref_init (&check->store, self);
  check->path = _liveline_store_dup_path (self);
  check->generation = self->generation;

  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  self->check_cancellable = g_cancellable_new ();

  task = g_task_new (NULL, self->check_cancellable, on_background_check_done, NULL);
  g_task_set_source_tag (task, check_in_background);
  g_task_set_task_data (task, check, background_check_free);
  g_task_run_in_thread (task, check_in_thread);
}

/* Reads the schema, which is where a file that is not a database, or one
 * damaged at its start, shows itself.
 */
static gboolean
schema_is_readable (LivelineStore *self)
{
  int rc = sqlite3_exec (self->db,
                         "PRAGMA journal_mode = WAL;"
                         "SELECT count(*) FROM sqlite_schema;",
                         NULL, NULL, NULL);

  return (rc & 0xff) != SQLITE_NOTADB && (rc & 0xff) != SQLITE_CORRUPT;
}

static gboolean
is_too_new (LivelineStore *self)
{
  sqlite3_stmt *stmt;
  gboolean too_new = FALSE;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    too_new = sqlite3_column_int (stmt, 0) > LIVELINE_STORE_VERSION;
  sqlite3_finalize (stmt);

  return too_new;
}

/* Checks the database just opened, and rebuilds it when it is damaged. A
 * database of a newer Liveline is left for the migrations to refuse: it is
 * not ours to judge.
 */
gboolean
_liveline_store_check_at_open (LivelineStore  *self,
                               gint64          budget_usec,
                               GError        **error)
{
  gint64 start = g_get_monotonic_time ();
  CheckResult result;

  if (!schema_is_readable (self))
    return _liveline_store_recover (self, error);

  if (is_too_new (self))
    return TRUE;

  result = budget_usec > 0 ? quick_check (self->db, start + budget_usec, NULL) : CHECK_UNFINISHED;
  g_debug ("The integrity check at open took %" G_GINT64_FORMAT " ms",
           (g_get_monotonic_time () - start) / G_TIME_SPAN_MILLISECOND);

  switch (result)
    {
    case CHECK_DAMAGED:
      return _liveline_store_recover (self, error);

    case CHECK_UNFINISHED:
      g_debug ("The integrity check goes on in the background");
      check_in_background (self);
      return TRUE;

    case CHECK_SOUND:
    default:
      return TRUE;
    }
}

/* Safe: no transaction is open and no statement is between two rows, so
 * the connection can be closed under nobody.
 */
static gboolean
can_recover_now (LivelineStore *self)
{
  if (self->db == NULL)
    return TRUE;

  if (self->in_bulk || !sqlite3_get_autocommit (self->db))
    return FALSE;

  for (sqlite3_stmt *stmt = sqlite3_next_stmt (self->db, NULL);
       stmt != NULL;
       stmt = sqlite3_next_stmt (self->db, stmt))
    {
      if (sqlite3_stmt_busy (stmt))
        return FALSE;
    }

  return TRUE;
}

static gboolean
recover_when_idle (gpointer data)
{
  LivelineStore *self = data;
  g_autoptr(GError) error = NULL;

  self->recover_source = 0;

  if (!_liveline_store_ensure_sound (self, &error))
    g_message ("The damaged store could not be rebuilt yet: %s", error->message);

  return G_SOURCE_REMOVE;
}

/**
 * _liveline_store_mark_damaged:
 *
 * Stops every write to the database and rebuilds it as soon as the main
 * loop is idle, or before the next write, whichever comes first.
 */
void
_liveline_store_mark_damaged (LivelineStore *self)
{
  g_assert (LIVELINE_IS_STORE (self));

  if (self->damaged)
    return;

  self->damaged = TRUE;
  g_message ("Damage was found in the store in “%s”; it will be rebuilt", self->data_dir);

  if (self->recover_source == 0)
    self->recover_source = g_idle_add (recover_when_idle, self);
}

/**
 * _liveline_store_ensure_sound:
 *
 * What every write does first: when the database is known to be damaged,
 * rebuild it now if that is safe.
 *
 * Returns: %TRUE when the database can be written to
 */
gboolean
_liveline_store_ensure_sound (LivelineStore  *self,
                              GError        **error)
{
  g_assert (LIVELINE_IS_STORE (self));

  if (!self->damaged)
    return TRUE;

  if (!can_recover_now (self))
    {
      _liveline_store_set_error (self, error);
      return FALSE;
    }

  return _liveline_store_recover (self, error);
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
  g_autofree char *base = g_strdup_printf ("%s.damaged-%s", path, stamp);

  /* Twice in one second: keep both. */
  for (guint n = 2; g_file_test (base, G_FILE_TEST_EXISTS); n++)
    {
      g_free (base);
      base = g_strdup_printf ("%s.damaged-%s-%u", path, stamp, n);
    }

  g_hash_table_remove_all (self->statements);
  g_clear_pointer (&self->db, sqlite3_close);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (base, suffixes[i], NULL);

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
    }

  g_free (self->moved_aside);
  self->moved_aside = g_steal_pointer (&base);
  g_message ("The database was damaged; it was kept as %s", self->moved_aside);

  return TRUE;
}

/**
 * _liveline_store_recover:
 *
 * Moves the damaged database aside, starts a new one and copies into it
 * all that can still be read. The ids of blogs, posts and operations stay
 * what they were, so the objects the application holds go on working.
 *
 * Returns: %TRUE when the store works on the new database
 */
gboolean
_liveline_store_recover (LivelineStore  *self,
                         GError        **error)
{
  g_autofree char *path = _liveline_store_dup_path (self);
  g_autoptr(GError) salvage_error = NULL;

  g_assert (LIVELINE_IS_STORE (self));

  g_clear_handle_id (&self->recover_source, g_source_remove);
  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);

  if (!move_aside (self, path, error))
    {
      /* The file stays where it is, damaged: still read, never written. */
      _liveline_store_open_database (self, path, NULL);
      self->damaged = TRUE;
      return FALSE;
    }

  self->damaged = FALSE;
  self->generation++;

  if (!_liveline_store_open_database (self, path, error) ||
      !_liveline_store_prepare_database (self, error))
    return FALSE;

  memset (&self->salvage, 0, sizeof self->salvage);
  if (!_liveline_store_salvage (self, self->moved_aside, &self->salvage, &salvage_error))
    g_message ("Nothing could be copied out of the damaged store: %s", salvage_error->message);

  g_message ("Copied out of the damaged store: %u live blogs, %u updates, %u photos, "
             "%u revisions, %u waiting operations; left behind in it: %u damaged stretches "
             "and rows that made no sense or belonged to lost updates",
             self->salvage.blogs, self->salvage.posts, self->salvage.media,
             self->salvage.revisions, self->salvage.outbox, self->salvage.unreadable);

  _liveline_store_emit_recovered (self);

  return TRUE;
}
