/* hz-trend-chart.h — a small chart of one numeric series against gestational age
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "hz-trend-series.h"

G_BEGIN_DECLS

#define HZ_TYPE_TREND_CHART (hz_trend_chart_get_type ())

G_DECLARE_FINAL_TYPE (HzTrendChart, hz_trend_chart, HZ, TREND_CHART, GtkWidget)

/* @series stays owned by @owner (a GPtrArray of HzTrendSeries), which the
 * chart keeps alive. */
GtkWidget           *hz_trend_chart_new        (GPtrArray           *owner,
                                                const HzTrendSeries *series);
const HzTrendSeries *hz_trend_chart_get_series (HzTrendChart *self);
/* The text shown under the title: doubling time, weight gain, unit notes. (transfer none) */
const char          *hz_trend_chart_get_note   (HzTrendChart *self);

/**
 * HzTrendChart::activate-reference:
 * @reference: "Observation/id" of the point clicked
 */

G_END_DECLS
