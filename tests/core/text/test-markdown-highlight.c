/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-markdown-highlight"

#include "config.h"

#include <string.h>

#include "liveline-enums.h"
#include "liveline-markdown-highlight.h"

/* How the editor colours Markdown as it is typed: what is found in a line,
 * and that nothing outside the lines given is ever read.
 */

static void
describe_span (LivelineMarkdownSpan  span,
               gsize                 start,
               gsize                 end,
               gpointer              user_data)
{
  GPtrArray *state = user_data;
  const char *text = g_ptr_array_index (state, 0);
  GString *out = g_ptr_array_index (state, 1);
  g_autoptr(GEnumClass) spans = g_type_class_ref (LIVELINE_TYPE_MARKDOWN_SPAN);

  g_assert_cmpuint (start, <, end);
  g_assert_cmpuint (end, <=, strlen (text));

  if (out->len > 0)
    g_string_append_c (out, ' ');
  g_string_append_printf (out, "%s:%.*s", g_enum_get_value (spans, span)->value_nick,
                          (int)(end - start), text + start);
}

/* The spans of @text as "kind:text", in the order given, joined by spaces. */
static char *
describe (const char *text)
{
  g_autoptr(GPtrArray) state = g_ptr_array_new ();
  GString *out = g_string_new (NULL);

  g_ptr_array_add (state, (gpointer)text);
  g_ptr_array_add (state, out);
  liveline_markdown_highlight (text, strlen (text), describe_span, state);

  return g_string_free (out, FALSE);
}

static void
assert_spans (const char *text,
              const char *expected)
{
  g_autofree char *got = describe (text);

  g_assert_cmpstr (got, ==, expected);
}

static void
test_highlight_inline (void)
{
  assert_spans ("Shelling **stopped** at dawn",
                "syntax:** strong:stopped syntax:**");
  assert_spans ("a *quiet* night", "syntax:* emphasis:quiet syntax:*");
  assert_spans ("_calm_ and __firm__", "syntax:_ emphasis:calm syntax:_ syntax:__ strong:firm syntax:__");
  assert_spans ("run `make check` now", "syntax:` code:make check syntax:`");
  assert_spans ("see [the statement](https://example.com/s)",
                "syntax:[ link:the statement syntax:]( url:https://example.com/s syntax:)");
  assert_spans ("**[UN](https://un.org) says**",
                "syntax:** strong:[UN](https://un.org) says "
                "syntax:[ link:UN syntax:]( url:https://un.org syntax:) syntax:**");

  /* What is not formatting stays plain. */
  assert_spans ("snake_case_name and 2 * 3 * 4", "");
  assert_spans ("** not strong **", "");
  assert_spans ("\\*escaped\\* and `unclosed", "");
  assert_spans ("[no address] and [half](open", "");
  assert_spans ("", "");
}

static void
test_highlight_lines (void)
{
  assert_spans ("## Talks resume\n> “We are ready,” she said\n- first\n12. twelfth\n",
                "syntax:## heading: Talks resume "
                "syntax:> quote: “We are ready,” she said "
                "list-marker:- list-marker:12.");
  /* A fence is known from its own line; the lines it holds are not. */
  assert_spans ("    indented code\n```\nfence", "code:    indented code code:```");
  assert_spans ("#hashtag is not a heading", "");
  assert_spans ("# **Breaking**", "syntax:# heading: **Breaking** syntax:** strong:Breaking syntax:**");

  /* Emphasis is found within its line. */
  assert_spans ("*starts here\nends here*", "");
}

/* Only the bytes given are read: a span never reaches past them, and the
 * search for a closing marker gives up after a bounded distance. */
static void
test_highlight_bounded (void)
{
  g_autoptr(GString) line = g_string_new ("**");
  g_autofree char *got = NULL;

  assert_spans ("**cut", "");

  for (guint i = 0; i < 5000; i++)
    g_string_append (line, "word ");
  g_string_append (line, "**");
  got = describe (line->str);
  g_assert_cmpstr (got, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/markdown-highlight/inline", test_highlight_inline);
  g_test_add_func ("/markdown-highlight/lines", test_highlight_lines);
  g_test_add_func ("/markdown-highlight/bounded", test_highlight_bounded);

  return g_test_run ();
}
