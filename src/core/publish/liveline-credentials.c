/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-credentials"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "liveline-credentials.h"

/* Tokens and passwords live only in the keyring, through the Secret
 * Service (or the Secret portal inside Flatpak): one item for each live
 * blog, found by the blog's UUID, the endpoint's address and the user
 * name, so a token is never handed to an address it was not given for.
 * Nothing of a secret is kept anywhere else, nor logged.
 */

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    "io.github.liveline.Liveline.Credentials", SECRET_SCHEMA_NONE,
    {
      { "blog", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "endpoint", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "username", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

static GHashTable *
new_attributes (const char *blog_uuid,
                const char *endpoint_url,
                const char *username)
{
  GHashTable *attributes = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_insert (attributes, (char *)"blog", (char *)blog_uuid);
  if (endpoint_url != NULL)
    {
      g_hash_table_insert (attributes, (char *)"endpoint", (char *)endpoint_url);
      g_hash_table_insert (attributes, (char *)"username", (char *)(username ? username : ""));
    }

  return attributes;
}

/* libsecret's own errors speak of D-Bus names and object paths; say what
 * they mean for the journalist, and keep the rest for the debug log.
 */
static char *
describe_keyring_error (const GError *error)
{
  if (g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED))
    /* Translators: the keyring is where passwords are kept, as in GNOME's Passwords and Keys */
    return g_strdup (_("The keyring could not be used: it is locked. Unlock it, then try again."));

  if (g_error_matches (error, SECRET_ERROR, SECRET_ERROR_NO_SUCH_OBJECT) ||
      g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD) ||
      g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_OBJECT) ||
      g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_INTERFACE))
    return g_strdup (_("The keyring could not be used: there is no default keyring to keep "
                       "passwords in. Create one in Passwords and Keys, then try again."));

  if (error->domain == G_DBUS_ERROR || error->domain == G_IO_ERROR)
    return g_strdup (_("The keyring could not be used: no keyring service answered on this "
                       "computer. Log out and back in, or ask whoever looks after it."));

  return g_strdup (_("The keyring could not be used: it reported a problem of its own. "
                     "Try again, or ask whoever looks after this computer."));
}

static void
return_keyring_error (GTask  *task,
                      GError *error)
{
  g_autofree char *message = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, error);
      return;
    }

  g_debug ("The keyring answered: %s", error->message);
  message = describe_keyring_error (error);
  g_task_return_error (task, g_error_new_literal (error->domain, error->code, message));
  g_error_free (error);
}

typedef struct
{
  char *blog_uuid;
  char *endpoint_url;
  char *username;
  char *label;
  char *secret;
} StoreData;

static void
store_data_free (StoreData *data)
{
  g_free (data->blog_uuid);
  g_free (data->endpoint_url);
  g_free (data->username);
  g_free (data->label);
  secret_password_free (data->secret);
  g_free (data);
}

static void
on_stored (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    return_keyring_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_old_forgotten (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StoreData *data = g_task_get_task_data (task);
  g_autoptr(GHashTable) attributes = NULL;
  GError *error = NULL;

  if (!secret_password_clear_finish (result, &error) && error != NULL)
    {
      return_keyring_error (task, error);
      return;
    }

  if (data->secret == NULL || data->secret[0] == '\0')
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  attributes = new_attributes (data->blog_uuid, data->endpoint_url, data->username);
  secret_password_storev (get_schema (), attributes, SECRET_COLLECTION_DEFAULT,
                          data->label, data->secret,
                          g_task_get_cancellable (task),
                          on_stored, g_object_ref (task));
}

/**
 * liveline_credentials_store_async:
 * @blog_uuid: the live blog's UUID
 * @endpoint_url: where the secret may be sent
 * @username: (nullable): the user name it goes with, if any
 * @label: what the keyring shows the item as
 * @secret: (nullable): the token or password; %NULL or empty forgets it
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the keyring has it
 * @user_data: data for @callback
 *
 * Puts the blog's secret in the keyring, in place of any it had before,
 * for whatever address.
 */
void
liveline_credentials_store_async (const char          *blog_uuid,
                                  const char          *endpoint_url,
                                  const char          *username,
                                  const char          *label,
                                  const char          *secret,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  StoreData *data;

  g_return_if_fail (blog_uuid != NULL);
  g_return_if_fail (endpoint_url != NULL);
  g_return_if_fail (label != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, liveline_credentials_store_async);

  data = g_new0 (StoreData, 1);
  data->blog_uuid = g_strdup (blog_uuid);
  data->endpoint_url = g_strdup (endpoint_url);
  data->username = g_strdup (username);
  data->label = g_strdup (label);
  data->secret = g_strdup (secret);
  g_task_set_task_data (task, data, (GDestroyNotify)store_data_free);

  attributes = new_attributes (blog_uuid, NULL, NULL);
  secret_password_clearv (get_schema (), attributes, cancellable,
                          on_old_forgotten, g_steal_pointer (&task));
}

/**
 * liveline_credentials_store_finish:
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: %TRUE when the keyring holds the secret (or has forgotten it)
 */
gboolean
liveline_credentials_store_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_looked_up (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *secret;

  secret = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    return_keyring_error (task, error);
  else
    g_task_return_pointer (task, secret, (GDestroyNotify)secret_password_free);
}

/**
 * liveline_credentials_lookup_async:
 * @blog_uuid: the live blog's UUID
 * @endpoint_url: where the secret is to be sent
 * @username: (nullable): the user name it goes with, if any
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the secret
 * @user_data: data for @callback
 *
 * Reads the secret stored for the blog with this address and user name.
 */
void
liveline_credentials_lookup_async (const char          *blog_uuid,
                                   const char          *endpoint_url,
                                   const char          *username,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) attributes = NULL;

  g_return_if_fail (blog_uuid != NULL);
  g_return_if_fail (endpoint_url != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, liveline_credentials_lookup_async);

  attributes = new_attributes (blog_uuid, endpoint_url, username);
  secret_password_lookupv (get_schema (), attributes, cancellable,
                           on_looked_up, g_steal_pointer (&task));
}

/**
 * liveline_credentials_lookup_finish:
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the secret, to be freed with
 *   secret_password_free(), or %NULL (without an error) when there is none
 */
char *
liveline_credentials_lookup_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_forgotten (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!secret_password_clear_finish (result, &error) && error != NULL)
    return_keyring_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * liveline_credentials_forget_async:
 * @blog_uuid: the live blog's UUID
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the keyring has forgotten
 * @user_data: data for @callback
 *
 * Removes every secret the keyring holds for the blog.
 */
void
liveline_credentials_forget_async (const char          *blog_uuid,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) attributes = NULL;

  g_return_if_fail (blog_uuid != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, liveline_credentials_forget_async);

  attributes = new_attributes (blog_uuid, NULL, NULL);
  secret_password_clearv (get_schema (), attributes, cancellable,
                          on_forgotten, g_steal_pointer (&task));
}

/**
 * liveline_credentials_forget_finish:
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: %TRUE when nothing is left for the blog
 */
gboolean
liveline_credentials_forget_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
