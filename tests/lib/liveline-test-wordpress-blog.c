/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-test-wordpress-blog"

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "liveline-blog.h"
#include "liveline-image.h"
#include "liveline-outbox.h"
#include "liveline-post.h"
#include "liveline-store.h"
#include "liveline-test-util.h"
#include "liveline-test-wordpress-blog.h"
#include "liveline-wordpress-publisher.h"

/* A live blog of the test's own, in a store of its own, whose outbox
 * publishes to the integration suite's WordPress with
 * LivelineWordpressPublisher. Each test publishes into a category of its
 * own, named after this run, so runs against the same server never see
 * each other's posts.
 */

static LivelineTestWordpress *wordpress;
static char *run;

/**
 * liveline_test_wordpress_blog_init:
 * @argc: the program's argument count
 * @argv: the program's arguments
 *
 * Starts the tests, brings the integration servers up, if they are not,
 * and names this run of the program.
 */
void
liveline_test_wordpress_blog_init (int    *argc,
                                   char ***argv)
{
  g_autofree char *uuid = NULL;

  g_test_init (argc, argv, NULL);

  wordpress = liveline_test_wordpress_new ();
  uuid = g_uuid_string_random ();
  run = g_strndup (uuid, 8);
}

/**
 * liveline_test_wordpress_blog_run:
 *
 * Runs the tests added since liveline_test_wordpress_blog_init(), then
 * lets go of the servers.
 *
 * Returns: what g_test_run() returned
 */
int
liveline_test_wordpress_blog_run (void)
{
  int status = g_test_run ();

  g_clear_pointer (&wordpress, liveline_test_wordpress_free);
  g_clear_pointer (&run, g_free);

  return status;
}

static void
on_request_queued (SoupSession               *session,
                   SoupMessage               *message,
                   LivelineTestWordpressBlog *fixture)
{
  g_autofree char *url = g_uri_to_string (soup_message_get_uri (message));
  gboolean signed_in = soup_message_headers_get_one (soup_message_get_request_headers (message),
                                                     "Authorization") != NULL;

  g_ptr_array_add (fixture->requests, g_strdup_printf ("%s %s%s", soup_message_get_method (message),
                                                       url, signed_in ? " (signed)" : ""));
}

/**
 * liveline_test_wordpress_blog_publisher:
 * @fixture: the test's blog
 * @site_url: the site's address
 * @password: the test user's Application Password
 *
 * Returns: (transfer full): a publisher to @site_url, as the test user,
 *   into the test's category, through the fixture's session
 */
LivelinePublisher *
liveline_test_wordpress_blog_publisher (LivelineTestWordpressBlog *fixture,
                                        const char                *site_url,
                                        const char                *password)
{
  return LIVELINE_PUBLISHER (liveline_wordpress_publisher_new (fixture->session, site_url,
                                                               wordpress->username, password,
                                                               fixture->category_id, NULL));
}

/**
 * liveline_test_wordpress_blog_set_up:
 * @fixture: the test's blog
 * @user_data: the test's data
 *
 * Makes the test's category on the site, a store with a live blog, and
 * an outbox that publishes it to the site, not yet started.
 */
void
liveline_test_wordpress_blog_set_up (LivelineTestWordpressBlog *fixture,
                                     gconstpointer              user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *blog_name = g_strdup_printf ("Syria & Iraq talks %s", run);

  fixture->wordpress = wordpress;
  fixture->run = run;
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

  fixture->publisher = liveline_test_wordpress_blog_publisher (fixture, wordpress->site_url,
                                                               fixture->password);
  fixture->outbox = liveline_outbox_new (fixture->store, NULL);
  liveline_outbox_set_publisher (fixture->outbox, liveline_blog_get_id (fixture->blog),
                                 fixture->publisher);
}

void
liveline_test_wordpress_blog_tear_down (LivelineTestWordpressBlog *fixture,
                                        gconstpointer              user_data)
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

/**
 * liveline_test_wordpress_blog_wait:
 * @fixture: the test's blog
 *
 * Waits for a call whose result went to liveline_test_keep_result() with
 * `&fixture->result`.
 *
 * Returns: (transfer none): the result
 */
GAsyncResult *
liveline_test_wordpress_blog_wait (LivelineTestWordpressBlog *fixture)
{
  g_clear_object (&fixture->result);
  g_assert_true (liveline_test_wait_for_result (&fixture->result, LIVELINE_TEST_WORDPRESS_WAIT_MS));

  return fixture->result;
}

/**
 * liveline_test_wordpress_blog_is_idle:
 * @user_data: the test's blog
 *
 * A #LivelineTestCondition: nothing waits in the outbox or is on its way.
 */
gboolean
liveline_test_wordpress_blog_is_idle (gpointer user_data)
{
  LivelineTestWordpressBlog *fixture = user_data;

  return liveline_store_count_waiting (fixture->store) == 0 &&
         liveline_outbox_get_sending (fixture->outbox) == 0;
}

/**
 * liveline_test_wordpress_blog_write_post:
 * @fixture: the test's blog
 * @headline: the update's headline
 * @body: its text
 *
 * Returns: (transfer full): a new update of the test's blog, saved
 */
LivelinePost *
liveline_test_wordpress_blog_write_post (LivelineTestWordpressBlog *fixture,
                                         const char                *headline,
                                         const char                *body)
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

/**
 * liveline_test_wordpress_blog_make_jpeg:
 * @fixture: the test's blog
 * @name: a file name
 *
 * A small JPEG on disk, 96 × 64, as the journalist's camera would leave one.
 *
 * Returns: (transfer full): its path
 */
char *
liveline_test_wordpress_blog_make_jpeg (LivelineTestWordpressBlog *fixture,
                                        const char                *name)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 96, 64);
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  gdk_pixbuf_fill (pixbuf, 0x3465a4ff);
  gdk_pixbuf_save (pixbuf, path, "jpeg", &error, NULL);
  g_assert_no_error (error);

  return g_steal_pointer (&path);
}

/**
 * liveline_test_wordpress_blog_add_photo:
 * @fixture: the test's blog
 * @post: an update of the test's blog
 * @caption: the photo's caption
 * @credit: its credit
 * @alt: its description
 *
 * Prepares a photo as the editor does, and attaches it to @post.
 */
void
liveline_test_wordpress_blog_add_photo (LivelineTestWordpressBlog *fixture,
                                        LivelinePost              *post,
                                        const char                *caption,
                                        const char                *credit,
                                        const char                *alt)
{
  g_autofree char *path = liveline_test_wordpress_blog_make_jpeg (fixture, "agency-photo.jpg");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(LivelineImage) image = NULL;
  g_autoptr(GError) error = NULL;

  liveline_image_prepare_async (file, liveline_store_get_media_dir (fixture->store), 2048, NULL,
                                liveline_test_keep_result, &fixture->result);
  image = liveline_image_prepare_finish (liveline_test_wordpress_blog_wait (fixture), &error);
  g_assert_no_error (error);

  liveline_post_set_image (post, image);
  liveline_post_set_image_caption (post, caption);
  liveline_post_set_image_credit (post, credit);
  liveline_post_set_image_alt (post, alt);
  g_assert_true (liveline_store_save_post (fixture->store, post, &error));
  g_assert_no_error (error);
}

/**
 * liveline_test_wordpress_blog_publish:
 * @fixture: the test's blog
 * @post: an update of the test's blog
 *
 * Publishes @post through the outbox, and waits until it has sent all
 * it had.
 */
void
liveline_test_wordpress_blog_publish (LivelineTestWordpressBlog *fixture,
                                      LivelinePost              *post)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (liveline_store_publish_post (fixture->store, post, &error));
  g_assert_no_error (error);
  liveline_outbox_start (fixture->outbox);
  liveline_outbox_wake (fixture->outbox);
  g_assert_true (liveline_test_wait_for (liveline_test_wordpress_blog_is_idle, fixture,
                                         LIVELINE_TEST_WORDPRESS_WAIT_MS));
}

/**
 * liveline_test_wordpress_blog_retract:
 * @fixture: the test's blog
 * @post: a published update of the test's blog
 *
 * Retracts @post through the outbox, and waits until it has sent all it
 * had.
 */
void
liveline_test_wordpress_blog_retract (LivelineTestWordpressBlog *fixture,
                                      LivelinePost              *post)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (liveline_store_retract_post (fixture->store, post, &error));
  g_assert_no_error (error);
  liveline_outbox_wake (fixture->outbox);
  g_assert_true (liveline_test_wait_for (liveline_test_wordpress_blog_is_idle, fixture,
                                         LIVELINE_TEST_WORDPRESS_WAIT_MS));
}

/**
 * liveline_test_wordpress_blog_sent:
 * @fixture: the test's blog
 * @prefix: the start of a request, such as `POST http://…`
 *
 * Returns: whether the fixture's session sent a request that starts so
 */
gboolean
liveline_test_wordpress_blog_sent (LivelineTestWordpressBlog *fixture,
                                   const char                *prefix)
{
  for (guint i = 0; i < fixture->requests->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (fixture->requests, i), prefix))
      return TRUE;

  return FALSE;
}

/**
 * liveline_test_wordpress_slug:
 * @post: an update
 *
 * Returns: (transfer full): the slug the publisher gives @post
 */
char *
liveline_test_wordpress_slug (LivelinePost *post)
{
  g_autofree char *uuid = g_ascii_strdown (liveline_post_get_uuid (post), -1);

  return g_strconcat ("liveline-", uuid, NULL);
}
