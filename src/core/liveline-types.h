/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _LivelineSession LivelineSession;

G_END_DECLS
