/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-test-endpoint"

#include "config.h"

#include "liveline-json-publisher.h"
#include "liveline-test-endpoint.h"
#include "liveline-test-util.h"

/* An endpoint that answers what the test tells it to and keeps what it was
 * sent, to check the client against docs/api.md byte for byte. It runs in
 * this thread's main context, like the client.
 */

static void
on_request (SoupServer        *server,
            SoupServerMessage *message,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  LivelineTestEndpoint *endpoint = user_data;
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (message);
  SoupMessageHeaders *response_headers = soup_server_message_get_response_headers (message);
  SoupMessageBody *body = soup_server_message_get_request_body (message);

  endpoint->n_requests++;
  g_free (endpoint->method);
  endpoint->method = g_strdup (soup_server_message_get_method (message));
  g_free (endpoint->path);
  endpoint->path = g_strdup (g_uri_get_path (soup_server_message_get_uri (message)));
  g_free (endpoint->query);
  endpoint->query = g_strdup (g_uri_get_query (soup_server_message_get_uri (message)));
  g_free (endpoint->authorization);
  endpoint->authorization = g_strdup (soup_message_headers_get_one (request_headers,
                                                                    "Authorization"));
  g_free (endpoint->idempotency_key);
  endpoint->idempotency_key = g_strdup (soup_message_headers_get_one (request_headers,
                                                                      "Idempotency-Key"));
  g_free (endpoint->request_type);
  endpoint->request_type = g_strdup (soup_message_headers_get_content_type (request_headers, NULL));
  g_free (endpoint->disposition);
  endpoint->disposition = g_strdup (soup_message_headers_get_one (request_headers,
                                                                  "Content-Disposition"));
  g_clear_pointer (&endpoint->request_body, g_bytes_unref);
  endpoint->request_body = soup_message_body_flatten (body);

  if (endpoint->drop)
    {
      g_autoptr(GIOStream) stream = soup_server_message_steal_connection (message);

      g_io_stream_close (stream, NULL, NULL);
      return;
    }

  if (endpoint->retry_after != NULL)
    soup_message_headers_replace (response_headers, "Retry-After", endpoint->retry_after);
  if (endpoint->location != NULL)
    soup_message_headers_replace (response_headers, "Location", endpoint->location);
  if (endpoint->link != NULL)
    soup_message_headers_replace (response_headers, "Link", endpoint->link);
  soup_server_message_set_status (message, endpoint->status, NULL);
  if (endpoint->body != NULL)
    soup_server_message_set_response (message, endpoint->content_type, SOUP_MEMORY_COPY,
                                      endpoint->body, strlen (endpoint->body));
}

/**
 * liveline_test_endpoint_answer:
 * @endpoint: the endpoint
 * @status: the status of the answers from now on
 * @content_type: (nullable): their type
 * @body: (nullable): their body
 *
 * Sets what the endpoint answers.
 */
void
liveline_test_endpoint_answer (LivelineTestEndpoint *endpoint,
                               guint                 status,
                               const char           *content_type,
                               const char           *body)
{
  endpoint->status = status;
  g_free (endpoint->content_type);
  endpoint->content_type = g_strdup (content_type);
  g_free (endpoint->body);
  endpoint->body = g_strdup (body);
}

/**
 * liveline_test_endpoint_set_up:
 * @endpoint: the fixture
 * @user_data: the test's data
 *
 * Starts the endpoint on 127.0.0.1; until told otherwise, it answers 500.
 */
void
liveline_test_endpoint_set_up (LivelineTestEndpoint *endpoint,
                               gconstpointer         user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;

  endpoint->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (endpoint->server, "/", on_request, endpoint, NULL);
  g_assert_true (soup_server_listen_local (endpoint->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY,
                                           &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (endpoint->server);
  g_assert_nonnull (uris);
  endpoint->url = g_uri_to_string (uris->data);
  liveline_test_endpoint_answer (endpoint, 500, NULL, NULL);
}

void
liveline_test_endpoint_tear_down (LivelineTestEndpoint *endpoint,
                                  gconstpointer         user_data)
{
  soup_server_disconnect (endpoint->server);
  g_clear_object (&endpoint->server);
  g_clear_object (&endpoint->result);
  g_clear_pointer (&endpoint->request_body, g_bytes_unref);
  g_free (endpoint->url);
  g_free (endpoint->content_type);
  g_free (endpoint->body);
  g_free (endpoint->retry_after);
  g_free (endpoint->location);
  g_free (endpoint->link);
  g_free (endpoint->method);
  g_free (endpoint->path);
  g_free (endpoint->query);
  g_free (endpoint->authorization);
  g_free (endpoint->idempotency_key);
  g_free (endpoint->request_type);
  g_free (endpoint->disposition);
}

/**
 * liveline_test_make_json_publisher:
 * @base_url: the endpoint's address
 * @token: the token to send
 *
 * Returns: (transfer full): a publisher to the blog "election" at
 *   @base_url, whose requests time out after 2 seconds
 */
LivelinePublisher *
liveline_test_make_json_publisher (const char *base_url,
                                   const char *token)
{
  g_autoptr(SoupSession) session = soup_session_new ();

  /* The session's owner sets how long a request may take. */
  soup_session_set_timeout (session, 2);
  soup_session_set_idle_timeout (session, 2);

  return LIVELINE_PUBLISHER (liveline_json_publisher_new (session, base_url, "election", token));
}

/**
 * liveline_test_endpoint_publisher:
 * @endpoint: the fixture
 *
 * Returns: (transfer full): a publisher to the blog "election" at the
 *   endpoint, with %LIVELINE_TEST_ENDPOINT_TOKEN
 */
LivelinePublisher *
liveline_test_endpoint_publisher (LivelineTestEndpoint *endpoint)
{
  return liveline_test_make_json_publisher (endpoint->url, LIVELINE_TEST_ENDPOINT_TOKEN);
}

/**
 * liveline_test_make_post:
 *
 * Returns: (transfer full): an update with a headline, an author and a
 *   photo's caption, credit and description, marked as a key moment
 */
LivelinePost *
liveline_test_make_post (void)
{
  LivelinePost *post = liveline_post_new ("9b2e7c50-4a1f-4c47-9f43-0e6d1f2b8a11", 1);

  liveline_post_set_headline (post, "Polls close in the north");
  liveline_post_set_body (post, "Turnout was **high**, officials say.");
  liveline_post_set_author (post, "Ana Souza");
  liveline_post_set_key_moment (post, TRUE);
  liveline_post_set_image_caption (post, "Queues in Leeds");
  liveline_post_set_image_credit (post, "Reuters");
  liveline_post_set_image_alt (post, "People queue outside a school");

  return post;
}

/**
 * liveline_test_endpoint_wait:
 * @endpoint: the fixture
 *
 * Waits for the client to hand its result to liveline_test_keep_result()
 * with `&endpoint->result`.
 *
 * Returns: (transfer none): the result
 */
GAsyncResult *
liveline_test_endpoint_wait (LivelineTestEndpoint *endpoint)
{
  g_assert_true (liveline_test_wait_for_result (&endpoint->result, 10000));

  return endpoint->result;
}
