/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-first-frame"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "liveline-first-frame.h"
#include "liveline-timeline-pane.h"
#include "liveline-window.h"

/* How long Liveline takes to show its window, for build-aux/bench-first-frame.
 * With LIVELINE_REPORT_FIRST_FRAME set, the main window's first paint prints
 * one line on stdout:
 *
 *   first-frame-ms=312.4 rss-kb=163840 posts=100000
 *
 * the time since main() started, the resident memory at that moment and the
 * number of updates in the timeline shown; with the value "quit", Liveline
 * then quits. Unset, it costs one clock read.
 */

#define ENVIRONMENT_VARIABLE "LIVELINE_REPORT_FIRST_FRAME"

static gint64 start_time;

/**
 * liveline_first_frame_start:
 *
 * Notes the time; call it first thing in main().
 */
void
liveline_first_frame_start (void)
{
  start_time = g_get_monotonic_time ();
}

/* VmRSS in /proc/self/status, in kB, or 0 where there is none. */
static guint64
read_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      !(line = strstr (status, "\nVmRSS:")))
    return 0;

  return g_ascii_strtoull (line + strlen ("\nVmRSS:"), NULL, 10);
}

static guint
count_posts (GtkWindow *window)
{
  LivelineTimelinePane *pane;
  LivelineTimeline *timeline;

  if (!LIVELINE_IS_WINDOW (window))
    return 0;

  pane = LIVELINE_TIMELINE_PANE (liveline_window_get_timeline_pane (LIVELINE_WINDOW (window)));
  if (!(timeline = liveline_timeline_pane_get_timeline (pane)))
    return 0;

  return g_list_model_get_n_items (G_LIST_MODEL (timeline));
}

static void
on_after_paint (GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  GtkWindow *window = user_data;
  double ms = (g_get_monotonic_time () - start_time) / 1000.0;
  char formatted[G_ASCII_DTOSTR_BUF_SIZE];
  GtkApplication *application;

  g_signal_handlers_disconnect_by_func (frame_clock, on_after_paint, window);

  /* A dot, whatever the locale: scripts read the figures. */
  printf ("first-frame-ms=%s rss-kb=%" G_GUINT64_FORMAT " posts=%u\n",
          g_ascii_formatd (formatted, sizeof formatted, "%.1f", ms),
          read_rss_kb (),
          count_posts (window));
  fflush (stdout);

  if (g_strcmp0 (g_getenv (ENVIRONMENT_VARIABLE), "quit") == 0 &&
      (application = gtk_window_get_application (window)))
    g_application_quit (G_APPLICATION (application));
}

static void
on_realize (GtkWidget *widget,
            gpointer   user_data)
{
  g_signal_handlers_disconnect_by_func (widget, on_realize, NULL);
  g_signal_connect_object (gtk_widget_get_frame_clock (widget), "after-paint",
                           G_CALLBACK (on_after_paint), widget, 0);
}

/**
 * liveline_first_frame_watch:
 * @window: a window about to be shown for the first time
 *
 * Reports the first paint of @window when LIVELINE_REPORT_FIRST_FRAME is set.
 */
void
liveline_first_frame_watch (GtkWindow *window)
{
  g_return_if_fail (GTK_IS_WINDOW (window));

  if (g_getenv (ENVIRONMENT_VARIABLE) == NULL)
    return;

  if (gtk_widget_get_realized (GTK_WIDGET (window)))
    on_realize (GTK_WIDGET (window), NULL);
  else
    g_signal_connect (window, "realize", G_CALLBACK (on_realize), NULL);
}
