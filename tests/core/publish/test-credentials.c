/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-credentials"

#include "config.h"

#include <libsecret/secret.h>
#include <string.h>

#include "liveline-credentials.h"
#include "liveline-test-keyring.h"
#include "liveline-test-util.h"

/* The keyring's half of destinations, against a real gnome-keyring-daemon. */

#define BLOG      "5d0c0c52-6a8f-4f4e-9d43-0d5bb8a10d11"
#define OTHER     "0b7e4f5e-2f45-4c8e-8d0b-3a9d6f1e2c77"
#define ENDPOINT  "https://live.example.com/"
#define TOKEN     "tok-0f1e2d3c4b5a"

static LivelineTestKeyring *keyring;

static void
store (const char *blog,
       const char *endpoint,
       const char *username,
       const char *secret)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  liveline_credentials_store_async (blog, endpoint, username, "Liveline test", secret, NULL,
                                    liveline_test_keep_result, &result);
  g_assert_true (liveline_test_wait_for_result (&result, 10000));
  g_assert_true (liveline_credentials_store_finish (result, &error));
  g_assert_no_error (error);
}

static char *
lookup (const char  *blog,
        const char  *endpoint,
        const char  *username,
        GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  liveline_credentials_lookup_async (blog, endpoint, username, NULL,
                                     liveline_test_keep_result, &result);
  g_assert_true (liveline_test_wait_for_result (&result, 10000));

  return liveline_credentials_lookup_finish (result, error);
}

static void
assert_lookup (const char *blog,
               const char *endpoint,
               const char *username,
               const char *expected)
{
  g_autoptr(GError) error = NULL;
  char *secret = lookup (blog, endpoint, username, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (secret, ==, expected);
  secret_password_free (secret);
}

static void
forget (const char *blog)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  liveline_credentials_forget_async (blog, NULL, liveline_test_keep_result, &result);
  g_assert_true (liveline_test_wait_for_result (&result, 10000));
  g_assert_true (liveline_credentials_forget_finish (result, &error));
  g_assert_no_error (error);
}

static void
test_credentials_round_trip (void)
{
  assert_lookup (BLOG, ENDPOINT, NULL, NULL);

  store (BLOG, ENDPOINT, NULL, TOKEN);
  assert_lookup (BLOG, ENDPOINT, NULL, TOKEN);

  /* Only for the address and user it was given for, and only that blog. */
  assert_lookup (BLOG, "https://elsewhere.example.com/", NULL, NULL);
  assert_lookup (BLOG, ENDPOINT, "ana", NULL);
  assert_lookup (OTHER, ENDPOINT, NULL, NULL);

  forget (BLOG);
  assert_lookup (BLOG, ENDPOINT, NULL, NULL);
}

static void
test_credentials_replace (void)
{
  store (BLOG, ENDPOINT, "ana", "first");
  store (OTHER, ENDPOINT, "ana", "other blog");

  /* A new address takes the place of the old one: one secret per blog. */
  store (BLOG, "https://new.example.com/", "ana", "second");
  assert_lookup (BLOG, "https://new.example.com/", "ana", "second");
  assert_lookup (BLOG, ENDPOINT, "ana", NULL);
  assert_lookup (OTHER, ENDPOINT, "ana", "other blog");

  /* An empty secret forgets. */
  store (BLOG, "https://new.example.com/", "ana", "");
  assert_lookup (BLOG, "https://new.example.com/", "ana", NULL);

  forget (OTHER);
  assert_lookup (OTHER, ENDPOINT, "ana", NULL);
}

/* Stores a secret that the keyring refuses, and gives its words. */
static char *
refused_store (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  liveline_credentials_store_async (BLOG, ENDPOINT, NULL, "Liveline test", TOKEN, NULL,
                                    liveline_test_keep_result, &result);
  g_assert_true (liveline_test_wait_for_result (&result, 10000));
  g_assert_false (liveline_credentials_store_finish (result, &error));
  g_assert_nonnull (error);

  /* Nothing of D-Bus: no object path, no service name. */
  g_assert_null (strstr (error->message, "/org/freedesktop"));
  g_assert_null (strstr (error->message, "org.freedesktop"));

  return g_strdup (error->message);
}

static void
call_keyring (const char *path,
              const char *interface,
              const char *method,
              GVariant   *parameters)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.secrets", path, interface, method,
                                       parameters, NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
}

#define LOGIN_COLLECTION "/org/freedesktop/secrets/collection/login"

/* A locked keyring, and then none to keep passwords in at all (the login
 * keyring deleted): each is said in words, with what to do. Without a
 * keyring application to unlock it, gnome-keyring refuses at once. */
static void
test_credentials_keyring_refuses (void)
{
  const char *collections[] = { LOGIN_COLLECTION, NULL };
  g_autofree char *locked = NULL;
  g_autofree char *missing = NULL;

  call_keyring ("/org/freedesktop/secrets", "org.freedesktop.Secret.Service", "Lock",
                g_variant_new ("(^ao)", collections));
  locked = refused_store ();
  g_assert_cmpstr (locked, ==,
                   "The keyring could not be used: it is locked. Unlock it, then try again.");

  call_keyring (LOGIN_COLLECTION, "org.freedesktop.Secret.Collection", "Delete", NULL);
  missing = refused_store ();
  g_assert_cmpstr (missing, ==,
                   "The keyring could not be used: there is no default keyring to keep "
                   "passwords in. Create one in Passwords and Keys, then try again.");
}

/* Run last: with the daemon gone, lookups fail and say so in words. */
static void
test_credentials_keyring_gone (void)
{
  g_autoptr(GError) error = NULL;
  char *secret;

  liveline_test_keyring_stop (keyring);
  keyring = NULL;

  secret = lookup (BLOG, ENDPOINT, NULL, &error);
  g_assert_null (secret);
  g_assert_nonnull (error);
  g_assert_cmpstr (error->message, ==,
                   "The keyring could not be used: no keyring service answered on this "
                   "computer. Log out and back in, or ask whoever looks after it.");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = liveline_test_make_home ();
  int status;

  g_test_init (&argc, &argv, NULL);
  keyring = liveline_test_keyring_start (home);

  g_test_add_func ("/credentials/round-trip", test_credentials_round_trip);
  g_test_add_func ("/credentials/replace", test_credentials_replace);
  g_test_add_func ("/credentials/keyring-refuses", test_credentials_keyring_refuses);
  g_test_add_func ("/credentials/keyring-gone", test_credentials_keyring_gone);

  status = g_test_run ();

  if (keyring != NULL)
    liveline_test_keyring_stop (keyring);
  liveline_test_remove_tree (home);

  return status;
}
