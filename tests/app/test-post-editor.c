/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-post-editor"

#include "config.h"

#include <gtksourceview/gtksource.h>

#include "liveline-test-editor.h"
#include "liveline-test-util.h"
#include "liveline-test-widgets.h"

/* The post editor, driven through its real widgets in a real window, with
 * a real store underneath: what is typed must reach SQLite, at once when
 * another post is opened, and undo must know what was typed from what was
 * opened. The photo, the preview, the revisions and publishing have
 * programs of their own beside this one.
 */

static void
test_typing_is_saved (void)
{
  g_autoptr(LivelinePost) post = liveline_test_editor_create_post ();
  g_autoptr(LivelinePost) other = liveline_test_editor_create_post ();
  LivelineTestEditor *harness = liveline_test_editor_new (post);
  LivelineTestLabelQuery count = { GTK_WIDGET (harness->editor), "Body: 28 characters" };
  GtkWidget *pin;

  GtkWidget *focus;

  liveline_post_editor_grab_headline (harness->editor);
  focus = gtk_root_get_focus (GTK_ROOT (harness->window));
  g_assert_nonnull (focus);
  g_assert_true (focus == GTK_WIDGET (liveline_test_editor_headline (harness)) ||
                 gtk_widget_is_ancestor (focus,
                                         GTK_WIDGET (liveline_test_editor_headline (harness))));

  gtk_editable_set_text (liveline_test_editor_headline (harness), "Ceasefire holds");
  liveline_test_editor_type_into_body (harness, "Shelling **stopped** at dawn");

  /* The post follows at once; the count too. */
  g_assert_cmpstr (liveline_post_get_headline (post), ==, "Ceasefire holds");
  g_assert_cmpstr (liveline_post_get_body (post), ==, "Shelling **stopped** at dawn");
  g_assert_true (liveline_test_wait_for (liveline_test_label_is_shown, &count, 1000));

  liveline_test_assert_stored_soon (post, HEADLINE_SQL, "Ceasefire holds");
  liveline_test_assert_stored_now (post, BODY_SQL, "Shelling **stopped** at dawn");

  /* The pin is a toggle in the toolbar. */
  pin = liveline_test_find_widget (GTK_WIDGET (harness->editor), GTK_TYPE_TOGGLE_BUTTON,
                         "tooltip-text", "Keep this update at the top of the live page");
  g_assert_nonnull (pin);
  g_signal_emit_by_name (pin, "clicked");
  g_assert_true (liveline_post_get_pinned (post));
  liveline_test_assert_stored_soon (post, PINNED_SQL, "1");

  /* Opening another post saves what was typed a moment before, at once. */
  liveline_test_editor_type_into_body (harness, ", officials say.");
  liveline_post_editor_set_post (harness->editor, other);
  liveline_test_assert_stored_now (post, BODY_SQL, "Shelling **stopped** at dawn, officials say.");
  g_assert_cmpstr (gtk_editable_get_text (liveline_test_editor_headline (harness)), ==, "");
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (pin)));

  /* And so does closing the window. */
  gtk_editable_set_text (liveline_test_editor_headline (harness), "Aid convoy reaches the city");
  liveline_test_editor_free (harness);
  liveline_test_assert_stored_now (other, HEADLINE_SQL, "Aid convoy reaches the city");
}

static void
test_nothing_to_edit_without_a_post (void)
{
  LivelineTestEditor *harness = liveline_test_editor_new (NULL);
  g_autoptr(LivelinePost) post = liveline_test_editor_create_post ();

  GtkWidget *preview_button = liveline_test_find_widget (GTK_WIDGET (harness->editor), GTK_TYPE_TOGGLE_BUTTON,
                                               "label", "Pre_view");

  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (liveline_test_editor_headline (harness))));
  g_assert_false (gtk_widget_is_sensitive (preview_button));

  liveline_post_editor_set_post (harness->editor, post);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (liveline_test_editor_headline (harness))));

  liveline_post_editor_set_post (harness->editor, NULL);
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (liveline_test_editor_headline (harness))));
  g_assert_false (liveline_post_editor_has_blocking_checks (harness->editor));

  liveline_test_editor_free (harness);
}

static void
test_undo_in_the_body (void)
{
  g_autoptr(LivelinePost) post = liveline_test_editor_create_post ();
  LivelineStore *store = liveline_test_editor_get_store ();
  g_autoptr(GError) error = NULL;
  GtkTextBuffer *buffer;
  GtkWidget *view;
  LivelineTestEditor *harness;
  g_autofree char *text = NULL;

  liveline_post_set_body (post, "Polls close at 8 pm");
  g_assert_true (liveline_store_save_post (store, post, &error));
  g_assert_no_error (error);

  harness = liveline_test_editor_new (post);
  buffer = liveline_test_editor_body_buffer (harness);
  view = liveline_test_find_widget (GTK_WIDGET (harness->editor), GTK_SOURCE_TYPE_VIEW, NULL, NULL);

  /* Opening the post put its text there; that is not an edit to undo. */
  text = liveline_test_editor_dup_body_text (harness);
  g_assert_cmpstr (text, ==, "Polls close at 8 pm");
  g_assert_false (gtk_text_buffer_get_can_undo (buffer));

  liveline_test_editor_type_into_body (harness, " local time.");
  g_assert_cmpstr (liveline_post_get_body (post), ==, "Polls close at 8 pm local time.");
  g_assert_true (gtk_text_buffer_get_can_undo (buffer));

  /* Ctrl+Z runs this action. */
  g_assert_true (gtk_widget_activate_action (view, "text.undo", NULL));
  g_clear_pointer (&text, g_free);
  text = liveline_test_editor_dup_body_text (harness);
  g_assert_cmpstr (text, ==, "Polls close at 8 pm");
  g_assert_cmpstr (liveline_post_get_body (post), ==, "Polls close at 8 pm");
  g_assert_false (gtk_text_buffer_get_can_undo (buffer));

  g_assert_true (gtk_widget_activate_action (view, "text.redo", NULL));
  g_assert_cmpstr (liveline_post_get_body (post), ==, "Polls close at 8 pm local time.");
  liveline_test_assert_stored_soon (post, BODY_SQL, "Polls close at 8 pm local time.");

  /* Text put in from elsewhere, as a restored revision, can be undone. */
  liveline_post_set_body (post, "Polls have closed");
  g_clear_pointer (&text, g_free);
  text = liveline_test_editor_dup_body_text (harness);
  g_assert_cmpstr (text, ==, "Polls have closed");
  gtk_text_buffer_undo (buffer);
  g_assert_cmpstr (liveline_post_get_body (post), ==, "Polls close at 8 pm local time.");

  liveline_test_editor_free (harness);
}

int
main (int   argc,
      char *argv[])
{
  liveline_test_editor_init (&argc, &argv);

  g_test_add_func ("/post-editor/typing-is-saved", test_typing_is_saved);
  g_test_add_func ("/post-editor/nothing-to-edit-without-a-post", test_nothing_to_edit_without_a_post);
  g_test_add_func ("/post-editor/undo", test_undo_in_the_body);

  return liveline_test_editor_run ();
}
