/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-server-api"

#include "config.h"

#include <json-glib/json-glib.h>

#include "liveline-server-private.h"

/* The JSON API of docs/api.md: authentication, the fault plan, routing,
 * and one function per endpoint. Every answer under /api/ is JSON or a
 * problem; every change goes through LivelineServerStore.
 */

#define PROBLEM_BASE "https://liveline.invalid/problems/"

typedef struct
{
  LivelineServer    *self;
  SoupServerMessage *message;
  char              *path;
  GHashTable        *query;
  gulong             disconnected_id;
  gboolean           disconnected;
} Delayed;

void
_liveline_server_respond (SoupServerMessage *message,
                          guint              status,
                          const char        *content_type,
                          GBytes            *body)
{
  gsize size = 0;
  gconstpointer data = body != NULL ? g_bytes_get_data (body, &size) : NULL;

  soup_server_message_set_status (message, status, NULL);
  if (content_type != NULL)
    soup_server_message_set_response (message, content_type, SOUP_MEMORY_COPY, data, size);
}

static const char *
title_for_type (const char *type)
{
  static const char * const titles[][2] = {
    { "unauthorized", "Unauthorized" },
    { "forbidden", "Forbidden" },
    { "malformed-request", "Malformed request" },
    { "idempotency-key-missing", "Idempotency key missing" },
    { "invalid-post", "Invalid post" },
    { "unknown-media", "Unknown media" },
    { "idempotency-key-reused", "Idempotency key reused" },
    { "not-found", "Not found" },
    { "method-not-allowed", "Method not allowed" },
    { "post-exists", "Post exists" },
    { "revision-mismatch", "Revision mismatch" },
    { "too-large", "Too large" },
    { "unsupported-media-type", "Unsupported media type" },
    { "rate-limited", "Rate limited" },
    { "server-error", "Server error" },
    { "unavailable", "Unavailable" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    if (g_str_equal (titles[i][0], type))
      return titles[i][1];

  return "Error";
}

static const char *
type_for_status (guint status)
{
  switch (status)
    {
    case 400: return "malformed-request";
    case 401: return "unauthorized";
    case 403: return "forbidden";
    case 404: return "not-found";
    case 405: return "method-not-allowed";
    case 409: return "post-exists";
    case 412: return "revision-mismatch";
    case 413: return "too-large";
    case 415: return "unsupported-media-type";
    case 422: return "invalid-post";
    case 429: return "rate-limited";
    case 503: return "unavailable";
    default: return status < 500 ? "malformed-request" : "server-error";
    }
}

GBytes *
_liveline_server_builder_to_bytes (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  char *text = json_to_string (root, FALSE);

  return g_bytes_new_take (text, strlen (text));
}

void
_liveline_server_respond_problem (SoupServerMessage *message,
                                  guint              status,
                                  const char        *type,
                                  const char        *detail_format,
                                  ...)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GBytes) body = NULL;
  g_autofree char *type_uri = g_strconcat (PROBLEM_BASE, type, NULL);
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, detail_format);
  detail = g_strdup_vprintf (detail_format, args);
  va_end (args);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, type_uri);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, title_for_type (type));
  json_builder_set_member_name (builder, "status");
  json_builder_add_int_value (builder, status);
  json_builder_set_member_name (builder, "detail");
  json_builder_add_string_value (builder, detail);
  json_builder_end_object (builder);

  body = _liveline_server_builder_to_bytes (builder);
  _liveline_server_respond (message, status, "application/problem+json", body);
}

void
_liveline_server_set_header (SoupServerMessage *message,
                             const char        *name,
                             const char        *value)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                name, value);
}

const char *
_liveline_server_get_header (SoupServerMessage *message,
                             const char        *name)
{
  return soup_message_headers_get_one (soup_server_message_get_request_headers (message), name);
}

GBytes *
_liveline_server_dup_request_body (SoupServerMessage *message)
{
  return soup_message_body_flatten (soup_server_message_get_request_body (message));
}

char *
_liveline_server_hash_request (SoupServerMessage *message,
                               GBytes            *body)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  const char *method = soup_server_message_get_method (message);
  const char *path = g_uri_get_path (soup_server_message_get_uri (message));
  gsize size = 0;
  const guchar *data = g_bytes_get_data (body, &size);

  g_checksum_update (checksum, (const guchar *)method, -1);
  g_checksum_update (checksum, (const guchar *)"\n", 1);
  g_checksum_update (checksum, (const guchar *)path, -1);
  g_checksum_update (checksum, (const guchar *)"\n", 1);
  if (size > 0)
    g_checksum_update (checksum, data, size);

  return g_strdup (g_checksum_get_string (checksum));
}

gboolean
_liveline_server_is_valid_key (const char *key)
{
  gsize len = key != NULL ? strlen (key) : 0;

  if (len == 0 || len > 255)
    return FALSE;

  for (gsize i = 0; i < len; i++)
    if (key[i] < 0x21 || key[i] > 0x7e)
      return FALSE;

  return TRUE;
}

/* Answers from a stored key, or refuses a key reused for another request.
 * Returns whether the request is answered.
 */
gboolean
_liveline_server_replay_key (LivelineServer    *self,
                             SoupServerMessage *message,
                             const char        *key,
                             const char        *request_hash)
{
  g_autofree char *stored_hash = NULL;
  g_autoptr(GBytes) response = NULL;
  guint status = 0;

  if (!liveline_server_store_find_key (self->store, key, &stored_hash, &status, &response,
                                       NULL, NULL))
    return FALSE;

  if (!g_str_equal (stored_hash, request_hash))
    {
      _liveline_server_respond_problem (message, 422, "idempotency-key-reused",
                                        "Nothing was changed: the key “%s” that Liveline "
                                        "sent with this was already used for something else.",
                                        key);
      return TRUE;
    }

  _liveline_server_respond (message, status, "application/json", response);
  return TRUE;
}

void
_liveline_server_save_key (LivelineServer *self,
                           const char     *key,
                           const char     *request_hash,
                           guint           status,
                           GBytes         *response,
                           const char     *blog,
                           const char     *post_id)
{
  g_autoptr(GError) error = NULL;

  if (key == NULL)
    return;

  if (!liveline_server_store_save_key (self->store, key, request_hash, status, response,
                                       blog, post_id, &error))
    g_printerr ("level=error msg=\"cannot keep an idempotency key\" error=\"%s\"\n",
                error->message);
}

/* Shared by the API and the page */

/* The scheme, host and port the client reached the server at. */
char *
_liveline_server_dup_base (SoupServerMessage *message)
{
  GUri *uri = soup_server_message_get_uri (message);
  const char *host = g_uri_get_host (uri);
  gboolean ipv6 = host != NULL && strchr (host, ':') != NULL;

  return g_strdup_printf ("%s://%s%s%s:%d", g_uri_get_scheme (uri),
                          ipv6 ? "[" : "", host != NULL ? host : "localhost", ipv6 ? "]" : "",
                          g_uri_get_port (uri));
}

char *
_liveline_server_format_time (gint64 unix_time)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (unix_time);

  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ");
}

char *
_liveline_server_post_url (const char         *base,
                           LivelineServerPost *post)
{
  return g_strdup_printf ("%s/blogs/%s#post-%s", base, post->blog, post->id);
}

char *
_liveline_server_encode_cursor (LivelineServerPost *post)
{
  return g_strdup_printf ("%d.%" G_GINT64_FORMAT, post->pinned ? 1 : 0, post->seq);
}

gboolean
_liveline_server_decode_cursor (const char *cursor,
                                gboolean   *pinned,
                                gint64     *seq)
{
  guint64 value;

  if ((cursor[0] != '0' && cursor[0] != '1') || cursor[1] != '.'
      || !g_ascii_string_to_unsigned (cursor + 2, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;

  *pinned = cursor[0] == '1';
  *seq = value;
  return TRUE;
}

gboolean
_liveline_server_is_slug (const char *text)
{
  gsize len = strlen (text);

  if (len == 0 || len > 64 || text[0] == '-')
    return FALSE;

  for (gsize i = 0; i < len; i++)
    if (!g_ascii_islower (text[i]) && !g_ascii_isdigit (text[i]) && text[i] != '-')
      return FALSE;

  return TRUE;
}

/* Routing */

/* Whether the request carries a token the server knows; @blogs is set to
 * the blogs it may change (%NULL: all of them).
 */
gboolean
_liveline_server_authorize (LivelineServer      *self,
                            SoupServerMessage   *message,
                            const char * const **blogs)
{
  const char *header = _liveline_server_get_header (message, "Authorization");

  *blogs = NULL;

  if (self->open)
    return TRUE;

  if (header == NULL || g_ascii_strncasecmp (header, "Bearer ", 7) != 0)
    return FALSE;

  return liveline_server_tokens_find (self->tokens, header + 7, blogs);
}

void
_liveline_server_respond_unauthorized (SoupServerMessage *message)
{
  _liveline_server_set_header (message, "WWW-Authenticate", "Bearer");
  _liveline_server_respond_problem (message, 401, "unauthorized",
                                    "This server did not accept the token: check the token in "
                                    "the live blog’s settings, or ask for a new one.");
}

void
_liveline_server_respond_too_large (SoupServerMessage *message)
{
  const char *path = g_uri_get_path (soup_server_message_get_uri (message));

  if (g_str_equal (path, "/api/v1/media"))
    _liveline_server_respond_problem (message, 413, "too-large",
                                      "The photo is too large for this server: the limit "
                                      "is 20 MB.");
  else
    _liveline_server_respond_problem (message, 413, "too-large",
                                      "The update is too large for this server: the limit "
                                      "is 1 MB of text.");
}

void
_liveline_server_respond_bad_key (SoupServerMessage *message)
{
  _liveline_server_respond_problem (message, 400, "malformed-request",
                                    "Liveline sent this with a key the server cannot use "
                                    "(1 to 255 plain characters without spaces).");
}

static gboolean
check_blog (SoupServerMessage  *message,
            const char * const *blogs,
            const char         *blog)
{
  if (liveline_server_tokens_covers (blogs, blog))
    return TRUE;

  _liveline_server_respond_problem (message, 403, "forbidden",
                                    "This token is not valid for the live blog “%s”: ask for "
                                    "a token for this live blog.", blog);
  return FALSE;
}

static void
respond_not_allowed (SoupServerMessage *message,
                     const char        *allow)
{
  _liveline_server_set_header (message, "Allow", allow);
  _liveline_server_respond_problem (message, 405, "method-not-allowed",
                                    "This address cannot do that: it answers %s only.", allow);
}

static void
dispatch (LivelineServer    *self,
          SoupServerMessage *message,
          const char        *path,
          GHashTable        *query)
{
  const char *method = soup_server_message_get_method (message);
  g_auto(GStrv) parts = g_strsplit (path + 1, "/", -1);
  const char * const *blogs = NULL;
  guint n;

  if (self->store == NULL)
    {
      _liveline_server_set_header (message, "Retry-After", "60");
      _liveline_server_respond_problem (message, 503, "unavailable",
                                        "The live blog server is not ready yet: it has no "
                                        "place to keep updates. Try again in a minute.");
      return;
    }

  if (!_liveline_server_authorize (self, message, &blogs))
    {
      _liveline_server_respond_unauthorized (message);
      return;
    }

  for (n = 0; parts[n] != NULL; n++)
    {
      char *decoded = g_uri_unescape_string (parts[n], NULL);

      g_free (parts[n]);
      parts[n] = decoded != NULL ? decoded : g_strdup ("");
    }

  if (n < 3 || !g_str_equal (parts[1], "v1"))
    goto not_found;

  if (n == 3 && g_str_equal (parts[2], "media"))
    {
      const char *blog = query != NULL ? g_hash_table_lookup (query, "blog") : NULL;

      if (method != SOUP_METHOD_POST)
        respond_not_allowed (message, "POST");
      else if (blog != NULL && !_liveline_server_is_slug (blog))
        _liveline_server_respond_problem (message, 400, "malformed-request",
                                          "“%s” is not the name of a live blog.", blog);
      else if (blog == NULL || check_blog (message, blogs, blog))
        _liveline_server_upload_media (self, message, query);
      return;
    }

  if (n == 5 && g_str_equal (parts[2], "posts") && g_str_equal (parts[3], "by-key")
      && parts[4][0] != '\0')
    {
      if (method == SOUP_METHOD_GET)
        _liveline_server_find_by_key (self, message, parts[4], blogs);
      else
        respond_not_allowed (message, "GET");
      return;
    }

  if (n == 5 && g_str_equal (parts[2], "blogs") && _liveline_server_is_slug (parts[3])
      && g_str_equal (parts[4], "posts"))
    {
      if ((method == SOUP_METHOD_GET || method == SOUP_METHOD_POST)
          && !check_blog (message, blogs, parts[3]))
        return;

      if (method == SOUP_METHOD_GET)
        _liveline_server_list_posts (self, message, parts[3], query);
      else if (method == SOUP_METHOD_POST)
        _liveline_server_create_post (self, message, parts[3]);
      else
        respond_not_allowed (message, "GET, POST");
      return;
    }

  if (n == 6 && g_str_equal (parts[2], "blogs") && _liveline_server_is_slug (parts[3])
      && g_str_equal (parts[4], "posts") && parts[5][0] != '\0')
    {
      if ((method == SOUP_METHOD_PUT || method == SOUP_METHOD_DELETE)
          && !check_blog (message, blogs, parts[3]))
        return;

      if (method == SOUP_METHOD_PUT)
        _liveline_server_update_post (self, message, parts[3], parts[5]);
      else if (method == SOUP_METHOD_DELETE)
        _liveline_server_delete_post (self, message, parts[3], parts[5]);
      else
        respond_not_allowed (message, "PUT, DELETE");
      return;
    }

not_found:
  _liveline_server_respond_problem (message, 404, "not-found",
                                    "This server has nothing at “%s”: check the address of the "
                                    "live blog’s server.", path);
}

/* Faults */

static void
delayed_free (Delayed *delayed)
{
  g_clear_signal_handler (&delayed->disconnected_id, delayed->message);
  g_object_unref (delayed->self);
  g_object_unref (delayed->message);
  g_free (delayed->path);
  g_clear_pointer (&delayed->query, g_hash_table_unref);
  g_free (delayed);
}

static void
on_delayed_disconnected (Delayed *delayed)
{
  delayed->disconnected = TRUE;
}

static gboolean
on_delay_over (gpointer user_data)
{
  Delayed *delayed = user_data;

  /* The client gave up, or the server stopped, meanwhile: no one to answer. */
  if (delayed->disconnected)
    return G_SOURCE_REMOVE;

  dispatch (delayed->self, delayed->message, delayed->path, delayed->query);
  soup_server_message_unpause (delayed->message);

  return G_SOURCE_REMOVE;
}

static gboolean
on_drop (gpointer user_data)
{
  g_autoptr(SoupServerMessage) message = user_data;
  g_autoptr(GIOStream) stream = NULL;

  /* The server never finishes this request, so it is logged here. */
  g_printerr ("level=info method=%s path=%s status=dropped\n",
              soup_server_message_get_method (message),
              g_uri_get_path (soup_server_message_get_uri (message)));

  stream = soup_server_message_steal_connection (message);
  if (stream != NULL)
    g_io_stream_close (stream, NULL, NULL);

  return G_SOURCE_REMOVE;
}

static void
apply_fault (LivelineServer            *self,
             SoupServerMessage         *message,
             const char                *path,
             GHashTable                *query,
             const LivelineServerFault *fault)
{
  static const char garbage[] = "<html><body>Bad gateway (not JSON)</body></html>\n";
  g_autoptr(GBytes) body = NULL;
  Delayed *delayed;

  switch (fault->kind)
    {
    case LIVELINE_SERVER_FAULT_STATUS:
      if (fault->retry_after > 0)
        {
          g_autofree char *seconds = g_strdup_printf ("%u", fault->retry_after);

          _liveline_server_set_header (message, "Retry-After", seconds);
        }
      _liveline_server_respond_problem (message, fault->status, type_for_status (fault->status),
                                        "The fault plan answers request %" G_GUINT64_FORMAT
                                        " with %u.", self->api_requests, fault->status);
      break;

    case LIVELINE_SERVER_FAULT_GARBAGE:
      body = g_bytes_new_static (garbage, strlen (garbage));
      _liveline_server_respond (message, 200, "application/json", body);
      break;

    case LIVELINE_SERVER_FAULT_DROP:
      /* The connection can only be taken over once the handler is done. */
      soup_server_message_pause (message);
      g_idle_add (on_drop, g_object_ref (message));
      break;

    case LIVELINE_SERVER_FAULT_DELAY:
      delayed = g_new0 (Delayed, 1);
      delayed->self = g_object_ref (self);
      delayed->message = g_object_ref (message);
      delayed->path = g_strdup (path);
      delayed->query = query != NULL ? g_hash_table_ref (query) : NULL;
      delayed->disconnected_id = g_signal_connect_swapped (message, "disconnected",
                                                           G_CALLBACK (on_delayed_disconnected),
                                                           delayed);
      soup_server_message_pause (message);
      g_timeout_add_full (G_PRIORITY_DEFAULT, fault->delay_ms, on_delay_over, delayed,
                          (GDestroyNotify)delayed_free);
      break;

    case LIVELINE_SERVER_FAULT_NONE:
    default:
      g_assert_not_reached ();
    }
}

void
_liveline_server_handle_api (SoupServer        *soup_server,
                             SoupServerMessage *message,
                             const char        *path,
                             GHashTable        *query,
                             gpointer           user_data)
{
  LivelineServer *self = user_data;
  LivelineServerFault fault;

  /* Requests are counted, and faults chosen, when their headers arrive. */
  if (_liveline_server_take_fault (message, &fault))
    apply_fault (self, message, path, query, &fault);
  else
    dispatch (self, message, path, query);
}
