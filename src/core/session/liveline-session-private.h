/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <libsoup/soup.h>

#include "liveline-outbox.h"
#include "liveline-session.h"

G_BEGIN_DECLS

struct _LivelineSession
{
  GObject         parent_instance;

  char           *data_dir;
  LivelineStore  *store;
  SoupSession    *soup_session;
  LivelineOutbox *outbox;
  char           *default_endpoint;
  gboolean        delete_permanently;

  /* For each blog: the keyring lookup under way (a GCancellable that is
   * cancelled to drop it), and why the blog has no publisher when the
   * keyring failed (a message). */
  GHashTable     *lookups;
  GHashTable     *problems;
};

void               _liveline_session_init_publishing   (LivelineSession *self);
void               _liveline_session_stop_publishing   (LivelineSession *self);
void               _liveline_session_update_publisher  (LivelineSession *self,
                                                        LivelineBlog    *blog);

G_END_DECLS
