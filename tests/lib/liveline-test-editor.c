/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-test"

#include "config.h"

#include <sqlite3.h>
#include <gtksourceview/gtksource.h>

#include "liveline-blog.h"
#include "liveline-test-app.h"
#include "liveline-test-editor.h"
#include "liveline-test-util.h"
#include "liveline-test-widgets.h"

/* The post editor alone in a window, over a real store, for the programs
 * that test it: each opens the store once, then gives every test a window
 * of its own and reads what reached SQLite back through a connection of
 * the test's own.
 */

static char *home;
static char *data_dir;
static LivelineStore *store;
static LivelineBlog *blog;

/**
 * liveline_test_editor_init:
 * @argc: the program's argument count
 * @argv: the program's arguments
 *
 * Starts GTK and libadwaita for the tests, in a home of their own, and
 * opens a store there with one live blog for their posts.
 */
void
liveline_test_editor_init (int    *argc,
                           char ***argv)
{
  g_autoptr(GError) error = NULL;

  home = liveline_test_make_home ();

  gtk_test_init (argc, argv, NULL);
  adw_init ();

  data_dir = g_build_filename (home, "data", "liveline", NULL);
  store = liveline_store_open (data_dir, &error);
  g_assert_no_error (error);
  blog = liveline_store_create_blog (store, "Syria talks", &error);
  g_assert_no_error (error);
}

/**
 * liveline_test_editor_run:
 *
 * Runs the tests added since liveline_test_editor_init(), then closes the
 * store and removes the home.
 *
 * Returns: what g_test_run() returned
 */
int
liveline_test_editor_run (void)
{
  int status = g_test_run ();

  blog = NULL;
  g_clear_object (&store);
  liveline_test_remove_tree (home);
  g_clear_pointer (&home, g_free);
  g_clear_pointer (&data_dir, g_free);

  return status;
}

LivelineStore *
liveline_test_editor_get_store (void)
{
  return store;
}

/* Where the store keeps its files, and where tests may write their own. */
const char *
liveline_test_editor_get_data_dir (void)
{
  return data_dir;
}

LivelinePost *
liveline_test_editor_create_post (void)
{
  g_autoptr(GError) error = NULL;
  LivelinePost *post = liveline_store_create_post (store, blog, &error);

  g_assert_no_error (error);
  g_assert_nonnull (post);

  return post;
}

/**
 * liveline_test_editor_new:
 * @post: (nullable): the update to open
 *
 * Opens an editor on @post, under a toast overlay as in the main window,
 * and waits for it to be on screen.
 *
 * Returns: (transfer full): the editor and its window; close them with
 *   liveline_test_editor_free()
 */
LivelineTestEditor *
liveline_test_editor_new (LivelinePost *post)
{
  LivelineTestEditor *harness = g_new0 (LivelineTestEditor, 1);
  GtkWidget *overlay = adw_toast_overlay_new ();

  harness->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (harness->window, 900, 800);

  harness->editor = liveline_post_editor_new ();
  liveline_post_editor_set_store (harness->editor, store);
  liveline_post_editor_set_post (harness->editor, post);

  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (harness->editor));
  gtk_window_set_child (harness->window, overlay);
  gtk_window_present (harness->window);
  g_assert_true (liveline_test_wait_for (liveline_test_widget_is_mapped, harness->editor, 10000));

  return harness;
}

/* Closes the window, and waits for the editor to be gone, so that what it
 * saves as it goes is in the store.
 */
void
liveline_test_editor_free (LivelineTestEditor *harness)
{
  gpointer editor = harness->editor;

  g_object_add_weak_pointer (G_OBJECT (editor), &editor);
  gtk_window_destroy (harness->window);
  g_assert_true (liveline_test_wait_for (liveline_test_pointer_is_null, &editor, 10000));
  g_free (harness);
}

GtkEditable *
liveline_test_editor_headline (LivelineTestEditor *harness)
{
  return GTK_EDITABLE (liveline_test_find (GTK_WIDGET (harness->editor), GTK_TYPE_ENTRY,
                                           "placeholder-text", "Headline (optional)"));
}

GtkTextBuffer *
liveline_test_editor_body_buffer (LivelineTestEditor *harness)
{
  GtkWidget *view = liveline_test_find (GTK_WIDGET (harness->editor), GTK_SOURCE_TYPE_VIEW,
                                        NULL, NULL);

  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
}

LivelineImageField *
liveline_test_editor_image_field (LivelineTestEditor *harness)
{
  return LIVELINE_IMAGE_FIELD (liveline_test_find (GTK_WIDGET (harness->editor),
                                                   LIVELINE_TYPE_IMAGE_FIELD, NULL, NULL));
}

/* One of the photo's details: "Caption", "Credit" … */
GtkEditable *
liveline_test_editor_photo_row (LivelineTestEditor *harness,
                                const char         *title)
{
  return liveline_test_find_entry_row (GTK_WIDGET (harness->editor), title);
}

/* Typing at the end of the body, as the keyboard would. */
void
liveline_test_editor_type_into_body (LivelineTestEditor *harness,
                                     const char         *text)
{
  GtkTextBuffer *buffer = liveline_test_editor_body_buffer (harness);
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
  gtk_text_buffer_begin_user_action (buffer);
  g_assert_true (gtk_text_buffer_insert_interactive_at_cursor (buffer, text, -1, TRUE));
  gtk_text_buffer_end_user_action (buffer);
}

char *
liveline_test_editor_dup_body_text (LivelineTestEditor *harness)
{
  GtkTextBuffer *buffer = liveline_test_editor_body_buffer (harness);
  GtkTextIter start;
  GtkTextIter end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/**
 * liveline_test_editor_attach_photo:
 * @harness: the editor
 * @post: the update open in it
 * @name: the photo's file name, ending in `.png`
 *
 * Attaches a new blue photo to @post through the image field, and waits
 * until it is done with it.
 */
void
liveline_test_editor_attach_photo (LivelineTestEditor *harness,
                                   LivelinePost       *post,
                                   const char         *name)
{
  g_autoptr(GFile) photo = liveline_test_make_photo (data_dir, name, 0x3465a4ff);
  LivelineImageField *field = liveline_test_editor_image_field (harness);

  liveline_image_field_attach_file (field, photo);
  g_assert_true (liveline_image_field_get_busy (field));
  g_assert_true (liveline_test_wait_for (liveline_test_image_field_is_idle, field, 20000));

  g_assert_null (liveline_image_field_get_error (field));
  g_assert_true (liveline_post_has_image (post));
}

/* Reading what is on disk, through a connection of the test's own */

static char *
dup_stored (const char *sql,
            gint64      post_id)
{
  g_autofree char *path = g_build_filename (data_dir, "liveline.db", NULL);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, post_id);

  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    value = g_strdup ((const char *)sqlite3_column_text (stmt, 0));

  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

typedef struct
{
  const char *sql;
  gint64      post_id;
  const char *expected;
} StoredQuery;

static gboolean
stored_is (gpointer user_data)
{
  StoredQuery *query = user_data;
  g_autofree char *value = dup_stored (query->sql, query->post_id);

  return g_strcmp0 (value, query->expected) == 0;
}

/* Within a second of the last keystroke, with the autosave's own half
 * second and room for a slow machine.
 */
#define SAVE_WAIT_MS 1500

/**
 * liveline_test_assert_stored_soon:
 * @post: a post in the store
 * @sql: a query of one column, with the post's id as its one parameter
 * @expected: (nullable): what it must give, %NULL for no value
 *
 * Fails the test unless @sql gives @expected within SAVE_WAIT_MS, as it
 * does after the autosave.
 */
void
liveline_test_assert_stored_soon (LivelinePost *post,
                                  const char   *sql,
                                  const char   *expected)
{
  StoredQuery query = { sql, liveline_post_get_id (post), expected };

  if (!liveline_test_wait_for (stored_is, &query, SAVE_WAIT_MS))
    {
      g_autofree char *value = dup_stored (sql, liveline_post_get_id (post));

      g_error ("%s gave “%s” after %u ms, not “%s”", sql, value, SAVE_WAIT_MS, expected);
    }
}

/* Like liveline_test_assert_stored_soon(), but without waiting. */
void
liveline_test_assert_stored_now (LivelinePost *post,
                                 const char   *sql,
                                 const char   *expected)
{
  g_autofree char *value = dup_stored (sql, liveline_post_get_id (post));

  g_assert_cmpstr (value, ==, expected);
}
