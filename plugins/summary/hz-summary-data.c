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

GPtrArray *
hz_summary_active_flags (HzCase *kase)
{
  GListModel *model = hz_case_get_resources (kase, "Flag");
  guint n = g_list_model_get_n_items (model);
  GPtrArray *flags = g_ptr_array_new ();

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HzResource) flag = g_list_model_get_item (model, i);

      if (g_strcmp0 (hz_jv_get_string (hz_resource_get_value (flag), "status"), "active") == 0)
        g_ptr_array_add (flags, flag);
    }

  return flags;
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
    return hz_ui_format_date (hz_jv_get_string (observation, "valueDateTime"));

  if (hz_jv_get_object (observation, "valueCodeableConcept") != NULL)
    return g_strdup (hz_fhir_jv_get_concept_text (observation, "valueCodeableConcept"));

  return NULL;
}

const char *
hz_summary_status_display_name (const char *status)
{
  static const struct {
    const char *status;
    const char *display_name;
  } names[] = {
    { "draft",            NC_("status", "Draft") },
    { "requested",        NC_("status", "Requested") },
    { "received",         NC_("status", "Received") },
    { "accepted",         NC_("status", "Accepted") },
    { "rejected",         NC_("status", "Rejected") },
    { "ready",            NC_("status", "Ready") },
    { "in-progress",      NC_("status", "In progress") },
    { "on-hold",          NC_("status", "On hold") },
    { "active",           NC_("status", "Active") },
    { "completed",        NC_("status", "Completed") },
    { "cancelled",        NC_("status", "Cancelled") },
    { "failed",           NC_("status", "Failed") },
    { "proposed",         NC_("status", "Proposed") },
    { "pending",          NC_("status", "Pending") },
    { "booked",           NC_("status", "Booked") },
    { "arrived",          NC_("status", "Arrived") },
    { "checked-in",       NC_("status", "Checked in") },
    { "waitlist",         NC_("status", "Waiting list") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (status, names[i].status) == 0)
      return g_dpgettext2 (GETTEXT_PACKAGE, "status", names[i].display_name);

  return status;
}
