/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-server-limits"

#include "config.h"

#include <signal.h>

#include "liveline-server-request.h"
#include "liveline-test-http.h"
#include "liveline-test-util.h"

/* What the server reads of a request, and what it refuses to (docs/api.md,
 * "Limits"): JSON nested too deep, bodies too large, bodies from clients
 * without a token.
 */

#define POST_JSON "{\"id\":\"p1\",\"body_markdown\":\"Polls close.\"," \
                  "\"created_at\":\"2026-11-24T21:00:00Z\"}"

typedef struct
{
  LivelineServer *server;
  char           *data_dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->server = liveline_test_server_start (&fixture->data_dir);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  liveline_server_disconnect (fixture->server);
  g_clear_object (&fixture->server);
  liveline_test_remove_tree (fixture->data_dir);
  g_clear_pointer (&fixture->data_dir, g_free);
}

static char *
nested (guint depth)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, ']');

  return g_string_free (text, FALSE);
}

static void
assert_detail_contains (LivelineTestFetch *fetch,
                        const char        *words)
{
  g_autoptr(JsonObject) problem = liveline_test_fetch_json (fetch);
  const char *detail = json_object_get_string_member (problem, "detail");

  if (strstr (detail, words) == NULL)
    g_error ("“%s” does not say “%s”", detail, words);
}

static void
test_deep_json_is_refused (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autofree char *posts = liveline_test_server_url (fixture->server,
                                                     "/api/v1/blogs/election/posts");
  g_autofree char *post = liveline_test_server_url (fixture->server,
                                                    "/api/v1/blogs/election/posts/p1");
  g_autofree char *healthz = liveline_test_server_url (fixture->server, "/healthz");
  g_autofree char *deep = g_malloc (300001);
  g_auto(LivelineTestFetch) fetch = { 0 };

  /* 300,000 levels: enough to overflow json-glib's recursion. */
  memset (deep, '[', 300000);
  deep[300000] = '\0';

  liveline_test_fetch (&fetch, "POST", posts, LIVELINE_TEST_TOKEN, "application/json", deep, -1,
                       "Idempotency-Key", "deep-1", NULL);
  liveline_test_assert_problem (&fetch, 400, "malformed-request");
  assert_detail_contains (&fetch, "nested more than 64 levels");

  liveline_test_fetch (&fetch, "POST", posts, LIVELINE_TEST_TOKEN, "application/json",
                       POST_JSON, -1, "Idempotency-Key", "deep-2", NULL);
  g_assert_cmpuint (liveline_test_fetch_status (&fetch), ==, 201);

  liveline_test_fetch (&fetch, "PUT", post, LIVELINE_TEST_TOKEN, "application/json", deep, -1,
                       NULL);
  liveline_test_assert_problem (&fetch, 400, "malformed-request");

  liveline_test_fetch (&fetch, "GET", healthz, NULL, NULL, NULL, 0, NULL);
  g_assert_cmpuint (liveline_test_fetch_status (&fetch), ==, 200);
}

/* A body that parses to nothing: comments or blanks. */
static void
test_empty_json_is_refused (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autofree char *posts = liveline_test_server_url (fixture->server,
                                                     "/api/v1/blogs/election/posts");
  g_auto(LivelineTestFetch) fetch = { 0 };

  liveline_test_fetch (&fetch, "POST", posts, LIVELINE_TEST_TOKEN, "application/json",
                       "// nothing", -1, "Idempotency-Key", "empty-1", NULL);
  liveline_test_assert_problem (&fetch, 400, "malformed-request");
  assert_detail_contains (&fetch, "could not be read");

  liveline_test_fetch (&fetch, "POST", posts, LIVELINE_TEST_TOKEN, "application/json",
                       " \n", -1, "Idempotency-Key", "empty-2", NULL);
  liveline_test_assert_problem (&fetch, 400, "malformed-request");
}

static void
test_parse_json_body (void)
{
  g_autofree char *deepest = nested (LIVELINE_SERVER_MAX_JSON_DEPTH);
  g_autofree char *too_deep = nested (LIVELINE_SERVER_MAX_JSON_DEPTH + 1);
  g_autofree char *brackets = g_strnfill (5000, '[');
  g_autofree char *in_string = g_strdup_printf ("{\"a\":\"\\\\\\\"%s\",\"b\":[1]}", brackets);
  g_autofree char *large = g_strnfill (LIVELINE_SERVER_MAX_JSON_SIZE + 1, ' ');
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  node = liveline_server_parse_json_body (deepest, strlen (deepest), &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
  g_clear_pointer (&node, json_node_unref);

  node = liveline_server_parse_json_body (too_deep, strlen (too_deep), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_null (node);
  g_clear_error (&error);

  /* Brackets in a string, after an escaped quote, are text. */
  node = liveline_server_parse_json_body (in_string, strlen (in_string), &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  g_assert_cmpuint (strlen (json_object_get_string_member (json_node_get_object (node), "a")),
                    ==, 5002);
  g_clear_pointer (&node, json_node_unref);

  node = liveline_server_parse_json_body ("{\"a\":", 5, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);

  node = liveline_server_parse_json_body (NULL, 0, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);

  /* Nothing but a comment, or blanks, is no JSON value either. */
  node = liveline_server_parse_json_body ("//", 2, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_null (node);
  g_clear_error (&error);

  node = liveline_server_parse_json_body (" \n ", 3, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_null (node);
  g_clear_error (&error);

  node = liveline_server_parse_json_body (large, strlen (large), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
  g_assert_null (node);
}

static void
test_large_post_is_refused (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autofree char *posts = liveline_test_server_url (fixture->server,
                                                     "/api/v1/blogs/election/posts");
  g_autofree char *body = NULL;
  g_auto(LivelineTestFetch) fetch = { 0 };
  gsize size = LIVELINE_SERVER_MAX_JSON_SIZE + 1;

  /* A valid post, one byte over the limit. */
  body = g_strnfill (size, ' ');
  memcpy (body, POST_JSON, strlen (POST_JSON));

  liveline_test_fetch (&fetch, "POST", posts, LIVELINE_TEST_TOKEN, "application/json", body,
                       size, "Idempotency-Key", "large-1", NULL);
  liveline_test_assert_problem (&fetch, 413, "too-large");
  assert_detail_contains (&fetch, "too large");

  liveline_test_fetch (&fetch, "POST", posts, LIVELINE_TEST_TOKEN, "application/json", body,
                       size - 1, "Idempotency-Key", "large-2", NULL);
  g_assert_cmpuint (liveline_test_fetch_status (&fetch), ==, 201);
}

/* The program, for clients that speak HTTP by hand. */

static GSubprocess *
start_program (char    **data_dir,
               guint64  *port)
{
  GError *error = NULL;

  *data_dir = g_dir_make_tmp ("liveline-server-limits-XXXXXX", &error);
  g_assert_no_error (error);

  return liveline_test_program_start (G_SUBPROCESS_FLAGS_STDERR_SILENCE, port,
                                      "--data", *data_dir, "--token", LIVELINE_TEST_TOKEN,
                                      NULL);
}

static void
stop_program (GSubprocess *process,
              char        *data_dir)
{
  g_subprocess_send_signal (process, SIGTERM);
  g_assert_true (g_subprocess_wait (process, NULL, NULL));
  liveline_test_remove_tree (data_dir);
}

/* Headers that announce a huge body, and not a byte of it: the answer must
 * come all the same, so the server decided without reading the body.
 */
static void
test_refuses_before_the_body (void)
{
  g_autofree char *data_dir = NULL;
  g_autoptr(GSubprocess) process = NULL;
  guint64 port;
  const struct
  {
    const char *request;
    guint       status;
    const char *type;
  } cases[] = {
    { "POST /api/v1/media HTTP/1.1\r\nHost: x\r\nContent-Type: image/jpeg\r\n"
      "Content-Length: 314572800\r\n\r\n", 401, "unauthorized" },
    { "POST /api/v1/blogs/election/posts HTTP/1.1\r\nHost: x\r\n"
      "Authorization: Bearer wrong\r\nContent-Length: 1000\r\n\r\n", 401, "unauthorized" },
    { "POST /api/v1/media HTTP/1.1\r\nHost: x\r\nContent-Type: image/jpeg\r\n"
      "Authorization: Bearer " LIVELINE_TEST_TOKEN "\r\n"
      "Content-Length: 20971521\r\n\r\n", 413, "too-large" },
    { "POST /api/v1/blogs/election/posts HTTP/1.1\r\nHost: x\r\n"
      "Authorization: Bearer " LIVELINE_TEST_TOKEN "\r\nIdempotency-Key: k\r\n"
      "Content-Length: 1048577\r\n\r\n", 413, "too-large" },
    { "POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 1048577\r\n\r\n",
      413, "too-large" },
  };

  process = start_program (&data_dir, &port);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GSocket) socket = liveline_test_raw_connect (port);
      g_autofree char *answer = NULL;
      g_autofree char *type = g_strconcat ("\"type\":\"https://liveline.invalid/problems/",
                                           cases[i].type, "\"", NULL);

      liveline_test_raw_send (socket, cases[i].request);
      answer = liveline_test_raw_read (socket);
      g_test_message ("case %u: %s", i, answer);
      g_assert_cmpuint (liveline_test_raw_status (answer), ==, cases[i].status);
      g_assert_nonnull (strstr (answer, "Content-Type: application/problem+json"));
      g_assert_nonnull (strstr (answer, type));
    }

  stop_program (process, data_dir);
}

/* A chunked body has no length to refuse it by: it is refused once it has
 * grown past the limit, and no more of it is read.
 */
static void
test_refuses_a_growing_chunked_body (void)
{
  g_autofree char *data_dir = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autofree char *chunk = NULL;
  g_autofree char *filler = g_strnfill (65536, 'a');
  g_autofree char *answer = NULL;
  gsize sent = 0;
  guint64 port;

  process = start_program (&data_dir, &port);
  socket = liveline_test_raw_connect (port);

  liveline_test_raw_send (socket,
                          "POST /api/v1/blogs/election/posts HTTP/1.1\r\nHost: x\r\n"
                          "Authorization: Bearer " LIVELINE_TEST_TOKEN "\r\n"
                          "Idempotency-Key: chunked\r\nContent-Type: application/json\r\n"
                          "Transfer-Encoding: chunked\r\n\r\n"
                          "11\r\n{\"body_markdown\":\"\r\n");
  chunk = g_strdup_printf ("10000\r\n%s\r\n", filler);

  /* Up to 8 MiB, until the server answers; the body never ends, so an
   * answer means it was refused while it streamed.
   */
  while (sent < 8 * 1024 * 1024 && !g_socket_condition_check (socket, G_IO_IN))
    {
      if (g_socket_send (socket, chunk, strlen (chunk), NULL, NULL) <= 0)
        break;
      sent += 65536;
    }

  answer = liveline_test_raw_read (socket);
  g_assert_cmpuint (liveline_test_raw_status (answer), ==, 413);
  g_assert_nonnull (strstr (answer, "problems/too-large"));
  g_assert_nonnull (strstr (answer, "1 MB"));

  stop_program (process, data_dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/server-limits/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("json/deep-nesting-is-refused", test_deep_json_is_refused);
  ADD ("json/empty-body-is-refused", test_empty_json_is_refused);
  ADD ("body/large-post-is-refused", test_large_post_is_refused);
  g_test_add_func ("/server-limits/json/parse-body", test_parse_json_body);
  g_test_add_func ("/server-limits/body/refused-before-it-is-read",
                   test_refuses_before_the_body);
  g_test_add_func ("/server-limits/body/growing-chunked-body-is-refused",
                   test_refuses_a_growing_chunked_body);

#undef ADD

  return g_test_run ();
}
