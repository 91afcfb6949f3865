/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-post-editor"

#include "config.h"

#include "liveline-post-preview.h"
#include "liveline-test-editor.h"
#include "liveline-test-util.h"
#include "liveline-test-widgets.h"

/* The post editor's preview: what it shows must be what readers will read,
 * Markdown rendered and never shown as typed, the photo in its place, and
 * edits followed while it is open.
 */

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
  g_autoptr(LivelinePost) post = liveline_test_editor_create_post ();
  LivelineTestEditor *harness = liveline_test_editor_new (post);
  GtkWidget *preview;
  GtkWidget *preview_button;
  GtkWidget *text_view;
  GtkTextBuffer *buffer;
  g_autofree char *text = NULL;
  GtkTextIter start;
  GtkTextIter end;
  BufferQuery query;

  gtk_editable_set_text (liveline_test_editor_headline (harness), "Talks resume in Geneva");
  liveline_test_editor_type_into_body (harness,
                  "Delegates **agreed** on an agenda, says the [UN site](https://un.org).\n\n"
                  "> We are not here to fail\n\n"
                  "- Security\n"
                  "- Prisoners\n");
  liveline_test_editor_attach_photo (harness, post, "geneva.png");
  gtk_editable_set_text (liveline_test_editor_photo_row (harness, "Caption"),
                         "The Palais des Nations");
  gtk_editable_set_text (liveline_test_editor_photo_row (harness, "Credit"), "Reuters");

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
  g_assert_true (liveline_test_wait_for (liveline_test_widget_is_mapped,
                                         liveline_test_editor_headline (harness), 2000));

  liveline_test_editor_free (harness);
}

int
main (int   argc,
      char *argv[])
{
  liveline_test_editor_init (&argc, &argv);

  g_test_add_func ("/post-editor/preview", test_preview_shows_what_readers_read);

  return liveline_test_editor_run ();
}
