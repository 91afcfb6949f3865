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
static gboolean
begin_durable (LivelineStore  *self,
               GError        **error)
{
  return _liveline_store_exec (self, "PRAGMA synchronous = FULL", error) &&
         _liveline_store_begin (self, error);
}

static gboolean
commit_durable (LivelineStore  *self,
                GError        **error)
{
  gboolean committed = _liveline_store_commit (self, error);

  if (!committed)
    _liveline_store_rollback (self);

  _liveline_store_exec (self, "PRAGMA synchronous = NORMAL", NULL);

  return committed;
}

static void
fail_durable (LivelineStore *self)
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
  if (sqlite3_step (stmt) == SQLITE_ROW)
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

static gboolean
delete_op (LivelineStore  *self,
           gint64          op_id,
           GError        **error)
{
  sqlite3_stmt *stmt = _liveline_store_statement (self, "DELETE FROM outbox WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, op_id);

  return _liveline_store_step_done (self, stmt, error);
}

static gboolean
write_state (LivelineStore      *self,
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
static void
show_state (LivelineStore     *self,
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

  if (!begin_durable (self, error))
    return FALSE;

  if (insert && !insert_op (self, post, kind, error))
    goto failed;

  if (!write_state (self, post_id, LIVELINE_POST_STATE_QUEUED, NULL, error) ||
      !commit_durable (self, error))
    goto failed;

  show_state (self, post_id, LIVELINE_POST_STATE_QUEUED, NULL);
  _liveline_store_emit_post_queued (self, post);

  return TRUE;

failed:
  fail_durable (self);
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

  post_id = liveline_post_get_id (post);
  create = find_waiting_op (self, post_id, LIVELINE_OUTBOX_CREATE, &create_sending);

  if (liveline_post_get_remote_id (post) == NULL && create == 0)
    {
      g_set_error_literal (error, LIVELINE_STORE_ERROR, LIVELINE_STORE_ERROR_NOT_FOUND,
                           _("This update was never published"));
      return FALSE;
    }

  if (!begin_durable (self, error))
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
      if (!delete_op (self, create, error))
        goto failed;
      state = LIVELINE_POST_STATE_DRAFT;
    }
  else if (!insert_op (self, post, LIVELINE_OUTBOX_DELETE, error))
    goto failed;

  if (!write_state (self, post_id, state, NULL, error) || !commit_durable (self, error))
    goto failed;

  show_state (self, post_id, state, NULL);
  if (state == LIVELINE_POST_STATE_QUEUED)
    _liveline_store_emit_post_queued (self, post);

  return TRUE;

failed:
  fail_durable (self);
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
      while (sqlite3_step (stmt) == SQLITE_ROW)
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
      if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
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
      if (sqlite3_step (stmt) == SQLITE_ROW)
        count = sqlite3_column_int (stmt, 0);
      sqlite3_reset (stmt);
    }

  return count;
}

/**
 * liveline_store_begin_send:
 * @self: a #LivelineStore
 * @op: a due operation
 * @error: a location for a #GError
 *
 * Records that a try of @op starts, before any byte of it leaves: after a
 * crash from here on, the endpoint is asked about @op's key before it is
 * sent again.
 *
 * Returns: %TRUE when recorded; send nothing otherwise
 */
gboolean
liveline_store_begin_send (LivelineStore     *self,
                           LivelineOutboxOp  *op,
                           GError           **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LIVELINE_IS_STORE (self), FALSE);
  g_return_val_if_fail (LIVELINE_IS_OUTBOX_OP (op), FALSE);

  if (!begin_durable (self, error))
    return FALSE;

  if (!(stmt = _liveline_store_statement (self,
                                          "UPDATE outbox SET sending = 1, attempts = attempts + 1"
                                          " WHERE id = ?",
                                          error)))
    goto failed;
  sqlite3_bind_int64 (stmt, 1, op->id);
  if (!_liveline_store_step_done (self, stmt, error) ||
      !write_state (self, op->post_id, LIVELINE_POST_STATE_SENDING, NULL, error) ||
      !commit_durable (self, error))
    goto failed;

  op->sending = TRUE;
  op->attempts++;
  show_state (self, op->post_id, LIVELINE_POST_STATE_SENDING, NULL);

  return TRUE;

failed:
  fail_durable (self);
  return FALSE;
}

/* Queued when more waits for the post, else @done. */
static LivelinePostState
state_after (LivelineStore     *self,
             gint64             post_id,
             LivelinePostState  done)
{
  sqlite3_stmt *stmt = _liveline_store_statement (self,
                                                  "SELECT 1 FROM outbox WHERE post_id = ?", NULL);
  gboolean more = FALSE;

  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, post_id);
      more = sqlite3_step (stmt) == SQLITE_ROW;
      sqlite3_reset (stmt);
    }

  return more ? LIVELINE_POST_STATE_QUEUED : done;
}

/**
 * liveline_store_finish_send:
 * @self: a #LivelineStore
 * @op: an operation being sent
 * @remote_id: (nullable): the endpoint's id for the post (creates and updates)
 * @remote_url: (nullable): where the post can be read
 * @published_at: (nullable): when the endpoint first published it
 * @error: a location for a #GError
 *
 * Records that the endpoint accepted @op (it answered 2xx): the post is
 * published, corrected or retracted, and @op leaves the outbox.
 *
 * Returns: %TRUE when recorded
 */
gboolean
liveline_store_finish_send (LivelineStore     *self,
                            LivelineOutboxOp  *op,
                            const char        *remote_id,
                            const char        *remote_url,
                            GDateTime         *published_at,
                            GError           **error)
{
  LivelinePostState state;
  LivelinePost *post;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LIVELINE_IS_STORE (self), FALSE);
  g_return_val_if_fail (LIVELINE_IS_OUTBOX_OP (op), FALSE);

  if (!begin_durable (self, error))
    return FALSE;

  if (!delete_op (self, op->id, error))
    goto failed;

  state = state_after (self, op->post_id,
                       op->operation == LIVELINE_OUTBOX_DELETE ? LIVELINE_POST_STATE_DELETED
                                                                : LIVELINE_POST_STATE_PUBLISHED);

  if (op->operation != LIVELINE_OUTBOX_DELETE)
    {
      if (!(stmt = _liveline_store_statement (self,
                                              "UPDATE posts SET remote_id = coalesce (?, remote_id),"
                                              " remote_url = coalesce (?, remote_url),"
                                              " published_at = coalesce (published_at, ?),"
                                              " published_snapshot = coalesce (?, published_snapshot)"
                                              " WHERE id = ?",
                                              error)))
        goto failed;
      sqlite3_bind_text (stmt, 1, remote_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, remote_url, -1, SQLITE_TRANSIENT);
      if (published_at != NULL)
        sqlite3_bind_int64 (stmt, 3, _liveline_store_usec_from_time (published_at));
      else
        sqlite3_bind_null (stmt, 3);
      sqlite3_bind_text (stmt, 4, op->sent_snapshot, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 5, op->post_id);
      if (!_liveline_store_step_done (self, stmt, error))
        goto failed;
    }

  if (!write_state (self, op->post_id, state, NULL, error) || !commit_durable (self, error))
    goto failed;

  if ((post = _liveline_store_lookup_live_post (self, op->post_id)))
    {
      g_object_freeze_notify (G_OBJECT (post));
      if (op->operation != LIVELINE_OUTBOX_DELETE)
        {
          _liveline_post_set_remote (post, remote_id, remote_url, published_at);
          if (op->sent_snapshot != NULL)
            _liveline_post_set_published (post, op->sent_snapshot);
        }
      _liveline_post_set_outcome (post, state, NULL);
      g_object_thaw_notify (G_OBJECT (post));
    }

  return TRUE;

failed:
  fail_durable (self);
  return FALSE;
}

/**
 * liveline_store_retry_later:
 * @self: a #LivelineStore
 * @op: an operation being sent
 * @next_attempt_at: when to try again
 * @message: why this try failed, in words
 * @error: a location for a #GError
 *
 * Records a try that failed for a reason that may pass (the network, a
 * busy server): @op stays first in its blog's queue, with the same key.
 *
 * Returns: %TRUE when recorded
 */
gboolean
liveline_store_retry_later (LivelineStore     *self,
                            LivelineOutboxOp  *op,
                            GDateTime         *next_attempt_at,
                            const char        *message,
                            GError           **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LIVELINE_IS_STORE (self), FALSE);
  g_return_val_if_fail (LIVELINE_IS_OUTBOX_OP (op), FALSE);
  g_return_val_if_fail (next_attempt_at != NULL, FALSE);

  if (!begin_durable (self, error))
    return FALSE;

  if (!(stmt = _liveline_store_statement (self,
                                          "UPDATE outbox SET sending = 0, next_attempt_at = ?,"
                                          " last_error = ? WHERE id = ?",
                                          error)))
    goto failed;
  sqlite3_bind_int64 (stmt, 1, _liveline_store_usec_from_time (next_attempt_at));
  sqlite3_bind_text (stmt, 2, message, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, op->id);
  if (!_liveline_store_step_done (self, stmt, error) ||
      !write_state (self, op->post_id, LIVELINE_POST_STATE_QUEUED, message, error) ||
      !commit_durable (self, error))
    goto failed;

  op->sending = FALSE;
  show_state (self, op->post_id, LIVELINE_POST_STATE_QUEUED, message);

  return TRUE;

failed:
  fail_durable (self);
  return FALSE;
}

/**
 * liveline_store_bring_forward:
 * @self: a #LivelineStore
 * @now: the present
 * @error: a location for a #GError
 *
 * Makes every waiting operation that is not on its way due by @now, for
 * "Retry now"; each keeps its key and its place in its blog's queue.
 *
 * Returns: %TRUE on success
 */
gboolean
liveline_store_bring_forward (LivelineStore  *self,
                              GDateTime      *now,
                              GError        **error)
{
  sqlite3_stmt *stmt;
  gint64 usec;

  g_return_val_if_fail (LIVELINE_IS_STORE (self), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  stmt = _liveline_store_statement (self,
                                    "UPDATE outbox SET next_attempt_at = ?1"
                                    " WHERE sending = 0 AND next_attempt_at > ?1",
                                    error);
  if (stmt == NULL)
    return FALSE;

  usec = _liveline_store_usec_from_time (now);
  sqlite3_bind_int64 (stmt, 1, usec);

  return _liveline_store_step_done (self, stmt, error);
}

/**
 * liveline_store_give_up:
 * @self: a #LivelineStore
 * @op: an operation being sent
 * @message: the endpoint's reason, in its words
 * @error: a location for a #GError
 *
 * Records that the endpoint refused @op for good: the post is failed with
 * @message, and nothing more of it is sent until the journalist publishes
 * it again.
 *
 * Returns: %TRUE when recorded
 */
gboolean
liveline_store_give_up (LivelineStore     *self,
                        LivelineOutboxOp  *op,
                        const char        *message,
                        GError           **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LIVELINE_IS_STORE (self), FALSE);
  g_return_val_if_fail (LIVELINE_IS_OUTBOX_OP (op), FALSE);

  if (!begin_durable (self, error))
    return FALSE;

  if (!(stmt = _liveline_store_statement (self, "DELETE FROM outbox WHERE post_id = ?", error)))
    goto failed;
  sqlite3_bind_int64 (stmt, 1, op->post_id);
  if (!_liveline_store_step_done (self, stmt, error) ||
      !write_state (self, op->post_id, LIVELINE_POST_STATE_FAILED, message, error) ||
      !commit_durable (self, error))
    goto failed;

  show_state (self, op->post_id, LIVELINE_POST_STATE_FAILED, message);

  return TRUE;

failed:
  fail_durable (self);
  return FALSE;
}

/**
 * liveline_store_dup_media_remote_id:
 * @self: a #LivelineStore
 * @post: a post of @self with a photo
 *
 * Returns: (transfer full) (nullable): the endpoint's id of the post's
 *   photo, when this very file was uploaded already
 */
char *
liveline_store_dup_media_remote_id (LivelineStore *self,
                                    LivelinePost  *post)
{
  sqlite3_stmt *stmt;
  char *remote_id = NULL;

  g_return_val_if_fail (LIVELINE_IS_STORE (self), NULL);
  g_return_val_if_fail (LIVELINE_IS_POST (post), NULL);

  stmt = _liveline_store_statement (self, "SELECT remote_id FROM media WHERE post_id = ?", NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, liveline_post_get_id (post));
      if (sqlite3_step (stmt) == SQLITE_ROW)
        remote_id = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
    }

  return remote_id;
}

/**
 * liveline_store_set_media_remote:
 * @self: a #LivelineStore
 * @post: a post of @self with a photo
 * @remote_id: the endpoint's id of the uploaded photo
 * @remote_url: where the endpoint shows it
 * @error: a location for a #GError
 *
 * Records an upload, so a retry never uploads the same photo twice.
 *
 * Returns: %TRUE when recorded
 */
gboolean
liveline_store_set_media_remote (LivelineStore  *self,
                                 LivelinePost   *post,
                                 const char     *remote_id,
                                 const char     *remote_url,
                                 GError        **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LIVELINE_IS_STORE (self), FALSE);
  g_return_val_if_fail (LIVELINE_IS_POST (post), FALSE);

  if (!begin_durable (self, error))
    return FALSE;

  if (!(stmt = _liveline_store_statement (self,
                                          "UPDATE media SET remote_id = ?, remote_url = ?"
                                          " WHERE post_id = ?",
                                          error)))
    goto failed;
  sqlite3_bind_text (stmt, 1, remote_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, remote_url, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, liveline_post_get_id (post));
  if (!_liveline_store_step_done (self, stmt, error) || !commit_durable (self, error))
    goto failed;

  return TRUE;

failed:
  fail_durable (self);
  return FALSE;
}
