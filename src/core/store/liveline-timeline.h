/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <gio/gio.h>

#include "liveline-types.h"

G_BEGIN_DECLS

/* No state filter: every post, whatever its state. */
#define LIVELINE_TIMELINE_ALL_STATES (-1)

#define LIVELINE_TYPE_TIMELINE (liveline_timeline_get_type ())

G_DECLARE_FINAL_TYPE (LivelineTimeline, liveline_timeline, LIVELINE, TIMELINE, GObject)

LivelineTimeline *liveline_timeline_new              (LivelineStore    *store,
                                                      LivelineBlog     *blog);
LivelineBlog     *liveline_timeline_get_blog         (LivelineTimeline *self);
const char       *liveline_timeline_get_search       (LivelineTimeline *self);
void              liveline_timeline_set_search       (LivelineTimeline *self,
                                                      const char       *search);
int               liveline_timeline_get_state_filter (LivelineTimeline *self);
void              liveline_timeline_set_state_filter (LivelineTimeline *self,
                                                      int               state);
gboolean          liveline_timeline_find_post        (LivelineTimeline *self,
                                                      LivelinePost     *post,
                                                      guint            *position);

G_END_DECLS
