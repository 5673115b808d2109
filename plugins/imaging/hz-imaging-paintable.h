/* hz-imaging-paintable.h — the latest frame of a player as a GdkPaintable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define HZ_TYPE_IMAGING_PAINTABLE (hz_imaging_paintable_get_type ())
G_DECLARE_FINAL_TYPE (HzImagingPaintable, hz_imaging_paintable, HZ, IMAGING_PAINTABLE, GObject)

HzImagingPaintable *hz_imaging_paintable_new         (void);
/* Shows @texture (may be NULL): invalidates the contents, and the size
 * when it changed */
void                hz_imaging_paintable_set_texture (HzImagingPaintable *self,
                                                      GdkTexture         *texture);
/* (transfer none) (nullable) */
GdkTexture         *hz_imaging_paintable_get_texture (HzImagingPaintable *self);
/* How many times the paintable was drawn since it was made */
guint64             hz_imaging_paintable_get_n_snapshots (HzImagingPaintable *self);

G_END_DECLS
