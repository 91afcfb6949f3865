/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <adwaita.h>

#include "liveline-blog.h"
#include "liveline-session.h"

G_BEGIN_DECLS

#define LIVELINE_TYPE_DESTINATION_PAGE (liveline_destination_page_get_type ())

G_DECLARE_FINAL_TYPE (LivelineDestinationPage, liveline_destination_page,
                      LIVELINE, DESTINATION_PAGE, AdwPreferencesPage)

LivelineDestinationPage *liveline_destination_page_new (LivelineSession *session,
                                                        LivelineBlog    *blog);

G_END_DECLS
