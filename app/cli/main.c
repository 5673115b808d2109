/* main.c — huizhen-cli: the case store and the plugins from a terminal
 *
 *   huizhen-cli [--db PATH] [--user SPEC] COMMAND [ARGS…]
 *
 * Exit status: 0 success, 1 bad input (the message names the file and what
 * was wrong), 2 usage (unknown command, missing argument).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "hz-cli.h"

static const HzCliCommand commands[] = {
  { "import",  hz_cli_import,  N_("Import FHIR Bundle files, each as one transaction") },
  { "export",  hz_cli_export,  N_("Export a case as a FHIR Bundle") },
  { "cases",   hz_cli_cases,   N_("List the cases") },
  { "demo",    hz_cli_demo,    N_("Import the demo cases dated for today, or remove them") },
  { "history", hz_cli_history, N_("List every version of a resource") },
  { "audit",   hz_cli_audit,   N_("Show the audit trail, or verify its hash chain") },
  { "plugins", hz_cli_plugins, N_("List the plugins and whether they load") },
  { "calc",    hz_cli_calc,    N_("Gestational age, BMI and weight gain, as JSON") },
  { "score",   hz_cli_score,   N_("Score an EPDS, PHQ-9 or GAD-7 form, as JSON") },
  { "registry", hz_cli_registry, N_("The high-risk registry: orange, red and purple cases, overdue actions") },
  { "risk",    hz_cli_risk,    N_("Propose a case's five-colour risk grade, record it, list its gradings") },
  { "referral", hz_cli_referral, N_("Referrals and consultation requests: forms, status, PDF, exchange") },
  { "dicom",   hz_cli_dicom,   N_("Read DICOM files: image and ultrasound details, frames as PNG or raw") },
  { "imaging", hz_cli_imaging, N_("Import DICOM images and video clips into a case, list them") },
  { "pacs",    hz_cli_pacs,    N_("The regional imaging platform over DICOMweb: query, retrieve, send") },
  { "consult", hz_cli_consult, N_("Remote consultation: tokens for huizhen-consultd") },
  { "meeting", hz_cli_meeting, N_("MDT meetings: agenda, attendance, opinions, decision, signing, PDF") },
};

static const char *
usage_line (void)
{
  return _("Usage: huizhen-cli [--db PATH] [--user SPEC] COMMAND [ARGS…]");
}

static char *
commands_description (void)
{
  GString *text = g_string_new (_("Commands:"));

  g_string_append_c (text, '\n');
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (text, "  %-9s %s\n", commands[i].name, _(commands[i].summary));

  g_string_append_c (text, '\n');
  g_string_append (text, _("Run “huizhen-cli COMMAND --help” for the options of a command."));
  g_string_append_c (text, '\n');
  g_string_append (text, _("The database is --db, else $HUIZHEN_DB, else the user's default database. "
                           "The acting user (named in the audit trail) is --user, else $HUIZHEN_USER, "
                           "else the clinician set in the application, else the login name."));
  g_string_append_c (text, '\n');
  g_string_append (text, _("Exit status: 0 success, 1 bad input, 2 usage error."));
  g_string_append_c (text, '\n');

  return g_string_free (text, FALSE);
}

char *
hz_cli_dup_subcommands_description (const HzCliCommand *table,
                                    guint               n_commands)
{
  GString *out = g_string_new (_("Subcommands:"));

  for (guint i = 0; i < n_commands; i++)
    g_string_append_printf (out, "\n  %-8s %s", table[i].name, _(table[i].summary));
  return g_string_free (out, FALSE);
}

int
hz_cli_run_subcommand (HzCli              *cli,
                       const char         *command,
                       const HzCliCommand *table,
                       guint               n_commands,
                       int                 argc,
                       char              **argv)
{
  g_autofree char *message = NULL;
  g_autofree char *description = NULL;

  if (argc >= 2)
    for (guint i = 0; i < n_commands; i++)
      if (g_str_equal (table[i].name, argv[1]))
        return table[i].func (cli, argc - 1, argv + 1);

  description = hz_cli_dup_subcommands_description (table, n_commands);
  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      g_print ("%s\n", description);
      /* Translators: %s is a command with subcommands, e.g. "pacs" */
      g_print (_("Run “huizhen-cli %s SUBCOMMAND --help” for the options of a subcommand."), command);
      g_print ("\n");
      return HZ_CLI_EXIT_OK;
    }
  /* Translators: what was given after the command (e.g. "dicom") */
  message = argc >= 2
            ? g_strdup_printf (_("Unknown subcommand “%s”\n%s"), argv[1], description)
            : g_strdup_printf (_("Name a subcommand\n%s"), description);
  hz_cli_usage_error (command, message);
  return HZ_CLI_EXIT_USAGE;
}

void
hz_cli_print_error (const char *subject,
                    const char *message)
{
  if (subject != NULL)
    g_printerr ("huizhen-cli: %s: %s\n", subject, message);
  else
    g_printerr ("huizhen-cli: %s\n", message);
}

static void
print_usage_hint (const char *command)
{
  g_printerr ("%s\n", usage_line ());
  if (command != NULL)
    g_printerr (_("Try “huizhen-cli %s --help”."), command);
  else
    g_printerr (_("Try “huizhen-cli --help”."));
  g_printerr ("\n");
}

void
hz_cli_usage_error (const char *command,
                    const char *message)
{
  hz_cli_print_error (command, message);
  print_usage_hint (command);
}

GOptionGroup *
hz_cli_global_group (HzCli *cli)
{
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &cli->db_path,
      N_("The database file (default: $HUIZHEN_DB or the user's database)"), N_("PATH") },
    { "user", 0, 0, G_OPTION_ARG_STRING, &cli->user_spec,
      N_("The acting user: “name” or “name|team|role|hospital”"), N_("SPEC") },
    { NULL }
  };
  GOptionGroup *group;

  group = g_option_group_new ("global", _("Global options:"), _("Show the global options"), NULL, NULL);
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  g_option_group_add_entries (group, entries);

  return group;
}

gboolean
hz_cli_parse (HzCli           *cli,
              GOptionContext  *context,
              int             *argc,
              char          ***argv)
{
  g_autoptr(GError) error = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_group (context, hz_cli_global_group (cli));

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      hz_cli_usage_error ((*argv)[0], error->message);
      return FALSE;
    }

  return TRUE;
}

/* The acting user: --user, $HUIZHEN_USER, the clinician recorded in the
 * application's settings, then the login name. */
static HzActor *
resolve_actor (HzCli  *cli,
               int    *exit_code)
{
  const char *env = g_getenv ("HUIZHEN_USER");
  GSettingsSchemaSource *source;
  g_autoptr(GSettingsSchema) schema = NULL;
  const char *name;
  HzActor *actor;

  if (cli->user_spec != NULL)
    {
      actor = hz_actor_parse (cli->user_spec);
      if (actor == NULL)
        {
          g_autofree char *message =
            g_strdup_printf (_("“%s” is not a user: expected “name” or “name|team|role|hospital” "
                               "with team one of obstetrics, reproductive, psychology, nutrition, other"),
                             cli->user_spec);

          hz_cli_print_error ("--user", message);
          print_usage_hint (NULL);
          *exit_code = HZ_CLI_EXIT_USAGE;
        }
      return actor;
    }

  if (env != NULL && *env != '\0')
    {
      actor = hz_actor_parse (env);
      if (actor == NULL)
        {
          g_autofree char *message =
            g_strdup_printf (_("“%s” is not a user: expected “name” or “name|team|role|hospital”"), env);

          hz_cli_print_error ("HUIZHEN_USER", message);
          *exit_code = HZ_CLI_EXIT_USAGE;
        }
      return actor;
    }

  /* Only ask GSettings when the schema can be found, so an installation
   * without it still works with the login name. */
  source = g_settings_schema_source_get_default ();
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, HZ_APPLICATION_ID, TRUE);
  if (schema != NULL || hz_is_running_uninstalled ())
    {
      g_autoptr(GSettings) settings = hz_settings_new ();

      actor = hz_settings_dup_actor (settings);
      if (actor != NULL)
        return actor;
    }

  name = g_get_real_name ();
  if (name == NULL || *name == '\0' || g_str_equal (name, "Unknown"))
    name = g_get_user_name ();

  return hz_actor_new (name, HZ_TEAM_OTHER, NULL, NULL);
}

HzStore *
hz_cli_open_store (HzCli *cli,
                   int   *exit_code)
{
  g_autoptr(HzActor) actor = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (cli->store != NULL)
    return cli->store;

  actor = resolve_actor (cli, exit_code);
  if (actor == NULL)
    return NULL;

  path = cli->db_path != NULL ? g_strdup (cli->db_path) : hz_store_get_default_path ();
  cli->store = hz_store_new (path, &error);
  if (cli->store == NULL)
    {
      hz_cli_print_error (path, error->message);
      *exit_code = HZ_CLI_EXIT_INPUT;
      return NULL;
    }

  hz_store_set_actor (cli->store, actor);

  return cli->store;
}

gboolean
hz_cli_check_no_arguments (const char  *command,
                           int          argc,
                           char       **argv)
{
  g_autofree char *message = NULL;

  if (argc <= 1)
    return TRUE;

  message = g_strdup_printf (_("Unexpected argument “%s”"), argv[1]);
  hz_cli_usage_error (command, message);

  return FALSE;
}

/* JSON goes out through libhuizhen's writer, which writes a double in the
 * fewest digits that read back the same (JsonGenerator would print 24.3 as
 * 24.300000000000001) */
char *
hz_cli_json_to_data (JsonNode *node,
                     gsize    *length)
{
  return hz_json_node_to_data (node, length);
}

void
hz_cli_json_add_number_text (JsonBuilder *builder,
                             const char  *member,
                             const char  *text)
{
  char *end = NULL;
  double value;

  g_return_if_fail (text != NULL);

  value = g_ascii_strtod (text, &end);
  g_return_if_fail (end != text && *end == '\0');

  if (member != NULL)
    json_builder_set_member_name (builder, member);
  json_builder_add_double_value (builder, value);
}

void
hz_cli_print_json (JsonNode *node)
{
  g_autofree char *text = hz_cli_json_to_data (node, NULL);

  fputs (text, stdout);
  fputc ('\n', stdout);
}

void
hz_cli_json_add_string (JsonBuilder *builder,
                        const char  *member,
                        const char  *value)
{
  hz_json_builder_add_string_member (builder, member, value);
}

/* Columns a string takes in a terminal: wide (CJK) characters take two. */
static gsize
display_width (const char *text)
{
  gsize width = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }

  return width;
}

void
hz_cli_print_table (const char * const *headers,
                    GPtrArray          *rows)
{
  guint n_columns = g_strv_length ((char **) headers);
  g_autofree gsize *widths = g_new0 (gsize, n_columns);
  g_autoptr(GString) line = g_string_new (NULL);

  for (guint c = 0; c < n_columns; c++)
    widths[c] = display_width (headers[c]);

  for (guint r = 0; r < rows->len; r++)
    {
      char **row = g_ptr_array_index (rows, r);

      for (guint c = 0; c < n_columns && row[c] != NULL; c++)
        widths[c] = MAX (widths[c], display_width (row[c]));
    }

  for (guint r = 0; r <= rows->len; r++)
    {
      const char * const *row = r == 0 ? headers : g_ptr_array_index (rows, r - 1);

      g_string_truncate (line, 0);
      for (guint c = 0; c < n_columns && row[c] != NULL; c++)
        {
          g_string_append (line, row[c]);
          if (c + 1 < n_columns)
            for (gsize pad = display_width (row[c]); pad < widths[c] + 2; pad++)
              g_string_append_c (line, ' ');
        }

      /* no trailing blanks */
      while (line->len > 0 && line->str[line->len - 1] == ' ')
        g_string_truncate (line, line->len - 1);

      puts (line->str);
    }
}

void
hz_cli_print_list (GPtrArray          *items,
                   gboolean            json,
                   HzCliJsonFunc       to_json,
                   const char * const *headers,
                   HzCliRowFunc        to_row,
                   const char         *empty_message,
                   gpointer            user_data)
{
  g_autoptr(GPtrArray) rows = NULL;

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < items->len; i++)
        {
          json_builder_begin_object (builder);
          to_json (builder, g_ptr_array_index (items, i), user_data);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);

      root = json_builder_get_root (builder);
      hz_cli_print_json (root);
      return;
    }

  if (items->len == 0)
    {
      g_print ("%s", empty_message);
      return;
    }

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (rows, to_row (g_ptr_array_index (items, i), user_data));

  hz_cli_print_table (headers, rows);
}

static const HzCliCommand *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (commands[i].name, name))
      return &commands[i];

  return NULL;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  const HzCliCommand *command;
  HzCli cli = { NULL, };
  int status;

  hz_i18n_init ();
  g_set_prgname ("huizhen-cli");

  context = g_option_context_new (_("COMMAND [ARGS…]"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Work with the Huizhen case store from a terminal."));
  description = commands_description ();
  g_option_context_set_description (context, description);
  g_option_context_set_main_group (context, hz_cli_global_group (&cli));
  /* Stop at the command: what follows belongs to it */
  g_option_context_set_strict_posix (context, TRUE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      hz_cli_usage_error (NULL, error->message);
      return HZ_CLI_EXIT_USAGE;
    }

  if (argc < 2)
    {
      hz_cli_usage_error (NULL, _("No command given"));
      return HZ_CLI_EXIT_USAGE;
    }

  if (g_str_equal (argv[1], "help"))
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      fputs (help, stdout);
      return HZ_CLI_EXIT_OK;
    }

  command = find_command (argv[1]);
  if (command == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Unknown command “%s”"), argv[1]);

      hz_cli_usage_error (NULL, message);
      return HZ_CLI_EXIT_USAGE;
    }

  status = command->func (&cli, argc - 1, argv + 1);

  g_clear_object (&cli.store);
  g_free (cli.db_path);
  g_free (cli.user_spec);

  if (fflush (stdout) != 0 || ferror (stdout))
    {
      hz_cli_print_error (NULL, _("Could not write the output"));
      return HZ_CLI_EXIT_INPUT;
    }

  return status;
}
