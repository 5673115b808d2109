/* hz-calc.h — the team calculators: BMI, gestational weight gain, the
 * perinatal mental-health scales (EPDS, PHQ-9, GAD-7)
 *
 * Pure functions over plain values, for the team pages and huizhen-cli alike
 * (gestational age and dating are hz-ga.h). Every cut-off they judge by is an
 * entry of the thresholds table (hz-thresholds.h), and every result carries
 * its translated source, to be shown beside it ("依据").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (HUIZHEN_INSIDE) && !defined (HUIZHEN_COMPILATION)
# error "Only <huizhen.h> can be included directly."
#endif

#include <glib.h>

#include "hz-thresholds.h"

G_BEGIN_DECLS

#define HZ_CALC_ERROR (hz_calc_error_quark ())

typedef enum {
  HZ_CALC_ERROR_INVALID,      /* a value is impossible or outside what the rule is
                               * defined for; the translated message names it */
} HzCalcError;

GQuark hz_calc_error_quark (void);

/* What the calculators accept: plausible measurements of an adult woman
 * (not clinical cut-offs; a value outside is a typing error). */
#define HZ_CALC_HEIGHT_MIN_CM   100
#define HZ_CALC_HEIGHT_MAX_CM   250
#define HZ_CALC_WEIGHT_MIN_KG   20
#define HZ_CALC_WEIGHT_MAX_KG   300
/* The last GA a weight gain is judged at: 42+6 */
#define HZ_CALC_GWG_MAX_GA_DAYS (42 * 7 + 6)

/* --- body mass index ------------------------------------------------------ */

typedef struct
{
  int            tenths;     /* BMI × 10, rounded half up: 24.0 kg/m² is 240 */
  HzBmiClass     bmi_class;  /* judged on the rounded value, as it is shown */
  HzThresholdId  threshold;  /* the cut-off met; HZ_THRESHOLD_NONE for a normal BMI */
  const char    *source;     /* translated: the standard the cut-offs come from */
} HzBmi;

/* BMI = weight kg / (height m)², one decimal, classed by the Chinese adult
 * cut-offs 18.5 / 24.0 / 28.0 (hz_threshold_classify_bmi()). FALSE with
 * HZ_CALC_ERROR_INVALID naming the value when the height or the weight is
 * outside the HZ_CALC_* limits. */
gboolean     hz_bmi_compute                 (double      height_cm,
                                             double      weight_kg,
                                             HzBmi      *bmi,
                                             GError    **error);
/* "24.0" (transfer full) */
char        *hz_bmi_format                  (const HzBmi *bmi);
/* "underweight", "normal", "overweight", "obese": the name in JSON */
const char  *hz_bmi_class_to_string         (HzBmiClass  bmi_class);
/* Translated: 体重过低, 正常体重, 超重, 肥胖 */
const char  *hz_bmi_class_get_display_name  (HzBmiClass  bmi_class);

/* --- gestational weight gain (WS/T 801-2022) -------------------------------- */

typedef enum {
  HZ_GWG_BELOW,
  HZ_GWG_WITHIN,
  HZ_GWG_ABOVE,
} HzGwgStatus;

typedef struct
{
  HzBmi                   bmi;              /* pre-pregnancy */
  const HzWeightGainBand *band;             /* the row of bmi.bmi_class */
  int                     ga_days;
  int                     gain_g;           /* weight − pre-pregnancy weight, to 10 g */
  int                     expected_low_g;   /* the gain expected at ga_days, to 10 g, */
  int                     expected_high_g;  /* both ends within (hz_gwg_expected_range()) */
  HzGwgStatus             status;
  const char             *source;           /* translated: WS/T 801-2022 */
} HzGwg;

/* The gain expected at @ga_days for @band, to 10 g: in the first trimester
 * (before 14+0) the standard's first-trimester gain, 0–2 kg, whatever the
 * week; from 14+0 on, that plus the weekly range of the second and third
 * trimesters for every week after 14+0 (days as sevenths of a week):
 * low = 0 kg + weekly low × weeks, high = 2 kg + weekly high × weeks. */
void         hz_gwg_expected_range          (const HzWeightGainBand *band,
                                             int                     ga_days,
                                             int                    *low_g,
                                             int                    *high_g);
/* Judges @weight_kg at @ga_days against the band of the pre-pregnancy BMI
 * (@height_cm, @pre_weight_kg). The ends of the expected range are within.
 * FALSE with HZ_CALC_ERROR_INVALID naming the value for a height, a weight
 * or a GA (0+0 – 42+6) out of range. */
gboolean     hz_gwg_assess                  (double      height_cm,
                                             double      pre_weight_kg,
                                             double      weight_kg,
                                             int         ga_days,
                                             HzGwg      *gwg,
                                             GError    **error);
/* @gain_g at @ga_days against @band: below, within or above the range
 * hz_gwg_expected_range() gives (its ends are within), which it puts in
 * @low_g and @high_g (both optional). hz_gwg_assess() judges by it. */
HzGwgStatus  hz_gwg_judge                   (const HzWeightGainBand *band,
                                             int                     ga_days,
                                             int                     gain_g,
                                             int                    *low_g,
                                             int                    *high_g);

/* One corner of the band the weight-gain chart draws */
typedef struct
{
  int ga_days;
  int low_g;
  int high_g;
} HzGwgBandPoint;

#define HZ_GWG_BAND_MAX_POINTS 4

/* The corners of @band from 0+0 to @to_ga_days (at least 14+0): 0+0 and
 * 13+6 (the first trimester's 0–2 kg, flat), 14+0 (where the weekly range
 * starts) and @to_ga_days; between two corners the band is a straight line
 * of hz_gwg_expected_range(). Returns the number of points written to
 * @points (4), 0 for a @to_ga_days before 14+0. */
guint        hz_gwg_band_outline            (const HzWeightGainBand *band,
                                             int                     to_ga_days,
                                             HzGwgBandPoint         *points);
/* The gain per week between two weights, to 10 g: (@to_gain_g −
 * @from_gain_g) × 7 / (@to_ga_days − @from_ga_days). FALSE when the second
 * is not at least a day after the first. */
gboolean     hz_gwg_weekly_gain             (int                     from_ga_days,
                                             int                     from_gain_g,
                                             int                     to_ga_days,
                                             int                     to_gain_g,
                                             int                    *g_per_week);
/* A weekly gain against the band's 2nd–3rd-trimester weekly range (its
 * ends within): 0.30 kg/week is within 0.22–0.37 for an overweight BMI. */
HzGwgStatus  hz_gwg_judge_weekly            (const HzWeightGainBand *band,
                                             int                     g_per_week);

/* "below", "within", "above": the name in JSON */
const char  *hz_gwg_status_to_string        (HzGwgStatus status);
/* Translated: 增重不足, 增重适宜, 增重过多 */
const char  *hz_gwg_status_get_display_name (HzGwgStatus status);
/* Grams as kilograms with one decimal, or two when the 10 g need it: 8000
 * "8.0", 6760 "6.76", -500 "-0.5". (transfer full) */
char        *hz_calc_format_kg              (int         grams);

/* --- screening scales ------------------------------------------------------- */

typedef enum {
  HZ_SCALE_EPDS,   /* 10 items, total 0–30, LOINC HZ_LOINC_EPDS_TOTAL */
  HZ_SCALE_PHQ9,   /* 9 items, total 0–27 */
  HZ_SCALE_GAD7,   /* 7 items, total 0–21 */
  HZ_N_SCALES
} HzScale;

typedef enum {
  HZ_SCALE_BAND_NEGATIVE,           /* EPDS < 10, item 10 zero */
  HZ_SCALE_BAND_REPEAT,             /* EPDS 10–12: repeat in 2–4 weeks */
  HZ_SCALE_BAND_POSITIVE,           /* EPDS >= 13, or item 10 non-zero */
  HZ_SCALE_BAND_NONE,               /* PHQ-9 0–4 */
  HZ_SCALE_BAND_MINIMAL,            /* GAD-7 0–4 */
  HZ_SCALE_BAND_MILD,               /* 5–9 */
  HZ_SCALE_BAND_MODERATE,           /* 10–14 */
  HZ_SCALE_BAND_MODERATELY_SEVERE,  /* PHQ-9 15–19 */
  HZ_SCALE_BAND_SEVERE,             /* PHQ-9 20–27, GAD-7 15–21 */
} HzScaleBand;

typedef enum {
  HZ_SCALE_ALERT_SELF_HARM = 1 << 0,  /* EPDS item 10 or PHQ-9 item 9 non-zero */
} HzScaleAlerts;

#define HZ_SCALE_MAX_ITEMS 10
#define HZ_SCALE_N_OPTIONS 4  /* every item has four answers, scored 0–3 */

typedef struct
{
  HzScale           scale;
  guint             n_items;
  int               scores[HZ_SCALE_MAX_ITEMS];  /* each item's score, reverse-scoring done */
  int               total;
  HzScaleBand       band;
  HzScaleAlerts     alerts;                      /* 0 when none */
  HzThresholdResult reading;                     /* hz_threshold_interpret_score() of the total */
  const char       *source;                      /* translated: the consensus the bands come from */
} HzScaleResult;

/* "epds", "phq9", "gad7" ↔ the scale. FALSE for another name. */
gboolean     hz_scale_from_string           (const char   *name,
                                             HzScale      *scale);
const char  *hz_scale_to_string             (HzScale       scale);
/* "EPDS", "PHQ-9", "GAD-7" (the same in every language) */
const char  *hz_scale_get_name              (HzScale       scale);
guint        hz_scale_get_n_items           (HzScale       scale);
const char  *hz_scale_get_loinc             (HzScale       scale);
/* Scores a completed form. @answers: for each item, the 0-based position of
 * the chosen answer as the standard form prints it (EPDS items 3 and 5–10
 * print theirs from 3 down to 0, so position p scores 3 − p there; every
 * other item scores its position). FALSE with HZ_CALC_ERROR_INVALID naming
 * the item when there are not exactly hz_scale_get_n_items() answers or an
 * answer is not 0–3. */
gboolean     hz_scale_score                 (HzScale        scale,
                                             const int     *answers,
                                             guint          n_answers,
                                             HzScaleResult *result,
                                             GError       **error);
/* The bands of hz_scale_score() for a @total recorded without its items;
 * @self_harm: the self-harm item scored above 0 (FALSE when unknown).
 * FALSE with HZ_CALC_ERROR_INVALID for a total out of range. */
gboolean     hz_scale_judge_total           (HzScale        scale,
                                             int            total,
                                             gboolean       self_harm,
                                             HzScaleResult *result,
                                             GError       **error);
/* "negative", "repeat", "positive", "none", "minimal", "mild", "moderate",
 * "moderately_severe", "severe": the name in JSON */
const char  *hz_scale_band_to_string        (HzScaleBand    band);
/* Translated: 阴性, 2–4周后复查, 阳性, 无, 轻度... */
const char  *hz_scale_band_get_display_name (HzScaleBand    band);
/* "self_harm" for HZ_SCALE_ALERT_SELF_HARM (one flag) */
const char  *hz_scale_alert_to_string       (HzScaleAlerts  alert);
/* Translated: 有自伤念头，当天转诊评估 */
const char  *hz_scale_alert_get_display_name (HzScaleAlerts alert);

/* --- the forms' own wording (hz-scale-items.c) ------------------------------ */

/* The scale's full name: "Edinburgh Postnatal Depression Scale"
 * (爱丁堡产后抑郁量表). Translated. */
const char  *hz_scale_get_title             (HzScale       scale);
/* What the form asks the woman before its items: the period and how to
 * answer ("In the past 7 days…", "Over the last 2 weeks…"). Translated. */
const char  *hz_scale_get_instructions      (HzScale       scale);
/* Item @item (1-based) as the standard form prints it, without its
 * number; NULL when there is no such item. Translated. */
const char  *hz_scale_get_item_text         (HzScale       scale,
                                             guint         item);
/* The answer at @position (0-based, in the order the standard form prints
 * them: EPDS items 3 and 5–10 from the answer scored 3 down to the one
 * scored 0) of item @item; NULL when there is none. Translated. */
const char  *hz_scale_get_option_text       (HzScale       scale,
                                             guint         item,
                                             guint         position);
/* What the answer at @position of item @item scores (0–3): the position,
 * or 3 − position on a reverse-scored item; -1 when there is none. */
int          hz_scale_get_option_score      (HzScale       scale,
                                             guint         item,
                                             guint         position);
/* TRUE for an item printed from 3 down to 0 (EPDS 3, 5–10) */
gboolean     hz_scale_item_is_reversed      (HzScale       scale,
                                             guint         item);
/* The item whose non-zero answer is an urgent alert (EPDS 10, PHQ-9 9);
 * 0 for GAD-7. */
guint        hz_scale_get_self_harm_item    (HzScale       scale);
/* The linkId of item @item in a QuestionnaireResponse: "epds-3" (transfer none) */
const char  *hz_scale_get_link_id           (HzScale       scale,
                                             guint         item);

G_END_DECLS
