/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-timeline"

#include "config.h"

#include "liveline-blog.h"
#include "liveline-post.h"
#include "liveline-store.h"
#include "liveline-timeline.h"
#include "liveline-test-util.h"

/* The timeline is checked against a reference: a plain list of ids that
 * changes only through the timeline's items-changed signals. After every
 * step it must equal both the timeline's contents and the order the test
 * works out for itself (pinned first, then newest first).
 */

typedef struct
{
  gint64   id;
  gboolean pinned;
  gboolean trashed;
  gboolean in_blog;
  LivelinePost *post;
} Truth;

typedef struct
{
  char             *dir;
  LivelineStore    *store;
  LivelineBlog     *blog;
  LivelineBlog     *other;
  LivelineTimeline *timeline;
  GArray           *reference;
  /* Truths, each allocated on its own: add_post() hands out pointers that
   * must stay valid as more are added. */
  GPtrArray        *truth;
  guint             n_signals;
  guint             last_position;
  guint             last_removed;
  guint             last_added;
} Fixture;

static void
truth_free (Truth *t)
{
  g_clear_object (&t->post);
  g_free (t);
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *fixture)
{
  g_assert_cmpuint (position + removed, <=, fixture->reference->len);

  g_array_remove_range (fixture->reference, position, removed);
  for (guint i = 0; i < added; i++)
    {
      g_autoptr(LivelinePost) post = g_list_model_get_item (model, position + i);
      gint64 id = liveline_post_get_id (post);

      g_array_insert_val (fixture->reference, position + i, id);
    }

  fixture->n_signals++;
  fixture->last_position = position;
  fixture->last_removed = removed;
  fixture->last_added = added;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("liveline-timeline-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->store = liveline_store_open (fixture->dir, &error);
  g_assert_no_error (error);
  fixture->blog = liveline_store_create_blog (fixture->store, "Syria talks", &error);
  fixture->other = liveline_store_create_blog (fixture->store, "Storm", &error);
  g_assert_no_error (error);

  fixture->timeline = liveline_timeline_new (fixture->store, fixture->blog);
  fixture->reference = g_array_new (FALSE, FALSE, sizeof (gint64));
  fixture->truth = g_ptr_array_new_with_free_func ((GDestroyNotify)truth_free);
  g_signal_connect (fixture->timeline, "items-changed", G_CALLBACK (on_items_changed), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_pointer (&fixture->truth, g_ptr_array_unref);
  g_clear_pointer (&fixture->reference, g_array_unref);
  g_clear_object (&fixture->timeline);
  g_clear_object (&fixture->store);
  liveline_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* Pinned first, then the newest (the highest id) first. */
static GArray *
expected_order (Fixture *fixture)
{
  GArray *expected = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (int pinned = 1; pinned >= 0; pinned--)
    for (int i = fixture->truth->len - 1; i >= 0; i--)
      {
        Truth *t = g_ptr_array_index (fixture->truth, i);

        if (t->in_blog && !t->trashed && t->pinned == pinned)
          g_array_append_val (expected, t->id);
      }

  return expected;
}

static void
assert_consistent (Fixture *fixture)
{
  g_autoptr(GArray) expected = expected_order (fixture);
  GListModel *model = G_LIST_MODEL (fixture->timeline);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, expected->len);
  g_assert_cmpuint (fixture->reference->len, ==, expected->len);

  for (guint i = 0; i < expected->len; i++)
    {
      g_autoptr(LivelinePost) post = g_list_model_get_item (model, i);

      g_assert_cmpint (g_array_index (fixture->reference, gint64, i), ==,
                       g_array_index (expected, gint64, i));
      g_assert_cmpint (liveline_post_get_id (post), ==, g_array_index (expected, gint64, i));
    }
}

static Truth *
add_post (Fixture  *fixture,
          gboolean  in_blog)
{
  g_autoptr(GError) error = NULL;
  Truth *t = g_new0 (Truth, 1);

  t->in_blog = in_blog;
  t->post = liveline_store_create_post (fixture->store, in_blog ? fixture->blog : fixture->other,
                                        &error);
  g_assert_no_error (error);
  t->id = liveline_post_get_id (t->post);
  g_ptr_array_add (fixture->truth, t);

  return t;
}

static guint
position_of (Fixture *fixture,
             gint64   id)
{
  g_autoptr(GArray) expected = expected_order (fixture);

  for (guint i = 0; i < expected->len; i++)
    if (g_array_index (expected, gint64, i) == id)
      return i;

  g_assert_not_reached ();
}

static void
test_random_edits (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  for (guint step = 0; step < 400; step++)
    {
      guint op = fixture->truth->len < 3 ? 0 : g_test_rand_int_range (0, 6);
      Truth *t = fixture->truth->len > 0
        ? g_ptr_array_index (fixture->truth, g_test_rand_int_range (0, fixture->truth->len))
        : NULL;
      guint signals_before = fixture->n_signals;

      switch (op)
        {
        case 0: /* a new update, here or in another blog */
          t = add_post (fixture, g_test_rand_bit () || g_test_rand_bit ());
          g_assert_cmpuint (fixture->n_signals - signals_before, ==, t->in_blog ? 1 : 0);
          break;

        case 1: /* an edit: one signal, in place, for a visible post */
        case 2:
          {
            g_autofree char *body = g_strdup_printf ("Edit %u", step);
            gboolean visible = t->in_blog && !t->trashed;

            liveline_post_set_body (t->post, body);
            g_assert_true (liveline_store_save_post (fixture->store, t->post, &error));
            g_assert_no_error (error);
            g_assert_cmpuint (fixture->n_signals - signals_before, ==, visible ? 1 : 0);
            if (visible)
              {
                g_assert_cmpuint (fixture->last_position, ==, position_of (fixture, t->id));
                g_assert_cmpuint (fixture->last_removed, ==, 1);
                g_assert_cmpuint (fixture->last_added, ==, 1);
              }
          }
          break;

        case 3: /* pin or unpin */
          t->pinned = !t->pinned;
          liveline_post_set_pinned (t->post, t->pinned);
          g_assert_true (liveline_store_save_post (fixture->store, t->post, &error));
          g_assert_no_error (error);
          break;

        case 4: /* delete */
          if (!t->trashed)
            {
              t->trashed = TRUE;
              g_assert_true (liveline_store_trash_post (fixture->store, t->post, &error));
              g_assert_cmpuint (fixture->n_signals - signals_before, ==, t->in_blog ? 1 : 0);
            }
          break;

        case 5: /* undo a delete */
          if (t->trashed)
            {
              t->trashed = FALSE;
              g_assert_true (liveline_store_untrash_post (fixture->store, t->post, &error));
              g_assert_cmpuint (fixture->n_signals - signals_before, ==, t->in_blog ? 1 : 0);
            }
          break;

        default:
          g_assert_not_reached ();
        }

      assert_consistent (fixture);
    }
}

static void
test_search_and_filter_follow_edits (Fixture       *fixture,
                                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  Truth *geneva = add_post (fixture, TRUE);
  Truth *other = add_post (fixture, TRUE);
  g_autoptr(LivelinePost) shown = NULL;

  liveline_post_set_headline (geneva->post, "Talks resume in Geneva");
  g_assert_true (liveline_store_save_post (fixture->store, geneva->post, &error));

  liveline_timeline_set_search (fixture->timeline, "geneva");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->timeline)), ==, 1);
  g_assert_cmpuint (fixture->reference->len, ==, 1);
  shown = g_list_model_get_item (G_LIST_MODEL (fixture->timeline), 0);
  g_assert_true (shown == geneva->post);

  /* An edit that starts to match brings the post in, at its place. */
  liveline_post_set_body (other->post, "Protests outside the Geneva venue");
  g_assert_true (liveline_store_save_post (fixture->store, other->post, &error));
  g_assert_cmpuint (fixture->reference->len, ==, 2);
  g_assert_cmpint (g_array_index (fixture->reference, gint64, 0), ==, other->id);

  /* And one that stops matching takes it out. */
  liveline_post_set_headline (geneva->post, "Talks resume");
  g_assert_true (liveline_store_save_post (fixture->store, geneva->post, &error));
  g_assert_cmpuint (fixture->reference->len, ==, 1);
  g_assert_cmpint (g_array_index (fixture->reference, gint64, 0), ==, other->id);

  liveline_timeline_set_search (fixture->timeline, NULL);
  g_assert_cmpuint (fixture->reference->len, ==, 2);

  liveline_timeline_set_state_filter (fixture->timeline, LIVELINE_POST_STATE_PUBLISHED);
  g_assert_cmpuint (fixture->reference->len, ==, 0);
  liveline_timeline_set_state_filter (fixture->timeline, LIVELINE_POST_STATE_DRAFT);
  g_assert_cmpuint (fixture->reference->len, ==, 2);
  assert_consistent (fixture);
}

static void
test_pages (Fixture       *fixture,
            gconstpointer  user_data)
{
  GListModel *model = G_LIST_MODEL (fixture->timeline);
  g_autoptr(LivelinePost) first = NULL;
  g_autoptr(LivelinePost) again = NULL;

  for (guint i = 0; i < 1234; i++)
    add_post (fixture, TRUE);
  assert_consistent (fixture);

  /* Far apart, out of order, past the cache: always the right post. */
  for (guint i = 0; i < 200; i++)
    {
      guint position = g_test_rand_int_range (0, 1234);
      g_autoptr(LivelinePost) post = g_list_model_get_item (model, position);

      g_assert_cmpint (liveline_post_get_id (post), ==,
                       ((Truth *)g_ptr_array_index (fixture->truth, 1233 - position))->id);
    }

  g_assert_null (g_list_model_get_item (model, 1234));

  /* The same object as the editor gets. */
  first = g_list_model_get_item (model, 0);
  again = liveline_store_load_post (fixture->store, liveline_post_get_id (first), NULL);
  g_assert_true (first == again);
}

static void
count_signals (GListModel *model,
               guint       position,
               guint       removed,
               guint       added,
               guint      *signals)
{
  signals[0]++;
  signals[1] = position;
  signals[2] = removed;
  signals[3] = added;
}

/* A fresh timeline knows only its first stretch of ids; an edit or a pin far
 * down still lands where it should.
 */
static void
test_far_down (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LivelineTimeline) fresh = NULL;
  g_autoptr(LivelinePost) last = NULL;
  guint signals[4] = { 0 };
  Truth *oldest;

  for (guint i = 0; i < 2345; i++)
    add_post (fixture, TRUE);
  oldest = g_ptr_array_index (fixture->truth, 0);

  fresh = liveline_timeline_new (fixture->store, fixture->blog);
  g_signal_connect (fresh, "items-changed", G_CALLBACK (count_signals), signals);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fresh)), ==, 2345);

  liveline_post_set_body (oldest->post, "Corrected");
  g_assert_true (liveline_store_save_post (fixture->store, oldest->post, &error));
  g_assert_cmpuint (signals[0], ==, 1);
  g_assert_cmpuint (signals[1], ==, 2344);
  g_assert_cmpuint (signals[2], ==, 1);
  g_assert_cmpuint (signals[3], ==, 1);

  last = g_list_model_get_item (G_LIST_MODEL (fresh), 2344);
  g_assert_true (last == oldest->post);
  g_clear_object (&last);

  /* Pinned, it moves to the top. */
  oldest->pinned = TRUE;
  liveline_post_set_pinned (oldest->post, TRUE);
  g_assert_true (liveline_store_save_post (fixture->store, oldest->post, &error));
  last = g_list_model_get_item (G_LIST_MODEL (fresh), 0);
  g_assert_true (last == oldest->post);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fresh)), ==, 2345);
  assert_consistent (fixture);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/timeline/random-edits", Fixture, NULL,
              fixture_set_up, test_random_edits, fixture_tear_down);
  g_test_add ("/timeline/search-and-filter-follow-edits", Fixture, NULL,
              fixture_set_up, test_search_and_filter_follow_edits, fixture_tear_down);
  g_test_add ("/timeline/pages", Fixture, NULL, fixture_set_up, test_pages, fixture_tear_down);
  g_test_add ("/timeline/far-down", Fixture, NULL, fixture_set_up, test_far_down, fixture_tear_down);

  return g_test_run ();
}
