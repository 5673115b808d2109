/* hz-ga.h — gestational age and dating (clinical-reference.md, "Gestational age and dates")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (HUIZHEN_INSIDE) && !defined (HUIZHEN_COMPILATION)
# error "Only <huizhen.h> can be included directly."
#endif

#include <glib.h>

G_BEGIN_DECLS

#define HZ_GA_TERM_DAYS 280  /* Naegele: EDD = LMP + 280 days */
#define HZ_GA_SECOND_TRIMESTER_DAYS (14 * 7)  /* 14+0: the first day of the second trimester */
#define HZ_GA_THIRD_TRIMESTER_DAYS  (28 * 7)  /* 28+0: the first day of the third */

typedef enum {
  HZ_TRIMESTER_FIRST,    /* < 14+0 weeks      孕早期 */
  HZ_TRIMESTER_SECOND,   /* 14+0 .. 27+6      孕中期 */
  HZ_TRIMESTER_THIRD,    /* >= 28+0           孕晚期 */
} HzTrimester;

typedef enum {
  HZ_DATING_NONE,        /* nothing known: GA unknown */
  HZ_DATING_LMP,         /* by last menstrual period */
  HZ_DATING_CRL,         /* first-trimester CRL overrode the LMP (> 7 days apart) */
  HZ_DATING_EDD,         /* only a recorded EDD */
  HZ_DATING_ART,         /* by the embryo transfer of an ART cycle: overrides LMP and CRL */
} HzDatingMethod;

/* ART dating (ACOG Committee Opinion No. 700, 2017, "Methods for estimating
 * the due date"): on the day of the transfer the GA is 14 days + the
 * embryo's age, e.g. a day-5 blastocyst → 2+5 weeks, EDD transfer + 261
 * days. The embryo ages it dates by: */
#define HZ_GA_EMBRYO_AGE_MIN_DAYS 1
#define HZ_GA_EMBRYO_AGE_MAX_DAYS 7
#define HZ_GA_CONCEPTION_DAYS     14  /* GA on the day of fertilisation */

typedef struct
{
  HzDatingMethod method;
  GDate          lmp;            /* effective LMP the GA is counted from (valid unless NONE) */
  GDate          edd;            /* lmp + 280 (valid unless NONE) */
  gboolean       has_reported_lmp;
  GDate          reported_lmp;   /* as the woman reported it */
  gboolean       has_crl;
  GDate          crl_date;
  double         crl_mm;
  int            crl_ga_days;    /* GA by CRL at crl_date */
  int            lmp_crl_difference_days; /* GA by CRL − GA by LMP at crl_date */
  gboolean       delivered;
  GDate          delivery_date;
  gboolean       has_transfer;
  GDate          transfer_date;  /* the embryo transfer (HZ_DATING_ART) */
  int            embryo_age_days;/* days from fertilisation to transfer: 3, 5 */
} HzDating;

/* Today's date on this machine's calendar: the day "GA today" and
 * "postpartum day N" are counted to. */
void         hz_ga_get_today          (GDate       *today);
/* Days from @lmp to @date (negative before the LMP). */
int          hz_ga_days               (const GDate *lmp,
                                       const GDate *date);
void         hz_ga_split              (int  ga_days,
                                       int *weeks,
                                       int *days);
HzTrimester  hz_ga_trimester          (int ga_days);
const char  *hz_trimester_get_display_name (HzTrimester trimester);  /* 孕早期... */
/* "early", "mid", "late": the name in JSON, not translated */
const char  *hz_trimester_to_string   (HzTrimester trimester);
/* "孕12+3周" in zh_CN, "12w3d" otherwise. (transfer full) */
char        *hz_ga_format             (int ga_days);
/* "产后5天" / "postpartum day 5". (transfer full) */
char        *hz_ga_format_postpartum  (int days_after_delivery);
void         hz_ga_edd_from_lmp       (const GDate *lmp,
                                       GDate       *edd);
#define HZ_GA_CRL_MIN_MM 7   /* the CRLs hz_ga_days_from_crl() dates by */
#define HZ_GA_CRL_MAX_MM 84
/* Robinson & Fleming: GA days = 8.052 * sqrt(CRL mm) + 23.73; valid for CRL 7..84 mm.
 * Returns -1 outside that range. */
int          hz_ga_days_from_crl      (double crl_mm);

/* Obstetric history in the Chinese clinical notation (the same in every
 * language): 孕次 G, then 产次 P as 足月-早产-流产-现存 (term-preterm-
 * abortions-living), "G3P0-0-2-0", when the four counts are known; else
 * "G3P1" from @para (or term + preterm), or "G3" when nothing of P is
 * known, and "G?…" when only G is missing. A negative argument is unknown.
 * NULL when nothing is known. (transfer full) */
char        *hz_format_obstetric_history (int gravida,
                                          int para,
                                          int term,
                                          int preterm,
                                          int abortions,
                                          int living);

/* Computes the dating from what the case recorded. Any argument may be
 * NULL / 0 when unknown. An embryo transfer (@transfer_date with an
 * @embryo_age_days of 1–7) dates the pregnancy whatever the LMP or CRL say
 * (the GA on the transfer day is 14 + @embryo_age_days days). Otherwise the
 * CRL overrides the LMP when measured before 14+0 weeks and the two differ
 * by more than 7 days. */
void         hz_dating_compute        (HzDating    *dating,
                                       const GDate *reported_lmp,
                                       const GDate *crl_date,
                                       double       crl_mm,
                                       const GDate *transfer_date,
                                       int          embryo_age_days,
                                       const GDate *recorded_edd,
                                       const GDate *delivery_date);
/* GA in days on the day of an embryo transfer: 14 + @embryo_age_days, or
 * -1 when the age is outside 1–7 days. */
int          hz_ga_days_at_transfer   (int          embryo_age_days);
/* GA in days at @date, or FALSE when the dating is NONE. */
gboolean     hz_dating_ga_at          (const HzDating *dating,
                                       const GDate    *date,
                                       int            *ga_days);
/* Still before a pregnancy (备孕): the case began in pre-conception care
 * (hz_fhir_jv_episode_began_preconception()) and has neither a dating
 * (LMP, CRL, EDD or embryo transfer) nor a delivery yet. Once a pregnancy
 * is dated the same case goes on. */
gboolean     hz_dating_is_preconception (const HzDating *dating,
                                         gboolean        began_preconception);
/* Translated, e.g. "按末次月经" / "按头臀长 (CRL) 校正" / "按胚胎移植日" */
const char  *hz_dating_method_get_display_name (HzDatingMethod method);
/* The translated guideline a dating method follows where one is cited
 * (ART: ACOG Committee Opinion No. 700), else NULL */
const char  *hz_dating_method_get_source       (HzDatingMethod method);
/* "none", "lmp", "crl", "edd", "art": the name in JSON, not translated */
const char  *hz_dating_method_to_string        (HzDatingMethod method);

G_END_DECLS
