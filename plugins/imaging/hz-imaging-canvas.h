/* hz-imaging-canvas.h — the image of the viewer: the player's GtkPicture zoomed and
 * panned, the overlay of patient and study, calipers and annotations
 *
 * The GtkPicture child is allocated at the image's size with a transform
 * (scale, then translation), so zoom and pan cost the renderer one
 * transform node; the overlay is drawn above it in image coordinates.
 * The primary button does what the tool says (pan, window/level, a
 * distance or ellipse caliper, a text, an arrow); the middle button pans,
 * the secondary one changes window/level, the scroll wheel zooms about
 * the pointer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "hz-imaging-annotation.h"
#include "hz-imaging-player.h"

G_BEGIN_DECLS

typedef enum
{
  HZ_IMAGING_TOOL_PAN,
  HZ_IMAGING_TOOL_WINDOW,
  HZ_IMAGING_TOOL_DISTANCE,
  HZ_IMAGING_TOOL_AREA,
  HZ_IMAGING_TOOL_TEXT,
  HZ_IMAGING_TOOL_ARROW,
} HzImagingTool;

#define HZ_TYPE_IMAGING_CANVAS (hz_imaging_canvas_get_type ())
G_DECLARE_FINAL_TYPE (HzImagingCanvas, hz_imaging_canvas, HZ, IMAGING_CANVAS, GtkWidget)

GtkWidget     *hz_imaging_canvas_new             (void);
/* (nullable) */
void           hz_imaging_canvas_set_player      (HzImagingCanvas *self,
                                                  HzImagingPlayer *player);
HzImagingPlayer *hz_imaging_canvas_get_player    (HzImagingCanvas *self);
GtkPicture    *hz_imaging_canvas_get_picture     (HzImagingCanvas *self);

void           hz_imaging_canvas_set_tool        (HzImagingCanvas *self,
                                                  HzImagingTool    tool);
HzImagingTool  hz_imaging_canvas_get_tool        (HzImagingCanvas *self);

/* @zoom: screen pixels per image pixel; 0 fits the image in the view */
void           hz_imaging_canvas_set_zoom        (HzImagingCanvas *self,
                                                  double           zoom);
double         hz_imaging_canvas_get_zoom        (HzImagingCanvas *self);
/* The scale in use (the fitted one when zoom is 0) */
double         hz_imaging_canvas_get_scale       (HzImagingCanvas *self);
/* The image point at the centre of the view (when zoomed) */
void           hz_imaging_canvas_set_pan         (HzImagingCanvas *self,
                                                  double           x,
                                                  double           y);
void           hz_imaging_canvas_get_pan         (HzImagingCanvas *self,
                                                  double          *x,
                                                  double          *y);
/* Multiplies the zoom by @factor about the widget point @wx, @wy */
void           hz_imaging_canvas_zoom_at         (HzImagingCanvas *self,
                                                  double           factor,
                                                  double           wx,
                                                  double           wy);

void           hz_imaging_canvas_image_to_widget (HzImagingCanvas *self,
                                                  double           ix,
                                                  double           iy,
                                                  double          *wx,
                                                  double          *wy);
void           hz_imaging_canvas_widget_to_image (HzImagingCanvas *self,
                                                  double           wx,
                                                  double           wy,
                                                  double          *ix,
                                                  double          *iy);

/* The overlay's corners (each may be NULL): several lines each */
void           hz_imaging_canvas_set_overlay     (HzImagingCanvas *self,
                                                  const char      *top_left,
                                                  const char      *top_right,
                                                  const char      *bottom_left);
/* Says "uncalibrated" in the corner, clearly, when FALSE */
void           hz_imaging_canvas_set_calibrated  (HzImagingCanvas *self,
                                                  gboolean         calibrated);
/* The stored annotations of the image (element-type HzImagingAnnotation,
 * borrowed until the next call); those of the shown frame are drawn */
void           hz_imaging_canvas_set_annotations (HzImagingCanvas *self,
                                                  GPtrArray       *annotations);
void           hz_imaging_canvas_set_annotations_visible (HzImagingCanvas *self,
                                                          gboolean         visible);
gboolean       hz_imaging_canvas_get_annotations_visible (HzImagingCanvas *self);

/* The annotation a click with the pan tool selected (::selection-changed),
 * or NULL (transfer none) */
const HzImagingAnnotation *hz_imaging_canvas_get_selected (HzImagingCanvas *self);

/* Drives the tool as the pointer would (for tests and keyboard use): a
 * press at image point 0, a release at image point 1 */
void           hz_imaging_canvas_apply_tool      (HzImagingCanvas *self,
                                                  double           x0,
                                                  double           y0,
                                                  double           x1,
                                                  double           y1);

G_END_DECLS
