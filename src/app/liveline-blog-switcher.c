/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-blog-switcher"

#include "config.h"

#include "liveline-blog-switcher.h"

/* The header bar's title: which live blog the window shows, and a popover
 * to move to another.
 */
struct _LivelineBlogSwitcher
{
  GtkWidget      parent_instance;

  /* Template widgets */
  GtkMenuButton *menu_button;
};

G_DEFINE_FINAL_TYPE (LivelineBlogSwitcher, liveline_blog_switcher, GTK_TYPE_WIDGET)

static void
liveline_blog_switcher_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LIVELINE_TYPE_BLOG_SWITCHER);

  G_OBJECT_CLASS (liveline_blog_switcher_parent_class)->dispose (object);
}

static void
liveline_blog_switcher_class_init (LivelineBlogSwitcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = liveline_blog_switcher_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/liveline-blog-switcher.ui");
  gtk_widget_class_bind_template_child (widget_class, LivelineBlogSwitcher, menu_button);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
liveline_blog_switcher_init (LivelineBlogSwitcher *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
