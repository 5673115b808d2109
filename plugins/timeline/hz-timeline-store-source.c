/* hz-timeline-store-source.c — the case's own resources (and its due items) as timeline events
 *
 * Kinds: Encounter → visit; Observation → vital, lab, imaging or scale by its
 * LOINC code and category; RiskAssessment / Flag → risk; Condition →
 * diagnosis; ImagingStudy / Media → imaging; DiagnosticReport → imaging or
 * lab by category; ServiceRequest / Task → referral; Appointment / CareTeam
 * → consultation; CarePlan / Composition → decision; QuestionnaireResponse →
 * scale (a form that was scored appears once, as its total).
 *
 * Severity: scale totals, blood pressure, haemoglobin and glucose are read
 * by the thresholds table of libhuizhen (hz-thresholds.h), whose reading and
 * source go into the detail line; EPDS item 10 or PHQ-9 item 9 answered
 * above 0 → critical; risk colour orange → attention, red → critical,
 * purple → attention; a reading of the glucose log (hz-nutrition.h) by the
 * treatment target of its slot; the result's own interpretation (H/L/A → attention,
 * HH/LL/AA → critical) when higher. A fasting glucose is the fasting sample
 * of a 75 g OGTT when the case has a 1 h or 2 h sample of that load on the
 * same day.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-timeline"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "hz-timeline-model.h"
#include "hz-timeline-store-source.h"

struct _HzTimelineStoreSource
{
  GObject  parent_instance;

  HzCase    *kase;
  gulong     changed_id;
  GDate      today;
  GPtrArray *due_items;
};

static void timeline_source_iface_init (HzTimelineSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HzTimelineStoreSource, hz_timeline_store_source, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (HZ_TYPE_TIMELINE_SOURCE, timeline_source_iface_init))

/* What the events of one case are made with: read once per listing, before
 * the events are made side by side (nothing here changes meanwhile). */
typedef struct
{
  HzCase     *kase;        /* NULL: a resource without its case */
  HzDating    dating;
  GHashTable *ogtt_days;   /* julian days with a sample after a 75 g OGTT load */
  GDate       today;
} CaseContext;

/* --- JSON helpers --------------------------------------------------------- */

/* The resources are read through hz_resource_get_value(): the store's
 * compact tree, walked without building a json-glib tree for each of a
 * large case's resources. */

static const HzJv *
array_object (const HzJv *array,
              guint       index)
{
  const HzJv *element = hz_jv_get_element (array, index);

  return element != NULL && hz_jv_get_value_type (element) == HZ_JV_OBJECT ? element : NULL;
}

/* A number, or a string holding one (some senders quote them) */
static gboolean
get_number (const HzJv *object,
            const char *member,
            double     *out)
{
  const HzJv *node = hz_jv_get (object, member);
  const char *str;
  char *end = NULL;

  if (node == NULL)
    return FALSE;
  if (hz_jv_get_double (node, out))
    return TRUE;
  if ((str = hz_jv_get_str (node)) == NULL)
    return FALSE;

  *out = g_ascii_strtod (str, &end);
  return end != str && *end == '\0' && isfinite (*out);
}

static const char *
concept_code (const HzJv *concept,
              const char *system)
{
  const HzJv *codings = hz_jv_get_array (concept, "coding");

  for (guint i = 0; codings != NULL && i < hz_jv_get_length (codings); i++)
    {
      const HzJv *coding = array_object (codings, i);

      if (system == NULL || g_strcmp0 (hz_jv_get_string (coding, "system"), system) == 0)
        {
          const char *code = hz_jv_get_string (coding, "code");

          if (code != NULL)
            return code;
        }
    }
  return NULL;
}

/* The display of a Reference member (or array of them). */
static const char *
reference_display (const HzJv *object,
                   const char *member)
{
  const HzJv *ref = hz_jv_get_object (object, member);

  if (ref == NULL)
    ref = array_object (hz_jv_get_array (object, member), 0);
  return hz_jv_get_string (ref, "display");
}

static const char *
first_note (const HzJv *object)
{
  return hz_jv_get_string (array_object (hz_jv_get_array (object, "note"), 0), "text");
}

/* A FHIR status in words; nothing for a code we do not know */
static const char *
status_display (const char *code)
{
  return hz_fhir_code_get_display (code);
}

static const char *
quantity_unit (const HzJv *quantity)
{
  const char *unit = hz_jv_get_string (quantity, "unit");

  return unit != NULL ? unit : hz_jv_get_string (quantity, "code");
}

static char *
detail_finish (GString *detail)
{
  if (detail->len == 0)
    {
      g_string_free (detail, TRUE);
      return NULL;
    }
  return g_string_free (detail, FALSE);
}

static HzSeverity
max_severity (HzSeverity a,
              HzSeverity b)
{
  return a > b ? a : b;
}

static gboolean
resource_team (const HzJv *json,
               HzTeam     *team)
{
  return hz_team_from_string (hz_fhir_jv_get_team_tag (json), team);
}

static HzTimelineEvent *
make_event (HzResource  *resource,
            GDateTime   *date,
            HzEventKind  kind,
            HzSeverity   severity,
            const char  *title,
            const char  *detail)
{
  const HzJv *json = hz_resource_get_value (resource);
  HzTeam team = HZ_TEAM_OTHER;
  gboolean has_team = resource_team (json, &team);

  if (title == NULL || *title == '\0')
    title = hz_resource_get_title (resource);

  return hz_timeline_event_new (date, kind, has_team, team, severity, title, detail,
                                hz_resource_get_reference (resource));
}

/* The event of @resource on its own date, with the parts gathered in
 * @detail (consumed) as its detail line. */
static HzTimelineEvent *
make_event_with_detail (HzResource  *resource,
                        HzEventKind  kind,
                        HzSeverity   severity,
                        const char  *title,
                        GString     *detail)
{
  g_autofree char *detail_text = detail_finish (detail);

  return make_event (resource, hz_resource_get_date (resource), kind, severity, title, detail_text);
}

/* --- Observation ---------------------------------------------------------- */

static HzSeverity
interpretation_severity (const HzJv *json)
{
  const HzJv *interpretations = hz_jv_get_array (json, "interpretation");
  HzSeverity severity = HZ_SEVERITY_INFO;

  for (guint i = 0; interpretations != NULL && i < hz_jv_get_length (interpretations); i++)
    {
      const HzJv *codings = hz_jv_get_array (array_object (interpretations, i), "coding");

      for (guint j = 0; codings != NULL && j < hz_jv_get_length (codings); j++)
        {
          const char *code = hz_jv_get_string (array_object (codings, j), "code");

          if (code == NULL)
            continue;
          if (g_str_equal (code, "HH") || g_str_equal (code, "LL") || g_str_equal (code, "AA"))
            severity = max_severity (severity, HZ_SEVERITY_CRITICAL);
          else if (g_str_equal (code, "H") || g_str_equal (code, "L") || g_str_equal (code, "A") ||
                   g_str_equal (code, "HU") || g_str_equal (code, "LU") || g_str_equal (code, "POS"))
            severity = max_severity (severity, HZ_SEVERITY_ATTENTION);
        }
    }

  return severity;
}

/* The trailing number of a questionnaire item's linkId: "10", "epds-10",
 * "item10", "q10" → 10. */
static int
link_id_number (const char *link_id)
{
  const char *p;

  if (link_id == NULL || *link_id == '\0')
    return -1;
  p = link_id + strlen (link_id);
  while (p > link_id && g_ascii_isdigit (p[-1]))
    p--;
  if (*p == '\0')
    return -1;
  return atoi (p);
}

static gboolean
answer_score (const HzJv *answer,
              int        *score)
{
  const HzJv *coding;
  const HzJv *extensions;
  double value;

  if (get_number (answer, "valueInteger", &value) || get_number (answer, "valueDecimal", &value))
    {
      *score = (int) value;
      return TRUE;
    }

  coding = hz_jv_get_object (answer, "valueCoding");
  if (coding == NULL)
    return FALSE;

  /* ordinalValue / itemWeight extensions carry the score when the code does not. */
  extensions = hz_jv_get_array (coding, "extension");
  for (guint i = 0; extensions != NULL && i < hz_jv_get_length (extensions); i++)
    {
      const HzJv *ext = array_object (extensions, i);

      if (get_number (ext, "valueDecimal", &value) || get_number (ext, "valueInteger", &value))
        {
          *score = (int) value;
          return TRUE;
        }
    }

  if (get_number (coding, "code", &value))
    {
      *score = (int) value;
      return TRUE;
    }
  return FALSE;
}

/* The score answered to item @number in @items (nested groups searched). */
static gboolean
find_item_score (const HzJv *items,
                 int        number,
                 int       *score)
{
  for (guint i = 0; items != NULL && i < hz_jv_get_length (items); i++)
    {
      const HzJv *item = array_object (items, i);
      const HzJv *answers;

      if (item == NULL)
        continue;

      if (link_id_number (hz_jv_get_string (item, "linkId")) == number)
        {
          answers = hz_jv_get_array (item, "answer");
          if (answer_score (array_object (answers, 0), score))
            return TRUE;
        }

      if (find_item_score (hz_jv_get_array (item, "item"), number, score))
        return TRUE;

      answers = hz_jv_get_array (item, "answer");
      for (guint j = 0; answers != NULL && j < hz_jv_get_length (answers); j++)
        if (find_item_score (hz_jv_get_array (array_object (answers, j), "item"), number, score))
          return TRUE;
    }
  return FALSE;
}

/* Item @number of the QuestionnaireResponse the total was derived from. */
static gboolean
derived_item_score (HzCase     *kase,
                    const HzJv *json,
                    int         number,
                    int        *score)
{
  const HzJv *derived = hz_jv_get_array (json, "derivedFrom");

  for (guint i = 0; kase != NULL && derived != NULL && i < hz_jv_get_length (derived); i++)
    {
      const char *reference = hz_jv_get_string (array_object (derived, i), "reference");
      HzResource *response;

      if (reference == NULL || !g_str_has_prefix (reference, "QuestionnaireResponse/"))
        continue;
      response = hz_case_lookup (kase, reference);
      if (response != NULL &&
          find_item_score (hz_jv_get_array (hz_resource_get_value (response), "item"), number, score))
        return TRUE;
    }
  return FALSE;
}

static gboolean
has_category (const HzJv *json,
              const char *code)
{
  const HzJv *categories = hz_jv_get_array (json, "category");

  for (guint i = 0; categories != NULL && i < hz_jv_get_length (categories); i++)
    {
      const HzJv *category = array_object (categories, i);
      const HzJv *codings = hz_jv_get_array (category, "coding");

      for (guint j = 0; codings != NULL && j < hz_jv_get_length (codings); j++)
        if (g_ascii_strcasecmp (hz_jv_get_string (array_object (codings, j), "code") ?: "", code) == 0)
          return TRUE;
    }
  return FALSE;
}

/* A converted value of an analyte observation, for the severity rules. */
static gboolean
analyte_value (const HzJv *json,
               HzAnalyte   analyte,
               double     *out)
{
  const HzJv *quantity = hz_jv_get_object (json, "valueQuantity");
  double value;

  if (quantity == NULL || !get_number (quantity, "value", &value))
    return FALSE;
  return hz_analyte_convert (analyte, value, quantity_unit (quantity), out);
}

static gboolean
bp_values (const HzJv *json,
           double     *systolic,
           double     *diastolic)
{
  const HzJv *components = hz_jv_get_array (json, "component");
  gboolean have_sys = FALSE, have_dia = FALSE;

  for (guint i = 0; components != NULL && i < hz_jv_get_length (components); i++)
    {
      const HzJv *component = array_object (components, i);
      const char *code = concept_code (hz_jv_get_object (component, "code"), NULL);
      const HzJv *quantity = hz_jv_get_object (component, "valueQuantity");
      double v;

      if (quantity == NULL || !get_number (quantity, "value", &v) ||
          !hz_analyte_convert (HZ_ANALYTE_BLOOD_PRESSURE, v, quantity_unit (quantity), &v))
        continue;
      if (g_strcmp0 (code, HZ_LOINC_BP_SYSTOLIC) == 0)
        {
          *systolic = v;
          have_sys = TRUE;
        }
      else if (g_strcmp0 (code, HZ_LOINC_BP_DIASTOLIC) == 0)
        {
          *diastolic = v;
          have_dia = TRUE;
        }
    }
  return have_sys || have_dia;
}

/* The glucose of an observation in mmol/L (HbA1c in %), NAN when it has
 * none in a unit the rules know. */
static double
glucose_value (const HzJv *json,
               const char *loinc)
{
  const HzJv *quantity = hz_jv_get_object (json, "valueQuantity");
  const char *unit;
  double value;

  if (quantity == NULL || !get_number (quantity, "value", &value))
    return NAN;
  unit = quantity_unit (quantity);
  if (hz_threshold_has_loinc (HZ_THRESHOLD_PGDM_HBA1C, loinc))
    return unit == NULL || g_str_equal (unit, hz_threshold_get (HZ_THRESHOLD_PGDM_HBA1C)->unit) ? value : NAN;
  if (!hz_analyte_convert (HZ_ANALYTE_FASTING_GLUCOSE, value, unit, &value))
    return NAN;
  return value;
}

/* GA in days on the resource's day (-1 when unknown); @ogtt_day set when a
 * 75 g OGTT load was sampled that day. */
static int
resource_ga (const CaseContext *context,
             HzResource        *resource,
             gboolean          *ogtt_day)
{
  GDate day;
  int ga_days;

  *ogtt_day = FALSE;
  if (!hz_resource_get_day (resource, &day))
    return -1;
  *ogtt_day = context->ogtt_days != NULL &&
              g_hash_table_contains (context->ogtt_days, GUINT_TO_POINTER (g_date_get_julian (&day)));
  return hz_dating_ga_at (&context->dating, &day, &ga_days) ? ga_days : -1;
}

static HzSeverity
severity_for_level (HzThresholdLevel level)
{
  switch (level)
    {
    case HZ_THRESHOLD_LEVEL_CRITICAL:
      return HZ_SEVERITY_CRITICAL;
    case HZ_THRESHOLD_LEVEL_ATTENTION:
      return HZ_SEVERITY_ATTENTION;
    case HZ_THRESHOLD_LEVEL_NORMAL:
    default:
      return HZ_SEVERITY_INFO;
    }
}

/* The reading of a value by the thresholds table, then its source, into
 * @detail; returns the severity the reading gives. */
static HzSeverity
add_reading (GString                 *detail,
             const HzThresholdResult *result)
{
  g_autofree char *criterion = NULL;
  g_autofree char *reading = NULL;
  g_autofree char *source = NULL;

  if (result->threshold == HZ_THRESHOLD_NONE)
    return HZ_SEVERITY_INFO;

  criterion = hz_threshold_format (result->threshold);
  /* Translators: how a value reads, then the threshold it met:
   * "可能为孕前糖尿病：空腹血糖 ≥ 7.0 mmol/L" */
  reading = g_strdup_printf (_("%s: %s"), result->label, criterion);
  hz_fhir_append_part (detail, reading);
  if (result->source != NULL)
    {
      /* Translators: the guideline a reading comes from, "依据：《…》" */
      source = g_strdup_printf (_("Source: %s"), result->source);
      hz_fhir_append_part (detail, source);
    }
  return severity_for_level (result->level);
}

static HzTimelineEvent *
event_for_observation (const CaseContext *context,
                       HzResource        *resource)
{
  const HzJv *json = hz_resource_get_value (resource);
  const char *loinc = hz_fhir_jv_get_concept_code (json, "code", HZ_SYSTEM_LOINC);
  const char *name = hz_resource_get_title (resource);
  g_autofree char *value = hz_fhir_jv_format_observation_value (json);
  g_autofree char *title = NULL;
  g_autoptr(GDateTime) value_date = NULL;
  GDateTime *date = hz_resource_get_date (resource);
  GString *detail = g_string_new (NULL);
  HzSeverity severity = interpretation_severity (json);
  HzEventKind kind = HZ_EVENT_KIND_LAB;
  HzThresholdResult reading;
  HzGlucoseReading glucose;
  gboolean ogtt_day;
  double score, v;

  if (has_category (json, "vital-signs") || has_category (json, "exam"))
    kind = HZ_EVENT_KIND_VITAL;
  else if (has_category (json, "survey"))
    kind = HZ_EVENT_KIND_SCALE;
  else if (has_category (json, "imaging") || has_category (json, "procedure"))
    kind = HZ_EVENT_KIND_IMAGING;

  if (loinc == NULL)
    ;
  else if (get_number (json, "valueInteger", &score) &&
           hz_threshold_interpret_score (loinc, score, &reading))
    {
      int item = 0;

      kind = HZ_EVENT_KIND_SCALE;
      severity = max_severity (severity, add_reading (detail, &reading));
      if (g_str_equal (loinc, HZ_LOINC_EPDS_TOTAL) &&
          derived_item_score (context->kase, json, 10, &item) && item > 0)
        {
          severity = HZ_SEVERITY_CRITICAL;
          hz_fhir_append_part (detail, _("Item 10 (thoughts of self-harm) answered above 0: assess the same day"));
        }
      else if (g_str_equal (loinc, HZ_LOINC_PHQ9_TOTAL) &&
               derived_item_score (context->kase, json, 9, &item) && item > 0)
        {
          severity = HZ_SEVERITY_CRITICAL;
          hz_fhir_append_part (detail, _("Item 9 (thoughts of self-harm) answered above 0: urgent assessment"));
        }
    }
  else if (g_str_equal (loinc, HZ_LOINC_BP_PANEL))
    {
      double sys = NAN, dia = NAN;

      kind = HZ_EVENT_KIND_VITAL;
      if (bp_values (json, &sys, &dia))
        {
          hz_threshold_interpret_blood_pressure (sys, dia, &reading);
          severity = max_severity (severity, add_reading (detail, &reading));
        }
    }
  else if (g_str_equal (loinc, HZ_LOINC_BP_SYSTOLIC) || g_str_equal (loinc, HZ_LOINC_BP_DIASTOLIC))
    {
      gboolean systolic = g_str_equal (loinc, HZ_LOINC_BP_SYSTOLIC);

      kind = HZ_EVENT_KIND_VITAL;
      if (analyte_value (json, HZ_ANALYTE_BLOOD_PRESSURE, &v))
        {
          hz_threshold_interpret_blood_pressure (systolic ? v : NAN, systolic ? NAN : v, &reading);
          severity = max_severity (severity, add_reading (detail, &reading));
        }
    }
  else if (g_str_equal (loinc, HZ_LOINC_HAEMOGLOBIN))
    {
      kind = HZ_EVENT_KIND_LAB;
      if (analyte_value (json, HZ_ANALYTE_HAEMOGLOBIN, &v))
        {
          hz_threshold_interpret_haemoglobin (v, &reading);
          severity = max_severity (severity, add_reading (detail, &reading));
        }
    }
  else if (hz_glucose_reading_read (json, &glucose))
    {
      /* the glucose log: against the treatment target of its slot */
      kind = HZ_EVENT_KIND_LAB;
      hz_glucose_reading_judge (&glucose, &reading);
      severity = max_severity (severity, add_reading (detail, &reading));
    }
  else if (hz_threshold_loinc_is_glucose (loinc))
    {
      int ga_days = resource_ga (context, resource, &ogtt_day);

      kind = HZ_EVENT_KIND_LAB;
      hz_threshold_interpret_glucose (loinc, glucose_value (json, loinc), ga_days, ogtt_day, &reading);
      severity = max_severity (severity, add_reading (detail, &reading));
    }
  else if (g_str_equal (loinc, HZ_LOINC_BODY_WEIGHT) || g_str_equal (loinc, HZ_LOINC_BODY_HEIGHT) ||
           g_str_equal (loinc, HZ_LOINC_BMI) || g_str_equal (loinc, HZ_LOINC_PREPREG_WEIGHT))
    kind = HZ_EVENT_KIND_VITAL;
  else if (g_str_equal (loinc, HZ_LOINC_CRL) || g_str_equal (loinc, HZ_LOINC_NT))
    kind = HZ_EVENT_KIND_IMAGING;
  else if (g_str_equal (loinc, HZ_LOINC_HCG) || g_str_equal (loinc, HZ_LOINC_PROGESTERONE))
    kind = HZ_EVENT_KIND_LAB;
  else if (g_str_equal (loinc, HZ_LOINC_LMP) || g_str_equal (loinc, HZ_LOINC_EDD) ||
           g_str_equal (loinc, HZ_LOINC_GRAVIDA) || g_str_equal (loinc, HZ_LOINC_PARA))
    kind = HZ_EVENT_KIND_OTHER;
  else if (g_str_equal (loinc, HZ_LOINC_DELIVERY_DATE))
    {
      const char *when = hz_jv_get_string (json, "valueDateTime");

      kind = HZ_EVENT_KIND_OTHER;
      severity = max_severity (severity, HZ_SEVERITY_ATTENTION);
      /* The delivery happened at its value, whenever it was recorded. */
      if (when != NULL && (value_date = hz_fhir_parse_display_datetime (when)) != NULL)
        date = value_date;
    }

  {
    const char *interpretation = hz_fhir_jv_concept_get_words (array_object (hz_jv_get_array (json, "interpretation"), 0));

    hz_fhir_append_part (detail, interpretation);
    hz_fhir_append_part (detail, first_note (json));
    hz_fhir_append_part (detail, reference_display (json, "performer"));
  }

  title = value != NULL ? g_strdup_printf ("%s %s", name, value) : g_strdup (name);
  {
    g_autofree char *detail_text = detail_finish (detail);

    return make_event (resource, date, kind, severity, title, detail_text);
  }
}

/* --- other resource types ------------------------------------------------- */

static const char *
risk_colour_code (const HzJv *json)
{
  const HzJv *predictions = hz_jv_get_array (json, "prediction");

  for (guint i = 0; predictions != NULL && i < hz_jv_get_length (predictions); i++)
    {
      const char *code = concept_code (hz_jv_get_object (array_object (predictions, i), "outcome"),
                                       HZ_SYSTEM_RISK_COLOUR);

      if (code != NULL)
        return code;
    }
  return NULL;
}

static HzTimelineEvent *
event_for_risk (const CaseContext *context,
                HzResource        *resource)
{
  const HzJv *json = hz_resource_get_value (resource);
  const char *code = risk_colour_code (json);
  g_autofree char *title = NULL;
  GString *detail = g_string_new (NULL);
  HzSeverity severity = HZ_SEVERITY_INFO;
  const HzJv *basis = hz_jv_get_array (json, "basis");

  if (g_strcmp0 (code, "purple") == 0)
    {
      title = g_strdup (_("Risk grade: purple (infectious disease)"));
      severity = HZ_SEVERITY_ATTENTION;
    }
  else if (code != NULL)
    {
      HzRiskColour colour = hz_risk_colour_from_string (code);

      if (colour == HZ_RISK_RED)
        severity = HZ_SEVERITY_CRITICAL;
      else if (colour == HZ_RISK_ORANGE)
        severity = HZ_SEVERITY_ATTENTION;
      /* Translators: %s is a risk colour: 绿色, 黄色, 橙色, 红色 */
      title = g_strdup_printf (_("Risk grade: %s"),
                               colour != HZ_RISK_UNKNOWN ? hz_risk_colour_get_display_name (colour) : code);
    }

  for (guint i = 0; basis != NULL && i < hz_jv_get_length (basis); i++)
    hz_fhir_append_part (detail, hz_jv_get_string (array_object (basis, i), "display"));
  if (code == NULL)
    hz_fhir_append_part (detail, hz_fhir_jv_concept_get_words (hz_jv_get_object (array_object (hz_jv_get_array (json, "prediction"), 0), "outcome")));
  hz_fhir_append_part (detail, first_note (json));
  hz_fhir_append_part (detail, reference_display (json, "performer"));
  return make_event_with_detail (resource, HZ_EVENT_KIND_RISK,
                                 severity, title, detail);
}

static HzTimelineEvent *
event_for_flag (const CaseContext *context,
                HzResource        *resource)
{
  const HzJv *json = hz_resource_get_value (resource);
  const char *code = concept_code (hz_jv_get_object (json, "code"), HZ_SYSTEM_RISK_COLOUR);
  const char *status = hz_jv_get_string (json, "status");
  gboolean active = status == NULL || g_str_equal (status, "active");
  HzSeverity severity = HZ_SEVERITY_INFO;
  g_autofree char *title = NULL;
  GString *detail = g_string_new (NULL);

  if (g_strcmp0 (code, "purple") == 0)
    {
      title = g_strdup_printf (_("Infectious disease (purple): %s"), hz_resource_get_title (resource));
      if (active)
        severity = HZ_SEVERITY_ATTENTION;
    }
  else if (active)
    severity = HZ_SEVERITY_ATTENTION;

  if (!active)
    hz_fhir_append_part (detail, _("Inactive"));
  hz_fhir_append_part (detail, reference_display (json, "author"));
  return make_event_with_detail (resource, HZ_EVENT_KIND_RISK,
                                 severity, title, detail);
}

static HzTimelineEvent *
event_for_condition (const CaseContext *context,
                     HzResource        *resource)
{
  const HzJv *json = hz_resource_get_value (resource);
  const HzJv *severity_concept = hz_jv_get_object (json, "severity");
  const char *severity_code = concept_code (severity_concept, NULL);
  const char *severity_text = hz_fhir_jv_concept_get_words (severity_concept);
  HzSeverity severity = HZ_SEVERITY_INFO;
  GString *detail = g_string_new (NULL);

  /* SNOMED 24484000 severe */
  if (g_strcmp0 (severity_code, "24484000") == 0 || g_strcmp0 (severity_code, "severe") == 0)
    severity = HZ_SEVERITY_ATTENTION;

  hz_fhir_append_part (detail, hz_fhir_jv_concept_get_words (hz_jv_get_object (json, "clinicalStatus")));
  hz_fhir_append_part (detail, severity_text);
  hz_fhir_append_part (detail, first_note (json));
  hz_fhir_append_part (detail, reference_display (json, "asserter"));
  return make_event_with_detail (resource, HZ_EVENT_KIND_CONDITION,
                                 severity, NULL, detail);
}

static char *
participants_text (const HzJv *json,
                   const char *actor_member)
{
  const HzJv *participants = hz_jv_get_array (json, "participant");
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; participants != NULL && i < hz_jv_get_length (participants); i++)
    {
      const char *display = reference_display (array_object (participants, i), actor_member);

      if (display == NULL)
        continue;
      if (text->len > 0)
        g_string_append (text, _(", "));
      g_string_append (text, display);
    }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static HzTimelineEvent *
event_for_encounter (const CaseContext *context,
                     HzResource        *resource)
{
  const HzJv *json = hz_resource_get_value (resource);
  const char *title = hz_fhir_jv_get_concept_text (json, "type");
  GString *detail = g_string_new (NULL);

  if (title == NULL)
    title = hz_fhir_jv_get_concept_text (json, "serviceType");
  if (title == NULL)
    title = hz_jv_get_string (hz_jv_get_object (json, "class"), "display");
  if (title == NULL)
    title = _("Visit");

  hz_fhir_append_part (detail, hz_fhir_jv_get_concept_text (json, "reasonCode"));
  hz_fhir_append_part (detail, reference_display (json, "serviceProvider"));
  {
    g_autofree char *who = participants_text (json, "individual");

    hz_fhir_append_part (detail, who);
  }
  return make_event_with_detail (resource, HZ_EVENT_KIND_VISIT,
                                 HZ_SEVERITY_INFO, title, detail);
}

static gboolean
is_imaging_report (const HzJv *json)
{
  static const char * const codes[] = { "RAD", "US", "IMG", "imaging", "RUS", "OUS", NULL };
  const char *text = hz_fhir_jv_get_concept_text (json, "category");

  for (guint i = 0; codes[i] != NULL; i++)
    if (has_category (json, codes[i]))
      return TRUE;
  return text != NULL && (strstr (text, "超声") != NULL || strstr (text, "影像") != NULL ||
                          g_ascii_strncasecmp (text, "ultrasound", 10) == 0 ||
                          g_ascii_strncasecmp (text, "imaging", 7) == 0 ||
                          g_ascii_strncasecmp (text, "radiology", 9) == 0);
}

static HzTimelineEvent *
event_for_report (const CaseContext *context,
                  HzResource        *resource)
{
  const HzJv *json = hz_resource_get_value (resource);
  GString *detail = g_string_new (NULL);

  hz_fhir_append_part (detail, hz_jv_get_string (json, "conclusion"));
  hz_fhir_append_part (detail, reference_display (json, "performer"));
  return make_event_with_detail (resource,
                                 is_imaging_report (json) ? HZ_EVENT_KIND_IMAGING : HZ_EVENT_KIND_LAB,
                                 HZ_SEVERITY_INFO, NULL, detail);
}

static HzTimelineEvent *
event_for_imaging (const CaseContext *context,
                   HzResource        *resource)
{
  const HzJv *json = hz_resource_get_value (resource);
  GString *detail = g_string_new (NULL);
  g_autofree char *counts = NULL;
  double series, instances;
  const char *title = NULL;

  if (g_strcmp0 (hz_resource_get_resource_type (resource), "Media") == 0)
    title = hz_jv_get_string (hz_jv_get_object (json, "content"), "title");

  if (get_number (json, "numberOfSeries", &series) && get_number (json, "numberOfInstances", &instances))
    counts = g_strdup_printf (_("Series: %.0f, images: %.0f"), series, instances);
  hz_fhir_append_part (detail, counts);
  hz_fhir_append_part (detail, hz_fhir_jv_concept_get_words (array_object (hz_jv_get_array (json, "modality"), 0)));
  hz_fhir_append_part (detail, first_note (json));
  return make_event_with_detail (resource, HZ_EVENT_KIND_IMAGING,
                                 HZ_SEVERITY_INFO, title, detail);
}

static HzTimelineEvent *
event_for_service_request (const CaseContext *context,
                           HzResource        *resource)
{
  const HzJv *json = hz_resource_get_value (resource);
  const char *priority = hz_jv_get_string (json, "priority");
  const char *category = hz_fhir_jv_get_concept_text (json, "category");
  const char *what = hz_resource_get_title (resource);
  const char *from = reference_display (json, "requester");
  const char *to = reference_display (json, "performer");
  HzSeverity severity = HZ_SEVERITY_INFO;
  GString *detail = g_string_new (NULL);
  g_autofree char *title = NULL;
  g_autofree char *route = NULL;

  if (g_strcmp0 (priority, "urgent") == 0)
    severity = HZ_SEVERITY_ATTENTION;
  else if (g_strcmp0 (priority, "asap") == 0 || g_strcmp0 (priority, "stat") == 0)
    severity = HZ_SEVERITY_CRITICAL;

  if (category != NULL && g_strcmp0 (category, what) != 0)
    /* Translators: a request's category and what is asked: "检验：75 g OGTT" */
    title = g_strdup_printf (_("%s: %s"), category, what);

  if (from != NULL && to != NULL)
    /* Translators: a referral from one hospital to another */
    route = g_strdup_printf (_("%s → %s"), from, to);
  hz_fhir_append_part (detail, route != NULL ? route : (to != NULL ? to : from));
  hz_fhir_append_part (detail, hz_fhir_jv_get_concept_text (json, "reasonCode"));
  hz_fhir_append_part (detail, status_display (hz_jv_get_string (json, "status")));
  hz_fhir_append_part (detail, first_note (json));
  return make_event_with_detail (resource, HZ_EVENT_KIND_REFERRAL,
                                 severity, title, detail);
}

static HzTimelineEvent *
event_for_task (const CaseContext *context,
                HzResource        *resource)
{
  const HzJv *json = hz_resource_get_value (resource);
  const char *status = hz_jv_get_string (json, "status");
  HzSeverity severity = HZ_SEVERITY_INFO;
  GString *detail = g_string_new (NULL);
  g_autofree char *status_text = NULL;

  if (g_strcmp0 (status, "rejected") == 0 || g_strcmp0 (status, "failed") == 0)
    severity = HZ_SEVERITY_ATTENTION;

  /* an action of a plan (an MDT decision's): what, who, by when */
  if (g_str_has_prefix (hz_jv_get_path_string (hz_jv_get_object_element (json, "basedOn", 0), "reference") ?: "",
                        "CarePlan/"))
    {
      const char *due = hz_jv_get_path_string (json, "restriction.period.end");
      const char *owner = reference_display (json, "owner");
      g_autofree char *owner_text = NULL;
      g_autofree char *due_text = NULL;
      GDate due_day;

      if (owner != NULL)
        /* Translators: who carries out an action of a care plan */
        owner_text = g_strdup_printf (_("Owner: %s"), owner);
      if (due != NULL)
        {
          g_autofree char *day = hz_fhir_format_date (due);

          /* Translators: the date an action of a care plan is due by */
          due_text = g_strdup_printf (_("Due: %s"), day ? day : due);
        }
      hz_fhir_append_part (detail, status_display (status));
      hz_fhir_append_part (detail, owner_text);
      hz_fhir_append_part (detail, due_text);
      if (due != NULL && g_date_valid (&context->today) && hz_fhir_parse_date (due, &due_day) &&
          g_date_compare (&due_day, &context->today) < 0 &&
          (g_strcmp0 (status, "requested") == 0 || g_strcmp0 (status, "accepted") == 0 ||
           g_strcmp0 (status, "in-progress") == 0 || g_strcmp0 (status, "ready") == 0))
        severity = HZ_SEVERITY_ATTENTION;
      return make_event_with_detail (resource, HZ_EVENT_KIND_DECISION, severity, NULL, detail);
    }

  if (status_display (status) != NULL)
    /* Translators: the status of a referral or consultation task, e.g. "Status: Accepted" */
    status_text = g_strdup_printf (_("Status: %s"), status_display (status));
  hz_fhir_append_part (detail, status_text);
  hz_fhir_append_part (detail, hz_fhir_jv_concept_get_words (hz_jv_get_object (json, "businessStatus")));
  hz_fhir_append_part (detail, reference_display (json, "owner"));
  hz_fhir_append_part (detail, first_note (json));
  return make_event_with_detail (resource, HZ_EVENT_KIND_REFERRAL,
                                 severity, NULL, detail);
}

/* An appointment whose day has passed that is still only proposed,
 * pending or booked: nobody confirmed it took place. */
static gboolean
appointment_unconfirmed (const CaseContext *context,
                         HzResource        *resource)
{
  const char *status = hz_jv_get_string (hz_resource_get_value (resource), "status");
  GDateTime *when = hz_resource_get_date (resource);
  GDate day;

  if (when == NULL || !g_date_valid (&context->today) ||
      (g_strcmp0 (status, "booked") != 0 && g_strcmp0 (status, "pending") != 0 &&
       g_strcmp0 (status, "proposed") != 0))
    return FALSE;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, g_date_time_get_day_of_month (when), g_date_time_get_month (when),
                  g_date_time_get_year (when));
  return g_date_compare (&day, &context->today) < 0;
}

static HzTimelineEvent *
event_for_consultation (const CaseContext *context,
                        HzResource        *resource)
{
  HzSeverity severity = HZ_SEVERITY_INFO;
  const HzJv *json = hz_resource_get_value (resource);
  gboolean is_team = g_strcmp0 (hz_resource_get_resource_type (resource), "CareTeam") == 0;
  g_autofree char *who = participants_text (json, is_team ? "member" : "actor");
  GString *detail = g_string_new (NULL);
  const char *title = NULL;

  /* The resource found no better title than its type name. */
  if (g_strcmp0 (hz_resource_get_title (resource), hz_resource_get_resource_type (resource)) == 0)
    {
      title = hz_fhir_jv_get_concept_text (json, "appointmentType");
      if (title == NULL)
        title = is_team ? _("Care team") : _("MDT meeting");
    }

  hz_fhir_append_part (detail, who);
  if (!is_team && appointment_unconfirmed (context, resource))
    {
      /* Still "booked" after the day: nobody recorded that it took place */
      hz_fhir_append_part (detail, _("appointment not confirmed"));
      severity = HZ_SEVERITY_ATTENTION;
    }
  else
    hz_fhir_append_part (detail, status_display (hz_jv_get_string (json, "status")));
  return make_event_with_detail (resource, HZ_EVENT_KIND_CONSULTATION,
                                 severity, title, detail);
}

static HzTimelineEvent *
event_for_decision (const CaseContext *context,
                    HzResource        *resource)
{
  const HzJv *json = hz_resource_get_value (resource);
  GString *detail = g_string_new (NULL);
  const char *title = hz_jv_get_string (json, "title");

  if (title != NULL && g_strcmp0 (hz_resource_get_title (resource), title) != 0)
    hz_fhir_append_part (detail, hz_resource_get_title (resource));
  hz_fhir_append_part (detail, hz_jv_get_string (json, "description"));
  hz_fhir_append_part (detail, status_display (hz_jv_get_string (json, "status")));
  hz_fhir_append_part (detail, reference_display (json, "author"));
  return make_event_with_detail (resource, HZ_EVENT_KIND_DECISION,
                                 HZ_SEVERITY_INFO, title, detail);
}

static HzTimelineEvent *
event_for_questionnaire_response (const CaseContext *context,
                                  HzResource        *resource)
{
  const HzJv *json = hz_resource_get_value (resource);
  g_autofree char *url = g_ascii_strdown (hz_jv_get_string (json, "questionnaire") ?: "", -1);
  HzEventKind kind = HZ_EVENT_KIND_SCALE;
  GString *detail = g_string_new (NULL);

  if (strstr (url, "referral") != NULL || strstr (url, "zhuanzhen") != NULL)
    kind = HZ_EVENT_KIND_REFERRAL;
  else if (strstr (url, "consult") != NULL || strstr (url, "huizhen-request") != NULL)
    kind = HZ_EVENT_KIND_CONSULTATION;
  else if (strstr (url, "opinion") != NULL)
    kind = HZ_EVENT_KIND_DECISION;

  hz_fhir_append_part (detail, status_display (hz_jv_get_string (json, "status")));
  hz_fhir_append_part (detail, reference_display (json, "author"));
  return make_event_with_detail (resource, kind,
                                 HZ_SEVERITY_INFO, NULL, detail);
}

static HzTimelineEvent *
event_for_consent (const CaseContext *context,
                   HzResource        *resource)
{
  const HzJv *json = hz_resource_get_value (resource);
  const char *what = hz_fhir_jv_get_concept_text (json, "category");
  g_autofree char *title = NULL;

  if (what == NULL)
    what = hz_fhir_jv_get_concept_text (json, "scope");
  /* Translators: %s is what the consent is for */
  title = what != NULL ? g_strdup_printf (_("Consent: %s"), what) : g_strdup (_("Consent"));

  return make_event (resource, hz_resource_get_date (resource), HZ_EVENT_KIND_OTHER,
                     HZ_SEVERITY_INFO, title, status_display (hz_jv_get_string (json, "status")));
}

/* The resource types shown, and how each becomes an event */
static const struct {
  const char *type;
  HzTimelineEvent *(*make) (const CaseContext *context, HzResource *resource);
} event_makers[] = {
  { "Observation", event_for_observation },
  { "Encounter", event_for_encounter },
  { "RiskAssessment", event_for_risk },
  { "Flag", event_for_flag },
  { "Condition", event_for_condition },
  { "ImagingStudy", event_for_imaging },
  { "Media", event_for_imaging },
  { "DiagnosticReport", event_for_report },
  { "ServiceRequest", event_for_service_request },
  { "Task", event_for_task },
  { "Appointment", event_for_consultation },
  { "CareTeam", event_for_consultation },
  { "CarePlan", event_for_decision },
  { "Composition", event_for_decision },
  { "QuestionnaireResponse", event_for_questionnaire_response },
  { "Consent", event_for_consent },
};

static void
case_context_init (CaseContext *context,
                   HzCase      *kase)
{
  context->kase = kase;
  context->ogtt_days = NULL;
  g_date_clear (&context->today, 1);
  hz_ga_get_today (&context->today);
  if (kase == NULL)
    {
      hz_dating_compute (&context->dating, NULL, NULL, 0, NULL, 0, NULL, NULL);
      return;
    }

  hz_timeline_case_get_dating (kase, &context->dating);
  context->ogtt_days = g_hash_table_new (NULL, NULL);
  {
    GListModel *observations = hz_case_get_resources (kase, "Observation");

    for (guint i = 0, n = g_list_model_get_n_items (observations); i < n; i++)
      {
        g_autoptr(HzResource) resource = g_list_model_get_item (observations, i);
        const char *loinc = hz_fhir_jv_get_concept_code (hz_resource_get_value (resource), "code",
                                                         HZ_SYSTEM_LOINC);
        GDate day;

        if (hz_threshold_loinc_is_ogtt_load (loinc) && hz_resource_get_day (resource, &day))
          g_hash_table_add (context->ogtt_days, GUINT_TO_POINTER (g_date_get_julian (&day)));
      }
  }
}

static void
case_context_clear (CaseContext *context)
{
  g_clear_pointer (&context->ogtt_days, g_hash_table_unref);
}

static HzTimelineEvent *
event_new_in_context (const CaseContext *context,
                      HzResource        *resource)
{
  const char *type = hz_resource_get_resource_type (resource);

  if (type == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (event_makers); i++)
    if (g_str_equal (type, event_makers[i].type))
      return event_makers[i].make (context, resource);

  /* Patient, EpisodeOfCare, AuditEvent, Provenance: not events. */
  return NULL;
}

HzTimelineEvent *
hz_timeline_event_new_for_resource (HzCase     *kase,
                                    HzResource *resource)
{
  CaseContext context;
  HzTimelineEvent *event;

  g_return_val_if_fail (kase == NULL || HZ_IS_CASE (kase), NULL);
  g_return_val_if_fail (HZ_IS_RESOURCE (resource), NULL);

  case_context_init (&context, kase);
  event = event_new_in_context (&context, resource);
  case_context_clear (&context);
  return event;
}

HzTimelineEvent *
hz_timeline_event_new_for_due_item (const HzDueItem *item)
{
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *title = NULL;
  g_autofree char *window = NULL;
  g_autofree char *detail = NULL;
  HzSeverity severity;

  g_return_val_if_fail (item != NULL, NULL);

  date = g_date_time_new_local (g_date_get_year (&item->start),
                                g_date_get_month (&item->start),
                                g_date_get_day (&item->start),
                                0, 0, 0);

  switch (item->status)
    {
    case HZ_DUE_STATUS_DUE:
    case HZ_DUE_STATUS_OVERDUE:
      severity = HZ_SEVERITY_ATTENTION;
      break;
    case HZ_DUE_STATUS_UPCOMING:
    case HZ_DUE_STATUS_DONE:
    case HZ_DUE_STATUS_MISSED:
    default:
      severity = HZ_SEVERITY_INFO;
      break;
    }

  /* Translators: a due item and its status: "75 g OGTT: due now" */
  title = g_strdup_printf (_("%s: %s"), item->title, hz_due_status_get_display_name (item->status));
  window = hz_due_item_format_window (item);
  /* Translators: the window of a due item, then the guideline it comes from */
  detail = g_strdup_printf (_("Window %s · Source: %s"), window, item->source);

  return hz_timeline_event_new (date, HZ_EVENT_KIND_DUE, TRUE, item->team, severity,
                                title, detail, NULL);
}

/* --- the source ----------------------------------------------------------- */


/* QuestionnaireResponses a scored total was derived from: shown once, as the total. */
static GHashTable *
scored_responses (HzCase *kase)
{
  GHashTable *set = g_hash_table_new (g_str_hash, g_str_equal);
  GListModel *observations = hz_case_get_resources (kase, "Observation");

  for (guint i = 0, n = g_list_model_get_n_items (observations); i < n; i++)
    {
      g_autoptr(HzResource) resource = g_list_model_get_item (observations, i);
      const HzJv *derived = hz_jv_get_array (hz_resource_get_value (resource), "derivedFrom");

      for (guint j = 0; derived != NULL && j < hz_jv_get_length (derived); j++)
        {
          const char *reference = hz_jv_get_string (array_object (derived, j), "reference");

          if (reference != NULL)
            g_hash_table_add (set, (gpointer) reference);
        }
    }
  return set;
}

typedef struct
{
  const CaseContext *context;
  GPtrArray         *resources;   /* HzResource */
  HzTimelineEvent  **events;      /* one per resource, NULL if none */
} EventsData;

static void
make_one_event (guint    i,
                gpointer user_data)
{
  EventsData *data = user_data;

  data->events[i] = event_new_in_context (data->context, g_ptr_array_index (data->resources, i));
}

static GPtrArray *
hz_timeline_store_source_list_events (HzTimelineSource *source,
                                      HzCase           *kase)
{
  HzTimelineStoreSource *self = HZ_TIMELINE_STORE_SOURCE (source);
  g_autoptr(GHashTable) scored = NULL;
  g_autoptr(GPtrArray) resources = NULL;
  g_autofree HzTimelineEvent **made = NULL;
  CaseContext context;
  EventsData data;
  GPtrArray *due;
  GPtrArray *events;
  guint n = 0;

  if (kase == NULL)
    return g_ptr_array_new_with_free_func (g_object_unref);

  for (guint t = 0; t < G_N_ELEMENTS (event_makers); t++)
    n += g_list_model_get_n_items (hz_case_get_resources (kase, event_makers[t].type));
  resources = g_ptr_array_new_full (n, g_object_unref);

  scored = scored_responses (kase);

  for (guint t = 0; t < G_N_ELEMENTS (event_makers); t++)
    {
      GListModel *model = hz_case_get_resources (kase, event_makers[t].type);
      gboolean responses = g_str_equal (event_makers[t].type, "QuestionnaireResponse");

      for (guint i = 0, len = g_list_model_get_n_items (model); i < len; i++)
        {
          HzResource *resource = g_list_model_get_item (model, i);

          if (responses && g_hash_table_contains (scored, hz_resource_get_reference (resource)))
            g_object_unref (resource);
          else
            g_ptr_array_add (resources, resource);
        }
    }

  /* Independent of each other, and reading only immutable resources, the
   * case's lookup table and the context read here, which nothing changes
   * meanwhile: side by side on all cores. */
  case_context_init (&context, kase);
  if (g_date_valid (&self->today))
    context.today = self->today;
  made = g_new0 (HzTimelineEvent *, resources->len);
  data.context = &context;
  data.resources = resources;
  data.events = made;
  hz_parallel_for (resources->len, 1000, make_one_event, &data);

  events = g_ptr_array_new_full (resources->len + 16, g_object_unref);
  for (guint i = 0; i < resources->len; i++)
    if (made[i] != NULL)
      g_ptr_array_add (events, made[i]);

  g_clear_pointer (&self->due_items, g_ptr_array_unref);
  {
    g_autoptr(GArray) facts = hz_schedule_collect_facts_dated (kase, &context.dating);

    self->due_items = due = hz_schedule_compute (&context.dating,
                                                 (const HzScheduleFact *) (gpointer) facts->data,
                                                 facts->len,
                                                 g_date_valid (&self->today) ? &self->today : NULL);
  }
  case_context_clear (&context);
  for (guint i = 0; i < due->len; i++)
    {
      const HzDueItem *item = g_ptr_array_index (due, i);

      if (item->status != HZ_DUE_STATUS_DONE)
        g_ptr_array_add (events, hz_timeline_event_new_for_due_item (item));
    }

  return events;
}

static void
on_case_changed (HzCase                *kase,
                 const char           **resource_types,
                 HzTimelineStoreSource *self)
{
  hz_timeline_source_emit_changed (HZ_TIMELINE_SOURCE (self));
}

static void
hz_timeline_store_source_load (HzTimelineSource *source,
                               HzCase           *kase)
{
  HzTimelineStoreSource *self = HZ_TIMELINE_STORE_SOURCE (source);

  if (self->kase != NULL)
    {
      g_clear_signal_handler (&self->changed_id, self->kase);
      g_clear_object (&self->kase);
    }

  self->kase = g_object_ref (kase);
  self->changed_id = g_signal_connect (kase, "changed", G_CALLBACK (on_case_changed), self);
}

static void
hz_timeline_store_source_unload (HzTimelineSource *source,
                                 HzCase           *kase)
{
  HzTimelineStoreSource *self = HZ_TIMELINE_STORE_SOURCE (source);

  if (self->kase != NULL)
    g_clear_signal_handler (&self->changed_id, self->kase);
  g_clear_object (&self->kase);
}

static void
timeline_source_iface_init (HzTimelineSourceInterface *iface)
{
  iface->load = hz_timeline_store_source_load;
  iface->unload = hz_timeline_store_source_unload;
  iface->list_events = hz_timeline_store_source_list_events;
}

static void
hz_timeline_store_source_dispose (GObject *object)
{
  HzTimelineStoreSource *self = (HzTimelineStoreSource *)object;

  if (self->kase != NULL)
    g_clear_signal_handler (&self->changed_id, self->kase);
  g_clear_object (&self->kase);
  g_clear_pointer (&self->due_items, g_ptr_array_unref);

  G_OBJECT_CLASS (hz_timeline_store_source_parent_class)->dispose (object);
}

static void
hz_timeline_store_source_class_init (HzTimelineStoreSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hz_timeline_store_source_dispose;
}

static void
hz_timeline_store_source_init (HzTimelineStoreSource *self)
{
  g_date_clear (&self->today, 1);
}

HzTimelineStoreSource *
hz_timeline_store_source_new (void)
{
  return g_object_new (HZ_TYPE_TIMELINE_STORE_SOURCE, NULL);
}

void
hz_timeline_store_source_set_today (HzTimelineStoreSource *self,
                                    const GDate           *today)
{
  g_return_if_fail (HZ_IS_TIMELINE_STORE_SOURCE (self));

  if (today != NULL && g_date_valid (today))
    self->today = *today;
  else
    g_date_clear (&self->today, 1);
}

GPtrArray *
hz_timeline_store_source_get_due_items (HzTimelineStoreSource *self)
{
  g_return_val_if_fail (HZ_IS_TIMELINE_STORE_SOURCE (self), NULL);

  return self->due_items;
}
