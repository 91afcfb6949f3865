/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LIVELINE_SETTINGS_KEY_WINDOW_WIDTH     "window-width"
#define LIVELINE_SETTINGS_KEY_WINDOW_HEIGHT    "window-height"
#define LIVELINE_SETTINGS_KEY_WINDOW_MAXIMIZED "window-maximized"
#define LIVELINE_SETTINGS_KEY_MAX_IMAGE_SIZE   "max-image-size"
#define LIVELINE_SETTINGS_KEY_LAST_BLOG        "last-blog"
#define LIVELINE_SETTINGS_KEY_LAST_POST        "last-post"
#define LIVELINE_SETTINGS_KEY_DELETE_PERMANENTLY "delete-permanently"

#define LIVELINE_TYPE_SETTINGS (liveline_settings_get_type ())

G_DECLARE_FINAL_TYPE (LivelineSettings, liveline_settings, LIVELINE, SETTINGS, GObject)

LivelineSettings *liveline_settings_new                  (const char       *schema_id);
void              liveline_settings_get_window_size      (LivelineSettings *self,
                                                          int              *width,
                                                          int              *height);
void              liveline_settings_set_window_size      (LivelineSettings *self,
                                                          int               width,
                                                          int               height);
gboolean          liveline_settings_get_window_maximized (LivelineSettings *self);
void              liveline_settings_set_window_maximized (LivelineSettings *self,
                                                          gboolean          maximized);
guint             liveline_settings_get_max_image_size   (LivelineSettings *self);
void              liveline_settings_get_last_opened      (LivelineSettings *self,
                                                          gint64           *blog_id,
                                                          gint64           *post_id);
void              liveline_settings_set_last_opened      (LivelineSettings *self,
                                                          gint64            blog_id,
                                                          gint64            post_id);
void              liveline_settings_bind                 (LivelineSettings *self,
                                                          const char       *key,
                                                          gpointer          object,
                                                          const char       *property,
                                                          GSettingsBindFlags flags);

G_END_DECLS
