/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-post-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "liveline-post-editor-private.h"

/* The pre-publish checks of the post editor, redone when typing pauses and
 * listed under the update: errors keep it from being published, warnings
 * and notes only say what a careful editor would.
 */

static GtkWidget *
create_check_row (gpointer item,
                  gpointer user_data)
{
  LivelineCheck *check = item;
  const char *icon_name;
  const char *style_class;
  GtkWidget *row;
  GtkWidget *box;
  GtkWidget *icon;
  GtkWidget *label;

  switch (liveline_check_get_severity (check))
    {
    case LIVELINE_CHECK_SEVERITY_ERROR:
      icon_name = "dialog-error-symbolic";
      style_class = "error";
      break;

    case LIVELINE_CHECK_SEVERITY_WARNING:
      icon_name = "dialog-warning-symbolic";
      style_class = "warning";
      break;

    case LIVELINE_CHECK_SEVERITY_INFO:
    default:
      icon_name = "dialog-information-symbolic";
      style_class = "dim-label";
      break;
    }

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);

  icon = gtk_image_new_from_icon_name (icon_name);
  gtk_widget_add_css_class (icon, style_class);
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  liveline_check_get_severity (check) == LIVELINE_CHECK_SEVERITY_ERROR
                                    ? _("Error")
                                    : liveline_check_get_severity (check) == LIVELINE_CHECK_SEVERITY_WARNING
                                      ? _("Warning")
                                      : _("Note"),
                                  -1);
  gtk_box_append (GTK_BOX (box), icon);

  label = gtk_label_new (liveline_check_get_message (check));
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_add_css_class (row, liveline_check_get_id (check));

  return row;
}

static gboolean
checks_equal (GListModel *a,
              GListModel *b)
{
  guint n_items = g_list_model_get_n_items (a);

  if (n_items != g_list_model_get_n_items (b))
    return FALSE;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(LivelineCheck) check_a = g_list_model_get_item (a, i);
      g_autoptr(LivelineCheck) check_b = g_list_model_get_item (b, i);

      if (liveline_check_get_severity (check_a) != liveline_check_get_severity (check_b) ||
          g_strcmp0 (liveline_check_get_id (check_a), liveline_check_get_id (check_b)) != 0 ||
          g_strcmp0 (liveline_check_get_message (check_a), liveline_check_get_message (check_b)) != 0)
        return FALSE;
    }

  return TRUE;
}

void
_liveline_post_editor_update_checks (LivelinePostEditor *self)
{
  g_autoptr(GListModel) checks = NULL;
  gboolean had_errors;
  gboolean has_errors;

  g_assert (LIVELINE_IS_POST_EDITOR (self));

  g_clear_handle_id (&self->checks_source, g_source_remove);

  had_errors = liveline_check_list_has_errors (G_LIST_MODEL (self->checks));

  if (self->post != NULL)
    checks = liveline_check_post (self->post);
  else
    checks = G_LIST_MODEL (g_list_store_new (LIVELINE_TYPE_CHECK));

  /* Rebuilding rows that say the same would only make them flicker. */
  if (!checks_equal (checks, G_LIST_MODEL (self->checks)))
    {
      guint n_items = g_list_model_get_n_items (checks);
      g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < n_items; i++)
        g_ptr_array_add (items, g_list_model_get_item (checks, i));

      g_list_store_splice (self->checks,
                           0, g_list_model_get_n_items (G_LIST_MODEL (self->checks)),
                           items->pdata, items->len);
    }

  gtk_revealer_set_reveal_child (self->checks_revealer,
                                 g_list_model_get_n_items (G_LIST_MODEL (self->checks)) > 0);

  has_errors = liveline_check_list_has_errors (G_LIST_MODEL (self->checks));
  if (had_errors != has_errors)
    _liveline_post_editor_notify_blocking_checks (self);
}

static gboolean
on_checks_timeout (gpointer user_data)
{
  LivelinePostEditor *self = user_data;

  self->checks_source = 0;
  _liveline_post_editor_update_checks (self);

  return G_SOURCE_REMOVE;
}

void
_liveline_post_editor_queue_checks (LivelinePostEditor *self)
{
  if (self->checks_source != 0)
    return;

  self->checks_source = g_timeout_add (CHECKS_DELAY_MS, on_checks_timeout, self);
  g_source_set_name_by_id (self->checks_source, "[liveline] update checks");
}

void
_liveline_post_editor_init_checks (LivelinePostEditor *self)
{
  g_assert (LIVELINE_IS_POST_EDITOR (self));

  self->checks = g_list_store_new (LIVELINE_TYPE_CHECK);
  gtk_list_box_bind_model (self->checks_list, G_LIST_MODEL (self->checks),
                           create_check_row, NULL, NULL);
}
