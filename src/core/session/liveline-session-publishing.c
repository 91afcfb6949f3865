/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-session"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "liveline-blog.h"
#include "liveline-credentials.h"
#include "liveline-session-private.h"
#include "liveline-store.h"

/* The session's half that publishes: one HTTP session for every endpoint,
 * the outbox, and a publisher for every live blog that has somewhere to
 * publish, made with the blog's secret from the keyring and kept in step
 * as blogs come, go and change destination.
 */

/* How long a request may take, and wait for a connection to be idle. */
#define REQUEST_TIMEOUT_S 30
#define IDLE_TIMEOUT_S    60

static gint64 *
dup_id (gint64 id)
{
  return g_memdup2 (&id, sizeof id);
}

/* A keyring look-up does not keep the session alive: a session let go of
 * while one is under way is disposed of, and drops it.
 *
 * A look-up that a newer one replaces (the destination or a setting
 * changed meanwhile) is dropped, never cancelled: look-ups made while the
 * process is still connecting to the session bus share that connection,
 * and cancelling one cancels the connection for all of them, so every blog
 * would be left without a publisher. @dropped says that its answer is to
 * be ignored; it is not handed to the keyring.
 */
typedef struct
{
  GWeakRef      session;
  LivelineBlog *blog;
  GCancellable *dropped;
} Lookup;

static void
lookup_free (Lookup *lookup)
{
  g_weak_ref_clear (&lookup->session);
  g_object_unref (lookup->blog);
  g_object_unref (lookup->dropped);
  g_free (lookup);
}

static void
on_secret_looked_up (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Lookup *lookup = user_data;
  g_autoptr(LivelineSession) self = g_weak_ref_get (&lookup->session);
  LivelineBlog *blog = lookup->blog;
  gint64 blog_id = liveline_blog_get_id (blog);
  g_autoptr(LivelinePublisher) publisher = NULL;
  g_autoptr(GError) error = NULL;
  char *secret;

  secret = liveline_credentials_lookup_finish (result, &error);
  if (self == NULL || self->lookups == NULL || g_cancellable_is_cancelled (lookup->dropped))
    {
      secret_password_free (secret);
      lookup_free (lookup);
      return;
    }

  g_hash_table_remove (self->lookups, &blog_id);

  if (error != NULL)
    {
      g_autofree char *message = NULL;

      /* Not dropped, yet cancelled: something else in the process gave up
       * on the connection this look-up shared. Still a reason to show. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        message = g_strdup_printf (_("The keyring could not be used: %s"), error->message);
      else
        message = g_strdup (error->message);

      g_message ("No publisher for “%s”: %s", liveline_blog_get_name (blog), message);
      g_hash_table_insert (self->problems, dup_id (blog_id), g_steal_pointer (&message));
    }
  else
    {
      LivelineDestination destination = {
        .kind = liveline_blog_get_destination_kind (blog),
        .endpoint_url = liveline_blog_get_endpoint_url (blog),
        .remote_blog_id = liveline_blog_get_remote_blog_id (blog),
        .username = liveline_blog_get_username (blog),
        .delete_permanently = self->delete_permanently,
      };

      publisher = liveline_destination_new_publisher (&destination, self->soup_session, blog,
                                                      secret);
      secret_password_free (secret);
    }

  liveline_outbox_set_publisher (self->outbox, blog_id, publisher);
  lookup_free (lookup);
}

/**
 * _liveline_session_update_publisher:
 * @self: a #LivelineSession
 * @blog: a live blog
 *
 * Gives @blog's updates a publisher for where it publishes now: at once
 * for the default destination, which takes no secret, and once the
 * keyring has answered for one of its own.
 */
void
_liveline_session_update_publisher (LivelineSession *self,
                                    LivelineBlog    *blog)
{
  g_autoptr(LivelinePublisher) publisher = NULL;
  const char *kind = liveline_blog_get_destination_kind (blog);
  gint64 blog_id = liveline_blog_get_id (blog);
  GCancellable *pending;
  Lookup *lookup;

  if ((pending = g_hash_table_lookup (self->lookups, &blog_id)))
    g_cancellable_cancel (pending);
  g_hash_table_remove (self->lookups, &blog_id);
  g_hash_table_remove (self->problems, &blog_id);

  if (kind == NULL || liveline_blog_get_endpoint_url (blog) == NULL)
    {
      /* A blog with nowhere of its own goes to the default destination, if any. */
      LivelineDestination preview = { "liveline", self->default_endpoint };

      if (kind == NULL && self->default_endpoint != NULL)
        publisher = liveline_destination_new_publisher (&preview, self->soup_session, blog, NULL);

      liveline_outbox_set_publisher (self->outbox, blog_id, publisher);
      return;
    }

  lookup = g_new0 (Lookup, 1);
  g_weak_ref_init (&lookup->session, self);
  lookup->blog = g_object_ref (blog);
  lookup->dropped = g_cancellable_new ();
  g_hash_table_insert (self->lookups, dup_id (blog_id), g_object_ref (lookup->dropped));

  liveline_credentials_lookup_async (liveline_blog_get_uuid (blog),
                                     liveline_blog_get_endpoint_url (blog),
                                     liveline_blog_get_username (blog),
                                     NULL, on_secret_looked_up, lookup);
}

static void
on_destination_changed (LivelineSession *self,
                        GParamSpec      *pspec,
                        LivelineBlog    *blog)
{
  _liveline_session_update_publisher (self, blog);
}

static void
follow_blog (LivelineSession *self,
             LivelineBlog    *blog)
{
  static const char * const signals[] = {
    "notify::destination-kind", "notify::endpoint-url", "notify::remote-blog-id",
    "notify::username",
  };

  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    g_signal_connect_object (blog, signals[i], G_CALLBACK (on_destination_changed), self,
                             G_CONNECT_SWAPPED);

  _liveline_session_update_publisher (self, blog);
}

static void
on_blogs_changed (LivelineSession *self,
                  guint            position,
                  guint            removed,
                  guint            added,
                  GListModel      *blogs)
{
  for (guint i = 0; i < added; i++)
    {
      g_autoptr(LivelineBlog) blog = g_list_model_get_item (blogs, position + i);

      follow_blog (self, blog);
    }
}

void
_liveline_session_init_publishing (LivelineSession *self)
{
  GListModel *blogs;

  self->soup_session = soup_session_new_with_options ("timeout", REQUEST_TIMEOUT_S,
                                                      "idle-timeout", IDLE_TIMEOUT_S,
                                                      "user-agent", "Liveline/" PACKAGE_VERSION " ",
                                                      NULL);
  self->outbox = liveline_outbox_new (self->store, NULL);
  self->lookups = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->problems = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  blogs = liveline_store_get_blogs (self->store);
  g_signal_connect_object (blogs, "items-changed", G_CALLBACK (on_blogs_changed), self,
                           G_CONNECT_SWAPPED);
  on_blogs_changed (self, 0, 0, g_list_model_get_n_items (blogs), blogs);
}

void
_liveline_session_stop_publishing (LivelineSession *self)
{
  GHashTableIter iter;
  gpointer cancellable;

  if (self->outbox != NULL)
    liveline_outbox_stop (self->outbox);

  if (self->lookups != NULL)
    {
      g_hash_table_iter_init (&iter, self->lookups);
      while (g_hash_table_iter_next (&iter, NULL, &cancellable))
        g_cancellable_cancel (cancellable);
    }

  g_clear_pointer (&self->lookups, g_hash_table_unref);
  g_clear_pointer (&self->problems, g_hash_table_unref);
}

/**
 * liveline_session_get_outbox:
 * @self: a #LivelineSession
 *
 * Returns: (transfer none): the outbox, which sends what is published
 */
LivelineOutbox *
liveline_session_get_outbox (LivelineSession *self)
{
  g_return_val_if_fail (LIVELINE_IS_SESSION (self), NULL);

  return self->outbox;
}

/**
 * liveline_session_get_destination_problem:
 * @self: a #LivelineSession
 * @blog: a live blog
 *
 * Returns: (nullable): why @blog has a destination but cannot publish to
 *   it (the keyring could not be read), or %NULL
 */
const char *
liveline_session_get_destination_problem (LivelineSession *self,
                                          LivelineBlog    *blog)
{
  gint64 blog_id;

  g_return_val_if_fail (LIVELINE_IS_SESSION (self), NULL);
  g_return_val_if_fail (LIVELINE_IS_BLOG (blog), NULL);

  blog_id = liveline_blog_get_id (blog);

  return self->problems != NULL ? g_hash_table_lookup (self->problems, &blog_id) : NULL;
}

/**
 * liveline_session_set_default_endpoint:
 * @self: a #LivelineSession
 * @url: (nullable): the address of a Liveline endpoint, or %NULL
 *
 * Publishes every live blog that has no destination of its own to @url,
 * under its slug: the local preview that `build-aux/dev run` starts.
 * Nothing of it is stored.
 */
void
liveline_session_set_default_endpoint (LivelineSession *self,
                                       const char      *url)
{
  GListModel *blogs;

  g_return_if_fail (LIVELINE_IS_SESSION (self));

  g_free (self->default_endpoint);
  self->default_endpoint = g_strdup (url);

  blogs = liveline_store_get_blogs (self->store);
  for (guint i = 0; i < g_list_model_get_n_items (blogs); i++)
    {
      g_autoptr(LivelineBlog) blog = g_list_model_get_item (blogs, i);

      _liveline_session_update_publisher (self, blog);
    }
}

/**
 * liveline_session_set_delete_permanently:
 * @self: a #LivelineSession
 * @delete_permanently: whether retractions skip the endpoint's trash
 *
 * Where an endpoint keeps deleted posts in a trash (WordPress), whether a
 * retraction deletes the post for good instead.
 */
void
liveline_session_set_delete_permanently (LivelineSession *self,
                                         gboolean         delete_permanently)
{
  GListModel *blogs;

  g_return_if_fail (LIVELINE_IS_SESSION (self));

  if (self->delete_permanently == !!delete_permanently)
    return;

  self->delete_permanently = !!delete_permanently;
  g_object_notify (G_OBJECT (self), "delete-permanently");

  blogs = liveline_store_get_blogs (self->store);
  for (guint i = 0; i < g_list_model_get_n_items (blogs); i++)
    {
      g_autoptr(LivelineBlog) blog = g_list_model_get_item (blogs, i);

      _liveline_session_update_publisher (self, blog);
    }
}
