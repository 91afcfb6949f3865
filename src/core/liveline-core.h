/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include "liveline-types.h"
#include "liveline-autosaver.h"
#include "liveline-blog.h"
#include "liveline-check.h"
#include "liveline-credentials.h"
#include "liveline-destination.h"
#include "liveline-endpoint-url.h"
#include "liveline-image.h"
#include "liveline-markdown-highlight.h"
#include "liveline-markdown.h"
#include "liveline-outbox-op.h"
#include "liveline-outbox-summary.h"
#include "liveline-outbox.h"
#include "liveline-post-html.h"
#include "liveline-post.h"
#include "liveline-relative-time.h"
#include "liveline-revision.h"
#include "liveline-session.h"
#include "liveline-store.h"
#include "liveline-timeline.h"
