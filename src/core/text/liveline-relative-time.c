/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-relative-time"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "liveline-relative-time.h"

/* How long ago an update was written, the way a newsroom says it: "Just
 * now", "5 min ago", then the time of day, then the date.
 */

/**
 * liveline_relative_time_format:
 * @time: when something happened
 * @now: the present, for the comparison
 *
 * Returns: (transfer full): @time relative to @now, in the local time zone
 */
char *
liveline_relative_time_format (GDateTime *time,
                               GDateTime *now)
{
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) local_now = NULL;
  GTimeSpan ago;
  int days;

  g_return_val_if_fail (time != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  ago = g_date_time_difference (now, time);
  local = g_date_time_to_local (time);
  local_now = g_date_time_to_local (now);

  if (ago < G_TIME_SPAN_MINUTE)
    return g_strdup (_("Just now"));

  if (ago < G_TIME_SPAN_HOUR)
    {
      int minutes = ago / G_TIME_SPAN_MINUTE;

      /* Translators: a short "minutes ago", as in a list of news updates */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d min ago", "%d min ago", minutes),
                              minutes);
    }

  days = g_date_time_get_day_of_year (local_now) - g_date_time_get_day_of_year (local);
  if (g_date_time_get_year (local_now) != g_date_time_get_year (local))
    days = ago / G_TIME_SPAN_DAY + 1;

  if (days == 0)
    /* Translators: the time of day of an update written today; see strftime(3) */
    return g_date_time_format (local, _("%H:%M"));

  if (days == 1)
    /* Translators: an update written yesterday; see strftime(3) */
    return g_date_time_format (local, _("Yesterday %H:%M"));

  if (g_date_time_get_year (local_now) == g_date_time_get_year (local))
    /* Translators: an update written earlier this year; see strftime(3) */
    return g_date_time_format (local, _("%-d %b %H:%M"));

  /* Translators: an update written in an earlier year; see strftime(3) */
  return g_date_time_format (local, _("%-d %b %Y %H:%M"));
}

/**
 * liveline_relative_time_format_full:
 * @time: when something happened
 *
 * Returns: (transfer full): the full local date and time, for a tooltip
 */
char *
liveline_relative_time_format_full (GDateTime *time)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (time != NULL, NULL);

  local = g_date_time_to_local (time);

  /* Translators: a full date and time; see strftime(3) */
  return g_date_time_format (local, _("%A %-d %B %Y, %H:%M:%S"));
}
