/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-post-editor"

#include "config.h"

#include <gtksourceview/gtksource.h>

#include "liveline-check.h"
#include "liveline-test-app.h"
#include "liveline-test-editor.h"
#include "liveline-test-util.h"
#include "liveline-test-widgets.h"

/* A body as long as an update may be: a paste past the limit is refused
 * with a word of why, and a keystroke costs the same in a long body as in
 * a short one.
 */

/* Keystrokes typed into each body; a body of one long line is slow to lay
 * out whatever Liveline does, so it gets fewer. */
#define KEYSTROKES          40
#define KEYSTROKES_ONE_LINE 5

/* A body of @n_chars characters, in paragraphs of about 300 with a little
 * of every kind of formatting; or one single line, when @one_line.
 */
static char *
make_body (guint    n_chars,
           gboolean one_line)
{
  static const char * const sentences[] = {
    "Shelling **stopped** at dawn, officials in the city said. ",
    "A convoy of *twelve* lorries crossed at `Bab al-Hawa` before noon. ",
    "[The statement](https://example.com/statement) was read out in Geneva. ",
    "Delegates said the talks would resume on Friday, if the ceasefire holds. ",
  };
  GString *body = g_string_new (NULL);
  guint n = 0;

  for (guint i = 0; n < n_chars; i++)
    {
      const char *sentence = sentences[i % G_N_ELEMENTS (sentences)];

      if (!one_line && i % 5 == 4)
        sentence = "\n\n";

      g_string_append (body, sentence);
      n += g_utf8_strlen (sentence, -1);
    }

  g_string_truncate (body, g_utf8_offset_to_pointer (body->str, n_chars) - body->str);

  return g_string_free (body, FALSE);
}

/* Lets the main loop do everything it has to, as it would before the next
 * keystroke comes. */
static void
drain_main_loop (void)
{
  for (guint i = 0; i < 1000 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
}

typedef struct
{
  guint64 chars;
} Highlighted;

static void
on_highlight_updated (GtkSourceBuffer *buffer,
                      GtkTextIter     *start,
                      GtkTextIter     *end,
                      Highlighted     *highlighted)
{
  highlighted->chars += gtk_text_iter_get_offset (end) - gtk_text_iter_get_offset (start);
}

typedef struct
{
  guint64 most_chars;
  double  mean_us;
  double  save_us;
} Keystrokes;

/* Types @n_keys characters in the middle of a body of @n_chars, each
 * followed by whatever the main loop then does, and counts the characters
 * highlighted again for each.
 */
static Keystrokes
type_in_body_of (guint    n_chars,
                 gboolean one_line,
                 guint    n_keys)
{
  g_autoptr(LivelinePost) post = liveline_test_editor_create_post ();
  g_autofree char *body = make_body (n_chars, one_line);
  LivelineTestEditor *harness;
  GtkTextBuffer *buffer;
  Highlighted highlighted = { 0 };
  Keystrokes result = { 0 };
  GtkTextIter middle;
  gint64 started;
  gulong handler;

  liveline_post_set_body (post, body);
  harness = liveline_test_editor_new (post);
  buffer = liveline_test_editor_body_buffer (harness);
  g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), ==, n_chars);

  gtk_text_buffer_get_iter_at_offset (buffer, &middle, n_chars / 2);
  gtk_text_buffer_place_cursor (buffer, &middle);
  drain_main_loop ();

  handler = g_signal_connect (buffer, "highlight-updated", G_CALLBACK (on_highlight_updated),
                              &highlighted);
  started = g_get_monotonic_time ();

  for (guint i = 0; i < n_keys; i++)
    {
      guint64 before = highlighted.chars;

      gtk_text_buffer_begin_user_action (buffer);
      g_assert_true (gtk_text_buffer_insert_interactive_at_cursor (buffer, i % 6 == 5 ? " " : "x",
                                                                   -1, TRUE));
      gtk_text_buffer_end_user_action (buffer);
      drain_main_loop ();

      result.most_chars = MAX (result.most_chars, highlighted.chars - before);
    }

  result.mean_us = (double)(g_get_monotonic_time () - started) / n_keys;
  g_signal_handler_disconnect (buffer, handler);

  /* The autosave writes the whole body, once typing pauses. */
  started = g_get_monotonic_time ();
  g_assert_true (liveline_post_editor_save_now (harness->editor, NULL));
  result.save_us = (double)(g_get_monotonic_time () - started);

  g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), ==, n_chars + n_keys);
  g_assert_cmpint (g_utf8_strlen (liveline_post_get_body (post), -1), ==, n_chars + n_keys);

  liveline_test_editor_free (harness);

  return result;
}

/* The work a keystroke causes does not grow with the body: counted in
 * characters highlighted again, which is the same for a body of 5,000
 * characters as for one at the limit, and no more than the line typed in.
 * The time is printed, for the record, never asserted.
 */
static void
test_keystroke_work_is_bounded (void)
{
  guint at_limit = LIVELINE_CHECK_MAX_BODY_CHARS - KEYSTROKES;
  Keystrokes small = type_in_body_of (5000, FALSE, KEYSTROKES);
  Keystrokes large = type_in_body_of (at_limit, FALSE, KEYSTROKES);
  Keystrokes one_line = type_in_body_of (at_limit, TRUE, KEYSTROKES_ONE_LINE);

  g_test_message ("One keystroke, body of 5000 characters: %.0f µs, %" G_GUINT64_FORMAT
                  " characters highlighted again", small.mean_us, small.most_chars);
  g_test_message ("One keystroke, body of %u characters: %.0f µs, %" G_GUINT64_FORMAT
                  " characters highlighted again", at_limit, large.mean_us, large.most_chars);
  g_test_message ("One keystroke, body of one line of %u characters: %.0f µs, %" G_GUINT64_FORMAT
                  " characters highlighted again", at_limit, one_line.mean_us, one_line.most_chars);
  g_test_message ("Saving a body of 5000 characters: %.0f µs; of %u: %.0f µs",
                  small.save_us, at_limit, large.save_us);

  /* Something is highlighted: the count is not zero by accident. */
  g_assert_cmpuint (small.most_chars, >, 0);
  g_assert_cmpuint (large.most_chars, >, 0);

  /* A paragraph's line is about 300 characters, and that is all. */
  g_assert_cmpuint (large.most_chars, <=, 400);
  g_assert_cmpuint (large.most_chars, ==, small.most_chars);

  /* One line as long as the body: a bounded stretch around the cursor. */
  g_assert_cmpuint (one_line.most_chars, <=, 4001);
}

typedef struct
{
  LivelinePost *post;
  const char   *body;
} BodyQuery;

static gboolean
post_body_is (gpointer user_data)
{
  BodyQuery *query = user_data;

  return g_strcmp0 (liveline_post_get_body (query->post), query->body) == 0;
}

/* Pastes @text at the end of the body, through the clipboard, as Ctrl+V. */
static void
paste_at_end (LivelineTestEditor *harness,
              const char         *text)
{
  GtkWidget *view = liveline_test_find (GTK_WIDGET (harness->editor), GTK_SOURCE_TYPE_VIEW,
                                        NULL, NULL);
  GtkTextBuffer *buffer = liveline_test_editor_body_buffer (harness);
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (view), text);
  g_assert_true (gtk_widget_activate_action (view, "clipboard.paste", NULL));
}

/* A paste that would take the body past the limit does not go in, and a
 * toast says why; the body, the post and the store keep what they had.
 * A paste within the limit goes in the same way.
 */
static void
test_paste_over_the_limit (void)
{
  g_autoptr(LivelinePost) post = liveline_test_editor_create_post ();
  g_autofree char *huge = make_body (LIVELINE_CHECK_MAX_BODY_CHARS, FALSE);
  g_autofree char *text = NULL;
  LivelineTestEditor *harness;
  LivelineTestLabelQuery refused;
  BodyQuery pasted = { post, "Shelling stopped at dawn. Officials confirmed it." };

  liveline_post_set_body (post, "Shelling stopped at dawn.");
  harness = liveline_test_editor_new (post);
  refused = (LivelineTestLabelQuery) {
    GTK_WIDGET (harness->window),
    "Not pasted: an update can have at most 50000 characters, and this would make 50025. "
    "Split it into several updates."
  };

  paste_at_end (harness, huge);
  g_assert_true (liveline_test_wait_for (liveline_test_label_is_shown, &refused, 10000));

  text = liveline_test_editor_dup_body_text (harness);
  g_assert_cmpstr (text, ==, "Shelling stopped at dawn.");
  g_assert_cmpstr (liveline_post_get_body (post), ==, "Shelling stopped at dawn.");
  g_assert_false (gtk_text_buffer_get_can_undo (liveline_test_editor_body_buffer (harness)));
  g_assert_true (liveline_post_editor_save_now (harness->editor, NULL));
  liveline_test_assert_stored_now (post, BODY_SQL, "Shelling stopped at dawn.");

  paste_at_end (harness, " Officials confirmed it.");
  g_assert_true (liveline_test_wait_for (post_body_is, &pasted, 10000));
  liveline_post_editor_save_now (harness->editor, NULL);
  liveline_test_assert_stored_now (post, BODY_SQL, pasted.body);

  liveline_test_editor_free (harness);
}

int
main (int   argc,
      char *argv[])
{
  liveline_test_editor_init (&argc, &argv);

  g_test_add_func ("/post-editor/large/paste-over-the-limit", test_paste_over_the_limit);
  g_test_add_func ("/post-editor/large/keystroke-work-is-bounded", test_keystroke_work_is_bounded);

  return liveline_test_editor_run ();
}
