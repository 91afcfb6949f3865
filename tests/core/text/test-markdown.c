/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-markdown"

#include "config.h"

#include "liveline-enums.h"
#include "liveline-markdown.h"

static void
assert_html (const char *markdown,
             const char *expected)
{
  g_autofree char *html = liveline_markdown_to_html (markdown);

  g_assert_cmpstr (html, ==, expected);
}

static void
assert_excerpt (const char *markdown,
                guint       max_chars,
                const char *expected)
{
  g_autofree char *excerpt = liveline_markdown_to_excerpt (markdown, max_chars);

  g_assert_cmpstr (excerpt, ==, expected);
  g_assert_true (g_utf8_validate (excerpt, -1, NULL));
  g_assert_cmpint (g_utf8_strlen (excerpt, -1), <=, max_chars);
}

static void
test_html_headings (void)
{
  assert_html ("# Talks resume in Geneva\n\n## What we know",
               "<h1>Talks resume in Geneva</h1>\n"
               "<h2>What we know</h2>\n");
  assert_html ("Ceasefire holds\n===============",
               "<h1>Ceasefire holds</h1>\n");
}

static void
test_html_emphasis (void)
{
  assert_html ("The talks are *fragile* but **ongoing**.",
               "<p>The talks are <em>fragile</em> but <strong>ongoing</strong>.</p>\n");
  assert_html ("Delegates said `no comment`.",
               "<p>Delegates said <code>no comment</code>.</p>\n");
}

static void
test_html_links (void)
{
  assert_html ("Read [the statement](https://un.org/statement \"UN\").",
               "<p>Read <a href=\"https://un.org/statement\" title=\"UN\">"
               "the statement</a>.</p>\n");
  assert_html ("Live feed: <http://example.org/live>",
               "<p>Live feed: "
               "<a href=\"http://example.org/live\">http://example.org/live</a></p>\n");
  assert_html ("Tips: <press@example.org>",
               "<p>Tips: <a href=\"mailto:press@example.org\">press@example.org</a></p>\n");
  assert_html ("[Write to us](MAILTO:desk@example.org)",
               "<p><a href=\"MAILTO:desk@example.org\">Write to us</a></p>\n");
}

/* A quoted line, the everyday form of a live update, is a block quote. */
static void
test_html_quote (void)
{
  assert_html ("The envoy said:\n\n> We will meet again on Monday.\n\nNo date was given.",
               "<p>The envoy said:</p>\n"
               "<blockquote>\n"
               "<p>We will meet again on Monday.</p>\n"
               "</blockquote>\n"
               "<p>No date was given.</p>\n");
}

static void
test_html_lists (void)
{
  assert_html ("- Geneva\n- Vienna\n",
               "<ul>\n<li>Geneva</li>\n<li>Vienna</li>\n</ul>\n");
  assert_html ("3. Third point\n4. Fourth point\n",
               "<ol start=\"3\">\n<li>Third point</li>\n<li>Fourth point</li>\n</ol>\n");
}

/* HTML typed into the body is shown to readers as the text it is: nothing
 * of it reaches the live page as markup.
 */
static void
test_html_raw_html_is_text (void)
{
  static const char * const forbidden[] = {
    "<script", "<img", "<b>", "<iframe", "<!--",
  };
  static const struct {
    const char *markdown;
    const char *expected;
  } cases[] = {
    { "<script>alert(1)</script>",
      "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n" },
    { "<img src=x onerror=alert(1)>",
      "<p>&lt;img src=x onerror=alert(1)&gt;</p>\n" },
    { "A <b>bold</b> claim",
      "<p>A &lt;b&gt;bold&lt;/b&gt; claim</p>\n" },
    { "<iframe src=\"https://evil.example\">\n</iframe>\n\nAfter",
      "<p>&lt;iframe src=&quot;https://evil.example&quot;&gt;\n&lt;/iframe&gt;</p>\n"
      "<p>After</p>\n" },
    { "> <script>alert(1)</script>",
      "<blockquote>\n<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n</blockquote>\n" },
    { "Before <!-- hidden --> after",
      "<p>Before &lt;!-- hidden --&gt; after</p>\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *html = liveline_markdown_to_html (cases[i].markdown);

      g_assert_cmpstr (html, ==, cases[i].expected);
      for (guint j = 0; j < G_N_ELEMENTS (forbidden); j++)
        g_assert_null (strstr (html, forbidden[j]));
    }
}

/* A link that could run code or carry a document keeps its words and loses
 * its target; so does anything that is not a web or mail address.
 */
static void
test_html_unsafe_links (void)
{
  static const char * const links[] = {
    "[x](javascript:alert(1))",
    "[x](JavaScript:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](<java\tscript:alert(1)>)",
    "[x](vbscript:msgbox(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](data:image/png;base64,iVBORw0KGgo=)",
    "[x](file:///etc/passwd)",
    "[x](/relative/path)",
    "[x][ref]\n\n[ref]: javascript:alert(1)",
  };

  for (guint i = 0; i < G_N_ELEMENTS (links); i++)
    assert_html (links[i], "<p>x</p>\n");

  assert_html ("<javascript:alert(1)>", "<p>javascript:alert(1)</p>\n");
  assert_html ("[*x*](javascript:alert(1))", "<p><em>x</em></p>\n");
}

/* The photo of an update is attached on its own, with its credit: an image
 * in the body would be an unchecked photo from anywhere, so its words stay.
 */
static void
test_html_images_become_text (void)
{
  assert_html ("Map: ![Geneva, *old town*](https://tracker.example/p.png)",
               "<p>Map: Geneva, <em>old town</em></p>\n");
  assert_html ("[![Badge](https://x.example/b.png)](https://un.org)",
               "<p><a href=\"https://un.org\">Badge</a></p>\n");
}

static void
test_html_smart_punctuation (void)
{
  assert_html ("\"Peace isn't near\" -- not yet... 'We wait' --- they said",
               "<p>“Peace isn’t near” – not yet… ‘We wait’ — they said</p>\n");
  assert_html ("Code stays `\"as typed\"`",
               "<p>Code stays <code>&quot;as typed&quot;</code></p>\n");
}

static void
test_html_invalid_utf8 (void)
{
  g_autofree char *html = liveline_markdown_to_html ("Gen\xff\xfe" "eva");

  g_assert_true (g_utf8_validate (html, -1, NULL));
  g_assert_cmpstr (html, ==, "<p>Gen\xef\xbf\xbd\xef\xbf\xbd" "eva</p>\n");
}

static void
test_excerpt_plain_text (void)
{
  assert_excerpt ("## Talks resume\n\n"
                  "> *Delegates* arrived at **noon**, said [the UN](https://un.org).\n\n"
                  "- Geneva\n- Vienna\n\n"
                  "---\n\n"
                  "```\nno  comment\n```",
                  200,
                  "Talks resume Delegates arrived at noon, said the UN. "
                  "Geneva Vienna no comment");
  assert_excerpt ("Talks   resume\tin\nGeneva  \nat 10:00\n\n\n\n  today ",
                  200,
                  "Talks resume in Geneva at 10:00 today");
  assert_excerpt ("\"Calm\" -- for now", 200, "“Calm” – for now");
  assert_excerpt ("A <b>bold</b> ![map](https://x.example/m.png) claim",
                  200,
                  "A <b>bold</b> map claim");
  assert_excerpt ("à 10\xc2\xa0km", 200, "à 10\xc2\xa0km");
  assert_excerpt ("", 200, "");
  assert_excerpt ("   \n\n  ", 200, "");
}

static void
test_excerpt_cut_at_word (void)
{
  const char *body = "The delegations met for *three hours* in Geneva";

  /* Short enough: whole, without an ellipsis. */
  assert_excerpt (body, 200, "The delegations met for three hours in Geneva");
  assert_excerpt (body, 45, "The delegations met for three hours in Geneva");

  /* “The delegations met” is 19 characters: with the ellipsis it fits 20. */
  assert_excerpt (body, 20, "The delegations met…");
  assert_excerpt (body, 19, "The delegations…");
  assert_excerpt (body, 44, "The delegations met for three hours in…");

  /* No dangling punctuation before the ellipsis. */
  assert_excerpt ("Talks resume, delegates say", 20, "Talks resume…");

  /* One word longer than the room is cut inside. */
  assert_excerpt ("https://example.org/a-very-long-address", 12, "https://exa…");
  assert_excerpt (body, 1, "…");
  assert_excerpt (body, 0, "");
}

static void
test_excerpt_utf8 (void)
{
  /* Counted in characters, not bytes. */
  assert_excerpt ("Évacuation à Alep ce matin", 19, "Évacuation à Alep…");
  assert_excerpt ("🚑🚑🚑🚑🚑🚑", 4, "🚑🚑🚑…");

  /* An accent written as its own character stays with its letter. */
  assert_excerpt ("e\xcc\x81" "e\xcc\x81" "e\xcc\x81" "e\xcc\x81", 4, "e\xcc\x81…");

  /* A family emoji is one picture made of several characters. */
  assert_excerpt ("🚑👩‍👩‍👧abc", 4, "🚑…");
  assert_excerpt ("👍🏽👍🏽👍🏽", 4, "👍🏽…");

  /* A flag is a pair of letters. */
  assert_excerpt ("🇫🇷🇩🇪🇮🇹", 4, "🇫🇷…");
}

/* Whatever the length asked for, the excerpt is valid UTF-8, fits, and is
 * the start of the whole text.
 */
static void
test_excerpt_every_length (void)
{
  const char *body = "**Évacuation** à Alep 🚑 : « Nous partons » — 東京 e\xcc\x81t\xc3\xa9 👍🏽 fin";
  g_autofree char *whole = liveline_markdown_to_excerpt (body, G_MAXUINT);
  glong whole_length = g_utf8_strlen (whole, -1);

  g_assert_cmpstr (whole, ==,
                   "Évacuation à Alep 🚑 : « Nous partons » — 東京 e\xcc\x81t\xc3\xa9 👍🏽 fin");

  for (guint max = 1; max <= whole_length + 1; max++)
    {
      g_autofree char *excerpt = liveline_markdown_to_excerpt (body, max);
      gsize length = strlen (excerpt);

      g_assert_true (g_utf8_validate (excerpt, -1, NULL));
      g_assert_cmpint (g_utf8_strlen (excerpt, -1), <=, max);

      if (max >= whole_length)
        {
          g_assert_cmpstr (excerpt, ==, whole);
          continue;
        }

      g_assert_true (g_str_has_suffix (excerpt, "…"));
      length -= strlen ("…");
      g_assert_true (strncmp (excerpt, whole, length) == 0);

      /* Never a skin tone, an accent or a joiner without what it belongs to. */
      g_assert_false (g_str_has_suffix (excerpt, "👍…"));
      g_assert_false (g_str_has_suffix (excerpt, " e…"));
    }
}

typedef struct
{
  GPtrArray *events;
} Recorder;

static const char *
node_nick (LivelineMarkdownNode node)
{
  g_autoptr(GEnumClass) enum_class = g_type_class_ref (LIVELINE_TYPE_MARKDOWN_NODE);
  GEnumValue *value = g_enum_get_value (enum_class, node);

  g_assert_nonnull (value);

  return value->value_nick;
}

static void
record_enter (LivelineMarkdownNode  node,
              guint                 detail,
              const char           *url,
              gpointer              user_data)
{
  GPtrArray *events = user_data;

  /* Only links have a target. */
  g_assert_true ((node == LIVELINE_MARKDOWN_LINK) == (url != NULL));

  if (url != NULL)
    g_ptr_array_add (events, g_strdup_printf ("enter %s %u %s", node_nick (node), detail, url));
  else
    g_ptr_array_add (events, g_strdup_printf ("enter %s %u", node_nick (node), detail));
}

static void
record_leave (LivelineMarkdownNode  node,
              gpointer              user_data)
{
  g_ptr_array_add (user_data, g_strdup_printf ("leave %s", node_nick (node)));
}

static void
record_text (const char *text,
             gpointer    user_data)
{
  g_ptr_array_add (user_data, g_strdup_printf ("text %s", text));
}

static const LivelineMarkdownVisitor recorder = {
  .enter = record_enter,
  .leave = record_leave,
  .text = record_text,
};

static void
assert_walk (const char         *markdown,
             const char * const *expected)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *got = NULL;
  g_autofree char *want = NULL;

  liveline_markdown_walk (markdown, &recorder, events);
  g_ptr_array_add (events, NULL);

  /* Whole sequences, one event a line, so a failure shows where they part. */
  got = g_strjoinv ("\n", (char **)events->pdata);
  want = g_strjoinv ("\n", (char **)expected);
  g_assert_cmpstr (got, ==, want);
}

static void
test_walk_document (void)
{
  static const char * const expected[] = {
    "enter heading 2", "text Talks resume", "leave heading",
    "enter paragraph 0",
      "text The envoy said", "enter soft-break 0", "leave soft-break",
      "text at noon:", "enter line-break 0", "leave line-break",
      "text “we ", "enter emphasis 0", "text will", "leave emphasis",
      "text  meet ", "enter strong 0", "text again", "leave strong", "text ”",
    "leave paragraph",
    "enter quote 0",
      "enter paragraph 0",
        "text See ", "enter link 0 https://un.org/s", "text the statement", "leave link",
        "text  and x, or ", "enter code 0", "text <b>", "leave code", "text .",
      "leave paragraph",
    "leave quote",
    "enter ordered-list 3",
      "enter list-item 3", "text Geneva", "leave list-item",
      "enter list-item 4", "text Vienna", "leave list-item",
    "leave ordered-list",
    "enter bullet-list 0",
      "enter list-item 0", "text Delegates", "leave list-item",
    "leave bullet-list",
    "enter thematic-break 0", "leave thematic-break",
    "enter code-block 0", "text x = 1\ny = 2", "leave code-block",
    "enter paragraph 0", "text <script>alert(1)</script>", "leave paragraph",
    "enter paragraph 0",
      "text Map: Map of ", "enter emphasis 0", "text Geneva", "leave emphasis",
      "text  and <b>x</b>",
    "leave paragraph",
    "enter paragraph 0", "text <img src=x onerror=alert(1)>", "leave paragraph",
    NULL
  };

  assert_walk ("## Talks resume\n\n"
               "The envoy said\n"
               "at noon:\\\n"
               "\"we *will* meet **again**\"\n\n"
               "> See [the statement](https://un.org/s) and [x](javascript:alert(1)), or `<b>`.\n\n"
               "3. Geneva\n"
               "4. Vienna\n\n"
               "* Delegates\n\n"
               "***\n\n"
               "```\nx = 1\ny = 2\n```\n\n"
               "<script>alert(1)</script>\n\n"
               "Map: ![Map of *Geneva*](https://x.example/m.png) and <b>x</b>\n\n"
               "<img src=x onerror=alert(1)>\n",
               expected);
}

/* Items of a tight list hold their text; a loose list's items hold
 * paragraphs, which the preview spaces apart.
 */
static void
test_walk_lists (void)
{
  static const char * const tight[] = {
    "enter bullet-list 0",
      "enter list-item 0", "text One", "leave list-item",
      "enter list-item 0",
        "text Two",
        "enter ordered-list 1",
          "enter list-item 1", "text Nested", "leave list-item",
        "leave ordered-list",
      "leave list-item",
    "leave bullet-list",
    NULL
  };
  static const char * const loose[] = {
    "enter ordered-list 1",
      "enter list-item 1", "enter paragraph 0", "text One", "leave paragraph", "leave list-item",
      "enter list-item 2", "enter paragraph 0", "text Two", "leave paragraph", "leave list-item",
    "leave ordered-list",
    NULL
  };

  assert_walk ("- One\n- Two\n  1. Nested\n", tight);
  assert_walk ("1) One\n\n2) Two\n", loose);
}

static void
test_walk_only_text (void)
{
  static const LivelineMarkdownVisitor text_only = { .text = record_text };
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_free);

  liveline_markdown_walk ("# One\n\n*Two*", &text_only, events);

  g_assert_cmpuint (events->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (events, 0), ==, "text One");
  g_assert_cmpstr (g_ptr_array_index (events, 1), ==, "text Two");
}

/* A timeline row makes an excerpt after every keystroke: only the start of
 * a long body is read. The reference definition at the end of this one is
 * beyond what is read, so its link shows as it was typed; the same body
 * without the long middle gives the link's words.
 */
static void
test_excerpt_reads_only_the_start (void)
{
  g_autoptr(GString) body = g_string_new ("Talks [resume][1] in Geneva.\n\n");
  g_autofree char *excerpt = NULL;

  assert_excerpt ("Talks [resume][1] in Geneva.\n\n[1]: https://example.com/\n", 160,
                  "Talks resume in Geneva.");

  for (guint i = 0; i < 20000; i++)
    g_string_append (body, "Delegates arrived at noon. ");
  g_string_append (body, "\n\n[1]: https://example.com/\n");

  excerpt = liveline_markdown_to_excerpt (body->str, 30);
  g_assert_cmpstr (excerpt, ==, "Talks [resume][1] in Geneva.…");

  /* One long line, with characters of several bytes: cut between them. */
  g_string_assign (body, "");
  for (guint i = 0; i < 20000; i++)
    g_string_append (body, "é");
  g_clear_pointer (&excerpt, g_free);
  excerpt = liveline_markdown_to_excerpt (body->str, 3);
  g_assert_cmpstr (excerpt, ==, "éé…");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/markdown/html/headings", test_html_headings);
  g_test_add_func ("/markdown/html/emphasis", test_html_emphasis);
  g_test_add_func ("/markdown/html/links", test_html_links);
  g_test_add_func ("/markdown/html/quote", test_html_quote);
  g_test_add_func ("/markdown/html/lists", test_html_lists);
  g_test_add_func ("/markdown/html/raw-html-is-text", test_html_raw_html_is_text);
  g_test_add_func ("/markdown/html/unsafe-links", test_html_unsafe_links);
  g_test_add_func ("/markdown/html/images-become-text", test_html_images_become_text);
  g_test_add_func ("/markdown/html/smart-punctuation", test_html_smart_punctuation);
  g_test_add_func ("/markdown/html/invalid-utf8", test_html_invalid_utf8);
  g_test_add_func ("/markdown/excerpt/plain-text", test_excerpt_plain_text);
  g_test_add_func ("/markdown/excerpt/cut-at-word", test_excerpt_cut_at_word);
  g_test_add_func ("/markdown/excerpt/utf8", test_excerpt_utf8);
  g_test_add_func ("/markdown/excerpt/every-length", test_excerpt_every_length);
  g_test_add_func ("/markdown/excerpt/reads-only-the-start", test_excerpt_reads_only_the_start);
  g_test_add_func ("/markdown/walk/document", test_walk_document);
  g_test_add_func ("/markdown/walk/lists", test_walk_lists);
  g_test_add_func ("/markdown/walk/only-text", test_walk_only_text);

  return g_test_run ();
}
