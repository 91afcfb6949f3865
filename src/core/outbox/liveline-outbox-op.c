/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-outbox-op"

#include "config.h"

#include "liveline-outbox-op-private.h"

/* One entry of the outbox, as the store read it: what to send, under which
 * idempotency key, and how the tries went. A snapshot: the store changes the
 * row, not this object.
 */

G_DEFINE_FINAL_TYPE (LivelineOutboxOp, liveline_outbox_op, G_TYPE_OBJECT)

static void
liveline_outbox_op_finalize (GObject *object)
{
  LivelineOutboxOp *self = (LivelineOutboxOp *)object;

  g_clear_pointer (&self->idempotency_key, g_free);
  g_clear_pointer (&self->next_attempt_at, g_date_time_unref);
  g_clear_pointer (&self->last_error, g_free);
  g_clear_pointer (&self->sent_snapshot, g_free);

  G_OBJECT_CLASS (liveline_outbox_op_parent_class)->finalize (object);
}

static void
liveline_outbox_op_class_init (LivelineOutboxOpClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = liveline_outbox_op_finalize;
}

static void
liveline_outbox_op_init (LivelineOutboxOp *self)
{
}

/* Takes @snapshot, what the post was when it went. */
void
_liveline_outbox_op_set_sent_snapshot (LivelineOutboxOp *self,
                                       char             *snapshot)
{
  g_assert (LIVELINE_IS_OUTBOX_OP (self));

  g_free (self->sent_snapshot);
  self->sent_snapshot = snapshot;
}

gint64
liveline_outbox_op_get_id (LivelineOutboxOp *self)
{
  g_return_val_if_fail (LIVELINE_IS_OUTBOX_OP (self), 0);

  return self->id;
}

gint64
liveline_outbox_op_get_post_id (LivelineOutboxOp *self)
{
  g_return_val_if_fail (LIVELINE_IS_OUTBOX_OP (self), 0);

  return self->post_id;
}

gint64
liveline_outbox_op_get_blog_id (LivelineOutboxOp *self)
{
  g_return_val_if_fail (LIVELINE_IS_OUTBOX_OP (self), 0);

  return self->blog_id;
}

LivelineOutboxOperation
liveline_outbox_op_get_operation (LivelineOutboxOp *self)
{
  g_return_val_if_fail (LIVELINE_IS_OUTBOX_OP (self), LIVELINE_OUTBOX_CREATE);

  return self->operation;
}

/**
 * liveline_outbox_op_get_idempotency_key:
 * @self: a #LivelineOutboxOp
 *
 * Returns: the key made when the operation was queued, sent with every try
 */
const char *
liveline_outbox_op_get_idempotency_key (LivelineOutboxOp *self)
{
  g_return_val_if_fail (LIVELINE_IS_OUTBOX_OP (self), NULL);

  return self->idempotency_key;
}

/**
 * liveline_outbox_op_get_sending:
 * @self: a #LivelineOutboxOp
 *
 * Returns: whether a try had started when the store was read: after a
 *   crash, the endpoint may or may not have it, and it must be asked first
 */
gboolean
liveline_outbox_op_get_sending (LivelineOutboxOp *self)
{
  g_return_val_if_fail (LIVELINE_IS_OUTBOX_OP (self), FALSE);

  return self->sending;
}

guint
liveline_outbox_op_get_attempts (LivelineOutboxOp *self)
{
  g_return_val_if_fail (LIVELINE_IS_OUTBOX_OP (self), 0);

  return self->attempts;
}

GDateTime *
liveline_outbox_op_get_next_attempt_at (LivelineOutboxOp *self)
{
  g_return_val_if_fail (LIVELINE_IS_OUTBOX_OP (self), NULL);

  return self->next_attempt_at;
}

const char *
liveline_outbox_op_get_last_error (LivelineOutboxOp *self)
{
  g_return_val_if_fail (LIVELINE_IS_OUTBOX_OP (self), NULL);

  return self->last_error;
}
