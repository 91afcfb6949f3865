/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-revision"

#include "config.h"

#include <json-glib/json-glib.h>

#include "liveline-revision.h"

/* One kept version of a post's content, as the revision list shows it. */
struct _LivelineRevision
{
  GObject    parent_instance;

  guint      number;
  GDateTime *created_at;
  char      *snapshot;
  char      *headline;
  char      *body;
};

G_DEFINE_FINAL_TYPE (LivelineRevision, liveline_revision, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NUMBER,
  PROP_CREATED_AT,
  PROP_HEADLINE,
  PROP_BODY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
liveline_revision_finalize (GObject *object)
{
  LivelineRevision *self = (LivelineRevision *)object;

  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->snapshot, g_free);
  g_clear_pointer (&self->headline, g_free);
  g_clear_pointer (&self->body, g_free);

  G_OBJECT_CLASS (liveline_revision_parent_class)->finalize (object);
}

static void
liveline_revision_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LivelineRevision *self = LIVELINE_REVISION (object);

  switch (prop_id)
    {
    case PROP_NUMBER:
      g_value_set_uint (value, self->number);
      break;

    case PROP_CREATED_AT:
      g_value_set_boxed (value, self->created_at);
      break;

    case PROP_HEADLINE:
      g_value_set_string (value, self->headline);
      break;

    case PROP_BODY:
      g_value_set_string (value, self->body);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liveline_revision_class_init (LivelineRevisionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = liveline_revision_finalize;
  object_class->get_property = liveline_revision_get_property;

  properties[PROP_NUMBER] =
    g_param_spec_uint ("number", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_CREATED_AT] =
    g_param_spec_boxed ("created-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_HEADLINE] =
    g_param_spec_string ("headline", NULL, NULL, NULL, flags);
  properties[PROP_BODY] =
    g_param_spec_string ("body", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liveline_revision_init (LivelineRevision *self)
{
}

/**
 * liveline_revision_new:
 * @number: the revision's number, counting from 1
 * @created_at: when it was saved
 * @snapshot: the content, from liveline_post_dup_content_snapshot()
 *
 * Returns: (transfer full): a new #LivelineRevision
 */
LivelineRevision *
liveline_revision_new (guint       number,
                       GDateTime  *created_at,
                       const char *snapshot)
{
  LivelineRevision *self;
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (created_at != NULL, NULL);
  g_return_val_if_fail (snapshot != NULL, NULL);

  self = g_object_new (LIVELINE_TYPE_REVISION, NULL);
  self->number = number;
  self->created_at = g_date_time_ref (created_at);
  self->snapshot = g_strdup (snapshot);

  root = json_from_string (snapshot, NULL);
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *object = json_node_get_object (root);

      self->headline = g_strdup (json_object_get_string_member_with_default (object, "headline", ""));
      self->body = g_strdup (json_object_get_string_member_with_default (object, "body", ""));
    }
  else
    {
      self->headline = g_strdup ("");
      self->body = g_strdup ("");
    }

  return self;
}

guint
liveline_revision_get_number (LivelineRevision *self)
{
  g_return_val_if_fail (LIVELINE_IS_REVISION (self), 0);

  return self->number;
}

GDateTime *
liveline_revision_get_created_at (LivelineRevision *self)
{
  g_return_val_if_fail (LIVELINE_IS_REVISION (self), NULL);

  return self->created_at;
}

const char *
liveline_revision_get_snapshot (LivelineRevision *self)
{
  g_return_val_if_fail (LIVELINE_IS_REVISION (self), NULL);

  return self->snapshot;
}

const char *
liveline_revision_get_headline (LivelineRevision *self)
{
  g_return_val_if_fail (LIVELINE_IS_REVISION (self), NULL);

  return self->headline;
}

const char *
liveline_revision_get_body (LivelineRevision *self)
{
  g_return_val_if_fail (LIVELINE_IS_REVISION (self), NULL);

  return self->body;
}
