/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-server-tokens"

#include "config.h"

#include "liveline-server-tokens.h"
#include "liveline-test-http.h"
#include "liveline-test-util.h"

/* Tokens for some live blogs only (docs/api.md, "Authentication"): a token
 * for one blog cannot change another's posts.
 */

#define ALPHA_TOKEN "desk-alpha-token"

typedef struct
{
  LivelineServer *server;
  char           *data_dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  const char * const alpha[] = { "alpha", NULL };

  /* LIVELINE_TEST_TOKEN is for every blog. */
  fixture->server = liveline_test_server_start (&fixture->data_dir);
  liveline_server_add_scoped_token (fixture->server, ALPHA_TOKEN, alpha);
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

/* A 3×2 PNG: the signature and the header chunk are all the server reads. */
static const guint8 png_bytes[] = {
  0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
  0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 3, 0, 0, 0, 2, 8, 2, 0, 0, 0, 0x12, 0x34, 0x56, 0x78,
};

static guint
send_post (Fixture    *fixture,
           const char *method,
           const char *token,
           const char *blog,
           const char *id,
           const char *key)
{
  g_autofree char *path = g_strdup_printf (g_str_equal (method, "POST")
                                             ? "/api/v1/blogs/%s/posts"
                                             : "/api/v1/blogs/%s/posts/%s", blog, id);
  g_autofree char *url = liveline_test_server_url (fixture->server, path);
  g_autofree char *json = g_strdup_printf ("{\"id\":\"%s\",\"body_markdown\":\"News.\","
                                           "\"created_at\":\"2026-11-24T21:00:00Z\"}", id);
  g_auto(LivelineTestFetch) fetch = { 0 };
  guint status;

  liveline_test_fetch (&fetch, method, url, token, "application/json",
                       g_str_equal (method, "DELETE") ? NULL : json, -1,
                       "Idempotency-Key", key, NULL);
  status = liveline_test_fetch_status (&fetch);

  if (status == 403)
    {
      g_autoptr(JsonObject) problem = NULL;
      g_autofree char *words = g_strdup_printf ("not valid for the live blog “%s”", blog);

      liveline_test_assert_problem (&fetch, 403, "forbidden");
      problem = liveline_test_fetch_json (&fetch);
      g_assert_nonnull (strstr (json_object_get_string_member (problem, "detail"), words));
    }

  return status;
}

static guint
send_request (Fixture    *fixture,
              const char *method,
              const char *path,
              const char *token)
{
  g_autofree char *url = liveline_test_server_url (fixture->server, path);
  g_auto(LivelineTestFetch) fetch = { 0 };
  gboolean media = g_str_has_prefix (path, "/api/v1/media");

  liveline_test_fetch (&fetch, method, url, token, media ? "image/png" : NULL,
                       media ? (const char *)png_bytes : NULL, sizeof png_bytes, NULL);

  return liveline_test_fetch_status (&fetch);
}

static void
test_scoped_token (Fixture       *fixture,
                   gconstpointer  user_data)
{
  /* The token for every blog posts on both. */
  g_assert_cmpuint (send_post (fixture, "POST", LIVELINE_TEST_TOKEN, "beta", "b1", "k-b1"),
                    ==, 201);
  g_assert_cmpuint (send_post (fixture, "POST", LIVELINE_TEST_TOKEN, "alpha", "a1", "k-a1"),
                    ==, 201);

  /* Alpha's token works on alpha, whoever made the post. */
  g_assert_cmpuint (send_post (fixture, "POST", ALPHA_TOKEN, "alpha", "a2", "k-a2"), ==, 201);
  g_assert_cmpuint (send_post (fixture, "PUT", ALPHA_TOKEN, "alpha", "a1", "k-a1-put"), ==, 200);
  g_assert_cmpuint (send_request (fixture, "GET", "/api/v1/blogs/alpha/posts", ALPHA_TOKEN),
                    ==, 200);
  g_assert_cmpuint (send_request (fixture, "POST", "/api/v1/media?blog=alpha", ALPHA_TOKEN),
                    ==, 201);
  g_assert_cmpuint (send_request (fixture, "GET", "/api/v1/posts/by-key/k-a2", ALPHA_TOKEN),
                    ==, 200);

  /* …and nowhere else. */
  g_assert_cmpuint (send_post (fixture, "POST", ALPHA_TOKEN, "beta", "b2", "k-b2"), ==, 403);
  g_assert_cmpuint (send_post (fixture, "PUT", ALPHA_TOKEN, "beta", "b1", "k-b1-put"), ==, 403);
  g_assert_cmpuint (send_post (fixture, "DELETE", ALPHA_TOKEN, "beta", "b1", "k-b1-del"), ==, 403);
  g_assert_cmpuint (send_request (fixture, "GET", "/api/v1/blogs/beta/posts", ALPHA_TOKEN),
                    ==, 403);
  g_assert_cmpuint (send_request (fixture, "POST", "/api/v1/media?blog=beta", ALPHA_TOKEN),
                    ==, 403);
  g_assert_cmpuint (send_request (fixture, "GET", "/api/v1/posts/by-key/k-b1", ALPHA_TOKEN),
                    ==, 404);

  /* Beta's post is untouched, and the token for every blog may still
   * change it.
   */
  g_assert_cmpuint (send_request (fixture, "GET", "/api/v1/posts/by-key/k-b1",
                                  LIVELINE_TEST_TOKEN), ==, 200);
  g_assert_cmpuint (send_post (fixture, "PUT", LIVELINE_TEST_TOKEN, "beta", "b1", "k-b1-put"),
                    ==, 200);
  g_assert_cmpuint (send_post (fixture, "DELETE", LIVELINE_TEST_TOKEN, "beta", "b1", "k-b1-del"),
                    ==, 204);
  g_assert_cmpuint (send_request (fixture, "POST", "/api/v1/media?blog=beta",
                                  LIVELINE_TEST_TOKEN), ==, 201);
}

static void
test_token_lines (void)
{
  g_autoptr(LivelineServerTokens) tokens = liveline_server_tokens_new ();
  g_autoptr(GError) error = NULL;
  const char * const *blogs = NULL;

  g_assert_true (liveline_server_tokens_add_line (tokens, "tok-a alpha, beta", &error));
  g_assert_no_error (error);
  g_assert_true (liveline_server_tokens_add_line (tokens, "tok-b *", &error));
  g_assert_true (liveline_server_tokens_add_line (tokens, "tok-c", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (liveline_server_tokens_get_size (tokens), ==, 3);

  g_assert_true (liveline_server_tokens_find (tokens, "tok-a", &blogs));
  g_assert_true (liveline_server_tokens_covers (blogs, "alpha"));
  g_assert_true (liveline_server_tokens_covers (blogs, "beta"));
  g_assert_false (liveline_server_tokens_covers (blogs, "gamma"));

  g_assert_true (liveline_server_tokens_find (tokens, "tok-b", &blogs));
  g_assert_null (blogs);
  g_assert_true (liveline_server_tokens_find (tokens, "tok-c", &blogs));
  g_assert_true (liveline_server_tokens_covers (blogs, "gamma"));

  /* Only the whole token. */
  g_assert_false (liveline_server_tokens_find (tokens, "tok", NULL));
  g_assert_false (liveline_server_tokens_find (tokens, "tok-a ", NULL));
  g_assert_false (liveline_server_tokens_find (tokens, "", NULL));

  g_assert_false (liveline_server_tokens_add_line (tokens, "tok-d Bad_Blog", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "“Bad_Blog” is not the name of a live blog"));
  g_clear_error (&error);

  g_assert_false (liveline_server_tokens_add_line (tokens, " , ", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_cmpuint (liveline_server_tokens_get_size (tokens), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/server-tokens/scoped-token", Fixture, NULL, fixture_set_up, test_scoped_token,
              fixture_tear_down);
  g_test_add_func ("/server-tokens/lines", test_token_lines);

  return g_test_run ();
}
