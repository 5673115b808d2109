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
  json_builder_set_member_name (builder, "alert");
  json_builder_add_boolean_value (builder, entry->alert);
  hz_cli_json_add_string (builder, "alert_since", entry->alert_since);
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
  return hz_registry_entry_dup_cells (item);
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
  g_auto(GStrv) headers = NULL;
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

  headers = hz_registry_dup_headers ();

  if (!csv)
    {
      empty = g_strdup_printf (_("No orange, red or purple case in %s\n"), hz_store_get_path (store));
      hz_cli_print_list (registry, json, entry_to_json, (const char * const *) headers, entry_to_row,
                         empty, NULL);
      return HZ_CLI_EXIT_OK;
    }

  {
    g_autoptr(GBytes) text = NULL;
    gsize size;
    const char *data;

    to_stdout = output == NULL || g_str_equal (output, "-");
    text = hz_registry_export_csv (store, registry, to_stdout ? NULL : output, &error);
    if (text == NULL)
      {
        hz_cli_print_error (hz_store_get_path (store), error->message);
        return HZ_CLI_EXIT_INPUT;
      }

    data = g_bytes_get_data (text, &size);
    if (to_stdout)
      {
        fwrite (data, 1, size, stdout);
        return HZ_CLI_EXIT_OK;
      }

    /* Patient data: readable by the owner only, never half written */
    if (!g_file_set_contents_full (output, data, size,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
      {
        hz_cli_print_error (output, error->message);
        return HZ_CLI_EXIT_INPUT;
      }
  }

  return HZ_CLI_EXIT_OK;
}
