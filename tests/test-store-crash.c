/* test-store-crash.c — kill -9 a writer mid-import: nothing committed is lost,
 * nothing half-written is left
 *
 * The test runs itself as the writer: `test-store-crash --writer DB START`
 * imports one case bundle per transaction, case START, START+1, ..., and
 * prints the number of each case to stdout once its import returned. The
 * parent reads those lines, SIGKILLs the writer at a random moment, then
 * opens the database afresh and checks it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <huizhen.h>

#include "hz-store-private.h"
#include "hz-test-utils.h"

/* resources per case bundle, one transaction each */
#define N_PER_CASE 300
#define N_ROUNDS 6

static const char *self_exe;

static JsonNode *
make_case_bundle (guint n)
{
  g_autoptr(GString) json = g_string_sized_new (N_PER_CASE * 300);
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  g_string_append_printf (json,
                          "{\"resourceType\": \"Bundle\", \"type\": \"transaction\", \"entry\": ["
                          "{\"resource\": {\"resourceType\": \"Patient\", \"id\": \"pat-%u\","
                          " \"name\": [{\"text\": \"病例%u\"}]}},"
                          "{\"resource\": {\"resourceType\": \"EpisodeOfCare\", \"id\": \"case-%u\", \"status\": \"active\","
                          " \"patient\": {\"reference\": \"Patient/pat-%u\"}}},"
                          "{\"resource\": {\"resourceType\": \"Encounter\", \"id\": \"enc-%u\", \"status\": \"finished\","
                          " \"subject\": {\"reference\": \"Patient/pat-%u\"},"
                          " \"episodeOfCare\": [{\"reference\": \"EpisodeOfCare/case-%u\"}]}}",
                          n, n, n, n, n, n, n);

  for (guint i = 3; i < N_PER_CASE; i++)
    g_string_append_printf (json,
                            ",{\"resource\": {\"resourceType\": \"Observation\", \"id\": \"obs-%u-%u\","
                            " \"status\": \"final\", \"code\": {\"coding\": [{\"system\": \"" HZ_SYSTEM_LOINC "\","
                            " \"code\": \"" HZ_LOINC_BODY_WEIGHT "\"}]},"
                            " \"subject\": {\"reference\": \"Patient/pat-%u\"}, \"encounter\": {\"reference\": \"Encounter/enc-%u\"},"
                            " \"effectiveDateTime\": \"2024-%02u-%02uT08:00:00+08:00\","
                            " \"valueQuantity\": {\"value\": %u.5, \"unit\": \"kg\"}}}",
                            n, i, n, n, 1 + i % 12, 1 + i % 28, 50 + i % 30);

  g_string_append (json, "]}");

  node = json_from_string (json->str, &error);
  g_assert_no_error (error);
  return node;
}

static int
writer_main (const char *path,
             const char *start_str)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HzStore) store = NULL;
  g_autoptr(HzActor) actor = hz_actor_new ("写入进程", HZ_TEAM_OTHER, NULL, NULL);
  guint start = (guint) g_ascii_strtoull (start_str, NULL, 10);

  store = hz_store_new (path, &error);
  if (store == NULL)
    {
      g_printerr ("writer: %s\n", error->message);
      return 1;
    }
  hz_store_set_actor (store, actor);

  /* until killed */
  for (guint n = start; n < start + 100000; n++)
    {
      g_autoptr(JsonNode) bundle = make_case_bundle (n);

      if (!hz_store_import_bundle (store, bundle, "crash-test", NULL, &error))
        {
          g_printerr ("writer: %s\n", error->message);
          return 1;
        }
      /* reported only once the commit returned */
      printf ("%u\n", n);
      fflush (stdout);
    }

  return 0;
}

/* Runs one writer, kills it after at least @min_commits, returns the
 * highest case number it reported (and the first it was given). */
static guint
run_and_kill_writer (const char *path,
                     guint       start,
                     guint       min_commits,
                     GArray     *reported)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *start_str = g_strdup_printf ("%u", start);
  const char *argv[] = { self_exe, "--writer", path, start_str, NULL };
  char line[64];
  GPid pid;
  int out_fd;
  FILE *out;
  int status = 0;
  guint seen = 0;
  guint last = 0;

  g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                            NULL, NULL, &pid, NULL, &out_fd, NULL, &error);
  g_assert_no_error (error);

  out = fdopen (out_fd, "r");
  g_assert_nonnull (out);

  while (seen < min_commits && fgets (line, sizeof line, out) != NULL)
    {
      last = (guint) g_ascii_strtoull (line, NULL, 10);
      g_array_append_val (reported, last);
      seen++;
    }
  g_assert_cmpuint (seen, ==, min_commits);

  /* somewhere inside the next import: parsing, validating, writing, committing */
  g_usleep (g_test_rand_int_range (0, 60000));
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
  g_spawn_close_pid (pid);

  /* whatever it reported before it died */
  while (fgets (line, sizeof line, out) != NULL)
    {
      last = (guint) g_ascii_strtoull (line, NULL, 10);
      g_array_append_val (reported, last);
    }
  fclose (out);

  g_test_message ("writer from %u killed after reporting up to %u", start, last);
  return last;
}

static void
test_kill_mid_import (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = hz_test_make_tmp_dir ("huizhen-crash-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "crash.db", NULL);
  g_autoptr(GArray) reported = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GHashTable) complete = g_hash_table_new (g_direct_hash, g_direct_equal);
  guint start = 1;

  for (guint round = 0; round < N_ROUNDS; round++)
    {
      g_autoptr(HzStore) store = NULL;
      g_autoptr(HzActor) actor = hz_actor_new ("检查", HZ_TEAM_OTHER, NULL, NULL);
      g_autoptr(GPtrArray) cases = NULL;
      guint last;
      guint n_complete = 0;

      last = run_and_kill_writer (path, start, 2 + round, reported);

      /* a fresh open after the crash: the WAL is recovered */
      store = hz_store_new (path, &error);
      g_assert_no_error (error);
      hz_store_set_actor (store, actor);
      g_assert_true (hz_store_check_integrity (store, &error));
      g_assert_no_error (error);

      /* every reported commit is all there, with its audit rows */
      for (guint i = 0; i < reported->len; i++)
        {
          guint n = g_array_index (reported, guint, i);
          g_autofree char *case_id = g_strdup_printf ("case-%u", n);

          g_assert_cmpint (hz_store_count_resources (store, case_id), ==, N_PER_CASE);
          g_assert_cmpint (hz_store_count_audit (store, case_id), ==, N_PER_CASE);
          g_hash_table_add (complete, GUINT_TO_POINTER (n));
        }

      /* the one in flight: all of it (committed, not yet reported) or none of it */
      {
        g_autofree char *case_id = g_strdup_printf ("case-%u", last + 1);
        gint64 count = hz_store_count_resources (store, case_id);
        gint64 audit = hz_store_count_audit (store, case_id);

        g_test_message ("case %u in flight: %" G_GINT64_FORMAT " resources", last + 1, count);
        g_assert_true (count == 0 || count == N_PER_CASE);
        g_assert_cmpint (audit, ==, count);
        if (count == N_PER_CASE)
          g_hash_table_add (complete, GUINT_TO_POINTER (last + 1));
      }

      /* and nothing else anywhere: no stray rows of a partial transaction */
      n_complete = g_hash_table_size (complete);
      g_assert_cmpint (hz_store_count_resources (store, NULL), ==, (gint64) n_complete * N_PER_CASE);
      /* every write's row, and one per earlier round's listing of the cases */
      g_assert_cmpint (hz_store_count_audit (store, NULL), ==, (gint64) n_complete * N_PER_CASE + round);
      /* a kill mid-transaction leaves the hash chain whole */
      g_assert_true (hz_store_verify_audit (store, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
      cases = hz_store_list_cases (store, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (cases->len, ==, n_complete);

      /* a committed case reads back whole (not audited: the counts above stay exact) */
      {
        g_autofree char *case_id = g_strdup_printf ("case-%u", last);
        g_autoptr(GPtrArray) resources = hz_store_read_case_unaudited (store, case_id, NULL, &error);

        g_assert_no_error (error);
        g_assert_cmpuint (resources->len, ==, N_PER_CASE);
      }

      start = last + 2;
    }

  hz_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && strcmp (argv[1], "--writer") == 0)
    return writer_main (argv[2], argv[3]);

  self_exe = argv[0];
  if (!g_path_is_absolute (self_exe))
    {
      g_autofree char *cwd = g_get_current_dir ();

      self_exe = g_build_filename (cwd, argv[0], NULL);
    }

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/huizhen/store-crash/kill-mid-import", test_kill_mid_import);

  return g_test_run ();
}
