/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "fuzz-markdown"

#include "config.h"

#include <string.h>

#include "liveline-fuzz.h"
#include "liveline-markdown.h"

/* The body of an update goes to a public page. Whatever is typed (or pasted,
 * or read back from a server), the HTML made of it holds only the tags
 * CommonMark's own syntax makes, and its links only go to http, https or
 * mailto addresses. The HTML is read back tag by tag; each tag must be one
 * of those, and there must be exactly as many of each as
 * liveline_markdown_walk() reports parts of that kind, so that no tag can
 * come from HTML the journalist typed. The walk and the excerpt keep their
 * own promises.
 */

typedef struct
{
  const char           *tag;
  LivelineMarkdownNode  node;
  /* The attribute it may have, if any. */
  const char           *attribute;
  const char           *other_attribute;
} Tag;

static const Tag tags[] = {
  { "p", LIVELINE_MARKDOWN_PARAGRAPH, NULL, NULL },
  { "h1", LIVELINE_MARKDOWN_HEADING, NULL, NULL },
  { "h2", LIVELINE_MARKDOWN_HEADING, NULL, NULL },
  { "h3", LIVELINE_MARKDOWN_HEADING, NULL, NULL },
  { "h4", LIVELINE_MARKDOWN_HEADING, NULL, NULL },
  { "h5", LIVELINE_MARKDOWN_HEADING, NULL, NULL },
  { "h6", LIVELINE_MARKDOWN_HEADING, NULL, NULL },
  { "blockquote", LIVELINE_MARKDOWN_QUOTE, NULL, NULL },
  { "ul", LIVELINE_MARKDOWN_BULLET_LIST, NULL, NULL },
  { "ol", LIVELINE_MARKDOWN_ORDERED_LIST, "start", NULL },
  { "li", LIVELINE_MARKDOWN_LIST_ITEM, NULL, NULL },
  { "pre", LIVELINE_MARKDOWN_CODE_BLOCK, NULL, NULL },
  { "hr", LIVELINE_MARKDOWN_THEMATIC_BREAK, NULL, NULL },
  { "em", LIVELINE_MARKDOWN_EMPHASIS, NULL, NULL },
  { "strong", LIVELINE_MARKDOWN_STRONG, NULL, NULL },
  { "a", LIVELINE_MARKDOWN_LINK, "href", "title" },
  /* Inside a line, and inside <pre> (with the language of a fenced block). */
  { "code", LIVELINE_MARKDOWN_CODE, "class", NULL },
  { "br", LIVELINE_MARKDOWN_LINE_BREAK, NULL, NULL },
};

#define N_NODES (LIVELINE_MARKDOWN_SOFT_BREAK + 1)

typedef struct
{
  guint  entered[N_NODES];
  guint  left[N_NODES];
  GArray *open;
} Walked;

static const Tag *
find_tag (const char *name,
          gsize       length)
{
  for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
    if (strlen (tags[i].tag) == length && strncmp (tags[i].tag, name, length) == 0)
      return &tags[i];

  return NULL;
}

/* An attribute's value as a browser reads it: cmark writes &amp;, &lt;,
 * &gt;, &quot; and &#x27; there; anything else after '&' could hide a
 * character from the check, and is refused.
 */
static char *
decode_attribute (const char *value,
                  gsize       length,
                  const char *html)
{
  static const struct { const char *entity; char c; } entities[] = {
    { "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' }, { "&quot;", '"' }, { "&#x27;", '\'' },
  };
  GString *decoded = g_string_new (NULL);

  for (gsize i = 0; i < length; i++)
    {
      gboolean known = FALSE;

      if (value[i] != '&')
        {
          g_string_append_c (decoded, value[i]);
          continue;
        }

      for (guint j = 0; j < G_N_ELEMENTS (entities) && !known; j++)
        {
          gsize entity_length = strlen (entities[j].entity);

          if (i + entity_length <= length &&
              strncmp (value + i, entities[j].entity, entity_length) == 0)
            {
              g_string_append_c (decoded, entities[j].c);
              i += entity_length - 1;
              known = TRUE;
            }
        }

      if (!known)
        liveline_fuzz_fail ("an attribute holds an unexpected character reference: %s", html);
    }

  return g_string_free (decoded, FALSE);
}

static void
check_link (const char *href,
            const char *html)
{
  static const char * const schemes[] = { "http:", "https:", "mailto:" };

  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    if (g_ascii_strncasecmp (href, schemes[i], strlen (schemes[i])) == 0)
      return;

  liveline_fuzz_fail ("a link goes to “%s”, not to an http, https or mailto address: %s",
                      href, html);
}

/* Reads the tag that starts at @p, the character after its '<'; counts it
 * in @counts and returns where it ends.
 */
static const char *
read_tag (const char *p,
          guint      *counts,
          const char *html)
{
  gboolean closing = FALSE;
  const char *name = p;
  const Tag *tag;

  if (*p == '/')
    {
      closing = TRUE;
      name = ++p;
    }

  while (g_ascii_isalnum (*p))
    p++;

  if ((tag = find_tag (name, p - name)) == NULL)
    liveline_fuzz_fail ("raw HTML came through: <%.*s in %s", (int)MIN (strlen (name), 20),
                        name, html);

  /* The parts are counted by their opening tags; <pre><code> is one. */
  if (!closing)
    counts[tag->node]++;
  if (!closing && tag->node == LIVELINE_MARKDOWN_CODE &&
      name >= html + 6 && strncmp (name - 6, "<pre><", 6) == 0)
    counts[tag->node]--;

  while (*p != '>')
    {
      const char *attribute;
      const char *value;
      gsize attribute_length;
      g_autofree char *decoded = NULL;

      if (p[0] == ' ' && p[1] == '/' && p[2] == '>')
        {
          p += 2;
          break;
        }
      if (*p != ' ' || closing)
        liveline_fuzz_fail ("a tag is not closed as cmark closes it: %s", html);

      attribute = ++p;
      while (g_ascii_isalpha (*p))
        p++;
      attribute_length = p - attribute;
      if (p[0] != '=' || p[1] != '"')
        liveline_fuzz_fail ("an attribute has no quoted value: %s", html);
      value = p += 2;
      while (*p != '\0' && *p != '"')
        p++;
      if (*p != '"')
        liveline_fuzz_fail ("an attribute's value is not closed: %s", html);
      decoded = decode_attribute (value, p - value, html);
      p++;

      if (tag->attribute != NULL && attribute_length == strlen (tag->attribute) &&
          strncmp (attribute, tag->attribute, attribute_length) == 0)
        {
          if (tag->node == LIVELINE_MARKDOWN_LINK)
            check_link (decoded, html);
        }
      else if (!(tag->other_attribute != NULL &&
                 attribute_length == strlen (tag->other_attribute) &&
                 strncmp (attribute, tag->other_attribute, attribute_length) == 0))
        {
          liveline_fuzz_fail ("<%s> has an attribute it should not: %.*s in %s", tag->tag,
                              (int)attribute_length, attribute, html);
        }
    }

  return p + 1;
}

static void
check_html (const char   *html,
            const Walked *walked)
{
  guint counts[N_NODES] = { 0 };

  for (const char *p = strchr (html, '<'); p != NULL; p = strchr (p, '<'))
    p = read_tag (p + 1, counts, html);

  /* Soft breaks are only a newline in HTML. */
  for (guint node = 0; node < LIVELINE_MARKDOWN_SOFT_BREAK; node++)
    if (counts[node] != walked->entered[node])
      liveline_fuzz_fail ("the HTML has %u parts of kind %u, the walk %u: %s",
                          counts[node], node, walked->entered[node], html);
}

static void
on_enter (LivelineMarkdownNode  node,
          guint                 detail,
          const char           *url,
          gpointer              user_data)
{
  Walked *walked = user_data;

  if ((guint)node >= N_NODES)
    liveline_fuzz_fail ("the walk entered a part of unknown kind %u", node);
  if ((node == LIVELINE_MARKDOWN_LINK) != (url != NULL))
    liveline_fuzz_fail ("the walk gave an address to a part of kind %u, or none to a link", node);
  if (url != NULL)
    check_link (url, "(the walk)");
  if (node == LIVELINE_MARKDOWN_HEADING && (detail < 1 || detail > 6))
    liveline_fuzz_fail ("the walk entered a heading of level %u", detail);

  walked->entered[node]++;
  g_array_append_val (walked->open, node);
}

static void
on_leave (LivelineMarkdownNode  node,
          gpointer              user_data)
{
  Walked *walked = user_data;

  if (walked->open->len == 0 ||
      g_array_index (walked->open, LivelineMarkdownNode, walked->open->len - 1) != node)
    liveline_fuzz_fail ("the walk left a part of kind %u it was not in", node);

  g_array_set_size (walked->open, walked->open->len - 1);
  walked->left[node]++;
}

static void
on_text (const char *text,
         gpointer    user_data)
{
  if (text == NULL || text[0] == '\0')
    liveline_fuzz_fail ("the walk reported empty text");
  if (!g_utf8_validate (text, -1, NULL))
    liveline_fuzz_fail ("the walk reported text that is not UTF-8");
}

static void
check_excerpt (const char *markdown,
               guint       max_chars)
{
  g_autofree char *excerpt = liveline_markdown_to_excerpt (markdown, max_chars);

  if (!g_utf8_validate (excerpt, -1, NULL))
    liveline_fuzz_fail ("the excerpt is not UTF-8");
  if (g_utf8_strlen (excerpt, -1) > (glong)max_chars)
    liveline_fuzz_fail ("the excerpt has more than %u characters: %s", max_chars, excerpt);
  if (strchr (excerpt, '\n') != NULL)
    liveline_fuzz_fail ("the excerpt is more than one line: %s", excerpt);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const LivelineMarkdownVisitor visitor = {
    .enter = on_enter,
    .leave = on_leave,
    .text = on_text,
  };
  g_autofree char *markdown = liveline_fuzz_string (data, size);
  g_autofree char *html = NULL;
  Walked walked = { { 0 }, { 0 }, NULL };

  walked.open = g_array_new (FALSE, FALSE, sizeof (LivelineMarkdownNode));
  liveline_markdown_walk (markdown, &visitor, &walked);
  if (walked.open->len != 0)
    liveline_fuzz_fail ("the walk ended inside %u parts", walked.open->len);
  g_array_unref (walked.open);

  html = liveline_markdown_to_html (markdown);
  check_html (html, &walked);

  check_excerpt (markdown, size > 0 ? data[0] : 0);

  return 0;
}
