/* hz-cli-consult.c — huizhen-cli consult: the signed tokens that let a
 * user into a room of huizhen-consultd (docs/consult-protocol.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-cli"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n-lib.h>

#include "hz-cli.h"

/* A token is good for a working day unless --ttl says otherwise */
#define DEFAULT_TTL_SECONDS (8 * 60 * 60)

static int consult_token  (HzCli *cli, int argc, char **argv);
static int consult_verify (HzCli *cli, int argc, char **argv);

static const HzCliCommand subcommands[] = {
  { "token",  consult_token,  N_("Make a signed token for one user, room and role") },
  { "verify", consult_verify, N_("Check a token against the secret and print its claims as JSON") },
};

int
hz_cli_consult (HzCli  *cli,
                int     argc,
                char  **argv)
{
  return hz_cli_run_subcommand (cli, "consult", subcommands, G_N_ELEMENTS (subcommands), argc, argv);
}

static int
consult_token (HzCli  *cli,
               int     argc,
               char  **argv)
{
  g_autofree char *secret_file = NULL;
  g_autofree char *room = NULL;
  g_autofree char *user = NULL;
  g_autofree char *role = NULL;
  g_autofree char *name = NULL;
  g_autofree char *team = NULL;
  gint64 ttl = DEFAULT_TTL_SECONDS;
  const GOptionEntry entries[] = {
    { "secret-file", 0, 0, G_OPTION_ARG_FILENAME, &secret_file,
      N_("The server's secret (the file given to huizhen-consultd)"), N_("FILE") },
    { "room", 0, 0, G_OPTION_ARG_STRING, &room, N_("The room (session) id"), N_("ROOM") },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user, N_("The user id the room sees"), N_("USER") },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role,
      N_("host, presenter, participant or observer"), N_("ROLE") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The display name"), N_("NAME") },
    { "team", 0, 0, G_OPTION_ARG_STRING, &team,
      N_("obstetrics, reproductive, psychology, nutrition or other"), N_("TEAM") },
    { "ttl", 0, 0, G_OPTION_ARG_INT64, &ttl,
      N_("Seconds the token stays valid (default 28800, 8 hours)"), N_("SECONDS") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GBytes) secret = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  HzConsultToken claims = { 0, };

  g_option_context_set_summary (context, _("Prints a token that lets one user into one room of "
                                           "huizhen-consultd with one role until it expires."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  argv[0] = (char *) "consult token";
  if (!hz_cli_parse (cli, context, &argc, &argv))
    return HZ_CLI_EXIT_USAGE;
  if (!hz_cli_check_no_arguments ("consult token", argc, argv))
    return HZ_CLI_EXIT_USAGE;
  if (secret_file == NULL || room == NULL || user == NULL || role == NULL)
    {
      hz_cli_usage_error ("consult token", _("--secret-file, --room, --user and --role are required"));
      return HZ_CLI_EXIT_USAGE;
    }
  if (!hz_consult_role_from_string (role, &claims.role))
    {
      g_autofree char *message =
        g_strdup_printf (_("“%s” is not a role: use host, presenter, participant or observer"), role);

      hz_cli_usage_error ("consult token", message);
      return HZ_CLI_EXIT_USAGE;
    }
  if (ttl <= 0 || ttl > G_GINT64_CONSTANT (366) * 24 * 60 * 60)
    {
      hz_cli_usage_error ("consult token", _("--ttl takes a number of seconds from 1 to one year"));
      return HZ_CLI_EXIT_USAGE;
    }

  secret = hz_consult_secret_load (secret_file, &error);
  if (secret == NULL)
    {
      hz_cli_print_error ("consult token", error->message);
      return HZ_CLI_EXIT_INPUT;
    }
  claims.room = room;
  claims.user = user;
  claims.name = name;
  claims.team = team;
  claims.expires = g_get_real_time () / G_USEC_PER_SEC + ttl;
  token = hz_consult_token_make (secret, &claims, &error);
  if (token == NULL)
    {
      hz_cli_print_error ("consult token", error->message);
      return HZ_CLI_EXIT_INPUT;
    }
  g_print ("%s\n", token);
  return HZ_CLI_EXIT_OK;
}

static int
consult_verify (HzCli  *cli,
                int     argc,
                char  **argv)
{
  g_autofree char *secret_file = NULL;
  const GOptionEntry entries[] = {
    { "secret-file", 0, 0, G_OPTION_ARG_FILENAME, &secret_file,
      N_("The server's secret (the file given to huizhen-consultd)"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("TOKEN"));
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(HzConsultToken) claims = NULL;
  g_autoptr(GBytes) secret = NULL;
  g_autoptr(GError) error = NULL;

  g_option_context_set_summary (context, _("Checks a token's signature and expiry against the "
                                           "secret and prints its claims as JSON."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  argv[0] = (char *) "consult verify";
  if (!hz_cli_parse (cli, context, &argc, &argv))
    return HZ_CLI_EXIT_USAGE;
  if (argc < 2)
    {
      hz_cli_usage_error ("consult verify", _("No token given"));
      return HZ_CLI_EXIT_USAGE;
    }
  if (!hz_cli_check_no_arguments ("consult verify", argc - 1, argv + 1))
    return HZ_CLI_EXIT_USAGE;
  if (secret_file == NULL)
    {
      hz_cli_usage_error ("consult verify", _("--secret-file is required"));
      return HZ_CLI_EXIT_USAGE;
    }
  secret = hz_consult_secret_load (secret_file, &error);
  if (secret != NULL)
    claims = hz_consult_token_verify (secret, argv[1], g_get_real_time () / G_USEC_PER_SEC, &error);
  if (claims == NULL)
    {
      hz_cli_print_error ("consult verify", error->message);
      return HZ_CLI_EXIT_INPUT;
    }

  json_builder_begin_object (builder);
  hz_cli_json_add_string (builder, "room", claims->room);
  hz_cli_json_add_string (builder, "user", claims->user);
  hz_cli_json_add_string (builder, "name", claims->name);
  hz_cli_json_add_string (builder, "team", claims->team);
  hz_cli_json_add_string (builder, "role", hz_consult_role_to_string (claims->role));
  json_builder_set_member_name (builder, "exp");
  json_builder_add_int_value (builder, claims->expires);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  hz_cli_print_json (root);
  return HZ_CLI_EXIT_OK;
}
