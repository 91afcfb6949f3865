/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-test"

#include "config.h"

#include "liveline-test-util.h"
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

static GtkWidget *
find_shown_label (GtkWidget  *widget,
                  const char *text,
                  gboolean    prefix)
{
  if (!gtk_widget_get_mapped (widget))
    return NULL;

  if (GTK_IS_LABEL (widget))
    {
      const char *label = gtk_label_get_text (GTK_LABEL (widget));

      if (prefix ? g_str_has_prefix (label, text) : g_strcmp0 (label, text) == 0)
        return widget;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_shown_label (child, text, prefix);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/**
 * liveline_test_find_shown_label:
 * @widget: where to start
 * @text: what the label says
 *
 * A label with @text that is on screen now.
 *
 * Returns: (transfer none) (nullable): the first such label under @widget
 */
GtkWidget *
liveline_test_find_shown_label (GtkWidget  *widget,
                                const char *text)
{
  return find_shown_label (widget, text, FALSE);
}

/**
 * liveline_test_find_shown_label_with_prefix:
 * @widget: where to start
 * @prefix: how the label's text starts
 *
 * Like liveline_test_find_shown_label(), for a label whose text starts
 * with @prefix.
 *
 * Returns: (transfer none) (nullable): the first such label under @widget
 */
GtkWidget *
liveline_test_find_shown_label_with_prefix (GtkWidget  *widget,
                                            const char *prefix)
{
  return find_shown_label (widget, prefix, TRUE);
}

/**
 * liveline_test_label_is_shown:
 * @user_data: a #LivelineTestLabelQuery
 *
 * A #LivelineTestCondition: whether the label is on screen.
 */
gboolean
liveline_test_label_is_shown (gpointer user_data)
{
  LivelineTestLabelQuery *query = user_data;

  return liveline_test_find_shown_label (query->root, query->text) != NULL;
}

/**
 * liveline_test_label_is_gone:
 * @user_data: a #LivelineTestLabelQuery
 *
 * A #LivelineTestCondition: whether the label is no longer on screen.
 */
gboolean
liveline_test_label_is_gone (gpointer user_data)
{
  return !liveline_test_label_is_shown (user_data);
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

static gboolean
activate_matching_shortcut (GtkWidget          *widget,
                            GtkShortcutTrigger *trigger)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), trigger) &&
              gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                            gtk_shortcut_get_arguments (shortcut)))
            return TRUE;
        }
    }

  return FALSE;
}

/**
 * liveline_test_press_shortcut:
 * @focus: the widget with the keyboard focus
 * @accelerator: the keys, such as `<Control>Return`
 *
 * Delivers a keyboard shortcut as GTK does once a key press bubbles up:
 * the first shortcut for these keys on @focus or one of its ancestors that
 * takes it, wins.
 *
 * Returns: whether a shortcut took the keys
 */
gboolean
liveline_test_press_shortcut (GtkWidget  *focus,
                              const char *accelerator)
{
  g_autoptr(GtkShortcutTrigger) trigger = gtk_shortcut_trigger_parse_string (accelerator);

  g_assert_nonnull (trigger);

  for (GtkWidget *widget = focus; widget != NULL; widget = gtk_widget_get_parent (widget))
    {
      if (activate_matching_shortcut (widget, trigger))
        return TRUE;
    }

  return FALSE;
}

/**
 * liveline_test_find_toplevel:
 * @type: the type of the window sought
 *
 * Returns: (transfer none) (nullable): a window of @type on screen
 */
GtkWindow *
liveline_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_mapped (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

static gboolean
toplevel_is_shown (gpointer user_data)
{
  return liveline_test_find_toplevel (GPOINTER_TO_SIZE (user_data)) != NULL;
}

/**
 * liveline_test_wait_for_toplevel:
 * @type: the type of the window awaited
 *
 * Waits for a window that an action opens, as the menu and the keyboard do.
 *
 * Returns: (transfer none): the window
 */
GtkWindow *
liveline_test_wait_for_toplevel (GType type)
{
  g_assert_true (liveline_test_wait_for (toplevel_is_shown, GSIZE_TO_POINTER (type), 10000));

  return liveline_test_find_toplevel (type);
}

/**
 * liveline_test_find_row_showing:
 * @list: a list's widget, or one that holds it
 * @row_type: the type of the list's rows
 * @text: the text of a label in the row
 *
 * Returns: (transfer none) (nullable): the row on screen with a label that
 *   shows @text
 */
GtkWidget *
liveline_test_find_row_showing (GtkWidget  *list,
                                GType       row_type,
                                const char *text)
{
  GtkWidget *label = liveline_test_find_widget (list, GTK_TYPE_LABEL, "label", text);

  if (label == NULL || !gtk_widget_get_mapped (label))
    return NULL;

  return gtk_widget_get_ancestor (label, row_type);
}

typedef struct
{
  GtkWidget  *list;
  GType       row_type;
  const char *text;
  gboolean    shown;
} RowWait;

static gboolean
row_wait_done (gpointer user_data)
{
  RowWait *wait = user_data;

  return (liveline_test_find_row_showing (wait->list, wait->row_type, wait->text) != NULL) ==
         wait->shown;
}

/**
 * liveline_test_wait_for_row:
 * @list: a list's widget, or one that holds it
 * @row_type: the type of the list's rows
 * @text: the text of a label in the row
 * @shown: whether to wait for the row to show or to go
 *
 * Waits up to ten seconds, and fails the test after that.
 */
void
liveline_test_wait_for_row (GtkWidget  *list,
                            GType       row_type,
                            const char *text,
                            gboolean    shown)
{
  RowWait wait = { list, row_type, text, shown };

  if (!liveline_test_wait_for (row_wait_done, &wait, 10000))
    g_error ("The row showing “%s” %s", text, shown ? "never showed" : "never went away");
}

/**
 * liveline_test_make_photo:
 * @dir: the folder to write it in
 * @name: the file's name, ending in `.png`
 * @rgba: its one colour, such as `0x3465a4ff`
 *
 * Writes a 640 × 480 PNG photo, as a camera would leave one to attach.
 *
 * Returns: (transfer full): the photo's file
 */
GFile *
liveline_test_make_photo (const char *dir,
                          const char *name,
                          guint32     rgba)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 640, 480);
  g_autoptr(GError) error = NULL;

  gdk_pixbuf_fill (pixbuf, rgba);
  g_assert_true (gdk_pixbuf_save (pixbuf, path, "png", &error, NULL));
  g_assert_no_error (error);

  return g_file_new_for_path (path);
}
