/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-json-publisher"

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <json-glib/json-glib.h>

#include "liveline-json-publisher.h"
#include "liveline-post.h"
#include "liveline-server.h"
#include "liveline-test-http.h"
#include "liveline-test-util.h"

#define TOKEN "test-token-5c1e"

/* An endpoint that answers what the test tells it to and keeps what it was
 * sent, to check the client against docs/api.md byte for byte. It runs in
 * this thread's main context, like the client.
 */
typedef struct
{
  SoupServer   *server;
  char         *url;

  /* what it answers */
  guint         status;
  char         *content_type;
  char         *body;
  char         *retry_after;
  char         *location;
  gboolean      drop;

  /* what it was sent */
  guint         n_requests;
  char         *method;
  char         *path;
  char         *authorization;
  char         *idempotency_key;
  char         *request_type;
  char         *disposition;
  GBytes       *request_body;

  /* what the client got */
  GAsyncResult *result;
} Fixture;

static void
on_request (SoupServer        *server,
            SoupServerMessage *message,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  Fixture *fixture = user_data;
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (message);
  SoupMessageHeaders *response_headers = soup_server_message_get_response_headers (message);
  SoupMessageBody *body = soup_server_message_get_request_body (message);

  fixture->n_requests++;
  g_free (fixture->method);
  fixture->method = g_strdup (soup_server_message_get_method (message));
  g_free (fixture->path);
  fixture->path = g_strdup (g_uri_get_path (soup_server_message_get_uri (message)));
  g_free (fixture->authorization);
  fixture->authorization = g_strdup (soup_message_headers_get_one (request_headers, "Authorization"));
  g_free (fixture->idempotency_key);
  fixture->idempotency_key = g_strdup (soup_message_headers_get_one (request_headers,
                                                                     "Idempotency-Key"));
  g_free (fixture->request_type);
  fixture->request_type = g_strdup (soup_message_headers_get_content_type (request_headers, NULL));
  g_free (fixture->disposition);
  fixture->disposition = g_strdup (soup_message_headers_get_one (request_headers,
                                                                 "Content-Disposition"));
  g_clear_pointer (&fixture->request_body, g_bytes_unref);
  fixture->request_body = soup_message_body_flatten (body);

  if (fixture->drop)
    {
      g_autoptr(GIOStream) stream = soup_server_message_steal_connection (message);

      g_io_stream_close (stream, NULL, NULL);
      return;
    }

  if (fixture->retry_after != NULL)
    soup_message_headers_replace (response_headers, "Retry-After", fixture->retry_after);
  if (fixture->location != NULL)
    soup_message_headers_replace (response_headers, "Location", fixture->location);
  soup_server_message_set_status (message, fixture->status, NULL);
  if (fixture->body != NULL)
    soup_server_message_set_response (message, fixture->content_type, SOUP_MEMORY_COPY,
                                      fixture->body, strlen (fixture->body));
}

static void
answer (Fixture    *fixture,
        guint       status,
        const char *content_type,
        const char *body)
{
  fixture->status = status;
  g_free (fixture->content_type);
  fixture->content_type = g_strdup (content_type);
  g_free (fixture->body);
  fixture->body = g_strdup (body);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;

  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, "/", on_request, fixture, NULL);
  g_assert_true (soup_server_listen_local (fixture->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (fixture->server);
  g_assert_nonnull (uris);
  fixture->url = g_uri_to_string (uris->data);
  answer (fixture, 500, NULL, NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  soup_server_disconnect (fixture->server);
  g_clear_object (&fixture->server);
  g_clear_object (&fixture->result);
  g_clear_pointer (&fixture->request_body, g_bytes_unref);
  g_free (fixture->url);
  g_free (fixture->content_type);
  g_free (fixture->body);
  g_free (fixture->retry_after);
  g_free (fixture->location);
  g_free (fixture->method);
  g_free (fixture->path);
  g_free (fixture->authorization);
  g_free (fixture->idempotency_key);
  g_free (fixture->request_type);
  g_free (fixture->disposition);
}

static LivelinePublisher *
make_publisher (const char *base_url,
                const char *token)
{
  g_autoptr(SoupSession) session = soup_session_new ();

  /* The session's owner sets how long a request may take. */
  soup_session_set_timeout (session, 2);
  soup_session_set_idle_timeout (session, 2);

  return LIVELINE_PUBLISHER (liveline_json_publisher_new (session, base_url, "election", token));
}

static LivelinePost *
make_post (void)
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

static GAsyncResult *
wait_result (Fixture *fixture)
{
  g_assert_true (liveline_test_wait_for_result (&fixture->result, 10000));

  return fixture->result;
}

static void
create (Fixture            *fixture,
        LivelinePublisher  *publisher,
        LivelineRemotePost **post,
        GError            **error)
{
  g_autoptr(LivelinePost) draft = make_post ();

  g_clear_object (&fixture->result);
  liveline_publisher_create_async (publisher, draft, NULL, "key-1", NULL,
                                   liveline_test_keep_result, &fixture->result);
  *post = liveline_publisher_create_finish (publisher, wait_result (fixture), error);
}

static JsonObject *
sent_object (Fixture *fixture)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (fixture->request_body);
  json_parser_load_from_data (parser, g_bytes_get_data (fixture->request_body, NULL),
                              g_bytes_get_size (fixture->request_body), &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));

  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

#define CREATED "{\"id\":\"9b2e7c50-4a1f-4c47-9f43-0e6d1f2b8a11\"," \
                "\"url\":\"http://127.0.0.1/blogs/election#post-9b2e7c50\"," \
                "\"revision\":1,\"published_at\":\"2026-11-24T21:50:07Z\"}"

static void
test_create_sends_the_post (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(LivelinePublisher) publisher = make_publisher (fixture->url, TOKEN);
  g_autoptr(LivelinePost) draft = make_post ();
  g_autoptr(LivelineRemotePost) post = NULL;
  g_autoptr(JsonObject) sent = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) published = g_date_time_new_utc (2026, 11, 24, 21, 50, 7);
  g_autoptr(GRegex) rfc3339 = g_regex_new ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$", 0, 0, NULL);
  JsonObject *image;

  answer (fixture, 201, "application/json", CREATED);
  liveline_publisher_create_async (publisher, draft, "3f0d6c1e", "5c1e-create", NULL,
                                   liveline_test_keep_result, &fixture->result);
  post = liveline_publisher_create_finish (publisher, wait_result (fixture), &error);
  g_assert_no_error (error);

  /* What the journalist's timeline shows afterwards */
  g_assert_nonnull (post);
  g_assert_cmpstr (post->id, ==, "9b2e7c50-4a1f-4c47-9f43-0e6d1f2b8a11");
  g_assert_cmpstr (post->url, ==, "http://127.0.0.1/blogs/election#post-9b2e7c50");
  g_assert_cmpuint (post->revision, ==, 1);
  g_assert_true (g_date_time_equal (post->published_at, published));
  g_assert_null (post->updated_at);

  /* What the endpoint got */
  g_assert_cmpstr (fixture->method, ==, "POST");
  g_assert_cmpstr (fixture->path, ==, "/api/v1/blogs/election/posts");
  g_assert_cmpstr (fixture->authorization, ==, "Bearer " TOKEN);
  g_assert_cmpstr (fixture->idempotency_key, ==, "5c1e-create");
  g_assert_cmpstr (fixture->request_type, ==, "application/json");

  sent = sent_object (fixture);
  g_assert_cmpstr (json_object_get_string_member (sent, "id"), ==,
                   "9b2e7c50-4a1f-4c47-9f43-0e6d1f2b8a11");
  g_assert_cmpstr (json_object_get_string_member (sent, "headline"), ==, "Polls close in the north");
  g_assert_cmpstr (json_object_get_string_member (sent, "body_markdown"), ==,
                   "Turnout was **high**, officials say.");
  g_assert_nonnull (strstr (json_object_get_string_member (sent, "body_html"),
                            "<strong>high</strong>"));
  g_assert_cmpstr (json_object_get_string_member (sent, "author"), ==, "Ana Souza");
  g_assert_false (json_object_get_boolean_member (sent, "pinned"));
  g_assert_true (json_object_get_boolean_member (sent, "key_moment"));
  g_assert_true (g_regex_match (rfc3339, json_object_get_string_member (sent, "created_at"), 0, NULL));
  image = json_object_get_object_member (sent, "image");
  g_assert_nonnull (image);
  g_assert_cmpstr (json_object_get_string_member (image, "media_id"), ==, "3f0d6c1e");
  g_assert_cmpstr (json_object_get_string_member (image, "caption"), ==, "Queues in Leeds");
  g_assert_cmpstr (json_object_get_string_member (image, "credit"), ==, "Reuters");
  g_assert_cmpstr (json_object_get_string_member (image, "alt"), ==, "People queue outside a school");
}

static void
test_create_without_photo_or_headline (Fixture       *fixture,
                                       gconstpointer  user_data)
{
  g_autoptr(LivelinePublisher) publisher = make_publisher (fixture->url, TOKEN);
  g_autoptr(LivelinePost) draft = liveline_post_new ("a1", 1);
  g_autoptr(LivelineRemotePost) post = NULL;
  g_autoptr(JsonObject) sent = NULL;
  g_autoptr(GError) error = NULL;

  liveline_post_set_body (draft, "Counting has started.");
  answer (fixture, 201, "application/json", CREATED);
  liveline_publisher_create_async (publisher, draft, NULL, "k", NULL,
                                   liveline_test_keep_result, &fixture->result);
  post = liveline_publisher_create_finish (publisher, wait_result (fixture), &error);
  g_assert_no_error (error);
  g_assert_nonnull (post);

  sent = sent_object (fixture);
  g_assert_true (json_object_get_null_member (sent, "headline"));
  g_assert_true (json_object_get_null_member (sent, "author"));
  g_assert_true (json_object_get_null_member (sent, "image"));
}

static void
test_upload_media (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(LivelinePublisher) publisher = make_publisher (fixture->url, TOKEN);
  g_autoptr(LivelineRemoteMedia) media = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *home = liveline_test_make_home ();
  g_autofree char *path = g_build_filename (home, "photo.jpg", NULL);
  static const char jpeg[] = "\xff\xd8\xff\xe0 not a whole photo, but the bytes to send";

  g_assert_true (g_file_set_contents (path, jpeg, sizeof jpeg - 1, &error));
  g_assert_no_error (error);

  answer (fixture, 201, "application/json",
          "{\"id\":\"3f0d6c1e\",\"url\":\"http://127.0.0.1/media/3f0d6c1e.jpg\","
          "\"width\":2048,\"height\":1365,\"content_type\":\"image/jpeg\",\"filename\":\"photo.jpg\"}");
  liveline_publisher_upload_media_async (publisher, path, "image/jpeg", "Leeds queue.jpg",
                                         "5c1e-media", NULL,
                                         liveline_test_keep_result, &fixture->result);
  media = liveline_publisher_upload_media_finish (publisher, wait_result (fixture), &error);
  g_assert_no_error (error);
  g_assert_nonnull (media);
  g_assert_cmpstr (media->id, ==, "3f0d6c1e");
  g_assert_cmpstr (media->url, ==, "http://127.0.0.1/media/3f0d6c1e.jpg");
  g_assert_cmpuint (media->width, ==, 2048);
  g_assert_cmpuint (media->height, ==, 1365);

  g_assert_cmpstr (fixture->method, ==, "POST");
  g_assert_cmpstr (fixture->path, ==, "/api/v1/media");
  g_assert_cmpstr (fixture->request_type, ==, "image/jpeg");
  g_assert_cmpstr (fixture->idempotency_key, ==, "5c1e-media");
  g_assert_cmpstr (fixture->authorization, ==, "Bearer " TOKEN);
  g_assert_nonnull (fixture->disposition);
  g_assert_nonnull (strstr (fixture->disposition, "attachment"));
  g_assert_nonnull (strstr (fixture->disposition, "filename=\"Leeds queue.jpg\""));
  g_assert_cmpmem (g_bytes_get_data (fixture->request_body, NULL),
                   g_bytes_get_size (fixture->request_body), jpeg, sizeof jpeg - 1);

  liveline_test_remove_tree (home);
}

static void
test_upload_missing_file (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(LivelinePublisher) publisher = make_publisher (fixture->url, TOKEN);
  g_autoptr(LivelineRemoteMedia) media = NULL;
  g_autoptr(GError) error = NULL;

  liveline_publisher_upload_media_async (publisher, "/nonexistent/liveline/photo.jpg",
                                         "image/jpeg", NULL, NULL, NULL,
                                         liveline_test_keep_result, &fixture->result);
  media = liveline_publisher_upload_media_finish (publisher, wait_result (fixture), &error);
  g_assert_null (media);
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_PERMANENT);
  g_assert_nonnull (strstr (error->message, "photo"));
  g_assert_cmpuint (fixture->n_requests, ==, 0);
}

static void
test_update (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(LivelinePublisher) publisher = make_publisher (fixture->url, TOKEN);
  g_autoptr(LivelinePost) draft = make_post ();
  g_autoptr(LivelineRemotePost) post = NULL;
  g_autoptr(JsonObject) sent = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) updated = g_date_time_new_utc (2026, 11, 24, 22, 3, 12);

  answer (fixture, 200, "application/json",
          "{\"id\":\"remote 7\",\"url\":\"http://127.0.0.1/blogs/election#post-remote\","
          "\"revision\":2,\"published_at\":\"2026-11-24T21:50:07Z\","
          "\"updated_at\":\"2026-11-24T22:03:12Z\",\"something_new\":[1,2]}");
  liveline_post_set_body (draft, "Turnout was *very* high.");
  liveline_publisher_update_async (publisher, draft, "remote 7", NULL, "5c1e-update", NULL,
                                   liveline_test_keep_result, &fixture->result);
  post = liveline_publisher_update_finish (publisher, wait_result (fixture), &error);
  g_assert_no_error (error);
  g_assert_nonnull (post);
  g_assert_cmpuint (post->revision, ==, 2);
  g_assert_nonnull (post->updated_at);
  g_assert_true (g_date_time_equal (post->updated_at, updated));

  g_assert_cmpstr (fixture->method, ==, "PUT");
  /* escaped on the way, as the server decodes it */
  g_assert_cmpstr (fixture->path, ==, "/api/v1/blogs/election/posts/remote 7");
  g_assert_cmpstr (fixture->idempotency_key, ==, "5c1e-update");
  sent = sent_object (fixture);
  g_assert_cmpstr (json_object_get_string_member (sent, "id"), ==, "remote 7");
  g_assert_cmpstr (json_object_get_string_member (sent, "body_markdown"), ==,
                   "Turnout was *very* high.");
}

static void
test_delete (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(LivelinePublisher) publisher = make_publisher (fixture->url, TOKEN);
  g_autoptr(GError) error = NULL;

  answer (fixture, 204, NULL, NULL);
  liveline_publisher_delete_async (publisher, "9b2e7c50", "5c1e-delete", NULL,
                                   liveline_test_keep_result, &fixture->result);
  g_assert_true (liveline_publisher_delete_finish (publisher, wait_result (fixture), &error));
  g_assert_no_error (error);
  g_assert_cmpstr (fixture->method, ==, "DELETE");
  g_assert_cmpstr (fixture->path, ==, "/api/v1/blogs/election/posts/9b2e7c50");
  g_assert_cmpstr (fixture->authorization, ==, "Bearer " TOKEN);

  /* A post the endpoint never had */
  answer (fixture, 404, "application/problem+json",
          "{\"type\":\"https://liveline.invalid/problems/not-found\",\"title\":\"Not found\","
          "\"status\":404,\"detail\":\"The blog has no post 9b2e7c50.\"}");
  g_clear_object (&fixture->result);
  liveline_publisher_delete_async (publisher, "9b2e7c50", NULL, NULL,
                                   liveline_test_keep_result, &fixture->result);
  g_assert_false (liveline_publisher_delete_finish (publisher, wait_result (fixture), &error));
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "The blog has no post 9b2e7c50.");
}

static void
test_find_by_key (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(LivelinePost) any_post = make_post ();
  g_autoptr(LivelinePublisher) publisher = make_publisher (fixture->url, TOKEN);
  g_autoptr(LivelineRemotePost) post = NULL;
  g_autoptr(LivelineRemotePost) none = NULL;
  g_autoptr(GError) error = NULL;

  answer (fixture, 200, "application/json",
          "{\"id\":\"9b2e7c50\",\"blog\":\"election\",\"url\":\"http://127.0.0.1/blogs/election#post-9b2e7c50\","
          "\"revision\":3,\"headline\":null,\"body_markdown\":\"x\",\"body_html\":\"<p>x</p>\","
          "\"author\":null,\"pinned\":true,\"key_moment\":false,\"created_at\":\"2026-11-24T21:49:50Z\","
          "\"published_at\":\"2026-11-24T21:50:07Z\",\"updated_at\":null,\"image\":null}");
  liveline_publisher_find_by_key_async (publisher, any_post, "5c1e/create?", NULL,
                                        liveline_test_keep_result, &fixture->result);
  post = liveline_publisher_find_by_key_finish (publisher, wait_result (fixture), &error);
  g_assert_no_error (error);
  g_assert_nonnull (post);
  g_assert_cmpstr (post->id, ==, "9b2e7c50");
  g_assert_cmpuint (post->revision, ==, 3);
  g_assert_null (post->updated_at);
  g_assert_cmpstr (fixture->method, ==, "GET");
  /* escaped on the way: a bare "?" would have started a query */
  g_assert_cmpstr (fixture->path, ==, "/api/v1/posts/by-key/5c1e/create?");

  /* The endpoint never got the request: nothing, and no error */
  answer (fixture, 404, "application/problem+json",
          "{\"type\":\"https://liveline.invalid/problems/not-found\",\"status\":404}");
  g_clear_object (&fixture->result);
  liveline_publisher_find_by_key_async (publisher, any_post, "unknown", NULL,
                                        liveline_test_keep_result, &fixture->result);
  none = liveline_publisher_find_by_key_finish (publisher, wait_result (fixture), &error);
  g_assert_no_error (error);
  g_assert_null (none);
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
    "{\"type\":\"https://liveline.invalid/problems/rate-limited\",\"title\":\"Slow down\",\"status\":429}",
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
    LIVELINE_PUBLISHER_ERROR_AUTH, 0, "The token is not known." },
  { 403, NULL, NULL, NULL, LIVELINE_PUBLISHER_ERROR_AUTH, 0, NULL },
  /* The garbage fault: a success the client cannot read */
  { 200, NULL, "application/json", "{\"id\": \"9b2e", LIVELINE_PUBLISHER_ERROR_TRANSIENT, 0, NULL },
  { 201, NULL, "application/json", "[1, 2, 3]", LIVELINE_PUBLISHER_ERROR_TRANSIENT, 0, NULL },
  { 201, NULL, "application/json", "{\"id\":\"x\",\"url\":\"http://127.0.0.1/\"}",
    LIVELINE_PUBLISHER_ERROR_TRANSIENT, 0, NULL },
};

static void
test_failure (Fixture       *fixture,
              gconstpointer  user_data)
{
  const Failure *failure = user_data;
  g_autoptr(LivelinePublisher) publisher = make_publisher (fixture->url, TOKEN);
  g_autoptr(LivelineRemotePost) post = NULL;
  g_autoptr(GError) error = NULL;

  answer (fixture, failure->status, failure->content_type, failure->body);
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
test_retry_after_date (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(LivelinePublisher) publisher = make_publisher (fixture->url, TOKEN);
  g_autoptr(LivelineRemotePost) post = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_seconds (now, 120);
  guint retry_after;

  answer (fixture, 503, NULL, NULL);
  fixture->retry_after = soup_date_time_to_string (later, SOUP_DATE_HTTP);
  create (fixture, publisher, &post, &error);
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_TRANSIENT);
  retry_after = liveline_publisher_error_get_retry_after (error);
  g_assert_cmpuint (retry_after, >=, 115);
  g_assert_cmpuint (retry_after, <=, 121);
}

static void
test_dropped_connection (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(LivelinePublisher) publisher = make_publisher (fixture->url, TOKEN);
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
test_redirect_not_followed (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(LivelinePublisher) publisher = make_publisher (fixture->url, TOKEN);
  g_autoptr(LivelineRemotePost) post = NULL;
  g_autoptr(GError) error = NULL;

  answer (fixture, 307, NULL, NULL);
  fixture->location = g_strconcat (fixture->url, "elsewhere", NULL);
  create (fixture, publisher, &post, &error);
  g_assert_null (post);
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_PERMANENT);
  g_assert_cmpuint (fixture->n_requests, ==, 1);
  g_assert_cmpstr (fixture->path, ==, "/api/v1/blogs/election/posts");
}

static void
test_cancelled (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(LivelinePublisher) publisher = make_publisher (fixture->url, TOKEN);
  g_autoptr(LivelinePost) draft = make_post ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(LivelineRemotePost) post = NULL;
  g_autoptr(GError) error = NULL;

  answer (fixture, 201, "application/json", CREATED);
  g_cancellable_cancel (cancellable);
  liveline_publisher_create_async (publisher, draft, NULL, "k", cancellable,
                                   liveline_test_keep_result, &fixture->result);
  post = liveline_publisher_create_finish (publisher, wait_result (fixture), &error);
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
      g_autoptr(LivelinePublisher) publisher = make_publisher (refused[i], TOKEN);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(LivelinePost) draft = make_post ();
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
  g_autoptr(LivelinePost) any_post = make_post ();
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
      g_autoptr(LivelinePublisher) publisher = make_publisher (url, TOKEN);
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
  g_autoptr(LivelinePost) draft = make_post ();
  g_autoptr(LivelineRemotePost) post = NULL;

  g_assert_true (liveline_server_listen (server, "127.0.0.1", 0, &error));
  g_assert_no_error (error);
  url = liveline_server_dup_url (server);
  liveline_server_disconnect (server);

  publisher = make_publisher (url, TOKEN);
  liveline_publisher_create_async (publisher, draft, NULL, "k", NULL,
                                   liveline_test_keep_result, &result);
  g_assert_true (liveline_test_wait_for_result (&result, 5000));
  post = liveline_publisher_create_finish (publisher, result, &error);
  g_assert_null (post);
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_TRANSIENT);
  g_assert_cmpuint (liveline_publisher_error_get_retry_after (error), ==, 0);
}

static void
test_token_not_readable (void)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(LivelineJsonPublisher) publisher = NULL;
  GParamSpec *pspec;

  publisher = liveline_json_publisher_new (session, "http://127.0.0.1:1/", "election", TOKEN);
  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (publisher), "token");
  g_assert_nonnull (pspec);
  g_assert_false (pspec->flags & G_PARAM_READABLE);
  g_assert_cmpstr (liveline_json_publisher_get_base_url (publisher), ==, "http://127.0.0.1:1");
  g_assert_cmpstr (liveline_json_publisher_get_blog (publisher), ==, "election");
}

/* Against the real liveline-server, in this main context. */

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
  real->publisher = make_publisher (real->url, LIVELINE_TEST_TOKEN);
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
  g_autoptr(LivelinePost) draft = make_post ();
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
  g_autoptr(LivelinePost) draft = make_post ();
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
  g_autoptr(LivelinePost) any_post = make_post ();
  g_autoptr(LivelinePost) draft = make_post ();
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

static void
test_real_wrong_token (Real          *real,
                       gconstpointer  user_data)
{
  g_autoptr(LivelinePublisher) publisher = make_publisher (real->url, "not-the-token");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LivelinePost) draft = make_post ();
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
  g_autoptr(LivelinePost) first = make_post ();
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
                   "The key “reused-key” was first used for a different request.");
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
  g_autoptr(LivelinePost) draft = make_post ();
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
  g_autoptr(LivelinePost) draft = make_post ();
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
                                         "deadline-photo", NULL, liveline_test_keep_result, &result);
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
  g_autoptr(LivelinePost) draft = make_post ();
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

#define ADD(path, func) \
  g_test_add ("/json-publisher/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("create-sends-the-post", test_create_sends_the_post);
  ADD ("create-without-photo-or-headline", test_create_without_photo_or_headline);
  ADD ("upload-media", test_upload_media);
  ADD ("upload-missing-file", test_upload_missing_file);
  ADD ("update", test_update);
  ADD ("delete", test_delete);
  ADD ("find-by-key", test_find_by_key);
  ADD ("retry-after-date", test_retry_after_date);
  ADD ("dropped-connection", test_dropped_connection);
  ADD ("redirect-not-followed", test_redirect_not_followed);
  ADD ("cancelled", test_cancelled);

  for (guint i = 0; i < G_N_ELEMENTS (failures); i++)
    {
      g_autofree char *path = g_strdup_printf ("/json-publisher/failure/%u-%u",
                                               failures[i].status, i);

      g_test_add (path, Fixture, &failures[i], fixture_set_up, test_failure, fixture_tear_down);
    }

  g_test_add ("/json-publisher/server/publish-with-photo", Real, NULL,
              real_set_up, test_real_publish_with_photo, real_tear_down);
  g_test_add ("/json-publisher/server/same-key-publishes-once", Real, NULL,
              real_set_up, test_real_same_key_publishes_once, real_tear_down);
  g_test_add ("/json-publisher/server/update-find-delete", Real, NULL,
              real_set_up, test_real_update_find_delete, real_tear_down);
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

  g_test_add_func ("/json-publisher/refuses-plain-http-elsewhere", test_refuses_plain_http_elsewhere);
  g_test_add_func ("/json-publisher/accepts-loopback-and-https", test_accepts_loopback_and_https);
  g_test_add_func ("/json-publisher/stopped-server", test_stopped_server);
  g_test_add_func ("/json-publisher/token-not-readable", test_token_not_readable);

  return g_test_run ();
}
