/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-timeline"

#include "config.h"

#include "liveline-blog.h"
#include "liveline-post.h"
#include "liveline-store-private.h"
#include "liveline-timeline.h"

/* LivelineTimeline is one live blog's posts as a GListModel: pinned first,
 * then newest first. It holds only the ids of the posts in order, read over
 * an index: at first only the count and the first ID_STRETCH ids, the rest
 * a stretch at a time as the list goes further down. The posts themselves
 * are read in pages of PAGE_SIZE as the list asks for them, and a few pages
 * stay cached. So a blog of 100,000 updates opens about as fast as one of
 * ten.
 *
 * It follows the store's signals and says precisely what changed: an edit
 * is items-changed (position, 1, 1), an addition or removal, or a pin that
 * moves a post, is the smallest range that differs.
 *
 * A row that cannot be read (the store met damage) is never a %NULL item:
 * until the timeline is read again, as soon as the main loop is idle or the
 * store has been rebuilt, its place holds an empty post that is not stored.
 */

#define PAGE_SIZE   50
#define MAX_PAGES   8
#define ID_STRETCH  1000

typedef struct
{
  guint      number;
  GPtrArray *posts;
} Page;

struct _LivelineTimeline
{
  GObject        parent_instance;

  LivelineStore *store;
  LivelineBlog  *blog;
  char          *search;
  int            state_filter;

  /* The first ids of the timeline, in order; all of them once n_items long. */
  GArray        *ids;
  guint          n_items;

  /* The most recently used page first. */
  GQueue         pages;

  /* Set when a row could not be read: the timeline is read again. */
  guint          reread_source;
};

static void liveline_timeline_list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LivelineTimeline, liveline_timeline, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      liveline_timeline_list_model_iface_init))

enum {
  PROP_0,
  PROP_BLOG,
  PROP_SEARCH,
  PROP_STATE_FILTER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
page_free (gpointer data)
{
  Page *page = data;

  g_ptr_array_unref (page->posts);
  g_free (page);
}

static void
clear_pages (LivelineTimeline *self)
{
  g_queue_clear_full (&self->pages, page_free);
}

static void reset_ids (LivelineTimeline *self);

static gint64
id_at (LivelineTimeline *self,
       guint             position)
{
  return g_array_index (self->ids, gint64, position);
}

/* Reads every id again and says the whole list changed: after damage,
 * when the rows that can be read are not those counted.
 */
static void
reread (LivelineTimeline *self)
{
  guint old_n_items = self->n_items;

  g_clear_handle_id (&self->reread_source, g_source_remove);
  g_clear_pointer (&self->ids, g_array_unref);
  clear_pages (self);
  reset_ids (self);

  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n_items, self->n_items);
}

static gboolean
reread_when_idle (gpointer data)
{
  LivelineTimeline *self = data;

  self->reread_source = 0;
  reread (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_reread (LivelineTimeline *self)
{
  if (self->reread_source == 0)
    self->reread_source = g_idle_add (reread_when_idle, self);
}

/* Damage is the store's to report, and it repairs it; the timeline reads
 * itself again once it has.
 */
static void
report (LivelineTimeline *self,
        const char       *what,
        const GError     *error)
{
  if (g_error_matches (error, LIVELINE_STORE_ERROR, LIVELINE_STORE_ERROR_DAMAGED))
    g_debug ("%s: %s", what, error->message);
  else
    g_warning ("%s: %s", what, error->message);

  schedule_reread (self);
}

/* Reads ids until at least @wanted of them are known. */
static void
load_ids (LivelineTimeline *self,
          guint             wanted)
{
  g_autoptr(GError) error = NULL;
  guint known = self->ids->len;

  wanted = MIN (wanted, self->n_items);
  if (known >= wanted)
    return;

  if (!_liveline_store_query_post_ids (self->store,
                                       liveline_blog_get_id (self->blog),
                                       self->state_filter,
                                       self->search,
                                       known,
                                       MAX (wanted - known, ID_STRETCH),
                                       self->ids,
                                       &error))
    report (self, "Cannot read the timeline", error);

  /* Should the store hold fewer than counted, the count gives way. */
  if (self->ids->len < wanted)
    self->n_items = self->ids->len;
}

static gboolean
find_id (LivelineTimeline *self,
         gint64            id,
         guint            *position)
{
  for (guint i = 0; ; i++)
    {
      if (i == self->ids->len)
        {
          load_ids (self, i + ID_STRETCH);
          if (i == self->ids->len)
            return FALSE;
        }

      if (id_at (self, i) == id)
        {
          *position = i;
          return TRUE;
        }
    }
}

/* Starts reading the timeline afresh: with no filter and no search, only
 * the count and a first stretch of ids; otherwise all of them, as a search
 * finds few.
 */
static void
reset_ids (LivelineTimeline *self)
{
  g_autoptr(GError) error = NULL;

  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (self->search == NULL && self->state_filter == LIVELINE_TIMELINE_ALL_STATES)
    {
      if (!_liveline_store_count_posts (self->store, liveline_blog_get_id (self->blog),
                                        &self->n_items, &error))
        {
          report (self, "Cannot count the timeline", error);
          self->n_items = 0;
        }
      load_ids (self, ID_STRETCH);
    }
  else
    {
      if (!_liveline_store_query_post_ids (self->store, liveline_blog_get_id (self->blog),
                                           self->state_filter, self->search, 0, -1,
                                           self->ids, &error))
        report (self, "Cannot read the timeline", error);
      self->n_items = self->ids->len;
    }
}

/* Reads the ids again and announces the one range that differs; @edited,
 * when it stayed where it was, is announced as changed in place.
 */
static void
refresh (LivelineTimeline *self,
         gint64            edited)
{
  g_autoptr(GArray) old = NULL;
  guint prefix = 0;
  guint suffix = 0;
  guint removed;
  guint added;
  guint position;

  /* Comparing needs every id, before and after: a change of order is rare. */
  load_ids (self, self->n_items);
  old = g_steal_pointer (&self->ids);
  reset_ids (self);
  load_ids (self, self->n_items);
  clear_pages (self);

  while (prefix < old->len && prefix < self->ids->len &&
         g_array_index (old, gint64, prefix) == id_at (self, prefix))
    prefix++;

  while (suffix < old->len - prefix && suffix < self->ids->len - prefix &&
         g_array_index (old, gint64, old->len - 1 - suffix) ==
         id_at (self, self->ids->len - 1 - suffix))
    suffix++;

  removed = old->len - prefix - suffix;
  added = self->ids->len - prefix - suffix;

  if (removed > 0 || added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix, removed, added);

  if (edited > 0 && find_id (self, edited, &position) &&
      (position < prefix || position >= prefix + added))
    g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
}

static gboolean
is_ours (LivelineTimeline *self,
         LivelinePost     *post)
{
  return liveline_post_get_blog_id (post) == liveline_blog_get_id (self->blog);
}

static void
on_post_added_or_removed (LivelineTimeline *self,
                          LivelinePost     *post)
{
  if (is_ours (self, post))
    refresh (self, 0);
}

static void
on_post_updated (LivelineTimeline *self,
                 LivelinePost     *post,
                 gboolean          order_changed)
{
  guint position;

  if (!is_ours (self, post))
    return;

  /* With a filter or a search, an edit can bring a post in or take it out. */
  if (order_changed || self->search != NULL || self->state_filter != LIVELINE_TIMELINE_ALL_STATES)
    refresh (self, liveline_post_get_id (post));
  else if (find_id (self, liveline_post_get_id (post), &position))
    g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
}

static GType
liveline_timeline_get_item_type (GListModel *model)
{
  return LIVELINE_TYPE_POST;
}

static guint
liveline_timeline_get_n_items (GListModel *model)
{
  return LIVELINE_TIMELINE (model)->n_items;
}

static Page *
lookup_page (LivelineTimeline *self,
             guint             number)
{
  for (GList *link = self->pages.head; link != NULL; link = link->next)
    {
      Page *page = link->data;

      if (page->number == number)
        {
          g_queue_unlink (&self->pages, link);
          g_queue_push_head_link (&self->pages, link);
          return page;
        }
    }

  return NULL;
}

static Page *
load_page (LivelineTimeline *self,
           guint             number)
{
  guint first = number * PAGE_SIZE;
  guint n;
  Page *page = g_new0 (Page, 1);

  load_ids (self, first + PAGE_SIZE);
  n = first < self->ids->len ? MIN (PAGE_SIZE, self->ids->len - first) : 0;

  page->number = number;
  page->posts = g_ptr_array_new_full (n, g_object_unref);
  _liveline_store_load_posts (self->store, &g_array_index (self->ids, gint64, first), n,
                              page->posts);

  for (guint i = 0; i < page->posts->len; i++)
    {
      if (g_ptr_array_index (page->posts, i) == NULL)
        {
          g_ptr_array_index (page->posts, i) =
            liveline_post_new (NULL, liveline_blog_get_id (self->blog));
          schedule_reread (self);
        }
    }

  g_queue_push_head (&self->pages, page);
  while (self->pages.length > MAX_PAGES)
    page_free (g_queue_pop_tail (&self->pages));

  return page;
}

static gpointer
liveline_timeline_get_item (GListModel *model,
                            guint       position)
{
  LivelineTimeline *self = LIVELINE_TIMELINE (model);
  guint number = position / PAGE_SIZE;
  LivelinePost *post;
  Page *page;

  if (position >= self->n_items)
    return NULL;

  if (!(page = lookup_page (self, number)))
    page = load_page (self, number);

  /* Fewer ids could be read than were counted: an empty post stands in
   * until the timeline is read again.
   */
  if (position - number * PAGE_SIZE >= page->posts->len)
    {
      schedule_reread (self);
      return liveline_post_new (NULL, liveline_blog_get_id (self->blog));
    }

  post = g_ptr_array_index (page->posts, position - number * PAGE_SIZE);

  return g_object_ref (post);
}

static void
liveline_timeline_list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = liveline_timeline_get_item_type;
  iface->get_n_items = liveline_timeline_get_n_items;
  iface->get_item = liveline_timeline_get_item;
}

static void
liveline_timeline_dispose (GObject *object)
{
  LivelineTimeline *self = (LivelineTimeline *)object;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);

  g_clear_handle_id (&self->reread_source, g_source_remove);
  clear_pages (self);
  g_clear_object (&self->store);
  g_clear_object (&self->blog);

  G_OBJECT_CLASS (liveline_timeline_parent_class)->dispose (object);
}

static void
liveline_timeline_finalize (GObject *object)
{
  LivelineTimeline *self = (LivelineTimeline *)object;

  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->search, g_free);

  G_OBJECT_CLASS (liveline_timeline_parent_class)->finalize (object);
}

static void
liveline_timeline_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LivelineTimeline *self = LIVELINE_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_BLOG:
      g_value_set_object (value, self->blog);
      break;

    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;

    case PROP_STATE_FILTER:
      g_value_set_int (value, self->state_filter);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liveline_timeline_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  LivelineTimeline *self = LIVELINE_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_SEARCH:
      liveline_timeline_set_search (self, g_value_get_string (value));
      break;

    case PROP_STATE_FILTER:
      liveline_timeline_set_state_filter (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liveline_timeline_class_init (LivelineTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = liveline_timeline_dispose;
  object_class->finalize = liveline_timeline_finalize;
  object_class->get_property = liveline_timeline_get_property;
  object_class->set_property = liveline_timeline_set_property;

  properties[PROP_BLOG] =
    g_param_spec_object ("blog", NULL, NULL,
                         LIVELINE_TYPE_BLOG,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * LivelineTimeline:search:
   *
   * Words every post shown must contain (in its headline, body, caption or
   * credit, as the start of a word), or %NULL for all posts.
   */
  properties[PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * LivelineTimeline:state-filter:
   *
   * The #LivelinePostState of the posts shown, or
   * %LIVELINE_TIMELINE_ALL_STATES.
   */
  properties[PROP_STATE_FILTER] =
    g_param_spec_int ("state-filter", NULL, NULL,
                      LIVELINE_TIMELINE_ALL_STATES, LIVELINE_POST_STATE_DELETED,
                      LIVELINE_TIMELINE_ALL_STATES,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liveline_timeline_init (LivelineTimeline *self)
{
  self->state_filter = LIVELINE_TIMELINE_ALL_STATES;
  g_queue_init (&self->pages);
}

/**
 * liveline_timeline_new:
 * @store: a #LivelineStore
 * @blog: a live blog of @store
 *
 * Returns: (transfer full): the posts of @blog, as a #GListModel of
 *   #LivelinePost
 */
LivelineTimeline *
liveline_timeline_new (LivelineStore *store,
                       LivelineBlog  *blog)
{
  LivelineTimeline *self;

  g_return_val_if_fail (LIVELINE_IS_STORE (store), NULL);
  g_return_val_if_fail (LIVELINE_IS_BLOG (blog), NULL);

  self = g_object_new (LIVELINE_TYPE_TIMELINE, NULL);
  self->store = g_object_ref (store);
  self->blog = g_object_ref (blog);
  reset_ids (self);

  g_signal_connect_swapped (store, "post-added", G_CALLBACK (on_post_added_or_removed), self);
  g_signal_connect_swapped (store, "post-removed", G_CALLBACK (on_post_added_or_removed), self);
  g_signal_connect_swapped (store, "post-updated", G_CALLBACK (on_post_updated), self);
  g_signal_connect_swapped (store, "recovered", G_CALLBACK (reread), self);

  return self;
}

LivelineBlog *
liveline_timeline_get_blog (LivelineTimeline *self)
{
  g_return_val_if_fail (LIVELINE_IS_TIMELINE (self), NULL);

  return self->blog;
}

const char *
liveline_timeline_get_search (LivelineTimeline *self)
{
  g_return_val_if_fail (LIVELINE_IS_TIMELINE (self), NULL);

  return self->search;
}

void
liveline_timeline_set_search (LivelineTimeline *self,
                              const char       *search)
{
  g_autofree char *clean = NULL;

  g_return_if_fail (LIVELINE_IS_TIMELINE (self));

  if (search != NULL)
    {
      clean = g_strstrip (g_strdup (search));
      if (clean[0] == '\0')
        g_clear_pointer (&clean, g_free);
    }

  if (g_strcmp0 (clean, self->search) == 0)
    return;

  g_free (self->search);
  self->search = g_steal_pointer (&clean);
  refresh (self, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
}

int
liveline_timeline_get_state_filter (LivelineTimeline *self)
{
  g_return_val_if_fail (LIVELINE_IS_TIMELINE (self), LIVELINE_TIMELINE_ALL_STATES);

  return self->state_filter;
}

void
liveline_timeline_set_state_filter (LivelineTimeline *self,
                                    int               state)
{
  g_return_if_fail (LIVELINE_IS_TIMELINE (self));
  g_return_if_fail (state >= LIVELINE_TIMELINE_ALL_STATES && state <= LIVELINE_POST_STATE_DELETED);

  if (self->state_filter == state)
    return;

  self->state_filter = state;
  refresh (self, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE_FILTER]);
}

/**
 * liveline_timeline_find_post:
 * @self: a #LivelineTimeline
 * @post: a post
 * @position: (out): where @post is
 *
 * Returns: whether @post is in the timeline
 */
gboolean
liveline_timeline_find_post (LivelineTimeline *self,
                             LivelinePost     *post,
                             guint            *position)
{
  g_return_val_if_fail (LIVELINE_IS_TIMELINE (self), FALSE);
  g_return_val_if_fail (LIVELINE_IS_POST (post), FALSE);
  g_return_val_if_fail (position != NULL, FALSE);

  return find_id (self, liveline_post_get_id (post), position);
}
