/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "crash-publisher"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "liveline-blog.h"
#include "liveline-destination.h"
#include "liveline-image.h"
#include "liveline-outbox.h"
#include "liveline-post.h"
#include "liveline-store.h"
#include "liveline-timeline.h"

/* crash-publisher DATA_DIR N KIND URL REMOTE_BLOG USERNAME SECRET [PHOTO]
 *
 * Not a test: test-crash-publish runs it and kills it. It opens the
 * store in DATA_DIR (the blog "Syria talks" made on the first run, found on
 * later ones), makes sure the updates "Update 001" to "Update N" exist and
 * are published — those still missing are written and published a few at a
 * main-loop turn while the outbox already sends, so a kill can land while
 * updates are still being queued — and sends them with a LivelineOutbox
 * to the destination of KIND (`liveline`, `wordpress`, `micropub`) at URL,
 * with REMOTE_BLOG, USERNAME and SECRET (`-` for none). With PHOTO, every
 * update it writes shows that photo, prepared as the editor prepares one
 * (each update's photo is uploaded on its own). It tells on
 * stdout, a line at a time:
 *
 *   queued HEADLINE     the update was published in the store
 *   published HEADLINE  the server has it
 *   done                every update is published and the outbox is empty
 */

#define PUBLISH_PER_TURN 3
#define GIVE_UP_S        60

typedef struct
{
  LivelineStore  *store;
  LivelineBlog   *blog;    /* the store's */
  LivelineOutbox *outbox;
  GMainLoop      *loop;
  GPtrArray      *posts;   /* the update of each headline, or NULL */
  GPtrArray      *spares;  /* drafts with no headline: made, then killed */
  LivelineImage  *photo;   /* what every update written shows, or NULL */
  guint           n;
  guint           next;    /* the next headline to make sure of, from 0 */
  gboolean        done;
  gboolean        failed;
} Publisher;

static const char *
argument_or_null (const char *argument)
{
  return g_strcmp0 (argument, "-") == 0 ? NULL : argument;
}

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

static char *
headline_for (guint i)
{
  return g_strdup_printf ("Update %03u", i + 1);
}

static void
on_post_state (LivelinePost *post,
               GParamSpec   *pspec,
               Publisher    *publisher)
{
  if (liveline_post_get_state (post) == LIVELINE_POST_STATE_PUBLISHED)
    tell ("published %s\n", liveline_post_get_headline (post));
}

static void
quit (Publisher *publisher,
      gboolean   failed)
{
  publisher->failed = failed;
  g_main_loop_quit (publisher->loop);
}

/* Makes sure update @i is written and published; a post the last run
 * left queued, sending or published is left to the outbox.
 */
static gboolean
publish_one (Publisher  *publisher,
             guint       i,
             GError    **error)
{
  g_autofree char *headline = headline_for (i);
  LivelinePost *post = g_ptr_array_index (publisher->posts, i);

  if (post == NULL)
    {
      if (publisher->spares->len > 0)
        post = g_object_ref (g_ptr_array_steal_index (publisher->spares, 0));
      else if (!(post = liveline_store_create_post (publisher->store, publisher->blog, error)))
        return FALSE;

      g_ptr_array_index (publisher->posts, i) = post;
      g_signal_connect (post, "notify::state", G_CALLBACK (on_post_state), publisher);
      liveline_post_set_headline (post, headline);
      liveline_post_set_body (post, "Delegates arrived at the Palais des Nations.");
      if (publisher->photo != NULL)
        liveline_post_set_image (post, publisher->photo);
      if (!liveline_store_save_post (publisher->store, post, error))
        return FALSE;
    }

  if (liveline_post_get_state (post) != LIVELINE_POST_STATE_DRAFT)
    return TRUE;

  if (!liveline_store_publish_post (publisher->store, post, error))
    return FALSE;

  tell ("queued %s\n", headline);
  liveline_outbox_wake (publisher->outbox);

  return TRUE;
}

static gboolean
on_publish_some (gpointer user_data)
{
  Publisher *publisher = user_data;
  g_autoptr(GError) error = NULL;

  for (guint k = 0; k < PUBLISH_PER_TURN && publisher->next < publisher->n; k++)
    if (!publish_one (publisher, publisher->next++, &error))
      {
        g_printerr ("crash-publisher: %s\n", error->message);
        quit (publisher, TRUE);
        return G_SOURCE_REMOVE;
      }

  return publisher->next < publisher->n ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static gboolean
on_check (gpointer user_data)
{
  Publisher *publisher = user_data;

  if (publisher->next == publisher->n &&
      liveline_store_count_waiting (publisher->store) == 0 &&
      liveline_outbox_get_sending (publisher->outbox) == 0)
    {
      publisher->done = TRUE;
      quit (publisher, FALSE);
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

static gboolean
on_give_up (gpointer user_data)
{
  Publisher *publisher = user_data;

  g_printerr ("crash-publisher: the outbox is not empty after %d s\n", GIVE_UP_S);
  quit (publisher, TRUE);

  return G_SOURCE_REMOVE;
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

      /* The store's list keeps it. */
      if (g_strcmp0 (liveline_blog_get_name (blog), name) == 0)
        return blog;
    }

  return liveline_store_create_blog (store, name, error);
}

/* Sorts the posts an earlier run left by headline; those it made and had
 * no time to name become spares.
 */
static void
find_posts (Publisher *publisher)
{
  g_autoptr(LivelineTimeline) timeline = liveline_timeline_new (publisher->store, publisher->blog);
  GListModel *model = G_LIST_MODEL (timeline);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(LivelinePost) post = g_list_model_get_item (model, i);
      const char *headline = liveline_post_get_headline (post);
      gboolean found = FALSE;

      for (guint j = 0; j < publisher->n && !found; j++)
        {
          g_autofree char *expected = headline_for (j);

          if (g_strcmp0 (headline, expected) == 0)
            {
              if (g_ptr_array_index (publisher->posts, j) != NULL)
                g_printerr ("crash-publisher: two posts are headed “%s”\n", headline);
              else
                {
                  g_ptr_array_index (publisher->posts, j) = g_object_ref (post);
                  g_signal_connect (post, "notify::state", G_CALLBACK (on_post_state), publisher);
                }
              found = TRUE;
            }
        }

      if (!found && (headline == NULL || *headline == '\0') &&
          liveline_post_get_state (post) == LIVELINE_POST_STATE_DRAFT)
        g_ptr_array_add (publisher->spares, g_object_ref (post));
    }
}

static void
on_photo_prepared (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GAsyncResult **prepared = user_data;

  *prepared = g_object_ref (result);
}

/* The photo at @path, prepared into the store's media folder. */
static LivelineImage *
prepare_photo (LivelineStore  *store,
               const char     *path,
               GError        **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;

  liveline_image_prepare_async (file, liveline_store_get_media_dir (store), 2048, NULL,
                                on_photo_prepared, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return liveline_image_prepare_finish (result, error);
}

static void
clear_post (gpointer data)
{
  LivelinePost *post = data;

  if (post != NULL)
    {
      g_signal_handlers_disconnect_matched (post, G_SIGNAL_MATCH_FUNC, 0, 0, NULL,
                                            on_post_state, NULL);
      g_object_unref (post);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(LivelinePublisher) destination_publisher = NULL;
  LivelineDestination destination = { 0 };
  Publisher publisher = { 0 };
  guint64 n;

  if ((argc != 8 && argc != 9) || !g_ascii_string_to_unsigned (argv[2], 10, 1, 999, &n, NULL))
    {
      g_printerr ("Usage: %s DATA_DIR N KIND URL REMOTE_BLOG USERNAME SECRET [PHOTO]\n", argv[0]);
      return EXIT_FAILURE;
    }

  publisher.n = (guint)n;
  publisher.loop = g_main_loop_new (NULL, FALSE);
  publisher.posts = g_ptr_array_new_full (publisher.n, clear_post);
  g_ptr_array_set_size (publisher.posts, publisher.n);
  publisher.spares = g_ptr_array_new_with_free_func (g_object_unref);

  if (!(publisher.store = liveline_store_open (argv[1], &error)) ||
      !(publisher.blog = find_or_create_blog (publisher.store, "Syria talks", &error)))
    {
      g_printerr ("crash-publisher: %s\n", error->message);
      return EXIT_FAILURE;
    }

  if (argc == 9 && !(publisher.photo = prepare_photo (publisher.store, argv[8], &error)))
    {
      g_printerr ("crash-publisher: %s\n", error->message);
      return EXIT_FAILURE;
    }

  find_posts (&publisher);

  session = soup_session_new ();
  soup_session_set_timeout (session, 2);
  soup_session_set_idle_timeout (session, 2);
  destination.kind = argv[3];
  destination.endpoint_url = argv[4];
  destination.remote_blog_id = argument_or_null (argv[5]);
  destination.username = argument_or_null (argv[6]);
  destination.delete_permanently = TRUE;
  destination_publisher = liveline_destination_new_publisher (&destination, session, publisher.blog,
                                                              argument_or_null (argv[7]));
  if (destination_publisher == NULL)
    {
      g_printerr ("crash-publisher: no publisher for “%s”\n", argv[3]);
      return EXIT_FAILURE;
    }

  publisher.outbox = liveline_outbox_new (publisher.store, NULL);
  liveline_outbox_set_publisher (publisher.outbox, liveline_blog_get_id (publisher.blog),
                                 destination_publisher);
  liveline_outbox_start (publisher.outbox);

  g_idle_add (on_publish_some, &publisher);
  g_timeout_add (10, on_check, &publisher);
  g_timeout_add_seconds (GIVE_UP_S, on_give_up, &publisher);
  g_main_loop_run (publisher.loop);

  if (publisher.done)
    tell ("done\n");

  liveline_outbox_stop (publisher.outbox);
  g_clear_object (&publisher.outbox);
  g_clear_pointer (&publisher.posts, g_ptr_array_unref);
  g_clear_pointer (&publisher.spares, g_ptr_array_unref);
  g_clear_object (&publisher.photo);
  g_clear_object (&publisher.store);
  g_clear_pointer (&publisher.loop, g_main_loop_unref);

  return publisher.failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
