/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-server-page"

#include "config.h"

#include "liveline-test-http.h"
#include "liveline-test-util.h"

/* What a reader sees on the live page, and what a client meets when the
 * fault plan makes the server misbehave.
 */

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

static const guint8 png_bytes[] = {
  0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
  0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 4, 0, 0, 0, 3, 8, 2, 0, 0, 0, 0x12, 0x34, 0x56, 0x78,
};

static void
publish (Fixture    *fixture,
         const char *key,
         const char *json)
{
  g_autofree char *url = liveline_test_server_url (fixture->server,
                                                   "/api/v1/blogs/election/posts");
  g_auto(LivelineTestFetch) fetch = { 0 };

  liveline_test_fetch (&fetch, "POST", url, LIVELINE_TEST_TOKEN, "application/json", json, -1,
                       "Idempotency-Key", key, NULL);
  g_assert_cmpuint (liveline_test_fetch_status (&fetch), ==, 201);
}

static char *
fetch_page (Fixture    *fixture,
            const char *path)
{
  g_autofree char *url = liveline_test_server_url (fixture->server, path);
  g_auto(LivelineTestFetch) fetch = { 0 };

  liveline_test_fetch (&fetch, "GET", url, NULL, NULL, NULL, 0, NULL);
  g_assert_cmpuint (liveline_test_fetch_status (&fetch), ==, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (
                     soup_message_get_response_headers (fetch.message), NULL), ==, "text/html");

  return liveline_test_fetch_text (&fetch);
}

static void
test_page_shows_updates (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autofree char *media_url = liveline_test_server_url (fixture->server, "/api/v1/media");
  g_autofree char *put_url = liveline_test_server_url (fixture->server,
                                                       "/api/v1/blogs/election/posts/key-1");
  g_autofree char *photo = NULL;
  g_autofree char *html = NULL;
  g_autofree char *corrected = NULL;
  g_autoptr(JsonObject) media = NULL;
  g_auto(LivelineTestFetch) fetch = { 0 };
  const char *pinned;
  const char *key;
  const char *plain;

  liveline_test_fetch (&fetch, "POST", media_url, LIVELINE_TEST_TOKEN, "image/png",
                       (const char *)png_bytes, sizeof png_bytes, NULL);
  g_assert_cmpuint (liveline_test_fetch_status (&fetch), ==, 201);
  media = liveline_test_fetch_json (&fetch);

  publish (fixture, "k1", "{\"id\":\"pinned-1\",\"headline\":\"How to follow the count\","
                          "\"body_markdown\":\"Read on.\",\"pinned\":true,"
                          "\"created_at\":\"2026-11-24T20:00:00Z\"}");
  photo = g_strdup_printf ("{\"id\":\"key-1\",\"headline\":\"Polls close & counting begins\","
                           "\"body_markdown\":\"Turnout was **high**. <script>alert(1)</script>\","
                           "\"body_html\":\"<script>steal()</script>\",\"key_moment\":true,"
                           "\"created_at\":\"2026-11-24T21:00:00Z\",\"image\":{\"media_id\":"
                           "\"%s\",\"caption\":\"Queues <in> Leeds\",\"credit\":\"Reuters\","
                           "\"alt\":\"People queue \\\"outside\\\" a school\"}}",
                           json_object_get_string_member (media, "id"));
  publish (fixture, "k2", photo);
  publish (fixture, "k3", "{\"id\":\"plain-1\",\"body_markdown\":\"A plain update.\","
                          "\"created_at\":\"2026-11-24T21:05:00Z\"}");

  html = fetch_page (fixture, "/blogs/election");
  g_assert_nonnull (strstr (html, "<title>Live updates</title>"));
  g_assert_nonnull (strstr (html, "<h2>Polls close &amp; counting begins</h2>"));
  g_assert_nonnull (strstr (html, "<strong>high</strong>"));
  /* Markdown's raw HTML shows as text; the client's HTML is never served. */
  g_assert_nonnull (strstr (html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
  g_assert_null (strstr (html, "<script>"));
  g_assert_null (strstr (html, "steal()"));
  g_assert_nonnull (strstr (html, "alt=\"People queue &quot;outside&quot; a school\""));
  g_assert_nonnull (strstr (html, "<img src=\"/media/"));
  g_assert_nonnull (strstr (html, "Queues &lt;in&gt; Leeds"));
  g_assert_nonnull (strstr (html, "Credit: Reuters"));
  g_assert_nonnull (strstr (html, "class=\"update key-moment\""));
  g_assert_nonnull (strstr (html, "Key moment"));
  g_assert_null (strstr (html, "Updated"));
  g_assert_null (strstr (html, "Load more updates"));

  /* Pinned on top, then newest first. */
  pinned = strstr (html, "id=\"post-pinned-1\"");
  key = strstr (html, "id=\"post-key-1\"");
  plain = strstr (html, "id=\"post-plain-1\"");
  g_assert_nonnull (pinned);
  g_assert_nonnull (key);
  g_assert_nonnull (plain);
  g_assert_true (pinned < plain && plain < key);

  liveline_test_fetch (&fetch, "PUT", put_url, LIVELINE_TEST_TOKEN, "application/json",
                       photo, -1, NULL);
  g_assert_cmpuint (liveline_test_fetch_status (&fetch), ==, 200);
  corrected = fetch_page (fixture, "/blogs/election");
  g_assert_nonnull (strstr (corrected, "Updated <time"));
}

static void
test_page_loads_more (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *more = NULL;
  const char *link;
  const char *end;

  for (guint i = 1; i <= 25; i++)
    {
      g_autofree char *key = g_strdup_printf ("key-%u", i);
      g_autofree char *json = g_strdup_printf ("{\"id\":\"u%02u\",\"headline\":\"Update %02u\","
                                               "\"body_markdown\":\"Text\","
                                               "\"created_at\":\"2026-11-24T21:00:00Z\"}", i, i);

      publish (fixture, key, json);
    }

  first = fetch_page (fixture, "/blogs/election");
  g_assert_nonnull (strstr (first, "<h2>Update 25</h2>"));
  g_assert_nonnull (strstr (first, "<h2>Update 06</h2>"));
  g_assert_null (strstr (first, "<h2>Update 05</h2>"));

  link = strstr (first, "<a href=\"/blogs/election?before=");
  g_assert_nonnull (link);
  link += strlen ("<a href=\"");
  end = strchr (link, '"');
  more = g_strndup (link, end - link);
  g_assert_nonnull (strstr (end, ">Load more updates</a>"));

  second = fetch_page (fixture, more);
  g_assert_nonnull (strstr (second, "<h2>Update 05</h2>"));
  g_assert_nonnull (strstr (second, "<h2>Update 01</h2>"));
  g_assert_null (strstr (second, "<h2>Update 06</h2>"));
  g_assert_null (strstr (second, "Load more updates"));
}

static void
test_page_unknown_blog (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autofree char *url = liveline_test_server_url (fixture->server, "/blogs/nothing-here");
  g_autofree char *media = liveline_test_server_url (fixture->server, "/media/none.jpg");
  g_auto(LivelineTestFetch) fetch = { 0 };

  liveline_test_fetch (&fetch, "GET", url, NULL, NULL, NULL, 0, NULL);
  g_assert_cmpuint (liveline_test_fetch_status (&fetch), ==, 404);
  liveline_test_fetch (&fetch, "GET", media, NULL, NULL, NULL, 0, NULL);
  g_assert_cmpuint (liveline_test_fetch_status (&fetch), ==, 404);
}

/* Fault plans */

static void
set_plan (Fixture    *fixture,
          const char *plan)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (liveline_server_set_fault_plan (fixture->server, plan, &error));
  g_assert_no_error (error);
}

static void
list (Fixture           *fixture,
      LivelineTestFetch *fetch)
{
  g_autofree char *url = liveline_test_server_url (fixture->server,
                                                   "/api/v1/blogs/election/posts");

  liveline_test_fetch (fetch, "GET", url, LIVELINE_TEST_TOKEN, NULL, NULL, 0, NULL);
}

static void
test_fault_status (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_auto(LivelineTestFetch) fetch = { 0 };

  set_plan (fixture, "# the second request is refused\n"
                     "request 2 status 503 retry-after 7\n"
                     "every 3 status 429\n");

  list (fixture, &fetch);
  g_assert_cmpuint (liveline_test_fetch_status (&fetch), ==, 200);
  list (fixture, &fetch);
  liveline_test_assert_problem (&fetch, 503, "unavailable");
  g_assert_cmpstr (liveline_test_fetch_header (&fetch, "Retry-After"), ==, "7");
  list (fixture, &fetch);
  liveline_test_assert_problem (&fetch, 429, "rate-limited");
  g_assert_cmpstr (liveline_test_fetch_header (&fetch, "Retry-After"), ==, "1");
  list (fixture, &fetch);
  g_assert_cmpuint (liveline_test_fetch_status (&fetch), ==, 200);
}

static void
test_fault_status_does_nothing (Fixture       *fixture,
                                gconstpointer  user_data)
{
  const char *json = "{\"id\":\"once\",\"body_markdown\":\"x\","
                     "\"created_at\":\"2026-11-24T21:00:00Z\"}";
  g_autofree char *url = liveline_test_server_url (fixture->server,
                                                   "/api/v1/blogs/election/posts");
  g_autoptr(JsonObject) page = NULL;
  g_auto(LivelineTestFetch) fetch = { 0 };

  set_plan (fixture, "request 1 status 500");
  liveline_test_fetch (&fetch, "POST", url, LIVELINE_TEST_TOKEN, "application/json", json, -1,
                       "Idempotency-Key", "k", NULL);
  liveline_test_assert_problem (&fetch, 500, "server-error");

  list (fixture, &fetch);
  page = liveline_test_fetch_json (&fetch);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (page, "posts")), ==, 0);
}

static void
test_fault_delay (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autofree char *healthz = liveline_test_server_url (fixture->server, "/healthz");
  g_auto(LivelineTestFetch) fetch = { 0 };
  g_auto(LivelineTestFetch) health = { 0 };
  gint64 start;
  gint64 elapsed;

  set_plan (fixture, "request 1 delay 400");

  start = g_get_monotonic_time ();
  list (fixture, &fetch);
  elapsed = (g_get_monotonic_time () - start) / 1000;
  g_assert_cmpuint (liveline_test_fetch_status (&fetch), ==, 200);
  g_assert_cmpint (elapsed, >=, 400);

  /* A delayed answer holds up no one else. */
  set_plan (fixture, "request 1 delay 3000");
  {
    g_autoptr(SoupSession) session = soup_session_new ();
    g_autoptr(SoupMessage) slow = NULL;
    g_autofree char *url = liveline_test_server_url (fixture->server,
                                                     "/api/v1/blogs/election/posts");

    slow = soup_message_new ("GET", url);
    soup_session_send_and_read_async (session, slow, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
    start = g_get_monotonic_time ();
    liveline_test_fetch (&health, "GET", healthz, NULL, NULL, NULL, 0, NULL);
    g_assert_cmpuint (liveline_test_fetch_status (&health), ==, 200);
    g_assert_cmpint ((g_get_monotonic_time () - start) / 1000, <, 2000);
    soup_session_abort (session);
  }
}

static void
set_true (gpointer user_data)
{
  *(gboolean *)user_data = TRUE;
}

static void
on_slow_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (object), result,
                                                              NULL);

  set_true (user_data);
}

static gboolean
is_true (gpointer user_data)
{
  return *(gboolean *)user_data;
}

/* The server stops while a request waits out its delay: when the delay
 * ends, there is nobody to answer, and nothing happens.
 */
static void
test_fault_delay_outlives_server (Fixture       *fixture,
                                  gconstpointer  user_data)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) slow = NULL;
  g_autofree char *url = liveline_test_server_url (fixture->server,
                                                   "/api/v1/blogs/election/posts");
  gboolean sent = FALSE;
  gboolean done = FALSE;

  set_plan (fixture, "request 1 delay 1000");

  slow = soup_message_new ("GET", url);
  g_signal_connect_swapped (slow, "wrote-headers", G_CALLBACK (set_true), &sent);
  soup_session_send_and_read_async (session, slow, G_PRIORITY_DEFAULT, NULL, on_slow_done, &done);
  g_assert_true (liveline_test_wait_for (is_true, &sent, 10000));
  liveline_test_run_for (200);
  g_assert_false (done);

  liveline_server_disconnect (fixture->server);
  liveline_test_run_for (1500);
  g_assert_true (done);
}

static void
test_fault_drop (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_auto(LivelineTestFetch) fetch = { 0 };

  set_plan (fixture, "request 1 drop");

  list (fixture, &fetch);
  g_assert_nonnull (fetch.error);
  g_assert_false (g_error_matches (fetch.error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED));
  g_assert_null (fetch.body);

  list (fixture, &fetch);
  g_assert_cmpuint (liveline_test_fetch_status (&fetch), ==, 200);
}

static void
test_fault_garbage (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = NULL;
  g_auto(LivelineTestFetch) fetch = { 0 };

  set_plan (fixture, "request 1 garbage");

  list (fixture, &fetch);
  g_assert_cmpuint (liveline_test_fetch_status (&fetch), ==, 200);
  text = liveline_test_fetch_text (&fetch);
  g_assert_false (json_parser_load_from_data (parser, text, -1, NULL));
}

static void
test_fault_plan_rejects_bad_lines (void)
{
  g_autoptr(LivelineServer) server = liveline_server_new ();
  const char *bad[] = {
    "request 0 drop", "request x drop", "every 2 status 200", "request 1 delay", "sometimes drop",
    "request 1 status 503 retry-after", "request 1 drop now",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *plan = g_strdup_printf ("# fine\n\nrequest 1 drop\n%s\n", bad[i]);

      g_assert_false (liveline_server_set_fault_plan (server, plan, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      g_assert_nonnull (strstr (error->message, "Line 4"));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/server-page/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("shows-updates", test_page_shows_updates);
  ADD ("loads-more", test_page_loads_more);
  ADD ("unknown-blog", test_page_unknown_blog);
  ADD ("fault/status", test_fault_status);
  ADD ("fault/status-does-nothing", test_fault_status_does_nothing);
  ADD ("fault/delay", test_fault_delay);
  ADD ("fault/delay-outlives-server", test_fault_delay_outlives_server);
  ADD ("fault/drop", test_fault_drop);
  ADD ("fault/garbage", test_fault_garbage);
  g_test_add_func ("/server-page/fault/rejects-bad-lines", test_fault_plan_rejects_bad_lines);

#undef ADD

  return g_test_run ();
}
