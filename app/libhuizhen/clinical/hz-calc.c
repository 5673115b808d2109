/* hz-calc.c — BMI, gestational weight gain, EPDS / PHQ-9 / GAD-7 scoring
 *
 * Rules from clinical-reference.md:
 *  - BMI = weight kg / height m², classed by the Chinese adult cut-offs
 *    18.5 / 24.0 / 28.0 that WS/T 801-2022 uses (the entries
 *    HZ_THRESHOLD_BMI_* of hz-thresholds.c);
 *  - gestational weight gain, WS/T 801-2022 《妊娠期妇女体重增长推荐值标准》:
 *    the band of the pre-pregnancy BMI class (hz_threshold_get_weight_gain());
 *  - EPDS, PHQ-9, GAD-7 (围产期抑郁症筛查与诊治专家共识, 2021): items, reverse
 *    scoring and the self-harm items here; the totals' bands are entries of
 *    the thresholds table, read through hz_threshold_interpret_score() and
 *    hz_threshold_is_met().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-clinical"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "huizhen.h"

G_DEFINE_QUARK (hz-calc-error-quark, hz_calc_error)

/* --- body mass index ------------------------------------------------------ */

/* @value as typed, "0", "165.5", into @text */
static const char *
format_value (char   *text,
              gsize   size,
              double  value)
{
  return g_ascii_formatd (text, size, "%g", value);
}

/* A height (@is_height) or a weight inside the HZ_CALC_* limits, else
 * an error naming the value */
static gboolean
check_measure (double     value,
               gboolean   is_height,
               GError   **error)
{
  int min = is_height ? HZ_CALC_HEIGHT_MIN_CM : HZ_CALC_WEIGHT_MIN_KG;
  int max = is_height ? HZ_CALC_HEIGHT_MAX_CM : HZ_CALC_WEIGHT_MAX_KG;
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  if (isfinite (value) && value >= min && value <= max)
    return TRUE;

  format_value (text, sizeof text, value);
  if (is_height)
    /* Translators: a height that cannot be; the value, then the limits */
    g_set_error (error, HZ_CALC_ERROR, HZ_CALC_ERROR_INVALID,
                 _("A height of %s cm is not possible: give %d–%d cm"), text, min, max);
  else
    /* Translators: a weight that cannot be; the value, then the limits */
    g_set_error (error, HZ_CALC_ERROR, HZ_CALC_ERROR_INVALID,
                 _("A weight of %s kg is not possible: give %d–%d kg"), text, min, max);
  return FALSE;
}

#define check_height(value, error) check_measure ((value), TRUE, (error))
#define check_weight(value, error) check_measure ((value), FALSE, (error))

gboolean
hz_bmi_compute (double    height_cm,
                double    weight_kg,
                HzBmi    *bmi,
                GError  **error)
{
  double height_m, value;

  g_return_val_if_fail (bmi != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_height (height_cm, error) || !check_weight (weight_kg, error))
    return FALSE;

  height_m = height_cm / 100.0;
  value = weight_kg / (height_m * height_m);

  /* One decimal, half up; the 1e-9 keeps 18.45 from becoming 18.4 through
   * binary rounding (47.232 / 2.56). The class is judged on what is shown:
   * 23.96 reads 24.0, overweight. */
  bmi->tenths = (int) floor (value * 10.0 + 0.5 + 1e-9);
  bmi->threshold = hz_threshold_bmi_threshold (bmi->tenths / 10.0);
  bmi->bmi_class = hz_threshold_classify_bmi (bmi->tenths / 10.0);
  bmi->source = hz_threshold_get_weight_gain_source ();

  return TRUE;
}

char *
hz_bmi_format (const HzBmi *bmi)
{
  g_return_val_if_fail (bmi != NULL, NULL);

  return g_strdup_printf ("%d.%d", bmi->tenths / 10, bmi->tenths % 10);
}

const char *
hz_bmi_class_to_string (HzBmiClass bmi_class)
{
  switch (bmi_class)
    {
    case HZ_BMI_UNDERWEIGHT:
      return "underweight";
    case HZ_BMI_NORMAL:
      return "normal";
    case HZ_BMI_OVERWEIGHT:
      return "overweight";
    case HZ_BMI_OBESE:
      return "obese";
    case HZ_N_BMI_CLASSES:
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
hz_bmi_class_get_display_name (HzBmiClass bmi_class)
{
  switch (bmi_class)
    {
    case HZ_BMI_UNDERWEIGHT:
      /* Translators: the pre-pregnancy BMI classes: 体重过低, 正常体重, 超重, 肥胖 */
      return _("Underweight");
    case HZ_BMI_NORMAL:
      return _("Normal weight");
    case HZ_BMI_OVERWEIGHT:
      return _("Overweight");
    case HZ_BMI_OBESE:
      return _("Obese");
    case HZ_N_BMI_CLASSES:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* --- gestational weight gain (WS/T 801-2022) -------------------------------- */

/* @numerator / @denominator rounded half away from zero */
static int
div_round (gint64 numerator,
           gint64 denominator)
{
  if (numerator >= 0)
    return (int) ((numerator * 2 + denominator) / (denominator * 2));
  return -(int) ((-numerator * 2 + denominator) / (denominator * 2));
}

/* How "the gain expected at this GA" follows from WS/T 801-2022 as
 * clinical-reference.md quotes it ("First trimester gain 0–2 kg", then a
 * weekly gain in the 2nd–3rd trimester for each BMI class):
 *  - before 14+0 (hz_ga_trimester(): the first trimester) the standard
 *    gives a gain for the trimester as a whole and no weekly rate, so the
 *    whole first-trimester range applies at any week of it: 0–2 kg;
 *  - from 14+0 the weekly range is added for every week after 14+0, a day
 *    counting as a seventh of a week: at 20+0 (6 weeks after 14+0), normal
 *    BMI, 0 + 0.26 × 6 = 1.56 kg to 2 + 0.48 × 6 = 4.88 kg.
 * The lower end starts from the first trimester's lower end (0 kg), the
 * upper end from its upper end (2 kg). Both are rounded to 10 g. The range
 * is not cut to the total gain: at 40+0 it is 6.76–14.48 kg for a normal
 * BMI against a total of 8–14 kg; the total is reported beside it. */
void
hz_gwg_expected_range (const HzWeightGainBand *band,
                       int                     ga_days,
                       int                    *low_g,
                       int                    *high_g)
{
  int low = 0, high = 0;

  g_return_if_fail (band != NULL);

  if (hz_ga_trimester (ga_days) == HZ_TRIMESTER_FIRST)
    {
      low = band->first_trimester_low_g;
      high = band->first_trimester_high_g;
    }
  else
    {
      gint64 days = ga_days - HZ_GA_SECOND_TRIMESTER_DAYS;

      /* grams per week × days / 7, to the nearest 10 g */
      low = band->first_trimester_low_g + 10 * div_round (band->weekly_low_g * days, 70);
      high = band->first_trimester_high_g + 10 * div_round (band->weekly_high_g * days, 70);
    }

  if (low_g != NULL)
    *low_g = low;
  if (high_g != NULL)
    *high_g = high;
}

gboolean
hz_gwg_assess (double    height_cm,
               double    pre_weight_kg,
               double    weight_kg,
               int       ga_days,
               HzGwg    *gwg,
               GError  **error)
{
  g_return_val_if_fail (gwg != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!hz_bmi_compute (height_cm, pre_weight_kg, &gwg->bmi, error) ||
      !check_weight (weight_kg, error))
    return FALSE;

  if (ga_days < 0 || ga_days > HZ_CALC_GWG_MAX_GA_DAYS)
    {
      g_autofree char *ga = hz_ga_format (ga_days);
      g_autofree char *max = hz_ga_format (HZ_CALC_GWG_MAX_GA_DAYS);

      /* Translators: a gestational age ("孕44+0周"), then the last one the
       * weight gain is judged at */
      g_set_error (error, HZ_CALC_ERROR, HZ_CALC_ERROR_INVALID,
                   _("The weight gain is not judged at %s: give a gestational age up to %s"),
                   ga, max);
      return FALSE;
    }

  gwg->band = hz_threshold_get_weight_gain (gwg->bmi.bmi_class);
  gwg->ga_days = ga_days;
  /* The weights as given, to 10 g: 60.3 − 55.0 is 5.30 kg, not 5.2999… */
  gwg->gain_g = 10 * (int) lround ((weight_kg - pre_weight_kg) * 100.0);
  gwg->status = hz_gwg_judge (gwg->band, ga_days, gwg->gain_g,
                              &gwg->expected_low_g, &gwg->expected_high_g);

  gwg->source = hz_threshold_get_weight_gain_source ();

  return TRUE;
}

HzGwgStatus
hz_gwg_judge (const HzWeightGainBand *band,
              int                     ga_days,
              int                     gain_g,
              int                    *low_g,
              int                    *high_g)
{
  int low = 0, high = 0;

  g_return_val_if_fail (band != NULL, HZ_GWG_WITHIN);

  hz_gwg_expected_range (band, ga_days, &low, &high);
  if (low_g != NULL)
    *low_g = low;
  if (high_g != NULL)
    *high_g = high;

  if (gain_g < low)
    return HZ_GWG_BELOW;
  if (gain_g > high)
    return HZ_GWG_ABOVE;
  return HZ_GWG_WITHIN;
}

guint
hz_gwg_band_outline (const HzWeightGainBand *band,
                     int                     to_ga_days,
                     HzGwgBandPoint         *points)
{
  /* The band is flat over the first trimester and a straight line after
   * 14+0 (hz_gwg_expected_range()): its corners are enough to draw it. */
  const int corners[HZ_GWG_BAND_MAX_POINTS] = {
    0, HZ_GA_SECOND_TRIMESTER_DAYS - 1, HZ_GA_SECOND_TRIMESTER_DAYS, to_ga_days
  };

  g_return_val_if_fail (band != NULL, 0);
  g_return_val_if_fail (points != NULL, 0);

  if (to_ga_days < HZ_GA_SECOND_TRIMESTER_DAYS)
    return 0;

  for (guint i = 0; i < HZ_GWG_BAND_MAX_POINTS; i++)
    {
      points[i].ga_days = corners[i];
      hz_gwg_expected_range (band, corners[i], &points[i].low_g, &points[i].high_g);
    }
  return HZ_GWG_BAND_MAX_POINTS;
}

gboolean
hz_gwg_weekly_gain (int  from_ga_days,
                    int  from_gain_g,
                    int  to_ga_days,
                    int  to_gain_g,
                    int *g_per_week)
{
  gint64 days = (gint64) to_ga_days - from_ga_days;

  g_return_val_if_fail (g_per_week != NULL, FALSE);

  if (days < 1)
    return FALSE;
  /* grams × 7 / days, to the nearest 10 g */
  *g_per_week = 10 * div_round (((gint64) to_gain_g - from_gain_g) * 7, days * 10);
  return TRUE;
}

HzGwgStatus
hz_gwg_judge_weekly (const HzWeightGainBand *band,
                     int                     g_per_week)
{
  g_return_val_if_fail (band != NULL, HZ_GWG_WITHIN);

  if (g_per_week < band->weekly_low_g)
    return HZ_GWG_BELOW;
  if (g_per_week > band->weekly_high_g)
    return HZ_GWG_ABOVE;
  return HZ_GWG_WITHIN;
}

const char *
hz_gwg_status_to_string (HzGwgStatus status)
{
  switch (status)
    {
    case HZ_GWG_BELOW:
      return "below";
    case HZ_GWG_WITHIN:
      return "within";
    case HZ_GWG_ABOVE:
      return "above";
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
hz_gwg_status_get_display_name (HzGwgStatus status)
{
  switch (status)
    {
    case HZ_GWG_BELOW:
      /* Translators: the weight gained against the recommended range */
      return _("Gain below the recommended range");
    case HZ_GWG_WITHIN:
      return _("Gain within the recommended range");
    case HZ_GWG_ABOVE:
      return _("Gain above the recommended range");
    default:
      g_return_val_if_reached (NULL);
    }
}

char *
hz_calc_format_kg (int grams)
{
  int magnitude = ABS (grams);
  int kg = magnitude / 1000;
  int centi = (magnitude % 1000 + 5) / 10;  /* the 10 g */
  const char *sign = grams < 0 ? "-" : "";

  if (centi == 100)
    {
      kg++;
      centi = 0;
    }

  if (centi % 10 == 0)
    return g_strdup_printf ("%s%d.%d", sign, kg, centi / 10);
  return g_strdup_printf ("%s%d.%02d", sign, kg, centi);
}

/* --- screening scales ------------------------------------------------------- */

typedef struct
{
  const char    *id;               /* "epds" */
  const char    *name;             /* "EPDS" */
  const char    *loinc;            /* the total's code */
  guint          n_items;
  guint32        reversed;         /* bit i: item i + 1 prints its answers from 3 down to 0 */
  guint          self_harm_item;   /* 1-based; a non-zero score alerts; 0: none */
  HzThresholdId  source_threshold; /* the entry whose source the scale cites */
} ScaleInfo;

#define ITEM(n) (1u << ((n) - 1))

/* clinical-reference.md, "Perinatal mental health": EPDS items 3 and 5–10
 * reverse-scored, item 10 self-harm; PHQ-9 item 9 non-zero an urgent alert;
 * GAD-7 none. */
static const ScaleInfo scales[HZ_N_SCALES] = {
  [HZ_SCALE_EPDS] = { "epds", "EPDS", HZ_LOINC_EPDS_TOTAL, 10,
                      ITEM (3) | ITEM (5) | ITEM (6) | ITEM (7) | ITEM (8) | ITEM (9) | ITEM (10),
                      10, HZ_THRESHOLD_EPDS_POSITIVE },
  [HZ_SCALE_PHQ9] = { "phq9", "PHQ-9", HZ_LOINC_PHQ9_TOTAL, 9, 0, 9, HZ_THRESHOLD_PHQ9_MODERATE },
  [HZ_SCALE_GAD7] = { "gad7", "GAD-7", HZ_LOINC_GAD7_TOTAL, 7, 0, 0, HZ_THRESHOLD_GAD7_MODERATE },
};

/* The bands of a total, highest first: the first threshold met decides;
 * none met, the last band. EPDS reads its bands from
 * hz_threshold_interpret_score() instead. */
typedef struct
{
  HzThresholdId threshold;
  HzScaleBand   band;
} BandRule;

static const BandRule phq9_bands[] = {
  { HZ_THRESHOLD_PHQ9_SEVERE, HZ_SCALE_BAND_SEVERE },
  { HZ_THRESHOLD_PHQ9_MODERATELY_SEVERE, HZ_SCALE_BAND_MODERATELY_SEVERE },
  { HZ_THRESHOLD_PHQ9_MODERATE, HZ_SCALE_BAND_MODERATE },
  { HZ_THRESHOLD_PHQ9_MILD, HZ_SCALE_BAND_MILD },
  { HZ_THRESHOLD_NONE, HZ_SCALE_BAND_NONE },
};

static const BandRule gad7_bands[] = {
  { HZ_THRESHOLD_GAD7_SEVERE, HZ_SCALE_BAND_SEVERE },
  { HZ_THRESHOLD_GAD7_MODERATE, HZ_SCALE_BAND_MODERATE },
  { HZ_THRESHOLD_GAD7_MILD, HZ_SCALE_BAND_MILD },
  { HZ_THRESHOLD_NONE, HZ_SCALE_BAND_MINIMAL },
};

static HzScaleBand
band_of (const BandRule *rules,
         int             total)
{
  for (guint i = 0; ; i++)
    if (rules[i].threshold == HZ_THRESHOLD_NONE || hz_threshold_is_met (rules[i].threshold, total))
      return rules[i].band;
}

#define SCALE_IS_VALID(scale) ((guint) (scale) < HZ_N_SCALES)

static void judge_total (HzScale        scale,
                         HzScaleResult *result);

gboolean
hz_scale_from_string (const char *name,
                      HzScale    *scale)
{
  for (guint i = 0; name != NULL && i < HZ_N_SCALES; i++)
    if (g_str_equal (scales[i].id, name))
      {
        if (scale != NULL)
          *scale = i;
        return TRUE;
      }
  return FALSE;
}

const char *
hz_scale_to_string (HzScale scale)
{
  g_return_val_if_fail (SCALE_IS_VALID (scale), NULL);

  return scales[scale].id;
}

const char *
hz_scale_get_name (HzScale scale)
{
  g_return_val_if_fail (SCALE_IS_VALID (scale), NULL);

  return scales[scale].name;
}

guint
hz_scale_get_n_items (HzScale scale)
{
  g_return_val_if_fail (SCALE_IS_VALID (scale), 0);

  return scales[scale].n_items;
}

const char *
hz_scale_get_loinc (HzScale scale)
{
  g_return_val_if_fail (SCALE_IS_VALID (scale), NULL);

  return scales[scale].loinc;
}

gboolean
hz_scale_score (HzScale         scale,
                const int      *answers,
                guint           n_answers,
                HzScaleResult  *result,
                GError        **error)
{
  const ScaleInfo *info;

  g_return_val_if_fail (SCALE_IS_VALID (scale), FALSE);
  g_return_val_if_fail (answers != NULL || n_answers == 0, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  info = &scales[scale];
  memset (result, 0, sizeof *result);
  result->scale = scale;
  result->n_items = info->n_items;

  if (n_answers != info->n_items)
    {
      /* Translators: "EPDS has 10 items, 9 answers were given" */
      g_set_error (error, HZ_CALC_ERROR, HZ_CALC_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s has %u items, %u answer was given",
                                "%s has %u items, %u answers were given",
                                n_answers),
                   info->name, info->n_items, n_answers);
      return FALSE;
    }

  for (guint i = 0; i < n_answers; i++)
    {
      if (answers[i] < 0 || answers[i] >= HZ_SCALE_N_OPTIONS)
        {
          /* Translators: "EPDS item 3: answer 4 is not one of the four
           * answers, 0–3 (counted from the first printed)" */
          g_set_error (error, HZ_CALC_ERROR, HZ_CALC_ERROR_INVALID,
                       _("%s item %u: answer %d is not one of the four answers, 0–3 "
                         "(counted from the first printed)"),
                       info->name, i + 1, answers[i]);
          return FALSE;
        }

      result->scores[i] = (info->reversed & ITEM (i + 1)) != 0
                          ? HZ_SCALE_N_OPTIONS - 1 - answers[i]
                          : answers[i];
      result->total += result->scores[i];
    }

  if (info->self_harm_item > 0 && result->scores[info->self_harm_item - 1] > 0)
    result->alerts |= HZ_SCALE_ALERT_SELF_HARM;

  judge_total (scale, result);

  return TRUE;
}

/* The band, reading and source of result->total (and result->alerts) */
static void
judge_total (HzScale        scale,
             HzScaleResult *result)
{
  const ScaleInfo *info = &scales[scale];

  hz_threshold_interpret_score (info->loinc, result->total, &result->reading);
  result->source = hz_threshold_get_source (info->source_threshold);

  switch (scale)
    {
    case HZ_SCALE_EPDS:
      /* "Total ≥13, or any non-zero answer on item 10 (self-harm), →
       * positive" (clinical-reference.md) */
      if (result->reading.threshold == HZ_THRESHOLD_EPDS_POSITIVE ||
          (result->alerts & HZ_SCALE_ALERT_SELF_HARM) != 0)
        result->band = HZ_SCALE_BAND_POSITIVE;
      else if (result->reading.threshold == HZ_THRESHOLD_EPDS_REPEAT)
        result->band = HZ_SCALE_BAND_REPEAT;
      else
        result->band = HZ_SCALE_BAND_NEGATIVE;
      break;
    case HZ_SCALE_PHQ9:
      result->band = band_of (phq9_bands, result->total);
      break;
    case HZ_SCALE_GAD7:
      result->band = band_of (gad7_bands, result->total);
      break;
    case HZ_N_SCALES:
    default:
      g_assert_not_reached ();
    }
}

/**
 * hz_scale_judge_total:
 * @total: a recorded total
 * @self_harm: whether the self-harm item (EPDS 10, PHQ-9 9) scored above 0,
 *   as far as the record says (FALSE when the items are not at hand)
 * @result: (out caller-allocates): total, band, alerts, reading and source;
 *   no item scores
 *
 * The bands of hz_scale_score() for a total recorded without its items.
 * FALSE with HZ_CALC_ERROR_INVALID for a total outside 0 – 3 × items.
 */
gboolean
hz_scale_judge_total (HzScale         scale,
                      int             total,
                      gboolean        self_harm,
                      HzScaleResult  *result,
                      GError        **error)
{
  g_return_val_if_fail (SCALE_IS_VALID (scale), FALSE);
  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  memset (result, 0, sizeof *result);
  result->scale = scale;
  result->n_items = scales[scale].n_items;

  if (total < 0 || total > (int) scales[scale].n_items * (HZ_SCALE_N_OPTIONS - 1))
    {
      /* Translators: "EPDS total 31 is not 0–30" */
      g_set_error (error, HZ_CALC_ERROR, HZ_CALC_ERROR_INVALID, _("%s total %d is not 0–%u"),
                   scales[scale].name, total, scales[scale].n_items * (HZ_SCALE_N_OPTIONS - 1));
      return FALSE;
    }

  result->total = total;
  if (self_harm && scales[scale].self_harm_item > 0)
    result->alerts |= HZ_SCALE_ALERT_SELF_HARM;
  judge_total (scale, result);

  return TRUE;
}

const char *
hz_scale_band_to_string (HzScaleBand band)
{
  switch (band)
    {
    case HZ_SCALE_BAND_NEGATIVE:
      return "negative";
    case HZ_SCALE_BAND_REPEAT:
      return "repeat";
    case HZ_SCALE_BAND_POSITIVE:
      return "positive";
    case HZ_SCALE_BAND_NONE:
      return "none";
    case HZ_SCALE_BAND_MINIMAL:
      return "minimal";
    case HZ_SCALE_BAND_MILD:
      return "mild";
    case HZ_SCALE_BAND_MODERATE:
      return "moderate";
    case HZ_SCALE_BAND_MODERATELY_SEVERE:
      return "moderately_severe";
    case HZ_SCALE_BAND_SEVERE:
      return "severe";
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
hz_scale_band_get_display_name (HzScaleBand band)
{
  switch (band)
    {
    case HZ_SCALE_BAND_NEGATIVE:
      /* Translators: the bands of a screening scale's total */
      return _("Negative screen");
    case HZ_SCALE_BAND_REPEAT:
      return _("Repeat in 2–4 weeks");
    case HZ_SCALE_BAND_POSITIVE:
      return _("Positive screen");
    case HZ_SCALE_BAND_NONE:
      return _("No depressive symptoms");
    case HZ_SCALE_BAND_MINIMAL:
      return _("Minimal symptoms");
    case HZ_SCALE_BAND_MILD:
      return _("Mild");
    case HZ_SCALE_BAND_MODERATE:
      return _("Moderate");
    case HZ_SCALE_BAND_MODERATELY_SEVERE:
      return _("Moderately severe");
    case HZ_SCALE_BAND_SEVERE:
      return _("Severe");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
hz_scale_alert_to_string (HzScaleAlerts alert)
{
  switch (alert)
    {
    case HZ_SCALE_ALERT_SELF_HARM:
      return "self_harm";
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
hz_scale_alert_get_display_name (HzScaleAlerts alert)
{
  switch (alert)
    {
    case HZ_SCALE_ALERT_SELF_HARM:
      return _("Thoughts of self-harm: refer for assessment the same day");
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * hz_scale_item_is_reversed:
 * @item: 1-based
 *
 * Returns: whether the standard form prints item @item's answers from the
 *   one scored 3 down to the one scored 0 (EPDS items 3 and 5–10)
 */
gboolean
hz_scale_item_is_reversed (HzScale scale,
                           guint   item)
{
  g_return_val_if_fail (SCALE_IS_VALID (scale), FALSE);

  return item >= 1 && item <= scales[scale].n_items && (scales[scale].reversed & ITEM (item)) != 0;
}

guint
hz_scale_get_self_harm_item (HzScale scale)
{
  g_return_val_if_fail (SCALE_IS_VALID (scale), 0);

  return scales[scale].self_harm_item;
}

/**
 * hz_scale_get_option_score:
 * @item: 1-based
 * @position: 0-based, as the form prints the answers
 *
 * Returns: what that answer scores, 0–3, by the same rule as
 *   hz_scale_score(); -1 for no such item or answer
 */
int
hz_scale_get_option_score (HzScale scale,
                           guint   item,
                           guint   position)
{
  g_return_val_if_fail (SCALE_IS_VALID (scale), -1);

  if (item < 1 || item > scales[scale].n_items || position >= HZ_SCALE_N_OPTIONS)
    return -1;

  return hz_scale_item_is_reversed (scale, item) ? HZ_SCALE_N_OPTIONS - 1 - (int) position
                                                 : (int) position;
}
