/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-wordpress-answers"

#include "config.h"

#include <string.h>

#include "liveline-answer.h"
#include "liveline-post.h"
#include "liveline-test-endpoint.h"
#include "liveline-test-util.h"
#include "liveline-wordpress-publisher.h"

/* The WordPress publisher against a stand-in for a site on 127.0.0.1 that
 * answers what no WordPress should: JSON nested 100,000 deep, answers
 * bigger than their kind, addresses that are not the web's, NULs in
 * strings, a Retry-After of weeks. What a real WordPress answers is tested
 * in tests/integration.
 */

#define POST_ANSWER \
  "{\"id\":5,\"link\":\"%s\",\"slug\":\"liveline-9b2e7c50-4a1f-4c47-9f43-0e6d1f2b8a11\"," \
  "\"date_gmt\":\"2026-11-24T21:50:07\",\"modified_gmt\":\"2026-11-24T21:52:00\"}"

#define ADD(path, func) \
  g_test_add ("/wordpress-publisher/" path, LivelineTestEndpoint, NULL, \
              liveline_test_endpoint_set_up, func, liveline_test_endpoint_tear_down)

/* A publisher to the site's REST API as `?rest_route=`, in category 3:
 * no request but the one tested. */
static LivelinePublisher *
make_publisher (LivelineTestEndpoint *fixture)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *site = g_strconcat (fixture->url, "?rest_route=/", NULL);

  soup_session_set_timeout (session, 5);

  return LIVELINE_PUBLISHER (liveline_wordpress_publisher_new (session, site, "ana",
                                                               "abcd efgh ijkl mnop", "3", NULL));
}

static LivelineRemotePost *
update_with (LivelineTestEndpoint  *fixture,
             LivelinePublisher     *publisher,
             GError               **error)
{
  g_autoptr(LivelinePost) post = liveline_test_make_post ();

  g_clear_object (&fixture->result);
  liveline_publisher_update_async (publisher, post, "5", NULL, "key-1", NULL,
                                   liveline_test_keep_result, &fixture->result);

  return liveline_publisher_update_finish (publisher, liveline_test_endpoint_wait (fixture), error);
}

static LivelineRemotePost *
update (LivelineTestEndpoint  *fixture,
        GError               **error)
{
  g_autoptr(LivelinePublisher) publisher = make_publisher (fixture);

  return update_with (fixture, publisher, error);
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

static void
test_deep (LivelineTestEndpoint *fixture,
           gconstpointer         user_data)
{
  g_autofree char *brackets = g_strnfill (600000, '[');
  g_autoptr(LivelineRemotePost) post = NULL;
  g_autoptr(GError) error = NULL;

  liveline_test_endpoint_answer (fixture, 200, "application/json", brackets);
  post = update (fixture, &error);
  g_assert_null (post);
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_PERMANENT);
  g_assert_nonnull (strstr (error->message, "nested deeper than Liveline reads"));
  g_clear_error (&error);

  /* A page of posts found by their slug */
  post = find_by_key (fixture, &error);
  g_assert_null (post);
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_PERMANENT);
  g_assert_nonnull (strstr (error->message, "nested deeper than Liveline reads"));
}

static void
test_oversize (LivelineTestEndpoint *fixture,
               gconstpointer         user_data)
{
  g_autofree char *answer = g_strdup_printf (POST_ANSWER, "https://example.com/?p=5");
  g_autofree char *padding = g_strnfill (LIVELINE_ANSWER_MAX_POST_SIZE, ' ');
  g_autofree char *body = g_strconcat (answer, padding, NULL);
  g_autoptr(LivelineRemotePost) post = NULL;
  g_autoptr(GError) error = NULL;

  liveline_test_endpoint_answer (fixture, 200, "application/json", body);
  post = update (fixture, &error);
  g_assert_null (post);
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_PERMANENT);
  g_assert_true (g_str_has_prefix (error->message,
                                   "The endpoint answered with more data than a post’s answer can hold ("));
}

static void
test_oversize_list (LivelineTestEndpoint *fixture,
                    gconstpointer         user_data)
{
  g_autofree char *padding = g_strnfill (LIVELINE_ANSWER_MAX_LIST_SIZE, ' ');
  g_autofree char *body = g_strconcat ("[]", padding, NULL);
  g_autoptr(LivelineRemotePost) post = NULL;
  g_autoptr(GError) error = NULL;

  liveline_test_endpoint_answer (fixture, 200, "application/json", body);
  post = find_by_key (fixture, &error);
  g_assert_null (post);
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_PERMANENT);
  g_assert_true (g_str_has_prefix (error->message,
                                   "The endpoint answered with more data than a page of a list can hold ("));
}

static void
test_normal (LivelineTestEndpoint *fixture,
             gconstpointer         user_data)
{
  g_autofree char *answer = g_strdup_printf (POST_ANSWER, "https://example.com/?p=5");
  g_autofree char *list = g_strdup_printf ("[" POST_ANSWER "]", "https://example.com/?p=5");
  g_autoptr(LivelineRemotePost) post = NULL;
  g_autoptr(LivelineRemotePost) found = NULL;
  g_autoptr(GError) error = NULL;

  liveline_test_endpoint_answer (fixture, 200, "application/json", answer);
  post = update (fixture, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (post->id, ==, "5");
  g_assert_cmpstr (post->url, ==, "https://example.com/?p=5");

  liveline_test_endpoint_answer (fixture, 200, "application/json", list);
  found = find_by_key (fixture, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found->id, ==, "5");
  g_assert_cmpstr (found->url, ==, "https://example.com/?p=5");
}

static void
test_unsafe_addresses (LivelineTestEndpoint *fixture,
                       gconstpointer         user_data)
{
  const char *addresses[] = {
    "file:///etc/passwd",
    "javascript:alert(document.cookie)",
    "data:text/html,<script>alert(1)</script>",
    "http://example.com/?p=5",
    "https://example.com/?p=5\\u0000.evil",
  };

  for (guint i = 0; i < G_N_ELEMENTS (addresses); i++)
    {
      g_autofree char *answer = g_strdup_printf (POST_ANSWER, addresses[i]);
      g_autofree char *list = g_strdup_printf ("[" POST_ANSWER "]", addresses[i]);
      g_autoptr(LivelineRemotePost) post = NULL;
      g_autoptr(LivelineRemotePost) found = NULL;
      g_autoptr(GError) error = NULL;

      /* Corrected, but without an address to open */
      liveline_test_endpoint_answer (fixture, 200, "application/json", answer);
      post = update (fixture, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (post->id, ==, "5");
      if (post->url != NULL)
        g_error ("The address “%s” was kept as “%s”", addresses[i], post->url);

      /* Found by its slug, likewise */
      liveline_test_endpoint_answer (fixture, 200, "application/json", list);
      found = find_by_key (fixture, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (found->id, ==, "5");
      if (found->url != NULL)
        g_error ("The address “%s” was kept as “%s”", addresses[i], found->url);
    }
}

/* The site's page names its REST API at an address whose host GLib loses
 * as it resolves it: no address at all, so the form that works on every
 * site is used, on the site's own address. */
static void
test_hostless_api_link (LivelineTestEndpoint *fixture,
                        gconstpointer         user_data)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(LivelinePublisher) publisher = NULL;
  g_autofree char *answer = g_strdup_printf (POST_ANSWER, "https://example.com/?p=5");
  g_autoptr(LivelineRemotePost) post = NULL;
  g_autoptr(GError) error = NULL;

  soup_session_set_timeout (session, 5);
  publisher = LIVELINE_PUBLISHER (liveline_wordpress_publisher_new (session, fixture->url, "ana",
                                                                    "abcd efgh ijkl mnop", "3", NULL));
  fixture->link = g_strdup ("<s:/.//>; rel=\"https://api.w.org/\"");
  liveline_test_endpoint_answer (fixture, 200, "application/json", answer);

  post = update_with (fixture, publisher, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (post->id, ==, "5");
  /* The site's page, then the update at ?rest_route=/wp/v2/posts/5 */
  g_assert_cmpuint (fixture->n_requests, ==, 2);
  g_assert_cmpstr (fixture->method, ==, "POST");
  g_assert_cmpstr (fixture->path, ==, "/");
  g_assert_cmpstr (fixture->query, ==, "rest_route=/wp/v2/posts/5");
}

static void
test_nul_in_explanation (LivelineTestEndpoint *fixture,
                         gconstpointer         user_data)
{
  g_autoptr(LivelineRemotePost) post = NULL;
  g_autoptr(GError) error = NULL;

  liveline_test_endpoint_answer (fixture, 400, "application/json",
                                 "{\"code\":\"rest_invalid_param\",\"message\":"
                                 "\"Invalid parameter\\u0000: the title is too long.\",\"data\":{\"status\":400}}");
  post = update (fixture, &error);
  g_assert_null (post);
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_PERMANENT);
  g_assert_cmpstr (error->message, ==, "Invalid parameter\xEF\xBF\xBD: the title is too long.");
}

static void
test_retry_after (LivelineTestEndpoint *fixture,
                  gconstpointer         user_data)
{
  g_autoptr(LivelineRemotePost) post = NULL;
  g_autoptr(GError) error = NULL;

  fixture->retry_after = g_strdup ("4294968");
  liveline_test_endpoint_answer (fixture, 429, NULL, NULL);
  post = update (fixture, &error);
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_TRANSIENT);
  g_assert_cmpuint (liveline_publisher_error_get_retry_after (error), ==, 60 * 60);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("answers/deep", test_deep);
  ADD ("answers/oversize", test_oversize);
  ADD ("answers/oversize-list", test_oversize_list);
  ADD ("answers/normal", test_normal);
  ADD ("answers/unsafe-addresses", test_unsafe_addresses);
  ADD ("answers/hostless-api-link", test_hostless_api_link);
  ADD ("answers/nul-in-explanation", test_nul_in_explanation);
  ADD ("answers/retry-after", test_retry_after);

  return g_test_run ();
}
