/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-json-publisher-failures"

#include "config.h"

#include "liveline-post.h"
#include "liveline-server.h"
#include "liveline-test-endpoint.h"
#include "liveline-test-util.h"

/* When publishing does not work: each answer an endpoint may give instead
 * of the one hoped for, a lost connection, a cancelled request, an
 * endpoint that is down, and addresses the token must not be sent to. Each
 * ends in the error the outbox acts on.
 */

static void
create (LivelineTestEndpoint  *fixture,
        LivelinePublisher     *publisher,
        LivelineRemotePost   **post,
        GError               **error)
{
  g_autoptr(LivelinePost) draft = liveline_test_make_post ();

  g_clear_object (&fixture->result);
  liveline_publisher_create_async (publisher, draft, NULL, "key-1", NULL,
                                   liveline_test_keep_result, &fixture->result);
  *post = liveline_publisher_create_finish (publisher, liveline_test_endpoint_wait (fixture),
                                            error);
}

typedef struct
{
  guint                   status;
  const char             *retry_after;
  const char             *content_type;
  const char             *body;
  LivelinePublisherError  code;
  guint                   expected_retry_after;
  const char             *message;
} Failure;

static const Failure failures[] = {
  { 503, "2", "application/problem+json",
    "{\"type\":\"https://liveline.invalid/problems/unavailable\",\"title\":\"Unavailable\","
    "\"status\":503,\"detail\":\"The server is restarting.\"}",
    LIVELINE_PUBLISHER_ERROR_TRANSIENT, 2, "The server is restarting." },
  { 429, "30", "application/problem+json",
    "{\"type\":\"https://liveline.invalid/problems/rate-limited\",\"title\":\"Slow down\","
    "\"status\":429}",
    LIVELINE_PUBLISHER_ERROR_TRANSIENT, 30, "Slow down" },
  { 500, NULL, "text/html", "<h1>Internal error</h1>",
    LIVELINE_PUBLISHER_ERROR_TRANSIENT, 0, NULL },
  { 408, NULL, NULL, NULL, LIVELINE_PUBLISHER_ERROR_TRANSIENT, 0, NULL },
  { 422, NULL, "application/problem+json",
    "{\"type\":\"https://liveline.invalid/problems/invalid-post\",\"title\":\"Invalid post\","
    "\"status\":422,\"detail\":\"body_markdown is empty and there is no headline or image.\"}",
    LIVELINE_PUBLISHER_ERROR_PERMANENT, 0,
    "body_markdown is empty and there is no headline or image." },
  { 409, NULL, NULL, NULL, LIVELINE_PUBLISHER_ERROR_PERMANENT, 0, NULL },
  { 401, NULL, "application/problem+json",
    "{\"type\":\"https://liveline.invalid/problems/unauthorized\",\"title\":\"Unauthorized\","
    "\"status\":401,\"detail\":\"The token is not known.\"}",
    LIVELINE_PUBLISHER_ERROR_AUTH, 0, "The endpoint refused the token: check it in Preferences." },
  { 403, NULL, NULL, NULL, LIVELINE_PUBLISHER_ERROR_AUTH, 0,
    "The endpoint refused the token: check it in Preferences." },
  /* The garbage fault: a success the client cannot read */
  { 200, NULL, "application/json", "{\"id\": \"9b2e", LIVELINE_PUBLISHER_ERROR_TRANSIENT, 0, NULL },
  { 201, NULL, "application/json", "[1, 2, 3]", LIVELINE_PUBLISHER_ERROR_TRANSIENT, 0, NULL },
  { 201, NULL, "application/json", "{\"id\":\"x\",\"url\":\"http://127.0.0.1/\"}",
    LIVELINE_PUBLISHER_ERROR_TRANSIENT, 0, NULL },
};

static void
test_failure (LivelineTestEndpoint *fixture,
              gconstpointer         user_data)
{
  const Failure *failure = user_data;
  g_autoptr(LivelinePublisher) publisher = liveline_test_endpoint_publisher (fixture);
  g_autoptr(LivelineRemotePost) post = NULL;
  g_autoptr(GError) error = NULL;

  liveline_test_endpoint_answer (fixture, failure->status, failure->content_type, failure->body);
  g_clear_pointer (&fixture->retry_after, g_free);
  fixture->retry_after = g_strdup (failure->retry_after);

  create (fixture, publisher, &post, &error);
  g_assert_null (post);
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, (int)failure->code);
  g_assert_cmpuint (liveline_publisher_error_get_retry_after (error), ==,
                    failure->expected_retry_after);
  if (failure->message != NULL)
    g_assert_cmpstr (error->message, ==, failure->message);
  else
    g_assert_cmpstr (error->message, !=, "");
  g_assert_cmpuint (fixture->n_requests, ==, 1);
}

static void
test_retry_after_date (LivelineTestEndpoint *fixture,
                       gconstpointer         user_data)
{
  g_autoptr(LivelinePublisher) publisher = liveline_test_endpoint_publisher (fixture);
  g_autoptr(LivelineRemotePost) post = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_seconds (now, 120);
  guint retry_after;

  liveline_test_endpoint_answer (fixture, 503, NULL, NULL);
  fixture->retry_after = soup_date_time_to_string (later, SOUP_DATE_HTTP);
  create (fixture, publisher, &post, &error);
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_TRANSIENT);
  retry_after = liveline_publisher_error_get_retry_after (error);
  g_assert_cmpuint (retry_after, >=, 115);
  g_assert_cmpuint (retry_after, <=, 121);
}

static void
test_dropped_connection (LivelineTestEndpoint *fixture,
                         gconstpointer         user_data)
{
  g_autoptr(LivelinePublisher) publisher = liveline_test_endpoint_publisher (fixture);
  g_autoptr(LivelineRemotePost) post = NULL;
  g_autoptr(GError) error = NULL;

  fixture->drop = TRUE;
  create (fixture, publisher, &post, &error);
  g_assert_null (post);
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_TRANSIENT);
  g_assert_cmpuint (fixture->n_requests, >=, 1);
}

/* The token goes only to the address it was given for. */
static void
test_redirect_not_followed (LivelineTestEndpoint *fixture,
                            gconstpointer         user_data)
{
  g_autoptr(LivelinePublisher) publisher = liveline_test_endpoint_publisher (fixture);
  g_autoptr(LivelineRemotePost) post = NULL;
  g_autoptr(GError) error = NULL;

  liveline_test_endpoint_answer (fixture, 307, NULL, NULL);
  fixture->location = g_strconcat (fixture->url, "elsewhere", NULL);
  create (fixture, publisher, &post, &error);
  g_assert_null (post);
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_PERMANENT);
  g_assert_cmpuint (fixture->n_requests, ==, 1);
  g_assert_cmpstr (fixture->path, ==, "/api/v1/blogs/election/posts");
}

static void
test_cancelled (LivelineTestEndpoint *fixture,
                gconstpointer         user_data)
{
  g_autoptr(LivelinePublisher) publisher = liveline_test_endpoint_publisher (fixture);
  g_autoptr(LivelinePost) draft = liveline_test_make_post ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(LivelineRemotePost) post = NULL;
  g_autoptr(GError) error = NULL;

  liveline_test_endpoint_answer (fixture, 201, "application/json", LIVELINE_TEST_ENDPOINT_CREATED);
  g_cancellable_cancel (cancellable);
  liveline_publisher_create_async (publisher, draft, NULL, "k", cancellable,
                                   liveline_test_keep_result, &fixture->result);
  post = liveline_publisher_create_finish (publisher, liveline_test_endpoint_wait (fixture),
                                           &error);
  g_assert_null (post);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Base addresses: plain http only to this computer. */

static void
test_refuses_plain_http_elsewhere (void)
{
  static const char * const refused[] = {
    "http://example.com/", "http://192.168.1.10:8080/", "http://127.example.com/",
    "ftp://127.0.0.1/", "not a url", "http:///nohost",
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(LivelinePublisher) publisher =
        liveline_test_make_json_publisher (refused[i], LIVELINE_TEST_ENDPOINT_TOKEN);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(LivelinePost) draft = liveline_test_make_post ();
      g_autoptr(LivelineRemotePost) post = NULL;
      g_autoptr(GError) error = NULL;

      liveline_publisher_create_async (publisher, draft, NULL, "k", NULL,
                                       liveline_test_keep_result, &result);
      g_assert_true (liveline_test_wait_for_result (&result, 5000));
      post = liveline_publisher_create_finish (publisher, result, &error);
      g_assert_null (post);
      g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_PERMANENT);
      if (g_str_has_prefix (refused[i], "http://example.com"))
        {
          g_assert_nonnull (strstr (error->message, "https://"));
          g_assert_nonnull (strstr (error->message, "example.com"));
        }
    }
}

/* Loopback over http is fine: these reach a closed port and fail as
 * transient network errors, not as refused addresses.
 */
static void
test_accepts_loopback_and_https (void)
{
  g_autoptr(LivelinePost) any_post = liveline_test_make_post ();
  g_autoptr(LivelineServer) server = liveline_server_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *loopback = NULL;
  g_autofree char *localhost = NULL;
  g_autofree char *other = NULL;
  guint port;

  g_assert_true (liveline_server_listen (server, "127.0.0.1", 0, &error));
  g_assert_no_error (error);
  port = liveline_server_get_port (server);
  liveline_server_disconnect (server);

  loopback = g_strdup_printf ("http://127.0.0.1:%u/", port);
  localhost = g_strdup_printf ("http://LOCALHOST:%u", port);
  other = g_strdup_printf ("https://127.1.2.3:%u/", port);

  for (guint i = 0; i < 3; i++)
    {
      const char *url = (const char *[]) { loopback, localhost, other }[i];
      g_autoptr(LivelinePublisher) publisher =
        liveline_test_make_json_publisher (url, LIVELINE_TEST_ENDPOINT_TOKEN);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(LivelineRemotePost) post = NULL;

      liveline_publisher_find_by_key_async (publisher, any_post, "k", NULL,
                                            liveline_test_keep_result, &result);
      g_assert_true (liveline_test_wait_for_result (&result, 5000));
      post = liveline_publisher_find_by_key_finish (publisher, result, &error);
      g_assert_null (post);
      g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_TRANSIENT);
      g_clear_error (&error);
    }
}

/* The endpoint is down: the update waits for it, it is not refused. */
static void
test_stopped_server (void)
{
  g_autoptr(LivelineServer) server = liveline_server_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autoptr(LivelinePublisher) publisher = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LivelinePost) draft = liveline_test_make_post ();
  g_autoptr(LivelineRemotePost) post = NULL;

  g_assert_true (liveline_server_listen (server, "127.0.0.1", 0, &error));
  g_assert_no_error (error);
  url = liveline_server_dup_url (server);
  liveline_server_disconnect (server);

  publisher = liveline_test_make_json_publisher (url, LIVELINE_TEST_ENDPOINT_TOKEN);
  liveline_publisher_create_async (publisher, draft, NULL, "k", NULL,
                                   liveline_test_keep_result, &result);
  g_assert_true (liveline_test_wait_for_result (&result, 5000));
  post = liveline_publisher_create_finish (publisher, result, &error);
  g_assert_null (post);
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_TRANSIENT);
  g_assert_cmpuint (liveline_publisher_error_get_retry_after (error), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  LIVELINE_TEST_ENDPOINT_ADD ("retry-after-date", test_retry_after_date);
  LIVELINE_TEST_ENDPOINT_ADD ("dropped-connection", test_dropped_connection);
  LIVELINE_TEST_ENDPOINT_ADD ("redirect-not-followed", test_redirect_not_followed);
  LIVELINE_TEST_ENDPOINT_ADD ("cancelled", test_cancelled);

  for (guint i = 0; i < G_N_ELEMENTS (failures); i++)
    {
      g_autofree char *path = g_strdup_printf ("/json-publisher/failure/%u-%u",
                                               failures[i].status, i);

      g_test_add (path, LivelineTestEndpoint, &failures[i],
                  liveline_test_endpoint_set_up, test_failure, liveline_test_endpoint_tear_down);
    }

  g_test_add_func ("/json-publisher/refuses-plain-http-elsewhere",
                   test_refuses_plain_http_elsewhere);
  g_test_add_func ("/json-publisher/accepts-loopback-and-https", test_accepts_loopback_and_https);
  g_test_add_func ("/json-publisher/stopped-server", test_stopped_server);

  return g_test_run ();
}
