/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-micropub-publisher"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "liveline-endpoint-url.h"
#include "liveline-micropub-publisher-private.h"
#include "liveline-post-html.h"
#include "liveline-post.h"
#include "liveline-request-guard.h"

/* The HTTP half of LivelineMicropubPublisher: requests as the W3C Micropub
 * recommendation wants them, each with a deadline, and answers and failures
 * read back into what the outbox acts on.
 */

typedef struct
{
  SoupMessage          *message;
  LivelineAnswerKind    kind;
  LivelineRequestGuard  guard;
} Request;

static void
request_free (Request *request)
{
  liveline_request_guard_clear (&request->guard);
  g_clear_object (&request->message);
  g_free (request);
}

/* Requests */

/**
 * _liveline_micropub_publisher_new_message:
 * @self: a #LivelineMicropubPublisher
 * @method: the HTTP method
 * @url: where to send it: checked like the address the journalist typed,
 *   since a discovered address comes from a page anyone may have written
 * @with_token: whether the bearer token goes along
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): a message that never follows a
 *   redirect, or %NULL with @error set when @url may not be used
 */
SoupMessage *
_liveline_micropub_publisher_new_message (LivelineMicropubPublisher  *self,
                                          const char                 *method,
                                          const char                 *url,
                                          gboolean                    with_token,
                                          GError                    **error)
{
  g_autoptr(GError) url_error = liveline_endpoint_url_check (url);
  SoupMessageHeaders *headers;
  SoupMessage *message;

  if (url_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&url_error));
      return NULL;
    }

  message = soup_message_new (method, url);
  if (message == NULL)
    {
      g_propagate_error (error,
                         liveline_publisher_error_new_literal (LIVELINE_PUBLISHER_ERROR_PERMANENT, 0,
                                                               _("The address of the blog’s endpoint is not a web address.")));
      return NULL;
    }

  /* A redirect would take the token along to wherever it points. */
  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);

  headers = soup_message_get_request_headers (message);
  if (with_token)
    {
      soup_message_headers_replace (headers, "Accept", "application/json");
      if (self->token != NULL)
        {
          g_autofree char *authorization = g_strconcat ("Bearer ", self->token, NULL);

          soup_message_headers_replace (headers, "Authorization", authorization);
        }
    }

  return message;
}

/**
 * _liveline_micropub_publisher_new_query:
 * @self: a #LivelineMicropubPublisher, discovered
 * @query: what to ask, such as `config` or `source`
 * @post_url: (nullable): the post asked about
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): a GET of the Micropub endpoint
 */
SoupMessage *
_liveline_micropub_publisher_new_query (LivelineMicropubPublisher  *self,
                                        const char                 *query,
                                        const char                 *post_url,
                                        GError                    **error)
{
  GString *url = g_string_new (self->endpoint);
  g_autofree char *text = NULL;

  /* An endpoint may have a query of its own, such as ?site=2. */
  g_string_append_c (url, strchr (self->endpoint, '?') != NULL ? '&' : '?');
  g_string_append (url, "q=");
  g_string_append_uri_escaped (url, query, NULL, FALSE);
  if (post_url != NULL)
    {
      g_string_append (url, "&url=");
      g_string_append_uri_escaped (url, post_url, NULL, FALSE);
    }
  text = g_string_free (url, FALSE);

  return _liveline_micropub_publisher_new_message (self, SOUP_METHOD_GET, text, TRUE, error);
}

/**
 * _liveline_micropub_publisher_new_json_post:
 * @self: a #LivelineMicropubPublisher, discovered
 * @body: what to send: an entry to create, or an action
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): a POST of @body to the Micropub
 *   endpoint
 */
SoupMessage *
_liveline_micropub_publisher_new_json_post (LivelineMicropubPublisher  *self,
                                            JsonNode                   *body,
                                            GError                    **error)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GBytes) bytes = NULL;
  SoupMessage *message;
  char *data;
  gsize length;

  message = _liveline_micropub_publisher_new_message (self, SOUP_METHOD_POST, self->endpoint,
                                                      TRUE, error);
  if (message == NULL)
    return NULL;

  json_generator_set_root (generator, body);
  data = json_generator_to_data (generator, &length);
  bytes = g_bytes_new_take (data, length);
  soup_message_set_request_body_from_bytes (message, "application/json", bytes);

  return message;
}

static void
on_sent (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  GBytes *body;

  liveline_request_guard_stop_clock (&request->guard);

  body = liveline_answer_read_finish (SOUP_SESSION (object), result, &error);
  if (body != NULL)
    {
      g_debug ("%s %s: %u", soup_message_get_method (request->message),
               g_uri_get_path (soup_message_get_uri (request->message)),
               soup_message_get_status (request->message));
      g_task_return_pointer (task, body, (GDestroyNotify)g_bytes_unref);
      return;
    }

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
}

/**
 * _liveline_micropub_publisher_send_kind_async:
 * @self: a #LivelineMicropubPublisher
 * @message: a message from _liveline_micropub_publisher_new_message()
 * @kind: what the answer is, which bounds how much of it is read
 * @cancellable: (nullable): the caller's #GCancellable
 * @callback: called with the answer
 * @user_data: for @callback
 *
 * Sends @message, and gives up on it after the request deadline however
 * steadily the server answers. Whatever the status, the answer is given to
 * the caller, who reads it from @message: what a 400 or a 404 means
 * depends on the question.
 */
void
_liveline_micropub_publisher_send_kind_async (LivelineMicropubPublisher *self,
                                              SoupMessage               *message,
                                              LivelineAnswerKind         kind,
                                              GCancellable              *cancellable,
                                              GAsyncReadyCallback        callback,
                                              gpointer                   user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  Request *request = g_new0 (Request, 1);

  g_task_set_source_tag (task, _liveline_micropub_publisher_send_kind_async);

  request->message = g_object_ref (message);
  request->kind = kind;
  g_task_set_task_data (task, request, (GDestroyNotify)request_free);

  liveline_request_guard_start (&request->guard, cancellable, self->request_deadline);
  liveline_answer_read_async (self->session, message, kind, request->guard.cancellable, on_sent,
                              g_steal_pointer (&task));
}

/**
 * _liveline_micropub_publisher_send_async:
 * @self: a #LivelineMicropubPublisher
 * @message: a message from _liveline_micropub_publisher_new_message()
 * @cancellable: (nullable): the caller's #GCancellable
 * @callback: called with the answer
 * @user_data: for @callback
 *
 * Sends @message, whose answer is about one post: see
 * _liveline_micropub_publisher_send_kind_async().
 */
void
_liveline_micropub_publisher_send_async (LivelineMicropubPublisher *self,
                                         SoupMessage               *message,
                                         GCancellable              *cancellable,
                                         GAsyncReadyCallback        callback,
                                         gpointer                   user_data)
{
  _liveline_micropub_publisher_send_kind_async (self, message, LIVELINE_ANSWER_POST, cancellable,
                                                callback, user_data);
}

/**
 * _liveline_micropub_publisher_send_finish:
 * @self: a #LivelineMicropubPublisher
 * @result: the result given to the callback
 * @error: a location for a #GError
 *
 * Returns: (transfer full): the answer's body, perhaps empty; %NULL with
 *   @error set when no answer came (%LIVELINE_PUBLISHER_ERROR_TRANSIENT, or
 *   %G_IO_ERROR_CANCELLED)
 */
GBytes *
_liveline_micropub_publisher_send_finish (LivelineMicropubPublisher  *self,
                                          GAsyncResult               *result,
                                          GError                    **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Answers */

/**
 * _liveline_micropub_publisher_parse_object:
 * @body: (nullable): an answer's body
 * @kind: what the answer is
 * @error: (nullable): a location for a #GError
 *
 * Returns: (transfer full) (nullable): the JSON object of the answer; else
 *   %NULL with @error set: the answer's own reason when it is over a limit,
 *   else that the answer cannot be read
 */
JsonObject *
_liveline_micropub_publisher_parse_object (GBytes              *body,
                                           LivelineAnswerKind   kind,
                                           GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) root = NULL;

  root = liveline_answer_parse_json (body, liveline_answer_get_max_size (kind), &local_error);
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    return json_object_ref (json_node_get_object (root));

  if (g_error_matches (local_error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_PERMANENT))
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    g_propagate_error (error, _liveline_micropub_publisher_unreadable_answer ());

  return NULL;
}

/* A member that is a non-empty string, or NULL. */
const char *
_liveline_micropub_publisher_get_string (JsonObject *object,
                                         const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;
  const char *text;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  text = json_node_get_string (node);

  return text[0] != '\0' ? text : NULL;
}

/**
 * _liveline_micropub_publisher_error_from_status:
 * @message: a message that was answered with a failure
 * @body: (nullable): the answer's body
 *
 * Reads a refusal as the outbox acts on it. The words of a refused update
 * are the server's: `error_description` as the recommendation has it, else
 * `message`, which some servers (such as @benjifs/micropub) use instead,
 * else the bare `error` code. A refused token is said in Liveline's words.
 *
 * Returns: (transfer full): a %LIVELINE_PUBLISHER_ERROR
 */
GError *
_liveline_micropub_publisher_error_from_status (SoupMessage *message,
                                                GBytes      *body)
{
  guint status = soup_message_get_status (message);
  g_autoptr(JsonObject) problem = _liveline_micropub_publisher_parse_object (body, LIVELINE_ANSWER_POST,
                                                                            NULL);
  g_autofree char *text = NULL;
  const char *code = _liveline_micropub_publisher_get_string (problem, "error");
  const char *words;
  LivelinePublisherError kind;

  words = _liveline_micropub_publisher_get_string (problem, "error_description");
  if (words == NULL)
    words = _liveline_micropub_publisher_get_string (problem, "message");
  if (words == NULL)
    words = code;

  if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
    {
      /* Servers explain in codes ("unauthorized", "insufficient_scope"):
       * say instead where the journalist can put it right. */
      kind = LIVELINE_PUBLISHER_ERROR_AUTH;
      if (g_strcmp0 (code, "insufficient_scope") == 0)
        text = g_strdup (_("The endpoint refused the token: it may not publish on this site. "
                           "Check it in Preferences."));
      else
        text = g_strdup (_("The endpoint refused the token: check it in Preferences."));
    }
  else if (status == SOUP_STATUS_NOT_FOUND || status == SOUP_STATUS_GONE)
    {
      kind = LIVELINE_PUBLISHER_ERROR_NOT_FOUND;
      text = g_strdup (_("The Micropub endpoint does not have this update."));
    }
  else if (status == SOUP_STATUS_REQUEST_TIMEOUT ||
           status == 429 || /* Too Many Requests; libsoup 3.2 has no name for it */
           (status >= 500 && status <= 599))
    {
      kind = LIVELINE_PUBLISHER_ERROR_TRANSIENT;
      /* Translators: %u is an HTTP status code, such as 503 */
      text = g_strdup_printf (_("The blog’s endpoint cannot take updates now (error %u)."), status);
    }
  else if (status >= 300 && status <= 399)
    {
      /* Redirects are not followed: the token would go along. */
      kind = LIVELINE_PUBLISHER_ERROR_PERMANENT;
      text = g_strdup (_("The blog’s endpoint has moved. Check its address."));
    }
  else if (status >= 400 && status <= 499)
    {
      kind = LIVELINE_PUBLISHER_ERROR_PERMANENT;
      if (words != NULL)
        /* Translators: %s is the server's own words, such as "file exists" */
        text = g_strdup_printf (_("The Micropub endpoint refused the update: %s"), words);
      else
        /* Translators: %u is an HTTP status code, such as 422 */
        text = g_strdup_printf (_("The blog’s endpoint refused the update (error %u)."), status);
    }
  else
    {
      return _liveline_micropub_publisher_unreadable_answer ();
    }

  return liveline_publisher_error_new_literal (kind, liveline_request_get_retry_after (message), text);
}

GError *
_liveline_micropub_publisher_unreadable_answer (void)
{
  return liveline_publisher_error_new_literal (LIVELINE_PUBLISHER_ERROR_TRANSIENT, 0,
                                               _("The blog’s endpoint gave an answer Liveline cannot read."));
}

/**
 * _liveline_micropub_publisher_dup_location:
 * @message: an answered message
 *
 * Returns: (transfer full) (nullable): the answer's Location, made absolute
 *   against the address asked, if it is a web address
 */
char *
_liveline_micropub_publisher_dup_location (SoupMessage *message)
{
  const char *location;
  g_autofree char *asked = NULL;

  location = soup_message_headers_get_one (soup_message_get_response_headers (message), "Location");
  asked = g_uri_to_string (soup_message_get_uri (message));

  return liveline_uri_resolve_web (asked, location);
}

/**
 * _liveline_micropub_publisher_dup_answer_date:
 * @message: an answered message
 *
 * When the server answered, by its own clock: what an update it has just
 * taken is dated, as the server dates an entry sent without `published`
 * when it takes it.
 *
 * Returns: (transfer full): the time of the answer's `Date` header; when
 *   it has none that can be read, the time now by this computer's clock
 */
GDateTime *
_liveline_micropub_publisher_dup_answer_date (SoupMessage *message)
{
  const char *date = soup_message_headers_get_one (soup_message_get_response_headers (message), "Date");
  GDateTime *answered_at = NULL;

  if (date != NULL)
    answered_at = soup_date_time_new_from_http_string (date);

  return answered_at != NULL ? answered_at : g_date_time_new_now_utc ();
}

/* What is sent */

/**
 * _liveline_micropub_publisher_slug:
 * @post: a #LivelinePost
 *
 * Returns: (transfer full): the `mp-slug` the post is created with, from
 *   its UUID: what finds it again when the answer to its create was lost
 */
char *
_liveline_micropub_publisher_slug (LivelinePost *post)
{
  g_autofree char *uuid = g_ascii_strdown (liveline_post_get_uuid (post), -1);

  return g_strconcat ("liveline-", uuid, NULL);
}

static void
set_values (JsonObject *object,
            const char *name,
            JsonArray  *values)
{
  json_object_set_array_member (object, name, values);
}

static JsonArray *
one_string (const char *value)
{
  JsonArray *array = json_array_new ();

  json_array_add_string_element (array, value);

  return array;
}

/**
 * _liveline_micropub_publisher_post_properties:
 * @post: a #LivelinePost
 * @photo_url: (nullable): where its uploaded photo is
 *
 * The post as Micropub properties: `name` (the headline, left out when
 * there is none), `content` (the body and the photo's figure, with caption
 * and credit, as HTML), `photo` (with its alt text), `category`
 * (`key-moment` and `pinned`, for what Liveline marks so; left out when
 * neither) and `mp-slug`.
 *
 * No `published` goes: an update is dated when it goes out, which the
 * server does when it takes an entry without one, by its own clock. It is
 * not dated when it was written: one written on a train and sent an hour
 * later would appear an hour down the live blog, below what came
 * meanwhile; and a laptop whose clock runs ahead would date it in the
 * future, which a static site holds back until then. A correction sends
 * no date either, so the server keeps the first.
 *
 * Returns: (transfer full): the properties of an h-entry
 */
JsonObject *
_liveline_micropub_publisher_post_properties (LivelinePost *post,
                                              const char   *photo_url)
{
  JsonObject *properties = json_object_new ();
  const char *headline = liveline_post_get_headline (post);
  g_autofree char *html = liveline_post_html_render (post, photo_url);
  g_autofree char *slug = _liveline_micropub_publisher_slug (post);
  JsonObject *content = json_object_new ();
  JsonArray *contents = json_array_new ();
  JsonArray *categories = json_array_new ();

  if (headline != NULL && headline[0] != '\0')
    set_values (properties, "name", one_string (headline));

  json_object_set_string_member (content, "html", html);
  json_array_add_object_element (contents, content);
  set_values (properties, "content", contents);

  if (photo_url != NULL)
    {
      const char *alt = liveline_post_get_image_alt (post);
      JsonArray *photos = json_array_new ();

      /* The plain form when there is no alt text, which every server reads. */
      if (alt != NULL && alt[0] != '\0')
        {
          JsonObject *photo = json_object_new ();

          json_object_set_string_member (photo, "value", photo_url);
          json_object_set_string_member (photo, "alt", alt);
          json_array_add_object_element (photos, photo);
        }
      else
        {
          json_array_add_string_element (photos, photo_url);
        }
      set_values (properties, "photo", photos);
    }

  if (liveline_post_get_key_moment (post))
    json_array_add_string_element (categories, "key-moment");
  if (liveline_post_get_pinned (post))
    json_array_add_string_element (categories, "pinned");
  if (json_array_get_length (categories) > 0)
    set_values (properties, "category", categories);
  else
    json_array_unref (categories);

  set_values (properties, "mp-slug", one_string (slug));

  return properties;
}

/**
 * _liveline_micropub_publisher_entry:
 * @properties: from _liveline_micropub_publisher_post_properties()
 *
 * Returns: (transfer full): the JSON body of a create
 */
JsonNode *
_liveline_micropub_publisher_entry (JsonObject *properties)
{
  JsonObject *entry = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  set_values (entry, "type", one_string ("h-entry"));
  json_object_set_object_member (entry, "properties", json_object_ref (properties));
  json_node_take_object (node, entry);

  return node;
}

/**
 * _liveline_micropub_publisher_action:
 * @action: `update`, `delete` or `undelete`
 * @post_url: the post's URL
 * @operation: (nullable): for an update, `replace`, `add` or `delete`
 * @value: (nullable) (transfer full): what goes with @operation
 *
 * Returns: (transfer full): the JSON body of an action on a post
 */
JsonNode *
_liveline_micropub_publisher_action (const char *action,
                                     const char *post_url,
                                     const char *operation,
                                     JsonNode   *value)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (object, "action", action);
  json_object_set_string_member (object, "url", post_url);
  if (operation != NULL && value != NULL)
    json_object_set_member (object, operation, value);
  else if (value != NULL)
    json_node_unref (value);
  json_node_take_object (node, object);

  return node;
}
