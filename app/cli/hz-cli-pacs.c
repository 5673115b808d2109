/* hz-cli-pacs.c — huizhen-cli pacs: the regional imaging platform (区域影像平台)
 * over DICOMweb: query (QIDO-RS), retrieve into a case (WADO-RS), send a
 * case's study (STOW-RS)
 *
 * The work is libhuizhen's (imaging/hz-dicomweb.h). The PACS's user is
 * --pacs-user (--user is the acting clinician, as for every command);
 * passwords and tokens are read from files, never from the command line,
 * where every user of the machine could see them. A PACS that is down,
 * refuses the login or does not know the study exits 1 with a message.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-cli"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "hz-cli.h"

static int pacs_query    (HzCli *cli, int argc, char **argv);
static int pacs_retrieve (HzCli *cli, int argc, char **argv);
static int pacs_send     (HzCli *cli, int argc, char **argv);

static const HzCliCommand subcommands[] = {
  { "query",    pacs_query,    N_("Search the PACS's studies by patient ID, name, date and modality") },
  { "retrieve", pacs_retrieve, N_("Bring a study (or one series) from the PACS into a case") },
  { "send",     pacs_send,     N_("Send a case's study to the PACS") },
};

/* What every pacs subcommand takes */
typedef struct
{
  char *url;
  char *user;
  char *password_file;
  char *token_file;
  char *ca_file;
  int   timeout;
} Connection;

static void
connection_clear (Connection *c)
{
  g_free (c->url);
  g_free (c->user);
  g_free (c->password_file);
  g_free (c->token_file);
  g_free (c->ca_file);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Connection, connection_clear)

static GOptionGroup *
connection_group (Connection *c)
{
  const GOptionEntry entries[] = {
    { "url", 0, 0, G_OPTION_ARG_STRING, &c->url,
      N_("The PACS's DICOMweb root, e.g. https://pacs.example/dicom-web"), N_("URL") },
    { "pacs-user", 0, 0, G_OPTION_ARG_STRING, &c->user,
      N_("The user name at the PACS (HTTP basic authentication)"), N_("USER") },
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &c->password_file,
      N_("A file holding that user's password"), N_("FILE") },
    { "token-file", 0, 0, G_OPTION_ARG_FILENAME, &c->token_file,
      N_("A file holding a bearer token, in place of a user and password"), N_("FILE") },
    { "ca-file", 0, 0, G_OPTION_ARG_FILENAME, &c->ca_file,
      N_("Trust the certificate authorities in this PEM file for https"), N_("FILE") },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &c->timeout,
      N_("Seconds to wait for the PACS (default 30)"), N_("SECONDS") },
    { NULL }
  };
  GOptionGroup *group = g_option_group_new ("pacs", _("PACS options:"), _("Show the PACS options"),
                                            NULL, NULL);

  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  g_option_group_add_entries (group, entries);
  return group;
}

/* The first line of @path (a password or token). (transfer full) */
static char *
read_secret (const char *command,
             const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, &error))
    {
      hz_cli_print_error (command, error->message);
      return NULL;
    }
  text[strcspn (text, "\r\n")] = '\0';
  return g_steal_pointer (&text);
}

/* The client, or NULL with the message printed and *exit_code set */
static HzDicomwebClient *
connect_client (const char *command,
                Connection *c,
                int        *exit_code)
{
  g_autoptr(HzDicomwebClient) client = NULL;
  g_autoptr(GError) error = NULL;

  *exit_code = HZ_CLI_EXIT_USAGE;
  if (c->url == NULL)
    {
      hz_cli_usage_error (command, _("Name the PACS with --url URL"));
      return NULL;
    }
  if (c->token_file != NULL && (c->user != NULL || c->password_file != NULL))
    {
      hz_cli_usage_error (command, _("Give either --token-file or --pacs-user and --password-file"));
      return NULL;
    }
  if (c->password_file != NULL && c->user == NULL)
    {
      hz_cli_usage_error (command, _("--password-file needs --pacs-user"));
      return NULL;
    }
  if (c->timeout < 0)
    {
      hz_cli_usage_error (command, _("--timeout takes a number of seconds"));
      return NULL;
    }

  *exit_code = HZ_CLI_EXIT_INPUT;
  client = hz_dicomweb_client_new (c->url, &error);
  if (client == NULL)
    {
      hz_cli_print_error (command, error->message);
      return NULL;
    }
  if (c->user != NULL)
    {
      g_autofree char *password = c->password_file != NULL ? read_secret (command, c->password_file)
                                                           : g_strdup ("");

      if (password == NULL)
        return NULL;
      hz_dicomweb_client_set_basic_auth (client, c->user, password);
    }
  if (c->token_file != NULL)
    {
      g_autofree char *token = read_secret (command, c->token_file);

      if (token == NULL)
        return NULL;
      hz_dicomweb_client_set_bearer_token (client, token);
    }
  if (c->ca_file != NULL && !hz_dicomweb_client_set_ca_file (client, c->ca_file, &error))
    {
      hz_cli_print_error (command, error->message);
      return NULL;
    }
  if (c->timeout > 0)
    hz_dicomweb_client_set_timeout (client, (guint) c->timeout);

  *exit_code = HZ_CLI_EXIT_OK;
  return g_steal_pointer (&client);
}

static void
study_to_json (JsonBuilder *builder,
               gpointer     data,
               gpointer     user_data)
{
  HzDicomwebStudy *study = data;

  hz_cli_json_add_string (builder, "study_uid", study->study_uid);
  hz_cli_json_add_string (builder, "patient_id", study->patient_id);
  hz_cli_json_add_string (builder, "patient_name", study->patient_name);
  hz_cli_json_add_string (builder, "study_date", study->study_date);
  hz_cli_json_add_string (builder, "study_time", study->study_time);
  hz_cli_json_add_string (builder, "modalities", study->modalities);
  hz_cli_json_add_string (builder, "description", study->description);
  hz_cli_json_add_string (builder, "accession_number", study->accession_number);
  json_builder_set_member_name (builder, "series");
  json_builder_add_int_value (builder, study->n_series);
  json_builder_set_member_name (builder, "instances");
  json_builder_add_int_value (builder, study->n_instances);
}

static char **
study_to_row (gpointer data,
              gpointer user_data)
{
  HzDicomwebStudy *study = data;
  char **row = g_new0 (char *, 8);

  row[0] = g_strdup (study->study_date != NULL ? study->study_date : "");
  row[1] = g_strdup (study->patient_name != NULL ? study->patient_name : "");
  row[2] = g_strdup (study->patient_id != NULL ? study->patient_id : "");
  row[3] = g_strdup (study->modalities != NULL ? study->modalities : "");
  row[4] = g_strdup (study->description != NULL ? study->description : "");
  row[5] = g_strdup_printf ("%u/%u", study->n_series, study->n_instances);
  row[6] = g_strdup (study->study_uid);
  return row;
}

static int
pacs_query (HzCli  *cli,
            int     argc,
            char  **argv)
{
  g_auto(Connection) c = { 0, };
  g_autofree char *patient_id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *date = NULL;
  g_autofree char *modality = NULL;
  gboolean json = FALSE;
  int limit = 0;
  const GOptionEntry entries[] = {
    { "patient-id", 0, 0, G_OPTION_ARG_STRING, &patient_id, N_("The patient's ID at the PACS"), N_("ID") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name,
      N_("The patient's name (DICOM matching: LIU* or 刘海燕)"), N_("NAME") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date,
      N_("Study dates: 20261101-20261130, 2026-11-01..2026-11-30, 20261101- or one day"), N_("RANGE") },
    { "modality", 0, 0, G_OPTION_ARG_STRING, &modality, N_("A modality, e.g. US"), N_("MODALITY") },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("At most N studies"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON array"), NULL },
    { NULL }
  };
  const char *headers[] = { _("Date"), _("Patient"), _("Patient ID"), _("Modality"), _("Description"),
                            /* Translators: numbers of series / images of a study */
                            _("Series/images"), _("Study UID"), NULL };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(HzDicomwebClient) client = NULL;
  g_autoptr(GPtrArray) studies = NULL;
  g_autoptr(GError) error = NULL;
  HzDicomwebQuery query = { 0, };
  int exit_code;

  g_option_context_set_summary (context, _("Searches the PACS's studies (QIDO-RS) and lists them."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_group (context, connection_group (&c));
  argv[0] = (char *) "pacs query";
  if (!hz_cli_parse (cli, context, &argc, &argv))
    return HZ_CLI_EXIT_USAGE;
  if (!hz_cli_check_no_arguments ("pacs query", argc, argv))
    return HZ_CLI_EXIT_USAGE;
  if (limit < 0)
    {
      hz_cli_usage_error ("pacs query", _("--limit takes a number of studies"));
      return HZ_CLI_EXIT_USAGE;
    }
  client = connect_client ("pacs query", &c, &exit_code);
  if (client == NULL)
    return exit_code;

  query.patient_id = patient_id;
  query.patient_name = name;
  query.date_range = date;
  query.modality = modality;
  query.limit = (guint) limit;
  studies = hz_dicomweb_client_search_studies (client, &query, NULL, &error);
  if (studies == NULL)
    {
      hz_cli_print_error ("pacs query", error->message);
      return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT)
             ? HZ_CLI_EXIT_USAGE : HZ_CLI_EXIT_INPUT;
    }
  hz_cli_print_list (studies, json, study_to_json, headers, study_to_row,
                     _("No study of the PACS matches\n"), NULL);
  return HZ_CLI_EXIT_OK;
}

/* --case and the one STUDY-UID of retrieve and send */
static gboolean
case_and_study (const char  *command,
                const char  *case_id,
                int          argc,
                char       **argv)
{
  if (case_id == NULL)
    {
      hz_cli_usage_error (command, _("Name the case with --case ID"));
      return FALSE;
    }
  if (argc < 2)
    {
      hz_cli_usage_error (command, _("Name the study by its Study Instance UID"));
      return FALSE;
    }
  return hz_cli_check_no_arguments (command, argc - 1, argv + 1);
}

static int
pacs_retrieve (HzCli  *cli,
               int     argc,
               char  **argv)
{
  g_auto(Connection) c = { 0, };
  g_autofree char *case_id = NULL;
  g_autofree char *series = NULL;
  const GOptionEntry entries[] = {
    { "case", 'c', 0, G_OPTION_ARG_STRING, &case_id, N_("The case (its EpisodeOfCare id)"), N_("ID") },
    { "series", 0, 0, G_OPTION_ARG_STRING, &series, N_("Only this series of the study"), N_("UID") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("STUDY-UID"));
  g_autoptr(HzDicomwebClient) client = NULL;
  g_autoptr(HzImagingImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  int exit_code = HZ_CLI_EXIT_OK;
  HzStore *store;

  g_option_context_set_summary (context,
                                _("Retrieves a study (WADO-RS) from the PACS into the case: its images "
                                  "are copied into the case database as by “imaging import”."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_group (context, connection_group (&c));
  argv[0] = (char *) "pacs retrieve";
  if (!hz_cli_parse (cli, context, &argc, &argv))
    return HZ_CLI_EXIT_USAGE;
  if (!case_and_study ("pacs retrieve", case_id, argc, argv))
    return HZ_CLI_EXIT_USAGE;
  client = connect_client ("pacs retrieve", &c, &exit_code);
  if (client == NULL)
    return exit_code;
  store = hz_cli_open_store (cli, &exit_code);
  if (store == NULL)
    return exit_code;

  result = hz_dicomweb_client_retrieve (client, store, case_id, argv[1], series, NULL, &error);
  if (result == NULL)
    {
      hz_cli_print_error ("pacs retrieve", error->message);
      return HZ_CLI_EXIT_INPUT;
    }
  return hz_cli_imaging_report (result);
}

static int
pacs_send (HzCli  *cli,
           int     argc,
           char  **argv)
{
  g_auto(Connection) c = { 0, };
  g_autofree char *case_id = NULL;
  const GOptionEntry entries[] = {
    { "case", 'c', 0, G_OPTION_ARG_STRING, &case_id, N_("The case (its EpisodeOfCare id)"), N_("ID") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("STUDY-UID"));
  g_autoptr(HzDicomwebClient) client = NULL;
  g_autoptr(GError) error = NULL;
  int exit_code = HZ_CLI_EXIT_OK;
  guint n = 0;
  HzStore *store;

  g_option_context_set_summary (context,
                                _("Sends every image the case holds of the study to the PACS (STOW-RS); "
                                  "the audit trail records the export."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_group (context, connection_group (&c));
  argv[0] = (char *) "pacs send";
  if (!hz_cli_parse (cli, context, &argc, &argv))
    return HZ_CLI_EXIT_USAGE;
  if (!case_and_study ("pacs send", case_id, argc, argv))
    return HZ_CLI_EXIT_USAGE;
  client = connect_client ("pacs send", &c, &exit_code);
  if (client == NULL)
    return exit_code;
  store = hz_cli_open_store (cli, &exit_code);
  if (store == NULL)
    return exit_code;

  if (!hz_dicomweb_client_send_study (client, store, case_id, argv[1], &n, NULL, &error))
    {
      hz_cli_print_error ("pacs send", error->message);
      return HZ_CLI_EXIT_INPUT;
    }
  g_print (g_dngettext (GETTEXT_PACKAGE, "Sent %u image of study %s to %s\n",
                        "Sent %u images of study %s to %s\n", n),
           n, argv[1], hz_dicomweb_client_get_url (client));
  return HZ_CLI_EXIT_OK;
}

int
hz_cli_pacs (HzCli  *cli,
             int     argc,
             char  **argv)
{
  return hz_cli_run_subcommand (cli, "pacs", subcommands, G_N_ELEMENTS (subcommands), argc, argv);
}
