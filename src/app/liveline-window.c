/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-window"

#include "config.h"

#include <glib/gi18n.h>

#include "liveline-blog-switcher.h"
#include "liveline-post-editor.h"
#include "liveline-timeline-pane.h"
#include "liveline-toast.h"
#include "liveline-window.h"

struct _LivelineWindow
{
  AdwApplicationWindow  parent_instance;

  LivelineSettings     *settings;
  LivelineSession      *session;
  LivelineStore        *store;
  LivelineOutbox       *outbox;
  guint                 status_clock_id;
  guint                 batch_total;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  LivelineBlogSwitcher *blog_switcher;
  LivelineTimelinePane *timeline_pane;
  GtkStack             *editor_stack;
  GtkRevealer          *status_revealer;
  GtkLabel             *status_label;
  GtkWidget            *retry_now_button;
  GtkButton            *set_up_button;
  LivelinePostEditor   *post_editor;
};

G_DEFINE_FINAL_TYPE (LivelineWindow, liveline_window, ADW_TYPE_APPLICATION_WINDOW)

static void
liveline_window_restore_state (LivelineWindow *self)
{
  int width;
  int height;

  g_assert (LIVELINE_IS_WINDOW (self));

  liveline_settings_get_window_size (self->settings, &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);

  if (liveline_settings_get_window_maximized (self->settings))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
liveline_window_save_state (LivelineWindow *self)
{
  LivelineBlog *blog = liveline_blog_switcher_get_blog (self->blog_switcher);
  LivelinePost *post = liveline_timeline_pane_get_selected_post (self->timeline_pane);
  gboolean maximized;
  int width;
  int height;

  g_assert (LIVELINE_IS_WINDOW (self));

  liveline_settings_set_last_opened (self->settings,
                                     blog != NULL ? liveline_blog_get_id (blog) : 0,
                                     post != NULL ? liveline_post_get_id (post) : 0);

  maximized = gtk_window_is_maximized (GTK_WINDOW (self));
  liveline_settings_set_window_maximized (self->settings, maximized);

  /* A maximized window keeps the size it had before, to come back to. */
  if (maximized)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  liveline_settings_set_window_size (self->settings, width, height);
}

/* Reopens the live blog and the update that were open when Liveline last
 * closed, or the first live blog there is.
 */
static void
liveline_window_restore_blog (LivelineWindow *self)
{
  g_autoptr(LivelineBlog) first = NULL;
  g_autoptr(LivelinePost) post = NULL;
  LivelineBlog *blog;
  gint64 blog_id;
  gint64 post_id;

  liveline_settings_get_last_opened (self->settings, &blog_id, &post_id);

  if (!(blog = liveline_store_find_blog (self->store, blog_id)))
    blog = first = g_list_model_get_item (liveline_store_get_blogs (self->store), 0);

  liveline_blog_switcher_set_blog (self->blog_switcher, blog);

  if (blog != NULL && post_id > 0 &&
      (post = liveline_store_load_post (self->store, post_id, NULL)) &&
      liveline_post_get_blog_id (post) == liveline_blog_get_id (blog))
    liveline_timeline_pane_select_post (self->timeline_pane, post);
}

static void
show_error (LivelineWindow *self,
            const char     *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, liveline_toast_new (message));
}

/* The editor, with GtkSourceView and the photo field, is a good part of
 * what the window costs to build: it is made when the first update opens,
 * not before the window's first frame.
 */
static LivelinePostEditor *
ensure_post_editor (LivelineWindow *self)
{
  if (self->post_editor != NULL)
    return self->post_editor;

  self->post_editor = liveline_post_editor_new ();
  liveline_post_editor_set_store (self->post_editor, self->store);
  liveline_settings_bind (self->settings, LIVELINE_SETTINGS_KEY_MAX_IMAGE_SIZE,
                          self->post_editor, "max-image-size", G_SETTINGS_BIND_GET);
  gtk_stack_add_named (self->editor_stack, GTK_WIDGET (self->post_editor), "editor");

  return self->post_editor;
}

static void
open_post (LivelineWindow *self,
           LivelinePost   *post)
{
  if (post == NULL && self->post_editor == NULL)
    return;

  liveline_post_editor_set_post (ensure_post_editor (self), post);
  gtk_stack_set_visible_child_name (self->editor_stack, post != NULL ? "editor" : "empty");
}


static void
new_post_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  LivelineWindow *self = LIVELINE_WINDOW (widget);
  LivelineBlog *blog = liveline_blog_switcher_get_blog (self->blog_switcher);
  g_autoptr(LivelinePost) post = NULL;
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;

  if (blog == NULL)
    {
      liveline_blog_switcher_new_blog (self->blog_switcher);
      return;
    }

  if (!(post = liveline_store_create_post (self->store, blog, &error)))
    {
      show_error (self, error->message);
      return;
    }

  liveline_timeline_pane_select_post (self->timeline_pane, post);
  liveline_post_editor_grab_headline (ensure_post_editor (self));
}

static void
new_blog_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  LivelineWindow *self = LIVELINE_WINDOW (widget);

  if (self->store != NULL)
    liveline_blog_switcher_new_blog (self->blog_switcher);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LivelineWindow *self = LIVELINE_WINDOW (widget);

  gtk_widget_activate_action (GTK_WIDGET (self->timeline_pane), "timeline.search", NULL);
}

static gboolean on_status_clock (gpointer user_data);

/* One line under the header bar says what waits to be published and why:
 * offline, retrying (with Retry now), publishing, signed out, or nowhere
 * to publish to. Nothing when all is sent.
 */
static void
update_status (LivelineWindow *self)
{
  LivelineBlog *blog = liveline_blog_switcher_get_blog (self->blog_switcher);
  LivelineOutboxSummary summary = { 0 };
  g_autoptr(GDateTime) next = NULL;
  g_autofree char *text = NULL;
  guint sending;

  if (self->outbox == NULL)
    return;

  summary.waiting = liveline_outbox_get_waiting (self->outbox);
  summary.online = g_network_monitor_get_network_available (g_network_monitor_get_default ());
  summary.retry_in = -1;
  sending = liveline_outbox_get_sending (self->outbox);

  if (blog != NULL)
    {
      summary.signed_out = liveline_outbox_get_paused (self->outbox, liveline_blog_get_id (blog));
      summary.problem = liveline_session_get_destination_problem (self->session, blog);
      /* A blog with a destination of its own may still wait on the keyring. */
      summary.no_destination = !liveline_outbox_has_publisher (self->outbox,
                                                               liveline_blog_get_id (blog)) &&
                               liveline_blog_get_destination_kind (blog) == NULL;
    }

  /* A run of publications counts from where it started. */
  self->batch_total = summary.waiting == 0 ? 0 : MAX (self->batch_total, summary.waiting);
  if (sending > 0)
    {
      summary.position = self->batch_total - summary.waiting + 1;
      summary.total = self->batch_total;
    }
  else if ((next = liveline_outbox_get_next_retry (self->outbox)))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      summary.retry_in = g_date_time_difference (next, now) / G_TIME_SPAN_SECOND;
    }

  text = liveline_outbox_summary_describe (&summary);
  gtk_label_set_label (self->status_label, text != NULL ? text : "");
  gtk_revealer_set_reveal_child (self->status_revealer, text != NULL);
  gtk_widget_set_visible (self->retry_now_button, summary.retry_in > 0 || !summary.online);
  gtk_widget_set_visible (GTK_WIDGET (self->set_up_button),
                          summary.signed_out || summary.no_destination || summary.problem);
  gtk_button_set_label (self->set_up_button, summary.signed_out ? _("_Sign In…") : _("_Set Up…"));

  /* Count down while a retry is planned. */
  if (summary.retry_in > 0 && self->status_clock_id == 0)
    self->status_clock_id = g_timeout_add_seconds (1, on_status_clock, self);
}

static gboolean
on_status_clock (gpointer user_data)
{
  LivelineWindow *self = user_data;

  self->status_clock_id = 0;
  update_status (self);

  return G_SOURCE_REMOVE;
}

/* Ctrl+Enter publishes the open update wherever the focus is; inside the
 * editor, the editor's own shortcut answers first.
 */
static gboolean
publish_shortcut (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  LivelineWindow *self = LIVELINE_WINDOW (widget);

  if (self->post_editor == NULL || liveline_post_editor_get_post (self->post_editor) == NULL)
    return FALSE;

  return gtk_widget_activate_action (GTK_WIDGET (self->post_editor), "editor.publish", NULL);
}

static void
retry_now_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  LivelineWindow *self = LIVELINE_WINDOW (widget);

  if (self->outbox != NULL)
    liveline_outbox_wake (self->outbox);
}

static void
update_actions (LivelineWindow *self)
{
  gboolean has_store = self->store != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-post", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-blog", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search",
                                 liveline_blog_switcher_get_blog (self->blog_switcher) != NULL);
}

static void
on_blog_changed (LivelineWindow *self)
{
  open_post (self, NULL);
  update_status (self);
  liveline_timeline_pane_set_blog (self->timeline_pane,
                                   liveline_blog_switcher_get_blog (self->blog_switcher));
  update_actions (self);
}

/* The editor opens what is selected in the timeline; the post it leaves is
 * saved first if a change is pending. A post that a search or filter hides
 * while it is being written stays open.
 */
static void
on_selected_post_changed (LivelineWindow *self)
{
  LivelinePost *post = liveline_timeline_pane_get_selected_post (self->timeline_pane);

  if (post != NULL)
    open_post (self, post);
}

static void
on_post_removed (LivelineWindow *self,
                 LivelinePost   *post)
{
  if (self->post_editor != NULL && post == liveline_post_editor_get_post (self->post_editor))
    open_post (self, NULL);
}

static gboolean
liveline_window_close_request (GtkWindow *window)
{
  LivelineWindow *self = LIVELINE_WINDOW (window);
  g_autoptr(GError) error = NULL;

  /* Nothing typed is left behind when the window closes or Liveline quits. */
  if (self->post_editor != NULL && !liveline_post_editor_save_now (self->post_editor, &error))
    g_warning ("Could not save the update being edited: %s", error->message);

  liveline_window_save_state (self);

  return GTK_WINDOW_CLASS (liveline_window_parent_class)->close_request (window);
}

static void
liveline_window_dispose (GObject *object)
{
  LivelineWindow *self = (LivelineWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), LIVELINE_TYPE_WINDOW);
  self->post_editor = NULL;

  g_clear_handle_id (&self->status_clock_id, g_source_remove);
  g_clear_object (&self->settings);
  g_clear_object (&self->session);
  g_clear_object (&self->store);
  g_clear_object (&self->outbox);

  G_OBJECT_CLASS (liveline_window_parent_class)->dispose (object);
}

static void
liveline_window_class_init (LivelineWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = liveline_window_dispose;

  window_class->close_request = liveline_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/liveline-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LivelineWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LivelineWindow, blog_switcher);
  gtk_widget_class_bind_template_child (widget_class, LivelineWindow, timeline_pane);
  gtk_widget_class_bind_template_child (widget_class, LivelineWindow, editor_stack);
  gtk_widget_class_bind_template_child (widget_class, LivelineWindow, status_revealer);
  gtk_widget_class_bind_template_child (widget_class, LivelineWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, LivelineWindow, retry_now_button);
  gtk_widget_class_bind_template_child (widget_class, LivelineWindow, set_up_button);

  gtk_widget_class_install_action (widget_class, "win.new-post", NULL, new_post_action);
  gtk_widget_class_install_action (widget_class, "win.new-blog", NULL, new_blog_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.retry-now", NULL, retry_now_action);

  g_type_ensure (LIVELINE_TYPE_BLOG_SWITCHER);
  g_type_ensure (LIVELINE_TYPE_TIMELINE_PANE);
}

static void
liveline_window_init (LivelineWindow *self)
{
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));

  controller = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_BUBBLE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>Return"),
                                                          gtk_callback_action_new (publish_shortcut,
                                                                                   NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  g_signal_connect_swapped (self->blog_switcher, "notify::blog",
                            G_CALLBACK (on_blog_changed), self);
  g_signal_connect_swapped (self->timeline_pane, "notify::selected-post",
                            G_CALLBACK (on_selected_post_changed), self);

#if DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif
}

/**
 * liveline_window_new:
 * @application: the #LivelineApplication, started
 *
 * Returns: (transfer none): a new main window
 */
LivelineWindow *
liveline_window_new (LivelineApplication *application)
{
  LivelineSession *session;
  LivelineWindow *self;

  g_return_val_if_fail (LIVELINE_IS_APPLICATION (application), NULL);

  self = g_object_new (LIVELINE_TYPE_WINDOW,
                       "application", application,
                       NULL);

  self->settings = g_object_ref (liveline_application_get_settings (application));
  liveline_window_restore_state (self);

  if ((session = liveline_application_get_session (application)))
    {
      self->session = g_object_ref (session);
      self->store = g_object_ref (liveline_session_get_store (session));
      liveline_blog_switcher_set_store (self->blog_switcher, self->store);
      liveline_timeline_pane_set_store (self->timeline_pane, self->store);
      g_signal_connect_object (self->store, "post-removed", G_CALLBACK (on_post_removed), self,
                               G_CONNECT_SWAPPED);
      self->outbox = g_object_ref (liveline_session_get_outbox (session));
      g_signal_connect_object (self->outbox, "changed", G_CALLBACK (update_status), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (g_network_monitor_get_default (), "notify::network-available",
                               G_CALLBACK (update_status), self, G_CONNECT_SWAPPED);
      liveline_window_restore_blog (self);
    }

  update_actions (self);
  update_status (self);

  return self;
}

/**
 * liveline_window_get_timeline_pane:
 * @self: a #LivelineWindow
 *
 * Returns: (transfer none): the pane that lists the live blog's updates
 */
GtkWidget *
liveline_window_get_timeline_pane (LivelineWindow *self)
{
  g_return_val_if_fail (LIVELINE_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->timeline_pane);
}

/**
 * liveline_window_get_editor_pane:
 * @self: a #LivelineWindow
 *
 * Returns: (transfer none): the pane that holds the update being written
 */
GtkWidget *
liveline_window_get_editor_pane (LivelineWindow *self)
{
  g_return_val_if_fail (LIVELINE_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->editor_stack);
}

/**
 * liveline_window_get_post_editor:
 * @self: a #LivelineWindow
 *
 * Returns: (transfer none): the editor of the update open, made now if no
 *   update was opened yet
 */
GtkWidget *
liveline_window_get_post_editor (LivelineWindow *self)
{
  g_return_val_if_fail (LIVELINE_IS_WINDOW (self), NULL);

  return GTK_WIDGET (ensure_post_editor (self));
}

/**
 * liveline_window_get_blog_switcher:
 * @self: a #LivelineWindow
 *
 * Returns: (transfer none): the live blog switcher of the header bar
 */
GtkWidget *
liveline_window_get_blog_switcher (LivelineWindow *self)
{
  g_return_val_if_fail (LIVELINE_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->blog_switcher);
}

/**
 * liveline_window_get_blog:
 * @self: a #LivelineWindow
 *
 * Returns: (transfer none) (nullable): the live blog open in the window
 */
LivelineBlog *
liveline_window_get_blog (LivelineWindow *self)
{
  g_return_val_if_fail (LIVELINE_IS_WINDOW (self), NULL);

  return liveline_blog_switcher_get_blog (self->blog_switcher);
}
