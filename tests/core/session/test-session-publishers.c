/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-session-publishers"

#include "config.h"

#include "liveline-blog.h"
#include "liveline-post.h"
#include "liveline-session.h"
#include "liveline-store.h"
#include "liveline-test-http.h"
#include "liveline-test-keyring.h"
#include "liveline-test-util.h"

/* Every live blog with a destination gets a publisher once the keyring has
 * answered, whatever changes while it is being asked. What matters happens
 * in a process that has not reached the session bus yet, as a program
 * using liveline-core right after it starts: the look-ups of the session
 * that opens then are the ones that connect to the bus. This test sets the
 * blogs up, then runs that part again as a child process of its own
 * (CHILD_ENV names the post to retract), with the bus held still while the
 * session opens and the settings change, so the changes land while the
 * look-ups are under way, every time.
 */

#define N_BLOGS   2
#define CHILD_ENV "LIVELINE_TEST_RETRACT_POST"

typedef struct
{
  LivelineServer  *server;
  char            *server_dir;
  char            *url;
  char            *data_dir;
  LivelineSession *session;
  GListModel      *blogs;
  LivelinePost    *post;
} Fixture;

static const char * const slugs[N_BLOGS] = { "election", "coast" };

static char *program;
static char *home;
static LivelineTestKeyring *keyring;

static LivelineStore *
get_store (Fixture *fixture)
{
  return liveline_session_get_store (fixture->session);
}

static char *
dup_data_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "liveline", NULL);
}

static void
open_session (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  fixture->session = liveline_session_new (fixture->data_dir, NULL, &error);
  g_assert_no_error (error);
  fixture->blogs = liveline_store_get_blogs (get_store (fixture));
  liveline_outbox_start (liveline_session_get_outbox (fixture->session));
}

static void
close_session (Fixture *fixture)
{
  g_clear_object (&fixture->post);
  fixture->blogs = NULL;
  g_clear_object (&fixture->session);
}

static gboolean
every_blog_has_publisher (gpointer user_data)
{
  Fixture *fixture = user_data;
  LivelineOutbox *outbox = liveline_session_get_outbox (fixture->session);

  for (guint i = 0; i < g_list_model_get_n_items (fixture->blogs); i++)
    {
      g_autoptr(LivelineBlog) blog = g_list_model_get_item (fixture->blogs, i);

      if (!liveline_outbox_has_publisher (outbox, liveline_blog_get_id (blog)))
        return FALSE;
    }

  return TRUE;
}

static gboolean
post_is_published (gpointer user_data)
{
  return liveline_post_get_state (user_data) == LIVELINE_POST_STATE_PUBLISHED;
}

static gboolean
post_is_deleted (gpointer user_data)
{
  return liveline_post_get_state (user_data) == LIVELINE_POST_STATE_DELETED;
}

static void
save_destination (Fixture      *fixture,
                  LivelineBlog *blog,
                  const char   *slug)
{
  LivelineDestination destination = { "liveline", fixture->url, slug, NULL };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  liveline_session_save_destination_async (fixture->session, blog, &destination,
                                           LIVELINE_TEST_TOKEN, NULL,
                                           liveline_test_keep_result, &result);
  g_assert_true (liveline_test_wait_for_result (&result, 10000));
  liveline_session_save_destination_finish (fixture->session, result, &error);
  g_assert_no_error (error);
}

static guint
count_server_posts (Fixture    *fixture,
                    const char *slug)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/blogs/%s/posts?limit=100", slug);
  g_autofree char *url = liveline_test_server_url (fixture->server, path);
  g_auto(LivelineTestFetch) fetch = { 0 };
  g_autoptr(JsonObject) page = NULL;

  liveline_test_fetch (&fetch, "GET", url, LIVELINE_TEST_TOKEN, NULL, NULL, 0, NULL);
  g_assert_cmpuint (liveline_test_fetch_status (&fetch), ==, 200);
  page = liveline_test_fetch_json (&fetch);

  return json_array_get_length (json_object_get_array_member (page, "posts"));
}

/* Two blogs publishing to the server with a token in the keyring, and one
 * update published to the first.
 */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  LivelineBlog *first = NULL;

  fixture->server = liveline_test_server_start (&fixture->server_dir);
  fixture->url = liveline_server_dup_url (fixture->server);
  fixture->data_dir = dup_data_dir ();

  open_session (fixture);
  for (guint i = 0; i < N_BLOGS; i++)
    {
      LivelineBlog *blog = liveline_store_create_blog (get_store (fixture), slugs[i], &error);

      g_assert_no_error (error);
      save_destination (fixture, blog, slugs[i]);
      first = first != NULL ? first : blog;
    }
  g_assert_true (liveline_test_wait_for (every_blog_has_publisher, fixture, 10000));

  fixture->post = liveline_store_create_post (get_store (fixture), first, &error);
  g_assert_no_error (error);
  liveline_post_set_headline (fixture->post, "Polls close across the country");
  g_assert_true (liveline_store_save_post (get_store (fixture), fixture->post, &error));
  g_assert_true (liveline_store_publish_post (get_store (fixture), fixture->post, &error));
  g_assert_true (liveline_test_wait_for (post_is_published, fixture->post, 10000));
  g_assert_cmpuint (count_server_posts (fixture, slugs[0]), ==, 1);
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

/* Runs the child test at @path on the closed session's data while this
 * process's main loop goes on serving the server; asserts that it passed.
 */
static void
run_child (Fixture    *fixture,
           const char *path)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *post_id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                              liveline_post_get_id (fixture->post));

  close_session (fixture);

  /* Its standard output is a TAP stream of its own, not part of this one. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_subprocess_launcher_setenv (launcher, CHILD_ENV, post_id, TRUE);
  child = g_subprocess_launcher_spawn (launcher, &error, program, "-p", path, NULL);
  g_assert_no_error (error);

  g_subprocess_wait_async (child, NULL, liveline_test_keep_result, &result);
  g_assert_true (liveline_test_wait_for_result (&result, 60000));
  g_assert_true (g_subprocess_wait_finish (child, result, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (child));

  /* The retraction queued there went out. */
  g_assert_cmpuint (count_server_posts (fixture, slugs[0]), ==, 0);
}

static void
test_publishers_delete_permanently_while_connecting (Fixture       *fixture,
                                                     gconstpointer  user_data)
{
  run_child (fixture, "/session-publishers/child/delete-permanently");
}

static void
test_publishers_default_endpoint_while_connecting (Fixture       *fixture,
                                                   gconstpointer  user_data)
{
  run_child (fixture, "/session-publishers/child/default-endpoint");
}

typedef void (*ChangeFunc) (LivelineSession *session);

/* In the child: the session opens while the bus is held, so its keyring
 * look-ups are still connecting when @change runs and a retraction is
 * queued. Every blog must get its publisher, with no problem to show, and
 * the retraction must go out.
 */
static void
child_open_and_change (ChangeFunc change)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(LivelinePost) post = NULL;
  gint64 post_id;
  GPid bus;

  fixture.data_dir = dup_data_dir ();
  g_assert_true (g_ascii_string_to_signed (g_getenv (CHILD_ENV), 10, 1, G_MAXINT64,
                                           &post_id, NULL));

  bus = liveline_test_session_bus_hold ();
  open_session (&fixture);
  g_assert_cmpuint (g_list_model_get_n_items (fixture.blogs), ==, N_BLOGS);

  post = liveline_store_load_post (get_store (&fixture), post_id, &error);
  g_assert_no_error (error);
  g_assert_true (liveline_store_retract_post (get_store (&fixture), post, &error));
  g_assert_no_error (error);

  change (fixture.session);
  liveline_test_run_for (200);
  g_assert_false (every_blog_has_publisher (&fixture));
  liveline_test_session_bus_release (bus);

  g_assert_true (liveline_test_wait_for (every_blog_has_publisher, &fixture, 10000));
  for (guint i = 0; i < N_BLOGS; i++)
    {
      g_autoptr(LivelineBlog) blog = g_list_model_get_item (fixture.blogs, i);

      g_assert_null (liveline_session_get_destination_problem (fixture.session, blog));
    }
  g_assert_true (liveline_test_wait_for (post_is_deleted, post, 10000));

  g_clear_object (&post);
  close_session (&fixture);
  g_free (fixture.data_dir);
}

static void
turn_on_delete_permanently (LivelineSession *session)
{
  liveline_session_set_delete_permanently (session, TRUE);
}

static void
set_default_endpoint (LivelineSession *session)
{
  liveline_session_set_default_endpoint (session, "http://127.0.0.1:1/");
}

static void
child_delete_permanently (void)
{
  child_open_and_change (turn_on_delete_permanently);
}

static void
child_default_endpoint (void)
{
  child_open_and_change (set_default_endpoint);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  program = argv[0];

  /* A child works on its parent's home, keyring and server. */
  if (g_getenv (CHILD_ENV) != NULL)
    {
      g_test_init (&argc, &argv, NULL);
      g_test_add_func ("/session-publishers/child/delete-permanently", child_delete_permanently);
      g_test_add_func ("/session-publishers/child/default-endpoint", child_default_endpoint);

      return g_test_run ();
    }

  home = liveline_test_make_home ();
  g_test_init (&argc, &argv, NULL);
  keyring = liveline_test_keyring_start (home);

  g_test_add ("/session-publishers/delete-permanently-while-connecting", Fixture, NULL,
              fixture_set_up, test_publishers_delete_permanently_while_connecting,
              fixture_tear_down);
  g_test_add ("/session-publishers/default-endpoint-while-connecting", Fixture, NULL,
              fixture_set_up, test_publishers_default_endpoint_while_connecting,
              fixture_tear_down);

  status = g_test_run ();

  liveline_test_keyring_stop (keyring);
  liveline_test_remove_tree (home);
  g_free (home);

  return status;
}
