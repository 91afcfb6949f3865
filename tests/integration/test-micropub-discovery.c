/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-micropub-discovery"

#include "config.h"

#include <libsoup/soup.h>

#include "liveline-micropub-publisher.h"
#include "liveline-test-integration.h"
#include "liveline-test-util.h"

/* How LivelineMicropubPublisher finds a site's endpoints and checks its
 * token ("Test connection"): against the real Micropub server of the
 * integration suite, and against a small site of the test's own for what
 * that server cannot be made to do.
 */

#define WAIT_MS 10000

static GHashTable *servers;

static const char *
server (const char *key)
{
  return liveline_test_integration_get (servers, key);
}

static LivelinePublisher *
make_publisher (const char *url,
                const char *token)
{
  g_autoptr(SoupSession) session = soup_session_new ();

  soup_session_set_timeout (session, 5);
  soup_session_set_idle_timeout (session, 5);

  return LIVELINE_PUBLISHER (liveline_micropub_publisher_new (session, url, token));
}

/* "Test connection": the token is checked with q=config, and a refusal
 * says in the server's words why.
 */
static void
check (const char  *url,
       const char  *token,
       GError     **error)
{
  g_autoptr(LivelinePublisher) publisher = make_publisher (url, token);
  g_autoptr(GAsyncResult) result = NULL;
  gboolean ok;

  liveline_publisher_check_async (publisher, NULL, liveline_test_keep_result, &result);
  g_assert_true (liveline_test_wait_for_result (&result, WAIT_MS));
  ok = liveline_publisher_check_finish (publisher, result, error);
  g_assert_true (ok == (error == NULL || *error == NULL));
}

static void
test_check (void)
{
  g_autoptr(GError) error = NULL;

  check (server ("MICROPUB_SITE_URL"), server ("MICROPUB_TOKEN"), &error);
  g_assert_no_error (error);

  /* Refused tokens, said in words for the journalist, not in codes. */
  check (server ("MICROPUB_SITE_URL"), "not-the-token", &error);
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_AUTH);
  g_assert_cmpstr (error->message, ==, "The endpoint refused the token: check it in Preferences.");
  g_clear_error (&error);

  check (server ("MICROPUB_ENDPOINT"), NULL, &error);
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_AUTH);
  g_assert_cmpstr (error->message, ==, "The endpoint refused the token: check it in Preferences.");
  g_clear_error (&error);

  /* The real WordPress, given as a Micropub site. */
  check (server ("WORDPRESS_URL"), server ("MICROPUB_TOKEN"), &error);
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_PERMANENT);
  g_assert_cmpstr (error->message, ==, "This looks like a WordPress site: choose WordPress as the "
                   "kind of destination.");
  g_clear_error (&error);

  /* Plain http:// only to this computer, for the typed address … */
  check ("http://example.com/", server ("MICROPUB_TOKEN"), &error);
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_PERMANENT);
  g_clear_error (&error);
}

/* Discovery from pages other than this server's: a Link header, relative
 * addresses, a redirect, and an endpoint that may not be used; and the
 * failures a real server cannot be made to give: busy with Retry-After, a
 * refusal in its words, a token without the scope, an endpoint that
 * redirects.
 */
typedef struct
{
  SoupServer *server;
  char       *base;
  char       *authorization;
  guint       stolen;
} Site;

/* Endpoints of the site that answer q=config with a failure. */
static const struct
{
  const char *path;
  guint       status;
  const char *retry_after;
  const char *body;
} failing[] = {
  { "/busy-mp", 503, "7", "" },
  { "/refusing-mp", 400, NULL, "{\"error\":\"invalid_request\",\"error_description\":\"Unknown site\"}" },
  { "/scope-mp", 403, NULL, "{\"error\":\"insufficient_scope\"}" },
};

static void
on_site_request (SoupServer        *soup_server,
                 SoupServerMessage *message,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  Site *site = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);
  g_autofree char *link = NULL;

  if (g_str_equal (path, "/linked"))
    {
      /* The real endpoint, named only in a header; the page names none. */
      link = g_strdup_printf ("<%s>; rel=\"micropub\", <%s>; rel=\"media-endpoint\"",
                              server ("MICROPUB_ENDPOINT"), server ("MICROPUB_MEDIA_ENDPOINT"));
      soup_message_headers_append (headers, "Link", "<https://example.com/style.css>; rel=stylesheet");
      soup_message_headers_append (headers, "Link", link);
      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "text/html", SOUP_MEMORY_COPY, "<p>Hi</p>", 9);
    }
  else if (g_str_equal (path, "/moved"))
    {
      soup_server_message_set_redirect (message, 301, "/relative");
    }
  else if (g_str_equal (path, "/relative"))
    {
      const char *page = "<!DOCTYPE html><html><head>"
                         "<!-- <link rel=\"micropub\" href=\"/old\"> -->"
                         "<LINK HREF='mp?site=1&amp;x=2' REL='me micropub'>"
                         "</head><body><a href=\"/\">home</a></body></html>";

      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "text/html; charset=utf-8", SOUP_MEMORY_COPY,
                                        page, strlen (page));
    }
  else if (g_str_equal (path, "/mp"))
    {
      const char *authorization = soup_message_headers_get_one (soup_server_message_get_request_headers (message),
                                                                "Authorization");
      const char *config = "{\"media-endpoint\":\"/media\"}";

      g_free (site->authorization);
      site->authorization = g_strdup (authorization);
      g_assert_cmpstr (g_hash_table_lookup (query, "site"), ==, "1");
      g_assert_cmpstr (g_hash_table_lookup (query, "x"), ==, "2");
      g_assert_cmpstr (g_hash_table_lookup (query, "q"), ==, "config");
      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY,
                                        config, strlen (config));
    }
  else if (g_str_has_prefix (path, "/failing/"))
    {
      /* A page naming one of the failing endpoints. */
      g_autofree char *page = g_strdup_printf ("<link rel=\"micropub\" href=\"/%s\">",
                                               path + strlen ("/failing/"));

      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "text/html", SOUP_MEMORY_COPY, page, strlen (page));
    }
  else if (g_str_equal (path, "/redirecting-mp"))
    {
      soup_server_message_set_redirect (message, 302, "/stolen");
    }
  else if (g_str_equal (path, "/stolen"))
    {
      site->stolen++;
      soup_server_message_set_status (message, 200, NULL);
    }
  else if (g_str_equal (path, "/unsafe"))
    {
      const char *page = "<link rel=\"micropub\" href=\"http://example.com/micropub\">";

      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "text/html", SOUP_MEMORY_COPY, page, strlen (page));
    }
  else
    {
      for (guint i = 0; i < G_N_ELEMENTS (failing); i++)
        if (g_str_equal (path, failing[i].path))
          {
            SoupMessageHeaders *response = soup_server_message_get_response_headers (message);

            if (failing[i].retry_after != NULL)
              soup_message_headers_replace (response, "Retry-After", failing[i].retry_after);
            soup_server_message_set_status (message, failing[i].status, NULL);
            soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC,
                                              failing[i].body, strlen (failing[i].body));
            return;
          }

      soup_server_message_set_status (message, 404, NULL);
    }
}

static char *
failing_page (Site       *site,
              const char *endpoint)
{
  return g_strconcat (site->base, "failing/", endpoint, NULL);
}

static void
test_discovery (void)
{
  Site site = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;
  g_autofree char *linked = NULL;
  g_autofree char *moved = NULL;
  g_autofree char *unsafe = NULL;

  site.server = soup_server_new (NULL, NULL);
  soup_server_add_handler (site.server, NULL, on_site_request, &site, NULL);
  soup_server_listen_local (site.server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (site.server);
  site.base = g_uri_to_string (uris->data);
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify)g_uri_unref);

  /* The real server's endpoint, from a Link header among others. */
  linked = g_strconcat (site.base, "linked", NULL);
  check (linked, server ("MICROPUB_TOKEN"), &error);
  g_assert_no_error (error);

  /* A redirect, then a relative link in HTML: the token goes to the
   * endpoint the page names, and not to the pages. */
  moved = g_strconcat (site.base, "moved", NULL);
  check (moved, "site-token", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (site.authorization, ==, "Bearer site-token");

  /* A page may not lead the token to a plain http:// site elsewhere. */
  unsafe = g_strconcat (site.base, "unsafe", NULL);
  check (unsafe, "site-token", &error);
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_PERMANENT);
  g_assert_nonnull (strstr (error->message, "example.com"));
  g_clear_error (&error);

  /* Failures as the outbox acts on them, in the server's words where
   * they are for people. */
  {
    g_autofree char *busy = failing_page (&site, "busy-mp");
    g_autofree char *refusing = failing_page (&site, "refusing-mp");
    g_autofree char *scope = failing_page (&site, "scope-mp");
    g_autofree char *redirecting = failing_page (&site, "redirecting-mp");

    check (busy, "site-token", &error);
    g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_TRANSIENT);
    g_assert_cmpuint (liveline_publisher_error_get_retry_after (error), ==, 7);
    g_clear_error (&error);

    check (refusing, "site-token", &error);
    g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_PERMANENT);
    g_assert_nonnull (strstr (error->message, "Unknown site"));
    g_clear_error (&error);

    check (scope, "site-token", &error);
    g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_AUTH);
    g_assert_cmpstr (error->message, ==, "The endpoint refused the token: it may not publish on "
                     "this site. Check it in Preferences.");
    g_clear_error (&error);

    /* The token never follows a redirect. */
    check (redirecting, "site-token", &error);
    g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_PERMANENT);
    g_assert_cmpuint (site.stolen, ==, 0);
  }

  soup_server_disconnect (site.server);
  g_clear_object (&site.server);
  g_free (site.base);
  g_free (site.authorization);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  servers = liveline_test_integration_servers ();
  g_test_add_func ("/micropub/check", test_check);
  g_test_add_func ("/micropub/discovery", test_discovery);
  status = g_test_run ();
  g_hash_table_unref (servers);

  return status;
}
