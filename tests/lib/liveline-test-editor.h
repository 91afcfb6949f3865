/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <adwaita.h>

#include "liveline-image-field.h"
#include "liveline-post-editor.h"
#include "liveline-post.h"
#include "liveline-store.h"

G_BEGIN_DECLS

/* What the store holds of a post, for liveline_test_assert_stored_soon()
 * and liveline_test_assert_stored_now().
 */
#define HEADLINE_SQL "SELECT headline FROM posts WHERE id = ?"
#define BODY_SQL     "SELECT body FROM posts WHERE id = ?"
#define PINNED_SQL   "SELECT pinned FROM posts WHERE id = ?"
#define CAPTION_SQL  "SELECT caption FROM media WHERE post_id = ?"
#define CREDIT_SQL   "SELECT credit FROM media WHERE post_id = ?"
#define ALT_SQL      "SELECT alt FROM media WHERE post_id = ?"
#define MEDIA_SQL    "SELECT file FROM media WHERE post_id = ?"

/* The post editor in a window of its own. */
typedef struct
{
  GtkWindow          *window;
  LivelinePostEditor *editor;
} LivelineTestEditor;

void                liveline_test_editor_init           (int                 *argc,
                                                         char              ***argv);
int                 liveline_test_editor_run            (void);
LivelineStore      *liveline_test_editor_get_store      (void);
const char         *liveline_test_editor_get_data_dir   (void);
LivelinePost       *liveline_test_editor_create_post    (void);

LivelineTestEditor *liveline_test_editor_new            (LivelinePost        *post);
void                liveline_test_editor_free           (LivelineTestEditor  *harness);
GtkEditable        *liveline_test_editor_headline       (LivelineTestEditor  *harness);
GtkTextBuffer      *liveline_test_editor_body_buffer    (LivelineTestEditor  *harness);
LivelineImageField *liveline_test_editor_image_field    (LivelineTestEditor  *harness);
GtkEditable        *liveline_test_editor_photo_row      (LivelineTestEditor  *harness,
                                                         const char          *title);
void                liveline_test_editor_type_into_body (LivelineTestEditor  *harness,
                                                         const char          *text);
char               *liveline_test_editor_dup_body_text  (LivelineTestEditor  *harness);
void                liveline_test_editor_attach_photo   (LivelineTestEditor  *harness,
                                                         LivelinePost        *post,
                                                         const char          *name);

void                liveline_test_assert_stored_soon    (LivelinePost        *post,
                                                         const char          *sql,
                                                         const char          *expected);
void                liveline_test_assert_stored_now     (LivelinePost        *post,
                                                         const char          *sql,
                                                         const char          *expected);

G_END_DECLS
