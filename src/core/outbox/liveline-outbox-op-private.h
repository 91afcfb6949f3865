/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include "liveline-outbox-op.h"

G_BEGIN_DECLS

/* The store fills operations it reads straight into this structure. */
struct _LivelineOutboxOp
{
  GObject                  parent_instance;

  gint64                   id;
  gint64                   post_id;
  gint64                   blog_id;
  LivelineOutboxOperation  operation;
  char                    *idempotency_key;
  guint                    attempts;
  GDateTime               *next_attempt_at;
  char                    *last_error;
  gboolean                 sending;

  /* What went to the endpoint in this try, kept once it accepts it. */
  char                    *sent_snapshot;
};

void _liveline_outbox_op_set_sent_snapshot (LivelineOutboxOp *self,
                                            char             *snapshot);

G_END_DECLS
