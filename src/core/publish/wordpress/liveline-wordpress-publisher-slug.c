/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-wordpress-publisher"

#include "config.h"

#include "liveline-wordpress-publisher-private.h"

/* WordPress has no idempotency keys, so what Liveline makes there carries
 * a slug made from one: a post `liveline-<its UUID>`, a photo
 * `liveline-<the upload's key>`. Looking the slug up tells whether a
 * request whose answer was lost arrived.
 *
 * Slugs are unique on WordPress, but only as far as it checks before it
 * saves: a second request with the same slug gets `…-2` (then `-3`, …),
 * or, when both arrive at the same moment, the same slug. Either way the
 * first one made, the lowest id, is the one Liveline keeps; later ones are
 * duplicates that a lost answer caused, and are deleted for good, so that
 * no reader ever sees an update twice.
 */

/* Enough for the retries of one create that a crash can leave behind. */
#define MAX_SUFFIX 9
/* WordPress keeps 200 characters of a slug. */
#define MAX_SLUG   190

/**
 * _liveline_wordpress_slug_for:
 * @key: a post's UUID or an upload's idempotency key
 *
 * Returns: (transfer full): `liveline-` and @key in lower case, anything
 *   but letters and digits made a dash: a slug WordPress keeps as it is
 */
char *
_liveline_wordpress_slug_for (const char *key)
{
  GString *slug = g_string_new ("liveline-");

  for (const char *p = key; *p != '\0' && slug->len < MAX_SLUG; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (slug, g_ascii_tolower (*p));
      else if (slug->str[slug->len - 1] != '-')
        g_string_append_c (slug, '-');
    }

  while (slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);

  return g_string_free (slug, FALSE);
}

/* @candidate is @slug, or @slug with the suffix WordPress adds to a
 * duplicate. */
static gboolean
is_slug_or_duplicate (const char *candidate,
                      const char *slug)
{
  gsize length = strlen (slug);
  guint64 suffix;

  if (candidate == NULL || strncmp (candidate, slug, length) != 0)
    return FALSE;

  if (candidate[length] == '\0')
    return TRUE;

  return candidate[length] == '-' &&
         g_ascii_string_to_unsigned (candidate + length + 1, 10, 2, G_MAXUINT, &suffix, NULL);
}

typedef struct
{
  char       *collection;
  char       *slug;
  JsonObject *earliest;
  GArray     *duplicates;
} Search;

static void
search_free (Search *search)
{
  g_free (search->collection);
  g_free (search->slug);
  g_clear_pointer (&search->earliest, json_object_unref);
  g_clear_pointer (&search->duplicates, g_array_unref);
  g_free (search);
}

static void delete_next_duplicate (GTask *task);

static void
on_duplicate_deleted (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) error = NULL;

  answer = _liveline_wordpress_publisher_call_finish (LIVELINE_WORDPRESS_PUBLISHER (object),
                                                      result, NULL, &error);

  /* Gone already is as good: another try deleted it first. */
  if (answer == NULL && !g_error_matches (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_NOT_FOUND))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  delete_next_duplicate (g_steal_pointer (&task));
}

static void
delete_next_duplicate (GTask *task)
{
  LivelineWordpressPublisher *self = g_task_get_source_object (task);
  Search *search = g_task_get_task_data (task);
  g_autofree char *route = NULL;
  gint64 id;

  if (search->duplicates->len == 0)
    {
      g_task_return_pointer (task, g_steal_pointer (&search->earliest),
                             (GDestroyNotify)json_object_unref);
      g_object_unref (task);
      return;
    }

  id = g_array_index (search->duplicates, gint64, search->duplicates->len - 1);
  g_array_set_size (search->duplicates, search->duplicates->len - 1);

  g_debug ("Deleting %s %" G_GINT64_FORMAT ", a duplicate", search->collection, id);

  /* For good: a post in the trash would still hold the site's attention,
   * and photos have no trash. */
  route = g_strdup_printf ("wp/v2/%s/%" G_GINT64_FORMAT "?force=true", search->collection, id);
  _liveline_wordpress_publisher_call_async (self, SOUP_METHOD_DELETE, route, NULL,
                                            g_task_get_cancellable (task),
                                            on_duplicate_deleted, task);
}

static void
on_slug_found (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Search *search = g_task_get_task_data (task);
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *items;

  answer = _liveline_wordpress_publisher_call_finish (LIVELINE_WORDPRESS_PUBLISHER (object),
                                                      result, NULL, &error);
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

  items = json_node_get_array (answer);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonNode *node = json_array_get_element (items, i);
      JsonObject *item;
      gint64 id;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;

      item = json_node_get_object (node);
      if ((id = _liveline_wordpress_get_id (item, "id")) == 0 ||
          !is_slug_or_duplicate (_liveline_wordpress_get_string (item, "slug"), search->slug))
        continue;

      if (search->earliest == NULL)
        {
          search->earliest = json_object_ref (item);
        }
      else if (id < _liveline_wordpress_get_id (search->earliest, "id"))
        {
          gint64 later = _liveline_wordpress_get_id (search->earliest, "id");

          g_array_append_val (search->duplicates, later);
          json_object_unref (search->earliest);
          search->earliest = json_object_ref (item);
        }
      else
        {
          g_array_append_val (search->duplicates, id);
        }
    }

  delete_next_duplicate (g_steal_pointer (&task));
}

/**
 * _liveline_wordpress_publisher_find_slug_async:
 * @self: a #LivelineWordpressPublisher
 * @collection: `posts` or `media`
 * @slug: what Liveline gave what it made
 * @cancellable: (nullable): the operation's #GCancellable
 * @callback: called when it is known
 * @user_data: for @callback
 *
 * Finds what was made with @slug, whatever its status short of the trash,
 * and deletes its duplicates.
 */
void
_liveline_wordpress_publisher_find_slug_async (LivelineWordpressPublisher *self,
                                               const char                 *collection,
                                               const char                 *slug,
                                               GCancellable               *cancellable,
                                               GAsyncReadyCallback         callback,
                                               gpointer                    user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  Search *search = g_new0 (Search, 1);
  GString *route = g_string_new (NULL);

  g_task_set_source_tag (task, _liveline_wordpress_publisher_find_slug_async);
  search->collection = g_strdup (collection);
  search->slug = g_strdup (slug);
  search->duplicates = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_task_set_task_data (task, search, (GDestroyNotify)search_free);

  /* Slugs are letters, digits and dashes: nothing to escape. */
  g_string_append_printf (route, "wp/v2/%s?context=edit&per_page=%u&slug=%s",
                          collection, MAX_SUFFIX + 10, slug);
  for (guint suffix = 2; suffix <= MAX_SUFFIX; suffix++)
    g_string_append_printf (route, ",%s-%u", slug, suffix);

  /* Drafts, scheduled and private posts too: whatever a lost answer left
   * of the post is the post. */
  if (g_str_equal (collection, "posts"))
    g_string_append (route, "&status=any");

  _liveline_wordpress_publisher_call_async (self, SOUP_METHOD_GET, route->str, NULL, cancellable,
                                            on_slug_found, g_steal_pointer (&task));
  g_string_free (route, TRUE);
}

/**
 * _liveline_wordpress_publisher_find_slug_finish:
 * @self: a #LivelineWordpressPublisher
 * @result: the result given to the callback
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the first post or photo made with
 *   the slug; %NULL without an error when there is none
 */
JsonObject *
_liveline_wordpress_publisher_find_slug_finish (LivelineWordpressPublisher  *self,
                                                GAsyncResult                *result,
                                                GError                     **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        _liveline_wordpress_publisher_find_slug_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
