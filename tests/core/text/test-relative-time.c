/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-relative-time"

#include "config.h"

#include "liveline-relative-time.h"

static void
check (GDateTime  *now,
       GTimeSpan   ago,
       const char *expected)
{
  g_autoptr(GDateTime) then = g_date_time_add (now, -ago);
  g_autofree char *text = liveline_relative_time_format (then, now);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_relative_time (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) now = g_date_time_new (utc, 2026, 11, 24, 14, 32, 10);
  g_autofree char *full = NULL;

  check (now, 0, "Just now");
  check (now, 59 * G_TIME_SPAN_SECOND, "Just now");
  check (now, G_TIME_SPAN_MINUTE, "1 min ago");
  check (now, 47 * G_TIME_SPAN_MINUTE, "47 min ago");
  check (now, 2 * G_TIME_SPAN_HOUR, "12:32");
  check (now, 14 * G_TIME_SPAN_HOUR, "00:32");
  check (now, 15 * G_TIME_SPAN_HOUR, "Yesterday 23:32");
  check (now, 3 * G_TIME_SPAN_DAY, "21 Nov 14:32");
  check (now, 400 * G_TIME_SPAN_DAY, "20 Oct 2025 14:32");
  check (now, 20 * G_TIME_SPAN_DAY, "4 Nov 14:32");

  full = liveline_relative_time_format_full (now);
  g_assert_cmpstr (full, ==, "Tuesday 24 November 2026, 14:32:10");
}

int
main (int   argc,
      char *argv[])
{
  /* The figures above are in UTC, in English. */
  g_setenv ("TZ", "UTC", TRUE);
  g_setenv ("LC_ALL", "C", TRUE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/relative-time/format", test_relative_time);

  return g_test_run ();
}
