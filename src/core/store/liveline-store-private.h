/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <sqlite3.h>

#include "liveline-store.h"

G_BEGIN_DECLS

/* The schema version this code writes; see the migrations in liveline-store-migrations.c. */
#define LIVELINE_STORE_VERSION 5

/* How long the integrity check may hold up opening the store before it
 * goes on in a thread of its own.
 */
#define LIVELINE_STORE_CHECK_BUDGET_USEC (100 * G_TIME_SPAN_MILLISECOND)

typedef struct
{
  guint    blogs;
  guint    posts;
  guint    media;
  guint    revisions;
  guint    outbox;
  /* Rows that could not be read, or were read but made no sense. */
  guint    unreadable;
} LivelineStoreSalvage;

struct _LivelineStore
{
  GObject     parent_instance;

  sqlite3    *db;
  char       *data_dir;
  char       *media_dir;
  char       *moved_aside;
  int         lock_fd;

  /* The schema version this store is brought to (below the newest only in
   * the migration tests).
   */
  guint       version;

  /* A read or a write met damage: nothing more is written to this file,
   * and the store is rebuilt from what can still be read at the next safe
   * moment (see liveline-store-damage.c). Each rebuild is a new generation,
   * so a check of an older file cannot condemn the new one.
   */
  gboolean    damaged;
  guint       generation;
  guint       recover_source;
  GCancellable *check_cancellable;

  /* What the last rebuild copied out of a damaged file. */
  LivelineStoreSalvage salvage;

  /* SQL text → prepared statement, prepared once and reused. */
  GHashTable *statements;

  /* Post id → the one live LivelinePost for that row, held weakly, so every
   * part of the application edits and shows the same object.
   */
  GHashTable *live_posts;

  GListStore *blogs;

  /* Inside _liveline_store_begin_bulk(): each write is a savepoint of one
   * long transaction instead of a transaction of its own.
   */
  gboolean    in_bulk;
};

sqlite3_stmt  *_liveline_store_statement     (LivelineStore  *self,
                                              const char     *sql,
                                              GError        **error);
gboolean       _liveline_store_step_done     (LivelineStore  *self,
                                              sqlite3_stmt   *stmt,
                                              GError        **error);
gboolean       _liveline_store_exec          (LivelineStore  *self,
                                              const char     *sql,
                                              GError        **error);
void           _liveline_store_set_error     (LivelineStore  *self,
                                              GError        **error);
gboolean       _liveline_store_begin         (LivelineStore  *self,
                                              GError        **error);
gboolean       _liveline_store_commit        (LivelineStore  *self,
                                              GError        **error);
void           _liveline_store_rollback      (LivelineStore  *self);
gboolean       _liveline_store_begin_bulk    (LivelineStore  *self,
                                              GError        **error);
gboolean       _liveline_store_end_bulk      (LivelineStore  *self,
                                              GError        **error);
gint64         _liveline_store_usec_from_time (GDateTime     *time);
GDateTime     *_liveline_store_time_from_usec (gint64         usec);
char          *_liveline_store_dup_column_text (sqlite3_stmt  *stmt,
                                               int            column);
GDateTime     *_liveline_store_column_time    (sqlite3_stmt  *stmt,
                                              int            column);
char          *_liveline_store_dup_last_snapshot (LivelineStore  *self,
                                                 LivelinePost   *post,
                                                 guint          *revision,
                                                 GError        **error);
gboolean       _liveline_store_count_posts    (LivelineStore *self,
                                              gint64          blog_id,
                                              guint          *count,
                                              GError        **error);
gboolean       _liveline_store_query_post_ids (LivelineStore *self,
                                              gint64          blog_id,
                                              int             state,
                                              const char     *search,
                                              guint           offset,
                                              int             limit,
                                              GArray         *ids,
                                              GError        **error);
void           _liveline_store_load_posts    (LivelineStore  *self,
                                              const gint64   *ids,
                                              guint           n_ids,
                                              GPtrArray      *posts);
LivelinePost  *_liveline_store_lookup_live_post (LivelineStore *self,
                                                gint64         post_id);
gboolean       _liveline_store_load_blogs    (LivelineStore  *self,
                                              GError        **error);
void           _liveline_store_track_post    (LivelineStore  *self,
                                              LivelinePost   *post,
                                              const gint64   *id);
void           _liveline_store_emit_post_added   (LivelineStore *self,
                                                  LivelinePost  *post);
void           _liveline_store_emit_post_updated (LivelineStore *self,
                                                  LivelinePost  *post,
                                                  gboolean       order_changed);
void           _liveline_store_emit_post_queued  (LivelineStore *self,
                                                  LivelinePost  *post);
void           _liveline_store_emit_post_removed (LivelineStore *self,
                                                  LivelinePost  *post);
LivelineStore *_liveline_store_open_at_version (const char   *data_dir,
                                              guint           version,
                                              GError        **error);
LivelineStore *_liveline_store_open_full     (const char     *data_dir,
                                              guint           version,
                                              gint64          check_budget_usec,
                                              GError        **error);
gboolean       _liveline_store_open_database (LivelineStore  *self,
                                              const char     *path,
                                              GError        **error);
gboolean       _liveline_store_migrate       (LivelineStore  *self,
                                              guint           target,
                                              GError        **error);
gboolean       _liveline_store_prepare_database (LivelineStore  *self,
                                                 GError        **error);
char          *_liveline_store_dup_path      (LivelineStore  *self);
int            _liveline_store_step          (LivelineStore  *self,
                                              sqlite3_stmt   *stmt);
void           _liveline_store_note_result   (LivelineStore  *self,
                                              int             rc);
void           _liveline_store_mark_damaged  (LivelineStore  *self);
gboolean       _liveline_store_ensure_sound  (LivelineStore  *self,
                                              GError        **error);
gboolean       _liveline_store_check_at_open (LivelineStore  *self,
                                              gint64          budget_usec,
                                              GError        **error);
gboolean       _liveline_store_recover       (LivelineStore  *self,
                                              GError        **error);
gboolean       _liveline_store_salvage       (LivelineStore        *self,
                                              const char           *damaged_path,
                                              LivelineStoreSalvage *salvage,
                                              GError              **error);
void           _liveline_store_emit_recovered (LivelineStore *self);
gboolean       _liveline_store_begin_durable  (LivelineStore  *self,
                                              GError        **error);
gboolean       _liveline_store_commit_durable (LivelineStore  *self,
                                              GError        **error);
void           _liveline_store_fail_durable   (LivelineStore  *self);
gboolean       _liveline_store_delete_op      (LivelineStore  *self,
                                              gint64          op_id,
                                              GError        **error);
gboolean       _liveline_store_write_state    (LivelineStore      *self,
                                              gint64              post_id,
                                              LivelinePostState   state,
                                              const char         *last_error,
                                              GError            **error);
void           _liveline_store_show_state     (LivelineStore     *self,
                                              gint64             post_id,
                                              LivelinePostState  state,
                                              const char        *last_error);

G_END_DECLS
