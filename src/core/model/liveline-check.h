/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <gio/gio.h>

#include "liveline-types.h"

G_BEGIN_DECLS

/**
 * LivelineCheckSeverity:
 * @LIVELINE_CHECK_SEVERITY_ERROR: the update cannot be published like this
 * @LIVELINE_CHECK_SEVERITY_WARNING: the update can be published, but should
 *   not be
 * @LIVELINE_CHECK_SEVERITY_INFO: something to know before publishing
 *
 * How much a check stands in the way of publishing. Lists of checks are
 * ordered by severity, most severe first.
 */
typedef enum
{
  LIVELINE_CHECK_SEVERITY_ERROR,
  LIVELINE_CHECK_SEVERITY_WARNING,
  LIVELINE_CHECK_SEVERITY_INFO,
} LivelineCheckSeverity;

/* The stable identifiers of the checks, for code and tests; the messages
 * are for people.
 */
#define LIVELINE_CHECK_EMPTY                "empty"
#define LIVELINE_CHECK_IMAGE_WITHOUT_CREDIT "image-without-credit"
#define LIVELINE_CHECK_IMAGE_WITHOUT_ALT    "image-without-alt"
#define LIVELINE_CHECK_IMAGE_HAD_LOCATION   "image-had-location"
#define LIVELINE_CHECK_HEADLINE_TOO_LONG    "headline-too-long"
#define LIVELINE_CHECK_BODY_TOO_LONG        "body-too-long"

/* The most characters an update may have, in its headline and its body: a
 * live update is a few paragraphs, and a body far past this limit is a
 * paste gone wrong that would freeze the editor and the readers' page.
 * docs/architecture.md says why these numbers.
 */
#define LIVELINE_CHECK_MAX_HEADLINE_CHARS 300
#define LIVELINE_CHECK_MAX_BODY_CHARS     50000

#define LIVELINE_TYPE_CHECK (liveline_check_get_type ())

G_DECLARE_FINAL_TYPE (LivelineCheck, liveline_check, LIVELINE, CHECK, GObject)

LivelineCheck         *liveline_check_new             (LivelineCheckSeverity  severity,
                                                       const char            *id,
                                                       const char            *message);
LivelineCheckSeverity  liveline_check_get_severity    (LivelineCheck         *self);
const char            *liveline_check_get_id          (LivelineCheck         *self);
const char            *liveline_check_get_message     (LivelineCheck         *self);
GListModel            *liveline_check_post            (LivelinePost          *post);
gboolean               liveline_check_list_has_errors (GListModel            *checks);

G_END_DECLS
