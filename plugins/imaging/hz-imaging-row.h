/* hz-imaging-row.h — one image or clip of the study browser, updated in place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include <huizhen.h>

G_BEGIN_DECLS

#define HZ_TYPE_IMAGING_ROW (hz_imaging_row_get_type ())
G_DECLARE_FINAL_TYPE (HzImagingRow, hz_imaging_row, HZ, IMAGING_ROW, GObject)

/* Takes @item. */
HzImagingRow        *hz_imaging_row_new           (HzImagingItem *item);
/* "ImagingStudy/id#SOP-UID" or "Media/id": what identifies it in a view state */
const char          *hz_imaging_row_get_key       (HzImagingRow  *self);
/* The key @item would have. (transfer full) */
char                *hz_imaging_row_dup_key_for   (const HzImagingItem *item);
const HzImagingItem *hz_imaging_row_get_item      (HzImagingRow  *self);
/* Replaces the item (same key); notifies title/subtitle, and the
 * thumbnail when the file changed. Takes @item. */
void                 hz_imaging_row_update        (HzImagingRow  *self,
                                                   HzImagingItem *item);
const char          *hz_imaging_row_get_title     (HzImagingRow  *self);
const char          *hz_imaging_row_get_subtitle  (HzImagingRow  *self);
/* (nullable) (transfer none): made in a worker thread on first use */
GdkPaintable        *hz_imaging_row_get_thumbnail (HzImagingRow  *self);
/* "ImagingStudy/id" or "Media/id" */
char                *hz_imaging_row_dup_reference (HzImagingRow  *self);

G_END_DECLS
