/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <libsoup/soup.h>

#include "liveline-publisher.h"

G_BEGIN_DECLS

/* How long a request may take from start to end: a 20 MB photo on a slow link. */
#define LIVELINE_JSON_PUBLISHER_REQUEST_DEADLINE_S 300

#define LIVELINE_TYPE_JSON_PUBLISHER (liveline_json_publisher_get_type ())

G_DECLARE_FINAL_TYPE (LivelineJsonPublisher, liveline_json_publisher, LIVELINE, JSON_PUBLISHER, GObject)

LivelineJsonPublisher *liveline_json_publisher_new          (SoupSession           *session,
                                                             const char            *base_url,
                                                             const char            *blog,
                                                             const char            *token);
SoupSession           *liveline_json_publisher_get_session  (LivelineJsonPublisher *self);
const char            *liveline_json_publisher_get_base_url (LivelineJsonPublisher *self);
const char            *liveline_json_publisher_get_blog     (LivelineJsonPublisher *self);
void                   liveline_json_publisher_set_request_deadline (LivelineJsonPublisher *self,
                                                                     guint                  seconds);

G_END_DECLS
