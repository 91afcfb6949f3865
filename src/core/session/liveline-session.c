/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-session"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "liveline-session-private.h"
#include "liveline-store.h"

/* LivelineSession is the one object the application holds on to: it owns
 * everything that outlives a window (the store, the outbox and the
 * publishers as they arrive) and lives in one private data folder.
 */
static void liveline_session_initable_iface_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LivelineSession, liveline_session, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      liveline_session_initable_iface_init))

enum {
  PROP_0,
  PROP_DATA_DIR,
  PROP_DELETE_PERMANENTLY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Drafts are private to the journalist who writes them: the folder is made
 * readable by its owner only, and an existing one must be a writable folder.
 */
static gboolean
ensure_private_folder (const char  *path,
                       GError     **error)
{
  g_assert (path != NULL);

  if (g_mkdir_with_parents (path, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error,
                   G_IO_ERROR,
                   g_io_error_from_errno (saved_errno),
                   _("Could not create the data folder “%s”: %s"),
                   path, g_strerror (saved_errno));
      return FALSE;
    }

  if (g_access (path, W_OK | X_OK) != 0)
    {
      int saved_errno = errno;

      g_set_error (error,
                   G_IO_ERROR,
                   g_io_error_from_errno (saved_errno),
                   _("The data folder “%s” cannot be written to: %s"),
                   path, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

static gboolean
liveline_session_initable_init (GInitable     *initable,
                                GCancellable  *cancellable,
                                GError       **error)
{
  LivelineSession *self = LIVELINE_SESSION (initable);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (!ensure_private_folder (self->data_dir, error))
    return FALSE;

  if (!(self->store = liveline_store_open (self->data_dir, error)))
    return FALSE;

  _liveline_session_init_publishing (self);

  return TRUE;
}

static void
liveline_session_initable_iface_init (GInitableIface *iface)
{
  iface->init = liveline_session_initable_init;
}

static void
liveline_session_dispose (GObject *object)
{
  LivelineSession *self = (LivelineSession *)object;

  _liveline_session_stop_publishing (self);

  g_clear_object (&self->outbox);
  g_clear_object (&self->soup_session);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (liveline_session_parent_class)->dispose (object);
}

static void
liveline_session_finalize (GObject *object)
{
  LivelineSession *self = (LivelineSession *)object;

  g_clear_pointer (&self->data_dir, g_free);
  g_clear_pointer (&self->default_endpoint, g_free);

  G_OBJECT_CLASS (liveline_session_parent_class)->finalize (object);
}

static void
liveline_session_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LivelineSession *self = LIVELINE_SESSION (object);

  switch (prop_id)
    {
    case PROP_DATA_DIR:
      g_value_set_string (value, self->data_dir);
      break;

    case PROP_DELETE_PERMANENTLY:
      g_value_set_boolean (value, self->delete_permanently);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liveline_session_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  LivelineSession *self = LIVELINE_SESSION (object);

  switch (prop_id)
    {
    case PROP_DATA_DIR:
      self->data_dir = g_value_dup_string (value);
      break;

    case PROP_DELETE_PERMANENTLY:
      liveline_session_set_delete_permanently (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liveline_session_class_init (LivelineSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = liveline_session_dispose;
  object_class->finalize = liveline_session_finalize;
  object_class->get_property = liveline_session_get_property;
  object_class->set_property = liveline_session_set_property;

  /**
   * LivelineSession:data-dir:
   *
   * The folder that holds everything Liveline keeps: the store and the
   * copies of attached photos.
   */
  properties[PROP_DATA_DIR] =
    g_param_spec_string ("data-dir", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * LivelineSession:delete-permanently:
   *
   * Whether a retraction deletes an update for good from endpoints that
   * would otherwise keep it in a trash (WordPress).
   */
  properties[PROP_DELETE_PERMANENTLY] =
    g_param_spec_boolean ("delete-permanently", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liveline_session_init (LivelineSession *self)
{
}

/**
 * liveline_session_new:
 * @data_dir: the folder to keep Liveline's data in; created when missing
 * @cancellable: (nullable): a #GCancellable
 * @error: a location for a #GError
 *
 * Opens a session on @data_dir.
 *
 * Returns: (transfer full): a new #LivelineSession, or %NULL with @error set
 *   when the folder cannot be made or written to, or the store in it
 *   cannot be opened.
 */
LivelineSession *
liveline_session_new (const char    *data_dir,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_return_val_if_fail (data_dir != NULL, NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);

  return g_initable_new (LIVELINE_TYPE_SESSION, cancellable, error,
                         "data-dir", data_dir,
                         NULL);
}

const char *
liveline_session_get_data_dir (LivelineSession *self)
{
  g_return_val_if_fail (LIVELINE_IS_SESSION (self), NULL);

  return self->data_dir;
}

/**
 * liveline_session_get_store:
 * @self: a #LivelineSession
 *
 * Returns: (transfer none): the store of live blogs and their posts
 */
LivelineStore *
liveline_session_get_store (LivelineSession *self)
{
  g_return_val_if_fail (LIVELINE_IS_SESSION (self), NULL);

  return self->store;
}
