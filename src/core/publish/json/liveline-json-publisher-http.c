/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-json-publisher"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "liveline-answer.h"
#include "liveline-endpoint-url.h"
#include "liveline-json-publisher-private.h"
#include "liveline-markdown.h"
#include "liveline-post.h"

/* The HTTP half of LivelineJsonPublisher: requests as docs/api.md wants
 * them, and answers and failures read back into what the outbox acts on.
 */

void
_liveline_json_publisher_request_free (Request *request)
{
  liveline_request_guard_clear (&request->guard);
  g_clear_object (&request->message);
  g_free (request->content_type);
  g_free (request);
}

static const char *
get_string_member (JsonObject *object,
                   const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static gboolean
get_uint_member (JsonObject *object,
                 const char *name,
                 guint      *value)
{
  JsonNode *node = json_object_get_member (object, name);
  gint64 number;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;

  number = json_node_get_int (node);
  if (number < 0 || number > G_MAXUINT)
    return FALSE;

  *value = (guint)number;

  return TRUE;
}

static GDateTime *
get_time_member (JsonObject *object,
                 const char *name)
{
  const char *text = get_string_member (object, name);

  return text != NULL ? g_date_time_new_from_iso8601 (text, NULL) : NULL;
}

static GError *unreadable_answer (void);

/* What an answer over a limit, or not JSON at all, says is kept in @error;
 * NULL when the caller does not care why. */
static JsonObject *
parse_object (GBytes   *body,
              gsize     max_size,
              GError  **error)
{
  g_autoptr(JsonNode) root = liveline_answer_parse_json (body, max_size, error);

  if (root == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_propagate_error (error, unreadable_answer ());
      return NULL;
    }

  return json_object_ref (json_node_get_object (root));
}

static LivelineRemoteMedia *
parse_media (JsonObject *object)
{
  g_autoptr(LivelineRemoteMedia) media = g_new0 (LivelineRemoteMedia, 1);
  const char *id = get_string_member (object, "id");
  const char *url = get_string_member (object, "url");

  if (!liveline_answer_is_intact_text (id) || !liveline_answer_is_intact_text (url))
    return NULL;

  media->id = g_strdup (id);
  media->url = g_strdup (url);
  get_uint_member (object, "width", &media->width);
  get_uint_member (object, "height", &media->height);

  return g_steal_pointer (&media);
}

static LivelineRemotePost *
parse_post (JsonObject *object)
{
  g_autoptr(LivelineRemotePost) post = g_new0 (LivelineRemotePost, 1);
  const char *id = get_string_member (object, "id");
  const char *url = get_string_member (object, "url");

  if (!liveline_answer_is_intact_text (id))
    return NULL;

  post->id = g_strdup (id);
  /* Kept only when it is safe to open: the post row opens it on a click. */
  if (liveline_uri_is_safe_to_open (url))
    post->url = g_strdup (url);
  if (!get_uint_member (object, "revision", &post->revision) || post->revision == 0)
    return NULL;

  post->published_at = get_time_member (object, "published_at");
  if (post->published_at == NULL)
    return NULL;

  /* null until the post is first changed */
  post->updated_at = get_time_member (object, "updated_at");

  return g_steal_pointer (&post);
}

static GError *
error_from_status (SoupMessage *message,
                   GBytes      *body)
{
  guint status = soup_message_get_status (message);
  g_autoptr(JsonObject) problem = parse_object (body, G_MAXSIZE, NULL);
  g_autofree char *fallback = NULL;
  LivelinePublisherError code;
  const char *detail = NULL;

  if (problem != NULL)
    {
      detail = get_string_member (problem, "detail");
      if (detail == NULL || detail[0] == '\0')
        detail = get_string_member (problem, "title");
      if (detail != NULL && detail[0] == '\0')
        detail = NULL;
    }

  if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
    {
      /* The endpoint's words are for developers ("Send a valid token as
       * Authorization: Bearer …"); the journalist needs to know where to
       * look. */
      code = LIVELINE_PUBLISHER_ERROR_AUTH;
      fallback = g_strdup (_("The endpoint refused the token: check it in Preferences."));
      detail = NULL;
    }
  else if (status == SOUP_STATUS_NOT_FOUND)
    {
      code = LIVELINE_PUBLISHER_ERROR_NOT_FOUND;
      fallback = g_strdup (_("The blog’s endpoint does not have this update."));
    }
  else if (status == SOUP_STATUS_REQUEST_TIMEOUT ||
           status == 429 || /* Too Many Requests; libsoup 3.2 has no name for it */
           (status >= 500 && status <= 599))
    {
      code = LIVELINE_PUBLISHER_ERROR_TRANSIENT;
      /* Translators: %u is an HTTP status code, such as 503 */
      fallback = g_strdup_printf (_("The blog’s endpoint cannot take updates now (error %u)."),
                                  status);
    }
  else if (status >= 300 && status <= 399)
    {
      /* Redirects are not followed: the token would go along. */
      code = LIVELINE_PUBLISHER_ERROR_PERMANENT;
      fallback = g_strdup (_("The blog’s endpoint has moved. Check its address."));
    }
  else if (status >= 400 && status <= 499)
    {
      code = LIVELINE_PUBLISHER_ERROR_PERMANENT;
      /* Translators: %u is an HTTP status code, such as 422 */
      fallback = g_strdup_printf (_("The blog’s endpoint refused the update (error %u)."),
                                  status);
    }
  else
    {
      code = LIVELINE_PUBLISHER_ERROR_TRANSIENT;
      fallback = g_strdup (_("The blog’s endpoint gave an answer Liveline cannot read."));
      detail = NULL;
    }

  return liveline_publisher_error_new_literal (code, liveline_request_get_retry_after (message),
                                               detail != NULL ? detail : fallback);
}

static LivelineAnswerKind
answer_kind (Operation operation)
{
  switch (operation)
    {
    case OPERATION_UPLOAD_MEDIA:
      return LIVELINE_ANSWER_MEDIA;
    case OPERATION_CHECK:
      /* A page of posts */
      return LIVELINE_ANSWER_LIST;
    case OPERATION_CREATE:
    case OPERATION_UPDATE:
    case OPERATION_DELETE:
    case OPERATION_FIND_BY_KEY:
    default:
      return LIVELINE_ANSWER_POST;
    }
}

static GError *
unreadable_answer (void)
{
  return liveline_publisher_error_new_literal (LIVELINE_PUBLISHER_ERROR_TRANSIENT, 0,
                                               _("The blog’s endpoint gave an answer Liveline cannot read."));
}

void
_liveline_json_publisher_on_sent (GObject      *object,
                                  GAsyncResult *result,
                                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonObject) object_answer = NULL;
  guint status;

  liveline_request_guard_stop_clock (&request->guard);

  body = liveline_answer_read_finish (SOUP_SESSION (object), result, &error);
  if (body == NULL)
    {
      g_autofree char *message = NULL;

      if (request->guard.timed_out)
        {
          g_task_return_error (task, liveline_request_guard_take_error (&request->guard,
                                                                        g_steal_pointer (&error),
                                                                        _("The blog’s endpoint")));
          return;
        }

      /* Cancelled, or an answer over its limit */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          error->domain == LIVELINE_PUBLISHER_ERROR)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      /* Translators: %s says what went wrong, such as "Connection refused" */
      message = g_strdup_printf (_("Could not reach the blog’s endpoint: %s"), error->message);
      g_task_return_error (task, liveline_publisher_error_new_literal (LIVELINE_PUBLISHER_ERROR_TRANSIENT,
                                                                       0, message));
      return;
    }

  status = soup_message_get_status (request->message);
  g_debug ("%s %s: %u", soup_message_get_method (request->message),
           g_uri_get_path (soup_message_get_uri (request->message)), status);

  if (request->operation == OPERATION_FIND_BY_KEY && status == SOUP_STATUS_NOT_FOUND)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_task_return_error (task, error_from_status (request->message, body));
      return;
    }

  if (request->operation == OPERATION_DELETE)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  object_answer = parse_object (body, liveline_answer_get_max_size (answer_kind (request->operation)),
                                 &error);
  if (object_answer == NULL)
    {
      /* Over a limit, the answer's own reason; else the endpoint's garbage. */
      if (g_error_matches (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_PERMANENT))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_error (task, unreadable_answer ());
      return;
    }

  /* A page of posts says that this is a Liveline endpoint indeed. */
  if (request->operation == OPERATION_CHECK)
    {
      if (!json_object_has_member (object_answer, "posts"))
        g_task_return_error (task, unreadable_answer ());
      else
        g_task_return_boolean (task, TRUE);
      return;
    }

  if (request->operation == OPERATION_UPLOAD_MEDIA)
    {
      LivelineRemoteMedia *media = parse_media (object_answer);

      if (media == NULL)
        g_task_return_error (task, unreadable_answer ());
      else
        g_task_return_pointer (task, media, (GDestroyNotify)liveline_remote_media_free);
    }
  else
    {
      LivelineRemotePost *post = parse_post (object_answer);

      if (post == NULL)
        g_task_return_error (task, unreadable_answer ());
      else
        g_task_return_pointer (task, post, (GDestroyNotify)liveline_remote_post_free);
    }
}

/* Requests */

SoupMessage *
_liveline_json_publisher_new_message (LivelineJsonPublisher  *self,
                                      const char             *method,
                                      const char             *path,
                                      const char             *idempotency_key,
                                      GError                **error)
{
  g_autofree char *url = NULL;
  g_autofree char *authorization = NULL;
  SoupMessageHeaders *headers;
  SoupMessage *message;

  if (self->url_error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->url_error));
      return NULL;
    }

  url = g_strconcat (self->base_url, path, NULL);
  message = soup_message_new (method, url);
  if (message == NULL)
    {
      g_propagate_error (error,
                         liveline_publisher_error_new_literal (LIVELINE_PUBLISHER_ERROR_PERMANENT, 0,
                                                               _("The address of the blog’s endpoint is not a web address.")));
      return NULL;
    }

  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);

  headers = soup_message_get_request_headers (message);
  if (self->token != NULL)
    {
      authorization = g_strconcat ("Bearer ", self->token, NULL);
      soup_message_headers_replace (headers, "Authorization", authorization);
    }
  soup_message_headers_replace (headers, "Accept", "application/json, application/problem+json");
  if (idempotency_key != NULL)
    soup_message_headers_replace (headers, "Idempotency-Key", idempotency_key);

  return message;
}

char *
_liveline_json_publisher_posts_path (LivelineJsonPublisher *self,
                                     const char            *remote_id)
{
  g_autofree char *blog = g_uri_escape_string (self->blog != NULL ? self->blog : "", NULL, FALSE);
  g_autofree char *id = NULL;

  if (remote_id == NULL)
    return g_strdup_printf ("/api/v1/blogs/%s/posts", blog);

  id = g_uri_escape_string (remote_id, NULL, FALSE);

  return g_strdup_printf ("/api/v1/blogs/%s/posts/%s", blog, id);
}

/**
 * _liveline_json_publisher_start_request:
 * @self: a #LivelineJsonPublisher
 * @task: an operation whose task data is its #Request, message ready
 *
 * Sends the request, within the deadline and the caller's cancellable.
 */
void
_liveline_json_publisher_start_request (LivelineJsonPublisher *self,
                                        GTask                 *task)
{
  Request *request = g_task_get_task_data (task);

  liveline_request_guard_start (&request->guard, g_task_get_cancellable (task),
                                self->request_deadline);
  liveline_answer_read_async (self->session, request->message, answer_kind (request->operation),
                              request->guard.cancellable,
                              _liveline_json_publisher_on_sent, g_object_ref (task));
}

void
_liveline_json_publisher_send_request (LivelineJsonPublisher *self,
                                       GTask                 *task,
                                       SoupMessage           *message,
                                       Operation              operation)
{
  Request *request = g_new0 (Request, 1);

  request->message = g_object_ref (message);
  request->operation = operation;
  g_task_set_task_data (task, request, (GDestroyNotify)_liveline_json_publisher_request_free);
  _liveline_json_publisher_start_request (self, task);
}

static void
add_nullable_string (JsonBuilder *builder,
                     const char  *name,
                     const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL && value[0] != '\0')
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

GBytes *
_liveline_json_publisher_post_to_json (LivelinePost *post,
                                       const char   *id,
                                       const char   *media_id)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GDateTime) created_at = NULL;
  g_autofree char *created_at_text = NULL;
  g_autofree char *html = NULL;
  const char *body = liveline_post_get_body (post);
  char *data;
  gsize length;

  if (body == NULL)
    body = "";

  if (liveline_post_get_created_at (post) != NULL)
    created_at = g_date_time_to_utc (liveline_post_get_created_at (post));
  else
    created_at = g_date_time_new_now_utc ();
  created_at_text = g_date_time_format (created_at, "%Y-%m-%dT%H:%M:%SZ");
  html = liveline_markdown_to_html (body);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, id);
  add_nullable_string (builder, "headline", liveline_post_get_headline (post));
  json_builder_set_member_name (builder, "body_markdown");
  json_builder_add_string_value (builder, body);
  json_builder_set_member_name (builder, "body_html");
  json_builder_add_string_value (builder, html != NULL ? html : "");
  add_nullable_string (builder, "author", liveline_post_get_author (post));
  json_builder_set_member_name (builder, "pinned");
  json_builder_add_boolean_value (builder, liveline_post_get_pinned (post));
  json_builder_set_member_name (builder, "key_moment");
  json_builder_add_boolean_value (builder, liveline_post_get_key_moment (post));
  json_builder_set_member_name (builder, "created_at");
  json_builder_add_string_value (builder, created_at_text);
  json_builder_set_member_name (builder, "image");
  if (media_id != NULL)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "media_id");
      json_builder_add_string_value (builder, media_id);
      add_nullable_string (builder, "caption", liveline_post_get_image_caption (post));
      add_nullable_string (builder, "credit", liveline_post_get_image_credit (post));
      add_nullable_string (builder, "alt", liveline_post_get_image_alt (post));
      json_builder_end_object (builder);
    }
  else
    {
      json_builder_add_null_value (builder);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, &length);

  return g_bytes_new_take (data, length);
}

void
_liveline_json_publisher_set_json_body (SoupMessage *message,
                                        GBytes      *body)
{
  soup_message_set_request_body_from_bytes (message, "application/json", body);
}
