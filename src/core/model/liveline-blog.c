/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-blog"

#include "config.h"

#include "liveline-blog-private.h"

/* A live blog: one story's stream of updates. The store creates, renames
 * and archives blogs; everyone else only reads them.
 */
struct _LivelineBlog
{
  GObject    parent_instance;

  gint64     id;
  char      *uuid;
  char      *name;
  char      *slug;
  GDateTime *created_at;
  gboolean   archived;

  /* Where the blog publishes: never a secret, those are in the keyring. */
  char      *destination_kind;
  char      *endpoint_url;
  char      *remote_blog_id;
  char      *username;
};

G_DEFINE_FINAL_TYPE (LivelineBlog, liveline_blog, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_NAME,
  PROP_SLUG,
  PROP_CREATED_AT,
  PROP_ARCHIVED,
  PROP_DESTINATION_KIND,
  PROP_ENDPOINT_URL,
  PROP_REMOTE_BLOG_ID,
  PROP_USERNAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
liveline_blog_finalize (GObject *object)
{
  LivelineBlog *self = (LivelineBlog *)object;

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->slug, g_free);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->destination_kind, g_free);
  g_clear_pointer (&self->endpoint_url, g_free);
  g_clear_pointer (&self->remote_blog_id, g_free);
  g_clear_pointer (&self->username, g_free);

  G_OBJECT_CLASS (liveline_blog_parent_class)->finalize (object);
}

static void
liveline_blog_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LivelineBlog *self = LIVELINE_BLOG (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_SLUG:
      g_value_set_string (value, self->slug);
      break;

    case PROP_CREATED_AT:
      g_value_set_boxed (value, self->created_at);
      break;

    case PROP_ARCHIVED:
      g_value_set_boolean (value, self->archived);
      break;

    case PROP_DESTINATION_KIND:
      g_value_set_string (value, self->destination_kind);
      break;

    case PROP_ENDPOINT_URL:
      g_value_set_string (value, self->endpoint_url);
      break;

    case PROP_REMOTE_BLOG_ID:
      g_value_set_string (value, self->remote_blog_id);
      break;

    case PROP_USERNAME:
      g_value_set_string (value, self->username);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liveline_blog_class_init (LivelineBlogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = liveline_blog_finalize;
  object_class->get_property = liveline_blog_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL, NULL, flags);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_SLUG] =
    g_param_spec_string ("slug", NULL, NULL, NULL, flags);
  properties[PROP_CREATED_AT] =
    g_param_spec_boxed ("created-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_ARCHIVED] =
    g_param_spec_boolean ("archived", NULL, NULL, FALSE, flags);
  properties[PROP_DESTINATION_KIND] =
    g_param_spec_string ("destination-kind", NULL, NULL, NULL, flags);
  properties[PROP_ENDPOINT_URL] =
    g_param_spec_string ("endpoint-url", NULL, NULL, NULL, flags);
  properties[PROP_REMOTE_BLOG_ID] =
    g_param_spec_string ("remote-blog-id", NULL, NULL, NULL, flags);
  properties[PROP_USERNAME] =
    g_param_spec_string ("username", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liveline_blog_init (LivelineBlog *self)
{
}

LivelineBlog *
_liveline_blog_new (gint64      id,
                    const char *uuid,
                    const char *name,
                    const char *slug,
                    GDateTime  *created_at,
                    gboolean    archived)
{
  LivelineBlog *self = g_object_new (LIVELINE_TYPE_BLOG, NULL);

  self->id = id;
  self->uuid = g_strdup (uuid);
  self->name = g_strdup (name);
  self->slug = g_strdup (slug);
  self->created_at = g_date_time_ref (created_at);
  self->archived = !!archived;

  return self;
}

void
_liveline_blog_set_name (LivelineBlog *self,
                         const char   *name)
{
  g_assert (LIVELINE_IS_BLOG (self));

  if (g_strcmp0 (self->name, name) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

/* Replaces *pointer with a copy of value, and says so when it changed. */
static void
set_and_notify (LivelineBlog  *self,
                char         **pointer,
                const char    *value,
                guint          prop_id)
{
  if (g_strcmp0 (*pointer, value) == 0)
    return;

  g_free (*pointer);
  *pointer = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

void
_liveline_blog_set_destination (LivelineBlog *self,
                                const char   *kind,
                                const char   *endpoint_url,
                                const char   *remote_blog_id,
                                const char   *username)
{
  g_assert (LIVELINE_IS_BLOG (self));

  set_and_notify (self, &self->destination_kind, kind, PROP_DESTINATION_KIND);
  set_and_notify (self, &self->endpoint_url, endpoint_url, PROP_ENDPOINT_URL);
  set_and_notify (self, &self->remote_blog_id, remote_blog_id, PROP_REMOTE_BLOG_ID);
  set_and_notify (self, &self->username, username, PROP_USERNAME);
}

void
_liveline_blog_set_archived (LivelineBlog *self,
                             gboolean      archived)
{
  g_assert (LIVELINE_IS_BLOG (self));

  archived = !!archived;
  if (self->archived == archived)
    return;

  self->archived = archived;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARCHIVED]);
}

gint64
liveline_blog_get_id (LivelineBlog *self)
{
  g_return_val_if_fail (LIVELINE_IS_BLOG (self), 0);

  return self->id;
}

const char *
liveline_blog_get_uuid (LivelineBlog *self)
{
  g_return_val_if_fail (LIVELINE_IS_BLOG (self), NULL);

  return self->uuid;
}

const char *
liveline_blog_get_name (LivelineBlog *self)
{
  g_return_val_if_fail (LIVELINE_IS_BLOG (self), NULL);

  return self->name;
}

/**
 * liveline_blog_get_slug:
 * @self: a #LivelineBlog
 *
 * Returns: the blog's name as it appears in addresses, such as "syria-talks"
 */
const char *
liveline_blog_get_slug (LivelineBlog *self)
{
  g_return_val_if_fail (LIVELINE_IS_BLOG (self), NULL);

  return self->slug;
}

GDateTime *
liveline_blog_get_created_at (LivelineBlog *self)
{
  g_return_val_if_fail (LIVELINE_IS_BLOG (self), NULL);

  return self->created_at;
}

gboolean
liveline_blog_get_archived (LivelineBlog *self)
{
  g_return_val_if_fail (LIVELINE_IS_BLOG (self), FALSE);

  return self->archived;
}

/**
 * liveline_blog_get_destination_kind:
 * @self: a #LivelineBlog
 *
 * Returns: (nullable): the kind of endpoint the blog publishes to, such as
 *   "liveline", or %NULL when it has none yet
 */
const char *
liveline_blog_get_destination_kind (LivelineBlog *self)
{
  g_return_val_if_fail (LIVELINE_IS_BLOG (self), NULL);

  return self->destination_kind;
}

const char *
liveline_blog_get_endpoint_url (LivelineBlog *self)
{
  g_return_val_if_fail (LIVELINE_IS_BLOG (self), NULL);

  return self->endpoint_url;
}

/**
 * liveline_blog_get_remote_blog_id:
 * @self: a #LivelineBlog
 *
 * Returns: (nullable): what the endpoint calls the blog: a slug, a category
 */
const char *
liveline_blog_get_remote_blog_id (LivelineBlog *self)
{
  g_return_val_if_fail (LIVELINE_IS_BLOG (self), NULL);

  return self->remote_blog_id;
}

const char *
liveline_blog_get_username (LivelineBlog *self)
{
  g_return_val_if_fail (LIVELINE_IS_BLOG (self), NULL);

  return self->username;
}

/**
 * liveline_blog_slug_from_name:
 * @name: a live blog's name, such as "Syria talks — day 2"
 *
 * Returns: (transfer full): lowercase ASCII letters, digits and dashes, such
 *   as "syria-talks-day-2"; "live" when nothing of @name is left
 */
char *
liveline_blog_slug_from_name (const char *name)
{
  g_autofree char *ascii = NULL;
  GString *slug;

  g_return_val_if_fail (name != NULL, NULL);

  ascii = g_str_to_ascii (name, "C");
  slug = g_string_new (NULL);

  for (const char *c = ascii; *c != '\0'; c++)
    {
      if (g_ascii_isalnum (*c))
        g_string_append_c (slug, g_ascii_tolower (*c));
      else if (slug->len > 0 && slug->str[slug->len - 1] != '-')
        g_string_append_c (slug, '-');
    }

  while (slug->len > 0 && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);

  if (slug->len == 0)
    g_string_append (slug, "live");

  return g_string_free (slug, FALSE);
}
