/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-json-publisher-requests"

#include "config.h"

#include <json-glib/json-glib.h>

#include "liveline-json-publisher.h"
#include "liveline-post.h"
#include "liveline-test-endpoint.h"
#include "liveline-test-util.h"

/* What the JSON publisher sends for each operation, and what it reads from
 * the endpoint's answers, checked against docs/api.md.
 */

static JsonObject *
sent_object (LivelineTestEndpoint *fixture)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (fixture->request_body);
  json_parser_load_from_data (parser, g_bytes_get_data (fixture->request_body, NULL),
                              g_bytes_get_size (fixture->request_body), &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));

  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
test_create_sends_the_post (LivelineTestEndpoint *fixture,
                            gconstpointer         user_data)
{
  g_autoptr(LivelinePublisher) publisher = liveline_test_endpoint_publisher (fixture);
  g_autoptr(LivelinePost) draft = liveline_test_make_post ();
  g_autoptr(LivelineRemotePost) post = NULL;
  g_autoptr(JsonObject) sent = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) published = g_date_time_new_utc (2026, 11, 24, 21, 50, 7);
  g_autoptr(GRegex) rfc3339 = g_regex_new ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$", 0, 0,
                                           NULL);
  JsonObject *image;

  liveline_test_endpoint_answer (fixture, 201, "application/json", LIVELINE_TEST_ENDPOINT_CREATED);
  liveline_publisher_create_async (publisher, draft, "3f0d6c1e", "5c1e-create", NULL,
                                   liveline_test_keep_result, &fixture->result);
  post = liveline_publisher_create_finish (publisher, liveline_test_endpoint_wait (fixture),
                                           &error);
  g_assert_no_error (error);

  /* What the journalist's timeline shows afterwards */
  g_assert_nonnull (post);
  g_assert_cmpstr (post->id, ==, "9b2e7c50-4a1f-4c47-9f43-0e6d1f2b8a11");
  g_assert_cmpstr (post->url, ==, "http://127.0.0.1/blogs/election#post-9b2e7c50");
  g_assert_cmpuint (post->revision, ==, 1);
  g_assert_true (g_date_time_equal (post->published_at, published));
  g_assert_null (post->updated_at);

  /* What the endpoint got */
  g_assert_cmpstr (fixture->method, ==, "POST");
  g_assert_cmpstr (fixture->path, ==, "/api/v1/blogs/election/posts");
  g_assert_cmpstr (fixture->authorization, ==, "Bearer " LIVELINE_TEST_ENDPOINT_TOKEN);
  g_assert_cmpstr (fixture->idempotency_key, ==, "5c1e-create");
  g_assert_cmpstr (fixture->request_type, ==, "application/json");

  sent = sent_object (fixture);
  g_assert_cmpstr (json_object_get_string_member (sent, "id"), ==,
                   "9b2e7c50-4a1f-4c47-9f43-0e6d1f2b8a11");
  g_assert_cmpstr (json_object_get_string_member (sent, "headline"), ==,
                   "Polls close in the north");
  g_assert_cmpstr (json_object_get_string_member (sent, "body_markdown"), ==,
                   "Turnout was **high**, officials say.");
  g_assert_nonnull (strstr (json_object_get_string_member (sent, "body_html"),
                            "<strong>high</strong>"));
  g_assert_cmpstr (json_object_get_string_member (sent, "author"), ==, "Ana Souza");
  g_assert_false (json_object_get_boolean_member (sent, "pinned"));
  g_assert_true (json_object_get_boolean_member (sent, "key_moment"));
  g_assert_true (g_regex_match (rfc3339, json_object_get_string_member (sent, "created_at"), 0,
                                NULL));
  image = json_object_get_object_member (sent, "image");
  g_assert_nonnull (image);
  g_assert_cmpstr (json_object_get_string_member (image, "media_id"), ==, "3f0d6c1e");
  g_assert_cmpstr (json_object_get_string_member (image, "caption"), ==, "Queues in Leeds");
  g_assert_cmpstr (json_object_get_string_member (image, "credit"), ==, "Reuters");
  g_assert_cmpstr (json_object_get_string_member (image, "alt"), ==,
                   "People queue outside a school");
}

static void
test_create_without_photo_or_headline (LivelineTestEndpoint *fixture,
                                       gconstpointer         user_data)
{
  g_autoptr(LivelinePublisher) publisher = liveline_test_endpoint_publisher (fixture);
  g_autoptr(LivelinePost) draft = liveline_post_new ("a1", 1);
  g_autoptr(LivelineRemotePost) post = NULL;
  g_autoptr(JsonObject) sent = NULL;
  g_autoptr(GError) error = NULL;

  liveline_post_set_body (draft, "Counting has started.");
  liveline_test_endpoint_answer (fixture, 201, "application/json", LIVELINE_TEST_ENDPOINT_CREATED);
  liveline_publisher_create_async (publisher, draft, NULL, "k", NULL,
                                   liveline_test_keep_result, &fixture->result);
  post = liveline_publisher_create_finish (publisher, liveline_test_endpoint_wait (fixture),
                                           &error);
  g_assert_no_error (error);
  g_assert_nonnull (post);

  sent = sent_object (fixture);
  g_assert_true (json_object_get_null_member (sent, "headline"));
  g_assert_true (json_object_get_null_member (sent, "author"));
  g_assert_true (json_object_get_null_member (sent, "image"));
}

static void
test_upload_media (LivelineTestEndpoint *fixture,
                   gconstpointer         user_data)
{
  g_autoptr(LivelinePublisher) publisher = liveline_test_endpoint_publisher (fixture);
  g_autoptr(LivelineRemoteMedia) media = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *home = liveline_test_make_home ();
  g_autofree char *path = g_build_filename (home, "photo.jpg", NULL);
  static const char jpeg[] = "\xff\xd8\xff\xe0 not a whole photo, but the bytes to send";

  g_assert_true (g_file_set_contents (path, jpeg, sizeof jpeg - 1, &error));
  g_assert_no_error (error);

  liveline_test_endpoint_answer (fixture, 201, "application/json",
                                 "{\"id\":\"3f0d6c1e\","
                                 "\"url\":\"http://127.0.0.1/media/3f0d6c1e.jpg\","
                                 "\"width\":2048,\"height\":1365,\"content_type\":\"image/jpeg\","
                                 "\"filename\":\"photo.jpg\"}");
  liveline_publisher_upload_media_async (publisher, path, "image/jpeg", "Leeds queue.jpg",
                                         "5c1e-media", NULL,
                                         liveline_test_keep_result, &fixture->result);
  media = liveline_publisher_upload_media_finish (publisher, liveline_test_endpoint_wait (fixture),
                                                  &error);
  g_assert_no_error (error);
  g_assert_nonnull (media);
  g_assert_cmpstr (media->id, ==, "3f0d6c1e");
  g_assert_cmpstr (media->url, ==, "http://127.0.0.1/media/3f0d6c1e.jpg");
  g_assert_cmpuint (media->width, ==, 2048);
  g_assert_cmpuint (media->height, ==, 1365);

  g_assert_cmpstr (fixture->method, ==, "POST");
  g_assert_cmpstr (fixture->path, ==, "/api/v1/media");
  g_assert_cmpstr (fixture->query, ==, "blog=election");
  g_assert_cmpstr (fixture->request_type, ==, "image/jpeg");
  g_assert_cmpstr (fixture->idempotency_key, ==, "5c1e-media");
  g_assert_cmpstr (fixture->authorization, ==, "Bearer " LIVELINE_TEST_ENDPOINT_TOKEN);
  g_assert_nonnull (fixture->disposition);
  g_assert_nonnull (strstr (fixture->disposition, "attachment"));
  g_assert_nonnull (strstr (fixture->disposition, "filename=\"Leeds queue.jpg\""));
  g_assert_cmpmem (g_bytes_get_data (fixture->request_body, NULL),
                   g_bytes_get_size (fixture->request_body), jpeg, sizeof jpeg - 1);

  liveline_test_remove_tree (home);
}

static void
test_upload_missing_file (LivelineTestEndpoint *fixture,
                          gconstpointer         user_data)
{
  g_autoptr(LivelinePublisher) publisher = liveline_test_endpoint_publisher (fixture);
  g_autoptr(LivelineRemoteMedia) media = NULL;
  g_autoptr(GError) error = NULL;

  liveline_publisher_upload_media_async (publisher, "/nonexistent/liveline/photo.jpg",
                                         "image/jpeg", NULL, NULL, NULL,
                                         liveline_test_keep_result, &fixture->result);
  media = liveline_publisher_upload_media_finish (publisher, liveline_test_endpoint_wait (fixture),
                                                  &error);
  g_assert_null (media);
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_PERMANENT);
  g_assert_nonnull (strstr (error->message, "photo"));
  g_assert_cmpuint (fixture->n_requests, ==, 0);
}

static void
test_update (LivelineTestEndpoint *fixture,
             gconstpointer         user_data)
{
  g_autoptr(LivelinePublisher) publisher = liveline_test_endpoint_publisher (fixture);
  g_autoptr(LivelinePost) draft = liveline_test_make_post ();
  g_autoptr(LivelineRemotePost) post = NULL;
  g_autoptr(JsonObject) sent = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) updated = g_date_time_new_utc (2026, 11, 24, 22, 3, 12);

  liveline_test_endpoint_answer (fixture, 200, "application/json",
                                 "{\"id\":\"remote 7\","
                                 "\"url\":\"http://127.0.0.1/blogs/election#post-remote\","
                                 "\"revision\":2,\"published_at\":\"2026-11-24T21:50:07Z\","
                                 "\"updated_at\":\"2026-11-24T22:03:12Z\","
                                 "\"something_new\":[1,2]}");
  liveline_post_set_body (draft, "Turnout was *very* high.");
  liveline_publisher_update_async (publisher, draft, "remote 7", NULL, "5c1e-update", NULL,
                                   liveline_test_keep_result, &fixture->result);
  post = liveline_publisher_update_finish (publisher, liveline_test_endpoint_wait (fixture),
                                           &error);
  g_assert_no_error (error);
  g_assert_nonnull (post);
  g_assert_cmpuint (post->revision, ==, 2);
  g_assert_nonnull (post->updated_at);
  g_assert_true (g_date_time_equal (post->updated_at, updated));

  g_assert_cmpstr (fixture->method, ==, "PUT");
  /* escaped on the way, as the server decodes it */
  g_assert_cmpstr (fixture->path, ==, "/api/v1/blogs/election/posts/remote 7");
  g_assert_cmpstr (fixture->idempotency_key, ==, "5c1e-update");
  sent = sent_object (fixture);
  g_assert_cmpstr (json_object_get_string_member (sent, "id"), ==, "remote 7");
  g_assert_cmpstr (json_object_get_string_member (sent, "body_markdown"), ==,
                   "Turnout was *very* high.");
}

static void
test_delete (LivelineTestEndpoint *fixture,
             gconstpointer         user_data)
{
  g_autoptr(LivelinePublisher) publisher = liveline_test_endpoint_publisher (fixture);
  g_autoptr(GError) error = NULL;

  liveline_test_endpoint_answer (fixture, 204, NULL, NULL);
  liveline_publisher_delete_async (publisher, "9b2e7c50", "5c1e-delete", NULL,
                                   liveline_test_keep_result, &fixture->result);
  g_assert_true (liveline_publisher_delete_finish (publisher, liveline_test_endpoint_wait (fixture),
                                                   &error));
  g_assert_no_error (error);
  g_assert_cmpstr (fixture->method, ==, "DELETE");
  g_assert_cmpstr (fixture->path, ==, "/api/v1/blogs/election/posts/9b2e7c50");
  g_assert_cmpstr (fixture->authorization, ==, "Bearer " LIVELINE_TEST_ENDPOINT_TOKEN);

  /* A post the endpoint never had */
  liveline_test_endpoint_answer (fixture, 404, "application/problem+json",
                                 "{\"type\":\"https://liveline.invalid/problems/not-found\","
                                 "\"title\":\"Not found\","
                                 "\"status\":404,\"detail\":\"The blog has no post 9b2e7c50.\"}");
  g_clear_object (&fixture->result);
  liveline_publisher_delete_async (publisher, "9b2e7c50", NULL, NULL,
                                   liveline_test_keep_result, &fixture->result);
  g_assert_false (liveline_publisher_delete_finish (publisher,
                                                    liveline_test_endpoint_wait (fixture), &error));
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "The blog has no post 9b2e7c50.");
}

static void
test_find_by_key (LivelineTestEndpoint *fixture,
                  gconstpointer         user_data)
{
  g_autoptr(LivelinePost) any_post = liveline_test_make_post ();
  g_autoptr(LivelinePublisher) publisher = liveline_test_endpoint_publisher (fixture);
  g_autoptr(LivelineRemotePost) post = NULL;
  g_autoptr(LivelineRemotePost) none = NULL;
  g_autoptr(GError) error = NULL;

  liveline_test_endpoint_answer (fixture, 200, "application/json",
                                 "{\"id\":\"9b2e7c50\",\"blog\":\"election\","
                                 "\"url\":\"http://127.0.0.1/blogs/election#post-9b2e7c50\","
                                 "\"revision\":3,\"headline\":null,\"body_markdown\":\"x\","
                                 "\"body_html\":\"<p>x</p>\","
                                 "\"author\":null,\"pinned\":true,\"key_moment\":false,"
                                 "\"created_at\":\"2026-11-24T21:49:50Z\","
                                 "\"published_at\":\"2026-11-24T21:50:07Z\","
                                 "\"updated_at\":null,\"image\":null}");
  liveline_publisher_find_by_key_async (publisher, any_post, "5c1e/create?", NULL,
                                        liveline_test_keep_result, &fixture->result);
  post = liveline_publisher_find_by_key_finish (publisher, liveline_test_endpoint_wait (fixture),
                                                &error);
  g_assert_no_error (error);
  g_assert_nonnull (post);
  g_assert_cmpstr (post->id, ==, "9b2e7c50");
  g_assert_cmpuint (post->revision, ==, 3);
  g_assert_null (post->updated_at);
  g_assert_cmpstr (fixture->method, ==, "GET");
  /* escaped on the way: a bare "?" would have started a query */
  g_assert_cmpstr (fixture->path, ==, "/api/v1/posts/by-key/5c1e/create?");

  /* The endpoint never got the request: nothing, and no error */
  liveline_test_endpoint_answer (fixture, 404, "application/problem+json",
                                 "{\"type\":\"https://liveline.invalid/problems/not-found\","
                                 "\"status\":404}");
  g_clear_object (&fixture->result);
  liveline_publisher_find_by_key_async (publisher, any_post, "unknown", NULL,
                                        liveline_test_keep_result, &fixture->result);
  none = liveline_publisher_find_by_key_finish (publisher, liveline_test_endpoint_wait (fixture),
                                                &error);
  g_assert_no_error (error);
  g_assert_null (none);
}

static void
test_token_not_readable (void)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(LivelineJsonPublisher) publisher = NULL;
  GParamSpec *pspec;

  publisher = liveline_json_publisher_new (session, "http://127.0.0.1:1/", "election",
                                           LIVELINE_TEST_ENDPOINT_TOKEN);
  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (publisher), "token");
  g_assert_nonnull (pspec);
  g_assert_false (pspec->flags & G_PARAM_READABLE);
  g_assert_cmpstr (liveline_json_publisher_get_base_url (publisher), ==, "http://127.0.0.1:1");
  g_assert_cmpstr (liveline_json_publisher_get_blog (publisher), ==, "election");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  LIVELINE_TEST_ENDPOINT_ADD ("create-sends-the-post", test_create_sends_the_post);
  LIVELINE_TEST_ENDPOINT_ADD ("create-without-photo-or-headline",
                              test_create_without_photo_or_headline);
  LIVELINE_TEST_ENDPOINT_ADD ("upload-media", test_upload_media);
  LIVELINE_TEST_ENDPOINT_ADD ("upload-missing-file", test_upload_missing_file);
  LIVELINE_TEST_ENDPOINT_ADD ("update", test_update);
  LIVELINE_TEST_ENDPOINT_ADD ("delete", test_delete);
  LIVELINE_TEST_ENDPOINT_ADD ("find-by-key", test_find_by_key);

  g_test_add_func ("/json-publisher/token-not-readable", test_token_not_readable);

  return g_test_run ();
}
