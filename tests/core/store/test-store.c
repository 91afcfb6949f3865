/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-store"

#include "config.h"

#include <sqlite3.h>

#include "liveline-blog.h"
#include "liveline-post-private.h"
#include "liveline-revision.h"
#include "liveline-store-private.h"
#include "liveline-timeline.h"
#include "liveline-test-util.h"

typedef struct
{
  char          *dir;
  LivelineStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("liveline-store-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->store = liveline_store_open (fixture->dir, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->store);
  liveline_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static void
reopen (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&fixture->store);
  fixture->store = liveline_store_open (fixture->dir, &error);
  g_assert_no_error (error);
}

/* Runs SQL on the database file directly, as an older Liveline or a broken
 * disk would have left it.
 */
static void
run_sql (const char *dir,
         const char *sql)
{
  g_autofree char *path = g_build_filename (dir, "liveline.db", NULL);
  sqlite3 *db;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static LivelinePost *
write_post (LivelineStore *store,
            LivelineBlog  *blog,
            const char    *headline,
            const char    *body)
{
  g_autoptr(GError) error = NULL;
  LivelinePost *post = liveline_store_create_post (store, blog, &error);

  g_assert_no_error (error);
  liveline_post_set_headline (post, headline);
  liveline_post_set_body (post, body);
  g_assert_true (liveline_store_save_post (store, post, &error));
  g_assert_no_error (error);

  return post;
}

static void
test_blogs (Fixture       *fixture,
            gconstpointer  user_data)
{
  GListModel *blogs = liveline_store_get_blogs (fixture->store);
  g_autoptr(GError) error = NULL;
  LivelineBlog *syria;
  LivelineBlog *storm;
  LivelineBlog *again;

  g_assert_cmpuint (g_list_model_get_n_items (blogs), ==, 0);

  syria = liveline_store_create_blog (fixture->store, "  Syria talks  ", &error);
  g_assert_no_error (error);
  storm = liveline_store_create_blog (fixture->store, "Storm Ciarán", &error);
  g_assert_no_error (error);
  again = liveline_store_create_blog (fixture->store, "Syria talks", &error);
  g_assert_no_error (error);

  g_assert_cmpstr (liveline_blog_get_name (syria), ==, "Syria talks");
  g_assert_cmpstr (liveline_blog_get_slug (syria), ==, "syria-talks");
  g_assert_cmpstr (liveline_blog_get_slug (storm), ==, "storm-ciaran");
  g_assert_cmpstr (liveline_blog_get_slug (again), ==, "syria-talks-2");

  g_assert_null (liveline_store_create_blog (fixture->store, "   ", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* By name: Storm before Syria. */
  g_assert_cmpuint (g_list_model_get_n_items (blogs), ==, 3);
  g_assert_true (g_list_model_get_object (blogs, 0) == (gpointer)storm);
  g_object_unref (storm);

  g_assert_true (liveline_store_rename_blog (fixture->store, storm, "Yemen ceasefire", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (liveline_blog_get_slug (storm), ==, "storm-ciaran");

  g_assert_true (liveline_store_archive_blog (fixture->store, again, &error));
  g_assert_no_error (error);

  reopen (fixture);
  blogs = liveline_store_get_blogs (fixture->store);
  g_assert_cmpuint (g_list_model_get_n_items (blogs), ==, 2);
  syria = g_list_model_get_item (blogs, 0);
  storm = g_list_model_get_item (blogs, 1);
  g_assert_cmpstr (liveline_blog_get_name (syria), ==, "Syria talks");
  g_assert_cmpstr (liveline_blog_get_name (storm), ==, "Yemen ceasefire");
  g_assert_true (liveline_store_find_blog (fixture->store, liveline_blog_get_id (storm)) == storm);
  g_object_unref (syria);
  g_object_unref (storm);
}

/* Where a blog publishes is kept with it; no secret is among it. */
static void
test_blog_destination (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  LivelineBlog *blog = liveline_store_create_blog (fixture->store, "Syria talks", &error);
  gint64 id = liveline_blog_get_id (blog);

  g_assert_null (liveline_blog_get_destination_kind (blog));
  g_assert_true (liveline_store_set_blog_destination (fixture->store, blog, "liveline",
                                                      "http://127.0.0.1:8080/", "syria-talks",
                                                      NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (liveline_blog_get_endpoint_url (blog), ==, "http://127.0.0.1:8080/");

  reopen (fixture);
  blog = liveline_store_find_blog (fixture->store, id);
  g_assert_cmpstr (liveline_blog_get_destination_kind (blog), ==, "liveline");
  g_assert_cmpstr (liveline_blog_get_endpoint_url (blog), ==, "http://127.0.0.1:8080/");
  g_assert_cmpstr (liveline_blog_get_remote_blog_id (blog), ==, "syria-talks");
  g_assert_null (liveline_blog_get_username (blog));

  g_assert_true (liveline_store_set_blog_destination (fixture->store, blog, NULL, NULL, NULL,
                                                      NULL, &error));
  reopen (fixture);
  g_assert_null (liveline_blog_get_destination_kind (liveline_store_find_blog (fixture->store, id)));
}

static void
test_posts_persist (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  LivelineBlog *blog = liveline_store_create_blog (fixture->store, "Syria talks", &error);
  g_autoptr(LivelinePost) post = NULL;
  g_autoptr(LivelinePost) again = NULL;
  g_autofree char *uuid = NULL;
  gint64 id;

  post = liveline_store_create_post (fixture->store, blog, &error);
  g_assert_no_error (error);
  g_assert_cmpint (liveline_post_get_id (post), >, 0);
  g_assert_nonnull (liveline_post_get_created_at (post));

  liveline_post_set_headline (post, "Talks resume in Geneva");
  liveline_post_set_body (post, "> “We are close,” the envoy said.\n\nDelegates arrived at 9:00.");
  liveline_post_set_pinned (post, TRUE);
  liveline_post_set_key_moment (post, TRUE);
  post->image_path = g_build_filename (liveline_store_get_media_dir (fixture->store), "a.jpg", NULL);
  post->image_thumbnail = g_build_filename (liveline_store_get_media_dir (fixture->store), "a-thumb.jpg", NULL);
  post->image_name = g_strdup ("IMG_0042.JPG");
  post->image_width = 2048;
  post->image_height = 1365;
  post->image_had_location = TRUE;
  liveline_post_set_image_caption (post, "Delegates arrive");
  liveline_post_set_image_credit (post, "Reuters");
  liveline_post_set_image_alt (post, "Men in suits walk into a hall");
  g_assert_true (liveline_store_save_post (fixture->store, post, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (liveline_post_get_revision (post), ==, 1);

  id = liveline_post_get_id (post);
  uuid = g_strdup (liveline_post_get_uuid (post));

  /* While it is alive, everyone gets the same object. */
  again = liveline_store_load_post (fixture->store, id, &error);
  g_assert_true (again == post);
  g_clear_object (&again);
  g_clear_object (&post);

  reopen (fixture);
  post = liveline_store_load_post (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liveline_post_get_uuid (post), ==, uuid);
  g_assert_cmpstr (liveline_post_get_headline (post), ==, "Talks resume in Geneva");
  g_assert_true (g_str_has_prefix (liveline_post_get_body (post), "> “We are close,”"));
  g_assert_true (liveline_post_get_pinned (post));
  g_assert_true (liveline_post_get_key_moment (post));
  g_assert_cmpint (liveline_post_get_state (post), ==, LIVELINE_POST_STATE_DRAFT);
  g_assert_true (liveline_post_has_image (post));
  g_assert_true (g_str_has_suffix (liveline_post_get_image_path (post), "/media/a.jpg"));
  g_assert_cmpstr (liveline_post_get_image_name (post), ==, "IMG_0042.JPG");
  g_assert_cmpuint (liveline_post_get_image_width (post), ==, 2048);
  g_assert_cmpuint (liveline_post_get_image_height (post), ==, 1365);
  g_assert_true (liveline_post_get_image_had_location (post));
  g_assert_cmpstr (liveline_post_get_image_caption (post), ==, "Delegates arrive");
  g_assert_cmpstr (liveline_post_get_image_credit (post), ==, "Reuters");
  g_assert_cmpstr (liveline_post_get_image_alt (post), ==, "Men in suits walk into a hall");

  /* Removing the photo is saved too. */
  liveline_post_clear_image (post);
  g_assert_true (liveline_store_save_post (fixture->store, post, &error));
  g_clear_object (&post);
  reopen (fixture);
  post = liveline_store_load_post (fixture->store, id, &error);
  g_assert_false (liveline_post_has_image (post));
  g_assert_cmpstr (liveline_post_get_image_credit (post), ==, "");

  g_assert_null (liveline_store_load_post (fixture->store, id + 1000, &error));
  g_assert_error (error, LIVELINE_STORE_ERROR, LIVELINE_STORE_ERROR_NOT_FOUND);
}

static void
test_revisions (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  LivelineBlog *blog = liveline_store_create_blog (fixture->store, "Syria talks", &error);
  g_autoptr(LivelinePost) post = liveline_store_create_post (fixture->store, blog, &error);
  g_autoptr(GListModel) revisions = NULL;
  g_autoptr(LivelineRevision) first = NULL;
  g_autoptr(LivelineRevision) newest = NULL;

  /* Saving an untouched post keeps nothing. */
  g_assert_true (liveline_store_save_post (fixture->store, post, &error));
  revisions = liveline_store_list_revisions (fixture->store, post, &error);
  g_assert_cmpuint (g_list_model_get_n_items (revisions), ==, 0);
  g_clear_object (&revisions);

  liveline_post_set_headline (post, "Talks resume");
  g_assert_true (liveline_store_save_post (fixture->store, post, &error));
  liveline_post_set_headline (post, "Talks resume in Geneva");
  g_assert_true (liveline_store_save_post (fixture->store, post, &error));
  /* The same content again, and a flag: no new revision. */
  g_assert_true (liveline_store_save_post (fixture->store, post, &error));
  liveline_post_set_key_moment (post, TRUE);
  g_assert_true (liveline_store_save_post (fixture->store, post, &error));
  g_assert_no_error (error);

  revisions = liveline_store_list_revisions (fixture->store, post, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (revisions), ==, 2);
  newest = g_list_model_get_item (revisions, 0);
  first = g_list_model_get_item (revisions, 1);
  g_assert_cmpuint (liveline_revision_get_number (newest), ==, 2);
  g_assert_cmpstr (liveline_revision_get_headline (newest), ==, "Talks resume in Geneva");
  g_assert_cmpstr (liveline_revision_get_headline (first), ==, "Talks resume");
  g_assert_cmpuint (liveline_post_get_revision (post), ==, 2);

  /* Restoring the first is a change like any other, kept as revision 3. */
  g_assert_true (liveline_post_apply_content_snapshot (post, liveline_revision_get_snapshot (first),
                                                       &error));
  g_assert_cmpstr (liveline_post_get_headline (post), ==, "Talks resume");
  g_assert_true (liveline_store_save_post (fixture->store, post, &error));
  g_assert_cmpuint (liveline_post_get_revision (post), ==, 3);
}

static void
test_trash (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  LivelineBlog *blog = liveline_store_create_blog (fixture->store, "Syria talks", &error);
  g_autoptr(LivelinePost) post = write_post (fixture->store, blog, "Wrong", "A wrong update");
  g_autoptr(LivelineTimeline) timeline = liveline_timeline_new (fixture->store, blog);
  gint64 id = liveline_post_get_id (post);
  gint64 blog_id = liveline_blog_get_id (blog);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (timeline)), ==, 1);
  g_assert_true (liveline_store_trash_post (fixture->store, post, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (timeline)), ==, 0);

  /* Nothing is lost: it comes back with its content. */
  g_clear_object (&post);
  g_clear_object (&timeline);
  reopen (fixture);
  blog = liveline_store_find_blog (fixture->store, blog_id);
  post = liveline_store_load_post (fixture->store, id, &error);
  g_assert_no_error (error);
  timeline = liveline_timeline_new (fixture->store, blog);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (timeline)), ==, 0);
  g_assert_true (liveline_store_untrash_post (fixture->store, post, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (timeline)), ==, 1);
  g_assert_cmpstr (liveline_post_get_body (post), ==, "A wrong update");
}

static guint
count_search (LivelineStore *store,
              LivelineBlog  *blog,
              const char    *search)
{
  g_autoptr(LivelineTimeline) timeline = liveline_timeline_new (store, blog);

  liveline_timeline_set_search (timeline, search);

  return g_list_model_get_n_items (G_LIST_MODEL (timeline));
}

static void
test_search (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  LivelineBlog *blog = liveline_store_create_blog (fixture->store, "Syria talks", &error);
  LivelineBlog *other = liveline_store_create_blog (fixture->store, "Storm", &error);
  g_autoptr(LivelinePost) geneva = write_post (fixture->store, blog, "Talks resume in Genève",
                                               "Delegates *arrived* at 9:00.");
  g_autoptr(LivelinePost) photo = write_post (fixture->store, blog, "", "A crowd outside");
  g_autoptr(LivelinePost) elsewhere = write_post (fixture->store, other, "Geneva airport closed", "");

  photo->image_path = g_strdup ("/nowhere/p.jpg");
  liveline_post_set_image_credit (photo, "Agence France-Presse");
  liveline_post_set_image_caption (photo, "Protesters near the venue");
  g_assert_true (liveline_store_save_post (fixture->store, photo, &error));

  g_assert_cmpuint (count_search (fixture->store, blog, "geneve"), ==, 1);
  g_assert_cmpuint (count_search (fixture->store, blog, "GENÈVE talks"), ==, 1);
  g_assert_cmpuint (count_search (fixture->store, blog, "deleg"), ==, 1);
  g_assert_cmpuint (count_search (fixture->store, blog, "arrived 9"), ==, 1);
  g_assert_cmpuint (count_search (fixture->store, blog, "france"), ==, 1);
  g_assert_cmpuint (count_search (fixture->store, blog, "protesters venue"), ==, 1);
  g_assert_cmpuint (count_search (fixture->store, blog, "airport"), ==, 0);
  g_assert_cmpuint (count_search (fixture->store, blog, "talks crowd"), ==, 0);
  g_assert_cmpuint (count_search (fixture->store, blog, "   "), ==, 2);
  /* What FTS5 would read as syntax is only text: no error, no operator. */
  g_assert_cmpuint (count_search (fixture->store, blog, "\"talks OR NEAR(x) *"), ==, 0);
  g_assert_cmpuint (count_search (fixture->store, blog, "talks\""), ==, 1);
  g_assert_cmpuint (count_search (fixture->store, blog, "talks OR crowd"), ==, 0);

  /* An edit reaches the index. */
  liveline_post_set_headline (geneva, "Talks stall");
  g_assert_true (liveline_store_save_post (fixture->store, geneva, &error));
  g_assert_cmpuint (count_search (fixture->store, blog, "geneve"), ==, 0);
  g_assert_cmpuint (count_search (fixture->store, blog, "stall"), ==, 1);
}

static void
test_credits (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  LivelineBlog *blog = liveline_store_create_blog (fixture->store, "Syria talks", &error);
  const char *credits[] = { "Reuters", "AP", "Reuters", "  " };
  g_auto(GStrv) suggested = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (credits); i++)
    {
      g_autoptr(LivelinePost) post = write_post (fixture->store, blog, "With a photo", "");

      post->image_path = g_strdup ("/nowhere/p.jpg");
      liveline_post_set_image_credit (post, credits[i]);
      g_assert_true (liveline_store_save_post (fixture->store, post, &error));
    }

  suggested = liveline_store_list_credits (fixture->store, 10);
  g_assert_cmpuint (g_strv_length (suggested), ==, 2);
  g_assert_cmpstr (suggested[0], ==, "Reuters");
  g_assert_cmpstr (suggested[1], ==, "AP");
}

/* A store written by the first version of Liveline, with data in it, comes
 * up to date without losing any of it.
 */
/* The store filler of the benchmarks writes thousands of posts in one
 * transaction: they must come out exactly as if saved one by one.
 */
static void
test_bulk (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  LivelineBlog *blog = liveline_store_create_blog (fixture->store, "Election night", &error);
  g_autoptr(LivelineTimeline) timeline = NULL;
  gint64 blog_id = liveline_blog_get_id (blog);
  gint64 ids[3];

  for (guint bulk = 0; bulk < 2; bulk++)
    {
      g_assert_true (_liveline_store_begin_bulk (fixture->store, &error));
      g_assert_no_error (error);

      for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
        {
          g_autoptr(LivelinePost) post = write_post (fixture->store, blog, "Recount in Leeds",
                                                     "Officials confirmed a recount.");

          g_assert_cmpuint (liveline_post_get_revision (post), ==, 1);
          ids[i] = liveline_post_get_id (post);
        }

      g_assert_true (_liveline_store_end_bulk (fixture->store, &error));
      g_assert_no_error (error);
    }

  reopen (fixture);
  blog = liveline_store_find_blog (fixture->store, blog_id);
  timeline = liveline_timeline_new (fixture->store, blog);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (timeline)), ==, 6);

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(LivelinePost) post = liveline_store_load_post (fixture->store, ids[i], &error);
      g_autoptr(GListModel) revisions = NULL;

      g_assert_no_error (error);
      g_assert_cmpstr (liveline_post_get_headline (post), ==, "Recount in Leeds");
      revisions = liveline_store_list_revisions (fixture->store, post, &error);
      g_assert_cmpuint (g_list_model_get_n_items (revisions), ==, 1);
    }

  liveline_timeline_set_search (timeline, "recount");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (timeline)), ==, 6);
}

static void
test_migrations (gconstpointer user_data)
{
  guint from = GPOINTER_TO_UINT (user_data);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("liveline-migrate-XXXXXX", &error);
  g_autoptr(LivelineStore) store = NULL;
  g_autoptr(LivelinePost) post = NULL;
  g_autoptr(GListModel) revisions = NULL;
  LivelineBlog *blog;

  store = _liveline_store_open_at_version (dir, from, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  run_sql (dir,
           "INSERT INTO blogs (id, uuid, name, slug, created_at)"
           " VALUES (7, 'b-uuid', 'Syria talks', 'syria-talks', 1700000000000000);"
           "INSERT INTO posts (id, uuid, blog_id, headline, body, created_at, updated_at, revision)"
           " VALUES (42, 'p-uuid', 7, 'Talks resume', 'Delegates arrived', 1700000000000000,"
           "         1700000000000000, 1);"
           "INSERT INTO media (post_id, file, caption, credit)"
           " VALUES (42, 'a.jpg', 'Arrivals', 'Reuters');");

  /* From version 3 on, the search index is kept with every save. */
  if (from >= 3)
    run_sql (dir,
             "INSERT INTO posts_fts (rowid, headline, body, caption, credit)"
             " VALUES (42, 'Talks resume', 'Delegates arrived', 'Arrivals', 'Reuters');");

  store = liveline_store_open (dir, &error);
  g_assert_no_error (error);

  blog = liveline_store_find_blog (store, 7);
  g_assert_nonnull (blog);
  post = liveline_store_load_post (store, 42, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liveline_post_get_headline (post), ==, "Talks resume");
  g_assert_cmpstr (liveline_post_get_image_credit (post), ==, "Reuters");
  g_assert_cmpuint (count_search (store, blog, "arrivals"), ==, 1);
  g_assert_cmpuint (count_search (store, blog, "delegates"), ==, 1);

  /* And it works as a new one does. */
  liveline_post_set_body (post, "Delegates arrived at 9:00");
  g_assert_true (liveline_store_save_post (store, post, &error));
  g_assert_no_error (error);
  revisions = liveline_store_list_revisions (store, post, &error);
  g_assert_cmpuint (g_list_model_get_n_items (revisions), ==, 1);

  g_clear_object (&post);
  g_clear_object (&revisions);
  g_clear_object (&store);
  liveline_test_remove_tree (dir);
}

/* Posts published before Liveline kept what it sent are taken to have
 * their last revision on the live page: an edit since then shows as one.
 */
static void
test_migration_keeps_published (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("liveline-migrate-XXXXXX", &error);
  g_autoptr(LivelineStore) store = NULL;
  g_autoptr(LivelinePost) post = NULL;

  store = _liveline_store_open_at_version (dir, 4, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  run_sql (dir,
           "INSERT INTO blogs (id, uuid, name, slug, created_at)"
           " VALUES (7, 'b-uuid', 'Syria talks', 'syria-talks', 1700000000000000);"
           "INSERT INTO posts (id, uuid, blog_id, headline, body, created_at, updated_at, revision,"
           "                   state, remote_id)"
           " VALUES (42, 'p-uuid', 7, 'Talks resume', 'Delegates arrived', 1700000000000000,"
           "         1700000000000000, 1, 3, 'r-42');"
           "INSERT INTO revisions (post_id, revision, snapshot, created_at)"
           " VALUES (42, 1, '{\"headline\":\"Talks resume\",\"body\":\"Delegates arrived\"}',"
           "         1700000000000000);");

  store = liveline_store_open (dir, &error);
  g_assert_no_error (error);
  post = liveline_store_load_post (store, 42, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liveline_post_get_published_headline (post), ==, "Talks resume");
  g_assert_false (liveline_post_get_edited (post));

  liveline_post_set_body (post, "Delegates arrived at 9:00");
  g_assert_true (liveline_post_get_edited (post));

  g_clear_object (&post);
  g_clear_object (&store);
  liveline_test_remove_tree (dir);
}

static void
test_damaged_database_moved_aside (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("liveline-damaged-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "liveline.db", NULL);
  g_autoptr(LivelineStore) store = NULL;
  g_autofree char *kept = NULL;
  const char *aside;

  g_assert_true (g_file_set_contents (path, "this is not a database, but it is someone's data",
                                      -1, &error));

  store = liveline_store_open (dir, &error);
  g_assert_no_error (error);

  aside = liveline_store_get_moved_aside (store);
  g_assert_nonnull (aside);
  g_assert_true (g_str_has_prefix (aside, path));
  g_assert_nonnull (strstr (aside, ".damaged-"));
  g_assert_true (g_file_get_contents (aside, &kept, NULL, &error));
  g_assert_cmpstr (kept, ==, "this is not a database, but it is someone's data");

  /* A new, working store took its place. */
  g_assert_nonnull (liveline_store_create_blog (store, "Syria talks", &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  store = liveline_store_open (dir, &error);
  g_assert_no_error (error);
  g_assert_null (liveline_store_get_moved_aside (store));
  g_assert_cmpuint (g_list_model_get_n_items (liveline_store_get_blogs (store)), ==, 1);

  g_clear_object (&store);
  liveline_test_remove_tree (dir);
}

static void
test_newer_database_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("liveline-newer-XXXXXX", &error);
  g_autoptr(LivelineStore) store = liveline_store_open (dir, &error);

  g_assert_no_error (error);
  g_clear_object (&store);
  run_sql (dir, "PRAGMA user_version = 99");

  store = liveline_store_open (dir, &error);
  g_assert_null (store);
  g_assert_error (error, LIVELINE_STORE_ERROR, LIVELINE_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer version of Liveline"));
  g_clear_error (&error);

  /* Untouched: still version 99, and still refused. */
  store = liveline_store_open (dir, &error);
  g_assert_error (error, LIVELINE_STORE_ERROR, LIVELINE_STORE_ERROR_TOO_NEW);

  liveline_test_remove_tree (dir);
}

static void
test_second_process_refused (void)
{
  const char *dir = g_getenv ("LIVELINE_TEST_STORE_DIR");

  if (dir != NULL)
    {
      /* The second process. */
      g_autoptr(GError) error = NULL;
      g_autoptr(LivelineStore) store = liveline_store_open (dir, &error);

      g_assert_null (store);
      g_assert_error (error, LIVELINE_STORE_ERROR, LIVELINE_STORE_ERROR_LOCKED);
      g_printerr ("%s", error->message);
      return;
    }
  else
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *tmp = g_dir_make_tmp ("liveline-locked-XXXXXX", &error);
      g_autoptr(LivelineStore) store = liveline_store_open (tmp, &error);
      g_autoptr(LivelineStore) after = NULL;

      g_assert_no_error (error);
      g_setenv ("LIVELINE_TEST_STORE_DIR", tmp, TRUE);
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDIN);
      g_unsetenv ("LIVELINE_TEST_STORE_DIR");
      g_test_trap_assert_passed ();
      g_test_trap_assert_stderr ("*Another Liveline is already running*");

      /* Once the first one closes, the store opens again. */
      g_clear_object (&store);
      after = liveline_store_open (tmp, &error);
      g_assert_no_error (error);

      g_clear_object (&after);
      liveline_test_remove_tree (tmp);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/store/blogs", Fixture, NULL, fixture_set_up, test_blogs, fixture_tear_down);
  g_test_add ("/store/blog-destination", Fixture, NULL,
              fixture_set_up, test_blog_destination, fixture_tear_down);
  g_test_add ("/store/posts-persist", Fixture, NULL,
              fixture_set_up, test_posts_persist, fixture_tear_down);
  g_test_add ("/store/revisions", Fixture, NULL,
              fixture_set_up, test_revisions, fixture_tear_down);
  g_test_add ("/store/trash", Fixture, NULL, fixture_set_up, test_trash, fixture_tear_down);
  g_test_add ("/store/search", Fixture, NULL, fixture_set_up, test_search, fixture_tear_down);
  g_test_add ("/store/credits", Fixture, NULL, fixture_set_up, test_credits, fixture_tear_down);
  g_test_add ("/store/bulk", Fixture, NULL, fixture_set_up, test_bulk, fixture_tear_down);
  g_test_add_data_func ("/store/migrations/from-1", GUINT_TO_POINTER (1), test_migrations);
  g_test_add_data_func ("/store/migrations/from-2", GUINT_TO_POINTER (2), test_migrations);
  g_test_add_data_func ("/store/migrations/from-3", GUINT_TO_POINTER (3), test_migrations);
  g_test_add_data_func ("/store/migrations/from-4", GUINT_TO_POINTER (4), test_migrations);
  g_test_add_func ("/store/migrations/keeps-published", test_migration_keeps_published);
  g_test_add_func ("/store/damaged-database-moved-aside", test_damaged_database_moved_aside);
  g_test_add_func ("/store/newer-database-refused", test_newer_database_refused);
  g_test_add_func ("/store/second-process-refused", test_second_process_refused);

  return g_test_run ();
}
