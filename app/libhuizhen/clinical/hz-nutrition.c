/* hz-nutrition.c — the nutrition team's data: weight-gain baseline and points, the glucose log
 *
 * The conventions are docs/data-model.md's ("nutrition" rows); the rules
 * they are judged by are hz-calc.c's (WS/T 801-2022) and the thresholds
 * table's (the glucose log's treatment targets).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-clinical"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "huizhen.h"

/* --- reading Observations ------------------------------------------------------ */

/* valueQuantity in @analyte's unit (kg for a weight: g and lb converted) */
static gboolean
quantity_in (const HzJv *observation,
             HzAnalyte   analyte,
             double     *value)
{
  const HzJv *quantity = hz_jv_get_object (observation, "valueQuantity");
  const char *unit;
  double v;

  if (quantity == NULL || !hz_jv_get_double (hz_jv_get (quantity, "value"), &v) || !isfinite (v))
    return FALSE;
  unit = hz_jv_get_string (quantity, "code");
  if (unit == NULL)
    unit = hz_jv_get_string (quantity, "unit");
  return hz_analyte_convert (analyte, v, unit, value);
}

/* valueQuantity in @unit_a, or in @unit_b times @factor_b ("m" → cm × 100) */
static gboolean
quantity_in_unit (const HzJv *observation,
                  const char *unit_a,
                  const char *unit_b,
                  double      factor_b,
                  double     *value)
{
  const HzJv *quantity = hz_jv_get_object (observation, "valueQuantity");
  const char *unit;

  if (quantity == NULL || !hz_jv_get_double (hz_jv_get (quantity, "value"), value) || !isfinite (*value))
    return FALSE;
  unit = hz_jv_get_string (quantity, "code");
  if (unit == NULL)
    unit = hz_jv_get_string (quantity, "unit");
  if (g_strcmp0 (unit, unit_a) == 0)
    return TRUE;
  if (g_strcmp0 (unit, unit_b) == 0)
    {
      *value *= factor_b;
      return TRUE;
    }
  return FALSE;
}

/* The latest usable Observation of @loinc recorded by @date (NULL: any
 * day; an undated one counts as before it) and its value: kg for a
 * weight, cm for a height */
static HzResource *
latest_value (HzCase      *kase,
              const char  *loinc,
              const GDate *date,
              gboolean     weight,
              double      *value)
{
  g_autoptr(GPtrArray) observations = hz_case_find_observations (kase, loinc);
  HzResource *found = NULL;

  for (guint i = 0; observations != NULL && i < observations->len; i++)
    {
      HzResource *resource = g_ptr_array_index (observations, i);
      const HzJv *json = hz_resource_get_value (resource);
      GDate day;
      double v;

      if (hz_fhir_jv_is_void (json))
        continue;
      if (date != NULL && hz_resource_get_day (resource, &day) && g_date_compare (&day, date) > 0)
        continue;
      if (weight ? !quantity_in (json, HZ_ANALYTE_WEIGHT, &v) : !quantity_in_unit (json, "cm", "m", 100.0, &v))
        continue;
      found = resource;
      *value = v;
    }
  return found;
}

/* A weight or height as recorded, to the gram or the tenth of a millimetre
 * without trailing zeros: 71.68, 160 */
static char *
format_measure (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char *end;

  g_ascii_formatd (buf, sizeof buf, "%.3f", value);
  end = buf + strlen (buf) - 1;
  while (end > buf && *end == '0')
    *end-- = '\0';
  if (*end == '.')
    *end = '\0';
  return g_strdup (buf);
}

static char *
format_number (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%g", value));
}

void
hz_gwg_baseline_find (HzCase        *kase,
                      HzGwgBaseline *baseline)
{
  hz_gwg_baseline_find_on (kase, NULL, baseline);
}

void
hz_gwg_baseline_find_on (HzCase        *kase,
                         const GDate   *date,
                         HzGwgBaseline *baseline)
{
  g_autoptr(GPtrArray) bmis = NULL;
  HzResource *weight_obs, *height_obs;
  double weight = NAN, height = NAN;
  HzDating dating;

  g_return_if_fail (HZ_IS_CASE (kase));
  g_return_if_fail (baseline != NULL);

  memset (baseline, 0, sizeof *baseline);
  baseline->origin = HZ_GWG_BMI_UNKNOWN;
  baseline->pre_weight_kg = NAN;
  baseline->height_cm = NAN;

  weight_obs = latest_value (kase, HZ_LOINC_PREPREG_WEIGHT, date, TRUE, &weight);
  height_obs = latest_value (kase, HZ_LOINC_BODY_HEIGHT, date, FALSE, &height);
  if (weight_obs != NULL)
    baseline->pre_weight_kg = weight;
  if (height_obs != NULL)
    baseline->height_cm = height;

  if (weight_obs != NULL && height_obs != NULL &&
      hz_bmi_compute (height, weight, &baseline->bmi, NULL))
    {
      g_autofree char *w = format_measure (weight);
      g_autofree char *h = format_measure (height);

      baseline->origin = HZ_GWG_BMI_COMPUTED;
      baseline->bmi_reference = g_strdup (hz_resource_get_reference (weight_obs));
      /* Translators: where a pre-pregnancy BMI was computed from */
      baseline->source_text = g_strdup_printf (_("Pre-pregnancy weight %s kg, height %s cm"), w, h);
    }
  else
    {
      /* Else the first BMI recorded before 14+0 weeks */
      hz_case_get_dating (kase, &dating);
      bmis = hz_case_find_observations (kase, HZ_LOINC_BMI);
      for (guint i = 0; bmis != NULL && i < bmis->len; i++)
        {
          HzResource *resource = g_ptr_array_index (bmis, i);
          const HzJv *json = hz_resource_get_value (resource);
          g_autofree char *ga_text = NULL;
          g_autofree char *day_text = NULL;
          double value;
          int ga_days;
          GDate day;

          if (hz_fhir_jv_is_void (json) ||
              !hz_resource_get_day (resource, &day) ||
              (date != NULL && g_date_compare (&day, date) > 0) ||
              !hz_dating_ga_at (&dating, &day, &ga_days) ||
              ga_days < 0 || ga_days >= HZ_GA_SECOND_TRIMESTER_DAYS ||
              !quantity_in_unit (json, "kg/m2", "kg/m²", 1.0, &value) || value <= 0 || value > 100)
            continue;

          baseline->origin = HZ_GWG_BMI_RECORDED;
          baseline->bmi.tenths = (int) floor (value * 10.0 + 0.5 + 1e-9);
          baseline->bmi.bmi_class = hz_threshold_classify_bmi (baseline->bmi.tenths / 10.0);
          baseline->bmi.threshold = hz_threshold_bmi_threshold (baseline->bmi.tenths / 10.0);
          baseline->bmi.source = hz_threshold_get_weight_gain_source ();
          baseline->bmi_reference = g_strdup (hz_resource_get_reference (resource));
          ga_text = hz_ga_format (ga_days);
          day_text = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&day),
                                      g_date_get_month (&day), g_date_get_day (&day));
          /* Translators: the day a BMI was recorded, then the gestational age */
          baseline->source_text = g_strdup_printf (_("BMI recorded on %s (%s)"), day_text, ga_text);
          break;
        }
    }

  if (baseline->origin != HZ_GWG_BMI_UNKNOWN)
    baseline->band = hz_threshold_get_weight_gain (baseline->bmi.bmi_class);
}

void
hz_gwg_baseline_clear (HzGwgBaseline *baseline)
{
  g_return_if_fail (baseline != NULL);

  g_clear_pointer (&baseline->bmi_reference, g_free);
  g_clear_pointer (&baseline->source_text, g_free);
}

static void
point_clear (gpointer data)
{
  HzGwgPoint *point = data;

  g_clear_pointer (&point->reference, g_free);
}

GArray *
hz_gwg_points_new (HzCase              *kase,
                   const HzGwgBaseline *baseline)
{
  g_autoptr(GPtrArray) weights = NULL;
  GArray *points;
  HzDating dating;

  g_return_val_if_fail (HZ_IS_CASE (kase), NULL);
  g_return_val_if_fail (baseline != NULL, NULL);

  points = g_array_new (FALSE, TRUE, sizeof (HzGwgPoint));
  g_array_set_clear_func (points, point_clear);

  hz_case_get_dating (kase, &dating);
  weights = hz_case_find_observations (kase, HZ_LOINC_BODY_WEIGHT);
  for (guint i = 0; weights != NULL && i < weights->len; i++)
    {
      HzResource *resource = g_ptr_array_index (weights, i);
      const HzJv *json = hz_resource_get_value (resource);
      HzGwgPoint point = { 0 };

      if (hz_fhir_jv_is_void (json) ||
          !hz_resource_get_day (resource, &point.day) ||
          !quantity_in (json, HZ_ANALYTE_WEIGHT, &point.weight_kg))
        continue;

      point.reference = g_strdup (hz_resource_get_reference (resource));
      if (!hz_dating_ga_at (&dating, &point.day, &point.ga_days))
        point.ga_days = -1;

      point.judged = baseline->band != NULL && isfinite (baseline->pre_weight_kg) &&
                     point.ga_days >= 0 && point.ga_days <= HZ_CALC_GWG_MAX_GA_DAYS;
      if (point.judged)
        {
          /* The weights as given, to 10 g, as hz_gwg_assess() does */
          point.gain_g = 10 * (int) lround ((point.weight_kg - baseline->pre_weight_kg) * 100.0);
          point.status = hz_gwg_judge (baseline->band, point.ga_days, point.gain_g,
                                       &point.expected_low_g, &point.expected_high_g);
        }
      g_array_append_val (points, point);
    }

  return points;
}

/* --- typed values ---------------------------------------------------------------- */

/* TRUE for NULL, "" or blanks only */
static gboolean
is_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* A decimal number alone ("62.4", " 6.7 "), else FALSE */
static gboolean
parse_number (const char *text,
              double     *value)
{
  g_autofree char *copy = NULL;
  char *end = NULL;

  if (text == NULL)
    return FALSE;
  copy = g_strstrip (g_strdup (text));
  if (*copy == '\0')
    return FALSE;
  for (const char *p = copy; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && *p != '.')
      return FALSE;
  *value = g_ascii_strtod (copy, &end);
  return end != copy && *end == '\0' && isfinite (*value);
}

gboolean
hz_weight_parse_kg (const char  *text,
                    double      *kg,
                    GError     **error)
{
  double value;

  g_return_val_if_fail (kg != NULL, FALSE);

  if (is_blank (text))
    {
      g_set_error_literal (error, HZ_CALC_ERROR, HZ_CALC_ERROR_INVALID,
                           _("Enter the weight in kg"));
      return FALSE;
    }
  if (!parse_number (text, &value))
    {
      g_set_error (error, HZ_CALC_ERROR, HZ_CALC_ERROR_INVALID,
                   /* Translators: a weight typed that is not a number */
                   _("“%s” is not a weight: enter a number of kg, e.g. 62.4"), text);
      return FALSE;
    }
  if (value < HZ_CALC_WEIGHT_MIN_KG || value > HZ_CALC_WEIGHT_MAX_KG)
    {
      g_autofree char *v = format_number (value);

      g_set_error (error, HZ_CALC_ERROR, HZ_CALC_ERROR_INVALID,
                   _("A weight of %s kg is not possible: give %d–%d kg"), v,
                   HZ_CALC_WEIGHT_MIN_KG, HZ_CALC_WEIGHT_MAX_KG);
      return FALSE;
    }
  *kg = value;
  return TRUE;
}

gboolean
hz_glucose_parse_mmol (const char  *text,
                       double      *mmol_l,
                       GError     **error)
{
  double value;

  g_return_val_if_fail (mmol_l != NULL, FALSE);

  if (is_blank (text))
    {
      g_set_error_literal (error, HZ_CALC_ERROR, HZ_CALC_ERROR_INVALID,
                           _("Enter the glucose in mmol/L"));
      return FALSE;
    }
  if (!parse_number (text, &value))
    {
      g_set_error (error, HZ_CALC_ERROR, HZ_CALC_ERROR_INVALID,
                   /* Translators: a glucose typed that is not a number */
                   _("“%s” is not a glucose value: enter a number of mmol/L, e.g. 5.6"), text);
      return FALSE;
    }
  if (value < HZ_GLUCOSE_LOG_MIN_MMOL_L || value > HZ_GLUCOSE_LOG_MAX_MMOL_L)
    {
      g_autofree char *v = format_number (value);

      g_set_error (error, HZ_CALC_ERROR, HZ_CALC_ERROR_INVALID,
                   /* Translators: a glucose out of what a meter reads; the value, then the limits */
                   _("A glucose of %s mmol/L is not possible: give 1.0–33.3 mmol/L"), v);
      return FALSE;
    }
  *mmol_l = value;
  return TRUE;
}

/* --- new resources --------------------------------------------------------------- */

static JsonObject *
new_concept (JsonObject *coding,
             JsonObject *coding2,
             const char *text)
{
  JsonObject *concept = json_object_new ();
  JsonArray *codings = json_array_new ();

  json_array_add_object_element (codings, coding);
  if (coding2 != NULL)
    json_array_add_object_element (codings, coding2);
  json_object_set_array_member (concept, "coding", codings);
  if (text != NULL)
    json_object_set_string_member (concept, "text", text);
  return concept;
}

/* resourceType, id, meta.tag nutrition, status, category, subject */
static JsonObject *
new_observation (HzCase     *kase,
                 const char *category)
{
  JsonObject *observation = json_object_new ();
  JsonArray *categories = json_array_new ();
  HzResource *patient = hz_case_get_patient (kase);
  g_autofree char *id = g_uuid_string_random ();

  json_object_set_string_member (observation, "resourceType", "Observation");
  json_object_set_string_member (observation, "id", id);
  hz_fhir_set_team_tag (observation, HZ_TEAM_NUTRITION);
  json_object_set_string_member (observation, "status", "final");
  json_array_add_object_element (categories,
                                 new_concept (hz_fhir_new_coding ("http://terminology.hl7.org/CodeSystem/observation-category",
                                                          category, NULL), NULL, NULL));
  json_object_set_array_member (observation, "category", categories);
  if (patient != NULL)
    {
      JsonObject *subject = json_object_new ();

      json_object_set_string_member (subject, "reference", hz_resource_get_reference (patient));
      json_object_set_string_member (subject, "display", hz_case_get_patient_name (kase));
      json_object_set_object_member (observation, "subject", subject);
    }
  return observation;
}

static void
set_quantity (JsonObject *object,
              double      value,
              const char *unit)
{
  JsonObject *quantity = json_object_new ();

  json_object_set_double_member (quantity, "value", value);
  json_object_set_string_member (quantity, "unit", unit);
  json_object_set_string_member (quantity, "system", "http://unitsofmeasure.org");
  json_object_set_string_member (quantity, "code", unit);
  json_object_set_object_member (object, "valueQuantity", quantity);
}

JsonObject *
hz_weight_observation_new (HzCase     *kase,
                           double      kg,
                           const char *effective)
{
  JsonObject *observation;

  g_return_val_if_fail (HZ_IS_CASE (kase), NULL);
  g_return_val_if_fail (effective != NULL, NULL);

  observation = new_observation (kase, "vital-signs");
  json_object_set_object_member (observation, "code",
                                 new_concept (hz_fhir_new_coding (HZ_SYSTEM_LOINC, HZ_LOINC_BODY_WEIGHT, "Body weight"),
                                              NULL, _("Body weight")));
  json_object_set_string_member (observation, "effectiveDateTime", effective);
  set_quantity (observation, kg, "kg");
  return observation;
}

/* --- the glucose log ------------------------------------------------------------- */

typedef struct
{
  const char    *code;
  const char    *loinc;
  const char    *loinc_display;
  const char    *name;
  HzThresholdId  target;
} SlotInfo;

static const SlotInfo slots[HZ_N_GLUCOSE_SLOTS] = {
  [HZ_GLUCOSE_SLOT_FASTING] = { "fasting", HZ_LOINC_GLUCOSE_CAPILLARY_FASTING,
                                "Fasting glucose [Moles/volume] in Capillary blood by Glucometer",
                                /* Translators: the slots of the glucose log: 空腹, 餐后1小时, 餐后2小时 */
                                N_("Fasting"), HZ_THRESHOLD_GLUCOSE_TARGET_FASTING },
  [HZ_GLUCOSE_SLOT_1H] = { "1h-post-meal", HZ_LOINC_GLUCOSE_CAPILLARY,
                           "Glucose [Moles/volume] in Capillary blood by Glucometer",
                           N_("1 h after a meal"), HZ_THRESHOLD_GLUCOSE_TARGET_1H },
  [HZ_GLUCOSE_SLOT_2H] = { "2h-post-meal", HZ_LOINC_GLUCOSE_CAPILLARY_2H_MEAL,
                           "Glucose [Moles/volume] in Capillary blood --2 hours post meal",
                           N_("2 h after a meal"), HZ_THRESHOLD_GLUCOSE_TARGET_2H },
};

static const struct {
  const char *code;
  const char *name;
} meals[HZ_N_MEALS] = {
  [HZ_MEAL_NONE] = { NULL, NULL },
  /* Translators: the meals of the glucose log: 早餐, 午餐, 晚餐 */
  [HZ_MEAL_BREAKFAST] = { "breakfast", N_("Breakfast") },
  [HZ_MEAL_LUNCH] = { "lunch", N_("Lunch") },
  [HZ_MEAL_DINNER] = { "dinner", N_("Dinner") },
};

const char *
hz_glucose_slot_to_string (HzGlucoseSlot slot)
{
  g_return_val_if_fail ((guint) slot < HZ_N_GLUCOSE_SLOTS, NULL);

  return slots[slot].code;
}

gboolean
hz_glucose_slot_from_string (const char    *code,
                             HzGlucoseSlot *slot)
{
  for (guint i = 0; code != NULL && i < HZ_N_GLUCOSE_SLOTS; i++)
    if (g_str_equal (code, slots[i].code))
      {
        *slot = i;
        return TRUE;
      }
  return FALSE;
}

const char *
hz_glucose_slot_get_display_name (HzGlucoseSlot slot)
{
  g_return_val_if_fail ((guint) slot < HZ_N_GLUCOSE_SLOTS, NULL);

  return g_dgettext (GETTEXT_PACKAGE, slots[slot].name);
}

const char *
hz_glucose_slot_get_loinc (HzGlucoseSlot slot)
{
  g_return_val_if_fail ((guint) slot < HZ_N_GLUCOSE_SLOTS, NULL);

  return slots[slot].loinc;
}

HzThresholdId
hz_glucose_slot_get_target (HzGlucoseSlot slot)
{
  g_return_val_if_fail ((guint) slot < HZ_N_GLUCOSE_SLOTS, HZ_THRESHOLD_NONE);

  return slots[slot].target;
}

/* [slot][meal]: the names clinicians write in a glucose log */
static const char * const meal_slot_names[HZ_N_GLUCOSE_SLOTS][HZ_N_MEALS] = {
  [HZ_GLUCOSE_SLOT_FASTING] = { N_("Fasting"), NULL, NULL, NULL },
  /* Translators: the columns of the glucose log: 早餐后1小时, 午餐后1小时... */
  [HZ_GLUCOSE_SLOT_1H] = { NULL, N_("1 h after breakfast"), N_("1 h after lunch"), N_("1 h after dinner") },
  [HZ_GLUCOSE_SLOT_2H] = { NULL, N_("2 h after breakfast"), N_("2 h after lunch"), N_("2 h after dinner") },
};

const char *
hz_glucose_slot_get_meal_display_name (HzGlucoseSlot slot,
                                       HzMeal        meal)
{
  g_return_val_if_fail ((guint) slot < HZ_N_GLUCOSE_SLOTS, NULL);
  g_return_val_if_fail ((guint) meal < HZ_N_MEALS, NULL);

  if (meal_slot_names[slot][meal] == NULL)
    return NULL;
  return g_dgettext (GETTEXT_PACKAGE, meal_slot_names[slot][meal]);
}

const char *
hz_meal_to_string (HzMeal meal)
{
  g_return_val_if_fail ((guint) meal < HZ_N_MEALS, NULL);

  return meals[meal].code;
}

gboolean
hz_meal_from_string (const char *code,
                     HzMeal     *meal)
{
  for (guint i = HZ_MEAL_BREAKFAST; code != NULL && i < HZ_N_MEALS; i++)
    if (g_str_equal (code, meals[i].code))
      {
        *meal = i;
        return TRUE;
      }
  return FALSE;
}

const char *
hz_meal_get_display_name (HzMeal meal)
{
  g_return_val_if_fail ((guint) meal < HZ_N_MEALS, NULL);

  return meals[meal].name != NULL ? g_dgettext (GETTEXT_PACKAGE, meals[meal].name) : NULL;
}

gboolean
hz_glucose_reading_read (const HzJv       *observation,
                         HzGlucoseReading *reading)
{
  const char *slot_code = hz_fhir_jv_get_concept_code (observation, "code", HZ_SYSTEM_GLUCOSE_SLOT);
  const HzJv *components;
  HzGlucoseSlot slot;
  double value;

  g_return_val_if_fail (reading != NULL, FALSE);

  if (!hz_glucose_slot_from_string (slot_code, &slot) ||
      hz_fhir_jv_is_void (observation) ||
      !quantity_in (observation, HZ_ANALYTE_FASTING_GLUCOSE, &value))
    return FALSE;

  reading->slot = slot;
  reading->meal = HZ_MEAL_NONE;
  reading->mmol_l = value;

  components = hz_jv_get_array (observation, "component");
  for (const HzJv *c = hz_jv_get_first (components); c != NULL; c = hz_jv_get_next (c))
    if (g_strcmp0 (hz_fhir_jv_get_concept_code (c, "code", HZ_SYSTEM_OBSERVATION), HZ_OBSERVATION_MEAL) == 0)
      hz_meal_from_string (hz_fhir_jv_get_concept_code (c, "valueCodeableConcept", HZ_SYSTEM_MEAL),
                           &reading->meal);
  return TRUE;
}

void
hz_glucose_reading_judge (const HzGlucoseReading *reading,
                          HzThresholdResult      *result)
{
  g_return_if_fail (reading != NULL);
  g_return_if_fail (result != NULL);

  hz_threshold_interpret_glucose_target (hz_glucose_slot_get_target (reading->slot),
                                         reading->mmol_l, result);
}

JsonObject *
hz_glucose_observation_new (HzCase                 *kase,
                            const HzGlucoseReading *reading,
                            const char             *effective)
{
  const SlotInfo *info;
  JsonObject *observation;
  g_autofree char *text = NULL;

  g_return_val_if_fail (HZ_IS_CASE (kase), NULL);
  g_return_val_if_fail (reading != NULL && (guint) reading->slot < HZ_N_GLUCOSE_SLOTS, NULL);
  g_return_val_if_fail ((reading->slot == HZ_GLUCOSE_SLOT_FASTING) == (reading->meal == HZ_MEAL_NONE), NULL);
  g_return_val_if_fail (effective != NULL, NULL);

  info = &slots[reading->slot];
  observation = new_observation (kase, "laboratory");

  /* Translators: the name of a glucose-log reading: "指尖血糖（早餐后2小时）" */
  text = g_strdup_printf (_("Capillary glucose (%s)"),
                          hz_glucose_slot_get_meal_display_name (reading->slot, reading->meal));
  json_object_set_object_member (observation, "code",
                                 new_concept (hz_fhir_new_coding (HZ_SYSTEM_LOINC, info->loinc, info->loinc_display),
                                              hz_fhir_new_coding (HZ_SYSTEM_GLUCOSE_SLOT, info->code, NULL),
                                              text));
  json_object_set_string_member (observation, "effectiveDateTime", effective);
  set_quantity (observation, reading->mmol_l, "mmol/L");

  if (reading->meal != HZ_MEAL_NONE)
    {
      JsonArray *components = json_array_new ();
      JsonObject *component = json_object_new ();

      json_object_set_object_member (component, "code",
                                     new_concept (hz_fhir_new_coding (HZ_SYSTEM_OBSERVATION, HZ_OBSERVATION_MEAL, NULL),
                                                  NULL, NULL));
      json_object_set_object_member (component, "valueCodeableConcept",
                                     new_concept (hz_fhir_new_coding (HZ_SYSTEM_MEAL, meals[reading->meal].code, NULL),
                                                  NULL, hz_meal_get_display_name (reading->meal)));
      json_array_add_object_element (components, component);
      json_object_set_array_member (observation, "component", components);
    }
  return observation;
}

/* --- diet and exercise advice ----------------------------------------------------- */

static gboolean
is_advice (const HzJv *careplan)
{
  const HzJv *categories = hz_jv_get_array (careplan, "category");

  for (const HzJv *c = hz_jv_get_first (categories); c != NULL; c = hz_jv_get_next (c))
    {
      const HzJv *codings = hz_jv_get_array (c, "coding");

      for (const HzJv *coding = hz_jv_get_first (codings); coding != NULL; coding = hz_jv_get_next (coding))
        if (g_strcmp0 (hz_jv_get_string (coding, "system"), HZ_SYSTEM_CAREPLAN_CATEGORY) == 0 &&
            g_strcmp0 (hz_jv_get_string (coding, "code"), HZ_CAREPLAN_DIET_EXERCISE) == 0)
          return TRUE;
    }
  return FALSE;
}

HzResource *
hz_nutrition_find_advice (HzCase *kase)
{
  GListModel *careplans;
  HzResource *found = NULL;

  g_return_val_if_fail (HZ_IS_CASE (kase), NULL);

  careplans = hz_case_get_resources (kase, "CarePlan");
  for (guint i = 0; i < g_list_model_get_n_items (careplans); i++)
    {
      g_autoptr(HzResource) resource = g_list_model_get_item (careplans, i);
      const HzJv *json = hz_resource_get_value (resource);

      if (is_advice (json) && !hz_fhir_jv_is_void (json))
        found = resource;
    }
  return found;
}

JsonObject *
hz_nutrition_advice_new (HzCase        *kase,
                         HzResource    *advice,
                         const HzActor *author,
                         const char    *text)
{
  JsonObject *careplan;
  JsonObject *by = json_object_new ();
  g_autofree char *who = NULL;

  g_return_val_if_fail (HZ_IS_CASE (kase), NULL);
  g_return_val_if_fail (author != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  if (advice != NULL)
    careplan = hz_resource_dup_json (advice);
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *created = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S%:z");
      g_autofree char *id = g_uuid_string_random ();
      HzResource *patient = hz_case_get_patient (kase);
      JsonArray *categories = json_array_new ();

      careplan = json_object_new ();
      json_object_set_string_member (careplan, "resourceType", "CarePlan");
      json_object_set_string_member (careplan, "id", id);
      hz_fhir_set_team_tag (careplan, HZ_TEAM_NUTRITION);
      json_object_set_string_member (careplan, "status", "active");
      json_object_set_string_member (careplan, "intent", "plan");
      /* Translators: the title of the nutritionist's advice: 膳食与运动指导 */
      json_array_add_object_element (categories,
                                     new_concept (hz_fhir_new_coding (HZ_SYSTEM_CAREPLAN_CATEGORY, HZ_CAREPLAN_DIET_EXERCISE,
                                                              "Diet and exercise advice"),
                                                  NULL, _("Diet and exercise advice")));
      json_object_set_array_member (careplan, "category", categories);
      json_object_set_string_member (careplan, "title", _("Diet and exercise advice"));
      if (patient != NULL)
        {
          JsonObject *subject = json_object_new ();

          json_object_set_string_member (subject, "reference", hz_resource_get_reference (patient));
          json_object_set_string_member (subject, "display", hz_case_get_patient_name (kase));
          json_object_set_object_member (careplan, "subject", subject);
        }
      json_object_set_string_member (careplan, "created", created);
    }

  json_object_set_string_member (careplan, "description", text);
  if (author->role != NULL && *author->role != '\0')
    who = g_strdup_printf ("%s %s", author->name, author->role);
  else
    who = g_strdup (author->name);
  json_object_set_string_member (by, "display", who);
  json_object_set_object_member (careplan, "author", by);
  return careplan;
}
