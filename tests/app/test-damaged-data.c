/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-damaged-data"

#include "config.h"

#include <adwaita.h>

#include "liveline-application.h"
#include "liveline-store.h"
#include "liveline-test-damage.h"
#include "liveline-test-util.h"
#include "liveline-test-widgets.h"

/* Liveline started on data damaged on disk: the window says, in words, how
 * many updates were copied into new data and where the damaged file was
 * kept.
 */

#define N_POSTS 120

static char *data_dir;
static guint n_readable;

static void
test_damaged_data_is_told (void)
{
  g_autoptr(LivelineApplication) application = liveline_application_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *copied = NULL;
  LivelineStore *store;
  GtkWindow *dialog;
  const char *aside;
  const char *body;

  /* Tests must not meet a Liveline the developer is running. */
  g_application_set_flags (G_APPLICATION (application), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (application), NULL, &error));
  g_assert_no_error (error);

  store = liveline_session_get_store (liveline_application_get_session (application));
  aside = liveline_store_get_moved_aside (store);
  g_assert_nonnull (aside);
  g_assert_cmpuint (liveline_store_get_salvaged_posts (store), ==, n_readable);

  g_application_activate (G_APPLICATION (application));
  dialog = liveline_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);

  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Liveline’s data was damaged");
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  copied = g_strdup_printf ("Liveline copied the %u updates it could still read into new "
                            "data; some could not be read.", n_readable);
  g_assert_true (g_str_has_prefix (body, copied));
  g_assert_nonnull (strstr (body, aside));
  g_assert_true (g_file_test (aside, G_FILE_TEST_IS_REGULAR));

  gtk_window_destroy (dialog);
  while (g_list_model_get_n_items (gtk_window_get_toplevels ()) > 0)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (gtk_window_get_toplevels (), 0);

      gtk_window_destroy (window);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = liveline_test_make_home ();
  g_autofree char *path = NULL;
  gboolean readable[N_POSTS + 1];
  guint lost;
  int status;

  gtk_test_init (&argc, &argv, NULL);

  data_dir = g_build_filename (g_get_user_data_dir (), DATA_DIR_NAME, NULL);
  path = g_build_filename (data_dir, "liveline.db", NULL);
  liveline_test_fill_store (data_dir, N_POSTS, 5);
  lost = liveline_test_damage_post_page (path, 0);
  n_readable = liveline_test_read_posts (path, N_POSTS, readable);
  g_assert_cmpuint (n_readable, ==, N_POSTS - lost);

  g_test_add_func ("/damaged-data/is-told", test_damaged_data_is_told);

  status = g_test_run ();

  liveline_test_remove_tree (home);
  g_free (data_dir);

  return status;
}
