/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "liveline-answer.h"
#include "liveline-micropub-publisher.h"

G_BEGIN_DECLS

struct _LivelineMicropubPublisher
{
  GObject      parent_instance;

  SoupSession *session;
  char        *url;
  char        *token;
  guint        request_deadline;

  /* Why url is not acceptable, NULL when it is. */
  GError      *url_error;

  /* What discovery found, once: see liveline-micropub-publisher-discovery.c */
  gboolean     discovered;
  char        *endpoint;
  char        *site;
  char        *media_endpoint;
  /* Whether q=config was asked for the media endpoint (and answered). */
  gboolean     config_asked;
};

/* What a q=source question learnt of a post. */
typedef enum
{
  SOURCE_FOUND,
  /* 404 or 410: the server has no post at that address. */
  SOURCE_MISSING,
  /* Another refusal: the server cannot answer q=source, or not for it. */
  SOURCE_UNANSWERED,
} SourceAnswer;

/* liveline-micropub-publisher-http.c */

SoupMessage        *_liveline_micropub_publisher_new_message        (LivelineMicropubPublisher  *self,
                                                                     const char                 *method,
                                                                     const char                 *url,
                                                                     gboolean                    with_token,
                                                                     GError                    **error);
SoupMessage        *_liveline_micropub_publisher_new_query          (LivelineMicropubPublisher  *self,
                                                                     const char                 *query,
                                                                     const char                 *post_url,
                                                                     GError                    **error);
SoupMessage        *_liveline_micropub_publisher_new_json_post      (LivelineMicropubPublisher  *self,
                                                                     JsonNode                   *body,
                                                                     GError                    **error);
void                _liveline_micropub_publisher_send_kind_async    (LivelineMicropubPublisher  *self,
                                                                     SoupMessage                *message,
                                                                     LivelineAnswerKind          kind,
                                                                     GCancellable               *cancellable,
                                                                     GAsyncReadyCallback         callback,
                                                                     gpointer                    user_data);
void                _liveline_micropub_publisher_send_async         (LivelineMicropubPublisher  *self,
                                                                     SoupMessage                *message,
                                                                     GCancellable               *cancellable,
                                                                     GAsyncReadyCallback         callback,
                                                                     gpointer                    user_data);
GBytes             *_liveline_micropub_publisher_send_finish        (LivelineMicropubPublisher  *self,
                                                                     GAsyncResult               *result,
                                                                     GError                    **error);
GError             *_liveline_micropub_publisher_error_from_status  (SoupMessage                *message,
                                                                     GBytes                     *body);
GError             *_liveline_micropub_publisher_unreadable_answer  (void);
char               *_liveline_micropub_publisher_dup_location       (SoupMessage                *message);
GDateTime          *_liveline_micropub_publisher_dup_answer_date    (SoupMessage                *message);
JsonObject         *_liveline_micropub_publisher_parse_object       (GBytes                     *body,
                                                                     LivelineAnswerKind          kind,
                                                                     GError                    **error);
const char         *_liveline_micropub_publisher_get_string         (JsonObject                 *object,
                                                                     const char                 *name);

char               *_liveline_micropub_publisher_slug               (LivelinePost               *post);
JsonObject         *_liveline_micropub_publisher_post_properties    (LivelinePost               *post,
                                                                     const char                 *photo_url);
JsonNode           *_liveline_micropub_publisher_entry              (JsonObject                 *properties);
JsonNode           *_liveline_micropub_publisher_action             (const char                 *action,
                                                                     const char                 *post_url,
                                                                     const char                 *operation,
                                                                     JsonNode                   *value);

/* liveline-micropub-publisher-discovery.c */

void                _liveline_micropub_publisher_discover_async     (LivelineMicropubPublisher  *self,
                                                                     gboolean                    with_media,
                                                                     GCancellable               *cancellable,
                                                                     GAsyncReadyCallback         callback,
                                                                     gpointer                    user_data);
gboolean            _liveline_micropub_publisher_discover_finish    (LivelineMicropubPublisher  *self,
                                                                     GAsyncResult               *result,
                                                                     GError                    **error);
void                _liveline_micropub_publisher_remember_config    (LivelineMicropubPublisher  *self,
                                                                     JsonObject                 *config);

/* liveline-micropub-publisher-source.c */

void                _liveline_micropub_publisher_fetch_source_async (LivelineMicropubPublisher  *self,
                                                                     const char                 *post_url,
                                                                     GCancellable               *cancellable,
                                                                     GAsyncReadyCallback         callback,
                                                                     gpointer                    user_data);
JsonObject         *_liveline_micropub_publisher_fetch_source_finish (LivelineMicropubPublisher *self,
                                                                      GAsyncResult              *result,
                                                                      SourceAnswer              *answer,
                                                                      GError                   **error);
void                _liveline_micropub_publisher_find_post_async    (LivelineMicropubPublisher  *self,
                                                                     LivelinePost               *post,
                                                                     GCancellable               *cancellable,
                                                                     GAsyncReadyCallback         callback,
                                                                     gpointer                    user_data);
LivelineRemotePost *_liveline_micropub_publisher_find_post_finish   (LivelineMicropubPublisher  *self,
                                                                     GAsyncResult               *result,
                                                                     GError                    **error);
gboolean            _liveline_micropub_publisher_is_deleted         (JsonObject                 *properties);
GDateTime          *_liveline_micropub_publisher_dup_published      (JsonObject                 *properties);

/* liveline-micropub-publisher-update.c */

void                _liveline_micropub_publisher_update_post_async  (LivelineMicropubPublisher  *self,
                                                                     LivelinePost               *post,
                                                                     const char                 *post_url,
                                                                     const char                 *photo_url,
                                                                     GCancellable               *cancellable,
                                                                     GAsyncReadyCallback         callback,
                                                                     gpointer                    user_data);
LivelineRemotePost *_liveline_micropub_publisher_update_post_finish (LivelineMicropubPublisher  *self,
                                                                     GAsyncResult               *result,
                                                                     GError                    **error);

/* liveline-micropub-publisher-media.c */

void                 _liveline_micropub_publisher_upload_media_async  (LivelinePublisher    *publisher,
                                                                       const char           *path,
                                                                       const char           *content_type,
                                                                       const char           *filename,
                                                                       const char           *idempotency_key,
                                                                       GCancellable         *cancellable,
                                                                       GAsyncReadyCallback   callback,
                                                                       gpointer              user_data);
LivelineRemoteMedia *_liveline_micropub_publisher_upload_media_finish (LivelinePublisher    *publisher,
                                                                       GAsyncResult         *result,
                                                                       GError              **error);

/* liveline-micropub-publisher-delete.c */

void                 _liveline_micropub_publisher_delete_async        (LivelinePublisher    *publisher,
                                                                       const char           *remote_id,
                                                                       const char           *idempotency_key,
                                                                       GCancellable         *cancellable,
                                                                       GAsyncReadyCallback   callback,
                                                                       gpointer              user_data);
gboolean             _liveline_micropub_publisher_delete_finish       (LivelinePublisher    *publisher,
                                                                       GAsyncResult         *result,
                                                                       GError              **error);

G_END_DECLS
