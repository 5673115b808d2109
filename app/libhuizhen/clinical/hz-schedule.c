/* hz-schedule.c — due items of a pregnancy: screens, tests and visits
 *
 * Windows from clinical-reference.md and the guidelines named in each
 * item's source:
 *  - NT / early screening 11+0–13+6, CVS 10+0–13+6, amniocentesis 16+0–22+6,
 *    75 g OGTT 24+0–28+6 (孕前和孕期保健指南, 2018; the window of its GDM
 *    thresholds in hz-thresholds.c);
 *  - perinatal mental-health screens early (< 14+0), mid (14+0–27+6), late
 *    (>= 28+0) and 42 days postpartum; EPDS 10–12 → repeat in 2–4 weeks
 *    (围产期抑郁症筛查与诊治专家共识, 2021);
 *  - postpartum check at 42 days (孕产期保健工作规范, 2011).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-clinical"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "huizhen.h"
#include "hz-guidelines-private.h"

#define WEEKS(w, d) ((w) * 7 + (d))

/* Postpartum: the check and screen fall due at 42 days; anything from four
 * weeks after delivery counts as done. */
#define POSTPARTUM_DUE_START   42
#define POSTPARTUM_DUE_END     56
#define POSTPARTUM_DONE_FROM   28
/* No late-pregnancy window beyond 41+6 when there is no delivery date. */
#define LATE_WINDOW_LAST_DAY   WEEKS (41, 6)
/* EPDS 10–12 (the thresholds table's repeat and positive cut-offs): repeat
 * in 2–4 weeks. */
#define EPDS_REPEAT_FROM_DAYS  HZ_SCHEDULE_REPEAT_FROM_DAYS
#define EPDS_REPEAT_TO_DAYS    HZ_SCHEDULE_REPEAT_TO_DAYS

typedef struct
{
  const char *id;
  const char *title;
  const char *source;
  HzTeam      team;
  gboolean    optional;
  gboolean    closes;     /* once the window has passed it cannot be caught up: "missed" */
} RuleInfo;

static const RuleInfo rules[] = {
  [HZ_DUE_RULE_NT_SCREENING]      = { "nt", N_("NT scan and early screening"), HZ_GUIDELINE_PRENATAL_CARE, HZ_TEAM_OBSTETRICS, FALSE, TRUE },
  [HZ_DUE_RULE_CVS]               = { "cvs", N_("Chorionic villus sampling, if indicated"), HZ_GUIDELINE_PRENATAL_CARE, HZ_TEAM_OBSTETRICS, TRUE },
  [HZ_DUE_RULE_AMNIOCENTESIS]     = { "amniocentesis", N_("Amniocentesis, if indicated"), HZ_GUIDELINE_PRENATAL_CARE, HZ_TEAM_OBSTETRICS, TRUE },
  [HZ_DUE_RULE_OGTT]              = { "ogtt", N_("75 g oral glucose tolerance test (OGTT)"), HZ_GUIDELINE_PRENATAL_CARE, HZ_TEAM_OBSTETRICS, FALSE },
  [HZ_DUE_RULE_MENTAL_EARLY]      = { "mental-early", N_("Mental-health screen, early pregnancy"), HZ_GUIDELINE_PERINATAL_DEPRESSION, HZ_TEAM_PSYCHOLOGY, FALSE, TRUE },
  [HZ_DUE_RULE_MENTAL_MID]        = { "mental-mid", N_("Mental-health screen, mid pregnancy"), HZ_GUIDELINE_PERINATAL_DEPRESSION, HZ_TEAM_PSYCHOLOGY, FALSE, TRUE },
  [HZ_DUE_RULE_MENTAL_LATE]       = { "mental-late", N_("Mental-health screen, late pregnancy"), HZ_GUIDELINE_PERINATAL_DEPRESSION, HZ_TEAM_PSYCHOLOGY, FALSE, TRUE },
  [HZ_DUE_RULE_MENTAL_POSTPARTUM] = { "mental-postpartum", N_("Mental-health screen, 42 days postpartum"), HZ_GUIDELINE_PERINATAL_DEPRESSION, HZ_TEAM_PSYCHOLOGY, FALSE },
  [HZ_DUE_RULE_EPDS_REPEAT]       = { "epds-repeat", N_("Repeat EPDS (last total 10–12)"), HZ_GUIDELINE_PERINATAL_DEPRESSION, HZ_TEAM_PSYCHOLOGY, FALSE },
  [HZ_DUE_RULE_POSTPARTUM_VISIT]  = { "postpartum-visit", N_("Postpartum check at 42 days"), HZ_GUIDELINE_MATERNAL_CARE, HZ_TEAM_OBSTETRICS, FALSE },
};

static const struct {
  const char *id;
  const char *display_name;
} statuses[] = {
  [HZ_DUE_STATUS_UPCOMING] = { "upcoming", N_("Upcoming") },
  [HZ_DUE_STATUS_DUE]      = { "due", N_("Due now") },
  [HZ_DUE_STATUS_OVERDUE]  = { "overdue", N_("Overdue") },
  [HZ_DUE_STATUS_DONE]     = { "done", N_("Done") },
  [HZ_DUE_STATUS_MISSED]   = { "missed", N_("Missed") },
};

G_DEFINE_BOXED_TYPE (HzDueItem, hz_due_item, hz_due_item_copy, hz_due_item_free)

HzDueItem *
hz_due_item_copy (const HzDueItem *self)
{
  HzDueItem *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new (HzDueItem, 1);
  *copy = *self;
  copy->title = g_strdup (self->title);
  copy->source = g_strdup (self->source);
  return copy;
}

void
hz_due_item_free (HzDueItem *self)
{
  if (self == NULL)
    return;

  g_free (self->title);
  g_free (self->source);
  g_free (self);
}

static char *
format_iso_date (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d",
                          g_date_get_year (date),
                          g_date_get_month (date),
                          g_date_get_day (date));
}

/**
 * hz_due_item_format_window:
 * @self: a due item
 *
 * Returns: (transfer full): the window as text, with GA when the rule is
 *   counted in gestational weeks
 */
char *
hz_due_item_format_window (const HzDueItem *self)
{
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  start = format_iso_date (&self->start);
  end = format_iso_date (&self->end);

  if (self->has_ga)
    {
      g_autofree char *ga_start = hz_ga_format (self->start_ga);
      g_autofree char *ga_end = hz_ga_format (self->end_ga);

      /* Translators: a window in gestational age, then in calendar dates:
       * "11w0d – 13w6d (2024-03-18 – 2024-04-07)" */
      return g_strdup_printf (_("%s – %s (%s – %s)"), ga_start, ga_end, start, end);
    }

  /* Translators: a window in calendar dates: "2024-05-06 – 2024-05-20" */
  return g_strdup_printf (_("%s – %s"), start, end);
}

const char *
hz_due_rule_to_string (HzDueRule rule)
{
  g_return_val_if_fail ((guint) rule < G_N_ELEMENTS (rules), NULL);

  return rules[rule].id;
}

const char *
hz_due_status_to_string (HzDueStatus status)
{
  g_return_val_if_fail ((guint) status < G_N_ELEMENTS (statuses), NULL);

  return statuses[status].id;
}

const char *
hz_due_status_get_display_name (HzDueStatus status)
{
  g_return_val_if_fail ((guint) status < G_N_ELEMENTS (statuses), NULL);

  return g_dgettext (GETTEXT_PACKAGE, statuses[status].display_name);
}

/* --- the rules ------------------------------------------------------------ */

typedef struct
{
  const HzDating       *dating;
  const HzScheduleFact *facts;
  guint                 n_facts;
  GDate                 today;
  GPtrArray            *items;
} Schedule;

static HzDueStatus
status_for_window (const Schedule *s,
                   const GDate    *start,
                   const GDate    *end)
{
  if (g_date_compare (&s->today, start) < 0)
    return HZ_DUE_STATUS_UPCOMING;
  if (g_date_compare (&s->today, end) <= 0)
    return HZ_DUE_STATUS_DUE;
  return HZ_DUE_STATUS_OVERDUE;
}

static HzDueItem *
due_item_new (HzDueRule    rule,
              const GDate *start,
              const GDate *end)
{
  HzDueItem *item = g_new0 (HzDueItem, 1);

  item->rule = rule;
  item->team = rules[rule].team;
  item->optional = rules[rule].optional;
  item->start = *start;
  item->end = *end;
  g_date_clear (&item->done_date, 1);
  item->title = g_strdup (g_dgettext (GETTEXT_PACKAGE, rules[rule].title));
  item->source = g_strdup (g_dgettext (GETTEXT_PACKAGE, rules[rule].source));
  return item;
}

static gboolean
screen_in_mask (HzScreen screen,
                guint    mask)
{
  return (mask & (1u << screen)) != 0;
}

/* The earliest fact of one of @mask dated within [from, to] (either may be
 * NULL for open-ended). */
static const HzScheduleFact *
find_fact (const Schedule *s,
           guint           mask,
           const GDate    *from,
           const GDate    *to)
{
  const HzScheduleFact *best = NULL;

  for (guint i = 0; i < s->n_facts; i++)
    {
      const HzScheduleFact *fact = &s->facts[i];

      if (!screen_in_mask (fact->screen, mask) || !g_date_valid (&fact->date))
        continue;
      if (from != NULL && g_date_compare (&fact->date, from) < 0)
        continue;
      if (to != NULL && g_date_compare (&fact->date, to) > 0)
        continue;
      if (best == NULL || g_date_compare (&fact->date, &best->date) < 0)
        best = fact;
    }

  return best;
}

#define MENTAL_SCREENS ((1u << HZ_SCREEN_EPDS) | (1u << HZ_SCREEN_PHQ9) | (1u << HZ_SCREEN_GAD7))

/* An antenatal rule counted in GA days from the dating's LMP.
 * @done_in_window: only a fact inside the window counts (the per-trimester
 * screens); otherwise any fact of the pregnancy does (a test done late is
 * still done). */
static void
add_antenatal (Schedule  *s,
               HzDueRule  rule,
               int        start_ga,
               int        end_ga,
               guint      mask,
               gboolean   done_in_window)
{
  const HzDating *dating = s->dating;
  const HzScheduleFact *fact;
  HzDueItem *item;
  GDate start = dating->lmp;
  GDate end = dating->lmp;
  GDate pregnancy_end;

  g_date_clear (&pregnancy_end, 1);
  g_date_add_days (&start, start_ga);
  g_date_add_days (&end, end_ga);

  if (dating->delivered)
    {
      /* Not applicable when the pregnancy ended before the window opened;
       * a window still open at delivery closes with it. */
      if (g_date_compare (&dating->delivery_date, &start) < 0)
        return;
      if (g_date_compare (&dating->delivery_date, &end) < 0)
        {
          end = dating->delivery_date;
          end_ga = hz_ga_days (&dating->lmp, &end);
        }
      pregnancy_end = dating->delivery_date;
    }

  if (done_in_window)
    fact = find_fact (s, mask, &start, &end);
  else
    fact = find_fact (s, mask, &dating->lmp, dating->delivered ? &pregnancy_end : NULL);

  item = due_item_new (rule, &start, &end);
  item->has_ga = TRUE;
  item->start_ga = start_ga;
  item->end_ga = end_ga;

  if (fact != NULL)
    {
      item->status = HZ_DUE_STATUS_DONE;
      item->done_date = fact->date;
    }
  else if (dating->delivered)
    {
      /* The pregnancy is over: what was not done is history, not due. */
      hz_due_item_free (item);
      return;
    }
  else
    {
      item->status = status_for_window (s, &start, &end);
      if (item->optional && item->status == HZ_DUE_STATUS_OVERDUE)
        {
          /* An indicated procedure is not "overdue" once its window closed. */
          hz_due_item_free (item);
          return;
        }
      /* An NT scan at 30 weeks is not late, it can no longer be done; a
       * trimester's mental-health screen gives way to the next one. */
      if (rules[rule].closes && item->status == HZ_DUE_STATUS_OVERDUE)
        item->status = HZ_DUE_STATUS_MISSED;
    }

  g_ptr_array_add (s->items, item);
}

static void
add_postpartum (Schedule  *s,
                HzDueRule  rule,
                guint      mask)
{
  const GDate *delivery = &s->dating->delivery_date;
  const HzScheduleFact *fact;
  HzDueItem *item;
  GDate start = *delivery;
  GDate end = *delivery;
  GDate done_from = *delivery;

  g_date_add_days (&start, POSTPARTUM_DUE_START);
  g_date_add_days (&end, POSTPARTUM_DUE_END);
  g_date_add_days (&done_from, POSTPARTUM_DONE_FROM);

  item = due_item_new (rule, &start, &end);
  fact = find_fact (s, mask, &done_from, NULL);
  if (fact != NULL)
    {
      item->status = HZ_DUE_STATUS_DONE;
      item->done_date = fact->date;
    }
  else
    item->status = status_for_window (s, &start, &end);

  g_ptr_array_add (s->items, item);
}

static void
add_epds_repeat (Schedule *s)
{
  const HzScheduleFact *borderline = NULL;
  const HzScheduleFact *later;
  HzDueItem *item;
  GDate start, end, after;

  /* The latest EPDS with a total of 10–12. */
  for (guint i = 0; i < s->n_facts; i++)
    {
      const HzScheduleFact *fact = &s->facts[i];

      if (fact->screen != HZ_SCREEN_EPDS || !g_date_valid (&fact->date))
        continue;
      if (!hz_threshold_is_met (HZ_THRESHOLD_EPDS_REPEAT, fact->score) ||
          hz_threshold_is_met (HZ_THRESHOLD_EPDS_POSITIVE, fact->score))
        continue;
      if (borderline == NULL || g_date_compare (&fact->date, &borderline->date) >= 0)
        borderline = fact;
    }

  if (borderline == NULL)
    return;

  start = end = after = borderline->date;
  g_date_add_days (&start, EPDS_REPEAT_FROM_DAYS);
  g_date_add_days (&end, EPDS_REPEAT_TO_DAYS);
  g_date_add_days (&after, 1);

  item = due_item_new (HZ_DUE_RULE_EPDS_REPEAT, &start, &end);
  later = find_fact (s, 1u << HZ_SCREEN_EPDS, &after, NULL);
  if (later != NULL)
    {
      item->status = HZ_DUE_STATUS_DONE;
      item->done_date = later->date;
    }
  else
    item->status = status_for_window (s, &start, &end);

  if (s->dating->method != HZ_DATING_NONE &&
      (!s->dating->delivered || g_date_compare (&start, &s->dating->delivery_date) <= 0))
    {
      item->has_ga = TRUE;
      item->start_ga = hz_ga_days (&s->dating->lmp, &start);
      item->end_ga = hz_ga_days (&s->dating->lmp, &end);
    }

  g_ptr_array_add (s->items, item);
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const HzDueItem *x = *(HzDueItem * const *) a;
  const HzDueItem *y = *(HzDueItem * const *) b;
  int cmp = g_date_compare (&x->start, &y->start);

  if (cmp != 0)
    return cmp;
  return (int) x->rule - (int) y->rule;
}

/**
 * hz_schedule_compute:
 * @dating: the case's dating (method may be NONE)
 * @facts: (array length=n_facts) (nullable): what was done
 * @n_facts: number of @facts
 * @today: (nullable): the day the statuses are computed for (default: today)
 *
 * Returns: (transfer full) (element-type HzDueItem): the due items, by window start
 */
GPtrArray *
hz_schedule_compute (const HzDating       *dating,
                     const HzScheduleFact *facts,
                     guint                 n_facts,
                     const GDate          *today)
{
  Schedule s = { 0 };

  g_return_val_if_fail (dating != NULL, NULL);
  g_return_val_if_fail (facts != NULL || n_facts == 0, NULL);

  s.dating = dating;
  s.facts = facts;
  s.n_facts = n_facts;
  s.items = g_ptr_array_new_with_free_func ((GDestroyNotify) hz_due_item_free);
  g_date_clear (&s.today, 1);
  if (today != NULL && g_date_valid (today))
    s.today = *today;
  else
    hz_ga_get_today (&s.today);

  if (dating->method != HZ_DATING_NONE)
    {
      const HzThreshold *ogtt = hz_threshold_get (HZ_THRESHOLD_GDM_FASTING);
      int late_end = LATE_WINDOW_LAST_DAY;

      add_antenatal (&s, HZ_DUE_RULE_CVS, WEEKS (10, 0), WEEKS (13, 6),
                     1u << HZ_SCREEN_CVS, FALSE);
      add_antenatal (&s, HZ_DUE_RULE_NT_SCREENING, WEEKS (11, 0), WEEKS (13, 6),
                     1u << HZ_SCREEN_NT, FALSE);
      add_antenatal (&s, HZ_DUE_RULE_AMNIOCENTESIS, WEEKS (16, 0), WEEKS (22, 6),
                     1u << HZ_SCREEN_AMNIOCENTESIS, FALSE);
      /* The 75 g OGTT falls due in the window its GDM thresholds apply in. */
      add_antenatal (&s, HZ_DUE_RULE_OGTT, ogtt->ga_from_days, ogtt->ga_to_days,
                     1u << HZ_SCREEN_OGTT, FALSE);
      add_antenatal (&s, HZ_DUE_RULE_MENTAL_EARLY, 0, WEEKS (13, 6),
                     MENTAL_SCREENS, TRUE);
      add_antenatal (&s, HZ_DUE_RULE_MENTAL_MID, WEEKS (14, 0), WEEKS (27, 6),
                     MENTAL_SCREENS, TRUE);
      add_antenatal (&s, HZ_DUE_RULE_MENTAL_LATE, WEEKS (28, 0), late_end,
                     MENTAL_SCREENS, TRUE);
    }

  if (dating->delivered)
    {
      add_postpartum (&s, HZ_DUE_RULE_POSTPARTUM_VISIT, 1u << HZ_SCREEN_POSTPARTUM_VISIT);
      add_postpartum (&s, HZ_DUE_RULE_MENTAL_POSTPARTUM, MENTAL_SCREENS);
    }

  add_epds_repeat (&s);

  g_ptr_array_sort (s.items, compare_items);
  return s.items;
}

/* --- facts from a case ---------------------------------------------------- */

/* @haystack is lower-case ASCII (UTF-8 otherwise kept); @word is matched on
 * ASCII word boundaries so that "nt" does not match "patient". */
static gboolean
has_word (const char *haystack,
          const char *word)
{
  gsize len = strlen (word);
  const char *p = haystack;

  while ((p = strstr (p, word)) != NULL)
    {
      gboolean left = p == haystack || !g_ascii_isalnum (p[-1]);
      gboolean right = !g_ascii_isalnum (p[len]);

      if (left && right)
        return TRUE;
      p += len;
    }
  return FALSE;
}

static gboolean
has_any (const char         *haystack,
         const char * const *needles)
{
  for (guint i = 0; needles[i] != NULL; i++)
    if (strstr (haystack, needles[i]) != NULL)
      return TRUE;
  return FALSE;
}

static char *
resource_text (HzResource *resource)
{
  const HzJv *json = hz_resource_get_value (resource);
  g_autoptr(GString) text = g_string_new (hz_resource_get_title (resource));
  const char *concepts[] = { "code", "type", "category", "serviceType" };
  const char *strings[] = { "description", "conclusion" };

  for (guint i = 0; i < G_N_ELEMENTS (concepts); i++)
    {
      const char *concept = hz_fhir_jv_get_concept_text (json, concepts[i]);

      if (concept != NULL)
        g_string_append_printf (text, " %s", concept);
    }

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    {
      const char *str = hz_jv_get_string (json, strings[i]);

      if (str != NULL)
        g_string_append_printf (text, " %s", str);
    }

  return g_ascii_strdown (text->str, -1);
}

static gboolean
text_is_screen (const char *text,
                HzScreen   *screen)
{
  static const char * const nt[] = { "nuchal", "颈项透明", "颈后透明", "早唐", "早期唐", "孕早期筛查",
                                      "first-trimester screen", "first trimester screen", NULL };
  static const char * const cvs[] = { "chorionic villus", "绒毛", NULL };
  static const char * const amnio[] = { "amniocentesis", "羊膜腔穿刺", "羊水穿刺", NULL };
  static const char * const ogtt[] = { "glucose tolerance", "葡萄糖耐量", "糖耐量", NULL };

  /* Procedures before tests: "NT" may appear in a CVS report. */
  if (has_word (text, "cvs") || has_any (text, cvs))
    *screen = HZ_SCREEN_CVS;
  else if (has_any (text, amnio))
    *screen = HZ_SCREEN_AMNIOCENTESIS;
  else if (has_word (text, "ogtt") || has_any (text, ogtt))
    *screen = HZ_SCREEN_OGTT;
  else if (has_word (text, "nt") || has_any (text, nt))
    *screen = HZ_SCREEN_NT;
  else
    return FALSE;
  return TRUE;
}

static int
observation_score (const HzJv *json)
{
  double value;

  if (hz_jv_get_double (hz_jv_get (json, "valueInteger"), &value) ||
      hz_jv_get_double (hz_jv_get (hz_jv_get_object (json, "valueQuantity"), "value"), &value))
    return (int) value;

  return -1;
}

static void
add_fact (GArray      *facts,
          HzScreen     screen,
          const GDate *date,
          int          score)
{
  HzScheduleFact fact;

  fact.screen = screen;
  fact.date = *date;
  fact.score = score;
  g_array_append_val (facts, fact);
}

static gboolean
code_is_not_a_screen (const char *code)
{
  static const char * const codes[] = {
    HZ_LOINC_LMP, HZ_LOINC_EDD, HZ_LOINC_CRL, HZ_LOINC_DELIVERY_DATE, HZ_LOINC_GRAVIDA,
    HZ_LOINC_PARA, HZ_LOINC_BODY_WEIGHT, HZ_LOINC_BODY_HEIGHT, HZ_LOINC_BMI,
    HZ_LOINC_PREPREG_WEIGHT, HZ_LOINC_BP_PANEL, HZ_LOINC_BP_SYSTOLIC, HZ_LOINC_BP_DIASTOLIC,
    HZ_LOINC_HCG, HZ_LOINC_PROGESTERONE, HZ_LOINC_HAEMOGLOBIN, HZ_LOINC_FASTING_GLUCOSE,
    NULL
  };

  for (guint i = 0; codes[i] != NULL; i++)
    if (g_str_equal (code, codes[i]))
      return TRUE;
  return FALSE;
}

static void
collect_observation (GArray     *facts,
                     HzResource *resource,
                     const GDate *date)
{
  const HzJv *json = hz_resource_get_value (resource);
  const char *code = hz_resource_get_loinc_code (resource);
  g_autofree char *text = NULL;
  HzScreen screen;

  if (g_strcmp0 (code, HZ_LOINC_EPDS_TOTAL) == 0)
    add_fact (facts, HZ_SCREEN_EPDS, date, observation_score (json));
  else if (g_strcmp0 (code, HZ_LOINC_PHQ9_TOTAL) == 0)
    add_fact (facts, HZ_SCREEN_PHQ9, date, observation_score (json));
  else if (g_strcmp0 (code, HZ_LOINC_GAD7_TOTAL) == 0)
    add_fact (facts, HZ_SCREEN_GAD7, date, observation_score (json));
  else if (g_strcmp0 (code, HZ_LOINC_NT) == 0)
    add_fact (facts, HZ_SCREEN_NT, date, -1);
  else if (g_strcmp0 (code, HZ_LOINC_OGTT_2H) == 0)
    add_fact (facts, HZ_SCREEN_OGTT, date, -1);
  else if (code != NULL && code_is_not_a_screen (code))
    ;  /* a vital sign or a lab value the rules know: not worth reading the text */
  else if ((text = resource_text (resource)) != NULL && text_is_screen (text, &screen))
    add_fact (facts, screen, date, -1);
}

static void
collect_questionnaire_response (GArray      *facts,
                                HzResource  *resource,
                                const GDate *date)
{
  const char *questionnaire = hz_jv_get_string (hz_resource_get_value (resource), "questionnaire");
  g_autofree char *url = NULL;

  if (questionnaire == NULL)
    return;

  url = g_ascii_strdown (questionnaire, -1);
  /* The total is recorded as an Observation when the form was scored;
   * the response alone still shows the screen was done. */
  /* By name, or the LOINC panel: EPDS 71354-5, PHQ-9 44249-1, GAD-7 69737-5 */
  if (strstr (url, "epds") != NULL || strstr (url, "71354-5") != NULL)
    add_fact (facts, HZ_SCREEN_EPDS, date, -1);
  else if (strstr (url, "phq") != NULL || strstr (url, "44249-1") != NULL)
    add_fact (facts, HZ_SCREEN_PHQ9, date, -1);
  else if (strstr (url, "gad") != NULL || strstr (url, "69737-5") != NULL)
    add_fact (facts, HZ_SCREEN_GAD7, date, -1);
}

/**
 * hz_schedule_collect_facts:
 * @kase: an open case
 *
 * Returns: (transfer full) (element-type HzScheduleFact): what the case records as done
 */
GArray *
hz_schedule_collect_facts (HzCase *kase)
{
  HzDating dating;

  g_return_val_if_fail (HZ_IS_CASE (kase), NULL);

  hz_case_get_dating (kase, &dating);
  return hz_schedule_collect_facts_dated (kase, &dating);
}

/**
 * hz_schedule_collect_facts_dated:
 * @kase: an open case
 * @dating: its dating
 *
 * Returns: (transfer full) (element-type HzScheduleFact): what the case records as done
 */
GArray *
hz_schedule_collect_facts_dated (HzCase         *kase,
                                 const HzDating *dating)
{
  static const char * const result_types[] = {
    "DiagnosticReport", "ImagingStudy", "Media", NULL
  };
  GArray *facts;
  GListModel *model;
  GDate visit_from;

  g_return_val_if_fail (HZ_IS_CASE (kase), NULL);
  g_return_val_if_fail (dating != NULL, NULL);

  facts = g_array_new (FALSE, FALSE, sizeof (HzScheduleFact));

  model = hz_case_get_resources (kase, "Observation");
  for (guint i = 0, n = g_list_model_get_n_items (model); i < n; i++)
    {
      g_autoptr(HzResource) resource = g_list_model_get_item (model, i);
      GDate date;

      if (hz_resource_get_day (resource, &date))
        collect_observation (facts, resource, &date);
    }

  for (guint t = 0; result_types[t] != NULL; t++)
    {
      model = hz_case_get_resources (kase, result_types[t]);
      for (guint i = 0, n = g_list_model_get_n_items (model); i < n; i++)
        {
          g_autoptr(HzResource) resource = g_list_model_get_item (model, i);
          g_autofree char *text = NULL;
          HzScreen screen;
          GDate date;

          if (!hz_resource_get_day (resource, &date))
            continue;
          text = resource_text (resource);
          if (text_is_screen (text, &screen))
            add_fact (facts, screen, &date, -1);
        }
    }

  model = hz_case_get_resources (kase, "QuestionnaireResponse");
  for (guint i = 0, n = g_list_model_get_n_items (model); i < n; i++)
    {
      g_autoptr(HzResource) resource = g_list_model_get_item (model, i);
      GDate date;

      if (hz_resource_get_day (resource, &date))
        collect_questionnaire_response (facts, resource, &date);
    }

  /* A visit four weeks or more after delivery is the postpartum check. */
  if (dating->delivered)
    {
      visit_from = dating->delivery_date;
      g_date_add_days (&visit_from, POSTPARTUM_DONE_FROM);

      model = hz_case_get_resources (kase, "Encounter");
      for (guint i = 0, n = g_list_model_get_n_items (model); i < n; i++)
        {
          g_autoptr(HzResource) resource = g_list_model_get_item (model, i);
          GDate date;

          if (hz_resource_get_day (resource, &date) &&
              g_date_compare (&date, &visit_from) >= 0)
            add_fact (facts, HZ_SCREEN_POSTPARTUM_VISIT, &date, -1);
        }
    }

  return facts;
}

/**
 * hz_schedule_compute_for_case:
 * @kase: an open case
 * @today: (nullable): the day (default: today)
 *
 * Returns: (transfer full) (element-type HzDueItem): the case's due items
 */
GPtrArray *
hz_schedule_compute_for_case (HzCase      *kase,
                              const GDate *today)
{
  g_autoptr(GArray) facts = NULL;
  HzDating dating;

  g_return_val_if_fail (HZ_IS_CASE (kase), NULL);

  hz_case_get_dating (kase, &dating);
  facts = hz_schedule_collect_facts_dated (kase, &dating);
  return hz_schedule_compute (&dating,
                              (const HzScheduleFact *) (gpointer) facts->data,
                              facts->len, today);
}
