/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-icons"

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "liveline-test-util.h"

typedef struct
{
  guint  opaque;
  guint  total;
  guint  colours;
  guint8 max_channel_distance;
} PixelCount;

/* Counts covered pixels and distinct colours; also how far any covered pixel
 * is from #222222, the one colour of a symbolic icon.
 */
static PixelCount
count_pixels (GdkPixbuf *pixbuf)
{
  g_autoptr(GHashTable) colours = g_hash_table_new (g_direct_hash, g_direct_equal);
  const guint8 *pixels = gdk_pixbuf_read_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  PixelCount count = { 0 };

  g_assert_true (gdk_pixbuf_get_has_alpha (pixbuf));
  g_assert_cmpint (gdk_pixbuf_get_n_channels (pixbuf), ==, 4);

  for (int y = 0; y < gdk_pixbuf_get_height (pixbuf); y++)
    for (int x = 0; x < gdk_pixbuf_get_width (pixbuf); x++)
      {
        const guint8 *p = pixels + y * stride + x * 4;

        count.total++;
        if (p[3] < 128)
          continue;

        count.opaque++;
        g_hash_table_add (colours, GUINT_TO_POINTER ((p[0] >> 4) << 8 | (p[1] >> 4) << 4 | p[2] >> 4));
        for (int c = 0; c < 3; c++)
          count.max_channel_distance = MAX (count.max_channel_distance, ABS (p[c] - 0x22));
      }

  count.colours = g_hash_table_size (colours);

  return count;
}

static void
test_app_icon_is_artwork (void)
{
  g_autofree char *path = liveline_test_source_path ("data", "icons", "hicolor", "scalable", "apps",
                                                     "io.github.liveline.Liveline.svg", NULL);
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;
  PixelCount count;

  pixbuf = gdk_pixbuf_new_from_file_at_size (path, 128, 128, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 128);
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, 128);

  count = count_pixels (pixbuf);

  /* A drawn shape on a transparent canvas, in several colours: not a square. */
  g_assert_cmpuint (count.opaque, >, count.total / 3);
  g_assert_cmpuint (count.opaque, <, count.total * 95 / 100);
  g_assert_cmpuint (count.colours, >=, 4);
}

static void
test_symbolic_icon_is_one_colour (void)
{
  g_autofree char *path = liveline_test_source_path ("data", "icons", "hicolor", "symbolic", "apps",
                                                     "io.github.liveline.Liveline-symbolic.svg", NULL);
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;
  PixelCount count;

  pixbuf = gdk_pixbuf_new_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 16);
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, 16);

  count = count_pixels (pixbuf);
  g_assert_cmpuint (count.opaque, >, count.total / 8);
  g_assert_cmpuint (count.opaque, <, count.total * 3 / 4);
  g_assert_cmpuint (count.max_channel_distance, <=, 8);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/icons/app-icon-is-artwork", test_app_icon_is_artwork);
  g_test_add_func ("/icons/symbolic-icon-is-one-colour", test_symbolic_icon_is_one_colour);

  return g_test_run ();
}
