/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-markdown"

#include "config.h"

#include <cmark.h>
#include <stdlib.h>
#include <string.h>

#include "liveline-markdown.h"

/* The body of an update is CommonMark. Whatever the journalist types ends
 * up on a public page and in the editor's preview, so every way in goes
 * through parse(), which leaves a tree where nothing can run or load:
 * HTML becomes the text that was typed, a link that is not http, https or
 * mailto becomes its text, and a Markdown image becomes its description
 * (the post's photo is attached on its own, with credit and alt text).
 */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cmark_node, cmark_node_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (cmark_iter, cmark_iter_free)

#define PARSE_OPTIONS (CMARK_OPT_SMART | CMARK_OPT_VALIDATE_UTF8)

/* Without CMARK_OPT_UNSAFE, cmark ≥ 0.29 also refuses raw HTML and
 * dangerous links itself: a second lock on the door parse() closes.
 */
#define RENDER_OPTIONS (CMARK_OPT_DEFAULT)

static gboolean
is_safe_url (const char *url)
{
  static const char * const safe_schemes[] = { "http", "https", "mailto" };
  const char *scheme;

  if (url == NULL)
    return FALSE;

  /* Relative links would point into whichever site shows the update. */
  if ((scheme = g_uri_peek_scheme (url)) == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (safe_schemes); i++)
    if (g_ascii_strcasecmp (scheme, safe_schemes[i]) == 0)
      return TRUE;

  return FALSE;
}

/* Puts the children of @node where it was, and drops @node. */
static void
unwrap (cmark_node *node)
{
  cmark_node *child;

  g_assert (node != NULL);

  /* cmark refuses moves that would break the tree; the content is then
   * dropped with @node rather than kept where it cannot be.
   */
  while ((child = cmark_node_first_child (node)) != NULL)
    if (!cmark_node_insert_before (node, child))
      break;

  cmark_node_free (node);
}

static void
replace_inline_html (cmark_node *node)
{
  cmark_node *text = cmark_node_new (CMARK_NODE_TEXT);

  g_assert (cmark_node_get_type (node) == CMARK_NODE_HTML_INLINE);

  cmark_node_set_literal (text, cmark_node_get_literal (node));
  cmark_node_insert_before (node, text);
  cmark_node_free (node);
}

/* An HTML block becomes a paragraph of its lines, as they were typed. */
static void
replace_html_block (cmark_node *node)
{
  cmark_node *paragraph = cmark_node_new (CMARK_NODE_PARAGRAPH);
  const char *literal = cmark_node_get_literal (node);
  g_auto(GStrv) lines = NULL;
  guint n_lines;

  g_assert (cmark_node_get_type (node) == CMARK_NODE_HTML_BLOCK);

  lines = g_strsplit (literal != NULL ? literal : "", "\n", -1);
  n_lines = g_strv_length (lines);

  /* The literal ends with a newline, which leaves an empty last line. */
  while (n_lines > 0 && lines[n_lines - 1][0] == '\0')
    n_lines--;

  for (guint i = 0; i < n_lines; i++)
    {
      cmark_node *text = cmark_node_new (CMARK_NODE_TEXT);

      if (i > 0)
        cmark_node_append_child (paragraph, cmark_node_new (CMARK_NODE_SOFTBREAK));

      cmark_node_set_literal (text, lines[i]);
      cmark_node_append_child (paragraph, text);
    }

  cmark_node_insert_before (node, paragraph);
  cmark_node_free (node);
}

static cmark_node *
parse (const char *markdown)
{
  g_autoptr(cmark_node) document = NULL;
  g_autoptr(cmark_iter) iter = NULL;
  g_autoptr(GPtrArray) unsafe = g_ptr_array_new ();
  cmark_event_type event;

  g_assert (markdown != NULL);

  document = cmark_parse_document (markdown, strlen (markdown), PARSE_OPTIONS);

  /* The tree cannot change under the iterator: note what to rewrite first.
   * Outer nodes come before the nodes inside them, and unwrap() keeps the
   * inner ones alive.
   */
  iter = cmark_iter_new (document);
  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);

      if (event != CMARK_EVENT_ENTER)
        continue;

      switch (cmark_node_get_type (node))
        {
        case CMARK_NODE_HTML_BLOCK:
        case CMARK_NODE_HTML_INLINE:
        case CMARK_NODE_IMAGE:
          g_ptr_array_add (unsafe, node);
          break;

        case CMARK_NODE_LINK:
          if (!is_safe_url (cmark_node_get_url (node)))
            g_ptr_array_add (unsafe, node);
          break;

        default:
          break;
        }
    }
  g_clear_pointer (&iter, cmark_iter_free);

  for (guint i = 0; i < unsafe->len; i++)
    {
      cmark_node *node = g_ptr_array_index (unsafe, i);

      switch (cmark_node_get_type (node))
        {
        case CMARK_NODE_HTML_BLOCK:
          replace_html_block (node);
          break;

        case CMARK_NODE_HTML_INLINE:
          replace_inline_html (node);
          break;

        default:
          unwrap (node);
          break;
        }
    }

  return g_steal_pointer (&document);
}

/**
 * liveline_markdown_to_html:
 * @markdown: the body of an update, in CommonMark
 *
 * Renders @markdown for the web, with typographic quotes and dashes. HTML
 * in @markdown is shown as the text it is, links go only to http, https and
 * mailto addresses, and images are replaced by their description.
 *
 * Returns: (transfer full): an HTML fragment
 */
char *
liveline_markdown_to_html (const char *markdown)
{
  g_autoptr(cmark_node) document = NULL;
  char *rendered;
  char *html;

  g_return_val_if_fail (markdown != NULL, NULL);

  document = parse (markdown);
  rendered = cmark_render_html (document, RENDER_OPTIONS);

  /* cmark allocates with its own allocator. */
  html = g_strdup (rendered);
  free (rendered);

  return html;
}

typedef struct
{
  const LivelineMarkdownVisitor *visitor;
  gpointer                       user_data;
  GString                       *pending;
} Walk;

static void
walk_flush (Walk *walk)
{
  if (walk->pending->len == 0)
    return;

  if (walk->visitor->text != NULL)
    walk->visitor->text (walk->pending->str, walk->user_data);

  g_string_truncate (walk->pending, 0);
}

static void
walk_enter (Walk                 *walk,
            LivelineMarkdownNode  node,
            guint                 detail,
            const char           *url)
{
  walk_flush (walk);

  if (walk->visitor->enter != NULL)
    walk->visitor->enter (node, detail, url, walk->user_data);
}

static void
walk_leave (Walk                 *walk,
            LivelineMarkdownNode  node)
{
  walk_flush (walk);

  if (walk->visitor->leave != NULL)
    walk->visitor->leave (node, walk->user_data);
}

static void
walk_text (Walk       *walk,
           const char *text,
           gssize      length)
{
  if (text != NULL)
    g_string_append_len (walk->pending, text, length);
}

static void
walk_leaf (Walk                 *walk,
           LivelineMarkdownNode  node,
           const char           *text)
{
  gsize length = text != NULL ? strlen (text) : 0;

  /* A code block's literal ends with the newline that closed its last line. */
  if (node == LIVELINE_MARKDOWN_CODE_BLOCK && length > 0 && text[length - 1] == '\n')
    length--;

  walk_enter (walk, node, 0, NULL);
  walk_text (walk, text, length);
  walk_leave (walk, node);
}

static gboolean
is_in_tight_list (cmark_node *paragraph)
{
  cmark_node *item = cmark_node_parent (paragraph);
  cmark_node *list = item != NULL ? cmark_node_parent (item) : NULL;

  return list != NULL &&
         cmark_node_get_type (list) == CMARK_NODE_LIST &&
         cmark_node_get_list_tight (list);
}

static guint
item_number (cmark_node *item)
{
  cmark_node *list = cmark_node_parent (item);
  guint number;

  if (cmark_node_get_list_type (list) != CMARK_ORDERED_LIST)
    return 0;

  number = cmark_node_get_list_start (list);
  for (cmark_node *previous = cmark_node_previous (item);
       previous != NULL;
       previous = cmark_node_previous (previous))
    number++;

  return number;
}

/* Which part a container node is, if it is reported at all. */
static gboolean
container_part (cmark_node           *node,
                LivelineMarkdownNode *part,
                guint                *detail,
                const char          **url)
{
  *detail = 0;
  *url = NULL;

  switch (cmark_node_get_type (node))
    {
    case CMARK_NODE_BLOCK_QUOTE:
      *part = LIVELINE_MARKDOWN_QUOTE;
      return TRUE;

    case CMARK_NODE_LIST:
      if (cmark_node_get_list_type (node) == CMARK_ORDERED_LIST)
        {
          *part = LIVELINE_MARKDOWN_ORDERED_LIST;
          *detail = cmark_node_get_list_start (node);
        }
      else
        {
          *part = LIVELINE_MARKDOWN_BULLET_LIST;
        }
      return TRUE;

    case CMARK_NODE_ITEM:
      *part = LIVELINE_MARKDOWN_LIST_ITEM;
      *detail = item_number (node);
      return TRUE;

    case CMARK_NODE_PARAGRAPH:
      *part = LIVELINE_MARKDOWN_PARAGRAPH;
      return !is_in_tight_list (node);

    case CMARK_NODE_HEADING:
      *part = LIVELINE_MARKDOWN_HEADING;
      *detail = cmark_node_get_heading_level (node);
      return TRUE;

    case CMARK_NODE_EMPH:
      *part = LIVELINE_MARKDOWN_EMPHASIS;
      return TRUE;

    case CMARK_NODE_STRONG:
      *part = LIVELINE_MARKDOWN_STRONG;
      return TRUE;

    case CMARK_NODE_LINK:
      *part = LIVELINE_MARKDOWN_LINK;
      *url = cmark_node_get_url (node);
      return TRUE;

    /* The document, and custom nodes (the parser makes none): their
     * content is reported, not they.
     */
    default:
      return FALSE;
    }
}

static void
walk_node (Walk             *walk,
           cmark_node       *node,
           cmark_event_type  event)
{
  LivelineMarkdownNode part;
  const char *url;
  guint detail;

  switch (cmark_node_get_type (node))
    {
    /* Leaves: the iterator only enters them. parse() left no HTML. */
    case CMARK_NODE_TEXT:
    case CMARK_NODE_HTML_INLINE:
    case CMARK_NODE_HTML_BLOCK:
      walk_text (walk, cmark_node_get_literal (node), -1);
      break;

    case CMARK_NODE_CODE_BLOCK:
      walk_leaf (walk, LIVELINE_MARKDOWN_CODE_BLOCK, cmark_node_get_literal (node));
      break;

    case CMARK_NODE_CODE:
      walk_leaf (walk, LIVELINE_MARKDOWN_CODE, cmark_node_get_literal (node));
      break;

    case CMARK_NODE_THEMATIC_BREAK:
      walk_leaf (walk, LIVELINE_MARKDOWN_THEMATIC_BREAK, NULL);
      break;

    case CMARK_NODE_SOFTBREAK:
      walk_leaf (walk, LIVELINE_MARKDOWN_SOFT_BREAK, NULL);
      break;

    case CMARK_NODE_LINEBREAK:
      walk_leaf (walk, LIVELINE_MARKDOWN_LINE_BREAK, NULL);
      break;

    default:
      if (!container_part (node, &part, &detail, &url))
        break;

      if (event == CMARK_EVENT_ENTER)
        walk_enter (walk, part, detail, url);
      else
        walk_leave (walk, part);
      break;
    }
}

/**
 * liveline_markdown_walk:
 * @markdown: the body of an update, in CommonMark
 * @visitor: what to call for each part of @markdown
 * @user_data: passed to @visitor's functions
 *
 * Reports the structure of @markdown in reading order, for a preview that
 * shows it with its own formatting. What the visitor receives is as safe
 * as what liveline_markdown_to_html() makes: nothing in it is markup, and
 * every link goes to an http, https or mailto address.
 */
void
liveline_markdown_walk (const char                    *markdown,
                        const LivelineMarkdownVisitor *visitor,
                        gpointer                       user_data)
{
  g_autoptr(cmark_node) document = NULL;
  g_autoptr(cmark_iter) iter = NULL;
  g_autoptr(GString) pending = g_string_new (NULL);
  Walk walk = { visitor, user_data, pending };
  cmark_event_type event;

  g_return_if_fail (markdown != NULL);
  g_return_if_fail (visitor != NULL);

  document = parse (markdown);
  iter = cmark_iter_new (document);

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    walk_node (&walk, cmark_iter_get_node (iter), event);

  walk_flush (&walk);
}

/* Words in separate blocks, or on separate lines, stay separate; words
 * around emphasis, a link or code run on as they were.
 */
static void
excerpt_separate (LivelineMarkdownNode  node,
                  GString              *text)
{
  if (node != LIVELINE_MARKDOWN_EMPHASIS &&
      node != LIVELINE_MARKDOWN_STRONG &&
      node != LIVELINE_MARKDOWN_LINK &&
      node != LIVELINE_MARKDOWN_CODE)
    g_string_append_c (text, ' ');
}

static void
excerpt_enter (LivelineMarkdownNode  node,
               guint                 detail,
               const char           *url,
               gpointer              user_data)
{
  excerpt_separate (node, user_data);
}

static void
excerpt_leave (LivelineMarkdownNode  node,
               gpointer              user_data)
{
  excerpt_separate (node, user_data);
}

static void
excerpt_text (const char *str,
              gpointer    user_data)
{
  g_string_append (user_data, str);
}

/* Spaces that keep words together (as in “10 km” or « Oui ») are kept. */
static gboolean
is_breaking_space (gunichar c)
{
  return g_unichar_isspace (c) && c != 0x00A0 && c != 0x2007 && c != 0x202F;
}

static char *
collapse_whitespace (const char *text)
{
  GString *collapsed = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_breaking_space (c))
        {
          space = collapsed->len > 0;
          continue;
        }

      /* A timeline row is one line of plain text. */
      if (g_unichar_iscntrl (c))
        continue;

      if (space)
        g_string_append_c (collapsed, ' ');
      space = FALSE;

      g_string_append_unichar (collapsed, c);
    }

  return g_string_free (collapsed, FALSE);
}

static gboolean
is_regional_indicator (gunichar c)
{
  return c >= 0x1F1E6 && c <= 0x1F1FF;
}

/* Whether cutting @text at @cut would split what reads as one character:
 * an accent from its letter, or the parts of an emoji.
 */
static gboolean
splits_character (const char *text,
                  const char *cut)
{
  gunichar c = g_utf8_get_char (cut);
  guint indicators = 0;

  g_assert (cut > text);

  if (g_unichar_ismark (c) ||
      c == 0x200D ||                          /* zero width joiner */
      (c >= 0xFE00 && c <= 0xFE0F) ||         /* variation selectors */
      (c >= 0x1F3FB && c <= 0x1F3FF) ||       /* skin tones */
      (c >= 0xE0020 && c <= 0xE007F))         /* tags of subdivision flags */
    return TRUE;

  /* Joined to what comes before. */
  if (g_utf8_get_char (g_utf8_prev_char (cut)) == 0x200D)
    return TRUE;

  /* A flag is a pair of regional indicators: count the run before the cut. */
  if (!is_regional_indicator (c))
    return FALSE;

  for (const char *p = cut; p > text; indicators++)
    {
      p = g_utf8_prev_char (p);
      if (!is_regional_indicator (g_utf8_get_char (p)))
        break;
    }

  return indicators % 2 == 1;
}

static char *
cut_at_word (const char *text,
             guint       max_chars)
{
  const char *limit;
  const char *cut = NULL;
  GString *excerpt;
  gsize length;

  if (g_utf8_strlen (text, -1) <= (glong)max_chars)
    return g_strdup (text);

  if (max_chars == 0)
    return g_strdup ("");

  /* The ellipsis takes one of the characters. */
  limit = g_utf8_offset_to_pointer (text, max_chars - 1);

  /* A space right at the limit means the word before it fits whole. A space
   * is one byte that never occurs inside another character's bytes.
   */
  for (const char *p = text; p <= limit; p++)
    if (*p == ' ')
      cut = p;

  if (cut == NULL)
    {
      /* One long word, such as an address: cut inside it, but between
       * characters as a reader sees them.
       */
      cut = limit;
      while (cut > text && splits_character (text, cut))
        cut = g_utf8_prev_char (cut);
      if (cut == text)
        cut = limit;
    }

  /* “Talks resume,…” reads worse than “Talks resume…”. */
  length = cut - text;
  while (length > 0 && strchr (" ,;:", text[length - 1]) != NULL)
    length--;

  excerpt = g_string_new_len (text, length);
  g_string_append (excerpt, "…");

  return g_string_free (excerpt, FALSE);
}

/* An excerpt is the start of a body: the timeline makes one again after
 * every keystroke, so it reads only the first EXCERPT_SOURCE_PER_CHAR bytes
 * for each character it may show (EXCERPT_SOURCE_MIN at least), cut at a
 * line break where there is one. Returns NULL when the body is shorter.
 */
#define EXCERPT_SOURCE_MIN      4096
#define EXCERPT_SOURCE_PER_CHAR 8

static char *
dup_excerpt_source (const char *markdown,
                    guint       max_chars)
{
  gsize wanted = MAX (EXCERPT_SOURCE_MIN, (gsize)max_chars * EXCERPT_SOURCE_PER_CHAR);
  const char *newline;
  const char *cut;

  if (strnlen (markdown, wanted + 1) <= wanted)
    return NULL;

  newline = g_strrstr_len (markdown, wanted, "\n");
  if (newline != NULL && (gsize)(newline - markdown) > wanted / 2)
    cut = newline;
  else
    {
      /* Between characters, not inside one. */
      cut = markdown + wanted;
      while (cut > markdown && ((guchar)*cut & 0xC0) == 0x80)
        cut--;
    }

  return g_strndup (markdown, cut - markdown);
}

/**
 * liveline_markdown_to_excerpt:
 * @markdown: the body of an update, in CommonMark
 * @max_chars: the most characters to return, the ellipsis included
 *
 * Turns @markdown into one line of plain text for a timeline row: the
 * formatting is dropped, separate blocks and lines are joined by a space,
 * and runs of white space become one space. Text longer than @max_chars is
 * cut after the last whole word that fits, and ends with “…”.
 *
 * Only the start of a long @markdown is read, a few bytes for each of
 * @max_chars, so that the time it takes does not grow with the body: a
 * reference link defined further down is then shown as it was typed.
 *
 * Returns: (transfer full): the excerpt
 */
char *
liveline_markdown_to_excerpt (const char *markdown,
                              guint       max_chars)
{
  static const LivelineMarkdownVisitor visitor = {
    .enter = excerpt_enter,
    .leave = excerpt_leave,
    .text = excerpt_text,
  };
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *collapsed = NULL;
  g_autofree char *start = NULL;

  g_return_val_if_fail (markdown != NULL, NULL);

  start = dup_excerpt_source (markdown, max_chars);
  liveline_markdown_walk (start != NULL ? start : markdown, &visitor, text);
  collapsed = collapse_whitespace (text->str);

  return cut_at_word (collapsed, max_chars);
}
