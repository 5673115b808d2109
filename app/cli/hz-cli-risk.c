/* hz-cli-risk.c — huizhen-cli risk: the five-colour grade of a case
 *
 *   risk --case ID [--date YYYY-MM-DD] [--json]   the factors proposed
 *   risk grade --case ID                           records a grading of them
 *   risk history --case ID [--json]                every grading, oldest first
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-cli"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hz-cli.h"

/* The case, or NULL with the error printed naming it (*exit_code set) */
static HzCase *
load_case (HzCli      *cli,
           const char *case_id,
           int        *exit_code)
{
  g_autoptr(GError) error = NULL;
  HzStore *store = hz_cli_open_store (cli, exit_code);
  HzCase *kase;

  if (store == NULL)
    return NULL;

  kase = hz_case_load (store, case_id, &error);
  if (kase == NULL)
    {
      g_autofree char *subject = g_strdup_printf (_("case “%s”"), case_id);

      hz_cli_print_error (subject, error->message);
      *exit_code = HZ_CLI_EXIT_INPUT;
    }

  return kase;
}

static int risk_grade   (HzCli *cli, int argc, char **argv);
static int risk_history (HzCli *cli, int argc, char **argv);
static int risk_factors (HzCli *cli, int argc, char **argv);

static const HzCliCommand subcommands[] = {
  { "grade",   risk_grade,   N_("Record a grading from the proposed factors") },
  { "history", risk_history, N_("List every grading of the case") },
  { "factors", risk_factors, N_("List the grading form's factors and their codes") },
};

/* "Subcommands:" and each with its summary, for "risk --help" */
static char *
subcommands_description (void)
{
  GString *out = g_string_new (_("Subcommands:"));

  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    g_string_append_printf (out, "\n  %-8s %s", subcommands[i].name, _(subcommands[i].summary));
  return g_string_free (out, FALSE);
}

/* Parses the options of @command; FALSE on a usage error (printed) */
static gboolean
parse_case_options (HzCli               *cli,
                    const char          *command,
                    const char          *parameter,
                    const char          *summary,
                    const char          *description,
                    const GOptionEntry  *entries,
                    char               **case_id,
                    int                 *argc,
                    char              ***argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameter);

  g_option_context_set_summary (context, summary);
  if (description != NULL)
    g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  (*argv)[0] = (char *) command;
  if (!hz_cli_parse (cli, context, argc, argv))
    return FALSE;

  if (*case_id == NULL || **case_id == '\0')
    {
      hz_cli_usage_error (command, _("No case given: use --case ID"));
      return FALSE;
    }

  return hz_cli_check_no_arguments (command, *argc, *argv);
}

static const char *
proposal_colour_text (const HzRiskProposal *proposal,
                      char                **to_free)
{
  const char *colour = hz_risk_colour_get_display_name (proposal->colour);

  if (!proposal->purple)
    return colour;
  /* Translators: a risk colour, then the purple (infectious disease) mark */
  *to_free = g_strdup_printf (_("%s + purple"), colour);
  return *to_free;
}

/* --- risk --case ID ------------------------------------------------------------ */

static void
print_proposal_json (const HzRiskProposal *proposal)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  hz_cli_json_add_string (builder, "colour", hz_risk_colour_to_string (proposal->colour));
  json_builder_set_member_name (builder, "purple");
  json_builder_add_boolean_value (builder, proposal->purple);
  json_builder_set_member_name (builder, "factors");
  json_builder_begin_array (builder);
  for (guint i = 0; i < proposal->factors->len; i++)
    {
      const HzRiskFactor *factor = g_ptr_array_index (proposal->factors, i);

      json_builder_begin_object (builder);
      hz_cli_json_add_string (builder, "code", factor->code);
      hz_cli_json_add_string (builder, "colour", hz_risk_factor_colour_to_string (factor));
      hz_cli_json_add_string (builder, "text", factor->text);
      hz_cli_json_add_string (builder, "source", factor->source);
      hz_cli_json_add_string (builder, "reference", factor->reference);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  hz_cli_print_json (root);
}

static const char *
factor_colour_text (const HzRiskFactor *factor)
{
  if (factor->purple)
    return _("Purple");
  if (factor->colour == HZ_RISK_UNKNOWN)
    /* Translators: a factor whose value is not recorded (age, BMI) */
    return _("Unknown");
  return hz_risk_colour_get_display_name (factor->colour);
}

static void
print_proposal_text (const HzRiskProposal *proposal)
{
  const char *headers[] = { _("Colour"), _("Factor"), _("Source"), NULL };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autofree char *colour_free = NULL;

  /* Translators: the proposed grade, "黄色 + 紫色" */
  g_print (_("Proposed grade: %s\n"), proposal_colour_text (proposal, &colour_free));
  for (guint i = 0; i < proposal->factors->len; i++)
    {
      const HzRiskFactor *factor = g_ptr_array_index (proposal->factors, i);
      char **row = g_new0 (char *, 4);

      row[0] = g_strdup (factor_colour_text (factor));
      row[1] = g_strdup (factor->text);
      row[2] = g_strdup (factor->source);
      g_ptr_array_add (rows, row);
    }
  if (rows->len > 0)
    hz_cli_print_table (headers, rows);
  else
    g_print ("%s\n", _("No risk factor found in the structured data"));
}

static int
risk_propose (HzCli  *cli,
              int     argc,
              char  **argv)
{
  g_autofree char *case_id = NULL;
  g_autofree char *date_text = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "case", 0, 0, G_OPTION_ARG_STRING, &case_id, N_("The case (EpisodeOfCare id)"), N_("ID") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date_text,
      N_("The grading date the age is counted to (default: today)"), N_("YYYY-MM-DD") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(HzCase) kase = NULL;
  g_autoptr(HzRiskProposal) proposal = NULL;
  g_autofree char *description = subcommands_description ();
  int exit_code = HZ_CLI_EXIT_OK;
  GDate date;

  if (!parse_case_options (cli, "risk", _("risk --case ID"),
                           _("Proposes the five-colour risk grade of a case from its structured "
                             "data (age, pre-pregnancy BMI, diagnoses): the colour, the purple "
                             "mark and each factor with where it was read."),
                           description, entries, &case_id, &argc, &argv))
    return HZ_CLI_EXIT_USAGE;

  if (date_text != NULL)
    {
      if (!hz_cli_parse_date ("risk", "--date", date_text, &date))
        return HZ_CLI_EXIT_INPUT;
    }
  else
    hz_ga_get_today (&date);

  kase = load_case (cli, case_id, &exit_code);
  if (kase == NULL)
    return exit_code;

  proposal = hz_risk_propose (kase, &date);
  if (json)
    print_proposal_json (proposal);
  else
    print_proposal_text (proposal);

  return HZ_CLI_EXIT_OK;
}

/* --- risk grade --case ID ------------------------------------------------------- */

static int
risk_grade (HzCli  *cli,
            int     argc,
            char  **argv)
{
  g_autofree char *case_id = NULL;
  g_auto(GStrv) ticks = NULL;
  const GOptionEntry entries[] = {
    { "case", 0, 0, G_OPTION_ARG_STRING, &case_id, N_("The case (EpisodeOfCare id)"), N_("ID") },
    { "tick", 0, 0, G_OPTION_ARG_STRING_ARRAY, &ticks,
      N_("A factor of the form the clinician ticks, by its code (repeatable; “risk factors” lists them)"),
      N_("CODE") },
    { NULL }
  };
  g_autoptr(HzCase) kase = NULL;
  g_autoptr(HzRiskProposal) proposal = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *colour_free = NULL;
  int exit_code = HZ_CLI_EXIT_OK;
  GDate today;

  if (!parse_case_options (cli, "risk grade", _("risk grade --case ID [--tick CODE…]"), NULL,
                           _("Records a grading of the case from the factors “risk” proposes and "
                             "those ticked with --tick: a new RiskAssessment, and a purple Flag for "
                             "an infectious disease when none is active. Earlier gradings are kept."),
                           entries, &case_id, &argc, &argv))
    return HZ_CLI_EXIT_USAGE;

  kase = load_case (cli, case_id, &exit_code);
  if (kase == NULL)
    return exit_code;

  now = g_date_time_new_now_local ();
  hz_ga_get_today (&today);
  proposal = hz_risk_propose (kase, &today);
  if (!hz_risk_proposal_add_ticked (proposal, (const char * const *) ticks, &error))
    {
      hz_cli_print_error ("--tick", error->message);
      return HZ_CLI_EXIT_INPUT;
    }
  if (!hz_risk_record_grading (kase, proposal, now, &id, &error))
    {
      g_autofree char *subject = g_strdup_printf (_("case “%s”"), case_id);

      hz_cli_print_error (subject, error->message);
      return HZ_CLI_EXIT_INPUT;
    }

  /* Translators: the RiskAssessment written, then its grade */
  g_print (_("Recorded RiskAssessment/%s: %s\n"), id, proposal_colour_text (proposal, &colour_free));

  return HZ_CLI_EXIT_OK;
}

/* --- risk factors ------------------------------------------------------------------ */

static int
risk_factors (HzCli  *cli,
              int     argc,
              char  **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  const char *headers[] = { _("Code"), _("Colour"), _("Factor"), NULL };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  guint n;
  const HzRiskFormItem *items = hz_risk_form_get_items (&n);

  g_option_context_set_summary (context, _("The factors of the five-colour grading form, as --tick takes them."));
  argv[0] = (char *) "risk factors";
  if (!hz_cli_parse (cli, context, &argc, &argv) || !hz_cli_check_no_arguments ("risk factors", argc, argv))
    return HZ_CLI_EXIT_USAGE;

  for (guint i = 0; i < n; i++)
    {
      char **row = g_new0 (char *, 4);

      row[0] = g_strdup (items[i].code);
      row[1] = g_strdup (items[i].purple ? _("Purple") : hz_risk_colour_get_display_name (items[i].colour));
      row[2] = g_strdup (hz_risk_form_item_get_text (&items[i]));
      g_ptr_array_add (rows, row);
    }
  hz_cli_print_table (headers, rows);
  /* Translators: the document of the form */
  g_print (_("Source: %s\n"), hz_risk_form_get_source ());

  return HZ_CLI_EXIT_OK;
}

/* --- risk history --case ID ----------------------------------------------------- */

typedef struct
{
  HzResource *current;
} HistoryData;

static void
grading_to_json (JsonBuilder *builder,
                 gpointer     item,
                 gpointer     user_data)
{
  HzResource *resource = item;
  HistoryData *data = user_data;
  const HzJv *assessment = hz_resource_get_value (resource);
  HzJv *prediction = hz_jv_get_object_element (assessment, "prediction", 0);

  hz_cli_json_add_string (builder, "id", hz_resource_get_id (resource));
  hz_cli_json_add_string (builder, "date", hz_jv_get_string (assessment, "occurrenceDateTime"));
  hz_cli_json_add_string (builder, "status", hz_jv_get_string (assessment, "status"));
  hz_cli_json_add_string (builder, "colour",
                          hz_risk_colour_to_string (hz_risk_assessment_get_colour (assessment)));
  json_builder_set_member_name (builder, "current");
  json_builder_add_boolean_value (builder, resource == data->current);
  hz_cli_json_add_string (builder, "performer", hz_jv_get_path_string (assessment, "performer.display"));
  hz_cli_json_add_string (builder, "factors", hz_jv_get_string (prediction, "rationale"));
}

static char **
grading_to_row (gpointer item,
                gpointer user_data)
{
  HzResource *resource = item;
  HistoryData *data = user_data;
  const HzJv *assessment = hz_resource_get_value (resource);
  HzJv *prediction = hz_jv_get_object_element (assessment, "prediction", 0);
  const char *date = hz_jv_get_string (assessment, "occurrenceDateTime");
  const char *performer = hz_jv_get_path_string (assessment, "performer.display");
  const char *factors = hz_jv_get_string (prediction, "rationale");
  const char *colour = hz_risk_colour_get_display_name (hz_risk_assessment_get_colour (assessment));
  char **row = g_new0 (char *, 5);

  row[0] = g_strdup (date != NULL ? date : "—");
  if (resource == data->current)
    /* Translators: the grade of the current grading */
    row[1] = g_strdup_printf (_("%s (current)"), colour);
  else
    row[1] = g_strdup (colour);
  row[2] = g_strdup (performer != NULL ? performer : "—");
  row[3] = g_strdup (factors != NULL ? factors : "—");

  return row;
}

static int
risk_history (HzCli  *cli,
              int     argc,
              char  **argv)
{
  g_autofree char *case_id = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "case", 0, 0, G_OPTION_ARG_STRING, &case_id, N_("The case (EpisodeOfCare id)"), N_("ID") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON array"), NULL },
    { NULL }
  };
  const char *headers[] = { _("Date"), _("Grade"), _("Graded by"), _("Factors"), NULL };
  g_autoptr(HzCase) kase = NULL;
  g_autoptr(GPtrArray) gradings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *empty = NULL;
  int exit_code = HZ_CLI_EXIT_OK;
  HistoryData data = { NULL };
  GListModel *model;

  if (!parse_case_options (cli, "risk history", _("risk history --case ID"), NULL,
                           _("Lists every five-colour grading of a case, oldest first: date, "
                             "grade, who graded and the factors."),
                           entries, &case_id, &argc, &argv))
    return HZ_CLI_EXIT_USAGE;

  kase = load_case (cli, case_id, &exit_code);
  if (kase == NULL)
    return exit_code;

  model = hz_case_get_resources (kase, "RiskAssessment");
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (gradings, g_list_model_get_item (model, i));
  hz_risk_get_current (model, &data.current);

  /* Translators: the case id */
  empty = g_strdup_printf (_("No grading of case %s\n"), case_id);
  hz_cli_print_list (gradings, json, grading_to_json, headers, grading_to_row, empty, &data);

  return HZ_CLI_EXIT_OK;
}

/* --- dispatch ---------------------------------------------------------------- */


int
hz_cli_risk (HzCli  *cli,
             int     argc,
             char  **argv)
{
  g_autofree char *message = NULL;

  if (argc < 2 || argv[1][0] == '-')
    return risk_propose (cli, argc, argv);

  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    if (g_str_equal (subcommands[i].name, argv[1]))
      return subcommands[i].func (cli, argc - 1, argv + 1);

  /* Translators: what was given after "risk" */
  message = g_strdup_printf (_("Unknown subcommand “%s”: grade or history"), argv[1]);
  hz_cli_usage_error ("risk", message);
  return HZ_CLI_EXIT_USAGE;
}
