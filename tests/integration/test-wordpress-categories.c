/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-wordpress-categories"

#include "config.h"

#include "liveline-destination.h"
#include "liveline-test-util.h"
#include "liveline-test-wordpress-blog.h"
#include "liveline-wordpress-publisher.h"

/* LivelineWordpressPublisher and the site's categories, against a real
 * WordPress (see tests/integration): the category a live blog publishes
 * into, and the list the journalist picks one from.
 */

/* Without a category id, the blog's name finds its category, made on the
 * first update and found again by a publisher made later. */
static void
test_category_by_name (LivelineTestWordpressBlog *fixture,
                       gconstpointer              user_data)
{
  LivelineDestination destination = {
    "wordpress", fixture->wordpress->site_url, NULL, fixture->wordpress->username, FALSE
  };
  g_autoptr(LivelinePost) first = NULL;
  g_autoptr(LivelinePost) second = NULL;
  g_autoptr(GPtrArray) categories = NULL;
  g_autoptr(JsonObject) first_remote = NULL;
  g_autoptr(JsonObject) second_remote = NULL;
  g_autofree char *escaped_run = g_uri_escape_string (fixture->run, NULL, FALSE);
  g_autofree char *route = g_strdup_printf ("wp/v2/categories?search=%s", escaped_run);
  g_autofree char *stored_name = g_strdup_printf ("Syria &amp; Iraq talks %s", fixture->run);
  g_autofree char *category_id = NULL;
  guint found = 0;

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(LivelinePublisher) publisher = NULL;

      publisher = liveline_destination_new_publisher (&destination, fixture->session, fixture->blog,
                                                      fixture->password);
      liveline_outbox_set_publisher (fixture->outbox, liveline_blog_get_id (fixture->blog),
                                     publisher);
      if (i == 0)
        {
          first = liveline_test_wordpress_blog_write_post (fixture, "Talks open", "In Geneva.");
          liveline_test_wordpress_blog_publish (fixture, first);
        }
      else
        {
          second = liveline_test_wordpress_blog_write_post (fixture, "Talks close", "In Vienna.");
          liveline_test_wordpress_blog_publish (fixture, second);
        }
    }

  categories = liveline_test_wordpress_list (fixture->wordpress, route);
  for (guint i = 0; i < categories->len; i++)
    {
      JsonObject *category = g_ptr_array_index (categories, i);

      if (g_strcmp0 (json_object_get_string_member (category, "name"), stored_name) == 0)
        {
          found++;
          category_id = liveline_test_wordpress_id (category);
        }
    }
  g_assert_cmpuint (found, ==, 1);

  first_remote = liveline_test_wordpress_get_post (fixture->wordpress,
                                                   liveline_post_get_remote_id (first));
  second_remote = liveline_test_wordpress_get_post (fixture->wordpress,
                                                    liveline_post_get_remote_id (second));
  liveline_test_wordpress_assert_in_category (first_remote, category_id);
  liveline_test_wordpress_assert_in_category (second_remote, category_id);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(const char * const *)a, *(const char * const *)b);
}

/* Every category, over several pages, sorted by name, names as written. */
static void
test_list_categories (LivelineTestWordpressBlog *fixture,
                      gconstpointer              user_data)
{
  g_autoptr(GPtrArray) on_site = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GHashTable) site_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *accented_name = g_strdup_printf ("%s Élysée & Matignon", fixture->run);
  g_autofree char *plain_name = g_strdup_printf ("%s Abbey Road", fixture->run);
  g_autofree char *accented_id = liveline_test_wordpress_make_category (fixture->wordpress,
                                                                        accented_name);
  g_autofree char *plain_id = liveline_test_wordpress_make_category (fixture->wordpress,
                                                                     plain_name);
  LivelineWordpressPublisher *publisher = LIVELINE_WORDPRESS_PUBLISHER (fixture->publisher);
  GAsyncResult *result;
  g_autoptr(GError) error = NULL;
  guint seen = 0;

  /* More than one page of them: made once, found on later runs. */
  on_site = liveline_test_wordpress_list (fixture->wordpress, "wp/v2/categories?_fields=id,name");
  for (guint i = on_site->len; i <= 100; i++)
    {
      g_autofree char *filler = g_strdup_printf ("Liveline filler %s %03u", fixture->run, i);

      g_free (liveline_test_wordpress_make_category (fixture->wordpress, filler));
    }
  g_clear_pointer (&on_site, g_ptr_array_unref);
  on_site = liveline_test_wordpress_list (fixture->wordpress, "wp/v2/categories?_fields=id,name");
  g_assert_cmpuint (on_site->len, >, 100);
  for (guint i = 0; i < on_site->len; i++)
    {
      char *id = liveline_test_wordpress_id (g_ptr_array_index (on_site, i));

      g_ptr_array_add (ids, id);
      g_hash_table_add (site_ids, id);
    }

  liveline_wordpress_publisher_list_categories_async (publisher, NULL,
                                                      liveline_test_keep_result, &fixture->result);
  result = liveline_test_wordpress_blog_wait (fixture);
  listed = liveline_wordpress_publisher_list_categories_finish (publisher, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, on_site->len);

  for (guint i = 0; i < listed->len; i++)
    {
      LivelineWordpressCategory *category = g_ptr_array_index (listed, i);

      g_assert_true (g_hash_table_contains (site_ids, category->id));
      if (i > 0)
        {
          LivelineWordpressCategory *previous = g_ptr_array_index (listed, i - 1);

          g_assert_cmpint (compare_names (&previous->name, &category->name), <=, 0);
        }
      if (g_str_equal (category->id, accented_id))
        {
          g_assert_cmpstr (category->name, ==, accented_name);
          seen++;
        }
      if (g_str_equal (category->id, plain_id))
        {
          g_assert_cmpstr (category->name, ==, plain_name);
          seen++;
        }
    }
  g_assert_cmpuint (seen, ==, 2);

  {
    g_autoptr(LivelineWordpressCategory) copy =
      liveline_wordpress_category_copy (g_ptr_array_index (listed, 0));

    g_assert_cmpstr (copy->id, ==,
                     ((LivelineWordpressCategory *)g_ptr_array_index (listed, 0))->id);
    g_assert_true (G_TYPE_IS_BOXED (LIVELINE_TYPE_WORDPRESS_CATEGORY));
  }
}

int
main (int   argc,
      char *argv[])
{
  liveline_test_wordpress_blog_init (&argc, &argv);

  LIVELINE_TEST_WORDPRESS_ADD ("category-by-name", test_category_by_name);
  LIVELINE_TEST_WORDPRESS_ADD ("list-categories", test_list_categories);

  return liveline_test_wordpress_blog_run ();
}
