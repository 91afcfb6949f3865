/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "bench-image"

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gexiv2/gexiv2.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "liveline-image.h"
#include "liveline-test-util.h"

/* Prepares a 24-megapixel camera JPEG the way a post attaches it (turned
 * upright, scaled to 2048 pixels, stripped, encoded, with its thumbnail) and
 * prints how long that takes next to ImageMagick's
 * `convert in.jpg -resize 2048x2048 out.jpg` on the same file.
 * build-aux/bench-image builds and runs it.
 */

#define RUNS   5
#define WIDTH  6000
#define HEIGHT 4000

static int
compare_times (gconstpointer a,
               gconstpointer b)
{
  gint64 first = *(const gint64 *)a;
  gint64 second = *(const gint64 *)b;

  return (first > second) - (first < second);
}

static double
median_ms (gint64 *times)
{
  qsort (times, RUNS, sizeof times[0], compare_times);

  return times[RUNS / 2] / 1000.0;
}

/* Smooth gradients with a little noise: about the detail, and the file
 * size, of a real photo (a picture of pure noise would be far larger).
 */
static void
make_photo (const char *path)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, WIDTH, HEIGHT);
  g_autoptr(GExiv2Metadata) metadata = gexiv2_metadata_new ();
  g_autoptr(GError) error = NULL;
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int rowstride = gdk_pixbuf_get_rowstride (pixbuf);
  guint32 seed = 1;

  for (int y = 0; y < HEIGHT; y++)
    {
      for (int x = 0; x < WIDTH; x++)
        {
          guint8 *pixel = pixels + (gsize)y * rowstride + x * 3;
          int noise;

          seed = seed * 1103515245 + 12345;
          noise = (int)((seed >> 16) % 25) - 12;
          pixel[0] = CLAMP (x * 255 / WIDTH + noise, 0, 255);
          pixel[1] = CLAMP (y * 255 / HEIGHT + noise, 0, 255);
          pixel[2] = CLAMP (((x / 40 + y / 40) % 2) * 96 + 64 + noise, 0, 255);
        }
    }

  gdk_pixbuf_save (pixbuf, path, "jpeg", &error, "quality", "92", NULL);
  g_assert_no_error (error);

  /* Held sideways, with a location: the work a real phone photo needs. */
  gexiv2_metadata_open_path (metadata, path, &error);
  g_assert_no_error (error);
  gexiv2_metadata_try_set_tag_long (metadata, "Exif.Image.Orientation", 6, &error);
  g_assert_no_error (error);
  gexiv2_metadata_try_set_gps_info (metadata, 6.1432, 46.2044, 375.0, &error);
  g_assert_no_error (error);
  gexiv2_metadata_try_set_tag_string (metadata, "Iptc.Application2.Credit", "Reuters", &error);
  g_assert_no_error (error);
  gexiv2_metadata_save_file (metadata, path, &error);
  g_assert_no_error (error);
}

static gint64
time_liveline (const char *input,
               const char *dir,
               guint       run)
{
  g_autoptr(GFile) file = g_file_new_for_path (input);
  g_autofree char *media_dir = g_strdup_printf ("%s/media-%u", dir, run);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LivelineImage) image = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;
  gint64 elapsed;

  start = g_get_monotonic_time ();
  liveline_image_prepare_async (file, media_dir, 2048, NULL, liveline_test_keep_result, &result);
  if (!liveline_test_wait_for_result (&result, 600000))
    g_error ("Preparing the photo took over ten minutes");
  image = liveline_image_prepare_finish (result, &error);
  elapsed = g_get_monotonic_time () - start;
  g_assert_no_error (error);

  if (run == 0)
    printf ("liveline:    %s, %u × %u\n", liveline_image_get_content_type (image),
            liveline_image_get_width (image), liveline_image_get_height (image));

  return elapsed;
}

static gint64
time_convert (const char *convert,
              const char *input,
              const char *dir)
{
  g_autofree char *output = g_build_filename (dir, "convert.jpg", NULL);
  const char *argv[] = { convert, input, "-resize", "2048x2048", output, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;
  gint64 start;

  start = g_get_monotonic_time ();
  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status,
                &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);

  return g_get_monotonic_time () - start;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *input = NULL;
  gint64 liveline_times[RUNS];
  gint64 convert_times[RUNS];
  double liveline_ms;
  double convert_ms;
  GStatBuf buf;

  if (argc != 2)
    {
      g_printerr ("Usage: %s CONVERT\n  CONVERT: the path of ImageMagick's convert\n", argv[0]);
      return EXIT_FAILURE;
    }

  gexiv2_initialize ();

  dir = g_dir_make_tmp ("liveline-bench-image-XXXXXX", &error);
  g_assert_no_error (error);
  input = g_build_filename (dir, "camera.jpg", NULL);

  make_photo (input);
  g_assert_cmpint (g_stat (input, &buf), ==, 0);
  printf ("input:       %d × %d JPEG, %.1f MB, Exif orientation 6, GPS\n",
          WIDTH, HEIGHT, buf.st_size / 1e6);

  /* One run of each first, so both start with the file in the page cache. */
  time_liveline (input, dir, RUNS);
  time_convert (argv[1], input, dir);

  for (guint i = 0; i < RUNS; i++)
    {
      liveline_times[i] = time_liveline (input, dir, i);
      convert_times[i] = time_convert (argv[1], input, dir);
    }

  liveline_ms = median_ms (liveline_times);
  convert_ms = median_ms (convert_times);

  printf ("liveline_image_prepare:             median of %d: %7.1f ms\n", RUNS, liveline_ms);
  printf ("convert in.jpg -resize 2048x2048:   median of %d: %7.1f ms\n", RUNS, convert_ms);
  printf ("liveline takes %.2f× the time of convert\n", liveline_ms / convert_ms);

  liveline_test_remove_tree (dir);

  return EXIT_SUCCESS;
}
