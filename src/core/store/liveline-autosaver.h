/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <gio/gio.h>

#include "liveline-types.h"

G_BEGIN_DECLS

/* How long after the last change a post is written: within a second of the
 * last keystroke, with room to spare.
 */
#define LIVELINE_AUTOSAVER_DELAY_MS 500

/* How long a change may wait at most, however long the journalist types
 * without a pause: a burst is still one write, but no edit stays unsaved for
 * a second. Below a second, so the write itself fits in the promise.
 */
#define LIVELINE_AUTOSAVER_MAX_DELAY_MS 750

/* After a failed write (the disk full, the database busy), how long until
 * the autosaver tries again by itself.
 */
#define LIVELINE_AUTOSAVER_RETRY_MS 2000

#define LIVELINE_TYPE_AUTOSAVER (liveline_autosaver_get_type ())

G_DECLARE_FINAL_TYPE (LivelineAutosaver, liveline_autosaver, LIVELINE, AUTOSAVER, GObject)

LivelineAutosaver *liveline_autosaver_new         (LivelineStore      *store);
LivelinePost      *liveline_autosaver_get_post    (LivelineAutosaver  *self);
void               liveline_autosaver_set_post    (LivelineAutosaver  *self,
                                                   LivelinePost       *post);
gboolean           liveline_autosaver_get_pending (LivelineAutosaver  *self);
gboolean           liveline_autosaver_save_now    (LivelineAutosaver  *self,
                                                   GError            **error);

G_END_DECLS
