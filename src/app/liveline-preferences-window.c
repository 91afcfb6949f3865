/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-preferences-window"

#include "config.h"

#include "liveline-destination-page.h"
#include "liveline-preferences-window.h"

struct _LivelinePreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  LivelineSettings     *settings;
  LivelineSession      *session;
  LivelineBlog         *blog;
  GtkWidget            *destination_page;

  /* Template widgets */
  GtkSpinButton        *max_image_size;
  GtkSwitch            *delete_permanently;
};

G_DEFINE_FINAL_TYPE (LivelinePreferencesWindow, liveline_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_SESSION,
  PROP_BLOG,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
liveline_preferences_window_constructed (GObject *object)
{
  LivelinePreferencesWindow *self = (LivelinePreferencesWindow *)object;

  G_OBJECT_CLASS (liveline_preferences_window_parent_class)->constructed (object);

  liveline_settings_bind (self->settings, LIVELINE_SETTINGS_KEY_MAX_IMAGE_SIZE,
                          self->max_image_size, "value",
                          G_SETTINGS_BIND_DEFAULT);
  liveline_settings_bind (self->settings, LIVELINE_SETTINGS_KEY_DELETE_PERMANENTLY,
                          self->delete_permanently, "active",
                          G_SETTINGS_BIND_DEFAULT);

  /* Where the open live blog publishes, when there is one. */
  if (self->session != NULL && self->blog != NULL)
    {
      self->destination_page = GTK_WIDGET (liveline_destination_page_new (self->session, self->blog));
      adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                                  ADW_PREFERENCES_PAGE (self->destination_page));
    }
}

static void
liveline_preferences_window_dispose (GObject *object)
{
  LivelinePreferencesWindow *self = (LivelinePreferencesWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), LIVELINE_TYPE_PREFERENCES_WINDOW);

  g_clear_object (&self->settings);
  g_clear_object (&self->session);
  g_clear_object (&self->blog);

  G_OBJECT_CLASS (liveline_preferences_window_parent_class)->dispose (object);
}

static void
liveline_preferences_window_set_property (GObject      *object,
                                          guint         prop_id,
                                          const GValue *value,
                                          GParamSpec   *pspec)
{
  LivelinePreferencesWindow *self = LIVELINE_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

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
liveline_preferences_window_class_init (LivelinePreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = liveline_preferences_window_constructed;
  object_class->dispose = liveline_preferences_window_dispose;
  object_class->set_property = liveline_preferences_window_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         LIVELINE_TYPE_SETTINGS,
                         (G_PARAM_WRITABLE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         LIVELINE_TYPE_SESSION,
                         (G_PARAM_WRITABLE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_BLOG] =
    g_param_spec_object ("blog", NULL, NULL,
                         LIVELINE_TYPE_BLOG,
                         (G_PARAM_WRITABLE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/liveline-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LivelinePreferencesWindow, max_image_size);
  gtk_widget_class_bind_template_child (widget_class, LivelinePreferencesWindow, delete_permanently);
}

static void
liveline_preferences_window_init (LivelinePreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * liveline_preferences_window_new:
 * @settings: the application's #LivelineSettings
 * @session: (nullable): the application's #LivelineSession
 * @blog: (nullable): the open live blog, whose destination can be set
 *
 * Returns: (transfer floating): a new Preferences window
 */
LivelinePreferencesWindow *
liveline_preferences_window_new (LivelineSettings *settings,
                                 LivelineSession  *session,
                                 LivelineBlog     *blog)
{
  g_return_val_if_fail (LIVELINE_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (!session || LIVELINE_IS_SESSION (session), NULL);
  g_return_val_if_fail (!blog || LIVELINE_IS_BLOG (blog), NULL);

  return g_object_new (LIVELINE_TYPE_PREFERENCES_WINDOW,
                       "settings", settings,
                       "session", session,
                       "blog", blog,
                       NULL);
}

/**
 * liveline_preferences_window_show_destination:
 * @self: a #LivelinePreferencesWindow
 *
 * Turns to the page where the open live blog's destination is set, if
 * there is one.
 */
void
liveline_preferences_window_show_destination (LivelinePreferencesWindow *self)
{
  g_return_if_fail (LIVELINE_IS_PREFERENCES_WINDOW (self));

  if (self->destination_page != NULL)
    adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (self),
                                             ADW_PREFERENCES_PAGE (self->destination_page));
}
