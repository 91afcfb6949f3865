/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-test"

#include "config.h"

#include "liveline-test-integration.h"
#include "liveline-test-wordpress.h"

/* What the tests know of WordPress they read from it directly, with their
 * own requests, so that a publisher that misreads WordPress cannot agree
 * with itself.
 */

/**
 * liveline_test_wordpress_new:
 *
 * Brings the integration servers up, if they are not.
 *
 * Returns: (transfer full): the WordPress of the integration suite
 */
LivelineTestWordpress *
liveline_test_wordpress_new (void)
{
  LivelineTestWordpress *wordpress = g_new0 (LivelineTestWordpress, 1);
  g_autofree char *credentials = NULL;
  g_autofree char *encoded = NULL;

  wordpress->servers = liveline_test_integration_servers ();
  wordpress->site_url = liveline_test_integration_get (wordpress->servers, "WORDPRESS_URL");
  wordpress->rest_root = liveline_test_integration_get (wordpress->servers, "WORDPRESS_REST_ROOT");
  wordpress->username = liveline_test_integration_get (wordpress->servers, "WORDPRESS_USER");
  wordpress->app_password = liveline_test_integration_get (wordpress->servers, "WORDPRESS_APP_PASSWORD");
  wordpress->uploads_dir = liveline_test_integration_get (wordpress->servers, "WORDPRESS_UPLOADS_DIR");

  wordpress->session = soup_session_new ();
  soup_session_set_timeout (wordpress->session, 30);

  credentials = g_strdup_printf ("%s:%s", wordpress->username, wordpress->app_password);
  encoded = g_base64_encode ((const guchar *)credentials, strlen (credentials));
  wordpress->authorization = g_strconcat ("Basic ", encoded, NULL);

  return wordpress;
}

void
liveline_test_wordpress_free (LivelineTestWordpress *wordpress)
{
  if (wordpress == NULL)
    return;

  g_clear_pointer (&wordpress->servers, g_hash_table_unref);
  g_clear_object (&wordpress->session);
  g_free (wordpress->authorization);
  g_free (wordpress);
}

/**
 * liveline_test_wordpress_call:
 * @wordpress: the test WordPress
 * @method: an HTTP method
 * @route: a route under the REST root, such as `wp/v2/posts/12?context=edit`
 * @json_body: (nullable): JSON to send
 * @status: (out) (optional): the status of the answer
 *
 * Sends a request as the test user, and waits for the answer.
 *
 * Returns: (transfer full) (nullable): the JSON answered
 */
JsonNode *
liveline_test_wordpress_call (LivelineTestWordpress *wordpress,
                              const char            *method,
                              const char            *route,
                              const char            *json_body,
                              guint                 *status)
{
  g_autofree char *url = g_strconcat (wordpress->rest_root, route, NULL);
  g_autoptr(SoupMessage) message = soup_message_new (method, url);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (message);
  soup_message_headers_replace (soup_message_get_request_headers (message),
                                "Authorization", wordpress->authorization);
  if (json_body != NULL)
    {
      g_autoptr(GBytes) request = g_bytes_new (json_body, strlen (json_body));

      soup_message_set_request_body_from_bytes (message, "application/json", request);
    }

  body = soup_session_send_and_read (wordpress->session, message, NULL, &error);
  g_assert_no_error (error);

  if (status != NULL)
    *status = soup_message_get_status (message);

  if (!json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL) ||
      json_parser_get_root (parser) == NULL)
    return NULL;

  return json_node_ref (json_parser_get_root (parser));
}

/**
 * liveline_test_wordpress_get_object:
 * @wordpress: the test WordPress
 * @route: a route that answers with one object
 *
 * Returns: (transfer full): the object; the test fails unless the answer
 *   is 200 with an object
 */
JsonObject *
liveline_test_wordpress_get_object (LivelineTestWordpress *wordpress,
                                    const char            *route)
{
  g_autoptr(JsonNode) answer = NULL;
  guint status = 0;

  answer = liveline_test_wordpress_call (wordpress, "GET", route, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (answer);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (answer));

  return json_object_ref (json_node_get_object (answer));
}

/**
 * liveline_test_wordpress_make_category:
 * @wordpress: the test WordPress
 * @name: a name no category has yet
 *
 * Returns: (transfer full): the new category's id, as decimal text
 */
char *
liveline_test_wordpress_make_category (LivelineTestWordpress *wordpress,
                                       const char            *name)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) request = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *body = NULL;
  guint status = 0;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name);
  json_builder_end_object (builder);
  request = json_builder_get_root (builder);
  body = json_to_string (request, FALSE);

  answer = liveline_test_wordpress_call (wordpress, "POST", "wp/v2/categories", body, &status);
  g_assert_cmpuint (status, ==, 201);

  return g_strdup_printf ("%" G_GINT64_FORMAT,
                          json_object_get_int_member (json_node_get_object (answer), "id"));
}

/**
 * liveline_test_wordpress_list:
 * @wordpress: the test WordPress
 * @route: a collection's route, with a query, such as
 *   `wp/v2/posts?categories=3&status=any`
 *
 * Returns: (transfer full) (element-type JsonObject): every item, all
 *   pages of 100 read
 */
GPtrArray *
liveline_test_wordpress_list (LivelineTestWordpress *wordpress,
                              const char            *route)
{
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);

  for (guint page = 1; page < 100; page++)
    {
      g_autofree char *paged = g_strdup_printf ("%s%sper_page=100&page=%u&context=edit",
                                                route, strchr (route, '?') ? "&" : "?", page);
      g_autoptr(JsonNode) answer = NULL;
      JsonArray *array;
      guint status = 0;

      answer = liveline_test_wordpress_call (wordpress, "GET", paged, NULL, &status);

      /* Posts answer 400 past the last page; other collections an empty one. */
      if (status == 400 && page > 1)
        break;
      g_assert_cmpuint (status, ==, 200);
      g_assert_true (JSON_NODE_HOLDS_ARRAY (answer));

      array = json_node_get_array (answer);
      for (guint i = 0; i < json_array_get_length (array); i++)
        g_ptr_array_add (items, json_object_ref (json_array_get_object_element (array, i)));

      if (json_array_get_length (array) < 100)
        break;
    }

  return items;
}

/**
 * liveline_test_wordpress_raw:
 * @object: a post or a photo read with `context=edit`
 * @member: such as `title` or `caption`
 *
 * Returns: what was stored, `raw` of the member's object
 */
const char *
liveline_test_wordpress_raw (JsonObject *object,
                             const char *member)
{
  JsonObject *field = json_object_get_object_member (object, member);

  g_assert_nonnull (field);
  g_assert_true (json_object_has_member (field, "raw"));

  return json_object_get_string_member (field, "raw");
}

/**
 * liveline_test_wordpress_spaced_password:
 * @wordpress: the test WordPress
 *
 * Returns: (transfer full): the Application Password as WordPress shows
 *   it to the user, in groups of four with spaces between
 */
char *
liveline_test_wordpress_spaced_password (LivelineTestWordpress *wordpress)
{
  GString *spaced = g_string_new (NULL);

  for (const char *p = wordpress->app_password; *p != '\0'; p++)
    {
      if (p != wordpress->app_password && (p - wordpress->app_password) % 4 == 0)
        g_string_append_c (spaced, ' ');
      g_string_append_c (spaced, *p);
    }

  return g_string_free (spaced, FALSE);
}

/**
 * liveline_test_wordpress_get_post:
 * @wordpress: the test WordPress
 * @id: a post's id
 *
 * Returns: (transfer full): the post, read with `context=edit`
 */
JsonObject *
liveline_test_wordpress_get_post (LivelineTestWordpress *wordpress,
                                  const char            *id)
{
  g_autofree char *route = g_strdup_printf ("wp/v2/posts/%s?context=edit", id);

  return liveline_test_wordpress_get_object (wordpress, route);
}

/**
 * liveline_test_wordpress_get_media:
 * @wordpress: the test WordPress
 * @id: a photo's id
 *
 * Returns: (transfer full): the photo, read with `context=edit`
 */
JsonObject *
liveline_test_wordpress_get_media (LivelineTestWordpress *wordpress,
                                   const char            *id)
{
  g_autofree char *route = g_strdup_printf ("wp/v2/media/%s?context=edit", id);

  return liveline_test_wordpress_get_object (wordpress, route);
}

/**
 * liveline_test_wordpress_id:
 * @object: a post, a photo, a category or a user
 *
 * Returns: (transfer full): its id, as decimal text
 */
char *
liveline_test_wordpress_id (JsonObject *object)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (object, "id"));
}

/**
 * liveline_test_wordpress_count_posts:
 * @wordpress: the test WordPress
 * @slug: a post's slug
 *
 * Returns: how many posts there are, whatever their status short of the
 *   trash, with @slug or the slug WordPress gives a duplicate
 */
guint
liveline_test_wordpress_count_posts (LivelineTestWordpress *wordpress,
                                     const char            *slug)
{
  g_autofree char *route = g_strdup_printf ("wp/v2/posts?status=any&slug=%s,%s-2,%s-3",
                                            slug, slug, slug);
  g_autoptr(GPtrArray) posts = liveline_test_wordpress_list (wordpress, route);

  return posts->len;
}

/**
 * liveline_test_wordpress_status:
 * @wordpress: the test WordPress
 * @route: a route under the REST root
 *
 * Returns: the status WordPress answers a GET of @route with
 */
guint
liveline_test_wordpress_status (LivelineTestWordpress *wordpress,
                                const char            *route)
{
  g_autoptr(JsonNode) answer = NULL;
  guint status = 0;

  answer = liveline_test_wordpress_call (wordpress, "GET", route, NULL, &status);

  return status;
}

/**
 * liveline_test_wordpress_assert_in_category:
 * @post: a post
 * @category_id: a category's id, as decimal text
 *
 * The post must be in that category, and in no other.
 */
void
liveline_test_wordpress_assert_in_category (JsonObject *post,
                                            const char *category_id)
{
  JsonArray *categories = json_object_get_array_member (post, "categories");
  g_autofree char *first = NULL;

  g_assert_cmpuint (json_array_get_length (categories), ==, 1);
  first = g_strdup_printf ("%" G_GINT64_FORMAT, json_array_get_int_element (categories, 0));
  g_assert_cmpstr (first, ==, category_id);
}
