/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

/* The readers of a Micropub site's page are the file's own (static)
 * functions: the file is built into this target, in place of its copy in
 * liveline-core, and brings its G_LOG_DOMAIN along.
 */
#include "liveline-micropub-publisher-discovery.c"

#include "liveline-fuzz.h"

/* The page at the address the journalist typed can be anyone's. Its Link
 * headers and its HTML name the Micropub and media endpoints; whatever they
 * hold, what is taken from them is a non-empty address, and what it
 * resolves to against the page is a web address with a host, or nothing
 * (without a critical from GLib, which aborts here).
 */

#define PAGE_URL "https://example.com/live/syria-talks"

static void
check_resolved (const char *what,
                const char *target)
{
  g_autofree char *resolved = resolve (PAGE_URL, target);
  g_autoptr(GUri) uri = NULL;

  if (resolved == NULL)
    return;

  uri = g_uri_parse (resolved, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    liveline_fuzz_fail ("the %s endpoint resolved to “%s”, which is no address", what, resolved);
  if (g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") != 0 &&
      g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") != 0)
    liveline_fuzz_fail ("the %s endpoint resolved to “%s”, not a web address", what, resolved);
  if (g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
    liveline_fuzz_fail ("the %s endpoint resolved to “%s”, without a host", what, resolved);
}

static void
check_found (const char *what,
             const char *target)
{
  if (target == NULL)
    return;
  if (target[0] == '\0')
    liveline_fuzz_fail ("an empty %s endpoint was taken", what);

  check_resolved (what, target);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = liveline_fuzz_string (data, size);
  g_autofree char *header_micropub = NULL;
  g_autofree char *header_media = NULL;
  g_autofree char *html_micropub = NULL;
  g_autofree char *html_media = NULL;
  g_autofree char *decoded = NULL;

  /* The same bytes as the Link headers of the page, and as its HTML. */
  scan_link_header (text, &header_micropub, &header_media);
  check_found ("Micropub", header_micropub);
  check_found ("media", header_media);

  scan_html (text, &html_micropub, &html_media);
  check_found ("Micropub", html_micropub);
  check_found ("media", html_media);

  /* The same bytes as an address named on the page, such as a Location. */
  check_resolved ("named", text);

  decoded = decode_entities (text);
  if (strlen (decoded) > strlen (text))
    liveline_fuzz_fail ("decoding entities made the text longer");

  return 0;
}
