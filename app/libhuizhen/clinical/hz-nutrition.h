/* hz-nutrition.h — the nutrition team's data: weight-gain baseline and points, the glucose log
 *
 * What the nutrition page, its timeline source and huizhen-cli read from a
 * case and write to it, by the conventions of docs/data-model.md:
 *  - the pre-pregnancy BMI (weight LOINC 56077-1 with height 8302-2, else
 *    a BMI 39156-5 recorded before 14+0) and the measured weights 29463-7,
 *    each judged against the WS/T 801-2022 band of that BMI (hz-calc.h);
 *  - the glucose log (血糖记录): self-monitored capillary glucose, fasting
 *    or 1 h / 2 h after breakfast, lunch or dinner, each judged against its
 *    treatment target (hz_threshold_interpret_glucose_target()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (HUIZHEN_INSIDE) && !defined (HUIZHEN_COMPILATION)
# error "Only <huizhen.h> can be included directly."
#endif

#include <json-glib/json-glib.h>

#include "hz-calc.h"
#include "hz-case.h"

G_BEGIN_DECLS

/* --- pre-pregnancy BMI and the weights --------------------------------------- */

typedef enum {
  HZ_GWG_BMI_UNKNOWN,    /* neither a pre-pregnancy weight with a height nor an early BMI */
  HZ_GWG_BMI_COMPUTED,   /* from the pre-pregnancy weight and the height */
  HZ_GWG_BMI_RECORDED,   /* the first BMI recorded before 14+0 */
} HzGwgBmiOrigin;

typedef struct
{
  HzGwgBmiOrigin          origin;
  HzBmi                   bmi;              /* set unless origin is UNKNOWN */
  const HzWeightGainBand *band;             /* the row of bmi.bmi_class, or NULL */
  double                  pre_weight_kg;    /* NAN when none is recorded */
  double                  height_cm;        /* NAN when none is recorded */
  char                   *bmi_reference;    /* "Observation/id" the BMI was read or computed from */
  char                   *source_text;      /* translated: what the BMI comes from, "孕前体重 75 kg，身高 161 cm" */
} HzGwgBaseline;

/* Reads the case's pre-pregnancy BMI (the latest pre-pregnancy weight in
 * kg, g or lb with the latest height in cm or m, else the first BMI in
 * kg/m² recorded before 14+0 weeks) and pre-pregnancy weight: the one rule
 * the weight-gain chart and the five-colour grading both read. Withdrawn
 * records are left out. Clear @baseline with hz_gwg_baseline_clear(). */
void         hz_gwg_baseline_find      (HzCase        *kase,
                                        HzGwgBaseline *baseline);
/* The same from what was recorded by @date (an undated record counts as
 * before it; NULL: everything), as a grading on that day saw it */
void         hz_gwg_baseline_find_on   (HzCase        *kase,
                                        const GDate   *date,
                                        HzGwgBaseline *baseline);
void         hz_gwg_baseline_clear     (HzGwgBaseline *baseline);

/* One measured weight (29463-7) of the case */
typedef struct
{
  char        *reference;       /* "Observation/id" */
  GDate        day;
  int          ga_days;         /* -1 when GA is unknown */
  double       weight_kg;
  gboolean     judged;          /* FALSE without a pre-pregnancy weight, a BMI or a GA */
  int          gain_g;          /* over the pre-pregnancy weight, to 10 g (when judged) */
  int          expected_low_g;  /* hz_gwg_expected_range() at ga_days (when judged) */
  int          expected_high_g;
  HzGwgStatus  status;          /* when judged */
} HzGwgPoint;

/* The case's weights in kg, oldest first, each judged by hz_gwg_judge()
 * against @baseline's band (GA 0+0 – HZ_CALC_GWG_MAX_GA_DAYS).
 * (transfer full) (element-type HzGwgPoint) */
GArray      *hz_gwg_points_new         (HzCase              *kase,
                                        const HzGwgBaseline *baseline);

/* A weight typed by a clinician ("62.4"), in kg: FALSE with
 * HZ_CALC_ERROR_INVALID and a translated message for an empty text, one
 * that is not a number, or a weight outside HZ_CALC_WEIGHT_MIN/MAX_KG. */
gboolean     hz_weight_parse_kg        (const char  *text,
                                        double      *kg,
                                        GError     **error);
/* A new body-weight Observation (29463-7, vital-signs, kg) of @kase's
 * patient at @effective (a FHIR dateTime), tagged with team nutrition;
 * id random. (transfer full) */
JsonObject  *hz_weight_observation_new (HzCase      *kase,
                                        double       kg,
                                        const char  *effective);

/* --- the glucose log ---------------------------------------------------------- */

/* The slot of a reading, coded beside its LOINC code */
#define HZ_SYSTEM_GLUCOSE_SLOT  "https://huizhen.github.io/fhir/CodeSystem/glucose-slot"
/* The meal a post-meal reading follows: Observation.component with this
 * code (system HZ_SYSTEM_OBSERVATION) and a valueCodeableConcept of HZ_SYSTEM_MEAL */
#define HZ_SYSTEM_OBSERVATION   "https://huizhen.github.io/fhir/CodeSystem/observation"
#define HZ_OBSERVATION_MEAL     "meal"
#define HZ_SYSTEM_MEAL          "https://huizhen.github.io/fhir/CodeSystem/meal"

/* What a glucose meter reads: not clinical cut-offs; a value outside is a
 * typing error (mmol/L). */
#define HZ_GLUCOSE_LOG_MIN_MMOL_L 1.0
#define HZ_GLUCOSE_LOG_MAX_MMOL_L 33.3

typedef enum {
  HZ_GLUCOSE_SLOT_FASTING,   /* 空腹: LOINC 14770-2, target < 5.3 */
  HZ_GLUCOSE_SLOT_1H,        /* 餐后1小时: LOINC 14743-9, target < 7.8 */
  HZ_GLUCOSE_SLOT_2H,        /* 餐后2小时: LOINC 14760-3, target < 6.7 */
  HZ_N_GLUCOSE_SLOTS
} HzGlucoseSlot;

typedef enum {
  HZ_MEAL_NONE,              /* a fasting reading */
  HZ_MEAL_BREAKFAST,
  HZ_MEAL_LUNCH,
  HZ_MEAL_DINNER,
  HZ_N_MEALS
} HzMeal;

/* "fasting", "1h-post-meal", "2h-post-meal": the code in HZ_SYSTEM_GLUCOSE_SLOT */
const char    *hz_glucose_slot_to_string        (HzGlucoseSlot slot);
gboolean       hz_glucose_slot_from_string      (const char    *code,
                                                 HzGlucoseSlot *slot);
/* Translated: 空腹, 餐后1小时, 餐后2小时 */
const char    *hz_glucose_slot_get_display_name (HzGlucoseSlot slot);
const char    *hz_glucose_slot_get_loinc        (HzGlucoseSlot slot);
/* HZ_THRESHOLD_GLUCOSE_TARGET_FASTING, _1H or _2H */
HzThresholdId  hz_glucose_slot_get_target       (HzGlucoseSlot slot);
/* Translated name of a slot after a meal: 空腹, 早餐后1小时, 晚餐后2小时...;
 * NULL for a post-meal slot without a meal or a fasting one with one */
const char    *hz_glucose_slot_get_meal_display_name (HzGlucoseSlot slot,
                                                      HzMeal        meal);
/* "breakfast", "lunch", "dinner"; NULL for HZ_MEAL_NONE */
const char    *hz_meal_to_string                (HzMeal        meal);
gboolean       hz_meal_from_string              (const char    *code,
                                                 HzMeal        *meal);
/* Translated: 早餐, 午餐, 晚餐; NULL for HZ_MEAL_NONE */
const char    *hz_meal_get_display_name         (HzMeal        meal);

typedef struct
{
  HzGlucoseSlot slot;
  HzMeal        meal;      /* HZ_MEAL_NONE for a fasting reading */
  double        mmol_l;
} HzGlucoseReading;

/* A glucose typed by a clinician ("6.7"), in mmol/L: FALSE with
 * HZ_CALC_ERROR_INVALID and a translated message for an empty text, one
 * that is not a number, or a value outside 1.0–33.3 mmol/L. */
gboolean     hz_glucose_parse_mmol          (const char        *text,
                                             double            *mmol_l,
                                             GError           **error);
/* TRUE when @observation is a reading of the glucose log (a slot code, a
 * value in mmol/L, not withdrawn), read into @reading. */
gboolean     hz_glucose_reading_read        (const HzJv        *observation,
                                             HzGlucoseReading  *reading);
/* The reading against the target of its slot
 * (hz_threshold_interpret_glucose_target()). */
void         hz_glucose_reading_judge       (const HzGlucoseReading *reading,
                                             HzThresholdResult      *result);
/* A new Observation of the log for @kase's patient at @effective (a FHIR
 * dateTime with its time), tagged with team nutrition; id random. A
 * post-meal slot needs a meal, a fasting one none. (transfer full) */
JsonObject  *hz_glucose_observation_new     (HzCase                 *kase,
                                             const HzGlucoseReading *reading,
                                             const char             *effective);

/* --- diet and exercise advice (膳食与运动指导) -------------------------------------- */

/* A CarePlan of team nutrition with this category coding holds the
 * nutritionist's advice in `description`; `author.display` names who wrote
 * the version, meta.lastUpdated when. An edit is a new version of the same
 * CarePlan (hz_store_put keeps the earlier ones). */
#define HZ_SYSTEM_CAREPLAN_CATEGORY "https://huizhen.github.io/fhir/CodeSystem/careplan-category"
#define HZ_CAREPLAN_DIET_EXERCISE   "diet-exercise-advice"

/* The case's advice CarePlan (the latest written, withdrawn ones left
 * out), or NULL. (transfer none) */
HzResource  *hz_nutrition_find_advice       (HzCase                 *kase);
/* The advice @text as a CarePlan: a new one for @kase (@advice NULL), or
 * the next version of @advice (its meta.versionId kept, so that a write
 * over a newer version conflicts). @author: the clinician writing it.
 * (transfer full) */
JsonObject  *hz_nutrition_advice_new        (HzCase                 *kase,
                                             HzResource             *advice,
                                             const HzActor          *author,
                                             const char             *text);

G_END_DECLS
