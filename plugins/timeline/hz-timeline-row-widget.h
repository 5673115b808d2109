/* hz-timeline-row-widget.h — how one HzTimelineRow looks in the list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "hz-timeline-row.h"

G_BEGIN_DECLS

#define HZ_TYPE_TIMELINE_ROW_WIDGET (hz_timeline_row_widget_get_type ())

G_DECLARE_FINAL_TYPE (HzTimelineRowWidget, hz_timeline_row_widget, HZ, TIMELINE_ROW_WIDGET, GtkWidget)

GtkWidget     *hz_timeline_row_widget_new      (void);
/* Shows @row (NULL to clear). Cheap: only label texts and CSS classes. */
void           hz_timeline_row_widget_set_row  (HzTimelineRowWidget *self,
                                                HzTimelineRow       *row);
HzTimelineRow *hz_timeline_row_widget_get_row  (HzTimelineRowWidget *self);
/* The tooltip at (@x, @y): the whole text of what was cut short there (an
 * event's title and detail, its GA), else NULL. Valid once the row was
 * drawn. (transfer full) (nullable) */
char          *hz_timeline_row_widget_dup_tooltip_text (HzTimelineRowWidget *self,
                                                        double               x,
                                                        double               y);

G_END_DECLS
