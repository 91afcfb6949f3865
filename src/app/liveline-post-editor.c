/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-post-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "liveline-post-editor-private.h"
#include "liveline-toast.h"

/* Where an update is written: headline, body in Markdown, photo, flags.
 * Every change goes into the LivelinePost at once and into the store half
 * a second after the last keystroke (LivelineAutosaver); the checks that
 * stand between the update and publishing are shown as it is written.
 */

G_DEFINE_FINAL_TYPE (LivelinePostEditor, liveline_post_editor, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_POST,
  PROP_MAX_IMAGE_SIZE,
  PROP_SHOW_PREVIEW,
  PROP_HAS_BLOCKING_CHECKS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
_liveline_post_editor_show_toast (LivelinePostEditor *self,
                                  const char         *text)
{
  GtkWidget *overlay;
  AdwToast *toast;

  g_assert (LIVELINE_IS_POST_EDITOR (self));

  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL)
    return;

  /* A toast still on screen says the news instead: dismissing it and adding
   * another in the same frame crashes libadwaita 1.2.
   */
  if (self->toast != NULL)
    {
      liveline_toast_set_text (self->toast, text);
      return;
    }

  toast = liveline_toast_new (text);
  g_set_weak_pointer (&self->toast, toast);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

void
_liveline_post_editor_notify_blocking_checks (LivelinePostEditor *self)
{
  g_assert (LIVELINE_IS_POST_EDITOR (self));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_BLOCKING_CHECKS]);
}

static void
on_headline_text_changed (LivelinePostEditor *self,
                          GParamSpec         *pspec,
                          GtkEntry           *entry)
{
  _liveline_post_editor_update_counts (self);
}

/* Enter in the headline goes on to the body, as in a word processor. */
static void
on_headline_activate (LivelinePostEditor *self,
                      GtkEntry           *entry)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->body_view));
}

static void
on_post_notify (LivelinePostEditor *self,
                GParamSpec         *pspec,
                LivelinePost       *post)
{
  _liveline_post_editor_queue_checks (self);

  if (g_str_equal (pspec->name, "state") || g_str_equal (pspec->name, "remote-id"))
    _liveline_post_editor_update_publishing (self);

  if (g_str_equal (pspec->name, "has-image"))
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.remove-photo",
                                   liveline_post_has_image (post));
}

/* Saving */

static void
on_autosave_failed (LivelinePostEditor *self,
                    LivelinePost       *post,
                    const GError       *error,
                    LivelineAutosaver  *autosaver)
{
  g_autofree char *message = NULL;

  /* Translators: %s says why, as the database tells it */
  message = g_strdup_printf (_("The update could not be saved: %s"), error->message);
  _liveline_post_editor_show_toast (self, message);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LivelinePostEditor *self = LIVELINE_POST_EDITOR (widget);

  /* A failure is told by the autosaver's failed signal. */
  if (liveline_post_editor_save_now (self, NULL))
    _liveline_post_editor_show_toast (self, _("Saved"));
}

static void
attach_photo_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  LivelinePostEditor *self = LIVELINE_POST_EDITOR (widget);

  liveline_image_field_choose (self->image_field);
}

static void
remove_photo_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  LivelinePostEditor *self = LIVELINE_POST_EDITOR (widget);

  if (self->post != NULL)
    liveline_post_clear_image (self->post);
}

static void
liveline_post_editor_update_actions (LivelinePostEditor *self)
{
  gboolean editable = self->post != NULL;
  gboolean can_attach = editable && self->store != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", editable && self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.toggle-preview", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.attach-photo", can_attach);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.remove-photo",
                                 editable && liveline_post_has_image (self->post));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.restore-revision", can_attach);
  _liveline_post_editor_update_publishing (self);
}

static void
liveline_post_editor_dispose (GObject *object)
{
  LivelinePostEditor *self = (LivelinePostEditor *)object;

  /* What was typed in the last half second is not lost. */
  if (self->autosaver != NULL)
    liveline_autosaver_set_post (self->autosaver, NULL);

  g_clear_handle_id (&self->checks_source, g_source_remove);

  if (self->bindings != NULL)
    g_binding_group_set_source (self->bindings, NULL);
  if (self->post_signals != NULL)
    g_signal_group_set_target (self->post_signals, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), LIVELINE_TYPE_POST_EDITOR);

  g_clear_weak_pointer (&self->toast);
  g_clear_object (&self->bindings);
  g_clear_object (&self->post_signals);
  g_clear_object (&self->checks);
  g_clear_object (&self->revisions);
  g_clear_object (&self->autosaver);
  g_clear_object (&self->post);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (liveline_post_editor_parent_class)->dispose (object);
}

static void
liveline_post_editor_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  LivelinePostEditor *self = LIVELINE_POST_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_POST:
      g_value_set_object (value, self->post);
      break;

    case PROP_MAX_IMAGE_SIZE:
      g_value_set_uint (value, liveline_post_editor_get_max_image_size (self));
      break;

    case PROP_SHOW_PREVIEW:
      g_value_set_boolean (value, liveline_post_editor_get_show_preview (self));
      break;

    case PROP_HAS_BLOCKING_CHECKS:
      g_value_set_boolean (value, liveline_post_editor_has_blocking_checks (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liveline_post_editor_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  LivelinePostEditor *self = LIVELINE_POST_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      liveline_post_editor_set_store (self, g_value_get_object (value));
      break;

    case PROP_POST:
      liveline_post_editor_set_post (self, g_value_get_object (value));
      break;

    case PROP_MAX_IMAGE_SIZE:
      liveline_post_editor_set_max_image_size (self, g_value_get_uint (value));
      break;

    case PROP_SHOW_PREVIEW:
      liveline_post_editor_set_show_preview (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liveline_post_editor_class_init (LivelinePostEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = liveline_post_editor_dispose;
  object_class->get_property = liveline_post_editor_get_property;
  object_class->set_property = liveline_post_editor_set_property;

  /* The store the update is saved to. */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         LIVELINE_TYPE_STORE,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* The update being written, or NULL. */
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

  /* Whether the update is shown as readers will see it. */
  properties[PROP_SHOW_PREVIEW] =
    g_param_spec_boolean ("show-preview", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  /* Whether a check keeps the update from being published. */
  properties[PROP_HAS_BLOCKING_CHECKS] =
    g_param_spec_boolean ("has-blocking-checks", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_source_init ();
  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  g_type_ensure (LIVELINE_TYPE_IMAGE_FIELD);
  g_type_ensure (LIVELINE_TYPE_POST_PREVIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/liveline-post-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, LivelinePostEditor, content_box);
  gtk_widget_class_bind_template_child (widget_class, LivelinePostEditor, pin_button);
  gtk_widget_class_bind_template_child (widget_class, LivelinePostEditor, key_moment_button);
  gtk_widget_class_bind_template_child (widget_class, LivelinePostEditor, history_button);
  gtk_widget_class_bind_template_child (widget_class, LivelinePostEditor, history_popover);
  gtk_widget_class_bind_template_child (widget_class, LivelinePostEditor, history_list);
  gtk_widget_class_bind_template_child (widget_class, LivelinePostEditor, preview_button);
  gtk_widget_class_bind_template_child (widget_class, LivelinePostEditor, publish_button);
  gtk_widget_class_bind_template_child (widget_class, LivelinePostEditor, stack);
  gtk_widget_class_bind_template_child (widget_class, LivelinePostEditor, headline_entry);
  gtk_widget_class_bind_template_child (widget_class, LivelinePostEditor, body_view);
  gtk_widget_class_bind_template_child (widget_class, LivelinePostEditor, body_placeholder);
  gtk_widget_class_bind_template_child (widget_class, LivelinePostEditor, headline_count_label);
  gtk_widget_class_bind_template_child (widget_class, LivelinePostEditor, body_count_label);
  gtk_widget_class_bind_template_child (widget_class, LivelinePostEditor, image_field);
  gtk_widget_class_bind_template_child (widget_class, LivelinePostEditor, preview);
  gtk_widget_class_bind_template_child (widget_class, LivelinePostEditor, checks_revealer);
  gtk_widget_class_bind_template_child (widget_class, LivelinePostEditor, checks_list);
  gtk_widget_class_bind_template_callback (widget_class, on_headline_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_headline_text_changed);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_history_popover_show",
                                                G_CALLBACK (_liveline_post_editor_on_history_show));

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_property_action (widget_class, "editor.toggle-preview", "show-preview");
  gtk_widget_class_install_action (widget_class, "editor.attach-photo", NULL, attach_photo_action);
  gtk_widget_class_install_action (widget_class, "editor.remove-photo", NULL, remove_photo_action);
  gtk_widget_class_install_action (widget_class, "editor.restore-revision", "u",
                                   _liveline_post_editor_restore_revision_action);
  gtk_widget_class_install_action (widget_class, "editor.publish", NULL,
                                   _liveline_post_editor_publish_action);
  gtk_widget_class_install_action (widget_class, "editor.retract", NULL,
                                   _liveline_post_editor_retract_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "posteditor");
}

static void
liveline_post_editor_init (LivelinePostEditor *self)
{
  static const struct {
    const char *trigger;
    const char *action;
  } shortcuts[] = {
    { "<Control>s", "editor.save" },
    { "<Control><Shift>p", "editor.toggle-preview" },
    { "<Control><Shift>a", "editor.attach-photo" },
    { "<Control>Return", "editor.publish" },
  };
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));

  _liveline_post_editor_init_checks (self);

  _liveline_post_editor_init_body (self);

  self->bindings = g_binding_group_new ();
  g_binding_group_bind (self->bindings, "headline", self->headline_entry, "text",
                        G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_binding_group_bind (self->bindings, "pinned", self->pin_button, "active",
                        G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_binding_group_bind (self->bindings, "key-moment", self->key_moment_button, "active",
                        G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);

  self->post_signals = g_signal_group_new (LIVELINE_TYPE_POST);
  g_signal_group_connect_object (self->post_signals, "notify::body",
                                 G_CALLBACK (_liveline_post_editor_on_post_body_changed), self,
                                 G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->post_signals, "notify",
                                 G_CALLBACK (on_post_notify), self,
                                 G_CONNECT_SWAPPED);

  /* In the capture phase, so the text views' own bindings (Ctrl+Shift+A
   * clears a selection there) do not take these first.
   */
  controller = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_shortcut_trigger_parse_string (shortcuts[i].trigger),
                                                            gtk_named_action_new (shortcuts[i].action)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  _liveline_post_editor_update_counts (self);
  liveline_post_editor_update_actions (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->content_box), FALSE);
}

/**
 * liveline_post_editor_new:
 *
 * Returns: (transfer floating): a new #LivelinePostEditor
 */
LivelinePostEditor *
liveline_post_editor_new (void)
{
  return g_object_new (LIVELINE_TYPE_POST_EDITOR, NULL);
}

LivelineStore *
liveline_post_editor_get_store (LivelinePostEditor *self)
{
  g_return_val_if_fail (LIVELINE_IS_POST_EDITOR (self), NULL);

  return self->store;
}

/**
 * liveline_post_editor_set_store:
 * @self: a #LivelinePostEditor
 * @store: (nullable): the store updates are saved to
 *
 * Set the store before the post: a post edited without a store is not
 * saved. A change still pending is saved to the previous store first.
 */
void
liveline_post_editor_set_store (LivelinePostEditor *self,
                                LivelineStore      *store)
{
  g_return_if_fail (LIVELINE_IS_POST_EDITOR (self));
  g_return_if_fail (!store || LIVELINE_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->autosaver != NULL)
    {
      liveline_autosaver_set_post (self->autosaver, NULL);
      g_signal_handlers_disconnect_by_data (self->autosaver, self);
      g_clear_object (&self->autosaver);
    }

  g_set_object (&self->store, store);

  if (store != NULL)
    {
      self->autosaver = liveline_autosaver_new (store);
      g_signal_connect_object (self->autosaver, "failed",
                               G_CALLBACK (on_autosave_failed), self,
                               G_CONNECT_SWAPPED);
      liveline_autosaver_set_post (self->autosaver, self->post);
    }

  liveline_image_field_set_store (self->image_field, store);
  liveline_post_editor_update_actions (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

LivelinePost *
liveline_post_editor_get_post (LivelinePostEditor *self)
{
  g_return_val_if_fail (LIVELINE_IS_POST_EDITOR (self), NULL);

  return self->post;
}

/**
 * liveline_post_editor_set_post:
 * @self: a #LivelinePostEditor
 * @post: (nullable): the update to write, or %NULL for none
 *
 * Opens @post; what was still unsaved in the previous one is saved first.
 * Opening a post is not a change that can be undone.
 */
void
liveline_post_editor_set_post (LivelinePostEditor *self,
                               LivelinePost       *post)
{
  g_return_if_fail (LIVELINE_IS_POST_EDITOR (self));
  g_return_if_fail (!post || LIVELINE_IS_POST (post));

  if (self->post == post)
    return;

  if (self->autosaver != NULL)
    liveline_autosaver_set_post (self->autosaver, post);

  g_set_object (&self->post, post);

  g_signal_group_set_target (self->post_signals, post);
  g_binding_group_set_source (self->bindings, post);

  if (post == NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->headline_entry), "");
      gtk_toggle_button_set_active (self->pin_button, FALSE);
      gtk_toggle_button_set_active (self->key_moment_button, FALSE);
    }

  _liveline_post_editor_load_body (self, post != NULL ? liveline_post_get_body (post) : "", FALSE);

  liveline_image_field_set_post (self->image_field, post);
  liveline_post_preview_set_post (self->preview,
                                  liveline_post_editor_get_show_preview (self) ? post : NULL);
  gtk_popover_popdown (self->history_popover);

  _liveline_post_editor_update_checks (self);
  liveline_post_editor_update_actions (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->content_box), post != NULL);

  if (post == NULL)
    liveline_post_editor_set_show_preview (self, FALSE);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POST]);
}

guint
liveline_post_editor_get_max_image_size (LivelinePostEditor *self)
{
  g_return_val_if_fail (LIVELINE_IS_POST_EDITOR (self), LIVELINE_IMAGE_FIELD_DEFAULT_MAX_SIZE);

  return liveline_image_field_get_max_image_size (self->image_field);
}

/**
 * liveline_post_editor_set_max_image_size:
 * @self: a #LivelinePostEditor
 * @max_image_size: the longest side of photos attached from now on, in pixels
 *
 * Bind it to the max-image-size setting; it is 2048 until then.
 */
void
liveline_post_editor_set_max_image_size (LivelinePostEditor *self,
                                         guint               max_image_size)
{
  g_return_if_fail (LIVELINE_IS_POST_EDITOR (self));
  g_return_if_fail (max_image_size > 0);

  if (max_image_size == liveline_image_field_get_max_image_size (self->image_field))
    return;

  liveline_image_field_set_max_image_size (self->image_field, max_image_size);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_IMAGE_SIZE]);
}

gboolean
liveline_post_editor_get_show_preview (LivelinePostEditor *self)
{
  g_return_val_if_fail (LIVELINE_IS_POST_EDITOR (self), FALSE);

  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "preview") == 0;
}

/**
 * liveline_post_editor_set_show_preview:
 * @self: a #LivelinePostEditor
 * @show_preview: whether to show the update as readers will see it
 */
void
liveline_post_editor_set_show_preview (LivelinePostEditor *self,
                                       gboolean            show_preview)
{
  g_return_if_fail (LIVELINE_IS_POST_EDITOR (self));

  show_preview = !!show_preview;
  if (show_preview == liveline_post_editor_get_show_preview (self))
    return;

  /* A preview follows the post only while it is shown: rendering the
   * whole body again after every keystroke is work no one would see.
   */
  if (show_preview)
    liveline_post_preview_set_post (self->preview, self->post);
  gtk_stack_set_visible_child_name (self->stack, show_preview ? "preview" : "edit");
  if (!show_preview)
    liveline_post_preview_set_post (self->preview, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_PREVIEW]);
}

/**
 * liveline_post_editor_get_checks:
 * @self: a #LivelinePostEditor
 *
 * Returns: (transfer none): the #LivelineCheck that apply to the update as
 *   the editor shows them, most severe first; empty when all is well
 */
GListModel *
liveline_post_editor_get_checks (LivelinePostEditor *self)
{
  g_return_val_if_fail (LIVELINE_IS_POST_EDITOR (self), NULL);

  return G_LIST_MODEL (self->checks);
}

/**
 * liveline_post_editor_has_blocking_checks:
 * @self: a #LivelinePostEditor
 *
 * Returns: whether a check keeps the update, as it is now, from being
 *   published; %FALSE when no update is open
 */
gboolean
liveline_post_editor_has_blocking_checks (LivelinePostEditor *self)
{
  g_return_val_if_fail (LIVELINE_IS_POST_EDITOR (self), FALSE);

  /* The list shown may lag the last keystroke; the answer must not. */
  if (self->checks_source != 0)
    _liveline_post_editor_update_checks (self);

  return liveline_check_list_has_errors (G_LIST_MODEL (self->checks));
}

/**
 * liveline_post_editor_save_now:
 * @self: a #LivelinePostEditor
 * @error: a location for a #GError
 *
 * Writes the update to the store now, without waiting for the autosave.
 *
 * Returns: %TRUE when the update is safely stored, or when none is open
 */
gboolean
liveline_post_editor_save_now (LivelinePostEditor  *self,
                               GError             **error)
{
  g_return_val_if_fail (LIVELINE_IS_POST_EDITOR (self), FALSE);

  if (self->autosaver == NULL || self->post == NULL)
    return TRUE;

  return liveline_autosaver_save_now (self->autosaver, error);
}

/**
 * liveline_post_editor_grab_headline:
 * @self: a #LivelinePostEditor
 *
 * Puts the keyboard focus in the headline, as when a new update is started.
 */
void
liveline_post_editor_grab_headline (LivelinePostEditor *self)
{
  g_return_if_fail (LIVELINE_IS_POST_EDITOR (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->headline_entry));
}
