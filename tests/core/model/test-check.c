/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "test-check"

#include "config.h"

#include <string.h>

#include "liveline-check.h"
#include "liveline-enums.h"
#include "liveline-post-private.h"

/* The photo pipeline fills these fields when a photo is attached; the
 * checks only read them.
 */
static void
attach_photo (LivelinePost *post,
              gboolean      had_location)
{
  g_free (post->image_path);
  post->image_path = g_strdup ("/media/4f1c.jpg");
  post->image_width = 2048;
  post->image_height = 1365;
  post->image_had_location = !!had_location;
}

/* The checks as "severity:id" in the order given, joined by spaces. */
static char *
describe (LivelinePost *post)
{
  g_autoptr(GListModel) checks = liveline_check_post (post);
  g_autoptr(GEnumClass) severities = g_type_class_ref (LIVELINE_TYPE_CHECK_SEVERITY);
  g_autoptr(GString) text = g_string_new (NULL);

  g_assert_true (g_list_model_get_item_type (checks) == LIVELINE_TYPE_CHECK);

  for (guint i = 0; i < g_list_model_get_n_items (checks); i++)
    {
      g_autoptr(LivelineCheck) check = g_list_model_get_item (checks, i);
      GEnumValue *severity = g_enum_get_value (severities, liveline_check_get_severity (check));

      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append_printf (text, "%s:%s", severity->value_nick, liveline_check_get_id (check));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
assert_checks (LivelinePost *post,
               const char   *expected)
{
  g_autofree char *got = describe (post);

  g_assert_cmpstr (got, ==, expected);
}

static gboolean
post_has_errors (LivelinePost *post)
{
  g_autoptr(GListModel) checks = liveline_check_post (post);

  return liveline_check_list_has_errors (checks);
}

static void
assert_message (LivelinePost *post,
                const char   *id,
                const char   *expected)
{
  g_autoptr(GListModel) checks = liveline_check_post (post);

  for (guint i = 0; i < g_list_model_get_n_items (checks); i++)
    {
      g_autoptr(LivelineCheck) check = g_list_model_get_item (checks, i);

      if (g_strcmp0 (liveline_check_get_id (check), id) == 0)
        {
          g_assert_cmpstr (liveline_check_get_message (check), ==, expected);
          return;
        }
    }

  g_error ("No check %s", id);
}

/* A new update cannot be published until it says something; a headline,
 * a body or a photo is enough, white space is not.
 */
static void
test_check_empty (void)
{
  g_autoptr(LivelinePost) post = liveline_post_new (NULL, 1);

  assert_checks (post, "error:empty");
  g_assert_true (post_has_errors (post));
  assert_message (post, "empty", "This update is empty");

  liveline_post_set_body (post, "  \n\t\n ");
  liveline_post_set_headline (post, "   ");
  assert_checks (post, "error:empty");

  liveline_post_set_headline (post, "Talks resume in Geneva");
  assert_checks (post, "");
  g_assert_false (post_has_errors (post));

  liveline_post_set_headline (post, "");
  liveline_post_set_body (post, "Delegates arrived at noon.");
  assert_checks (post, "");

  liveline_post_set_body (post, "");
  assert_checks (post, "error:empty");
}

/* A photo on its own is an update, once it is credited and described. */
static void
test_check_photo_only (void)
{
  g_autoptr(LivelinePost) post = liveline_post_new (NULL, 1);

  attach_photo (post, FALSE);
  liveline_post_set_image_credit (post, "Reuters");
  liveline_post_set_image_alt (post, "Delegates shake hands at the Palais des Nations");

  assert_checks (post, "");
  g_assert_false (post_has_errors (post));
}

static void
test_check_image_without_credit (void)
{
  g_autoptr(LivelinePost) post = liveline_post_new (NULL, 1);

  liveline_post_set_body (post, "Delegates arrived at noon.");
  liveline_post_set_image_alt (post, "Delegates at a long table");
  attach_photo (post, FALSE);

  assert_checks (post, "error:image-without-credit");
  g_assert_true (post_has_errors (post));
  assert_message (post, "image-without-credit", "Add a credit for the photo");

  liveline_post_set_image_credit (post, " \t ");
  assert_checks (post, "error:image-without-credit");

  liveline_post_set_image_credit (post, "Reuters");
  assert_checks (post, "");
  g_assert_false (post_has_errors (post));

  /* Taking the photo away takes its problems with it. */
  liveline_post_set_image_credit (post, "");
  assert_checks (post, "error:image-without-credit");
  liveline_post_clear_image (post);
  assert_checks (post, "");
}

/* Missing alt text is worth a warning, not a refusal. */
static void
test_check_image_without_alt (void)
{
  g_autoptr(LivelinePost) post = liveline_post_new (NULL, 1);

  liveline_post_set_headline (post, "Ceasefire holds");
  liveline_post_set_image_credit (post, "AFP");
  attach_photo (post, FALSE);

  assert_checks (post, "warning:image-without-alt");
  g_assert_false (post_has_errors (post));
  assert_message (post, "image-without-alt",
                  "Describe the photo for people who cannot see it");

  liveline_post_set_image_alt (post, "\n ");
  assert_checks (post, "warning:image-without-alt");

  liveline_post_set_image_alt (post, "A crowd in the old town square");
  assert_checks (post, "");
}

static void
test_check_image_had_location (void)
{
  g_autoptr(LivelinePost) post = liveline_post_new (NULL, 1);

  liveline_post_set_body (post, "The convoy reached the border.");
  liveline_post_set_image_credit (post, "AP");
  liveline_post_set_image_alt (post, "Trucks queue at a checkpoint");
  attach_photo (post, TRUE);

  assert_checks (post, "info:image-had-location");
  g_assert_false (post_has_errors (post));
  assert_message (post, "image-had-location",
                  "The photo says where it was taken; that will be removed before it is published");

  attach_photo (post, FALSE);
  assert_checks (post, "");

  attach_photo (post, TRUE);
  liveline_post_clear_image (post);
  assert_checks (post, "");
}

/* The editor shows the checks in the order given: what stops publishing
 * comes first, then what should be fixed, then what is good to know.
 */
static void
test_check_order (void)
{
  g_autoptr(LivelinePost) post = liveline_post_new (NULL, 1);

  liveline_post_set_body (post, "The convoy reached the border.");
  attach_photo (post, TRUE);

  assert_checks (post,
                 "error:image-without-credit "
                 "warning:image-without-alt "
                 "info:image-had-location");
  g_assert_true (post_has_errors (post));

  liveline_post_set_image_credit (post, "AP");
  assert_checks (post, "warning:image-without-alt info:image-had-location");
  g_assert_false (post_has_errors (post));
}

static void
test_check_has_errors (void)
{
  g_autoptr(GListStore) checks = g_list_store_new (LIVELINE_TYPE_CHECK);
  g_autoptr(LivelineCheck) info = NULL;
  g_autoptr(LivelineCheck) warning = NULL;
  g_autoptr(LivelineCheck) error = NULL;

  info = liveline_check_new (LIVELINE_CHECK_SEVERITY_INFO, "a", "A");
  warning = liveline_check_new (LIVELINE_CHECK_SEVERITY_WARNING, "b", "B");
  error = liveline_check_new (LIVELINE_CHECK_SEVERITY_ERROR, "c", "C");

  g_assert_false (liveline_check_list_has_errors (G_LIST_MODEL (checks)));

  g_list_store_append (checks, info);
  g_list_store_append (checks, warning);
  g_assert_false (liveline_check_list_has_errors (G_LIST_MODEL (checks)));

  g_list_store_append (checks, error);
  g_assert_true (liveline_check_list_has_errors (G_LIST_MODEL (checks)));

  g_assert_cmpstr (liveline_check_get_id (error), ==, "c");
  g_assert_cmpstr (liveline_check_get_message (error), ==, "C");
  g_assert_cmpint (liveline_check_get_severity (warning), ==, LIVELINE_CHECK_SEVERITY_WARNING);
}

/* @n_chars characters of @unit (one character, maybe several bytes). */
static char *
repeat_char (const char *unit,
             guint       n_chars)
{
  GString *text = g_string_sized_new (n_chars * strlen (unit));

  for (guint i = 0; i < n_chars; i++)
    g_string_append (text, unit);

  return g_string_free (text, FALSE);
}

/* The limits count characters, as the editor's counts do, not bytes: a
 * body in Arabic or with emoji is as long as it reads. One over the
 * limit refuses publishing, and the message says why and what to do.
 */
static void
test_check_too_long (void)
{
  g_autoptr(LivelinePost) post = liveline_post_new (NULL, 1);
  g_autofree char *headline = repeat_char ("é", LIVELINE_CHECK_MAX_HEADLINE_CHARS);
  g_autofree char *longer_headline = repeat_char ("é", LIVELINE_CHECK_MAX_HEADLINE_CHARS + 1);
  g_autofree char *body = repeat_char ("ش", LIVELINE_CHECK_MAX_BODY_CHARS);
  g_autofree char *longer_body = repeat_char ("🙂", LIVELINE_CHECK_MAX_BODY_CHARS + 1);

  g_assert_cmpuint (LIVELINE_CHECK_MAX_HEADLINE_CHARS, ==, 300);
  g_assert_cmpuint (LIVELINE_CHECK_MAX_BODY_CHARS, ==, 50000);

  /* At the limits: nothing to say. */
  liveline_post_set_headline (post, headline);
  liveline_post_set_body (post, body);
  assert_checks (post, "");

  liveline_post_set_headline (post, longer_headline);
  assert_checks (post, "error:headline-too-long");
  g_assert_true (post_has_errors (post));
  assert_message (post, "headline-too-long",
                  "The headline has 301 characters; a headline can have at most 300. "
                  "Shorten it to publish the update.");

  liveline_post_set_body (post, longer_body);
  assert_checks (post, "error:headline-too-long error:body-too-long");
  assert_message (post, "body-too-long",
                  "The text has 50001 characters; an update can have at most 50000. "
                  "Shorten it, or split it into several updates, to publish it.");

  liveline_post_set_headline (post, headline);
  assert_checks (post, "error:body-too-long");
  g_assert_true (post_has_errors (post));

  liveline_post_set_body (post, body);
  g_assert_false (post_has_errors (post));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/check/empty", test_check_empty);
  g_test_add_func ("/check/photo-only", test_check_photo_only);
  g_test_add_func ("/check/image-without-credit", test_check_image_without_credit);
  g_test_add_func ("/check/image-without-alt", test_check_image_without_alt);
  g_test_add_func ("/check/image-had-location", test_check_image_had_location);
  g_test_add_func ("/check/order", test_check_order);
  g_test_add_func ("/check/has-errors", test_check_has_errors);
  g_test_add_func ("/check/too-long", test_check_too_long);

  return g_test_run ();
}
