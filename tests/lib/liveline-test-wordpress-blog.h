/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <libsoup/soup.h>

#include "liveline-blog.h"
#include "liveline-outbox.h"
#include "liveline-post.h"
#include "liveline-publisher.h"
#include "liveline-store.h"
#include "liveline-test-wordpress.h"

G_BEGIN_DECLS

/* How long a test waits for WordPress to answer. */
#define LIVELINE_TEST_WORDPRESS_WAIT_MS 30000

/* The fixture of a test that publishes to the integration suite's
 * WordPress.
 */
typedef struct
{
  /* the program's, shared by every test */
  LivelineTestWordpress *wordpress;
  const char            *run;

  char                  *category_name;
  char                  *category_id;
  char                  *password;
  char                  *dir;
  LivelineStore         *store;
  LivelineBlog          *blog;
  LivelineOutbox        *outbox;
  SoupSession           *session;
  /* "METHOD URL" of each request the publisher's session sent, with
   * " (signed)" when it carried the password. */
  GPtrArray             *requests;
  LivelinePublisher     *publisher;
  GAsyncResult          *result;
} LivelineTestWordpressBlog;

/* Adds the test @func at /wordpress/@path, with a blog. */
#define LIVELINE_TEST_WORDPRESS_ADD(path, func) \
  g_test_add ("/wordpress/" path, LivelineTestWordpressBlog, NULL, \
              liveline_test_wordpress_blog_set_up, func, liveline_test_wordpress_blog_tear_down)

void               liveline_test_wordpress_blog_init       (int                         *argc,
                                                            char                      ***argv);
int                liveline_test_wordpress_blog_run        (void);
void               liveline_test_wordpress_blog_set_up     (LivelineTestWordpressBlog   *fixture,
                                                            gconstpointer                user_data);
void               liveline_test_wordpress_blog_tear_down  (LivelineTestWordpressBlog   *fixture,
                                                            gconstpointer                user_data);
LivelinePublisher *liveline_test_wordpress_blog_publisher  (LivelineTestWordpressBlog   *fixture,
                                                            const char                  *site_url,
                                                            const char                  *password);
GAsyncResult      *liveline_test_wordpress_blog_wait       (LivelineTestWordpressBlog   *fixture);
gboolean           liveline_test_wordpress_blog_is_idle    (gpointer                     user_data);
LivelinePost      *liveline_test_wordpress_blog_write_post (LivelineTestWordpressBlog   *fixture,
                                                            const char                  *headline,
                                                            const char                  *body);
char              *liveline_test_wordpress_blog_make_jpeg  (LivelineTestWordpressBlog   *fixture,
                                                            const char                  *name);
void               liveline_test_wordpress_blog_add_photo  (LivelineTestWordpressBlog   *fixture,
                                                            LivelinePost                *post,
                                                            const char                  *caption,
                                                            const char                  *credit,
                                                            const char                  *alt);
void               liveline_test_wordpress_blog_publish    (LivelineTestWordpressBlog   *fixture,
                                                            LivelinePost                *post);
void               liveline_test_wordpress_blog_retract    (LivelineTestWordpressBlog   *fixture,
                                                            LivelinePost                *post);
gboolean           liveline_test_wordpress_blog_sent       (LivelineTestWordpressBlog   *fixture,
                                                            const char                  *prefix);
char              *liveline_test_wordpress_slug            (LivelinePost                *post);

G_END_DECLS
