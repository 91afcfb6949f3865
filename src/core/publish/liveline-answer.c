/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-answer"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "liveline-answer.h"
#include "liveline-publisher.h"

/* Every answer from an endpoint is hostile until checked: it is read only
 * up to the most its kind may hold (the Content-Length is believed when it
 * says more, and reading stops past the limit when it says nothing), and
 * its JSON is scanned for depth before json-glib's recursive parser sees
 * it. An answer over a limit fails the request as
 * %LIVELINE_PUBLISHER_ERROR_PERMANENT: an endpoint that answers that way
 * answers the same way next time, and the outbox must not try it again
 * forever. The journalist sees why and can publish again once the endpoint
 * is mended.
 *
 * An escaped NUL (`\u0000`) in a JSON string would cut it short in C, so it
 * is read as U+FFFD instead: text keeps all of its words, and an id or an
 * address with U+FFFD in it is refused (liveline_answer_is_intact_text()).
 */

#define READ_CHUNK_SIZE (64 * 1024)

typedef struct
{
  SoupMessage        *message;
  LivelineAnswerKind  kind;
  GInputStream       *stream;
  GByteArray         *data;
} Reading;

static void
reading_free (Reading *reading)
{
  g_clear_object (&reading->message);
  if (reading->stream != NULL)
    g_input_stream_close_async (reading->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
  g_clear_object (&reading->stream);
  g_clear_pointer (&reading->data, g_byte_array_unref);
  g_free (reading);
}

/**
 * liveline_answer_get_max_size:
 * @kind: what an answer is for
 *
 * Returns: the most of its body that is read, in bytes
 */
gsize
liveline_answer_get_max_size (LivelineAnswerKind kind)
{
  switch (kind)
    {
    case LIVELINE_ANSWER_POST:
      return LIVELINE_ANSWER_MAX_POST_SIZE;
    case LIVELINE_ANSWER_MEDIA:
      return LIVELINE_ANSWER_MAX_MEDIA_SIZE;
    case LIVELINE_ANSWER_LIST:
      return LIVELINE_ANSWER_MAX_LIST_SIZE;
    case LIVELINE_ANSWER_DISCOVERY:
      return LIVELINE_ANSWER_MAX_DISCOVERY_SIZE;
    case LIVELINE_ANSWER_HEADERS:
    default:
      return 0;
    }
}

static GError *
too_big (LivelineAnswerKind kind)
{
  g_autofree char *size = g_format_size (liveline_answer_get_max_size (kind));
  g_autofree char *message = NULL;

  /* Translators: %s is a size, such as "2.0 MB" */
  switch (kind)
    {
    case LIVELINE_ANSWER_POST:
      message = g_strdup_printf (_("The endpoint answered with more data than a post’s answer can hold (%s at most)."), size);
      break;
    case LIVELINE_ANSWER_MEDIA:
      message = g_strdup_printf (_("The endpoint answered with more data than a photo’s answer can hold (%s at most)."), size);
      break;
    case LIVELINE_ANSWER_LIST:
      message = g_strdup_printf (_("The endpoint answered with more data than a page of a list can hold (%s at most)."), size);
      break;
    case LIVELINE_ANSWER_DISCOVERY:
    case LIVELINE_ANSWER_HEADERS:
    default:
      message = g_strdup_printf (_("The site answered with a page bigger than Liveline reads (%s at most)."), size);
      break;
    }

  return liveline_publisher_error_new_literal (LIVELINE_PUBLISHER_ERROR_PERMANENT, 0, message);
}

/* A refusal's explanation that long is not one anybody could read: the
 * refusal is reported by its status alone. A success that long is an
 * answer over its limit. */
static void
return_over_limit (GTask *task)
{
  Reading *reading = g_task_get_task_data (task);

  if (SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (reading->message)) &&
      reading->kind != LIVELINE_ANSWER_HEADERS)
    g_task_return_error (task, too_big (reading->kind));
  else
    g_task_return_pointer (task, g_bytes_new (NULL, 0), (GDestroyNotify)g_bytes_unref);
}

static void read_more (GTask *task);

static void
on_read (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Reading *reading = g_task_get_task_data (task);
  g_autoptr(GBytes) chunk = NULL;
  g_autoptr(GError) error = NULL;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (chunk == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (g_bytes_get_size (chunk) == 0)
    {
      g_task_return_pointer (task, g_byte_array_free_to_bytes (g_steal_pointer (&reading->data)),
                             (GDestroyNotify)g_bytes_unref);
      return;
    }

  g_byte_array_append (reading->data, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  if (reading->data->len > liveline_answer_get_max_size (reading->kind))
    {
      return_over_limit (task);
      return;
    }

  read_more (g_steal_pointer (&task));
}

/* Never asks for more than one byte past the limit. */
static void
read_more (GTask *task)
{
  Reading *reading = g_task_get_task_data (task);
  gsize left = liveline_answer_get_max_size (reading->kind) + 1 - reading->data->len;

  g_input_stream_read_bytes_async (reading->stream, MIN (left, READ_CHUNK_SIZE), G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), on_read, task);
}

static void
on_sent (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Reading *reading = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;

  reading->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (reading->stream == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  headers = soup_message_get_response_headers (reading->message);
  if (reading->kind == LIVELINE_ANSWER_HEADERS ||
      (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
       (guint64)soup_message_headers_get_content_length (headers) > liveline_answer_get_max_size (reading->kind)))
    {
      return_over_limit (task);
      return;
    }

  reading->data = g_byte_array_new ();
  read_more (g_steal_pointer (&task));
}

/**
 * liveline_answer_read_async:
 * @session: the #SoupSession to send with
 * @message: the request
 * @kind: what the answer is for, which bounds how much of it is read
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the answer
 * @user_data: for @callback
 *
 * Sends @message and reads its answer's body, but never more of it than
 * @kind may hold: what soup_session_send_and_read_async() does, bounded.
 */
void
liveline_answer_read_async (SoupSession         *session,
                            SoupMessage         *message,
                            LivelineAnswerKind   kind,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Reading *reading;

  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (SOUP_IS_MESSAGE (message));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (session, cancellable, callback, user_data);
  g_task_set_source_tag (task, liveline_answer_read_async);

  reading = g_new0 (Reading, 1);
  reading->message = g_object_ref (message);
  reading->kind = kind;
  g_task_set_task_data (task, reading, (GDestroyNotify)reading_free);

  soup_session_send_async (session, message, G_PRIORITY_DEFAULT, cancellable, on_sent,
                           g_steal_pointer (&task));
}

/**
 * liveline_answer_read_finish:
 * @session: the #SoupSession given to liveline_answer_read_async()
 * @result: the result given to the callback
 * @error: a location for a #GError
 *
 * The status and headers are in the message, whatever they are. The body
 * of a refusal over the limit is given as empty; the body of a success over
 * the limit is an error.
 *
 * Returns: (transfer full): the answer's body, perhaps empty; %NULL with
 *   @error set when the endpoint could not be reached (a #GIOError or a
 *   #GTlsError, as libsoup gives them, %G_IO_ERROR_CANCELLED included), or
 *   answered with more than its kind may hold
 *   (%LIVELINE_PUBLISHER_ERROR_PERMANENT)
 */
GBytes *
liveline_answer_read_finish (SoupSession   *session,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, session), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == liveline_answer_read_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static GError *
unreadable (void)
{
  return liveline_publisher_error_new_literal (LIVELINE_PUBLISHER_ERROR_TRANSIENT, 0,
                                               _("The endpoint gave an answer Liveline cannot read."));
}

/* Walks @data as JSON text: how deep its arrays and objects nest, outside
 * strings, and where its strings have an escaped NUL. With @writable (a
 * copy of @data), each `\u0000` there becomes `\uFFFD`. Returns FALSE with
 * @error set when @data is deeper than @max_depth or holds a raw NUL, which
 * JSON never does. */
static gboolean
scan_json (const char  *data,
           gsize        size,
           char        *writable,
           gboolean    *has_escaped_nul,
           GError     **error)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  *has_escaped_nul = FALSE;

  for (gsize i = 0; i < size; i++)
    {
      char c = data[i];

      if (c == '\0')
        {
          g_propagate_error (error, unreadable ());
          return FALSE;
        }

      if (in_string)
        {
          if (c == '"')
            {
              in_string = FALSE;
            }
          else if (c == '\\' && i + 1 < size)
            {
              if (data[i + 1] == 'u' && i + 5 < size && memcmp (data + i + 2, "0000", 4) == 0)
                {
                  *has_escaped_nul = TRUE;
                  if (writable != NULL)
                    memcpy (writable + i + 2, "FFFD", 4);
                  i += 5;
                }
              else
                {
                  /* The escaped character, which may be a quote. */
                  i++;
                }
            }
        }
      else if (c == '"')
        {
          in_string = TRUE;
        }
      else if (c == '[' || c == '{')
        {
          if (++depth > LIVELINE_ANSWER_MAX_DEPTH)
            {
              g_autofree char *message = NULL;

              /* Translators: %u is a number of levels, such as 64 */
              message = g_strdup_printf (_("The endpoint answered with data nested deeper than "
                                           "Liveline reads (%u levels at most)."),
                                         LIVELINE_ANSWER_MAX_DEPTH);
              g_propagate_error (error,
                                 liveline_publisher_error_new_literal (LIVELINE_PUBLISHER_ERROR_PERMANENT,
                                                                       0, message));
              return FALSE;
            }
        }
      else if ((c == ']' || c == '}') && depth > 0)
        {
          depth--;
        }
    }

  return TRUE;
}

/**
 * liveline_answer_parse_json:
 * @body: (nullable): an answer's body, as an endpoint sent it
 * @max_size: the most it may hold, such as liveline_answer_get_max_size()
 *   of its kind
 * @error: a location for a #GError
 *
 * Parses an answer as JSON, after checking its size and how deep it nests
 * (%LIVELINE_ANSWER_MAX_DEPTH), so that no answer can exhaust the memory or
 * the stack. An escaped NUL in a string is read as U+FFFD, so no string is
 * cut short.
 *
 * Returns: (transfer full): the root of the answer; %NULL with @error set:
 *   %LIVELINE_PUBLISHER_ERROR_PERMANENT when the answer is over a limit,
 *   %LIVELINE_PUBLISHER_ERROR_TRANSIENT when it is empty or not JSON
 */
JsonNode *
liveline_answer_parse_json (GBytes  *body,
                            gsize    max_size,
                            GError **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *mended = NULL;
  const char *data;
  gboolean has_escaped_nul;
  JsonNode *root;
  gsize size;

  if (body == NULL || g_bytes_get_size (body) == 0)
    {
      g_propagate_error (error, unreadable ());
      return NULL;
    }

  data = g_bytes_get_data (body, &size);
  if (size > max_size)
    {
      g_autofree char *most = g_format_size (max_size);
      g_autofree char *message = NULL;

      /* Translators: %s is a size, such as "2.0 MB" */
      message = g_strdup_printf (_("The endpoint answered with more data than Liveline reads (%s at most)."),
                                 most);
      g_propagate_error (error,
                         liveline_publisher_error_new_literal (LIVELINE_PUBLISHER_ERROR_PERMANENT, 0,
                                                               message));
      return NULL;
    }

  if (!scan_json (data, size, NULL, &has_escaped_nul, error))
    return NULL;

  if (has_escaped_nul)
    {
      mended = g_memdup2 (data, size);
      scan_json (data, size, mended, &has_escaped_nul, NULL);
      data = mended;
    }

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, size, NULL) ||
      (root = json_parser_get_root (parser)) == NULL)
    {
      g_propagate_error (error, unreadable ());
      return NULL;
    }

  return json_node_ref (root);
}

/**
 * liveline_answer_is_intact_text:
 * @text: (nullable): an id or an address from an answer
 *
 * Says whether @text can be kept as an id or an address: not empty, and
 * without control characters or U+FFFD, which an escaped NUL became (see
 * liveline_answer_parse_json()) or which stands for bytes that were not
 * text.
 *
 * Returns: %TRUE when @text is fit to keep
 */
gboolean
liveline_answer_is_intact_text (const char *text)
{
  if (text == NULL || text[0] == '\0' || !g_utf8_validate (text, -1, NULL))
    return FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) || c == 0xFFFD)
        return FALSE;
    }

  return TRUE;
}
