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
