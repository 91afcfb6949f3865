/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Liveline developers
 */

#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "liveline-image.h"

G_BEGIN_DECLS

struct _LivelineImage
{
  GObject   parent_instance;

  char     *path;
  char     *thumbnail;
  char     *original_name;
  char     *content_type;
  char     *credit;
  char     *caption;
  guint     width;
  guint     height;
  guint     had_location : 1;
};

/* What the first bytes of a file say it is. */
typedef enum
{
  LIVELINE_IMAGE_KIND_UNKNOWN,
  LIVELINE_IMAGE_KIND_JPEG,
  LIVELINE_IMAGE_KIND_PNG,
  LIVELINE_IMAGE_KIND_GIF,
  LIVELINE_IMAGE_KIND_WEBP,
  LIVELINE_IMAGE_KIND_TIFF,
  LIVELINE_IMAGE_KIND_OTHER_PICTURE,
} LivelineImageKind;

typedef struct
{
  LivelineImageKind  kind;
  /* The gdk-pixbuf loader that reads it, or NULL when Liveline takes no
   * pictures of this kind.
   */
  const char        *loader;
  /* The format's usual name, for messages: "JPEG", "HEIF"… */
  const char        *name;
} LivelineImageFormat;

/* Follows a file's structure as its bytes go by, before gdk-pixbuf sees
 * them: to tell a whole picture from one cut short (gdk-pixbuf hands back a
 * half-grey JPEG or PNG from a truncated file without any error), and to
 * stop a GIF whose frames claim more pixels than its header does.
 */
typedef struct
{
  LivelineImageKind kind;
  guint             state;
  guint             next_state;
  guint8            marker;
  guint64           skip;
  guint64           seen;
  guint64           expected;
  guint8            header[16];
  guint             header_len;
  guint             width;
  guint             height;
  guint             complete : 1;
  guint             done : 1;
  guint             too_large : 1;
} LivelineImageScan;

GdkPixbuf                 *_liveline_image_decode            (GFile              *source,
                                                              guint               max_size,
                                                              char              **display_name,
                                                              GCancellable       *cancellable,
                                                              GError            **error);
gboolean                   _liveline_image_fit_size          (int                 width,
                                                              int                 height,
                                                              guint               size,
                                                              int                *fitted_width,
                                                              int                *fitted_height);
const LivelineImageFormat *_liveline_image_format_sniff      (const guint8       *data,
                                                              gsize               length);
void                       _liveline_image_scan_init         (LivelineImageScan  *scan,
                                                              LivelineImageKind   kind);
void                       _liveline_image_scan_feed         (LivelineImageScan  *scan,
                                                              const guint8       *data,
                                                              gsize               length);
gboolean                   _liveline_image_scan_is_complete  (LivelineImageScan  *scan);
gboolean                   _liveline_image_scan_is_too_large (LivelineImageScan  *scan,
                                                              guint              *width,
                                                              guint              *height);
void                       _liveline_image_read_metadata     (LivelineImage      *self,
                                                              const char         *path);

G_END_DECLS
