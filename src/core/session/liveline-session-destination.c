/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-session"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "liveline-blog.h"
#include "liveline-credentials.h"
#include "liveline-endpoint-url.h"
#include "liveline-session-private.h"
#include "liveline-store.h"
#include "liveline-wordpress-publisher.h"

/* Setting where a live blog publishes, and trying a destination out before
 * it is kept: what the Preferences window does. The secret goes to the
 * keyring first; only when it is there does the store learn the rest, so a
 * keyring that fails leaves the blog as it was.
 */

typedef void (*PublisherAction) (GTask             *task,
                                 LivelinePublisher *publisher);

typedef struct
{
  PublisherAction action;
  LivelineBlog *blog;
  char         *kind;
  char         *endpoint_url;
  char         *remote_blog_id;
  char         *username;
  char         *secret;
} Destination;

static void
destination_free (Destination *destination)
{
  g_clear_object (&destination->blog);
  g_free (destination->kind);
  g_free (destination->endpoint_url);
  g_free (destination->remote_blog_id);
  g_free (destination->username);
  secret_password_free (destination->secret);
  g_free (destination);
}

static char *
nonempty_dup (const char *text)
{
  return text != NULL && text[0] != '\0' ? g_strdup (text) : NULL;
}

static GTask *
new_destination_task (LivelineSession           *self,
                      LivelineBlog              *blog,
                      const LivelineDestination *given,
                      const char                *secret,
                      GCancellable              *cancellable,
                      GAsyncReadyCallback        callback,
                      gpointer                   user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Destination *destination = g_new0 (Destination, 1);

  destination->blog = g_object_ref (blog);
  destination->kind = nonempty_dup (given->kind);
  destination->endpoint_url = g_strstrip (g_strdup (given->endpoint_url ? given->endpoint_url : ""));
  destination->remote_blog_id = nonempty_dup (given->remote_blog_id);
  destination->username = nonempty_dup (given->username);
  destination->secret = g_strdup (secret);
  g_task_set_task_data (task, destination, (GDestroyNotify)destination_free);

  return task;
}

static void
save_in_store (GTask *task)
{
  LivelineSession *self = g_task_get_source_object (task);
  Destination *destination = g_task_get_task_data (task);
  GError *error = NULL;

  if (!liveline_store_set_blog_destination (self->store, destination->blog,
                                            destination->kind,
                                            destination->kind ? destination->endpoint_url : NULL,
                                            destination->remote_blog_id,
                                            destination->username,
                                            &error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* The secret may have changed where nothing else did. */
  _liveline_session_update_publisher (self, destination->blog);
  g_task_return_boolean (task, TRUE);
}

static void
on_secret_stored (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!liveline_credentials_store_finish (result, &error))
    g_task_return_error (task, error);
  else
    save_in_store (task);
}

static void
on_secret_forgotten (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!liveline_credentials_forget_finish (result, &error))
    g_task_return_error (task, error);
  else
    save_in_store (task);
}

/**
 * liveline_session_save_destination_async:
 * @self: a #LivelineSession
 * @blog: a live blog
 * @destination: where @blog is to publish
 * @secret: (nullable): the token or password for the keyring; %NULL keeps
 *   what the keyring has, an empty string removes it
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the destination is kept
 * @user_data: data for @callback
 *
 * Sets where @blog publishes. A refused address fails at once with the
 * reason; the secret is only ever in the keyring.
 */
void
liveline_session_save_destination_async (LivelineSession           *self,
                                         LivelineBlog              *blog,
                                         const LivelineDestination *destination,
                                         const char                *secret,
                                         GCancellable              *cancellable,
                                         GAsyncReadyCallback        callback,
                                         gpointer                   user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *label = NULL;
  Destination *kept;
  GError *error;

  g_return_if_fail (LIVELINE_IS_SESSION (self));
  g_return_if_fail (LIVELINE_IS_BLOG (blog));
  g_return_if_fail (destination != NULL);

  task = new_destination_task (self, blog, destination, secret, cancellable, callback, user_data);
  g_task_set_source_tag (task, liveline_session_save_destination_async);
  kept = g_task_get_task_data (task);

  if (kept->kind == NULL)
    {
      liveline_credentials_forget_async (liveline_blog_get_uuid (blog), cancellable,
                                         on_secret_forgotten, g_steal_pointer (&task));
      return;
    }

  if ((error = liveline_endpoint_url_check (kept->endpoint_url)))
    {
      g_task_return_error (task, error);
      return;
    }

  if (kept->secret == NULL)
    {
      save_in_store (task);
      return;
    }

  /* Translators: the keyring's name for a live blog's token; %s is the blog's name */
  label = g_strdup_printf (_("Liveline: “%s”"), liveline_blog_get_name (blog));
  liveline_credentials_store_async (liveline_blog_get_uuid (blog), kept->endpoint_url,
                                    kept->username, label, kept->secret,
                                    cancellable, on_secret_stored, g_steal_pointer (&task));
}

/**
 * liveline_session_save_destination_finish:
 * @self: a #LivelineSession
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: %TRUE when the blog publishes to the new destination
 */
gboolean
liveline_session_save_destination_finish (LivelineSession  *self,
                                          GAsyncResult     *result,
                                          GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_checked (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!liveline_publisher_check_finish (LIVELINE_PUBLISHER (object), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
check (GTask             *task,
       LivelinePublisher *publisher)
{
  liveline_publisher_check_async (publisher, g_task_get_cancellable (task),
                                  on_checked, g_object_ref (task));
}

static void
run_with_secret (GTask      *task,
                 const char *secret)
{
  LivelineSession *self = g_task_get_source_object (task);
  Destination *destination = g_task_get_task_data (task);
  LivelineDestination trial = {
    .kind = destination->kind,
    .endpoint_url = destination->endpoint_url,
    .remote_blog_id = destination->remote_blog_id,
    .username = destination->username,
  };
  g_autoptr(LivelinePublisher) publisher = NULL;

  publisher = liveline_destination_new_publisher (&trial, self->soup_session, destination->blog,
                                                  secret);
  if (publisher == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Liveline cannot publish to this kind of destination."));
      return;
    }

  destination->action (task, publisher);
}

static void
on_stored_secret_looked_up (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *secret;

  secret = liveline_credentials_lookup_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  run_with_secret (task, secret);
  secret_password_free (secret);
}

/* Asks a destination something with a publisher made for the question:
 * with the secret given, or else the one the keyring has. */
static void
run_with_publisher (GTask           *task,
                    PublisherAction  action)
{
  Destination *destination = g_task_get_task_data (task);
  GError *error;

  destination->action = action;

  if ((error = liveline_endpoint_url_check (destination->endpoint_url)))
    {
      g_task_return_error (task, error);
      return;
    }

  if (destination->secret != NULL)
    {
      run_with_secret (task, destination->secret);
      return;
    }

  liveline_credentials_lookup_async (liveline_blog_get_uuid (destination->blog),
                                     destination->endpoint_url, destination->username,
                                     g_task_get_cancellable (task),
                                     on_stored_secret_looked_up, g_object_ref (task));
}

/**
 * liveline_session_test_destination_async:
 * @self: a #LivelineSession
 * @blog: a live blog
 * @destination: the destination to try
 * @secret: (nullable): the token or password to try; %NULL tries the one
 *   the keyring has for this address
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the answer
 * @user_data: data for @callback
 *
 * Asks the destination whether it can be reached and takes the secret,
 * without keeping anything or changing anything there.
 */
void
liveline_session_test_destination_async (LivelineSession           *self,
                                         LivelineBlog              *blog,
                                         const LivelineDestination *destination,
                                         const char                *secret,
                                         GCancellable              *cancellable,
                                         GAsyncReadyCallback        callback,
                                         gpointer                   user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LIVELINE_IS_SESSION (self));
  g_return_if_fail (LIVELINE_IS_BLOG (blog));
  g_return_if_fail (destination != NULL);

  task = new_destination_task (self, blog, destination, secret, cancellable, callback, user_data);
  g_task_set_source_tag (task, liveline_session_test_destination_async);
  run_with_publisher (task, check);
}

/**
 * liveline_session_test_destination_finish:
 * @self: a #LivelineSession
 * @result: the result given to the callback
 * @error: return location for an error, which says what went wrong in words
 *
 * Returns: %TRUE when the destination answered and took the secret
 */
gboolean
liveline_session_test_destination_finish (LivelineSession  *self,
                                          GAsyncResult     *result,
                                          GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_categories_listed (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GPtrArray *categories;

  categories = liveline_wordpress_publisher_list_categories_finish (LIVELINE_WORDPRESS_PUBLISHER (object),
                                                                    result, &error);
  if (categories == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, categories, (GDestroyNotify)g_ptr_array_unref);
}

static void
list_categories (GTask             *task,
                 LivelinePublisher *publisher)
{
  if (!LIVELINE_IS_WORDPRESS_PUBLISHER (publisher))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Only WordPress sites have categories."));
      return;
    }

  liveline_wordpress_publisher_list_categories_async (LIVELINE_WORDPRESS_PUBLISHER (publisher),
                                                      g_task_get_cancellable (task),
                                                      on_categories_listed, g_object_ref (task));
}

/**
 * liveline_session_list_categories_async:
 * @self: a #LivelineSession
 * @blog: a live blog
 * @destination: a WordPress destination
 * @secret: (nullable): the application password to ask with; %NULL asks
 *   with the one the keyring has for this address
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the categories
 * @user_data: data for @callback
 *
 * Asks a WordPress site for its categories, for the blog to go in one.
 */
void
liveline_session_list_categories_async (LivelineSession           *self,
                                        LivelineBlog              *blog,
                                        const LivelineDestination *destination,
                                        const char                *secret,
                                        GCancellable              *cancellable,
                                        GAsyncReadyCallback        callback,
                                        gpointer                   user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LIVELINE_IS_SESSION (self));
  g_return_if_fail (LIVELINE_IS_BLOG (blog));
  g_return_if_fail (destination != NULL);

  task = new_destination_task (self, blog, destination, secret, cancellable, callback, user_data);
  g_task_set_source_tag (task, liveline_session_list_categories_async);
  run_with_publisher (task, list_categories);
}

/**
 * liveline_session_list_categories_finish:
 * @self: a #LivelineSession
 * @result: the result given to the callback
 * @error: return location for an error, which says what went wrong in words
 *
 * Returns: (transfer container) (element-type LivelineWordpressCategory):
 *   the site's categories, by name
 */
GPtrArray *
liveline_session_list_categories_finish (LivelineSession  *self,
                                         GAsyncResult     *result,
                                         GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
