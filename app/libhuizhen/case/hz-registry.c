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

/* The entry of the case of @summary, or %NULL (and no error) when the
 * case is not on the registry */
static gboolean
entry_from_summary (HzStore          *store,
                    HzCaseSummary    *summary,
                    const GDate      *today,
                    HzRegistryEntry **entry_out,
                    GError          **error)
{
  HzRiskColour colour = hz_case_summary_get_risk (summary);
  gboolean purple = hz_case_summary_get_infectious (summary);
  gboolean alert = hz_case_summary_get_alert (summary);
  g_autoptr(HzRegistryEntry) entry = NULL;

  *entry_out = NULL;

  if (!is_high_risk (colour) && !purple && !alert)
    return TRUE;

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
    return FALSE;

  *entry_out = g_steal_pointer (&entry);
  return TRUE;
}

static const GDate *
today_or_local (const GDate *today,
                GDate       *local_today)
{
  if (today != NULL)
    return today;
  hz_ga_get_today (local_today);
  return local_today;
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

  today = today_or_local (today, &local_today);

  cases = hz_store_list_cases (store, error);
  if (cases == NULL)
    return NULL;

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) hz_registry_entry_free);

  for (guint i = 0; i < cases->len; i++)
    {
      HzRegistryEntry *entry;

      if (!entry_from_summary (store, g_ptr_array_index (cases, i), today, &entry, error))
        return NULL;
      if (entry != NULL)
        g_ptr_array_add (entries, entry);
    }

  g_ptr_array_sort (entries, compare_entries);

  return g_steal_pointer (&entries);
}

/**
 * hz_registry_get_case:
 * @store: the store, with an actor set
 * @case_id: an EpisodeOfCare id
 * @today: (nullable): the day overdue is counted to; %NULL for today
 * @entry_out: (out) (transfer full) (nullable): the case's entry, %NULL
 *   when the case is not (or no longer) on the registry or is gone
 * @error: return location for a #GError
 *
 * The registry entry of one case, for a view that follows a change of
 * that case (HzStore::changed) in place.
 *
 * Returns: %FALSE on an error of the store
 */
gboolean
hz_registry_get_case (HzStore           *store,
                      const char        *case_id,
                      const GDate       *today,
                      HzRegistryEntry  **entry_out,
                      GError           **error)
{
  g_autoptr(HzCaseSummary) summary = NULL;
  g_autoptr(GError) local_error = NULL;
  GDate local_today;

  g_return_val_if_fail (HZ_IS_STORE (store), FALSE);
  g_return_val_if_fail (case_id != NULL, FALSE);
  g_return_val_if_fail (entry_out != NULL, FALSE);

  *entry_out = NULL;
  today = today_or_local (today, &local_today);

  summary = hz_store_get_case_summary (store, case_id, &local_error);
  if (summary == NULL)
    {
      if (g_error_matches (local_error, HZ_STORE_ERROR, HZ_STORE_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return entry_from_summary (store, summary, today, entry_out, error);
}

/**
 * hz_registry_entry_compare:
 *
 * The registry's order: red, orange, then purple only; within each, most
 * days overdue first, then by name.
 */
int
hz_registry_entry_compare (const HzRegistryEntry *a,
                           const HzRegistryEntry *b)
{
  return compare_entries (&a, &b);
}

HzRegistryEntry *
hz_registry_entry_copy (const HzRegistryEntry *entry)
{
  HzRegistryEntry *copy;

  g_return_val_if_fail (entry != NULL, NULL);

  copy = g_memdup2 (entry, sizeof *entry);
  copy->case_id = g_strdup (entry->case_id);
  copy->patient_name = g_strdup (entry->patient_name);
  copy->mrn = g_strdup (entry->mrn);
  copy->organization = g_strdup (entry->organization);
  copy->factors = g_strdup (entry->factors);
  copy->next_action = g_strdup (entry->next_action);
  copy->next_action_date = g_strdup (entry->next_action_date);
  copy->team = g_strdup (entry->team);
  copy->sort_key = g_strdup (entry->sort_key);
  copy->alert_text = g_strdup (entry->alert_text);
  copy->alert_since = g_strdup (entry->alert_since);

  return copy;
}

/* --- the table and the CSV --------------------------------------------------- */

/**
 * hz_registry_dup_headers:
 *
 * Returns: (transfer full): the translated column headers of the
 *   registry's table and CSV, HZ_REGISTRY_N_COLUMNS of them
 */
char **
hz_registry_dup_headers (void)
{
  char **headers = g_new0 (char *, HZ_REGISTRY_N_COLUMNS + 1);

  headers[HZ_REGISTRY_COLUMN_ID] = g_strdup (_("ID"));
  headers[HZ_REGISTRY_COLUMN_PATIENT] = g_strdup (_("Patient"));
  headers[HZ_REGISTRY_COLUMN_MRN] = g_strdup (_("MRN"));
  headers[HZ_REGISTRY_COLUMN_ORGANIZATION] = g_strdup (_("Organisation"));
  headers[HZ_REGISTRY_COLUMN_RISK] = g_strdup (_("Risk"));
  headers[HZ_REGISTRY_COLUMN_FACTORS] = g_strdup (_("Risk factors"));
  headers[HZ_REGISTRY_COLUMN_NEXT_ACTION] = g_strdup (_("Next action"));
  /* Translators: the date the next action is due */
  headers[HZ_REGISTRY_COLUMN_DUE] = g_strdup (C_("registry column", "Due"));
  headers[HZ_REGISTRY_COLUMN_DAYS_OVERDUE] = g_strdup (_("Days overdue"));
  headers[HZ_REGISTRY_COLUMN_TEAM] = g_strdup (_("Responsible team"));

  return headers;
}

/**
 * hz_registry_entry_get_team_display_name:
 *
 * Returns: (nullable): the responsible team in words, as recorded when the
 *   code is not one of Huizhen's teams
 */
const char *
hz_registry_entry_get_team_display_name (const HzRegistryEntry *entry)
{
  HzTeam team;

  g_return_val_if_fail (entry != NULL, NULL);

  if (entry->team == NULL)
    return NULL;

  return hz_team_from_string (entry->team, &team) ? hz_team_get_display_name (team) : entry->team;
}

/**
 * hz_registry_entry_dup_risk_text:
 *
 * Returns: (transfer full): the grade in words, with the purple mark
 */
char *
hz_registry_entry_dup_risk_text (const HzRegistryEntry *entry)
{
  const char *colour;
  g_autofree char *text = NULL;

  g_return_val_if_fail (entry != NULL, NULL);

  colour = hz_risk_colour_get_display_name (entry->colour);
  if (entry->purple)
    /* Translators: a risk colour, then the purple (infectious disease) mark */
    text = g_strdup_printf (_("%s + purple"), colour);
  else
    text = g_strdup (colour);

  if (entry->alert)
    /* Translators: the grade, then the open urgent alert: "黄色 · 自伤风险" */
    return g_strdup_printf (C_("registry", "%s · %s"), text, C_("alert", "Self-harm risk"));

  return g_steal_pointer (&text);
}

/**
 * hz_registry_entry_dup_cells:
 *
 * Returns: (transfer full): the cells of @entry as the table and the CSV
 *   show them, in the order of hz_registry_dup_headers(); empty for what
 *   is not recorded
 */
char **
hz_registry_entry_dup_cells (const HzRegistryEntry *entry)
{
  const char *team;
  char **row;

  g_return_val_if_fail (entry != NULL, NULL);

  team = hz_registry_entry_get_team_display_name (entry);
  row = g_new0 (char *, HZ_REGISTRY_N_COLUMNS + 1);
  row[HZ_REGISTRY_COLUMN_ID] = g_strdup (entry->case_id);
  row[HZ_REGISTRY_COLUMN_PATIENT] = g_strdup (entry->patient_name ? entry->patient_name : "");
  row[HZ_REGISTRY_COLUMN_MRN] = g_strdup (entry->mrn ? entry->mrn : "");
  row[HZ_REGISTRY_COLUMN_ORGANIZATION] = g_strdup (entry->organization ? entry->organization : "");
  row[HZ_REGISTRY_COLUMN_RISK] = hz_registry_entry_dup_risk_text (entry);
  row[HZ_REGISTRY_COLUMN_FACTORS] = g_strdup (entry->factors ? entry->factors : "");
  row[HZ_REGISTRY_COLUMN_NEXT_ACTION] = g_strdup (entry->next_action ? entry->next_action : "");
  row[HZ_REGISTRY_COLUMN_DUE] = entry->next_action_date ? hz_fhir_format_date_time (entry->next_action_date) : NULL;
  if (row[HZ_REGISTRY_COLUMN_DUE] == NULL)
    row[HZ_REGISTRY_COLUMN_DUE] = g_strdup (entry->next_action_date ? entry->next_action_date : "");
  row[HZ_REGISTRY_COLUMN_DAYS_OVERDUE] = g_strdup_printf ("%d", entry->days_overdue);
  row[HZ_REGISTRY_COLUMN_TEAM] = g_strdup (team ? team : "");

  return row;
}

/* One RFC 4180 field: quoted when it holds a comma, a quote or a line
 * break, quotes doubled */
static void
append_csv_field (GString    *out,
                  const char *value)
{
  if (strpbrk (value, ",\"\r\n") == NULL)
    {
      g_string_append (out, value);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
append_csv_row (GString            *out,
                const char * const *cells)
{
  for (guint i = 0; cells[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      append_csv_field (out, cells[i]);
    }
  g_string_append (out, "\r\n");
}

/**
 * hz_registry_export_csv:
 * @store: the store the entries were read from
 * @entries: (element-type HzRegistryEntry): what is exported, in order
 * @destination: (nullable): where it goes (a file), for the audit log;
 *   %NULL for standard output
 * @error: return location for a #GError
 *
 * The registry as CSV for the MCH office: UTF-8 with a byte order mark,
 * so that Excel on a Chinese Windows reads it as UTF-8 rather than GBK,
 * CRLF line ends, RFC 4180 quoting. What leaves the store is recorded
 * first: when the export cannot be audited, no CSV is made.
 *
 * Returns: (transfer full): the CSV, or %NULL with @error set
 */
GBytes *
hz_registry_export_csv (HzStore     *store,
                        GPtrArray   *entries,
                        const char  *destination,
                        GError     **error)
{
  g_auto(GStrv) headers = NULL;
  GString *out;

  g_return_val_if_fail (HZ_IS_STORE (store), NULL);
  g_return_val_if_fail (entries != NULL, NULL);

  if (!hz_store_audit_export (store, HZ_REGISTRY_AUDIT_WHAT, destination, error))
    return NULL;

  headers = hz_registry_dup_headers ();
  out = g_string_new ("\xEF\xBB\xBF");
  append_csv_row (out, (const char * const *) headers);
  for (guint i = 0; i < entries->len; i++)
    {
      g_auto(GStrv) row = hz_registry_entry_dup_cells (g_ptr_array_index (entries, i));

      append_csv_row (out, (const char * const *) row);
    }

  return g_string_free_to_bytes (out);
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
