/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <gio/gio.h>

#include "liveline-types.h"

G_BEGIN_DECLS

#define LIVELINE_TYPE_OUTBOX_OP (liveline_outbox_op_get_type ())

G_DECLARE_FINAL_TYPE (LivelineOutboxOp, liveline_outbox_op, LIVELINE, OUTBOX_OP, GObject)

gint64                   liveline_outbox_op_get_id              (LivelineOutboxOp *self);
gint64                   liveline_outbox_op_get_post_id         (LivelineOutboxOp *self);
gint64                   liveline_outbox_op_get_blog_id         (LivelineOutboxOp *self);
LivelineOutboxOperation  liveline_outbox_op_get_operation       (LivelineOutboxOp *self);
const char              *liveline_outbox_op_get_idempotency_key (LivelineOutboxOp *self);
gboolean                 liveline_outbox_op_get_sending         (LivelineOutboxOp *self);
guint                    liveline_outbox_op_get_attempts        (LivelineOutboxOp *self);
GDateTime               *liveline_outbox_op_get_next_attempt_at (LivelineOutboxOp *self);
const char              *liveline_outbox_op_get_last_error      (LivelineOutboxOp *self);

G_END_DECLS
