/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "liveline-blog-private.h"
#include "liveline-store-private.h"

/* Live blogs: the half of LivelineStore that the blog switcher uses. */

gboolean
_liveline_store_load_blogs (LivelineStore  *self,
                            GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _liveline_store_statement (self,
                                    "SELECT id, uuid, name, slug, created_at, destination_kind,"
                                    " endpoint_url, remote_blog_id, username FROM blogs"
                                    " WHERE archived = 0 ORDER BY name COLLATE NOCASE, id",
                                    error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = _liveline_store_step (self, stmt)) == SQLITE_ROW)
    {
      g_autoptr(GDateTime) created_at = _liveline_store_time_from_usec (sqlite3_column_int64 (stmt, 4));
      g_autoptr(LivelineBlog) blog = NULL;

      blog = _liveline_blog_new (sqlite3_column_int64 (stmt, 0),
                                 (const char *)sqlite3_column_text (stmt, 1),
                                 (const char *)sqlite3_column_text (stmt, 2),
                                 (const char *)sqlite3_column_text (stmt, 3),
                                 created_at,
                                 FALSE);
      _liveline_blog_set_destination (blog,
                                      (const char *)sqlite3_column_text (stmt, 5),
                                      (const char *)sqlite3_column_text (stmt, 6),
                                      (const char *)sqlite3_column_text (stmt, 7),
                                      (const char *)sqlite3_column_text (stmt, 8));
      g_list_store_append (self->blogs, blog);
    }

  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _liveline_store_set_error (self, error);
      return FALSE;
    }

  return TRUE;
}

/**
 * liveline_store_get_blogs:
 * @self: a #LivelineStore
 *
 * Returns: (transfer none): the live blogs that are not archived, by name
 */
GListModel *
liveline_store_get_blogs (LivelineStore *self)
{
  g_return_val_if_fail (LIVELINE_IS_STORE (self), NULL);

  return G_LIST_MODEL (self->blogs);
}

static int
compare_blogs (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  int by_name = g_utf8_collate (liveline_blog_get_name ((LivelineBlog *)a),
                                liveline_blog_get_name ((LivelineBlog *)b));

  if (by_name != 0)
    return by_name;

  return (liveline_blog_get_id ((LivelineBlog *)a) > liveline_blog_get_id ((LivelineBlog *)b)) -
         (liveline_blog_get_id ((LivelineBlog *)a) < liveline_blog_get_id ((LivelineBlog *)b));
}

static char *
clean_name (const char  *name,
            GError     **error)
{
  g_autofree char *clean = g_strstrip (g_strdup (name));

  if (clean[0] == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("A live blog needs a name"));
      return NULL;
    }

  return g_steal_pointer (&clean);
}

static gboolean
slug_is_taken (LivelineStore *self,
               const char    *slug)
{
  sqlite3_stmt *stmt = _liveline_store_statement (self, "SELECT 1 FROM blogs WHERE slug = ?", NULL);
  gboolean taken;

  if (stmt == NULL)
    return TRUE;

  sqlite3_bind_text (stmt, 1, slug, -1, SQLITE_TRANSIENT);
  taken = _liveline_store_step (self, stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);

  return taken;
}

/**
 * liveline_store_create_blog:
 * @self: a #LivelineStore
 * @name: what the journalist calls the live blog, such as "Syria talks"
 * @error: a location for a #GError
 *
 * Returns: (transfer none): the new blog, now in liveline_store_get_blogs()
 */
LivelineBlog *
liveline_store_create_blog (LivelineStore  *self,
                            const char     *name,
                            GError        **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(LivelineBlog) blog = NULL;
  g_autofree char *clean = NULL;
  g_autofree char *base_slug = NULL;
  g_autofree char *slug = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LIVELINE_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (!_liveline_store_ensure_sound (self, error))
    return NULL;

  if (!(clean = clean_name (name, error)))
    return NULL;

  base_slug = liveline_blog_slug_from_name (clean);
  slug = g_strdup (base_slug);
  for (guint n = 2; slug_is_taken (self, slug); n++)
    {
      g_free (slug);
      slug = g_strdup_printf ("%s-%u", base_slug, n);
    }

  stmt = _liveline_store_statement (self,
                                    "INSERT INTO blogs (uuid, name, slug, created_at)"
                                    " VALUES (?, ?, ?, ?)",
                                    error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, clean, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, slug, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, _liveline_store_usec_from_time (now));
  if (!_liveline_store_step_done (self, stmt, error))
    return NULL;

  blog = _liveline_blog_new (sqlite3_last_insert_rowid (self->db), uuid, clean, slug, now, FALSE);
  g_list_store_insert_sorted (self->blogs, blog, compare_blogs, NULL);

  return blog;
}

static gboolean
find_blog_position (LivelineStore *self,
                    LivelineBlog  *blog,
                    guint         *position)
{
  return g_list_store_find (self->blogs, blog, position);
}

/**
 * liveline_store_rename_blog:
 * @self: a #LivelineStore
 * @blog: a blog of @self
 * @name: the new name
 * @error: a location for a #GError
 *
 * Renames @blog; its slug, which addresses may already use, stays.
 *
 * Returns: %TRUE on success
 */
gboolean
liveline_store_rename_blog (LivelineStore  *self,
                            LivelineBlog   *blog,
                            const char     *name,
                            GError        **error)
{
  g_autofree char *clean = NULL;
  sqlite3_stmt *stmt;
  guint position;

  g_return_val_if_fail (LIVELINE_IS_STORE (self), FALSE);
  g_return_val_if_fail (LIVELINE_IS_BLOG (blog), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (!_liveline_store_ensure_sound (self, error))
    return FALSE;

  if (!(clean = clean_name (name, error)))
    return FALSE;

  stmt = _liveline_store_statement (self, "UPDATE blogs SET name = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, clean, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, liveline_blog_get_id (blog));
  if (!_liveline_store_step_done (self, stmt, error))
    return FALSE;

  _liveline_blog_set_name (blog, clean);

  /* Keep the list in order of names. */
  if (find_blog_position (self, blog, &position))
    {
      g_object_ref (blog);
      g_list_store_remove (self->blogs, position);
      g_list_store_insert_sorted (self->blogs, blog, compare_blogs, NULL);
      g_object_unref (blog);
    }

  return TRUE;
}

/**
 * liveline_store_archive_blog:
 * @self: a #LivelineStore
 * @blog: a blog of @self
 * @error: a location for a #GError
 *
 * Takes @blog out of the list of live blogs. Nothing of it is deleted.
 *
 * Returns: %TRUE on success
 */
gboolean
liveline_store_archive_blog (LivelineStore  *self,
                             LivelineBlog   *blog,
                             GError        **error)
{
  sqlite3_stmt *stmt;
  guint position;

  g_return_val_if_fail (LIVELINE_IS_STORE (self), FALSE);
  g_return_val_if_fail (LIVELINE_IS_BLOG (blog), FALSE);

  if (!_liveline_store_ensure_sound (self, error))
    return FALSE;

  stmt = _liveline_store_statement (self, "UPDATE blogs SET archived = 1 WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, liveline_blog_get_id (blog));
  if (!_liveline_store_step_done (self, stmt, error))
    return FALSE;

  _liveline_blog_set_archived (blog, TRUE);
  if (find_blog_position (self, blog, &position))
    g_list_store_remove (self->blogs, position);

  return TRUE;
}

/**
 * liveline_store_find_blog:
 * @self: a #LivelineStore
 * @blog_id: the id of a blog
 *
 * Returns: (transfer none) (nullable): the live blog with @blog_id, if it
 *   exists and is not archived
 */
LivelineBlog *
liveline_store_find_blog (LivelineStore *self,
                          gint64         blog_id)
{
  g_return_val_if_fail (LIVELINE_IS_STORE (self), NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->blogs)); i++)
    {
      g_autoptr(LivelineBlog) blog = g_list_model_get_item (G_LIST_MODEL (self->blogs), i);

      if (liveline_blog_get_id (blog) == blog_id)
        return blog;
    }

  return NULL;
}

/**
 * liveline_store_set_blog_destination:
 * @self: a #LivelineStore
 * @blog: a blog of @self
 * @kind: (nullable): the kind of endpoint, such as "liveline", or %NULL for none
 * @endpoint_url: (nullable): the endpoint's address
 * @remote_blog_id: (nullable): what the endpoint calls the blog
 * @username: (nullable): who signs in, where the endpoint wants a name
 * @error: a location for a #GError
 *
 * Sets where @blog publishes. Secrets are never kept here: tokens and
 * passwords live in the keyring.
 *
 * Returns: %TRUE on success
 */
gboolean
liveline_store_set_blog_destination (LivelineStore  *self,
                                     LivelineBlog   *blog,
                                     const char     *kind,
                                     const char     *endpoint_url,
                                     const char     *remote_blog_id,
                                     const char     *username,
                                     GError        **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LIVELINE_IS_STORE (self), FALSE);
  g_return_val_if_fail (LIVELINE_IS_BLOG (blog), FALSE);

  if (!_liveline_store_ensure_sound (self, error))
    return FALSE;

  stmt = _liveline_store_statement (self,
                                    "UPDATE blogs SET destination_kind = ?, endpoint_url = ?,"
                                    " remote_blog_id = ?, username = ? WHERE id = ?",
                                    error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, endpoint_url, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, remote_blog_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, username, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, liveline_blog_get_id (blog));
  if (!_liveline_store_step_done (self, stmt, error))
    return FALSE;

  _liveline_blog_set_destination (blog, kind, endpoint_url, remote_blog_id, username);

  return TRUE;
}
