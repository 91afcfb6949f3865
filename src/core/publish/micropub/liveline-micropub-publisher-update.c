/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-micropub-publisher"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "liveline-endpoint-url.h"
#include "liveline-micropub-publisher-private.h"
#include "liveline-post.h"

/* A correction. The post's source is read first (q=source), and only what
 * differs is sent, as separate requests:
 *
 *   undelete                  when the post was retracted and is published again
 *   update, replace {…}       name, content, photo, category, when any differs
 *   update, delete […]        name, photo, category, when the post no longer
 *                             has them but the server still does
 *
 * Separate, because some servers (@benjifs/micropub) apply only one of
 * replace, add and delete from a request that has several. Sending only the
 * difference makes a correction safe to send again after a lost answer or
 * a crash: the second time, nothing differs and nothing is sent, where such
 * servers would refuse an update that changes nothing. A server that does
 * not answer q=source gets the whole replace and every delete.
 */

/* What a correction may remove. */
static const char *removable[] = { "name", "photo", "category" };

typedef struct
{
  char         *post_url;
  JsonObject   *wanted;
  JsonObject   *current;
  /* JsonNode bodies still to send, first first */
  GQueue        steps;
  SoupMessage  *message;
} Update;

static void
update_free (Update *update)
{
  g_free (update->post_url);
  g_clear_pointer (&update->wanted, json_object_unref);
  g_clear_pointer (&update->current, json_object_unref);
  g_queue_clear_full (&update->steps, (GDestroyNotify)json_node_unref);
  g_clear_object (&update->message);
  g_free (update);
}

/* Comparing with the source */

static JsonNode *
first_value (JsonObject *properties,
             const char *name)
{
  JsonNode *node = json_object_get_member (properties, name);

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *values = json_node_get_array (node);

      return json_array_get_length (values) > 0 ? json_array_get_element (values, 0) : NULL;
    }

  return node;
}

/* A value's text: a string, or the given member of an object. */
static const char *
node_text (JsonNode   *node,
           const char *member,
           const char *other_member)
{
  JsonObject *object;
  const char *text = NULL;

  if (node == NULL)
    return NULL;

  if (JSON_NODE_HOLDS_VALUE (node))
    return json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  object = json_node_get_object (node);
  if (member != NULL)
    text = _liveline_micropub_publisher_get_string (object, member);
  if (text == NULL && other_member != NULL)
    text = _liveline_micropub_publisher_get_string (object, other_member);

  return text;
}

static gboolean
same_text (const char *a,
           const char *b)
{
  g_autofree char *stripped_a = g_strstrip (g_strdup (a != NULL ? a : ""));
  g_autofree char *stripped_b = g_strstrip (g_strdup (b != NULL ? b : ""));

  return g_str_equal (stripped_a, stripped_b);
}

static char *
sorted_strings (JsonObject *properties,
                const char *name)
{
  JsonNode *node = json_object_get_member (properties, name);
  g_autoptr(GPtrArray) strings = g_ptr_array_new ();

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *values = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (values); i++)
        {
          const char *text = node_text (json_array_get_element (values, i), NULL, NULL);

          if (text != NULL)
            g_ptr_array_add (strings, (gpointer)text);
        }
    }
  else if (node != NULL)
    {
      const char *text = node_text (node, NULL, NULL);

      if (text != NULL)
        g_ptr_array_add (strings, (gpointer)text);
    }

  g_ptr_array_sort (strings, (GCompareFunc)g_strcmp0);
  g_ptr_array_add (strings, NULL);

  return g_strjoinv ("\n", (char **)strings->pdata);
}

/* Whether the server's @current has @name as @wanted has it. */
static gboolean
property_matches (JsonObject *wanted,
                  JsonObject *current,
                  const char *name)
{
  JsonNode *want = first_value (wanted, name);
  JsonNode *have = first_value (current, name);

  if (g_str_equal (name, "content"))
    return same_text (node_text (want, "html", NULL), node_text (have, "html", "value"));

  if (g_str_equal (name, "photo"))
    return same_text (node_text (want, "value", "url"), node_text (have, "value", "url")) &&
           same_text (node_text (want, "alt", NULL), node_text (have, "alt", NULL));

  if (g_str_equal (name, "category"))
    {
      g_autofree char *want_all = sorted_strings (wanted, name);
      g_autofree char *have_all = sorted_strings (current, name);

      return g_str_equal (want_all, have_all);
    }

  return g_strcmp0 (node_text (want, NULL, NULL), node_text (have, NULL, NULL)) == 0;
}

static gboolean
has_property (JsonObject *properties,
              const char *name)
{
  JsonNode *node = json_object_get_member (properties, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return FALSE;

  return !JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (json_node_get_array (node)) > 0;
}

/* Queues the requests that make the server's post read as @update->wanted. */
static void
plan (Update *update)
{
  const char *replaceable[] = { "name", "content", "photo", "category" };
  JsonObject *replace = json_object_new ();
  JsonArray *remove = json_array_new ();
  gboolean differs = update->current == NULL;
  JsonNode *value;

  if (update->current != NULL && _liveline_micropub_publisher_is_deleted (update->current))
    g_queue_push_tail (&update->steps,
                       _liveline_micropub_publisher_action ("undelete", update->post_url, NULL, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (replaceable); i++)
    {
      JsonNode *member = json_object_get_member (update->wanted, replaceable[i]);

      if (member == NULL)
        continue;
      json_object_set_member (replace, replaceable[i], json_node_copy (member));
      if (update->current != NULL && !property_matches (update->wanted, update->current, replaceable[i]))
        differs = TRUE;
    }

  if (differs)
    {
      value = json_node_new (JSON_NODE_OBJECT);
      json_node_set_object (value, replace);
      g_queue_push_tail (&update->steps,
                         _liveline_micropub_publisher_action ("update", update->post_url, "replace", value));
    }

  for (guint i = 0; i < G_N_ELEMENTS (removable); i++)
    if (!json_object_has_member (update->wanted, removable[i]) &&
        (update->current == NULL || has_property (update->current, removable[i])))
      json_array_add_string_element (remove, removable[i]);

  if (json_array_get_length (remove) > 0)
    {
      value = json_node_new (JSON_NODE_ARRAY);
      json_node_set_array (value, remove);
      g_queue_push_tail (&update->steps,
                         _liveline_micropub_publisher_action ("update", update->post_url, "delete", value));
    }

  json_object_unref (replace);
  json_array_unref (remove);
}

/* Sending */

static void send_next_step (LivelineMicropubPublisher *self,
                            GTask                     *task);

static void
on_step_sent (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  LivelineMicropubPublisher *self = LIVELINE_MICROPUB_PUBLISHER (object);
  g_autoptr(GTask) task = user_data;
  Update *update = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  if (!(body = _liveline_micropub_publisher_send_finish (self, result, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (update->message)))
    {
      g_task_return_error (task, _liveline_micropub_publisher_error_from_status (update->message, body));
      return;
    }

  send_next_step (self, task);
}

static void
send_next_step (LivelineMicropubPublisher *self,
                GTask                     *task)
{
  Update *update = g_task_get_task_data (task);
  g_autoptr(JsonNode) body = g_queue_pop_head (&update->steps);
  g_autoptr(GError) error = NULL;
  LivelineRemotePost *remote;

  if (body == NULL)
    {
      remote = g_new0 (LivelineRemotePost, 1);
      remote->id = g_strdup (update->post_url);
      if (liveline_uri_is_safe_to_open (update->post_url))
        remote->url = g_strdup (update->post_url);
      /* Micropub counts no revisions; the store keeps its own. */
      remote->revision = 0;
      if (update->current != NULL)
        remote->published_at = _liveline_micropub_publisher_dup_published (update->current);
      g_task_return_pointer (task, remote, (GDestroyNotify)liveline_remote_post_free);
      return;
    }

  g_clear_object (&update->message);
  update->message = _liveline_micropub_publisher_new_json_post (self, body, &error);
  if (update->message == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  _liveline_micropub_publisher_send_async (self, update->message, g_task_get_cancellable (task),
                                           on_step_sent, g_object_ref (task));
}

static void
on_current (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  LivelineMicropubPublisher *self = LIVELINE_MICROPUB_PUBLISHER (object);
  g_autoptr(GTask) task = user_data;
  Update *update = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  SourceAnswer answer = SOURCE_UNANSWERED;

  update->current = _liveline_micropub_publisher_fetch_source_finish (self, result, &answer, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (answer == SOURCE_MISSING)
    {
      g_task_return_error (task,
                           liveline_publisher_error_new_literal (LIVELINE_PUBLISHER_ERROR_NOT_FOUND, 0,
                                                                 _("The Micropub endpoint does not have this update.")));
      return;
    }

  plan (update);
  send_next_step (self, task);
}

/**
 * _liveline_micropub_publisher_update_post_async:
 * @self: a #LivelineMicropubPublisher, discovered
 * @post: the post as it should now read
 * @post_url: its address on the site
 * @photo_url: (nullable): where its photo is
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when it is done
 * @user_data: for @callback
 *
 * Makes the server's copy of @post read as @post (see the top of this file).
 */
void
_liveline_micropub_publisher_update_post_async (LivelineMicropubPublisher *self,
                                                LivelinePost              *post,
                                                const char                *post_url,
                                                const char                *photo_url,
                                                GCancellable              *cancellable,
                                                GAsyncReadyCallback        callback,
                                                gpointer                   user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  Update *update = g_new0 (Update, 1);

  g_task_set_source_tag (task, _liveline_micropub_publisher_update_post_async);
  update->post_url = g_strdup (post_url);
  update->wanted = _liveline_micropub_publisher_post_properties (post, photo_url);
  g_queue_init (&update->steps);
  g_task_set_task_data (task, update, (GDestroyNotify)update_free);

  _liveline_micropub_publisher_fetch_source_async (self, post_url, cancellable,
                                                   on_current, g_steal_pointer (&task));
}

LivelineRemotePost *
_liveline_micropub_publisher_update_post_finish (LivelineMicropubPublisher  *self,
                                                 GAsyncResult               *result,
                                                 GError                    **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
