/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include "liveline-image-field.h"
#include "liveline-image.h"
#include "liveline-post.h"
#include "liveline-store.h"

G_BEGIN_DECLS

struct _LivelineImageField
{
  GtkWidget             parent_instance;

  LivelineStore        *store;
  LivelinePost         *post;
  GBindingGroup        *bindings;
  GSignalGroup         *post_signals;
  GCancellable         *cancellable;
  char                 *error;
  guint                 max_image_size;
  guint                 busy : 1;

#if GTK_CHECK_VERSION (4, 10, 0)
  GtkFileDialog        *file_dialog;
#else
  GtkFileChooserNative *file_chooser;
#endif

  /* Template widgets */
  GtkWidget            *content_box;
  GtkStack             *photo_stack;
  GtkPicture           *picture;
  GtkLabel             *name_label;
  GtkSpinner           *spinner;
  GtkLabel             *error_label;
  GtkListBox           *details_list;
  AdwEntryRow          *caption_row;
  AdwEntryRow          *credit_row;
  AdwEntryRow          *alt_row;
  GtkMenuButton        *credit_button;
  GtkPopover           *credit_popover;
  GtkListBox           *credit_list;
};

/* One attachment on its way through the pipeline. */
typedef struct
{
  LivelineImageField *self;
  LivelinePost       *post;
  GCancellable       *cancellable;
  GFile              *file;
  gboolean            temporary;
} Attachment;

void  _liveline_image_field_attachment_free    (Attachment         *attachment);
void  _liveline_image_field_set_error          (LivelineImageField *self,
                                                const char         *error);
void  _liveline_image_field_set_busy           (LivelineImageField *self,
                                                gboolean            busy);
void  _liveline_image_field_update             (LivelineImageField *self);
void  _liveline_image_field_cancel             (LivelineImageField *self);
char *_liveline_image_field_dup_error_message  (const GError       *error);
void  _liveline_image_field_attach             (LivelineImageField *self,
                                                GFile              *file,
                                                gboolean            temporary);
void  _liveline_image_field_init_drop_target   (LivelineImageField *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Attachment, _liveline_image_field_attachment_free)

G_END_DECLS
