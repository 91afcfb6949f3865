/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-image-metadata"

#include "config.h"

#include <gexiv2/gexiv2.h>
#include <string.h>

#include "liveline-image.h"
#include "liveline-test-image.h"
#include "liveline-test-util.h"

/* A photo's metadata: read for the credit and caption it suggests, and
 * never carried over into the copy, but for its colour profile.
 */

/* A phone photo says where it was taken; the copy must not. */
static void
test_image_location_is_stripped (LivelineTestImageFixture *fixture,
                                 gconstpointer             user_data)
{
  g_autofree char *path = liveline_test_make_jpeg (fixture, "phone.jpg", 640, 480,
                                                   LIVELINE_TEST_GREEN);
  g_autofree char *xmp_path = liveline_test_make_jpeg (fixture, "edited.jpg", 640, 480,
                                                       LIVELINE_TEST_GREEN);
  g_autofree char *plain_path = liveline_test_make_jpeg (fixture, "plain.jpg", 640, 480,
                                                         LIVELINE_TEST_GREEN);
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

  liveline_test_set_tags (xmp_path, "Xmp.exif.GPSLatitude", "46,12.264N", "Xmp.exif.GPSLongitude",
                          "6,8.592E", NULL);

  image = liveline_test_prepare_image (fixture, path, LIVELINE_TEST_IMAGE_SIZE);
  g_assert_true (liveline_image_get_had_location (image));
  liveline_test_assert_no_metadata (liveline_image_get_path (image));
  liveline_test_assert_no_metadata (liveline_image_get_thumbnail (image));

  xmp_image = liveline_test_prepare_image (fixture, xmp_path, LIVELINE_TEST_IMAGE_SIZE);
  g_assert_true (liveline_image_get_had_location (xmp_image));
  liveline_test_assert_no_metadata (liveline_image_get_path (xmp_image));

  plain_image = liveline_test_prepare_image (fixture, plain_path, LIVELINE_TEST_IMAGE_SIZE);
  g_assert_false (liveline_image_get_had_location (plain_image));
}

/* The agency's credit and caption fill the post's fields. */
static void
test_image_iptc_credit_and_caption (LivelineTestImageFixture *fixture,
                                    gconstpointer             user_data)
{
  g_autofree char *path = liveline_test_make_jpeg (fixture, "agency.jpg", 640, 480,
                                                   LIVELINE_TEST_RED);
  g_autoptr(LivelineImage) image = NULL;

  liveline_test_set_tags (path,
                          "Iptc.Application2.Credit", "Reuters",
                          "Iptc.Application2.Caption", "Delegates arrive in Geneva",
                          "Iptc.Application2.Byline", "Jane Doe",
                          "Exif.Image.Artist", "Camera owner",
                          NULL);

  image = liveline_test_prepare_image (fixture, path, LIVELINE_TEST_IMAGE_SIZE);
  g_assert_cmpstr (liveline_image_get_credit (image), ==, "Reuters");
  g_assert_cmpstr (liveline_image_get_caption (image), ==, "Delegates arrive in Geneva");
  g_assert_false (liveline_image_get_had_location (image));
  liveline_test_assert_no_metadata (liveline_image_get_path (image));
}

static void
test_image_credit_fallbacks (LivelineTestImageFixture *fixture,
                             gconstpointer             user_data)
{
  g_autofree char *byline_path = liveline_test_make_jpeg (fixture, "byline.jpg", 64, 48,
                                                          LIVELINE_TEST_RED);
  g_autofree char *artist_path = liveline_test_make_jpeg (fixture, "artist.jpg", 64, 48,
                                                          LIVELINE_TEST_RED);
  g_autofree char *copyright_path = liveline_test_make_jpeg (fixture, "copyright.jpg", 64, 48,
                                                             LIVELINE_TEST_RED);
  g_autofree char *xmp_path = liveline_test_make_jpeg (fixture, "xmp.jpg", 64, 48,
                                                       LIVELINE_TEST_RED);
  g_autofree char *latin1_path = liveline_test_make_jpeg (fixture, "latin1.jpg", 64, 48,
                                                          LIVELINE_TEST_RED);
  g_autofree char *none_path = liveline_test_make_jpeg (fixture, "none.jpg", 64, 48,
                                                        LIVELINE_TEST_RED);
  g_autoptr(LivelineImage) byline = NULL;
  g_autoptr(LivelineImage) artist = NULL;
  g_autoptr(LivelineImage) copyright = NULL;
  g_autoptr(LivelineImage) xmp = NULL;
  g_autoptr(LivelineImage) latin1 = NULL;
  g_autoptr(LivelineImage) none = NULL;

  liveline_test_set_tags (byline_path,
                          "Iptc.Application2.Byline", "Jane Doe",
                          "Exif.Image.Artist", "Camera owner",
                          NULL);
  liveline_test_set_tags (artist_path, "Exif.Image.Artist", "  Jane Doe\t", NULL);
  liveline_test_set_tags (copyright_path, "Exif.Image.Copyright", "Agence Genève", NULL);
  liveline_test_set_tags (xmp_path,
                          "Xmp.photoshop.Credit", "AFP",
                          "Xmp.dc.description", "Talks resume after a break",
                          NULL);
  /* Old IPTC writers use Latin-1. */
  liveline_test_set_tags (latin1_path, "Iptc.Application2.Credit", "Agence Gen\xe8ve", NULL);

  byline = liveline_test_prepare_image (fixture, byline_path, LIVELINE_TEST_IMAGE_SIZE);
  g_assert_cmpstr (liveline_image_get_credit (byline), ==, "Jane Doe");
  g_assert_null (liveline_image_get_caption (byline));

  artist = liveline_test_prepare_image (fixture, artist_path, LIVELINE_TEST_IMAGE_SIZE);
  g_assert_cmpstr (liveline_image_get_credit (artist), ==, "Jane Doe");

  copyright = liveline_test_prepare_image (fixture, copyright_path, LIVELINE_TEST_IMAGE_SIZE);
  g_assert_cmpstr (liveline_image_get_credit (copyright), ==, "Agence Genève");

  xmp = liveline_test_prepare_image (fixture, xmp_path, LIVELINE_TEST_IMAGE_SIZE);
  g_assert_cmpstr (liveline_image_get_credit (xmp), ==, "AFP");
  g_assert_cmpstr (liveline_image_get_caption (xmp), ==, "Talks resume after a break");

  latin1 = liveline_test_prepare_image (fixture, latin1_path, LIVELINE_TEST_IMAGE_SIZE);
  g_assert_cmpstr (liveline_image_get_credit (latin1), ==, "Agence Genève");

  none = liveline_test_prepare_image (fixture, none_path, LIVELINE_TEST_IMAGE_SIZE);
  g_assert_null (liveline_image_get_credit (none));
  g_assert_null (liveline_image_get_caption (none));
}

/* Metadata that cannot be read costs the suggestions, never the photo. */
static void
test_image_broken_metadata (LivelineTestImageFixture *fixture,
                            gconstpointer             user_data)
{
  /* An Exif segment whose first directory lies far outside the file. */
  static const guint8 exif[] = {
    0xff, 0xe1, 0x00, 0x1e, 'E', 'x', 'i', 'f', 0, 0,
    'I', 'I', 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00,
    0x02, 0x00, 0x3b, 0x01, 0x02, 0x00, 0xff, 0xff, 0xff, 0x0f, 0x00, 0x00, 0x00, 0x70,
  };
  g_autofree char *source = liveline_test_make_jpeg (fixture, "source.jpg", 320, 240,
                                                     LIVELINE_TEST_BLUE);
  g_autofree char *path = liveline_test_image_path (fixture, "broken.jpg");
  g_autoptr(GByteArray) broken = g_byte_array_new ();
  g_autoptr(LivelineImage) image = NULL;
  g_autoptr(GdkPixbuf) stored = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (source, &contents, &length, NULL));
  g_byte_array_append (broken, (const guint8 *)contents, 2);
  g_byte_array_append (broken, exif, sizeof exif);
  g_byte_array_append (broken, (const guint8 *)contents + 2, length - 2);
  liveline_test_write_file (path, broken->data, broken->len);

  image = liveline_test_prepare_image (fixture, path, LIVELINE_TEST_IMAGE_SIZE);
  liveline_test_assert_stored_size (image, 320, 240);
  g_assert_null (liveline_image_get_credit (image));
  g_assert_false (liveline_image_get_had_location (image));
  liveline_test_assert_no_metadata (liveline_image_get_path (image));

  stored = liveline_test_load_pixbuf (liveline_image_get_path (image));
  liveline_test_assert_pixel (stored, 160, 120, LIVELINE_TEST_BLUE);
}

/* Wide-gamut photos keep their colour profile, so they do not fade. */
static void
test_image_keeps_colour_profile (LivelineTestImageFixture *fixture,
                                 gconstpointer             user_data)
{
  g_autofree char *path = liveline_test_image_path (fixture, "adobe-rgb.jpg");
  g_autoptr(GdkPixbuf) pixbuf = liveline_test_make_pixbuf (64, 48, FALSE, LIVELINE_TEST_RED);
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

  image = liveline_test_prepare_image (fixture, path, LIVELINE_TEST_IMAGE_SIZE);
  stored = liveline_test_load_pixbuf (liveline_image_get_path (image));
  g_assert_cmpstr (gdk_pixbuf_get_option (stored, "icc-profile"), ==, profile);
  liveline_test_assert_no_metadata (liveline_image_get_path (image));
}

int
main (int   argc,
      char *argv[])
{
  liveline_test_image_init (&argc, &argv);

  LIVELINE_TEST_IMAGE_ADD ("location-is-stripped", test_image_location_is_stripped);
  LIVELINE_TEST_IMAGE_ADD ("iptc-credit-and-caption", test_image_iptc_credit_and_caption);
  LIVELINE_TEST_IMAGE_ADD ("credit-fallbacks", test_image_credit_fallbacks);
  LIVELINE_TEST_IMAGE_ADD ("broken-metadata", test_image_broken_metadata);
  LIVELINE_TEST_IMAGE_ADD ("keeps-colour-profile", test_image_keeps_colour_profile);

  return liveline_test_image_run ();
}
