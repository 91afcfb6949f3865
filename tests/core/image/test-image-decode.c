/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-image-decode"

#include "config.h"

#include "liveline-image.h"
#include "liveline-test-image.h"

/* A photo comes out upright, and no larger than it is shown: turned as its
 * Exif orientation says, and scaled down (never up) to the size asked for,
 * thumbnail included.
 */

/* Orientation: the upright picture has a red top-left quarter, green top
 * right, blue bottom left and white bottom right. The file holds it the way
 * a camera held sideways or upside down stores it, and the Exif orientation
 * says how to turn it back.
 */

#define UPRIGHT_WIDTH  320
#define UPRIGHT_HEIGHT 160

static guint32
upright_color (int x,
               int y)
{
  gboolean left = x < UPRIGHT_WIDTH / 2;
  gboolean top = y < UPRIGHT_HEIGHT / 2;

  if (top)
    return left ? LIVELINE_TEST_RED : LIVELINE_TEST_GREEN;
  else
    return left ? LIVELINE_TEST_BLUE : LIVELINE_TEST_WHITE;
}

/* Per Exif, the orientation says where the stored rows and columns go in
 * the upright picture: 6, say, means the first stored row is the right
 * edge and the first stored column the top edge.
 */
static GdkPixbuf *
make_stored_for_orientation (guint orientation)
{
  const int w = UPRIGHT_WIDTH;
  const int h = UPRIGHT_HEIGHT;
  gboolean sideways = orientation >= 5;
  GdkPixbuf *stored = liveline_test_make_pixbuf (sideways ? h : w, sideways ? w : h, FALSE, 0);
  guint8 *pixels = gdk_pixbuf_get_pixels (stored);
  int rowstride = gdk_pixbuf_get_rowstride (stored);

  for (int row = 0; row < gdk_pixbuf_get_height (stored); row++)
    for (int column = 0; column < gdk_pixbuf_get_width (stored); column++)
      {
        guint8 *pixel = pixels + row * rowstride + column * 3;
        int x = 0;
        int y = 0;
        guint32 color;

        switch (orientation)
          {
          case 1: x = column; y = row; break;
          case 2: x = w - 1 - column; y = row; break;
          case 3: x = w - 1 - column; y = h - 1 - row; break;
          case 4: x = column; y = h - 1 - row; break;
          case 5: x = row; y = column; break;
          case 6: x = w - 1 - row; y = column; break;
          case 7: x = w - 1 - row; y = h - 1 - column; break;
          case 8: x = row; y = h - 1 - column; break;
          default: g_assert_not_reached ();
          }

        color = upright_color (x, y);
        pixel[0] = color >> 24;
        pixel[1] = (color >> 16) & 0xff;
        pixel[2] = (color >> 8) & 0xff;
      }

  return stored;
}

static void
assert_upright (const char *path,
                int         width,
                int         height)
{
  g_autoptr(GdkPixbuf) pixbuf = liveline_test_load_pixbuf (path);

  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, width);
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, height);
  liveline_test_assert_pixel (pixbuf, width / 4, height / 4, LIVELINE_TEST_RED);
  liveline_test_assert_pixel (pixbuf, width * 3 / 4, height / 4, LIVELINE_TEST_GREEN);
  liveline_test_assert_pixel (pixbuf, width / 4, height * 3 / 4, LIVELINE_TEST_BLUE);
  liveline_test_assert_pixel (pixbuf, width * 3 / 4, height * 3 / 4, LIVELINE_TEST_WHITE);
}

static void
test_image_orientation (LivelineTestImageFixture *fixture,
                        gconstpointer             user_data)
{
  guint orientation = GPOINTER_TO_UINT (user_data);
  g_autofree char *name = g_strdup_printf ("orientation-%u.jpg", orientation);
  g_autofree char *path = liveline_test_image_path (fixture, name);
  g_autofree char *value = g_strdup_printf ("%u", orientation);
  g_autoptr(GdkPixbuf) stored = make_stored_for_orientation (orientation);
  g_autoptr(LivelineImage) full = NULL;
  g_autoptr(LivelineImage) scaled = NULL;
  int file_width = 0;
  int file_height = 0;

  liveline_test_save_pixbuf (stored, path, "jpeg");
  liveline_test_set_tags (path, "Exif.Image.Orientation", value, NULL);

  /* The file really is on its side for 5 to 8. */
  gdk_pixbuf_get_file_info (path, &file_width, &file_height);
  g_assert_cmpint (file_width, ==, orientation >= 5 ? UPRIGHT_HEIGHT : UPRIGHT_WIDTH);
  g_assert_cmpint (file_height, ==, orientation >= 5 ? UPRIGHT_WIDTH : UPRIGHT_HEIGHT);

  full = liveline_test_prepare_image (fixture, path, LIVELINE_TEST_IMAGE_SIZE);
  liveline_test_assert_stored_size (full, UPRIGHT_WIDTH, UPRIGHT_HEIGHT);
  assert_upright (liveline_image_get_path (full), UPRIGHT_WIDTH, UPRIGHT_HEIGHT);
  assert_upright (liveline_image_get_thumbnail (full), 256, 128);

  /* Scaled while decoding, the turn must still happen. */
  scaled = liveline_test_prepare_image (fixture, path, UPRIGHT_WIDTH / 2);
  liveline_test_assert_stored_size (scaled, UPRIGHT_WIDTH / 2, UPRIGHT_HEIGHT / 2);
  assert_upright (liveline_image_get_path (scaled), UPRIGHT_WIDTH / 2, UPRIGHT_HEIGHT / 2);
}

static void
test_image_one_pixel (LivelineTestImageFixture *fixture,
                      gconstpointer             user_data)
{
  g_autofree char *path = liveline_test_make_jpeg (fixture, "dot.jpg", 1, 1, LIVELINE_TEST_BLUE);
  g_autoptr(LivelineImage) image = NULL;
  g_autoptr(GdkPixbuf) stored = NULL;

  image = liveline_test_prepare_image (fixture, path, LIVELINE_TEST_IMAGE_SIZE);
  liveline_test_assert_stored_size (image, 1, 1);
  liveline_test_assert_thumbnail_size (image, 1, 1);

  stored = liveline_test_load_pixbuf (liveline_image_get_path (image));
  liveline_test_assert_pixel (stored, 0, 0, LIVELINE_TEST_BLUE);
}

/* A 96-megapixel photo is under the limit, and comes out at 2048 pixels. */
static void
test_image_large_is_scaled (LivelineTestImageFixture *fixture,
                            gconstpointer             user_data)
{
  g_autoptr(LivelineImage) image = NULL;
  g_autoptr(GdkPixbuf) stored = NULL;

  image = liveline_test_prepare_image (fixture, liveline_test_big_jpeg (),
                                       LIVELINE_TEST_IMAGE_SIZE);
  liveline_test_assert_stored_size (image, 2048, 1365);
  liveline_test_assert_thumbnail_size (image, 256, 171);
  g_assert_cmpstr (liveline_image_get_original_name (image), ==, "big.jpg");

  stored = liveline_test_load_pixbuf (liveline_image_get_path (image));
  liveline_test_assert_pixel (stored, 1024, 682, LIVELINE_TEST_BLUE);
  liveline_test_assert_pixel (stored, 2047, 1364, LIVELINE_TEST_BLUE);
}

static void
test_image_never_upscaled (LivelineTestImageFixture *fixture,
                           gconstpointer             user_data)
{
  g_autofree char *path = liveline_test_make_jpeg (fixture, "small.jpg", 800, 600,
                                                   LIVELINE_TEST_GREEN);
  g_autoptr(LivelineImage) image = NULL;

  image = liveline_test_prepare_image (fixture, path, LIVELINE_TEST_IMAGE_SIZE);
  liveline_test_assert_stored_size (image, 800, 600);
  liveline_test_assert_thumbnail_size (image, 256, 192);
}

static void
test_image_max_size (LivelineTestImageFixture *fixture,
                     gconstpointer             user_data)
{
  g_autofree char *landscape_path = liveline_test_make_jpeg (fixture, "landscape.jpg", 1200, 900,
                                                             LIVELINE_TEST_RED);
  g_autofree char *portrait_path = liveline_test_make_jpeg (fixture, "portrait.jpg", 900, 1200,
                                                            LIVELINE_TEST_RED);
  g_autoptr(LivelineImage) landscape = NULL;
  g_autoptr(LivelineImage) portrait = NULL;

  landscape = liveline_test_prepare_image (fixture, landscape_path, 1024);
  liveline_test_assert_stored_size (landscape, 1024, 768);
  liveline_test_assert_thumbnail_size (landscape, 256, 192);

  portrait = liveline_test_prepare_image (fixture, portrait_path, 1024);
  liveline_test_assert_stored_size (portrait, 768, 1024);
  liveline_test_assert_thumbnail_size (portrait, 192, 256);
}

int
main (int   argc,
      char *argv[])
{
  liveline_test_image_init (&argc, &argv);

  for (guint orientation = 1; orientation <= 8; orientation++)
    {
      g_autofree char *test_path = g_strdup_printf ("/image/orientation/%u", orientation);

      g_test_add (test_path, LivelineTestImageFixture, GUINT_TO_POINTER (orientation),
                  liveline_test_image_set_up, test_image_orientation,
                  liveline_test_image_tear_down);
    }

  LIVELINE_TEST_IMAGE_ADD ("one-pixel", test_image_one_pixel);
  LIVELINE_TEST_IMAGE_ADD ("large-is-scaled", test_image_large_is_scaled);
  LIVELINE_TEST_IMAGE_ADD ("never-upscaled", test_image_never_upscaled);
  LIVELINE_TEST_IMAGE_ADD ("max-size", test_image_max_size);

  return liveline_test_image_run ();
}
