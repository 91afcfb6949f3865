/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-outbox"

#include "config.h"

#include "liveline-blog.h"
#include "liveline-json-publisher.h"
#include "liveline-outbox-op.h"
#include "liveline-outbox.h"
#include "liveline-post.h"
#include "liveline-session.h"
#include "liveline-store.h"
#include "liveline-test-http.h"
#include "liveline-test-util.h"

/* The outbox against the real liveline-server, in this main context: what
 * a journalist publishes reaches the live page once, in order, whatever the
 * network and the server do in between.
 */

typedef struct
{
  LivelineServer    *server;
  char              *server_dir;
  char              *url;
  char              *dir;
  LivelineStore     *store;
  LivelineBlog      *blog;
  LivelinePublisher *publisher;
  LivelineOutbox    *outbox;
} Fixture;

static LivelinePublisher *
make_publisher (const char *url,
                const char *token)
{
  g_autoptr(SoupSession) session = soup_session_new ();

  soup_session_set_timeout (session, 2);
  soup_session_set_idle_timeout (session, 2);

  return LIVELINE_PUBLISHER (liveline_json_publisher_new (session, url, "syria-talks", token));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->server = liveline_test_server_start (&fixture->server_dir);
  fixture->url = liveline_server_dup_url (fixture->server);

  fixture->dir = g_dir_make_tmp ("liveline-outbox-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->store = liveline_store_open (fixture->dir, &error);
  g_assert_no_error (error);
  fixture->blog = liveline_store_create_blog (fixture->store, "Syria talks", &error);
  g_assert_no_error (error);

  fixture->publisher = make_publisher (fixture->url, LIVELINE_TEST_TOKEN);
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
  liveline_server_disconnect (fixture->server);
  g_clear_object (&fixture->server);
  liveline_test_remove_tree (fixture->dir);
  liveline_test_remove_tree (fixture->server_dir);
  g_free (fixture->dir);
  g_free (fixture->server_dir);
  g_free (fixture->url);
}

static LivelinePost *
write_and_publish (Fixture    *fixture,
                   const char *headline)
{
  g_autoptr(GError) error = NULL;
  LivelinePost *post = liveline_store_create_post (fixture->store, fixture->blog, &error);

  g_assert_no_error (error);
  liveline_post_set_headline (post, headline);
  liveline_post_set_body (post, "Delegates arrived at the Palais des Nations.");
  g_assert_true (liveline_store_save_post (fixture->store, post, &error));
  g_assert_true (liveline_store_publish_post (fixture->store, post, &error));
  g_assert_no_error (error);

  return post;
}

static gboolean
outbox_is_empty (gpointer user_data)
{
  Fixture *fixture = user_data;

  return liveline_store_count_waiting (fixture->store) == 0 &&
         liveline_outbox_get_sending (fixture->outbox) == 0;
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

/* The headlines on the server, in the order it accepted them (oldest first). */
static GPtrArray *
server_headlines (Fixture *fixture)
{
  GPtrArray *headlines = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *cursor = NULL;

  do
    {
      g_autofree char *url = NULL;
      g_auto(LivelineTestFetch) fetch = { 0 };
      g_autoptr(JsonObject) page = NULL;
      JsonArray *posts;

      url = cursor != NULL
        ? g_strdup_printf ("%sapi/v1/blogs/syria-talks/posts?limit=100&before=%s", fixture->url, cursor)
        : g_strdup_printf ("%sapi/v1/blogs/syria-talks/posts?limit=100", fixture->url);
      liveline_test_fetch (&fetch, "GET", url, LIVELINE_TEST_TOKEN, NULL, NULL, 0, NULL);
      g_assert_cmpuint (liveline_test_fetch_status (&fetch), ==, 200);
      page = liveline_test_fetch_json (&fetch);
      posts = json_object_get_array_member (page, "posts");

      /* Newest first on the server; oldest first here. */
      for (guint i = 0; i < json_array_get_length (posts); i++)
        g_ptr_array_insert (headlines, 0,
                            g_strdup (json_object_get_string_member (json_array_get_object_element (posts, i),
                                                                     "headline")));

      g_clear_pointer (&cursor, g_free);
      if (!json_object_get_null_member (page, "next"))
        cursor = g_strdup (json_object_get_string_member (page, "next"));
    }
  while (cursor != NULL);

  return headlines;
}

static void
test_online (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(LivelinePost) post = write_and_publish (fixture, "Talks resume in Geneva");
  g_autoptr(GPtrArray) headlines = NULL;

  g_assert_cmpint (liveline_post_get_state (post), ==, LIVELINE_POST_STATE_QUEUED);
  liveline_outbox_start (fixture->outbox);
  g_assert_true (liveline_test_wait_for (outbox_is_empty, fixture, 5000));

  g_assert_cmpint (liveline_post_get_state (post), ==, LIVELINE_POST_STATE_PUBLISHED);
  g_assert_nonnull (liveline_post_get_remote_id (post));
  g_assert_true (g_str_has_prefix (liveline_post_get_remote_url (post), fixture->url));
  g_assert_nonnull (liveline_post_get_published_at (post));

  headlines = server_headlines (fixture);
  g_assert_cmpuint (headlines->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (headlines, 0), ==, "Talks resume in Geneva");
}

/* Written with the endpoint unreachable, sent when it is back. */
static void
test_offline_then_online (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GPtrArray) posts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) headlines = NULL;
  g_autoptr(GError) error = NULL;
  guint port = liveline_server_get_port (fixture->server);
  gint64 back;

  liveline_server_disconnect (fixture->server);
  liveline_outbox_start (fixture->outbox);

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *headline = g_strdup_printf ("Update %u", i + 1);

      g_ptr_array_add (posts, write_and_publish (fixture, headline));
      liveline_outbox_wake (fixture->outbox);
    }

  /* A few failed tries: all still queued, in order, nothing lost. */
  liveline_test_run_for (2500);
  g_assert_cmpuint (liveline_store_count_waiting (fixture->store), ==, 3);
  for (guint i = 0; i < posts->len; i++)
    g_assert_cmpint (liveline_post_get_state (g_ptr_array_index (posts, i)), ==,
                     LIVELINE_POST_STATE_QUEUED);
  g_assert_nonnull (liveline_post_get_last_error (g_ptr_array_index (posts, 0)));

  /* The endpoint comes back, as the network monitor would say. */
  g_assert_true (liveline_server_listen (fixture->server, "127.0.0.1", port, &error));
  g_assert_no_error (error);
  back = g_get_monotonic_time ();
  liveline_outbox_wake (fixture->outbox);
  g_assert_true (liveline_test_wait_for (outbox_is_empty, fixture, 5000));
  g_test_message ("Drained %.0f ms after the endpoint came back",
                  (g_get_monotonic_time () - back) / 1000.0);

  headlines = server_headlines (fixture);
  g_assert_cmpuint (headlines->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *expected = g_strdup_printf ("Update %u", i + 1);

      g_assert_cmpstr (g_ptr_array_index (headlines, i), ==, expected);
      g_assert_cmpint (liveline_post_get_state (g_ptr_array_index (posts, i)), ==,
                       LIVELINE_POST_STATE_PUBLISHED);
    }
}

/* Every kind of misbehaviour, over many posts: each arrives once, in order. */
static void
test_fault_plan (Fixture       *fixture,
                 gconstpointer  user_data)
{
  static const char plan[] =
    "request 2 status 503 retry-after 1\n"
    "request 5 drop\n"
    "request 8 garbage\n"
    "request 11 status 429 retry-after 1\n"
    "request 14 delay 2500\n"
    "every 17 status 500\n";
  const guint n_posts = 500;
  g_autoptr(GPtrArray) posts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) headlines = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (liveline_server_set_fault_plan (fixture->server, plan, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < n_posts; i++)
    {
      g_autofree char *headline = g_strdup_printf ("Update %03u", i + 1);

      g_ptr_array_add (posts, write_and_publish (fixture, headline));
    }

  liveline_outbox_start (fixture->outbox);
  g_assert_true (liveline_test_wait_for (outbox_is_empty, fixture, 120000));

  headlines = server_headlines (fixture);
  g_assert_cmpuint (headlines->len, ==, n_posts);
  for (guint i = 0; i < n_posts; i++)
    {
      g_autofree char *expected = g_strdup_printf ("Update %03u", i + 1);

      g_assert_cmpstr (g_ptr_array_index (headlines, i), ==, expected);
    }
}

static void
test_signed_out (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(LivelinePublisher) wrong = make_publisher (fixture->url, "not-the-token");
  g_autoptr(LivelinePost) post = write_and_publish (fixture, "Talks resume");
  g_autoptr(LivelinePost) next = write_and_publish (fixture, "Talks stall");
  gint64 blog_id = liveline_blog_get_id (fixture->blog);

  liveline_outbox_set_publisher (fixture->outbox, blog_id, wrong);
  liveline_outbox_start (fixture->outbox);
  g_assert_true (liveline_test_wait_for (post_is_failed, post, 5000));

  g_assert_true (g_str_has_prefix (liveline_post_get_last_error (post), "Signed out"));
  g_assert_true (liveline_outbox_get_paused (fixture->outbox, blog_id));
  g_assert_cmpint (liveline_post_get_state (next), ==, LIVELINE_POST_STATE_QUEUED);

  /* New credentials: the queue goes on. */
  liveline_outbox_set_publisher (fixture->outbox, blog_id, fixture->publisher);
  g_assert_false (liveline_outbox_get_paused (fixture->outbox, blog_id));
  g_assert_true (liveline_test_wait_for (outbox_is_empty, fixture, 5000));
  g_assert_cmpint (liveline_post_get_state (next), ==, LIVELINE_POST_STATE_PUBLISHED);
}

static void
test_correction_and_retraction (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autoptr(LivelinePost) post = write_and_publish (fixture, "Talks resume in Genva");
  g_autoptr(GPtrArray) headlines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *remote_id = NULL;

  liveline_outbox_start (fixture->outbox);
  g_assert_true (liveline_test_wait_for (outbox_is_empty, fixture, 5000));
  remote_id = g_strdup (liveline_post_get_remote_id (post));

  liveline_post_set_headline (post, "Talks resume in Geneva");
  g_assert_true (liveline_store_save_post (fixture->store, post, &error));
  g_assert_true (liveline_store_publish_post (fixture->store, post, &error));
  liveline_outbox_wake (fixture->outbox);
  g_assert_true (liveline_test_wait_for (outbox_is_empty, fixture, 5000));
  g_assert_cmpint (liveline_post_get_state (post), ==, LIVELINE_POST_STATE_PUBLISHED);
  g_assert_cmpstr (liveline_post_get_remote_id (post), ==, remote_id);

  headlines = server_headlines (fixture);
  g_assert_cmpuint (headlines->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (headlines, 0), ==, "Talks resume in Geneva");
  g_clear_pointer (&headlines, g_ptr_array_unref);

  g_assert_true (liveline_store_retract_post (fixture->store, post, &error));
  liveline_outbox_wake (fixture->outbox);
  g_assert_true (liveline_test_wait_for (outbox_is_empty, fixture, 5000));
  g_assert_cmpint (liveline_post_get_state (post), ==, LIVELINE_POST_STATE_DELETED);
  headlines = server_headlines (fixture);
  g_assert_cmpuint (headlines->len, ==, 0);
}

/* A crash after the request left but before the answer was recorded: the
 * outbox asks by key, and the post is not published twice.
 */
static void
test_reconcile_after_crash (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(LivelinePost) post = write_and_publish (fixture, "Talks resume");
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GListModel) ops = liveline_store_list_due_ops (fixture->store, now);
  g_autoptr(LivelineOutboxOp) op = g_list_model_get_item (ops, 0);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LivelineRemotePost) sent = NULL;
  g_autoptr(GPtrArray) headlines = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (liveline_store_begin_send (fixture->store, op, &error));
  liveline_publisher_create_async (fixture->publisher, post, NULL,
                                   liveline_outbox_op_get_idempotency_key (op), NULL,
                                   liveline_test_keep_result, &result);
  g_assert_true (liveline_test_wait_for_result (&result, 5000));
  sent = liveline_publisher_create_finish (fixture->publisher, result, &error);
  g_assert_no_error (error);

  /* …and Liveline died here. The next start: */
  liveline_outbox_start (fixture->outbox);
  g_assert_true (liveline_test_wait_for (outbox_is_empty, fixture, 5000));

  g_assert_cmpint (liveline_post_get_state (post), ==, LIVELINE_POST_STATE_PUBLISHED);
  g_assert_cmpstr (liveline_post_get_remote_id (post), ==, sent->id);
  headlines = server_headlines (fixture);
  g_assert_cmpuint (headlines->len, ==, 1);
}

static gboolean
post_is_deleted (gpointer user_data)
{
  return liveline_post_get_state (user_data) == LIVELINE_POST_STATE_DELETED;
}

/* Closes the store and opens it again, as the next start of Liveline. */
static void
reopen_store (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  liveline_outbox_stop (fixture->outbox);
  g_clear_object (&fixture->outbox);
  g_clear_object (&fixture->store);

  fixture->store = liveline_store_open (fixture->dir, &error);
  g_assert_no_error (error);
  fixture->blog = g_list_model_get_item (liveline_store_get_blogs (fixture->store), 0);
  g_object_unref (fixture->blog);
  fixture->outbox = liveline_outbox_new (fixture->store, NULL);
  liveline_outbox_set_publisher (fixture->outbox, liveline_blog_get_id (fixture->blog),
                                 fixture->publisher);
}

/* A published update edited here is not what the live page shows until the
 * correction goes: it says so from the first change, across a restart,
 * and no longer once the change is undone, queued or published.
 */
static void
test_edited_until_corrected (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(LivelinePost) post = write_and_publish (fixture, "Talks resume in Genva");
  g_autoptr(GPtrArray) headlines = NULL;
  g_autoptr(GError) error = NULL;
  gint64 post_id = liveline_post_get_id (post);

  liveline_outbox_start (fixture->outbox);
  g_assert_true (liveline_test_wait_for (post_is_published, post, 5000));
  g_assert_false (liveline_post_get_edited (post));
  g_assert_cmpstr (liveline_post_get_published_headline (post), ==, "Talks resume in Genva");

  liveline_post_set_headline (post, "Talks resume in Geneva");
  g_assert_cmpint (liveline_post_get_state (post), ==, LIVELINE_POST_STATE_PUBLISHED);
  g_assert_true (liveline_post_get_edited (post));
  g_assert_cmpstr (liveline_post_get_published_headline (post), ==, "Talks resume in Genva");
  g_assert_cmpstr (liveline_post_get_published_body (post), ==,
                   "Delegates arrived at the Palais des Nations.");

  /* Typed back as it was published: nothing to send. */
  liveline_post_set_headline (post, "Talks resume in Genva");
  g_assert_false (liveline_post_get_edited (post));

  /* The live page shows the pin too. */
  liveline_post_set_pinned (post, TRUE);
  g_assert_true (liveline_post_get_edited (post));
  liveline_post_set_pinned (post, FALSE);
  g_assert_false (liveline_post_get_edited (post));

  liveline_post_set_headline (post, "Talks resume in Geneva");
  g_assert_true (liveline_store_save_post (fixture->store, post, &error));
  g_assert_no_error (error);
  g_clear_object (&post);

  reopen_store (fixture);
  post = liveline_store_load_post (fixture->store, post_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (liveline_post_get_state (post), ==, LIVELINE_POST_STATE_PUBLISHED);
  g_assert_true (liveline_post_get_edited (post));
  g_assert_cmpstr (liveline_post_get_published_headline (post), ==, "Talks resume in Genva");

  /* Queued, it says so; published, the live page has it. */
  g_assert_true (liveline_store_publish_post (fixture->store, post, &error));
  g_assert_cmpint (liveline_post_get_state (post), ==, LIVELINE_POST_STATE_QUEUED);
  g_assert_false (liveline_post_get_edited (post));
  liveline_outbox_start (fixture->outbox);
  g_assert_true (liveline_test_wait_for (post_is_published, post, 5000));
  g_assert_false (liveline_post_get_edited (post));
  g_assert_cmpstr (liveline_post_get_published_headline (post), ==, "Talks resume in Geneva");

  headlines = server_headlines (fixture);
  g_assert_cmpuint (headlines->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (headlines, 0), ==, "Talks resume in Geneva");
}

/* Published again after its retraction: the server never brings a
 * retracted post back, so it goes as a new post, which later corrections
 * then change.
 */
static void
test_republish_after_retraction (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  g_autoptr(LivelinePost) post = write_and_publish (fixture, "Talks resume in Geneva");
  g_autoptr(GPtrArray) headlines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *retracted_id = NULL;

  liveline_outbox_start (fixture->outbox);
  g_assert_true (liveline_test_wait_for (post_is_published, post, 5000));
  retracted_id = g_strdup (liveline_post_get_remote_id (post));
  g_assert_true (liveline_store_retract_post (fixture->store, post, &error));
  g_assert_true (liveline_test_wait_for (post_is_deleted, post, 5000));

  g_assert_true (liveline_store_publish_post (fixture->store, post, &error));
  g_assert_no_error (error);
  g_assert_true (liveline_test_wait_for (outbox_is_empty, fixture, 5000));
  g_assert_cmpint (liveline_post_get_state (post), ==, LIVELINE_POST_STATE_PUBLISHED);
  g_assert_null (liveline_post_get_last_error (post));
  g_assert_nonnull (liveline_post_get_remote_id (post));
  g_assert_cmpstr (liveline_post_get_remote_id (post), !=, retracted_id);
  g_assert_nonnull (strstr (liveline_post_get_remote_url (post),
                            liveline_post_get_remote_id (post)));
  headlines = server_headlines (fixture);
  g_assert_cmpuint (headlines->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (headlines, 0), ==, "Talks resume in Geneva");
  g_clear_pointer (&headlines, g_ptr_array_unref);

  liveline_post_set_headline (post, "Talks resume in Geneva on Monday");
  g_assert_true (liveline_store_save_post (fixture->store, post, &error));
  g_assert_true (liveline_store_publish_post (fixture->store, post, &error));
  g_assert_true (liveline_test_wait_for (outbox_is_empty, fixture, 5000));
  g_assert_cmpint (liveline_post_get_state (post), ==, LIVELINE_POST_STATE_PUBLISHED);
  headlines = server_headlines (fixture);
  g_assert_cmpuint (headlines->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (headlines, 0), ==, "Talks resume in Geneva on Monday");
}

/* A refusal whose words name the post by its id is told in words instead. */
static void
test_failure_names_no_id (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autofree char *url = g_strdup_printf ("%sapi/v1/blogs/syria-talks/posts", fixture->url);
  g_auto(LivelineTestFetch) fetch = { 0 };
  g_autoptr(LivelinePost) post = NULL;
  g_autofree char *body = NULL;
  const char *shown;

  post = write_and_publish (fixture, "Talks resume in Geneva");

  /* The server has a post of that id already, under another key. */
  body = g_strdup_printf ("{\"id\":\"%s\",\"body_markdown\":\"Elsewhere\","
                          "\"created_at\":\"2026-11-24T21:49:50Z\"}",
                          liveline_post_get_uuid (post));
  liveline_test_fetch (&fetch, "POST", url, LIVELINE_TEST_TOKEN, "application/json", body, -1,
                       "Idempotency-Key", "another-key", NULL);
  g_assert_cmpuint (liveline_test_fetch_status (&fetch), ==, 201);

  liveline_outbox_start (fixture->outbox);
  g_assert_true (liveline_test_wait_for (post_is_failed, post, 5000));
  shown = liveline_post_get_last_error (post);
  g_assert_nonnull (shown);
  g_assert_null (strstr (shown, liveline_post_get_uuid (post)));
  g_assert_cmpstr (shown, ==, "The blog’s endpoint refused this update.");
}

/* The session publishes every blog without a destination of its own to a
 * default endpoint: the local preview of build-aux/dev run.
 */
static void
test_session_local_preview (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autofree char *dir = NULL;
  g_autoptr(LivelineSession) session = NULL;
  g_autoptr(LivelinePost) post = NULL;
  g_autoptr(GPtrArray) headlines = NULL;
  g_autoptr(GError) error = NULL;
  LivelineStore *store;
  LivelineBlog *blog;

  /* The preview server asks for no token. */
  liveline_server_set_open (fixture->server, TRUE);

  dir = g_dir_make_tmp ("liveline-session-XXXXXX", &error);
  session = liveline_session_new (dir, NULL, &error);
  g_assert_no_error (error);
  store = liveline_session_get_store (session);
  blog = liveline_store_create_blog (store, "Syria talks", &error);
  g_assert_no_error (error);

  liveline_session_set_default_endpoint (session, fixture->url);
  liveline_outbox_start (liveline_session_get_outbox (session));

  post = liveline_store_create_post (store, blog, &error);
  liveline_post_set_headline (post, "Previewed");
  g_assert_true (liveline_store_save_post (store, post, &error));
  /* Publishing alone wakes the outbox. */
  g_assert_true (liveline_store_publish_post (store, post, &error));

  g_assert_true (liveline_test_wait_for (post_is_published, post, 5000));
  headlines = server_headlines (fixture);
  g_assert_cmpuint (headlines->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (headlines, 0), ==, "Previewed");

  g_clear_object (&post);
  g_clear_object (&session);
  liveline_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/outbox/online", Fixture, NULL, fixture_set_up, test_online, fixture_tear_down);
  g_test_add ("/outbox/offline-then-online", Fixture, NULL,
              fixture_set_up, test_offline_then_online, fixture_tear_down);
  g_test_add ("/outbox/fault-plan", Fixture, NULL,
              fixture_set_up, test_fault_plan, fixture_tear_down);
  g_test_add ("/outbox/signed-out", Fixture, NULL,
              fixture_set_up, test_signed_out, fixture_tear_down);
  g_test_add ("/outbox/correction-and-retraction", Fixture, NULL,
              fixture_set_up, test_correction_and_retraction, fixture_tear_down);
  g_test_add ("/outbox/session-local-preview", Fixture, NULL,
              fixture_set_up, test_session_local_preview, fixture_tear_down);
  g_test_add ("/outbox/reconcile-after-crash", Fixture, NULL,
              fixture_set_up, test_reconcile_after_crash, fixture_tear_down);
  g_test_add ("/outbox/edited-until-corrected", Fixture, NULL,
              fixture_set_up, test_edited_until_corrected, fixture_tear_down);
  g_test_add ("/outbox/republish-after-retraction", Fixture, NULL,
              fixture_set_up, test_republish_after_retraction, fixture_tear_down);
  g_test_add ("/outbox/failure-names-no-id", Fixture, NULL,
              fixture_set_up, test_failure_names_no_id, fixture_tear_down);

  return g_test_run ();
}
