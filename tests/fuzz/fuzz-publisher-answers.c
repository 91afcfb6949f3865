/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

/* What the JSON publisher and WordPress take from an answer is read with
 * their files' own (static) functions: those files are built into this
 * target, in place of their copies in liveline-core. Micropub's readers are
 * shared already.
 */
#include "liveline-json-publisher-http.c"
#undef G_LOG_DOMAIN
#include "liveline-wordpress-publisher-categories.c"

#include "liveline-answer.h"
#include "liveline-micropub-publisher-private.h"
#include "liveline-fuzz.h"

/* Every publisher reads JSON that an endpoint sent: a post, a photo, a
 * refusal, a list of categories, a Micropub site's config or a post's
 * source. All of them parse it with liveline_answer_parse_json(), bounded
 * by the kind of answer it is; each answer is parsed as each kind, and what
 * comes of it goes through what each publisher takes from it.
 */

static const LivelineAnswerKind kinds[] = {
  LIVELINE_ANSWER_POST,
  LIVELINE_ANSWER_MEDIA,
  LIVELINE_ANSWER_LIST,
  LIVELINE_ANSWER_DISCOVERY,
};

static void
read_as_json_publisher (JsonObject *object)
{
  g_autoptr(LivelineRemotePost) post = parse_post (object);
  g_autoptr(LivelineRemoteMedia) media = parse_media (object);

  if (post != NULL && (post->id == NULL || post->id[0] == '\0' || post->revision == 0 ||
                       post->published_at == NULL))
    liveline_fuzz_fail ("the JSON publisher took a post without its id, revision or time");
  /* A post's address is kept only when it may be opened. */
  if (post != NULL && post->url != NULL && !liveline_uri_is_safe_to_open (post->url))
    liveline_fuzz_fail ("the JSON publisher kept a post's address that may not be opened");
  if (media != NULL && (media->id == NULL || media->id[0] == '\0' || media->url == NULL))
    liveline_fuzz_fail ("the JSON publisher took a photo without its id or address");
}

static void
read_as_wordpress (JsonNode *node)
{
  g_autoptr(LivelineWordpressCategory) category = parse_category (node);
  JsonObject *object;
  gint64 id;

  if (category != NULL && (category->name == NULL || !g_utf8_validate (category->name, -1, NULL)))
    liveline_fuzz_fail ("WordPress gave a category name that is not UTF-8");

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return;

  object = json_node_get_object (node);
  if (_liveline_wordpress_get_id (object, "id") < 0)
    liveline_fuzz_fail ("WordPress gave a negative id");
  _liveline_wordpress_get_string (object, "link");
  if (_liveline_wordpress_parse_id (_liveline_wordpress_get_string (object, "slug"), &id) &&
      id <= 0)
    liveline_fuzz_fail ("WordPress gave a negative id as text");
}

static void
read_as_micropub (JsonObject *object)
{
  JsonNode *properties = json_object_get_member (object, "properties");
  const char *media = _liveline_micropub_publisher_get_string (object, "media-endpoint");

  if (media != NULL && media[0] == '\0')
    liveline_fuzz_fail ("Micropub gave an empty media endpoint");

  if (properties != NULL && JSON_NODE_HOLDS_OBJECT (properties))
    {
      g_autoptr(GDateTime) published = NULL;

      _liveline_micropub_publisher_is_deleted (json_node_get_object (properties));
      published = _liveline_micropub_publisher_dup_published (json_node_get_object (properties));
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) body = g_bytes_new (data, size);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      gsize max_size = liveline_answer_get_max_size (kinds[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = liveline_answer_parse_json (body, max_size, &error);

      if ((node == NULL) == (error == NULL))
        liveline_fuzz_fail ("the parser gave %s", node == NULL ? "neither JSON nor an error"
                                                               : "both JSON and an error");
      if (node == NULL)
        {
          if (error->domain != LIVELINE_PUBLISHER_ERROR || error->message[0] == '\0')
            liveline_fuzz_fail ("the parser failed without saying why, for the outbox");
          continue;
        }

      if (JSON_NODE_HOLDS_OBJECT (node))
        {
          read_as_json_publisher (json_node_get_object (node));
          read_as_micropub (json_node_get_object (node));
        }
      read_as_wordpress (node);

      if (JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);

          for (guint j = 0; j < json_array_get_length (array); j++)
            read_as_wordpress (json_array_get_element (array, j));
        }
    }

  return 0;
}
