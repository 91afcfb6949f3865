/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <libsoup/soup.h>

#include "liveline-publisher.h"

G_BEGIN_DECLS

/* How long one operation may take from start to end, all of its requests
 * together: a 20 MB photo on a slow link. */
#define LIVELINE_WORDPRESS_PUBLISHER_REQUEST_DEADLINE_S 300

/**
 * LivelineWordpressCategory:
 * @id: the category's id on the site, as decimal text
 * @name: its name, as the site shows it
 *
 * A category of a WordPress site, for Preferences to offer.
 */
typedef struct
{
  char *id;
  char *name;
} LivelineWordpressCategory;

#define LIVELINE_TYPE_WORDPRESS_CATEGORY  (liveline_wordpress_category_get_type ())
#define LIVELINE_TYPE_WORDPRESS_PUBLISHER (liveline_wordpress_publisher_get_type ())

G_DECLARE_FINAL_TYPE (LivelineWordpressPublisher, liveline_wordpress_publisher, LIVELINE, WORDPRESS_PUBLISHER, GObject)

GType                       liveline_wordpress_category_get_type                (void) G_GNUC_CONST;
LivelineWordpressCategory  *liveline_wordpress_category_copy                    (const LivelineWordpressCategory *category);
void                        liveline_wordpress_category_free                    (LivelineWordpressCategory       *category);

LivelineWordpressPublisher *liveline_wordpress_publisher_new                    (SoupSession                *session,
                                                                                 const char                 *site_url,
                                                                                 const char                 *username,
                                                                                 const char                 *application_password,
                                                                                 const char                 *category_id,
                                                                                 const char                 *category_name);
void                        liveline_wordpress_publisher_set_delete_permanently (LivelineWordpressPublisher *self,
                                                                                 gboolean                    delete_permanently);
void                        liveline_wordpress_publisher_set_request_deadline   (LivelineWordpressPublisher *self,
                                                                                 guint                       seconds);
void                        liveline_wordpress_publisher_list_categories_async  (LivelineWordpressPublisher *self,
                                                                                 GCancellable               *cancellable,
                                                                                 GAsyncReadyCallback         callback,
                                                                                 gpointer                    user_data);
GPtrArray                  *liveline_wordpress_publisher_list_categories_finish (LivelineWordpressPublisher *self,
                                                                                 GAsyncResult               *result,
                                                                                 GError                    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LivelineWordpressCategory, liveline_wordpress_category_free)

G_END_DECLS
