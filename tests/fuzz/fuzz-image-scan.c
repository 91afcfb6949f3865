/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "fuzz-image-scan"

#include "config.h"

#include "liveline-fuzz.h"
#include "liveline-image-private.h"

/* A photo is any file the journalist drops in, or one an agency sent. Its
 * first bytes are sniffed, then its structure is followed as it is read,
 * before gdk-pixbuf sees it (liveline-image-format.c). Every scanner reads
 * the input twice: in one piece, and in pieces of the sizes the input's
 * last byte picks, as a file arrives from a stream. What it learns must
 * not depend on how the bytes were cut.
 */

static const LivelineImageKind kinds[] = {
  LIVELINE_IMAGE_KIND_JPEG,
  LIVELINE_IMAGE_KIND_PNG,
  LIVELINE_IMAGE_KIND_GIF,
  LIVELINE_IMAGE_KIND_WEBP,
  LIVELINE_IMAGE_KIND_TIFF,
};

static void
scan_whole (LivelineImageScan *scan,
            LivelineImageKind  kind,
            const uint8_t     *data,
            size_t             size)
{
  _liveline_image_scan_init (scan, kind);
  _liveline_image_scan_feed (scan, data, size);
}

static void
scan_in_pieces (LivelineImageScan *scan,
                LivelineImageKind  kind,
                const uint8_t     *data,
                size_t             size)
{
  guint32 state = size > 0 ? data[size - 1] | 1 : 1;
  size_t offset = 0;

  _liveline_image_scan_init (scan, kind);
  while (offset < size)
    {
      size_t piece;

      /* A small generator of piece sizes, from 1 to 64 bytes. */
      state = state * 1103515245 + 12345;
      piece = MIN (size - offset, 1 + ((state >> 16) & 63));
      _liveline_image_scan_feed (scan, data + offset, piece);
      offset += piece;
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const LivelineImageFormat *format = _liveline_image_format_sniff (data, size);

  if (format != NULL && (format->name == NULL || format->name[0] == '\0'))
    liveline_fuzz_fail ("a format without a name was sniffed");

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      LivelineImageScan whole;
      LivelineImageScan pieces;
      guint whole_width, whole_height;
      guint pieces_width, pieces_height;
      gboolean whole_too_large;
      gboolean pieces_too_large;

      scan_whole (&whole, kinds[i], data, size);
      scan_in_pieces (&pieces, kinds[i], data, size);

      whole_too_large = _liveline_image_scan_is_too_large (&whole, &whole_width, &whole_height);
      pieces_too_large = _liveline_image_scan_is_too_large (&pieces, &pieces_width,
                                                            &pieces_height);

      if (_liveline_image_scan_is_complete (&whole) != _liveline_image_scan_is_complete (&pieces))
        liveline_fuzz_fail ("kind %u: the picture is complete in one piece but not in several, "
                            "or the other way round", kinds[i]);
      if (whole_too_large != pieces_too_large ||
          whole_width != pieces_width || whole_height != pieces_height)
        liveline_fuzz_fail ("kind %u: the size claimed is %u × %u in one piece and %u × %u in "
                            "several", kinds[i], whole_width, whole_height, pieces_width,
                            pieces_height);
      if (whole.seen > size)
        liveline_fuzz_fail ("kind %u: the scanner read %" G_GUINT64_FORMAT " bytes of %zu",
                            kinds[i], (guint64)whole.seen, size);
      if (whole_too_large && (guint64)whole_width * whole_height <= LIVELINE_IMAGE_MAX_PIXELS)
        liveline_fuzz_fail ("kind %u: %u × %u is called too large", kinds[i], whole_width,
                            whole_height);
    }

  return 0;
}
