/* hz-timeline-ruler.h — the gestational-age ruler across the top of the timeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "hz-timeline-model.h"

G_BEGIN_DECLS

#define HZ_TYPE_TIMELINE_RULER (hz_timeline_ruler_get_type ())

G_DECLARE_FINAL_TYPE (HzTimelineRuler, hz_timeline_ruler, HZ, TIMELINE_RULER, GtkWidget)

GtkWidget *hz_timeline_ruler_new               (void);
/* Draws the model's dating, today and its (filtered) events; follows it. */
void       hz_timeline_ruler_set_model         (HzTimelineRuler *self,
                                                HzTimelineModel *model);
/* Due items (HzDueItem) drawn as windows under the weeks. (transfer none) */
void       hz_timeline_ruler_set_due_items     (HzTimelineRuler *self,
                                                GPtrArray       *items);
/* The part of the pregnancy the list shows, in days on the ruler's axis
 * (GA days; after delivery, delivery GA + postpartum days). @first > @last
 * hides it. */
void       hz_timeline_ruler_set_visible_range (HzTimelineRuler *self,
                                                int              first,
                                                int              last);
/* Days on the axis for a row (FALSE for rows not on it). */
gboolean   hz_timeline_ruler_row_position      (HzTimelineRuler *self,
                                                HzTimelineRow   *row,
                                                int             *days);

/**
 * HzTimelineRuler::jump:
 * @kind: an HzTimelineJumpKind (GA or postpartum day)
 * @value: GA days or days after delivery
 *
 * The user clicked a place on the ruler.
 */

G_END_DECLS
