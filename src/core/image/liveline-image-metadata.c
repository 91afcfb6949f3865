/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-image"

#include "config.h"

#include <gexiv2/gexiv2.h>
#include <string.h>

#include "liveline-image-private.h"

/* What a photo's own metadata suggests for the post: the credit and caption
 * an agency wrote into it, and whether it says where it was taken. Only the
 * original is read; the stored copy never carries any of it. All of this is
 * a suggestion: a photo whose metadata cannot be read is used without.
 */

/* The credit line as IPTC means it first, then who took the photo, then
 * whose it is. Each IPTC field is followed by its XMP twin (IPTC Core).
 */
static const char * const credit_tags[] = {
  "Iptc.Application2.Credit",
  "Xmp.photoshop.Credit",
  "Iptc.Application2.Byline",
  "Xmp.dc.creator",
  "Exif.Image.Artist",
  "Exif.Image.Copyright",
  "Xmp.dc.rights",
};

/* Exif.Image.ImageDescription is left out on purpose: cameras fill it with
 * their own name ("OLYMPUS DIGITAL CAMERA").
 */
static const char * const caption_tags[] = {
  "Iptc.Application2.Caption",
  "Xmp.dc.description",
};

static const char * const xmp_location_tags[] = {
  "Xmp.exif.GPSLatitude",
  "Xmp.exif.GPSLongitude",
};

/* Exiv2 reports what it finds odd in a file; for Liveline that is no more
 * than a reason not to suggest anything, so it is debug output only.
 */
static void
on_gexiv2_log (GExiv2LogLevel  level,
               const char     *message)
{
  g_autofree char *line = g_strchomp (g_strdup (message));

  g_debug ("exiv2: %s", line);
}

static gpointer
initialize_gexiv2 (gpointer data)
{
  gexiv2_log_set_handler (on_gexiv2_log);

  return GINT_TO_POINTER (gexiv2_initialize ());
}

static gboolean
ensure_gexiv2 (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, initialize_gexiv2, NULL);

  return GPOINTER_TO_INT (once.retval);
}

/* Metadata text comes in whatever encoding the writer used: old IPTC is
 * often Latin-1. Returns valid UTF-8 without surrounding space, or NULL when
 * nothing is left.
 */
static char *
clean_text (const char *text,
            gboolean    one_line)
{
  g_autofree char *utf8 = NULL;
  const char *start;

  if (text == NULL)
    return NULL;

  if (g_utf8_validate (text, -1, NULL))
    utf8 = g_strdup (text);
  else
    utf8 = g_convert (text, -1, "UTF-8", "WINDOWS-1252", NULL, NULL, NULL);

  if (utf8 == NULL)
    utf8 = g_utf8_make_valid (text, -1);

  /* XMP alternatives come as lang="x-default" followed by the text. */
  start = utf8;
  if (g_str_has_prefix (start, "lang=\""))
    {
      const char *end = strstr (start + strlen ("lang=\""), "\" ");

      if (end != NULL)
        start = end + 2;
    }

  if (start != utf8)
    memmove (utf8, start, strlen (start) + 1);

  for (char *p = utf8; *p != '\0'; p++)
    {
      if (*p == '\t' || (one_line && (*p == '\r' || *p == '\n')))
        *p = ' ';
    }

  g_strstrip (utf8);
  if (utf8[0] == '\0')
    return NULL;

  return g_steal_pointer (&utf8);
}

static char *
dup_first_tag (GExiv2Metadata     *metadata,
               const char * const *tags,
               guint               n_tags,
               gboolean            one_line)
{
  for (guint i = 0; i < n_tags; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *value = NULL;
      char *text;

      if (!gexiv2_metadata_try_has_tag (metadata, tags[i], NULL))
        continue;

      value = gexiv2_metadata_try_get_tag_string (metadata, tags[i], &error);
      if (error != NULL)
        {
          g_debug ("Could not read %s: %s", tags[i], error->message);
          continue;
        }

      text = clean_text (value, one_line);
      if (text != NULL)
        return text;
    }

  return NULL;
}

static gboolean
has_location (GExiv2Metadata *metadata)
{
  g_auto(GStrv) exif_tags = gexiv2_metadata_get_exif_tags (metadata);

  for (guint i = 0; exif_tags != NULL && exif_tags[i] != NULL; i++)
    {
      if (g_str_has_prefix (exif_tags[i], "Exif.GPSInfo."))
        return TRUE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (xmp_location_tags); i++)
    {
      if (gexiv2_metadata_try_has_tag (metadata, xmp_location_tags[i], NULL))
        return TRUE;
    }

  return FALSE;
}

/**
 * _liveline_image_read_metadata:
 * @self: a #LivelineImage
 * @path: the original photo
 *
 * Fills the credit, the caption and whether the photo had a location from
 * @path's Exif, IPTC and XMP. Leaves them unset when there are none or when
 * they cannot be read.
 */
void
_liveline_image_read_metadata (LivelineImage *self,
                               const char    *path)
{
  g_autoptr(GExiv2Metadata) metadata = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (LIVELINE_IS_IMAGE (self));
  g_assert (path != NULL);

  if (!ensure_gexiv2 ())
    {
      g_debug ("GExiv2 could not be initialized; no metadata is read");
      return;
    }

  metadata = gexiv2_metadata_new ();
  if (!gexiv2_metadata_open_path (metadata, path, &error))
    {
      g_debug ("No metadata read from %s: %s", path, error->message);
      return;
    }

  self->credit = dup_first_tag (metadata, credit_tags, G_N_ELEMENTS (credit_tags), TRUE);
  self->caption = dup_first_tag (metadata, caption_tags, G_N_ELEMENTS (caption_tags), FALSE);
  self->had_location = has_location (metadata);
}
