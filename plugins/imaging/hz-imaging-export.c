/* hz-imaging-export.c — the shown frame as PNG, a cine loop as WebM (VP8) or MP4 (H.264)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-imaging"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gst/gst.h>
#include <gst/app/gstappsrc.h>
#include <huizhen.h>

#include "hz-imaging-export.h"
#include "hz-imaging-render.h"

gboolean
hz_imaging_export_png (GdkTexture  *texture,
                       const char  *path,
                       GError     **error)
{
  int w = gdk_texture_get_width (texture);
  int h = gdk_texture_get_height (texture);
  g_autofree guint8 *bgra = g_malloc ((gsize) w * h * 4);
  g_autofree guint8 *rgb = g_malloc ((gsize) w * h * 3);

  /* gdk_texture_download(): B8G8R8A8_PREMULTIPLIED; the frames are opaque */
  gdk_texture_download (texture, bgra, (gsize) w * 4);
  for (gsize p = 0; p < (gsize) w * h; p++)
    {
      rgb[p * 3] = bgra[p * 4 + 2];
      rgb[p * 3 + 1] = bgra[p * 4 + 1];
      rgb[p * 3 + 2] = bgra[p * 4];
    }
  return hz_dicom_write_png (path, rgb, (guint) w, (guint) h, error);
}

static const char * const format_elements[][2] = {
  [HZ_IMAGING_EXPORT_WEBM] = { "vp8enc", "webmmux" },
  [HZ_IMAGING_EXPORT_MP4] = { "x264enc", "mp4mux" },
};

gboolean
hz_imaging_export_can_write (HzImagingExportFormat  format,
                             GError               **error)
{
  if (!gst_is_initialized ())
    gst_init (NULL, NULL);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GstElementFactory) factory = gst_element_factory_find (format_elements[format][i]);

      if (factory == NULL)
        {
          /* Translators: %s is a GStreamer element, e.g. x264enc (gstreamer1.0-plugins-ugly) */
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       _("This computer cannot write this video format: the GStreamer element %s is not installed"),
                       format_elements[format][i]);
          return FALSE;
        }
    }
  return TRUE;
}

typedef struct
{
  char                  *source;
  gboolean               is_clip;
  gboolean               use_default;
  double                 center, width;
  gboolean               invert;
  HzImagingExportFormat  format;
  char                  *path;
} Job;

static void
job_free (Job *job)
{
  g_free (job->source);
  g_free (job->path);
  g_free (job);
}

static const char *
encoder_description (HzImagingExportFormat format)
{
  if (format == HZ_IMAGING_EXPORT_MP4)
    return "videoconvert ! video/x-raw,format=I420 ! x264enc speed-preset=veryfast bframes=0 ! "
           "video/x-h264,profile=high ! mp4mux ! filesink name=out";
  return "videoconvert ! video/x-raw,format=I420 ! vp8enc deadline=1 cpu-used=4 "
         "target-bitrate=4000000 keyframe-max-dist=30 ! webmmux ! filesink name=out";
}

/* Waits for the end of the stream or an error */
static gboolean
wait_pipeline (GstElement  *pipeline,
               GError     **error)
{
  g_autoptr(GstBus) bus = gst_element_get_bus (pipeline);
  g_autoptr(GstMessage) message =
    gst_bus_timed_pop_filtered (bus, GST_CLOCK_TIME_NONE, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);

  if (message != NULL && GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR)
    {
      g_autoptr(GError) gst_error = NULL;

      gst_message_parse_error (message, &gst_error, NULL);
      /* Translators: %s is GStreamer's message */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The video could not be written: %s"),
                   gst_error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
feed_dicom (Job          *job,
            GstElement   *pipeline,
            GCancellable *cancellable,
            GError      **error)
{
  g_autoptr(HzDicom) dicom = hz_dicom_open (job->source, error);
  g_autoptr(HzDicomInfo) info = NULL;
  g_autoptr(GstElement) src = NULL;
  g_autoptr(GstCaps) caps = NULL;
  double frame_ms;
  GstClockTime duration;
  int fps_n, fps_d;

  if (dicom == NULL)
    return FALSE;
  info = hz_dicom_get_info (dicom);
  frame_ms = info->frame_time_ms > 0 ? info->frame_time_ms
             : info->cine_rate > 0 ? 1000.0 / info->cine_rate : 1000.0 / 30;
  duration = (GstClockTime) llround (frame_ms * GST_MSECOND);
  gst_util_double_to_fraction (1000.0 / frame_ms, &fps_n, &fps_d);
  src = gst_bin_get_by_name (GST_BIN (pipeline), "src");
  caps = gst_caps_new_simple ("video/x-raw", "format", G_TYPE_STRING, "BGRA",
                              "width", G_TYPE_INT, (int) info->columns,
                              "height", G_TYPE_INT, (int) info->rows,
                              "framerate", GST_TYPE_FRACTION, fps_n, fps_d, NULL);
  g_object_set (src, "caps", caps, "format", GST_FORMAT_TIME, "block", TRUE,
                "max-bytes", (guint64) info->columns * info->rows * 4 * 4, NULL);
  if (gst_element_set_state (pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The video could not be written: %s"),
                   job->path);
      return FALSE;
    }
  for (guint f = 0; f < info->frames; f++)
    {
      g_autoptr(HzDicomFrame) frame = NULL;
      GstBuffer *buffer;
      GstMapInfo map;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      frame = hz_dicom_decode_frame (dicom, f, error);
      if (frame == NULL)
        return FALSE;
      buffer = gst_buffer_new_allocate (NULL, (gsize) frame->width * frame->height * 4, NULL);
      gst_buffer_map (buffer, &map, GST_MAP_WRITE);
      hz_imaging_render_bgra (dicom, info, frame, job->use_default, job->center, job->width,
                              job->invert, map.data);
      gst_buffer_unmap (buffer, &map);
      GST_BUFFER_PTS (buffer) = f * duration;
      GST_BUFFER_DURATION (buffer) = duration;
      if (gst_app_src_push_buffer (GST_APP_SRC (src), buffer) != GST_FLOW_OK)
        break;
    }
  gst_app_src_end_of_stream (GST_APP_SRC (src));
  return wait_pipeline (pipeline, error);
}

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  Job *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstElement) out = NULL;
  g_autofree char *description = NULL;
  g_autofree char *tmp = g_strdup_printf ("%s.part-%d", job->path, (int) getpid ());
  gboolean ok;

  if (!hz_imaging_export_can_write (job->format, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (job->is_clip)
    {
      g_autoptr(GFile) file = g_file_new_for_path (job->source);
      g_autofree char *uri = g_file_get_uri (file);
      g_autofree char *quoted = g_strescape (uri, NULL);

      description = g_strdup_printf ("uridecodebin uri=\"%s\" caps=video/x-raw ! %s", quoted,
                                     encoder_description (job->format));
    }
  else
    description = g_strdup_printf ("appsrc name=src ! %s", encoder_description (job->format));
  pipeline = gst_parse_launch (description, &error);
  if (pipeline == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  gst_object_ref_sink (pipeline);
  out = gst_bin_get_by_name (GST_BIN (pipeline), "out");
  g_object_set (out, "location", tmp, NULL);

  if (job->is_clip)
    {
      gst_element_set_state (pipeline, GST_STATE_PLAYING);
      ok = wait_pipeline (pipeline, &error);
    }
  else
    ok = feed_dicom (job, pipeline, cancellable, &error);
  gst_element_set_state (pipeline, GST_STATE_NULL);

  if (ok && g_rename (tmp, job->path) != 0)
    {
      int saved = errno;

      /* Translators: %s is a file name, then why it could not be written */
      g_set_error (&error, G_IO_ERROR, g_io_error_from_errno (saved), _("%s could not be written: %s"),
                   job->path, g_strerror (saved));
      ok = FALSE;
    }
  if (!ok)
    {
      g_unlink (tmp);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

void
hz_imaging_export_cine_async (const char            *source,
                              gboolean               is_clip,
                              gboolean               use_default_window,
                              double                 center,
                              double                 width,
                              gboolean               invert,
                              HzImagingExportFormat  format,
                              const char            *path,
                              GCancellable          *cancellable,
                              GAsyncReadyCallback    callback,
                              gpointer               user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  Job *job = g_new0 (Job, 1);

  job->source = g_strdup (source);
  job->is_clip = is_clip;
  job->use_default = use_default_window;
  job->center = center;
  job->width = width;
  job->invert = invert;
  job->format = format;
  job->path = g_strdup (path);
  g_task_set_source_tag (task, hz_imaging_export_cine_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
hz_imaging_export_cine_finish (GAsyncResult  *result,
                               GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
