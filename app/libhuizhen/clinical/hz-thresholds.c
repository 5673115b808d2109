/* hz-thresholds.c — the one table of clinical thresholds, each with its source
 *
 * Values and sources from clinical-reference.md:
 *  - blood pressure >= 140/90 mmHg, severe >= 160/110 (妊娠期高血压疾病诊治指南, 2020);
 *  - haemoglobin < 110 g/L anaemia, < 70 g/L severe (妊娠期铁缺乏和缺铁性贫血诊治指南, 2014);
 *  - glucose (妊娠期高血糖诊治指南, 2022): GDM on a 75 g OGTT at 24–28 weeks,
 *    fasting >= 5.1, 1 h >= 10.0, 2 h >= 8.5 mmol/L; possible pre-existing
 *    diabetes at any time, fasting >= 7.0, 2 h or random >= 11.1 mmol/L,
 *    HbA1c >= 6.5 %; an early fasting 5.1–6.9 is raised, not GDM;
 *  - EPDS >= 13 positive, 10–12 repeat; PHQ-9 and GAD-7 >= 10 moderate
 *    (围产期抑郁症筛查与诊治专家共识, 2021);
 *  - PHQ-9 bands 5 / 10 / 15 / 20 and GAD-7 bands 5 / 10 / 15 (the same
 *    consensus, as clinical-reference.md lists them);
 *  - pre-pregnancy BMI < 18.5, >= 24.0, >= 28.0 kg/m² (the Chinese adult
 *    cut-offs) and the weight gain recommended for each class: total gain,
 *    0–2 kg in the first trimester, a weekly rate in the second and third
 *    (妊娠期妇女体重增长推荐值标准, WS/T 801-2022);
 *  - the five-colour form's pre-pregnancy BMI < 18.5 or > 25.0 (yellow),
 *    >= 28.0 kg/m² (orange), its own cut-offs beside the adult ones above
 *    (国卫办妇幼发〔2017〕35号, 妊娠风险评估分级);
 *  - the glucose log's treatment targets, fasting < 5.3, 1 h after a meal
 *    < 7.8, 2 h < 6.7 mmol/L (妊娠期高血糖诊治指南, 2022): the entries are the
 *    values out of target (>=);
 *  - progesterone < 5 / >= 25 ng/mL: reading guides for early pregnancy,
 *    drawn on the chart; no guideline of clinical-reference.md gives them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-clinical"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "huizhen.h"
#include "hz-guidelines-private.h"

#define WEEKS(w, d) ((w) * 7 + (d))
#define ANY_TIME    -1, -1
#define GDM_WINDOW  WEEKS (24, 0), WEEKS (28, 6)

#define LOINCS(...) ((const char * const[]) { __VA_ARGS__, NULL })

static const char * const fasting_glucose[] = {
  HZ_LOINC_FASTING_GLUCOSE, HZ_LOINC_FASTING_GLUCOSE_MOLAR, NULL
};

static const HzThreshold thresholds[HZ_N_THRESHOLDS] = {
  [HZ_THRESHOLD_BP_SYSTOLIC] =
    { HZ_THRESHOLD_BP_SYSTOLIC, LOINCS (HZ_LOINC_BP_SYSTOLIC), "mmHg",
      HZ_COMPARE_GE, 140, 0, ANY_TIME, HZ_THRESHOLD_LEVEL_ATTENTION,
      /* Translators: the labels of the thresholds stand before a comparison:
       * "收缩压 ≥ 140 mmHg", "空腹血糖 ≥ 5.1 mmol/L" */
      N_("Systolic"), HZ_GUIDELINE_HYPERTENSION },
  [HZ_THRESHOLD_BP_DIASTOLIC] =
    { HZ_THRESHOLD_BP_DIASTOLIC, LOINCS (HZ_LOINC_BP_DIASTOLIC), "mmHg",
      HZ_COMPARE_GE, 90, 0, ANY_TIME, HZ_THRESHOLD_LEVEL_ATTENTION,
      N_("Diastolic"), HZ_GUIDELINE_HYPERTENSION },
  [HZ_THRESHOLD_BP_SYSTOLIC_SEVERE] =
    { HZ_THRESHOLD_BP_SYSTOLIC_SEVERE, LOINCS (HZ_LOINC_BP_SYSTOLIC), "mmHg",
      HZ_COMPARE_GE, 160, 0, ANY_TIME, HZ_THRESHOLD_LEVEL_CRITICAL,
      N_("Systolic"), HZ_GUIDELINE_HYPERTENSION },
  [HZ_THRESHOLD_BP_DIASTOLIC_SEVERE] =
    { HZ_THRESHOLD_BP_DIASTOLIC_SEVERE, LOINCS (HZ_LOINC_BP_DIASTOLIC), "mmHg",
      HZ_COMPARE_GE, 110, 0, ANY_TIME, HZ_THRESHOLD_LEVEL_CRITICAL,
      N_("Diastolic"), HZ_GUIDELINE_HYPERTENSION },
  [HZ_THRESHOLD_ANAEMIA] =
    { HZ_THRESHOLD_ANAEMIA, LOINCS (HZ_LOINC_HAEMOGLOBIN), "g/L",
      HZ_COMPARE_LT, 110, 0, ANY_TIME, HZ_THRESHOLD_LEVEL_ATTENTION,
      N_("Haemoglobin"), HZ_GUIDELINE_ANAEMIA },
  [HZ_THRESHOLD_ANAEMIA_SEVERE] =
    { HZ_THRESHOLD_ANAEMIA_SEVERE, LOINCS (HZ_LOINC_HAEMOGLOBIN), "g/L",
      HZ_COMPARE_LT, 70, 0, ANY_TIME, HZ_THRESHOLD_LEVEL_CRITICAL,
      N_("Haemoglobin"), HZ_GUIDELINE_ANAEMIA },
  [HZ_THRESHOLD_GDM_FASTING] =
    { HZ_THRESHOLD_GDM_FASTING, fasting_glucose, "mmol/L",
      HZ_COMPARE_GE, 5.1, 1, GDM_WINDOW, HZ_THRESHOLD_LEVEL_ATTENTION,
      N_("Fasting glucose"), HZ_GUIDELINE_HYPERGLYCAEMIA },
  [HZ_THRESHOLD_GDM_1H] =
    { HZ_THRESHOLD_GDM_1H, LOINCS (HZ_LOINC_OGTT_1H), "mmol/L",
      HZ_COMPARE_GE, 10.0, 1, GDM_WINDOW, HZ_THRESHOLD_LEVEL_ATTENTION,
      N_("OGTT 1 h glucose"), HZ_GUIDELINE_HYPERGLYCAEMIA },
  [HZ_THRESHOLD_GDM_2H] =
    { HZ_THRESHOLD_GDM_2H, LOINCS (HZ_LOINC_OGTT_2H), "mmol/L",
      HZ_COMPARE_GE, 8.5, 1, GDM_WINDOW, HZ_THRESHOLD_LEVEL_ATTENTION,
      N_("OGTT 2 h glucose"), HZ_GUIDELINE_HYPERGLYCAEMIA },
  [HZ_THRESHOLD_PGDM_FASTING] =
    { HZ_THRESHOLD_PGDM_FASTING, fasting_glucose, "mmol/L",
      HZ_COMPARE_GE, 7.0, 1, ANY_TIME, HZ_THRESHOLD_LEVEL_CRITICAL,
      N_("Fasting glucose"), HZ_GUIDELINE_HYPERGLYCAEMIA },
  [HZ_THRESHOLD_PGDM_2H_RANDOM] =
    { HZ_THRESHOLD_PGDM_2H_RANDOM,
      LOINCS (HZ_LOINC_OGTT_2H, HZ_LOINC_GLUCOSE, HZ_LOINC_GLUCOSE_MOLAR), "mmol/L",
      HZ_COMPARE_GE, 11.1, 1, ANY_TIME, HZ_THRESHOLD_LEVEL_CRITICAL,
      N_("2 h OGTT or random glucose"), HZ_GUIDELINE_HYPERGLYCAEMIA },
  [HZ_THRESHOLD_PGDM_HBA1C] =
    { HZ_THRESHOLD_PGDM_HBA1C, LOINCS (HZ_LOINC_HBA1C), "%",
      HZ_COMPARE_GE, 6.5, 1, ANY_TIME, HZ_THRESHOLD_LEVEL_CRITICAL,
      N_("HbA1c"), HZ_GUIDELINE_HYPERGLYCAEMIA },
  [HZ_THRESHOLD_EPDS_POSITIVE] =
    { HZ_THRESHOLD_EPDS_POSITIVE, LOINCS (HZ_LOINC_EPDS_TOTAL), "",
      HZ_COMPARE_GE, 13, 0, ANY_TIME, HZ_THRESHOLD_LEVEL_ATTENTION,
      N_("EPDS"), HZ_GUIDELINE_PERINATAL_DEPRESSION },
  [HZ_THRESHOLD_EPDS_REPEAT] =
    { HZ_THRESHOLD_EPDS_REPEAT, LOINCS (HZ_LOINC_EPDS_TOTAL), "",
      HZ_COMPARE_GE, 10, 0, ANY_TIME, HZ_THRESHOLD_LEVEL_NORMAL,
      N_("EPDS"), HZ_GUIDELINE_PERINATAL_DEPRESSION },
  [HZ_THRESHOLD_PHQ9_MODERATE] =
    { HZ_THRESHOLD_PHQ9_MODERATE, LOINCS (HZ_LOINC_PHQ9_TOTAL), "",
      HZ_COMPARE_GE, 10, 0, ANY_TIME, HZ_THRESHOLD_LEVEL_ATTENTION,
      N_("PHQ-9"), HZ_GUIDELINE_PERINATAL_DEPRESSION },
  [HZ_THRESHOLD_GAD7_MODERATE] =
    { HZ_THRESHOLD_GAD7_MODERATE, LOINCS (HZ_LOINC_GAD7_TOTAL), "",
      HZ_COMPARE_GE, 10, 0, ANY_TIME, HZ_THRESHOLD_LEVEL_ATTENTION,
      N_("GAD-7"), HZ_GUIDELINE_PERINATAL_DEPRESSION },
  [HZ_THRESHOLD_PROGESTERONE_LOW] =
    { HZ_THRESHOLD_PROGESTERONE_LOW, LOINCS (HZ_LOINC_PROGESTERONE), "ng/mL",
      HZ_COMPARE_LT, 5, 0, ANY_TIME, HZ_THRESHOLD_LEVEL_ATTENTION,
      N_("Viability unlikely"), NULL },
  [HZ_THRESHOLD_PROGESTERONE_VIABLE] =
    { HZ_THRESHOLD_PROGESTERONE_VIABLE, LOINCS (HZ_LOINC_PROGESTERONE), "ng/mL",
      HZ_COMPARE_GE, 25, 0, ANY_TIME, HZ_THRESHOLD_LEVEL_NORMAL,
      N_("Usually viable"), NULL },
  [HZ_THRESHOLD_BMI_UNDERWEIGHT] =
    { HZ_THRESHOLD_BMI_UNDERWEIGHT, LOINCS (HZ_LOINC_BMI), "kg/m²",
      HZ_COMPARE_LT, 18.5, 1, ANY_TIME, HZ_THRESHOLD_LEVEL_ATTENTION,
      N_("BMI"), HZ_GUIDELINE_WEIGHT_GAIN },
  [HZ_THRESHOLD_BMI_OVERWEIGHT] =
    { HZ_THRESHOLD_BMI_OVERWEIGHT, LOINCS (HZ_LOINC_BMI), "kg/m²",
      HZ_COMPARE_GE, 24.0, 1, ANY_TIME, HZ_THRESHOLD_LEVEL_ATTENTION,
      N_("BMI"), HZ_GUIDELINE_WEIGHT_GAIN },
  [HZ_THRESHOLD_BMI_OBESE] =
    { HZ_THRESHOLD_BMI_OBESE, LOINCS (HZ_LOINC_BMI), "kg/m²",
      HZ_COMPARE_GE, 28.0, 1, ANY_TIME, HZ_THRESHOLD_LEVEL_ATTENTION,
      N_("BMI"), HZ_GUIDELINE_WEIGHT_GAIN },
  [HZ_THRESHOLD_PHQ9_MILD] =
    { HZ_THRESHOLD_PHQ9_MILD, LOINCS (HZ_LOINC_PHQ9_TOTAL), "",
      HZ_COMPARE_GE, 5, 0, ANY_TIME, HZ_THRESHOLD_LEVEL_NORMAL,
      N_("PHQ-9"), HZ_GUIDELINE_PERINATAL_DEPRESSION },
  [HZ_THRESHOLD_PHQ9_MODERATELY_SEVERE] =
    { HZ_THRESHOLD_PHQ9_MODERATELY_SEVERE, LOINCS (HZ_LOINC_PHQ9_TOTAL), "",
      HZ_COMPARE_GE, 15, 0, ANY_TIME, HZ_THRESHOLD_LEVEL_ATTENTION,
      N_("PHQ-9"), HZ_GUIDELINE_PERINATAL_DEPRESSION },
  [HZ_THRESHOLD_PHQ9_SEVERE] =
    { HZ_THRESHOLD_PHQ9_SEVERE, LOINCS (HZ_LOINC_PHQ9_TOTAL), "",
      HZ_COMPARE_GE, 20, 0, ANY_TIME, HZ_THRESHOLD_LEVEL_ATTENTION,
      N_("PHQ-9"), HZ_GUIDELINE_PERINATAL_DEPRESSION },
  [HZ_THRESHOLD_GAD7_MILD] =
    { HZ_THRESHOLD_GAD7_MILD, LOINCS (HZ_LOINC_GAD7_TOTAL), "",
      HZ_COMPARE_GE, 5, 0, ANY_TIME, HZ_THRESHOLD_LEVEL_NORMAL,
      N_("GAD-7"), HZ_GUIDELINE_PERINATAL_DEPRESSION },
  [HZ_THRESHOLD_GAD7_SEVERE] =
    { HZ_THRESHOLD_GAD7_SEVERE, LOINCS (HZ_LOINC_GAD7_TOTAL), "",
      HZ_COMPARE_GE, 15, 0, ANY_TIME, HZ_THRESHOLD_LEVEL_ATTENTION,
      N_("GAD-7"), HZ_GUIDELINE_PERINATAL_DEPRESSION },
  [HZ_THRESHOLD_RISK_BMI_LOW] =
    { HZ_THRESHOLD_RISK_BMI_LOW, LOINCS (HZ_LOINC_BMI), "kg/m²",
      HZ_COMPARE_LT, 18.5, 1, ANY_TIME, HZ_THRESHOLD_LEVEL_ATTENTION,
      N_("BMI"), HZ_GUIDELINE_RISK_GRADING },
  [HZ_THRESHOLD_RISK_BMI_HIGH] =
    { HZ_THRESHOLD_RISK_BMI_HIGH, LOINCS (HZ_LOINC_BMI), "kg/m²",
      HZ_COMPARE_GT, 25.0, 1, ANY_TIME, HZ_THRESHOLD_LEVEL_ATTENTION,
      N_("BMI"), HZ_GUIDELINE_RISK_GRADING },
  [HZ_THRESHOLD_RISK_BMI_OBESE] =
    { HZ_THRESHOLD_RISK_BMI_OBESE, LOINCS (HZ_LOINC_BMI), "kg/m²",
      HZ_COMPARE_GE, 28.0, 1, ANY_TIME, HZ_THRESHOLD_LEVEL_ATTENTION,
      N_("BMI"), HZ_GUIDELINE_RISK_GRADING },
  [HZ_THRESHOLD_RSA_LOSSES] =
    { HZ_THRESHOLD_RSA_LOSSES, LOINCS (HZ_LOINC_ABORTIONS), "",
      HZ_COMPARE_GE, 2, 0, ANY_TIME, HZ_THRESHOLD_LEVEL_ATTENTION,
      N_("Consecutive pregnancy losses"), HZ_GUIDELINE_RECURRENT_LOSS },
  [HZ_THRESHOLD_RSA_LOSS_GA] =
    { HZ_THRESHOLD_RSA_LOSS_GA, LOINCS (HZ_LOINC_ABORTIONS), "wk",
      HZ_COMPARE_LT, 28, 0, ANY_TIME, HZ_THRESHOLD_LEVEL_ATTENTION,
      N_("Gestational age at loss"), HZ_GUIDELINE_RECURRENT_LOSS },
  [HZ_THRESHOLD_GLUCOSE_TARGET_FASTING] =
    { HZ_THRESHOLD_GLUCOSE_TARGET_FASTING, LOINCS (HZ_LOINC_GLUCOSE_CAPILLARY_FASTING), "mmol/L",
      HZ_COMPARE_GE, 5.3, 1, ANY_TIME, HZ_THRESHOLD_LEVEL_ATTENTION,
      N_("Fasting glucose"), HZ_GUIDELINE_HYPERGLYCAEMIA },
  [HZ_THRESHOLD_GLUCOSE_TARGET_1H] =
    { HZ_THRESHOLD_GLUCOSE_TARGET_1H, LOINCS (HZ_LOINC_GLUCOSE_CAPILLARY), "mmol/L",
      HZ_COMPARE_GE, 7.8, 1, ANY_TIME, HZ_THRESHOLD_LEVEL_ATTENTION,
      N_("Glucose 1 h after a meal"), HZ_GUIDELINE_HYPERGLYCAEMIA },
  [HZ_THRESHOLD_GLUCOSE_TARGET_2H] =
    { HZ_THRESHOLD_GLUCOSE_TARGET_2H, LOINCS (HZ_LOINC_GLUCOSE_CAPILLARY_2H_MEAL), "mmol/L",
      HZ_COMPARE_GE, 6.7, 1, ANY_TIME, HZ_THRESHOLD_LEVEL_ATTENTION,
      N_("Glucose 2 h after a meal"), HZ_GUIDELINE_HYPERGLYCAEMIA },
};

/* WS/T 801-2022, by pre-pregnancy BMI class: total gain, first-trimester
 * gain (0–2 kg for every class) and the weekly gain of the second and third
 * trimesters, its mean and range (clinical-reference.md). */
static const HzWeightGainBand weight_gain[HZ_N_BMI_CLASSES] = {
  [HZ_BMI_UNDERWEIGHT] = { HZ_BMI_UNDERWEIGHT, 11000, 16000, 0, 2000, 460, 370, 560,
                           HZ_GUIDELINE_WEIGHT_GAIN },
  [HZ_BMI_NORMAL]      = { HZ_BMI_NORMAL,       8000, 14000, 0, 2000, 370, 260, 480,
                           HZ_GUIDELINE_WEIGHT_GAIN },
  [HZ_BMI_OVERWEIGHT]  = { HZ_BMI_OVERWEIGHT,   7000, 11000, 0, 2000, 300, 220, 370,
                           HZ_GUIDELINE_WEIGHT_GAIN },
  [HZ_BMI_OBESE]       = { HZ_BMI_OBESE,        5000,  9000, 0, 2000, 220, 150, 300,
                           HZ_GUIDELINE_WEIGHT_GAIN },
};

#define THRESHOLD_IS_VALID(id) ((guint) (id) < HZ_N_THRESHOLDS)

const HzThreshold *
hz_threshold_get (HzThresholdId id)
{
  g_return_val_if_fail (THRESHOLD_IS_VALID (id), NULL);

  return &thresholds[id];
}

const char *
hz_threshold_get_label (HzThresholdId id)
{
  g_return_val_if_fail (THRESHOLD_IS_VALID (id), NULL);

  return g_dgettext (GETTEXT_PACKAGE, thresholds[id].label);
}

const char *
hz_threshold_get_source (HzThresholdId id)
{
  g_return_val_if_fail (THRESHOLD_IS_VALID (id), NULL);

  if (thresholds[id].source == NULL)
    return NULL;
  return g_dgettext (GETTEXT_PACKAGE, thresholds[id].source);
}

char *
hz_threshold_format_value (HzThresholdId id)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char format[8];

  g_return_val_if_fail (THRESHOLD_IS_VALID (id), NULL);

  g_snprintf (format, sizeof format, "%%.%uf", MIN (thresholds[id].digits, 3));
  return g_strdup (g_ascii_formatd (buf, sizeof buf, format, thresholds[id].value));
}

static const char *
comparator_symbol (HzComparator comparator)
{
  switch (comparator)
    {
    case HZ_COMPARE_GT:
      return ">";
    case HZ_COMPARE_LT:
      return "<";
    case HZ_COMPARE_LE:
      return "≤";
    case HZ_COMPARE_GE:
    default:
      return "≥";
    }
}

char *
hz_threshold_format (HzThresholdId id)
{
  g_autofree char *value = NULL;
  const HzThreshold *t;

  g_return_val_if_fail (THRESHOLD_IS_VALID (id), NULL);

  t = &thresholds[id];
  value = hz_threshold_format_value (id);
  if (*t->unit == '\0')
    return g_strdup_printf ("%s %s %s", hz_threshold_get_label (id),
                            comparator_symbol (t->comparator), value);
  return g_strdup_printf ("%s %s %s %s", hz_threshold_get_label (id),
                          comparator_symbol (t->comparator), value, t->unit);
}

gboolean
hz_threshold_is_met (HzThresholdId id,
                     double        value)
{
  const HzThreshold *t;

  g_return_val_if_fail (THRESHOLD_IS_VALID (id), FALSE);

  if (isnan (value))
    return FALSE;

  t = &thresholds[id];
  switch (t->comparator)
    {
    case HZ_COMPARE_GT:
      return value > t->value;
    case HZ_COMPARE_LT:
      return value < t->value;
    case HZ_COMPARE_LE:
      return value <= t->value;
    case HZ_COMPARE_GE:
    default:
      return value >= t->value;
    }
}

gboolean
hz_threshold_applies_at (HzThresholdId id,
                         int           ga_days)
{
  const HzThreshold *t;

  g_return_val_if_fail (THRESHOLD_IS_VALID (id), FALSE);

  t = &thresholds[id];
  if (t->ga_from_days < 0 && t->ga_to_days < 0)
    return TRUE;
  if (ga_days < 0)
    return FALSE;
  return (t->ga_from_days < 0 || ga_days >= t->ga_from_days) &&
         (t->ga_to_days < 0 || ga_days <= t->ga_to_days);
}

gboolean
hz_threshold_has_loinc (HzThresholdId  id,
                        const char    *loinc)
{
  g_return_val_if_fail (THRESHOLD_IS_VALID (id), FALSE);

  if (loinc == NULL)
    return FALSE;
  for (const char * const *code = thresholds[id].loinc; *code != NULL; code++)
    if (g_str_equal (*code, loinc))
      return TRUE;
  return FALSE;
}

/* --- interpretation -------------------------------------------------------- */

static void
result_clear (HzThresholdResult *result)
{
  result->level = HZ_THRESHOLD_LEVEL_NORMAL;
  result->threshold = HZ_THRESHOLD_NONE;
  result->label = NULL;
  result->source = NULL;
}

static void
result_set (HzThresholdResult *result,
            HzThresholdId      id,
            const char        *label)
{
  result->level = thresholds[id].level;
  result->threshold = id;
  result->label = g_dgettext (GETTEXT_PACKAGE, label);
  result->source = hz_threshold_get_source (id);
}

gboolean
hz_threshold_loinc_is_ogtt_load (const char *loinc)
{
  return hz_threshold_has_loinc (HZ_THRESHOLD_GDM_1H, loinc) ||
         hz_threshold_has_loinc (HZ_THRESHOLD_GDM_2H, loinc);
}

/* Possible pre-existing diabetes at any time, then the GDM thresholds of the
 * 75 g OGTT: the first met decides. */
static const HzThresholdId pgdm_thresholds[] = {
  HZ_THRESHOLD_PGDM_FASTING, HZ_THRESHOLD_PGDM_2H_RANDOM, HZ_THRESHOLD_PGDM_HBA1C,
};
static const HzThresholdId gdm_thresholds[] = {
  HZ_THRESHOLD_GDM_FASTING, HZ_THRESHOLD_GDM_1H, HZ_THRESHOLD_GDM_2H,
};

gboolean
hz_threshold_loinc_is_glucose (const char *loinc)
{
  for (guint i = 0; i < G_N_ELEMENTS (pgdm_thresholds); i++)
    if (hz_threshold_has_loinc (pgdm_thresholds[i], loinc))
      return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (gdm_thresholds); i++)
    if (hz_threshold_has_loinc (gdm_thresholds[i], loinc))
      return TRUE;
  return FALSE;
}

gboolean
hz_threshold_interpret_glucose (const char        *loinc,
                                double             value,
                                int                ga_days,
                                gboolean           is_ogtt,
                                HzThresholdResult *result)
{
  gboolean ogtt_sample;

  g_return_val_if_fail (result != NULL, FALSE);

  result_clear (result);
  if (!hz_threshold_loinc_is_glucose (loinc))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (pgdm_thresholds); i++)
    {
      HzThresholdId id = pgdm_thresholds[i];

      if (hz_threshold_has_loinc (id, loinc) && hz_threshold_is_met (id, value))
        {
          result_set (result, id, N_("Possible pre-existing diabetes"));
          return TRUE;
        }
    }

  ogtt_sample = is_ogtt || hz_threshold_loinc_is_ogtt_load (loinc);
  for (guint i = 0; i < G_N_ELEMENTS (gdm_thresholds); i++)
    {
      HzThresholdId id = gdm_thresholds[i];

      if (!hz_threshold_has_loinc (id, loinc) || !hz_threshold_is_met (id, value))
        continue;
      /* The GDM label belongs to the 75 g OGTT in its window only. */
      if (ogtt_sample && hz_threshold_applies_at (id, ga_days))
        result_set (result, id, N_("At or above the GDM diagnostic threshold"));
      else
        /* Translators: a glucose at a GDM threshold outside a 24–28-week
         * 75 g OGTT (e.g. early pregnancy): not a GDM diagnosis */
        result_set (result, id, N_("Raised, recheck"));
      return TRUE;
    }

  return TRUE;
}

gboolean
hz_threshold_interpret_glucose_target (HzThresholdId      target,
                                       double             mmol_l,
                                       HzThresholdResult *result)
{
  g_return_val_if_fail (result != NULL, FALSE);

  result_clear (result);
  if (target != HZ_THRESHOLD_GLUCOSE_TARGET_FASTING &&
      target != HZ_THRESHOLD_GLUCOSE_TARGET_1H &&
      target != HZ_THRESHOLD_GLUCOSE_TARGET_2H)
    return FALSE;
  if (isnan (mmol_l))
    return FALSE;

  if (hz_threshold_is_met (target, mmol_l))
    /* Translators: a self-monitored glucose at or above its target
     * (空腹 < 5.3, 餐后1小时 < 7.8, 餐后2小时 < 6.7 mmol/L) */
    result_set (result, target, N_("Above the treatment target"));
  return TRUE;
}

void
hz_threshold_interpret_blood_pressure (double             systolic,
                                       double             diastolic,
                                       HzThresholdResult *result)
{
  g_return_if_fail (result != NULL);

  result_clear (result);

  if (hz_threshold_is_met (HZ_THRESHOLD_BP_SYSTOLIC_SEVERE, systolic))
    result_set (result, HZ_THRESHOLD_BP_SYSTOLIC_SEVERE, N_("Severe hypertension range"));
  else if (hz_threshold_is_met (HZ_THRESHOLD_BP_DIASTOLIC_SEVERE, diastolic))
    result_set (result, HZ_THRESHOLD_BP_DIASTOLIC_SEVERE, N_("Severe hypertension range"));
  else if (hz_threshold_is_met (HZ_THRESHOLD_BP_SYSTOLIC, systolic))
    result_set (result, HZ_THRESHOLD_BP_SYSTOLIC, N_("Hypertension range"));
  else if (hz_threshold_is_met (HZ_THRESHOLD_BP_DIASTOLIC, diastolic))
    result_set (result, HZ_THRESHOLD_BP_DIASTOLIC, N_("Hypertension range"));
}

void
hz_threshold_interpret_haemoglobin (double             g_per_l,
                                    HzThresholdResult *result)
{
  g_return_if_fail (result != NULL);

  result_clear (result);

  if (hz_threshold_is_met (HZ_THRESHOLD_ANAEMIA_SEVERE, g_per_l))
    result_set (result, HZ_THRESHOLD_ANAEMIA_SEVERE, N_("Severe anaemia"));
  else if (hz_threshold_is_met (HZ_THRESHOLD_ANAEMIA, g_per_l))
    result_set (result, HZ_THRESHOLD_ANAEMIA, N_("Anaemia in pregnancy"));
}

static const HzThresholdId moderate_scales[] = {
  HZ_THRESHOLD_PHQ9_MODERATE, HZ_THRESHOLD_GAD7_MODERATE,
};

gboolean
hz_threshold_interpret_score (const char        *loinc,
                              double             total,
                              HzThresholdResult *result)
{
  g_return_val_if_fail (result != NULL, FALSE);

  result_clear (result);

  if (hz_threshold_has_loinc (HZ_THRESHOLD_EPDS_POSITIVE, loinc))
    {
      if (hz_threshold_is_met (HZ_THRESHOLD_EPDS_POSITIVE, total))
        result_set (result, HZ_THRESHOLD_EPDS_POSITIVE, N_("Positive screen, refer for assessment"));
      else if (hz_threshold_is_met (HZ_THRESHOLD_EPDS_REPEAT, total))
        result_set (result, HZ_THRESHOLD_EPDS_REPEAT, N_("Repeat in 2–4 weeks"));
      return TRUE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (moderate_scales); i++)
    if (hz_threshold_has_loinc (moderate_scales[i], loinc))
      {
        if (hz_threshold_is_met (moderate_scales[i], total))
          result_set (result, moderate_scales[i], N_("Moderate or more severe symptoms"));
        return TRUE;
      }

  return FALSE;
}

/* --- body mass index and weight gain --------------------------------------- */

HzThresholdId
hz_threshold_bmi_threshold (double bmi)
{
  if (hz_threshold_is_met (HZ_THRESHOLD_BMI_UNDERWEIGHT, bmi))
    return HZ_THRESHOLD_BMI_UNDERWEIGHT;
  if (hz_threshold_is_met (HZ_THRESHOLD_BMI_OBESE, bmi))
    return HZ_THRESHOLD_BMI_OBESE;
  if (hz_threshold_is_met (HZ_THRESHOLD_BMI_OVERWEIGHT, bmi))
    return HZ_THRESHOLD_BMI_OVERWEIGHT;
  return HZ_THRESHOLD_NONE;
}

HzBmiClass
hz_threshold_classify_bmi (double bmi)
{
  switch (hz_threshold_bmi_threshold (bmi))
    {
    case HZ_THRESHOLD_BMI_UNDERWEIGHT:
      return HZ_BMI_UNDERWEIGHT;
    case HZ_THRESHOLD_BMI_OVERWEIGHT:
      return HZ_BMI_OVERWEIGHT;
    case HZ_THRESHOLD_BMI_OBESE:
      return HZ_BMI_OBESE;
    default:
      return HZ_BMI_NORMAL;
    }
}

const HzWeightGainBand *
hz_threshold_get_weight_gain (HzBmiClass bmi_class)
{
  g_return_val_if_fail ((guint) bmi_class < HZ_N_BMI_CLASSES, NULL);

  return &weight_gain[bmi_class];
}

const char *
hz_threshold_get_weight_gain_source (void)
{
  return g_dgettext (GETTEXT_PACKAGE, HZ_GUIDELINE_WEIGHT_GAIN);
}
