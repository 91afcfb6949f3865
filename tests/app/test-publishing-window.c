/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-publishing-window"

#include "config.h"

#include "liveline-application.h"
#include "liveline-blog-switcher.h"
#include "liveline-destination-page.h"
#include "liveline-image-field.h"
#include "liveline-post-editor.h"
#include "liveline-post-row.h"
#include "liveline-preferences-window.h"
#include "liveline-test-app.h"
#include "liveline-test-http.h"
#include "liveline-test-keyring.h"
#include "liveline-test-util.h"
#include "liveline-test-widgets.h"
#include "liveline-window.h"

/* A journalist's first publication, through the window only: write an
 * update with a photo, Ctrl+Enter, set the blog's destination up from the
 * status line with a token that goes to a real keyring, and watch the row
 * turn Published while the real liveline-server's live page shows it.
 */

#define HEADLINE "Polls close across the country"
#define CAPTION  "Voters queue outside a school in Leeds"
#define CREDIT   "Reuters"

static LivelineApplication *application;
static LivelineServer *server;
static char *home;

static gboolean
blog_has_destination (gpointer user_data)
{
  return liveline_blog_get_destination_kind (user_data) != NULL;
}

static void
set_up_destination (LivelineWindow *window,
                    LivelineBlog   *blog)
{
  g_autofree char *url = liveline_server_dup_url (server);
  GtkWindow *preferences;
  GtkWidget *page;

  /* Offered where the window says the update cannot go anywhere yet. */
  liveline_test_click (GTK_WIDGET (window), "_Set Up…");
  preferences = liveline_test_wait_for_toplevel (LIVELINE_TYPE_PREFERENCES_WINDOW);
  page = GTK_WIDGET (adw_preferences_window_get_visible_page (ADW_PREFERENCES_WINDOW (preferences)));
  g_assert_true (LIVELINE_IS_DESTINATION_PAGE (page));

  adw_combo_row_set_selected (ADW_COMBO_ROW (liveline_test_find (page, ADW_TYPE_COMBO_ROW, "title", "_Publish To")),
                              1);
  gtk_editable_set_text (liveline_test_find_entry_row (page, "_Address"), url);
  gtk_editable_set_text (liveline_test_find_entry_row (page, "_Live Blog at the Endpoint"), "election");

  /* A wrong token: said in words for the journalist, not the endpoint's
   * words for developers. */
  gtk_editable_set_text (liveline_test_find_entry_row (page, "_Token"), "not-the-token");
  liveline_test_click (page, "_Test Connection");
  liveline_test_wait_for_label (page, "The endpoint refused the token: check it in Preferences.");

  gtk_editable_set_text (liveline_test_find_entry_row (page, "_Token"), LIVELINE_TEST_TOKEN);
  liveline_test_click (page, "_Test Connection");
  liveline_test_wait_for_label (page, "Connected. The endpoint accepted the token.");
  liveline_test_take_screenshot (GTK_WIDGET (preferences), "destination");

  liveline_test_click (page, "_Save");
  g_assert_true (liveline_test_wait_for (blog_has_destination, blog, 10000));
  g_assert_cmpstr (liveline_blog_get_endpoint_url (blog), ==, url);
  g_assert_cmpstr (liveline_blog_get_remote_blog_id (blog), ==, "election");
  /* The token went to the keyring, and left the window. */
  g_assert_cmpstr (gtk_editable_get_text (liveline_test_find_entry_row (page, "_Token")), ==, "");

  gtk_window_close (preferences);
}

static gboolean
status_is_hidden (gpointer user_data)
{
  return !gtk_revealer_get_reveal_child (GTK_REVEALER (user_data));
}

static void
test_publish_through_the_window (void)
{
  LivelineBlog *blog;
  LivelineWindow *window = liveline_test_open_window_on_new_blog (application, "Election night", &blog);
  GtkWidget *pane = liveline_window_get_timeline_pane (window);
  g_autofree char *page_url = liveline_test_server_url (server, "/blogs/election");
  g_auto(LivelineTestFetch) fetch = { 0 };
  g_autofree char *html = NULL;
  GtkWidget *editor;
  GtkWidget *status;
  GtkWidget *row;


  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-post", NULL));
  editor = liveline_window_get_post_editor (window);
  liveline_test_write_update (editor, HEADLINE, "Turnout passed **60 per cent** an hour before the close.");
  liveline_test_add_photo (editor, home, CAPTION, CREDIT,
                           "People with umbrellas in a line along a red brick wall");

  /* Ctrl+Enter, from the headline. */
  liveline_post_editor_grab_headline (LIVELINE_POST_EDITOR (editor));
  g_assert_true (liveline_test_press_shortcut (gtk_root_get_focus (GTK_ROOT (window)),
                                               "<Control>Return"));
  liveline_test_wait_for_row (pane, LIVELINE_TYPE_POST_ROW, HEADLINE, TRUE);
  row = liveline_test_find_row_showing (pane, LIVELINE_TYPE_POST_ROW, HEADLINE);
  liveline_test_wait_for_label (row, "Queued");
  status = liveline_test_find (GTK_WIDGET (window), GTK_TYPE_REVEALER, NULL, NULL);
  liveline_test_wait_for_label (status, "No destination for this live blog — 1 update waiting");
  liveline_test_take_screenshot (GTK_WIDGET (window), "no-destination");

  set_up_destination (window, blog);

  liveline_test_wait_for_label (row, "Published");
  g_assert_true (liveline_test_wait_for (status_is_hidden, status, 5000));

  /* On the live page, with its photo's caption and credit. */
  liveline_test_fetch (&fetch, "GET", page_url, NULL, NULL, NULL, 0, NULL);
  g_assert_cmpuint (liveline_test_fetch_status (&fetch), ==, 200);
  html = liveline_test_fetch_text (&fetch);
  g_assert_nonnull (strstr (html, HEADLINE));
  g_assert_nonnull (strstr (html, "<strong>60 per cent</strong>"));
  g_assert_nonnull (strstr (html, CAPTION));
  g_assert_nonnull (strstr (html, "Credit: " CREDIT));

  gtk_window_close (GTK_WINDOW (window));
}

static gboolean
status_says_retrying (gpointer user_data)
{
  GtkWidget *status = user_data;
  GtkWidget *label = liveline_test_find_widget (status, GTK_TYPE_LABEL, NULL, NULL);

  return gtk_revealer_get_reveal_child (GTK_REVEALER (status)) &&
         g_str_has_prefix (gtk_label_get_label (GTK_LABEL (label)),
                           "Can’t reach the endpoint — retrying in ");
}

/* The endpoint goes away while updates are written; they wait, the window
 * says why, and they go in order once it is back and "Retry now" is pressed.
 */
static void
test_offline_then_online (void)
{
  static const char * const headlines[] = {
    "Counting starts in the capital", "Recount called in Cardiff", "First seat declared",
  };
  LivelineSession *session = liveline_application_get_session (application);
  LivelineBlog *blog;
  LivelineWindow *window = liveline_test_open_window_on_new_blog (application, "Count night", &blog);
  GtkWidget *pane = liveline_window_get_timeline_pane (window);
  g_autofree char *url = liveline_server_dup_url (server);
  guint port = liveline_server_get_port (server);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *editor;
  GtkWidget *status;

  liveline_session_save_destination_async (session, blog,
                                           &(LivelineDestination) { "liveline", url, "count-night" },
                                           LIVELINE_TEST_TOKEN, NULL,
                                           liveline_test_keep_result, &result);
  g_assert_true (liveline_test_wait_for_result (&result, 10000));
  g_assert_true (liveline_session_save_destination_finish (session, result, &error));
  editor = liveline_window_get_post_editor (window);
  status = liveline_test_find (GTK_WIDGET (window), GTK_TYPE_REVEALER, NULL, NULL);

  /* The endpoint is gone: nothing listens on its port any more. */
  liveline_server_disconnect (server);

  for (guint i = 0; i < G_N_ELEMENTS (headlines); i++)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-post", NULL));
      liveline_test_write_update (editor, headlines[i], "Figures from the returning officer.");
      g_assert_true (gtk_widget_activate_action (editor, "editor.publish", NULL));
      liveline_test_wait_for_row (pane, LIVELINE_TYPE_POST_ROW, headlines[i], TRUE);
    }

  g_assert_true (liveline_test_wait_for (status_says_retrying, status, 10000));
  g_assert_true (gtk_widget_get_visible (liveline_test_find (status, GTK_TYPE_BUTTON, "label", "_Retry now")));
  for (guint i = 0; i < G_N_ELEMENTS (headlines); i++)
    liveline_test_wait_for_label (liveline_test_find_row_showing (pane, LIVELINE_TYPE_POST_ROW, headlines[i]),
                    "Queued");
  liveline_test_take_screenshot (GTK_WIDGET (window), "offline-queued");

  /* Back on the same address; Retry now sends without waiting out the delay. */
  g_assert_true (liveline_server_listen (server, "127.0.0.1", port, &error));
  g_assert_no_error (error);
  liveline_test_click (status, "_Retry now");
  for (guint i = 0; i < G_N_ELEMENTS (headlines); i++)
    liveline_test_wait_for_label (liveline_test_find_row_showing (pane, LIVELINE_TYPE_POST_ROW, headlines[i]),
                    "Published");
  g_assert_true (liveline_test_wait_for (status_is_hidden, status, 5000));
  liveline_test_take_screenshot (GTK_WIDGET (window), "back-online");

  gtk_window_close (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  LivelineTestKeyring *keyring;
  g_autofree char *server_dir = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  home = liveline_test_make_home ();
  keyring = liveline_test_keyring_start (home);
  gtk_test_init (&argc, &argv, NULL);

  server = liveline_test_server_start (&server_dir);
  application = liveline_application_new ();
  g_application_set_flags (G_APPLICATION (application), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (application), NULL, &error));
  g_assert_no_error (error);

  g_test_add_func ("/publishing-window/publish-through-the-window", test_publish_through_the_window);
  g_test_add_func ("/publishing-window/offline-then-online", test_offline_then_online);

  status = g_test_run ();

  g_clear_object (&application);
  liveline_server_disconnect (server);
  g_clear_object (&server);
  liveline_test_keyring_stop (keyring);
  liveline_test_remove_tree (server_dir);
  liveline_test_remove_tree (home);
  g_free (home);

  return status;
}
