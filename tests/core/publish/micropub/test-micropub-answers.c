/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-micropub-answers"

#include "config.h"

#include <string.h>

#include "liveline-answer.h"
#include "liveline-micropub-publisher.h"
#include "liveline-post.h"
#include "liveline-test-endpoint.h"
#include "liveline-test-util.h"

/* The Micropub publisher against a stand-in for a site on 127.0.0.1 that
 * answers every request alike: its page names no endpoint, so the site's
 * address is the endpoint. It answers what no Micropub server should: JSON
 * nested 100,000 deep, a page bigger than any, a post's address that is not
 * the web's, NULs in strings, a Retry-After of weeks. What a real Micropub
 * server answers is tested in tests/integration.
 */

#define ADD(path, func) \
  g_test_add ("/micropub-publisher/" path, LivelineTestEndpoint, NULL, \
              liveline_test_endpoint_set_up, func, liveline_test_endpoint_tear_down)

static LivelinePublisher *
make_publisher (LivelineTestEndpoint *fixture)
{
  g_autoptr(SoupSession) session = soup_session_new ();

  soup_session_set_timeout (session, 5);

  return LIVELINE_PUBLISHER (liveline_micropub_publisher_new (session, fixture->url,
                                                              LIVELINE_TEST_ENDPOINT_TOKEN));
}

static LivelineRemotePost *
create (LivelineTestEndpoint  *fixture,
        GError               **error)
{
  g_autoptr(LivelinePublisher) publisher = make_publisher (fixture);
  g_autoptr(LivelinePost) post = liveline_test_make_post ();

  g_clear_object (&fixture->result);
  liveline_publisher_create_async (publisher, post, NULL, "key-1", NULL,
                                   liveline_test_keep_result, &fixture->result);

  return liveline_publisher_create_finish (publisher, liveline_test_endpoint_wait (fixture), error);
}

static LivelineRemotePost *
find_by_key (LivelineTestEndpoint  *fixture,
             GError               **error)
{
  g_autoptr(LivelinePublisher) publisher = make_publisher (fixture);
  g_autoptr(LivelinePost) post = liveline_test_make_post ();

  g_clear_object (&fixture->result);
  liveline_publisher_find_by_key_async (publisher, post, "key-1", NULL,
                                        liveline_test_keep_result, &fixture->result);

  return liveline_publisher_find_by_key_finish (publisher, liveline_test_endpoint_wait (fixture),
                                                error);
}

static gboolean
check (LivelineTestEndpoint  *fixture,
       GError               **error)
{
  g_autoptr(LivelinePublisher) publisher = make_publisher (fixture);

  g_clear_object (&fixture->result);
  liveline_publisher_check_async (publisher, NULL, liveline_test_keep_result, &fixture->result);

  return liveline_publisher_check_finish (publisher, liveline_test_endpoint_wait (fixture), error);
}

static void
test_deep (LivelineTestEndpoint *fixture,
           gconstpointer         user_data)
{
  g_autofree char *brackets = g_strnfill (600000, '[');
  g_autoptr(LivelineRemotePost) post = NULL;
  g_autoptr(GError) error = NULL;

  liveline_test_endpoint_answer (fixture, 200, "application/json", brackets);

  /* A post's source, asked for by its slug */
  post = find_by_key (fixture, &error);
  g_assert_null (post);
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_PERMANENT);
  g_assert_nonnull (strstr (error->message, "nested deeper than Liveline reads"));
  g_clear_error (&error);

  /* The endpoint's settings */
  g_assert_false (check (fixture, &error));
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_PERMANENT);
  g_assert_nonnull (strstr (error->message, "nested deeper than Liveline reads"));
}

static void
test_oversize_page (LivelineTestEndpoint *fixture,
                    gconstpointer         user_data)
{
  g_autofree char *padding = g_strnfill (LIVELINE_ANSWER_MAX_DISCOVERY_SIZE, ' ');
  g_autofree char *page = g_strconcat ("<!DOCTYPE html><title>Election night</title>", padding, NULL);
  g_autoptr(LivelineRemotePost) post = NULL;
  g_autoptr(GError) error = NULL;

  liveline_test_endpoint_answer (fixture, 200, "text/html", page);
  post = create (fixture, &error);
  g_assert_null (post);
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_PERMANENT);
  g_assert_true (g_str_has_prefix (error->message, "The site answered with a page bigger than Liveline reads ("));
  /* Nothing was sent after the page. */
  g_assert_cmpuint (fixture->n_requests, ==, 1);
}

static void
test_oversize_source (LivelineTestEndpoint *fixture,
                      gconstpointer         user_data)
{
  g_autofree char *padding = g_strnfill (LIVELINE_ANSWER_MAX_POST_SIZE, ' ');
  g_autofree char *body = g_strconcat ("{\"type\":[\"h-entry\"],\"properties\":{}}", padding, NULL);
  g_autoptr(LivelineRemotePost) post = NULL;
  g_autoptr(GError) error = NULL;

  liveline_test_endpoint_answer (fixture, 200, "application/json", body);
  post = find_by_key (fixture, &error);
  g_assert_null (post);
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_PERMANENT);
  g_assert_true (g_str_has_prefix (error->message,
                                   "The endpoint answered with more data than a post’s answer can hold ("));
}

static void
test_addresses (LivelineTestEndpoint *fixture,
                gconstpointer         user_data)
{
  g_autofree char *loopback = g_strconcat (fixture->url, "2026/11/liveline-9b2e", NULL);
  struct {
    const char *location;
    gboolean    published;
    const char *url;
  } cases[] = {
    { "https://example.com/2026/11/liveline-9b2e", TRUE, "https://example.com/2026/11/liveline-9b2e" },
    { loopback, TRUE, loopback },
    /* Published, but not to be opened */
    { "http://example.com/2026/11/liveline-9b2e", TRUE, NULL },
    /* Not the address of a post on the web at all */
    { "file:///etc/passwd", FALSE, NULL },
    { "javascript:alert(document.cookie)", FALSE, NULL },
    { "data:text/html,<script>alert(1)</script>", FALSE, NULL },
    /* Addresses whose host GLib loses as it resolves them */
    { "https:/.//evil", FALSE, NULL },
    { "s:/.//", FALSE, NULL },
    { "https:///2026/11/liveline-9b2e", FALSE, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LivelineRemotePost) post = NULL;
      g_autoptr(GError) error = NULL;

      g_free (fixture->location);
      fixture->location = g_strdup (cases[i].location);
      liveline_test_endpoint_answer (fixture, 201, NULL, NULL);
      post = create (fixture, &error);

      if (!cases[i].published)
        {
          g_assert_null (post);
          g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_TRANSIENT);
          continue;
        }

      g_assert_no_error (error);
      g_assert_cmpstr (post->id, ==, cases[i].location);
      if (g_strcmp0 (post->url, cases[i].url) != 0)
        g_error ("The address “%s” was kept as “%s”", cases[i].location, post->url);
    }
}

/* The site's page names as its Micropub endpoint an address whose host
 * GLib loses as it resolves it: there is nowhere to send updates, and the
 * page is not taken for the endpoint either. */
static void
test_hostless_endpoint_link (LivelineTestEndpoint *fixture,
                             gconstpointer         user_data)
{
  g_autoptr(LivelineRemotePost) post = NULL;
  g_autoptr(GError) error = NULL;

  fixture->link = g_strdup ("<s:/.//>;rel=micropub");
  liveline_test_endpoint_answer (fixture, 200, "text/html", "<!DOCTYPE html><title>Live</title>");
  post = create (fixture, &error);
  g_assert_null (post);
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_PERMANENT);
  g_assert_cmpstr (error->message, ==, "The address of the blog’s endpoint is not a web address.");
  g_assert_cmpuint (fixture->n_requests, ==, 1);
  g_assert_cmpstr (fixture->method, ==, "GET");
}

/* The site's page moves to an address whose host GLib loses as it
 * resolves it: not followed, so the page is the endpoint. */
static void
test_hostless_redirect (LivelineTestEndpoint *fixture,
                        gconstpointer         user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->location = g_strdup ("https:/.//evil");
  liveline_test_endpoint_answer (fixture, 302, NULL, NULL);
  g_assert_false (check (fixture, &error));
  /* A redirect of the endpoint is not followed either. */
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_PERMANENT);
  /* The page, then q=config at the same address */
  g_assert_cmpuint (fixture->n_requests, ==, 2);
  g_assert_cmpstr (fixture->authorization, ==, "Bearer " LIVELINE_TEST_ENDPOINT_TOKEN);
}

static void
test_nul_in_explanation (LivelineTestEndpoint *fixture,
                         gconstpointer         user_data)
{
  g_autoptr(GError) error = NULL;

  /* A refusal of the update, whose words are shown (a refused token is
   * said in Liveline's own). */
  liveline_test_endpoint_answer (fixture, 400, "application/json",
                                 "{\"error\":\"invalid_request\","
                                 "\"error_description\":\"The site\\u0000 is closed\"}");
  g_assert_false (check (fixture, &error));
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_PERMANENT);
  g_assert_nonnull (strstr (error->message, "The site\xEF\xBF\xBD is closed"));
}

static void
test_retry_after (LivelineTestEndpoint *fixture,
                  gconstpointer         user_data)
{
  g_autoptr(LivelineRemotePost) post = NULL;
  g_autoptr(GError) error = NULL;

  fixture->retry_after = g_strdup ("3000000");
  liveline_test_endpoint_answer (fixture, 503, NULL, NULL);
  post = create (fixture, &error);
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_TRANSIENT);
  g_assert_cmpuint (liveline_publisher_error_get_retry_after (error), ==, 60 * 60);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("answers/deep", test_deep);
  ADD ("answers/oversize-page", test_oversize_page);
  ADD ("answers/oversize-source", test_oversize_source);
  ADD ("answers/addresses", test_addresses);
  ADD ("answers/hostless-endpoint-link", test_hostless_endpoint_link);
  ADD ("answers/hostless-redirect", test_hostless_redirect);
  ADD ("answers/nul-in-explanation", test_nul_in_explanation);
  ADD ("answers/retry-after", test_retry_after);

  return g_test_run ();
}
