/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-test"

#include "config.h"

#include <unistd.h>

#include "liveline-test-integration.h"
#include "liveline-test-util.h"

/* The real servers of the integration suite: WordPress (Debian's package
 * with MariaDB and Apache) and a Micropub server, on 127.0.0.1, brought up
 * by tests/integration/servers — installed the first time, found running
 * after that. They keep their state in $LIVELINE_INTEGRATION_STATE, or in
 * /tmp (WordPress runs as www-data, who must be able to reach it).
 */

static char *
get_state_dir (void)
{
  const char *dir = g_getenv ("LIVELINE_INTEGRATION_STATE");

  if (dir != NULL && dir[0] != '\0')
    return g_strdup (dir);

  return g_strdup_printf ("/tmp/liveline-integration-%u", (guint)getuid ());
}

/**
 * liveline_test_integration_servers:
 *
 * Brings the servers up, if they are not, and fails the test when they
 * cannot be.
 *
 * Returns: (transfer full): what `servers.env` says, such as
 *   `WORDPRESS_URL` or `MICROPUB_TOKEN`, key to value
 */
GHashTable *
liveline_test_integration_servers (void)
{
  g_autofree char *script = liveline_test_source_path ("tests", "integration", "servers", NULL);
  g_autofree char *state = get_state_dir ();
  g_autofree char *env_path = g_build_filename (state, "servers.env", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  GHashTable *servers;
  int wait_status;

  /* Its progress goes to the test's log, on standard error. */
  g_spawn_sync (NULL, (char *[]) { script, (char *)"up", state, NULL }, NULL,
                G_SPAWN_CHILD_INHERITS_STDIN | G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, &wait_status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (wait_status, &error))
    g_error ("tests/integration/servers up %s failed: %s", state, error->message);

  g_file_get_contents (env_path, &contents, NULL, &error);
  g_assert_no_error (error);

  servers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *equals = strchr (lines[i], '=');

      if (lines[i][0] == '#' || equals == NULL)
        continue;

      g_hash_table_insert (servers, g_strndup (lines[i], equals - lines[i]), g_strdup (equals + 1));
    }

  return servers;
}

/**
 * liveline_test_integration_get:
 * @servers: what liveline_test_integration_servers() gave
 * @key: a key of `servers.env`
 *
 * Returns: its value; the test fails when there is none
 */
const char *
liveline_test_integration_get (GHashTable *servers,
                               const char *key)
{
  const char *value = g_hash_table_lookup (servers, key);

  if (value == NULL)
    g_error ("servers.env has no %s", key);

  return value;
}

/**
 * liveline_test_integration_count_micropub_files:
 * @servers: what liveline_test_integration_servers() gave
 * @slug: the `mp-slug` of a post
 *
 * The Micropub server keeps a post as `MICROPUB_DATA_DIR/src/TYPE/SLUG.md`
 * and refuses a second post of a slug only within one type.
 *
 * Returns: how many posts it keeps of @slug, whatever their type
 */
guint
liveline_test_integration_count_micropub_files (GHashTable *servers,
                                                const char *slug)
{
  g_autofree char *root = g_build_filename (liveline_test_integration_get (servers, "MICROPUB_DATA_DIR"),
                                            "src", NULL);
  g_autofree char *name = g_strconcat (slug, ".md", NULL);
  g_autoptr(GDir) dir = g_dir_open (root, 0, NULL);
  const char *type;
  guint count = 0;

  while (dir != NULL && (type = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (root, type, name, NULL);

      if (g_file_test (path, G_FILE_TEST_EXISTS))
        count++;
    }

  return count;
}
