/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "liveline-server.h"

G_BEGIN_DECLS

#define LIVELINE_TEST_TOKEN "test-token-7f3a"

/* One request and what came back. */
typedef struct
{
  SoupMessage *message;
  GBytes      *body;
  GError      *error;
  gboolean     done;
} LivelineTestFetch;

void            liveline_test_fetch_clear   (LivelineTestFetch  *fetch);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LivelineTestFetch, liveline_test_fetch_clear)

LivelineServer *liveline_test_server_start  (char              **data_dir);
char           *liveline_test_server_url    (LivelineServer     *server,
                                             const char         *path);
void            liveline_test_fetch         (LivelineTestFetch  *fetch,
                                             const char         *method,
                                             const char         *url,
                                             const char         *token,
                                             const char         *content_type,
                                             const char         *body,
                                             gssize              size,
                                             const char         *first_header,
                                             ...);
guint           liveline_test_fetch_status  (LivelineTestFetch  *fetch);
const char     *liveline_test_fetch_header  (LivelineTestFetch  *fetch,
                                             const char         *name);
char           *liveline_test_fetch_text    (LivelineTestFetch  *fetch);
JsonObject     *liveline_test_fetch_json    (LivelineTestFetch  *fetch);
void            liveline_test_assert_problem (LivelineTestFetch *fetch,
                                              guint              status,
                                              const char        *type);

GSubprocess    *liveline_test_program_start (GSubprocessFlags    stderr_flags,
                                             guint64            *port,
                                             const char         *first_arg,
                                             ...) G_GNUC_NULL_TERMINATED;
GSocket        *liveline_test_raw_connect   (guint64             port);
void            liveline_test_raw_send      (GSocket            *socket,
                                             const char         *text);
char           *liveline_test_raw_read      (GSocket            *socket);
guint           liveline_test_raw_status    (const char         *answer);

G_END_DECLS
