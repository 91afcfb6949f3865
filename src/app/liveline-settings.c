/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-settings"

#include "config.h"

#include "liveline-settings.h"

/* A typed front to the application's GSettings, so key names and types are
 * written in one place only.
 */
struct _LivelineSettings
{
  GObject    parent_instance;

  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (LivelineSettings, liveline_settings, G_TYPE_OBJECT)

static void
liveline_settings_finalize (GObject *object)
{
  LivelineSettings *self = (LivelineSettings *)object;

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (liveline_settings_parent_class)->finalize (object);
}

static void
liveline_settings_class_init (LivelineSettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = liveline_settings_finalize;
}

static void
liveline_settings_init (LivelineSettings *self)
{
}

/**
 * liveline_settings_new:
 * @schema_id: the schema, which is the application id
 *
 * Returns: (transfer full): a new #LivelineSettings
 */
LivelineSettings *
liveline_settings_new (const char *schema_id)
{
  LivelineSettings *self;

  g_return_val_if_fail (schema_id != NULL, NULL);

  self = g_object_new (LIVELINE_TYPE_SETTINGS, NULL);
  self->settings = g_settings_new (schema_id);

  return self;
}

void
liveline_settings_get_window_size (LivelineSettings *self,
                                   int              *width,
                                   int              *height)
{
  g_return_if_fail (LIVELINE_IS_SETTINGS (self));
  g_return_if_fail (width != NULL);
  g_return_if_fail (height != NULL);

  *width = g_settings_get_int (self->settings, LIVELINE_SETTINGS_KEY_WINDOW_WIDTH);
  *height = g_settings_get_int (self->settings, LIVELINE_SETTINGS_KEY_WINDOW_HEIGHT);
}

void
liveline_settings_set_window_size (LivelineSettings *self,
                                   int               width,
                                   int               height)
{
  g_return_if_fail (LIVELINE_IS_SETTINGS (self));

  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, LIVELINE_SETTINGS_KEY_WINDOW_WIDTH, width);
  g_settings_set_int (self->settings, LIVELINE_SETTINGS_KEY_WINDOW_HEIGHT, height);
  g_settings_apply (self->settings);
}

gboolean
liveline_settings_get_window_maximized (LivelineSettings *self)
{
  g_return_val_if_fail (LIVELINE_IS_SETTINGS (self), FALSE);

  return g_settings_get_boolean (self->settings, LIVELINE_SETTINGS_KEY_WINDOW_MAXIMIZED);
}

void
liveline_settings_set_window_maximized (LivelineSettings *self,
                                        gboolean          maximized)
{
  g_return_if_fail (LIVELINE_IS_SETTINGS (self));

  g_settings_set_boolean (self->settings, LIVELINE_SETTINGS_KEY_WINDOW_MAXIMIZED, maximized);
}

/**
 * liveline_settings_get_max_image_size:
 * @self: a #LivelineSettings
 *
 * Returns: the longest side, in pixels, a stored photo may have
 */
guint
liveline_settings_get_max_image_size (LivelineSettings *self)
{
  g_return_val_if_fail (LIVELINE_IS_SETTINGS (self), 0);

  return g_settings_get_uint (self->settings, LIVELINE_SETTINGS_KEY_MAX_IMAGE_SIZE);
}

/**
 * liveline_settings_get_last_opened:
 * @self: a #LivelineSettings
 * @blog_id: (out): the live blog open when Liveline last closed, or 0
 * @post_id: (out): the update open then, or 0
 */
void
liveline_settings_get_last_opened (LivelineSettings *self,
                                   gint64           *blog_id,
                                   gint64           *post_id)
{
  g_return_if_fail (LIVELINE_IS_SETTINGS (self));
  g_return_if_fail (blog_id != NULL);
  g_return_if_fail (post_id != NULL);

  *blog_id = g_settings_get_int64 (self->settings, LIVELINE_SETTINGS_KEY_LAST_BLOG);
  *post_id = g_settings_get_int64 (self->settings, LIVELINE_SETTINGS_KEY_LAST_POST);
}

void
liveline_settings_set_last_opened (LivelineSettings *self,
                                   gint64            blog_id,
                                   gint64            post_id)
{
  g_return_if_fail (LIVELINE_IS_SETTINGS (self));

  g_settings_delay (self->settings);
  g_settings_set_int64 (self->settings, LIVELINE_SETTINGS_KEY_LAST_BLOG, blog_id);
  g_settings_set_int64 (self->settings, LIVELINE_SETTINGS_KEY_LAST_POST, post_id);
  g_settings_apply (self->settings);
}

/**
 * liveline_settings_bind:
 * @self: a #LivelineSettings
 * @key: one of the `LIVELINE_SETTINGS_KEY_` names
 * @object: (type GObject): the object to bind
 * @property: the property of @object to bind
 * @flags: #GSettingsBindFlags
 *
 * Binds @key to @property of @object, as g_settings_bind() does.
 */
void
liveline_settings_bind (LivelineSettings   *self,
                        const char         *key,
                        gpointer            object,
                        const char         *property,
                        GSettingsBindFlags  flags)
{
  g_return_if_fail (LIVELINE_IS_SETTINGS (self));
  g_return_if_fail (key != NULL);
  g_return_if_fail (G_IS_OBJECT (object));
  g_return_if_fail (property != NULL);

  g_settings_bind (self->settings, key, object, property, flags);
}
