/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <gtksourceview/gtksource.h>

#include "liveline-autosaver.h"
#include "liveline-check.h"
#include "liveline-image-field.h"
#include "liveline-markdown-highlight.h"
#include "liveline-markdown.h"
#include "liveline-post-editor.h"
#include "liveline-post-preview.h"
#include "liveline-post.h"
#include "liveline-revision.h"
#include "liveline-store.h"

G_BEGIN_DECLS

/* How long the checks wait for typing to pause before they are redone. */
#define CHECKS_DELAY_MS 150

struct _LivelinePostEditor
{
  GtkWidget            parent_instance;

  LivelineStore       *store;
  LivelinePost        *post;
  LivelineAutosaver   *autosaver;
  GBindingGroup       *bindings;
  GSignalGroup        *post_signals;
  GListStore          *checks;
  GListModel          *revisions;
  GtkSourceBuffer     *body_buffer;
  AdwToast            *toast;
  guint                checks_source;

  /* The body's highlighting, one tag per LivelineMarkdownSpan, and how
   * many characters it has highlighted: what a keystroke costs.
   */
  GtkTextTag          *highlight_tags[LIVELINE_MARKDOWN_SPAN_URL + 1];
  guint64              highlighted_chars;

  /* The buffer and the post's body are kept in step both ways; these say
   * which side is writing, so neither echoes the other.
   */
  guint                loading_body : 1;
  guint                storing_body : 1;

  /* Undo or redo is putting back what the body held. */
  guint                undoing : 1;

  /* Template widgets */
  GtkWidget           *content_box;
  GtkToggleButton     *pin_button;
  GtkToggleButton     *key_moment_button;
  GtkMenuButton       *history_button;
  GtkPopover          *history_popover;
  GtkListBox          *history_list;
  GtkToggleButton     *preview_button;
  GtkButton           *publish_button;
  GtkStack            *stack;
  GtkEntry            *headline_entry;
  GtkSourceView       *body_view;
  GtkLabel            *body_placeholder;
  GtkLabel            *headline_count_label;
  GtkLabel            *body_count_label;
  LivelineImageField  *image_field;
  LivelinePostPreview *preview;
  GtkRevealer         *checks_revealer;
  GtkListBox          *checks_list;
};

void _liveline_post_editor_show_toast              (LivelinePostEditor *self,
                                                    const char         *text);
void _liveline_post_editor_init_body               (LivelinePostEditor *self);
void _liveline_post_editor_init_highlight          (LivelinePostEditor *self);
void _liveline_post_editor_update_highlight_style  (LivelinePostEditor   *self,
                                                    GtkSourceStyleScheme *scheme);
void _liveline_post_editor_update_counts           (LivelinePostEditor *self);
void _liveline_post_editor_load_body               (LivelinePostEditor *self,
                                                    const char         *text,
                                                    gboolean            undoable);
void _liveline_post_editor_on_post_body_changed    (LivelinePostEditor *self,
                                                    GParamSpec         *pspec,
                                                    LivelinePost       *post);
void _liveline_post_editor_init_checks             (LivelinePostEditor *self);
void _liveline_post_editor_update_checks           (LivelinePostEditor *self);
void _liveline_post_editor_queue_checks            (LivelinePostEditor *self);
void _liveline_post_editor_notify_blocking_checks  (LivelinePostEditor *self);
void _liveline_post_editor_on_history_show         (LivelinePostEditor *self,
                                                    GtkPopover         *popover);
void _liveline_post_editor_restore_revision_action (GtkWidget          *widget,
                                                    const char         *action_name,
                                                    GVariant           *parameter);
void _liveline_post_editor_update_publishing       (LivelinePostEditor *self);
void _liveline_post_editor_publish_action          (GtkWidget          *widget,
                                                    const char         *action_name,
                                                    GVariant           *parameter);
void _liveline_post_editor_retract_action          (GtkWidget          *widget,
                                                    const char         *action_name,
                                                    GVariant           *parameter);

G_END_DECLS
