/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <libsoup/soup.h>

#include "liveline-post.h"
#include "liveline-publisher.h"

G_BEGIN_DECLS

/* The token the JSON publisher's tests send to the endpoint. */
#define LIVELINE_TEST_ENDPOINT_TOKEN "test-token-5c1e"

/* An answer to a new post. */
#define LIVELINE_TEST_ENDPOINT_CREATED \
  "{\"id\":\"9b2e7c50-4a1f-4c47-9f43-0e6d1f2b8a11\"," \
  "\"url\":\"http://127.0.0.1/blogs/election#post-9b2e7c50\"," \
  "\"revision\":1,\"published_at\":\"2026-11-24T21:50:07Z\"}"

/* A stand-in for a blog's endpoint, as the fixture of a test. */
typedef struct
{
  SoupServer   *server;
  char         *url;

  /* what it answers */
  guint         status;
  char         *content_type;
  char         *body;
  char         *retry_after;
  char         *location;
  char         *link;
  gboolean      drop;

  /* what it was sent */
  guint         n_requests;
  char         *method;
  char         *path;
  char         *query;
  char         *authorization;
  char         *idempotency_key;
  char         *request_type;
  char         *disposition;
  GBytes       *request_body;

  /* what the client got */
  GAsyncResult *result;
} LivelineTestEndpoint;

/* Adds the test @func at /json-publisher/@path, with an endpoint. */
#define LIVELINE_TEST_ENDPOINT_ADD(path, func) \
  g_test_add ("/json-publisher/" path, LivelineTestEndpoint, NULL, \
              liveline_test_endpoint_set_up, func, liveline_test_endpoint_tear_down)

void               liveline_test_endpoint_set_up     (LivelineTestEndpoint *endpoint,
                                                      gconstpointer         user_data);
void               liveline_test_endpoint_tear_down  (LivelineTestEndpoint *endpoint,
                                                      gconstpointer         user_data);
void               liveline_test_endpoint_answer     (LivelineTestEndpoint *endpoint,
                                                      guint                 status,
                                                      const char           *content_type,
                                                      const char           *body);
GAsyncResult      *liveline_test_endpoint_wait       (LivelineTestEndpoint *endpoint);
LivelinePublisher *liveline_test_endpoint_publisher  (LivelineTestEndpoint *endpoint);
LivelinePublisher *liveline_test_make_json_publisher (const char           *base_url,
                                                      const char           *token);
LivelinePost      *liveline_test_make_post           (void);

G_END_DECLS
