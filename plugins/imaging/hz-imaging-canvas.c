/* hz-imaging-canvas.c — the image of the viewer: zoom, pan, overlay, calipers, annotations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-imaging"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "hz-imaging-canvas.h"

#define ZOOM_MIN 0.05
#define ZOOM_MAX 32.0

struct _HzImagingCanvas
{
  GtkWidget        parent_instance;

  GtkWidget       *picture;
  HzImagingPlayer *player;
  gulong           frame_handler;
  gulong           size_handler;

  HzImagingTool    tool;
  double           zoom;          /* 0: fit */
  double           pan_x, pan_y;  /* image point at the view's centre */

  char            *top_left, *top_right, *bottom_left;
  /* each corner's text drawn once into a texture: re-rendering text on
   * every frame of a cine costs the cairo renderer its frame rate */
  GdkTexture      *corner_textures[3];
  gboolean         calibrated;
  GPtrArray       *annotations;   /* borrowed */
  int              selected;      /* index in annotations, or -1 */
  gboolean         annotations_visible;

  /* the drag under way */
  GtkGesture      *drag;
  guint            drag_button;
  HzImagingTool    drag_tool;
  double           drag_x, drag_y;          /* widget point where it began */
  double           drag_pan_x, drag_pan_y;
  HzImagingAnnotation *draft;
};

enum {
  SIGNAL_ANNOTATION_DRAWN,
  SIGNAL_WINDOW_DRAG,
  SIGNAL_VIEW_CHANGED,
  SIGNAL_SELECTION_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (HzImagingCanvas, hz_imaging_canvas, GTK_TYPE_WIDGET)

static void
image_size (HzImagingCanvas *self,
            double          *w,
            double          *h)
{
  GdkPaintable *paintable = self->player != NULL ? hz_imaging_player_get_paintable (self->player) : NULL;

  *w = paintable != NULL ? gdk_paintable_get_intrinsic_width (paintable) : 0;
  *h = paintable != NULL ? gdk_paintable_get_intrinsic_height (paintable) : 0;
}

/* widget = image * scale + offset */
static void
get_transform (HzImagingCanvas *self,
               double          *scale,
               double          *ox,
               double          *oy)
{
  double iw, ih;
  double W = gtk_widget_get_width (GTK_WIDGET (self));
  double H = gtk_widget_get_height (GTK_WIDGET (self));

  image_size (self, &iw, &ih);
  if (iw <= 0 || ih <= 0)
    {
      *scale = 1;
      *ox = *oy = 0;
      return;
    }
  if (self->zoom <= 0)
    {
      *scale = MIN (W / iw, H / ih);
      if (*scale <= 0)
        *scale = 1;
      *ox = (W - iw * *scale) / 2;
      *oy = (H - ih * *scale) / 2;
      return;
    }
  *scale = self->zoom;
  *ox = W / 2 - self->pan_x * *scale;
  *oy = H / 2 - self->pan_y * *scale;
}

void
hz_imaging_canvas_image_to_widget (HzImagingCanvas *self,
                                   double           ix,
                                   double           iy,
                                   double          *wx,
                                   double          *wy)
{
  double s, ox, oy;

  get_transform (self, &s, &ox, &oy);
  *wx = ix * s + ox;
  *wy = iy * s + oy;
}

void
hz_imaging_canvas_widget_to_image (HzImagingCanvas *self,
                                   double           wx,
                                   double           wy,
                                   double          *ix,
                                   double          *iy)
{
  double s, ox, oy;

  get_transform (self, &s, &ox, &oy);
  *ix = (wx - ox) / s;
  *iy = (wy - oy) / s;
}

/* --- layout and drawing -------------------------------------------------------- */

static void
hz_imaging_canvas_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  *minimum = 120;
  *natural = 480;
}

static void
hz_imaging_canvas_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  HzImagingCanvas *self = HZ_IMAGING_CANVAS (widget);
  double iw, ih, s, ox, oy;
  GskTransform *transform;

  image_size (self, &iw, &ih);
  if (iw <= 0 || ih <= 0)
    {
      gtk_widget_allocate (self->picture, width, height, -1, NULL);
      return;
    }
  get_transform (self, &s, &ox, &oy);
  transform = gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT ((float) ox, (float) oy));
  transform = gsk_transform_scale (transform, (float) s, (float) s);
  gtk_widget_allocate (self->picture, (int) iw, (int) ih, -1, transform);
}

static void
append_layout (GtkSnapshot *snapshot,
               PangoLayout *layout,
               double       x,
               double       y,
               const GdkRGBA *colour)
{
  int lw, lh;

  pango_layout_get_pixel_size (layout, &lw, &lh);
  /* a dark band behind the text, for any image under it */
  gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 0, 0, 0, 0.55f },
                             &GRAPHENE_RECT_INIT ((float) x - 4, (float) y - 2, (float) lw + 8, (float) lh + 4));
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((float) x, (float) y));
  gtk_snapshot_append_layout (snapshot, layout, colour);
  gtk_snapshot_restore (snapshot);
}

static void
draw_annotation (HzImagingCanvas           *self,
                 cairo_t                   *cr,
                 PangoLayout               *layout,
                 GtkSnapshot               *snapshot,
                 const HzImagingAnnotation *a,
                 gboolean                   draft,
                 gboolean                   selected)
{
  double x0, y0, x1, y1;
  g_autofree char *label = hz_imaging_annotation_format (a);
  static const GdkRGBA yellow = { 1, 0.85f, 0.1f, 1 };

  hz_imaging_canvas_image_to_widget (self, a->x0, a->y0, &x0, &y0);
  hz_imaging_canvas_image_to_widget (self, a->x1, a->y1, &x1, &y1);
  if (selected)
    cairo_set_source_rgba (cr, 0.2, 0.9, 1, 1);
  else
    cairo_set_source_rgba (cr, 1, 0.85, 0.1, 1);
  cairo_set_line_width (cr, draft ? 1.0 : selected ? 2.5 : 1.5);
  if (draft)
    cairo_set_dash (cr, (double[]) { 4, 3 }, 2, 0);
  else
    cairo_set_dash (cr, NULL, 0, 0);

  switch (a->kind)
    {
    case HZ_IMAGING_ANNOTATION_DISTANCE:
      cairo_move_to (cr, x0, y0);
      cairo_line_to (cr, x1, y1);
      cairo_stroke (cr);
      /* the calipers' crosses */
      for (int i = 0; i < 2; i++)
        {
          double x = i ? x1 : x0, y = i ? y1 : y0;

          cairo_move_to (cr, x - 5, y);
          cairo_line_to (cr, x + 5, y);
          cairo_move_to (cr, x, y - 5);
          cairo_line_to (cr, x, y + 5);
          cairo_stroke (cr);
        }
      break;
    case HZ_IMAGING_ANNOTATION_AREA:
      if (fabs (x1 - x0) > 0.5 && fabs (y1 - y0) > 0.5)
        {
          cairo_save (cr);
          cairo_translate (cr, (x0 + x1) / 2, (y0 + y1) / 2);
          cairo_scale (cr, fabs (x1 - x0) / 2, fabs (y1 - y0) / 2);
          cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
          cairo_restore (cr);
          cairo_stroke (cr);
        }
      break;
    case HZ_IMAGING_ANNOTATION_ARROW:
      {
        double angle = atan2 (y1 - y0, x1 - x0);

        cairo_move_to (cr, x0, y0);
        cairo_line_to (cr, x1, y1);
        cairo_stroke (cr);
        cairo_move_to (cr, x1, y1);
        cairo_line_to (cr, x1 - 12 * cos (angle - 0.4), y1 - 12 * sin (angle - 0.4));
        cairo_line_to (cr, x1 - 12 * cos (angle + 0.4), y1 - 12 * sin (angle + 0.4));
        cairo_close_path (cr);
        cairo_fill (cr);
        /* the text at the tail */
        x1 = x0;
        y1 = y0;
      }
      break;
    case HZ_IMAGING_ANNOTATION_TEXT:
    default:
      cairo_arc (cr, x0, y0, 3, 0, 2 * G_PI);
      cairo_fill (cr);
      x1 = x0;
      y1 = y0;
      break;
    }

  if (label != NULL && *label != '\0')
    {
      pango_layout_set_text (layout, label, -1);
      append_layout (snapshot, layout, x1 + 8, y1 + 4, &yellow);
    }
}

/* @text on a dark band, as a texture the size of the band */
static GdkTexture *
render_corner (HzImagingCanvas *self,
               PangoLayout     *layout,
               const char      *text,
               gboolean         right,
               const GdkRGBA   *colour)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
  GskRenderer *renderer = native != NULL ? gtk_native_get_renderer (native) : NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  int lw, lh;

  if (renderer == NULL)
    return NULL;
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_alignment (layout, right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
  pango_layout_get_pixel_size (layout, &lw, &lh);
  snapshot = gtk_snapshot_new ();
  append_layout (snapshot, layout, 4, 2, colour);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  pango_layout_set_alignment (layout, PANGO_ALIGN_LEFT);
  if (node == NULL)
    return NULL;
  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, lw + 8, lh + 4));
}

static void
clear_corners (HzImagingCanvas *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->corner_textures); i++)
    g_clear_object (&self->corner_textures[i]);
}

static void
hz_imaging_canvas_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  HzImagingCanvas *self = HZ_IMAGING_CANVAS (widget);
  double W = gtk_widget_get_width (widget);
  double H = gtk_widget_get_height (widget);
  static const GdkRGBA white = { 1, 1, 1, 1 };
  static const GdkRGBA warning = { 1, 0.6f, 0.2f, 1 };
  g_autoptr(PangoLayout) layout = NULL;
  int frame = self->player != NULL ? hz_imaging_player_get_frame (self->player) : -1;
  guint on_frame = 0;
  double iw, ih, s, ox, oy;

  /* black where the image is not: filling under it too costs the cairo
   * renderer a second full-size fill on every frame */
  image_size (self, &iw, &ih);
  get_transform (self, &s, &ox, &oy);
  {
    static const GdkRGBA black = { 0, 0, 0, 1 };
    float x0 = (float) CLAMP (ox, 0, W), y0 = (float) CLAMP (oy, 0, H);
    float x1 = (float) CLAMP (ox + iw * s, 0, W), y1 = (float) CLAMP (oy + ih * s, 0, H);

    if (iw <= 0 || ih <= 0)
      x0 = x1 = y0 = y1 = 0;
    else
      {
        /* a pixel under the image's edges: no seam where they meet at a fraction */
        x0 = MIN (x0 + 1, x1);
        y0 = MIN (y0 + 1, y1);
        x1 = MAX (x1 - 1, x0);
        y1 = MAX (y1 - 1, y0);
      }
    gtk_snapshot_append_color (snapshot, &black, &GRAPHENE_RECT_INIT (0, 0, (float) W, y0));
    gtk_snapshot_append_color (snapshot, &black, &GRAPHENE_RECT_INIT (0, y1, (float) W, (float) H - y1));
    gtk_snapshot_append_color (snapshot, &black, &GRAPHENE_RECT_INIT (0, y0, x0, y1 - y0));
    gtk_snapshot_append_color (snapshot, &black, &GRAPHENE_RECT_INIT (x1, y0, (float) W - x1, y1 - y0));
  }
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, (float) W, (float) H));
  gtk_widget_snapshot_child (widget, self->picture, snapshot);

  layout = gtk_widget_create_pango_layout (widget, NULL);

  if (self->annotations_visible && self->annotations != NULL)
    for (guint i = 0; i < self->annotations->len; i++)
      on_frame += ((const HzImagingAnnotation *) g_ptr_array_index (self->annotations, i))->frame == MAX (frame, 0);
  if (self->player != NULL && (on_frame > 0 || self->draft != NULL))
    {
      cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, (float) W, (float) H));
      g_autoptr(GtkSnapshot) labels = gtk_snapshot_new ();
      g_autoptr(GskRenderNode) node = NULL;

      if (self->annotations_visible && self->annotations != NULL)
        for (guint i = 0; i < self->annotations->len; i++)
          {
            const HzImagingAnnotation *a = g_ptr_array_index (self->annotations, i);

            if (a->frame == MAX (frame, 0))
              draw_annotation (self, cr, layout, labels, a, FALSE, (int) i == self->selected);
          }
      if (self->draft != NULL)
        draw_annotation (self, cr, layout, labels, self->draft, TRUE, FALSE);
      cairo_destroy (cr);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&labels));
      if (node != NULL)
        gtk_snapshot_append_node (snapshot, node);
    }

  {
    g_autofree char *bottom = NULL;
    const char *texts[3];
    static const GdkRGBA *colours[3];

    if (!self->calibrated && self->player != NULL)
      /* Translators: in the image's corner when it has no ultrasound
       * calibration: measurements are in pixels, not mm. 未校准 */
      bottom = g_strdup_printf ("%s%s%s", self->bottom_left != NULL ? self->bottom_left : "",
                                self->bottom_left != NULL ? "\n" : "",
                                _("Uncalibrated: no physical spacing, measurements are not in mm"));
    else
      bottom = g_strdup (self->bottom_left);
    texts[0] = self->top_left;
    texts[1] = self->top_right;
    texts[2] = bottom;
    colours[0] = colours[1] = &white;
    colours[2] = self->calibrated ? &white : &warning;
    for (guint i = 0; i < 3; i++)
      {
        GdkTexture *texture;
        float w, h, x, y;

        if (texts[i] == NULL || *texts[i] == '\0')
          continue;
        if (self->corner_textures[i] == NULL)
          self->corner_textures[i] = render_corner (self, layout, texts[i], i == 1, colours[i]);
        texture = self->corner_textures[i];
        if (texture == NULL)
          continue;
        w = gdk_texture_get_width (texture);
        h = gdk_texture_get_height (texture);
        x = i == 1 ? (float) W - w - 4 : 4;
        y = i == 2 ? (float) H - h - 4 : 4;
        gtk_snapshot_append_texture (snapshot, texture, &GRAPHENE_RECT_INIT (x, y, w, h));
      }
  }
  gtk_snapshot_pop (snapshot);
}

/* --- input --------------------------------------------------------------------- */

static void
clamp_pan (HzImagingCanvas *self)
{
  double iw, ih;

  image_size (self, &iw, &ih);
  /* not known until the first frame: kept as asked */
  if (iw <= 0 || ih <= 0)
    return;
  self->pan_x = CLAMP (self->pan_x, 0, MAX (iw, 0));
  self->pan_y = CLAMP (self->pan_y, 0, MAX (ih, 0));
}

/* Leaves fit mode keeping the picture where it is */
static void
unfit (HzImagingCanvas *self)
{
  double s, ox, oy, cx, cy;

  if (self->zoom > 0)
    return;
  /* the image point at the centre, while the transform is still the fitted one */
  hz_imaging_canvas_widget_to_image (self, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                                     gtk_widget_get_height (GTK_WIDGET (self)) / 2.0, &cx, &cy);
  get_transform (self, &s, &ox, &oy);
  self->zoom = s;
  self->pan_x = cx;
  self->pan_y = cy;
}

static void
view_changed (HzImagingCanvas *self)
{
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[SIGNAL_VIEW_CHANGED], 0);
}

static HzImagingAnnotationKind
tool_kind (HzImagingTool tool)
{
  switch (tool)
    {
    case HZ_IMAGING_TOOL_AREA:
      return HZ_IMAGING_ANNOTATION_AREA;
    case HZ_IMAGING_TOOL_TEXT:
      return HZ_IMAGING_ANNOTATION_TEXT;
    case HZ_IMAGING_TOOL_ARROW:
      return HZ_IMAGING_ANNOTATION_ARROW;
    case HZ_IMAGING_TOOL_DISTANCE:
    case HZ_IMAGING_TOOL_PAN:
    case HZ_IMAGING_TOOL_WINDOW:
    default:
      return HZ_IMAGING_ANNOTATION_DISTANCE;
    }
}

static gboolean
tool_draws (HzImagingTool tool)
{
  return tool == HZ_IMAGING_TOOL_DISTANCE || tool == HZ_IMAGING_TOOL_AREA ||
         tool == HZ_IMAGING_TOOL_TEXT || tool == HZ_IMAGING_TOOL_ARROW;
}

static void
begin_draft (HzImagingCanvas *self,
             double           ix,
             double           iy)
{
  int frame = hz_imaging_player_get_frame (self->player);
  const HzDicomInfo *info = hz_imaging_player_get_info (self->player);

  g_clear_pointer (&self->draft, hz_imaging_annotation_free);
  self->draft = hz_imaging_annotation_new (tool_kind (self->drag_tool));
  self->draft->x0 = self->draft->x1 = ix;
  self->draft->y0 = self->draft->y1 = iy;
  self->draft->frame = MAX (frame, 0);
  if (info != NULL)
    self->draft->instance_uid = g_strdup (info->sop_instance_uid);
}

static void
update_draft (HzImagingCanvas *self,
              double           ix,
              double           iy)
{
  if (self->draft == NULL)
    return;
  if (self->draft->kind != HZ_IMAGING_ANNOTATION_TEXT)
    {
      self->draft->x1 = ix;
      self->draft->y1 = iy;
    }
  hz_imaging_annotation_measure (self->draft, hz_imaging_player_get_info (self->player));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
finish_draft (HzImagingCanvas *self)
{
  g_autoptr(HzImagingAnnotation) draft = g_steal_pointer (&self->draft);

  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (draft == NULL)
    return;
  /* a click is no caliper */
  if (draft->kind != HZ_IMAGING_ANNOTATION_TEXT &&
      fabs (draft->x1 - draft->x0) < 1 && fabs (draft->y1 - draft->y0) < 1)
    return;
  g_signal_emit (self, signals[SIGNAL_ANNOTATION_DRAWN], 0, draft);
}

static void
on_drag_begin (GtkGestureDrag  *gesture,
               double           x,
               double           y,
               HzImagingCanvas *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  double ix, iy;

  if (self->player == NULL)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  self->drag_button = button;
  self->drag_tool = button == GDK_BUTTON_MIDDLE ? HZ_IMAGING_TOOL_PAN
                    : button == GDK_BUTTON_SECONDARY ? HZ_IMAGING_TOOL_WINDOW
                    : self->tool;
  self->drag_x = x;
  self->drag_y = y;
  gtk_widget_grab_focus (GTK_WIDGET (self));
  switch (self->drag_tool)
    {
    case HZ_IMAGING_TOOL_PAN:
      unfit (self);
      self->drag_pan_x = self->pan_x;
      self->drag_pan_y = self->pan_y;
      break;
    case HZ_IMAGING_TOOL_WINDOW:
      g_signal_emit (self, signals[SIGNAL_WINDOW_DRAG], 0, 0.0, 0.0, TRUE);
      break;
    default:
      hz_imaging_canvas_widget_to_image (self, x, y, &ix, &iy);
      begin_draft (self, ix, iy);
      update_draft (self, ix, iy);
      break;
    }
}

static void
on_drag_update (GtkGestureDrag  *gesture,
                double           dx,
                double           dy,
                HzImagingCanvas *self)
{
  double ix, iy;

  if (self->player == NULL)
    return;
  switch (self->drag_tool)
    {
    case HZ_IMAGING_TOOL_PAN:
      self->pan_x = self->drag_pan_x - dx / self->zoom;
      self->pan_y = self->drag_pan_y - dy / self->zoom;
      clamp_pan (self);
      view_changed (self);
      break;
    case HZ_IMAGING_TOOL_WINDOW:
      g_signal_emit (self, signals[SIGNAL_WINDOW_DRAG], 0, dx, dy, FALSE);
      break;
    default:
      hz_imaging_canvas_widget_to_image (self, self->drag_x + dx, self->drag_y + dy, &ix, &iy);
      update_draft (self, ix, iy);
      break;
    }
}

static double
segment_distance (double px, double py,
                  double ax, double ay,
                  double bx, double by)
{
  double dx = bx - ax, dy = by - ay;
  double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? CLAMP (((px - ax) * dx + (py - ay) * dy) / len2, 0, 1) : 0;

  return hypot (px - (ax + t * dx), py - (ay + t * dy));
}

/* The annotation of the shown frame under widget point (@x, @y), or -1 */
static int
hit_test (HzImagingCanvas *self,
          double           x,
          double           y)
{
  int frame = self->player != NULL ? MAX (hz_imaging_player_get_frame (self->player), 0) : 0;

  if (self->annotations == NULL || !self->annotations_visible)
    return -1;
  for (guint i = self->annotations->len; i > 0; i--)
    {
      const HzImagingAnnotation *a = g_ptr_array_index (self->annotations, i - 1);
      double x0, y0, x1, y1, d;

      if (a->frame != frame)
        continue;
      hz_imaging_canvas_image_to_widget (self, a->x0, a->y0, &x0, &y0);
      hz_imaging_canvas_image_to_widget (self, a->x1, a->y1, &x1, &y1);
      switch (a->kind)
        {
        case HZ_IMAGING_ANNOTATION_AREA:
          {
            double cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
            double rx = MAX (fabs (x1 - x0) / 2, 1), ry = MAX (fabs (y1 - y0) / 2, 1);
            double r = hypot ((x - cx) / rx, (y - cy) / ry);

            d = fabs (r - 1) * MIN (rx, ry);
          }
          break;
        case HZ_IMAGING_ANNOTATION_TEXT:
          d = hypot (x - x0, y - y0);
          break;
        case HZ_IMAGING_ANNOTATION_DISTANCE:
        case HZ_IMAGING_ANNOTATION_ARROW:
        default:
          d = segment_distance (x, y, x0, y0, x1, y1);
          break;
        }
      if (d <= 8)
        return (int) i - 1;
    }
  return -1;
}

static void
select_index (HzImagingCanvas *self,
              int              index)
{
  if (self->selected == index)
    return;
  self->selected = index;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[SIGNAL_SELECTION_CHANGED], 0);
}

static void
on_drag_end (GtkGestureDrag  *gesture,
             double           dx,
             double           dy,
             HzImagingCanvas *self)
{
  on_drag_update (gesture, dx, dy, self);
  if (tool_draws (self->drag_tool))
    finish_draft (self);
  /* a click with the pan tool selects the annotation under it */
  else if (self->drag_tool == HZ_IMAGING_TOOL_PAN && self->drag_button == GDK_BUTTON_PRIMARY &&
           fabs (dx) < 3 && fabs (dy) < 3)
    select_index (self, hit_test (self, self->drag_x, self->drag_y));
}

static gboolean
on_scroll (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           HzImagingCanvas          *self)
{
  double x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
  double y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (controller));

  if (self->player == NULL || dy == 0)
    return FALSE;
  if (event != NULL)
    {
      double ex, ey;
      GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
      graphene_point_t p;
      double nx, ny;

      if (gdk_event_get_position (event, &ex, &ey) && native != NULL)
        {
          gtk_native_get_surface_transform (native, &nx, &ny);
          if (gtk_widget_compute_point (GTK_WIDGET (native), GTK_WIDGET (self),
                                        &GRAPHENE_POINT_INIT ((float) (ex - nx), (float) (ey - ny)), &p))
            {
              x = p.x;
              y = p.y;
            }
        }
    }
  hz_imaging_canvas_zoom_at (self, dy < 0 ? 1.25 : 0.8, x, y);
  return TRUE;
}

/* --- API ----------------------------------------------------------------------- */

void
hz_imaging_canvas_zoom_at (HzImagingCanvas *self,
                           double           factor,
                           double           wx,
                           double           wy)
{
  double ix, iy, s, ox, oy;

  g_return_if_fail (HZ_IS_IMAGING_CANVAS (self));

  unfit (self);
  hz_imaging_canvas_widget_to_image (self, wx, wy, &ix, &iy);
  self->zoom = CLAMP (self->zoom * factor, ZOOM_MIN, ZOOM_MAX);
  /* keep the image point under (wx, wy) */
  s = self->zoom;
  ox = wx - ix * s;
  oy = wy - iy * s;
  self->pan_x = (gtk_widget_get_width (GTK_WIDGET (self)) / 2.0 - ox) / s;
  self->pan_y = (gtk_widget_get_height (GTK_WIDGET (self)) / 2.0 - oy) / s;
  clamp_pan (self);
  view_changed (self);
}

void
hz_imaging_canvas_apply_tool (HzImagingCanvas *self,
                              double           x0,
                              double           y0,
                              double           x1,
                              double           y1)
{
  g_return_if_fail (HZ_IS_IMAGING_CANVAS (self));
  g_return_if_fail (self->player != NULL);

  self->drag_tool = self->tool;
  if (!tool_draws (self->tool))
    return;
  begin_draft (self, x0, y0);
  update_draft (self, x1, y1);
  finish_draft (self);
}

static void
on_frame (HzImagingCanvas *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_size (HzImagingCanvas *self)
{
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

void
hz_imaging_canvas_set_player (HzImagingCanvas *self,
                              HzImagingPlayer *player)
{
  g_return_if_fail (HZ_IS_IMAGING_CANVAS (self));

  if (self->player == player)
    return;
  if (self->player != NULL)
    {
      g_clear_signal_handler (&self->frame_handler, self->player);
      g_clear_signal_handler (&self->size_handler, hz_imaging_player_get_paintable (self->player));
    }
  g_clear_pointer (&self->draft, hz_imaging_annotation_free);
  g_set_object (&self->player, player);
  self->annotations = NULL;
  select_index (self, -1);
  if (player != NULL)
    {
      self->frame_handler = g_signal_connect_swapped (player, "notify::frame", G_CALLBACK (on_frame), self);
      self->size_handler = g_signal_connect_swapped (hz_imaging_player_get_paintable (player),
                                                     "invalidate-size", G_CALLBACK (on_size), self);
    }
  gtk_picture_set_paintable (GTK_PICTURE (self->picture),
                             player != NULL ? hz_imaging_player_get_paintable (player) : NULL);
  self->zoom = 0;
  view_changed (self);
}

HzImagingPlayer *
hz_imaging_canvas_get_player (HzImagingCanvas *self)
{
  g_return_val_if_fail (HZ_IS_IMAGING_CANVAS (self), NULL);

  return self->player;
}

GtkPicture *
hz_imaging_canvas_get_picture (HzImagingCanvas *self)
{
  g_return_val_if_fail (HZ_IS_IMAGING_CANVAS (self), NULL);

  return GTK_PICTURE (self->picture);
}

void
hz_imaging_canvas_set_tool (HzImagingCanvas *self,
                            HzImagingTool    tool)
{
  g_return_if_fail (HZ_IS_IMAGING_CANVAS (self));

  self->tool = tool;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self),
                                   tool == HZ_IMAGING_TOOL_PAN ? "grab"
                                   : tool == HZ_IMAGING_TOOL_WINDOW ? "all-scroll"
                                   : tool == HZ_IMAGING_TOOL_TEXT ? "text" : "crosshair");
}

HzImagingTool
hz_imaging_canvas_get_tool (HzImagingCanvas *self)
{
  g_return_val_if_fail (HZ_IS_IMAGING_CANVAS (self), HZ_IMAGING_TOOL_PAN);

  return self->tool;
}

void
hz_imaging_canvas_set_zoom (HzImagingCanvas *self,
                            double           zoom)
{
  g_return_if_fail (HZ_IS_IMAGING_CANVAS (self));

  if (zoom > 0)
    {
      if (self->zoom <= 0)
        {
          double iw, ih;

          image_size (self, &iw, &ih);
          self->pan_x = iw / 2;
          self->pan_y = ih / 2;
        }
      self->zoom = CLAMP (zoom, ZOOM_MIN, ZOOM_MAX);
    }
  else
    self->zoom = 0;
  view_changed (self);
}

double
hz_imaging_canvas_get_zoom (HzImagingCanvas *self)
{
  g_return_val_if_fail (HZ_IS_IMAGING_CANVAS (self), 0);

  return self->zoom;
}

double
hz_imaging_canvas_get_scale (HzImagingCanvas *self)
{
  double s, ox, oy;

  g_return_val_if_fail (HZ_IS_IMAGING_CANVAS (self), 1);

  get_transform (self, &s, &ox, &oy);
  return s;
}

void
hz_imaging_canvas_set_pan (HzImagingCanvas *self,
                           double           x,
                           double           y)
{
  g_return_if_fail (HZ_IS_IMAGING_CANVAS (self));

  self->pan_x = x;
  self->pan_y = y;
  clamp_pan (self);
  view_changed (self);
}

void
hz_imaging_canvas_get_pan (HzImagingCanvas *self,
                           double          *x,
                           double          *y)
{
  g_return_if_fail (HZ_IS_IMAGING_CANVAS (self));

  if (self->zoom <= 0)
    {
      double iw, ih;

      image_size (self, &iw, &ih);
      *x = iw / 2;
      *y = ih / 2;
      return;
    }
  *x = self->pan_x;
  *y = self->pan_y;
}

void
hz_imaging_canvas_set_overlay (HzImagingCanvas *self,
                               const char      *top_left,
                               const char      *top_right,
                               const char      *bottom_left)
{
  g_return_if_fail (HZ_IS_IMAGING_CANVAS (self));

  if (g_strcmp0 (top_left, self->top_left) != 0)
    g_clear_object (&self->corner_textures[0]);
  if (g_strcmp0 (top_right, self->top_right) != 0)
    g_clear_object (&self->corner_textures[1]);
  if (g_strcmp0 (bottom_left, self->bottom_left) != 0)
    g_clear_object (&self->corner_textures[2]);
  g_free (self->top_left);
  g_free (self->top_right);
  g_free (self->bottom_left);
  self->top_left = g_strdup (top_left);
  self->top_right = g_strdup (top_right);
  self->bottom_left = g_strdup (bottom_left);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
hz_imaging_canvas_set_calibrated (HzImagingCanvas *self,
                                  gboolean         calibrated)
{
  g_return_if_fail (HZ_IS_IMAGING_CANVAS (self));

  if (self->calibrated != !!calibrated)
    g_clear_object (&self->corner_textures[2]);
  self->calibrated = !!calibrated;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
hz_imaging_canvas_set_annotations (HzImagingCanvas *self,
                                   GPtrArray       *annotations)
{
  g_return_if_fail (HZ_IS_IMAGING_CANVAS (self));

  self->annotations = annotations;
  select_index (self, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
hz_imaging_canvas_set_annotations_visible (HzImagingCanvas *self,
                                           gboolean         visible)
{
  g_return_if_fail (HZ_IS_IMAGING_CANVAS (self));

  self->annotations_visible = visible;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
hz_imaging_canvas_get_annotations_visible (HzImagingCanvas *self)
{
  g_return_val_if_fail (HZ_IS_IMAGING_CANVAS (self), FALSE);

  return self->annotations_visible;
}

/* --- GObject ------------------------------------------------------------------- */

/* the corner textures belong to the renderer that made them */
static void
hz_imaging_canvas_unrealize (GtkWidget *widget)
{
  clear_corners (HZ_IMAGING_CANVAS (widget));
  GTK_WIDGET_CLASS (hz_imaging_canvas_parent_class)->unrealize (widget);
}

static void
hz_imaging_canvas_dispose (GObject *object)
{
  HzImagingCanvas *self = HZ_IMAGING_CANVAS (object);

  hz_imaging_canvas_set_player (self, NULL);
  g_clear_pointer (&self->picture, gtk_widget_unparent);

  G_OBJECT_CLASS (hz_imaging_canvas_parent_class)->dispose (object);
}

static void
hz_imaging_canvas_finalize (GObject *object)
{
  HzImagingCanvas *self = HZ_IMAGING_CANVAS (object);

  g_clear_pointer (&self->draft, hz_imaging_annotation_free);
  clear_corners (self);
  g_free (self->top_left);
  g_free (self->top_right);
  g_free (self->bottom_left);

  G_OBJECT_CLASS (hz_imaging_canvas_parent_class)->finalize (object);
}

static void
hz_imaging_canvas_class_init (HzImagingCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hz_imaging_canvas_dispose;
  object_class->finalize = hz_imaging_canvas_finalize;
  widget_class->measure = hz_imaging_canvas_measure;
  widget_class->size_allocate = hz_imaging_canvas_size_allocate;
  widget_class->snapshot = hz_imaging_canvas_snapshot;
  widget_class->unrealize = hz_imaging_canvas_unrealize;

  /**
   * HzImagingCanvas::annotation-drawn:
   * @annotation: (transfer none): the caliper, text point or arrow drawn, measured
   */
  signals[SIGNAL_ANNOTATION_DRAWN] =
    g_signal_new ("annotation-drawn", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
  /**
   * HzImagingCanvas::window-drag:
   * @dx: @dy: how far the pointer moved since the drag began
   * @begin: TRUE as it begins
   */
  signals[SIGNAL_WINDOW_DRAG] =
    g_signal_new ("window-drag", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 3, G_TYPE_DOUBLE, G_TYPE_DOUBLE, G_TYPE_BOOLEAN);
  signals[SIGNAL_SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_VIEW_CHANGED] =
    g_signal_new ("view-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "hz-imaging-canvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
hz_imaging_canvas_init (HzImagingCanvas *self)
{
  GtkEventController *scroll;

  self->calibrated = TRUE;
  self->annotations_visible = TRUE;
  self->selected = -1;
  self->picture = gtk_picture_new ();
  gtk_picture_set_can_shrink (GTK_PICTURE (self->picture), TRUE);
  gtk_widget_set_can_target (self->picture, FALSE);
  gtk_widget_set_parent (self->picture, GTK_WIDGET (self));
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);

  self->drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (self->drag), 0);
  g_signal_connect (self->drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (self->drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (self->drag, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (self->drag));

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);
  hz_imaging_canvas_set_tool (self, HZ_IMAGING_TOOL_PAN);
}

GtkWidget *
hz_imaging_canvas_new (void)
{
  return g_object_new (HZ_TYPE_IMAGING_CANVAS, NULL);
}

const HzImagingAnnotation *
hz_imaging_canvas_get_selected (HzImagingCanvas *self)
{
  g_return_val_if_fail (HZ_IS_IMAGING_CANVAS (self), NULL);

  if (self->annotations == NULL || self->selected < 0 || (guint) self->selected >= self->annotations->len)
    return NULL;
  return g_ptr_array_index (self->annotations, self->selected);
}
