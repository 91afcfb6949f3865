/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-micropub-publisher"

#include "config.h"

#include "liveline-endpoint-url.h"
#include "liveline-micropub-publisher-private.h"
#include "liveline-post.h"

/**
 * LivelineMicropubPublisher:
 *
 * The client of a W3C Micropub server: a site (IndieWeb, static-site
 * endpoints, micro.blog and the like) that a live blog publishes to.
 *
 * It is given the site's address, whose page names the endpoints, or the
 * Micropub endpoint itself (see liveline-micropub-publisher-discovery.c),
 * and a bearer token. The outbox's operations become:
 *
 * - upload_media: the photo, as the `file` of a multipart form, to the
 *   media endpoint; its Location, the photo's address, is its id too
 *   (see liveline-micropub-publisher-media.c);
 * - create: an h-entry in JSON with `name`, `content` (the body and the
 *   photo's figure with caption and credit, as HTML), `photo` with its alt
 *   text, `mp-slug` (`liveline-` and the post's UUID) and `category`
 *   (`key-moment`, `pinned`) for what Liveline marks so, and no
 *   `published`: the server dates it as it takes it; its Location is the
 *   post's id and address;
 * - update: the difference from the post's q=source (see
 *   liveline-micropub-publisher-update.c);
 * - delete: the `delete` action; deleting a deleted post succeeds (see
 *   liveline-micropub-publisher-delete.c);
 * - find_by_key: Micropub has no idempotency keys, so a create is looked
 *   up by its slug (see liveline-micropub-publisher-source.c), and a create
 *   that the server refuses because the slug exists gives the post found
 *   there, when it is ours; an update is always sent again, which is safe;
 * - check: q=config with the token.
 *
 * Every address used, discovered ones too, must be `https://`, or `http://`
 * to this computer. The token goes only in the Authorization header of
 * requests to the endpoints, never through a redirect, and is never logged.
 * Each request may take liveline_micropub_publisher_set_request_deadline()
 * at most.
 */

enum {
  PROP_0,
  PROP_SESSION,
  PROP_URL,
  PROP_TOKEN,
  N_PROPS
};

static void liveline_micropub_publisher_iface_init (LivelinePublisherInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LivelineMicropubPublisher, liveline_micropub_publisher, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (LIVELINE_TYPE_PUBLISHER,
                                                      liveline_micropub_publisher_iface_init))

static GParamSpec *properties[N_PROPS];

static void
liveline_micropub_publisher_constructed (GObject *object)
{
  LivelineMicropubPublisher *self = LIVELINE_MICROPUB_PUBLISHER (object);

  G_OBJECT_CLASS (liveline_micropub_publisher_parent_class)->constructed (object);

  self->url_error = liveline_endpoint_url_check (self->url);
}

static void
liveline_micropub_publisher_dispose (GObject *object)
{
  LivelineMicropubPublisher *self = LIVELINE_MICROPUB_PUBLISHER (object);

  g_clear_object (&self->session);

  G_OBJECT_CLASS (liveline_micropub_publisher_parent_class)->dispose (object);
}

static void
liveline_micropub_publisher_finalize (GObject *object)
{
  LivelineMicropubPublisher *self = LIVELINE_MICROPUB_PUBLISHER (object);

  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->token, g_free);
  g_clear_pointer (&self->endpoint, g_free);
  g_clear_pointer (&self->site, g_free);
  g_clear_pointer (&self->media_endpoint, g_free);
  g_clear_error (&self->url_error);

  G_OBJECT_CLASS (liveline_micropub_publisher_parent_class)->finalize (object);
}

static void
liveline_micropub_publisher_get_property (GObject    *object,
                                          guint       prop_id,
                                          GValue     *value,
                                          GParamSpec *pspec)
{
  LivelineMicropubPublisher *self = LIVELINE_MICROPUB_PUBLISHER (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_URL:
      g_value_set_string (value, self->url);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liveline_micropub_publisher_set_property (GObject      *object,
                                          guint         prop_id,
                                          const GValue *value,
                                          GParamSpec   *pspec)
{
  LivelineMicropubPublisher *self = LIVELINE_MICROPUB_PUBLISHER (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

    case PROP_URL:
      self->url = g_value_dup_string (value);
      break;

    case PROP_TOKEN:
      self->token = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liveline_micropub_publisher_class_init (LivelineMicropubPublisherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = liveline_micropub_publisher_constructed;
  object_class->dispose = liveline_micropub_publisher_dispose;
  object_class->finalize = liveline_micropub_publisher_finalize;
  object_class->get_property = liveline_micropub_publisher_get_property;
  object_class->set_property = liveline_micropub_publisher_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         SOUP_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* Write-only, so that no property dump can show it. */
  properties[PROP_TOKEN] =
    g_param_spec_string ("token", NULL, NULL,
                         NULL,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liveline_micropub_publisher_init (LivelineMicropubPublisher *self)
{
  self->request_deadline = LIVELINE_MICROPUB_PUBLISHER_REQUEST_DEADLINE_S;
}

/* create */

typedef struct
{
  LivelinePost *post;
  JsonObject   *properties;
  SoupMessage  *message;
  /* The server's refusal, while the post is looked for. */
  GError       *refusal;
} Create;

static void
create_free (Create *create)
{
  g_clear_object (&create->post);
  g_clear_pointer (&create->properties, json_object_unref);
  g_clear_object (&create->message);
  g_clear_error (&create->refusal);
  g_free (create);
}

static void
on_found_after_refusal (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  LivelineMicropubPublisher *self = LIVELINE_MICROPUB_PUBLISHER (object);
  g_autoptr(GTask) task = user_data;
  Create *create = g_task_get_task_data (task);
  g_autoptr(LivelineRemotePost) remote = NULL;
  g_autoptr(GError) error = NULL;

  remote = _liveline_micropub_publisher_find_post_finish (self, result, &error);
  if (remote != NULL)
    g_task_return_pointer (task, g_steal_pointer (&remote), (GDestroyNotify)liveline_remote_post_free);
  else if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_error (task, g_steal_pointer (&create->refusal));
}

static void
on_created (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  LivelineMicropubPublisher *self = LIVELINE_MICROPUB_PUBLISHER (object);
  g_autoptr(GTask) task = user_data;
  Create *create = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *location = NULL;
  LivelineRemotePost *remote;
  guint status;

  if (!(body = _liveline_micropub_publisher_send_finish (self, result, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  status = soup_message_get_status (create->message);

  /* The slug may be taken by this very post, from a try whose answer was
   * lost: servers that refuse an existing slug answer 400 (or 409). */
  if (status == SOUP_STATUS_BAD_REQUEST || status == SOUP_STATUS_CONFLICT)
    {
      create->refusal = _liveline_micropub_publisher_error_from_status (create->message, body);
      _liveline_micropub_publisher_find_post_async (self, create->post, g_task_get_cancellable (task),
                                                    on_found_after_refusal, g_object_ref (task));
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_task_return_error (task, _liveline_micropub_publisher_error_from_status (create->message, body));
      return;
    }

  if (!(location = _liveline_micropub_publisher_dup_location (create->message)))
    {
      g_task_return_error (task, _liveline_micropub_publisher_unreadable_answer ());
      return;
    }

  remote = g_new0 (LivelineRemotePost, 1);
  remote->id = g_strdup (location);
  /* Kept only when it is safe to open: the post row opens it on a click. */
  if (liveline_uri_is_safe_to_open (location))
    remote->url = g_steal_pointer (&location);
  remote->revision = 1;
  /* Dated by the server as it took it: see _liveline_micropub_publisher_post_properties(). */
  remote->published_at = _liveline_micropub_publisher_dup_answer_date (create->message);
  g_task_return_pointer (task, remote, (GDestroyNotify)liveline_remote_post_free);
}

static void
on_discovered_for_create (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  LivelineMicropubPublisher *self = LIVELINE_MICROPUB_PUBLISHER (object);
  g_autoptr(GTask) task = user_data;
  Create *create = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) entry = NULL;

  if (!_liveline_micropub_publisher_discover_finish (self, result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  entry = _liveline_micropub_publisher_entry (create->properties);
  create->message = _liveline_micropub_publisher_new_json_post (self, entry, &error);
  if (create->message == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  _liveline_micropub_publisher_send_async (self, create->message, g_task_get_cancellable (task),
                                           on_created, g_object_ref (task));
}

static void
liveline_micropub_publisher_create_async (LivelinePublisher   *publisher,
                                          LivelinePost        *post,
                                          const char          *media_id,
                                          const char          *idempotency_key,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  LivelineMicropubPublisher *self = LIVELINE_MICROPUB_PUBLISHER (publisher);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  Create *create = g_new0 (Create, 1);

  g_task_set_source_tag (task, liveline_micropub_publisher_create_async);
  create->post = g_object_ref (post);
  /* The media id is the photo's address (see upload_media). */
  create->properties = _liveline_micropub_publisher_post_properties (post, media_id);
  g_task_set_task_data (task, create, (GDestroyNotify)create_free);

  _liveline_micropub_publisher_discover_async (self, FALSE, cancellable, on_discovered_for_create,
                                               g_steal_pointer (&task));
}

static LivelineRemotePost *
liveline_micropub_publisher_create_finish (LivelinePublisher  *publisher,
                                           GAsyncResult       *result,
                                           GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, publisher), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        liveline_micropub_publisher_create_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* update */

typedef struct
{
  LivelinePost *post;
  char         *post_url;
  char         *photo_url;
} Correction;

static void
correction_free (Correction *correction)
{
  g_clear_object (&correction->post);
  g_free (correction->post_url);
  g_free (correction->photo_url);
  g_free (correction);
}

static void
on_corrected (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  LivelineMicropubPublisher *self = LIVELINE_MICROPUB_PUBLISHER (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  LivelineRemotePost *remote;

  if ((remote = _liveline_micropub_publisher_update_post_finish (self, result, &error)))
    g_task_return_pointer (task, remote, (GDestroyNotify)liveline_remote_post_free);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
on_discovered_for_update (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  LivelineMicropubPublisher *self = LIVELINE_MICROPUB_PUBLISHER (object);
  g_autoptr(GTask) task = user_data;
  Correction *correction = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!_liveline_micropub_publisher_discover_finish (self, result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  _liveline_micropub_publisher_update_post_async (self, correction->post, correction->post_url,
                                                  correction->photo_url,
                                                  g_task_get_cancellable (task),
                                                  on_corrected, g_object_ref (task));
}

static void
liveline_micropub_publisher_update_async (LivelinePublisher   *publisher,
                                          LivelinePost        *post,
                                          const char          *remote_id,
                                          const char          *media_id,
                                          const char          *idempotency_key,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  LivelineMicropubPublisher *self = LIVELINE_MICROPUB_PUBLISHER (publisher);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  Correction *correction = g_new0 (Correction, 1);

  g_task_set_source_tag (task, liveline_micropub_publisher_update_async);
  correction->post = g_object_ref (post);
  correction->post_url = g_strdup (remote_id);
  correction->photo_url = g_strdup (media_id);
  g_task_set_task_data (task, correction, (GDestroyNotify)correction_free);

  _liveline_micropub_publisher_discover_async (self, FALSE, cancellable, on_discovered_for_update,
                                               g_steal_pointer (&task));
}

static LivelineRemotePost *
liveline_micropub_publisher_update_finish (LivelinePublisher  *publisher,
                                           GAsyncResult       *result,
                                           GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, publisher), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        liveline_micropub_publisher_update_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* find_by_key */

static void
on_found_by_slug (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  LivelineMicropubPublisher *self = LIVELINE_MICROPUB_PUBLISHER (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  LivelineRemotePost *remote;

  remote = _liveline_micropub_publisher_find_post_finish (self, result, &error);
  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, remote, (GDestroyNotify)liveline_remote_post_free);
}

static void
on_discovered_for_find (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  LivelineMicropubPublisher *self = LIVELINE_MICROPUB_PUBLISHER (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!_liveline_micropub_publisher_discover_finish (self, result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  _liveline_micropub_publisher_find_post_async (self, g_task_get_task_data (task),
                                                g_task_get_cancellable (task),
                                                on_found_by_slug, g_object_ref (task));
}

static void
liveline_micropub_publisher_find_by_key_async (LivelinePublisher   *publisher,
                                               LivelinePost        *post,
                                               const char          *idempotency_key,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data)
{
  LivelineMicropubPublisher *self = LIVELINE_MICROPUB_PUBLISHER (publisher);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, liveline_micropub_publisher_find_by_key_async);
  g_task_set_task_data (task, g_object_ref (post), g_object_unref);

  /* A post with an address was created: the interrupted operation is a
   * correction, which is safe to send again since it sends only what
   * differs. Saying "not found" has the outbox send it. */
  if (liveline_post_get_remote_id (post) != NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  _liveline_micropub_publisher_discover_async (self, FALSE, cancellable, on_discovered_for_find,
                                               g_steal_pointer (&task));
}

static LivelineRemotePost *
liveline_micropub_publisher_find_by_key_finish (LivelinePublisher  *publisher,
                                                GAsyncResult       *result,
                                                GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, publisher), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        liveline_micropub_publisher_find_by_key_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* check */

static void
on_config (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  LivelineMicropubPublisher *self = LIVELINE_MICROPUB_PUBLISHER (object);
  g_autoptr(GTask) task = user_data;
  SoupMessage *message = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) config = NULL;

  if (!(body = _liveline_micropub_publisher_send_finish (self, result, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (message)))
    {
      g_task_return_error (task, _liveline_micropub_publisher_error_from_status (message, body));
      return;
    }

  /* A configuration says that this is a Micropub endpoint indeed. */
  if (!(config = _liveline_micropub_publisher_parse_object (body, LIVELINE_ANSWER_DISCOVERY, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  _liveline_micropub_publisher_remember_config (self, config);
  g_task_return_boolean (task, TRUE);
}

static void
on_discovered_for_check (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  LivelineMicropubPublisher *self = LIVELINE_MICROPUB_PUBLISHER (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  SoupMessage *message;

  if (!_liveline_micropub_publisher_discover_finish (self, result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The smallest question that needs the token. */
  message = _liveline_micropub_publisher_new_query (self, "config", NULL, &error);
  if (message == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_set_task_data (task, message, g_object_unref);
  _liveline_micropub_publisher_send_kind_async (self, message, LIVELINE_ANSWER_DISCOVERY,
                                                g_task_get_cancellable (task), on_config,
                                                g_object_ref (task));
}

static void
liveline_micropub_publisher_check_async (LivelinePublisher   *publisher,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  LivelineMicropubPublisher *self = LIVELINE_MICROPUB_PUBLISHER (publisher);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, liveline_micropub_publisher_check_async);
  _liveline_micropub_publisher_discover_async (self, FALSE, cancellable, on_discovered_for_check,
                                               g_steal_pointer (&task));
}

static gboolean
liveline_micropub_publisher_check_finish (LivelinePublisher  *publisher,
                                          GAsyncResult       *result,
                                          GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, publisher), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        liveline_micropub_publisher_check_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
liveline_micropub_publisher_iface_init (LivelinePublisherInterface *iface)
{
  iface->upload_media_async = _liveline_micropub_publisher_upload_media_async;
  iface->upload_media_finish = _liveline_micropub_publisher_upload_media_finish;
  iface->create_async = liveline_micropub_publisher_create_async;
  iface->create_finish = liveline_micropub_publisher_create_finish;
  iface->update_async = liveline_micropub_publisher_update_async;
  iface->update_finish = liveline_micropub_publisher_update_finish;
  iface->delete_async = _liveline_micropub_publisher_delete_async;
  iface->delete_finish = _liveline_micropub_publisher_delete_finish;
  iface->find_by_key_async = liveline_micropub_publisher_find_by_key_async;
  iface->find_by_key_finish = liveline_micropub_publisher_find_by_key_finish;
  iface->check_async = liveline_micropub_publisher_check_async;
  iface->check_finish = liveline_micropub_publisher_check_finish;
}

/**
 * liveline_micropub_publisher_new:
 * @session: the #SoupSession to send through; its owner sets its timeouts
 * @url: the site, such as `https://example.com/`, whose page names its
 *   endpoints, or the Micropub endpoint itself
 * @token: (nullable): the bearer token, from the keyring
 *
 * Makes a publisher for a Micropub site. A @url that is not allowed (see
 * #LivelineMicropubPublisher) does not fail here: every request fails
 * instead, with a message to show. Nothing is sent until the first
 * operation, which finds the endpoints.
 *
 * Returns: (transfer full): a new #LivelineMicropubPublisher
 */
LivelineMicropubPublisher *
liveline_micropub_publisher_new (SoupSession *session,
                                 const char  *url,
                                 const char  *token)
{
  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  return g_object_new (LIVELINE_TYPE_MICROPUB_PUBLISHER,
                       "session", session,
                       "url", url,
                       "token", token,
                       NULL);
}

/**
 * liveline_micropub_publisher_set_request_deadline:
 * @self: a #LivelineMicropubPublisher
 * @seconds: how long a request may take from start to end, at least 1
 *
 * A request still going after @seconds, however steadily the server
 * answers, fails as %LIVELINE_PUBLISHER_ERROR_TRANSIENT, to be tried again.
 * It is %LIVELINE_MICROPUB_PUBLISHER_REQUEST_DEADLINE_S unless set.
 */
void
liveline_micropub_publisher_set_request_deadline (LivelineMicropubPublisher *self,
                                                  guint                      seconds)
{
  g_return_if_fail (LIVELINE_IS_MICROPUB_PUBLISHER (self));
  g_return_if_fail (seconds > 0);

  self->request_deadline = seconds;
}
