/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-server-page"

#include "config.h"

#include "liveline-markdown.h"
#include "liveline-server-private.h"

/* The public live page of a blog and the media it shows: what a reader, or
 * a journalist checking their work, opens in a browser. Plain HTML that
 * needs no script; every text from a post is escaped, and bodies are
 * rendered here from their Markdown, never taken from the client.
 */

static const char page_style[] =
  "body{font-family:system-ui,sans-serif;margin:0;background:#f6f5f4;color:#241f31}"
  "main{max-width:42rem;margin:0 auto;padding:1rem}"
  "article{background:#fff;border-radius:.5rem;padding:1rem;margin:1rem 0}"
  "article.pinned{border:2px solid #1c71d8}"
  "article.key-moment{border-left:.4rem solid #e01b24}"
  ".meta{color:#5e5c64;font-size:.9rem}"
  ".label{font-weight:bold;margin-left:.5rem}"
  "img{max-width:100%;height:auto}"
  "figcaption small{display:block;color:#5e5c64}";

static char *
format_clock (gint64 unix_time)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (unix_time);

  return g_date_time_format (time, "%H:%M");
}

static void
append_escaped (GString    *html,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append (html, escaped);
}

static void
append_post (GString            *html,
             LivelineServerPost *post)
{
  g_autofree char *body = liveline_markdown_to_html (post->body_markdown);
  g_autofree char *clock = format_clock (post->published_at);
  g_autofree char *datetime = _liveline_server_format_time (post->published_at);

  g_string_append (html, "<article id=\"post-");
  append_escaped (html, post->id);
  g_string_append_printf (html, "\" class=\"update%s%s\">\n",
                          post->pinned ? " pinned" : "",
                          post->key_moment ? " key-moment" : "");

  g_string_append_printf (html, "<p class=\"meta\"><time datetime=\"%s\">%s</time>",
                          datetime, clock);
  if (post->pinned)
    g_string_append (html, "<span class=\"label\">Pinned</span>");
  if (post->key_moment)
    g_string_append (html, "<span class=\"label\">Key moment</span>");
  if (post->updated_at != 0)
    {
      g_autofree char *updated = format_clock (post->updated_at);
      g_autofree char *updated_datetime = _liveline_server_format_time (post->updated_at);

      g_string_append_printf (html, " <span class=\"updated\">Updated "
                                    "<time datetime=\"%s\">%s</time></span>",
                              updated_datetime, updated);
    }
  g_string_append (html, "</p>\n");

  if (post->headline != NULL)
    {
      g_string_append (html, "<h2>");
      append_escaped (html, post->headline);
      g_string_append (html, "</h2>\n");
    }

  g_string_append_printf (html, "<div class=\"body\">%s</div>\n", body);

  if (post->media_file != NULL)
    {
      g_string_append (html, "<figure><img src=\"/media/");
      append_escaped (html, post->media_file);
      g_string_append (html, "\" alt=\"");
      append_escaped (html, post->alt != NULL ? post->alt : "");
      g_string_append_printf (html, "\" width=\"%u\" height=\"%u\">",
                              post->media_width, post->media_height);
      if (post->caption != NULL || post->credit != NULL)
        {
          g_string_append (html, "<figcaption>");
          if (post->caption != NULL)
            append_escaped (html, post->caption);
          if (post->credit != NULL)
            {
              g_string_append (html, " <small>Credit: ");
              append_escaped (html, post->credit);
              g_string_append (html, "</small>");
            }
          g_string_append (html, "</figcaption>");
        }
      g_string_append (html, "</figure>\n");
    }

  if (post->author != NULL)
    {
      g_string_append (html, "<p class=\"meta\">By ");
      append_escaped (html, post->author);
      g_string_append (html, "</p>\n");
    }

  g_string_append (html, "</article>\n");
}

static void
append_head (GString    *html,
             const char *title,
             gboolean    refresh)
{
  g_string_append (html, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                         "<meta name=\"viewport\" "
                         "content=\"width=device-width, initial-scale=1\">\n");
  if (refresh)
    g_string_append (html, "<meta http-equiv=\"refresh\" content=\"30\">\n");
  g_string_append_printf (html, "<title>%s</title>\n<style>%s</style>\n</head>\n<body>\n<main>\n"
                                "<h1>%s</h1>\n",
                          title, page_style, title);
}

/**
 * _liveline_server_render_page:
 * @status: (out): 200, 400 for a bad cursor, or 404 for an unknown blog
 *
 * Returns: (transfer full): the page's HTML
 */
char *
_liveline_server_render_page (LivelineServer *self,
                              const char     *blog,
                              const char     *before,
                              guint          *status)
{
  g_autoptr(GPtrArray) posts = NULL;
  GString *html = g_string_new (NULL);
  gboolean before_pinned = FALSE;
  gint64 before_seq = 0;

  if (self->store == NULL || !liveline_server_store_blog_exists (self->store, blog))
    {
      *status = 404;
      append_head (html, "No such live blog", FALSE);
      g_string_append (html, "<p>Nothing has been published here yet.</p>\n");
      g_string_append (html, "</main>\n</body>\n</html>\n");
      return g_string_free (html, FALSE);
    }

  if (before != NULL && !_liveline_server_decode_cursor (before, &before_pinned, &before_seq))
    {
      *status = 400;
      append_head (html, "Live updates", FALSE);
      g_string_append (html, "<p>This link to older updates is not valid.</p>\n");
      g_string_append (html, "</main>\n</body>\n</html>\n");
      return g_string_free (html, FALSE);
    }

  *status = 200;
  append_head (html, "Live updates", before == NULL);

  posts = liveline_server_store_list_posts (self->store, blog, before != NULL,
                                            before_pinned, before_seq,
                                            LIVELINE_SERVER_PAGE_SIZE + 1);

  if (posts->len == 0)
    g_string_append (html, "<p>No updates yet.</p>\n");

  for (guint i = 0; i < MIN (posts->len, LIVELINE_SERVER_PAGE_SIZE); i++)
    append_post (html, g_ptr_array_index (posts, i));

  if (posts->len > LIVELINE_SERVER_PAGE_SIZE)
    {
      g_autofree char *cursor =
        _liveline_server_encode_cursor (g_ptr_array_index (posts, LIVELINE_SERVER_PAGE_SIZE - 1));

      g_string_append_printf (html, "<nav><a href=\"/blogs/%s?before=%s\">Load more updates</a>"
                                    "</nav>\n",
                              blog, cursor);
    }

  g_string_append (html, "</main>\n</body>\n</html>\n");
  return g_string_free (html, FALSE);
}

void
_liveline_server_handle_page (SoupServer        *soup_server,
                              SoupServerMessage *message,
                              const char        *path,
                              GHashTable        *query,
                              gpointer           user_data)
{
  LivelineServer *self = user_data;
  const char *method = soup_server_message_get_method (message);
  g_autofree char *blog = NULL;
  g_autofree char *html = NULL;
  guint status = 404;

  if (method != SOUP_METHOD_GET && method != SOUP_METHOD_HEAD)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                    "Allow", "GET, HEAD");
      soup_server_message_set_status (message, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
      return;
    }

  if (g_str_has_prefix (path, "/blogs/"))
    blog = g_strdup (path + strlen ("/blogs/"));
  if (blog != NULL && g_str_has_suffix (blog, "/"))
    blog[strlen (blog) - 1] = '\0';

  if (blog == NULL || !_liveline_server_is_slug (blog))
    {
      soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
      soup_server_message_set_response (message, "text/plain; charset=utf-8", SOUP_MEMORY_STATIC,
                                        "Not found\n", strlen ("Not found\n"));
      return;
    }

  html = _liveline_server_render_page (self, blog,
                                       query != NULL ? g_hash_table_lookup (query, "before") : NULL,
                                       &status);

  soup_server_message_set_status (message, status, NULL);
  soup_server_message_set_response (message, "text/html; charset=utf-8", SOUP_MEMORY_TAKE,
                                    g_steal_pointer (&html), strlen (html));
}

void
_liveline_server_handle_media (SoupServer        *soup_server,
                               SoupServerMessage *message,
                               const char        *path,
                               GHashTable        *query,
                               gpointer           user_data)
{
  LivelineServer *self = user_data;
  const char *method = soup_server_message_get_method (message);
  g_autoptr(LivelineServerMedia) media = NULL;
  g_autofree char *file_path = NULL;
  g_autofree char *contents = NULL;
  const char *file = NULL;
  gsize size = 0;

  if (method != SOUP_METHOD_GET && method != SOUP_METHOD_HEAD)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                    "Allow", "GET, HEAD");
      soup_server_message_set_status (message, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
      return;
    }

  if (g_str_has_prefix (path, "/media/"))
    file = path + strlen ("/media/");

  if (file != NULL && *file != '\0' && strchr (file, '/') == NULL && self->store != NULL)
    media = liveline_server_store_find_media (self->store, NULL, file);

  if (media != NULL)
    {
      file_path = g_build_filename (liveline_server_store_get_media_dir (self->store),
                                    media->file, NULL);
      g_file_get_contents (file_path, &contents, &size, NULL);
    }

  if (media == NULL || contents == NULL)
    {
      soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
      soup_server_message_set_response (message, "text/plain; charset=utf-8", SOUP_MEMORY_STATIC,
                                        "Not found\n", strlen ("Not found\n"));
      return;
    }

  soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                "Cache-Control", "public, max-age=31536000, immutable");
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, media->content_type, SOUP_MEMORY_TAKE,
                                    g_steal_pointer (&contents), size);
}
