/* hz-nutrition-page.h — the nutrition team's page of a case: BMI, weight gain, glucose log, advice
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <hz-ui.h>

#include "hz-gwg-chart.h"

G_BEGIN_DECLS

#define HZ_TYPE_NUTRITION_PAGE (hz_nutrition_page_get_type ())

G_DECLARE_FINAL_TYPE (HzNutritionPage, hz_nutrition_page, HZ, NUTRITION_PAGE, GtkWidget)

GtkWidget   *hz_nutrition_page_new                (HzCase          *kase);
HzCase      *hz_nutrition_page_get_case           (HzNutritionPage *self);
HzGwgChart  *hz_nutrition_page_get_chart          (HzNutritionPage *self);
/* The glucose log, one HzGlucoseDay per day, latest first (transfer none) */
GListModel  *hz_nutrition_page_get_glucose_days   (HzNutritionPage *self);
/* The advice's versions as shown, oldest first: "第2版 · 王医生 · 2026年12月3日" (transfer none) */
GListModel  *hz_nutrition_page_get_advice_versions (HzNutritionPage *self);

G_END_DECLS
