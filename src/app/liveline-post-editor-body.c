/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-post-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "liveline-post-editor-private.h"

/* The body in the post editor: a Markdown source buffer, highlighted in the
 * light or dark style (liveline-post-editor-highlight.c), kept in step with
 * the post both ways; and the counts of characters under the headline and
 * the body.
 */

static char *
dup_buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start;
  GtkTextIter end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
}

void
_liveline_post_editor_update_counts (LivelinePostEditor *self)
{
  g_autofree char *headline = NULL;
  g_autofree char *body = NULL;
  guint headline_chars;
  guint body_chars;

  headline_chars = g_utf8_strlen (gtk_editable_get_text (GTK_EDITABLE (self->headline_entry)), -1);
  body_chars = gtk_text_buffer_get_char_count (GTK_TEXT_BUFFER (self->body_buffer));

  headline = g_strdup_printf (ngettext ("Headline: %u character",
                                        "Headline: %u characters",
                                        headline_chars),
                              headline_chars);
  body = g_strdup_printf (ngettext ("Body: %u character",
                                    "Body: %u characters",
                                    body_chars),
                          body_chars);

  gtk_label_set_text (self->headline_count_label, headline);
  gtk_label_set_text (self->body_count_label, body);
  gtk_widget_set_visible (GTK_WIDGET (self->body_placeholder), body_chars == 0);
}

/* Puts @text in the body view. A post just opened is not something to
 * undo; a revision restored is.
 */
void
_liveline_post_editor_load_body (LivelinePostEditor *self,
                                 const char         *text,
                                 gboolean            undoable)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->body_buffer);
  GtkTextIter start;

  self->loading_body = TRUE;

  if (undoable)
    {
      GtkTextIter end;

      /* Text set with gtk_text_buffer_set_text() cannot be undone. */
      gtk_text_buffer_begin_user_action (buffer);
      gtk_text_buffer_get_bounds (buffer, &start, &end);
      gtk_text_buffer_delete (buffer, &start, &end);
      gtk_text_buffer_insert (buffer, &start, text != NULL ? text : "", -1);
      gtk_text_buffer_end_user_action (buffer);
    }
  else
    {
      gtk_text_buffer_begin_irreversible_action (buffer);
      gtk_text_buffer_set_text (buffer, text != NULL ? text : "", -1);
      gtk_text_buffer_end_irreversible_action (buffer);

      gtk_text_buffer_get_start_iter (buffer, &start);
      gtk_text_buffer_select_range (buffer, &start, &start);
    }

  self->loading_body = FALSE;

  _liveline_post_editor_update_counts (self);
}

/* Text that would take the body past the limit of an update does not go
 * in, and a toast says why: a paste of a whole document would otherwise
 * sit in the editor, and be published, at any length. What the body held
 * stays as it was. Text loaded from the post, and undo and redo, which
 * only bring back what was there, are let through.
 */
static void
on_body_insert_text (LivelinePostEditor *self,
                     GtkTextIter        *location,
                     const char         *text,
                     int                 length,
                     GtkTextBuffer      *buffer)
{
  g_autofree char *message = NULL;
  gulong having;
  gulong adding;

  if (self->loading_body || self->undoing)
    return;

  having = gtk_text_buffer_get_char_count (buffer);
  adding = g_utf8_strlen (text, length);
  if (having + adding <= LIVELINE_CHECK_MAX_BODY_CHARS)
    return;

  g_signal_stop_emission_by_name (buffer, "insert-text");

  if (adding > 1)
    /* Translators: the first %u is the most characters an update can have,
     * %lu how many it would have with the pasted text */
    message = g_strdup_printf (ngettext ("Not pasted: an update can have at most %u character, "
                                         "and this would make %lu. Split it into several updates.",
                                         "Not pasted: an update can have at most %u characters, "
                                         "and this would make %lu. Split it into several updates.",
                                         LIVELINE_CHECK_MAX_BODY_CHARS),
                               (guint)LIVELINE_CHECK_MAX_BODY_CHARS, having + adding);
  else
    message = g_strdup_printf (ngettext ("An update can have at most %u character.",
                                         "An update can have at most %u characters.",
                                         LIVELINE_CHECK_MAX_BODY_CHARS),
                               (guint)LIVELINE_CHECK_MAX_BODY_CHARS);

  _liveline_post_editor_show_toast (self, message);
}

static void
on_body_undo (LivelinePostEditor *self,
              GtkTextBuffer      *buffer)
{
  self->undoing = TRUE;
}

static void
on_body_undo_after (LivelinePostEditor *self,
                    GtkTextBuffer      *buffer)
{
  self->undoing = FALSE;
}

static void
on_body_buffer_changed (LivelinePostEditor *self,
                        GtkTextBuffer      *buffer)
{
  g_autofree char *text = NULL;

  _liveline_post_editor_update_counts (self);

  if (self->loading_body || self->post == NULL)
    return;

  text = dup_buffer_text (buffer);

  self->storing_body = TRUE;
  liveline_post_set_body (self->post, text);
  self->storing_body = FALSE;
}

void
_liveline_post_editor_on_post_body_changed (LivelinePostEditor *self,
                                            GParamSpec         *pspec,
                                            LivelinePost       *post)
{
  g_autofree char *text = NULL;

  /* What the buffer itself just wrote: leave the buffer and its undo alone. */
  if (self->storing_body)
    return;

  text = dup_buffer_text (GTK_TEXT_BUFFER (self->body_buffer));
  if (g_strcmp0 (text, liveline_post_get_body (post)) != 0)
    _liveline_post_editor_load_body (self, liveline_post_get_body (post), TRUE);
}

static void
liveline_post_editor_update_style_scheme (LivelinePostEditor *self)
{
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  GtkSourceStyleScheme *scheme;

  scheme = gtk_source_style_scheme_manager_get_scheme (schemes,
                                                       adw_style_manager_get_dark (style_manager)
                                                         ? "Adwaita-dark" : "Adwaita");
  gtk_source_buffer_set_style_scheme (self->body_buffer, scheme);
  _liveline_post_editor_update_highlight_style (self, scheme);
}

void
_liveline_post_editor_init_body (LivelinePostEditor *self)
{
  g_assert (LIVELINE_IS_POST_EDITOR (self));

  self->body_buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->body_view)));

  /* Highlighted line by line by the editor itself, not by GtkSourceView's
   * Markdown language, whose work after a keystroke grows with the body.
   */
  gtk_source_buffer_set_highlight_syntax (self->body_buffer, FALSE);
  _liveline_post_editor_init_highlight (self);
  g_signal_connect_object (self->body_buffer, "insert-text",
                           G_CALLBACK (on_body_insert_text), self,
                           G_CONNECT_SWAPPED);
  for (guint i = 0; i < 2; i++)
    {
      const char *signal = i == 0 ? "undo" : "redo";

      g_signal_connect_object (self->body_buffer, signal, G_CALLBACK (on_body_undo), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->body_buffer, signal, G_CALLBACK (on_body_undo_after), self,
                               G_CONNECT_SWAPPED | G_CONNECT_AFTER);
    }
  g_signal_connect_object (self->body_buffer, "changed",
                           G_CALLBACK (on_body_buffer_changed), self,
                           G_CONNECT_SWAPPED);

  liveline_post_editor_update_style_scheme (self);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (liveline_post_editor_update_style_scheme), self,
                           G_CONNECT_SWAPPED);
}
