/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _LivelineAutosaver LivelineAutosaver;
typedef struct _LivelineBlog      LivelineBlog;
typedef struct _LivelineCheck     LivelineCheck;
typedef struct _LivelineImage     LivelineImage;
typedef struct _LivelineOutboxOp  LivelineOutboxOp;
typedef struct _LivelinePost      LivelinePost;
typedef struct _LivelineRevision  LivelineRevision;
typedef struct _LivelineSession   LivelineSession;
typedef struct _LivelineStore     LivelineStore;
typedef struct _LivelineTimeline  LivelineTimeline;

/**
 * LivelinePostState:
 * @LIVELINE_POST_STATE_DRAFT: written, not published
 * @LIVELINE_POST_STATE_QUEUED: waiting in the outbox
 * @LIVELINE_POST_STATE_SENDING: being sent now
 * @LIVELINE_POST_STATE_PUBLISHED: on the site
 * @LIVELINE_POST_STATE_FAILED: the endpoint refused it
 * @LIVELINE_POST_STATE_DELETED: retracted from the site
 *
 * Where a post is in its life; see docs/architecture.md. The values are
 * stored in the database: never renumber them.
 */
typedef enum
{
  LIVELINE_POST_STATE_DRAFT     = 0,
  LIVELINE_POST_STATE_QUEUED    = 1,
  LIVELINE_POST_STATE_SENDING   = 2,
  LIVELINE_POST_STATE_PUBLISHED = 3,
  LIVELINE_POST_STATE_FAILED    = 4,
  LIVELINE_POST_STATE_DELETED   = 5,
} LivelinePostState;

/**
 * LivelineOutboxOperation:
 * @LIVELINE_OUTBOX_CREATE: publish a post for the first time
 * @LIVELINE_OUTBOX_UPDATE: send a correction of a published post
 * @LIVELINE_OUTBOX_DELETE: retract a published post
 *
 * What an entry of the outbox asks of the endpoint. Stored in the
 * database: never renumber them.
 */
typedef enum
{
  LIVELINE_OUTBOX_CREATE = 0,
  LIVELINE_OUTBOX_UPDATE = 1,
  LIVELINE_OUTBOX_DELETE = 2,
} LivelineOutboxOperation;

G_END_DECLS
