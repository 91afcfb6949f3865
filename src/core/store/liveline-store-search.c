/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-store"

#include "config.h"

#include "liveline-store-private.h"

/* Which posts a timeline shows, and in what order: counted, filtered by state
 * and searched through the full-text index. The posts themselves are loaded
 * in liveline-store-posts.c.
 */

/* Turns what a journalist types into an FTS5 query: every word must match,
 * as the start of a word, and nothing typed is read as FTS5 syntax.
 */
static char *
search_to_match (const char *search)
{
  g_auto(GStrv) words = NULL;
  GString *match;

  if (search == NULL)
    return NULL;

  words = g_strsplit_set (search, " \t\n\r", -1);
  match = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] == '\0')
        continue;

      if (match->len > 0)
        g_string_append_c (match, ' ');

      g_string_append_c (match, '"');
      for (const char *c = words[i]; *c != '\0'; c++)
        {
          if (*c == '"')
            g_string_append_c (match, '"');
          g_string_append_c (match, *c);
        }
      g_string_append (match, "\"*");
    }

  if (match->len == 0)
    {
      g_string_free (match, TRUE);
      return NULL;
    }

  return g_string_free (match, FALSE);
}

/* The order of a timeline: pinned updates first, then the newest; a
 * timeline may read its ids a stretch at a time.
 */
#define TIMELINE_ORDER " ORDER BY pinned DESC, created_at DESC, id DESC LIMIT ?4 OFFSET ?5"

/* How many posts a blog's timeline holds, without a filter or a search:
 * counted over the index, without reading a row.
 */
gboolean
_liveline_store_count_posts (LivelineStore  *self,
                             gint64          blog_id,
                             guint          *count,
                             GError        **error)
{
  sqlite3_stmt *stmt;
  gboolean counted;

  g_assert (LIVELINE_IS_STORE (self));
  g_assert (count != NULL);

  if (!(stmt = _liveline_store_statement (self,
                                          "SELECT count (*) FROM posts"
                                          " WHERE blog_id = ?1 AND trashed_at IS NULL",
                                          error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, blog_id);
  counted = _liveline_store_step (self, stmt) == SQLITE_ROW;
  if (counted)
    *count = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);

  if (!counted)
    _liveline_store_set_error (self, error);

  return counted;
}

gboolean
_liveline_store_query_post_ids (LivelineStore  *self,
                                gint64          blog_id,
                                int             state,
                                const char     *search,
                                guint           offset,
                                int             limit,
                                GArray         *ids,
                                GError        **error)
{
  static const char * const queries[2][2] = {
    {
      "SELECT id FROM posts WHERE blog_id = ?1 AND trashed_at IS NULL" TIMELINE_ORDER,
      "SELECT id FROM posts WHERE blog_id = ?1 AND trashed_at IS NULL AND state = ?2" TIMELINE_ORDER,
    },
    {
      "SELECT id FROM posts WHERE blog_id = ?1 AND trashed_at IS NULL"
      " AND id IN (SELECT rowid FROM posts_fts WHERE posts_fts MATCH ?3)" TIMELINE_ORDER,
      "SELECT id FROM posts WHERE blog_id = ?1 AND trashed_at IS NULL AND state = ?2"
      " AND id IN (SELECT rowid FROM posts_fts WHERE posts_fts MATCH ?3)" TIMELINE_ORDER,
    },
  };
  g_autofree char *match = search_to_match (search);
  sqlite3_stmt *stmt;
  int rc;

  g_assert (LIVELINE_IS_STORE (self));
  g_assert (ids != NULL);

  if (!(stmt = _liveline_store_statement (self, queries[match != NULL][state >= 0], error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, blog_id);
  if (state >= 0)
    sqlite3_bind_int (stmt, 2, state);
  if (match != NULL)
    sqlite3_bind_text (stmt, 3, match, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, limit);
  sqlite3_bind_int (stmt, 5, offset);

  while ((rc = _liveline_store_step (self, stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _liveline_store_set_error (self, error);
      return FALSE;
    }

  return TRUE;
}
