/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-post-editor"

#include "config.h"

#include "liveline-test-editor.h"
#include "liveline-test-util.h"
#include "liveline-test-widgets.h"

/* Publishing from the post editor, with the outbox of a real store
 * underneath.
 */

static gboolean
dialog_is_shown (gpointer user_data)
{
  GtkWindow *dialog = liveline_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

  if (dialog == NULL)
    return FALSE;

  *(gpointer *)user_data = dialog;
  return TRUE;
}

/* Publish queues the update, unless a check says it cannot go; Retract
 * asks first, and withdraws an update that never left.
 */
static void
test_publish_and_retract (void)
{
  g_autoptr(LivelinePost) post = liveline_test_editor_create_post ();
  LivelineStore *store = liveline_test_editor_get_store ();
  LivelineTestEditor *harness = liveline_test_editor_new (post);
  GtkWidget *root = GTK_WIDGET (harness->window);
  LivelineTestLabelQuery refused = { root, "Not published: This update is empty" };
  LivelineTestLabelQuery queued = { root, "Update queued" };
  LivelineTestLabelQuery withdrawn = { root, "Withdrawn before it was sent" };
  gpointer dialog = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (harness->editor), "editor.publish", NULL));
  g_assert_true (liveline_test_wait_for (liveline_test_label_is_shown, &refused, 5000));
  g_assert_cmpint (liveline_post_get_state (post), ==, LIVELINE_POST_STATE_DRAFT);
  g_assert_cmpuint (liveline_store_count_waiting (store), ==, 0);
  g_assert_null (liveline_test_find_widget (GTK_WIDGET (harness->editor), GTK_TYPE_BUTTON,
                                            "label", "Publish _correction"));

  gtk_editable_set_text (GTK_EDITABLE (liveline_test_editor_headline (harness)),
                         "Ministers arrive on Friday");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (harness->editor), "editor.publish", NULL));
  g_assert_true (liveline_test_wait_for (liveline_test_label_is_shown, &queued, 5000));
  g_assert_cmpint (liveline_post_get_state (post), ==, LIVELINE_POST_STATE_QUEUED);
  g_assert_cmpuint (liveline_store_count_waiting (store), ==, 1);
  liveline_test_assert_stored_now (post, "SELECT headline FROM posts WHERE id = ?",
                                   "Ministers arrive on Friday");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (harness->editor), "editor.retract", NULL));
  g_assert_true (liveline_test_wait_for (dialog_is_shown, &dialog, 5000));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "retract");
  g_assert_true (liveline_test_wait_for (liveline_test_label_is_shown, &withdrawn, 5000));
  g_assert_cmpint (liveline_post_get_state (post), ==, LIVELINE_POST_STATE_DRAFT);
  g_assert_cmpuint (liveline_store_count_waiting (store), ==, 0);

  liveline_test_editor_free (harness);
}

int
main (int   argc,
      char *argv[])
{
  liveline_test_editor_init (&argc, &argv);

  g_test_add_func ("/post-editor/publish-and-retract", test_publish_and_retract);

  return liveline_test_editor_run ();
}
