/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "liveline-blog.h"
#include "liveline-post-private.h"
#include "liveline-store-private.h"

/* Posts and their photos: the half of LivelineStore that the editor and the
 * timeline use all day. The revisions a save keeps are read back in
 * liveline-store-revisions.c, and which posts a timeline shows is found in
 * liveline-store-search.c.
 */

#define POST_COLUMNS \
  "posts.id, posts.uuid, posts.blog_id, posts.headline, posts.body, posts.author," \
  " posts.pinned, posts.key_moment, posts.created_at, posts.updated_at, posts.published_at," \
  " posts.state, posts.last_error, posts.remote_id, posts.remote_url, posts.revision," \
  " media.file, media.thumbnail, media.original_name, media.width, media.height," \
  " media.caption, media.credit, media.alt, media.had_location, posts.published_snapshot" \
  " FROM posts LEFT JOIN media ON media.post_id = posts.id"

char *
_liveline_store_dup_column_text (sqlite3_stmt *stmt,
                                 int           column)
{
  return g_strdup ((const char *)sqlite3_column_text (stmt, column));
}

static char *
media_path (LivelineStore *self,
            sqlite3_stmt  *stmt,
            int            column)
{
  const char *name = (const char *)sqlite3_column_text (stmt, column);

  return name != NULL ? g_build_filename (self->media_dir, name, NULL) : NULL;
}

GDateTime *
_liveline_store_column_time (sqlite3_stmt *stmt,
                             int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;

  return _liveline_store_time_from_usec (sqlite3_column_int64 (stmt, column));
}

/* Makes the post a row describes, or returns the live one for that row. */
static LivelinePost *
post_from_row (LivelineStore *self,
               sqlite3_stmt  *stmt)
{
  gint64 id = sqlite3_column_int64 (stmt, 0);
  LivelinePost *post = g_hash_table_lookup (self->live_posts, &id);

  if (post != NULL)
    return g_object_ref (post);

  post = liveline_post_new ((const char *)sqlite3_column_text (stmt, 1),
                            sqlite3_column_int64 (stmt, 2));
  post->id = id;

  g_free (post->headline);
  post->headline = _liveline_store_dup_column_text (stmt, 3);
  g_free (post->body);
  post->body = _liveline_store_dup_column_text (stmt, 4);
  g_free (post->author);
  post->author = _liveline_store_dup_column_text (stmt, 5);
  post->pinned = sqlite3_column_int (stmt, 6) != 0;
  post->key_moment = sqlite3_column_int (stmt, 7) != 0;
  post->created_at = _liveline_store_column_time (stmt, 8);
  post->updated_at = _liveline_store_column_time (stmt, 9);
  post->published_at = _liveline_store_column_time (stmt, 10);
  post->state = sqlite3_column_int (stmt, 11);
  post->last_error = _liveline_store_dup_column_text (stmt, 12);
  post->remote_id = _liveline_store_dup_column_text (stmt, 13);
  post->remote_url = _liveline_store_dup_column_text (stmt, 14);
  post->revision = sqlite3_column_int (stmt, 15);

  if (sqlite3_column_type (stmt, 16) != SQLITE_NULL)
    {
      post->image_path = media_path (self, stmt, 16);
      post->image_thumbnail = media_path (self, stmt, 17);
      post->image_name = _liveline_store_dup_column_text (stmt, 18);
      post->image_width = sqlite3_column_int (stmt, 19);
      post->image_height = sqlite3_column_int (stmt, 20);
      g_free (post->image_caption);
      post->image_caption = _liveline_store_dup_column_text (stmt, 21);
      g_free (post->image_credit);
      post->image_credit = _liveline_store_dup_column_text (stmt, 22);
      g_free (post->image_alt);
      post->image_alt = _liveline_store_dup_column_text (stmt, 23);
      post->image_had_location = sqlite3_column_int (stmt, 24) != 0;
    }

  _liveline_post_set_published (post, (const char *)sqlite3_column_text (stmt, 25));

  _liveline_store_track_post (self, post, &post->id);

  return post;
}

/**
 * liveline_store_create_post:
 * @self: a #LivelineStore
 * @blog: the live blog to write in
 * @error: a location for a #GError
 *
 * Starts a new draft in @blog and stores it at once, so it is never lost.
 *
 * Returns: (transfer full): the new post
 */
LivelinePost *
liveline_store_create_post (LivelineStore  *self,
                            LivelineBlog   *blog,
                            GError        **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(LivelinePost) post = NULL;
  sqlite3_stmt *stmt;
  gint64 usec;

  g_return_val_if_fail (LIVELINE_IS_STORE (self), NULL);
  g_return_val_if_fail (LIVELINE_IS_BLOG (blog), NULL);

  if (!_liveline_store_ensure_sound (self, error))
    return NULL;

  post = liveline_post_new (NULL, liveline_blog_get_id (blog));
  usec = _liveline_store_usec_from_time (now);

  if (!_liveline_store_begin (self, error))
    return NULL;

  if (!(stmt = _liveline_store_statement (self,
                                          "INSERT INTO posts (uuid, blog_id, created_at, updated_at)"
                                          " VALUES (?, ?, ?, ?)",
                                          error)))
    goto failed;

  sqlite3_bind_text (stmt, 1, liveline_post_get_uuid (post), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, liveline_blog_get_id (blog));
  sqlite3_bind_int64 (stmt, 3, usec);
  sqlite3_bind_int64 (stmt, 4, usec);
  if (!_liveline_store_step_done (self, stmt, error))
    goto failed;

  _liveline_post_set_stored (post, sqlite3_last_insert_rowid (self->db), now);
  _liveline_post_set_saved (post, now, 0);

  if (!(stmt = _liveline_store_statement (self,
                                          "INSERT INTO posts_fts (rowid, headline, body, caption, credit)"
                                          " VALUES (?, '', '', '', '')",
                                          error)))
    goto failed;

  sqlite3_bind_int64 (stmt, 1, liveline_post_get_id (post));
  if (!_liveline_store_step_done (self, stmt, error) ||
      !_liveline_store_commit (self, error))
    goto failed;

  _liveline_store_track_post (self, post, &post->id);
  _liveline_store_emit_post_added (self, post);

  return g_steal_pointer (&post);

failed:
  _liveline_store_rollback (self);
  return NULL;
}

/**
 * liveline_store_load_post:
 * @self: a #LivelineStore
 * @post_id: the id of a post
 * @error: a location for a #GError
 *
 * Returns: (transfer full): the post, the same object wherever else it is
 *   shown, or %NULL with @error set when there is no such post
 */
LivelinePost *
liveline_store_load_post (LivelineStore  *self,
                          gint64          post_id,
                          GError        **error)
{
  LivelinePost *post;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (LIVELINE_IS_STORE (self), NULL);

  if ((post = g_hash_table_lookup (self->live_posts, &post_id)))
    return g_object_ref (post);

  if (!(stmt = _liveline_store_statement (self, "SELECT " POST_COLUMNS " WHERE posts.id = ?", error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, post_id);
  rc = _liveline_store_step (self, stmt);
  post = rc == SQLITE_ROW ? post_from_row (self, stmt) : NULL;
  sqlite3_reset (stmt);

  if (post == NULL && rc == SQLITE_DONE)
    g_set_error (error, LIVELINE_STORE_ERROR, LIVELINE_STORE_ERROR_NOT_FOUND,
                 _("There is no update %" G_GINT64_FORMAT), post_id);
  else if (post == NULL)
    _liveline_store_set_error (self, error);

  return post;
}

typedef struct
{
  gboolean pinned;
  gboolean key_moment;
  char    *author;
} StoredFlags;

static gboolean
read_stored_flags (LivelineStore  *self,
                   LivelinePost   *post,
                   StoredFlags    *flags,
                   GError        **error)
{
  sqlite3_stmt *stmt;
  gboolean found;
  int rc;

  if (!(stmt = _liveline_store_statement (self,
                                          "SELECT pinned, key_moment, author FROM posts WHERE id = ?",
                                          error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, liveline_post_get_id (post));
  rc = _liveline_store_step (self, stmt);
  found = rc == SQLITE_ROW;
  if (found)
    {
      flags->pinned = sqlite3_column_int (stmt, 0) != 0;
      flags->key_moment = sqlite3_column_int (stmt, 1) != 0;
      flags->author = _liveline_store_dup_column_text (stmt, 2);
    }
  sqlite3_reset (stmt);

  if (!found && rc != SQLITE_DONE)
    _liveline_store_set_error (self, error);
  else if (!found)
    g_set_error (error, LIVELINE_STORE_ERROR, LIVELINE_STORE_ERROR_NOT_FOUND,
                 _("The update was removed from the store"));

  return found;
}

static gboolean
write_media (LivelineStore  *self,
             LivelinePost   *post,
             GError        **error)
{
  g_autofree char *file = NULL;
  g_autofree char *thumbnail = NULL;
  sqlite3_stmt *stmt;

  if (!liveline_post_has_image (post))
    {
      if (!(stmt = _liveline_store_statement (self, "DELETE FROM media WHERE post_id = ?", error)))
        return FALSE;

      sqlite3_bind_int64 (stmt, 1, liveline_post_get_id (post));
      return _liveline_store_step_done (self, stmt, error);
    }

  /* Only names are stored: the data folder may move (into a sandbox, say). */
  file = g_path_get_basename (liveline_post_get_image_path (post));
  if (liveline_post_get_image_thumbnail (post) != NULL)
    thumbnail = g_path_get_basename (liveline_post_get_image_thumbnail (post));

  if (!(stmt = _liveline_store_statement (self,
                                          "INSERT INTO media (post_id, file, thumbnail, original_name,"
                                          "                   width, height, caption, credit, alt,"
                                          "                   had_location)"
                                          " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                                          " ON CONFLICT (post_id) DO UPDATE SET"
                                          "  remote_id = iif (media.file = excluded.file, media.remote_id, NULL),"
                                          "  remote_url = iif (media.file = excluded.file, media.remote_url, NULL),"
                                          "  file = excluded.file, thumbnail = excluded.thumbnail,"
                                          "  original_name = excluded.original_name,"
                                          "  width = excluded.width, height = excluded.height,"
                                          "  caption = excluded.caption, credit = excluded.credit,"
                                          "  alt = excluded.alt, had_location = excluded.had_location",
                                          error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, liveline_post_get_id (post));
  sqlite3_bind_text (stmt, 2, file, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, thumbnail, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, liveline_post_get_image_name (post), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 5, liveline_post_get_image_width (post));
  sqlite3_bind_int (stmt, 6, liveline_post_get_image_height (post));
  sqlite3_bind_text (stmt, 7, liveline_post_get_image_caption (post), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, liveline_post_get_image_credit (post), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, liveline_post_get_image_alt (post), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 10, liveline_post_get_image_had_location (post));

  return _liveline_store_step_done (self, stmt, error);
}

static gboolean
write_search_index (LivelineStore  *self,
                    LivelinePost   *post,
                    GError        **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = _liveline_store_statement (self, "DELETE FROM posts_fts WHERE rowid = ?", error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, liveline_post_get_id (post));
  if (!_liveline_store_step_done (self, stmt, error))
    return FALSE;

  if (!(stmt = _liveline_store_statement (self,
                                          "INSERT INTO posts_fts (rowid, headline, body, caption, credit)"
                                          " VALUES (?, ?, ?, ?, ?)",
                                          error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, liveline_post_get_id (post));
  sqlite3_bind_text (stmt, 2, liveline_post_get_headline (post), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, liveline_post_get_body (post), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, liveline_post_get_image_caption (post), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, liveline_post_get_image_credit (post), -1, SQLITE_TRANSIENT);

  return _liveline_store_step_done (self, stmt, error);
}

static gboolean
save_post_once (LivelineStore  *self,
                LivelinePost   *post,
                GError        **error)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *snapshot = NULL;
  g_autofree char *last_snapshot = NULL;
  StoredFlags stored = { 0 };
  gboolean content_changed;
  gboolean order_changed;
  sqlite3_stmt *stmt;
  guint revision;

  if (!read_stored_flags (self, post, &stored, error))
    return FALSE;

  snapshot = liveline_post_dup_content_snapshot (post);
  if (!(last_snapshot = _liveline_store_dup_last_snapshot (self, post, &revision, error)))
    goto failed;

  content_changed = g_strcmp0 (snapshot, last_snapshot) != 0;
  order_changed = stored.pinned != liveline_post_get_pinned (post);

  if (!content_changed && !order_changed &&
      stored.key_moment == liveline_post_get_key_moment (post) &&
      g_strcmp0 (stored.author, liveline_post_get_author (post)) == 0)
    {
      g_free (stored.author);
      return TRUE;
    }

  g_clear_pointer (&stored.author, g_free);

  now = g_date_time_new_now_utc ();
  if (content_changed)
    revision++;

  if (!_liveline_store_begin (self, error))
    return FALSE;

  if (!(stmt = _liveline_store_statement (self,
                                          "UPDATE posts SET headline = ?, body = ?, author = ?,"
                                          " pinned = ?, key_moment = ?, updated_at = ?, revision = ?"
                                          " WHERE id = ?",
                                          error)))
    goto failed;

  sqlite3_bind_text (stmt, 1, liveline_post_get_headline (post), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, liveline_post_get_body (post), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, liveline_post_get_author (post), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, liveline_post_get_pinned (post));
  sqlite3_bind_int (stmt, 5, liveline_post_get_key_moment (post));
  sqlite3_bind_int64 (stmt, 6, _liveline_store_usec_from_time (now));
  sqlite3_bind_int (stmt, 7, revision);
  sqlite3_bind_int64 (stmt, 8, liveline_post_get_id (post));
  if (!_liveline_store_step_done (self, stmt, error))
    goto failed;

  if (content_changed)
    {
      if (!write_media (self, post, error) || !write_search_index (self, post, error))
        goto failed;

      if (!(stmt = _liveline_store_statement (self,
                                              "INSERT INTO revisions (post_id, revision, snapshot, created_at)"
                                              " VALUES (?, ?, ?, ?)",
                                              error)))
        goto failed;

      sqlite3_bind_int64 (stmt, 1, liveline_post_get_id (post));
      sqlite3_bind_int (stmt, 2, revision);
      sqlite3_bind_text (stmt, 3, snapshot, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 4, _liveline_store_usec_from_time (now));
      if (!_liveline_store_step_done (self, stmt, error))
        goto failed;
    }

  if (!_liveline_store_commit (self, error))
    goto failed;

  _liveline_post_set_saved (post, now, revision);
  _liveline_store_emit_post_updated (self, post, order_changed);

  return TRUE;

failed:
  g_free (stored.author);
  _liveline_store_rollback (self);
  return FALSE;
}

/**
 * liveline_store_save_post:
 * @self: a #LivelineStore
 * @post: a post of @self
 * @error: a location for a #GError
 *
 * Writes @post, in one transaction, when anything in it changed since it was
 * last saved; a change of content also keeps a revision.
 *
 * Returns: %TRUE when the post is safely stored
 */
gboolean
liveline_store_save_post (LivelineStore  *self,
                          LivelinePost   *post,
                          GError        **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (LIVELINE_IS_STORE (self), FALSE);
  g_return_val_if_fail (LIVELINE_IS_POST (post), FALSE);
  g_return_val_if_fail (liveline_post_get_id (post) > 0, FALSE);

  if (!_liveline_store_ensure_sound (self, error))
    return FALSE;

  if (save_post_once (self, post, &local_error))
    return TRUE;

  /* Damage met on the way, and nothing written: the store is rebuilt at
   * once and the draft saved into the new file.
   */
  if (g_error_matches (local_error, LIVELINE_STORE_ERROR, LIVELINE_STORE_ERROR_DAMAGED) &&
      _liveline_store_ensure_sound (self, NULL))
    return save_post_once (self, post, error);

  g_propagate_error (error, g_steal_pointer (&local_error));

  return FALSE;
}

static gboolean
set_trashed (LivelineStore  *self,
             LivelinePost   *post,
             gboolean        trashed,
             GError        **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  sqlite3_stmt *stmt;

  if (!(stmt = _liveline_store_statement (self, "UPDATE posts SET trashed_at = ? WHERE id = ?", error)))
    return FALSE;

  if (trashed)
    sqlite3_bind_int64 (stmt, 1, _liveline_store_usec_from_time (now));
  else
    sqlite3_bind_null (stmt, 1);
  sqlite3_bind_int64 (stmt, 2, liveline_post_get_id (post));

  if (!_liveline_store_step_done (self, stmt, error))
    return FALSE;

  if (trashed)
    _liveline_store_emit_post_removed (self, post);
  else
    _liveline_store_emit_post_added (self, post);

  return TRUE;
}

/**
 * liveline_store_trash_post:
 * @self: a #LivelineStore
 * @post: a post of @self
 * @error: a location for a #GError
 *
 * Takes @post out of its timeline. It stays in the store, with its
 * revisions and photo, so liveline_store_untrash_post() can bring it back.
 *
 * Returns: %TRUE on success
 */
gboolean
liveline_store_trash_post (LivelineStore  *self,
                           LivelinePost   *post,
                           GError        **error)
{
  g_return_val_if_fail (LIVELINE_IS_STORE (self), FALSE);
  g_return_val_if_fail (LIVELINE_IS_POST (post), FALSE);

  if (!_liveline_store_ensure_sound (self, error))
    return FALSE;

  return set_trashed (self, post, TRUE, error);
}

/**
 * liveline_store_untrash_post:
 * @self: a #LivelineStore
 * @post: a post of @self in the trash
 * @error: a location for a #GError
 *
 * Puts @post back in its timeline, where it was.
 *
 * Returns: %TRUE on success
 */
gboolean
liveline_store_untrash_post (LivelineStore  *self,
                             LivelinePost   *post,
                             GError        **error)
{
  g_return_val_if_fail (LIVELINE_IS_STORE (self), FALSE);
  g_return_val_if_fail (LIVELINE_IS_POST (post), FALSE);

  if (!_liveline_store_ensure_sound (self, error))
    return FALSE;

  return set_trashed (self, post, FALSE, error);
}

/**
 * liveline_store_list_credits:
 * @self: a #LivelineStore
 * @max: how many at most
 *
 * Returns: (transfer full): the photo credits used before, most recently
 *   used first, to suggest while typing one
 */
char **
liveline_store_list_credits (LivelineStore *self,
                             guint          max)
{
  g_autoptr(GStrvBuilder) credits = g_strv_builder_new ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LIVELINE_IS_STORE (self), NULL);

  stmt = _liveline_store_statement (self,
                                    "SELECT credit FROM media WHERE trim (credit) != ''"
                                    " GROUP BY credit ORDER BY max (post_id) DESC LIMIT ?",
                                    NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_int (stmt, 1, max);
      while (_liveline_store_step (self, stmt) == SQLITE_ROW)
        g_strv_builder_add (credits, (const char *)sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
    }

  return g_strv_builder_end (credits);
}

/* Loads the posts with @ids, in that order, in one query: the timeline
 * reads a page of rows at a time, as the list shows them. A post whose row
 * cannot be read is left out (its place is %NULL); when the query fails
 * part of the way, the rest are read one at a time, so damage costs only
 * the rows it is in.
 */
void
_liveline_store_load_posts (LivelineStore *self,
                            const gint64  *ids,
                            guint          n_ids,
                            GPtrArray     *posts)
{
  g_autoptr(GHashTable) loaded = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                        NULL, g_object_unref);
  g_autoptr(GString) list = g_string_new ("[");
  sqlite3_stmt *stmt;
  int rc = SQLITE_DONE;

  g_assert (LIVELINE_IS_STORE (self));

  for (guint i = 0; i < n_ids; i++)
    {
      LivelinePost *live = g_hash_table_lookup (self->live_posts, &ids[i]);

      if (live != NULL)
        g_hash_table_insert (loaded, &live->id, g_object_ref (live));
      else
        g_string_append_printf (list, "%s%" G_GINT64_FORMAT, list->len > 1 ? "," : "", ids[i]);
    }
  g_string_append_c (list, ']');

  if (list->len > 2 &&
      (stmt = _liveline_store_statement (self,
                                         "SELECT " POST_COLUMNS
                                         " WHERE posts.id IN (SELECT value FROM json_each (?))",
                                         NULL)))
    {
      sqlite3_bind_text (stmt, 1, list->str, -1, SQLITE_TRANSIENT);
      while ((rc = _liveline_store_step (self, stmt)) == SQLITE_ROW)
        {
          LivelinePost *post = post_from_row (self, stmt);

          g_hash_table_insert (loaded, &post->id, post);
        }
      sqlite3_reset (stmt);
    }

  for (guint i = 0; i < n_ids; i++)
    {
      LivelinePost *post = g_hash_table_lookup (loaded, &ids[i]);

      if (post == NULL && rc != SQLITE_DONE)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(LivelinePost) single = liveline_store_load_post (self, ids[i], &error);

          if (single == NULL)
            g_debug ("Update %" G_GINT64_FORMAT " cannot be read: %s", ids[i], error->message);
          else
            {
              post = g_steal_pointer (&single);
              g_hash_table_insert (loaded, &post->id, post);
            }
        }

      g_ptr_array_add (posts, post != NULL ? g_object_ref (post) : NULL);
    }
}
