/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#define G_LOG_DOMAIN "liveline-server-api"

#include "config.h"

#include <json-glib/json-glib.h>

#include "liveline-server-private.h"

/* The media endpoint of docs/api.md: a JPEG or PNG photo, checked by its
 * first bytes and stored as it came.
 */

static gboolean
sniff_png (const guint8 *data,
           gsize         size,
           guint        *width,
           guint        *height)
{
  static const guint8 signature[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

  if (size < 24 || memcmp (data, signature, 8) != 0 || memcmp (data + 12, "IHDR", 4) != 0)
    return FALSE;

  *width = (guint)data[16] << 24 | data[17] << 16 | data[18] << 8 | data[19];
  *height = (guint)data[20] << 24 | data[21] << 16 | data[22] << 8 | data[23];

  return *width > 0 && *height > 0;
}

/* Walks the JPEG segments to the first frame header, which holds the size. */
static gboolean
sniff_jpeg (const guint8 *data,
            gsize         size,
            guint        *width,
            guint        *height)
{
  gsize i = 2;

  if (size < 4 || data[0] != 0xff || data[1] != 0xd8 || data[2] != 0xff)
    return FALSE;

  while (i + 4 <= size)
    {
      guint8 marker;
      gsize length;

      if (data[i] != 0xff)
        return FALSE;
      marker = data[i + 1];
      if (marker == 0xff)
        {
          i++;
          continue;
        }
      if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd8))
        {
          i += 2;
          continue;
        }

      length = (gsize)data[i + 2] << 8 | data[i + 3];
      if (marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc)
        {
          if (i + 9 > size || length < 7)
            return FALSE;
          *height = data[i + 5] << 8 | data[i + 6];
          *width = data[i + 7] << 8 | data[i + 8];
          return *width > 0 && *height > 0;
        }
      i += 2 + length;
    }

  return FALSE;
}

static char *
dup_upload_filename (SoupServerMessage *message,
                     GHashTable        *query)
{
  g_autoptr(GHashTable) params = NULL;
  g_autofree char *disposition = NULL;
  const char *name = NULL;

  if (soup_message_headers_get_content_disposition (
        soup_server_message_get_request_headers (message), &disposition, &params))
    name = g_hash_table_lookup (params, "filename");

  if (name == NULL && query != NULL)
    name = g_hash_table_lookup (query, "filename");

  if (name == NULL || *name == '\0')
    return NULL;

  return g_path_get_basename (name);
}

void
_liveline_server_upload_media (LivelineServer    *self,
                               SoupServerMessage *message,
                               GHashTable        *query)
{
  g_autoptr(GBytes) body = _liveline_server_dup_request_body (message);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GBytes) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *request_hash = NULL;
  g_autofree char *base = NULL;
  g_autofree char *url = NULL;
  g_autofree char *path = NULL;
  const char *content_type;
  const char *key = _liveline_server_get_header (message, "Idempotency-Key");
  LivelineServerMedia media = { 0 };
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (body, &size);
  gboolean sniffed = FALSE;

  if (size > LIVELINE_SERVER_MAX_MEDIA_SIZE)
    {
      _liveline_server_respond_too_large (message);
      return;
    }

  if (key != NULL && !_liveline_server_is_valid_key (key))
    {
      _liveline_server_respond_bad_key (message);
      return;
    }

  request_hash = _liveline_server_hash_request (message, body);
  if (key != NULL && _liveline_server_replay_key (self, message, key, request_hash))
    return;

  content_type = soup_message_headers_get_content_type (
    soup_server_message_get_request_headers (message), NULL);

  if (g_strcmp0 (content_type, "image/jpeg") == 0)
    sniffed = sniff_jpeg (data, size, &media.width, &media.height);
  else if (g_strcmp0 (content_type, "image/png") == 0)
    sniffed = sniff_png (data, size, &media.width, &media.height);

  if (!sniffed)
    {
      _liveline_server_respond_problem (message, 415, "unsupported-media-type",
                                        "This server takes JPEG and PNG photos only, "
                                        "not “%s”.",
                                        content_type != NULL ? content_type : "a file of no type");
      return;
    }

  media.id = g_uuid_string_random ();
  media.file = g_strconcat (media.id, g_str_equal (content_type, "image/png") ? ".png" : ".jpg",
                            NULL);
  media.content_type = g_strdup (content_type);
  media.filename = dup_upload_filename (message, query);

  path = g_build_filename (liveline_server_store_get_media_dir (self->store), media.file, NULL);
  if (!g_file_set_contents (path, (const char *)data, size, &error)
      || !liveline_server_store_add_media (self->store, &media, &error))
    {
      _liveline_server_respond_problem (message, 500, "server-error", "%s", error->message);
      goto out;
    }

  base = _liveline_server_dup_base (message);
  url = g_strconcat (base, "/media/", media.file, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, media.id);
  json_builder_set_member_name (builder, "url");
  json_builder_add_string_value (builder, url);
  json_builder_set_member_name (builder, "width");
  json_builder_add_int_value (builder, media.width);
  json_builder_set_member_name (builder, "height");
  json_builder_add_int_value (builder, media.height);
  json_builder_set_member_name (builder, "content_type");
  json_builder_add_string_value (builder, media.content_type);
  json_builder_set_member_name (builder, "filename");
  if (media.filename != NULL)
    json_builder_add_string_value (builder, media.filename);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  response = _liveline_server_builder_to_bytes (builder);
  _liveline_server_save_key (self, key, request_hash, 201, response, NULL, NULL);
  _liveline_server_set_header (message, "Location", url);
  _liveline_server_respond (message, 201, "application/json", response);

out:
  g_free (media.id);
  g_free (media.file);
  g_free (media.content_type);
  g_free (media.filename);
}
