/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-post-editor"

#include "config.h"

#include "liveline-test-editor.h"
#include "liveline-test-util.h"
#include "liveline-test-widgets.h"

/* The post editor's revision history: each save is a revision, listed
 * newest first, and an older one can be restored.
 */

static void
test_revisions_can_be_restored (void)
{
  g_autoptr(LivelinePost) post = liveline_test_editor_create_post ();
  LivelineTestEditor *harness = liveline_test_editor_new (post);
  LivelineTestLabelQuery saved_toast = { GTK_WIDGET (harness->window), "Saved" };
  LivelineTestLabelQuery first = { NULL, "Evacuation ordered" };
  LivelineTestLabelQuery second = { NULL, "Evacuation postponed" };
  GtkWidget *history_button;
  GtkWidget *popover;
  GtkWidget *first_label;
  GtkWidget *first_row;
  GtkWidget *restore;
  GtkWidget *current;
  guint n_rows = 0;

  gtk_editable_set_text (liveline_test_editor_headline (harness), "Evacuation ordered");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (harness->editor), "editor.save", NULL));
  g_assert_true (liveline_test_wait_for (liveline_test_label_is_shown, &saved_toast, 2000));
  liveline_test_assert_stored_now (post, HEADLINE_SQL, "Evacuation ordered");

  gtk_editable_set_text (liveline_test_editor_headline (harness), "Evacuation postponed");
  g_assert_true (liveline_post_editor_save_now (harness->editor, NULL));

  history_button = liveline_test_find_widget (GTK_WIDGET (harness->editor), GTK_TYPE_MENU_BUTTON,
                                    "tooltip-text", "Revision history");
  g_assert_nonnull (history_button);
  gtk_menu_button_popup (GTK_MENU_BUTTON (history_button));
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (history_button)));
  first.root = second.root = popover;
  g_assert_true (liveline_test_wait_for (liveline_test_label_is_shown, &first, 2000));
  g_assert_true (liveline_test_wait_for (liveline_test_label_is_shown, &second, 2000));

  /* Newest first, numbered, with the time. */
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (liveline_test_find_widget (popover, GTK_TYPE_LIST_BOX, NULL, NULL)));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row))
      {
        g_assert_nonnull (liveline_test_find_shown_label_with_prefix (row, "Revision "));
        if (n_rows == 0)
          g_assert_nonnull (liveline_test_find_shown_label (row, "Evacuation postponed"));
        n_rows++;
      }
  g_assert_cmpuint (n_rows, ==, 2);

  /* What is there now cannot be restored; the older one can. */
  current = liveline_test_find_shown_label (popover, "Current");
  g_assert_nonnull (current);
  g_assert_true (gtk_widget_get_ancestor (current, GTK_TYPE_LIST_BOX_ROW) ==
                 gtk_widget_get_ancestor (liveline_test_find_shown_label (popover,
                                                                          "Evacuation postponed"),
                                          GTK_TYPE_LIST_BOX_ROW));

  first_label = liveline_test_find_shown_label (popover, "Evacuation ordered");
  first_row = gtk_widget_get_ancestor (first_label, GTK_TYPE_LIST_BOX_ROW);
  restore = liveline_test_find_widget (first_row, GTK_TYPE_BUTTON, "label", "Restore");
  g_assert_nonnull (restore);
  g_signal_emit_by_name (restore, "clicked");

  g_assert_cmpstr (gtk_editable_get_text (liveline_test_editor_headline (harness)), ==,
                   "Evacuation ordered");
  liveline_test_assert_stored_soon (post, HEADLINE_SQL, "Evacuation ordered");
  g_assert_cmpuint (liveline_post_get_revision (post), ==, 3);

  liveline_test_editor_free (harness);
}

int
main (int   argc,
      char *argv[])
{
  liveline_test_editor_init (&argc, &argv);

  g_test_add_func ("/post-editor/revisions", test_revisions_can_be_restored);

  return liveline_test_editor_run ();
}
