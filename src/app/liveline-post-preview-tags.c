/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-post-preview"

#include "config.h"

#include "liveline-post-preview-private.h"

/* The preview's text tags, which the renderer applies by name: the type,
 * spacing and indents of each part of an update, and the colours that
 * follow the light or dark style.
 */

/* How far each level of quotes and lists is indented, in pixels. */
#define INDENT_STEP 24
#define MAX_INDENT  8

GtkTextTag *
_liveline_post_preview_indent_tag (GtkTextBuffer *buffer,
                                   guint          depth)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);
  char name[16];

  depth = MIN (depth, MAX_INDENT);
  g_snprintf (name, sizeof name, "indent-%u", depth);

  return gtk_text_tag_table_lookup (table, name);
}

void
_liveline_post_preview_update_colours (LivelinePostPreview *self)
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

void
_liveline_post_preview_create_tags (LivelinePostPreview *self)
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

  _liveline_post_preview_update_colours (self);
}
