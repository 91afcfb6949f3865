/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <adwaita.h>

#include "liveline-types.h"

G_BEGIN_DECLS

#define LIVELINE_TYPE_POST_EDITOR (liveline_post_editor_get_type ())

G_DECLARE_FINAL_TYPE (LivelinePostEditor, liveline_post_editor, LIVELINE, POST_EDITOR, GtkWidget)

LivelinePostEditor *liveline_post_editor_new                 (void);
LivelineStore      *liveline_post_editor_get_store           (LivelinePostEditor  *self);
void                liveline_post_editor_set_store           (LivelinePostEditor  *self,
                                                              LivelineStore       *store);
LivelinePost       *liveline_post_editor_get_post            (LivelinePostEditor  *self);
void                liveline_post_editor_set_post            (LivelinePostEditor  *self,
                                                              LivelinePost        *post);
guint               liveline_post_editor_get_max_image_size  (LivelinePostEditor  *self);
void                liveline_post_editor_set_max_image_size  (LivelinePostEditor  *self,
                                                              guint                max_image_size);
gboolean            liveline_post_editor_get_show_preview    (LivelinePostEditor  *self);
void                liveline_post_editor_set_show_preview    (LivelinePostEditor  *self,
                                                              gboolean             show_preview);
GListModel         *liveline_post_editor_get_checks          (LivelinePostEditor  *self);
gboolean            liveline_post_editor_has_blocking_checks (LivelinePostEditor  *self);
gboolean            liveline_post_editor_save_now            (LivelinePostEditor  *self,
                                                              GError             **error);
void                liveline_post_editor_grab_headline       (LivelinePostEditor  *self);

G_END_DECLS
