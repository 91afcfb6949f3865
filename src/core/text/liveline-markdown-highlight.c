/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-markdown-highlight"

#include "config.h"

#include <string.h>

#include "liveline-markdown-highlight.h"

/* How the editor colours the Markdown being typed. It reads one line at a
 * time and nothing outside the lines it is given, so that the editor can
 * redo only the lines a keystroke touched, however long the body: a
 * heading, a quote, a list item or a code line is known from its own
 * start, and emphasis, strong text, code and links are found within their
 * line. What CommonMark lets run over several lines (emphasis across a line
 * break, a fenced block's inner lines) is left plain; the preview shows
 * the truth. The search for a closing marker stops MAX_SPAN bytes on, so a
 * line full of unclosed markers costs no more than a line without.
 */

#define MAX_SPAN  1000
#define MAX_DEPTH 3

typedef struct
{
  const char               *text;
  LivelineMarkdownSpanFunc  func;
  gpointer                  user_data;
} Highlight;

static void
emit (Highlight            *highlight,
      LivelineMarkdownSpan  span,
      gsize                 start,
      gsize                 end)
{
  if (end > start)
    highlight->func (span, start, end, highlight->user_data);
}

static gboolean
is_word_byte (char c)
{
  return g_ascii_isalnum (c) || (guchar)c >= 0x80;
}

/* The length of the run of @c that starts at @p, up to @end. */
static gsize
run_length (const char *p,
            const char *end,
            char        c)
{
  const char *q = p;

  while (q < end && *q == c)
    q++;

  return q - p;
}

/* Where a run of exactly @n times @c that can close emphasis starts, after
 * @from and before @end, or NULL.
 */
static const char *
find_closing_run (const char *from,
                  const char *end,
                  char        c,
                  gsize       n)
{
  const char *limit = MIN (end, from + MAX_SPAN);

  for (const char *p = from; p < limit; p++)
    {
      gsize run;

      if (*p == '\\')
        {
          p++;
          continue;
        }
      if (*p != c)
        continue;

      run = run_length (p, end, c);
      /* A closer follows text, not space; "_" also not inside a word. */
      if (run == n && !g_ascii_isspace (p[-1]) &&
          (c != '_' || p + run >= end || !is_word_byte (p[run])))
        return p;
      p += run - 1;
    }

  return NULL;
}

static const char *
find_byte (const char *from,
           const char *end,
           char        c)
{
  const char *limit = MIN (end, from + MAX_SPAN);

  for (const char *p = from; p < limit; p++)
    {
      if (*p == '\\')
        p++;
      else if (*p == c)
        return p;
    }

  return NULL;
}

static void scan_inline (Highlight  *highlight,
                         const char *start,
                         const char *end,
                         guint       depth);

/* `code`, with runs of backticks of the same length around it. */
static const char *
scan_code (Highlight  *highlight,
           const char *p,
           const char *end)
{
  gsize n = run_length (p, end, '`');
  const char *limit = MIN (end, p + n + MAX_SPAN);

  for (const char *q = p + n; q < limit; q++)
    {
      gsize run;

      if (*q != '`')
        continue;

      run = run_length (q, end, '`');
      if (run == n)
        {
          gsize base = p - highlight->text;

          emit (highlight, LIVELINE_MARKDOWN_SPAN_SYNTAX, base, base + n);
          emit (highlight, LIVELINE_MARKDOWN_SPAN_CODE, base + n, q - highlight->text);
          emit (highlight, LIVELINE_MARKDOWN_SPAN_SYNTAX, q - highlight->text,
                q + n - highlight->text);
          return q + n;
        }
      q += run - 1;
    }

  /* Unclosed: the backticks are only characters. */
  return p + n;
}

/* *emphasis*, **strong**, _emphasis_, __strong__. */
static const char *
scan_emphasis (Highlight  *highlight,
               const char *p,
               const char *line,
               const char *end,
               guint       depth)
{
  char c = *p;
  gsize run = run_length (p, end, c);
  gsize n = MIN (run, 2);
  const char *open = p + run - n;
  const char *close;

  /* An opener comes before text, not space; "_" also not inside a word. */
  if (open + n >= end || g_ascii_isspace (open[n]) ||
      (c == '_' && p > line && is_word_byte (p[-1])))
    return p + run;

  close = find_closing_run (open + n + 1, end, c, n);
  if (close == NULL && n == 2)
    {
      /* "**" with no "**" to close it may still open "*…*". */
      n = 1;
      open = p + run - 1;
      close = find_closing_run (open + 2, end, c, 1);
    }
  if (close == NULL)
    return p + run;

  emit (highlight, LIVELINE_MARKDOWN_SPAN_SYNTAX, open - highlight->text, open + n - highlight->text);
  emit (highlight, n == 2 ? LIVELINE_MARKDOWN_SPAN_STRONG : LIVELINE_MARKDOWN_SPAN_EMPHASIS,
        open + n - highlight->text, close - highlight->text);
  scan_inline (highlight, open + n, close, depth + 1);
  emit (highlight, LIVELINE_MARKDOWN_SPAN_SYNTAX, close - highlight->text, close + n - highlight->text);

  return close + n;
}

/* [words](address) */
static const char *
scan_link (Highlight  *highlight,
           const char *p,
           const char *end,
           guint       depth)
{
  const char *close = find_byte (p + 1, end, ']');
  const char *url_end;

  if (close == NULL || close + 1 >= end || close[1] != '(' ||
      (url_end = find_byte (close + 2, end, ')')) == NULL)
    return p + 1;

  emit (highlight, LIVELINE_MARKDOWN_SPAN_SYNTAX, p - highlight->text, p + 1 - highlight->text);
  emit (highlight, LIVELINE_MARKDOWN_SPAN_LINK, p + 1 - highlight->text, close - highlight->text);
  scan_inline (highlight, p + 1, close, depth + 1);
  emit (highlight, LIVELINE_MARKDOWN_SPAN_SYNTAX, close - highlight->text, close + 2 - highlight->text);
  emit (highlight, LIVELINE_MARKDOWN_SPAN_URL, close + 2 - highlight->text, url_end - highlight->text);
  emit (highlight, LIVELINE_MARKDOWN_SPAN_SYNTAX, url_end - highlight->text, url_end + 1 - highlight->text);

  return url_end + 1;
}

static void
scan_inline (Highlight  *highlight,
             const char *start,
             const char *end,
             guint       depth)
{
  const char *p = start;

  if (depth > MAX_DEPTH)
    return;

  while (p < end)
    {
      switch (*p)
        {
        case '\\':
          p += p + 1 < end ? 2 : 1;
          break;

        case '`':
          p = scan_code (highlight, p, end);
          break;

        case '*':
        case '_':
          p = scan_emphasis (highlight, p, start, end, depth);
          break;

        case '[':
          p = scan_link (highlight, p, end, depth);
          break;

        default:
          p++;
          break;
        }
    }
}

/* A list item's marker at @p: "-", "+" or "*", or up to nine digits and
 * "." or ")", then a space. Returns its length, or 0.
 */
static gsize
list_marker_length (const char *p,
                    const char *end)
{
  const char *q = p;

  if (q < end && (*q == '-' || *q == '+' || *q == '*'))
    q++;
  else
    {
      while (q < end && q - p < 9 && g_ascii_isdigit (*q))
        q++;
      if (q == p || q >= end || (*q != '.' && *q != ')'))
        return 0;
      q++;
    }

  return q < end && (*q == ' ' || *q == '\t') ? (gsize)(q - p) : 0;
}

static void
scan_line (Highlight  *highlight,
           const char *line,
           const char *end)
{
  const char *p = line;
  gsize indent;
  gsize hashes;
  gsize marker;

  while (p < end && *p == ' ')
    p++;
  indent = p - line;

  if (indent >= 4 || (p + 3 <= end && (strncmp (p, "```", 3) == 0 || strncmp (p, "~~~", 3) == 0)))
    {
      /* Indented code, or a fence. */
      if (p < end)
        emit (highlight, LIVELINE_MARKDOWN_SPAN_CODE, line - highlight->text, end - highlight->text);
      return;
    }

  hashes = run_length (p, end, '#');
  if (hashes >= 1 && hashes <= 6 && (p + hashes == end || p[hashes] == ' ' || p[hashes] == '\t'))
    {
      emit (highlight, LIVELINE_MARKDOWN_SPAN_SYNTAX, p - highlight->text, p + hashes - highlight->text);
      emit (highlight, LIVELINE_MARKDOWN_SPAN_HEADING, p + hashes - highlight->text, end - highlight->text);
      scan_inline (highlight, p + hashes, end, 0);
      return;
    }

  if (p < end && *p == '>')
    {
      emit (highlight, LIVELINE_MARKDOWN_SPAN_SYNTAX, p - highlight->text, p + 1 - highlight->text);
      emit (highlight, LIVELINE_MARKDOWN_SPAN_QUOTE, p + 1 - highlight->text, end - highlight->text);
      scan_inline (highlight, p + 1, end, 0);
      return;
    }

  if ((marker = list_marker_length (p, end)) > 0)
    {
      emit (highlight, LIVELINE_MARKDOWN_SPAN_LIST_MARKER, p - highlight->text, p + marker - highlight->text);
      p += marker;
    }

  scan_inline (highlight, p, end, 0);
}

/**
 * liveline_markdown_highlight:
 * @text: whole lines of a body in Markdown; need not end with a newline
 * @length: the length of @text in bytes
 * @func: called for each span found
 * @user_data: passed to @func
 *
 * Finds what the editor shows as formatting in @text, line by line: the
 * time it takes grows with @length, never with what comes before or after.
 */
void
liveline_markdown_highlight (const char               *text,
                             gsize                     length,
                             LivelineMarkdownSpanFunc  func,
                             gpointer                  user_data)
{
  Highlight highlight = { text, func, user_data };
  const char *end = text + length;
  const char *line = text;

  g_return_if_fail (text != NULL || length == 0);
  g_return_if_fail (func != NULL);

  while (line < end)
    {
      const char *newline = memchr (line, '\n', end - line);
      const char *line_end = newline != NULL ? newline : end;

      scan_line (&highlight, line, line_end);
      line = newline != NULL ? newline + 1 : end;
    }
}
