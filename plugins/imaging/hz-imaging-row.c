/* hz-imaging-row.c — one image or clip of the study browser, updated in place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-imaging"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <gst/gst.h>
#include <gst/app/gstappsink.h>
#include <gst/video/video.h>
#include <hz-ui.h>

#include "hz-imaging-row.h"

#define THUMB_SIZE 96

struct _HzImagingRow
{
  GObject        parent_instance;

  char          *key;
  HzImagingItem *item;
  char          *title;
  char          *subtitle;
  GdkTexture    *thumbnail;
  gboolean       thumbnail_started;
  GCancellable  *cancellable;
};

enum {
  PROP_0,
  PROP_TITLE,
  PROP_SUBTITLE,
  PROP_THUMBNAIL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (HzImagingRow, hz_imaging_row, G_TYPE_OBJECT)

char *
hz_imaging_row_dup_key_for (const HzImagingItem *item)
{
  if (item->sop_uid != NULL)
    return g_strdup_printf ("%s/%s#%s", item->resource_type, item->resource_id, item->sop_uid);
  return g_strdup_printf ("%s/%s", item->resource_type, item->resource_id);
}

static void
describe (HzImagingRow *self)
{
  const HzImagingItem *item = self->item;
  g_autofree char *date = item->date != NULL ? hz_ui_format_date (item->date) : NULL;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  g_free (self->title);
  g_free (self->subtitle);
  if (item->title != NULL && *item->title != '\0')
    self->title = g_strdup (item->title);
  else if (item->sop_uid == NULL)
    /* Translators: a video clip without a title in the study browser: 视频片段 */
    self->title = g_strdup (_("Video clip"));
  else if (item->series_number > 0)
    /* Translators: %u is the series number: 序列 2 */
    self->title = g_strdup_printf (_("Series %u"), item->series_number);
  else if (g_strcmp0 (item->modality, "US") == 0)
    /* Translators: an image without a series description: 超声图像 */
    self->title = g_strdup (_("Ultrasound image"));
  else
    /* Translators: 图像 */
    self->title = g_strdup (_("Image"));

  if (item->modality != NULL)
    g_ptr_array_add (parts, g_strdup (item->modality));
  if (item->sop_uid == NULL)
    g_ptr_array_add (parts, g_strdup (_("clip")));
  else if (item->frames > 1)
    /* Translators: a cine loop in the study browser: 120帧 */
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u frame", "%u frames", item->frames),
                                             item->frames));
  else
    /* Translators: a single image in the study browser: 单帧 */
    g_ptr_array_add (parts, g_strdup (_("still")));
  if (item->path == NULL)
    /* Translators: the file of an image listed by another system is not held here */
    g_ptr_array_add (parts, g_strdup (_("file not held here")));
  g_ptr_array_add (parts, NULL);
  {
    /* Translators: the separator between the parts of a row's subtitle */
    g_autofree char *rest = g_strjoinv (_(" · "), (char **) parts->pdata);

    /* the date on a line of its own: the browser is narrow */
    self->subtitle = date != NULL ? g_strconcat (date, "\n", rest, NULL) : g_steal_pointer (&rest);
  }
}

HzImagingRow *
hz_imaging_row_new (HzImagingItem *item)
{
  HzImagingRow *self = g_object_new (HZ_TYPE_IMAGING_ROW, NULL);

  self->item = item;
  self->key = hz_imaging_row_dup_key_for (item);
  describe (self);
  return self;
}

const char *
hz_imaging_row_get_key (HzImagingRow *self)
{
  return self->key;
}

const HzImagingItem *
hz_imaging_row_get_item (HzImagingRow *self)
{
  return self->item;
}

char *
hz_imaging_row_dup_reference (HzImagingRow *self)
{
  return g_strdup_printf ("%s/%s", self->item->resource_type, self->item->resource_id);
}

void
hz_imaging_row_update (HzImagingRow  *self,
                       HzImagingItem *item)
{
  gboolean new_file = g_strcmp0 (item->sha256, self->item->sha256) != 0 ||
                      g_strcmp0 (item->path, self->item->path) != 0;
  g_autofree char *title = g_strdup (self->title);
  g_autofree char *subtitle = g_strdup (self->subtitle);

  hz_imaging_item_free (self->item);
  self->item = item;
  describe (self);
  if (g_strcmp0 (title, self->title) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  if (g_strcmp0 (subtitle, self->subtitle) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
  if (new_file)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      g_clear_object (&self->thumbnail);
      self->thumbnail_started = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THUMBNAIL]);
    }
}

const char *
hz_imaging_row_get_title (HzImagingRow *self)
{
  return self->title;
}

const char *
hz_imaging_row_get_subtitle (HzImagingRow *self)
{
  return self->subtitle;
}

/* --- the thumbnail (worker thread) --------------------------------------------- */

typedef struct
{
  guint   width, height;
  GBytes *bytes;
} Thumb;

static void
thumb_free (Thumb *thumb)
{
  g_clear_pointer (&thumb->bytes, g_bytes_unref);
  g_free (thumb);
}

/* A clip's first frame, scaled by GStreamer, as RGB */
static Thumb *
clip_thumbnail (const char  *path,
                GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *quoted = g_strescape (uri, NULL);
  g_autofree char *description =
    g_strdup_printf ("uridecodebin uri=\"%s\" caps=video/x-raw ! videoconvert ! videoscale ! "
                     "video/x-raw,format=RGB,height=%d,pixel-aspect-ratio=1/1 ! "
                     "appsink name=sink sync=false max-buffers=1", quoted, THUMB_SIZE * 3 / 4);
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstElement) sink = NULL;
  g_autoptr(GstSample) sample = NULL;
  GstVideoInfo vinfo;
  GstMapInfo map;
  Thumb *thumb;
  guint8 *out;

  if (!gst_is_initialized ())
    gst_init (NULL, NULL);
  pipeline = gst_parse_launch (description, error);
  if (pipeline == NULL)
    return NULL;
  gst_object_ref_sink (pipeline);
  sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink");
  gst_element_set_state (pipeline, GST_STATE_PAUSED);
  sample = gst_app_sink_try_pull_preroll (GST_APP_SINK (sink), 10 * GST_SECOND);
  if (sample == NULL || !gst_video_info_from_caps (&vinfo, gst_sample_get_caps (sample)) ||
      !gst_buffer_map (gst_sample_get_buffer (sample), &map, GST_MAP_READ))
    {
      gst_element_set_state (pipeline, GST_STATE_NULL);
      /* Translators: %s is a file name */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The clip %s could not be read"), path);
      return NULL;
    }
  thumb = g_new0 (Thumb, 1);
  thumb->width = (guint) GST_VIDEO_INFO_WIDTH (&vinfo);
  thumb->height = (guint) GST_VIDEO_INFO_HEIGHT (&vinfo);
  out = g_malloc ((gsize) thumb->width * thumb->height * 3);
  for (guint y = 0; y < thumb->height; y++)
    memcpy (out + (gsize) y * thumb->width * 3,
            map.data + (gsize) y * GST_VIDEO_INFO_PLANE_STRIDE (&vinfo, 0), thumb->width * 3);
  thumb->bytes = g_bytes_new_take (out, (gsize) thumb->width * thumb->height * 3);
  gst_buffer_unmap (gst_sample_get_buffer (sample), &map);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  return thumb;
}

static void
make_thumbnail (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  const char *path = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(HzDicom) dicom = NULL;
  g_autoptr(HzDicomFrame) frame = NULL;
  g_autofree guint8 *rgb = NULL;
  Thumb *thumb;
  guint8 *out;
  double scale;

  if (g_task_get_source_tag (task) == clip_thumbnail)
    {
      thumb = clip_thumbnail (path, &error);
      if (thumb == NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_pointer (task, thumb, (GDestroyNotify) thumb_free);
      return;
    }
  dicom = hz_dicom_open (path, &error);
  if (dicom == NULL || (frame = hz_dicom_decode_frame (dicom, 0, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  rgb = hz_dicom_frame_to_rgb (dicom, frame);
  scale = MIN (1.0, (double) THUMB_SIZE / MAX (frame->width, frame->height));
  thumb = g_new0 (Thumb, 1);
  thumb->width = MAX (1u, (guint) (frame->width * scale));
  thumb->height = MAX (1u, (guint) (frame->height * scale));
  out = g_malloc ((gsize) thumb->width * thumb->height * 3);
  for (guint y = 0; y < thumb->height; y++)
    for (guint x = 0; x < thumb->width; x++)
      {
        guint sx = MIN ((guint) (x / scale), frame->width - 1);
        guint sy = MIN ((guint) (y / scale), frame->height - 1);

        memcpy (out + ((gsize) y * thumb->width + x) * 3, rgb + ((gsize) sy * frame->width + sx) * 3, 3);
      }
  thumb->bytes = g_bytes_new_take (out, (gsize) thumb->width * thumb->height * 3);
  g_task_return_pointer (task, thumb, (GDestroyNotify) thumb_free);
}

static void
on_thumbnail (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  HzImagingRow *self = HZ_IMAGING_ROW (source);
  g_autoptr(GError) error = NULL;
  Thumb *thumb = g_task_propagate_pointer (G_TASK (result), &error);

  if (thumb == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("thumbnail of %s: %s", self->key, error->message);
      return;
    }
  g_clear_object (&self->thumbnail);
  self->thumbnail = gdk_memory_texture_new ((int) thumb->width, (int) thumb->height, GDK_MEMORY_R8G8B8,
                                            thumb->bytes, thumb->width * 3);
  thumb_free (thumb);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THUMBNAIL]);
}

GdkPaintable *
hz_imaging_row_get_thumbnail (HzImagingRow *self)
{
  if (!self->thumbnail_started && self->item->path != NULL)
    {
      g_autoptr(GTask) task = NULL;

      self->thumbnail_started = TRUE;
      self->cancellable = g_cancellable_new ();
      task = g_task_new (self, self->cancellable, on_thumbnail, NULL);
      if (self->item->sop_uid == NULL)
        g_task_set_source_tag (task, clip_thumbnail);
      g_task_set_task_data (task, g_strdup (self->item->path), g_free);
      g_task_run_in_thread (task, make_thumbnail);
    }
  return self->thumbnail != NULL ? GDK_PAINTABLE (self->thumbnail) : NULL;
}

static void
hz_imaging_row_dispose (GObject *object)
{
  HzImagingRow *self = HZ_IMAGING_ROW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->thumbnail);

  G_OBJECT_CLASS (hz_imaging_row_parent_class)->dispose (object);
}

static void
hz_imaging_row_finalize (GObject *object)
{
  HzImagingRow *self = HZ_IMAGING_ROW (object);

  g_clear_pointer (&self->item, hz_imaging_item_free);
  g_free (self->key);
  g_free (self->title);
  g_free (self->subtitle);

  G_OBJECT_CLASS (hz_imaging_row_parent_class)->finalize (object);
}

static void
hz_imaging_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  HzImagingRow *self = HZ_IMAGING_ROW (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;
    case PROP_THUMBNAIL:
      g_value_set_object (value, hz_imaging_row_get_thumbnail (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hz_imaging_row_class_init (HzImagingRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hz_imaging_row_dispose;
  object_class->finalize = hz_imaging_row_finalize;
  object_class->get_property = hz_imaging_row_get_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_THUMBNAIL] =
    g_param_spec_object ("thumbnail", NULL, NULL, GDK_TYPE_PAINTABLE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hz_imaging_row_init (HzImagingRow *self)
{
}
