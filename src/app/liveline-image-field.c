/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-image-field"

#include "config.h"

#include <glib/gi18n.h>

#include "liveline-image-field-private.h"

/* The photo of an update: attached by choosing a file, dropping one or
 * pasting a picture, prepared on a worker thread by the image pipeline,
 * then shown with its caption, credit and alt text. Whatever goes wrong is
 * said in words under the photo, and the post is left as it was.
 */

G_DEFINE_FINAL_TYPE (LivelineImageField, liveline_image_field, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_POST,
  PROP_MAX_IMAGE_SIZE,
  PROP_BUSY,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
_liveline_image_field_attachment_free (Attachment *attachment)
{
  if (attachment->temporary && attachment->file != NULL)
    g_file_delete (attachment->file, NULL, NULL);

  g_clear_object (&attachment->self);
  g_clear_object (&attachment->post);
  g_clear_object (&attachment->cancellable);
  g_clear_object (&attachment->file);
  g_free (attachment);
}

void
_liveline_image_field_set_error (LivelineImageField *self,
                                const char         *error)
{
  g_assert (LIVELINE_IS_IMAGE_FIELD (self));

  if (g_strcmp0 (self->error, error) != 0)
    {
      g_free (self->error);
      self->error = g_strdup (error);
      gtk_label_set_text (self->error_label, error != NULL ? error : "");
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
    }
}

void
_liveline_image_field_set_busy (LivelineImageField *self,
                               gboolean            busy)
{
  g_assert (LIVELINE_IS_IMAGE_FIELD (self));

  busy = !!busy;
  if (self->busy == busy)
    return;

  self->busy = busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

void
_liveline_image_field_update (LivelineImageField *self)
{
  gboolean has_image;
  const char *path;

  g_assert (LIVELINE_IS_IMAGE_FIELD (self));

  has_image = self->post != NULL && liveline_post_has_image (self->post);

  if (self->busy)
    gtk_stack_set_visible_child_name (self->photo_stack, "preparing");
  else if (has_image)
    gtk_stack_set_visible_child_name (self->photo_stack, "photo");
  else
    gtk_stack_set_visible_child_name (self->photo_stack, "empty");

  gtk_widget_set_visible (GTK_WIDGET (self->details_list), has_image);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "image-field.choose",
                                 self->post != NULL && self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "image-field.paste",
                                 self->post != NULL && self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "image-field.remove",
                                 has_image && !self->busy);

  if (!has_image)
    {
      gtk_picture_set_file (self->picture, NULL);
      gtk_label_set_text (self->name_label, "");
      return;
    }

  /* The thumbnail is small and quick to decode; the stored photo will do. */
  path = liveline_post_get_image_thumbnail (self->post);
  if (path == NULL || !g_file_test (path, G_FILE_TEST_EXISTS))
    path = liveline_post_get_image_path (self->post);

  gtk_picture_set_filename (self->picture, path);
  gtk_label_set_text (self->name_label, liveline_post_get_image_name (self->post));
}

static void
on_post_image_changed (LivelineImageField *self,
                       GParamSpec         *pspec,
                       LivelinePost       *post)
{
  _liveline_image_field_update (self);
}

void
_liveline_image_field_cancel (LivelineImageField *self)
{
  g_assert (LIVELINE_IS_IMAGE_FIELD (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  _liveline_image_field_set_busy (self, FALSE);
}

/* The pipeline says what went wrong for people who write code; this says
 * it for people who attach photos.
 */
char *
_liveline_image_field_dup_error_message (const GError *error)
{
  if (error->domain == LIVELINE_IMAGE_ERROR)
    {
      switch ((LivelineImageError)error->code)
        {
        case LIVELINE_IMAGE_ERROR_EMPTY:
          return g_strdup (_("That file is empty. Choose a JPEG, PNG, WebP or GIF photo."));

        case LIVELINE_IMAGE_ERROR_NOT_AN_IMAGE:
          return g_strdup (_("That file is not a photo. Choose a JPEG, PNG, WebP or GIF photo."));

        case LIVELINE_IMAGE_ERROR_UNSUPPORTED:
          return g_strdup (_("Photos in that format cannot be used. "
                             "Choose a JPEG, PNG, WebP or GIF photo."));

        case LIVELINE_IMAGE_ERROR_CORRUPT:
          return g_strdup (_("The photo is damaged and cannot be read."));

        case LIVELINE_IMAGE_ERROR_TOO_LARGE:
          return g_strdup (_("The photo is too large. "
                             "Photos can be at most 200 MB and 100 megapixels."));

        default:
          break;
        }
    }

  /* Translators: %s says why, as the system tells it */
  return g_strdup_printf (_("The photo could not be attached: %s"), error->message);
}

static void
on_prepared (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(Attachment) attachment = user_data;
  LivelineImageField *self = attachment->self;
  g_autoptr(LivelineImage) image = NULL;
  g_autoptr(GError) error = NULL;

  image = liveline_image_prepare_finish (result, &error);

  /* Another post was opened, another photo chosen, or the field went away. */
  if (g_cancellable_is_cancelled (attachment->cancellable) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  _liveline_image_field_set_busy (self, FALSE);

  if (image == NULL)
    {
      g_autofree char *message = _liveline_image_field_dup_error_message (error);

      g_debug ("Could not prepare a photo: %s", error->message);
      _liveline_image_field_set_error (self, message);
    }
  else if (attachment->post == self->post)
    {
      liveline_post_set_image (self->post, image);
    }

  _liveline_image_field_update (self);
}

void
_liveline_image_field_attach (LivelineImageField *self,
                             GFile              *file,
                             gboolean            temporary)
{
  Attachment *attachment;

  g_assert (LIVELINE_IS_IMAGE_FIELD (self));
  g_assert (G_IS_FILE (file));

  if (self->post == NULL || self->store == NULL)
    {
      if (temporary)
        g_file_delete (file, NULL, NULL);
      return;
    }

  _liveline_image_field_cancel (self);
  _liveline_image_field_set_error (self, NULL);

  self->cancellable = g_cancellable_new ();

  attachment = g_new0 (Attachment, 1);
  attachment->self = g_object_ref (self);
  attachment->post = g_object_ref (self->post);
  attachment->cancellable = g_object_ref (self->cancellable);
  attachment->file = g_object_ref (file);
  attachment->temporary = temporary;

  _liveline_image_field_set_busy (self, TRUE);
  _liveline_image_field_update (self);

  liveline_image_prepare_async (file,
                                liveline_store_get_media_dir (self->store),
                                self->max_image_size,
                                self->cancellable,
                                on_prepared,
                                attachment);
}

/* Credits used before */

static void
on_credit_popover_show (LivelineImageField *self,
                        GtkPopover         *popover)
{
  g_auto(GStrv) credits = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->credit_list))) != NULL)
    gtk_list_box_remove (self->credit_list, child);

  if (self->store != NULL)
    credits = liveline_store_list_credits (self->store, 20);

  for (guint i = 0; credits != NULL && credits[i] != NULL; i++)
    {
      GtkWidget *label = gtk_label_new (credits[i]);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_list_box_append (self->credit_list, label);
    }
}

static void
on_credit_row_activated (LivelineImageField *self,
                         GtkListBoxRow      *row,
                         GtkListBox         *list)
{
  GtkWidget *label = gtk_list_box_row_get_child (row);

  if (self->post != NULL)
    liveline_post_set_image_credit (self->post, gtk_label_get_text (GTK_LABEL (label)));

  gtk_popover_popdown (self->credit_popover);
}

/* Actions */

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  liveline_image_field_choose (LIVELINE_IMAGE_FIELD (widget));
}

static void
paste_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  liveline_image_field_paste (LIVELINE_IMAGE_FIELD (widget));
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LivelineImageField *self = LIVELINE_IMAGE_FIELD (widget);

  if (self->post != NULL)
    liveline_post_clear_image (self->post);
}

static void
liveline_image_field_dispose (GObject *object)
{
  LivelineImageField *self = (LivelineImageField *)object;

  _liveline_image_field_cancel (self);

#if GTK_CHECK_VERSION (4, 10, 0)
  g_clear_object (&self->file_dialog);
#else
  if (self->file_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->file_chooser));
  g_clear_object (&self->file_chooser);
#endif

  if (self->bindings != NULL)
    g_binding_group_set_source (self->bindings, NULL);
  if (self->post_signals != NULL)
    g_signal_group_set_target (self->post_signals, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), LIVELINE_TYPE_IMAGE_FIELD);

  g_clear_object (&self->bindings);
  g_clear_object (&self->post_signals);
  g_clear_object (&self->post);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (liveline_image_field_parent_class)->dispose (object);
}

static void
liveline_image_field_finalize (GObject *object)
{
  LivelineImageField *self = (LivelineImageField *)object;

  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (liveline_image_field_parent_class)->finalize (object);
}

static void
liveline_image_field_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  LivelineImageField *self = LIVELINE_IMAGE_FIELD (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_POST:
      g_value_set_object (value, self->post);
      break;

    case PROP_MAX_IMAGE_SIZE:
      g_value_set_uint (value, self->max_image_size);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liveline_image_field_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  LivelineImageField *self = LIVELINE_IMAGE_FIELD (object);

  switch (prop_id)
    {
    case PROP_STORE:
      liveline_image_field_set_store (self, g_value_get_object (value));
      break;

    case PROP_POST:
      liveline_image_field_set_post (self, g_value_get_object (value));
      break;

    case PROP_MAX_IMAGE_SIZE:
      liveline_image_field_set_max_image_size (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liveline_image_field_class_init (LivelineImageFieldClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = liveline_image_field_dispose;
  object_class->finalize = liveline_image_field_finalize;
  object_class->get_property = liveline_image_field_get_property;
  object_class->set_property = liveline_image_field_set_property;

  /* Where prepared photos are copied to. */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         LIVELINE_TYPE_STORE,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* The update whose photo this is. */
  properties[PROP_POST] =
    g_param_spec_object ("post", NULL, NULL,
                         LIVELINE_TYPE_POST,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* The longest side of an attached photo, in pixels: the window binds it
   * to the max-image-size setting.
   */
  properties[PROP_MAX_IMAGE_SIZE] =
    g_param_spec_uint ("max-image-size", NULL, NULL,
                       1, G_MAXUINT, LIVELINE_IMAGE_FIELD_DEFAULT_MAX_SIZE,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  /* Whether a photo is being prepared. */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  /* Why the last photo could not be attached, in words; NULL when it could. */
  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/liveline-image-field.ui");
  gtk_widget_class_bind_template_child (widget_class, LivelineImageField, content_box);
  gtk_widget_class_bind_template_child (widget_class, LivelineImageField, photo_stack);
  gtk_widget_class_bind_template_child (widget_class, LivelineImageField, picture);
  gtk_widget_class_bind_template_child (widget_class, LivelineImageField, name_label);
  gtk_widget_class_bind_template_child (widget_class, LivelineImageField, spinner);
  gtk_widget_class_bind_template_child (widget_class, LivelineImageField, error_label);
  gtk_widget_class_bind_template_child (widget_class, LivelineImageField, details_list);
  gtk_widget_class_bind_template_child (widget_class, LivelineImageField, caption_row);
  gtk_widget_class_bind_template_child (widget_class, LivelineImageField, credit_row);
  gtk_widget_class_bind_template_child (widget_class, LivelineImageField, alt_row);
  gtk_widget_class_bind_template_child (widget_class, LivelineImageField, credit_button);
  gtk_widget_class_bind_template_child (widget_class, LivelineImageField, credit_popover);
  gtk_widget_class_bind_template_child (widget_class, LivelineImageField, credit_list);
  gtk_widget_class_bind_template_callback (widget_class, on_credit_popover_show);
  gtk_widget_class_bind_template_callback (widget_class, on_credit_row_activated);

  gtk_widget_class_install_action (widget_class, "image-field.choose", NULL, choose_action);
  gtk_widget_class_install_action (widget_class, "image-field.paste", NULL, paste_action);
  gtk_widget_class_install_action (widget_class, "image-field.remove", NULL, remove_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "imagefield");
}

static void
liveline_image_field_init (LivelineImageField *self)
{
  GtkEventController *shortcuts;

  self->max_image_size = LIVELINE_IMAGE_FIELD_DEFAULT_MAX_SIZE;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->bindings = g_binding_group_new ();
  g_binding_group_bind (self->bindings, "image-caption", self->caption_row, "text",
                        G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_binding_group_bind (self->bindings, "image-credit", self->credit_row, "text",
                        G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_binding_group_bind (self->bindings, "image-alt", self->alt_row, "text",
                        G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_binding_group_bind (self->bindings, "image-alt", self->picture, "alternative-text",
                        G_BINDING_SYNC_CREATE);

  self->post_signals = g_signal_group_new (LIVELINE_TYPE_POST);
  g_signal_group_connect_object (self->post_signals, "notify::image-path",
                                 G_CALLBACK (on_post_image_changed), self,
                                 G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->post_signals, "notify::image-thumbnail",
                                 G_CALLBACK (on_post_image_changed), self,
                                 G_CONNECT_SWAPPED);

  _liveline_image_field_init_drop_target (self);

  /* Ctrl+V pastes a picture when the photo area has the focus; in the text
   * fields it pastes text, as always.
   */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>v"),
                                                          gtk_named_action_new ("image-field.paste")));
  gtk_widget_add_controller (GTK_WIDGET (self->photo_stack), shortcuts);

  _liveline_image_field_update (self);
}

/**
 * liveline_image_field_new:
 *
 * Returns: (transfer floating): a new #LivelineImageField
 */
LivelineImageField *
liveline_image_field_new (void)
{
  return g_object_new (LIVELINE_TYPE_IMAGE_FIELD, NULL);
}

LivelineStore *
liveline_image_field_get_store (LivelineImageField *self)
{
  g_return_val_if_fail (LIVELINE_IS_IMAGE_FIELD (self), NULL);

  return self->store;
}

/**
 * liveline_image_field_set_store:
 * @self: a #LivelineImageField
 * @store: (nullable): the store whose media folder keeps the photos
 */
void
liveline_image_field_set_store (LivelineImageField *self,
                                LivelineStore      *store)
{
  g_return_if_fail (LIVELINE_IS_IMAGE_FIELD (self));
  g_return_if_fail (!store || LIVELINE_IS_STORE (store));

  if (g_set_object (&self->store, store))
    {
      _liveline_image_field_update (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
    }
}

LivelinePost *
liveline_image_field_get_post (LivelineImageField *self)
{
  g_return_val_if_fail (LIVELINE_IS_IMAGE_FIELD (self), NULL);

  return self->post;
}

/**
 * liveline_image_field_set_post:
 * @self: a #LivelineImageField
 * @post: (nullable): the update whose photo to show and edit
 *
 * A photo still being prepared for the previous post is forgotten.
 */
void
liveline_image_field_set_post (LivelineImageField *self,
                               LivelinePost       *post)
{
  g_return_if_fail (LIVELINE_IS_IMAGE_FIELD (self));
  g_return_if_fail (!post || LIVELINE_IS_POST (post));

  if (self->post == post)
    return;

  _liveline_image_field_cancel (self);
  _liveline_image_field_set_error (self, NULL);

  g_set_object (&self->post, post);
  g_binding_group_set_source (self->bindings, post);
  g_signal_group_set_target (self->post_signals, post);

  if (post == NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->caption_row), "");
      gtk_editable_set_text (GTK_EDITABLE (self->credit_row), "");
      gtk_editable_set_text (GTK_EDITABLE (self->alt_row), "");
    }

  _liveline_image_field_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POST]);
}

guint
liveline_image_field_get_max_image_size (LivelineImageField *self)
{
  g_return_val_if_fail (LIVELINE_IS_IMAGE_FIELD (self), LIVELINE_IMAGE_FIELD_DEFAULT_MAX_SIZE);

  return self->max_image_size;
}

/**
 * liveline_image_field_set_max_image_size:
 * @self: a #LivelineImageField
 * @max_image_size: the longest side of photos attached from now on, in pixels
 */
void
liveline_image_field_set_max_image_size (LivelineImageField *self,
                                         guint               max_image_size)
{
  g_return_if_fail (LIVELINE_IS_IMAGE_FIELD (self));
  g_return_if_fail (max_image_size > 0);

  if (self->max_image_size != max_image_size)
    {
      self->max_image_size = max_image_size;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_IMAGE_SIZE]);
    }
}

gboolean
liveline_image_field_get_busy (LivelineImageField *self)
{
  g_return_val_if_fail (LIVELINE_IS_IMAGE_FIELD (self), FALSE);

  return self->busy;
}

/**
 * liveline_image_field_get_error:
 * @self: a #LivelineImageField
 *
 * Returns: (nullable): why the last photo could not be attached, as the
 *   field shows it, or %NULL
 */
const char *
liveline_image_field_get_error (LivelineImageField *self)
{
  g_return_val_if_fail (LIVELINE_IS_IMAGE_FIELD (self), NULL);

  return self->error;
}

/**
 * liveline_image_field_attach_file:
 * @self: a #LivelineImageField
 * @file: a photo file
 *
 * Prepares @file and attaches it to the post once ready; what choosing,
 * dropping and pasting all end in. The original file is copied, so the
 * draft never depends on it again.
 */
void
liveline_image_field_attach_file (LivelineImageField *self,
                                  GFile              *file)
{
  g_return_if_fail (LIVELINE_IS_IMAGE_FIELD (self));
  g_return_if_fail (G_IS_FILE (file));

  _liveline_image_field_attach (self, file, FALSE);
}
