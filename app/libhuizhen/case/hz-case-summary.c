/* hz-case-summary.c — one row of the case list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-case"

#include "config.h"

#include <string.h>

#include "huizhen.h"
#include "hz-case-summary-private.h"
#include "hz-fhir-private.h"

/* ------------------------------------------------------------------------- */
/* HzCaseSummary */

struct _HzCaseSummary
{
  GObject       parent_instance;

  char         *case_id;
  char         *patient_id;
  char         *patient_name;
  char         *id_card;
  char         *mrn;
  char         *birth_date;
  char         *lmp;
  char         *edd;
  char         *delivery_date;
  HzRiskColour  risk;
  gboolean      infectious;
  gboolean      demo;
  char         *status;
  char         *organization;
  char         *next_action;
  char         *updated;
};

G_DEFINE_FINAL_TYPE (HzCaseSummary, hz_case_summary, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CASE_ID,
  PROP_PATIENT_ID,
  PROP_PATIENT_NAME,
  PROP_ID_CARD,
  PROP_MRN,
  PROP_BIRTH_DATE,
  PROP_LMP,
  PROP_EDD,
  PROP_DELIVERY_DATE,
  PROP_RISK,
  PROP_INFECTIOUS,
  PROP_DEMO,
  PROP_STATUS,
  PROP_ORGANIZATION,
  PROP_NEXT_ACTION,
  PROP_UPDATED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The string fields, by property id */
static char **
string_field (HzCaseSummary *self,
              guint          prop_id)
{
  switch (prop_id)
    {
    case PROP_CASE_ID: return &self->case_id;
    case PROP_PATIENT_ID: return &self->patient_id;
    case PROP_PATIENT_NAME: return &self->patient_name;
    case PROP_ID_CARD: return &self->id_card;
    case PROP_MRN: return &self->mrn;
    case PROP_BIRTH_DATE: return &self->birth_date;
    case PROP_LMP: return &self->lmp;
    case PROP_EDD: return &self->edd;
    case PROP_DELIVERY_DATE: return &self->delivery_date;
    case PROP_STATUS: return &self->status;
    case PROP_ORGANIZATION: return &self->organization;
    case PROP_NEXT_ACTION: return &self->next_action;
    case PROP_UPDATED: return &self->updated;
    default: return NULL;
    }
}

static void
hz_case_summary_finalize (GObject *object)
{
  HzCaseSummary *self = (HzCaseSummary *)object;

  for (guint i = 1; i < N_PROPS; i++)
    {
      char **field = string_field (self, i);

      if (field != NULL)
        g_clear_pointer (field, g_free);
    }

  G_OBJECT_CLASS (hz_case_summary_parent_class)->finalize (object);
}

static void
hz_case_summary_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  HzCaseSummary *self = HZ_CASE_SUMMARY (object);
  char **field = string_field (self, prop_id);

  if (field != NULL)
    {
      g_value_set_string (value, *field);
      return;
    }

  switch (prop_id)
    {
    case PROP_RISK:
      g_value_set_int (value, self->risk);
      break;
    case PROP_INFECTIOUS:
      g_value_set_boolean (value, self->infectious);
      break;
    case PROP_DEMO:
      g_value_set_boolean (value, self->demo);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hz_case_summary_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  HzCaseSummary *self = HZ_CASE_SUMMARY (object);
  char **field = string_field (self, prop_id);

  if (field != NULL)
    {
      g_free (*field);
      *field = g_value_dup_string (value);
      return;
    }

  switch (prop_id)
    {
    case PROP_RISK:
      self->risk = g_value_get_int (value);
      break;
    case PROP_INFECTIOUS:
      self->infectious = g_value_get_boolean (value);
      break;
    case PROP_DEMO:
      self->demo = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hz_case_summary_class_init (HzCaseSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = hz_case_summary_finalize;
  object_class->get_property = hz_case_summary_get_property;
  object_class->set_property = hz_case_summary_set_property;

  properties[PROP_CASE_ID] = g_param_spec_string ("case-id", NULL, NULL, NULL, flags);
  properties[PROP_PATIENT_ID] = g_param_spec_string ("patient-id", NULL, NULL, NULL, flags);
  properties[PROP_PATIENT_NAME] = g_param_spec_string ("patient-name", NULL, NULL, NULL, flags);
  properties[PROP_ID_CARD] = g_param_spec_string ("id-card", NULL, NULL, NULL, flags);
  properties[PROP_MRN] = g_param_spec_string ("mrn", NULL, NULL, NULL, flags);
  properties[PROP_BIRTH_DATE] = g_param_spec_string ("birth-date", NULL, NULL, NULL, flags);
  properties[PROP_LMP] = g_param_spec_string ("lmp", NULL, NULL, NULL, flags);
  properties[PROP_EDD] = g_param_spec_string ("edd", NULL, NULL, NULL, flags);
  properties[PROP_DELIVERY_DATE] = g_param_spec_string ("delivery-date", NULL, NULL, NULL, flags);
  properties[PROP_RISK] = g_param_spec_int ("risk", NULL, NULL,
                                            HZ_RISK_UNKNOWN, HZ_RISK_RED, HZ_RISK_UNKNOWN, flags);
  properties[PROP_INFECTIOUS] = g_param_spec_boolean ("infectious", NULL, NULL, FALSE, flags);
  properties[PROP_DEMO] = g_param_spec_boolean ("demo", NULL, NULL, FALSE, flags);
  properties[PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, NULL, flags);
  properties[PROP_ORGANIZATION] = g_param_spec_string ("organization", NULL, NULL, NULL, flags);
  properties[PROP_NEXT_ACTION] = g_param_spec_string ("next-action", NULL, NULL, NULL, flags);
  properties[PROP_UPDATED] = g_param_spec_string ("updated", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hz_case_summary_init (HzCaseSummary *self)
{
}

/**
 * hz_case_summary_new:
 * @first_property_name: the first property, then its value, ..., %NULL
 *
 * Returns: (transfer full): a new #HzCaseSummary
 */
HzCaseSummary *
hz_case_summary_new (const char *first_property_name,
                     ...)
{
  HzCaseSummary *self;
  va_list args;

  va_start (args, first_property_name);
  self = HZ_CASE_SUMMARY (g_object_new_valist (HZ_TYPE_CASE_SUMMARY, first_property_name, args));
  va_end (args);

  return self;
}

#define GETTER(name, field)                                 \
const char *                                                \
hz_case_summary_get_##name (HzCaseSummary *self)            \
{                                                           \
  g_return_val_if_fail (HZ_IS_CASE_SUMMARY (self), NULL);   \
  return self->field;                                       \
}

GETTER (case_id, case_id)
GETTER (patient_id, patient_id)
GETTER (patient_name, patient_name)
GETTER (id_card, id_card)
GETTER (mrn, mrn)
GETTER (birth_date, birth_date)
GETTER (lmp, lmp)
GETTER (edd, edd)
GETTER (delivery_date, delivery_date)
GETTER (status, status)
GETTER (organization, organization)
GETTER (next_action, next_action)
GETTER (updated, updated)

#undef GETTER

HzRiskColour
hz_case_summary_get_risk (HzCaseSummary *self)
{
  g_return_val_if_fail (HZ_IS_CASE_SUMMARY (self), HZ_RISK_UNKNOWN);

  return self->risk;
}

gboolean
hz_case_summary_get_demo (HzCaseSummary *self)
{
  g_return_val_if_fail (HZ_IS_CASE_SUMMARY (self), FALSE);

  return self->demo;
}

gboolean
hz_case_summary_get_infectious (HzCaseSummary *self)
{
  g_return_val_if_fail (HZ_IS_CASE_SUMMARY (self), FALSE);

  return self->infectious;
}

static gboolean
contains_folded (const char *haystack,
                 const char *folded_needle)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL)
    return FALSE;

  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, folded_needle) != NULL;
}

gboolean
hz_case_summary_matches (HzCaseSummary *self,
                         const char    *needle)
{
  g_autofree char *stripped = NULL;
  g_autofree char *folded = NULL;

  g_return_val_if_fail (HZ_IS_CASE_SUMMARY (self), FALSE);

  if (needle == NULL)
    return TRUE;

  stripped = g_strstrip (g_strdup (needle));
  if (*stripped == '\0')
    return TRUE;

  folded = g_utf8_casefold (stripped, -1);

  return contains_folded (self->patient_name, folded) ||
         contains_folded (self->id_card, folded) ||
         contains_folded (self->mrn, folded);
}

/* ------------------------------------------------------------------------- */
/* Building the summary from a case's resources */

static const char *
get_last_updated (JsonObject *resource)
{
  return hz_fhir_get_string (hz_fhir_get_object (resource, "meta"), "lastUpdated");
}

static gboolean
is_entered_in_error (JsonObject *resource)
{
  const char *status = hz_fhir_get_string (resource, "status");

  return g_strcmp0 (status, "entered-in-error") == 0 || g_strcmp0 (status, "cancelled") == 0;
}

/* Compares two resources by their date, then by lastUpdated; undated first. */
static int
compare_by_date (JsonObject *a,
                 JsonObject *b)
{
  g_autofree char *ka = hz_fhir_date_sort_key (hz_fhir_get_resource_date (a));
  g_autofree char *kb = hz_fhir_date_sort_key (hz_fhir_get_resource_date (b));
  int cmp = g_strcmp0 (ka, kb);

  if (cmp != 0)
    return cmp;

  return g_strcmp0 (get_last_updated (a), get_last_updated (b));
}

/* The latest of @resources for which @accept returns TRUE */
static JsonObject *
find_latest (GPtrArray  *resources,
             gboolean  (*accept) (JsonObject *resource, gconstpointer data),
             gconstpointer data)
{
  JsonObject *latest = NULL;

  for (guint i = 0; resources != NULL && i < resources->len; i++)
    {
      JsonObject *resource = g_ptr_array_index (resources, i);

      if (is_entered_in_error (resource) || !accept (resource, data))
        continue;
      if (latest == NULL || compare_by_date (resource, latest) >= 0)
        latest = resource;
    }

  return latest;
}

static gboolean
observation_has_code (JsonObject    *observation,
                      gconstpointer  code)
{
  return g_strcmp0 (hz_fhir_get_concept_code (observation, "code", HZ_SYSTEM_LOINC), code) == 0;
}

/* "2024-05-06" from an Observation's valueDateTime (the day as recorded) */
static char *
dup_value_date (JsonObject *observation)
{
  const char *value;
  GDate date;
  char buf[16];

  if (observation == NULL)
    return NULL;

  value = hz_fhir_get_string (observation, "valueDateTime");
  if (value == NULL)
    value = hz_fhir_get_string (observation, "valueDate");
  if (!hz_fhir_parse_date (value, &date))
    return NULL;

  g_snprintf (buf, sizeof buf, "%04d-%02d-%02d",
              g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date));
  return g_strdup (buf);
}

static const char * const finished_statuses[] = {
  "completed", "cancelled", "rejected", "failed", "entered-in-error",
  "fulfilled", "noshow", NULL
};

static const char *
action_date (JsonObject *resource)
{
  const char *date = hz_fhir_get_string (resource, "start");

  if (date == NULL)
    date = hz_fhir_get_string (hz_fhir_get_object (resource, "executionPeriod"), "start");
  if (date == NULL)
    date = hz_fhir_get_string (hz_fhir_get_object (hz_fhir_get_object (resource, "restriction"), "period"), "end");
  if (date == NULL)
    date = hz_fhir_get_string (resource, "authoredOn");
  if (date == NULL)
    date = hz_fhir_get_string (resource, "created");

  return date;
}

static const char *
action_text (JsonObject *resource)
{
  static const char * const concepts[] = {
    "code", "serviceType", "appointmentType", "reasonCode", NULL
  };
  const char *text = hz_fhir_get_string (resource, "description");

  for (guint i = 0; (text == NULL || *text == '\0') && concepts[i] != NULL; i++)
    text = hz_fhir_get_concept_text (resource, concepts[i]);

  return text;
}

JsonObject *
hz_case_summary_build_json (const char *case_id,
                            JsonObject *episode,
                            JsonObject *patient,
                            GPtrArray  *observations,
                            GPtrArray  *risk_assessments,
                            GPtrArray  *flags,
                            GPtrArray  *actions,
                            const char *updated)
{
  JsonObject *summary = json_object_new ();
  JsonArray *candidates = json_array_new ();
  HzRiskColour risk = HZ_RISK_UNKNOWN;
  guint current = 0;
  gboolean infectious = FALSE;
  char *value;

  g_return_val_if_fail (case_id != NULL, NULL);

#define SET_STRING(key, str) \
  G_STMT_START { \
    const char *s_ = (str); \
    if (s_ != NULL) \
      json_object_set_string_member (summary, key, s_); \
  } G_STMT_END
#define TAKE_STRING(key, str) \
  G_STMT_START { \
    char *s_ = (str); \
    if (s_ != NULL) \
      json_object_set_string_member (summary, key, s_); \
    g_free (s_); \
  } G_STMT_END

  SET_STRING ("case-id", case_id);
  if (patient != NULL)
    {
      SET_STRING ("patient-id", hz_fhir_get_string (patient, "id"));
      TAKE_STRING ("patient-name", hz_fhir_dup_human_name (patient));
      SET_STRING ("id-card", hz_fhir_get_identifier (patient, HZ_SYSTEM_ID_CARD));
      SET_STRING ("mrn", hz_fhir_get_identifier (patient, HZ_SYSTEM_MRN));
      SET_STRING ("birth-date", hz_fhir_get_string (patient, "birthDate"));
    }

  TAKE_STRING ("lmp", dup_value_date (find_latest (observations, observation_has_code, HZ_LOINC_LMP)));
  TAKE_STRING ("edd", dup_value_date (find_latest (observations, observation_has_code, HZ_LOINC_EDD)));
  TAKE_STRING ("delivery-date",
               dup_value_date (find_latest (observations, observation_has_code, HZ_LOINC_DELIVERY_DATE)));

  /* The same rule as the patient panel and the summary page (hz-risk.h) */
  if (risk_assessments != NULL &&
      hz_risk_pick_current ((JsonObject **) risk_assessments->pdata, risk_assessments->len, &current))
    risk = hz_risk_assessment_get_colour (g_ptr_array_index (risk_assessments, current));
  json_object_set_string_member (summary, "risk", hz_risk_colour_to_string (risk));

  if (flags != NULL)
    infectious = hz_risk_flags_have_purple ((JsonObject **) flags->pdata, flags->len);
  json_object_set_boolean_member (summary, "infectious", infectious);
  json_object_set_boolean_member (summary, "demo", episode != NULL && hz_fhir_is_demo (episode));

  if (episode != NULL)
    {
      SET_STRING ("status", hz_fhir_get_string (episode, "status"));
      SET_STRING ("organization", hz_fhir_get_string (hz_fhir_get_object (episode, "managingOrganization"), "display"));
    }

  SET_STRING ("updated", updated);

  for (guint i = 0; actions != NULL && i < actions->len; i++)
    {
      JsonObject *action = g_ptr_array_index (actions, i);
      const char *status = hz_fhir_get_string (action, "status");
      JsonObject *candidate;

      if (status != NULL && g_strv_contains (finished_statuses, status))
        continue;

      candidate = json_object_new ();
      if (status != NULL)
        json_object_set_string_member (candidate, "status", status);
      value = hz_fhir_date_sort_key (action_date (action));
      if (value != NULL)
        json_object_set_string_member (candidate, "date", value);
      g_free (value);
      json_object_set_string_member (candidate, "text",
                                     action_text (action) ? action_text (action)
                                                          : hz_fhir_get_string (action, "resourceType"));
      json_array_add_object_element (candidates, candidate);
    }
  json_object_set_array_member (summary, "actions", candidates);

#undef SET_STRING
#undef TAKE_STRING

  return summary;
}

/* The next action: the earliest pending Appointment or Task that is in the
 * future, or requested / in progress whatever its date (undated last). */
static const char *
pick_next_action (JsonObject *summary,
                  GDateTime  *now)
{
  g_autofree char *now_key = NULL;
  JsonNode *node = json_object_get_member (summary, "actions");
  JsonArray *actions;
  const char *best_text = NULL;
  const char *best_date = NULL;
  gboolean have_best = FALSE;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  {
    g_autoptr(GDateTime) utc = g_date_time_to_utc (now);

    now_key = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S.%fZ");
  }

  actions = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (actions); i++)
    {
      JsonNode *element = json_array_get_element (actions, i);
      JsonObject *action;
      const char *status;
      const char *date;
      gboolean pending;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      action = json_node_get_object (element);
      status = hz_fhir_get_string (action, "status");
      date = hz_fhir_get_string (action, "date");

      pending = g_strcmp0 (status, "requested") == 0 || g_strcmp0 (status, "in-progress") == 0;
      if (!pending && (date == NULL || strcmp (date, now_key) < 0))
        continue;

      /* earliest first, undated last */
      if (!have_best ||
          (date != NULL && (best_date == NULL || strcmp (date, best_date) < 0)))
        {
          best_text = hz_fhir_get_string (action, "text");
          best_date = date;
          have_best = TRUE;
        }
    }

  return best_text;
}

HzCaseSummary *
hz_case_summary_new_from_json (JsonObject *summary,
                               GDateTime  *now)
{
  JsonNode *infectious;
  JsonNode *demo;

  g_return_val_if_fail (summary != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  infectious = json_object_get_member (summary, "infectious");
  demo = json_object_get_member (summary, "demo");

  return hz_case_summary_new ("case-id", hz_fhir_get_string (summary, "case-id"),
                              "patient-id", hz_fhir_get_string (summary, "patient-id"),
                              "patient-name", hz_fhir_get_string (summary, "patient-name"),
                              "id-card", hz_fhir_get_string (summary, "id-card"),
                              "mrn", hz_fhir_get_string (summary, "mrn"),
                              "birth-date", hz_fhir_get_string (summary, "birth-date"),
                              "lmp", hz_fhir_get_string (summary, "lmp"),
                              "edd", hz_fhir_get_string (summary, "edd"),
                              "delivery-date", hz_fhir_get_string (summary, "delivery-date"),
                              "risk", hz_risk_colour_from_string (hz_fhir_get_string (summary, "risk")),
                              "infectious", infectious != NULL &&
                                            JSON_NODE_HOLDS_VALUE (infectious) &&
                                            json_node_get_boolean (infectious),
                              "demo", demo != NULL && JSON_NODE_HOLDS_VALUE (demo) &&
                                      json_node_get_boolean (demo),
                              "status", hz_fhir_get_string (summary, "status"),
                              "organization", hz_fhir_get_string (summary, "organization"),
                              "next-action", pick_next_action (summary, now),
                              "updated", hz_fhir_get_string (summary, "updated"),
                              NULL);
}
