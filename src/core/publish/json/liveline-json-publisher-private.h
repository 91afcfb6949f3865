/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "liveline-json-publisher.h"
#include "liveline-request-guard.h"

G_BEGIN_DECLS

struct _LivelineJsonPublisher
{
  GObject      parent_instance;

  SoupSession *session;
  char        *base_url;
  char        *blog;
  char        *token;
  guint        request_deadline;

  /* Why base_url is not acceptable, NULL when it is. */
  GError      *url_error;
};

typedef enum
{
  OPERATION_UPLOAD_MEDIA,
  OPERATION_CREATE,
  OPERATION_UPDATE,
  OPERATION_DELETE,
  OPERATION_FIND_BY_KEY,
  OPERATION_CHECK,
} Operation;

typedef struct
{
  SoupMessage  *message;
  Operation     operation;
  char         *content_type;
  LivelineRequestGuard guard;
} Request;

void         _liveline_json_publisher_request_free (Request                *request);
void         _liveline_json_publisher_on_sent      (GObject                *object,
                                                    GAsyncResult           *result,
                                                    gpointer                user_data);
SoupMessage *_liveline_json_publisher_new_message  (LivelineJsonPublisher  *self,
                                                    const char             *method,
                                                    const char             *path,
                                                    const char             *idempotency_key,
                                                    GError                **error);
char        *_liveline_json_publisher_posts_path   (LivelineJsonPublisher  *self,
                                                    const char             *remote_id);
void         _liveline_json_publisher_start_request (LivelineJsonPublisher *self,
                                                     GTask                 *task);
void         _liveline_json_publisher_send_request (LivelineJsonPublisher  *self,
                                                    GTask                  *task,
                                                    SoupMessage            *message,
                                                    Operation               operation);
GBytes      *_liveline_json_publisher_post_to_json (LivelinePost           *post,
                                                    const char             *remote_id,
                                                    const char             *media_id);
void         _liveline_json_publisher_set_json_body (SoupMessage           *message,
                                                     GBytes                *body);

G_END_DECLS
