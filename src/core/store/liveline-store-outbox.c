/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "liveline-outbox-op-private.h"
#include "liveline-post-private.h"
#include "liveline-store-private.h"

/* The outbox's half of LivelineStore: a post's life from queued to
 * published, corrected or retracted, kept in the database so that it
 * survives a crash at any point. Every change of state is committed with
 * synchronous=FULL before anything goes over the network, and one
 * idempotency key is made per queued operation and kept for all its tries.
 *
 * Operations of one blog go out in the order they were queued: only the
 * oldest of each blog is ever due. A correction queued while the create is
 * still unsent merges into it (the content is read when it is sent), and
 * retracting a post whose create never left discards it.
 */

#define OP_COLUMNS \
  "id, post_id, blog_id, operation, idempotency_key, sending, attempts," \
  " next_attempt_at, last_error FROM outbox"

/* A state change that must survive a power cut, not only a crash. */
gboolean
_liveline_store_begin_durable (LivelineStore  *self,
                               GError        **error)
{
  return _liveline_store_exec (self, "PRAGMA synchronous = FULL", error) &&
         _liveline_store_begin (self, error);
}

gboolean
_liveline_store_commit_durable (LivelineStore  *self,
                                GError        **error)
{
  gboolean committed = _liveline_store_commit (self, error);

  if (!committed)
    _liveline_store_rollback (self);

  _liveline_store_exec (self, "PRAGMA synchronous = NORMAL", NULL);

  return committed;
}

void
_liveline_store_fail_durable (LivelineStore *self)
{
  _liveline_store_rollback (self);
  _liveline_store_exec (self, "PRAGMA synchronous = NORMAL", NULL);
}

static LivelineOutboxOp *
op_from_row (sqlite3_stmt *stmt)
{
  LivelineOutboxOp *op = g_object_new (LIVELINE_TYPE_OUTBOX_OP, NULL);

  op->id = sqlite3_column_int64 (stmt, 0);
  op->post_id = sqlite3_column_int64 (stmt, 1);
  op->blog_id = sqlite3_column_int64 (stmt, 2);
  op->operation = sqlite3_column_int (stmt, 3);
  op->idempotency_key = g_strdup ((const char *)sqlite3_column_text (stmt, 4));
  op->sending = sqlite3_column_int (stmt, 5) != 0;
  op->attempts = sqlite3_column_int (stmt, 6);
  op->next_attempt_at = _liveline_store_time_from_usec (sqlite3_column_int64 (stmt, 7));
  op->last_error = g_strdup ((const char *)sqlite3_column_text (stmt, 8));

  return op;
}

/* The unsent operation of @kind queued for @post, 0 when there is none. */
static gint64
find_waiting_op (LivelineStore           *self,
                 gint64                   post_id,
                 LivelineOutboxOperation  kind,
                 gboolean                *sending)
{
  sqlite3_stmt *stmt = _liveline_store_statement (self,
                                                  "SELECT id, sending FROM outbox"
                                                  " WHERE post_id = ? AND operation = ?"
                                                  " ORDER BY id DESC LIMIT 1",
                                                  NULL);
  gint64 id = 0;

  if (stmt == NULL)
    return 0;

  sqlite3_bind_int64 (stmt, 1, post_id);
  sqlite3_bind_int (stmt, 2, kind);
  if (_liveline_store_step (self, stmt) == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      if (sending != NULL)
        *sending = sqlite3_column_int (stmt, 1) != 0;
    }
  sqlite3_reset (stmt);

  return id;
}

static gboolean
insert_op (LivelineStore            *self,
           LivelinePost             *post,
           LivelineOutboxOperation   kind,
           GError                  **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *key = g_uuid_string_random ();
  sqlite3_stmt *stmt;
  gint64 usec = _liveline_store_usec_from_time (now);

  if (!(stmt = _liveline_store_statement (self,
                                          "INSERT INTO outbox (post_id, blog_id, operation,"
                                          "                    idempotency_key, next_attempt_at,"
                                          "                    queued_at)"
                                          " VALUES (?, ?, ?, ?, ?, ?)",
                                          error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, liveline_post_get_id (post));
  sqlite3_bind_int64 (stmt, 2, liveline_post_get_blog_id (post));
  sqlite3_bind_int (stmt, 3, kind);
  sqlite3_bind_text (stmt, 4, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, usec);
  sqlite3_bind_int64 (stmt, 6, usec);

  return _liveline_store_step_done (self, stmt, error);
}

gboolean
_liveline_store_delete_op (LivelineStore  *self,
                           gint64          op_id,
                           GError        **error)
{
  sqlite3_stmt *stmt = _liveline_store_statement (self, "DELETE FROM outbox WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, op_id);

  return _liveline_store_step_done (self, stmt, error);
}

gboolean
_liveline_store_write_state (LivelineStore      *self,
                             gint64              post_id,
                             LivelinePostState   state,
                             const char         *last_error,
                             GError            **error)
{
  sqlite3_stmt *stmt = _liveline_store_statement (self,
                                                  "UPDATE posts SET state = ?, last_error = ?"
                                                  " WHERE id = ?",
                                                  error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int (stmt, 1, state);
  sqlite3_bind_text (stmt, 2, last_error, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, post_id);

  return _liveline_store_step_done (self, stmt, error);
}

/* Once committed, the post on screen says so too. */
void
_liveline_store_show_state (LivelineStore     *self,
                            gint64             post_id,
                            LivelinePostState  state,
                            const char        *last_error)
{
  LivelinePost *post = _liveline_store_lookup_live_post (self, post_id);

  if (post != NULL)
    _liveline_post_set_outcome (post, state, last_error);
}

/**
 * liveline_store_publish_post:
 * @self: a #LivelineStore
 * @post: a saved post of @self
 * @error: a location for a #GError
 *
 * Queues @post for its endpoint: its first publication, or a correction
 * when it is already published. Nothing is sent here; the post is queued
 * when this returns, whatever happens next.
 *
 * Returns: %TRUE when the post is queued
 */
gboolean
liveline_store_publish_post (LivelineStore  *self,
                             LivelinePost   *post,
                             GError        **error)
{
  gint64 post_id;
  gboolean create_sending = FALSE;
  gboolean update_sending = FALSE;
  gint64 create;
  gint64 update;
  gboolean insert;
  LivelineOutboxOperation kind;

  g_return_val_if_fail (LIVELINE_IS_STORE (self), FALSE);
  g_return_val_if_fail (LIVELINE_IS_POST (post), FALSE);

  if (!_liveline_store_ensure_sound (self, error))
    return FALSE;

  post_id = liveline_post_get_id (post);
  create = find_waiting_op (self, post_id, LIVELINE_OUTBOX_CREATE, &create_sending);
  update = find_waiting_op (self, post_id, LIVELINE_OUTBOX_UPDATE, &update_sending);

  if (liveline_post_get_remote_id (post) == NULL && (create == 0 || !create_sending))
    {
      /* A create that has not started sends the content of the moment it
       * goes: publishing again merges into it.
       */
      kind = LIVELINE_OUTBOX_CREATE;
      insert = create == 0;
    }
  else
    {
      /* Published, or on its way: a correction, merged into one waiting. */
      kind = LIVELINE_OUTBOX_UPDATE;
      insert = update == 0 || update_sending;
    }

  if (!_liveline_store_begin_durable (self, error))
    return FALSE;

  if (insert && !insert_op (self, post, kind, error))
    goto failed;

  if (!_liveline_store_write_state (self, post_id, LIVELINE_POST_STATE_QUEUED, NULL, error) ||
      !_liveline_store_commit_durable (self, error))
    goto failed;

  _liveline_store_show_state (self, post_id, LIVELINE_POST_STATE_QUEUED, NULL);
  _liveline_store_emit_post_queued (self, post);

  return TRUE;

failed:
  _liveline_store_fail_durable (self);
  return FALSE;
}

/**
 * liveline_store_retract_post:
 * @self: a #LivelineStore
 * @post: a post of @self that was published or queued
 * @error: a location for a #GError
 *
 * Queues the retraction of @post. A post whose first publication never
 * left is not sent at all: it goes back to being a draft.
 *
 * Returns: %TRUE on success
 */
gboolean
liveline_store_retract_post (LivelineStore  *self,
                             LivelinePost   *post,
                             GError        **error)
{
  gint64 post_id;
  gboolean create_sending = FALSE;
  gint64 create;
  LivelinePostState state = LIVELINE_POST_STATE_QUEUED;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LIVELINE_IS_STORE (self), FALSE);
  g_return_val_if_fail (LIVELINE_IS_POST (post), FALSE);

  if (!_liveline_store_ensure_sound (self, error))
    return FALSE;

  post_id = liveline_post_get_id (post);
  create = find_waiting_op (self, post_id, LIVELINE_OUTBOX_CREATE, &create_sending);

  if (liveline_post_get_remote_id (post) == NULL && create == 0)
    {
      g_set_error_literal (error, LIVELINE_STORE_ERROR, LIVELINE_STORE_ERROR_NOT_FOUND,
                           _("This update was never published"));
      return FALSE;
    }

  if (!_liveline_store_begin_durable (self, error))
    return FALSE;

  /* Unsent corrections of a post about to go are pointless. */
  if (!(stmt = _liveline_store_statement (self,
                                          "DELETE FROM outbox WHERE post_id = ? AND operation = ?"
                                          " AND sending = 0",
                                          error)))
    goto failed;
  sqlite3_bind_int64 (stmt, 1, post_id);
  sqlite3_bind_int (stmt, 2, LIVELINE_OUTBOX_UPDATE);
  if (!_liveline_store_step_done (self, stmt, error))
    goto failed;

  if (create != 0 && !create_sending)
    {
      if (!_liveline_store_delete_op (self, create, error))
        goto failed;
      state = LIVELINE_POST_STATE_DRAFT;
    }
  else if (!insert_op (self, post, LIVELINE_OUTBOX_DELETE, error))
    goto failed;

  if (!_liveline_store_write_state (self, post_id, state, NULL, error) || !_liveline_store_commit_durable (self, error))
    goto failed;

  _liveline_store_show_state (self, post_id, state, NULL);
  if (state == LIVELINE_POST_STATE_QUEUED)
    _liveline_store_emit_post_queued (self, post);

  return TRUE;

failed:
  _liveline_store_fail_durable (self);
  return FALSE;
}

/**
 * liveline_store_list_due_ops:
 * @self: a #LivelineStore
 * @now: the present
 *
 * The oldest operation of each blog, when its next try is due by @now:
 * what the outbox may send now without breaking the order of any blog.
 *
 * Returns: (transfer full): a #GListModel of #LivelineOutboxOp, oldest first
 */
GListModel *
liveline_store_list_due_ops (LivelineStore *self,
                             GDateTime     *now)
{
  g_autoptr(GListStore) ops = g_list_store_new (LIVELINE_TYPE_OUTBOX_OP);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LIVELINE_IS_STORE (self), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  stmt = _liveline_store_statement (self,
                                    "SELECT " OP_COLUMNS
                                    " WHERE id IN (SELECT min (id) FROM outbox GROUP BY blog_id)"
                                    " AND next_attempt_at <= ? ORDER BY id",
                                    NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, _liveline_store_usec_from_time (now));
      while (_liveline_store_step (self, stmt) == SQLITE_ROW)
        {
          g_autoptr(LivelineOutboxOp) op = op_from_row (stmt);

          g_list_store_append (ops, op);
        }
      sqlite3_reset (stmt);
    }

  return G_LIST_MODEL (g_steal_pointer (&ops));
}

/**
 * liveline_store_get_next_attempt:
 * @self: a #LivelineStore
 *
 * Returns: (transfer full) (nullable): when the earliest waiting operation
 *   is due, or %NULL when the outbox is empty
 */
GDateTime *
liveline_store_get_next_attempt (LivelineStore *self)
{
  sqlite3_stmt *stmt;
  GDateTime *next = NULL;

  g_return_val_if_fail (LIVELINE_IS_STORE (self), NULL);

  stmt = _liveline_store_statement (self,
                                    "SELECT min (next_attempt_at) FROM outbox"
                                    " WHERE id IN (SELECT min (id) FROM outbox GROUP BY blog_id)",
                                    NULL);
  if (stmt != NULL)
    {
      if (_liveline_store_step (self, stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
        next = _liveline_store_time_from_usec (sqlite3_column_int64 (stmt, 0));
      sqlite3_reset (stmt);
    }

  return next;
}

/**
 * liveline_store_count_waiting:
 * @self: a #LivelineStore
 *
 * Returns: how many operations wait in the outbox, for "3 updates waiting"
 */
guint
liveline_store_count_waiting (LivelineStore *self)
{
  sqlite3_stmt *stmt;
  guint count = 0;

  g_return_val_if_fail (LIVELINE_IS_STORE (self), 0);

  stmt = _liveline_store_statement (self, "SELECT count (*) FROM outbox", NULL);
  if (stmt != NULL)
    {
      if (_liveline_store_step (self, stmt) == SQLITE_ROW)
        count = sqlite3_column_int (stmt, 0);
      sqlite3_reset (stmt);
    }

  return count;
}
