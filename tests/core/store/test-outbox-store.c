/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-outbox-store"

#include "config.h"

#include "liveline-blog.h"
#include "liveline-outbox-op.h"
#include "liveline-post.h"
#include "liveline-store.h"
#include "liveline-test-util.h"

/* The outbox's record in the store: every state of a post's life, the
 * order of each blog, and what a crash leaves behind.
 */

typedef struct
{
  char          *dir;
  LivelineStore *store;
  LivelineBlog  *blog;
  LivelineBlog  *other;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("liveline-outbox-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->store = liveline_store_open (fixture->dir, &error);
  g_assert_no_error (error);
  fixture->blog = liveline_store_create_blog (fixture->store, "Syria talks", &error);
  fixture->other = liveline_store_create_blog (fixture->store, "Storm", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->store);
  liveline_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static LivelinePost *
write_post (Fixture      *fixture,
            LivelineBlog *blog,
            const char   *headline)
{
  g_autoptr(GError) error = NULL;
  LivelinePost *post = liveline_store_create_post (fixture->store, blog, &error);

  g_assert_no_error (error);
  liveline_post_set_headline (post, headline);
  g_assert_true (liveline_store_save_post (fixture->store, post, &error));
  g_assert_no_error (error);

  return post;
}

static void
publish (Fixture      *fixture,
         LivelinePost *post)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (liveline_store_publish_post (fixture->store, post, &error));
  g_assert_no_error (error);
}

/* The operations due now, oldest first. */
static GListModel *
due (Fixture *fixture)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return liveline_store_list_due_ops (fixture->store, now);
}

static LivelineOutboxOp *
only_due (Fixture *fixture)
{
  g_autoptr(GListModel) ops = due (fixture);

  g_assert_cmpuint (g_list_model_get_n_items (ops), ==, 1);

  return g_list_model_get_item (ops, 0);
}

static void
send_ok (Fixture          *fixture,
         LivelineOutboxOp *op,
         const char       *remote_id)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1/blogs/syria-talks#post-%s", remote_id);
  g_autoptr(GError) error = NULL;

  g_assert_true (liveline_store_begin_send (fixture->store, op, &error));
  g_assert_no_error (error);
  g_assert_true (liveline_store_finish_send (fixture->store, op, remote_id, url, now, &error));
  g_assert_no_error (error);
}

static void
test_publish_then_published (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(LivelinePost) post = write_post (fixture, fixture->blog, "Talks resume");
  g_autoptr(LivelineOutboxOp) op = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;

  publish (fixture, post);
  g_assert_cmpint (liveline_post_get_state (post), ==, LIVELINE_POST_STATE_QUEUED);
  g_assert_cmpuint (liveline_store_count_waiting (fixture->store), ==, 1);

  /* Publishing again before it left changes nothing in the queue. */
  publish (fixture, post);
  g_assert_cmpuint (liveline_store_count_waiting (fixture->store), ==, 1);

  op = only_due (fixture);
  g_assert_cmpint (liveline_outbox_op_get_operation (op), ==, LIVELINE_OUTBOX_CREATE);
  g_assert_cmpint (liveline_outbox_op_get_post_id (op), ==, liveline_post_get_id (post));
  g_assert_true (g_uuid_string_is_valid (liveline_outbox_op_get_idempotency_key (op)));
  g_assert_false (liveline_outbox_op_get_sending (op));

  g_assert_true (liveline_store_begin_send (fixture->store, op, &error));
  g_assert_cmpint (liveline_post_get_state (post), ==, LIVELINE_POST_STATE_SENDING);
  g_assert_cmpuint (liveline_outbox_op_get_attempts (op), ==, 1);

  key = g_strdup (liveline_outbox_op_get_idempotency_key (op));
  g_assert_true (liveline_store_finish_send (fixture->store, op, "r-1", "http://127.0.0.1/p/r-1",
                                             NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (liveline_post_get_state (post), ==, LIVELINE_POST_STATE_PUBLISHED);
  g_assert_cmpstr (liveline_post_get_remote_id (post), ==, "r-1");
  g_assert_cmpstr (liveline_post_get_remote_url (post), ==, "http://127.0.0.1/p/r-1");
  g_assert_cmpuint (liveline_store_count_waiting (fixture->store), ==, 0);

  /* It is all on disk. */
  g_clear_object (&post);
  g_clear_object (&op);
  g_clear_object (&fixture->store);
  fixture->store = liveline_store_open (fixture->dir, &error);
  g_assert_no_error (error);
  post = liveline_store_load_post (fixture->store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (liveline_post_get_state (post), ==, LIVELINE_POST_STATE_PUBLISHED);
  g_assert_cmpstr (liveline_post_get_remote_id (post), ==, "r-1");
}

static void
test_corrections (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(LivelinePost) post = write_post (fixture, fixture->blog, "Talks resume");
  g_autoptr(LivelineOutboxOp) create = NULL;
  g_autoptr(LivelineOutboxOp) update = NULL;
  g_autoptr(GListModel) ops = NULL;
  g_autoptr(GError) error = NULL;

  publish (fixture, post);
  create = only_due (fixture);
  send_ok (fixture, create, "r-1");

  /* A correction of a published post, merged while it waits. */
  publish (fixture, post);
  publish (fixture, post);
  g_assert_cmpuint (liveline_store_count_waiting (fixture->store), ==, 1);
  update = only_due (fixture);
  g_assert_cmpint (liveline_outbox_op_get_operation (update), ==, LIVELINE_OUTBOX_UPDATE);
  g_assert_cmpstr (liveline_outbox_op_get_idempotency_key (update), !=,
                   liveline_outbox_op_get_idempotency_key (create));

  /* Once it is on its way, another correction is one more operation. */
  g_assert_true (liveline_store_begin_send (fixture->store, update, &error));
  publish (fixture, post);
  g_assert_cmpuint (liveline_store_count_waiting (fixture->store), ==, 2);
  g_assert_true (liveline_store_finish_send (fixture->store, update, NULL, NULL, NULL, &error));
  g_assert_cmpint (liveline_post_get_state (post), ==, LIVELINE_POST_STATE_QUEUED);
  g_assert_cmpstr (liveline_post_get_remote_id (post), ==, "r-1");
  ops = due (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (ops), ==, 1);
}

static void
test_order_per_blog (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(LivelinePost) first = write_post (fixture, fixture->blog, "First");
  g_autoptr(LivelinePost) second = write_post (fixture, fixture->blog, "Second");
  g_autoptr(LivelinePost) elsewhere = write_post (fixture, fixture->other, "Elsewhere");
  g_autoptr(GListModel) ops = NULL;
  g_autoptr(LivelineOutboxOp) head = NULL;
  g_autoptr(LivelineOutboxOp) next = NULL;

  publish (fixture, first);
  publish (fixture, second);
  publish (fixture, elsewhere);

  /* One at a time per blog, in the order written; blogs don't wait for each other. */
  ops = due (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (ops), ==, 2);
  head = g_list_model_get_item (ops, 0);
  g_assert_cmpint (liveline_outbox_op_get_post_id (head), ==, liveline_post_get_id (first));
  g_clear_object (&ops);

  send_ok (fixture, head, "r-1");
  ops = due (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (ops), ==, 2);
  next = g_list_model_get_item (ops, 0);
  g_assert_cmpint (liveline_outbox_op_get_post_id (next), ==, liveline_post_get_id (second));
  g_clear_object (&next);
  next = g_list_model_get_item (ops, 1);
  g_assert_cmpint (liveline_outbox_op_get_post_id (next), ==, liveline_post_get_id (elsewhere));
}

static void
test_retry_keeps_key_and_order (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autoptr(LivelinePost) first = write_post (fixture, fixture->blog, "First");
  g_autoptr(LivelinePost) second = write_post (fixture, fixture->blog, "Second");
  g_autoptr(LivelineOutboxOp) op = NULL;
  g_autoptr(LivelineOutboxOp) again = NULL;
  g_autoptr(GListModel) ops = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_seconds (now, 30);
  g_autoptr(GDateTime) after = g_date_time_add_seconds (now, 31);
  g_autoptr(GDateTime) next = NULL;
  g_autoptr(GError) error = NULL;

  publish (fixture, first);
  publish (fixture, second);
  op = only_due (fixture);
  g_assert_true (liveline_store_begin_send (fixture->store, op, &error));
  g_assert_true (liveline_store_retry_later (fixture->store, op, later,
                                             "Can't reach the endpoint", &error));
  g_assert_no_error (error);
  g_assert_cmpint (liveline_post_get_state (first), ==, LIVELINE_POST_STATE_QUEUED);
  g_assert_cmpstr (liveline_post_get_last_error (first), ==, "Can't reach the endpoint");

  /* Nothing is due until then, not even the second: it waits its turn. */
  ops = due (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (ops), ==, 0);
  next = liveline_store_get_next_attempt (fixture->store);
  g_assert_true (g_date_time_equal (next, later));
  g_clear_object (&ops);

  ops = liveline_store_list_due_ops (fixture->store, after);
  g_assert_cmpuint (g_list_model_get_n_items (ops), ==, 1);
  again = g_list_model_get_item (ops, 0);
  g_assert_cmpstr (liveline_outbox_op_get_idempotency_key (again), ==,
                   liveline_outbox_op_get_idempotency_key (op));
  g_assert_cmpuint (liveline_outbox_op_get_attempts (again), ==, 1);
  g_assert_cmpstr (liveline_outbox_op_get_last_error (again), ==, "Can't reach the endpoint");
}

static void
test_give_up_then_publish_again (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  g_autoptr(LivelinePost) post = write_post (fixture, fixture->blog, "Too long");
  g_autoptr(LivelineOutboxOp) op = NULL;
  g_autoptr(LivelineOutboxOp) again = NULL;
  g_autoptr(GError) error = NULL;

  publish (fixture, post);
  op = only_due (fixture);
  g_assert_true (liveline_store_begin_send (fixture->store, op, &error));
  g_assert_true (liveline_store_give_up (fixture->store, op, "The headline is too long", &error));
  g_assert_cmpint (liveline_post_get_state (post), ==, LIVELINE_POST_STATE_FAILED);
  g_assert_cmpstr (liveline_post_get_last_error (post), ==, "The headline is too long");
  g_assert_cmpuint (liveline_store_count_waiting (fixture->store), ==, 0);

  /* Fixed and published again: a create again. */
  publish (fixture, post);
  again = only_due (fixture);
  g_assert_cmpint (liveline_outbox_op_get_operation (again), ==, LIVELINE_OUTBOX_CREATE);
  g_assert_null (liveline_post_get_last_error (post));
}

static void
test_retract (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(LivelinePost) unsent = write_post (fixture, fixture->blog, "Never left");
  g_autoptr(LivelinePost) published = write_post (fixture, fixture->other, "Wrong");
  g_autoptr(LivelinePost) draft = write_post (fixture, fixture->other, "Draft");
  g_autoptr(LivelineOutboxOp) op = NULL;
  g_autoptr(LivelineOutboxOp) delete = NULL;
  g_autoptr(GError) error = NULL;

  /* Retracting what never left discards it, here. */
  publish (fixture, unsent);
  g_assert_true (liveline_store_retract_post (fixture->store, unsent, &error));
  g_assert_cmpint (liveline_post_get_state (unsent), ==, LIVELINE_POST_STATE_DRAFT);
  g_assert_cmpuint (liveline_store_count_waiting (fixture->store), ==, 0);

  /* A published one is retracted at the endpoint; its waiting correction is dropped. */
  publish (fixture, published);
  op = only_due (fixture);
  send_ok (fixture, op, "r-9");
  publish (fixture, published);
  g_assert_true (liveline_store_retract_post (fixture->store, published, &error));
  g_assert_cmpuint (liveline_store_count_waiting (fixture->store), ==, 1);
  delete = only_due (fixture);
  g_assert_cmpint (liveline_outbox_op_get_operation (delete), ==, LIVELINE_OUTBOX_DELETE);
  send_ok (fixture, delete, "r-9");
  g_assert_cmpint (liveline_post_get_state (published), ==, LIVELINE_POST_STATE_DELETED);

  /* A draft has nothing to retract. */
  g_assert_false (liveline_store_retract_post (fixture->store, draft, &error));
  g_assert_error (error, LIVELINE_STORE_ERROR, LIVELINE_STORE_ERROR_NOT_FOUND);
}

/* After a crash in the middle of a try, the operation is still first, with
 * its key, and says it may have reached the endpoint.
 */
static void
test_crash_while_sending (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(LivelinePost) post = write_post (fixture, fixture->blog, "In flight");
  g_autoptr(LivelineOutboxOp) op = NULL;
  g_autoptr(LivelineOutboxOp) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;

  publish (fixture, post);
  op = only_due (fixture);
  g_assert_true (liveline_store_begin_send (fixture->store, op, &error));
  key = g_strdup (liveline_outbox_op_get_idempotency_key (op));

  g_clear_object (&post);
  g_clear_object (&op);
  g_clear_object (&fixture->store);
  fixture->store = liveline_store_open (fixture->dir, &error);
  g_assert_no_error (error);

  after = only_due (fixture);
  g_assert_true (liveline_outbox_op_get_sending (after));
  g_assert_cmpstr (liveline_outbox_op_get_idempotency_key (after), ==, key);
  g_assert_cmpuint (liveline_outbox_op_get_attempts (after), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/outbox-store/publish-then-published", Fixture, NULL,
              fixture_set_up, test_publish_then_published, fixture_tear_down);
  g_test_add ("/outbox-store/corrections", Fixture, NULL,
              fixture_set_up, test_corrections, fixture_tear_down);
  g_test_add ("/outbox-store/order-per-blog", Fixture, NULL,
              fixture_set_up, test_order_per_blog, fixture_tear_down);
  g_test_add ("/outbox-store/retry-keeps-key-and-order", Fixture, NULL,
              fixture_set_up, test_retry_keeps_key_and_order, fixture_tear_down);
  g_test_add ("/outbox-store/give-up-then-publish-again", Fixture, NULL,
              fixture_set_up, test_give_up_then_publish_again, fixture_tear_down);
  g_test_add ("/outbox-store/retract", Fixture, NULL,
              fixture_set_up, test_retract, fixture_tear_down);
  g_test_add ("/outbox-store/crash-while-sending", Fixture, NULL,
              fixture_set_up, test_crash_while_sending, fixture_tear_down);

  return g_test_run ();
}
