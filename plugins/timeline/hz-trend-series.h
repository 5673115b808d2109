/* hz-trend-series.h — numeric observations of a case as series against GA, per analyte and unit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <huizhen.h>

G_BEGIN_DECLS

typedef struct
{
  gint64  time;          /* microseconds since the epoch */
  guint32 julian;        /* the day */
  gboolean has_ga;
  int     ga_days;       /* when has_ga */
  double  value;         /* NAN when absent (e.g. only a diastolic) */
  double  value2;        /* blood pressure: diastolic; NAN otherwise */
  char   *reference;     /* "Observation/id" */
} HzTrendPoint;

typedef struct
{
  HzAnalyte  analyte;
  char      *unit;       /* the analyte's unit, or the unknown unit as recorded */
  gboolean   unit_known; /* FALSE: values are plotted in @unit, not converted */
  GArray    *points;     /* HzTrendPoint, by time */
  guint      n_undated;  /* values left out for want of a valid date */
  double     baseline;   /* weight: pre-pregnancy weight in kg, NAN if unknown */
} HzTrendSeries;

void        hz_trend_series_free         (HzTrendSeries *series);
/* One series per analyte that has at least one dated numeric value, plus
 * one per unit the analyte was recorded in that could not be converted;
 * in HzAnalyte order. (transfer full) (element-type HzTrendSeries) */
GPtrArray  *hz_trend_series_collect      (HzCase         *kase,
                                          const HzDating *dating);
/* Doubling time (hours, negative = halving) between the last two points
 * with positive values; FALSE when fewer than two. */
gboolean    hz_trend_series_last_doubling (const HzTrendSeries *series,
                                           double              *hours);
/* Lowest and highest values (both value and value2), FALSE if none. */
gboolean    hz_trend_series_get_range    (const HzTrendSeries *series,
                                          double              *min,
                                          double              *max);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HzTrendSeries, hz_trend_series_free)

G_END_DECLS
