/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <gio/gio.h>

#include "liveline-types.h"

G_BEGIN_DECLS

#define LIVELINE_IMAGE_ERROR (liveline_image_error_quark ())

/**
 * LivelineImageError:
 * @LIVELINE_IMAGE_ERROR_EMPTY: the file has no bytes
 * @LIVELINE_IMAGE_ERROR_NOT_AN_IMAGE: the file is not a picture at all
 * @LIVELINE_IMAGE_ERROR_UNSUPPORTED: a picture in a format Liveline cannot use
 * @LIVELINE_IMAGE_ERROR_CORRUPT: a damaged or truncated picture
 * @LIVELINE_IMAGE_ERROR_TOO_LARGE: over 200 MB or over 100 megapixels
 */
typedef enum
{
  LIVELINE_IMAGE_ERROR_EMPTY,
  LIVELINE_IMAGE_ERROR_NOT_AN_IMAGE,
  LIVELINE_IMAGE_ERROR_UNSUPPORTED,
  LIVELINE_IMAGE_ERROR_CORRUPT,
  LIVELINE_IMAGE_ERROR_TOO_LARGE,
} LivelineImageError;

#define LIVELINE_IMAGE_MAX_BYTES  (200 * 1000 * 1000)
#define LIVELINE_IMAGE_MAX_PIXELS (100 * 1000 * 1000)

#define LIVELINE_TYPE_IMAGE (liveline_image_get_type ())

G_DECLARE_FINAL_TYPE (LivelineImage, liveline_image, LIVELINE, IMAGE, GObject)

GQuark         liveline_image_error_quark      (void);
void           liveline_image_prepare_async    (GFile                *source,
                                                const char           *media_dir,
                                                guint                 max_size,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
LivelineImage *liveline_image_prepare_finish   (GAsyncResult         *result,
                                                GError              **error);
const char    *liveline_image_get_path          (LivelineImage        *self);
const char    *liveline_image_get_thumbnail     (LivelineImage        *self);
const char    *liveline_image_get_original_name (LivelineImage        *self);
const char    *liveline_image_get_content_type  (LivelineImage        *self);
guint          liveline_image_get_width         (LivelineImage        *self);
guint          liveline_image_get_height        (LivelineImage        *self);
const char    *liveline_image_get_credit        (LivelineImage        *self);
const char    *liveline_image_get_caption       (LivelineImage        *self);
gboolean       liveline_image_get_had_location  (LivelineImage        *self);

G_END_DECLS
