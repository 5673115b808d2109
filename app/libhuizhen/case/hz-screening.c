/* hz-screening.c — what a completed EPDS / PHQ-9 / GAD-7 form leads to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-case"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "huizhen.h"

/* The LOINC panels the QuestionnaireResponses name as their questionnaire
 * (hz_schedule_collect_facts() recognises them too) */
static const char * const panels[HZ_N_SCALES] = {
  [HZ_SCALE_EPDS] = "http://loinc.org/q/71354-5",
  [HZ_SCALE_PHQ9] = "http://loinc.org/q/44249-1",
  [HZ_SCALE_GAD7] = "http://loinc.org/q/69737-5",
};

#define ORDINAL_VALUE_URL "http://hl7.org/fhir/StructureDefinition/ordinalValue"
#define FLAG_DETAIL_URL   "http://hl7.org/fhir/StructureDefinition/flag-detail"

/* --- the alert rule ------------------------------------------------------ */

gboolean
hz_screening_flag_is_alert (const HzJv *flag)
{
  if (flag == NULL)
    return FALSE;

  return g_strcmp0 (hz_jv_get_string (flag, "status"), "active") == 0 &&
         g_strcmp0 (hz_fhir_jv_get_concept_code (flag, "code", HZ_SYSTEM_ALERT),
                    HZ_ALERT_SELF_HARM_RISK) == 0;
}

gboolean
hz_screening_flags_have_alert (const HzJv **flags,
                               guint        n)
{
  g_return_val_if_fail (flags != NULL || n == 0, FALSE);

  for (guint i = 0; i < n; i++)
    if (hz_screening_flag_is_alert (flags[i]))
      return TRUE;

  return FALSE;
}

/**
 * hz_screening_find_open_alert:
 *
 * Returns: (transfer none) (nullable): the latest active self-harm-risk
 *   Flag of @kase
 */
HzResource *
hz_screening_find_open_alert (HzCase *kase)
{
  GListModel *flags;
  HzResource *found = NULL;

  g_return_val_if_fail (HZ_IS_CASE (kase), NULL);

  /* oldest first: the last one open is the latest */
  flags = hz_case_get_resources (kase, "Flag");
  for (guint i = 0; i < g_list_model_get_n_items (flags); i++)
    {
      g_autoptr(HzResource) flag = g_list_model_get_item (flags, i);

      if (hz_screening_flag_is_alert (hz_resource_get_value (flag)))
        found = flag;
    }

  return found;
}

/* --- the screen's outcome ------------------------------------------------ */

static const HzThresholdId positive_thresholds[HZ_N_SCALES] = {
  [HZ_SCALE_EPDS] = HZ_THRESHOLD_EPDS_POSITIVE,
  [HZ_SCALE_PHQ9] = HZ_THRESHOLD_PHQ9_MODERATE,
  [HZ_SCALE_GAD7] = HZ_THRESHOLD_GAD7_MODERATE,
};

gboolean
hz_screening_is_positive (const HzScaleResult *result,
                          HzThresholdId       *threshold)
{
  HzThresholdId cut_off;
  gboolean met;

  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail ((guint) result->scale < HZ_N_SCALES, FALSE);

  cut_off = positive_thresholds[result->scale];
  met = hz_threshold_is_met (cut_off, result->total);
  if (threshold != NULL)
    *threshold = met ? cut_off : HZ_THRESHOLD_NONE;

  /* EPDS: item 10 alone makes the screen positive (hz_scale_score()) */
  return met || (result->scale == HZ_SCALE_EPDS && result->band == HZ_SCALE_BAND_POSITIVE);
}

gboolean
hz_screening_needs_repeat (const HzScaleResult *result)
{
  g_return_val_if_fail (result != NULL, FALSE);

  return hz_screening_is_positive (result, NULL) ||
         (result->scale == HZ_SCALE_EPDS && result->band == HZ_SCALE_BAND_REPEAT);
}

void
hz_screening_outcome_clear (HzScreeningOutcome *outcome)
{
  g_return_if_fail (outcome != NULL);

  g_clear_pointer (&outcome->response_id, g_free);
  g_clear_pointer (&outcome->observation_id, g_free);
  g_clear_pointer (&outcome->flag_id, g_free);
  g_clear_pointer (&outcome->urgent_task_id, g_free);
  g_clear_pointer (&outcome->referral_id, g_free);
  g_clear_pointer (&outcome->reminder_id, g_free);
}

/* --- building the resources ---------------------------------------------- */

static void
add_string (JsonObject *object,
            const char *member,
            const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, member, value);
}

/* {"coding": [{system, code, display}], "text": text} */
static JsonObject *
new_concept (const char *system,
             const char *code,
             const char *display,
             const char *text)
{
  JsonObject *concept = json_object_new ();

  if (code != NULL)
    {
      JsonArray *codings = json_array_new ();

      json_array_add_object_element (codings, hz_fhir_new_coding (system, code, display));
      json_object_set_array_member (concept, "coding", codings);
    }
  add_string (concept, "text", text);
  return concept;
}

static JsonArray *
array_of (JsonObject *object)
{
  JsonArray *array = json_array_new ();

  json_array_add_object_element (array, object);
  return array;
}

static JsonObject *
new_resource (const char *type,
              const char *id)
{
  JsonObject *resource = json_object_new ();

  add_string (resource, "resourceType", type);
  add_string (resource, "id", id);
  hz_fhir_set_team_tag (resource, HZ_TEAM_PSYCHOLOGY);
  return resource;
}

static char *
new_id (const char *prefix)
{
  g_autofree char *uuid = g_uuid_string_random ();

  return g_strdup_printf ("%s-%s", prefix, uuid);
}

/* To the millisecond, with the offset: two screens of one minute keep their order */
static char *
format_instant (GDateTime *when)
{
  g_autofree char *seconds = g_date_time_format (when, "%Y-%m-%dT%H:%M:%S");
  g_autofree char *offset = g_date_time_format (when, "%:z");

  return g_strdup_printf ("%s.%03d%s", seconds, g_date_time_get_microsecond (when) / 1000, offset);
}

/**
 * hz_screening_end_of_day:
 *
 * Returns: (transfer full): the last second of @when's day, with its offset
 */
char *
hz_screening_end_of_day (GDateTime *when)
{
  g_autofree char *day = NULL;
  g_autofree char *offset = NULL;

  g_return_val_if_fail (when != NULL, NULL);

  day = g_date_time_format (when, "%Y-%m-%d");
  offset = g_date_time_format (when, "%:z");
  return g_strdup_printf ("%sT23:59:59%s", day, offset);
}

static char *
format_day_after (GDateTime *when,
                  int        days)
{
  g_autoptr(GDateTime) later = g_date_time_add_days (when, days);

  return g_date_time_format (later, "%Y-%m-%d");
}

static void
set_subject (JsonObject *resource,
             const char *member,
             HzCase     *kase)
{
  HzResource *patient = hz_case_get_patient (kase);

  if (patient != NULL)
    json_object_set_object_member (resource, member,
                                   hz_fhir_new_reference (hz_resource_get_reference (patient),
                                                  hz_case_get_patient_name (kase)));
}

static JsonObject *
build_response (HzCase              *kase,
                HzScale              scale,
                const int           *answers,
                const HzScaleResult *result,
                HzScreeningEntry     entry,
                const char          *id,
                const char          *authored,
                const char          *author)
{
  JsonObject *response = new_resource ("QuestionnaireResponse", id);
  JsonArray *items = json_array_new ();

  add_string (response, "questionnaire", panels[scale]);
  add_string (response, "status", "completed");
  set_subject (response, "subject", kase);
  add_string (response, "authored", authored);
  if (entry == HZ_SCREENING_BY_PATIENT)
    {
      g_autofree char *display = author != NULL
        /* Translators: the author of a form the woman filled in herself on the tablet, handed to her by %s */
        ? g_strdup_printf (_("The woman herself, on the tablet form (handed over by %s)"), author)
        : g_strdup (_("The woman herself, on the tablet form"));

      json_object_set_object_member (response, "author", hz_fhir_new_reference (NULL, display));
      set_subject (response, "source", kase);
    }
  else if (author != NULL)
    json_object_set_object_member (response, "author", hz_fhir_new_reference (NULL, author));

  for (guint i = 0; i < hz_scale_get_n_items (scale); i++)
    {
      JsonObject *item = json_object_new ();
      JsonObject *answer = json_object_new ();
      JsonObject *coding = json_object_new ();
      JsonObject *ordinal = json_object_new ();
      g_autofree char *code = g_strdup_printf ("%d", result->scores[i]);
      g_autofree char *text = g_strdup_printf ("%u. %s", i + 1, hz_scale_get_item_text (scale, i + 1));

      add_string (item, "linkId", hz_scale_get_link_id (scale, i + 1));
      add_string (item, "text", text);

      /* the score in the code and as ordinalValue; the answer as printed */
      add_string (ordinal, "url", ORDINAL_VALUE_URL);
      json_object_set_int_member (ordinal, "valueDecimal", result->scores[i]);
      json_object_set_array_member (coding, "extension", array_of (ordinal));
      add_string (coding, "code", code);
      add_string (coding, "display", hz_scale_get_option_text (scale, i + 1, answers[i]));
      json_object_set_object_member (answer, "valueCoding", coding);
      json_object_set_array_member (item, "answer", array_of (answer));
      json_array_add_object_element (items, item);
    }
  json_object_set_array_member (response, "item", items);

  return response;
}

static JsonObject *
build_total (HzCase              *kase,
             HzScale              scale,
             const HzScaleResult *result,
             const char          *id,
             const char          *response_id,
             const char          *effective,
             const char          *performer)
{
  JsonObject *observation = new_resource ("Observation", id);
  g_autofree char *response_reference = g_strdup_printf ("QuestionnaireResponse/%s", response_id);
  g_autofree char *text = NULL;
  g_autofree char *note = NULL;

  add_string (observation, "status", "final");
  json_object_set_array_member (observation, "category",
                                array_of (new_concept ("http://terminology.hl7.org/CodeSystem/observation-category",
                                                       "survey", NULL, NULL)));
  /* Translators: the code text of a scale's total, "EPDS 总分" */
  text = g_strdup_printf (_("%s total"), hz_scale_get_name (scale));
  json_object_set_object_member (observation, "code",
                                 new_concept (HZ_SYSTEM_LOINC, hz_scale_get_loinc (scale),
                                              hz_scale_get_title (scale), text));
  set_subject (observation, "subject", kase);
  add_string (observation, "effectiveDateTime", effective);
  if (performer != NULL)
    json_object_set_array_member (observation, "performer", array_of (hz_fhir_new_reference (NULL, performer)));
  json_object_set_int_member (observation, "valueInteger", result->total);
  if (result->reading.level != HZ_THRESHOLD_LEVEL_NORMAL || result->alerts != 0)
    json_object_set_array_member (observation, "interpretation",
                                  array_of (new_concept ("http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation",
                                                         "A", NULL, hz_scale_band_get_display_name (result->band))));

  /* Translators: the band of a total and the guideline it comes from, "阳性。依据：…" */
  note = g_strdup_printf (_("%s. Source: %s"), hz_scale_band_get_display_name (result->band),
                          result->source);
  {
    JsonObject *annotation = json_object_new ();

    add_string (annotation, "text", note);
    json_object_set_array_member (observation, "note", array_of (annotation));
  }
  json_object_set_array_member (observation, "derivedFrom",
                                array_of (hz_fhir_new_reference (response_reference, NULL)));

  return observation;
}

static JsonObject *
build_flag (HzCase              *kase,
            HzScale              scale,
            const HzScaleResult *result,
            const char          *id,
            const char          *observation_id,
            const char          *start,
            const char          *author)
{
  JsonObject *flag = new_resource ("Flag", id);
  JsonObject *period = json_object_new ();
  JsonObject *detail = json_object_new ();
  g_autofree char *observation_reference = g_strdup_printf ("Observation/%s", observation_id);
  guint item = hz_scale_get_self_harm_item (scale);
  g_autofree char *text = NULL;

  add_string (flag, "status", "active");
  json_object_set_array_member (flag, "category",
                                array_of (new_concept ("http://terminology.hl7.org/CodeSystem/flag-category",
                                                       "clinical", NULL, NULL)));
  /* Translators: the urgent alert's text: "自伤风险：EPDS 第10题得分 1" */
  text = g_strdup_printf (_("Self-harm risk: %s item %u scored %d"), hz_scale_get_name (scale),
                          item, result->scores[item - 1]);
  json_object_set_object_member (flag, "code",
                                 new_concept (HZ_SYSTEM_ALERT, HZ_ALERT_SELF_HARM_RISK,
                                              C_("alert", "Self-harm risk"), text));
  set_subject (flag, "subject", kase);
  add_string (period, "start", start);
  json_object_set_object_member (flag, "period", period);
  if (author != NULL)
    json_object_set_object_member (flag, "author", hz_fhir_new_reference (NULL, author));
  add_string (detail, "url", FLAG_DETAIL_URL);
  json_object_set_object_member (detail, "valueReference", hz_fhir_new_reference (observation_reference, NULL));
  json_object_set_array_member (flag, "extension", array_of (detail));

  return flag;
}

static JsonObject *
build_task (HzCase     *kase,
            const char *id,
            const char *code,
            const char *title,
            const char *description,
            const char *priority,
            const char *focus,
            const char *authored,
            const char *requester,
            const char *start,
            const char *end)
{
  JsonObject *task = new_resource ("Task", id);
  JsonObject *restriction = json_object_new ();
  JsonObject *period = json_object_new ();

  add_string (task, "status", "requested");
  add_string (task, "intent", "order");
  add_string (task, "priority", priority);
  json_object_set_object_member (task, "code", new_concept (HZ_SYSTEM_TASK_CODE, code, NULL, title));
  add_string (task, "description", description);
  json_object_set_object_member (task, "focus", hz_fhir_new_reference (focus, NULL));
  set_subject (task, "for", kase);
  add_string (task, "authoredOn", authored);
  if (requester != NULL)
    json_object_set_object_member (task, "requester", hz_fhir_new_reference (NULL, requester));
  json_object_set_object_member (task, "owner", hz_fhir_new_reference (NULL, _("Psychology clinic")));
  add_string (period, "start", start);
  add_string (period, "end", end);
  json_object_set_object_member (restriction, "period", period);
  json_object_set_object_member (task, "restriction", restriction);

  return task;
}

static JsonObject *
build_referral (HzCase              *kase,
                HzScale              scale,
                const HzScaleResult *result,
                const char          *id,
                const char          *observation_id,
                const char          *response_id,
                const char          *authored,
                const char          *requester)
{
  JsonObject *request = new_resource ("ServiceRequest", id);
  g_autofree char *observation_reference = g_strdup_printf ("Observation/%s", observation_id);
  g_autofree char *response_reference = g_strdup_printf ("QuestionnaireResponse/%s", response_id);
  g_autofree char *note = NULL;
  JsonObject *annotation = json_object_new ();

  add_string (request, "status", "active");
  add_string (request, "intent", "order");
  add_string (request, "priority", result->alerts != 0 ? "stat" : "urgent");
  /* the category as the data model writes it: 转诊 */
  json_object_set_array_member (request, "category",
                                array_of (new_concept (HZ_SYSTEM_SERVICE_CATEGORY, "referral",
                                                       "转诊", "转诊")));
  json_object_set_object_member (request, "code",
                                 new_concept (NULL, NULL, NULL,
                                              _("Referral to the psychology clinic: perinatal depression and "
                                                "anxiety assessment")));
  set_subject (request, "subject", kase);
  add_string (request, "authoredOn", authored);
  if (requester != NULL)
    json_object_set_object_member (request, "requester", hz_fhir_new_reference (NULL, requester));
  json_object_set_array_member (request, "performer",
                                array_of (hz_fhir_new_reference (NULL, _("Psychology clinic"))));
  json_object_set_array_member (request, "reasonReference",
                                array_of (hz_fhir_new_reference (observation_reference, NULL)));
  json_object_set_array_member (request, "supportingInfo",
                                array_of (hz_fhir_new_reference (response_reference, NULL)));
  /* Translators: why the referral was made: "EPDS 总分 15：阳性" */
  note = g_strdup_printf (_("%s total %d: %s"), hz_scale_get_name (scale), result->total,
                          hz_scale_band_get_display_name (result->band));
  add_string (annotation, "text", note);
  json_object_set_array_member (request, "note", array_of (annotation));

  return request;
}

/**
 * hz_screening_build:
 * @kase: the case
 * @answers: (array length=n_answers): the printed positions chosen
 * @when: when the form was completed
 * @outcome: (out caller-allocates): the score and the ids given; clear
 *   it with hz_screening_outcome_clear()
 *
 * Returns: (transfer full) (element-type JsonObject) (nullable): the
 *   resources to write, in one transaction
 */
GPtrArray *
hz_screening_build (HzCase              *kase,
                    HzScale              scale,
                    const int           *answers,
                    guint                n_answers,
                    HzScreeningEntry     entry,
                    GDateTime           *when,
                    HzScreeningOutcome  *outcome,
                    GError             **error)
{
  g_autoptr(GPtrArray) resources = NULL;
  g_autofree char *authored = NULL;
  g_autofree char *author = NULL;
  g_autofree char *observation_reference = NULL;
  const HzScaleResult *result;

  g_return_val_if_fail (HZ_IS_CASE (kase), NULL);
  g_return_val_if_fail (when != NULL, NULL);
  g_return_val_if_fail (outcome != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  memset (outcome, 0, sizeof *outcome);
  if (!hz_scale_score (scale, answers, n_answers, &outcome->result, error))
    return NULL;
  result = &outcome->result;
  outcome->positive = hz_screening_is_positive (result, NULL);

  resources = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  authored = format_instant (when);
  author = hz_actor_dup_display (hz_store_get_actor (hz_case_get_store (kase)));

  outcome->response_id = new_id ("qr");
  outcome->observation_id = new_id (hz_scale_to_string (scale));
  observation_reference = g_strdup_printf ("Observation/%s", outcome->observation_id);
  g_ptr_array_add (resources, build_response (kase, scale, answers, result, entry,
                                              outcome->response_id, authored, author));
  g_ptr_array_add (resources, build_total (kase, scale, result, outcome->observation_id,
                                           outcome->response_id, authored, author));

  if ((result->alerts & HZ_SCALE_ALERT_SELF_HARM) != 0)
    {
      g_autofree char *flag_reference = NULL;
      g_autofree char *end = hz_screening_end_of_day (when);

      outcome->flag_id = new_id ("flag-self-harm");
      outcome->urgent_task_id = new_id ("task-same-day");
      flag_reference = g_strdup_printf ("Flag/%s", outcome->flag_id);
      g_ptr_array_add (resources, build_flag (kase, scale, result, outcome->flag_id,
                                              outcome->observation_id, authored, author));
      g_ptr_array_add (resources,
                       build_task (kase, outcome->urgent_task_id, HZ_TASK_SAME_DAY_REFERRAL,
                                   _("Same-day psychological assessment (self-harm risk)"),
                                   hz_scale_alert_get_display_name (HZ_SCALE_ALERT_SELF_HARM),
                                   "stat", flag_reference, authored, author, authored, end));
    }

  if (outcome->positive)
    {
      outcome->referral_id = new_id ("sr-psychology");
      g_ptr_array_add (resources, build_referral (kase, scale, result, outcome->referral_id,
                                                  outcome->observation_id, outcome->response_id,
                                                  authored, author));
    }

  if (hz_screening_needs_repeat (result))
    {
      g_autofree char *start = format_day_after (when, HZ_SCHEDULE_REPEAT_FROM_DAYS);
      g_autofree char *end = format_day_after (when, HZ_SCHEDULE_REPEAT_TO_DAYS);
      g_autofree char *title = NULL;

      outcome->reminder_id = new_id ("task-repeat");
      /* Translators: the reminder of a repeat screen, "EPDS 复筛提醒" */
      title = g_strdup_printf (_("Repeat %s screen"), hz_scale_get_name (scale));
      g_ptr_array_add (resources,
                       build_task (kase, outcome->reminder_id, HZ_TASK_REPEAT_SCREEN, title,
                                   _("Repeat the screen 2–4 weeks after this one"),
                                   "routine", observation_reference, authored, author, start, end));
    }

  return g_steal_pointer (&resources);
}

/**
 * hz_screening_close_alert:
 * @flag: an open self-harm-risk Flag, as the store gave it
 * @actor: (nullable): who closes it
 * @reason: (nullable): why, as the clinician wrote it
 *
 * Returns: (transfer full) (nullable): the Flag's next version
 */
JsonObject *
hz_screening_close_alert (HzResource    *flag,
                          const HzActor *actor,
                          GDateTime     *when,
                          const char    *reason,
                          GError       **error)
{
  g_autoptr(JsonObject) closed = NULL;
  g_autofree char *end = NULL;
  g_autofree char *who = NULL;
  g_autofree char *text = NULL;
  JsonObject *period;
  JsonArray *notes;
  JsonObject *annotation;

  g_return_val_if_fail (HZ_IS_RESOURCE (flag), NULL);
  g_return_val_if_fail (when != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!hz_screening_flag_is_alert (hz_resource_get_value (flag)))
    {
      g_set_error (error, HZ_CALC_ERROR, HZ_CALC_ERROR_INVALID,
                   _("%s is not an open self-harm risk alert"), hz_resource_get_reference (flag));
      return NULL;
    }

  closed = hz_resource_dup_json (flag);
  end = format_instant (when);
  json_object_set_string_member (closed, "status", "inactive");
  if (!json_object_has_member (closed, "period") ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (closed, "period")))
    json_object_set_object_member (closed, "period", json_object_new ());
  period = json_object_get_object_member (closed, "period");
  json_object_set_string_member (period, "end", end);

  who = hz_actor_dup_display (actor);
  if (reason != NULL && *reason != '\0')
    /* Translators: the note of a closed alert: who closed it, and why */
    text = g_strdup_printf (_("Alert closed by %s: %s"), who != NULL ? who : C_("psychology", "unknown"), reason);
  else
    text = g_strdup_printf (_("Alert closed by %s"), who != NULL ? who : C_("psychology", "unknown"));

  annotation = json_object_new ();
  add_string (annotation, "text", text);
  add_string (annotation, "time", end);
  if (who != NULL)
    add_string (annotation, "authorString", who);
  /* Flag has no note in R4: the closing is kept in an extension of the
   * Flag, as a note of the standard Annotation shape */
  notes = json_array_new ();
  {
    JsonObject *extension = json_object_new ();

    add_string (extension, "url", "https://huizhen.github.io/fhir/StructureDefinition/alert-closed");
    json_object_set_object_member (extension, "valueAnnotation", annotation);
    json_array_add_object_element (notes, extension);
  }
  if (json_object_has_member (closed, "extension") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (closed, "extension")))
    {
      JsonArray *extensions = json_object_get_array_member (closed, "extension");

      json_array_add_element (extensions, json_array_dup_element (notes, 0));
      json_array_unref (notes);
    }
  else
    json_object_set_array_member (closed, "extension", notes);

  return g_steal_pointer (&closed);
}

/* --- reading what was recorded --------------------------------------------- */

static gboolean
number_of (const HzJv *node,
           int        *out)
{
  gint64 i;
  double d;
  const char *str;

  if (node == NULL)
    return FALSE;
  if (hz_jv_get_int64 (node, &i))
    {
      *out = (int) i;
      return TRUE;
    }
  if (hz_jv_get_double (node, &d))
    {
      *out = (int) d;
      return TRUE;
    }
  str = hz_jv_get_str (node);
  if (str != NULL && g_ascii_string_to_signed (str, 10, 0, 3, &i, NULL))
    {
      *out = (int) i;
      return TRUE;
    }
  return FALSE;
}

static gboolean
answer_score (const HzJv *answer,
              int        *score)
{
  const HzJv *coding;

  if (number_of (hz_jv_get (answer, "valueInteger"), score))
    return TRUE;

  coding = hz_jv_get_object (answer, "valueCoding");
  for (const HzJv *ext = hz_jv_get_first (hz_jv_get_array (coding, "extension"));
       ext != NULL;
       ext = hz_jv_get_next (ext))
    if (g_strcmp0 (hz_jv_get_string (ext, "url"), ORDINAL_VALUE_URL) == 0 &&
        (number_of (hz_jv_get (ext, "valueDecimal"), score) ||
         number_of (hz_jv_get (ext, "valueInteger"), score)))
      return TRUE;

  return number_of (hz_jv_get (coding, "code"), score);
}

static gboolean
find_score (const HzJv *items,
            const char *link_id,
            int        *score)
{
  for (const HzJv *item = hz_jv_get_first (items); item != NULL; item = hz_jv_get_next (item))
    {
      if (g_strcmp0 (hz_jv_get_string (item, "linkId"), link_id) == 0 &&
          answer_score (hz_jv_get_first (hz_jv_get_array (item, "answer")), score))
        return TRUE;
      if (find_score (hz_jv_get_array (item, "item"), link_id, score))
        return TRUE;
    }
  return FALSE;
}

gboolean
hz_screening_response_get_score (const HzJv *response,
                                 const char *link_id,
                                 int        *score)
{
  g_return_val_if_fail (link_id != NULL, FALSE);
  g_return_val_if_fail (score != NULL, FALSE);

  return response != NULL && find_score (hz_jv_get_array (response, "item"), link_id, score);
}

/**
 * hz_screening_judge_observation:
 * @result: (out caller-allocates): the total's band, reading and source
 *
 * Returns: %TRUE for an EPDS, PHQ-9 or GAD-7 total with a valid value
 */
gboolean
hz_screening_judge_observation (HzCase        *kase,
                                HzResource    *observation,
                                HzScaleResult *result)
{
  const HzJv *json;
  const char *loinc;
  gboolean self_harm = FALSE;
  gint64 total;
  HzScale scale = HZ_N_SCALES;

  g_return_val_if_fail (HZ_IS_CASE (kase), FALSE);
  g_return_val_if_fail (HZ_IS_RESOURCE (observation), FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  json = hz_resource_get_value (observation);
  loinc = hz_fhir_jv_get_concept_code (json, "code", HZ_SYSTEM_LOINC);
  for (guint i = 0; i < HZ_N_SCALES; i++)
    if (g_strcmp0 (loinc, hz_scale_get_loinc (i)) == 0)
      scale = i;
  if (scale == HZ_N_SCALES || !hz_jv_get_int64 (hz_jv_get (json, "valueInteger"), &total))
    return FALSE;

  if (hz_scale_get_self_harm_item (scale) > 0)
    {
      const char *link_id = hz_scale_get_link_id (scale, hz_scale_get_self_harm_item (scale));

      for (const HzJv *derived = hz_jv_get_first (hz_jv_get_array (json, "derivedFrom"));
           derived != NULL;
           derived = hz_jv_get_next (derived))
        {
          HzResource *response = hz_case_lookup (kase, hz_jv_get_string (derived, "reference"));
          int score = 0;

          if (response != NULL &&
              hz_screening_response_get_score (hz_resource_get_value (response), link_id, &score) &&
              score > 0)
            self_harm = TRUE;
        }
    }

  return hz_scale_judge_total (scale, (int) total, self_harm, result, NULL);
}
