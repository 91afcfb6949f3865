/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "fuzz-server-request"

#include "config.h"

#include <gio/gio.h>

#include "liveline-fuzz.h"
#include "liveline-server-request.h"

/* A request body, as a hostile client sends it to liveline-server. Parsing
 * never crashes nor nests deeper than the documented depth: a node comes
 * back only for a body within the limits, and a refusal has the documented
 * code and a message a journalist can be shown.
 */

static guint
node_depth (JsonNode *node)
{
  guint deepest = 0;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          guint depth = node_depth (json_array_get_element (array, i));

          deepest = MAX (deepest, depth);
        }
      return deepest + 1;
    }

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autoptr(GList) members = json_object_get_values (json_node_get_object (node));

      for (GList *l = members; l != NULL; l = l->next)
        {
          guint depth = node_depth (l->data);

          deepest = MAX (deepest, depth);
        }
      return deepest + 1;
    }

  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  node = liveline_server_parse_json_body ((const char *)data, size, &error);

  if (node != NULL)
    {
      if (error != NULL)
        liveline_fuzz_fail ("a node came back with an error: %s", error->message);
      if (size > LIVELINE_SERVER_MAX_JSON_SIZE)
        liveline_fuzz_fail ("a body of %zu bytes was read", size);
      guint depth = node_depth (node);

      if (depth > LIVELINE_SERVER_MAX_JSON_DEPTH)
        liveline_fuzz_fail ("a body nested %u deep was read", depth);
      return 0;
    }

  if (error == NULL || error->domain != G_IO_ERROR)
    liveline_fuzz_fail ("a body was refused without a reason");
  if ((error->code == G_IO_ERROR_MESSAGE_TOO_LARGE) != (size > LIVELINE_SERVER_MAX_JSON_SIZE))
    liveline_fuzz_fail ("a body of %zu bytes was refused as %s", size, error->message);
  if (error->code != G_IO_ERROR_MESSAGE_TOO_LARGE && error->code != G_IO_ERROR_INVALID_DATA)
    liveline_fuzz_fail ("a body was refused with code %d", error->code);
  if (error->message[0] == '\0' || !g_utf8_validate (error->message, -1, NULL))
    liveline_fuzz_fail ("a refusal's message cannot be shown");

  return 0;
}
