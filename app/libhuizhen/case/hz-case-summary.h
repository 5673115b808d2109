/* hz-case-summary.h — one row of the case list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (HUIZHEN_INSIDE) && !defined (HUIZHEN_COMPILATION)
# error "Only <huizhen.h> can be included directly."
#endif

#include <glib-object.h>

#include "hz-ga.h"
#include "hz-risk.h"

G_BEGIN_DECLS

#define HZ_TYPE_CASE_SUMMARY (hz_case_summary_get_type ())

G_DECLARE_FINAL_TYPE (HzCaseSummary, hz_case_summary, HZ, CASE_SUMMARY, GObject)

/* Properties (all read-only after construction, set by the store):
 *  "case-id"       EpisodeOfCare id
 *  "patient-id"    Patient id
 *  "patient-name"  display name (e.g. 李梅)
 *  "id-card"       居民身份证号, may be NULL
 *  "mrn"           medical record number, may be NULL
 *  "birth-date"    ISO date, may be NULL
 *  "lmp"           ISO date of the last menstrual period, may be NULL
 *  "edd"           ISO date, may be NULL
 *  "delivery-date" ISO date, may be NULL
 *  "risk"          HzRiskColour (latest grading)
 *  "infectious"    gboolean: purple flag present
 *  "alert"         gboolean: an open urgent self-harm-risk alert (an active
 *                  Flag with code self-harm-risk, hz_screening_flag_is_alert())
 *  "demo"          gboolean: demo data (meta.security HTEST), shown as 演示
 *  "status"        EpisodeOfCare status
 *  "organization"  managing organisation display
 *  "next-action"   short text of the next due task/appointment, may be NULL
 *  "next-action-date" its date or time as the record writes it (show it with
 *                  hz_fhir_format_date()), may be NULL
 *  "updated"       ISO instant of the last write
 */
HzCaseSummary *hz_case_summary_new (const char *first_property_name, ...);

const char   *hz_case_summary_get_case_id       (HzCaseSummary *self);
const char   *hz_case_summary_get_patient_id    (HzCaseSummary *self);
const char   *hz_case_summary_get_patient_name  (HzCaseSummary *self);
const char   *hz_case_summary_get_id_card       (HzCaseSummary *self);
const char   *hz_case_summary_get_mrn           (HzCaseSummary *self);
const char   *hz_case_summary_get_birth_date    (HzCaseSummary *self);
const char   *hz_case_summary_get_lmp           (HzCaseSummary *self);
const char   *hz_case_summary_get_edd           (HzCaseSummary *self);
const char   *hz_case_summary_get_delivery_date (HzCaseSummary *self);
/* The day of the latest ART embryo transfer, or NULL */
const char   *hz_case_summary_get_transfer_date (HzCaseSummary *self);
HzRiskColour  hz_case_summary_get_risk          (HzCaseSummary *self);
gboolean      hz_case_summary_get_infectious    (HzCaseSummary *self);
gboolean      hz_case_summary_get_alert         (HzCaseSummary *self);
/* The case began in pre-conception care (备孕) */
gboolean      hz_case_summary_get_preconception (HzCaseSummary *self);
gboolean      hz_case_summary_get_demo          (HzCaseSummary *self);
const char   *hz_case_summary_get_status        (HzCaseSummary *self);
const char   *hz_case_summary_get_organization  (HzCaseSummary *self);
const char   *hz_case_summary_get_next_action   (HzCaseSummary *self);
const char   *hz_case_summary_get_next_action_date (HzCaseSummary *self);
/* What the next action is due by (an appointment's start, a task's
 * deadline), as written; NULL when it has no deadline (a task under way, a
 * request without one): only a due date can be overdue. */
const char   *hz_case_summary_get_next_action_due  (HzCaseSummary *self);
const char   *hz_case_summary_get_updated       (HzCaseSummary *self);

const char   *hz_case_summary_get_sort_key      (HzCaseSummary *self);
int           hz_case_summary_get_risk_rank     (HzCaseSummary *self);
void          hz_case_summary_get_dating        (HzCaseSummary *self,
                                                 HzDating      *dating);

/* TRUE if @needle (case-folded) is in the name, ID card or MRN. */
gboolean      hz_case_summary_matches           (HzCaseSummary *self,
                                                 const char    *needle);
gboolean      hz_case_summary_matches_folded    (HzCaseSummary *self,
                                                 const char    *folded_needle);

G_END_DECLS
