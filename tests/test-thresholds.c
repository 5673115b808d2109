/* test-thresholds.c — the one table of clinical thresholds and what a value reads as
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <huizhen.h>

#include "hz-test-utils.h"

#define WEEKS(w, d) ((w) * 7 + (d))

#define SOURCE_HYPERTENSION   "Guideline for hypertensive disorders of pregnancy (2020)"
#define SOURCE_ANAEMIA        "Guideline for iron deficiency and iron deficiency anaemia in pregnancy (2014)"
#define SOURCE_HYPERGLYCAEMIA "Guideline for hyperglycaemia in pregnancy (2022)"
#define SOURCE_DEPRESSION     "Expert consensus on screening, diagnosis and treatment of perinatal depression (2021)"
#define SOURCE_RISK_GRADING   "Pregnancy risk assessment and management, five-colour grading (National Health Commission, 2017 No. 35)"
#define SOURCE_RECURRENT_LOSS "Expert consensus on diagnosis and treatment of recurrent spontaneous abortion (2022)"
#define SOURCE_WEIGHT_GAIN    "Standard of recommendation for weight gain during pregnancy (WS/T 801-2022)"

#define NORMAL    HZ_THRESHOLD_LEVEL_NORMAL
#define ATTENTION HZ_THRESHOLD_LEVEL_ATTENTION
#define CRITICAL  HZ_THRESHOLD_LEVEL_CRITICAL

#define FPG       HZ_LOINC_FASTING_GLUCOSE
#define FPG_MOLAR HZ_LOINC_FASTING_GLUCOSE_MOLAR

#define RAISED  "Raised, recheck"
#define GDM     "At or above the GDM diagnostic threshold"
#define PGDM    "Possible pre-existing diabetes"

/* Every entry as clinical-reference.md gives it: written out, and its source */
static const struct {
  HzThresholdId  id;
  const char    *formatted;
  const char    *source;
} table[] = {
  { HZ_THRESHOLD_BP_SYSTOLIC, "Systolic ≥ 140 mmHg", SOURCE_HYPERTENSION },
  { HZ_THRESHOLD_BP_DIASTOLIC, "Diastolic ≥ 90 mmHg", SOURCE_HYPERTENSION },
  { HZ_THRESHOLD_BP_SYSTOLIC_SEVERE, "Systolic ≥ 160 mmHg", SOURCE_HYPERTENSION },
  { HZ_THRESHOLD_BP_DIASTOLIC_SEVERE, "Diastolic ≥ 110 mmHg", SOURCE_HYPERTENSION },
  { HZ_THRESHOLD_ANAEMIA, "Haemoglobin < 110 g/L", SOURCE_ANAEMIA },
  { HZ_THRESHOLD_ANAEMIA_SEVERE, "Haemoglobin < 70 g/L", SOURCE_ANAEMIA },
  { HZ_THRESHOLD_GDM_FASTING, "Fasting glucose ≥ 5.1 mmol/L", SOURCE_HYPERGLYCAEMIA },
  { HZ_THRESHOLD_GDM_1H, "OGTT 1 h glucose ≥ 10.0 mmol/L", SOURCE_HYPERGLYCAEMIA },
  { HZ_THRESHOLD_GDM_2H, "OGTT 2 h glucose ≥ 8.5 mmol/L", SOURCE_HYPERGLYCAEMIA },
  { HZ_THRESHOLD_PGDM_FASTING, "Fasting glucose ≥ 7.0 mmol/L", SOURCE_HYPERGLYCAEMIA },
  { HZ_THRESHOLD_PGDM_2H_RANDOM, "2 h OGTT or random glucose ≥ 11.1 mmol/L", SOURCE_HYPERGLYCAEMIA },
  { HZ_THRESHOLD_PGDM_HBA1C, "HbA1c ≥ 6.5 %", SOURCE_HYPERGLYCAEMIA },
  { HZ_THRESHOLD_EPDS_POSITIVE, "EPDS ≥ 13", SOURCE_DEPRESSION },
  { HZ_THRESHOLD_EPDS_REPEAT, "EPDS ≥ 10", SOURCE_DEPRESSION },
  { HZ_THRESHOLD_PHQ9_MODERATE, "PHQ-9 ≥ 10", SOURCE_DEPRESSION },
  { HZ_THRESHOLD_GAD7_MODERATE, "GAD-7 ≥ 10", SOURCE_DEPRESSION },
  /* Reading guides no guideline of clinical-reference.md gives: no source */
  { HZ_THRESHOLD_PROGESTERONE_LOW, "Viability unlikely < 5 ng/mL", NULL },
  { HZ_THRESHOLD_PROGESTERONE_VIABLE, "Usually viable ≥ 25 ng/mL", NULL },
  /* the Chinese adult BMI cut-offs of WS/T 801-2022, one decimal */
  { HZ_THRESHOLD_BMI_UNDERWEIGHT, "BMI < 18.5 kg/m²", SOURCE_WEIGHT_GAIN },
  { HZ_THRESHOLD_BMI_OVERWEIGHT, "BMI ≥ 24.0 kg/m²", SOURCE_WEIGHT_GAIN },
  { HZ_THRESHOLD_BMI_OBESE, "BMI ≥ 28.0 kg/m²", SOURCE_WEIGHT_GAIN },
  { HZ_THRESHOLD_PHQ9_MILD, "PHQ-9 ≥ 5", SOURCE_DEPRESSION },
  { HZ_THRESHOLD_PHQ9_MODERATELY_SEVERE, "PHQ-9 ≥ 15", SOURCE_DEPRESSION },
  { HZ_THRESHOLD_PHQ9_SEVERE, "PHQ-9 ≥ 20", SOURCE_DEPRESSION },
  { HZ_THRESHOLD_GAD7_MILD, "GAD-7 ≥ 5", SOURCE_DEPRESSION },
  { HZ_THRESHOLD_GAD7_SEVERE, "GAD-7 ≥ 15", SOURCE_DEPRESSION },
  /* the five-colour form's own BMI cut-offs, not the adult 24/28 */
  { HZ_THRESHOLD_RISK_BMI_LOW, "BMI < 18.5 kg/m²", SOURCE_RISK_GRADING },
  { HZ_THRESHOLD_RISK_BMI_HIGH, "BMI > 25.0 kg/m²", SOURCE_RISK_GRADING },
  { HZ_THRESHOLD_RISK_BMI_OBESE, "BMI ≥ 28.0 kg/m²", SOURCE_RISK_GRADING },
  /* recurrent pregnancy loss: 2 consecutive losses, each before 28+0 */
  { HZ_THRESHOLD_RSA_LOSSES, "Consecutive pregnancy losses ≥ 2", SOURCE_RECURRENT_LOSS },
  { HZ_THRESHOLD_RSA_LOSS_GA, "Gestational age at loss < 28 wk", SOURCE_RECURRENT_LOSS },
  /* the glucose log's treatment targets: the values out of target */
  { HZ_THRESHOLD_GLUCOSE_TARGET_FASTING, "Fasting glucose ≥ 5.3 mmol/L", SOURCE_HYPERGLYCAEMIA },
  { HZ_THRESHOLD_GLUCOSE_TARGET_1H, "Glucose 1 h after a meal ≥ 7.8 mmol/L", SOURCE_HYPERGLYCAEMIA },
  { HZ_THRESHOLD_GLUCOSE_TARGET_2H, "Glucose 2 h after a meal ≥ 6.7 mmol/L", SOURCE_HYPERGLYCAEMIA },
};

static void
test_table (void)
{
  const HzThreshold *t;

  G_STATIC_ASSERT (G_N_ELEMENTS (table) == HZ_N_THRESHOLDS);
  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_autofree char *text = hz_threshold_format (table[i].id);

      g_assert_cmpint (hz_threshold_get (table[i].id)->id, ==, table[i].id);
      g_assert_cmpstr (text, ==, table[i].formatted);
      g_assert_cmpstr (hz_threshold_get_source (table[i].id), ==, table[i].source);
    }

  /* Every entry: codes, a unit, a label; an alarm always has its source */
  for (HzThresholdId id = 0; id < HZ_N_THRESHOLDS; id++)
    {
      t = hz_threshold_get (id);
      g_assert_nonnull (t->loinc);
      g_assert_nonnull (t->loinc[0]);
      g_assert_nonnull (t->unit);
      g_assert_nonnull (t->label);
      if (id != HZ_THRESHOLD_PROGESTERONE_LOW && id != HZ_THRESHOLD_PROGESTERONE_VIABLE)
        g_assert_nonnull (t->source);
    }

  /* The GDM thresholds apply to the OGTT of 24+0–28+6 only; the PGDM ones at any time */
  t = hz_threshold_get (HZ_THRESHOLD_GDM_FASTING);
  g_assert_cmpint (t->ga_from_days, ==, WEEKS (24, 0));
  g_assert_cmpint (t->ga_to_days, ==, WEEKS (28, 6));
  g_assert_false (hz_threshold_applies_at (HZ_THRESHOLD_GDM_1H, WEEKS (23, 6)));
  g_assert_true (hz_threshold_applies_at (HZ_THRESHOLD_GDM_1H, WEEKS (24, 0)));
  g_assert_true (hz_threshold_applies_at (HZ_THRESHOLD_GDM_2H, WEEKS (28, 6)));
  g_assert_false (hz_threshold_applies_at (HZ_THRESHOLD_GDM_2H, WEEKS (29, 0)));
  g_assert_false (hz_threshold_applies_at (HZ_THRESHOLD_GDM_FASTING, -1));
  g_assert_true (hz_threshold_applies_at (HZ_THRESHOLD_PGDM_FASTING, -1));
  g_assert_true (hz_threshold_applies_at (HZ_THRESHOLD_PGDM_FASTING, WEEKS (8, 0)));

  /* Comparators, and no judgement of a missing value */
  g_assert_true (hz_threshold_is_met (HZ_THRESHOLD_BP_SYSTOLIC, 140));
  g_assert_false (hz_threshold_is_met (HZ_THRESHOLD_BP_SYSTOLIC, 139.9));
  g_assert_true (hz_threshold_is_met (HZ_THRESHOLD_ANAEMIA, 109.9));
  g_assert_false (hz_threshold_is_met (HZ_THRESHOLD_ANAEMIA, 110));
  g_assert_false (hz_threshold_is_met (HZ_THRESHOLD_ANAEMIA, NAN));

  /* LOINC codes: the fasting sample of the demo data, the 75 g load samples */
  g_assert_true (hz_threshold_has_loinc (HZ_THRESHOLD_GDM_FASTING, HZ_LOINC_FASTING_GLUCOSE));
  g_assert_true (hz_threshold_has_loinc (HZ_THRESHOLD_PGDM_FASTING, HZ_LOINC_FASTING_GLUCOSE));
  g_assert_true (hz_threshold_loinc_is_ogtt_load (HZ_LOINC_OGTT_1H));
  g_assert_true (hz_threshold_loinc_is_ogtt_load (HZ_LOINC_OGTT_2H));
  g_assert_false (hz_threshold_loinc_is_ogtt_load (HZ_LOINC_FASTING_GLUCOSE));
  g_assert_false (hz_threshold_loinc_is_ogtt_load (NULL));
  g_assert_true (hz_threshold_loinc_is_glucose (HZ_LOINC_HBA1C));
  g_assert_false (hz_threshold_loinc_is_glucose (HZ_LOINC_HAEMOGLOBIN));
}

/* A reading: its level, the threshold met, its label, and @source when it
 * has a label (none otherwise). */
static void
assert_reading (const HzThresholdResult *result,
                HzThresholdLevel         level,
                HzThresholdId            threshold,
                const char              *label,
                const char              *source)
{
  g_assert_cmpint (result->level, ==, level);
  g_assert_cmpint (result->threshold, ==, threshold);
  g_assert_cmpstr (result->label, ==, label);
  g_assert_cmpstr (result->source, ==, label != NULL ? source : NULL);
}

/* What each glucose reads as: the LOINC code, the value, GA (-1 unknown),
 * whether a fasting sample belongs to a 75 g OGTT; then the level, the
 * threshold met and the reading. */
static const struct {
  const char       *loinc;
  double            value;
  int               ga_days;
  gboolean          is_ogtt;
  HzThresholdLevel  level;
  HzThresholdId     threshold;
  const char       *label;
} glucose_cases[] = {
  /* Early pregnancy: raised, recheck, and no GDM label, OGTT or not */
  { FPG, 5.3, WEEKS (10, 0), FALSE, ATTENTION, HZ_THRESHOLD_GDM_FASTING, RAISED },
  { FPG, 5.3, WEEKS (10, 0), TRUE, ATTENTION, HZ_THRESHOLD_GDM_FASTING, RAISED },
  { FPG, 6.9, WEEKS (10, 0), FALSE, ATTENTION, HZ_THRESHOLD_GDM_FASTING, RAISED },
  /* The 75 g OGTT at 24–28 weeks: the GDM diagnostic threshold */
  { FPG, 5.3, WEEKS (26, 0), TRUE, ATTENTION, HZ_THRESHOLD_GDM_FASTING, GDM },
  { FPG, 5.1, WEEKS (24, 0), TRUE, ATTENTION, HZ_THRESHOLD_GDM_FASTING, GDM },
  { FPG_MOLAR, 5.1, WEEKS (28, 6), TRUE, ATTENTION, HZ_THRESHOLD_GDM_FASTING, GDM },
  { HZ_LOINC_OGTT_1H, 10.0, WEEKS (26, 0), FALSE, ATTENTION, HZ_THRESHOLD_GDM_1H, GDM },
  { HZ_LOINC_OGTT_2H, 8.5, WEEKS (26, 0), FALSE, ATTENTION, HZ_THRESHOLD_GDM_2H, GDM },
  /* ... but not a plain fasting glucose, nor outside the window, nor with GA unknown */
  { FPG, 5.3, WEEKS (26, 0), FALSE, ATTENTION, HZ_THRESHOLD_GDM_FASTING, RAISED },
  { FPG, 5.3, WEEKS (29, 0), TRUE, ATTENTION, HZ_THRESHOLD_GDM_FASTING, RAISED },
  { HZ_LOINC_OGTT_1H, 10.5, WEEKS (23, 6), FALSE, ATTENTION, HZ_THRESHOLD_GDM_1H, RAISED },
  { FPG, 5.3, -1, TRUE, ATTENTION, HZ_THRESHOLD_GDM_FASTING, RAISED },
  /* Possible pre-existing diabetes at any time, before the GDM reading */
  { FPG, 7.2, WEEKS (10, 0), FALSE, CRITICAL, HZ_THRESHOLD_PGDM_FASTING, PGDM },
  { FPG, 7.0, WEEKS (26, 0), TRUE, CRITICAL, HZ_THRESHOLD_PGDM_FASTING, PGDM },
  { FPG, 7.2, -1, FALSE, CRITICAL, HZ_THRESHOLD_PGDM_FASTING, PGDM },
  { HZ_LOINC_OGTT_2H, 11.1, WEEKS (26, 0), FALSE, CRITICAL, HZ_THRESHOLD_PGDM_2H_RANDOM, PGDM },
  { HZ_LOINC_GLUCOSE, 11.1, WEEKS (12, 0), FALSE, CRITICAL, HZ_THRESHOLD_PGDM_2H_RANDOM, PGDM },
  { HZ_LOINC_HBA1C, 6.5, WEEKS (12, 0), FALSE, CRITICAL, HZ_THRESHOLD_PGDM_HBA1C, PGDM },
  /* Below every threshold, or no value: nothing to flag */
  { FPG, 5.0, WEEKS (10, 0), FALSE, NORMAL, HZ_THRESHOLD_NONE, NULL },
  { FPG, 5.0, WEEKS (26, 0), TRUE, NORMAL, HZ_THRESHOLD_NONE, NULL },
  { HZ_LOINC_OGTT_1H, 9.9, WEEKS (26, 0), FALSE, NORMAL, HZ_THRESHOLD_NONE, NULL },
  { HZ_LOINC_GLUCOSE, 9.0, WEEKS (26, 0), FALSE, NORMAL, HZ_THRESHOLD_NONE, NULL },
  { HZ_LOINC_HBA1C, 5.7, WEEKS (26, 0), FALSE, NORMAL, HZ_THRESHOLD_NONE, NULL },
  { FPG, NAN, WEEKS (26, 0), TRUE, NORMAL, HZ_THRESHOLD_NONE, NULL },
};

static void
test_glucose (void)
{
  HzThresholdResult result;

  for (guint i = 0; i < G_N_ELEMENTS (glucose_cases); i++)
    {
      g_test_message ("%s %g at GA %d%s", glucose_cases[i].loinc, glucose_cases[i].value,
                      glucose_cases[i].ga_days, glucose_cases[i].is_ogtt ? " (OGTT)" : "");
      g_assert_true (hz_threshold_interpret_glucose (glucose_cases[i].loinc, glucose_cases[i].value,
                                                     glucose_cases[i].ga_days, glucose_cases[i].is_ogtt,
                                                     &result));
      assert_reading (&result, glucose_cases[i].level, glucose_cases[i].threshold,
                      glucose_cases[i].label, SOURCE_HYPERGLYCAEMIA);
      /* Only the OGTT in its window says GDM */
      if (result.label != NULL && strstr (result.label, "GDM") != NULL)
        g_assert_true (glucose_cases[i].ga_days >= WEEKS (24, 0) &&
                       glucose_cases[i].ga_days <= WEEKS (28, 6));
    }

  /* Not a glucose code */
  g_assert_false (hz_threshold_interpret_glucose (HZ_LOINC_HAEMOGLOBIN, 8, WEEKS (26, 0), FALSE, &result));
  g_assert_cmpint (result.level, ==, NORMAL);
  g_assert_cmpint (result.threshold, ==, HZ_THRESHOLD_NONE);
  g_assert_false (hz_threshold_interpret_glucose (NULL, 8, WEEKS (26, 0), FALSE, &result));
}

#define HYPERTENSION        "Hypertension range"
#define SEVERE_HYPERTENSION "Severe hypertension range"

static void
test_blood_pressure (void)
{
  static const struct {
    double            systolic;
    double            diastolic;
    HzThresholdLevel  level;
    HzThresholdId     threshold;
    const char       *label;
  } cases[] = {
    { 139, 89, NORMAL, HZ_THRESHOLD_NONE, NULL },
    { 140, 90, ATTENTION, HZ_THRESHOLD_BP_SYSTOLIC, HYPERTENSION },
    { 140, 80, ATTENTION, HZ_THRESHOLD_BP_SYSTOLIC, HYPERTENSION },
    { 139, 90, ATTENTION, HZ_THRESHOLD_BP_DIASTOLIC, HYPERTENSION },
    { 159, 109, ATTENTION, HZ_THRESHOLD_BP_SYSTOLIC, HYPERTENSION },
    { 160, 110, CRITICAL, HZ_THRESHOLD_BP_SYSTOLIC_SEVERE, SEVERE_HYPERTENSION },
    { 150, 110, CRITICAL, HZ_THRESHOLD_BP_DIASTOLIC_SEVERE, SEVERE_HYPERTENSION },
    /* One component only */
    { NAN, 95, ATTENTION, HZ_THRESHOLD_BP_DIASTOLIC, HYPERTENSION },
    { 165, NAN, CRITICAL, HZ_THRESHOLD_BP_SYSTOLIC_SEVERE, SEVERE_HYPERTENSION },
    { NAN, NAN, NORMAL, HZ_THRESHOLD_NONE, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      HzThresholdResult result;

      g_test_message ("%g/%g mmHg", cases[i].systolic, cases[i].diastolic);
      hz_threshold_interpret_blood_pressure (cases[i].systolic, cases[i].diastolic, &result);
      assert_reading (&result, cases[i].level, cases[i].threshold, cases[i].label, SOURCE_HYPERTENSION);
    }
}

static void
test_haemoglobin (void)
{
  HzThresholdResult result;

  hz_threshold_interpret_haemoglobin (110, &result);
  assert_reading (&result, NORMAL, HZ_THRESHOLD_NONE, NULL, NULL);
  hz_threshold_interpret_haemoglobin (109, &result);
  assert_reading (&result, ATTENTION, HZ_THRESHOLD_ANAEMIA, "Anaemia in pregnancy", SOURCE_ANAEMIA);
  hz_threshold_interpret_haemoglobin (70, &result);
  assert_reading (&result, ATTENTION, HZ_THRESHOLD_ANAEMIA, "Anaemia in pregnancy", SOURCE_ANAEMIA);
  hz_threshold_interpret_haemoglobin (69, &result);
  assert_reading (&result, CRITICAL, HZ_THRESHOLD_ANAEMIA_SEVERE, "Severe anaemia", SOURCE_ANAEMIA);
  hz_threshold_interpret_haemoglobin (NAN, &result);
  assert_reading (&result, NORMAL, HZ_THRESHOLD_NONE, NULL, NULL);
}

static void
test_scores (void)
{
  static const struct {
    const char       *loinc;
    double            total;
    HzThresholdLevel  level;
    HzThresholdId     threshold;
    const char       *label;
  } cases[] = {
    { HZ_LOINC_EPDS_TOTAL, 13, ATTENTION, HZ_THRESHOLD_EPDS_POSITIVE,
      "Positive screen, refer for assessment" },
    { HZ_LOINC_EPDS_TOTAL, 12, NORMAL, HZ_THRESHOLD_EPDS_REPEAT, "Repeat in 2–4 weeks" },
    { HZ_LOINC_EPDS_TOTAL, 10, NORMAL, HZ_THRESHOLD_EPDS_REPEAT, "Repeat in 2–4 weeks" },
    { HZ_LOINC_EPDS_TOTAL, 9, NORMAL, HZ_THRESHOLD_NONE, NULL },
    { HZ_LOINC_PHQ9_TOTAL, 10, ATTENTION, HZ_THRESHOLD_PHQ9_MODERATE, "Moderate or more severe symptoms" },
    { HZ_LOINC_PHQ9_TOTAL, 9, NORMAL, HZ_THRESHOLD_NONE, NULL },
    { HZ_LOINC_GAD7_TOTAL, 11, ATTENTION, HZ_THRESHOLD_GAD7_MODERATE, "Moderate or more severe symptoms" },
    { HZ_LOINC_GAD7_TOTAL, 4, NORMAL, HZ_THRESHOLD_NONE, NULL },
  };
  HzThresholdResult result;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s total %g", cases[i].loinc, cases[i].total);
      g_assert_true (hz_threshold_interpret_score (cases[i].loinc, cases[i].total, &result));
      assert_reading (&result, cases[i].level, cases[i].threshold, cases[i].label, SOURCE_DEPRESSION);
    }

  g_assert_false (hz_threshold_interpret_score (HZ_LOINC_GRAVIDA, 14, &result));
  g_assert_cmpint (result.threshold, ==, HZ_THRESHOLD_NONE);
}

/* The trend charts' reference lines are entries of the table */
static void
test_reference_lines (void)
{
  static const struct {
    HzAnalyte        analyte;
    HzThresholdId    thresholds[2];
    HzReferenceKind  kinds[2];
    guint            n;
  } expected[] = {
    { HZ_ANALYTE_HAEMOGLOBIN, { HZ_THRESHOLD_ANAEMIA }, { HZ_REFERENCE_LOWER }, 1 },
    { HZ_ANALYTE_BLOOD_PRESSURE, { HZ_THRESHOLD_BP_SYSTOLIC, HZ_THRESHOLD_BP_DIASTOLIC },
      { HZ_REFERENCE_UPPER, HZ_REFERENCE_UPPER }, 2 },
    { HZ_ANALYTE_FASTING_GLUCOSE, { HZ_THRESHOLD_GDM_FASTING, HZ_THRESHOLD_PGDM_FASTING },
      { HZ_REFERENCE_UPPER, HZ_REFERENCE_UPPER }, 2 },
    { HZ_ANALYTE_PROGESTERONE, { HZ_THRESHOLD_PROGESTERONE_LOW, HZ_THRESHOLD_PROGESTERONE_VIABLE },
      { HZ_REFERENCE_LOWER, HZ_REFERENCE_GUIDE }, 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      guint n_lines = 0;
      const HzReferenceLine *lines = hz_analyte_get_reference_lines (expected[i].analyte, &n_lines);

      g_assert_cmpuint (n_lines, ==, expected[i].n);
      for (guint j = 0; j < n_lines; j++)
        {
          HzThresholdId id = expected[i].thresholds[j];
          const HzThreshold *t = hz_threshold_get (id);
          g_autofree char *label = hz_threshold_format (id);

          g_assert_cmpint (lines[j].threshold, ==, id);
          g_assert_cmpint (lines[j].kind, ==, expected[i].kinds[j]);
          g_assert_cmpfloat (lines[j].value, ==, t->value);
          g_assert_cmpstr (lines[j].label, ==, label);
          g_assert_cmpstr (lines[j].source, ==, hz_threshold_get_source (id));
          g_assert_cmpstr (t->unit, ==, hz_analyte_get_unit (expected[i].analyte));
          g_assert_true (hz_threshold_has_loinc (id, hz_analyte_get_loinc (expected[i].analyte)) ||
                         expected[i].analyte == HZ_ANALYTE_BLOOD_PRESSURE);
        }
    }
  {
    guint n_lines = 0;

    g_assert_cmpfloat (hz_analyte_get_reference_lines (HZ_ANALYTE_HAEMOGLOBIN, &n_lines)[0].value, ==, 110);
    g_assert_cmpfloat (hz_analyte_get_reference_lines (HZ_ANALYTE_FASTING_GLUCOSE, &n_lines)[0].value, ==, 5.1);
    g_assert_null (hz_analyte_get_reference_lines (HZ_ANALYTE_HCG, &n_lines));
    g_assert_cmpuint (n_lines, ==, 0);
  }
}

/* The clinicians' Chinese terms (clinical-reference.md), in a subprocess
 * started in zh_CN.UTF-8 (hz_test_run_in_zh_cn) */
static void
test_zh_cn (void)
{
  HzThresholdResult result;
  g_autofree char *fasting = NULL;
  g_autofree char *systolic = NULL;
  guint n_lines;

  if (!hz_test_run_in_zh_cn ())
    return;

  hz_threshold_interpret_glucose (HZ_LOINC_FASTING_GLUCOSE, 7.2, WEEKS (10, 0), FALSE, &result);
  g_assert_cmpstr (result.label, ==, "可能为孕前糖尿病");
  g_assert_cmpstr (result.source, ==, "《妊娠期高血糖诊治指南（2022）》");
  hz_threshold_interpret_glucose (HZ_LOINC_FASTING_GLUCOSE, 5.3, WEEKS (26, 0), TRUE, &result);
  g_assert_cmpstr (result.label, ==, "达到妊娠期糖尿病诊断界值");
  hz_threshold_interpret_glucose (HZ_LOINC_FASTING_GLUCOSE, 5.3, WEEKS (10, 0), FALSE, &result);
  g_assert_cmpstr (result.label, ==, "偏高，需复查");
  g_assert_null (strstr (result.label, "妊娠期糖尿病"));
  hz_threshold_interpret_haemoglobin (105, &result);
  g_assert_cmpstr (result.label, ==, "妊娠期贫血");
  g_assert_cmpstr (result.source, ==, "《妊娠期铁缺乏和缺铁性贫血诊治指南》（2014）");
  hz_threshold_interpret_blood_pressure (160, 100, &result);
  g_assert_cmpstr (result.label, ==, "达重度高血压标准");
  g_assert_cmpstr (result.source, ==, "《妊娠期高血压疾病诊治指南》（2020）");
  hz_threshold_interpret_score (HZ_LOINC_EPDS_TOTAL, 15, &result);
  g_assert_cmpstr (result.source, ==, "《围产期抑郁症筛查与诊治专家共识》（2021）");

  fasting = hz_threshold_format (HZ_THRESHOLD_GDM_FASTING);
  systolic = hz_threshold_format (HZ_THRESHOLD_BP_SYSTOLIC);
  g_assert_cmpstr (fasting, ==, "空腹血糖 ≥ 5.1 mmol/L");
  g_assert_cmpstr (systolic, ==, "收缩压 ≥ 140 mmHg");
  g_assert_cmpstr (hz_analyte_get_reference_lines (HZ_ANALYTE_FASTING_GLUCOSE, &n_lines)[1].label,
                   ==, "空腹血糖 ≥ 7.0 mmol/L");
}

/* The glucose log's targets: fasting < 5.3, 1 h < 7.8, 2 h < 6.7 are on
 * target; the value itself is out of target */
static void
test_glucose_target (void)
{
  static const struct {
    HzThresholdId target;
    double        value;
    gboolean      flagged;
  } vectors[] = {
    { HZ_THRESHOLD_GLUCOSE_TARGET_FASTING, 5.2, FALSE },
    { HZ_THRESHOLD_GLUCOSE_TARGET_FASTING, 5.3, TRUE },
    { HZ_THRESHOLD_GLUCOSE_TARGET_1H, 7.7, FALSE },
    { HZ_THRESHOLD_GLUCOSE_TARGET_1H, 7.8, TRUE },
    { HZ_THRESHOLD_GLUCOSE_TARGET_2H, 6.6, FALSE },
    { HZ_THRESHOLD_GLUCOSE_TARGET_2H, 6.7, TRUE },
    { HZ_THRESHOLD_GLUCOSE_TARGET_2H, 33.3, TRUE },
    { HZ_THRESHOLD_GLUCOSE_TARGET_FASTING, 1.0, FALSE },
  };
  HzThresholdResult result;

  for (guint i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      g_assert_true (hz_threshold_interpret_glucose_target (vectors[i].target, vectors[i].value, &result));
      if (vectors[i].flagged)
        {
          g_assert_cmpint (result.level, ==, ATTENTION);
          g_assert_cmpint (result.threshold, ==, vectors[i].target);
          g_assert_cmpstr (result.label, ==, "Above the treatment target");
          g_assert_cmpstr (result.source, ==, SOURCE_HYPERGLYCAEMIA);
        }
      else
        {
          g_assert_cmpint (result.level, ==, NORMAL);
          g_assert_cmpint (result.threshold, ==, HZ_THRESHOLD_NONE);
          g_assert_null (result.label);
        }
    }

  /* No value, or a threshold that is no target: nothing judged */
  g_assert_false (hz_threshold_interpret_glucose_target (HZ_THRESHOLD_GLUCOSE_TARGET_2H, NAN, &result));
  g_assert_cmpint (result.threshold, ==, HZ_THRESHOLD_NONE);
  g_assert_false (hz_threshold_interpret_glucose_target (HZ_THRESHOLD_GDM_2H, 9.0, &result));
  g_assert_cmpint (result.threshold, ==, HZ_THRESHOLD_NONE);

  /* The slots of the log name their targets; the diagnostic rules do not
   * judge the log's codes */
  g_assert_cmpint (hz_glucose_slot_get_target (HZ_GLUCOSE_SLOT_FASTING), ==, HZ_THRESHOLD_GLUCOSE_TARGET_FASTING);
  g_assert_cmpint (hz_glucose_slot_get_target (HZ_GLUCOSE_SLOT_1H), ==, HZ_THRESHOLD_GLUCOSE_TARGET_1H);
  g_assert_cmpint (hz_glucose_slot_get_target (HZ_GLUCOSE_SLOT_2H), ==, HZ_THRESHOLD_GLUCOSE_TARGET_2H);
  g_assert_false (hz_threshold_loinc_is_glucose (HZ_LOINC_GLUCOSE_CAPILLARY_2H_MEAL));
}

int
main (int   argc,
      char *argv[])
{
  /* /huizhen/thresholds/zh_CN runs itself again in Chinese */
  hz_test_i18n_init (argc, argv);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/huizhen/thresholds/table", test_table);
  g_test_add_func ("/huizhen/thresholds/glucose", test_glucose);
  g_test_add_func ("/huizhen/thresholds/glucose-target", test_glucose_target);
  g_test_add_func ("/huizhen/thresholds/blood-pressure", test_blood_pressure);
  g_test_add_func ("/huizhen/thresholds/haemoglobin", test_haemoglobin);
  g_test_add_func ("/huizhen/thresholds/scores", test_scores);
  g_test_add_func ("/huizhen/thresholds/reference-lines", test_reference_lines);
  g_test_add_func ("/huizhen/thresholds/zh_CN", test_zh_cn);

  return g_test_run ();
}
