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
 * A media endpoint keeps no idempotency keys either: an upload whose answer
 * was lost is sent again, and the first copy stays on the server unused.
 * The outbox keeps the address once it has it, so a retry of the post
 * never uploads the photo again.
 */

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
on_discovered_for_media (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  LivelineMicropubPublisher *self = LIVELINE_MICROPUB_PUBLISHER (object);
  g_autoptr(GTask) task = user_data;
  Upload *upload = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;

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

  file = g_file_new_for_path (upload->path);
  g_file_load_contents_async (file, g_task_get_cancellable (task), on_media_loaded,
                              g_object_ref (task));
}

/* The name the server is told: the journalist's, when it is plain enough
 * for every server to keep, else the prepared file's. */
static char *
upload_filename (const char *path,
                 const char *filename)
{
  if (filename != NULL && filename[0] != '\0')
    {
      gboolean plain = TRUE;

      for (const char *p = filename; *p != '\0' && plain; p++)
        plain = g_ascii_isprint (*p) && *p != '"' && *p != '\\' && *p != '/';
      if (plain)
        return g_strdup (filename);
    }

  return g_path_get_basename (path);
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
  upload->filename = upload_filename (path, filename);
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
