/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-post-editor"

#include "config.h"

#include <string.h>

#include "liveline-markdown-highlight.h"
#include "liveline-post-editor-private.h"

/* The body's Markdown, coloured as it is typed. After each change only the
 * lines it touched are highlighted again (liveline_markdown_highlight()
 * reads nothing else), so a keystroke costs the same at the end of a long
 * body as in a short one; on a line longer than HIGHLIGHT_REACH characters
 * either side of the change, only that much of it is redone. The buffer
 * then says which stretch it highlighted, with GtkSourceBuffer's
 * highlight-updated, as GtkSourceView's own highlighting would.
 */

#define HIGHLIGHT_REACH 2000

/* The colour of what readers never see (markers, link addresses) when the
 * style scheme has none for comments: readable on light and dark.
 */
static const GdkRGBA dim_fallback = { 0.5, 0.5, 0.5, 1.0 };

typedef struct
{
  LivelinePostEditor *self;
  GtkTextBuffer      *buffer;
  const char         *text;
  int                 base;
  gsize               last_byte;
  int                 last_char;
} Apply;

/* The character offset in the buffer of byte @byte of the text; spans come
 * in the order they start, so this walks the text once. */
static int
char_offset (Apply *apply,
             gsize  byte)
{
  if (byte < apply->last_byte)
    {
      apply->last_byte = 0;
      apply->last_char = 0;
    }

  apply->last_char += g_utf8_strlen (apply->text + apply->last_byte, byte - apply->last_byte);
  apply->last_byte = byte;

  return apply->base + apply->last_char;
}

static void
apply_span (LivelineMarkdownSpan span,
            gsize                start,
            gsize                end,
            gpointer             user_data)
{
  Apply *apply = user_data;
  GtkTextIter start_iter;
  GtkTextIter end_iter;
  int end_offset;
  int start_offset;

  g_assert (span < G_N_ELEMENTS (apply->self->highlight_tags));

  start_offset = char_offset (apply, start);
  end_offset = start_offset + (int)g_utf8_strlen (apply->text + start, end - start);

  gtk_text_buffer_get_iter_at_offset (apply->buffer, &start_iter, start_offset);
  gtk_text_buffer_get_iter_at_offset (apply->buffer, &end_iter, end_offset);
  gtk_text_buffer_apply_tag (apply->buffer, apply->self->highlight_tags[span], &start_iter, &end_iter);
}

static void
highlight_range (LivelinePostEditor *self,
                 const GtkTextIter  *start,
                 const GtkTextIter  *end)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->body_buffer);
  g_autofree char *text = NULL;
  GtkTextIter from = *start;
  GtkTextIter to = *end;
  Apply apply;

  /* The whole lines, within reach of the change. */
  gtk_text_iter_set_line_offset (&from, 0);
  if (gtk_text_iter_get_offset (start) - gtk_text_iter_get_offset (&from) > HIGHLIGHT_REACH)
    gtk_text_iter_set_offset (&from, gtk_text_iter_get_offset (start) - HIGHLIGHT_REACH);
  if (!gtk_text_iter_ends_line (&to))
    gtk_text_iter_forward_to_line_end (&to);
  if (gtk_text_iter_get_offset (&to) - gtk_text_iter_get_offset (end) > HIGHLIGHT_REACH)
    gtk_text_iter_set_offset (&to, gtk_text_iter_get_offset (end) + HIGHLIGHT_REACH);

  for (guint i = 0; i < G_N_ELEMENTS (self->highlight_tags); i++)
    gtk_text_buffer_remove_tag (buffer, self->highlight_tags[i], &from, &to);

  text = gtk_text_buffer_get_text (buffer, &from, &to, TRUE);
  apply = (Apply) { self, buffer, text, gtk_text_iter_get_offset (&from), 0, 0 };
  liveline_markdown_highlight (text, strlen (text), apply_span, &apply);

  self->highlighted_chars += gtk_text_iter_get_offset (&to) - gtk_text_iter_get_offset (&from);

  /* The tags may have changed the segments: the iterators are found again. */
  gtk_text_buffer_get_iter_at_offset (buffer, &from, apply.base);
  gtk_text_buffer_get_iter_at_offset (buffer, &to, apply.base + (int)g_utf8_strlen (text, -1));
  g_signal_emit_by_name (buffer, "highlight-updated", &from, &to);
}

static void
on_insert_text_after (LivelinePostEditor *self,
                      GtkTextIter        *location,
                      const char         *text,
                      int                 length,
                      GtkTextBuffer      *buffer)
{
  GtkTextIter start = *location;

  /* The default handler left @location after the new text. */
  gtk_text_iter_backward_chars (&start, g_utf8_strlen (text, length));
  highlight_range (self, &start, location);
}

static void
on_delete_range_after (LivelinePostEditor *self,
                       GtkTextIter        *start,
                       GtkTextIter        *end,
                       GtkTextBuffer      *buffer)
{
  /* Both are where the text was. */
  highlight_range (self, start, end);
}

/* Follows the light or dark style scheme. */
void
_liveline_post_editor_update_highlight_style (LivelinePostEditor   *self,
                                              GtkSourceStyleScheme *scheme)
{
  GtkSourceStyle *style = scheme != NULL ? gtk_source_style_scheme_get_style (scheme, "def:comment")
                                         : NULL;
  g_autofree char *foreground = NULL;
  gboolean foreground_set = FALSE;
  GdkRGBA dim = dim_fallback;

  if (style != NULL)
    g_object_get (style, "foreground", &foreground, "foreground-set", &foreground_set, NULL);
  if (!foreground_set || foreground == NULL || !gdk_rgba_parse (&dim, foreground))
    dim = dim_fallback;

  g_object_set (self->highlight_tags[LIVELINE_MARKDOWN_SPAN_SYNTAX], "foreground-rgba", &dim, NULL);
  g_object_set (self->highlight_tags[LIVELINE_MARKDOWN_SPAN_URL], "foreground-rgba", &dim, NULL);
}

void
_liveline_post_editor_init_highlight (LivelinePostEditor *self)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->body_buffer);
  GtkTextTag **tags = self->highlight_tags;

  g_assert (LIVELINE_IS_POST_EDITOR (self));

  /* Later tags win where they meet: the markers' colour over the rest. */
  tags[LIVELINE_MARKDOWN_SPAN_HEADING] =
    gtk_text_buffer_create_tag (buffer, NULL, "weight", PANGO_WEIGHT_BOLD, "scale", 1.2, NULL);
  tags[LIVELINE_MARKDOWN_SPAN_QUOTE] =
    gtk_text_buffer_create_tag (buffer, NULL, "style", PANGO_STYLE_ITALIC, NULL);
  tags[LIVELINE_MARKDOWN_SPAN_LIST_MARKER] =
    gtk_text_buffer_create_tag (buffer, NULL, "weight", PANGO_WEIGHT_BOLD, NULL);
  tags[LIVELINE_MARKDOWN_SPAN_EMPHASIS] =
    gtk_text_buffer_create_tag (buffer, NULL, "style", PANGO_STYLE_ITALIC, NULL);
  tags[LIVELINE_MARKDOWN_SPAN_STRONG] =
    gtk_text_buffer_create_tag (buffer, NULL, "weight", PANGO_WEIGHT_BOLD, NULL);
  tags[LIVELINE_MARKDOWN_SPAN_CODE] =
    gtk_text_buffer_create_tag (buffer, NULL, "family", "monospace", NULL);
  tags[LIVELINE_MARKDOWN_SPAN_LINK] =
    gtk_text_buffer_create_tag (buffer, NULL, "underline", PANGO_UNDERLINE_SINGLE, NULL);
  tags[LIVELINE_MARKDOWN_SPAN_URL] =
    gtk_text_buffer_create_tag (buffer, NULL, NULL, NULL);
  tags[LIVELINE_MARKDOWN_SPAN_SYNTAX] =
    gtk_text_buffer_create_tag (buffer, NULL, NULL, NULL);

  g_signal_connect_object (buffer, "insert-text", G_CALLBACK (on_insert_text_after), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (buffer, "delete-range", G_CALLBACK (on_delete_range_after), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
}
