/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-flatpak-manifest"

#include "config.h"

#include <json-glib/json-glib.h>

#include "liveline-test-util.h"

/* The Flatpak build cannot run here, so the manifest is held to what it
 * must say: the app, its sandbox, and a pinned source for every library the
 * GNOME runtime lacks.
 */

static JsonParser *parser;
static JsonObject *manifest;

static void
test_manifest_names_the_app (void)
{
  const char *runtime_version;
  guint64 version;

  g_assert_cmpstr (json_object_get_string_member (manifest, "id"), ==,
                   "io.github.liveline.Liveline");
  g_assert_false (json_object_has_member (manifest, "app-id"));
  g_assert_cmpstr (json_object_get_string_member (manifest, "command"), ==, "liveline");
  g_assert_cmpstr (json_object_get_string_member (manifest, "runtime"), ==, "org.gnome.Platform");
  g_assert_cmpstr (json_object_get_string_member (manifest, "sdk"), ==, "org.gnome.Sdk");

  runtime_version = json_object_get_string_member (manifest, "runtime-version");
  g_assert_true (g_ascii_string_to_unsigned (runtime_version, 10, 0, 1000, &version, NULL));
  g_assert_cmpuint (version, >=, 49);
}

static void
test_manifest_sandbox (void)
{
  static const char * const expected[] = {
    "--share=network",
    "--share=ipc",
    "--socket=wayland",
    "--socket=fallback-x11",
    "--device=dri",
  };
  JsonArray *finish_args = json_object_get_array_member (manifest, "finish-args");
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_nonnull (finish_args);

  /* Exactly these, once each: files come through the portal, never --filesystem. */
  g_assert_cmpuint (json_array_get_length (finish_args), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < json_array_get_length (finish_args); i++)
    g_assert_true (g_hash_table_add (seen, (gpointer)json_array_get_string_element (finish_args, i)));

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_true (g_hash_table_contains (seen, expected[i]));
}

static void
check_archive_source (const char *module,
                      JsonObject *source)
{
  const char *url = json_object_get_string_member (source, "url");
  const char *sha256 = json_object_get_string_member_with_default (source, "sha256", "");
  g_autoptr(GRegex) hex = g_regex_new ("^[0-9a-f]{64}$", 0, 0, NULL);

  if (!g_str_has_prefix (url, "https://"))
    g_error ("%s: the archive %s is not fetched over https", module, url);
  if (!g_regex_match (hex, sha256, 0, NULL))
    g_error ("%s: the archive %s is not pinned by a sha256", module, url);
}

static void
test_manifest_modules (void)
{
  /* What the GNOME runtime does not ship, then the app itself. */
  static const char * const expected[] = { "cmark", "exiv2", "gexiv2", "liveline" };
  JsonArray *modules = json_object_get_array_member (manifest, "modules");
  JsonObject *app;
  JsonArray *app_sources;

  g_assert_nonnull (modules);
  g_assert_cmpuint (json_array_get_length (modules), ==, G_N_ELEMENTS (expected));

  for (guint i = 0; i < json_array_get_length (modules); i++)
    {
      JsonObject *module = json_array_get_object_element (modules, i);
      const char *name = json_object_get_string_member (module, "name");
      JsonArray *sources = json_object_get_array_member (module, "sources");

      g_assert_cmpstr (name, ==, expected[i]);
      g_assert_nonnull (sources);
      g_assert_cmpuint (json_array_get_length (sources), >, 0);

      for (guint j = 0; j < json_array_get_length (sources); j++)
        {
          JsonObject *source = json_array_get_object_element (sources, j);
          const char *type = json_object_get_string_member (source, "type");

          if (g_strcmp0 (name, "liveline") != 0)
            {
              g_assert_cmpstr (type, ==, "archive");
              check_archive_source (name, source);
            }
        }
    }

  app = json_array_get_object_element (modules, json_array_get_length (modules) - 1);
  g_assert_cmpstr (json_object_get_string_member (app, "buildsystem"), ==, "meson");
  app_sources = json_object_get_array_member (app, "sources");
  g_assert_cmpuint (json_array_get_length (app_sources), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (app_sources, 0),
                                                  "type"), ==, "dir");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  path = liveline_test_source_path ("flatpak", "io.github.liveline.Liveline.json", NULL);
  parser = json_parser_new ();
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  manifest = json_node_get_object (json_parser_get_root (parser));

  g_test_add_func ("/flatpak-manifest/names-the-app", test_manifest_names_the_app);
  g_test_add_func ("/flatpak-manifest/sandbox", test_manifest_sandbox);
  g_test_add_func ("/flatpak-manifest/modules", test_manifest_modules);

  status = g_test_run ();
  g_clear_object (&parser);

  return status;
}
