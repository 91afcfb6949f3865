/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-outbox-summary"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "liveline-outbox-summary.h"

/**
 * liveline_outbox_summary_describe:
 * @summary: the state of publishing
 *
 * Says what a journalist needs to know about what waits to be published,
 * most pressing first: signed out, offline, retrying, publishing.
 *
 * Returns: (transfer full) (nullable): one line, or %NULL when all is sent
 */
char *
liveline_outbox_summary_describe (const LivelineOutboxSummary *summary)
{
  g_return_val_if_fail (summary != NULL, NULL);

  if (summary->signed_out)
    return g_strdup (_("Signed out — sign in again to publish"));

  if (summary->waiting == 0)
    return NULL;

  if (summary->problem != NULL)
    /* Translators: %s says why updates cannot be sent, %u is how many wait */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%s — %u update waiting",
                                         "%s — %u updates waiting",
                                         summary->waiting),
                            summary->problem, summary->waiting);

  if (summary->no_destination)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "No destination for this live blog — %u update waiting",
                                         "No destination for this live blog — %u updates waiting",
                                         summary->waiting),
                            summary->waiting);

  if (!summary->online)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Offline — %u update waiting",
                                         "Offline — %u updates waiting",
                                         summary->waiting),
                            summary->waiting);

  if (summary->retry_in > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Can’t reach the endpoint — retrying in %u second",
                                         "Can’t reach the endpoint — retrying in %u seconds",
                                         (gulong)summary->retry_in),
                            (guint)summary->retry_in);

  if (summary->position > 0 && summary->total > 1)
    /* Translators: as in "Publishing 2 of 5…" */
    return g_strdup_printf (_("Publishing %u of %u…"), summary->position, summary->total);

  return g_strdup (_("Publishing…"));
}
