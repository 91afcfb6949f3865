/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <gio/gio.h>

#include "liveline-outbox.h"
#include "liveline-types.h"

G_BEGIN_DECLS

#define LIVELINE_TYPE_SESSION (liveline_session_get_type ())

G_DECLARE_FINAL_TYPE (LivelineSession, liveline_session, LIVELINE, SESSION, GObject)

LivelineSession *liveline_session_new                  (const char       *data_dir,
                                                       GCancellable     *cancellable,
                                                       GError          **error);
const char      *liveline_session_get_data_dir         (LivelineSession  *self);
LivelineStore   *liveline_session_get_store            (LivelineSession  *self);
LivelineOutbox  *liveline_session_get_outbox           (LivelineSession  *self);
void             liveline_session_set_default_endpoint (LivelineSession  *self,
                                                       const char       *url);

G_END_DECLS
