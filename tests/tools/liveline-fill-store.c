/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-fill-store"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "liveline-blog.h"
#include "liveline-post.h"
#include "liveline-store-private.h"

/* Fills a store with a live blog of N updates, written through the same
 * calls the editor uses, for build-aux/bench-first-frame:
 *
 *   liveline-fill-store DATA_DIR N
 *
 * The updates read like a night of election coverage: a headline, one to
 * three paragraphs with the odd quote, link and emphasis, a few pinned and
 * some marked as key moments. The same N always gives the same text.
 *
 * A transaction per post gives about 3,800 posts a second here (26 s for
 * 100,000); posts are written in bulks of BULK_SIZE instead.
 */

#define BLOG_NAME    "Election night"
#define PIN_EVERY    5000
#define KEY_EVERY    40
/* Posts written in one transaction (see _liveline_store_begin_bulk()). */
#define BULK_SIZE    10000

static const char * const places[] = {
  "Leeds", "the capital", "Cardiff", "the north-east", "Glasgow", "Bristol", "the coast",
  "Belfast", "the Midlands", "Manchester", "rural seats", "the suburbs",
};

static const char * const subjects[] = {
  "The returning officer", "The opposition leader", "The prime minister",
  "The electoral commission", "The Green candidate", "The independent candidate",
  "The governing party", "Our correspondent", "The council", "The Liberal candidate",
};

static const char * const events[] = {
  "confirms a recount",
  "concedes defeat",
  "reports long queues",
  "declares victory",
  "calls for calm after results",
  "says counting will finish late",
  "warns of delays",
  "arrives at the count",
};

static const char * const sentences[] = {
  "Officials said the count was running about an hour behind schedule.",
  "Turnout was higher than at the last election, according to early figures.",
  "Ballot boxes from the outlying wards arrived shortly after midnight.",
  "Supporters gathered outside the town hall as the first results came in.",
  "The margin was narrow enough for either side to ask for a recount.",
  "A spokesperson for the commission said there had been no irregularities.",
  "Our correspondent at the count says the mood has changed in the last few minutes.",
  "Postal votes are being verified separately and will be added later tonight.",
  "Several candidates declined to comment until the declaration.",
  "The result is expected between 3 and 4 a.m., later than first planned.",
  "Staff at the leisure centre have been counting since the polls closed at 10 p.m.",
  "It is the first time the seat has changed hands in more than thirty years.",
};

static const char * const quotes[] = {
  "> \"We are confident, but we will wait for every vote to be counted.\"",
  "> \"This has been a long campaign and people deserve a clear answer.\"",
  "> \"The numbers speak for themselves tonight.\"",
  "> \"We will respect the result, whatever it is.\"",
};

static const char * const authors[] = {
  "Amira Haddad", "Tom Whitfield", "Lena Kowalski", "Sam Osei",
};

static void
append_paragraph (GString *body,
                  GRand   *rand)
{
  guint n = g_rand_int_range (rand, 2, 5);
  guint first = g_rand_int_range (rand, 0, G_N_ELEMENTS (sentences));

  if (body->len > 0)
    g_string_append (body, "\n\n");

  if (g_rand_int_range (rand, 0, 6) == 0)
    {
      g_string_append (body, quotes[g_rand_int_range (rand, 0, G_N_ELEMENTS (quotes))]);
      return;
    }

  for (guint i = 0; i < n; i++)
    {
      /* 5 and 12 share no factor: no sentence comes twice in a paragraph. */
      const char *sentence = sentences[(first + 5 * i) % G_N_ELEMENTS (sentences)];

      if (i > 0)
        g_string_append_c (body, ' ');

      switch (g_rand_int_range (rand, 0, 12))
        {
        case 0:
          g_string_append_printf (body, "**%s**", sentence);
          break;

        case 1:
          g_string_append_printf (body, "%s [Full results](https://example.com/results).",
                                  sentence);
          break;

        default:
          g_string_append (body, sentence);
        }
    }
}

static void
write_post (LivelinePost *post,
            GRand        *rand,
            gint64        number)
{
  const char *subject = subjects[g_rand_int_range (rand, 0, G_N_ELEMENTS (subjects))];
  const char *event = events[g_rand_int_range (rand, 0, G_N_ELEMENTS (events))];
  const char *place = places[g_rand_int_range (rand, 0, G_N_ELEMENTS (places))];
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *headline = NULL;
  guint paragraphs = g_rand_int_range (rand, 1, 4);

  /* About one update in five has no headline, as on a real live page. */
  if (g_rand_int_range (rand, 0, 5) != 0)
    {
      headline = g_strdup_printf ("%s %s in %s", subject, event, place);
      liveline_post_set_headline (post, headline);
    }

  for (guint i = 0; i < paragraphs; i++)
    append_paragraph (body, rand);

  liveline_post_set_body (post, body->str);
  liveline_post_set_author (post, authors[g_rand_int_range (rand, 0, G_N_ELEMENTS (authors))]);
  liveline_post_set_pinned (post, number % PIN_EVERY == PIN_EVERY / 2);
  liveline_post_set_key_moment (post, number % KEY_EVERY == KEY_EVERY - 1);
}

/* Writes posts @first to @first + @count - 1 in one transaction. */
static gboolean
fill_bulk (LivelineStore  *store,
           LivelineBlog   *blog,
           GRand          *rand,
           gint64          first,
           gint64          count,
           GError        **error)
{
  gboolean written = TRUE;

  if (!_liveline_store_begin_bulk (store, error))
    return FALSE;

  for (gint64 i = first; written && i < first + count; i++)
    {
      g_autoptr(LivelinePost) post = NULL;

      if ((written = (post = liveline_store_create_post (store, blog, error)) != NULL))
        {
          write_post (post, rand, i);
          written = liveline_store_save_post (store, post, error);
        }
    }

  if (!written)
    {
      _liveline_store_end_bulk (store, NULL);
      return FALSE;
    }

  return _liveline_store_end_bulk (store, error);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LivelineStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = NULL;
  LivelineBlog *blog;
  gint64 start;
  gint64 n;
  char *end;
  double seconds;

  if (argc != 3 || (n = g_ascii_strtoll (argv[2], &end, 10)) < 0 || *end != '\0')
    {
      fprintf (stderr, "Usage: %s DATA_DIR N\n", argv[0]);
      return EXIT_FAILURE;
    }

  start = g_get_monotonic_time ();

  if (!(store = liveline_store_open (argv[1], &error)) ||
      !(blog = liveline_store_create_blog (store, BLOG_NAME, &error)))
    {
      fprintf (stderr, "%s: %s\n", argv[0], error->message);
      return EXIT_FAILURE;
    }

  rand = g_rand_new_with_seed (20260101);

  for (gint64 done = 0; done < n && error == NULL; done += BULK_SIZE)
    {
      if (fill_bulk (store, blog, rand, done, MIN (BULK_SIZE, n - done), &error))
        fprintf (stderr, "%" G_GINT64_FORMAT " posts…\n", MIN (done + BULK_SIZE, n));
    }

  if (error != NULL)
    {
      fprintf (stderr, "%s: %s\n", argv[0], error->message);
      return EXIT_FAILURE;
    }

  g_clear_object (&store);
  seconds = (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC;

  printf ("filled %s with %" G_GINT64_FORMAT " posts in %.1f s (%.0f posts/s)\n",
          argv[1], n, seconds, seconds > 0 ? n / seconds : 0.0);

  return EXIT_SUCCESS;
}
