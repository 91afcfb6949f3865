/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-about-window"

#include "config.h"

#include <adwaita.h>
#include <appstream.h>
#include <glib/gi18n.h>

#include "liveline-about-window.h"

/* The About window tells what the metainfo tells software centres, read from
 * the copy of the metainfo built into the resources, so the two never differ.
 * (AdwAboutWindow can read metainfo itself only from libadwaita 1.3.)
 */

static GtkLicense
license_from_spdx (const char *spdx)
{
  static const struct {
    const char *spdx;
    GtkLicense  license;
  } licenses[] = {
    { "GPL-3.0-or-later", GTK_LICENSE_GPL_3_0 },
    { "GPL-3.0-only", GTK_LICENSE_GPL_3_0_ONLY },
    { "GPL-2.0-or-later", GTK_LICENSE_GPL_2_0 },
    { "LGPL-2.1-or-later", GTK_LICENSE_LGPL_2_1 },
    { "LGPL-3.0-or-later", GTK_LICENSE_LGPL_3_0 },
    { "MIT", GTK_LICENSE_MIT_X11 },
    { "Apache-2.0", GTK_LICENSE_APACHE_2_0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (licenses); i++)
    {
      if (g_strcmp0 (spdx, licenses[i].spdx) == 0)
        return licenses[i].license;
    }

  return GTK_LICENSE_UNKNOWN;
}

static AsRelease *
latest_release (AsComponent *component)
{
  GPtrArray *releases;

#if AS_CHECK_VERSION (1, 0, 0)
  releases = as_release_list_get_entries (as_component_get_releases_plain (component));
#else
  releases = as_component_get_releases (component);
#endif

  /* AppStream keeps releases newest first. */
  return releases != NULL && releases->len > 0 ? g_ptr_array_index (releases, 0) : NULL;
}

static const char *
developer_name (AsComponent *component)
{
#if AS_CHECK_VERSION (1, 0, 0)
  AsDeveloper *developer = as_component_get_developer (component);

  return developer != NULL ? as_developer_get_name (developer) : NULL;
#else
  return as_component_get_developer_name (component);
#endif
}

/**
 * liveline_about_window_new:
 * @error: a location for a #GError
 *
 * Creates the About window from the application's metainfo.
 *
 * Returns: (transfer floating) (nullable): a new #AdwAboutWindow, or %NULL
 *   with @error set when the metainfo cannot be read
 */
GtkWindow *
liveline_about_window_new (GError **error)
{
  g_autoptr(AsMetadata) metadata = NULL;
  g_autoptr(GBytes) bytes = NULL;
  AsComponent *component;
  AsRelease *release;
  AdwAboutWindow *about;
  const char *website;
  const char *issue_url;

  bytes = g_resources_lookup_data (RESOURCE_PATH "/metainfo.xml",
                                   G_RESOURCE_LOOKUP_FLAGS_NONE,
                                   error);
  if (bytes == NULL)
    return NULL;

  metadata = as_metadata_new ();
  if (!as_metadata_parse_bytes (metadata, bytes, AS_FORMAT_KIND_XML, error))
    return NULL;

  component = as_metadata_get_component (metadata);
  if (component == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "The metainfo describes no component");
      return NULL;
    }

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  adw_about_window_set_application_icon (about, APP_ID);
  adw_about_window_set_application_name (about, as_component_get_name (component));
  adw_about_window_set_comments (about, as_component_get_summary (component));
  adw_about_window_set_developer_name (about, developer_name (component));
  adw_about_window_set_license_type (about,
                                     license_from_spdx (as_component_get_project_license (component)));
  adw_about_window_set_copyright (about, "© 2026 The Liveline developers");
  /* Translators: put your name here, one per line, to be credited in the About window */
  adw_about_window_set_translator_credits (about, _("translator-credits"));

  website = as_component_get_url (component, AS_URL_KIND_HOMEPAGE);
  if (website != NULL)
    adw_about_window_set_website (about, website);

  issue_url = as_component_get_url (component, AS_URL_KIND_BUGTRACKER);
  if (issue_url != NULL)
    adw_about_window_set_issue_url (about, issue_url);

  release = latest_release (component);
  if (release != NULL)
    {
      adw_about_window_set_version (about, as_release_get_version (release));
      if (as_release_get_description (release) != NULL)
        {
          adw_about_window_set_release_notes_version (about, as_release_get_version (release));
          adw_about_window_set_release_notes (about, as_release_get_description (release));
        }
    }

  return GTK_WINDOW (about);
}
