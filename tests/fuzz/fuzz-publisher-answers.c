/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

/* The JSON publisher and WordPress read answers with their files' own
 * (static) functions: those files are built into this target, in place of
 * their copies in liveline-core. Micropub's reader is shared already.
 */
#include "liveline-json-publisher-http.c"
#undef G_LOG_DOMAIN
#include "liveline-wordpress-publisher-http.c"
#include "liveline-wordpress-publisher-categories.c"

#include "liveline-micropub-publisher-private.h"
#include "liveline-fuzz.h"

/* Every publisher reads JSON that an endpoint sent: a post, a photo, a
 * refusal, a list of categories, a Micropub site's config or a post's
 * source. Each answer goes through each publisher's parser, and what they
 * make of it through what each publisher takes from it.
 */

typedef JsonNode *(*ParseAnswer) (GBytes *body);

static JsonNode *
node_of_object (JsonObject *object)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;

  node = json_node_init_object (json_node_alloc (), object);
  json_object_unref (object);

  return node;
}

static JsonNode *
parse_as_json_publisher (GBytes *body)
{
  return node_of_object (parse_object (body));
}

static JsonNode *
parse_as_micropub (GBytes *body)
{
  return node_of_object (_liveline_micropub_publisher_parse_object (body));
}

/* How each publisher turns an answer into JSON today. Once they all go
 * through liveline_answer_parse_json() (liveline-answer.c), this list is
 * that one function.
 */
static const ParseAnswer parsers[] = { parse_as_json_publisher, parse_json, parse_as_micropub };

static void
read_as_json_publisher (JsonObject *object)
{
  g_autoptr(LivelineRemotePost) post = parse_post (object);
  g_autoptr(LivelineRemoteMedia) media = parse_media (object);

  if (post != NULL && (post->id == NULL || post->id[0] == '\0' || post->url == NULL ||
                       post->revision == 0 || post->published_at == NULL))
    liveline_fuzz_fail ("the JSON publisher took a post without its id, address, revision "
                        "or time");
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

  for (guint i = 0; i < G_N_ELEMENTS (parsers); i++)
    {
      g_autoptr(JsonNode) node = parsers[i] (body);

      if (node == NULL)
        continue;

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
