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

/* The ids of the site's categories, as a set. */
static GHashTable *
list_site_category_ids (LivelineTestWordpress *wordpress)
{
  g_autoptr(GPtrArray) on_site = liveline_test_wordpress_list (wordpress,
                                                               "wp/v2/categories?_fields=id");
  GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < on_site->len; i++)
    g_hash_table_add (ids, liveline_test_wordpress_id (g_ptr_array_index (on_site, i)));

  return ids;
}

/* Every category, over several pages, sorted by name, names as written.
 * Other tests make categories on the same site while this one runs, so the
 * list is checked against the site's categories just before and just
 * after it is asked for: all of the first, none beyond the second.
 */
static void
test_list_categories (LivelineTestWordpressBlog *fixture,
                      gconstpointer              user_data)
{
  g_autoptr(GPtrArray) on_site = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(GHashTable) listed_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *accented_name = g_strdup_printf ("%s Élysée & Matignon", fixture->run);
  g_autofree char *plain_name = g_strdup_printf ("%s Abbey Road", fixture->run);
  g_autofree char *accented_id = liveline_test_wordpress_make_category (fixture->wordpress,
                                                                        accented_name);
  g_autofree char *plain_id = liveline_test_wordpress_make_category (fixture->wordpress,
                                                                     plain_name);
  LivelineWordpressPublisher *publisher = LIVELINE_WORDPRESS_PUBLISHER (fixture->publisher);
  GAsyncResult *result;
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer id;
  guint seen = 0;

  /* More than one page of them: made once, found on later runs. */
  on_site = liveline_test_wordpress_list (fixture->wordpress, "wp/v2/categories?_fields=id,name");
  for (guint i = on_site->len; i <= 100; i++)
    {
      g_autofree char *filler = g_strdup_printf ("Liveline filler %s %03u", fixture->run, i);

      g_free (liveline_test_wordpress_make_category (fixture->wordpress, filler));
    }

  before = list_site_category_ids (fixture->wordpress);
  g_assert_cmpuint (g_hash_table_size (before), >, 100);

  liveline_wordpress_publisher_list_categories_async (publisher, NULL,
                                                      liveline_test_keep_result, &fixture->result);
  result = liveline_test_wordpress_blog_wait (fixture);
  listed = liveline_wordpress_publisher_list_categories_finish (publisher, result, &error);
  g_assert_no_error (error);

  after = list_site_category_ids (fixture->wordpress);

  for (guint i = 0; i < listed->len; i++)
    {
      LivelineWordpressCategory *category = g_ptr_array_index (listed, i);

      g_assert_true (g_hash_table_contains (after, category->id));
      g_assert_true (g_hash_table_add (listed_ids, category->id));
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

  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    g_assert_true (g_hash_table_contains (listed_ids, id));

  g_assert_cmpuint (seen, ==, 2);

  {
    g_autoptr(LivelineWordpressCategory) copy =
      liveline_wordpress_category_copy (g_ptr_array_index (listed, 0));

    g_assert_cmpstr (copy->id, ==,
                     ((LivelineWordpressCategory *)g_ptr_array_index (listed, 0))->id);
    g_assert_true (G_TYPE_IS_BOXED (LIVELINE_TYPE_WORDPRESS_CATEGORY));
  }
}

typedef struct
{
  LivelineTestWordpressBlog *fixture;
  char                      *made_id;
} MadeWhileListing;

/* Makes a category the moment the publisher asks for the second page. */
static void
on_listing_request (SoupSession *session,
                    SoupMessage *message,
                    gpointer     user_data)
{
  MadeWhileListing *made = user_data;
  GUri *uri = soup_message_get_uri (message);
  g_autofree char *address = g_uri_to_string (uri);
  g_autofree char *name = NULL;

  if (made->made_id != NULL ||
      strstr (address, "categories") == NULL || strstr (address, "page=2") == NULL)
    return;

  /* First by name, so that paging by name would push the others along. */
  name = g_strdup_printf ("0000 Made while listing %s", made->fixture->run);
  made->made_id = liveline_test_wordpress_make_category (made->fixture->wordpress, name);
}

/* A category made while the pages are read: every category the site had
 * before is listed, none twice, and the new one too.
 */
static void
test_category_made_while_listing (LivelineTestWordpressBlog *fixture,
                                  gconstpointer              user_data)
{
  LivelineWordpressPublisher *publisher = LIVELINE_WORDPRESS_PUBLISHER (fixture->publisher);
  MadeWhileListing made = { fixture, NULL };
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) listed_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *result;
  GHashTableIter iter;
  gpointer id;
  gulong handler;

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s Before the listing %u", fixture->run, i);

      g_free (liveline_test_wordpress_make_category (fixture->wordpress, name));
    }
  before = list_site_category_ids (fixture->wordpress);
  /* More than a page, so there is a second page to make one during. */
  g_assert_cmpuint (g_hash_table_size (before), >, 100);

  handler = g_signal_connect (fixture->session, "request-queued",
                              G_CALLBACK (on_listing_request), &made);
  liveline_wordpress_publisher_list_categories_async (publisher, NULL,
                                                      liveline_test_keep_result, &fixture->result);
  result = liveline_test_wordpress_blog_wait (fixture);
  listed = liveline_wordpress_publisher_list_categories_finish (publisher, result, &error);
  g_signal_handler_disconnect (fixture->session, handler);
  g_assert_no_error (error);

  /* The forced case happened. */
  g_assert_nonnull (made.made_id);

  for (guint i = 0; i < listed->len; i++)
    {
      LivelineWordpressCategory *category = g_ptr_array_index (listed, i);

      g_assert_true (g_hash_table_add (listed_ids, category->id));
    }

  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    g_assert_true (g_hash_table_contains (listed_ids, id));
  g_assert_true (g_hash_table_contains (listed_ids, made.made_id));

  g_free (made.made_id);
}

int
main (int   argc,
      char *argv[])
{
  liveline_test_wordpress_blog_init (&argc, &argv);

  LIVELINE_TEST_WORDPRESS_ADD ("category-by-name", test_category_by_name);
  LIVELINE_TEST_WORDPRESS_ADD ("list-categories", test_list_categories);
  LIVELINE_TEST_WORDPRESS_ADD ("category-made-while-listing", test_category_made_while_listing);

  return liveline_test_wordpress_blog_run ();
}
