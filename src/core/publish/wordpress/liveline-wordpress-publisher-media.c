/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-wordpress-publisher"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "liveline-post-html.h"
#include "liveline-post.h"
#include "liveline-wordpress-publisher-private.h"

/* Photos on WordPress: uploaded to the media library once, under a slug
 * made from the upload's key, then described (caption with credit, alt
 * text) by each post that shows them, and attached to it (the media item's
 * `post`), so that WordPress lists the photo with the update it came with.
 */

static LivelineRemoteMedia *
parse_media (JsonObject *object)
{
  g_autoptr(LivelineRemoteMedia) media = NULL;
  const char *url = _liveline_wordpress_get_string (object, "source_url");
  gint64 id = _liveline_wordpress_get_id (object, "id");
  JsonNode *details;

  if (id == 0 || url == NULL)
    return NULL;

  media = g_new0 (LivelineRemoteMedia, 1);
  media->id = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  media->url = g_strdup (url);

  details = json_object_get_member (object, "media_details");
  if (details != NULL && JSON_NODE_HOLDS_OBJECT (details))
    {
      JsonObject *sizes = json_node_get_object (details);

      media->width = (guint)MIN (_liveline_wordpress_get_id (sizes, "width"), G_MAXUINT);
      media->height = (guint)MIN (_liveline_wordpress_get_id (sizes, "height"), G_MAXUINT);
    }

  return g_steal_pointer (&media);
}

static void
return_media (GTask      *task,
              JsonObject *object)
{
  LivelineRemoteMedia *media = parse_media (object);

  if (media == NULL)
    g_task_return_error (task, _liveline_wordpress_unreadable_answer ());
  else
    g_task_return_pointer (task, media, (GDestroyNotify)liveline_remote_media_free);
}

static const char *
extension_for (const char *content_type)
{
  if (g_str_equal (content_type, "image/jpeg"))
    return ".jpg";
  if (g_str_equal (content_type, "image/png"))
    return ".png";
  if (g_str_equal (content_type, "image/gif"))
    return ".gif";
  if (g_str_equal (content_type, "image/webp"))
    return ".webp";

  return NULL;
}

/* The name WordPress files the photo under. It reads only a plain
 * `filename="…"`, and judges the type by the name's extension, so the name
 * is made ASCII and given the extension of what is sent: a HEIC photo the
 * journalist picked goes as the JPEG Liveline made of it.
 */
static char *
upload_name (const char *name,
             const char *content_type)
{
  const char *extension = extension_for (content_type);
  g_autofree char *ascii = g_str_to_ascii (name, "C");
  GString *safe = g_string_new (NULL);
  char *dot;

  if (extension != NULL && (dot = strrchr (ascii, '.')) != NULL)
    *dot = '\0';

  for (const char *p = ascii; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p) || *p == '.' || *p == '_' || *p == '-')
        g_string_append_c (safe, *p);
      else if (safe->len > 0 && safe->str[safe->len - 1] != '-')
        g_string_append_c (safe, '-');
    }

  while (safe->len > 0 && safe->str[safe->len - 1] == '-')
    g_string_truncate (safe, safe->len - 1);
  if (safe->len == 0)
    g_string_append (safe, "photo");
  if (extension != NULL)
    g_string_append (safe, extension);

  return g_string_free (safe, FALSE);
}

/* upload_media */

static void
on_upload_settled (GObject      *object,
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
    return_media (task, first != NULL ? first : job->answer);
}

static void
on_uploaded (GObject      *object,
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

  if (!JSON_NODE_HOLDS_OBJECT (answer))
    {
      g_task_return_error (task, _liveline_wordpress_unreadable_answer ());
      return;
    }

  job->answer = json_object_ref (json_node_get_object (answer));
  if (job->slug == NULL)
    {
      return_media (task, job->answer);
      return;
    }

  /* Another try of the same upload may have arrived as well, answered or
   * not; the first one made is kept, whichever got the slug. */
  _liveline_wordpress_publisher_find_slug_async (self, "media", job->slug, job->guard.cancellable,
                                                 on_upload_settled, g_steal_pointer (&task));
}

static void
on_photo_loaded (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LivelineWordpressPublisher *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *route = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_load_contents_finish (G_FILE (object), result, &contents, &length, NULL, &error))
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          _liveline_wordpress_publisher_fail (task, g_steal_pointer (&error));
          return;
        }

      /* Translators: %s says what went wrong, such as "No such file or directory" */
      message = g_strdup_printf (_("Could not read the photo: %s"), error->message);
      g_task_return_error (task, liveline_publisher_error_new_literal (LIVELINE_PUBLISHER_ERROR_PERMANENT,
                                                                       0, message));
      return;
    }

  bytes = g_bytes_new_take (contents, length);
  route = job->slug != NULL ? g_strconcat ("wp/v2/media?slug=", job->slug, NULL)
                            : g_strdup ("wp/v2/media");
  _liveline_wordpress_publisher_upload_async (self, route, bytes, job->content_type, job->filename,
                                              job->guard.cancellable, on_uploaded,
                                              g_steal_pointer (&task));
}

static void
load_photo (GTask *task)
{
  Job *job = g_task_get_task_data (task);
  g_autoptr(GFile) file = g_file_new_for_path (job->path);

  g_file_load_contents_async (file, job->guard.cancellable, on_photo_loaded, task);
}

static void
on_upload_looked_up (GObject      *object,
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
    return_media (task, found);
  else
    load_photo (g_steal_pointer (&task));
}

void
_liveline_wordpress_publisher_upload_media_async (LivelinePublisher   *publisher,
                                                  const char          *path,
                                                  const char          *content_type,
                                                  const char          *filename,
                                                  const char          *idempotency_key,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data)
{
  LivelineWordpressPublisher *self = LIVELINE_WORDPRESS_PUBLISHER (publisher);
  g_autofree char *basename = g_path_get_basename (path);
  GTask *task;
  Job *job;

  task = _liveline_wordpress_publisher_new_job (self, cancellable, callback, user_data,
                                                _liveline_wordpress_publisher_upload_media_async);
  job = g_task_get_task_data (task);
  job->path = g_strdup (path);
  job->content_type = g_strdup (content_type);
  job->filename = upload_name (filename != NULL && filename[0] != '\0' ? filename : basename,
                               content_type);

  if (idempotency_key == NULL)
    {
      load_photo (task);
      return;
    }

  /* Uploaded already, by a try whose answer was lost? */
  job->slug = _liveline_wordpress_slug_for (idempotency_key);
  _liveline_wordpress_publisher_find_slug_async (self, "media", job->slug, job->guard.cancellable,
                                                 on_upload_looked_up, task);
}

LivelineRemoteMedia *
_liveline_wordpress_publisher_upload_media_finish (LivelinePublisher  *publisher,
                                                   GAsyncResult       *result,
                                                   GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, publisher), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        _liveline_wordpress_publisher_upload_media_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Describing a photo for a post */

static GError *
photo_missing (void)
{
  return liveline_publisher_error_new_literal (LIVELINE_PUBLISHER_ERROR_PERMANENT, 0,
                                               _("The update’s photo is no longer on the WordPress site."));
}

static void
on_photo_described (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *media;
  const char *url;

  answer = _liveline_wordpress_publisher_call_finish (LIVELINE_WORDPRESS_PUBLISHER (object),
                                                      result, NULL, &error);
  if (g_error_matches (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_NOT_FOUND))
    {
      g_task_return_error (task, photo_missing ());
      return;
    }

  if (answer == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!JSON_NODE_HOLDS_OBJECT (answer) ||
      (url = _liveline_wordpress_get_string (media = json_node_get_object (answer), "source_url")) == NULL)
    {
      g_task_return_error (task, _liveline_wordpress_unreadable_answer ());
      return;
    }

  /* WordPress would publish the post without a featured image that is not
   * an image, and say nothing. */
  if (g_strcmp0 (_liveline_wordpress_get_string (media, "media_type"), "image") != 0)
    {
      g_task_return_error (task, liveline_publisher_error_new_literal (LIVELINE_PUBLISHER_ERROR_PERMANENT, 0,
                                                                       _("The update’s photo is not an image on the WordPress site.")));
      return;
    }

  g_task_return_pointer (task, g_strdup (url), g_free);
}

/**
 * _liveline_wordpress_publisher_describe_photo_async:
 * @self: a #LivelineWordpressPublisher
 * @post: the post that shows the photo
 * @media_id: the photo's id on the site
 * @post_id: (nullable): the post's id on the site, once it has one
 * @cancellable: (nullable): the operation's #GCancellable
 * @callback: called when it is done
 * @user_data: for @callback
 *
 * Gives the photo the post's caption, followed by its credit, and alt
 * text, which themes show wherever the photo appears, attaches it to the
 * post if it is on the site already, and finds where the site serves it,
 * for the post's HTML.
 */
void
_liveline_wordpress_publisher_describe_photo_async (LivelineWordpressPublisher *self,
                                                    LivelinePost               *post,
                                                    const char                 *media_id,
                                                    const char                 *post_id,
                                                    GCancellable               *cancellable,
                                                    GAsyncReadyCallback         callback,
                                                    gpointer                    user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *caption = NULL;
  g_autofree char *escaped_caption = NULL;
  g_autofree char *route = NULL;
  const char *alt = liveline_post_get_image_alt (post);
  gint64 post_number = 0;
  gint64 id;

  g_task_set_source_tag (task, _liveline_wordpress_publisher_describe_photo_async);

  if (!_liveline_wordpress_parse_id (media_id, &id))
    {
      g_task_return_error (task, photo_missing ());
      return;
    }

  caption = liveline_post_html_caption_credit (post);
  escaped_caption = _liveline_wordpress_escape_text (caption);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "caption");
  json_builder_add_string_value (builder, escaped_caption);
  /* Plain text, which WordPress escapes itself where it shows it. */
  json_builder_set_member_name (builder, "alt_text");
  json_builder_add_string_value (builder, alt != NULL ? alt : "");
  if (post_id != NULL && _liveline_wordpress_parse_id (post_id, &post_number))
    {
      json_builder_set_member_name (builder, "post");
      json_builder_add_int_value (builder, post_number);
    }
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  route = g_strdup_printf ("wp/v2/media/%" G_GINT64_FORMAT, id);
  _liveline_wordpress_publisher_call_async (self, SOUP_METHOD_POST, route, body, cancellable,
                                            on_photo_described, g_steal_pointer (&task));
}

/**
 * _liveline_wordpress_publisher_describe_photo_finish:
 * @self: a #LivelineWordpressPublisher
 * @result: the result given to the callback
 * @error: a location for a #GError
 *
 * Returns: (transfer full): where the site serves the photo, or %NULL with
 *   @error set
 */
char *
_liveline_wordpress_publisher_describe_photo_finish (LivelineWordpressPublisher  *self,
                                                     GAsyncResult                *result,
                                                     GError                     **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        _liveline_wordpress_publisher_describe_photo_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Attaching a photo to its post */

static void
on_photo_attached (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) error = NULL;

  answer = _liveline_wordpress_publisher_call_finish (LIVELINE_WORDPRESS_PUBLISHER (object),
                                                      result, NULL, &error);
  if (answer != NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* The post is on the site, with its photo: a refusal to file the photo
   * under it is no reason to take the update down or send it again. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_error_matches (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_TRANSIENT))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    {
      g_warning ("Could not attach a photo to its post: %s", error->message);
      g_task_return_boolean (task, TRUE);
    }
}

/**
 * _liveline_wordpress_publisher_attach_photo_async:
 * @self: a #LivelineWordpressPublisher
 * @post: a post as the site answered it
 * @cancellable: (nullable): the operation's #GCancellable
 * @callback: called when it is done
 * @user_data: for @callback
 *
 * Attaches the post's featured image to the post (its `post`), which an
 * upload made before the post was cannot be. Nothing is asked when the
 * post has no featured image.
 */
void
_liveline_wordpress_publisher_attach_photo_async (LivelineWordpressPublisher *self,
                                                  JsonObject                 *post,
                                                  GCancellable               *cancellable,
                                                  GAsyncReadyCallback         callback,
                                                  gpointer                    user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *route = NULL;
  gint64 media = _liveline_wordpress_get_id (post, "featured_media");
  gint64 id = _liveline_wordpress_get_id (post, "id");

  g_task_set_source_tag (task, _liveline_wordpress_publisher_attach_photo_async);

  if (media == 0 || id == 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "post");
  json_builder_add_int_value (builder, id);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  route = g_strdup_printf ("wp/v2/media/%" G_GINT64_FORMAT, media);
  _liveline_wordpress_publisher_call_async (self, SOUP_METHOD_POST, route, body, cancellable,
                                            on_photo_attached, g_steal_pointer (&task));
}

/**
 * _liveline_wordpress_publisher_attach_photo_finish:
 * @self: a #LivelineWordpressPublisher
 * @result: the result given to the callback
 * @error: a location for a #GError
 *
 * Returns: %TRUE when the photo is attached, or need not be; %FALSE with
 *   @error set when it is worth trying again
 */
gboolean
_liveline_wordpress_publisher_attach_photo_finish (LivelineWordpressPublisher  *self,
                                                   GAsyncResult                *result,
                                                   GError                     **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        _liveline_wordpress_publisher_attach_photo_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
