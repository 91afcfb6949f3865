/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-post-states"

#include "config.h"

#include "liveline-application.h"
#include "liveline-post-editor.h"
#include "liveline-post-row.h"
#include "liveline-test-app.h"
#include "liveline-test-http.h"
#include "liveline-test-keyring.h"
#include "liveline-test-util.h"
#include "liveline-test-widgets.h"
#include "liveline-window.h"

/* What the window says of an update is what the live page has: an edit of
 * a published update shows until the correction goes, and a retracted one
 * published again says what it becomes, through the window, with the real
 * liveline-server behind it.
 */

#define HEADLINE  "Polls close across the country"
#define CORRECTED "Polls closed across the country"

static LivelineApplication *application;
static LivelineServer *server;
static char *home;

static gboolean
dialog_is_shown (gpointer user_data)
{
  GtkWindow *dialog = liveline_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

  if (dialog == NULL)
    return FALSE;

  *(gpointer *)user_data = dialog;
  return TRUE;
}

static void
set_headline (GtkWidget  *editor,
              const char *headline)
{
  gtk_editable_set_text (GTK_EDITABLE (liveline_test_find (editor, GTK_TYPE_ENTRY, "placeholder-text",
                                                           "Headline (optional)")),
                         headline);
}

/* The ids of the posts the server lists for the blog. */
static char *
server_ids (void)
{
  g_autofree char *url = liveline_test_server_url (server, "/api/v1/blogs/election/posts");
  g_auto(LivelineTestFetch) fetch = { 0 };
  g_autoptr(JsonObject) page = NULL;
  g_autoptr(GString) ids = g_string_new (NULL);
  JsonArray *posts;

  liveline_test_fetch (&fetch, "GET", url, LIVELINE_TEST_TOKEN, NULL, NULL, 0, NULL);
  g_assert_cmpuint (liveline_test_fetch_status (&fetch), ==, 200);
  page = liveline_test_fetch_json (&fetch);
  posts = json_object_get_array_member (page, "posts");
  for (guint i = 0; i < json_array_get_length (posts); i++)
    g_string_append_printf (ids, "%s%s", i > 0 ? " " : "",
                            json_object_get_string_member (json_array_get_object_element (posts, i),
                                                           "id"));

  return g_string_free (g_steal_pointer (&ids), FALSE);
}

static void
test_states_tell_the_truth (void)
{
  LivelineSession *session = liveline_application_get_session (application);
  LivelineBlog *blog;
  LivelineWindow *window = liveline_test_open_window_on_new_blog (application, "Election night", &blog);
  GtkWidget *pane = liveline_window_get_timeline_pane (window);
  GtkWidget *editor = liveline_window_get_post_editor (window);
  g_autofree char *url = liveline_server_dup_url (server);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first_ids = NULL;
  g_autofree char *ids = NULL;
  LivelineTestLabelQuery differs = { NULL, "Published version differs" };
  gpointer dialog = NULL;
  GtkWidget *row;

  liveline_session_save_destination_async (session, blog,
                                           &(LivelineDestination) { "liveline", url, "election" },
                                           LIVELINE_TEST_TOKEN, NULL,
                                           liveline_test_keep_result, &result);
  g_assert_true (liveline_test_wait_for_result (&result, 10000));
  g_assert_true (liveline_session_save_destination_finish (session, result, &error));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-post", NULL));
  liveline_test_write_update (editor, HEADLINE, "Turnout passed 60 per cent.");
  g_assert_true (gtk_widget_activate_action (editor, "editor.publish", NULL));
  liveline_test_wait_for_label (GTK_WIDGET (window), "Update queued");
  liveline_test_wait_for_row (pane, LIVELINE_TYPE_POST_ROW, HEADLINE, TRUE);
  row = liveline_test_find_row_showing (pane, LIVELINE_TYPE_POST_ROW, HEADLINE);
  liveline_test_wait_for_label (row, "Published");
  first_ids = server_ids ();
  g_assert_cmpstr (first_ids, !=, "");

  /* Edited: the row says the live page does not have it. */
  set_headline (editor, CORRECTED);
  liveline_test_wait_for_label (row, "Edited — not published");
  differs.root = row;
  g_assert_true (liveline_test_label_is_shown (&differs));
  g_assert_true (liveline_test_label_is_gone (&(LivelineTestLabelQuery) { row, "Published" }));

  /* Typed back as published: Published again. */
  set_headline (editor, HEADLINE);
  liveline_test_wait_for_label (row, "Published");
  g_assert_true (liveline_test_label_is_gone (&differs));

  /* Corrected: queued, then published, and the live page has it. */
  set_headline (editor, CORRECTED);
  liveline_test_wait_for_label (row, "Edited — not published");
  g_assert_true (gtk_widget_activate_action (editor, "editor.publish", NULL));
  liveline_test_wait_for_label (GTK_WIDGET (window), "Correction queued");
  liveline_test_wait_for_label (row, "Published");
  g_assert_true (liveline_test_label_is_gone (&differs));

  /* Retracted, then published again: a new post on liveline-server. */
  g_assert_true (gtk_widget_activate_action (editor, "editor.retract", NULL));
  g_assert_true (liveline_test_wait_for (dialog_is_shown, &dialog, 5000));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "retract");
  liveline_test_wait_for_label (GTK_WIDGET (window), "Retraction queued");
  liveline_test_wait_for_label (row, "Retracted");
  ids = server_ids ();
  g_assert_cmpstr (ids, ==, "");
  g_clear_pointer (&ids, g_free);

  g_assert_true (gtk_widget_activate_action (editor, "editor.publish", NULL));
  liveline_test_wait_for_label (GTK_WIDGET (window), "Queued to publish again as a new update");
  liveline_test_wait_for_label (row, "Published");
  ids = server_ids ();
  g_assert_cmpstr (ids, !=, "");
  g_assert_null (strchr (ids, ' '));
  g_assert_cmpstr (ids, !=, first_ids);

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

  g_test_add_func ("/post-states/states-tell-the-truth", test_states_tell_the_truth);

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
