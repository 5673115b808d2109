/* hz-imaging-export.h — the shown frame as PNG, a cine loop as WebM (VP8) or MP4 (H.264)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  HZ_IMAGING_EXPORT_WEBM,   /* vp8enc ! webmmux */
  HZ_IMAGING_EXPORT_MP4,    /* x264enc ! mp4mux */
} HzImagingExportFormat;

/* Writes @texture (as shown: window/level, inversion) as a PNG file,
 * atomically (hz_dicom_write_png()). */
gboolean  hz_imaging_export_png          (GdkTexture            *texture,
                                          const char            *path,
                                          GError               **error);
/* FALSE, with an error naming the missing GStreamer element, when this
 * machine cannot write @format */
gboolean  hz_imaging_export_can_write    (HzImagingExportFormat  format,
                                          GError               **error);
/* Encodes every frame of @source (a DICOM file, windowed as given; or a
 * clip, as it is) into @path in a worker thread; the file appears whole
 * or not at all. */
void      hz_imaging_export_cine_async   (const char            *source,
                                          gboolean               is_clip,
                                          gboolean               use_default_window,
                                          double                 center,
                                          double                 width,
                                          gboolean               invert,
                                          HzImagingExportFormat  format,
                                          const char            *path,
                                          GCancellable          *cancellable,
                                          GAsyncReadyCallback    callback,
                                          gpointer               user_data);
gboolean  hz_imaging_export_cine_finish  (GAsyncResult          *result,
                                          GError               **error);

G_END_DECLS
