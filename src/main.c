/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline"

#include "config.h"

#include <glib/gi18n.h>

#include "liveline-application.h"
#include "liveline-first-frame.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LivelineApplication) application = NULL;

  liveline_first_frame_start ();

  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  application = liveline_application_new ();

  return g_application_run (G_APPLICATION (application), argc, argv);
}
