/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-post-html"

#include "config.h"

#include "liveline-post-html.h"
#include "liveline-post.h"

static LivelinePost *
make_post (void)
{
  LivelinePost *post = liveline_post_new ("c6b7f1a4-3e0d-4a8e-9d1c-6b2f0e5a7d93", 1);

  liveline_post_set_body (post, "Turnout was **high** <script>x</script>");
  return post;
}

static void
test_post_html_without_photo (void)
{
  g_autoptr(LivelinePost) post = make_post ();
  g_autofree char *html = liveline_post_html_render (post, NULL);
  g_autofree char *caption = liveline_post_html_caption_credit (post);

  g_assert_nonnull (strstr (html, "<strong>high</strong>"));
  g_assert_null (strstr (html, "<script>"));
  g_assert_null (strstr (html, "<figure"));
  g_assert_cmpstr (caption, ==, "");
}

static void
test_post_html_figure (void)
{
  g_autoptr(LivelinePost) post = make_post ();
  g_autofree char *html = NULL;
  g_autofree char *caption = NULL;

  liveline_post_set_image_caption (post, "Queues in Leeds & Bradford");
  liveline_post_set_image_credit (post, "Reuters");
  liveline_post_set_image_alt (post, "People \"queue\" outside a school");
  html = liveline_post_html_render (post, "https://example.com/p.jpg?a=1&b=2");
  caption = liveline_post_html_caption_credit (post);

  g_assert_nonnull (strstr (html, "<figure class=\"liveline-photo\"><img "
                                  "src=\"https://example.com/p.jpg?a=1&amp;b=2\" "
                                  "alt=\"People &quot;queue&quot; outside a school\">"
                                  "<figcaption>Queues in Leeds &amp; Bradford "
                                  "<span class=\"credit\">Credit: Reuters</span>"
                                  "</figcaption></figure>"));
  g_assert_cmpstr (caption, ==, "Queues in Leeds & Bradford Credit: Reuters");

  /* A credit alone still shows. */
  liveline_post_set_image_caption (post, NULL);
  g_clear_pointer (&caption, g_free);
  caption = liveline_post_html_caption_credit (post);
  g_assert_cmpstr (caption, ==, "Credit: Reuters");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/post-html/without-photo", test_post_html_without_photo);
  g_test_add_func ("/post-html/figure", test_post_html_figure);

  return g_test_run ();
}
