/* hz-cli-registry.c — huizhen-cli registry: the high-risk registry
 * (高危孕产妇专案管理) as a table, JSON or CSV for the MCH office
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "hz-cli.h"

#define N_COLUMNS 10

/* The column headers, translated; the same for the table and the CSV */
static void
fill_headers (const char *headers[N_COLUMNS + 1])
{
  headers[0] = _("ID");
  headers[1] = _("Patient");
  headers[2] = _("MRN");
  headers[3] = _("Organisation");
  headers[4] = _("Risk");
  headers[5] = _("Risk factors");
  headers[6] = _("Next action");
  /* Translators: the date the next action is due */
  headers[7] = C_("registry column", "Due");
  headers[8] = _("Days overdue");
  headers[9] = _("Responsible team");
  headers[N_COLUMNS] = NULL;
}

static const char *
team_display_name (const char *code)
{
  HzTeam team;

  if (code == NULL)
    return NULL;
  return hz_team_from_string (code, &team) ? hz_team_get_display_name (team) : code;
}

static void
entry_to_json (JsonBuilder *builder,
               gpointer     item,
               gpointer     user_data)
{
  const HzRegistryEntry *entry = item;

  hz_cli_json_add_string (builder, "case_id", entry->case_id);
  hz_cli_json_add_string (builder, "patient_name", entry->patient_name);
  hz_cli_json_add_string (builder, "mrn", entry->mrn);
  hz_cli_json_add_string (builder, "organization", entry->organization);
  hz_cli_json_add_string (builder, "colour", hz_risk_colour_to_string (entry->colour));
  json_builder_set_member_name (builder, "purple");
  json_builder_add_boolean_value (builder, entry->purple);
  hz_cli_json_add_string (builder, "factors", entry->factors);
  hz_cli_json_add_string (builder, "next_action", entry->next_action);
  hz_cli_json_add_string (builder, "next_action_date", entry->next_action_date);
  json_builder_set_member_name (builder, "days_overdue");
  json_builder_add_int_value (builder, entry->days_overdue);
  hz_cli_json_add_string (builder, "team", entry->team);
}

/* The cells as shown; empty for what is not recorded */
static char **
entry_to_row (gpointer item,
              gpointer user_data)
{
  const HzRegistryEntry *entry = item;
  const char *colour = hz_risk_colour_get_display_name (entry->colour);
  const char *team = team_display_name (entry->team);
  char **row = g_new0 (char *, N_COLUMNS + 1);

  row[0] = g_strdup (entry->case_id);
  row[1] = g_strdup (entry->patient_name ? entry->patient_name : "");
  row[2] = g_strdup (entry->mrn ? entry->mrn : "");
  row[3] = g_strdup (entry->organization ? entry->organization : "");
  if (entry->purple)
    /* Translators: a risk colour, then the purple (infectious disease) mark */
    row[4] = g_strdup_printf (_("%s + purple"), colour);
  else
    row[4] = g_strdup (colour);
  row[5] = g_strdup (entry->factors ? entry->factors : "");
  row[6] = g_strdup (entry->next_action ? entry->next_action : "");
  row[7] = entry->next_action_date ? hz_fhir_format_date_time (entry->next_action_date) : NULL;
  if (row[7] == NULL)
    row[7] = g_strdup (entry->next_action_date ? entry->next_action_date : "");
  row[8] = g_strdup_printf ("%d", entry->days_overdue);
  row[9] = g_strdup (team ? team : "");

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

/* UTF-8 with a byte order mark, so that Excel on a Chinese Windows reads
 * it as UTF-8 rather than GBK; CRLF line ends. (transfer full) */
static GString *
registry_to_csv (GPtrArray          *entries,
                 const char * const *headers)
{
  GString *out = g_string_new ("\xEF\xBB\xBF");

  append_csv_row (out, headers);
  for (guint i = 0; i < entries->len; i++)
    {
      g_auto(GStrv) row = entry_to_row (g_ptr_array_index (entries, i), NULL);

      append_csv_row (out, (const char * const *) row);
    }

  return out;
}

/* huizhen-cli registry [--json] [--csv] [--today DATE] [-o FILE] */
int
hz_cli_registry (HzCli  *cli,
                 int     argc,
                 char  **argv)
{
  gboolean json = FALSE;
  gboolean csv = FALSE;
  g_autofree char *today_text = NULL;
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON array"), NULL },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv,
      N_("Write CSV (UTF-8 with a byte order mark, for Excel); recorded in the audit log as an export"),
      NULL },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today_text,
      N_("The day overdue is counted to (default: today)"), N_("DATE") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the CSV to FILE (default: standard output)"), N_("FILE") },
    { NULL }
  };
  const char *headers[N_COLUMNS + 1];
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) registry = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *empty = NULL;
  int exit_code = HZ_CLI_EXIT_OK;
  gboolean to_stdout;
  HzStore *store;
  GDate today;

  context = g_option_context_new (_("registry"));
  g_option_context_set_summary (context,
                                _("Lists the high-risk registry: every orange, red or purple case with "
                                  "its risk factors, next action, days overdue and responsible team; "
                                  "red first, then orange, then purple only, most overdue first."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!hz_cli_parse (cli, context, &argc, &argv))
    return HZ_CLI_EXIT_USAGE;

  if (!hz_cli_check_no_arguments ("registry", argc, argv))
    return HZ_CLI_EXIT_USAGE;

  if (json && csv)
    {
      hz_cli_usage_error ("registry", _("--json and --csv cannot be used together"));
      return HZ_CLI_EXIT_USAGE;
    }
  if (output != NULL && !csv)
    {
      hz_cli_usage_error ("registry", _("-o FILE writes the CSV: use it with --csv"));
      return HZ_CLI_EXIT_USAGE;
    }

  if (today_text != NULL)
    {
      if (!hz_cli_parse_date ("registry", "--today", today_text, &today))
        return HZ_CLI_EXIT_INPUT;
    }
  else
    hz_ga_get_today (&today);

  store = hz_cli_open_store (cli, &exit_code);
  if (store == NULL)
    return exit_code;

  registry = hz_registry_list (store, &today, &error);
  if (registry == NULL)
    {
      hz_cli_print_error (hz_store_get_path (store), error->message);
      return HZ_CLI_EXIT_INPUT;
    }

  fill_headers (headers);

  if (!csv)
    {
      empty = g_strdup_printf (_("No orange, red or purple case in %s\n"), hz_store_get_path (store));
      hz_cli_print_list (registry, json, entry_to_json, headers, entry_to_row, empty, NULL);
      return HZ_CLI_EXIT_OK;
    }

  {
    g_autoptr(GString) text = registry_to_csv (registry, headers);

    /* What leaves the store is recorded first: a CSV whose export cannot
     * be recorded is not written */
    to_stdout = output == NULL || g_str_equal (output, "-");
    if (!hz_store_audit_export (store, HZ_REGISTRY_AUDIT_WHAT, to_stdout ? NULL : output, &error))
      {
        hz_cli_print_error (hz_store_get_path (store), error->message);
        return HZ_CLI_EXIT_INPUT;
      }

    if (to_stdout)
      {
        fwrite (text->str, 1, text->len, stdout);
        return HZ_CLI_EXIT_OK;
      }

    /* Patient data: readable by the owner only, never half written */
    if (!g_file_set_contents_full (output, text->str, text->len,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
      {
        hz_cli_print_error (output, error->message);
        return HZ_CLI_EXIT_INPUT;
      }
  }

  return HZ_CLI_EXIT_OK;
}
