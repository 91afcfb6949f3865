/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-crash-script"

#include "config.h"

#include "liveline-crash-script.h"

/* The script that crash-editor types and test-crash checks the
 * store against. Which field a keystroke changes, and to what, depends only
 * on its number, so the draft after n keystrokes is known to both; only the
 * pace of typing is random.
 *
 * The body counts as it goes ("1·é 2·é … 8📰⏎ 9·é …"), in one-, two- and
 * four-byte characters, so a character lost, doubled or out of order shows
 * at a glance and no prefix of the text equals another.
 */

#define PINNED_EVERY   67
#define HEADLINE_EVERY 41
#define CAPTION_EVERY  23
#define SAVE_EVERY     89

void
liveline_crash_draft_init (LivelineCrashDraft *draft)
{
  g_assert (draft != NULL);

  draft->keystrokes = 0;
  draft->body_chars = 0;
  draft->headline = g_string_new (NULL);
  draft->body = g_string_new (NULL);
  draft->pinned = FALSE;
  draft->caption = g_string_new (NULL);
  draft->piece_number = 0;
  draft->piece = g_string_new (NULL);
  draft->piece_offset = 0;
}

void
liveline_crash_draft_clear (LivelineCrashDraft *draft)
{
  g_assert (draft != NULL);

  g_string_free (draft->headline, TRUE);
  g_string_free (draft->body, TRUE);
  g_string_free (draft->caption, TRUE);
  g_string_free (draft->piece, TRUE);
}

static void
type_body_character (LivelineCrashDraft *draft)
{
  const char *next;
  const char *end;

  if (draft->piece_offset == draft->piece->len)
    {
      draft->piece_number++;
      if (draft->piece_number % 8 == 0)
        g_string_printf (draft->piece, "%u📰\n", draft->piece_number);
      else
        g_string_printf (draft->piece, "%u·é ", draft->piece_number);
      draft->piece_offset = 0;
    }

  next = draft->piece->str + draft->piece_offset;
  end = g_utf8_next_char (next);
  g_string_append_len (draft->body, next, end - next);
  draft->piece_offset += end - next;
  draft->body_chars++;
}

/**
 * liveline_crash_draft_type:
 * @draft: a draft
 *
 * Types the next keystroke of the script into @draft.
 *
 * Returns: what it changed
 */
LivelineCrashEdit
liveline_crash_draft_type (LivelineCrashDraft *draft)
{
  guint keystroke;

  g_assert (draft != NULL);

  keystroke = ++draft->keystrokes;

  if (keystroke % PINNED_EVERY == 0)
    {
      draft->pinned = !draft->pinned;
      return LIVELINE_CRASH_EDIT_PINNED;
    }

  if (keystroke % HEADLINE_EVERY == 0)
    {
      g_string_printf (draft->headline, "Talks resume in Geneva, take %u",
                       keystroke / HEADLINE_EVERY);
      return LIVELINE_CRASH_EDIT_HEADLINE;
    }

  if (keystroke % CAPTION_EVERY == 0)
    {
      g_string_printf (draft->caption, "Delegates arrive at the Palais des Nations (%u)",
                       keystroke / CAPTION_EVERY);
      return LIVELINE_CRASH_EDIT_CAPTION;
    }

  type_body_character (draft);

  return LIVELINE_CRASH_EDIT_BODY;
}

/**
 * liveline_crash_draft_equal:
 *
 * Returns: whether a post with these fields is @draft
 */
gboolean
liveline_crash_draft_equal (LivelineCrashDraft *draft,
                            const char         *headline,
                            const char         *body,
                            gboolean            pinned,
                            const char         *caption)
{
  g_assert (draft != NULL);

  return g_strcmp0 (draft->headline->str, headline) == 0 &&
         g_strcmp0 (draft->body->str, body) == 0 &&
         !draft->pinned == !pinned &&
         g_strcmp0 (draft->caption->str, caption) == 0;
}

/**
 * liveline_crash_script_saves:
 * @keystroke: the number of a keystroke, from 1
 *
 * Returns: whether the journalist presses Ctrl+S after @keystroke
 */
gboolean
liveline_crash_script_saves (guint keystroke)
{
  return keystroke % SAVE_EVERY == 0;
}
