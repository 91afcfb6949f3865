/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-publisher"

#include "config.h"

#include "liveline-post.h"
#include "liveline-publisher.h"

/**
 * LivelinePublisher:
 *
 * What the outbox sends posts through: one implementation per kind of
 * destination (the Liveline JSON API, WordPress, Micropub).
 *
 * Every operation is an `_async`/`_finish` pair that takes a
 * #GCancellable. A failure is a %LIVELINE_PUBLISHER_ERROR, whose code tells
 * the outbox what to do next, whose message is what the journalist is shown,
 * and which carries the endpoint's Retry-After, if any (see
 * liveline_publisher_error_get_retry_after()); a cancelled operation fails
 * with %G_IO_ERROR_CANCELLED.
 *
 * Idempotency keys are made by the caller, one per post and operation, and
 * given again on every retry of it, so that a retry never publishes twice.
 */

G_DEFINE_INTERFACE (LivelinePublisher, liveline_publisher, G_TYPE_OBJECT)

/* The Retry-After travels inside the GError itself, so it survives
 * g_task_return_error(), g_propagate_error() and g_error_copy() on the way
 * to the outbox without a side table.
 */
typedef struct
{
  guint retry_after;
} LivelinePublisherErrorPrivate;

/* The private part is zeroed when it is made, which is all it needs. */
static void
liveline_publisher_error_private_init (LivelinePublisherErrorPrivate *priv)
{
}

static void
liveline_publisher_error_private_copy (const LivelinePublisherErrorPrivate *src,
                                       LivelinePublisherErrorPrivate       *dest)
{
  if (src != NULL && dest != NULL)
    dest->retry_after = src->retry_after;
}

static void
liveline_publisher_error_private_clear (LivelinePublisherErrorPrivate *priv)
{
}

G_DEFINE_EXTENDED_ERROR (LivelinePublisherError, liveline_publisher_error)

G_DEFINE_BOXED_TYPE (LivelineRemoteMedia, liveline_remote_media,
                     liveline_remote_media_copy, liveline_remote_media_free)
G_DEFINE_BOXED_TYPE (LivelineRemotePost, liveline_remote_post,
                     liveline_remote_post_copy, liveline_remote_post_free)

static void
liveline_publisher_default_init (LivelinePublisherInterface *iface)
{
}

/**
 * liveline_publisher_error_new_literal:
 * @code: how the request failed
 * @retry_after: in how many seconds the endpoint asked to be tried again,
 *   or 0 when it did not say; more than %LIVELINE_PUBLISHER_MAX_RETRY_AFTER
 *   is taken as that
 * @message: what the journalist is shown
 *
 * Makes a %LIVELINE_PUBLISHER_ERROR; for implementations of
 * #LivelinePublisher.
 *
 * Returns: (transfer full): the error
 */
GError *
liveline_publisher_error_new_literal (LivelinePublisherError  code,
                                      guint                   retry_after,
                                      const char             *message)
{
  LivelinePublisherErrorPrivate *priv;
  GError *error;

  g_return_val_if_fail (message != NULL, NULL);

  error = g_error_new_literal (LIVELINE_PUBLISHER_ERROR, code, message);
  priv = liveline_publisher_error_get_private (error);
  if (priv != NULL)
    priv->retry_after = MIN (retry_after, LIVELINE_PUBLISHER_MAX_RETRY_AFTER);

  return error;
}

/**
 * liveline_publisher_error_get_retry_after:
 * @error: (nullable): an error from a #LivelinePublisher
 *
 * Reads how long the endpoint asked the client to wait before trying again,
 * from its Retry-After header. The outbox waits that long instead of its own
 * backoff.
 *
 * Returns: seconds, or 0 when @error is not a %LIVELINE_PUBLISHER_ERROR or
 *   the endpoint did not say
 */
guint
liveline_publisher_error_get_retry_after (const GError *error)
{
  LivelinePublisherErrorPrivate *priv;

  if (error == NULL || error->domain != LIVELINE_PUBLISHER_ERROR)
    return 0;

  priv = liveline_publisher_error_get_private (error);

  return priv != NULL ? priv->retry_after : 0;
}

LivelineRemoteMedia *
liveline_remote_media_copy (const LivelineRemoteMedia *media)
{
  LivelineRemoteMedia *copy;

  g_return_val_if_fail (media != NULL, NULL);

  copy = g_new0 (LivelineRemoteMedia, 1);
  copy->id = g_strdup (media->id);
  copy->url = g_strdup (media->url);
  copy->width = media->width;
  copy->height = media->height;

  return copy;
}

void
liveline_remote_media_free (LivelineRemoteMedia *media)
{
  if (media == NULL)
    return;

  g_free (media->id);
  g_free (media->url);
  g_free (media);
}

LivelineRemotePost *
liveline_remote_post_copy (const LivelineRemotePost *post)
{
  LivelineRemotePost *copy;

  g_return_val_if_fail (post != NULL, NULL);

  copy = g_new0 (LivelineRemotePost, 1);
  copy->id = g_strdup (post->id);
  copy->url = g_strdup (post->url);
  copy->revision = post->revision;
  copy->published_at = post->published_at ? g_date_time_ref (post->published_at) : NULL;
  copy->updated_at = post->updated_at ? g_date_time_ref (post->updated_at) : NULL;

  return copy;
}

void
liveline_remote_post_free (LivelineRemotePost *post)
{
  if (post == NULL)
    return;

  g_free (post->id);
  g_free (post->url);
  g_clear_pointer (&post->published_at, g_date_time_unref);
  g_clear_pointer (&post->updated_at, g_date_time_unref);
  g_free (post);
}

/**
 * liveline_publisher_upload_media_async:
 * @self: a #LivelinePublisher
 * @path: the prepared image file to upload
 * @content_type: its type, `image/jpeg` or `image/png`
 * @filename: (nullable): the name the journalist knows it by, only for
 *   information
 * @idempotency_key: (nullable): the key of this upload, the same on retries
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the upload is done
 * @user_data: for @callback
 *
 * Uploads a photo, to be named by a post afterwards.
 */
void
liveline_publisher_upload_media_async (LivelinePublisher   *self,
                                       const char          *path,
                                       const char          *content_type,
                                       const char          *filename,
                                       const char          *idempotency_key,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (LIVELINE_IS_PUBLISHER (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (content_type != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  LIVELINE_PUBLISHER_GET_IFACE (self)->upload_media_async (self, path, content_type, filename,
                                                           idempotency_key, cancellable,
                                                           callback, user_data);
}

/**
 * liveline_publisher_upload_media_finish:
 * @self: a #LivelinePublisher
 * @result: the result given to the callback
 * @error: a location for a #GError
 *
 * Returns: (transfer full): the uploaded photo, or %NULL with @error set
 */
LivelineRemoteMedia *
liveline_publisher_upload_media_finish (LivelinePublisher  *self,
                                        GAsyncResult       *result,
                                        GError            **error)
{
  g_return_val_if_fail (LIVELINE_IS_PUBLISHER (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);

  return LIVELINE_PUBLISHER_GET_IFACE (self)->upload_media_finish (self, result, error);
}

/**
 * liveline_publisher_create_async:
 * @self: a #LivelinePublisher
 * @post: the post to publish
 * @media_id: (nullable): the id of its uploaded photo, from
 *   liveline_publisher_upload_media_finish()
 * @idempotency_key: the key of this operation, the same on retries
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when it is done
 * @user_data: for @callback
 *
 * Publishes a new post. Sent again with the same key after a lost answer,
 * it is published only once.
 */
void
liveline_publisher_create_async (LivelinePublisher   *self,
                                 LivelinePost        *post,
                                 const char          *media_id,
                                 const char          *idempotency_key,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (LIVELINE_IS_PUBLISHER (self));
  g_return_if_fail (LIVELINE_IS_POST (post));
  g_return_if_fail (idempotency_key != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  LIVELINE_PUBLISHER_GET_IFACE (self)->create_async (self, post, media_id, idempotency_key,
                                                     cancellable, callback, user_data);
}

/**
 * liveline_publisher_create_finish:
 * @self: a #LivelinePublisher
 * @result: the result given to the callback
 * @error: a location for a #GError
 *
 * Returns: (transfer full): the published post, or %NULL with @error set
 */
LivelineRemotePost *
liveline_publisher_create_finish (LivelinePublisher  *self,
                                  GAsyncResult       *result,
                                  GError            **error)
{
  g_return_val_if_fail (LIVELINE_IS_PUBLISHER (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);

  return LIVELINE_PUBLISHER_GET_IFACE (self)->create_finish (self, result, error);
}

/**
 * liveline_publisher_update_async:
 * @self: a #LivelinePublisher
 * @post: the post as it should now read
 * @remote_id: the endpoint's id of it
 * @media_id: (nullable): the id of its uploaded photo
 * @idempotency_key: the key of this operation, the same on retries
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when it is done
 * @user_data: for @callback
 *
 * Replaces a published post with @post: a correction.
 */
void
liveline_publisher_update_async (LivelinePublisher   *self,
                                 LivelinePost        *post,
                                 const char          *remote_id,
                                 const char          *media_id,
                                 const char          *idempotency_key,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (LIVELINE_IS_PUBLISHER (self));
  g_return_if_fail (LIVELINE_IS_POST (post));
  g_return_if_fail (remote_id != NULL);
  g_return_if_fail (idempotency_key != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  LIVELINE_PUBLISHER_GET_IFACE (self)->update_async (self, post, remote_id, media_id,
                                                     idempotency_key, cancellable,
                                                     callback, user_data);
}

/**
 * liveline_publisher_update_finish:
 * @self: a #LivelinePublisher
 * @result: the result given to the callback
 * @error: a location for a #GError
 *
 * Returns: (transfer full): the updated post, with its new revision and
 *   time of update, or %NULL with @error set
 */
LivelineRemotePost *
liveline_publisher_update_finish (LivelinePublisher  *self,
                                  GAsyncResult       *result,
                                  GError            **error)
{
  g_return_val_if_fail (LIVELINE_IS_PUBLISHER (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);

  return LIVELINE_PUBLISHER_GET_IFACE (self)->update_finish (self, result, error);
}

/**
 * liveline_publisher_delete_async:
 * @self: a #LivelinePublisher
 * @remote_id: the endpoint's id of the post
 * @idempotency_key: (nullable): the key of this operation
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when it is done
 * @user_data: for @callback
 *
 * Retracts a published post. Retracting it again succeeds again.
 */
void
liveline_publisher_delete_async (LivelinePublisher   *self,
                                 const char          *remote_id,
                                 const char          *idempotency_key,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (LIVELINE_IS_PUBLISHER (self));
  g_return_if_fail (remote_id != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  LIVELINE_PUBLISHER_GET_IFACE (self)->delete_async (self, remote_id, idempotency_key,
                                                     cancellable, callback, user_data);
}

/**
 * liveline_publisher_delete_finish:
 * @self: a #LivelinePublisher
 * @result: the result given to the callback
 * @error: a location for a #GError
 *
 * Returns: %TRUE when the post is off the site; %FALSE with @error set,
 *   %LIVELINE_PUBLISHER_ERROR_NOT_FOUND when the endpoint never had it
 */
gboolean
liveline_publisher_delete_finish (LivelinePublisher  *self,
                                  GAsyncResult       *result,
                                  GError            **error)
{
  g_return_val_if_fail (LIVELINE_IS_PUBLISHER (self), FALSE);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), FALSE);

  return LIVELINE_PUBLISHER_GET_IFACE (self)->delete_finish (self, result, error);
}

/**
 * liveline_publisher_find_by_key_async:
 * @self: a #LivelinePublisher
 * @post: the post the create or update was for
 * @idempotency_key: the key it was sent with
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when it is done
 * @user_data: for @callback
 *
 * Asks the endpoint which post a key made or last changed: what the outbox
 * asks after a crash while sending, before it decides to send again.
 * Endpoints without idempotency keys look the post up by what they keep of
 * it, such as a slug made from its UUID.
 */
void
liveline_publisher_find_by_key_async (LivelinePublisher   *self,
                                      LivelinePost        *post,
                                      const char          *idempotency_key,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (LIVELINE_IS_PUBLISHER (self));
  g_return_if_fail (LIVELINE_IS_POST (post));
  g_return_if_fail (idempotency_key != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  LIVELINE_PUBLISHER_GET_IFACE (self)->find_by_key_async (self, post, idempotency_key,
                                                          cancellable, callback, user_data);
}

/**
 * liveline_publisher_find_by_key_finish:
 * @self: a #LivelinePublisher
 * @result: the result given to the callback
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the post; %NULL without an error when
 *   the endpoint has no post for the key (it never got the request, or the
 *   post was deleted), and %NULL with @error set when it could not be asked
 */
LivelineRemotePost *
liveline_publisher_find_by_key_finish (LivelinePublisher  *self,
                                       GAsyncResult       *result,
                                       GError            **error)
{
  g_return_val_if_fail (LIVELINE_IS_PUBLISHER (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);

  return LIVELINE_PUBLISHER_GET_IFACE (self)->find_by_key_finish (self, result, error);
}

/**
 * liveline_publisher_check_async:
 * @self: a #LivelinePublisher
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when it is done
 * @user_data: for @callback
 *
 * Asks the endpoint, without changing anything there, whether it can be
 * reached and takes the credentials: "Test connection" in Preferences.
 */
void
liveline_publisher_check_async (LivelinePublisher   *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (LIVELINE_IS_PUBLISHER (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  LIVELINE_PUBLISHER_GET_IFACE (self)->check_async (self, cancellable, callback, user_data);
}

/**
 * liveline_publisher_check_finish:
 * @self: a #LivelinePublisher
 * @result: the result given to the callback
 * @error: a location for a #GError
 *
 * Returns: %TRUE when the endpoint answered and took the credentials; else
 *   @error says, in words, what the endpoint or the network said
 */
gboolean
liveline_publisher_check_finish (LivelinePublisher  *self,
                                 GAsyncResult       *result,
                                 GError            **error)
{
  g_return_val_if_fail (LIVELINE_IS_PUBLISHER (self), FALSE);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), FALSE);

  return LIVELINE_PUBLISHER_GET_IFACE (self)->check_finish (self, result, error);
}
