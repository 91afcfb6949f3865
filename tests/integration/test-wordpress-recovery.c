/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-wordpress-recovery"

#include "config.h"

#include "liveline-outbox-op.h"
#include "liveline-test-util.h"
#include "liveline-test-wordpress-blog.h"
#include "liveline-wordpress-publisher.h"

/* LivelineWordpressPublisher against a real WordPress (see
 * tests/integration) when an answer was lost: a try that did arrive is
 * found, never published twice, and a duplicate it left is removed.
 */

/* The journalist's laptop died after WordPress made the post and before
 * its answer came, so before the post's photo was attached to it: the
 * outbox asks, finds it, does not post again, and attaches the photo. */
static void
test_lost_answer (LivelineTestWordpressBlog *fixture,
                  gconstpointer              user_data)
{
  g_autoptr(LivelinePost) post = NULL;
  g_autoptr(GListModel) ops = NULL;
  g_autoptr(LivelineOutboxOp) op = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(LivelineRemoteMedia) photo = NULL;
  g_autoptr(JsonNode) arrived = NULL;
  g_autoptr(JsonObject) media = NULL;
  g_autoptr(LivelineRemotePost) unknown = NULL;
  g_autoptr(LivelinePost) never_sent = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *slug = NULL;
  g_autofree char *body = NULL;
  g_autofree char *arrived_id = NULL;
  g_autofree char *posts_prefix = NULL;
  g_autofree char *jpeg = NULL;
  guint status = 0;

  post = liveline_test_wordpress_blog_write_post (fixture, "Delegates walk out",
                                                  "The talks broke up at six.");
  g_assert_true (liveline_store_publish_post (fixture->store, post, &error));
  now = g_date_time_new_now_utc ();
  ops = liveline_store_list_due_ops (fixture->store, now);
  g_assert_cmpuint (g_list_model_get_n_items (ops), ==, 1);
  op = g_list_model_get_item (ops, 0);
  g_assert_true (liveline_store_begin_send (fixture->store, op, &error));
  g_assert_no_error (error);

  /* The try that arrived, from the process that died: its photo, and the
   * post that shows it, which WordPress made but the photo is not yet
   * attached to. */
  jpeg = liveline_test_wordpress_blog_make_jpeg (fixture, "walkout.jpg");
  liveline_publisher_upload_media_async (fixture->publisher, jpeg, "image/jpeg", "walkout.jpg",
                                         liveline_outbox_op_get_idempotency_key (op), NULL,
                                         liveline_test_keep_result, &fixture->result);
  photo = liveline_publisher_upload_media_finish (fixture->publisher,
                                                  liveline_test_wordpress_blog_wait (fixture),
                                                  &error);
  g_assert_no_error (error);
  slug = liveline_test_wordpress_slug (post);
  body = g_strdup_printf ("{\"title\": \"Delegates walk out\", \"status\": \"publish\", "
                          "\"slug\": \"%s\", \"categories\": [%s], \"featured_media\": %s}",
                          slug, fixture->category_id, photo->id);
  arrived = liveline_test_wordpress_call (fixture->wordpress, "POST", "wp/v2/posts", body, &status);
  g_assert_cmpuint (status, ==, 201);
  arrived_id = liveline_test_wordpress_id (json_node_get_object (arrived));
  media = liveline_test_wordpress_get_media (fixture->wordpress, photo->id);
  g_assert_cmpint (json_object_get_int_member (media, "post"), ==, 0);
  g_clear_pointer (&media, json_object_unref);

  liveline_outbox_start (fixture->outbox);
  g_assert_true (liveline_test_wait_for (liveline_test_wordpress_blog_is_idle, fixture,
                                         LIVELINE_TEST_WORDPRESS_WAIT_MS));
  g_assert_cmpint (liveline_post_get_state (post), ==, LIVELINE_POST_STATE_PUBLISHED);
  g_assert_cmpstr (liveline_post_get_remote_id (post), ==, arrived_id);
  g_assert_cmpstr (liveline_post_get_remote_url (post), ==,
                   json_object_get_string_member (json_node_get_object (arrived), "link"));

  g_assert_cmpuint (liveline_test_wordpress_count_posts (fixture->wordpress, slug), ==, 1);
  posts_prefix = g_strdup_printf ("POST %swp/v2/posts", fixture->wordpress->rest_root);
  g_assert_false (liveline_test_wordpress_blog_sent (fixture, posts_prefix));
  media = liveline_test_wordpress_get_media (fixture->wordpress, photo->id);
  g_assert_cmpint (json_object_get_int_member (media, "post"), ==, g_ascii_strtoll (arrived_id, NULL, 10));

  /* A post WordPress never got is not found, without an error. */
  never_sent = liveline_post_new ("0c1a8f3e-7a55-4b8e-a0f1-2b7e5d4c9a10",
                                  liveline_blog_get_id (fixture->blog));
  liveline_publisher_find_by_key_async (fixture->publisher, never_sent, "key", NULL,
                                        liveline_test_keep_result, &fixture->result);
  unknown = liveline_publisher_find_by_key_finish (fixture->publisher,
                                                   liveline_test_wordpress_blog_wait (fixture),
                                                   &error);
  g_assert_no_error (error);
  g_assert_null (unknown);
}

/* A post from a try whose answer was lost got "-2" after the first; the
 * next look-up deletes it for good and keeps the first. Photos too. */
static void
test_duplicate_removed (LivelineTestWordpressBlog *fixture,
                        gconstpointer              user_data)
{
  g_autoptr(LivelinePost) post = NULL;
  g_autoptr(LivelineRemotePost) first = NULL;
  g_autoptr(LivelineRemotePost) found = NULL;
  g_autoptr(LivelineRemotePost) again = NULL;
  g_autoptr(LivelineRemoteMedia) photo = NULL;
  g_autoptr(LivelineRemoteMedia) photo_again = NULL;
  g_autoptr(JsonNode) duplicate = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *unique_uuid = NULL;
  g_autofree char *slug = NULL;
  g_autofree char *body = NULL;
  g_autofree char *duplicate_id = NULL;
  g_autofree char *route = NULL;
  g_autofree char *jpeg = NULL;
  g_autofree char *photo_key = NULL;
  g_autofree char *photo_name = NULL;
  g_autofree char *photo_file = NULL;
  guint status = 0;

  /* A UUID of this run, so the slug is new to the server. */
  unique_uuid = g_uuid_string_random ();
  post = liveline_post_new (unique_uuid, 1);
  liveline_post_set_headline (post, "Talks stall");
  liveline_post_set_body (post, "No progress on the second day.");

  liveline_publisher_create_async (fixture->publisher, post, NULL, "create-key", NULL,
                                   liveline_test_keep_result, &fixture->result);
  first = liveline_publisher_create_finish (fixture->publisher,
                                            liveline_test_wordpress_blog_wait (fixture), &error);
  g_assert_no_error (error);

  slug = liveline_test_wordpress_slug (post);
  body = g_strdup_printf ("{\"title\": \"Talks stall\", \"status\": \"publish\", \"slug\": \"%s\", "
                          "\"categories\": [%s]}", slug, fixture->category_id);
  duplicate = liveline_test_wordpress_call (fixture->wordpress, "POST", "wp/v2/posts", body,
                                            &status);
  g_assert_cmpuint (status, ==, 201);
  g_assert_true (g_str_has_suffix (json_object_get_string_member (json_node_get_object (duplicate),
                                                                  "slug"), "-2"));
  duplicate_id = liveline_test_wordpress_id (json_node_get_object (duplicate));
  g_assert_cmpuint (liveline_test_wordpress_count_posts (fixture->wordpress, slug), ==, 2);

  liveline_publisher_find_by_key_async (fixture->publisher, post, "create-key", NULL,
                                        liveline_test_keep_result, &fixture->result);
  found = liveline_publisher_find_by_key_finish (fixture->publisher,
                                                 liveline_test_wordpress_blog_wait (fixture),
                                                 &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpstr (found->id, ==, first->id);

  /* Gone for good, not in the trash. */
  route = g_strdup_printf ("wp/v2/posts/%s?context=edit", duplicate_id);
  g_assert_cmpuint (liveline_test_wordpress_status (fixture->wordpress, route), ==, 404);
  g_assert_cmpuint (liveline_test_wordpress_count_posts (fixture->wordpress, slug), ==, 1);

  /* Sent again, the create finds the post instead of making another. */
  liveline_publisher_create_async (fixture->publisher, post, NULL, "create-key", NULL,
                                   liveline_test_keep_result, &fixture->result);
  again = liveline_publisher_create_finish (fixture->publisher,
                                            liveline_test_wordpress_blog_wait (fixture), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->id, ==, first->id);
  g_assert_cmpuint (liveline_test_wordpress_count_posts (fixture->wordpress, slug), ==, 1);

  /* The same for a photo. Its name is this run's, so WordPress files it
   * under that name and not with a number after it. */
  photo_key = g_strdup_printf ("%s-photo", unique_uuid);
  photo_name = g_strdup_printf ("Leeds queue %s.jpg", fixture->run);
  photo_file = g_strdup_printf ("Leeds-queue-%s.jpg", fixture->run);
  jpeg = liveline_test_wordpress_blog_make_jpeg (fixture, "leeds.jpg");
  liveline_publisher_upload_media_async (fixture->publisher, jpeg, "image/jpeg", photo_name,
                                         photo_key, NULL, liveline_test_keep_result,
                                         &fixture->result);
  photo = liveline_publisher_upload_media_finish (fixture->publisher,
                                                  liveline_test_wordpress_blog_wait (fixture),
                                                  &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (photo->url, photo_file));
  g_assert_cmpuint (photo->width, ==, 96);
  g_assert_cmpuint (photo->height, ==, 64);

  {
    g_autoptr(JsonObject) media = liveline_test_wordpress_get_media (fixture->wordpress, photo->id);
    g_autofree char *media_slug = g_strdup (json_object_get_string_member (media, "slug"));
    g_autofree char *upload_url = g_strdup_printf ("%swp/v2/media?slug=%s",
                                                   fixture->wordpress->rest_root, media_slug);
    g_autoptr(SoupMessage) message = soup_message_new ("POST", upload_url);
    g_autoptr(GBytes) answer = NULL;
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(GBytes) bytes = NULL;
    g_autofree char *contents = NULL;
    gsize length = 0;
    JsonObject *made;
    g_autofree char *made_id = NULL;
    g_autofree char *made_route = NULL;

    g_file_get_contents (jpeg, &contents, &length, &error);
    g_assert_no_error (error);
    soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                  fixture->wordpress->authorization);
    soup_message_headers_replace (soup_message_get_request_headers (message), "Content-Disposition",
                                  "attachment; filename=\"leeds.jpg\"");
    bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
    soup_message_set_request_body_from_bytes (message, "image/jpeg", bytes);
    answer = soup_session_send_and_read (fixture->wordpress->session, message, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (soup_message_get_status (message), ==, 201);
    g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (answer, NULL),
                                               g_bytes_get_size (answer), NULL));
    made = json_node_get_object (json_parser_get_root (parser));
    g_assert_true (g_str_has_suffix (json_object_get_string_member (made, "slug"), "-2"));
    made_id = liveline_test_wordpress_id (made);

    liveline_publisher_upload_media_async (fixture->publisher, jpeg, "image/jpeg", photo_name,
                                           photo_key, NULL, liveline_test_keep_result,
                                           &fixture->result);
    photo_again =
      liveline_publisher_upload_media_finish (fixture->publisher,
                                              liveline_test_wordpress_blog_wait (fixture), &error);
    g_assert_no_error (error);
    g_assert_cmpstr (photo_again->id, ==, photo->id);
    g_assert_cmpstr (photo_again->url, ==, photo->url);

    made_route = g_strdup_printf ("wp/v2/media/%s?context=edit", made_id);
    g_assert_cmpuint (liveline_test_wordpress_status (fixture->wordpress, made_route), ==, 404);
  }
}

int
main (int   argc,
      char *argv[])
{
  liveline_test_wordpress_blog_init (&argc, &argv);

  LIVELINE_TEST_WORDPRESS_ADD ("lost-answer", test_lost_answer);
  LIVELINE_TEST_WORDPRESS_ADD ("duplicate-removed", test_duplicate_removed);

  return liveline_test_wordpress_blog_run ();
}
