/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-image-prepare"

#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "liveline-image.h"
#include "liveline-test-image.h"
#include "liveline-test-util.h"

/* Preparing a photo as a task: where its copies go, and that it can be
 * cancelled and never holds up the main loop.
 */

/* Each copy has a name of its own, in a folder only its owner can read. */
static void
test_image_unique_private_copies (LivelineTestImageFixture *fixture,
                                  gconstpointer             user_data)
{
  g_autofree char *path = liveline_test_make_jpeg (fixture, "Genève talks.jpg", 640, 480,
                                                   LIVELINE_TEST_RED);
  g_autofree char *media_dir = g_build_filename (fixture->dir, "data", "liveline", "media", NULL);
  g_autoptr(LivelineImage) first = NULL;
  g_autoptr(LivelineImage) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autofree char *first_dir = NULL;
  GStatBuf buf;
  guint files = 0;

  first = liveline_test_prepare_image_full (path, media_dir, LIVELINE_TEST_IMAGE_SIZE,
                                            NULL, &error);
  g_assert_no_error (error);
  second = liveline_test_prepare_image_full (path, media_dir, LIVELINE_TEST_IMAGE_SIZE,
                                             NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (liveline_image_get_original_name (first), ==, "Genève talks.jpg");
  g_assert_cmpstr (liveline_image_get_path (first), !=, liveline_image_get_path (second));
  g_assert_cmpstr (liveline_image_get_thumbnail (first), !=,
                   liveline_image_get_thumbnail (second));

  first_dir = g_path_get_dirname (liveline_image_get_path (first));
  g_assert_cmpstr (first_dir, ==, media_dir);
  g_assert_true (g_file_test (liveline_image_get_path (second), G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (liveline_image_get_thumbnail (second), G_FILE_TEST_IS_REGULAR));

  g_assert_cmpint (g_stat (media_dir, &buf), ==, 0);
  g_assert_cmpint (buf.st_mode & 0777, ==, 0700);

  /* Two copies and two thumbnails, no temporary files left behind. */
  dir = g_dir_open (media_dir, 0, &error);
  g_assert_no_error (error);
  while (g_dir_read_name (dir) != NULL)
    files++;
  g_assert_cmpuint (files, ==, 4);

  /* The original is untouched. */
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

static void
test_image_cancelled_before (LivelineTestImageFixture *fixture,
                             gconstpointer             user_data)
{
  g_autofree char *path = liveline_test_make_jpeg (fixture, "photo.jpg", 640, 480,
                                                   LIVELINE_TEST_RED);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(LivelineImage) image = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);

  image = liveline_test_prepare_image_full (path, fixture->media_dir, LIVELINE_TEST_IMAGE_SIZE,
                                            cancellable, &error);
  g_assert_null (image);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (liveline_test_count_media_files (fixture), ==, 0);
}

/* The journalist drops a big photo, then removes it at once. */
static void
test_image_cancelled_while_running (LivelineTestImageFixture *fixture,
                                    gconstpointer             user_data)
{
  g_autoptr(GFile) file = g_file_new_for_path (liveline_test_big_jpeg ());
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LivelineImage) image = NULL;
  g_autoptr(GError) error = NULL;

  liveline_image_prepare_async (file, fixture->media_dir, LIVELINE_TEST_IMAGE_SIZE, cancellable,
                                liveline_test_keep_result, &result);
  g_cancellable_cancel (cancellable);
  g_assert_true (liveline_test_wait_for_result (&result, 60000));

  image = liveline_image_prepare_finish (result, &error);
  g_assert_null (image);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (liveline_test_count_media_files (fixture), ==, 0);
}

typedef struct
{
  gint64 last;
  gint64 longest;
} Heartbeat;

static gboolean
on_heartbeat (gpointer user_data)
{
  Heartbeat *heartbeat = user_data;
  gint64 now = g_get_monotonic_time ();

  heartbeat->longest = MAX (heartbeat->longest, now - heartbeat->last);
  heartbeat->last = now;

  return G_SOURCE_CONTINUE;
}

/* While a 96-megapixel photo is prepared, the window keeps drawing: the
 * main loop's longest pause is a small part of the whole time taken.
 */
static void
test_image_main_loop_keeps_running (LivelineTestImageFixture *fixture,
                                    gconstpointer             user_data)
{
  g_autoptr(GFile) file = g_file_new_for_path (liveline_test_big_jpeg ());
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LivelineImage) image = NULL;
  g_autoptr(GError) error = NULL;
  Heartbeat heartbeat = { 0 };
  gint64 start;
  gint64 total;
  guint source_id;

  start = heartbeat.last = g_get_monotonic_time ();
  source_id = g_timeout_add (5, on_heartbeat, &heartbeat);
  liveline_image_prepare_async (file, fixture->media_dir, LIVELINE_TEST_IMAGE_SIZE, NULL,
                                liveline_test_keep_result, &result);
  g_assert_true (liveline_test_wait_for_result (&result, 60000));
  total = g_get_monotonic_time () - start;
  on_heartbeat (&heartbeat);
  g_source_remove (source_id);

  image = liveline_image_prepare_finish (result, &error);
  g_assert_no_error (error);

  g_test_message ("prepared in %" G_GINT64_FORMAT " ms, longest pause %" G_GINT64_FORMAT " ms",
                  total / 1000, heartbeat.longest / 1000);
  g_assert_cmpint (heartbeat.longest * 2, <, total);
}

int
main (int   argc,
      char *argv[])
{
  liveline_test_image_init (&argc, &argv);

  LIVELINE_TEST_IMAGE_ADD ("unique-private-copies", test_image_unique_private_copies);
  LIVELINE_TEST_IMAGE_ADD ("cancelled-before", test_image_cancelled_before);
  LIVELINE_TEST_IMAGE_ADD ("cancelled-while-running", test_image_cancelled_while_running);
  LIVELINE_TEST_IMAGE_ADD ("main-loop-keeps-running", test_image_main_loop_keeps_running);

  return liveline_test_image_run ();
}
