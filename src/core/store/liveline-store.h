/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <gio/gio.h>

#include "liveline-types.h"

G_BEGIN_DECLS

#define LIVELINE_STORE_ERROR (liveline_store_error_quark ())

/**
 * LivelineStoreError:
 * @LIVELINE_STORE_ERROR_LOCKED: another running Liveline has the store open
 * @LIVELINE_STORE_ERROR_TOO_NEW: the store was written by a newer Liveline
 * @LIVELINE_STORE_ERROR_FAILED: SQLite refused; the message says why
 * @LIVELINE_STORE_ERROR_NOT_FOUND: no such blog, post or revision
 * @LIVELINE_STORE_ERROR_DAMAGED: the database is damaged; nothing more is
 *   written to it, and it is being replaced by a copy of what can be read
 */
typedef enum
{
  LIVELINE_STORE_ERROR_LOCKED,
  LIVELINE_STORE_ERROR_TOO_NEW,
  LIVELINE_STORE_ERROR_FAILED,
  LIVELINE_STORE_ERROR_NOT_FOUND,
  LIVELINE_STORE_ERROR_DAMAGED,
} LivelineStoreError;

#define LIVELINE_TYPE_STORE (liveline_store_get_type ())

G_DECLARE_FINAL_TYPE (LivelineStore, liveline_store, LIVELINE, STORE, GObject)

GQuark         liveline_store_error_quark         (void);
LivelineStore *liveline_store_open                (const char        *data_dir,
                                                   GError           **error);
const char    *liveline_store_get_media_dir       (LivelineStore     *self);
const char    *liveline_store_get_moved_aside     (LivelineStore     *self);
guint          liveline_store_get_salvaged_posts  (LivelineStore     *self);
gboolean       liveline_store_get_salvage_complete (LivelineStore    *self);
GListModel    *liveline_store_get_blogs           (LivelineStore     *self);
LivelineBlog  *liveline_store_create_blog         (LivelineStore     *self,
                                                   const char        *name,
                                                   GError           **error);
gboolean       liveline_store_rename_blog         (LivelineStore     *self,
                                                   LivelineBlog      *blog,
                                                   const char        *name,
                                                   GError           **error);
gboolean       liveline_store_archive_blog        (LivelineStore     *self,
                                                   LivelineBlog      *blog,
                                                   GError           **error);
LivelineBlog  *liveline_store_find_blog           (LivelineStore     *self,
                                                   gint64             blog_id);
gboolean       liveline_store_set_blog_destination (LivelineStore   *self,
                                                   LivelineBlog      *blog,
                                                   const char        *kind,
                                                   const char        *endpoint_url,
                                                   const char        *remote_blog_id,
                                                   const char        *username,
                                                   GError           **error);
LivelinePost  *liveline_store_create_post         (LivelineStore     *self,
                                                   LivelineBlog      *blog,
                                                   GError           **error);
LivelinePost  *liveline_store_load_post           (LivelineStore     *self,
                                                   gint64             post_id,
                                                   GError           **error);
gboolean       liveline_store_save_post           (LivelineStore     *self,
                                                   LivelinePost      *post,
                                                   GError           **error);
gboolean       liveline_store_trash_post          (LivelineStore     *self,
                                                   LivelinePost      *post,
                                                   GError           **error);
gboolean       liveline_store_untrash_post        (LivelineStore     *self,
                                                   LivelinePost      *post,
                                                   GError           **error);
GListModel    *liveline_store_list_revisions      (LivelineStore     *self,
                                                   LivelinePost      *post,
                                                   GError           **error);
char         **liveline_store_list_credits        (LivelineStore     *self,
                                                   guint              max);
gboolean       liveline_store_publish_post        (LivelineStore     *self,
                                                   LivelinePost      *post,
                                                   GError           **error);
gboolean       liveline_store_retract_post        (LivelineStore     *self,
                                                   LivelinePost      *post,
                                                   GError           **error);
GListModel    *liveline_store_list_due_ops        (LivelineStore     *self,
                                                   GDateTime         *now);
GDateTime     *liveline_store_get_next_attempt    (LivelineStore     *self);
guint          liveline_store_count_waiting       (LivelineStore     *self);
gboolean       liveline_store_begin_send          (LivelineStore     *self,
                                                   LivelineOutboxOp  *op,
                                                   GError           **error);
gboolean       liveline_store_finish_send         (LivelineStore     *self,
                                                   LivelineOutboxOp  *op,
                                                   const char        *remote_id,
                                                   const char        *remote_url,
                                                   GDateTime         *published_at,
                                                   GError           **error);
gboolean       liveline_store_retry_later         (LivelineStore     *self,
                                                   LivelineOutboxOp  *op,
                                                   GDateTime         *next_attempt_at,
                                                   const char        *message,
                                                   GError           **error);
char          *liveline_store_dup_media_remote_id (LivelineStore     *self,
                                                   LivelinePost      *post);
gboolean       liveline_store_set_media_remote    (LivelineStore     *self,
                                                   LivelinePost      *post,
                                                   const char        *remote_id,
                                                   const char        *remote_url,
                                                   GError           **error);
gboolean       liveline_store_bring_forward       (LivelineStore     *self,
                                                   GDateTime         *now,
                                                   GError           **error);
gboolean       liveline_store_give_up             (LivelineStore     *self,
                                                   LivelineOutboxOp  *op,
                                                   const char        *message,
                                                   GError           **error);

G_END_DECLS
