/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/**
 * LivelineRequestGuard:
 * @cancellable: what the requests go with: cancelled by the caller's
 *   cancellable or by the deadline
 *
 * What every publisher's request, or operation of several requests, needs
 * besides the session's own timeout (which only ends a silent connection):
 * a deadline from start to end, and the caller's cancellable followed.
 * Kept inside a request's or an operation's own data.
 */
typedef struct
{
  GCancellable *cancellable;

  /*< private >*/
  GCancellable *caller_cancellable;
  gulong        caller_handler;
  guint         deadline_id;
  guint         seconds;
  gboolean      timed_out;
} LivelineRequestGuard;

void     liveline_request_guard_start       (LivelineRequestGuard *self,
                                             GCancellable         *caller_cancellable,
                                             guint                 seconds);
void     liveline_request_guard_stop_clock  (LivelineRequestGuard *self);
void     liveline_request_guard_clear       (LivelineRequestGuard *self);
GError  *liveline_request_guard_take_error  (LivelineRequestGuard *self,
                                             GError               *error,
                                             const char           *who);
guint    liveline_request_get_retry_after   (SoupMessage          *message);
guint    liveline_request_parse_retry_after (const char           *value,
                                             GDateTime            *now);

G_END_DECLS
