/* hz-timeline-row.h — one row of the timeline list: a group header, an event or the today marker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <huizhen.h>

G_BEGIN_DECLS

typedef enum {
  HZ_TIMELINE_ROW_HEADER,
  HZ_TIMELINE_ROW_EVENT,
  HZ_TIMELINE_ROW_TODAY,
} HzTimelineRowType;

/* In timeline order (see hz_timeline_group_compare()). */
typedef enum {
  HZ_TIMELINE_GROUP_BEFORE_PREGNANCY,  /* dated before the LMP; index = calendar month */
  HZ_TIMELINE_GROUP_WEEK,              /* gestational week; index = completed weeks */
  HZ_TIMELINE_GROUP_MONTH,             /* GA unknown; index = calendar month */
  HZ_TIMELINE_GROUP_POSTPARTUM,        /* index = days after delivery (>= 1) */
  HZ_TIMELINE_GROUP_AFTER,             /* long after the pregnancy; index = calendar month */
  HZ_TIMELINE_GROUP_UNDATED,           /* no valid date */
} HzTimelineGroupType;

/* A calendar month as an index: year * 12 + (month - 1) */
#define HZ_TIMELINE_MONTH_INDEX(y, m) ((y) * 12 + ((m) - 1))

/* Events this far after the LMP (no delivery recorded) or after the
 * delivery are not counted in weeks or days any more. */
#define HZ_TIMELINE_MAX_GA_DAYS        (44 * 7 + 6)
#define HZ_TIMELINE_MAX_POSTPARTUM_DAYS 365

typedef struct
{
  HzTimelineGroupType type;
  int                 index;
} HzTimelineGroup;

int       hz_timeline_group_compare   (const HzTimelineGroup *a,
                                       const HzTimelineGroup *b);
/* "week:12", "pp:5", "month:2024-05", "pre:2023-11", "after:2025-02", "undated" (transfer full) */
char     *hz_timeline_group_to_key    (const HzTimelineGroup *group);
gboolean  hz_timeline_group_from_key  (const char      *key,
                                       HzTimelineGroup *group);
/* Translated: "Week 12", "postpartum day 5", "May 2024"... (transfer full) */
char     *hz_timeline_group_get_label (const HzTimelineGroup *group);

/* Where a day falls on the timeline of @dating. @julian 0 = undated. */
void      hz_timeline_group_for_date  (const HzDating  *dating,
                                       guint32          julian,
                                       HzTimelineGroup *group);

#define HZ_TYPE_TIMELINE_ROW (hz_timeline_row_get_type ())

G_DECLARE_FINAL_TYPE (HzTimelineRow, hz_timeline_row, HZ, TIMELINE_ROW, GObject)

/* An event row; GA and group computed from @dating. */
HzTimelineRow     *hz_timeline_row_new_event     (HzTimelineEvent *event,
                                                  const HzDating  *dating);
/* A header for @group; @first_day / @last_day julian (0 unknown). */
HzTimelineRow     *hz_timeline_row_new_header    (const HzTimelineGroup *group,
                                                  const HzDating        *dating,
                                                  guint                  n_events);
HzTimelineRow     *hz_timeline_row_new_today     (const HzDating *dating,
                                                  const GDate    *today);

HzTimelineRowType  hz_timeline_row_get_row_type  (HzTimelineRow *self);
const HzTimelineGroup *hz_timeline_row_get_group (HzTimelineRow *self);
/* (nullable) for event rows only */
HzTimelineEvent   *hz_timeline_row_get_event     (HzTimelineRow *self);
/* Julian day of the row's date, 0 if undated; headers: first day of the group. */
guint32            hz_timeline_row_get_julian    (HzTimelineRow *self);
/* Seconds since the epoch, G_MAXINT64 if undated. */
gint64             hz_timeline_row_get_time      (HzTimelineRow *self);
gboolean           hz_timeline_row_get_ga        (HzTimelineRow *self,
                                                  int           *ga_days);
/* Header: number of (visible) events in the group. */
guint              hz_timeline_row_get_n_events  (HzTimelineRow *self);
/* For the model, while it builds a header. */
void               hz_timeline_row_set_n_events  (HzTimelineRow *self,
                                                  guint          n_events);

/* "12w3d" / "孕12+3周", "postpartum day 5", or "GA unknown" (translated). */
const char        *hz_timeline_row_get_ga_label  (HzTimelineRow *self);
/* "2024-03-28", or "No date" (translated). */
const char        *hz_timeline_row_get_date_label (HzTimelineRow *self);
/* Header: the group label; event: its title; today: "Today". */
const char        *hz_timeline_row_get_title     (HzTimelineRow *self);
/* Header: date range and trimester; event: detail (may be NULL). */
const char        *hz_timeline_row_get_subtitle  (HzTimelineRow *self);
/* Stable key for scroll anchors: event → its resource reference (NULL if
 * none), header → group key, today → "today". */
const char        *hz_timeline_row_get_key       (HzTimelineRow *self);
/* Trimester of a week header or an event with GA (-1 otherwise). */
int                hz_timeline_row_get_trimester (HzTimelineRow *self);

/* Case-folded text searched by the text filter (lazy). */
const char        *hz_timeline_row_get_search_text (HzTimelineRow *self);

G_END_DECLS
