/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-test"

#include "config.h"

#include <gtksourceview/gtksource.h>

#include "liveline-blog-switcher.h"
#include "liveline-image-field.h"
#include "liveline-post-editor.h"
#include "liveline-test-app.h"
#include "liveline-test-util.h"
#include "liveline-test-widgets.h"

/* Driving Liveline's own window as a journalist would, for the display
 * tests: finding what the window shows, pressing its buttons, writing an
 * update, and capturing the screen for the documentation.
 */

/**
 * liveline_test_find:
 * @root: where to look
 * @type: the widget's type
 * @property: (nullable): a string property to match
 * @value: what it must hold
 *
 * Like liveline_test_find_widget(), but the test fails when there is none.
 *
 * Returns: (transfer none): the widget
 */
GtkWidget *
liveline_test_find (GtkWidget  *root,
                    GType       type,
                    const char *property,
                    const char *value)
{
  GtkWidget *widget = liveline_test_find_widget (root, type, property, value);

  if (widget == NULL)
    g_error ("No %s with %s “%s”", g_type_name (type), property, value);

  return widget;
}

GtkEditable *
liveline_test_find_entry_row (GtkWidget  *root,
                              const char *title)
{
  return GTK_EDITABLE (liveline_test_find (root, ADW_TYPE_ENTRY_ROW, "title", title));
}

/**
 * liveline_test_click:
 * @root: where the button is
 * @label: the button's label, mnemonic included
 *
 * Clicks a button that must be there and sensitive.
 */
void
liveline_test_click (GtkWidget  *root,
                     const char *label)
{
  GtkWidget *button = liveline_test_find (root, GTK_TYPE_BUTTON, "label", label);

  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
} LabelQuery;

static gboolean
label_is_shown (gpointer user_data)
{
  LabelQuery *query = user_data;
  GtkWidget *label = liveline_test_find_widget (query->root, GTK_TYPE_LABEL, "label", query->text);

  return label != NULL && gtk_widget_get_mapped (label);
}

/**
 * liveline_test_wait_for_label:
 * @root: where the label is to show
 * @text: what it says
 *
 * Waits up to 20 seconds for a label to be on screen; the test fails
 * after that.
 */
void
liveline_test_wait_for_label (GtkWidget  *root,
                              const char *text)
{
  LabelQuery query = { root, text };

  if (!liveline_test_wait_for (label_is_shown, &query, 20000))
    g_error ("“%s” never showed", text);
}

/**
 * liveline_test_take_screenshot:
 * @window: the window to capture, at the top left of the screen
 * @name: the image's name, without `.png`
 *
 * With LIVELINE_SCREENSHOT_DIR set (build-aux/walkthrough sets it), the X
 * screen is captured where @window is, once what changed has been drawn.
 * Without it, nothing happens.
 */
void
liveline_test_take_screenshot (GtkWidget  *window,
                               const char *name)
{
  const char *dir = g_getenv ("LIVELINE_SCREENSHOT_DIR");
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *geometry = NULL;
  g_autoptr(GError) error = NULL;
  int wait_status;

  if (dir == NULL)
    return;

  liveline_test_run_for (800);
  file = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file, NULL);
  geometry = g_strdup_printf ("%dx%d+0+0", gtk_widget_get_width (window),
                              gtk_widget_get_height (window));
  g_spawn_sync (NULL, (char *[]) { (char *)"import", (char *)"-window", (char *)"root",
                                   (char *)"-crop", geometry, path, NULL },
                NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
}

/**
 * liveline_test_write_update:
 * @editor: the post editor
 * @headline: the headline to type
 * @body: the Markdown body
 *
 * Fills the update open in the editor.
 */
void
liveline_test_write_update (GtkWidget  *editor,
                            const char *headline,
                            const char *body)
{
  GtkWidget *view = liveline_test_find (editor, GTK_SOURCE_TYPE_VIEW, NULL, NULL);
  GtkWidget *entry = liveline_test_find (editor, GTK_TYPE_ENTRY,
                                         "placeholder-text", "Headline (optional)");

  gtk_editable_set_text (GTK_EDITABLE (entry), headline);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), body, -1);
}

/**
 * liveline_test_image_field_is_idle:
 * @user_data: a #LivelineImageField
 *
 * A #LivelineTestCondition: whether the field is done with a photo.
 */
gboolean
liveline_test_image_field_is_idle (gpointer user_data)
{
  return !liveline_image_field_get_busy (LIVELINE_IMAGE_FIELD (user_data));
}

/**
 * liveline_test_add_photo:
 * @editor: the post editor
 * @dir: a folder to write the photo in
 * @caption: its caption
 * @credit: its credit
 * @alt: its alt text
 *
 * Attaches a new red photo to the update open in the editor, with all it
 * needs to be published.
 */
void
liveline_test_add_photo (GtkWidget  *editor,
                         const char *dir,
                         const char *caption,
                         const char *credit,
                         const char *alt)
{
  GtkWidget *field = liveline_test_find (editor, LIVELINE_TYPE_IMAGE_FIELD, NULL, NULL);
  g_autoptr(GFile) photo = liveline_test_make_photo (dir, "photo.png", 0xc01c28ff);

  liveline_image_field_attach_file (LIVELINE_IMAGE_FIELD (field), photo);
  g_assert_true (liveline_test_wait_for (liveline_test_image_field_is_idle, field, 20000));
  g_assert_null (liveline_image_field_get_error (LIVELINE_IMAGE_FIELD (field)));
  gtk_editable_set_text (liveline_test_find_entry_row (editor, "Caption"), caption);
  gtk_editable_set_text (liveline_test_find_entry_row (editor, "Credit"), credit);
  gtk_editable_set_text (liveline_test_find_entry_row (editor, "Alt text (describe the photo)"), alt);
  g_assert_false (liveline_post_editor_has_blocking_checks (LIVELINE_POST_EDITOR (editor)));
}

/**
 * liveline_test_open_window_on_new_blog:
 * @application: the application, registered
 * @name: the new live blog's name
 * @blog: (out) (transfer none): the new live blog
 *
 * Opens a window on a new live blog, as after "New Live Blog…".
 *
 * Returns: (transfer none): the window, on screen
 */
LivelineWindow *
liveline_test_open_window_on_new_blog (LivelineApplication  *application,
                                       const char           *name,
                                       LivelineBlog        **blog)
{
  LivelineStore *store = liveline_session_get_store (liveline_application_get_session (application));
  LivelineWindow *window = liveline_window_new (application);
  GtkWidget *switcher = liveline_window_get_blog_switcher (window);
  g_autoptr(GError) error = NULL;

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (liveline_test_wait_for (liveline_test_widget_is_mapped, window, 10000));
  *blog = liveline_store_create_blog (store, name, &error);
  g_assert_no_error (error);
  liveline_blog_switcher_set_blog (LIVELINE_BLOG_SWITCHER (switcher), *blog);

  return window;
}

/**
 * liveline_test_capture_page:
 * @url: a web page
 * @name: the image's name, without `.png`
 *
 * With LIVELINE_SCREENSHOT_DIR set, has a headless Chromium capture @url
 * there, as a reader's browser shows it. Without it, nothing happens.
 */
void
liveline_test_capture_page (const char *url,
                            const char *name)
{
  const char *dir = g_getenv ("LIVELINE_SCREENSHOT_DIR");
  g_autofree char *file = NULL;
  g_autofree char *option = NULL;
  g_autoptr(GError) error = NULL;
  int wait_status;

  if (dir == NULL)
    return;

  file = g_strdup_printf ("%s/%s.png", dir, name);
  option = g_strconcat ("--screenshot=", file, NULL);
  g_spawn_sync (NULL, (char *[]) { (char *)"chromium", (char *)"--headless", (char *)"--no-sandbox",
                                   (char *)"--disable-gpu", (char *)"--hide-scrollbars",
                                   (char *)"--window-size=1200,1900", option, (char *)url, NULL },
                NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
}
