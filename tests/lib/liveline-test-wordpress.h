/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* The integration suite's real WordPress, and a client of its REST API
 * that the tests read back with, independent of the publisher. */
typedef struct
{
  GHashTable  *servers;
  const char  *site_url;
  const char  *rest_root;
  const char  *username;
  const char  *app_password;
  const char  *uploads_dir;
  SoupSession *session;
  char        *authorization;
} LivelineTestWordpress;

LivelineTestWordpress *liveline_test_wordpress_new            (void);
void                   liveline_test_wordpress_free           (LivelineTestWordpress *wordpress);
JsonNode              *liveline_test_wordpress_call           (LivelineTestWordpress *wordpress,
                                                               const char            *method,
                                                               const char            *route,
                                                               const char            *json_body,
                                                               guint                 *status);
JsonObject            *liveline_test_wordpress_get_object     (LivelineTestWordpress *wordpress,
                                                               const char            *route);
char                  *liveline_test_wordpress_make_category  (LivelineTestWordpress *wordpress,
                                                               const char            *name);
GPtrArray             *liveline_test_wordpress_list           (LivelineTestWordpress *wordpress,
                                                               const char            *route);
const char            *liveline_test_wordpress_raw            (JsonObject            *object,
                                                               const char            *member);
char                  *liveline_test_wordpress_spaced_password (LivelineTestWordpress *wordpress);
JsonObject            *liveline_test_wordpress_get_post       (LivelineTestWordpress *wordpress,
                                                               const char            *id);
JsonObject            *liveline_test_wordpress_get_media      (LivelineTestWordpress *wordpress,
                                                               const char            *id);
char                  *liveline_test_wordpress_id             (JsonObject            *object);
guint                  liveline_test_wordpress_count_posts    (LivelineTestWordpress *wordpress,
                                                               const char            *slug);
guint                  liveline_test_wordpress_status         (LivelineTestWordpress *wordpress,
                                                               const char            *route);
void                   liveline_test_wordpress_assert_in_category (JsonObject *post,
                                                                   const char *category_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LivelineTestWordpress, liveline_test_wordpress_free)

G_END_DECLS
