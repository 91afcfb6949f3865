/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-publisher-words"

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "liveline-micropub-publisher.h"
#include "liveline-test-util.h"

/* What Test Connection says when a destination is not what it should be,
 * in a journalist's words: a WordPress site given as a Micropub one, and a
 * token the endpoint refuses. A small site of the test's own on 127.0.0.1
 * plays the servers.
 */

#define WAIT_MS 10000

static SoupServer *server;
static char *base;

static const char wordpress_page[] =
  "<!DOCTYPE html><html><head><title>Syria talks</title>"
  "<link rel='https://api.w.org/' href='/wp-json/' />"
  "<link rel='alternate' type='application/rss+xml' href='/feed/' />"
  "</head><body><h1>Syria talks</h1></body></html>";

static void
answer (SoupServerMessage *message,
        guint              status,
        const char        *content_type,
        const char        *body)
{
  soup_server_message_set_status (message, status, NULL);
  soup_server_message_set_response (message, content_type, SOUP_MEMORY_COPY, body, strlen (body));
}

static void
on_request (SoupServer        *soup_server,
            SoupServerMessage *message,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);
  gboolean config = query != NULL && g_strcmp0 (g_hash_table_lookup (query, "q"), "config") == 0;

  /* A WordPress home page: its API in a Link header and in its head; to
   * q=config it answers with the same page, as WordPress does. */
  if (g_str_equal (path, "/wordpress/"))
    {
      soup_message_headers_append (headers, "Link",
                                   "</wp-json/>; rel=\"https://api.w.org/\"");
      answer (message, 200, "text/html; charset=UTF-8", wordpress_page);
    }
  /* The same, with only the page's head to tell. */
  else if (g_str_equal (path, "/wordpress-head/"))
    answer (message, 200, "text/html; charset=UTF-8", wordpress_page);
  /* A WordPress site with a Micropub plugin that names its endpoint. */
  else if (g_str_equal (path, "/wordpress-micropub/"))
    {
      soup_message_headers_append (headers, "Link",
                                   "</wp-json/>; rel=\"https://api.w.org/\"");
      soup_message_headers_append (headers, "Link", "</endpoint>; rel=\"micropub\"");
      answer (message, 200, "text/html", wordpress_page);
    }
  else if (g_str_equal (path, "/endpoint") && config)
    answer (message, 200, "application/json", "{\"syndicate-to\":[]}");
  /* Endpoints that refuse the token, in codes and developers' words. */
  else if (g_str_equal (path, "/refusing") && config)
    answer (message, 401, "application/json",
            "{\"error\":\"unauthorized\","
            "\"error_description\":\"Send a valid token as “Authorization: Bearer …”.\"}");
  else if (g_str_equal (path, "/scope") && config)
    answer (message, 403, "application/json", "{\"error\":\"insufficient_scope\"}");
  else
    answer (message, 404, "text/plain", "Not found");
}

static GError *
check (const char *path)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (base, path, NULL);
  g_autoptr(LivelinePublisher) publisher = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  GError *error = NULL;

  publisher = LIVELINE_PUBLISHER (liveline_micropub_publisher_new (session, url, "tok-5c1e"));
  liveline_publisher_check_async (publisher, NULL, liveline_test_keep_result, &result);
  g_assert_true (liveline_test_wait_for_result (&result, WAIT_MS));
  g_assert_true (liveline_publisher_check_finish (publisher, result, &error) == (error == NULL));

  return error;
}

/* Not "an answer Liveline cannot read": what the address is, and what to
 * choose instead. Permanent, since asking again will not help. */
static void
test_wordpress_given_as_micropub (void)
{
  const char *paths[] = { "/wordpress/", "/wordpress-head/" };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GError) error = check (paths[i]);

      g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_PERMANENT);
      g_assert_cmpstr (error->message, ==,
                       "This looks like a WordPress site: choose WordPress as the kind of "
                       "destination.");
    }
}

/* A WordPress site that speaks Micropub through a plugin is one. */
static void
test_wordpress_with_micropub (void)
{
  g_autoptr(GError) error = check ("/wordpress-micropub/");

  g_assert_no_error (error);
}

static void
test_token_refused (void)
{
  g_autoptr(GError) refused = check ("/refusing");
  g_autoptr(GError) scope = check ("/scope");

  g_assert_error (refused, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_AUTH);
  g_assert_cmpstr (refused->message, ==, "The endpoint refused the token: check it in Preferences.");

  g_assert_error (scope, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_AUTH);
  g_assert_cmpstr (scope->message, ==,
                   "The endpoint refused the token: it may not publish on this site. "
                   "Check it in Preferences.");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  GSList *uris;
  int status;

  g_test_init (&argc, &argv, NULL);

  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, NULL, on_request, NULL, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  base = g_uri_to_string_partial (uris->data, G_URI_HIDE_PASSWORD);
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);
  if (g_str_has_suffix (base, "/"))
    base[strlen (base) - 1] = '\0';

  g_test_add_func ("/publisher-words/wordpress-given-as-micropub", test_wordpress_given_as_micropub);
  g_test_add_func ("/publisher-words/wordpress-with-micropub", test_wordpress_with_micropub);
  g_test_add_func ("/publisher-words/token-refused", test_token_refused);

  status = g_test_run ();

  g_clear_object (&server);
  g_clear_pointer (&base, g_free);

  return status;
}
