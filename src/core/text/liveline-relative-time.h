/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *liveline_relative_time_format      (GDateTime *time,
                                          GDateTime *now);
char *liveline_relative_time_format_full (GDateTime *time);

G_END_DECLS
