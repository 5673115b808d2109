/* hz-glucose-day.h — one day of the glucose log: a reading per slot (fasting, 1 h and 2 h after each meal)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <hz-ui.h>

G_BEGIN_DECLS

/* The columns of the log: fasting, then 1 h and 2 h after breakfast,
 * lunch and dinner */
#define HZ_GLUCOSE_LOG_N_COLUMNS 7

/* The column of a slot and meal; FALSE for a post-meal slot without a
 * meal or a fasting one with one. */
gboolean     hz_glucose_log_column       (HzGlucoseSlot  slot,
                                          HzMeal         meal,
                                          guint         *column);
void         hz_glucose_log_column_slot  (guint          column,
                                          HzGlucoseSlot *slot,
                                          HzMeal        *meal);
/* Translated column title: "空腹", "早餐后1小时"... (transfer full) */
char        *hz_glucose_log_column_title (guint          column);

typedef struct
{
  gboolean           has_value;
  double             mmol_l;        /* the latest reading of the slot that day */
  HzThresholdResult  result;        /* its judgement against the slot's target */
  char              *reference;     /* "Observation/id" of that reading */
  char              *text;          /* every reading of the slot that day, time, value, judgement */
  guint              n_readings;
} HzGlucoseCell;

#define HZ_TYPE_GLUCOSE_DAY (hz_glucose_day_get_type ())

G_DECLARE_FINAL_TYPE (HzGlucoseDay, hz_glucose_day, HZ, GLUCOSE_DAY, GObject)

HzGlucoseDay        *hz_glucose_day_new        (const GDate            *day);
guint32              hz_glucose_day_get_julian (HzGlucoseDay           *self);
/* "2026-11-21" (transfer none) */
const char          *hz_glucose_day_get_label  (HzGlucoseDay           *self);
/* Adds a reading taken at @time ("07:10", may be NULL); readings are
 * added oldest first, so the last one is what the cell shows. */
void                 hz_glucose_day_add        (HzGlucoseDay           *self,
                                                const HzGlucoseReading *reading,
                                                const char             *time,
                                                const char             *reference);
const HzGlucoseCell *hz_glucose_day_get_cell   (HzGlucoseDay           *self,
                                                guint                   column);
guint                hz_glucose_day_count_flagged (HzGlucoseDay        *self);
/* TRUE when both show the same: the page replaces only the days that changed */
gboolean             hz_glucose_day_equal      (HzGlucoseDay           *a,
                                                HzGlucoseDay           *b);

G_END_DECLS
