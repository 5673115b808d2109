/* hz-cli-cases.c — huizhen-cli cases and audit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-cli"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hz-cli.h"

#define HZ_CLI_MAX_GA_DAYS (44 * 7)

static gboolean
iso_to_gdate (const char *iso,
              GDate      *date)
{
  g_autoptr(GDateTime) parsed = NULL;

  g_date_clear (date, 1);

  if (iso == NULL || *iso == '\0')
    return FALSE;

  parsed = hz_fhir_parse_datetime (iso);
  if (parsed == NULL)
    return FALSE;

  g_date_set_dmy (date,
                  g_date_time_get_day_of_month (parsed),
                  g_date_time_get_month (parsed),
                  g_date_time_get_year (parsed));

  return TRUE;
}

static void
get_today (GDate *today)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (today, 1);
  g_date_set_dmy (today,
                  g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

/* Gestational age today from what the case list knows (LMP, EDD,
 * delivery). @ga_days is set when pregnant and dated; the text is the GA,
 * "postpartum day N", or NULL when not dated. (transfer full) */
static char *
case_ga_today (HzCaseSummary *summary,
               const GDate   *today,
               gboolean      *has_ga,
               int           *ga_days,
               char         **edd_out)
{
  GDate lmp, edd, delivery;
  gboolean has_lmp = iso_to_gdate (hz_case_summary_get_lmp (summary), &lmp);
  gboolean has_edd = iso_to_gdate (hz_case_summary_get_edd (summary), &edd);
  gboolean has_delivery = iso_to_gdate (hz_case_summary_get_delivery_date (summary), &delivery);
  HzDating dating;

  *has_ga = FALSE;

  if (edd_out != NULL)
    *edd_out = NULL;

  hz_dating_compute (&dating,
                     has_lmp ? &lmp : NULL,
                     NULL, 0,
                     has_edd ? &edd : NULL,
                     has_delivery ? &delivery : NULL);

  /* The recorded EDD, else Naegele's from the LMP */
  if (edd_out != NULL && dating.method != HZ_DATING_NONE)
    *edd_out = g_strdup_printf ("%04u-%02u-%02u",
                                g_date_get_year (&dating.edd),
                                g_date_get_month (&dating.edd),
                                g_date_get_day (&dating.edd));

  if (has_delivery)
    {
      int days = g_date_days_between (&delivery, today);

      return days >= 0 ? hz_ga_format_postpartum (days) : NULL;
    }

  if (!hz_dating_ga_at (&dating, today, ga_days))
    return NULL;

  *has_ga = TRUE;

  /* A pregnancy "older" than 44 weeks is a record without its delivery */
  if (*ga_days > HZ_CLI_MAX_GA_DAYS)
    return g_strdup (_("over 44 weeks, no delivery recorded"));

  return hz_ga_format (*ga_days);
}

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *member,
                    const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/* huizhen-cli cases [--json] */
int
hz_cli_cases (HzCli  *cli,
              int     argc,
              char  **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON array"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GError) error = NULL;
  int exit_code = HZ_CLI_EXIT_OK;
  HzStore *store;
  GDate today;

  context = g_option_context_new (_("cases"));
  g_option_context_set_summary (context,
                                _("Lists every case: id, patient, gestational age today and risk grade."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!hz_cli_parse (cli, context, &argc, &argv))
    return HZ_CLI_EXIT_USAGE;

  if (argc > 1)
    {
      g_autofree char *message = g_strdup_printf (_("Unexpected argument “%s”"), argv[1]);

      hz_cli_usage_error ("cases", message);
      return HZ_CLI_EXIT_USAGE;
    }

  store = hz_cli_open_store (cli, &exit_code);
  if (store == NULL)
    return exit_code;

  cases = hz_store_list_cases (store, &error);
  if (cases == NULL)
    {
      hz_cli_print_error (hz_store_get_path (store), error->message);
      return HZ_CLI_EXIT_INPUT;
    }

  get_today (&today);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < cases->len; i++)
        {
          HzCaseSummary *summary = g_ptr_array_index (cases, i);
          gboolean has_ga;
          int ga_days = 0;
          g_autofree char *edd = NULL;
          g_autofree char *ga = case_ga_today (summary, &today, &has_ga, &ga_days, &edd);
          const char *recorded_edd = hz_case_summary_get_edd (summary);

          json_builder_begin_object (builder);
          add_string_or_null (builder, "id", hz_case_summary_get_case_id (summary));
          add_string_or_null (builder, "patient_id", hz_case_summary_get_patient_id (summary));
          add_string_or_null (builder, "patient_name", hz_case_summary_get_patient_name (summary));
          add_string_or_null (builder, "id_card", hz_case_summary_get_id_card (summary));
          add_string_or_null (builder, "mrn", hz_case_summary_get_mrn (summary));
          add_string_or_null (builder, "birth_date", hz_case_summary_get_birth_date (summary));
          add_string_or_null (builder, "risk", hz_risk_colour_to_string (hz_case_summary_get_risk (summary)));
          json_builder_set_member_name (builder, "infectious");
          json_builder_add_boolean_value (builder, hz_case_summary_get_infectious (summary));
          add_string_or_null (builder, "lmp", hz_case_summary_get_lmp (summary));
          add_string_or_null (builder, "edd", recorded_edd != NULL ? recorded_edd : edd);
          add_string_or_null (builder, "delivery_date", hz_case_summary_get_delivery_date (summary));
          json_builder_set_member_name (builder, "ga_days");
          if (has_ga)
            json_builder_add_int_value (builder, ga_days);
          else
            json_builder_add_null_value (builder);
          add_string_or_null (builder, "ga", ga);
          add_string_or_null (builder, "status", hz_case_summary_get_status (summary));
          add_string_or_null (builder, "organization", hz_case_summary_get_organization (summary));
          add_string_or_null (builder, "next_action", hz_case_summary_get_next_action (summary));
          add_string_or_null (builder, "updated", hz_case_summary_get_updated (summary));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);

      root = json_builder_get_root (builder);
      hz_cli_print_json (root);
    }
  else
    {
      const char *headers[] = { _("ID"), _("Patient"), _("GA today"), _("Risk"), NULL };
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

      for (guint i = 0; i < cases->len; i++)
        {
          HzCaseSummary *summary = g_ptr_array_index (cases, i);
          const char *risk = hz_risk_colour_get_display_name (hz_case_summary_get_risk (summary));
          gboolean has_ga;
          int ga_days = 0;
          g_autofree char *ga = case_ga_today (summary, &today, &has_ga, &ga_days, NULL);
          char **row = g_new0 (char *, 5);

          row[0] = g_strdup (hz_case_summary_get_case_id (summary));
          row[1] = g_strdup (hz_case_summary_get_patient_name (summary));
          row[2] = g_strdup (ga != NULL ? ga : "—");
          if (hz_case_summary_get_infectious (summary))
            /* Translators: a risk colour, then the purple (infectious disease) mark */
            row[3] = g_strdup_printf (_("%s + purple"), risk);
          else
            row[3] = g_strdup (risk);
          g_ptr_array_add (rows, row);
        }

      if (rows->len == 0)
        g_print (_("No cases in %s\n"), hz_store_get_path (store));
      else
        hz_cli_print_table (headers, rows);
    }

  return HZ_CLI_EXIT_OK;
}

/* What an AuditEvent says, per docs/data-model.md */
typedef struct
{
  const char *id;
  const char *recorded;
  const char *action;
  const char *user;
  char       *role;
  const char *hospital;
  const char *entity;
} AuditRow;

static JsonObject *
get_object (JsonObject *object,
            const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonObject *
get_object_element (JsonObject *object,
                    const char *member,
                    guint       index)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  array = json_node_get_array (node);
  if (index >= json_array_get_length (array))
    return NULL;

  node = json_array_get_element (array, index);

  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static const char *
get_string (JsonObject *object,
            const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static void
audit_row_init (AuditRow   *row,
                JsonObject *event)
{
  JsonObject *agent = get_object_element (event, "agent", 0);
  g_autoptr(GPtrArray) roles = g_ptr_array_new ();
  JsonObject *role;

  row->id = get_string (event, "id");
  row->recorded = get_string (event, "recorded");
  row->action = get_string (event, "action");
  row->user = get_string (get_object (agent, "who"), "display");
  row->hospital = get_string (get_object (get_object (event, "source"), "observer"), "display");
  row->entity = get_string (get_object (get_object_element (event, "entity", 0), "what"), "reference");

  for (guint i = 0; (role = get_object_element (agent, "role", i)) != NULL; i++)
    {
      JsonObject *coding = get_object_element (role, "coding", 0);
      const char *text = get_string (role, "text");

      if (text == NULL)
        text = get_string (coding, "display");
      if (text == NULL)
        text = get_string (coding, "code");
      if (text != NULL)
        g_ptr_array_add (roles, (gpointer) text);
    }

  g_ptr_array_add (roles, NULL);
  row->role = roles->len > 1 ? g_strjoinv (", ", (char **) roles->pdata) : NULL;
}

static const char *
action_display_name (const char *action)
{
  if (g_strcmp0 (action, "C") == 0)
    return C_("audit action", "Create");
  if (g_strcmp0 (action, "R") == 0)
    return C_("audit action", "Read");
  if (g_strcmp0 (action, "U") == 0)
    return C_("audit action", "Update");
  if (g_strcmp0 (action, "D") == 0)
    return C_("audit action", "Delete");
  if (g_strcmp0 (action, "E") == 0)
    return C_("audit action", "Execute");

  return action != NULL ? action : "";
}

/* huizhen-cli audit [--case ID] [--limit N] [--json] */
int
hz_cli_audit (HzCli  *cli,
              int     argc,
              char  **argv)
{
  gboolean json = FALSE;
  g_autofree char *case_id = NULL;
  int limit = 0;
  const GOptionEntry entries[] = {
    { "case", 'c', 0, G_OPTION_ARG_STRING, &case_id,
      N_("Only the events of this case (its EpisodeOfCare id)"), N_("ID") },
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit,
      N_("At most N events, newest first (default: all)"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON array"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  int exit_code = HZ_CLI_EXIT_OK;
  HzStore *store;

  context = g_option_context_new (_("audit"));
  g_option_context_set_summary (context,
                                _("Shows who read or wrote what and when, newest first."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!hz_cli_parse (cli, context, &argc, &argv))
    return HZ_CLI_EXIT_USAGE;

  if (argc > 1)
    {
      g_autofree char *message = g_strdup_printf (_("Unexpected argument “%s”"), argv[1]);

      hz_cli_usage_error ("audit", message);
      return HZ_CLI_EXIT_USAGE;
    }

  if (limit < 0)
    {
      hz_cli_usage_error ("audit", _("--limit must be 0 (all) or more"));
      return HZ_CLI_EXIT_USAGE;
    }

  store = hz_cli_open_store (cli, &exit_code);
  if (store == NULL)
    return exit_code;

  events = hz_store_list_audit (store, case_id, (guint) limit, &error);
  if (events == NULL)
    {
      hz_cli_print_error (case_id != NULL ? case_id : hz_store_get_path (store), error->message);
      return HZ_CLI_EXIT_INPUT;
    }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < events->len; i++)
        {
          JsonObject *event = g_ptr_array_index (events, i);
          AuditRow row;

          audit_row_init (&row, event);

          json_builder_begin_object (builder);
          add_string_or_null (builder, "id", row.id);
          add_string_or_null (builder, "recorded", row.recorded);
          add_string_or_null (builder, "action", row.action);
          add_string_or_null (builder, "user", row.user);
          add_string_or_null (builder, "role", row.role);
          add_string_or_null (builder, "hospital", row.hospital);
          add_string_or_null (builder, "entity", row.entity);
          json_builder_end_object (builder);

          g_free (row.role);
        }
      json_builder_end_array (builder);

      root = json_builder_get_root (builder);
      hz_cli_print_json (root);
    }
  else
    {
      const char *headers[] = { _("Recorded"), _("Action"), _("User"), _("Role"), _("Resource"), NULL };
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

      for (guint i = 0; i < events->len; i++)
        {
          AuditRow row;
          char **cells = g_new0 (char *, 6);

          audit_row_init (&row, g_ptr_array_index (events, i));
          cells[0] = g_strdup (row.recorded != NULL ? row.recorded : "");
          cells[1] = g_strdup (action_display_name (row.action));
          cells[2] = g_strdup (row.user != NULL ? row.user : "");
          cells[3] = row.role != NULL ? row.role : g_strdup ("");
          cells[4] = g_strdup (row.entity != NULL ? row.entity : "");
          g_ptr_array_add (rows, cells);
        }

      if (rows->len == 0)
        g_print (_("No audit events\n"));
      else
        hz_cli_print_table (headers, rows);
    }

  return HZ_CLI_EXIT_OK;
}
