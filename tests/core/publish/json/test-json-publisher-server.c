/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-json-publisher-server"

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <json-glib/json-glib.h>

#include "liveline-json-publisher.h"
#include "liveline-post.h"
#include "liveline-server.h"
#include "liveline-test-endpoint.h"
#include "liveline-test-http.h"
#include "liveline-test-util.h"

/* The JSON publisher against the real liveline-server, in this main
 * context: what readers see once it has published, one post for one key
 * however often it is sent, and the faults the server can be told to make.
 */

typedef struct
{
  LivelineServer    *server;
  char              *data_dir;
  char              *url;
  LivelinePublisher *publisher;
} Real;

static void
real_set_up (Real          *real,
             gconstpointer  user_data)
{
  real->server = liveline_test_server_start (&real->data_dir);
  real->url = liveline_server_dup_url (real->server);
  real->publisher = liveline_test_make_json_publisher (real->url, LIVELINE_TEST_TOKEN);
}

static void
real_tear_down (Real          *real,
                gconstpointer  user_data)
{
  g_clear_object (&real->publisher);
  liveline_server_disconnect (real->server);
  g_clear_object (&real->server);
  liveline_test_remove_tree (real->data_dir);
  g_clear_pointer (&real->data_dir, g_free);
  g_clear_pointer (&real->url, g_free);
}

static LivelineRemotePost *
real_create (Real          *real,
             LivelinePost  *draft,
             const char    *media_id,
             const char    *key,
             GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  liveline_publisher_create_async (real->publisher, draft, media_id, key, NULL,
                                   liveline_test_keep_result, &result);
  g_assert_true (liveline_test_wait_for_result (&result, 10000));

  return liveline_publisher_create_finish (real->publisher, result, error);
}

/* The ids of the posts the public list has, in its order. */
static char *
real_list (Real *real)
{
  g_autofree char *url = liveline_test_server_url (real->server, "/api/v1/blogs/election/posts");
  g_auto(LivelineTestFetch) fetch = { 0 };
  g_autoptr(JsonObject) page = NULL;
  g_autoptr(GString) ids = g_string_new (NULL);
  JsonArray *posts;

  liveline_test_fetch (&fetch, "GET", url, LIVELINE_TEST_TOKEN, NULL, NULL, 0, NULL);
  g_assert_cmpuint (liveline_test_fetch_status (&fetch), ==, 200);
  page = liveline_test_fetch_json (&fetch);
  posts = json_object_get_array_member (page, "posts");
  for (guint i = 0; i < json_array_get_length (posts); i++)
    {
      JsonObject *post = json_array_get_object_element (posts, i);

      if (i > 0)
        g_string_append_c (ids, ' ');
      g_string_append (ids, json_object_get_string_member (post, "id"));
    }

  return g_string_free (g_steal_pointer (&ids), FALSE);
}

static void
test_real_publish_with_photo (Real          *real,
                              gconstpointer  user_data)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 64, 48);
  g_autofree char *path = g_build_filename (real->data_dir, "agency photo.jpg", NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LivelineRemoteMedia) media = NULL;
  g_autoptr(LivelineRemotePost) post = NULL;
  g_autoptr(LivelinePost) draft = liveline_test_make_post ();
  g_autoptr(GError) error = NULL;
  g_autofree char *page_url = NULL;
  g_autofree char *page = NULL;
  g_autofree char *ids = NULL;
  g_auto(LivelineTestFetch) fetch = { 0 };

  gdk_pixbuf_fill (pixbuf, 0x3366ccff);
  g_assert_true (gdk_pixbuf_save (pixbuf, path, "jpeg", &error, NULL));
  g_assert_no_error (error);

  liveline_publisher_upload_media_async (real->publisher, path, "image/jpeg", "agency photo.jpg",
                                         "media-key-1", NULL, liveline_test_keep_result, &result);
  g_assert_true (liveline_test_wait_for_result (&result, 10000));
  media = liveline_publisher_upload_media_finish (real->publisher, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (media);
  g_assert_cmpuint (media->width, ==, 64);
  g_assert_cmpuint (media->height, ==, 48);
  g_assert_true (g_str_has_prefix (media->url, real->url));

  post = real_create (real, draft, media->id, "create-key-1", &error);
  g_assert_no_error (error);
  g_assert_nonnull (post);
  g_assert_cmpstr (post->id, ==, liveline_post_get_uuid (draft));
  g_assert_cmpuint (post->revision, ==, 1);
  g_assert_nonnull (strstr (post->url, "/blogs/election"));

  /* What a reader of the live page sees */
  page_url = liveline_test_server_url (real->server, "/blogs/election");
  liveline_test_fetch (&fetch, "GET", page_url, NULL, NULL, NULL, 0, NULL);
  g_assert_cmpuint (liveline_test_fetch_status (&fetch), ==, 200);
  page = liveline_test_fetch_text (&fetch);
  g_assert_nonnull (strstr (page, "Polls close in the north"));
  g_assert_nonnull (strstr (page, "<strong>high</strong>"));
  g_assert_nonnull (strstr (page, "Queues in Leeds"));
  g_assert_nonnull (strstr (page, "Credit: Reuters"));
  g_assert_nonnull (strstr (page, "People queue outside a school"));
  g_assert_nonnull (strstr (page, media->id));

  ids = real_list (real);
  g_assert_cmpstr (ids, ==, liveline_post_get_uuid (draft));
}

static void
test_real_same_key_publishes_once (Real          *real,
                                   gconstpointer  user_data)
{
  g_autoptr(LivelinePost) draft = liveline_test_make_post ();
  g_autoptr(LivelineRemotePost) first = NULL;
  g_autoptr(LivelineRemotePost) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ids = NULL;

  first = real_create (real, draft, NULL, "create-key-2", &error);
  g_assert_no_error (error);
  again = real_create (real, draft, NULL, "create-key-2", &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);
  g_assert_cmpstr (again->id, ==, first->id);
  g_assert_cmpstr (again->url, ==, first->url);
  g_assert_true (g_date_time_equal (again->published_at, first->published_at));

  ids = real_list (real);
  g_assert_cmpstr (ids, ==, first->id);
}

static void
test_real_update_find_delete (Real          *real,
                              gconstpointer  user_data)
{
  g_autoptr(LivelinePost) any_post = liveline_test_make_post ();
  g_autoptr(LivelinePost) draft = liveline_test_make_post ();
  g_autoptr(LivelineRemotePost) created = NULL;
  g_autoptr(LivelineRemotePost) updated = NULL;
  g_autoptr(LivelineRemotePost) found = NULL;
  g_autoptr(LivelineRemotePost) unknown = NULL;
  g_autoptr(LivelineRemotePost) gone = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *page_url = liveline_test_server_url (real->server, "/blogs/election");
  g_autofree char *page = NULL;
  g_autofree char *ids = NULL;
  g_auto(LivelineTestFetch) fetch = { 0 };

  created = real_create (real, draft, NULL, "create-key-3", &error);
  g_assert_no_error (error);

  liveline_post_set_headline (draft, "Polls closed in the north");
  liveline_publisher_update_async (real->publisher, draft, created->id, NULL, "update-key-3", NULL,
                                   liveline_test_keep_result, &result);
  g_assert_true (liveline_test_wait_for_result (&result, 10000));
  updated = liveline_publisher_update_finish (real->publisher, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (updated);
  g_assert_cmpstr (updated->id, ==, created->id);
  g_assert_cmpuint (updated->revision, ==, 2);
  g_assert_nonnull (updated->updated_at);

  liveline_test_fetch (&fetch, "GET", page_url, NULL, NULL, NULL, 0, NULL);
  page = liveline_test_fetch_text (&fetch);
  g_assert_nonnull (strstr (page, "Polls closed in the north"));
  g_assert_nonnull (strstr (page, "Updated"));

  /* After a crash: the key of the update finds the post, revision 2 */
  g_clear_object (&result);
  liveline_publisher_find_by_key_async (real->publisher, any_post, "update-key-3", NULL,
                                        liveline_test_keep_result, &result);
  g_assert_true (liveline_test_wait_for_result (&result, 10000));
  found = liveline_publisher_find_by_key_finish (real->publisher, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpstr (found->id, ==, created->id);
  g_assert_cmpuint (found->revision, ==, 2);

  g_clear_object (&result);
  liveline_publisher_find_by_key_async (real->publisher, any_post, "never-sent", NULL,
                                        liveline_test_keep_result, &result);
  g_assert_true (liveline_test_wait_for_result (&result, 10000));
  unknown = liveline_publisher_find_by_key_finish (real->publisher, result, &error);
  g_assert_no_error (error);
  g_assert_null (unknown);

  /* Retracted, and retracting again after a lost answer succeeds */
  for (guint i = 0; i < 2; i++)
    {
      g_clear_object (&result);
      liveline_publisher_delete_async (real->publisher, created->id, "delete-key-3", NULL,
                                       liveline_test_keep_result, &result);
      g_assert_true (liveline_test_wait_for_result (&result, 10000));
      g_assert_true (liveline_publisher_delete_finish (real->publisher, result, &error));
      g_assert_no_error (error);
    }

  ids = real_list (real);
  g_assert_cmpstr (ids, ==, "");

  g_clear_object (&result);
  liveline_publisher_find_by_key_async (real->publisher, any_post, "create-key-3", NULL,
                                        liveline_test_keep_result, &result);
  g_assert_true (liveline_test_wait_for_result (&result, 10000));
  gone = liveline_publisher_find_by_key_finish (real->publisher, result, &error);
  g_assert_no_error (error);
  g_assert_null (gone);
}

static LivelineRemotePost *
real_update (Real          *real,
             LivelinePost  *draft,
             const char    *remote_id,
             const char    *key,
             GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  liveline_publisher_update_async (real->publisher, draft, remote_id, NULL, key, NULL,
                                   liveline_test_keep_result, &result);
  g_assert_true (liveline_test_wait_for_result (&result, 10000));

  return liveline_publisher_update_finish (real->publisher, result, error);
}

/* Published again after it was retracted: the server never brings a
 * retracted post back, so it becomes a new post with an id of its own,
 * once however often the answer is lost, and is corrected under that id.
 */
static void
test_real_republish_after_retract (Real          *real,
                                   gconstpointer  user_data)
{
  g_autoptr(LivelinePost) draft = liveline_test_make_post ();
  g_autoptr(LivelineRemotePost) created = NULL;
  g_autoptr(LivelineRemotePost) again = NULL;
  g_autoptr(LivelineRemotePost) replayed = NULL;
  g_autoptr(LivelineRemotePost) corrected = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *page_url = liveline_test_server_url (real->server, "/blogs/election");
  g_autofree char *page = NULL;
  g_autofree char *ids = NULL;
  g_auto(LivelineTestFetch) fetch = { 0 };

  created = real_create (real, draft, NULL, "create-key-r", &error);
  g_assert_no_error (error);
  liveline_publisher_delete_async (real->publisher, created->id, "delete-key-r", NULL,
                                   liveline_test_keep_result, &result);
  g_assert_true (liveline_test_wait_for_result (&result, 10000));
  g_assert_true (liveline_publisher_delete_finish (real->publisher, result, &error));
  g_assert_no_error (error);
  ids = real_list (real);
  g_assert_cmpstr (ids, ==, "");
  g_clear_pointer (&ids, g_free);

  liveline_post_set_headline (draft, "Polls close in the north, again");
  again = real_update (real, draft, created->id, "republish-key-r", &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);
  g_assert_cmpstr (again->id, !=, created->id);
  g_assert_cmpuint (again->revision, ==, 1);
  g_assert_nonnull (strstr (again->url, again->id));
  ids = real_list (real);
  g_assert_cmpstr (ids, ==, again->id);
  g_clear_pointer (&ids, g_free);

  liveline_test_fetch (&fetch, "GET", page_url, NULL, NULL, NULL, 0, NULL);
  page = liveline_test_fetch_text (&fetch);
  g_assert_nonnull (strstr (page, "Polls close in the north, again"));

  /* The same try again, as after a lost answer: the same post, not a second. */
  replayed = real_update (real, draft, created->id, "republish-key-r", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (replayed->id, ==, again->id);
  ids = real_list (real);
  g_assert_cmpstr (ids, ==, again->id);

  corrected = real_update (real, draft, again->id, "correct-key-r", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (corrected->id, ==, again->id);
  g_assert_cmpuint (corrected->revision, ==, 2);
}

static void
test_real_wrong_token (Real          *real,
                       gconstpointer  user_data)
{
  g_autoptr(LivelinePublisher) publisher = liveline_test_make_json_publisher (real->url,
                                                                              "not-the-token");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LivelinePost) draft = liveline_test_make_post ();
  g_autoptr(LivelineRemotePost) post = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ids = NULL;

  liveline_publisher_create_async (publisher, draft, NULL, "k", NULL,
                                   liveline_test_keep_result, &result);
  g_assert_true (liveline_test_wait_for_result (&result, 10000));
  post = liveline_publisher_create_finish (publisher, result, &error);
  g_assert_null (post);
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_AUTH);
  g_assert_null (strstr (error->message, "not-the-token"));

  ids = real_list (real);
  g_assert_cmpstr (ids, ==, "");
}

static void
test_real_refused_post (Real          *real,
                        gconstpointer  user_data)
{
  g_autoptr(LivelinePost) first = liveline_test_make_post ();
  g_autoptr(LivelinePost) other = liveline_post_new (NULL, 1);
  g_autoptr(LivelineRemotePost) post = NULL;
  g_autoptr(GError) error = NULL;

  post = real_create (real, first, NULL, "reused-key", &error);
  g_assert_no_error (error);
  g_clear_pointer (&post, liveline_remote_post_free);

  /* The same key for another post: the server's own words come through */
  liveline_post_set_body (other, "Something else.");
  post = real_create (real, other, NULL, "reused-key", &error);
  g_assert_null (post);
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_PERMANENT);
  g_assert_cmpstr (error->message, ==,
                   "Nothing was changed: the key “reused-key” that Liveline sent with this was "
                   "already used for something else.");
  g_clear_error (&error);

  /* An empty update */
  g_clear_object (&other);
  other = liveline_post_new (NULL, 1);
  post = real_create (real, other, NULL, "empty-key", &error);
  g_assert_null (post);
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_PERMANENT);
  g_assert_false (g_str_has_prefix (error->message, "The blog’s endpoint refused"));
}

typedef struct
{
  const char *plan;
  guint       retry_after;
} Fault;

static const Fault faults[] = {
  { "request 1 status 503 retry-after 2", 2 },
  { "request 1 status 429", 1 },
  { "request 1 status 500", 0 },
  { "request 1 garbage", 0 },
  { "request 1 drop", 0 },
};

/* Each fault is transient, and the retry with the same key publishes once. */
static void
test_real_fault (Real          *real,
                 gconstpointer  user_data)
{
  const Fault *fault = user_data;
  g_autoptr(LivelinePost) draft = liveline_test_make_post ();
  g_autoptr(LivelineRemotePost) post = NULL;
  g_autoptr(LivelineRemotePost) retried = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ids = NULL;

  g_assert_true (liveline_server_set_fault_plan (real->server, fault->plan, &error));
  g_assert_no_error (error);

  post = real_create (real, draft, NULL, "fault-key", &error);
  g_assert_null (post);
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_TRANSIENT);
  g_assert_cmpuint (liveline_publisher_error_get_retry_after (error), ==, fault->retry_after);
  g_clear_error (&error);

  retried = real_create (real, draft, NULL, "fault-key", &error);
  g_assert_no_error (error);
  g_assert_nonnull (retried);
  ids = real_list (real);
  g_assert_cmpstr (ids, ==, liveline_post_get_uuid (draft));
}

/* An endpoint that keeps the connection busy past the whole-request
 * deadline is given up on, even when the session's own timeout would wait. */
static void
test_real_deadline (Real          *real,
                    gconstpointer  user_data)
{
  g_autoptr(LivelinePost) draft = liveline_test_make_post ();
  g_autoptr(LivelineRemotePost) post = NULL;
  g_autoptr(LivelineRemoteMedia) media = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *photo = NULL;
  gint64 start;
  LivelineJsonPublisher *publisher = LIVELINE_JSON_PUBLISHER (real->publisher);

  soup_session_set_timeout (liveline_json_publisher_get_session (publisher), 30);
  liveline_json_publisher_set_request_deadline (publisher, 1);
  g_assert_true (liveline_server_set_fault_plan (real->server, "request 1 delay 4000", &error));
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  post = real_create (real, draft, NULL, "deadline-key", &error);
  g_assert_null (post);
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_TRANSIENT);
  g_assert_cmpstr (error->message, ==, "The blog’s endpoint took longer than 1 second to answer.");
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_TIME_SPAN_SECOND);
  g_clear_error (&error);

  /* A photo's upload, the longest request of all, has the same deadline. */
  g_assert_true (liveline_server_set_fault_plan (real->server, "request 1 delay 4000", &error));
  g_assert_no_error (error);
  photo = g_build_filename (real->data_dir, "deadline.jpg", NULL);
  g_assert_true (g_file_set_contents (photo, "\xff\xd8\xff\xe0", 4, &error));
  start = g_get_monotonic_time ();
  liveline_publisher_upload_media_async (real->publisher, photo, "image/jpeg", "deadline.jpg",
                                         "deadline-photo", NULL,
                                         liveline_test_keep_result, &result);
  g_assert_true (liveline_test_wait_for_result (&result, 10000));
  media = liveline_publisher_upload_media_finish (real->publisher, result, &error);
  g_assert_null (media);
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_TRANSIENT);
  g_assert_cmpstr (error->message, ==, "The blog’s endpoint took longer than 1 second to answer.");
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_TIME_SPAN_SECOND);
}

static gboolean
cancel_soon (gpointer user_data)
{
  g_cancellable_cancel (user_data);

  return G_SOURCE_REMOVE;
}

/* Cancelling stops a request on its way at once, not when it answers. */
static void
test_real_cancelled_in_flight (Real          *real,
                               gconstpointer  user_data)
{
  g_autoptr(LivelinePost) draft = liveline_test_make_post ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(LivelineRemotePost) post = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;

  g_assert_true (liveline_server_set_fault_plan (real->server, "request 1 delay 3000", &error));
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  g_timeout_add (200, cancel_soon, cancellable);
  liveline_publisher_create_async (real->publisher, draft, NULL, "cancel-key", cancellable,
                                   liveline_test_keep_result, &result);
  g_assert_true (liveline_test_wait_for_result (&result, 10000));
  post = liveline_publisher_create_finish (real->publisher, result, &error);
  g_assert_null (post);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_TIME_SPAN_SECOND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/json-publisher/server/publish-with-photo", Real, NULL,
              real_set_up, test_real_publish_with_photo, real_tear_down);
  g_test_add ("/json-publisher/server/same-key-publishes-once", Real, NULL,
              real_set_up, test_real_same_key_publishes_once, real_tear_down);
  g_test_add ("/json-publisher/server/update-find-delete", Real, NULL,
              real_set_up, test_real_update_find_delete, real_tear_down);
  g_test_add ("/json-publisher/server/republish-after-retract", Real, NULL,
              real_set_up, test_real_republish_after_retract, real_tear_down);
  g_test_add ("/json-publisher/server/wrong-token", Real, NULL,
              real_set_up, test_real_wrong_token, real_tear_down);
  g_test_add ("/json-publisher/server/refused-post", Real, NULL,
              real_set_up, test_real_refused_post, real_tear_down);
  g_test_add ("/json-publisher/server/cancelled-in-flight", Real, NULL,
              real_set_up, test_real_cancelled_in_flight, real_tear_down);
  g_test_add ("/json-publisher/server/deadline", Real, NULL,
              real_set_up, test_real_deadline, real_tear_down);
  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      g_autofree char *path = g_strdup_printf ("/json-publisher/server/fault/%u", i);

      g_test_add (path, Real, &faults[i], real_set_up, test_real_fault, real_tear_down);
    }

  return g_test_run ();
}
