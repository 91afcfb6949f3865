/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-autosaver"

#include "config.h"

#include "liveline-autosaver.h"
#include "liveline-post.h"
#include "liveline-store.h"

/* LivelineAutosaver writes the post being edited to the store a moment after
 * the journalist stops typing, and at once when asked, when another post is
 * opened, or when it goes away. A burst of keystrokes is one write; a burst
 * that goes on and on is written every LIVELINE_AUTOSAVER_MAX_DELAY_MS, so a
 * crash in the middle of a long sentence loses less than a second of it.
 */
struct _LivelineAutosaver
{
  GObject        parent_instance;

  LivelineStore *store;
  LivelinePost  *post;
  guint          timeout_id;

  /* Monotonic time by which the oldest unsaved change must be written. */
  gint64         deadline;
};

G_DEFINE_FINAL_TYPE (LivelineAutosaver, liveline_autosaver, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_POST,
  PROP_PENDING,
  N_PROPS
};

enum {
  SAVED,
  FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* What the journalist changes; the rest is the store's or the outbox's. */
static const char * const watched_properties[] = {
  "headline", "body", "author", "pinned", "key-moment", "has-image",
  "image-path", "image-caption", "image-credit", "image-alt",
};

static gboolean
on_timeout (gpointer user_data)
{
  LivelineAutosaver *self = user_data;

  self->timeout_id = 0;
  liveline_autosaver_save_now (self, NULL);

  return G_SOURCE_REMOVE;
}

static void
on_post_notify (LivelineAutosaver *self,
                GParamSpec        *pspec,
                LivelinePost      *post)
{
  gint64 now;
  gint64 until_deadline_ms;
  gboolean was_pending;

  if (!g_strv_contains (watched_properties, pspec->name))
    return;

  now = g_get_monotonic_time ();
  was_pending = self->timeout_id != 0;

  /* The first change after a save starts the clock; later ones in the same
   * burst push the write back, but never past the deadline.
   */
  if (!was_pending)
    self->deadline = now + LIVELINE_AUTOSAVER_MAX_DELAY_MS * G_TIME_SPAN_MILLISECOND;
  until_deadline_ms = MAX (0, (self->deadline - now) / G_TIME_SPAN_MILLISECOND);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add (MIN (LIVELINE_AUTOSAVER_DELAY_MS, until_deadline_ms),
                                    on_timeout, self);
  g_source_set_name_by_id (self->timeout_id, "[liveline] autosave");

  if (!was_pending)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
}

static void
liveline_autosaver_dispose (GObject *object)
{
  LivelineAutosaver *self = (LivelineAutosaver *)object;

  liveline_autosaver_set_post (self, NULL);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (liveline_autosaver_parent_class)->dispose (object);
}

static void
liveline_autosaver_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LivelineAutosaver *self = LIVELINE_AUTOSAVER (object);

  switch (prop_id)
    {
    case PROP_POST:
      g_value_set_object (value, self->post);
      break;

    case PROP_PENDING:
      g_value_set_boolean (value, liveline_autosaver_get_pending (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liveline_autosaver_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  LivelineAutosaver *self = LIVELINE_AUTOSAVER (object);

  switch (prop_id)
    {
    case PROP_POST:
      liveline_autosaver_set_post (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liveline_autosaver_class_init (LivelineAutosaverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = liveline_autosaver_dispose;
  object_class->get_property = liveline_autosaver_get_property;
  object_class->set_property = liveline_autosaver_set_property;

  properties[PROP_POST] =
    g_param_spec_object ("post", NULL, NULL,
                         LIVELINE_TYPE_POST,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * LivelineAutosaver:pending:
   *
   * Whether a change waits to be written.
   */
  properties[PROP_PENDING] =
    g_param_spec_boolean ("pending", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LivelineAutosaver::saved:
   * @self: a #LivelineAutosaver
   * @post: the post written
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, LIVELINE_TYPE_POST);

  /**
   * LivelineAutosaver::failed:
   * @self: a #LivelineAutosaver
   * @post: the post that could not be written
   * @error: why
   */
  signals[FAILED] =
    g_signal_new ("failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, LIVELINE_TYPE_POST, G_TYPE_ERROR);
}

static void
liveline_autosaver_init (LivelineAutosaver *self)
{
}

/**
 * liveline_autosaver_new:
 * @store: the store to write to
 *
 * Returns: (transfer full): a new #LivelineAutosaver
 */
LivelineAutosaver *
liveline_autosaver_new (LivelineStore *store)
{
  LivelineAutosaver *self;

  g_return_val_if_fail (LIVELINE_IS_STORE (store), NULL);

  self = g_object_new (LIVELINE_TYPE_AUTOSAVER, NULL);
  self->store = g_object_ref (store);

  return self;
}

LivelinePost *
liveline_autosaver_get_post (LivelineAutosaver *self)
{
  g_return_val_if_fail (LIVELINE_IS_AUTOSAVER (self), NULL);

  return self->post;
}

/**
 * liveline_autosaver_set_post:
 * @self: a #LivelineAutosaver
 * @post: (nullable): the post being edited
 *
 * Follows @post from now on; a change still pending on the post followed
 * before is written first.
 */
void
liveline_autosaver_set_post (LivelineAutosaver *self,
                             LivelinePost      *post)
{
  g_return_if_fail (LIVELINE_IS_AUTOSAVER (self));
  g_return_if_fail (!post || LIVELINE_IS_POST (post));

  if (self->post == post)
    return;

  if (self->post != NULL)
    {
      if (self->timeout_id != 0)
        liveline_autosaver_save_now (self, NULL);
      g_signal_handlers_disconnect_by_data (self->post, self);
    }

  g_set_object (&self->post, post);

  if (post != NULL)
    g_signal_connect_object (post, "notify", G_CALLBACK (on_post_notify), self,
                             G_CONNECT_SWAPPED);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POST]);
}

gboolean
liveline_autosaver_get_pending (LivelineAutosaver *self)
{
  g_return_val_if_fail (LIVELINE_IS_AUTOSAVER (self), FALSE);

  return self->timeout_id != 0;
}

/**
 * liveline_autosaver_save_now:
 * @self: a #LivelineAutosaver
 * @error: a location for a #GError
 *
 * Writes the post now, whether a change is pending or not.
 *
 * Returns: %TRUE when the post is safely stored
 */
gboolean
liveline_autosaver_save_now (LivelineAutosaver  *self,
                             GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean was_pending;

  g_return_val_if_fail (LIVELINE_IS_AUTOSAVER (self), FALSE);

  was_pending = self->timeout_id != 0;
  g_clear_handle_id (&self->timeout_id, g_source_remove);

  if (self->post == NULL)
    return TRUE;

  if (!liveline_store_save_post (self->store, self->post, &local_error))
    {
      g_warning ("Could not save an update: %s", local_error->message);

      /* The change is still in the post: keep it pending and try again,
       * unless the post itself is gone from the store.
       */
      if (!g_error_matches (local_error, LIVELINE_STORE_ERROR, LIVELINE_STORE_ERROR_NOT_FOUND))
        {
          self->timeout_id = g_timeout_add (LIVELINE_AUTOSAVER_RETRY_MS, on_timeout, self);
          g_source_set_name_by_id (self->timeout_id, "[liveline] autosave again");
        }

      g_signal_emit (self, signals[FAILED], 0, self->post, local_error);
      if (was_pending != (self->timeout_id != 0))
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  g_signal_emit (self, signals[SAVED], 0, self->post);
  if (was_pending)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);

  return TRUE;
}
