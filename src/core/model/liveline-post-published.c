/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-post"

#include "config.h"

#include "liveline-post-private.h"

/* What the endpoint has of a post, beside what the journalist sees: the
 * content last sent and accepted, kept as a revision's snapshot with the
 * post's flags (pinned, key moment) added, since the live page shows those
 * too. A published post that differs from it is "edited": the live page
 * does not show it yet. Typing back what was published makes the two the
 * same again.
 */

/**
 * _liveline_post_dup_sent_snapshot:
 * @self: a #LivelinePost
 *
 * Returns: (transfer full): the post's content and flags as they go to the
 *   endpoint now, to keep once it has accepted them
 */
char *
_liveline_post_dup_sent_snapshot (LivelinePost *self)
{
  g_autofree char *content = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;

  g_assert (LIVELINE_IS_POST (self));

  content = liveline_post_dup_content_snapshot (self);
  root = json_from_string (content, NULL);
  g_assert (root != NULL && JSON_NODE_HOLDS_OBJECT (root));

  object = json_node_get_object (root);
  json_object_set_boolean_member (object, "pinned", self->pinned);
  json_object_set_boolean_member (object, "key_moment", self->key_moment);

  return json_to_string (root, FALSE);
}

/**
 * _liveline_post_set_published:
 * @self: a #LivelinePost
 * @snapshot: (nullable): what _liveline_post_dup_sent_snapshot() gave when
 *   the endpoint accepted it, or %NULL when that is not known
 *
 * Records what the endpoint has. A snapshot that cannot be read counts as
 * not known: the post is then never said to differ from it.
 */
void
_liveline_post_set_published (LivelinePost *self,
                              const char   *snapshot)
{
  g_autoptr(JsonNode) root = NULL;

  g_assert (LIVELINE_IS_POST (self));

  if (!_liveline_post_set_string (&self->published_snapshot, snapshot))
    return;

  g_clear_pointer (&self->published, json_object_unref);
  if (snapshot != NULL && (root = json_from_string (snapshot, NULL)) != NULL &&
      JSON_NODE_HOLDS_OBJECT (root))
    self->published = json_object_ref (json_node_get_object (root));

  /* Worked out again as it is announced. */
  _liveline_post_notify (self, POST_PROP_EDITED);
}

const char *
_liveline_post_get_published_snapshot (LivelinePost *self)
{
  g_assert (LIVELINE_IS_POST (self));

  return self->published_snapshot;
}

static gboolean
string_differs (JsonObject *published,
                const char *member,
                const char *value)
{
  JsonNode *node = json_object_get_member (published, member);
  const char *was;

  /* Not recorded: nothing to tell. */
  if (node == NULL)
    return FALSE;

  was = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_string (node) : NULL;

  return g_strcmp0 (was != NULL && was[0] != '\0' ? was : NULL,
                    value != NULL && value[0] != '\0' ? value : NULL) != 0;
}

static gboolean
boolean_differs (JsonObject *published,
                 const char *member,
                 gboolean    value)
{
  JsonNode *node = json_object_get_member (published, member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return FALSE;

  return json_node_get_boolean (node) != !!value;
}

/* The photo by its file's name: the data folder may have moved since. */
static gboolean
photo_differs (JsonObject *published,
               const char *path)
{
  JsonNode *node = json_object_get_member (published, "image_path");
  g_autofree char *was_name = NULL;
  g_autofree char *name = NULL;
  const char *was;

  if (node == NULL)
    return FALSE;

  was = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_string (node) : NULL;
  if (was != NULL)
    was_name = g_path_get_basename (was);
  if (path != NULL)
    name = g_path_get_basename (path);

  return g_strcmp0 (was_name, name) != 0;
}

/**
 * _liveline_post_differs_from_published:
 * @self: a #LivelinePost
 *
 * Returns: whether what a reader would see of @self is not what the
 *   endpoint was last sent; %FALSE when that is not known
 */
gboolean
_liveline_post_differs_from_published (LivelinePost *self)
{
  JsonObject *published = self->published;

  if (published == NULL)
    return FALSE;

  return string_differs (published, "headline", self->headline) ||
         string_differs (published, "body", self->body) ||
         photo_differs (published, self->image_path) ||
         string_differs (published, "image_caption", self->image_caption) ||
         string_differs (published, "image_credit", self->image_credit) ||
         string_differs (published, "image_alt", self->image_alt) ||
         boolean_differs (published, "pinned", self->pinned) ||
         boolean_differs (published, "key_moment", self->key_moment);
}

/**
 * liveline_post_get_edited:
 * @self: a #LivelinePost
 *
 * Returns: whether @self is published, and changed since in a way the
 *   endpoint does not have: "Edited — not published"
 */
gboolean
liveline_post_get_edited (LivelinePost *self)
{
  g_return_val_if_fail (LIVELINE_IS_POST (self), FALSE);

  return self->edited;
}

static const char *
published_string (LivelinePost *self,
                  const char   *member)
{
  if (self->published == NULL)
    return NULL;

  return json_object_get_string_member_with_default (self->published, member, NULL);
}

/**
 * liveline_post_get_published_headline:
 * @self: a #LivelinePost
 *
 * Returns: (nullable): the headline the endpoint has, or %NULL when not known
 */
const char *
liveline_post_get_published_headline (LivelinePost *self)
{
  g_return_val_if_fail (LIVELINE_IS_POST (self), NULL);

  return published_string (self, "headline");
}

/**
 * liveline_post_get_published_body:
 * @self: a #LivelinePost
 *
 * Returns: (nullable): the body, in Markdown, that the endpoint has, or
 *   %NULL when not known
 */
const char *
liveline_post_get_published_body (LivelinePost *self)
{
  g_return_val_if_fail (LIVELINE_IS_POST (self), NULL);

  return published_string (self, "body");
}
