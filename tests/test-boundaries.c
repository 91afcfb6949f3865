/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-boundaries"

#include "config.h"

#include <json-glib/json-glib.h>

#include "liveline-test-util.h"

/* liveline-core is tested without a display and reused by the server, so it
 * must never see GTK: neither in what it includes nor in how meson builds it.
 */

static const char * const forbidden_flags[] = { "gtk-4.0", "libadwaita-1", "appstream" };

static void
test_core_is_built_without_gtk (void)
{
  g_autofree char *path = g_build_filename (g_test_get_dir (G_TEST_BUILT), "..",
                                            "compile_commands.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *commands;
  guint core_files = 0;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  commands = json_node_get_array (json_parser_get_root (parser));

  for (guint i = 0; i < json_array_get_length (commands); i++)
    {
      JsonObject *entry = json_array_get_object_element (commands, i);
      const char *file = json_object_get_string_member (entry, "file");
      const char *command = json_object_get_string_member (entry, "command");

      if (strstr (file, "src/core/") == NULL)
        continue;

      core_files++;
      for (guint j = 0; j < G_N_ELEMENTS (forbidden_flags); j++)
        if (strstr (command, forbidden_flags[j]) != NULL)
          g_error ("%s is compiled with %s", file, forbidden_flags[j]);
    }

  g_assert_cmpuint (core_files, >, 0);
}

static void
test_core_includes_no_gtk (void)
{
  g_autofree char *core = liveline_test_source_path ("src", "core", NULL);
  g_autoptr(GRegex) include = g_regex_new ("#\\s*include\\s*[<\"](gtk/|gdk/|adwaita|appstream)",
                                           0, 0, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (core, 0, &error);
  const char *name;
  guint sources = 0;

  g_assert_no_error (error);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (core, name, NULL);
      g_autofree char *contents = NULL;

      if (!g_str_has_suffix (name, ".c") && !g_str_has_suffix (name, ".h"))
        continue;

      sources++;
      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      if (g_regex_match (include, contents, 0, NULL))
        g_error ("src/core/%s includes a GTK header", name);
    }

  g_assert_cmpuint (sources, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/boundaries/core-is-built-without-gtk", test_core_is_built_without_gtk);
  g_test_add_func ("/boundaries/core-includes-no-gtk", test_core_includes_no_gtk);

  return g_test_run ();
}
