/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-server-api"

#include "config.h"

#include <json-glib/json-glib.h>

#include "liveline-markdown.h"
#include "liveline-server-private.h"
#include "liveline-server-request.h"

/* The post endpoints of docs/api.md: create, update, delete, list and
 * find-by-key.
 */

static gboolean
get_string_member (JsonObject  *object,
                   const char  *name,
                   gboolean     required,
                   char       **out,
                   char       **problem)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        *problem = g_strdup_printf ("The update is missing its “%s”.", name);
      return !required;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      *problem = g_strdup_printf ("The update’s “%s” must be text.", name);
      return FALSE;
    }

  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

static gboolean
get_boolean_member (JsonObject  *object,
                    const char  *name,
                    gboolean    *out,
                    char       **problem)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      *problem = g_strdup_printf ("The update’s “%s” must be true or false.", name);
      return FALSE;
    }

  *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
is_post_id (const char *id)
{
  gsize len = strlen (id);

  if (len == 0 || len > 64)
    return FALSE;

  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (id[i]) && id[i] != '-')
      return FALSE;

  return TRUE;
}

static char *
check_image (JsonObject         *object,
             LivelineServerPost *post)
{
  JsonNode *node = json_object_get_member (object, "image");
  JsonObject *image;
  char *problem = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return g_strdup ("The update’s photo is not in the form this server expects.");

  image = json_node_get_object (node);
  if (!get_string_member (image, "media_id", TRUE, &post->media_id, &problem)
      || !get_string_member (image, "caption", FALSE, &post->caption, &problem)
      || !get_string_member (image, "credit", FALSE, &post->credit, &problem)
      || !get_string_member (image, "alt", FALSE, &post->alt, &problem))
    return problem;

  return NULL;
}

/* Reads a post from the request body, or answers with a problem and
 * returns NULL.
 */
static LivelineServerPost *
read_post_request (LivelineServer    *self,
                   SoupServerMessage *message,
                   GBytes            *body,
                   const char        *blog,
                   const char        *path_id)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LivelineServerPost) post = g_new0 (LivelineServerPost, 1);
  g_autoptr(GDateTime) created = NULL;
  g_autoptr(LivelineServerMedia) media = NULL;
  g_autofree char *problem = NULL;
  JsonObject *object;
  gsize size = 0;
  const char *data = g_bytes_get_data (body, &size);

  root = liveline_server_parse_json_body (data, size, &error);
  if (root == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE))
        _liveline_server_respond_problem (message, 413, "too-large", "%s", error->message);
      else
        _liveline_server_respond_problem (message, 400, "malformed-request", "%s",
                                          error->message);
      return NULL;
    }

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      _liveline_server_respond_problem (message, 400, "malformed-request",
                                        "The update could not be read: it is not in the form "
                                        "this server expects (a JSON object).");
      return NULL;
    }

  object = json_node_get_object (root);
  post->blog = g_strdup (blog);

  if (!get_string_member (object, "id", path_id == NULL, &post->id, &problem)
      || !get_string_member (object, "headline", FALSE, &post->headline, &problem)
      || !get_string_member (object, "body_markdown", TRUE, &post->body_markdown, &problem)
      || !get_string_member (object, "author", FALSE, &post->author, &problem)
      || !get_string_member (object, "created_at", TRUE, &post->created_at, &problem)
      || !get_boolean_member (object, "pinned", &post->pinned, &problem)
      || !get_boolean_member (object, "key_moment", &post->key_moment, &problem))
    goto invalid;

  if ((problem = check_image (object, post)) != NULL)
    goto invalid;

  if (path_id != NULL && post->id != NULL && !g_str_equal (post->id, path_id))
    {
      problem = g_strdup_printf ("The update sent is not the one being changed (“%s”).",
                                 path_id);
      goto invalid;
    }
  if (post->id == NULL)
    post->id = g_strdup (path_id);

  if (!is_post_id (post->id))
    {
      problem = g_strdup ("The update’s id must be 1 to 64 letters, digits and hyphens.");
      goto invalid;
    }

  if (post->headline != NULL && *post->headline == '\0')
    g_clear_pointer (&post->headline, g_free);

  if (*post->body_markdown == '\0' && post->headline == NULL && post->media_id == NULL)
    {
      problem = g_strdup ("An update needs a headline, a body or a photo.");
      goto invalid;
    }

  created = g_date_time_new_from_iso8601 (post->created_at, NULL);
  if (created == NULL)
    {
      problem = g_strdup_printf ("The time the update was written is not a time this server "
                                 "can read: “%s”.", post->created_at);
      goto invalid;
    }
  g_free (post->created_at);
  post->created_at = _liveline_server_format_time (g_date_time_to_unix (created));

  if (post->media_id != NULL)
    {
      media = liveline_server_store_find_media (self->store, post->media_id, NULL);
      if (media == NULL)
        {
          _liveline_server_respond_problem (message, 422, "unknown-media",
                                            "The server never received this update’s photo "
                                            "(“%s”): send it again.", post->media_id);
          return NULL;
        }
      post->media_file = g_strdup (media->file);
      post->media_width = media->width;
      post->media_height = media->height;
    }

  return g_steal_pointer (&post);

invalid:
  _liveline_server_respond_problem (message, 422, "invalid-post", "%s", problem);
  return NULL;
}

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *name,
                    const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_time_or_null (JsonBuilder *builder,
                  const char  *name,
                  gint64       value)
{
  g_autofree char *text = value != 0 ? _liveline_server_format_time (value) : NULL;

  add_string_or_null (builder, name, text);
}

static void
add_post_summary (JsonBuilder        *builder,
                  const char         *base,
                  LivelineServerPost *post)
{
  g_autofree char *url = _liveline_server_post_url (base, post);

  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, post->id);
  json_builder_set_member_name (builder, "url");
  json_builder_add_string_value (builder, url);
  json_builder_set_member_name (builder, "revision");
  json_builder_add_int_value (builder, post->revision);
  add_time_or_null (builder, "published_at", post->published_at);
}

static void
add_post (JsonBuilder        *builder,
          const char         *base,
          LivelineServerPost *post)
{
  g_autofree char *html = liveline_markdown_to_html (post->body_markdown);

  json_builder_begin_object (builder);
  add_post_summary (builder, base, post);
  add_string_or_null (builder, "blog", post->blog);
  add_string_or_null (builder, "headline", post->headline);
  add_string_or_null (builder, "body_markdown", post->body_markdown);
  add_string_or_null (builder, "body_html", html);
  add_string_or_null (builder, "author", post->author);
  json_builder_set_member_name (builder, "pinned");
  json_builder_add_boolean_value (builder, post->pinned);
  json_builder_set_member_name (builder, "key_moment");
  json_builder_add_boolean_value (builder, post->key_moment);
  add_string_or_null (builder, "created_at", post->created_at);
  add_time_or_null (builder, "updated_at", post->updated_at);

  json_builder_set_member_name (builder, "image");
  if (post->media_id != NULL)
    {
      g_autofree char *url = g_strconcat (base, "/media/", post->media_file, NULL);

      json_builder_begin_object (builder);
      add_string_or_null (builder, "media_id", post->media_id);
      add_string_or_null (builder, "url", url);
      json_builder_set_member_name (builder, "width");
      json_builder_add_int_value (builder, post->media_width);
      json_builder_set_member_name (builder, "height");
      json_builder_add_int_value (builder, post->media_height);
      add_string_or_null (builder, "caption", post->caption);
      add_string_or_null (builder, "credit", post->credit);
      add_string_or_null (builder, "alt", post->alt);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);

  json_builder_end_object (builder);
}

void
_liveline_server_create_post (LivelineServer    *self,
                              SoupServerMessage *message,
                              const char        *blog)
{
  g_autoptr(GBytes) body = _liveline_server_dup_request_body (message);
  g_autoptr(LivelineServerPost) post = NULL;
  g_autoptr(LivelineServerPost) existing = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GBytes) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *request_hash = NULL;
  g_autofree char *base = NULL;
  g_autofree char *url = NULL;
  const char *key = _liveline_server_get_header (message, "Idempotency-Key");

  if (key == NULL)
    {
      _liveline_server_respond_problem (message, 400, "idempotency-key-missing",
                                        "Liveline sent this update without the key that keeps "
                                        "it from being published twice: update Liveline.");
      return;
    }

  if (!_liveline_server_is_valid_key (key))
    {
      _liveline_server_respond_bad_key (message);
      return;
    }

  request_hash = _liveline_server_hash_request (message, body);
  if (_liveline_server_replay_key (self, message, key, request_hash))
    return;

  post = read_post_request (self, message, body, blog, NULL);
  if (post == NULL)
    return;

  existing = liveline_server_store_find_post (self->store, blog, post->id);
  if (existing != NULL)
    {
      _liveline_server_respond_problem (message, 409, "post-exists",
                                        "The live blog already has an update with the id "
                                        "“%s”.", post->id);
      return;
    }

  post->revision = 1;
  post->published_at = g_get_real_time () / G_USEC_PER_SEC;

  if (!liveline_server_store_insert_post (self->store, post, &error))
    {
      _liveline_server_respond_problem (message, 500, "server-error", "%s", error->message);
      return;
    }

  base = _liveline_server_dup_base (message);
  json_builder_begin_object (builder);
  add_post_summary (builder, base, post);
  json_builder_end_object (builder);
  response = _liveline_server_builder_to_bytes (builder);

  _liveline_server_save_key (self, key, request_hash, 201, response, blog, post->id);

  url = _liveline_server_post_url (base, post);
  _liveline_server_set_header (message, "Location", url);
  _liveline_server_respond (message, 201, "application/json", response);
}

static gboolean
parse_if_match (const char *value,
                gint64     *revision)
{
  g_autofree char *text = g_strstrip (g_strdup (value));
  gsize len = strlen (text);
  guint64 number;

  if (g_str_has_prefix (text, "W/"))
    memmove (text, text + 2, (len -= 2) + 1);

  if (len < 3 || text[0] != '"' || text[len - 1] != '"')
    return FALSE;

  text[len - 1] = '\0';
  if (!g_ascii_string_to_unsigned (text + 1, 10, 1, G_MAXINT64, &number, NULL))
    return FALSE;

  *revision = number;
  return TRUE;
}

void
_liveline_server_update_post (LivelineServer    *self,
                              SoupServerMessage *message,
                              const char        *blog,
                              const char        *id)
{
  g_autoptr(GBytes) body = _liveline_server_dup_request_body (message);
  g_autoptr(LivelineServerPost) post = NULL;
  g_autoptr(LivelineServerPost) existing = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GBytes) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *request_hash = NULL;
  g_autofree char *base = NULL;
  g_autofree char *etag = NULL;
  const char *key = _liveline_server_get_header (message, "Idempotency-Key");
  const char *if_match = _liveline_server_get_header (message, "If-Match");
  gint64 expected;

  if (key != NULL && !_liveline_server_is_valid_key (key))
    {
      _liveline_server_respond_bad_key (message);
      return;
    }

  request_hash = _liveline_server_hash_request (message, body);
  if (key != NULL && _liveline_server_replay_key (self, message, key, request_hash))
    return;

  existing = liveline_server_store_find_post (self->store, blog, id);
  if (existing == NULL || existing->deleted)
    {
      _liveline_server_respond_problem (message, 404, "not-found",
                                        "This update (“%s”) is not on the live blog “%s”: it "
                                        "may have been deleted.", id, blog);
      return;
    }

  if (if_match != NULL && !g_str_equal (if_match, "*"))
    {
      if (!parse_if_match (if_match, &expected))
        {
          _liveline_server_respond_problem (message, 400, "malformed-request",
                                            "Liveline sent a version of the update the server "
                                            "cannot read (If-Match is a number in double "
                                            "quotes, such as \"2\").");
          return;
        }
      if (expected != existing->revision)
        {
          _liveline_server_respond_problem (message, 412, "revision-mismatch",
                                            "Someone else changed this update meanwhile (it is "
                                            "at version %" G_GINT64_FORMAT ", not %"
                                            G_GINT64_FORMAT "): reload it and make your "
                                            "change again.", existing->revision, expected);
          return;
        }
    }

  post = read_post_request (self, message, body, blog, id);
  if (post == NULL)
    return;

  post->revision = existing->revision + 1;
  post->published_at = existing->published_at;
  post->updated_at = g_get_real_time () / G_USEC_PER_SEC;

  if (!liveline_server_store_update_post (self->store, post, &error))
    {
      _liveline_server_respond_problem (message, 500, "server-error", "%s", error->message);
      return;
    }

  base = _liveline_server_dup_base (message);
  json_builder_begin_object (builder);
  add_post_summary (builder, base, post);
  add_time_or_null (builder, "updated_at", post->updated_at);
  json_builder_end_object (builder);
  response = _liveline_server_builder_to_bytes (builder);

  _liveline_server_save_key (self, key, request_hash, 200, response, blog, post->id);

  etag = g_strdup_printf ("\"%" G_GINT64_FORMAT "\"", post->revision);
  _liveline_server_set_header (message, "ETag", etag);
  _liveline_server_respond (message, 200, "application/json", response);
}

void
_liveline_server_delete_post (LivelineServer    *self,
                              SoupServerMessage *message,
                              const char        *blog,
                              const char        *id)
{
  g_autoptr(LivelineServerPost) existing = NULL;
  g_autoptr(GError) error = NULL;

  existing = liveline_server_store_find_post (self->store, blog, id);
  if (existing == NULL)
    {
      _liveline_server_respond_problem (message, 404, "not-found",
                                        "The live blog “%s” never had this update (“%s”).",
                                        blog, id);
      return;
    }

  if (!existing->deleted && !liveline_server_store_delete_post (self->store, blog, id, &error))
    {
      _liveline_server_respond_problem (message, 500, "server-error", "%s", error->message);
      return;
    }

  _liveline_server_respond (message, 204, NULL, NULL);
}

void
_liveline_server_list_posts (LivelineServer    *self,
                             SoupServerMessage *message,
                             const char        *blog,
                             GHashTable        *query)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(GBytes) response = NULL;
  g_autofree char *base = _liveline_server_dup_base (message);
  const char *limit_text = query != NULL ? g_hash_table_lookup (query, "limit") : NULL;
  const char *before = query != NULL ? g_hash_table_lookup (query, "before") : NULL;
  gboolean before_pinned = FALSE;
  gint64 before_seq = 0;
  guint64 limit = 20;

  if (limit_text != NULL && !g_ascii_string_to_unsigned (limit_text, 10, 1, 100, &limit, NULL))
    {
      _liveline_server_respond_problem (message, 400, "malformed-request",
                                        "Liveline asked for a page of updates of a size the "
                                        "server cannot give (“limit” is 1 to 100).");
      return;
    }

  if (before != NULL && !_liveline_server_decode_cursor (before, &before_pinned, &before_seq))
    {
      _liveline_server_respond_problem (message, 400, "malformed-request",
                                        "Liveline asked for a page of updates the server "
                                        "does not know (“before” is not a cursor it gave).");
      return;
    }

  posts = liveline_server_store_list_posts (self->store, blog, before != NULL,
                                            before_pinned, before_seq, limit + 1);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "posts");
  json_builder_begin_array (builder);
  for (guint i = 0; i < MIN (posts->len, limit); i++)
    add_post (builder, base, g_ptr_array_index (posts, i));
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "next");
  if (posts->len > limit)
    {
      g_autofree char *next = _liveline_server_encode_cursor (g_ptr_array_index (posts, limit - 1));

      json_builder_add_string_value (builder, next);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  response = _liveline_server_builder_to_bytes (builder);
  _liveline_server_respond (message, 200, "application/json", response);
}

void
_liveline_server_find_by_key (LivelineServer     *self,
                              SoupServerMessage  *message,
                              const char         *key,
                              const char * const *blogs)
{
  g_autoptr(LivelineServerPost) post = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GBytes) response = NULL;
  g_autofree char *blog = NULL;
  g_autofree char *post_id = NULL;
  g_autofree char *base = NULL;

  if (liveline_server_store_find_key (self->store, key, NULL, NULL, NULL, &blog, &post_id)
      && blog != NULL && post_id != NULL)
    post = liveline_server_store_find_post (self->store, blog, post_id);

  /* A post of a blog the token may not change is not shown. */
  if (post == NULL || post->deleted || !liveline_server_tokens_covers (blogs, post->blog))
    {
      _liveline_server_respond_problem (message, 404, "not-found",
                                        "No update on the live blog was made with the key "
                                        "“%s”.", key);
      return;
    }

  base = _liveline_server_dup_base (message);
  add_post (builder, base, post);
  response = _liveline_server_builder_to_bytes (builder);
  _liveline_server_respond (message, 200, "application/json", response);
}
