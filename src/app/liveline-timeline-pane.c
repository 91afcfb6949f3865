/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-timeline-pane"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "liveline-post-row.h"
#include "liveline-timeline-pane.h"
#include "liveline-toast.h"

/* The left pane: every update of the current live blog, newest first, with
 * a search, a filter by state, and the selection that the editor follows.
 *
 * GTK 4.8's GtkListView makes about 200 rows up front, however few fit in
 * the window, and with a long timeline that is most of the window's first
 * frame. So the list shows the timeline through a GtkSliceListModel that
 * starts with the first FIRST_ROWS updates, more than a maximized window shows,
 * and grows to the whole timeline a step at a time while the main loop is
 * idle, never holding it for long.
 */

#define FIRST_ROWS 24
#define ROWS_PER_STEP 24
#define GROW_AFTER_MS 250
struct _LivelineTimelinePane
{
  GtkWidget           parent_instance;

  LivelineStore      *store;
  LivelineBlog       *blog;
  LivelineTimeline   *timeline;
  GtkSliceListModel  *slice;
  GtkSingleSelection *selection;
  guint               grow_id;

  /* Template widgets */
  GtkStack           *stack;
  GtkListView        *list_view;
  GtkSearchBar       *search_bar;
  GtkSearchEntry     *search_entry;
  GtkDropDown        *state_filter;
  GtkWidget          *search_button;
};

G_DEFINE_FINAL_TYPE (LivelineTimelinePane, liveline_timeline_pane, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_BLOG,
  PROP_SELECTED_POST,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The entries of the state filter, in the order of the drop-down. */
static const int filter_states[] = {
  LIVELINE_TIMELINE_ALL_STATES,
  LIVELINE_POST_STATE_DRAFT,
  LIVELINE_POST_STATE_QUEUED,
  LIVELINE_POST_STATE_PUBLISHED,
  LIVELINE_POST_STATE_FAILED,
};

static void
update_page (LivelineTimelinePane *self)
{
  const char *page;

  if (self->timeline == NULL)
    page = "no-blog";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->timeline)) > 0)
    page = "list";
  else if (liveline_timeline_get_search (self->timeline) != NULL ||
           liveline_timeline_get_state_filter (self->timeline) != LIVELINE_TIMELINE_ALL_STATES)
    page = "no-results";
  else
    page = "empty";

  gtk_stack_set_visible_child_name (self->stack, page);

  /* Nothing to search or filter without a live blog. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->state_filter), self->timeline != NULL);
  gtk_widget_set_sensitive (self->search_button, self->timeline != NULL);
}

static gboolean
grow_slice (gpointer user_data)
{
  LivelineTimelinePane *self = user_data;
  guint size = gtk_slice_list_model_get_size (self->slice);

  if (size >= g_list_model_get_n_items (G_LIST_MODEL (self->timeline)))
    {
      /* From now on, whatever the timeline holds. */
      gtk_slice_list_model_set_size (self->slice, G_MAXUINT);
      self->grow_id = 0;
      return G_SOURCE_REMOVE;
    }

  gtk_slice_list_model_set_size (self->slice, size + ROWS_PER_STEP);

  return G_SOURCE_CONTINUE;
}

/* The first frame shows the first rows; the rest come after it. */
static gboolean
start_growing (gpointer user_data)
{
  LivelineTimelinePane *self = user_data;

  self->grow_id = g_idle_add_full (G_PRIORITY_LOW, grow_slice, self, NULL);
  g_source_set_name_by_id (self->grow_id, "[liveline] show the whole timeline");

  return G_SOURCE_REMOVE;
}

/* Makes sure the list shows the timeline at least up to @position. */
static void
show_up_to (LivelineTimelinePane *self,
            guint                 position)
{
  if (position >= gtk_slice_list_model_get_size (self->slice))
    gtk_slice_list_model_set_size (self->slice, position + ROWS_PER_STEP);
}

static void
on_selected_item_changed (LivelineTimelinePane *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_POST]);
}

static void
apply_filters (LivelineTimelinePane *self)
{
  guint selected = gtk_drop_down_get_selected (self->state_filter);

  if (self->timeline == NULL)
    return;

  liveline_timeline_set_search (self->timeline, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  liveline_timeline_set_state_filter (self->timeline,
                                      selected < G_N_ELEMENTS (filter_states)
                                        ? filter_states[selected]
                                        : LIVELINE_TIMELINE_ALL_STATES);
  update_page (self);
}

static void
on_search_changed (LivelineTimelinePane *self,
                   GtkSearchEntry       *entry)
{
  apply_filters (self);
}

static void
on_state_filter_changed (LivelineTimelinePane *self,
                         GParamSpec           *pspec,
                         GtkDropDown          *drop_down)
{
  apply_filters (self);
}

static void
on_search_stopped (LivelineTimelinePane *self,
                   GtkSearchEntry       *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  gtk_list_item_set_child (item, liveline_post_row_new ());
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  user_data)
{
  liveline_post_row_set_post (LIVELINE_POST_ROW (gtk_list_item_get_child (item)),
                              gtk_list_item_get_item (item));
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  liveline_post_row_set_post (LIVELINE_POST_ROW (gtk_list_item_get_child (item)), NULL);
}

static void
on_undo_delete (AdwToast     *toast,
                LivelinePost *post)
{
  LivelineTimelinePane *self = g_object_get_data (G_OBJECT (toast), "pane");
  g_autoptr(GError) error = NULL;

  if (self == NULL || self->store == NULL)
    return;

  if (!liveline_store_untrash_post (self->store, post, &error))
    g_warning ("Could not bring the update back: %s", error->message);
  else
    liveline_timeline_pane_select_post (self, post);
}

/**
 * liveline_timeline_pane_delete_post:
 * @self: a #LivelineTimelinePane
 * @post: a post of the timeline
 *
 * Takes @post out of the timeline, with a toast that offers to undo it.
 */
void
liveline_timeline_pane_delete_post (LivelineTimelinePane *self,
                                    LivelinePost         *post)
{
  g_autoptr(GError) error = NULL;
  AdwToastOverlay *overlay;
  AdwToast *toast;

  g_return_if_fail (LIVELINE_IS_TIMELINE_PANE (self));
  g_return_if_fail (LIVELINE_IS_POST (post));

  if (!liveline_store_trash_post (self->store, post, &error))
    {
      g_warning ("Could not delete the update: %s", error->message);
      return;
    }

  overlay = ADW_TOAST_OVERLAY (gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY));
  if (overlay == NULL)
    return;

  toast = liveline_toast_new (_("Update deleted"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data (G_OBJECT (toast), "pane", self);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_delete),
                         g_object_ref (post), (GClosureNotify)(void (*) (void))g_object_unref, 0);
  adw_toast_overlay_add_toast (overlay, toast);
}

static void
delete_selected_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  LivelineTimelinePane *self = LIVELINE_TIMELINE_PANE (widget);
  LivelinePost *post = liveline_timeline_pane_get_selected_post (self);

  if (post != NULL)
    liveline_timeline_pane_delete_post (self, post);
}

/* Publishes again an update the endpoint refused, once it was put right. */
static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  LivelineTimelinePane *self = LIVELINE_TIMELINE_PANE (widget);
  g_autoptr(LivelinePost) post = NULL;
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;

  if (!(post = liveline_store_load_post (self->store, g_variant_get_int64 (param), &error)) ||
      !liveline_store_publish_post (self->store, post, &error))
    g_warning ("Could not publish the update again: %s", error->message);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LivelineTimelinePane *self = LIVELINE_TIMELINE_PANE (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
on_items_changed (LivelineTimelinePane *self)
{
  update_page (self);
}

static void
liveline_timeline_pane_dispose (GObject *object)
{
  LivelineTimelinePane *self = (LivelineTimelinePane *)object;
  GtkWidget *child;

  liveline_timeline_pane_set_blog (self, NULL);
  g_clear_handle_id (&self->grow_id, g_source_remove);
  g_clear_object (&self->selection);
  g_clear_object (&self->slice);
  g_clear_object (&self->store);

  gtk_widget_dispose_template (GTK_WIDGET (self), LIVELINE_TYPE_TIMELINE_PANE);

  /* The template's outer box has no name, so it is not cleared above. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (liveline_timeline_pane_parent_class)->dispose (object);
}

static void
liveline_timeline_pane_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  LivelineTimelinePane *self = LIVELINE_TIMELINE_PANE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_BLOG:
      g_value_set_object (value, self->blog);
      break;

    case PROP_SELECTED_POST:
      g_value_set_object (value, liveline_timeline_pane_get_selected_post (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liveline_timeline_pane_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  LivelineTimelinePane *self = LIVELINE_TIMELINE_PANE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      liveline_timeline_pane_set_store (self, g_value_get_object (value));
      break;

    case PROP_BLOG:
      liveline_timeline_pane_set_blog (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liveline_timeline_pane_class_init (LivelineTimelinePaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = liveline_timeline_pane_dispose;
  object_class->get_property = liveline_timeline_pane_get_property;
  object_class->set_property = liveline_timeline_pane_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         LIVELINE_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_BLOG] =
    g_param_spec_object ("blog", NULL, NULL,
                         LIVELINE_TYPE_BLOG,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SELECTED_POST] =
    g_param_spec_object ("selected-post", NULL, NULL,
                         LIVELINE_TYPE_POST,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/liveline-timeline-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, LivelineTimelinePane, stack);
  gtk_widget_class_bind_template_child (widget_class, LivelineTimelinePane, list_view);
  gtk_widget_class_bind_template_child (widget_class, LivelineTimelinePane, search_bar);
  gtk_widget_class_bind_template_child (widget_class, LivelineTimelinePane, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LivelineTimelinePane, state_filter);
  gtk_widget_class_bind_template_child (widget_class, LivelineTimelinePane, search_button);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_stopped);
  gtk_widget_class_bind_template_callback (widget_class, on_state_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, setup_row);
  gtk_widget_class_bind_template_callback (widget_class, bind_row);
  gtk_widget_class_bind_template_callback (widget_class, unbind_row);

  gtk_widget_class_install_action (widget_class, "timeline.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "timeline.delete", NULL, delete_selected_action);
  gtk_widget_class_install_action (widget_class, "timeline.retry", "x", retry_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "timelinepane");
}

static void
liveline_timeline_pane_init (LivelineTimelinePane *self)
{
  g_autoptr(GtkShortcut) delete_shortcut = NULL;
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->slice = gtk_slice_list_model_new (NULL, 0, FIRST_ROWS);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->slice)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (on_selected_item_changed), self);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  /* Delete removes the selected update, from the list only. */
  controller = gtk_shortcut_controller_new ();
  delete_shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                                      gtk_named_action_new ("timeline.delete"));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        g_steal_pointer (&delete_shortcut));
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), controller);

  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self->list_view));

  update_page (self);
}

LivelineStore *
liveline_timeline_pane_get_store (LivelineTimelinePane *self)
{
  g_return_val_if_fail (LIVELINE_IS_TIMELINE_PANE (self), NULL);

  return self->store;
}

void
liveline_timeline_pane_set_store (LivelineTimelinePane *self,
                                  LivelineStore        *store)
{
  g_return_if_fail (LIVELINE_IS_TIMELINE_PANE (self));
  g_return_if_fail (!store || LIVELINE_IS_STORE (store));

  if (self->store == store)
    return;

  liveline_timeline_pane_set_blog (self, NULL);
  g_set_object (&self->store, store);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

LivelineBlog *
liveline_timeline_pane_get_blog (LivelineTimelinePane *self)
{
  g_return_val_if_fail (LIVELINE_IS_TIMELINE_PANE (self), NULL);

  return self->blog;
}

/**
 * liveline_timeline_pane_set_blog:
 * @self: a #LivelineTimelinePane
 * @blog: (nullable): the live blog to show
 *
 * Shows the timeline of @blog, with nothing selected.
 */
void
liveline_timeline_pane_set_blog (LivelineTimelinePane *self,
                                 LivelineBlog         *blog)
{
  g_return_if_fail (LIVELINE_IS_TIMELINE_PANE (self));
  g_return_if_fail (!blog || LIVELINE_IS_BLOG (blog));
  g_return_if_fail (!blog || self->store != NULL);

  if (self->blog == blog)
    return;

  if (self->timeline != NULL)
    g_signal_handlers_disconnect_by_data (self->timeline, self);

  g_set_object (&self->blog, blog);
  g_clear_object (&self->timeline);

  if (blog != NULL)
    {
      self->timeline = liveline_timeline_new (self->store, blog);
      g_signal_connect_swapped (self->timeline, "items-changed",
                                G_CALLBACK (on_items_changed), self);
    }

  g_clear_handle_id (&self->grow_id, g_source_remove);
  gtk_slice_list_model_set_size (self->slice, FIRST_ROWS);
  gtk_slice_list_model_set_model (self->slice, G_LIST_MODEL (self->timeline));
  if (self->timeline != NULL)
    {
      self->grow_id = g_timeout_add (GROW_AFTER_MS, start_growing, self);
      g_source_set_name_by_id (self->grow_id, "[liveline] show the whole timeline");
    }

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->state_filter, 0);
  apply_filters (self);
  update_page (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BLOG]);
}

/**
 * liveline_timeline_pane_get_timeline:
 * @self: a #LivelineTimelinePane
 *
 * Returns: (transfer none) (nullable): the timeline shown
 */
LivelineTimeline *
liveline_timeline_pane_get_timeline (LivelineTimelinePane *self)
{
  g_return_val_if_fail (LIVELINE_IS_TIMELINE_PANE (self), NULL);

  return self->timeline;
}

/**
 * liveline_timeline_pane_get_selected_post:
 * @self: a #LivelineTimelinePane
 *
 * Returns: (transfer none) (nullable): the selected post
 */
LivelinePost *
liveline_timeline_pane_get_selected_post (LivelineTimelinePane *self)
{
  g_return_val_if_fail (LIVELINE_IS_TIMELINE_PANE (self), NULL);

  if (self->selection == NULL)
    return NULL;

  return gtk_single_selection_get_selected_item (self->selection);
}

/**
 * liveline_timeline_pane_select_post:
 * @self: a #LivelineTimelinePane
 * @post: (nullable): a post of the timeline, or %NULL to select nothing
 *
 * Selects @post and scrolls to it.
 */
void
liveline_timeline_pane_select_post (LivelineTimelinePane *self,
                                    LivelinePost         *post)
{
  guint position;

  g_return_if_fail (LIVELINE_IS_TIMELINE_PANE (self));

  if (post == NULL || self->timeline == NULL ||
      !liveline_timeline_find_post (self->timeline, post, &position))
    {
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      return;
    }

  show_up_to (self, position);
  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}
