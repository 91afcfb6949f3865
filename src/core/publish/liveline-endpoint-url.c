/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-endpoint-url"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "liveline-answer.h"
#include "liveline-endpoint-url.h"
#include "liveline-publisher.h"

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);

  return address != NULL && g_inet_address_get_is_loopback (address);
}

/**
 * liveline_endpoint_url_check:
 * @url: (nullable): the address of a destination, as typed
 *
 * Says whether updates and credentials may be sent to @url: any `https://`
 * address, and plain `http://` only to this computer (127.0.0.0/8, ::1,
 * localhost).
 *
 * Returns: (transfer full) (nullable): %NULL when @url may be used, else a
 *   %LIVELINE_PUBLISHER_ERROR_PERMANENT error that says why, in words
 */
GError *
liveline_endpoint_url_check (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *message = NULL;
  const char *scheme;
  const char *host;

  if (url != NULL)
    uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
    return liveline_publisher_error_new_literal (LIVELINE_PUBLISHER_ERROR_PERMANENT, 0,
                                                 _("The address of the blog’s endpoint is not a web address."));

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);

  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return NULL;

  if (g_ascii_strcasecmp (scheme, "http") != 0)
    return liveline_publisher_error_new_literal (LIVELINE_PUBLISHER_ERROR_PERMANENT, 0,
                                                 _("The address of the blog’s endpoint must start with https://."));

  if (host_is_loopback (host))
    return NULL;

  /* Translators: %s is a host name, such as example.com */
  message = g_strdup_printf (_("Updates are sent over unencrypted http:// only to this computer. "
                               "Use an https:// address for %s."), host);

  return liveline_publisher_error_new_literal (LIVELINE_PUBLISHER_ERROR_PERMANENT, 0, message);
}

/**
 * liveline_uri_is_safe_to_open:
 * @uri: (nullable): an address an endpoint gave, such as a post's
 *   address from the answer to its create
 *
 * Says whether @uri may be kept as a post's address and opened in a
 * browser: an absolute `https://` address, or `http://` to this computer
 * (127.0.0.0/8, ::1, localhost), the same rule as for an endpoint's own
 * address. Any other scheme (`file:`, `javascript:`, `data:` …) could read
 * the journalist's files or run code when clicked, and an address with
 * control characters or U+FFFD (an escaped NUL in the answer) came damaged.
 *
 * Returns: %TRUE when @uri may be kept and opened
 */
gboolean
liveline_uri_is_safe_to_open (const char *uri)
{
  g_autoptr(GUri) parsed = NULL;
  const char *host;

  if (!liveline_answer_is_intact_text (uri))
    return FALSE;

  parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
  if (parsed == NULL || (host = g_uri_get_host (parsed)) == NULL || host[0] == '\0')
    return FALSE;

  if (g_ascii_strcasecmp (g_uri_get_scheme (parsed), "https") == 0)
    return TRUE;

  return g_ascii_strcasecmp (g_uri_get_scheme (parsed), "http") == 0 && host_is_loopback (host);
}

/**
 * liveline_uri_resolve_web:
 * @base: (nullable): the address of what named @reference, such as the
 *   page whose `Link` header it was in, or the request a `Location`
 *   answered
 * @reference: (nullable): an address from the network, absolute or
 *   relative to @base
 *
 * Makes @reference absolute against @base, for an address that a page or
 * an answer names: an endpoint, a redirect's target, a post's address.
 * Only a web address is given back: `http://` or `https://` with a host.
 * Anything else (`file:`, `javascript:`, a damaged address, one whose host
 * is lost, such as `s:/.//`) is refused here, without a critical from GLib,
 * whose g_uri_resolve_relative() and g_uri_to_string() emit one for an
 * address that resolves to a path starting with `//` and no host. Whether
 * the address may then be sent to is liveline_endpoint_url_check()'s say.
 *
 * Returns: (transfer full) (nullable): the absolute address, or %NULL when
 *   @reference is not a web address
 */
char *
liveline_uri_resolve_web (const char *base,
                          const char *reference)
{
  g_autoptr(GUri) base_uri = NULL;
  g_autoptr(GUri) resolved = NULL;
  const char *scheme;
  const char *host;

  if (base == NULL || !liveline_answer_is_intact_text (reference))
    return NULL;

  if ((base_uri = g_uri_parse (base, G_URI_FLAGS_NONE, NULL)) == NULL)
    return NULL;

  resolved = g_uri_parse_relative (base_uri, reference, G_URI_FLAGS_NONE, NULL);
  if (resolved == NULL)
    return NULL;

  /* Checked before g_uri_to_string(): it is the hostless ones that it
   * cannot write. */
  scheme = g_uri_get_scheme (resolved);
  host = g_uri_get_host (resolved);
  if (host == NULL || host[0] == '\0' ||
      (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0))
    return NULL;

  return g_uri_to_string (resolved);
}
