/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include "liveline-application.h"

G_BEGIN_DECLS

struct _LivelineApplication
{
  AdwApplication    parent_instance;

  LivelineSettings *settings;
  LivelineSession  *session;

  /* Why the session could not be opened, shown once a window exists. */
  GError           *session_error;

  gboolean          told_moved_aside;
};

void _liveline_application_actions_init (LivelineApplication *self);

G_END_DECLS
