/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-image"

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n-lib.h>

#include "liveline-image-private.h"

/* Reading the original: everything that can be told without decoding a
 * pixel is checked first (its size on disk, its format from its first
 * bytes, the picture's size from its header), so a small file that claims
 * a huge picture is refused before memory is set aside for it. Then the
 * picture is decoded no larger than it will be stored: libjpeg decodes a
 * JPEG at 1/2, 1/4 or 1/8 of its size, which is what makes a 24-megapixel
 * photo quick and light.
 */

#define READ_CHUNK_SIZE (64 * 1024)

/* Shared with the loader's size-prepared handler. */
typedef struct
{
  guint max_size;
  int   width;
  int   height;
  guint too_large : 1;
} DecodeState;

static void
set_read_error (GError     **error,
                const char  *name,
                GError      *cause)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_error_copy (cause));
      return;
    }

  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_set_error (error,
                   G_IO_ERROR,
                   G_IO_ERROR_NOT_FOUND,
                   /* Translators: %s is a file name */
                   _("“%s” is no longer there: it was moved or deleted"),
                   name);
      return;
    }

  g_set_error (error,
               G_IO_ERROR,
               cause->domain == G_IO_ERROR ? cause->code : G_IO_ERROR_FAILED,
               /* Translators: %s is a file name, then the reason */
               _("Could not read “%s”: %s"),
               name, cause->message);
}

static void
set_too_many_pixels_error (GError     **error,
                           const char  *name,
                           guint        width,
                           guint        height)
{
  guint limit = LIVELINE_IMAGE_MAX_PIXELS / 1000000;

  g_set_error (error,
               LIVELINE_IMAGE_ERROR,
               LIVELINE_IMAGE_ERROR_TOO_LARGE,
               /* Translators: %s is a file name, then the picture's width and
                * height in pixels, then the largest picture Liveline takes
                */
               ngettext ("“%s” is too large: %u × %u pixels, "
                         "more than the %u megapixel Liveline takes",
                         "“%s” is too large: %u × %u pixels, "
                         "more than the %u megapixels Liveline takes",
                         limit),
               name, width, height, limit);
}

static void
set_too_many_bytes_error (GError     **error,
                          const char  *name,
                          guint64      size)
{
  g_autofree char *size_text = g_format_size (size);

  g_set_error (error,
               LIVELINE_IMAGE_ERROR,
               LIVELINE_IMAGE_ERROR_TOO_LARGE,
               /* Translators: %s is a file name, then its size as in
                * "250.1 MB", then the largest file Liveline takes in megabytes
                */
               _("“%s” is too large: %s, more than the %u MB Liveline takes"),
               name, size_text, LIVELINE_IMAGE_MAX_BYTES / 1000000);
}

static void
set_unsupported_error (GError     **error,
                       const char  *name,
                       const char  *format)
{
  g_set_error (error,
               LIVELINE_IMAGE_ERROR,
               LIVELINE_IMAGE_ERROR_UNSUPPORTED,
               /* Translators: %s is a file name, then the name of a picture
                * format, as in "HEIF"
                */
               _("“%s” is a picture in a format Liveline cannot use (%s). "
                 "Save it as JPEG or PNG and try again."),
               name, format);
}

static void
set_empty_error (GError     **error,
                 const char  *name)
{
  g_set_error (error,
               LIVELINE_IMAGE_ERROR,
               LIVELINE_IMAGE_ERROR_EMPTY,
               /* Translators: %s is a file name */
               _("“%s” is empty"),
               name);
}

static void
set_not_a_picture_error (GError     **error,
                         const char  *name)
{
  g_set_error (error,
               LIVELINE_IMAGE_ERROR,
               LIVELINE_IMAGE_ERROR_NOT_AN_IMAGE,
               /* Translators: %s is a file name */
               _("“%s” is not a picture"),
               name);
}

/* For a file that starts no format Liveline knows by name, the shared MIME
 * database tells a picture in another format from something else.
 */
static void
set_unknown_format_error (GError       **error,
                          const char    *name,
                          const guint8  *data,
                          gsize          length)
{
  g_autofree char *content_type = NULL;
  g_autofree char *mime_type = NULL;
  g_autofree char *description = NULL;

  content_type = g_content_type_guess (NULL, data, length, NULL);
  mime_type = g_content_type_get_mime_type (content_type);

  if (mime_type == NULL || !g_str_has_prefix (mime_type, "image/"))
    {
      set_not_a_picture_error (error, name);
      return;
    }

  description = g_content_type_get_description (content_type);
  set_unsupported_error (error, name, description);
}

/* Runs once the loader has read the header, before it allocates the pixels. */
static void
on_size_prepared (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  gpointer         user_data)
{
  DecodeState *state = user_data;
  int fitted_width;
  int fitted_height;

  state->width = width;
  state->height = height;

  if (width <= 0 || height <= 0)
    return;

  if ((guint64)width * (guint64)height > LIVELINE_IMAGE_MAX_PIXELS)
    {
      /* A size of zero makes every loader stop here. */
      state->too_large = TRUE;
      gdk_pixbuf_loader_set_size (loader, 0, 0);
      return;
    }

  /* JPEG decodes at 1/2, 1/4 or 1/8 of the size when that is still larger
   * than asked; the loader scales the rest of the way.
   */
  if (_liveline_image_fit_size (width, height, state->max_size, &fitted_width, &fitted_height))
    gdk_pixbuf_loader_set_size (loader, fitted_width, fitted_height);
}

static GdkPixbuf *
decode_file (GFile         *source,
             const char    *name,
             guint          max_size,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GError) read_error = NULL;
  g_autoptr(GError) decode_error = NULL;
  g_autofree guint8 *buffer = NULL;
  const LivelineImageFormat *format;
  LivelineImageScan scan;
  DecodeState state = { 0 };
  GdkPixbuf *pixbuf;
  guint claimed_width;
  guint claimed_height;
  guint64 total = 0;
  gsize length = 0;
  gboolean decoded = TRUE;

  g_assert (G_IS_FILE (source));
  g_assert (name != NULL);

  stream = g_file_read (source, cancellable, &read_error);
  if (stream == NULL)
    {
      set_read_error (error, name, read_error);
      return NULL;
    }

  buffer = g_malloc (READ_CHUNK_SIZE);
  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), buffer, READ_CHUNK_SIZE, &length,
                                cancellable, &read_error))
    {
      set_read_error (error, name, read_error);
      return NULL;
    }

  /* The file may have been emptied since it was looked at. */
  if (length == 0)
    {
      set_empty_error (error, name);
      return NULL;
    }

  format = _liveline_image_format_sniff (buffer, length);
  if (format == NULL)
    {
      set_unknown_format_error (error, name, buffer, length);
      return NULL;
    }

  if (format->loader != NULL)
    loader = gdk_pixbuf_loader_new_with_type (format->loader, &decode_error);

  if (loader == NULL)
    {
      if (decode_error != NULL)
        g_debug ("No loader for %s: %s", format->name, decode_error->message);
      set_unsupported_error (error, name, format->name);
      return NULL;
    }

  state.max_size = max_size;
  g_signal_connect (loader, "size-prepared", G_CALLBACK (on_size_prepared), &state);
  _liveline_image_scan_init (&scan, format->kind);

  while (length > 0)
    {
      total += length;
      if (total > LIVELINE_IMAGE_MAX_BYTES)
        break;

      /* The scan sees each chunk before the loader does, so a frame that
       * claims too much never reaches it.
       */
      _liveline_image_scan_feed (&scan, buffer, length);
      if (_liveline_image_scan_is_too_large (&scan, NULL, NULL))
        break;

      if (!gdk_pixbuf_loader_write (loader, buffer, length, &decode_error))
        {
          decoded = FALSE;
          break;
        }

      if (state.too_large)
        break;

      if (!g_input_stream_read_all (G_INPUT_STREAM (stream), buffer, READ_CHUNK_SIZE, &length,
                                    cancellable, &read_error))
        break;
    }

  /* A loader must always be closed; what it says on closing only matters
   * when it was given the whole file.
   */
  if (length == 0 && decoded && read_error == NULL)
    decoded = gdk_pixbuf_loader_close (loader, &decode_error);
  else
    gdk_pixbuf_loader_close (loader, NULL);

  if (read_error != NULL)
    {
      set_read_error (error, name, read_error);
      return NULL;
    }

  if (state.too_large)
    {
      set_too_many_pixels_error (error, name, (guint)state.width, (guint)state.height);
      return NULL;
    }

  if (_liveline_image_scan_is_too_large (&scan, &claimed_width, &claimed_height))
    {
      set_too_many_pixels_error (error, name, claimed_width, claimed_height);
      return NULL;
    }

  if (total > LIVELINE_IMAGE_MAX_BYTES)
    {
      set_too_many_bytes_error (error, name, total);
      return NULL;
    }

  pixbuf = decoded ? gdk_pixbuf_loader_get_pixbuf (loader) : NULL;

  if (pixbuf == NULL && g_error_matches (decode_error,
                                         GDK_PIXBUF_ERROR,
                                         GDK_PIXBUF_ERROR_INSUFFICIENT_MEMORY))
    {
      g_set_error (error,
                   LIVELINE_IMAGE_ERROR,
                   LIVELINE_IMAGE_ERROR_TOO_LARGE,
                   /* Translators: %s is a file name */
                   _("“%s” is too large to open: there is not enough memory"),
                   name);
      return NULL;
    }

  if (pixbuf == NULL || !_liveline_image_scan_is_complete (&scan))
    {
      g_debug ("Could not decode %s: %s", name,
               decode_error != NULL ? decode_error->message : "the file ends early");

      if (!_liveline_image_scan_is_complete (&scan))
        g_set_error (error,
                     LIVELINE_IMAGE_ERROR,
                     LIVELINE_IMAGE_ERROR_CORRUPT,
                     /* Translators: %s is a file name */
                     _("“%s” is incomplete: the file ends before the picture does"),
                     name);
      else
        g_set_error (error,
                     LIVELINE_IMAGE_ERROR,
                     LIVELINE_IMAGE_ERROR_CORRUPT,
                     /* Translators: %s is a file name */
                     _("“%s” is damaged and cannot be opened"),
                     name);
      return NULL;
    }

  return g_object_ref (pixbuf);
}

/**
 * _liveline_image_decode:
 * @source: the photo the journalist picked
 * @max_size: the longest edge the picture is decoded at, at most
 * @display_name: (out): where to store @source's name as shown to the user
 * @cancellable: (nullable): a #GCancellable
 * @error: a location for a #GError
 *
 * Decodes @source no larger than needed: its long edge is @max_size or a
 * little more, or its own when smaller. The pixbuf still carries the
 * orientation and colour profile options the loader read.
 *
 * Returns: (transfer full): the picture, or %NULL with @error set in
 *   %LIVELINE_IMAGE_ERROR or %G_IO_ERROR
 */
GdkPixbuf *
_liveline_image_decode (GFile         *source,
                        guint          max_size,
                        char         **display_name,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;

  g_assert (G_IS_FILE (source));
  g_assert (display_name != NULL && *display_name == NULL);

  info = g_file_query_info (source,
                            G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME ","
                            G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE,
                            cancellable, &local_error);
  if (info == NULL)
    {
      g_autofree char *basename = g_file_get_basename (source);

      set_read_error (error, basename, local_error);
      return NULL;
    }

  if (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME))
    *display_name = g_strdup (g_file_info_get_display_name (info));
  else
    *display_name = g_file_get_basename (source);
  name = *display_name;

  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      set_not_a_picture_error (error, name);
      return NULL;
    }

  if (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_SIZE))
    {
      goffset size = g_file_info_get_size (info);

      if (size == 0)
        {
          set_empty_error (error, name);
          return NULL;
        }

      if (size > LIVELINE_IMAGE_MAX_BYTES)
        {
          set_too_many_bytes_error (error, name, size);
          return NULL;
        }
    }

  return decode_file (source, name, max_size, cancellable, error);
}
