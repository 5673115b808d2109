/* hz-risk-factors.h — the five-colour factors found in a case's structured data
 *
 * 妊娠风险五色分级 (国卫办妇幼发〔2017〕35号), clinical-reference.md: the
 * factors recognised from structured data (age, pre-pregnancy BMI, ICD-10
 * diagnoses) are proposed here; the rest of the form is ticked by the doctor.
 * The grade is the highest colour of any factor; purple (infectious disease)
 * stands beside it, never replacing it. Recording a grading writes a new
 * RiskAssessment (and a purple Flag), never overwriting an earlier one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (HUIZHEN_INSIDE) && !defined (HUIZHEN_COMPILATION)
# error "Only <huizhen.h> can be included directly."
#endif

#include <gio/gio.h>

#include "hz-case.h"
#include "hz-risk.h"

G_BEGIN_DECLS

/* ICD-10 as the store's Conditions code it */
#define HZ_SYSTEM_ICD10 "http://hl7.org/fhir/sid/icd-10"

/* Completed years of age on the grading date that the form grades by */
#define HZ_RISK_AGE_YOUNG     18   /* <= 18: yellow */
#define HZ_RISK_AGE_OLD       35   /* >= 35: yellow (高龄) */
#define HZ_RISK_AGE_VERY_OLD  40   /* >= 40: orange */

/* One factor. @colour is HZ_RISK_UNKNOWN for a purple factor and for a
 * value that could not be read ("年龄未知": said, never taken as normal). */
typedef struct
{
  const char   *code;       /* stable id: "age-35-or-older", "scarred-uterus", "bmi-unknown" */
  HzRiskColour  colour;
  gboolean      purple;     /* an infectious disease: the purple mark */
  char         *text;       /* translated: "高龄（36岁，≥35岁）" */
  char         *source;     /* translated: where it was read, "出生日期 1990-05-01" */
  char         *reference;  /* "Condition/x", "Patient/y"… or NULL */
} HzRiskFactor;

void          hz_risk_factor_free          (HzRiskFactor *factor);

/* The colour of a factor as written in JSON: "yellow", "orange", "red",
 * "purple", or "unknown" for a value that could not be read. */
const char   *hz_risk_factor_colour_to_string (const HzRiskFactor *factor);

typedef struct
{
  GPtrArray    *factors;   /* (element-type HzRiskFactor): age, BMI, then diagnoses */
  HzRiskColour  colour;    /* the highest colour of any factor; green when none */
  gboolean      purple;    /* any purple factor */
} HzRiskProposal;

void          hz_risk_proposal_free        (HzRiskProposal *proposal);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HzRiskProposal, hz_risk_proposal_free)

/* Completed years from @birth to @date (a birthday on @date counts; one
 * born on 29 February completes a year on 1 March in a common year);
 * -1 when @date is before @birth. */
int           hz_risk_age_on               (const GDate *birth,
                                            const GDate *date);

/* TRUE when the ICD-10 @code is @pattern or one of its subcodes ("O30.0"
 * matches "O30.000", "O13" matches "O13.x00"), or for a range "B20-B24"
 * a code of one of its categories. */
gboolean      hz_risk_icd10_matches        (const char  *pattern,
                                            const char  *code);

/* The factors of @kase on @date (the grading date: age on that day,
 * observations and diagnoses recorded up to that day):
 *  - age by Patient.birthDate: >= 40 orange, >= 35 or <= 18 yellow;
 *  - pre-pregnancy BMI from weight 56077-1 and height 8302-2, else the
 *    first BMI 39156-5 before 14+0 weeks: >= 28 orange, > 25 or < 18.5
 *    yellow, by the HZ_THRESHOLD_RISK_BMI_* entries;
 *  - Condition.code ICD-10 codes of the reference's list (active,
 *    not refuted or entered in error).
 * An unknown age or BMI is a factor of colour HZ_RISK_UNKNOWN.
 * (transfer full) */
HzRiskProposal *hz_risk_propose            (HzCase      *kase,
                                            const GDate *date);

/* Records a grading of @kase made at @when from @proposal: a new
 * RiskAssessment (status final, the colour in prediction[0].outcome, the
 * factors in basis and note, performer the store's actor), and when
 * @proposal is purple an active purple Flag if the case has none, in one
 * transaction of the store. Earlier gradings are never changed. @id_out
 * (optional) receives the new RiskAssessment's id. */
gboolean      hz_risk_record_grading       (HzCase                *kase,
                                            const HzRiskProposal  *proposal,
                                            GDateTime             *when,
                                            char                 **id_out,
                                            GError               **error);

G_END_DECLS
