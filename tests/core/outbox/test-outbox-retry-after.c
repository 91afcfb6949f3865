/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-outbox-retry-after"

#include "config.h"

#include "liveline-blog.h"
#include "liveline-outbox.h"
#include "liveline-post.h"
#include "liveline-store.h"
#include "liveline-test-endpoint.h"
#include "liveline-test-util.h"

/* How long an endpoint's Retry-After makes an update wait in the outbox:
 * what it asks, but never more than an hour, and never a wrapped-around
 * fraction of a second.
 */

typedef struct
{
  LivelineTestEndpoint  endpoint;
  char                 *dir;
  LivelineStore        *store;
  LivelineOutbox       *outbox;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(LivelinePublisher) publisher = NULL;
  LivelineBlog *blog;
  g_autoptr(LivelinePost) post = NULL;
  g_autoptr(GError) error = NULL;

  liveline_test_endpoint_set_up (&fixture->endpoint, NULL);
  fixture->endpoint.retry_after = g_strdup (user_data);
  liveline_test_endpoint_answer (&fixture->endpoint, 503, NULL, NULL);

  fixture->dir = g_dir_make_tmp ("liveline-retry-after-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->store = liveline_store_open (fixture->dir, &error);
  g_assert_no_error (error);
  blog = liveline_store_create_blog (fixture->store, "Election night", &error);
  g_assert_no_error (error);

  publisher = liveline_test_endpoint_publisher (&fixture->endpoint);
  fixture->outbox = liveline_outbox_new (fixture->store, NULL);
  liveline_outbox_set_publisher (fixture->outbox, liveline_blog_get_id (blog), publisher);

  post = liveline_store_create_post (fixture->store, blog, &error);
  g_assert_no_error (error);
  liveline_post_set_headline (post, "Polls close in the north");
  g_assert_true (liveline_store_save_post (fixture->store, post, &error));
  g_assert_true (liveline_store_publish_post (fixture->store, post, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  liveline_outbox_stop (fixture->outbox);
  g_clear_object (&fixture->outbox);
  g_clear_object (&fixture->store);
  liveline_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  liveline_test_endpoint_tear_down (&fixture->endpoint, NULL);
}

static gboolean
retry_is_set (gpointer user_data)
{
  Fixture *fixture = user_data;
  g_autoptr(GDateTime) next = liveline_outbox_get_next_retry (fixture->outbox);

  return fixture->endpoint.n_requests > 0 && next != NULL &&
         liveline_outbox_get_sending (fixture->outbox) == 0;
}

static void
test_capped (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GDateTime) next = NULL;
  g_autoptr(GDateTime) now = NULL;
  GTimeSpan wait;

  liveline_outbox_start (fixture->outbox);
  g_assert_true (liveline_test_wait_for (retry_is_set, fixture, 10000));

  next = liveline_outbox_get_next_retry (fixture->outbox);
  now = g_date_time_new_now_utc ();
  wait = g_date_time_difference (next, now) / G_TIME_SPAN_SECOND;

  /* An hour, give or take the time this test took. */
  g_assert_cmpint (wait, >, 60 * 60 - 60);
  g_assert_cmpint (wait, <=, 60 * 60);
  g_assert_cmpuint (fixture->endpoint.n_requests, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* 4294968 s is 4294968000 ms: 0.7 s once wrapped around in 32 bits */
  g_test_add ("/outbox/retry-after/wraps-around", Fixture, "4294968",
              fixture_set_up, test_capped, fixture_tear_down);
  /* Five weeks */
  g_test_add ("/outbox/retry-after/weeks", Fixture, "3000000",
              fixture_set_up, test_capped, fixture_tear_down);
  g_test_add ("/outbox/retry-after/date", Fixture, "Fri, 04 Dec 2099 18:00:00 GMT",
              fixture_set_up, test_capped, fixture_tear_down);

  return g_test_run ();
}
