/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-potfiles"

#include "config.h"

#include <gio/gio.h>

#include "liveline-test-util.h"

/* Every file with a translatable string must be in po/POTFILES.in, or its
 * strings never reach translators. The list is kept sorted, without
 * duplicates and without files that no longer exist.
 */

static const char * const scanned_folders[] = { "src", "ui", "data" };

static gboolean
has_translatable_strings (const char *path)
{
  static GRegex *marker;
  g_autofree char *contents = NULL;

  /* Desktop files and metainfo are translatable through and through. */
  if (g_str_has_suffix (path, ".desktop.in") ||
      g_str_has_suffix (path, ".metainfo.xml.in") ||
      g_str_has_suffix (path, ".gschema.xml.in"))
    return TRUE;

  if (!g_str_has_suffix (path, ".c") &&
      !g_str_has_suffix (path, ".h") &&
      !g_str_has_suffix (path, ".ui"))
    return FALSE;

  if (marker == NULL)
    marker = g_regex_new ("(?<![A-Za-z0-9_])(N?C?_|g_dngettext|ngettext)\\s*\\(|translatable=\"yes\"",
                          G_REGEX_OPTIMIZE, 0, NULL);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));

  return g_regex_match (marker, contents, 0, NULL);
}

static void
collect_translatable (const char *root,
                      const char *relative,
                      GPtrArray  *found)
{
  g_autofree char *path = g_build_filename (root, relative, NULL);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      if (has_translatable_strings (path))
        g_ptr_array_add (found, g_strdup (relative));
      return;
    }

  dir = g_dir_open (path, 0, NULL);
  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (relative, name, NULL);

      collect_translatable (root, child, found);
    }
}

/* Returns a list of problems, in words; empty when all is well. */
static GPtrArray *
check_potfiles (const char *root)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) translatable = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *potfiles = g_build_filename (root, "po", "POTFILES.in", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  const char *previous = NULL;

  if (!g_file_get_contents (potfiles, &contents, NULL, &error))
    {
      g_ptr_array_add (problems, g_strdup (error->message));
      return g_steal_pointer (&problems);
    }

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = g_strstrip (lines[i]);
      g_autofree char *path = NULL;

      if (line[0] == '\0' || line[0] == '#')
        continue;

      if (previous != NULL && strcmp (previous, line) >= 0)
        g_ptr_array_add (problems,
                         g_strdup_printf ("%s is out of order or repeated in POTFILES.in", line));
      previous = line;

      path = g_build_filename (root, line, NULL);
      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (problems,
                         g_strdup_printf ("%s is in POTFILES.in but does not exist", line));

      g_hash_table_add (listed, g_strdup (line));
    }

  for (guint i = 0; i < G_N_ELEMENTS (scanned_folders); i++)
    collect_translatable (root, scanned_folders[i], translatable);

  for (guint i = 0; i < translatable->len; i++)
    {
      const char *path = g_ptr_array_index (translatable, i);

      if (!g_hash_table_contains (listed, path))
        g_ptr_array_add (problems,
                         g_strdup_printf ("%s has translatable strings but is not in POTFILES.in",
                                          path));
    }

  return g_steal_pointer (&problems);
}

static void
test_potfiles_complete (void)
{
  g_autofree char *root = liveline_test_source_path (".", NULL);
  g_autoptr(GPtrArray) problems = check_potfiles (root);

  for (guint i = 0; i < problems->len; i++)
    g_printerr ("%s\n", (char *)g_ptr_array_index (problems, i));

  g_assert_cmpuint (problems->len, ==, 0);
}

/* The checker itself, on a small tree made for the purpose. */

static void
test_potfiles_finds_missing_and_stale (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *root = g_dir_make_tmp ("liveline-potfiles-XXXXXX", &error);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GString) all = g_string_new (NULL);

  g_assert_no_error (error);
  liveline_test_add_file (root, "src/app/listed.c", "const char *a = _(\"Publish\");\n");
  liveline_test_add_file (root, "src/app/missing.c",
                          "label = ngettext (\"%d update\", \"%d updates\", n);\n");
  liveline_test_add_file (root, "src/app/plain.c", "static int my_(void); int x = my_();\n");
  liveline_test_add_file (root, "ui/missing.ui",
                          "<property name=\"label\" translatable=\"yes\">Queued</property>");
  liveline_test_add_file (root, "po/POTFILES.in",
                          "# comment\nsrc/app/gone.c\nsrc/app/listed.c\nsrc/app/aaa.c\n");

  problems = check_potfiles (root);
  for (guint i = 0; i < problems->len; i++)
    g_string_append_printf (all, "%s\n", (char *)g_ptr_array_index (problems, i));
  g_test_message ("%s", all->str);

  g_assert_nonnull (strstr (all->str, "src/app/missing.c has translatable strings"));
  g_assert_nonnull (strstr (all->str, "ui/missing.ui has translatable strings"));
  g_assert_nonnull (strstr (all->str, "src/app/gone.c is in POTFILES.in but does not exist"));
  g_assert_nonnull (strstr (all->str, "src/app/aaa.c is out of order"));
  g_assert_null (strstr (all->str, "listed.c has"));
  g_assert_null (strstr (all->str, "plain.c"));
  g_assert_cmpuint (problems->len, ==, 5);

  liveline_test_remove_tree (root);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/potfiles/complete", test_potfiles_complete);
  g_test_add_func ("/potfiles/finds-missing-and-stale", test_potfiles_finds_missing_and_stale);

  return g_test_run ();
}
