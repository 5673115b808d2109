/* hz-imaging-render.h — a decoded DICOM frame as the viewer shows it: window/level, invert
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <huizhen.h>

G_BEGIN_DECLS

/* The default window of @info: the file's first window, else the range
 * of the stored bits after the rescale (monochrome), else 128 / 256. */
void               hz_imaging_default_window     (const HzDicomInfo *info,
                                                  double            *center,
                                                  double            *width);
/* The displayed image of @frame as BGRA (alpha 255), width * height * 4
 * bytes: with @use_default, hz_dicom_frame_to_rgb()'s default windowing;
 * otherwise the linear window @center / @width (DICOM PS3.3 C.11.2.1.2)
 * on the modality values (monochrome) or on each 8-bit display channel
 * (colour); @invert inverts the result. */
void               hz_imaging_render_bgra        (HzDicom            *dicom,
                                                  const HzDicomInfo  *info,
                                                  const HzDicomFrame *frame,
                                                  gboolean            use_default,
                                                  double              center,
                                                  double              width,
                                                  gboolean            invert,
                                                  guint8             *out);
/* The 8-bit linear window as a table, @invert applied */
void               hz_imaging_window_lut8        (double             center,
                                                  double             width,
                                                  gboolean           invert,
                                                  guint8             lut[256]);

G_END_DECLS
