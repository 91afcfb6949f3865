/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <libsoup/soup.h>

#include "liveline-publisher.h"
#include "liveline-types.h"

G_BEGIN_DECLS

/**
 * LivelineDestination:
 * @kind: (nullable): `liveline`, `wordpress` or `micropub`; %NULL for none
 *   of the blog's own
 * @endpoint_url: (nullable): the endpoint's or the site's address
 * @remote_blog_id: (nullable): where the blog goes there: its name on a
 *   Liveline endpoint (its slug if %NULL), its category's id on WordPress
 *   (a category named after the blog if %NULL)
 * @username: (nullable): the user name, for endpoints that want one
 * @delete_permanently: whether a retraction deletes for good where the
 *   endpoint would otherwise keep it in a trash (WordPress)
 *
 * Where a live blog publishes. The strings are the caller's; nothing of a
 * secret is in it.
 */
typedef struct
{
  const char *kind;
  const char *endpoint_url;
  const char *remote_blog_id;
  const char *username;
  gboolean    delete_permanently;
} LivelineDestination;

LivelinePublisher *liveline_destination_new_publisher (const LivelineDestination *destination,
                                                       SoupSession               *session,
                                                       LivelineBlog              *blog,
                                                       const char                *secret);

G_END_DECLS
