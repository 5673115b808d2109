/* hz-imaging-page.c — the Imaging page of a case: studies and clips, the viewer
 *
 * The browser lists hz_imaging_list_items() of the case, one row per
 * image or clip (HzImagingRow, thumbnails made in worker threads), kept in
 * place when HzCase::changed names ImagingStudy or Media. The viewer
 * shows the chosen row through an HzImagingPlayer in an HzImagingCanvas.
 * Calipers, notes and arrows are Observations of the case
 * (hz-imaging-annotation.h) written with hz_save_resource_async(); what
 * the canvas draws is read back from the case's Observation model, so
 * every window showing the case sees them. The view (row, frame, play,
 * window/level, zoom, pan, annotations shown) is the page's HzSyncable
 * state.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-imaging"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "hz-imaging-annotation.h"
#include "hz-imaging-export.h"
#include "hz-imaging-page.h"
#include "hz-imaging-pacs-dialog.h"
#include "hz-imaging-paintable.h"
#include "hz-imaging-render.h"
#include "hz-imaging-row.h"

struct _HzImagingPage
{
  GtkWidget        parent_instance;

  HzCase          *kase;
  HzWorkspace     *workspace;      /* weak */
  GCancellable    *cancellable;
  gulong           changed_handler;

  GListStore      *rows;
  GtkSingleSelection *selection;
  GtkWidget       *paned;
  GtkWidget       *browser_stack;
  GtkWidget       *viewer_stack;
  GtkWidget       *error_page;
  HzImagingCanvas *canvas;
  GtkWidget       *play_button;
  GtkWidget       *loop_button;
  GtkWidget       *speed_dropdown;
  GtkWidget       *frame_scale;
  GtkWidget       *frame_label;
  GtkWidget       *preset_dropdown;
  GtkWidget       *invert_button;
  GtkWidget       *annotations_button;
  GtkWidget       *delete_button;
  GtkWidget       *tool_buttons[6];
  GtkWidget       *measurement_label;
  GtkWidget       *note_popover;
  GtkWidget       *note_entry;
  GtkWidget       *cine_box;
  GtkWidget       *import_revealer;
  GtkWidget       *import_progress;
  GtkWidget       *import_label;
  GtkWidget       *report_revealer;
  GtkWidget       *report_box;
  GCancellable    *import_cancellable;   /* the running import, NULL when none */

  HzImagingPlayer *player;
  HzImagingRow    *open_row;
  GPtrArray       *annotations;    /* HzImagingAnnotation, from the case */
  HzImagingAnnotation *pending_note;
  double           drag_center, drag_width;
  gboolean         updating;
  gboolean         shown_once;
};

static void syncable_iface_init (HzSyncableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HzImagingPage, hz_imaging_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (HZ_TYPE_SYNCABLE, syncable_iface_init))

/* Window presets: in modality values for CT, display values otherwise */
typedef struct
{
  const char *id;
  const char *name;
  double      center, width;        /* 8-bit display values (ultrasound, colour) */
  double      ct_center, ct_width;  /* Hounsfield units */
} Preset;

static const Preset presets[] = {
  /* Translators: window/level presets of the viewer: 默认（文件）, 产科超声, 腹部 */
  { "default", N_("Default (file)"), 0, 0, 0, 0 },
  { "obstetric", N_("Obstetric ultrasound"), 110, 200, 40, 350 },
  { "abdomen", N_("Abdomen"), 128, 180, 40, 400 },
};

static const double speeds[] = { 0.25, 0.5, 1, 2 };

static const char * const tool_names[] = { "pan", "window", "distance", "area", "text", "arrow" };

static void
toast (HzImagingPage *self,
       const char    *message)
{
  if (self->workspace != NULL)
    hz_workspace_show_message (self->workspace, message);
  else
    g_message ("%s", message);
}

static void
state_changed (HzImagingPage *self)
{
  if (!self->updating)
    hz_syncable_emit_state_changed (HZ_SYNCABLE (self));
}

/* --- the overlay --------------------------------------------------------------- */

/* An ISO date or date-time (the FHIR record) or a DICOM DA value (YYYYMMDD) */
static gboolean
parse_study_date (const char *text,
                  GDate      *date)
{
  g_autofree char *day = NULL;

  if (text == NULL || strlen (text) < 8)
    return FALSE;
  if (text[4] == '-')
    return hz_fhir_parse_date (text, date);
  for (guint i = 0; i < 8; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  day = g_strdup_printf ("%.4s-%.2s-%.2s", text, text + 4, text + 6);
  return hz_fhir_parse_date (day, date);
}

static const HzDicomRegion *
calibrated_region (const HzDicomInfo *info)
{
  if (info == NULL || info->regions == NULL)
    return NULL;
  for (guint i = 0; i < info->regions->len; i++)
    {
      const HzDicomRegion *r = &g_array_index (info->regions, HzDicomRegion, i);

      if (r->units_x == 3 && r->units_y == 3 && r->delta_x > 0 && r->delta_y > 0)
        return r;
    }
  return NULL;
}

static void
update_overlay (HzImagingPage *self)
{
  const HzImagingItem *item = self->open_row != NULL ? hz_imaging_row_get_item (self->open_row) : NULL;
  const HzDicomInfo *info = self->player != NULL ? hz_imaging_player_get_info (self->player) : NULL;
  const HzDicomRegion *region = calibrated_region (info);
  g_autoptr(GString) left = g_string_new (NULL);
  g_autoptr(GString) right = g_string_new (NULL);
  g_autofree char *bottom = NULL;
  g_autofree char *date_text = NULL;
  const char *date_source = NULL;
  GDate date;
  double center = 0, width = 0;
  int frame;
  guint n;

  if (self->player == NULL || item == NULL)
    {
      hz_imaging_canvas_set_overlay (self->canvas, NULL, NULL, NULL);
      return;
    }
  frame = hz_imaging_player_get_frame (self->player);
  n = hz_imaging_player_get_n_frames (self->player);

  g_string_append (left, hz_case_get_patient_name (self->kase));
  if (info != NULL && info->patient_id != NULL && *info->patient_id != '\0')
    /* Translators: the patient ID in the image overlay: ID HZ-0001 */
    g_string_append_printf (left, _("  ID %s"), info->patient_id);
  g_string_append_c (left, '\n');
  /* the case's record of the study (ImagingStudy.started, Media's date),
   * else the file's Study Date */
  date_source = item->date != NULL ? item->date : info != NULL ? info->study_date : NULL;
  g_date_clear (&date, 1);
  if (parse_study_date (date_source, &date))
    {
      HzDating dating;
      int ga;

      date_text = hz_ui_format_gdate (&date);
      /* Translators: the overlay's study line: 检查日期 2026年12月3日 */
      g_string_append_printf (left, _("Study date %s"), date_text);
      hz_case_get_dating (self->kase, &dating);
      if (hz_dating_ga_at (&dating, &date, &ga) && ga >= 0 && ga < 45 * 7)
        {
          g_autofree char *ga_text = hz_ga_format (ga);

          /* Translators: the gestational age on the day of the scan: 检查时孕周 孕24+3周 */
          g_string_append_printf (left, "\n%s %s", _("GA at scan"), ga_text);
        }
    }
  if (item->title != NULL)
    g_string_append_printf (left, "\n%s", item->title);
  if (item->modality != NULL)
    g_string_append_printf (left, "  %s", item->modality);

  if (n > 1)
    /* Translators: the overlay's frame counter: 帧 3/120 */
    g_string_append_printf (right, _("Frame %d / %u"), MAX (frame, 0) + 1, n);
  hz_imaging_player_get_window (self->player, &center, &width);
  if (right->len > 0)
    g_string_append_c (right, '\n');
  /* Translators: window width and level in the overlay: 窗宽 256 窗位 128 */
  g_string_append_printf (right, _("W %.0f  L %.0f"), width, center);
  if (hz_imaging_player_get_invert (self->player))
    g_string_append_printf (right, "\n%s", _("Inverted"));
  g_string_append_c (right, '\n');
  if (hz_imaging_canvas_get_zoom (self->canvas) <= 0)
    /* Translators: the zoom in the overlay when the image fits the view: 缩放 适应窗口 (62%) */
    g_string_append_printf (right, _("Zoom fit (%.0f%%)"), hz_imaging_canvas_get_scale (self->canvas) * 100);
  else
    /* Translators: the zoom in the overlay: 缩放 200% */
    g_string_append_printf (right, _("Zoom %.0f%%"), hz_imaging_canvas_get_scale (self->canvas) * 100);

  if (region != NULL)
    /* Translators: the calibration of an ultrasound image: 标尺 0.125 毫米/像素 */
    bottom = g_strdup_printf (_("Scale %.3f mm/pixel"), region->delta_x * 10);
  hz_imaging_canvas_set_overlay (self->canvas, left->str, right->str, bottom);
  hz_imaging_canvas_set_calibrated (self->canvas, region != NULL);
}

/* --- the cine controls --------------------------------------------------------- */

static void
update_cine_controls (HzImagingPage *self)
{
  guint n = self->player != NULL ? hz_imaging_player_get_n_frames (self->player) : 0;
  int frame = self->player != NULL ? hz_imaging_player_get_frame (self->player) : -1;
  gboolean playing = self->player != NULL && hz_imaging_player_get_playing (self->player);
  gboolean cine = self->player != NULL && (n > 1 || hz_imaging_player_is_clip (self->player));
  g_autofree char *label = NULL;

  self->updating = TRUE;
  gtk_widget_set_sensitive (self->cine_box, cine);
  gtk_button_set_icon_name (GTK_BUTTON (self->play_button),
                            playing ? "media-playback-pause-symbolic" : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (self->play_button,
                               /* Translators: the cine buttons: 暂停, 播放 */
                               playing ? _("Pause") : _("Play"));
  if (n > 1)
    {
      GtkAdjustment *adj = gtk_range_get_adjustment (GTK_RANGE (self->frame_scale));

      gtk_adjustment_configure (adj, MAX (frame, 0) + 1, 1, n, 1, 10, 0);
      /* Translators: the frame counter beside the slider: 3/120帧 */
      label = g_strdup_printf (_("%d / %u"), MAX (frame, 0) + 1, n);
    }
  else
    label = g_strdup ("");
  gtk_label_set_text (GTK_LABEL (self->frame_label), label);
  self->updating = FALSE;
}

static void
on_player_frame (HzImagingPage *self)
{
  update_cine_controls (self);
  update_overlay (self);
}

static void
on_player_playing (HzImagingPage *self)
{
  update_cine_controls (self);
  state_changed (self);
}

static void
on_player_error (HzImagingPlayer *player,
                 const char      *message,
                 HzImagingPage   *self)
{
  gtk_label_set_text (GTK_LABEL (self->measurement_label), message);
  toast (self, message);
}

static void
on_play_clicked (HzImagingPage *self)
{
  if (self->player != NULL)
    hz_imaging_player_set_playing (self->player, !hz_imaging_player_get_playing (self->player));
}

static void
step (HzImagingPage *self,
      int            delta)
{
  if (self->player == NULL)
    return;
  hz_imaging_player_step (self->player, delta);
  state_changed (self);
}

static void
on_step_back (HzImagingPage *self)
{
  step (self, -1);
}

static void
on_step_forward (HzImagingPage *self)
{
  step (self, 1);
}

static void
on_loop_toggled (HzImagingPage *self)
{
  if (self->player != NULL)
    hz_imaging_player_set_loop (self->player, gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->loop_button)));
  state_changed (self);
}

static void
on_speed_selected (HzImagingPage *self)
{
  guint i = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->speed_dropdown));

  if (self->player != NULL && i < G_N_ELEMENTS (speeds))
    hz_imaging_player_set_speed (self->player, speeds[i]);
  state_changed (self);
}

static void
on_frame_scale (HzImagingPage *self)
{
  int value = (int) lround (gtk_range_get_value (GTK_RANGE (self->frame_scale)));

  if (self->updating || self->player == NULL)
    return;
  if (value - 1 != hz_imaging_player_get_frame (self->player))
    {
      hz_imaging_player_seek (self->player, (guint) MAX (value - 1, 0));
      state_changed (self);
    }
}

/* --- window/level, view -------------------------------------------------------- */

static double
window_step (HzImagingPage *self)
{
  const HzDicomInfo *info = self->player != NULL ? hz_imaging_player_get_info (self->player) : NULL;
  double center, width;

  if (info == NULL || info->samples_per_pixel != 1 || info->bits_stored <= 8)
    return 1;
  hz_imaging_default_window (info, &center, &width);
  return MAX (1, width / 512);
}

static void
on_window_drag (HzImagingCanvas *canvas,
                double           dx,
                double           dy,
                gboolean         begin,
                HzImagingPage   *self)
{
  double k = window_step (self);

  if (self->player == NULL)
    return;
  if (begin)
    {
      hz_imaging_player_get_window (self->player, &self->drag_center, &self->drag_width);
      return;
    }
  /* right: wider (less contrast); down: higher level (darker) */
  /* whole values, as the overlay shows them */
  hz_imaging_player_set_window (self->player, round (self->drag_center + dy * k),
                                MAX (1, round (self->drag_width + dx * k)));
  self->updating = TRUE;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->preset_dropdown), GTK_INVALID_LIST_POSITION);
  self->updating = FALSE;
  update_overlay (self);
  state_changed (self);
}

gboolean
hz_imaging_page_apply_preset (HzImagingPage *self,
                              const char    *id)
{
  const HzDicomInfo *info;
  gboolean ct;

  g_return_val_if_fail (HZ_IS_IMAGING_PAGE (self), FALSE);

  if (self->player == NULL)
    return FALSE;
  info = hz_imaging_player_get_info (self->player);
  ct = info != NULL && g_strcmp0 (info->modality, "CT") == 0;
  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    if (strcmp (presets[i].id, id) == 0)
      {
        if (i == 0)
          hz_imaging_player_reset_window (self->player);
        else
          hz_imaging_player_set_window (self->player, ct ? presets[i].ct_center : presets[i].center,
                                        ct ? presets[i].ct_width : presets[i].width);
        self->updating = TRUE;
        gtk_drop_down_set_selected (GTK_DROP_DOWN (self->preset_dropdown), i);
        self->updating = FALSE;
        update_overlay (self);
        state_changed (self);
        return TRUE;
      }
  return FALSE;
}

static void
on_preset_selected (HzImagingPage *self)
{
  guint i = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->preset_dropdown));

  if (!self->updating && i < G_N_ELEMENTS (presets))
    hz_imaging_page_apply_preset (self, presets[i].id);
}

static void
on_invert_toggled (HzImagingPage *self)
{
  if (self->player != NULL)
    hz_imaging_player_set_invert (self->player, gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->invert_button)));
  update_overlay (self);
  state_changed (self);
}

static void
on_view_changed (HzImagingPage *self)
{
  update_overlay (self);
  state_changed (self);
}

static void
zoom_by (HzImagingPage *self,
         double         factor)
{
  hz_imaging_canvas_zoom_at (self->canvas, factor,
                             gtk_widget_get_width (GTK_WIDGET (self->canvas)) / 2.0,
                             gtk_widget_get_height (GTK_WIDGET (self->canvas)) / 2.0);
}

static void
on_zoom_in (HzImagingPage *self)
{
  zoom_by (self, 1.25);
}

static void
on_zoom_out (HzImagingPage *self)
{
  zoom_by (self, 0.8);
}

static void
on_fit (HzImagingPage *self)
{
  hz_imaging_canvas_set_zoom (self->canvas, 0);
}

static void
on_one_to_one (HzImagingPage *self)
{
  hz_imaging_canvas_set_zoom (self->canvas, 1);
}

static void
on_tool_toggled (GtkToggleButton *button,
                 HzImagingPage   *self)
{
  if (!gtk_toggle_button_get_active (button))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (self->tool_buttons); i++)
    if (self->tool_buttons[i] == GTK_WIDGET (button))
      hz_imaging_canvas_set_tool (self->canvas, (HzImagingTool) i);
}

static void
on_annotations_toggled (HzImagingPage *self)
{
  hz_imaging_canvas_set_annotations_visible (self->canvas,
                                             gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->annotations_button)));
  state_changed (self);
}

/* --- annotations: the case's Observations ------------------------------------- */

static void
reload_annotations (HzImagingPage *self)
{
  GListModel *observations = hz_case_get_resources (self->kase, "Observation");
  g_autofree char *reference = NULL;
  const HzImagingItem *item;

  g_ptr_array_set_size (self->annotations, 0);
  if (self->open_row != NULL)
    {
      item = hz_imaging_row_get_item (self->open_row);
      reference = hz_imaging_row_dup_reference (self->open_row);
      for (guint i = 0; i < g_list_model_get_n_items (observations); i++)
        {
          g_autoptr(HzResource) resource = g_list_model_get_item (observations, i);
          HzImagingAnnotation *a = hz_imaging_annotation_from_resource (resource, reference, item->sop_uid);

          if (a != NULL)
            g_ptr_array_add (self->annotations, a);
        }
    }
  hz_imaging_canvas_set_annotations (self->canvas, self->annotations);
}

static void
on_annotation_saved (GObject      *source,
                     GAsyncResult *result,
                     gpointer      data)
{
  g_autoptr(GError) error = NULL;
  HzSaveOutcome outcome = hz_save_resource_finish (result, &error);
  HzImagingPage *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = HZ_IMAGING_PAGE (data);
  if (outcome == HZ_SAVE_FAILED)
    {
      /* Translators: %s says why the annotation was not saved */
      g_autofree char *text = g_strdup_printf (_("The annotation was not saved: %s"), error->message);

      gtk_label_set_text (GTK_LABEL (self->measurement_label), text);
      toast (self, text);
    }
}

static void
save_annotation (HzImagingPage             *self,
                 const HzImagingAnnotation *annotation)
{
  const HzActor *actor = hz_store_get_actor (hz_case_get_store (self->kase));
  g_autofree char *reference = hz_imaging_row_dup_reference (self->open_row);
  g_autoptr(JsonObject) observation =
    hz_imaging_annotation_to_observation (annotation, self->kase, reference,
                                          actor != NULL ? actor->team : HZ_TEAM_OTHER);

  hz_save_resource_async (GTK_WIDGET (self), hz_case_get_store (self->kase), hz_case_get_id (self->kase),
                          observation, self->cancellable, on_annotation_saved, self);
}

static void
on_note_activate (HzImagingPage *self)
{
  g_autoptr(HzImagingAnnotation) note = g_steal_pointer (&self->pending_note);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->note_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  gtk_popover_popdown (GTK_POPOVER (self->note_popover));
  if (note == NULL || self->open_row == NULL)
    return;
  if (*stripped == '\0' && note->kind == HZ_IMAGING_ANNOTATION_TEXT)
    {
      gtk_label_set_text (GTK_LABEL (self->measurement_label), _("A text annotation needs a text: nothing was saved"));
      return;
    }
  g_free (note->text);
  note->text = g_steal_pointer (&stripped);
  save_annotation (self, note);
  gtk_editable_set_text (GTK_EDITABLE (self->note_entry), "");
}

static void
on_annotation_drawn (HzImagingCanvas     *canvas,
                     HzImagingAnnotation *annotation,
                     HzImagingPage       *self)
{
  g_autofree char *text = hz_imaging_annotation_format (annotation);

  if (self->open_row == NULL)
    return;
  if (annotation->kind == HZ_IMAGING_ANNOTATION_DISTANCE || annotation->kind == HZ_IMAGING_ANNOTATION_AREA)
    {
      g_autofree char *line = NULL;

      if (annotation->calibrated)
        /* Translators: the result of a caliper under the image: 测量：距离 12.5 mm（已保存到病例） */
        line = g_strdup_printf (annotation->kind == HZ_IMAGING_ANNOTATION_DISTANCE
                                ? _("Distance %s") : _("Area %s"), text);
      else
        line = g_strdup (_("Uncalibrated image: the measurement is saved without a value in mm"));
      gtk_label_set_text (GTK_LABEL (self->measurement_label), line);
      save_annotation (self, annotation);
      return;
    }
  /* a text or an arrow: ask for the words at the point */
  {
    double wx, wy;

    g_clear_pointer (&self->pending_note, hz_imaging_annotation_free);
    self->pending_note = hz_imaging_annotation_copy (annotation);
    hz_imaging_canvas_image_to_widget (canvas, annotation->x0, annotation->y0, &wx, &wy);
    gtk_popover_set_pointing_to (GTK_POPOVER (self->note_popover),
                                 &(GdkRectangle) { (int) wx, (int) wy, 1, 1 });
    gtk_popover_popup (GTK_POPOVER (self->note_popover));
    gtk_widget_grab_focus (self->note_entry);
  }
}

/* Nothing clinical is erased: the annotation's Observation gets a new
 * version, entered in error, which the viewer no longer draws */
static void
on_delete_annotation (HzImagingPage *self)
{
  const HzImagingAnnotation *a = hz_imaging_canvas_get_selected (self->canvas);
  HzResource *resource = a != NULL && a->reference != NULL ? hz_case_lookup (self->kase, a->reference) : NULL;
  g_autoptr(JsonObject) json = NULL;

  if (resource == NULL)
    return;
  json = hz_resource_dup_json (resource);
  json_object_set_string_member (json, "status", "entered-in-error");
  hz_save_resource_async (GTK_WIDGET (self), hz_case_get_store (self->kase), hz_case_get_id (self->kase),
                          json, self->cancellable, on_annotation_saved, self);
}

static void
delete_action (GtkWidget  *widget,
               const char *action,
               GVariant   *parameter)
{
  on_delete_annotation (HZ_IMAGING_PAGE (widget));
}

static void
on_canvas_selection (HzImagingPage *self)
{
  gtk_widget_set_sensitive (self->delete_button, hz_imaging_canvas_get_selected (self->canvas) != NULL);
}

/* --- export -------------------------------------------------------------------- */

static void
on_cine_exported (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  g_autoptr(GError) error = NULL;
  HzImagingPage *self;

  if (!hz_imaging_export_cine_finish (result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = HZ_IMAGING_PAGE (data);
  toast (self, error != NULL ? error->message : _("The cine loop was exported"));
}

static void
export_to (HzImagingPage *self,
           const char    *kind,
           const char    *path)
{
  g_autoptr(GError) error = NULL;

  if (strcmp (kind, "png") == 0)
    {
      GdkTexture *texture = hz_imaging_paintable_get_texture (
        HZ_IMAGING_PAINTABLE (hz_imaging_player_get_paintable (self->player)));

      if (texture == NULL || !hz_imaging_export_png (texture, path, &error))
        toast (self, error != NULL ? error->message : _("There is no frame to export yet"));
      else
        toast (self, _("The frame was exported"));
    }
  else
    {
      HzImagingExportFormat format = strcmp (kind, "mp4") == 0 ? HZ_IMAGING_EXPORT_MP4 : HZ_IMAGING_EXPORT_WEBM;
      double center, width;

      hz_imaging_player_get_window (self->player, &center, &width);
      hz_imaging_export_cine_async (hz_imaging_player_get_path (self->player),
                                    hz_imaging_player_is_clip (self->player),
                                    !hz_imaging_player_get_window_changed (self->player), center, width,
                                    hz_imaging_player_get_invert (self->player), format, path,
                                    self->cancellable, on_cine_exported, self);
    }
}

static void
on_export_response (GtkNativeDialog *dialog,
                    int              response,
                    HzImagingPage   *self)
{
  const char *kind = g_object_get_data (G_OBJECT (dialog), "hz-kind");

  if (response == GTK_RESPONSE_ACCEPT && self->player != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        export_to (self, kind, path);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
export_action (GtkWidget  *widget,
               const char *action,
               GVariant   *parameter)
{
  HzImagingPage *self = HZ_IMAGING_PAGE (widget);
  const char *kind = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;
  GtkFileChooserNative *dialog;
  g_autofree char *name = NULL;

  if (self->player == NULL)
    return;
  if (strcmp (kind, "png") != 0 &&
      !hz_imaging_export_can_write (strcmp (kind, "mp4") == 0 ? HZ_IMAGING_EXPORT_MP4 : HZ_IMAGING_EXPORT_WEBM,
                                    &error))
    {
      toast (self, error->message);
      return;
    }
  dialog = gtk_file_chooser_native_new (strcmp (kind, "png") == 0 ? _("Export Frame") : _("Export Cine Loop"),
                                        GTK_WINDOW (gtk_widget_get_root (widget)),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  name = g_strdup_printf ("%s.%s", _("image"), kind);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_object_set_data_full (G_OBJECT (dialog), "hz-kind", g_strdup (kind), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* --- import: the menu's files and folders, drops onto the page --------------- */

static void
clear_report (HzImagingPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->report_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->report_box), child);
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->report_revealer), FALSE);
}

static void
on_report_dismissed (HzImagingPage *self)
{
  clear_report (self);
}

/* Each refused file with its reason, each warning (another patient's
 * name or ID): they stay until dismissed, a toast would go too soon */
static void
show_report (HzImagingPage         *self,
             HzImagingImportResult *result)
{
  clear_report (self);
  for (guint i = 0; i < result->issues->len; i++)
    {
      const HzImagingIssue *issue = g_ptr_array_index (result->issues, i);
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *icon = gtk_image_new_from_icon_name (issue->kind == HZ_IMAGING_ISSUE_WARNING
                                                      ? "dialog-warning-symbolic"
                                                      : "action-unavailable-symbolic");
      GtkWidget *label = gtk_label_new (issue->message);

      gtk_widget_add_css_class (icon, issue->kind == HZ_IMAGING_ISSUE_WARNING ? "warning" : "error");
      gtk_widget_set_valign (icon, GTK_ALIGN_START);
      /* Translators: the kinds of what an import found: 警告, 未导入 */
      hz_ui_set_accessible_label (icon, issue->kind == HZ_IMAGING_ISSUE_WARNING ? _("Warning") : _("Not imported"));
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_set_name (row, issue->kind == HZ_IMAGING_ISSUE_WARNING ? "imaging-import-warning"
                                                                       : "imaging-import-refused");
      gtk_box_append (GTK_BOX (row), icon);
      gtk_box_append (GTK_BOX (row), label);
      gtk_box_append (GTK_BOX (self->report_box), row);
    }
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->report_revealer), result->issues->len > 0);
}

static void
on_import_progress (guint    done,
                    guint    total,
                    gpointer data)
{
  HzImagingPage *self = data;
  g_autofree char *text = NULL;

  if (self->kase == NULL)
    return;
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->import_progress),
                                 total > 0 ? (double) done / total : 0);
  /* Translators: the import's progress: 正在导入：第 3/10 个文件 */
  text = g_strdup_printf (_("Importing: %u of %u files"), done, total);
  gtk_label_set_text (GTK_LABEL (self->import_label), text);
}

/**
 * hz_imaging_page_show_outcome:
 * @result: what an import (or a retrieval from the PACS) did
 * @cancelled: it was cancelled on the way
 *
 * Toasts the counts and lists each refused file and warning above the
 * browser until dismissed.
 */
void
hz_imaging_page_show_outcome (HzImagingPage         *self,
                              HzImagingImportResult *result,
                              gboolean               cancelled)
{
  g_autofree char *counts = NULL;
  g_autofree char *message = NULL;

  g_return_if_fail (HZ_IS_IMAGING_PAGE (self));
  g_return_if_fail (result != NULL);

  show_report (self, result);
  /* Translators: the outcome of an import: 新增 2 个，已在本病例中 1 个，未导入 1 个 */
  counts = g_strdup_printf (_("%u added, %u already in the case, %u refused"),
                            result->n_added, result->n_present, result->n_refused);
  if (cancelled)
    /* Translators: 导入已取消：… */
    message = g_strdup_printf (_("Import cancelled: %s"), counts);
  else if (result->issues->len > 0)
    /* Translators: 影像已导入：…（请查看左侧列出的文件） */
    message = g_strdup_printf (_("Images imported: %s (see the files listed on the left)"), counts);
  else
    /* Translators: 影像已导入：… */
    message = g_strdup_printf (_("Images imported: %s"), counts);
  toast (self, message);
}

static void
on_imported (GObject      *source,
             GAsyncResult *res,
             gpointer      data)
{
  g_autoptr(HzImagingPage) self = data;
  g_autoptr(HzImagingImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean cancelled;

  result = hz_imaging_import_finish (res, &error);
  if (self->kase == NULL)   /* the page went while it ran */
    return;
  cancelled = g_cancellable_is_cancelled (self->import_cancellable);
  g_clear_object (&self->import_cancellable);
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->import_revealer), FALSE);
  if (result == NULL)
    toast (self, error->message);
  else
    hz_imaging_page_show_outcome (self, result, cancelled);
}

static void
search_pacs_action (GtkWidget  *widget,
                    const char *action,
                    GVariant   *parameter)
{
  gtk_window_present (GTK_WINDOW (hz_imaging_pacs_dialog_new (HZ_IMAGING_PAGE (widget))));
}

HzCase *
hz_imaging_page_get_case (HzImagingPage *self)
{
  g_return_val_if_fail (HZ_IS_IMAGING_PAGE (self), NULL);

  return self->kase;
}

/**
 * hz_imaging_page_import:
 * @files: (element-type GFile): files, folders, DICOMDIRs
 *
 * Imports @files into the page's case with hz_imaging_import_async(),
 * its progress shown above the browser (cancellable), the outcome
 * toasted and each refused file and warning listed until dismissed.
 * Returns: FALSE (and says why) when an import is already running.
 */
gboolean
hz_imaging_page_import (HzImagingPage *self,
                        GPtrArray     *files)
{
  g_return_val_if_fail (HZ_IS_IMAGING_PAGE (self), FALSE);
  g_return_val_if_fail (files != NULL, FALSE);

  if (self->import_cancellable != NULL)
    {
      toast (self, _("Images are being imported: wait until they are, or cancel the import"));
      return FALSE;
    }
  if (files->len == 0)
    return FALSE;
  clear_report (self);
  self->import_cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->import_progress), 0);
  /* Translators: before the files are counted: 正在查找文件… */
  gtk_label_set_text (GTK_LABEL (self->import_label), _("Looking for files…"));
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->import_revealer), TRUE);
  hz_imaging_import_async (hz_case_get_store (self->kase), hz_case_get_id (self->kase), files,
                           on_import_progress, self, NULL, self->import_cancellable,
                           on_imported, g_object_ref (self));
  return TRUE;
}

gboolean
hz_imaging_page_get_importing (HzImagingPage *self)
{
  g_return_val_if_fail (HZ_IS_IMAGING_PAGE (self), FALSE);

  return self->import_cancellable != NULL;
}

static void
on_import_cancel (HzImagingPage *self)
{
  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         HzImagingPage *self)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  GSList *list;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  list = gdk_file_list_get_files (g_value_get_boxed (value));
  for (GSList *l = list; l != NULL; l = l->next)
    g_ptr_array_add (files, g_object_ref (l->data));
  g_slist_free (list);
  return hz_imaging_page_import (self, files);
}

static void
on_import_response (GtkNativeDialog *dialog,
                    int              response,
                    HzImagingPage   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) chosen = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < g_list_model_get_n_items (chosen); i++)
        g_ptr_array_add (files, g_list_model_get_item (chosen, i));
      hz_imaging_page_import (self, files);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

/* "files": DICOM files, DICOMDIRs and clips; "folder": folders, searched
 * through (GtkFileChooserNative: GTK 4.8 has no GtkFileDialog) */
static void
import_action (GtkWidget  *widget,
               const char *action,
               GVariant   *parameter)
{
  HzImagingPage *self = HZ_IMAGING_PAGE (widget);
  gboolean folder = strcmp (g_variant_get_string (parameter, NULL), "folder") == 0;
  GtkFileChooserNative *dialog;

  /* Translators: the titles of the import dialogs: 导入影像, 导入影像文件夹 */
  dialog = gtk_file_chooser_native_new (folder ? _("Import a Folder of Images") : _("Import Images"),
                                        GTK_WINDOW (gtk_widget_get_root (widget)),
                                        folder ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                               : GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Import"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (dialog), TRUE);
  if (!folder)
    {
      GtkFileFilter *images = gtk_file_filter_new ();
      GtkFileFilter *all = gtk_file_filter_new ();

      /* Translators: file filters: DICOM 影像与视频, 所有文件 (DICOM files often have no extension) */
      gtk_file_filter_set_name (images, _("DICOM images and video clips"));
      gtk_file_filter_add_mime_type (images, "application/dicom");
      gtk_file_filter_add_mime_type (images, "video/*");
      gtk_file_filter_add_pattern (images, "*.dcm");
      gtk_file_filter_add_pattern (images, "*.DCM");
      gtk_file_filter_add_pattern (images, "DICOMDIR");
      gtk_file_filter_set_name (all, _("All files"));
      gtk_file_filter_add_pattern (all, "*");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), all);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), images);
      gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (dialog), all);
      g_object_unref (images);
      g_object_unref (all);
    }
  g_signal_connect (dialog, "response", G_CALLBACK (on_import_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* --- opening a row ------------------------------------------------------------- */

static void
close_player (HzImagingPage *self)
{
  if (self->player == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->player, self);
  hz_imaging_player_stop (self->player);
  hz_imaging_canvas_set_player (self->canvas, NULL);
  g_clear_object (&self->player);
}

static void
show_error (HzImagingPage *self,
            const char    *message)
{
  adw_status_page_set_description (ADW_STATUS_PAGE (self->error_page), message);
  gtk_stack_set_visible_child_name (GTK_STACK (self->viewer_stack), "error");
}

static void
open_row (HzImagingPage *self,
          HzImagingRow  *row)
{
  const HzImagingItem *item;
  g_autoptr(GError) error = NULL;
  HzImagingPlayer *player;
  guint speed = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->speed_dropdown));

  if (row == self->open_row && self->player != NULL)
    return;
  close_player (self);
  g_set_object (&self->open_row, row);
  g_clear_pointer (&self->pending_note, hz_imaging_annotation_free);
  gtk_label_set_text (GTK_LABEL (self->measurement_label), "");
  if (row == NULL)
    {
      reload_annotations (self);
      gtk_stack_set_visible_child_name (GTK_STACK (self->viewer_stack), "empty");
      update_cine_controls (self);
      return;
    }
  item = hz_imaging_row_get_item (row);
  if (item->path == NULL)
    {
      show_error (self, _("The file of this image is not held in this store: it was listed by another system"));
      reload_annotations (self);
      update_cine_controls (self);
      return;
    }
  player = item->sop_uid == NULL ? hz_imaging_player_new_clip (item->path, &error)
                                 : hz_imaging_player_new_dicom (item->path, &error);
  if (player == NULL)
    {
      show_error (self, error->message);
      reload_annotations (self);
      update_cine_controls (self);
      return;
    }
  self->player = player;
  hz_imaging_player_set_loop (player, gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->loop_button)));
  if (speed < G_N_ELEMENTS (speeds))
    hz_imaging_player_set_speed (player, speeds[speed]);
  hz_imaging_player_set_invert (player, gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->invert_button)));
  g_signal_connect_swapped (player, "notify::frame", G_CALLBACK (on_player_frame), self);
  g_signal_connect_swapped (player, "notify::n-frames", G_CALLBACK (on_player_frame), self);
  g_signal_connect_swapped (player, "notify::playing", G_CALLBACK (on_player_playing), self);
  g_signal_connect (player, "error", G_CALLBACK (on_player_error), self);
  hz_imaging_canvas_set_player (self->canvas, player);
  self->updating = TRUE;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->preset_dropdown), 0);
  self->updating = FALSE;
  gtk_stack_set_visible_child_name (GTK_STACK (self->viewer_stack), "viewer");
  reload_annotations (self);
  update_cine_controls (self);
  update_overlay (self);
}

static void
on_selection_changed (HzImagingPage *self)
{
  HzImagingRow *row = gtk_single_selection_get_selected_item (self->selection);

  open_row (self, row);
  state_changed (self);
}

gboolean
hz_imaging_page_open (HzImagingPage *self,
                      const char    *key)
{
  guint n;

  g_return_val_if_fail (HZ_IS_IMAGING_PAGE (self), FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HzImagingRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), i);

      if (strcmp (hz_imaging_row_get_key (row), key) == 0)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return TRUE;
        }
    }
  return FALSE;
}

/* --- the browser, in place ----------------------------------------------------- */

static void
rebuild_rows (HzImagingPage *self)
{
  g_autoptr(GPtrArray) items = hz_imaging_list_items (self->kase);
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GListModel *model = G_LIST_MODEL (self->rows);
  HzImagingRow *selected = gtk_single_selection_get_selected_item (self->selection);
  g_autoptr(HzImagingRow) keep = selected != NULL ? g_object_ref (selected) : NULL;

  for (guint i = 0; i < items->len; i++)
    g_hash_table_add (keys, hz_imaging_row_dup_key_for (g_ptr_array_index (items, i)));
  /* rows gone from the case */
  for (guint i = g_list_model_get_n_items (model); i > 0; i--)
    {
      g_autoptr(HzImagingRow) row = g_list_model_get_item (model, i - 1);

      if (!g_hash_table_contains (keys, hz_imaging_row_get_key (row)))
        g_list_store_remove (self->rows, i - 1);
    }
  /* in the case's order: the same row object updated, or a new one */
  for (guint i = 0; i < items->len; i++)
    {
      HzImagingItem *item = g_ptr_array_index (items, i);
      g_autofree char *key = hz_imaging_row_dup_key_for (item);
      guint n = g_list_model_get_n_items (model);
      guint found = G_MAXUINT;

      for (guint j = i; j < n; j++)
        {
          g_autoptr(HzImagingRow) row = g_list_model_get_item (model, j);

          if (strcmp (hz_imaging_row_get_key (row), key) == 0)
            {
              found = j;
              break;
            }
        }
      g_ptr_array_index (items, i) = NULL;
      if (found == G_MAXUINT)
        {
          g_autoptr(HzImagingRow) row = hz_imaging_row_new (item);

          g_list_store_insert (self->rows, i, row);
        }
      else
        {
          g_autoptr(HzImagingRow) row = g_list_model_get_item (model, found);

          hz_imaging_row_update (row, item);
          if (found != i)
            {
              g_list_store_remove (self->rows, found);
              g_list_store_insert (self->rows, i, row);
            }
        }
    }
  gtk_stack_set_visible_child_name (GTK_STACK (self->browser_stack),
                                    g_list_model_get_n_items (model) > 0 ? "list" : "empty");
  /* the open row stays open */
  if (keep != NULL)
    {
      guint position;

      if (g_list_store_find (self->rows, keep, &position))
        {
          self->updating = TRUE;
          gtk_single_selection_set_selected (self->selection, position);
          self->updating = FALSE;
        }
    }
}

static void
on_case_changed (HzCase         *kase,
                 const char    **types,
                 HzImagingPage  *self)
{
  gboolean rows = FALSE, observations = FALSE;

  for (guint i = 0; types != NULL && types[i] != NULL; i++)
    {
      rows |= strcmp (types[i], "ImagingStudy") == 0 || strcmp (types[i], "Media") == 0;
      observations |= strcmp (types[i], "Observation") == 0;
    }
  if (rows)
    rebuild_rows (self);
  if (observations || rows)
    {
      reload_annotations (self);
      update_overlay (self);
    }
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *picture = gtk_picture_new ();
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_widget_set_size_request (picture, 64, 48);
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_widget_add_css_class (picture, "card");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_wrap (GTK_LABEL (subtitle), TRUE);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_set_valign (labels, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (labels), title);
  gtk_box_append (GTK_BOX (labels), subtitle);
  gtk_box_append (GTK_BOX (box), picture);
  gtk_box_append (GTK_BOX (box), labels);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          gpointer                  data)
{
  HzImagingRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *picture = gtk_widget_get_first_child (box);
  GtkWidget *labels = gtk_widget_get_next_sibling (picture);
  GtkWidget *title = gtk_widget_get_first_child (labels);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  GBinding *bindings[3];

  bindings[0] = g_object_bind_property (row, "title", title, "label", G_BINDING_SYNC_CREATE);
  bindings[1] = g_object_bind_property (row, "subtitle", subtitle, "label", G_BINDING_SYNC_CREATE);
  bindings[2] = g_object_bind_property (row, "thumbnail", picture, "paintable", G_BINDING_SYNC_CREATE);
  g_object_set_data_full (G_OBJECT (list_item), "hz-bindings",
                          g_memdup2 (bindings, sizeof bindings), g_free);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  data)
{
  GBinding **bindings = g_object_get_data (G_OBJECT (list_item), "hz-bindings");

  if (bindings != NULL)
    for (guint i = 0; i < 3; i++)
      g_binding_unbind (bindings[i]);
  g_object_set_data (G_OBJECT (list_item), "hz-bindings", NULL);
}

/* --- building the page --------------------------------------------------------- */

static GtkWidget *
icon_button (const char *icon,
             const char *tooltip,
             const char *name)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_name (button, name);
  hz_ui_set_accessible_label (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

static GtkWidget *
toggle_button (const char *icon,
               const char *label,
               const char *tooltip,
               const char *name)
{
  GtkWidget *button = gtk_toggle_button_new ();

  if (icon != NULL)
    gtk_button_set_icon_name (GTK_BUTTON (button), icon);
  else
    gtk_button_set_label (GTK_BUTTON (button), label);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_name (button, name);
  hz_ui_set_accessible_label (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

static GtkWidget *
build_browser (HzImagingPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  /* Translators: the heading of the study browser: 影像检查 */
  GtkWidget *heading = gtk_label_new (_("Studies and clips"));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *list;
  GtkWidget *empty = adw_status_page_new ();

  GtkWidget *heading_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *import_button = gtk_menu_button_new ();
  GtkWidget *progress_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *progress_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *report = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *report_heading = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *report_title;
  GtkWidget *button;
  g_autoptr(GMenu) menu = g_menu_new ();

  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_set_hexpand (heading, TRUE);
  gtk_widget_set_margin_start (heading, 12);
  gtk_widget_set_margin_top (heading, 4);
  gtk_widget_set_margin_bottom (heading, 2);
  gtk_widget_set_margin_end (heading_box, 6);
  gtk_widget_set_margin_top (heading_box, 4);
  gtk_box_append (GTK_BOX (heading_box), heading);
  /* Translators: the browser's import menu: 导入影像…, 导入文件夹…, 检索区域影像平台… */
  g_menu_append (menu, _("Import Images…"), "imaging.import::files");
  g_menu_append (menu, _("Import a Folder…"), "imaging.import::folder");
  g_menu_append (menu, _("Search the Regional Imaging Platform…"), "imaging.search-pacs");
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (import_button), "list-add-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (import_button), G_MENU_MODEL (menu));
  /* Translators: 导入影像 */
  gtk_widget_set_tooltip_text (import_button, _("Import images"));
  hz_ui_set_accessible_label (import_button, _("Import images"));
  gtk_widget_add_css_class (import_button, "flat");
  gtk_widget_set_name (import_button, "imaging-import");
  gtk_box_append (GTK_BOX (heading_box), import_button);

  /* the running import: n of total files, cancellable */
  self->import_label = gtk_label_new (NULL);
  gtk_widget_set_name (self->import_label, "imaging-import-label");
  gtk_label_set_xalign (GTK_LABEL (self->import_label), 0);
  gtk_widget_add_css_class (self->import_label, "caption");
  gtk_widget_add_css_class (self->import_label, "numeric");
  self->import_progress = gtk_progress_bar_new ();
  gtk_widget_set_name (self->import_progress, "imaging-import-progress");
  gtk_widget_set_hexpand (self->import_progress, TRUE);
  gtk_widget_set_valign (self->import_progress, GTK_ALIGN_CENTER);
  /* Translators: cancel the running import: 取消导入 */
  button = icon_button ("process-stop-symbolic", _("Cancel the import"), "imaging-import-cancel");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_import_cancel), self);
  gtk_box_append (GTK_BOX (progress_row), self->import_progress);
  gtk_box_append (GTK_BOX (progress_row), button);
  gtk_box_append (GTK_BOX (progress_box), self->import_label);
  gtk_box_append (GTK_BOX (progress_box), progress_row);
  gtk_widget_set_margin_start (progress_box, 12);
  gtk_widget_set_margin_end (progress_box, 6);
  gtk_widget_set_margin_bottom (progress_box, 6);
  self->import_revealer = gtk_revealer_new ();
  gtk_revealer_set_child (GTK_REVEALER (self->import_revealer), progress_box);

  /* what the last import refused or warns of */
  /* Translators: the heading of the import's findings: 请核对以下文件 */
  report_title = gtk_label_new (_("Check these files"));
  gtk_widget_add_css_class (report_title, "heading");
  gtk_label_set_xalign (GTK_LABEL (report_title), 0);
  gtk_widget_set_hexpand (report_title, TRUE);
  /* Translators: 关闭 */
  button = icon_button ("window-close-symbolic", _("Dismiss"), "imaging-import-dismiss");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_report_dismissed), self);
  gtk_box_append (GTK_BOX (report_heading), report_title);
  gtk_box_append (GTK_BOX (report_heading), button);
  self->report_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_box_append (GTK_BOX (report), report_heading);
  gtk_box_append (GTK_BOX (report), self->report_box);
  gtk_widget_add_css_class (report, "card");
  gtk_widget_set_margin_start (report, 6);
  gtk_widget_set_margin_end (report, 6);
  gtk_widget_set_margin_bottom (report, 6);
  gtk_widget_set_margin_start (self->report_box, 8);
  gtk_widget_set_margin_end (self->report_box, 8);
  gtk_widget_set_margin_bottom (self->report_box, 8);
  gtk_widget_set_margin_start (report_heading, 8);
  gtk_widget_set_margin_top (report_heading, 4);
  self->report_revealer = gtk_revealer_new ();
  gtk_widget_set_name (self->report_revealer, "imaging-import-report");
  gtk_revealer_set_child (GTK_REVEALER (self->report_revealer), report);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), self);
  list = gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection)), factory);
  gtk_widget_set_name (list, "imaging-browser");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Studies and clips"), -1);
  gtk_widget_add_css_class (list, "navigation-sidebar");
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "camera-photo-symbolic");
  /* Translators: the empty study browser: 暂无影像 */
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No images"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("Ultrasound images and clips imported into this case appear here: "
                                     "drop files or folders onto this page, or use the + button"));
  gtk_widget_add_css_class (empty, "compact");

  self->browser_stack = gtk_stack_new ();
  gtk_stack_add_named (GTK_STACK (self->browser_stack), scrolled, "list");
  gtk_stack_add_named (GTK_STACK (self->browser_stack), empty, "empty");
  gtk_box_append (GTK_BOX (box), heading_box);
  gtk_box_append (GTK_BOX (box), self->import_revealer);
  gtk_box_append (GTK_BOX (box), self->report_revealer);
  gtk_box_append (GTK_BOX (box), self->browser_stack);
  gtk_widget_set_size_request (box, 240, -1);
  return box;
}

static GtkWidget *
build_toolbar (HzImagingPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *row1 = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *row2 = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *view_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *zoom_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *notes_box = zoom_box;
  GtkWidget *flow = gtk_flow_box_new ();
  GtkWidget *tools = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *button;
  GtkWidget *export_button;
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GtkStringList) speed_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) preset_names = gtk_string_list_new (NULL);
  const char *tool_labels[] = {
    /* Translators: the viewer's tools: 平移, 窗宽/窗位, 距离, 面积, 文字, 箭头 */
    C_("imaging tool", "Pan"), C_("imaging tool", "Window"), C_("imaging tool", "Distance"),
    C_("imaging tool", "Area"), C_("imaging tool", "Text"), C_("imaging tool", "Arrow"),
  };
  const char *tool_tips[] = {
    _("Pan the image (middle button anywhere)"),
    _("Window width and level: drag right for a wider window, down for a higher level (right button anywhere)"),
    _("Distance caliper: drag from one point to the other"),
    _("Ellipse area caliper: drag across the ellipse's box"),
    _("Text annotation: click where the text goes"),
    _("Arrow: drag from the tail to the head"),
  };

  self->cine_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  gtk_widget_set_hexpand (self->cine_box, TRUE);
  self->play_button = icon_button ("media-playback-start-symbolic", _("Play"), "imaging-play");
  g_signal_connect_swapped (self->play_button, "clicked", G_CALLBACK (on_play_clicked), self);
  gtk_box_append (GTK_BOX (self->cine_box), self->play_button);
  /* Translators: the cine buttons: 上一帧, 下一帧, 循环播放 */
  button = icon_button ("media-skip-backward-symbolic", _("Previous frame"), "imaging-step-back");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_step_back), self);
  gtk_box_append (GTK_BOX (self->cine_box), button);
  button = icon_button ("media-skip-forward-symbolic", _("Next frame"), "imaging-step-forward");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_step_forward), self);
  gtk_box_append (GTK_BOX (self->cine_box), button);
  self->loop_button = toggle_button ("media-playlist-repeat-symbolic", NULL, _("Loop"), "imaging-loop");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->loop_button), TRUE);
  g_signal_connect_swapped (self->loop_button, "toggled", G_CALLBACK (on_loop_toggled), self);
  gtk_box_append (GTK_BOX (self->cine_box), self->loop_button);
  for (guint i = 0; i < G_N_ELEMENTS (speeds); i++)
    {
      /* Translators: a cine speed: 0.5倍速 */
      g_autofree char *s = g_strdup_printf (_("%g×"), speeds[i]);

      gtk_string_list_append (speed_names, s);
    }
  self->speed_dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (speed_names)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->speed_dropdown), 2);
  gtk_widget_set_name (self->speed_dropdown, "imaging-speed");
  /* Translators: 播放速度 */
  gtk_widget_set_tooltip_text (self->speed_dropdown, _("Playback speed"));
  hz_ui_set_accessible_label (self->speed_dropdown, _("Playback speed"));
  g_signal_connect_swapped (self->speed_dropdown, "notify::selected", G_CALLBACK (on_speed_selected), self);
  gtk_box_append (GTK_BOX (self->cine_box), self->speed_dropdown);
  self->frame_scale = gtk_scale_new_with_range (GTK_ORIENTATION_HORIZONTAL, 1, 2, 1);
  gtk_scale_set_draw_value (GTK_SCALE (self->frame_scale), FALSE);
  gtk_widget_set_hexpand (self->frame_scale, TRUE);
  gtk_widget_set_name (self->frame_scale, "imaging-frame");
  /* Translators: the frame slider of the cine: 帧 */
  hz_ui_set_accessible_label (self->frame_scale, _("Frame"));
  g_signal_connect_swapped (self->frame_scale, "value-changed", G_CALLBACK (on_frame_scale), self);
  gtk_box_append (GTK_BOX (self->cine_box), self->frame_scale);
  self->frame_label = gtk_label_new (NULL);
  gtk_widget_set_name (self->frame_label, "imaging-frame-label");
  gtk_widget_add_css_class (self->frame_label, "numeric");
  gtk_box_append (GTK_BOX (self->cine_box), self->frame_label);
  gtk_box_append (GTK_BOX (row1), self->cine_box);

  gtk_widget_add_css_class (tools, "linked");
  for (guint i = 0; i < G_N_ELEMENTS (self->tool_buttons); i++)
    {
      g_autofree char *name = g_strdup_printf ("imaging-tool-%s", tool_names[i]);

      self->tool_buttons[i] = toggle_button (NULL, tool_labels[i], tool_tips[i], name);
      gtk_widget_remove_css_class (self->tool_buttons[i], "flat");
      if (i > 0)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (self->tool_buttons[i]),
                                     GTK_TOGGLE_BUTTON (self->tool_buttons[0]));
      g_signal_connect (self->tool_buttons[i], "toggled", G_CALLBACK (on_tool_toggled), self);
      gtk_box_append (GTK_BOX (tools), self->tool_buttons[i]);
    }
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->tool_buttons[0]), TRUE);
  gtk_box_append (GTK_BOX (row2), tools);

  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    gtk_string_list_append (preset_names, _(presets[i].name));
  self->preset_dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (preset_names)), NULL);
  gtk_widget_set_name (self->preset_dropdown, "imaging-preset");
  /* Translators: 窗宽窗位预设 */
  gtk_widget_set_tooltip_text (self->preset_dropdown, _("Window/level preset"));
  hz_ui_set_accessible_label (self->preset_dropdown, _("Window/level preset"));
  g_signal_connect_swapped (self->preset_dropdown, "notify::selected", G_CALLBACK (on_preset_selected), self);
  gtk_box_append (GTK_BOX (view_box), self->preset_dropdown);
  /* Translators: 反色 */
  self->invert_button = toggle_button (NULL, _("Invert"), _("Invert the grey scale"), "imaging-invert");
  g_signal_connect_swapped (self->invert_button, "toggled", G_CALLBACK (on_invert_toggled), self);
  gtk_box_append (GTK_BOX (view_box), self->invert_button);

  /* Translators: the zoom buttons: 缩小, 放大, 适应窗口, 原始大小 (1:1) */
  button = icon_button ("zoom-out-symbolic", _("Zoom out"), "imaging-zoom-out");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_zoom_out), self);
  gtk_box_append (GTK_BOX (zoom_box), button);
  button = icon_button ("zoom-in-symbolic", _("Zoom in"), "imaging-zoom-in");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_zoom_in), self);
  gtk_box_append (GTK_BOX (zoom_box), button);
  button = icon_button ("zoom-fit-best-symbolic", _("Fit to the view"), "imaging-fit");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_fit), self);
  gtk_box_append (GTK_BOX (zoom_box), button);
  button = icon_button ("zoom-original-symbolic", _("Actual size (1:1)"), "imaging-one-to-one");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_one_to_one), self);
  gtk_box_append (GTK_BOX (zoom_box), button);

  /* Translators: show the annotations and measurements on the image: 显示标注 */
  self->annotations_button = toggle_button (NULL, _("Annotations"), _("Show the annotations and measurements"),
                                            "imaging-annotations");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->annotations_button), TRUE);
  g_signal_connect_swapped (self->annotations_button, "toggled", G_CALLBACK (on_annotations_toggled), self);
  gtk_box_append (GTK_BOX (notes_box), self->annotations_button);
  /* Translators: 删除所选标注（作为录入错误保留在修改记录中） */
  self->delete_button = icon_button ("user-trash-symbolic",
                                     _("Delete the selected annotation (kept in the history as entered in error)"),
                                     "imaging-delete-annotation");
  gtk_widget_set_sensitive (self->delete_button, FALSE);
  g_signal_connect_swapped (self->delete_button, "clicked", G_CALLBACK (on_delete_annotation), self);
  gtk_box_append (GTK_BOX (notes_box), self->delete_button);

  /* Translators: the export menu: 导出当前帧 (PNG)…, 导出电影回放 (WebM)…, (MP4)… */
  g_menu_append (menu, _("Export Frame as PNG…"), "imaging.export::png");
  g_menu_append (menu, _("Export Cine Loop as WebM…"), "imaging.export::webm");
  g_menu_append (menu, _("Export Cine Loop as MP4…"), "imaging.export::mp4");
  export_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (export_button), "document-save-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (export_button), G_MENU_MODEL (menu));
  gtk_widget_set_tooltip_text (export_button, _("Export"));
  hz_ui_set_accessible_label (export_button, _("Export"));
  gtk_widget_set_name (export_button, "imaging-export");
  gtk_box_append (GTK_BOX (row1), export_button);

  gtk_box_append (GTK_BOX (box), row1);
  /* the groups wrap onto a second line when the page is narrow */
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 8);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 4);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 8);
  {
    /* three groups of about the same width: the flow box's columns are
     * as wide as its widest child */
    GtkWidget *scrolled = gtk_scrolled_window_new ();
    GtkWidget *groups[] = { scrolled, view_box, zoom_box };

    /* the tools scroll rather than widen the page where their words are long */
    gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
    gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scrolled), TRUE);
    gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), row2);
    for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
      {
        gtk_flow_box_append (GTK_FLOW_BOX (flow), groups[i]);
        gtk_widget_set_focusable (gtk_widget_get_parent (groups[i]), FALSE);
      }
  }
  gtk_box_append (GTK_BOX (box), flow);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  return box;
}

static GtkWidget *
build_viewer (HzImagingPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *empty = adw_status_page_new ();
  GtkWidget *note_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *note_label;

  self->canvas = HZ_IMAGING_CANVAS (hz_imaging_canvas_new ());
  gtk_box_append (GTK_BOX (box), build_toolbar (self));

  gtk_widget_set_name (GTK_WIDGET (self->canvas), "imaging-canvas");
  /* no tooltip over the image: only the accessible name */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->canvas), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Image"), -1);
  g_signal_connect (self->canvas, "window-drag", G_CALLBACK (on_window_drag), self);
  g_signal_connect (self->canvas, "annotation-drawn", G_CALLBACK (on_annotation_drawn), self);
  g_signal_connect_swapped (self->canvas, "view-changed", G_CALLBACK (on_view_changed), self);
  g_signal_connect_swapped (self->canvas, "selection-changed", G_CALLBACK (on_canvas_selection), self);

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "camera-photo-symbolic");
  /* Translators: the viewer before an image is chosen: 请在左侧选择影像 */
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("Choose an image"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty), _("Pick a study or a clip on the left to view it"));
  self->error_page = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->error_page), "dialog-warning-symbolic");
  /* Translators: 无法显示该影像 */
  adw_status_page_set_title (ADW_STATUS_PAGE (self->error_page), _("This image cannot be shown"));
  gtk_widget_set_name (self->error_page, "imaging-error");

  self->viewer_stack = gtk_stack_new ();
  gtk_stack_add_named (GTK_STACK (self->viewer_stack), empty, "empty");
  gtk_stack_add_named (GTK_STACK (self->viewer_stack), GTK_WIDGET (self->canvas), "viewer");
  gtk_stack_add_named (GTK_STACK (self->viewer_stack), self->error_page, "error");
  gtk_widget_set_vexpand (self->viewer_stack, TRUE);
  gtk_box_append (GTK_BOX (box), self->viewer_stack);

  self->measurement_label = gtk_label_new (NULL);
  gtk_widget_set_name (self->measurement_label, "imaging-measurement");
  gtk_label_set_xalign (GTK_LABEL (self->measurement_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->measurement_label), TRUE);
  gtk_widget_set_margin_start (self->measurement_label, 8);
  gtk_widget_set_margin_bottom (self->measurement_label, 6);
  gtk_box_append (GTK_BOX (box), self->measurement_label);

  /* the words of a text annotation or an arrow */
  /* Translators: 标注文字 */
  note_label = gtk_label_new (_("Annotation text"));
  gtk_label_set_xalign (GTK_LABEL (note_label), 0);
  self->note_entry = gtk_entry_new ();
  gtk_widget_set_name (self->note_entry, "imaging-annotation-entry");
  hz_ui_set_accessible_label (self->note_entry, _("Annotation text"));
  gtk_entry_set_activates_default (GTK_ENTRY (self->note_entry), FALSE);
  g_signal_connect_swapped (self->note_entry, "activate", G_CALLBACK (on_note_activate), self);
  gtk_box_append (GTK_BOX (note_box), note_label);
  gtk_box_append (GTK_BOX (note_box), self->note_entry);
  self->note_popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (self->note_popover), note_box);
  gtk_widget_set_parent (self->note_popover, GTK_WIDGET (self->canvas));
  return box;
}

/* --- HzSyncable ---------------------------------------------------------------- */

static const char *
hz_imaging_page_get_sync_id (HzSyncable *syncable)
{
  return "imaging";
}

static JsonNode *
hz_imaging_page_get_state (HzSyncable *syncable)
{
  HzImagingPage *self = HZ_IMAGING_PAGE (syncable);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  double center = 0, width = 0, px = 0, py = 0;
  guint speed = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->speed_dropdown));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "item");
  if (self->open_row != NULL)
    json_builder_add_string_value (builder, hz_imaging_row_get_key (self->open_row));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "frame");
  json_builder_add_int_value (builder, self->player != NULL ? MAX (hz_imaging_player_get_frame (self->player), 0) : 0);
  json_builder_set_member_name (builder, "playing");
  json_builder_add_boolean_value (builder, self->player != NULL && hz_imaging_player_get_playing (self->player));
  json_builder_set_member_name (builder, "loop");
  json_builder_add_boolean_value (builder, gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->loop_button)));
  json_builder_set_member_name (builder, "speed");
  json_builder_add_double_value (builder, speed < G_N_ELEMENTS (speeds) ? speeds[speed] : 1);
  json_builder_set_member_name (builder, "window");
  if (self->player != NULL && hz_imaging_player_get_window_changed (self->player))
    {
      hz_imaging_player_get_window (self->player, &center, &width);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "center");
      json_builder_add_double_value (builder, center);
      json_builder_set_member_name (builder, "width");
      json_builder_add_double_value (builder, width);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "invert");
  json_builder_add_boolean_value (builder, gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->invert_button)));
  json_builder_set_member_name (builder, "zoom");
  json_builder_add_double_value (builder, hz_imaging_canvas_get_zoom (self->canvas));
  hz_imaging_canvas_get_pan (self->canvas, &px, &py);
  json_builder_set_member_name (builder, "pan");
  json_builder_begin_array (builder);
  json_builder_add_double_value (builder, px);
  json_builder_add_double_value (builder, py);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "annotations");
  json_builder_add_boolean_value (builder, gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->annotations_button)));
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static gboolean
invalid (GError     **error,
         const char  *member)
{
  /* Translators: %s is the member of the imaging view state that was wrong */
  g_set_error (error, HZ_SYNCABLE_ERROR, HZ_SYNCABLE_ERROR_INVALID_STATE,
               _("The imaging view state's “%s” is not valid"), member);
  return FALSE;
}

static gboolean
get_number (JsonObject *o,
            const char *member,
            double     *out)
{
  JsonNode *node = json_object_get_member (o, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  if (json_node_get_value_type (node) != G_TYPE_DOUBLE && json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *out = json_node_get_double (node);
  return isfinite (*out);
}

static gboolean
get_bool (JsonObject *o,
          const char *member,
          gboolean   *out)
{
  JsonNode *node = json_object_get_member (o, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return FALSE;
  *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
hz_imaging_page_apply_state (HzSyncable  *syncable,
                             JsonNode    *state,
                             GError     **error)
{
  HzImagingPage *self = HZ_IMAGING_PAGE (syncable);
  JsonObject *o;
  JsonNode *item, *window, *pan;
  const char *key = NULL;
  double frame, speed, zoom, center = 0, width = 0, px, py;
  gboolean playing, loop, invert, annotations, has_window = FALSE;
  guint speed_index = G_MAXUINT;

  /* everything is checked before anything changes */
  if (state == NULL || !JSON_NODE_HOLDS_OBJECT (state))
    return invalid (error, "state");
  o = json_node_get_object (state);
  item = json_object_get_member (o, "item");
  if (item == NULL || (!JSON_NODE_HOLDS_NULL (item) &&
                       (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)))
    return invalid (error, "item");
  if (!JSON_NODE_HOLDS_NULL (item))
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
      gboolean found = FALSE;

      key = json_node_get_string (item);
      for (guint i = 0; i < n && !found; i++)
        {
          g_autoptr(HzImagingRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), i);

          found = strcmp (hz_imaging_row_get_key (row), key) == 0;
        }
      if (!found)
        return invalid (error, "item");
    }
  if (!get_number (o, "frame", &frame) || frame < 0 || frame != floor (frame) || frame > G_MAXINT)
    return invalid (error, "frame");
  if (!get_bool (o, "playing", &playing))
    return invalid (error, "playing");
  if (!get_bool (o, "loop", &loop))
    return invalid (error, "loop");
  if (!get_number (o, "speed", &speed))
    return invalid (error, "speed");
  for (guint i = 0; i < G_N_ELEMENTS (speeds); i++)
    if (speeds[i] == speed)
      speed_index = i;
  if (speed_index == G_MAXUINT)
    return invalid (error, "speed");
  window = json_object_get_member (o, "window");
  if (window == NULL)
    return invalid (error, "window");
  if (!JSON_NODE_HOLDS_NULL (window))
    {
      if (!JSON_NODE_HOLDS_OBJECT (window) ||
          !get_number (json_node_get_object (window), "center", &center) ||
          !get_number (json_node_get_object (window), "width", &width) || width < 1)
        return invalid (error, "window");
      has_window = TRUE;
    }
  if (!get_bool (o, "invert", &invert))
    return invalid (error, "invert");
  if (!get_number (o, "zoom", &zoom) || zoom < 0 || zoom > 32)
    return invalid (error, "zoom");
  pan = json_object_get_member (o, "pan");
  if (pan == NULL || !JSON_NODE_HOLDS_ARRAY (pan) || json_array_get_length (json_node_get_array (pan)) != 2)
    return invalid (error, "pan");
  {
    JsonArray *a = json_node_get_array (pan);
    JsonNode *x = json_array_get_element (a, 0), *y = json_array_get_element (a, 1);

    if (!JSON_NODE_HOLDS_VALUE (x) || !JSON_NODE_HOLDS_VALUE (y) ||
        (json_node_get_value_type (x) != G_TYPE_DOUBLE && json_node_get_value_type (x) != G_TYPE_INT64) ||
        (json_node_get_value_type (y) != G_TYPE_DOUBLE && json_node_get_value_type (y) != G_TYPE_INT64))
      return invalid (error, "pan");
    px = json_node_get_double (x);
    py = json_node_get_double (y);
    if (!isfinite (px) || !isfinite (py))
      return invalid (error, "pan");
  }
  if (!get_bool (o, "annotations", &annotations))
    return invalid (error, "annotations");

  self->updating = TRUE;
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->loop_button), loop);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->speed_dropdown), speed_index);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->invert_button), invert);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->annotations_button), annotations);
  if (key == NULL)
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  else
    hz_imaging_page_open (self, key);
  if (self->player != NULL)
    {
      if (has_window)
        hz_imaging_player_set_window (self->player, center, width);
      else
        hz_imaging_player_reset_window (self->player);
      if (playing)
        hz_imaging_player_set_playing (self->player, TRUE);
      else
        hz_imaging_player_seek (self->player, (guint) frame);
      hz_imaging_canvas_set_zoom (self->canvas, zoom);
      if (zoom > 0)
        hz_imaging_canvas_set_pan (self->canvas, px, py);
    }
  update_overlay (self);
  self->updating = FALSE;
  return TRUE;
}

static void
syncable_iface_init (HzSyncableInterface *iface)
{
  iface->get_sync_id = hz_imaging_page_get_sync_id;
  iface->get_state = hz_imaging_page_get_state;
  iface->apply_state = hz_imaging_page_apply_state;
}

/* --- GObject ------------------------------------------------------------------- */

GListModel *
hz_imaging_page_get_rows (HzImagingPage *self)
{
  g_return_val_if_fail (HZ_IS_IMAGING_PAGE (self), NULL);

  return G_LIST_MODEL (self->rows);
}

HzImagingPlayer *
hz_imaging_page_get_player (HzImagingPage *self)
{
  g_return_val_if_fail (HZ_IS_IMAGING_PAGE (self), NULL);

  return self->player;
}

HzImagingCanvas *
hz_imaging_page_get_canvas (HzImagingPage *self)
{
  g_return_val_if_fail (HZ_IS_IMAGING_PAGE (self), NULL);

  return self->canvas;
}

GPtrArray *
hz_imaging_page_get_annotations (HzImagingPage *self)
{
  g_return_val_if_fail (HZ_IS_IMAGING_PAGE (self), NULL);

  return self->annotations;
}

static void
hz_imaging_page_dispose (GObject *object)
{
  HzImagingPage *self = HZ_IMAGING_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
  close_player (self);
  if (self->kase != NULL)
    g_clear_signal_handler (&self->changed_handler, self->kase);
  g_clear_pointer (&self->note_popover, gtk_widget_unparent);
  g_clear_pointer (&self->paned, gtk_widget_unparent);
  g_clear_object (&self->open_row);
  g_clear_object (&self->selection);
  g_clear_object (&self->rows);
  g_clear_object (&self->kase);
  g_clear_weak_pointer (&self->workspace);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->import_cancellable);

  G_OBJECT_CLASS (hz_imaging_page_parent_class)->dispose (object);
}

static void
hz_imaging_page_finalize (GObject *object)
{
  HzImagingPage *self = HZ_IMAGING_PAGE (object);

  g_clear_pointer (&self->annotations, g_ptr_array_unref);
  g_clear_pointer (&self->pending_note, hz_imaging_annotation_free);

  G_OBJECT_CLASS (hz_imaging_page_parent_class)->finalize (object);
}

static void
play_action (GtkWidget  *widget,
             const char *action,
             GVariant   *parameter)
{
  on_play_clicked (HZ_IMAGING_PAGE (widget));
}

static void
step_action (GtkWidget  *widget,
             const char *action,
             GVariant   *parameter)
{
  step (HZ_IMAGING_PAGE (widget), g_variant_get_int32 (parameter));
}

/* The first time the page is shown, its first image is opened (not
 * before: a workspace loads every page, most are never looked at) */
static void
hz_imaging_page_map (GtkWidget *widget)
{
  HzImagingPage *self = HZ_IMAGING_PAGE (widget);

  GTK_WIDGET_CLASS (hz_imaging_page_parent_class)->map (widget);
  if (!self->shown_once)
    {
      self->shown_once = TRUE;
      if (self->open_row == NULL && g_list_model_get_n_items (G_LIST_MODEL (self->rows)) > 0)
        gtk_single_selection_set_selected (self->selection, 0);
    }
}

static void
hz_imaging_page_class_init (HzImagingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hz_imaging_page_dispose;
  object_class->finalize = hz_imaging_page_finalize;
  widget_class->map = hz_imaging_page_map;

  gtk_widget_class_install_action (widget_class, "imaging.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "imaging.import", "s", import_action);
  gtk_widget_class_install_action (widget_class, "imaging.search-pacs", NULL, search_pacs_action);
  gtk_widget_class_install_action (widget_class, "imaging.play", NULL, play_action);
  gtk_widget_class_install_action (widget_class, "imaging.step", "i", step_action);
  gtk_widget_class_install_action (widget_class, "imaging.delete-annotation", NULL, delete_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "imaging.delete-annotation", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "imaging.play", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "imaging.step", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "imaging.step", "i", 1);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "hz-imaging-page");
}

static void
hz_imaging_page_init (HzImagingPage *self)
{
  GtkDropTarget *drop;

  self->cancellable = g_cancellable_new ();
  self->annotations = g_ptr_array_new_with_free_func ((GDestroyNotify) hz_imaging_annotation_free);
  self->rows = g_list_store_new (HZ_TYPE_IMAGING_ROW);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->rows)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);

  self->paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  gtk_paned_set_start_child (GTK_PANED (self->paned), build_browser (self));
  gtk_paned_set_end_child (GTK_PANED (self->paned), build_viewer (self));
  gtk_paned_set_resize_start_child (GTK_PANED (self->paned), FALSE);
  gtk_paned_set_shrink_start_child (GTK_PANED (self->paned), FALSE);
  gtk_paned_set_position (GTK_PANED (self->paned), 250);
  gtk_widget_set_parent (self->paned, GTK_WIDGET (self));

  /* files and folders dropped anywhere on the page are imported */
  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

GtkWidget *
hz_imaging_page_new (HzCase      *kase,
                     HzWorkspace *workspace)
{
  HzImagingPage *self;

  g_return_val_if_fail (HZ_IS_CASE (kase), NULL);

  self = g_object_new (HZ_TYPE_IMAGING_PAGE, NULL);
  self->kase = g_object_ref (kase);
  g_set_weak_pointer (&self->workspace, workspace);
  self->changed_handler = g_signal_connect (kase, "changed", G_CALLBACK (on_case_changed), self);
  g_signal_connect_swapped (self->selection, "notify::selected-item", G_CALLBACK (on_selection_changed), self);
  rebuild_rows (self);
  update_cine_controls (self);
  return GTK_WIDGET (self);
}
