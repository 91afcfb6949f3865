/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-test"

#include "config.h"

#include "liveline-test-widgets.h"

/**
 * liveline_test_find_widget:
 * @root: where to start
 * @type: the type of the widget sought
 * @property: (nullable): a string property to match, or %NULL for the first
 *   widget of @type
 * @value: what @property must hold
 *
 * Finds a widget as a user would: by what it shows.
 *
 * Returns: (transfer none) (nullable): the first match under @root, depth first
 */
GtkWidget *
liveline_test_find_widget (GtkWidget  *root,
                           GType       type,
                           const char *property,
                           const char *value)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    {
      g_autofree char *text = NULL;

      if (property == NULL)
        return root;

      g_object_get (root, property, &text, NULL);
      if (g_strcmp0 (text, value) == 0)
        return root;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = liveline_test_find_widget (child, type, property, value);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/**
 * liveline_test_widget_is_mapped:
 * @user_data: a #GtkWidget
 *
 * A #LivelineTestCondition: whether the widget is on screen.
 */
gboolean
liveline_test_widget_is_mapped (gpointer user_data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (user_data));
}
