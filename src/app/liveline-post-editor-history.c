/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-post-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "liveline-post-editor-private.h"

/* The revision history of the post editor: every saved version of the
 * update's content, newest first, each of which can be put back. A restored
 * revision is an edit like any other, saved as a new revision.
 */

/* How much of the body a revision without a headline shows. */
#define EXCERPT_CHARS 80

static char *
dup_revision_time (GDateTime *created_at)
{
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) now = NULL;

  if (created_at == NULL)
    return g_strdup ("");

  local = g_date_time_to_local (created_at);
  now = g_date_time_new_now_local ();

  if (g_date_time_get_year (local) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (now))
    /* Translators: the time a revision was saved today, see strftime(3) */
    return g_date_time_format (local, _("%H:%M"));

  /* Translators: the day and time a revision was saved, see strftime(3) */
  return g_date_time_format (local, _("%e %b %H:%M"));
}

static GtkWidget *
create_revision_row (gpointer item,
                     gpointer user_data)
{
  LivelinePostEditor *self = user_data;
  LivelineRevision *revision = item;
  g_autofree char *time = NULL;
  g_autofree char *title = NULL;
  g_autofree char *excerpt = NULL;
  g_autofree char *current = NULL;
  const char *headline;
  GtkWidget *row;
  GtkWidget *box;
  GtkWidget *labels;
  GtkWidget *title_label;
  GtkWidget *headline_label = NULL;
  GtkWidget *excerpt_label = NULL;

  time = dup_revision_time (liveline_revision_get_created_at (revision));
  /* Translators: %u is the number of a saved version, %s the time it was saved */
  title = g_strdup_printf (_("Revision %u · %s"), liveline_revision_get_number (revision), g_strstrip (time));

  headline = liveline_revision_get_headline (revision);
  excerpt = liveline_markdown_to_excerpt (liveline_revision_get_body (revision), EXCERPT_CHARS);

  /* Something to tell the versions apart by, even an empty one. */
  if ((headline == NULL || headline[0] == '\0') && (excerpt == NULL || excerpt[0] == '\0'))
    {
      g_free (excerpt);
      excerpt = g_strdup (_("Empty"));
    }

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);

  labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_box_append (GTK_BOX (box), labels);

  title_label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (title_label), 0);
  gtk_widget_add_css_class (title_label, "heading");
  gtk_box_append (GTK_BOX (labels), title_label);

  if (headline != NULL && headline[0] != '\0')
    {
      headline_label = gtk_label_new (headline);
      gtk_label_set_xalign (GTK_LABEL (headline_label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (headline_label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (headline_label), 36);
      gtk_box_append (GTK_BOX (labels), headline_label);
    }

  if (excerpt != NULL && excerpt[0] != '\0')
    {
      excerpt_label = gtk_label_new (excerpt);
      gtk_label_set_xalign (GTK_LABEL (excerpt_label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (excerpt_label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (excerpt_label), 36);
      gtk_widget_add_css_class (excerpt_label, "dim-label");
      gtk_box_append (GTK_BOX (labels), excerpt_label);
    }

  if (self->post != NULL)
    current = liveline_post_dup_content_snapshot (self->post);

  /* Restoring what is already there would do nothing. */
  if (g_strcmp0 (current, liveline_revision_get_snapshot (revision)) == 0)
    {
      GtkWidget *label = gtk_label_new (_("Current"));

      gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (box), label);
    }
  else
    {
      GtkWidget *button = gtk_button_new_with_label (_("Restore"));

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "editor.restore-revision");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "u",
                                        liveline_revision_get_number (revision));
      /* Which revision each of the Restore buttons puts back. */
      gtk_accessible_update_relation (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                      title_label,
                                      headline_label != NULL ? headline_label : excerpt_label,
                                      headline_label != NULL ? excerpt_label : NULL,
                                      NULL,
                                      -1);
      gtk_box_append (GTK_BOX (box), button);
    }

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  return row;
}

/* The list is read when it is opened, so it never shows a stale history. */
void
_liveline_post_editor_on_history_show (LivelinePostEditor *self,
                                       GtkPopover         *popover)
{
  g_autoptr(GError) error = NULL;

  g_assert (LIVELINE_IS_POST_EDITOR (self));

  /* A change typed a moment ago belongs in the list. */
  if (self->autosaver != NULL && liveline_autosaver_get_pending (self->autosaver))
    liveline_post_editor_save_now (self, NULL);

  g_clear_object (&self->revisions);

  if (self->store != NULL && self->post != NULL)
    self->revisions = liveline_store_list_revisions (self->store, self->post, &error);

  if (error != NULL)
    g_warning ("Could not list revisions: %s", error->message);

  if (self->revisions == NULL)
    self->revisions = G_LIST_MODEL (g_list_store_new (LIVELINE_TYPE_REVISION));

  gtk_list_box_bind_model (self->history_list, self->revisions, create_revision_row, self, NULL);
}

void
_liveline_post_editor_restore_revision_action (GtkWidget  *widget,
                                               const char *action_name,
                                               GVariant   *parameter)
{
  LivelinePostEditor *self = LIVELINE_POST_EDITOR (widget);
  guint number = g_variant_get_uint32 (parameter);
  guint n_items;

  if (self->post == NULL || self->revisions == NULL)
    return;

  n_items = g_list_model_get_n_items (self->revisions);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(LivelineRevision) revision = g_list_model_get_item (self->revisions, i);
      g_autoptr(GError) error = NULL;
      g_autofree char *message = NULL;

      if (liveline_revision_get_number (revision) != number)
        continue;

      gtk_popover_popdown (self->history_popover);

      if (!liveline_post_apply_content_snapshot (self->post,
                                                 liveline_revision_get_snapshot (revision),
                                                 &error))
        {
          /* Translators: %u is the number of a saved version, %s says why */
          message = g_strdup_printf (_("Revision %u could not be restored: %s"), number, error->message);
          _liveline_post_editor_show_toast (self, message);
          return;
        }

      /* Translators: %u is the number of a saved version */
      message = g_strdup_printf (_("Revision %u restored"), number);
      _liveline_post_editor_show_toast (self, message);
      return;
    }
}
