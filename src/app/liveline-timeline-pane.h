/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <gtk/gtk.h>

#include "liveline-core.h"

G_BEGIN_DECLS

#define LIVELINE_TYPE_TIMELINE_PANE (liveline_timeline_pane_get_type ())

G_DECLARE_FINAL_TYPE (LivelineTimelinePane, liveline_timeline_pane, LIVELINE, TIMELINE_PANE,
                      GtkWidget)

LivelineStore    *liveline_timeline_pane_get_store         (LivelineTimelinePane *self);
void              liveline_timeline_pane_set_store         (LivelineTimelinePane *self,
                                                            LivelineStore        *store);
LivelineBlog     *liveline_timeline_pane_get_blog          (LivelineTimelinePane *self);
void              liveline_timeline_pane_set_blog          (LivelineTimelinePane *self,
                                                            LivelineBlog         *blog);
LivelineTimeline *liveline_timeline_pane_get_timeline      (LivelineTimelinePane *self);
LivelinePost     *liveline_timeline_pane_get_selected_post (LivelineTimelinePane *self);
void              liveline_timeline_pane_select_post       (LivelineTimelinePane *self,
                                                            LivelinePost         *post);
void              liveline_timeline_pane_delete_post       (LivelineTimelinePane *self,
                                                            LivelinePost         *post);

G_END_DECLS
