/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

/* The reader of category names is the file's own (static) function: the
 * file is built into this target, in place of its copy in liveline-core,
 * and brings its G_LOG_DOMAIN along.
 */
#include "liveline-wordpress-publisher-categories.c"

#include "liveline-fuzz.h"

/* What a WordPress site says in words rather than JSON: the Link header of
 * its home page, which names its REST API, and the names of its categories,
 * which it gives as HTML with entities. The API found is a link target of
 * the header, exactly; a name decoded is valid UTF-8 (as the JSON it came
 * in) and never longer than it was.
 */

#define API_RELATION "https://api.w.org/"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *header = liveline_fuzz_string (data, size);
  g_autofree char *name = liveline_fuzz_utf8 (data, size);
  g_autofree char *api = NULL;
  g_autofree char *decoded = NULL;
  g_autofree char *bracketed = NULL;

  api = _liveline_wordpress_find_link (header, API_RELATION);
  if (api != NULL)
    {
      bracketed = g_strconcat ("<", api, ">", NULL);
      if (strstr (header, bracketed) == NULL)
        liveline_fuzz_fail ("“%s” was found as the API, but is no link target of “%s”", api,
                            header);
    }

  decoded = decode_entities (name);
  if (!g_utf8_validate (decoded, -1, NULL))
    liveline_fuzz_fail ("a category name decoded to text that is not UTF-8");
  if (strlen (decoded) > strlen (name))
    liveline_fuzz_fail ("a category name grew when decoded");

  return 0;
}
