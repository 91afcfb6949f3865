/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-wordpress-publisher"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "liveline-wordpress-publisher-private.h"

/* The HTTP half of LivelineWordpressPublisher: operations with their
 * deadline, requests to the REST API with the Application Password, and
 * answers and failures read back into what the outbox acts on.
 */

/* Jobs */

static void
job_free (Job *job)
{
  liveline_request_guard_clear (&job->guard);
  g_clear_object (&job->post);
  g_free (job->remote_id);
  g_free (job->media_id);
  g_free (job->slug);
  g_free (job->category_id);
  g_free (job->photo_url);
  g_free (job->path);
  g_free (job->content_type);
  g_free (job->filename);
  g_clear_pointer (&job->answer, json_object_unref);
  g_clear_pointer (&job->categories, g_ptr_array_unref);
  g_free (job);
}

/**
 * _liveline_wordpress_publisher_new_job:
 * @self: a #LivelineWordpressPublisher
 * @cancellable: (nullable): the caller's #GCancellable
 * @callback: the caller's callback
 * @user_data: for @callback
 * @source_tag: the operation's `_async` function
 *
 * Starts an operation: its task, with a #Job for task data whose
 * cancellable its requests go with, and whose deadline, counted from now,
 * covers them all.
 *
 * Returns: (transfer full): the operation's task
 */
GTask *
_liveline_wordpress_publisher_new_job (LivelineWordpressPublisher *self,
                                       GCancellable               *cancellable,
                                       GAsyncReadyCallback         callback,
                                       gpointer                    user_data,
                                       gpointer                    source_tag)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Job *job = g_new0 (Job, 1);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, (GDestroyNotify)job_free);

  /* The deadline covers an operation that trickles, or one of many
   * requests that each take long. */
  liveline_request_guard_start (&job->guard, cancellable, self->request_deadline);

  return task;
}

/**
 * _liveline_wordpress_publisher_fail:
 * @task: an operation's task
 * @error: (transfer full): why it failed
 *
 * Ends the operation with @error; a request cut off by the deadline says
 * so, as a failure to try again.
 */
void
_liveline_wordpress_publisher_fail (GTask  *task,
                                    GError *error)
{
  Job *job = g_task_get_task_data (task);

  g_task_return_error (task, liveline_request_guard_take_error (&job->guard, error,
                                                                _("The WordPress site")));
}

/* Reading answers and writing requests */

const char *
_liveline_wordpress_get_string (JsonObject *object,
                                const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/* WordPress's ids are positive integers; 0 when there is none. */
gint64
_liveline_wordpress_get_id (JsonObject *object,
                            const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;
  gint64 id;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return 0;

  id = json_node_get_int (node);

  return id > 0 ? id : 0;
}

gboolean
_liveline_wordpress_parse_id (const char *text,
                              gint64     *id)
{
  guint64 value;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;

  *id = (gint64)value;

  return TRUE;
}

/* Titles and captions are HTML on WordPress. Plain text is stored the way
 * WordPress itself stores it for an author who may not write HTML, so that
 * a "<" in a headline is never taken for a tag. */
char *
_liveline_wordpress_escape_text (const char *text)
{
  GString *escaped = g_string_sized_new (text != NULL ? strlen (text) : 0);

  for (const char *p = text; p != NULL && *p != '\0'; p++)
    {
      if (*p == '&')
        g_string_append (escaped, "&amp;");
      else if (*p == '<')
        g_string_append (escaped, "&lt;");
      else if (*p == '>')
        g_string_append (escaped, "&gt;");
      else
        g_string_append_c (escaped, *p);
    }

  return g_string_free (escaped, FALSE);
}

GError *
_liveline_wordpress_unreadable_answer (void)
{
  return liveline_publisher_error_new_literal (LIVELINE_PUBLISHER_ERROR_TRANSIENT, 0,
                                               _("The WordPress site gave an answer Liveline cannot read."));
}

/* WordPress takes a request whose password it does not accept for one from
 * nobody, and may then refuse a parameter that only a signed-in user may
 * give, such as `status=any`: 400 `rest_invalid_param`, with the status it
 * would have given that parameter alone, 401 or 403, among its details. */
static guint
status_of_refused_param (JsonObject *problem)
{
  JsonNode *data = json_object_get_member (problem, "data");
  JsonNode *details;
  guint status = 0;

  if (g_strcmp0 (_liveline_wordpress_get_string (problem, "code"), "rest_invalid_param") != 0 ||
      data == NULL || !JSON_NODE_HOLDS_OBJECT (data) ||
      (details = json_object_get_member (json_node_get_object (data), "details")) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (details))
    return 0;

  for (GList *l = json_object_get_values (json_node_get_object (details)); l != NULL; l = g_list_delete_link (l, l))
    {
      JsonNode *param_data = NULL;
      gint64 param_status;

      if (JSON_NODE_HOLDS_OBJECT (l->data))
        param_data = json_object_get_member (json_node_get_object (l->data), "data");
      if (param_data == NULL || !JSON_NODE_HOLDS_OBJECT (param_data))
        continue;

      param_status = _liveline_wordpress_get_id (json_node_get_object (param_data), "status");
      if (param_status == SOUP_STATUS_UNAUTHORIZED || param_status == SOUP_STATUS_FORBIDDEN)
        status = (guint)param_status;
    }

  return status;
}

/* WordPress explains a refusal as {"code": …, "message": …, "data": {"status": …}}. */
GError *
_liveline_wordpress_error_from_status (SoupMessage *message,
                                       JsonObject  *problem)
{
  guint status = soup_message_get_status (message);
  const char *code = _liveline_wordpress_get_string (problem, "code");
  const char *explanation = _liveline_wordpress_get_string (problem, "message");
  g_autofree char *fallback = NULL;
  LivelinePublisherError error_code;

  if (explanation != NULL && explanation[0] == '\0')
    explanation = NULL;

  if (status == SOUP_STATUS_BAD_REQUEST && problem != NULL && status_of_refused_param (problem) != 0)
    {
      status = status_of_refused_param (problem);
      explanation = NULL;
    }

  if (status == SOUP_STATUS_UNAUTHORIZED)
    {
      /* WordPress says "You are not currently logged in." whatever was wrong. */
      error_code = LIVELINE_PUBLISHER_ERROR_AUTH;
      explanation = NULL;
      fallback = g_strdup (_("WordPress did not accept the user name or the application password."));
    }
  else if (status == SOUP_STATUS_FORBIDDEN)
    {
      error_code = LIVELINE_PUBLISHER_ERROR_AUTH;
      fallback = g_strdup (_("WordPress does not let this user publish there."));
    }
  else if (status == SOUP_STATUS_NOT_FOUND)
    {
      error_code = LIVELINE_PUBLISHER_ERROR_NOT_FOUND;
      fallback = g_strdup (_("The WordPress site does not have this update."));
    }
  else if (status == SOUP_STATUS_INTERNAL_SERVER_ERROR &&
           g_strcmp0 (code, "rest_upload_sideload_error") == 0)
    {
      /* The file itself is refused, such as a type the site does not take:
       * sending it again will not help. */
      error_code = LIVELINE_PUBLISHER_ERROR_PERMANENT;
      fallback = g_strdup (_("WordPress refused the photo."));
    }
  else if (status == SOUP_STATUS_REQUEST_TIMEOUT ||
           status == 429 || /* Too Many Requests; libsoup 3.2 has no name for it */
           (status >= 500 && status <= 599))
    {
      error_code = LIVELINE_PUBLISHER_ERROR_TRANSIENT;
      /* Translators: %u is an HTTP status code, such as 503 */
      fallback = g_strdup_printf (_("The WordPress site cannot take updates now (error %u)."), status);
    }
  else if (status >= 300 && status <= 399)
    {
      const char *location = soup_message_headers_get_one (soup_message_get_response_headers (message),
                                                           "Location");

      /* Redirects are not followed: the password would go along. Where it
       * points helps the journalist put the right address. */
      error_code = LIVELINE_PUBLISHER_ERROR_PERMANENT;
      explanation = NULL;
      if (location != NULL && g_utf8_validate (location, -1, NULL))
        /* Translators: %s is a web address */
        fallback = g_strdup_printf (_("The WordPress site has moved to %s. Check its address."), location);
      else
        fallback = g_strdup (_("The WordPress site has moved. Check its address."));
    }
  else if (status >= 400 && status <= 499)
    {
      error_code = LIVELINE_PUBLISHER_ERROR_PERMANENT;
      /* Translators: %u is an HTTP status code, such as 400 */
      fallback = g_strdup_printf (_("WordPress refused the update (error %u)."), status);
    }
  else
    {
      return _liveline_wordpress_unreadable_answer ();
    }

  return liveline_publisher_error_new_literal (error_code, liveline_request_get_retry_after (message),
                                               explanation != NULL ? explanation : fallback);
}

GError *
_liveline_wordpress_unreachable (GError *error)
{
  g_autofree char *message = NULL;

  /* Translators: %s says what went wrong, such as "Connection refused" */
  message = g_strdup_printf (_("Could not reach the WordPress site: %s"), error->message);

  return liveline_publisher_error_new_literal (LIVELINE_PUBLISHER_ERROR_TRANSIENT, 0, message);
}

/* Calls */

typedef struct
{
  char        *method;
  char        *route;
  GBytes      *body;
  char        *content_type;
  char        *disposition;
  SoupMessage *message;
  JsonObject  *problem;
  /* How much of the answer is read: a GET asks for a page of a list (or
   * the user), an upload is answered with a photo, anything else with
   * one post or category. */
  LivelineAnswerKind kind;
} Call;

static void
call_free (Call *call)
{
  g_free (call->method);
  g_free (call->route);
  g_clear_pointer (&call->body, g_bytes_unref);
  g_free (call->content_type);
  g_free (call->disposition);
  g_clear_object (&call->message);
  g_clear_pointer (&call->problem, json_object_unref);
  g_free (call);
}

static void
on_call_sent (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Call *call = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonNode) answer = NULL;
  guint status;

  body = liveline_answer_read_finish (SOUP_SESSION (object), result, &error);
  if (body == NULL)
    {
      /* Cancelled, or an answer over its limit */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          error->domain == LIVELINE_PUBLISHER_ERROR)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_error (task, _liveline_wordpress_unreachable (error));
      return;
    }

  status = soup_message_get_status (call->message);
  g_debug ("%s %s: %u", call->method, call->route, status);
  answer = liveline_answer_parse_json (body, liveline_answer_get_max_size (call->kind), &error);

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      if (answer != NULL && JSON_NODE_HOLDS_OBJECT (answer))
        call->problem = json_object_ref (json_node_get_object (answer));
      g_task_return_error (task, _liveline_wordpress_error_from_status (call->message, call->problem));
      return;
    }

  if (answer == NULL)
    {
      /* Over a limit, the answer's own reason; else WordPress's garbage. */
      if (g_error_matches (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_PERMANENT))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_error (task, _liveline_wordpress_unreadable_answer ());
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&answer), (GDestroyNotify)json_node_unref);
}

static void
send_call (GTask *task)
{
  LivelineWordpressPublisher *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  g_autofree char *url = _liveline_wordpress_build_url (self->rest_root, call->route);
  SoupMessageHeaders *headers;

  call->message = soup_message_new (call->method, url);
  if (call->message == NULL)
    {
      g_task_return_error (task,
                           liveline_publisher_error_new_literal (LIVELINE_PUBLISHER_ERROR_PERMANENT, 0,
                                                                 _("The address of the WordPress site is not a web address.")));
      g_object_unref (task);
      return;
    }

  soup_message_add_flags (call->message, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (call->message);
  soup_message_headers_replace (headers, "Authorization", self->authorization);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (call->disposition != NULL)
    soup_message_headers_replace (headers, "Content-Disposition", call->disposition);
  if (call->body != NULL)
    soup_message_set_request_body_from_bytes (call->message, call->content_type, call->body);

  liveline_answer_read_async (self->session, call->message, call->kind,
                              g_task_get_cancellable (task), on_call_sent, task);
}

static void
on_api_found (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) error = NULL;

  if (!_liveline_wordpress_publisher_find_api_finish (LIVELINE_WORDPRESS_PUBLISHER (object), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  send_call (task);
}

static void
start_call (LivelineWordpressPublisher *self,
            Call                       *call,
            GCancellable               *cancellable,
            GAsyncReadyCallback         callback,
            gpointer                    user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, start_call);
  g_task_set_task_data (task, call, (GDestroyNotify)call_free);

  if (self->url_error != NULL)
    {
      g_task_return_error (task, g_error_copy (self->url_error));
      g_object_unref (task);
    }
  else if (self->rest_root == NULL)
    {
      _liveline_wordpress_publisher_find_api_async (self, cancellable, on_api_found, task);
    }
  else
    {
      send_call (task);
    }
}

/**
 * _liveline_wordpress_publisher_call_async:
 * @self: a #LivelineWordpressPublisher
 * @method: the HTTP method
 * @route: the route, relative to the REST API's root, with its query
 * @body: (nullable): the JSON to send
 * @cancellable: (nullable): the operation's #GCancellable
 * @callback: called with the answer
 * @user_data: for @callback
 *
 * Sends one request to the REST API, finding the API first if need be.
 */
void
_liveline_wordpress_publisher_call_async (LivelineWordpressPublisher *self,
                                          const char                 *method,
                                          const char                 *route,
                                          JsonNode                   *body,
                                          GCancellable               *cancellable,
                                          GAsyncReadyCallback         callback,
                                          gpointer                    user_data)
{
  Call *call = g_new0 (Call, 1);

  call->method = g_strdup (method);
  call->route = g_strdup (route);
  call->kind = g_str_equal (method, SOUP_METHOD_GET) ? LIVELINE_ANSWER_LIST : LIVELINE_ANSWER_POST;
  if (body != NULL)
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      gsize length;
      char *data;

      json_generator_set_root (generator, body);
      data = json_generator_to_data (generator, &length);
      call->body = g_bytes_new_take (data, length);
      call->content_type = g_strdup ("application/json");
    }

  start_call (self, call, cancellable, callback, user_data);
}

/**
 * _liveline_wordpress_publisher_upload_async:
 * @self: a #LivelineWordpressPublisher
 * @route: the route, relative to the REST API's root, with its query
 * @bytes: the file
 * @content_type: its type
 * @filename: the name WordPress is to give it: printable ASCII, without
 *   quotes or semicolons, which WordPress does not read back
 * @cancellable: (nullable): the operation's #GCancellable
 * @callback: called with the answer
 * @user_data: for @callback
 *
 * Sends a file as the body of a POST, the way `wp/v2/media` takes it.
 */
void
_liveline_wordpress_publisher_upload_async (LivelineWordpressPublisher *self,
                                            const char                 *route,
                                            GBytes                     *bytes,
                                            const char                 *content_type,
                                            const char                 *filename,
                                            GCancellable               *cancellable,
                                            GAsyncReadyCallback         callback,
                                            gpointer                    user_data)
{
  Call *call = g_new0 (Call, 1);

  call->method = g_strdup (SOUP_METHOD_POST);
  call->route = g_strdup (route);
  call->kind = LIVELINE_ANSWER_MEDIA;
  call->body = g_bytes_ref (bytes);
  call->content_type = g_strdup (content_type);
  call->disposition = g_strdup_printf ("attachment; filename=\"%s\"", filename);

  start_call (self, call, cancellable, callback, user_data);
}

/**
 * _liveline_wordpress_publisher_call_finish:
 * @self: a #LivelineWordpressPublisher
 * @result: the result given to the callback
 * @problem: (out) (optional) (nullable): WordPress's explanation of a
 *   refusal, `{"code": …, "message": …, "data": …}`, when it gave one
 * @error: a location for a #GError
 *
 * Returns: (transfer full): the JSON WordPress answered, or %NULL with
 *   @error set
 */
JsonNode *
_liveline_wordpress_publisher_call_finish (LivelineWordpressPublisher  *self,
                                           GAsyncResult                *result,
                                           JsonObject                 **problem,
                                           GError                     **error)
{
  Call *call;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == start_call, NULL);

  call = g_task_get_task_data (G_TASK (result));
  if (problem != NULL)
    *problem = call->problem != NULL ? json_object_ref (call->problem) : NULL;

  return g_task_propagate_pointer (G_TASK (result), error);
}
