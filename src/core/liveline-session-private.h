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
};

void _liveline_session_init_publishing (LivelineSession *self);

G_END_DECLS
