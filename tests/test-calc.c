/* test-calc.c — BMI, gestational weight gain and the screening scales, by
 * hand-computed vectors at every boundary of clinical-reference.md
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <huizhen.h>

#include "hz-test-utils.h"

#define WEEKS(w, d) ((w) * 7 + (d))

#define SOURCE_WEIGHT_GAIN "Standard of recommendation for weight gain during pregnancy (WS/T 801-2022)"
#define SOURCE_DEPRESSION  "Expert consensus on screening, diagnosis and treatment of perinatal depression (2021)"

static void
assert_bmi (double         height_cm,
            double         weight_kg,
            const char    *text,
            HzBmiClass     bmi_class,
            HzThresholdId  threshold)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = NULL;
  HzBmi bmi;

  g_assert_true (hz_bmi_compute (height_cm, weight_kg, &bmi, &error));
  g_assert_no_error (error);
  shown = hz_bmi_format (&bmi);
  g_assert_cmpstr (shown, ==, text);
  g_assert_cmpstr (hz_bmi_class_to_string (bmi.bmi_class), ==, hz_bmi_class_to_string (bmi_class));
  g_assert_cmpint (bmi.threshold, ==, threshold);
  g_assert_cmpstr (bmi.source, ==, SOURCE_WEIGHT_GAIN);
}

/* 160 cm: h² = 1.60² = 2.56 m², so BMI = kg / 2.56 */
static void
test_bmi (void)
{
  g_autoptr(GError) error = NULL;
  HzBmi bmi;

  /* 47.1 / 2.56 = 18.398 → 18.4 < 18.5 */
  assert_bmi (160, 47.1, "18.4", HZ_BMI_UNDERWEIGHT, HZ_THRESHOLD_BMI_UNDERWEIGHT);
  /* 47.36 / 2.56 = 18.5 exactly: the lower end of normal */
  assert_bmi (160, 47.36, "18.5", HZ_BMI_NORMAL, HZ_THRESHOLD_NONE);
  /* 47.33 / 2.56 = 18.488 → shown 18.5, judged as shown: normal */
  assert_bmi (160, 47.33, "18.5", HZ_BMI_NORMAL, HZ_THRESHOLD_NONE);
  /* 61.2 / 2.56 = 23.906 → 23.9 */
  assert_bmi (160, 61.2, "23.9", HZ_BMI_NORMAL, HZ_THRESHOLD_NONE);
  /* 61.44 / 2.56 = 24.0 exactly: overweight, and written 24.0 not 24 */
  assert_bmi (160, 61.44, "24.0", HZ_BMI_OVERWEIGHT, HZ_THRESHOLD_BMI_OVERWEIGHT);
  /* 165 cm: 65.3 / 2.7225 = 23.985 → 24.0: overweight as shown */
  assert_bmi (165, 65.3, "24.0", HZ_BMI_OVERWEIGHT, HZ_THRESHOLD_BMI_OVERWEIGHT);
  /* 71.4 / 2.56 = 27.891 → 27.9 */
  assert_bmi (160, 71.4, "27.9", HZ_BMI_OVERWEIGHT, HZ_THRESHOLD_BMI_OVERWEIGHT);
  /* 71.68 / 2.56 = 28.0 (28.000000000000004 in binary): obese */
  assert_bmi (160, 71.68, "28.0", HZ_BMI_OBESE, HZ_THRESHOLD_BMI_OBESE);
  /* 180 cm, 100 kg: 100 / 3.24 = 30.864 → 30.9 */
  assert_bmi (180, 100, "30.9", HZ_BMI_OBESE, HZ_THRESHOLD_BMI_OBESE);

  /* Impossible values name themselves */
  g_assert_false (hz_bmi_compute (0, 60, &bmi, &error));
  g_assert_error (error, HZ_CALC_ERROR, HZ_CALC_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "height of 0 cm"));
  g_clear_error (&error);
  g_assert_false (hz_bmi_compute (160, 0, &bmi, &error));
  g_assert_error (error, HZ_CALC_ERROR, HZ_CALC_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "weight of 0 kg"));
  g_clear_error (&error);
  g_assert_false (hz_bmi_compute (NAN, 60, &bmi, &error));
  g_assert_error (error, HZ_CALC_ERROR, HZ_CALC_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (hz_bmi_compute (160, 301, &bmi, &error));
  g_assert_error (error, HZ_CALC_ERROR, HZ_CALC_ERROR_INVALID);
  g_clear_error (&error);

  /* The classes straight from the table's cut-offs */
  g_assert_cmpint (hz_threshold_classify_bmi (18.4), ==, HZ_BMI_UNDERWEIGHT);
  g_assert_cmpint (hz_threshold_classify_bmi (18.5), ==, HZ_BMI_NORMAL);
  g_assert_cmpint (hz_threshold_classify_bmi (23.9), ==, HZ_BMI_NORMAL);
  g_assert_cmpint (hz_threshold_classify_bmi (24.0), ==, HZ_BMI_OVERWEIGHT);
  g_assert_cmpint (hz_threshold_classify_bmi (27.9), ==, HZ_BMI_OVERWEIGHT);
  g_assert_cmpint (hz_threshold_classify_bmi (28.0), ==, HZ_BMI_OBESE);
}

/* The WS/T 801-2022 rows, in grams */
static void
test_weight_gain_table (void)
{
  static const int rows[HZ_N_BMI_CLASSES][5] = {
    /* total low, high; weekly low, mean, high */
    [HZ_BMI_UNDERWEIGHT] = { 11000, 16000, 370, 460, 560 },
    [HZ_BMI_NORMAL]      = {  8000, 14000, 260, 370, 480 },
    [HZ_BMI_OVERWEIGHT]  = {  7000, 11000, 220, 300, 370 },
    [HZ_BMI_OBESE]       = {  5000,  9000, 150, 220, 300 },
  };

  for (HzBmiClass c = 0; c < HZ_N_BMI_CLASSES; c++)
    {
      const HzWeightGainBand *band = hz_threshold_get_weight_gain (c);

      g_assert_cmpint (band->bmi_class, ==, c);
      g_assert_cmpint (band->total_low_g, ==, rows[c][0]);
      g_assert_cmpint (band->total_high_g, ==, rows[c][1]);
      g_assert_cmpint (band->weekly_low_g, ==, rows[c][2]);
      g_assert_cmpint (band->weekly_g, ==, rows[c][3]);
      g_assert_cmpint (band->weekly_high_g, ==, rows[c][4]);
      g_assert_cmpint (band->first_trimester_low_g, ==, 0);
      g_assert_cmpint (band->first_trimester_high_g, ==, 2000);
    }
  g_assert_cmpstr (hz_threshold_get_weight_gain_source (), ==, SOURCE_WEIGHT_GAIN);
}

static void
assert_expected (HzBmiClass bmi_class,
                 int        ga_days,
                 int        low_g,
                 int        high_g)
{
  int low = -1, high = -1;

  hz_gwg_expected_range (hz_threshold_get_weight_gain (bmi_class), ga_days, &low, &high);
  g_assert_cmpint (low, ==, low_g);
  g_assert_cmpint (high, ==, high_g);
}

static void
test_expected_range (void)
{
  /* First trimester: 0–2 kg at any week of it, 0+0 to 13+6 */
  assert_expected (HZ_BMI_NORMAL, WEEKS (0, 0), 0, 2000);
  assert_expected (HZ_BMI_NORMAL, WEEKS (8, 0), 0, 2000);
  assert_expected (HZ_BMI_NORMAL, WEEKS (13, 6), 0, 2000);
  /* 14+0: no week after 14+0 yet: still 0–2 kg */
  assert_expected (HZ_BMI_NORMAL, WEEKS (14, 0), 0, 2000);
  /* 14+1, normal: 260 × 1/7 = 37.1 → 40 g; 2000 + 480 × 1/7 = 2068.6 → 2070 g */
  assert_expected (HZ_BMI_NORMAL, WEEKS (14, 1), 40, 2070);
  /* 20+0 = 6 weeks after 14+0: 0.26 × 6 = 1.56; 2 + 0.48 × 6 = 4.88 */
  assert_expected (HZ_BMI_NORMAL, WEEKS (20, 0), 1560, 4880);
  /* 40+0 = 26 weeks: 0.26 × 26 = 6.76; 2 + 0.48 × 26 = 14.48 */
  assert_expected (HZ_BMI_NORMAL, WEEKS (40, 0), 6760, 14480);
  /* underweight, 30+0 = 16 weeks: 0.37 × 16 = 5.92; 2 + 0.56 × 16 = 10.96 */
  assert_expected (HZ_BMI_UNDERWEIGHT, WEEKS (30, 0), 5920, 10960);
  /* overweight, 28+0 = 14 weeks: 0.22 × 14 = 3.08; 2 + 0.37 × 14 = 7.18 */
  assert_expected (HZ_BMI_OVERWEIGHT, WEEKS (28, 0), 3080, 7180);
  /* obese, 27+6 = 97 days after 14+0: 150 × 97 / 7 = 2078.6 → 2080 g;
   * 2000 + 300 × 97 / 7 = 2000 + 4157.1 → 6160 g */
  assert_expected (HZ_BMI_OBESE, WEEKS (27, 6), 2080, 6160);
}

static void
assert_gwg (double       pre_weight_kg,
            double       weight_kg,
            int          ga_days,
            int          gain_g,
            HzGwgStatus  status)
{
  g_autoptr(GError) error = NULL;
  HzGwg gwg;

  /* 160 cm throughout */
  g_assert_true (hz_gwg_assess (160, pre_weight_kg, weight_kg, ga_days, &gwg, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gwg.gain_g, ==, gain_g);
  g_assert_cmpstr (hz_gwg_status_to_string (gwg.status), ==, hz_gwg_status_to_string (status));
  g_assert_cmpstr (gwg.source, ==, SOURCE_WEIGHT_GAIN);
}

/* Pre-pregnancy 55.0 kg at 160 cm: 55 / 2.56 = 21.48 → 21.5, normal */
static void
test_gwg_status (void)
{
  g_autoptr(GError) error = NULL;
  HzGwg gwg;

  g_assert_true (hz_gwg_assess (160, 55.0, 60.0, WEEKS (20, 0), &gwg, &error));
  g_assert_cmpint (gwg.bmi.tenths, ==, 215);
  g_assert_cmpint (gwg.bmi.bmi_class, ==, HZ_BMI_NORMAL);
  g_assert_true (gwg.band == hz_threshold_get_weight_gain (HZ_BMI_NORMAL));
  g_assert_cmpint (gwg.expected_low_g, ==, 1560);
  g_assert_cmpint (gwg.expected_high_g, ==, 4880);
  /* 60.0 − 55.0 = 5.0 > 4.88 */
  g_assert_cmpint (gwg.gain_g, ==, 5000);
  g_assert_cmpint (gwg.status, ==, HZ_GWG_ABOVE);

  /* 13+6, band 0–2.0 kg: both ends within, 10 g past them not */
  assert_gwg (55.0, 55.0, WEEKS (13, 6), 0, HZ_GWG_WITHIN);
  assert_gwg (55.0, 54.99, WEEKS (13, 6), -10, HZ_GWG_BELOW);
  assert_gwg (55.0, 57.0, WEEKS (13, 6), 2000, HZ_GWG_WITHIN);
  assert_gwg (55.0, 57.01, WEEKS (13, 6), 2010, HZ_GWG_ABOVE);
  /* 14+0: the same band */
  assert_gwg (55.0, 57.0, WEEKS (14, 0), 2000, HZ_GWG_WITHIN);
  assert_gwg (55.0, 57.01, WEEKS (14, 0), 2010, HZ_GWG_ABOVE);
  /* 14+1, 0.04–2.07 kg */
  assert_gwg (55.0, 55.03, WEEKS (14, 1), 30, HZ_GWG_BELOW);
  assert_gwg (55.0, 55.04, WEEKS (14, 1), 40, HZ_GWG_WITHIN);
  assert_gwg (55.0, 57.07, WEEKS (14, 1), 2070, HZ_GWG_WITHIN);
  assert_gwg (55.0, 57.08, WEEKS (14, 1), 2080, HZ_GWG_ABOVE);
  /* 20+0, 1.56–4.88 kg */
  assert_gwg (55.0, 56.55, WEEKS (20, 0), 1550, HZ_GWG_BELOW);
  assert_gwg (55.0, 56.56, WEEKS (20, 0), 1560, HZ_GWG_WITHIN);
  assert_gwg (55.0, 59.88, WEEKS (20, 0), 4880, HZ_GWG_WITHIN);
  assert_gwg (55.0, 59.89, WEEKS (20, 0), 4890, HZ_GWG_ABOVE);
  /* 60.3 − 55.0 in binary is 5.2999…: still 5.30 kg */
  assert_gwg (55.0, 60.3, WEEKS (40, 0), 5300, HZ_GWG_BELOW);
  /* Obese (75 / 2.56 = 29.3) at 27+6, 2.08–6.16 kg */
  assert_gwg (75.0, 77.07, WEEKS (27, 6), 2070, HZ_GWG_BELOW);
  assert_gwg (75.0, 77.08, WEEKS (27, 6), 2080, HZ_GWG_WITHIN);
  assert_gwg (75.0, 81.16, WEEKS (27, 6), 6160, HZ_GWG_WITHIN);
  assert_gwg (75.0, 81.17, WEEKS (27, 6), 6170, HZ_GWG_ABOVE);

  /* Out of range: a GA after 42+6, a height of 0 */
  g_assert_false (hz_gwg_assess (160, 55, 60, WEEKS (43, 0), &gwg, &error));
  g_assert_error (error, HZ_CALC_ERROR, HZ_CALC_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "43w0d"));
  g_clear_error (&error);
  g_assert_false (hz_gwg_assess (160, 55, 60, -1, &gwg, &error));
  g_assert_error (error, HZ_CALC_ERROR, HZ_CALC_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (hz_gwg_assess (0, 55, 60, WEEKS (20, 0), &gwg, &error));
  g_assert_error (error, HZ_CALC_ERROR, HZ_CALC_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "height of 0 cm"));
}

static void
test_format_kg (void)
{
  static const struct { int grams; const char *text; } cases[] = {
    { 8000, "8.0" }, { 14000, "14.0" }, { 6760, "6.76" }, { 14480, "14.48" },
    { 2070, "2.07" }, { 40, "0.04" }, { 0, "0.0" }, { -500, "-0.5" }, { -10, "-0.01" },
    { 1995, "2.0" },  /* not a multiple of 10 g: rounded */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = hz_calc_format_kg (cases[i].grams);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
assert_score (HzScale             scale,
              const int          *answers,
              guint               n,
              int                 total,
              const char         *band,
              HzScaleAlerts       alerts)
{
  g_autoptr(GError) error = NULL;
  HzScaleResult result;

  g_assert_true (hz_scale_score (scale, answers, n, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (result.total, ==, total);
  g_assert_cmpstr (hz_scale_band_to_string (result.band), ==, band);
  g_assert_cmpint (result.alerts, ==, alerts);
  g_assert_cmpstr (result.source, ==, SOURCE_DEPRESSION);
}

#define SCORE(scale, total, band, alerts, ...) \
  G_STMT_START { \
    const int a_[] = { __VA_ARGS__ }; \
    assert_score ((scale), a_, G_N_ELEMENTS (a_), (total), (band), (alerts)); \
  } G_STMT_END

/* EPDS answers are positions on the form; items 3 and 5–10 print 3 down to
 * 0, so there position p scores 3 − p; items 1, 2, 4 score p. */
static void
test_epds (void)
{
  g_autoptr(GError) error = NULL;
  HzScaleResult result;
  const int nine[9] = { 0 };
  const int four[10] = { 0, 0, 4, 0, 0, 0, 0, 0, 0, 0 };

  /* 0: items 1, 2, 4 at 0 (score 0), the reversed items at 3 (score 0) */
  SCORE (HZ_SCALE_EPDS, 0, "negative", 0, 0, 0, 3, 0, 3, 3, 3, 3, 3, 3);
  /* 9: every answer the last printed: 3 + 3 + 0 + 3 + 0 × 6 = 9 (not 30:
   * a scale without reverse scoring fails here) */
  SCORE (HZ_SCALE_EPDS, 9, "negative", 0, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3);
  /* 10: item 3 at position 2 scores 1: 9 + 1 */
  SCORE (HZ_SCALE_EPDS, 10, "repeat", 0, 3, 3, 2, 3, 3, 3, 3, 3, 3, 3);
  /* 12: item 3 at position 0 scores 3: 9 + 3 */
  SCORE (HZ_SCALE_EPDS, 12, "repeat", 0, 3, 3, 0, 3, 3, 3, 3, 3, 3, 3);
  /* 13: and item 5 at position 2 scores 1: 12 + 1 */
  SCORE (HZ_SCALE_EPDS, 13, "positive", 0, 3, 3, 0, 3, 2, 3, 3, 3, 3, 3);
  /* item 10 = 1 (position 2, "hardly ever"), all else 0: total 1, positive, self-harm */
  SCORE (HZ_SCALE_EPDS, 1, "positive", HZ_SCALE_ALERT_SELF_HARM, 0, 0, 3, 0, 3, 3, 3, 3, 3, 2);
  /* item 10 at position 0 ("yes, quite often") scores 3 */
  SCORE (HZ_SCALE_EPDS, 3, "positive", HZ_SCALE_ALERT_SELF_HARM, 0, 0, 3, 0, 3, 3, 3, 3, 3, 0);
  /* 30: every item at its highest score */
  SCORE (HZ_SCALE_EPDS, 30, "positive", HZ_SCALE_ALERT_SELF_HARM, 3, 3, 0, 3, 0, 0, 0, 0, 0, 0);

  /* The reading and its source from the thresholds table */
  {
    const int answers[10] = { 3, 3, 0, 3, 2, 3, 3, 3, 3, 3 };

    g_assert_true (hz_scale_score (HZ_SCALE_EPDS, answers, 10, &result, NULL));
    g_assert_cmpint (result.reading.threshold, ==, HZ_THRESHOLD_EPDS_POSITIVE);
    g_assert_cmpstr (result.reading.label, ==, "Positive screen, refer for assessment");
    g_assert_cmpint (result.scores[2], ==, 3);
    g_assert_cmpint (result.scores[4], ==, 1);
  }

  /* nine answers, an answer of 4 */
  g_assert_false (hz_scale_score (HZ_SCALE_EPDS, nine, 9, &result, &error));
  g_assert_error (error, HZ_CALC_ERROR, HZ_CALC_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "EPDS has 10 items, 9 answers were given");
  g_clear_error (&error);
  g_assert_false (hz_scale_score (HZ_SCALE_EPDS, four, 10, &result, &error));
  g_assert_error (error, HZ_CALC_ERROR, HZ_CALC_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "EPDS item 3: answer 4 is not one of the four answers, 0–3 (counted from the first printed)");
}

static void
test_phq9 (void)
{
  g_autoptr(GError) error = NULL;
  HzScaleResult result;
  const int minus[9] = { 0, 0, 0, 0, -1, 0, 0, 0, 0 };

  /* PHQ-9 scores each position as printed, 0–3 */
  SCORE (HZ_SCALE_PHQ9, 0, "none", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  SCORE (HZ_SCALE_PHQ9, 4, "none", 0, 3, 1, 0, 0, 0, 0, 0, 0, 0);
  SCORE (HZ_SCALE_PHQ9, 5, "mild", 0, 3, 2, 0, 0, 0, 0, 0, 0, 0);
  SCORE (HZ_SCALE_PHQ9, 9, "mild", 0, 3, 3, 3, 0, 0, 0, 0, 0, 0);
  SCORE (HZ_SCALE_PHQ9, 10, "moderate", 0, 3, 3, 3, 1, 0, 0, 0, 0, 0);
  /* 14 = 3 + 3 + 3 + 3 + 2 */
  SCORE (HZ_SCALE_PHQ9, 14, "moderate", 0, 3, 3, 3, 3, 2, 0, 0, 0, 0);
  /* 15 = 3 × 5 */
  SCORE (HZ_SCALE_PHQ9, 15, "moderately_severe", 0, 3, 3, 3, 3, 3, 0, 0, 0, 0);
  SCORE (HZ_SCALE_PHQ9, 19, "moderately_severe", 0, 3, 3, 3, 3, 3, 3, 1, 0, 0);
  /* 20 = 3 × 6 + 2, item 9 zero */
  SCORE (HZ_SCALE_PHQ9, 20, "severe", 0, 3, 3, 3, 3, 3, 3, 2, 0, 0);
  /* item 9 = 1: an alert whatever the total */
  SCORE (HZ_SCALE_PHQ9, 1, "none", HZ_SCALE_ALERT_SELF_HARM, 0, 0, 0, 0, 0, 0, 0, 0, 1);
  SCORE (HZ_SCALE_PHQ9, 27, "severe", HZ_SCALE_ALERT_SELF_HARM, 3, 3, 3, 3, 3, 3, 3, 3, 3);

  g_assert_false (hz_scale_score (HZ_SCALE_PHQ9, minus, 9, &result, &error));
  g_assert_error (error, HZ_CALC_ERROR, HZ_CALC_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "PHQ-9 item 5: answer -1"));
}

static void
test_gad7 (void)
{
  SCORE (HZ_SCALE_GAD7, 4, "minimal", 0, 1, 1, 1, 1, 0, 0, 0);
  SCORE (HZ_SCALE_GAD7, 5, "mild", 0, 1, 1, 1, 1, 1, 0, 0);
  SCORE (HZ_SCALE_GAD7, 9, "mild", 0, 3, 3, 3, 0, 0, 0, 0);
  SCORE (HZ_SCALE_GAD7, 10, "moderate", 0, 3, 3, 3, 1, 0, 0, 0);
  SCORE (HZ_SCALE_GAD7, 14, "moderate", 0, 3, 3, 3, 3, 2, 0, 0);
  SCORE (HZ_SCALE_GAD7, 15, "severe", 0, 3, 3, 3, 3, 3, 0, 0);
  /* no self-harm item on GAD-7 */
  SCORE (HZ_SCALE_GAD7, 21, "severe", 0, 3, 3, 3, 3, 3, 3, 3);
}

static void
test_names (void)
{
  HzScale scale = HZ_N_SCALES;

  g_assert_true (hz_scale_from_string ("phq9", &scale));
  g_assert_cmpint (scale, ==, HZ_SCALE_PHQ9);
  g_assert_false (hz_scale_from_string ("phq-9", &scale));
  g_assert_cmpuint (hz_scale_get_n_items (HZ_SCALE_EPDS), ==, 10);
  g_assert_cmpuint (hz_scale_get_n_items (HZ_SCALE_GAD7), ==, 7);
  g_assert_cmpstr (hz_scale_get_loinc (HZ_SCALE_EPDS), ==, HZ_LOINC_EPDS_TOTAL);
  g_assert_cmpstr (hz_trimester_to_string (hz_ga_trimester (WEEKS (13, 6))), ==, "early");
  g_assert_cmpstr (hz_trimester_to_string (hz_ga_trimester (WEEKS (14, 0))), ==, "mid");
  g_assert_cmpstr (hz_trimester_to_string (hz_ga_trimester (WEEKS (28, 0))), ==, "late");
  g_assert_cmpstr (hz_dating_method_to_string (HZ_DATING_CRL), ==, "crl");
}

/* The clinicians' words (clinical-reference.md), in zh_CN */
static void
test_zh_cn (void)
{
  if (!hz_test_run_in_zh_cn ())
    return;

  g_assert_cmpstr (hz_bmi_class_get_display_name (HZ_BMI_UNDERWEIGHT), ==, "体重过低");
  g_assert_cmpstr (hz_bmi_class_get_display_name (HZ_BMI_NORMAL), ==, "正常体重");
  g_assert_cmpstr (hz_bmi_class_get_display_name (HZ_BMI_OVERWEIGHT), ==, "超重");
  g_assert_cmpstr (hz_bmi_class_get_display_name (HZ_BMI_OBESE), ==, "肥胖");
  g_assert_cmpstr (hz_threshold_get_weight_gain_source (), ==,
                   "《妊娠期妇女体重增长推荐值标准》（WS/T 801-2022）");
  g_assert_cmpstr (hz_gwg_status_get_display_name (HZ_GWG_WITHIN), ==, "孕期增重适宜");
  g_assert_cmpstr (hz_scale_band_get_display_name (HZ_SCALE_BAND_POSITIVE), ==, "筛查阳性");
  g_assert_cmpstr (hz_scale_alert_get_display_name (HZ_SCALE_ALERT_SELF_HARM), ==,
                   "有自伤念头，需当天转诊评估");
  g_assert_cmpstr (hz_trimester_get_display_name (HZ_TRIMESTER_SECOND), ==, "孕中期");
}

/* The corners of the band the weight-gain chart draws: flat 0–2 kg to
 * 13+6, the weekly range from 14+0 on, to 40+0 */
static void
test_band_outline (void)
{
  const HzWeightGainBand *normal = hz_threshold_get_weight_gain (HZ_BMI_NORMAL);
  const HzWeightGainBand *obese = hz_threshold_get_weight_gain (HZ_BMI_OBESE);
  HzGwgBandPoint points[HZ_GWG_BAND_MAX_POINTS];

  g_assert_cmpuint (hz_gwg_band_outline (normal, WEEKS (40, 0), points), ==, 4);
  g_assert_cmpint (points[0].ga_days, ==, 0);
  g_assert_cmpint (points[0].low_g, ==, 0);
  g_assert_cmpint (points[0].high_g, ==, 2000);
  g_assert_cmpint (points[1].ga_days, ==, WEEKS (13, 6));
  g_assert_cmpint (points[1].low_g, ==, 0);
  g_assert_cmpint (points[1].high_g, ==, 2000);
  g_assert_cmpint (points[2].ga_days, ==, WEEKS (14, 0));
  g_assert_cmpint (points[2].low_g, ==, 0);
  g_assert_cmpint (points[2].high_g, ==, 2000);
  /* 26 weeks after 14+0: 0.26 × 26 = 6.76 kg, 2 + 0.48 × 26 = 14.48 kg */
  g_assert_cmpint (points[3].ga_days, ==, WEEKS (40, 0));
  g_assert_cmpint (points[3].low_g, ==, 6760);
  g_assert_cmpint (points[3].high_g, ==, 14480);

  /* obese: 0.15 × 26 = 3.90 kg, 2 + 0.30 × 26 = 9.80 kg */
  g_assert_cmpuint (hz_gwg_band_outline (obese, WEEKS (40, 0), points), ==, 4);
  g_assert_cmpint (points[3].low_g, ==, 3900);
  g_assert_cmpint (points[3].high_g, ==, 9800);

  /* a chart must reach the second trimester */
  g_assert_cmpuint (hz_gwg_band_outline (obese, WEEKS (13, 6), points), ==, 0);
}

/* Points at the band's edges are within; 10 g beyond is flagged */
static void
test_gwg_judge_edges (void)
{
  const HzWeightGainBand *obese = hz_threshold_get_weight_gain (HZ_BMI_OBESE);
  int low = -1, high = -1;

  /* 13+6: 0–2 kg */
  g_assert_cmpint (hz_gwg_judge (obese, WEEKS (13, 6), 2000, &low, &high), ==, HZ_GWG_WITHIN);
  g_assert_cmpint (low, ==, 0);
  g_assert_cmpint (high, ==, 2000);
  g_assert_cmpint (hz_gwg_judge (obese, WEEKS (13, 6), 2010, NULL, NULL), ==, HZ_GWG_ABOVE);
  g_assert_cmpint (hz_gwg_judge (obese, WEEKS (13, 6), 0, NULL, NULL), ==, HZ_GWG_WITHIN);
  g_assert_cmpint (hz_gwg_judge (obese, WEEKS (13, 6), -10, NULL, NULL), ==, HZ_GWG_BELOW);
  /* 28+0, 14 weeks after 14+0: 0.15 × 14 = 2.10 kg to 2 + 0.30 × 14 = 6.20 kg */
  g_assert_cmpint (hz_gwg_judge (obese, WEEKS (28, 0), 6200, &low, &high), ==, HZ_GWG_WITHIN);
  g_assert_cmpint (low, ==, 2100);
  g_assert_cmpint (high, ==, 6200);
  g_assert_cmpint (hz_gwg_judge (obese, WEEKS (28, 0), 6210, NULL, NULL), ==, HZ_GWG_ABOVE);
  g_assert_cmpint (hz_gwg_judge (obese, WEEKS (28, 0), 2100, NULL, NULL), ==, HZ_GWG_WITHIN);
  g_assert_cmpint (hz_gwg_judge (obese, WEEKS (28, 0), 2090, NULL, NULL), ==, HZ_GWG_BELOW);
  /* 40+0: 3.90–9.80 kg */
  g_assert_cmpint (hz_gwg_judge (obese, WEEKS (40, 0), 9800, NULL, NULL), ==, HZ_GWG_WITHIN);
  g_assert_cmpint (hz_gwg_judge (obese, WEEKS (40, 0), 9810, NULL, NULL), ==, HZ_GWG_ABOVE);
}

/* The weekly gain between two weights, and its judgement */
static void
test_gwg_weekly (void)
{
  const HzWeightGainBand *obese = hz_threshold_get_weight_gain (HZ_BMI_OBESE);
  int rate = 0;

  /* 0.6 kg in 2 weeks: 0.30 kg/week, the obese range's upper end */
  g_assert_true (hz_gwg_weekly_gain (WEEKS (26, 0), 5000, WEEKS (28, 0), 5600, &rate));
  g_assert_cmpint (rate, ==, 300);
  g_assert_cmpint (hz_gwg_judge_weekly (obese, rate), ==, HZ_GWG_WITHIN);
  g_assert_true (hz_gwg_weekly_gain (WEEKS (26, 0), 5000, WEEKS (28, 0), 5620, &rate));
  g_assert_cmpint (rate, ==, 310);
  g_assert_cmpint (hz_gwg_judge_weekly (obese, rate), ==, HZ_GWG_ABOVE);
  /* 0.15 within, 0.14 below */
  g_assert_cmpint (hz_gwg_judge_weekly (obese, 150), ==, HZ_GWG_WITHIN);
  g_assert_cmpint (hz_gwg_judge_weekly (obese, 140), ==, HZ_GWG_BELOW);
  /* 0.4 kg over 3 days: 0.93 kg/week; a loss is negative */
  g_assert_true (hz_gwg_weekly_gain (WEEKS (30, 0), 8000, WEEKS (30, 3), 8400, &rate));
  g_assert_cmpint (rate, ==, 930);
  g_assert_true (hz_gwg_weekly_gain (WEEKS (30, 0), 8000, WEEKS (31, 0), 7700, &rate));
  g_assert_cmpint (rate, ==, -300);
  /* the same day, or the wrong way round: no rate */
  g_assert_false (hz_gwg_weekly_gain (WEEKS (30, 0), 8000, WEEKS (30, 0), 8400, &rate));
  g_assert_false (hz_gwg_weekly_gain (WEEKS (31, 0), 8000, WEEKS (30, 0), 8400, &rate));
}

/* What a clinician types for a weight or a glucose */
static void
test_parse_values (void)
{
  g_autoptr(GError) error = NULL;
  double v = 0;

  g_assert_true (hz_weight_parse_kg ("62.4", &v, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (v, ==, 62.4);
  g_assert_true (hz_weight_parse_kg (" 20 ", &v, NULL));
  g_assert_cmpfloat (v, ==, 20);
  g_assert_false (hz_weight_parse_kg ("", &v, &error));
  g_assert_error (error, HZ_CALC_ERROR, HZ_CALC_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (hz_weight_parse_kg ("62,4", &v, &error));
  g_assert_error (error, HZ_CALC_ERROR, HZ_CALC_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (hz_weight_parse_kg ("19.9", &v, &error));
  g_assert_cmpstr (error->message, ==, "A weight of 19.9 kg is not possible: give 20–300 kg");
  g_clear_error (&error);

  g_assert_true (hz_glucose_parse_mmol ("1.0", &v, NULL));
  g_assert_cmpfloat (v, ==, 1.0);
  g_assert_true (hz_glucose_parse_mmol ("33.3", &v, NULL));
  g_assert_cmpfloat (v, ==, 33.3);
  g_assert_false (hz_glucose_parse_mmol ("0.9", &v, &error));
  g_assert_cmpstr (error->message, ==, "A glucose of 0.9 mmol/L is not possible: give 1.0–33.3 mmol/L");
  g_clear_error (&error);
  g_assert_false (hz_glucose_parse_mmol ("33.4", &v, &error));
  g_assert_error (error, HZ_CALC_ERROR, HZ_CALC_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (hz_glucose_parse_mmol ("abc", &v, &error));
  g_assert_cmpstr (error->message, ==, "“abc” is not a glucose value: enter a number of mmol/L, e.g. 5.6");
  g_clear_error (&error);
  g_assert_false (hz_glucose_parse_mmol ("-5", &v, &error));
  g_clear_error (&error);
  g_assert_false (hz_glucose_parse_mmol ("   ", &v, &error));
  g_assert_cmpstr (error->message, ==, "Enter the glucose in mmol/L");
}

/* A reading of the glucose log as docs/data-model.md writes it */
static void
test_glucose_reading (void)
{
  static const char json[] =
    "{\"resourceType\": \"Observation\", \"id\": \"g1\", \"status\": \"final\","
    " \"code\": {\"coding\": [{\"system\": \"http://loinc.org\", \"code\": \"14760-3\"},"
    "   {\"system\": \"https://huizhen.github.io/fhir/CodeSystem/glucose-slot\", \"code\": \"2h-post-meal\"}]},"
    " \"effectiveDateTime\": \"2026-11-21T09:10:00+08:00\","
    " \"valueQuantity\": {\"value\": 6.7, \"unit\": \"mmol/L\", \"code\": \"mmol/L\"},"
    " \"component\": [{\"code\": {\"coding\": [{\"system\": \"https://huizhen.github.io/fhir/CodeSystem/observation\", \"code\": \"meal\"}]},"
    "   \"valueCodeableConcept\": {\"coding\": [{\"system\": \"https://huizhen.github.io/fhir/CodeSystem/meal\", \"code\": \"lunch\"}]}}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(HzResource) resource = hz_resource_new_from_data (json, -1, &error);
  HzGlucoseReading reading;
  HzThresholdResult result;

  g_assert_no_error (error);
  g_assert_true (hz_glucose_reading_read (hz_resource_get_value (resource), &reading));
  g_assert_cmpint (reading.slot, ==, HZ_GLUCOSE_SLOT_2H);
  g_assert_cmpint (reading.meal, ==, HZ_MEAL_LUNCH);
  g_assert_cmpfloat (reading.mmol_l, ==, 6.7);
  hz_glucose_reading_judge (&reading, &result);
  g_assert_cmpint (result.threshold, ==, HZ_THRESHOLD_GLUCOSE_TARGET_2H);

  g_assert_cmpstr (hz_glucose_slot_get_loinc (HZ_GLUCOSE_SLOT_FASTING), ==, "14770-2");
  g_assert_cmpstr (hz_glucose_slot_get_loinc (HZ_GLUCOSE_SLOT_1H), ==, "14743-9");
  g_assert_cmpstr (hz_glucose_slot_get_loinc (HZ_GLUCOSE_SLOT_2H), ==, "14760-3");
  g_assert_cmpstr (hz_glucose_slot_to_string (HZ_GLUCOSE_SLOT_1H), ==, "1h-post-meal");
  g_assert_cmpstr (hz_meal_to_string (HZ_MEAL_DINNER), ==, "dinner");
  g_assert_null (hz_meal_to_string (HZ_MEAL_NONE));
}

int
main (int   argc,
      char *argv[])
{
  hz_test_i18n_init (argc, argv);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/huizhen/calc/bmi", test_bmi);
  g_test_add_func ("/huizhen/calc/weight-gain-table", test_weight_gain_table);
  g_test_add_func ("/huizhen/calc/expected-range", test_expected_range);
  g_test_add_func ("/huizhen/calc/gwg-status", test_gwg_status);
  g_test_add_func ("/huizhen/calc/format-kg", test_format_kg);
  g_test_add_func ("/huizhen/calc/gwg-band-outline", test_band_outline);
  g_test_add_func ("/huizhen/calc/gwg-judge-edges", test_gwg_judge_edges);
  g_test_add_func ("/huizhen/calc/gwg-weekly", test_gwg_weekly);
  g_test_add_func ("/huizhen/calc/parse-values", test_parse_values);
  g_test_add_func ("/huizhen/calc/glucose-reading", test_glucose_reading);
  g_test_add_func ("/huizhen/calc/epds", test_epds);
  g_test_add_func ("/huizhen/calc/phq9", test_phq9);
  g_test_add_func ("/huizhen/calc/gad7", test_gad7);
  g_test_add_func ("/huizhen/calc/names", test_names);
  g_test_add_func ("/huizhen/calc/zh_CN", test_zh_cn);

  return g_test_run ();
}
