/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-image-format"

#include "config.h"

#include "liveline-image.h"
#include "liveline-test-image.h"
#include "liveline-test-util.h"

/* What comes in and what goes out: the copy is a JPEG, or a PNG when the
 * picture has transparent pixels, whatever format Liveline read it from.
 */

static void
fill_area (GdkPixbuf *pixbuf,
           int        x,
           int        y,
           int        width,
           int        height,
           guint32    rgba)
{
  g_autoptr(GdkPixbuf) area = gdk_pixbuf_new_subpixbuf (pixbuf, x, y, width, height);

  gdk_pixbuf_fill (area, rgba);
}

static void
assert_starts_with (const char *path,
                    const char *bytes,
                    gsize       length)
{
  g_autofree char *contents = NULL;
  gsize contents_length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &contents_length, NULL));
  g_assert_cmpuint (contents_length, >=, length);
  g_assert_cmpmem (contents, length, bytes, length);
}

/* A logo with a transparent background keeps it. */
static void
test_image_png_with_alpha_stays_png (LivelineTestImageFixture *fixture,
                                     gconstpointer             user_data)
{
  g_autofree char *path = liveline_test_image_path (fixture, "logo.png");
  g_autoptr(GdkPixbuf) pixbuf = liveline_test_make_pixbuf (64, 48, TRUE, 0x00000000);
  g_autoptr(LivelineImage) image = NULL;
  g_autoptr(GdkPixbuf) stored = NULL;
  const guint8 *pixels;
  int rowstride;

  fill_area (pixbuf, 32, 0, 32, 48, LIVELINE_TEST_RED);
  liveline_test_save_pixbuf (pixbuf, path, "png");

  image = liveline_test_prepare_image (fixture, path, LIVELINE_TEST_IMAGE_SIZE);
  g_assert_cmpstr (liveline_image_get_content_type (image), ==, "image/png");
  g_assert_true (g_str_has_suffix (liveline_image_get_path (image), ".png"));
  g_assert_true (g_str_has_suffix (liveline_image_get_thumbnail (image), "-thumb.png"));
  assert_starts_with (liveline_image_get_path (image), "\x89PNG\r\n\x1a\n", 8);
  assert_starts_with (liveline_image_get_thumbnail (image), "\x89PNG\r\n\x1a\n", 8);
  liveline_test_assert_stored_size (image, 64, 48);

  stored = liveline_test_load_pixbuf (liveline_image_get_path (image));
  g_assert_true (gdk_pixbuf_get_has_alpha (stored));
  pixels = gdk_pixbuf_read_pixels (stored);
  rowstride = gdk_pixbuf_get_rowstride (stored);
  g_assert_cmpuint (pixels[10 * rowstride + 10 * 4 + 3], ==, 0);
  g_assert_cmpuint (pixels[10 * rowstride + 50 * 4 + 3], ==, 255);
  liveline_test_assert_pixel (stored, 50, 10, LIVELINE_TEST_RED);
}

/* A PNG whose every pixel is opaque is a photo like any other: JPEG. */
static void
test_image_opaque_png_becomes_jpeg (LivelineTestImageFixture *fixture,
                                    gconstpointer             user_data)
{
  g_autofree char *path = liveline_test_image_path (fixture, "screenshot.png");
  g_autoptr(GdkPixbuf) pixbuf = liveline_test_make_pixbuf (64, 48, TRUE, LIVELINE_TEST_GREEN);
  g_autoptr(LivelineImage) image = NULL;
  g_autoptr(GdkPixbuf) stored = NULL;

  liveline_test_save_pixbuf (pixbuf, path, "png");

  image = liveline_test_prepare_image (fixture, path, LIVELINE_TEST_IMAGE_SIZE);
  g_assert_cmpstr (liveline_image_get_content_type (image), ==, "image/jpeg");
  g_assert_true (g_str_has_suffix (liveline_image_get_path (image), ".jpg"));
  g_assert_true (g_str_has_suffix (liveline_image_get_thumbnail (image), "-thumb.jpg"));
  assert_starts_with (liveline_image_get_path (image), "\xff\xd8\xff", 3);
  assert_starts_with (liveline_image_get_thumbnail (image), "\xff\xd8\xff", 3);

  stored = liveline_test_load_pixbuf (liveline_image_get_path (image));
  liveline_test_assert_pixel (stored, 32, 24, LIVELINE_TEST_GREEN);
}

/* An animated GIF gives its first frame: red, then black. */
static void
test_image_gif_first_frame (LivelineTestImageFixture *fixture,
                            gconstpointer             user_data)
{
  static const guint8 gif[] = {
    'G', 'I', 'F', '8', '9', 'a', 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00,
    0xff, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x21, 0xf9, 0x04, 0x00, 0x0a, 0x00, 0x00, 0x00,
    0x2c, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
    0x02, 0x02, 0x44, 0x01, 0x00,
    0x21, 0xf9, 0x04, 0x00, 0x0a, 0x00, 0x00, 0x00,
    0x2c, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
    0x02, 0x02, 0x4c, 0x01, 0x00,
    0x3b,
  };
  g_autofree char *path = liveline_test_image_path (fixture, "animation.gif");
  g_autoptr(LivelineImage) image = NULL;
  g_autoptr(GdkPixbuf) stored = NULL;

  liveline_test_write_file (path, gif, sizeof gif);

  image = liveline_test_prepare_image (fixture, path, LIVELINE_TEST_IMAGE_SIZE);
  g_assert_cmpstr (liveline_image_get_content_type (image), ==, "image/jpeg");
  liveline_test_assert_stored_size (image, 1, 1);

  stored = liveline_test_load_pixbuf (liveline_image_get_path (image));
  liveline_test_assert_pixel (stored, 0, 0, LIVELINE_TEST_RED);
}

static gboolean
has_pixbuf_format (const char *name)
{
  g_autoptr(GSList) formats = gdk_pixbuf_get_formats ();

  for (const GSList *l = formats; l != NULL; l = l->next)
    {
      g_autofree char *format_name = gdk_pixbuf_format_get_name (l->data);

      if (g_str_equal (format_name, name))
        return TRUE;
    }

  return FALSE;
}

static void
test_image_tiff (LivelineTestImageFixture *fixture,
                 gconstpointer             user_data)
{
  g_autofree char *path = liveline_test_image_path (fixture, "scan.tif");
  g_autoptr(GdkPixbuf) pixbuf = liveline_test_make_pixbuf (300, 200, FALSE, LIVELINE_TEST_GREEN);
  g_autoptr(LivelineImage) image = NULL;
  g_autoptr(GdkPixbuf) stored = NULL;

  if (!has_pixbuf_format ("tiff"))
    {
      g_test_skip ("gdk-pixbuf has no TIFF loader here");
      return;
    }

  liveline_test_save_pixbuf (pixbuf, path, "tiff");

  image = liveline_test_prepare_image (fixture, path, LIVELINE_TEST_IMAGE_SIZE);
  g_assert_cmpstr (liveline_image_get_content_type (image), ==, "image/jpeg");
  liveline_test_assert_stored_size (image, 300, 200);

  stored = liveline_test_load_pixbuf (liveline_image_get_path (image));
  liveline_test_assert_pixel (stored, 150, 100, LIVELINE_TEST_GREEN);
}

int
main (int   argc,
      char *argv[])
{
  liveline_test_image_init (&argc, &argv);

  LIVELINE_TEST_IMAGE_ADD ("png-with-alpha-stays-png", test_image_png_with_alpha_stays_png);
  LIVELINE_TEST_IMAGE_ADD ("opaque-png-becomes-jpeg", test_image_opaque_png_becomes_jpeg);
  LIVELINE_TEST_IMAGE_ADD ("gif-first-frame", test_image_gif_first_frame);
  LIVELINE_TEST_IMAGE_ADD ("tiff", test_image_tiff);

  return liveline_test_image_run ();
}
