/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-request-guard"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "liveline-publisher.h"
#include "liveline-request-guard.h"

static void
on_caller_cancelled (GCancellable *caller_cancellable,
                     gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static gboolean
on_deadline (gpointer user_data)
{
  LivelineRequestGuard *self = user_data;

  self->deadline_id = 0;
  self->timed_out = TRUE;
  g_cancellable_cancel (self->cancellable);

  return G_SOURCE_REMOVE;
}

/**
 * liveline_request_guard_start:
 * @self: a zeroed #LivelineRequestGuard, which must not move from now on
 * @caller_cancellable: (nullable): the caller's #GCancellable
 * @seconds: how long the request may take from now to its end
 *
 * Makes @self's cancellable, which the caller's cancels and the deadline
 * cancels after @seconds.
 */
void
liveline_request_guard_start (LivelineRequestGuard *self,
                              GCancellable         *caller_cancellable,
                              guint                 seconds)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (self->cancellable == NULL);

  self->cancellable = g_cancellable_new ();
  if (caller_cancellable != NULL)
    {
      self->caller_cancellable = g_object_ref (caller_cancellable);
      self->caller_handler = g_cancellable_connect (caller_cancellable,
                                                    G_CALLBACK (on_caller_cancelled),
                                                    g_object_ref (self->cancellable),
                                                    g_object_unref);
    }

  self->seconds = seconds;
  self->deadline_id = g_timeout_add_seconds (seconds, on_deadline, self);
  g_source_set_name_by_id (self->deadline_id, "[liveline] request deadline");
}

/**
 * liveline_request_guard_stop_clock:
 * @self: a started #LivelineRequestGuard
 *
 * Stops the deadline: the answer is in.
 */
void
liveline_request_guard_stop_clock (LivelineRequestGuard *self)
{
  g_return_if_fail (self != NULL);

  g_clear_handle_id (&self->deadline_id, g_source_remove);
}

/**
 * liveline_request_guard_clear:
 * @self: a #LivelineRequestGuard
 *
 * Lets go of everything @self holds, as the request's data is freed.
 */
void
liveline_request_guard_clear (LivelineRequestGuard *self)
{
  g_return_if_fail (self != NULL);

  g_clear_handle_id (&self->deadline_id, g_source_remove);
  if (self->caller_handler != 0)
    g_cancellable_disconnect (self->caller_cancellable, self->caller_handler);
  self->caller_handler = 0;
  g_clear_object (&self->caller_cancellable);
  g_clear_object (&self->cancellable);
}

/**
 * liveline_request_guard_take_error:
 * @self: a started #LivelineRequestGuard
 * @error: (transfer full): why a request failed
 * @who: what did not answer, such as "The WordPress site", for the message
 *
 * A request that the deadline cut off failed as
 * %LIVELINE_PUBLISHER_ERROR_TRANSIENT, to be tried again, and says so;
 * any other error is given back as it is.
 *
 * Returns: (transfer full): the error to report
 */
GError *
liveline_request_guard_take_error (LivelineRequestGuard *self,
                                   GError               *error,
                                   const char           *who)
{
  g_autofree char *message = NULL;

  g_return_val_if_fail (self != NULL, error);

  if (!self->timed_out || !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return error;

  /* Translators: the first %s is what did not answer, such as "The WordPress
   * site"; %u is a number of seconds */
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%s took longer than %u second to answer.",
                                          "%s took longer than %u seconds to answer.",
                                          self->seconds),
                             who, self->seconds);
  g_error_free (error);

  return liveline_publisher_error_new_literal (LIVELINE_PUBLISHER_ERROR_TRANSIENT, 0, message);
}

/**
 * liveline_request_parse_retry_after:
 * @value: (nullable): a `Retry-After` header's value
 * @now: the time now, in which a date is counted
 *
 * Reads how long an endpoint asks to wait, in seconds or until a date, as
 * HTTP allows. No wait is longer than %LIVELINE_PUBLISHER_MAX_RETRY_AFTER:
 * an endpoint cannot park an update for weeks. A date already past, like
 * `0`, asks for no wait, and so does anything else (a negative number, a
 * fraction, words): the outbox's own backoff applies then, which an
 * endpoint cannot turn into a tight loop.
 *
 * Returns: seconds to wait, at most %LIVELINE_PUBLISHER_MAX_RETRY_AFTER;
 *   0 when the endpoint asked for no wait
 */
guint
liveline_request_parse_retry_after (const char *value,
                                    GDateTime  *now)
{
  g_autoptr(GDateTime) when = NULL;
  GTimeSpan wait;
  gsize digits;

  g_return_val_if_fail (now != NULL, 0);

  if (value == NULL)
    return 0;

  digits = strspn (value, "0123456789");
  if (digits > 0 && value[digits] == '\0')
    {
      guint64 seconds;

      /* More digits than a guint64 holds is a wait longer than any cap. */
      if (!g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT64, &seconds, NULL))
        return LIVELINE_PUBLISHER_MAX_RETRY_AFTER;

      return (guint)MIN (seconds, LIVELINE_PUBLISHER_MAX_RETRY_AFTER);
    }

  /* The other form HTTP allows: a date. */
  when = soup_date_time_new_from_http_string (value);
  if (when == NULL)
    return 0;

  wait = g_date_time_difference (when, now);
  if (wait <= 0)
    return 0;

  wait = (wait + G_TIME_SPAN_SECOND - 1) / G_TIME_SPAN_SECOND;

  return (guint)MIN (wait, LIVELINE_PUBLISHER_MAX_RETRY_AFTER);
}

/**
 * liveline_request_get_retry_after:
 * @message: an answered #SoupMessage
 *
 * Returns: how many seconds the endpoint's `Retry-After` asks to wait,
 *   whether it gave seconds or a date, read by
 *   liveline_request_parse_retry_after(); 0 when it asked for no wait
 */
guint
liveline_request_get_retry_after (SoupMessage *message)
{
  g_autoptr(GDateTime) now = NULL;

  g_return_val_if_fail (SOUP_IS_MESSAGE (message), 0);

  now = g_date_time_new_now_utc ();

  return liveline_request_parse_retry_after (soup_message_headers_get_one (soup_message_get_response_headers (message),
                                                                            "Retry-After"),
                                             now);
}
