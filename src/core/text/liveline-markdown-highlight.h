/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * LivelineMarkdownSpan:
 * @LIVELINE_MARKDOWN_SPAN_SYNTAX: the characters that make the formatting
 *   (`**`, `_`, `#`, `>`, backticks, brackets), which readers never see
 * @LIVELINE_MARKDOWN_SPAN_HEADING: the text of a heading line
 * @LIVELINE_MARKDOWN_SPAN_QUOTE: the text of a quoted line
 * @LIVELINE_MARKDOWN_SPAN_LIST_MARKER: the bullet or number of a list item
 * @LIVELINE_MARKDOWN_SPAN_EMPHASIS: emphasised text, between its markers
 * @LIVELINE_MARKDOWN_SPAN_STRONG: strongly emphasised text, between its markers
 * @LIVELINE_MARKDOWN_SPAN_CODE: code, inside a line or a whole line of it
 * @LIVELINE_MARKDOWN_SPAN_LINK: the words of a link
 * @LIVELINE_MARKDOWN_SPAN_URL: the address of a link
 *
 * What liveline_markdown_highlight() finds in the lines it is given.
 */
typedef enum
{
  LIVELINE_MARKDOWN_SPAN_SYNTAX,
  LIVELINE_MARKDOWN_SPAN_HEADING,
  LIVELINE_MARKDOWN_SPAN_QUOTE,
  LIVELINE_MARKDOWN_SPAN_LIST_MARKER,
  LIVELINE_MARKDOWN_SPAN_EMPHASIS,
  LIVELINE_MARKDOWN_SPAN_STRONG,
  LIVELINE_MARKDOWN_SPAN_CODE,
  LIVELINE_MARKDOWN_SPAN_LINK,
  LIVELINE_MARKDOWN_SPAN_URL,
} LivelineMarkdownSpan;

/**
 * LivelineMarkdownSpanFunc:
 * @span: what the bytes are
 * @start: the first byte, from the start of the text given
 * @end: the byte after the last one
 * @user_data: what was given to liveline_markdown_highlight()
 *
 * Spans come in the order they start; a span may lie inside another (a
 * link inside strong text), never across its end.
 */
typedef void (*LivelineMarkdownSpanFunc) (LivelineMarkdownSpan span,
                                          gsize                start,
                                          gsize                end,
                                          gpointer             user_data);

void liveline_markdown_highlight (const char               *text,
                                  gsize                     length,
                                  LivelineMarkdownSpanFunc  func,
                                  gpointer                  user_data);

G_END_DECLS
