/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-server-request"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "liveline-server-request.h"

/* Reading a JSON body a client sent. json-glib's parser recurses once per
 * level of nesting, so a body of a few hundred kilobytes of "[" would
 * overflow the stack: the size and the depth are checked before the parser
 * sees a byte. Nothing here touches the network, so a fuzzer can call it.
 */

/**
 * liveline_server_check_json_depth:
 * @data: (array length=size): the text
 * @size: its length in bytes
 * @max_depth: the deepest nesting allowed
 * @error: a location for a #GError
 *
 * Counts how deep arrays and objects nest, outside strings (honouring
 * backslash escapes). It does not check that @data is JSON: the parser does.
 *
 * Returns: %TRUE when no array or object is nested deeper than @max_depth
 */
gboolean
liveline_server_check_json_depth (const char  *data,
                                  gsize        size,
                                  guint        max_depth,
                                  GError     **error)
{
  gboolean in_string = FALSE;
  gboolean escaped = FALSE;
  guint depth = 0;

  g_return_val_if_fail (data != NULL || size == 0, FALSE);

  for (gsize i = 0; i < size; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (escaped)
            escaped = FALSE;
          else if (c == '\\')
            escaped = TRUE;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;

        case '[':
        case '{':
          if (++depth > max_depth)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The update could not be read: its data is nested more than %u "
                             "levels deep."), max_depth);
              return FALSE;
            }
          break;

        case ']':
        case '}':
          if (depth > 0)
            depth--;
          break;

        default:
          break;
        }
    }

  return TRUE;
}

/**
 * liveline_server_parse_json_body:
 * @data: (array length=size) (nullable): the body
 * @size: its length in bytes
 * @error: a location for a #GError
 *
 * Parses a request body of at most %LIVELINE_SERVER_MAX_JSON_SIZE bytes
 * whose arrays and objects nest at most %LIVELINE_SERVER_MAX_JSON_DEPTH
 * deep. A body too large is %G_IO_ERROR_MESSAGE_TOO_LARGE; one too deep
 * or not JSON is %G_IO_ERROR_INVALID_DATA. The messages can be shown to a
 * journalist.
 *
 * Returns: (transfer full) (nullable): the root node, or %NULL
 */
JsonNode *
liveline_server_parse_json_body (const char  *data,
                                 gsize        size,
                                 GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) parse_error = NULL;
  JsonNode *root = NULL;

  g_return_val_if_fail (data != NULL || size == 0, NULL);

  if (size > LIVELINE_SERVER_MAX_JSON_SIZE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                   _("The update is too large for this server: it is %" G_GSIZE_FORMAT
                     " bytes, and the limit is %d."), size, LIVELINE_SERVER_MAX_JSON_SIZE);
      return NULL;
    }

  if (!liveline_server_check_json_depth (data, size, LIVELINE_SERVER_MAX_JSON_DEPTH, error))
    return NULL;

  /* A body of blanks or comments alone parses, to no value at all. */
  parser = json_parser_new_immutable ();
  if (size == 0 || !json_parser_load_from_data (parser, data, size, &parse_error)
      || (root = json_parser_steal_root (parser)) == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The update could not be read: it is not in the form this "
                             "server expects (JSON)."));
      return NULL;
    }

  return root;
}
