/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-session"

#include "config.h"

#include "liveline-blog.h"
#include "liveline-json-publisher.h"
#include "liveline-session-private.h"
#include "liveline-store.h"

/* The session's half that publishes: one HTTP session for every endpoint,
 * the outbox, and a publisher for every live blog that has somewhere to
 * publish, kept in step as blogs come, go and change destination.
 */

/* How long a request may take, and wait for a connection to be idle. */
#define REQUEST_TIMEOUT_S 30
#define IDLE_TIMEOUT_S    60

static void
update_publisher (LivelineSession *self,
                  LivelineBlog    *blog)
{
  g_autoptr(LivelinePublisher) publisher = NULL;
  const char *kind = liveline_blog_get_destination_kind (blog);
  const char *url = liveline_blog_get_endpoint_url (blog);
  const char *remote_blog = liveline_blog_get_remote_blog_id (blog);

  /* A blog with nowhere of its own goes to the default destination, if any. */
  if (kind == NULL && self->default_endpoint != NULL)
    {
      kind = "liveline";
      url = self->default_endpoint;
      remote_blog = liveline_blog_get_slug (blog);
    }

  if (g_strcmp0 (kind, "liveline") == 0 && url != NULL)
    publisher = LIVELINE_PUBLISHER (liveline_json_publisher_new (self->soup_session, url,
                                                                 remote_blog != NULL
                                                                   ? remote_blog
                                                                   : liveline_blog_get_slug (blog),
                                                                 NULL));

  liveline_outbox_set_publisher (self->outbox, liveline_blog_get_id (blog), publisher);
}

static void
on_destination_changed (LivelineSession *self,
                        GParamSpec      *pspec,
                        LivelineBlog    *blog)
{
  update_publisher (self, blog);
}

static void
follow_blog (LivelineSession *self,
             LivelineBlog    *blog)
{
  static const char * const signals[] = {
    "notify::destination-kind", "notify::endpoint-url", "notify::remote-blog-id",
  };

  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    g_signal_connect_object (blog, signals[i], G_CALLBACK (on_destination_changed), self,
                             G_CONNECT_SWAPPED);

  update_publisher (self, blog);
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

  blogs = liveline_store_get_blogs (self->store);
  g_signal_connect_object (blogs, "items-changed", G_CALLBACK (on_blogs_changed), self,
                           G_CONNECT_SWAPPED);
  on_blogs_changed (self, 0, 0, g_list_model_get_n_items (blogs), blogs);
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

      update_publisher (self, blog);
    }
}
