/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-image"

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "liveline-image-private.h"

/* A photo attached to a post is never used as it came: it is copied into
 * Liveline's media folder, upright, no larger than the site shows it, and
 * without any of its metadata (an agency photo's Exif may say where a source
 * lives). The copy and a thumbnail are made in a worker thread; the original
 * is only read (liveline-image-decode.c decodes it, and
 * liveline-image-metadata.c reads what its metadata suggests).
 *
 * The copy is a JPEG, unless the picture has transparent pixels: then it is
 * a PNG, so a logo keeps its transparency. Only a colour profile is carried
 * over, because without it an Adobe RGB photo looks washed out; it says
 * nothing about who or where.
 */

#define THUMBNAIL_SIZE  256
#define JPEG_QUALITY    "88"

G_DEFINE_QUARK (liveline-image-error-quark, liveline_image_error)

G_DEFINE_FINAL_TYPE (LivelineImage, liveline_image, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_THUMBNAIL,
  PROP_ORIGINAL_NAME,
  PROP_CONTENT_TYPE,
  PROP_WIDTH,
  PROP_HEIGHT,
  PROP_CREDIT,
  PROP_CAPTION,
  PROP_HAD_LOCATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  GFile *source;
  char  *media_dir;
  guint  max_size;
} PrepareData;

static void
prepare_data_free (gpointer data)
{
  PrepareData *prepare = data;

  g_clear_object (&prepare->source);
  g_clear_pointer (&prepare->media_dir, g_free);
  g_free (prepare);
}

static void
liveline_image_finalize (GObject *object)
{
  LivelineImage *self = (LivelineImage *)object;

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->thumbnail, g_free);
  g_clear_pointer (&self->original_name, g_free);
  g_clear_pointer (&self->content_type, g_free);
  g_clear_pointer (&self->credit, g_free);
  g_clear_pointer (&self->caption, g_free);

  G_OBJECT_CLASS (liveline_image_parent_class)->finalize (object);
}

static void
liveline_image_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LivelineImage *self = LIVELINE_IMAGE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_THUMBNAIL:
      g_value_set_string (value, self->thumbnail);
      break;

    case PROP_ORIGINAL_NAME:
      g_value_set_string (value, self->original_name);
      break;

    case PROP_CONTENT_TYPE:
      g_value_set_string (value, self->content_type);
      break;

    case PROP_WIDTH:
      g_value_set_uint (value, self->width);
      break;

    case PROP_HEIGHT:
      g_value_set_uint (value, self->height);
      break;

    case PROP_CREDIT:
      g_value_set_string (value, self->credit);
      break;

    case PROP_CAPTION:
      g_value_set_string (value, self->caption);
      break;

    case PROP_HAD_LOCATION:
      g_value_set_boolean (value, self->had_location);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liveline_image_class_init (LivelineImageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = liveline_image_finalize;
  object_class->get_property = liveline_image_get_property;

  /* The stored copy, in the media folder. */
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_STATIC_STRINGS));

  /* A copy no larger than 256 pixels, beside the stored one. */
  properties[PROP_THUMBNAIL] =
    g_param_spec_string ("thumbnail", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_STATIC_STRINGS));

  /* The name of the file the journalist picked, as shown to her. */
  properties[PROP_ORIGINAL_NAME] =
    g_param_spec_string ("original-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_STATIC_STRINGS));

  /* "image/jpeg" or "image/png". */
  properties[PROP_CONTENT_TYPE] =
    g_param_spec_string ("content-type", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_WIDTH] =
    g_param_spec_uint ("width", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE |
                        G_PARAM_STATIC_STRINGS));

  properties[PROP_HEIGHT] =
    g_param_spec_uint ("height", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE |
                        G_PARAM_STATIC_STRINGS));

  /* The credit the photo's metadata suggests, or NULL. */
  properties[PROP_CREDIT] =
    g_param_spec_string ("credit", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_STATIC_STRINGS));

  /* The caption the photo's metadata suggests, or NULL. */
  properties[PROP_CAPTION] =
    g_param_spec_string ("caption", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_STATIC_STRINGS));

  /* Whether the original said where it was taken; the copy never does. */
  properties[PROP_HAD_LOCATION] =
    g_param_spec_boolean ("had-location", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE |
                           G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liveline_image_init (LivelineImage *self)
{
}

/**
 * _liveline_image_fit_size:
 * @width: a picture's width
 * @height: its height
 * @size: the longest edge it may have
 * @fitted_width: (out): the width scaled down to fit
 * @fitted_height: (out): the height scaled down to fit
 *
 * Sizes @width × @height down so its long edge is @size; never up.
 *
 * Returns: whether the size changed
 */
gboolean
_liveline_image_fit_size (int    width,
                          int    height,
                          guint  size,
                          int   *fitted_width,
                          int   *fitted_height)
{
  g_assert (width > 0 && height > 0 && size > 0);

  *fitted_width = width;
  *fitted_height = height;

  if ((guint)MAX (width, height) <= size)
    return FALSE;

  if (width >= height)
    {
      *fitted_width = size;
      *fitted_height = MAX (1, (int)((double)height * size / width + 0.5));
    }
  else
    {
      *fitted_height = size;
      *fitted_width = MAX (1, (int)((double)width * size / height + 0.5));
    }

  return TRUE;
}

/* Returns @pixbuf, or a copy scaled so its long edge is @size. */
static GdkPixbuf *
scale_to_fit (GdkPixbuf *pixbuf,
              guint      size)
{
  GdkPixbuf *scaled;
  int width;
  int height;

  g_assert (GDK_IS_PIXBUF (pixbuf));

  if (!_liveline_image_fit_size (gdk_pixbuf_get_width (pixbuf), gdk_pixbuf_get_height (pixbuf),
                                 size, &width, &height))
    return g_object_ref (pixbuf);

  scaled = gdk_pixbuf_scale_simple (pixbuf, width, height, GDK_INTERP_BILINEAR);
  gdk_pixbuf_copy_options (pixbuf, scaled);

  return scaled;
}

static gboolean
has_transparency (GdkPixbuf *pixbuf)
{
  const guint8 *pixels;
  int width;
  int height;
  int rowstride;

  g_assert (GDK_IS_PIXBUF (pixbuf));

  if (!gdk_pixbuf_get_has_alpha (pixbuf))
    return FALSE;

  pixels = gdk_pixbuf_read_pixels (pixbuf);
  width = gdk_pixbuf_get_width (pixbuf);
  height = gdk_pixbuf_get_height (pixbuf);
  rowstride = gdk_pixbuf_get_rowstride (pixbuf);

  for (int y = 0; y < height; y++)
    {
      const guint8 *row = pixels + (gsize)y * rowstride;

      for (int x = 0; x < width; x++)
        {
          if (row[x * 4 + 3] != 0xff)
            return TRUE;
        }
    }

  return FALSE;
}

static gboolean
encode (GdkPixbuf   *pixbuf,
        const char  *type,
        const char  *icc_profile,
        char       **buffer,
        gsize       *length,
        GError     **error)
{
  /* No other option is given: gdk-pixbuf then writes no Exif, no text
   * chunks, nothing but the picture.
   */
  if (g_str_equal (type, "jpeg"))
    return gdk_pixbuf_save_to_buffer (pixbuf, buffer, length, type, error,
                                      "quality", JPEG_QUALITY,
                                      icc_profile != NULL ? "icc-profile" : NULL, icc_profile,
                                      NULL);

  return gdk_pixbuf_save_to_buffer (pixbuf, buffer, length, type, error,
                                    icc_profile != NULL ? "icc-profile" : NULL, icc_profile,
                                    NULL);
}

/* Writes @pixbuf to @path through a temporary file in the same folder that
 * is renamed once complete and on disk, so @path is never half written.
 */
static gboolean
save (GdkPixbuf   *pixbuf,
      const char  *type,
      const char  *icc_profile,
      const char  *path,
      const char  *name,
      GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *buffer = NULL;
  gsize length = 0;
  gboolean encoded;

  g_assert (GDK_IS_PIXBUF (pixbuf));
  g_assert (path != NULL);

  encoded = encode (pixbuf, type, icc_profile, &buffer, &length, &local_error);

  /* A profile the encoder finds fault with is dropped, not the photo. */
  if (!encoded && icc_profile != NULL)
    {
      g_debug ("Saving %s without its colour profile: %s", path, local_error->message);
      g_clear_error (&local_error);
      g_clear_pointer (&buffer, g_free);
      encoded = encode (pixbuf, type, NULL, &buffer, &length, &local_error);
    }

  if (encoded &&
      g_file_set_contents_full (path, buffer, length,
                                G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                0600, &local_error))
    return TRUE;

  g_set_error (error,
               G_IO_ERROR,
               local_error->domain == G_FILE_ERROR ?
                 g_io_error_from_file_error (local_error->code) : G_IO_ERROR_FAILED,
               /* Translators: %s is a file name, then the reason */
               _("Could not save a copy of “%s”: %s"),
               name, local_error->message);

  return FALSE;
}

static gboolean
ensure_media_dir (const char  *media_dir,
                  GError     **error)
{
  int saved_errno;

  if (g_mkdir_with_parents (media_dir, 0700) == 0)
    return TRUE;

  saved_errno = errno;
  g_set_error (error,
               G_IO_ERROR,
               g_io_error_from_errno (saved_errno),
               /* Translators: %s is a folder, then the reason */
               _("Could not create the folder “%s” for photos: %s"),
               media_dir, g_strerror (saved_errno));

  return FALSE;
}

static void
prepare_in_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  PrepareData *data = task_data;
  g_autoptr(LivelineImage) self = NULL;
  g_autoptr(GdkPixbuf) decoded = NULL;
  g_autoptr(GdkPixbuf) fitted = NULL;
  g_autoptr(GdkPixbuf) upright = NULL;
  g_autoptr(GdkPixbuf) thumbnail = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *icc_profile = NULL;
  g_autofree char *local_path = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *thumbnail_basename = NULL;
  const char *type;
  const char *extension;

  if (g_task_return_error_if_cancelled (task))
    return;

  self = g_object_new (LIVELINE_TYPE_IMAGE, NULL);
  decoded = _liveline_image_decode (data->source, data->max_size, &self->original_name,
                                    cancellable, &error);
  if (decoded == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  icc_profile = g_strdup (gdk_pixbuf_get_option (decoded, "icc-profile"));

  /* Scaled before it is turned upright, so the turn copies fewer pixels;
   * the copy keeps the orientation the loader read from the Exif.
   */
  fitted = scale_to_fit (decoded, data->max_size);
  g_clear_object (&decoded);
  upright = gdk_pixbuf_apply_embedded_orientation (fitted);
  g_clear_object (&fitted);
  thumbnail = scale_to_fit (upright, THUMBNAIL_SIZE);

  if (has_transparency (upright))
    {
      type = "png";
      extension = "png";
      self->content_type = g_strdup ("image/png");
    }
  else
    {
      type = "jpeg";
      extension = "jpg";
      self->content_type = g_strdup ("image/jpeg");
    }

  self->width = gdk_pixbuf_get_width (upright);
  self->height = gdk_pixbuf_get_height (upright);

  /* Exiv2 needs a path; a photo from elsewhere is used without suggestions. */
  local_path = g_file_get_path (data->source);
  if (local_path != NULL)
    _liveline_image_read_metadata (self, local_path);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (!ensure_media_dir (data->media_dir, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  uuid = g_uuid_string_random ();
  basename = g_strdup_printf ("%s.%s", uuid, extension);
  thumbnail_basename = g_strdup_printf ("%s-thumb.%s", uuid, extension);
  self->path = g_build_filename (data->media_dir, basename, NULL);
  self->thumbnail = g_build_filename (data->media_dir, thumbnail_basename, NULL);

  if (!save (upright, type, icc_profile, self->path, self->original_name, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!save (thumbnail, type, icc_profile, self->thumbnail, self->original_name, &error) ||
      g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      g_unlink (self->path);
      g_unlink (self->thumbnail);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&self), g_object_unref);
}

/**
 * liveline_image_prepare_async:
 * @source: the photo the journalist picked
 * @media_dir: the folder to keep the copy in; created when missing
 * @max_size: the longest edge of the copy, in pixels
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the copy is ready or has failed
 * @user_data: passed to @callback
 *
 * Makes the copy of @source that a post keeps and publishes: upright, its
 * long edge no more than @max_size pixels (a smaller photo keeps its size),
 * stripped of all metadata, as a JPEG (or a PNG when it has transparent
 * pixels), with a thumbnail beside it. The credit, the caption and whether
 * the original had a location are read from @source's metadata.
 *
 * JPEG, PNG and GIF (its first frame) are taken, and WebP and TIFF when
 * gdk-pixbuf has a loader for them; see liveline-image-format.c.
 *
 * All of the work happens in a worker thread. Once @cancellable is
 * cancelled, nothing is left in @media_dir; should the copy be finished by
 * then, it is still handed over, so it is never lost either.
 */
void
liveline_image_prepare_async (GFile               *source,
                              const char          *media_dir,
                              guint                max_size,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  PrepareData *data;

  g_return_if_fail (G_IS_FILE (source));
  g_return_if_fail (media_dir != NULL);
  g_return_if_fail (max_size > 0);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (PrepareData, 1);
  data->source = g_file_dup (source);
  data->media_dir = g_strdup (media_dir);
  data->max_size = max_size;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, liveline_image_prepare_async);
  g_task_set_task_data (task, data, prepare_data_free);
  /* The thread removes its files when it sees the cancellation; a result
   * that was complete before must not be dropped with its files on disk.
   */
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, prepare_in_thread);
}

/**
 * liveline_image_prepare_finish:
 * @result: the result passed to the callback
 * @error: a location for a #GError
 *
 * Returns: (transfer full): the prepared photo, or %NULL with @error set:
 *   in %LIVELINE_IMAGE_ERROR when the file is not a picture Liveline can
 *   use, in %G_IO_ERROR when it cannot be read or the copy cannot be saved.
 */
LivelineImage *
liveline_image_prepare_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == liveline_image_prepare_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
liveline_image_get_path (LivelineImage *self)
{
  g_return_val_if_fail (LIVELINE_IS_IMAGE (self), NULL);

  return self->path;
}

const char *
liveline_image_get_thumbnail (LivelineImage *self)
{
  g_return_val_if_fail (LIVELINE_IS_IMAGE (self), NULL);

  return self->thumbnail;
}

const char *
liveline_image_get_original_name (LivelineImage *self)
{
  g_return_val_if_fail (LIVELINE_IS_IMAGE (self), NULL);

  return self->original_name;
}

const char *
liveline_image_get_content_type (LivelineImage *self)
{
  g_return_val_if_fail (LIVELINE_IS_IMAGE (self), NULL);

  return self->content_type;
}

guint
liveline_image_get_width (LivelineImage *self)
{
  g_return_val_if_fail (LIVELINE_IS_IMAGE (self), 0);

  return self->width;
}

guint
liveline_image_get_height (LivelineImage *self)
{
  g_return_val_if_fail (LIVELINE_IS_IMAGE (self), 0);

  return self->height;
}

const char *
liveline_image_get_credit (LivelineImage *self)
{
  g_return_val_if_fail (LIVELINE_IS_IMAGE (self), NULL);

  return self->credit;
}

const char *
liveline_image_get_caption (LivelineImage *self)
{
  g_return_val_if_fail (LIVELINE_IS_IMAGE (self), NULL);

  return self->caption;
}

gboolean
liveline_image_get_had_location (LivelineImage *self)
{
  g_return_val_if_fail (LIVELINE_IS_IMAGE (self), FALSE);

  return self->had_location;
}
