/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-micropub-publisher"

#include "config.h"

#include "liveline-endpoint-url.h"
#include "liveline-micropub-publisher-private.h"
#include "liveline-post.h"

/* Finding a post again. Micropub has no idempotency keys: a create whose
 * answer was lost (a crash, a timeout) cannot be asked about by its key.
 * Liveline creates every post with an `mp-slug` made from its UUID, and
 * servers that honour it publish the post at an address made from the
 * slug: the site's address, the post type, the slug (@benjifs/micropub,
 * many static-site endpoints), or the site's address and the slug. Those
 * addresses are asked about with q=source, and a post found there is taken
 * for ours when its `mp-slug` (or, on a server that does not keep it, its
 * name) is ours.
 *
 * On a server that answers q=source for none of those addresses (it
 * ignores mp-slug, puts posts elsewhere, such as under a date, or has no
 * q=source), nothing is found: after a crash while sending, the post is
 * sent again, and a server that does not refuse an existing slug then
 * publishes it twice. Nothing short of the server keeping idempotency keys
 * can avoid that.
 */

typedef struct
{
  SoupMessage  *message;
  SourceAnswer  answer;
  JsonObject   *properties;
} Source;

static void
source_free (Source *source)
{
  g_clear_object (&source->message);
  g_clear_pointer (&source->properties, json_object_unref);
  g_free (source);
}

static void
on_source (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  LivelineMicropubPublisher *self = LIVELINE_MICROPUB_PUBLISHER (object);
  g_autoptr(GTask) task = user_data;
  Source *source = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = NULL;
  JsonNode *properties;
  guint status;

  if (!(body = _liveline_micropub_publisher_send_finish (self, result, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  status = soup_message_get_status (source->message);
  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      if (!(answer = _liveline_micropub_publisher_parse_object (body, LIVELINE_ANSWER_POST, &error)))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      properties = json_object_get_member (answer, "properties");
      if (properties == NULL || !JSON_NODE_HOLDS_OBJECT (properties))
        {
          g_task_return_error (task, _liveline_micropub_publisher_unreadable_answer ());
          return;
        }

      source->answer = SOURCE_FOUND;
      source->properties = json_object_ref (json_node_get_object (properties));
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (status == SOUP_STATUS_NOT_FOUND || status == SOUP_STATUS_GONE)
    {
      source->answer = SOURCE_MISSING;
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* Other refusals say the server will not answer this question (a URL
   * it does not know as its own, or no q=source at all); the token, the
   * server's health and redirects are another matter. */
  if (status >= 400 && status <= 499 &&
      status != SOUP_STATUS_UNAUTHORIZED && status != SOUP_STATUS_FORBIDDEN &&
      status != SOUP_STATUS_REQUEST_TIMEOUT && status != 429)
    {
      source->answer = SOURCE_UNANSWERED;
      g_task_return_boolean (task, TRUE);
      return;
    }

  g_task_return_error (task, _liveline_micropub_publisher_error_from_status (source->message, body));
}

/**
 * _liveline_micropub_publisher_fetch_source_async:
 * @self: a #LivelineMicropubPublisher, discovered
 * @post_url: the post's address
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the answer
 * @user_data: for @callback
 *
 * Asks the endpoint for a post's properties: q=source&url=@post_url.
 */
void
_liveline_micropub_publisher_fetch_source_async (LivelineMicropubPublisher *self,
                                                 const char                *post_url,
                                                 GCancellable              *cancellable,
                                                 GAsyncReadyCallback        callback,
                                                 gpointer                   user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;
  Source *source = g_new0 (Source, 1);

  g_task_set_source_tag (task, _liveline_micropub_publisher_fetch_source_async);
  g_task_set_task_data (task, source, (GDestroyNotify)source_free);

  source->message = _liveline_micropub_publisher_new_query (self, "source", post_url, &error);
  if (source->message == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  _liveline_micropub_publisher_send_async (self, source->message, cancellable,
                                           on_source, g_steal_pointer (&task));
}

/**
 * _liveline_micropub_publisher_fetch_source_finish:
 * @self: a #LivelineMicropubPublisher
 * @result: the result given to the callback
 * @answer: (out): what the server said of the post
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the post's properties when @answer
 *   is %SOURCE_FOUND; %NULL otherwise, with @error set when the question
 *   could not be asked
 */
JsonObject *
_liveline_micropub_publisher_fetch_source_finish (LivelineMicropubPublisher  *self,
                                                  GAsyncResult               *result,
                                                  SourceAnswer               *answer,
                                                  GError                    **error)
{
  Source *source;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;

  source = g_task_get_task_data (G_TASK (result));
  *answer = source->answer;

  return source->properties != NULL ? json_object_ref (source->properties) : NULL;
}

/* Reading properties */

static const char *
first_string (JsonObject *properties,
              const char *name)
{
  JsonNode *node = json_object_get_member (properties, name);

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *values = json_node_get_array (node);

      node = json_array_get_length (values) > 0 ? json_array_get_element (values, 0) : NULL;
    }

  if (node == NULL)
    return NULL;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);

  return NULL;
}

/**
 * _liveline_micropub_publisher_is_deleted:
 * @properties: a post's properties, from q=source
 *
 * Returns: whether the server keeps the post as deleted, as servers that
 *   answer q=source for a deleted post (and can undelete it) say with a
 *   `deleted` property
 */
gboolean
_liveline_micropub_publisher_is_deleted (JsonObject *properties)
{
  JsonNode *node = json_object_get_member (properties, "deleted");

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *values = json_node_get_array (node);

      node = json_array_get_length (values) > 0 ? json_array_get_element (values, 0) : NULL;
    }

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node);

  return json_node_get_value_type (node) == G_TYPE_STRING &&
         g_ascii_strcasecmp (json_node_get_string (node), "true") == 0;
}

/**
 * _liveline_micropub_publisher_dup_published:
 * @properties: a post's properties, from q=source
 *
 * Returns: (transfer full) (nullable): its `published` time, read as UTC
 *   when it names no time zone
 */
GDateTime *
_liveline_micropub_publisher_dup_published (JsonObject *properties)
{
  const char *text = first_string (properties, "published");
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  return text != NULL ? g_date_time_new_from_iso8601 (text, utc) : NULL;
}

static gboolean
is_ours (JsonObject   *properties,
         LivelinePost *post,
         const char   *slug)
{
  const char *their_slug = first_string (properties, "mp-slug");
  const char *name;
  const char *headline;

  if (their_slug != NULL)
    return g_ascii_strcasecmp (their_slug, slug) == 0;

  /* The server did not keep the slug: the address was made from it, and
   * the headline tells a post of the same address apart. */
  name = first_string (properties, "name");
  headline = liveline_post_get_headline (post);

  return g_strcmp0 (name != NULL ? name : "", headline != NULL ? headline : "") == 0;
}

/* Finding a post by its slug */

typedef struct
{
  LivelinePost *post;
  char         *slug;
  GPtrArray    *candidates;
  guint         next;
} Search;

static void
search_free (Search *search)
{
  g_clear_object (&search->post);
  g_free (search->slug);
  g_clear_pointer (&search->candidates, g_ptr_array_unref);
  g_free (search);
}

/* The post type @post is created as, as servers that tell posts by type
 * decide it (the Post Type Discovery algorithm): photo, article, note.
 */
static const char *
post_type (LivelinePost *post)
{
  const char *headline = liveline_post_get_headline (post);

  if (liveline_post_has_image (post))
    return "photo";
  if (headline != NULL && headline[0] != '\0')
    return "article";

  return "note";
}

static GPtrArray *
candidates_for (LivelineMicropubPublisher *self,
                LivelinePost              *post,
                const char                *slug)
{
  GPtrArray *candidates = g_ptr_array_new_with_free_func (g_free);
  const char *types[] = { "photo", "article", "note" };
  const char *type = post_type (post);
  g_autofree char *base = NULL;

  base = g_str_has_suffix (self->site, "/") ? g_strdup (self->site) : g_strconcat (self->site, "/", NULL);

  /* Most likely first: the post's own type. */
  g_ptr_array_add (candidates, g_strconcat (base, type, "/", slug, NULL));
  g_ptr_array_add (candidates, g_strconcat (base, slug, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (!g_str_equal (types[i], type))
      g_ptr_array_add (candidates, g_strconcat (base, types[i], "/", slug, NULL));

  return candidates;
}

static void ask_next_candidate (LivelineMicropubPublisher *self,
                                GTask                     *task);

static void
on_candidate (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  LivelineMicropubPublisher *self = LIVELINE_MICROPUB_PUBLISHER (object);
  g_autoptr(GTask) task = user_data;
  Search *search = g_task_get_task_data (task);
  g_autoptr(JsonObject) properties = NULL;
  g_autoptr(GError) error = NULL;
  SourceAnswer answer = SOURCE_MISSING;
  LivelineRemotePost *remote;
  const char *url;

  properties = _liveline_micropub_publisher_fetch_source_finish (self, result, &answer, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* A deleted post is as good as none: the outbox sends it again. */
  if (answer != SOURCE_FOUND || !is_ours (properties, search->post, search->slug) ||
      _liveline_micropub_publisher_is_deleted (properties))
    {
      ask_next_candidate (self, task);
      return;
    }

  url = g_ptr_array_index (search->candidates, search->next - 1);
  g_debug ("Found %s by its slug", url);

  remote = g_new0 (LivelineRemotePost, 1);
  remote->id = g_strdup (url);
  if (liveline_uri_is_safe_to_open (url))
    remote->url = g_strdup (url);
  remote->revision = 1;
  remote->published_at = _liveline_micropub_publisher_dup_published (properties);
  /* A server that keeps no date: the post went out by now at the latest,
   * and it is dated when it went out, not when it was written. */
  if (remote->published_at == NULL)
    remote->published_at = g_date_time_new_now_utc ();
  g_task_return_pointer (task, remote, (GDestroyNotify)liveline_remote_post_free);
}

static void
ask_next_candidate (LivelineMicropubPublisher *self,
                    GTask                     *task)
{
  Search *search = g_task_get_task_data (task);
  const char *url;

  if (search->next >= search->candidates->len)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  url = g_ptr_array_index (search->candidates, search->next++);
  _liveline_micropub_publisher_fetch_source_async (self, url, g_task_get_cancellable (task),
                                                   on_candidate, g_object_ref (task));
}

/**
 * _liveline_micropub_publisher_find_post_async:
 * @self: a #LivelineMicropubPublisher, discovered
 * @post: the post a create was sent for
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when it is known
 * @user_data: for @callback
 *
 * Looks for the post a create of @post made, at the addresses its slug
 * gives (see the top of this file).
 */
void
_liveline_micropub_publisher_find_post_async (LivelineMicropubPublisher *self,
                                              LivelinePost              *post,
                                              GCancellable              *cancellable,
                                              GAsyncReadyCallback        callback,
                                              gpointer                   user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  Search *search = g_new0 (Search, 1);

  g_task_set_source_tag (task, _liveline_micropub_publisher_find_post_async);
  search->post = g_object_ref (post);
  search->slug = _liveline_micropub_publisher_slug (post);
  search->candidates = candidates_for (self, post, search->slug);
  g_task_set_task_data (task, search, (GDestroyNotify)search_free);

  ask_next_candidate (self, task);
}

/**
 * _liveline_micropub_publisher_find_post_finish:
 * @self: a #LivelineMicropubPublisher
 * @result: the result given to the callback
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the post; %NULL without an error when
 *   none was found
 */
LivelineRemotePost *
_liveline_micropub_publisher_find_post_finish (LivelineMicropubPublisher  *self,
                                               GAsyncResult               *result,
                                               GError                    **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
