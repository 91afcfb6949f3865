/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <adwaita.h>

#include "liveline-types.h"

G_BEGIN_DECLS

/* What the image field scales photos to when nothing else is said: the
 * default of the max-image-size setting.
 */
#define LIVELINE_IMAGE_FIELD_DEFAULT_MAX_SIZE 2048

#define LIVELINE_TYPE_IMAGE_FIELD (liveline_image_field_get_type ())

G_DECLARE_FINAL_TYPE (LivelineImageField, liveline_image_field, LIVELINE, IMAGE_FIELD, GtkWidget)

LivelineImageField *liveline_image_field_new                (void);
LivelineStore      *liveline_image_field_get_store          (LivelineImageField *self);
void                liveline_image_field_set_store          (LivelineImageField *self,
                                                             LivelineStore      *store);
LivelinePost       *liveline_image_field_get_post           (LivelineImageField *self);
void                liveline_image_field_set_post           (LivelineImageField *self,
                                                             LivelinePost       *post);
guint               liveline_image_field_get_max_image_size (LivelineImageField *self);
void                liveline_image_field_set_max_image_size (LivelineImageField *self,
                                                             guint               max_image_size);
gboolean            liveline_image_field_get_busy           (LivelineImageField *self);
const char         *liveline_image_field_get_error          (LivelineImageField *self);
void                liveline_image_field_attach_file        (LivelineImageField *self,
                                                             GFile              *file);
void                liveline_image_field_choose             (LivelineImageField *self);
void                liveline_image_field_paste              (LivelineImageField *self);

G_END_DECLS
