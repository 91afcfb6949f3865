/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-post-editor"

#include "config.h"

#include "liveline-test-app.h"
#include "liveline-test-editor.h"
#include "liveline-test-util.h"
#include "liveline-test-widgets.h"

/* The post editor's photo, driven through its real widgets: attaching one,
 * its caption, credit and alt text reaching the store, the checks that a
 * photo brings, the credits offered again, and a file that is no photo.
 */

static void
test_photo_and_its_details (void)
{
  g_autoptr(LivelinePost) post = liveline_test_editor_create_post ();
  g_autoptr(LivelinePost) next = liveline_test_editor_create_post ();
  LivelineTestEditor *harness = liveline_test_editor_new (post);
  LivelineTestLabelQuery credit_check = { GTK_WIDGET (harness->editor),
                                          "Add a credit for the photo" };
  LivelineTestLabelQuery alt_check = { GTK_WIDGET (harness->editor),
                                       "Describe the photo for people who cannot see it" };
  LivelineTestLabelQuery empty_check = { GTK_WIDGET (harness->editor), "This update is empty" };
  LivelineTestLabelQuery suggestion = { NULL, "Reuters" };
  GtkWidget *picture;
  GtkWidget *credit_button;
  GtkWidget *label;
  GtkWidget *row;

  /* An empty update cannot be published, and the editor says so. */
  g_assert_true (liveline_test_wait_for (liveline_test_label_is_shown, &empty_check, 2000));
  g_assert_true (liveline_post_editor_has_blocking_checks (harness->editor));

  /* Before a photo there is nothing to caption. */
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (liveline_test_editor_photo_row (harness,
                                                                                     "Credit"))));
  g_assert_nonnull (liveline_test_find_shown_label (GTK_WIDGET (harness->editor),
                                      "Drop a photo here, paste one, or choose a file"));

  liveline_test_editor_attach_photo (harness, post, "delegates.png");

  picture = liveline_test_find_widget (GTK_WIDGET (liveline_test_editor_image_field (harness)),
                                       GTK_TYPE_PICTURE, NULL, NULL);
  g_assert_true (liveline_test_wait_for (liveline_test_widget_is_mapped, picture, 2000));
  g_assert_nonnull (gtk_picture_get_paintable (GTK_PICTURE (picture)));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (liveline_test_editor_photo_row (harness,
                                                                                    "Credit"))));
  {
    g_autofree char *stored_name = g_path_get_basename (liveline_post_get_image_path (post));

    liveline_test_assert_stored_soon (post, MEDIA_SQL, stored_name);
  }

  /* A photo without a credit cannot be published. */
  g_assert_true (liveline_test_wait_for (liveline_test_label_is_shown, &credit_check, 2000));
  g_assert_true (liveline_test_wait_for (liveline_test_label_is_shown, &alt_check, 2000));
  g_assert_true (liveline_test_wait_for (liveline_test_label_is_gone, &empty_check, 2000));
  g_assert_true (liveline_post_editor_has_blocking_checks (harness->editor));

  gtk_editable_set_text (liveline_test_editor_photo_row (harness, "Caption"),
                         "Delegates arrive in Geneva");
  gtk_editable_set_text (liveline_test_editor_photo_row (harness, "Credit"), "Reuters");
  g_assert_false (liveline_post_editor_has_blocking_checks (harness->editor));
  g_assert_true (liveline_test_wait_for (liveline_test_label_is_gone, &credit_check, 2000));
  g_assert_true (liveline_test_find_shown_label (GTK_WIDGET (harness->editor),
                                                 alt_check.text) != NULL);

  gtk_editable_set_text (liveline_test_editor_photo_row (harness, "Alt text (describe the photo)"),
                         "Men in dark suits walk past a row of flags");
  g_assert_true (liveline_test_wait_for (liveline_test_label_is_gone, &alt_check, 2000));

  liveline_test_assert_stored_soon (post, CAPTION_SQL, "Delegates arrive in Geneva");
  liveline_test_assert_stored_now (post, CREDIT_SQL, "Reuters");
  liveline_test_assert_stored_now (post, ALT_SQL, "Men in dark suits walk past a row of flags");

  /* The next photo's credit is offered what was used before. */
  liveline_post_editor_set_post (harness->editor, next);
  liveline_test_editor_attach_photo (harness, next, "convoy.png");
  g_assert_cmpstr (gtk_editable_get_text (liveline_test_editor_photo_row (harness, "Credit")),
                   ==, "");

  credit_button = liveline_test_find_widget (GTK_WIDGET (harness->editor), GTK_TYPE_MENU_BUTTON,
                                   "tooltip-text", "Credits used before");
  g_assert_nonnull (credit_button);
  gtk_menu_button_popup (GTK_MENU_BUTTON (credit_button));
  suggestion.root = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (credit_button)));
  g_assert_true (liveline_test_wait_for (liveline_test_label_is_shown, &suggestion, 2000));

  label = liveline_test_find_shown_label (suggestion.root, "Reuters");
  row = gtk_widget_get_ancestor (label, GTK_TYPE_LIST_BOX_ROW);
  g_signal_emit_by_name (row, "activate");
  g_assert_cmpstr (gtk_editable_get_text (liveline_test_editor_photo_row (harness, "Credit")),
                   ==, "Reuters");
  liveline_test_assert_stored_soon (next, CREDIT_SQL, "Reuters");

  /* Removing the photo takes its details with it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (harness->editor), "editor.remove-photo", NULL));
  g_assert_false (liveline_post_has_image (next));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (liveline_test_editor_photo_row (harness,
                                                                                     "Credit"))));
  liveline_test_assert_stored_soon (next, MEDIA_SQL, NULL);

  liveline_test_editor_free (harness);
}

static void
test_bad_file_is_refused_in_words (void)
{
  g_autoptr(LivelinePost) post = liveline_test_editor_create_post ();
  g_autofree char *path = g_build_filename (liveline_test_editor_get_data_dir (), "notes.jpg",
                                            NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  LivelineTestEditor *harness = liveline_test_editor_new (post);
  LivelineImageField *field = liveline_test_editor_image_field (harness);
  GtkWidget *error_label;

  g_assert_true (g_file_set_contents (path, "Call the embassy back at 3 pm.\n", -1, NULL));

  liveline_image_field_attach_file (field, file);
  g_assert_true (liveline_test_wait_for (liveline_test_image_field_is_idle, field, 20000));

  g_assert_nonnull (liveline_image_field_get_error (field));
  error_label = liveline_test_find_widget (GTK_WIDGET (field), GTK_TYPE_LABEL,
                                 "label", liveline_image_field_get_error (field));
  g_assert_nonnull (error_label);
  g_assert_true (gtk_widget_get_mapped (error_label));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "photo"));

  g_assert_false (liveline_post_has_image (post));
  g_assert_nonnull (liveline_test_find_shown_label (GTK_WIDGET (field),
                                      "Drop a photo here, paste one, or choose a file"));
  liveline_post_editor_save_now (harness->editor, NULL);
  liveline_test_assert_stored_now (post, MEDIA_SQL, NULL);

  /* A good photo afterwards clears the complaint. */
  liveline_test_editor_attach_photo (harness, post, "after.png");
  g_assert_false (gtk_widget_get_mapped (error_label));

  liveline_test_editor_free (harness);
}

int
main (int   argc,
      char *argv[])
{
  liveline_test_editor_init (&argc, &argv);

  g_test_add_func ("/post-editor/photo-and-its-details", test_photo_and_its_details);
  g_test_add_func ("/post-editor/bad-file-is-refused-in-words", test_bad_file_is_refused_in_words);

  return liveline_test_editor_run ();
}
