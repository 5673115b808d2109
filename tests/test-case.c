/* test-case.c — an open case: models per type, lookup, dating, live updates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <huizhen.h>

#include "hz-store-private.h"
#include "hz-test-utils.h"

typedef struct
{
  char      *dir;
  HzStore   *store;
  GMainLoop *loop;
} Fixture;

#define OBS(id, code, date, value) \
  "{\"resource\": {\"resourceType\": \"Observation\", \"id\": \"" id "\", \"status\": \"final\"," \
  " \"code\": {\"coding\": [{\"system\": \"" HZ_SYSTEM_LOINC "\", \"code\": \"" code "\"}]}," \
  " \"subject\": {\"reference\": \"Patient/p1\"}, \"encounter\": {\"reference\": \"Encounter/enc1\"}" \
  date value "}}"

/* LMP 2024-01-01; a CRL of 20 mm on 2024-02-20 says 59 days where the LMP
 * says 50: more than 7 days apart in the first trimester, so the CRL dates
 * the pregnancy. */
static const char case_bundle[] =
  "{\"resourceType\": \"Bundle\", \"type\": \"transaction\", \"entry\": ["
  " {\"resource\": {\"resourceType\": \"Patient\", \"id\": \"p1\", \"name\": [{\"family\": \"陈\", \"given\": [\"静\"]}]}},"
  " {\"resource\": {\"resourceType\": \"EpisodeOfCare\", \"id\": \"ep1\", \"status\": \"active\","
  "  \"patient\": {\"reference\": \"Patient/p1\"}, \"period\": {\"start\": \"2024-01-20\"}}},"
  " {\"resource\": {\"resourceType\": \"Encounter\", \"id\": \"enc1\", \"status\": \"finished\","
  "  \"subject\": {\"reference\": \"Patient/p1\"}, \"episodeOfCare\": [{\"reference\": \"EpisodeOfCare/ep1\"}],"
  "  \"period\": {\"start\": \"2024-02-20T09:00:00+08:00\"}}},"
  OBS ("lmp", HZ_LOINC_LMP, ", \"effectiveDateTime\": \"2024-01-20\"", ", \"valueDateTime\": \"2024-01-01\"") ","
  OBS ("crl", HZ_LOINC_CRL, ", \"effectiveDateTime\": \"2024-02-20T10:00:00+08:00\"",
       ", \"valueQuantity\": {\"value\": 20, \"unit\": \"mm\", \"system\": \"http://unitsofmeasure.org\", \"code\": \"mm\"}") ","
  OBS ("w3", HZ_LOINC_BODY_WEIGHT, ", \"effectiveDateTime\": \"2024-04-01\"", ", \"valueQuantity\": {\"value\": 58.5}") ","
  OBS ("w1", HZ_LOINC_BODY_WEIGHT, ", \"effectiveDateTime\": \"2024-02-01\"", ", \"valueQuantity\": {\"value\": 55}") ","
  OBS ("undated", HZ_LOINC_BODY_HEIGHT, "", ", \"valueQuantity\": {\"value\": 160}") ","
  " {\"resource\": {\"resourceType\": \"Condition\", \"id\": \"c1\", \"code\": {\"text\": \"瘢痕子宫\"},"
  "  \"subject\": {\"reference\": \"Patient/p1\"}, \"onsetDateTime\": \"2019-06-01\"}}"
  "]}";

static const char other_bundle[] =
  "{\"resourceType\": \"Bundle\", \"type\": \"collection\", \"entry\": ["
  " {\"resource\": {\"resourceType\": \"Patient\", \"id\": \"p2\", \"name\": [{\"text\": \"周丽\"}]}},"
  " {\"resource\": {\"resourceType\": \"EpisodeOfCare\", \"id\": \"ep2\", \"status\": \"active\","
  "  \"patient\": {\"reference\": \"Patient/p2\"}}}"
  "]}";

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(HzActor) actor = hz_actor_new ("王丽", HZ_TEAM_OBSTETRICS, "主任医师", "市妇幼保健院");

  fixture->dir = hz_test_make_tmp_dir ("huizhen-case-XXXXXX");
  fixture->store = hz_test_store_new (fixture->dir, actor);
  fixture->loop = g_main_loop_new (NULL, FALSE);

  hz_test_import_json (fixture->store, case_bundle);
  hz_test_import_json (fixture->store, other_bundle);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->loop, g_main_loop_unref);

  hz_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Fixture *fixture = user_data;
  g_autoptr(GError) error = NULL;
  HzCase *hz_case = hz_case_load_finish (result, &error);

  g_assert_no_error (error);
  g_object_set_data_full (G_OBJECT (fixture->store), "loaded", hz_case, g_object_unref);
  g_main_loop_quit (fixture->loop);
}

static HzCase *
load_async (Fixture    *fixture,
            const char *case_id)
{
  HzCase *hz_case;

  hz_case_load_async (fixture->store, case_id, NULL, load_cb, fixture);
  g_main_loop_run (fixture->loop);

  hz_case = g_object_steal_data (G_OBJECT (fixture->store), "loaded");
  g_assert_true (HZ_IS_CASE (hz_case));
  return hz_case;
}

static const char *
id_at (GListModel *model,
       guint       position)
{
  g_autoptr(HzResource) resource = g_list_model_get_item (model, position);

  return hz_resource_get_id (resource);
}

static void
test_load_async (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(HzCase) hz_case = NULL;
  g_autoptr(GPtrArray) weights = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *observations;
  HzResource *crl;
  HzDating dating;
  GDate expected_lmp;
  gint64 audit_before = hz_store_count_audit (fixture->store, "ep1");

  hz_case = load_async (fixture, "ep1");

  g_assert_cmpstr (hz_case_get_id (hz_case), ==, "ep1");
  g_assert_true (hz_case_get_store (hz_case) == fixture->store);
  g_assert_cmpuint (hz_case_get_n_resources (hz_case), ==, 9);
  g_assert_cmpstr (hz_case_get_patient_name (hz_case), ==, "陈静");
  g_assert_cmpstr (hz_resource_get_reference (hz_case_get_patient (hz_case)), ==, "Patient/p1");
  g_assert_cmpstr (hz_resource_get_reference (hz_case_get_episode (hz_case)), ==, "EpisodeOfCare/ep1");

  /* one audited read */
  g_assert_cmpint (hz_store_count_audit (fixture->store, "ep1"), ==, audit_before + 1);
  audit = hz_test_list_audit_json (fixture->store, "ep1", 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (audit, 0), "action"), ==, "R");

  /* oldest first, undated last */
  observations = hz_case_get_resources (hz_case, "Observation");
  g_assert_true (g_list_model_get_item_type (observations) == HZ_TYPE_RESOURCE);
  g_assert_cmpuint (g_list_model_get_n_items (observations), ==, 5);
  g_assert_cmpstr (id_at (observations, 0), ==, "lmp");
  g_assert_cmpstr (id_at (observations, 1), ==, "w1");
  g_assert_cmpstr (id_at (observations, 2), ==, "crl");
  g_assert_cmpstr (id_at (observations, 3), ==, "w3");
  g_assert_cmpstr (id_at (observations, 4), ==, "undated");

  /* always the same model object for a type, also for empty ones */
  g_assert_true (hz_case_get_resources (hz_case, "Observation") == observations);
  g_assert_cmpuint (g_list_model_get_n_items (hz_case_get_resources (hz_case, "Condition")), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (hz_case_get_resources (hz_case, "Flag")), ==, 0);
  g_assert_true (hz_case_get_resources (hz_case, "Flag") == hz_case_get_resources (hz_case, "Flag"));

  crl = hz_case_lookup (hz_case, "Observation/crl");
  g_assert_nonnull (crl);
  g_assert_cmpstr (hz_resource_get_id (crl), ==, "crl");
  g_assert_null (hz_case_lookup (hz_case, "Observation/none"));
  g_assert_null (hz_case_lookup (hz_case, "Patient/p2"));

  weights = hz_case_find_observations (hz_case, HZ_LOINC_BODY_WEIGHT);
  g_assert_cmpuint (weights->len, ==, 2);
  g_assert_cmpstr (hz_resource_get_id (g_ptr_array_index (weights, 0)), ==, "w1");
  g_assert_cmpstr (hz_resource_get_id (g_ptr_array_index (weights, 1)), ==, "w3");

  hz_case_get_dating (hz_case, &dating);
  g_assert_cmpint (dating.method, ==, HZ_DATING_CRL);
  g_assert_true (dating.has_reported_lmp);
  g_assert_cmpint (g_date_get_day (&dating.reported_lmp), ==, 1);
  g_assert_true (dating.has_crl);
  g_assert_cmpfloat (dating.crl_mm, ==, 20.0);
  g_assert_cmpint (dating.crl_ga_days, ==, hz_ga_days_from_crl (20.0));
  g_date_clear (&expected_lmp, 1);
  g_date_set_dmy (&expected_lmp, 20, G_DATE_FEBRUARY, 2024);
  g_date_subtract_days (&expected_lmp, hz_ga_days_from_crl (20.0));
  g_assert_cmpint (g_date_compare (&dating.lmp, &expected_lmp), ==, 0);
  g_assert_false (dating.delivered);
}

typedef struct
{
  guint  changes;
  GStrv  types;
  guint  items_changed;
  guint  position, removed, added;
} Watch;

static void
on_case_changed (HzCase     *hz_case,
                 const char **types,
                 Watch      *watch)
{
  watch->changes++;
  g_strfreev (watch->types);
  watch->types = g_strdupv ((GStrv) types);
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Watch      *watch)
{
  watch->items_changed++;
  watch->position = position;
  watch->removed = removed;
  watch->added = added;
}

static void
wait_for_change (Watch *watch,
                 guint  changes)
{
  guint timeout = 0;

  while (watch->changes < changes)
    {
      g_main_context_iteration (NULL, TRUE);
      g_assert_cmpuint (++timeout, <, 100000);
    }
}

static void
test_live_update (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(HzCase) hz_case = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) w2 = NULL;
  g_autoptr(JsonObject) w3 = NULL;
  g_autoptr(HzResource) kept_first = NULL;
  g_autoptr(HzResource) kept_last = NULL;
  g_autoptr(JsonObject) delivery = NULL;
  g_autoptr(JsonObject) other = NULL;
  GListModel *observations;
  Watch watch = { 0, };
  HzDating dating;
  gulong items_id;

  hz_case = load_async (fixture, "ep1");
  observations = hz_case_get_resources (hz_case, "Observation");
  g_signal_connect (hz_case, "changed", G_CALLBACK (on_case_changed), &watch);
  items_id = g_signal_connect (observations, "items-changed", G_CALLBACK (on_items_changed), &watch);
  kept_first = g_list_model_get_item (observations, 0);
  kept_last = g_list_model_get_item (observations, 4);

  /* a new weight between w1 (02-01) and crl (02-20): inserted in place */
  w2 = hz_test_parse_object ("{\"resourceType\": \"Observation\", \"id\": \"w2\", \"status\": \"final\","
                     " \"code\": {\"coding\": [{\"system\": \"" HZ_SYSTEM_LOINC "\", \"code\": \"" HZ_LOINC_BODY_WEIGHT "\"}]},"
                     " \"subject\": {\"reference\": \"Patient/p1\"}, \"effectiveDateTime\": \"2024-02-10\","
                     " \"valueQuantity\": {\"value\": 56}}");
  g_assert_true (hz_store_put (fixture->store, "ep1", w2, &error));
  g_assert_no_error (error);
  wait_for_change (&watch, 1);

  g_assert_cmpstrv (watch.types, ((const char *[]) { "Observation", NULL }));
  g_assert_cmpuint (g_list_model_get_n_items (observations), ==, 6);
  g_assert_cmpstr (id_at (observations, 2), ==, "w2");
  /* one splice: only the new row */
  g_assert_cmpuint (watch.items_changed, ==, 1);
  g_assert_cmpuint (watch.position, ==, 2);
  g_assert_cmpuint (watch.removed, ==, 0);
  g_assert_cmpuint (watch.added, ==, 1);
  /* the rows that did not change are the same objects */
  {
    g_autoptr(HzResource) first = g_list_model_get_item (observations, 0);
    g_autoptr(HzResource) last = g_list_model_get_item (observations, 5);

    g_assert_true (first == kept_first);
    g_assert_true (last == kept_last);
  }
  g_assert_nonnull (hz_case_lookup (hz_case, "Observation/w2"));
  g_assert_cmpuint (hz_case_get_n_resources (hz_case), ==, 10);

  /* an update replaces just that row */
  w3 = hz_test_store_get_json (fixture->store, "Observation", "w3", &error);
  g_assert_no_error (error);
  json_object_set_string_member (w3, "status", "amended");
  g_assert_true (hz_store_put (fixture->store, "ep1", w3, &error));
  g_assert_no_error (error);
  wait_for_change (&watch, 2);
  g_assert_cmpuint (watch.items_changed, ==, 2);
  g_assert_cmpuint (watch.position, ==, 4);
  g_assert_cmpuint (watch.removed, ==, 1);
  g_assert_cmpuint (watch.added, ==, 1);
  g_assert_cmpstr (hz_jv_get_string (hz_resource_get_value (hz_case_lookup (hz_case, "Observation/w3")),
                                     "status"), ==, "amended");

  /* a delete removes it */
  g_assert_true (hz_store_delete (fixture->store, "Observation", "w2", HZ_STORE_ANY_VERSION, &error));
  g_assert_no_error (error);
  wait_for_change (&watch, 3);
  g_assert_cmpuint (g_list_model_get_n_items (observations), ==, 5);
  g_assert_cmpuint (watch.position, ==, 2);
  g_assert_cmpuint (watch.removed, ==, 1);
  g_assert_cmpuint (watch.added, ==, 0);
  g_assert_null (hz_case_lookup (hz_case, "Observation/w2"));

  /* a commit to another case leaves this one alone */
  other = hz_test_parse_object ("{\"resourceType\": \"Observation\", \"id\": \"o-other\", \"status\": \"final\","
                        " \"subject\": {\"reference\": \"Patient/p2\"}}");
  g_assert_true (hz_store_put (fixture->store, "ep2", other, &error));
  g_assert_no_error (error);

  /* a new type: its model is filled and named; the dating follows */
  delivery = hz_test_parse_object ("{\"resourceType\": \"Observation\", \"id\": \"del\", \"status\": \"final\","
                           " \"code\": {\"coding\": [{\"system\": \"" HZ_SYSTEM_LOINC "\", \"code\": \"" HZ_LOINC_DELIVERY_DATE "\"}]},"
                           " \"subject\": {\"reference\": \"Patient/p1\"}, \"effectiveDateTime\": \"2024-09-28\","
                           " \"valueDateTime\": \"2024-09-28T03:10:00+08:00\"}");
  {
    g_autoptr(JsonObject) flag = hz_test_parse_object ("{\"resourceType\": \"Flag\", \"id\": \"f1\", \"status\": \"active\","
                                               " \"code\": {\"text\": \"乙肝\"}, \"subject\": {\"reference\": \"Patient/p1\"}}");
    g_autoptr(GPtrArray) batch = g_ptr_array_new ();

    g_ptr_array_add (batch, flag);
    g_ptr_array_add (batch, delivery);
    g_assert_true (hz_store_put_all (fixture->store, "ep1", batch, &error));
    g_assert_no_error (error);
  }
  wait_for_change (&watch, 4);
  g_assert_cmpstrv (watch.types, ((const char *[]) { "Flag", "Observation", NULL }));
  g_assert_cmpuint (g_list_model_get_n_items (hz_case_get_resources (hz_case, "Flag")), ==, 1);
  hz_case_get_dating (hz_case, &dating);
  g_assert_true (dating.delivered);
  g_assert_cmpint (g_date_get_month (&dating.delivery_date), ==, 9);
  g_assert_cmpint (g_date_get_day (&dating.delivery_date), ==, 28);
  g_assert_cmpuint (watch.changes, ==, 4);

  /* the patient is renamed: the case follows */
  {
    g_autoptr(JsonObject) patient = hz_test_store_get_json (fixture->store, "Patient", "p1", &error);
    JsonObject *name = json_array_get_object_element (json_object_get_array_member (patient, "name"), 0);

    json_object_set_string_member (name, "text", "陈静怡");
    g_assert_true (hz_store_put (fixture->store, "ep1", patient, &error));
    g_assert_no_error (error);
    wait_for_change (&watch, 5);
    g_assert_cmpstr (hz_case_get_patient_name (hz_case), ==, "陈静怡");
  }

  g_signal_handler_disconnect (observations, items_id);
  g_strfreev (watch.types);
}

static void
test_write_while_loading (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(HzCase) hz_case = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) late = NULL;
  guint spins = 0;

  hz_case_load_async (fixture->store, "ep1", NULL, load_cb, fixture);

  /* committed while the worker thread reads: never lost */
  late = hz_test_parse_object ("{\"resourceType\": \"Condition\", \"id\": \"late\", \"code\": {\"text\": \"贫血\"},"
                       " \"subject\": {\"reference\": \"Patient/p1\"}}");
  g_assert_true (hz_store_put (fixture->store, "ep1", late, &error));
  g_assert_no_error (error);

  g_main_loop_run (fixture->loop);
  hz_case = g_object_steal_data (G_OBJECT (fixture->store), "loaded");

  while (hz_case_lookup (hz_case, "Condition/late") == NULL)
    {
      g_main_context_iteration (NULL, TRUE);
      g_assert_cmpuint (++spins, <, 100000);
    }
  g_assert_cmpuint (g_list_model_get_n_items (hz_case_get_resources (hz_case, "Condition")), ==, 2);
}

static void
test_load_sync_and_errors (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HzCase) hz_case = NULL;
  g_autoptr(HzCase) missing = NULL;
  g_autoptr(JsonObject) obs = NULL;
  HzCase *weak = NULL;
  HzDating dating;

  hz_case = hz_case_load (fixture->store, "ep2", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hz_case_get_n_resources (hz_case), ==, 2);
  g_assert_cmpstr (hz_case_get_patient_name (hz_case), ==, "周丽");
  hz_case_get_dating (hz_case, &dating);
  g_assert_cmpint (dating.method, ==, HZ_DATING_NONE);

  missing = hz_case_load (fixture->store, "nope", &error);
  g_assert_null (missing);
  g_assert_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* a closed case no longer listens to the store */
  weak = hz_case;
  g_object_add_weak_pointer (G_OBJECT (hz_case), (gpointer *) &weak);
  g_clear_object (&hz_case);
  g_assert_null (weak);

  obs = hz_test_parse_object ("{\"resourceType\": \"Observation\", \"id\": \"after\", \"status\": \"final\","
                      " \"subject\": {\"reference\": \"Patient/p2\"}}");
  g_assert_true (hz_store_put (fixture->store, "ep2", obs, &error));
  g_assert_no_error (error);
  while (g_main_context_iteration (NULL, FALSE));
}

/* An Observation of a count (gravida, para...) in case ep1 */
static void
put_count (Fixture    *fixture,
           const char *id,
           const char *loinc_code,
           const char *date,
           const char *status,
           int         value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) observation = NULL;
  g_autofree char *json = NULL;

  json = g_strdup_printf ("{\"resourceType\": \"Observation\", \"id\": \"%s\", \"status\": \"%s\","
                          " \"code\": {\"coding\": [{\"system\": \"" HZ_SYSTEM_LOINC "\", \"code\": \"%s\"}]},"
                          " \"subject\": {\"reference\": \"Patient/p1\"},"
                          " \"effectiveDateTime\": \"%s\", \"valueInteger\": %d}",
                          id, status, loinc_code, date, value);
  observation = hz_test_parse_object (json);
  g_assert_true (hz_store_put (fixture->store, "ep1", observation, &error));
  g_assert_no_error (error);
}

static void
test_obstetric_history (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HzCase) hz_case = NULL;
  g_autofree char *history = NULL;
  gint64 value = -1;

  /* nothing recorded */
  hz_case = hz_case_load (fixture->store, "ep1", &error);
  g_assert_no_error (error);
  g_assert_null (hz_case_format_obstetric_history (hz_case));
  g_assert_false (hz_case_get_latest_integer (hz_case, HZ_LOINC_GRAVIDA, &value));
  g_assert_cmpint (value, ==, -1);
  g_clear_object (&hz_case);

  /* gravida and para only: G/P */
  put_count (fixture, "g1", HZ_LOINC_GRAVIDA, "2024-01-20", "final", 3);
  put_count (fixture, "p1-count", HZ_LOINC_PARA, "2024-01-20", "final", 1);
  hz_case = hz_case_load (fixture->store, "ep1", &error);
  g_assert_no_error (error);
  g_assert_true (hz_case_get_latest_integer (hz_case, HZ_LOINC_GRAVIDA, &value));
  g_assert_cmpint (value, ==, 3);
  history = hz_case_format_obstetric_history (hz_case);
  g_assert_cmpstr (history, ==, "G3P1");
  g_clear_pointer (&history, g_free);
  g_clear_object (&hz_case);

  /* the four counts, recorded later: 足月-早产-流产-现存 */
  put_count (fixture, "p2-count", HZ_LOINC_PARA, "2024-02-20", "final", 0);
  put_count (fixture, "term", HZ_LOINC_BIRTHS_TERM, "2024-02-20", "final", 0);
  put_count (fixture, "preterm", HZ_LOINC_BIRTHS_PRETERM, "2024-02-20", "final", 0);
  put_count (fixture, "abortions", HZ_LOINC_ABORTIONS, "2024-02-20", "final", 2);
  put_count (fixture, "living", HZ_LOINC_LIVING_CHILDREN, "2024-02-20", "final", 0);
  /* a newer one entered in error does not count */
  put_count (fixture, "g2", HZ_LOINC_GRAVIDA, "2024-03-01", "entered-in-error", 5);
  hz_case = hz_case_load (fixture->store, "ep1", &error);
  g_assert_no_error (error);
  g_assert_true (hz_case_get_latest_integer (hz_case, HZ_LOINC_GRAVIDA, &value));
  g_assert_cmpint (value, ==, 3);
  g_assert_true (hz_case_get_latest_integer (hz_case, HZ_LOINC_ABORTIONS, &value));
  g_assert_cmpint (value, ==, 2);
  history = hz_case_format_obstetric_history (hz_case);
  g_assert_cmpstr (history, ==, "G3P0-0-2-0");
}

/* The demo cases record their obstetric history in full */
static void
test_demo_obstetric_history (Fixture       *fixture,
                             gconstpointer  data)
{
  static const struct {
    const char *case_id;
    const char *history;
  } demos[] = {
    { "c1-episode", "G3P0-0-2-0" },
    { "c2-episode", "G1P0-0-0-0" },
    { "c3-episode", "G2P1-0-0-1" },
    /* delivered: the counts recorded after the delivery */
    { "c4-episode", "G2P1-0-1-1" },
  };

  if (hz_test_import_demo (fixture->store) == 0)
    {
      g_test_message ("HUIZHEN_DEMO_DIR names no folder of demo bundles");
      g_test_fail ();
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (demos); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(HzCase) hz_case = hz_case_load (fixture->store, demos[i].case_id, &error);
      g_autofree char *history = NULL;

      g_assert_no_error (error);
      history = hz_case_format_obstetric_history (hz_case);
      g_assert_cmpstr (history, ==, demos[i].history);
    }
}

/* A case begun before a pregnancy (备孕, e.g. cyst surgery before IVF) is
 * "pre-conception" until it is dated; the same case goes on after, through
 * the delivery to the newborn's link (the whole cycle of one case) */
static gboolean
summary_preconception (Fixture    *fixture,
                       const char *case_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HzCaseSummary) summary = hz_store_get_case_summary (fixture->store, case_id, &error);

  g_assert_no_error (error);
  return hz_case_summary_get_preconception (summary);
}

static gboolean
case_dated (gpointer kase)
{
  return !hz_case_is_preconception (kase);
}

static gboolean
case_delivered (gpointer kase)
{
  HzDating dating;

  hz_case_get_dating (kase, &dating);
  return dating.delivered;
}

static void
test_preconception (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HzCase) kase = NULL;
  g_autoptr(JsonObject) lmp = NULL;
  HzDating dating;
  GDate day;

  hz_test_import_json (fixture->store,
    "{\"resourceType\": \"Bundle\", \"type\": \"collection\", \"entry\": ["
    " {\"resource\": {\"resourceType\": \"Patient\", \"id\": \"p3\", \"name\": [{\"text\": \"林晓\"}]}},"
    " {\"resource\": {\"resourceType\": \"EpisodeOfCare\", \"id\": \"ep3\", \"status\": \"active\","
    "  \"type\": [{\"coding\": [{\"system\": \"" HZ_SYSTEM_EPISODE_TYPE "\", \"code\": \"preconception\"}],"
    "             \"text\": \"备孕\"}],"
    "  \"patient\": {\"reference\": \"Patient/p3\"}}}"
    "]}");

  /* the rule: begun before a pregnancy, neither dated nor delivered */
  hz_dating_compute (&dating, NULL, NULL, 0, NULL, 0, NULL, NULL);
  g_assert_true (hz_dating_is_preconception (&dating, TRUE));
  g_assert_false (hz_dating_is_preconception (&dating, FALSE));
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 1, G_DATE_MARCH, 2026);
  hz_dating_compute (&dating, NULL, NULL, 0, NULL, 0, NULL, &day);
  g_assert_false (hz_dating_is_preconception (&dating, TRUE));
  hz_dating_compute (&dating, NULL, NULL, 0, &day, 5, NULL, NULL);
  g_assert_false (hz_dating_is_preconception (&dating, TRUE));

  /* a pregnancy case with no dating is not pre-conception: its GA is unknown */
  kase = hz_case_load (fixture->store, "ep2", &error);
  g_assert_no_error (error);
  g_assert_false (hz_case_is_preconception (kase));
  g_assert_false (summary_preconception (fixture, "ep2"));
  g_clear_object (&kase);

  kase = hz_case_load (fixture->store, "ep3", &error);
  g_assert_no_error (error);
  g_assert_true (hz_case_is_preconception (kase));
  g_assert_true (summary_preconception (fixture, "ep3"));
  /* no pregnancy to grade yet */
  g_assert_false (hz_risk_regrading_proposed (kase, &day, NULL, NULL, NULL));

  /* an LMP: the same case, now a pregnancy */
  lmp = hz_test_parse_object ("{\"resourceType\": \"Observation\", \"id\": \"lmp3\", \"status\": \"final\","
                              " \"code\": {\"coding\": [{\"system\": \"" HZ_SYSTEM_LOINC "\", \"code\": \"" HZ_LOINC_LMP "\"}]},"
                              " \"subject\": {\"reference\": \"Patient/p3\"},"
                              " \"effectiveDateTime\": \"2026-11-20\", \"valueDateTime\": \"2026-11-01\"}");
  g_assert_true (hz_store_put (fixture->store, "ep3", lmp, &error));
  g_assert_no_error (error);
  g_assert_true (hz_test_wait_until (case_dated, kase));
  g_assert_false (hz_case_is_preconception (kase));
  hz_case_get_dating (kase, &dating);
  g_assert_cmpint (dating.method, ==, HZ_DATING_LMP);
  /* a pregnancy: the five-colour grading is asked for */
  g_date_set_dmy (&day, 20, G_DATE_NOVEMBER, 2026);
  g_assert_true (hz_risk_regrading_proposed (kase, &day, NULL, NULL, NULL));
  /* the summary keeps what the case began as; the list reads the dating */
  g_assert_true (summary_preconception (fixture, "ep3"));

  /* ... and on through the delivery to the newborn's link, the same case */
  {
    g_autoptr(GDateTime) now = g_date_time_new_local (2027, 8, 10, 9, 0, 0);
    g_autoptr(GPtrArray) resources = NULL;
    g_autoptr(GPtrArray) newborns = NULL;
    g_autoptr(HzCaseSummary) summary = NULL;
    HzDelivery delivery;

    hz_delivery_init (&delivery);
    g_assert_true (hz_delivery_set_field (&delivery, HZ_DELIVERY_FIELD_TIME, "2027-08-08 14:20", kase, now, &error));
    g_assert_no_error (error);
    g_assert_true (hz_delivery_set_field (&delivery, HZ_DELIVERY_FIELD_BIRTH_WEIGHT, "3150", kase, now, &error));
    g_assert_true (hz_delivery_set_field (&delivery, HZ_DELIVERY_FIELD_APGAR_1, "9", kase, now, &error));
    g_assert_true (hz_delivery_set_field (&delivery, HZ_DELIVERY_FIELD_APGAR_5, "10", kase, now, &error));
    g_assert_true (hz_delivery_check (&delivery, NULL, &error));
    resources = hz_delivery_build_resources (kase, &delivery, now);
    hz_delivery_clear (&delivery);
    g_assert_true (hz_store_put_all (fixture->store, "ep3", resources, &error));
    g_assert_no_error (error);
    g_assert_true (hz_test_wait_until (case_delivered, kase));
    hz_case_get_dating (kase, &dating);
    g_assert_true (dating.delivered);
    g_assert_cmpint (g_date_get_day (&dating.delivery_date), ==, 8);

    /* the newborn, linked to her mother and referred to paediatrics */
    newborns = hz_case_find_newborns (kase);
    g_assert_cmpuint (newborns->len, ==, 1);
    g_assert_cmpstr (hz_jv_get_path_string (hz_resource_get_value (newborns->pdata[0]), "birthDate"), ==,
                     "2027-08-08");
    g_assert_cmpstr (hz_case_get_patient_name (kase), ==, "林晓");
    summary = hz_store_get_case_summary (fixture->store, "ep3", &error);
    g_assert_no_error (error);
    g_assert_cmpstr (hz_case_summary_get_delivery_date (summary), ==, "2027-08-08");
    g_assert_cmpstr (hz_case_summary_get_next_action (summary), ==, "Child-health follow-up");
    g_assert_true (g_str_has_prefix (hz_case_summary_get_next_action_due (summary), "2027-08-15T23:59:59"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/huizhen/case/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("load-async", test_load_async);
  ADD ("live-update", test_live_update);
  ADD ("write-while-loading", test_write_while_loading);
  ADD ("load-sync-and-errors", test_load_sync_and_errors);
  ADD ("obstetric-history", test_obstetric_history);
  ADD ("demo-obstetric-history", test_demo_obstetric_history);
  ADD ("preconception", test_preconception);

#undef ADD

  return g_test_run ();
}
