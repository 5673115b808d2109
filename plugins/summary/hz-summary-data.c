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
  JsonObject *json = hz_resource_get_json (risk);
  g_autoptr(GPtrArray) factors = g_ptr_array_new ();
  JsonObject *item;

  for (guint i = 0; (item = hz_fhir_get_object_element (json, "basis", i)) != NULL; i++)
    {
      const char *display = hz_fhir_get_string (item, "display");

      if (display != NULL && *display != '\0')
        g_ptr_array_add (factors, (gpointer) display);
    }

  for (guint i = 0; (item = hz_fhir_get_object_element (json, "note", i)) != NULL; i++)
    {
      const char *text = hz_fhir_get_string (item, "text");

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

      if (g_strcmp0 (hz_fhir_get_string (hz_resource_get_json (flag), "status"), "active") == 0)
        g_ptr_array_add (flags, flag);
    }

  return flags;
}

static char *
format_number (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* Up to two decimals, without trailing zeros: 62.5, 120, 11.25 */
  g_snprintf (buf, sizeof buf, "%.2f", value);
  if (strchr (buf, '.') != NULL)
    {
      char *end = buf + strlen (buf) - 1;

      while (*end == '0')
        *end-- = '\0';
      if (*end == '.')
        *end = '\0';
    }

  return g_strdup (buf);
}

static char *
format_quantity (JsonObject *quantity,
                 gboolean    with_unit)
{
  JsonNode *value = json_object_get_member (quantity, "value");
  const char *unit = hz_fhir_get_string (quantity, "unit");
  g_autofree char *number = NULL;

  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value))
    return NULL;

  number = format_number (json_node_get_double (value));

  if (unit == NULL)
    unit = hz_fhir_get_string (quantity, "code");

  if (!with_unit || unit == NULL || *unit == '\0')
    return g_steal_pointer (&number);

  return g_strdup_printf ("%s %s", number, unit);
}

static JsonObject *
find_component (JsonObject *observation,
                const char *loinc)
{
  JsonObject *component;

  for (guint i = 0; (component = hz_fhir_get_object_element (observation, "component", i)) != NULL; i++)
    if (g_strcmp0 (hz_fhir_get_concept_code (component, "code", HZ_SYSTEM_LOINC), loinc) == 0)
      return component;

  return NULL;
}

char *
hz_summary_format_observation_value (JsonObject *observation)
{
  JsonNode *node;
  JsonObject *systolic = find_component (observation, HZ_LOINC_BP_SYSTOLIC);
  JsonObject *diastolic = find_component (observation, HZ_LOINC_BP_DIASTOLIC);

  if (systolic != NULL && diastolic != NULL &&
      json_object_has_member (systolic, "valueQuantity") &&
      json_object_has_member (diastolic, "valueQuantity"))
    {
      JsonObject *sq = json_object_get_object_member (systolic, "valueQuantity");
      JsonObject *dq = json_object_get_object_member (diastolic, "valueQuantity");
      g_autofree char *s = format_quantity (sq, FALSE);
      g_autofree char *d = format_quantity (dq, TRUE);

      if (s != NULL && d != NULL)
        return g_strdup_printf ("%s/%s", s, d);
    }

  if ((node = json_object_get_member (observation, "valueQuantity")) != NULL &&
      JSON_NODE_HOLDS_OBJECT (node))
    return format_quantity (json_node_get_object (node), TRUE);

  if ((node = json_object_get_member (observation, "valueInteger")) != NULL &&
      JSON_NODE_HOLDS_VALUE (node))
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));

  if ((node = json_object_get_member (observation, "valueString")) != NULL &&
      JSON_NODE_HOLDS_VALUE (node))
    return g_strdup (json_node_get_string (node));

  if ((node = json_object_get_member (observation, "valueDateTime")) != NULL &&
      JSON_NODE_HOLDS_VALUE (node))
    return hz_ui_format_date (json_node_get_string (node));

  if (json_object_has_member (observation, "valueCodeableConcept"))
    return g_strdup (hz_fhir_get_concept_text (observation, "valueCodeableConcept"));

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
