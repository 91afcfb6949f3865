/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-test"

#include "config.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#include "liveline-test-keyring.h"

/* A real Secret Service for a test: gnome-keyring-daemon on a session bus
 * of the test's own, with a login keyring in the test's home made and
 * unlocked with a test password, so tests running side by side never
 * share a keyring and never touch the user's.
 */

#define KEYRING_PASSWORD "liveline-test-keyring"
#define SECRETS_NAME     "org.freedesktop.secrets"

struct _LivelineTestKeyring
{
  GPid daemon;
};

static gboolean
name_has_owner (GDBusConnection *connection,
                const char      *name)
{
  g_autoptr(GVariant) reply = NULL;
  gboolean has_owner = FALSE;

  reply = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus",
                                       "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                       "NameHasOwner", g_variant_new ("(s)", name),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE,
                                       -1, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &has_owner);

  return has_owner;
}

/**
 * liveline_test_keyring_start:
 * @home: the test's home folder (see liveline_test_make_home())
 *
 * Starts a session bus and a keyring daemon on it, and points
 * `DBUS_SESSION_BUS_ADDRESS` at that bus. Call it before anything in the
 * process connects to the session bus.
 *
 * Returns: (transfer full): the keyring, to stop at the end
 */
LivelineTestKeyring *
liveline_test_keyring_start (const char *home)
{
  LivelineTestKeyring *keyring = g_new0 (LivelineTestKeyring, 1);
  g_autofree char *display = NULL;
  GTestDBus *bus;
  g_autoptr(GDBusConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = g_build_filename (home, "keyring", NULL);
  g_autofree char *runtime = g_build_filename (home, "runtime", NULL);
  g_auto(GStrv) envp = g_get_environ ();
  const char *argv[] = {
    "gnome-keyring-daemon", "--foreground", "--components=secrets", "--unlock", NULL,
  };
  gint64 deadline;
  int input;

  /* Never finalized: that would wait for every connection to close. It
   * unsets DISPLAY, which display tests need. */
  display = g_strdup (g_getenv ("DISPLAY"));
  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);

  g_assert_cmpint (g_mkdir_with_parents (data, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (runtime, 0700), ==, 0);
  envp = g_environ_setenv (envp, "DBUS_SESSION_BUS_ADDRESS",
                           g_test_dbus_get_bus_address (bus), TRUE);
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", data, TRUE);
  envp = g_environ_setenv (envp, "XDG_RUNTIME_DIR", runtime, TRUE);

  /* The password comes on standard input: the first one makes the keyring. */
  g_spawn_async_with_pipes (NULL, (char **)argv, envp,
                            G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD |
                            G_SPAWN_STDOUT_TO_DEV_NULL,
                            NULL, NULL, &keyring->daemon, &input, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (write (input, KEYRING_PASSWORD, strlen (KEYRING_PASSWORD)), ==,
                   strlen (KEYRING_PASSWORD));
  close (input);

  connection = g_dbus_connection_new_for_address_sync (g_test_dbus_get_bus_address (bus),
                                                       G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                       G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                       NULL, NULL, &error);
  g_assert_no_error (error);

  deadline = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
  while (!name_has_owner (connection, SECRETS_NAME))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (20 * G_TIME_SPAN_MILLISECOND);
    }

  return keyring;
}

/**
 * liveline_test_session_bus_hold:
 *
 * Stops the session bus's daemon where it is, without ending it: nothing
 * connects to the bus or gets an answer through it until
 * liveline_test_session_bus_release(). Forces a connection to the bus, and
 * every keyring look-up that waits for it, to be under way at a moment
 * of the test's choosing.
 *
 * Returns: the daemon, to give to liveline_test_session_bus_release()
 */
GPid
liveline_test_session_bus_hold (void)
{
  g_autoptr(GDBusConnection) connection = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;
  guint32 pid;

  /* A connection of its own: the process's shared one must not exist yet. */
  address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  connection = g_dbus_connection_new_for_address_sync (address,
                                                       G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                       G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                       NULL, NULL, &error);
  g_assert_no_error (error);

  /* The bus answers for itself with its own process. */
  reply = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus",
                                       "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                       "GetConnectionUnixProcessID",
                                       g_variant_new ("(s)", "org.freedesktop.DBus"),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE,
                                       -1, NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(u)", &pid);
  g_dbus_connection_close_sync (connection, NULL, NULL);

  g_assert_cmpint (kill ((pid_t)pid, SIGSTOP), ==, 0);

  return (GPid)pid;
}

/**
 * liveline_test_session_bus_release:
 * @daemon: what liveline_test_session_bus_hold() returned
 *
 * Lets the session bus go on with what waited.
 */
void
liveline_test_session_bus_release (GPid daemon)
{
  g_assert_cmpint (kill (daemon, SIGCONT), ==, 0);
}

/**
 * liveline_test_keyring_stop:
 * @keyring: (transfer full): a keyring from liveline_test_keyring_start()
 *
 * Stops the keyring daemon. Its bus stays until the process ends (GLib
 * stops it then): the process's own connection to it ends the process
 * when the bus goes.
 */
void
liveline_test_keyring_stop (LivelineTestKeyring *keyring)
{
  int status;

  g_assert (keyring != NULL);

  kill (keyring->daemon, SIGTERM);
  waitpid (keyring->daemon, &status, 0);
  g_spawn_close_pid (keyring->daemon);
  g_free (keyring);
}
