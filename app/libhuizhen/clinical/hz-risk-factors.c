/* hz-risk-factors.c — the five-colour factors found in a case's structured data
 *
 * The structured factors of 妊娠风险五色分级 (国卫办妇幼发〔2017〕35号) as
 * clinical-reference.md lists them: age, pre-pregnancy BMI (the form's own
 * cut-offs in hz-thresholds) and ICD-10 diagnoses. Resources are read on
 * their HzJv trees only; a grading is written as a new RiskAssessment of the
 * shape the demo bundles use (docs/data-model.md).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-clinical"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "huizhen.h"
#include "hz-fhir-private.h"
#include "hz-guidelines-private.h"

/* ------------------------------------------------------------------------- */
/* The form's full list: 孕产妇妊娠风险评估表 of 国卫办妇幼发〔2017〕35号, in its
 * order. The items with ICD-10 codes are those of clinical-reference.md's
 * structured table: hz_risk_propose() finds them in the case's diagnoses. */

#define CODES(...) ((const char * const[]) { __VA_ARGS__, NULL })
#define Y HZ_RISK_YELLOW, FALSE
#define O HZ_RISK_ORANGE, FALSE
#define R HZ_RISK_RED, FALSE
#define P HZ_RISK_UNKNOWN, TRUE
#define BASIC HZ_RISK_SECTION_BASIC
#define COMORB HZ_RISK_SECTION_COMORBIDITY
#define COMPL HZ_RISK_SECTION_COMPLICATION
#define INFECT HZ_RISK_SECTION_INFECTIOUS

static const HzRiskFormItem form_items[] = {
  /* 黄色 (一般风险) */
  { "age-35-or-older", Y, BASIC, N_("Age 35 or older"), NULL, TRUE },
  { "age-18-or-younger", Y, BASIC, N_("Age 18 or younger"), NULL, TRUE },
  { "bmi-over-25", Y, BASIC, N_("BMI over 25"), NULL, TRUE },
  { "bmi-under-18.5", Y, BASIC, N_("BMI under 18.5"), NULL, TRUE },
  { "genital-tract-malformation", Y, BASIC, N_("Malformation of the genital tract"), NULL, FALSE },
  { "contracted-pelvis", Y, BASIC, N_("Contracted pelvis"), NULL, FALSE },
  { "adverse-obstetric-history", Y, BASIC,
    N_("Adverse obstetric history: 3 or more miscarriages, preterm birth, perinatal death, birth defect, ectopic pregnancy or trophoblastic disease"),
    NULL, FALSE },
  { "scarred-uterus", Y, BASIC, N_("Scarred uterus"), CODES ("O34.2"), FALSE },
  { "myoma-or-cyst-5cm", Y, BASIC, N_("Uterine myoma or ovarian cyst of 5 cm or more"), NULL, FALSE },
  { "pelvic-surgery", Y, BASIC, N_("History of pelvic surgery"), NULL, FALSE },
  { "art-pregnancy", Y, BASIC, N_("Pregnancy after assisted reproduction"), NULL, FALSE },
  { "mild-heart-disease", Y, COMORB,
    N_("Heart disease needing no medication, with normal cardiac function"), NULL, FALSE },
  { "stable-chronic-disease", Y, COMORB,
    N_("Stable mild chronic disease needing no medication, with normal function (lung, kidney, endocrine or immune system)"),
    NULL, FALSE },
  { "mild-blood-disease", Y, COMORB,
    N_("Platelets 50–100×10⁹/L without bleeding, or anaemia with Hb 60–110 g/L"), NULL, FALSE },
  { "mild-neurological-disease", Y, COMORB,
    N_("Partial epilepsy, or ocular myasthenia gravis"), NULL, FALSE },
  { "sexually-transmitted-disease", Y, COMORB,
    N_("Condyloma acuminatum, gonorrhoea or another sexually transmitted disease"), NULL, FALSE },
  { "drug-use-history", Y, COMORB, N_("History of drug use"), NULL, FALSE },
  { "twin-pregnancy", Y, COMPL, N_("Twin pregnancy"), CODES ("O30.0"), FALSE },
  { "threatened-preterm-labour", Y, COMPL, N_("Threatened preterm labour"), NULL, FALSE },
  { "fetal-growth-restriction", Y, COMPL, N_("Fetal growth restriction"), NULL, FALSE },
  { "macrosomia", Y, COMPL, N_("Macrosomia"), NULL, FALSE },
  { "gestational-hypertension", Y, COMPL, N_("Gestational hypertension"), CODES ("O13"), FALSE },
  { "cholestasis", Y, COMPL, N_("Intrahepatic cholestasis of pregnancy"), NULL, FALSE },
  { "premature-rupture", Y, COMPL, N_("Premature rupture of membranes"), NULL, FALSE },
  { "oligohydramnios", Y, COMPL, N_("Oligohydramnios"), NULL, FALSE },
  { "polyhydramnios", Y, COMPL, N_("Polyhydramnios"), NULL, FALSE },
  { "malpresentation", Y, COMPL, N_("Malpresentation at 36 weeks or later"), NULL, FALSE },
  { "low-lying-placenta", Y, COMPL, N_("Low-lying placenta"), NULL, FALSE },
  { "hyperemesis", Y, COMPL, N_("Hyperemesis gravidarum"), NULL, FALSE },
  /* 橙色 (较高风险) */
  { "age-40-or-older", O, BASIC, N_("Age 40 or older"), NULL, TRUE },
  { "bmi-28-or-more", O, BASIC, N_("BMI 28 or more"), NULL, TRUE },
  { "moderate-heart-disease", O, COMORB,
    N_("Moderate heart disease: NYHA class II, EF 40–50 %, mild valve disease or mild pulmonary hypertension (under 50 mmHg)"),
    NULL, FALSE },
  { "lung-insufficiency", O, COMORB,
    N_("Asthma, or scoliosis or chest deformity with mild lung insufficiency"), NULL, FALSE },
  { "liver-disease", O, COMORB,
    N_("Unexplained abnormal liver function, or cirrhosis, bowel obstruction or digestive bleeding needing medication only"),
    NULL, FALSE },
  { "compensated-kidney-disease", O, COMORB,
    N_("Chronic kidney disease with compensated renal insufficiency (creatinine above normal)"), NULL, FALSE },
  { "endocrine-disease-on-medication", O, COMORB,
    N_("Diabetes, thyroid disease or prolactinoma needing medication"), NULL, FALSE },
  { "moderate-blood-disease", O, COMORB,
    N_("Platelets 30–50×10⁹/L, Hb 40–60 g/L, coagulopathy without bleeding, or thrombophilia"), NULL, FALSE },
  { "immune-disease-low-dose-steroids", O, COMORB,
    N_("Immune disease on low-dose steroids for 6 months or more, without activity"), NULL, FALSE },
  { "treated-cancer", O, COMORB, N_("Cancer after treatment, without metastasis or recurrence"), NULL, FALSE },
  { "intellectual-disability", O, COMORB, N_("Intellectual disability"), NULL, FALSE },
  { "psychiatric-illness-in-remission", O, COMORB, N_("Psychiatric illness in remission"), NULL, FALSE },
  { "moderate-neurological-disease", O, COMORB,
    N_("Absence epilepsy, or myasthenia gravis of the limbs or bulbar muscles"), NULL, FALSE },
  { "triplets-or-more", O, COMPL, N_("Triplet or higher-order pregnancy"),
    CODES ("O30.1", "O30.2", "O30.8"), FALSE },
  { "rh-isoimmunisation", O, COMPL, N_("Rh isoimmunisation"), CODES ("O36.0"), FALSE },
  { "recent-uterine-scar", O, COMPL,
    N_("Scarred uterus less than 18 months after the last uterine surgery"), NULL, FALSE },
  { "scar-with-placenta-praevia", O, COMPL,
    N_("Scarred uterus with central placenta praevia or suspected placenta accreta"), NULL, FALSE },
  { "two-or-more-uterine-operations", O, COMPL,
    N_("Two or more uterine operations (caesarean section, cornual pregnancy, myomectomy)"), NULL, FALSE },
  { "twins-with-cardiopulmonary-decline", O, COMPL,
    N_("Twins or polyhydramnios with declining heart or lung function"), NULL, FALSE },
  { "severe-pre-eclampsia", O, COMPL, N_("Severe pre-eclampsia"), CODES ("O14.1"), FALSE },
  { "chronic-hypertension-pre-eclampsia", O, COMPL,
    N_("Chronic hypertension with superimposed pre-eclampsia"), NULL, FALSE },
  { "unexplained-fever", O, COMPL, N_("Unexplained fever"), NULL, FALSE },
  { "postpartum-depression", O, COMPL,
    N_("Postpartum depression (a history with symptoms now), puerperal heat stroke or puerperal infection"),
    NULL, FALSE },
  /* 红色 (高风险) */
  { "severe-heart-disease", R, COMORB,
    N_("Severe heart disease: pulmonary hypertension of 50 mmHg or more, complex or cyanotic congenital heart disease, valve replacement, cardiomyopathy, endocarditis or acute myocarditis"),
    NULL, FALSE },
  { "severe-lung-disease", R, COMORB,
    N_("Lung disease impairing lung function: recurrent asthma, pulmonary fibrosis, severe chest or spine deformity"),
    NULL, FALSE },
  { "severe-digestive-disease", R, COMORB,
    N_("Severe hepatitis, decompensated cirrhosis, severe digestive bleeding, acute pancreatitis or bowel obstruction"),
    NULL, FALSE },
  { "kidney-failure", R, COMORB,
    N_("Kidney disease with hypertension or renal insufficiency (creatinine over 1.5 times normal)"), NULL, FALSE },
  { "severe-endocrine-disease", R, COMORB,
    N_("Endocrine disease with organ damage: diabetic nephropathy or retinopathy, thyrotoxicosis with heart disease, prolactinoma with visual loss, phaeochromocytoma"),
    NULL, FALSE },
  { "severe-blood-disease", R, COMORB,
    N_("Aplastic anaemia, platelets under 30×10⁹/L or falling, Hb 40 g/L or less, leukaemia, coagulopathy with bleeding, or thromboembolism"),
    NULL, FALSE },
  { "active-immune-disease", R, COMORB,
    N_("Active immune disease (systemic lupus erythematosus, severe IgA nephropathy, rheumatoid arthritis…)"), NULL, FALSE },
  { "acute-psychiatric-illness", R, COMORB, N_("Acute psychiatric illness"), NULL, FALSE },
  { "cancer-in-pregnancy", R, COMORB,
    N_("Cancer found in pregnancy, or recurring or metastatic after treatment"), NULL, FALSE },
  { "severe-neurological-disease", R, COMORB,
    N_("Cerebrovascular malformation or its surgery, generalised epilepsy, or myasthenia gravis of the trunk or breathing muscles"),
    NULL, FALSE },
  { "drug-use", R, COMORB, N_("Drug use"), NULL, FALSE },
  { "organ-failure", R, COMORB,
    N_("Other severe medical or surgical disease, organ failure"), NULL, FALSE },
  { "triplets-with-cardiopulmonary-decline", R, COMPL,
    N_("Triplets or more with declining heart or lung function"), NULL, FALSE },
  { "pernicious-placenta-praevia", R, COMPL,
    N_("Pernicious placenta praevia, or placental abruption"), NULL, FALSE },
  { "red-disease-unstable-postpartum", R, COMPL,
    N_("A red-category disease not yet stable after delivery"), NULL, FALSE },
  /* 紫色 (传染性疾病) */
  { "hiv", P, INFECT, N_("HIV infection"), CODES ("B20-B24", "Z21"), FALSE },
  { "syphilis", P, INFECT, N_("Syphilis"), CODES ("A50-A53", "O98.1"), FALSE },
  { "hepatitis-b", P, INFECT, N_("Chronic hepatitis B or HBV carrier"),
    CODES ("B18.0", "B18.1", "Z22.5", "O98.4"), FALSE },
  { "tuberculosis", P, INFECT, N_("Active tuberculosis"), CODES ("A15-A19"), FALSE },
  { "other-viral-hepatitis", P, INFECT, N_("Other viral hepatitis"), NULL, FALSE },
  { "severe-infectious-pneumonia", P, INFECT, N_("Severe infectious pneumonia"), NULL, FALSE },
  { "special-viral-infection", P, INFECT, N_("Special viral infection (H7N9, Zika…)"), NULL, FALSE },
};

#undef Y
#undef O
#undef R
#undef P
#undef BASIC
#undef COMORB
#undef COMPL
#undef INFECT

const HzRiskFormItem *
hz_risk_form_get_items (guint *n_items)
{
  if (n_items != NULL)
    *n_items = G_N_ELEMENTS (form_items);
  return form_items;
}

const HzRiskFormItem *
hz_risk_form_lookup (const char *code)
{
  for (guint i = 0; code != NULL && i < G_N_ELEMENTS (form_items); i++)
    if (g_str_equal (form_items[i].code, code))
      return &form_items[i];
  return NULL;
}

const char *
hz_risk_form_item_get_text (const HzRiskFormItem *item)
{
  g_return_val_if_fail (item != NULL, NULL);

  return _(item->text);
}

const char *
hz_risk_form_get_source (void)
{
  return _(HZ_GUIDELINE_RISK_GRADING);
}

const char *
hz_risk_section_get_display_name (HzRiskSection section)
{
  switch (section)
    {
    case HZ_RISK_SECTION_BASIC:
      return _("Basic condition");
    case HZ_RISK_SECTION_COMORBIDITY:
      return _("Comorbidity in pregnancy");
    case HZ_RISK_SECTION_COMPLICATION:
      return _("Pregnancy complication");
    case HZ_RISK_SECTION_INFECTIOUS:
    default:
      return _("Infectious disease");
    }
}

/* ------------------------------------------------------------------------- */
/* Factors and proposals */

void
hz_risk_factor_free (HzRiskFactor *factor)
{
  if (factor == NULL)
    return;

  g_free (factor->text);
  g_free (factor->source);
  g_free (factor->reference);
  g_free (factor);
}

const char *
hz_risk_factor_colour_to_string (const HzRiskFactor *factor)
{
  g_return_val_if_fail (factor != NULL, NULL);

  if (factor->purple)
    return "purple";
  return hz_risk_colour_to_string (factor->colour);
}

void
hz_risk_proposal_free (HzRiskProposal *proposal)
{
  if (proposal == NULL)
    return;

  g_clear_pointer (&proposal->factors, g_ptr_array_unref);
  g_free (proposal);
}

/* Takes @text and @source */
static void
add_factor (HzRiskProposal *proposal,
            const char     *code,
            HzRiskColour    colour,
            gboolean        purple,
            char           *text,
            char           *source,
            const char     *reference)
{
  HzRiskFactor *factor = g_new0 (HzRiskFactor, 1);

  factor->code = code;
  factor->colour = colour;
  factor->purple = purple;
  factor->text = text;
  factor->source = source;
  factor->reference = g_strdup (reference);
  g_ptr_array_add (proposal->factors, factor);

  if (purple)
    proposal->purple = TRUE;
  else if (colour > proposal->colour)
    proposal->colour = colour;
}

/* ------------------------------------------------------------------------- */
/* Age */

int
hz_risk_age_on (const GDate *birth,
                const GDate *date)
{
  int years;

  g_return_val_if_fail (birth != NULL && g_date_valid (birth), -1);
  g_return_val_if_fail (date != NULL && g_date_valid (date), -1);

  if (g_date_compare (date, birth) < 0)
    return -1;

  years = g_date_get_year (date) - g_date_get_year (birth);
  /* Not yet the birthday this year; 29 February counts as reached on 1 March */
  if (g_date_get_month (date) < g_date_get_month (birth) ||
      (g_date_get_month (date) == g_date_get_month (birth) &&
       g_date_get_day (date) < g_date_get_day (birth)))
    years--;

  return years;
}

static void
propose_age (HzRiskProposal *proposal,
             HzCase         *kase,
             const GDate    *date)
{
  HzResource *patient = hz_case_get_patient (kase);
  const char *reference = patient != NULL ? hz_resource_get_reference (patient) : NULL;
  const char *birth_text = NULL;
  GDate birth;
  int age;

  if (patient != NULL)
    birth_text = hz_jv_get_string (hz_resource_get_value (patient), "birthDate");

  if (!hz_fhir_parse_date (birth_text, &birth) ||
      (age = hz_risk_age_on (&birth, date)) < 0)
    {
      add_factor (proposal, "age-unknown", HZ_RISK_UNKNOWN, FALSE,
                  g_strdup (_("Age unknown")),
                  birth_text != NULL
                    /* Translators: the Patient.birthDate as recorded */
                    ? g_strdup_printf (_("Date of birth “%s” cannot be read"), birth_text)
                    : g_strdup (_("No date of birth recorded")),
                  reference);
      return;
    }

  if (age >= HZ_RISK_AGE_VERY_OLD)
    add_factor (proposal, "age-40-or-older", HZ_RISK_ORANGE, FALSE,
                /* Translators: the completed years, then the form's cut-off */
                g_strdup_printf (_("Advanced maternal age: %d years (%d or older)"),
                                 age, HZ_RISK_AGE_VERY_OLD),
                /* Translators: Patient.birthDate, 1990-05-01 */
                g_strdup_printf (_("Date of birth %s"), birth_text), reference);
  else if (age >= HZ_RISK_AGE_OLD)
    add_factor (proposal, "age-35-or-older", HZ_RISK_YELLOW, FALSE,
                g_strdup_printf (_("Advanced maternal age: %d years (%d or older)"),
                                 age, HZ_RISK_AGE_OLD),
                g_strdup_printf (_("Date of birth %s"), birth_text), reference);
  else if (age <= HZ_RISK_AGE_YOUNG)
    add_factor (proposal, "age-18-or-younger", HZ_RISK_YELLOW, FALSE,
                g_strdup_printf (_("Young maternal age: %d years (%d or younger)"),
                                 age, HZ_RISK_AGE_YOUNG),
                g_strdup_printf (_("Date of birth %s"), birth_text), reference);
}

/* ------------------------------------------------------------------------- */
/* Pre-pregnancy BMI */

static void
judge_bmi (HzRiskProposal *proposal,
           int             tenths,
           char           *source,
           const char     *reference)
{
  g_autofree char *value = g_strdup_printf ("%d.%d", tenths / 10, tenths % 10);
  double bmi = tenths / 10.0;
  HzThresholdId id;
  HzRiskColour colour;
  const char *code;
  g_autofree char *cut_off = NULL;
  const char *symbol;

  if (hz_threshold_is_met (HZ_THRESHOLD_RISK_BMI_OBESE, bmi))
    id = HZ_THRESHOLD_RISK_BMI_OBESE, colour = HZ_RISK_ORANGE, code = "bmi-28-or-more", symbol = "≥";
  else if (hz_threshold_is_met (HZ_THRESHOLD_RISK_BMI_HIGH, bmi))
    id = HZ_THRESHOLD_RISK_BMI_HIGH, colour = HZ_RISK_YELLOW, code = "bmi-over-25", symbol = ">";
  else if (hz_threshold_is_met (HZ_THRESHOLD_RISK_BMI_LOW, bmi))
    id = HZ_THRESHOLD_RISK_BMI_LOW, colour = HZ_RISK_YELLOW, code = "bmi-under-18.5", symbol = "<";
  else
    {
      g_free (source);
      return;
    }

  /* The form writes its cut-offs without a needless decimal: ≥28, >25, <18.5 */
  cut_off = hz_threshold_format_value (id);
  if (g_str_has_suffix (cut_off, ".0"))
    cut_off[strlen (cut_off) - 2] = '\0';

  add_factor (proposal, code, colour, FALSE,
              /* Translators: the BMI, then the form's cut-off it met: "≥28" */
              g_strdup_printf (_("Pre-pregnancy BMI %s kg/m² (%s%s)"), value, symbol, cut_off),
              source, reference);
}

static void
propose_bmi (HzRiskProposal *proposal,
             HzCase         *kase,
             const GDate    *date)
{
  HzGwgBaseline baseline;

  /* the one reading of the pre-pregnancy BMI (hz-nutrition.c), as of the
   * grading's day */
  hz_gwg_baseline_find_on (kase, date, &baseline);
  if (baseline.origin != HZ_GWG_BMI_UNKNOWN)
    {
      judge_bmi (proposal, baseline.bmi.tenths, g_steal_pointer (&baseline.source_text),
                 baseline.bmi_reference);
      hz_gwg_baseline_clear (&baseline);
      return;
    }
  hz_gwg_baseline_clear (&baseline);

  add_factor (proposal, "bmi-unknown", HZ_RISK_UNKNOWN, FALSE,
              g_strdup (_("Pre-pregnancy BMI unknown")),
              g_strdup (_("No pre-pregnancy weight with a height, and no BMI before 14 weeks")),
              NULL);
}

/* ------------------------------------------------------------------------- */
/* Diagnoses */

/* The category of a code: "A50.1" → letter 'A', number 50 */
static gboolean
split_category (const char *code,
                char       *letter,
                int        *number)
{
  if (!g_ascii_isalpha (code[0]) || !g_ascii_isdigit (code[1]) || !g_ascii_isdigit (code[2]))
    return FALSE;
  *letter = g_ascii_toupper (code[0]);
  *number = (code[1] - '0') * 10 + (code[2] - '0');
  return TRUE;
}

gboolean
hz_risk_icd10_matches (const char *pattern,
                       const char *code)
{
  const char *dash;
  gsize len;

  if (pattern == NULL || code == NULL)
    return FALSE;

  dash = strchr (pattern, '-');
  if (dash != NULL)
    {
      char first_letter, last_letter, letter;
      int first, last, number;

      if (!split_category (pattern, &first_letter, &first) ||
          !split_category (dash + 1, &last_letter, &last) ||
          !split_category (code, &letter, &number))
        return FALSE;
      return letter == first_letter && letter == last_letter && number >= first && number <= last;
    }

  len = strlen (pattern);
  if (g_ascii_strncasecmp (pattern, code, len) != 0)
    return FALSE;
  /* The code itself, or a subcode: "O13" → "O13.x00"; "O30.0" → "O30.000" */
  if (code[len] == '\0' || code[len] == '.')
    return TRUE;
  return strchr (pattern, '.') != NULL && g_ascii_isalnum (code[len]);
}

/* The first ICD-10 code of @condition that @factor lists, or NULL */
static const char *
match_condition (const HzRiskFormItem *factor,
                 const HzJv           *condition)
{
  HzJv *codings = hz_jv_get_array (hz_jv_get_object (condition, "code"), "coding");

  for (HzJv *coding = hz_jv_get_first (codings); coding != NULL; coding = hz_jv_get_next (coding))
    {
      const char *code = hz_jv_get_string (coding, "code");

      if (g_strcmp0 (hz_jv_get_string (coding, "system"), HZ_SYSTEM_ICD10) != 0)
        continue;
      for (guint i = 0; factor->icd10[i] != NULL; i++)
        if (hz_risk_icd10_matches (factor->icd10[i], code))
          return code;
    }

  return NULL;
}

static void
propose_conditions (HzRiskProposal *proposal,
                    HzCase         *kase,
                    const GDate    *date)
{
  GListModel *conditions = hz_case_get_resources (kase, "Condition");
  guint n = conditions != NULL ? g_list_model_get_n_items (conditions) : 0;

  /* One factor per row of the list, from the first diagnosis that has it */
  for (guint f = 0; f < G_N_ELEMENTS (form_items); f++)
    {
      const HzRiskFormItem *factor = &form_items[f];

      if (factor->icd10 == NULL)
        continue;

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(HzResource) resource = g_list_model_get_item (conditions, i);
          const HzJv *condition = hz_resource_get_value (resource);
          const char *text;
          const char *code;
          GDate day;

          if (!hz_fhir_jv_condition_is_active (condition))
            continue;
          if (hz_resource_get_day (resource, &day) && g_date_compare (&day, date) > 0)
            continue;
          code = match_condition (factor, condition);
          if (code == NULL)
            continue;

          text = hz_fhir_jv_get_concept_text (condition, "code");
          add_factor (proposal, factor->code, factor->colour, factor->purple,
                      g_strdup (_(factor->text)),
                      /* Translators: the diagnosis as recorded, then its ICD-10 code */
                      g_strdup_printf (_("Diagnosis: %s (%s)"), text != NULL ? text : code, code),
                      hz_resource_get_reference (resource));
          break;
        }
    }
}

HzRiskProposal *
hz_risk_propose (HzCase      *kase,
                 const GDate *date)
{
  HzRiskProposal *proposal;

  g_return_val_if_fail (HZ_IS_CASE (kase), NULL);
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  proposal = g_new0 (HzRiskProposal, 1);
  proposal->factors = g_ptr_array_new_with_free_func ((GDestroyNotify) hz_risk_factor_free);
  proposal->colour = HZ_RISK_GREEN;

  propose_age (proposal, kase, date);
  propose_bmi (proposal, kase, date);
  propose_conditions (proposal, kase, date);

  return proposal;
}

/* ------------------------------------------------------------------------- */
/* Recording a grading */

static void
add_string (JsonObject *object,
            const char *member,
            const char *value)
{
  json_object_set_string_member (object, member, value);
}

static JsonObject *
new_colour_concept (const char *code,
                    const char *display,
                    const char *text)
{
  JsonObject *concept = json_object_new ();
  JsonArray *codings = json_array_new ();
  JsonObject *coding = json_object_new ();

  add_string (coding, "system", HZ_SYSTEM_RISK_COLOUR);
  add_string (coding, "code", code);
  add_string (coding, "display", display);
  json_array_add_object_element (codings, coding);
  json_object_set_array_member (concept, "coding", codings);
  add_string (concept, "text", text);
  return concept;
}

static const char *
colour_meaning (HzRiskColour colour)
{
  switch (colour)
    {
    case HZ_RISK_YELLOW:
      return _("general risk");
    case HZ_RISK_ORANGE:
      return _("higher risk");
    case HZ_RISK_RED:
      return _("high risk");
    case HZ_RISK_GREEN:
    case HZ_RISK_UNKNOWN:
    default:
      return _("low risk");
    }
}

static char *
join_texts (const HzRiskProposal *proposal,
            gboolean              purple)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < proposal->factors->len; i++)
    {
      const HzRiskFactor *factor = g_ptr_array_index (proposal->factors, i);

      if (factor->purple != purple)
        continue;
      if (text->len > 0)
        /* Translators: between two factors of a grading */
        g_string_append (text, _("; "));
      g_string_append (text, factor->text);
    }

  if (text->len == 0)
    {
      g_string_free (text, TRUE);
      return NULL;
    }
  return g_string_free (text, FALSE);
}

/* One factor of a grading, machine-readable: which item of the form, its
 * colour, and whether it was found in the data or ticked */
static JsonObject *
new_factor_extension (const HzRiskFactor *factor)
{
  JsonObject *extension = json_object_new ();
  JsonArray *parts = json_array_new ();
  JsonObject *part;

  add_string (extension, "url", HZ_EXTENSION_RISK_FACTOR);
  part = json_object_new ();
  add_string (part, "url", "code");
  add_string (part, "valueCode", factor->code);
  json_array_add_object_element (parts, part);
  part = json_object_new ();
  add_string (part, "url", "colour");
  add_string (part, "valueCode", hz_risk_factor_colour_to_string (factor));
  json_array_add_object_element (parts, part);
  part = json_object_new ();
  add_string (part, "url", "origin");
  add_string (part, "valueCode", factor->ticked ? "ticked" : "proposed");
  json_array_add_object_element (parts, part);
  part = json_object_new ();
  add_string (part, "url", "text");
  add_string (part, "valueString", factor->text);
  json_array_add_object_element (parts, part);
  json_object_set_array_member (extension, "extension", parts);

  return extension;
}

static JsonObject *
new_assessment (HzCase               *kase,
                const HzRiskProposal *proposal,
                const char           *id,
                const char           *when,
                const char           *performer)
{
  JsonObject *assessment = json_object_new ();
  HzResource *patient = hz_case_get_patient (kase);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *factors = join_texts (proposal, FALSE);
  g_autofree char *infectious = join_texts (proposal, TRUE);
  g_autofree char *outcome_text = NULL;
  g_autoptr(GString) note = g_string_new (NULL);
  g_autoptr(GString) sources = g_string_new (NULL);
  g_autoptr(GString) ticked = g_string_new (NULL);
  JsonArray *extensions = json_array_new ();
  JsonArray *basis = json_array_new ();
  JsonArray *predictions = json_array_new ();
  JsonArray *notes = json_array_new ();
  JsonObject *prediction = json_object_new ();
  JsonObject *note_object = json_object_new ();
  const char *colour_name = hz_risk_colour_get_display_name (proposal->colour);

  add_string (assessment, "resourceType", "RiskAssessment");
  add_string (assessment, "id", id);
  hz_fhir_set_team_tag (assessment, HZ_TEAM_OBSTETRICS);
  add_string (assessment, "status", "final");
  json_object_set_object_member (assessment, "method", 
                                 hz_fhir_new_concept (NULL, NULL, _("Pregnancy risk grading (NHC 2017 No. 35)")));
  json_object_set_object_member (assessment, "code",
                                 hz_fhir_new_concept (NULL, NULL, _("Five-colour pregnancy risk grading")));
  if (patient != NULL)
    json_object_set_object_member (assessment, "subject",
                                   hz_fhir_new_reference (hz_resource_get_reference (patient),
                                                  hz_case_get_patient_name (kase)));
  add_string (assessment, "occurrenceDateTime", when);
  if (performer != NULL)
    json_object_set_object_member (assessment, "performer", hz_fhir_new_reference (NULL, performer));

  for (guint i = 0; i < proposal->factors->len; i++)
    {
      const HzRiskFactor *factor = g_ptr_array_index (proposal->factors, i);

      json_array_add_object_element (extensions, new_factor_extension (factor));
      if (factor->ticked)
        {
          if (ticked->len > 0)
            g_string_append (ticked, _("; "));
          g_string_append (ticked, factor->text);
          continue;
        }
      if (sources->len > 0)
        g_string_append (sources, _("; "));
      g_string_append (sources, factor->source);
      if (factor->reference == NULL || !g_hash_table_add (seen, factor->reference))
        continue;
      json_array_add_object_element (basis, hz_fhir_new_reference (factor->reference, NULL));
    }
  if (json_array_get_length (extensions) > 0)
    json_object_set_array_member (assessment, "extension", extensions);
  else
    json_array_unref (extensions);
  if (json_array_get_length (basis) > 0)
    json_object_set_array_member (assessment, "basis", basis);
  else
    json_array_unref (basis);

  /* Translators: a colour, then what it means: "黄色（一般风险）" */
  outcome_text = g_strdup_printf (_("%s (%s)"), colour_name, colour_meaning (proposal->colour));
  json_object_set_object_member (prediction, "outcome",
                                 new_colour_concept (hz_risk_colour_to_string (proposal->colour),
                                                     colour_name, outcome_text));
  add_string (prediction, "rationale",
              factors != NULL ? factors : _("No risk factor found in the structured data"));
  json_array_add_object_element (predictions, prediction);
  json_object_set_array_member (assessment, "prediction", predictions);

  /* Translators: the factors of a grading, as the demo's notes write them */
  g_string_append_printf (note, _("Grading factors: %s."),
                          factors != NULL ? factors : _("No risk factor found in the structured data"));
  if (infectious != NULL)
    {
      g_string_append_c (note, ' ');
      /* Translators: the infectious diseases that add the purple mark */
      g_string_append_printf (note, _("Purple: %s."), infectious);
    }
  if (sources->len > 0)
    {
      g_string_append_c (note, ' ');
      /* Translators: the data the factors were read from */
      g_string_append_printf (note, _("Proposed from the case's structured data: %s."), sources->str);
    }
  if (ticked->len > 0)
    {
      g_string_append_c (note, ' ');
      /* Translators: the factors the grading clinician ticked, then the document of the form */
      g_string_append_printf (note, _("Ticked from the form: %s (%s)."), ticked->str,
                              hz_risk_form_get_source ());
    }
  add_string (note_object, "text", note->str);
  json_array_add_object_element (notes, note_object);
  json_object_set_array_member (assessment, "note", notes);

  return assessment;
}

static JsonObject *
new_purple_flag (HzCase               *kase,
                 const HzRiskProposal *proposal,
                 const char           *id,
                 const char           *when,
                 const char           *author)
{
  JsonObject *flag = json_object_new ();
  HzResource *patient = hz_case_get_patient (kase);
  g_autofree char *infectious = join_texts (proposal, TRUE);
  g_autofree char *text = NULL;
  JsonArray *categories = json_array_new ();
  JsonObject *category = json_object_new ();
  JsonArray *codings = json_array_new ();
  JsonObject *coding = json_object_new ();
  JsonObject *period = json_object_new ();

  add_string (flag, "resourceType", "Flag");
  add_string (flag, "id", id);
  hz_fhir_set_team_tag (flag, HZ_TEAM_OBSTETRICS);
  add_string (flag, "status", "active");

  add_string (coding, "system", "http://terminology.hl7.org/CodeSystem/flag-category");
  add_string (coding, "code", "clinical");
  json_array_add_object_element (codings, coding);
  json_object_set_array_member (category, "coding", codings);
  add_string (category, "text", _("Infectious disease"));
  json_array_add_object_element (categories, category);
  json_object_set_array_member (flag, "category", categories);

  /* Translators: the purple mark, then the infectious diseases */
  text = g_strdup_printf (_("Purple (infectious disease): %s"), infectious);
  json_object_set_object_member (flag, "code",
                                 new_colour_concept ("purple", _("Purple"), text));
  if (patient != NULL)
    json_object_set_object_member (flag, "subject",
                                   hz_fhir_new_reference (hz_resource_get_reference (patient),
                                                  hz_case_get_patient_name (kase)));
  add_string (period, "start", when);
  json_object_set_object_member (flag, "period", period);
  if (author != NULL)
    json_object_set_object_member (flag, "author", hz_fhir_new_reference (NULL, author));

  return flag;
}

/* Whether the case has an active purple Flag as the store holds it now: the
 * case's models follow the store's commits asynchronously, so an earlier
 * grading of this process may not be in them yet. */
static gboolean
store_has_purple_flag (HzStore     *store,
                       const char  *case_id,
                       gboolean    *has_purple,
                       GError     **error)
{
  g_autoptr(GPtrArray) resources = hz_store_read_case (store, case_id, error);

  *has_purple = FALSE;
  if (resources == NULL)
    return FALSE;

  for (guint i = 0; i < resources->len; i++)
    {
      HzResource *resource = g_ptr_array_index (resources, i);

      if (g_strcmp0 (hz_resource_get_resource_type (resource), "Flag") == 0 &&
          hz_risk_flag_is_purple (hz_resource_get_value (resource)))
        {
          *has_purple = TRUE;
          break;
        }
    }

  return TRUE;
}

GPtrArray *
hz_risk_new_grading_resources (HzCase                *kase,
                               const HzRiskProposal  *proposal,
                               GDateTime             *when,
                               char                 **id_out,
                               GError               **error)
{
  g_autoptr(GPtrArray) resources = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  HzStore *store;
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *id = g_strdup_printf ("risk-%s", uuid);
  g_autofree char *time = NULL;
  g_autofree char *performer = NULL;
  gboolean has_purple = FALSE;

  g_return_val_if_fail (HZ_IS_CASE (kase), NULL);
  g_return_val_if_fail (proposal != NULL, NULL);
  g_return_val_if_fail (when != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  store = hz_case_get_store (kase);
  /* To the millisecond: two gradings of one second keep their order */
  time = hz_fhir_format_instant (when);
  performer = hz_actor_dup_display (hz_store_get_actor (store));

  g_ptr_array_add (resources, new_assessment (kase, proposal, id, time, performer));

  if (proposal->purple && !store_has_purple_flag (store, hz_case_get_id (kase), &has_purple, error))
    return NULL;
  if (proposal->purple && !has_purple)
    {
      g_autofree char *flag_uuid = g_uuid_string_random ();
      g_autofree char *flag_id = g_strdup_printf ("flag-purple-%s", flag_uuid);

      g_ptr_array_add (resources, new_purple_flag (kase, proposal, flag_id, time, performer));
    }

  if (id_out != NULL)
    *id_out = g_steal_pointer (&id);

  return g_steal_pointer (&resources);
}

gboolean
hz_risk_record_grading (HzCase                *kase,
                        const HzRiskProposal  *proposal,
                        GDateTime             *when,
                        char                 **id_out,
                        GError               **error)
{
  g_autoptr(GPtrArray) resources = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (HZ_IS_CASE (kase), FALSE);

  resources = hz_risk_new_grading_resources (kase, proposal, when, &id, error);
  if (resources == NULL ||
      !hz_store_put_all (hz_case_get_store (kase), hz_case_get_id (kase), resources, error))
    return FALSE;

  if (id_out != NULL)
    *id_out = g_steal_pointer (&id);

  return TRUE;
}

/* ------------------------------------------------------------------------- */
/* Ticked items, re-grading, closing the purple mark, what follows orange */

static gboolean
proposal_has_code (const HzRiskProposal *proposal,
                   const char           *code)
{
  for (guint i = 0; i < proposal->factors->len; i++)
    {
      const HzRiskFactor *factor = g_ptr_array_index (proposal->factors, i);

      if (g_strcmp0 (factor->code, code) == 0)
        return TRUE;
    }
  return FALSE;
}

gboolean
hz_risk_proposal_add_ticked (HzRiskProposal      *proposal,
                             const char * const  *codes,
                             GError             **error)
{
  g_return_val_if_fail (proposal != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* All known, or nothing added */
  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    if (hz_risk_form_lookup (codes[i]) == NULL)
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                     /* Translators: a factor code given that the form does not have */
                     _("“%s” is not an item of the five-colour grading form"), codes[i]);
        return FALSE;
      }

  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    {
      const HzRiskFormItem *item = hz_risk_form_lookup (codes[i]);

      if (proposal_has_code (proposal, item->code))
        continue;
      add_factor (proposal, item->code, item->colour, item->purple,
                  g_strdup (hz_risk_form_item_get_text (item)),
                  /* Translators: the source of a factor the clinician ticked: the form's document */
                  g_strdup_printf (_("Ticked from the form (%s)"), hz_risk_form_get_source ()),
                  NULL);
      ((HzRiskFactor *) g_ptr_array_index (proposal->factors, proposal->factors->len - 1))->ticked = TRUE;
    }

  return TRUE;
}

GStrv
hz_risk_assessment_dup_factor_codes (const HzJv *assessment,
                                     gboolean    ticked_only)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  gboolean found = FALSE;

  for (HzJv *extension = hz_jv_get_first (hz_jv_get_array (assessment, "extension"));
       extension != NULL;
       extension = hz_jv_get_next (extension))
    {
      const char *code = NULL;
      const char *origin = NULL;

      if (g_strcmp0 (hz_jv_get_string (extension, "url"), HZ_EXTENSION_RISK_FACTOR) != 0)
        continue;
      found = TRUE;
      for (HzJv *part = hz_jv_get_first (hz_jv_get_array (extension, "extension"));
           part != NULL;
           part = hz_jv_get_next (part))
        {
          const char *url = hz_jv_get_string (part, "url");

          if (g_strcmp0 (url, "code") == 0)
            code = hz_jv_get_string (part, "valueCode");
          else if (g_strcmp0 (url, "origin") == 0)
            origin = hz_jv_get_string (part, "valueCode");
        }
      if (code != NULL && (!ticked_only || g_strcmp0 (origin, "ticked") == 0))
        g_strv_builder_add (builder, code);
    }

  if (!found)
    return NULL;
  return g_strv_builder_end (builder);
}

gboolean
hz_risk_regrading_proposed (HzCase       *kase,
                            const GDate  *date,
                            HzRiskColour *proposed,
                            gboolean     *proposed_purple,
                            HzRiskColour *recorded)
{
  g_autoptr(HzRiskProposal) proposal = NULL;
  g_auto(GStrv) ticked = NULL;
  HzResource *current = NULL;
  HzRiskColour current_colour;
  gboolean current_purple;

  g_return_val_if_fail (HZ_IS_CASE (kase), FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  /* the five colours grade a pregnancy: none is asked for before one (备孕) */
  if (hz_case_is_preconception (kase))
    {
      if (proposed != NULL)
        *proposed = HZ_RISK_UNKNOWN;
      if (proposed_purple != NULL)
        *proposed_purple = FALSE;
      if (recorded != NULL)
        *recorded = hz_risk_get_current (hz_case_get_resources (kase, "RiskAssessment"), NULL);
      return FALSE;
    }

  proposal = hz_risk_propose (kase, date);
  current_colour = hz_risk_get_current (hz_case_get_resources (kase, "RiskAssessment"), &current);
  current_purple = hz_risk_get_infectious (hz_case_get_resources (kase, "Flag"));
  if (current != NULL)
    ticked = hz_risk_assessment_dup_factor_codes (hz_resource_get_value (current), TRUE);
  /* codes of this table only: a grading of a later version may know more */
  for (guint i = 0; ticked != NULL && ticked[i] != NULL; i++)
    if (hz_risk_form_lookup (ticked[i]) != NULL)
      {
        const char *one[] = { ticked[i], NULL };

        hz_risk_proposal_add_ticked (proposal, one, NULL);
      }

  if (proposed != NULL)
    *proposed = proposal->colour;
  if (proposed_purple != NULL)
    *proposed_purple = proposal->purple;
  if (recorded != NULL)
    *recorded = current != NULL ? current_colour : HZ_RISK_UNKNOWN;

  if (current == NULL)
    return TRUE;
  return proposal->colour != current_colour || proposal->purple != current_purple;
}

JsonObject *
hz_risk_flag_new_closed (HzResource *flag,
                         GDateTime  *when)
{
  JsonObject *closed;
  JsonObject *period;
  g_autofree char *end = NULL;

  g_return_val_if_fail (HZ_IS_RESOURCE (flag), NULL);
  g_return_val_if_fail (when != NULL, NULL);

  closed = hz_resource_dup_json (flag);
  json_object_set_string_member (closed, "status", "inactive");
  if (!json_object_has_member (closed, "period") ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (closed, "period")))
    json_object_set_object_member (closed, "period", json_object_new ());
  period = json_object_get_object_member (closed, "period");
  end = hz_fhir_format_instant (when);
  json_object_set_string_member (period, "end", end);

  return closed;
}

int
hz_risk_followup_hours (HzRiskColour colour)
{
  switch (colour)
    {
    case HZ_RISK_RED:
      return HZ_RISK_FOLLOWUP_HOURS_RED;
    case HZ_RISK_ORANGE:
      return HZ_RISK_FOLLOWUP_HOURS_ORANGE;
    case HZ_RISK_UNKNOWN:
    case HZ_RISK_GREEN:
    case HZ_RISK_YELLOW:
    default:
      return 0;
    }
}

JsonObject *
hz_risk_new_followup_task (HzCase       *kase,
                           const char   *risk_id,
                           HzRiskColour  colour,
                           GDateTime    *when)
{
  JsonObject *task;
  JsonObject *restriction;
  JsonObject *period;
  JsonArray *notes;
  JsonObject *note;
  HzResource *patient;
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *id = g_strdup_printf ("task-mdt-%s", uuid);
  g_autofree char *authored = NULL;
  g_autofree char *due = NULL;
  g_autofree char *focus = NULL;
  g_autofree char *note_text = NULL;
  g_autofree char *performer = NULL;
  g_autoptr(GDateTime) deadline = NULL;
  int hours = hz_risk_followup_hours (colour);

  g_return_val_if_fail (HZ_IS_CASE (kase), NULL);
  g_return_val_if_fail (risk_id != NULL, NULL);
  g_return_val_if_fail (when != NULL, NULL);

  if (hours <= 0)
    return NULL;

  deadline = g_date_time_add_hours (when, hours);
  authored = hz_fhir_format_instant (when);
  due = hz_fhir_format_instant (deadline);
  focus = g_strdup_printf ("RiskAssessment/%s", risk_id);
  patient = hz_case_get_patient (kase);
  performer = hz_actor_dup_display (hz_store_get_actor (hz_case_get_store (kase)));

  task = json_object_new ();
  add_string (task, "resourceType", "Task");
  add_string (task, "id", id);
  hz_fhir_set_team_tag (task, HZ_TEAM_OBSTETRICS);
  add_string (task, "status", "requested");
  add_string (task, "intent", "order");
  add_string (task, "priority", colour == HZ_RISK_RED ? "urgent" : "asap");
  json_object_set_object_member (task, "code", hz_fhir_new_concept (NULL, NULL, _("Arrange an MDT and a referral")));
  /* Translators: the task after an orange or red grading; the colour */
  note_text = g_strdup_printf (_("Graded %s: high-risk case management, an MDT and a referral to a "
                                 "higher-level centre, reported within %d hours (%s)."),
                               hz_risk_colour_get_display_name (colour), hours,
                               hz_risk_form_get_source ());
  add_string (task, "description", _("Arrange an MDT and a referral"));
  json_object_set_object_member (task, "focus", hz_fhir_new_reference (focus, NULL));
  if (patient != NULL)
    json_object_set_object_member (task, "for",
                                   hz_fhir_new_reference (hz_resource_get_reference (patient),
                                                  hz_case_get_patient_name (kase)));
  add_string (task, "authoredOn", authored);
  if (performer != NULL)
    json_object_set_object_member (task, "requester", hz_fhir_new_reference (NULL, performer));
  restriction = json_object_new ();
  period = json_object_new ();
  add_string (period, "end", due);
  json_object_set_object_member (restriction, "period", period);
  json_object_set_object_member (task, "restriction", restriction);
  notes = json_array_new ();
  note = json_object_new ();
  add_string (note, "text", note_text);
  json_array_add_object_element (notes, note);
  json_object_set_array_member (task, "note", notes);

  return task;
}
