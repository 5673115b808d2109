/* hz-cli-referral.c — huizhen-cli referral: two-way referrals and
 * consultation requests, their status flow, the opinion and its
 * signature, PDF, and exchange as FHIR transaction Bundles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "hz-cli.h"

static int referral_create (HzCli *cli, int argc, char **argv);
static int referral_list   (HzCli *cli, int argc, char **argv);
static int referral_status (HzCli *cli, int argc, char **argv);
static int referral_opinion (HzCli *cli, int argc, char **argv);
static int referral_sign   (HzCli *cli, int argc, char **argv);
static int referral_pdf    (HzCli *cli, int argc, char **argv);
static int referral_export (HzCli *cli, int argc, char **argv);
static int referral_import (HzCli *cli, int argc, char **argv);

static const HzCliCommand subcommands[] = {
  { "create",  referral_create,  N_("Fill in a referral or consultation request form for a case") },
  { "list",    referral_list,    N_("List the referrals sent and received") },
  { "status",  referral_status,  N_("Move a referral along its status flow") },
  { "opinion", referral_opinion, N_("Write the consultation opinion of a referral") },
  { "sign",    referral_sign,    N_("Sign the consultation opinion of a referral") },
  { "pdf",     referral_pdf,     N_("Print a referral's form or opinion as PDF") },
  { "export",  referral_export,  N_("Write a referral as a FHIR transaction Bundle") },
  { "import",  referral_import,  N_("Import a referral, or the answer to one, from a Bundle") },
};

static gboolean
parse_options (HzCli               *cli,
               const char          *command,
               const char          *parameter,
               const char          *description,
               const GOptionEntry  *entries,
               int                 *argc,
               char              ***argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameter);

  if (description != NULL)
    g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  (*argv)[0] = (char *) command;
  return hz_cli_parse (cli, context, argc, argv);
}

/* argv[1] as the referral id, nothing after it but @n_more arguments */
static const char *
positional_id (const char  *command,
               int          argc,
               char       **argv,
               int          n_more)
{
  if (argc < 2)
    {
      hz_cli_usage_error (command, _("No referral given: name its ID"));
      return NULL;
    }
  if (argc < 2 + n_more)
    {
      hz_cli_usage_error (command, _("Not enough arguments"));
      return NULL;
    }
  if (!hz_cli_check_no_arguments (command, argc - 1 - n_more, argv + 1 + n_more))
    return NULL;
  return argv[1];
}

static void
referral_to_json (JsonBuilder *builder,
                  gpointer     item,
                  gpointer     user_data)
{
  const HzReferral *referral = item;

  hz_cli_json_add_string (builder, "id", referral->task_id);
  hz_cli_json_add_string (builder, "case", referral->case_id);
  hz_cli_json_add_string (builder, "kind", referral->kind);
  hz_cli_json_add_string (builder, "direction", referral->direction);
  hz_cli_json_add_string (builder, "status", hz_referral_status_to_string (referral->status));
  hz_cli_json_add_string (builder, "patient", referral->patient_name);
  hz_cli_json_add_string (builder, "title", referral->title);
  hz_cli_json_add_string (builder, "requester", referral->requester);
  hz_cli_json_add_string (builder, "performer", referral->performer);
  hz_cli_json_add_string (builder, "authored", referral->authored);
  hz_cli_json_add_string (builder, "last_modified", referral->last_modified);
  hz_cli_json_add_string (builder, "due", referral->due);
  hz_cli_json_add_string (builder, "reason", referral->reason);
  json_builder_set_member_name (builder, "overdue");
  json_builder_add_boolean_value (builder, referral->overdue);
  json_builder_set_member_name (builder, "inbound");
  json_builder_add_boolean_value (builder, referral->inbound);
  hz_cli_json_add_string (builder, "request_form", referral->request_form_id);
  hz_cli_json_add_string (builder, "opinion", referral->opinion_id);
}

static void
print_referral (HzStore    *store,
                const char *task_id)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(HzReferral) referral = hz_referral_get (store, task_id, now, NULL);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  if (referral == NULL)
    return;
  json_builder_begin_object (builder);
  referral_to_json (builder, referral, NULL);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  hz_cli_print_json (root);
}

static char **
referral_to_row (gpointer item,
                 gpointer user_data)
{
  const HzReferral *referral = item;
  char **row = g_new0 (char *, 8);

  row[0] = g_strdup (referral->task_id);
  row[1] = g_strdup (referral->inbound ? _("In") : _("Out"));
  row[2] = g_strdup (referral->patient_name ? referral->patient_name : "—");
  row[3] = g_strdup (referral->title ? referral->title : "—");
  row[4] = referral->overdue
           /* Translators: a status, then the overdue mark */
           ? g_strdup_printf (_("%s (overdue)"), hz_referral_status_get_display_name (referral->status))
           : g_strdup (hz_referral_status_get_display_name (referral->status));
  row[5] = g_strdup (referral->due ? referral->due : "—");
  row[6] = g_strdup (referral->inbound ? (referral->requester ? referral->requester : "—")
                                       : (referral->performer ? referral->performer : "—"));
  return row;
}

/* Reads @path as answers; prints the error */
static HzFormAnswers *
read_answers (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = g_path_get_basename (path);
  HzFormAnswers *answers;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      hz_cli_print_error (path, error->message);
      return NULL;
    }
  answers = hz_form_answers_new_from_data (contents, length, name, &error);
  if (answers == NULL)
    hz_cli_print_error (path, error->message);
  return answers;
}

/* --- create --------------------------------------------------------------------- */

static int
referral_create (HzCli  *cli,
                 int     argc,
                 char  **argv)
{
  g_autofree char *case_id = NULL;
  g_autofree char *form_id = NULL;
  g_autofree char *answers_path = NULL;
  gboolean no_prefill = FALSE;
  const GOptionEntry entries[] = {
    { "case", 0, 0, G_OPTION_ARG_STRING, &case_id, N_("The case (EpisodeOfCare id)"), N_("ID") },
    { "form", 0, 0, G_OPTION_ARG_STRING, &form_id, N_("The form: referral or consultation-request"), N_("FORM-ID") },
    { "answers", 0, 0, G_OPTION_ARG_FILENAME, &answers_path,
      N_("A JSON object of the answers, by item linkId"), N_("FILE") },
    { "no-prefill", 0, 0, G_OPTION_ARG_NONE, &no_prefill,
      N_("Do not fill the unanswered items from the case"), NULL },
    { NULL }
  };
  g_autoptr(HzForm) form = NULL;
  g_autoptr(HzFormAnswers) answers = NULL;
  g_autoptr(HzCase) kase = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *task_id = NULL;
  int exit_code = HZ_CLI_EXIT_OK;
  HzStore *store;

  if (!parse_options (cli, "referral create", _("referral create --case ID --form FORM-ID --answers FILE"),
                      _("Fills in the form for the case (the items the answers leave out are taken "
                        "from the case: patient, gestational age, diagnoses, risk grade, scales), "
                        "checks every answer and writes the referral as a draft: its "
                        "QuestionnaireResponse, ServiceRequest and Task in one transaction."),
                      entries, &argc, &argv) ||
      !hz_cli_check_no_arguments ("referral create", argc, argv))
    return HZ_CLI_EXIT_USAGE;
  if (case_id == NULL || form_id == NULL || answers_path == NULL)
    {
      hz_cli_usage_error ("referral create", _("Give --case, --form and --answers"));
      return HZ_CLI_EXIT_USAGE;
    }

  form = hz_form_load (form_id, &error);
  if (form == NULL)
    {
      hz_cli_print_error (form_id, error->message);
      return HZ_CLI_EXIT_INPUT;
    }
  answers = read_answers (answers_path);
  if (answers == NULL)
    return HZ_CLI_EXIT_INPUT;

  store = hz_cli_open_store (cli, &exit_code);
  if (store == NULL)
    return exit_code;
  kase = hz_case_load (store, case_id, &error);
  if (kase == NULL)
    {
      g_autofree char *subject = g_strdup_printf (_("case “%s”"), case_id);

      hz_cli_print_error (subject, error->message);
      return HZ_CLI_EXIT_INPUT;
    }

  if (!no_prefill)
    hz_form_prefill (form, answers, kase, hz_store_get_actor (store), NULL);
  task_id = hz_referral_create (store, kase, form, answers, NULL, &error);
  if (task_id == NULL)
    {
      hz_cli_print_error (hz_form_get_title (form), error->message);
      return HZ_CLI_EXIT_INPUT;
    }

  print_referral (store, task_id);
  return HZ_CLI_EXIT_OK;
}

/* --- list ----------------------------------------------------------------------- */

static int
referral_list (HzCli  *cli,
               int     argc,
               char  **argv)
{
  gboolean json = FALSE;
  gboolean inbox = FALSE;
  gboolean outbox = FALSE;
  gboolean overdue = FALSE;
  g_autofree char *status_text = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON array"), NULL },
    { "inbox", 0, 0, G_OPTION_ARG_NONE, &inbox, N_("Only the referrals received"), NULL },
    { "outbox", 0, 0, G_OPTION_ARG_NONE, &outbox, N_("Only the referrals sent"), NULL },
    { "overdue", 0, 0, G_OPTION_ARG_NONE, &overdue, N_("Only the overdue ones"), NULL },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status_text, N_("Only those in STATUS"), N_("STATUS") },
    { NULL }
  };
  const char *headers[] = { N_("ID"), N_("In/out"), N_("Patient"), N_("Request"), N_("Status"),
                            N_("Due by"), N_("From / to"), NULL };
  const char *translated[G_N_ELEMENTS (headers)];
  g_autoptr(GPtrArray) referrals = NULL;
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  HzReferralStatus status = HZ_REFERRAL_DRAFT;
  int exit_code = HZ_CLI_EXIT_OK;
  HzStore *store;

  if (!parse_options (cli, "referral list", _("referral list [--json] [--inbox|--outbox] [--status STATUS]"),
                      _("Lists every referral and consultation request, newest first: received ones "
                        "(inbox) come from another hospital than the acting user's."),
                      entries, &argc, &argv) ||
      !hz_cli_check_no_arguments ("referral list", argc, argv))
    return HZ_CLI_EXIT_USAGE;
  if (status_text != NULL && !hz_referral_status_from_string (status_text, &status))
    {
      g_autofree char *message = g_strdup_printf (_("Unknown status “%s”"), status_text);

      hz_cli_usage_error ("referral list", message);
      return HZ_CLI_EXIT_USAGE;
    }

  store = hz_cli_open_store (cli, &exit_code);
  if (store == NULL)
    return exit_code;
  referrals = hz_referral_list (store, now, &error);
  if (referrals == NULL)
    {
      hz_cli_print_error (_("referrals"), error->message);
      return HZ_CLI_EXIT_INPUT;
    }
  for (guint i = 0; i < referrals->len; i++)
    {
      HzReferral *referral = g_ptr_array_index (referrals, i);

      if ((inbox && !referral->inbound) || (outbox && referral->inbound) ||
          (overdue && !referral->overdue) || (status_text != NULL && referral->status != status))
        continue;
      g_ptr_array_add (shown, referral);
    }

  for (guint i = 0; headers[i] != NULL; i++)
    translated[i] = _(headers[i]);
  translated[G_N_ELEMENTS (headers) - 1] = NULL;
  hz_cli_print_list (shown, json, referral_to_json, translated, referral_to_row,
                     _("No referrals."), NULL);
  return HZ_CLI_EXIT_OK;
}

/* --- status ID NEW-STATUS ------------------------------------------------------- */

static int
referral_status (HzCli  *cli,
                 int     argc,
                 char  **argv)
{
  g_autofree char *reason = NULL;
  const GOptionEntry entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason,
      N_("Why (required to reject or cancel)"), N_("TEXT") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  HzReferralStatus status;
  int exit_code = HZ_CLI_EXIT_OK;
  const char *task_id;
  HzStore *store;

  if (!parse_options (cli, "referral status", _("referral status ID NEW-STATUS [--reason TEXT]"),
                      _("Statuses: draft, requested, accepted, rejected, in-progress, completed, "
                        "cancelled. The flow: draft → requested → accepted or rejected → "
                        "in-progress → completed; a referral not yet under way can be cancelled. "
                        "Who and when are noted in the referral."),
                      entries, &argc, &argv) ||
      (task_id = positional_id ("referral status", argc, argv, 1)) == NULL)
    return HZ_CLI_EXIT_USAGE;
  if (!hz_referral_status_from_string (argv[2], &status))
    {
      g_autofree char *message = g_strdup_printf (_("Unknown status “%s”: draft, requested, accepted, "
                                                    "rejected, in-progress, completed or cancelled"),
                                                  argv[2]);

      hz_cli_usage_error ("referral status", message);
      return HZ_CLI_EXIT_USAGE;
    }

  store = hz_cli_open_store (cli, &exit_code);
  if (store == NULL)
    return exit_code;
  if (!hz_referral_set_status (store, task_id, status, reason, &error))
    {
      hz_cli_print_error (task_id, error->message);
      return HZ_CLI_EXIT_INPUT;
    }

  print_referral (store, task_id);
  return HZ_CLI_EXIT_OK;
}

/* --- opinion ID --answers FILE [--amend] ---------------------------------------- */

static int
referral_opinion (HzCli  *cli,
                  int     argc,
                  char  **argv)
{
  g_autofree char *answers_path = NULL;
  gboolean amend = FALSE;
  const GOptionEntry entries[] = {
    { "answers", 0, 0, G_OPTION_ARG_FILENAME, &answers_path,
      N_("A JSON object of the answers, by item linkId"), N_("FILE") },
    { "amend", 0, 0, G_OPTION_ARG_NONE, &amend,
      N_("Amend a signed opinion: a new version, to be signed again"), NULL },
    { NULL }
  };
  g_autoptr(HzForm) form = NULL;
  g_autoptr(HzFormAnswers) answers = NULL;
  g_autoptr(HzReferral) referral = NULL;
  g_autoptr(HzCase) kase = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *qr_id = NULL;
  int exit_code = HZ_CLI_EXIT_OK;
  const char *task_id;
  HzStore *store;

  if (!parse_options (cli, "referral opinion", _("referral opinion ID --answers FILE [--amend]"),
                      _("Writes the consultation opinion (会诊意见书) of the referral. A signed "
                        "opinion cannot be changed; --amend writes an amended version."),
                      entries, &argc, &argv) ||
      (task_id = positional_id ("referral opinion", argc, argv, 0)) == NULL)
    return HZ_CLI_EXIT_USAGE;
  if (answers_path == NULL)
    {
      hz_cli_usage_error ("referral opinion", _("Give --answers"));
      return HZ_CLI_EXIT_USAGE;
    }

  form = hz_form_load ("consultation-opinion", &error);
  if (form == NULL)
    {
      hz_cli_print_error ("consultation-opinion", error->message);
      return HZ_CLI_EXIT_INPUT;
    }
  answers = read_answers (answers_path);
  if (answers == NULL)
    return HZ_CLI_EXIT_INPUT;
  store = hz_cli_open_store (cli, &exit_code);
  if (store == NULL)
    return exit_code;

  referral = hz_referral_get (store, task_id, NULL, &error);
  kase = referral != NULL ? hz_case_load (store, referral->case_id, &error) : NULL;
  if (kase != NULL)
    hz_form_prefill (form, answers, kase, hz_store_get_actor (store), NULL);
  if (kase == NULL ||
      (qr_id = hz_referral_save_opinion (store, task_id, form, answers, amend, NULL, &error)) == NULL)
    {
      hz_cli_print_error (task_id, error->message);
      return HZ_CLI_EXIT_INPUT;
    }

  print_referral (store, task_id);
  return HZ_CLI_EXIT_OK;
}

/* --- sign ID -------------------------------------------------------------------- */

static int
referral_sign (HzCli  *cli,
               int     argc,
               char  **argv)
{
  const GOptionEntry entries[] = { { NULL } };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *provenance_id = NULL;
  g_autofree char *signer = NULL;
  g_autofree char *hash = NULL;
  int exit_code = HZ_CLI_EXIT_OK;
  const char *task_id;
  HzStore *store;

  if (!parse_options (cli, "referral sign", _("referral sign ID"),
                      _("Signs the opinion as the acting user: a Provenance with the SHA-256 of its "
                        "content. The signed opinion is read-only."),
                      entries, &argc, &argv) ||
      (task_id = positional_id ("referral sign", argc, argv, 0)) == NULL)
    return HZ_CLI_EXIT_USAGE;

  store = hz_cli_open_store (cli, &exit_code);
  if (store == NULL)
    return exit_code;
  provenance_id = hz_referral_sign_opinion (store, task_id, &error);
  if (provenance_id == NULL ||
      !hz_referral_opinion_is_signed (store, task_id, &signer, NULL, &hash, &error))
    {
      hz_cli_print_error (task_id, error != NULL ? error->message : _("The signature does not match"));
      return HZ_CLI_EXIT_INPUT;
    }

  json_builder_begin_object (builder);
  hz_cli_json_add_string (builder, "id", task_id);
  hz_cli_json_add_string (builder, "provenance", provenance_id);
  hz_cli_json_add_string (builder, "signer", signer);
  hz_cli_json_add_string (builder, "sha256", hash);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  hz_cli_print_json (root);
  return HZ_CLI_EXIT_OK;
}

/* --- pdf ID -o OUT.pdf ---------------------------------------------------------- */

static int
referral_pdf (HzCli  *cli,
              int     argc,
              char  **argv)
{
  g_autofree char *output = NULL;
  gboolean opinion = FALSE;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the PDF to FILE"), N_("FILE") },
    { "opinion", 0, 0, G_OPTION_ARG_NONE, &opinion, N_("Print the opinion, not the request"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  int exit_code = HZ_CLI_EXIT_OK;
  const char *task_id;
  HzStore *store;

  if (!parse_options (cli, "referral pdf", _("referral pdf ID -o OUT.pdf [--opinion]"),
                      _("Prints the request form (or the opinion, with its signature) on A4 under "
                        "the acting user's hospital; recorded in the audit log as an export."),
                      entries, &argc, &argv) ||
      (task_id = positional_id ("referral pdf", argc, argv, 0)) == NULL)
    return HZ_CLI_EXIT_USAGE;
  if (output == NULL)
    {
      hz_cli_usage_error ("referral pdf", _("Give -o FILE"));
      return HZ_CLI_EXIT_USAGE;
    }

  store = hz_cli_open_store (cli, &exit_code);
  if (store == NULL)
    return exit_code;
  if (!hz_referral_write_pdf (store, task_id, opinion, output, &error))
    {
      hz_cli_print_error (task_id, error->message);
      return HZ_CLI_EXIT_INPUT;
    }
  return HZ_CLI_EXIT_OK;
}

/* --- export ID -o BUNDLE.json --------------------------------------------------- */

static int
referral_export (HzCli  *cli,
                 int     argc,
                 char  **argv)
{
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the Bundle to FILE (default: standard output)"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gboolean to_stdout;
  int exit_code = HZ_CLI_EXIT_OK;
  const char *task_id;
  gsize length = 0;
  HzStore *store;

  if (!parse_options (cli, "referral export", _("referral export ID [-o BUNDLE.json]"),
                      _("Writes the referral, its forms, the patient and what they refer to as a "
                        "FHIR R4 transaction Bundle, for the other hospital to import."),
                      entries, &argc, &argv) ||
      (task_id = positional_id ("referral export", argc, argv, 0)) == NULL)
    return HZ_CLI_EXIT_USAGE;

  store = hz_cli_open_store (cli, &exit_code);
  if (store == NULL)
    return exit_code;
  to_stdout = output == NULL || g_str_equal (output, "-");
  text = hz_referral_export (store, task_id, to_stdout ? NULL : output, &length, &error);
  if (text == NULL)
    {
      hz_cli_print_error (task_id, error->message);
      return HZ_CLI_EXIT_INPUT;
    }
  if (to_stdout)
    fwrite (text, 1, length, stdout);
  else if (!g_file_set_contents (output, text, length, &error))
    {
      hz_cli_print_error (output, error->message);
      return HZ_CLI_EXIT_INPUT;
    }
  return HZ_CLI_EXIT_OK;
}

/* --- import FILE ---------------------------------------------------------------- */

static int
referral_import (HzCli  *cli,
                 int     argc,
                 char  **argv)
{
  const GOptionEntry entries[] = { { NULL } };
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  g_autofree char *task_id = NULL;
  int exit_code = HZ_CLI_EXIT_OK;
  const char *path;
  gsize length;
  HzStore *store;

  if (!parse_options (cli, "referral import", _("referral import FILE"),
                      _("Imports a referral Bundle as one transaction: a new inbound referral, or "
                        "the answer to one sent from here. A Bundle imported before adds nothing; "
                        "an answer to a referral changed here meanwhile is refused, naming both "
                        "sides' changes."),
                      entries, &argc, &argv))
    return HZ_CLI_EXIT_USAGE;
  if (argc < 2)
    {
      hz_cli_usage_error ("referral import", _("No file given"));
      return HZ_CLI_EXIT_USAGE;
    }
  if (!hz_cli_check_no_arguments ("referral import", argc - 1, argv + 1))
    return HZ_CLI_EXIT_USAGE;
  path = argv[1];

  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      hz_cli_print_error (path, error->message);
      return HZ_CLI_EXIT_INPUT;
    }
  store = hz_cli_open_store (cli, &exit_code);
  if (store == NULL)
    return exit_code;
  name = g_path_get_basename (path);
  if (!hz_referral_import (store, contents, length, name, &task_id, &error))
    {
      hz_cli_print_error (path, error->message);
      return HZ_CLI_EXIT_INPUT;
    }

  print_referral (store, task_id);
  return HZ_CLI_EXIT_OK;
}

int
hz_cli_referral (HzCli  *cli,
                 int     argc,
                 char  **argv)
{
  return hz_cli_run_subcommand (cli, "referral", subcommands, G_N_ELEMENTS (subcommands), argc, argv);
}
