/* test-schedule.c — due items (hz-schedule) and trend maths (hz-trend) at their boundaries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <huizhen.h>

/* LMP 2024-01-01 throughout: GA (w+d) falls on LMP + 7w + d. */
#define LMP_Y 2024
#define LMP_M 1
#define LMP_D 1

static void
date_at_ga (GDate *date,
            int    weeks,
            int    days)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date, LMP_D, LMP_M, LMP_Y);
  g_date_add_days (date, weeks * 7 + days);
}

static void
dating_by_lmp (HzDating    *dating,
               const GDate *delivery)
{
  GDate lmp;

  g_date_clear (&lmp, 1);
  g_date_set_dmy (&lmp, LMP_D, LMP_M, LMP_Y);
  hz_dating_compute (dating, &lmp, NULL, 0, NULL, 0, NULL, delivery);
}

static HzScheduleFact
fact_at_ga (HzScreen screen,
            int      weeks,
            int      days,
            int      score)
{
  HzScheduleFact fact;

  fact.screen = screen;
  date_at_ga (&fact.date, weeks, days);
  fact.score = score;
  return fact;
}

static const HzDueItem *
find_rule (GPtrArray *items,
           HzDueRule  rule)
{
  for (guint i = 0; i < items->len; i++)
    {
      const HzDueItem *item = g_ptr_array_index (items, i);

      if (item->rule == rule)
        return item;
    }
  return NULL;
}

/* Status of @rule on GA @weeks+@days, or -1 when the item is left out. */
static int
status_at (const HzDating       *dating,
           const HzScheduleFact *facts,
           guint                 n_facts,
           HzDueRule             rule,
           int                   weeks,
           int                   days)
{
  g_autoptr(GPtrArray) items = NULL;
  const HzDueItem *item;
  GDate today;

  date_at_ga (&today, weeks, days);
  items = hz_schedule_compute (dating, facts, n_facts, &today);
  item = find_rule (items, rule);
  return item != NULL ? (int) item->status : -1;
}

static void
test_nt_window (void)
{
  HzDating dating;
  g_autoptr(GPtrArray) items = NULL;
  const HzDueItem *nt;
  GDate today;

  dating_by_lmp (&dating, NULL);

  /* 10+6 upcoming, 11+0 and 13+6 due, 14+0 missed (it cannot be caught up) */
  g_assert_cmpint (status_at (&dating, NULL, 0, HZ_DUE_RULE_NT_SCREENING, 10, 6), ==, HZ_DUE_STATUS_UPCOMING);
  g_assert_cmpint (status_at (&dating, NULL, 0, HZ_DUE_RULE_NT_SCREENING, 11, 0), ==, HZ_DUE_STATUS_DUE);
  g_assert_cmpint (status_at (&dating, NULL, 0, HZ_DUE_RULE_NT_SCREENING, 13, 6), ==, HZ_DUE_STATUS_DUE);
  g_assert_cmpint (status_at (&dating, NULL, 0, HZ_DUE_RULE_NT_SCREENING, 14, 0), ==, HZ_DUE_STATUS_MISSED);

  date_at_ga (&today, 12, 0);
  items = hz_schedule_compute (&dating, NULL, 0, &today);
  nt = find_rule (items, HZ_DUE_RULE_NT_SCREENING);
  g_assert_nonnull (nt);
  g_assert_true (nt->has_ga);
  g_assert_cmpint (nt->start_ga, ==, 77);
  g_assert_cmpint (nt->end_ga, ==, 97);
  /* 2024-01-01 + 77 days = 2024-03-18; + 97 = 2024-04-07 */
  g_assert_cmpint (g_date_get_month (&nt->start), ==, 3);
  g_assert_cmpint (g_date_get_day (&nt->start), ==, 18);
  g_assert_cmpint (g_date_get_month (&nt->end), ==, 4);
  g_assert_cmpint (g_date_get_day (&nt->end), ==, 7);
  g_assert_cmpint (nt->team, ==, HZ_TEAM_OBSTETRICS);
  g_assert_false (nt->optional);
  g_assert_nonnull (nt->title);
  g_assert_nonnull (nt->source);
  g_assert_cmpstr (hz_due_rule_to_string (nt->rule), ==, "nt");

  {
    g_autofree char *window = hz_due_item_format_window (nt);

    g_assert_cmpstr (window, ==, "11w0d – 13w6d (2024-03-18 – 2024-04-07)");
  }
}

static void
test_nt_done (void)
{
  HzDating dating;
  HzScheduleFact late_scan = fact_at_ga (HZ_SCREEN_NT, 14, 2, -1);
  HzScheduleFact before_lmp = late_scan;
  g_autoptr(GPtrArray) items = NULL;
  const HzDueItem *nt;
  GDate today;

  dating_by_lmp (&dating, NULL);

  /* A scan done late still counts as done; its date is kept. */
  date_at_ga (&today, 20, 0);
  items = hz_schedule_compute (&dating, &late_scan, 1, &today);
  nt = find_rule (items, HZ_DUE_RULE_NT_SCREENING);
  g_assert_cmpint (nt->status, ==, HZ_DUE_STATUS_DONE);
  g_assert_true (g_date_valid (&nt->done_date));
  g_assert_cmpint (g_date_compare (&nt->done_date, &late_scan.date), ==, 0);

  /* A scan dated before this pregnancy does not. */
  g_date_subtract_days (&before_lmp.date, 200);
  g_assert_cmpint (status_at (&dating, &before_lmp, 1, HZ_DUE_RULE_NT_SCREENING, 20, 0),
                   ==, HZ_DUE_STATUS_MISSED);
}

static void
test_ogtt_window (void)
{
  HzDating dating;
  HzScheduleFact ogtt = fact_at_ga (HZ_SCREEN_OGTT, 25, 0, -1);

  dating_by_lmp (&dating, NULL);

  g_assert_cmpint (status_at (&dating, NULL, 0, HZ_DUE_RULE_OGTT, 23, 6), ==, HZ_DUE_STATUS_UPCOMING);
  g_assert_cmpint (status_at (&dating, NULL, 0, HZ_DUE_RULE_OGTT, 24, 0), ==, HZ_DUE_STATUS_DUE);
  g_assert_cmpint (status_at (&dating, NULL, 0, HZ_DUE_RULE_OGTT, 28, 6), ==, HZ_DUE_STATUS_DUE);
  g_assert_cmpint (status_at (&dating, NULL, 0, HZ_DUE_RULE_OGTT, 29, 0), ==, HZ_DUE_STATUS_OVERDUE);
  g_assert_cmpint (status_at (&dating, &ogtt, 1, HZ_DUE_RULE_OGTT, 29, 0), ==, HZ_DUE_STATUS_DONE);
}

static void
test_invasive_procedures (void)
{
  HzDating dating;

  dating_by_lmp (&dating, NULL);

  /* CVS 10+0–13+6, only when indicated: never "overdue", just gone. */
  g_assert_cmpint (status_at (&dating, NULL, 0, HZ_DUE_RULE_CVS, 9, 6), ==, HZ_DUE_STATUS_UPCOMING);
  g_assert_cmpint (status_at (&dating, NULL, 0, HZ_DUE_RULE_CVS, 10, 0), ==, HZ_DUE_STATUS_DUE);
  g_assert_cmpint (status_at (&dating, NULL, 0, HZ_DUE_RULE_CVS, 13, 6), ==, HZ_DUE_STATUS_DUE);
  g_assert_cmpint (status_at (&dating, NULL, 0, HZ_DUE_RULE_CVS, 14, 0), ==, -1);

  /* Amniocentesis from 16+0 (to 22+6). */
  g_assert_cmpint (status_at (&dating, NULL, 0, HZ_DUE_RULE_AMNIOCENTESIS, 15, 6), ==, HZ_DUE_STATUS_UPCOMING);
  g_assert_cmpint (status_at (&dating, NULL, 0, HZ_DUE_RULE_AMNIOCENTESIS, 16, 0), ==, HZ_DUE_STATUS_DUE);
  g_assert_cmpint (status_at (&dating, NULL, 0, HZ_DUE_RULE_AMNIOCENTESIS, 22, 6), ==, HZ_DUE_STATUS_DUE);
  g_assert_cmpint (status_at (&dating, NULL, 0, HZ_DUE_RULE_AMNIOCENTESIS, 23, 0), ==, -1);

  {
    HzScheduleFact amnio = fact_at_ga (HZ_SCREEN_AMNIOCENTESIS, 18, 0, -1);

    g_assert_cmpint (status_at (&dating, &amnio, 1, HZ_DUE_RULE_AMNIOCENTESIS, 30, 0),
                     ==, HZ_DUE_STATUS_DONE);
  }
}

static void
test_mental_health_periods (void)
{
  HzDating dating;
  /* 13+6 is early pregnancy, 14+0 mid, 27+6 mid, 28+0 late. */
  HzScheduleFact early_edge = fact_at_ga (HZ_SCREEN_EPDS, 13, 6, 4);
  HzScheduleFact mid_edge = fact_at_ga (HZ_SCREEN_PHQ9, 14, 0, 3);
  HzScheduleFact mid_end = fact_at_ga (HZ_SCREEN_GAD7, 27, 6, 2);
  HzScheduleFact late_start = fact_at_ga (HZ_SCREEN_EPDS, 28, 0, 5);

  dating_by_lmp (&dating, NULL);

  g_assert_cmpint (status_at (&dating, NULL, 0, HZ_DUE_RULE_MENTAL_EARLY, 5, 0), ==, HZ_DUE_STATUS_DUE);
  g_assert_cmpint (status_at (&dating, NULL, 0, HZ_DUE_RULE_MENTAL_EARLY, 14, 0), ==, HZ_DUE_STATUS_MISSED);
  g_assert_cmpint (status_at (&dating, NULL, 0, HZ_DUE_RULE_MENTAL_MID, 13, 6), ==, HZ_DUE_STATUS_UPCOMING);
  g_assert_cmpint (status_at (&dating, NULL, 0, HZ_DUE_RULE_MENTAL_MID, 14, 0), ==, HZ_DUE_STATUS_DUE);
  g_assert_cmpint (status_at (&dating, NULL, 0, HZ_DUE_RULE_MENTAL_LATE, 27, 6), ==, HZ_DUE_STATUS_UPCOMING);
  g_assert_cmpint (status_at (&dating, NULL, 0, HZ_DUE_RULE_MENTAL_LATE, 28, 0), ==, HZ_DUE_STATUS_DUE);
  g_assert_cmpint (status_at (&dating, NULL, 0, HZ_DUE_RULE_MENTAL_LATE, 41, 6), ==, HZ_DUE_STATUS_DUE);
  g_assert_cmpint (status_at (&dating, NULL, 0, HZ_DUE_RULE_MENTAL_LATE, 42, 0), ==, HZ_DUE_STATUS_MISSED);

  /* A screen at 13+6 counts for early pregnancy only. */
  g_assert_cmpint (status_at (&dating, &early_edge, 1, HZ_DUE_RULE_MENTAL_EARLY, 20, 0), ==, HZ_DUE_STATUS_DONE);
  g_assert_cmpint (status_at (&dating, &early_edge, 1, HZ_DUE_RULE_MENTAL_MID, 20, 0), ==, HZ_DUE_STATUS_DUE);
  /* 14+0 and 27+6: mid; PHQ-9 and GAD-7 count as screens too. */
  g_assert_cmpint (status_at (&dating, &mid_edge, 1, HZ_DUE_RULE_MENTAL_EARLY, 20, 0), ==, HZ_DUE_STATUS_MISSED);
  g_assert_cmpint (status_at (&dating, &mid_edge, 1, HZ_DUE_RULE_MENTAL_MID, 20, 0), ==, HZ_DUE_STATUS_DONE);
  g_assert_cmpint (status_at (&dating, &mid_end, 1, HZ_DUE_RULE_MENTAL_MID, 30, 0), ==, HZ_DUE_STATUS_DONE);
  g_assert_cmpint (status_at (&dating, &mid_end, 1, HZ_DUE_RULE_MENTAL_LATE, 30, 0), ==, HZ_DUE_STATUS_DUE);
  g_assert_cmpint (status_at (&dating, &late_start, 1, HZ_DUE_RULE_MENTAL_LATE, 30, 0), ==, HZ_DUE_STATUS_DONE);
  g_assert_cmpint (status_at (&dating, &late_start, 1, HZ_DUE_RULE_MENTAL_MID, 30, 0), ==, HZ_DUE_STATUS_MISSED);
}

static void
test_postpartum (void)
{
  HzDating dating;
  GDate delivery, today;
  g_autoptr(GPtrArray) items = NULL;
  const HzDueItem *visit;
  HzScheduleFact visit_fact;
  HzScheduleFact epds_pp;

  date_at_ga (&delivery, 39, 0);
  dating_by_lmp (&dating, &delivery);

  /* Not done before delivery: the antenatal items are history, not due. */
  today = delivery;
  g_date_add_days (&today, 10);
  items = hz_schedule_compute (&dating, NULL, 0, &today);
  g_assert_null (find_rule (items, HZ_DUE_RULE_NT_SCREENING));
  g_assert_null (find_rule (items, HZ_DUE_RULE_OGTT));
  g_assert_null (find_rule (items, HZ_DUE_RULE_MENTAL_LATE));
  visit = find_rule (items, HZ_DUE_RULE_POSTPARTUM_VISIT);
  g_assert_nonnull (visit);
  g_assert_false (visit->has_ga);
  g_assert_cmpint (g_date_days_between (&delivery, &visit->start), ==, 42);
  g_assert_cmpint (g_date_days_between (&delivery, &visit->end), ==, 56);
  g_assert_cmpint (visit->status, ==, HZ_DUE_STATUS_UPCOMING);
  g_assert_nonnull (find_rule (items, HZ_DUE_RULE_MENTAL_POSTPARTUM));

  /* 41 upcoming, 42 and 56 due, 57 overdue (days after delivery = 39w + n) */
  g_assert_cmpint (status_at (&dating, NULL, 0, HZ_DUE_RULE_POSTPARTUM_VISIT, 39, 41), ==, HZ_DUE_STATUS_UPCOMING);
  g_assert_cmpint (status_at (&dating, NULL, 0, HZ_DUE_RULE_POSTPARTUM_VISIT, 39, 42), ==, HZ_DUE_STATUS_DUE);
  g_assert_cmpint (status_at (&dating, NULL, 0, HZ_DUE_RULE_POSTPARTUM_VISIT, 39, 56), ==, HZ_DUE_STATUS_DUE);
  g_assert_cmpint (status_at (&dating, NULL, 0, HZ_DUE_RULE_POSTPARTUM_VISIT, 39, 57), ==, HZ_DUE_STATUS_OVERDUE);

  /* A visit 4 weeks or more after delivery is the check; earlier is not. */
  visit_fact = fact_at_ga (HZ_SCREEN_POSTPARTUM_VISIT, 39, 28, -1);
  g_assert_cmpint (status_at (&dating, &visit_fact, 1, HZ_DUE_RULE_POSTPARTUM_VISIT, 39, 60), ==, HZ_DUE_STATUS_DONE);
  visit_fact = fact_at_ga (HZ_SCREEN_POSTPARTUM_VISIT, 39, 27, -1);
  g_assert_cmpint (status_at (&dating, &visit_fact, 1, HZ_DUE_RULE_POSTPARTUM_VISIT, 39, 60), ==, HZ_DUE_STATUS_OVERDUE);

  epds_pp = fact_at_ga (HZ_SCREEN_EPDS, 39, 42, 6);
  g_assert_cmpint (status_at (&dating, &epds_pp, 1, HZ_DUE_RULE_MENTAL_POSTPARTUM, 39, 43), ==, HZ_DUE_STATUS_DONE);

  /* What was done before delivery stays, as done. */
  {
    HzScheduleFact nt = fact_at_ga (HZ_SCREEN_NT, 12, 0, -1);

    g_assert_cmpint (status_at (&dating, &nt, 1, HZ_DUE_RULE_NT_SCREENING, 40, 0), ==, HZ_DUE_STATUS_DONE);
  }
}

static void
test_early_loss (void)
{
  HzDating dating;
  GDate delivery, today;
  g_autoptr(GPtrArray) items = NULL;
  const HzDueItem *early;
  HzScheduleFact epds = fact_at_ga (HZ_SCREEN_EPDS, 8, 0, 3);

  /* The pregnancy ended at 12+0: no mid or late screens, no OGTT; the
   * early window closes with it. */
  date_at_ga (&delivery, 12, 0);
  dating_by_lmp (&dating, &delivery);
  date_at_ga (&today, 14, 0);
  items = hz_schedule_compute (&dating, &epds, 1, &today);

  g_assert_null (find_rule (items, HZ_DUE_RULE_MENTAL_MID));
  g_assert_null (find_rule (items, HZ_DUE_RULE_MENTAL_LATE));
  g_assert_null (find_rule (items, HZ_DUE_RULE_OGTT));
  early = find_rule (items, HZ_DUE_RULE_MENTAL_EARLY);
  g_assert_nonnull (early);
  g_assert_cmpint (early->status, ==, HZ_DUE_STATUS_DONE);
  g_assert_cmpint (early->end_ga, ==, 12 * 7);
  g_assert_nonnull (find_rule (items, HZ_DUE_RULE_POSTPARTUM_VISIT));
}

static void
test_epds_repeat (void)
{
  HzDating dating;
  HzScheduleFact facts[2];
  g_autoptr(GPtrArray) items = NULL;
  const HzDueItem *repeat;
  GDate today;

  dating_by_lmp (&dating, NULL);

  /* 9 and 13 do not ask for a repeat in 2–4 weeks; 10 and 12 do. */
  facts[0] = fact_at_ga (HZ_SCREEN_EPDS, 20, 0, 9);
  g_assert_cmpint (status_at (&dating, facts, 1, HZ_DUE_RULE_EPDS_REPEAT, 21, 0), ==, -1);
  facts[0].score = 13;
  g_assert_cmpint (status_at (&dating, facts, 1, HZ_DUE_RULE_EPDS_REPEAT, 21, 0), ==, -1);
  facts[0].score = 12;
  g_assert_cmpint (status_at (&dating, facts, 1, HZ_DUE_RULE_EPDS_REPEAT, 21, 0), ==, HZ_DUE_STATUS_UPCOMING);
  facts[0].score = 10;
  /* 13 days after: upcoming; 14 and 28: due; 29: overdue */
  g_assert_cmpint (status_at (&dating, facts, 1, HZ_DUE_RULE_EPDS_REPEAT, 21, 6), ==, HZ_DUE_STATUS_UPCOMING);
  g_assert_cmpint (status_at (&dating, facts, 1, HZ_DUE_RULE_EPDS_REPEAT, 22, 0), ==, HZ_DUE_STATUS_DUE);
  g_assert_cmpint (status_at (&dating, facts, 1, HZ_DUE_RULE_EPDS_REPEAT, 24, 0), ==, HZ_DUE_STATUS_DUE);
  g_assert_cmpint (status_at (&dating, facts, 1, HZ_DUE_RULE_EPDS_REPEAT, 24, 1), ==, HZ_DUE_STATUS_OVERDUE);

  date_at_ga (&today, 21, 0);
  items = hz_schedule_compute (&dating, facts, 1, &today);
  repeat = find_rule (items, HZ_DUE_RULE_EPDS_REPEAT);
  g_assert_true (repeat->has_ga);
  g_assert_cmpint (repeat->start_ga, ==, 22 * 7);
  g_assert_cmpint (repeat->end_ga, ==, 24 * 7);
  g_assert_cmpint (repeat->team, ==, HZ_TEAM_PSYCHOLOGY);

  /* A later EPDS, whatever its score, is the repeat. */
  facts[1] = fact_at_ga (HZ_SCREEN_EPDS, 23, 0, 6);
  g_assert_cmpint (status_at (&dating, facts, 2, HZ_DUE_RULE_EPDS_REPEAT, 25, 0), ==, HZ_DUE_STATUS_DONE);
}

static void
test_no_dating (void)
{
  HzDating dating;
  GDate today, delivery;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) after = NULL;
  HzScheduleFact epds;

  /* GA unknown: no antenatal windows at all. */
  hz_dating_compute (&dating, NULL, NULL, 0, NULL, 0, NULL, NULL);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 1, 6, 2024);
  items = hz_schedule_compute (&dating, NULL, 0, &today);
  g_assert_cmpuint (items->len, ==, 0);

  /* ...but a delivery date and an EPDS of 11 still give dated items. */
  g_date_clear (&delivery, 1);
  g_date_set_dmy (&delivery, 1, 5, 2024);
  hz_dating_compute (&dating, NULL, NULL, 0, NULL, 0, NULL, &delivery);
  epds.screen = HZ_SCREEN_EPDS;
  epds.score = 11;
  g_date_clear (&epds.date, 1);
  g_date_set_dmy (&epds.date, 20, 5, 2024);
  after = hz_schedule_compute (&dating, &epds, 1, &today);
  g_assert_nonnull (find_rule (after, HZ_DUE_RULE_POSTPARTUM_VISIT));
  g_assert_nonnull (find_rule (after, HZ_DUE_RULE_MENTAL_POSTPARTUM));
  g_assert_nonnull (find_rule (after, HZ_DUE_RULE_EPDS_REPEAT));
  g_assert_false (find_rule (after, HZ_DUE_RULE_EPDS_REPEAT)->has_ga);
  g_assert_null (find_rule (after, HZ_DUE_RULE_NT_SCREENING));
}

static void
test_order_and_copy (void)
{
  HzDating dating;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(HzDueItem) copy = NULL;
  GDate today;

  dating_by_lmp (&dating, NULL);
  date_at_ga (&today, 8, 0);
  items = hz_schedule_compute (&dating, NULL, 0, &today);
  g_assert_cmpuint (items->len, ==, 7);

  for (guint i = 1; i < items->len; i++)
    {
      const HzDueItem *a = g_ptr_array_index (items, i - 1);
      const HzDueItem *b = g_ptr_array_index (items, i);

      g_assert_cmpint (g_date_compare (&a->start, &b->start), <=, 0);
    }

  copy = hz_due_item_copy (g_ptr_array_index (items, 0));
  g_assert_cmpstr (copy->title, ==, ((HzDueItem *) g_ptr_array_index (items, 0))->title);
  g_assert_true (copy->title != ((HzDueItem *) g_ptr_array_index (items, 0))->title);
  g_assert_cmpstr (hz_due_status_to_string (HZ_DUE_STATUS_OVERDUE), ==, "overdue");
  g_assert_cmpstr (hz_due_status_to_string (HZ_DUE_STATUS_MISSED), ==, "missed");
  g_assert_cmpstr (hz_due_status_get_display_name (HZ_DUE_STATUS_DUE), ==, "Due now");
}

static void
test_doubling_time (void)
{
  gint64 t0 = G_GINT64_CONSTANT (1704067200) * G_USEC_PER_SEC;
  double hours = 0;

  /* 1000 → 2000 in 48 h: doubling time 48 h */
  g_assert_true (hz_trend_doubling_time (t0, 1000, t0 + 48 * G_TIME_SPAN_HOUR, 2000, &hours));
  g_assert_cmpfloat_with_epsilon (hours, 48.0, 1e-9);
  /* 1000 → 4000 in 3 days: 36 h */
  g_assert_true (hz_trend_doubling_time (t0, 1000, t0 + 72 * G_TIME_SPAN_HOUR, 4000, &hours));
  g_assert_cmpfloat_with_epsilon (hours, 36.0, 1e-9);
  /* falling: negative, the halving time */
  g_assert_true (hz_trend_doubling_time (t0, 2000, t0 + 24 * G_TIME_SPAN_HOUR, 1000, &hours));
  g_assert_cmpfloat_with_epsilon (hours, -24.0, 1e-9);
  /* cannot be computed */
  g_assert_false (hz_trend_doubling_time (t0, 1000, t0, 2000, &hours));
  g_assert_false (hz_trend_doubling_time (t0, 1000, t0 - 1, 2000, &hours));
  g_assert_false (hz_trend_doubling_time (t0, 0, t0 + 1, 2000, &hours));
  g_assert_false (hz_trend_doubling_time (t0, 1000, t0 + G_TIME_SPAN_DAY, 1000, &hours));
  g_assert_false (hz_trend_doubling_time (t0, NAN, t0 + G_TIME_SPAN_DAY, 1000, &hours));
}

static void
test_units (void)
{
  HzAnalyte a;
  double v = -1;
  const HzReferenceLine *lines;
  guint n_lines;

  g_assert_true (hz_analyte_from_loinc ("718-7", &a));
  g_assert_cmpint (a, ==, HZ_ANALYTE_HAEMOGLOBIN);
  g_assert_true (hz_analyte_from_loinc (HZ_LOINC_BP_DIASTOLIC, &a));
  g_assert_cmpint (a, ==, HZ_ANALYTE_BLOOD_PRESSURE);
  g_assert_false (hz_analyte_from_loinc ("1234-5", &a));
  g_assert_false (hz_analyte_from_loinc (NULL, &a));
  g_assert_true (hz_analyte_from_string ("fasting-glucose", &a));
  g_assert_cmpint (a, ==, HZ_ANALYTE_FASTING_GLUCOSE);
  g_assert_true (hz_analyte_is_log_scale (HZ_ANALYTE_HCG));
  g_assert_false (hz_analyte_is_log_scale (HZ_ANALYTE_WEIGHT));

  g_assert_true (hz_analyte_convert (HZ_ANALYTE_HAEMOGLOBIN, 10.5, "g/dL", &v));
  g_assert_cmpfloat_with_epsilon (v, 105, 1e-9);
  g_assert_true (hz_analyte_convert (HZ_ANALYTE_HAEMOGLOBIN, 105, "g/L", &v));
  g_assert_cmpfloat_with_epsilon (v, 105, 1e-9);
  g_assert_true (hz_analyte_convert (HZ_ANALYTE_FASTING_GLUCOSE, 92, "mg/dL", &v));
  g_assert_cmpfloat_with_epsilon (v, 5.1066, 1e-3);
  g_assert_true (hz_analyte_convert (HZ_ANALYTE_HCG, 1500, "IU/L", &v));
  g_assert_cmpfloat_with_epsilon (v, 1500, 1e-9);
  g_assert_true (hz_analyte_convert (HZ_ANALYTE_PROGESTERONE, 63.6, "nmol/L", &v));
  g_assert_cmpfloat_with_epsilon (v, 20, 1e-9);
  g_assert_true (hz_analyte_convert (HZ_ANALYTE_BLOOD_PRESSURE, 120, "mm[Hg]", &v));
  g_assert_true (hz_analyte_convert (HZ_ANALYTE_WEIGHT, 110, "斤", &v));
  g_assert_cmpfloat_with_epsilon (v, 55, 1e-9);
  g_assert_true (hz_analyte_convert (HZ_ANALYTE_WEIGHT, 60, NULL, &v));

  /* Unknown units: FALSE, value untouched */
  v = -1;
  g_assert_false (hz_analyte_convert (HZ_ANALYTE_HAEMOGLOBIN, 7, "furlongs", &v));
  g_assert_false (hz_analyte_convert (HZ_ANALYTE_FASTING_GLUCOSE, 5, "g/dL", &v));
  g_assert_false (hz_analyte_convert (HZ_ANALYTE_WEIGHT, INFINITY, "kg", &v));
  g_assert_cmpfloat (v, ==, -1);

  lines = hz_analyte_get_reference_lines (HZ_ANALYTE_HAEMOGLOBIN, &n_lines);
  g_assert_cmpuint (n_lines, ==, 1);
  g_assert_cmpint (lines[0].kind, ==, HZ_REFERENCE_LOWER);
  g_assert_cmpfloat (lines[0].value, ==, 110);
  lines = hz_analyte_get_reference_lines (HZ_ANALYTE_BLOOD_PRESSURE, &n_lines);
  g_assert_cmpuint (n_lines, ==, 2);
  g_assert_cmpfloat (lines[0].value, ==, 140);
  g_assert_cmpfloat (lines[1].value, ==, 90);
  /* Fasting glucose: 5.1 (GDM on a 75 g OGTT, else raised) and 7.0 (possible PGDM) */
  lines = hz_analyte_get_reference_lines (HZ_ANALYTE_FASTING_GLUCOSE, &n_lines);
  g_assert_cmpuint (n_lines, ==, 2);
  g_assert_cmpfloat (lines[0].value, ==, 5.1);
  g_assert_cmpfloat (lines[1].value, ==, 7.0);
  g_assert_cmpstr (lines[0].label, ==, "Fasting glucose ≥ 5.1 mmol/L");
  lines = hz_analyte_get_reference_lines (HZ_ANALYTE_HCG, &n_lines);
  g_assert_cmpuint (n_lines, ==, 0);
  g_assert_null (lines);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/huizhen/schedule/nt-window", test_nt_window);
  g_test_add_func ("/huizhen/schedule/nt-done", test_nt_done);
  g_test_add_func ("/huizhen/schedule/ogtt-window", test_ogtt_window);
  g_test_add_func ("/huizhen/schedule/invasive-procedures", test_invasive_procedures);
  g_test_add_func ("/huizhen/schedule/mental-health-periods", test_mental_health_periods);
  g_test_add_func ("/huizhen/schedule/postpartum", test_postpartum);
  g_test_add_func ("/huizhen/schedule/early-loss", test_early_loss);
  g_test_add_func ("/huizhen/schedule/epds-repeat", test_epds_repeat);
  g_test_add_func ("/huizhen/schedule/no-dating", test_no_dating);
  g_test_add_func ("/huizhen/schedule/order-and-copy", test_order_and_copy);
  g_test_add_func ("/huizhen/trend/doubling-time", test_doubling_time);
  g_test_add_func ("/huizhen/trend/units", test_units);

  return g_test_run ();
}
