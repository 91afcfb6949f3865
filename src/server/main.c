/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-server"

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "liveline-server.h"

static gboolean
on_quit_signal (gpointer user_data)
{
  GMainLoop *main_loop = user_data;

  g_printerr ("level=info msg=\"shutting down\"\n");
  g_main_loop_quit (main_loop);

  return G_SOURCE_CONTINUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(LivelineServer) server = NULL;
  g_autoptr(GMainLoop) main_loop = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  gboolean show_version = FALSE;
  guint sigint_id;
  guint sigterm_id;
  int port = 0;
  const GOptionEntry entries[] = {
    { "port", 'p', 0, G_OPTION_ARG_INT, &port,
      N_("TCP port to listen on, 0 for any free port (the default)"), N_("PORT") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &show_version,
      N_("Show the version and exit"), NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                _("The Liveline reference endpoint. It listens on 127.0.0.1 "
                                  "and prints the port it chose on standard output."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("liveline-server: %s\n", error->message);
      return EXIT_FAILURE;
    }

  if (show_version)
    {
      g_print ("liveline-server %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  if (port < 0 || port > G_MAXUINT16)
    {
      g_printerr (_("liveline-server: the port must be between 0 and 65535, not %d\n"), port);
      return EXIT_FAILURE;
    }

  server = liveline_server_new ();
  if (!liveline_server_listen (server, "127.0.0.1", (guint)port, &error))
    {
      g_printerr (_("liveline-server: cannot listen on 127.0.0.1:%d: %s\n"), port, error->message);
      return EXIT_FAILURE;
    }

  url = liveline_server_dup_url (server);

  /* The port alone on standard output, for scripts; the rest goes to the log. */
  g_print ("%u\n", liveline_server_get_port (server));
  fflush (stdout);
  g_printerr ("level=info msg=\"listening\" url=%s\n", url);

  main_loop = g_main_loop_new (NULL, FALSE);
  sigint_id = g_unix_signal_add (SIGINT, on_quit_signal, main_loop);
  sigterm_id = g_unix_signal_add (SIGTERM, on_quit_signal, main_loop);

  g_main_loop_run (main_loop);

  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);
  liveline_server_disconnect (server);
  g_printerr ("level=info msg=\"stopped\"\n");

  return EXIT_SUCCESS;
}
