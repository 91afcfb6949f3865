/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-micropub-photos"

#include "config.h"

#include <libsoup/soup.h>

#include "liveline-blog.h"
#include "liveline-micropub-publisher.h"
#include "liveline-outbox.h"
#include "liveline-post.h"
#include "liveline-store.h"
#include "liveline-test-integration.h"
#include "liveline-test-micropub.h"
#include "liveline-test-util.h"

/* Photos sent to the real Micropub server of the integration suite
 * (@benjifs/micropub, which names a file after the second it came and the
 * name it was given, and overwrites one of the same name): every update
 * shows its own photo, and an upload sent again after its answer was lost
 * leaves one file, not two.
 */

/* Tries before two uploads land in one second of the server's clock. */
#define SAME_SECOND_TRIES 5

static GHashTable *servers;

static const char *
server (const char *key)
{
  return liveline_test_integration_get (servers, key);
}

static LivelinePublisher *
make_publisher (void)
{
  g_autoptr(SoupSession) session = soup_session_new ();

  soup_session_set_timeout (session, 5);
  soup_session_set_idle_timeout (session, 5);

  return LIVELINE_PUBLISHER (liveline_micropub_publisher_new (session, server ("MICROPUB_SITE_URL"),
                                                              server ("MICROPUB_TOKEN")));
}

typedef struct
{
  char              *dir;
  LivelineStore     *store;
  LivelinePublisher *publisher;
  LivelineOutbox    *outbox;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("liveline-micropub-photos-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->store = liveline_store_open (fixture->dir, &error);
  g_assert_no_error (error);
  fixture->publisher = make_publisher ();
  fixture->outbox = liveline_outbox_new (fixture->store, NULL);
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

static gboolean
outbox_is_empty (gpointer user_data)
{
  Fixture *fixture = user_data;

  return liveline_store_count_waiting (fixture->store) == 0 &&
         liveline_outbox_get_sending (fixture->outbox) == 0;
}

/* An update with a photo of its own, named as cameras name them all. */
static LivelinePost *
write_post_with_photo (Fixture    *fixture,
                       const char *blog_name)
{
  g_autoptr(LivelineImage) image = liveline_test_micropub_prepare_photo (fixture->store, "photo.jpg");
  g_autoptr(GError) error = NULL;
  LivelineBlog *blog;
  LivelinePost *post;

  blog = liveline_store_create_blog (fixture->store, blog_name, &error);
  g_assert_no_error (error);
  liveline_outbox_set_publisher (fixture->outbox, liveline_blog_get_id (blog), fixture->publisher);

  post = liveline_store_create_post (fixture->store, blog, &error);
  g_assert_no_error (error);
  liveline_post_set_headline (post, blog_name);
  liveline_post_set_body (post, "Delegates arrived at the Palais des Nations.");
  liveline_post_set_image (post, image);
  g_assert_true (liveline_store_save_post (fixture->store, post, &error));
  g_assert_no_error (error);

  return post;
}

/* The photo the site shows with @post is the one Liveline prepared for it,
 * byte for byte; returns its address. */
static char *
assert_own_photo (Fixture      *fixture,
                  LivelinePost *post)
{
  g_autofree char *media_url = liveline_store_dup_media_remote_id (fixture->store, post);
  g_autoptr(JsonObject) source = NULL;
  g_autoptr(GBytes) served = NULL;
  g_autofree char *prepared = NULL;
  g_autoptr(GError) error = NULL;
  gsize prepared_length = 0;
  guint status;

  g_assert_cmpint (liveline_post_get_state (post), ==, LIVELINE_POST_STATE_PUBLISHED);
  g_assert_nonnull (media_url);
  source = liveline_test_micropub_source (servers, liveline_post_get_remote_id (post));
  g_assert_cmpstr (liveline_test_micropub_photo_url (source), ==, media_url);

  served = liveline_test_micropub_fetch (media_url, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_file_get_contents (liveline_post_get_image_path (post), &prepared, &prepared_length, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (served, NULL), g_bytes_get_size (served),
                   prepared, prepared_length);

  return g_steal_pointer (&media_url);
}

/* The second of the server's clock a file came in, which it names files by
 * (`…/uploads/1796400000_name`). */
static char *
upload_second (const char *media_url)
{
  const char *name = strrchr (media_url, '/');
  const char *underscore = name != NULL ? strchr (name, '_') : NULL;

  g_assert_nonnull (underscore);

  return g_strndup (name + 1, underscore - name - 1);
}

/* Waits until the server's naming second has just begun: it rounds the
 * time to the nearest second, so a second begins at each half. */
static void
wait_for_fresh_second (void)
{
  while ((g_get_real_time () / 1000) % 1000 < 500 || (g_get_real_time () / 1000) % 1000 > 600)
    g_usleep (5 * G_TIME_SPAN_MILLISECOND);
}

/* Two journalists' updates, each with a photo named photo.jpg, sent in the
 * same second: each shows its own photo. */
static void
test_same_second (Fixture       *fixture,
                  gconstpointer  user_data)
{
  gboolean same_second = FALSE;

  liveline_outbox_start (fixture->outbox);

  for (guint try = 0; try < SAME_SECOND_TRIES && !same_second; try++)
    {
      g_autofree char *first_blog = g_strdup_printf ("Syria talks %u", try);
      g_autofree char *second_blog = g_strdup_printf ("Vote count %u", try);
      g_autoptr(LivelinePost) first = write_post_with_photo (fixture, first_blog);
      g_autoptr(LivelinePost) second = write_post_with_photo (fixture, second_blog);
      g_autofree char *first_url = NULL;
      g_autofree char *second_url = NULL;
      g_autofree char *first_second = NULL;
      g_autofree char *second_second = NULL;
      g_autoptr(GError) error = NULL;

      /* Each blog sends on its own, so both photos go at once. */
      wait_for_fresh_second ();
      g_assert_true (liveline_store_publish_post (fixture->store, first, &error));
      g_assert_true (liveline_store_publish_post (fixture->store, second, &error));
      g_assert_no_error (error);
      g_assert_true (liveline_test_wait_for (outbox_is_empty, fixture, LIVELINE_TEST_MICROPUB_WAIT_MS));

      first_url = assert_own_photo (fixture, first);
      second_url = assert_own_photo (fixture, second);
      g_assert_cmpstr (first_url, !=, second_url);

      first_second = upload_second (first_url);
      second_second = upload_second (second_url);
      same_second = g_str_equal (first_second, second_second);
      g_test_message ("try %u: photos uploaded in seconds %s and %s", try, first_second,
                      second_second);
    }

  /* The case this test is for happened. */
  g_assert_true (same_second);
}

/* An upload reached the server and its answer was lost: sent again, a
 * second later, it is found, and the server keeps one file of it. */
static void
test_upload_answer_lost (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(LivelineImage) image = liveline_test_micropub_prepare_photo (fixture->store, "photo.jpg");
  g_autoptr(LivelinePublisher) other = make_publisher ();
  g_autoptr(LivelineRemoteMedia) lost = NULL;
  g_autoptr(LivelineRemoteMedia) again = NULL;
  g_autoptr(LivelineRemoteMedia) another = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = g_uuid_string_random ();
  g_autofree char *other_key = g_uuid_string_random ();
  const char *path = liveline_image_get_path (image);

  /* The try whose answer the process that died never read. */
  liveline_publisher_upload_media_async (other, path, "image/jpeg", "photo.jpg", key, NULL,
                                         liveline_test_keep_result, &result);
  g_assert_true (liveline_test_wait_for_result (&result, LIVELINE_TEST_MICROPUB_WAIT_MS));
  lost = liveline_publisher_upload_media_finish (other, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpuint (liveline_test_micropub_count_uploads (servers, path), ==, 1);

  /* The server names files by the second: the next try comes in another. */
  g_usleep (1100 * G_TIME_SPAN_MILLISECOND);

  liveline_publisher_upload_media_async (fixture->publisher, path, "image/jpeg", "photo.jpg", key,
                                         NULL, liveline_test_keep_result, &result);
  g_assert_true (liveline_test_wait_for_result (&result, LIVELINE_TEST_MICROPUB_WAIT_MS));
  again = liveline_publisher_upload_media_finish (fixture->publisher, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpstr (again->id, ==, lost->id);
  g_assert_cmpstr (again->url, ==, lost->url);
  g_assert_cmpuint (liveline_test_micropub_count_uploads (servers, path), ==, 1);

  /* Another upload of the same photo is another file. */
  liveline_publisher_upload_media_async (fixture->publisher, path, "image/jpeg", "photo.jpg",
                                         other_key, NULL, liveline_test_keep_result, &result);
  g_assert_true (liveline_test_wait_for_result (&result, LIVELINE_TEST_MICROPUB_WAIT_MS));
  another = liveline_publisher_upload_media_finish (fixture->publisher, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (another->url, !=, lost->url);
  g_assert_cmpuint (liveline_test_micropub_count_uploads (servers, path), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  servers = liveline_test_integration_servers ();

  g_test_add ("/micropub/photos/same-second", Fixture, NULL,
              fixture_set_up, test_same_second, fixture_tear_down);
  g_test_add ("/micropub/photos/upload-answer-lost", Fixture, NULL,
              fixture_set_up, test_upload_answer_lost, fixture_tear_down);

  status = g_test_run ();
  g_hash_table_unref (servers);

  return status;
}
