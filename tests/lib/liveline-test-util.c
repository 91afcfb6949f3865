/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-test"

#include "config.h"

#include <gio/gio.h>

#include "liveline-test-util.h"

/**
 * liveline_test_make_home:
 *
 * Points HOME and the XDG user folders at a new temporary folder, so a test
 * never reads or writes a real user's data. Call it before anything asks
 * GLib for those folders.
 *
 * Returns: (transfer full): the temporary folder, to remove at the end
 */
char *
liveline_test_make_home (void)
{
  g_autoptr(GError) error = NULL;
  char *home = g_dir_make_tmp ("liveline-test-XXXXXX", &error);
  static const char *variables[][2] = {
    { "XDG_DATA_HOME", "data" },
    { "XDG_CONFIG_HOME", "config" },
    { "XDG_CACHE_HOME", "cache" },
    { "XDG_STATE_HOME", "state" },
  };

  g_assert_no_error (error);
  g_setenv ("HOME", home, TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (variables); i++)
    {
      g_autofree char *path = g_build_filename (home, variables[i][1], NULL);

      g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
      g_setenv (variables[i][0], path, TRUE);
    }

  return home;
}

static void
remove_file_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) children = NULL;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (children != NULL)
    {
      GFileInfo *info;
      GFile *child;

      while (g_file_enumerator_iterate (children, &info, &child, NULL, NULL) && info != NULL)
        remove_file_tree (child);
    }

  g_file_delete (file, NULL, NULL);
}

void
liveline_test_remove_tree (const char *path)
{
  g_autoptr(GFile) file = NULL;

  g_assert (path != NULL);

  file = g_file_new_for_path (path);
  remove_file_tree (file);
}

/**
 * liveline_test_write_file:
 * @path: where to write
 * @data: what the file holds
 * @length: how many bytes of @data, or -1 when it is text
 */
void
liveline_test_write_file (const char *path,
                          const void *data,
                          gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
}

/**
 * liveline_test_add_file:
 * @root: a folder
 * @relative: a path under @root
 * @contents: what the file holds
 *
 * Writes a file under @root, making the folders on its way.
 */
void
liveline_test_add_file (const char *root,
                        const char *relative,
                        const char *contents)
{
  g_autofree char *path = g_build_filename (root, relative, NULL);
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  liveline_test_write_file (path, contents, -1);
}

static gboolean
on_timeout (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;

  return G_SOURCE_REMOVE;
}

/**
 * liveline_test_wait_for:
 * @condition: checked after each main loop iteration
 * @user_data: passed to @condition
 * @timeout_ms: how long to wait at most
 *
 * Runs the default main context until @condition holds.
 *
 * Returns: whether @condition held before the time ran out
 */
gboolean
liveline_test_wait_for (LivelineTestCondition condition,
                        gpointer              user_data,
                        guint                 timeout_ms)
{
  gboolean timed_out = FALSE;
  guint timeout_id;

  timeout_id = g_timeout_add (timeout_ms, on_timeout, &timed_out);

  while (!condition (user_data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (timeout_id);

  return condition (user_data);
}

/**
 * liveline_test_source_path:
 * @first_element: a path relative to the top of the source tree
 * @...: more elements, then %NULL
 *
 * Returns: (transfer full): the path of a file of the source tree
 */
char *
liveline_test_source_path (const char *first_element,
                           ...)
{
  g_autofree char *relative = NULL;
  va_list args;

  va_start (args, first_element);
  relative = g_build_filename_valist (first_element, &args);
  va_end (args);

  /* G_TEST_SRCDIR is the tests folder; the tree starts one level up. */
  return g_build_filename (g_test_get_dir (G_TEST_DIST), "..", relative, NULL);
}

/**
 * liveline_test_keep_result:
 * @object: the source of an asynchronous call
 * @result: its result
 * @user_data: a `GAsyncResult **`, set to a reference to @result
 *
 * A #GAsyncReadyCallback for liveline_test_wait_for_result().
 */
void
liveline_test_keep_result (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  GAsyncResult **kept = user_data;

  *kept = g_object_ref (result);
}

static gboolean
has_result (gpointer user_data)
{
  GAsyncResult **result = user_data;

  return *result != NULL;
}

/**
 * liveline_test_wait_for_result:
 * @result: where liveline_test_keep_result() puts the result
 * @timeout_ms: how long to wait at most
 *
 * Runs the default main context until the asynchronous call finished.
 *
 * Returns: whether it finished in time
 */
gboolean
liveline_test_wait_for_result (GAsyncResult **result,
                               guint          timeout_ms)
{
  return liveline_test_wait_for (has_result, result, timeout_ms);
}

static gboolean
never (gpointer user_data)
{
  return FALSE;
}

/**
 * liveline_test_run_for:
 * @ms: how long
 *
 * Lets the main loop run, timers and all, for @ms.
 */
void
liveline_test_run_for (guint ms)
{
  liveline_test_wait_for (never, NULL, ms);
}

/**
 * liveline_test_pointer_is_null:
 * @user_data: a `gpointer *`, such as a weak pointer
 *
 * A #LivelineTestCondition: whether the object it pointed to is gone.
 */
gboolean
liveline_test_pointer_is_null (gpointer user_data)
{
  return *(gpointer *)user_data == NULL;
}
