/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-wordpress-publish"

#include "config.h"

#include "liveline-destination.h"
#include "liveline-post-private.h"
#include "liveline-test-util.h"
#include "liveline-test-wordpress-blog.h"
#include "liveline-wordpress-publisher.h"

/* LivelineWordpressPublisher against a real WordPress (Debian's, see
 * tests/integration), through the real outbox and store: what an update
 * becomes on the site once published, corrected and retracted. Everything
 * is read back with WordPress's own REST API.
 */

static GDateTime *
parse_gmt (JsonObject *object,
           const char *member)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  return g_date_time_new_from_iso8601 (json_object_get_string_member (object, member), utc);
}

/* The photo WordPress serves is the file Liveline prepared, byte for byte. */
static void
assert_uploaded_file (LivelineTestWordpressBlog *fixture,
                      const char                *source_url,
                      LivelinePost              *post)
{
  const char *relative = strstr (source_url, "/wp-content/uploads/");
  g_autofree char *uploaded_path = NULL;
  g_autofree char *uploaded = NULL;
  g_autofree char *prepared = NULL;
  gsize uploaded_length = 0;
  gsize prepared_length = 0;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (relative);
  uploaded_path = g_build_filename (fixture->wordpress->uploads_dir,
                                    relative + strlen ("/wp-content/uploads/"), NULL);
  g_file_get_contents (uploaded_path, &uploaded, &uploaded_length, &error);
  g_assert_no_error (error);
  g_file_get_contents (liveline_post_get_image_path (post), &prepared, &prepared_length, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (uploaded, uploaded_length, prepared, prepared_length);
}

/* An update with a photo, published, corrected and retracted through the
 * outbox: WordPress has every field as Liveline meant it. */
static void
test_publish_correct_retract (LivelineTestWordpressBlog *fixture,
                              gconstpointer              user_data)
{
  g_autoptr(LivelinePost) post = NULL;
  g_autoptr(JsonObject) remote = NULL;
  g_autoptr(JsonObject) media = NULL;
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GDateTime) sent_at = NULL;
  g_autofree char *slug = NULL;
  g_autofree char *media_id = NULL;
  g_autofree char *figure = NULL;
  g_autofree char *first_request = NULL;
  g_autofree char *remote_id = NULL;
  g_autofree char *api_prefix = NULL;
  const char *content;
  const char *source_url;

  post = liveline_test_wordpress_blog_write_post (fixture, "Talks resume in Geneva & Vienna",
                                                  "Delegates **arrived** at the Palais des "
                                                  "Nations.");
  liveline_test_wordpress_blog_add_photo (fixture, post, "Queues in Leeds", "Reuters",
                                          "People queue outside a school");
  sent_at = g_date_time_new_now_utc ();
  liveline_test_wordpress_blog_publish (fixture, post);

  g_assert_cmpint (liveline_post_get_state (post), ==, LIVELINE_POST_STATE_PUBLISHED);
  remote_id = g_strdup (liveline_post_get_remote_id (post));
  g_assert_nonnull (remote_id);
  media_id = liveline_store_dup_media_remote_id (fixture->store, post);
  g_assert_nonnull (media_id);

  remote = liveline_test_wordpress_get_post (fixture->wordpress, remote_id);
  slug = liveline_test_wordpress_slug (post);
  g_assert_cmpstr (json_object_get_string_member (remote, "slug"), ==, slug);
  g_assert_cmpstr (json_object_get_string_member (remote, "status"), ==, "publish");
  g_assert_cmpstr (json_object_get_string_member (remote, "link"), ==,
                   liveline_post_get_remote_url (post));
  /* Stored as WordPress stores a title typed by an author who may not
   * write HTML. */
  g_assert_cmpstr (liveline_test_wordpress_raw (remote, "title"), ==,
                   "Talks resume in Geneva &amp; Vienna");
  g_assert_false (json_object_get_boolean_member (remote, "sticky"));
  liveline_test_wordpress_assert_in_category (remote, fixture->category_id);
  g_assert_cmpint (json_object_get_int_member (remote, "featured_media"), ==,
                   g_ascii_strtoll (media_id, NULL, 10));

  /* Dated when it went out (to the second; see test_dates). */
  date = parse_gmt (remote, "date_gmt");
  g_assert_cmpint (g_date_time_difference (date, sent_at), >, -G_TIME_SPAN_SECOND);
  g_assert_cmpint (g_date_time_compare (liveline_post_get_published_at (post), date), ==, 0);

  media = liveline_test_wordpress_get_media (fixture->wordpress, media_id);
  source_url = json_object_get_string_member (media, "source_url");
  g_assert_cmpstr (liveline_test_wordpress_raw (media, "caption"), ==,
                   "Queues in Leeds Credit: Reuters");
  g_assert_cmpstr (json_object_get_string_member (media, "alt_text"), ==,
                   "People queue outside a school");
  g_assert_cmpstr (json_object_get_string_member (media, "mime_type"), ==, "image/jpeg");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (media, "slug"), "liveline-"));
  assert_uploaded_file (fixture, source_url, post);
  /* Attached to the post: WordPress lists it with it. */
  g_assert_cmpint (json_object_get_int_member (media, "post"), ==, g_ascii_strtoll (remote_id, NULL, 10));

  content = liveline_test_wordpress_raw (remote, "content");
  g_assert_nonnull (strstr (content,
                            "Delegates <strong>arrived</strong> at the Palais des Nations."));
  figure = g_strdup_printf ("<figure class=\"liveline-photo\"><img src=\"%s\" "
                            "alt=\"People queue outside a school\"", source_url);
  g_assert_nonnull (strstr (content, figure));
  g_assert_nonnull (strstr (content, "<figcaption>Queues in Leeds <span class=\"credit\">"
                                     "Credit: Reuters</span></figcaption>"));

  /* The site was asked where its API is without the password; the API was
   * asked with it. */
  first_request = g_strdup_printf ("GET %s", fixture->wordpress->site_url);
  g_assert_cmpstr (g_ptr_array_index (fixture->requests, 0), ==, first_request);
  api_prefix = g_strdup_printf ("POST %swp/v2/posts", fixture->wordpress->rest_root);
  for (guint i = 1; i < fixture->requests->len; i++)
    {
      const char *request = g_ptr_array_index (fixture->requests, i);

      g_assert_nonnull (strstr (request, fixture->wordpress->rest_root));
      g_assert_true (g_str_has_suffix (request, " (signed)"));
    }
  g_assert_true (liveline_test_wordpress_blog_sent (fixture, api_prefix));

  /* A correction: new headline, new caption and credit, pinned. */
  liveline_post_set_headline (post, "Talks resume in Geneva");
  liveline_post_set_image_caption (post, "Queues in Leeds at dawn");
  liveline_post_set_image_credit (post, "AP");
  liveline_post_set_pinned (post, TRUE);
  g_assert_true (liveline_store_save_post (fixture->store, post, NULL));
  liveline_test_wordpress_blog_publish (fixture, post);

  g_assert_cmpint (liveline_post_get_state (post), ==, LIVELINE_POST_STATE_PUBLISHED);
  g_assert_cmpstr (liveline_post_get_remote_id (post), ==, remote_id);
  g_clear_pointer (&remote, json_object_unref);
  g_clear_pointer (&media, json_object_unref);
  remote = liveline_test_wordpress_get_post (fixture->wordpress, remote_id);
  media = liveline_test_wordpress_get_media (fixture->wordpress, media_id);
  g_assert_cmpstr (liveline_test_wordpress_raw (remote, "title"), ==, "Talks resume in Geneva");
  g_assert_true (json_object_get_boolean_member (remote, "sticky"));
  g_assert_cmpint (json_object_get_int_member (remote, "featured_media"), ==,
                   g_ascii_strtoll (media_id, NULL, 10));
  liveline_test_wordpress_assert_in_category (remote, fixture->category_id);
  g_assert_nonnull (strstr (liveline_test_wordpress_raw (remote, "content"),
                            "<figcaption>Queues in Leeds at dawn <span class=\"credit\">"
                            "Credit: AP</span></figcaption>"));
  g_assert_cmpstr (liveline_test_wordpress_raw (media, "caption"), ==,
                   "Queues in Leeds at dawn Credit: AP");
  g_assert_cmpint (json_object_get_int_member (media, "post"), ==, g_ascii_strtoll (remote_id, NULL, 10));
  g_assert_cmpuint (liveline_test_wordpress_count_posts (fixture->wordpress, slug), ==, 1);

  /* Retracted: in WordPress's trash, where an editor can bring it back. */
  liveline_test_wordpress_blog_retract (fixture, post);
  g_clear_pointer (&remote, json_object_unref);
  remote = liveline_test_wordpress_get_post (fixture->wordpress, remote_id);
  g_assert_cmpstr (json_object_get_string_member (remote, "status"), ==, "trash");
}

/* Made by the destination, as the session makes it, with retractions set
 * to skip the trash. */
static void
test_retract_permanently (LivelineTestWordpressBlog *fixture,
                          gconstpointer              user_data)
{
  LivelineDestination destination = {
    "wordpress", fixture->wordpress->site_url, fixture->category_id,
    fixture->wordpress->username, TRUE
  };
  g_autoptr(LivelinePublisher) publisher = NULL;
  g_autoptr(LivelinePost) post = NULL;
  g_autofree char *route = NULL;
  g_autofree char *remote_id = NULL;

  publisher = liveline_destination_new_publisher (&destination, fixture->session, fixture->blog,
                                                  fixture->password);
  g_assert_true (LIVELINE_IS_WORDPRESS_PUBLISHER (publisher));
  liveline_outbox_set_publisher (fixture->outbox, liveline_blog_get_id (fixture->blog), publisher);

  post = liveline_test_wordpress_blog_write_post (fixture, "Ceasefire announced",
                                                  "Both sides agreed to stop at noon.");
  liveline_test_wordpress_blog_publish (fixture, post);
  remote_id = g_strdup (liveline_post_get_remote_id (post));
  g_assert_nonnull (remote_id);
  route = g_strdup_printf ("wp/v2/posts/%s?context=edit", remote_id);
  g_assert_cmpuint (liveline_test_wordpress_status (fixture->wordpress, route), ==, 200);

  liveline_test_wordpress_blog_retract (fixture, post);
  g_assert_cmpuint (liveline_test_wordpress_status (fixture->wordpress, route), ==, 404);
}

/* An update is dated when it went out, by the site's clock, not when it
 * was written: one written 42 minutes ago (on a train, say) does not
 * appear 42 minutes down the live blog, and one from a laptop whose clock
 * runs ahead is not held back by WordPress until then. */
static void
test_dates (LivelineTestWordpressBlog *fixture,
            gconstpointer              user_data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) past = g_date_time_add_minutes (now, -42);
  g_autoptr(GDateTime) future = g_date_time_add_hours (now, 3);
  GDateTime *created[] = { past, future };

  for (guint i = 0; i < G_N_ELEMENTS (created); i++)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      g_autoptr(LivelinePost) post = liveline_post_new (uuid, 1);
      g_autoptr(LivelineRemotePost) remote = NULL;
      g_autoptr(JsonObject) object = NULL;
      g_autoptr(GDateTime) date = NULL;
      g_autoptr(GDateTime) sent_at = NULL;
      g_autoptr(GDateTime) answered_at = NULL;
      g_autoptr(GError) error = NULL;

      _liveline_post_set_stored (post, 1, created[i]);
      liveline_post_set_headline (post, "Talks resume");
      sent_at = g_date_time_new_now_utc ();
      liveline_publisher_create_async (fixture->publisher, post, NULL, "key", NULL,
                                       liveline_test_keep_result, &fixture->result);
      remote = liveline_publisher_create_finish (fixture->publisher,
                                                 liveline_test_wordpress_blog_wait (fixture),
                                                 &error);
      g_assert_no_error (error);
      answered_at = g_date_time_new_now_utc ();

      object = liveline_test_wordpress_get_post (fixture->wordpress, remote->id);
      date = parse_gmt (object, "date_gmt");
      g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "publish");
      g_assert_cmpint (g_date_time_compare (remote->published_at, date), ==, 0);
      /* WordPress keeps whole seconds. */
      g_assert_cmpint (g_date_time_difference (date, sent_at), >, -G_TIME_SPAN_SECOND);
      g_assert_cmpint (g_date_time_difference (answered_at, date), >=, 0);
    }
}

/* A site given as `…/?rest_route=/`, the REST API's address without pretty
 * permalinks: every route goes in that parameter, and works. */
static void
test_rest_route (LivelineTestWordpressBlog *fixture,
                 gconstpointer              user_data)
{
  g_autofree char *site_url = g_strdup_printf ("%s?rest_route=/", fixture->wordpress->site_url);
  g_autoptr(LivelinePublisher) publisher =
    liveline_test_wordpress_blog_publisher (fixture, site_url, fixture->password);
  g_autoptr(LivelinePost) post = NULL;
  g_autoptr(JsonObject) remote = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *upload = NULL;
  g_autofree char *media_id = NULL;
  g_autofree char *remote_id = NULL;

  liveline_outbox_set_publisher (fixture->outbox, liveline_blog_get_id (fixture->blog), publisher);

  liveline_publisher_check_async (publisher, NULL, liveline_test_keep_result, &fixture->result);
  g_assert_true (liveline_publisher_check_finish (publisher,
                                                  liveline_test_wordpress_blog_wait (fixture),
                                                  &error));
  g_assert_no_error (error);

  post = liveline_test_wordpress_blog_write_post (fixture, "Talks resume",
                                                  "Without pretty permalinks.");
  liveline_test_wordpress_blog_add_photo (fixture, post, "The Palais des Nations", "UN Photo",
                                          "A white building behind flags");
  liveline_test_wordpress_blog_publish (fixture, post);
  g_assert_cmpint (liveline_post_get_state (post), ==, LIVELINE_POST_STATE_PUBLISHED);
  remote_id = g_strdup (liveline_post_get_remote_id (post));
  media_id = liveline_store_dup_media_remote_id (fixture->store, post);

  remote = liveline_test_wordpress_get_post (fixture->wordpress, remote_id);
  g_assert_cmpint (json_object_get_int_member (remote, "featured_media"), ==,
                   g_ascii_strtoll (media_id, NULL, 10));
  liveline_test_wordpress_assert_in_category (remote, fixture->category_id);
  g_assert_nonnull (strstr (liveline_test_wordpress_raw (remote, "content"), "Credit: UN Photo"));

  liveline_test_wordpress_blog_retract (fixture, post);
  g_clear_pointer (&remote, json_object_unref);
  remote = liveline_test_wordpress_get_post (fixture->wordpress, remote_id);
  g_assert_cmpstr (json_object_get_string_member (remote, "status"), ==, "trash");

  /* Nothing went to /wp-json/, and the routes' own queries follow the
   * rest_route parameter. */
  for (guint i = 0; i < fixture->requests->len; i++)
    {
      const char *request = g_ptr_array_index (fixture->requests, i);

      g_assert_null (strstr (request, "/wp-json/"));
      g_assert_nonnull (strstr (request, "?rest_route=/wp/v2/"));
    }
  upload = g_strdup_printf ("POST %s?rest_route=/wp/v2/media&slug=liveline-",
                            fixture->wordpress->site_url);
  g_assert_true (liveline_test_wordpress_blog_sent (fixture, upload));
}

int
main (int   argc,
      char *argv[])
{
  liveline_test_wordpress_blog_init (&argc, &argv);

  LIVELINE_TEST_WORDPRESS_ADD ("publish-correct-retract", test_publish_correct_retract);
  LIVELINE_TEST_WORDPRESS_ADD ("retract-permanently", test_retract_permanently);
  LIVELINE_TEST_WORDPRESS_ADD ("dates", test_dates);
  LIVELINE_TEST_WORDPRESS_ADD ("rest-route", test_rest_route);

  return liveline_test_wordpress_blog_run ();
}
