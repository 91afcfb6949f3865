/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LIVELINE_TYPE_SERVER_STORE (liveline_server_store_get_type ())

G_DECLARE_FINAL_TYPE (LivelineServerStore, liveline_server_store, LIVELINE, SERVER_STORE, GObject)

/* One post as the server keeps it; times are Unix seconds, updated_at 0
 * until the first change. The image members are NULL without a photo.
 */
typedef struct
{
  char    *id;
  char    *blog;
  gint64   seq;
  gint64   revision;
  char    *headline;
  char    *body_markdown;
  char    *author;
  gboolean pinned;
  gboolean key_moment;
  char    *created_at;
  gint64   published_at;
  gint64   updated_at;
  gboolean deleted;
  char    *media_id;
  char    *media_file;
  guint    media_width;
  guint    media_height;
  char    *caption;
  char    *credit;
  char    *alt;
} LivelineServerPost;

typedef struct
{
  char  *id;
  char  *file;
  char  *content_type;
  char  *filename;
  guint  width;
  guint  height;
} LivelineServerMedia;

void                 liveline_server_post_free    (LivelineServerPost  *post);
void                 liveline_server_media_free   (LivelineServerMedia *media);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LivelineServerPost, liveline_server_post_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LivelineServerMedia, liveline_server_media_free)

LivelineServerStore *liveline_server_store_new               (const char           *data_dir,
                                                              GError              **error);
const char          *liveline_server_store_get_media_dir     (LivelineServerStore  *self);
gboolean             liveline_server_store_add_media         (LivelineServerStore  *self,
                                                              LivelineServerMedia  *media,
                                                              GError              **error);
LivelineServerMedia *liveline_server_store_find_media        (LivelineServerStore  *self,
                                                              const char           *id,
                                                              const char           *file);
gboolean             liveline_server_store_blog_exists       (LivelineServerStore  *self,
                                                              const char           *blog);
LivelineServerPost  *liveline_server_store_find_post         (LivelineServerStore  *self,
                                                              const char           *blog,
                                                              const char           *id);
gboolean             liveline_server_store_insert_post       (LivelineServerStore  *self,
                                                              LivelineServerPost   *post,
                                                              GError              **error);
gboolean             liveline_server_store_update_post       (LivelineServerStore  *self,
                                                              LivelineServerPost   *post,
                                                              GError              **error);
gboolean             liveline_server_store_delete_post       (LivelineServerStore  *self,
                                                              const char           *blog,
                                                              const char           *id,
                                                              GError              **error);
GPtrArray           *liveline_server_store_list_posts        (LivelineServerStore  *self,
                                                              const char           *blog,
                                                              gboolean              has_before,
                                                              gboolean              before_pinned,
                                                              gint64                before_seq,
                                                              guint                 limit);
gboolean             liveline_server_store_find_key          (LivelineServerStore  *self,
                                                              const char           *key,
                                                              char                **request_hash,
                                                              guint                *status,
                                                              GBytes              **response,
                                                              char                **blog,
                                                              char                **post_id);
gboolean             liveline_server_store_save_key          (LivelineServerStore  *self,
                                                              const char           *key,
                                                              const char           *request_hash,
                                                              guint                 status,
                                                              GBytes               *response,
                                                              const char           *blog,
                                                              const char           *post_id,
                                                              GError              **error);

G_END_DECLS
