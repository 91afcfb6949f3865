/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-micropub-publisher"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "liveline-micropub-publisher-private.h"

/* A retraction: the `delete` action. The server may keep the post, as
 * deleted, and undelete it when it is published again (see
 * liveline-micropub-publisher-update.c).
 */

typedef struct
{
  char        *post_url;
  SoupMessage *message;
  GError      *refusal;
} Retraction;

static void
retraction_free (Retraction *retraction)
{
  g_free (retraction->post_url);
  g_clear_object (&retraction->message);
  g_clear_error (&retraction->refusal);
  g_free (retraction);
}

static void
on_source_after_refusal (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  LivelineMicropubPublisher *self = LIVELINE_MICROPUB_PUBLISHER (object);
  g_autoptr(GTask) task = user_data;
  Retraction *retraction = g_task_get_task_data (task);
  g_autoptr(JsonObject) properties = NULL;
  g_autoptr(GError) error = NULL;
  SourceAnswer answer = SOURCE_UNANSWERED;

  properties = _liveline_micropub_publisher_fetch_source_finish (self, result, &answer, &error);
  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (answer == SOURCE_MISSING)
    g_task_return_error (task,
                         liveline_publisher_error_new_literal (LIVELINE_PUBLISHER_ERROR_NOT_FOUND, 0,
                                                               _("The Micropub endpoint does not have this update.")));
  else if (answer == SOURCE_FOUND && _liveline_micropub_publisher_is_deleted (properties))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&retraction->refusal));
}

static void
on_deleted (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  LivelineMicropubPublisher *self = LIVELINE_MICROPUB_PUBLISHER (object);
  g_autoptr(GTask) task = user_data;
  Retraction *retraction = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  guint status;

  if (!(body = _liveline_micropub_publisher_send_finish (self, result, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  status = soup_message_get_status (retraction->message);
  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* Servers that change nothing refuse to delete a deleted post: a
   * retraction sent again after a lost answer. Its source says. */
  if (status == SOUP_STATUS_BAD_REQUEST)
    {
      retraction->refusal = _liveline_micropub_publisher_error_from_status (retraction->message, body);
      _liveline_micropub_publisher_fetch_source_async (self, retraction->post_url,
                                                       g_task_get_cancellable (task),
                                                       on_source_after_refusal, g_object_ref (task));
      return;
    }

  g_task_return_error (task, _liveline_micropub_publisher_error_from_status (retraction->message, body));
}

static void
on_discovered_for_delete (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  LivelineMicropubPublisher *self = LIVELINE_MICROPUB_PUBLISHER (object);
  g_autoptr(GTask) task = user_data;
  Retraction *retraction = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) action = NULL;

  if (!_liveline_micropub_publisher_discover_finish (self, result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  action = _liveline_micropub_publisher_action ("delete", retraction->post_url, NULL, NULL);
  retraction->message = _liveline_micropub_publisher_new_json_post (self, action, &error);
  if (retraction->message == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  _liveline_micropub_publisher_send_async (self, retraction->message, g_task_get_cancellable (task),
                                           on_deleted, g_object_ref (task));
}

void
_liveline_micropub_publisher_delete_async (LivelinePublisher   *publisher,
                                          const char          *remote_id,
                                          const char          *idempotency_key,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  LivelineMicropubPublisher *self = LIVELINE_MICROPUB_PUBLISHER (publisher);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  Retraction *retraction = g_new0 (Retraction, 1);

  g_task_set_source_tag (task, _liveline_micropub_publisher_delete_async);
  retraction->post_url = g_strdup (remote_id);
  g_task_set_task_data (task, retraction, (GDestroyNotify)retraction_free);

  _liveline_micropub_publisher_discover_async (self, FALSE, cancellable, on_discovered_for_delete,
                                               g_steal_pointer (&task));
}

gboolean
_liveline_micropub_publisher_delete_finish (LivelinePublisher  *publisher,
                                           GAsyncResult       *result,
                                           GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, publisher), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        _liveline_micropub_publisher_delete_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
