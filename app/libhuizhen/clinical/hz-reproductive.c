/* hz-reproductive.c — pregnancy losses, recurrent pregnancy loss, its work-up, ART records
 *
 * Recurrent pregnancy loss (复发性流产) by 《复发性流产诊治专家共识（2022）》
 * (中华妇产科杂志 2022;57(9)), as clinical-reference.md gives it: two or more
 * consecutive losses before 28 weeks with the same partner, biochemical
 * pregnancies included. Ectopic and molar pregnancies are not pregnancy
 * losses in that sense: they are neither counted nor do they break a run;
 * a live birth, or a loss at 28+0 weeks or later, does. The thresholds
 * (2 losses, 28 weeks) are in the one table, hz-thresholds.c. The work-up
 * list follows the same consensus' aetiological screening: antiphospholipid
 * antibodies, thyroid function and autoimmunity, the couple's karyotypes,
 * uterine anatomy and thrombophilia.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-clinical"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "huizhen.h"
#include "hz-guidelines-private.h"

/* --- pregnancy outcomes ---------------------------------------------------- */

static const struct {
  const char *code;
  const char *icd10;
  const char *name;
  gboolean    counted;
} outcomes[HZ_N_OUTCOMES] = {
  [HZ_OUTCOME_SPONTANEOUS_MISCARRIAGE] = { "spontaneous-miscarriage", "O03.9", N_("Spontaneous miscarriage"), TRUE },
  [HZ_OUTCOME_BIOCHEMICAL_PREGNANCY] = { "biochemical-pregnancy", "O02.8", N_("Biochemical pregnancy"), TRUE },
  [HZ_OUTCOME_MISSED_MISCARRIAGE] = { "missed-miscarriage", "O02.1", N_("Missed miscarriage"), TRUE },
  [HZ_OUTCOME_ECTOPIC_PREGNANCY] = { "ectopic-pregnancy", "O00.9", N_("Ectopic pregnancy"), FALSE },
  [HZ_OUTCOME_MOLAR_PREGNANCY] = { "molar-pregnancy", "O01.9", N_("Molar pregnancy"), FALSE },
  [HZ_OUTCOME_STILLBIRTH] = { "stillbirth", "O36.4", N_("Stillbirth"), TRUE },
  [HZ_OUTCOME_LIVE_BIRTH] = { "live-birth", "Z37.0", N_("Live birth"), FALSE },
};

#define OUTCOME_IS_VALID(kind) ((guint) (kind) < HZ_N_OUTCOMES)

const char *
hz_pregnancy_outcome_to_string (HzPregnancyOutcomeKind kind)
{
  g_return_val_if_fail (OUTCOME_IS_VALID (kind), NULL);

  return outcomes[kind].code;
}

HzPregnancyOutcomeKind
hz_pregnancy_outcome_from_string (const char *code)
{
  for (guint i = 0; code != NULL && i < HZ_N_OUTCOMES; i++)
    if (g_str_equal (code, outcomes[i].code))
      return i;

  return HZ_OUTCOME_UNKNOWN;
}

const char *
hz_pregnancy_outcome_get_icd10 (HzPregnancyOutcomeKind kind)
{
  g_return_val_if_fail (OUTCOME_IS_VALID (kind), NULL);

  return outcomes[kind].icd10;
}

const char *
hz_pregnancy_outcome_get_display_name (HzPregnancyOutcomeKind kind)
{
  g_return_val_if_fail (OUTCOME_IS_VALID (kind), NULL);

  return g_dgettext (GETTEXT_PACKAGE, outcomes[kind].name);
}

gboolean
hz_pregnancy_outcome_is_counted_loss (HzPregnancyOutcomeKind kind)
{
  return OUTCOME_IS_VALID (kind) && outcomes[kind].counted;
}

static gboolean
condition_is_voided (const HzJv *condition)
{
  return g_strcmp0 (hz_fhir_jv_get_concept_code (condition, "verificationStatus", NULL),
                    "entered-in-error") == 0 ||
         g_strcmp0 (hz_fhir_jv_get_concept_code (condition, "verificationStatus", NULL),
                    "refuted") == 0;
}

/**
 * hz_pregnancy_outcome_read:
 * @condition: a Condition
 * @outcome: (out caller-allocates): what it records
 *
 * Returns: %TRUE for a pregnancy-outcome Condition that stands
 */
gboolean
hz_pregnancy_outcome_read (const HzJv         *condition,
                           HzPregnancyOutcome *outcome)
{
  HzPregnancyOutcomeKind kind;
  const char *code;

  g_return_val_if_fail (outcome != NULL, FALSE);

  outcome->kind = HZ_OUTCOME_UNKNOWN;
  outcome->ga_days = -1;
  g_date_clear (&outcome->date, 1);

  if (condition == NULL ||
      g_strcmp0 (hz_jv_get_string (condition, "resourceType"), "Condition") != 0)
    return FALSE;

  code = hz_fhir_jv_get_concept_code (condition, "code", HZ_SYSTEM_PREGNANCY_OUTCOME);
  kind = hz_pregnancy_outcome_from_string (code);
  if (kind == HZ_OUTCOME_UNKNOWN || condition_is_voided (condition))
    return FALSE;

  outcome->kind = kind;
  hz_fhir_parse_date (hz_jv_get_string (condition, "onsetDateTime"), &outcome->date);

  for (const HzJv *extension = hz_jv_get_first (hz_jv_get_array (condition, "extension"));
       extension != NULL;
       extension = hz_jv_get_next (extension))
    {
      const HzJv *quantity;
      gint64 days;

      if (g_strcmp0 (hz_jv_get_string (extension, "url"), HZ_EXTENSION_GA_AT_OUTCOME) != 0)
        continue;
      quantity = hz_jv_get_object (extension, "valueQuantity");
      if (g_strcmp0 (hz_jv_get_string (quantity, "code"), "d") == 0 &&
          hz_jv_get_int64 (hz_jv_get (quantity, "value"), &days) &&
          days >= 0 && days <= 45 * 7)
        outcome->ga_days = (int) days;
    }

  return TRUE;
}

/* --- recurrent pregnancy loss ---------------------------------------------- */

static int
compare_outcomes (gconstpointer a,
                  gconstpointer b)
{
  const HzPregnancyOutcome *x = a;
  const HzPregnancyOutcome *y = b;
  gboolean dx = g_date_valid (&x->date), dy = g_date_valid (&y->date);

  if (dx != dy)
    return dx ? -1 : 1;
  if (!dx)
    return 0;
  return g_date_compare (&x->date, &y->date);
}

void
hz_rsa_evaluate (const HzPregnancyOutcome *list,
                 guint                     n_outcomes,
                 HzRsaResult              *result)
{
  g_autofree HzPregnancyOutcome *sorted = NULL;
  double needed = hz_threshold_get (HZ_THRESHOLD_RSA_LOSSES)->value;
  guint run = 0, possible_run = 0;

  g_return_if_fail (result != NULL);
  g_return_if_fail (list != NULL || n_outcomes == 0);

  memset (result, 0, sizeof *result);
  g_date_clear (&result->met_on, 1);
  result->source = hz_threshold_get_source (HZ_THRESHOLD_RSA_LOSSES);

  sorted = g_memdup2 (list, sizeof *list * MAX (n_outcomes, 1));
  /* stable for equal dates: the order they were given in */
  g_qsort_with_data (sorted, n_outcomes, sizeof *sorted, (GCompareDataFunc) compare_outcomes, NULL);

  for (guint i = 0; i < n_outcomes; i++)
    {
      const HzPregnancyOutcome *outcome = &sorted[i];

      if (!hz_pregnancy_outcome_is_counted_loss (outcome->kind))
        {
          /* a live birth ends a run; ectopic and molar pregnancies do not */
          if (outcome->kind == HZ_OUTCOME_LIVE_BIRTH)
            run = possible_run = 0;
          continue;
        }

      if (outcome->ga_days < 0)
        {
          /* before 28 weeks or not: the run may go on, or may have ended */
          result->n_unknown_ga++;
          result->n_losses++;
          possible_run++;
          run = 0;
        }
      else if (hz_threshold_is_met (HZ_THRESHOLD_RSA_LOSS_GA, outcome->ga_days / 7.0))
        {
          result->n_losses++;
          run++;
          possible_run++;
          if (run >= needed && !g_date_valid (&result->met_on) && g_date_valid (&outcome->date))
            result->met_on = outcome->date;
        }
      else
        /* a loss at 28+0 or later: not counted, and the run is broken */
        run = possible_run = 0;

      result->consecutive = MAX (result->consecutive, run);
      result->possible = MAX (result->possible, possible_run);
    }

  if (result->consecutive >= needed)
    result->status = HZ_RSA_MET;
  else if (result->possible >= needed)
    result->status = HZ_RSA_UNKNOWN;
  else
    result->status = HZ_RSA_NOT_MET;
}

char *
hz_rsa_result_describe (const HzRsaResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);

  switch (result->status)
    {
    case HZ_RSA_MET:
      /* Translators: recurrent pregnancy loss met; %u is the number of consecutive losses */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Recurrent pregnancy loss: %u consecutive loss before 28 weeks",
                                           "Recurrent pregnancy loss: %u consecutive losses before 28 weeks",
                                           result->consecutive),
                              result->consecutive);
    case HZ_RSA_UNKNOWN:
      /* Translators: %u is the number of losses whose GA was not recorded */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Possibly recurrent pregnancy loss: the gestational age of %u loss is not recorded",
                                           "Possibly recurrent pregnancy loss: the gestational age of %u losses is not recorded",
                                           result->n_unknown_ga),
                              result->n_unknown_ga);
    case HZ_RSA_NOT_MET:
    default:
      if (result->n_losses == 0)
        return g_strdup (_("No pregnancy loss recorded"));
      return g_strdup (_("Not recurrent pregnancy loss: fewer than 2 consecutive losses before 28 weeks"));
    }
}

/* --- work-up ---------------------------------------------------------------- */

#define LOINCS(...) ((const char * const[]) { __VA_ARGS__, NULL })
#define NO_LOINC    ((const char * const[]) { NULL })

#define GROUP_APL     N_("Antiphospholipid antibodies")
#define GROUP_THYROID N_("Thyroid")
#define GROUP_GENETIC N_("Karyotypes of the couple")
#define GROUP_UTERUS  N_("Uterine anatomy")
#define GROUP_CLOT    N_("Thrombophilia")

static const HzWorkupItemInfo workup_items[HZ_N_WORKUP_ITEMS] = {
  /* 3181-5 / 8065-5 Cardiolipin IgG Ab, 3182-3 Cardiolipin IgM Ab */
  [HZ_WORKUP_ANTICARDIOLIPIN] = { HZ_WORKUP_ANTICARDIOLIPIN, "anticardiolipin",
                                  LOINCS ("3181-5", "8065-5", "3182-3"),
                                  GROUP_APL, N_("Anticardiolipin antibodies (aCL)") },
  /* 44448-9 Beta 2 glycoprotein 1 IgG Ab */
  [HZ_WORKUP_ANTI_B2GP1] = { HZ_WORKUP_ANTI_B2GP1, "anti-b2gp1", LOINCS ("44448-9"),
                             GROUP_APL, N_("Anti-β2-glycoprotein I antibodies") },
  [HZ_WORKUP_LUPUS_ANTICOAGULANT] = { HZ_WORKUP_LUPUS_ANTICOAGULANT, "lupus-anticoagulant", NO_LOINC,
                                      GROUP_APL, N_("Lupus anticoagulant (LA)") },
  [HZ_WORKUP_TSH] = { HZ_WORKUP_TSH, "tsh", LOINCS ("3016-3"), GROUP_THYROID, N_("TSH") },
  /* 8099-4 Thyroperoxidase Ab */
  [HZ_WORKUP_TPOAB] = { HZ_WORKUP_TPOAB, "tpoab", LOINCS ("8099-4"), GROUP_THYROID,
                        N_("Thyroid peroxidase antibodies (TPOAb)") },
  /* 29770-5 Karyotype [Identifier] in Blood or Tissue: the partner is told by the code */
  [HZ_WORKUP_KARYOTYPE_FEMALE] = { HZ_WORKUP_KARYOTYPE_FEMALE, "karyotype-female", NO_LOINC,
                                   GROUP_GENETIC, N_("Karyotype of the woman") },
  [HZ_WORKUP_KARYOTYPE_MALE] = { HZ_WORKUP_KARYOTYPE_MALE, "karyotype-male", NO_LOINC,
                                 GROUP_GENETIC, N_("Karyotype of the partner") },
  [HZ_WORKUP_UTERINE_ANATOMY] = { HZ_WORKUP_UTERINE_ANATOMY, "uterine-anatomy", NO_LOINC,
                                  GROUP_UTERUS, N_("Hysteroscopy or 3D ultrasound") },
  [HZ_WORKUP_THROMBOPHILIA] = { HZ_WORKUP_THROMBOPHILIA, "thrombophilia", NO_LOINC,
                                GROUP_CLOT, N_("Thrombophilia screen") },
};

#define WORKUP_IS_VALID(item) ((guint) (item) < HZ_N_WORKUP_ITEMS)

const HzWorkupItemInfo *
hz_workup_item_get_info (HzWorkupItem item)
{
  g_return_val_if_fail (WORKUP_IS_VALID (item), NULL);

  return &workup_items[item];
}

const char *
hz_workup_item_get_label (HzWorkupItem item)
{
  g_return_val_if_fail (WORKUP_IS_VALID (item), NULL);

  return g_dgettext (GETTEXT_PACKAGE, workup_items[item].label);
}

const char *
hz_workup_item_get_group (HzWorkupItem item)
{
  g_return_val_if_fail (WORKUP_IS_VALID (item), NULL);

  return g_dgettext (GETTEXT_PACKAGE, workup_items[item].group);
}

const char *
hz_workup_get_source (void)
{
  return g_dgettext (GETTEXT_PACKAGE, HZ_GUIDELINE_RECURRENT_LOSS);
}

guint
hz_workup_items_of_resource (const HzJv *resource)
{
  const char *type = hz_jv_get_string (resource, "resourceType");
  guint mask = 0;

  if ((g_strcmp0 (type, "Observation") != 0 && g_strcmp0 (type, "DiagnosticReport") != 0) ||
      hz_fhir_jv_is_void (resource))
    return 0;

  for (const HzJv *coding = hz_jv_get_first (hz_jv_get_array (hz_jv_get_object (resource, "code"), "coding"));
       coding != NULL;
       coding = hz_jv_get_next (coding))
    {
      const char *system = hz_jv_get_string (coding, "system");
      const char *code = hz_jv_get_string (coding, "code");

      if (code == NULL)
        continue;
      for (guint i = 0; i < HZ_N_WORKUP_ITEMS; i++)
        {
          if (g_strcmp0 (system, HZ_SYSTEM_RSA_WORKUP) == 0 && g_str_equal (code, workup_items[i].code))
            mask |= 1u << i;
          else if (g_strcmp0 (system, HZ_SYSTEM_LOINC) == 0 &&
                   g_strv_contains (workup_items[i].loinc, code))
            mask |= 1u << i;
        }
    }

  return mask;
}

/* --- ART -------------------------------------------------------------------- */

gboolean
hz_embryo_transfer_read (const HzJv  *observation,
                         GDate       *transfer_date,
                         int         *embryo_age_days,
                         const char **art_method)
{
  GDate date;
  int age = -1;
  const char *method = NULL;

  if (g_strcmp0 (hz_jv_get_string (observation, "resourceType"), "Observation") != 0 ||
      g_strcmp0 (hz_fhir_jv_get_concept_code (observation, "code", HZ_SYSTEM_HZ_OBSERVATION),
                 HZ_CODE_EMBRYO_TRANSFER) != 0 ||
      hz_fhir_jv_is_void (observation) ||
      !hz_fhir_parse_date (hz_jv_get_string (observation, "valueDateTime"), &date))
    return FALSE;

  for (const HzJv *component = hz_jv_get_first (hz_jv_get_array (observation, "component"));
       component != NULL;
       component = hz_jv_get_next (component))
    {
      const char *code = hz_fhir_jv_get_concept_code (component, "code", HZ_SYSTEM_HZ_OBSERVATION);
      gint64 value;

      if (g_strcmp0 (code, HZ_CODE_EMBRYO_AGE_DAYS) == 0 &&
          hz_jv_get_int64 (hz_jv_get (component, "valueInteger"), &value) &&
          value >= 0 && value <= 30)
        age = (int) value;
      else if (g_strcmp0 (code, HZ_CODE_ART_METHOD) == 0)
        method = hz_fhir_jv_get_concept_code (component, "valueCodeableConcept", HZ_SYSTEM_HZ_OBSERVATION);
    }

  if (transfer_date != NULL)
    *transfer_date = date;
  if (embryo_age_days != NULL)
    *embryo_age_days = age;
  if (art_method != NULL)
    *art_method = method;
  return TRUE;
}
