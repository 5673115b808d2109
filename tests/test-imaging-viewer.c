/* test-imaging-viewer.c — the imaging page in the huizhen window, as a sonographer uses it
 *
 * Runs under Xvfb (suite "ui"). The window is the program's own, its
 * database a temporary one seeded with the demo bundles. Fixtures are
 * made here: a calibrated 5-frame ultrasound cine (64 × 48, MONOCHROME2,
 * 0.1 mm a pixel, frame time 40 ms) and an uncalibrated still, by dcmtk
 * (hz-test-dicom.h); a 30-frame WebM clip by GStreamer. They are imported
 * into the open case with hz_imaging_import(), and the page's browser
 * shows them without being asked. The pixels on the screen are read by
 * rendering the GtkPicture's paintable with the window's renderer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-imaging"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>
#include <gst/gst.h>
#include <hz-ui.h>

#include "hz-application.h"
#include "hz-case-workspace.h"
#include "hz-imaging-annotation.h"
#include "hz-imaging-canvas.h"
#include "hz-imaging-export.h"
#include "hz-imaging-pacs-dialog.h"
#include "hz-imaging-page.h"
#include "hz-imaging-paintable.h"
#include "hz-imaging-row.h"
#include "hz-test-app.h"
#include "hz-test-dicom.h"
#include "hz-test-keys.h"
#include "hz-test-orthanc.h"
#include "hz-test-utils.h"
#include "hz-test-widgets.h"
#include "hz-window.h"

#define CASE_ID "c1-episode"
#define COLUMNS 64
#define ROWS    48
#define FRAMES  5
#define CINE_SOP  "1.2.826.0.1.3680043.10.1186.1.2"
#define STILL_SOP "1.2.826.0.1.3680043.10.1186.1.7"

#define US_REGIONS \
  "(0010,0010) PN [王小红]\n" \
  "(0010,0020) LO [HZ-0001]\n" \
  "(0018,1063) DS [40]\n" \
  "(0018,6011) SQ (Sequence with undefined length #=1)\n" \
  "(fffe,e000) na (Item with undefined length #=8)\n" \
  "(0018,6012) US 1\n" \
  "(0018,6014) US 1\n" \
  "(0018,6018) UL 0\n" \
  "(0018,601a) UL 0\n" \
  "(0018,601c) UL 63\n" \
  "(0018,601e) UL 47\n" \
  "(0018,6024) US 3\n" \
  "(0018,6026) US 3\n" \
  "(0018,602c) FD 0.01\n" \
  "(0018,602e) FD 0.01\n" \
  "(fffe,e00d) na (ItemDelimitationItem)\n" \
  "(fffe,e0dd) na (SequenceDelimitationItem)\n"

static char *fixtures;
static char *cine_path, *still_path, *clip_path;

/* --- helpers ------------------------------------------------------------------- */

static HzImagingPage *
get_page (void)
{
  GtkWidget *page = hz_test_app_get_page ("imaging");

  return page != NULL ? HZ_IMAGING_PAGE (page) : NULL;
}

static gboolean
page_open (gpointer data)
{
  HzCaseWorkspace *workspace = hz_test_app_get_workspace ();

  return workspace != NULL && hz_case_workspace_get_loaded (workspace) && get_page () != NULL;
}

static HzCase *
get_case (void)
{
  return hz_case_workspace_get_case (hz_test_app_get_workspace ());
}

static GtkWidget *
named (const char *name)
{
  GtkWidget *found = hz_test_find_named (GTK_WIDGET (get_page ()), name);

  g_assert_nonnull (found);
  return found;
}

static void
iterate (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

typedef struct
{
  HzImagingPlayer *player;
  int              frame;
} FrameWait;

static gboolean
frame_is (gpointer data)
{
  FrameWait *w = data;
  HzImagingPage *page = get_page ();
  HzImagingPlayer *player = w->player != NULL ? w->player : hz_imaging_page_get_player (page);

  return player != NULL && hz_imaging_player_get_ready (player) &&
         hz_imaging_player_get_frame (player) == w->frame;
}

static void
wait_frame (HzImagingPlayer *player,
            int              frame)
{
  FrameWait w = { player, frame };

  if (!hz_test_wait_until (frame_is, &w))
    g_error ("frame %d was not shown (frame %d)", frame,
             hz_imaging_player_get_frame (player != NULL ? player : hz_imaging_page_get_player (get_page ())));
  /* the texture is set in the same idle as the frame number */
  iterate (50);
}

/* The picture's paintable rendered by the window's renderer: BGRA */
static guint8 *
render_picture (GtkPicture *picture,
                int        *width,
                int        *height)
{
  GdkPaintable *paintable = gtk_picture_get_paintable (picture);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (GTK_WIDGET (picture)));
  guint8 *data;

  g_assert_nonnull (paintable);
  *width = gdk_paintable_get_intrinsic_width (paintable);
  *height = gdk_paintable_get_intrinsic_height (paintable);
  g_assert_cmpint (*width, >, 0);
  gdk_paintable_snapshot (paintable, snapshot, *width, *height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, *width, *height));
  data = g_malloc ((gsize) *width * *height * 4);
  gdk_texture_download (texture, data, (gsize) *width * 4);
  return data;
}

/* The grey of the shown image at (x, y) */
static guint
shown_grey (int x,
            int y)
{
  GtkPicture *picture = hz_imaging_canvas_get_picture (hz_imaging_page_get_canvas (get_page ()));
  int w, h;
  g_autofree guint8 *data = render_picture (picture, &w, &h);
  const guint8 *p = data + ((gsize) y * w + x) * 4;

  g_assert_cmpint (w, ==, COLUMNS);
  g_assert_cmpint (h, ==, ROWS);
  g_assert_cmpuint (p[0], ==, p[1]);
  g_assert_cmpuint (p[1], ==, p[2]);
  return p[0];
}

static HzImagingRow *
row_with_key_suffix (const char *suffix)
{
  GListModel *rows = hz_imaging_page_get_rows (get_page ());

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(HzImagingRow) row = g_list_model_get_item (rows, i);

      if (g_str_has_suffix (hz_imaging_row_get_key (row), suffix))
        return row;
    }
  return NULL;
}

static HzImagingRow *
clip_row (void)
{
  GListModel *rows = hz_imaging_page_get_rows (get_page ());

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(HzImagingRow) row = g_list_model_get_item (rows, i);

      if (g_str_has_prefix (hz_imaging_row_get_key (row), "Media/"))
        return row;
    }
  return NULL;
}

static gboolean
player_shows (gpointer data)
{
  HzImagingPlayer *player = hz_imaging_page_get_player (get_page ());

  return player != NULL && hz_imaging_player_get_ready (player) && hz_imaging_player_get_frame (player) >= 0;
}

static void
open_key_suffix (const char *suffix)
{
  HzImagingRow *row = row_with_key_suffix (suffix);

  g_assert_nonnull (row);
  g_assert_true (hz_imaging_page_open (get_page (), hz_imaging_row_get_key (row)));
  if (!hz_test_wait_until (player_shows, NULL))
    g_error ("%s was not shown", suffix);
}

/* The linear window of DICOM PS3.3 C.11.2.1.2.1, written out again here */
static guint
expected_window (double x,
                 double c,
                 double w)
{
  if (x <= c - 0.5 - (w - 1) / 2)
    return 0;
  if (x > c - 0.5 + (w - 1) / 2)
    return 255;
  return (guint) (((x - (c - 0.5)) / (w - 1) + 0.5) * 255);
}

static void
import_files (const char * const *paths)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(HzImagingImportResult) result = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; paths[i] != NULL; i++)
    g_ptr_array_add (files, g_file_new_for_path (paths[i]));
  result = hz_imaging_import (hz_window_get_store (hz_test_app_get_window ()), CASE_ID, files,
                              NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->n_refused, ==, 0);
}

static gboolean
rows_are (gpointer data)
{
  return g_list_model_get_n_items (hz_imaging_page_get_rows (get_page ())) == GPOINTER_TO_UINT (data);
}

/* --- fixtures ------------------------------------------------------------------ */

/* Runs a gst-launch description to its end */
static void
run_pipeline (const char *description)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstMessage) message = NULL;

  pipeline = gst_parse_launch (description, &error);
  g_assert_no_error (error);
  gst_object_ref_sink (pipeline);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  bus = gst_element_get_bus (pipeline);
  message = gst_bus_timed_pop_filtered (bus, 30 * GST_SECOND, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  g_assert_nonnull (message);
  if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR)
    {
      g_autoptr(GError) gst_error = NULL;

      gst_message_parse_error (message, &gst_error, NULL);
      g_error ("%s: %s", description, gst_error->message);
    }
  gst_element_set_state (pipeline, GST_STATE_NULL);
}


static void
make_fixtures (void)
{
  const HzTestImage cine = { ROWS, COLUMNS, FRAMES, 1, "MONOCHROME2", 8, 8, FALSE, 0, US_REGIONS, NULL };
  const HzTestImage still = { ROWS, COLUMNS, 1, 1, "MONOCHROME2", 8, 8, FALSE, 0, NULL, NULL };
  gsize length;
  g_autofree guint8 *pixels = hz_test_dicom_pixels (&cine, &length);
  g_autofree guint8 *still_pixels = NULL;
  g_autofree char *description = NULL;
  const char *modify[] = { "dcmodify", "-nb", "-m", "(0008,0018)=" STILL_SOP, NULL, NULL };

  fixtures = g_build_filename (hz_test_app_get_tmp_dir (), "fixtures", NULL);
  g_assert_cmpint (g_mkdir_with_parents (fixtures, 0700), ==, 0);
  cine_path = hz_test_dicom_make (fixtures, "cine", &cine, pixels, length);
  still_pixels = hz_test_dicom_pixels (&still, &length);
  still_path = hz_test_dicom_make (fixtures, "still", &still, still_pixels, length);
  modify[4] = still_path;
  hz_test_dicom_run (modify);

  /* a 30-frame clip: red on the left half, blue on the right */
  clip_path = g_build_filename (fixtures, "clip.webm", NULL);
  gst_init (NULL, NULL);
  description = g_strdup_printf ("videotestsrc num-buffers=30 pattern=smpte ! "
                                 "video/x-raw,width=64,height=48,framerate=30/1 ! videoconvert ! "
                                 "vp8enc ! webmmux ! filesink location=\"%s\"", clip_path);
  run_pipeline (description);
}

/* --- the tests ----------------------------------------------------------------- */

/* The browser follows the case: an import elsewhere adds rows in place */
static void
test_browser (void)
{
  const char *first[] = { cine_path, clip_path, NULL };
  const char *second[] = { still_path, NULL };
  g_autoptr(HzImagingRow) cine = NULL;
  HzImagingRow *again;

  g_assert_cmpuint (g_list_model_get_n_items (hz_imaging_page_get_rows (get_page ())), ==, 0);
  import_files (first);
  g_assert_true (hz_test_wait_until (rows_are, GUINT_TO_POINTER (2)));
  cine = g_object_ref (row_with_key_suffix ("#" CINE_SOP));
  g_assert_nonnull (cine);
  g_assert_nonnull (clip_row ());
  g_assert_true (g_str_has_suffix (hz_imaging_row_get_subtitle (cine), "5 frames"));

  /* the same study gains an instance: a new version of the ImagingStudy */
  import_files (second);
  g_assert_true (hz_test_wait_until (rows_are, GUINT_TO_POINTER (3)));
  again = row_with_key_suffix ("#" CINE_SOP);
  g_assert_true (again == cine);
  g_assert_nonnull (row_with_key_suffix ("#" STILL_SOP));
}

/* The picture shows the stored values (default window: the full 8 bits) */
static void
test_pixels (void)
{
  HzImagingPlayer *player;

  open_key_suffix ("#" CINE_SOP);
  player = hz_imaging_page_get_player (get_page ());
  g_assert_cmpuint (hz_imaging_player_get_n_frames (player), ==, FRAMES);
  g_assert_cmpfloat (hz_imaging_player_get_frame_time (player), ==, 40);
  g_assert_true (gtk_picture_get_paintable (hz_imaging_canvas_get_picture (hz_imaging_page_get_canvas (get_page ())))
                 == hz_imaging_player_get_paintable (player));
  g_assert_cmpuint (shown_grey (5, 7), ==, hz_test_dicom_pattern (5, 7, 0, 0, 8));
  g_assert_cmpuint (shown_grey (40, 30), ==, hz_test_dicom_pattern (40, 30, 0, 0, 8));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (named ("imaging-frame-label"))), ==, "1 / 5");
}

/* Next frame, previous frame, wrapping when looping */
static void
test_step (void)
{
  HzImagingPlayer *player;

  open_key_suffix ("#" CINE_SOP);
  player = hz_imaging_page_get_player (get_page ());
  gtk_widget_activate (named ("imaging-step-forward"));
  wait_frame (player, 1);
  g_assert_cmpuint (shown_grey (5, 7), ==, hz_test_dicom_pattern (5, 7, 0, 1, 8));
  g_assert_cmpuint (shown_grey (5, 7), !=, hz_test_dicom_pattern (5, 7, 0, 0, 8));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (named ("imaging-frame-label"))), ==, "2 / 5");
  gtk_widget_activate (named ("imaging-step-forward"));
  wait_frame (player, 2);
  g_assert_cmpuint (shown_grey (20, 20), ==, hz_test_dicom_pattern (20, 20, 0, 2, 8));
  gtk_widget_activate (named ("imaging-step-back"));
  wait_frame (player, 1);
  /* the loop is on: back from the first frame is the last */
  hz_imaging_player_seek (player, 0);
  wait_frame (player, 0);
  gtk_widget_activate (named ("imaging-step-back"));
  wait_frame (player, FRAMES - 1);
  g_assert_cmpuint (shown_grey (20, 20), ==, hz_test_dicom_pattern (20, 20, 0, FRAMES - 1, 8));
}

/* The cine plays at its frame time, every frame, and stops when it is not looping */
/* Each frame the player shows, as it shows it (one main-loop iteration
 * may show two under load: polling between iterations would miss one) */
static void
on_frame_shown (HzImagingPlayer *player,
                GParamSpec      *pspec,
                gboolean        *seen)
{
  int f = hz_imaging_player_get_frame (player);

  if (f >= 0 && f < FRAMES)
    seen[f] = TRUE;
}

static void
test_play (void)
{
  HzImagingPlayer *player;
  HzImagingPlayerStats stats;
  gboolean seen[FRAMES] = { FALSE };
  gint64 deadline;
  gulong handler;

  open_key_suffix ("#" CINE_SOP);
  player = hz_imaging_page_get_player (get_page ());
  hz_imaging_player_seek (player, 0);
  wait_frame (player, 0);
  seen[0] = TRUE;
  handler = g_signal_connect (player, "notify::frame", G_CALLBACK (on_frame_shown), seen);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (named ("imaging-loop")), FALSE);
  g_signal_emit_by_name (named ("imaging-play"), "clicked");
  g_assert_true (hz_imaging_player_get_playing (player));
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (hz_imaging_player_get_playing (player) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (hz_imaging_player_get_playing (player));
  iterate (100);
  g_signal_handler_disconnect (player, handler);
  seen[hz_imaging_player_get_frame (player)] = TRUE;
  for (guint f = 0; f < FRAMES; f++)
    g_assert_true (seen[f]);
  g_assert_cmpint (hz_imaging_player_get_frame (player), ==, FRAMES - 1);
  hz_imaging_player_get_stats (player, &stats);
  g_assert_cmpuint (stats.dropped, ==, 0);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (named ("imaging-loop")), TRUE);
}

typedef struct
{
  guint x, y, before;
} PixelWait;

static gboolean
pixel_changed (gpointer data)
{
  PixelWait *w = data;

  return shown_grey ((int) w->x, (int) w->y) != w->before;
}

/* A drag with the secondary button changes the window; the pixels follow */
static void
test_window_drag (void)
{
  HzImagingPage *page = get_page ();
  HzImagingCanvas *canvas;
  HzImagingPlayer *player;
  PixelWait w = { 40, 30, 0 };
  double c, width, x = 0, y = 0;
  guint value = hz_test_dicom_pattern (40, 30, 0, 0, 8);

  open_key_suffix ("#" CINE_SOP);
  canvas = hz_imaging_page_get_canvas (page);
  player = hz_imaging_page_get_player (page);
  hz_imaging_player_seek (player, 0);
  wait_frame (player, 0);
  g_assert_true (hz_imaging_page_apply_preset (page, "default"));
  wait_frame (player, 0);
  w.before = shown_grey (40, 30);
  g_assert_cmpuint (w.before, ==, value);

  hz_imaging_canvas_image_to_widget (canvas, 32, 24, &x, &y);
  /* left: a narrower window (more contrast); up: a lower level (brighter) */
  hz_test_drag (GTK_WIDGET (canvas), 3, x, y, x - 100, y - 30);
  g_assert_true (hz_test_wait_until (pixel_changed, &w));
  hz_imaging_player_get_window (player, &c, &width);
  g_assert_cmpfloat (width, ==, 156);
  g_assert_cmpfloat (c, ==, 98);
  g_assert_true (hz_imaging_player_get_window_changed (player));
  g_assert_cmpuint (shown_grey (40, 30), ==, expected_window (value, c, width));
  g_assert_cmpuint (shown_grey (5, 7), ==, expected_window (hz_test_dicom_pattern (5, 7, 0, 0, 8), c, width));

  /* invert, then the presets */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (named ("imaging-invert")), TRUE);
  w.before = shown_grey (40, 30);
  g_assert_true (hz_test_wait_until (pixel_changed, &w));
  g_assert_cmpuint (shown_grey (40, 30), ==, 255 - expected_window (value, c, width));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (named ("imaging-invert")), FALSE);
  g_assert_true (hz_imaging_page_apply_preset (page, "obstetric"));
  w.before = 255 - expected_window (value, c, width);
  g_assert_true (hz_test_wait_until (pixel_changed, &w));
  iterate (100);
  g_assert_cmpuint (shown_grey (40, 30), ==, expected_window (value, 110, 200));
  g_assert_true (hz_imaging_page_apply_preset (page, "default"));
  w.before = expected_window (value, 110, 200);
  g_assert_true (hz_test_wait_until (pixel_changed, &w));
  iterate (100);
  g_assert_cmpuint (shown_grey (40, 30), ==, value);
}

static gboolean
n_annotations_is (gpointer data)
{
  return hz_imaging_page_get_annotations (get_page ())->len == GPOINTER_TO_UINT (data);
}

static HzResource *
find_annotation_observation (const char *code)
{
  GListModel *observations = hz_case_get_resources (get_case (), "Observation");

  for (guint i = 0; i < g_list_model_get_n_items (observations); i++)
    {
      g_autoptr(HzResource) r = g_list_model_get_item (observations, i);

      if (g_strcmp0 (hz_fhir_jv_get_concept_code (hz_resource_get_value (r), "code", HZ_SYSTEM_IMAGING_ANNOTATION),
                     code) == 0)
        return r;
    }
  return NULL;
}

/* Calipers on a calibrated image: mm from the regions, saved to the case */
static void
test_calipers (void)
{
  HzImagingPage *page = get_page ();
  HzImagingCanvas *canvas;
  double x0, y0, x1, y1, value = 0;
  HzResource *observation;
  const HzJv *json;
  g_autofree char *label = NULL;
  HzImagingAnnotation *a;
  guint before;

  open_key_suffix ("#" CINE_SOP);
  hz_imaging_player_seek (hz_imaging_page_get_player (page), 0);
  wait_frame (NULL, 0);
  canvas = hz_imaging_page_get_canvas (page);
  before = hz_imaging_page_get_annotations (page)->len;
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (named ("imaging-tool-distance")), TRUE);
  g_assert_cmpint (hz_imaging_canvas_get_tool (canvas), ==, HZ_IMAGING_TOOL_DISTANCE);
  /* 30 pixels across and 40 down, 0.1 mm a pixel: 5.0 mm */
  hz_imaging_canvas_image_to_widget (canvas, 10, 5, &x0, &y0);
  hz_imaging_canvas_image_to_widget (canvas, 40, 45, &x1, &y1);
  hz_test_drag (GTK_WIDGET (canvas), 1, x0, y0, x1, y1);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (named ("imaging-measurement"))), ==,
                   "Distance 5.0 mm");
  g_assert_true (hz_test_wait_until (n_annotations_is, GUINT_TO_POINTER (before + 1)));
  a = g_ptr_array_index (hz_imaging_page_get_annotations (page), before);
  label = hz_imaging_annotation_format (a);
  g_assert_cmpstr (label, ==, "5.0 mm");
  /* where the pointer went, in image pixels (one screen pixel is a fraction of one) */
  g_assert_cmpfloat (fabs (a->x0 - 10), <, 0.5);
  g_assert_cmpfloat (fabs (a->y0 - 5), <, 0.5);
  g_assert_cmpfloat (fabs (a->x1 - 40), <, 0.5);
  g_assert_cmpfloat (fabs (a->y1 - 45), <, 0.5);
  observation = find_annotation_observation ("distance");
  g_assert_nonnull (observation);
  json = hz_resource_get_value (observation);
  g_assert_true (hz_jv_get_double (hz_jv_get (hz_jv_get_object (json, "valueQuantity"), "value"), &value));
  g_assert_cmpfloat (value, ==, 5.0);
  g_assert_cmpstr (hz_jv_get_path_string (json, "valueQuantity.code"), ==, "mm");
  g_assert_cmpstr (hz_jv_get_string (hz_jv_get_object_element (json, "partOf", 0), "reference"), ==,
                   hz_jv_get_string (hz_jv_get_object_element (json, "derivedFrom", 0), "reference"));
  g_assert_true (g_str_has_prefix (hz_jv_get_string (hz_jv_get_object_element (json, "partOf", 0), "reference"),
                                   "ImagingStudy/"));
  g_assert_cmpstr (hz_jv_get_path_string (json, "meta.versionId"), ==, "1");

  /* an ellipse 20 pixels wide and high: a 2 mm circle, π mm² */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (named ("imaging-tool-area")), TRUE);
  hz_imaging_canvas_apply_tool (canvas, 10, 10, 30, 30);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (named ("imaging-measurement"))), ==, "Area 3.1 mm²");
  g_assert_true (hz_test_wait_until (n_annotations_is, GUINT_TO_POINTER (before + 2)));

  /* the uncalibrated still says so, and saves no value in mm */
  open_key_suffix ("#" STILL_SOP);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (named ("imaging-tool-distance")), TRUE);
  hz_imaging_canvas_apply_tool (canvas, 10, 10, 40, 40);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (named ("imaging-measurement"))), ==,
                   "Uncalibrated image: the measurement is saved without a value in mm");
  g_assert_true (hz_test_wait_until (n_annotations_is, GUINT_TO_POINTER (1)));
  a = g_ptr_array_index (hz_imaging_page_get_annotations (page), 0);
  g_assert_false (a->calibrated);
  g_clear_pointer (&label, g_free);
  label = hz_imaging_annotation_format (a);
  g_assert_cmpstr (label, ==, "uncalibrated");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (named ("imaging-tool-pan")), TRUE);
}

/* A text and an arrow, typed in the popover; shown again when the image is
 * opened anew, and in another page of the same case */
static void
test_annotations_reload (void)
{
  HzImagingPage *page = get_page ();
  HzImagingCanvas *canvas = hz_imaging_page_get_canvas (page);
  GtkWidget *entry;
  guint before;
  gboolean found_text = FALSE, found_arrow = FALSE;
  GtkWidget *window, *other;
  HzImagingRow *row;

  open_key_suffix ("#" CINE_SOP);
  hz_imaging_player_seek (hz_imaging_page_get_player (page), 0);
  wait_frame (NULL, 0);
  before = hz_imaging_page_get_annotations (page)->len;
  entry = named ("imaging-annotation-entry");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (named ("imaging-tool-text")), TRUE);
  hz_imaging_canvas_apply_tool (canvas, 20, 20, 20, 20);
  gtk_editable_set_text (GTK_EDITABLE (entry), "胎盘下缘");
  g_signal_emit_by_name (entry, "activate");
  g_assert_true (hz_test_wait_until (n_annotations_is, GUINT_TO_POINTER (before + 1)));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (named ("imaging-tool-arrow")), TRUE);
  hz_imaging_canvas_apply_tool (canvas, 50, 40, 30, 20);
  gtk_editable_set_text (GTK_EDITABLE (entry), "宫颈内口");
  g_signal_emit_by_name (entry, "activate");
  g_assert_true (hz_test_wait_until (n_annotations_is, GUINT_TO_POINTER (before + 2)));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (named ("imaging-tool-pan")), TRUE);

  /* away and back */
  open_key_suffix ("#" STILL_SOP);
  open_key_suffix ("#" CINE_SOP);
  g_assert_cmpuint (hz_imaging_page_get_annotations (page)->len, ==, before + 2);

  /* a new page of the same case (as on reopening it) reads them from the case */
  other = hz_imaging_page_new (get_case (), NULL);
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  gtk_window_set_child (GTK_WINDOW (window), other);
  gtk_window_present (GTK_WINDOW (window));
  row = row_with_key_suffix ("#" CINE_SOP);
  g_assert_true (hz_imaging_page_open (HZ_IMAGING_PAGE (other), hz_imaging_row_get_key (row)));
  g_assert_cmpuint (hz_imaging_page_get_annotations (HZ_IMAGING_PAGE (other))->len, ==, before + 2);
  for (guint i = 0; i < before + 2; i++)
    {
      HzImagingAnnotation *a = g_ptr_array_index (hz_imaging_page_get_annotations (HZ_IMAGING_PAGE (other)), i);

      if (a->kind == HZ_IMAGING_ANNOTATION_TEXT && g_strcmp0 (a->text, "胎盘下缘") == 0)
        {
          found_text = TRUE;
          g_assert_cmpfloat (a->x0, ==, 20);
          g_assert_cmpfloat (a->y0, ==, 20);
        }
      if (a->kind == HZ_IMAGING_ANNOTATION_ARROW && g_strcmp0 (a->text, "宫颈内口") == 0)
        {
          found_arrow = TRUE;
          g_assert_cmpfloat (a->x1, ==, 30);
          g_assert_cmpfloat (a->y1, ==, 20);
          g_assert_cmpstr (a->instance_uid, ==, CINE_SOP);
        }
    }
  g_assert_true (found_text && found_arrow);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A click selects a caliper; deleting it writes a version entered in error */
static void
test_delete (void)
{
  HzImagingPage *page = get_page ();
  HzImagingCanvas *canvas = hz_imaging_page_get_canvas (page);
  const HzImagingAnnotation *selected;
  g_autofree char *reference = NULL;
  HzResource *resource;
  double x, y;
  guint before;

  open_key_suffix ("#" CINE_SOP);
  hz_imaging_player_seek (hz_imaging_page_get_player (page), 0);
  wait_frame (NULL, 0);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (named ("imaging-tool-pan")), TRUE);
  before = hz_imaging_page_get_annotations (page)->len;
  g_assert_false (gtk_widget_get_sensitive (named ("imaging-delete-annotation")));
  /* on the 5.0 mm caliper from (10, 5) to (40, 45) */
  hz_imaging_canvas_image_to_widget (canvas, 25, 25, &x, &y);
  hz_test_click (GTK_WIDGET (canvas), x, y);
  selected = hz_imaging_canvas_get_selected (canvas);
  g_assert_nonnull (selected);
  g_assert_cmpint (selected->kind, ==, HZ_IMAGING_ANNOTATION_DISTANCE);
  g_assert_cmpfloat (selected->value, ==, 5.0);
  reference = g_strdup (selected->reference);
  g_assert_true (gtk_widget_get_sensitive (named ("imaging-delete-annotation")));
  g_signal_emit_by_name (named ("imaging-delete-annotation"), "clicked");
  g_assert_true (hz_test_wait_until (n_annotations_is, GUINT_TO_POINTER (before - 1)));
  resource = hz_case_lookup (get_case (), reference);
  g_assert_nonnull (resource);
  g_assert_cmpstr (hz_jv_get_string (hz_resource_get_value (resource), "status"), ==, "entered-in-error");
  g_assert_cmpstr (hz_jv_get_path_string (hz_resource_get_value (resource), "meta.versionId"), ==, "2");
  g_assert_null (hz_imaging_canvas_get_selected (canvas));
}

/* The view state round trip: the same view in another page */
static void
test_syncable (void)
{
  HzImagingPage *page = get_page ();
  HzImagingPlayer *player;
  g_autoptr(JsonNode) state = NULL;
  g_autoptr(JsonNode) mirrored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  GtkWidget *window, *other;
  g_autoptr(JsonNode) bad = NULL;

  g_assert_cmpstr (hz_syncable_get_sync_id (HZ_SYNCABLE (page)), ==, "imaging");
  open_key_suffix ("#" CINE_SOP);
  player = hz_imaging_page_get_player (page);
  hz_imaging_player_seek (player, 3);
  wait_frame (player, 3);
  hz_imaging_player_set_window (player, 100, 150);
  hz_imaging_canvas_set_zoom (hz_imaging_page_get_canvas (page), 2);
  hz_imaging_canvas_set_pan (hz_imaging_page_get_canvas (page), 20, 15);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (named ("imaging-annotations")), FALSE);
  state = hz_syncable_get_state (HZ_SYNCABLE (page));
  a = json_to_string (state, FALSE);
  g_assert_nonnull (strstr (a, "\"frame\":3"));
  g_assert_nonnull (strstr (a, "\"window\":{\"center\":100.0,\"width\":150.0}"));

  other = hz_imaging_page_new (get_case (), NULL);
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  gtk_window_set_child (GTK_WINDOW (window), other);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (hz_syncable_apply_state (HZ_SYNCABLE (other), state, &error));
  g_assert_no_error (error);
  wait_frame (hz_imaging_page_get_player (HZ_IMAGING_PAGE (other)), 3);
  mirrored = hz_syncable_get_state (HZ_SYNCABLE (other));
  b = json_to_string (mirrored, FALSE);
  g_assert_cmpstr (a, ==, b);
  g_assert_false (hz_imaging_canvas_get_annotations_visible (hz_imaging_page_get_canvas (HZ_IMAGING_PAGE (other))));

  /* a wrong member is named, and nothing changes */
  bad = json_from_string ("{\"item\":null,\"frame\":-2,\"playing\":false,\"loop\":true,\"speed\":1,"
                          "\"window\":null,\"invert\":false,\"zoom\":0,\"pan\":[0,0],\"annotations\":true}", NULL);
  g_assert_false (hz_syncable_apply_state (HZ_SYNCABLE (other), bad, &error));
  g_assert_error (error, HZ_SYNCABLE_ERROR, HZ_SYNCABLE_ERROR_INVALID_STATE);
  g_assert_nonnull (strstr (error->message, "frame"));
  g_clear_pointer (&mirrored, json_node_unref);
  g_clear_pointer (&b, g_free);
  mirrored = hz_syncable_get_state (HZ_SYNCABLE (other));
  b = json_to_string (mirrored, FALSE);
  g_assert_cmpstr (a, ==, b);
  g_clear_error (&error);
  g_clear_pointer (&bad, json_node_unref);
  bad = json_from_string ("{\"item\":\"ImagingStudy/nope#1.2\",\"frame\":0,\"playing\":false,\"loop\":true,"
                          "\"speed\":1,\"window\":null,\"invert\":false,\"zoom\":0,\"pan\":[0,0],\"annotations\":true}", NULL);
  g_assert_false (hz_syncable_apply_state (HZ_SYNCABLE (other), bad, &error));
  g_assert_nonnull (strstr (error->message, "item"));
  gtk_window_destroy (GTK_WINDOW (window));

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (named ("imaging-annotations")), TRUE);
  hz_imaging_canvas_set_zoom (hz_imaging_page_get_canvas (page), 0);
  hz_imaging_page_apply_preset (page, "default");
}

static gboolean
has_thumbnail (gpointer data)
{
  return hz_imaging_row_get_thumbnail (data) != NULL;
}

static gboolean
clip_advanced (gpointer data)
{
  HzImagingPlayer *player = data;

  return hz_imaging_player_get_frame (player) >= 10;
}

/* A WebM clip plays through uridecodebin into the same paintable */
static void
test_clip (void)
{
  HzImagingPage *page = get_page ();
  HzImagingPlayer *player;
  HzImagingRow *row = clip_row ();
  GtkPicture *picture;
  g_autofree guint8 *data = NULL;
  int w, h;

  g_assert_nonnull (row);
  /* the browser's thumbnail of the clip: its first frame, 72 pixels high */
  g_assert_true (hz_test_wait_until (has_thumbnail, row));
  g_assert_cmpint (gdk_paintable_get_intrinsic_height (hz_imaging_row_get_thumbnail (row)), ==, 72);
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (hz_imaging_row_get_thumbnail (row)), ==, 96);
  g_assert_true (hz_imaging_page_open (page, hz_imaging_row_get_key (row)));
  player = hz_imaging_page_get_player (page);
  g_assert_true (hz_imaging_player_is_clip (player));
  wait_frame (player, 0);
  g_assert_cmpuint (hz_imaging_player_get_n_frames (player), ==, 30);
  g_signal_emit_by_name (named ("imaging-play"), "clicked");
  g_assert_true (hz_test_wait_until (clip_advanced, player));
  picture = hz_imaging_canvas_get_picture (hz_imaging_page_get_canvas (page));
  data = render_picture (picture, &w, &h);
  g_assert_cmpint (w, ==, 64);
  g_assert_cmpint (h, ==, 48);
  /* SMPTE bars: white-ish grey on the far left at the top (VP8 is lossy) */
  g_assert_cmpuint (data[(5 * w + 2) * 4 + 1], >, 150);
  g_signal_emit_by_name (named ("imaging-play"), "clicked");
  g_assert_false (hz_imaging_player_get_playing (player));
}

static gboolean
export_done (gpointer data)
{
  return *(gboolean *) data;
}

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (hz_imaging_export_cine_finish (result, &error));
  g_assert_no_error (error);
  *(gboolean *) data = TRUE;
}

/* The frame as shown to PNG; the cine to WebM and MP4, played back */
static void
test_export (void)
{
  HzImagingPage *page = get_page ();
  HzImagingPlayer *player;
  g_autofree char *png = g_build_filename (fixtures, "frame.png", NULL);
  g_autoptr(GdkTexture) read = NULL;
  g_autoptr(GError) error = NULL;
  guint8 pixel[4];
  const HzImagingExportFormat formats[] = { HZ_IMAGING_EXPORT_WEBM, HZ_IMAGING_EXPORT_MP4 };
  const char *names[] = { "cine.webm", "cine.mp4" };

  open_key_suffix ("#" CINE_SOP);
  player = hz_imaging_page_get_player (page);
  hz_imaging_player_seek (player, 2);
  wait_frame (player, 2);
  g_assert_true (hz_imaging_export_png (hz_imaging_paintable_get_texture (HZ_IMAGING_PAINTABLE (hz_imaging_player_get_paintable (player))),
                                        png, &error));
  g_assert_no_error (error);
  read = gdk_texture_new_from_filename (png, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (read), ==, COLUMNS);
  {
    g_autofree guint8 *all = g_malloc (COLUMNS * ROWS * 4);

    gdk_texture_download (read, all, COLUMNS * 4);
    memcpy (pixel, all + (7 * COLUMNS + 5) * 4, 4);
  }
  g_assert_cmpuint (pixel[1], ==, hz_test_dicom_pattern (5, 7, 0, 2, 8));

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *out = g_build_filename (fixtures, names[i], NULL);
      g_autoptr(HzImagingPlayer) back = NULL;
      gboolean done = FALSE;

      g_assert_true (hz_imaging_export_can_write (formats[i], &error));
      hz_imaging_export_cine_async (cine_path, FALSE, TRUE, 0, 0, FALSE, formats[i], out, NULL, on_exported, &done);
      g_assert_true (hz_test_wait_until (export_done, &done));
      g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));
      back = hz_imaging_player_new_clip (out, &error);
      g_assert_no_error (error);
      wait_frame (back, 0);
      g_assert_cmpuint (hz_imaging_player_get_n_frames (back), ==, FRAMES);
      g_assert_cmpfloat (fabs (hz_imaging_player_get_frame_time (back) - 40), <, 0.5);
      hz_imaging_player_stop (back);
    }
}

static void
on_player_error (HzImagingPlayer *player,
                 const char      *message,
                 gpointer         data)
{
  *(char **) data = g_strdup (message);
}

static gboolean
error_said (gpointer data)
{
  return *(char **) data != NULL;
}

/* Bad input: a file that is no DICOM is refused with its reason; a cine
 * whose third JPEG frame is broken shows the others and names that frame */
static void
test_bad_input (void)
{
  g_autofree char *text = g_build_filename (fixtures, "notes.dcm", NULL);
  g_autofree char *cine = hz_test_dicom_write_jpeg_cine (fixtures, "broken", 4, 64, 48, 40);
  g_autofree char *data = NULL;
  g_autofree char *message = NULL;
  g_autoptr(HzImagingPlayer) player = NULL;
  g_autoptr(GError) error = NULL;
  gsize length, seen = 0;

  g_assert_true (g_file_set_contents (text, "not a DICOM file at all", -1, NULL));
  g_assert_null (hz_imaging_player_new_dicom (text, &error));
  g_assert_error (error, HZ_DICOM_ERROR, HZ_DICOM_ERROR_TRUNCATED);
  g_assert_nonnull (strstr (error->message, "notes.dcm"));
  g_clear_error (&error);
  /* as a clip: GStreamer finds no video in it, said through ::error */
  player = hz_imaging_player_new_clip (text, &error);
  g_assert_no_error (error);
  g_signal_connect (player, "error", G_CALLBACK (on_player_error), &message);
  g_assert_true (hz_test_wait_until (error_said, &message));
  g_assert_true (g_str_has_prefix (message, "The images could not be played: "));
  hz_imaging_player_stop (player);
  g_clear_object (&player);
  g_clear_pointer (&message, g_free);

  /* the third JPEG's start of image (FF D8 FF) made 00 00 */
  g_assert_true (g_file_get_contents (cine, &data, &length, NULL));
  for (gsize i = 0; i + 2 < length; i++)
    if ((guint8) data[i] == 0xFF && (guint8) data[i + 1] == 0xD8 && (guint8) data[i + 2] == 0xFF && ++seen == 3)
      {
        data[i] = data[i + 1] = 0;
        break;
      }
  g_assert_cmpuint (seen, ==, 3);
  g_assert_true (g_file_set_contents (cine, data, (gssize) length, NULL));
  player = hz_imaging_player_new_dicom (cine, &error);
  g_assert_no_error (error);
  g_signal_connect (player, "error", G_CALLBACK (on_player_error), &message);
  wait_frame (player, 0);
  hz_imaging_player_seek (player, 0);
  wait_frame (player, 0);
  hz_imaging_player_seek (player, 1);
  wait_frame (player, 1);
  hz_imaging_player_seek (player, 2);
  g_assert_true (hz_test_wait_until (error_said, &message));
  g_assert_true (g_str_has_prefix (message, "Frame 3 could not be decoded: "));
  /* the frame before it stays on the screen */
  g_assert_cmpint (hz_imaging_player_get_frame (player), ==, 1);
  hz_imaging_player_stop (player);
}

/* --- import from the page: a dropped folder, the demo action ------------------ */

static gboolean
drop_files (GtkWidget *widget,
            GSList    *files)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_auto(GValue) value = G_VALUE_INIT;
  gboolean handled = FALSE;
  guint n_targets = 0;

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (files));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        {
          n_targets++;
          g_signal_emit_by_name (controller, "drop", &value, 10.0, 10.0, &handled);
        }
    }
  g_assert_cmpuint (n_targets, ==, 1);
  return handled;
}

/* A toast, when the ones before it have gone */
static gboolean
window_says (gpointer data)
{
  return hz_test_has_label_containing (GTK_WIDGET (hz_test_app_get_window ()), data);
}

static gboolean
import_finished (gpointer data)
{
  return !hz_imaging_page_get_importing (get_page ());
}

static guint
count_named (GtkWidget  *root,
             const char *name)
{
  guint n = g_strcmp0 (gtk_widget_get_name (root), name) == 0;

  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    n += count_named (c, name);
  return n;
}

/* A still made among the fixtures (beside its dump and raw pixels), then
 * moved to @dir alone */
static char *
make_still (const char *dir,
            const char *name,
            const char *sop,
            const char *patient)
{
  const HzTestImage still = { ROWS, COLUMNS, 1, 1, "MONOCHROME2", 8, 8, FALSE, 0, patient, NULL };
  gsize length;
  g_autofree guint8 *pixels = hz_test_dicom_pixels (&still, &length);
  g_autofree char *made = hz_test_dicom_make (fixtures, name, &still, pixels, length);
  g_autofree char *uid = g_strconcat ("(0008,0018)=", sop, NULL);
  g_autofree char *base = g_path_get_basename (made);
  const char *modify[] = { "dcmodify", "-nb", "-m", uid, made, NULL };
  char *path = g_build_filename (dir, base, NULL);

  hz_test_dicom_run (modify);
  g_assert_cmpint (g_rename (made, path), ==, 0);
  return path;
}

/* A folder dropped onto the page: its new images appear in the browser,
 * the progress runs to n of n and goes, a file of another patient is a
 * warning and a text file is refused, each named in the list */
static void
test_import_drop (void)
{
  g_autofree char *dir = g_build_filename (fixtures, "dropped", NULL);
  g_autofree char *sub = g_build_filename (dir, "series 2", NULL);
  g_autofree char *copy = g_build_filename (sub, "again.dcm", NULL);
  g_autofree char *notes = g_build_filename (dir, "notes.txt", NULL);
  g_autofree char *a = NULL, *b = NULL, *data = NULL;
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GFile) single = NULL;
  HzImagingPage *page = get_page ();
  GtkWidget *report;
  GSList *files;
  guint before;
  gsize length;

  g_assert_cmpint (g_mkdir_with_parents (sub, 0700), ==, 0);
  a = make_still (dir, "a", "1.2.826.0.1.3680043.10.1186.1.21", NULL);
  b = make_still (sub, "b", "1.2.826.0.1.3680043.10.1186.1.22",
                  "(0010,0010) PN [李四]\n(0010,0020) LO [X-9]\n");
  g_assert_true (g_file_get_contents (still_path, &data, &length, NULL));
  g_assert_true (g_file_set_contents (copy, data, (gssize) length, NULL));
  g_assert_true (g_file_set_contents (notes, "not an image", -1, NULL));

  before = g_list_model_get_n_items (hz_imaging_page_get_rows (page));
  files = g_slist_prepend (NULL, folder);
  g_assert_true (drop_files (GTK_WIDGET (page), files));
  g_assert_true (hz_imaging_page_get_importing (page));
  /* a second drop while it runs is refused, not run beside it */
  g_assert_false (drop_files (GTK_WIDGET (page), files));
  g_slist_free (files);
  g_assert_true (hz_test_wait_until (import_finished, NULL));
  g_assert_true (hz_test_wait_until (rows_are, GUINT_TO_POINTER (before + 2)));
  g_assert_nonnull (row_with_key_suffix ("#1.2.826.0.1.3680043.10.1186.1.21"));
  g_assert_nonnull (row_with_key_suffix ("#1.2.826.0.1.3680043.10.1186.1.22"));

  /* the progress ran to the end: four files looked at */
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (named ("imaging-import-progress"))), ==, 1.0);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (named ("imaging-import-label"))), ==, "Importing: 4 of 4 files");
  /* the outcome toasted, the findings listed */
  g_assert_true (hz_test_wait_until (window_says, "Images imported: 2 added, 1 already in the case, "
                                                  "1 refused (see the files listed on the left)"));
  report = named ("imaging-import-report");
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (report)));
  g_assert_cmpuint (count_named (report, "imaging-import-warning"), ==, 1);
  g_assert_cmpuint (count_named (report, "imaging-import-refused"), ==, 1);
  g_assert_true (hz_test_has_label_containing (named ("imaging-import-warning"), "李四"));
  g_assert_true (hz_test_has_label_containing (named ("imaging-import-refused"), "notes.txt"));
  /* dismissed */
  g_signal_emit_by_name (named ("imaging-import-dismiss"), "clicked");
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (report)));

  /* the same file dropped again adds nothing */
  single = g_file_new_for_path (a);
  files = g_slist_prepend (NULL, single);
  g_assert_true (drop_files (GTK_WIDGET (page), files));
  g_slist_free (files);
  g_assert_true (hz_test_wait_until (import_finished, NULL));
  g_assert_true (hz_test_wait_until (window_says, "Images imported: 0 added, 1 already in the case, 0 refused"));
  g_assert_cmpuint (g_list_model_get_n_items (hz_imaging_page_get_rows (page)), ==, before + 2);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (report)));
}

static gboolean
has_demo_images (gpointer data)
{
  return row_with_key_suffix ((const char *) data) != NULL;
}

/* "Load demo cases" in the window brings the demo images too, as
 * `huizhen-cli demo` does */
static void
test_demo_action (void)
{
  g_autofree char *demo = hz_imaging_get_demo_dir ();
  g_autofree char *cine = NULL;
  g_autoptr(HzDicom) dicom = NULL;
  g_autoptr(HzDicomInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *suffix = NULL;

  g_assert_nonnull (demo);
  cine = g_build_filename (demo, CASE_ID, "US-CINE.dcm", NULL);
  dicom = hz_dicom_open (cine, &error);
  g_assert_no_error (error);
  info = hz_dicom_get_info (dicom);
  suffix = g_strconcat ("#", info->sop_instance_uid, NULL);
  g_assert_null (row_with_key_suffix (suffix));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (hz_test_app_get_window ()), "win.load-demo", NULL));
  if (!hz_test_wait_until (has_demo_images, suffix))
    g_error ("the demo cine %s did not appear on the imaging page", suffix);
}

/* --- the regional imaging platform: Orthanc (hz-test-orthanc.h) --------------- */

static HzTestOrthanc orthanc;

#define PACS_STUDY "1.2.826.0.1.3680043.10.1186.9"

/* A still of study PACS_STUDY for the patient with @id, made beside the
 * fixtures and moved into @dir */
static char *
make_pacs_still (const char *dir,
                 const char *name,
                 guint       n,
                 const char *id)
{
  g_autofree char *sop = g_strdup_printf ("(0008,0018)=" PACS_STUDY ".1.%u", n);
  g_autofree char *patient = g_strdup_printf ("(0010,0020)=%s", id);
  char *path = make_still (dir, name, "1.2.826.0.1.3680043.10.1186.9.1.0", NULL);
  const char *modify[] = { "dcmodify", "-nb", "-i", sop, "-i", "(0020,000d)=" PACS_STUDY,
                           "-i", "(0020,000e)=" PACS_STUDY ".1", "-i", "(0008,0020)=20261114",
                           "-i", "(0008,1030)=孕22周系统超声（县医院）", "-i", patient,
                           "-i", "(0010,0010)=ZHOU^YUTONG=周^雨桐", "-i", "(0008,0005)=ISO_IR 192",
                           path, NULL };

  hz_test_dicom_run (modify);
  return path;
}

static HzImagingPacsDialog *
find_pacs_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* (transfer none) */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (HZ_IS_IMAGING_PACS_DIALOG (window))
        return HZ_IMAGING_PACS_DIALOG (window);
    }
  return NULL;
}

static GtkWidget *
dialog_named (HzImagingPacsDialog *dialog,
              const char          *name)
{
  GtkWidget *found = hz_test_find_named (GTK_WIDGET (dialog), name);

  g_assert_nonnull (found);
  return found;
}

static gboolean
dialog_idle (gpointer data)
{
  return !hz_imaging_pacs_dialog_get_busy (data);
}

static const char *
dialog_status (HzImagingPacsDialog *dialog)
{
  return gtk_label_get_text (GTK_LABEL (dialog_named (dialog, "pacs-status")));
}

static void
set_row (HzImagingPacsDialog *dialog,
         const char          *name,
         const char          *text)
{
  gtk_editable_set_text (GTK_EDITABLE (dialog_named (dialog, name)), text);
}

static void
search_and_wait (HzImagingPacsDialog *dialog)
{
  g_signal_emit_by_name (dialog_named (dialog, "pacs-search"), "clicked");
  g_assert_true (hz_test_wait_until (dialog_idle, dialog));
}

/* Orthanc started, and the county hospital's study of the patient with
 * 身份证号 @id_card sent up to it from another case */
static void
publish_study (const char *id_card)
{
  g_autofree char *dir = g_build_filename (fixtures, "county", NULL);
  HzStore *store = hz_window_get_store (hz_test_app_get_window ());
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(HzImagingImportResult) result = NULL;
  g_autoptr(HzDicomwebClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL, *b = NULL;
  guint sent = 0;

  hz_test_orthanc_start (&orthanc);
  /* the county hospital's study, sent up from another case */
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  a = make_pacs_still (dir, "pacs-a", 1, id_card);
  b = make_pacs_still (dir, "pacs-b", 2, id_card);
  g_ptr_array_add (files, g_file_new_for_path (dir));
  result = hz_imaging_import (store, "c3-episode", files, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->n_added, ==, 2);
  client = hz_test_orthanc_client (&orthanc);
  g_assert_true (hz_dicomweb_client_send_study (client, store, "c3-episode", PACS_STUDY, &sent, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sent, ==, 2);
}

/* "Search the Regional Imaging Platform…": the case's patient found on
 * the PACS by her 身份证号 (prefilled), the study listed with its date,
 * modality and images, retrieved into the case; the address remembered;
 * a refused login, a PACS that is down, an unknown study and a bad date
 * each said in words */
static void
test_pacs_dialog (void)
{
  HzImagingPage *page = get_page ();
  const char *id_card = hz_fhir_jv_get_identifier (hz_resource_get_value (hz_case_get_patient (get_case ())),
                                                   HZ_SYSTEM_ID_CARD);
  g_autoptr(GSettings) settings = hz_settings_new ();
  g_autofree char *down = NULL;
  HzImagingPacsDialog *dialog;
  const HzDicomwebStudy *study;
  guint before;

  g_assert_nonnull (id_card);
  publish_study (id_card);

  g_assert_null (find_pacs_dialog ());
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "imaging.search-pacs", NULL));
  dialog = find_pacs_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (hz_test_app_get_window ()));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog_named (dialog, "pacs-patient-id"))), ==, id_card);

  /* a bad date, said before anything is asked of the PACS */
  set_row (dialog, "pacs-url", orthanc.url);
  set_row (dialog, "pacs-from", "14/11/2026");
  search_and_wait (dialog);
  g_assert_cmpstr (dialog_status (dialog), ==, "“14/11/2026” is not a date: write it as 2026-11-01");
  set_row (dialog, "pacs-from", "2026-11-01");
  set_row (dialog, "pacs-to", "2026-11-30");

  /* no login: refused */
  search_and_wait (dialog);
  g_assert_true (g_str_has_prefix (dialog_status (dialog), "The PACS at "));
  g_assert_nonnull (strstr (dialog_status (dialog), "refused the user name and password or the token"));

  /* the search */
  set_row (dialog, "pacs-user", HZ_TEST_ORTHANC_USER);
  set_row (dialog, "pacs-password", HZ_TEST_ORTHANC_PASSWORD);
  search_and_wait (dialog);
  g_assert_cmpstr (dialog_status (dialog), ==, "1 study found");
  g_assert_cmpuint (hz_imaging_pacs_dialog_get_results (dialog)->len, ==, 1);
  study = g_ptr_array_index (hz_imaging_pacs_dialog_get_results (dialog), 0);
  g_assert_cmpstr (study->study_uid, ==, PACS_STUDY);
  g_assert_true (hz_test_has_label_containing (GTK_WIDGET (dialog), "孕22周系统超声（县医院）"));
  g_assert_true (hz_test_has_label_containing (GTK_WIDGET (dialog), "14 November 2026 · US · 2 images\n周雨桐 (ID "));
  g_assert_cmpstr (g_settings_get_string (settings, "pacs-url"), ==, orthanc.url);
  /* another day finds nothing */
  set_row (dialog, "pacs-from", "2026-11-15");
  search_and_wait (dialog);
  g_assert_cmpstr (dialog_status (dialog), ==, "The platform holds no study that matches");
  set_row (dialog, "pacs-from", "2026-11-14");
  search_and_wait (dialog);
  g_assert_cmpuint (hz_imaging_pacs_dialog_get_results (dialog)->len, ==, 1);

  /* Retrieve: its two images come into this case */
  before = g_list_model_get_n_items (hz_imaging_page_get_rows (page));
  g_signal_emit_by_name (dialog_named (dialog, "pacs-retrieve"), "clicked");
  g_assert_true (hz_imaging_pacs_dialog_get_busy (dialog));
  g_assert_true (gtk_widget_get_visible (dialog_named (dialog, "pacs-progress")));
  g_assert_true (hz_test_wait_until (dialog_idle, dialog));
  g_assert_cmpstr (dialog_status (dialog), ==, "Retrieved into the case: 2 added, 0 already in the case, 0 refused");
  g_assert_false (gtk_widget_get_visible (dialog_named (dialog, "pacs-progress")));
  g_assert_true (hz_test_wait_until (rows_are, GUINT_TO_POINTER (before + 2)));
  g_assert_nonnull (row_with_key_suffix ("#" PACS_STUDY ".1.1"));
  g_assert_nonnull (row_with_key_suffix ("#" PACS_STUDY ".1.2"));

  /* a study the PACS does not know */
  hz_imaging_pacs_dialog_retrieve (dialog, "1.2.826.0.1.3680043.10.1186.404");
  g_assert_true (hz_test_wait_until (dialog_idle, dialog));
  g_assert_nonnull (strstr (dialog_status (dialog), "has no study 1.2.826.0.1.3680043.10.1186.404"));

  /* a PACS that is down */
  down = g_strdup_printf ("http://127.0.0.1:%u/dicom-web", hz_test_free_port ());
  set_row (dialog, "pacs-url", down);
  search_and_wait (dialog);
  g_assert_nonnull (strstr (dialog_status (dialog), "cannot be reached"));
  /* not an address */
  set_row (dialog, "pacs-url", "pacs.example");
  search_and_wait (dialog);
  g_assert_nonnull (strstr (dialog_status (dialog), "is not the address of a PACS"));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* the address is offered again */
  g_settings_set_string (settings, "pacs-url", orthanc.url);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "imaging.search-pacs", NULL));
  dialog = find_pacs_dialog ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog_named (dialog, "pacs-url"))), ==, orthanc.url);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* --- DICOM video transfer syntaxes, Frame Time Vector --------------------------- */

typedef struct
{
  const char *syntax;
  const char *encoder;   /* gst-launch elements from raw video to the elementary stream */
} VideoSyntax;

static void
on_video_frame (HzImagingPlayer *player,
                GParamSpec      *pspec,
                GHashTable      *seen)
{
  g_hash_table_add (seen, GINT_TO_POINTER (hz_imaging_player_get_frame (player) + 1));
}

static gboolean
stopped_at_end (gpointer data)
{
  return !hz_imaging_player_get_playing (data);
}

/* MPEG-2, H.264 and HEVC DICOM files (the stream cut into fragments):
 * 30 frames of 64 × 48 played through decodebin into the same paintable,
 * the pixels the test pattern's; the first opened on the page */
static void
test_video (void)
{
  const VideoSyntax syntaxes[] = {
    { "1.2.840.10008.1.2.4.102", "x264enc ! video/x-h264,stream-format=byte-stream" },
    { "1.2.840.10008.1.2.4.107", "x265enc ! video/x-h265,stream-format=byte-stream" },
    { "1.2.840.10008.1.2.4.100", "mpeg2enc" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (syntaxes); i++)
    {
      g_autofree char *es = g_strdup_printf ("%s/video-%u.es", fixtures, i);
      g_autofree char *name = g_strdup_printf ("video-%u", i);
      g_autofree char *sop = g_strdup_printf ("1.2.826.0.1.3680043.10.1186.1.3%u", i);
      g_autofree char *description = NULL;
      g_autofree char *stream = NULL;
      g_autofree char *path = NULL;
      g_autofree guint8 *data = NULL;
      g_autoptr(HzImagingPlayer) player = NULL;
      g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
      g_autoptr(GError) error = NULL;
      GtkPicture *picture;
      HzImagingPlayerStats stats;
      gsize length;
      guint w, h;
      int rw, rh;

      description = g_strdup_printf ("videotestsrc num-buffers=30 pattern=smpte ! "
                                     "video/x-raw,width=64,height=48,framerate=30/1,format=I420 ! %s ! "
                                     "filesink location=\"%s\"", syntaxes[i].encoder, es);
      run_pipeline (description);
      g_assert_true (g_file_get_contents (es, &stream, &length, NULL));
      path = hz_test_dicom_write_video (fixtures, name, syntaxes[i].syntax, sop, (const guint8 *) stream,
                                        length, 1000, 30, 64, 48, 1000.0 / 30);

      player = hz_imaging_player_new_dicom (path, &error);
      g_assert_no_error (error);
      g_assert_true (hz_imaging_player_is_clip (player));
      g_assert_cmpstr (hz_imaging_player_get_info (player)->transfer_syntax, ==, syntaxes[i].syntax);
      g_signal_connect (player, "notify::frame", G_CALLBACK (on_video_frame), seen);
      wait_frame (player, 0);
      hz_imaging_player_get_size (player, &w, &h);
      g_assert_cmpuint (w, ==, 64);
      g_assert_cmpuint (h, ==, 48);
      g_assert_cmpuint (hz_imaging_player_get_n_frames (player), ==, 30);
      g_assert_cmpfloat_with_epsilon (hz_imaging_player_get_frame_time (player), 1000.0 / 30, 0.01);

      /* played once through to its last frame */
      hz_imaging_player_set_loop (player, FALSE);
      hz_imaging_player_set_playing (player, TRUE);
      g_assert_true (hz_imaging_player_get_playing (player));
      g_assert_true (hz_test_wait_until (stopped_at_end, player));
      iterate (50);
      g_assert_cmpint (hz_imaging_player_get_frame (player), ==, 29);
      hz_imaging_player_get_stats (player, &stats);
      /* every decoded frame reached the sink: shown, or replaced by the next */
      g_assert_cmpuint (stats.shown + stats.dropped, ==, 30);
      g_assert_cmpuint (g_hash_table_size (seen), ==, stats.shown);
      hz_imaging_player_stop (player);

      if (i == 0)
        {
          const char *files[] = { path, NULL };
          g_autofree char *suffix = g_strconcat ("#", sop, NULL);

          /* on the page: the SMPTE bars' white (lossy: near it) at the top left */
          import_files (files);
          g_assert_true (hz_test_wait_until (has_demo_images, suffix));
          open_key_suffix (suffix);
          picture = hz_imaging_canvas_get_picture (hz_imaging_page_get_canvas (get_page ()));
          data = render_picture (picture, &rw, &rh);
          g_assert_cmpint (rw, ==, 64);
          g_assert_cmpint (rh, ==, 48);
          g_assert_cmpuint (data[(5 * rw + 2) * 4 + 1], >, 150);
        }
    }
}

/* Frame Time Vector (0018,1065) 0\40\80\120: frames start at 0, 40, 120
 * and 240 ms, the buffers' timestamps and the seeks follow it */
static void
test_frame_time_vector (void)
{
  const HzTestImage cine = { ROWS, COLUMNS, 4, 1, "MONOCHROME2", 8, 8, FALSE, 0,
                             "(0018,1065) DS [0\\40\\80\\120]\n", NULL };
  const guint64 starts[] = { 0, 40, 120, 240 };
  gsize length;
  g_autofree guint8 *pixels = hz_test_dicom_pixels (&cine, &length);
  g_autofree char *path = hz_test_dicom_make (fixtures, "vector", &cine, pixels, length);
  g_autoptr(HzImagingPlayer) player = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  player = hz_imaging_player_new_dicom (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hz_imaging_player_get_info (player)->frame_time_vector->len, ==, 4);
  g_signal_connect (player, "error", G_CALLBACK (on_player_error), &message);
  wait_frame (player, 0);
  /* the next loop's frames were queued behind frame 0: not looping drops them */
  iterate (100);
  hz_imaging_player_set_loop (player, FALSE);
  wait_frame (player, 0);
  /* played: every frame in turn, at the vector's times, then it stops */
  hz_imaging_player_set_playing (player, TRUE);
  g_assert_true (hz_test_wait_until (stopped_at_end, player));
  iterate (50);
  g_assert_cmpstr (message, ==, NULL);
  g_assert_cmpint (hz_imaging_player_get_frame (player), ==, 3);
  g_assert_cmpuint (hz_imaging_player_get_shown_pts (player), ==, 240 * GST_MSECOND);
  /* each frame sought shows at its start */
  for (guint i = 0; i < G_N_ELEMENTS (starts); i++)
    {
      g_assert_cmpuint (hz_imaging_player_get_frame_start (player, i), ==, starts[i] * GST_MSECOND);
      hz_imaging_player_seek (player, i);
      wait_frame (player, (int) i);
      g_assert_cmpuint (hz_imaging_player_get_shown_pts (player), ==, starts[i] * GST_MSECOND);
    }
  /* the last frame lasts the mean frame time (80 ms); a loop goes on from its end */
  g_assert_cmpuint (hz_imaging_player_get_frame_start (player, 4), ==, 320 * GST_MSECOND);
  g_assert_cmpuint (hz_imaging_player_get_frame_start (player, 5), ==, 360 * GST_MSECOND);
  hz_imaging_player_stop (player);
}

/* In Chinese: the sonographers' words on the tools, the browser and a caliper */
static void
test_zh_cn (void)
{
  const char *files[] = { cine_path, NULL };
  HzImagingCanvas *canvas;
  HzImagingPacsDialog *dialog;

  if (!hz_test_run_in_zh_cn ())
    return;

  import_files (files);
  g_assert_true (hz_test_wait_until (rows_are, GUINT_TO_POINTER (1)));
  g_assert_true (g_str_has_suffix (hz_imaging_row_get_subtitle (row_with_key_suffix ("#" CINE_SOP)), "5帧"));
  open_key_suffix ("#" CINE_SOP);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (named ("imaging-tool-window"))), ==, "窗宽/窗位");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (named ("imaging-tool-distance"))), ==, "距离");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (named ("imaging-loop")), ==, "循环播放");
  canvas = hz_imaging_page_get_canvas (get_page ());
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (named ("imaging-tool-distance")), TRUE);
  hz_imaging_canvas_apply_tool (canvas, 10, 5, 40, 45);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (named ("imaging-measurement"))), ==, "距离 5.0 mm");
  hz_test_assert_no_raw_codes (GTK_WIDGET (get_page ()));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (named ("imaging-import")), ==, "导入影像");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (named ("imaging-import-cancel")), ==, "取消导入");

  /* the PACS dialog, in the words of the regional platform */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (get_page ()), "imaging.search-pacs", NULL));
  dialog = find_pacs_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "检索区域影像平台");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (dialog_named (dialog, "pacs-patient-id"))),
                   ==, "患者 ID（身份证号或病案号）");
  set_row (dialog, "pacs-url", "");
  search_and_wait (dialog);
  g_assert_cmpstr (dialog_status (dialog), ==, "请填写区域影像平台的 DICOMweb 地址");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* --- HZ_TEST_SHOW: a state left on the screen for data/screenshots ------------ */

/* HZ_TEST_SHOW=pacs: the PACS dialog with Orthanc's answer;
 * HZ_TEST_SHOW=import: the page while a folder of 3000 images is imported.
 * Runs until killed (/work/shared/tools/screenshot does). */
static void
show_state (const char *what)
{
  HzImagingPage *page = get_page ();

  if (g_strcmp0 (what, "pacs") == 0)
    {
      const char *id_card = hz_fhir_jv_get_identifier (hz_resource_get_value (hz_case_get_patient (get_case ())),
                                                       HZ_SYSTEM_ID_CARD);
      HzImagingPacsDialog *dialog;

      publish_study (id_card);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "imaging.search-pacs", NULL));
      dialog = find_pacs_dialog ();
      set_row (dialog, "pacs-url", orthanc.url);
      set_row (dialog, "pacs-user", HZ_TEST_ORTHANC_USER);
      set_row (dialog, "pacs-password", HZ_TEST_ORTHANC_PASSWORD);
      set_row (dialog, "pacs-from", "2026-11-01");
      search_and_wait (dialog);
    }
  else
    {
      g_autofree char *dir = g_build_filename (fixtures, "archive", NULL);
      g_autofree char *data = NULL;
      g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
      const char *first[] = { cine_path, clip_path, NULL };
      gsize length;
      char *uid = NULL;

      import_files (first);
      g_assert_true (g_file_get_contents (still_path, &data, &length, NULL));
      g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
      /* the same still with SOP Instance UIDs …10.1000.1.7 to …10.3999.1.7
       * (in the meta header and the data set) */
      for (guint i = 0; i < 3000; i++)
        {
          g_autofree char *name = g_strdup_printf ("%s/IM%04u", dir, i);
          char digits[5];

          g_snprintf (digits, sizeof digits, "%04u", 1000 + i);
          for (gsize at = 0; at + strlen (STILL_SOP) <= length; at++)
            if (memcmp (data + at, STILL_SOP, 23) == 0 &&
                memcmp (data + at + 27, STILL_SOP + 27, strlen (STILL_SOP) - 27) == 0)
              {
                uid = data + at;
                memcpy (uid + 23, digits, 4);
              }
          g_assert_nonnull (uid);
          g_assert_true (g_file_set_contents (name, data, (gssize) length, NULL));
        }
      g_ptr_array_add (files, g_file_new_for_path (dir));
      g_assert_true (hz_test_wait_until (rows_are, GUINT_TO_POINTER (2)));
      open_key_suffix ("#" CINE_SOP);
      hz_imaging_page_import (page, files);
    }
  for (;;)
    g_main_context_iteration (NULL, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  hz_test_i18n_init (argc, argv);
  g_test_init (&argc, &argv, NULL);
  hz_test_app_setup ("huizhen-imaging-XXXXXX");
  hz_test_app_seed_demo ();
  hz_test_app_activate ();
  if (!hz_test_keys_available ())
    g_error ("no XTest: the imaging viewer's drags cannot be driven");
  make_fixtures ();

  gtk_window_set_default_size (GTK_WINDOW (hz_test_app_get_window ()), 1300, 850);
  hz_window_show_page_when_open (hz_test_app_get_window (), "imaging");
  hz_window_open_case (hz_test_app_get_window (), CASE_ID);
  if (!hz_test_wait_until (page_open, NULL))
    g_error ("the imaging page of %s did not open", CASE_ID);
  if (g_getenv ("HZ_TEST_SHOW") != NULL)
    show_state (g_getenv ("HZ_TEST_SHOW"));

  g_test_add_func ("/huizhen/imaging-viewer/browser", test_browser);
  g_test_add_func ("/huizhen/imaging-viewer/pixels", test_pixels);
  g_test_add_func ("/huizhen/imaging-viewer/step", test_step);
  g_test_add_func ("/huizhen/imaging-viewer/play", test_play);
  g_test_add_func ("/huizhen/imaging-viewer/window-drag", test_window_drag);
  g_test_add_func ("/huizhen/imaging-viewer/calipers", test_calipers);
  g_test_add_func ("/huizhen/imaging-viewer/annotations-reload", test_annotations_reload);
  g_test_add_func ("/huizhen/imaging-viewer/delete", test_delete);
  g_test_add_func ("/huizhen/imaging-viewer/syncable", test_syncable);
  g_test_add_func ("/huizhen/imaging-viewer/clip", test_clip);
  g_test_add_func ("/huizhen/imaging-viewer/export", test_export);
  g_test_add_func ("/huizhen/imaging-viewer/bad-input", test_bad_input);
  g_test_add_func ("/huizhen/imaging-viewer/import-drop", test_import_drop);
  g_test_add_func ("/huizhen/imaging-viewer/demo-action", test_demo_action);
  g_test_add_func ("/huizhen/imaging-viewer/pacs-dialog", test_pacs_dialog);
  g_test_add_func ("/huizhen/imaging-viewer/video", test_video);
  g_test_add_func ("/huizhen/imaging-viewer/frame-time-vector", test_frame_time_vector);
  g_test_add_func ("/huizhen/imaging-viewer/zh_CN", test_zh_cn);

  ret = g_test_run ();
  hz_test_orthanc_stop (&orthanc);
  hz_test_app_teardown ();

  return ret;
}
