/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-post"

#include "config.h"

#include "liveline-post-private.h"

/* Where a post is in its life: when it was stored and saved, what came of
 * publishing it, and what the endpoint calls it. The store sets these, as it
 * saves the post and runs the outbox, through the _liveline_post_set_*()
 * calls below.
 */

GDateTime *
liveline_post_get_created_at (LivelinePost *self)
{
  g_return_val_if_fail (LIVELINE_IS_POST (self), NULL);

  return self->created_at;
}

GDateTime *
liveline_post_get_updated_at (LivelinePost *self)
{
  g_return_val_if_fail (LIVELINE_IS_POST (self), NULL);

  return self->updated_at;
}

GDateTime *
liveline_post_get_published_at (LivelinePost *self)
{
  g_return_val_if_fail (LIVELINE_IS_POST (self), NULL);

  return self->published_at;
}

LivelinePostState
liveline_post_get_state (LivelinePost *self)
{
  g_return_val_if_fail (LIVELINE_IS_POST (self), LIVELINE_POST_STATE_DRAFT);

  return self->state;
}

const char *
liveline_post_get_last_error (LivelinePost *self)
{
  g_return_val_if_fail (LIVELINE_IS_POST (self), NULL);

  return self->last_error;
}

const char *
liveline_post_get_remote_id (LivelinePost *self)
{
  g_return_val_if_fail (LIVELINE_IS_POST (self), NULL);

  return self->remote_id;
}

const char *
liveline_post_get_remote_url (LivelinePost *self)
{
  g_return_val_if_fail (LIVELINE_IS_POST (self), NULL);

  return self->remote_url;
}

guint
liveline_post_get_revision (LivelinePost *self)
{
  g_return_val_if_fail (LIVELINE_IS_POST (self), 0);

  return self->revision;
}

void
_liveline_post_set_stored (LivelinePost *self,
                           gint64        id,
                           GDateTime    *created_at)
{
  g_assert (LIVELINE_IS_POST (self));

  self->id = id;
  g_clear_pointer (&self->created_at, g_date_time_unref);
  self->created_at = g_date_time_ref (created_at);

  _liveline_post_notify (self, POST_PROP_ID);
  _liveline_post_notify (self, POST_PROP_CREATED_AT);
}

void
_liveline_post_set_saved (LivelinePost *self,
                          GDateTime    *updated_at,
                          guint         revision)
{
  g_assert (LIVELINE_IS_POST (self));

  g_clear_pointer (&self->updated_at, g_date_time_unref);
  self->updated_at = g_date_time_ref (updated_at);
  _liveline_post_notify (self, POST_PROP_UPDATED_AT);

  if (self->revision != revision)
    {
      self->revision = revision;
      _liveline_post_notify (self, POST_PROP_REVISION);
    }
}

/* Where the post is in its life, as the outbox left it. */
void
_liveline_post_set_outcome (LivelinePost      *self,
                            LivelinePostState  state,
                            const char        *last_error)
{
  g_assert (LIVELINE_IS_POST (self));

  if (self->state != state)
    {
      self->state = state;
      _liveline_post_notify (self, POST_PROP_STATE);
    }

  if (_liveline_post_set_string (&self->last_error, last_error))
    _liveline_post_notify (self, POST_PROP_LAST_ERROR);
}

/* What the endpoint calls the post, once it has it. */
void
_liveline_post_set_remote (LivelinePost *self,
                           const char   *remote_id,
                           const char   *remote_url,
                           GDateTime    *published_at)
{
  g_assert (LIVELINE_IS_POST (self));

  /* An endpoint that does not say again keeps what it said before. */
  if (remote_id != NULL && _liveline_post_set_string (&self->remote_id, remote_id))
    _liveline_post_notify (self, POST_PROP_REMOTE_ID);

  if (remote_url != NULL && _liveline_post_set_string (&self->remote_url, remote_url))
    _liveline_post_notify (self, POST_PROP_REMOTE_URL);

  if (published_at != NULL && self->published_at == NULL)
    {
      self->published_at = g_date_time_ref (published_at);
      _liveline_post_notify (self, POST_PROP_PUBLISHED_AT);
    }
}
