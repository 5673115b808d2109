/* hz-summary-data.c — what the summary page and panel read from a case
 *
 * Everything is read from the HzCase models (never from the database), and
 * follows the conventions of docs/data-model.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-summary"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "hz-summary-private.h"

char *
hz_summary_risk_factors (HzResource *risk)
{
  const HzJv *json = hz_resource_get_value (risk);
  g_autoptr(GPtrArray) factors = g_ptr_array_new ();
  HzJv *item;

  for (guint i = 0; (item = hz_jv_get_object_element (json, "basis", i)) != NULL; i++)
    {
      const char *display = hz_jv_get_string (item, "display");

      if (display != NULL && *display != '\0')
        g_ptr_array_add (factors, (gpointer) display);
    }

  for (guint i = 0; (item = hz_jv_get_object_element (json, "note", i)) != NULL; i++)
    {
      const char *text = hz_jv_get_string (item, "text");

      if (text != NULL && *text != '\0')
        g_ptr_array_add (factors, (gpointer) text);
    }

  if (factors->len == 0)
    return NULL;

  g_ptr_array_add (factors, NULL);

  /* Translators: separates the factors of a risk grading */
  return g_strjoinv (_("; "), (char **) factors->pdata);
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

char *
hz_summary_format_observation_value (const HzJv *observation)
{
  const HzJv *systolic = find_component (observation, HZ_LOINC_BP_SYSTOLIC);
  const HzJv *diastolic = find_component (observation, HZ_LOINC_BP_DIASTOLIC);
  HzJv *value;
  gint64 integer;

  if (systolic != NULL && diastolic != NULL)
    {
      g_autofree char *s = hz_fhir_jv_format_quantity (hz_jv_get_object (systolic, "valueQuantity"), FALSE);
      g_autofree char *d = hz_fhir_jv_format_quantity (hz_jv_get_object (diastolic, "valueQuantity"), TRUE);

      if (s != NULL && d != NULL)
        return g_strdup_printf ("%s/%s", s, d);
    }

  if ((value = hz_jv_get_object (observation, "valueQuantity")) != NULL)
    return hz_fhir_jv_format_quantity (value, TRUE);

  if (hz_jv_get_int64 (hz_jv_get (observation, "valueInteger"), &integer))
    return g_strdup_printf ("%" G_GINT64_FORMAT, integer);

  if (hz_jv_get_string (observation, "valueString") != NULL)
    return g_strdup (hz_jv_get_string (observation, "valueString"));

  if (hz_jv_get_string (observation, "valueDateTime") != NULL)
    return hz_fhir_format_date (hz_jv_get_string (observation, "valueDateTime"));

  if (hz_jv_get_object (observation, "valueCodeableConcept") != NULL)
    return g_strdup (hz_fhir_jv_get_concept_text (observation, "valueCodeableConcept"));

  return NULL;
}

char *
hz_summary_sentence_case (const char *text)
{
  gunichar first;

  g_return_val_if_fail (text != NULL, NULL);

  /* A word written to stand inside a sentence ("appointment not
   * confirmed", the timeline's) starts with a capital alone at the end of
   * a row. A script without case (Chinese) is left as it is. */
  first = g_utf8_get_char (text);
  if (first == g_unichar_totitle (first))
    return g_strdup (text);

  {
    char buf[8];
    int len = g_unichar_to_utf8 (g_unichar_totitle (first), buf);

    return g_strdup_printf ("%.*s%s", len, buf, g_utf8_next_char (text));
  }
}
