/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-json-publisher"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "liveline-endpoint-url.h"
#include "liveline-json-publisher-private.h"
#include "liveline-markdown.h"
#include "liveline-post.h"

/**
 * LivelineJsonPublisher:
 *
 * The client of the Liveline JSON API (docs/api.md): what `liveline-server`
 * and any newsroom endpoint that speaks the API are sent posts through.
 *
 * The #SoupSession is shared and belongs to whoever made it, who also sets
 * how long a connection may stay silent with its #SoupSession:timeout and
 * #SoupSession:idle-timeout properties; a whole request may take
 * liveline_json_publisher_set_request_deadline() at most. A request that runs
 * out of time fails as %LIVELINE_PUBLISHER_ERROR_TRANSIENT, like any other
 * network error.
 *
 * Plain `http://` is only spoken to this computer (127.0.0.0/8, ::1,
 * localhost): any other `http://` address, or an address that is not a web
 * address at all, makes every request fail with
 * %LIVELINE_PUBLISHER_ERROR_PERMANENT before anything is sent. Redirects are
 * never followed, so the token only ever goes to the address it was given
 * for; it is never logged and cannot be read back from the object.
 */

enum {
  PROP_0,
  PROP_SESSION,
  PROP_BASE_URL,
  PROP_BLOG,
  PROP_TOKEN,
  N_PROPS
};

static void liveline_json_publisher_iface_init (LivelinePublisherInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LivelineJsonPublisher, liveline_json_publisher, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (LIVELINE_TYPE_PUBLISHER,
                                                      liveline_json_publisher_iface_init))

static GParamSpec *properties[N_PROPS];

static void
liveline_json_publisher_constructed (GObject *object)
{
  LivelineJsonPublisher *self = LIVELINE_JSON_PUBLISHER (object);

  G_OBJECT_CLASS (liveline_json_publisher_parent_class)->constructed (object);

  self->url_error = liveline_endpoint_url_check (self->base_url);

  /* Paths are appended to the base URL, with or without its final slash. */
  if (self->base_url != NULL && g_str_has_suffix (self->base_url, "/"))
    self->base_url[strlen (self->base_url) - 1] = '\0';
}

static void
liveline_json_publisher_dispose (GObject *object)
{
  LivelineJsonPublisher *self = LIVELINE_JSON_PUBLISHER (object);

  g_clear_object (&self->session);

  G_OBJECT_CLASS (liveline_json_publisher_parent_class)->dispose (object);
}

static void
liveline_json_publisher_finalize (GObject *object)
{
  LivelineJsonPublisher *self = LIVELINE_JSON_PUBLISHER (object);

  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->blog, g_free);
  g_clear_pointer (&self->token, g_free);
  g_clear_error (&self->url_error);

  G_OBJECT_CLASS (liveline_json_publisher_parent_class)->finalize (object);
}

static void
liveline_json_publisher_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  LivelineJsonPublisher *self = LIVELINE_JSON_PUBLISHER (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;

    case PROP_BLOG:
      g_value_set_string (value, self->blog);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liveline_json_publisher_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  LivelineJsonPublisher *self = LIVELINE_JSON_PUBLISHER (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

    case PROP_BASE_URL:
      self->base_url = g_value_dup_string (value);
      break;

    case PROP_BLOG:
      self->blog = g_value_dup_string (value);
      break;

    case PROP_TOKEN:
      self->token = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liveline_json_publisher_class_init (LivelineJsonPublisherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = liveline_json_publisher_constructed;
  object_class->dispose = liveline_json_publisher_dispose;
  object_class->finalize = liveline_json_publisher_finalize;
  object_class->get_property = liveline_json_publisher_get_property;
  object_class->set_property = liveline_json_publisher_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         SOUP_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_BLOG] =
    g_param_spec_string ("blog", NULL, NULL,
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
liveline_json_publisher_init (LivelineJsonPublisher *self)
{
  self->request_deadline = LIVELINE_JSON_PUBLISHER_REQUEST_DEADLINE_S;
}

/* Answers */

/* upload_media */

static void
on_media_loaded (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LivelineJsonPublisher *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_load_contents_finish (G_FILE (object), result, &contents, &length, NULL, &error))
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      /* Translators: %s says what went wrong, such as "No such file or directory" */
      message = g_strdup_printf (_("Could not read the photo: %s"), error->message);
      g_task_return_error (task, liveline_publisher_error_new_literal (LIVELINE_PUBLISHER_ERROR_PERMANENT,
                                                                       0, message));
      return;
    }

  bytes = g_bytes_new_take (contents, length);
  soup_message_set_request_body_from_bytes (request->message, request->content_type, bytes);
  _liveline_json_publisher_start_request (self, task);
}

static void
liveline_json_publisher_upload_media_async (LivelinePublisher   *publisher,
                                            const char          *path,
                                            const char          *content_type,
                                            const char          *filename,
                                            const char          *idempotency_key,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  LivelineJsonPublisher *self = LIVELINE_JSON_PUBLISHER (publisher);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *blog = NULL;
  g_autofree char *media_path = NULL;
  Request *request;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liveline_json_publisher_upload_media_async);

  /* Naming the blog lets an endpoint hold a token to the blogs it is for. */
  blog = g_uri_escape_string (self->blog != NULL ? self->blog : "", NULL, FALSE);
  media_path = g_strconcat ("/api/v1/media?blog=", blog, NULL);
  message = _liveline_json_publisher_new_message (self, SOUP_METHOD_POST, media_path,
                                                  idempotency_key, &error);
  if (message == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (filename != NULL && filename[0] != '\0')
    {
      g_autoptr(GHashTable) params = g_hash_table_new (g_str_hash, g_str_equal);

      g_hash_table_insert (params, (gpointer)"filename", (gpointer)filename);
      soup_message_headers_set_content_disposition (soup_message_get_request_headers (message),
                                                    "attachment", params);
    }

  request = g_new0 (Request, 1);
  request->message = g_steal_pointer (&message);
  request->operation = OPERATION_UPLOAD_MEDIA;
  request->content_type = g_strdup (content_type);
  g_task_set_task_data (task, request, (GDestroyNotify)_liveline_json_publisher_request_free);

  file = g_file_new_for_path (path);
  g_file_load_contents_async (file, cancellable, on_media_loaded, g_steal_pointer (&task));
}

static LivelineRemoteMedia *
liveline_json_publisher_upload_media_finish (LivelinePublisher  *publisher,
                                             GAsyncResult       *result,
                                             GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, publisher), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        liveline_json_publisher_upload_media_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* One request to the posts or the look-ups, with a JSON body or none. */
static void
send_json (LivelineJsonPublisher *self,
           GTask                 *task,
           const char            *method,
           const char            *path,
           const char            *idempotency_key,
           GBytes                *body,
           Operation              operation)
{
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GError) error = NULL;

  message = _liveline_json_publisher_new_message (self, method, path, idempotency_key, &error);
  if (message == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (body != NULL)
    _liveline_json_publisher_set_json_body (message, body);
  _liveline_json_publisher_send_request (self, task, message, operation);
}

/* create */

static void
liveline_json_publisher_create_async (LivelinePublisher   *publisher,
                                      LivelinePost        *post,
                                      const char          *media_id,
                                      const char          *idempotency_key,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  LivelineJsonPublisher *self = LIVELINE_JSON_PUBLISHER (publisher);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *path = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liveline_json_publisher_create_async);

  path = _liveline_json_publisher_posts_path (self, NULL);
  body = _liveline_json_publisher_post_to_json (post, liveline_post_get_uuid (post), media_id);
  send_json (self, task, SOUP_METHOD_POST, path, idempotency_key, body, OPERATION_CREATE);
}

static LivelineRemotePost *
liveline_json_publisher_create_finish (LivelinePublisher  *publisher,
                                       GAsyncResult       *result,
                                       GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, publisher), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        liveline_json_publisher_create_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* update */

/* A post the endpoint no longer has, because it was retracted, cannot be
 * corrected: the API keeps a retracted post's id taken and never brings it
 * back. Publishing it again makes it a new post, under a new id made from
 * the post and the operation's key, and sent with that id as its key: every
 * try sends the same request, so a try whose answer was lost is replayed by
 * the endpoint, not published twice. (The operation's own key stays the
 * correction's: once used for the new post, a correction sent again under
 * it would be refused as a different request.)
 */
typedef struct
{
  GTask        *task;
  LivelinePost *post;
  char         *media_id;
  char         *idempotency_key;
} Update;

static void
update_free (Update *update)
{
  g_clear_object (&update->task);
  g_clear_object (&update->post);
  g_free (update->media_id);
  g_free (update->idempotency_key);
  g_free (update);
}

/* A UUID's form, which the API accepts as an id, from the post and the key. */
static char *
republished_id (LivelinePost *post,
                const char   *idempotency_key)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  const char *hex;

  g_checksum_update (checksum, (const guchar *)liveline_post_get_uuid (post), -1);
  g_checksum_update (checksum, (const guchar *)"\n", 1);
  g_checksum_update (checksum, (const guchar *)idempotency_key, -1);
  hex = g_checksum_get_string (checksum);

  return g_strdup_printf ("%.8s-%.4s-%.4s-%.4s-%.12s", hex, hex + 8, hex + 12, hex + 16, hex + 20);
}

static void
on_update_answered (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  LivelineJsonPublisher *self = LIVELINE_JSON_PUBLISHER (object);
  Update *update = user_data;
  g_autoptr(LivelineRemotePost) post = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *path = NULL;
  g_autofree char *id = NULL;

  post = g_task_propagate_pointer (G_TASK (result), &error);

  if (post != NULL)
    g_task_return_pointer (update->task, g_steal_pointer (&post),
                           (GDestroyNotify)liveline_remote_post_free);
  else if (!g_error_matches (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_NOT_FOUND) ||
           update->idempotency_key == NULL)
    g_task_return_error (update->task, g_steal_pointer (&error));
  else
    {
      g_debug ("The endpoint no longer has the post: publishing it again as a new one");
      id = republished_id (update->post, update->idempotency_key);
      path = _liveline_json_publisher_posts_path (self, NULL);
      body = _liveline_json_publisher_post_to_json (update->post, id, update->media_id);
      send_json (self, update->task, SOUP_METHOD_POST, path, id, body, OPERATION_CREATE);
    }

  update_free (update);
}

static void
liveline_json_publisher_update_async (LivelinePublisher   *publisher,
                                      LivelinePost        *post,
                                      const char          *remote_id,
                                      const char          *media_id,
                                      const char          *idempotency_key,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  LivelineJsonPublisher *self = LIVELINE_JSON_PUBLISHER (publisher);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) put = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *path = NULL;
  Update *update;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liveline_json_publisher_update_async);

  update = g_new0 (Update, 1);
  update->task = g_steal_pointer (&task);
  update->post = g_object_ref (post);
  update->media_id = g_strdup (media_id);
  update->idempotency_key = g_strdup (idempotency_key);

  put = g_task_new (self, cancellable, on_update_answered, update);
  g_task_set_source_tag (put, on_update_answered);

  /* The id in the body must be the one in the path. */
  path = _liveline_json_publisher_posts_path (self, remote_id);
  body = _liveline_json_publisher_post_to_json (post, remote_id, media_id);
  send_json (self, put, SOUP_METHOD_PUT, path, idempotency_key, body, OPERATION_UPDATE);
}

static LivelineRemotePost *
liveline_json_publisher_update_finish (LivelinePublisher  *publisher,
                                       GAsyncResult       *result,
                                       GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, publisher), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        liveline_json_publisher_update_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* delete */

static void
liveline_json_publisher_delete_async (LivelinePublisher   *publisher,
                                      const char          *remote_id,
                                      const char          *idempotency_key,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  LivelineJsonPublisher *self = LIVELINE_JSON_PUBLISHER (publisher);
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liveline_json_publisher_delete_async);

  path = _liveline_json_publisher_posts_path (self, remote_id);
  send_json (self, task, SOUP_METHOD_DELETE, path, idempotency_key, NULL, OPERATION_DELETE);
}

static gboolean
liveline_json_publisher_delete_finish (LivelinePublisher  *publisher,
                                       GAsyncResult       *result,
                                       GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, publisher), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        liveline_json_publisher_delete_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* find_by_key */

static void
liveline_json_publisher_find_by_key_async (LivelinePublisher   *publisher,
                                           LivelinePost        *post,
                                           const char          *idempotency_key,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  LivelineJsonPublisher *self = LIVELINE_JSON_PUBLISHER (publisher);
  g_autoptr(GTask) task = NULL;
  g_autofree char *key = NULL;
  g_autofree char *path = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liveline_json_publisher_find_by_key_async);

  key = g_uri_escape_string (idempotency_key, NULL, FALSE);
  path = g_strconcat ("/api/v1/posts/by-key/", key, NULL);
  send_json (self, task, SOUP_METHOD_GET, path, NULL, NULL, OPERATION_FIND_BY_KEY);
}

static LivelineRemotePost *
liveline_json_publisher_find_by_key_finish (LivelinePublisher  *publisher,
                                            GAsyncResult       *result,
                                            GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, publisher), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        liveline_json_publisher_find_by_key_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* check */

static void
liveline_json_publisher_check_async (LivelinePublisher   *publisher,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  LivelineJsonPublisher *self = LIVELINE_JSON_PUBLISHER (publisher);
  g_autoptr(GTask) task = NULL;
  g_autofree char *posts = NULL;
  g_autofree char *path = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liveline_json_publisher_check_async);

  /* The smallest request that needs the token: one post of the blog. */
  posts = _liveline_json_publisher_posts_path (self, NULL);
  path = g_strconcat (posts, "?limit=1", NULL);
  send_json (self, task, SOUP_METHOD_GET, path, NULL, NULL, OPERATION_CHECK);
}

static gboolean
liveline_json_publisher_check_finish (LivelinePublisher  *publisher,
                                      GAsyncResult       *result,
                                      GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, publisher), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        liveline_json_publisher_check_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
liveline_json_publisher_iface_init (LivelinePublisherInterface *iface)
{
  iface->upload_media_async = liveline_json_publisher_upload_media_async;
  iface->upload_media_finish = liveline_json_publisher_upload_media_finish;
  iface->create_async = liveline_json_publisher_create_async;
  iface->create_finish = liveline_json_publisher_create_finish;
  iface->update_async = liveline_json_publisher_update_async;
  iface->update_finish = liveline_json_publisher_update_finish;
  iface->delete_async = liveline_json_publisher_delete_async;
  iface->delete_finish = liveline_json_publisher_delete_finish;
  iface->find_by_key_async = liveline_json_publisher_find_by_key_async;
  iface->find_by_key_finish = liveline_json_publisher_find_by_key_finish;
  iface->check_async = liveline_json_publisher_check_async;
  iface->check_finish = liveline_json_publisher_check_finish;
}

/**
 * liveline_json_publisher_new:
 * @session: the #SoupSession to send through; its owner sets its timeouts
 * @base_url: the endpoint, such as `https://live.example.com/` or
 *   `http://127.0.0.1:8080/`
 * @blog: the slug of the live blog
 * @token: (nullable): the bearer token, from the keyring, or %NULL for an
 *   endpoint that asks for none, such as a local preview
 *
 * Makes a publisher for one live blog on a Liveline JSON API endpoint.
 * A @base_url that is not allowed (see #LivelineJsonPublisher) does not
 * fail here: every request fails instead, with a message to show.
 *
 * Returns: (transfer full): a new #LivelineJsonPublisher
 */
LivelineJsonPublisher *
liveline_json_publisher_new (SoupSession *session,
                             const char  *base_url,
                             const char  *blog,
                             const char  *token)
{
  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);
  g_return_val_if_fail (base_url != NULL, NULL);
  g_return_val_if_fail (blog != NULL, NULL);

  return g_object_new (LIVELINE_TYPE_JSON_PUBLISHER,
                       "session", session,
                       "base-url", base_url,
                       "blog", blog,
                       "token", token,
                       NULL);
}

SoupSession *
liveline_json_publisher_get_session (LivelineJsonPublisher *self)
{
  g_return_val_if_fail (LIVELINE_IS_JSON_PUBLISHER (self), NULL);

  return self->session;
}

/**
 * liveline_json_publisher_get_base_url:
 * @self: a #LivelineJsonPublisher
 *
 * Returns: the endpoint's address, without a final slash
 */
const char *
liveline_json_publisher_get_base_url (LivelineJsonPublisher *self)
{
  g_return_val_if_fail (LIVELINE_IS_JSON_PUBLISHER (self), NULL);

  return self->base_url;
}

const char *
liveline_json_publisher_get_blog (LivelineJsonPublisher *self)
{
  g_return_val_if_fail (LIVELINE_IS_JSON_PUBLISHER (self), NULL);

  return self->blog;
}

/**
 * liveline_json_publisher_set_request_deadline:
 * @self: a #LivelineJsonPublisher
 * @seconds: how long a request may take from start to end, at least 1
 *
 * A request still going after @seconds, however steadily the endpoint
 * answers, fails as %LIVELINE_PUBLISHER_ERROR_TRANSIENT, to be tried again.
 * It is %LIVELINE_JSON_PUBLISHER_REQUEST_DEADLINE_S unless set.
 */
void
liveline_json_publisher_set_request_deadline (LivelineJsonPublisher *self,
                                              guint                  seconds)
{
  g_return_if_fail (LIVELINE_IS_JSON_PUBLISHER (self));
  g_return_if_fail (seconds > 0);

  self->request_deadline = seconds;
}
