/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-application-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "liveline-about-window.h"
#include "liveline-application-private.h"
#include "liveline-preferences-window.h"

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

static void
liveline_application_actions_preferences (GSimpleAction *action,
                                          GVariant      *param,
                                          gpointer       user_data)
{
  LivelineApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWindow *preferences;

  /* One Preferences window at a time: asking again brings it forward. */
  for (const GList *iter = gtk_application_get_windows (GTK_APPLICATION (self));
       iter != NULL;
       iter = iter->next)
    {
      if (LIVELINE_IS_PREFERENCES_WINDOW (iter->data))
        {
          gtk_window_present (iter->data);
          return;
        }
    }

  preferences = GTK_WINDOW (liveline_preferences_window_new (self->settings));
  gtk_window_set_application (preferences, GTK_APPLICATION (self));
  gtk_window_set_transient_for (preferences, parent);
  gtk_window_set_modal (preferences, TRUE);
  gtk_window_present (preferences);
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
