/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <adwaita.h>

#include "liveline-types.h"

G_BEGIN_DECLS

#define LIVELINE_TYPE_POST_PREVIEW (liveline_post_preview_get_type ())

G_DECLARE_FINAL_TYPE (LivelinePostPreview, liveline_post_preview, LIVELINE, POST_PREVIEW, GtkWidget)

LivelinePostPreview *liveline_post_preview_new      (void);
LivelinePost        *liveline_post_preview_get_post (LivelinePostPreview *self);
void                 liveline_post_preview_set_post (LivelinePostPreview *self,
                                                     LivelinePost        *post);

G_END_DECLS
