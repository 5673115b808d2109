/* hz-nutrition-private.h — the types of the nutrition plugin
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <hz-ui.h>

G_BEGIN_DECLS

#define HZ_TYPE_NUTRITION_ADDIN (hz_nutrition_addin_get_type ())
G_DECLARE_FINAL_TYPE (HzNutritionAddin, hz_nutrition_addin, HZ, NUTRITION_ADDIN, GObject)

#define HZ_TYPE_NUTRITION_TIMELINE_SOURCE (hz_nutrition_timeline_source_get_type ())
G_DECLARE_FINAL_TYPE (HzNutritionTimelineSource, hz_nutrition_timeline_source,
                      HZ, NUTRITION_TIMELINE_SOURCE, GObject)

/* The nutrition events of @kase: where the weight gain leaves the
 * recommended range, or comes back into it. (transfer full) (element-type HzTimelineEvent) */
GPtrArray *hz_nutrition_timeline_events (HzCase *kase);

G_END_DECLS
