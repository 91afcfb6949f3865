/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-wordpress-publisher"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "liveline-endpoint-url.h"
#include "liveline-wordpress-publisher-private.h"

/* Where a WordPress site's REST API is: named by the Link header of its
 * pages, `<https://example.com/wp-json/>; rel="https://api.w.org/"`, or,
 * on a site without pretty permalinks, `https://example.com/?rest_route=/`,
 * where routes go inside the query.
 */

#define API_RELATION "https://api.w.org/"

/* The target of the first link of a Link header whose relations include
 * @relation: `<https://example.com/wp-json/>; rel="https://api.w.org/", …`.
 */
char *
_liveline_wordpress_find_link (const char *header,
                               const char *relation)
{
  const char *p = header;

  while (p != NULL && *p != '\0')
    {
      g_autofree char *target = NULL;
      gboolean wanted = FALSE;
      const char *end;

      while (*p == ' ' || *p == '\t' || *p == ',')
        p++;
      if (*p != '<' || (end = strchr (p, '>')) == NULL)
        return NULL;
      target = g_strndup (p + 1, end - p - 1);
      p = end + 1;

      /* Its parameters, up to the comma that starts the next link. */
      while (*p != '\0' && *p != ',')
        {
          g_autofree char *name = NULL;
          g_autofree char *value = NULL;
          const char *start;

          while (*p == ' ' || *p == '\t' || *p == ';')
            p++;
          start = p;
          while (*p != '\0' && *p != '=' && *p != ';' && *p != ',')
            p++;
          name = g_strstrip (g_strndup (start, p - start));
          if (*p != '=')
            continue;
          p++;
          while (*p == ' ' || *p == '\t')
            p++;

          if (*p == '"')
            {
              start = ++p;
              while (*p != '\0' && *p != '"')
                p++;
              value = g_strndup (start, p - start);
              if (*p == '"')
                p++;
            }
          else
            {
              start = p;
              while (*p != '\0' && *p != ';' && *p != ',')
                p++;
              value = g_strstrip (g_strndup (start, p - start));
            }

          if (g_ascii_strcasecmp (name, "rel") == 0)
            {
              g_auto(GStrv) relations = g_strsplit_set (value, " \t", -1);

              wanted = wanted || g_strv_contains ((const char * const *)relations, relation);
            }
        }

      if (wanted)
        return g_steal_pointer (&target);
    }

  return NULL;
}

static gboolean
has_rest_route (const char *url)
{
  const char *query = strchr (url, '?');
  g_auto(GStrv) params = NULL;

  if (query == NULL)
    return FALSE;

  params = g_strsplit (query + 1, "&", -1);
  for (guint i = 0; params[i] != NULL; i++)
    if (g_str_has_prefix (params[i], "rest_route="))
      return TRUE;

  return FALSE;
}

static gint
port_of (GUri *uri)
{
  if (g_uri_get_port (uri) > 0)
    return g_uri_get_port (uri);

  return g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0 ? 443 : 80;
}

/* The password only goes where the journalist said the site is. */
static GError *
check_root (const char *site_url,
            const char *root)
{
  g_autoptr(GUri) site = g_uri_parse (site_url, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GUri) api = g_uri_parse (root, G_URI_FLAGS_NONE, NULL);
  g_autofree char *message = NULL;
  GError *error;

  if ((error = liveline_endpoint_url_check (root)) != NULL)
    return error;

  if (site != NULL && api != NULL &&
      g_ascii_strcasecmp (g_uri_get_scheme (site), g_uri_get_scheme (api)) == 0 &&
      g_ascii_strcasecmp (g_uri_get_host (site), g_uri_get_host (api)) == 0 &&
      port_of (site) == port_of (api))
    return NULL;

  /* Translators: %s is a web address */
  message = g_strdup_printf (_("The WordPress site says its API is at %s, another address. "
                               "Use that site’s own address."), root);

  return liveline_publisher_error_new_literal (LIVELINE_PUBLISHER_ERROR_PERMANENT, 0, message);
}

/* The REST API's root with a final slash, unless it is the form that
 * works without pretty permalinks, `…/?rest_route=/`. */
static char *
normalize_root (const char *root)
{
  if (has_rest_route (root) || g_str_has_suffix (root, "/"))
    return g_strdup (root);

  return g_strconcat (root, "/", NULL);
}

/* Where WordPress answers @route: appended to a `…/wp-json/` root, or put
 * inside the rest_route parameter of a `…/?rest_route=/` one, with the
 * route's own query after it.
 */
char *
_liveline_wordpress_build_url (const char *root,
                               const char *route)
{
  const char *query = strchr (route, '?');
  const char *root_query = strchr (root, '?');
  g_autofree char *path = query != NULL ? g_strndup (route, query - route) : g_strdup (route);
  g_auto(GStrv) params = NULL;
  GString *url;

  if (query != NULL)
    query++;

  if (root_query == NULL)
    return g_strconcat (root, path, query != NULL ? "?" : "", query != NULL ? query : "", NULL);

  /* A root with some other query: the route still goes in the path. */
  if (!has_rest_route (root))
    return g_strdup_printf ("%.*s%s?%s%s%s", (int)(root_query - root), root, path, root_query + 1,
                            query != NULL ? "&" : "", query != NULL ? query : "");

  url = g_string_new_len (root, root_query - root + 1);
  params = g_strsplit (root_query + 1, "&", -1);
  for (guint i = 0; params[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (url, '&');

      if (g_str_has_prefix (params[i], "rest_route="))
        {
          g_autofree char *prefix = g_uri_unescape_string (params[i] + strlen ("rest_route="), NULL);
          g_autofree char *value = NULL;
          g_autofree char *escaped = NULL;

          if (prefix == NULL || prefix[0] == '\0')
            {
              g_free (prefix);
              prefix = g_strdup ("/");
            }
          value = g_strconcat (prefix, g_str_has_suffix (prefix, "/") ? "" : "/", path, NULL);
          escaped = g_uri_escape_string (value, "/", FALSE);
          g_string_append_printf (url, "rest_route=%s", escaped);
        }
      else
        {
          g_string_append (url, params[i]);
        }
    }

  if (query != NULL)
    g_string_append_printf (url, "&%s", query);

  return g_string_free (url, FALSE);
}

static void
on_site_read (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LivelineWordpressPublisher *self = g_task_get_source_object (task);
  SoupMessage *message = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *link = NULL;
  g_autofree char *root = NULL;
  const char *header;
  guint status;

  body = liveline_answer_read_finish (SOUP_SESSION (object), result, &error);
  if (body == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_error (task, _liveline_wordpress_unreachable (error));
      return;
    }

  status = soup_message_get_status (message);
  g_debug ("GET the site: %u", status);

  if ((status >= 300 && status <= 399) || status == SOUP_STATUS_REQUEST_TIMEOUT ||
      status == 429 || (status >= 500 && status <= 599))
    {
      g_task_return_error (task, _liveline_wordpress_error_from_status (message, NULL));
      return;
    }

  /* Without the header, as when a plugin hides it, or with one that names
   * no web address, the form that works on every site. */
  header = soup_message_headers_get_list (soup_message_get_response_headers (message), "Link");
  if (header != NULL && (link = _liveline_wordpress_find_link (header, API_RELATION)) != NULL)
    {
      g_autofree char *resolved = liveline_uri_resolve_web (self->site_url, link);

      root = resolved != NULL ? normalize_root (resolved) : NULL;
    }
  if (root == NULL)
    {
      g_autoptr(GUri) site = g_uri_parse (self->site_url, G_URI_FLAGS_NONE, NULL);
      g_autoptr(GUri) fallback = g_uri_build (G_URI_FLAGS_NONE, g_uri_get_scheme (site), NULL,
                                              g_uri_get_host (site), g_uri_get_port (site),
                                              g_uri_get_path (site)[0] != '\0' ? g_uri_get_path (site) : "/",
                                              "rest_route=/", NULL);

      root = g_uri_to_string (fallback);
    }

  if ((error = check_root (self->site_url, root)) != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_debug ("The REST API is at %s", root);
  g_free (self->rest_root);
  self->rest_root = g_steal_pointer (&root);
  g_task_return_boolean (task, TRUE);
}

/**
 * _liveline_wordpress_publisher_find_api_async:
 * @self: a #LivelineWordpressPublisher
 * @cancellable: (nullable): the operation's #GCancellable
 * @callback: called when the REST API's root is known
 * @user_data: for @callback
 *
 * GETs the site, without the password, for the Link header that names its
 * REST API, and keeps the API's root in the publisher. A site address with
 * a `rest_route` parameter is the root already.
 */
void
_liveline_wordpress_publisher_find_api_async (LivelineWordpressPublisher *self,
                                              GCancellable               *cancellable,
                                              GAsyncReadyCallback         callback,
                                              gpointer                    user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  SoupMessage *message;

  g_task_set_source_tag (task, _liveline_wordpress_publisher_find_api_async);

  if (has_rest_route (self->site_url))
    {
      g_free (self->rest_root);
      self->rest_root = g_strdup (self->site_url);
      g_task_return_boolean (task, TRUE);
      return;
    }

  message = soup_message_new (SOUP_METHOD_GET, self->site_url);
  if (message == NULL)
    {
      g_task_return_error (task,
                           liveline_publisher_error_new_literal (LIVELINE_PUBLISHER_ERROR_PERMANENT, 0,
                                                                 _("The address of the WordPress site is not a web address.")));
      return;
    }

  /* Followed, a redirect could name an API elsewhere, which would be sent
   * the password next. */
  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
  g_task_set_task_data (task, message, g_object_unref);
  /* Only the headers say where the API is: the page itself is not read. */
  liveline_answer_read_async (self->session, message, LIVELINE_ANSWER_HEADERS, cancellable,
                              on_site_read, g_steal_pointer (&task));
}

gboolean
_liveline_wordpress_publisher_find_api_finish (LivelineWordpressPublisher  *self,
                                               GAsyncResult                *result,
                                               GError                     **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        _liveline_wordpress_publisher_find_api_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
