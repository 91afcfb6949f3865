/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-wordpress-errors"

#include "config.h"

#include "liveline-test-util.h"
#include "liveline-test-wordpress-blog.h"
#include "liveline-wordpress-publisher.h"

/* LivelineWordpressPublisher against a real WordPress (see
 * tests/integration) when publishing cannot work: refused credentials,
 * files and permissions, what "Test connection" says, and a site that
 * never answers.
 */

static gboolean
post_is_failed (gpointer user_data)
{
  return liveline_post_get_state (user_data) == LIVELINE_POST_STATE_FAILED;
}

/* Refused credentials: the post fails with the outbox's "Signed out…",
 * and the blog waits for new ones. */
static void
test_bad_credentials (LivelineTestWordpressBlog *fixture,
                      gconstpointer              user_data)
{
  g_autoptr(LivelinePublisher) publisher =
    liveline_test_wordpress_blog_publisher (fixture, fixture->wordpress->site_url,
                                            "abcd EFGH ijkl MNOP qrst UVWX");
  g_autoptr(LivelinePost) post = NULL;
  g_autoptr(GError) error = NULL;

  liveline_outbox_set_publisher (fixture->outbox, liveline_blog_get_id (fixture->blog), publisher);
  post = liveline_test_wordpress_blog_write_post (fixture, "Talks resume", "In Geneva.");
  g_assert_true (liveline_store_publish_post (fixture->store, post, &error));
  liveline_outbox_start (fixture->outbox);
  g_assert_true (liveline_test_wait_for (post_is_failed, post, LIVELINE_TEST_WORDPRESS_WAIT_MS));

  g_assert_true (g_str_has_prefix (liveline_post_get_last_error (post), "Signed out: "));
  g_assert_nonnull (strstr (liveline_post_get_last_error (post), "application password"));
  g_assert_true (liveline_outbox_get_paused (fixture->outbox,
                                             liveline_blog_get_id (fixture->blog)));

  liveline_publisher_check_async (publisher, NULL, liveline_test_keep_result, &fixture->result);
  g_assert_false (liveline_publisher_check_finish (publisher,
                                                   liveline_test_wordpress_blog_wait (fixture),
                                                   &error));
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_AUTH);
}

/* A file WordPress does not take fails for good, in WordPress's words. */
static void
test_refused_file_type (LivelineTestWordpressBlog *fixture,
                        gconstpointer              user_data)
{
  static const struct { const char *name; const char *type; } files[] = {
    { "diagram.svg", "image/svg+xml" },
    { "setup.exe", "application/x-msdownload" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (fixture->dir, files[i].name, NULL);
      g_autofree char *key = g_strdup_printf ("%s-%s-photo", fixture->run, files[i].name);
      g_autoptr(LivelineRemoteMedia) media = NULL;
      g_autoptr(GError) error = NULL;

      g_file_set_contents (path, "<svg xmlns=\"http://www.w3.org/2000/svg\"/>", -1, &error);
      g_assert_no_error (error);

      liveline_publisher_upload_media_async (fixture->publisher, path, files[i].type, files[i].name,
                                             key, NULL, liveline_test_keep_result,
                                             &fixture->result);
      media = liveline_publisher_upload_media_finish (fixture->publisher,
                                                      liveline_test_wordpress_blog_wait (fixture),
                                                      &error);
      g_assert_null (media);
      g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_PERMANENT);
      g_assert_cmpstr (error->message, ==, "Sorry, you are not allowed to upload this file type.");
    }
}

/* WordPress publishes a post whose featured image it cannot use without
 * it, and says nothing: Liveline refuses, and nothing is published. */
static void
test_photo_missing (LivelineTestWordpressBlog *fixture,
                    gconstpointer              user_data)
{
  g_autofree char *text_path = g_build_filename (fixture->dir, "notes.txt", NULL);
  g_autofree char *text_key = g_strdup_printf ("%s-notes", fixture->run);
  g_autoptr(LivelineRemoteMedia) text = NULL;
  g_autoptr(GError) error = NULL;
  const char *media_ids[2] = { NULL, "999999999" };

  g_file_set_contents (text_path, "Not a photo.\n", -1, &error);
  g_assert_no_error (error);
  liveline_publisher_upload_media_async (fixture->publisher, text_path, "text/plain", "notes.txt",
                                         text_key, NULL, liveline_test_keep_result,
                                         &fixture->result);
  text = liveline_publisher_upload_media_finish (fixture->publisher,
                                                 liveline_test_wordpress_blog_wait (fixture),
                                                 &error);
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
      remote = liveline_publisher_create_finish (fixture->publisher,
                                                 liveline_test_wordpress_blog_wait (fixture),
                                                 &error);
      g_assert_null (remote);
      g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_PERMANENT);
      g_test_message ("featured image %s: %s", media_ids[i], error->message);
      g_clear_error (&error);

      slug = liveline_test_wordpress_slug (post);
      g_assert_cmpuint (liveline_test_wordpress_count_posts (fixture->wordpress, slug), ==, 0);
    }
}

/* "Test connection": what it says of a good, a wrong and an unsafe
 * destination. */
static void
test_check (LivelineTestWordpressBlog *fixture,
            gconstpointer              user_data)
{
  g_autoptr(LivelinePublisher) unknown_category = NULL;
  g_autoptr(LivelinePublisher) plain_http = NULL;
  g_autoptr(LivelinePublisher) redirected = NULL;
  g_autofree char *admin_url = g_strdup_printf ("%swp-admin/", fixture->wordpress->site_url);
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;

  liveline_publisher_check_async (fixture->publisher, NULL, liveline_test_keep_result,
                                  &fixture->result);
  g_assert_true (liveline_publisher_check_finish (fixture->publisher,
                                                  liveline_test_wordpress_blog_wait (fixture),
                                                  &error));
  g_assert_no_error (error);

  unknown_category =
    LIVELINE_PUBLISHER (liveline_wordpress_publisher_new (fixture->session,
                                                          fixture->wordpress->site_url,
                                                          fixture->wordpress->username,
                                                          fixture->password,
                                                          "999999999", NULL));
  liveline_publisher_check_async (unknown_category, NULL, liveline_test_keep_result,
                                  &fixture->result);
  g_assert_false (liveline_publisher_check_finish (unknown_category,
                                                   liveline_test_wordpress_blog_wait (fixture),
                                                   &error));
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_PERMANENT);
  g_assert_nonnull (strstr (error->message, "999999999"));
  g_clear_error (&error);

  /* Not sent at all. */
  g_ptr_array_set_size (fixture->requests, 0);
  plain_http = liveline_test_wordpress_blog_publisher (fixture, "http://example.com/",
                                                       fixture->password);
  liveline_publisher_check_async (plain_http, NULL, liveline_test_keep_result, &fixture->result);
  g_assert_false (liveline_publisher_check_finish (plain_http,
                                                   liveline_test_wordpress_blog_wait (fixture),
                                                   &error));
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_PERMANENT);
  g_assert_cmpuint (fixture->requests->len, ==, 0);
  g_clear_error (&error);

  /* A redirect is not followed, and the password never went out. */
  redirected = liveline_test_wordpress_blog_publisher (fixture, admin_url, fixture->password);
  liveline_publisher_check_async (redirected, NULL, liveline_test_keep_result, &fixture->result);
  g_assert_false (liveline_publisher_check_finish (redirected,
                                                   liveline_test_wordpress_blog_wait (fixture),
                                                   &error));
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_PERMANENT);
  g_assert_nonnull (strstr (error->message, "wp-login.php"));
  g_assert_cmpuint (fixture->requests->len, ==, 1);
  expected = g_strdup_printf ("GET %s", admin_url);
  g_assert_cmpstr (g_ptr_array_index (fixture->requests, 0), ==, expected);
}

/* A user of this run with @role, and an Application Password of theirs. */
static char *
make_user (LivelineTestWordpressBlog  *fixture,
           const char                 *role,
           char                      **username,
           char                      **password)
{
  g_autofree char *body = NULL;
  g_autofree char *route = NULL;
  g_autofree char *login_password = g_uuid_string_random ();
  g_autoptr(JsonNode) user = NULL;
  g_autoptr(JsonNode) app_password = NULL;
  char *id;
  guint status = 0;

  *username = g_strdup_printf ("liveline-%s-%s", role, fixture->run);
  body = g_strdup_printf ("{\"username\": \"%s\", \"email\": \"%s@example.invalid\", "
                          "\"password\": \"%s\", \"roles\": [\"%s\"]}",
                          *username, *username, login_password, role);
  user = liveline_test_wordpress_call (fixture->wordpress, "POST", "wp/v2/users", body, &status);
  g_assert_cmpuint (status, ==, 201);
  id = liveline_test_wordpress_id (json_node_get_object (user));

  route = g_strdup_printf ("wp/v2/users/%s/application-passwords", id);
  app_password = liveline_test_wordpress_call (fixture->wordpress, "POST", route,
                                               "{\"name\": \"Liveline tests\"}", &status);
  g_assert_cmpuint (status, ==, 201);
  *password = g_strdup (json_object_get_string_member (json_node_get_object (app_password),
                                                       "password"));

  return id;
}

static void
delete_user (LivelineTestWordpressBlog *fixture,
             const char                *id)
{
  g_autoptr(JsonObject) me = liveline_test_wordpress_get_object (fixture->wordpress,
                                                                 "wp/v2/users/me");
  g_autofree char *route = g_strdup_printf ("wp/v2/users/%s?force=true&reassign=%" G_GINT64_FORMAT,
                                            id, json_object_get_int_member (me, "id"));
  g_autoptr(JsonNode) answer = NULL;
  guint status = 0;

  answer = liveline_test_wordpress_call (fixture->wordpress, "DELETE", route, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
}

/* Signed in, but allowed less than an administrator: an author may publish
 * but not make categories; a contributor may not publish. Neither is a
 * password to type again. */
static void
test_permissions (LivelineTestWordpressBlog *fixture,
                  gconstpointer              user_data)
{
  g_autofree char *author = NULL;
  g_autofree char *author_password = NULL;
  g_autofree char *author_id = make_user (fixture, "author", &author, &author_password);
  g_autofree char *contributor = NULL;
  g_autofree char *contributor_password = NULL;
  g_autofree char *contributor_id = make_user (fixture, "contributor", &contributor,
                                               &contributor_password);
  g_autofree char *category_name = g_strdup_printf ("Liveline %s for an author", fixture->run);
  g_autofree char *expected = NULL;
  g_autoptr(LivelinePublisher) as_author = NULL;
  g_autoptr(LivelinePublisher) as_contributor = NULL;
  g_autoptr(LivelinePost) post = NULL;
  g_autoptr(GError) error = NULL;

  as_author = LIVELINE_PUBLISHER (liveline_wordpress_publisher_new (fixture->session,
                                                                    fixture->wordpress->site_url,
                                                                    author, author_password,
                                                                    NULL, category_name));
  liveline_publisher_check_async (as_author, NULL, liveline_test_keep_result, &fixture->result);
  g_assert_true (liveline_publisher_check_finish (as_author,
                                                  liveline_test_wordpress_blog_wait (fixture),
                                                  &error));
  g_assert_no_error (error);

  liveline_outbox_set_publisher (fixture->outbox, liveline_blog_get_id (fixture->blog), as_author);
  post = liveline_test_wordpress_blog_write_post (fixture, "Talks resume", "In Geneva.");
  g_assert_true (liveline_store_publish_post (fixture->store, post, &error));
  liveline_outbox_start (fixture->outbox);
  g_assert_true (liveline_test_wait_for (post_is_failed, post, LIVELINE_TEST_WORDPRESS_WAIT_MS));
  expected = g_strdup_printf ("WordPress does not let this user make the category “%s”. "
                              "Pick one of the site’s categories for the live blog.",
                              category_name);
  g_assert_cmpstr (liveline_post_get_last_error (post), ==, expected);
  g_assert_false (liveline_outbox_get_paused (fixture->outbox,
                                              liveline_blog_get_id (fixture->blog)));

  as_contributor =
    LIVELINE_PUBLISHER (liveline_wordpress_publisher_new (fixture->session,
                                                          fixture->wordpress->site_url,
                                                          contributor, contributor_password,
                                                          fixture->category_id, NULL));
  liveline_publisher_check_async (as_contributor, NULL, liveline_test_keep_result,
                                  &fixture->result);
  g_assert_false (liveline_publisher_check_finish (as_contributor,
                                                   liveline_test_wordpress_blog_wait (fixture),
                                                   &error));
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_AUTH);
  g_assert_cmpstr (error->message, ==, "This WordPress user may not publish posts.");

  delete_user (fixture, author_id);
  delete_user (fixture, contributor_id);
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
test_deadline (LivelineTestWordpressBlog *fixture,
               gconstpointer              user_data)
{
  g_autofree char *url = NULL;
  g_autoptr(GSocket) socket = listen_silently (&url);
  g_autoptr(LivelinePublisher) publisher =
    liveline_test_wordpress_blog_publisher (fixture, url, fixture->password);
  g_autoptr(GError) error = NULL;
  gint64 started = g_get_monotonic_time ();

  liveline_wordpress_publisher_set_request_deadline (LIVELINE_WORDPRESS_PUBLISHER (publisher), 1);
  liveline_publisher_check_async (publisher, NULL, liveline_test_keep_result, &fixture->result);
  g_assert_false (liveline_publisher_check_finish (publisher,
                                                   liveline_test_wordpress_blog_wait (fixture),
                                                   &error));
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_TRANSIENT);
  g_assert_cmpstr (error->message, ==, "The WordPress site took longer than 1 second to answer.");
  g_assert_cmpint (g_get_monotonic_time () - started, <, 3 * G_TIME_SPAN_SECOND);
}

/* Cancelled, a request on its way stops at once. */
static void
test_cancel (LivelineTestWordpressBlog *fixture,
             gconstpointer              user_data)
{
  g_autofree char *url = NULL;
  g_autoptr(GSocket) socket = listen_silently (&url);
  g_autoptr(LivelinePublisher) publisher =
    liveline_test_wordpress_blog_publisher (fixture, url, fixture->password);
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
  remote = liveline_publisher_create_finish (publisher, liveline_test_wordpress_blog_wait (fixture),
                                             &error);
  g_assert_null (remote);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - cancelled_at, <, G_TIME_SPAN_SECOND / 2);
}

int
main (int   argc,
      char *argv[])
{
  liveline_test_wordpress_blog_init (&argc, &argv);

  LIVELINE_TEST_WORDPRESS_ADD ("bad-credentials", test_bad_credentials);
  LIVELINE_TEST_WORDPRESS_ADD ("refused-file-type", test_refused_file_type);
  LIVELINE_TEST_WORDPRESS_ADD ("photo-missing", test_photo_missing);
  LIVELINE_TEST_WORDPRESS_ADD ("check", test_check);
  LIVELINE_TEST_WORDPRESS_ADD ("permissions", test_permissions);
  LIVELINE_TEST_WORDPRESS_ADD ("deadline", test_deadline);
  LIVELINE_TEST_WORDPRESS_ADD ("cancel", test_cancel);

  return liveline_test_wordpress_blog_run ();
}
