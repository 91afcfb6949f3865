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
#include "liveline-server-connections.h"

static gboolean
on_quit_signal (gpointer user_data)
{
  GMainLoop *main_loop = user_data;

  g_printerr ("level=info msg=\"shutting down\"\n");
  g_main_loop_quit (main_loop);

  return G_SOURCE_CONTINUE;
}

static gboolean
parse_listen (const char  *listen,
              char       **address,
              int         *port)
{
  const char *colon = strrchr (listen, ':');
  guint64 value;

  if (colon == NULL || colon == listen
      || !g_ascii_string_to_unsigned (colon + 1, 10, 0, G_MAXUINT16, &value, NULL))
    return FALSE;

  if (listen[0] == '[' && colon[-1] == ']')
    *address = g_strndup (listen + 1, colon - listen - 2);
  else
    *address = g_strndup (listen, colon - listen);
  *port = (int)value;

  return TRUE;
}

static gboolean
add_token_file (LivelineServer  *server,
                const char      *path,
                GError         **error)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  guint added = 0;

  if (!g_file_get_contents (path, &contents, NULL, error))
    return FALSE;

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = g_strstrip (lines[i]);
      g_autoptr(GError) line_error = NULL;

      if (*line == '\0' || *line == '#')
        continue;
      if (!liveline_server_add_token_line (server, line, &line_error))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("line %u of “%s”: %s"), i + 1, path, line_error->message);
          return FALSE;
        }
      added++;
    }

  if (added == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” holds no token"), path);
      return FALSE;
    }

  return TRUE;
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
  g_autofree char *address = g_strdup ("127.0.0.1");
  g_autofree char *listen = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *token_file = NULL;
  g_autofree char *fault_plan = NULL;
  g_auto(GStrv) tokens = NULL;
  gboolean show_version = FALSE;
  gboolean no_auth = FALSE;
  guint sigint_id;
  guint sigterm_id;
  int port = -1;
  int listen_port = 0;
  int max_connections = LIVELINE_SERVER_MAX_CONNECTIONS;
  int header_timeout = LIVELINE_SERVER_HEADER_TIMEOUT;
  int idle_timeout = LIVELINE_SERVER_IDLE_TIMEOUT;
  const GOptionEntry entries[] = {
    { "port", 'p', 0, G_OPTION_ARG_INT, &port,
      N_("TCP port to listen on, 0 for any free port (the default)"), N_("PORT") },
    { "listen", 'l', 0, G_OPTION_ARG_STRING, &listen,
      N_("Address and port to listen on (default 127.0.0.1:0)"), N_("ADDRESS:PORT") },
    { "data", 'd', 0, G_OPTION_ARG_FILENAME, &data_dir,
      N_("Folder for the database and media, made if missing"), N_("FOLDER") },
    { "token", 't', 0, G_OPTION_ARG_STRING_ARRAY, &tokens,
      N_("A bearer token the API accepts, then optionally the live blogs it may change "
         "(\"TOKEN blog-a,blog-b\"); may be repeated"), N_("TOKEN") },
    { "token-file", 0, 0, G_OPTION_ARG_FILENAME, &token_file,
      N_("A file of bearer tokens, one a line, each optionally followed by the live blogs "
         "it may change"), N_("FILE") },
    { "no-auth", 0, 0, G_OPTION_ARG_NONE, &no_auth,
      N_("Answer the API without a token (previews on this computer only)"), NULL },
    { "fault-plan", 0, 0, G_OPTION_ARG_FILENAME, &fault_plan,
      N_("Misbehave on chosen API requests, for testing clients (see docs/api.md)"),
      N_("FILE") },
    { "max-connections", 0, 0, G_OPTION_ARG_INT, &max_connections,
      N_("How many connections may be open at once (default 256)"), N_("NUMBER") },
    { "header-timeout", 0, 0, G_OPTION_ARG_INT, &header_timeout,
      N_("Seconds a request's headers may take to arrive, 0 for no limit (default 20)"),
      N_("SECONDS") },
    { "idle-timeout", 0, 0, G_OPTION_ARG_INT, &idle_timeout,
      N_("Seconds a request's body or its answer may stall, 0 for no limit (default 30)"),
      N_("SECONDS") },
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
                                  "and prints the port it chose on standard output. The API "
                                  "needs --token, --token-file or --no-auth."));
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

  if (listen != NULL)
    {
      g_clear_pointer (&address, g_free);
      if (!parse_listen (listen, &address, &listen_port))
        {
          g_printerr (_("liveline-server: --listen takes an address and a port, such as "
                        "127.0.0.1:8080, not “%s”\n"), listen);
          return EXIT_FAILURE;
        }
    }

  if (port == -1)
    port = listen_port;

  if (port < 0 || port > G_MAXUINT16)
    {
      g_printerr (_("liveline-server: the port must be between 0 and 65535, not %d\n"), port);
      return EXIT_FAILURE;
    }

  if (max_connections < 1 || header_timeout < 0 || idle_timeout < 0)
    {
      g_printerr (_("liveline-server: --max-connections must be at least 1, and the timeouts "
                    "0 or more seconds\n"));
      return EXIT_FAILURE;
    }

  server = liveline_server_new ();
  liveline_server_set_connection_limits (server, max_connections, header_timeout, idle_timeout);

  for (guint i = 0; tokens != NULL && tokens[i] != NULL; i++)
    if (*g_strstrip (tokens[i]) != '\0' && !liveline_server_add_token_line (server, tokens[i],
                                                                            &error))
      {
        g_printerr (_("liveline-server: bad --token: %s\n"), error->message);
        return EXIT_FAILURE;
      }

  if (token_file != NULL && !add_token_file (server, token_file, &error))
    {
      g_printerr (_("liveline-server: cannot read tokens: %s\n"), error->message);
      return EXIT_FAILURE;
    }

  if (no_auth)
    liveline_server_set_open (server, TRUE);
  else if ((tokens == NULL || tokens[0] == NULL) && token_file == NULL)
    {
      g_printerr (_("liveline-server: no token: pass --token, --token-file, or --no-auth to "
                    "answer without one\n"));
      return EXIT_FAILURE;
    }

  if (fault_plan != NULL)
    {
      g_autofree char *plan = NULL;

      if (!g_file_get_contents (fault_plan, &plan, NULL, &error)
          || !liveline_server_set_fault_plan (server, plan, &error))
        {
          g_printerr (_("liveline-server: bad fault plan “%s”: %s\n"), fault_plan, error->message);
          return EXIT_FAILURE;
        }
    }

  if (data_dir == NULL)
    data_dir = g_build_filename (g_get_user_data_dir (), "liveline-server", NULL);

  if (!liveline_server_open_data (server, data_dir, &error))
    {
      g_printerr (_("liveline-server: cannot open the data folder: %s\n"), error->message);
      return EXIT_FAILURE;
    }

  if (!liveline_server_listen (server, address, (guint)port, &error))
    {
      g_printerr (_("liveline-server: cannot listen on %s:%d: %s\n"), address, port,
                  error->message);
      return EXIT_FAILURE;
    }

  url = liveline_server_dup_url (server);

  /* The port alone on standard output, for scripts; the rest goes to the log. */
  g_print ("%u\n", liveline_server_get_port (server));
  fflush (stdout);
  g_printerr ("level=info msg=\"listening\" url=%s data=\"%s\"\n", url, data_dir);

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
