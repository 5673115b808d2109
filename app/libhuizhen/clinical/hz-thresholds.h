/* hz-thresholds.h — the one table of clinical thresholds, each with its source
 *
 * Every cut-off a value is judged by (blood pressure, haemoglobin, glucose,
 * scale totals, the progesterone reading guides) is an entry here: the
 * timeline's flags, the trend charts' reference lines and the team plugins
 * read it, so that no two views can disagree on a number or on the
 * guideline it comes from (clinical-reference.md).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (HUIZHEN_INSIDE) && !defined (HUIZHEN_COMPILATION)
# error "Only <huizhen.h> can be included directly."
#endif

#include <glib.h>

G_BEGIN_DECLS

/* LOINC codes of glucose samples not in hz-fhir.h (HZ_LOINC_FASTING_GLUCOSE)
 * or hz-schedule.h (HZ_LOINC_OGTT_2H, 2 h after 75 g). */
#define HZ_LOINC_FASTING_GLUCOSE_MOLAR "14771-0"  /* Fasting glucose [Moles/volume] in Serum or Plasma */
#define HZ_LOINC_OGTT_1H               "1507-3"   /* Glucose 1 h post 75 g glucose PO */
#define HZ_LOINC_GLUCOSE               "2345-7"   /* Glucose [Mass/volume] in Serum or Plasma (random) */
#define HZ_LOINC_GLUCOSE_MOLAR         "14749-6"  /* Glucose [Moles/volume] in Serum or Plasma (random) */
#define HZ_LOINC_HBA1C                 "4548-4"   /* Hemoglobin A1c/Hemoglobin.total in Blood, % */
/* Self-monitored capillary glucose of the glucose log (血糖记录), mmol/L;
 * the slot a reading was taken in is also coded by hz-glucose-log.h. */
#define HZ_LOINC_GLUCOSE_CAPILLARY_FASTING "14770-2"  /* Fasting glucose [Moles/volume] in Capillary blood by Glucometer */
#define HZ_LOINC_GLUCOSE_CAPILLARY         "14743-9"  /* Glucose [Moles/volume] in Capillary blood by Glucometer (1 h after a meal) */
#define HZ_LOINC_GLUCOSE_CAPILLARY_2H_MEAL "14760-3"  /* Glucose [Moles/volume] in Capillary blood --2 hours post meal */

/* Stable ids: new thresholds are added at the end, before HZ_N_THRESHOLDS. */
typedef enum {
  HZ_THRESHOLD_BP_SYSTOLIC,           /* >= 140 mmHg: hypertension */
  HZ_THRESHOLD_BP_DIASTOLIC,          /* >= 90 mmHg */
  HZ_THRESHOLD_BP_SYSTOLIC_SEVERE,    /* >= 160 mmHg: severe hypertension */
  HZ_THRESHOLD_BP_DIASTOLIC_SEVERE,   /* >= 110 mmHg */
  HZ_THRESHOLD_ANAEMIA,               /* Hb < 110 g/L */
  HZ_THRESHOLD_ANAEMIA_SEVERE,        /* Hb < 70 g/L */
  HZ_THRESHOLD_GDM_FASTING,           /* 75 g OGTT fasting >= 5.1 mmol/L, 24+0–28+6 */
  HZ_THRESHOLD_GDM_1H,                /* 75 g OGTT 1 h >= 10.0 mmol/L, 24+0–28+6 */
  HZ_THRESHOLD_GDM_2H,                /* 75 g OGTT 2 h >= 8.5 mmol/L, 24+0–28+6 */
  HZ_THRESHOLD_PGDM_FASTING,          /* fasting >= 7.0 mmol/L, any time */
  HZ_THRESHOLD_PGDM_2H_RANDOM,        /* 2 h OGTT or random >= 11.1 mmol/L, any time */
  HZ_THRESHOLD_PGDM_HBA1C,            /* HbA1c >= 6.5 %, any time */
  HZ_THRESHOLD_EPDS_POSITIVE,         /* EPDS >= 13: positive screen */
  HZ_THRESHOLD_EPDS_REPEAT,           /* EPDS >= 10 (below 13): repeat in 2–4 weeks */
  HZ_THRESHOLD_PHQ9_MODERATE,         /* PHQ-9 >= 10 */
  HZ_THRESHOLD_GAD7_MODERATE,         /* GAD-7 >= 10 */
  HZ_THRESHOLD_PROGESTERONE_LOW,      /* progesterone < 5 ng/mL: viability unlikely */
  HZ_THRESHOLD_PROGESTERONE_VIABLE,   /* progesterone >= 25 ng/mL: usually viable */
  HZ_THRESHOLD_BMI_UNDERWEIGHT,       /* pre-pregnancy BMI < 18.5 kg/m²: underweight (WS/T 801-2022) */
  HZ_THRESHOLD_BMI_OVERWEIGHT,        /* BMI >= 24.0 kg/m²: overweight */
  HZ_THRESHOLD_BMI_OBESE,             /* BMI >= 28.0 kg/m²: obese */
  HZ_THRESHOLD_PHQ9_MILD,             /* PHQ-9 >= 5: mild */
  HZ_THRESHOLD_PHQ9_MODERATELY_SEVERE,/* PHQ-9 >= 15: moderately severe */
  HZ_THRESHOLD_PHQ9_SEVERE,           /* PHQ-9 >= 20: severe */
  HZ_THRESHOLD_GAD7_MILD,             /* GAD-7 >= 5: mild */
  HZ_THRESHOLD_GAD7_SEVERE,           /* GAD-7 >= 15: severe */
  /* The five-colour form's own pre-pregnancy BMI cut-offs (国卫办妇幼发〔2017〕35号),
   * not the adult 24/28 of weight gain above: hz_risk_propose() */
  HZ_THRESHOLD_RISK_BMI_LOW,          /* BMI < 18.5 kg/m²: yellow */
  HZ_THRESHOLD_RISK_BMI_HIGH,         /* BMI > 25.0 kg/m²: yellow */
  HZ_THRESHOLD_RISK_BMI_OBESE,        /* BMI >= 28.0 kg/m²: orange */
  /* Recurrent pregnancy loss (《复发性流产诊治专家共识（2022）》): hz_rsa_evaluate() */
  HZ_THRESHOLD_RSA_LOSSES,            /* >= 2 consecutive losses */
  HZ_THRESHOLD_RSA_LOSS_GA,           /* a loss counts when GA < 28 weeks (28+0 does not) */
  /* The glucose log's treatment targets (妊娠期高血糖诊治指南, 2022): a
   * reading meets one when it is out of target; judged by the slot it was
   * taken in (hz_threshold_interpret_glucose_target()) */
  HZ_THRESHOLD_GLUCOSE_TARGET_FASTING,/* fasting >= 5.3 mmol/L: above the target < 5.3 */
  HZ_THRESHOLD_GLUCOSE_TARGET_1H,     /* 1 h after a meal >= 7.8 mmol/L: above < 7.8 */
  HZ_THRESHOLD_GLUCOSE_TARGET_2H,     /* 2 h after a meal >= 6.7 mmol/L: above < 6.7 */
  HZ_N_THRESHOLDS,
  HZ_THRESHOLD_NONE = HZ_N_THRESHOLDS
} HzThresholdId;

/* What meeting a threshold means. The timeline shows them as its
 * HzSeverity of the same name (normal: info). */
typedef enum {
  HZ_THRESHOLD_LEVEL_NORMAL,          /* nothing to flag; for an entry: a reading guide */
  HZ_THRESHOLD_LEVEL_ATTENTION,
  HZ_THRESHOLD_LEVEL_CRITICAL,
} HzThresholdLevel;

typedef enum {
  HZ_COMPARE_GE,      /* value >= threshold */
  HZ_COMPARE_GT,      /* value >  threshold */
  HZ_COMPARE_LT,      /* value <  threshold */
  HZ_COMPARE_LE,      /* value <= threshold */
} HzComparator;

typedef struct
{
  HzThresholdId       id;
  const char * const *loinc;         /* the codes it applies to, NULL-terminated */
  const char         *unit;          /* UCUM as shown: "mmol/L", "g/L", "mmHg", "%"; "" for scores */
  HzComparator        comparator;
  double              value;
  guint               digits;        /* decimals the value is written with: 5.1, 10.0, 140 */
  int                 ga_from_days;  /* where it applies: GA 24+0 = 168 ... */
  int                 ga_to_days;    /* ... 28+6 = 202; both -1: at any time */
  HzThresholdLevel    level;         /* what meeting it means; NORMAL: a reading guide, no alarm */
  const char         *label;         /* msgid of a short name: "Systolic", "Fasting glucose" */
  const char         *source;        /* msgid of the guideline and year; NULL for a reading guide
                                      * no guideline of clinical-reference.md gives */
} HzThreshold;

/* The entry of @id (label and source untranslated: use the getters). */
const HzThreshold *hz_threshold_get            (HzThresholdId id);
/* Translated short name, e.g. "收缩压". */
const char        *hz_threshold_get_label      (HzThresholdId id);
/* Translated source, e.g. "《妊娠期高血压疾病诊治指南》（2020）", or NULL. */
const char        *hz_threshold_get_source     (HzThresholdId id);
/* Name, comparator, value and unit: "Systolic ≥ 140 mmHg", "HbA1c ≥ 6.5 %",
 * "EPDS ≥ 13". (transfer full) */
char              *hz_threshold_format         (HzThresholdId id);
/* The value alone as written in the table: "5.1", "10.0", "140". (transfer full) */
char              *hz_threshold_format_value   (HzThresholdId id);
/* TRUE when @value (in the entry's unit) meets the threshold; FALSE for NAN. */
gboolean           hz_threshold_is_met         (HzThresholdId id,
                                                double        value);
/* TRUE when @ga_days is inside the entry's GA window (always, when it has
 * none; never, when it has one and @ga_days is negative: GA unknown). */
gboolean           hz_threshold_applies_at     (HzThresholdId id,
                                                int           ga_days);
/* TRUE when @loinc is one the entry applies to. */
gboolean           hz_threshold_has_loinc      (HzThresholdId id,
                                                const char   *loinc);

/* What a value means by the table. */
typedef struct
{
  HzThresholdLevel  level;      /* NORMAL: nothing to flag */
  HzThresholdId     threshold;  /* the threshold met, HZ_THRESHOLD_NONE when none */
  const char       *label;      /* translated reading, e.g. "可能为孕前糖尿病"; NULL when none */
  const char       *source;     /* translated source of @threshold; NULL when none */
} HzThresholdResult;

/* TRUE for a LOINC code hz_threshold_interpret_glucose() reads: fasting,
 * 1 h and 2 h after 75 g, random glucose, HbA1c. */
gboolean  hz_threshold_loinc_is_glucose          (const char *loinc);
/* TRUE for a glucose sample taken after the 75 g load of an OGTT (1 h, 2 h):
 * a fasting glucose of the same day is that OGTT's fasting sample. */
gboolean  hz_threshold_loinc_is_ogtt_load        (const char *loinc);

/* Glucose, in mmol/L (HbA1c in %), by 《妊娠期高血糖诊治指南（2022）》:
 *  - fasting >= 7.0, 2 h or random >= 11.1, HbA1c >= 6.5 at any time:
 *    "Possible pre-existing diabetes", critical;
 *  - on a 75 g OGTT at 24+0–28+6 (@is_ogtt for a fasting sample; the 1 h
 *    and 2 h codes are OGTT samples by themselves), fasting >= 5.1, 1 h
 *    >= 10.0 or 2 h >= 8.5: "At or above the GDM diagnostic threshold",
 *    attention;
 *  - the same values anywhere else (early pregnancy, a plain fasting
 *    glucose, GA unknown): "Raised, recheck", attention, without the GDM
 *    label.
 * @ga_days is -1 when unknown. FALSE when @loinc is no glucose code of the
 * table; @result is then set to nothing flagged. */
gboolean  hz_threshold_interpret_glucose         (const char        *loinc,
                                                  double             value,
                                                  int                ga_days,
                                                  gboolean           is_ogtt,
                                                  HzThresholdResult *result);
/* One self-monitored glucose of the log, in mmol/L, against the treatment
 * target of its slot (@target: HZ_THRESHOLD_GLUCOSE_TARGET_FASTING, _1H or
 * _2H; hz_glucose_slot_get_target()): fasting < 5.3, 1 h after a meal
 * < 7.8, 2 h < 6.7 are on target (level normal, threshold NONE); a value
 * at or above is "Above the treatment target", attention, with the
 * guideline as source. FALSE for NAN or another threshold; @result is
 * then set to nothing flagged. */
gboolean  hz_threshold_interpret_glucose_target  (HzThresholdId      target,
                                                  double             mmol_l,
                                                  HzThresholdResult *result);
/* Blood pressure in mmHg (either may be NAN): >= 160 or >= 110 "Severe
 * hypertension range", critical; >= 140 or >= 90 "Hypertension range",
 * attention. The systolic threshold is named when both are met. */
void      hz_threshold_interpret_blood_pressure  (double             systolic,
                                                  double             diastolic,
                                                  HzThresholdResult *result);
/* Haemoglobin in g/L: < 70 "Severe anaemia", critical; < 110 "Anaemia in
 * pregnancy", attention. */
void      hz_threshold_interpret_haemoglobin     (double             g_per_l,
                                                  HzThresholdResult *result);

/* A scale total (LOINC HZ_LOINC_EPDS_TOTAL, HZ_LOINC_PHQ9_TOTAL,
 * HZ_LOINC_GAD7_TOTAL): EPDS >= 13 "Positive screen, refer for assessment",
 * attention; EPDS 10–12 "Repeat in 2–4 weeks", normal; PHQ-9 or GAD-7 >= 10
 * "Moderate or more severe symptoms", attention. The self-harm items are
 * read from the answers, not from the total. FALSE when @loinc is no scale
 * of the table; @result is then set to nothing flagged. */
gboolean  hz_threshold_interpret_score           (const char        *loinc,
                                                  double             total,
                                                  HzThresholdResult *result);

/* Pre-pregnancy BMI classes by the Chinese adult cut-offs 18.5 / 24.0 / 28.0
 * kg/m² that WS/T 801-2022 uses (HZ_THRESHOLD_BMI_*). Not the five-colour
 * form's 25/28, which hz-risk keeps as its own rule. */
typedef enum {
  HZ_BMI_UNDERWEIGHT,   /* < 18.5         体重过低 */
  HZ_BMI_NORMAL,        /* 18.5 – < 24.0  正常体重 */
  HZ_BMI_OVERWEIGHT,    /* 24.0 – < 28.0  超重 */
  HZ_BMI_OBESE,         /* >= 28.0        肥胖 */
  HZ_N_BMI_CLASSES
} HzBmiClass;

/* The class of @bmi (kg/m², as it is shown: judge the value rounded to one
 * decimal) by the HZ_THRESHOLD_BMI_* entries. */
HzBmiClass  hz_threshold_classify_bmi            (double             bmi);
/* The cut-off @bmi met: HZ_THRESHOLD_BMI_UNDERWEIGHT, _OVERWEIGHT or
 * _OBESE; HZ_THRESHOLD_NONE for a normal BMI. */
HzThresholdId hz_threshold_bmi_threshold         (double             bmi);

/* The recommended gestational weight gain of one pre-pregnancy BMI class,
 * by WS/T 801-2022 《妊娠期妇女体重增长推荐值标准》 (clinical-reference.md,
 * "Gestational weight gain"). Masses in grams, so that every value of the
 * standard is exact. */
typedef struct
{
  HzBmiClass  bmi_class;
  int         total_low_g;            /* total gain over the pregnancy: 8000 ... */
  int         total_high_g;           /* ... 14000 g for a normal BMI */
  int         first_trimester_low_g;  /* gain in the first trimester: 0 ... */
  int         first_trimester_high_g; /* ... 2000 g, the same for every class */
  int         weekly_g;               /* 2nd–3rd trimester, g per week: 370 */
  int         weekly_low_g;           /* 260 */
  int         weekly_high_g;          /* 480 */
  const char *source;                 /* msgid of the standard: use hz_threshold_get_weight_gain_source() */
} HzWeightGainBand;

/* The row of @bmi_class. */
const HzWeightGainBand *hz_threshold_get_weight_gain        (HzBmiClass bmi_class);
/* Translated, "《妊娠期妇女体重增长推荐值标准》（WS/T 801-2022）". */
const char             *hz_threshold_get_weight_gain_source (void);

G_END_DECLS
