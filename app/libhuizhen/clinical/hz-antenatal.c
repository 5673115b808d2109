/* hz-antenatal.c — an antenatal visit (产前检查) and the dating entries, as resources
 *
 * The ranges below are plausibility limits of what can be typed, not
 * clinical thresholds (those are in hz-thresholds.c): a weight of 6.5 for
 * 65 or a blood pressure typed the wrong way round is caught at the field.
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

/* Plausible ranges of the typed fields */
#define WEIGHT_MIN_KG        30.0
#define WEIGHT_MAX_KG       200.0
#define SYSTOLIC_MIN         60
#define SYSTOLIC_MAX        260
#define DIASTOLIC_MIN        30
#define DIASTOLIC_MAX       160
#define FUNDAL_MIN_CM         5.0
#define FUNDAL_MAX_CM        50.0
#define FETAL_HEART_MIN      50
#define FETAL_HEART_MAX     240
#define NEXT_VISIT_MAX_DAYS 180
#define LMP_MAX_DAYS        (44 * 7)

#define SYSTEM_OBSERVATION_CATEGORY "http://terminology.hl7.org/CodeSystem/observation-category"
#define SYSTEM_ACT_CODE             "http://terminology.hl7.org/CodeSystem/v3-ActCode"
#define SYSTEM_UCUM                 "http://unitsofmeasure.org"

/* The visit type and the appointment's category as the data model fixes
 * them (docs/data-model.md): data, the same in every language */
#define ANTENATAL_VISIT_TEXT "产前检查"

const char *
hz_oedema_get_symbol (HzOedema oedema)
{
  static const char * const symbols[] = { "−", "+", "++", "+++" };

  g_return_val_if_fail (oedema < HZ_N_OEDEMA, NULL);
  return symbols[oedema];
}

const char *
hz_urine_protein_get_symbol (HzUrineProtein protein)
{
  static const char * const symbols[] = { "−", "±", "+", "++", "+++" };

  g_return_val_if_fail (protein < HZ_N_URINE_PROTEIN, NULL);
  return symbols[protein];
}

void
hz_visit_init (HzVisit *visit)
{
  g_return_if_fail (visit != NULL);

  memset (visit, 0, sizeof *visit);
  visit->fundal_height_cm = -1;
  visit->fetal_heart_rate = -1;
  visit->oedema = HZ_OEDEMA_NONE;
  visit->urine_protein = HZ_URINE_PROTEIN_NEGATIVE;
  g_date_clear (&visit->next_visit, 1);
}

/* A decimal number as typed: digits with at most @decimals places */
static gboolean
parse_number (const char *text,
              guint       decimals,
              double     *value)
{
  const char *dot = strchr (text, '.');
  char *end = NULL;

  if (*text == '\0' || !g_ascii_isdigit (*text))
    return FALSE;
  if (dot != NULL && strlen (dot + 1) > decimals)
    return FALSE;
  if (dot != NULL && decimals == 0)
    return FALSE;
  *value = g_ascii_strtod (text, &end);
  return end != text && *end == '\0' && isfinite (*value);
}

static gboolean
range_error (GError    **error,
             const char *message)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, message);
  return FALSE;
}

gboolean
hz_visit_set_field (HzVisit      *visit,
                    HzVisitField  field,
                    const char   *text,
                    const GDate  *today,
                    GError      **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_autofree char *message = NULL;
  double value = 0;

  g_return_val_if_fail (visit != NULL, FALSE);
  g_return_val_if_fail (field < HZ_VISIT_N_FIELDS, FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);

  visit->set &= ~(1u << field);

  switch (field)
    {
    case HZ_VISIT_FIELD_WEIGHT:
      if (*stripped == '\0')
        return range_error (error, _("Enter the weight"));
      if (!parse_number (stripped, 1, &value) || value < WEIGHT_MIN_KG || value > WEIGHT_MAX_KG)
        {
          /* Translators: the plausible range of a weight typed in kg */
          message = g_strdup_printf (_("Enter a weight from %d to %d kg, to 0.1 kg"),
                                     (int) WEIGHT_MIN_KG, (int) WEIGHT_MAX_KG);
          return range_error (error, message);
        }
      visit->weight_kg = value;
      break;

    case HZ_VISIT_FIELD_SYSTOLIC:
      if (*stripped == '\0')
        return range_error (error, _("Enter the systolic pressure"));
      if (!parse_number (stripped, 0, &value) || value < SYSTOLIC_MIN || value > SYSTOLIC_MAX)
        {
          message = g_strdup_printf (_("Enter a systolic pressure from %d to %d mmHg"),
                                     SYSTOLIC_MIN, SYSTOLIC_MAX);
          return range_error (error, message);
        }
      visit->systolic = (int) value;
      break;

    case HZ_VISIT_FIELD_DIASTOLIC:
      if (*stripped == '\0')
        return range_error (error, _("Enter the diastolic pressure"));
      if (!parse_number (stripped, 0, &value) || value < DIASTOLIC_MIN || value > DIASTOLIC_MAX)
        {
          message = g_strdup_printf (_("Enter a diastolic pressure from %d to %d mmHg"),
                                     DIASTOLIC_MIN, DIASTOLIC_MAX);
          return range_error (error, message);
        }
      visit->diastolic = (int) value;
      break;

    case HZ_VISIT_FIELD_FUNDAL_HEIGHT:
      if (*stripped == '\0')
        {
          visit->fundal_height_cm = -1;
          break;
        }
      if (!parse_number (stripped, 1, &value) || value < FUNDAL_MIN_CM || value > FUNDAL_MAX_CM)
        {
          message = g_strdup_printf (_("Enter a fundal height from %d to %d cm, or leave it empty"),
                                     (int) FUNDAL_MIN_CM, (int) FUNDAL_MAX_CM);
          return range_error (error, message);
        }
      visit->fundal_height_cm = value;
      break;

    case HZ_VISIT_FIELD_FETAL_HEART:
      if (*stripped == '\0')
        {
          visit->fetal_heart_rate = -1;
          break;
        }
      if (!parse_number (stripped, 0, &value) || value < FETAL_HEART_MIN || value > FETAL_HEART_MAX)
        {
          message = g_strdup_printf (_("Enter a fetal heart rate from %d to %d beats/min, or leave it empty"),
                                     FETAL_HEART_MIN, FETAL_HEART_MAX);
          return range_error (error, message);
        }
      visit->fetal_heart_rate = (int) value;
      break;

    case HZ_VISIT_FIELD_NEXT_VISIT:
      {
        GDate date;

        if (*stripped == '\0')
          return range_error (error, _("Enter the date of the next visit"));
        if (!hz_fhir_parse_date (stripped, &date) || strlen (stripped) != 10)
          return range_error (error, _("Enter the next visit as a date, YYYY-MM-DD"));
        if (g_date_compare (&date, today) < 0)
          return range_error (error, _("The next visit cannot be in the past"));
        if (g_date_days_between (today, &date) > NEXT_VISIT_MAX_DAYS)
          {
            message = g_strdup_printf (_("The next visit must be within %d days"), NEXT_VISIT_MAX_DAYS);
            return range_error (error, message);
          }
        visit->next_visit = date;
      }
      break;

    case HZ_VISIT_N_FIELDS:
    default:
      g_return_val_if_reached (FALSE);
    }

  visit->set |= 1u << field;
  return TRUE;
}

gboolean
hz_visit_check (const HzVisit  *visit,
                HzVisitField   *field_out,
                GError        **error)
{
  static const HzVisitField required[] = {
    HZ_VISIT_FIELD_WEIGHT, HZ_VISIT_FIELD_SYSTOLIC, HZ_VISIT_FIELD_DIASTOLIC, HZ_VISIT_FIELD_NEXT_VISIT,
  };

  g_return_val_if_fail (visit != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    if ((visit->set & (1u << required[i])) == 0)
      {
        if (field_out != NULL)
          *field_out = required[i];
        return range_error (error, _("This field is required"));
      }

  if (visit->diastolic >= visit->systolic)
    {
      if (field_out != NULL)
        *field_out = HZ_VISIT_FIELD_DIASTOLIC;
      return range_error (error, _("The diastolic pressure must be below the systolic"));
    }

  return TRUE;
}

/* --- resources ----------------------------------------------------------- */

static char *
new_id (const char *prefix)
{
  g_autofree char *uuid = g_uuid_string_random ();

  return g_strdup_printf ("%s-%s", prefix, uuid);
}

static JsonObject *
new_quantity_int (gint64      value,
                  const char *unit,
                  const char *ucum)
{
  JsonObject *quantity = json_object_new ();

  json_object_set_int_member (quantity, "value", value);
  json_object_set_string_member (quantity, "unit", unit);
  json_object_set_string_member (quantity, "system", SYSTEM_UCUM);
  json_object_set_string_member (quantity, "code", ucum);
  return quantity;
}

static JsonObject *
new_quantity (double      value,
              const char *unit,
              const char *ucum)
{
  JsonObject *quantity = json_object_new ();
  /* to the tenth as typed: 62.3 stays 62.3 */
  double rounded = round (value * 10.0) / 10.0;

  if (rounded == floor (rounded))
    json_object_set_int_member (quantity, "value", (gint64) rounded);
  else
    json_object_set_double_member (quantity, "value", rounded);
  json_object_set_string_member (quantity, "unit", unit);
  json_object_set_string_member (quantity, "system", SYSTEM_UCUM);
  json_object_set_string_member (quantity, "code", ucum);
  return quantity;
}

/* An Observation of the case with its LOINC code, no value yet */
static JsonObject *
new_observation (HzCase     *kase,
                 const char *id,
                 const char *category,
                 const char *loinc,
                 const char *text,
                 const char *encounter,
                 const char *effective)
{
  JsonObject *observation = json_object_new ();
  JsonArray *categories = json_array_new ();
  HzResource *patient = hz_case_get_patient (kase);

  json_object_set_string_member (observation, "resourceType", "Observation");
  json_object_set_string_member (observation, "id", id);
  hz_fhir_set_team_tag (observation, HZ_TEAM_OBSTETRICS);
  json_object_set_string_member (observation, "status", "final");
  json_array_add_object_element (categories, hz_fhir_new_concept (SYSTEM_OBSERVATION_CATEGORY, category, NULL));
  json_object_set_array_member (observation, "category", categories);
  json_object_set_object_member (observation, "code", hz_fhir_new_concept (HZ_SYSTEM_LOINC, loinc, text));
  if (patient != NULL)
    json_object_set_object_member (observation, "subject",
                                   hz_fhir_new_reference (hz_resource_get_reference (patient),
                                                  hz_case_get_patient_name (kase)));
  if (encounter != NULL)
    json_object_set_object_member (observation, "encounter", hz_fhir_new_reference (encounter, NULL));
  json_object_set_string_member (observation, "effectiveDateTime", effective);
  return observation;
}

static JsonObject *
new_grade_concept (const char *snomed,
                   const char *symbol)
{
  JsonObject *concept = json_object_new ();

  if (snomed != NULL)
    {
      JsonArray *codings = json_array_new ();

      json_array_add_object_element (codings, hz_fhir_new_coding (HZ_SYSTEM_SNOMED, snomed, NULL));
      json_object_set_array_member (concept, "coding", codings);
    }
  json_object_set_string_member (concept, "text", symbol);
  return concept;
}

GPtrArray *
hz_visit_build_resources (HzCase        *kase,
                          const HzVisit *visit,
                          GDateTime     *when)
{
  /* SNOMED CT: pitting oedema 1+ / 2+ / 3+ (420829009 / 421605005 /
   * 421346005); no oedema is said in the text only */
  static const char * const oedema_snomed[] = { NULL, "420829009", "421605005", "421346005" };
  /* SNOMED CT qualifiers of a dipstick: negative, trace, +, ++, +++ */
  static const char * const protein_snomed[] = {
    "260385009", "260405006", "260347006", "260348001", "260349009",
  };
  GPtrArray *resources = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  HzResource *patient = hz_case_get_patient (kase);
  HzResource *episode = hz_case_get_episode (kase);
  g_autofree char *encounter_id = new_id ("visit");
  g_autofree char *encounter_ref = g_strdup_printf ("Encounter/%s", encounter_id);
  g_autofree char *effective = NULL;
  g_autofree char *performer = NULL;
  JsonObject *encounter, *observation, *appointment, *component, *period, *participant;
  JsonArray *array, *components, *participants;
  g_autofree char *id = NULL;

  g_return_val_if_fail (HZ_IS_CASE (kase), NULL);
  g_return_val_if_fail (visit != NULL, NULL);
  g_return_val_if_fail (when != NULL, NULL);

  effective = hz_fhir_format_instant (when);
  performer = hz_actor_dup_display (hz_store_get_actor (hz_case_get_store (kase)));

  /* The Encounter */
  encounter = json_object_new ();
  json_object_set_string_member (encounter, "resourceType", "Encounter");
  json_object_set_string_member (encounter, "id", encounter_id);
  hz_fhir_set_team_tag (encounter, HZ_TEAM_OBSTETRICS);
  json_object_set_string_member (encounter, "status", "finished");
  json_object_set_object_member (encounter, "class", hz_fhir_new_coding (SYSTEM_ACT_CODE, "AMB", "ambulatory"));
  array = json_array_new ();
  json_array_add_object_element (array, hz_fhir_new_concept (NULL, NULL, ANTENATAL_VISIT_TEXT));
  json_object_set_array_member (encounter, "type", array);
  if (patient != NULL)
    json_object_set_object_member (encounter, "subject",
                                   hz_fhir_new_reference (hz_resource_get_reference (patient),
                                                  hz_case_get_patient_name (kase)));
  if (episode != NULL)
    {
      array = json_array_new ();
      json_array_add_object_element (array, hz_fhir_new_reference (hz_resource_get_reference (episode), NULL));
      json_object_set_array_member (encounter, "episodeOfCare", array);
    }
  if (performer != NULL)
    {
      participants = json_array_new ();
      participant = json_object_new ();
      json_object_set_object_member (participant, "individual", hz_fhir_new_reference (NULL, performer));
      json_array_add_object_element (participants, participant);
      json_object_set_array_member (encounter, "participant", participants);
    }
  period = json_object_new ();
  json_object_set_string_member (period, "start", effective);
  json_object_set_object_member (encounter, "period", period);
  g_ptr_array_add (resources, encounter);

  /* Weight */
  id = new_id ("visit-weight");
  observation = new_observation (kase, id, "vital-signs", HZ_LOINC_BODY_WEIGHT, _("Body weight"),
                                 encounter_ref, effective);
  json_object_set_object_member (observation, "valueQuantity", new_quantity (visit->weight_kg, "kg", "kg"));
  g_ptr_array_add (resources, observation);
  g_clear_pointer (&id, g_free);

  /* Blood pressure */
  id = new_id ("visit-bp");
  observation = new_observation (kase, id, "vital-signs", HZ_LOINC_BP_PANEL, _("Blood pressure"),
                                 encounter_ref, effective);
  components = json_array_new ();
  component = json_object_new ();
  json_object_set_object_member (component, "code",
                                 hz_fhir_new_concept (HZ_SYSTEM_LOINC, HZ_LOINC_BP_SYSTOLIC, _("Systolic blood pressure")));
  json_object_set_object_member (component, "valueQuantity", new_quantity_int (visit->systolic, "mmHg", "mm[Hg]"));
  json_array_add_object_element (components, component);
  component = json_object_new ();
  json_object_set_object_member (component, "code",
                                 hz_fhir_new_concept (HZ_SYSTEM_LOINC, HZ_LOINC_BP_DIASTOLIC, _("Diastolic blood pressure")));
  json_object_set_object_member (component, "valueQuantity", new_quantity_int (visit->diastolic, "mmHg", "mm[Hg]"));
  json_array_add_object_element (components, component);
  json_object_set_array_member (observation, "component", components);
  g_ptr_array_add (resources, observation);
  g_clear_pointer (&id, g_free);

  /* Fundal height and fetal heart rate, when measured */
  if (visit->fundal_height_cm >= 0)
    {
      id = new_id ("visit-fundal-height");
      observation = new_observation (kase, id, "exam", HZ_LOINC_FUNDAL_HEIGHT, _("Fundal height"),
                                     encounter_ref, effective);
      json_object_set_object_member (observation, "valueQuantity",
                                     new_quantity (visit->fundal_height_cm, "cm", "cm"));
      g_ptr_array_add (resources, observation);
      g_clear_pointer (&id, g_free);
    }
  if (visit->fetal_heart_rate >= 0)
    {
      id = new_id ("visit-fetal-heart");
      observation = new_observation (kase, id, "exam", HZ_LOINC_FETAL_HEART_RATE, _("Fetal heart rate"),
                                     encounter_ref, effective);
      json_object_set_object_member (observation, "valueQuantity",
                                     new_quantity_int (visit->fetal_heart_rate, "/min", "/min"));
      g_ptr_array_add (resources, observation);
      g_clear_pointer (&id, g_free);
    }

  /* Oedema and urine protein */
  id = new_id ("visit-oedema");
  observation = new_observation (kase, id, "exam", HZ_LOINC_OEDEMA, _("Oedema"), encounter_ref, effective);
  json_object_set_object_member (observation, "valueCodeableConcept",
                                 new_grade_concept (oedema_snomed[visit->oedema],
                                                    hz_oedema_get_symbol (visit->oedema)));
  g_ptr_array_add (resources, observation);
  g_clear_pointer (&id, g_free);

  id = new_id ("visit-urine-protein");
  observation = new_observation (kase, id, "laboratory", HZ_LOINC_URINE_PROTEIN, _("Urine protein"),
                                 encounter_ref, effective);
  json_object_set_object_member (observation, "valueCodeableConcept",
                                 new_grade_concept (protein_snomed[visit->urine_protein],
                                                    hz_urine_protein_get_symbol (visit->urine_protein)));
  g_ptr_array_add (resources, observation);
  g_clear_pointer (&id, g_free);

  /* The next visit */
  {
    g_autoptr(GDateTime) start = g_date_time_new_local (g_date_get_year (&visit->next_visit),
                                                        g_date_get_month (&visit->next_visit),
                                                        g_date_get_day (&visit->next_visit),
                                                        8, 30, 0);
    g_autoptr(GDateTime) end = g_date_time_add_minutes (start, 30);
    g_autofree char *start_text = g_date_time_format (start, "%Y-%m-%dT%H:%M:%S%:z");
    g_autofree char *end_text = g_date_time_format (end, "%Y-%m-%dT%H:%M:%S%:z");

    id = new_id ("visit-next");
    appointment = json_object_new ();
    json_object_set_string_member (appointment, "resourceType", "Appointment");
    json_object_set_string_member (appointment, "id", id);
    hz_fhir_set_team_tag (appointment, HZ_TEAM_OBSTETRICS);
    json_object_set_string_member (appointment, "status", "booked");
    array = json_array_new ();
    json_array_add_object_element (array, hz_fhir_new_concept (NULL, NULL, ANTENATAL_VISIT_TEXT));
    json_object_set_array_member (appointment, "serviceCategory", array);
    json_object_set_object_member (appointment, "appointmentType", hz_fhir_new_concept (NULL, NULL, _("Antenatal visit")));
    json_object_set_string_member (appointment, "description", _("Antenatal visit"));
    json_object_set_string_member (appointment, "start", start_text);
    json_object_set_string_member (appointment, "end", end_text);
    json_object_set_string_member (appointment, "created", effective);
    if (episode != NULL)
      {
        array = json_array_new ();
        json_array_add_object_element (array, hz_fhir_new_reference (hz_resource_get_reference (episode), NULL));
        json_object_set_array_member (appointment, "supportingInformation", array);
      }
    participants = json_array_new ();
    if (patient != NULL)
      {
        participant = json_object_new ();
        json_object_set_object_member (participant, "actor",
                                       hz_fhir_new_reference (hz_resource_get_reference (patient),
                                                      hz_case_get_patient_name (kase)));
        json_object_set_string_member (participant, "status", "accepted");
        json_array_add_object_element (participants, participant);
      }
    if (performer != NULL)
      {
        participant = json_object_new ();
        json_object_set_object_member (participant, "actor", hz_fhir_new_reference (NULL, performer));
        json_object_set_string_member (participant, "status", "accepted");
        json_array_add_object_element (participants, participant);
      }
    json_object_set_array_member (appointment, "participant", participants);
    g_ptr_array_add (resources, appointment);
  }

  return resources;
}

/* --- dating -------------------------------------------------------------- */

static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date),
                          g_date_get_month (date), g_date_get_day (date));
}

/* A new Observation, or the next version of @previous (its id and
 * meta.versionId kept, status corrected), with @effective as its time */
static JsonObject *
dating_observation (HzCase     *kase,
                    HzResource *previous,
                    const char *prefix,
                    const char *loinc,
                    const char *text,
                    const char *effective)
{
  JsonObject *observation;
  g_autofree char *id = NULL;

  if (previous == NULL)
    {
      id = new_id (prefix);
      return new_observation (kase, id, "exam", loinc, text, NULL, effective);
    }

  observation = hz_resource_dup_json (previous);
  json_object_set_string_member (observation, "status", "corrected");
  json_object_remove_member (observation, "valueDateTime");
  json_object_remove_member (observation, "valueQuantity");
  return observation;
}

JsonObject *
hz_dating_new_lmp_observation (HzCase      *kase,
                               const GDate *lmp,
                               HzResource  *previous,
                               const GDate *today,
                               GDateTime   *when,
                               GError     **error)
{
  g_autofree char *effective = NULL;
  g_autofree char *value = NULL;
  JsonObject *observation;

  g_return_val_if_fail (HZ_IS_CASE (kase), NULL);
  g_return_val_if_fail (lmp != NULL && g_date_valid (lmp), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);
  g_return_val_if_fail (when != NULL, NULL);

  if (g_date_compare (lmp, today) > 0)
    {
      range_error (error, _("The last menstrual period cannot be in the future"));
      return NULL;
    }
  if (g_date_days_between (lmp, today) > LMP_MAX_DAYS)
    {
      range_error (error, _("The last menstrual period cannot be more than 44 weeks ago"));
      return NULL;
    }

  effective = hz_fhir_format_instant (when);
  value = format_date (lmp);
  observation = dating_observation (kase, previous, "lmp", HZ_LOINC_LMP,
                                    _("Last menstrual period"), effective);
  json_object_set_string_member (observation, "valueDateTime", value);
  return observation;
}

JsonObject *
hz_dating_new_crl_observation (HzCase      *kase,
                               double       crl_mm,
                               const GDate *scan_date,
                               HzResource  *previous,
                               const GDate *today,
                               GDateTime   *when,
                               GError     **error)
{
  g_autofree char *effective = NULL;
  g_autofree char *message = NULL;
  JsonObject *observation;

  g_return_val_if_fail (HZ_IS_CASE (kase), NULL);
  g_return_val_if_fail (scan_date != NULL && g_date_valid (scan_date), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);
  g_return_val_if_fail (when != NULL, NULL);

  if (!isfinite (crl_mm) || crl_mm < HZ_GA_CRL_MIN_MM || crl_mm > HZ_GA_CRL_MAX_MM)
    {
      /* Translators: the CRLs the dating formula holds for, in mm */
      message = g_strdup_printf (_("Enter a CRL from %d to %d mm"), HZ_GA_CRL_MIN_MM, HZ_GA_CRL_MAX_MM);
      range_error (error, message);
      return NULL;
    }
  if (g_date_compare (scan_date, today) > 0)
    {
      range_error (error, _("The scan date cannot be in the future"));
      return NULL;
    }

  /* the CRL is dated by its scan: the dating reads the effective date */
  effective = format_date (scan_date);
  observation = dating_observation (kase, previous, "crl", HZ_LOINC_CRL,
                                    _("Crown–rump length"), effective);
  json_object_set_string_member (observation, "effectiveDateTime", effective);
  json_object_set_object_member (observation, "valueQuantity", new_quantity (crl_mm, "mm", "mm"));
  return observation;
}

/* --- the delivery and the newborn's link -------------------------------------- */

/* Plausible ranges of the delivery fields */
#define BIRTH_WEIGHT_MIN_G    300
#define BIRTH_WEIGHT_MAX_G   7000
#define APGAR_MAX              10
#define DELIVERY_GA_MIN_DAYS  (20 * 7)
#define DELIVERY_GA_MAX_DAYS  (44 * 7)

/* What the ServiceRequest's performer names: data, the same in every language */
#define PERFORMER_CHILD_HEALTH "儿童保健科"
#define PERFORMER_NICU         "新生儿科（NICU）"

void
hz_delivery_init (HzDelivery *delivery)
{
  g_return_if_fail (delivery != NULL);

  memset (delivery, 0, sizeof *delivery);
  delivery->apgar_1 = -1;
  delivery->apgar_5 = -1;
  delivery->sex = HZ_NEWBORN_FEMALE;
  delivery->link = HZ_NEWBORN_LINK_CHILD_HEALTH;
}

void
hz_delivery_clear (HzDelivery *delivery)
{
  g_return_if_fail (delivery != NULL);

  g_clear_pointer (&delivery->time, g_date_time_unref);
  hz_delivery_init (delivery);
}

const char *
hz_newborn_sex_get_display_name (HzNewbornSex sex)
{
  switch (sex)
    {
    case HZ_NEWBORN_FEMALE:
      return C_("newborn", "Girl");
    case HZ_NEWBORN_MALE:
      return C_("newborn", "Boy");
    case HZ_NEWBORN_SEX_UNDETERMINED:
      return C_("newborn", "Sex undetermined");
    case HZ_N_NEWBORN_SEX:
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
hz_newborn_link_get_display_name (HzNewbornLink link)
{
  switch (link)
    {
    case HZ_NEWBORN_LINK_CHILD_HEALTH:
      return _("With the mother, then child-health follow-up");
    case HZ_NEWBORN_LINK_NICU:
      return _("Admitted to the NICU");
    case HZ_N_NEWBORN_LINKS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* "YYYY-MM-DD HH:MM" (or with a T) in local time */
static GDateTime *
parse_local_minute (const char *text)
{
  GDate date;
  g_autofree char *day = NULL;
  int hour, minute;

  if (strlen (text) != 16 || (text[10] != ' ' && text[10] != 'T') || text[13] != ':' ||
      !g_ascii_isdigit (text[11]) || !g_ascii_isdigit (text[12]) ||
      !g_ascii_isdigit (text[14]) || !g_ascii_isdigit (text[15]))
    return NULL;
  day = g_strndup (text, 10);
  if (!hz_fhir_parse_date (day, &date))
    return NULL;
  hour = (text[11] - '0') * 10 + (text[12] - '0');
  minute = (text[14] - '0') * 10 + (text[15] - '0');
  if (hour > 23 || minute > 59)
    return NULL;
  return g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                g_date_get_day (&date), hour, minute, 0);
}

static gboolean
set_apgar (int        *score,
           const char *text,
           const char *which,
           GError    **error)
{
  double value;
  g_autofree char *message = NULL;

  if (*text == '\0')
    {
      *score = -1;
      return TRUE;
    }
  if (!parse_number (text, 0, &value) || value > APGAR_MAX)
    {
      /* Translators: %s is "1-minute" or "5-minute"; Apgar scores are 0–10 */
      message = g_strdup_printf (_("Enter the %s Apgar score, 0 to 10, or leave it empty"), which);
      return range_error (error, message);
    }
  *score = (int) value;
  return TRUE;
}

gboolean
hz_delivery_set_field (HzDelivery      *delivery,
                       HzDeliveryField  field,
                       const char      *text,
                       HzCase          *kase,
                       GDateTime       *now,
                       GError         **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_autofree char *message = NULL;
  double value = 0;

  g_return_val_if_fail (delivery != NULL, FALSE);
  g_return_val_if_fail (field < HZ_DELIVERY_N_FIELDS, FALSE);
  g_return_val_if_fail (kase == NULL || HZ_IS_CASE (kase), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  delivery->set &= ~(1u << field);

  switch (field)
    {
    case HZ_DELIVERY_FIELD_TIME:
      {
        g_autoptr(GDateTime) time = NULL;
        HzDating dating;
        GDate day;
        int ga_days;

        g_clear_pointer (&delivery->time, g_date_time_unref);
        if (*stripped == '\0')
          return range_error (error, _("Enter the time of birth"));
        time = parse_local_minute (stripped);
        if (time == NULL)
          return range_error (error, _("Enter the time of birth as YYYY-MM-DD HH:MM"));
        if (g_date_time_compare (time, now) > 0)
          return range_error (error, _("The time of birth cannot be in the future"));
        if (kase != NULL)
          {
            hz_case_get_dating (kase, &dating);
            g_date_set_dmy (&day, g_date_time_get_day_of_month (time),
                            g_date_time_get_month (time), g_date_time_get_year (time));
            if (hz_dating_ga_at (&dating, &day, &ga_days) &&
                (ga_days < DELIVERY_GA_MIN_DAYS || ga_days > DELIVERY_GA_MAX_DAYS))
              {
                g_autofree char *ga = hz_ga_format (ga_days);

                if (ga_days < DELIVERY_GA_MIN_DAYS)
                  /* Translators: %s is a gestational age such as 孕18+2周 */
                  message = g_strdup_printf (_("At %s this is a pregnancy loss, not a birth: record it "
                                               "on the reproductive page"), ga);
                else
                  /* Translators: %s is a gestational age */
                  message = g_strdup_printf (_("The case's dating gives %s on that day: check the date "
                                               "or the dating"), ga);
                return range_error (error, message);
              }
          }
        delivery->time = g_steal_pointer (&time);
      }
      break;

    case HZ_DELIVERY_FIELD_BIRTH_WEIGHT:
      if (*stripped == '\0')
        return range_error (error, _("Enter the birth weight"));
      if (!parse_number (stripped, 0, &value) || value < BIRTH_WEIGHT_MIN_G || value > BIRTH_WEIGHT_MAX_G)
        {
          message = g_strdup_printf (_("Enter a birth weight from %d to %d g"),
                                     BIRTH_WEIGHT_MIN_G, BIRTH_WEIGHT_MAX_G);
          return range_error (error, message);
        }
      delivery->birth_weight_g = (int) value;
      break;

    case HZ_DELIVERY_FIELD_APGAR_1:
      if (!set_apgar (&delivery->apgar_1, stripped, _("1-minute"), error))
        return FALSE;
      break;

    case HZ_DELIVERY_FIELD_APGAR_5:
      if (!set_apgar (&delivery->apgar_5, stripped, _("5-minute"), error))
        return FALSE;
      break;

    case HZ_DELIVERY_N_FIELDS:
    default:
      g_assert_not_reached ();
    }

  delivery->set |= 1u << field;
  return TRUE;
}

gboolean
hz_delivery_check (const HzDelivery *delivery,
                   HzDeliveryField  *field_out,
                   GError          **error)
{
  static const HzDeliveryField required[] = {
    HZ_DELIVERY_FIELD_TIME, HZ_DELIVERY_FIELD_BIRTH_WEIGHT,
  };

  g_return_val_if_fail (delivery != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    if ((delivery->set & (1u << required[i])) == 0)
      {
        if (field_out != NULL)
          *field_out = required[i];
        return range_error (error, _("This field is required"));
      }
  return TRUE;
}

/* An Observation of the newborn, at its birth */
static JsonObject *
newborn_observation (const char *newborn_ref,
                     const char *newborn_name,
                     const char *prefix,
                     const char *loinc,
                     const char *text,
                     const char *effective)
{
  JsonObject *observation = json_object_new ();
  JsonArray *categories = json_array_new ();
  g_autofree char *id = new_id (prefix);

  json_object_set_string_member (observation, "resourceType", "Observation");
  json_object_set_string_member (observation, "id", id);
  hz_fhir_set_team_tag (observation, HZ_TEAM_OBSTETRICS);
  json_object_set_string_member (observation, "status", "final");
  json_array_add_object_element (categories, hz_fhir_new_concept (SYSTEM_OBSERVATION_CATEGORY,
                                                                  loinc[0] == '8' ? "vital-signs" : "exam",
                                                                  NULL));
  json_object_set_array_member (observation, "category", categories);
  json_object_set_object_member (observation, "code", hz_fhir_new_concept (HZ_SYSTEM_LOINC, loinc, text));
  json_object_set_object_member (observation, "subject", hz_fhir_new_reference (newborn_ref, newborn_name));
  json_object_set_string_member (observation, "effectiveDateTime", effective);
  return observation;
}

static JsonArray *
reference_array (const char *reference,
                 const char *display)
{
  JsonArray *array = json_array_new ();

  json_array_add_object_element (array, hz_fhir_new_reference (reference, display));
  return array;
}

GPtrArray *
hz_delivery_build_resources (HzCase           *kase,
                             const HzDelivery *delivery,
                             GDateTime        *now)
{
  static const char * const genders[] = { "female", "male", "unknown" };
  GPtrArray *resources = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  HzResource *patient = hz_case_get_patient (kase);
  const char *mother_name = hz_case_get_patient_name (kase);
  gboolean nicu = delivery->link == HZ_NEWBORN_LINK_NICU;
  g_autofree char *birth = NULL;
  g_autofree char *authored = NULL;
  g_autofree char *requester = NULL;
  g_autofree char *newborn_id = new_id ("newborn");
  g_autofree char *newborn_ref = g_strdup_printf ("Patient/%s", newborn_id);
  g_autofree char *newborn_name = NULL;
  g_autofree char *delivery_ref = NULL;
  g_autofree char *request_ref = NULL;
  g_autofree char *birth_day = NULL;
  g_autofree char *due = NULL;
  g_autofree char *weight_ref = NULL;
  JsonObject *observation, *newborn, *request, *task, *extension, *restriction, *period;
  JsonArray *array;

  g_return_val_if_fail (HZ_IS_CASE (kase), NULL);
  g_return_val_if_fail (delivery != NULL && delivery->time != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  birth = g_date_time_format (delivery->time, "%Y-%m-%dT%H:%M:00%:z");
  birth_day = g_date_time_format (delivery->time, "%Y-%m-%d");
  authored = hz_fhir_format_instant (now);
  requester = hz_actor_dup_display (hz_store_get_actor (hz_case_get_store (kase)));
  switch (delivery->sex)
    {
    case HZ_NEWBORN_FEMALE:
      /* Translators: the newborn's name until it has one, e.g. 赵婷婷之女 */
      newborn_name = g_strdup_printf (C_("newborn name", "Daughter of %s"), mother_name ? mother_name : "");
      break;
    case HZ_NEWBORN_MALE:
      /* Translators: e.g. 赵婷婷之子 */
      newborn_name = g_strdup_printf (C_("newborn name", "Son of %s"), mother_name ? mother_name : "");
      break;
    case HZ_NEWBORN_SEX_UNDETERMINED:
    case HZ_N_NEWBORN_SEX:
    default:
      /* Translators: e.g. 赵婷婷之婴 */
      newborn_name = g_strdup_printf (C_("newborn name", "Baby of %s"), mother_name ? mother_name : "");
      break;
    }

  /* The delivery, the mother's */
  {
    g_autofree char *id = new_id ("delivery");

    observation = new_observation (kase, id, "exam", HZ_LOINC_DELIVERY_DATE,
                                   _("Date and time of obstetric delivery"), NULL, birth);
    json_object_set_string_member (observation, "valueDateTime", birth);
    delivery_ref = g_strdup_printf ("Observation/%s", id);
    g_ptr_array_add (resources, observation);
  }

  /* The newborn */
  newborn = json_object_new ();
  json_object_set_string_member (newborn, "resourceType", "Patient");
  json_object_set_string_member (newborn, "id", newborn_id);
  hz_fhir_set_team_tag (newborn, HZ_TEAM_OBSTETRICS);
  extension = json_object_new ();
  json_object_set_string_member (extension, "url", HZ_EXTENSION_MOTHER);
  json_object_set_object_member (extension, "valueReference",
                                 hz_fhir_new_reference (patient != NULL ? hz_resource_get_reference (patient) : NULL,
                                                        mother_name));
  array = json_array_new ();
  json_array_add_object_element (array, extension);
  json_object_set_array_member (newborn, "extension", array);
  {
    JsonObject *name = json_object_new ();

    json_object_set_string_member (name, "text", newborn_name);
    array = json_array_new ();
    json_array_add_object_element (array, name);
    json_object_set_array_member (newborn, "name", array);
  }
  json_object_set_string_member (newborn, "gender", genders[delivery->sex]);
  json_object_set_string_member (newborn, "birthDate", birth_day);
  {
    JsonObject *birth_date = json_object_new ();

    extension = json_object_new ();
    json_object_set_string_member (extension, "url", "http://hl7.org/fhir/StructureDefinition/patient-birthTime");
    json_object_set_string_member (extension, "valueDateTime", birth);
    array = json_array_new ();
    json_array_add_object_element (array, extension);
    json_object_set_array_member (birth_date, "extension", array);
    json_object_set_object_member (newborn, "_birthDate", birth_date);
  }
  g_ptr_array_add (resources, newborn);

  /* Birth weight and Apgar scores, the newborn's */
  observation = newborn_observation (newborn_ref, newborn_name, "newborn-weight", HZ_LOINC_BIRTH_WEIGHT,
                                     _("Birth weight"), birth);
  json_object_set_object_member (observation, "valueQuantity", new_quantity_int (delivery->birth_weight_g, "g", "g"));
  weight_ref = g_strdup_printf ("Observation/%s", json_object_get_string_member (observation, "id"));
  g_ptr_array_add (resources, observation);
  if (delivery->apgar_1 >= 0)
    {
      observation = newborn_observation (newborn_ref, newborn_name, "newborn-apgar-1", HZ_LOINC_APGAR_1MIN,
                                         _("1-minute Apgar score"), birth);
      json_object_set_int_member (observation, "valueInteger", delivery->apgar_1);
      g_ptr_array_add (resources, observation);
    }
  if (delivery->apgar_5 >= 0)
    {
      g_autoptr(GDateTime) five = g_date_time_add_minutes (delivery->time, 5);
      g_autofree char *at = g_date_time_format (five, "%Y-%m-%dT%H:%M:00%:z");

      observation = newborn_observation (newborn_ref, newborn_name, "newborn-apgar-5", HZ_LOINC_APGAR_5MIN,
                                         _("5-minute Apgar score"), at);
      json_object_set_int_member (observation, "valueInteger", delivery->apgar_5);
      g_ptr_array_add (resources, observation);
    }

  /* The link: a referral to paediatrics */
  {
    g_autofree char *id = new_id ("newborn-referral");
    const char *title = nicu ? _("NICU admission") : _("Child-health follow-up");

    request = json_object_new ();
    json_object_set_string_member (request, "resourceType", "ServiceRequest");
    json_object_set_string_member (request, "id", id);
    hz_fhir_set_team_tag (request, HZ_TEAM_OBSTETRICS);
    json_object_set_string_member (request, "status", "active");
    json_object_set_string_member (request, "intent", "order");
    array = json_array_new ();
    json_array_add_object_element (array, hz_fhir_new_concept (HZ_SYSTEM_SNOMED, HZ_REFERRAL_CATEGORY_REFERRAL,
                                                               "转诊"));
    json_object_set_array_member (request, "category", array);
    json_object_set_string_member (request, "priority", nicu ? "stat" : "routine");
    json_object_set_object_member (request, "code", hz_fhir_new_concept (NULL, NULL, title));
    json_object_set_object_member (request, "subject", hz_fhir_new_reference (newborn_ref, newborn_name));
    json_object_set_string_member (request, "authoredOn", authored);
    json_object_set_object_member (request, "requester", hz_fhir_new_reference (NULL, requester));
    json_object_set_array_member (request, "performer",
                                  reference_array (NULL, nicu ? PERFORMER_NICU : PERFORMER_CHILD_HEALTH));
    array = reference_array (delivery_ref, NULL);
    json_array_add_object_element (array, hz_fhir_new_reference (weight_ref, NULL));
    json_object_set_array_member (request, "supportingInfo", array);
    request_ref = g_strdup_printf ("ServiceRequest/%s", id);
    g_ptr_array_add (resources, request);

    g_clear_pointer (&id, g_free);
    id = new_id ("newborn-task");
    task = json_object_new ();
    json_object_set_string_member (task, "resourceType", "Task");
    json_object_set_string_member (task, "id", id);
    hz_fhir_set_team_tag (task, HZ_TEAM_OBSTETRICS);
    json_object_set_array_member (task, "basedOn", reference_array (request_ref, NULL));
    json_object_set_string_member (task, "status", "requested");
    json_object_set_string_member (task, "intent", "order");
    json_object_set_string_member (task, "priority", nicu ? "stat" : "routine");
    json_object_set_object_member (task, "code",
                                   hz_fhir_new_concept (HZ_SYSTEM_TASK_CODE,
                                                        nicu ? HZ_TASK_NEWBORN_NICU : HZ_TASK_NEWBORN_CHILD_HEALTH,
                                                        title));
    json_object_set_object_member (task, "focus", hz_fhir_new_reference (request_ref, NULL));
    json_object_set_object_member (task, "for", hz_fhir_new_reference (newborn_ref, newborn_name));
    json_object_set_string_member (task, "authoredOn", authored);
    json_object_set_string_member (task, "lastModified", authored);
    json_object_set_object_member (task, "requester", hz_fhir_new_reference (NULL, requester));
    json_object_set_object_member (task, "owner",
                                   hz_fhir_new_reference (NULL, nicu ? PERFORMER_NICU : PERFORMER_CHILD_HEALTH));
    if (nicu)
      {
        g_autoptr(GDateTime) end = g_date_time_add_hours (now, HZ_SCHEDULE_NEWBORN_NICU_HOURS);

        due = hz_fhir_format_instant (end);
      }
    else
      {
        g_autoptr(GDateTime) day = g_date_time_new_local (g_date_time_get_year (delivery->time),
                                                          g_date_time_get_month (delivery->time),
                                                          g_date_time_get_day_of_month (delivery->time),
                                                          23, 59, 59);
        g_autoptr(GDateTime) end = g_date_time_add_days (day, HZ_SCHEDULE_NEWBORN_VISIT_DAYS);

        due = g_date_time_format (end, "%Y-%m-%dT%H:%M:%S%:z");
      }
    restriction = json_object_new ();
    period = json_object_new ();
    json_object_set_string_member (period, "end", due);
    json_object_set_object_member (restriction, "period", period);
    json_object_set_object_member (task, "restriction", restriction);
    g_ptr_array_add (resources, task);
  }

  return resources;
}

static int
compare_birth (gconstpointer a,
               gconstpointer b)
{
  HzResource *x = *(HzResource **) a;
  HzResource *y = *(HzResource **) b;

  return g_strcmp0 (hz_jv_get_string (hz_resource_get_value (x), "birthDate"),
                    hz_jv_get_string (hz_resource_get_value (y), "birthDate"));
}

GPtrArray *
hz_case_find_newborns (HzCase *kase)
{
  GPtrArray *newborns = g_ptr_array_new ();
  HzResource *mother;
  GListModel *patients;

  g_return_val_if_fail (HZ_IS_CASE (kase), newborns);

  mother = hz_case_get_patient (kase);
  patients = hz_case_get_resources (kase, "Patient");
  if (mother == NULL || patients == NULL)
    return newborns;

  for (guint i = 0; i < g_list_model_get_n_items (patients); i++)
    {
      g_autoptr(HzResource) patient = g_list_model_get_item (patients, i);
      HzJv *extension = hz_fhir_jv_get_extension (hz_resource_get_value (patient), HZ_EXTENSION_MOTHER);

      if (g_strcmp0 (hz_jv_get_path_string (extension, "valueReference.reference"),
                     hz_resource_get_reference (mother)) == 0)
        g_ptr_array_add (newborns, patient);
    }
  g_ptr_array_sort (newborns, compare_birth);
  return newborns;
}
