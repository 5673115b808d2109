/* hz-fhir-codes.c — FHIR codes, element names, units and whole resources in the user’s words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-fhir"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "huizhen.h"


typedef struct
{
  const char *code;
  const char *display;
} CodeName;

/* Codes shown anywhere, in sentence case (in English "Booked", not the
 * code "booked"): request, task, appointment,
 * encounter, observation, report, consent and condition statuses; request
 * intents and priorities; administrative gender. */
static const CodeName codes[] = {
  { "draft", N_("Draft") },
  { "requested", N_("Requested") },
  { "received", N_("Received") },
  { "accepted", N_("Accepted") },
  { "rejected", N_("Rejected") },
  { "ready", N_("Ready") },
  { "cancelled", N_("Cancelled") },
  { "in-progress", N_("In progress") },
  { "on-hold", N_("On hold") },
  { "failed", N_("Failed") },
  { "completed", N_("Completed") },
  { "entered-in-error", N_("Entered in error") },
  { "active", N_("Active") },
  { "inactive", N_("Inactive") },
  { "revoked", N_("Revoked") },
  { "unknown", N_("Unknown") },
  { "proposed", N_("Proposed") },
  { "pending", N_("Pending") },
  { "booked", N_("Booked") },
  { "arrived", N_("Arrived") },
  { "fulfilled", N_("Fulfilled") },
  { "noshow", N_("Did not attend") },
  { "checked-in", N_("Checked in") },
  { "waitlist", N_("On the waiting list") },
  { "planned", N_("Planned") },
  { "finished", N_("Finished") },
  { "triaged", N_("Triaged") },
  { "registered", N_("Registered") },
  { "preliminary", N_("Preliminary") },
  { "final", N_("Final") },
  { "amended", N_("Amended") },
  { "corrected", N_("Corrected") },
  { "appended", N_("Appended") },
  { "partial", N_("Partial") },
  { "available", N_("Available") },
  { "stopped", N_("Stopped") },
  { "suspended", N_("Suspended") },
  { "proposal", N_("Proposal") },
  { "plan", N_("Plan") },
  { "order", N_("Order") },
  { "original-order", N_("Original order") },
  { "routine", N_("Routine") },
  { "urgent", N_("Urgent") },
  { "asap", N_("As soon as possible") },
  { "stat", N_("Immediately") },
  { "recurrence", N_("Recurrence") },
  { "relapse", N_("Relapse") },
  { "remission", N_("In remission") },
  { "resolved", N_("Resolved") },
  { "confirmed", N_("Confirmed") },
  { "unconfirmed", N_("Unconfirmed") },
  { "provisional", N_("Provisional") },
  { "differential", N_("Differential") },
  { "refuted", N_("Refuted") },
  { "Appointment", N_("Appointment") },
  { "CarePlan", N_("Care plan") },
  { "Condition", N_("Diagnosis") },
  { "DiagnosticReport", N_("Report") },
  { "Encounter", N_("Visit") },
  { "MedicationRequest", N_("Medication order") },
  { "Observation", N_("Observation") },
  { "ServiceRequest", N_("Request") },
  { "Task", N_("Task") },
  { "female", N_("Female") },
  { "male", N_("Male") },
  { "other", N_("Other") },
};

static const CodeName fields[] = {
  { "status", N_("Status") },
  { "intent", N_("Intent") },
  { "priority", N_("Priority") },
  { "category", N_("Category") },
  { "code", N_("Item") },
  { "subject", N_("Patient") },
  { "patient", N_("Patient") },
  { "encounter", N_("Visit") },
  { "effectiveDateTime", N_("Date") },
  { "effectivePeriod", N_("Period") },
  { "issued", N_("Reported") },
  { "valueQuantity", N_("Result") },
  { "valueString", N_("Result") },
  { "valueCodeableConcept", N_("Result") },
  { "valueInteger", N_("Result") },
  { "interpretation", N_("Interpretation") },
  { "referenceRange", N_("Reference range") },
  { "component", N_("Components") },
  { "performer", N_("Performed by") },
  { "requester", N_("Requested by") },
  { "authoredOn", N_("Requested on") },
  { "reasonCode", N_("Reason") },
  { "note", N_("Note") },
  { "start", N_("Start") },
  { "end", N_("End") },
  { "period", N_("Period") },
  { "participant", N_("Participants") },
  { "description", N_("Description") },
  { "date", N_("Date") },
  { "author", N_("Author") },
  { "title", N_("Title") },
  { "basedOn", N_("Based on") },
  { "owner", N_("Owner") },
  { "for", N_("Patient") },
  { "focus", N_("Concerns") },
  { "businessStatus", N_("Progress") },
  { "class", N_("Class") },
  { "type", N_("Type") },
  { "serviceProvider", N_("Hospital") },
  { "serviceType", N_("Service") },
  { "onsetDateTime", N_("Onset") },
  { "recordedDate", N_("Recorded") },
  { "clinicalStatus", N_("Clinical status") },
  { "verificationStatus", N_("Verification") },
  { "prediction", N_("Prediction") },
  { "method", N_("Method") },
  { "basis", N_("Basis") },
  { "item", N_("Answers") },
  { "questionnaire", N_("Form") },
  { "appointmentType", N_("Appointment type") },
  { "minutesDuration", N_("Duration (minutes)") },
  { "comment", N_("Comment") },
  { "created", N_("Created") },
  { "lastModified", N_("Last changed") },
  { "identifier", N_("Identifier") },
  { "conclusion", N_("Conclusion") },
  { "result", N_("Results") },
  { "series", N_("Series") },
  { "started", N_("Started") },
  { "modality", N_("Modality") },
  { "activity", N_("Activities") },
  { "scope", N_("Scope") },
  { "provision", N_("Provision") },
  { "dateTime", N_("Date") },
  { "section", N_("Sections") },
  { "attester", N_("Signed by") },
  { "detail", N_("Detail") },
  { "kind", N_("Kind") },
  { "scheduledPeriod", N_("Scheduled") },
  { "scheduledString", N_("Scheduled") },
  { "dosage", N_("Dose") },
  { "dosageInstruction", N_("Dose") },
  { "medicationCodeableConcept", N_("Medication") },
  { "reference", N_("Record") },
  { "display", N_("Name") },
  { "text", N_("Text") },
  { "system", N_("Code system") },
  { "value", N_("Value") },
  { "unit", N_("Unit") },
};

static const char *
lookup (const CodeName *table,
        gsize           n,
        const char     *key)
{
  if (key == NULL)
    return NULL;
  for (gsize i = 0; i < n; i++)
    if (g_str_equal (key, table[i].code))
      return _(table[i].display);
  return NULL;
}

const char *
hz_fhir_code_get_display (const char *code)
{
  return lookup (codes, G_N_ELEMENTS (codes), code);
}

const char *
hz_fhir_field_get_display (const char *member)
{
  const char *name = lookup (fields, G_N_ELEMENTS (fields), member);

  return name != NULL ? name : member;
}

/* UCUM and lab-system spellings → as clinicians write them */
static const CodeName units[] = {
  { "10^9/L", "×10⁹/L" },
  { "10*9/L", "×10⁹/L" },
  { "10E9/L", "×10⁹/L" },
  { "10^12/L", "×10¹²/L" },
  { "10*12/L", "×10¹²/L" },
  { "10E12/L", "×10¹²/L" },
  { "kg/m2", "kg/m²" },
  { "mmHg", "mmHg" },
  { "/min", "次/分" },
  { "{beats}/min", "次/分" },
  { "{score}", "" },
  { "1", "" },
};

char *
hz_fhir_unit_get_display (const char *unit)
{
  GString *s;

  if (unit == NULL)
    return g_strdup ("");

  /* "mm[Hg]" → "mmHg", "[IU]/L" → "IU/L" */
  s = g_string_new (NULL);
  for (const char *p = unit; *p != '\0'; p++)
    if (*p != '[' && *p != ']')
      g_string_append_c (s, *p);

  for (gsize i = 0; i < G_N_ELEMENTS (units); i++)
    if (g_str_equal (s->str, units[i].code))
      {
        g_string_assign (s, units[i].display);
        break;
      }
  return g_string_free (s, FALSE);
}

char *
hz_fhir_format_with_unit (const char *number,
                          const char *unit)
{
  g_autofree char *shown = hz_fhir_unit_get_display (unit);

  if (*shown == '\0')
    return g_strdup (number);
  /* "9.8×10⁹/L", "102 g/L" */
  return g_strdup_printf (g_str_has_prefix (shown, "×") ? "%s%s" : "%s %s", number, shown);
}

/**
 * hz_fhir_jv_format_quantity:
 * @quantity: (nullable): a FHIR Quantity
 * @with_unit: whether to add its unit (the systolic of "120/80 mmHg" has none)
 *
 * A Quantity as it is shown everywhere: its number exactly as it was
 * recorded (36.60 stays 36.60: the digits are the precision measured) and
 * its unit as clinicians write it.
 *
 * Returns: (transfer full) (nullable): the text, %NULL without a number
 */
char *
hz_fhir_jv_format_quantity (const HzJv *quantity,
                            gboolean    with_unit)
{
  HzJv *value = hz_jv_get (quantity, "value");
  g_autofree char *number = NULL;
  const char *unit;

  if (value == NULL || hz_jv_get_value_type (value) != HZ_JV_NUMBER)
    return NULL;

  number = hz_jv_to_string (value);
  unit = hz_jv_get_string (quantity, "unit");
  if (unit == NULL || *unit == '\0')
    unit = hz_jv_get_string (quantity, "code");
  if (!with_unit || unit == NULL)
    return g_steal_pointer (&number);

  return hz_fhir_format_with_unit (number, unit);
}

/**
 * hz_fhir_append_part:
 * @line: a line being written
 * @part: (nullable): a part of it
 *
 * Joins the non-empty parts of a line about a record with " · " (the
 * subtitles of the summary page, the detail lines of the timeline).
 */
void
hz_fhir_append_part (GString    *line,
                     const char *part)
{
  g_return_if_fail (line != NULL);

  if (part == NULL || *part == '\0')
    return;
  if (line->len > 0)
    /* Translators: separates the parts of a line ("2026-11-20 · high") */
    g_string_append (line, _(" · "));
  g_string_append (line, part);
}

/**
 * hz_fhir_jv_concept_get_words:
 * @concept: (nullable): a CodeableConcept
 *
 * How a coded value is shown: its text, else a coding's display, else its
 * code in words (hz_fhir_code_get_display()), else the code as it is.
 *
 * Returns: (transfer none) (nullable): the words
 */
const char *
hz_fhir_jv_concept_get_words (const HzJv *concept)
{
  const char *text = hz_jv_get_string (concept, "text");
  HzJv *codings = hz_jv_get_array (concept, "coding");

  if (text != NULL && *text != '\0')
    return text;

  for (HzJv *coding = hz_jv_get_first (codings); coding != NULL; coding = hz_jv_get_next (coding))
    if ((text = hz_jv_get_string (coding, "display")) != NULL && *text != '\0')
      return text;

  for (HzJv *coding = hz_jv_get_first (codings); coding != NULL; coding = hz_jv_get_next (coding))
    if ((text = hz_jv_get_string (coding, "code")) != NULL && *text != '\0')
      return hz_fhir_code_get_display (text) != NULL ? hz_fhir_code_get_display (text) : text;

  return NULL;
}

static const HzJv *
find_component (const HzJv *observation,
                const char *loinc)
{
  HzJv *component;

  for (guint i = 0; (component = hz_jv_get_object_element (observation, "component", i)) != NULL; i++)
    if (g_strcmp0 (hz_fhir_jv_get_concept_code (component, "code", HZ_SYSTEM_LOINC), loinc) == 0)
      return component;

  return NULL;
}

/**
 * hz_fhir_jv_format_observation_value:
 * @observation: an Observation (or one of its components)
 *
 * The one way an Observation's value is shown: a blood pressure as
 * "124/78 mmHg", a Quantity as recorded with its unit, an integer, a
 * text, a date (as every date is shown), a coded value in words, a yes
 * or no, the other components as "name value, ...", or why the value is
 * absent.
 *
 * Returns: (transfer full) (nullable): the value, %NULL when it has none
 */
char *
hz_fhir_jv_format_observation_value (const HzJv *observation)
{
  const HzJv *systolic = find_component (observation, HZ_LOINC_BP_SYSTOLIC);
  const HzJv *diastolic = find_component (observation, HZ_LOINC_BP_DIASTOLIC);
  const HzJv *concept;
  const char *str;
  HzJv *value;
  gboolean yes;

  if (observation == NULL)
    return NULL;

  if (systolic != NULL && diastolic != NULL)
    {
      const HzJv *dq = hz_jv_get_object (diastolic, "valueQuantity");
      g_autofree char *s = hz_fhir_jv_format_quantity (hz_jv_get_object (systolic, "valueQuantity"), FALSE);
      g_autofree char *d = hz_fhir_jv_format_quantity (dq, TRUE);

      if (s != NULL && d != NULL)
        {
          /* a diastolic written without its unit */
          if (hz_jv_get_string (dq, "unit") == NULL && hz_jv_get_string (dq, "code") == NULL)
            return g_strdup_printf ("%s/%s mmHg", s, d);
          return g_strdup_printf ("%s/%s", s, d);
        }
    }

  if ((value = hz_jv_get_object (observation, "valueQuantity")) != NULL)
    return hz_fhir_jv_format_quantity (value, TRUE);

  if ((value = hz_jv_get (observation, "valueInteger")) != NULL &&
      hz_jv_get_value_type (value) == HZ_JV_NUMBER)
    return hz_jv_to_string (value);

  if ((str = hz_jv_get_string (observation, "valueString")) != NULL)
    return g_strdup (str);

  if ((str = hz_jv_get_string (observation, "valueDateTime")) != NULL)
    return hz_fhir_format_date (str);

  if ((concept = hz_jv_get_object (observation, "valueCodeableConcept")) != NULL &&
      (str = hz_fhir_jv_concept_get_words (concept)) != NULL)
    return g_strdup (str);

  if (hz_jv_get_boolean (hz_jv_get (observation, "valueBoolean"), &yes))
    return g_strdup (yes ? _("yes") : _("no"));

  if (hz_jv_get_array (observation, "component") != NULL)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      HzJv *component;

      for (guint i = 0; (component = hz_jv_get_object_element (observation, "component", i)) != NULL; i++)
        {
          const char *name = hz_fhir_jv_concept_get_words (hz_jv_get_object (component, "code"));
          g_autofree char *v = hz_fhir_jv_format_observation_value (component);

          if (v == NULL)
            continue;
          if (text->len > 0)
            /* Translators: separates the components of a result ("收缩压 120，舒张压 80") */
            g_string_append (text, _(", "));
          if (name != NULL)
            g_string_append_printf (text, "%s %s", name, v);
          else
            g_string_append (text, v);
        }
      if (text->len > 0)
        return g_string_free (g_steal_pointer (&text), FALSE);
    }

  if ((concept = hz_jv_get_object (observation, "dataAbsentReason")) != NULL &&
      (str = hz_fhir_jv_concept_get_words (concept)) != NULL)
    return g_strdup (str);

  return NULL;
}

/* ------------------------------------------------------------------------- */
/* A resource in words */

#define MAX_VALUE_CHARS 160
#define MAX_ARRAY_ITEMS 4

static void append_value (GString *out, const HzJv *value, guint depth);

static gboolean
append_special_object (GString    *out,
                       const HzJv *object)
{
  const char *text, *display, *reference, *start, *end;
  HzJv *coding, *low, *high;

  /* CodeableConcept */
  if ((text = hz_jv_get_string (object, "text")) != NULL &&
      (hz_jv_get (object, "coding") != NULL || hz_jv_get_length (object) == 1))
    {
      g_string_append (out, text);
      return TRUE;
    }
  coding = hz_jv_get_object_element (object, "coding", 0);
  if (coding != NULL)
    {
      const char *code = hz_jv_get_string (coding, "code");

      display = hz_jv_get_string (coding, "display");
      if (display == NULL)
        display = hz_fhir_code_get_display (code);
      g_string_append (out, display != NULL ? display : (code != NULL ? code : ""));
      return TRUE;
    }

  /* Reference */
  display = hz_jv_get_string (object, "display");
  reference = hz_jv_get_string (object, "reference");
  if (display != NULL || (reference != NULL && hz_jv_get_length (object) <= 2))
    {
      g_string_append (out, display != NULL ? display : reference);
      return TRUE;
    }

  /* Quantity: the number as recorded, the unit as clinicians write it */
  {
    g_autofree char *quantity = hz_fhir_jv_format_quantity (object, TRUE);

    if (quantity != NULL)
      {
        g_string_append (out, quantity);
        return TRUE;
      }
  }

  /* Range / referenceRange: low – high */
  low = hz_jv_get_object (object, "low");
  high = hz_jv_get_object (object, "high");
  if (low != NULL || high != NULL)
    {
      if (low != NULL)
        append_value (out, low, 1);
      g_string_append (out, " – ");
      if (high != NULL)
        append_value (out, high, 1);
      return TRUE;
    }

  /* Period */
  start = hz_jv_get_string (object, "start");
  end = hz_jv_get_string (object, "end");
  if (start != NULL || end != NULL)
    {
      g_string_append_printf (out, "%s – %s", start ? start : "", end ? end : "");
      return TRUE;
    }

  /* Coding */
  if ((text = hz_jv_get_string (object, "code")) != NULL)
    {
      g_string_append (out, text);
      return TRUE;
    }

  return FALSE;
}

static void
append_value (GString    *out,
              const HzJv *value,
              guint       depth)
{
  switch (hz_jv_get_value_type (value))
    {
    case HZ_JV_STRING:
      {
        /* A code ("in-progress") in words; any other text as it is */
        const char *word = hz_fhir_code_get_display (hz_jv_get_str (value));

        g_string_append (out, word != NULL ? word : hz_jv_get_str (value));
      }
      break;

    case HZ_JV_TRUE:
      g_string_append (out, _("yes"));
      break;

    case HZ_JV_FALSE:
      g_string_append (out, _("no"));
      break;

    case HZ_JV_NUMBER:
      {
        /* as recorded: 36.60 stays 36.60 */
        g_autofree char *number = hz_jv_to_string (value);

        g_string_append (out, number);
      }
      break;

    case HZ_JV_ARRAY:
      {
        guint n = hz_jv_get_length (value);
        guint i = 0;

        for (HzJv *item = hz_jv_get_first (value); item != NULL && i < MAX_ARRAY_ITEMS;
             item = hz_jv_get_next (item), i++)
          {
            if (i > 0)
              g_string_append (out, "; ");
            append_value (out, item, depth + 1);
          }
        if (n > MAX_ARRAY_ITEMS)
          g_string_append_printf (out, "; … (+%u)", n - MAX_ARRAY_ITEMS);
      }
      break;

    case HZ_JV_OBJECT:
      if (!append_special_object (out, value))
        {
          /* Anything else: {member: value, ...} */
          g_string_append_c (out, '{');
          for (HzJv *member = hz_jv_get_first (value); member != NULL; member = hz_jv_get_next (member))
            {
              if (member != hz_jv_get_first (value))
                g_string_append (out, ", ");
              /* Translators: a field inside a record's field: "剂量：…" */
              g_string_append_printf (out, _("%s: "), hz_fhir_field_get_display (hz_jv_get_key (member)));
              if (depth < 3)
                append_value (out, member, depth + 1);
              else
                g_string_append (out, "…");
            }
          g_string_append_c (out, '}');
        }
      break;

    case HZ_JV_NULL:
    default:
      break;
    }
}

/* @value in words, shortened to MAX_VALUE_CHARS characters */
static void
describe_into (GString    *out,
               const HzJv *value)
{
  gsize start = out->len;

  append_value (out, value, 0);
  if (g_utf8_strlen (out->str + start, -1) > MAX_VALUE_CHARS)
    {
      const char *cut = g_utf8_offset_to_pointer (out->str + start, MAX_VALUE_CHARS);

      g_string_truncate (out, cut - out->str);
      g_string_append (out, "…");
    }
}

/**
 * hz_fhir_jv_describe_value:
 * @value: a member of a resource
 *
 * The one way a resource's field is shown in words: CodeableConcepts as
 * their text, codes translated, Quantities as recorded with their unit,
 * References as their display, Periods as "start – end", arrays joined;
 * long values shortened.
 *
 * Returns: (transfer full): the text, "" for nothing to show
 */
char *
hz_fhir_jv_describe_value (const HzJv *value)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (value != NULL, g_string_free (out, FALSE));

  describe_into (out, value);
  return g_string_free (out, FALSE);
}

/**
 * hz_fhir_jv_describe:
 * @resource: a resource
 * @max_lines: the most lines, 0 for all
 *
 * "field: value" lines for the top-level members of @resource (not
 * resourceType, id, meta, text), as hz_fhir_jv_describe_value() shows
 * them. With more members than @max_lines, the last line says how many
 * more there were.
 *
 * Returns: (transfer full): the lines
 */
char *
hz_fhir_jv_describe (const HzJv *resource,
                     guint       max_lines)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  guint limit;

  g_return_val_if_fail (resource != NULL, NULL);

  for (HzJv *member = hz_jv_get_first (resource); member != NULL; member = hz_jv_get_next (member))
    {
      const char *name = hz_jv_get_key (member);

      if (g_str_equal (name, "resourceType") || g_str_equal (name, "id") ||
          g_str_equal (name, "meta") || g_str_equal (name, "text"))
        continue;
      g_ptr_array_add (shown, member);
    }

  /* Room for everything, or for max_lines - 1 and the "more" line */
  limit = shown->len;
  if (max_lines > 0 && shown->len > max_lines)
    limit = max_lines - 1;

  for (guint i = 0; i < limit; i++)
    {
      const HzJv *member = g_ptr_array_index (shown, i);
      const char *name = hz_jv_get_key (member);
      g_autoptr(GString) value = g_string_new (NULL);

      describe_into (value, member);
      if (value->len == 0)
        continue;

      if (out->len > 0)
        g_string_append_c (out, '\n');
      /* Translators: a field of a record and its value, in the event's detail */
      g_string_append_printf (out, _("%s: %s"), hz_fhir_field_get_display (name), value->str);
    }

  if (limit < shown->len)
    {
      guint more = shown->len - limit;

      if (out->len > 0)
        g_string_append_c (out, '\n');
      g_string_append_printf (out,
                              g_dngettext (GETTEXT_PACKAGE, "… and %u more field", "… and %u more fields", more),
                              more);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}
