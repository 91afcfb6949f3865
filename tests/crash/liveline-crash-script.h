/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * LivelineCrashEdit:
 * @LIVELINE_CRASH_EDIT_BODY: one more character at the end of the body
 * @LIVELINE_CRASH_EDIT_HEADLINE: the headline retyped
 * @LIVELINE_CRASH_EDIT_PINNED: the pin toggled
 * @LIVELINE_CRASH_EDIT_CAPTION: the photo's caption retyped
 *
 * What one keystroke of the script changes.
 */
typedef enum
{
  LIVELINE_CRASH_EDIT_BODY,
  LIVELINE_CRASH_EDIT_HEADLINE,
  LIVELINE_CRASH_EDIT_PINNED,
  LIVELINE_CRASH_EDIT_CAPTION,
} LivelineCrashEdit;

/* The draft after some number of keystrokes of the script. */
typedef struct
{
  guint     keystrokes;
  guint     body_chars;
  GString  *headline;
  GString  *body;
  gboolean  pinned;
  GString  *caption;

  /* Where the body's text stands: the piece being typed and how far. */
  guint     piece_number;
  GString  *piece;
  gsize     piece_offset;
} LivelineCrashDraft;

void              liveline_crash_draft_init   (LivelineCrashDraft *draft);
void              liveline_crash_draft_clear  (LivelineCrashDraft *draft);
LivelineCrashEdit liveline_crash_draft_type   (LivelineCrashDraft *draft);
gboolean          liveline_crash_draft_equal  (LivelineCrashDraft *draft,
                                               const char         *headline,
                                               const char         *body,
                                               gboolean            pinned,
                                               const char         *caption);
gboolean          liveline_crash_script_saves (guint               keystroke);

G_END_DECLS
