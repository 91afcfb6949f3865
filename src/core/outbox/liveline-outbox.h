/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <gio/gio.h>

#include "liveline-publisher.h"
#include "liveline-types.h"

G_BEGIN_DECLS

/* Waits between tries after a failure that may pass: 1 s, doubling, at
 * most five minutes, unless the endpoint says otherwise.
 */
#define LIVELINE_OUTBOX_FIRST_RETRY_S 1
#define LIVELINE_OUTBOX_MAX_RETRY_S   300

#define LIVELINE_TYPE_OUTBOX (liveline_outbox_get_type ())

G_DECLARE_FINAL_TYPE (LivelineOutbox, liveline_outbox, LIVELINE, OUTBOX, GObject)

LivelineOutbox *liveline_outbox_new            (LivelineStore     *store,
                                                GNetworkMonitor   *monitor);
void            liveline_outbox_set_publisher  (LivelineOutbox    *self,
                                                gint64             blog_id,
                                                LivelinePublisher *publisher);
void            liveline_outbox_start          (LivelineOutbox    *self);
void            liveline_outbox_stop           (LivelineOutbox    *self);
void            liveline_outbox_wake           (LivelineOutbox    *self);
guint           liveline_outbox_get_waiting    (LivelineOutbox    *self);
guint           liveline_outbox_get_sending    (LivelineOutbox    *self);
GDateTime      *liveline_outbox_get_next_retry (LivelineOutbox    *self);
gboolean        liveline_outbox_get_paused     (LivelineOutbox    *self,
                                                gint64             blog_id);
gboolean        liveline_outbox_has_publisher  (LivelineOutbox    *self,
                                                gint64             blog_id);

G_END_DECLS
