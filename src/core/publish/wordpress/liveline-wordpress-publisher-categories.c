/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-wordpress-publisher"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "liveline-wordpress-publisher-private.h"

/* A live blog is a category on WordPress: the one Preferences picked, by
 * id, or else the one named after the blog, found or made on first use.
 */

/* The most WordPress gives in one page. */
#define PER_PAGE  100
/* A site with more categories than that is not one Liveline can offer a
 * list of. */
#define MAX_PAGES 200

G_DEFINE_BOXED_TYPE (LivelineWordpressCategory, liveline_wordpress_category,
                     liveline_wordpress_category_copy, liveline_wordpress_category_free)

LivelineWordpressCategory *
liveline_wordpress_category_copy (const LivelineWordpressCategory *category)
{
  LivelineWordpressCategory *copy;

  g_return_val_if_fail (category != NULL, NULL);

  copy = g_new0 (LivelineWordpressCategory, 1);
  copy->id = g_strdup (category->id);
  copy->name = g_strdup (category->name);

  return copy;
}

void
liveline_wordpress_category_free (LivelineWordpressCategory *category)
{
  if (category == NULL)
    return;

  g_free (category->id);
  g_free (category->name);
  g_free (category);
}

/* WordPress answers with a category's name as it stores it: HTML, where
 * "&" is "&amp;". */
static char *
decode_entities (const char *html)
{
  static const struct { const char *entity; const char *text; } named[] = {
    { "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" }, { "&quot;", "\"" }, { "&apos;", "'" },
  };
  GString *text = g_string_new (NULL);
  const char *p = html;

  while (*p != '\0')
    {
      const char *end = NULL;
      gboolean decoded = FALSE;

      if (*p == '&')
        end = strchr (p, ';');

      if (end != NULL && p[1] == '#')
        {
          gboolean hex = p[2] == 'x' || p[2] == 'X';
          g_autofree char *digits = g_strndup (p + (hex ? 3 : 2), end - p - (hex ? 3 : 2));
          guint64 code;

          if (g_ascii_string_to_unsigned (digits, hex ? 16 : 10, 1, 0x10FFFF, &code, NULL) &&
              g_unichar_validate ((gunichar)code))
            {
              g_string_append_unichar (text, (gunichar)code);
              decoded = TRUE;
            }
        }
      else if (end != NULL)
        {
          for (guint i = 0; i < G_N_ELEMENTS (named) && !decoded; i++)
            if (strncmp (p, named[i].entity, end - p + 1) == 0 &&
                strlen (named[i].entity) == (gsize)(end - p + 1))
              {
                g_string_append (text, named[i].text);
                decoded = TRUE;
              }
        }

      if (decoded)
        {
          p = end + 1;
        }
      else
        {
          g_string_append_c (text, *p);
          p++;
        }
    }

  return g_string_free (text, FALSE);
}

static LivelineWordpressCategory *
parse_category (JsonNode *node)
{
  g_autoptr(LivelineWordpressCategory) category = NULL;
  JsonObject *object;
  const char *name;
  gint64 id;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  object = json_node_get_object (node);
  id = _liveline_wordpress_get_id (object, "id");
  name = _liveline_wordpress_get_string (object, "name");
  if (id == 0 || name == NULL)
    return NULL;

  category = g_new0 (LivelineWordpressCategory, 1);
  category->id = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  category->name = decode_entities (name);

  return g_steal_pointer (&category);
}

/* Finding or making the blog's category */

static void
found_category (GTask      *task,
                const char *id)
{
  LivelineWordpressPublisher *self = g_task_get_source_object (task);

  if (self->found_category_id == NULL)
    self->found_category_id = g_strdup (id);

  g_task_return_pointer (task, g_strdup (id), g_free);
}

static void
on_category_made (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(LivelineWordpressCategory) category = NULL;
  g_autoptr(JsonObject) problem = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) error = NULL;

  answer = _liveline_wordpress_publisher_call_finish (LIVELINE_WORDPRESS_PUBLISHER (object),
                                                      result, &problem, &error);

  /* Made meanwhile, or named in another case, which WordPress takes for the
   * same name: it says which. */
  if (answer == NULL && g_strcmp0 (_liveline_wordpress_get_string (problem, "code"), "term_exists") == 0)
    {
      JsonNode *data = json_object_get_member (problem, "data");
      gint64 id = 0;

      if (data != NULL && JSON_NODE_HOLDS_OBJECT (data))
        id = _liveline_wordpress_get_id (json_node_get_object (data), "term_id");

      if (id > 0)
        {
          g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

          found_category (task, text);
          return;
        }
    }

  /* Signed in, but as an author, who may not make categories: signing in
   * again will not help, picking a category will. */
  if (answer == NULL && problem != NULL &&
      g_error_matches (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_AUTH))
    {
      JsonNode *data = json_object_get_member (problem, "data");

      if (data != NULL && JSON_NODE_HOLDS_OBJECT (data) &&
          _liveline_wordpress_get_id (json_node_get_object (data), "status") == SOUP_STATUS_FORBIDDEN)
        {
          LivelineWordpressPublisher *self = g_task_get_source_object (task);
          g_autofree char *message = NULL;

          /* Translators: %s is the name of a live blog */
          message = g_strdup_printf (_("WordPress does not let this user make the category “%s”. "
                                       "Pick one of the site’s categories for the live blog."),
                                     self->category_name);
          g_task_return_error (task, liveline_publisher_error_new_literal (LIVELINE_PUBLISHER_ERROR_PERMANENT,
                                                                           0, message));
          return;
        }
    }

  if (answer == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if ((category = parse_category (answer)) == NULL)
    {
      g_task_return_error (task, _liveline_wordpress_unreadable_answer ());
      return;
    }

  found_category (task, category->id);
}

static void
make_category (GTask *task)
{
  LivelineWordpressPublisher *self = g_task_get_source_object (task);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, self->category_name);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  _liveline_wordpress_publisher_call_async (self, SOUP_METHOD_POST, "wp/v2/categories", body,
                                            g_task_get_cancellable (task),
                                            on_category_made, task);
}

static void
on_categories_searched (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LivelineWordpressPublisher *self = g_task_get_source_object (task);
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folded_name = g_utf8_casefold (self->category_name, -1);
  g_autofree char *same_but_case = NULL;
  JsonArray *items;

  answer = _liveline_wordpress_publisher_call_finish (self, result, NULL, &error);
  if (answer == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!JSON_NODE_HOLDS_ARRAY (answer))
    {
      g_task_return_error (task, _liveline_wordpress_unreadable_answer ());
      return;
    }

  /* The search matches parts of names and slugs: only the same name will do,
   * in the same case if there is one. */
  items = json_node_get_array (answer);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      g_autoptr(LivelineWordpressCategory) category = parse_category (json_array_get_element (items, i));
      g_autofree char *folded = NULL;

      if (category == NULL)
        continue;

      if (g_str_equal (category->name, self->category_name))
        {
          found_category (task, category->id);
          return;
        }

      folded = g_utf8_casefold (category->name, -1);
      if (same_but_case == NULL && g_str_equal (folded, folded_name))
        same_but_case = g_strdup (category->id);
    }

  if (same_but_case != NULL)
    found_category (task, same_but_case);
  else
    make_category (g_steal_pointer (&task));
}

/**
 * _liveline_wordpress_publisher_category_async:
 * @self: a #LivelineWordpressPublisher
 * @cancellable: (nullable): the operation's #GCancellable
 * @callback: called when it is known
 * @user_data: for @callback
 *
 * Finds the id of the blog's category: the one given, or the one with the
 * blog's name, made if there is none. It is asked once per publisher.
 */
void
_liveline_wordpress_publisher_category_async (LivelineWordpressPublisher *self,
                                              GCancellable               *cancellable,
                                              GAsyncReadyCallback         callback,
                                              gpointer                    user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *stored_name = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *route = NULL;
  gint64 id;

  g_task_set_source_tag (task, _liveline_wordpress_publisher_category_async);

  if (self->category_id != NULL)
    {
      if (!_liveline_wordpress_parse_id (self->category_id, &id))
        {
          g_autofree char *message = NULL;

          /* Translators: %s is what was given as a WordPress category's id */
          message = g_strdup_printf (_("“%s” is not the id of a WordPress category."), self->category_id);
          g_task_return_error (task, liveline_publisher_error_new_literal (LIVELINE_PUBLISHER_ERROR_PERMANENT,
                                                                           0, message));
          return;
        }

      g_task_return_pointer (task, g_strdup (self->category_id), g_free);
      return;
    }

  if (self->found_category_id != NULL)
    {
      g_task_return_pointer (task, g_strdup (self->found_category_id), g_free);
      return;
    }

  if (self->category_name == NULL || self->category_name[0] == '\0')
    {
      g_task_return_error (task, liveline_publisher_error_new_literal (LIVELINE_PUBLISHER_ERROR_PERMANENT, 0,
                                                                       _("The live blog has no WordPress category.")));
      return;
    }

  /* Searched for as WordPress stores it, "&" as "&amp;". */
  stored_name = _liveline_wordpress_escape_text (self->category_name);
  escaped = g_uri_escape_string (stored_name, NULL, FALSE);
  route = g_strdup_printf ("wp/v2/categories?per_page=%u&search=%s", PER_PAGE, escaped);
  _liveline_wordpress_publisher_call_async (self, SOUP_METHOD_GET, route, NULL, cancellable,
                                            on_categories_searched, g_steal_pointer (&task));
}

/**
 * _liveline_wordpress_publisher_category_finish:
 * @self: a #LivelineWordpressPublisher
 * @result: the result given to the callback
 * @error: a location for a #GError
 *
 * Returns: (transfer full): the category's id, or %NULL with @error set
 */
char *
_liveline_wordpress_publisher_category_finish (LivelineWordpressPublisher  *self,
                                               GAsyncResult                *result,
                                               GError                     **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        _liveline_wordpress_publisher_category_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Listing every category */

static void list_next_page (GTask *task);

static int
compare_categories (gconstpointer a,
                    gconstpointer b)
{
  const LivelineWordpressCategory *first = *(LivelineWordpressCategory * const *)a;
  const LivelineWordpressCategory *second = *(LivelineWordpressCategory * const *)b;

  return g_utf8_collate (first->name, second->name);
}

static void
on_page_listed (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Job *job = g_task_get_task_data (task);
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *items;

  answer = _liveline_wordpress_publisher_call_finish (LIVELINE_WORDPRESS_PUBLISHER (object),
                                                      result, NULL, &error);
  if (answer == NULL)
    {
      _liveline_wordpress_publisher_fail (task, g_steal_pointer (&error));
      return;
    }

  if (!JSON_NODE_HOLDS_ARRAY (answer))
    {
      g_task_return_error (task, _liveline_wordpress_unreadable_answer ());
      return;
    }

  items = json_node_get_array (answer);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      LivelineWordpressCategory *category = parse_category (json_array_get_element (items, i));

      if (category == NULL)
        {
          g_task_return_error (task, _liveline_wordpress_unreadable_answer ());
          return;
        }

      g_ptr_array_add (job->categories, category);
    }

  /* A page that is not full is the last. */
  if (json_array_get_length (items) < PER_PAGE || job->page >= MAX_PAGES)
    {
      g_ptr_array_sort (job->categories, compare_categories);
      g_task_return_pointer (task, g_steal_pointer (&job->categories),
                             (GDestroyNotify)g_ptr_array_unref);
      return;
    }

  job->page++;
  list_next_page (g_steal_pointer (&task));
}

static void
list_next_page (GTask *task)
{
  LivelineWordpressPublisher *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);
  g_autofree char *route = NULL;

  /* Paged in the order categories were made, so one made while the pages
   * are read lands on the last page instead of pushing one already listed
   * onto the next page (listed twice) and another off it (never listed).
   * The list is sorted by name once it is whole.
   */
  route = g_strdup_printf ("wp/v2/categories?per_page=%u&page=%u&orderby=id&order=asc"
                           "&_fields=id,name",
                           PER_PAGE, job->page);
  _liveline_wordpress_publisher_call_async (self, SOUP_METHOD_GET, route, NULL,
                                            job->guard.cancellable, on_page_listed, task);
}

/**
 * liveline_wordpress_publisher_list_categories_async:
 * @self: a #LivelineWordpressPublisher
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the list is read
 * @user_data: for @callback
 *
 * Reads every category of the site, page after page, for Preferences to
 * offer as where the live blog goes.
 */
void
liveline_wordpress_publisher_list_categories_async (LivelineWordpressPublisher *self,
                                                    GCancellable               *cancellable,
                                                    GAsyncReadyCallback         callback,
                                                    gpointer                    user_data)
{
  GTask *task;
  Job *job;

  g_return_if_fail (LIVELINE_IS_WORDPRESS_PUBLISHER (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = _liveline_wordpress_publisher_new_job (self, cancellable, callback, user_data,
                                                liveline_wordpress_publisher_list_categories_async);
  job = g_task_get_task_data (task);
  job->categories = g_ptr_array_new_with_free_func ((GDestroyNotify)liveline_wordpress_category_free);
  job->page = 1;
  list_next_page (task);
}

/**
 * liveline_wordpress_publisher_list_categories_finish:
 * @self: a #LivelineWordpressPublisher
 * @result: the result given to the callback
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (element-type LivelineWordpressCategory): every
 *   category, sorted by name, or %NULL with @error set
 */
GPtrArray *
liveline_wordpress_publisher_list_categories_finish (LivelineWordpressPublisher  *self,
                                                     GAsyncResult                *result,
                                                     GError                     **error)
{
  g_return_val_if_fail (LIVELINE_IS_WORDPRESS_PUBLISHER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        liveline_wordpress_publisher_list_categories_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
