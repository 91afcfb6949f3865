/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-image-field"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "liveline-image-field-private.h"

/* How a photo reaches the image field: pasted from the clipboard, chosen
 * in the file chooser (the portal inside Flatpak), or dropped on it. All
 * three end in _liveline_image_field_attach().
 */

/* Pasting */

static void
save_texture_in_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  GdkTexture *texture = task_data;
  g_autofree char *folder = NULL;
  g_autofree char *path = NULL;
  int saved_errno;
  int fd;

  folder = g_build_filename (g_get_user_cache_dir (), "liveline", NULL);
  path = g_build_filename (folder, "pasted-XXXXXX.png", NULL);

  if (g_mkdir_with_parents (folder, 0700) != 0 || (fd = g_mkstemp (path)) < 0)
    {
      saved_errno = errno;
      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                               "%s", g_strerror (saved_errno));
      return;
    }
  g_close (fd, NULL);

  if (!gdk_texture_save_to_png (texture, path))
    {
      g_unlink (path);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               "%s", _("The pasted picture could not be saved"));
      return;
    }

  g_task_return_pointer (task, g_file_new_for_path (path), g_object_unref);
}

static void
on_texture_saved (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(Attachment) paste = user_data;
  LivelineImageField *self = paste->self;
  g_autoptr(GError) error = NULL;

  paste->file = g_task_propagate_pointer (G_TASK (result), &error);

  /* The saved copy is only needed for the attachment that asked for it. */
  if (g_cancellable_is_cancelled (paste->cancellable))
    {
      paste->temporary = paste->file != NULL;
      return;
    }

  _liveline_image_field_set_busy (self, FALSE);

  if (paste->file == NULL)
    {
      g_autofree char *message = _liveline_image_field_dup_error_message (error);

      _liveline_image_field_set_error (self, message);
      _liveline_image_field_update (self);
      return;
    }

  _liveline_image_field_attach (self, paste->file, TRUE);
}

static void
on_clipboard_texture (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(Attachment) paste = user_data;
  LivelineImageField *self = paste->self;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;

  texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (object), result, &error);

  if (g_cancellable_is_cancelled (paste->cancellable))
    return;

  if (texture == NULL)
    {
      g_debug ("Could not read a picture from the clipboard: %s", error->message);
      _liveline_image_field_set_busy (self, FALSE);
      _liveline_image_field_set_error (self, _("The clipboard holds no picture to attach."));
      _liveline_image_field_update (self);
      return;
    }

  task = g_task_new (self, NULL, on_texture_saved, g_steal_pointer (&paste));
  g_task_set_source_tag (task, on_clipboard_texture);
  g_task_set_task_data (task, g_steal_pointer (&texture), g_object_unref);
  g_task_run_in_thread (task, save_texture_in_thread);
}

static void
on_clipboard_files (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(Attachment) paste = user_data;
  LivelineImageField *self = paste->self;
  g_autoptr(GError) error = NULL;
  const GValue *value;
  GSList *files = NULL;

  value = gdk_clipboard_read_value_finish (GDK_CLIPBOARD (object), result, &error);

  if (g_cancellable_is_cancelled (paste->cancellable))
    return;

  _liveline_image_field_set_busy (self, FALSE);

  if (value != NULL)
    files = g_value_get_boxed (value);

  if (files == NULL)
    {
      _liveline_image_field_set_error (self, _("The clipboard holds no picture to attach."));
      _liveline_image_field_update (self);
      return;
    }

  _liveline_image_field_attach (self, files->data, FALSE);
}

/**
 * liveline_image_field_paste:
 * @self: a #LivelineImageField
 *
 * Attaches the picture in the clipboard: a copied picture, or a copied
 * photo file.
 */
void
liveline_image_field_paste (LivelineImageField *self)
{
  GdkClipboard *clipboard;
  GdkContentFormats *formats;
  Attachment *paste;

  g_return_if_fail (LIVELINE_IS_IMAGE_FIELD (self));

  if (self->post == NULL || self->store == NULL)
    return;

  clipboard = gtk_widget_get_clipboard (GTK_WIDGET (self));
  formats = gdk_clipboard_get_formats (clipboard);

  _liveline_image_field_cancel (self);
  _liveline_image_field_set_error (self, NULL);

  if (!gdk_content_formats_contain_gtype (formats, GDK_TYPE_FILE_LIST) &&
      !gdk_content_formats_contain_gtype (formats, GDK_TYPE_TEXTURE))
    {
      _liveline_image_field_set_error (self, _("The clipboard holds no picture to attach."));
      return;
    }

  self->cancellable = g_cancellable_new ();

  paste = g_new0 (Attachment, 1);
  paste->self = g_object_ref (self);
  paste->post = g_object_ref (self->post);
  paste->cancellable = g_object_ref (self->cancellable);

  _liveline_image_field_set_busy (self, TRUE);
  _liveline_image_field_update (self);

  if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_FILE_LIST))
    gdk_clipboard_read_value_async (clipboard, GDK_TYPE_FILE_LIST, G_PRIORITY_DEFAULT,
                                    self->cancellable, on_clipboard_files, paste);
  else
    gdk_clipboard_read_texture_async (clipboard, self->cancellable, on_clipboard_texture, paste);
}

/* Choosing */

static GListModel *
create_filters (GtkFileFilter **photos)
{
  static const char * const mime_types[] = {
    "image/jpeg", "image/png", "image/webp", "image/gif",
  };
  GListStore *filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Photos"));
  for (guint i = 0; i < G_N_ELEMENTS (mime_types); i++)
    gtk_file_filter_add_mime_type (filter, mime_types[i]);

  g_list_store_append (filters, filter);
  *photos = filter;

  return G_LIST_MODEL (filters);
}

#if GTK_CHECK_VERSION (4, 10, 0)
static void
on_file_dialog_open (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(LivelineImageField) self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  file = gtk_file_dialog_open_finish (GTK_FILE_DIALOG (object), result, &error);

  if (self->file_dialog == GTK_FILE_DIALOG (object))
    g_clear_object (&self->file_dialog);

  if (file != NULL)
    _liveline_image_field_attach (self, file, FALSE);
}
#else
static void
on_file_chooser_response (LivelineImageField   *self,
                          int                   response,
                          GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  if (self->file_chooser == chooser)
    g_clear_object (&self->file_chooser);

  if (file != NULL)
    _liveline_image_field_attach (self, file, FALSE);
}
#endif

/**
 * liveline_image_field_choose:
 * @self: a #LivelineImageField
 *
 * Asks for a photo file with the system's file chooser (a portal inside
 * Flatpak) and attaches the one chosen.
 */
void
liveline_image_field_choose (LivelineImageField *self)
{
  g_autoptr(GListModel) filters = NULL;
  GtkFileFilter *photos;
  GtkRoot *root;

  g_return_if_fail (LIVELINE_IS_IMAGE_FIELD (self));

  if (self->post == NULL || self->store == NULL)
    return;

  root = gtk_widget_get_root (GTK_WIDGET (self));
  filters = create_filters (&photos);

#if GTK_CHECK_VERSION (4, 10, 0)
  if (self->file_dialog != NULL)
    return;

  self->file_dialog = gtk_file_dialog_new ();
  gtk_file_dialog_set_title (self->file_dialog, _("Choose a photo"));
  gtk_file_dialog_set_modal (self->file_dialog, TRUE);
  gtk_file_dialog_set_filters (self->file_dialog, filters);
  gtk_file_dialog_set_default_filter (self->file_dialog, photos);
  gtk_file_dialog_open (self->file_dialog,
                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                        NULL,
                        on_file_dialog_open,
                        g_object_ref (self));
#else
  if (self->file_chooser != NULL)
    {
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->file_chooser));
      return;
    }

  self->file_chooser = gtk_file_chooser_native_new (_("Choose a photo"),
                                                    GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                    GTK_FILE_CHOOSER_ACTION_OPEN,
                                                    _("_Attach"),
                                                    _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->file_chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->file_chooser), photos);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (self->file_chooser), photos);
  g_signal_connect_object (self->file_chooser, "response",
                           G_CALLBACK (on_file_chooser_response), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->file_chooser));
#endif
}

/* Dropping */

static gboolean
on_drop (LivelineImageField *self,
         const GValue       *value,
         double              x,
         double              y,
         GtkDropTarget      *target)
{
  GFile *file = NULL;

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *files = g_value_get_boxed (value);

      if (files != NULL)
        file = files->data;
    }
  else if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    {
      file = g_value_get_object (value);
    }

  if (file == NULL || self->post == NULL)
    return FALSE;

  _liveline_image_field_attach (self, file, FALSE);

  return TRUE;
}

void
_liveline_image_field_init_drop_target (LivelineImageField *self)
{
  GType types[] = { GDK_TYPE_FILE_LIST, G_TYPE_FILE };
  GtkDropTarget *target;

  g_assert (LIVELINE_IS_IMAGE_FIELD (self));

  target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));
  g_signal_connect_object (target, "drop", G_CALLBACK (on_drop), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}
