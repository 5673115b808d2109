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
#include "hz-guidelines-private.h"

/* ------------------------------------------------------------------------- */
/* The diagnoses of the reference's list */

typedef struct
{
  const char         *code;
  HzRiskColour        colour;   /* HZ_RISK_UNKNOWN for purple */
  gboolean            purple;
  const char         *name;     /* msgid */
  const char * const *icd10;    /* a code (with its subcodes) or a range "B20-B24" */
} ConditionFactor;

#define CODES(...) ((const char * const[]) { __VA_ARGS__, NULL })

static const ConditionFactor condition_factors[] = {
  { "scarred-uterus", HZ_RISK_YELLOW, FALSE, N_("Scarred uterus"), CODES ("O34.2") },
  { "twin-pregnancy", HZ_RISK_YELLOW, FALSE, N_("Twin pregnancy"), CODES ("O30.0") },
  { "triplets-or-more", HZ_RISK_ORANGE, FALSE, N_("Triplet or higher-order pregnancy"),
    CODES ("O30.1", "O30.2", "O30.8") },
  { "gestational-hypertension", HZ_RISK_YELLOW, FALSE, N_("Gestational hypertension"), CODES ("O13") },
  { "severe-pre-eclampsia", HZ_RISK_ORANGE, FALSE, N_("Severe pre-eclampsia"), CODES ("O14.1") },
  { "rh-isoimmunisation", HZ_RISK_ORANGE, FALSE, N_("Rh isoimmunisation"), CODES ("O36.0") },
  { "hiv", HZ_RISK_UNKNOWN, TRUE, N_("HIV infection"), CODES ("B20-B24", "Z21") },
  { "syphilis", HZ_RISK_UNKNOWN, TRUE, N_("Syphilis"), CODES ("A50-A53", "O98.1") },
  { "hepatitis-b", HZ_RISK_UNKNOWN, TRUE, N_("Chronic hepatitis B or HBV carrier"),
    CODES ("B18.0", "B18.1", "Z22.5", "O98.4") },
  { "tuberculosis", HZ_RISK_UNKNOWN, TRUE, N_("Active tuberculosis"), CODES ("A15-A19") },
};

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

static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date),
                          g_date_get_month (date), g_date_get_day (date));
}

/* A weight or height as recorded, to the gram or the tenth of a millimetre
 * without trailing zeros: 71.68, 160 */
static char *
format_measure (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char *end;

  g_ascii_formatd (buf, sizeof buf, "%.3f", value);
  end = buf + strlen (buf) - 1;
  while (end > buf && *end == '0')
    *end-- = '\0';
  if (*end == '.')
    *end = '\0';
  return g_strdup (buf);
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

/* valueQuantity in @unit_a (or @unit_b, times @factor_b) */
static gboolean
get_quantity (const HzJv *observation,
              const char *unit_a,
              const char *unit_b,
              double      factor_b,
              double     *value)
{
  HzJv *quantity = hz_jv_get_object (observation, "valueQuantity");
  const char *unit = hz_jv_get_string (quantity, "code");

  if (unit == NULL)
    unit = hz_jv_get_string (quantity, "unit");
  if (!hz_jv_get_double (hz_jv_get (quantity, "value"), value) || !isfinite (*value))
    return FALSE;
  if (g_strcmp0 (unit, unit_a) == 0)
    return TRUE;
  if (g_strcmp0 (unit, unit_b) == 0)
    {
      *value *= factor_b;
      return TRUE;
    }
  return FALSE;
}

/* The latest counting Observation of @loinc recorded by @date (an undated
 * one counts as before it) with a value in the unit asked for */
static HzResource *
find_latest (HzCase      *kase,
             const char  *loinc,
             const GDate *date,
             const char  *unit_a,
             const char  *unit_b,
             double       factor_b,
             double      *value)
{
  g_autoptr(GPtrArray) observations = hz_case_find_observations (kase, loinc);
  HzResource *found = NULL;

  for (guint i = 0; observations != NULL && i < observations->len; i++)
    {
      HzResource *resource = g_ptr_array_index (observations, i);
      const HzJv *observation = hz_resource_get_value (resource);
      GDate day;
      double v;

      if (hz_fhir_jv_is_void (observation))
        continue;
      if (hz_resource_get_day (resource, &day) && g_date_compare (&day, date) > 0)
        continue;
      if (!get_quantity (observation, unit_a, unit_b, factor_b, &v))
        continue;
      found = resource;
      *value = v;
    }

  return found;
}

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
  HzResource *weight_obs, *height_obs;
  g_autoptr(GPtrArray) bmis = NULL;
  double weight = 0, height = 0;
  HzDating dating;

  weight_obs = find_latest (kase, HZ_LOINC_PREPREG_WEIGHT, date, "kg", "g", 0.001, &weight);
  height_obs = find_latest (kase, HZ_LOINC_BODY_HEIGHT, date, "cm", "m", 100.0, &height);

  if (weight_obs != NULL && height_obs != NULL)
    {
      HzBmi bmi;

      if (hz_bmi_compute (height, weight, &bmi, NULL))
        {
          g_autofree char *w = format_measure (weight);
          g_autofree char *h = format_measure (height);

          judge_bmi (proposal, bmi.tenths,
                     /* Translators: where a pre-pregnancy BMI was computed from */
                     g_strdup_printf (_("Pre-pregnancy weight %s kg, height %s cm"), w, h),
                     hz_resource_get_reference (weight_obs));
          return;
        }
    }

  /* Else the first BMI measured before 14+0 weeks */
  hz_case_get_dating (kase, &dating);
  bmis = hz_case_find_observations (kase, HZ_LOINC_BMI);
  for (guint i = 0; bmis != NULL && i < bmis->len; i++)
    {
      HzResource *resource = g_ptr_array_index (bmis, i);
      const HzJv *observation = hz_resource_get_value (resource);
      g_autofree char *ga_text = NULL;
      g_autofree char *day_text = NULL;
      double value;
      int ga_days;
      GDate day;

      if (hz_fhir_jv_is_void (observation) ||
          !hz_resource_get_day (resource, &day) ||
          g_date_compare (&day, date) > 0 ||
          !hz_dating_ga_at (&dating, &day, &ga_days) ||
          ga_days < 0 || ga_days >= HZ_GA_SECOND_TRIMESTER_DAYS ||
          !get_quantity (observation, "kg/m2", "kg/m²", 1.0, &value) ||
          value <= 0 || value > 100)
        continue;

      ga_text = hz_ga_format (ga_days);
      day_text = format_date (&day);
      judge_bmi (proposal, (int) floor (value * 10.0 + 0.5 + 1e-9),
                 /* Translators: the day a BMI was recorded, then the gestational age */
                 g_strdup_printf (_("BMI recorded on %s (%s)"), day_text, ga_text),
                 hz_resource_get_reference (resource));
      return;
    }

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
match_condition (const ConditionFactor *factor,
                 const HzJv            *condition)
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
  for (guint f = 0; f < G_N_ELEMENTS (condition_factors); f++)
    {
      const ConditionFactor *factor = &condition_factors[f];

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
                      g_strdup (_(factor->name)),
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
new_text_concept (const char *text)
{
  JsonObject *concept = json_object_new ();

  add_string (concept, "text", text);
  return concept;
}

static JsonObject *
new_reference (const char *reference,
               const char *display)
{
  JsonObject *object = json_object_new ();

  if (reference != NULL)
    add_string (object, "reference", reference);
  if (display != NULL)
    add_string (object, "display", display);
  return object;
}

/* The risk-colour coding and its text, "黄色（一般风险）" */
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

/* "吴秀芬 副主任医师（临溪县人民医院）" */
static char *
dup_actor_display (const HzActor *actor)
{
  g_autofree char *name = NULL;

  if (actor == NULL || actor->name == NULL)
    return NULL;
  if (actor->role != NULL && *actor->role != '\0')
    name = g_strdup_printf ("%s %s", actor->name, actor->role);
  else
    name = g_strdup (actor->name);
  if (actor->hospital != NULL && *actor->hospital != '\0')
    /* Translators: a clinician, then her hospital */
    return g_strdup_printf (_("%s (%s)"), name, actor->hospital);
  return g_steal_pointer (&name);
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
  JsonArray *basis = json_array_new ();
  JsonArray *predictions = json_array_new ();
  JsonArray *notes = json_array_new ();
  JsonObject *prediction = json_object_new ();
  JsonObject *note_object = json_object_new ();
  const char *colour_name = hz_risk_colour_get_display_name (proposal->colour);

  add_string (assessment, "resourceType", "RiskAssessment");
  add_string (assessment, "id", id);
  add_string (assessment, "status", "final");
  json_object_set_object_member (assessment, "method", new_text_concept (_("Pregnancy risk grading (NHC 2017 No. 35)")));
  json_object_set_object_member (assessment, "code",
                                 new_text_concept (_("Five-colour pregnancy risk grading")));
  if (patient != NULL)
    json_object_set_object_member (assessment, "subject",
                                   new_reference (hz_resource_get_reference (patient),
                                                  hz_case_get_patient_name (kase)));
  add_string (assessment, "occurrenceDateTime", when);
  if (performer != NULL)
    json_object_set_object_member (assessment, "performer", new_reference (NULL, performer));

  for (guint i = 0; i < proposal->factors->len; i++)
    {
      const HzRiskFactor *factor = g_ptr_array_index (proposal->factors, i);

      if (sources->len > 0)
        g_string_append (sources, _("; "));
      g_string_append (sources, factor->source);
      if (factor->reference == NULL || !g_hash_table_add (seen, factor->reference))
        continue;
      json_array_add_object_element (basis, new_reference (factor->reference, NULL));
    }
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
  g_string_append_c (note, ' ');
  /* Translators: the data the factors were read from */
  g_string_append_printf (note, _("Proposed from the case's structured data: %s."), sources->str);
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
                                   new_reference (hz_resource_get_reference (patient),
                                                  hz_case_get_patient_name (kase)));
  add_string (period, "start", when);
  json_object_set_object_member (flag, "period", period);
  if (author != NULL)
    json_object_set_object_member (flag, "author", new_reference (NULL, author));

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

gboolean
hz_risk_record_grading (HzCase                *kase,
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

  g_return_val_if_fail (HZ_IS_CASE (kase), FALSE);
  g_return_val_if_fail (proposal != NULL, FALSE);
  g_return_val_if_fail (when != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  store = hz_case_get_store (kase);
  /* To the millisecond: two gradings of one second keep their order */
  {
    g_autofree char *seconds = g_date_time_format (when, "%Y-%m-%dT%H:%M:%S");
    g_autofree char *offset = g_date_time_format (when, "%:z");

    time = g_strdup_printf ("%s.%03d%s", seconds, g_date_time_get_microsecond (when) / 1000, offset);
  }
  performer = dup_actor_display (hz_store_get_actor (store));

  g_ptr_array_add (resources, new_assessment (kase, proposal, id, time, performer));

  if (proposal->purple && !store_has_purple_flag (store, hz_case_get_id (kase), &has_purple, error))
    return FALSE;
  if (proposal->purple && !has_purple)
    {
      g_autofree char *flag_uuid = g_uuid_string_random ();
      g_autofree char *flag_id = g_strdup_printf ("flag-purple-%s", flag_uuid);

      g_ptr_array_add (resources, new_purple_flag (kase, proposal, flag_id, time, performer));
    }

  if (!hz_store_put_all (store, hz_case_get_id (kase), resources, error))
    return FALSE;

  if (id_out != NULL)
    *id_out = g_steal_pointer (&id);

  return TRUE;
}
