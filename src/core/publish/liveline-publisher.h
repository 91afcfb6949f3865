/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <gio/gio.h>

#include "liveline-types.h"

G_BEGIN_DECLS

#define LIVELINE_PUBLISHER_ERROR (liveline_publisher_error_quark ())

/* The longest an endpoint's Retry-After can make an update wait, in
 * seconds: an hour. */
#define LIVELINE_PUBLISHER_MAX_RETRY_AFTER (60 * 60)

/**
 * LivelinePublisherError:
 * @LIVELINE_PUBLISHER_ERROR_TRANSIENT: the endpoint could not be reached or
 *   could not answer now (network error, timeout, 408, 429, 5xx, an answer
 *   that makes no sense); send the same request again later, with the same
 *   idempotency key. liveline_publisher_error_get_retry_after() says when,
 *   if the endpoint said.
 * @LIVELINE_PUBLISHER_ERROR_PERMANENT: the endpoint refused the request
 *   (another 4xx) or the destination is not allowed; sending it again as it
 *   is will not help. The message is the endpoint's own explanation when it
 *   gave one, in words a journalist can be shown.
 * @LIVELINE_PUBLISHER_ERROR_AUTH: the endpoint does not accept the
 *   credentials (401, 403); the user must fix them
 * @LIVELINE_PUBLISHER_ERROR_NOT_FOUND: the post to change or delete is not
 *   on the endpoint (404)
 *
 * How a request to a publishing endpoint failed, as the outbox acts on it.
 * A cancelled request fails with %G_IO_ERROR_CANCELLED instead.
 */
typedef enum
{
  LIVELINE_PUBLISHER_ERROR_TRANSIENT,
  LIVELINE_PUBLISHER_ERROR_PERMANENT,
  LIVELINE_PUBLISHER_ERROR_AUTH,
  LIVELINE_PUBLISHER_ERROR_NOT_FOUND,
} LivelinePublisherError;

/**
 * LivelineRemoteMedia:
 * @id: the endpoint's id of the uploaded file, what a post names it by
 * @url: where the public can see it
 * @width: its width in pixels, 0 when the endpoint did not say
 * @height: its height in pixels, 0 when the endpoint did not say
 *
 * A photo as the endpoint keeps it after an upload.
 */
typedef struct
{
  char  *id;
  char  *url;
  guint  width;
  guint  height;
} LivelineRemoteMedia;

/**
 * LivelineRemotePost:
 * @id: the endpoint's id of the post
 * @url: where the public can read it
 * @revision: 1 when first published, one more with each accepted update
 * @published_at: when the endpoint first published it
 * @updated_at: (nullable): when it was last changed, %NULL if never
 *
 * A post as the endpoint has it.
 */
typedef struct
{
  char      *id;
  char      *url;
  guint      revision;
  GDateTime *published_at;
  GDateTime *updated_at;
} LivelineRemotePost;

#define LIVELINE_TYPE_REMOTE_MEDIA (liveline_remote_media_get_type ())
#define LIVELINE_TYPE_REMOTE_POST  (liveline_remote_post_get_type ())
#define LIVELINE_TYPE_PUBLISHER    (liveline_publisher_get_type ())

G_DECLARE_INTERFACE (LivelinePublisher, liveline_publisher, LIVELINE, PUBLISHER, GObject)

struct _LivelinePublisherInterface
{
  GTypeInterface parent_iface;

  void                  (*upload_media_async)  (LivelinePublisher    *self,
                                                const char           *path,
                                                const char           *content_type,
                                                const char           *filename,
                                                const char           *idempotency_key,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
  LivelineRemoteMedia  *(*upload_media_finish) (LivelinePublisher    *self,
                                                GAsyncResult         *result,
                                                GError              **error);
  void                  (*create_async)        (LivelinePublisher    *self,
                                                LivelinePost         *post,
                                                const char           *media_id,
                                                const char           *idempotency_key,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
  LivelineRemotePost   *(*create_finish)       (LivelinePublisher    *self,
                                                GAsyncResult         *result,
                                                GError              **error);
  void                  (*update_async)        (LivelinePublisher    *self,
                                                LivelinePost         *post,
                                                const char           *remote_id,
                                                const char           *media_id,
                                                const char           *idempotency_key,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
  LivelineRemotePost   *(*update_finish)       (LivelinePublisher    *self,
                                                GAsyncResult         *result,
                                                GError              **error);
  void                  (*delete_async)        (LivelinePublisher    *self,
                                                const char           *remote_id,
                                                const char           *idempotency_key,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
  gboolean              (*delete_finish)       (LivelinePublisher    *self,
                                                GAsyncResult         *result,
                                                GError              **error);
  void                  (*find_by_key_async)   (LivelinePublisher    *self,
                                                LivelinePost         *post,
                                                const char           *idempotency_key,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
  LivelineRemotePost   *(*find_by_key_finish)  (LivelinePublisher    *self,
                                                GAsyncResult         *result,
                                                GError              **error);
  void                  (*check_async)         (LivelinePublisher    *self,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
  gboolean              (*check_finish)        (LivelinePublisher    *self,
                                                GAsyncResult         *result,
                                                GError              **error);
};

GQuark                liveline_publisher_error_quark           (void);
GError               *liveline_publisher_error_new_literal     (LivelinePublisherError   code,
                                                                guint                    retry_after,
                                                                const char              *message);
guint                 liveline_publisher_error_get_retry_after (const GError            *error);

GType                 liveline_remote_media_get_type           (void) G_GNUC_CONST;
LivelineRemoteMedia  *liveline_remote_media_copy               (const LivelineRemoteMedia *media);
void                  liveline_remote_media_free               (LivelineRemoteMedia     *media);
GType                 liveline_remote_post_get_type            (void) G_GNUC_CONST;
LivelineRemotePost   *liveline_remote_post_copy                (const LivelineRemotePost *post);
void                  liveline_remote_post_free                (LivelineRemotePost      *post);

void                  liveline_publisher_upload_media_async    (LivelinePublisher       *self,
                                                                const char              *path,
                                                                const char              *content_type,
                                                                const char              *filename,
                                                                const char              *idempotency_key,
                                                                GCancellable            *cancellable,
                                                                GAsyncReadyCallback      callback,
                                                                gpointer                 user_data);
LivelineRemoteMedia  *liveline_publisher_upload_media_finish   (LivelinePublisher       *self,
                                                                GAsyncResult            *result,
                                                                GError                 **error);
void                  liveline_publisher_create_async          (LivelinePublisher       *self,
                                                                LivelinePost            *post,
                                                                const char              *media_id,
                                                                const char              *idempotency_key,
                                                                GCancellable            *cancellable,
                                                                GAsyncReadyCallback      callback,
                                                                gpointer                 user_data);
LivelineRemotePost   *liveline_publisher_create_finish         (LivelinePublisher       *self,
                                                                GAsyncResult            *result,
                                                                GError                 **error);
void                  liveline_publisher_update_async          (LivelinePublisher       *self,
                                                                LivelinePost            *post,
                                                                const char              *remote_id,
                                                                const char              *media_id,
                                                                const char              *idempotency_key,
                                                                GCancellable            *cancellable,
                                                                GAsyncReadyCallback      callback,
                                                                gpointer                 user_data);
LivelineRemotePost   *liveline_publisher_update_finish         (LivelinePublisher       *self,
                                                                GAsyncResult            *result,
                                                                GError                 **error);
void                  liveline_publisher_delete_async          (LivelinePublisher       *self,
                                                                const char              *remote_id,
                                                                const char              *idempotency_key,
                                                                GCancellable            *cancellable,
                                                                GAsyncReadyCallback      callback,
                                                                gpointer                 user_data);
gboolean              liveline_publisher_delete_finish         (LivelinePublisher       *self,
                                                                GAsyncResult            *result,
                                                                GError                 **error);
void                  liveline_publisher_find_by_key_async     (LivelinePublisher       *self,
                                                                LivelinePost            *post,
                                                                const char              *idempotency_key,
                                                                GCancellable            *cancellable,
                                                                GAsyncReadyCallback      callback,
                                                                gpointer                 user_data);
LivelineRemotePost   *liveline_publisher_find_by_key_finish    (LivelinePublisher       *self,
                                                                GAsyncResult            *result,
                                                                GError                 **error);

void                  liveline_publisher_check_async           (LivelinePublisher       *self,
                                                                GCancellable            *cancellable,
                                                                GAsyncReadyCallback      callback,
                                                                gpointer                 user_data);
gboolean              liveline_publisher_check_finish          (LivelinePublisher       *self,
                                                                GAsyncResult            *result,
                                                                GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LivelineRemoteMedia, liveline_remote_media_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LivelineRemotePost, liveline_remote_post_free)

G_END_DECLS
