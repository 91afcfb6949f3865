/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-store"

#include "config.h"

#include "liveline-outbox-op-private.h"
#include "liveline-post-private.h"
#include "liveline-store-private.h"

/* The sending half of the outbox in LivelineStore: each try of a queued
 * operation is recorded before it starts and when it ends — published,
 * retried later or given up — every change committed with
 * synchronous=FULL. Queueing is in liveline-store-outbox.c.
 */

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

  if (!_liveline_store_ensure_sound (self, error))
    return FALSE;

  if (!_liveline_store_begin_durable (self, error))
    return FALSE;

  if (!(stmt = _liveline_store_statement (self,
                                          "UPDATE outbox SET sending = 1, attempts = attempts + 1"
                                          " WHERE id = ?",
                                          error)))
    goto failed;
  sqlite3_bind_int64 (stmt, 1, op->id);
  if (!_liveline_store_step_done (self, stmt, error) ||
      !_liveline_store_write_state (self, op->post_id, LIVELINE_POST_STATE_SENDING, NULL, error) ||
      !_liveline_store_commit_durable (self, error))
    goto failed;

  op->sending = TRUE;
  op->attempts++;
  _liveline_store_show_state (self, op->post_id, LIVELINE_POST_STATE_SENDING, NULL);

  return TRUE;

failed:
  _liveline_store_fail_durable (self);
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
      more = _liveline_store_step (self, stmt) == SQLITE_ROW;
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

  if (!_liveline_store_ensure_sound (self, error))
    return FALSE;

  if (!_liveline_store_begin_durable (self, error))
    return FALSE;

  if (!_liveline_store_delete_op (self, op->id, error))
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

  if (!_liveline_store_write_state (self, op->post_id, state, NULL, error) || !_liveline_store_commit_durable (self, error))
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
  _liveline_store_fail_durable (self);
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

  if (!_liveline_store_ensure_sound (self, error))
    return FALSE;

  if (!_liveline_store_begin_durable (self, error))
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
      !_liveline_store_write_state (self, op->post_id, LIVELINE_POST_STATE_QUEUED, message, error) ||
      !_liveline_store_commit_durable (self, error))
    goto failed;

  op->sending = FALSE;
  _liveline_store_show_state (self, op->post_id, LIVELINE_POST_STATE_QUEUED, message);

  return TRUE;

failed:
  _liveline_store_fail_durable (self);
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

  if (!_liveline_store_ensure_sound (self, error))
    return FALSE;

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

  if (!_liveline_store_ensure_sound (self, error))
    return FALSE;

  if (!_liveline_store_begin_durable (self, error))
    return FALSE;

  if (!(stmt = _liveline_store_statement (self, "DELETE FROM outbox WHERE post_id = ?", error)))
    goto failed;
  sqlite3_bind_int64 (stmt, 1, op->post_id);
  if (!_liveline_store_step_done (self, stmt, error) ||
      !_liveline_store_write_state (self, op->post_id, LIVELINE_POST_STATE_FAILED, message, error) ||
      !_liveline_store_commit_durable (self, error))
    goto failed;

  _liveline_store_show_state (self, op->post_id, LIVELINE_POST_STATE_FAILED, message);

  return TRUE;

failed:
  _liveline_store_fail_durable (self);
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
      if (_liveline_store_step (self, stmt) == SQLITE_ROW)
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

  if (!_liveline_store_ensure_sound (self, error))
    return FALSE;

  if (!_liveline_store_begin_durable (self, error))
    return FALSE;

  if (!(stmt = _liveline_store_statement (self,
                                          "UPDATE media SET remote_id = ?, remote_url = ?"
                                          " WHERE post_id = ?",
                                          error)))
    goto failed;
  sqlite3_bind_text (stmt, 1, remote_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, remote_url, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, liveline_post_get_id (post));
  if (!_liveline_store_step_done (self, stmt, error) || !_liveline_store_commit_durable (self, error))
    goto failed;

  return TRUE;

failed:
  _liveline_store_fail_durable (self);
  return FALSE;
}
