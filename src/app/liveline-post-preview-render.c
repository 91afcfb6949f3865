/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-post-preview"

#include "config.h"

#include <glib/gi18n.h>

#include "liveline-markdown.h"
#include "liveline-post-preview-private.h"

/* Writing the update into the preview's text buffer: the headline, the body
 * walked from its Markdown with a tag for each part, then the photo with its
 * caption and credit. Everything is written again on each change.
 */

/* A part of the body being written into the buffer. */
typedef struct
{
  LivelineMarkdownNode  node;
  int                   start;
  GtkTextTag           *link_tag;
} Frame;

typedef struct
{
  LivelinePostPreview *self;
  GtkTextBuffer       *buffer;
  GArray              *frames;
} Renderer;

static int
buffer_length (GtkTextBuffer *buffer)
{
  return gtk_text_buffer_get_char_count (buffer);
}

static void
append (GtkTextBuffer *buffer,
        const char    *text)
{
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, text, -1);
}

static void
append_with_tags (GtkTextBuffer *buffer,
                  const char    *text,
                  const char    *first_tag,
                  ...)
{
  GtkTextIter start;
  GtkTextIter end;
  int offset = buffer_length (buffer);
  va_list args;

  append (buffer, text);

  gtk_text_buffer_get_iter_at_offset (buffer, &start, offset);
  gtk_text_buffer_get_end_iter (buffer, &end);

  va_start (args, first_tag);
  for (const char *tag = first_tag; tag != NULL; tag = va_arg (args, const char *))
    gtk_text_buffer_apply_tag_by_name (buffer, tag, &start, &end);
  va_end (args);
}

/* Blocks start on a line of their own. */
static void
start_line (GtkTextBuffer *buffer)
{
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (buffer, &end);
  if (!gtk_text_iter_is_start (&end) && !gtk_text_iter_starts_line (&end))
    gtk_text_buffer_insert (buffer, &end, "\n", 1);
}

static guint
nesting_depth (Renderer *renderer)
{
  guint depth = 0;

  for (guint i = 0; i < renderer->frames->len; i++)
    {
      Frame *frame = &g_array_index (renderer->frames, Frame, i);

      if (frame->node == LIVELINE_MARKDOWN_QUOTE || frame->node == LIVELINE_MARKDOWN_LIST_ITEM)
        depth++;
    }

  return depth;
}

static void
render_enter (LivelineMarkdownNode  node,
              guint                 detail,
              const char           *url,
              gpointer              user_data)
{
  Renderer *renderer = user_data;
  GtkTextBuffer *buffer = renderer->buffer;
  Frame frame = { node, 0, NULL };

  switch (node)
    {
    case LIVELINE_MARKDOWN_PARAGRAPH:
    case LIVELINE_MARKDOWN_HEADING:
    case LIVELINE_MARKDOWN_QUOTE:
    case LIVELINE_MARKDOWN_CODE_BLOCK:
    case LIVELINE_MARKDOWN_BULLET_LIST:
    case LIVELINE_MARKDOWN_ORDERED_LIST:
      start_line (buffer);
      break;

    case LIVELINE_MARKDOWN_LIST_ITEM:
      {
        gboolean ordered = FALSE;

        for (guint i = renderer->frames->len; i > 0; i--)
          {
            Frame *list = &g_array_index (renderer->frames, Frame, i - 1);

            if (list->node == LIVELINE_MARKDOWN_ORDERED_LIST ||
                list->node == LIVELINE_MARKDOWN_BULLET_LIST)
              {
                ordered = list->node == LIVELINE_MARKDOWN_ORDERED_LIST;
                break;
              }
          }

        start_line (buffer);
        frame.start = buffer_length (buffer);

        if (ordered)
          {
            g_autofree char *number = g_strdup_printf ("%u.\u2002", detail);

            append (buffer, number);
          }
        else
          {
            append (buffer, "•\u2002");
          }

        g_array_append_val (renderer->frames, frame);
        return;
      }

    case LIVELINE_MARKDOWN_THEMATIC_BREAK:
      start_line (buffer);
      frame.start = buffer_length (buffer);
      append (buffer, "⁂");
      g_array_append_val (renderer->frames, frame);
      return;

    case LIVELINE_MARKDOWN_LINK:
      frame.link_tag = gtk_text_buffer_create_tag (buffer, NULL, NULL);
      g_object_set_data_full (G_OBJECT (frame.link_tag), "url", g_strdup (url), g_free);
      break;

    case LIVELINE_MARKDOWN_LINE_BREAK:
      append (buffer, "\u2028");
      break;

    case LIVELINE_MARKDOWN_SOFT_BREAK:
      append (buffer, " ");
      break;

    case LIVELINE_MARKDOWN_EMPHASIS:
    case LIVELINE_MARKDOWN_STRONG:
    case LIVELINE_MARKDOWN_CODE:
    default:
      break;
    }

  frame.start = buffer_length (buffer);
  g_array_append_val (renderer->frames, frame);
}

static void
render_leave (LivelineMarkdownNode  node,
              gpointer              user_data)
{
  Renderer *renderer = user_data;
  GtkTextBuffer *buffer = renderer->buffer;
  const char *tag_name = NULL;
  GtkTextIter start;
  GtkTextIter end;
  Frame frame;
  guint depth;

  g_return_if_fail (renderer->frames->len > 0);

  depth = nesting_depth (renderer);
  frame = g_array_index (renderer->frames, Frame, renderer->frames->len - 1);
  g_array_set_size (renderer->frames, renderer->frames->len - 1);

  gtk_text_buffer_get_iter_at_offset (buffer, &start, frame.start);
  gtk_text_buffer_get_end_iter (buffer, &end);

  switch (frame.node)
    {
    case LIVELINE_MARKDOWN_PARAGRAPH:
      tag_name = "paragraph";
      break;

    case LIVELINE_MARKDOWN_HEADING:
      tag_name = "heading";
      break;

    case LIVELINE_MARKDOWN_QUOTE:
      tag_name = "quote";
      break;

    case LIVELINE_MARKDOWN_LIST_ITEM:
      tag_name = "item";
      break;

    case LIVELINE_MARKDOWN_CODE_BLOCK:
      tag_name = "code-block";
      break;

    case LIVELINE_MARKDOWN_THEMATIC_BREAK:
      tag_name = "break";
      break;

    case LIVELINE_MARKDOWN_EMPHASIS:
      tag_name = "emphasis";
      break;

    case LIVELINE_MARKDOWN_STRONG:
      tag_name = "strong";
      break;

    case LIVELINE_MARKDOWN_CODE:
      tag_name = "code";
      break;

    case LIVELINE_MARKDOWN_LINK:
      tag_name = "link";
      gtk_text_buffer_apply_tag (buffer, frame.link_tag, &start, &end);
      break;

    case LIVELINE_MARKDOWN_BULLET_LIST:
    case LIVELINE_MARKDOWN_ORDERED_LIST:
    case LIVELINE_MARKDOWN_LINE_BREAK:
    case LIVELINE_MARKDOWN_SOFT_BREAK:
    default:
      break;
    }

  if (tag_name != NULL)
    gtk_text_buffer_apply_tag_by_name (buffer, tag_name, &start, &end);

  /* The last item of a list is as far from what follows as a paragraph. */
  if (frame.node == LIVELINE_MARKDOWN_BULLET_LIST || frame.node == LIVELINE_MARKDOWN_ORDERED_LIST)
    {
      gtk_text_iter_set_line_offset (&end, 0);
      gtk_text_buffer_get_end_iter (buffer, &start);
      gtk_text_buffer_apply_tag_by_name (buffer, "block-end", &end, &start);
      gtk_text_buffer_get_end_iter (buffer, &end);
    }

  if (depth > 0 &&
      (frame.node == LIVELINE_MARKDOWN_QUOTE || frame.node == LIVELINE_MARKDOWN_LIST_ITEM))
    gtk_text_buffer_apply_tag (buffer, _liveline_post_preview_indent_tag (buffer, depth),
                               &start, &end);
}

static void
render_text (const char *text,
             gpointer    user_data)
{
  Renderer *renderer = user_data;

  append (renderer->buffer, text);
}

static const LivelineMarkdownVisitor visitor = {
  render_enter,
  render_leave,
  render_text,
};

static void
collect_link_tag (GtkTextTag *tag,
                  gpointer    user_data)
{
  GPtrArray *link_tags = user_data;

  if (g_object_get_data (G_OBJECT (tag), "url") != NULL)
    g_ptr_array_add (link_tags, tag);
}

/* Each link has a tag of its own that knows its address; they go with the
 * text they were made for.
 */
static void
remove_link_tags (GtkTextBuffer *buffer)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);
  g_autoptr(GPtrArray) link_tags = g_ptr_array_new ();

  gtk_text_tag_table_foreach (table, collect_link_tag, link_tags);
  for (guint i = 0; i < link_tags->len; i++)
    gtk_text_tag_table_remove (table, g_ptr_array_index (link_tags, i));
}

void
_liveline_post_preview_render (LivelinePostPreview *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter end;
  const char *headline;
  const char *caption;
  const char *credit;
  Renderer renderer;

  g_assert (LIVELINE_IS_POST_PREVIEW (self));

  g_clear_handle_id (&self->render_source, g_source_remove);

  buffer = gtk_text_view_get_buffer (self->text_view);

  if (self->picture != NULL)
    {
      gtk_text_view_remove (self->text_view, self->picture);
      self->picture = NULL;
    }

  gtk_text_buffer_set_text (buffer, "", 0);

  remove_link_tags (buffer);

  if (self->post == NULL)
    return;

  headline = liveline_post_get_headline (self->post);
  if (headline != NULL && headline[0] != '\0')
    {
      append_with_tags (buffer, headline, "headline", NULL);
      append (buffer, "\n");
    }

  renderer.self = self;
  renderer.buffer = buffer;
  renderer.frames = g_array_new (FALSE, FALSE, sizeof (Frame));
  liveline_markdown_walk (liveline_post_get_body (self->post), &visitor, &renderer);
  g_array_unref (renderer.frames);

  if (!liveline_post_has_image (self->post))
    return;

  start_line (buffer);
  gtk_text_buffer_get_end_iter (buffer, &end);
  self->picture = gtk_picture_new_for_filename (liveline_post_get_image_path (self->post));
  gtk_picture_set_can_shrink (GTK_PICTURE (self->picture), TRUE);
  gtk_picture_set_alternative_text (GTK_PICTURE (self->picture),
                                    liveline_post_get_image_alt (self->post));
  gtk_widget_set_overflow (self->picture, GTK_OVERFLOW_HIDDEN);
  gtk_widget_add_css_class (self->picture, "photo");
  gtk_text_view_add_child_at_anchor (self->text_view, self->picture,
                                     gtk_text_buffer_create_child_anchor (buffer, &end));
  _liveline_post_preview_size_picture (self, TRUE);

  caption = liveline_post_get_image_caption (self->post);
  if (caption != NULL && caption[0] != '\0')
    {
      append (buffer, "\n");
      append_with_tags (buffer, caption, "caption", NULL);
    }

  credit = liveline_post_get_image_credit (self->post);
  if (credit != NULL && credit[0] != '\0')
    {
      g_autofree char *line = NULL;

      /* Translators: under a photo; %s is who took or supplied it */
      line = g_strdup_printf (_("Credit: %s"), credit);
      append (buffer, "\n");
      append_with_tags (buffer, line, "credit", NULL);
    }
}
