/* hz-cli-imaging.c — huizhen-cli imaging: DICOM files, folders, DICOMDIRs
 * and video clips into a case (import), the case's images (list)
 *
 * The work is libhuizhen's (imaging/hz-imaging.h). import shows its
 * progress on stderr, each refused file and each warning there too, and
 * a summary line on stdout; exit 1 when a file was refused.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-cli"

#include "config.h"

#include <stdio.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>

#include "hz-cli.h"

static int imaging_import (HzCli *cli, int argc, char **argv);
static int imaging_list   (HzCli *cli, int argc, char **argv);

static const HzCliCommand subcommands[] = {
  { "import", imaging_import, N_("Import DICOM files, folders, DICOMDIRs and video clips into a case") },
  { "list",   imaging_list,   N_("List a case's images and clips") },
};

static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  gboolean tty = GPOINTER_TO_INT (user_data);

  if (total == 0)
    return;
  /* Translators: import progress, files looked at of all files */
  g_printerr (_("%u/%u files"), done, total);
  g_printerr (tty && done < total ? "\r" : "\n");
}

/* Prints @result's issues on stderr and its summary on stdout; the exit code */
int
hz_cli_imaging_report (HzImagingImportResult *result)
{
  for (guint i = 0; i < result->issues->len; i++)
    {
      HzImagingIssue *issue = g_ptr_array_index (result->issues, i);

      if (issue->kind == HZ_IMAGING_ISSUE_WARNING)
        /* Translators: a file imported, but with something to check */
        g_printerr (_("huizhen-cli: warning: %s\n"), issue->message);
      else
        hz_cli_print_error (NULL, issue->message);
    }
  /* Translators: the summary of an imaging import */
  g_print (_("Added %u, already in the case %u, refused %u\n"),
           result->n_added, result->n_present, result->n_refused);
  return result->n_refused > 0 ? HZ_CLI_EXIT_INPUT : HZ_CLI_EXIT_OK;
}

static int
imaging_import (HzCli  *cli,
                int     argc,
                char  **argv)
{
  g_autofree char *case_id = NULL;
  const GOptionEntry entries[] = {
    { "case", 'c', 0, G_OPTION_ARG_STRING, &case_id,
      N_("The case (its EpisodeOfCare id)"), N_("ID") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("PATH…"));
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(HzImagingImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  int exit_code = HZ_CLI_EXIT_OK;
  HzStore *store;

  g_option_context_set_summary (context,
                                _("Copies DICOM files (also in folders, searched recursively, and "
                                  "named by a DICOMDIR) and MP4, WebM or AVI clips into the case "
                                  "database: DICOM images become the case's imaging studies, clips "
                                  "its media. A file already in the case adds nothing."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  argv[0] = (char *) "imaging import";
  if (!hz_cli_parse (cli, context, &argc, &argv))
    return HZ_CLI_EXIT_USAGE;
  if (case_id == NULL)
    {
      hz_cli_usage_error ("imaging import", _("Name the case with --case ID"));
      return HZ_CLI_EXIT_USAGE;
    }
  if (argc < 2)
    {
      hz_cli_usage_error ("imaging import", _("No file given: name DICOM files, folders or clips"));
      return HZ_CLI_EXIT_USAGE;
    }

  store = hz_cli_open_store (cli, &exit_code);
  if (store == NULL)
    return exit_code;

  for (int i = 1; i < argc; i++)
    g_ptr_array_add (files, g_file_new_for_commandline_arg (argv[i]));

  result = hz_imaging_import (store, case_id, files, progress_cb,
                              GINT_TO_POINTER (isatty (STDERR_FILENO)), NULL, &error);
  if (result == NULL)
    {
      hz_cli_print_error (case_id, error->message);
      return HZ_CLI_EXIT_INPUT;
    }
  return hz_cli_imaging_report (result);
}

static void
item_to_json (JsonBuilder *builder,
              gpointer     data,
              gpointer     user_data)
{
  HzImagingItem *item = data;
  g_autofree char *reference = g_strconcat (item->resource_type, "/", item->resource_id, NULL);

  hz_cli_json_add_string (builder, "resource", reference);
  hz_cli_json_add_string (builder, "study_uid", item->study_uid);
  hz_cli_json_add_string (builder, "series_uid", item->series_uid);
  hz_cli_json_add_string (builder, "sop_uid", item->sop_uid);
  hz_cli_json_add_string (builder, "sop_class", item->sop_class);
  hz_cli_json_add_string (builder, "modality", item->modality);
  hz_cli_json_add_string (builder, "date", item->date);
  hz_cli_json_add_string (builder, "title", item->title);
  hz_cli_json_add_string (builder, "content_type", item->content_type);
  json_builder_set_member_name (builder, "series_number");
  json_builder_add_int_value (builder, item->series_number);
  json_builder_set_member_name (builder, "instance_number");
  json_builder_add_int_value (builder, item->instance_number);
  json_builder_set_member_name (builder, "frames");
  json_builder_add_int_value (builder, item->frames);
  hz_cli_json_add_string (builder, "sha256", item->sha256);
  hz_cli_json_add_string (builder, "path", item->path);
}

static char **
item_to_row (gpointer data,
             gpointer user_data)
{
  HzImagingItem *item = data;
  char **row = g_new0 (char *, 8);

  row[0] = g_strconcat (item->resource_type, "/", item->resource_id, NULL);
  row[1] = g_strdup (item->modality != NULL ? item->modality : item->content_type);
  row[2] = item->date != NULL ? hz_fhir_format_date (item->date) : g_strdup ("");
  row[3] = item->sop_uid != NULL ? g_strdup_printf ("%u/%u", item->series_number, item->instance_number)
                                 : g_strdup ("");
  row[4] = g_strdup_printf ("%u", item->frames);
  row[5] = g_strdup (item->title != NULL ? item->title : "");
  row[6] = item->path != NULL ? g_strdup_printf ("%.12s", item->sha256)
                              /* Translators: the file of an image is not in the database */
                              : g_strdup_printf (_("%.12s (missing)"), item->sha256);
  return row;
}

static int
imaging_list (HzCli  *cli,
              int     argc,
              char  **argv)
{
  g_autofree char *case_id = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "case", 'c', 0, G_OPTION_ARG_STRING, &case_id,
      N_("The case (its EpisodeOfCare id)"), N_("ID") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON array"), NULL },
    { NULL }
  };
  const char *headers[] = { _("Resource"), _("Modality"), _("Date"),
                            /* Translators: series number / instance number */
                            _("Series/image"), _("Frames"), _("Title"), _("File"), NULL };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(HzCase) kase = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  int exit_code = HZ_CLI_EXIT_OK;
  HzStore *store;

  g_option_context_set_summary (context,
                                _("Lists each DICOM image and video clip of the case with its "
                                  "study, series and file in the case database."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  argv[0] = (char *) "imaging list";
  if (!hz_cli_parse (cli, context, &argc, &argv))
    return HZ_CLI_EXIT_USAGE;
  if (!hz_cli_check_no_arguments ("imaging list", argc, argv))
    return HZ_CLI_EXIT_USAGE;
  if (case_id == NULL)
    {
      hz_cli_usage_error ("imaging list", _("Name the case with --case ID"));
      return HZ_CLI_EXIT_USAGE;
    }

  store = hz_cli_open_store (cli, &exit_code);
  if (store == NULL)
    return exit_code;

  kase = hz_case_load (store, case_id, &error);
  if (kase == NULL)
    {
      hz_cli_print_error (case_id, error->message);
      return HZ_CLI_EXIT_INPUT;
    }
  items = hz_imaging_list_items (kase);
  hz_cli_print_list (items, json, item_to_json, headers, item_to_row,
                     _("No images or clips in this case\n"), NULL);
  return HZ_CLI_EXIT_OK;
}

int
hz_cli_imaging (HzCli  *cli,
                int     argc,
                char  **argv)
{
  return hz_cli_run_subcommand (cli, "imaging", subcommands, G_N_ELEMENTS (subcommands), argc, argv);
}
