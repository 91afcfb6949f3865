/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/**
 * LivelineAnswerKind:
 * @LIVELINE_ANSWER_POST: what an endpoint answers about one post: a
 *   create, an update, a delete, a post looked up, a refusal
 * @LIVELINE_ANSWER_MEDIA: what it answers to a photo's upload, or about
 *   one photo
 * @LIVELINE_ANSWER_LIST: a page of a list: categories, posts found by
 *   their slug, a page of posts
 * @LIVELINE_ANSWER_DISCOVERY: a site's home page, read for the links that
 *   name its endpoints, or an endpoint's settings (Micropub's `q=config`)
 * @LIVELINE_ANSWER_HEADERS: an answer of which only the headers matter:
 *   its body is not read at all
 *
 * What an answer is for, which says how much of it Liveline reads.
 */
typedef enum
{
  LIVELINE_ANSWER_POST,
  LIVELINE_ANSWER_MEDIA,
  LIVELINE_ANSWER_LIST,
  LIVELINE_ANSWER_DISCOVERY,
  LIVELINE_ANSWER_HEADERS,
} LivelineAnswerKind;

/* The most of each kind of answer that is read, in bytes. A post's answer
 * is a few kilobytes even on WordPress (its content twice, and its links);
 * a page of 100 categories about 150 kB; a news site's home page rarely
 * over 1 MB. */
#define LIVELINE_ANSWER_MAX_POST_SIZE       (2 * 1000 * 1000)
#define LIVELINE_ANSWER_MAX_MEDIA_SIZE      (1 * 1000 * 1000)
#define LIVELINE_ANSWER_MAX_LIST_SIZE       (8 * 1000 * 1000)
#define LIVELINE_ANSWER_MAX_DISCOVERY_SIZE  (4 * 1000 * 1000)

/* The deepest nesting of arrays and objects read in any JSON answer; a
 * WordPress post is 5 deep. json-glib's parser recurses once per level. */
#define LIVELINE_ANSWER_MAX_DEPTH           64

gsize     liveline_answer_get_max_size   (LivelineAnswerKind   kind);
void      liveline_answer_read_async     (SoupSession         *session,
                                          SoupMessage         *message,
                                          LivelineAnswerKind   kind,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
GBytes   *liveline_answer_read_finish    (SoupSession         *session,
                                          GAsyncResult        *result,
                                          GError             **error);
JsonNode *liveline_answer_parse_json     (GBytes              *body,
                                          gsize                max_size,
                                          GError             **error);
gboolean  liveline_answer_is_intact_text (const char          *text);

G_END_DECLS
