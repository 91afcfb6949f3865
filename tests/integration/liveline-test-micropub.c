/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-test"

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <libsoup/soup.h>

#include "liveline-test-integration.h"
#include "liveline-test-micropub.h"
#include "liveline-test-util.h"

/* The integration suite's Micropub server (@benjifs/micropub, see
 * micropub-host.mjs), read back with requests of the tests' own and from
 * the files it keeps, independent of the publisher.
 */

/**
 * liveline_test_micropub_fetch:
 * @url: what to GET
 * @token: (nullable): the bearer token to send
 * @status: (out): the answer's status
 *
 * Returns: (transfer full): the answer's body
 */
GBytes *
liveline_test_micropub_fetch (const char *url,
                              const char *token,
                              guint      *status)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) message = soup_message_new ("GET", url);
  g_autoptr(GError) error = NULL;
  GBytes *body;

  g_assert_nonnull (message);
  if (token != NULL)
    {
      g_autofree char *authorization = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (message),
                                    "Authorization", authorization);
    }
  body = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  *status = soup_message_get_status (message);

  return body;
}

/**
 * liveline_test_micropub_source:
 * @servers: what liveline_test_integration_servers() gave
 * @post_url: a post's address
 *
 * Returns: (transfer full): the post's properties as the server keeps
 *   them, from q=source
 */
JsonObject *
liveline_test_micropub_source (GHashTable *servers,
                               const char *post_url)
{
  g_autofree char *escaped = g_uri_escape_string (post_url, NULL, FALSE);
  g_autofree char *url = g_strdup_printf ("%s?q=source&url=%s",
                                          liveline_test_integration_get (servers, "MICROPUB_ENDPOINT"),
                                          escaped);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  guint status;

  body = liveline_test_micropub_fetch (url, liveline_test_integration_get (servers, "MICROPUB_TOKEN"),
                                       &status);
  g_assert_cmpuint (status, ==, 200);
  json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (json_object_has_member (root, "properties"));

  return json_object_ref (json_object_get_object_member (root, "properties"));
}

/**
 * liveline_test_micropub_photo_url:
 * @properties: a post's, from liveline_test_micropub_source()
 *
 * Returns: (nullable): the address of its first photo, in whichever form
 *   the server keeps it
 */
const char *
liveline_test_micropub_photo_url (JsonObject *properties)
{
  JsonArray *photos;
  JsonNode *photo;
  JsonObject *object;

  if (!json_object_has_member (properties, "photo"))
    return NULL;

  photos = json_object_get_array_member (properties, "photo");
  g_assert_cmpuint (json_array_get_length (photos), >, 0);
  photo = json_array_get_element (photos, 0);
  if (JSON_NODE_HOLDS_VALUE (photo))
    return json_node_get_string (photo);

  object = json_node_get_object (photo);

  return json_object_has_member (object, "value") ? json_object_get_string_member (object, "value")
                                                  : json_object_get_string_member (object, "url");
}

/**
 * liveline_test_micropub_make_photo:
 * @dir: a folder
 * @name: the name of the journalist's file
 *
 * A JPEG as a camera leaves one, 64 × 48 pixels of noise, so that its
 * bytes, and those of what is prepared from it, are its own among all the
 * server keeps.
 *
 * Returns: (transfer full): its path
 */
char *
liveline_test_micropub_make_photo (const char *dir,
                                   const char *name)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 64, 48);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  for (int y = 0; y < gdk_pixbuf_get_height (pixbuf); y++)
    {
      guchar *row = gdk_pixbuf_get_pixels (pixbuf) + y * gdk_pixbuf_get_rowstride (pixbuf);

      for (int x = 0; x < gdk_pixbuf_get_width (pixbuf) * 3; x++)
        row[x] = g_random_int_range (0, 256);
    }
  g_assert_true (gdk_pixbuf_save (pixbuf, path, "jpeg", &error, NULL));
  g_assert_no_error (error);

  return g_steal_pointer (&path);
}

/**
 * liveline_test_micropub_prepare_photo:
 * @store: the store whose media folder the copy goes to
 * @name: the name of the journalist's file
 *
 * A photo of liveline_test_micropub_make_photo(), prepared as the editor
 * prepares one.
 *
 * Returns: (transfer full): the prepared photo
 */
LivelineImage *
liveline_test_micropub_prepare_photo (LivelineStore *store,
                                      const char    *name)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LivelineImage *image;

  dir = g_dir_make_tmp ("liveline-photo-XXXXXX", &error);
  g_assert_no_error (error);
  path = liveline_test_micropub_make_photo (dir, name);

  file = g_file_new_for_path (path);
  liveline_image_prepare_async (file, liveline_store_get_media_dir (store), 2048, NULL,
                                liveline_test_keep_result, &result);
  g_assert_true (liveline_test_wait_for_result (&result, LIVELINE_TEST_MICROPUB_WAIT_MS));
  image = liveline_image_prepare_finish (result, &error);
  g_assert_no_error (error);
  liveline_test_remove_tree (dir);

  return image;
}

/**
 * liveline_test_micropub_count_uploads:
 * @servers: what liveline_test_integration_servers() gave
 * @path: a file
 *
 * Returns: how many files sent to the media endpoint the server keeps
 *   with just the bytes of @path
 */
guint
liveline_test_micropub_count_uploads (GHashTable *servers,
                                      const char *path)
{
  g_autofree char *uploads = g_build_filename (liveline_test_integration_get (servers, "MICROPUB_DATA_DIR"),
                                               "uploads", NULL);
  g_autoptr(GDir) dir = g_dir_open (uploads, 0, NULL);
  g_autofree char *wanted = NULL;
  g_autoptr(GError) error = NULL;
  gsize wanted_length = 0;
  const char *name;
  guint count = 0;

  g_file_get_contents (path, &wanted, &wanted_length, &error);
  g_assert_no_error (error);

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *upload = g_build_filename (uploads, name, NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_get_contents (upload, &contents, &length, NULL) &&
          length == wanted_length && memcmp (contents, wanted, length) == 0)
        count++;
    }

  return count;
}
