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
 * hold, what is taken from them is a non-empty address.
 *
 * The addresses are not resolved against the page here: GLib's
 * g_uri_resolve_relative() itself emits a critical for some of them (a
 * Link header of `<s:/.//>;rel=micropub` is one), which discovery's
 * resolve() does not yet guard against.
 */

static void
check_found (const char *what,
             const char *target)
{
  if (target != NULL && target[0] == '\0')
    liveline_fuzz_fail ("an empty %s endpoint was taken", what);
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

  decoded = decode_entities (text);
  if (strlen (decoded) > strlen (text))
    liveline_fuzz_fail ("decoding entities made the text longer");

  return 0;
}
