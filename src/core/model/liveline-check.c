/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-check"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "liveline-check.h"
#include "liveline-enums.h"
#include "liveline-post.h"

/* What stands between an update and publishing it, said in plain words
 * before the journalist presses Publish: the editor lists the checks and
 * refuses to publish while one of them is an error.
 */
struct _LivelineCheck
{
  GObject                parent_instance;

  char                  *id;
  char                  *message;
  LivelineCheckSeverity  severity;
};

G_DEFINE_FINAL_TYPE (LivelineCheck, liveline_check, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SEVERITY,
  PROP_ID,
  PROP_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
liveline_check_finalize (GObject *object)
{
  LivelineCheck *self = (LivelineCheck *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->message, g_free);

  G_OBJECT_CLASS (liveline_check_parent_class)->finalize (object);
}

static void
liveline_check_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LivelineCheck *self = LIVELINE_CHECK (object);

  switch (prop_id)
    {
    case PROP_SEVERITY:
      g_value_set_enum (value, self->severity);
      break;

    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liveline_check_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  LivelineCheck *self = LIVELINE_CHECK (object);

  switch (prop_id)
    {
    case PROP_SEVERITY:
      self->severity = g_value_get_enum (value);
      break;

    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;

    case PROP_MESSAGE:
      self->message = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liveline_check_class_init (LivelineCheckClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = liveline_check_finalize;
  object_class->get_property = liveline_check_get_property;
  object_class->set_property = liveline_check_set_property;

  /* Whether the check stops the update from being published. */
  properties[PROP_SEVERITY] =
    g_param_spec_enum ("severity", NULL, NULL,
                       LIVELINE_TYPE_CHECK_SEVERITY,
                       LIVELINE_CHECK_SEVERITY_ERROR,
                       (G_PARAM_READWRITE |
                        G_PARAM_CONSTRUCT_ONLY |
                        G_PARAM_STATIC_STRINGS));

  /* Which check it is, as in “image-without-credit”; never translated. */
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  /* What to tell the journalist, translated. */
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liveline_check_init (LivelineCheck *self)
{
}

/**
 * liveline_check_new:
 * @severity: how much the check stands in the way of publishing
 * @id: the check's stable identifier
 * @message: what to tell the journalist, translated
 *
 * Returns: (transfer full): a new #LivelineCheck
 */
LivelineCheck *
liveline_check_new (LivelineCheckSeverity  severity,
                    const char            *id,
                    const char            *message)
{
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (message != NULL, NULL);

  return g_object_new (LIVELINE_TYPE_CHECK,
                       "severity", severity,
                       "id", id,
                       "message", message,
                       NULL);
}

LivelineCheckSeverity
liveline_check_get_severity (LivelineCheck *self)
{
  g_return_val_if_fail (LIVELINE_IS_CHECK (self), LIVELINE_CHECK_SEVERITY_ERROR);

  return self->severity;
}

const char *
liveline_check_get_id (LivelineCheck *self)
{
  g_return_val_if_fail (LIVELINE_IS_CHECK (self), NULL);

  return self->id;
}

const char *
liveline_check_get_message (LivelineCheck *self)
{
  g_return_val_if_fail (LIVELINE_IS_CHECK (self), NULL);

  return self->message;
}

/* Whether @text has nothing in it but white space. */
static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

static void
add_check (GPtrArray             *checks,
           LivelineCheckSeverity  severity,
           const char            *id,
           const char            *message)
{
  g_ptr_array_add (checks, liveline_check_new (severity, id, message));
}

static int
compare_severity (gconstpointer a,
                  gconstpointer b)
{
  LivelineCheck *check_a = *(LivelineCheck * const *)a;
  LivelineCheck *check_b = *(LivelineCheck * const *)b;

  return (int)check_a->severity - (int)check_b->severity;
}

/**
 * liveline_check_post:
 * @post: the update about to be published
 *
 * Looks at @post as it is now. Call it again after the post changes: the
 * list is not kept up to date.
 *
 * Returns: (transfer full): a #GListModel of the #LivelineCheck that apply,
 *   errors first, then warnings, then information; empty when there is
 *   nothing to say
 */
GListModel *
liveline_check_post (LivelinePost *post)
{
  g_autoptr(GPtrArray) checks = NULL;
  GListStore *store;
  glong headline_chars;
  glong body_chars;

  g_return_val_if_fail (LIVELINE_IS_POST (post), NULL);

  checks = g_ptr_array_new_with_free_func (g_object_unref);

  if (liveline_post_is_empty (post))
    add_check (checks, LIVELINE_CHECK_SEVERITY_ERROR, LIVELINE_CHECK_EMPTY,
               /* Translators: the update has no headline, no text and no photo */
               _("This update is empty"));

  headline_chars = g_utf8_strlen (liveline_post_get_headline (post), -1);
  if (headline_chars > LIVELINE_CHECK_MAX_HEADLINE_CHARS)
    {
      g_autofree char *message = NULL;

      /* Translators: the first %u is how long the headline is, the second the most it may be */
      message = g_strdup_printf (ngettext ("The headline has %u character; a headline can have "
                                           "at most %u. Shorten it to publish the update.",
                                           "The headline has %u characters; a headline can have "
                                           "at most %u. Shorten it to publish the update.",
                                           headline_chars),
                                 (guint)headline_chars, (guint)LIVELINE_CHECK_MAX_HEADLINE_CHARS);
      add_check (checks, LIVELINE_CHECK_SEVERITY_ERROR, LIVELINE_CHECK_HEADLINE_TOO_LONG, message);
    }

  body_chars = g_utf8_strlen (liveline_post_get_body (post), -1);
  if (body_chars > LIVELINE_CHECK_MAX_BODY_CHARS)
    {
      g_autofree char *message = NULL;

      /* Translators: the first %u is how long the text is, the second the most it may be */
      message = g_strdup_printf (ngettext ("The text has %u character; an update can have at "
                                           "most %u. Shorten it, or split it into several "
                                           "updates, to publish it.",
                                           "The text has %u characters; an update can have at "
                                           "most %u. Shorten it, or split it into several "
                                           "updates, to publish it.",
                                           body_chars),
                                 (guint)body_chars, (guint)LIVELINE_CHECK_MAX_BODY_CHARS);
      add_check (checks, LIVELINE_CHECK_SEVERITY_ERROR, LIVELINE_CHECK_BODY_TOO_LONG, message);
    }

  if (liveline_post_has_image (post))
    {
      if (is_blank (liveline_post_get_image_credit (post)))
        add_check (checks, LIVELINE_CHECK_SEVERITY_ERROR, LIVELINE_CHECK_IMAGE_WITHOUT_CREDIT,
                   /* Translators: who took or supplied the photo, as in “Reuters” */
                   _("Add a credit for the photo"));

      if (is_blank (liveline_post_get_image_alt (post)))
        add_check (checks, LIVELINE_CHECK_SEVERITY_WARNING, LIVELINE_CHECK_IMAGE_WITHOUT_ALT,
                   /* Translators: asks for the alt text that screen readers read out */
                   _("Describe the photo for people who cannot see it"));

      if (liveline_post_get_image_had_location (post))
        add_check (checks, LIVELINE_CHECK_SEVERITY_INFO, LIVELINE_CHECK_IMAGE_HAD_LOCATION,
                   /* Translators: the photo file held GPS coordinates, stripped on upload */
                   _("The photo says where it was taken; "
                     "that will be removed before it is published"));
    }

  /* A stable sort: checks of one severity keep the order they were made in. */
  g_ptr_array_sort (checks, compare_severity);

  store = g_list_store_new (LIVELINE_TYPE_CHECK);
  g_list_store_splice (store, 0, 0, checks->pdata, checks->len);

  return G_LIST_MODEL (store);
}

/**
 * liveline_check_list_has_errors:
 * @checks: a #GListModel of #LivelineCheck, as liveline_check_post() gives
 *
 * Returns: whether one of @checks keeps the update from being published
 */
gboolean
liveline_check_list_has_errors (GListModel *checks)
{
  guint n_items;

  g_return_val_if_fail (G_IS_LIST_MODEL (checks), FALSE);

  n_items = g_list_model_get_n_items (checks);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(LivelineCheck) check = g_list_model_get_item (checks, i);

      if (LIVELINE_IS_CHECK (check) && check->severity == LIVELINE_CHECK_SEVERITY_ERROR)
        return TRUE;
    }

  return FALSE;
}
