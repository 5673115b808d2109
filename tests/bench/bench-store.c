/* bench-store.c — how long the store takes for a big case
 *
 * Writes a 10,000-resource bundle (one pregnancy: Patient, EpisodeOfCare,
 * Encounters, Observations, Conditions, RiskAssessments, Tasks...) to a
 * file, imports it into a fresh database with hz_store_import_file(), reads
 * the case back and lists the cases (with 300 small cases beside it).
 *
 *   bench-store [--keep]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gstdio.h>

#include <huizhen.h>

#define N_RESOURCES 10000
#define N_ENCOUNTERS 200
#define N_SMALL_CASES 300

static const char * const loinc_codes[] = {
  HZ_LOINC_BODY_WEIGHT, HZ_LOINC_BP_PANEL, HZ_LOINC_HAEMOGLOBIN, HZ_LOINC_FASTING_GLUCOSE,
  HZ_LOINC_HCG, HZ_LOINC_PROGESTERONE, HZ_LOINC_EPDS_TOTAL,
};

static void
append_observation (GString *json,
                    guint    i)
{
  const char *code = loinc_codes[i % G_N_ELEMENTS (loinc_codes)];
  guint day = i % 280;
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, G_DATE_JANUARY, 2024);
  g_date_add_days (&date, day);

  g_string_append_printf (json,
                          ",{\"fullUrl\": \"urn:uuid:00000000-0000-4000-8000-%012u\","
                          "\"resource\": {\"resourceType\": \"Observation\", \"id\": \"obs-%u\", \"status\": \"final\","
                          "\"meta\": {\"tag\": [{\"system\": \"" HZ_SYSTEM_TEAM "\", \"code\": \"obstetrics\"}]},"
                          "\"category\": [{\"coding\": [{\"system\": \"http://terminology.hl7.org/CodeSystem/observation-category\","
                          " \"code\": \"vital-signs\"}]}],"
                          "\"code\": {\"coding\": [{\"system\": \"" HZ_SYSTEM_LOINC "\", \"code\": \"%s\"}], \"text\": \"检验 %s\"},"
                          "\"subject\": {\"reference\": \"Patient/bench-p\"},"
                          "\"encounter\": {\"reference\": \"Encounter/enc-%u\"},"
                          "\"effectiveDateTime\": \"%04d-%02d-%02dT%02u:%02u:00+08:00\","
                          "\"valueQuantity\": {\"value\": %u.%u, \"unit\": \"u\"},"
                          "\"note\": [{\"text\": \"第%u次复查\"}]}}",
                          i, i, code, code, i % N_ENCOUNTERS,
                          g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date),
                          8 + i % 10, i % 60, 50 + i % 50, i % 10, i);
}

static char *
write_big_bundle (const char *dir)
{
  g_autoptr(GString) json = g_string_sized_new (N_RESOURCES * 700);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, "bench-10k.json", NULL);
  guint n = 0;

  g_string_append (json,
                   "{\"resourceType\": \"Bundle\", \"type\": \"transaction\", \"entry\": ["
                   "{\"resource\": {\"resourceType\": \"Patient\", \"id\": \"bench-p\","
                   " \"identifier\": [{\"system\": \"" HZ_SYSTEM_ID_CARD "\", \"value\": \"110101199001011234\"}],"
                   " \"name\": [{\"text\": \"测试孕妇\"}], \"birthDate\": \"1990-01-01\"}},"
                   "{\"resource\": {\"resourceType\": \"EpisodeOfCare\", \"id\": \"bench-ep\", \"status\": \"active\","
                   " \"patient\": {\"reference\": \"Patient/bench-p\"},"
                   " \"managingOrganization\": {\"display\": \"市妇幼保健院\"}, \"period\": {\"start\": \"2024-01-01\"}}}");
  n = 2;

  for (guint e = 0; e < N_ENCOUNTERS; e++, n++)
    g_string_append_printf (json,
                            ",{\"resource\": {\"resourceType\": \"Encounter\", \"id\": \"enc-%u\", \"status\": \"finished\","
                            " \"class\": {\"code\": \"AMB\"}, \"subject\": {\"reference\": \"Patient/bench-p\"},"
                            " \"episodeOfCare\": [{\"reference\": \"EpisodeOfCare/bench-ep\"}],"
                            " \"period\": {\"start\": \"2024-%02u-%02uT09:00:00+08:00\"}}}",
                            e, 1 + e % 12, 1 + e % 28);

  for (guint c = 0; c < 100; c++, n++)
    g_string_append_printf (json,
                            ",{\"resource\": {\"resourceType\": \"Condition\", \"id\": \"cond-%u\","
                            " \"code\": {\"text\": \"诊断 %u\"}, \"subject\": {\"reference\": \"Patient/bench-p\"},"
                            " \"encounter\": {\"reference\": \"Encounter/enc-%u\"}, \"onsetDateTime\": \"2024-02-%02u\"}}",
                            c, c, c % N_ENCOUNTERS, 1 + c % 28);

  for (guint r = 0; r < 50; r++, n++)
    g_string_append_printf (json,
                            ",{\"resource\": {\"resourceType\": \"RiskAssessment\", \"id\": \"ra-%u\", \"status\": \"final\","
                            " \"subject\": {\"reference\": \"Patient/bench-p\"}, \"encounter\": {\"reference\": \"Encounter/enc-%u\"},"
                            " \"occurrenceDateTime\": \"2024-03-%02u\","
                            " \"prediction\": [{\"outcome\": {\"coding\": [{\"system\": \"" HZ_SYSTEM_RISK_COLOUR "\","
                            " \"code\": \"%s\"}]}}]}}",
                            r, r % N_ENCOUNTERS, 1 + r % 28, r % 2 ? "yellow" : "orange");

  for (guint t = 0; t < 50; t++, n++)
    g_string_append_printf (json,
                            ",{\"resource\": {\"resourceType\": \"Task\", \"id\": \"task-%u\", \"status\": \"%s\","
                            " \"intent\": \"order\", \"for\": {\"reference\": \"Patient/bench-p\"},"
                            " \"encounter\": {\"reference\": \"Encounter/enc-%u\"},"
                            " \"authoredOn\": \"2024-04-%02u\", \"description\": \"随访 %u\"}}",
                            t, t % 5 ? "completed" : "requested", t % N_ENCOUNTERS, 1 + t % 28, t);

  for (guint i = 0; n < N_RESOURCES; i++, n++)
    append_observation (json, i);

  g_string_append (json, "]}");

  g_file_set_contents (path, json->str, json->len, &error);
  g_assert_no_error (error);

  g_print ("bundle: %u resources, %.1f MB\n", n, json->len / (1024.0 * 1024.0));
  return path;
}

static void
add_small_cases (HzStore *store)
{
  for (guint c = 0; c < N_SMALL_CASES; c++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *json = g_strdup_printf (
        "{\"resourceType\": \"Bundle\", \"type\": \"collection\", \"entry\": ["
        "{\"resource\": {\"resourceType\": \"Patient\", \"id\": \"p-%u\", \"name\": [{\"text\": \"孕妇%u\"}],"
        " \"identifier\": [{\"system\": \"" HZ_SYSTEM_MRN "\", \"value\": \"MRN%05u\"}]}},"
        "{\"resource\": {\"resourceType\": \"EpisodeOfCare\", \"id\": \"ep-%u\", \"status\": \"active\","
        " \"patient\": {\"reference\": \"Patient/p-%u\"}}},"
        "{\"resource\": {\"resourceType\": \"Observation\", \"id\": \"lmp-%u\", \"status\": \"final\","
        " \"code\": {\"coding\": [{\"system\": \"" HZ_SYSTEM_LOINC "\", \"code\": \"" HZ_LOINC_LMP "\"}]},"
        " \"subject\": {\"reference\": \"Patient/p-%u\"}, \"valueDateTime\": \"2024-02-%02u\"}},"
        "{\"resource\": {\"resourceType\": \"RiskAssessment\", \"id\": \"ra-s%u\", \"status\": \"final\","
        " \"subject\": {\"reference\": \"Patient/p-%u\"}, \"occurrenceDateTime\": \"2024-03-01\","
        " \"prediction\": [{\"outcome\": {\"coding\": [{\"system\": \"" HZ_SYSTEM_RISK_COLOUR "\", \"code\": \"green\"}]}}]}},"
        "{\"resource\": {\"resourceType\": \"Appointment\", \"id\": \"appt-%u\", \"status\": \"booked\","
        " \"description\": \"产检\", \"start\": \"2099-01-01T09:00:00+08:00\","
        " \"participant\": [{\"actor\": {\"reference\": \"Patient/p-%u\"}, \"status\": \"accepted\"}],"
        " \"supportingInformation\": [{\"reference\": \"EpisodeOfCare/ep-%u\"}]}}"
        "]}",
        c, c, c, c, c, c, c, 1 + c % 28, c, c, c, c, c);

      node = json_from_string (json, &error);
      g_assert_no_error (error);
      hz_store_import_bundle (store, node, "bench", NULL, &error);
      g_assert_no_error (error);
    }
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HzStore) store = NULL;
  g_autoptr(HzActor) actor = hz_actor_new ("基准测试", HZ_TEAM_OBSTETRICS, NULL, NULL);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) resources = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_auto(GStrv) case_ids = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *bundle_path = NULL;
  g_autofree char *db_path = NULL;
  gboolean keep = argc > 1 && strcmp (argv[1], "--keep") == 0;
  gint64 start;

  dir = g_dir_make_tmp ("huizhen-bench-XXXXXX", &error);
  g_assert_no_error (error);
  bundle_path = write_big_bundle (dir);
  db_path = g_build_filename (dir, "bench.db", NULL);

  store = hz_store_new (db_path, &error);
  g_assert_no_error (error);
  hz_store_set_actor (store, actor);

  file = g_file_new_for_path (bundle_path);
  start = g_get_monotonic_time ();
  if (!hz_store_import_file (store, file, &case_ids, NULL, &error))
    g_error ("%s", error->message);
  g_print ("import 10k: %.0f ms\n", ms_since (start));
  g_assert_cmpint (hz_store_count_resources (store, "bench-ep"), ==, N_RESOURCES);

  start = g_get_monotonic_time ();
  resources = hz_store_read_case (store, "bench-ep", &error);
  g_assert_no_error (error);
  g_print ("read case 10k: %.0f ms\n", ms_since (start));
  g_assert_cmpuint (resources->len, ==, N_RESOURCES);

  {
    g_autoptr(HzCase) hz_case = NULL;

    start = g_get_monotonic_time ();
    hz_case = hz_case_load (store, "bench-ep", &error);
    g_assert_no_error (error);
    g_print ("HzCase load 10k (read + models): %.0f ms\n", ms_since (start));
  }

  start = g_get_monotonic_time ();
  add_small_cases (store);
  g_print ("import %u small cases: %.0f ms\n", N_SMALL_CASES, ms_since (start));

  start = g_get_monotonic_time ();
  cases = hz_store_list_cases (store, &error);
  g_assert_no_error (error);
  g_print ("list cases: %.1f ms (%u cases)\n", ms_since (start), cases->len);
  g_assert_cmpuint (cases->len, ==, N_SMALL_CASES + 1);

  {
    g_autoptr(HzResource) stored = hz_store_get (store, "Observation", "obs-0", &error);
    g_autoptr(JsonObject) obs = NULL;

    g_assert_no_error (error);
    obs = hz_resource_dup_json (stored);
    start = g_get_monotonic_time ();
    hz_store_put (store, "bench-ep", obs, &error);
    g_assert_no_error (error);
    g_print ("put one resource into the 10k case: %.1f ms\n", ms_since (start));
  }

  g_clear_object (&store);

  if (keep)
    g_print ("kept %s\n", dir);
  else
    {
      const char *name;
      GDir *d = g_dir_open (dir, 0, NULL);

      while ((name = g_dir_read_name (d)) != NULL)
        {
          g_autofree char *child = g_build_filename (dir, name, NULL);

          g_unlink (child);
        }
      g_dir_close (d);
      g_rmdir (dir);
    }

  return 0;
}
