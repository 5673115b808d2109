/* hz-screening.h — what a completed EPDS / PHQ-9 / GAD-7 form leads to
 *
 * The perinatal mental-health rules of clinical-reference.md, as records:
 * a completed form is a QuestionnaireResponse and its total an Observation
 * (LOINC 99046-5 / 44261-6 / 70274-6, derivedFrom the response); a
 * non-zero answer on EPDS item 10 or PHQ-9 item 9 opens the urgent
 * self-harm alert (a Flag, code self-harm-risk) with a same-day referral
 * Task; a positive screen (EPDS ≥ 13 or item 10, PHQ-9 ≥ 10, GAD-7 ≥ 10)
 * a ServiceRequest to the psychology clinic (category 转诊); a positive
 * screen or an EPDS total of 10–12 a reminder Task for the repeat screen
 * in 2–4 weeks. Pure builders: the caller writes them in one transaction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (HUIZHEN_INSIDE) && !defined (HUIZHEN_COMPILATION)
# error "Only <huizhen.h> can be included directly."
#endif

#include <json-glib/json-glib.h>

#include "hz-calc.h"
#include "hz-case.h"

G_BEGIN_DECLS

/* The urgent psychology alert (docs/data-model.md) */
#define HZ_SYSTEM_ALERT          "https://huizhen.github.io/fhir/CodeSystem/alert"
#define HZ_ALERT_SELF_HARM_RISK  "self-harm-risk"
/* ServiceRequest.category of a referral (转诊) */
#define HZ_SYSTEM_SERVICE_CATEGORY "https://huizhen.github.io/fhir/CodeSystem/service-category"
/* The reminder Task of a repeat screen: Task.code */
#define HZ_SYSTEM_TASK_CODE      "https://huizhen.github.io/fhir/CodeSystem/task"
#define HZ_TASK_REPEAT_SCREEN    "repeat-screen"
#define HZ_TASK_SAME_DAY_REFERRAL "same-day-assessment"

/* Who filled the form in */
typedef enum {
  HZ_SCREENING_BY_STAFF,     /* a clinician entered the answers */
  HZ_SCREENING_BY_PATIENT,   /* the woman herself, on the tablet form */
} HzScreeningEntry;

/* TRUE for an active Flag with the self-harm-risk code */
gboolean      hz_screening_flag_is_alert      (const HzJv  *flag);
/* TRUE if any of @flags is an active self-harm-risk Flag */
gboolean      hz_screening_flags_have_alert   (const HzJv **flags,
                                               guint        n);
/* The latest active self-harm-risk Flag of @kase, or NULL. (transfer none) */
HzResource   *hz_screening_find_open_alert    (HzCase      *kase);

/* Whether @result is a positive screen that is referred: EPDS band
 * positive (≥ 13 or item 10 non-zero), PHQ-9 ≥ 10, GAD-7 ≥ 10 (the
 * thresholds table). @threshold (optional): the cut-off met, or
 * HZ_THRESHOLD_NONE for an EPDS positive by item 10 alone. */
gboolean      hz_screening_is_positive        (const HzScaleResult *result,
                                               HzThresholdId       *threshold);
/* Whether a reminder for the repeat screen follows: a positive screen or an
 * EPDS total of 10–12. */
gboolean      hz_screening_needs_repeat       (const HzScaleResult *result);

/* The ids given to what hz_screening_build() made; NULL: not made */
typedef struct
{
  HzScaleResult  result;
  gboolean       positive;
  char          *response_id;     /* QuestionnaireResponse */
  char          *observation_id;  /* the total */
  char          *flag_id;         /* the self-harm alert */
  char          *urgent_task_id;  /* same-day referral, due by the end of the day */
  char          *referral_id;     /* ServiceRequest to the psychology clinic */
  char          *reminder_id;     /* repeat screen in 2–4 weeks */
} HzScreeningOutcome;

void          hz_screening_outcome_clear      (HzScreeningOutcome *outcome);

/* Scores @answers (the printed positions, as hz_scale_score() takes them)
 * and builds the resources of the case they lead to, with the team tag
 * psychology, the patient as subject, authored by the store's actor at
 * @when (the woman as source when @entry is BY_PATIENT). FALSE with
 * HZ_CALC_ERROR_INVALID naming the item for an incomplete form.
 * (transfer full) (element-type JsonObject) */
GPtrArray    *hz_screening_build              (HzCase              *kase,
                                               HzScale              scale,
                                               const int           *answers,
                                               guint                n_answers,
                                               HzScreeningEntry     entry,
                                               GDateTime           *when,
                                               HzScreeningOutcome  *outcome,
                                               GError             **error);

/* The new version of @flag that closes the alert: status inactive,
 * period.end @when, with who closed it and why (@reason, nullable) in a
 * note; it carries @flag's version, so the store refuses it when someone
 * changed the Flag meanwhile. NULL with HZ_CALC_ERROR_INVALID when @flag is
 * not an open alert. (transfer full) */
JsonObject   *hz_screening_close_alert        (HzResource          *flag,
                                               const HzActor       *actor,
                                               GDateTime           *when,
                                               const char          *reason,
                                               GError             **error);

/* The score answered to @link_id in a QuestionnaireResponse (nested groups
 * searched): valueInteger, the answer coding's ordinalValue, else its code
 * as a number. FALSE when the item or its score is not there. */
gboolean      hz_screening_response_get_score (const HzJv          *response,
                                               const char          *link_id,
                                               int                 *score);
/* What a recorded total means: its scale by LOINC code, its band by
 * hz_scale_judge_total(), the self-harm item read from the response it was
 * derived from (in @kase). FALSE for an Observation that is no scale total. */
gboolean      hz_screening_judge_observation  (HzCase              *kase,
                                               HzResource          *observation,
                                               HzScaleResult       *result);

/* "2026-12-03T23:59:59+08:00": the last second of @when's day, in its
 * time zone (transfer full) */
char         *hz_screening_end_of_day         (GDateTime           *when);

G_END_DECLS
