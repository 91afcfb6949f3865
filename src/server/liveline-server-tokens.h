/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _LivelineServerTokens LivelineServerTokens;

LivelineServerTokens *liveline_server_tokens_new      (void);
void                  liveline_server_tokens_free     (LivelineServerTokens  *self);
void                  liveline_server_tokens_add      (LivelineServerTokens  *self,
                                                       const char            *token,
                                                       const char * const    *blogs);
gboolean              liveline_server_tokens_add_line (LivelineServerTokens  *self,
                                                       const char            *line,
                                                       GError               **error);
guint                 liveline_server_tokens_get_size (LivelineServerTokens  *self);
gboolean              liveline_server_tokens_find     (LivelineServerTokens  *self,
                                                       const char            *token,
                                                       const char * const   **blogs);
gboolean              liveline_server_tokens_covers   (const char * const    *blogs,
                                                       const char            *blog);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LivelineServerTokens, liveline_server_tokens_free)

G_END_DECLS
