/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include "liveline-post-preview.h"
#include "liveline-post.h"

G_BEGIN_DECLS

struct _LivelinePostPreview
{
  GtkWidget      parent_instance;

  LivelinePost  *post;
  GSignalGroup  *post_signals;
  GtkWidget     *picture;
  guint          render_source;
  guint          size_tick;

  /* Template widgets */
  GtkScrolledWindow *scroller;
  GtkTextView       *text_view;
};

gboolean    _liveline_post_preview_size_picture   (LivelinePostPreview *self,
                                                   gboolean             apply);
void        _liveline_post_preview_render         (LivelinePostPreview *self);
void        _liveline_post_preview_create_tags    (LivelinePostPreview *self);
void        _liveline_post_preview_update_colours (LivelinePostPreview *self);
GtkTextTag *_liveline_post_preview_indent_tag     (GtkTextBuffer       *buffer,
                                                   guint                depth);

G_END_DECLS
