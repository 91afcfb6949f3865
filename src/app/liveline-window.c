/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-window"

#include "config.h"

#include <glib/gi18n.h>

#include "liveline-blog-switcher.h"
#include "liveline-timeline-pane.h"
#include "liveline-window.h"

struct _LivelineWindow
{
  AdwApplicationWindow  parent_instance;

  LivelineSettings     *settings;

  /* Template widgets */
  LivelineTimelinePane *timeline_pane;
  GtkStack             *editor_stack;
};

G_DEFINE_FINAL_TYPE (LivelineWindow, liveline_window, ADW_TYPE_APPLICATION_WINDOW)

static void
liveline_window_restore_state (LivelineWindow *self)
{
  int width;
  int height;

  g_assert (LIVELINE_IS_WINDOW (self));

  liveline_settings_get_window_size (self->settings, &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);

  if (liveline_settings_get_window_maximized (self->settings))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
liveline_window_save_state (LivelineWindow *self)
{
  gboolean maximized;
  int width;
  int height;

  g_assert (LIVELINE_IS_WINDOW (self));

  maximized = gtk_window_is_maximized (GTK_WINDOW (self));
  liveline_settings_set_window_maximized (self->settings, maximized);

  /* A maximized window keeps the size it had before, to come back to. */
  if (maximized)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  liveline_settings_set_window_size (self->settings, width, height);
}

static gboolean
liveline_window_close_request (GtkWindow *window)
{
  LivelineWindow *self = LIVELINE_WINDOW (window);

  liveline_window_save_state (self);

  return GTK_WINDOW_CLASS (liveline_window_parent_class)->close_request (window);
}

static void
liveline_window_dispose (GObject *object)
{
  LivelineWindow *self = (LivelineWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), LIVELINE_TYPE_WINDOW);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (liveline_window_parent_class)->dispose (object);
}

static void
liveline_window_class_init (LivelineWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = liveline_window_dispose;

  window_class->close_request = liveline_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/liveline-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LivelineWindow, timeline_pane);
  gtk_widget_class_bind_template_child (widget_class, LivelineWindow, editor_stack);

  g_type_ensure (LIVELINE_TYPE_BLOG_SWITCHER);
  g_type_ensure (LIVELINE_TYPE_TIMELINE_PANE);
}

static void
liveline_window_init (LivelineWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

#if DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif
}

/**
 * liveline_window_new:
 * @application: the #LivelineApplication, started
 *
 * Returns: (transfer none): a new main window
 */
LivelineWindow *
liveline_window_new (LivelineApplication *application)
{
  LivelineWindow *self;

  g_return_val_if_fail (LIVELINE_IS_APPLICATION (application), NULL);

  self = g_object_new (LIVELINE_TYPE_WINDOW,
                       "application", application,
                       NULL);

  self->settings = g_object_ref (liveline_application_get_settings (application));
  liveline_window_restore_state (self);

  return self;
}

/**
 * liveline_window_get_timeline_pane:
 * @self: a #LivelineWindow
 *
 * Returns: (transfer none): the pane that lists the live blog's updates
 */
GtkWidget *
liveline_window_get_timeline_pane (LivelineWindow *self)
{
  g_return_val_if_fail (LIVELINE_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->timeline_pane);
}

/**
 * liveline_window_get_editor_pane:
 * @self: a #LivelineWindow
 *
 * Returns: (transfer none): the pane that holds the update being written
 */
GtkWidget *
liveline_window_get_editor_pane (LivelineWindow *self)
{
  g_return_val_if_fail (LIVELINE_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->editor_stack);
}
