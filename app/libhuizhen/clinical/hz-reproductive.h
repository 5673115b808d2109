/* hz-reproductive.h — reproductive medicine: pregnancy losses, recurrent
 * pregnancy loss (复发性流产), its work-up, and the ART embryo transfer record
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (HUIZHEN_INSIDE) && !defined (HUIZHEN_COMPILATION)
# error "Only <huizhen.h> can be included directly."
#endif

#include <glib.h>

#include "hz-json-value.h"

G_BEGIN_DECLS

/* Huizhen's own codes (docs/data-model.md) */
#define HZ_SYSTEM_HZ_OBSERVATION     "https://huizhen.github.io/fhir/CodeSystem/observation"
#define HZ_CODE_EMBRYO_TRANSFER      "embryo-transfer"   /* valueDateTime = the transfer day */
#define HZ_CODE_EMBRYO_AGE_DAYS      "embryo-age-days"   /* component, valueInteger */
#define HZ_CODE_ART_METHOD           "art-method"        /* component, valueCodeableConcept IVF | ICSI */
#define HZ_SYSTEM_PREGNANCY_OUTCOME  "https://huizhen.github.io/fhir/CodeSystem/pregnancy-outcome"
#define HZ_EXTENSION_GA_AT_OUTCOME   "https://huizhen.github.io/fhir/StructureDefinition/gestational-age-at-outcome"
#define HZ_SYSTEM_RSA_WORKUP         "https://huizhen.github.io/fhir/CodeSystem/rsa-workup"
#define HZ_SYSTEM_ICD10              "http://hl7.org/fhir/sid/icd-10"

/* How an earlier pregnancy ended. A Condition (clinicalStatus resolved) per
 * pregnancy, its code the ICD-10 code below with the Huizhen code beside it,
 * onsetDateTime the day it ended, the GA then in the extension
 * HZ_EXTENSION_GA_AT_OUTCOME (valueQuantity in days, UCUM "d"). */
typedef enum {
  HZ_OUTCOME_SPONTANEOUS_MISCARRIAGE,  /* 自然流产            O03.9 */
  HZ_OUTCOME_BIOCHEMICAL_PREGNANCY,    /* 生化妊娠            O02.8 */
  HZ_OUTCOME_MISSED_MISCARRIAGE,       /* 稽留流产 (胚胎停育) O02.1 */
  HZ_OUTCOME_ECTOPIC_PREGNANCY,        /* 异位妊娠            O00.9 */
  HZ_OUTCOME_MOLAR_PREGNANCY,          /* 葡萄胎              O01.9 */
  HZ_OUTCOME_STILLBIRTH,               /* 死胎 / 死产         O36.4 */
  HZ_OUTCOME_LIVE_BIRTH,               /* 活产                Z37.0 */
  HZ_N_OUTCOMES,
  HZ_OUTCOME_UNKNOWN = HZ_N_OUTCOMES
} HzPregnancyOutcomeKind;

const char             *hz_pregnancy_outcome_to_string        (HzPregnancyOutcomeKind kind);
HzPregnancyOutcomeKind  hz_pregnancy_outcome_from_string      (const char *code);
const char             *hz_pregnancy_outcome_get_icd10        (HzPregnancyOutcomeKind kind);
/* Translated: "自然流产" */
const char             *hz_pregnancy_outcome_get_display_name (HzPregnancyOutcomeKind kind);
/* TRUE for the losses the recurrent-loss rule counts (spontaneous,
 * biochemical, missed, stillbirth); ectopic and molar pregnancies are
 * neither counted nor break a run (2022 consensus). */
gboolean                hz_pregnancy_outcome_is_counted_loss  (HzPregnancyOutcomeKind kind);

typedef struct
{
  HzPregnancyOutcomeKind kind;
  GDate                  date;     /* the day it ended; invalid: unknown */
  int                    ga_days;  /* GA then; -1: unknown */
} HzPregnancyOutcome;

/* Reads one pregnancy-outcome Condition. FALSE when @condition is not one
 * (no HZ_SYSTEM_PREGNANCY_OUTCOME code) or is entered in error. */
gboolean  hz_pregnancy_outcome_read (const HzJv         *condition,
                                     HzPregnancyOutcome *outcome);

/* Recurrent pregnancy loss (复发性流产), 《复发性流产诊治专家共识（2022）》:
 * two or more consecutive losses before 28+0 weeks with the same partner
 * (HZ_THRESHOLD_RSA_LOSSES, HZ_THRESHOLD_RSA_LOSS_GA). */
typedef enum {
  HZ_RSA_NOT_MET,        /* fewer than 2 consecutive losses < 28 weeks */
  HZ_RSA_MET,
  HZ_RSA_UNKNOWN,        /* met only if a loss of unknown GA was < 28 weeks */
} HzRsaStatus;

typedef struct
{
  HzRsaStatus  status;
  guint        consecutive;    /* the longest run of counted losses < 28 weeks */
  guint        possible;       /* the same, counting losses of unknown GA in */
  guint        n_losses;       /* losses counted in any run */
  guint        n_unknown_ga;   /* losses whose GA is unknown */
  GDate        met_on;         /* the loss that made the run reach 2 (valid when MET) */
  const char  *source;         /* translated guideline */
} HzRsaResult;

/* @outcomes in any order (sorted by date here; undated ones last). */
void         hz_rsa_evaluate         (const HzPregnancyOutcome *outcomes,
                                      guint                     n_outcomes,
                                      HzRsaResult              *result);
/* Translated: "符合复发性流产：连续2次孕28周前妊娠丢失" ... (transfer full) */
char        *hz_rsa_result_describe  (const HzRsaResult *result);

/* The recurrent-loss work-up (复发性流产病因筛查). An item is done when the
 * case has an Observation or DiagnosticReport with one of the item's LOINC
 * codes or its HZ_SYSTEM_RSA_WORKUP code. */
typedef enum {
  HZ_WORKUP_ANTICARDIOLIPIN,     /* 抗心磷脂抗体 (aCL) */
  HZ_WORKUP_ANTI_B2GP1,          /* 抗β2糖蛋白I抗体 */
  HZ_WORKUP_LUPUS_ANTICOAGULANT, /* 狼疮抗凝物 (LA) */
  HZ_WORKUP_TSH,                 /* 促甲状腺激素 */
  HZ_WORKUP_TPOAB,               /* 甲状腺过氧化物酶抗体 */
  HZ_WORKUP_KARYOTYPE_FEMALE,    /* 女方染色体核型 */
  HZ_WORKUP_KARYOTYPE_MALE,      /* 男方染色体核型 */
  HZ_WORKUP_UTERINE_ANATOMY,     /* 子宫解剖: 宫腔镜 / 三维超声 */
  HZ_WORKUP_THROMBOPHILIA,       /* 易栓症筛查 */
  HZ_N_WORKUP_ITEMS
} HzWorkupItem;

typedef struct
{
  HzWorkupItem        item;
  const char         *code;        /* its HZ_SYSTEM_RSA_WORKUP code: "anticardiolipin" */
  const char * const *loinc;       /* LOINC codes that report it (NULL-terminated; may be empty) */
  const char         *group;       /* msgid: "Antiphospholipid antibodies" */
  const char         *label;       /* msgid: "Anticardiolipin antibodies (aCL)" */
} HzWorkupItemInfo;

const HzWorkupItemInfo *hz_workup_item_get_info    (HzWorkupItem item);
/* Translated label and group */
const char             *hz_workup_item_get_label   (HzWorkupItem item);
const char             *hz_workup_item_get_group   (HzWorkupItem item);
/* The items @resource (an Observation or DiagnosticReport) reports, as a
 * bit mask (1 << item); 0 for none. */
guint                   hz_workup_items_of_resource (const HzJv *resource);
/* The translated source of the work-up list */
const char             *hz_workup_get_source       (void);

/* Reads an embryo-transfer Observation (docs/data-model.md). FALSE when
 * @observation is not one, is void or has no valid date. @art_method:
 * (out) (optional) (transfer none): "IVF", "ICSI" or NULL. An embryo age
 * not recorded is -1. */
gboolean     hz_embryo_transfer_read (const HzJv  *observation,
                                      GDate       *transfer_date,
                                      int         *embryo_age_days,
                                      const char **art_method);

G_END_DECLS
