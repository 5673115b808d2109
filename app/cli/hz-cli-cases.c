/* hz-cli-cases.c — huizhen-cli cases and audit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-cli"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hz-cli.h"

#define HZ_CLI_MAX_GA_DAYS (44 * 7)

/* Gestational age today from what the case list knows (LMP, EDD,
 * embryo transfer, delivery). @ga_days is set when pregnant and dated; the text is the GA,
 * "postpartum day N", or NULL when not dated. (transfer full) */
static char *
case_ga_today (HzCaseSummary *summary,
               const GDate   *today,
               gboolean      *has_ga,
               int           *ga_days,
               char         **edd_out)
{
  HzDating dating;

  *has_ga = FALSE;

  if (edd_out != NULL)
    *edd_out = NULL;

  /* The case list's one dating rule (LMP, EDD, embryo transfer, delivery) */
  hz_case_summary_get_dating (summary, &dating);

  /* The recorded EDD, else Naegele's from the LMP */
  if (edd_out != NULL && dating.method != HZ_DATING_NONE)
    *edd_out = g_strdup_printf ("%04u-%02u-%02u",
                                g_date_get_year (&dating.edd),
                                g_date_get_month (&dating.edd),
                                g_date_get_day (&dating.edd));

  if (dating.delivered)
    {
      int days = g_date_days_between (&dating.delivery_date, today);

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
case_to_json (JsonBuilder *builder,
              gpointer     item,
              gpointer     user_data)
{
  HzCaseSummary *summary = item;
  const GDate *today = user_data;
  gboolean has_ga;
  int ga_days = 0;
  g_autofree char *edd = NULL;
  g_autofree char *ga = case_ga_today (summary, today, &has_ga, &ga_days, &edd);
  const char *recorded_edd = hz_case_summary_get_edd (summary);

  hz_cli_json_add_string (builder, "id", hz_case_summary_get_case_id (summary));
  hz_cli_json_add_string (builder, "patient_id", hz_case_summary_get_patient_id (summary));
  hz_cli_json_add_string (builder, "patient_name", hz_case_summary_get_patient_name (summary));
  hz_cli_json_add_string (builder, "id_card", hz_case_summary_get_id_card (summary));
  hz_cli_json_add_string (builder, "mrn", hz_case_summary_get_mrn (summary));
  hz_cli_json_add_string (builder, "birth_date", hz_case_summary_get_birth_date (summary));
  hz_cli_json_add_string (builder, "risk", hz_risk_colour_to_string (hz_case_summary_get_risk (summary)));
  json_builder_set_member_name (builder, "infectious");
  json_builder_add_boolean_value (builder, hz_case_summary_get_infectious (summary));
  json_builder_set_member_name (builder, "demo");
  json_builder_add_boolean_value (builder, hz_case_summary_get_demo (summary));
  hz_cli_json_add_string (builder, "lmp", hz_case_summary_get_lmp (summary));
  hz_cli_json_add_string (builder, "edd", recorded_edd != NULL ? recorded_edd : edd);
  hz_cli_json_add_string (builder, "delivery_date", hz_case_summary_get_delivery_date (summary));
  json_builder_set_member_name (builder, "ga_days");
  if (has_ga)
    json_builder_add_int_value (builder, ga_days);
  else
    json_builder_add_null_value (builder);
  hz_cli_json_add_string (builder, "ga", ga);
  hz_cli_json_add_string (builder, "status", hz_case_summary_get_status (summary));
  hz_cli_json_add_string (builder, "organization", hz_case_summary_get_organization (summary));
  hz_cli_json_add_string (builder, "next_action", hz_case_summary_get_next_action (summary));
  hz_cli_json_add_string (builder, "updated", hz_case_summary_get_updated (summary));
}

static char **
case_to_row (gpointer item,
             gpointer user_data)
{
  HzCaseSummary *summary = item;
  const GDate *today = user_data;
  const char *risk = hz_risk_colour_get_display_name (hz_case_summary_get_risk (summary));
  gboolean has_ga;
  int ga_days = 0;
  g_autofree char *ga = case_ga_today (summary, today, &has_ga, &ga_days, NULL);
  char **row = g_new0 (char *, 5);

  row[0] = g_strdup (hz_case_summary_get_case_id (summary));
  row[1] = g_strdup (hz_case_summary_get_patient_name (summary));
  row[2] = g_strdup (ga != NULL ? ga : "—");
  if (hz_case_summary_get_infectious (summary))
    /* Translators: a risk colour, then the purple (infectious disease) mark */
    row[3] = g_strdup_printf (_("%s + purple"), risk);
  else
    row[3] = g_strdup (risk);

  return row;
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
  const char *headers[] = { _("ID"), _("Patient"), _("GA today"), _("Risk"), NULL };
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *empty = NULL;
  int exit_code = HZ_CLI_EXIT_OK;
  HzStore *store;
  GDate today;

  context = g_option_context_new (_("cases"));
  g_option_context_set_summary (context,
                                _("Lists every case: id, patient, gestational age today and risk grade."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!hz_cli_parse (cli, context, &argc, &argv))
    return HZ_CLI_EXIT_USAGE;

  if (!hz_cli_check_no_arguments ("cases", argc, argv))
    return HZ_CLI_EXIT_USAGE;

  store = hz_cli_open_store (cli, &exit_code);
  if (store == NULL)
    return exit_code;

  cases = hz_store_list_cases (store, &error);
  if (cases == NULL)
    {
      hz_cli_print_error (hz_store_get_path (store), error->message);
      return HZ_CLI_EXIT_INPUT;
    }

  hz_ga_get_today (&today);
  empty = g_strdup_printf (_("No cases in %s\n"), hz_store_get_path (store));
  hz_cli_print_list (cases, json, case_to_json, headers, case_to_row, empty, &today);

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

static void
audit_row_init (AuditRow   *row,
                HzResource *resource)
{
  const HzJv *event = hz_resource_get_value (resource);
  HzJv *agent = hz_jv_get_object_element (event, "agent", 0);
  g_autoptr(GPtrArray) roles = g_ptr_array_new ();
  HzJv *role;

  row->id = hz_jv_get_string (event, "id");
  row->recorded = hz_jv_get_string (event, "recorded");
  row->action = hz_jv_get_string (event, "action");
  row->user = hz_jv_get_path_string (agent, "who.display");
  row->hospital = hz_jv_get_path_string (event, "source.observer.display");
  row->entity = hz_jv_get_path_string (hz_jv_get_object_element (event, "entity", 0), "what.reference");

  for (guint i = 0; (role = hz_jv_get_object_element (agent, "role", i)) != NULL; i++)
    {
      HzJv *coding = hz_jv_get_object_element (role, "coding", 0);
      const char *text = hz_jv_get_string (role, "text");

      if (text == NULL)
        text = hz_jv_get_string (coding, "display");
      if (text == NULL)
        text = hz_jv_get_string (coding, "code");
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

static void
audit_to_json (JsonBuilder *builder,
               gpointer     item,
               gpointer     user_data)
{
  AuditRow row;

  audit_row_init (&row, item);

  hz_cli_json_add_string (builder, "id", row.id);
  hz_cli_json_add_string (builder, "recorded", row.recorded);
  hz_cli_json_add_string (builder, "action", row.action);
  hz_cli_json_add_string (builder, "user", row.user);
  hz_cli_json_add_string (builder, "role", row.role);
  hz_cli_json_add_string (builder, "hospital", row.hospital);
  hz_cli_json_add_string (builder, "entity", row.entity);

  g_free (row.role);
}

static char **
audit_to_row (gpointer item,
              gpointer user_data)
{
  AuditRow row;
  char **cells = g_new0 (char *, 6);

  audit_row_init (&row, item);
  cells[0] = g_strdup (row.recorded != NULL ? row.recorded : "");
  cells[1] = g_strdup (action_display_name (row.action));
  cells[2] = g_strdup (row.user != NULL ? row.user : "");
  cells[3] = row.role != NULL ? row.role : g_strdup ("");
  cells[4] = g_strdup (row.entity != NULL ? row.entity : "");

  return cells;
}

/* huizhen-cli audit [--case ID] [--limit N] [--json] */
/* audit verify / audit head */
static int
audit_chain (HzStore    *store,
             gboolean    verify,
             const char *head,
             gboolean    json)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  gint64 count = 0;
  gboolean ok;

  if (verify)
    ok = hz_store_verify_audit (store, head, &count, &hash, &error);
  else
    ok = hz_store_audit_head (store, &count, &hash, &error);

  if (!ok)
    {
      hz_cli_print_error (hz_store_get_path (store), error->message);
      return HZ_CLI_EXIT_INPUT;
    }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "rows");
      json_builder_add_int_value (builder, count);
      hz_cli_json_add_string (builder, "head", hash);
      json_builder_set_member_name (builder, "intact");
      json_builder_add_boolean_value (builder, verify);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      hz_cli_print_json (root);
    }
  else if (verify)
    /* Translators: the audit log's row count and its newest row's SHA-256 */
    g_print (_("The audit log is intact: %lld rows, head %lld:%s\n"),
             (long long) count, (long long) count, hash ? hash : HZ_STORE_AUDIT_HEAD_EMPTY);
  else
    g_print ("%" G_GINT64_FORMAT ":%s\n", count, hash ? hash : HZ_STORE_AUDIT_HEAD_EMPTY);

  return HZ_CLI_EXIT_OK;
}

/* huizhen-cli history TYPE/ID [--json] */
static void
version_to_json (JsonBuilder *builder,
                 gpointer     item,
                 gpointer     user_data)
{
  HzStoreVersion *version = item;
  char version_str[32];

  g_snprintf (version_str, sizeof version_str, "%" G_GINT64_FORMAT, version->version);
  hz_cli_json_add_string (builder, "versionId", version_str);
  hz_cli_json_add_string (builder, "lastUpdated", version->last_updated);
  hz_cli_json_add_string (builder, "author", version->author);
  hz_cli_json_add_string (builder, "case", version->case_id);
  json_builder_set_member_name (builder, "deleted");
  json_builder_add_boolean_value (builder, version->deleted);
}

static char **
version_to_row (gpointer item,
                gpointer user_data)
{
  HzStoreVersion *version = item;
  GStrvBuilder *builder = g_strv_builder_new ();
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, version->version);
  char **row;

  g_strv_builder_add (builder, number);
  g_strv_builder_add (builder, version->last_updated ? version->last_updated : "");
  g_strv_builder_add (builder, version->author ? version->author : "");
  g_strv_builder_add (builder, version->deleted ? _("deleted")
                                                : version->version == 1 ? _("created") : _("updated"));
  row = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return row;
}

int
hz_cli_history (HzCli  *cli,
                int     argc,
                char  **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON array"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  const char *headers[] = { _("Version"), _("Written"), _("By"), _("Change"), NULL };
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *type = NULL;
  g_autofree char *id = NULL;
  int exit_code = HZ_CLI_EXIT_OK;
  HzStore *store;

  context = g_option_context_new (_("history TYPE/ID"));
  g_option_context_set_summary (context,
                                _("Lists every version of a resource, oldest first, deletions "
                                  "included: nothing written is ever lost."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!hz_cli_parse (cli, context, &argc, &argv))
    return HZ_CLI_EXIT_USAGE;

  if (argc < 2 || !hz_fhir_split_reference (argv[1], &type, &id))
    {
      g_autofree char *message =
        argc < 2 ? g_strdup (_("No resource given: use TYPE/ID, e.g. Observation/obs-1"))
                 : g_strdup_printf (_("“%s” is not TYPE/ID, e.g. Observation/obs-1"), argv[1]);

      hz_cli_usage_error ("history", message);
      return HZ_CLI_EXIT_USAGE;
    }
  if (!hz_cli_check_no_arguments ("history", argc - 1, argv + 1))
    return HZ_CLI_EXIT_USAGE;

  store = hz_cli_open_store (cli, &exit_code);
  if (store == NULL)
    return exit_code;

  versions = hz_store_history (store, type, id, &error);
  if (versions == NULL)
    {
      hz_cli_print_error (argv[1], error->message);
      return HZ_CLI_EXIT_INPUT;
    }

  hz_cli_print_list (versions, json, version_to_json, headers, version_to_row, NULL, NULL);
  return HZ_CLI_EXIT_OK;
}

int
hz_cli_audit (HzCli  *cli,
              int     argc,
              char  **argv)
{
  gboolean json = FALSE;
  g_autofree char *case_id = NULL;
  g_autofree char *head = NULL;
  int limit = 0;
  const GOptionEntry entries[] = {
    { "case", 'c', 0, G_OPTION_ARG_STRING, &case_id,
      N_("Only the events of this case (its EpisodeOfCare id)"), N_("ID") },
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit,
      N_("At most N events, newest first (default: all)"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON array"), NULL },
    { "head", 0, 0, G_OPTION_ARG_STRING, &head,
      N_("With verify: the COUNT:HASH that “audit head” printed earlier, so that rows cut off "
         "the end are caught too"), N_("COUNT:HASH") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  const char *headers[] = { _("Recorded"), _("Action"), _("User"), _("Role"), _("Resource"), NULL };
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  int exit_code = HZ_CLI_EXIT_OK;
  HzStore *store;

  context = g_option_context_new (_("audit [verify|head]"));
  g_option_context_set_summary (context,
                                _("Shows who read or wrote what and when, newest first.\n"
                                  "“audit verify” checks the log’s hash chain and its append-only "
                                  "guards (exit 1 naming the first broken row); “audit head” prints "
                                  "the row count and newest hash for an auditor to keep."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!hz_cli_parse (cli, context, &argc, &argv))
    return HZ_CLI_EXIT_USAGE;

  if (argc > 1 && (g_str_equal (argv[1], "verify") || g_str_equal (argv[1], "head")))
    {
      gboolean verify = g_str_equal (argv[1], "verify");

      if (argc > 2)
        {
          g_autofree char *message = g_strdup_printf (_("Unexpected argument “%s”"), argv[2]);

          hz_cli_usage_error ("audit", message);
          return HZ_CLI_EXIT_USAGE;
        }
      if (head != NULL && !verify)
        {
          hz_cli_usage_error ("audit", _("--head goes with “audit verify”"));
          return HZ_CLI_EXIT_USAGE;
        }

      store = hz_cli_open_store (cli, &exit_code);
      if (store == NULL)
        return exit_code;

      return audit_chain (store, verify, head, json);
    }

  if (head != NULL)
    {
      hz_cli_usage_error ("audit", _("--head goes with “audit verify”"));
      return HZ_CLI_EXIT_USAGE;
    }

  if (!hz_cli_check_no_arguments ("audit", argc, argv))
    return HZ_CLI_EXIT_USAGE;

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

  hz_cli_print_list (events, json, audit_to_json, headers, audit_to_row,
                     _("No audit events\n"), NULL);

  return HZ_CLI_EXIT_OK;
}
