/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-image-refused"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "liveline-image.h"
#include "liveline-test-image.h"
#include "liveline-test-util.h"

/* Files that are not a photo Liveline can use: damaged, empty, gone, in a
 * format it does not take, or too large, however small the file that
 * claims it. Each is refused with a message that names it, and leaves
 * nothing behind.
 */

/* Prepares @path, which must fail with @code and a message that names the
 * file; nothing may be left in the media folder.
 */
static void
assert_refused (LivelineTestImageFixture *fixture,
                const char               *path,
                int                       code)
{
  g_autoptr(LivelineImage) image = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = g_path_get_basename (path);
  g_autofree char *quoted = g_strdup_printf ("“%s”", basename);

  image = liveline_test_prepare_image_full (path, fixture->media_dir, LIVELINE_TEST_IMAGE_SIZE,
                                            NULL, &error);
  g_assert_null (image);
  g_assert_error (error, LIVELINE_IMAGE_ERROR, code);
  g_test_message ("%s: %s", basename, error->message);
  g_assert_nonnull (strstr (error->message, quoted));
  g_assert_cmpuint (liveline_test_count_media_files (fixture), ==, 0);
}

/* Something like a photo: no two neighbouring pixels alike, so the JPEG
 * has plenty of entropy-coded data to cut in half.
 */
static GdkPixbuf *
make_busy_pixbuf (int width,
                  int height)
{
  GdkPixbuf *pixbuf = liveline_test_make_pixbuf (width, height, FALSE, 0);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int rowstride = gdk_pixbuf_get_rowstride (pixbuf);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint8 *pixel = pixels + y * rowstride + x * 3;

        pixel[0] = (x * y) % 251;
        pixel[1] = (x * 7 + y * 3) % 253;
        pixel[2] = (x ^ y) & 0xff;
      }

  return pixbuf;
}

static void
cut_in_half (const char *path,
             const char *half_path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  liveline_test_write_file (half_path, contents, length / 2);
}

/* gdk-pixbuf shows the first half of a cut JPEG or PNG over grey without a
 * word; Liveline must not publish that.
 */
static void
test_image_truncated (LivelineTestImageFixture *fixture,
                      gconstpointer             user_data)
{
  g_autofree char *jpeg_path = liveline_test_image_path (fixture, "whole.jpg");
  g_autofree char *half_jpeg_path = liveline_test_image_path (fixture, "half.jpg");
  g_autofree char *png_path = liveline_test_image_path (fixture, "whole.png");
  g_autofree char *half_png_path = liveline_test_image_path (fixture, "half.png");
  g_autoptr(GdkPixbuf) pixbuf = make_busy_pixbuf (400, 300);
  g_autoptr(LivelineImage) whole = NULL;

  liveline_test_save_pixbuf (pixbuf, jpeg_path, "jpeg");
  liveline_test_save_pixbuf (pixbuf, png_path, "png");
  cut_in_half (jpeg_path, half_jpeg_path);
  cut_in_half (png_path, half_png_path);

  assert_refused (fixture, half_jpeg_path, LIVELINE_IMAGE_ERROR_CORRUPT);
  assert_refused (fixture, half_png_path, LIVELINE_IMAGE_ERROR_CORRUPT);

  /* The whole files are fine. */
  whole = liveline_test_prepare_image (fixture, jpeg_path, LIVELINE_TEST_IMAGE_SIZE);
  liveline_test_assert_stored_size (whole, 400, 300);
  g_clear_object (&whole);
  whole = liveline_test_prepare_image (fixture, png_path, LIVELINE_TEST_IMAGE_SIZE);
  liveline_test_assert_stored_size (whole, 400, 300);
}

static void
test_image_not_a_picture (LivelineTestImageFixture *fixture,
                          gconstpointer             user_data)
{
  static const char text[] = "Talks resume in Geneva at 10:00. More to follow.\n";
  static const char pdf[] = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n";
  g_autofree char *text_path = liveline_test_image_path (fixture, "photo.jpg");
  g_autofree char *pdf_path = liveline_test_image_path (fixture, "statement.png");
  g_autofree char *folder_path = liveline_test_image_path (fixture, "holiday.jpg");
  g_autoptr(LivelineImage) image = NULL;
  g_autoptr(GError) error = NULL;

  liveline_test_write_file (text_path, text, strlen (text));
  liveline_test_write_file (pdf_path, pdf, strlen (pdf));
  g_assert_cmpint (g_mkdir (folder_path, 0700), ==, 0);

  image = liveline_test_prepare_image_full (text_path, fixture->media_dir, LIVELINE_TEST_IMAGE_SIZE,
                                            NULL, &error);
  g_assert_null (image);
  g_assert_error (error, LIVELINE_IMAGE_ERROR, LIVELINE_IMAGE_ERROR_NOT_AN_IMAGE);
  g_assert_cmpstr (error->message, ==, "“photo.jpg” is not a picture");

  assert_refused (fixture, pdf_path, LIVELINE_IMAGE_ERROR_NOT_AN_IMAGE);
  assert_refused (fixture, folder_path, LIVELINE_IMAGE_ERROR_NOT_AN_IMAGE);
}

static void
test_image_missing (LivelineTestImageFixture *fixture,
                    gconstpointer             user_data)
{
  g_autofree char *path = liveline_test_image_path (fixture, "gone.jpg");
  g_autoptr(LivelineImage) image = NULL;
  g_autoptr(GError) error = NULL;

  image = liveline_test_prepare_image_full (path, fixture->media_dir, LIVELINE_TEST_IMAGE_SIZE,
                                            NULL, &error);
  g_assert_null (image);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==,
                   "“gone.jpg” is no longer there: it was moved or deleted");
}

static void
test_image_empty (LivelineTestImageFixture *fixture,
                  gconstpointer             user_data)
{
  g_autofree char *path = liveline_test_image_path (fixture, "empty.jpg");

  liveline_test_write_file (path, "", 0);
  assert_refused (fixture, path, LIVELINE_IMAGE_ERROR_EMPTY);
}

static void
test_image_unsupported (LivelineTestImageFixture *fixture,
                        gconstpointer             user_data)
{
  static const char heic[] = "\0\0\0\x18" "ftypheic" "\0\0\0\0" "mif1heic" "\0\0\0\0";
  g_autofree char *bmp_path = liveline_test_image_path (fixture, "scan.bmp");
  g_autofree char *heic_path = liveline_test_image_path (fixture, "IMG_0042.HEIC");
  g_autoptr(GdkPixbuf) pixbuf = liveline_test_make_pixbuf (16, 16, FALSE, LIVELINE_TEST_RED);
  g_autoptr(LivelineImage) image = NULL;
  g_autoptr(GError) error = NULL;

  liveline_test_save_pixbuf (pixbuf, bmp_path, "bmp");
  liveline_test_write_file (heic_path, heic, sizeof heic - 1);

  assert_refused (fixture, bmp_path, LIVELINE_IMAGE_ERROR_UNSUPPORTED);

  image = liveline_test_prepare_image_full (heic_path, fixture->media_dir, LIVELINE_TEST_IMAGE_SIZE,
                                            NULL, &error);
  g_assert_error (error, LIVELINE_IMAGE_ERROR, LIVELINE_IMAGE_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "“IMG_0042.HEIC”"));
  g_assert_nonnull (strstr (error->message, "HEIF"));
  g_assert_nonnull (strstr (error->message, "JPEG or PNG"));
}

static guint32
crc32 (const guint8 *data,
       gsize         length)
{
  guint32 crc = 0xffffffff;

  for (gsize i = 0; i < length; i++)
    {
      crc ^= data[i];
      for (guint bit = 0; bit < 8; bit++)
        crc = (crc >> 1) ^ (0xedb88320 & -(crc & 1));
    }

  return ~crc;
}

static void
append_png_chunk (GByteArray   *png,
                  const char   *type,
                  const guint8 *data,
                  guint32       length)
{
  guint32 length_be = GUINT32_TO_BE (length);
  guint32 crc_be;
  guint start;

  g_byte_array_append (png, (const guint8 *)&length_be, 4);
  start = png->len;
  g_byte_array_append (png, (const guint8 *)type, 4);
  if (length > 0)
    g_byte_array_append (png, data, length);
  crc_be = GUINT32_TO_BE (crc32 (png->data + start, png->len - start));
  g_byte_array_append (png, (const guint8 *)&crc_be, 4);
}

/* A few dozen bytes that claim a 50000 × 50000 picture: decoding it would
 * take 7.5 GB. It must be refused from its header, at once.
 */
static void
test_image_png_bomb (LivelineTestImageFixture *fixture,
                     gconstpointer             user_data)
{
  static const guint8 one_row[] = { 0x78, 0x9c, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01 };
  g_autoptr(GByteArray) png = g_byte_array_new ();
  g_autofree char *path = liveline_test_image_path (fixture, "bomb.png");
  g_autoptr(LivelineImage) image = NULL;
  g_autoptr(GError) error = NULL;
  guint32 side = GUINT32_TO_BE (50000);
  guint8 header[13] = { 0 };
  gint64 start;

  memcpy (header, &side, 4);
  memcpy (header + 4, &side, 4);
  header[8] = 8;  /* bits per sample */
  header[9] = 2;  /* RGB */

  g_byte_array_append (png, (const guint8 *)"\x89PNG\r\n\x1a\n", 8);
  append_png_chunk (png, "IHDR", header, sizeof header);
  append_png_chunk (png, "IDAT", one_row, sizeof one_row);
  append_png_chunk (png, "IEND", NULL, 0);
  liveline_test_write_file (path, png->data, png->len);
  g_assert_cmpuint (png->len, <, 100);

  start = g_get_monotonic_time ();
  image = liveline_test_prepare_image_full (path, fixture->media_dir, LIVELINE_TEST_IMAGE_SIZE,
                                            NULL, &error);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);

  g_assert_null (image);
  g_assert_error (error, LIVELINE_IMAGE_ERROR, LIVELINE_IMAGE_ERROR_TOO_LARGE);
  g_assert_cmpstr (error->message, ==,
                   "“bomb.png” is too large: 50000 × 50000 pixels, "
                   "more than the 100 megapixels Liveline takes");
  g_assert_cmpuint (liveline_test_count_media_files (fixture), ==, 0);
}

/* The same with a real JPEG whose frame header was changed to say
 * 60000 × 60000.
 */
static void
test_image_jpeg_bomb (LivelineTestImageFixture *fixture,
                      gconstpointer             user_data)
{
  g_autofree char *source = liveline_test_make_jpeg (fixture, "small.jpg", 64, 64,
                                                     LIVELINE_TEST_RED);
  g_autofree char *path = liveline_test_image_path (fixture, "bomb.jpg");
  g_autofree char *contents = NULL;
  gsize length = 0;
  gboolean patched = FALSE;
  gint64 start;

  g_assert_true (g_file_get_contents (source, &contents, &length, NULL));
  for (gsize i = 2; i + 9 < length && !patched; i++)
    {
      guint8 *bytes = (guint8 *)contents + i;

      if (bytes[0] == 0xff && bytes[1] == 0xc0)
        {
          bytes[5] = bytes[7] = 0xea;
          bytes[6] = bytes[8] = 0x60;
          patched = TRUE;
        }
    }
  g_assert_true (patched);
  liveline_test_write_file (path, contents, length);

  start = g_get_monotonic_time ();
  assert_refused (fixture, path, LIVELINE_IMAGE_ERROR_TOO_LARGE);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
}

/* A GIF's canvas may be 1 × 1 and its frame 60000 × 60000: gdk-pixbuf
 * would make room for the frame.
 */
static void
test_image_gif_bomb (LivelineTestImageFixture *fixture,
                     gconstpointer             user_data)
{
  static const guint8 gif[] = {
    'G', 'I', 'F', '8', '9', 'a', 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00,
    0xff, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x2c, 0x00, 0x00, 0x00, 0x00, 0x60, 0xea, 0x60, 0xea, 0x00,
    0x02, 0x02, 0x44, 0x01, 0x00,
    0x3b,
  };
  g_autofree char *path = liveline_test_image_path (fixture, "bomb.gif");
  g_autoptr(LivelineImage) image = NULL;
  g_autoptr(GError) error = NULL;

  liveline_test_write_file (path, gif, sizeof gif);

  image = liveline_test_prepare_image_full (path, fixture->media_dir, LIVELINE_TEST_IMAGE_SIZE,
                                            NULL, &error);
  g_assert_null (image);
  g_assert_error (error, LIVELINE_IMAGE_ERROR, LIVELINE_IMAGE_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "60000 × 60000 pixels"));
  g_assert_cmpuint (liveline_test_count_media_files (fixture), ==, 0);
}

/* Over 200 MB is refused before a byte is read (the file has holes: it
 * takes no room on disk).
 */
static void
test_image_too_many_bytes (LivelineTestImageFixture *fixture,
                           gconstpointer             user_data)
{
  g_autofree char *path = liveline_test_image_path (fixture, "huge.jpg");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(LivelineImage) image = NULL;
  g_autoptr(GError) error = NULL;

  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (G_OUTPUT_STREAM (stream), "\xff\xd8\xff\xe0", 4, NULL, NULL, &error);
  g_assert_no_error (error);
  g_seekable_truncate (G_SEEKABLE (stream), 250 * 1000 * 1000, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &error);
  g_assert_no_error (error);

  image = liveline_test_prepare_image_full (path, fixture->media_dir, LIVELINE_TEST_IMAGE_SIZE,
                                            NULL, &error);
  g_assert_null (image);
  g_assert_error (error, LIVELINE_IMAGE_ERROR, LIVELINE_IMAGE_ERROR_TOO_LARGE);
  g_assert_cmpstr (error->message, ==,
                   "“huge.jpg” is too large: 250.0\u00a0MB, "
                   "more than the 200\u00a0MB Liveline takes");
}

int
main (int   argc,
      char *argv[])
{
  liveline_test_image_init (&argc, &argv);

  LIVELINE_TEST_IMAGE_ADD ("truncated", test_image_truncated);
  LIVELINE_TEST_IMAGE_ADD ("not-a-picture", test_image_not_a_picture);
  LIVELINE_TEST_IMAGE_ADD ("missing", test_image_missing);
  LIVELINE_TEST_IMAGE_ADD ("empty", test_image_empty);
  LIVELINE_TEST_IMAGE_ADD ("unsupported", test_image_unsupported);
  LIVELINE_TEST_IMAGE_ADD ("png-bomb", test_image_png_bomb);
  LIVELINE_TEST_IMAGE_ADD ("jpeg-bomb", test_image_jpeg_bomb);
  LIVELINE_TEST_IMAGE_ADD ("gif-bomb", test_image_gif_bomb);
  LIVELINE_TEST_IMAGE_ADD ("too-many-bytes", test_image_too_many_bytes);

  return liveline_test_image_run ();
}
