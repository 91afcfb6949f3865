/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-post-preview"

#include "config.h"

#include "liveline-post-preview-private.h"

/* The update as readers will see it: headline, body rendered from its
 * Markdown, then the photo with its caption and credit, in one read-only
 * text view. Text is inserted as text with tags, never parsed as markup.
 */

G_DEFINE_FINAL_TYPE (LivelinePostPreview, liveline_post_preview, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_POST,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A picture in a text view is given the size it asks for, so it asks for
 * the width of the text, and the height that keeps its shape.
 */
gboolean
_liveline_post_preview_size_picture (LivelinePostPreview *self,
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
  _liveline_post_preview_size_picture (self, TRUE);

  return G_SOURCE_REMOVE;
}

static gboolean
on_render_timeout (gpointer user_data)
{
  LivelinePostPreview *self = user_data;

  self->render_source = 0;
  _liveline_post_preview_render (self);

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
  if (self->size_tick == 0 && _liveline_post_preview_size_picture (self, FALSE))
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

  _liveline_post_preview_create_tags (self);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (_liveline_post_preview_update_colours), self,
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
  _liveline_post_preview_render (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POST]);
}
