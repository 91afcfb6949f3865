/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-json-publisher-answers"

#include "config.h"

#include <string.h>

#include "liveline-answer.h"
#include "liveline-post.h"
#include "liveline-test-endpoint.h"
#include "liveline-test-util.h"

/* Answers no endpoint should give, from an endpoint on 127.0.0.1: JSON
 * nested 100,000 deep, answers bigger than their kind, NULs inside strings,
 * addresses that are not the web's, and a Retry-After of weeks. Each ends
 * in an answer kept or a failure with its reason; none crashes.
 */

static LivelineRemotePost *
create (LivelineTestEndpoint  *fixture,
        GError               **error)
{
  g_autoptr(LivelinePublisher) publisher = liveline_test_endpoint_publisher (fixture);
  g_autoptr(LivelinePost) draft = liveline_test_make_post ();

  g_clear_object (&fixture->result);
  liveline_publisher_create_async (publisher, draft, NULL, "key-1", NULL,
                                   liveline_test_keep_result, &fixture->result);

  return liveline_publisher_create_finish (publisher, liveline_test_endpoint_wait (fixture), error);
}

static void
test_deep (LivelineTestEndpoint *fixture,
           gconstpointer         user_data)
{
  g_autofree char *brackets = g_strnfill (600000, '[');
  g_autoptr(LivelineRemotePost) post = NULL;
  g_autoptr(GError) error = NULL;

  liveline_test_endpoint_answer (fixture, 201, "application/json", brackets);
  post = create (fixture, &error);
  g_assert_null (post);
  /* Sent again, the same answer would come back: it is not retried. */
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_PERMANENT);
  g_assert_nonnull (strstr (error->message, "nested deeper than Liveline reads"));
}

static void
test_deep_refusal (LivelineTestEndpoint *fixture,
                   gconstpointer         user_data)
{
  g_autofree char *brackets = g_strnfill (600000, '[');
  g_autoptr(LivelineRemotePost) post = NULL;
  g_autoptr(GError) error = NULL;

  /* A refusal's explanation that cannot be read leaves its status. */
  liveline_test_endpoint_answer (fixture, 422, "application/problem+json", brackets);
  post = create (fixture, &error);
  g_assert_null (post);
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_PERMANENT);
  g_assert_cmpstr (error->message, ==, "The blog’s endpoint refused the update (error 422).");
}

static void
test_oversize (LivelineTestEndpoint *fixture,
               gconstpointer         user_data)
{
  g_autofree char *padding = g_strnfill (LIVELINE_ANSWER_MAX_POST_SIZE, ' ');
  g_autofree char *body = g_strconcat (LIVELINE_TEST_ENDPOINT_CREATED, padding, NULL);
  g_autoptr(LivelineRemotePost) post = NULL;
  g_autoptr(GError) error = NULL;

  liveline_test_endpoint_answer (fixture, 201, "application/json", body);
  post = create (fixture, &error);
  g_assert_null (post);
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_PERMANENT);
  g_assert_true (g_str_has_prefix (error->message,
                                   "The endpoint answered with more data than a post’s answer can hold ("));
}

static void
test_oversize_media (LivelineTestEndpoint *fixture,
                     gconstpointer         user_data)
{
  g_autoptr(LivelinePublisher) publisher = liveline_test_endpoint_publisher (fixture);
  g_autofree char *padding = g_strnfill (LIVELINE_ANSWER_MAX_MEDIA_SIZE, ' ');
  g_autofree char *body = g_strconcat ("{\"id\":\"m1\",\"url\":\"http://127.0.0.1/m1.jpg\"}",
                                       padding, NULL);
  g_autofree char *dir = liveline_test_make_home ();
  g_autofree char *path = g_build_filename (dir, "photo.jpg", NULL);
  g_autoptr(LivelineRemoteMedia) media = NULL;
  g_autoptr(GError) error = NULL;

  liveline_test_write_file (path, "\xff\xd8\xff\xd9", 4);
  liveline_test_endpoint_answer (fixture, 201, "application/json", body);
  liveline_publisher_upload_media_async (publisher, path, "image/jpeg", "photo.jpg", "key-m", NULL,
                                         liveline_test_keep_result, &fixture->result);
  media = liveline_publisher_upload_media_finish (publisher, liveline_test_endpoint_wait (fixture),
                                                  &error);
  g_assert_null (media);
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_PERMANENT);
  g_assert_true (g_str_has_prefix (error->message,
                                   "The endpoint answered with more data than a photo’s answer can hold ("));
  liveline_test_remove_tree (dir);
}

/* Nested as deep as a real answer ever is, and as big as the limit. */
static void
test_normal (LivelineTestEndpoint *fixture,
             gconstpointer         user_data)
{
  g_autofree char *padding = NULL;
  g_autofree char *body = NULL;
  g_autoptr(LivelineRemotePost) post = NULL;
  g_autoptr(GError) error = NULL;
  const char *answer = "{\"id\":\"9b2e\",\"url\":\"https://example.com/blogs/election#post-9b2e\","
                       "\"revision\":1,\"published_at\":\"2026-11-24T21:50:07Z\","
                       "\"extra\":[[[[[[[[{\"a\":[1]}]]]]]]]],\"pad\":\"";

  padding = g_strnfill (LIVELINE_ANSWER_MAX_POST_SIZE - strlen (answer) - 2, 'x');
  body = g_strconcat (answer, padding, "\"}", NULL);
  g_assert_cmpuint (strlen (body), ==, LIVELINE_ANSWER_MAX_POST_SIZE);

  liveline_test_endpoint_answer (fixture, 201, "application/json", body);
  post = create (fixture, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (post->id, ==, "9b2e");
  g_assert_cmpstr (post->url, ==, "https://example.com/blogs/election#post-9b2e");
}

static void
test_unsafe_addresses (LivelineTestEndpoint *fixture,
                       gconstpointer         user_data)
{
  const char *addresses[] = {
    "file:///etc/passwd",
    "javascript:alert(document.cookie)",
    "data:text/html,<script>alert(1)</script>",
    "http://example.com/blogs/election",
    "https://example.com/blogs/election\\u0000.evil",
  };

  for (guint i = 0; i < G_N_ELEMENTS (addresses); i++)
    {
      g_autofree char *body = NULL;
      g_autoptr(LivelineRemotePost) post = NULL;
      g_autoptr(GError) error = NULL;

      body = g_strdup_printf ("{\"id\":\"9b2e\",\"url\":\"%s\",\"revision\":1,"
                              "\"published_at\":\"2026-11-24T21:50:07Z\"}", addresses[i]);
      liveline_test_endpoint_answer (fixture, 201, "application/json", body);
      post = create (fixture, &error);

      /* Published, but without an address to open. */
      g_assert_no_error (error);
      g_assert_cmpstr (post->id, ==, "9b2e");
      if (post->url != NULL)
        g_error ("The address “%s” was kept as “%s”", addresses[i], post->url);
    }
}

static void
test_nul_in_id (LivelineTestEndpoint *fixture,
                gconstpointer         user_data)
{
  g_autoptr(LivelineRemotePost) post = NULL;
  g_autoptr(GError) error = NULL;

  /* Kept, the id would have been cut to "9b2e" */
  liveline_test_endpoint_answer (fixture, 201, "application/json",
                                 "{\"id\":\"9b2e\\u0000-other\",\"url\":\"http://127.0.0.1/p\","
                                 "\"revision\":1,\"published_at\":\"2026-11-24T21:50:07Z\"}");
  post = create (fixture, &error);
  g_assert_null (post);
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_TRANSIENT);
}

static void
test_nul_in_explanation (LivelineTestEndpoint *fixture,
                         gconstpointer         user_data)
{
  g_autoptr(LivelineRemotePost) post = NULL;
  g_autoptr(GError) error = NULL;

  liveline_test_endpoint_answer (fixture, 422, "application/problem+json",
                                 "{\"title\":\"Invalid post\",\"status\":422,"
                                 "\"detail\":\"The headline\\u0000 is longer than 200 characters.\"}");
  post = create (fixture, &error);
  g_assert_null (post);
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_PERMANENT);
  g_assert_cmpstr (error->message, ==, "The headline\xEF\xBF\xBD is longer than 200 characters.");
}

static void
test_retry_after (LivelineTestEndpoint *fixture,
                  gconstpointer         user_data)
{
  const char *values[] = { "4294968", "3000000", "Fri, 04 Dec 2099 18:00:00 GMT" };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autoptr(LivelineRemotePost) post = NULL;
      g_autoptr(GError) error = NULL;

      g_free (fixture->retry_after);
      fixture->retry_after = g_strdup (values[i]);
      liveline_test_endpoint_answer (fixture, 503, NULL, NULL);
      post = create (fixture, &error);
      g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_TRANSIENT);
      g_assert_cmpuint (liveline_publisher_error_get_retry_after (error), ==, 60 * 60);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  LIVELINE_TEST_ENDPOINT_ADD ("answers/deep", test_deep);
  LIVELINE_TEST_ENDPOINT_ADD ("answers/deep-refusal", test_deep_refusal);
  LIVELINE_TEST_ENDPOINT_ADD ("answers/oversize", test_oversize);
  LIVELINE_TEST_ENDPOINT_ADD ("answers/oversize-media", test_oversize_media);
  LIVELINE_TEST_ENDPOINT_ADD ("answers/normal", test_normal);
  LIVELINE_TEST_ENDPOINT_ADD ("answers/unsafe-addresses", test_unsafe_addresses);
  LIVELINE_TEST_ENDPOINT_ADD ("answers/nul-in-id", test_nul_in_id);
  LIVELINE_TEST_ENDPOINT_ADD ("answers/nul-in-explanation", test_nul_in_explanation);
  LIVELINE_TEST_ENDPOINT_ADD ("answers/retry-after", test_retry_after);

  return g_test_run ();
}
