/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-micropub-publisher"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "liveline-micropub-publisher-private.h"

/* Uploading a photo: the `file` of a multipart form, sent to the media
 * endpoint the site names (or its q=config does). The server answers with
 * the photo's address in Location, which is also what a post names it by.
 *
 * The file is named after the upload's key (`liveline-<key>.jpg`), never
 * after the journalist's file: servers name what they keep after the name
 * they are given, and some (@benjifs/micropub: the second it came and the
 * name) overwrite one file with the next of the same name, so two updates
 * sent together would show the same photo.
 *
 * A media endpoint keeps no idempotency keys either. The outbox keeps the
 * address once it has it, so a retry of the post never uploads the photo
 * again; but an upload whose answer was lost (a crash, a timeout) left a
 * file the outbox does not know of. So before uploading, the endpoint's
 * newest files are asked for (q=source, as micropub-extensions #14 has it)
 * and one with the upload's name is taken as this upload's. On a server
 * that does not answer that, or that names files without the name it was
 * given, such an upload is sent again and the first copy stays unused.
 */

/* How many of the newest files are looked through for an earlier try. */
#define LOOKUP_LIMIT 50

typedef struct
{
  char        *path;
  char        *content_type;
  char        *filename;
  SoupMessage *message;
} Upload;

static void
upload_free (Upload *upload)
{
  g_free (upload->path);
  g_free (upload->content_type);
  g_free (upload->filename);
  g_clear_object (&upload->message);
  g_free (upload);
}

static void
on_media_sent (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  LivelineMicropubPublisher *self = LIVELINE_MICROPUB_PUBLISHER (object);
  g_autoptr(GTask) task = user_data;
  Upload *upload = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *location = NULL;
  LivelineRemoteMedia *media;

  if (!(body = _liveline_micropub_publisher_send_finish (self, result, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (upload->message)))
    {
      g_task_return_error (task, _liveline_micropub_publisher_error_from_status (upload->message, body));
      return;
    }

  if (!(location = _liveline_micropub_publisher_dup_location (upload->message)))
    {
      g_task_return_error (task, _liveline_micropub_publisher_unreadable_answer ());
      return;
    }

  /* A post names its photo by its address. The size is not said. */
  media = g_new0 (LivelineRemoteMedia, 1);
  media->id = g_strdup (location);
  media->url = g_steal_pointer (&location);
  g_task_return_pointer (task, media, (GDestroyNotify)liveline_remote_media_free);
}

static void
on_media_loaded (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LivelineMicropubPublisher *self = g_task_get_source_object (task);
  Upload *upload = g_task_get_task_data (task);
  g_autoptr(SoupMultipart) multipart = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_load_contents_finish (G_FILE (object), result, &contents, &length, NULL, &error))
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      /* Translators: %s says what went wrong, such as "No such file or directory" */
      message = g_strdup_printf (_("Could not read the photo: %s"), error->message);
      g_task_return_error (task, liveline_publisher_error_new_literal (LIVELINE_PUBLISHER_ERROR_PERMANENT,
                                                                       0, message));
      return;
    }

  upload->message = _liveline_micropub_publisher_new_message (self, SOUP_METHOD_POST,
                                                              self->media_endpoint, TRUE, &error);
  if (upload->message == NULL)
    {
      g_free (contents);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  bytes = g_bytes_new_take (contents, length);
  multipart = soup_multipart_new (SOUP_FORM_MIME_TYPE_MULTIPART);
  soup_multipart_append_form_file (multipart, "file", upload->filename, upload->content_type, bytes);
  soup_multipart_to_message (multipart, soup_message_get_request_headers (upload->message), &body);
  soup_message_set_request_body_from_bytes (upload->message, NULL, body);

  _liveline_micropub_publisher_send_async (self, upload->message, g_task_get_cancellable (task),
                                           on_media_sent, g_object_ref (task));
}

static void
upload_file (GTask *task)
{
  Upload *upload = g_task_get_task_data (task);
  g_autoptr(GFile) file = g_file_new_for_path (upload->path);

  g_file_load_contents_async (file, g_task_get_cancellable (task), on_media_loaded, task);
}

/* Whether @url is where the server keeps a file sent as @filename: its
 * last segment is the name, perhaps after what the server puts first. */
static gboolean
is_upload_of (const char *url,
              const char *filename)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  g_autofree char *last = NULL;
  const char *path;
  const char *slash;

  if (uri == NULL)
    return FALSE;

  path = g_uri_get_path (uri);
  slash = strrchr (path, '/');
  last = g_uri_unescape_string (slash != NULL ? slash + 1 : path, NULL);

  return last != NULL && g_str_has_suffix (last, filename);
}

/* The address of the file of an earlier try, from a q=source answer of the
 * media endpoint: `{"items": [{"url": …}, …]}`. */
static char *
find_earlier_upload (LivelineMicropubPublisher *self,
                     JsonObject                *answer,
                     const char                *filename)
{
  JsonNode *items = json_object_get_member (answer, "items");
  JsonArray *array;

  if (items == NULL || !JSON_NODE_HOLDS_ARRAY (items))
    return NULL;

  array = json_node_get_array (items);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      const char *url;
      g_autofree char *resolved = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (item) ||
          (url = _liveline_micropub_publisher_get_string (json_node_get_object (item), "url")) == NULL)
        continue;

      resolved = g_uri_resolve_relative (self->media_endpoint, url, G_URI_FLAGS_NONE, NULL);
      if (resolved != NULL &&
          (g_str_has_prefix (resolved, "https://") || g_str_has_prefix (resolved, "http://")) &&
          is_upload_of (resolved, filename))
        return g_steal_pointer (&resolved);
    }

  return NULL;
}

static void
on_earlier_tries_listed (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  LivelineMicropubPublisher *self = LIVELINE_MICROPUB_PUBLISHER (object);
  g_autoptr(GTask) task = user_data;
  Upload *upload = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autofree char *found = NULL;
  LivelineRemoteMedia *media;

  /* No answer at all: the upload would not get one either. */
  if (!(body = _liveline_micropub_publisher_send_finish (self, result, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Any other answer, a refusal included, only means it cannot tell. */
  if (SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (upload->message)) &&
      (answer = _liveline_micropub_publisher_parse_object (body, LIVELINE_ANSWER_LIST, NULL)) != NULL)
    found = find_earlier_upload (self, answer, upload->filename);

  g_clear_object (&upload->message);
  if (found == NULL)
    {
      upload_file (g_steal_pointer (&task));
      return;
    }

  g_debug ("Photo %s was uploaded by an earlier try: %s", upload->filename, found);
  media = g_new0 (LivelineRemoteMedia, 1);
  media->id = g_strdup (found);
  media->url = g_steal_pointer (&found);
  g_task_return_pointer (task, media, (GDestroyNotify)liveline_remote_media_free);
}

/* Asks the media endpoint for its newest files, in case an earlier try of
 * this upload reached it and its answer was lost. */
static void
look_for_earlier_try (LivelineMicropubPublisher *self,
                      GTask                     *task)
{
  Upload *upload = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  /* The media endpoint may have a query of its own. */
  url = g_strdup_printf ("%s%cq=source&limit=%d", self->media_endpoint,
                         strchr (self->media_endpoint, '?') != NULL ? '&' : '?', LOOKUP_LIMIT);
  upload->message = _liveline_micropub_publisher_new_message (self, SOUP_METHOD_GET, url, TRUE, &error);
  if (upload->message == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  _liveline_micropub_publisher_send_async (self, upload->message, g_task_get_cancellable (task),
                                           on_earlier_tries_listed, g_object_ref (task));
}

static void
on_discovered_for_media (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  LivelineMicropubPublisher *self = LIVELINE_MICROPUB_PUBLISHER (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!_liveline_micropub_publisher_discover_finish (self, result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (self->media_endpoint == NULL)
    {
      g_task_return_error (task,
                           liveline_publisher_error_new_literal (LIVELINE_PUBLISHER_ERROR_PERMANENT, 0,
                                                                 _("This Micropub site takes no photos: it names no media endpoint. "
                                                                   "Remove the photo to publish the update.")));
      return;
    }

  look_for_earlier_try (self, task);
}

/* The name the server is told: the upload's key, with only what every
 * server keeps in a name, and the extension of what is sent. */
static char *
upload_filename (const char *idempotency_key,
                 const char *content_type)
{
  g_autofree char *random_key = NULL;
  GString *name = g_string_new ("liveline-");

  if (idempotency_key == NULL || idempotency_key[0] == '\0')
    idempotency_key = random_key = g_uuid_string_random ();

  for (const char *p = idempotency_key; *p != '\0'; p++)
    g_string_append_c (name, g_ascii_isalnum (*p) || *p == '-' || *p == '_' ? g_ascii_tolower (*p) : '-');
  g_string_append (name, g_strcmp0 (content_type, "image/png") == 0 ? ".png" : ".jpg");

  return g_string_free (name, FALSE);
}

void
_liveline_micropub_publisher_upload_media_async (LivelinePublisher   *publisher,
                                                const char          *path,
                                                const char          *content_type,
                                                const char          *filename,
                                                const char          *idempotency_key,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data)
{
  LivelineMicropubPublisher *self = LIVELINE_MICROPUB_PUBLISHER (publisher);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  Upload *upload = g_new0 (Upload, 1);

  g_task_set_source_tag (task, _liveline_micropub_publisher_upload_media_async);
  upload->path = g_strdup (path);
  upload->content_type = g_strdup (content_type);
  upload->filename = upload_filename (idempotency_key, content_type);
  g_task_set_task_data (task, upload, (GDestroyNotify)upload_free);

  _liveline_micropub_publisher_discover_async (self, TRUE, cancellable, on_discovered_for_media,
                                               g_steal_pointer (&task));
}

LivelineRemoteMedia *
_liveline_micropub_publisher_upload_media_finish (LivelinePublisher  *publisher,
                                                 GAsyncResult       *result,
                                                 GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, publisher), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        _liveline_micropub_publisher_upload_media_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
