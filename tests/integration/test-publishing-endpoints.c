/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-publishing-endpoints"

#include "config.h"

#include "liveline-application.h"
#include "liveline-destination-page.h"
#include "liveline-post-editor.h"
#include "liveline-post-row.h"
#include "liveline-preferences-window.h"
#include "liveline-test-app.h"
#include "liveline-test-http.h"
#include "liveline-test-integration.h"
#include "liveline-test-keyring.h"
#include "liveline-test-util.h"
#include "liveline-test-widgets.h"

/* What a journalist does to publish to the newsroom's CMS, through the
 * window only, against real servers: WordPress (Debian's, with MariaDB and
 * Apache) and a Micropub server. Set the destination up in Preferences,
 * test the connection, save; write an update with a photo; Ctrl+Enter; the
 * row turns Published and the site has the post, read back through its own
 * API.
 */

#define CAPTION "Waves break over the sea wall at Porthcawl"
#define CREDIT  "PA Media"
#define ALT     "A grey wave higher than a lamp post breaks over a promenade"

/* The rows of Preferences' Publish To list. */
#define KIND_WORDPRESS 2
#define KIND_MICROPUB  3

static LivelineApplication *application;
static GHashTable *servers;
static char *home;

static const char *
server_value (const char *key)
{
  return liveline_test_integration_get (servers, key);
}

static gboolean
blog_has_destination (gpointer user_data)
{
  return liveline_blog_get_destination_kind (user_data) != NULL;
}

/* A name no earlier run used: the servers keep what they were sent. */
static char *
new_blog_name (const char *what)
{
  return g_strdup_printf ("Storm Ciarán %s %" G_GINT64_FORMAT, what, g_get_real_time ());
}

static LivelinePost *
write_and_publish (LivelineWindow *window,
                   const char     *headline)
{
  GtkWidget *pane = liveline_window_get_timeline_pane (window);
  GtkWidget *editor;
  LivelinePost *post;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-post", NULL));
  editor = liveline_window_get_post_editor (window);
  liveline_test_write_update (editor, headline,
                              "Gusts of **90 mph** were recorded on the coast overnight.");
  liveline_test_add_photo (editor, home, CAPTION, CREDIT, ALT);
  post = g_object_ref (liveline_post_editor_get_post (LIVELINE_POST_EDITOR (editor)));

  liveline_post_editor_grab_headline (LIVELINE_POST_EDITOR (editor));
  g_assert_true (liveline_test_press_shortcut (gtk_root_get_focus (GTK_ROOT (window)),
                                               "<Control>Return"));
  liveline_test_wait_for_row (pane, LIVELINE_TYPE_POST_ROW, headline, TRUE);

  return post;
}

/* Set Up… on the status line, the kind, the fields, Test Connection. */
static GtkWidget *
open_destination_page (LivelineWindow *window,
                       guint           kind)
{
  GtkWindow *preferences;
  GtkWidget *page;

  liveline_test_click (GTK_WIDGET (window), "_Set Up…");
  preferences = liveline_test_wait_for_toplevel (LIVELINE_TYPE_PREFERENCES_WINDOW);
  page = GTK_WIDGET (adw_preferences_window_get_visible_page (ADW_PREFERENCES_WINDOW (preferences)));
  g_assert_true (LIVELINE_IS_DESTINATION_PAGE (page));
  adw_combo_row_set_selected (ADW_COMBO_ROW (liveline_test_find (page, ADW_TYPE_COMBO_ROW,
                                                                 "title", "_Publish To")),
                              kind);

  return page;
}

static void
save_destination (GtkWidget    *page,
                  LivelineBlog *blog)
{
  liveline_test_click (page, "_Save");
  g_assert_true (liveline_test_wait_for (blog_has_destination, blog, 20000));
  gtk_window_close (GTK_WINDOW (gtk_widget_get_root (page)));
}

static gboolean
post_is_published (gpointer user_data)
{
  return liveline_post_get_state (user_data) == LIVELINE_POST_STATE_PUBLISHED;
}

static void
wait_until_published (LivelineWindow *window,
                      LivelinePost   *post)
{
  GtkWidget *pane = liveline_window_get_timeline_pane (window);
  GtkWidget *row;

  if (!liveline_test_wait_for (post_is_published, post, 30000))
    g_error ("Not published: %s", liveline_post_get_last_error (post));
  row = liveline_test_find_row_showing (pane, LIVELINE_TYPE_POST_ROW,
                                        liveline_post_get_headline (post));
  liveline_test_wait_for_label (row, "Published");
  g_assert_nonnull (liveline_post_get_remote_url (post));
}

static gboolean
has_categories (gpointer user_data)
{
  GtkWidget *row = user_data;

  return g_list_model_get_n_items (adw_combo_row_get_model (ADW_COMBO_ROW (row))) > 1;
}

static JsonObject *
fetch_json (const char *url,
            const char *authorization)
{
  g_auto(LivelineTestFetch) fetch = { 0 };

  liveline_test_fetch (&fetch, "GET", url, NULL, NULL, NULL, 0,
                       "Authorization", authorization, NULL);
  g_assert_cmpuint (liveline_test_fetch_status (&fetch), ==, 200);

  return liveline_test_fetch_json (&fetch);
}

static void
test_publish_to_wordpress (void)
{
  g_autofree char *blog_name = new_blog_name ("WordPress");
  g_autofree char *new_category = g_strdup_printf ("New Category “%s”", blog_name);
  g_autofree char *credentials = NULL;
  g_autofree char *encoded = NULL;
  g_autofree char *basic = NULL;
  g_autofree char *url = NULL;
  g_autoptr(LivelinePost) post = NULL;
  g_autoptr(JsonObject) remote = NULL;
  g_autoptr(JsonObject) media = NULL;
  LivelineWindow *window;
  LivelineBlog *blog;
  GtkWidget *category;
  GtkWidget *page;
  const char *content;

  window = liveline_test_open_window_on_new_blog (application, blog_name, &blog);
  post = write_and_publish (window, "Sea wall breached at Porthcawl");

  page = open_destination_page (window, KIND_WORDPRESS);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (liveline_test_find_entry_row (page,
                                                                                 "_Live Blog at the Endpoint"))));
  gtk_editable_set_text (liveline_test_find_entry_row (page, "_Site Address"),
                         server_value ("WORDPRESS_URL"));
  gtk_editable_set_text (liveline_test_find_entry_row (page, "_User Name"),
                         server_value ("WORDPRESS_USER"));

  /* A wrong password, said in words. */
  gtk_editable_set_text (liveline_test_find_entry_row (page, "_Application Password"),
                         "xxxx xxxx xxxx");
  liveline_test_click (page, "_Test Connection");
  liveline_test_wait_for_label (page, "WordPress did not accept the user name or the application "
                                      "password.");

  gtk_editable_set_text (liveline_test_find_entry_row (page, "_Application Password"),
                         server_value ("WORDPRESS_APP_PASSWORD"));
  liveline_test_click (page, "_Test Connection");
  liveline_test_wait_for_label (page, "Connected. WordPress accepted the user name and "
                                      "application password.");

  /* The site's categories are offered, after a new one named after the blog. */
  category = liveline_test_find (page, ADW_TYPE_COMBO_ROW, "title", "_Category");
  g_assert_true (liveline_test_wait_for (has_categories, category, 20000));
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (adw_combo_row_get_model (ADW_COMBO_ROW (category))),
                                               0),
                   ==, new_category);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (category)), ==, 0);
  liveline_test_take_screenshot (GTK_WIDGET (gtk_widget_get_root (page)), "destination-wordpress");
  save_destination (page, blog);
  g_assert_cmpstr (liveline_blog_get_destination_kind (blog), ==, "wordpress");
  g_assert_cmpstr (liveline_blog_get_username (blog), ==, server_value ("WORDPRESS_USER"));

  wait_until_published (window, post);
  liveline_test_take_screenshot (GTK_WIDGET (window), "published-wordpress");
  liveline_test_capture_page (liveline_post_get_remote_url (post), "wordpress-post");

  /* Read back through WordPress's own API. */
  credentials = g_strdup_printf ("%s:%s", server_value ("WORDPRESS_USER"),
                                 server_value ("WORDPRESS_APP_PASSWORD"));
  encoded = g_base64_encode ((guchar *)credentials, strlen (credentials));
  basic = g_strconcat ("Basic ", encoded, NULL);
  url = g_strdup_printf ("%swp/v2/posts/%s?context=edit", server_value ("WORDPRESS_REST_ROOT"),
                         liveline_post_get_remote_id (post));
  remote = fetch_json (url, basic);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (remote, "title"), "raw"),
                   ==, "Sea wall breached at Porthcawl");
  content = json_object_get_string_member (json_object_get_object_member (remote, "content"), "raw");
  g_assert_nonnull (strstr (content, "<strong>90 mph</strong>"));
  g_assert_nonnull (strstr (content, CAPTION));
  g_assert_nonnull (strstr (content, "Credit: " CREDIT));
  g_assert_cmpint (json_object_get_int_member (remote, "featured_media"), >, 0);

  g_clear_pointer (&url, g_free);
  url = g_strdup_printf ("%swp/v2/media/%" G_GINT64_FORMAT "?context=edit",
                         server_value ("WORDPRESS_REST_ROOT"),
                         json_object_get_int_member (remote, "featured_media"));
  media = fetch_json (url, basic);
  g_assert_cmpstr (json_object_get_string_member (media, "alt_text"), ==, ALT);

  gtk_window_close (GTK_WINDOW (window));
}

static void
test_publish_to_micropub (void)
{
  g_autofree char *blog_name = new_blog_name ("Micropub");
  g_autofree char *bearer = g_strconcat ("Bearer ", server_value ("MICROPUB_TOKEN"), NULL);
  g_autofree char *escaped = NULL;
  g_autofree char *url = NULL;
  g_autoptr(LivelinePost) post = NULL;
  g_autoptr(JsonObject) source = NULL;
  g_autofree char *text = NULL;
  LivelineWindow *window;
  LivelineBlog *blog;
  GtkWidget *page;

  window = liveline_test_open_window_on_new_blog (application, blog_name, &blog);
  post = write_and_publish (window, "Ferries cancelled across the Irish Sea");

  page = open_destination_page (window, KIND_MICROPUB);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (liveline_test_find_entry_row (page,
                                                                                 "_User Name"))));
  gtk_editable_set_text (liveline_test_find_entry_row (page, "_Site or Micropub Endpoint"),
                         server_value ("MICROPUB_SITE_URL"));
  gtk_editable_set_text (liveline_test_find_entry_row (page, "_Token"), server_value ("MICROPUB_TOKEN"));
  liveline_test_click (page, "_Test Connection");
  liveline_test_wait_for_label (page, "Connected. The Micropub endpoint accepted the token.");
  liveline_test_take_screenshot (GTK_WIDGET (gtk_widget_get_root (page)), "destination-micropub");
  save_destination (page, blog);
  g_assert_cmpstr (liveline_blog_get_destination_kind (blog), ==, "micropub");

  wait_until_published (window, post);
  liveline_test_capture_page (liveline_post_get_remote_url (post), "micropub-post");

  /* Read back with the server's own q=source. */
  escaped = g_uri_escape_string (liveline_post_get_remote_url (post), NULL, FALSE);
  url = g_strdup_printf ("%s?q=source&url=%s", server_value ("MICROPUB_ENDPOINT"), escaped);
  source = fetch_json (url, bearer);
  text = json_to_string (json_object_get_member (source, "properties"), FALSE);
  g_assert_nonnull (strstr (text, "Ferries cancelled across the Irish Sea"));
  g_assert_nonnull (strstr (text, "Credit: " CREDIT));
  g_assert_nonnull (strstr (text, ALT));

  gtk_window_close (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  LivelineTestKeyring *keyring;
  g_autoptr(GError) error = NULL;
  int status;

  home = liveline_test_make_home ();
  keyring = liveline_test_keyring_start (home);
  gtk_test_init (&argc, &argv, NULL);
  servers = liveline_test_integration_servers ();

  application = liveline_application_new ();
  g_application_set_flags (G_APPLICATION (application), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (application), NULL, &error));
  g_assert_no_error (error);

  g_test_add_func ("/publishing-endpoints/wordpress", test_publish_to_wordpress);
  g_test_add_func ("/publishing-endpoints/micropub", test_publish_to_micropub);

  status = g_test_run ();

  g_clear_object (&application);
  g_clear_pointer (&servers, g_hash_table_unref);
  liveline_test_keyring_stop (keyring);
  liveline_test_remove_tree (home);
  g_free (home);

  return status;
}
