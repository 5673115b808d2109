/* hz-cli-meeting.c — huizhen-cli meeting: the MDT meeting (多学科会诊)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-cli"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hz-cli.h"

static int meeting_run (HzCli *cli, int argc, char **argv);

static const HzCliCommand subcommands[] = {
  { "list",     meeting_run, N_("List the MDT meetings") },
  { "create",   meeting_run, N_("Create an MDT meeting; prints its id") },
  { "add-case", meeting_run,
    N_("Put a case on the agenda with the question for the MDT, or an accepted consultation request's") },
  { "followup", meeting_run, N_("Book a follow-up of an unfinished action, on a meeting or a new one") },
  { "teams",    meeting_run, N_("Say which teams a case on the agenda needs (the quorum counts them)") },
  { "attend",   meeting_run, N_("Record a team's attendance: present, remote or absent") },
  { "opinion",  meeting_run, N_("Save a team's opinion on a case") },
  { "decide",   meeting_run, N_("Record the consensus decision and its actions") },
  { "sign",     meeting_run, N_("Sign a case's consultation opinion (会诊意见书)") },
  { "amend",    meeting_run, N_("Amend a signed consultation opinion: a new version, signed again") },
  { "pdf",      meeting_run, N_("Write the 会诊意见书 of a case, or the minutes, as PDF") },
  { "show",     meeting_run, N_("Print the meeting as JSON") },
};

int
hz_cli_meeting (HzCli  *cli,
                int     argc,
                char  **argv)
{
  return hz_cli_run_subcommand (cli, "meeting", subcommands, G_N_ELEMENTS (subcommands), argc, argv);
}

static void
meeting_to_json (JsonBuilder *builder,
                 gpointer     item,
                 gpointer     user_data)
{
  const HzMeetingInfo *info = item;

  hz_cli_json_add_string (builder, "id", info->id);
  hz_cli_json_add_string (builder, "title", info->title);
  hz_cli_json_add_string (builder, "start", info->start);
  hz_cli_json_add_string (builder, "place", info->place);
  hz_cli_json_add_string (builder, "coordinator", info->coordinator);
  json_builder_set_member_name (builder, "cases");
  json_builder_add_int_value (builder, info->n_cases);
  hz_cli_json_add_string (builder, "status", info->status);
}

static char **
meeting_to_row (gpointer item,
                gpointer user_data)
{
  const HzMeetingInfo *info = item;
  char **row = g_new0 (char *, 8);

  row[0] = g_strdup (info->id);
  row[1] = g_strdup (info->title ? info->title : "—");
  row[2] = hz_fhir_format_date_time (info->start);
  row[3] = g_strdup (info->place ? info->place : "—");
  row[4] = g_strdup (info->coordinator ? info->coordinator : "—");
  row[5] = g_strdup_printf ("%u", info->n_cases);
  row[6] = g_strdup (info->status ? info->status : "—");
  if (row[2] == NULL)
    row[2] = g_strdup ("—");
  return row;
}

static void
print_result (const char *member,
              const char *value)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  hz_cli_json_add_string (builder, member, value);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  hz_cli_print_json (root);
}

/* One function for the subcommands: they share their options */
/* "obstetrics, psychology": the codes, trimmed */
static GStrv
split_teams (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    if (*g_strstrip (parts[i]) != '\0')
      g_strv_builder_add (builder, parts[i]);
  return g_strv_builder_end (builder);
}

static int
meeting_run (HzCli  *cli,
             int     argc,
             char  **argv)
{
  g_autofree char *command = g_strdup_printf ("meeting %s", argv[0]);
  g_autofree char *title = NULL, *start = NULL, *place = NULL, *kase = NULL, *question = NULL;
  g_autofree char *reason = NULL, *presenter = NULL, *team = NULL, *status = NULL, *name = NULL;
  g_autofree char *text = NULL, *output = NULL, *request = NULL, *action = NULL, *teams = NULL;
  g_auto(GStrv) actions = NULL;
  gboolean json = FALSE, amend = FALSE;
  const GOptionEntry entries[] = {
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("The meeting's title"), N_("TITLE") },
    { "start", 0, 0, G_OPTION_ARG_STRING, &start, N_("When it starts (YYYY-MM-DDTHH:MM)"), N_("DATETIME") },
    { "place", 0, 0, G_OPTION_ARG_STRING, &place, N_("Where (none: a remote session)"), N_("PLACE") },
    { "case", 0, 0, G_OPTION_ARG_STRING, &kase, N_("The case (EpisodeOfCare id)"), N_("CASE") },
    { "request", 0, 0, G_OPTION_ARG_STRING, &request,
      N_("An accepted consultation request (its id): its case, question and reason"), N_("ID") },
    { "action", 0, 0, G_OPTION_ARG_STRING_ARRAY, &actions,
      N_("An action: what|owner|due date (decide), or the action followed up (followup)"), N_("ACTION") },
    { "question", 0, 0, G_OPTION_ARG_STRING, &question, N_("The question for the MDT"), N_("TEXT") },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("The reason for presentation"), N_("TEXT") },
    { "presenter", 0, 0, G_OPTION_ARG_STRING, &presenter, N_("The presenting clinician"), N_("NAME") },
    { "team", 0, 0, G_OPTION_ARG_STRING, &team,
      N_("obstetrics, reproductive, psychology, nutrition or other"), N_("TEAM") },
    { "teams", 0, 0, G_OPTION_ARG_STRING, &teams,
      N_("The teams the case needs, separated by commas (default: obstetrics and every team that worked on it)"),
      N_("TEAMS") },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status, N_("present, remote or absent"), N_("STATUS") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("Who attends, or the deputy of an absent team"), N_("NAME") },
    { "text", 0, 0, G_OPTION_ARG_STRING, &text, N_("The opinion or the decision"), N_("TEXT") },
    { "amend", 0, 0, G_OPTION_ARG_NONE, &amend, N_("Amend a signed opinion (a new version to sign again)"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF file to write"), N_("FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON (the default but for list)"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("[ID]"));
  g_autoptr(GError) error = NULL;
  g_autofree char *result = NULL;
  const char *what = argv[0];
  const char *id = NULL;
  HzStore *store;
  int exit_code = HZ_CLI_EXIT_OK;
  gboolean ok = FALSE;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  argv[0] = command;
  if (!hz_cli_parse (cli, context, &argc, &argv))
    return HZ_CLI_EXIT_USAGE;
  if (g_strcmp0 (what, "create") != 0 && g_strcmp0 (what, "list") != 0 && g_strcmp0 (what, "followup") != 0)
    {
      if (argc < 2)
        {
          hz_cli_usage_error (command, _("No meeting id given"));
          return HZ_CLI_EXIT_USAGE;
        }
      id = argv[1];
      if (!hz_cli_check_no_arguments (command, argc - 1, argv + 1))
        return HZ_CLI_EXIT_USAGE;
    }
  else if (g_str_equal (what, "followup") && argc == 2)
    id = argv[1];
  else if (!hz_cli_check_no_arguments (command, argc, argv))
    return HZ_CLI_EXIT_USAGE;

#define REQUIRE(cond, msg) \
  G_STMT_START { if (!(cond)) { hz_cli_usage_error (command, msg); return HZ_CLI_EXIT_USAGE; } } G_STMT_END

  if (g_str_equal (what, "create"))
    REQUIRE (title != NULL && start != NULL, _("--title and --start are required"));
  else if (g_str_equal (what, "add-case"))
    REQUIRE ((kase != NULL && question != NULL) != (request != NULL),
             _("--case and --question, or --request, are required"));
  else if (g_str_equal (what, "followup"))
    REQUIRE (actions != NULL && g_strv_length (actions) == 1 && (id != NULL || (title != NULL && start != NULL)),
             _("--action and a meeting id, or --action, --title and --start, are required"));
  else if (g_str_equal (what, "teams"))
    REQUIRE (kase != NULL && teams != NULL, _("--case and --teams are required"));
  else if (g_str_equal (what, "attend"))
    REQUIRE (team != NULL && status != NULL, _("--team and --status are required"));
  else if (g_str_equal (what, "opinion"))
    REQUIRE (kase != NULL && team != NULL && text != NULL, _("--case, --team and --text are required"));
  else if (g_str_equal (what, "decide"))
    REQUIRE (kase != NULL && text != NULL, _("--case and --text are required"));
  else if (g_str_equal (what, "sign") || g_str_equal (what, "amend"))
    REQUIRE (kase != NULL, _("--case is required"));
  else if (g_str_equal (what, "pdf"))
    REQUIRE (output != NULL, _("-o is required"));
#undef REQUIRE

  store = hz_cli_open_store (cli, &exit_code);
  if (store == NULL)
    return exit_code;

  if (g_str_equal (what, "list"))
    {
      g_autoptr(GPtrArray) meetings = hz_meeting_list (store, &error);
      const char *headers[] = { _("ID"), _("Title"), _("Start"), _("Place"), _("Coordinator"), _("Cases"),
                                _("Status"), NULL };

      if ((ok = meetings != NULL))
        hz_cli_print_list (meetings, json, meeting_to_json, headers, meeting_to_row, _("No MDT meetings."), NULL);
    }
  else if (g_str_equal (what, "create"))
    {
      result = hz_meeting_create (store, title, start, place, &error);
      if ((ok = result != NULL))
        print_result ("id", result);
    }
  else if (g_str_equal (what, "add-case"))
    {
      g_auto(GStrv) codes = teams != NULL ? split_teams (teams) : NULL;

      /* the teams named are checked before the case goes on the agenda */
      if (codes != NULL && !hz_meeting_check_teams ((const char * const *) codes, &error))
        ok = FALSE;
      else if (request != NULL)
        ok = hz_meeting_add_case_from_request (store, id, request, &error);
      else
        ok = hz_meeting_add_case (store, id, kase, question, reason, presenter, &error);
      if (ok && codes != NULL)
        {
          g_autofree char *case_id = kase != NULL ? g_strdup (kase) : NULL;

          if (case_id == NULL)
            {
              g_autoptr(HzReferral) referral = hz_referral_get (store, request, NULL, NULL);

              case_id = referral != NULL ? g_strdup (referral->case_id) : NULL;
            }
          if (case_id != NULL)
            ok = hz_meeting_set_case_teams (store, id, case_id, (const char * const *) codes, &error);
        }
      if (ok)
        print_result (request != NULL ? "request" : "case", request != NULL ? request : kase);
    }
  else if (g_str_equal (what, "teams"))
    {
      g_auto(GStrv) codes = split_teams (teams);

      if ((ok = hz_meeting_set_case_teams (store, id, kase, (const char * const *) codes, &error)))
        print_result ("case", kase);
    }
  else if (g_str_equal (what, "followup"))
    {
      result = hz_meeting_book_followup (store, actions[0], id, title, start, place, &error);
      if ((ok = result != NULL))
        print_result ("id", result);
    }
  else if (g_str_equal (what, "amend"))
    {
      if ((ok = hz_meeting_amend (store, id, kase, &error)))
        print_result ("case", kase);
    }
  else if (g_str_equal (what, "attend"))
    {
      HzAttendance attendance;

      if (!hz_attendance_from_string (status, &attendance))
        g_set_error (&error, HZ_MEETING_ERROR, HZ_MEETING_ERROR_INVALID,
                     _("“%s” is not an attendance: use present, remote or absent"), status);
      else if ((ok = hz_meeting_attend (store, id, team, attendance, name, &error)))
        print_result ("team", team);
    }
  else if (g_str_equal (what, "opinion"))
    {
      if ((ok = hz_meeting_save_opinion (store, id, kase, team, text, amend, &error)))
        print_result ("team", team);
    }
  else if (g_str_equal (what, "decide"))
    {
      guint n = actions ? g_strv_length (actions) : 0;
      g_autofree HzMeetingAction *parsed = g_new0 (HzMeetingAction, MAX (n, 1));
      g_autoptr(GPtrArray) storage = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

      ok = TRUE;
      for (guint i = 0; ok && i < n; i++)
        {
          char **parts = NULL;

          ok = hz_meeting_action_parse (actions[i], &parsed[i], &parts, &error);
          if (ok)
            g_ptr_array_add (storage, parts);
        }
      /* --amend: a signed decision changed is an amendment */
      if (ok && amend)
        ok = hz_meeting_amend (store, id, kase, &error);
      if (ok)
        result = hz_meeting_decide (store, id, kase, text, parsed, n, &error);
      if ((ok = ok && result != NULL))
        print_result ("careplan", result);
    }
  else if (g_str_equal (what, "sign"))
    {
      result = hz_meeting_sign (store, id, kase, &error);
      if ((ok = result != NULL))
        print_result ("provenance", result);
    }
  else if (g_str_equal (what, "pdf"))
    {
      if ((ok = hz_meeting_write_pdf (store, id, kase, output, &error)))
        print_result ("pdf", output);
    }
  else
    {
      g_autoptr(JsonNode) root = hz_meeting_to_json (store, id, &error);

      if ((ok = root != NULL))
        hz_cli_print_json (root);
    }

  if (!ok)
    {
      hz_cli_print_error (command, error->message);
      return HZ_CLI_EXIT_INPUT;
    }
  return HZ_CLI_EXIT_OK;
}
