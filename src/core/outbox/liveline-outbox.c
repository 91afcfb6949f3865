/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-outbox"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "liveline-outbox-op-private.h"
#include "liveline-outbox.h"
#include "liveline-post-private.h"
#include "liveline-store.h"

/* LivelineOutbox sends what the store's outbox holds to each blog's
 * endpoint: the oldest operation of every blog, one at a time per blog, so
 * updates appear in the order they were written. Each try is recorded in
 * the store before a byte leaves (see liveline-store-outbox.c); a try that
 * a crash interrupted is first looked up on the endpoint by its key.
 *
 * It wakes when started, when something is queued, when the network comes
 * back, when a retry is due, and when asked ("Retry now"). Failures that may pass are tried again
 * after 1 s, doubling up to five minutes, or when the endpoint says; the
 * endpoint's refusals fail the post with its words; refused credentials
 * pause the blog until new ones are set.
 */
struct _LivelineOutbox
{
  GObject          parent_instance;

  LivelineStore   *store;
  GNetworkMonitor *monitor;
  GCancellable    *cancellable;

  /* Blog id → LivelinePublisher */
  GHashTable      *publishers;
  /* Blog ids with an operation on its way */
  GHashTable      *busy;
  /* Blog ids whose endpoint refused the credentials */
  GHashTable      *paused;

  guint            timeout_id;
  guint            idle_id;
  gboolean         started;
};

G_DEFINE_FINAL_TYPE (LivelineOutbox, liveline_outbox, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  LivelineOutbox    *outbox;
  LivelineOutboxOp  *op;
  LivelinePost      *post;
  LivelinePublisher *publisher;
  char              *media_id;
} Job;

static void drain           (LivelineOutbox *self);
static void send_operation  (Job            *job);

static void
job_free (Job *job)
{
  g_hash_table_remove (job->outbox->busy, &(gint64){ liveline_outbox_op_get_blog_id (job->op) });
  g_clear_object (&job->outbox);
  g_clear_object (&job->op);
  g_clear_object (&job->post);
  g_clear_object (&job->publisher);
  g_clear_pointer (&job->media_id, g_free);
  g_free (job);
}

static gint64 *
dup_id (gint64 id)
{
  return g_memdup2 (&id, sizeof id);
}

static gboolean
on_drain_idle (gpointer user_data)
{
  LivelineOutbox *self = user_data;

  self->idle_id = 0;
  drain (self);

  return G_SOURCE_REMOVE;
}

/* Drains from the main loop, not from inside a callback. */
static void
queue_drain (LivelineOutbox *self)
{
  if (self->started && self->idle_id == 0)
    self->idle_id = g_idle_add (on_drain_idle, self);
}

static void
announce (LivelineOutbox *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

/* How long to wait before the next try of an operation that failed for the
 * @attempts-th time: 1 s, 2 s, 4 s … up to five minutes, with up to a
 * second of jitter so many clients don't come back at once.
 */
static guint
backoff_ms (guint attempts)
{
  guint seconds = LIVELINE_OUTBOX_FIRST_RETRY_S << MIN (attempts > 0 ? attempts - 1 : 0, 9);

  seconds = MIN (seconds, LIVELINE_OUTBOX_MAX_RETRY_S);

  return seconds * 1000 + g_random_int_range (0, 1000);
}

/* Whether @message names @id, an identifier that means nothing to a reader. */
static gboolean
names (const char *message,
       const char *id)
{
  return id != NULL && id[0] != '\0' && strstr (message, id) != NULL;
}

/* The error as the journalist is shown it: the endpoint's own words, unless
 * they name the post, its photo or the try by an identifier, which are then
 * said in Liveline's words instead.
 */
static GError *
dup_error_to_show (Job          *job,
                   const GError *error)
{
  const char *message = error->message;

  if (names (message, liveline_post_get_uuid (job->post)) ||
      names (message, liveline_post_get_remote_id (job->post)) ||
      names (message, job->media_id) ||
      names (message, liveline_outbox_op_get_idempotency_key (job->op)))
    {
      if (error->domain != LIVELINE_PUBLISHER_ERROR)
        message = _("The blog’s endpoint refused this update.");
      else if (error->code == LIVELINE_PUBLISHER_ERROR_NOT_FOUND)
        message = _("The blog’s endpoint no longer has this update.");
      else if (error->code == LIVELINE_PUBLISHER_ERROR_AUTH)
        message = _("The blog’s endpoint did not accept the token.");
      else if (error->code == LIVELINE_PUBLISHER_ERROR_TRANSIENT)
        message = _("The blog’s endpoint cannot take updates now.");
      else
        message = _("The blog’s endpoint refused this update.");
    }

  if (error->domain == LIVELINE_PUBLISHER_ERROR)
    return liveline_publisher_error_new_literal (error->code,
                                                 liveline_publisher_error_get_retry_after (error),
                                                 message);

  return g_error_new_literal (error->domain, error->code, message);
}

static void
job_failed (Job    *job,
            GError *error)
{
  LivelineOutbox *self = job->outbox;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GError) shown = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Stopped: the try stays recorded as started, and is looked up next time. */
      job_free (job);
      return;
    }

  /* From here on, the error is what the post will show. */
  error = shown = dup_error_to_show (job, error);

  if (g_error_matches (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_TRANSIENT))
    {
      /* Counted in 64 bits: seconds times 1000 would wrap around in a guint. */
      guint retry_after = MIN (liveline_publisher_error_get_retry_after (error),
                               LIVELINE_PUBLISHER_MAX_RETRY_AFTER);
      GTimeSpan delay = retry_after > 0 ? (GTimeSpan)retry_after * G_TIME_SPAN_SECOND
                                        : (GTimeSpan)backoff_ms (liveline_outbox_op_get_attempts (job->op)) * 1000;
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autoptr(GDateTime) next = g_date_time_add (now, delay);

      liveline_store_retry_later (self->store, job->op, next, error->message, &local_error);
    }
  else if (g_error_matches (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_AUTH))
    {
      gint64 blog_id = liveline_outbox_op_get_blog_id (job->op);
      g_autofree char *message = g_strdup_printf (_("Signed out: %s Sign in again to publish."),
                                                  error->message);

      g_hash_table_add (self->paused, dup_id (blog_id));
      liveline_store_give_up (self->store, job->op, message, &local_error);
    }
  else
    {
      liveline_store_give_up (self->store, job->op, error->message, &local_error);
    }

  if (local_error != NULL)
    g_warning ("Could not record a failed try: %s", local_error->message);

  job_free (job);
  announce (self);
  queue_drain (self);
}

static void
job_done (Job                      *job,
          const LivelineRemotePost *remote)
{
  LivelineOutbox *self = job->outbox;
  g_autoptr(GError) error = NULL;

  if (!liveline_store_finish_send (self->store, job->op,
                                   remote != NULL ? remote->id : NULL,
                                   remote != NULL ? remote->url : NULL,
                                   remote != NULL ? remote->published_at : NULL,
                                   &error))
    g_warning ("Could not record a publication: %s", error->message);

  job_free (job);
  announce (self);
  queue_drain (self);
}

static void
on_post_sent (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LivelineRemotePost) remote = NULL;
  g_autoptr(GError) error = NULL;
  Job *job = user_data;

  if (liveline_outbox_op_get_operation (job->op) == LIVELINE_OUTBOX_CREATE)
    remote = liveline_publisher_create_finish (job->publisher, result, &error);
  else
    remote = liveline_publisher_update_finish (job->publisher, result, &error);

  if (remote == NULL)
    job_failed (job, error);
  else
    job_done (job, remote);
}

static void
on_deleted (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  Job *job = user_data;

  /* Already gone is what a retraction wants. */
  if (liveline_publisher_delete_finish (job->publisher, result, &error) ||
      g_error_matches (error, LIVELINE_PUBLISHER_ERROR, LIVELINE_PUBLISHER_ERROR_NOT_FOUND))
    job_done (job, NULL);
  else
    job_failed (job, error);
}

static void
send_post (Job *job)
{
  const char *key = liveline_outbox_op_get_idempotency_key (job->op);

  /* What the endpoint will have once it accepts: the post as it goes now. */
  _liveline_outbox_op_set_sent_snapshot (job->op, _liveline_post_dup_sent_snapshot (job->post));

  if (liveline_outbox_op_get_operation (job->op) == LIVELINE_OUTBOX_CREATE)
    liveline_publisher_create_async (job->publisher, job->post, job->media_id, key,
                                     job->outbox->cancellable, on_post_sent, job);
  else
    liveline_publisher_update_async (job->publisher, job->post,
                                     liveline_post_get_remote_id (job->post),
                                     job->media_id, key,
                                     job->outbox->cancellable, on_post_sent, job);
}

static void
on_media_uploaded (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(LivelineRemoteMedia) media = NULL;
  g_autoptr(GError) error = NULL;
  Job *job = user_data;

  if (!(media = liveline_publisher_upload_media_finish (job->publisher, result, &error)))
    {
      job_failed (job, error);
      return;
    }

  /* Kept at once, so a retry of the post never uploads it again. */
  if (!liveline_store_set_media_remote (job->outbox->store, job->post, media->id, media->url, &error))
    g_warning ("Could not record an upload: %s", error->message);

  job->media_id = g_strdup (media->id);
  send_post (job);
}

static const char *
content_type_for (const char *path)
{
  return g_str_has_suffix (path, ".png") ? "image/png" : "image/jpeg";
}

/* The photo goes first; then the post that shows it. */
static void
send_operation (Job *job)
{
  g_autofree char *media_key = NULL;
  const char *path;

  if (liveline_outbox_op_get_operation (job->op) == LIVELINE_OUTBOX_DELETE)
    {
      liveline_publisher_delete_async (job->publisher, liveline_post_get_remote_id (job->post),
                                       liveline_outbox_op_get_idempotency_key (job->op),
                                       job->outbox->cancellable, on_deleted, job);
      return;
    }

  if (!liveline_post_has_image (job->post) ||
      (job->media_id = liveline_store_dup_media_remote_id (job->outbox->store, job->post)))
    {
      send_post (job);
      return;
    }

  path = liveline_post_get_image_path (job->post);
  media_key = g_strconcat (liveline_outbox_op_get_idempotency_key (job->op), "-photo", NULL);
  liveline_publisher_upload_media_async (job->publisher, path, content_type_for (path),
                                         liveline_post_get_image_name (job->post),
                                         media_key, job->outbox->cancellable,
                                         on_media_uploaded, job);
}

static void
begin (Job *job)
{
  g_autoptr(GError) error = NULL;

  if (!liveline_store_begin_send (job->outbox->store, job->op, &error))
    {
      g_warning ("Could not record a try: %s", error->message);
      job_free (job);
      return;
    }

  announce (job->outbox);
  send_operation (job);
}

/* After a crash in the middle of a try: did the endpoint get it? */
static void
on_found_by_key (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(LivelineRemotePost) remote = NULL;
  g_autoptr(GError) error = NULL;
  Job *job = user_data;

  remote = liveline_publisher_find_by_key_finish (job->publisher, result, &error);

  /* What the lost try sent is not known: most likely the post as it is. */
  if (remote != NULL)
    {
      _liveline_outbox_op_set_sent_snapshot (job->op, _liveline_post_dup_sent_snapshot (job->post));
      job_done (job, remote);
    }
  else if (error != NULL)
    job_failed (job, error);
  else
    begin (job);
}

static void
start_job (LivelineOutbox   *self,
           LivelineOutboxOp *op)
{
  g_autoptr(GError) error = NULL;
  gint64 blog_id = liveline_outbox_op_get_blog_id (op);
  Job *job;

  job = g_new0 (Job, 1);
  job->outbox = g_object_ref (self);
  job->op = g_object_ref (op);
  job->publisher = g_object_ref (g_hash_table_lookup (self->publishers, &blog_id));
  g_hash_table_add (self->busy, dup_id (blog_id));

  if (!(job->post = liveline_store_load_post (self->store, liveline_outbox_op_get_post_id (op), &error)))
    {
      g_warning ("A queued update is missing: %s", error->message);
      job_free (job);
      return;
    }

  /* Retractions are looked up too: asking is cheap, deleting twice is fine. */
  if (liveline_outbox_op_get_sending (op) &&
      liveline_outbox_op_get_operation (op) != LIVELINE_OUTBOX_DELETE)
    liveline_publisher_find_by_key_async (job->publisher, job->post,
                                          liveline_outbox_op_get_idempotency_key (op),
                                          self->cancellable, on_found_by_key, job);
  else
    begin (job);
}

static gboolean
on_timeout (gpointer user_data)
{
  LivelineOutbox *self = user_data;

  self->timeout_id = 0;
  drain (self);

  return G_SOURCE_REMOVE;
}

/* Sleeps until the earliest retry is due. */
static void
schedule (LivelineOutbox *self)
{
  g_autoptr(GDateTime) next = liveline_store_get_next_attempt (self->store);
  g_autoptr(GDateTime) now = NULL;
  GTimeSpan wait;

  g_clear_handle_id (&self->timeout_id, g_source_remove);

  if (next == NULL || !self->started)
    return;

  now = g_date_time_new_now_utc ();
  wait = MAX (0, g_date_time_difference (next, now));
  self->timeout_id = g_timeout_add ((guint)MIN (wait / 1000 + 1, G_MAXUINT), on_timeout, self);
  g_source_set_name_by_id (self->timeout_id, "[liveline] outbox retry");
}

static void
drain (LivelineOutbox *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GListModel) ops = NULL;

  if (!self->started)
    return;

  ops = liveline_store_list_due_ops (self->store, now);

  for (guint i = 0; i < g_list_model_get_n_items (ops); i++)
    {
      g_autoptr(LivelineOutboxOp) op = g_list_model_get_item (ops, i);
      gint64 blog_id = liveline_outbox_op_get_blog_id (op);

      if (g_hash_table_contains (self->busy, &blog_id) ||
          g_hash_table_contains (self->paused, &blog_id) ||
          !g_hash_table_contains (self->publishers, &blog_id))
        continue;

      start_job (self, op);
    }

  schedule (self);
}

/* Something was published, corrected or retracted: send it now. */
static void
on_post_queued (LivelineOutbox *self,
                LivelinePost   *post,
                LivelineStore  *store)
{
  announce (self);
  queue_drain (self);
}

static void
on_network_changed (LivelineOutbox  *self,
                    gboolean         available,
                    GNetworkMonitor *monitor)
{
  if (available)
    liveline_outbox_wake (self);
}

static void
liveline_outbox_dispose (GObject *object)
{
  LivelineOutbox *self = (LivelineOutbox *)object;

  liveline_outbox_stop (self);

  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);

  g_clear_object (&self->monitor);
  g_clear_object (&self->store);
  g_clear_pointer (&self->publishers, g_hash_table_unref);

  G_OBJECT_CLASS (liveline_outbox_parent_class)->dispose (object);
}

static void
liveline_outbox_finalize (GObject *object)
{
  LivelineOutbox *self = (LivelineOutbox *)object;

  g_clear_pointer (&self->busy, g_hash_table_unref);
  g_clear_pointer (&self->paused, g_hash_table_unref);

  G_OBJECT_CLASS (liveline_outbox_parent_class)->finalize (object);
}

static void
liveline_outbox_class_init (LivelineOutboxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = liveline_outbox_dispose;
  object_class->finalize = liveline_outbox_finalize;

  /**
   * LivelineOutbox::changed:
   * @self: a #LivelineOutbox
   *
   * What waits, what is on its way or when the next retry comes changed.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
liveline_outbox_init (LivelineOutbox *self)
{
  self->publishers = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->busy = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->paused = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

/**
 * liveline_outbox_new:
 * @store: the store whose outbox to send
 * @monitor: (nullable): the network monitor to follow, or %NULL for the
 *   default one
 *
 * Returns: (transfer full): a new #LivelineOutbox, not started
 */
LivelineOutbox *
liveline_outbox_new (LivelineStore   *store,
                     GNetworkMonitor *monitor)
{
  LivelineOutbox *self;

  g_return_val_if_fail (LIVELINE_IS_STORE (store), NULL);
  g_return_val_if_fail (!monitor || G_IS_NETWORK_MONITOR (monitor), NULL);

  self = g_object_new (LIVELINE_TYPE_OUTBOX, NULL);
  self->store = g_object_ref (store);
  g_signal_connect_object (store, "post-queued", G_CALLBACK (on_post_queued), self,
                           G_CONNECT_SWAPPED);
  self->monitor = g_object_ref (monitor != NULL ? monitor : g_network_monitor_get_default ());
  g_signal_connect_object (self->monitor, "network-changed",
                           G_CALLBACK (on_network_changed), self, G_CONNECT_SWAPPED);

  return self;
}

/**
 * liveline_outbox_set_publisher:
 * @self: a #LivelineOutbox
 * @blog_id: a live blog
 * @publisher: (nullable): where the blog publishes, or %NULL for nowhere
 *
 * Sets a blog's endpoint. New credentials lift a pause for refused ones.
 */
void
liveline_outbox_set_publisher (LivelineOutbox    *self,
                               gint64             blog_id,
                               LivelinePublisher *publisher)
{
  g_return_if_fail (LIVELINE_IS_OUTBOX (self));
  g_return_if_fail (!publisher || LIVELINE_IS_PUBLISHER (publisher));

  g_hash_table_remove (self->paused, &blog_id);

  if (publisher != NULL)
    g_hash_table_insert (self->publishers, dup_id (blog_id), g_object_ref (publisher));
  else
    g_hash_table_remove (self->publishers, &blog_id);

  announce (self);
  queue_drain (self);
}

/**
 * liveline_outbox_start:
 * @self: a #LivelineOutbox
 *
 * Starts sending, and goes on by itself from then on.
 */
void
liveline_outbox_start (LivelineOutbox *self)
{
  g_return_if_fail (LIVELINE_IS_OUTBOX (self));

  if (self->started)
    return;

  self->started = TRUE;
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  queue_drain (self);
}

/**
 * liveline_outbox_stop:
 * @self: a #LivelineOutbox
 *
 * Stops sending, as when Liveline quits: requests on their way are
 * cancelled, and what was queued stays queued in the store.
 */
void
liveline_outbox_stop (LivelineOutbox *self)
{
  g_return_if_fail (LIVELINE_IS_OUTBOX (self));

  self->started = FALSE;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_handle_id (&self->idle_id, g_source_remove);
}

/**
 * liveline_outbox_wake:
 * @self: a #LivelineOutbox
 *
 * Tries every waiting operation now, retries included: "Retry now".
 */
void
liveline_outbox_wake (LivelineOutbox *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;

  g_return_if_fail (LIVELINE_IS_OUTBOX (self));

  if (!self->started)
    return;

  if (!liveline_store_bring_forward (self->store, now, &error))
    g_warning ("Could not bring the waiting updates forward: %s", error->message);

  queue_drain (self);
}

/**
 * liveline_outbox_get_waiting:
 * @self: a #LivelineOutbox
 *
 * Returns: how many operations wait, including those on their way
 */
guint
liveline_outbox_get_waiting (LivelineOutbox *self)
{
  g_return_val_if_fail (LIVELINE_IS_OUTBOX (self), 0);

  return liveline_store_count_waiting (self->store);
}

/**
 * liveline_outbox_get_sending:
 * @self: a #LivelineOutbox
 *
 * Returns: how many operations are on their way now
 */
guint
liveline_outbox_get_sending (LivelineOutbox *self)
{
  g_return_val_if_fail (LIVELINE_IS_OUTBOX (self), 0);

  return g_hash_table_size (self->busy);
}

/**
 * liveline_outbox_get_next_retry:
 * @self: a #LivelineOutbox
 *
 * Returns: (transfer full) (nullable): when the next try is due, for
 *   "retrying in 30 s"; %NULL when nothing waits
 */
GDateTime *
liveline_outbox_get_next_retry (LivelineOutbox *self)
{
  g_return_val_if_fail (LIVELINE_IS_OUTBOX (self), NULL);

  return liveline_store_get_next_attempt (self->store);
}

/**
 * liveline_outbox_get_paused:
 * @self: a #LivelineOutbox
 * @blog_id: a live blog
 *
 * Returns: whether the blog's endpoint refused its credentials, so nothing
 *   is sent until new ones are set
 */
gboolean
liveline_outbox_get_paused (LivelineOutbox *self,
                            gint64          blog_id)
{
  g_return_val_if_fail (LIVELINE_IS_OUTBOX (self), FALSE);

  return g_hash_table_contains (self->paused, &blog_id);
}

/**
 * liveline_outbox_has_publisher:
 * @self: a #LivelineOutbox
 * @blog_id: a live blog
 *
 * Returns: whether the blog has somewhere to publish
 */
gboolean
liveline_outbox_has_publisher (LivelineOutbox *self,
                               gint64          blog_id)
{
  g_return_val_if_fail (LIVELINE_IS_OUTBOX (self), FALSE);

  return g_hash_table_contains (self->publishers, &blog_id);
}
