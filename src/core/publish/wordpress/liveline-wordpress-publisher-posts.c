/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-wordpress-publisher"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "liveline-endpoint-url.h"
#include "liveline-post-html.h"
#include "liveline-post.h"
#include "liveline-wordpress-publisher-private.h"

/* Posts on WordPress: an update is a post in the blog's category, slugged
 * `liveline-<its UUID>`, whose content is the body with the photo's figure
 * and whose featured image is the photo. A correction rewrites it; a
 * retraction moves it to the trash, or deletes it.
 */

/* WordPress has dates to the second, in UTC when they end in _gmt. */
#define DATE_FORMAT "%Y-%m-%dT%H:%M:%S"

static GDateTime *
parse_gmt (JsonObject *object,
           const char *name)
{
  const char *text = _liveline_wordpress_get_string (object, name);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  return text != NULL ? g_date_time_new_from_iso8601 (text, utc) : NULL;
}

static LivelineRemotePost *
parse_post (JsonObject *object,
            gboolean    updated)
{
  g_autoptr(LivelineRemotePost) post = NULL;
  const char *link = _liveline_wordpress_get_string (object, "link");
  gint64 id = _liveline_wordpress_get_id (object, "id");

  if (id == 0)
    return NULL;

  post = g_new0 (LivelineRemotePost, 1);
  post->id = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  /* Kept only when it is safe to open: the post row opens it on a click. */
  if (liveline_uri_is_safe_to_open (link))
    post->url = g_strdup (link);
  /* WordPress keeps revisions, but says nothing of them here. */
  post->revision = 0;
  if ((post->published_at = parse_gmt (object, "date_gmt")) == NULL)
    return NULL;
  if (updated)
    post->updated_at = parse_gmt (object, "modified_gmt");

  return g_steal_pointer (&post);
}

static void
return_post (GTask      *task,
             JsonObject *object,
             gboolean    updated)
{
  LivelineRemotePost *post = parse_post (object, updated);

  if (post == NULL)
    g_task_return_error (task, _liveline_wordpress_unreadable_answer ());
  else
    g_task_return_pointer (task, post, (GDestroyNotify)liveline_remote_post_free);
}

/* What a create and a correction send; the slug only goes with a create,
 * so that a correction leaves it as it is. No date goes: an update is
 * dated when it goes out, which WordPress does when it publishes it. It is
 * not dated when it was written: one written on a train and sent an hour
 * later would appear an hour down the live blog, below what came meanwhile.
 */
static JsonNode *
post_to_json (Job      *job,
              gboolean  create)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *title = _liveline_wordpress_escape_text (liveline_post_get_headline (job->post));
  g_autofree char *content = liveline_post_html_render (job->post, job->photo_url);
  gint64 category = 0;
  gint64 media = 0;

  _liveline_wordpress_parse_id (job->category_id, &category);
  if (job->media_id != NULL)
    _liveline_wordpress_parse_id (job->media_id, &media);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, title);
  json_builder_set_member_name (builder, "content");
  json_builder_add_string_value (builder, content);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, "publish");
  json_builder_set_member_name (builder, "categories");
  json_builder_begin_array (builder);
  json_builder_add_int_value (builder, category);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "sticky");
  json_builder_add_boolean_value (builder, liveline_post_get_pinned (job->post));
  /* 0 takes a photo the correction removed off the post. */
  json_builder_set_member_name (builder, "featured_media");
  json_builder_add_int_value (builder, media);
  if (create)
    {
      json_builder_set_member_name (builder, "slug");
      json_builder_add_string_value (builder, job->slug);
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static GError *
photo_left_out (void)
{
  return liveline_publisher_error_new_literal (LIVELINE_PUBLISHER_ERROR_PERMANENT, 0,
                                               _("WordPress would not show the photo with the update, "
                                                 "so the update was not published. Add the photo again."));
}

/* True when WordPress kept the photo: it drops a featured image it cannot
 * use without a word, and answers 201 all the same. */
static gboolean
has_photo (Job        *job,
           JsonObject *answer)
{
  gint64 media = 0;

  if (job->media_id == NULL || !_liveline_wordpress_parse_id (job->media_id, &media))
    return TRUE;

  return _liveline_wordpress_get_id (answer, "featured_media") == media;
}

/* Preparing a create or an update: the category, then the photo. */

static void
on_photo_described (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Job *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  job->photo_url = _liveline_wordpress_publisher_describe_photo_finish (LIVELINE_WORDPRESS_PUBLISHER (object),
                                                                        result, &error);
  if (job->photo_url == NULL)
    _liveline_wordpress_publisher_fail (task, g_steal_pointer (&error));
  else
    job->next_step (g_steal_pointer (&task));
}

static void
on_category_known (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LivelineWordpressPublisher *self = LIVELINE_WORDPRESS_PUBLISHER (object);
  Job *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  job->category_id = _liveline_wordpress_publisher_category_finish (self, result, &error);
  if (job->category_id == NULL)
    {
      _liveline_wordpress_publisher_fail (task, g_steal_pointer (&error));
      return;
    }

  if (job->media_id == NULL)
    {
      job->next_step (g_steal_pointer (&task));
      return;
    }

  _liveline_wordpress_publisher_describe_photo_async (self, job->post, job->media_id, job->remote_id,
                                                      job->guard.cancellable, on_photo_described,
                                                      g_steal_pointer (&task));
}

/* Finds the category and describes the photo, then goes on with @next_step. */
static void
prepare_then (GTask *task,
              void (*next_step) (GTask *task))
{
  LivelineWordpressPublisher *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);

  job->next_step = next_step;
  _liveline_wordpress_publisher_category_async (self, job->guard.cancellable,
                                                on_category_known, task);
}

/* The post kept, once its photo is attached to it */

static void
on_attached (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Job *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!_liveline_wordpress_publisher_attach_photo_finish (LIVELINE_WORDPRESS_PUBLISHER (object),
                                                          result, &error))
    _liveline_wordpress_publisher_fail (task, g_steal_pointer (&error));
  else
    return_post (task, job->answer, FALSE);
}

/* A photo is uploaded before its post exists, so it is attached once the
 * post does: after a create, and whenever a post made by an earlier try is
 * found, which may have been cut off before. Takes @task. */
static void
return_attached (GTask      *task,
                 JsonObject *object)
{
  LivelineWordpressPublisher *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);

  json_object_ref (object);
  g_clear_pointer (&job->answer, json_object_unref);
  job->answer = object;
  _liveline_wordpress_publisher_attach_photo_async (self, job->answer, job->guard.cancellable,
                                                    on_attached, task);
}

/* create */

static void
on_created_settled (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Job *job = g_task_get_task_data (task);
  g_autoptr(JsonObject) first = NULL;
  g_autoptr(GError) error = NULL;

  first = _liveline_wordpress_publisher_find_slug_finish (LIVELINE_WORDPRESS_PUBLISHER (object),
                                                          result, &error);
  if (error != NULL)
    _liveline_wordpress_publisher_fail (task, g_steal_pointer (&error));
  else
    return_attached (g_steal_pointer (&task), first != NULL ? first : job->answer);
}

static void
on_photoless_deleted (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) error = NULL;

  answer = _liveline_wordpress_publisher_call_finish (LIVELINE_WORDPRESS_PUBLISHER (object),
                                                      result, NULL, &error);
  if (answer == NULL && !g_error_matches (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_NOT_FOUND))
    g_warning ("Could not take down a post published without its photo: %s", error->message);

  g_task_return_error (task, photo_left_out ());
}

static void
on_created (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LivelineWordpressPublisher *self = LIVELINE_WORDPRESS_PUBLISHER (object);
  Job *job = g_task_get_task_data (task);
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) error = NULL;

  answer = _liveline_wordpress_publisher_call_finish (self, result, NULL, &error);
  if (answer == NULL)
    {
      _liveline_wordpress_publisher_fail (task, g_steal_pointer (&error));
      return;
    }

  if (!JSON_NODE_HOLDS_OBJECT (answer) ||
      _liveline_wordpress_get_id (json_node_get_object (answer), "id") == 0)
    {
      g_task_return_error (task, _liveline_wordpress_unreadable_answer ());
      return;
    }

  job->answer = json_object_ref (json_node_get_object (answer));

  /* Published without its photo: taken down again at once. */
  if (!has_photo (job, job->answer))
    {
      g_autofree char *route = g_strdup_printf ("wp/v2/posts/%" G_GINT64_FORMAT "?force=true",
                                                _liveline_wordpress_get_id (job->answer, "id"));

      _liveline_wordpress_publisher_call_async (self, SOUP_METHOD_DELETE, route, NULL,
                                                job->guard.cancellable, on_photoless_deleted,
                                                g_steal_pointer (&task));
      return;
    }

  /* A try whose answer was lost may have arrived as well; the first post
   * made is kept, and the other deleted, whichever got the slug. */
  _liveline_wordpress_publisher_find_slug_async (self, "posts", job->slug, job->guard.cancellable,
                                                 on_created_settled, g_steal_pointer (&task));
}

static void
send_create (GTask *task)
{
  LivelineWordpressPublisher *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);
  g_autoptr(JsonNode) body = post_to_json (job, TRUE);

  _liveline_wordpress_publisher_call_async (self, SOUP_METHOD_POST, "wp/v2/posts", body,
                                            job->guard.cancellable, on_created, task);
}

static void
on_create_looked_up (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonObject) found = NULL;
  g_autoptr(GError) error = NULL;

  found = _liveline_wordpress_publisher_find_slug_finish (LIVELINE_WORDPRESS_PUBLISHER (object),
                                                          result, &error);
  if (error != NULL)
    _liveline_wordpress_publisher_fail (task, g_steal_pointer (&error));
  else if (found != NULL)
    return_attached (g_steal_pointer (&task), found);
  else
    prepare_then (g_steal_pointer (&task), send_create);
}

static void
liveline_wordpress_publisher_create_async (LivelinePublisher   *publisher,
                                           LivelinePost        *post,
                                           const char          *media_id,
                                           const char          *idempotency_key,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  LivelineWordpressPublisher *self = LIVELINE_WORDPRESS_PUBLISHER (publisher);
  GTask *task;
  Job *job;

  task = _liveline_wordpress_publisher_new_job (self, cancellable, callback, user_data,
                                                liveline_wordpress_publisher_create_async);
  job = g_task_get_task_data (task);
  job->post = g_object_ref (post);
  job->media_id = g_strdup (media_id);
  job->slug = _liveline_wordpress_slug_for (liveline_post_get_uuid (post));

  /* WordPress has no idempotency keys: a post with the slug is this one,
   * sent before by a try whose answer was lost. */
  _liveline_wordpress_publisher_find_slug_async (self, "posts", job->slug, job->guard.cancellable,
                                                 on_create_looked_up, task);
}

static LivelineRemotePost *
liveline_wordpress_publisher_create_finish (LivelinePublisher  *publisher,
                                            GAsyncResult       *result,
                                            GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, publisher), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        liveline_wordpress_publisher_create_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* update */

static void
on_updated (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Job *job = g_task_get_task_data (task);
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) error = NULL;

  answer = _liveline_wordpress_publisher_call_finish (LIVELINE_WORDPRESS_PUBLISHER (object),
                                                      result, NULL, &error);
  if (answer == NULL)
    {
      _liveline_wordpress_publisher_fail (task, g_steal_pointer (&error));
      return;
    }

  if (!JSON_NODE_HOLDS_OBJECT (answer))
    {
      g_task_return_error (task, _liveline_wordpress_unreadable_answer ());
      return;
    }

  if (!has_photo (job, json_node_get_object (answer)))
    {
      g_task_return_error (task, liveline_publisher_error_new_literal (LIVELINE_PUBLISHER_ERROR_PERMANENT, 0,
                                                                       _("WordPress would not show the photo with the correction.")));
      return;
    }

  return_post (task, json_node_get_object (answer), TRUE);
}

static void
send_update (GTask *task)
{
  LivelineWordpressPublisher *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);
  g_autoptr(JsonNode) body = post_to_json (job, FALSE);
  g_autofree char *route = g_strconcat ("wp/v2/posts/", job->remote_id, NULL);

  _liveline_wordpress_publisher_call_async (self, SOUP_METHOD_POST, route, body,
                                            job->guard.cancellable, on_updated, task);
}

static GError *
not_a_post_id (void)
{
  return liveline_publisher_error_new_literal (LIVELINE_PUBLISHER_ERROR_NOT_FOUND, 0,
                                               _("The WordPress site does not have this update."));
}

static void
liveline_wordpress_publisher_update_async (LivelinePublisher   *publisher,
                                           LivelinePost        *post,
                                           const char          *remote_id,
                                           const char          *media_id,
                                           const char          *idempotency_key,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  LivelineWordpressPublisher *self = LIVELINE_WORDPRESS_PUBLISHER (publisher);
  GTask *task;
  Job *job;
  gint64 id;

  task = _liveline_wordpress_publisher_new_job (self, cancellable, callback, user_data,
                                                liveline_wordpress_publisher_update_async);
  if (!_liveline_wordpress_parse_id (remote_id, &id))
    {
      g_task_return_error (task, not_a_post_id ());
      g_object_unref (task);
      return;
    }

  job = g_task_get_task_data (task);
  job->post = g_object_ref (post);
  job->remote_id = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  job->media_id = g_strdup (media_id);
  prepare_then (task, send_update);
}

static LivelineRemotePost *
liveline_wordpress_publisher_update_finish (LivelinePublisher  *publisher,
                                            GAsyncResult       *result,
                                            GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, publisher), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        liveline_wordpress_publisher_update_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* delete */

static void
on_deleted (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonObject) problem = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) error = NULL;

  answer = _liveline_wordpress_publisher_call_finish (LIVELINE_WORDPRESS_PUBLISHER (object),
                                                      result, &problem, &error);

  /* In the trash already, from an earlier try: retracted, as wanted. */
  if (answer != NULL ||
      g_strcmp0 (_liveline_wordpress_get_string (problem, "code"), "rest_already_trashed") == 0)
    g_task_return_boolean (task, TRUE);
  else
    _liveline_wordpress_publisher_fail (task, g_steal_pointer (&error));
}

static void
liveline_wordpress_publisher_delete_async (LivelinePublisher   *publisher,
                                           const char          *remote_id,
                                           const char          *idempotency_key,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  LivelineWordpressPublisher *self = LIVELINE_WORDPRESS_PUBLISHER (publisher);
  g_autofree char *route = NULL;
  GTask *task;
  Job *job;
  gint64 id;

  task = _liveline_wordpress_publisher_new_job (self, cancellable, callback, user_data,
                                                liveline_wordpress_publisher_delete_async);
  if (!_liveline_wordpress_parse_id (remote_id, &id))
    {
      g_task_return_error (task, not_a_post_id ());
      g_object_unref (task);
      return;
    }

  job = g_task_get_task_data (task);
  route = g_strdup_printf ("wp/v2/posts/%" G_GINT64_FORMAT "%s", id,
                           self->delete_permanently ? "?force=true" : "");
  _liveline_wordpress_publisher_call_async (self, SOUP_METHOD_DELETE, route, NULL,
                                            job->guard.cancellable, on_deleted, task);
}

static gboolean
liveline_wordpress_publisher_delete_finish (LivelinePublisher  *publisher,
                                            GAsyncResult       *result,
                                            GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, publisher), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        liveline_wordpress_publisher_delete_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* find_by_key */

static void
on_key_looked_up (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonObject) found = NULL;
  g_autoptr(GError) error = NULL;

  found = _liveline_wordpress_publisher_find_slug_finish (LIVELINE_WORDPRESS_PUBLISHER (object),
                                                          result, &error);
  if (error != NULL)
    _liveline_wordpress_publisher_fail (task, g_steal_pointer (&error));
  else if (found != NULL)
    return_attached (g_steal_pointer (&task), found);
  else
    g_task_return_pointer (task, NULL, NULL);
}

static void
liveline_wordpress_publisher_find_by_key_async (LivelinePublisher   *publisher,
                                                LivelinePost        *post,
                                                const char          *idempotency_key,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data)
{
  LivelineWordpressPublisher *self = LIVELINE_WORDPRESS_PUBLISHER (publisher);
  g_autofree char *slug = NULL;
  GTask *task;
  Job *job;

  task = _liveline_wordpress_publisher_new_job (self, cancellable, callback, user_data,
                                                liveline_wordpress_publisher_find_by_key_async);

  /* A post WordPress has already was being corrected: nothing tells whether
   * the correction arrived, and sending it again changes nothing if it did. */
  if (liveline_post_get_remote_id (post) != NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
      g_object_unref (task);
      return;
    }

  job = g_task_get_task_data (task);
  slug = _liveline_wordpress_slug_for (liveline_post_get_uuid (post));
  _liveline_wordpress_publisher_find_slug_async (self, "posts", slug, job->guard.cancellable,
                                                 on_key_looked_up, task);
}

static LivelineRemotePost *
liveline_wordpress_publisher_find_by_key_finish (LivelinePublisher  *publisher,
                                                 GAsyncResult       *result,
                                                 GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, publisher), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        liveline_wordpress_publisher_find_by_key_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* check */

static void
on_category_checked (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LivelineWordpressPublisher *self = LIVELINE_WORDPRESS_PUBLISHER (object);
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) error = NULL;

  answer = _liveline_wordpress_publisher_call_finish (self, result, NULL, &error);
  if (g_error_matches (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_NOT_FOUND))
    {
      g_autofree char *message = NULL;

      /* Translators: %s is the id of a WordPress category, such as 12 */
      message = g_strdup_printf (_("The WordPress site has no category with the id %s."), self->category_id);
      g_task_return_error (task, liveline_publisher_error_new_literal (LIVELINE_PUBLISHER_ERROR_PERMANENT,
                                                                       0, message));
    }
  else if (answer == NULL)
    {
      _liveline_wordpress_publisher_fail (task, g_steal_pointer (&error));
    }
  else
    {
      g_task_return_boolean (task, TRUE);
    }
}

static void
on_user_checked (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LivelineWordpressPublisher *self = LIVELINE_WORDPRESS_PUBLISHER (object);
  Job *job = g_task_get_task_data (task);
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *route = NULL;
  JsonNode *capabilities;
  gint64 category;

  answer = _liveline_wordpress_publisher_call_finish (self, result, NULL, &error);
  if (answer == NULL)
    {
      _liveline_wordpress_publisher_fail (task, g_steal_pointer (&error));
      return;
    }

  if (!JSON_NODE_HOLDS_OBJECT (answer) || _liveline_wordpress_get_id (json_node_get_object (answer), "id") == 0)
    {
      g_task_return_error (task, _liveline_wordpress_unreadable_answer ());
      return;
    }

  /* Signed in, but perhaps as a contributor, whose posts wait for review. */
  capabilities = json_object_get_member (json_node_get_object (answer), "capabilities");
  if (capabilities != NULL && JSON_NODE_HOLDS_OBJECT (capabilities) &&
      !json_object_get_boolean_member_with_default (json_node_get_object (capabilities),
                                                    "publish_posts", FALSE))
    {
      g_task_return_error (task, liveline_publisher_error_new_literal (LIVELINE_PUBLISHER_ERROR_AUTH, 0,
                                                                       _("This WordPress user may not publish posts.")));
      return;
    }

  if (self->category_id == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (!_liveline_wordpress_parse_id (self->category_id, &category))
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("“%s” is not the id of a WordPress category."), self->category_id);
      g_task_return_error (task, liveline_publisher_error_new_literal (LIVELINE_PUBLISHER_ERROR_PERMANENT,
                                                                       0, message));
      return;
    }

  route = g_strdup_printf ("wp/v2/categories/%" G_GINT64_FORMAT "?_fields=id", category);
  _liveline_wordpress_publisher_call_async (self, SOUP_METHOD_GET, route, NULL,
                                            job->guard.cancellable, on_category_checked,
                                            g_steal_pointer (&task));
}

static void
liveline_wordpress_publisher_check_async (LivelinePublisher   *publisher,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  LivelineWordpressPublisher *self = LIVELINE_WORDPRESS_PUBLISHER (publisher);
  GTask *task;
  Job *job;

  task = _liveline_wordpress_publisher_new_job (self, cancellable, callback, user_data,
                                                liveline_wordpress_publisher_check_async);
  job = g_task_get_task_data (task);

  /* Who the password signs in as, and what they may do. */
  _liveline_wordpress_publisher_call_async (self, SOUP_METHOD_GET, "wp/v2/users/me?context=edit", NULL,
                                            job->guard.cancellable, on_user_checked, task);
}

static gboolean
liveline_wordpress_publisher_check_finish (LivelinePublisher  *publisher,
                                           GAsyncResult       *result,
                                           GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, publisher), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        liveline_wordpress_publisher_check_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
_liveline_wordpress_publisher_posts_iface_init (LivelinePublisherInterface *iface)
{
  iface->upload_media_async = _liveline_wordpress_publisher_upload_media_async;
  iface->upload_media_finish = _liveline_wordpress_publisher_upload_media_finish;
  iface->create_async = liveline_wordpress_publisher_create_async;
  iface->create_finish = liveline_wordpress_publisher_create_finish;
  iface->update_async = liveline_wordpress_publisher_update_async;
  iface->update_finish = liveline_wordpress_publisher_update_finish;
  iface->delete_async = liveline_wordpress_publisher_delete_async;
  iface->delete_finish = liveline_wordpress_publisher_delete_finish;
  iface->find_by_key_async = liveline_wordpress_publisher_find_by_key_async;
  iface->find_by_key_finish = liveline_wordpress_publisher_find_by_key_finish;
  iface->check_async = liveline_wordpress_publisher_check_async;
  iface->check_finish = liveline_wordpress_publisher_check_finish;
}
