/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define _GNU_SOURCE /* memmem() */
#define G_LOG_DOMAIN "test-destination"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "liveline-blog.h"
#include "liveline-post.h"
#include "liveline-session.h"
#include "liveline-store.h"
#include "liveline-test-http.h"
#include "liveline-test-keyring.h"
#include "liveline-test-util.h"

/* Where a live blog publishes, set as Preferences sets it: the token goes
 * to a real keyring and nowhere else, and the session publishes with it to
 * the real liveline-server, in this main context.
 */

typedef struct
{
  LivelineServer  *server;
  char            *server_dir;
  char            *url;
  char            *data_dir;
  LivelineSession *session;
  LivelineBlog    *blog;
} Fixture;

static char *home;
static GString *log_text;
static LivelineTestKeyring *keyring;

static GLogWriterOutput
keep_log (GLogLevelFlags   log_level,
          const GLogField *fields,
          gsize            n_fields,
          gpointer         user_data)
{
  g_autofree char *line = g_log_writer_format_fields (log_level, fields, n_fields, FALSE);

  g_string_append_printf (log_text, "%s\n", line);

  /* Standard output is the test's TAP stream. */
  fprintf (stderr, "%s\n", line);

  return G_LOG_WRITER_HANDLED;
}

static void
keep_printed (const char *text)
{
  g_string_append (log_text, text);
  fputs (text, stderr);
}

static void
open_session (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  fixture->session = liveline_session_new (fixture->data_dir, NULL, &error);
  g_assert_no_error (error);
  g_set_object (&fixture->blog,
                g_list_model_get_item (liveline_store_get_blogs (liveline_session_get_store (fixture->session)), 0));
  liveline_outbox_start (liveline_session_get_outbox (fixture->session));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->server = liveline_test_server_start (&fixture->server_dir);
  fixture->url = liveline_server_dup_url (fixture->server);
  fixture->data_dir = g_build_filename (g_get_user_data_dir (), "liveline", NULL);

  fixture->session = liveline_session_new (fixture->data_dir, NULL, &error);
  g_assert_no_error (error);
  liveline_store_create_blog (liveline_session_get_store (fixture->session),
                              "Election night", &error);
  g_assert_no_error (error);
  g_clear_object (&fixture->session);
  open_session (fixture);
}

static void
close_session (Fixture *fixture)
{
  g_clear_object (&fixture->blog);
  g_clear_object (&fixture->session);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  close_session (fixture);
  liveline_server_disconnect (fixture->server);
  g_clear_object (&fixture->server);
  liveline_test_remove_tree (fixture->data_dir);
  liveline_test_remove_tree (fixture->server_dir);
  g_free (fixture->data_dir);
  g_free (fixture->server_dir);
  g_free (fixture->url);
}

static GError *
save_destination (Fixture    *fixture,
                  const char *kind,
                  const char *url,
                  const char *secret)
{
  LivelineDestination destination = { kind, url, "election", NULL };
  g_autoptr(GAsyncResult) result = NULL;
  GError *error = NULL;

  liveline_session_save_destination_async (fixture->session, fixture->blog, &destination,
                                           secret, NULL, liveline_test_keep_result, &result);
  g_assert_true (liveline_test_wait_for_result (&result, 10000));
  liveline_session_save_destination_finish (fixture->session, result, &error);

  return error;
}

static GError *
test_destination (Fixture    *fixture,
                  const char *url,
                  const char *secret)
{
  LivelineDestination destination = { "liveline", url, "election", NULL };
  g_autoptr(GAsyncResult) result = NULL;
  GError *error = NULL;
  gboolean ok;

  liveline_session_test_destination_async (fixture->session, fixture->blog, &destination,
                                           secret, NULL, liveline_test_keep_result, &result);
  g_assert_true (liveline_test_wait_for_result (&result, 10000));
  ok = liveline_session_test_destination_finish (fixture->session, result, &error);
  g_assert_true (ok == (error == NULL));

  return error;
}

static gboolean
has_publisher (gpointer user_data)
{
  Fixture *fixture = user_data;

  return liveline_outbox_has_publisher (liveline_session_get_outbox (fixture->session),
                                        liveline_blog_get_id (fixture->blog));
}

static gboolean
post_is_published (gpointer user_data)
{
  return liveline_post_get_state (user_data) == LIVELINE_POST_STATE_PUBLISHED;
}

static gboolean
post_is_failed (gpointer user_data)
{
  return liveline_post_get_state (user_data) == LIVELINE_POST_STATE_FAILED;
}

static LivelinePost *
publish (Fixture    *fixture,
         const char *headline)
{
  LivelineStore *store = liveline_session_get_store (fixture->session);
  g_autoptr(GError) error = NULL;
  LivelinePost *post = liveline_store_create_post (store, fixture->blog, &error);

  g_assert_no_error (error);
  liveline_post_set_headline (post, headline);
  liveline_post_set_body (post, "Turnout passed 60 per cent an hour before the polls closed.");
  g_assert_true (liveline_store_save_post (store, post, &error));
  g_assert_true (liveline_store_publish_post (store, post, &error));
  g_assert_no_error (error);

  return post;
}

static guint
count_server_posts (Fixture *fixture)
{
  g_autofree char *url = liveline_test_server_url (fixture->server,
                                                   "/api/v1/blogs/election/posts?limit=100");
  g_auto(LivelineTestFetch) fetch = { 0 };
  g_autoptr(JsonObject) page = NULL;

  liveline_test_fetch (&fetch, "GET", url, LIVELINE_TEST_TOKEN, NULL, NULL, 0, NULL);
  g_assert_cmpuint (liveline_test_fetch_status (&fetch), ==, 200);
  page = liveline_test_fetch_json (&fetch);

  return json_array_get_length (json_object_get_array_member (page, "posts"));
}

/* Whether @text is in the name or the bytes of any file under @file. */
static gboolean
files_contain (GFile      *file,
               const char *text)
{
  g_autoptr(GFileEnumerator) children = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *path = g_file_get_path (file);
  gsize length;

  if (strstr (path, text) != NULL)
    return TRUE;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (children != NULL)
    {
      GFileInfo *info;
      GFile *child;

      while (g_file_enumerator_iterate (children, &info, &child, NULL, NULL) && info != NULL)
        if (files_contain (child, text))
          return TRUE;
      return FALSE;
    }

  /* Binary files hold NUL bytes: memmem() looks past them. */
  return g_file_load_contents (file, NULL, &contents, &length, NULL, NULL) &&
         memmem (contents, length, text, strlen (text)) != NULL;
}

static void
test_destination_publishes_with_keyring_token (Fixture       *fixture,
                                               gconstpointer  user_data)
{
  g_autoptr(LivelinePost) first = NULL;
  g_autoptr(LivelinePost) second = NULL;
  g_autoptr(GFile) home_folder = g_file_new_for_path (home);
  g_autoptr(GError) error = NULL;

  g_string_truncate (log_text, 0);

  error = save_destination (fixture, "liveline", fixture->url, LIVELINE_TEST_TOKEN);
  g_assert_no_error (error);
  g_assert_cmpstr (liveline_blog_get_destination_kind (fixture->blog), ==, "liveline");
  g_assert_cmpstr (liveline_blog_get_endpoint_url (fixture->blog), ==, fixture->url);
  g_assert_true (liveline_test_wait_for (has_publisher, fixture, 5000));

  first = publish (fixture, "Polls close across the country");
  g_assert_true (liveline_test_wait_for (post_is_published, first, 10000));
  g_assert_cmpuint (count_server_posts (fixture), ==, 1);

  /* The next start reads the token back from the keyring. */
  g_clear_object (&first);
  close_session (fixture);
  open_session (fixture);
  g_assert_true (liveline_test_wait_for (has_publisher, fixture, 5000));
  second = publish (fixture, "First results from the coast");
  g_assert_true (liveline_test_wait_for (post_is_published, second, 10000));
  g_assert_cmpuint (count_server_posts (fixture), ==, 2);

  /* Nowhere but in the keyring, which keeps it encrypted. */
  close_session (fixture);
  g_assert_true (files_contain (home_folder, "First results from the coast"));
  g_assert_false (files_contain (home_folder, LIVELINE_TEST_TOKEN));
  g_assert_cmpuint (log_text->len, >, 0);
  g_assert_null (strstr (log_text->str, LIVELINE_TEST_TOKEN));
  open_session (fixture);
}

static void
test_destination_test_connection (Fixture       *fixture,
                                  gconstpointer  user_data)
{
  g_autofree char *unreachable = g_strdup ("http://127.0.0.1:1/");
  GError *error;

  g_assert_no_error (test_destination (fixture, fixture->url, LIVELINE_TEST_TOKEN));

  /* In words for the journalist, not the server's words for developers. */
  error = test_destination (fixture, fixture->url, "not-the-token");
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_AUTH);
  g_assert_cmpstr (error->message, ==, "The endpoint refused the token: check it in Preferences.");
  g_clear_error (&error);

  error = test_destination (fixture, unreachable, LIVELINE_TEST_TOKEN);
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_TRANSIENT);
  g_assert_true (g_str_has_prefix (error->message, "Could not reach the blog’s endpoint: "));
  g_clear_error (&error);

  error = test_destination (fixture, "http://live.example.com/", LIVELINE_TEST_TOKEN);
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_PERMANENT);
  g_assert_nonnull (strstr (error->message, "only to this computer"));
  g_clear_error (&error);

  /* Without a token given, the one in the keyring is tried. */
  g_assert_no_error (save_destination (fixture, "liveline", fixture->url, LIVELINE_TEST_TOKEN));
  g_assert_no_error (test_destination (fixture, fixture->url, NULL));
}

static void
test_destination_refuses_plain_http (Fixture       *fixture,
                                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  error = save_destination (fixture, "liveline", "http://live.example.com/", LIVELINE_TEST_TOKEN);
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_PERMANENT);
  g_assert_null (liveline_blog_get_destination_kind (fixture->blog));
  g_assert_null (liveline_blog_get_endpoint_url (fixture->blog));
  g_clear_error (&error);

  error = save_destination (fixture, "liveline", "live.example.com", LIVELINE_TEST_TOKEN);
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_PERMANENT);
  g_assert_null (liveline_blog_get_destination_kind (fixture->blog));
}

static void
test_destination_signed_out_until_new_token (Fixture       *fixture,
                                             gconstpointer  user_data)
{
  LivelineOutbox *outbox = liveline_session_get_outbox (fixture->session);
  g_autoptr(LivelinePost) refused = NULL;
  g_autoptr(LivelinePost) waiting = NULL;
  gint64 blog_id = liveline_blog_get_id (fixture->blog);

  g_assert_no_error (save_destination (fixture, "liveline", fixture->url, "stale-token"));
  g_assert_true (liveline_test_wait_for (has_publisher, fixture, 5000));

  refused = publish (fixture, "Polls close across the country");
  g_assert_true (liveline_test_wait_for (post_is_failed, refused, 10000));
  g_assert_true (liveline_outbox_get_paused (outbox, blog_id));
  g_assert_true (g_str_has_prefix (liveline_post_get_last_error (refused), "Signed out: "));

  /* Paused: nothing more is sent with the refused token. */
  waiting = publish (fixture, "First results from the coast");
  liveline_test_run_for (300);
  g_assert_cmpint (liveline_post_get_state (waiting), ==, LIVELINE_POST_STATE_QUEUED);

  /* A new token lifts the pause, and what waited goes. */
  g_assert_no_error (save_destination (fixture, "liveline", fixture->url, LIVELINE_TEST_TOKEN));
  g_assert_true (liveline_test_wait_for (post_is_published, waiting, 10000));
  g_assert_false (liveline_outbox_get_paused (outbox, blog_id));
  g_assert_cmpuint (count_server_posts (fixture), ==, 1);
}

static void
test_destination_removed (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_no_error (save_destination (fixture, "liveline", fixture->url, LIVELINE_TEST_TOKEN));
  g_assert_true (liveline_test_wait_for (has_publisher, fixture, 5000));

  g_assert_no_error (save_destination (fixture, NULL, NULL, NULL));
  g_assert_null (liveline_blog_get_destination_kind (fixture->blog));
  g_assert_false (has_publisher (fixture));

  /* The token went with it. */
  g_assert_no_error (save_destination (fixture, "liveline", fixture->url, NULL));
  g_assert_true (liveline_test_wait_for (has_publisher, fixture, 5000));
  error = test_destination (fixture, fixture->url, NULL);
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_AUTH);
}

static gboolean
has_problem (gpointer user_data)
{
  Fixture *fixture = user_data;

  return liveline_session_get_destination_problem (fixture->session, fixture->blog) != NULL;
}

/* Run last: without a keyring, a blog with a destination gets no
 * publisher, and the session says why for the window to show. */
static void
test_destination_keyring_gone (Fixture       *fixture,
                               gconstpointer  user_data)
{
  g_assert_no_error (save_destination (fixture, "liveline", fixture->url, LIVELINE_TEST_TOKEN));
  g_assert_true (liveline_test_wait_for (has_publisher, fixture, 5000));

  liveline_test_keyring_stop (keyring);
  keyring = NULL;
  close_session (fixture);
  open_session (fixture);

  g_assert_true (liveline_test_wait_for (has_problem, fixture, 10000));
  g_assert_true (g_str_has_prefix (liveline_session_get_destination_problem (fixture->session,
                                                                             fixture->blog),
                                   "The keyring could not be used: "));
  g_assert_false (has_publisher (fixture));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  home = liveline_test_make_home ();
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  log_text = g_string_new (NULL);
  g_log_set_writer_func (keep_log, NULL, NULL);
  g_set_printerr_handler (keep_printed);

  g_test_init (&argc, &argv, NULL);
  keyring = liveline_test_keyring_start (home);

#define ADD(path, test) \
  g_test_add (path, Fixture, NULL, fixture_set_up, test, fixture_tear_down)
  ADD ("/destination/publishes-with-keyring-token", test_destination_publishes_with_keyring_token);
  ADD ("/destination/test-connection", test_destination_test_connection);
  ADD ("/destination/refuses-plain-http", test_destination_refuses_plain_http);
  ADD ("/destination/signed-out-until-new-token", test_destination_signed_out_until_new_token);
  ADD ("/destination/removed", test_destination_removed);
  ADD ("/destination/keyring-gone", test_destination_keyring_gone);
#undef ADD

  status = g_test_run ();

  if (keyring != NULL)
    liveline_test_keyring_stop (keyring);
  liveline_test_remove_tree (home);
  g_free (home);

  return status;
}
