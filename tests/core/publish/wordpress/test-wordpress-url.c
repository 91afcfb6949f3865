/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-wordpress-url"

#include "config.h"

#include "liveline-wordpress-publisher-private.h"

/* The addresses LivelineWordpressPublisher makes, in the forms WordPress
 * sites come in that the integration suite's one WordPress does not show:
 * sites in a folder, without pretty permalinks, with other Link headers. */

static void
test_find_link (void)
{
  static const struct { const char *header; const char *target; } cases[] = {
    { "<https://news.example.com/wp-json/>; rel=\"https://api.w.org/\"",
      "https://news.example.com/wp-json/" },
    /* Several headers, as libsoup joins them, WordPress's API not first. */
    { "<https://news.example.com/?p=6>; rel=shortlink, "
      "<https://news.example.com/wp-json/wp/v2/posts/6>; rel=\"alternate\"; type=\"application/json\", "
      "<https://news.example.com/blog/wp-json/>; rel=\"https://api.w.org/\"",
      "https://news.example.com/blog/wp-json/" },
    /* Without pretty permalinks. */
    { "<https://news.example.com/?rest_route=/>; rel=\"https://api.w.org/\"",
      "https://news.example.com/?rest_route=/" },
    /* Relations are a list; parameters may come before rel. */
    { "<https://news.example.com/wp-json/>; title=\"A, B\"; rel=\"preload https://api.w.org/\"",
      "https://news.example.com/wp-json/" },
    /* Named, but only as part of another relation. */
    { "<https://news.example.com/wp-json/>; rel=\"https://api.w.org/extra\"", NULL },
    { "<https://news.example.com/feed/>; rel=alternate", NULL },
    { "garbage", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *target = _liveline_wordpress_find_link (cases[i].header, "https://api.w.org/");

      g_assert_cmpstr (target, ==, cases[i].target);
    }
}

static void
test_build_url (void)
{
  static const struct { const char *root; const char *route; const char *url; } cases[] = {
    { "https://news.example.com/wp-json/", "wp/v2/users/me",
      "https://news.example.com/wp-json/wp/v2/users/me" },
    { "https://news.example.com/wp-json/", "wp/v2/posts?slug=liveline-a&status=any",
      "https://news.example.com/wp-json/wp/v2/posts?slug=liveline-a&status=any" },
    /* The route goes inside rest_route, its query after it. */
    { "https://news.example.com/?rest_route=/", "wp/v2/users/me",
      "https://news.example.com/?rest_route=/wp/v2/users/me" },
    { "https://news.example.com/?rest_route=/", "wp/v2/posts?slug=liveline-a&status=any",
      "https://news.example.com/?rest_route=/wp/v2/posts&slug=liveline-a&status=any" },
    { "https://news.example.com/blog/index.php?rest_route=%2F", "wp/v2/media/12",
      "https://news.example.com/blog/index.php?rest_route=/wp/v2/media/12" },
    { "https://news.example.com/?lang=fr&rest_route=/", "wp/v2/media?slug=liveline-b",
      "https://news.example.com/?lang=fr&rest_route=/wp/v2/media&slug=liveline-b" },
    /* A root with a query of another kind keeps it after the route. */
    { "https://news.example.com/wp-json/?lang=fr", "wp/v2/posts?slug=liveline-c",
      "https://news.example.com/wp-json/wp/v2/posts?lang=fr&slug=liveline-c" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *url = _liveline_wordpress_build_url (cases[i].root, cases[i].route);

      g_assert_cmpstr (url, ==, cases[i].url);
    }
}

static void
test_slug (void)
{
  static const struct { const char *key; const char *slug; } cases[] = {
    { "9B2E7C50-4A1F-4C47-9F43-0E6D1F2B8A11", "liveline-9b2e7c50-4a1f-4c47-9f43-0e6d1f2b8a11" },
    { "9b2e7c50-4a1f-4c47-9f43-0e6d1f2b8a11-photo", "liveline-9b2e7c50-4a1f-4c47-9f43-0e6d1f2b8a11-photo" },
    { "a key/with spaces__and-é", "liveline-a-key-with-spaces-and" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *slug = _liveline_wordpress_slug_for (cases[i].key);

      g_assert_cmpstr (slug, ==, cases[i].slug);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wordpress-url/find-link", test_find_link);
  g_test_add_func ("/wordpress-url/build-url", test_build_url);
  g_test_add_func ("/wordpress-url/slug", test_slug);

  return g_test_run ();
}
