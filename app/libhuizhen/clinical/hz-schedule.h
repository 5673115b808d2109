/* hz-schedule.h — what is due next in a pregnancy (clinical-reference.md)
 *
 * Pure rules: given the dating, what was already done and today, the due
 * items with their window, status and source. The timeline, the case list
 * and the CLI call the same functions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (HUIZHEN_INSIDE) && !defined (HUIZHEN_COMPILATION)
# error "Only <huizhen.h> can be included directly."
#endif

#include <glib-object.h>

#include "hz-actor.h"
#include "hz-case.h"
#include "hz-ga.h"

G_BEGIN_DECLS

/* Codes used to recognise screens that are not in hz-fhir.h; the screens
 * are also recognised by their text ("NT", "OGTT", "羊膜腔穿刺"...). */
#define HZ_LOINC_NT             "33069-2"   /* Fetal nuchal translucency US */
#define HZ_LOINC_OGTT_2H        "1518-0"    /* Glucose 2 h post 75 g glucose PO */

/* A repeat mental-health screen (EPDS 10–12, or after a positive screen)
 * falls due 2–4 weeks after the last one (clinical-reference.md) */
#define HZ_SCHEDULE_REPEAT_FROM_DAYS  14
#define HZ_SCHEDULE_REPEAT_TO_DAYS    28

/* The newborn's first child-health visit (新生儿家庭访视) is due within a
 * week of discharge (《国家基本公共卫生服务规范（第三版）》, 0–6 岁儿童健康
 * 管理服务规范). The discharge is not recorded here: counted from the birth,
 * the deadline is never later than the rule's. */
#define HZ_SCHEDULE_NEWBORN_VISIT_DAYS 7
/* A newborn admitted to the NICU is handed over at once: the default
 * response time of a "stat" referral (hz-referral.h), not a guideline's. */
#define HZ_SCHEDULE_NEWBORN_NICU_HOURS 2

typedef enum {
  HZ_DUE_RULE_NT_SCREENING,      /* NT / early screening, 11+0–13+6 */
  HZ_DUE_RULE_CVS,               /* chorionic villus sampling, 10+0–13+6, if indicated */
  HZ_DUE_RULE_AMNIOCENTESIS,     /* from 16+0 (to 22+6), if indicated */
  HZ_DUE_RULE_OGTT,              /* 75 g OGTT, 24+0–28+6 */
  HZ_DUE_RULE_MENTAL_EARLY,      /* mental-health screen, < 14+0 */
  HZ_DUE_RULE_MENTAL_MID,        /* 14+0–27+6 */
  HZ_DUE_RULE_MENTAL_LATE,       /* >= 28+0 until delivery */
  HZ_DUE_RULE_MENTAL_POSTPARTUM, /* 42 days postpartum */
  HZ_DUE_RULE_EPDS_REPEAT,       /* 2–4 weeks after an EPDS total of 10–12 */
  HZ_DUE_RULE_POSTPARTUM_VISIT,  /* 42-day postpartum check */
} HzDueRule;

typedef enum {
  HZ_DUE_STATUS_UPCOMING,        /* the window has not opened */
  HZ_DUE_STATUS_DUE,             /* today is inside the window */
  HZ_DUE_STATUS_OVERDUE,         /* the window has closed, not done: still to do (OGTT, 42-day check) */
  HZ_DUE_STATUS_DONE,
  HZ_DUE_STATUS_MISSED,          /* the window has closed, not done, and cannot be caught up (NT) */
} HzDueStatus;

/* What the case records as done */
typedef enum {
  HZ_SCREEN_NT,                  /* NT scan or first-trimester screening */
  HZ_SCREEN_CVS,
  HZ_SCREEN_AMNIOCENTESIS,
  HZ_SCREEN_OGTT,
  HZ_SCREEN_EPDS,
  HZ_SCREEN_PHQ9,
  HZ_SCREEN_GAD7,
  HZ_SCREEN_POSTPARTUM_VISIT,
} HzScreen;

typedef struct
{
  HzScreen screen;
  GDate    date;
  int      score;                /* EPDS / PHQ-9 / GAD-7 total, or -1 */
} HzScheduleFact;

#define HZ_TYPE_DUE_ITEM (hz_due_item_get_type ())

typedef struct _HzDueItem HzDueItem;

struct _HzDueItem
{
  HzDueRule    rule;
  HzDueStatus  status;
  HzTeam       team;
  GDate        start;            /* first day of the window */
  GDate        end;              /* last day of the window (inclusive) */
  GDate        done_date;        /* valid when status is DONE */
  gboolean     optional;         /* only when indicated (CVS, amniocentesis) */
  gboolean     has_ga;           /* start_ga/end_ga are meaningful (antenatal rules) */
  int          start_ga;         /* window in GA days */
  int          end_ga;
  char        *title;            /* translated, e.g. "NT scan / early screening" */
  char        *source;           /* translated "依据" line: the guideline */
};

GType        hz_due_item_get_type            (void) G_GNUC_CONST;
HzDueItem   *hz_due_item_copy                (const HzDueItem *self);
void         hz_due_item_free                (HzDueItem *self);
/* The window as text: "11+0–13+6 weeks" or "2024-05-06 – 2024-05-20" (transfer full) */
char        *hz_due_item_format_window       (const HzDueItem *self);

const char  *hz_due_rule_to_string           (HzDueRule   rule);    /* "nt", "ogtt"... */
const char  *hz_due_status_to_string         (HzDueStatus status);  /* "upcoming"... */
const char  *hz_due_status_get_display_name  (HzDueStatus status);  /* translated */

/* Computes the due items, ordered by window start. @dating may have method
 * NONE: the antenatal rules then give nothing (GA unknown), the postpartum
 * and EPDS-repeat rules still apply from the dates. Once delivered, the
 * antenatal items that were not done are left out.
 * (transfer full) (element-type HzDueItem) */
GPtrArray   *hz_schedule_compute             (const HzDating       *dating,
                                              const HzScheduleFact *facts,
                                              guint                 n_facts,
                                              const GDate          *today);

/* The facts a case records: NT, CVS, amniocentesis, OGTT, EPDS/PHQ-9/GAD-7
 * totals, a visit 4 weeks or more after delivery.
 * (transfer full) (element-type HzScheduleFact) */
GArray      *hz_schedule_collect_facts       (HzCase *kase);
/* The same with the case's dating already at hand (hz_case_get_dating()
 * reads every Observation: callers that have it save that). */
GArray      *hz_schedule_collect_facts_dated (HzCase         *kase,
                                              const HzDating *dating);
/* hz_schedule_compute() with the case's dating and facts. (transfer full) (element-type HzDueItem) */
GPtrArray   *hz_schedule_compute_for_case    (HzCase      *kase,
                                              const GDate *today);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HzDueItem, hz_due_item_free)

G_END_DECLS
