/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "liveline-image.h"

G_BEGIN_DECLS

/* The size photos are prepared at unless a test says otherwise. */
#define LIVELINE_TEST_IMAGE_SIZE 2048

#define LIVELINE_TEST_RED    0xff0000ffu
#define LIVELINE_TEST_GREEN  0x00ff00ffu
#define LIVELINE_TEST_BLUE   0x0000ffffu
#define LIVELINE_TEST_WHITE  0xffffffffu

/* A folder of the test's own for the originals, and the media folder
 * inside it that the copies go to.
 */
typedef struct
{
  char *dir;
  char *media_dir;
} LivelineTestImageFixture;

/* Adds the test @func at /image/@path, with a fixture. */
#define LIVELINE_TEST_IMAGE_ADD(path, func) \
  g_test_add ("/image/" path, LivelineTestImageFixture, NULL, \
              liveline_test_image_set_up, func, liveline_test_image_tear_down)

void           liveline_test_image_init            (int                        *argc,
                                                    char                     ***argv);
int            liveline_test_image_run             (void);
void           liveline_test_image_set_up          (LivelineTestImageFixture   *fixture,
                                                    gconstpointer               user_data);
void           liveline_test_image_tear_down       (LivelineTestImageFixture   *fixture,
                                                    gconstpointer               user_data);
char          *liveline_test_image_path            (LivelineTestImageFixture   *fixture,
                                                    const char                 *name);
guint          liveline_test_count_media_files     (LivelineTestImageFixture   *fixture);
LivelineImage *liveline_test_prepare_image_full    (const char                 *path,
                                                    const char                 *media_dir,
                                                    guint                       max_size,
                                                    GCancellable               *cancellable,
                                                    GError                    **error);
LivelineImage *liveline_test_prepare_image         (LivelineTestImageFixture   *fixture,
                                                    const char                 *path,
                                                    guint                       max_size);
GdkPixbuf     *liveline_test_make_pixbuf           (int                         width,
                                                    int                         height,
                                                    gboolean                    has_alpha,
                                                    guint32                     rgba);
void           liveline_test_save_pixbuf           (GdkPixbuf                  *pixbuf,
                                                    const char                 *path,
                                                    const char                 *type);
char          *liveline_test_make_jpeg             (LivelineTestImageFixture   *fixture,
                                                    const char                 *name,
                                                    int                         width,
                                                    int                         height,
                                                    guint32                     rgba);
void           liveline_test_set_tags              (const char                 *path,
                                                    ...) G_GNUC_NULL_TERMINATED;
void           liveline_test_assert_no_metadata    (const char                 *path);
GdkPixbuf     *liveline_test_load_pixbuf           (const char                 *path);
void           liveline_test_assert_pixel          (GdkPixbuf                  *pixbuf,
                                                    int                         x,
                                                    int                         y,
                                                    guint32                     rgba);
void           liveline_test_assert_stored_size    (LivelineImage              *image,
                                                    int                         width,
                                                    int                         height);
void           liveline_test_assert_thumbnail_size (LivelineImage              *image,
                                                    int                         width,
                                                    int                         height);
const char    *liveline_test_big_jpeg              (void);

G_END_DECLS
