/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-application"

#include "config.h"

#include <glib/gi18n.h>

#include "liveline-application-private.h"
#include "liveline-first-frame.h"
#include "liveline-window.h"

G_DEFINE_FINAL_TYPE (LivelineApplication, liveline_application, ADW_TYPE_APPLICATION)

static void
on_session_error_response (AdwMessageDialog    *dialog,
                           const char          *response,
                           LivelineApplication *self)
{
  g_application_quit (G_APPLICATION (self));
}

/* Without its data folder Liveline cannot keep a single keystroke, so it
 * says why in words and goes no further.
 */
static void
show_session_error (LivelineApplication *self,
                    GtkWindow           *parent)
{
  AdwMessageDialog *dialog;

  g_assert (LIVELINE_IS_APPLICATION (self));
  g_assert (self->session_error != NULL);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent,
                                                       _("Liveline cannot open its data"),
                                                       self->session_error->message));
  adw_message_dialog_add_response (dialog, "quit", _("_Quit"));
  g_signal_connect (dialog, "response", G_CALLBACK (on_session_error_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A damaged database was kept and what could be read of it copied into a
 * new one: say so once, with where the old one is, so nothing is lost
 * without the journalist knowing.
 */
static void
show_moved_aside (LivelineApplication *self,
                  GtkWindow           *parent)
{
  LivelineStore *store = liveline_session_get_store (self->session);
  const char *aside = liveline_store_get_moved_aside (store);
  guint n_posts = liveline_store_get_salvaged_posts (store);
  g_autofree char *copied = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (self->told_moved_aside || aside == NULL)
    return;

  self->told_moved_aside = TRUE;

  if (liveline_store_get_salvage_complete (store))
    copied = g_strdup_printf (ngettext ("Liveline copied its %u update into new data.",
                                        "Liveline copied all its %u updates into new data.",
                                        n_posts),
                              n_posts);
  else
    copied = g_strdup_printf (ngettext ("Liveline copied the %u update it could still read "
                                        "into new data; some could not be read.",
                                        "Liveline copied the %u updates it could still read "
                                        "into new data; some could not be read.",
                                        n_posts),
                              n_posts);

  /* Translators: the first %s says what was copied, the second is a file. */
  body = g_strdup_printf (_("%s The damaged file was kept as “%s”. Your newsroom’s support "
                            "can try to recover more from it."),
                          copied, aside);
  dialog = adw_message_dialog_new (parent, _("Liveline’s data was damaged"), body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Damage found while Liveline runs is repaired the same way, and told the
 * same way.
 */
static void
on_store_recovered (LivelineApplication *self,
                    LivelineStore       *store)
{
  self->told_moved_aside = FALSE;
  show_moved_aside (self, gtk_application_get_active_window (GTK_APPLICATION (self)));
}

static void
liveline_application_startup (GApplication *application)
{
  LivelineApplication *self = LIVELINE_APPLICATION (application);
  g_autofree char *data_dir = NULL;

  G_APPLICATION_CLASS (liveline_application_parent_class)->startup (application);

  gtk_window_set_default_icon_name (APP_ID);

  self->settings = liveline_settings_new (APP_ID);

  data_dir = g_build_filename (g_get_user_data_dir (), DATA_DIR_NAME, NULL);
  self->session = liveline_session_new (data_dir, NULL, &self->session_error);
  if (self->session == NULL)
    {
      g_warning ("%s", self->session_error->message);
    }
  else
    {
#if DEVELOPMENT_BUILD
      /* build-aux/dev run starts a local liveline-server to publish to. */
      liveline_session_set_default_endpoint (self->session, g_getenv ("LIVELINE_LOCAL_PREVIEW"));
#endif
      liveline_settings_bind (self->settings, LIVELINE_SETTINGS_KEY_DELETE_PERMANENTLY,
                              self->session, "delete-permanently", G_SETTINGS_BIND_GET);
      liveline_outbox_start (liveline_session_get_outbox (self->session));
      g_signal_connect_object (liveline_session_get_store (self->session), "recovered",
                               G_CALLBACK (on_store_recovered), self, G_CONNECT_SWAPPED);
    }

  _liveline_application_actions_init (self);
}

static void
liveline_application_activate (GApplication *application)
{
  LivelineApplication *self = LIVELINE_APPLICATION (application);
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window == NULL)
    {
      window = GTK_WINDOW (liveline_window_new (self));
      liveline_first_frame_watch (window);
    }

  gtk_window_present (window);

  if (self->session_error != NULL)
    show_session_error (self, window);
  else
    show_moved_aside (self, window);
}

static void
liveline_application_dispose (GObject *object)
{
  LivelineApplication *self = (LivelineApplication *)object;

  g_clear_object (&self->session);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (liveline_application_parent_class)->dispose (object);
}

static void
liveline_application_finalize (GObject *object)
{
  LivelineApplication *self = (LivelineApplication *)object;

  g_clear_error (&self->session_error);

  G_OBJECT_CLASS (liveline_application_parent_class)->finalize (object);
}

static void
liveline_application_class_init (LivelineApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = liveline_application_dispose;
  object_class->finalize = liveline_application_finalize;

  application_class->startup = liveline_application_startup;
  application_class->activate = liveline_application_activate;
}

static void
liveline_application_init (LivelineApplication *self)
{
}

/**
 * liveline_application_new:
 *
 * Returns: (transfer full): the Liveline application
 */
LivelineApplication *
liveline_application_new (void)
{
  return g_object_new (LIVELINE_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       /* A .Devel build shares its resources with the release. */
                       "resource-base-path", RESOURCE_PATH,
                       NULL);
}

/**
 * liveline_application_get_settings:
 * @self: a #LivelineApplication
 *
 * Returns: (transfer none): the application's settings, once started
 */
LivelineSettings *
liveline_application_get_settings (LivelineApplication *self)
{
  g_return_val_if_fail (LIVELINE_IS_APPLICATION (self), NULL);

  return self->settings;
}

/**
 * liveline_application_get_session:
 * @self: a #LivelineApplication
 *
 * Returns: (transfer none) (nullable): the session, or %NULL when it could
 *   not be opened
 */
LivelineSession *
liveline_application_get_session (LivelineApplication *self)
{
  g_return_val_if_fail (LIVELINE_IS_APPLICATION (self), NULL);

  return self->session;
}
