/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-post-published"

#include "config.h"

#include "liveline-post-private.h"

/* A published post against what the endpoint was sent: "edited" says that
 * the live page does not show what the journalist sees, and it is announced
 * as it changes, so a timeline row can follow it.
 */

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  (*(guint *)user_data)++;
}

/* A post as the outbox leaves it once the endpoint has accepted it. */
static LivelinePost *
make_published (const char *headline)
{
  LivelinePost *post = liveline_post_new (NULL, 1);
  g_autofree char *sent = NULL;

  liveline_post_set_headline (post, headline);
  liveline_post_set_body (post, "Delegates arrived at the Palais des Nations.");
  sent = _liveline_post_dup_sent_snapshot (post);
  _liveline_post_set_outcome (post, LIVELINE_POST_STATE_PUBLISHED, NULL);
  _liveline_post_set_published (post, sent);

  return post;
}

static void
test_edited_follows_the_content (void)
{
  g_autoptr(LivelinePost) post = make_published ("Talks resume in Genva");
  guint notified = 0;

  g_assert_false (liveline_post_get_edited (post));
  g_signal_connect (post, "notify::edited", G_CALLBACK (count_notify), &notified);

  liveline_post_set_headline (post, "Talks resume in Genev");
  g_assert_true (liveline_post_get_edited (post));
  g_assert_cmpuint (notified, ==, 1);

  /* Still edited as typing goes on: announced once. */
  liveline_post_set_headline (post, "Talks resume in Geneva");
  g_assert_true (liveline_post_get_edited (post));
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpstr (liveline_post_get_published_headline (post), ==, "Talks resume in Genva");

  liveline_post_set_headline (post, "Talks resume in Genva");
  g_assert_false (liveline_post_get_edited (post));
  g_assert_cmpuint (notified, ==, 2);

  liveline_post_set_key_moment (post, TRUE);
  g_assert_true (liveline_post_get_edited (post));
  g_assert_cmpuint (notified, ==, 3);

  /* Queued: no longer "edited", but on its way. */
  _liveline_post_set_outcome (post, LIVELINE_POST_STATE_QUEUED, NULL);
  g_assert_false (liveline_post_get_edited (post));
  g_assert_cmpuint (notified, ==, 4);
}

/* A draft, or a post whose sent content is not known, is never "edited". */
static void
test_edited_needs_what_was_sent (void)
{
  g_autoptr(LivelinePost) draft = liveline_post_new (NULL, 1);
  g_autoptr(LivelinePost) unknown = liveline_post_new (NULL, 1);
  g_autoptr(LivelinePost) unreadable = make_published ("Talks resume");

  liveline_post_set_headline (draft, "Talks resume");
  g_assert_false (liveline_post_get_edited (draft));

  _liveline_post_set_outcome (unknown, LIVELINE_POST_STATE_PUBLISHED, NULL);
  liveline_post_set_headline (unknown, "Talks resume");
  g_assert_false (liveline_post_get_edited (unknown));
  g_assert_null (liveline_post_get_published_headline (unknown));

  _liveline_post_set_published (unreadable, "{not json");
  liveline_post_set_headline (unreadable, "Talks resume on Monday");
  g_assert_false (liveline_post_get_edited (unreadable));
}

/* The photo is the same file even when the data folder moved since. */
static void
test_edited_photo_by_file_name (void)
{
  g_autoptr(LivelinePost) post = make_published ("Arrivals");

  _liveline_post_set_published (post,
                                "{\"headline\":\"Arrivals\","
                                "\"body\":\"Delegates arrived at the Palais des Nations.\","
                                "\"image_path\":\"/home/ana/old/liveline/media/4f1c.jpg\","
                                "\"image_caption\":\"\",\"image_credit\":\"Reuters\","
                                "\"image_alt\":\"\",\"pinned\":false,\"key_moment\":false}");
  g_assert_true (liveline_post_get_edited (post));

  g_object_freeze_notify (G_OBJECT (post));
  g_free (post->image_path);
  post->image_path = g_strdup ("/home/ana/.local/share/liveline/media/4f1c.jpg");
  _liveline_post_notify_image (post);
  liveline_post_set_image_credit (post, "Reuters");
  g_object_thaw_notify (G_OBJECT (post));
  g_assert_false (liveline_post_get_edited (post));

  g_free (post->image_path);
  post->image_path = g_strdup ("/home/ana/.local/share/liveline/media/77aa.jpg");
  _liveline_post_notify_image (post);
  g_assert_true (liveline_post_get_edited (post));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/post-published/edited-follows-the-content", test_edited_follows_the_content);
  g_test_add_func ("/post-published/edited-needs-what-was-sent", test_edited_needs_what_was_sent);
  g_test_add_func ("/post-published/edited-photo-by-file-name", test_edited_photo_by_file_name);

  return g_test_run ();
}
