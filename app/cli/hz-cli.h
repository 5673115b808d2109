/* hz-cli.h — what the huizhen-cli commands share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <huizhen.h>

G_BEGIN_DECLS

/* Exit codes */
#define HZ_CLI_EXIT_OK     0
#define HZ_CLI_EXIT_INPUT  1   /* bad input, a file or the database failed */
#define HZ_CLI_EXIT_USAGE  2   /* unknown command, missing or wrong argument */

typedef struct
{
  /* global options, also accepted after the command */
  char    *db_path;
  char    *user_spec;

  HzStore *store;
} HzCli;

/* what "audit head" prints for an empty log */
#define HZ_STORE_AUDIT_HEAD_EMPTY "0000000000000000000000000000000000000000000000000000000000000000"

typedef int (*HzCliCommandFunc) (HzCli  *cli,
                                 int     argc,
                                 char  **argv);

/* A command of the table, or a subcommand ("calc ga"): its name, what
 * runs it, and a one-line summary (a msgid) */
typedef struct
{
  const char       *name;
  HzCliCommandFunc  func;
  const char       *summary;
} HzCliCommand;

/* "Subcommands:" and a line for each of @table (for --help).
 * (transfer full) */
char         *hz_cli_dup_subcommands_description (const HzCliCommand *table,
                                                  guint               n_commands);

/* Runs the subcommand of @table that argv[1] names; else a usage error
 * listing them (exit 2). */
int           hz_cli_run_subcommand   (HzCli              *cli,
                                       const char         *command,
                                       const HzCliCommand *table,
                                       guint               n_commands,
                                       int                 argc,
                                       char              **argv);

/* @text as a day, YYYY-MM-DD only; else prints that @option's value is no
 * date and returns FALSE. */
gboolean      hz_cli_parse_date       (const char    *command,
                                       const char    *option,
                                       const char    *text,
                                       GDate         *date);

/* The --db and --user entries, to add to every command's context */
GOptionGroup *hz_cli_global_group     (HzCli         *cli);
/* Parses a command's options (and the global ones); on error prints it
 * with a usage hint and returns FALSE. */
gboolean      hz_cli_parse            (HzCli         *cli,
                                       GOptionContext *context,
                                       int           *argc,
                                       char        ***argv);
/* Opens the store and sets the acting user; prints the error and returns
 * NULL on failure (*exit_code set). (transfer none) */
HzStore      *hz_cli_open_store       (HzCli         *cli,
                                       int           *exit_code);

void          hz_cli_print_error      (const char    *subject,
                                       const char    *message);
void          hz_cli_usage_error      (const char    *command,
                                       const char    *message);
/* TRUE when @argv holds nothing after the command's name; otherwise says
 * which argument was not expected and returns FALSE. */
gboolean      hz_cli_check_no_arguments (const char  *command,
                                         int          argc,
                                         char       **argv);

/* @node as JSON text indented by two spaces, without a final newline,
 * through hz_json_node_to_data(). (transfer full) */
char         *hz_cli_json_to_data     (JsonNode      *node,
                                       gsize         *length);
/* Writes @node as pretty JSON and a newline to stdout */
void          hz_cli_print_json       (JsonNode      *node);
/* Adds member @member: the string @value, or null when @value is NULL */
void          hz_cli_json_add_string  (JsonBuilder   *builder,
                                       const char    *member,
                                       const char    *value);
/* Adds the number @text ("24.0", "6.76") as a double, which
 * hz_cli_json_to_data() writes back as that text (libhuizhen's writer:
 * the fewest digits that read back the same, always with a decimal
 * point). @member NULL adds an element of the array being built. */
void          hz_cli_json_add_number_text (JsonBuilder *builder,
                                           const char  *member,
                                           const char  *text);
/* Prints rows (GStrv) under @headers in aligned columns, CJK aware */
void          hz_cli_print_table      (const char * const *headers,
                                       GPtrArray     *rows);

/* The members of one item's JSON object (the object is begun and ended
 * around the call) */
typedef void  (*HzCliJsonFunc)        (JsonBuilder   *builder,
                                       gpointer       item,
                                       gpointer       user_data);
/* One item's table row, a GStrv of as many cells as there are headers.
 * (transfer full) */
typedef char **(*HzCliRowFunc)        (gpointer       item,
                                       gpointer       user_data);
/* The output of a listing command: with --json (@json) a JSON array of one
 * object per item, else a table under @headers, or @empty_message when
 * there is no item. */
void          hz_cli_print_list       (GPtrArray          *items,
                                       gboolean            json,
                                       HzCliJsonFunc       to_json,
                                       const char * const *headers,
                                       HzCliRowFunc        to_row,
                                       const char         *empty_message,
                                       gpointer            user_data);

int           hz_cli_import           (HzCli *cli, int argc, char **argv);
int           hz_cli_export           (HzCli *cli, int argc, char **argv);
int           hz_cli_cases            (HzCli *cli, int argc, char **argv);
int           hz_cli_audit            (HzCli *cli, int argc, char **argv);
int           hz_cli_history          (HzCli *cli, int argc, char **argv);
int           hz_cli_demo             (HzCli *cli, int argc, char **argv);
int           hz_cli_plugins          (HzCli *cli, int argc, char **argv);
int           hz_cli_calc             (HzCli *cli, int argc, char **argv);
int           hz_cli_registry         (HzCli *cli, int argc, char **argv);
int           hz_cli_risk             (HzCli *cli, int argc, char **argv);
int           hz_cli_score            (HzCli *cli, int argc, char **argv);
int           hz_cli_referral         (HzCli *cli, int argc, char **argv);
int           hz_cli_dicom            (HzCli *cli, int argc, char **argv);
int           hz_cli_imaging          (HzCli *cli, int argc, char **argv);
int           hz_cli_pacs             (HzCli *cli, int argc, char **argv);
int           hz_cli_consult          (HzCli *cli, int argc, char **argv);
int           hz_cli_meeting          (HzCli *cli, int argc, char **argv);

/* Prints an imaging import's issues (stderr) and summary line (stdout);
 * HZ_CLI_EXIT_INPUT when a file was refused */
int           hz_cli_imaging_report   (HzImagingImportResult *result);

G_END_DECLS
