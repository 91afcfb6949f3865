/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-answer-read"

#include "config.h"

#include <string.h>

#include "liveline-answer.h"
#include "liveline-publisher.h"
#include "liveline-test-util.h"

/* Answers are read only up to the most their kind may hold, from a real
 * libsoup server on 127.0.0.1: a Content-Length over the limit is believed,
 * and an answer without one is not read past the limit.
 */

#define CHUNK_SIZE (64 * 1024)

typedef struct
{
  SoupServer   *server;
  char         *url;

  /* what it answers */
  guint         status;
  gsize         size;
  gboolean      endless;

  /* how much of an endless answer it wrote */
  gsize         written;
  char         *chunk;

  GAsyncResult *result;
} Fixture;

static void
on_wrote_chunk (SoupServerMessage *message,
                gpointer           user_data)
{
  Fixture *fixture = user_data;

  fixture->written += CHUNK_SIZE;
  soup_message_body_append (soup_server_message_get_response_body (message), SOUP_MEMORY_STATIC,
                            fixture->chunk, CHUNK_SIZE);
}

static void
on_request (SoupServer        *server,
            SoupServerMessage *message,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  Fixture *fixture = user_data;

  soup_server_message_set_status (message, fixture->status, NULL);

  if (fixture->endless)
    {
      /* Chunked, with no Content-Length: a chunk more each time one is out. */
      soup_message_headers_set_encoding (soup_server_message_get_response_headers (message),
                                         SOUP_ENCODING_CHUNKED);
      g_signal_connect (message, "wrote-chunk", G_CALLBACK (on_wrote_chunk), fixture);
      soup_message_body_append (soup_server_message_get_response_body (message), SOUP_MEMORY_STATIC,
                                fixture->chunk, CHUNK_SIZE);
      return;
    }

  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_TAKE,
                                    g_strnfill (fixture->size, '['), fixture->size);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;

  fixture->chunk = g_strnfill (CHUNK_SIZE, '[');
  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, "/", on_request, fixture, NULL);
  g_assert_true (soup_server_listen_local (fixture->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (fixture->server);
  fixture->url = g_uri_to_string (uris->data);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  soup_server_disconnect (fixture->server);
  g_clear_object (&fixture->server);
  g_clear_object (&fixture->result);
  g_free (fixture->url);
  g_free (fixture->chunk);
}

static GBytes *
read_answer (Fixture             *fixture,
             LivelineAnswerKind   kind,
             guint               *status,
             GError             **error)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) message = soup_message_new ("GET", fixture->url);
  GBytes *body;

  g_clear_object (&fixture->result);
  liveline_answer_read_async (session, message, kind, NULL, liveline_test_keep_result,
                              &fixture->result);
  g_assert_true (liveline_test_wait_for_result (&fixture->result, 20000));
  body = liveline_answer_read_finish (session, fixture->result, error);
  *status = soup_message_get_status (message);

  return body;
}

static void
test_within_limit (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  guint status;

  fixture->status = 200;
  fixture->size = LIVELINE_ANSWER_MAX_MEDIA_SIZE;
  body = read_answer (fixture, LIVELINE_ANSWER_MEDIA, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpuint (g_bytes_get_size (body), ==, LIVELINE_ANSWER_MAX_MEDIA_SIZE);
}

static void
test_content_length_over_limit (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  guint status;

  fixture->status = 201;
  fixture->size = LIVELINE_ANSWER_MAX_MEDIA_SIZE + 1;
  body = read_answer (fixture, LIVELINE_ANSWER_MEDIA, &status, &error);
  g_assert_null (body);
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_PERMANENT);
  g_assert_cmpstr (error->message, ==,
                   "The endpoint answered with more data than a photo’s answer can hold (1.0\xC2\xA0MB at most).");
}

static void
test_endless_answer (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  guint status;

  fixture->status = 200;
  fixture->endless = TRUE;
  body = read_answer (fixture, LIVELINE_ANSWER_POST, &status, &error);
  g_assert_null (body);
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_PERMANENT);
  g_assert_cmpstr (error->message, ==,
                   "The endpoint answered with more data than a post’s answer can hold (2.0\xC2\xA0MB at most).");

  /* The answer has no end: that the client came back at all says it
   * stopped reading. What the server wrote is the limit and what the
   * sockets' buffers held (about 5 MB here), not more and more. */
  g_test_message ("The server wrote %" G_GSIZE_FORMAT " bytes", fixture->written);
  g_assert_cmpuint (fixture->written, <, 16 * LIVELINE_ANSWER_MAX_POST_SIZE);
}

/* A refusal's explanation that long is dropped; the status still says. */
static void
test_refusal_over_limit (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  guint status;

  fixture->status = 503;
  fixture->size = LIVELINE_ANSWER_MAX_POST_SIZE + 1;
  body = read_answer (fixture, LIVELINE_ANSWER_POST, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, 503);
  g_assert_cmpuint (g_bytes_get_size (body), ==, 0);
}

/* Only the headers are wanted: the page is not read, however big. */
static void
test_headers_only (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  guint status;

  fixture->status = 200;
  fixture->endless = TRUE;
  body = read_answer (fixture, LIVELINE_ANSWER_HEADERS, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpuint (g_bytes_get_size (body), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/answer/read/within-limit", Fixture, NULL,
              fixture_set_up, test_within_limit, fixture_tear_down);
  g_test_add ("/answer/read/content-length-over-limit", Fixture, NULL,
              fixture_set_up, test_content_length_over_limit, fixture_tear_down);
  g_test_add ("/answer/read/endless-answer", Fixture, NULL,
              fixture_set_up, test_endless_answer, fixture_tear_down);
  g_test_add ("/answer/read/refusal-over-limit", Fixture, NULL,
              fixture_set_up, test_refusal_over_limit, fixture_tear_down);
  g_test_add ("/answer/read/headers-only", Fixture, NULL,
              fixture_set_up, test_headers_only, fixture_tear_down);

  return g_test_run ();
}
