/* test-referral-cli.c — huizhen-cli referral against two databases
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <huizhen.h>

#include "hz-test-utils.h"

#ifndef HUIZHEN_CLI_PATH
# error "HUIZHEN_CLI_PATH must name the huizhen-cli executable"
#endif

#define COUNTY "吴秀芬|obstetrics|副主任医师|临溪县人民医院"
#define CENTRE "沈慧敏|obstetrics|主任医师|云州市妇幼保健院"

typedef struct
{
  char *dir;
  char *county_db;
  char *centre_db;
} Fixture;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* huizhen-cli --db @db --user @user ARGS... */
static void
run_cli (Fixture            *fixture,
         Run                *run,
         const char         *db,
         const char         *user,
         const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *xdg = g_build_filename (fixture->dir, "xdg", NULL);

  g_ptr_array_add (argv, (gpointer) HUIZHEN_CLI_PATH);
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, (gpointer) db);
  g_ptr_array_add (argv, (gpointer) "--user");
  g_ptr_array_add (argv, (gpointer) user);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "HUIZHEN_DB");
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", xdg, TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
  g_test_message ("%s → %d\nstdout: %s\nstderr: %s", args[0], run->status, run->out, run->err);
}

#define COUNTY_RUN(fixture, run, ...) \
  run_cli ((fixture), (run), (fixture)->county_db, COUNTY, (const char * const []) { __VA_ARGS__, NULL })
#define CENTRE_RUN(fixture, run, ...) \
  run_cli ((fixture), (run), (fixture)->centre_db, CENTRE, (const char * const []) { __VA_ARGS__, NULL })

static char *
write_file (Fixture    *fixture,
            const char *name,
            const char *text)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->dir, name, NULL);

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return path;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autofree char *demo = g_build_filename (g_getenv ("HUIZHEN_DEMO_DIR"), "demo-county-referral.json", NULL);
  g_auto(Run) run = { 0, };

  fixture->dir = hz_test_make_tmp_dir ("hz-test-referral-cli-XXXXXX");
  fixture->county_db = g_build_filename (fixture->dir, "county.db", NULL);
  fixture->centre_db = g_build_filename (fixture->dir, "centre.db", NULL);
  COUNTY_RUN (fixture, &run, "import", demo);
  g_assert_cmpint (run.status, ==, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  hz_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->county_db);
  g_free (fixture->centre_db);
}

/* The member @name of the JSON object @json */
static char *
json_member (const char *json,
             const char *name)
{
  g_autoptr(JsonObject) object = hz_test_parse_object (json);

  return g_strdup (json_object_get_string_member (object, name));
}

static guint
json_length (const char *json)
{
  g_autoptr(JsonNode) node = hz_test_parse_node (json);

  return json_array_get_length (json_node_get_array (node));
}

static void
test_cli_flow (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autofree char *answers = write_file (fixture, "answers.json",
                                         "{\"direction\": \"up\", \"to-hospital\": \"云州市妇幼保健院\", "
                                         "\"urgency\": \"routine\", \"reason\": \"胎儿偏大，需上级医院评估\", "
                                         "\"consent\": true}");
  g_autofree char *opinion = write_file (fixture, "opinion.json",
                                         "{\"findings\": \"腹围>P90\", \"diagnosis\": \"巨大儿可能\", "
                                         "\"recommendations\": \"控制血糖\", \"follow-up\": \"2周复查超声\"}");
  g_autofree char *bundle = g_build_filename (fixture->dir, "referral.json", NULL);
  g_autofree char *answer = g_build_filename (fixture->dir, "answer.json", NULL);
  g_autofree char *pdf = g_build_filename (fixture->dir, "opinion.pdf", NULL);
  g_autofree char *id = NULL;
  g_auto(Run) run = { 0, };

  COUNTY_RUN (fixture, &run, "referral", "create", "--case", "c3-episode", "--form", "referral",
              "--answers", answers);
  g_assert_cmpint (run.status, ==, 0);
  id = json_member (run.out, "id");
  g_assert_nonnull (id);
  g_assert_nonnull (strstr (run.out, "\"status\": \"draft\""));
  g_assert_nonnull (strstr (run.out, "\"title\": \"上转：云州市妇幼保健院\""));
  run_clear (&run);

  /* the flow, and what it refuses */
  COUNTY_RUN (fixture, &run, "referral", "status", id, "completed");
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "cannot become completed"));
  g_assert_nonnull (strstr (run.err, "requested (Requested), cancelled (Cancelled)"));
  run_clear (&run);
  COUNTY_RUN (fixture, &run, "referral", "status", id, "finished");
  g_assert_cmpint (run.status, ==, 2);
  run_clear (&run);
  COUNTY_RUN (fixture, &run, "referral", "status", id, "requested");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"status\": \"requested\""));
  run_clear (&run);

  COUNTY_RUN (fixture, &run, "referral", "list", "--json", "--outbox");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (json_length (run.out), ==, 2);   /* with the demo's own */
  run_clear (&run);
  COUNTY_RUN (fixture, &run, "referral", "list", "--json", "--status", "requested");
  g_assert_cmpuint (json_length (run.out), ==, 1);
  run_clear (&run);

  COUNTY_RUN (fixture, &run, "referral", "export", id, "-o", bundle);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  /* the centre */
  CENTRE_RUN (fixture, &run, "referral", "import", bundle);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"inbound\": true"));
  run_clear (&run);
  CENTRE_RUN (fixture, &run, "referral", "import", bundle);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "was imported already; nothing was added"));
  run_clear (&run);
  CENTRE_RUN (fixture, &run, "referral", "list", "--json", "--inbox");
  g_assert_cmpuint (json_length (run.out), ==, 1);
  run_clear (&run);

  CENTRE_RUN (fixture, &run, "referral", "status", id, "rejected");
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "a reason is required"));
  run_clear (&run);
  CENTRE_RUN (fixture, &run, "referral", "status", id, "accepted");
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  CENTRE_RUN (fixture, &run, "referral", "opinion", id, "--answers", opinion);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  CENTRE_RUN (fixture, &run, "referral", "sign", id);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"signer\": \"沈慧敏 (云州市妇幼保健院)\""));
  run_clear (&run);
  CENTRE_RUN (fixture, &run, "referral", "opinion", id, "--answers", opinion);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "is signed and cannot be changed"));
  run_clear (&run);
  CENTRE_RUN (fixture, &run, "referral", "pdf", id, "--opinion", "-o", pdf);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  run_clear (&run);
  CENTRE_RUN (fixture, &run, "referral", "export", id, "-o", answer);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  /* back at the county */
  COUNTY_RUN (fixture, &run, "referral", "import", answer);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"status\": \"accepted\""));
  g_assert_null (strstr (run.out, "\"opinion\": null"));
}

static void
test_cli_bad_input (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autofree char *wrong = write_file (fixture, "wrong.json",
                                       "{\"direction\": \"up\", \"systolic\": \"high\", \"consent\": \"yes\"}");
  g_autofree char *not_json = write_file (fixture, "cut.json", "{\"direction\": ");
  g_autofree char *empty_bundle = write_file (fixture, "empty.json",
                                              "{\"resourceType\": \"Bundle\", \"type\": \"transaction\"}");
  g_autofree char *before = NULL;
  g_auto(Run) run = { 0, };

  COUNTY_RUN (fixture, &run, "referral", "list", "--json");
  before = g_strdup (run.out);
  run_clear (&run);

  COUNTY_RUN (fixture, &run, "referral", "create", "--case", "c3-episode", "--form", "referral",
              "--answers", wrong);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "“Systolic blood pressure (mmHg)” must be a whole number, not “high”"));
  g_assert_nonnull (strstr (run.err, "“The patient has consented” must be true or false, not “yes”"));
  g_assert_nonnull (strstr (run.err, "“Reason for referral” is required"));
  run_clear (&run);

  COUNTY_RUN (fixture, &run, "referral", "create", "--case", "c3-episode", "--form", "transfer",
              "--answers", wrong);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "There is no form “transfer”; the forms are: consultation-opinion, "
                            "consultation-request, referral"));
  run_clear (&run);

  COUNTY_RUN (fixture, &run, "referral", "create", "--case", "c3-episode", "--form", "referral",
              "--answers", not_json);
  g_assert_cmpint (run.status, ==, 1);
  run_clear (&run);

  COUNTY_RUN (fixture, &run, "referral", "create", "--case", "no-case", "--form", "referral",
              "--answers", wrong);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "no-case"));
  run_clear (&run);

  COUNTY_RUN (fixture, &run, "referral", "import", empty_bundle);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "holds 0 referral tasks"));
  run_clear (&run);

  COUNTY_RUN (fixture, &run, "referral", "status", "no-such-referral", "accepted");
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "There is no referral “no-such-referral”"));
  run_clear (&run);

  COUNTY_RUN (fixture, &run, "referral", "frobnicate");
  g_assert_cmpint (run.status, ==, 2);
  run_clear (&run);

  /* nothing was written */
  COUNTY_RUN (fixture, &run, "referral", "list", "--json");
  g_assert_cmpstr (run.out, ==, before);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/referral-cli/flow", Fixture, NULL, fixture_set_up, test_cli_flow, fixture_tear_down);
  g_test_add ("/referral-cli/bad-input", Fixture, NULL, fixture_set_up, test_cli_bad_input, fixture_tear_down);

  return g_test_run ();
}
