/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <gio/gio.h>

#include "liveline-types.h"

G_BEGIN_DECLS

#define LIVELINE_TYPE_REVISION (liveline_revision_get_type ())

G_DECLARE_FINAL_TYPE (LivelineRevision, liveline_revision, LIVELINE, REVISION, GObject)

LivelineRevision *liveline_revision_new            (guint             number,
                                                    GDateTime        *created_at,
                                                    const char       *snapshot);
guint             liveline_revision_get_number     (LivelineRevision *self);
GDateTime        *liveline_revision_get_created_at (LivelineRevision *self);
const char       *liveline_revision_get_snapshot   (LivelineRevision *self);
const char       *liveline_revision_get_headline   (LivelineRevision *self);
const char       *liveline_revision_get_body       (LivelineRevision *self);

G_END_DECLS
