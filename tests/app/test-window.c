/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include <sqlite3.h>

#include "liveline-application.h"
#include "liveline-blog-switcher.h"
#include "liveline-post-editor.h"
#include "liveline-post-row.h"
#include "liveline-timeline-pane.h"
#include "liveline-preferences-window.h"
#include "liveline-test-app.h"
#include "liveline-test-util.h"
#include "liveline-test-widgets.h"
#include "liveline-window.h"

static LivelineApplication *application;

/* Mapped and given its size: what is on screen after the first frame. */
static gboolean
widget_is_laid_out (gpointer user_data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (user_data)) &&
         gtk_widget_get_width (GTK_WIDGET (user_data)) > 0;
}

static guint
count_toplevels (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint count = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        count++;
    }

  return count;
}

static LivelineWindow *
open_window (void)
{
  LivelineWindow *window = liveline_window_new (application);

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (liveline_test_wait_for (liveline_test_widget_is_mapped, window, 10000));

  return window;
}

static void
close_window (LivelineWindow *window)
{
  gpointer pointer = window;

  g_object_add_weak_pointer (G_OBJECT (window), &pointer);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_true (liveline_test_wait_for (liveline_test_pointer_is_null, &pointer, 10000));
}

static gboolean
widget_is_unmapped (gpointer user_data)
{
  return !gtk_widget_get_mapped (GTK_WIDGET (user_data));
}

/* Closing destroys most windows; the shortcuts window is kept and hidden. */
static void
close_toplevel (GtkWindow *window)
{
  g_autoptr(GtkWindow) hold = g_object_ref (window);

  gtk_window_close (window);
  g_assert_true (liveline_test_wait_for (widget_is_unmapped, window, 10000));
}

static void
test_window_shows_both_panes (void)
{
  LivelineWindow *window = open_window ();
  GtkWidget *timeline = liveline_window_get_timeline_pane (window);
  GtkWidget *editor = liveline_window_get_editor_pane (window);
  GtkWidget *header_bar;
  GtkWidget *switcher_label;
  GtkWidget *empty_timeline;
  GtkWidget *empty_editor;
  graphene_point_t timeline_origin;
  graphene_point_t editor_origin;

  g_assert_true (liveline_test_wait_for (widget_is_laid_out, timeline, 10000));
  g_assert_true (liveline_test_wait_for (widget_is_laid_out, editor, 10000));
  g_assert_cmpint (gtk_widget_get_width (timeline), >=, 280);
  g_assert_cmpint (gtk_widget_get_width (editor), >=, 300);

  /* Side by side: the timeline on the left, the editor on the right. */
  g_assert_true (gtk_widget_compute_point (timeline, GTK_WIDGET (window),
                                           &GRAPHENE_POINT_INIT (0, 0), &timeline_origin));
  g_assert_true (gtk_widget_compute_point (editor, GTK_WIDGET (window),
                                           &GRAPHENE_POINT_INIT (0, 0), &editor_origin));
  g_assert_cmpfloat (timeline_origin.x + gtk_widget_get_width (timeline), <=, editor_origin.x);
  g_assert_cmpfloat (timeline_origin.y, ==, editor_origin.y);

  /* A first start: no live blog yet, and an invitation to create one. */
  empty_timeline = liveline_test_find_widget (timeline, ADW_TYPE_STATUS_PAGE, "title", "No live blog");
  g_assert_nonnull (empty_timeline);
  g_assert_true (gtk_widget_get_mapped (empty_timeline));

  empty_editor = liveline_test_find_widget (editor, ADW_TYPE_STATUS_PAGE, "title", "No update open");
  g_assert_nonnull (empty_editor);
  g_assert_true (gtk_widget_get_mapped (empty_editor));

  header_bar = liveline_test_find_widget (GTK_WIDGET (window), ADW_TYPE_HEADER_BAR, NULL, NULL);
  g_assert_nonnull (header_bar);
  switcher_label = liveline_test_find_widget (header_bar, GTK_TYPE_LABEL, "label", "No live blog");
  g_assert_nonnull (switcher_label);
  g_assert_true (gtk_widget_get_mapped (switcher_label));
  g_assert_nonnull (liveline_test_find_widget (header_bar, GTK_TYPE_MENU_BUTTON,
                                     "icon-name", "open-menu-symbolic"));

  close_window (window);
}

static void
test_window_remembers_its_size (void)
{
  LivelineSettings *settings = liveline_application_get_settings (application);
  LivelineWindow *window = open_window ();
  int width;
  int height;

  gtk_window_set_default_size (GTK_WINDOW (window), 913, 657);
  close_window (window);

  liveline_settings_get_window_size (settings, &width, &height);
  g_assert_cmpint (width, ==, 913);
  g_assert_cmpint (height, ==, 657);
  g_assert_false (liveline_settings_get_window_maximized (settings));

  window = open_window ();
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 913);
  g_assert_cmpint (height, ==, 657);
  close_window (window);
}

static void
test_about_window_opens_and_closes (void)
{
  LivelineWindow *window = open_window ();
  AdwAboutWindow *about;

  g_action_group_activate_action (G_ACTION_GROUP (application), "about", NULL);
  about = ADW_ABOUT_WINDOW (liveline_test_wait_for_toplevel (ADW_TYPE_ABOUT_WINDOW));

  /* What the metainfo says, and the version meson built. */
  g_assert_cmpstr (adw_about_window_get_application_name (about), ==, "Liveline");
  g_assert_cmpstr (adw_about_window_get_version (about), ==, PACKAGE_VERSION);
  g_assert_cmpstr (adw_about_window_get_developer_name (about), ==, "The Liveline developers");
  g_assert_cmpstr (adw_about_window_get_comments (about), ==, "Write and publish live updates");
  g_assert_cmpint (adw_about_window_get_license_type (about), ==, GTK_LICENSE_GPL_3_0);
  g_assert_true (g_str_has_prefix (adw_about_window_get_website (about), "https://"));
  g_assert_nonnull (adw_about_window_get_release_notes (about));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (about)) == GTK_WINDOW (window));

  close_toplevel (GTK_WINDOW (about));
  g_assert_null (liveline_test_find_toplevel (ADW_TYPE_ABOUT_WINDOW));

  close_window (window);
}

static gboolean
shortcuts_window_lists (GtkWidget  *shortcuts_window,
                        const char *accel)
{
  guint key;
  GdkModifierType mods;

  g_assert_true (gtk_accelerator_parse (accel, &key, &mods));

  for (GtkWidget *child = gtk_widget_get_first_child (shortcuts_window);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_SHORTCUTS_SHORTCUT (child))
        {
          g_autofree char *accelerators = NULL;
          g_auto(GStrv) each = NULL;

          g_object_get (child, "accelerator", &accelerators, NULL);
          each = g_strsplit (accelerators != NULL ? accelerators : "", " ", -1);

          for (guint i = 0; each[i] != NULL; i++)
            {
              guint listed_key;
              GdkModifierType listed_mods;

              if (gtk_accelerator_parse (each[i], &listed_key, &listed_mods) &&
                  listed_key == key && listed_mods == mods)
                return TRUE;
            }
        }

      if (shortcuts_window_lists (child, accel))
        return TRUE;
    }

  return FALSE;
}

static void
test_shortcuts_window_lists_every_shortcut (void)
{
  LivelineWindow *window = open_window ();
  g_auto(GStrv) actions = NULL;
  GtkWindow *shortcuts;
  guint n_accels = 0;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  shortcuts = liveline_test_wait_for_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);

  actions = gtk_application_list_action_descriptions (GTK_APPLICATION (application));
  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (application),
                                                                    actions[i]);

      for (guint j = 0; accels[j] != NULL; j++)
        {
          if (!shortcuts_window_lists (GTK_WIDGET (shortcuts), accels[j]))
            g_error ("The shortcut %s of %s is not in the shortcuts window", accels[j], actions[i]);
          n_accels++;
        }
    }

  /* At least Ctrl+Q, Ctrl+, and Ctrl+? */
  g_assert_cmpuint (n_accels, >=, 3);
  g_assert_true (shortcuts_window_lists (GTK_WIDGET (shortcuts), "<Control>q"));
  g_assert_true (shortcuts_window_lists (GTK_WIDGET (shortcuts), "<Control>comma"));
  g_assert_true (shortcuts_window_lists (GTK_WIDGET (shortcuts), "<Control>question"));
  g_assert_false (shortcuts_window_lists (GTK_WIDGET (shortcuts), "<Control><Shift>F12"));

  close_toplevel (shortcuts);
  g_assert_null (liveline_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW));

  close_window (window);
}

static void
test_preferences_change_settings (void)
{
  LivelineSettings *settings = liveline_application_get_settings (application);
  LivelineWindow *window = open_window ();
  GtkWindow *preferences;
  GtkSpinButton *spin;

  g_action_group_activate_action (G_ACTION_GROUP (application), "preferences", NULL);
  preferences = liveline_test_wait_for_toplevel (LIVELINE_TYPE_PREFERENCES_WINDOW);

  spin = GTK_SPIN_BUTTON (liveline_test_find_widget (GTK_WIDGET (preferences), GTK_TYPE_SPIN_BUTTON,
                                           NULL, NULL));
  g_assert_nonnull (spin);
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, 2048);

  gtk_spin_button_set_value (spin, 1024);
  g_assert_cmpuint (liveline_settings_get_max_image_size (settings), ==, 1024);

  /* Ctrl+comma again brings the same window forward rather than a second one. */
  g_action_group_activate_action (G_ACTION_GROUP (application), "preferences", NULL);
  g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (count_toplevels (LIVELINE_TYPE_PREFERENCES_WINDOW), ==, 1);

  close_toplevel (preferences);
  g_assert_null (liveline_test_find_toplevel (LIVELINE_TYPE_PREFERENCES_WINDOW));

  close_window (window);
}

static LivelineStore *
store (void)
{
  return liveline_session_get_store (liveline_application_get_session (application));
}

static gboolean
status_page_shown (GtkWidget  *pane,
                   const char *title)
{
  GtkWidget *page = liveline_test_find_widget (pane, ADW_TYPE_STATUS_PAGE, "title", title);

  return page != NULL && gtk_widget_get_mapped (page);
}

typedef struct
{
  GtkWidget  *pane;
  const char *title;
} PageWait;

static gboolean
page_wait_done (gpointer user_data)
{
  PageWait *wait = user_data;

  return status_page_shown (wait->pane, wait->title);
}

static void
wait_for_status_page (GtkWidget  *pane,
                      const char *title)
{
  PageWait wait = { pane, title };

  if (!liveline_test_wait_for (page_wait_done, &wait, 10000))
    g_error ("The status page “%s” never showed", title);
}

/* The row of the timeline that shows @text, mapped on screen. */
/* The timeline's own search entry, not the one inside the state filter. */
static GtkWidget *
search_entry (gpointer pane)
{
  GtkWidget *bar = liveline_test_find_widget (GTK_WIDGET (pane), GTK_TYPE_SEARCH_BAR, NULL, NULL);

  return liveline_test_find_widget (bar, GTK_TYPE_SEARCH_ENTRY, NULL, NULL);
}

static gboolean
blog_exists (gpointer user_data)
{
  return g_list_model_get_n_items (liveline_store_get_blogs (store ())) > 0;
}

static void
test_create_blog (void)
{
  LivelineWindow *window = open_window ();
  LivelineBlogSwitcher *switcher = LIVELINE_BLOG_SWITCHER (liveline_window_get_blog_switcher (window));
  GtkWidget *pane = liveline_window_get_timeline_pane (window);
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-blog", NULL));
  dialog = ADW_MESSAGE_DIALOG (liveline_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  entry = adw_message_dialog_get_extra_child (dialog);
  g_assert_true (GTK_IS_EDITABLE (entry));

  /* No name, no blog. */
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "Syria talks");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));

  /* Enter (the entry's text activated) creates it, once. */
  g_signal_emit_by_name (liveline_test_find_widget (entry, GTK_TYPE_TEXT, NULL, NULL), "activate");
  g_assert_true (liveline_test_wait_for (blog_exists, NULL, 5000));

  g_assert_nonnull (liveline_blog_switcher_get_blog (switcher));
  g_assert_cmpstr (liveline_blog_get_name (liveline_blog_switcher_get_blog (switcher)), ==,
                   "Syria talks");
  g_assert_nonnull (liveline_test_find_widget (GTK_WIDGET (switcher), GTK_TYPE_LABEL, "label", "Syria talks"));
  g_assert_cmpuint (g_list_model_get_n_items (liveline_store_get_blogs (store ())), ==, 1);

  /* An empty blog invites its first update. */
  wait_for_status_page (pane, "No updates yet");

  close_window (window);
}

static void
test_timeline_shows_finds_and_deletes (void)
{
  LivelineWindow *window = open_window ();
  LivelineTimelinePane *pane = LIVELINE_TIMELINE_PANE (liveline_window_get_timeline_pane (window));
  g_autoptr(GError) error = NULL;
  LivelinePost *post;
  GtkWidget *row;
  AdwToastOverlay *overlay;
  GtkWidget *undo;

  /* Ctrl+N starts an update, selected at once. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-post", NULL));
  post = liveline_timeline_pane_get_selected_post (pane);
  g_assert_nonnull (post);
  /* As the editor would, while it shows the post. */
  g_object_ref (post);

  liveline_post_set_headline (post, "Talks resume in Geneva");
  liveline_post_set_body (post, "> “We are close,” the envoy said.\n\nDelegates **arrived** at 9:00.");
  liveline_post_set_key_moment (post, TRUE);
  g_assert_true (liveline_store_save_post (store (), post, &error));
  g_assert_no_error (error);

  liveline_test_wait_for_row (GTK_WIDGET (pane), LIVELINE_TYPE_POST_ROW,
                              "Talks resume in Geneva", TRUE);
  row = liveline_test_find_row_showing (GTK_WIDGET (pane), LIVELINE_TYPE_POST_ROW,
                                        "Talks resume in Geneva");
  g_assert_nonnull (liveline_test_find_widget (row, GTK_TYPE_LABEL, "label",
                                     "“We are close,” the envoy said. Delegates arrived at 9:00."));
  g_assert_nonnull (liveline_test_find_widget (row, GTK_TYPE_LABEL, "label", "Draft"));
  g_assert_nonnull (liveline_test_find_widget (row, GTK_TYPE_LABEL, "label", "Just now"));
  g_assert_true (gtk_widget_get_visible (liveline_test_find_widget (row, GTK_TYPE_IMAGE, "icon-name",
                                                          "starred-symbolic")));
  g_assert_false (gtk_widget_get_visible (liveline_test_find_widget (row, GTK_TYPE_IMAGE, "icon-name",
                                                           "view-pin-symbolic")));

  /* Search finds it, and not what it does not contain. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  gtk_editable_set_text (GTK_EDITABLE (search_entry (pane)),
                         "geneva deleg");
  liveline_test_wait_for_row (GTK_WIDGET (pane), LIVELINE_TYPE_POST_ROW,
                              "Talks resume in Geneva", TRUE);
  gtk_editable_set_text (GTK_EDITABLE (search_entry (pane)),
                         "ceasefire");
  wait_for_status_page (GTK_WIDGET (pane), "No results");
  gtk_editable_set_text (GTK_EDITABLE (search_entry (pane)),
                         "");
  liveline_test_wait_for_row (GTK_WIDGET (pane), LIVELINE_TYPE_POST_ROW,
                              "Talks resume in Geneva", TRUE);

  /* Delete, with a toast to undo it. */
  liveline_timeline_pane_select_post (pane, post);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane), "timeline.delete", NULL));
  wait_for_status_page (GTK_WIDGET (pane), "No updates yet");

  overlay = ADW_TOAST_OVERLAY (liveline_test_find_widget (GTK_WIDGET (window), ADW_TYPE_TOAST_OVERLAY, NULL, NULL));
  g_assert_nonnull (liveline_test_find_widget (GTK_WIDGET (overlay), GTK_TYPE_LABEL, "label", "Update deleted"));
  undo = liveline_test_find_widget (GTK_WIDGET (overlay), GTK_TYPE_BUTTON, "label", "_Undo");
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  liveline_test_wait_for_row (GTK_WIDGET (pane), LIVELINE_TYPE_POST_ROW,
                              "Talks resume in Geneva", TRUE);
  g_assert_true (liveline_timeline_pane_get_selected_post (pane) == post);
  g_object_unref (post);

  close_window (window);
}

static gboolean
post_headline_is (gpointer user_data)
{
  gpointer *args = user_data;

  return g_strcmp0 (liveline_post_get_headline (args[0]), args[1]) == 0 &&
         liveline_post_get_revision (args[0]) > 0;
}

/* The editor in the window edits what the timeline shows: typed text
 * reaches the row at once and the store within a second.
 */
static void
test_editor_follows_the_timeline (void)
{
  LivelineWindow *window = open_window ();
  LivelineTimelinePane *pane = LIVELINE_TIMELINE_PANE (liveline_window_get_timeline_pane (window));
  GtkWidget *editor = liveline_window_get_post_editor (window);
  GtkStack *stack = GTK_STACK (liveline_window_get_editor_pane (window));
  g_autoptr(LivelinePost) post = NULL;
  GtkWidget *headline;
  gpointer args[2];

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-post", NULL));
  post = g_object_ref (liveline_timeline_pane_get_selected_post (pane));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "editor");
  g_assert_true (liveline_post_editor_get_post (LIVELINE_POST_EDITOR (editor)) == post);

  headline = liveline_test_find_widget (editor, GTK_TYPE_ENTRY, NULL, NULL);
  g_assert_nonnull (headline);
  gtk_editable_set_text (GTK_EDITABLE (headline), "Ministers arrive on Friday");
  liveline_test_wait_for_row (GTK_WIDGET (pane), LIVELINE_TYPE_POST_ROW,
                              "Ministers arrive on Friday", TRUE);

  args[0] = post;
  args[1] = "Ministers arrive on Friday";
  g_assert_true (liveline_test_wait_for (post_headline_is, args, 1500));

  /* Deleting the open update closes the editor. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane), "timeline.delete", NULL));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  g_assert_null (liveline_post_editor_get_post (LIVELINE_POST_EDITOR (editor)));

  close_window (window);
}

static LivelineOutboxOp *
due_op (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GListModel) ops = liveline_store_list_due_ops (store (), now);

  g_assert_cmpuint (g_list_model_get_n_items (ops), >=, 1);

  return g_list_model_get_item (ops, 0);
}

static gboolean
widget_is_visible (gpointer user_data)
{
  return gtk_widget_get_visible (GTK_WIDGET (user_data));
}

/* A row says where its update is in its life, as the outbox moves it. */
static void
test_rows_follow_the_outbox (void)
{
  LivelineWindow *window = open_window ();
  LivelineTimelinePane *pane = LIVELINE_TIMELINE_PANE (liveline_window_get_timeline_pane (window));
  g_autoptr(LivelineOutboxOp) op = NULL;
  g_autoptr(LivelineOutboxOp) again = NULL;
  g_autoptr(LivelinePost) post = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *row;
  GtkWidget *spinner;
  GtkWidget *retry;
  GtkWidget *open;
  GtkWidget *status;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-post", NULL));
  post = g_object_ref (liveline_timeline_pane_get_selected_post (pane));
  liveline_post_set_headline (post, "Turnout above 70 per cent");
  g_assert_true (liveline_store_save_post (store (), post, &error));
  g_assert_true (liveline_store_publish_post (store (), post, &error));
  g_assert_no_error (error);

  liveline_test_wait_for_row (GTK_WIDGET (pane), LIVELINE_TYPE_POST_ROW,
                              "Turnout above 70 per cent", TRUE);
  row = liveline_test_find_row_showing (GTK_WIDGET (pane), LIVELINE_TYPE_POST_ROW,
                                        "Turnout above 70 per cent");
  g_assert_nonnull (liveline_test_find_widget (row, GTK_TYPE_LABEL, "label", "Queued"));

  /* The window says why it waits: this blog has nowhere to publish yet. */
  status = liveline_test_find_widget (GTK_WIDGET (window), GTK_TYPE_REVEALER, NULL, NULL);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (status)));
  g_assert_nonnull (liveline_test_find_widget (status, GTK_TYPE_LABEL, "label",
                                               "No destination for this live blog — 1 update waiting"));

  op = due_op ();
  g_assert_true (liveline_store_begin_send (store (), op, &error));
  spinner = liveline_test_find_widget (row, GTK_TYPE_SPINNER, NULL, NULL);
  g_assert_true (liveline_test_wait_for (widget_is_visible, spinner, 5000));
  g_assert_true (gtk_spinner_get_spinning (GTK_SPINNER (spinner)));
  g_assert_nonnull (liveline_test_find_widget (row, GTK_TYPE_LABEL, "label", "Sending"));

  /* Refused: the endpoint's words, and Retry. */
  g_assert_true (liveline_store_give_up (store (), op, "The headline is too long", &error));
  g_assert_false (gtk_widget_get_visible (spinner));
  g_assert_nonnull (liveline_test_find_widget (row, GTK_TYPE_LABEL, "label", "Failed"));
  g_assert_true (gtk_widget_get_visible (liveline_test_find_widget (row, GTK_TYPE_LABEL, "label",
                                                                    "The headline is too long")));
  retry = liveline_test_find_widget (row, GTK_TYPE_BUTTON, "label", "_Retry");
  g_assert_true (gtk_widget_get_visible (retry));
  g_signal_emit_by_name (retry, "clicked");
  g_assert_cmpint (liveline_post_get_state (post), ==, LIVELINE_POST_STATE_QUEUED);

  /* Published: a way to the live page. */
  again = due_op ();
  g_assert_true (liveline_store_begin_send (store (), again, &error));
  g_assert_true (liveline_store_finish_send (store (), again, "r-1",
                                             "http://127.0.0.1:8080/blogs/syria-talks#post-r-1",
                                             NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (liveline_test_find_widget (row, GTK_TYPE_LABEL, "label", "Published"));
  open = liveline_test_find_widget (row, GTK_TYPE_BUTTON, "icon-name", "web-browser-symbolic");
  g_assert_true (gtk_widget_get_visible (open));
  g_assert_false (gtk_widget_get_visible (retry));

  close_window (window);
}

static void
test_reopens_last_blog_and_post (void)
{
  LivelineWindow *window = open_window ();
  LivelineTimelinePane *pane = LIVELINE_TIMELINE_PANE (liveline_window_get_timeline_pane (window));
  LivelineBlogSwitcher *switcher = LIVELINE_BLOG_SWITCHER (liveline_window_get_blog_switcher (window));
  g_autoptr(GError) error = NULL;
  LivelineBlog *storm = liveline_store_create_blog (store (), "Storm Ciarán", &error);
  g_autoptr(LivelinePost) first = NULL;
  g_autoptr(LivelinePost) second = NULL;

  liveline_blog_switcher_set_blog (switcher, storm);
  first = liveline_store_create_post (store (), storm, &error);
  second = liveline_store_create_post (store (), storm, &error);
  liveline_timeline_pane_select_post (pane, first);
  close_window (window);

  window = open_window ();
  pane = LIVELINE_TIMELINE_PANE (liveline_window_get_timeline_pane (window));
  switcher = LIVELINE_BLOG_SWITCHER (liveline_window_get_blog_switcher (window));
  g_assert_true (liveline_blog_switcher_get_blog (switcher) == storm);
  g_assert_true (liveline_timeline_pane_get_selected_post (pane) == first);
  close_window (window);
}

/* Runs @sql on the application's database, through a connection of the
 * test's own. */
static void
exec_on_database (const char *sql)
{
  LivelineSession *session = liveline_application_get_session (application);
  g_autofree char *path = g_build_filename (liveline_session_get_data_dir (session),
                                            "liveline.db", NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* An error the window shows in a toast is plain text, whatever it holds:
 * here the database's own words, forced by a trigger that refuses every
 * new update. Read as markup, "<b>" would be swallowed, and the lone "&"
 * and "<i" would blank the toast with a Pango warning (fatal in tests). */
static void
test_error_toast_is_plain_text (void)
{
  LivelineBlog *blog;
  LivelineWindow *window = liveline_test_open_window_on_new_blog (application, "Flood warnings",
                                                                  &blog);
  LivelineTestLabelQuery toast = {
    GTK_WIDGET (window), "The database refused: disk <b>full</b> & “quota” <i"
  };

  exec_on_database ("CREATE TRIGGER refuse_posts BEFORE INSERT ON posts BEGIN"
                    " SELECT RAISE (ABORT, 'disk <b>full</b> & “quota” <i'); END");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-post", NULL));
  g_assert_true (liveline_test_wait_for (liveline_test_label_is_shown, &toast, 5000));

  exec_on_database ("DROP TRIGGER refuse_posts");
  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = liveline_test_make_home ();
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);

  application = liveline_application_new ();
  /* Tests must not meet a Liveline the developer is running. */
  g_application_set_flags (G_APPLICATION (application), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (application), NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (liveline_application_get_session (application));

  g_test_add_func ("/window/shows-both-panes", test_window_shows_both_panes);
  g_test_add_func ("/window/remembers-its-size", test_window_remembers_its_size);
  g_test_add_func ("/window/about", test_about_window_opens_and_closes);
  g_test_add_func ("/window/shortcuts", test_shortcuts_window_lists_every_shortcut);
  g_test_add_func ("/window/preferences", test_preferences_change_settings);
  g_test_add_func ("/window/create-blog", test_create_blog);
  g_test_add_func ("/window/timeline-shows-finds-and-deletes", test_timeline_shows_finds_and_deletes);
  g_test_add_func ("/window/editor-follows-the-timeline", test_editor_follows_the_timeline);
  g_test_add_func ("/window/rows-follow-the-outbox", test_rows_follow_the_outbox);
  g_test_add_func ("/window/reopens-last-blog-and-post", test_reopens_last_blog_and_post);
  g_test_add_func ("/window/error-toast-is-plain-text", test_error_toast_is_plain_text);

  status = g_test_run ();

  g_clear_object (&application);
  liveline_test_remove_tree (home);

  return status;
}
