/* test-ga.c — gestational age maths at its boundaries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <huizhen.h>

static GDate *
make_date (int y, int m, int d)
{
  return g_date_new_dmy (d, m, y);
}

static void
test_split_and_format (void)
{
  int w, d;
  g_autofree char *s = NULL;

  hz_ga_split (87, &w, &d);
  g_assert_cmpint (w, ==, 12);
  g_assert_cmpint (d, ==, 3);
  s = hz_ga_format (87);
  g_assert_cmpstr (s, ==, "12w3d");

  hz_ga_split (-1, &w, &d);
  g_assert_cmpint (w, ==, -1);
  g_assert_cmpint (d, ==, 6);
}

static void
test_trimester_boundaries (void)
{
  /* 13+6 vs 14+0 */
  g_assert_cmpint (hz_ga_trimester (13 * 7 + 6), ==, HZ_TRIMESTER_FIRST);
  g_assert_cmpint (hz_ga_trimester (14 * 7), ==, HZ_TRIMESTER_SECOND);
  /* 27+6 vs 28+0 */
  g_assert_cmpint (hz_ga_trimester (27 * 7 + 6), ==, HZ_TRIMESTER_SECOND);
  g_assert_cmpint (hz_ga_trimester (28 * 7), ==, HZ_TRIMESTER_THIRD);
}

static void
test_naegele (void)
{
  g_autoptr(GDate) lmp = make_date (2024, 1, 1);
  g_autoptr(GDate) on = make_date (2024, 3, 28);
  GDate edd;

  hz_ga_edd_from_lmp (lmp, &edd);
  g_assert_cmpint (g_date_get_year (&edd), ==, 2024);
  g_assert_cmpint (g_date_get_month (&edd), ==, 10);
  g_assert_cmpint (g_date_get_day (&edd), ==, 7);
  /* 2024 is a leap year: Jan 31 + Feb 29 + 27 = 87 days = 12+3 */
  g_assert_cmpint (hz_ga_days (lmp, on), ==, 87);
}

static void
test_crl (void)
{
  g_assert_cmpint (hz_ga_days_from_crl (6.9), ==, -1);
  g_assert_cmpint (hz_ga_days_from_crl (85), ==, -1);
  /* 45 mm = 11+0, 84 mm = 13+6: the NT window of clinical-reference.md */
  g_assert_cmpint (hz_ga_days_from_crl (45), ==, 77);
  g_assert_cmpint (hz_ga_days_from_crl (84), ==, 97);
}

static void
test_dating_override (void)
{
  g_autoptr(GDate) lmp = make_date (2024, 1, 1);
  g_autoptr(GDate) scan = make_date (2024, 3, 18);  /* 11+0 by LMP (77 days) */
  HzDating dating;
  int ga;

  /* CRL 45 mm = 77 days: same day, LMP stands */
  hz_dating_compute (&dating, lmp, scan, 45, NULL, 0, NULL, NULL);
  g_assert_cmpint (dating.method, ==, HZ_DATING_LMP);
  g_assert_cmpint (dating.lmp_crl_difference_days, ==, 0);

  /* CRL 20 mm = 60 days: 17 days apart, CRL overrides */
  hz_dating_compute (&dating, lmp, scan, 20, NULL, 0, NULL, NULL);
  g_assert_cmpint (dating.method, ==, HZ_DATING_CRL);
  g_assert_true (hz_dating_ga_at (&dating, scan, &ga));
  g_assert_cmpint (ga, ==, hz_ga_days_from_crl (20));
  g_assert_true (dating.has_reported_lmp);
  g_assert_cmpint (g_date_compare (&dating.reported_lmp, lmp), ==, 0);

  /* exactly 7 days apart: no override */
  {
    g_autoptr(GDate) scan2 = make_date (2024, 3, 18);
    int crl_ga;
    double mm;
    /* find a CRL giving 84 days (77 + 7) */
    for (mm = 7; mm <= 84; mm += 0.1)
      if ((crl_ga = hz_ga_days_from_crl (mm)) == 84)
        break;
    hz_dating_compute (&dating, lmp, scan2, mm, NULL, 0, NULL, NULL);
    g_assert_cmpint (dating.lmp_crl_difference_days, ==, 7);
    g_assert_cmpint (dating.method, ==, HZ_DATING_LMP);
  }
}

static void
test_dating_late_crl_ignored (void)
{
  g_autoptr(GDate) lmp = make_date (2024, 1, 1);
  g_autoptr(GDate) scan = make_date (2024, 4, 15);  /* 15+0 by LMP */
  HzDating dating;

  hz_dating_compute (&dating, lmp, scan, 30, NULL, 0, NULL, NULL);
  g_assert_cmpint (dating.method, ==, HZ_DATING_LMP);
}

static void
test_dating_none_and_edd (void)
{
  g_autoptr(GDate) edd = make_date (2024, 10, 7);
  g_autoptr(GDate) on = make_date (2024, 3, 28);
  HzDating dating;
  int ga = -99;

  hz_dating_compute (&dating, NULL, NULL, 0, NULL, 0, NULL, NULL);
  g_assert_cmpint (dating.method, ==, HZ_DATING_NONE);
  g_assert_false (hz_dating_ga_at (&dating, on, &ga));
  g_assert_cmpint (ga, ==, -99);

  hz_dating_compute (&dating, NULL, NULL, 0, NULL, 0, edd, NULL);
  g_assert_cmpint (dating.method, ==, HZ_DATING_EDD);
  g_assert_true (hz_dating_ga_at (&dating, on, &ga));
  g_assert_cmpint (ga, ==, 87);
}

/* ART: the GA on the transfer day is 14 days + the embryo's age, over the
 * LMP and the CRL (ACOG Committee Opinion No. 700) */
static void
assert_art (int y, int m, int d, int embryo_age,
            int ly, int lm, int ld,    /* the LMP it stands for */
            int ey, int em, int ed)    /* EDD */
{
  g_autoptr(GDate) transfer = make_date (y, m, d);
  g_autoptr(GDate) lmp = make_date (ly, lm, ld);
  g_autoptr(GDate) edd = make_date (ey, em, ed);
  HzDating dating;
  int ga = -1;

  hz_dating_compute (&dating, NULL, NULL, 0, transfer, embryo_age, NULL, NULL);
  g_assert_cmpint (dating.method, ==, HZ_DATING_ART);
  g_assert_true (dating.has_transfer);
  g_assert_cmpint (dating.embryo_age_days, ==, embryo_age);
  g_assert_cmpint (g_date_compare (&dating.lmp, lmp), ==, 0);
  g_assert_cmpint (g_date_compare (&dating.edd, edd), ==, 0);
  g_assert_true (hz_dating_ga_at (&dating, transfer, &ga));
  g_assert_cmpint (ga, ==, 14 + embryo_age);
}

static void
test_dating_art (void)
{
  g_autoptr(GDate) reported = make_date (2026, 12, 2);
  g_autoptr(GDate) scan = make_date (2027, 1, 25);
  g_autoptr(GDate) transfer = make_date (2026, 12, 28);
  g_autoptr(GDate) on = make_date (2027, 1, 4);
  HzDating dating;
  int ga = -1;

  /* day 5 across the year end: 2026-12-28 − 19 = 2026-12-09; + 280 =
   * 2027-09-15 (22 + 31 + 28 + 31 + 30 + 31 + 30 + 31 + 31 = 265 to Aug 31,
   * 15 more) */
  assert_art (2026, 12, 28, 5, 2026, 12, 9, 2027, 9, 15);
  /* day 3 on the leap day: 2028-02-29 − 17 = 2028-02-12; + 280 = 2028-11-18 */
  assert_art (2028, 2, 29, 3, 2028, 2, 12, 2028, 11, 18);
  /* day 5 the day after the leap day: 2028-03-01 − 19 = 2028-02-11 (the
   * 29th counted), EDD 2028-11-17 */
  assert_art (2028, 3, 1, 5, 2028, 2, 11, 2028, 11, 17);
  /* day 3 across the year end: 2027-01-02 − 17 = 2026-12-16; + 280 = 2027-09-22 */
  assert_art (2027, 1, 2, 3, 2026, 12, 16, 2027, 9, 22);

  /* over a reported LMP a week off and a CRL that would override it:
   * 2027-01-04 is 7 days after the transfer, 19 + 7 = 26 = 3+5 */
  hz_dating_compute (&dating, reported, scan, 20, transfer, 5, NULL, NULL);
  g_assert_cmpint (dating.method, ==, HZ_DATING_ART);
  g_assert_true (dating.has_reported_lmp);
  g_assert_true (dating.has_crl);
  g_assert_true (hz_dating_ga_at (&dating, on, &ga));
  g_assert_cmpint (ga, ==, 26);
  g_assert_cmpstr (hz_dating_method_to_string (dating.method), ==, "art");
  g_assert_cmpstr (hz_dating_method_get_display_name (dating.method), ==, "Dated by embryo transfer");

  /* an embryo age outside 1–7 days does not date: back to the LMP */
  g_assert_cmpint (hz_ga_days_at_transfer (0), ==, -1);
  g_assert_cmpint (hz_ga_days_at_transfer (8), ==, -1);
  g_assert_cmpint (hz_ga_days_at_transfer (7), ==, 21);
  hz_dating_compute (&dating, reported, NULL, 0, transfer, -1, NULL, NULL);
  g_assert_cmpint (dating.method, ==, HZ_DATING_LMP);
  g_assert_false (dating.has_transfer);
}

static void
test_postpartum (void)
{
  g_autoptr(GDate) lmp = make_date (2024, 1, 1);
  g_autoptr(GDate) delivered = make_date (2024, 10, 1);
  HzDating dating;
  g_autofree char *pp = NULL;

  hz_dating_compute (&dating, lmp, NULL, 0, NULL, 0, NULL, delivered);
  g_assert_true (dating.delivered);
  g_assert_cmpint (g_date_compare (&dating.delivery_date, delivered), ==, 0);
  pp = hz_ga_format_postpartum (42);
  g_assert_cmpstr (pp, ==, "postpartum day 42");
}

static void
test_obstetric_history (void)
{
  static const struct {
    int gravida, para, term, preterm, abortions, living;
    const char *expected;
  } cases[] = {
    /* the four counts known: 足月-早产-流产-现存 */
    { 3, 0, 0, 0, 2, 0, "G3P0-0-2-0" },
    { 3, -1, 0, 0, 2, 0, "G3P0-0-2-0" },
    { 4, 2, 1, 1, 1, 2, "G4P1-1-1-2" },
    { 1, 0, 0, 0, 0, 0, "G1P0-0-0-0" },
    { 12, 10, 9, 1, 1, 11, "G12P9-1-1-11" },
    /* only the total: G/P */
    { 3, 1, -1, -1, -1, -1, "G3P1" },
    { 2, 1, 1, -1, 1, -1, "G2P1" },
    /* 产次 from term and preterm when it was not recorded */
    { 3, -1, 1, 1, -1, -1, "G3P2" },
    /* nothing of P */
    { 3, -1, -1, -1, -1, -1, "G3" },
    { 3, -1, 1, -1, 2, 1, "G3" },
    /* G missing */
    { -1, 1, -1, -1, -1, -1, "G?P1" },
    { -1, -1, 0, 0, 2, 0, "G?P0-0-2-0" },
    /* nothing */
    { -1, -1, -1, -1, -1, -1, NULL },
    { -1, -1, -1, -1, 2, 0, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = hz_format_obstetric_history (cases[i].gravida, cases[i].para,
                                                           cases[i].term, cases[i].preterm,
                                                           cases[i].abortions, cases[i].living);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_today (void)
{
  g_autoptr(GDateTime) before = g_date_time_new_now_local ();
  g_autoptr(GDateTime) after = NULL;
  GDate today;

  hz_ga_get_today (&today);
  after = g_date_time_new_now_local ();

  g_assert_true (g_date_valid (&today));
  /* the local calendar day (one of the two, should midnight pass here) */
  g_assert_true ((g_date_get_day (&today) == g_date_time_get_day_of_month (before) &&
                  g_date_get_month (&today) == (GDateMonth) g_date_time_get_month (before) &&
                  g_date_get_year (&today) == g_date_time_get_year (before)) ||
                 (g_date_get_day (&today) == g_date_time_get_day_of_month (after) &&
                  g_date_get_month (&today) == (GDateMonth) g_date_time_get_month (after) &&
                  g_date_get_year (&today) == g_date_time_get_year (after)));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/huizhen/ga/split-format", test_split_and_format);
  g_test_add_func ("/huizhen/ga/trimester-boundaries", test_trimester_boundaries);
  g_test_add_func ("/huizhen/ga/naegele", test_naegele);
  g_test_add_func ("/huizhen/ga/crl", test_crl);
  g_test_add_func ("/huizhen/ga/dating-override", test_dating_override);
  g_test_add_func ("/huizhen/ga/dating-late-crl", test_dating_late_crl_ignored);
  g_test_add_func ("/huizhen/ga/dating-none-edd", test_dating_none_and_edd);
  g_test_add_func ("/huizhen/ga/dating-art", test_dating_art);
  g_test_add_func ("/huizhen/ga/postpartum", test_postpartum);
  g_test_add_func ("/huizhen/ga/obstetric-history", test_obstetric_history);
  g_test_add_func ("/huizhen/ga/today", test_today);

  return g_test_run ();
}
