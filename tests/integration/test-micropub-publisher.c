/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-micropub-publisher"

#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "liveline-blog.h"
#include "liveline-image.h"
#include "liveline-micropub-publisher.h"
#include "liveline-outbox-op.h"
#include "liveline-outbox.h"
#include "liveline-post-private.h"
#include "liveline-post.h"
#include "liveline-store.h"
#include "liveline-test-integration.h"
#include "liveline-test-micropub.h"
#include "liveline-test-util.h"

/* LivelineMicropubPublisher against a real Micropub server
 * (@benjifs/micropub, tests/integration/servers), through the real outbox
 * and store: what a journalist publishes, corrects and retracts is read
 * back with q=source, and the files the server keeps are counted, so that
 * nothing is published twice. Every run makes posts of its own (new UUIDs,
 * headlines with a run id), as the server keeps what earlier runs sent.
 */

#define WAIT_MS LIVELINE_TEST_MICROPUB_WAIT_MS

static GHashTable *servers;
static char *run_id;

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

static char *
headline_for (const char *words)
{
  return g_strdup_printf ("%s (%s)", words, run_id);
}

static char *
slug_of (LivelinePost *post)
{
  g_autofree char *uuid = g_ascii_strdown (liveline_post_get_uuid (post), -1);

  return g_strconcat ("liveline-", uuid, NULL);
}

static guint
count_files (const char *slug)
{
  return liveline_test_integration_count_micropub_files (servers, slug);
}

/* Reading the server back, not through the publisher */

static JsonObject *
source_of (const char *post_url)
{
  return liveline_test_micropub_source (servers, post_url);
}

static JsonNode *
first (JsonObject *properties,
       const char *name)
{
  JsonArray *values;

  if (!json_object_has_member (properties, name))
    return NULL;

  values = json_object_get_array_member (properties, name);
  g_assert_cmpuint (json_array_get_length (values), >, 0);

  return json_array_get_element (values, 0);
}

static const char *
first_string (JsonObject *properties,
              const char *name)
{
  JsonNode *node = first (properties, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_string (node) : NULL;
}

static gboolean
has_category (JsonObject *properties,
              const char *category)
{
  JsonArray *values;

  if (!json_object_has_member (properties, "category"))
    return FALSE;

  values = json_object_get_array_member (properties, "category");
  for (guint i = 0; i < json_array_get_length (values); i++)
    if (g_strcmp0 (json_array_get_string_element (values, i), category) == 0)
      return TRUE;

  return FALSE;
}

static guint
page_status (const char *url)
{
  g_autoptr(GBytes) body = NULL;
  guint status;

  body = liveline_test_micropub_fetch (url, NULL, &status);

  return status;
}

/* The outbox */

typedef struct
{
  char              *dir;
  LivelineStore     *store;
  LivelineBlog      *blog;
  LivelinePublisher *publisher;
  LivelineOutbox    *outbox;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("liveline-micropub-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->store = liveline_store_open (fixture->dir, &error);
  g_assert_no_error (error);
  fixture->blog = liveline_store_create_blog (fixture->store, "Syria talks", &error);
  g_assert_no_error (error);

  fixture->publisher = make_publisher (server ("MICROPUB_SITE_URL"), server ("MICROPUB_TOKEN"));
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
  g_clear_object (&fixture->store);
  liveline_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

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

static void
publish (Fixture      *fixture,
         LivelinePost *post)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (liveline_store_save_post (fixture->store, post, &error));
  g_assert_true (liveline_store_publish_post (fixture->store, post, &error));
  g_assert_no_error (error);
  liveline_outbox_wake (fixture->outbox);
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

/* A real photo, prepared as the editor prepares one. */
static LivelineImage *
prepare_photo (Fixture *fixture)
{
  return liveline_test_micropub_prepare_photo (fixture->store, "agency photo.jpg");
}

/* The `published` of a post's source, which the server gives in UTC. */
static GDateTime *
published_of (JsonObject *properties)
{
  const char *text = first_string (properties, "published");
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  GDateTime *published;

  g_assert_nonnull (text);
  published = g_date_time_new_from_iso8601 (text, utc);
  if (published == NULL)
    g_error ("The server dated a post “%s”, which is no time", text);

  return published;
}

/* Whether @date is when a request went out: after @sent_at, give or take
 * the second that a Date header leaves out, and before @answered_at. The
 * server runs on this computer, by the same clock. */
static void
assert_dated_when_sent (GDateTime *date,
                        GDateTime *sent_at,
                        GDateTime *answered_at)
{
  g_autofree char *text = g_date_time_format_iso8601 (date);

  g_assert_nonnull (date);
  if (g_date_time_difference (date, sent_at) <= -G_TIME_SPAN_SECOND ||
      g_date_time_difference (answered_at, date) < 0)
    {
      g_autofree char *sent = g_date_time_format_iso8601 (sent_at);
      g_autofree char *answered = g_date_time_format_iso8601 (answered_at);

      g_error ("Dated %s, not between %s and %s when it was sent", text, sent, answered);
    }
}

static LivelineRemotePost *
create_now (LivelinePublisher  *publisher,
            LivelinePost       *post,
            GDateTime         **sent_at,
            GDateTime         **answered_at)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LivelineRemotePost *remote;

  *sent_at = g_date_time_new_now_utc ();
  liveline_publisher_create_async (publisher, post, NULL, "create-key", NULL,
                                   liveline_test_keep_result, &result);
  g_assert_true (liveline_test_wait_for_result (&result, WAIT_MS));
  remote = liveline_publisher_create_finish (publisher, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (remote);
  *answered_at = g_date_time_new_now_utc ();

  return remote;
}

/* Photo with caption, credit and alt text; a correction of the text, one
 * that takes the photo away, a retraction, and publishing it again.
 */
static void
test_publish_correct_retract (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autofree char *headline = headline_for ("Talks resume in Genva");
  g_autofree char *corrected = headline_for ("Talks resume in Geneva");
  g_autoptr(LivelinePost) post = write_post (fixture, headline,
                                             "Delegates **arrived** at the Palais des Nations.");
  g_autoptr(LivelineImage) image = prepare_photo (fixture);
  g_autoptr(JsonObject) source = NULL;
  g_autoptr(GBytes) served = NULL;
  g_autofree char *slug = slug_of (post);
  g_autofree char *expected_url = NULL;
  g_autofree char *media_url = NULL;
  g_autofree char *published = NULL;
  g_autofree char *photo_bytes = NULL;
  g_autofree char *remote_id = NULL;
  g_autoptr(GError) error = NULL;
  const char *content;
  JsonObject *photo;
  gsize photo_length;
  guint status;

  liveline_post_set_image (post, image);
  liveline_post_set_image_caption (post, "Queues in Leeds");
  liveline_post_set_image_credit (post, "Reuters");
  liveline_post_set_image_alt (post, "People queue outside a school");
  liveline_post_set_key_moment (post, TRUE);

  liveline_outbox_start (fixture->outbox);
  publish (fixture, post);
  g_assert_true (liveline_test_wait_for (outbox_is_empty, fixture, WAIT_MS));

  g_assert_cmpint (liveline_post_get_state (post), ==, LIVELINE_POST_STATE_PUBLISHED);
  expected_url = g_strconcat (server ("MICROPUB_SITE_URL"), "photo/", slug, NULL);
  g_assert_cmpstr (liveline_post_get_remote_id (post), ==, expected_url);
  g_assert_cmpstr (liveline_post_get_remote_url (post), ==, expected_url);
  g_assert_nonnull (liveline_post_get_published_at (post));
  remote_id = g_strdup (liveline_post_get_remote_id (post));
  g_assert_cmpuint (count_files (slug), ==, 1);

  /* The photo went to the media endpoint, and is served as it was sent. */
  media_url = liveline_store_dup_media_remote_id (fixture->store, post);
  g_assert_nonnull (media_url);
  g_assert_true (g_str_has_prefix (media_url, server ("MICROPUB_SITE_URL")));
  g_assert_true (g_file_get_contents (liveline_post_get_image_path (post), &photo_bytes,
                                      &photo_length, &error));
  g_assert_no_error (error);
  served = liveline_test_micropub_fetch (media_url, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpmem (g_bytes_get_data (served, NULL), g_bytes_get_size (served), photo_bytes, photo_length);

  /* Every property, as the server keeps it. */
  source = source_of (remote_id);
  g_assert_cmpstr (first_string (source, "name"), ==, headline);
  g_assert_cmpstr (first_string (source, "mp-slug"), ==, slug);
  published = g_strdup (first_string (source, "published"));
  g_assert_nonnull (published);
  g_assert_true (has_category (source, "key-moment"));
  g_assert_false (has_category (source, "pinned"));
  content = first_string (source, "content");
  g_assert_nonnull (strstr (content, "Delegates <strong>arrived</strong> at the Palais des Nations."));
  g_assert_nonnull (strstr (content, "<figure class=\"liveline-photo\"><img src=\""));
  g_assert_nonnull (strstr (content, media_url));
  g_assert_nonnull (strstr (content, "alt=\"People queue outside a school\""));
  g_assert_nonnull (strstr (content, "<figcaption>Queues in Leeds <span class=\"credit\">Credit: Reuters</span></figcaption>"));
  photo = json_node_get_object (first (source, "photo"));
  g_assert_cmpstr (json_object_has_member (photo, "value")
                     ? json_object_get_string_member (photo, "value")
                     : json_object_get_string_member (photo, "url"), ==, media_url);
  g_assert_cmpstr (json_object_get_string_member (photo, "alt"), ==, "People queue outside a school");
  g_assert_cmpuint (page_status (remote_id), ==, 200);
  g_clear_pointer (&source, json_object_unref);

  /* A correction of the text: the photo stays, the key moment goes. */
  liveline_post_set_headline (post, corrected);
  liveline_post_set_body (post, "Delegates arrived at the *Palais des Nations* in Geneva.");
  liveline_post_set_key_moment (post, FALSE);
  publish (fixture, post);
  g_assert_true (liveline_test_wait_for (outbox_is_empty, fixture, WAIT_MS));
  g_assert_cmpint (liveline_post_get_state (post), ==, LIVELINE_POST_STATE_PUBLISHED);
  g_assert_cmpstr (liveline_post_get_remote_id (post), ==, remote_id);

  source = source_of (remote_id);
  g_assert_cmpstr (first_string (source, "name"), ==, corrected);
  content = first_string (source, "content");
  g_assert_nonnull (strstr (content, "<em>Palais des Nations</em> in Geneva."));
  g_assert_null (strstr (content, "<strong>"));
  g_assert_nonnull (strstr (content, "Credit: Reuters"));
  g_assert_false (has_category (source, "key-moment"));
  g_assert_cmpstr (first_string (source, "published"), ==, published);
  photo = json_node_get_object (first (source, "photo"));
  g_assert_cmpstr (json_object_get_string_member (photo, "alt"), ==, "People queue outside a school");
  g_clear_pointer (&source, json_object_unref);

  /* A correction that takes the photo away. */
  liveline_post_clear_image (post);
  publish (fixture, post);
  g_assert_true (liveline_test_wait_for (outbox_is_empty, fixture, WAIT_MS));
  g_assert_cmpint (liveline_post_get_state (post), ==, LIVELINE_POST_STATE_PUBLISHED);
  source = source_of (remote_id);
  g_assert_false (json_object_has_member (source, "photo"));
  g_assert_null (strstr (first_string (source, "content"), "<figure"));
  g_assert_cmpstr (first_string (source, "name"), ==, corrected);
  g_clear_pointer (&source, json_object_unref);

  /* The retraction: the page is gone. */
  g_assert_true (liveline_store_retract_post (fixture->store, post, &error));
  g_assert_no_error (error);
  liveline_outbox_wake (fixture->outbox);
  g_assert_true (liveline_test_wait_for (outbox_is_empty, fixture, WAIT_MS));
  g_assert_cmpint (liveline_post_get_state (post), ==, LIVELINE_POST_STATE_DELETED);
  g_assert_cmpuint (page_status (remote_id), ==, 410);

  /* Published again: back on the site, at the same address, once. */
  publish (fixture, post);
  g_assert_true (liveline_test_wait_for (outbox_is_empty, fixture, WAIT_MS));
  g_assert_cmpint (liveline_post_get_state (post), ==, LIVELINE_POST_STATE_PUBLISHED);
  g_assert_cmpuint (page_status (remote_id), ==, 200);
  g_assert_cmpuint (count_files (slug), ==, 1);
}

static void
test_signed_out (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(LivelinePublisher) wrong = make_publisher (server ("MICROPUB_SITE_URL"), "not-the-token");
  g_autofree char *headline = headline_for ("Talks stall");
  g_autoptr(LivelinePost) post = write_post (fixture, headline, "No agreement yet.");
  gint64 blog_id = liveline_blog_get_id (fixture->blog);

  liveline_outbox_set_publisher (fixture->outbox, blog_id, wrong);
  liveline_outbox_start (fixture->outbox);
  publish (fixture, post);
  g_assert_true (liveline_test_wait_for (post_is_failed, post, WAIT_MS));

  g_assert_true (g_str_has_prefix (liveline_post_get_last_error (post), "Signed out"));
  g_assert_nonnull (strstr (liveline_post_get_last_error (post),
                           "The endpoint refused the token: check it in Preferences."));
  g_assert_true (liveline_outbox_get_paused (fixture->outbox, blog_id));
  g_assert_cmpuint (count_files (slug_of (post)), ==, 0);
}

/* Liveline died after the create left and before its answer was kept: the
 * outbox looks the post up, and it is not published twice.
 */
static void
test_find_after_lost_create (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autofree char *headline = headline_for ("Talks resume");
  g_autoptr(LivelinePost) post = write_post (fixture, headline, "Delegates arrived.");
  g_autoptr(LivelinePost) never_sent = write_post (fixture, headline, "Not sent.");
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GListModel) ops = NULL;
  g_autoptr(LivelineOutboxOp) op = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LivelineRemotePost) sent = NULL;
  g_autoptr(LivelineRemotePost) found = NULL;
  g_autoptr(GDateTime) sent_at = NULL;
  g_autoptr(GDateTime) answered_at = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *slug = slug_of (post);

  g_assert_true (liveline_store_publish_post (fixture->store, post, &error));
  now = g_date_time_new_now_utc ();
  ops = liveline_store_list_due_ops (fixture->store, now);
  op = g_list_model_get_item (ops, 0);
  g_assert_true (liveline_store_begin_send (fixture->store, op, &error));
  sent = create_now (fixture->publisher, post, &sent_at, &answered_at);

  /* Asked directly, with the post, it is found; a post never sent is not. */
  liveline_publisher_find_by_key_async (fixture->publisher, post, "any-key", NULL,
                                        liveline_test_keep_result, &result);
  g_assert_true (liveline_test_wait_for_result (&result, WAIT_MS));
  found = liveline_publisher_find_by_key_finish (fixture->publisher, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpstr (found->id, ==, sent->id);
  g_assert_cmpstr (found->url, ==, sent->url);
  /* Both dated when the create went out: the server's own date, and the
   * Date of its answer, which has whole seconds. */
  assert_dated_when_sent (found->published_at, sent_at, answered_at);
  assert_dated_when_sent (sent->published_at, sent_at, answered_at);
  g_clear_object (&result);
  g_clear_pointer (&found, liveline_remote_post_free);

  liveline_publisher_find_by_key_async (fixture->publisher, never_sent, "other-key", NULL,
                                        liveline_test_keep_result, &result);
  g_assert_true (liveline_test_wait_for_result (&result, WAIT_MS));
  found = liveline_publisher_find_by_key_finish (fixture->publisher, result, &error);
  g_assert_no_error (error);
  g_assert_null (found);

  /* …and Liveline died here. The next start: */
  liveline_outbox_start (fixture->outbox);
  g_assert_true (liveline_test_wait_for (outbox_is_empty, fixture, WAIT_MS));
  g_assert_cmpint (liveline_post_get_state (post), ==, LIVELINE_POST_STATE_PUBLISHED);
  g_assert_cmpstr (liveline_post_get_remote_id (post), ==, sent->id);
  g_assert_cmpuint (count_files (slug), ==, 1);
}

/* A create sent again (its answer lost, no crash) gives the same post: the
 * server refuses the slug, and the post found there is ours.
 */
static void
test_repeated_create (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(LivelinePost) post = write_post (fixture, NULL, "Talks went on into the night.");
  g_autoptr(GPtrArray) remotes = g_ptr_array_new_with_free_func ((GDestroyNotify)liveline_remote_post_free);
  g_autofree char *slug = slug_of (post);
  LivelineRemotePost *first_try;
  LivelineRemotePost *second_try;

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      LivelineRemotePost *remote;

      liveline_publisher_create_async (fixture->publisher, post, NULL, "create-key", NULL,
                                       liveline_test_keep_result, &result);
      g_assert_true (liveline_test_wait_for_result (&result, WAIT_MS));
      remote = liveline_publisher_create_finish (fixture->publisher, result, &error);
      g_assert_no_error (error);
      g_assert_nonnull (remote);
      g_ptr_array_add (remotes, remote);
    }

  /* No headline: a note. */
  first_try = g_ptr_array_index (remotes, 0);
  second_try = g_ptr_array_index (remotes, 1);
  g_assert_nonnull (strstr (first_try->id, "/note/"));
  g_assert_true (g_str_has_suffix (first_try->id, slug));
  g_assert_cmpstr (second_try->id, ==, first_try->id);
  g_assert_cmpstr (second_try->url, ==, first_try->url);
  g_assert_cmpuint (count_files (slug), ==, 1);
}

/* An update is dated when it went out, by the server, not when it was
 * written: one written 42 minutes ago (on a train, say) does not appear 42
 * minutes down the live blog, and one from a laptop whose clock runs ahead
 * is not dated in the future. A correction keeps the first date.
 */
static void
test_dates (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) past = g_date_time_add_minutes (now, -42);
  g_autoptr(GDateTime) future = g_date_time_add_hours (now, 3);
  GDateTime *written[] = { past, future };

  for (guint i = 0; i < G_N_ELEMENTS (written); i++)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      g_autofree char *headline = headline_for ("Talks resume");
      g_autoptr(LivelinePost) post = liveline_post_new (uuid, 1);
      g_autoptr(LivelineRemotePost) created = NULL;
      g_autoptr(LivelineRemotePost) corrected = NULL;
      g_autoptr(JsonObject) source = NULL;
      g_autoptr(GDateTime) published = NULL;
      g_autoptr(GDateTime) republished = NULL;
      g_autoptr(GDateTime) sent_at = NULL;
      g_autoptr(GDateTime) answered_at = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;

      _liveline_post_set_stored (post, 1, written[i]);
      liveline_post_set_headline (post, headline);
      liveline_post_set_body (post, "Delegates arrived.");
      created = create_now (fixture->publisher, post, &sent_at, &answered_at);

      source = source_of (created->id);
      published = published_of (source);
      assert_dated_when_sent (published, sent_at, answered_at);
      assert_dated_when_sent (created->published_at, sent_at, answered_at);
      g_clear_pointer (&source, json_object_unref);

      /* A correction, a second later at least: the date stays. */
      g_usleep (G_USEC_PER_SEC);
      liveline_post_set_body (post, "Delegates arrived in Geneva.");
      liveline_publisher_update_async (fixture->publisher, post, created->id, NULL, "update-key",
                                       NULL, liveline_test_keep_result, &result);
      g_assert_true (liveline_test_wait_for_result (&result, WAIT_MS));
      corrected = liveline_publisher_update_finish (fixture->publisher, result, &error);
      g_assert_no_error (error);

      source = source_of (created->id);
      g_assert_nonnull (strstr (first_string (source, "content"), "in Geneva."));
      republished = published_of (source);
      g_assert_true (g_date_time_equal (republished, published));
      g_assert_true (g_date_time_equal (corrected->published_at, published));
    }
}

/* The endpoint given instead of the site: the media endpoint comes from
 * q=config, the site's address from the endpoint's.
 */
static void
test_endpoint_given (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(LivelinePublisher) publisher = make_publisher (server ("MICROPUB_ENDPOINT"),
                                                           server ("MICROPUB_TOKEN"));
  g_autoptr(LivelineImage) image = prepare_photo (fixture);
  g_autofree char *headline = headline_for ("Vote count begins");
  g_autoptr(LivelinePost) post = write_post (fixture, headline, "Counting has begun.");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LivelineRemoteMedia) media = NULL;
  g_autoptr(LivelineRemotePost) created = NULL;
  g_autoptr(LivelineRemotePost) found = NULL;
  g_autoptr(JsonObject) source = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *slug = slug_of (post);
  g_autofree char *key_uuid = g_uuid_string_random ();
  g_autofree char *photo_key = NULL;
  g_autofree char *photo_name = NULL;

  liveline_post_set_image (post, image);

  liveline_publisher_check_async (publisher, NULL, liveline_test_keep_result, &result);
  g_assert_true (liveline_test_wait_for_result (&result, WAIT_MS));
  g_assert_true (liveline_publisher_check_finish (publisher, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  /* Named by its key, not by the journalist's file. */
  photo_key = g_strdup_printf ("%s-photo", key_uuid);
  photo_name = g_strdup_printf ("liveline-%s.jpg", photo_key);
  liveline_publisher_upload_media_async (publisher, liveline_post_get_image_path (post), "image/jpeg",
                                         "Count photo.jpg", photo_key, NULL,
                                         liveline_test_keep_result, &result);
  g_assert_true (liveline_test_wait_for_result (&result, WAIT_MS));
  media = liveline_publisher_upload_media_finish (publisher, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (media->id, ==, media->url);
  g_assert_true (g_str_has_prefix (media->url, server ("MICROPUB_SITE_URL")));
  g_assert_true (g_str_has_suffix (media->url, photo_name));
  g_assert_null (strstr (media->url, "Count"));
  g_clear_object (&result);

  liveline_publisher_create_async (publisher, post, media->id, "key", NULL,
                                   liveline_test_keep_result, &result);
  g_assert_true (liveline_test_wait_for_result (&result, WAIT_MS));
  created = liveline_publisher_create_finish (publisher, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  source = source_of (created->url);
  g_assert_cmpstr (first_string (source, "name"), ==, headline);
  g_assert_cmpstr (first_string (source, "photo") != NULL
                     ? first_string (source, "photo")
                     : json_object_get_string_member (json_node_get_object (first (source, "photo")), "url"),
                   ==, media->url);

  liveline_publisher_find_by_key_async (publisher, post, "key", NULL,
                                        liveline_test_keep_result, &result);
  g_assert_true (liveline_test_wait_for_result (&result, WAIT_MS));
  found = liveline_publisher_find_by_key_finish (publisher, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpstr (found->id, ==, created->id);
  g_assert_cmpuint (count_files (slug), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  servers = liveline_test_integration_servers ();
  {
    g_autofree char *uuid = g_uuid_string_random ();

    run_id = g_strndup (uuid, 8);
  }

  g_test_add ("/micropub/publish-correct-retract", Fixture, NULL,
              fixture_set_up, test_publish_correct_retract, fixture_tear_down);
  g_test_add ("/micropub/signed-out", Fixture, NULL,
              fixture_set_up, test_signed_out, fixture_tear_down);
  g_test_add ("/micropub/find-after-lost-create", Fixture, NULL,
              fixture_set_up, test_find_after_lost_create, fixture_tear_down);
  g_test_add ("/micropub/dates", Fixture, NULL,
              fixture_set_up, test_dates, fixture_tear_down);
  g_test_add ("/micropub/repeated-create", Fixture, NULL,
              fixture_set_up, test_repeated_create, fixture_tear_down);
  g_test_add ("/micropub/endpoint-given", Fixture, NULL,
              fixture_set_up, test_endpoint_given, fixture_tear_down);

  status = g_test_run ();

  g_hash_table_unref (servers);
  g_free (run_id);

  return status;
}
