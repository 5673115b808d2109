/* hz-imaging-player.c — frames of a DICOM file or a video clip through GStreamer, as a paintable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-imaging"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <gst/gst.h>
#include <gst/app/gstappsrc.h>
#include <gst/app/gstappsink.h>
#include <gst/video/video.h>

#include "hz-imaging-paintable.h"
#include "hz-imaging-player.h"
#include "hz-imaging-render.h"

#define DEFAULT_FRAME_TIME_MS (1000.0 / 30.0)

struct _HzImagingPlayer
{
  GObject             parent_instance;

  char               *path;
  gboolean            clip;           /* timed by the decoder: a clip, or a DICOM video */
  gboolean            video;          /* a DICOM video transfer syntax (MPEG-2, H.264, HEVC) */
  HzDicom            *dicom;        /* decoded on the streaming thread only */
  HzDicomInfo        *info;
  HzImagingPaintable *paintable;

  GstElement         *pipeline;
  GstElement         *appsrc;
  GstElement         *appsink;
  guint               bus_watch;

  /* main context */
  guint               width, height, n_frames;
  double              frame_time_ms;
  GArray             *starts;         /* GstClockTime of each frame and of the end: the Frame Time
                                       * Vector's, else frame after frame at the frame time */
  int                 frame;
  gboolean            playing, loop, ready, at_end;
  double              speed;
  int                 pending_seek;   /* a seek asked for before the preroll, or -1 */

  /* shared with the streaming threads */
  GMutex              lock;
  guint64             next_index;     /* the cine's running frame counter */
  double              center, window_width;
  gboolean            window_changed, invert;
  HzDicomFrame       *cached;
  guint               cached_index;
  GstBuffer          *preroll_buffer;
  GBytes             *pending;
  guint               pending_width, pending_height, pending_stride;
  int                 pending_index;
  GstClockTime        pending_pts, shown_pts;
  guint64             stream_offset;  /* a DICOM video: where appsrc reads next */
  guint64             stream_length;
  gboolean            idle_queued;
  HzImagingPlayerStats stats;
  char               *stream_error;
};

enum {
  PROP_0,
  PROP_FRAME,
  PROP_N_FRAMES,
  PROP_PLAYING,
  PROP_READY,
  N_PROPS
};

enum {
  SIGNAL_ERROR,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (HzImagingPlayer, hz_imaging_player, G_TYPE_OBJECT)

static GstClockTime
frame_duration (HzImagingPlayer *self)
{
  return (GstClockTime) llround (self->frame_time_ms * GST_MSECOND);
}

/* When the @k-th frame of the running cine starts (a loop goes on from
 * the end of the one before) */
static GstClockTime
counter_start (HzImagingPlayer *self,
               guint64          k)
{
  guint n = MAX (self->n_frames, 1u);

  if (self->starts == NULL || self->starts->len != n + 1)
    return k * frame_duration (self);
  return (k / n) * g_array_index (self->starts, GstClockTime, n) +
         g_array_index (self->starts, GstClockTime, k % n);
}

/* The counter of the frame on show at @time: the last one started by then
 * (half a millisecond's rounding allowed) */
static guint64
counter_at (HzImagingPlayer *self,
            GstClockTime     time)
{
  guint n = MAX (self->n_frames, 1u);
  GstClockTime total, within;
  guint64 loops;
  guint index = 0;

  if (self->starts == NULL || self->starts->len != n + 1)
    {
      GstClockTime duration = frame_duration (self);

      return duration > 0 ? (time + duration / 2) / duration : 0;
    }
  total = g_array_index (self->starts, GstClockTime, n);
  loops = total > 0 ? time / total : 0;
  within = time - loops * total;
  while (index + 1 < n && g_array_index (self->starts, GstClockTime, index + 1) <= within + GST_MSECOND / 2)
    index++;
  return loops * n + index;
}

/* Frame Time Vector (0018,1065): the first value is 0, each next one the
 * time since the frame before; the last frame lasts the mean frame time */
static void
make_starts (HzImagingPlayer *self)
{
  const GArray *vector = self->info->frame_time_vector;
  GstClockTime t = 0;

  if (vector == NULL || vector->len != self->n_frames || self->n_frames < 2)
    return;
  for (guint i = 1; i < vector->len; i++)
    if (!(g_array_index (vector, double, i) > 0))
      return;
  self->starts = g_array_sized_new (FALSE, FALSE, sizeof (GstClockTime), self->n_frames + 1);
  g_array_append_val (self->starts, t);
  for (guint i = 1; i < vector->len; i++)
    {
      t += (GstClockTime) llround (g_array_index (vector, double, i) * GST_MSECOND);
      g_array_append_val (self->starts, t);
    }
  t += frame_duration (self);
  g_array_append_val (self->starts, t);
}

/* --- frames to the main context ------------------------------------------------ */

typedef struct
{
  GstBuffer  *buffer;
  GstMapInfo  map;
} Mapped;

static void
mapped_free (gpointer data)
{
  Mapped *m = data;

  gst_buffer_unmap (m->buffer, &m->map);
  gst_buffer_unref (m->buffer);
  g_free (m);
}

static gboolean
show_pending (gpointer data)
{
  HzImagingPlayer *self = data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  guint width, height, stride;
  int index;
  gboolean resized;

  g_mutex_lock (&self->lock);
  bytes = g_steal_pointer (&self->pending);
  width = self->pending_width;
  height = self->pending_height;
  stride = self->pending_stride;
  index = self->pending_index;
  self->shown_pts = self->pending_pts;
  self->idle_queued = FALSE;
  if (bytes != NULL)
    self->stats.shown++;
  g_mutex_unlock (&self->lock);

  if (bytes == NULL)
    return G_SOURCE_REMOVE;

  texture = gdk_memory_texture_new ((int) width, (int) height, GDK_MEMORY_B8G8R8A8_PREMULTIPLIED,
                                    bytes, stride);
  resized = width != self->width || height != self->height;
  self->width = width;
  self->height = height;
  hz_imaging_paintable_set_texture (self->paintable, texture);
  if (index != self->frame)
    {
      self->frame = index;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRAME]);
    }
  else if (resized)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRAME]);
  return G_SOURCE_REMOVE;
}

/* On a streaming thread: the sink's buffer, windowed for clips, to the
 * main context; a frame still pending there is replaced (dropped). */
static void
deliver (HzImagingPlayer *self,
         GstSample       *sample)
{
  GstBuffer *buffer = gst_sample_get_buffer (sample);
  GstCaps *caps = gst_sample_get_caps (sample);
  GstVideoInfo vinfo;
  Mapped *m;
  GBytes *bytes;
  int index;
  gboolean apply = FALSE, invert;
  double center, width;
  guint8 lut[256];
  GstClockTime pts;

  if (buffer == NULL || caps == NULL || !gst_video_info_from_caps (&vinfo, caps))
    return;

  pts = GST_BUFFER_PTS (buffer);
  g_mutex_lock (&self->lock);
  if (self->clip)
    {
      double fps = vinfo.fps_n > 0 && vinfo.fps_d > 0 ? (double) vinfo.fps_n / vinfo.fps_d
                   : 1000.0 / self->frame_time_ms;

      index = GST_CLOCK_TIME_IS_VALID (pts) ? (int) floor ((double) pts / GST_SECOND * fps + 0.5) : 0;
      apply = self->window_changed || self->invert;
      center = self->center;
      width = self->window_width;
      invert = self->invert;
    }
  else
    index = (int) GST_BUFFER_OFFSET (buffer);
  g_mutex_unlock (&self->lock);

  if (apply)
    {
      GstBuffer *copy = gst_buffer_copy_deep (buffer);
      GstMapInfo map;

      hz_imaging_window_lut8 (center, width, invert, lut);
      if (gst_buffer_map (copy, &map, GST_MAP_READWRITE))
        {
          for (gsize i = 0; i + 3 < map.size; i += 4)
            {
              map.data[i] = lut[map.data[i]];
              map.data[i + 1] = lut[map.data[i + 1]];
              map.data[i + 2] = lut[map.data[i + 2]];
            }
          gst_buffer_unmap (copy, &map);
        }
      buffer = copy;
    }
  else
    gst_buffer_ref (buffer);

  m = g_new0 (Mapped, 1);
  m->buffer = buffer;
  if (!gst_buffer_map (buffer, &m->map, GST_MAP_READ))
    {
      gst_buffer_unref (buffer);
      g_free (m);
      return;
    }
  bytes = g_bytes_new_with_free_func (m->map.data, m->map.size, mapped_free, m);

  g_mutex_lock (&self->lock);
  if (self->pending != NULL)
    self->stats.dropped++;
  g_clear_pointer (&self->pending, g_bytes_unref);
  self->pending = bytes;
  self->pending_width = (guint) GST_VIDEO_INFO_WIDTH (&vinfo);
  self->pending_height = (guint) GST_VIDEO_INFO_HEIGHT (&vinfo);
  self->pending_stride = (guint) GST_VIDEO_INFO_PLANE_STRIDE (&vinfo, 0);
  self->pending_index = index;
  self->pending_pts = pts;
  if (!self->idle_queued)
    {
      self->idle_queued = TRUE;
      /* an idle, never g_main_context_invoke(): that runs here when
       * the main context is free, on this thread */
      g_idle_add_full (G_PRIORITY_DEFAULT, show_pending, g_object_ref (self), g_object_unref);
    }
  g_mutex_unlock (&self->lock);
}

static GstFlowReturn
on_new_preroll (GstAppSink *sink,
                gpointer    data)
{
  HzImagingPlayer *self = data;
  g_autoptr(GstSample) sample = gst_app_sink_pull_preroll (sink);

  if (sample == NULL)
    return GST_FLOW_OK;
  g_mutex_lock (&self->lock);
  gst_clear_buffer (&self->preroll_buffer);
  if (gst_sample_get_buffer (sample) != NULL)
    self->preroll_buffer = gst_buffer_ref (gst_sample_get_buffer (sample));
  g_mutex_unlock (&self->lock);
  deliver (self, sample);
  return GST_FLOW_OK;
}

static GstFlowReturn
on_new_sample (GstAppSink *sink,
               gpointer    data)
{
  HzImagingPlayer *self = data;
  g_autoptr(GstSample) sample = gst_app_sink_pull_sample (sink);
  gboolean again;

  if (sample == NULL)
    return GST_FLOW_EOS;
  /* the preroll buffer is rendered again when PLAYING starts */
  g_mutex_lock (&self->lock);
  again = self->preroll_buffer != NULL && self->preroll_buffer == gst_sample_get_buffer (sample);
  gst_clear_buffer (&self->preroll_buffer);
  g_mutex_unlock (&self->lock);
  if (!again)
    deliver (self, sample);
  return GST_FLOW_OK;
}

/* --- the DICOM source (appsrc's streaming thread) ------------------------------ */

static gboolean
report_stream_error (gpointer data)
{
  HzImagingPlayer *self = data;
  g_autofree char *message = NULL;

  g_mutex_lock (&self->lock);
  message = g_steal_pointer (&self->stream_error);
  g_mutex_unlock (&self->lock);
  if (message != NULL)
    g_signal_emit (self, signals[SIGNAL_ERROR], 0, message);
  return G_SOURCE_REMOVE;
}

static void
on_need_data (GstAppSrc *src,
              guint      length,
              gpointer   data)
{
  HzImagingPlayer *self = data;
  g_autoptr(GError) error = NULL;
  GstBuffer *buffer;
  GstMapInfo map;
  guint64 k;
  guint index;
  double center, width;
  gboolean use_default, invert;

  g_mutex_lock (&self->lock);
  k = self->next_index;
  if (k >= self->n_frames && !self->loop)
    {
      g_mutex_unlock (&self->lock);
      gst_app_src_end_of_stream (src);
      return;
    }
  index = (guint) (k % self->n_frames);
  center = self->center;
  width = self->window_width;
  use_default = !self->window_changed;
  invert = self->invert;
  if (self->cached == NULL || self->cached_index != index)
    {
      HzDicomFrame *frame;

      g_mutex_unlock (&self->lock);
      frame = hz_dicom_decode_frame (self->dicom, index, &error);
      g_mutex_lock (&self->lock);
      if (frame == NULL)
        {
          /* Translators: %u is a frame number, %s why it could not be read */
          self->stream_error = g_strdup_printf (_("Frame %u could not be decoded: %s"),
                                                index + 1, error->message);
          g_mutex_unlock (&self->lock);
          g_idle_add_full (G_PRIORITY_DEFAULT, report_stream_error, g_object_ref (self),
                           g_object_unref);
          gst_app_src_end_of_stream (src);
          return;
        }
      g_clear_pointer (&self->cached, hz_dicom_frame_free);
      self->cached = frame;
      self->cached_index = index;
    }
  g_mutex_unlock (&self->lock);

  buffer = gst_buffer_new_allocate (NULL, (gsize) self->width * self->height * 4, NULL);
  gst_buffer_map (buffer, &map, GST_MAP_WRITE);
  /* the cached frame is only replaced on this thread */
  hz_imaging_render_bgra (self->dicom, self->info, self->cached, use_default, center, width,
                          invert, map.data);
  gst_buffer_unmap (buffer, &map);
  GST_BUFFER_PTS (buffer) = counter_start (self, k);
  GST_BUFFER_DURATION (buffer) = counter_start (self, k + 1) - counter_start (self, k);
  GST_BUFFER_OFFSET (buffer) = index;

  g_mutex_lock (&self->lock);
  /* a seek while this frame was made moved the counter: keep it */
  if (self->next_index == k)
    self->next_index = k + 1;
  self->stats.pushed++;
  g_mutex_unlock (&self->lock);
  gst_app_src_push_buffer (src, buffer);
}

static gboolean
on_seek_data (GstAppSrc *src,
              guint64    offset,
              gpointer   data)
{
  HzImagingPlayer *self = data;

  g_mutex_lock (&self->lock);
  self->next_index = counter_at (self, offset);
  g_mutex_unlock (&self->lock);
  return TRUE;
}

/* A DICOM video: the bytes of its fragments, as one stream, for
 * decodebin (appsrc random-access: it seeks in bytes) */
#define VIDEO_BLOCK (64 * 1024)

static void
on_need_video (GstAppSrc *src,
               guint      length,
               gpointer   data)
{
  HzImagingPlayer *self = data;
  GstBuffer *buffer;
  GstMapInfo map;
  guint64 offset;
  gsize n;

  g_mutex_lock (&self->lock);
  offset = self->stream_offset;
  g_mutex_unlock (&self->lock);
  if (offset >= self->stream_length)
    {
      gst_app_src_end_of_stream (src);
      return;
    }
  buffer = gst_buffer_new_allocate (NULL, MIN ((guint64) VIDEO_BLOCK, self->stream_length - offset), NULL);
  gst_buffer_map (buffer, &map, GST_MAP_WRITE);
  /* the file is mapped and never changes: read without the lock */
  n = hz_dicom_read_stream (self->dicom, offset, map.data, map.size);
  gst_buffer_unmap (buffer, &map);
  gst_buffer_set_size (buffer, (gssize) n);
  GST_BUFFER_OFFSET (buffer) = offset;
  g_mutex_lock (&self->lock);
  if (self->stream_offset == offset)
    self->stream_offset = offset + n;
  g_mutex_unlock (&self->lock);
  gst_app_src_push_buffer (src, buffer);
}

static gboolean
on_seek_video (GstAppSrc *src,
               guint64    offset,
               gpointer   data)
{
  HzImagingPlayer *self = data;

  g_mutex_lock (&self->lock);
  self->stream_offset = offset;
  g_mutex_unlock (&self->lock);
  return offset <= self->stream_length;
}

/* --- the bus (main context) ---------------------------------------------------- */

static void do_seek (HzImagingPlayer *self, guint frame);

static void
clip_learn_length (HzImagingPlayer *self)
{
  gint64 duration = 0;
  GstPad *pad = gst_element_get_static_pad (self->appsink, "sink");
  g_autoptr(GstCaps) caps = pad != NULL ? gst_pad_get_current_caps (pad) : NULL;
  GstVideoInfo vinfo;

  if (caps != NULL && gst_video_info_from_caps (&vinfo, caps))
    {
      if (vinfo.fps_n > 0 && vinfo.fps_d > 0)
        self->frame_time_ms = 1000.0 * vinfo.fps_d / vinfo.fps_n;
      self->width = (guint) GST_VIDEO_INFO_WIDTH (&vinfo);
      self->height = (guint) GST_VIDEO_INFO_HEIGHT (&vinfo);
    }
  g_clear_object (&pad);
  if (self->video && self->info->frames > 0)
    self->n_frames = self->info->frames;   /* Number of Frames: an elementary stream has no duration */
  else if (gst_element_query_duration (self->pipeline, GST_FORMAT_TIME, &duration) && duration > 0)
    self->n_frames = MAX (1u, (guint) floor (duration / (self->frame_time_ms * GST_MSECOND) + 0.5));
  else
    self->n_frames = 1;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_FRAMES]);
}

static gboolean
on_bus_message (GstBus     *bus,
                GstMessage *message,
                gpointer    data)
{
  HzImagingPlayer *self = data;

  switch (GST_MESSAGE_TYPE (message))
    {
    case GST_MESSAGE_ERROR:
      {
        g_autoptr(GError) error = NULL;
        g_autofree char *debug = NULL;
        g_autofree char *text = NULL;

        gst_message_parse_error (message, &error, &debug);
        g_debug ("%s: %s", self->path, debug != NULL ? debug : "");
        /* Translators: %s is GStreamer's message */
        text = g_strdup_printf (_("The images could not be played: %s"), error->message);
        gst_element_set_state (self->pipeline, GST_STATE_PAUSED);
        if (self->playing)
          {
            self->playing = FALSE;
            g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
          }
        g_signal_emit (self, signals[SIGNAL_ERROR], 0, text);
      }
      break;

    case GST_MESSAGE_EOS:
      if (self->loop && self->clip && self->playing)
        {
          gst_element_seek (self->pipeline, self->speed, GST_FORMAT_TIME,
                            GST_SEEK_FLAG_FLUSH | GST_SEEK_FLAG_ACCURATE,
                            GST_SEEK_TYPE_SET, 0, GST_SEEK_TYPE_NONE, GST_CLOCK_TIME_NONE);
          break;
        }
      self->at_end = TRUE;
      if (self->playing)
        {
          self->playing = FALSE;
          gst_element_set_state (self->pipeline, GST_STATE_PAUSED);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
        }
      break;

    case GST_MESSAGE_ASYNC_DONE:
      if (!self->ready)
        {
          self->ready = TRUE;
          if (self->clip)
            clip_learn_length (self);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
          if (self->pending_seek >= 0)
            {
              guint frame = (guint) self->pending_seek;

              self->pending_seek = -1;
              do_seek (self, frame);
            }
        }
      break;

    default:
      break;
    }
  return G_SOURCE_CONTINUE;
}

/* --- construction -------------------------------------------------------------- */

static gboolean
build_pipeline (HzImagingPlayer  *self,
                const char       *description,
                GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GstBus) bus = NULL;
  GstAppSinkCallbacks sink_callbacks = { .new_preroll = on_new_preroll, .new_sample = on_new_sample };

  self->pipeline = gst_parse_launch (description, &local_error);
  if (self->pipeline == NULL)
    {
      /* Translators: %s is GStreamer's message (a missing plugin) */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("The video pipeline could not be made: %s"), local_error->message);
      return FALSE;
    }
  gst_object_ref_sink (self->pipeline);
  self->appsink = gst_bin_get_by_name (GST_BIN (self->pipeline), "sink");
  gst_app_sink_set_callbacks (GST_APP_SINK (self->appsink), &sink_callbacks, self, NULL);
  bus = gst_element_get_bus (self->pipeline);
  self->bus_watch = gst_bus_add_watch (bus, on_bus_message, self);
  return TRUE;
}

static void
ensure_gst (void)
{
  if (!gst_is_initialized ())
    gst_init (NULL, NULL);
}

#define SINK_DESCRIPTION \
  "appsink name=sink max-buffers=2 drop=true sync=true enable-last-sample=false " \
  "caps=video/x-raw,format=BGRA"

/* A DICOM video (MPEG-2, H.264, HEVC): the fragments' stream through
 * appsrc into decodebin (mpegvideoparse, h264parse, h265parse and the
 * libav decoders), timed by the stream as a clip is */
static HzImagingPlayer *
open_video (HzImagingPlayer  *player,
            GError          **error)
{
  g_autoptr(HzImagingPlayer) self = player;
  GstAppSrcCallbacks src_callbacks = { .need_data = on_need_video, .seek_data = on_seek_video };
  const char *name = self->info->transfer_syntax_name != NULL ? self->info->transfer_syntax_name
                                                              : self->info->transfer_syntax;

  self->stream_length = hz_dicom_get_stream_length (self->dicom);
  if (self->stream_length == 0)
    {
      /* Translators: %s is the transfer syntax's name */
      g_set_error (error, HZ_DICOM_ERROR, HZ_DICOM_ERROR_NO_PIXELS,
                   _("This DICOM file is marked as video (%s) but holds no video stream"), name);
      return NULL;
    }
  self->clip = TRUE;
  self->video = TRUE;
  self->width = self->info->columns;
  self->height = self->info->rows;
  self->n_frames = MAX (self->info->frames, 1u);
  self->frame_time_ms = self->info->frame_time_ms > 0 ? self->info->frame_time_ms
                        : self->info->cine_rate > 0 ? 1000.0 / self->info->cine_rate
                        : DEFAULT_FRAME_TIME_MS;
  /* a video's frames are display values: the window starts as the identity */
  self->center = 128;
  self->window_width = 256;
  if (!build_pipeline (self,
                       "appsrc name=src format=bytes stream-type=random-access ! "
                       "decodebin caps=video/x-raw ! videoconvert ! " SINK_DESCRIPTION, error))
    return NULL;
  self->appsrc = gst_bin_get_by_name (GST_BIN (self->pipeline), "src");
  gst_app_src_set_size (GST_APP_SRC (self->appsrc), (gint64) self->stream_length);
  gst_app_src_set_callbacks (GST_APP_SRC (self->appsrc), &src_callbacks, self, NULL);
  gst_element_set_state (self->pipeline, GST_STATE_PAUSED);
  return g_steal_pointer (&self);
}

HzImagingPlayer *
hz_imaging_player_new_dicom (const char  *path,
                             GError     **error)
{
  g_autoptr(HzImagingPlayer) self = NULL;
  g_autoptr(GstCaps) caps = NULL;
  GstAppSrcCallbacks src_callbacks = { .need_data = on_need_data, .seek_data = on_seek_data };
  int fps_n, fps_d;

  g_return_val_if_fail (path != NULL, NULL);

  ensure_gst ();
  self = g_object_new (HZ_TYPE_IMAGING_PLAYER, NULL);
  self->path = g_strdup (path);
  self->dicom = hz_dicom_open (path, error);
  if (self->dicom == NULL)
    return NULL;
  self->info = hz_dicom_get_info (self->dicom);
  if (self->info->coding == HZ_DICOM_CODING_VIDEO)
    return open_video (g_steal_pointer (&self), error);
  if (self->info->frames == 0 || self->info->rows == 0 || self->info->columns == 0)
    {
      g_set_error (error, HZ_DICOM_ERROR, HZ_DICOM_ERROR_NO_PIXELS,
                   _("This DICOM file holds no image"));
      return NULL;
    }
  self->width = self->info->columns;
  self->height = self->info->rows;
  self->n_frames = self->info->frames;
  self->frame_time_ms = self->info->frame_time_ms > 0 ? self->info->frame_time_ms
                        : self->info->cine_rate > 0 ? 1000.0 / self->info->cine_rate
                        : DEFAULT_FRAME_TIME_MS;
  make_starts (self);
  hz_imaging_default_window (self->info, &self->center, &self->window_width);

  if (!build_pipeline (self,
                       "appsrc name=src format=time stream-type=seekable max-bytes=0 ! "
                       "queue max-size-buffers=3 max-size-bytes=0 max-size-time=0 ! "
                       "videoconvert ! " SINK_DESCRIPTION, error))
    return NULL;
  self->appsrc = gst_bin_get_by_name (GST_BIN (self->pipeline), "src");
  gst_util_double_to_fraction (1000.0 / self->frame_time_ms, &fps_n, &fps_d);
  caps = gst_caps_new_simple ("video/x-raw",
                              "format", G_TYPE_STRING, "BGRA",
                              "width", G_TYPE_INT, (int) self->width,
                              "height", G_TYPE_INT, (int) self->height,
                              "framerate", GST_TYPE_FRACTION, fps_n, fps_d,
                              NULL);
  gst_app_src_set_caps (GST_APP_SRC (self->appsrc), caps);
  gst_app_src_set_max_buffers (GST_APP_SRC (self->appsrc), 2);
  gst_app_src_set_callbacks (GST_APP_SRC (self->appsrc), &src_callbacks, self, NULL);
  gst_element_set_state (self->pipeline, GST_STATE_PAUSED);
  return g_steal_pointer (&self);
}

HzImagingPlayer *
hz_imaging_player_new_clip (const char  *path,
                            GError     **error)
{
  g_autoptr(HzImagingPlayer) self = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *description = NULL;
  g_autofree char *quoted = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  ensure_gst ();
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      /* Translators: %s is a file name */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("The clip %s was not found"), path);
      return NULL;
    }
  self = g_object_new (HZ_TYPE_IMAGING_PLAYER, NULL);
  self->path = g_strdup (path);
  self->clip = TRUE;
  self->frame_time_ms = DEFAULT_FRAME_TIME_MS;
  self->center = 128;
  self->window_width = 256;
  file = g_file_new_for_path (path);
  uri = g_file_get_uri (file);
  quoted = g_strescape (uri, NULL);
  description = g_strdup_printf ("uridecodebin name=dec uri=\"%s\" caps=video/x-raw ! "
                                 "videoconvert ! " SINK_DESCRIPTION, quoted);
  if (!build_pipeline (self, description, error))
    return NULL;
  gst_element_set_state (self->pipeline, GST_STATE_PAUSED);
  return g_steal_pointer (&self);
}

/* --- control ------------------------------------------------------------------- */

static void
do_seek (HzImagingPlayer *self,
         guint            frame)
{
  if (!self->ready)
    {
      self->pending_seek = (int) frame;
      return;
    }
  self->at_end = FALSE;
  gst_element_seek (self->pipeline, self->speed, GST_FORMAT_TIME,
                    GST_SEEK_FLAG_FLUSH | GST_SEEK_FLAG_ACCURATE,
                    GST_SEEK_TYPE_SET, (gint64) counter_start (self, frame),
                    GST_SEEK_TYPE_NONE, GST_CLOCK_TIME_NONE);
}

void
hz_imaging_player_set_playing (HzImagingPlayer *self,
                               gboolean         playing)
{
  g_return_if_fail (HZ_IS_IMAGING_PLAYER (self));

  playing = !!playing;
  if (playing && self->n_frames < 2 && !self->clip)
    playing = FALSE;
  if (self->playing == playing)
    return;
  self->playing = playing;
  if (playing)
    {
      if (self->at_end || (!self->loop && self->frame >= 0 && (guint) self->frame + 1 >= self->n_frames))
        do_seek (self, 0);
      gst_element_set_state (self->pipeline, GST_STATE_PLAYING);
    }
  else
    {
      gst_element_set_state (self->pipeline, GST_STATE_PAUSED);
      /* the paused picture is the frame shown, not one queued after it */
      if (self->frame >= 0)
        do_seek (self, (guint) self->frame);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
}

gboolean
hz_imaging_player_get_playing (HzImagingPlayer *self)
{
  g_return_val_if_fail (HZ_IS_IMAGING_PLAYER (self), FALSE);

  return self->playing;
}

void
hz_imaging_player_seek (HzImagingPlayer *self,
                        guint            frame)
{
  g_return_if_fail (HZ_IS_IMAGING_PLAYER (self));

  if (self->n_frames > 0)
    frame = MIN (frame, self->n_frames - 1);
  if (self->playing)
    {
      self->playing = FALSE;
      gst_element_set_state (self->pipeline, GST_STATE_PAUSED);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
    }
  do_seek (self, frame);
}

void
hz_imaging_player_step (HzImagingPlayer *self,
                        int              delta)
{
  int n, target;

  g_return_if_fail (HZ_IS_IMAGING_PLAYER (self));

  n = (int) MAX (self->n_frames, 1u);
  target = MAX (self->frame, 0) + delta;
  if (self->loop)
    target = ((target % n) + n) % n;
  hz_imaging_player_seek (self, (guint) CLAMP (target, 0, n - 1));
}

void
hz_imaging_player_set_loop (HzImagingPlayer *self,
                            gboolean         loop)
{
  gboolean changed;

  g_return_if_fail (HZ_IS_IMAGING_PLAYER (self));

  g_mutex_lock (&self->lock);
  changed = self->loop != !!loop;
  self->loop = !!loop;
  g_mutex_unlock (&self->lock);
  /* frames of the next loop (or the end of the stream) already queued
   * go: the same frame again, with what follows it made anew */
  if (changed && !self->clip && self->ready && self->frame >= 0)
    do_seek (self, (guint) self->frame);
}

gboolean
hz_imaging_player_get_loop (HzImagingPlayer *self)
{
  g_return_val_if_fail (HZ_IS_IMAGING_PLAYER (self), FALSE);

  return self->loop;
}

void
hz_imaging_player_set_speed (HzImagingPlayer *self,
                             double           speed)
{
  g_return_if_fail (HZ_IS_IMAGING_PLAYER (self));

  speed = CLAMP (speed, 0.25, 4.0);
  if (speed == self->speed)
    return;
  self->speed = speed;
  if (self->ready && self->frame >= 0)
    {
      gboolean playing = self->playing;

      do_seek (self, (guint) self->frame);
      if (playing)
        gst_element_set_state (self->pipeline, GST_STATE_PLAYING);
    }
}

double
hz_imaging_player_get_speed (HzImagingPlayer *self)
{
  g_return_val_if_fail (HZ_IS_IMAGING_PLAYER (self), 1);

  return self->speed;
}

/* A new window or inversion: while paused the shown frame is made again */
static void
refresh (HzImagingPlayer *self)
{
  if (!self->playing && self->ready && self->frame >= 0)
    do_seek (self, (guint) self->frame);
}

void
hz_imaging_player_set_window (HzImagingPlayer *self,
                              double           center,
                              double           width)
{
  g_return_if_fail (HZ_IS_IMAGING_PLAYER (self));

  width = MAX (width, 1);
  g_mutex_lock (&self->lock);
  self->center = center;
  self->window_width = width;
  self->window_changed = TRUE;
  g_mutex_unlock (&self->lock);
  refresh (self);
}

void
hz_imaging_player_get_window (HzImagingPlayer *self,
                              double          *center,
                              double          *width)
{
  g_return_if_fail (HZ_IS_IMAGING_PLAYER (self));

  g_mutex_lock (&self->lock);
  if (center != NULL)
    *center = self->center;
  if (width != NULL)
    *width = self->window_width;
  g_mutex_unlock (&self->lock);
}

void
hz_imaging_player_reset_window (HzImagingPlayer *self)
{
  g_return_if_fail (HZ_IS_IMAGING_PLAYER (self));

  g_mutex_lock (&self->lock);
  if (self->info != NULL && !self->video)
    hz_imaging_default_window (self->info, &self->center, &self->window_width);
  else
    {
      self->center = 128;
      self->window_width = 256;
    }
  self->window_changed = FALSE;
  g_mutex_unlock (&self->lock);
  refresh (self);
}

gboolean
hz_imaging_player_get_window_changed (HzImagingPlayer *self)
{
  g_return_val_if_fail (HZ_IS_IMAGING_PLAYER (self), FALSE);

  return self->window_changed;
}

void
hz_imaging_player_set_invert (HzImagingPlayer *self,
                              gboolean         invert)
{
  g_return_if_fail (HZ_IS_IMAGING_PLAYER (self));

  g_mutex_lock (&self->lock);
  if (self->invert == !!invert)
    {
      g_mutex_unlock (&self->lock);
      return;
    }
  self->invert = !!invert;
  g_mutex_unlock (&self->lock);
  refresh (self);
}

gboolean
hz_imaging_player_get_invert (HzImagingPlayer *self)
{
  g_return_val_if_fail (HZ_IS_IMAGING_PLAYER (self), FALSE);

  return self->invert;
}

void
hz_imaging_player_get_stats (HzImagingPlayer      *self,
                             HzImagingPlayerStats *stats)
{
  g_return_if_fail (HZ_IS_IMAGING_PLAYER (self));

  g_mutex_lock (&self->lock);
  *stats = self->stats;
  g_mutex_unlock (&self->lock);
  if (self->appsink != NULL)
    {
      g_autoptr(GstStructure) s = NULL;
      guint64 late = 0;

      g_object_get (self->appsink, "stats", &s, NULL);
      if (s != NULL && gst_structure_get_uint64 (s, "dropped", &late))
        stats->dropped += late;
    }
}

void
hz_imaging_player_stop (HzImagingPlayer *self)
{
  g_return_if_fail (HZ_IS_IMAGING_PLAYER (self));

  if (self->pipeline != NULL)
    gst_element_set_state (self->pipeline, GST_STATE_NULL);
  if (self->playing)
    {
      self->playing = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
    }
}

gboolean
hz_imaging_player_is_clip (HzImagingPlayer *self)
{
  g_return_val_if_fail (HZ_IS_IMAGING_PLAYER (self), FALSE);

  return self->clip;
}

const HzDicomInfo *
hz_imaging_player_get_info (HzImagingPlayer *self)
{
  g_return_val_if_fail (HZ_IS_IMAGING_PLAYER (self), NULL);

  return self->info;
}

const char *
hz_imaging_player_get_path (HzImagingPlayer *self)
{
  g_return_val_if_fail (HZ_IS_IMAGING_PLAYER (self), NULL);

  return self->path;
}

GdkPaintable *
hz_imaging_player_get_paintable (HzImagingPlayer *self)
{
  g_return_val_if_fail (HZ_IS_IMAGING_PLAYER (self), NULL);

  return GDK_PAINTABLE (self->paintable);
}

void
hz_imaging_player_get_size (HzImagingPlayer *self,
                            guint           *width,
                            guint           *height)
{
  g_return_if_fail (HZ_IS_IMAGING_PLAYER (self));

  if (width != NULL)
    *width = self->width;
  if (height != NULL)
    *height = self->height;
}

guint
hz_imaging_player_get_n_frames (HzImagingPlayer *self)
{
  g_return_val_if_fail (HZ_IS_IMAGING_PLAYER (self), 0);

  return self->n_frames;
}

int
hz_imaging_player_get_frame (HzImagingPlayer *self)
{
  g_return_val_if_fail (HZ_IS_IMAGING_PLAYER (self), -1);

  return self->frame;
}

double
hz_imaging_player_get_frame_time (HzImagingPlayer *self)
{
  g_return_val_if_fail (HZ_IS_IMAGING_PLAYER (self), 0);

  return self->frame_time_ms;
}

GstClockTime
hz_imaging_player_get_shown_pts (HzImagingPlayer *self)
{
  g_return_val_if_fail (HZ_IS_IMAGING_PLAYER (self), GST_CLOCK_TIME_NONE);

  return self->frame >= 0 ? self->shown_pts : GST_CLOCK_TIME_NONE;
}

guint64
hz_imaging_player_get_frame_start (HzImagingPlayer *self,
                                   guint            frame)
{
  g_return_val_if_fail (HZ_IS_IMAGING_PLAYER (self), 0);

  return counter_start (self, frame);
}

gboolean
hz_imaging_player_get_ready (HzImagingPlayer *self)
{
  g_return_val_if_fail (HZ_IS_IMAGING_PLAYER (self), FALSE);

  return self->ready;
}

/* --- GObject ------------------------------------------------------------------- */

static void
hz_imaging_player_dispose (GObject *object)
{
  HzImagingPlayer *self = HZ_IMAGING_PLAYER (object);

  if (self->pipeline != NULL)
    gst_element_set_state (self->pipeline, GST_STATE_NULL);
  g_clear_handle_id (&self->bus_watch, g_source_remove);
  gst_clear_object (&self->appsrc);
  gst_clear_object (&self->appsink);
  gst_clear_object (&self->pipeline);
  g_clear_object (&self->paintable);

  G_OBJECT_CLASS (hz_imaging_player_parent_class)->dispose (object);
}

static void
hz_imaging_player_finalize (GObject *object)
{
  HzImagingPlayer *self = HZ_IMAGING_PLAYER (object);

  g_clear_pointer (&self->cached, hz_dicom_frame_free);
  g_clear_pointer (&self->pending, g_bytes_unref);
  gst_clear_buffer (&self->preroll_buffer);
  g_clear_pointer (&self->info, hz_dicom_info_free);
  g_clear_pointer (&self->starts, g_array_unref);
  g_clear_pointer (&self->dicom, hz_dicom_free);
  g_clear_pointer (&self->stream_error, g_free);
  g_free (self->path);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (hz_imaging_player_parent_class)->finalize (object);
}

static void
hz_imaging_player_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  HzImagingPlayer *self = HZ_IMAGING_PLAYER (object);

  switch (prop_id)
    {
    case PROP_FRAME:
      g_value_set_int (value, self->frame);
      break;
    case PROP_N_FRAMES:
      g_value_set_uint (value, self->n_frames);
      break;
    case PROP_PLAYING:
      g_value_set_boolean (value, self->playing);
      break;
    case PROP_READY:
      g_value_set_boolean (value, self->ready);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hz_imaging_player_class_init (HzImagingPlayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hz_imaging_player_dispose;
  object_class->finalize = hz_imaging_player_finalize;
  object_class->get_property = hz_imaging_player_get_property;

  properties[PROP_FRAME] =
    g_param_spec_int ("frame", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_FRAMES] =
    g_param_spec_uint ("n-frames", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLAYING] =
    g_param_spec_boolean ("playing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_READY] =
    g_param_spec_boolean ("ready", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HzImagingPlayer::error:
   * @message: translated, says what could not be played
   */
  signals[SIGNAL_ERROR] =
    g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
hz_imaging_player_init (HzImagingPlayer *self)
{
  g_mutex_init (&self->lock);
  self->paintable = hz_imaging_paintable_new ();
  self->frame = -1;
  self->speed = 1;
  self->loop = TRUE;
  self->pending_seek = -1;
}
