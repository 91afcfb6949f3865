/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-post-html"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "liveline-markdown.h"
#include "liveline-post-html.h"
#include "liveline-post.h"

/* An update as HTML for endpoints that take a post's whole content as
 * HTML (WordPress, Micropub): the body, then the photo in a figure with its
 * caption and credit, so the photo shows with both even where a theme
 * ignores featured images.
 */

static gboolean
has_text (const char *text)
{
  return text != NULL && text[0] != '\0';
}

/**
 * liveline_post_html_caption_credit:
 * @post: a #LivelinePost with a photo
 *
 * Returns: (transfer full): the photo's caption followed by its credit, as
 *   "Voters queue in Leeds. Credit: Reuters", in plain text; empty when
 *   there is neither
 */
char *
liveline_post_html_caption_credit (LivelinePost *post)
{
  const char *caption = liveline_post_get_image_caption (post);
  const char *credit = liveline_post_get_image_credit (post);
  GString *text = g_string_new (has_text (caption) ? caption : "");

  if (has_text (credit))
    {
      if (text->len > 0)
        g_string_append_c (text, ' ');
      /* Translators: what follows a photo's caption; %s is who took it */
      g_string_append_printf (text, _("Credit: %s"), credit);
    }

  return g_string_free (text, FALSE);
}

/**
 * liveline_post_html_render:
 * @post: a #LivelinePost
 * @photo_url: (nullable): where the endpoint serves the post's photo, or
 *   %NULL to leave the photo out
 *
 * Returns: (transfer full): the body as HTML (raw HTML in it neutralised,
 *   see liveline_markdown_to_html()), and the photo's figure after it
 */
char *
liveline_post_html_render (LivelinePost *post,
                           const char   *photo_url)
{
  g_autofree char *body = liveline_markdown_to_html (liveline_post_get_body (post));
  const char *caption = liveline_post_get_image_caption (post);
  const char *credit = liveline_post_get_image_credit (post);
  g_autofree char *url = NULL;
  g_autofree char *alt = NULL;
  GString *html = g_string_new (body);

  if (photo_url == NULL)
    return g_string_free (html, FALSE);

  url = g_markup_escape_text (photo_url, -1);
  alt = g_markup_escape_text (liveline_post_get_image_alt (post) ?: "", -1);
  g_string_append_printf (html, "<figure class=\"liveline-photo\"><img src=\"%s\" alt=\"%s\"", url, alt);
  if (liveline_post_get_image_width (post) > 0 && liveline_post_get_image_height (post) > 0)
    g_string_append_printf (html, " width=\"%u\" height=\"%u\"",
                            liveline_post_get_image_width (post),
                            liveline_post_get_image_height (post));
  g_string_append (html, ">");

  if (has_text (caption) || has_text (credit))
    {
      g_string_append (html, "<figcaption>");
      if (has_text (caption))
        {
          g_autofree char *escaped = g_markup_escape_text (caption, -1);

          g_string_append (html, escaped);
        }
      if (has_text (credit))
        {
          g_autofree char *line = NULL;
          g_autofree char *escaped = NULL;

          /* Translators: what follows a photo's caption; %s is who took it */
          line = g_strdup_printf (_("Credit: %s"), credit);
          escaped = g_markup_escape_text (line, -1);
          g_string_append_printf (html, "%s<span class=\"credit\">%s</span>",
                                  has_text (caption) ? " " : "", escaped);
        }
      g_string_append (html, "</figcaption>");
    }

  g_string_append (html, "</figure>");

  return g_string_free (html, FALSE);
}
