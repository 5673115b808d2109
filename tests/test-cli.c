/* test-cli.c — runs the built huizhen-cli against temporary databases
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <huizhen.h>

#include "hz-test-utils.h"

#ifndef HUIZHEN_CLI_PATH
# error "HUIZHEN_CLI_PATH must name the huizhen-cli executable"
#endif

#define CASE_ID "cli-case-1"

typedef struct
{
  char *dir;
  char *db;
  char *good;
} Fixture;

/* Runs @argv[0] with the rest of @argv. @env: NULL or "NAME=value" pairs
 * to set. HUIZHEN_DB is unset and XDG_DATA_HOME points into the fixture's
 * directory unless @env says otherwise, so no test touches a real
 * database. */
static void
run_argv (Fixture            *fixture,
          HzTestRun          *run,
          const char * const *env,
          const char * const *argv)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *xdg = g_build_filename (fixture->dir, "xdg", NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "HUIZHEN_DB");
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", xdg, TRUE);
  g_subprocess_launcher_setenv (launcher, "HOME", g_get_tmp_dir (), TRUE);

  for (guint i = 0; env != NULL && env[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (env[i], "=", 2);

      g_subprocess_launcher_setenv (launcher, pair[0], pair[1], TRUE);
    }

  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);

  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);

  g_test_message ("%s %s → %d\nstdout: %s\nstderr: %s",
                  argv[0], argv[1] ? argv[1] : "", run->status, run->out, run->err);
}

/* @program with @args */
static void
run_program (Fixture            *fixture,
             HzTestRun          *run,
             const char         *program,
             const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (gpointer) program);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  run_argv (fixture, run, NULL, (const char * const *) argv->pdata);
}

/* huizhen-cli with @args */
static void
run_cli (Fixture            *fixture,
         HzTestRun          *run,
         const char * const *env,
         const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (gpointer) HUIZHEN_CLI_PATH);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  run_argv (fixture, run, env, (const char * const *) argv->pdata);
}

#define RUN(fixture, run, ...) \
  run_cli ((fixture), (run), NULL, (const char * const []) { __VA_ARGS__, NULL })

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->dir = hz_test_make_tmp_dir ("hz-test-cli-XXXXXX");
  fixture->db = g_build_filename (fixture->dir, "huizhen.db", NULL);
  fixture->good = g_test_build_filename (G_TEST_DIST, "fixtures", "cli-good.json", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  hz_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->db, g_free);
  g_clear_pointer (&fixture->good, g_free);
}

static JsonObject *
find_object (JsonArray  *array,
             const char *member,
             const char *value)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (object, member, NULL), value) == 0)
        return object;
    }

  return NULL;
}

static gint64
count_resources (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HzStore) store = hz_store_new (fixture->db, &error);

  g_assert_no_error (error);

  return hz_store_count_resources (store, NULL);
}

static char *
write_file (Fixture    *fixture,
            const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->dir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);

  return path;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* "Type/id" of every entry of a Bundle, sorted */
static GStrv
bundle_references (JsonNode *bundle)
{
  JsonArray *entries = json_object_get_array_member (json_node_get_object (bundle), "entry");
  g_autoptr(GPtrArray) refs = g_ptr_array_new ();

  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *resource = json_object_get_object_member (json_array_get_object_element (entries, i),
                                                            "resource");

      g_ptr_array_add (refs, g_strdup_printf ("%s/%s",
                                              json_object_get_string_member (resource, "resourceType"),
                                              json_object_get_string_member (resource, "id")));
    }

  g_ptr_array_sort (refs, compare_strings);
  g_ptr_array_add (refs, NULL);

  return (GStrv) g_ptr_array_free (g_steal_pointer (&refs), FALSE);
}

static void
test_import_and_cases (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_auto(HzTestRun) run = { 0, };
  g_autoptr(JsonNode) cases = NULL;
  JsonObject *kase;

  RUN (fixture, &run, "--db", fixture->db, "import", fixture->good);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, CASE_ID));
  g_assert_cmpstr (run.err, ==, "");
  hz_test_run_clear (&run);

  /* Global options may also follow the command */
  RUN (fixture, &run, "cases", "--json", "--db", fixture->db);
  g_assert_cmpint (run.status, ==, 0);
  cases = hz_test_parse_node (run.out);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (cases));
  kase = find_object (json_node_get_array (cases), "id", CASE_ID);
  g_assert_nonnull (kase);
  g_assert_cmpstr (json_object_get_string_member (kase, "patient_name"), ==, "李梅");
  g_assert_cmpstr (json_object_get_string_member (kase, "id_card"), ==, "110105199108174328");
  g_assert_cmpstr (json_object_get_string_member (kase, "mrn"), ==, "MRN-2024-0042");
  g_assert_cmpstr (json_object_get_string_member (kase, "risk"), ==, "yellow");
  g_assert_cmpstr (json_object_get_string_member (kase, "lmp"), ==, "2024-02-10");
  g_assert_cmpstr (json_object_get_string_member (kase, "edd"), ==, "2024-11-16");
  g_assert_cmpstr (json_object_get_string_member (kase, "status"), ==, "active");
  g_assert_true (json_object_get_boolean_member (kase, "infectious"));
  hz_test_run_clear (&run);

  /* The table names the case and the patient */
  RUN (fixture, &run, "--db", fixture->db, "cases");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, CASE_ID));
  g_assert_nonnull (strstr (run.out, "李梅"));
  hz_test_run_clear (&run);

  /* $HUIZHEN_DB chooses the database when --db is not given */
  {
    g_autofree char *env_db = g_strconcat ("HUIZHEN_DB=", fixture->db, NULL);

    run_cli (fixture, &run, (const char * const []) { env_db, NULL },
             (const char * const []) { "cases", "--json", NULL });
    g_assert_cmpint (run.status, ==, 0);
    g_clear_pointer (&cases, json_node_unref);
    cases = hz_test_parse_node (run.out);
    g_assert_nonnull (find_object (json_node_get_array (cases), "id", CASE_ID));
  }
}

static void
test_import_bad (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_auto(HzTestRun) run = { 0, };
  g_autofree char *truncated = NULL;
  g_autofree char *dangling = NULL;
  g_autofree char *missing = g_build_filename (fixture->dir, "no-such-file.json", NULL);
  g_autofree char *second = NULL;
  gint64 before;

  RUN (fixture, &run, "--db", fixture->db, "import", fixture->good);
  g_assert_cmpint (run.status, ==, 0);
  hz_test_run_clear (&run);
  before = count_resources (fixture);
  g_assert_cmpint (before, >=, 14);

  /* Not JSON at all */
  truncated = write_file (fixture, "truncated.json",
                          "{\"resourceType\": \"Bundle\", \"type\": \"collection\", \"entry\": [");
  RUN (fixture, &run, "--db", fixture->db, "import", truncated);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (g_str_has_prefix (run.err, "huizhen-cli: "));
  g_assert_nonnull (strstr (run.err, truncated));
  g_assert_cmpint (count_resources (fixture), ==, before);
  hz_test_run_clear (&run);

  /* A well-formed bundle whose last resource is wrong: nothing of it is
   * stored, and the file after it is not imported either */
  dangling = write_file (fixture, "dangling.json",
    "{\"resourceType\": \"Bundle\", \"type\": \"collection\", \"entry\": ["
    " {\"resource\": {\"resourceType\": \"Patient\", \"id\": \"bad-patient\", \"name\": [{\"text\": \"王芳\"}]}},"
    " {\"resource\": {\"resourceType\": \"EpisodeOfCare\", \"id\": \"bad-case\", \"status\": \"active\","
    "   \"patient\": {\"reference\": \"Patient/bad-patient\"}}},"
    " {\"resource\": {\"resourceType\": \"Condition\", \"id\": \"bad-cond\", \"code\": {\"text\": \"x\"},"
    "   \"subject\": {\"reference\": \"Patient/no-such-patient\"}}}"
    "]}");
  second = write_file (fixture, "second.json",
    "{\"resourceType\": \"Bundle\", \"type\": \"collection\", \"entry\": ["
    " {\"resource\": {\"resourceType\": \"Patient\", \"id\": \"second-patient\", \"name\": [{\"text\": \"赵敏\"}]}},"
    " {\"resource\": {\"resourceType\": \"EpisodeOfCare\", \"id\": \"second-case\", \"status\": \"active\","
    "   \"patient\": {\"reference\": \"Patient/second-patient\"}}}"
    "]}");
  RUN (fixture, &run, "--db", fixture->db, "import", fixture->good, dangling, second);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, dangling));
  g_assert_nonnull (strstr (run.err, fixture->good));  /* imported before the error */
  g_assert_nonnull (strstr (run.out, fixture->good));
  g_assert_null (strstr (run.out, second));
  g_assert_cmpint (count_resources (fixture), ==, before);
  hz_test_run_clear (&run);

  /* A file that does not exist */
  RUN (fixture, &run, "--db", fixture->db, "import", missing);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, missing));
  hz_test_run_clear (&run);

  /* The good second file still imports on its own */
  RUN (fixture, &run, "--db", fixture->db, "import", second);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpint (count_resources (fixture), ==, before + 2);
}

static void
test_usage (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_auto(HzTestRun) run = { 0, };

  RUN (fixture, &run, "--db", fixture->db, "frobnicate");
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "frobnicate"));
  g_assert_nonnull (strstr (run.err, "Usage:"));
  hz_test_run_clear (&run);

  run_cli (fixture, &run, NULL, (const char * const []) { "--db", fixture->db, NULL });
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "Usage:"));
  hz_test_run_clear (&run);

  RUN (fixture, &run, "--db", fixture->db, "import");
  g_assert_cmpint (run.status, ==, 2);
  hz_test_run_clear (&run);

  RUN (fixture, &run, "--db", fixture->db, "export");
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--case"));
  hz_test_run_clear (&run);

  RUN (fixture, &run, "--db", fixture->db, "cases", "--no-such-option");
  g_assert_cmpint (run.status, ==, 2);
  hz_test_run_clear (&run);

  RUN (fixture, &run, "--user", "someone|no-such-team", "--db", fixture->db, "cases");
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "no-such-team"));
  hz_test_run_clear (&run);

  RUN (fixture, &run, "help");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "import"));
  g_assert_nonnull (strstr (run.out, "plugins"));
  hz_test_run_clear (&run);

  RUN (fixture, &run, "export", "--help");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "--case"));
}

static void
test_export (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_auto(HzTestRun) run = { 0, };
  g_autofree char *out_file = g_build_filename (fixture->dir, "export.json", NULL);
  g_autofree char *fresh_db = g_build_filename (fixture->dir, "fresh.db", NULL);
  g_autofree char *bad_target = g_build_filename (fixture->dir, "missing-dir", "x.json", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(JsonNode) from_stdout = NULL;
  g_autoptr(JsonNode) from_file = NULL;
  g_autoptr(JsonNode) round_trip = NULL;
  g_autoptr(JsonNode) cases = NULL;
  g_auto(GStrv) refs = NULL;
  g_auto(GStrv) file_refs = NULL;
  g_auto(GStrv) trip_refs = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  RUN (fixture, &run, "--db", fixture->db, "import", fixture->good);
  g_assert_cmpint (run.status, ==, 0);
  hz_test_run_clear (&run);

  RUN (fixture, &run, "--db", fixture->db, "export", "--case", CASE_ID);
  g_assert_cmpint (run.status, ==, 0);
  from_stdout = hz_test_parse_node (run.out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (from_stdout), "resourceType"),
                   ==, "Bundle");
  refs = bundle_references (from_stdout);
  g_assert_true (g_strv_contains ((const char * const *) refs, "Patient/cli-patient-1"));
  g_assert_true (g_strv_contains ((const char * const *) refs, "EpisodeOfCare/" CASE_ID));
  g_assert_true (g_strv_contains ((const char * const *) refs, "RiskAssessment/cli-risk-1"));
  g_assert_true (g_strv_contains ((const char * const *) refs, "Appointment/cli-mdt-1"));
  hz_test_run_clear (&run);

  /* -o writes the same bundle to a file, readable by its owner only */
  g_file_set_contents (out_file, "old", -1, &error);
  g_assert_no_error (error);
  RUN (fixture, &run, "--db", fixture->db, "export", "--case", CASE_ID, "-o", out_file);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "");
  g_file_get_contents (out_file, &contents, NULL, &error);
  g_assert_no_error (error);
  from_file = hz_test_parse_node (contents);
  file_refs = bundle_references (from_file);
  g_assert_cmpstrv (file_refs, refs);
  g_assert_cmpint (g_stat (out_file, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  hz_test_run_clear (&run);

  /* Round trip: the exported bundle imports into a new database and
   * exports again to the same resources */
  RUN (fixture, &run, "--db", fresh_db, "import", out_file);
  g_assert_cmpint (run.status, ==, 0);
  hz_test_run_clear (&run);
  RUN (fixture, &run, "--db", fresh_db, "cases", "--json");
  g_assert_cmpint (run.status, ==, 0);
  cases = hz_test_parse_node (run.out);
  g_assert_cmpstr (json_object_get_string_member (find_object (json_node_get_array (cases), "id", CASE_ID),
                                                  "patient_name"), ==, "李梅");
  hz_test_run_clear (&run);
  RUN (fixture, &run, "--db", fresh_db, "export", "--case", CASE_ID);
  g_assert_cmpint (run.status, ==, 0);
  round_trip = hz_test_parse_node (run.out);
  trip_refs = bundle_references (round_trip);
  g_assert_cmpstrv (trip_refs, refs);
  hz_test_run_clear (&run);

  /* An unknown case and an unwritable target are bad input */
  RUN (fixture, &run, "--db", fixture->db, "export", "--case", "no-such-case");
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "no-such-case"));
  hz_test_run_clear (&run);

  RUN (fixture, &run, "--db", fixture->db, "export", "--case", CASE_ID, "-o", bad_target);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, bad_target));
  g_assert_false (g_file_test (bad_target, G_FILE_TEST_EXISTS));
}

static void
test_audit (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_auto(HzTestRun) run = { 0, };
  g_autoptr(JsonNode) rows = NULL;
  JsonArray *array;
  guint by_env_user = 0, by_option_user = 0;
  g_autofree char *second = write_file (fixture, "second.json",
    "{\"resourceType\": \"Bundle\", \"type\": \"collection\", \"entry\": ["
    " {\"resource\": {\"resourceType\": \"Condition\", \"id\": \"audit-cond\", \"code\": {\"text\": \"贫血\"},"
    "   \"subject\": {\"reference\": \"Patient/cli-patient-1\"}}}"
    "]}");

  /* HUIZHEN_USER (测试医生, from the test environment) imports ... */
  RUN (fixture, &run, "--db", fixture->db, "import", fixture->good);
  g_assert_cmpint (run.status, ==, 0);
  hz_test_run_clear (&run);

  /* ... and --user overrides it */
  RUN (fixture, &run, "--db", fixture->db, "--user", "审计员|psychology|心理治疗师|审计医院",
       "import", second);
  g_assert_cmpint (run.status, ==, 0);
  hz_test_run_clear (&run);

  RUN (fixture, &run, "--db", fixture->db, "audit", "--case", CASE_ID, "--json");
  g_assert_cmpint (run.status, ==, 0);
  rows = hz_test_parse_node (run.out);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (rows));
  array = json_node_get_array (rows);
  g_assert_cmpuint (json_array_get_length (array), >=, 14);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *row = json_array_get_object_element (array, i);
      const char *user = json_object_get_string_member_with_default (row, "user", NULL);

      g_assert_nonnull (json_object_get_string_member_with_default (row, "recorded", NULL));
      g_assert_nonnull (json_object_get_string_member_with_default (row, "action", NULL));
      if (g_strcmp0 (user, "测试医生") == 0)
        {
          by_env_user++;
          g_assert_cmpstr (json_object_get_string_member_with_default (row, "hospital", NULL), ==, "测试医院");
        }
      else if (g_strcmp0 (user, "审计员") == 0)
        by_option_user++;
    }
  g_assert_cmpuint (by_env_user, >=, 14);
  g_assert_cmpuint (by_option_user, >=, 1);
  hz_test_run_clear (&run);

  /* --limit keeps the newest */
  RUN (fixture, &run, "--db", fixture->db, "audit", "--limit", "3", "--json");
  g_assert_cmpint (run.status, ==, 0);
  g_clear_pointer (&rows, json_node_unref);
  rows = hz_test_parse_node (run.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (rows)), ==, 3);
  hz_test_run_clear (&run);

  RUN (fixture, &run, "--db", fixture->db, "audit");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "测试医生"));
  g_assert_nonnull (strstr (run.out, "审计员"));
  g_assert_nonnull (strstr (run.out, "Patient/cli-patient-1"));
}

static void
test_plugins (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_auto(HzTestRun) run = { 0, };
  g_autoptr(JsonNode) plugins = NULL;
  JsonObject *summary;
  JsonObject *test_plugin;
  JsonObject *broken;

  RUN (fixture, &run, "plugins", "--json");
  g_assert_cmpint (run.status, ==, 0);
  /* libpeas's own warnings are turned into the "error" member */
  g_assert_cmpstr (run.err, ==, "");
  plugins = hz_test_parse_node (run.out);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (plugins));

  summary = find_object (json_node_get_array (plugins), "id", "summary");
  g_assert_nonnull (summary);
  g_assert_cmpstr (json_object_get_string_member (summary, "name"), ==, "Case summary");
  g_assert_true (json_object_get_boolean_member (summary, "builtin"));
  /* a desktop plugin: listed, not loaded into the CLI */
  g_assert_false (json_object_get_boolean_member (summary, "loaded"));
  g_assert_true (json_object_get_boolean_member (summary, "needs-display"));
  g_assert_false (json_object_has_member (summary, "error"));

  test_plugin = find_object (json_node_get_array (plugins), "id", "test-plugin");
  g_assert_nonnull (test_plugin);
  g_assert_false (json_object_get_boolean_member (test_plugin, "builtin"));
  g_assert_true (json_object_get_boolean_member (test_plugin, "loaded"));

  broken = find_object (json_node_get_array (plugins), "id", "hz-broken");
  g_assert_nonnull (broken);
  g_assert_false (json_object_get_boolean_member (broken, "loaded"));
  g_assert_nonnull (strstr (json_object_get_string_member (broken, "error"), "Broken test plugin"));
  hz_test_run_clear (&run);

  RUN (fixture, &run, "plugins");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "summary"));
  g_assert_nonnull (strstr (run.out, "hz-broken"));
  hz_test_run_clear (&run);

  /* no GTK in the process: the dynamic loader says "calling init" for
   * every library it maps (a probe with RTLD_NOLOAD maps nothing) */
  run_cli (fixture, &run, (const char * const []) { "LD_DEBUG=files", NULL },
           (const char * const []) { "plugins", NULL });
  g_assert_cmpint (run.status, ==, 0);
  {
    g_auto(GStrv) lines = g_strsplit (run.err, "\n", -1);
    gboolean saw_core = FALSE, saw_plugin = FALSE;

    for (guint i = 0; lines[i] != NULL; i++)
      {
        if (strstr (lines[i], "calling init:") == NULL)
          continue;
        saw_core |= strstr (lines[i], "libhuizhen-1.so") != NULL;
        saw_plugin |= strstr (lines[i], "libtest-plugin.so") != NULL;
        g_assert_null (strstr (lines[i], "libgtk-4"));
        g_assert_null (strstr (lines[i], "libadwaita"));
      }
    g_assert_true (saw_core);     /* LD_DEBUG did report */
    g_assert_true (saw_plugin);   /* the core-only plugin was loaded */
  }
  g_assert_nonnull (strstr (run.out, "timeline"));
}

/* exact decimals through the CLI export, history --json, audit verify/head */
static void
test_trust (Fixture       *fixture,
            gconstpointer  user_data)
{
  static const char *values[] = { "36.60", "4.6", "0.1", "120.0", "12345678901234567.5" };
  g_auto(HzTestRun) run = { 0, };
  g_autoptr(GString) bundle = g_string_new (NULL);
  g_autoptr(JsonNode) history = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *update = NULL;
  g_autofree char *head = NULL;
  JsonArray *versions;
  sqlite3 *db = NULL;

  g_string_append (bundle,
                   "{\"resourceType\": \"Bundle\", \"type\": \"collection\", \"entry\": ["
                   "{\"resource\": {\"resourceType\": \"Patient\", \"id\": \"tp\"}},"
                   "{\"resource\": {\"resourceType\": \"EpisodeOfCare\", \"id\": \"te\","
                   " \"status\": \"active\", \"patient\": {\"reference\": \"Patient/tp\"}}}");
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    g_string_append_printf (bundle,
                            ",{\"resource\": {\"resourceType\": \"Observation\", \"id\": \"v%u\","
                            " \"status\": \"final\", \"subject\": {\"reference\": \"Patient/tp\"},"
                            " \"valueQuantity\": {\"value\": %s}}}", i, values[i]);
  g_string_append (bundle, "]}");
  path = write_file (fixture, "decimals.json", bundle->str);

  RUN (fixture, &run, "--db", fixture->db, "import", path);
  g_assert_cmpint (run.status, ==, 0);
  hz_test_run_clear (&run);

  RUN (fixture, &run, "--db", fixture->db, "export", "--case", "te");
  g_assert_cmpint (run.status, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *expected = g_strdup_printf ("\"value\": %s\n", values[i]);

      g_assert_nonnull (strstr (run.out, expected));
    }
  hz_test_run_clear (&run);

  /* a second version by a collection import, then the history */
  update = write_file (fixture, "update.json",
                       "{\"resourceType\": \"Observation\", \"id\": \"v0\", \"status\": \"amended\","
                       " \"subject\": {\"reference\": \"Patient/tp\"}, \"valueQuantity\": {\"value\": 36.70}}");
  RUN (fixture, &run, "--db", fixture->db, "import", update);
  g_assert_cmpint (run.status, ==, 0);
  hz_test_run_clear (&run);

  RUN (fixture, &run, "--db", fixture->db, "history", "Observation/v0", "--json");
  g_assert_cmpint (run.status, ==, 0);
  history = json_from_string (run.out, &error);
  g_assert_no_error (error);
  versions = json_node_get_array (history);
  g_assert_cmpuint (json_array_get_length (versions), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *version = json_array_get_object_element (versions, i);
      g_autofree char *number = g_strdup_printf ("%u", i + 1);

      g_assert_cmpstr (json_object_get_string_member (version, "versionId"), ==, number);
      g_assert_nonnull (json_object_get_string_member (version, "lastUpdated"));
      g_assert_cmpstr (json_object_get_string_member (version, "author"), ==, "测试医生");
    }
  hz_test_run_clear (&run);

  RUN (fixture, &run, "--db", fixture->db, "history", "Observation/nowhere");
  g_assert_cmpint (run.status, ==, 1);
  hz_test_run_clear (&run);
  RUN (fixture, &run, "--db", fixture->db, "history", "not-a-reference");
  g_assert_cmpint (run.status, ==, 2);
  hz_test_run_clear (&run);

  /* audit head, then verify: intact */
  RUN (fixture, &run, "--db", fixture->db, "audit", "head");
  g_assert_cmpint (run.status, ==, 0);
  head = g_strstrip (g_strdup (run.out));
  g_assert_true (g_regex_match_simple ("^[0-9]+:[0-9a-f]{64}$", head, 0, 0));
  hz_test_run_clear (&run);
  RUN (fixture, &run, "--db", fixture->db, "audit", "verify", "--head", head);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, strchr (head, ':') + 1));
  hz_test_run_clear (&run);

  /* one row edited behind the triggers' back: exit 1 naming the row */
  g_assert_cmpint (sqlite3_open (fixture->db, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER audit_no_update;"
                                 "UPDATE audit SET recorded = '2020-01-01T00:00:00Z' WHERE seq = 2;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  RUN (fixture, &run, "--db", fixture->db, "audit", "verify");
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "audit_no_update"));
  hz_test_run_clear (&run);
}

/* A database file the user may only read: the audit trail can still be
 * verified and exported, patient data is not shown (its reading cannot
 * be recorded), writes are refused naming the file; nothing crashes. As
 * root (CI), whom file modes do not stop, the CLI runs as "nobody". */
static void
test_read_only (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_auto(HzTestRun) run = { 0, };
  g_autofree char *ro_dir = g_build_filename (fixture->dir, "ro", NULL);
  g_autofree char *ro_db = g_build_filename (ro_dir, "copy.db", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *as_nobody[] = { "runuser", "-u", "nobody", "--", NULL };
  gboolean root = geteuid () == 0;

#define RUN_RO(...) G_STMT_START { \
    const char *args_[] = { __VA_ARGS__, NULL }; \
    g_autoptr(GPtrArray) argv_ = g_ptr_array_new (); \
    if (root) \
      for (guint k_ = 1; as_nobody[k_] != NULL; k_++) \
        g_ptr_array_add (argv_, (gpointer) as_nobody[k_]); \
    if (root) \
      g_ptr_array_add (argv_, (gpointer) HUIZHEN_CLI_PATH); \
    for (guint k_ = 0; args_[k_] != NULL; k_++) \
      g_ptr_array_add (argv_, (gpointer) args_[k_]); \
    g_ptr_array_add (argv_, NULL); \
    hz_test_run_clear (&run); \
    if (root) \
      run_program (fixture, &run, as_nobody[0], (const char * const *) argv_->pdata); \
    else \
      run_cli (fixture, &run, NULL, (const char * const *) argv_->pdata); \
  } G_STMT_END

  if (root && g_find_program_in_path ("runuser") == NULL)
    {
      g_test_fail_printf ("runuser (util-linux) is needed to test a read-only database as root");
      return;
    }

  RUN (fixture, &run, "--db", fixture->db, "import", fixture->good);
  g_assert_cmpint (run.status, ==, 0);

  /* a copy, as an auditor would take it: the file and its folder read-only */
  g_assert_cmpint (g_mkdir (ro_dir, 0755), ==, 0);
  g_file_get_contents (fixture->db, &contents, &length, &error);
  g_assert_no_error (error);
  {
    g_autoptr(HzStore) store = hz_store_new (fixture->db, &error);

    /* closing the last connection folds the WAL into the file */
    g_assert_no_error (error);
  }
  g_clear_pointer (&contents, g_free);
  g_file_get_contents (fixture->db, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (ro_db, contents, length, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (ro_db, 0444), ==, 0);
  g_assert_cmpint (g_chmod (ro_dir, 0555), ==, 0);
  if (root)
    g_assert_cmpint (g_chmod (fixture->dir, 0755), ==, 0);

  RUN_RO ("--db", ro_db, "audit", "verify");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "intact"));

  RUN_RO ("--db", ro_db, "audit", "--json");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"recorded\""));

  RUN_RO ("--db", ro_db, "cases");
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "may only be read"));
  g_assert_null (strstr (run.out, "cli-case-1"));

  RUN_RO ("--db", ro_db, "import", fixture->good);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, ro_db));
  g_assert_nonnull (strstr (run.err, "may only be read"));

  g_chmod (ro_dir, 0755);
#undef RUN_RO
}

/* The exact text of a calculator's JSON: members, their order, the digits */
static void
assert_json_out (Fixture            *fixture,
                 const char * const *args,
                 const char         *expected)
{
  g_auto(HzTestRun) run = { 0, };

  run_cli (fixture, &run, NULL, args);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, expected);
  g_assert_cmpstr (run.err, ==, "");
}

#define CALC(expected, ...) \
  assert_json_out (fixture, (const char * const []) { __VA_ARGS__, NULL }, (expected))

#define DATING_LMP  "Dated by last menstrual period"
#define DATING_CRL  "Dated by crown-rump length (CRL)"
#define DATING_ART  "Dated by embryo transfer"
#define WEIGHT_GAIN "Standard of recommendation for weight gain during pregnancy (WS/T 801-2022)"
#define DEPRESSION  "Expert consensus on screening, diagnosis and treatment of perinatal depression (2021)"

#define GA_JSON(w, d, edd, trimester, dating, source) \
  "{\n  \"weeks\": " #w ",\n  \"days\": " #d ",\n  \"edd\": \"" edd "\",\n" \
  "  \"trimester\": \"" trimester "\",\n  \"dating\": \"" dating "\",\n" \
  "  \"source\": \"" source "\"\n}\n"

#define BMI_JSON(bmi, class) \
  "{\n  \"bmi\": " bmi ",\n  \"class\": \"" class "\",\n  \"source\": \"" WEIGHT_GAIN "\"\n}\n"

#define GWG_JSON(bmi, class, total_low, total_high, low, high, gain, status) \
  "{\n  \"bmi\": " bmi ",\n  \"bmi_class\": \"" class "\",\n" \
  "  \"total_range\": [\n    " total_low ",\n    " total_high "\n  ],\n" \
  "  \"expected_range\": [\n    " low ",\n    " high "\n  ],\n" \
  "  \"gain\": " gain ",\n  \"status\": \"" status "\",\n  \"source\": \"" WEIGHT_GAIN "\"\n}\n"

#define SCORE_JSON(total, band, alerts) \
  "{\n  \"total\": " #total ",\n  \"band\": \"" band "\",\n  \"alerts\": [" alerts "],\n" \
  "  \"source\": \"" DEPRESSION "\"\n}\n"
#define SELF_HARM "\n    \"self_harm\"\n  "

static void
test_calc_ga (Fixture       *fixture,
              gconstpointer  user_data)
{
  /* Leap year, LMP 2024-02-29: to 2024-06-05 is 1 (Mar 1) + 30 (to Mar 31)
   * + 30 + 31 + 5 = 97 days = 13+6, early; 06-06 is 98 = 14+0, mid. EDD:
   * + 280 days = 2024-12-05 (Mar 31 + Apr 30 + May 31 + Jun 30 + Jul 31 +
   * Aug 31 + Sep 30 + Oct 31 + Nov 30 = 275 days to Nov 30, 5 more) */
  CALC (GA_JSON (13, 6, "2024-12-05", "early", "lmp", DATING_LMP),
        "calc", "ga", "--lmp", "2024-02-29", "--on", "2024-06-05");
  CALC (GA_JSON (14, 0, "2024-12-05", "mid", "lmp", DATING_LMP),
        "calc", "ga", "--lmp", "2024-02-29", "--on", "2024-06-06");
  /* Counting across Feb 29: 2023-05-26 + 280 = 2024-03-01 (5 + 30 + 31 +
   * 31 + 30 + 31 + 30 + 31 + 31 + 29 = 279 to Feb 29, one more) */
  CALC (GA_JSON (40, 0, "2024-03-01", "late", "lmp", DATING_LMP),
        "calc", "ga", "--lmp", "2023-05-26", "--on", "2024-03-01");
  /* EDD across a year end: 2024-03-27 + 280 = 2025-01-01 (4 + 30 + 31 +
   * 30 + 31 + 31 + 30 + 31 + 30 + 31 = 279 to Dec 31, one more). To
   * 2024-10-08: 4 + 30 + 31 + 30 + 31 + 31 + 30 + 8 = 195 = 27+6, mid;
   * 10-09 = 196 = 28+0, late */
  CALC (GA_JSON (27, 6, "2025-01-01", "mid", "lmp", DATING_LMP),
        "calc", "ga", "--lmp", "2024-03-27", "--on", "2024-10-08");
  CALC (GA_JSON (28, 0, "2025-01-01", "late", "lmp", DATING_LMP),
        "calc", "ga", "--lmp", "2024-03-27", "--on", "2024-10-09");
  /* CRL 45 mm: floor (8.052 × √45 + 23.73) = floor (77.74) = 77 days (11+0)
   * on 2024-03-11, which is 70 days (10+0) after the LMP 2024-01-01: 7 days
   * apart, not more than 7, so the LMP dates. 2024-04-01 is 31 + 29 + 31 =
   * 91 days = 13+0; EDD 2024-01-01 + 280 = 2024-10-07 */
  CALC (GA_JSON (13, 0, "2024-10-07", "early", "lmp", DATING_LMP),
        "calc", "ga", "--lmp", "2024-01-01", "--on", "2024-04-01",
        "--crl-mm", "45", "--crl-date", "2024-03-11");
  /* CRL 50 mm: floor (8.052 × √50 + 23.73) = floor (80.67) = 80 days, 10
   * more than by LMP: the CRL dates. LMP 2024-03-11 − 80 = 2023-12-22;
   * 2024-04-01 is 101 days = 14+3, mid; EDD 2023-12-22 + 280 = 2024-09-27 */
  CALC (GA_JSON (14, 3, "2024-09-27", "mid", "crl", DATING_CRL),
        "calc", "ga", "--lmp", "2024-01-01", "--on", "2024-04-01",
        "--crl-mm", "50", "--crl-date", "2024-03-11");
  /* ART (reproductive): a day-5 blastocyst transferred 2026-12-28 is 14 + 5
   * = 19 days = 2+5 that day; the LMP it stands for is 2026-12-28 − 19 =
   * 2026-12-09. Across the year end 2027-01-04 is 7 days on: 3+5. EDD
   * 2026-12-09 + 280 = transfer + 261: Dec 31 is 3 days on, then 31 + 28 +
   * 31 + 30 + 31 + 30 + 31 + 31 = 243 to Aug 31, 15 more = 2027-09-15. The
   * transfer dates over a reported LMP a week off (2026-12-02). */
  CALC (GA_JSON (2, 5, "2027-09-15", "early", "art", DATING_ART),
        "calc", "ga", "--on", "2026-12-28", "--transfer-date", "2026-12-28", "--embryo-age-days", "5");
  CALC (GA_JSON (3, 5, "2027-09-15", "early", "art", DATING_ART),
        "calc", "ga", "--lmp", "2026-12-02", "--on", "2027-01-04",
        "--transfer-date", "2026-12-28", "--embryo-age-days", "5");
  /* A day-3 embryo on the leap day 2028-02-29: 17 days = 2+3, LMP 2028-02-12;
   * 2028-03-07 is 24 days = 3+3. EDD = transfer + 263: 31 + 30 + 31 + 30 +
   * 31 + 31 + 30 + 31 = 245 to Oct 31, 18 more = 2028-11-18 */
  CALC (GA_JSON (3, 3, "2028-11-18", "early", "art", DATING_ART),
        "calc", "ga", "--on", "2028-03-07", "--transfer-date", "2028-02-29", "--embryo-age-days", "3");
}

static void
test_calc_bmi_gwg (Fixture       *fixture,
                   gconstpointer  user_data)
{
  /* 160 cm: h² = 2.56 m². 47.1 / 2.56 = 18.398 → 18.4; 47.36 / 2.56 = 18.5;
   * 61.44 / 2.56 = 24.0 (written 24.0, not 24); 71.68 / 2.56 = 28.0 */
  CALC (BMI_JSON ("18.4", "underweight"), "calc", "bmi", "--height-cm", "160", "--weight-kg", "47.1");
  CALC (BMI_JSON ("18.5", "normal"), "calc", "bmi", "--height-cm", "160", "--weight-kg", "47.36");
  CALC (BMI_JSON ("24.0", "overweight"), "calc", "bmi", "--height-cm", "160", "--weight-kg", "61.44");
  CALC (BMI_JSON ("28.0", "obese"), "calc", "bmi", "--height-cm", "160", "--weight-kg", "71.68");

  /* 55 / 2.56 = 21.5, normal: total 8.0–14.0 kg. 20+0 is 6 weeks after
   * 14+0: 0 + 0.26 × 6 = 1.56 to 2 + 0.48 × 6 = 4.88 kg. The ends are
   * within, 10 g past them not */
  CALC (GWG_JSON ("21.5", "normal", "8.0", "14.0", "1.56", "4.88", "4.88", "within"),
        "calc", "gwg", "--height-cm", "160", "--pre-weight-kg", "55", "--weight-kg", "59.88",
        "--ga-weeks", "20");
  CALC (GWG_JSON ("21.5", "normal", "8.0", "14.0", "1.56", "4.88", "4.89", "above"),
        "calc", "gwg", "--height-cm", "160", "--pre-weight-kg", "55", "--weight-kg", "59.89",
        "--ga-weeks", "20.0");
  CALC (GWG_JSON ("21.5", "normal", "8.0", "14.0", "1.56", "4.88", "1.55", "below"),
        "calc", "gwg", "--height-cm", "160", "--pre-weight-kg", "55", "--weight-kg", "56.55",
        "--ga-weeks", "20");
  /* 13+6: the first trimester's 0–2 kg; a loss is below */
  CALC (GWG_JSON ("21.5", "normal", "8.0", "14.0", "0.0", "2.0", "-0.5", "below"),
        "calc", "gwg", "--height-cm", "160", "--pre-weight-kg", "55", "--weight-kg", "54.5",
        "--ga-weeks", "13.6");
  /* 14+1: 260 × 1/7 = 37 → 0.04 kg; 2000 + 480 / 7 = 2069 → 2.07 kg */
  CALC (GWG_JSON ("21.5", "normal", "8.0", "14.0", "0.04", "2.07", "2.07", "within"),
        "calc", "gwg", "--height-cm", "160", "--pre-weight-kg", "55", "--weight-kg", "57.07",
        "--ga-weeks", "14.1");
  /* Obese, 75 / 2.56 = 29.3: total 5.0–9.0; 28+0 is 14 weeks after 14+0:
   * 0.15 × 14 = 2.1 to 2 + 0.30 × 14 = 6.2; 84 − 75 = 9.0, above */
  CALC (GWG_JSON ("29.3", "obese", "5.0", "9.0", "2.1", "6.2", "9.0", "above"),
        "calc", "gwg", "--height-cm", "160", "--pre-weight-kg", "75", "--weight-kg", "84",
        "--ga-weeks", "28");
}

static void
test_score (Fixture       *fixture,
            gconstpointer  user_data)
{
  /* EPDS, items 3 and 5–10 printed 3 down to 0: every answer the last one
   * printed scores 3 + 3 + 0 + 3 + 0 × 6 = 9 */
  CALC (SCORE_JSON (9, "negative", ""), "score", "epds", "--answers", "3,3,3,3,3,3,3,3,3,3");
  /* item 3 at position 2 scores 1: 10; at position 0 scores 3: 12 */
  CALC (SCORE_JSON (10, "repeat", ""), "score", "epds", "--answers", "3,3,2,3,3,3,3,3,3,3");
  CALC (SCORE_JSON (12, "repeat", ""), "score", "epds", "--answers", "3,3,0,3,3,3,3,3,3,3");
  /* and item 5 at position 2 scores 1: 13 */
  CALC (SCORE_JSON (13, "positive", ""), "score", "epds", "--answers", "3,3,0,3,2,3,3,3,3,3");
  /* item 10 = 1 (position 2), everything else 0: total 1, positive, self-harm */
  CALC (SCORE_JSON (1, "positive", SELF_HARM), "score", "epds", "--answers", "0,0,3,0,3,3,3,3,3,2");
  /* PHQ-9 14 = 3 + 3 + 3 + 3 + 2; 15 = 3 × 5; item 9 = 1 alone: none, alert */
  CALC (SCORE_JSON (14, "moderate", ""), "score", "phq9", "--answers", "3,3,3,3,2,0,0,0,0");
  CALC (SCORE_JSON (15, "moderately_severe", ""), "score", "phq9", "--answers", "3,3,3,3,3,0,0,0,0");
  CALC (SCORE_JSON (1, "none", SELF_HARM), "score", "phq9", "--answers", "0,0,0,0,0,0,0,0,1");
  /* GAD-7 15 = 3 × 5: severe, no alert item */
  CALC (SCORE_JSON (15, "severe", ""), "score", "gad7", "--answers", "3,3,3,3,3,0,0");
}

/* A bad value exits 1 naming it; a missing option or calculator exits 2 */
static void
test_calc_errors (Fixture       *fixture,
                  gconstpointer  user_data)
{
  static const struct {
    int         status;
    const char *args[14];
    const char *message;
  } cases[] = {
    { 1, { "calc", "bmi", "--height-cm", "0", "--weight-kg", "60" },
      "huizhen-cli: calc bmi: A height of 0 cm is not possible: give 100–250 cm\n" },
    { 1, { "calc", "bmi", "--height-cm", "abc", "--weight-kg", "60" },
      "huizhen-cli: calc bmi: --height-cm “abc” is not a number\n" },
    { 1, { "calc", "ga", "--lmp", "2024-03-01", "--on", "2024-02-29" },
      "huizhen-cli: calc ga: --on 2024-02-29 is before the LMP 2024-03-01\n" },
    { 1, { "calc", "ga", "--lmp", "2023-02-29" },
      "huizhen-cli: calc ga: --lmp “2023-02-29” is not a date such as 2026-12-02\n" },
    { 1, { "calc", "ga", "--lmp", "2024-01-01", "--crl-mm", "90", "--crl-date", "2024-03-01" },
      "huizhen-cli: calc ga: --crl-mm 90: a crown-rump length dates a pregnancy at 7–84 mm only\n" },
    { 1, { "calc", "ga", "--transfer-date", "2026-12-28", "--embryo-age-days", "8" },
      "huizhen-cli: calc ga: --embryo-age-days 8: an embryo is transferred 1–7 days after fertilisation\n" },
    { 1, { "calc", "gwg", "--height-cm", "160", "--pre-weight-kg", "55", "--weight-kg", "60",
           "--ga-weeks", "20.7" },
      "huizhen-cli: calc gwg: --ga-weeks “20.7” is not a gestational age such as 20 or 20.3 "
      "(weeks, then days 0–6: 20+3)\n" },
    { 1, { "score", "epds", "--answers", "0,0,0,0,0,0,0,0,0" },
      "huizhen-cli: score: EPDS has 10 items, 9 answers were given\n" },
    { 1, { "score", "gad7", "--answers", "0,0,4,0,0,0,0" },
      "huizhen-cli: score: GAD-7 item 3: answer 4 is not one of the four answers, 0–3 "
      "(counted from the first printed)\n" },
    { 1, { "score", "phq9", "--answers", "0,0,x,0,0,0,0,0,0" },
      "huizhen-cli: score: PHQ-9 item 3: “x” is not an answer: give the position of the "
      "chosen answer, 0–3\n" },
    /* usage: the message is followed by the usage line */
    { 2, { "calc" }, NULL },
    { 2, { "calc", "frobnicate" }, NULL },
    { 2, { "calc", "ga" }, NULL },
    { 2, { "calc", "ga", "--lmp", "2024-01-01", "--crl-mm", "50" }, NULL },
    { 2, { "calc", "bmi", "--height-cm", "160" }, NULL },
    { 2, { "calc", "bmi", "--height-cm", "160", "--weight-kg", "60", "extra" }, NULL },
    { 2, { "score" }, NULL },
    { 2, { "score", "bdi", "--answers", "0" }, NULL },
    { 2, { "score", "epds" }, NULL },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(HzTestRun) run = { 0, };

      run_cli (fixture, &run, NULL, cases[i].args);
      g_assert_cmpint (run.status, ==, cases[i].status);
      g_assert_cmpstr (run.out, ==, "");
      if (cases[i].message != NULL)
        g_assert_cmpstr (run.err, ==, cases[i].message);
      else
        g_assert_nonnull (strstr (run.err, "Usage:"));
    }

  {
    g_auto(HzTestRun) run = { 0, };

    RUN (fixture, &run, "calc", "--help");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "gwg"));
  }
}

/* huizhen-cli risk: the proposal's exact JSON for a fixture case, two
 * gradings kept as history, and its errors */
static const char risk_json[] =
  "{\n"
  "  \"colour\": \"orange\",\n"
  "  \"purple\": true,\n"
  "  \"factors\": [\n"
  "    {\n"
  "      \"code\": \"age-35-or-older\",\n"
  "      \"colour\": \"yellow\",\n"
  "      \"text\": \"Advanced maternal age: 36 years (35 or older)\",\n"
  "      \"source\": \"Date of birth 1990-06-15\",\n"
  "      \"reference\": \"Patient/risk-patient-1\"\n"
  "    },\n"
  "    {\n"
  "      \"code\": \"bmi-28-or-more\",\n"
  "      \"colour\": \"orange\",\n"
  "      \"text\": \"Pre-pregnancy BMI 28.0 kg/m² (≥28)\",\n"
  "      \"source\": \"Pre-pregnancy weight 71.68 kg, height 160 cm\",\n"
  "      \"reference\": \"Observation/risk-prepreg-weight\"\n"
  "    },\n"
  "    {\n"
  "      \"code\": \"scarred-uterus\",\n"
  "      \"colour\": \"yellow\",\n"
  "      \"text\": \"Scarred uterus\",\n"
  "      \"source\": \"Diagnosis: 瘢痕子宫（剖宫产术后） (O34.201)\",\n"
  "      \"reference\": \"Condition/risk-scar\"\n"
  "    },\n"
  "    {\n"
  "      \"code\": \"hepatitis-b\",\n"
  "      \"colour\": \"purple\",\n"
  "      \"text\": \"Chronic hepatitis B or HBV carrier\",\n"
  "      \"source\": \"Diagnosis: 乙肝病毒携带 (Z22.5)\",\n"
  "      \"reference\": \"Condition/risk-hbv\"\n"
  "    }\n"
  "  ]\n"
  "}\n";

static void
test_risk (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autofree char *bundle = g_test_build_filename (G_TEST_DIST, "fixtures", "cli-risk.json", NULL);
  g_auto(HzTestRun) run = { 0, };
  g_autoptr(JsonNode) history = NULL;
  JsonArray *gradings;

  RUN (fixture, &run, "--db", fixture->db, "import", bundle);
  g_assert_cmpint (run.status, ==, 0);
  hz_test_run_clear (&run);

  RUN (fixture, &run, "--db", fixture->db, "risk", "--case", "risk-case-1", "--date", "2026-06-15", "--json");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, risk_json);
  g_assert_cmpstr (run.err, ==, "");
  hz_test_run_clear (&run);

  /* No grading yet */
  RUN (fixture, &run, "--db", fixture->db, "risk", "history", "--case", "risk-case-1", "--json");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "[]\n");
  hz_test_run_clear (&run);

  /* Two gradings: two RiskAssessments, the later current, one purple Flag */
  for (guint i = 0; i < 2; i++)
    {
      RUN (fixture, &run, "--db", fixture->db, "--user", "王蕾|obstetrics|主治医师|云州市妇幼保健院",
           "risk", "grade", "--case", "risk-case-1");
      g_assert_cmpint (run.status, ==, 0);
      g_assert_nonnull (strstr (run.out, "Recorded RiskAssessment/risk-"));
      hz_test_run_clear (&run);
    }

  RUN (fixture, &run, "--db", fixture->db, "risk", "history", "--case", "risk-case-1", "--json");
  g_assert_cmpint (run.status, ==, 0);
  history = hz_test_parse_node (run.out);
  gradings = json_node_get_array (history);
  g_assert_cmpuint (json_array_get_length (gradings), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *grading = json_array_get_object_element (gradings, i);

      g_assert_cmpstr (json_object_get_string_member (grading, "colour"), ==, "orange");
      g_assert_cmpstr (json_object_get_string_member (grading, "status"), ==, "final");
      g_assert_cmpstr (json_object_get_string_member (grading, "performer"), ==,
                       "王蕾 主治医师 (云州市妇幼保健院)");
      g_assert_cmpint (json_object_get_boolean_member (grading, "current"), ==, i == 1);
    }
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (gradings, 0), "id"), !=,
                   json_object_get_string_member (json_array_get_object_element (gradings, 1), "id"));
  hz_test_run_clear (&run);

  /* The case list picks the grading up */
  {
    g_autoptr(JsonNode) cases = NULL;
    JsonObject *kase;

    RUN (fixture, &run, "--db", fixture->db, "cases", "--json");
    cases = hz_test_parse_node (run.out);
    kase = find_object (json_node_get_array (cases), "id", "risk-case-1");
    g_assert_cmpstr (json_object_get_string_member (kase, "risk"), ==, "orange");
    g_assert_true (json_object_get_boolean_member (kase, "infectious"));
    hz_test_run_clear (&run);
  }

  /* Errors: an unknown case is bad input naming it; no case is usage */
  RUN (fixture, &run, "--db", fixture->db, "risk", "--case", "no-such-case");
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "no-such-case"));
  hz_test_run_clear (&run);
  RUN (fixture, &run, "--db", fixture->db, "risk", "grade", "--case", "no-such-case");
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "no-such-case"));
  hz_test_run_clear (&run);
  RUN (fixture, &run, "--db", fixture->db, "risk", "--case", "risk-case-1", "--date", "2026-13-01");
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "2026-13-01"));
  hz_test_run_clear (&run);
  RUN (fixture, &run, "--db", fixture->db, "risk", "history");
  g_assert_cmpint (run.status, ==, 2);
  hz_test_run_clear (&run);
  RUN (fixture, &run, "--db", fixture->db, "risk", "regrade", "--case", "risk-case-1");
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "regrade"));
  hz_test_run_clear (&run);

  /* A factor of the form ticked: red above the orange of the data, a third
   * grading; an unknown code writes nothing */
  RUN (fixture, &run, "--db", fixture->db, "risk", "grade", "--case", "risk-case-1",
       "--tick", "no-such-item");
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "“no-such-item” is not an item of the five-colour grading form"));
  hz_test_run_clear (&run);
  RUN (fixture, &run, "--db", fixture->db, "risk", "grade", "--case", "risk-case-1",
       "--tick", "severe-heart-disease", "--tick", "art-pregnancy");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, ": Red + purple\n"));
  hz_test_run_clear (&run);
  {
    g_autoptr(JsonNode) third = NULL;
    JsonArray *all;
    JsonObject *latest;

    RUN (fixture, &run, "--db", fixture->db, "risk", "history", "--case", "risk-case-1", "--json");
    third = hz_test_parse_node (run.out);
    all = json_node_get_array (third);
    g_assert_cmpuint (json_array_get_length (all), ==, 3);
    latest = json_array_get_object_element (all, 2);
    g_assert_cmpstr (json_object_get_string_member (latest, "colour"), ==, "red");
    g_assert_true (json_object_get_boolean_member (latest, "current"));
    g_assert_nonnull (strstr (json_object_get_string_member (latest, "factors"), "Severe heart disease"));
    g_assert_nonnull (strstr (json_object_get_string_member (latest, "factors"),
                              "Pregnancy after assisted reproduction"));
    hz_test_run_clear (&run);
  }

  /* The form's list, as --tick takes it */
  RUN (fixture, &run, "risk", "factors");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "moderate-heart-disease"));
  g_assert_nonnull (strstr (run.out, "Source: Pregnancy risk assessment and management, five-colour grading "
                                     "(National Health Commission, 2017 No. 35)\n"));
}

static const char registry_json[] =
  "[\n"
  "  {\n"
  "    \"case_id\": \"reg-red\",\n"
  "    \"patient_name\": \"王红\",\n"
  "    \"mrn\": \"R001\",\n"
  "    \"organization\": \"云州市妇幼保健院\",\n"
  "    \"colour\": \"red\",\n"
  "    \"purple\": false,\n"
  "    \"alert\": false,\n"
  "    \"alert_since\": null,\n"
  "    \"factors\": \"重度子痫前期；心功能III级\",\n"
  "    \"next_action\": \"心内科会诊\",\n"
  "    \"next_action_date\": \"2026-01-27T09:00:00+08:00\",\n"
  "    \"days_overdue\": 5,\n"
  "    \"team\": \"obstetrics\"\n"
  "  },\n"
  "  {\n"
  "    \"case_id\": \"reg-red-basis\",\n"
  "    \"patient_name\": \"孙红\",\n"
  "    \"mrn\": \"R002\",\n"
  "    \"organization\": \"云州市妇幼保健院\",\n"
  "    \"colour\": \"red\",\n"
  "    \"purple\": false,\n"
  "    \"alert\": false,\n"
  "    \"alert_since\": null,\n"
  "    \"factors\": \"肺动脉高压; 心功能IV级\",\n"
  "    \"next_action\": null,\n"
  "    \"next_action_date\": null,\n"
  "    \"days_overdue\": 0,\n"
  "    \"team\": \"obstetrics\"\n"
  "  },\n"
  "  {\n"
  "    \"case_id\": \"reg-orange-late\",\n"
  "    \"patient_name\": \"张橙\",\n"
  "    \"mrn\": \"R003\",\n"
  "    \"organization\": \"临溪县人民医院\",\n"
  "    \"colour\": \"orange\",\n"
  "    \"purple\": false,\n"
  "    \"alert\": false,\n"
  "    \"alert_since\": null,\n"
  "    \"factors\": \"年龄41岁, 见\\\"复评\\\"\",\n"
  "    \"next_action\": \"复诊, 复查BMI\",\n"
  "    \"next_action_date\": \"2026-01-22\",\n"
  "    \"days_overdue\": 10,\n"
  "    \"team\": \"reproductive\"\n"
  "  },\n"
  "  {\n"
  "    \"case_id\": \"reg-orange-ontime\",\n"
  "    \"patient_name\": \"李橙\",\n"
  "    \"mrn\": null,\n"
  "    \"organization\": \"临溪县人民医院\",\n"
  "    \"colour\": \"orange\",\n"
  "    \"purple\": false,\n"
  "    \"alert\": false,\n"
  "    \"alert_since\": null,\n"
  "    \"factors\": \"分级因素：三胎妊娠\",\n"
  "    \"next_action\": \"超声复查\",\n"
  "    \"next_action_date\": \"2099-03-01T08:00:00+08:00\",\n"
  "    \"days_overdue\": 0,\n"
  "    \"team\": \"obstetrics\"\n"
  "  },\n"
  "  {\n"
  "    \"case_id\": \"reg-purple\",\n"
  "    \"patient_name\": \"赵紫\",\n"
  "    \"mrn\": \"R005\",\n"
  "    \"organization\": \"云州市妇幼保健院\",\n"
  "    \"colour\": \"yellow\",\n"
  "    \"purple\": true,\n"
  "    \"alert\": false,\n"
  "    \"alert_since\": null,\n"
  "    \"factors\": \"年龄36岁（≥35岁）\",\n"
  "    \"next_action\": \"梅毒治疗随访\",\n"
  "    \"next_action_date\": \"2026-01-29\",\n"
  "    \"days_overdue\": 3,\n"
  "    \"team\": \"psychology\"\n"
  "  }\n"
  "]\n";

/* UTF-8 with a BOM, CRLF; a field with a comma or a quote is quoted and
 * its quotes doubled (RFC 4180) */
static const char registry_csv[] =
  "\xEF\xBB\xBF"
  "ID,Patient,MRN,Organisation,Risk,Risk factors,Next action,Due,Days overdue,Responsible team\r\n"
  "reg-red,王红,R001,云州市妇幼保健院,Red,重度子痫前期；心功能III级,心内科会诊,2026-01-27 09:00,5,Obstetrics\r\n"
  "reg-red-basis,孙红,R002,云州市妇幼保健院,Red,肺动脉高压; 心功能IV级,,,0,Obstetrics\r\n"
  "reg-orange-late,张橙,R003,临溪县人民医院,Orange,\"年龄41岁, 见\"\"复评\"\"\",\"复诊, 复查BMI\",2026-01-22,10,Reproductive medicine\r\n"
  "reg-orange-ontime,李橙,,临溪县人民医院,Orange,分级因素：三胎妊娠,超声复查,2099-03-01 08:00,0,Obstetrics\r\n"
  "reg-purple,赵紫,R005,云州市妇幼保健院,Yellow + purple,年龄36岁（≥35岁）,梅毒治疗随访,2026-01-29,3,Psychology\r\n";

/* The exports of the audit trail (subtype export), newest first: their
 * destinations */
static GPtrArray *
export_destinations (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HzStore) store = hz_store_new (fixture->db, &error);
  g_autoptr(GPtrArray) events = NULL;
  GPtrArray *destinations = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  events = hz_store_list_audit (store, NULL, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < events->len; i++)
    {
      const HzJv *event = hz_resource_get_value (g_ptr_array_index (events, i));
      const HzJv *entity = hz_jv_get_object_element (event, "entity", 0);

      if (g_strcmp0 (hz_jv_get_path_string (hz_jv_get_object_element (event, "subtype", 0), "code"),
                     "export") != 0)
        continue;
      g_assert_cmpstr (hz_jv_get_path_string (entity, "what.reference"), ==, HZ_REGISTRY_AUDIT_WHAT);
      g_ptr_array_add (destinations, g_strdup (hz_jv_get_string (entity, "description")));
    }

  return destinations;
}

/* huizhen-cli registry: the exact JSON and CSV, the CSV audited as an
 * export naming where it went */
static void
test_registry (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_auto(HzTestRun) run = { 0, };
  g_autofree char *fixture_file = g_test_build_filename (G_TEST_DIST, "fixtures", "registry.json", NULL);
  g_autofree char *csv_file = g_build_filename (fixture->dir, "高危登记.csv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) destinations = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  GStatBuf st;

  RUN (fixture, &run, "--db", fixture->db, "import", fixture_file);
  g_assert_cmpint (run.status, ==, 0);
  hz_test_run_clear (&run);

  /* codes as codes */
  RUN (fixture, &run, "--db", fixture->db, "registry", "--json", "--today", "2026-02-01");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, registry_json);
  hz_test_run_clear (&run);

  /* the table: translated headers, the rows in the registry's order */
  RUN (fixture, &run, "--db", fixture->db, "registry", "--today", "2026-02-01");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "ID "));
  g_assert_nonnull (strstr (run.out, "Days overdue"));
  g_assert_nonnull (strstr (run.out, "Yellow + purple"));
  g_assert_true (strstr (run.out, "reg-red ") < strstr (run.out, "reg-orange-late") &&
                 strstr (run.out, "reg-orange-late") < strstr (run.out, "reg-purple"));
  g_assert_null (strstr (run.out, "reg-yellow"));
  hz_test_run_clear (&run);

  /* the JSON and the table are not exports */
  destinations = export_destinations (fixture);
  g_assert_cmpuint (destinations->len, ==, 0);
  g_clear_pointer (&destinations, g_ptr_array_unref);

  RUN (fixture, &run, "--db", fixture->db, "registry", "--csv", "--today", "2026-02-01");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, registry_csv);
  hz_test_run_clear (&run);
  destinations = export_destinations (fixture);
  g_assert_cmpuint (destinations->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (destinations, 0), ==, "-");
  g_clear_pointer (&destinations, g_ptr_array_unref);

  /* -o FILE: the same bytes, owner-only, the path in the audit trail */
  RUN (fixture, &run, "--db", fixture->db, "registry", "--csv", "--today", "2026-02-01", "-o", csv_file);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "");
  g_file_get_contents (csv_file, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (contents, length, registry_csv, strlen (registry_csv));
  g_assert_cmpint (g_stat (csv_file, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  hz_test_run_clear (&run);
  destinations = export_destinations (fixture);
  g_assert_cmpuint (destinations->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (destinations, 0), ==, csv_file);
  g_clear_pointer (&destinations, g_ptr_array_unref);

  /* a bad --today is bad input, naming the value */
  RUN (fixture, &run, "--db", fixture->db, "registry", "--today", "2026-02-30");
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "2026-02-30"));
  g_assert_cmpstr (run.out, ==, "");
  hz_test_run_clear (&run);

  /* usage errors */
  RUN (fixture, &run, "--db", fixture->db, "registry", "--json", "--csv");
  g_assert_cmpint (run.status, ==, 2);
  hz_test_run_clear (&run);
  RUN (fixture, &run, "--db", fixture->db, "registry", "-o", csv_file);
  g_assert_cmpint (run.status, ==, 2);
  hz_test_run_clear (&run);
  RUN (fixture, &run, "--db", fixture->db, "registry", "extra");
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "extra"));
  hz_test_run_clear (&run);

  /* none of the failed runs was recorded as an export */
  destinations = export_destinations (fixture);
  g_assert_cmpuint (destinations->len, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/huizhen/cli/import-and-cases", Fixture, NULL,
              fixture_set_up, test_import_and_cases, fixture_tear_down);
  g_test_add ("/huizhen/cli/import-bad", Fixture, NULL,
              fixture_set_up, test_import_bad, fixture_tear_down);
  g_test_add ("/huizhen/cli/usage", Fixture, NULL,
              fixture_set_up, test_usage, fixture_tear_down);
  g_test_add ("/huizhen/cli/registry", Fixture, NULL,
              fixture_set_up, test_registry, fixture_tear_down);
  g_test_add ("/huizhen/cli/export", Fixture, NULL,
              fixture_set_up, test_export, fixture_tear_down);
  g_test_add ("/huizhen/cli/audit", Fixture, NULL,
              fixture_set_up, test_audit, fixture_tear_down);
  g_test_add ("/huizhen/cli/trust", Fixture, NULL,
              fixture_set_up, test_trust, fixture_tear_down);
  g_test_add ("/huizhen/cli/read-only", Fixture, NULL,
              fixture_set_up, test_read_only, fixture_tear_down);
  g_test_add ("/huizhen/cli/plugins", Fixture, NULL,
              fixture_set_up, test_plugins, fixture_tear_down);
  g_test_add ("/huizhen/cli/calc-ga", Fixture, NULL,
              fixture_set_up, test_calc_ga, fixture_tear_down);
  g_test_add ("/huizhen/cli/calc-bmi-gwg", Fixture, NULL,
              fixture_set_up, test_calc_bmi_gwg, fixture_tear_down);
  g_test_add ("/huizhen/cli/score", Fixture, NULL,
              fixture_set_up, test_score, fixture_tear_down);
  g_test_add ("/huizhen/cli/risk", Fixture, NULL,
              fixture_set_up, test_risk, fixture_tear_down);
  g_test_add ("/huizhen/cli/calc-errors", Fixture, NULL,
              fixture_set_up, test_calc_errors, fixture_tear_down);

  return g_test_run ();
}
