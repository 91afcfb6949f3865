/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-publisher"

#include "config.h"

#include "liveline-publisher.h"

/* The outbox schedules its next attempt from the Retry-After the error
 * carries, after the error went through a GTask and maybe a copy.
 */
static void
test_error_keeps_retry_after (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) copy = NULL;
  g_autoptr(GError) other = NULL;
  g_autoptr(GError) propagated = NULL;

  error = liveline_publisher_error_new_literal (LIVELINE_PUBLISHER_ERROR_TRANSIENT, 2,
                                                "The server cannot answer now.");
  g_assert_error (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_TRANSIENT);
  g_assert_cmpstr (error->message, ==, "The server cannot answer now.");
  g_assert_cmpuint (liveline_publisher_error_get_retry_after (error), ==, 2);

  copy = g_error_copy (error);
  g_assert_error (copy, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_TRANSIENT);
  g_assert_cmpuint (liveline_publisher_error_get_retry_after (copy), ==, 2);

  g_propagate_prefixed_error (&propagated, g_steal_pointer (&copy), "Sending: ");
  g_assert_cmpuint (liveline_publisher_error_get_retry_after (propagated), ==, 2);
  g_assert_true (g_str_has_prefix (propagated->message, "Sending: "));

  /* Errors without a Retry-After, and errors of other domains, say 0. */
  other = g_error_new_literal (LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_PERMANENT,
                               "No.");
  g_assert_cmpuint (liveline_publisher_error_get_retry_after (other), ==, 0);
  g_clear_error (&other);
  other = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");
  g_assert_cmpuint (liveline_publisher_error_get_retry_after (other), ==, 0);
  g_assert_cmpuint (liveline_publisher_error_get_retry_after (NULL), ==, 0);
}

static void
test_remote_post_copy (void)
{
  g_autoptr(LivelineRemotePost) post = g_new0 (LivelineRemotePost, 1);
  g_autoptr(LivelineRemotePost) copy = NULL;
  g_autoptr(LivelineRemoteMedia) media = g_new0 (LivelineRemoteMedia, 1);
  g_autoptr(LivelineRemoteMedia) media_copy = NULL;

  post->id = g_strdup ("9b2e7c50");
  post->url = g_strdup ("http://127.0.0.1:8080/blogs/election#post-9b2e7c50");
  post->revision = 2;
  post->published_at = g_date_time_new_utc (2026, 11, 24, 21, 50, 7);

  copy = g_boxed_copy (LIVELINE_TYPE_REMOTE_POST, post);
  g_assert_cmpstr (copy->id, ==, "9b2e7c50");
  g_assert_cmpstr (copy->url, ==, post->url);
  g_assert_cmpuint (copy->revision, ==, 2);
  g_assert_true (g_date_time_equal (copy->published_at, post->published_at));
  g_assert_null (copy->updated_at);

  media->id = g_strdup ("3f0d6c1e");
  media->width = 2048;
  media->height = 1365;
  media_copy = g_boxed_copy (LIVELINE_TYPE_REMOTE_MEDIA, media);
  g_assert_cmpstr (media_copy->id, ==, "3f0d6c1e");
  g_assert_null (media_copy->url);
  g_assert_cmpuint (media_copy->width, ==, 2048);
  g_assert_cmpuint (media_copy->height, ==, 1365);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/publisher/error-keeps-retry-after", test_error_keeps_retry_after);
  g_test_add_func ("/publisher/remote-post-copy", test_remote_post_copy);

  return g_test_run ();
}
