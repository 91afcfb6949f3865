/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-image"

#include "config.h"

#include <string.h>

#include "liveline-image-private.h"

/* Which pictures Liveline takes, told from a file's first bytes rather than
 * its name, and whether a file holds all of its picture.
 *
 * Taken: JPEG and PNG (what cameras, phones and agencies send), GIF (its
 * first frame; live pages show stills), and WebP and TIFF when gdk-pixbuf
 * has a loader for them. The pictures most often sent that are not taken
 * are named, so the journalist learns what to convert: HEIF from phones,
 * AVIF, JPEG XL, JPEG 2000, BMP, Photoshop. Anything else the shared MIME
 * database calls a picture is refused the same way (liveline-image.c).
 */

static const LivelineImageFormat formats[] = {
  { LIVELINE_IMAGE_KIND_JPEG, "jpeg", "JPEG" },
  { LIVELINE_IMAGE_KIND_PNG, "png", "PNG" },
  { LIVELINE_IMAGE_KIND_GIF, "gif", "GIF" },
  { LIVELINE_IMAGE_KIND_WEBP, "webp", "WebP" },
  { LIVELINE_IMAGE_KIND_TIFF, "tiff", "TIFF" },
  { LIVELINE_IMAGE_KIND_OTHER_PICTURE, NULL, "HEIF" },
  { LIVELINE_IMAGE_KIND_OTHER_PICTURE, NULL, "AVIF" },
  { LIVELINE_IMAGE_KIND_OTHER_PICTURE, NULL, "JPEG XL" },
  { LIVELINE_IMAGE_KIND_OTHER_PICTURE, NULL, "JPEG 2000" },
  { LIVELINE_IMAGE_KIND_OTHER_PICTURE, NULL, "BMP" },
  { LIVELINE_IMAGE_KIND_OTHER_PICTURE, NULL, "Photoshop" },
};

enum {
  FORMAT_JPEG,
  FORMAT_PNG,
  FORMAT_GIF,
  FORMAT_WEBP,
  FORMAT_TIFF,
  FORMAT_HEIF,
  FORMAT_AVIF,
  FORMAT_JPEG_XL,
  FORMAT_JPEG_2000,
  FORMAT_BMP,
  FORMAT_PHOTOSHOP,
};

typedef struct
{
  guint       offset;
  guint       length;
  const char *bytes;
  guint       format;
} Signature;

static const Signature signatures[] = {
  { 0, 3, "\xff\xd8\xff", FORMAT_JPEG },
  { 0, 8, "\x89PNG\r\n\x1a\n", FORMAT_PNG },
  { 0, 6, "GIF87a", FORMAT_GIF },
  { 0, 6, "GIF89a", FORMAT_GIF },
  { 8, 4, "WEBP", FORMAT_WEBP },
  { 0, 4, "II*\0", FORMAT_TIFF },
  { 0, 4, "MM\0*", FORMAT_TIFF },
  { 0, 4, "II+\0", FORMAT_TIFF },
  { 0, 4, "MM\0+", FORMAT_TIFF },
  { 4, 8, "ftypheic", FORMAT_HEIF },
  { 4, 8, "ftypheix", FORMAT_HEIF },
  { 4, 8, "ftyphevc", FORMAT_HEIF },
  { 4, 8, "ftyphevx", FORMAT_HEIF },
  { 4, 8, "ftypheim", FORMAT_HEIF },
  { 4, 8, "ftypheis", FORMAT_HEIF },
  { 4, 8, "ftypmif1", FORMAT_HEIF },
  { 4, 8, "ftypmsf1", FORMAT_HEIF },
  { 4, 8, "ftypavif", FORMAT_AVIF },
  { 4, 8, "ftypavis", FORMAT_AVIF },
  { 0, 2, "\xff\x0a", FORMAT_JPEG_XL },
  { 0, 12, "\0\0\0\x0cJXL \r\n\x87\n", FORMAT_JPEG_XL },
  { 0, 12, "\0\0\0\x0cjP  \r\n\x87\n", FORMAT_JPEG_2000 },
  { 0, 4, "\xff\x4f\xff\x51", FORMAT_JPEG_2000 },
  { 0, 4, "8BPS", FORMAT_PHOTOSHOP },
};

static gboolean
looks_like_bmp (const guint8 *data,
                gsize         length)
{
  guint32 header_size;

  /* "BM" alone starts too many other files; the size of the header that
   * follows it takes one of a few known values.
   */
  if (length < 18 || data[0] != 'B' || data[1] != 'M')
    return FALSE;

  header_size = data[14] | (data[15] << 8) | (data[16] << 16) | ((guint32)data[17] << 24);

  return header_size == 12 || header_size == 40 || header_size == 52 ||
         header_size == 56 || header_size == 64 || header_size == 108 ||
         header_size == 124;
}

/**
 * _liveline_image_format_sniff:
 * @data: the first bytes of a file
 * @length: how many; a few dozen are enough
 *
 * Returns: (nullable): the picture format the bytes start, or %NULL when
 *   they start none Liveline knows by name
 */
const LivelineImageFormat *
_liveline_image_format_sniff (const guint8 *data,
                              gsize         length)
{
  g_assert (data != NULL || length == 0);

  for (guint i = 0; i < G_N_ELEMENTS (signatures); i++)
    {
      const Signature *signature = &signatures[i];

      if (length >= signature->offset + signature->length &&
          memcmp (data + signature->offset, signature->bytes, signature->length) == 0)
        {
          /* WebP is a RIFF container: "RIFF", a size, then "WEBP". */
          if (signature->format == FORMAT_WEBP && memcmp (data, "RIFF", 4) != 0)
            continue;

          return &formats[signature->format];
        }
    }

  if (looks_like_bmp (data, length))
    return &formats[FORMAT_BMP];

  return NULL;
}

/* JPEG: segments with a length, up to the start of a scan (SOS); then
 * entropy-coded data, where 0xFF is followed by 0x00 (a stuffed byte) or a
 * restart marker, until the next marker. The picture ends with EOI; anything
 * after it (a second picture of a multi-picture file) does not matter.
 */
enum {
  JPEG_BETWEEN,
  JPEG_MARKER,
  JPEG_LENGTH_HIGH,
  JPEG_LENGTH_LOW,
  JPEG_SKIP,
  JPEG_ENTROPY,
  JPEG_ENTROPY_FF,
};

#define JPEG_SOS 0xda
#define JPEG_EOI 0xd9

static gboolean
jpeg_marker_stands_alone (guint8 code)
{
  /* SOI, TEM and the restart markers have no length. */
  return code == 0xd8 || code == 0x01 || (code >= 0xd0 && code <= 0xd7);
}

/* Returns how many bytes of @data it used; none when it only changed state
 * and the byte is to be looked at again.
 */
static gsize
jpeg_feed (LivelineImageScan *scan,
           const guint8      *data,
           gsize              length)
{
  const guint8 *found;
  guint8 byte = data[0];

  switch (scan->state)
    {
    case JPEG_BETWEEN:
      /* Stray bytes between segments are skipped, as libjpeg does. */
      if (byte == 0xff)
        scan->state = JPEG_MARKER;
      return 1;

    case JPEG_MARKER:
      if (byte == 0xff)
        return 1;

      if (byte == JPEG_EOI)
        scan->complete = scan->done = TRUE;
      else if (byte == 0x00 || jpeg_marker_stands_alone (byte))
        scan->state = JPEG_BETWEEN;
      else
        {
          scan->marker = byte;
          scan->state = JPEG_LENGTH_HIGH;
        }
      return 1;

    case JPEG_LENGTH_HIGH:
      scan->skip = (guint64)byte << 8;
      scan->state = JPEG_LENGTH_LOW;
      return 1;

    case JPEG_LENGTH_LOW:
      scan->skip |= byte;
      /* The length counts its own two bytes. */
      scan->skip = scan->skip >= 2 ? scan->skip - 2 : 0;
      scan->state = JPEG_SKIP;
      if (scan->skip == 0)
        scan->state = scan->marker == JPEG_SOS ? JPEG_ENTROPY : JPEG_BETWEEN;
      return 1;

    case JPEG_SKIP:
      {
        gsize used = MIN (scan->skip, length);

        scan->skip -= used;
        if (scan->skip == 0)
          scan->state = scan->marker == JPEG_SOS ? JPEG_ENTROPY : JPEG_BETWEEN;
        return used;
      }

    case JPEG_ENTROPY:
      found = memchr (data, 0xff, length);
      if (found == NULL)
        return length;
      scan->state = JPEG_ENTROPY_FF;
      return found - data + 1;

    case JPEG_ENTROPY_FF:
      if (byte == 0x00 || (byte >= 0xd0 && byte <= 0xd7))
        {
          scan->state = JPEG_ENTROPY;
          return 1;
        }
      /* A marker ends the scan: look at its code again as one. */
      scan->state = JPEG_MARKER;
      return 0;

    default:
      g_assert_not_reached ();
    }
}

/* PNG: the signature, then chunks of length, type, data and CRC; IEND is
 * the last chunk.
 */
enum {
  PNG_SIGNATURE,
  PNG_CHUNK_HEADER,
  PNG_CHUNK_BODY,
};

static gsize
png_feed (LivelineImageScan *scan,
          const guint8      *data,
          gsize              length)
{
  gsize used;

  switch (scan->state)
    {
    case PNG_SIGNATURE:
    case PNG_CHUNK_BODY:
      used = MIN (scan->skip, length);
      scan->skip -= used;
      if (scan->skip == 0)
        {
          scan->state = PNG_CHUNK_HEADER;
          scan->header_len = 0;
        }
      return used;

    case PNG_CHUNK_HEADER:
      used = MIN (8 - scan->header_len, length);
      memcpy (scan->header + scan->header_len, data, used);
      scan->header_len += used;
      if (scan->header_len == 8)
        {
          if (memcmp (scan->header + 4, "IEND", 4) == 0)
            scan->complete = scan->done = TRUE;

          scan->skip = (((guint64)scan->header[0] << 24) | (scan->header[1] << 16) |
                        (scan->header[2] << 8) | scan->header[3]) + 4;
          scan->state = PNG_CHUNK_BODY;
        }
      return used;

    default:
      g_assert_not_reached ();
    }
}

/* WebP: a RIFF container whose header says how long it is. */
static gsize
webp_feed (LivelineImageScan *scan,
           const guint8      *data,
           gsize              length)
{
  if (scan->header_len < 8)
    {
      gsize used = MIN (8 - scan->header_len, length);

      memcpy (scan->header + scan->header_len, data, used);
      scan->header_len += used;
      if (scan->header_len == 8)
        {
          scan->expected = 8 + (scan->header[4] | (scan->header[5] << 8) |
                                (scan->header[6] << 16) | ((guint32)scan->header[7] << 24));
          /* Chunks are padded to an even length. */
          scan->expected += scan->expected & 1;
        }
      return used;
    }

  if (scan->seen + length >= scan->expected)
    scan->complete = scan->done = TRUE;

  return length;
}

/* GIF: a header with the canvas size and maybe a colour table, then
 * extensions and frames made of sub-blocks, then a trailer. Each frame has
 * its own size and place, and gdk-pixbuf makes room for a frame that lies
 * outside the canvas: a 1 × 1 GIF can hold a 60000 × 60000 frame. Only the
 * first frame is used, so the picture is complete once it is.
 */
enum {
  GIF_HEADER,
  GIF_SKIP,
  GIF_BLOCK,
  GIF_EXTENSION_LABEL,
  GIF_SUB_BLOCK,
  GIF_FRAME_HEADER,
  GIF_CODE_SIZE,
};

#define GIF_HEADER_SIZE       13
#define GIF_FRAME_HEADER_SIZE 9

static guint
read_le16 (const guint8 *bytes)
{
  return bytes[0] | (bytes[1] << 8);
}

static void
gif_claim (LivelineImageScan *scan,
           guint              width,
           guint              height)
{
  scan->width = MAX (scan->width, width);
  scan->height = MAX (scan->height, height);

  if ((guint64)scan->width * scan->height > LIVELINE_IMAGE_MAX_PIXELS)
    scan->too_large = scan->done = TRUE;
}

/* Skips a colour table when @flags say there is one. */
static void
gif_skip_color_table (LivelineImageScan *scan,
                      guint8             flags,
                      guint              next_state)
{
  scan->next_state = next_state;
  scan->state = next_state;

  if (flags & 0x80)
    {
      scan->skip = 3u << ((flags & 0x07) + 1);
      scan->state = GIF_SKIP;
    }
}

static gsize
gif_feed (LivelineImageScan *scan,
          const guint8      *data,
          gsize              length)
{
  guint8 byte = data[0];
  gsize used;

  switch (scan->state)
    {
    case GIF_HEADER:
    case GIF_FRAME_HEADER:
      {
        guint size = scan->state == GIF_HEADER ? GIF_HEADER_SIZE : GIF_FRAME_HEADER_SIZE;

        used = MIN (size - scan->header_len, length);
        memcpy (scan->header + scan->header_len, data, used);
        scan->header_len += used;
        if (scan->header_len < size)
          return used;

        scan->header_len = 0;
        if (scan->state == GIF_HEADER)
          {
            gif_claim (scan, read_le16 (scan->header + 6), read_le16 (scan->header + 8));
            gif_skip_color_table (scan, scan->header[10], GIF_BLOCK);
          }
        else
          {
            gif_claim (scan,
                       read_le16 (scan->header) + read_le16 (scan->header + 4),
                       read_le16 (scan->header + 2) + read_le16 (scan->header + 6));
            gif_skip_color_table (scan, scan->header[8], GIF_CODE_SIZE);
          }
        return used;
      }

    case GIF_SKIP:
      used = MIN (scan->skip, length);
      scan->skip -= used;
      if (scan->skip == 0)
        scan->state = scan->next_state;
      return used;

    case GIF_BLOCK:
      if (byte == 0x21)
        scan->state = GIF_EXTENSION_LABEL;
      else if (byte == 0x2c)
        scan->state = GIF_FRAME_HEADER;
      else
        {
          /* The trailer, or something gdk-pixbuf will judge. */
          scan->done = TRUE;
        }
      return 1;

    case GIF_EXTENSION_LABEL:
      scan->marker = 0;
      scan->state = GIF_SUB_BLOCK;
      return 1;

    case GIF_CODE_SIZE:
      /* marker tells the sub-blocks of a frame from those of an extension. */
      scan->marker = 1;
      scan->state = GIF_SUB_BLOCK;
      return 1;

    case GIF_SUB_BLOCK:
      if (byte == 0)
        {
          if (scan->marker)
            scan->complete = TRUE;
          scan->state = GIF_BLOCK;
        }
      else
        {
          scan->skip = byte;
          scan->next_state = GIF_SUB_BLOCK;
          scan->state = GIF_SKIP;
        }
      return 1;

    default:
      g_assert_not_reached ();
    }
}

void
_liveline_image_scan_init (LivelineImageScan *scan,
                           LivelineImageKind  kind)
{
  g_assert (scan != NULL);

  memset (scan, 0, sizeof *scan);
  scan->kind = kind;

  switch (kind)
    {
    case LIVELINE_IMAGE_KIND_JPEG:
      scan->state = JPEG_BETWEEN;
      break;

    case LIVELINE_IMAGE_KIND_PNG:
      scan->state = PNG_SIGNATURE;
      scan->skip = 8;
      break;

    case LIVELINE_IMAGE_KIND_GIF:
      scan->state = GIF_HEADER;
      break;

    case LIVELINE_IMAGE_KIND_WEBP:
      break;

    case LIVELINE_IMAGE_KIND_UNKNOWN:
    case LIVELINE_IMAGE_KIND_TIFF:
    case LIVELINE_IMAGE_KIND_OTHER_PICTURE:
    default:
      /* gdk-pixbuf reports a TIFF cut short by itself. */
      scan->complete = scan->done = TRUE;
      break;
    }
}

/**
 * _liveline_image_scan_feed:
 * @scan: a #LivelineImageScan
 * @data: the next bytes of the file
 * @length: how many
 *
 * Follows the file's structure over @data.
 */
void
_liveline_image_scan_feed (LivelineImageScan *scan,
                           const guint8      *data,
                           gsize              length)
{
  g_assert (scan != NULL);
  g_assert (data != NULL || length == 0);

  while (length > 0 && !scan->done)
    {
      gsize used;

      switch (scan->kind)
        {
        case LIVELINE_IMAGE_KIND_JPEG:
          used = jpeg_feed (scan, data, length);
          break;

        case LIVELINE_IMAGE_KIND_PNG:
          used = png_feed (scan, data, length);
          break;

        case LIVELINE_IMAGE_KIND_GIF:
          used = gif_feed (scan, data, length);
          break;

        case LIVELINE_IMAGE_KIND_WEBP:
          used = webp_feed (scan, data, length);
          break;

        case LIVELINE_IMAGE_KIND_UNKNOWN:
        case LIVELINE_IMAGE_KIND_TIFF:
        case LIVELINE_IMAGE_KIND_OTHER_PICTURE:
        default:
          g_assert_not_reached ();
        }

      g_assert (used <= length);

      scan->seen += used;
      data += used;
      length -= used;
    }
}

/**
 * _liveline_image_scan_is_complete:
 * @scan: a #LivelineImageScan
 *
 * Returns: whether the bytes fed so far reach the end of the picture
 */
gboolean
_liveline_image_scan_is_complete (LivelineImageScan *scan)
{
  g_assert (scan != NULL);

  return scan->complete;
}

/**
 * _liveline_image_scan_is_too_large:
 * @scan: a #LivelineImageScan
 * @width: (out): the width the file claims
 * @height: (out): the height the file claims
 *
 * Returns: whether the bytes fed so far claim more than
 *   %LIVELINE_IMAGE_MAX_PIXELS; they must then not reach gdk-pixbuf
 */
gboolean
_liveline_image_scan_is_too_large (LivelineImageScan *scan,
                                   guint             *width,
                                   guint             *height)
{
  g_assert (scan != NULL);

  if (width != NULL)
    *width = scan->width;
  if (height != NULL)
    *height = scan->height;

  return scan->too_large;
}
