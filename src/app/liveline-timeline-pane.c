/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-timeline-pane"

#include "config.h"

#include "liveline-timeline-pane.h"

/* The left pane: every update of the current live blog, newest first. */
struct _LivelineTimelinePane
{
  GtkWidget  parent_instance;

  /* Template widgets */
  GtkStack  *stack;
};

G_DEFINE_FINAL_TYPE (LivelineTimelinePane, liveline_timeline_pane, GTK_TYPE_WIDGET)

static void
liveline_timeline_pane_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LIVELINE_TYPE_TIMELINE_PANE);

  G_OBJECT_CLASS (liveline_timeline_pane_parent_class)->dispose (object);
}

static void
liveline_timeline_pane_class_init (LivelineTimelinePaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = liveline_timeline_pane_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/liveline-timeline-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, LivelineTimelinePane, stack);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "timelinepane");
}

static void
liveline_timeline_pane_init (LivelineTimelinePane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
