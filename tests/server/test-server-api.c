/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-server-api"

#include "config.h"

#include "liveline-test-http.h"
#include "liveline-test-util.h"

/* The JSON API of docs/api.md, endpoint by endpoint, as a client sees it. */

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

/* A 3×2 PNG: the signature and the header chunk are all the server reads. */
static const guint8 png_bytes[] = {
  0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
  0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 3, 0, 0, 0, 2, 8, 2, 0, 0, 0, 0x12, 0x34, 0x56, 0x78,
};

/* A JPEG of 640×480 as far as its frame header goes. */
static const guint8 jpeg_bytes[] = {
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 'J', 'F',
  0xff, 0xc0, 0x00, 0x0b, 0x08, 0x01, 0xe0, 0x02, 0x80, 0x01, 0x01, 0x11, 0x00,
  0xff, 0xd9,
};

static char *
post_json (const char *id,
           const char *headline,
           const char *body,
           gboolean    pinned,
           const char *media_id)
{
  g_autofree char *image = NULL;

  if (media_id != NULL)
    image = g_strdup_printf ("{\"media_id\":\"%s\",\"caption\":\"Queues in Leeds\","
                             "\"credit\":\"Reuters\",\"alt\":\"People queue outside a school\"}",
                             media_id);

  return g_strdup_printf ("{\"id\":\"%s\",\"headline\":\"%s\",\"body_markdown\":\"%s\","
                          "\"body_html\":\"<p>ignored</p>\",\"author\":\"Ana Souza\","
                          "\"pinned\":%s,\"key_moment\":false,"
                          "\"created_at\":\"2026-11-24T21:49:50+01:00\",\"image\":%s}",
                          id, headline, body, pinned ? "true" : "false",
                          image != NULL ? image : "null");
}

static void
create_post (Fixture           *fixture,
             LivelineTestFetch *fetch,
             const char        *blog,
             const char        *key,
             const char        *json)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/blogs/%s/posts", blog);
  g_autofree char *url = liveline_test_server_url (fixture->server, path);

  liveline_test_fetch (fetch, "POST", url, LIVELINE_TEST_TOKEN, "application/json", json, -1,
                       key != NULL ? "Idempotency-Key" : NULL, key, NULL);
}

static void
test_api_requires_token (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autofree char *url = liveline_test_server_url (fixture->server,
                                                   "/api/v1/blogs/election/posts");
  g_auto(LivelineTestFetch) fetch = { 0 };
  g_autoptr(JsonObject) problem = NULL;

  liveline_test_fetch (&fetch, "GET", url, NULL, NULL, NULL, 0, NULL);
  liveline_test_assert_problem (&fetch, 401, "unauthorized");
  g_assert_cmpstr (liveline_test_fetch_header (&fetch, "WWW-Authenticate"), ==, "Bearer");

  /* In words a journalist understands, not the protocol's. */
  problem = liveline_test_fetch_json (&fetch);
  g_assert_cmpstr (json_object_get_string_member (problem, "detail"), ==,
                   "This server did not accept the token: check the token in the live blog’s "
                   "settings, or ask for a new one.");

  liveline_test_fetch (&fetch, "GET", url, "not-the-token", NULL, NULL, 0, NULL);
  liveline_test_assert_problem (&fetch, 401, "unauthorized");

  liveline_test_fetch (&fetch, "GET", url, NULL, NULL, NULL, 0,
                       "Authorization", "Basic " LIVELINE_TEST_TOKEN, NULL);
  liveline_test_assert_problem (&fetch, 401, "unauthorized");

  liveline_test_fetch (&fetch, "GET", url, LIVELINE_TEST_TOKEN, NULL, NULL, 0, NULL);
  g_assert_cmpuint (liveline_test_fetch_status (&fetch), ==, 200);
}

static char *
upload (Fixture           *fixture,
        LivelineTestFetch *fetch,
        const char        *content_type,
        const guint8      *data,
        gsize              size)
{
  g_autofree char *url = liveline_test_server_url (fixture->server, "/api/v1/media");
  g_autoptr(JsonObject) media = NULL;

  liveline_test_fetch (fetch, "POST", url, LIVELINE_TEST_TOKEN, content_type,
                       (const char *)data, size,
                       "Content-Disposition", "attachment; filename=\"queue.png\"", NULL);
  g_assert_cmpuint (liveline_test_fetch_status (fetch), ==, 201);
  media = liveline_test_fetch_json (fetch);

  return g_strdup (json_object_get_string_member (media, "id"));
}

static void
test_api_media_upload (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autofree char *url = liveline_test_server_url (fixture->server, "/api/v1/media");
  g_autofree char *jpeg_url = liveline_test_server_url (fixture->server,
                                                        "/api/v1/media?filename=dir%2Fcourt.jpg");
  g_autoptr(JsonObject) media = NULL;
  g_autoptr(JsonObject) jpeg = NULL;
  g_autofree char *big = NULL;
  g_auto(LivelineTestFetch) fetch = { 0 };
  g_auto(LivelineTestFetch) image = { 0 };
  const char *media_url;
  gsize size;

  liveline_test_fetch (&fetch, "POST", url, LIVELINE_TEST_TOKEN, "image/png",
                       (const char *)png_bytes, sizeof png_bytes,
                       "Content-Disposition", "attachment; filename=\"queue.png\"", NULL);
  g_assert_cmpuint (liveline_test_fetch_status (&fetch), ==, 201);
  media = liveline_test_fetch_json (&fetch);
  g_assert_cmpint (json_object_get_int_member (media, "width"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (media, "height"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (media, "filename"), ==, "queue.png");
  g_assert_cmpstr (json_object_get_string_member (media, "id"), !=, "");
  media_url = json_object_get_string_member (media, "url");
  g_assert_true (g_str_has_suffix (media_url, ".png"));
  g_assert_cmpstr (liveline_test_fetch_header (&fetch, "Location"), ==, media_url);

  /* Public: no token needed to show it on the page. */
  liveline_test_fetch (&image, "GET", media_url, NULL, NULL, NULL, 0, NULL);
  g_assert_cmpuint (liveline_test_fetch_status (&image), ==, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (
                     soup_message_get_response_headers (image.message), NULL), ==, "image/png");
  g_assert_cmpmem (g_bytes_get_data (image.body, NULL), g_bytes_get_size (image.body),
                   png_bytes, sizeof png_bytes);

  liveline_test_fetch (&fetch, "POST", jpeg_url, LIVELINE_TEST_TOKEN, "image/jpeg",
                       (const char *)jpeg_bytes, sizeof jpeg_bytes, NULL);
  g_assert_cmpuint (liveline_test_fetch_status (&fetch), ==, 201);
  jpeg = liveline_test_fetch_json (&fetch);
  g_assert_cmpint (json_object_get_int_member (jpeg, "width"), ==, 640);
  g_assert_cmpint (json_object_get_int_member (jpeg, "height"), ==, 480);
  g_assert_cmpstr (json_object_get_string_member (jpeg, "filename"), ==, "court.jpg");
  g_assert_cmpstr (json_object_get_string_member (jpeg, "content_type"), ==, "image/jpeg");

  liveline_test_fetch (&fetch, "POST", url, LIVELINE_TEST_TOKEN, "text/plain",
                       "not a photo", -1, NULL);
  liveline_test_assert_problem (&fetch, 415, "unsupported-media-type");

  /* The right type but the wrong bytes is no photo either. */
  liveline_test_fetch (&fetch, "POST", url, LIVELINE_TEST_TOKEN, "image/jpeg",
                       (const char *)png_bytes, sizeof png_bytes, NULL);
  liveline_test_assert_problem (&fetch, 415, "unsupported-media-type");

  size = 20 * 1024 * 1024 + 1;
  big = g_malloc0 (size);
  memcpy (big, jpeg_bytes, sizeof jpeg_bytes);
  liveline_test_fetch (&fetch, "POST", url, LIVELINE_TEST_TOKEN, "image/jpeg", big, size, NULL);
  liveline_test_assert_problem (&fetch, 413, "too-large");
}

static void
test_api_media_idempotent (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autofree char *url = liveline_test_server_url (fixture->server, "/api/v1/media");
  g_autofree char *first = NULL;
  g_auto(LivelineTestFetch) fetch = { 0 };

  liveline_test_fetch (&fetch, "POST", url, LIVELINE_TEST_TOKEN, "image/png",
                       (const char *)png_bytes, sizeof png_bytes,
                       "Idempotency-Key", "media-key-1", NULL);
  g_assert_cmpuint (liveline_test_fetch_status (&fetch), ==, 201);
  first = liveline_test_fetch_text (&fetch);

  liveline_test_fetch (&fetch, "POST", url, LIVELINE_TEST_TOKEN, "image/png",
                       (const char *)png_bytes, sizeof png_bytes,
                       "Idempotency-Key", "media-key-1", NULL);
  g_assert_cmpuint (liveline_test_fetch_status (&fetch), ==, 201);
  g_assert_cmpmem (g_bytes_get_data (fetch.body, NULL), g_bytes_get_size (fetch.body),
                   first, strlen (first));
}

static JsonArray *
list_posts (Fixture     *fixture,
            const char  *query,
            char       **next)
{
  g_autofree char *path = g_strconcat ("/api/v1/blogs/election/posts", query, NULL);
  g_autofree char *url = liveline_test_server_url (fixture->server, path);
  g_autoptr(JsonObject) list = NULL;
  g_auto(LivelineTestFetch) fetch = { 0 };

  liveline_test_fetch (&fetch, "GET", url, LIVELINE_TEST_TOKEN, NULL, NULL, 0, NULL);
  g_assert_cmpuint (liveline_test_fetch_status (&fetch), ==, 200);
  list = liveline_test_fetch_json (&fetch);

  if (next != NULL)
    *next = g_strdup (json_object_get_null_member (list, "next")
                        ? NULL : json_object_get_string_member (list, "next"));

  return json_array_ref (json_object_get_array_member (list, "posts"));
}

static void
test_api_create_and_replay (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autofree char *media_id = NULL;
  g_autofree char *json = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *first = NULL;
  g_autoptr(JsonObject) created = NULL;
  g_autoptr(JsonArray) posts = NULL;
  g_auto(LivelineTestFetch) fetch = { 0 };
  g_auto(LivelineTestFetch) upload_fetch = { 0 };
  JsonObject *post;
  JsonObject *image;

  media_id = upload (fixture, &upload_fetch, "image/png", png_bytes, sizeof png_bytes);
  json = post_json ("9b2e7c50-4a1f-4c47-9f43-0e6d1f2b8a11", "Polls close",
                    "Turnout was **high**.", FALSE, media_id);

  /* A newsroom's first post makes its blog. */
  create_post (fixture, &fetch, "election", "key-1", json);
  g_assert_cmpuint (liveline_test_fetch_status (&fetch), ==, 201);
  first = liveline_test_fetch_text (&fetch);
  created = liveline_test_fetch_json (&fetch);
  g_assert_cmpstr (json_object_get_string_member (created, "id"), ==,
                   "9b2e7c50-4a1f-4c47-9f43-0e6d1f2b8a11");
  g_assert_cmpint (json_object_get_int_member (created, "revision"), ==, 1);
  g_assert_true (g_str_has_suffix (json_object_get_string_member (created, "url"),
                                   "/blogs/election#post-9b2e7c50-4a1f-4c47-9f43-0e6d1f2b8a11"));
  g_assert_true (g_str_has_suffix (json_object_get_string_member (created, "published_at"), "Z"));

  /* The answer was lost; the outbox sends the same request again. */
  create_post (fixture, &fetch, "election", "key-1", json);
  g_assert_cmpuint (liveline_test_fetch_status (&fetch), ==, 201);
  g_assert_cmpmem (g_bytes_get_data (fetch.body, NULL), g_bytes_get_size (fetch.body),
                   first, strlen (first));

  posts = list_posts (fixture, "", NULL);
  g_assert_cmpuint (json_array_get_length (posts), ==, 1);
  post = json_array_get_object_element (posts, 0);
  g_assert_cmpstr (json_object_get_string_member (post, "headline"), ==, "Polls close");
  g_assert_cmpstr (json_object_get_string_member (post, "body_html"), ==,
                   "<p>Turnout was <strong>high</strong>.</p>\n");
  g_assert_cmpstr (json_object_get_string_member (post, "created_at"), ==,
                   "2026-11-24T20:49:50Z");
  g_assert_true (json_object_get_null_member (post, "updated_at"));
  image = json_object_get_object_member (post, "image");
  g_assert_cmpstr (json_object_get_string_member (image, "credit"), ==, "Reuters");
  g_assert_cmpstr (json_object_get_string_member (image, "media_id"), ==, media_id);

  /* The same key for another post is a client bug, not a retry. */
  changed = post_json ("0c3f8d61-5b20-4d58-8a54-1f7e2a3c9b22", "Another", "Text", FALSE, NULL);
  create_post (fixture, &fetch, "election", "key-1", changed);
  liveline_test_assert_problem (&fetch, 422, "idempotency-key-reused");

  create_post (fixture, &fetch, "election", NULL, changed);
  liveline_test_assert_problem (&fetch, 400, "idempotency-key-missing");

  /* The same post under a new key would be a duplicate. */
  create_post (fixture, &fetch, "election", "key-2", json);
  liveline_test_assert_problem (&fetch, 409, "post-exists");

  g_clear_pointer (&posts, json_array_unref);
  posts = list_posts (fixture, "", NULL);
  g_assert_cmpuint (json_array_get_length (posts), ==, 1);
}

static void
test_api_rejects_bad_posts (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autofree char *unknown_media = post_json ("a1", "H", "B", FALSE, "no-such-media");
  g_auto(LivelineTestFetch) fetch = { 0 };

  create_post (fixture, &fetch, "election", "k1", "{not json");
  liveline_test_assert_problem (&fetch, 400, "malformed-request");

  create_post (fixture, &fetch, "election", "k2", "{\"id\":\"a1\",\"created_at\":\"now\"}");
  liveline_test_assert_problem (&fetch, 422, "invalid-post");

  create_post (fixture, &fetch, "election", "k3",
               "{\"id\":\"a1\",\"body_markdown\":\"x\",\"created_at\":\"yesterday\"}");
  liveline_test_assert_problem (&fetch, 422, "invalid-post");

  create_post (fixture, &fetch, "election", "k4", unknown_media);
  liveline_test_assert_problem (&fetch, 422, "unknown-media");

  create_post (fixture, &fetch, "Not_A_Slug", "k5", unknown_media);
  liveline_test_assert_problem (&fetch, 404, "not-found");
}

static void
put_post (Fixture           *fixture,
          LivelineTestFetch *fetch,
          const char        *id,
          const char        *json,
          const char        *if_match)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/blogs/election/posts/%s", id);
  g_autofree char *url = liveline_test_server_url (fixture->server, path);

  liveline_test_fetch (fetch, "PUT", url, LIVELINE_TEST_TOKEN, "application/json", json, -1,
                       if_match != NULL ? "If-Match" : NULL, if_match, NULL);
}

static void
test_api_update_and_delete (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autofree char *json = post_json ("p1", "First", "Body", FALSE, NULL);
  g_autofree char *fixed = post_json ("p1", "First, corrected", "Body", FALSE, NULL);
  g_autofree char *url = liveline_test_server_url (fixture->server,
                                                   "/api/v1/blogs/election/posts/p1");
  g_autofree char *missing = liveline_test_server_url (fixture->server,
                                                       "/api/v1/blogs/election/posts/p9");
  g_autoptr(JsonObject) updated = NULL;
  g_autoptr(JsonArray) posts = NULL;
  g_auto(LivelineTestFetch) fetch = { 0 };

  create_post (fixture, &fetch, "election", "create-p1", json);
  g_assert_cmpuint (liveline_test_fetch_status (&fetch), ==, 201);

  put_post (fixture, &fetch, "p1", fixed, "\"1\"");
  g_assert_cmpuint (liveline_test_fetch_status (&fetch), ==, 200);
  updated = liveline_test_fetch_json (&fetch);
  g_assert_cmpint (json_object_get_int_member (updated, "revision"), ==, 2);
  g_assert_nonnull (json_object_get_string_member (updated, "updated_at"));
  g_assert_cmpstr (liveline_test_fetch_header (&fetch, "ETag"), ==, "\"2\"");

  /* Someone else's edit came first. */
  put_post (fixture, &fetch, "p1", json, "\"1\"");
  liveline_test_assert_problem (&fetch, 412, "revision-mismatch");

  posts = list_posts (fixture, "", NULL);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (posts, 0),
                                                  "headline"), ==, "First, corrected");

  put_post (fixture, &fetch, "p9", json, NULL);
  liveline_test_assert_problem (&fetch, 404, "not-found");

  liveline_test_fetch (&fetch, "DELETE", url, LIVELINE_TEST_TOKEN, NULL, NULL, 0, NULL);
  g_assert_cmpuint (liveline_test_fetch_status (&fetch), ==, 204);

  /* A retried delete succeeds; an id never published does not. */
  liveline_test_fetch (&fetch, "DELETE", url, LIVELINE_TEST_TOKEN, NULL, NULL, 0, NULL);
  g_assert_cmpuint (liveline_test_fetch_status (&fetch), ==, 204);
  liveline_test_fetch (&fetch, "DELETE", missing, LIVELINE_TEST_TOKEN, NULL, NULL, 0, NULL);
  liveline_test_assert_problem (&fetch, 404, "not-found");

  put_post (fixture, &fetch, "p1", fixed, NULL);
  liveline_test_assert_problem (&fetch, 404, "not-found");

  g_clear_pointer (&posts, json_array_unref);
  posts = list_posts (fixture, "", NULL);
  g_assert_cmpuint (json_array_get_length (posts), ==, 0);
}

static void
test_api_update_replays_key (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autofree char *json = post_json ("p2", "Second", "Body", FALSE, NULL);
  g_autofree char *fixed = post_json ("p2", "Second, corrected", "Body", TRUE, NULL);
  g_autofree char *url = liveline_test_server_url (fixture->server,
                                                   "/api/v1/blogs/election/posts/p2");
  g_autofree char *by_key = liveline_test_server_url (fixture->server,
                                                      "/api/v1/posts/by-key/update-p2");
  g_autofree char *first = NULL;
  g_autoptr(JsonObject) post = NULL;
  g_auto(LivelineTestFetch) fetch = { 0 };

  create_post (fixture, &fetch, "election", "create-p2", json);
  g_assert_cmpuint (liveline_test_fetch_status (&fetch), ==, 201);

  liveline_test_fetch (&fetch, "PUT", url, LIVELINE_TEST_TOKEN, "application/json", fixed, -1,
                       "Idempotency-Key", "update-p2", NULL);
  g_assert_cmpuint (liveline_test_fetch_status (&fetch), ==, 200);
  first = liveline_test_fetch_text (&fetch);

  /* A retried correction is not a second one: the revision stays at 2. */
  liveline_test_fetch (&fetch, "PUT", url, LIVELINE_TEST_TOKEN, "application/json", fixed, -1,
                       "Idempotency-Key", "update-p2", NULL);
  g_assert_cmpuint (liveline_test_fetch_status (&fetch), ==, 200);
  g_assert_cmpmem (g_bytes_get_data (fetch.body, NULL), g_bytes_get_size (fetch.body),
                   first, strlen (first));

  liveline_test_fetch (&fetch, "GET", by_key, LIVELINE_TEST_TOKEN, NULL, NULL, 0, NULL);
  g_assert_cmpuint (liveline_test_fetch_status (&fetch), ==, 200);
  post = liveline_test_fetch_json (&fetch);
  g_assert_cmpint (json_object_get_int_member (post, "revision"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (post, "headline"), ==, "Second, corrected");
  g_assert_true (json_object_get_boolean_member (post, "pinned"));
}

static void
test_api_paging (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *next = NULL;
  g_auto(LivelineTestFetch) fetch = { 0 };
  guint pages = 0;
  int last_number = 100;

  for (guint i = 1; i <= 25; i++)
    {
      g_autofree char *id = g_strdup_printf ("post-%02u", i);
      g_autofree char *key = g_strdup_printf ("key-%02u", i);
      g_autofree char *json = post_json (id, id, "Body", i == 3 || i == 17, NULL);

      create_post (fixture, &fetch, "election", key, json);
      g_assert_cmpuint (liveline_test_fetch_status (&fetch), ==, 201);
    }

  do
    {
      g_autofree char *query = next != NULL ? g_strdup_printf ("?limit=10&before=%s", next)
                                            : g_strdup ("?limit=10");
      g_autoptr(JsonArray) posts = NULL;

      g_clear_pointer (&next, g_free);
      posts = list_posts (fixture, query, &next);
      g_assert_cmpuint (json_array_get_length (posts), ==, pages < 2 ? 10 : 5);

      for (guint i = 0; i < json_array_get_length (posts); i++)
        {
          JsonObject *post = json_array_get_object_element (posts, i);
          const char *id = json_object_get_string_member (post, "id");
          gboolean pinned = json_object_get_boolean_member (post, "pinned");
          int number = atoi (id + strlen ("post-"));

          /* Pinned first (17, then 3), then newest first from 25 down. */
          if (pages == 0 && i < 2)
            {
              g_assert_true (pinned);
              g_assert_cmpint (number, ==, i == 0 ? 17 : 3);
            }
          else
            {
              g_assert_false (pinned);
              g_assert_cmpint (number, <, last_number);
              last_number = number;
            }
          g_assert_true (g_hash_table_add (seen, g_strdup (id)));
        }
      pages++;
    }
  while (next != NULL);

  g_assert_cmpuint (pages, ==, 3);
  g_assert_cmpuint (g_hash_table_size (seen), ==, 25);
}

static void
test_api_rejects_bad_paging (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autofree char *zero = liveline_test_server_url (fixture->server,
                                                    "/api/v1/blogs/election/posts?limit=0");
  g_autofree char *cursor = liveline_test_server_url (fixture->server,
                                                      "/api/v1/blogs/election/posts?before=x");
  g_auto(LivelineTestFetch) fetch = { 0 };

  liveline_test_fetch (&fetch, "GET", zero, LIVELINE_TEST_TOKEN, NULL, NULL, 0, NULL);
  liveline_test_assert_problem (&fetch, 400, "malformed-request");
  liveline_test_fetch (&fetch, "GET", cursor, LIVELINE_TEST_TOKEN, NULL, NULL, 0, NULL);
  liveline_test_assert_problem (&fetch, 400, "malformed-request");
}

static void
test_api_find_by_key (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autofree char *json = post_json ("found-1", "Found", "Body", FALSE, NULL);
  g_autofree char *url = liveline_test_server_url (fixture->server,
                                                   "/api/v1/posts/by-key/key:one");
  g_autofree char *unknown = liveline_test_server_url (fixture->server,
                                                       "/api/v1/posts/by-key/never-sent");
  g_autoptr(JsonObject) post = NULL;
  g_auto(LivelineTestFetch) fetch = { 0 };

  liveline_test_fetch (&fetch, "GET", url, LIVELINE_TEST_TOKEN, NULL, NULL, 0, NULL);
  liveline_test_assert_problem (&fetch, 404, "not-found");

  create_post (fixture, &fetch, "election", "key:one", json);
  g_assert_cmpuint (liveline_test_fetch_status (&fetch), ==, 201);

  liveline_test_fetch (&fetch, "GET", url, LIVELINE_TEST_TOKEN, NULL, NULL, 0, NULL);
  g_assert_cmpuint (liveline_test_fetch_status (&fetch), ==, 200);
  post = liveline_test_fetch_json (&fetch);
  g_assert_cmpstr (json_object_get_string_member (post, "id"), ==, "found-1");
  g_assert_cmpstr (json_object_get_string_member (post, "blog"), ==, "election");
  g_assert_cmpint (json_object_get_int_member (post, "revision"), ==, 1);

  liveline_test_fetch (&fetch, "GET", unknown, LIVELINE_TEST_TOKEN, NULL, NULL, 0, NULL);
  liveline_test_assert_problem (&fetch, 404, "not-found");
}

static void
test_api_unknown_routes (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autofree char *v2 = liveline_test_server_url (fixture->server, "/api/v2/media");
  g_autofree char *media = liveline_test_server_url (fixture->server, "/api/v1/media");
  g_auto(LivelineTestFetch) fetch = { 0 };

  liveline_test_fetch (&fetch, "GET", v2, LIVELINE_TEST_TOKEN, NULL, NULL, 0, NULL);
  liveline_test_assert_problem (&fetch, 404, "not-found");

  liveline_test_fetch (&fetch, "GET", media, LIVELINE_TEST_TOKEN, NULL, NULL, 0, NULL);
  liveline_test_assert_problem (&fetch, 405, "method-not-allowed");
  g_assert_cmpstr (liveline_test_fetch_header (&fetch, "Allow"), ==, "POST");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/server-api/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("requires-token", test_api_requires_token);
  ADD ("media-upload", test_api_media_upload);
  ADD ("media-idempotent", test_api_media_idempotent);
  ADD ("create-and-replay", test_api_create_and_replay);
  ADD ("rejects-bad-posts", test_api_rejects_bad_posts);
  ADD ("update-and-delete", test_api_update_and_delete);
  ADD ("update-replays-key", test_api_update_replays_key);
  ADD ("paging", test_api_paging);
  ADD ("rejects-bad-paging", test_api_rejects_bad_paging);
  ADD ("find-by-key", test_api_find_by_key);
  ADD ("unknown-routes", test_api_unknown_routes);

#undef ADD

  return g_test_run ();
}
