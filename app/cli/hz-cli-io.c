/* hz-cli-io.c — huizhen-cli import and export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "hz-cli.h"

/* huizhen-cli import FILE…
 *
 * Each file is one transaction (all or nothing). The first file that
 * cannot be imported stops the command with status 1, after saying which
 * files were imported before it. */
int
hz_cli_import (HzCli  *cli,
               int     argc,
               char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) imported = g_ptr_array_new ();
  int exit_code = HZ_CLI_EXIT_OK;
  HzStore *store;

  context = g_option_context_new (_("import FILE…"));
  g_option_context_set_summary (context,
                                _("Imports FHIR Bundles (type transaction or collection). "
                                  "Each file is imported whole or not at all; the first file "
                                  "that fails stops the import."));
  if (!hz_cli_parse (cli, context, &argc, &argv))
    return HZ_CLI_EXIT_USAGE;

  if (argc < 2)
    {
      hz_cli_usage_error ("import", _("No file given"));
      return HZ_CLI_EXIT_USAGE;
    }

  store = hz_cli_open_store (cli, &exit_code);
  if (store == NULL)
    return exit_code;

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (argv[i]);
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) case_ids = NULL;
      g_autofree char *ids = NULL;

      if (!hz_store_import_file (store, file, &case_ids, NULL, &error))
        {
          hz_cli_print_error (argv[i], error->message);

          if (imported->len == 0)
            g_printerr (_("No file was imported.\n"));
          else
            {
              g_autofree char *list = NULL;

              g_ptr_array_add (imported, NULL);
              list = g_strjoinv (", ", (char **) imported->pdata);
              /* Translators: %s is a list of file names */
              g_printerr (_("Imported before the error: %s\n"), list);
            }

          if (i + 1 < argc)
            g_printerr (g_dngettext (GETTEXT_PACKAGE,
                                     "%d file after it was not imported.\n",
                                     "%d files after it were not imported.\n",
                                     argc - i - 1),
                        argc - i - 1);

          return HZ_CLI_EXIT_INPUT;
        }

      ids = case_ids != NULL ? g_strjoinv (", ", case_ids) : g_strdup ("");
      /* Translators: a file name, then the ids of the cases it touched */
      g_print (_("Imported %s: %s\n"), argv[i], ids);
      g_ptr_array_add (imported, argv[i]);
    }

  return HZ_CLI_EXIT_OK;
}

/* huizhen-cli export --case ID [-o FILE] */
int
hz_cli_export (HzCli  *cli,
               int     argc,
               char  **argv)
{
  g_autofree char *case_id = NULL;
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "case", 'c', 0, G_OPTION_ARG_STRING, &case_id,
      N_("The case to export (its EpisodeOfCare id)"), N_("ID") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write to FILE, replacing it only when the export succeeded (default: standard output)"),
      N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  int exit_code = HZ_CLI_EXIT_OK;
  gboolean to_stdout;
  gsize length;
  HzStore *store;

  context = g_option_context_new (_("export"));
  g_option_context_set_summary (context,
                                _("Writes every resource of a case as a FHIR Bundle (JSON)."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!hz_cli_parse (cli, context, &argc, &argv))
    return HZ_CLI_EXIT_USAGE;

  if (case_id == NULL || *case_id == '\0')
    {
      hz_cli_usage_error ("export", _("No case given: use --case ID"));
      return HZ_CLI_EXIT_USAGE;
    }

  if (!hz_cli_check_no_arguments ("export", argc, argv))
    return HZ_CLI_EXIT_USAGE;

  store = hz_cli_open_store (cli, &exit_code);
  if (store == NULL)
    return exit_code;

  to_stdout = output == NULL || g_str_equal (output, "-");
  text = hz_store_export_case_to_data (store, case_id, to_stdout ? NULL : output, &length, &error);
  if (text == NULL)
    {
      g_autofree char *subject = g_strdup_printf (_("case “%s”"), case_id);

      hz_cli_print_error (subject, error->message);
      return HZ_CLI_EXIT_INPUT;
    }

  /* the text ends with a newline */
  if (to_stdout)
    {
      fwrite (text, 1, length, stdout);
      return HZ_CLI_EXIT_OK;
    }

  /* A temporary file renamed over the target: an existing file is never
   * left half written. Patient data: readable by the owner only. */
  if (!g_file_set_contents_full (output, text, length,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    {
      hz_cli_print_error (output, error->message);
      return HZ_CLI_EXIT_INPUT;
    }

  return HZ_CLI_EXIT_OK;
}

/* huizhen-cli demo [--today DATE] | demo --remove */
int
hz_cli_demo (HzCli  *cli,
             int     argc,
             char  **argv)
{
  g_autofree char *today_text = NULL;
  g_autofree char *dir = NULL;
  gboolean remove = FALSE;
  const GOptionEntry entries[] = {
    { "today", 0, 0, G_OPTION_ARG_STRING, &today_text,
      N_("The day the cases should be at their stories’ gestational age (default: today)"),
      N_("YYYY-MM-DD") },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir,
      N_("The folder of demo bundles (default: the installed demo cases)"), N_("DIR") },
    { "remove", 0, 0, G_OPTION_ARG_NONE, &remove,
      N_("Remove the demo cases instead (audited; the history keeps them)"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) case_ids = NULL;
  g_autoptr(HzImagingImportResult) imaging = NULL;
  int exit_code = HZ_CLI_EXIT_OK;
  GDate today;
  HzStore *store;

  context = g_option_context_new (_("demo"));
  g_option_context_set_summary (context,
                                _("Imports the four demo cases, every date moved so that each "
                                  "case is at the gestational age its story gives on the chosen "
                                  "day, marked as demo data (演示)."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!hz_cli_parse (cli, context, &argc, &argv))
    return HZ_CLI_EXIT_USAGE;
  if (!hz_cli_check_no_arguments ("demo", argc, argv))
    return HZ_CLI_EXIT_USAGE;

  g_date_clear (&today, 1);
  if (today_text != NULL)
    {
      int y = 0, m = 0, d = 0;
      char end = '\0';

      if (sscanf (today_text, "%4d-%2d-%2d%c", &y, &m, &d, &end) != 3 ||
          strlen (today_text) != 10 || !g_date_valid_dmy (d, m, y))
        {
          g_autofree char *message =
            g_strdup_printf (_("--today “%s” is not a date such as 2026-12-02"), today_text);

          hz_cli_usage_error ("demo", message);
          return HZ_CLI_EXIT_USAGE;
        }
      g_date_set_dmy (&today, d, m, y);
    }
  if (remove && today_text != NULL)
    {
      hz_cli_usage_error ("demo", _("--remove takes no --today"));
      return HZ_CLI_EXIT_USAGE;
    }

  store = hz_cli_open_store (cli, &exit_code);
  if (store == NULL)
    return exit_code;

  if (remove)
    {
      guint n = 0;

      if (!hz_demo_remove (store, &n, &error))
        {
          hz_cli_print_error (hz_store_get_path (store), error->message);
          return HZ_CLI_EXIT_INPUT;
        }
      g_print (g_dngettext (GETTEXT_PACKAGE, "Removed %u demo case\n", "Removed %u demo cases\n", n), n);
      return HZ_CLI_EXIT_OK;
    }

  if (!hz_demo_import (store, dir, today_text != NULL ? &today : NULL, &case_ids, &error))
    {
      hz_cli_print_error (_("demo cases"), error->message);
      return HZ_CLI_EXIT_INPUT;
    }

  for (guint i = 0; case_ids[i] != NULL; i++)
    g_print (_("Imported demo case %s\n"), case_ids[i]);

  /* their ultrasound stills, cine and clip (data/demo-imaging, made at build time) */
  if (!hz_imaging_import_demo (store, NULL, &imaging, &error))
    {
      hz_cli_print_error (_("demo images"), error->message);
      return HZ_CLI_EXIT_INPUT;
    }
  for (guint i = 0; i < imaging->issues->len; i++)
    hz_cli_print_error (_("demo images"), ((HzImagingIssue *) g_ptr_array_index (imaging->issues, i))->message);
  if (imaging->n_added > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "Imported %u demo image or clip\n",
                          "Imported %u demo images and clips\n", imaging->n_added), imaging->n_added);
  return HZ_CLI_EXIT_OK;
}
