/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-outbox-summary"

#include "config.h"

#include "liveline-outbox-summary.h"

static void
check (LivelineOutboxSummary  summary,
       const char            *expected)
{
  g_autofree char *text = liveline_outbox_summary_describe (&summary);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_describe (void)
{
  check ((LivelineOutboxSummary) { .online = TRUE, .retry_in = -1 }, NULL);
  check ((LivelineOutboxSummary) { .waiting = 3, .online = FALSE, .retry_in = 4 },
         "Offline — 3 updates waiting");
  check ((LivelineOutboxSummary) { .waiting = 1, .online = FALSE, .retry_in = -1 },
         "Offline — 1 update waiting");
  check ((LivelineOutboxSummary) { .waiting = 2, .online = TRUE, .retry_in = 30 },
         "Can’t reach the endpoint — retrying in 30 seconds");
  check ((LivelineOutboxSummary) { .waiting = 4, .position = 2, .total = 5, .online = TRUE,
                                   .retry_in = -1 },
         "Publishing 2 of 5…");
  check ((LivelineOutboxSummary) { .waiting = 1, .position = 1, .total = 1, .online = TRUE,
                                   .retry_in = -1 },
         "Publishing…");
  check ((LivelineOutboxSummary) { .waiting = 2, .online = TRUE, .retry_in = -1,
                                   .no_destination = TRUE },
         "No destination for this live blog — 2 updates waiting");
  check ((LivelineOutboxSummary) { .waiting = 1, .online = TRUE, .retry_in = -1,
                                   .problem = "The keyring could not be used: it is locked" },
         "The keyring could not be used: it is locked — 1 update waiting");
  /* Being signed out is said first, even with nothing waiting. */
  check ((LivelineOutboxSummary) { .waiting = 0, .online = FALSE, .signed_out = TRUE },
         "Signed out — sign in again to publish");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/outbox-summary/describe", test_describe);

  return g_test_run ();
}
