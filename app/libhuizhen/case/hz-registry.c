/* hz-registry.c — the high-risk registry (高危孕产妇专案管理)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-case"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "huizhen.h"
#include "hz-store-private.h"

void
hz_registry_entry_free (HzRegistryEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->case_id);
  g_free (entry->patient_name);
  g_free (entry->mrn);
  g_free (entry->organization);
  g_free (entry->factors);
  g_free (entry->next_action);
  g_free (entry->next_action_date);
  g_free (entry->team);
  g_free (entry->sort_key);
  g_free (entry->alert_text);
  g_free (entry->alert_since);
  g_free (entry);
}

static gboolean
is_high_risk (HzRiskColour colour)
{
  return colour == HZ_RISK_ORANGE || colour == HZ_RISK_RED;
}

/* The factors as the grading records them (hz_risk_record_grading() and
 * the demo bundles): the rationale, else the basis' displays, else the
 * first note. (transfer full) (nullable) */
static char *
dup_factors (const HzJv *assessment)
{
  const char *rationale;
  g_autoptr(GPtrArray) displays = g_ptr_array_new ();
  const char *note;

  rationale = hz_jv_get_path_string (hz_jv_get_object_element (assessment, "prediction", 0),
                                     "rationale");
  if (rationale != NULL && *rationale != '\0')
    return g_strdup (rationale);

  for (const HzJv *basis = hz_jv_get_first (hz_jv_get_array (assessment, "basis"));
       basis != NULL;
       basis = hz_jv_get_next (basis))
    {
      const char *display = hz_jv_get_string (basis, "display");

      if (display != NULL && *display != '\0')
        g_ptr_array_add (displays, (gpointer) display);
    }
  if (displays->len > 0)
    {
      g_ptr_array_add (displays, NULL);
      /* Translators: between two factors of a grading */
      return g_strjoinv (_("; "), (char **) displays->pdata);
    }

  note = hz_jv_get_string (hz_jv_get_object_element (assessment, "note", 0), "text");
  return note != NULL && *note != '\0' ? g_strdup (note) : NULL;
}

/* The current grading's factors and team, the team of the purple Flag
 * when there is no grading */
static gboolean
read_case_details (HzStore          *store,
                   HzRegistryEntry  *entry,
                   GError          **error)
{
  static const char * const types[] = { "RiskAssessment", "Flag", NULL };
  g_autoptr(GPtrArray) resources = NULL;
  g_autoptr(GPtrArray) assessments = g_ptr_array_new ();
  const char *flag_team = NULL;
  guint current;

  resources = hz_store_read_case_types (store, entry->case_id, types, error);
  if (resources == NULL)
    return FALSE;

  for (guint i = 0; i < resources->len; i++)
    {
      HzResource *resource = g_ptr_array_index (resources, i);
      const HzJv *value = hz_resource_get_value (resource);
      const char *type = hz_resource_get_resource_type (resource);

      if (g_strcmp0 (type, "RiskAssessment") == 0)
        g_ptr_array_add (assessments, (gpointer) value);
      else if (g_strcmp0 (type, "Flag") == 0 && flag_team == NULL && hz_risk_flag_is_purple (value))
        flag_team = hz_fhir_jv_get_team_tag (value);

      /* the latest open alert (resources come in date order) */
      if (g_strcmp0 (type, "Flag") == 0 && hz_screening_flag_is_alert (value))
        {
          entry->alert = TRUE;
          g_free (entry->alert_text);
          entry->alert_text = g_strdup (hz_fhir_jv_get_concept_text (value, "code"));
          g_free (entry->alert_since);
          entry->alert_since = g_strdup (hz_jv_get_path_string (value, "period.start"));
        }
    }

  /* The one rule of the current grade (hz-risk.h) */
  if (hz_risk_pick_current ((const HzJv **) assessments->pdata, assessments->len, &current))
    {
      const HzJv *assessment = g_ptr_array_index (assessments, current);

      entry->factors = dup_factors (assessment);
      entry->team = g_strdup (hz_fhir_jv_get_team_tag (assessment));
    }
  if (entry->team == NULL && entry->purple)
    entry->team = g_strdup (flag_team);
  if (entry->team == NULL && entry->alert)
    entry->team = g_strdup (hz_team_to_string (HZ_TEAM_PSYCHOLOGY));

  return TRUE;
}

static int
group_rank (const HzRegistryEntry *entry)
{
  if (entry->alert)
    return 0;
  if (entry->colour == HZ_RISK_RED)
    return 1;
  if (entry->colour == HZ_RISK_ORANGE)
    return 2;
  return 3; /* purple only */
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const HzRegistryEntry *x = *(HzRegistryEntry * const *) a;
  const HzRegistryEntry *y = *(HzRegistryEntry * const *) b;
  int cmp;

  if ((cmp = group_rank (x) - group_rank (y)) != 0)
    return cmp;
  if (x->days_overdue != y->days_overdue)
    return x->days_overdue > y->days_overdue ? -1 : 1;
  if ((cmp = g_strcmp0 (x->sort_key, y->sort_key)) != 0)
    return cmp;
  return g_strcmp0 (x->case_id, y->case_id);
}

static int
days_overdue (const char  *date_text,
              const GDate *today)
{
  GDate date;
  int days;

  if (date_text == NULL || !hz_fhir_parse_date (date_text, &date))
    return 0;

  days = g_date_days_between (&date, today);
  return days > 0 ? days : 0;
}

/**
 * hz_registry_list:
 * @store: the store, with an actor set
 * @today: (nullable): the day overdue is counted to; %NULL for today
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type HzRegistryEntry): the registry
 */
GPtrArray *
hz_registry_list (HzStore      *store,
                  const GDate  *today,
                  GError      **error)
{
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  GDate local_today;

  g_return_val_if_fail (HZ_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (today == NULL)
    {
      hz_ga_get_today (&local_today);
      today = &local_today;
    }

  cases = hz_store_list_cases (store, error);
  if (cases == NULL)
    return NULL;

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) hz_registry_entry_free);

  for (guint i = 0; i < cases->len; i++)
    {
      HzCaseSummary *summary = g_ptr_array_index (cases, i);
      HzRiskColour colour = hz_case_summary_get_risk (summary);
      gboolean purple = hz_case_summary_get_infectious (summary);
      gboolean alert = hz_case_summary_get_alert (summary);
      g_autoptr(HzRegistryEntry) entry = NULL;

      if (!is_high_risk (colour) && !purple && !alert)
        continue;

      entry = g_new0 (HzRegistryEntry, 1);
      entry->case_id = g_strdup (hz_case_summary_get_case_id (summary));
      entry->patient_name = g_strdup (hz_case_summary_get_patient_name (summary));
      entry->mrn = g_strdup (hz_case_summary_get_mrn (summary));
      entry->organization = g_strdup (hz_case_summary_get_organization (summary));
      entry->colour = colour;
      entry->purple = purple;
      entry->next_action = g_strdup (hz_case_summary_get_next_action (summary));
      entry->next_action_date = g_strdup (hz_case_summary_get_next_action_date (summary));
      entry->days_overdue = days_overdue (hz_case_summary_get_next_action_due (summary), today);
      entry->sort_key = g_strdup (hz_case_summary_get_sort_key (summary));

      if (!read_case_details (store, entry, error))
        return NULL;

      g_ptr_array_add (entries, g_steal_pointer (&entry));
    }

  g_ptr_array_sort (entries, compare_entries);

  return g_steal_pointer (&entries);
}

guint
hz_registry_count_overdue (GPtrArray *entries)
{
  guint n = 0;

  g_return_val_if_fail (entries != NULL, 0);

  for (guint i = 0; i < entries->len; i++)
    {
      const HzRegistryEntry *entry = g_ptr_array_index (entries, i);

      if (entry->days_overdue > 0)
        n++;
    }

  return n;
}
