/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "crash-editor"

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <stdio.h>
#include <stdlib.h>

#include "liveline-autosaver.h"
#include "liveline-blog.h"
#include "liveline-crash-script.h"
#include "liveline-image.h"
#include "liveline-post.h"
#include "liveline-store.h"

/* crash-editor DATA_DIR SEED
 *
 * Not a test: test-crash runs it and kills it. It edits one update the
 * way the editor window does — the store, a photo dropped in, a
 * LivelineAutosaver following the post, and each keystroke set on the post's
 * properties as the editor's bindings set them — typing the script of
 * liveline-crash-script.c at a fast typist's uneven pace (2 to 30 ms a
 * keystroke) until it is killed. It tells on stdout, a line at a time:
 *
 *   ready POST_ID TIME       the post exists, with its photo, and typing starts
 *   key N BODY_CHARS TIME    keystroke N was typed (Ctrl+S follows some)
 *   saved N TIME             the autosaver wrote the post as of keystroke N
 *   failed MESSAGE           the autosaver could not write it
 *
 * TIME is g_get_monotonic_time(), the same clock in every process.
 */

#define TYPE_AT_MOST_S 60

typedef struct
{
  LivelinePost       *post;
  LivelineAutosaver  *autosaver;
  LivelineCrashDraft  draft;
  GRand              *rand;
  GMainLoop          *loop;
  GAsyncResult       *prepared;
} Editor;

static void
tell (const char *format,
      ...) G_GNUC_PRINTF (1, 2);

static void
tell (const char *format,
      ...)
{
  va_list args;

  va_start (args, format);
  vprintf (format, args);
  va_end (args);

  fflush (stdout);
}

static void
on_saved (LivelineAutosaver *autosaver,
          LivelinePost      *post,
          Editor            *editor)
{
  tell ("saved %u %" G_GINT64_FORMAT "\n", editor->draft.keystrokes, g_get_monotonic_time ());
}

static void
on_failed (LivelineAutosaver *autosaver,
           LivelinePost      *post,
           const GError      *error,
           Editor            *editor)
{
  tell ("failed %s\n", error->message);
}

/* Sets what one keystroke changed, as the editor's widgets do through their
 * property bindings: the whole text of the field, or the switch's state.
 */
static void
type_keystroke (Editor *editor)
{
  LivelineCrashDraft *draft = &editor->draft;

  switch (liveline_crash_draft_type (draft))
    {
    case LIVELINE_CRASH_EDIT_BODY:
      g_object_set (editor->post, "body", draft->body->str, NULL);
      break;

    case LIVELINE_CRASH_EDIT_HEADLINE:
      g_object_set (editor->post, "headline", draft->headline->str, NULL);
      break;

    case LIVELINE_CRASH_EDIT_PINNED:
      g_object_set (editor->post, "pinned", draft->pinned, NULL);
      break;

    case LIVELINE_CRASH_EDIT_CAPTION:
      g_object_set (editor->post, "image-caption", draft->caption->str, NULL);
      break;

    default:
      g_assert_not_reached ();
    }
}

static gboolean
on_keystroke (gpointer user_data)
{
  Editor *editor = user_data;
  g_autoptr(GError) error = NULL;
  guint keystroke;

  type_keystroke (editor);
  keystroke = editor->draft.keystrokes;
  tell ("key %u %u %" G_GINT64_FORMAT "\n",
        keystroke, editor->draft.body_chars, g_get_monotonic_time ());

  if (liveline_crash_script_saves (keystroke) &&
      !liveline_autosaver_save_now (editor->autosaver, &error))
    g_warning ("Ctrl+S failed: %s", error->message);

  g_timeout_add (g_rand_int_range (editor->rand, 2, 31), on_keystroke, editor);

  return G_SOURCE_REMOVE;
}

static gboolean
on_enough (gpointer user_data)
{
  Editor *editor = user_data;

  g_main_loop_quit (editor->loop);

  return G_SOURCE_REMOVE;
}

static void
on_prepared (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Editor *editor = user_data;

  editor->prepared = g_object_ref (result);
  g_main_loop_quit (editor->loop);
}

/* An agency photo on the journalist's disk, as she would drag it in. */
static char *
make_agency_photo (const char  *dir,
                   GError     **error)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 96, 64);
  g_autofree char *path = g_build_filename (dir, "agency-photo.jpg", NULL);

  gdk_pixbuf_fill (pixbuf, 0x3465a4ff);
  if (!gdk_pixbuf_save (pixbuf, path, "jpeg", error, NULL))
    return NULL;

  return g_steal_pointer (&path);
}

static LivelineImage *
prepare_photo (Editor         *editor,
               LivelineStore  *store,
               const char     *dir,
               GError        **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;

  if (!(path = make_agency_photo (dir, error)))
    return NULL;

  file = g_file_new_for_path (path);
  liveline_image_prepare_async (file, liveline_store_get_media_dir (store), 2048, NULL,
                                on_prepared, editor);
  g_main_loop_run (editor->loop);

  return liveline_image_prepare_finish (editor->prepared, error);
}

static LivelineBlog *
find_or_create_blog (LivelineStore  *store,
                     const char     *name,
                     GError        **error)
{
  GListModel *blogs = liveline_store_get_blogs (store);

  for (guint i = 0; i < g_list_model_get_n_items (blogs); i++)
    {
      g_autoptr(LivelineBlog) blog = g_list_model_get_item (blogs, i);

      if (g_strcmp0 (liveline_blog_get_name (blog), name) == 0)
        return blog;
    }

  return liveline_store_create_blog (store, name, error);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LivelineStore) store = NULL;
  g_autoptr(LivelineImage) image = NULL;
  g_autoptr(GError) error = NULL;
  LivelineBlog *blog;
  Editor editor = { 0 };
  guint64 seed;

  if (argc != 3)
    {
      g_printerr ("Usage: %s DATA_DIR SEED\n", argv[0]);
      return EXIT_FAILURE;
    }

  seed = g_ascii_strtoull (argv[2], NULL, 10);
  editor.rand = g_rand_new_with_seed ((guint32)seed);
  editor.loop = g_main_loop_new (NULL, FALSE);
  liveline_crash_draft_init (&editor.draft);

  if (!(store = liveline_store_open (argv[1], &error)) ||
      !(blog = find_or_create_blog (store, "Syria talks", &error)) ||
      !(editor.post = liveline_store_create_post (store, blog, &error)))
    {
      g_printerr ("crash-editor: %s\n", error->message);
      return EXIT_FAILURE;
    }

  editor.autosaver = liveline_autosaver_new (store);
  g_signal_connect (editor.autosaver, "saved", G_CALLBACK (on_saved), &editor);
  g_signal_connect (editor.autosaver, "failed", G_CALLBACK (on_failed), &editor);
  liveline_autosaver_set_post (editor.autosaver, editor.post);

  if (!(image = prepare_photo (&editor, store, argv[1], &error)))
    {
      g_printerr ("crash-editor: %s\n", error->message);
      return EXIT_FAILURE;
    }

  liveline_post_set_image (editor.post, image);
  if (!liveline_autosaver_save_now (editor.autosaver, &error))
    {
      g_printerr ("crash-editor: %s\n", error->message);
      return EXIT_FAILURE;
    }

  tell ("ready %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n",
        liveline_post_get_id (editor.post), g_get_monotonic_time ());

  g_timeout_add (g_rand_int_range (editor.rand, 2, 31), on_keystroke, &editor);
  g_timeout_add_seconds (TYPE_AT_MOST_S, on_enough, &editor);
  g_main_loop_run (editor.loop);

  /* Only reached when nobody killed it: close as the editor would. */
  g_clear_object (&editor.autosaver);
  g_clear_object (&editor.post);
  g_clear_object (&editor.prepared);
  g_clear_pointer (&editor.loop, g_main_loop_unref);
  g_clear_pointer (&editor.rand, g_rand_free);
  liveline_crash_draft_clear (&editor.draft);

  return EXIT_SUCCESS;
}
