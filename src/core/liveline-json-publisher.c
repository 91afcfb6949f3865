/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-json-publisher"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "liveline-json-publisher.h"
#include "liveline-markdown.h"
#include "liveline-post.h"

/**
 * LivelineJsonPublisher:
 *
 * The client of the Liveline JSON API (docs/api.md): what `liveline-server`
 * and any newsroom endpoint that speaks the API are sent posts through.
 *
 * The #SoupSession is shared and belongs to whoever made it, who also sets
 * how long a request may take with its #SoupSession:timeout and
 * #SoupSession:idle-timeout properties; a request that runs out of time
 * fails as %LIVELINE_PUBLISHER_ERROR_TRANSIENT, like any other network
 * error.
 *
 * Plain `http://` is only spoken to this computer (127.0.0.0/8, ::1,
 * localhost): any other `http://` address, or an address that is not a web
 * address at all, makes every request fail with
 * %LIVELINE_PUBLISHER_ERROR_PERMANENT before anything is sent. Redirects are
 * never followed, so the token only ever goes to the address it was given
 * for; it is never logged and cannot be read back from the object.
 */

struct _LivelineJsonPublisher
{
  GObject      parent_instance;

  SoupSession *session;
  char        *base_url;
  char        *blog;
  char        *token;

  /* Why base_url is not acceptable, NULL when it is. */
  GError      *url_error;
};

typedef enum
{
  OPERATION_UPLOAD_MEDIA,
  OPERATION_CREATE,
  OPERATION_UPDATE,
  OPERATION_DELETE,
  OPERATION_FIND_BY_KEY,
} Operation;

typedef struct
{
  SoupMessage *message;
  Operation    operation;
  char        *content_type;
} Request;

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
request_free (Request *request)
{
  g_clear_object (&request->message);
  g_free (request->content_type);
  g_free (request);
}

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);

  return address != NULL && g_inet_address_get_is_loopback (address);
}

static GError *
check_base_url (const char *base_url)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  if (base_url != NULL)
    uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
    return liveline_publisher_error_new_literal (LIVELINE_PUBLISHER_ERROR_PERMANENT, 0,
                                                 _("The address of the blog’s endpoint is not a web address."));

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);

  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return NULL;

  if (g_ascii_strcasecmp (scheme, "http") == 0)
    {
      g_autofree char *message = NULL;

      if (host_is_loopback (host))
        return NULL;

      /* Translators: %s is a host name, such as example.com */
      message = g_strdup_printf (_("Updates are sent over unencrypted http:// only to this computer. "
                                   "Use an https:// address for %s."), host);

      return liveline_publisher_error_new_literal (LIVELINE_PUBLISHER_ERROR_PERMANENT, 0, message);
    }

  return liveline_publisher_error_new_literal (LIVELINE_PUBLISHER_ERROR_PERMANENT, 0,
                                               _("The address of the blog’s endpoint must start with https://."));
}

static void
liveline_json_publisher_constructed (GObject *object)
{
  LivelineJsonPublisher *self = LIVELINE_JSON_PUBLISHER (object);

  G_OBJECT_CLASS (liveline_json_publisher_parent_class)->constructed (object);

  self->url_error = check_base_url (self->base_url);

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
}

/* Answers */

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

static JsonObject *
parse_object (GBytes *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (body == NULL || g_bytes_get_size (body) == 0 ||
      !json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                   g_bytes_get_size (body), NULL))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  return json_object_ref (json_node_get_object (root));
}

static LivelineRemoteMedia *
parse_media (JsonObject *object)
{
  g_autoptr(LivelineRemoteMedia) media = g_new0 (LivelineRemoteMedia, 1);
  const char *id = get_string_member (object, "id");
  const char *url = get_string_member (object, "url");

  if (id == NULL || id[0] == '\0' || url == NULL)
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

  if (id == NULL || id[0] == '\0' || url == NULL)
    return NULL;

  post->id = g_strdup (id);
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

static guint
parse_retry_after (SoupMessage *message)
{
  const char *value;
  guint64 seconds;
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) now = NULL;
  GTimeSpan wait;

  value = soup_message_headers_get_one (soup_message_get_response_headers (message),
                                        "Retry-After");
  if (value == NULL)
    return 0;

  if (g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT, &seconds, NULL))
    return (guint)seconds;

  /* The other form HTTP allows: a date. */
  when = soup_date_time_new_from_http_string (value);
  if (when == NULL)
    return 0;

  now = g_date_time_new_now_utc ();
  wait = g_date_time_difference (when, now);
  if (wait <= 0)
    return 0;

  return (guint)MIN ((wait + G_TIME_SPAN_SECOND - 1) / G_TIME_SPAN_SECOND, G_MAXUINT);
}

static GError *
error_from_status (SoupMessage *message,
                   GBytes      *body)
{
  guint status = soup_message_get_status (message);
  g_autoptr(JsonObject) problem = parse_object (body);
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
      code = LIVELINE_PUBLISHER_ERROR_AUTH;
      fallback = g_strdup (_("The blog’s endpoint did not accept the token."));
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

  return liveline_publisher_error_new_literal (code, parse_retry_after (message),
                                               detail != NULL ? detail : fallback);
}

static GError *
unreadable_answer (void)
{
  return liveline_publisher_error_new_literal (LIVELINE_PUBLISHER_ERROR_TRANSIENT, 0,
                                               _("The blog’s endpoint gave an answer Liveline cannot read."));
}

static void
on_sent (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonObject) object_answer = NULL;
  guint status;

  body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  if (body == NULL)
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
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

  object_answer = parse_object (body);
  if (object_answer == NULL)
    {
      g_task_return_error (task, unreadable_answer ());
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

static SoupMessage *
new_message (LivelineJsonPublisher  *self,
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
  authorization = g_strconcat ("Bearer ", self->token != NULL ? self->token : "", NULL);
  soup_message_headers_replace (headers, "Authorization", authorization);
  soup_message_headers_replace (headers, "Accept", "application/json, application/problem+json");
  if (idempotency_key != NULL)
    soup_message_headers_replace (headers, "Idempotency-Key", idempotency_key);

  return message;
}

static char *
posts_path (LivelineJsonPublisher *self,
            const char            *remote_id)
{
  g_autofree char *blog = g_uri_escape_string (self->blog != NULL ? self->blog : "", NULL, FALSE);
  g_autofree char *id = NULL;

  if (remote_id == NULL)
    return g_strdup_printf ("/api/v1/blogs/%s/posts", blog);

  id = g_uri_escape_string (remote_id, NULL, FALSE);

  return g_strdup_printf ("/api/v1/blogs/%s/posts/%s", blog, id);
}

static void
send_request (LivelineJsonPublisher *self,
              GTask                 *task,
              SoupMessage           *message,
              Operation              operation)
{
  Request *request = g_new0 (Request, 1);

  request->message = g_object_ref (message);
  request->operation = operation;
  g_task_set_task_data (task, request, (GDestroyNotify)request_free);

  soup_session_send_and_read_async (self->session, message, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), on_sent, g_object_ref (task));
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

static GBytes *
post_to_json (LivelinePost *post,
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

static void
set_json_body (SoupMessage *message,
               GBytes      *body)
{
  soup_message_set_request_body_from_bytes (message, "application/json", body);
}

/* upload_media */

static void
on_media_loaded (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LivelineJsonPublisher *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  GCancellable *cancellable;
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

  cancellable = g_task_get_cancellable (task);
  soup_session_send_and_read_async (self->session, request->message, G_PRIORITY_DEFAULT,
                                    cancellable, on_sent, g_steal_pointer (&task));
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
  Request *request;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liveline_json_publisher_upload_media_async);

  message = new_message (self, SOUP_METHOD_POST, "/api/v1/media", idempotency_key, &error);
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
  g_task_set_task_data (task, request, (GDestroyNotify)request_free);

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
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *path = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liveline_json_publisher_create_async);

  path = posts_path (self, NULL);
  message = new_message (self, SOUP_METHOD_POST, path, idempotency_key, &error);
  if (message == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  body = post_to_json (post, liveline_post_get_uuid (post), media_id);
  set_json_body (message, body);
  send_request (self, task, message, OPERATION_CREATE);
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
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *path = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liveline_json_publisher_update_async);

  path = posts_path (self, remote_id);
  message = new_message (self, SOUP_METHOD_PUT, path, idempotency_key, &error);
  if (message == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The id in the body must be the one in the path. */
  body = post_to_json (post, remote_id, media_id);
  set_json_body (message, body);
  send_request (self, task, message, OPERATION_UPDATE);
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
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *path = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liveline_json_publisher_delete_async);

  path = posts_path (self, remote_id);
  message = new_message (self, SOUP_METHOD_DELETE, path, idempotency_key, &error);
  if (message == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  send_request (self, task, message, OPERATION_DELETE);
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
                                           const char          *idempotency_key,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  LivelineJsonPublisher *self = LIVELINE_JSON_PUBLISHER (publisher);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *key = NULL;
  g_autofree char *path = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, liveline_json_publisher_find_by_key_async);

  key = g_uri_escape_string (idempotency_key, NULL, FALSE);
  path = g_strconcat ("/api/v1/posts/by-key/", key, NULL);
  message = new_message (self, SOUP_METHOD_GET, path, NULL, &error);
  if (message == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  send_request (self, task, message, OPERATION_FIND_BY_KEY);
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
}

/**
 * liveline_json_publisher_new:
 * @session: the #SoupSession to send through; its owner sets its timeouts
 * @base_url: the endpoint, such as `https://live.example.com/` or
 *   `http://127.0.0.1:8080/`
 * @blog: the slug of the live blog
 * @token: the bearer token, from the keyring
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
  g_return_val_if_fail (token != NULL, NULL);

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
