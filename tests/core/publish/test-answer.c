/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-answer"

#include "config.h"

#include <string.h>

#include "liveline-answer.h"
#include "liveline-endpoint-url.h"
#include "liveline-publisher.h"
#include "liveline-request-guard.h"

/* What every publisher does with an endpoint's answer before it believes
 * it: JSON bounded in size and depth, NULs that would cut text short, the
 * addresses that may be opened, and how long Retry-After may make an
 * update wait.
 */

static GBytes *
nested (const char *open,
        guint       depth)
{
  GString *text = g_string_sized_new (depth + 16);

  for (guint i = 0; i < depth; i++)
    g_string_append (text, open);

  return g_string_free_to_bytes (text);
}

static void
test_parse_deep (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) brackets = nested ("[", 100000);
  g_autoptr(GBytes) braces = nested ("{\"a\":", 100000);
  g_autoptr(JsonNode) root = NULL;

  /* 100,000 levels crashed json-glib's parser with a stack overflow */
  root = liveline_answer_parse_json (brackets, LIVELINE_ANSWER_MAX_POST_SIZE, &error);
  g_assert_null (root);
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_PERMANENT);
  g_assert_nonnull (strstr (error->message, "nested deeper than Liveline reads (64 levels"));
  g_clear_error (&error);

  root = liveline_answer_parse_json (braces, LIVELINE_ANSWER_MAX_POST_SIZE, &error);
  g_assert_null (root);
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_PERMANENT);
}

static void
test_parse_depth_limit (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) deepest = g_string_new (NULL);
  g_autoptr(GString) too_deep = g_string_new (NULL);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonNode) root = NULL;

  for (guint i = 0; i < LIVELINE_ANSWER_MAX_DEPTH; i++)
    g_string_append_c (deepest, '[');
  for (guint i = 0; i < LIVELINE_ANSWER_MAX_DEPTH; i++)
    g_string_append_c (deepest, ']');
  g_string_append_printf (too_deep, "[%s]", deepest->str);

  body = g_bytes_new (deepest->str, deepest->len);
  root = liveline_answer_parse_json (body, LIVELINE_ANSWER_MAX_POST_SIZE, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  g_clear_pointer (&root, json_node_unref);
  g_clear_pointer (&body, g_bytes_unref);

  body = g_bytes_new (too_deep->str, too_deep->len);
  root = liveline_answer_parse_json (body, LIVELINE_ANSWER_MAX_POST_SIZE, &error);
  g_assert_null (root);
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_PERMANENT);
}

/* Brackets in strings are text, whatever escapes come before them. */
static void
test_parse_brackets_in_strings (void)
{
  g_autoptr(GString) text = g_string_new ("{\"headline\":\"\\\\\\\"");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonNode) root = NULL;
  const char *headline;

  for (guint i = 0; i < 1000; i++)
    g_string_append (text, "[{");
  g_string_append (text, "\"}");

  body = g_bytes_new (text->str, text->len);
  root = liveline_answer_parse_json (body, LIVELINE_ANSWER_MAX_POST_SIZE, &error);
  g_assert_no_error (error);
  headline = json_object_get_string_member (json_node_get_object (root), "headline");
  g_assert_cmpuint (strlen (headline), ==, 2 + 2000);
  g_assert_true (g_str_has_prefix (headline, "\\\"[{[{"));
}

static void
test_parse_size (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = g_bytes_new_static ("{\"id\":\"9b2e\"}", 13);
  g_autoptr(JsonNode) root = NULL;

  root = liveline_answer_parse_json (body, 12, &error);
  g_assert_null (root);
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_PERMANENT);
  g_assert_nonnull (strstr (error->message, "more data than Liveline reads"));
  g_clear_error (&error);

  root = liveline_answer_parse_json (body, 13, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "id"), ==, "9b2e");
}

static void
test_parse_garbage (void)
{
  const char *garbage[] = { "", "{\"id\": \"9b2e", "<h1>Internal error</h1>", "]]]]" };

  for (guint i = 0; i < G_N_ELEMENTS (garbage); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) body = g_bytes_new_static (garbage[i], strlen (garbage[i]));
      g_autoptr(JsonNode) root = liveline_answer_parse_json (body, 1000, &error);

      g_assert_null (root);
      g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_TRANSIENT);
    }
}

static void
test_parse_nul (void)
{
  static const char raw_nul[] = "{\"headline\":\"Polls\0close\"}";
  const char *text = "{\"headline\":\"Polls close\\u0000 in the north\","
                     "\"escaped\":\"C:\\\\u0000\"}";
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = g_bytes_new_static (text, strlen (text));
  g_autoptr(GBytes) raw = g_bytes_new_static (raw_nul, sizeof raw_nul - 1);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;

  /* Read as U+FFFD: the rest of the headline is still there. */
  root = liveline_answer_parse_json (body, 1000, &error);
  g_assert_no_error (error);
  object = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (object, "headline"), ==,
                   "Polls close\xEF\xBF\xBD in the north");
  /* An escaped backslash before "u0000" is no NUL. */
  g_assert_cmpstr (json_object_get_string_member (object, "escaped"), ==, "C:\\u0000");

  /* JSON never has a raw NUL. */
  g_clear_pointer (&root, json_node_unref);
  root = liveline_answer_parse_json (raw, 1000, &error);
  g_assert_null (root);
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_TRANSIENT);
}

static void
test_intact_text (void)
{
  g_assert_true (liveline_answer_is_intact_text ("9b2e7c50-4a1f"));
  g_assert_true (liveline_answer_is_intact_text ("https://example.com/über"));
  g_assert_false (liveline_answer_is_intact_text (NULL));
  g_assert_false (liveline_answer_is_intact_text (""));
  g_assert_false (liveline_answer_is_intact_text ("9b2e\xEF\xBF\xBD" "7c50"));
  g_assert_false (liveline_answer_is_intact_text ("9b2e\n7c50"));
  g_assert_false (liveline_answer_is_intact_text ("9b2e\x7f"));
  g_assert_false (liveline_answer_is_intact_text ("9b2e\xff"));
}

static void
test_uri_safe_to_open (void)
{
  const char *safe[] = {
    "https://example.com/live/syria-talks#post-9b2e",
    "HTTPS://example.com/",
    "http://127.0.0.1:8080/blogs/election",
    "http://127.1.2.3/",
    "http://localhost/blogs/election",
    "http://[::1]:8080/",
  };
  const char *unsafe[] = {
    NULL,
    "",
    "file:///etc/passwd",
    "javascript:alert(document.cookie)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "http://example.com/live",
    "http://192.168.1.10/",
    "ftp://example.com/",
    "https:///no-host",
    "/blogs/election",
    "https://example.com/\xEF\xBF\xBD",
    "https://example.com/\n",
    "smb://example.com/share",
  };

  for (guint i = 0; i < G_N_ELEMENTS (safe); i++)
    g_assert_true (liveline_uri_is_safe_to_open (safe[i]));
  for (guint i = 0; i < G_N_ELEMENTS (unsafe); i++)
    {
      if (liveline_uri_is_safe_to_open (unsafe[i]))
        g_error ("“%s” must not be opened", unsafe[i]);
    }
}

/* Addresses that a page or an answer names, made absolute against where
 * they were found; only web addresses come out, and no critical from GLib
 * (which the tests make fatal) for those whose host is lost on the way. */
static void
test_uri_resolve_web (void)
{
  const char *base = "https://example.com/live/syria-talks";
  const struct {
    const char *reference;
    const char *resolved;
  } cases[] = {
    { "https://example.com/micropub", "https://example.com/micropub" },
    { "/micropub", "https://example.com/micropub" },
    { "media", "https://example.com/live/media" },
    { "//cdn.example.com/media?site=2", "https://cdn.example.com/media?site=2" },
    { "HTTP://127.0.0.1:8080/micropub", "http://127.0.0.1:8080/micropub" },
    { "http://example.org/endpoint", "http://example.org/endpoint" },
    /* The host is lost as the dot segments go: GLib cannot write these. */
    { "s:/.//", NULL },
    { "https:/.//evil", NULL },
    { "https:/..//evil", NULL },
    { "http:/./..//evil.example/x", NULL },
    /* No host at all */
    { "https:evil", NULL },
    { "https:///no-host", NULL },
    { "//", NULL },
    /* Not the web's */
    { "file:///etc/passwd", NULL },
    { "javascript:alert(document.cookie)", NULL },
    { "data:text/html,<script>alert(1)</script>", NULL },
    { "ftp://example.com/", NULL },
    /* Damaged */
    { NULL, NULL },
    { "", NULL },
    { "https://example.com/\xEF\xBF\xBD", NULL },
    { "https://example.com/\n", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *resolved = liveline_uri_resolve_web (base, cases[i].reference);

      if (g_strcmp0 (resolved, cases[i].resolved) != 0)
        g_error ("“%s” was resolved to “%s”, not “%s”", cases[i].reference, resolved,
                 cases[i].resolved);
    }

  /* Against a base that is no address, nothing is. */
  g_assert_null (liveline_uri_resolve_web (NULL, "https://example.com/"));
  g_assert_null (liveline_uri_resolve_web ("not an address", "/micropub"));
  g_assert_null (liveline_uri_resolve_web ("s:/.//", "micropub"));
}

typedef struct
{
  const char *value;
  guint       seconds;
} RetryAfter;

static void
test_retry_after_parse (void)
{
  /* Now is 17:00 on a Friday. */
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 12, 4, 17, 0, 0);
  const RetryAfter cases[] = {
    { NULL, 0 },
    { "", 0 },
    { "0", 0 },
    { "120", 120 },
    { "3600", 3600 },
    { "3601", 3600 },
    /* five weeks */
    { "3000000", 3600 },
    /* seconds that once wrapped around to 0.7 s in milliseconds */
    { "4294968", 3600 },
    { "99999999999999999999999", 3600 },
    { "Fri, 04 Dec 2026 17:30:00 GMT", 1800 },
    { "Fri, 04 Dec 2026 18:00:00 GMT", 3600 },
    { "Sat, 05 Dec 2026 18:00:00 GMT", 3600 },
    /* in the past: no wait */
    { "Fri, 04 Dec 2026 16:00:00 GMT", 0 },
    { "Thu, 01 Jan 1970 00:00:00 GMT", 0 },
    /* garbage */
    { "-5", 0 },
    { "1.5", 0 },
    { "12abc", 0 },
    { "soon", 0 },
    { "Fri, 04 Dec 2026 25:00:00 GMT", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint seconds = liveline_request_parse_retry_after (cases[i].value, now);

      if (seconds != cases[i].seconds)
        g_error ("Retry-After: %s gave %u s, not %u s", cases[i].value, seconds, cases[i].seconds);
    }
}

/* The same rule read from an answer's headers, against the real clock. */
static guint
retry_after_of (const char *value)
{
  g_autoptr(SoupMessage) message = soup_message_new ("GET", "http://127.0.0.1/");

  soup_message_headers_replace (soup_message_get_response_headers (message), "Retry-After", value);

  return liveline_request_get_retry_after (message);
}

static void
test_retry_after_header (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) in_ten_minutes = g_date_time_add_minutes (now, 10);
  g_autoptr(GDateTime) in_two_days = g_date_time_add_days (now, 2);
  g_autoptr(GDateTime) yesterday = g_date_time_add_days (now, -1);
  g_autofree char *soon = soup_date_time_to_string (in_ten_minutes, SOUP_DATE_HTTP);
  g_autofree char *later = soup_date_time_to_string (in_two_days, SOUP_DATE_HTTP);
  g_autofree char *past = soup_date_time_to_string (yesterday, SOUP_DATE_HTTP);

  g_assert_cmpuint (retry_after_of ("30"), ==, 30);
  g_assert_cmpuint (retry_after_of ("4294968"), ==, 3600);
  g_assert_cmpuint (retry_after_of ("3000000"), ==, 3600);
  g_assert_cmpuint (retry_after_of ("99999999999999999999999"), ==, 3600);
  g_assert_cmpuint (retry_after_of (soon), >=, 590);
  g_assert_cmpuint (retry_after_of (soon), <=, 600);
  g_assert_cmpuint (retry_after_of (later), ==, 3600);
  g_assert_cmpuint (retry_after_of (past), ==, 0);
  g_assert_cmpuint (retry_after_of ("soon"), ==, 0);
}

static void
test_retry_after_error (void)
{
  g_autoptr(GError) error = liveline_publisher_error_new_literal (LIVELINE_PUBLISHER_ERROR_TRANSIENT,
                                                                  4294968, "Busy");

  g_assert_cmpuint (liveline_publisher_error_get_retry_after (error), ==,
                    LIVELINE_PUBLISHER_MAX_RETRY_AFTER);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/answer/parse/deep", test_parse_deep);
  g_test_add_func ("/answer/parse/depth-limit", test_parse_depth_limit);
  g_test_add_func ("/answer/parse/brackets-in-strings", test_parse_brackets_in_strings);
  g_test_add_func ("/answer/parse/size", test_parse_size);
  g_test_add_func ("/answer/parse/garbage", test_parse_garbage);
  g_test_add_func ("/answer/parse/nul", test_parse_nul);
  g_test_add_func ("/answer/intact-text", test_intact_text);
  g_test_add_func ("/answer/uri-safe-to-open", test_uri_safe_to_open);
  g_test_add_func ("/answer/uri-resolve-web", test_uri_resolve_web);
  g_test_add_func ("/answer/retry-after/parse", test_retry_after_parse);
  g_test_add_func ("/answer/retry-after/header", test_retry_after_header);
  g_test_add_func ("/answer/retry-after/error", test_retry_after_error);

  return g_test_run ();
}
