/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-application-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "liveline-about-window.h"
#include "liveline-application-private.h"
#include "liveline-preferences-window.h"
#include "liveline-window.h"

static void
liveline_application_actions_quit (GSimpleAction *action,
                                   GVariant      *param,
                                   gpointer       user_data)
{
  LivelineApplication *self = user_data;
  GList *windows;

  /* Closing each window lets it save its state first. */
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (const GList *iter = windows; iter != NULL; iter = iter->next)
    gtk_window_close (iter->data);
  g_list_free (windows);

  g_application_quit (G_APPLICATION (self));
}

/**
 * liveline_application_show_preferences:
 * @self: a #LivelineApplication
 * @destination: whether to turn to the open live blog's destination
 *
 * Shows the Preferences window, for the live blog open in the active
 * window. There is one at a time: asking again brings it forward.
 */
void
liveline_application_show_preferences (LivelineApplication *self,
                                       gboolean             destination)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  LivelinePreferencesWindow *preferences = NULL;
  LivelineBlog *blog = NULL;

  g_return_if_fail (LIVELINE_IS_APPLICATION (self));

  for (const GList *iter = gtk_application_get_windows (GTK_APPLICATION (self));
       iter != NULL && preferences == NULL;
       iter = iter->next)
    {
      if (LIVELINE_IS_PREFERENCES_WINDOW (iter->data))
        preferences = iter->data;
    }

  if (preferences == NULL)
    {
      if (LIVELINE_IS_WINDOW (parent))
        blog = liveline_window_get_blog (LIVELINE_WINDOW (parent));

      preferences = liveline_preferences_window_new (self->settings, self->session, blog);
      gtk_window_set_application (GTK_WINDOW (preferences), GTK_APPLICATION (self));
      gtk_window_set_transient_for (GTK_WINDOW (preferences), parent);
      gtk_window_set_modal (GTK_WINDOW (preferences), TRUE);
    }

  if (destination)
    liveline_preferences_window_show_destination (preferences);

  gtk_window_present (GTK_WINDOW (preferences));
}

static void
liveline_application_actions_preferences (GSimpleAction *action,
                                          GVariant      *param,
                                          gpointer       user_data)
{
  liveline_application_show_preferences (user_data, FALSE);
}

static void
liveline_application_actions_set_up_destination (GSimpleAction *action,
                                                 GVariant      *param,
                                                 gpointer       user_data)
{
  liveline_application_show_preferences (user_data, TRUE);
}

static void
liveline_application_actions_about (GSimpleAction *action,
                                    GVariant      *param,
                                    gpointer       user_data)
{
  LivelineApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr(GError) error = NULL;
  GtkWindow *about;

  about = liveline_about_window_new (&error);
  if (about == NULL)
    {
      g_critical ("Cannot show the About window: %s", error->message);
      return;
    }

  gtk_window_set_transient_for (about, parent);
  gtk_window_present (about);
}

static const GActionEntry actions[] = {
  { "quit", liveline_application_actions_quit },
  { "preferences", liveline_application_actions_preferences },
  { "set-up-destination", liveline_application_actions_set_up_destination },
  { "about", liveline_application_actions_about },
};

void
_liveline_application_actions_init (LivelineApplication *self)
{
  static const struct {
    const char *action;
    const char *accels[2];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "win.new-post", { "<Control>n", NULL } },
    { "win.search", { "<Control>f", NULL } },
  };

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   actions,
                                   G_N_ELEMENTS (actions),
                                   self);

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           accels[i].action,
                                           accels[i].accels);
}
