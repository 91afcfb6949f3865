/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <glib.h>

#include "liveline-types.h"

G_BEGIN_DECLS

char *liveline_post_html_render         (LivelinePost *post,
                                         const char   *photo_url);
char *liveline_post_html_caption_credit (LivelinePost *post);

G_END_DECLS
