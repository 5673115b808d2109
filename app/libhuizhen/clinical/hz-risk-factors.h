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

/* One factor of a grading Huizhen recorded: RiskAssessment.extension with
 * parts code (the form item's code), colour, origin ("proposed" from the
 * data or "ticked" by the clinician) and text */
#define HZ_EXTENSION_RISK_FACTOR "https://huizhen.github.io/fhir/StructureDefinition/risk-factor"

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
  gboolean      ticked;     /* ticked by the grading clinician from the form's list,
                             * not found in the structured data */
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
/* The resources hz_risk_record_grading() writes, for a writer that saves
 * them itself in one transaction (the application's hz_save_bundle_async,
 * with its conflict dialog): the new RiskAssessment, then the purple Flag
 * when one is due. NULL with @error when the store cannot be read.
 * (transfer full) (element-type JsonObject) */
GPtrArray    *hz_risk_new_grading_resources (HzCase                *kase,
                                             const HzRiskProposal  *proposal,
                                             GDateTime             *when,
                                             char                 **id_out,
                                             GError               **error);

gboolean      hz_risk_record_grading       (HzCase                *kase,
                                            const HzRiskProposal  *proposal,
                                            GDateTime             *when,
                                            char                 **id_out,
                                            GError               **error);

/* ------------------------------------------------------------------------- */
/* The form's full list (妊娠风险评估表, 国卫办妇幼发〔2017〕35号 附件) */

/* The part of the form an item stands in */
typedef enum {
  HZ_RISK_SECTION_BASIC,          /* 基本情况 */
  HZ_RISK_SECTION_COMORBIDITY,    /* 妊娠合并症 */
  HZ_RISK_SECTION_COMPLICATION,   /* 妊娠并发症 */
  HZ_RISK_SECTION_INFECTIOUS,     /* 传染性疾病 (purple) */
} HzRiskSection;

/* Translated: 基本情况, 妊娠合并症, 妊娠并发症, 传染性疾病 */
const char   *hz_risk_section_get_display_name (HzRiskSection section);

/* One item of the form. @colour is HZ_RISK_UNKNOWN for a purple item.
 * @icd10 lists the ICD-10 codes (a code with its subcodes, or a range
 * "B20-B24") by which hz_risk_propose() finds the item in the case's
 * diagnoses; NULL when only the doctor can tick it. @structured: age or
 * BMI, proposed from Patient.birthDate and the weights (tickable when the
 * data are missing). */
typedef struct
{
  const char         *code;      /* stable id: "art-pregnancy", "severe-heart-disease" */
  HzRiskColour        colour;
  gboolean            purple;
  HzRiskSection       section;
  const char         *text;      /* msgid: translate with hz_risk_form_item_get_text() */
  const char * const *icd10;     /* NULL-terminated, or NULL */
  gboolean            structured;
} HzRiskFormItem;

/* The one table of the form's items, in the form's order (yellow, orange,
 * red, purple). @n_items: (out) the number of items. (transfer none) */
const HzRiskFormItem *hz_risk_form_get_items   (guint       *n_items);
/* The item of @code, or NULL. (transfer none) */
const HzRiskFormItem *hz_risk_form_lookup      (const char  *code);
/* Translated */
const char   *hz_risk_form_item_get_text       (const HzRiskFormItem *item);
/* The document the form is from, translated: every factor's 依据 */
const char   *hz_risk_form_get_source          (void);

/* Adds to @proposal the items of the form the clinician ticked, by code,
 * each a factor with ticked TRUE (source: the form); a code already in
 * @proposal (found in the data) is not added twice. Colour and purple
 * follow the same rules: the highest colour, purple beside it. Fails with
 * G_IO_ERROR_INVALID_ARGUMENT naming an unknown code, leaving @proposal
 * unchanged. */
gboolean      hz_risk_proposal_add_ticked      (HzRiskProposal      *proposal,
                                                const char * const  *codes,
                                                GError             **error);

/* The codes of the factors of a grading that Huizhen recorded (its
 * risk-factor extensions), @ticked_only for those the clinician ticked;
 * NULL for a grading recorded elsewhere (only its texts are known).
 * (transfer full) */
GStrv         hz_risk_assessment_dup_factor_codes (const HzJv *assessment,
                                                   gboolean    ticked_only);

/* Whether @kase should be graded again on @date: the colour and purple
 * mark proposed now (the structured data, with the factors the clinician
 * ticked at the current grading carried over) differ from the current
 * grading's colour and the active purple Flag. TRUE too when the case has
 * no grading yet; FALSE before a pregnancy (hz_case_is_preconception()). @proposed / @proposed_purple / @recorded (optional)
 * receive the colours compared (@recorded HZ_RISK_UNKNOWN when none). */
gboolean      hz_risk_regrading_proposed       (HzCase       *kase,
                                                const GDate  *date,
                                                HzRiskColour *proposed,
                                                gboolean     *proposed_purple,
                                                HzRiskColour *recorded);

/* A closed version of the purple @flag: a copy with status inactive and
 * period.end @when, to be written as its new version (it keeps the
 * meta.versionId it was read at). (transfer full) */
JsonObject   *hz_risk_flag_new_closed          (HzResource  *flag,
                                                GDateTime   *when);

/* What follows an orange or red grading (国卫办妇幼发〔2017〕35号): the case
 * goes into 高危孕产妇专案管理 and is reported to the district MCH institute
 * within 3 days (orange) or 24 hours (red); Huizhen asks for an MDT and a
 * referral by that deadline. The hours, or 0 for green and yellow. */
#define HZ_RISK_FOLLOWUP_HOURS_ORANGE  72
#define HZ_RISK_FOLLOWUP_HOURS_RED     24
int           hz_risk_followup_hours           (HzRiskColour colour);

/* The Task asking for an MDT and a referral after the grading @risk_id of
 * colour @colour made at @when: status requested, intent order, priority
 * urgent (red) or asap, focus RiskAssessment/@risk_id, for the patient,
 * restriction.period.end @when + hz_risk_followup_hours(), the team tag
 * obstetrics, its source in the note. NULL below orange. (transfer full) */
JsonObject   *hz_risk_new_followup_task        (HzCase       *kase,
                                                const char   *risk_id,
                                                HzRiskColour  colour,
                                                GDateTime    *when);

G_END_DECLS
