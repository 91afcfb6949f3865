/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-store"

#include "config.h"

#include "liveline-post.h"
#include "liveline-revision.h"
#include "liveline-store-private.h"

/* The revisions a post keeps: the last one, which a save compares the post
 * with, and the list the editor's history shows. A save writes them, in
 * liveline-store-posts.c.
 */

/* The content of the last revision; for a post never saved with content,
 * the content of an empty post, so typing nothing keeps nothing.
 */
char *
_liveline_store_dup_last_snapshot (LivelineStore  *self,
                                   LivelinePost   *post,
                                   guint          *revision,
                                   GError        **error)
{
  sqlite3_stmt *stmt;
  char *snapshot = NULL;

  if (!(stmt = _liveline_store_statement (self,
                                          "SELECT revision, snapshot FROM revisions"
                                          " WHERE post_id = ? ORDER BY revision DESC LIMIT 1",
                                          error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, liveline_post_get_id (post));
  if (_liveline_store_step (self, stmt) == SQLITE_ROW)
    {
      *revision = sqlite3_column_int (stmt, 0);
      snapshot = _liveline_store_dup_column_text (stmt, 1);
    }
  sqlite3_reset (stmt);

  if (snapshot == NULL)
    {
      g_autoptr(LivelinePost) empty = liveline_post_new (NULL, 0);

      *revision = 0;
      snapshot = liveline_post_dup_content_snapshot (empty);
    }

  return snapshot;
}

/**
 * liveline_store_list_revisions:
 * @self: a #LivelineStore
 * @post: a post of @self
 * @error: a location for a #GError
 *
 * Returns: (transfer full): the kept versions of @post's content, newest
 *   first, as #LivelineRevision
 */
GListModel *
liveline_store_list_revisions (LivelineStore  *self,
                               LivelinePost   *post,
                               GError        **error)
{
  g_autoptr(GListStore) revisions = g_list_store_new (LIVELINE_TYPE_REVISION);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (LIVELINE_IS_STORE (self), NULL);
  g_return_val_if_fail (LIVELINE_IS_POST (post), NULL);

  if (!(stmt = _liveline_store_statement (self,
                                          "SELECT revision, created_at, snapshot FROM revisions"
                                          " WHERE post_id = ? ORDER BY revision DESC",
                                          error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, liveline_post_get_id (post));
  while ((rc = _liveline_store_step (self, stmt)) == SQLITE_ROW)
    {
      g_autoptr(GDateTime) created_at = _liveline_store_column_time (stmt, 1);
      g_autoptr(LivelineRevision) revision = NULL;

      revision = liveline_revision_new (sqlite3_column_int (stmt, 0),
                                        created_at,
                                        (const char *)sqlite3_column_text (stmt, 2));
      g_list_store_append (revisions, revision);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _liveline_store_set_error (self, error);
      return NULL;
    }

  return G_LIST_MODEL (g_steal_pointer (&revisions));
}
