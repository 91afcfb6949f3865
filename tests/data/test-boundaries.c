/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-boundaries"

#include "config.h"

#include <json-glib/json-glib.h>

#include "liveline-test-util.h"

/* liveline-core is tested without a display and reused by the server, so it
 * must never see GTK: neither in what it includes nor in how meson builds it.
 * Inside it, each publisher (src/core/publish/<kind>/) knows only what every
 * publisher shares, never another publisher's headers.
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

/* Adds the path of every .c and .h file under @root, relative to it, to
 * @found; subfolders are walked too.
 */
static void
collect_sources (const char *root,
                 const char *relative,
                 GPtrArray  *found)
{
  g_autofree char *path = g_build_filename (root, relative, NULL);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (relative, name, NULL);
      g_autofree char *child_path = g_build_filename (root, child, NULL);

      if (g_file_test (child_path, G_FILE_TEST_IS_DIR))
        collect_sources (root, child, found);
      else if (g_str_has_suffix (name, ".c") || g_str_has_suffix (name, ".h"))
        g_ptr_array_add (found, g_steal_pointer (&child));
    }
}

static void
test_core_includes_no_gtk (void)
{
  g_autofree char *core = liveline_test_source_path ("src", "core", NULL);
  g_autoptr(GRegex) include = g_regex_new ("#\\s*include\\s*[<\"](gtk/|gdk/|adwaita|appstream)",
                                           0, 0, NULL);
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_free);
  guint in_folders = 0;

  collect_sources (core, ".", sources);

  for (guint i = 0; i < sources->len; i++)
    {
      const char *relative = g_ptr_array_index (sources, i);
      g_autofree char *path = g_build_filename (core, relative, NULL);
      g_autofree char *contents = NULL;

      if (strchr (relative + strlen ("./"), G_DIR_SEPARATOR) != NULL)
        in_folders++;

      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      if (g_regex_match (include, contents, 0, NULL))
        g_error ("src/core/%s includes a GTK header", relative + strlen ("./"));
    }

  /* The walk reached the subsystems' folders, not only the top. */
  g_assert_cmpuint (in_folders, >, 0);
}

/* The publisher folder (json, wordpress …) a path relative to src/core is
 * in, or %NULL when it is in none.
 */
static char *
publisher_of (const char *relative)
{
  g_auto(GStrv) parts = g_strsplit (relative, G_DIR_SEPARATOR_S, -1);
  guint i = 0;

  if (g_strcmp0 (parts[i], ".") == 0)
    i++;

  if (g_strcmp0 (parts[i], "publish") != 0 || parts[i + 1] == NULL || parts[i + 2] == NULL)
    return NULL;

  return g_strdup (parts[i + 1]);
}

/* Returns the includes of one publisher that reach into another publisher's
 * folder, in words; empty when every publisher keeps to the interface.
 * Includes are matched by file name, so a header is found whichever path it
 * is written with.
 */
static GPtrArray *
check_publishers (const char *core)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) owner = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GRegex) include = g_regex_new ("^\\s*#\\s*include\\s*\"([^\"]+)\"",
                                           G_REGEX_MULTILINE, 0, NULL);

  collect_sources (core, ".", sources);

  /* Which publisher each header belongs to. */
  for (guint i = 0; i < sources->len; i++)
    {
      const char *relative = g_ptr_array_index (sources, i);
      char *kind = publisher_of (relative);

      if (kind != NULL && g_str_has_suffix (relative, ".h"))
        g_hash_table_insert (owner, g_path_get_basename (relative), kind);
      else
        g_free (kind);
    }

  for (guint i = 0; i < sources->len; i++)
    {
      const char *relative = g_ptr_array_index (sources, i);
      g_autofree char *kind = publisher_of (relative);
      g_autofree char *path = NULL;
      g_autofree char *contents = NULL;
      g_autoptr(GMatchInfo) match = NULL;

      if (kind == NULL)
        continue;

      path = g_build_filename (core, relative, NULL);
      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));

      for (g_regex_match (include, contents, 0, &match);
           g_match_info_matches (match);
           g_match_info_next (match, NULL))
        {
          g_autofree char *header = g_match_info_fetch (match, 1);
          g_autofree char *name = g_path_get_basename (header);
          const char *other = g_hash_table_lookup (owner, name);

          if (other != NULL && g_strcmp0 (other, kind) != 0)
            g_ptr_array_add (problems,
                             g_strdup_printf ("src/core/%s includes %s of the %s publisher",
                                              relative + strlen ("./"), header, other));
        }
    }

  return g_steal_pointer (&problems);
}

static void
test_publishers_know_only_the_interface (void)
{
  g_autofree char *core = liveline_test_source_path ("src", "core", NULL);
  g_autofree char *json = g_build_filename (core, "publish", "json", NULL);
  g_autoptr(GPtrArray) problems = check_publishers (core);

  for (guint i = 0; i < problems->len; i++)
    g_printerr ("%s\n", (char *)g_ptr_array_index (problems, i));

  g_assert_true (g_file_test (json, G_FILE_TEST_IS_DIR));
  g_assert_cmpuint (problems->len, ==, 0);
}

/* The checker itself, on a small tree made for the purpose. */

static void
test_publishers_checker_finds_crossings (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *root = g_dir_make_tmp ("liveline-boundaries-XXXXXX", &error);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GString) all = g_string_new (NULL);

  g_assert_no_error (error);
  liveline_test_add_file (root, "publish/liveline-publisher.h", "#pragma once\n");
  liveline_test_add_file (root, "publish/liveline-destination.c",
                          "#include \"liveline-alpha-publisher.h\"\n"
                          "#include \"liveline-beta-publisher.h\"\n");
  liveline_test_add_file (root, "publish/alpha/liveline-alpha-publisher.h",
                          "#include \"liveline-publisher.h\"\n");
  liveline_test_add_file (root, "publish/alpha/liveline-alpha-publisher.c",
                          "#include \"liveline-alpha-publisher.h\"\n"
                          "  #  include \"../beta/liveline-beta-publisher-private.h\"\n");
  liveline_test_add_file (root, "publish/beta/liveline-beta-publisher.h",
                          "#include \"liveline-publisher.h\"\n");
  liveline_test_add_file (root, "publish/beta/liveline-beta-publisher-private.h",
                          "#pragma once\n");
  liveline_test_add_file (root, "publish/beta/liveline-beta-publisher.c",
                          "#include \"liveline-beta-publisher-private.h\"\n"
                          "/* #include \"liveline-alpha-publisher.h\" is only a comment here */\n");
  liveline_test_add_file (root, "session/liveline-session.c",
                          "#include \"liveline-beta-publisher.h\"\n");

  problems = check_publishers (root);
  for (guint i = 0; i < problems->len; i++)
    g_string_append_printf (all, "%s\n", (char *)g_ptr_array_index (problems, i));
  g_test_message ("%s", all->str);

  g_assert_nonnull (strstr (all->str,
                            "src/core/publish/alpha/liveline-alpha-publisher.c includes "
                            "../beta/liveline-beta-publisher-private.h of the beta publisher"));
  g_assert_cmpuint (problems->len, ==, 1);

  liveline_test_remove_tree (root);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/boundaries/core-is-built-without-gtk", test_core_is_built_without_gtk);
  g_test_add_func ("/boundaries/core-includes-no-gtk", test_core_includes_no_gtk);
  g_test_add_func ("/boundaries/publishers-know-only-the-interface",
                   test_publishers_know_only_the_interface);
  g_test_add_func ("/boundaries/publishers-checker-finds-crossings",
                   test_publishers_checker_finds_crossings);

  return g_test_run ();
}
