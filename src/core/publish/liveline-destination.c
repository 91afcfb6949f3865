/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-destination"

#include "config.h"

#include "liveline-blog.h"
#include "liveline-destination.h"
#include "liveline-json-publisher.h"
#include "liveline-micropub-publisher.h"
#include "liveline-wordpress-publisher.h"

/**
 * liveline_destination_new_publisher:
 * @destination: where @blog publishes
 * @session: the #SoupSession to send through
 * @blog: the live blog
 * @secret: (nullable): the token or password from the keyring
 *
 * Makes the publisher that speaks to @destination's kind of endpoint.
 *
 * Returns: (transfer full) (nullable): the publisher, or %NULL for a kind
 *   Liveline does not know or a destination without an address
 */
LivelinePublisher *
liveline_destination_new_publisher (const LivelineDestination *destination,
                                    SoupSession               *session,
                                    LivelineBlog              *blog,
                                    const char                *secret)
{
  const char *remote_blog_id;

  g_return_val_if_fail (destination != NULL, NULL);
  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);
  g_return_val_if_fail (LIVELINE_IS_BLOG (blog), NULL);

  if (destination->kind == NULL || destination->endpoint_url == NULL)
    return NULL;

  /* The blog is a category there: the one picked, or one with its name. */
  if (g_str_equal (destination->kind, "wordpress"))
    {
      g_autoptr(LivelineWordpressPublisher) publisher = NULL;
      const char *category_id = destination->remote_blog_id;

      if (category_id != NULL && category_id[0] == '\0')
        category_id = NULL;

      publisher = liveline_wordpress_publisher_new (session, destination->endpoint_url,
                                                    destination->username ? destination->username : "",
                                                    secret ? secret : "",
                                                    category_id, liveline_blog_get_name (blog));
      liveline_wordpress_publisher_set_delete_permanently (publisher, destination->delete_permanently);

      return LIVELINE_PUBLISHER (g_steal_pointer (&publisher));
    }

  remote_blog_id = destination->remote_blog_id;
  if (remote_blog_id == NULL || remote_blog_id[0] == '\0')
    remote_blog_id = liveline_blog_get_slug (blog);

  if (g_str_equal (destination->kind, "liveline"))
    return LIVELINE_PUBLISHER (liveline_json_publisher_new (session, destination->endpoint_url,
                                                            remote_blog_id, secret));

  /* The whole site is the blog's: a Micropub site has no blogs in it. */
  if (g_str_equal (destination->kind, "micropub"))
    return LIVELINE_PUBLISHER (liveline_micropub_publisher_new (session, destination->endpoint_url,
                                                                secret));

  return NULL;
}
