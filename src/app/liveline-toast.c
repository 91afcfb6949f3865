/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-toast"

#include "config.h"

#include "liveline-toast.h"

/* A toast's title is Pango markup in libadwaita, and what Liveline shows in
 * toasts is plain text: an error from the database or from a server may
 * hold "<", ">" or "&". Every toast is made here, so that such text is shown
 * as it is, never read as markup (a stray "&" would otherwise blank the
 * toast with a warning, and "<b>" would turn bold).
 */

static void
set_plain_title (AdwToast   *toast,
                 const char *text)
{
#if ADW_CHECK_VERSION (1, 4, 0)
  adw_toast_set_use_markup (toast, FALSE);
  adw_toast_set_title (toast, text);
#else
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  adw_toast_set_title (toast, escaped);
#endif
}

/**
 * liveline_toast_new:
 * @text: what the toast says, as plain text
 *
 * Returns: (transfer full): a new #AdwToast that shows @text as it is
 */
AdwToast *
liveline_toast_new (const char *text)
{
  AdwToast *toast;

  g_return_val_if_fail (text != NULL, NULL);

  toast = adw_toast_new ("");
  set_plain_title (toast, text);

  return toast;
}

/**
 * liveline_toast_set_text:
 * @toast: a toast from liveline_toast_new()
 * @text: what it says from now on, as plain text
 */
void
liveline_toast_set_text (AdwToast   *toast,
                         const char *text)
{
  g_return_if_fail (ADW_IS_TOAST (toast));
  g_return_if_fail (text != NULL);

  set_plain_title (toast, text);
}
