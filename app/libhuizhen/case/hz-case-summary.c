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
#include "hz-pinyin-private.h"

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
  gboolean      alert;
  gboolean      preconception;
  gboolean      demo;
  char         *status;
  char         *organization;
  char         *next_action;
  char         *next_action_date;
  char         *next_action_due;
  char         *updated;
  /* the latest ART embryo transfer (dates the pregnancy before the LMP) */
  char         *transfer_date;
  int           embryo_age_days;

  /* hz_case_summary_new_from_value() puts every field in one block */
  char         *block;
  gsize         block_len;

  /* computed on first use, or by the store's reading thread */
  char         *sort_key;      /* collation key of the name */
  char         *search_text;   /* case-folded name, ID card, MRN, one a line */
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
  PROP_ALERT,
  PROP_DEMO,
  PROP_STATUS,
  PROP_ORGANIZATION,
  PROP_NEXT_ACTION,
  PROP_NEXT_ACTION_DATE,
  PROP_NEXT_ACTION_DUE,
  PROP_UPDATED,
  PROP_TRANSFER_DATE,
  PROP_EMBRYO_AGE_DAYS,
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
    case PROP_NEXT_ACTION_DATE: return &self->next_action_date;
    case PROP_NEXT_ACTION_DUE: return &self->next_action_due;
    case PROP_UPDATED: return &self->updated;
    case PROP_TRANSFER_DATE: return &self->transfer_date;
    default: return NULL;
    }
}

static gboolean
in_block (HzCaseSummary *self,
          const char    *str)
{
  return self->block != NULL && str >= self->block && str < self->block + self->block_len;
}

static void
hz_case_summary_finalize (GObject *object)
{
  HzCaseSummary *self = (HzCaseSummary *)object;

  for (guint i = 1; i < N_PROPS; i++)
    {
      char **field = string_field (self, i);

      if (field != NULL && !in_block (self, *field))
        g_free (*field);
    }
  g_free (self->block);
  g_free (self->sort_key);
  g_free (self->search_text);

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
    case PROP_ALERT:
      g_value_set_boolean (value, self->alert);
      break;
    case PROP_DEMO:
      g_value_set_boolean (value, self->demo);
      break;
    case PROP_EMBRYO_AGE_DAYS:
      g_value_set_int (value, self->embryo_age_days);
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
      if (!in_block (self, *field))
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
    case PROP_ALERT:
      self->alert = g_value_get_boolean (value);
      break;
    case PROP_DEMO:
      self->demo = g_value_get_boolean (value);
      break;
    case PROP_EMBRYO_AGE_DAYS:
      self->embryo_age_days = g_value_get_int (value);
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
  /* an open urgent self-harm-risk alert (hz_screening_flag_is_alert()) */
  properties[PROP_ALERT] = g_param_spec_boolean ("alert", NULL, NULL, FALSE, flags);
  properties[PROP_DEMO] = g_param_spec_boolean ("demo", NULL, NULL, FALSE, flags);
  properties[PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, NULL, flags);
  properties[PROP_ORGANIZATION] = g_param_spec_string ("organization", NULL, NULL, NULL, flags);
  properties[PROP_NEXT_ACTION] = g_param_spec_string ("next-action", NULL, NULL, NULL, flags);
  properties[PROP_NEXT_ACTION_DATE] = g_param_spec_string ("next-action-date", NULL, NULL, NULL, flags);
  /* the date the next action was due by (an appointment's start, a task's
   * deadline), as written; NULL when it has none (a task under way, a
   * request without a deadline): only then can it be overdue */
  properties[PROP_NEXT_ACTION_DUE] = g_param_spec_string ("next-action-due", NULL, NULL, NULL, flags);
  properties[PROP_UPDATED] = g_param_spec_string ("updated", NULL, NULL, NULL, flags);
  /* the day of the latest ART embryo transfer and the embryo's age then
   * (-1 unknown): with them the case list dates as hz_case_get_dating() */
  properties[PROP_TRANSFER_DATE] = g_param_spec_string ("transfer-date", NULL, NULL, NULL, flags);
  properties[PROP_EMBRYO_AGE_DAYS] = g_param_spec_int ("embryo-age-days", NULL, NULL,
                                                       -1, G_MAXINT, -1, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hz_case_summary_init (HzCaseSummary *self)
{
  self->embryo_age_days = -1;
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
GETTER (next_action_date, next_action_date)
GETTER (next_action_due, next_action_due)
GETTER (updated, updated)
GETTER (transfer_date, transfer_date)

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

/**
 * hz_case_summary_get_preconception:
 *
 * Returns: %TRUE when the case began in pre-conception care (备孕); with
 *   hz_dating_is_preconception() whether it still is
 */
gboolean
hz_case_summary_get_preconception (HzCaseSummary *self)
{
  g_return_val_if_fail (HZ_IS_CASE_SUMMARY (self), FALSE);

  return self->preconception;
}

/**
 * hz_case_summary_get_alert:
 *
 * Returns: whether the case has an active self-harm-risk Flag (the urgent
 *   psychology alert, hz_screening_flag_is_alert())
 */
gboolean
hz_case_summary_get_alert (HzCaseSummary *self)
{
  g_return_val_if_fail (HZ_IS_CASE_SUMMARY (self), FALSE);

  return self->alert;
}

gboolean
hz_case_summary_get_infectious (HzCaseSummary *self)
{
  g_return_val_if_fail (HZ_IS_CASE_SUMMARY (self), FALSE);

  return self->infectious;
}

static char *
build_search_text (HzCaseSummary *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const char * const fields[] = { self->patient_name, self->id_card, self->mrn };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *folded = NULL;

      if (fields[i] == NULL)
        continue;
      folded = g_utf8_casefold (fields[i], -1);
      g_string_append (text, folded);
      g_string_append_c (text, '\n');
    }

  /* 刘海燕 is found by "liuhaiyan" and "lhy" */
  {
    g_autofree char *pinyin = hz_pinyin_dup_search_forms (self->patient_name);

    if (pinyin != NULL)
      {
        g_string_append (text, pinyin);
        g_string_append_c (text, '\n');
      }
  }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * hz_case_summary_get_sort_key:
 *
 * Returns: the key that orders patients' names in pinyin order (the same
 *   in every locale and process): compare it with strcmp()
 */
const char *
hz_case_summary_get_sort_key (HzCaseSummary *self)
{
  g_return_val_if_fail (HZ_IS_CASE_SUMMARY (self), NULL);

  if (self->sort_key == NULL)
    self->sort_key = hz_pinyin_dup_sort_key (self->patient_name);

  return self->sort_key;
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

  return hz_case_summary_matches_folded (self, folded);
}

static gboolean
parse_day (const char *iso,
           GDate      *date)
{
  g_date_clear (date, 1);
  return iso != NULL && hz_fhir_parse_date (iso, date);
}

/**
 * hz_case_summary_get_dating:
 *
 * The dating of the case's current pregnancy from its LMP, EDD, embryo
 * transfer and delivery date, by the one rule of hz_dating_compute().
 */
void
hz_case_summary_get_dating (HzCaseSummary *self,
                            HzDating      *dating)
{
  GDate lmp, edd, delivery, transfer;
  gboolean has_lmp, has_edd, has_delivery, has_transfer;

  g_return_if_fail (HZ_IS_CASE_SUMMARY (self));
  g_return_if_fail (dating != NULL);

  has_lmp = parse_day (self->lmp, &lmp);
  has_edd = parse_day (self->edd, &edd);
  has_delivery = parse_day (self->delivery_date, &delivery);
  has_transfer = parse_day (self->transfer_date, &transfer);

  hz_dating_compute (dating,
                     has_lmp ? &lmp : NULL,
                     NULL, 0,
                     has_transfer ? &transfer : NULL,
                     self->embryo_age_days,
                     has_edd ? &edd : NULL,
                     has_delivery ? &delivery : NULL);
}

/**
 * hz_case_summary_get_risk_rank:
 *
 * Returns: where the case stands in a list by risk: 0 for red, then
 *   orange, yellow, green, and 4 for a case not graded
 */
int
hz_case_summary_get_risk_rank (HzCaseSummary *self)
{
  g_return_val_if_fail (HZ_IS_CASE_SUMMARY (self), 4);

  switch (self->risk)
    {
    case HZ_RISK_RED:     return 0;
    case HZ_RISK_ORANGE:  return 1;
    case HZ_RISK_YELLOW:  return 2;
    case HZ_RISK_GREEN:   return 3;
    case HZ_RISK_UNKNOWN:
    default:              return 4;
    }
}

void
hz_case_summary_get_keys (HzCaseSummary     *self,
                          HzCaseSummaryKeys *keys)
{
  HzDating dating;

  g_return_if_fail (HZ_IS_CASE_SUMMARY (self));
  g_return_if_fail (keys != NULL);

  hz_case_summary_get_dating (self, &dating);

  keys->risk_rank = hz_case_summary_get_risk_rank (self);
  keys->purple = self->infectious;
  keys->sort_name = g_strdup (hz_case_summary_get_sort_key (self));
  if (self->search_text == NULL)
    self->search_text = build_search_text (self);
  keys->search = g_strdup (self->search_text);
  keys->delivered = dating.delivered;
  keys->ga_start = dating.method != HZ_DATING_NONE && g_date_valid (&dating.lmp)
                   ? (gint32) g_date_get_julian (&dating.lmp) : 0;
}

void
hz_case_summary_keys_clear (HzCaseSummaryKeys *keys)
{
  g_clear_pointer (&keys->sort_name, g_free);
  g_clear_pointer (&keys->search, g_free);
}

/**
 * hz_case_summary_matches_folded:
 * @folded_needle: text already stripped and case-folded (g_utf8_casefold())
 *
 * hz_case_summary_matches() for a list that tests one needle against every
 * row: the needle is folded once.
 */
gboolean
hz_case_summary_matches_folded (HzCaseSummary *self,
                                const char    *folded_needle)
{
  const char *found;

  g_return_val_if_fail (HZ_IS_CASE_SUMMARY (self), FALSE);
  g_return_val_if_fail (folded_needle != NULL, FALSE);

  if (self->search_text == NULL)
    self->search_text = build_search_text (self);

  /* a needle never spans two fields: they are one a line */
  found = strstr (self->search_text, folded_needle);
  return found != NULL && strchr (folded_needle, '\n') == NULL;
}

/* ------------------------------------------------------------------------- */
/* Building the summary from a case's resources */

static const char *
get_last_updated (const HzJv *resource)
{
  return hz_jv_get_path_string (resource, "meta.lastUpdated");
}

/* Compares two resources by their date, then by lastUpdated; undated first. */
static int
compare_by_date (const HzJv *a,
                 const HzJv *b)
{
  g_autofree char *ka = hz_fhir_date_sort_key (hz_fhir_jv_get_resource_date (a));
  g_autofree char *kb = hz_fhir_date_sort_key (hz_fhir_jv_get_resource_date (b));
  int cmp = g_strcmp0 (ka, kb);

  if (cmp != 0)
    return cmp;

  return g_strcmp0 (get_last_updated (a), get_last_updated (b));
}

/* The latest of @resources for which @accept returns TRUE */
static const HzJv *
find_latest (GPtrArray  *resources,
             gboolean  (*accept) (const HzJv *resource, gconstpointer data),
             gconstpointer data)
{
  const HzJv *latest = NULL;

  for (guint i = 0; resources != NULL && i < resources->len; i++)
    {
      const HzJv *resource = g_ptr_array_index (resources, i);

      if (hz_fhir_jv_is_void (resource) || !accept (resource, data))
        continue;
      if (latest == NULL || compare_by_date (resource, latest) >= 0)
        latest = resource;
    }

  return latest;
}

static gboolean
observation_has_code (const HzJv    *observation,
                      gconstpointer  code)
{
  return g_strcmp0 (hz_fhir_jv_get_concept_code (observation, "code", HZ_SYSTEM_LOINC), code) == 0;
}

static gboolean
observation_is_transfer (const HzJv    *observation,
                         gconstpointer  data)
{
  return hz_embryo_transfer_read (observation, NULL, NULL, NULL);
}

/* "2024-05-06" from an Observation's valueDateTime (the day as recorded) */
static char *
dup_value_date (const HzJv *observation)
{
  const char *value;
  GDate date;
  char buf[16];

  if (observation == NULL)
    return NULL;

  value = hz_jv_get_string (observation, "valueDateTime");
  if (value == NULL)
    value = hz_jv_get_string (observation, "valueDate");
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
action_date (const HzJv *resource)
{
  const char *date = hz_jv_get_string (resource, "start");

  if (date == NULL)
    date = hz_jv_get_path_string (resource, "executionPeriod.start");
  if (date == NULL)
    date = hz_jv_get_path_string (resource, "restriction.period.end");
  if (date == NULL)
    date = hz_jv_get_string (resource, "authoredOn");
  if (date == NULL)
    date = hz_jv_get_string (resource, "created");

  return date;
}

/* What an action is due by: an appointment's start; a task's deadline
 * (restriction.period.end), else, while it has not started, its planned
 * start. A task under way since its start is not late for having started. */
static const char *
action_due (const HzJv *resource)
{
  const char *deadline;

  if (g_strcmp0 (hz_jv_get_string (resource, "resourceType"), "Appointment") == 0)
    return hz_jv_get_string (resource, "start");

  deadline = hz_jv_get_path_string (resource, "restriction.period.end");
  if (deadline != NULL)
    return deadline;
  if (g_strcmp0 (hz_jv_get_string (resource, "status"), "in-progress") == 0)
    return NULL;
  return hz_jv_get_path_string (resource, "executionPeriod.start");
}

static const char *
action_text (const HzJv *resource)
{
  static const char * const concepts[] = {
    "code", "serviceType", "appointmentType", "reasonCode", NULL
  };
  const char *text = hz_jv_get_string (resource, "description");

  for (guint i = 0; (text == NULL || *text == '\0') && concepts[i] != NULL; i++)
    text = hz_fhir_jv_get_concept_text (resource, concepts[i]);

  return text;
}

JsonObject *
hz_case_summary_build_json (const char *case_id,
                            const HzJv *episode,
                            const HzJv *patient,
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
  gboolean alert = FALSE;
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
      SET_STRING ("patient-id", hz_jv_get_string (patient, "id"));
      TAKE_STRING ("patient-name", hz_fhir_jv_dup_human_name (patient));
      SET_STRING ("id-card", hz_fhir_jv_get_identifier (patient, HZ_SYSTEM_ID_CARD));
      SET_STRING ("mrn", hz_fhir_jv_get_identifier (patient, HZ_SYSTEM_MRN));
      SET_STRING ("birth-date", hz_jv_get_string (patient, "birthDate"));
    }

  TAKE_STRING ("lmp", dup_value_date (find_latest (observations, observation_has_code, HZ_LOINC_LMP)));
  TAKE_STRING ("edd", dup_value_date (find_latest (observations, observation_has_code, HZ_LOINC_EDD)));
  TAKE_STRING ("delivery-date",
               dup_value_date (find_latest (observations, observation_has_code, HZ_LOINC_DELIVERY_DATE)));
  {
    const HzJv *transfer = find_latest (observations, observation_is_transfer, NULL);
    int embryo_age = -1;

    if (transfer != NULL && hz_embryo_transfer_read (transfer, NULL, &embryo_age, NULL))
      {
        TAKE_STRING ("transfer-date", dup_value_date (transfer));
        json_object_set_int_member (summary, "embryo-age-days", embryo_age);
      }
  }

  /* The same rule as the patient panel and the summary page (hz-risk.h) */
  if (risk_assessments != NULL &&
      hz_risk_pick_current ((const HzJv **) risk_assessments->pdata, risk_assessments->len, &current))
    risk = hz_risk_assessment_get_colour (g_ptr_array_index (risk_assessments, current));
  json_object_set_string_member (summary, "risk", hz_risk_colour_to_string (risk));

  if (flags != NULL)
    infectious = hz_risk_flags_have_purple ((const HzJv **) flags->pdata, flags->len);
  json_object_set_boolean_member (summary, "infectious", infectious);
  if (flags != NULL)
    alert = hz_screening_flags_have_alert ((const HzJv **) flags->pdata, flags->len);
  json_object_set_boolean_member (summary, "alert", alert);
  json_object_set_boolean_member (summary, "demo", episode != NULL && hz_fhir_jv_is_demo (episode));
  json_object_set_boolean_member (summary, "preconception",
                                  episode != NULL && hz_fhir_jv_episode_began_preconception (episode));

  if (episode != NULL)
    {
      SET_STRING ("status", hz_jv_get_string (episode, "status"));
      SET_STRING ("organization", hz_jv_get_path_string (episode, "managingOrganization.display"));
    }

  SET_STRING ("updated", updated);

  for (guint i = 0; actions != NULL && i < actions->len; i++)
    {
      const HzJv *action = g_ptr_array_index (actions, i);
      const char *status = hz_jv_get_string (action, "status");
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
      /* as written, for showing it (the date above is for comparing) */
      if (action_date (action) != NULL)
        json_object_set_string_member (candidate, "when", action_date (action));
      /* what it is due by (null when nothing: a request date is not a
       * deadline; null, not absent, so that rows written before this
       * member are told apart) */
      if (action_due (action) != NULL)
        json_object_set_string_member (candidate, "due", action_due (action));
      else
        json_object_set_null_member (candidate, "due");
      json_object_set_string_member (candidate, "text",
                                     action_text (action) ? action_text (action)
                                                          : hz_jv_get_string (action, "resourceType"));
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
pick_next_action (const HzJv  *summary,
                  const char  *now_key,
                  const char **out_date,
                  const char **out_due)
{
  const char *best_text = NULL;
  const char *best_date = NULL;
  const char *best_when = NULL;
  const char *best_due = NULL;
  gboolean have_best = FALSE;

  for (const HzJv *action = hz_jv_get_first (hz_jv_get_array (summary, "actions"));
       action != NULL;
       action = hz_jv_get_next (action))
    {
      const char *status = hz_jv_get_string (action, "status");
      const char *date = hz_jv_get_string (action, "date");
      gboolean pending;

      if (hz_jv_get_value_type (action) != HZ_JV_OBJECT)
        continue;

      pending = g_strcmp0 (status, "requested") == 0 || g_strcmp0 (status, "in-progress") == 0;
      if (!pending && (date == NULL || strcmp (date, now_key) < 0))
        continue;

      /* earliest first, undated last */
      if (!have_best ||
          (date != NULL && (best_date == NULL || strcmp (date, best_date) < 0)))
        {
          best_text = hz_jv_get_string (action, "text");
          best_date = date;
          best_when = hz_jv_get_string (action, "when");
          if (hz_jv_get (action, "due") != NULL)
            best_due = hz_jv_get_string (action, "due");
          else
            /* a row written before "due": its date, unless under way */
            best_due = g_strcmp0 (status, "in-progress") == 0 ? NULL
                     : best_when != NULL ? best_when : best_date;
          have_best = TRUE;
        }
    }

  /* rows written before "when" have only the instant */
  *out_date = best_when != NULL ? best_when : best_date;
  *out_due = best_due;
  return best_text;
}

/* The members of a stored summary that are strings, by property id */
static const struct {
  guint       prop_id;
  const char *member;
} string_members[] = {
  { PROP_CASE_ID, "case-id" },
  { PROP_PATIENT_ID, "patient-id" },
  { PROP_PATIENT_NAME, "patient-name" },
  { PROP_ID_CARD, "id-card" },
  { PROP_MRN, "mrn" },
  { PROP_BIRTH_DATE, "birth-date" },
  { PROP_LMP, "lmp" },
  { PROP_EDD, "edd" },
  { PROP_DELIVERY_DATE, "delivery-date" },
  { PROP_STATUS, "status" },
  { PROP_ORGANIZATION, "organization" },
  { PROP_UPDATED, "updated" },
  { PROP_TRANSFER_DATE, "transfer-date" },
};

static gboolean
get_flag (const HzJv *summary,
          const char *member)
{
  gboolean value = FALSE;

  return hz_jv_get_boolean (hz_jv_get (summary, member), &value) && value;
}

/**
 * hz_case_summary_new_from_value:
 * @summary: a row of the case list table
 * @now_key: the instant "next action" is decided against, as
 *   hz_fhir_date_sort_key() writes it
 *
 * Safe to call from any thread. The strings are kept in one block, so that
 * a list of many rows is cheap to build and to keep.
 *
 * Returns: (transfer full): a new #HzCaseSummary
 */
HzCaseSummary *
hz_case_summary_new_from_value (const HzJv *summary,
                                const char *now_key)
{
  const char *values[G_N_ELEMENTS (string_members) + 3];
  HzCaseSummary *self;
  gsize len = 0;
  char *p;

  g_return_val_if_fail (summary != NULL, NULL);
  g_return_val_if_fail (now_key != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (string_members); i++)
    {
      values[i] = hz_jv_get_string (summary, string_members[i].member);
      if (values[i] != NULL)
        len += strlen (values[i]) + 1;
    }
  values[G_N_ELEMENTS (string_members)] =
    pick_next_action (summary, now_key, &values[G_N_ELEMENTS (string_members) + 1],
                      &values[G_N_ELEMENTS (string_members) + 2]);
  for (guint i = G_N_ELEMENTS (string_members); i < G_N_ELEMENTS (values); i++)
    if (values[i] != NULL)
      len += strlen (values[i]) + 1;

  self = g_object_new (HZ_TYPE_CASE_SUMMARY, NULL);
  self->block = p = g_malloc (MAX (len, 1));
  self->block_len = len;

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      guint prop_id = i < G_N_ELEMENTS (string_members) ? string_members[i].prop_id
                    : i == G_N_ELEMENTS (string_members) ? PROP_NEXT_ACTION
                    : i == G_N_ELEMENTS (string_members) + 1 ? PROP_NEXT_ACTION_DATE
                    : PROP_NEXT_ACTION_DUE;
      gsize n;

      if (values[i] == NULL)
        continue;
      n = strlen (values[i]) + 1;
      memcpy (p, values[i], n);
      *string_field (self, prop_id) = p;
      p += n;
    }

  self->risk = hz_risk_colour_from_string (hz_jv_get_string (summary, "risk"));
  self->infectious = get_flag (summary, "infectious");
  self->alert = get_flag (summary, "alert");
  self->preconception = get_flag (summary, "preconception");
  self->demo = get_flag (summary, "demo");
  {
    gint64 age;

    if (hz_jv_get_int64 (hz_jv_get (summary, "embryo-age-days"), &age) && age >= 0 && age <= G_MAXINT)
      self->embryo_age_days = (int) age;
  }

  /* the sort key and the search text are made when first asked for */

  return self;
}
