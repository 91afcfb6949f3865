/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-server-guard"

#include "config.h"

#include "liveline-server-private.h"
#include "liveline-server-request.h"

/* What the server decides about a request once its headers are in, before
 * it reads the body: an API request is counted for the fault plan, one
 * without a valid token is answered 401, and a body larger than its limit
 * (docs/api.md, "Limits") is answered 413 — from its Content-Length, or
 * while a chunked body streams in. SoupServer would read the whole body
 * before answering, so such answers are written here, on the connection
 * taken over from it; the body is never read into memory.
 */

/* How long a refused client may go on sending before the connection is
 * closed, so that it gets to read the answer.
 */
#define LINGER_SECONDS 2

typedef struct
{
  LivelineServer      *self;
  guint64              limit;
  guint64              received;
  gboolean             refused;
  gboolean             has_fault;
  LivelineServerFault  fault;
} Guard;

typedef struct
{
  GIOStream    *stream;
  GBytes       *answer;
  GCancellable *cancellable;
  guint         linger_id;
  guint8        buffer[16384];
} Refusal;

static GQuark guard_quark;

static void
refusal_free (Refusal *refusal)
{
  g_clear_handle_id (&refusal->linger_id, g_source_remove);
  g_io_stream_close (refusal->stream, NULL, NULL);
  g_clear_object (&refusal->stream);
  g_clear_pointer (&refusal->answer, g_bytes_unref);
  g_clear_object (&refusal->cancellable);
  g_free (refusal);
}

static gboolean
on_linger_over (gpointer user_data)
{
  Refusal *refusal = user_data;

  refusal->linger_id = 0;
  g_cancellable_cancel (refusal->cancellable);

  return G_SOURCE_REMOVE;
}

/* Reads what the client still sends and drops it, until it stops or the
 * time is up.
 */
static void
on_discarded (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Refusal *refusal = user_data;
  gssize read = g_input_stream_read_finish (G_INPUT_STREAM (object), result, NULL);

  if (read <= 0)
    {
      refusal_free (refusal);
      return;
    }

  g_input_stream_read_async (G_INPUT_STREAM (object), refusal->buffer, sizeof refusal->buffer,
                             G_PRIORITY_LOW, refusal->cancellable, on_discarded, refusal);
}

static void
on_written (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Refusal *refusal = user_data;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, NULL))
    {
      refusal_free (refusal);
      return;
    }

  g_input_stream_read_async (g_io_stream_get_input_stream (refusal->stream), refusal->buffer,
                             sizeof refusal->buffer, G_PRIORITY_LOW, refusal->cancellable,
                             on_discarded, refusal);
}

static void
append_header (const char *name,
               const char *value,
               gpointer    user_data)
{
  g_string_append_printf (user_data, "%s: %s\r\n", name, value);
}

static GBytes *
format_answer (SoupServerMessage *message)
{
  g_autoptr(GBytes) body = soup_message_body_flatten (
    soup_server_message_get_response_body (message));
  guint status = soup_server_message_get_status (message);
  GString *answer = g_string_new (NULL);
  gsize size = 0;
  const char *data = g_bytes_get_data (body, &size);

  g_string_append_printf (answer, "HTTP/1.1 %u %s\r\n", status, soup_status_get_phrase (status));
  soup_message_headers_foreach (soup_server_message_get_response_headers (message),
                                append_header, answer);
  g_string_append_printf (answer, "Content-Length: %" G_GSIZE_FORMAT "\r\n\r\n", size);
  g_string_append_len (answer, data, size);

  return g_string_free_to_bytes (answer);
}

static gboolean
send_refusal (gpointer user_data)
{
  g_autoptr(SoupServerMessage) message = user_data;
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (message);
  Refusal *refusal;
  gsize size = 0;
  const char *data;

  /* The server stopped in the meantime and closed the connection. */
  if (stream == NULL)
    return G_SOURCE_REMOVE;

  refusal = g_new0 (Refusal, 1);
  refusal->answer = format_answer (message);
  refusal->stream = g_steal_pointer (&stream);
  refusal->cancellable = g_cancellable_new ();
  refusal->linger_id = g_timeout_add_seconds (LINGER_SECONDS, on_linger_over, refusal);

  data = g_bytes_get_data (refusal->answer, &size);
  g_output_stream_write_all_async (g_io_stream_get_output_stream (refusal->stream), data, size,
                                   G_PRIORITY_DEFAULT, refusal->cancellable, on_written, refusal);

  return G_SOURCE_REMOVE;
}

static void
refuse (Guard             *guard,
        SoupServerMessage *message,
        guint              status)
{
  guard->refused = TRUE;

  if (status == SOUP_STATUS_UNAUTHORIZED)
    _liveline_server_respond_unauthorized (message);
  else
    _liveline_server_respond_too_large (message);

  _liveline_server_log_request (message);

  /* The connection can only be taken over once SoupServer is out of its
   * signal; paused, it reads no more of the body until then.
   */
  soup_message_body_set_accumulate (soup_server_message_get_request_body (message), FALSE);
  soup_server_message_pause (message);
  g_idle_add (send_refusal, g_object_ref (message));
}

static void
on_got_headers (SoupServerMessage *message,
                Guard             *guard)
{
  LivelineServer *self = guard->self;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  const char *path = g_uri_get_path (soup_server_message_get_uri (message));
  const char *method = soup_server_message_get_method (message);
  gboolean api = g_str_has_prefix (path, "/api/");
  const char * const *blogs = NULL;

  guard->limit = method == SOUP_METHOD_POST && g_str_equal (path, "/api/v1/media")
                   ? LIVELINE_SERVER_MAX_MEDIA_SIZE : LIVELINE_SERVER_MAX_JSON_SIZE;

  if (api)
    {
      self->api_requests++;
      guard->has_fault = self->fault_plan != NULL
                         && liveline_server_fault_plan_match (self->fault_plan,
                                                              self->api_requests,
                                                              &guard->fault);
    }

  if (api && !guard->has_fault && self->store != NULL
      && !_liveline_server_authorize (self, message, &blogs))
    refuse (guard, message, SOUP_STATUS_UNAUTHORIZED);
  else if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH
           && (guint64)soup_message_headers_get_content_length (headers) > guard->limit)
    refuse (guard, message, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE);
}

static void
on_got_chunk (SoupServerMessage *message,
              GBytes            *chunk,
              Guard             *guard)
{
  guard->received += g_bytes_get_size (chunk);

  if (!guard->refused && guard->received > guard->limit)
    refuse (guard, message, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE);
}

void
_liveline_server_guard_request (SoupServer        *soup_server,
                                SoupServerMessage *message,
                                gpointer           user_data)
{
  Guard *guard = g_new0 (Guard, 1);

  if (guard_quark == 0)
    guard_quark = g_quark_from_static_string ("liveline-server-guard");

  guard->self = user_data;
  g_object_set_qdata_full (G_OBJECT (message), guard_quark, guard, g_free);

  g_signal_connect (message, "got-headers", G_CALLBACK (on_got_headers), guard);
  g_signal_connect (message, "got-chunk", G_CALLBACK (on_got_chunk), guard);
}

/* The fault the plan chose for this API request, if any. */
gboolean
_liveline_server_take_fault (SoupServerMessage   *message,
                             LivelineServerFault *fault)
{
  Guard *guard = g_object_get_qdata (G_OBJECT (message), guard_quark);

  if (guard == NULL || !guard->has_fault)
    return FALSE;

  *fault = guard->fault;
  return TRUE;
}
