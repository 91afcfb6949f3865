/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-post-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "liveline-blog.h"
#include "liveline-post-editor-private.h"

/* Publishing from the editor: Publish (Ctrl+Enter) queues the update, or a
 * correction of a published one, once the checks allow it; Retract queues
 * its removal from the live page, after asking. The outbox sends them.
 */

static gboolean
is_out (LivelinePost *post)
{
  LivelinePostState state = liveline_post_get_state (post);

  return state != LIVELINE_POST_STATE_DRAFT && state != LIVELINE_POST_STATE_DELETED;
}

/* Follows the post: what the buttons say and whether they can be used. */
void
_liveline_post_editor_update_publishing (LivelinePostEditor *self)
{
  gboolean has_post = self->post != NULL && self->store != NULL;
  gboolean published = has_post && liveline_post_get_remote_id (self->post) != NULL &&
                       liveline_post_get_state (self->post) != LIVELINE_POST_STATE_DELETED;

  gtk_button_set_label (self->publish_button,
                        published ? _("Publish _correction") : _("_Publish"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.publish", has_post);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.retract",
                                 has_post && is_out (self->post));
}

/* What publishing a retracted update does depends on where it goes:
 * WordPress brings it back from its trash, Micropub undeletes it, and the
 * Liveline JSON API, which never brings a retracted post back, publishes it
 * as a new post.
 */
static const char *
describe_republishing (LivelinePostEditor *self)
{
  LivelineBlog *blog = liveline_store_find_blog (self->store,
                                                 liveline_post_get_blog_id (self->post));
  const char *kind = blog != NULL ? liveline_blog_get_destination_kind (blog) : NULL;

  if (g_strcmp0 (kind, "wordpress") == 0)
    return _("Restore from the site’s trash queued");
  if (g_strcmp0 (kind, "micropub") == 0)
    return _("Restore queued");

  return _("Queued to publish again as a new update");
}

void
_liveline_post_editor_publish_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter)
{
  LivelinePostEditor *self = LIVELINE_POST_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  const char *queued;
  gboolean correction;
  gboolean retracted;

  if (self->post == NULL || self->store == NULL)
    return;

  /* Blocked, with the reason, while a check says it cannot go. */
  if (liveline_post_editor_has_blocking_checks (self))
    {
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->checks)); i++)
        {
          g_autoptr(LivelineCheck) check = g_list_model_get_item (G_LIST_MODEL (self->checks), i);

          if (liveline_check_get_severity (check) == LIVELINE_CHECK_SEVERITY_ERROR)
            {
              /* Translators: %s is why, such as "Add a credit for the photo" */
              g_autofree char *text = g_strdup_printf (_("Not published: %s"),
                                                       liveline_check_get_message (check));

              _liveline_post_editor_show_toast (self, text);
              return;
            }
        }
    }

  correction = liveline_post_get_remote_id (self->post) != NULL;
  retracted = liveline_post_get_state (self->post) == LIVELINE_POST_STATE_DELETED;
  if (retracted)
    queued = describe_republishing (self);
  else
    queued = correction ? _("Correction queued") : _("Update queued");

  if (!liveline_post_editor_save_now (self, &error) ||
      !liveline_store_publish_post (self->store, self->post, &error))
    {
      _liveline_post_editor_show_toast (self, error->message);
      return;
    }

  _liveline_post_editor_show_toast (self, queued);
  _liveline_post_editor_update_publishing (self);
}

static void
on_retract_response (AdwMessageDialog   *dialog,
                     const char         *response,
                     LivelinePostEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "retract") != 0 || self->post == NULL || self->store == NULL)
    return;

  if (!liveline_store_retract_post (self->store, self->post, &error))
    {
      _liveline_post_editor_show_toast (self, error->message);
      return;
    }

  /* A post that never left is simply withdrawn; the rest goes to the endpoint. */
  _liveline_post_editor_show_toast (self,
                                    liveline_post_get_state (self->post) == LIVELINE_POST_STATE_DRAFT
                                      ? _("Withdrawn before it was sent")
                                      : _("Retraction queued"));
  _liveline_post_editor_update_publishing (self);
}

void
_liveline_post_editor_retract_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter)
{
  LivelinePostEditor *self = LIVELINE_POST_EDITOR (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  if (self->post == NULL || self->store == NULL)
    return;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Retract this update?"),
                                   _("It will be removed from the live page. "
                                     "Readers who saw it may still remember it."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "retract", _("_Retract"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "retract",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_retract_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
