/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-micropub-publisher"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "liveline-endpoint-url.h"
#include "liveline-micropub-publisher-private.h"

/* Where a Micropub site takes posts and photos, found once per publisher,
 * the first time something is sent: the address the journalist typed is
 * fetched (without the token: it may be any page) and its `Link` headers,
 * then its HTML, are read for rel="micropub" and rel="media-endpoint". When
 * it names no Micropub endpoint, the address is the endpoint itself. When
 * it names no media endpoint, the endpoint's q=config is asked, only when a
 * photo is to be sent. A redirect of that page is followed by hand, so that
 * each address it leads to is checked like the typed one; the token never
 * follows a redirect.
 */

#define MAX_REDIRECTS 5

typedef struct
{
  gboolean     with_media;
  char        *page_url;
  guint        redirects;
  SoupMessage *message;
} Discovery;

static void
discovery_free (Discovery *discovery)
{
  g_free (discovery->page_url);
  g_clear_object (&discovery->message);
  g_free (discovery);
}

/* Reading links */

static gboolean
rel_has (const char *rel,
         const char *wanted)
{
  g_auto(GStrv) tokens = g_strsplit_set (rel, " \t\r\n\f", -1);

  for (guint i = 0; tokens[i] != NULL; i++)
    if (g_ascii_strcasecmp (tokens[i], wanted) == 0)
      return TRUE;

  return FALSE;
}

/* Keeps @target for the rels it has that are still missing. */
static void
take_link (const char  *rel,
           const char  *target,
           char       **micropub,
           char       **media)
{
  if (rel == NULL || target == NULL || target[0] == '\0')
    return;

  if (*micropub == NULL && rel_has (rel, "micropub"))
    *micropub = g_strdup (target);
  if (*media == NULL && rel_has (rel, "media-endpoint"))
    *media = g_strdup (target);
}

static const char *
skip_space (const char *p)
{
  while (*p != '\0' && g_ascii_isspace (*p))
    p++;

  return p;
}

/* One parameter's value, quoted or not; @p is left after it. */
static char *
read_param_value (const char **p)
{
  const char *start = *p;
  GString *value = g_string_new (NULL);

  if (*start == '"')
    {
      const char *q = start + 1;

      while (*q != '\0' && *q != '"')
        {
          if (*q == '\\' && q[1] != '\0')
            q++;
          g_string_append_c (value, *q++);
        }
      *p = *q == '"' ? q + 1 : q;
    }
  else
    {
      const char *q = start;

      while (*q != '\0' && *q != ';' && *q != ',' && !g_ascii_isspace (*q))
        g_string_append_c (value, *q++);
      *p = q;
    }

  return g_string_free (value, FALSE);
}

/* Link: <https://example.com/micropub>; rel="micropub", </media>; rel=media-endpoint
 * (RFC 8288), all the Link headers joined by commas.
 */
static void
scan_link_header (const char  *header,
                  char       **micropub,
                  char       **media)
{
  const char *p = header;

  while (*p != '\0')
    {
      g_autofree char *target = NULL;
      g_autofree char *rel = NULL;
      const char *end;

      while (*p == ',' || g_ascii_isspace (*p))
        p++;
      if (*p != '<')
        {
          /* Not a link: on to the next one. */
          while (*p != '\0' && *p != ',')
            p++;
          continue;
        }

      end = strchr (p, '>');
      if (end == NULL)
        return;
      target = g_strndup (p + 1, end - p - 1);
      p = end + 1;

      while (*(p = skip_space (p)) == ';')
        {
          const char *name = p = skip_space (p + 1);
          gsize name_length;

          while (*p != '\0' && *p != '=' && *p != ';' && *p != ',' && !g_ascii_isspace (*p))
            p++;
          name_length = p - name;
          p = skip_space (p);
          if (*p != '=')
            continue;
          p = skip_space (p + 1);

          {
            g_autofree char *value = read_param_value (&p);

            if (name_length == 3 && g_ascii_strncasecmp (name, "rel", 3) == 0 && rel == NULL)
              rel = g_steal_pointer (&value);
          }
        }

      take_link (rel, target, micropub, media);
    }
}

static char *
decode_entities (const char *text)
{
  GString *decoded = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_strncasecmp (p, "&amp;", 5) == 0)
        {
          g_string_append_c (decoded, '&');
          p += 4;
        }
      else
        g_string_append_c (decoded, *p);
    }

  return g_string_free (decoded, FALSE);
}

/* The attributes of the tag whose name ends at @p, up to its '>'; only
 * rel and href are kept. Returns where the tag ends.
 */
static const char *
read_tag (const char  *p,
          char       **rel,
          char       **href)
{
  while (*p != '\0' && *p != '>')
    {
      const char *name;
      gsize name_length;
      char *value = NULL;

      p = skip_space (p);
      name = p;
      while (*p != '\0' && *p != '=' && *p != '>' && *p != '/' && !g_ascii_isspace (*p))
        p++;
      name_length = p - name;
      if (name_length == 0)
        {
          /* A stray '/' or '=': not an attribute. */
          if (*p != '\0' && *p != '>')
            p++;
          continue;
        }

      p = skip_space (p);
      if (*p == '=')
        {
          const char *start;

          p = skip_space (p + 1);
          if (*p == '"' || *p == '\'')
            {
              char quote = *p++;

              start = p;
              while (*p != '\0' && *p != quote)
                p++;
              value = g_strndup (start, p - start);
              if (*p == quote)
                p++;
            }
          else
            {
              start = p;
              while (*p != '\0' && *p != '>' && !g_ascii_isspace (*p))
                p++;
              value = g_strndup (start, p - start);
            }
        }

      if (value != NULL && name_length == 3 && g_ascii_strncasecmp (name, "rel", 3) == 0 && *rel == NULL)
        *rel = value;
      else if (value != NULL && name_length == 4 && g_ascii_strncasecmp (name, "href", 4) == 0 && *href == NULL)
        *href = value;
      else
        g_free (value);
    }

  return p;
}

/* <link rel="micropub" href="…"> or <a rel="micropub" href="…">: a tolerant
 * scan, not a parser, which skips comments and reads each tag's attributes.
 */
static void
scan_html (const char  *html,
           char       **micropub,
           char       **media)
{
  const char *p = html;

  while ((p = strchr (p, '<')) != NULL)
    {
      g_autofree char *rel = NULL;
      g_autofree char *href = NULL;
      g_autofree char *target = NULL;
      gsize name_length = 0;

      if (g_str_has_prefix (p, "<!--"))
        {
          const char *end = strstr (p + 4, "-->");

          if (end == NULL)
            return;
          p = end + 3;
          continue;
        }

      p++;
      while (g_ascii_isalnum (p[name_length]))
        name_length++;

      if (!((name_length == 4 && g_ascii_strncasecmp (p, "link", 4) == 0) ||
            (name_length == 1 && g_ascii_tolower (*p) == 'a')))
        {
          p += name_length;
          continue;
        }

      p = read_tag (p + name_length, &rel, &href);
      if (href != NULL)
        target = decode_entities (href);
      take_link (rel, target, micropub, media);
    }
}

/* @href made absolute against the page or endpoint that named it; %NULL
 * when it is none, or not a web address. */
static char *
resolve (const char *base,
         const char *href)
{
  return liveline_uri_resolve_web (base, href);
}

/* The root of @url's site: https://example.com/ */
static char *
dup_origin (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  if (uri == NULL)
    return g_strdup (url);

  return g_uri_join (G_URI_FLAGS_NONE, g_uri_get_scheme (uri), NULL, g_uri_get_host (uri),
                     g_uri_get_port (uri), "/", NULL, NULL);
}

/* A WordPress site names its REST API on every page, in a Link header and
 * in the page's head, with the relation "https://api.w.org/". A page that
 * does so and names no Micropub endpoint is a WordPress site given as a
 * Micropub one: its home page would answer every Micropub request.
 */
#define WORDPRESS_API_REL "https://api.w.org/"

static gboolean
looks_like_wordpress (const char *links,
                      const char *html)
{
  return (links != NULL && strstr (links, WORDPRESS_API_REL) != NULL) ||
         (html != NULL && strstr (html, WORDPRESS_API_REL) != NULL);
}

static GError *
wordpress_site_error (void)
{
  return liveline_publisher_error_new_literal (LIVELINE_PUBLISHER_ERROR_PERMANENT, 0,
                                               _("This looks like a WordPress site: choose "
                                                 "WordPress as the kind of destination."));
}

static GError *
not_a_web_address (void)
{
  return liveline_publisher_error_new_literal (LIVELINE_PUBLISHER_ERROR_PERMANENT, 0,
                                               _("The address of the blog’s endpoint is not a web address."));
}

/* q=config */

/**
 * _liveline_micropub_publisher_remember_config:
 * @self: a #LivelineMicropubPublisher
 * @config: what the endpoint answered to q=config
 *
 * Keeps the media endpoint @config names, when the site's page named none.
 */
void
_liveline_micropub_publisher_remember_config (LivelineMicropubPublisher *self,
                                              JsonObject                *config)
{
  const char *media = _liveline_micropub_publisher_get_string (config, "media-endpoint");

  self->config_asked = TRUE;
  if (self->media_endpoint == NULL && media != NULL)
    self->media_endpoint = resolve (self->endpoint, media);
}

static void
on_config (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  LivelineMicropubPublisher *self = LIVELINE_MICROPUB_PUBLISHER (object);
  g_autoptr(GTask) task = user_data;
  Discovery *discovery = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) config = NULL;
  guint status;

  if (!(body = _liveline_micropub_publisher_send_finish (self, result, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  status = soup_message_get_status (discovery->message);
  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      if (!(config = _liveline_micropub_publisher_parse_object (body, LIVELINE_ANSWER_DISCOVERY, &error)))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      _liveline_micropub_publisher_remember_config (self, config);
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* A server that does not answer q=config has nothing more to say. */
  if (status == SOUP_STATUS_BAD_REQUEST || status == SOUP_STATUS_NOT_FOUND ||
      status == SOUP_STATUS_METHOD_NOT_ALLOWED || status == SOUP_STATUS_NOT_IMPLEMENTED)
    {
      self->config_asked = TRUE;
      g_task_return_boolean (task, TRUE);
      return;
    }

  g_task_return_error (task, _liveline_micropub_publisher_error_from_status (discovery->message, body));
}

static void
ask_config_if_needed (LivelineMicropubPublisher *self,
                      GTask                     *task)
{
  Discovery *discovery = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!discovery->with_media || self->media_endpoint != NULL || self->config_asked)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  g_clear_object (&discovery->message);
  discovery->message = _liveline_micropub_publisher_new_query (self, "config", NULL, &error);
  if (discovery->message == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  _liveline_micropub_publisher_send_kind_async (self, discovery->message, LIVELINE_ANSWER_DISCOVERY,
                                                g_task_get_cancellable (task), on_config,
                                                g_object_ref (task));
}

/* The page */

static void fetch_page (LivelineMicropubPublisher *self,
                        GTask                     *task);

static void
on_page (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  LivelineMicropubPublisher *self = LIVELINE_MICROPUB_PUBLISHER (object);
  g_autoptr(GTask) task = user_data;
  Discovery *discovery = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *micropub = NULL;
  g_autofree char *media = NULL;
  g_autofree char *endpoint = NULL;
  SoupMessageHeaders *headers;
  const char *links;
  const char *content_type;
  guint status;

  if (!(body = _liveline_micropub_publisher_send_finish (self, result, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  status = soup_message_get_status (discovery->message);
  headers = soup_message_get_response_headers (discovery->message);

  if (SOUP_STATUS_IS_REDIRECTION (status) && discovery->redirects < MAX_REDIRECTS)
    {
      g_autofree char *location = _liveline_micropub_publisher_dup_location (discovery->message);

      if (location != NULL)
        {
          discovery->redirects++;
          g_free (discovery->page_url);
          discovery->page_url = g_steal_pointer (&location);
          fetch_page (self, task);
          return;
        }
    }

  /* Whether the page names an endpoint cannot be known now: ask again later. */
  if (status == SOUP_STATUS_REQUEST_TIMEOUT || status == 429 || status >= 500)
    {
      g_task_return_error (task, _liveline_micropub_publisher_error_from_status (discovery->message, body));
      return;
    }

  links = soup_message_headers_get_list (headers, "Link");
  if (links != NULL)
    scan_link_header (links, &micropub, &media);

  content_type = soup_message_headers_get_content_type (headers, NULL);
  if ((micropub == NULL || media == NULL) && g_bytes_get_size (body) > 0 &&
      (content_type == NULL || strstr (content_type, "html") != NULL))
    {
      g_autofree char *html = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));

      scan_html (html, &micropub, &media);

      /* A web page, not an endpoint's answer (WordPress's REST API names
       * itself in its answers too, to a Micropub plugin's endpoint). */
      if (micropub == NULL && content_type != NULL && looks_like_wordpress (links, html))
        {
          g_task_return_error (task, wordpress_site_error ());
          return;
        }
    }

  if (self->discovered)
    {
      /* Another operation found them meanwhile. */
      ask_config_if_needed (self, task);
      return;
    }

  /* A page that names an endpoint is not one itself: when what it names
   * is no web address, there is nowhere to send updates. */
  if (micropub != NULL && (endpoint = resolve (discovery->page_url, micropub)) == NULL)
    {
      g_task_return_error (task, not_a_web_address ());
      return;
    }

  g_clear_pointer (&self->endpoint, g_free);
  g_clear_pointer (&self->site, g_free);
  g_clear_pointer (&self->media_endpoint, g_free);

  self->endpoint = g_steal_pointer (&endpoint);
  if (self->endpoint != NULL)
    {
      /* Posts are at addresses under the page that names the endpoint. */
      self->site = g_strdup (discovery->page_url);
    }
  else
    {
      self->endpoint = g_strdup (self->url);
      self->site = dup_origin (self->url);
    }
  self->media_endpoint = resolve (discovery->page_url, media);
  self->discovered = TRUE;

  g_debug ("Micropub endpoint %s, media endpoint %s",
           self->endpoint, self->media_endpoint ? self->media_endpoint : "(not named)");

  ask_config_if_needed (self, task);
}

static void
fetch_page (LivelineMicropubPublisher *self,
            GTask                     *task)
{
  Discovery *discovery = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  g_clear_object (&discovery->message);
  discovery->message = _liveline_micropub_publisher_new_message (self, SOUP_METHOD_GET,
                                                                 discovery->page_url, FALSE, &error);
  if (discovery->message == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  soup_message_headers_replace (soup_message_get_request_headers (discovery->message), "Accept",
                                "text/html, application/xhtml+xml, */*;q=0.5");
  _liveline_micropub_publisher_send_kind_async (self, discovery->message, LIVELINE_ANSWER_DISCOVERY,
                                                g_task_get_cancellable (task), on_page,
                                                g_object_ref (task));
}

/**
 * _liveline_micropub_publisher_discover_async:
 * @self: a #LivelineMicropubPublisher
 * @with_media: whether the media endpoint is needed too
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the endpoints are known
 * @user_data: for @callback
 *
 * Finds the Micropub endpoint, and the media endpoint if @with_media,
 * unless an earlier operation did. Fails only when nothing can be known
 * now; a site without a media endpoint leaves it %NULL.
 */
void
_liveline_micropub_publisher_discover_async (LivelineMicropubPublisher *self,
                                             gboolean                   with_media,
                                             GCancellable              *cancellable,
                                             GAsyncReadyCallback        callback,
                                             gpointer                   user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  Discovery *discovery = g_new0 (Discovery, 1);

  g_task_set_source_tag (task, _liveline_micropub_publisher_discover_async);
  discovery->with_media = with_media;
  discovery->page_url = g_strdup (self->url);
  g_task_set_task_data (task, discovery, (GDestroyNotify)discovery_free);

  if (self->url_error != NULL)
    g_task_return_error (task, g_error_copy (self->url_error));
  else if (self->discovered)
    ask_config_if_needed (self, task);
  else
    fetch_page (self, task);
}

gboolean
_liveline_micropub_publisher_discover_finish (LivelineMicropubPublisher  *self,
                                              GAsyncResult               *result,
                                              GError                    **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
