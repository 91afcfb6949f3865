/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-test-image"

#include "config.h"

#include <gexiv2/gexiv2.h>

#include "liveline-test-image.h"
#include "liveline-test-util.h"

/* What the photo tests share. Every picture is made by the test itself:
 * gdk-pixbuf draws and encodes it, GExiv2 writes its metadata, and the
 * damaged ones are cut or crafted byte by byte.
 */

/* A 12000 × 8000 JPEG takes most of a second to make: it is made once for
 * the tests that need it.
 */
static char *big_jpeg_dir;
static char *big_jpeg;

void
liveline_test_image_set_up (LivelineTestImageFixture *fixture,
                            gconstpointer             user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("liveline-image-XXXXXX", &error);
  g_assert_no_error (error);

  /* Not made beforehand: preparing a photo makes it. */
  fixture->media_dir = g_build_filename (fixture->dir, "media", NULL);
}

void
liveline_test_image_tear_down (LivelineTestImageFixture *fixture,
                               gconstpointer             user_data)
{
  liveline_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->media_dir);
}

/**
 * liveline_test_image_path:
 * @fixture: the test's fixture
 * @name: a file name
 *
 * Returns: (transfer full): the path of @name in the test's own folder
 */
char *
liveline_test_image_path (LivelineTestImageFixture *fixture,
                          const char               *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

/**
 * liveline_test_count_media_files:
 * @fixture: the test's fixture
 *
 * Returns: how many files the media folder holds; none when it does not
 *   exist
 */
guint
liveline_test_count_media_files (LivelineTestImageFixture *fixture)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->media_dir, 0, NULL);
  guint count = 0;

  if (dir == NULL)
    return 0;

  while (g_dir_read_name (dir) != NULL)
    count++;

  return count;
}

/**
 * liveline_test_prepare_image_full:
 * @path: the original
 * @media_dir: where the copies go
 * @max_size: the longest edge of the copy
 * @cancellable: (nullable): a cancellable
 * @error: where the error goes
 *
 * Prepares @path and waits for it.
 *
 * Returns: (transfer full) (nullable): the prepared photo
 */
LivelineImage *
liveline_test_prepare_image_full (const char    *path,
                                  const char    *media_dir,
                                  guint          max_size,
                                  GCancellable  *cancellable,
                                  GError       **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;

  liveline_image_prepare_async (file, media_dir, max_size, cancellable,
                                liveline_test_keep_result, &result);
  g_assert_true (liveline_test_wait_for_result (&result, 60000));

  return liveline_image_prepare_finish (result, error);
}

/**
 * liveline_test_prepare_image:
 * @fixture: the test's fixture
 * @path: the original
 * @max_size: the longest edge of the copy
 *
 * Prepares @path into the fixture's media folder; the test fails unless it
 * succeeds.
 *
 * Returns: (transfer full): the prepared photo
 */
LivelineImage *
liveline_test_prepare_image (LivelineTestImageFixture *fixture,
                             const char               *path,
                             guint                     max_size)
{
  g_autoptr(GError) error = NULL;
  LivelineImage *image;

  image = liveline_test_prepare_image_full (path, fixture->media_dir, max_size, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (LIVELINE_IS_IMAGE (image));

  return image;
}

/**
 * liveline_test_make_pixbuf:
 * @width: its width
 * @height: its height
 * @has_alpha: whether it has an alpha channel
 * @rgba: the colour of every pixel
 *
 * Returns: (transfer full): a picture of one colour
 */
GdkPixbuf *
liveline_test_make_pixbuf (int      width,
                           int      height,
                           gboolean has_alpha,
                           guint32  rgba)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, has_alpha, 8, width, height);

  g_assert_nonnull (pixbuf);
  gdk_pixbuf_fill (pixbuf, rgba);

  return pixbuf;
}

void
liveline_test_save_pixbuf (GdkPixbuf  *pixbuf,
                           const char *path,
                           const char *type)
{
  g_autoptr(GError) error = NULL;

  gdk_pixbuf_save (pixbuf, path, type, &error, NULL);
  g_assert_no_error (error);
}

/**
 * liveline_test_make_jpeg:
 * @fixture: the test's fixture
 * @name: a file name
 * @width: its width
 * @height: its height
 * @rgba: the colour of every pixel
 *
 * Returns: (transfer full): the path of a new JPEG of one colour in the
 *   test's own folder
 */
char *
liveline_test_make_jpeg (LivelineTestImageFixture *fixture,
                         const char               *name,
                         int                       width,
                         int                       height,
                         guint32                   rgba)
{
  g_autoptr(GdkPixbuf) pixbuf = liveline_test_make_pixbuf (width, height, FALSE, rgba);
  char *path = liveline_test_image_path (fixture, name);

  liveline_test_save_pixbuf (pixbuf, path, "jpeg");

  return path;
}

/**
 * liveline_test_set_tags:
 * @path: a picture
 * @...: tag, value pairs, then %NULL
 *
 * Writes the tags into @path's metadata.
 */
void
liveline_test_set_tags (const char *path,
                              ...)
{
  g_autoptr(GExiv2Metadata) metadata = gexiv2_metadata_new ();
  g_autoptr(GError) error = NULL;
  const char *tag;
  va_list args;

  gexiv2_metadata_open_path (metadata, path, &error);
  g_assert_no_error (error);

  va_start (args, path);
  while ((tag = va_arg (args, const char *)) != NULL)
    {
      const char *value = va_arg (args, const char *);

      gexiv2_metadata_try_set_tag_string (metadata, tag, value, &error);
      g_assert_no_error (error);
    }
  va_end (args);

  gexiv2_metadata_save_file (metadata, path, &error);
  g_assert_no_error (error);
}

/**
 * liveline_test_assert_no_metadata:
 * @path: a stored copy
 *
 * The stored copies must carry nothing but the picture.
 */
void
liveline_test_assert_no_metadata (const char *path)
{
  g_autoptr(GExiv2Metadata) metadata = gexiv2_metadata_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) exif = NULL;
  g_auto(GStrv) iptc = NULL;
  g_auto(GStrv) xmp = NULL;

  gexiv2_metadata_open_path (metadata, path, &error);
  g_assert_no_error (error);

  exif = gexiv2_metadata_get_exif_tags (metadata);
  iptc = gexiv2_metadata_get_iptc_tags (metadata);
  xmp = gexiv2_metadata_get_xmp_tags (metadata);

  g_assert_cmpuint (g_strv_length (exif), ==, 0);
  g_assert_cmpuint (g_strv_length (iptc), ==, 0);
  g_assert_cmpuint (g_strv_length (xmp), ==, 0);
  g_assert_false (gexiv2_metadata_has_exif (metadata));
  g_assert_false (gexiv2_metadata_has_iptc (metadata));
  g_assert_false (gexiv2_metadata_has_xmp (metadata));
}

GdkPixbuf *
liveline_test_load_pixbuf (const char *path)
{
  g_autoptr(GError) error = NULL;
  GdkPixbuf *pixbuf = gdk_pixbuf_new_from_file (path, &error);

  g_assert_no_error (error);

  return pixbuf;
}

/**
 * liveline_test_assert_pixel:
 * @pixbuf: a picture
 * @x: a column
 * @y: a row
 * @rgba: the colour the pixel should have
 *
 * JPEG is lossy: a colour is right when each channel is close.
 */
void
liveline_test_assert_pixel (GdkPixbuf *pixbuf,
                            int        x,
                            int        y,
                            guint32    rgba)
{
  const guint8 *pixel = gdk_pixbuf_read_pixels (pixbuf) +
                        y * gdk_pixbuf_get_rowstride (pixbuf) +
                        x * gdk_pixbuf_get_n_channels (pixbuf);

  g_assert_cmpint (ABS ((int)pixel[0] - (int)((rgba >> 24) & 0xff)), <=, 48);
  g_assert_cmpint (ABS ((int)pixel[1] - (int)((rgba >> 16) & 0xff)), <=, 48);
  g_assert_cmpint (ABS ((int)pixel[2] - (int)((rgba >> 8) & 0xff)), <=, 48);
}

/**
 * liveline_test_assert_stored_size:
 * @image: a prepared photo
 * @width: the width it should have
 * @height: the height it should have
 *
 * Both the photo and the file of its copy must say so.
 */
void
liveline_test_assert_stored_size (LivelineImage *image,
                                  int            width,
                                  int            height)
{
  int file_width = 0;
  int file_height = 0;

  g_assert_cmpuint (liveline_image_get_width (image), ==, width);
  g_assert_cmpuint (liveline_image_get_height (image), ==, height);
  g_assert_nonnull (gdk_pixbuf_get_file_info (liveline_image_get_path (image),
                                              &file_width, &file_height));
  g_assert_cmpint (file_width, ==, width);
  g_assert_cmpint (file_height, ==, height);
}

void
liveline_test_assert_thumbnail_size (LivelineImage *image,
                                     int            width,
                                     int            height)
{
  int file_width = 0;
  int file_height = 0;

  g_assert_nonnull (gdk_pixbuf_get_file_info (liveline_image_get_thumbnail (image),
                                              &file_width, &file_height));
  g_assert_cmpint (file_width, ==, width);
  g_assert_cmpint (file_height, ==, height);
}

/**
 * liveline_test_big_jpeg:
 *
 * A blue 12000 × 8000 JPEG (96 megapixels), made the first time it is
 * asked for; liveline_test_image_run() removes it.
 *
 * Returns: its path
 */
const char *
liveline_test_big_jpeg (void)
{
  if (big_jpeg == NULL)
    {
      g_autoptr(GdkPixbuf) pixbuf = NULL;
      g_autoptr(GError) error = NULL;

      big_jpeg_dir = g_dir_make_tmp ("liveline-image-big-XXXXXX", &error);
      g_assert_no_error (error);
      big_jpeg = g_build_filename (big_jpeg_dir, "big.jpg", NULL);

      pixbuf = liveline_test_make_pixbuf (12000, 8000, FALSE, LIVELINE_TEST_BLUE);
      gdk_pixbuf_save (pixbuf, big_jpeg, "jpeg", &error, "quality", "50", NULL);
      g_assert_no_error (error);
    }

  return big_jpeg;
}

/**
 * liveline_test_image_init:
 * @argc: the program's argument count
 * @argv: the program's arguments
 *
 * Starts the tests, with GExiv2 ready.
 */
void
liveline_test_image_init (int    *argc,
                          char ***argv)
{
  g_test_init (argc, argv, NULL);
  g_assert_true (gexiv2_initialize ());
}

/**
 * liveline_test_image_run:
 *
 * Runs the tests added since liveline_test_image_init(), then removes the
 * big JPEG if one was made.
 *
 * Returns: what g_test_run() returned
 */
int
liveline_test_image_run (void)
{
  int status = g_test_run ();

  if (big_jpeg_dir != NULL)
    liveline_test_remove_tree (big_jpeg_dir);
  g_clear_pointer (&big_jpeg_dir, g_free);
  g_clear_pointer (&big_jpeg, g_free);

  return status;
}
