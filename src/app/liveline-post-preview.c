/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-post-preview"

#include "config.h"

#include <glib/gi18n.h>

#include "liveline-markdown.h"
#include "liveline-post-preview.h"
#include "liveline-post.h"

/* The update as readers will see it: headline, body rendered from its
 * Markdown, then the photo with its caption and credit, in one read-only
 * text view. Text is inserted as text with tags, never parsed as markup.
 */
struct _LivelinePostPreview
{
  GtkWidget      parent_instance;

  LivelinePost  *post;
  GSignalGroup  *post_signals;
  GtkWidget     *picture;
  guint          render_source;
  guint          size_tick;

  /* Template widgets */
  GtkScrolledWindow *scroller;
  GtkTextView       *text_view;
};

G_DEFINE_FINAL_TYPE (LivelinePostPreview, liveline_post_preview, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_POST,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* How far each level of quotes and lists is indented, in pixels. */
#define INDENT_STEP 24
#define MAX_INDENT  8

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

static GtkTextTag *
indent_tag (GtkTextBuffer *buffer,
            guint          depth)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);
  char name[16];

  depth = MIN (depth, MAX_INDENT);
  g_snprintf (name, sizeof name, "indent-%u", depth);

  return gtk_text_tag_table_lookup (table, name);
}

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
    gtk_text_buffer_apply_tag (buffer, indent_tag (buffer, depth), &start, &end);
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

/* A picture in a text view is given the size it asks for, so it asks for
 * the width of the text, and the height that keeps its shape.
 */
static gboolean
liveline_post_preview_size_picture (LivelinePostPreview *self,
                                    gboolean             apply)
{
  guint image_width;
  guint image_height;
  int available;
  int width;
  int height;
  int old_width;
  int old_height;

  if (self->picture == NULL || self->post == NULL)
    return FALSE;

  image_width = liveline_post_get_image_width (self->post);
  image_height = liveline_post_get_image_height (self->post);
  if (image_width == 0 || image_height == 0)
    {
      GdkPaintable *paintable = gtk_picture_get_paintable (GTK_PICTURE (self->picture));

      if (paintable == NULL)
        return FALSE;

      image_width = gdk_paintable_get_intrinsic_width (paintable);
      image_height = gdk_paintable_get_intrinsic_height (paintable);
      if (image_width == 0 || image_height == 0)
        return FALSE;
    }

  available = gtk_widget_get_width (GTK_WIDGET (self->text_view)) -
              gtk_text_view_get_left_margin (self->text_view) -
              gtk_text_view_get_right_margin (self->text_view);
  if (available <= 0)
    return FALSE;

  width = MIN ((guint)available, image_width);
  height = (int)((double)width * image_height / image_width + .5);

  gtk_widget_get_size_request (self->picture, &old_width, &old_height);
  if (old_width == width && old_height == height)
    return FALSE;

  if (apply)
    gtk_widget_set_size_request (self->picture, width, height);

  return TRUE;
}

static gboolean
on_size_tick (GtkWidget     *widget,
              GdkFrameClock *frame_clock,
              gpointer       user_data)
{
  LivelinePostPreview *self = LIVELINE_POST_PREVIEW (widget);

  self->size_tick = 0;
  liveline_post_preview_size_picture (self, TRUE);

  return G_SOURCE_REMOVE;
}

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

static void
liveline_post_preview_render (LivelinePostPreview *self)
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
  liveline_post_preview_size_picture (self, TRUE);

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

static gboolean
on_render_timeout (gpointer user_data)
{
  LivelinePostPreview *self = user_data;

  self->render_source = 0;
  liveline_post_preview_render (self);

  return G_SOURCE_REMOVE;
}

/* A burst of changes, like a restored revision, is rendered once. */
static void
on_post_notify (LivelinePostPreview *self,
                GParamSpec          *pspec,
                LivelinePost        *post)
{
  if (self->render_source != 0)
    return;

  self->render_source = g_idle_add_full (G_PRIORITY_LOW, on_render_timeout, self, NULL);
  g_source_set_name_by_id (self->render_source, "[liveline] render preview");
}

static void
liveline_post_preview_update_colours (LivelinePostPreview *self)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  GtkTextTagTable *table;
  GdkRGBA link;
  GdkRGBA dim;

  table = gtk_text_buffer_get_tag_table (gtk_text_view_get_buffer (self->text_view));

  /* Adwaita's link colours, which text tags cannot take from CSS. */
  if (adw_style_manager_get_dark (style_manager))
    {
      gdk_rgba_parse (&link, "#78aeed");
      gdk_rgba_parse (&dim, "rgba(255,255,255,0.6)");
    }
  else
    {
      gdk_rgba_parse (&link, "#1c71d8");
      gdk_rgba_parse (&dim, "rgba(0,0,0,0.6)");
    }

  g_object_set (gtk_text_tag_table_lookup (table, "link"), "foreground-rgba", &link, NULL);
  g_object_set (gtk_text_tag_table_lookup (table, "credit"), "foreground-rgba", &dim, NULL);
  g_object_set (gtk_text_tag_table_lookup (table, "quote"), "foreground-rgba", &dim, NULL);
}

static void
liveline_post_preview_create_tags (LivelinePostPreview *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  int left_margin = gtk_text_view_get_left_margin (self->text_view);

  gtk_text_buffer_create_tag (buffer, "headline",
                              "weight", PANGO_WEIGHT_BOLD,
                              "scale", 1.6,
                              "pixels-below-lines", 12,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "paragraph",
                              "pixels-below-lines", 12,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "heading",
                              "weight", PANGO_WEIGHT_BOLD,
                              "scale", 1.2,
                              "pixels-below-lines", 6,
                              "pixels-above-lines", 6,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "quote",
                              "style", PANGO_STYLE_ITALIC,
                              "pixels-below-lines", 12,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "item",
                              "pixels-below-lines", 6,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "code-block",
                              "family", "monospace",
                              "pixels-below-lines", 12,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "break",
                              "justification", GTK_JUSTIFY_CENTER,
                              "pixels-below-lines", 12,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "emphasis",
                              "style", PANGO_STYLE_ITALIC,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "strong",
                              "weight", PANGO_WEIGHT_BOLD,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "code",
                              "family", "monospace",
                              NULL);
  gtk_text_buffer_create_tag (buffer, "link",
                              "underline", PANGO_UNDERLINE_SINGLE,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "caption",
                              "pixels-above-lines", 6,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "credit",
                              "scale", PANGO_SCALE_SMALL,
                              "pixels-above-lines", 3,
                              NULL);

  gtk_text_buffer_create_tag (buffer, "block-end",
                              "pixels-below-lines", 12,
                              NULL);

  /* Made after the others, and deeper ones last, so the deepest wins. */
  for (guint depth = 1; depth <= MAX_INDENT; depth++)
    {
      char name[16];

      g_snprintf (name, sizeof name, "indent-%u", depth);
      gtk_text_buffer_create_tag (buffer, name,
                                  "left-margin", left_margin + (int)depth * INDENT_STEP,
                                  NULL);
    }

  liveline_post_preview_update_colours (self);
}

static gboolean
on_query_tooltip (LivelinePostPreview *self,
                  int                  x,
                  int                  y,
                  gboolean             keyboard_mode,
                  GtkTooltip          *tooltip,
                  GtkTextView         *text_view)
{
  g_autoptr(GSList) tags = NULL;
  GtkTextIter iter;
  int buffer_x;
  int buffer_y;

  if (keyboard_mode)
    return FALSE;

  gtk_text_view_window_to_buffer_coords (text_view, GTK_TEXT_WINDOW_WIDGET,
                                         x, y, &buffer_x, &buffer_y);
  if (!gtk_text_view_get_iter_at_location (text_view, &iter, buffer_x, buffer_y))
    return FALSE;

  tags = gtk_text_iter_get_tags (&iter);
  for (const GSList *l = tags; l != NULL; l = l->next)
    {
      const char *url = g_object_get_data (l->data, "url");

      if (url != NULL)
        {
          gtk_tooltip_set_text (tooltip, url);
          return TRUE;
        }
    }

  return FALSE;
}

static void
liveline_post_preview_measure (GtkWidget      *widget,
                               GtkOrientation  orientation,
                               int             for_size,
                               int            *minimum,
                               int            *natural,
                               int            *minimum_baseline,
                               int            *natural_baseline)
{
  LivelinePostPreview *self = LIVELINE_POST_PREVIEW (widget);

  gtk_widget_measure (GTK_WIDGET (self->scroller), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
liveline_post_preview_size_allocate (GtkWidget *widget,
                                     int        width,
                                     int        height,
                                     int        baseline)
{
  LivelinePostPreview *self = LIVELINE_POST_PREVIEW (widget);

  gtk_widget_allocate (GTK_WIDGET (self->scroller), width, height, baseline, NULL);

  /* Only now is the width of the text known. The picture is resized before
   * the next frame is laid out: resizing it in the middle of this one would
   * leave it unallocated when it is drawn.
   */
  if (self->size_tick == 0 && liveline_post_preview_size_picture (self, FALSE))
    self->size_tick = gtk_widget_add_tick_callback (widget, on_size_tick, NULL, NULL);
}

static void
liveline_post_preview_dispose (GObject *object)
{
  LivelinePostPreview *self = (LivelinePostPreview *)object;

  g_clear_handle_id (&self->render_source, g_source_remove);

  if (self->size_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->size_tick);
      self->size_tick = 0;
    }

  if (self->post_signals != NULL)
    g_signal_group_set_target (self->post_signals, NULL);

  self->picture = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), LIVELINE_TYPE_POST_PREVIEW);

  g_clear_object (&self->post_signals);
  g_clear_object (&self->post);

  G_OBJECT_CLASS (liveline_post_preview_parent_class)->dispose (object);
}

static void
liveline_post_preview_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  LivelinePostPreview *self = LIVELINE_POST_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_POST:
      g_value_set_object (value, self->post);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liveline_post_preview_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  LivelinePostPreview *self = LIVELINE_POST_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_POST:
      liveline_post_preview_set_post (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liveline_post_preview_class_init (LivelinePostPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = liveline_post_preview_dispose;
  object_class->get_property = liveline_post_preview_get_property;
  object_class->set_property = liveline_post_preview_set_property;

  widget_class->measure = liveline_post_preview_measure;
  widget_class->size_allocate = liveline_post_preview_size_allocate;

  /* The update shown. */
  properties[PROP_POST] =
    g_param_spec_object ("post", NULL, NULL,
                         LIVELINE_TYPE_POST,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/liveline-post-preview.ui");
  gtk_widget_class_bind_template_child (widget_class, LivelinePostPreview, scroller);
  gtk_widget_class_bind_template_child (widget_class, LivelinePostPreview, text_view);
  gtk_widget_class_bind_template_callback (widget_class, on_query_tooltip);
  gtk_widget_class_set_css_name (widget_class, "postpreview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
liveline_post_preview_init (LivelinePostPreview *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  liveline_post_preview_create_tags (self);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (liveline_post_preview_update_colours), self,
                           G_CONNECT_SWAPPED);

  self->post_signals = g_signal_group_new (LIVELINE_TYPE_POST);
  g_signal_group_connect_object (self->post_signals, "notify",
                                 G_CALLBACK (on_post_notify), self,
                                 G_CONNECT_SWAPPED);
}

/**
 * liveline_post_preview_new:
 *
 * Returns: (transfer floating): a new #LivelinePostPreview
 */
LivelinePostPreview *
liveline_post_preview_new (void)
{
  return g_object_new (LIVELINE_TYPE_POST_PREVIEW, NULL);
}

LivelinePost *
liveline_post_preview_get_post (LivelinePostPreview *self)
{
  g_return_val_if_fail (LIVELINE_IS_POST_PREVIEW (self), NULL);

  return self->post;
}

/**
 * liveline_post_preview_set_post:
 * @self: a #LivelinePostPreview
 * @post: (nullable): the update to show
 *
 * Shows @post, and follows its changes from now on.
 */
void
liveline_post_preview_set_post (LivelinePostPreview *self,
                                LivelinePost        *post)
{
  g_return_if_fail (LIVELINE_IS_POST_PREVIEW (self));
  g_return_if_fail (!post || LIVELINE_IS_POST (post));

  if (!g_set_object (&self->post, post))
    return;

  g_signal_group_set_target (self->post_signals, post);
  liveline_post_preview_render (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POST]);
}
