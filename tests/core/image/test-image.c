/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-image"

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gexiv2/gexiv2.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "liveline-image.h"
#include "liveline-test-util.h"

/* Every picture here is made by the test itself: gdk-pixbuf draws and
 * encodes it, GExiv2 writes its metadata, and the damaged ones are cut or
 * crafted byte by byte.
 */

#define DEFAULT_SIZE 2048

#define RED    0xff0000ffu
#define GREEN  0x00ff00ffu
#define BLUE   0x0000ffffu
#define WHITE  0xffffffffu

typedef struct
{
  char *dir;
  char *media_dir;
} Fixture;

/* A 12000 × 8000 JPEG takes most of a second to make: it is made once for
 * the tests that need it.
 */
static char *big_jpeg_dir;
static char *big_jpeg;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("liveline-image-XXXXXX", &error);
  g_assert_no_error (error);

  /* Not made beforehand: preparing a photo makes it. */
  fixture->media_dir = g_build_filename (fixture->dir, "media", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  liveline_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->media_dir);
}

static char *
fixture_path (Fixture    *fixture,
              const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

/* Files in the media folder; none when it does not exist. */
static guint
count_media_files (Fixture *fixture)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->media_dir, 0, NULL);
  guint count = 0;

  if (dir == NULL)
    return 0;

  while (g_dir_read_name (dir) != NULL)
    count++;

  return count;
}

static LivelineImage *
prepare_full (const char    *path,
              const char    *media_dir,
              guint          max_size,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;

  liveline_image_prepare_async (file, media_dir, max_size, cancellable, liveline_test_keep_result, &result);
  g_assert_true (liveline_test_wait_for_result (&result, 60000));

  return liveline_image_prepare_finish (result, error);
}

static LivelineImage *
prepare (Fixture    *fixture,
         const char *path,
         guint       max_size)
{
  g_autoptr(GError) error = NULL;
  LivelineImage *image;

  image = prepare_full (path, fixture->media_dir, max_size, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (LIVELINE_IS_IMAGE (image));

  return image;
}

/* Prepares @path, which must fail with @code and a message that names the
 * file; nothing may be left in the media folder.
 */
static void
assert_refused (Fixture    *fixture,
                const char *path,
                int         code)
{
  g_autoptr(LivelineImage) image = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = g_path_get_basename (path);
  g_autofree char *quoted = g_strdup_printf ("“%s”", basename);

  image = prepare_full (path, fixture->media_dir, DEFAULT_SIZE, NULL, &error);
  g_assert_null (image);
  g_assert_error (error, LIVELINE_IMAGE_ERROR, code);
  g_test_message ("%s: %s", basename, error->message);
  g_assert_nonnull (strstr (error->message, quoted));
  g_assert_cmpuint (count_media_files (fixture), ==, 0);
}

static GdkPixbuf *
make_pixbuf (int      width,
             int      height,
             gboolean has_alpha,
             guint32  rgba)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, has_alpha, 8, width, height);

  g_assert_nonnull (pixbuf);
  gdk_pixbuf_fill (pixbuf, rgba);

  return pixbuf;
}

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

/* Something like a photo: no two neighbouring pixels alike, so the JPEG
 * has plenty of entropy-coded data to cut in half.
 */
static GdkPixbuf *
make_busy_pixbuf (int width,
                  int height)
{
  GdkPixbuf *pixbuf = make_pixbuf (width, height, FALSE, 0);
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
save_pixbuf (GdkPixbuf  *pixbuf,
             const char *path,
             const char *type)
{
  g_autoptr(GError) error = NULL;

  gdk_pixbuf_save (pixbuf, path, type, &error, NULL);
  g_assert_no_error (error);
}

static char *
make_jpeg (Fixture    *fixture,
           const char *name,
           int         width,
           int         height,
           guint32     rgba)
{
  g_autoptr(GdkPixbuf) pixbuf = make_pixbuf (width, height, FALSE, rgba);
  char *path = fixture_path (fixture, name);

  save_pixbuf (pixbuf, path, "jpeg");

  return path;
}

static void
write_file (const char *path,
            const void *data,
            gsize       length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
}

static void
set_tags (const char *path,
          ...) G_GNUC_NULL_TERMINATED;

/* Writes tag, value pairs into @path's metadata. */
static void
set_tags (const char *path,
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

/* The stored copies must carry nothing but the picture. */
static void
assert_no_metadata (const char *path)
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

static GdkPixbuf *
load (const char *path)
{
  g_autoptr(GError) error = NULL;
  GdkPixbuf *pixbuf = gdk_pixbuf_new_from_file (path, &error);

  g_assert_no_error (error);

  return pixbuf;
}

/* JPEG is lossy: a colour is right when each channel is close. */
static void
assert_pixel (GdkPixbuf *pixbuf,
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

static void
assert_stored_size (LivelineImage *image,
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

static void
assert_thumbnail_size (LivelineImage *image,
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

static const char *
ensure_big_jpeg (void)
{
  if (big_jpeg == NULL)
    {
      g_autoptr(GdkPixbuf) pixbuf = NULL;
      g_autoptr(GError) error = NULL;

      big_jpeg_dir = g_dir_make_tmp ("liveline-image-big-XXXXXX", &error);
      g_assert_no_error (error);
      big_jpeg = g_build_filename (big_jpeg_dir, "big.jpg", NULL);

      pixbuf = make_pixbuf (12000, 8000, FALSE, BLUE);
      gdk_pixbuf_save (pixbuf, big_jpeg, "jpeg", &error, "quality", "50", NULL);
      g_assert_no_error (error);
    }

  return big_jpeg;
}

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
    return left ? RED : GREEN;
  else
    return left ? BLUE : WHITE;
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
  GdkPixbuf *stored = make_pixbuf (sideways ? h : w, sideways ? w : h, FALSE, 0);
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
  g_autoptr(GdkPixbuf) pixbuf = load (path);

  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, width);
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, height);
  assert_pixel (pixbuf, width / 4, height / 4, RED);
  assert_pixel (pixbuf, width * 3 / 4, height / 4, GREEN);
  assert_pixel (pixbuf, width / 4, height * 3 / 4, BLUE);
  assert_pixel (pixbuf, width * 3 / 4, height * 3 / 4, WHITE);
}

static void
test_image_orientation (Fixture       *fixture,
                        gconstpointer  user_data)
{
  guint orientation = GPOINTER_TO_UINT (user_data);
  g_autofree char *name = g_strdup_printf ("orientation-%u.jpg", orientation);
  g_autofree char *path = fixture_path (fixture, name);
  g_autofree char *value = g_strdup_printf ("%u", orientation);
  g_autoptr(GdkPixbuf) stored = make_stored_for_orientation (orientation);
  g_autoptr(LivelineImage) full = NULL;
  g_autoptr(LivelineImage) scaled = NULL;
  int file_width = 0;
  int file_height = 0;

  save_pixbuf (stored, path, "jpeg");
  set_tags (path, "Exif.Image.Orientation", value, NULL);

  /* The file really is on its side for 5 to 8. */
  gdk_pixbuf_get_file_info (path, &file_width, &file_height);
  g_assert_cmpint (file_width, ==, orientation >= 5 ? UPRIGHT_HEIGHT : UPRIGHT_WIDTH);
  g_assert_cmpint (file_height, ==, orientation >= 5 ? UPRIGHT_WIDTH : UPRIGHT_HEIGHT);

  full = prepare (fixture, path, DEFAULT_SIZE);
  assert_stored_size (full, UPRIGHT_WIDTH, UPRIGHT_HEIGHT);
  assert_upright (liveline_image_get_path (full), UPRIGHT_WIDTH, UPRIGHT_HEIGHT);
  assert_upright (liveline_image_get_thumbnail (full), 256, 128);

  /* Scaled while decoding, the turn must still happen. */
  scaled = prepare (fixture, path, UPRIGHT_WIDTH / 2);
  assert_stored_size (scaled, UPRIGHT_WIDTH / 2, UPRIGHT_HEIGHT / 2);
  assert_upright (liveline_image_get_path (scaled), UPRIGHT_WIDTH / 2, UPRIGHT_HEIGHT / 2);
}

/* A logo with a transparent background keeps it. */
static void
test_image_png_with_alpha_stays_png (Fixture       *fixture,
                                     gconstpointer  user_data)
{
  g_autofree char *path = fixture_path (fixture, "logo.png");
  g_autoptr(GdkPixbuf) pixbuf = make_pixbuf (64, 48, TRUE, 0x00000000);
  g_autoptr(LivelineImage) image = NULL;
  g_autoptr(GdkPixbuf) stored = NULL;
  const guint8 *pixels;
  int rowstride;

  fill_area (pixbuf, 32, 0, 32, 48, RED);
  save_pixbuf (pixbuf, path, "png");

  image = prepare (fixture, path, DEFAULT_SIZE);
  g_assert_cmpstr (liveline_image_get_content_type (image), ==, "image/png");
  g_assert_true (g_str_has_suffix (liveline_image_get_path (image), ".png"));
  g_assert_true (g_str_has_suffix (liveline_image_get_thumbnail (image), "-thumb.png"));
  assert_starts_with (liveline_image_get_path (image), "\x89PNG\r\n\x1a\n", 8);
  assert_starts_with (liveline_image_get_thumbnail (image), "\x89PNG\r\n\x1a\n", 8);
  assert_stored_size (image, 64, 48);

  stored = load (liveline_image_get_path (image));
  g_assert_true (gdk_pixbuf_get_has_alpha (stored));
  pixels = gdk_pixbuf_read_pixels (stored);
  rowstride = gdk_pixbuf_get_rowstride (stored);
  g_assert_cmpuint (pixels[10 * rowstride + 10 * 4 + 3], ==, 0);
  g_assert_cmpuint (pixels[10 * rowstride + 50 * 4 + 3], ==, 255);
  assert_pixel (stored, 50, 10, RED);
}

/* A PNG whose every pixel is opaque is a photo like any other: JPEG. */
static void
test_image_opaque_png_becomes_jpeg (Fixture       *fixture,
                                    gconstpointer  user_data)
{
  g_autofree char *path = fixture_path (fixture, "screenshot.png");
  g_autoptr(GdkPixbuf) pixbuf = make_pixbuf (64, 48, TRUE, GREEN);
  g_autoptr(LivelineImage) image = NULL;
  g_autoptr(GdkPixbuf) stored = NULL;

  save_pixbuf (pixbuf, path, "png");

  image = prepare (fixture, path, DEFAULT_SIZE);
  g_assert_cmpstr (liveline_image_get_content_type (image), ==, "image/jpeg");
  g_assert_true (g_str_has_suffix (liveline_image_get_path (image), ".jpg"));
  g_assert_true (g_str_has_suffix (liveline_image_get_thumbnail (image), "-thumb.jpg"));
  assert_starts_with (liveline_image_get_path (image), "\xff\xd8\xff", 3);
  assert_starts_with (liveline_image_get_thumbnail (image), "\xff\xd8\xff", 3);

  stored = load (liveline_image_get_path (image));
  assert_pixel (stored, 32, 24, GREEN);
}

static void
test_image_one_pixel (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autofree char *path = make_jpeg (fixture, "dot.jpg", 1, 1, BLUE);
  g_autoptr(LivelineImage) image = NULL;
  g_autoptr(GdkPixbuf) stored = NULL;

  image = prepare (fixture, path, DEFAULT_SIZE);
  assert_stored_size (image, 1, 1);
  assert_thumbnail_size (image, 1, 1);

  stored = load (liveline_image_get_path (image));
  assert_pixel (stored, 0, 0, BLUE);
}

/* A 96-megapixel photo is under the limit, and comes out at 2048 pixels. */
static void
test_image_large_is_scaled (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(LivelineImage) image = NULL;
  g_autoptr(GdkPixbuf) stored = NULL;

  image = prepare (fixture, ensure_big_jpeg (), DEFAULT_SIZE);
  assert_stored_size (image, 2048, 1365);
  assert_thumbnail_size (image, 256, 171);
  g_assert_cmpstr (liveline_image_get_original_name (image), ==, "big.jpg");

  stored = load (liveline_image_get_path (image));
  assert_pixel (stored, 1024, 682, BLUE);
  assert_pixel (stored, 2047, 1364, BLUE);
}

static void
test_image_never_upscaled (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autofree char *path = make_jpeg (fixture, "small.jpg", 800, 600, GREEN);
  g_autoptr(LivelineImage) image = NULL;

  image = prepare (fixture, path, DEFAULT_SIZE);
  assert_stored_size (image, 800, 600);
  assert_thumbnail_size (image, 256, 192);
}

static void
test_image_max_size (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autofree char *landscape_path = make_jpeg (fixture, "landscape.jpg", 1200, 900, RED);
  g_autofree char *portrait_path = make_jpeg (fixture, "portrait.jpg", 900, 1200, RED);
  g_autoptr(LivelineImage) landscape = NULL;
  g_autoptr(LivelineImage) portrait = NULL;

  landscape = prepare (fixture, landscape_path, 1024);
  assert_stored_size (landscape, 1024, 768);
  assert_thumbnail_size (landscape, 256, 192);

  portrait = prepare (fixture, portrait_path, 1024);
  assert_stored_size (portrait, 768, 1024);
  assert_thumbnail_size (portrait, 192, 256);
}

static void
cut_in_half (const char *path,
             const char *half_path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  write_file (half_path, contents, length / 2);
}

/* gdk-pixbuf shows the first half of a cut JPEG or PNG over grey without a
 * word; Liveline must not publish that.
 */
static void
test_image_truncated (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autofree char *jpeg_path = fixture_path (fixture, "whole.jpg");
  g_autofree char *half_jpeg_path = fixture_path (fixture, "half.jpg");
  g_autofree char *png_path = fixture_path (fixture, "whole.png");
  g_autofree char *half_png_path = fixture_path (fixture, "half.png");
  g_autoptr(GdkPixbuf) pixbuf = make_busy_pixbuf (400, 300);
  g_autoptr(LivelineImage) whole = NULL;

  save_pixbuf (pixbuf, jpeg_path, "jpeg");
  save_pixbuf (pixbuf, png_path, "png");
  cut_in_half (jpeg_path, half_jpeg_path);
  cut_in_half (png_path, half_png_path);

  assert_refused (fixture, half_jpeg_path, LIVELINE_IMAGE_ERROR_CORRUPT);
  assert_refused (fixture, half_png_path, LIVELINE_IMAGE_ERROR_CORRUPT);

  /* The whole files are fine. */
  whole = prepare (fixture, jpeg_path, DEFAULT_SIZE);
  assert_stored_size (whole, 400, 300);
  g_clear_object (&whole);
  whole = prepare (fixture, png_path, DEFAULT_SIZE);
  assert_stored_size (whole, 400, 300);
}

static void
test_image_not_a_picture (Fixture       *fixture,
                          gconstpointer  user_data)
{
  static const char text[] = "Talks resume in Geneva at 10:00. More to follow.\n";
  static const char pdf[] = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n";
  g_autofree char *text_path = fixture_path (fixture, "photo.jpg");
  g_autofree char *pdf_path = fixture_path (fixture, "statement.png");
  g_autofree char *folder_path = fixture_path (fixture, "holiday.jpg");
  g_autoptr(LivelineImage) image = NULL;
  g_autoptr(GError) error = NULL;

  write_file (text_path, text, strlen (text));
  write_file (pdf_path, pdf, strlen (pdf));
  g_assert_cmpint (g_mkdir (folder_path, 0700), ==, 0);

  image = prepare_full (text_path, fixture->media_dir, DEFAULT_SIZE, NULL, &error);
  g_assert_null (image);
  g_assert_error (error, LIVELINE_IMAGE_ERROR, LIVELINE_IMAGE_ERROR_NOT_AN_IMAGE);
  g_assert_cmpstr (error->message, ==, "“photo.jpg” is not a picture");

  assert_refused (fixture, pdf_path, LIVELINE_IMAGE_ERROR_NOT_AN_IMAGE);
  assert_refused (fixture, folder_path, LIVELINE_IMAGE_ERROR_NOT_AN_IMAGE);
}

static void
test_image_missing (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autofree char *path = fixture_path (fixture, "gone.jpg");
  g_autoptr(LivelineImage) image = NULL;
  g_autoptr(GError) error = NULL;

  image = prepare_full (path, fixture->media_dir, DEFAULT_SIZE, NULL, &error);
  g_assert_null (image);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==,
                   "“gone.jpg” is no longer there: it was moved or deleted");
}

static void
test_image_empty (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autofree char *path = fixture_path (fixture, "empty.jpg");

  write_file (path, "", 0);
  assert_refused (fixture, path, LIVELINE_IMAGE_ERROR_EMPTY);
}

static void
test_image_unsupported (Fixture       *fixture,
                        gconstpointer  user_data)
{
  static const char heic[] = "\0\0\0\x18" "ftypheic" "\0\0\0\0" "mif1heic" "\0\0\0\0";
  g_autofree char *bmp_path = fixture_path (fixture, "scan.bmp");
  g_autofree char *heic_path = fixture_path (fixture, "IMG_0042.HEIC");
  g_autoptr(GdkPixbuf) pixbuf = make_pixbuf (16, 16, FALSE, RED);
  g_autoptr(LivelineImage) image = NULL;
  g_autoptr(GError) error = NULL;

  save_pixbuf (pixbuf, bmp_path, "bmp");
  write_file (heic_path, heic, sizeof heic - 1);

  assert_refused (fixture, bmp_path, LIVELINE_IMAGE_ERROR_UNSUPPORTED);

  image = prepare_full (heic_path, fixture->media_dir, DEFAULT_SIZE, NULL, &error);
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
test_image_png_bomb (Fixture       *fixture,
                     gconstpointer  user_data)
{
  static const guint8 one_row[] = { 0x78, 0x9c, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01 };
  g_autoptr(GByteArray) png = g_byte_array_new ();
  g_autofree char *path = fixture_path (fixture, "bomb.png");
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
  write_file (path, png->data, png->len);
  g_assert_cmpuint (png->len, <, 100);

  start = g_get_monotonic_time ();
  image = prepare_full (path, fixture->media_dir, DEFAULT_SIZE, NULL, &error);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);

  g_assert_null (image);
  g_assert_error (error, LIVELINE_IMAGE_ERROR, LIVELINE_IMAGE_ERROR_TOO_LARGE);
  g_assert_cmpstr (error->message, ==,
                   "“bomb.png” is too large: 50000 × 50000 pixels, "
                   "more than the 100 megapixels Liveline takes");
  g_assert_cmpuint (count_media_files (fixture), ==, 0);
}

/* The same with a real JPEG whose frame header was changed to say
 * 60000 × 60000.
 */
static void
test_image_jpeg_bomb (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autofree char *source = make_jpeg (fixture, "small.jpg", 64, 64, RED);
  g_autofree char *path = fixture_path (fixture, "bomb.jpg");
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
  write_file (path, contents, length);

  start = g_get_monotonic_time ();
  assert_refused (fixture, path, LIVELINE_IMAGE_ERROR_TOO_LARGE);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
}

/* A GIF's canvas may be 1 × 1 and its frame 60000 × 60000: gdk-pixbuf
 * would make room for the frame.
 */
static void
test_image_gif_bomb (Fixture       *fixture,
                     gconstpointer  user_data)
{
  static const guint8 gif[] = {
    'G', 'I', 'F', '8', '9', 'a', 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00,
    0xff, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x2c, 0x00, 0x00, 0x00, 0x00, 0x60, 0xea, 0x60, 0xea, 0x00,
    0x02, 0x02, 0x44, 0x01, 0x00,
    0x3b,
  };
  g_autofree char *path = fixture_path (fixture, "bomb.gif");
  g_autoptr(LivelineImage) image = NULL;
  g_autoptr(GError) error = NULL;

  write_file (path, gif, sizeof gif);

  image = prepare_full (path, fixture->media_dir, DEFAULT_SIZE, NULL, &error);
  g_assert_null (image);
  g_assert_error (error, LIVELINE_IMAGE_ERROR, LIVELINE_IMAGE_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "60000 × 60000 pixels"));
  g_assert_cmpuint (count_media_files (fixture), ==, 0);
}

/* Over 200 MB is refused before a byte is read (the file has holes: it
 * takes no room on disk).
 */
static void
test_image_too_many_bytes (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autofree char *path = fixture_path (fixture, "huge.jpg");
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

  image = prepare_full (path, fixture->media_dir, DEFAULT_SIZE, NULL, &error);
  g_assert_null (image);
  g_assert_error (error, LIVELINE_IMAGE_ERROR, LIVELINE_IMAGE_ERROR_TOO_LARGE);
  g_assert_cmpstr (error->message, ==,
                   "“huge.jpg” is too large: 250.0\u00a0MB, "
                   "more than the 200\u00a0MB Liveline takes");
}

/* A phone photo says where it was taken; the copy must not. */
static void
test_image_location_is_stripped (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  g_autofree char *path = make_jpeg (fixture, "phone.jpg", 640, 480, GREEN);
  g_autofree char *xmp_path = make_jpeg (fixture, "edited.jpg", 640, 480, GREEN);
  g_autofree char *plain_path = make_jpeg (fixture, "plain.jpg", 640, 480, GREEN);
  g_autoptr(GExiv2Metadata) metadata = gexiv2_metadata_new ();
  g_autoptr(LivelineImage) image = NULL;
  g_autoptr(LivelineImage) xmp_image = NULL;
  g_autoptr(LivelineImage) plain_image = NULL;
  g_autoptr(GError) error = NULL;

  gexiv2_metadata_open_path (metadata, path, &error);
  g_assert_no_error (error);
  gexiv2_metadata_try_set_gps_info (metadata, 6.1432, 46.2044, 375.0, &error);
  g_assert_no_error (error);
  gexiv2_metadata_try_set_tag_string (metadata, "Exif.Image.Make", "Phone maker", &error);
  g_assert_no_error (error);
  gexiv2_metadata_try_set_tag_string (metadata, "Exif.Photo.DateTimeOriginal",
                                      "2026:03:14 09:26:53", &error);
  g_assert_no_error (error);
  gexiv2_metadata_try_set_tag_string (metadata, "Iptc.Application2.City", "Geneva", &error);
  g_assert_no_error (error);
  gexiv2_metadata_try_set_tag_string (metadata, "Xmp.dc.title", "Palais des Nations", &error);
  g_assert_no_error (error);
  gexiv2_metadata_save_file (metadata, path, &error);
  g_assert_no_error (error);

  set_tags (xmp_path, "Xmp.exif.GPSLatitude", "46,12.264N", "Xmp.exif.GPSLongitude",
            "6,8.592E", NULL);

  image = prepare (fixture, path, DEFAULT_SIZE);
  g_assert_true (liveline_image_get_had_location (image));
  assert_no_metadata (liveline_image_get_path (image));
  assert_no_metadata (liveline_image_get_thumbnail (image));

  xmp_image = prepare (fixture, xmp_path, DEFAULT_SIZE);
  g_assert_true (liveline_image_get_had_location (xmp_image));
  assert_no_metadata (liveline_image_get_path (xmp_image));

  plain_image = prepare (fixture, plain_path, DEFAULT_SIZE);
  g_assert_false (liveline_image_get_had_location (plain_image));
}

/* The agency's credit and caption fill the post's fields. */
static void
test_image_iptc_credit_and_caption (Fixture       *fixture,
                                    gconstpointer  user_data)
{
  g_autofree char *path = make_jpeg (fixture, "agency.jpg", 640, 480, RED);
  g_autoptr(LivelineImage) image = NULL;

  set_tags (path,
            "Iptc.Application2.Credit", "Reuters",
            "Iptc.Application2.Caption", "Delegates arrive in Geneva",
            "Iptc.Application2.Byline", "Jane Doe",
            "Exif.Image.Artist", "Camera owner",
            NULL);

  image = prepare (fixture, path, DEFAULT_SIZE);
  g_assert_cmpstr (liveline_image_get_credit (image), ==, "Reuters");
  g_assert_cmpstr (liveline_image_get_caption (image), ==, "Delegates arrive in Geneva");
  g_assert_false (liveline_image_get_had_location (image));
  assert_no_metadata (liveline_image_get_path (image));
}

static void
test_image_credit_fallbacks (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autofree char *byline_path = make_jpeg (fixture, "byline.jpg", 64, 48, RED);
  g_autofree char *artist_path = make_jpeg (fixture, "artist.jpg", 64, 48, RED);
  g_autofree char *copyright_path = make_jpeg (fixture, "copyright.jpg", 64, 48, RED);
  g_autofree char *xmp_path = make_jpeg (fixture, "xmp.jpg", 64, 48, RED);
  g_autofree char *latin1_path = make_jpeg (fixture, "latin1.jpg", 64, 48, RED);
  g_autofree char *none_path = make_jpeg (fixture, "none.jpg", 64, 48, RED);
  g_autoptr(LivelineImage) byline = NULL;
  g_autoptr(LivelineImage) artist = NULL;
  g_autoptr(LivelineImage) copyright = NULL;
  g_autoptr(LivelineImage) xmp = NULL;
  g_autoptr(LivelineImage) latin1 = NULL;
  g_autoptr(LivelineImage) none = NULL;

  set_tags (byline_path,
            "Iptc.Application2.Byline", "Jane Doe",
            "Exif.Image.Artist", "Camera owner",
            NULL);
  set_tags (artist_path, "Exif.Image.Artist", "  Jane Doe\t", NULL);
  set_tags (copyright_path, "Exif.Image.Copyright", "Agence Genève", NULL);
  set_tags (xmp_path,
            "Xmp.photoshop.Credit", "AFP",
            "Xmp.dc.description", "Talks resume after a break",
            NULL);
  /* Old IPTC writers use Latin-1. */
  set_tags (latin1_path, "Iptc.Application2.Credit", "Agence Gen\xe8ve", NULL);

  byline = prepare (fixture, byline_path, DEFAULT_SIZE);
  g_assert_cmpstr (liveline_image_get_credit (byline), ==, "Jane Doe");
  g_assert_null (liveline_image_get_caption (byline));

  artist = prepare (fixture, artist_path, DEFAULT_SIZE);
  g_assert_cmpstr (liveline_image_get_credit (artist), ==, "Jane Doe");

  copyright = prepare (fixture, copyright_path, DEFAULT_SIZE);
  g_assert_cmpstr (liveline_image_get_credit (copyright), ==, "Agence Genève");

  xmp = prepare (fixture, xmp_path, DEFAULT_SIZE);
  g_assert_cmpstr (liveline_image_get_credit (xmp), ==, "AFP");
  g_assert_cmpstr (liveline_image_get_caption (xmp), ==, "Talks resume after a break");

  latin1 = prepare (fixture, latin1_path, DEFAULT_SIZE);
  g_assert_cmpstr (liveline_image_get_credit (latin1), ==, "Agence Genève");

  none = prepare (fixture, none_path, DEFAULT_SIZE);
  g_assert_null (liveline_image_get_credit (none));
  g_assert_null (liveline_image_get_caption (none));
}

/* Metadata that cannot be read costs the suggestions, never the photo. */
static void
test_image_broken_metadata (Fixture       *fixture,
                            gconstpointer  user_data)
{
  /* An Exif segment whose first directory lies far outside the file. */
  static const guint8 exif[] = {
    0xff, 0xe1, 0x00, 0x1e, 'E', 'x', 'i', 'f', 0, 0,
    'I', 'I', 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00,
    0x02, 0x00, 0x3b, 0x01, 0x02, 0x00, 0xff, 0xff, 0xff, 0x0f, 0x00, 0x00, 0x00, 0x70,
  };
  g_autofree char *source = make_jpeg (fixture, "source.jpg", 320, 240, BLUE);
  g_autofree char *path = fixture_path (fixture, "broken.jpg");
  g_autoptr(GByteArray) broken = g_byte_array_new ();
  g_autoptr(LivelineImage) image = NULL;
  g_autoptr(GdkPixbuf) stored = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (source, &contents, &length, NULL));
  g_byte_array_append (broken, (const guint8 *)contents, 2);
  g_byte_array_append (broken, exif, sizeof exif);
  g_byte_array_append (broken, (const guint8 *)contents + 2, length - 2);
  write_file (path, broken->data, broken->len);

  image = prepare (fixture, path, DEFAULT_SIZE);
  assert_stored_size (image, 320, 240);
  g_assert_null (liveline_image_get_credit (image));
  g_assert_false (liveline_image_get_had_location (image));
  assert_no_metadata (liveline_image_get_path (image));

  stored = load (liveline_image_get_path (image));
  assert_pixel (stored, 160, 120, BLUE);
}

/* Wide-gamut photos keep their colour profile, so they do not fade. */
static void
test_image_keeps_colour_profile (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  g_autofree char *path = fixture_path (fixture, "adobe-rgb.jpg");
  g_autoptr(GdkPixbuf) pixbuf = make_pixbuf (64, 48, FALSE, RED);
  g_autoptr(LivelineImage) image = NULL;
  g_autoptr(GdkPixbuf) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *profile = NULL;
  guint8 icc[132] = { 0 };

  icc[3] = sizeof icc;
  memcpy (icc + 12, "mntrRGB XYZ ", 12);
  memcpy (icc + 36, "acsp", 4);
  profile = g_base64_encode (icc, sizeof icc);

  gdk_pixbuf_save (pixbuf, path, "jpeg", &error, "icc-profile", profile, NULL);
  g_assert_no_error (error);

  image = prepare (fixture, path, DEFAULT_SIZE);
  stored = load (liveline_image_get_path (image));
  g_assert_cmpstr (gdk_pixbuf_get_option (stored, "icc-profile"), ==, profile);
  assert_no_metadata (liveline_image_get_path (image));
}

/* An animated GIF gives its first frame: red, then black. */
static void
test_image_gif_first_frame (Fixture       *fixture,
                            gconstpointer  user_data)
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
  g_autofree char *path = fixture_path (fixture, "animation.gif");
  g_autoptr(LivelineImage) image = NULL;
  g_autoptr(GdkPixbuf) stored = NULL;

  write_file (path, gif, sizeof gif);

  image = prepare (fixture, path, DEFAULT_SIZE);
  g_assert_cmpstr (liveline_image_get_content_type (image), ==, "image/jpeg");
  assert_stored_size (image, 1, 1);

  stored = load (liveline_image_get_path (image));
  assert_pixel (stored, 0, 0, RED);
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
test_image_tiff (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autofree char *path = fixture_path (fixture, "scan.tif");
  g_autoptr(GdkPixbuf) pixbuf = make_pixbuf (300, 200, FALSE, GREEN);
  g_autoptr(LivelineImage) image = NULL;
  g_autoptr(GdkPixbuf) stored = NULL;

  if (!has_pixbuf_format ("tiff"))
    {
      g_test_skip ("gdk-pixbuf has no TIFF loader here");
      return;
    }

  save_pixbuf (pixbuf, path, "tiff");

  image = prepare (fixture, path, DEFAULT_SIZE);
  g_assert_cmpstr (liveline_image_get_content_type (image), ==, "image/jpeg");
  assert_stored_size (image, 300, 200);

  stored = load (liveline_image_get_path (image));
  assert_pixel (stored, 150, 100, GREEN);
}

/* Each copy has a name of its own, in a folder only its owner can read. */
static void
test_image_unique_private_copies (Fixture       *fixture,
                                  gconstpointer  user_data)
{
  g_autofree char *path = make_jpeg (fixture, "Genève talks.jpg", 640, 480, RED);
  g_autofree char *media_dir = g_build_filename (fixture->dir, "data", "liveline", "media", NULL);
  g_autoptr(LivelineImage) first = NULL;
  g_autoptr(LivelineImage) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autofree char *first_dir = NULL;
  GStatBuf buf;
  guint files = 0;

  first = prepare_full (path, media_dir, DEFAULT_SIZE, NULL, &error);
  g_assert_no_error (error);
  second = prepare_full (path, media_dir, DEFAULT_SIZE, NULL, &error);
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
test_image_cancelled_before (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autofree char *path = make_jpeg (fixture, "photo.jpg", 640, 480, RED);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(LivelineImage) image = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);

  image = prepare_full (path, fixture->media_dir, DEFAULT_SIZE, cancellable, &error);
  g_assert_null (image);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (count_media_files (fixture), ==, 0);
}

/* The journalist drops a big photo, then removes it at once. */
static void
test_image_cancelled_while_running (Fixture       *fixture,
                                    gconstpointer  user_data)
{
  g_autoptr(GFile) file = g_file_new_for_path (ensure_big_jpeg ());
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LivelineImage) image = NULL;
  g_autoptr(GError) error = NULL;

  liveline_image_prepare_async (file, fixture->media_dir, DEFAULT_SIZE, cancellable,
                                liveline_test_keep_result, &result);
  g_cancellable_cancel (cancellable);
  g_assert_true (liveline_test_wait_for_result (&result, 60000));

  image = liveline_image_prepare_finish (result, &error);
  g_assert_null (image);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (count_media_files (fixture), ==, 0);
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
test_image_main_loop_keeps_running (Fixture       *fixture,
                                    gconstpointer  user_data)
{
  g_autoptr(GFile) file = g_file_new_for_path (ensure_big_jpeg ());
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LivelineImage) image = NULL;
  g_autoptr(GError) error = NULL;
  Heartbeat heartbeat = { 0 };
  gint64 start;
  gint64 total;
  guint source_id;

  start = heartbeat.last = g_get_monotonic_time ();
  source_id = g_timeout_add (5, on_heartbeat, &heartbeat);
  liveline_image_prepare_async (file, fixture->media_dir, DEFAULT_SIZE, NULL,
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
  int status;

  g_test_init (&argc, &argv, NULL);
  g_assert_true (gexiv2_initialize ());

  for (guint orientation = 1; orientation <= 8; orientation++)
    {
      g_autofree char *test_path = g_strdup_printf ("/image/orientation/%u", orientation);

      g_test_add (test_path, Fixture, GUINT_TO_POINTER (orientation),
                  fixture_set_up, test_image_orientation, fixture_tear_down);
    }

  g_test_add ("/image/png-with-alpha-stays-png", Fixture, NULL,
              fixture_set_up, test_image_png_with_alpha_stays_png, fixture_tear_down);
  g_test_add ("/image/opaque-png-becomes-jpeg", Fixture, NULL,
              fixture_set_up, test_image_opaque_png_becomes_jpeg, fixture_tear_down);
  g_test_add ("/image/one-pixel", Fixture, NULL,
              fixture_set_up, test_image_one_pixel, fixture_tear_down);
  g_test_add ("/image/large-is-scaled", Fixture, NULL,
              fixture_set_up, test_image_large_is_scaled, fixture_tear_down);
  g_test_add ("/image/never-upscaled", Fixture, NULL,
              fixture_set_up, test_image_never_upscaled, fixture_tear_down);
  g_test_add ("/image/max-size", Fixture, NULL,
              fixture_set_up, test_image_max_size, fixture_tear_down);
  g_test_add ("/image/truncated", Fixture, NULL,
              fixture_set_up, test_image_truncated, fixture_tear_down);
  g_test_add ("/image/not-a-picture", Fixture, NULL,
              fixture_set_up, test_image_not_a_picture, fixture_tear_down);
  g_test_add ("/image/missing", Fixture, NULL,
              fixture_set_up, test_image_missing, fixture_tear_down);
  g_test_add ("/image/empty", Fixture, NULL,
              fixture_set_up, test_image_empty, fixture_tear_down);
  g_test_add ("/image/unsupported", Fixture, NULL,
              fixture_set_up, test_image_unsupported, fixture_tear_down);
  g_test_add ("/image/png-bomb", Fixture, NULL,
              fixture_set_up, test_image_png_bomb, fixture_tear_down);
  g_test_add ("/image/jpeg-bomb", Fixture, NULL,
              fixture_set_up, test_image_jpeg_bomb, fixture_tear_down);
  g_test_add ("/image/gif-bomb", Fixture, NULL,
              fixture_set_up, test_image_gif_bomb, fixture_tear_down);
  g_test_add ("/image/too-many-bytes", Fixture, NULL,
              fixture_set_up, test_image_too_many_bytes, fixture_tear_down);
  g_test_add ("/image/location-is-stripped", Fixture, NULL,
              fixture_set_up, test_image_location_is_stripped, fixture_tear_down);
  g_test_add ("/image/iptc-credit-and-caption", Fixture, NULL,
              fixture_set_up, test_image_iptc_credit_and_caption, fixture_tear_down);
  g_test_add ("/image/credit-fallbacks", Fixture, NULL,
              fixture_set_up, test_image_credit_fallbacks, fixture_tear_down);
  g_test_add ("/image/broken-metadata", Fixture, NULL,
              fixture_set_up, test_image_broken_metadata, fixture_tear_down);
  g_test_add ("/image/keeps-colour-profile", Fixture, NULL,
              fixture_set_up, test_image_keeps_colour_profile, fixture_tear_down);
  g_test_add ("/image/gif-first-frame", Fixture, NULL,
              fixture_set_up, test_image_gif_first_frame, fixture_tear_down);
  g_test_add ("/image/tiff", Fixture, NULL,
              fixture_set_up, test_image_tiff, fixture_tear_down);
  g_test_add ("/image/unique-private-copies", Fixture, NULL,
              fixture_set_up, test_image_unique_private_copies, fixture_tear_down);
  g_test_add ("/image/cancelled-before", Fixture, NULL,
              fixture_set_up, test_image_cancelled_before, fixture_tear_down);
  g_test_add ("/image/cancelled-while-running", Fixture, NULL,
              fixture_set_up, test_image_cancelled_while_running, fixture_tear_down);
  g_test_add ("/image/main-loop-keeps-running", Fixture, NULL,
              fixture_set_up, test_image_main_loop_keeps_running, fixture_tear_down);

  status = g_test_run ();

  if (big_jpeg_dir != NULL)
    liveline_test_remove_tree (big_jpeg_dir);
  g_clear_pointer (&big_jpeg_dir, g_free);
  g_clear_pointer (&big_jpeg, g_free);

  return status;
}
