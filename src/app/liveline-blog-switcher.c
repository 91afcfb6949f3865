/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-blog-switcher"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "liveline-blog-switcher.h"

/* The header bar's title: which live blog the window shows, and a popover
 * to move to another one, start one, rename or archive one.
 */
struct _LivelineBlogSwitcher
{
  GtkWidget      parent_instance;

  LivelineStore *store;
  LivelineBlog  *blog;

  /* Template widgets */
  GtkMenuButton *menu_button;
  GtkLabel      *title_label;
  GtkListBox    *list_box;
  GtkPopover    *popover;
};

G_DEFINE_FINAL_TYPE (LivelineBlogSwitcher, liveline_blog_switcher, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_BLOG,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_title (LivelineBlogSwitcher *self)
{
  gtk_label_set_label (self->title_label,
                       self->blog != NULL ? liveline_blog_get_name (self->blog) : _("No live blog"));
}

static void
on_blog_name_changed (LivelineBlogSwitcher *self)
{
  update_title (self);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  LivelineBlog *blog = item;
  g_autoptr(GMenu) menu = g_menu_new ();
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *more = gtk_menu_button_new ();
  g_autofree char *more_label = NULL;
  g_autofree char *rename = NULL;
  g_autofree char *archive = NULL;

  rename = g_strdup_printf ("switcher.rename(int64 %" G_GINT64_FORMAT ")", liveline_blog_get_id (blog));
  archive = g_strdup_printf ("switcher.archive(int64 %" G_GINT64_FORMAT ")", liveline_blog_get_id (blog));
  g_menu_append (menu, _("_Rename…"), rename);
  g_menu_append (menu, _("_Archive…"), archive);

  g_object_bind_property (blog, "name", label, "label", G_BINDING_SYNC_CREATE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (more), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (more), G_MENU_MODEL (menu));
  gtk_widget_add_css_class (more, "flat");
  /* Translators: the menu of one live blog, as in "Syria talks: more" */
  more_label = g_strdup_printf (_("More for “%s”"), liveline_blog_get_name (blog));
  gtk_widget_set_tooltip_text (more, more_label);

  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), more);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "blog", g_object_ref (blog), g_object_unref);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  liveline_blog_get_name (blog), -1);

  return row;
}

static void
on_row_activated (LivelineBlogSwitcher *self,
                  GtkListBoxRow        *row,
                  GtkListBox           *list_box)
{
  liveline_blog_switcher_set_blog (self, g_object_get_data (G_OBJECT (row), "blog"));
  gtk_popover_popdown (self->popover);
}

/* A dialog that asks for a live blog's name; @blog is the one to rename, or
 * NULL to create one.
 */
static void
on_entry_changed (GtkEditable      *entry,
                  AdwMessageDialog *dialog)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "save", name[0] != '\0');
}

static void
on_name_response (AdwMessageDialog     *dialog,
                  const char           *response,
                  LivelineBlogSwitcher *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  LivelineBlog *blog = g_object_get_data (G_OBJECT (dialog), "blog");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "save") != 0 || self->store == NULL)
    return;

  if (blog != NULL)
    liveline_store_rename_blog (self->store, blog, gtk_editable_get_text (entry), &error);
  else if ((blog = liveline_store_create_blog (self->store, gtk_editable_get_text (entry), &error)))
    liveline_blog_switcher_set_blog (self, blog);

  if (error != NULL)
    {
      GtkWidget *failed = adw_message_dialog_new (gtk_window_get_transient_for (GTK_WINDOW (dialog)),
                                                  _("The live blog could not be saved"),
                                                  error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (failed), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (failed));
    }
}

static void
ask_for_name (LivelineBlogSwitcher *self,
              LivelineBlog         *blog)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;
  GtkWidget *entry = gtk_entry_new ();

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       blog != NULL ? _("Rename live blog")
                                                                    : _("New live blog"),
                                                       _("The name the newsroom knows the story by, "
                                                         "such as “Syria talks”")));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", blog != NULL ? _("_Rename") : _("_Create"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");

  /* Enter gives the default response, once. */
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Name of the live blog"), -1);
  gtk_editable_set_text (GTK_EDITABLE (entry), blog != NULL ? liveline_blog_get_name (blog) : "");
  adw_message_dialog_set_extra_child (dialog, entry);
  on_entry_changed (GTK_EDITABLE (entry), dialog);
  g_signal_connect (entry, "changed", G_CALLBACK (on_entry_changed), dialog);

  if (blog != NULL)
    g_object_set_data_full (G_OBJECT (dialog), "blog", g_object_ref (blog), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_name_response), self, 0);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
on_archive_response (AdwMessageDialog     *dialog,
                     const char           *response,
                     LivelineBlogSwitcher *self)
{
  LivelineBlog *blog = g_object_get_data (G_OBJECT (dialog), "blog");
  g_autoptr(GError) error = NULL;
  GListModel *blogs;

  if (g_strcmp0 (response, "archive") != 0 || self->store == NULL)
    return;

  if (!liveline_store_archive_blog (self->store, blog, &error))
    {
      g_warning ("Could not archive the live blog: %s", error->message);
      return;
    }

  if (blog == self->blog)
    {
      g_autoptr(LivelineBlog) first = NULL;

      blogs = liveline_store_get_blogs (self->store);
      first = g_list_model_get_item (blogs, 0);
      liveline_blog_switcher_set_blog (self, first);
    }
}

static LivelineBlog *
blog_from_param (LivelineBlogSwitcher *self,
                 GVariant             *param)
{
  if (self->store == NULL)
    return NULL;

  return liveline_store_find_blog (self->store, g_variant_get_int64 (param));
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LivelineBlogSwitcher *self = LIVELINE_BLOG_SWITCHER (widget);
  LivelineBlog *blog = blog_from_param (self, param);

  gtk_popover_popdown (self->popover);
  if (blog != NULL)
    ask_for_name (self, blog);
}

static void
archive_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  LivelineBlogSwitcher *self = LIVELINE_BLOG_SWITCHER (widget);
  LivelineBlog *blog = blog_from_param (self, param);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  gtk_popover_popdown (self->popover);
  if (blog == NULL)
    return;

  heading = g_strdup_printf (_("Archive “%s”?"), liveline_blog_get_name (blog));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   heading,
                                   _("The live blog leaves the list. Nothing in it is deleted."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "archive", _("_Archive"),
                                    NULL);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "blog", g_object_ref (blog), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_archive_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
liveline_blog_switcher_dispose (GObject *object)
{
  LivelineBlogSwitcher *self = (LivelineBlogSwitcher *)object;

  liveline_blog_switcher_set_blog (self, NULL);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), LIVELINE_TYPE_BLOG_SWITCHER);

  G_OBJECT_CLASS (liveline_blog_switcher_parent_class)->dispose (object);
}

static void
liveline_blog_switcher_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  LivelineBlogSwitcher *self = LIVELINE_BLOG_SWITCHER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_BLOG:
      g_value_set_object (value, self->blog);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liveline_blog_switcher_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  LivelineBlogSwitcher *self = LIVELINE_BLOG_SWITCHER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      liveline_blog_switcher_set_store (self, g_value_get_object (value));
      break;

    case PROP_BLOG:
      liveline_blog_switcher_set_blog (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liveline_blog_switcher_class_init (LivelineBlogSwitcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = liveline_blog_switcher_dispose;
  object_class->get_property = liveline_blog_switcher_get_property;
  object_class->set_property = liveline_blog_switcher_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         LIVELINE_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_BLOG] =
    g_param_spec_object ("blog", NULL, NULL,
                         LIVELINE_TYPE_BLOG,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/liveline-blog-switcher.ui");
  gtk_widget_class_bind_template_child (widget_class, LivelineBlogSwitcher, menu_button);
  gtk_widget_class_bind_template_child (widget_class, LivelineBlogSwitcher, title_label);
  gtk_widget_class_bind_template_child (widget_class, LivelineBlogSwitcher, list_box);
  gtk_widget_class_bind_template_child (widget_class, LivelineBlogSwitcher, popover);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);

  gtk_widget_class_install_action (widget_class, "switcher.rename", "x", rename_action);
  gtk_widget_class_install_action (widget_class, "switcher.archive", "x", archive_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
liveline_blog_switcher_init (LivelineBlogSwitcher *self)
{
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));

  placeholder = gtk_label_new (_("No live blogs yet"));
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_list_box_set_placeholder (self->list_box, placeholder);

  update_title (self);
}

LivelineStore *
liveline_blog_switcher_get_store (LivelineBlogSwitcher *self)
{
  g_return_val_if_fail (LIVELINE_IS_BLOG_SWITCHER (self), NULL);

  return self->store;
}

void
liveline_blog_switcher_set_store (LivelineBlogSwitcher *self,
                                  LivelineStore        *store)
{
  g_return_if_fail (LIVELINE_IS_BLOG_SWITCHER (self));
  g_return_if_fail (!store || LIVELINE_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  liveline_blog_switcher_set_blog (self, NULL);
  gtk_list_box_bind_model (self->list_box,
                           store != NULL ? liveline_store_get_blogs (store) : NULL,
                           create_row, self, NULL);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

LivelineBlog *
liveline_blog_switcher_get_blog (LivelineBlogSwitcher *self)
{
  g_return_val_if_fail (LIVELINE_IS_BLOG_SWITCHER (self), NULL);

  return self->blog;
}

void
liveline_blog_switcher_set_blog (LivelineBlogSwitcher *self,
                                 LivelineBlog         *blog)
{
  g_return_if_fail (LIVELINE_IS_BLOG_SWITCHER (self));
  g_return_if_fail (!blog || LIVELINE_IS_BLOG (blog));

  if (self->blog == blog)
    return;

  if (self->blog != NULL)
    g_signal_handlers_disconnect_by_data (self->blog, self);

  g_set_object (&self->blog, blog);

  if (blog != NULL)
    g_signal_connect_object (blog, "notify::name", G_CALLBACK (on_blog_name_changed), self,
                             G_CONNECT_SWAPPED);

  update_title (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BLOG]);
}

/**
 * liveline_blog_switcher_new_blog:
 * @self: a #LivelineBlogSwitcher
 *
 * Asks for a name and starts a new live blog, which becomes the current one.
 */
void
liveline_blog_switcher_new_blog (LivelineBlogSwitcher *self)
{
  g_return_if_fail (LIVELINE_IS_BLOG_SWITCHER (self));

  ask_for_name (self, NULL);
}
