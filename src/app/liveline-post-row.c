/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-post-row"

#include "config.h"

#include <glib/gi18n.h>

#include "liveline-endpoint-url.h"
#include "liveline-post-row.h"

/* One update in the timeline: when, its state, its headline and the start
 * of its body, its photo and credit. Rows are recycled by the list view, so
 * everything follows the post set last, and changes to it as they happen.
 */

#define EXCERPT_LENGTH 160
#define EDITED_CSS_CLASS "edited"

struct _LivelinePostRow
{
  GtkWidget     parent_instance;

  LivelinePost *post;
  guint         clock_id;

  /* Template widgets */
  GtkLabel     *time_label;
  GtkLabel     *state_label;
  GtkImage     *pinned_image;
  GtkImage     *key_moment_image;
  GtkLabel     *headline_label;
  GtkLabel     *excerpt_label;
  GtkLabel     *published_label;
  GtkLabel     *credit_label;
  GtkImage     *thumbnail;
  GtkSpinner   *sending_spinner;
  GtkWidget    *open_button;
  GtkWidget    *problem_box;
  GtkLabel     *problem_label;
  GtkWidget    *retry_button;
};

G_DEFINE_FINAL_TYPE (LivelinePostRow, liveline_post_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_POST,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const struct {
  const char *label;
  const char *css_class;
} states[] = {
  [LIVELINE_POST_STATE_DRAFT] = { N_("Draft"), "draft" },
  [LIVELINE_POST_STATE_QUEUED] = { N_("Queued"), "queued" },
  [LIVELINE_POST_STATE_SENDING] = { N_("Sending"), "sending" },
  [LIVELINE_POST_STATE_PUBLISHED] = { N_("Published"), "published" },
  [LIVELINE_POST_STATE_FAILED] = { N_("Failed"), "failed" },
  [LIVELINE_POST_STATE_DELETED] = { N_("Retracted"), "deleted" },
};

static void
update_time (LivelinePostRow *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *relative = NULL;
  GDateTime *created_at;

  if (self->post == NULL || !(created_at = liveline_post_get_created_at (self->post)))
    return;

  relative = liveline_relative_time_format (created_at, now);
  gtk_label_set_label (self->time_label, relative);
}

/* What the live page shows of an update edited since, for the tooltip of
 * "Published version differs".
 */
static char *
dup_published_version (LivelinePost *post)
{
  const char *headline = liveline_post_get_published_headline (post);
  const char *body = liveline_post_get_published_body (post);
  g_autofree char *excerpt = liveline_markdown_to_excerpt (body != NULL ? body : "",
                                                          EXCERPT_LENGTH);
  g_autoptr(GString) text = g_string_new (_("On the live page now:"));

  if (headline != NULL && headline[0] != '\0')
    g_string_append_printf (text, "\n%s", headline);
  if (excerpt[0] != '\0')
    g_string_append_printf (text, "\n%s", excerpt);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The row's tooltips are made when they are asked for. Setting one with
 * gtk_widget_set_tooltip_text() asks the display where the pointer is (a
 * round trip to the X server in GTK 4.8), and a list view builds some 200
 * rows before its first frame, whatever it shows of them.
 */
static gboolean
on_query_tooltip (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard_tooltip,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  LivelinePostRow *self = LIVELINE_POST_ROW (user_data);
  g_autofree char *full = NULL;
  const char *text = NULL;
  GDateTime *created_at;

  if (self->post == NULL)
    return FALSE;

  if (widget == GTK_WIDGET (self->time_label))
    {
      if ((created_at = liveline_post_get_created_at (self->post)))
        text = full = liveline_relative_time_format_full (created_at);
    }
  else if (widget == GTK_WIDGET (self->pinned_image))
    text = _("Pinned");
  else if (widget == GTK_WIDGET (self->key_moment_image))
    text = _("Key moment");
  else if (widget == GTK_WIDGET (self->thumbnail) && liveline_post_has_image (self->post))
    text = liveline_post_get_image_alt (self->post);
  else if (widget == self->open_button)
    text = _("Open on the live page");
  else if (widget == GTK_WIDGET (self->published_label))
    text = full = dup_published_version (self->post);

  if (text == NULL || text[0] == '\0')
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);

  return TRUE;
}

static void
on_open_clicked (LivelinePostRow *self,
                 GtkButton       *button)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  const char *url;

  if (self->post == NULL || !(url = liveline_post_get_remote_url (self->post)))
    return;

  /* Checked again here: a store written before the rule may hold any address. */
  if (!liveline_uri_is_safe_to_open (url))
    {
      g_debug ("Not opening the post’s address: only https:// addresses are opened");
      return;
    }

  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, url, GDK_CURRENT_TIME);
}

/* The state as the outbox leaves it: a spinner while it goes, a way to the
 * live page once it is there, the endpoint's reason and Retry when refused.
 */
static void
update_state (LivelinePostRow *self)
{
  LivelinePostState state = liveline_post_get_state (self->post);
  gboolean sending = state == LIVELINE_POST_STATE_SENDING;
  gboolean failed = state == LIVELINE_POST_STATE_FAILED;
  gboolean edited = liveline_post_get_edited (self->post);
  const char *last_error = liveline_post_get_last_error (self->post);

  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->state_label), states[i].css_class);
  gtk_widget_remove_css_class (GTK_WIDGET (self->state_label), EDITED_CSS_CLASS);

  /* Published, then changed: the live page does not show what the row does. */
  if (edited)
    {
      gtk_label_set_label (self->state_label, _("Edited — not published"));
      gtk_widget_add_css_class (GTK_WIDGET (self->state_label), EDITED_CSS_CLASS);
    }
  else
    {
      gtk_label_set_label (self->state_label, _(states[state].label));
      gtk_widget_add_css_class (GTK_WIDGET (self->state_label), states[state].css_class);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->published_label), edited);

  gtk_widget_set_visible (GTK_WIDGET (self->sending_spinner), sending);
  gtk_spinner_set_spinning (self->sending_spinner, sending);
  gtk_widget_set_visible (self->open_button,
                          state == LIVELINE_POST_STATE_PUBLISHED &&
                          liveline_uri_is_safe_to_open (liveline_post_get_remote_url (self->post)));

  gtk_widget_set_visible (self->problem_box, failed || last_error != NULL);
  gtk_widget_set_visible (self->retry_button, failed);
  gtk_label_set_label (self->problem_label, last_error != NULL ? last_error : "");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->retry_button), "x",
                                    liveline_post_get_id (self->post));
}

static void
update_text (LivelinePostRow *self)
{
  const char *headline = liveline_post_get_headline (self->post);
  g_autofree char *excerpt = liveline_markdown_to_excerpt (liveline_post_get_body (self->post),
                                                          EXCERPT_LENGTH);

  gtk_label_set_label (self->headline_label, headline);
  gtk_widget_set_visible (GTK_WIDGET (self->headline_label), headline[0] != '\0');

  if (excerpt[0] == '\0' && headline[0] == '\0' && !liveline_post_has_image (self->post))
    {
      gtk_label_set_label (self->excerpt_label, _("Empty update"));
      gtk_widget_add_css_class (GTK_WIDGET (self->excerpt_label), "dim-label");
    }
  else
    {
      gtk_label_set_label (self->excerpt_label, excerpt);
      gtk_widget_remove_css_class (GTK_WIDGET (self->excerpt_label), "dim-label");
    }
  gtk_widget_set_visible (GTK_WIDGET (self->excerpt_label),
                          gtk_label_get_label (self->excerpt_label)[0] != '\0');

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  headline[0] != '\0' ? headline : gtk_label_get_label (self->excerpt_label),
                                  -1);
}

static void
update_image (LivelinePostRow *self)
{
  const char *thumbnail = liveline_post_get_image_thumbnail (self->post);
  const char *credit = liveline_post_get_image_credit (self->post);
  gboolean has_image = liveline_post_has_image (self->post);

  if (has_image)
    gtk_image_set_from_file (self->thumbnail,
                             thumbnail != NULL ? thumbnail : liveline_post_get_image_path (self->post));
  else
    gtk_image_clear (self->thumbnail);
  gtk_widget_set_visible (GTK_WIDGET (self->thumbnail), has_image);

  if (has_image && credit[0] != '\0')
    {
      /* Translators: the credit of a photo, as in "Credit: Reuters" */
      g_autofree char *text = g_strdup_printf (_("Credit: %s"), credit);

      gtk_label_set_label (self->credit_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->credit_label), TRUE);
    }
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (self->credit_label), FALSE);
    }
}

static void
update_marks (LivelinePostRow *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->pinned_image), liveline_post_get_pinned (self->post));
  gtk_widget_set_visible (GTK_WIDGET (self->key_moment_image),
                          liveline_post_get_key_moment (self->post));
}

static void
update_all (LivelinePostRow *self)
{
  update_time (self);
  update_state (self);
  update_text (self);
  update_image (self);
  update_marks (self);
}

static void
on_post_notify (LivelinePostRow *self,
                GParamSpec      *pspec,
                LivelinePost    *post)
{
  const char *name = pspec->name;

  if (g_str_equal (name, "headline") || g_str_equal (name, "body"))
    update_text (self);
  else if (g_str_equal (name, "state") || g_str_equal (name, "last-error") ||
           g_str_equal (name, "remote-url") || g_str_equal (name, "edited"))
    update_state (self);
  else if (g_str_equal (name, "pinned") || g_str_equal (name, "key-moment"))
    update_marks (self);
  else if (g_str_has_prefix (name, "image-") || g_str_equal (name, "has-image"))
    {
      update_image (self);
      update_text (self);
    }
  else if (g_str_equal (name, "created-at"))
    update_time (self);
}

static gboolean
on_clock (gpointer user_data)
{
  update_time (user_data);

  return G_SOURCE_CONTINUE;
}

/* "5 min ago" must become "6 min ago" while it is on screen, and only then. */
static void
liveline_post_row_map (GtkWidget *widget)
{
  LivelinePostRow *self = LIVELINE_POST_ROW (widget);

  GTK_WIDGET_CLASS (liveline_post_row_parent_class)->map (widget);

  update_time (self);
  self->clock_id = g_timeout_add_seconds (30, on_clock, self);
}

static void
liveline_post_row_unmap (GtkWidget *widget)
{
  LivelinePostRow *self = LIVELINE_POST_ROW (widget);

  g_clear_handle_id (&self->clock_id, g_source_remove);

  GTK_WIDGET_CLASS (liveline_post_row_parent_class)->unmap (widget);
}

static void
liveline_post_row_dispose (GObject *object)
{
  LivelinePostRow *self = (LivelinePostRow *)object;
  GtkWidget *child;

  liveline_post_row_set_post (self, NULL);
  g_clear_handle_id (&self->clock_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), LIVELINE_TYPE_POST_ROW);

  /* The template's outer box has no name, so it is not cleared above. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (liveline_post_row_parent_class)->dispose (object);
}

static void
liveline_post_row_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LivelinePostRow *self = LIVELINE_POST_ROW (object);

  switch (prop_id)
    {
    case PROP_POST:
      g_value_set_object (value, self->post);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liveline_post_row_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  LivelinePostRow *self = LIVELINE_POST_ROW (object);

  switch (prop_id)
    {
    case PROP_POST:
      liveline_post_row_set_post (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liveline_post_row_class_init (LivelinePostRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = liveline_post_row_dispose;
  object_class->get_property = liveline_post_row_get_property;
  object_class->set_property = liveline_post_row_set_property;

  widget_class->map = liveline_post_row_map;
  widget_class->unmap = liveline_post_row_unmap;

  properties[PROP_POST] =
    g_param_spec_object ("post", NULL, NULL,
                         LIVELINE_TYPE_POST,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/liveline-post-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LivelinePostRow, time_label);
  gtk_widget_class_bind_template_child (widget_class, LivelinePostRow, state_label);
  gtk_widget_class_bind_template_child (widget_class, LivelinePostRow, pinned_image);
  gtk_widget_class_bind_template_child (widget_class, LivelinePostRow, key_moment_image);
  gtk_widget_class_bind_template_child (widget_class, LivelinePostRow, headline_label);
  gtk_widget_class_bind_template_child (widget_class, LivelinePostRow, excerpt_label);
  gtk_widget_class_bind_template_child (widget_class, LivelinePostRow, published_label);
  gtk_widget_class_bind_template_child (widget_class, LivelinePostRow, credit_label);
  gtk_widget_class_bind_template_child (widget_class, LivelinePostRow, thumbnail);
  gtk_widget_class_bind_template_child (widget_class, LivelinePostRow, sending_spinner);
  gtk_widget_class_bind_template_child (widget_class, LivelinePostRow, open_button);
  gtk_widget_class_bind_template_child (widget_class, LivelinePostRow, problem_box);
  gtk_widget_class_bind_template_child (widget_class, LivelinePostRow, problem_label);
  gtk_widget_class_bind_template_child (widget_class, LivelinePostRow, retry_button);
  gtk_widget_class_bind_template_callback (widget_class, on_open_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_query_tooltip);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "postrow");
}

static void
liveline_post_row_init (LivelinePostRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
liveline_post_row_new (void)
{
  return g_object_new (LIVELINE_TYPE_POST_ROW, NULL);
}

LivelinePost *
liveline_post_row_get_post (LivelinePostRow *self)
{
  g_return_val_if_fail (LIVELINE_IS_POST_ROW (self), NULL);

  return self->post;
}

void
liveline_post_row_set_post (LivelinePostRow *self,
                            LivelinePost    *post)
{
  g_return_if_fail (LIVELINE_IS_POST_ROW (self));
  g_return_if_fail (!post || LIVELINE_IS_POST (post));

  if (self->post == post)
    return;

  if (self->post != NULL)
    g_signal_handlers_disconnect_by_data (self->post, self);

  g_set_object (&self->post, post);

  if (post != NULL)
    {
      g_signal_connect_object (post, "notify", G_CALLBACK (on_post_notify), self,
                               G_CONNECT_SWAPPED);
      update_all (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POST]);
}
