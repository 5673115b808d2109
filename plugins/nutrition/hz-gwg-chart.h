/* hz-gwg-chart.h — the WS/T 801-2022 weight-gain chart: the band of her BMI class and her weights
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <hz-ui.h>

G_BEGIN_DECLS

#define HZ_TYPE_GWG_CHART (hz_gwg_chart_get_type ())

G_DECLARE_FINAL_TYPE (HzGwgChart, hz_gwg_chart, HZ, GWG_CHART, GtkWidget)

GtkWidget   *hz_gwg_chart_new            (void);
/* @band: NULL when the BMI is unknown (no band drawn). @points: the
 * case's weights (element-type HzGwgPoint, hz_gwg_points_new()), kept by
 * the chart; only the judged ones are plotted. */
void         hz_gwg_chart_set_data       (HzGwgChart             *self,
                                          const HzWeightGainBand *band,
                                          GArray                 *points);
/* The points plotted (judged, with a GA), oldest first */
guint        hz_gwg_chart_get_n_points   (HzGwgChart *self);
/* What a point says, as its tooltip and the accessible description do:
 * "2026-11-20 · 孕29+5周 · 85.6 kg · 增重 10.6 kg · 增重过多（推荐 2.3–6.71 kg）".
 * (transfer full) */
char        *hz_gwg_chart_dup_point_text (HzGwgChart *self,
                                          guint       index);
/* The reference ("Observation/id") of a plotted point (transfer none) */
const char  *hz_gwg_chart_get_point_reference (HzGwgChart *self,
                                               guint       index);
/* The weekly gain between the last two points, in g/week; FALSE with
 * fewer than two points or both on one day. */
gboolean     hz_gwg_chart_get_last_weekly_gain (HzGwgChart *self,
                                                int        *g_per_week);

G_END_DECLS
