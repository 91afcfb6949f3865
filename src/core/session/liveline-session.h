/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <gio/gio.h>

#include "liveline-destination.h"
#include "liveline-outbox.h"
#include "liveline-types.h"

G_BEGIN_DECLS

#define LIVELINE_TYPE_SESSION (liveline_session_get_type ())

G_DECLARE_FINAL_TYPE (LivelineSession, liveline_session, LIVELINE, SESSION, GObject)

LivelineSession *liveline_session_new                  (const char       *data_dir,
                                                       GCancellable     *cancellable,
                                                       GError          **error);
const char      *liveline_session_get_data_dir         (LivelineSession  *self);
LivelineStore   *liveline_session_get_store            (LivelineSession  *self);
LivelineOutbox  *liveline_session_get_outbox           (LivelineSession  *self);
void             liveline_session_set_default_endpoint (LivelineSession  *self,
                                                       const char       *url);
void             liveline_session_set_delete_permanently (LivelineSession *self,
                                                         gboolean         delete_permanently);
const char      *liveline_session_get_destination_problem (LivelineSession *self,
                                                          LivelineBlog    *blog);
void             liveline_session_save_destination_async  (LivelineSession           *self,
                                                          LivelineBlog              *blog,
                                                          const LivelineDestination *destination,
                                                          const char                *secret,
                                                          GCancellable              *cancellable,
                                                          GAsyncReadyCallback        callback,
                                                          gpointer                   user_data);
gboolean         liveline_session_save_destination_finish (LivelineSession           *self,
                                                          GAsyncResult              *result,
                                                          GError                   **error);
void             liveline_session_test_destination_async  (LivelineSession           *self,
                                                          LivelineBlog              *blog,
                                                          const LivelineDestination *destination,
                                                          const char                *secret,
                                                          GCancellable              *cancellable,
                                                          GAsyncReadyCallback        callback,
                                                          gpointer                   user_data);
gboolean         liveline_session_test_destination_finish (LivelineSession           *self,
                                                          GAsyncResult              *result,
                                                          GError                   **error);
void             liveline_session_list_categories_async  (LivelineSession           *self,
                                                         LivelineBlog              *blog,
                                                         const LivelineDestination *destination,
                                                         const char                *secret,
                                                         GCancellable              *cancellable,
                                                         GAsyncReadyCallback        callback,
                                                         gpointer                   user_data);
GPtrArray       *liveline_session_list_categories_finish (LivelineSession           *self,
                                                         GAsyncResult              *result,
                                                         GError                   **error);

G_END_DECLS
