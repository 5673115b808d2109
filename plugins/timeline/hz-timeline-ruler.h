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

/* What the ruler draws, computed for a size (the drawing and the tests
 * use the same): labels never overlap each other. */
typedef enum {
  HZ_RULER_BAND,         /* a trimester or the postpartum band */
  HZ_RULER_BAND_NAME,    /* its name, at its top */
  HZ_RULER_RANGE,        /* the part the list shows */
  HZ_RULER_TICK,         /* a week (or a week after delivery) */
  HZ_RULER_AXIS_LABEL,   /* "12", "40 weeks", "+14d" under the ticks */
  HZ_RULER_DUE,          /* a due item's window */
  HZ_RULER_EVENT,        /* a day's events */
  HZ_RULER_DELIVERY,     /* the delivery line */
  HZ_RULER_TODAY,        /* the today line */
  HZ_RULER_TODAY_LABEL,  /* "Today", on a pill */
} HzRulerItemKind;

typedef struct
{
  HzRulerItemKind  kind;
  graphene_rect_t  rect;
  GdkRGBA          colour;      /* of the mark, or of the text */
  GdkRGBA          background;  /* the today label's pill */
  char            *text;        /* labels */
  PangoLayout     *layout;      /* labels */
} HzRulerItem;

/* (transfer full) (element-type HzRulerItem) */
GArray    *hz_timeline_ruler_compute_layout    (HzTimelineRuler *self,
                                                int              width,
                                                int              height);
/* The tooltip at @x: where it is, the band, the due windows there and
 * what the marks mean. (transfer full) (nullable) */
char      *hz_timeline_ruler_dup_tooltip_text  (HzTimelineRuler *self,
                                                double           x);

/* What the bands, bars and lines mean, in a sentence or two. */
const char *hz_timeline_ruler_get_legend       (void);

/**
 * HzTimelineRuler::jump:
 * @kind: an HzTimelineJumpKind (GA or postpartum day)
 * @value: GA days or days after delivery
 *
 * The user clicked a place on the ruler.
 */

G_END_DECLS
