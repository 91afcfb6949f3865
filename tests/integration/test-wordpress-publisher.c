/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-wordpress-publisher"

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "liveline-blog.h"
#include "liveline-destination.h"
#include "liveline-image.h"
#include "liveline-outbox-op.h"
#include "liveline-outbox.h"
#include "liveline-post-private.h"
#include "liveline-post.h"
#include "liveline-store.h"
#include "liveline-test-util.h"
#include "liveline-test-wordpress.h"
#include "liveline-wordpress-publisher.h"

/* LivelineWordpressPublisher against a real WordPress (Debian's, see
 * tests/integration), through the real outbox and store where the outbox
 * is what calls it. Everything is read back with WordPress's own REST API.
 * Each test publishes into a category of its own, named after this run, so
 * runs against the same server never see each other's posts.
 */

#define WAIT_MS 30000

static LivelineTestWordpress *wordpress;
static char *run;

typedef struct
{
  char              *category_name;
  char              *category_id;
  char              *password;
  char              *dir;
  LivelineStore     *store;
  LivelineBlog      *blog;
  LivelineOutbox    *outbox;
  SoupSession       *session;
  /* "METHOD URL" of each request the publisher's session sent, with
   * " (signed)" when it carried the password. */
  GPtrArray         *requests;
  LivelinePublisher *publisher;
  GAsyncResult      *result;
} Fixture;

static void
on_request_queued (SoupSession *session,
                   SoupMessage *message,
                   Fixture     *fixture)
{
  g_autofree char *url = g_uri_to_string (soup_message_get_uri (message));
  gboolean signed_in = soup_message_headers_get_one (soup_message_get_request_headers (message),
                                                     "Authorization") != NULL;

  g_ptr_array_add (fixture->requests, g_strdup_printf ("%s %s%s", soup_message_get_method (message),
                                                       url, signed_in ? " (signed)" : ""));
}

static LivelinePublisher *
make_publisher (Fixture    *fixture,
                const char *site_url,
                const char *password)
{
  return LIVELINE_PUBLISHER (liveline_wordpress_publisher_new (fixture->session, site_url,
                                                               wordpress->username, password,
                                                               fixture->category_id, NULL));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *blog_name = g_strdup_printf ("Syria & Iraq talks %s", run);

  fixture->category_name = g_strdup_printf ("Liveline %s %s", run, g_test_get_path ());
  fixture->category_id = liveline_test_wordpress_make_category (wordpress, fixture->category_name);
  fixture->password = liveline_test_wordpress_spaced_password (wordpress);

  fixture->dir = g_dir_make_tmp ("liveline-wordpress-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->store = liveline_store_open (fixture->dir, &error);
  g_assert_no_error (error);
  fixture->blog = liveline_store_create_blog (fixture->store, blog_name, &error);
  g_assert_no_error (error);

  fixture->session = soup_session_new ();
  soup_session_set_timeout (fixture->session, 10);
  fixture->requests = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (fixture->session, "request-queued", G_CALLBACK (on_request_queued), fixture);

  fixture->publisher = make_publisher (fixture, wordpress->site_url, fixture->password);
  fixture->outbox = liveline_outbox_new (fixture->store, NULL);
  liveline_outbox_set_publisher (fixture->outbox, liveline_blog_get_id (fixture->blog),
                                 fixture->publisher);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  liveline_outbox_stop (fixture->outbox);
  g_clear_object (&fixture->outbox);
  g_clear_object (&fixture->publisher);
  g_clear_object (&fixture->result);
  g_signal_handlers_disconnect_by_data (fixture->session, fixture);
  g_clear_object (&fixture->session);
  g_clear_pointer (&fixture->requests, g_ptr_array_unref);
  g_clear_object (&fixture->store);
  liveline_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->category_name);
  g_free (fixture->category_id);
  g_free (fixture->password);
}

/* Waiting */

static GAsyncResult *
wait_result (Fixture *fixture)
{
  g_clear_object (&fixture->result);
  g_assert_true (liveline_test_wait_for_result (&fixture->result, WAIT_MS));

  return fixture->result;
}

static gboolean
outbox_is_empty (gpointer user_data)
{
  Fixture *fixture = user_data;

  return liveline_store_count_waiting (fixture->store) == 0 &&
         liveline_outbox_get_sending (fixture->outbox) == 0;
}

static gboolean
post_is_failed (gpointer user_data)
{
  return liveline_post_get_state (user_data) == LIVELINE_POST_STATE_FAILED;
}

/* Posts and photos */

static LivelinePost *
write_post (Fixture    *fixture,
            const char *headline,
            const char *body)
{
  g_autoptr(GError) error = NULL;
  LivelinePost *post = liveline_store_create_post (fixture->store, fixture->blog, &error);

  g_assert_no_error (error);
  liveline_post_set_headline (post, headline);
  liveline_post_set_body (post, body);
  g_assert_true (liveline_store_save_post (fixture->store, post, &error));
  g_assert_no_error (error);

  return post;
}

/* A small JPEG on disk, as the journalist's camera would leave one. */
static char *
make_jpeg (Fixture    *fixture,
           const char *name)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 96, 64);
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  gdk_pixbuf_fill (pixbuf, 0x3465a4ff);
  gdk_pixbuf_save (pixbuf, path, "jpeg", &error, NULL);
  g_assert_no_error (error);

  return g_steal_pointer (&path);
}

static void
add_photo (Fixture      *fixture,
           LivelinePost *post,
           const char   *caption,
           const char   *credit,
           const char   *alt)
{
  g_autofree char *path = make_jpeg (fixture, "agency-photo.jpg");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(LivelineImage) image = NULL;
  g_autoptr(GError) error = NULL;

  liveline_image_prepare_async (file, liveline_store_get_media_dir (fixture->store), 2048, NULL,
                                liveline_test_keep_result, &fixture->result);
  image = liveline_image_prepare_finish (wait_result (fixture), &error);
  g_assert_no_error (error);

  liveline_post_set_image (post, image);
  liveline_post_set_image_caption (post, caption);
  liveline_post_set_image_credit (post, credit);
  liveline_post_set_image_alt (post, alt);
  g_assert_true (liveline_store_save_post (fixture->store, post, &error));
  g_assert_no_error (error);
}

static void
publish_and_wait (Fixture      *fixture,
                  LivelinePost *post)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (liveline_store_publish_post (fixture->store, post, &error));
  g_assert_no_error (error);
  liveline_outbox_start (fixture->outbox);
  liveline_outbox_wake (fixture->outbox);
  g_assert_true (liveline_test_wait_for (outbox_is_empty, fixture, WAIT_MS));
}

static void
retract_and_wait (Fixture      *fixture,
                  LivelinePost *post)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (liveline_store_retract_post (fixture->store, post, &error));
  g_assert_no_error (error);
  liveline_outbox_wake (fixture->outbox);
  g_assert_true (liveline_test_wait_for (outbox_is_empty, fixture, WAIT_MS));
}

/* Reading WordPress */

static JsonObject *
get_post (const char *id)
{
  g_autofree char *route = g_strdup_printf ("wp/v2/posts/%s?context=edit", id);

  return liveline_test_wordpress_get_object (wordpress, route);
}

static JsonObject *
get_media (const char *id)
{
  g_autofree char *route = g_strdup_printf ("wp/v2/media/%s?context=edit", id);

  return liveline_test_wordpress_get_object (wordpress, route);
}

static char *
id_of (JsonObject *object)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (object, "id"));
}

static char *
slug_of (LivelinePost *post)
{
  g_autofree char *uuid = g_ascii_strdown (liveline_post_get_uuid (post), -1);

  return g_strconcat ("liveline-", uuid, NULL);
}

/* Every post, whatever its status short of the trash, with the slug or
 * the slug WordPress gives a duplicate. */
static guint
count_posts_with_slug (const char *slug)
{
  g_autofree char *route = g_strdup_printf ("wp/v2/posts?status=any&slug=%s,%s-2,%s-3", slug, slug, slug);
  g_autoptr(GPtrArray) posts = liveline_test_wordpress_list (wordpress, route);

  return posts->len;
}

static guint
status_of (const char *route)
{
  g_autoptr(JsonNode) answer = NULL;
  guint status = 0;

  answer = liveline_test_wordpress_call (wordpress, "GET", route, NULL, &status);

  return status;
}

static void
assert_in_category (JsonObject *post,
                    const char *category_id)
{
  JsonArray *categories = json_object_get_array_member (post, "categories");
  g_autofree char *first = NULL;

  g_assert_cmpuint (json_array_get_length (categories), ==, 1);
  first = g_strdup_printf ("%" G_GINT64_FORMAT, json_array_get_int_element (categories, 0));
  g_assert_cmpstr (first, ==, category_id);
}

static GDateTime *
parse_gmt (JsonObject *object,
           const char *member)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  return g_date_time_new_from_iso8601 (json_object_get_string_member (object, member), utc);
}

/* The photo WordPress serves is the file Liveline prepared, byte for byte. */
static void
assert_uploaded_file (const char   *source_url,
                      LivelinePost *post)
{
  const char *relative = strstr (source_url, "/wp-content/uploads/");
  g_autofree char *uploaded_path = NULL;
  g_autofree char *uploaded = NULL;
  g_autofree char *prepared = NULL;
  gsize uploaded_length = 0;
  gsize prepared_length = 0;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (relative);
  uploaded_path = g_build_filename (wordpress->uploads_dir, relative + strlen ("/wp-content/uploads/"), NULL);
  g_file_get_contents (uploaded_path, &uploaded, &uploaded_length, &error);
  g_assert_no_error (error);
  g_file_get_contents (liveline_post_get_image_path (post), &prepared, &prepared_length, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (uploaded, uploaded_length, prepared, prepared_length);
}

static gboolean
requests_contain (Fixture    *fixture,
                  const char *prefix)
{
  for (guint i = 0; i < fixture->requests->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (fixture->requests, i), prefix))
      return TRUE;

  return FALSE;
}

/* Tests */

/* An update with a photo, published, corrected and retracted through the
 * outbox: WordPress has every field as Liveline meant it. */
static void
test_publish_correct_retract (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autoptr(LivelinePost) post = NULL;
  g_autoptr(JsonObject) remote = NULL;
  g_autoptr(JsonObject) media = NULL;
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *slug = NULL;
  g_autofree char *media_id = NULL;
  g_autofree char *figure = NULL;
  g_autofree char *first_request = NULL;
  g_autofree char *remote_id = NULL;
  g_autofree char *api_prefix = NULL;
  const char *content;
  const char *source_url;

  post = write_post (fixture, "Talks resume in Geneva & Vienna",
                     "Delegates **arrived** at the Palais des Nations.");
  add_photo (fixture, post, "Queues in Leeds", "Reuters", "People queue outside a school");
  publish_and_wait (fixture, post);

  g_assert_cmpint (liveline_post_get_state (post), ==, LIVELINE_POST_STATE_PUBLISHED);
  remote_id = g_strdup (liveline_post_get_remote_id (post));
  g_assert_nonnull (remote_id);
  media_id = liveline_store_dup_media_remote_id (fixture->store, post);
  g_assert_nonnull (media_id);

  remote = get_post (remote_id);
  slug = slug_of (post);
  g_assert_cmpstr (json_object_get_string_member (remote, "slug"), ==, slug);
  g_assert_cmpstr (json_object_get_string_member (remote, "status"), ==, "publish");
  g_assert_cmpstr (json_object_get_string_member (remote, "link"), ==, liveline_post_get_remote_url (post));
  /* Stored as WordPress stores a title typed by an author who may not
   * write HTML. */
  g_assert_cmpstr (liveline_test_wordpress_raw (remote, "title"), ==, "Talks resume in Geneva &amp; Vienna");
  g_assert_false (json_object_get_boolean_member (remote, "sticky"));
  assert_in_category (remote, fixture->category_id);
  g_assert_cmpint (json_object_get_int_member (remote, "featured_media"), ==, g_ascii_strtoll (media_id, NULL, 10));

  /* Dated when it was written; a post published within seconds of being
   * written may be dated a moment earlier, never later (see
   * test_dates). */
  date = parse_gmt (remote, "date_gmt");
  g_assert_cmpint (g_date_time_difference (liveline_post_get_created_at (post), date), >=, 0);
  g_assert_cmpint (g_date_time_difference (liveline_post_get_created_at (post), date), <, 4 * G_TIME_SPAN_SECOND);
  g_assert_cmpint (g_date_time_compare (liveline_post_get_published_at (post), date), ==, 0);

  media = get_media (media_id);
  source_url = json_object_get_string_member (media, "source_url");
  g_assert_cmpstr (liveline_test_wordpress_raw (media, "caption"), ==, "Queues in Leeds Credit: Reuters");
  g_assert_cmpstr (json_object_get_string_member (media, "alt_text"), ==, "People queue outside a school");
  g_assert_cmpstr (json_object_get_string_member (media, "mime_type"), ==, "image/jpeg");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (media, "slug"), "liveline-"));
  assert_uploaded_file (source_url, post);

  content = liveline_test_wordpress_raw (remote, "content");
  g_assert_nonnull (strstr (content, "Delegates <strong>arrived</strong> at the Palais des Nations."));
  figure = g_strdup_printf ("<figure class=\"liveline-photo\"><img src=\"%s\" alt=\"People queue outside a school\"",
                            source_url);
  g_assert_nonnull (strstr (content, figure));
  g_assert_nonnull (strstr (content, "<figcaption>Queues in Leeds <span class=\"credit\">Credit: Reuters</span></figcaption>"));

  /* The site was asked where its API is without the password; the API was
   * asked with it. */
  first_request = g_strdup_printf ("GET %s", wordpress->site_url);
  g_assert_cmpstr (g_ptr_array_index (fixture->requests, 0), ==, first_request);
  api_prefix = g_strdup_printf ("POST %swp/v2/posts", wordpress->rest_root);
  for (guint i = 1; i < fixture->requests->len; i++)
    {
      const char *request = g_ptr_array_index (fixture->requests, i);

      g_assert_nonnull (strstr (request, wordpress->rest_root));
      g_assert_true (g_str_has_suffix (request, " (signed)"));
    }
  g_assert_true (requests_contain (fixture, api_prefix));

  /* A correction: new headline, new caption and credit, pinned. */
  liveline_post_set_headline (post, "Talks resume in Geneva");
  liveline_post_set_image_caption (post, "Queues in Leeds at dawn");
  liveline_post_set_image_credit (post, "AP");
  liveline_post_set_pinned (post, TRUE);
  g_assert_true (liveline_store_save_post (fixture->store, post, NULL));
  publish_and_wait (fixture, post);

  g_assert_cmpint (liveline_post_get_state (post), ==, LIVELINE_POST_STATE_PUBLISHED);
  g_assert_cmpstr (liveline_post_get_remote_id (post), ==, remote_id);
  g_clear_pointer (&remote, json_object_unref);
  g_clear_pointer (&media, json_object_unref);
  remote = get_post (remote_id);
  media = get_media (media_id);
  g_assert_cmpstr (liveline_test_wordpress_raw (remote, "title"), ==, "Talks resume in Geneva");
  g_assert_true (json_object_get_boolean_member (remote, "sticky"));
  g_assert_cmpint (json_object_get_int_member (remote, "featured_media"), ==, g_ascii_strtoll (media_id, NULL, 10));
  assert_in_category (remote, fixture->category_id);
  g_assert_nonnull (strstr (liveline_test_wordpress_raw (remote, "content"),
                            "<figcaption>Queues in Leeds at dawn <span class=\"credit\">Credit: AP</span></figcaption>"));
  g_assert_cmpstr (liveline_test_wordpress_raw (media, "caption"), ==, "Queues in Leeds at dawn Credit: AP");
  g_assert_cmpuint (count_posts_with_slug (slug), ==, 1);

  /* Retracted: in WordPress's trash, where an editor can bring it back. */
  retract_and_wait (fixture, post);
  g_clear_pointer (&remote, json_object_unref);
  remote = get_post (remote_id);
  g_assert_cmpstr (json_object_get_string_member (remote, "status"), ==, "trash");
}

/* Made by the destination, as the session makes it, with retractions set
 * to skip the trash. */
static void
test_retract_permanently (Fixture       *fixture,
                          gconstpointer  user_data)
{
  LivelineDestination destination = {
    "wordpress", wordpress->site_url, fixture->category_id, wordpress->username, TRUE
  };
  g_autoptr(LivelinePublisher) publisher = NULL;
  g_autoptr(LivelinePost) post = NULL;
  g_autofree char *route = NULL;
  g_autofree char *remote_id = NULL;

  publisher = liveline_destination_new_publisher (&destination, fixture->session, fixture->blog,
                                                  fixture->password);
  g_assert_true (LIVELINE_IS_WORDPRESS_PUBLISHER (publisher));
  liveline_outbox_set_publisher (fixture->outbox, liveline_blog_get_id (fixture->blog), publisher);

  post = write_post (fixture, "Ceasefire announced", "Both sides agreed to stop at noon.");
  publish_and_wait (fixture, post);
  remote_id = g_strdup (liveline_post_get_remote_id (post));
  g_assert_nonnull (remote_id);
  route = g_strdup_printf ("wp/v2/posts/%s?context=edit", remote_id);
  g_assert_cmpuint (status_of (route), ==, 200);

  retract_and_wait (fixture, post);
  g_assert_cmpuint (status_of (route), ==, 404);
}

/* Without a category id, the blog's name finds its category, made on the
 * first update and found again by a publisher made later. */
static void
test_category_by_name (Fixture       *fixture,
                       gconstpointer  user_data)
{
  LivelineDestination destination = {
    "wordpress", wordpress->site_url, NULL, wordpress->username, FALSE
  };
  g_autoptr(LivelinePost) first = NULL;
  g_autoptr(LivelinePost) second = NULL;
  g_autoptr(GPtrArray) categories = NULL;
  g_autoptr(JsonObject) first_remote = NULL;
  g_autoptr(JsonObject) second_remote = NULL;
  g_autofree char *escaped_run = g_uri_escape_string (run, NULL, FALSE);
  g_autofree char *route = g_strdup_printf ("wp/v2/categories?search=%s", escaped_run);
  g_autofree char *stored_name = g_strdup_printf ("Syria &amp; Iraq talks %s", run);
  g_autofree char *category_id = NULL;
  guint found = 0;

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(LivelinePublisher) publisher = NULL;

      publisher = liveline_destination_new_publisher (&destination, fixture->session, fixture->blog,
                                                      fixture->password);
      liveline_outbox_set_publisher (fixture->outbox, liveline_blog_get_id (fixture->blog), publisher);
      if (i == 0)
        publish_and_wait (fixture, first = write_post (fixture, "Talks open", "In Geneva."));
      else
        publish_and_wait (fixture, second = write_post (fixture, "Talks close", "In Vienna."));
    }

  categories = liveline_test_wordpress_list (wordpress, route);
  for (guint i = 0; i < categories->len; i++)
    {
      JsonObject *category = g_ptr_array_index (categories, i);

      if (g_strcmp0 (json_object_get_string_member (category, "name"), stored_name) == 0)
        {
          found++;
          category_id = id_of (category);
        }
    }
  g_assert_cmpuint (found, ==, 1);

  first_remote = get_post (liveline_post_get_remote_id (first));
  second_remote = get_post (liveline_post_get_remote_id (second));
  assert_in_category (first_remote, category_id);
  assert_in_category (second_remote, category_id);
}

/* The journalist's laptop died after WordPress made the post and before
 * its answer came: the outbox asks, finds it, and does not post again. */
static void
test_lost_answer (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(LivelinePost) post = NULL;
  g_autoptr(GListModel) ops = NULL;
  g_autoptr(LivelineOutboxOp) op = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(SoupSession) other_session = soup_session_new ();
  g_autoptr(LivelinePublisher) earlier = NULL;
  g_autoptr(LivelineRemotePost) arrived = NULL;
  g_autoptr(LivelineRemotePost) unknown = NULL;
  g_autoptr(LivelinePost) never_sent = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *slug = NULL;
  g_autofree char *posts_prefix = NULL;

  post = write_post (fixture, "Delegates walk out", "The talks broke up at six.");
  g_assert_true (liveline_store_publish_post (fixture->store, post, &error));
  now = g_date_time_new_now_utc ();
  ops = liveline_store_list_due_ops (fixture->store, now);
  g_assert_cmpuint (g_list_model_get_n_items (ops), ==, 1);
  op = g_list_model_get_item (ops, 0);
  g_assert_true (liveline_store_begin_send (fixture->store, op, &error));
  g_assert_no_error (error);

  /* The try that arrived, from the process that died. */
  earlier = LIVELINE_PUBLISHER (liveline_wordpress_publisher_new (other_session, wordpress->site_url,
                                                                  wordpress->username, fixture->password,
                                                                  fixture->category_id, NULL));
  liveline_publisher_create_async (earlier, post, NULL, liveline_outbox_op_get_idempotency_key (op),
                                   NULL, liveline_test_keep_result, &fixture->result);
  arrived = liveline_publisher_create_finish (earlier, wait_result (fixture), &error);
  g_assert_no_error (error);

  liveline_outbox_start (fixture->outbox);
  g_assert_true (liveline_test_wait_for (outbox_is_empty, fixture, WAIT_MS));
  g_assert_cmpint (liveline_post_get_state (post), ==, LIVELINE_POST_STATE_PUBLISHED);
  g_assert_cmpstr (liveline_post_get_remote_id (post), ==, arrived->id);
  g_assert_cmpstr (liveline_post_get_remote_url (post), ==, arrived->url);

  slug = slug_of (post);
  g_assert_cmpuint (count_posts_with_slug (slug), ==, 1);
  posts_prefix = g_strdup_printf ("POST %swp/v2/posts", wordpress->rest_root);
  g_assert_false (requests_contain (fixture, posts_prefix));

  /* A post WordPress never got is not found, without an error. */
  never_sent = liveline_post_new ("0c1a8f3e-7a55-4b8e-a0f1-2b7e5d4c9a10", liveline_blog_get_id (fixture->blog));
  liveline_publisher_find_by_key_async (fixture->publisher, never_sent, "key", NULL,
                                        liveline_test_keep_result, &fixture->result);
  unknown = liveline_publisher_find_by_key_finish (fixture->publisher, wait_result (fixture), &error);
  g_assert_no_error (error);
  g_assert_null (unknown);
}

/* A post from a try whose answer was lost got "-2" after the first; the
 * next look-up deletes it for good and keeps the first. Photos too. */
static void
test_duplicate_removed (Fixture       *fixture,
                        gconstpointer  user_data)
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
  first = liveline_publisher_create_finish (fixture->publisher, wait_result (fixture), &error);
  g_assert_no_error (error);

  slug = slug_of (post);
  body = g_strdup_printf ("{\"title\": \"Talks stall\", \"status\": \"publish\", \"slug\": \"%s\", "
                          "\"categories\": [%s]}", slug, fixture->category_id);
  duplicate = liveline_test_wordpress_call (wordpress, "POST", "wp/v2/posts", body, &status);
  g_assert_cmpuint (status, ==, 201);
  g_assert_true (g_str_has_suffix (json_object_get_string_member (json_node_get_object (duplicate), "slug"), "-2"));
  duplicate_id = id_of (json_node_get_object (duplicate));
  g_assert_cmpuint (count_posts_with_slug (slug), ==, 2);

  liveline_publisher_find_by_key_async (fixture->publisher, post, "create-key", NULL,
                                        liveline_test_keep_result, &fixture->result);
  found = liveline_publisher_find_by_key_finish (fixture->publisher, wait_result (fixture), &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpstr (found->id, ==, first->id);

  /* Gone for good, not in the trash. */
  route = g_strdup_printf ("wp/v2/posts/%s?context=edit", duplicate_id);
  g_assert_cmpuint (status_of (route), ==, 404);
  g_assert_cmpuint (count_posts_with_slug (slug), ==, 1);

  /* Sent again, the create finds the post instead of making another. */
  liveline_publisher_create_async (fixture->publisher, post, NULL, "create-key", NULL,
                                   liveline_test_keep_result, &fixture->result);
  again = liveline_publisher_create_finish (fixture->publisher, wait_result (fixture), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->id, ==, first->id);
  g_assert_cmpuint (count_posts_with_slug (slug), ==, 1);

  /* The same for a photo. Its name is this run's, so WordPress files it
   * under that name and not with a number after it. */
  photo_key = g_strdup_printf ("%s-photo", unique_uuid);
  photo_name = g_strdup_printf ("Leeds queue %s.jpg", run);
  photo_file = g_strdup_printf ("Leeds-queue-%s.jpg", run);
  jpeg = make_jpeg (fixture, "leeds.jpg");
  liveline_publisher_upload_media_async (fixture->publisher, jpeg, "image/jpeg", photo_name, photo_key,
                                         NULL, liveline_test_keep_result, &fixture->result);
  photo = liveline_publisher_upload_media_finish (fixture->publisher, wait_result (fixture), &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (photo->url, photo_file));
  g_assert_cmpuint (photo->width, ==, 96);
  g_assert_cmpuint (photo->height, ==, 64);

  {
    g_autoptr(JsonObject) media = get_media (photo->id);
    g_autofree char *media_slug = g_strdup (json_object_get_string_member (media, "slug"));
    g_autofree char *upload_url = g_strdup_printf ("%swp/v2/media?slug=%s", wordpress->rest_root, media_slug);
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
                                  wordpress->authorization);
    soup_message_headers_replace (soup_message_get_request_headers (message), "Content-Disposition",
                                  "attachment; filename=\"leeds.jpg\"");
    bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
    soup_message_set_request_body_from_bytes (message, "image/jpeg", bytes);
    answer = soup_session_send_and_read (wordpress->session, message, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (soup_message_get_status (message), ==, 201);
    g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (answer, NULL),
                                               g_bytes_get_size (answer), NULL));
    made = json_node_get_object (json_parser_get_root (parser));
    g_assert_true (g_str_has_suffix (json_object_get_string_member (made, "slug"), "-2"));
    made_id = id_of (made);

    liveline_publisher_upload_media_async (fixture->publisher, jpeg, "image/jpeg", photo_name, photo_key,
                                           NULL, liveline_test_keep_result, &fixture->result);
    photo_again = liveline_publisher_upload_media_finish (fixture->publisher, wait_result (fixture), &error);
    g_assert_no_error (error);
    g_assert_cmpstr (photo_again->id, ==, photo->id);
    g_assert_cmpstr (photo_again->url, ==, photo->url);

    made_route = g_strdup_printf ("wp/v2/media/%s?context=edit", made_id);
    g_assert_cmpuint (status_of (made_route), ==, 404);
  }
}

/* Refused credentials: the post fails with the outbox's "Signed out…",
 * and the blog waits for new ones. */
static void
test_bad_credentials (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(LivelinePublisher) publisher = make_publisher (fixture, wordpress->site_url,
                                                           "abcd EFGH ijkl MNOP qrst UVWX");
  g_autoptr(LivelinePost) post = NULL;
  g_autoptr(GError) error = NULL;

  liveline_outbox_set_publisher (fixture->outbox, liveline_blog_get_id (fixture->blog), publisher);
  post = write_post (fixture, "Talks resume", "In Geneva.");
  g_assert_true (liveline_store_publish_post (fixture->store, post, &error));
  liveline_outbox_start (fixture->outbox);
  g_assert_true (liveline_test_wait_for (post_is_failed, post, WAIT_MS));

  g_assert_true (g_str_has_prefix (liveline_post_get_last_error (post), "Signed out: "));
  g_assert_nonnull (strstr (liveline_post_get_last_error (post), "application password"));
  g_assert_true (liveline_outbox_get_paused (fixture->outbox, liveline_blog_get_id (fixture->blog)));

  liveline_publisher_check_async (publisher, NULL, liveline_test_keep_result, &fixture->result);
  g_assert_false (liveline_publisher_check_finish (publisher, wait_result (fixture), &error));
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_AUTH);
}

/* A file WordPress does not take fails for good, in WordPress's words. */
static void
test_refused_file_type (Fixture       *fixture,
                        gconstpointer  user_data)
{
  static const struct { const char *name; const char *type; } files[] = {
    { "diagram.svg", "image/svg+xml" },
    { "setup.exe", "application/x-msdownload" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (fixture->dir, files[i].name, NULL);
      g_autofree char *key = g_strdup_printf ("%s-%s-photo", run, files[i].name);
      g_autoptr(LivelineRemoteMedia) media = NULL;
      g_autoptr(GError) error = NULL;

      g_file_set_contents (path, "<svg xmlns=\"http://www.w3.org/2000/svg\"/>", -1, &error);
      g_assert_no_error (error);

      liveline_publisher_upload_media_async (fixture->publisher, path, files[i].type, files[i].name, key,
                                             NULL, liveline_test_keep_result, &fixture->result);
      media = liveline_publisher_upload_media_finish (fixture->publisher, wait_result (fixture), &error);
      g_assert_null (media);
      g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_PERMANENT);
      g_assert_cmpstr (error->message, ==, "Sorry, you are not allowed to upload this file type.");
    }
}

/* WordPress publishes a post whose featured image it cannot use without
 * it, and says nothing: Liveline refuses, and nothing is published. */
static void
test_photo_missing (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autofree char *text_path = g_build_filename (fixture->dir, "notes.txt", NULL);
  g_autofree char *text_key = g_strdup_printf ("%s-notes", run);
  g_autoptr(LivelineRemoteMedia) text = NULL;
  g_autoptr(GError) error = NULL;
  const char *media_ids[2] = { NULL, "999999999" };

  g_file_set_contents (text_path, "Not a photo.\n", -1, &error);
  g_assert_no_error (error);
  liveline_publisher_upload_media_async (fixture->publisher, text_path, "text/plain", "notes.txt", text_key,
                                         NULL, liveline_test_keep_result, &fixture->result);
  text = liveline_publisher_upload_media_finish (fixture->publisher, wait_result (fixture), &error);
  g_assert_no_error (error);
  media_ids[0] = text->id;

  for (guint i = 0; i < G_N_ELEMENTS (media_ids); i++)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      g_autoptr(LivelinePost) post = liveline_post_new (uuid, 1);
      g_autoptr(LivelineRemotePost) remote = NULL;
      g_autofree char *slug = NULL;

      liveline_post_set_headline (post, "Photo of the day");
      liveline_post_set_body (post, "See below.");
      liveline_publisher_create_async (fixture->publisher, post, media_ids[i], "key", NULL,
                                       liveline_test_keep_result, &fixture->result);
      remote = liveline_publisher_create_finish (fixture->publisher, wait_result (fixture), &error);
      g_assert_null (remote);
      g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_PERMANENT);
      g_test_message ("featured image %s: %s", media_ids[i], error->message);
      g_clear_error (&error);

      slug = slug_of (post);
      g_assert_cmpuint (count_posts_with_slug (slug), ==, 0);
    }
}

/* The date is when the update was written, by the site's clock: a laptop
 * whose clock runs ahead does not make WordPress hold the post back. */
static void
test_dates (Fixture       *fixture,
            gconstpointer  user_data)
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
      g_autoptr(GError) error = NULL;

      _liveline_post_set_stored (post, 1, created[i]);
      liveline_post_set_headline (post, "Talks resume");
      liveline_publisher_create_async (fixture->publisher, post, NULL, "key", NULL,
                                       liveline_test_keep_result, &fixture->result);
      remote = liveline_publisher_create_finish (fixture->publisher, wait_result (fixture), &error);
      g_assert_no_error (error);

      object = get_post (remote->id);
      date = parse_gmt (object, "date_gmt");
      g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "publish");
      g_assert_cmpint (g_date_time_compare (remote->published_at, date), ==, 0);
      if (created[i] == past)
        g_assert_cmpint (g_date_time_difference (past, date) / G_TIME_SPAN_SECOND, ==, 0);
      else
        g_assert_cmpint (g_date_time_difference (date, now), <, 5 * G_TIME_SPAN_SECOND);
    }
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(const char * const *)a, *(const char * const *)b);
}

/* Every category, over several pages, sorted by name, names as written. */
static void
test_list_categories (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GPtrArray) on_site = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GHashTable) site_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *accented_name = g_strdup_printf ("%s Élysée & Matignon", run);
  g_autofree char *plain_name = g_strdup_printf ("%s Abbey Road", run);
  g_autofree char *accented_id = liveline_test_wordpress_make_category (wordpress, accented_name);
  g_autofree char *plain_id = liveline_test_wordpress_make_category (wordpress, plain_name);
  g_autoptr(GError) error = NULL;
  guint seen = 0;

  /* More than one page of them: made once, found on later runs. */
  on_site = liveline_test_wordpress_list (wordpress, "wp/v2/categories?_fields=id,name");
  for (guint i = on_site->len; i <= 100; i++)
    {
      g_autofree char *filler = g_strdup_printf ("Liveline filler %s %03u", run, i);

      g_free (liveline_test_wordpress_make_category (wordpress, filler));
    }
  g_clear_pointer (&on_site, g_ptr_array_unref);
  on_site = liveline_test_wordpress_list (wordpress, "wp/v2/categories?_fields=id,name");
  g_assert_cmpuint (on_site->len, >, 100);
  for (guint i = 0; i < on_site->len; i++)
    {
      char *id = id_of (g_ptr_array_index (on_site, i));

      g_ptr_array_add (ids, id);
      g_hash_table_add (site_ids, id);
    }

  liveline_wordpress_publisher_list_categories_async (LIVELINE_WORDPRESS_PUBLISHER (fixture->publisher),
                                                      NULL, liveline_test_keep_result, &fixture->result);
  listed = liveline_wordpress_publisher_list_categories_finish (LIVELINE_WORDPRESS_PUBLISHER (fixture->publisher),
                                                                wait_result (fixture), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, on_site->len);

  for (guint i = 0; i < listed->len; i++)
    {
      LivelineWordpressCategory *category = g_ptr_array_index (listed, i);

      g_assert_true (g_hash_table_contains (site_ids, category->id));
      if (i > 0)
        {
          LivelineWordpressCategory *previous = g_ptr_array_index (listed, i - 1);

          g_assert_cmpint (compare_names (&previous->name, &category->name), <=, 0);
        }
      if (g_str_equal (category->id, accented_id))
        {
          g_assert_cmpstr (category->name, ==, accented_name);
          seen++;
        }
      if (g_str_equal (category->id, plain_id))
        {
          g_assert_cmpstr (category->name, ==, plain_name);
          seen++;
        }
    }
  g_assert_cmpuint (seen, ==, 2);

  {
    g_autoptr(LivelineWordpressCategory) copy = liveline_wordpress_category_copy (g_ptr_array_index (listed, 0));

    g_assert_cmpstr (copy->id, ==, ((LivelineWordpressCategory *)g_ptr_array_index (listed, 0))->id);
    g_assert_true (G_TYPE_IS_BOXED (LIVELINE_TYPE_WORDPRESS_CATEGORY));
  }
}

/* A site given as `…/?rest_route=/`, the REST API's address without pretty
 * permalinks: every route goes in that parameter, and works. */
static void
test_rest_route (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autofree char *site_url = g_strdup_printf ("%s?rest_route=/", wordpress->site_url);
  g_autoptr(LivelinePublisher) publisher = make_publisher (fixture, site_url, fixture->password);
  g_autoptr(LivelinePost) post = NULL;
  g_autoptr(JsonObject) remote = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *upload = NULL;
  g_autofree char *media_id = NULL;
  g_autofree char *remote_id = NULL;

  liveline_outbox_set_publisher (fixture->outbox, liveline_blog_get_id (fixture->blog), publisher);

  liveline_publisher_check_async (publisher, NULL, liveline_test_keep_result, &fixture->result);
  g_assert_true (liveline_publisher_check_finish (publisher, wait_result (fixture), &error));
  g_assert_no_error (error);

  post = write_post (fixture, "Talks resume", "Without pretty permalinks.");
  add_photo (fixture, post, "The Palais des Nations", "UN Photo", "A white building behind flags");
  publish_and_wait (fixture, post);
  g_assert_cmpint (liveline_post_get_state (post), ==, LIVELINE_POST_STATE_PUBLISHED);
  remote_id = g_strdup (liveline_post_get_remote_id (post));
  media_id = liveline_store_dup_media_remote_id (fixture->store, post);

  remote = get_post (remote_id);
  g_assert_cmpint (json_object_get_int_member (remote, "featured_media"), ==, g_ascii_strtoll (media_id, NULL, 10));
  assert_in_category (remote, fixture->category_id);
  g_assert_nonnull (strstr (liveline_test_wordpress_raw (remote, "content"), "Credit: UN Photo"));

  retract_and_wait (fixture, post);
  g_clear_pointer (&remote, json_object_unref);
  remote = get_post (remote_id);
  g_assert_cmpstr (json_object_get_string_member (remote, "status"), ==, "trash");

  /* Nothing went to /wp-json/, and the routes' own queries follow the
   * rest_route parameter. */
  for (guint i = 0; i < fixture->requests->len; i++)
    {
      const char *request = g_ptr_array_index (fixture->requests, i);

      g_assert_null (strstr (request, "/wp-json/"));
      g_assert_nonnull (strstr (request, "?rest_route=/wp/v2/"));
    }
  upload = g_strdup_printf ("POST %s?rest_route=/wp/v2/media&slug=liveline-", wordpress->site_url);
  g_assert_true (requests_contain (fixture, upload));
}

/* "Test connection": what it says of a good, a wrong and an unsafe
 * destination. */
static void
test_check (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(LivelinePublisher) unknown_category = NULL;
  g_autoptr(LivelinePublisher) plain_http = NULL;
  g_autoptr(LivelinePublisher) redirected = NULL;
  g_autofree char *admin_url = g_strdup_printf ("%swp-admin/", wordpress->site_url);
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;

  liveline_publisher_check_async (fixture->publisher, NULL, liveline_test_keep_result, &fixture->result);
  g_assert_true (liveline_publisher_check_finish (fixture->publisher, wait_result (fixture), &error));
  g_assert_no_error (error);

  unknown_category = LIVELINE_PUBLISHER (liveline_wordpress_publisher_new (fixture->session, wordpress->site_url,
                                                                           wordpress->username, fixture->password,
                                                                           "999999999", NULL));
  liveline_publisher_check_async (unknown_category, NULL, liveline_test_keep_result, &fixture->result);
  g_assert_false (liveline_publisher_check_finish (unknown_category, wait_result (fixture), &error));
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_PERMANENT);
  g_assert_nonnull (strstr (error->message, "999999999"));
  g_clear_error (&error);

  /* Not sent at all. */
  g_ptr_array_set_size (fixture->requests, 0);
  plain_http = make_publisher (fixture, "http://example.com/", fixture->password);
  liveline_publisher_check_async (plain_http, NULL, liveline_test_keep_result, &fixture->result);
  g_assert_false (liveline_publisher_check_finish (plain_http, wait_result (fixture), &error));
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_PERMANENT);
  g_assert_cmpuint (fixture->requests->len, ==, 0);
  g_clear_error (&error);

  /* A redirect is not followed, and the password never went out. */
  redirected = make_publisher (fixture, admin_url, fixture->password);
  liveline_publisher_check_async (redirected, NULL, liveline_test_keep_result, &fixture->result);
  g_assert_false (liveline_publisher_check_finish (redirected, wait_result (fixture), &error));
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_PERMANENT);
  g_assert_nonnull (strstr (error->message, "wp-login.php"));
  g_assert_cmpuint (fixture->requests->len, ==, 1);
  expected = g_strdup_printf ("GET %s", admin_url);
  g_assert_cmpstr (g_ptr_array_index (fixture->requests, 0), ==, expected);
}

/* A user of this run with @role, and an Application Password of theirs. */
static char *
make_user (const char  *role,
           char       **username,
           char       **password)
{
  g_autofree char *body = NULL;
  g_autofree char *route = NULL;
  g_autofree char *login_password = g_uuid_string_random ();
  g_autoptr(JsonNode) user = NULL;
  g_autoptr(JsonNode) app_password = NULL;
  char *id;
  guint status = 0;

  *username = g_strdup_printf ("liveline-%s-%s", role, run);
  body = g_strdup_printf ("{\"username\": \"%s\", \"email\": \"%s@example.invalid\", "
                          "\"password\": \"%s\", \"roles\": [\"%s\"]}",
                          *username, *username, login_password, role);
  user = liveline_test_wordpress_call (wordpress, "POST", "wp/v2/users", body, &status);
  g_assert_cmpuint (status, ==, 201);
  id = id_of (json_node_get_object (user));

  route = g_strdup_printf ("wp/v2/users/%s/application-passwords", id);
  app_password = liveline_test_wordpress_call (wordpress, "POST", route, "{\"name\": \"Liveline tests\"}", &status);
  g_assert_cmpuint (status, ==, 201);
  *password = g_strdup (json_object_get_string_member (json_node_get_object (app_password), "password"));

  return id;
}

static void
delete_user (const char *id)
{
  g_autoptr(JsonObject) me = liveline_test_wordpress_get_object (wordpress, "wp/v2/users/me");
  g_autofree char *route = g_strdup_printf ("wp/v2/users/%s?force=true&reassign=%" G_GINT64_FORMAT,
                                            id, json_object_get_int_member (me, "id"));
  g_autoptr(JsonNode) answer = NULL;
  guint status = 0;

  answer = liveline_test_wordpress_call (wordpress, "DELETE", route, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
}

/* Signed in, but allowed less than an administrator: an author may publish
 * but not make categories; a contributor may not publish. Neither is a
 * password to type again. */
static void
test_permissions (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autofree char *author = NULL;
  g_autofree char *author_password = NULL;
  g_autofree char *author_id = make_user ("author", &author, &author_password);
  g_autofree char *contributor = NULL;
  g_autofree char *contributor_password = NULL;
  g_autofree char *contributor_id = make_user ("contributor", &contributor, &contributor_password);
  g_autofree char *category_name = g_strdup_printf ("Liveline %s for an author", run);
  g_autofree char *expected = NULL;
  g_autoptr(LivelinePublisher) as_author = NULL;
  g_autoptr(LivelinePublisher) as_contributor = NULL;
  g_autoptr(LivelinePost) post = NULL;
  g_autoptr(GError) error = NULL;

  as_author = LIVELINE_PUBLISHER (liveline_wordpress_publisher_new (fixture->session, wordpress->site_url,
                                                                    author, author_password,
                                                                    NULL, category_name));
  liveline_publisher_check_async (as_author, NULL, liveline_test_keep_result, &fixture->result);
  g_assert_true (liveline_publisher_check_finish (as_author, wait_result (fixture), &error));
  g_assert_no_error (error);

  liveline_outbox_set_publisher (fixture->outbox, liveline_blog_get_id (fixture->blog), as_author);
  post = write_post (fixture, "Talks resume", "In Geneva.");
  g_assert_true (liveline_store_publish_post (fixture->store, post, &error));
  liveline_outbox_start (fixture->outbox);
  g_assert_true (liveline_test_wait_for (post_is_failed, post, WAIT_MS));
  expected = g_strdup_printf ("WordPress does not let this user make the category “%s”. "
                              "Pick one of the site’s categories for the live blog.", category_name);
  g_assert_cmpstr (liveline_post_get_last_error (post), ==, expected);
  g_assert_false (liveline_outbox_get_paused (fixture->outbox, liveline_blog_get_id (fixture->blog)));

  as_contributor = LIVELINE_PUBLISHER (liveline_wordpress_publisher_new (fixture->session, wordpress->site_url,
                                                                         contributor, contributor_password,
                                                                         fixture->category_id, NULL));
  liveline_publisher_check_async (as_contributor, NULL, liveline_test_keep_result, &fixture->result);
  g_assert_false (liveline_publisher_check_finish (as_contributor, wait_result (fixture), &error));
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_AUTH);
  g_assert_cmpstr (error->message, ==, "This WordPress user may not publish posts.");

  delete_user (author_id);
  delete_user (contributor_id);
}

/* An address on this computer that takes connections and never answers:
 * a site that hangs. */
static GSocket *
listen_silently (char **url)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any_port = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  GSocket *socket;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_assert_true (g_socket_bind (socket, any_port, TRUE, &error));
  g_assert_true (g_socket_listen (socket, &error));
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);

  *url = g_strdup_printf ("http://127.0.0.1:%u/",
                          g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));

  return socket;
}

/* All the requests of an operation share its deadline, however long the
 * session would wait. */
static void
test_deadline (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autofree char *url = NULL;
  g_autoptr(GSocket) socket = listen_silently (&url);
  g_autoptr(LivelinePublisher) publisher = make_publisher (fixture, url, fixture->password);
  g_autoptr(GError) error = NULL;
  gint64 started = g_get_monotonic_time ();

  liveline_wordpress_publisher_set_request_deadline (LIVELINE_WORDPRESS_PUBLISHER (publisher), 1);
  liveline_publisher_check_async (publisher, NULL, liveline_test_keep_result, &fixture->result);
  g_assert_false (liveline_publisher_check_finish (publisher, wait_result (fixture), &error));
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_TRANSIENT);
  g_assert_cmpstr (error->message, ==, "The WordPress site took longer than 1 second to answer.");
  g_assert_cmpint (g_get_monotonic_time () - started, <, 3 * G_TIME_SPAN_SECOND);
}

/* Cancelled, a request on its way stops at once. */
static void
test_cancel (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autofree char *url = NULL;
  g_autoptr(GSocket) socket = listen_silently (&url);
  g_autoptr(LivelinePublisher) publisher = make_publisher (fixture, url, fixture->password);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(LivelinePost) post = liveline_post_new ("3f9c2a71-5b8e-4d0c-9a6f-7e1b2c3d4e5f", 1);
  g_autoptr(LivelineRemotePost) remote = NULL;
  g_autoptr(GError) error = NULL;
  gint64 cancelled_at;

  liveline_publisher_create_async (publisher, post, NULL, "key", cancellable,
                                   liveline_test_keep_result, &fixture->result);
  liveline_test_run_for (200);
  g_assert_null (fixture->result);

  cancelled_at = g_get_monotonic_time ();
  g_cancellable_cancel (cancellable);
  remote = liveline_publisher_create_finish (publisher, wait_result (fixture), &error);
  g_assert_null (remote);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - cancelled_at, <, G_TIME_SPAN_SECOND / 2);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *uuid = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  wordpress = liveline_test_wordpress_new ();
  uuid = g_uuid_string_random ();
  run = g_strndup (uuid, 8);

  g_test_add ("/wordpress/publish-correct-retract", Fixture, NULL,
              fixture_set_up, test_publish_correct_retract, fixture_tear_down);
  g_test_add ("/wordpress/retract-permanently", Fixture, NULL,
              fixture_set_up, test_retract_permanently, fixture_tear_down);
  g_test_add ("/wordpress/category-by-name", Fixture, NULL,
              fixture_set_up, test_category_by_name, fixture_tear_down);
  g_test_add ("/wordpress/lost-answer", Fixture, NULL,
              fixture_set_up, test_lost_answer, fixture_tear_down);
  g_test_add ("/wordpress/duplicate-removed", Fixture, NULL,
              fixture_set_up, test_duplicate_removed, fixture_tear_down);
  g_test_add ("/wordpress/bad-credentials", Fixture, NULL,
              fixture_set_up, test_bad_credentials, fixture_tear_down);
  g_test_add ("/wordpress/refused-file-type", Fixture, NULL,
              fixture_set_up, test_refused_file_type, fixture_tear_down);
  g_test_add ("/wordpress/photo-missing", Fixture, NULL,
              fixture_set_up, test_photo_missing, fixture_tear_down);
  g_test_add ("/wordpress/dates", Fixture, NULL,
              fixture_set_up, test_dates, fixture_tear_down);
  g_test_add ("/wordpress/list-categories", Fixture, NULL,
              fixture_set_up, test_list_categories, fixture_tear_down);
  g_test_add ("/wordpress/rest-route", Fixture, NULL,
              fixture_set_up, test_rest_route, fixture_tear_down);
  g_test_add ("/wordpress/check", Fixture, NULL,
              fixture_set_up, test_check, fixture_tear_down);
  g_test_add ("/wordpress/permissions", Fixture, NULL,
              fixture_set_up, test_permissions, fixture_tear_down);
  g_test_add ("/wordpress/deadline", Fixture, NULL,
              fixture_set_up, test_deadline, fixture_tear_down);
  g_test_add ("/wordpress/cancel", Fixture, NULL,
              fixture_set_up, test_cancel, fixture_tear_down);

  status = g_test_run ();

  g_clear_pointer (&wordpress, liveline_test_wordpress_free);
  g_clear_pointer (&run, g_free);

  return status;
}
