/* hz-reproductive-records.c — the resources the reproductive page writes (no GTK)
 *
 * Each as docs/data-model.md describes it: the team tag reproductive, the
 * case's Patient as subject, Huizhen's own codes beside ICD-10 and LOINC.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-reproductive"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hz-reproductive-private.h"

#define HZ_SYSTEM_HZ_TASK   "https://huizhen.github.io/fhir/CodeSystem/task"
#define UCUM                "http://unitsofmeasure.org"

/* A CodeableConcept of the codings (system, code, display triples, NULL
 * ended) and @text */
static JsonObject *
new_concept (const char *text,
             ...)
{
  JsonObject *concept = json_object_new ();
  JsonArray *codings = json_array_new ();
  const char *system;
  va_list args;

  va_start (args, text);
  while ((system = va_arg (args, const char *)) != NULL)
    {
      const char *code = va_arg (args, const char *);
      const char *display = va_arg (args, const char *);

      json_array_add_object_element (codings, hz_fhir_new_coding (system, code, display));
    }
  va_end (args);

  if (json_array_get_length (codings) > 0)
    json_object_set_array_member (concept, "coding", codings);
  else
    json_array_unref (codings);
  if (text != NULL)
    json_object_set_string_member (concept, "text", text);
  return concept;
}

static JsonObject *
new_display (const char *display)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "display", display);
  return object;
}

static char *
iso_day (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date),
                          g_date_get_month (date), g_date_get_day (date));
}

static char *
now_instant (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S%:z");
}

/* resourceType, id, the team tag and the subject */
static JsonObject *
new_resource (HzCase     *kase,
              const char *type,
              const char *id_prefix,
              const char *subject_member)
{
  JsonObject *resource = json_object_new ();
  HzResource *patient = hz_case_get_patient (kase);
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *id = g_strdup_printf ("%s-%s", id_prefix, uuid);

  json_object_set_string_member (resource, "resourceType", type);
  json_object_set_string_member (resource, "id", id);
  hz_fhir_set_team_tag (resource, HZ_TEAM_REPRODUCTIVE);

  if (patient != NULL)
    {
      JsonObject *subject = json_object_new ();

      json_object_set_string_member (subject, "reference", hz_resource_get_reference (patient));
      json_object_set_string_member (subject, "display", hz_case_get_patient_name (kase));
      json_object_set_object_member (resource, subject_member, subject);
    }
  return resource;
}

JsonObject *
hz_reproductive_new_outcome (HzCase                 *kase,
                             HzPregnancyOutcomeKind  kind,
                             const GDate            *date,
                             int                     ga_days)
{
  JsonObject *condition = new_resource (kase, "Condition", "pregnancy-outcome", "subject");
  const char *name = hz_pregnancy_outcome_get_display_name (kind);
  g_autofree char *day = iso_day (date);
  g_autofree char *recorded = now_instant ();

  if (ga_days >= 0)
    {
      JsonArray *extensions = json_array_new ();
      JsonObject *extension = json_object_new ();
      JsonObject *quantity = json_object_new ();

      json_object_set_string_member (extension, "url", HZ_EXTENSION_GA_AT_OUTCOME);
      json_object_set_int_member (quantity, "value", ga_days);
      json_object_set_string_member (quantity, "unit", "d");
      json_object_set_string_member (quantity, "system", UCUM);
      json_object_set_string_member (quantity, "code", "d");
      json_object_set_object_member (extension, "valueQuantity", quantity);
      json_array_add_object_element (extensions, extension);
      json_object_set_array_member (condition, "extension", extensions);
    }
  json_object_set_object_member (condition, "clinicalStatus",
                                 new_concept (NULL, "http://terminology.hl7.org/CodeSystem/condition-clinical",
                                              "resolved", NULL, NULL));
  json_object_set_object_member (condition, "verificationStatus",
                                 new_concept (NULL, "http://terminology.hl7.org/CodeSystem/condition-ver-status",
                                              "confirmed", NULL, NULL));
  {
    JsonArray *categories = json_array_new ();

    json_array_add_object_element (categories,
                                   new_concept (NULL, "http://terminology.hl7.org/CodeSystem/condition-category",
                                                "problem-list-item", NULL, NULL));
    json_object_set_array_member (condition, "category", categories);
  }
  json_object_set_object_member (condition, "code",
                                 new_concept (name,
                                              HZ_SYSTEM_ICD10, hz_pregnancy_outcome_get_icd10 (kind), NULL,
                                              HZ_SYSTEM_PREGNANCY_OUTCOME, hz_pregnancy_outcome_to_string (kind), NULL,
                                              NULL));
  json_object_set_string_member (condition, "onsetDateTime", day);
  json_object_set_string_member (condition, "recordedDate", recorded);
  return condition;
}

JsonObject *
hz_reproductive_new_transfer (HzCase      *kase,
                              const char  *art_method,
                              const GDate *date,
                              int          embryo_age_days)
{
  JsonObject *observation = new_resource (kase, "Observation", "embryo-transfer", "subject");
  g_autofree char *day = iso_day (date);
  JsonArray *components = json_array_new ();
  JsonObject *age = json_object_new ();
  JsonObject *method = json_object_new ();

  json_object_set_string_member (observation, "status", "final");
  json_object_set_object_member (observation, "code",
                                 new_concept (_("Embryo transfer"),
                                              HZ_SYSTEM_HZ_OBSERVATION, HZ_CODE_EMBRYO_TRANSFER, NULL, NULL));
  json_object_set_string_member (observation, "effectiveDateTime", day);
  json_object_set_string_member (observation, "valueDateTime", day);

  json_object_set_object_member (age, "code",
                                 new_concept (_("Embryo age (days)"),
                                              HZ_SYSTEM_HZ_OBSERVATION, HZ_CODE_EMBRYO_AGE_DAYS, NULL, NULL));
  json_object_set_int_member (age, "valueInteger", embryo_age_days);
  json_array_add_object_element (components, age);
  json_object_set_object_member (method, "code",
                                 new_concept (_("ART method"),
                                              HZ_SYSTEM_HZ_OBSERVATION, HZ_CODE_ART_METHOD, NULL, NULL));
  json_object_set_object_member (method, "valueCodeableConcept",
                                 new_concept (art_method, HZ_SYSTEM_HZ_OBSERVATION, art_method, NULL, NULL));
  json_array_add_object_element (components, method);
  json_object_set_array_member (observation, "component", components);
  return observation;
}

JsonObject *
hz_reproductive_new_workup_result (HzCase       *kase,
                                   HzWorkupItem  item,
                                   const GDate  *date,
                                   const char   *result,
                                   gboolean      abnormal)
{
  const HzWorkupItemInfo *info = hz_workup_item_get_info (item);
  JsonObject *observation = new_resource (kase, "Observation", "rsa-workup", "subject");
  g_autofree char *day = iso_day (date);
  JsonObject *code;
  JsonArray *interpretations = json_array_new ();
  JsonArray *categories = json_array_new ();

  json_object_set_string_member (observation, "status", "final");
  json_array_add_object_element (categories,
                                 new_concept (NULL, "http://terminology.hl7.org/CodeSystem/observation-category",
                                              "laboratory", NULL, NULL));
  json_object_set_array_member (observation, "category", categories);
  /* the item's LOINC code first where one exists (the store indexes the
   * first), then Huizhen's work-up code */
  if (info->loinc[0] != NULL)
    code = new_concept (hz_workup_item_get_label (item),
                        HZ_SYSTEM_LOINC, info->loinc[0], NULL,
                        HZ_SYSTEM_RSA_WORKUP, info->code, NULL, NULL);
  else
    code = new_concept (hz_workup_item_get_label (item),
                        HZ_SYSTEM_RSA_WORKUP, info->code, NULL, NULL);
  json_object_set_object_member (observation, "code", code);
  json_object_set_string_member (observation, "effectiveDateTime", day);
  json_object_set_string_member (observation, "valueString", result);
  json_array_add_object_element (interpretations,
                                 new_concept (abnormal ? _("Abnormal") : _("Normal"),
                                              "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation",
                                              abnormal ? "A" : "N", NULL, NULL));
  json_object_set_array_member (observation, "interpretation", interpretations);
  return observation;
}

static JsonObject *
new_activity (const char  *drug,
              const char  *dose,
              const GDate *start,
              const GDate *stop)
{
  JsonObject *activity = json_object_new ();
  JsonObject *detail = json_object_new ();
  JsonObject *period = json_object_new ();
  g_autofree char *from = iso_day (start);

  json_object_set_string_member (detail, "kind", "MedicationRequest");
  json_object_set_object_member (detail, "code", new_concept (drug, NULL));
  json_object_set_string_member (detail, "status", "in-progress");
  json_object_set_string_member (detail, "description", dose);
  json_object_set_string_member (period, "start", from);
  if (stop != NULL && g_date_valid (stop))
    {
      g_autofree char *to = iso_day (stop);

      json_object_set_string_member (period, "end", to);
    }
  json_object_set_object_member (detail, "scheduledPeriod", period);
  json_object_set_object_member (activity, "detail", detail);
  return activity;
}

JsonObject *
hz_reproductive_add_plan_activity (HzCase      *kase,
                                   HzResource  *plan,
                                   const char  *drug,
                                   const char  *dose,
                                   const GDate *start,
                                   const GDate *stop)
{
  JsonObject *careplan;
  JsonArray *activities;

  if (plan != NULL)
    careplan = hz_resource_dup_json (plan);
  else
    {
      g_autofree char *created = now_instant ();
      JsonArray *categories = json_array_new ();

      careplan = new_resource (kase, "CarePlan", "reproductive-plan", "subject");
      json_object_set_string_member (careplan, "status", "active");
      json_object_set_string_member (careplan, "intent", "plan");
      json_array_add_object_element (categories, new_concept (_("Reproductive medicine treatment plan"), NULL));
      json_object_set_array_member (careplan, "category", categories);
      json_object_set_string_member (careplan, "title", _("Reproductive medicine treatment plan"));
      json_object_set_string_member (careplan, "created", created);
    }

  if (!json_object_has_member (careplan, "activity"))
    json_object_set_array_member (careplan, "activity", json_array_new ());
  activities = json_object_get_array_member (careplan, "activity");
  json_array_add_object_element (activities, new_activity (drug, dose, start, stop));
  return careplan;
}

JsonObject *
hz_reproductive_stop_plan_activity (HzResource  *plan,
                                    guint        index,
                                    const GDate *stop)
{
  JsonObject *careplan = hz_resource_dup_json (plan);
  JsonArray *activities = json_object_get_array_member (careplan, "activity");
  JsonObject *detail, *period;
  g_autofree char *to = iso_day (stop);

  if (activities == NULL || index >= json_array_get_length (activities))
    {
      json_object_unref (careplan);
      return NULL;
    }
  detail = json_object_get_object_member (json_array_get_object_element (activities, index), "detail");
  if (detail == NULL)
    {
      json_object_unref (careplan);
      return NULL;
    }
  json_object_set_string_member (detail, "status", "stopped");
  if (!json_object_has_member (detail, "scheduledPeriod"))
    json_object_set_object_member (detail, "scheduledPeriod", json_object_new ());
  period = json_object_get_object_member (detail, "scheduledPeriod");
  json_object_set_string_member (period, "end", to);
  return careplan;
}

JsonObject *
hz_reproductive_new_handover (HzCase      *kase,
                              const char  *from,
                              const char  *to,
                              const GDate *date)
{
  JsonObject *task = new_resource (kase, "Task", "handover", "for");
  g_autofree char *day = iso_day (date);
  g_autofree char *now = now_instant ();
  JsonObject *period = json_object_new ();

  json_object_set_string_member (task, "status", "completed");
  json_object_set_string_member (task, "intent", "order");
  json_object_set_object_member (task, "code",
                                 new_concept (_("Hand-over from reproductive medicine to obstetrics"),
                                              HZ_SYSTEM_HZ_TASK, HZ_CODE_REPRODUCTIVE_HANDOVER, NULL, NULL));
  json_object_set_string_member (task, "authoredOn", now);
  json_object_set_string_member (task, "lastModified", now);
  json_object_set_object_member (task, "requester", new_display (from));
  json_object_set_object_member (task, "owner", new_display (to));
  json_object_set_string_member (period, "start", day);
  json_object_set_string_member (period, "end", day);
  json_object_set_object_member (task, "executionPeriod", period);
  return task;
}

gboolean
hz_reproductive_task_is_handover (const HzJv *task)
{
  return g_strcmp0 (hz_fhir_jv_get_concept_code (task, "code", HZ_SYSTEM_HZ_TASK),
                    HZ_CODE_REPRODUCTIVE_HANDOVER) == 0 && !hz_fhir_jv_is_void (task);
}

gboolean
hz_reproductive_is_team_resource (const HzJv *resource)
{
  return g_strcmp0 (hz_fhir_jv_get_team_tag (resource), "reproductive") == 0 &&
         !hz_fhir_jv_is_void (resource);
}

HzResource *
hz_reproductive_find_plan (HzCase *kase)
{
  GListModel *plans = hz_case_get_resources (kase, "CarePlan");

  for (guint i = g_list_model_get_n_items (plans); i > 0; i--)
    {
      g_autoptr(HzResource) plan = g_list_model_get_item (plans, i - 1);

      if (hz_reproductive_is_team_resource (hz_resource_get_value (plan)))
        return plan;  /* the model holds it */
    }
  return NULL;
}

GArray *
hz_reproductive_collect_outcomes (HzCase    *kase,
                                  GPtrArray *resources)
{
  GListModel *conditions = hz_case_get_resources (kase, "Condition");
  GArray *outcomes = g_array_new (FALSE, FALSE, sizeof (HzPregnancyOutcome));

  for (guint i = 0, n = g_list_model_get_n_items (conditions); i < n; i++)
    {
      g_autoptr(HzResource) condition = g_list_model_get_item (conditions, i);
      HzPregnancyOutcome outcome;

      if (hz_pregnancy_outcome_read (hz_resource_get_value (condition), &outcome))
        {
          g_array_append_val (outcomes, outcome);
          if (resources != NULL)
            g_ptr_array_add (resources, g_object_ref (condition));
        }
    }
  return outcomes;
}
