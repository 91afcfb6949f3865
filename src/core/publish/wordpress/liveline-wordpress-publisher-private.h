/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "liveline-answer.h"
#include "liveline-request-guard.h"
#include "liveline-wordpress-publisher.h"

G_BEGIN_DECLS

struct _LivelineWordpressPublisher
{
  GObject      parent_instance;

  SoupSession *session;
  char        *site_url;
  char        *username;
  /* "Basic …", made once from the user name and the Application Password;
   * the password itself is only kept until then. */
  char        *authorization;
  char        *password;
  char        *category_id;
  char        *category_name;
  gboolean     delete_permanently;
  guint        request_deadline;

  /* Why site_url is not acceptable, NULL when it is. */
  GError      *url_error;

  /* Found once and kept: where the REST API is, and the category found or
   * made by name. */
  char        *rest_root;
  char        *found_category_id;
};

/* The state of one operation of the publisher, which may take several
 * requests: the task data of its GTask. Each operation uses the fields
 * it needs.
 */
typedef struct
{
  /* Its cancellable, cancelled by the caller's or by the deadline, goes
   * with every request of the operation. */
  LivelineRequestGuard guard;

  LivelinePost *post;
  char         *remote_id;
  char         *media_id;
  char         *slug;
  char         *category_id;
  char         *photo_url;
  char         *path;
  char         *content_type;
  char         *filename;
  JsonObject   *answer;
  GPtrArray    *categories;
  guint         page;

  /* What comes after the steps that create and update share. */
  void        (*next_step) (GTask *task);
} Job;

/* Jobs (liveline-wordpress-publisher-http.c) */
GTask        *_liveline_wordpress_publisher_new_job          (LivelineWordpressPublisher  *self,
                                                              GCancellable                *cancellable,
                                                              GAsyncReadyCallback          callback,
                                                              gpointer                     user_data,
                                                              gpointer                     source_tag);
void          _liveline_wordpress_publisher_fail             (GTask                       *task,
                                                              GError                      *error);

/* Requests to the REST API; @route is relative to its root, with its own
 * query if any, such as `wp/v2/posts?slug=liveline-…`. */
void          _liveline_wordpress_publisher_call_async       (LivelineWordpressPublisher  *self,
                                                              const char                  *method,
                                                              const char                  *route,
                                                              JsonNode                    *body,
                                                              GCancellable                *cancellable,
                                                              GAsyncReadyCallback          callback,
                                                              gpointer                     user_data);
void          _liveline_wordpress_publisher_upload_async     (LivelineWordpressPublisher  *self,
                                                              const char                  *route,
                                                              GBytes                      *bytes,
                                                              const char                  *content_type,
                                                              const char                  *filename,
                                                              GCancellable                *cancellable,
                                                              GAsyncReadyCallback          callback,
                                                              gpointer                     user_data);
JsonNode     *_liveline_wordpress_publisher_call_finish      (LivelineWordpressPublisher  *self,
                                                              GAsyncResult                *result,
                                                              JsonObject                 **problem,
                                                              GError                     **error);
GError       *_liveline_wordpress_error_from_status          (SoupMessage                 *message,
                                                              JsonObject                  *problem);
GError       *_liveline_wordpress_unreachable                (GError                      *error);

/* Where the REST API is (liveline-wordpress-publisher-api.c) */
void          _liveline_wordpress_publisher_find_api_async   (LivelineWordpressPublisher  *self,
                                                              GCancellable                *cancellable,
                                                              GAsyncReadyCallback          callback,
                                                              gpointer                     user_data);
gboolean      _liveline_wordpress_publisher_find_api_finish  (LivelineWordpressPublisher  *self,
                                                              GAsyncResult                *result,
                                                              GError                     **error);
char         *_liveline_wordpress_find_link                  (const char                  *header,
                                                              const char                  *relation);
char         *_liveline_wordpress_build_url                  (const char                  *root,
                                                              const char                  *route);

/* Reading answers and writing requests */
const char   *_liveline_wordpress_get_string                 (JsonObject                  *object,
                                                              const char                  *name);
gint64        _liveline_wordpress_get_id                     (JsonObject                  *object,
                                                              const char                  *name);
gboolean      _liveline_wordpress_parse_id                   (const char                  *text,
                                                              gint64                      *id);
char         *_liveline_wordpress_escape_text                (const char                  *text);
GError       *_liveline_wordpress_unreadable_answer          (void);

/* Slugs, and what a lost answer left behind (liveline-wordpress-publisher-slug.c) */
char         *_liveline_wordpress_slug_for                   (const char                  *key);
void          _liveline_wordpress_publisher_find_slug_async  (LivelineWordpressPublisher  *self,
                                                              const char                  *collection,
                                                              const char                  *slug,
                                                              GCancellable                *cancellable,
                                                              GAsyncReadyCallback          callback,
                                                              gpointer                     user_data);
JsonObject   *_liveline_wordpress_publisher_find_slug_finish (LivelineWordpressPublisher  *self,
                                                              GAsyncResult                *result,
                                                              GError                     **error);

/* Categories (liveline-wordpress-publisher-categories.c) */
void          _liveline_wordpress_publisher_category_async   (LivelineWordpressPublisher  *self,
                                                              GCancellable                *cancellable,
                                                              GAsyncReadyCallback          callback,
                                                              gpointer                     user_data);
char         *_liveline_wordpress_publisher_category_finish  (LivelineWordpressPublisher  *self,
                                                              GAsyncResult                *result,
                                                              GError                     **error);

/* Photos (liveline-wordpress-publisher-media.c) */
void          _liveline_wordpress_publisher_upload_media_async  (LivelinePublisher        *publisher,
                                                                 const char               *path,
                                                                 const char               *content_type,
                                                                 const char               *filename,
                                                                 const char               *idempotency_key,
                                                                 GCancellable             *cancellable,
                                                                 GAsyncReadyCallback       callback,
                                                                 gpointer                  user_data);
LivelineRemoteMedia *_liveline_wordpress_publisher_upload_media_finish (LivelinePublisher *publisher,
                                                                        GAsyncResult      *result,
                                                                        GError           **error);
void          _liveline_wordpress_publisher_describe_photo_async  (LivelineWordpressPublisher *self,
                                                                   LivelinePost               *post,
                                                                   const char                 *media_id,
                                                                   const char                 *post_id,
                                                                   GCancellable               *cancellable,
                                                                   GAsyncReadyCallback         callback,
                                                                   gpointer                    user_data);
char         *_liveline_wordpress_publisher_describe_photo_finish (LivelineWordpressPublisher *self,
                                                                   GAsyncResult               *result,
                                                                   GError                    **error);
void          _liveline_wordpress_publisher_attach_photo_async    (LivelineWordpressPublisher *self,
                                                                   JsonObject                 *post,
                                                                   GCancellable               *cancellable,
                                                                   GAsyncReadyCallback         callback,
                                                                   gpointer                    user_data);
gboolean      _liveline_wordpress_publisher_attach_photo_finish   (LivelineWordpressPublisher *self,
                                                                   GAsyncResult               *result,
                                                                   GError                    **error);

/* Posts (liveline-wordpress-publisher-posts.c) */
void          _liveline_wordpress_publisher_posts_iface_init (LivelinePublisherInterface  *iface);

G_END_DECLS
