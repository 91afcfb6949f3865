/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-post-editor"

#include "config.h"

#include <sqlite3.h>
#include <gtksourceview/gtksource.h>

#include "liveline-blog.h"
#include "liveline-image-field.h"
#include "liveline-post-editor.h"
#include "liveline-post-preview.h"
#include "liveline-post.h"
#include "liveline-store.h"
#include "liveline-test-util.h"
#include "liveline-test-widgets.h"

/* The post editor, driven through its real widgets in a real window, with
 * a real store underneath: what is typed must reach SQLite, what is wrong
 * must be said, and what the preview shows must be what readers will read.
 */

static char *data_dir;
static LivelineStore *store;
static LivelineBlog *blog;

typedef struct
{
  GtkWindow          *window;
  LivelinePostEditor *editor;
} Harness;

/* A label with @text that is on screen now. */
static GtkWidget *
find_shown_label (GtkWidget  *widget,
                  const char *text)
{
  if (!gtk_widget_get_mapped (widget))
    return NULL;

  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_shown_label (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
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

  return find_shown_label (query->root, query->text) != NULL;
}

static gboolean
label_is_gone (gpointer user_data)
{
  return !label_is_shown (user_data);
}

static GtkEditable *
headline_entry (Harness *harness)
{
  GtkWidget *entry = liveline_test_find_widget (GTK_WIDGET (harness->editor), GTK_TYPE_ENTRY,
                                      "placeholder-text", "Headline (optional)");

  g_assert_nonnull (entry);

  return GTK_EDITABLE (entry);
}

static GtkTextBuffer *
body_buffer (Harness *harness)
{
  GtkWidget *view = liveline_test_find_widget (GTK_WIDGET (harness->editor), GTK_SOURCE_TYPE_VIEW, NULL, NULL);

  g_assert_nonnull (view);

  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
}

static LivelineImageField *
image_field (Harness *harness)
{
  GtkWidget *field = liveline_test_find_widget (GTK_WIDGET (harness->editor), LIVELINE_TYPE_IMAGE_FIELD,
                                      NULL, NULL);

  g_assert_nonnull (field);

  return LIVELINE_IMAGE_FIELD (field);
}

static GtkEditable *
photo_row (Harness    *harness,
           const char *title)
{
  GtkWidget *row = liveline_test_find_widget (GTK_WIDGET (harness->editor), ADW_TYPE_ENTRY_ROW,
                                    "title", title);

  g_assert_nonnull (row);

  return GTK_EDITABLE (row);
}

/* Typing at the end of the body, as the keyboard would. */
static void
type_into_body (Harness    *harness,
                const char *text)
{
  GtkTextBuffer *buffer = body_buffer (harness);
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
  gtk_text_buffer_begin_user_action (buffer);
  g_assert_true (gtk_text_buffer_insert_interactive_at_cursor (buffer, text, -1, TRUE));
  gtk_text_buffer_end_user_action (buffer);
}

static char *
dup_body_text (Harness *harness)
{
  GtkTextBuffer *buffer = body_buffer (harness);
  GtkTextIter start;
  GtkTextIter end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static Harness *
harness_new (LivelinePost *post)
{
  Harness *harness = g_new0 (Harness, 1);
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

static void
harness_free (Harness *harness)
{
  gpointer editor = harness->editor;

  g_object_add_weak_pointer (G_OBJECT (editor), &editor);
  gtk_window_destroy (harness->window);
  g_assert_true (liveline_test_wait_for (liveline_test_pointer_is_null, &editor, 10000));
  g_free (harness);
}

static LivelinePost *
create_post (void)
{
  g_autoptr(GError) error = NULL;
  LivelinePost *post = liveline_store_create_post (store, blog, &error);

  g_assert_no_error (error);
  g_assert_nonnull (post);

  return post;
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

#define HEADLINE_SQL "SELECT headline FROM posts WHERE id = ?"
#define BODY_SQL     "SELECT body FROM posts WHERE id = ?"
#define PINNED_SQL   "SELECT pinned FROM posts WHERE id = ?"
#define CAPTION_SQL  "SELECT caption FROM media WHERE post_id = ?"
#define CREDIT_SQL   "SELECT credit FROM media WHERE post_id = ?"
#define ALT_SQL      "SELECT alt FROM media WHERE post_id = ?"
#define MEDIA_SQL    "SELECT file FROM media WHERE post_id = ?"

/* Within a second of the last keystroke, with the autosave's own half
 * second and room for a slow machine.
 */
#define SAVE_WAIT_MS 1500

static void
assert_stored_soon (LivelinePost *post,
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

static void
assert_stored_now (LivelinePost *post,
                   const char   *sql,
                   const char   *expected)
{
  g_autofree char *value = dup_stored (sql, liveline_post_get_id (post));

  g_assert_cmpstr (value, ==, expected);
}

/* Photos */

static gboolean
field_is_idle (gpointer user_data)
{
  return !liveline_image_field_get_busy (LIVELINE_IMAGE_FIELD (user_data));
}

static void
attach_photo (Harness      *harness,
              LivelinePost *post,
              const char   *name)
{
  g_autoptr(GFile) photo = liveline_test_make_photo (data_dir, name, 0x3465a4ff);
  LivelineImageField *field = image_field (harness);

  liveline_image_field_attach_file (field, photo);
  g_assert_true (liveline_image_field_get_busy (field));
  g_assert_true (liveline_test_wait_for (field_is_idle, field, 20000));

  g_assert_null (liveline_image_field_get_error (field));
  g_assert_true (liveline_post_has_image (post));
}

/* The tests */

static void
test_typing_is_saved (void)
{
  g_autoptr(LivelinePost) post = create_post ();
  g_autoptr(LivelinePost) other = create_post ();
  Harness *harness = harness_new (post);
  LabelQuery count = { GTK_WIDGET (harness->editor), "Body: 28 characters" };
  GtkWidget *pin;

  GtkWidget *focus;

  liveline_post_editor_grab_headline (harness->editor);
  focus = gtk_root_get_focus (GTK_ROOT (harness->window));
  g_assert_nonnull (focus);
  g_assert_true (focus == GTK_WIDGET (headline_entry (harness)) ||
                 gtk_widget_is_ancestor (focus, GTK_WIDGET (headline_entry (harness))));

  gtk_editable_set_text (headline_entry (harness), "Ceasefire holds");
  type_into_body (harness, "Shelling **stopped** at dawn");

  /* The post follows at once; the count too. */
  g_assert_cmpstr (liveline_post_get_headline (post), ==, "Ceasefire holds");
  g_assert_cmpstr (liveline_post_get_body (post), ==, "Shelling **stopped** at dawn");
  g_assert_true (liveline_test_wait_for (label_is_shown, &count, 1000));

  assert_stored_soon (post, HEADLINE_SQL, "Ceasefire holds");
  assert_stored_now (post, BODY_SQL, "Shelling **stopped** at dawn");

  /* The pin is a toggle in the toolbar. */
  pin = liveline_test_find_widget (GTK_WIDGET (harness->editor), GTK_TYPE_TOGGLE_BUTTON,
                         "tooltip-text", "Keep this update at the top of the live page");
  g_assert_nonnull (pin);
  g_signal_emit_by_name (pin, "clicked");
  g_assert_true (liveline_post_get_pinned (post));
  assert_stored_soon (post, PINNED_SQL, "1");

  /* Opening another post saves what was typed a moment before, at once. */
  type_into_body (harness, ", officials say.");
  liveline_post_editor_set_post (harness->editor, other);
  assert_stored_now (post, BODY_SQL, "Shelling **stopped** at dawn, officials say.");
  g_assert_cmpstr (gtk_editable_get_text (headline_entry (harness)), ==, "");
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (pin)));

  /* And so does closing the window. */
  gtk_editable_set_text (headline_entry (harness), "Aid convoy reaches the city");
  harness_free (harness);
  assert_stored_now (other, HEADLINE_SQL, "Aid convoy reaches the city");
}

static void
test_nothing_to_edit_without_a_post (void)
{
  Harness *harness = harness_new (NULL);
  g_autoptr(LivelinePost) post = create_post ();

  GtkWidget *preview_button = liveline_test_find_widget (GTK_WIDGET (harness->editor), GTK_TYPE_TOGGLE_BUTTON,
                                               "label", "Pre_view");

  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (headline_entry (harness))));
  g_assert_false (gtk_widget_is_sensitive (preview_button));

  liveline_post_editor_set_post (harness->editor, post);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (headline_entry (harness))));

  liveline_post_editor_set_post (harness->editor, NULL);
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (headline_entry (harness))));
  g_assert_false (liveline_post_editor_has_blocking_checks (harness->editor));

  harness_free (harness);
}

static void
test_photo_and_its_details (void)
{
  g_autoptr(LivelinePost) post = create_post ();
  g_autoptr(LivelinePost) next = create_post ();
  Harness *harness = harness_new (post);
  LabelQuery credit_check = { GTK_WIDGET (harness->editor), "Add a credit for the photo" };
  LabelQuery alt_check = { GTK_WIDGET (harness->editor), "Describe the photo for people who cannot see it" };
  LabelQuery empty_check = { GTK_WIDGET (harness->editor), "This update is empty" };
  LabelQuery suggestion = { NULL, "Reuters" };
  GtkWidget *picture;
  GtkWidget *credit_button;
  GtkWidget *label;
  GtkWidget *row;

  /* An empty update cannot be published, and the editor says so. */
  g_assert_true (liveline_test_wait_for (label_is_shown, &empty_check, 2000));
  g_assert_true (liveline_post_editor_has_blocking_checks (harness->editor));

  /* Before a photo there is nothing to caption. */
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (photo_row (harness, "Credit"))));
  g_assert_nonnull (find_shown_label (GTK_WIDGET (harness->editor),
                                      "Drop a photo here, paste one, or choose a file"));

  attach_photo (harness, post, "delegates.png");

  picture = liveline_test_find_widget (GTK_WIDGET (image_field (harness)), GTK_TYPE_PICTURE, NULL, NULL);
  g_assert_true (liveline_test_wait_for (liveline_test_widget_is_mapped, picture, 2000));
  g_assert_nonnull (gtk_picture_get_paintable (GTK_PICTURE (picture)));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (photo_row (harness, "Credit"))));
  {
    g_autofree char *stored_name = g_path_get_basename (liveline_post_get_image_path (post));

    assert_stored_soon (post, MEDIA_SQL, stored_name);
  }

  /* A photo without a credit cannot be published. */
  g_assert_true (liveline_test_wait_for (label_is_shown, &credit_check, 2000));
  g_assert_true (liveline_test_wait_for (label_is_shown, &alt_check, 2000));
  g_assert_true (liveline_test_wait_for (label_is_gone, &empty_check, 2000));
  g_assert_true (liveline_post_editor_has_blocking_checks (harness->editor));

  gtk_editable_set_text (photo_row (harness, "Caption"), "Delegates arrive in Geneva");
  gtk_editable_set_text (photo_row (harness, "Credit"), "Reuters");
  g_assert_false (liveline_post_editor_has_blocking_checks (harness->editor));
  g_assert_true (liveline_test_wait_for (label_is_gone, &credit_check, 2000));
  g_assert_true (find_shown_label (GTK_WIDGET (harness->editor), alt_check.text) != NULL);

  gtk_editable_set_text (photo_row (harness, "Alt text (describe the photo)"),
                         "Men in dark suits walk past a row of flags");
  g_assert_true (liveline_test_wait_for (label_is_gone, &alt_check, 2000));

  assert_stored_soon (post, CAPTION_SQL, "Delegates arrive in Geneva");
  assert_stored_now (post, CREDIT_SQL, "Reuters");
  assert_stored_now (post, ALT_SQL, "Men in dark suits walk past a row of flags");

  /* The next photo's credit is offered what was used before. */
  liveline_post_editor_set_post (harness->editor, next);
  attach_photo (harness, next, "convoy.png");
  g_assert_cmpstr (gtk_editable_get_text (photo_row (harness, "Credit")), ==, "");

  credit_button = liveline_test_find_widget (GTK_WIDGET (harness->editor), GTK_TYPE_MENU_BUTTON,
                                   "tooltip-text", "Credits used before");
  g_assert_nonnull (credit_button);
  gtk_menu_button_popup (GTK_MENU_BUTTON (credit_button));
  suggestion.root = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (credit_button)));
  g_assert_true (liveline_test_wait_for (label_is_shown, &suggestion, 2000));

  label = find_shown_label (suggestion.root, "Reuters");
  row = gtk_widget_get_ancestor (label, GTK_TYPE_LIST_BOX_ROW);
  g_signal_emit_by_name (row, "activate");
  g_assert_cmpstr (gtk_editable_get_text (photo_row (harness, "Credit")), ==, "Reuters");
  assert_stored_soon (next, CREDIT_SQL, "Reuters");

  /* Removing the photo takes its details with it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (harness->editor), "editor.remove-photo", NULL));
  g_assert_false (liveline_post_has_image (next));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (photo_row (harness, "Credit"))));
  assert_stored_soon (next, MEDIA_SQL, NULL);

  harness_free (harness);
}

static void
test_bad_file_is_refused_in_words (void)
{
  g_autoptr(LivelinePost) post = create_post ();
  g_autofree char *path = g_build_filename (data_dir, "notes.jpg", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  Harness *harness = harness_new (post);
  LivelineImageField *field = image_field (harness);
  GtkWidget *error_label;

  g_assert_true (g_file_set_contents (path, "Call the embassy back at 3 pm.\n", -1, NULL));

  liveline_image_field_attach_file (field, file);
  g_assert_true (liveline_test_wait_for (field_is_idle, field, 20000));

  g_assert_nonnull (liveline_image_field_get_error (field));
  error_label = liveline_test_find_widget (GTK_WIDGET (field), GTK_TYPE_LABEL,
                                 "label", liveline_image_field_get_error (field));
  g_assert_nonnull (error_label);
  g_assert_true (gtk_widget_get_mapped (error_label));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "photo"));

  g_assert_false (liveline_post_has_image (post));
  g_assert_nonnull (find_shown_label (GTK_WIDGET (field),
                                      "Drop a photo here, paste one, or choose a file"));
  liveline_post_editor_save_now (harness->editor, NULL);
  assert_stored_now (post, MEDIA_SQL, NULL);

  /* A good photo afterwards clears the complaint. */
  attach_photo (harness, post, "after.png");
  g_assert_false (gtk_widget_get_mapped (error_label));

  harness_free (harness);
}

static gboolean
text_has_tag (GtkTextBuffer *buffer,
              const char    *text,
              const char    *tag_name)
{
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), tag_name);
  GtkTextIter start;
  GtkTextIter match_start;
  GtkTextIter match_end;

  g_assert_nonnull (tag);

  gtk_text_buffer_get_start_iter (buffer, &start);
  g_assert_true (gtk_text_iter_forward_search (&start, text, 0, &match_start, &match_end, NULL));

  for (GtkTextIter iter = match_start;
       !gtk_text_iter_equal (&iter, &match_end);
       gtk_text_iter_forward_char (&iter))
    if (!gtk_text_iter_has_tag (&iter, tag))
      return FALSE;

  return TRUE;
}

typedef struct
{
  GtkTextBuffer *buffer;
  const char    *text;
} BufferQuery;

static gboolean
buffer_contains (gpointer user_data)
{
  BufferQuery *query = user_data;
  GtkTextIter start;
  GtkTextIter end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (query->buffer, &start, &end);
  text = gtk_text_buffer_get_text (query->buffer, &start, &end, FALSE);

  return strstr (text, query->text) != NULL;
}

/* Whether the line of @text where @needle is starts with @start. */
static gboolean
line_starts_with (const char *text,
                  const char *needle,
                  const char *start)
{
  const char *found = strstr (text, needle);
  const char *line = found;

  g_assert_nonnull (found);

  while (line > text && line[-1] != '\n')
    line--;

  return g_str_has_prefix (line, start);
}

static void
test_preview_shows_what_readers_read (void)
{
  g_autoptr(LivelinePost) post = create_post ();
  Harness *harness = harness_new (post);
  GtkWidget *preview;
  GtkWidget *preview_button;
  GtkWidget *text_view;
  GtkTextBuffer *buffer;
  g_autofree char *text = NULL;
  GtkTextIter start;
  GtkTextIter end;
  BufferQuery query;

  gtk_editable_set_text (headline_entry (harness), "Talks resume in Geneva");
  type_into_body (harness,
                  "Delegates **agreed** on an agenda, says the [UN site](https://un.org).\n\n"
                  "> We are not here to fail\n\n"
                  "- Security\n"
                  "- Prisoners\n");
  attach_photo (harness, post, "geneva.png");
  gtk_editable_set_text (photo_row (harness, "Caption"), "The Palais des Nations");
  gtk_editable_set_text (photo_row (harness, "Credit"), "Reuters");

  preview = liveline_test_find_widget (GTK_WIDGET (harness->editor), LIVELINE_TYPE_POST_PREVIEW, NULL, NULL);
  g_assert_nonnull (preview);
  g_assert_false (gtk_widget_get_mapped (preview));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (harness->editor),
                                             "editor.toggle-preview", NULL));
  g_assert_true (liveline_test_wait_for (liveline_test_widget_is_mapped, preview, 2000));
  g_assert_true (liveline_post_editor_get_show_preview (harness->editor));

  preview_button = liveline_test_find_widget (GTK_WIDGET (harness->editor), GTK_TYPE_TOGGLE_BUTTON,
                                    "label", "Pre_view");
  g_assert_nonnull (preview_button);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (preview_button)));

  text_view = liveline_test_find_widget (preview, GTK_TYPE_TEXT_VIEW, NULL, NULL);
  g_assert_nonnull (text_view);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view));
  query.buffer = buffer;
  query.text = "Credit: Reuters";
  g_assert_true (liveline_test_wait_for (buffer_contains, &query, 2000));

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  g_assert_true (g_str_has_prefix (text, "Talks resume in Geneva\n"));
  g_assert_nonnull (strstr (text, "Delegates agreed on an agenda, says the UN site."));
  g_assert_nonnull (strstr (text, "We are not here to fail"));
  g_assert_true (line_starts_with (text, "Security", "•"));
  g_assert_true (line_starts_with (text, "Prisoners", "•"));
  g_assert_nonnull (strstr (text, "The Palais des Nations"));
  g_assert_null (strstr (text, "**"));
  g_assert_null (strstr (text, "https://"));
  g_assert_null (strstr (text, "> "));

  g_assert_true (text_has_tag (buffer, "Talks resume in Geneva", "headline"));
  g_assert_true (text_has_tag (buffer, "agreed", "strong"));
  g_assert_false (text_has_tag (buffer, "Delegates", "strong"));
  g_assert_true (text_has_tag (buffer, "UN site", "link"));
  g_assert_false (text_has_tag (buffer, "says the", "link"));
  g_assert_true (text_has_tag (buffer, "We are not here to fail", "quote"));

  /* The photo is in the text, between the body and its caption. */
  g_assert_nonnull (liveline_test_find_widget (text_view, GTK_TYPE_PICTURE, NULL, NULL));

  /* It follows edits made while it is open. */
  liveline_post_set_headline (post, "Talks resume in Geneva on Monday");
  query.text = "Talks resume in Geneva on Monday";
  g_assert_true (liveline_test_wait_for (buffer_contains, &query, 2000));

  /* And back to writing. */
  g_signal_emit_by_name (preview_button, "clicked");
  g_assert_false (liveline_post_editor_get_show_preview (harness->editor));
  g_assert_true (liveline_test_wait_for (liveline_test_widget_is_mapped, headline_entry (harness), 2000));

  harness_free (harness);
}

typedef struct
{
  GtkWidget  *root;
  const char *prefix;
} PrefixQuery;

static GtkWidget *
find_shown_label_with_prefix (GtkWidget  *widget,
                              const char *prefix)
{
  if (!gtk_widget_get_mapped (widget))
    return NULL;

  if (GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_shown_label_with_prefix (child, prefix);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_revisions_can_be_restored (void)
{
  g_autoptr(LivelinePost) post = create_post ();
  Harness *harness = harness_new (post);
  LabelQuery saved_toast = { GTK_WIDGET (harness->window), "Saved" };
  LabelQuery first = { NULL, "Evacuation ordered" };
  LabelQuery second = { NULL, "Evacuation postponed" };
  GtkWidget *history_button;
  GtkWidget *popover;
  GtkWidget *first_label;
  GtkWidget *first_row;
  GtkWidget *restore;
  GtkWidget *current;
  guint n_rows = 0;

  gtk_editable_set_text (headline_entry (harness), "Evacuation ordered");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (harness->editor), "editor.save", NULL));
  g_assert_true (liveline_test_wait_for (label_is_shown, &saved_toast, 2000));
  assert_stored_now (post, HEADLINE_SQL, "Evacuation ordered");

  gtk_editable_set_text (headline_entry (harness), "Evacuation postponed");
  g_assert_true (liveline_post_editor_save_now (harness->editor, NULL));

  history_button = liveline_test_find_widget (GTK_WIDGET (harness->editor), GTK_TYPE_MENU_BUTTON,
                                    "tooltip-text", "Revision history");
  g_assert_nonnull (history_button);
  gtk_menu_button_popup (GTK_MENU_BUTTON (history_button));
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (history_button)));
  first.root = second.root = popover;
  g_assert_true (liveline_test_wait_for (label_is_shown, &first, 2000));
  g_assert_true (liveline_test_wait_for (label_is_shown, &second, 2000));

  /* Newest first, numbered, with the time. */
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (liveline_test_find_widget (popover, GTK_TYPE_LIST_BOX, NULL, NULL)));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row))
      {
        g_assert_nonnull (find_shown_label_with_prefix (row, "Revision "));
        if (n_rows == 0)
          g_assert_nonnull (find_shown_label (row, "Evacuation postponed"));
        n_rows++;
      }
  g_assert_cmpuint (n_rows, ==, 2);

  /* What is there now cannot be restored; the older one can. */
  current = find_shown_label (popover, "Current");
  g_assert_nonnull (current);
  g_assert_true (gtk_widget_get_ancestor (current, GTK_TYPE_LIST_BOX_ROW) ==
                 gtk_widget_get_ancestor (find_shown_label (popover, "Evacuation postponed"),
                                          GTK_TYPE_LIST_BOX_ROW));

  first_label = find_shown_label (popover, "Evacuation ordered");
  first_row = gtk_widget_get_ancestor (first_label, GTK_TYPE_LIST_BOX_ROW);
  restore = liveline_test_find_widget (first_row, GTK_TYPE_BUTTON, "label", "Restore");
  g_assert_nonnull (restore);
  g_signal_emit_by_name (restore, "clicked");

  g_assert_cmpstr (gtk_editable_get_text (headline_entry (harness)), ==, "Evacuation ordered");
  assert_stored_soon (post, HEADLINE_SQL, "Evacuation ordered");
  g_assert_cmpuint (liveline_post_get_revision (post), ==, 3);

  harness_free (harness);
}

static void
test_undo_in_the_body (void)
{
  g_autoptr(LivelinePost) post = create_post ();
  g_autoptr(GError) error = NULL;
  GtkTextBuffer *buffer;
  GtkWidget *view;
  Harness *harness;
  g_autofree char *text = NULL;

  liveline_post_set_body (post, "Polls close at 8 pm");
  g_assert_true (liveline_store_save_post (store, post, &error));
  g_assert_no_error (error);

  harness = harness_new (post);
  buffer = body_buffer (harness);
  view = liveline_test_find_widget (GTK_WIDGET (harness->editor), GTK_SOURCE_TYPE_VIEW, NULL, NULL);

  /* Opening the post put its text there; that is not an edit to undo. */
  text = dup_body_text (harness);
  g_assert_cmpstr (text, ==, "Polls close at 8 pm");
  g_assert_false (gtk_text_buffer_get_can_undo (buffer));

  type_into_body (harness, " local time.");
  g_assert_cmpstr (liveline_post_get_body (post), ==, "Polls close at 8 pm local time.");
  g_assert_true (gtk_text_buffer_get_can_undo (buffer));

  /* Ctrl+Z runs this action. */
  g_assert_true (gtk_widget_activate_action (view, "text.undo", NULL));
  g_clear_pointer (&text, g_free);
  text = dup_body_text (harness);
  g_assert_cmpstr (text, ==, "Polls close at 8 pm");
  g_assert_cmpstr (liveline_post_get_body (post), ==, "Polls close at 8 pm");
  g_assert_false (gtk_text_buffer_get_can_undo (buffer));

  g_assert_true (gtk_widget_activate_action (view, "text.redo", NULL));
  g_assert_cmpstr (liveline_post_get_body (post), ==, "Polls close at 8 pm local time.");
  assert_stored_soon (post, BODY_SQL, "Polls close at 8 pm local time.");

  /* Text put in from elsewhere, as a restored revision, can be undone. */
  liveline_post_set_body (post, "Polls have closed");
  g_clear_pointer (&text, g_free);
  text = dup_body_text (harness);
  g_assert_cmpstr (text, ==, "Polls have closed");
  gtk_text_buffer_undo (buffer);
  g_assert_cmpstr (liveline_post_get_body (post), ==, "Polls close at 8 pm local time.");

  harness_free (harness);
}

static gboolean
dialog_is_shown (gpointer user_data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_mapped (GTK_WIDGET (window)))
        {
          *(gpointer *)user_data = window;
          return TRUE;
        }
    }

  return FALSE;
}

/* Publish queues the update, unless a check says it cannot go; Retract
 * asks first, and withdraws an update that never left.
 */
static void
test_publish_and_retract (void)
{
  g_autoptr(LivelinePost) post = create_post ();
  Harness *harness = harness_new (post);
  GtkWidget *root = GTK_WIDGET (harness->window);
  LabelQuery refused = { root, "Not published: This update is empty" };
  LabelQuery queued = { root, "Update queued" };
  LabelQuery withdrawn = { root, "Withdrawn before it was sent" };
  gpointer dialog = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (harness->editor), "editor.publish", NULL));
  g_assert_true (liveline_test_wait_for (label_is_shown, &refused, 5000));
  g_assert_cmpint (liveline_post_get_state (post), ==, LIVELINE_POST_STATE_DRAFT);
  g_assert_cmpuint (liveline_store_count_waiting (store), ==, 0);
  g_assert_null (liveline_test_find_widget (GTK_WIDGET (harness->editor), GTK_TYPE_BUTTON,
                                            "label", "Publish _correction"));

  gtk_editable_set_text (GTK_EDITABLE (headline_entry (harness)), "Ministers arrive on Friday");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (harness->editor), "editor.publish", NULL));
  g_assert_true (liveline_test_wait_for (label_is_shown, &queued, 5000));
  g_assert_cmpint (liveline_post_get_state (post), ==, LIVELINE_POST_STATE_QUEUED);
  g_assert_cmpuint (liveline_store_count_waiting (store), ==, 1);
  assert_stored_now (post, "SELECT headline FROM posts WHERE id = ?", "Ministers arrive on Friday");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (harness->editor), "editor.retract", NULL));
  g_assert_true (liveline_test_wait_for (dialog_is_shown, &dialog, 5000));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "retract");
  g_assert_true (liveline_test_wait_for (label_is_shown, &withdrawn, 5000));
  g_assert_cmpint (liveline_post_get_state (post), ==, LIVELINE_POST_STATE_DRAFT);
  g_assert_cmpuint (liveline_store_count_waiting (store), ==, 0);

  harness_free (harness);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = liveline_test_make_home ();
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  data_dir = g_build_filename (home, "data", "liveline", NULL);
  store = liveline_store_open (data_dir, &error);
  g_assert_no_error (error);
  blog = liveline_store_create_blog (store, "Syria talks", &error);
  g_assert_no_error (error);

  g_test_add_func ("/post-editor/typing-is-saved", test_typing_is_saved);
  g_test_add_func ("/post-editor/nothing-to-edit-without-a-post", test_nothing_to_edit_without_a_post);
  g_test_add_func ("/post-editor/photo-and-its-details", test_photo_and_its_details);
  g_test_add_func ("/post-editor/bad-file-is-refused-in-words", test_bad_file_is_refused_in_words);
  g_test_add_func ("/post-editor/preview", test_preview_shows_what_readers_read);
  g_test_add_func ("/post-editor/revisions", test_revisions_can_be_restored);
  g_test_add_func ("/post-editor/undo", test_undo_in_the_body);
  g_test_add_func ("/post-editor/publish-and-retract", test_publish_and_retract);

  status = g_test_run ();

  blog = NULL;
  g_clear_object (&store);
  liveline_test_remove_tree (home);
  g_free (data_dir);

  return status;
}
