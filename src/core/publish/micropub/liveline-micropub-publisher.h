/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <libsoup/soup.h>

#include "liveline-publisher.h"

G_BEGIN_DECLS

/* How long a request may take from start to end: a 20 MB photo on a slow link. */
#define LIVELINE_MICROPUB_PUBLISHER_REQUEST_DEADLINE_S 300

#define LIVELINE_TYPE_MICROPUB_PUBLISHER (liveline_micropub_publisher_get_type ())

G_DECLARE_FINAL_TYPE (LivelineMicropubPublisher, liveline_micropub_publisher, LIVELINE, MICROPUB_PUBLISHER, GObject)

LivelineMicropubPublisher *liveline_micropub_publisher_new                  (SoupSession               *session,
                                                                             const char                *url,
                                                                             const char                *token);
void                       liveline_micropub_publisher_set_request_deadline (LivelineMicropubPublisher *self,
                                                                             guint                      seconds);

G_END_DECLS
