/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-destination-page"

#include "config.h"

#include <glib/gi18n.h>

#include "liveline-destination-page.h"
#include "liveline-endpoint-url.h"
#include "liveline-toast.h"
#include "liveline-wordpress-publisher.h"

/* Where the open live blog publishes: the kind of endpoint, its address,
 * the blog's name there and the token, which goes straight to the keyring.
 * "Test Connection" asks the endpoint without keeping anything; "Save"
 * keeps it. What the endpoint or the network says is shown in words.
 */

/* The kinds of the kind list, in the template's order. */
static const char * const kinds[] = { NULL, "liveline", "wordpress", "micropub" };

/* What the rows are called for each kind, and which show. */
typedef struct
{
  const char *url_title;
  const char *secret_title;
  const char *connected;
  gboolean    has_remote_blog;
  gboolean    has_username;
  gboolean    has_category;
} KindRows;

static const KindRows kind_rows[] = {
  { N_("_Address"), N_("_Token"), NULL, TRUE, FALSE, FALSE },
  { N_("_Address"), N_("_Token"), N_("Connected. The endpoint accepted the token."),
    TRUE, FALSE, FALSE },
  { N_("_Site Address"), N_("_Application Password"),
    N_("Connected. WordPress accepted the user name and application password."),
    FALSE, TRUE, TRUE },
  { N_("_Site or Micropub Endpoint"), N_("_Token"),
    N_("Connected. The Micropub endpoint accepted the token."), FALSE, FALSE, FALSE },
};

struct _LivelineDestinationPage
{
  AdwPreferencesPage    parent_instance;

  LivelineSession      *session;
  LivelineBlog         *blog;
  GCancellable         *cancellable;
  GCancellable         *categories_cancellable;
  GPtrArray            *category_ids;  /* of the category list; NULL: a new one */
  gboolean              changed;
  gboolean              loading;

  /* Template widgets */
  AdwPreferencesGroup  *destination_group;
  AdwComboRow          *kind_row;
  AdwEntryRow          *url_row;
  AdwEntryRow          *remote_blog_row;
  AdwEntryRow          *username_row;
  AdwComboRow          *category_row;
  GtkStringList        *category_names;
  AdwEntryRow          *token_row;
  GtkSpinner           *spinner;
  GtkLabel             *result_label;
};

G_DEFINE_FINAL_TYPE (LivelineDestinationPage, liveline_destination_page,
                     ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_BLOG,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static guint
get_kind_index (LivelineDestinationPage *self)
{
  return MIN (adw_combo_row_get_selected (self->kind_row), G_N_ELEMENTS (kinds) - 1);
}

static const char *
get_kind (LivelineDestinationPage *self)
{
  return kinds[get_kind_index (self)];
}

static void
update_rows (LivelineDestinationPage *self)
{
  const KindRows *rows = &kind_rows[get_kind_index (self)];

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->url_row), _(rows->url_title));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->token_row), _(rows->secret_title));
  gtk_widget_set_visible (GTK_WIDGET (self->remote_blog_row), rows->has_remote_blog);
  gtk_widget_set_visible (GTK_WIDGET (self->username_row), rows->has_username);
  gtk_widget_set_visible (GTK_WIDGET (self->category_row), rows->has_category);
}

static const char *
get_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static gboolean
is_busy (LivelineDestinationPage *self)
{
  return self->cancellable != NULL;
}

static void
update_actions (LivelineDestinationPage *self)
{
  gboolean has_kind = get_kind (self) != NULL;
  g_autoptr(GError) url_error = NULL;

  if (has_kind)
    url_error = liveline_endpoint_url_check (get_text (self->url_row));

  gtk_widget_set_sensitive (GTK_WIDGET (self->url_row), has_kind);
  gtk_widget_set_sensitive (GTK_WIDGET (self->remote_blog_row), has_kind);
  gtk_widget_set_sensitive (GTK_WIDGET (self->username_row), has_kind);
  gtk_widget_set_sensitive (GTK_WIDGET (self->category_row), has_kind);
  gtk_widget_set_sensitive (GTK_WIDGET (self->token_row), has_kind);

  /* Say what is wrong with the address once there is one to judge. */
  if (url_error != NULL && get_text (self->url_row)[0] != '\0')
    gtk_widget_add_css_class (GTK_WIDGET (self->url_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->url_row), "error");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "destination.test",
                                 has_kind && url_error == NULL && !is_busy (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "destination.save",
                                 self->changed && url_error == NULL && !is_busy (self));
}

static void
show_result (LivelineDestinationPage *self,
             const char              *text,
             gboolean                 success)
{
  gtk_label_set_text (self->result_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->result_label), text != NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (self->result_label), success ? "error" : "success");
  gtk_widget_add_css_class (GTK_WIDGET (self->result_label), success ? "success" : "error");
}

static GCancellable *
begin (LivelineDestinationPage *self)
{
  g_assert (self->cancellable == NULL);

  self->cancellable = g_cancellable_new ();
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
  show_result (self, NULL, TRUE);
  update_actions (self);

  return self->cancellable;
}

static void
end (LivelineDestinationPage *self)
{
  g_clear_object (&self->cancellable);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  update_actions (self);
}

static void
on_changed (LivelineDestinationPage *self)
{
  update_rows (self);

  if (self->loading)
    return;

  self->changed = TRUE;
  show_result (self, NULL, TRUE);
  update_actions (self);
}

static const char *
nonempty_or_null (const char *text)
{
  return text != NULL && text[0] != '\0' ? text : NULL;
}

static const char *
get_category_id (LivelineDestinationPage *self)
{
  guint selected = adw_combo_row_get_selected (self->category_row);

  return selected < self->category_ids->len ? g_ptr_array_index (self->category_ids, selected) : NULL;
}

/* The first choice makes a category named after the blog when it is
 * needed; then the site's own, once it has told them; the one kept
 * before is chosen.
 */
static void
fill_categories (LivelineDestinationPage *self,
                 GPtrArray               *categories,
                 const char              *chosen_id)
{
  g_autofree char *chosen = g_strdup (chosen_id);
  g_autofree char *new_category = NULL;
  guint selected = 0;

  self->loading = TRUE;
  g_ptr_array_set_size (self->category_ids, 0);
  gtk_string_list_splice (self->category_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->category_names)), NULL);

  /* Translators: %s is the name of a live blog */
  new_category = g_strdup_printf (_("New Category “%s”"), liveline_blog_get_name (self->blog));
  gtk_string_list_append (self->category_names, new_category);
  g_ptr_array_add (self->category_ids, NULL);

  for (guint i = 0; categories != NULL && i < categories->len; i++)
    {
      LivelineWordpressCategory *category = g_ptr_array_index (categories, i);

      gtk_string_list_append (self->category_names, category->name);
      g_ptr_array_add (self->category_ids, g_strdup (category->id));
      if (g_strcmp0 (category->id, chosen) == 0)
        selected = self->category_ids->len - 1;
    }

  /* Kept before, and not (yet) among the site's. */
  if (chosen != NULL && selected == 0)
    {
      g_autofree char *label = NULL;

      /* Translators: %s is the number of a WordPress category */
      label = g_strdup_printf (_("Category %s"), chosen);
      gtk_string_list_append (self->category_names, label);
      g_ptr_array_add (self->category_ids, g_strdup (chosen));
      selected = self->category_ids->len - 1;
    }

  adw_combo_row_set_selected (self->category_row, selected);
  self->loading = FALSE;
}

static void
on_categories_listed (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(LivelineDestinationPage) self = user_data;
  g_autoptr(GPtrArray) categories = NULL;
  g_autoptr(GError) error = NULL;

  categories = liveline_session_list_categories_finish (LIVELINE_SESSION (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->categories_cancellable);
  if (error != NULL)
    {
      show_result (self, error->message, FALSE);
      return;
    }

  fill_categories (self, categories, get_category_id (self));
}

static void
list_categories (LivelineDestinationPage *self,
                 const char              *secret)
{
  LivelineDestination destination = {
    .kind = get_kind (self),
    .endpoint_url = get_text (self->url_row),
    .username = nonempty_or_null (get_text (self->username_row)),
  };

  g_cancellable_cancel (self->categories_cancellable);
  g_clear_object (&self->categories_cancellable);
  self->categories_cancellable = g_cancellable_new ();

  liveline_session_list_categories_async (self->session, self->blog, &destination, secret,
                                          self->categories_cancellable,
                                          on_categories_listed, g_object_ref (self));
}

/* What the rows say, as long as the page's text stays as it is. */
static LivelineDestination
get_destination (LivelineDestinationPage *self)
{
  const KindRows *rows = &kind_rows[get_kind_index (self)];

  return (LivelineDestination) {
    .kind = get_kind (self),
    .endpoint_url = get_text (self->url_row),
    .remote_blog_id = rows->has_remote_blog ? nonempty_or_null (get_text (self->remote_blog_row))
                      : rows->has_category ? get_category_id (self)
                      : NULL,
    .username = rows->has_username ? nonempty_or_null (get_text (self->username_row)) : NULL,
  };
}

static void
on_tested (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LivelineDestinationPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!liveline_session_test_destination_finish (LIVELINE_SESSION (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  end (self);
  if (error != NULL)
    {
      show_result (self, error->message, FALSE);
      return;
    }

  show_result (self, _(kind_rows[get_kind_index (self)].connected), TRUE);
  if (kind_rows[get_kind_index (self)].has_category)
    list_categories (self, nonempty_or_null (get_text (self->token_row)));
}

static void
test_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  LivelineDestinationPage *self = LIVELINE_DESTINATION_PAGE (widget);
  LivelineDestination destination = get_destination (self);

  if (is_busy (self))
    return;

  liveline_session_test_destination_async (self->session, self->blog, &destination,
                                           nonempty_or_null (get_text (self->token_row)),
                                           begin (self), on_tested, g_object_ref (self));
}

static void
on_saved (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(LivelineDestinationPage) self = user_data;
  g_autoptr(GError) error = NULL;
  GtkRoot *root;

  if (!liveline_session_save_destination_finish (LIVELINE_SESSION (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  end (self);
  if (error != NULL)
    {
      show_result (self, error->message, FALSE);
      return;
    }

  /* The token is in the keyring now, not in this window. */
  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->token_row), "");
  self->loading = FALSE;
  self->changed = FALSE;
  update_actions (self);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root),
                                      liveline_toast_new (_("Destination saved")));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  LivelineDestinationPage *self = LIVELINE_DESTINATION_PAGE (widget);
  LivelineDestination destination = get_destination (self);

  if (is_busy (self))
    return;

  liveline_session_save_destination_async (self->session, self->blog, &destination,
                                           nonempty_or_null (get_text (self->token_row)),
                                           begin (self), on_saved, g_object_ref (self));
}

static void
load_destination (LivelineDestinationPage *self)
{
  const char *kind = liveline_blog_get_destination_kind (self->blog);
  const char *url = liveline_blog_get_endpoint_url (self->blog);
  const char *remote_blog_id = liveline_blog_get_remote_blog_id (self->blog);
  const char *username = liveline_blog_get_username (self->blog);
  g_autofree char *description = NULL;
  guint kind_index = 0;

  for (guint i = 1; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kind, kinds[i]) == 0)
      kind_index = i;

  self->loading = TRUE;
  adw_combo_row_set_selected (self->kind_row, kind_index);
  gtk_editable_set_text (GTK_EDITABLE (self->url_row), url != NULL ? url : "");
  gtk_editable_set_text (GTK_EDITABLE (self->remote_blog_row),
                         remote_blog_id != NULL && g_strcmp0 (kind, "liveline") == 0
                           ? remote_blog_id : liveline_blog_get_slug (self->blog));
  gtk_editable_set_text (GTK_EDITABLE (self->username_row), username != NULL ? username : "");
  self->loading = FALSE;
  fill_categories (self, NULL, g_strcmp0 (kind, "wordpress") == 0 ? remote_blog_id : NULL);
  update_rows (self);

  /* The site's categories, asked with the password the keyring has. */
  if (g_strcmp0 (kind, "wordpress") == 0)
    list_categories (self, NULL);

  /* Translators: %s is the name of a live blog */
  description = g_strdup_printf (_("Where “%s” publishes its updates. Tokens and passwords are "
                                   "kept in the keyring; leave the field empty to keep the one "
                                   "saved before."),
                                 liveline_blog_get_name (self->blog));
  adw_preferences_group_set_description (self->destination_group, description);
  update_actions (self);
}

static void
liveline_destination_page_constructed (GObject *object)
{
  LivelineDestinationPage *self = (LivelineDestinationPage *)object;

  G_OBJECT_CLASS (liveline_destination_page_parent_class)->constructed (object);

  load_destination (self);
}

static void
liveline_destination_page_dispose (GObject *object)
{
  LivelineDestinationPage *self = (LivelineDestinationPage *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->categories_cancellable);
  g_clear_object (&self->categories_cancellable);
  g_clear_pointer (&self->category_ids, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), LIVELINE_TYPE_DESTINATION_PAGE);

  g_clear_object (&self->session);
  g_clear_object (&self->blog);

  G_OBJECT_CLASS (liveline_destination_page_parent_class)->dispose (object);
}

static void
liveline_destination_page_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  LivelineDestinationPage *self = LIVELINE_DESTINATION_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

    case PROP_BLOG:
      self->blog = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liveline_destination_page_class_init (LivelineDestinationPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = liveline_destination_page_constructed;
  object_class->dispose = liveline_destination_page_dispose;
  object_class->set_property = liveline_destination_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         LIVELINE_TYPE_SESSION,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_BLOG] =
    g_param_spec_object ("blog", NULL, NULL,
                         LIVELINE_TYPE_BLOG,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/liveline-destination-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LivelineDestinationPage, destination_group);
  gtk_widget_class_bind_template_child (widget_class, LivelineDestinationPage, kind_row);
  gtk_widget_class_bind_template_child (widget_class, LivelineDestinationPage, url_row);
  gtk_widget_class_bind_template_child (widget_class, LivelineDestinationPage, remote_blog_row);
  gtk_widget_class_bind_template_child (widget_class, LivelineDestinationPage, username_row);
  gtk_widget_class_bind_template_child (widget_class, LivelineDestinationPage, category_row);
  gtk_widget_class_bind_template_child (widget_class, LivelineDestinationPage, category_names);
  gtk_widget_class_bind_template_child (widget_class, LivelineDestinationPage, token_row);
  gtk_widget_class_bind_template_child (widget_class, LivelineDestinationPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, LivelineDestinationPage, result_label);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);

  gtk_widget_class_install_action (widget_class, "destination.test", NULL, test_action);
  gtk_widget_class_install_action (widget_class, "destination.save", NULL, save_action);
}

static void
liveline_destination_page_init (LivelineDestinationPage *self)
{
  self->category_ids = g_ptr_array_new_with_free_func (g_free);
  self->loading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->loading = FALSE;
}

/**
 * liveline_destination_page_new:
 * @session: the application's #LivelineSession
 * @blog: the live blog whose destination the page sets
 *
 * Returns: (transfer floating): a new page for the Preferences window
 */
LivelineDestinationPage *
liveline_destination_page_new (LivelineSession *session,
                               LivelineBlog    *blog)
{
  g_return_val_if_fail (LIVELINE_IS_SESSION (session), NULL);
  g_return_val_if_fail (LIVELINE_IS_BLOG (blog), NULL);

  return g_object_new (LIVELINE_TYPE_DESTINATION_PAGE,
                       "session", session,
                       "blog", blog,
                       NULL);
}
