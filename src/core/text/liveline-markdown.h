/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * LivelineMarkdownNode:
 * @LIVELINE_MARKDOWN_PARAGRAPH: a paragraph; paragraphs directly inside the
 *   items of a tight list are not reported, their text belongs to the item
 * @LIVELINE_MARKDOWN_HEADING: a heading; the detail is its level, 1 to 6
 * @LIVELINE_MARKDOWN_QUOTE: a block quote
 * @LIVELINE_MARKDOWN_BULLET_LIST: a list with bullets
 * @LIVELINE_MARKDOWN_ORDERED_LIST: a numbered list; the detail is the number
 *   of its first item
 * @LIVELINE_MARKDOWN_LIST_ITEM: an item of either kind of list; the detail is
 *   its number in an ordered list and 0 in a bullet list
 * @LIVELINE_MARKDOWN_CODE_BLOCK: preformatted text, given as one text
 *   without its final newline
 * @LIVELINE_MARKDOWN_THEMATIC_BREAK: a horizontal rule, with no content
 * @LIVELINE_MARKDOWN_EMPHASIS: emphasised text, usually shown in italics
 * @LIVELINE_MARKDOWN_STRONG: strongly emphasised text, usually bold
 * @LIVELINE_MARKDOWN_LINK: a link; its target is given with it
 * @LIVELINE_MARKDOWN_CODE: code inside a line of text
 * @LIVELINE_MARKDOWN_LINE_BREAK: a hard line break, with no content
 * @LIVELINE_MARKDOWN_SOFT_BREAK: the end of a line inside a paragraph, which
 *   readers see as a space; no content
 *
 * The parts of a body that liveline_markdown_walk() reports. Every part is
 * entered and left, even the ones without content.
 */
typedef enum
{
  LIVELINE_MARKDOWN_PARAGRAPH,
  LIVELINE_MARKDOWN_HEADING,
  LIVELINE_MARKDOWN_QUOTE,
  LIVELINE_MARKDOWN_BULLET_LIST,
  LIVELINE_MARKDOWN_ORDERED_LIST,
  LIVELINE_MARKDOWN_LIST_ITEM,
  LIVELINE_MARKDOWN_CODE_BLOCK,
  LIVELINE_MARKDOWN_THEMATIC_BREAK,
  LIVELINE_MARKDOWN_EMPHASIS,
  LIVELINE_MARKDOWN_STRONG,
  LIVELINE_MARKDOWN_LINK,
  LIVELINE_MARKDOWN_CODE,
  LIVELINE_MARKDOWN_LINE_BREAK,
  LIVELINE_MARKDOWN_SOFT_BREAK,
} LivelineMarkdownNode;

/**
 * LivelineMarkdownVisitor:
 * @enter: a part starts. @detail is the heading level, or the number of an
 *   ordered list or list item (see #LivelineMarkdownNode), and 0 otherwise.
 *   @url is the target of a %LIVELINE_MARKDOWN_LINK, always an http, https
 *   or mailto address, and %NULL for every other part.
 * @leave: the part entered last ends.
 * @text: text to show as it is. It is never markup: HTML written in the
 *   body arrives here as the characters that were typed, and a Markdown
 *   image as its description. Consecutive text arrives in one piece.
 *
 * What liveline_markdown_walk() calls; any member may be %NULL.
 */
typedef struct
{
  void (*enter) (LivelineMarkdownNode  node,
                 guint                 detail,
                 const char           *url,
                 gpointer              user_data);
  void (*leave) (LivelineMarkdownNode  node,
                 gpointer              user_data);
  void (*text)  (const char           *text,
                 gpointer              user_data);
} LivelineMarkdownVisitor;

char *liveline_markdown_to_html    (const char                    *markdown);
char *liveline_markdown_to_excerpt (const char                    *markdown,
                                    guint                          max_chars);
void  liveline_markdown_walk       (const char                    *markdown,
                                    const LivelineMarkdownVisitor *visitor,
                                    gpointer                       user_data);

G_END_DECLS
