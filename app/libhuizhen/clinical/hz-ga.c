/* hz-ga.c — gestational age and dating
 *
 * Rules from clinical-reference.md, "Gestational age and dates":
 * Naegele's rule (EDD = LMP + 280 days), trimesters split at 14+0 and 28+0
 * weeks, first-trimester CRL dating overriding the LMP when they differ by
 * more than 7 days before 14 weeks; an ART embryo transfer dating the
 * pregnancy before either (ACOG Committee Opinion No. 700, 2017: "the
 * ART-derived gestational age should be used"; GA on the transfer day =
 * 14 days + embryo age).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-clinical"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "huizhen.h"
#include "hz-guidelines-private.h"

#define CRL_MIN_MM ((double) HZ_GA_CRL_MIN_MM)
#define CRL_MAX_MM ((double) HZ_GA_CRL_MAX_MM)
#define CRL_OVERRIDE_DAYS 7
#define SECOND_TRIMESTER_DAYS HZ_GA_SECOND_TRIMESTER_DAYS
#define THIRD_TRIMESTER_DAYS HZ_GA_THIRD_TRIMESTER_DAYS

void
hz_ga_get_today (GDate *today)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_return_if_fail (today != NULL);

  g_date_clear (today, 1);
  g_date_set_dmy (today,
                  g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

int
hz_ga_days (const GDate *lmp,
            const GDate *date)
{
  g_return_val_if_fail (lmp != NULL && g_date_valid (lmp), 0);
  g_return_val_if_fail (date != NULL && g_date_valid (date), 0);

  return g_date_days_between (lmp, date);
}

void
hz_ga_split (int  ga_days,
             int *weeks,
             int *days)
{
  /* Floor division so that a negative GA still splits consistently. */
  int w = ga_days >= 0 ? ga_days / 7 : -((-ga_days + 6) / 7);

  if (weeks != NULL)
    *weeks = w;
  if (days != NULL)
    *days = ga_days - w * 7;
}

HzTrimester
hz_ga_trimester (int ga_days)
{
  if (ga_days < SECOND_TRIMESTER_DAYS)
    return HZ_TRIMESTER_FIRST;
  if (ga_days < THIRD_TRIMESTER_DAYS)
    return HZ_TRIMESTER_SECOND;
  return HZ_TRIMESTER_THIRD;
}

const char *
hz_trimester_get_display_name (HzTrimester trimester)
{
  switch (trimester)
    {
    case HZ_TRIMESTER_FIRST:
      return _("First trimester");
    case HZ_TRIMESTER_SECOND:
      return _("Second trimester");
    case HZ_TRIMESTER_THIRD:
      return _("Third trimester");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
hz_trimester_to_string (HzTrimester trimester)
{
  switch (trimester)
    {
    case HZ_TRIMESTER_FIRST:
      return "early";
    case HZ_TRIMESTER_SECOND:
      return "mid";
    case HZ_TRIMESTER_THIRD:
      return "late";
    default:
      g_return_val_if_reached (NULL);
    }
}

char *
hz_ga_format (int ga_days)
{
  int weeks, days;

  hz_ga_split (ga_days, &weeks, &days);
  /* Translators: gestational age, weeks and days: "孕12+3周" in Chinese */
  return g_strdup_printf (_("%dw%dd"), weeks, days);
}

char *
hz_ga_format_postpartum (int days_after_delivery)
{
  /* Translators: days after delivery: "产后5天" in Chinese */
  return g_strdup_printf (_("postpartum day %d"), days_after_delivery);
}

char *
hz_format_obstetric_history (int gravida,
                             int para,
                             int term,
                             int preterm,
                             int abortions,
                             int living)
{
  gboolean detailed = term >= 0 && preterm >= 0 && abortions >= 0 && living >= 0;
  GString *text;

  /* 产次 counts the births, term and preterm */
  if (para < 0 && term >= 0 && preterm >= 0)
    para = term + preterm;

  if (gravida < 0 && para < 0 && !detailed)
    return NULL;

  text = g_string_new (NULL);

  if (gravida >= 0)
    g_string_append_printf (text, "G%d", gravida);
  else
    g_string_append (text, "G?");

  if (detailed)
    g_string_append_printf (text, "P%d-%d-%d-%d", term, preterm, abortions, living);
  else if (para >= 0)
    g_string_append_printf (text, "P%d", para);

  return g_string_free (text, FALSE);
}

void
hz_ga_edd_from_lmp (const GDate *lmp,
                    GDate       *edd)
{
  g_return_if_fail (lmp != NULL && g_date_valid (lmp));
  g_return_if_fail (edd != NULL);

  *edd = *lmp;
  g_date_add_days (edd, HZ_GA_TERM_DAYS);
}

int
hz_ga_days_from_crl (double crl_mm)
{
  if (!(crl_mm >= CRL_MIN_MM && crl_mm <= CRL_MAX_MM))
    return -1;

  /* Robinson HP, Fleming JE. Br J Obstet Gynaecol 1975;82:702-10. */
  /* Truncated to completed days: 45 mm → 11+0, 84 mm → 13+6, the NT window. */
  return (int) floor (8.052 * sqrt (crl_mm) + 23.73);
}

int
hz_ga_days_at_transfer (int embryo_age_days)
{
  if (embryo_age_days < HZ_GA_EMBRYO_AGE_MIN_DAYS || embryo_age_days > HZ_GA_EMBRYO_AGE_MAX_DAYS)
    return -1;

  return HZ_GA_CONCEPTION_DAYS + embryo_age_days;
}

void
hz_dating_compute (HzDating    *dating,
                   const GDate *reported_lmp,
                   const GDate *crl_date,
                   double       crl_mm,
                   const GDate *transfer_date,
                   int          embryo_age_days,
                   const GDate *recorded_edd,
                   const GDate *delivery_date)
{
  g_return_if_fail (dating != NULL);

  memset (dating, 0, sizeof *dating);
  g_date_clear (&dating->lmp, 1);
  g_date_clear (&dating->edd, 1);
  g_date_clear (&dating->reported_lmp, 1);
  g_date_clear (&dating->crl_date, 1);
  g_date_clear (&dating->delivery_date, 1);
  g_date_clear (&dating->transfer_date, 1);
  dating->method = HZ_DATING_NONE;

  if (delivery_date != NULL && g_date_valid (delivery_date))
    {
      dating->delivered = TRUE;
      dating->delivery_date = *delivery_date;
    }

  if (crl_date != NULL && g_date_valid (crl_date) && hz_ga_days_from_crl (crl_mm) >= 0)
    {
      dating->has_crl = TRUE;
      dating->crl_date = *crl_date;
      dating->crl_mm = crl_mm;
      dating->crl_ga_days = hz_ga_days_from_crl (crl_mm);
    }

  if (reported_lmp != NULL && g_date_valid (reported_lmp))
    {
      dating->has_reported_lmp = TRUE;
      dating->reported_lmp = *reported_lmp;
      dating->lmp = *reported_lmp;
      dating->method = HZ_DATING_LMP;

      if (dating->has_crl)
        {
          int lmp_ga = hz_ga_days (reported_lmp, crl_date);

          dating->lmp_crl_difference_days = dating->crl_ga_days - lmp_ga;
          if (lmp_ga < SECOND_TRIMESTER_DAYS &&
              ABS (dating->lmp_crl_difference_days) > CRL_OVERRIDE_DAYS)
            {
              dating->lmp = *crl_date;
              g_date_subtract_days (&dating->lmp, dating->crl_ga_days);
              dating->method = HZ_DATING_CRL;
            }
        }
    }
  else if (dating->has_crl)
    {
      dating->lmp = *crl_date;
      g_date_subtract_days (&dating->lmp, dating->crl_ga_days);
      dating->method = HZ_DATING_CRL;
    }
  else if (recorded_edd != NULL && g_date_valid (recorded_edd))
    {
      dating->lmp = *recorded_edd;
      g_date_subtract_days (&dating->lmp, HZ_GA_TERM_DAYS);
      dating->method = HZ_DATING_EDD;
    }

  /* The transfer day is known to the day: it dates the pregnancy over the
   * LMP and the CRL, which are kept beside it. */
  if (transfer_date != NULL && g_date_valid (transfer_date) &&
      hz_ga_days_at_transfer (embryo_age_days) >= 0)
    {
      dating->has_transfer = TRUE;
      dating->transfer_date = *transfer_date;
      dating->embryo_age_days = embryo_age_days;
      dating->lmp = *transfer_date;
      g_date_subtract_days (&dating->lmp, hz_ga_days_at_transfer (embryo_age_days));
      dating->method = HZ_DATING_ART;
    }

  if (dating->method != HZ_DATING_NONE)
    hz_ga_edd_from_lmp (&dating->lmp, &dating->edd);
}

gboolean
hz_dating_is_preconception (const HzDating *dating,
                            gboolean        began_preconception)
{
  g_return_val_if_fail (dating != NULL, FALSE);

  return began_preconception && dating->method == HZ_DATING_NONE && !dating->delivered;
}

gboolean
hz_dating_ga_at (const HzDating *dating,
                 const GDate    *date,
                 int            *ga_days)
{
  g_return_val_if_fail (dating != NULL, FALSE);

  if (dating->method == HZ_DATING_NONE || date == NULL || !g_date_valid (date))
    return FALSE;

  if (ga_days != NULL)
    *ga_days = hz_ga_days (&dating->lmp, date);
  return TRUE;
}

const char *
hz_dating_method_get_display_name (HzDatingMethod method)
{
  switch (method)
    {
    case HZ_DATING_NONE:
      return _("Gestational age unknown");
    case HZ_DATING_LMP:
      return _("Dated by last menstrual period");
    case HZ_DATING_CRL:
      return _("Dated by crown-rump length (CRL)");
    case HZ_DATING_EDD:
      return _("Dated by recorded due date");
    case HZ_DATING_ART:
      return _("Dated by embryo transfer");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
hz_dating_method_get_source (HzDatingMethod method)
{
  if (method == HZ_DATING_ART)
    return g_dgettext (GETTEXT_PACKAGE, HZ_GUIDELINE_ART_DATING);
  return NULL;
}

const char *
hz_dating_method_to_string (HzDatingMethod method)
{
  switch (method)
    {
    case HZ_DATING_NONE:
      return "none";
    case HZ_DATING_LMP:
      return "lmp";
    case HZ_DATING_CRL:
      return "crl";
    case HZ_DATING_EDD:
      return "edd";
    case HZ_DATING_ART:
      return "art";
    default:
      g_return_val_if_reached (NULL);
    }
}
