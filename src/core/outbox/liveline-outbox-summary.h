/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * LivelineOutboxSummary:
 * @waiting: operations in the outbox, those on their way included
 * @position: which of a run of publications goes now, counting from 1, or 0
 * @total: how many that run has
 * @online: whether the network is there
 * @retry_in: seconds until the next try, or -1 when none is planned
 * @signed_out: whether an endpoint refused the credentials
 * @no_destination: whether the live blog has nowhere to publish yet
 * @problem: (nullable): why the live blog's destination cannot be used,
 *   such as a keyring that cannot be read, or %NULL
 *
 * What the window tells about publishing, in one line.
 */
typedef struct
{
  guint    waiting;
  guint    position;
  guint    total;
  gboolean online;
  gint64   retry_in;
  gboolean signed_out;
  gboolean no_destination;
  const char *problem;
} LivelineOutboxSummary;

char *liveline_outbox_summary_describe (const LivelineOutboxSummary *summary);

G_END_DECLS
