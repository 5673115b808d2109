/* test-store.c — the case store: round trips, bundles, validation, audit, signals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sqlite3.h>

#include <glib/gstdio.h>
#include <huizhen.h>

#include "hz-store-private.h"
#include "hz-test-utils.h"

#define ID_CARD "110101199003071234"

typedef struct
{
  char    *dir;
  char    *path;
  HzStore *store;
} Fixture;

/* ------------------------------------------------------------------------- */
/* Helpers */

/* A deep copy of @object without its meta */
static JsonNode *
without_meta (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;
  JsonNode *copy;

  json_node_set_object (node, object);
  text = json_to_string (node, FALSE);
  copy = hz_test_parse_node (text);
  json_object_remove_member (json_node_get_object (copy), "meta");
  return copy;
}

static void
assert_json_equal_except_meta (JsonObject *expected,
                               JsonObject *actual)
{
  g_autoptr(JsonNode) a = without_meta (expected);
  g_autoptr(JsonNode) b = without_meta (actual);

  if (!json_node_equal (a, b))
    {
      g_autofree char *sa = json_to_string (a, TRUE);
      g_autofree char *sb = json_to_string (b, TRUE);

      g_error ("JSON differs:\nexpected %s\nactual %s", sa, sb);
    }
}

static const char *
meta_string (JsonObject *resource,
             const char *member)
{
  JsonObject *meta = json_object_get_object_member (resource, "meta");

  g_assert_nonnull (meta);
  return json_object_get_string_member (meta, member);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HzActor) actor = hz_actor_new ("王丽", HZ_TEAM_OBSTETRICS, "主任医师", "市妇幼保健院");

  fixture->dir = hz_test_make_tmp_dir ("huizhen-store-XXXXXX");
  /* parent folders are created */
  fixture->path = g_build_filename (fixture->dir, "nested", "deeper", "huizhen.db", NULL);
  fixture->store = hz_store_new (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->store);
  hz_store_set_actor (fixture->store, actor);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  hz_test_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static char *
write_temp_file (Fixture    *fixture,
                 const char *name,
                 const char *contents,
                 gssize      length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->dir, name, NULL);

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return path;
}

typedef struct
{
  gint64 resources;
  gint64 audit;
} Counts;

static Counts
count_all (HzStore *store)
{
  Counts counts = {
    hz_store_count_resources (store, NULL),
    hz_store_count_audit (store, NULL),
  };

  g_assert_cmpint (counts.resources, >=, 0);
  g_assert_cmpint (counts.audit, >=, 0);
  return counts;
}

/* Nothing was written; the refusal itself is recorded, when the store
 * could record anything, as one failed AuditEvent (outcome 4) naming why. */
static void
assert_counts_unchanged (HzStore *store,
                         Counts   before)
{
  Counts after = count_all (store);

  g_assert_cmpint (after.resources, ==, before.resources);
  if (after.audit != before.audit)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) last = hz_test_list_audit_json (store, NULL, 1, &error);

      g_assert_no_error (error);
      g_assert_cmpint (after.audit, ==, before.audit + 1);
      g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (last, 0), "outcome"), ==, "4");
      g_assert_nonnull (json_object_get_string_member (
                          json_array_get_object_element (
                            json_object_get_array_member (g_ptr_array_index (last, 0), "entity"), 0),
                          "description"));
    }
}

/* ------------------------------------------------------------------------- */
/* Fixtures: one resource of each type, all in case ep1 */

#define PATIENT_P1 \
  "{\"resourceType\": \"Patient\", \"id\": \"p1\"," \
  " \"identifier\": [{\"system\": \"" HZ_SYSTEM_ID_CARD "\", \"value\": \"" ID_CARD "\"}," \
  "                  {\"system\": \"" HZ_SYSTEM_MRN "\", \"value\": \"MRN-0001\"}]," \
  " \"name\": [{\"text\": \"李梅\", \"family\": \"李\", \"given\": [\"梅\"]}]," \
  " \"gender\": \"female\", \"birthDate\": \"1990-03-07\"," \
  " \"_birthDate\": {\"extension\": [{\"url\": \"http://example.org/fhir/precision\", \"valueCode\": \"day\"}]}," \
  " \"x-vendor-field\": {\"his\": \"东软\", \"ward\": 12, \"score\": 36.6, \"flags\": [true, null]}}"

#define EPISODE_EP1 \
  "{\"resourceType\": \"EpisodeOfCare\", \"id\": \"ep1\", \"status\": \"active\"," \
  " \"patient\": {\"reference\": \"Patient/p1\"}," \
  " \"managingOrganization\": {\"reference\": \"Organization/org1\", \"display\": \"市妇幼保健院\"}," \
  " \"period\": {\"start\": \"2024-01-10\"}}"

static const char * const type_fixtures[] = {
  PATIENT_P1,
  EPISODE_EP1,
  "{\"resourceType\": \"Encounter\", \"id\": \"enc1\", \"status\": \"finished\","
  " \"class\": {\"system\": \"http://terminology.hl7.org/CodeSystem/v3-ActCode\", \"code\": \"AMB\"},"
  " \"subject\": {\"reference\": \"Patient/p1\"},"
  " \"episodeOfCare\": [{\"reference\": \"EpisodeOfCare/ep1\"}],"
  " \"participant\": [{\"individual\": {\"reference\": \"Practitioner/dr-wang\", \"display\": \"王丽\"}}],"
  " \"period\": {\"start\": \"2024-02-01T09:00:00+08:00\", \"end\": \"2024-02-01T10:00:00+08:00\"}}",
  "{\"resourceType\": \"Condition\", \"id\": \"cond1\","
  " \"code\": {\"text\": \"妊娠期糖尿病\"}, \"subject\": {\"reference\": \"Patient/p1\"},"
  " \"encounter\": {\"reference\": \"Encounter/enc1\"}, \"onsetDateTime\": \"2024-03-15\","
  " \"recordedDate\": \"2024-03-16T08:30:00+08:00\"}",
  "{\"resourceType\": \"Observation\", \"id\": \"obs1\", \"status\": \"final\","
  " \"code\": {\"coding\": [{\"system\": \"" HZ_SYSTEM_LOINC "\", \"code\": \"" HZ_LOINC_LMP "\"}], \"text\": \"末次月经\"},"
  " \"subject\": {\"reference\": \"Patient/p1\"}, \"encounter\": {\"reference\": \"Encounter/enc1\"},"
  " \"effectiveDateTime\": \"2024-02-01\", \"valueDateTime\": \"2024-01-01\"}",
  "{\"resourceType\": \"RiskAssessment\", \"id\": \"ra1\", \"status\": \"final\","
  " \"subject\": {\"reference\": \"Patient/p1\"}, \"occurrenceDateTime\": \"2024-02-01\","
  " \"basis\": [{\"reference\": \"Condition/cond1\"}],"
  " \"prediction\": [{\"outcome\": {\"coding\": [{\"system\": \"" HZ_SYSTEM_RISK_COLOUR "\", \"code\": \"orange\"}], \"text\": \"橙色\"}}],"
  " \"note\": [{\"text\": \"妊娠期糖尿病需胰岛素治疗\"}]}",
  "{\"resourceType\": \"Flag\", \"id\": \"flag1\", \"status\": \"active\","
  " \"code\": {\"coding\": [{\"system\": \"" HZ_SYSTEM_RISK_COLOUR "\", \"code\": \"purple\"}], \"text\": \"乙肝\"},"
  " \"subject\": {\"reference\": \"Patient/p1\"}, \"period\": {\"start\": \"2024-02-01\"}}",
  "{\"resourceType\": \"ImagingStudy\", \"id\": \"img1\", \"status\": \"available\","
  " \"subject\": {\"reference\": \"Patient/p1\"}, \"encounter\": {\"reference\": \"Encounter/enc1\"},"
  " \"started\": \"2024-02-01T09:30:00+08:00\", \"numberOfSeries\": 1,"
  " \"identifier\": [{\"system\": \"urn:dicom:uid\", \"value\": \"urn:oid:1.2.840.113619.2.1\"}]}",
  "{\"resourceType\": \"Media\", \"id\": \"media1\", \"status\": \"completed\","
  " \"subject\": {\"reference\": \"Patient/p1\"}, \"createdDateTime\": \"2024-02-01T09:40:00+08:00\","
  " \"content\": {\"contentType\": \"video/mp4\", \"url\": \"file:///data/us/clip1.mp4\"}}",
  "{\"resourceType\": \"DiagnosticReport\", \"id\": \"dr1\", \"status\": \"final\","
  " \"code\": {\"text\": \"早孕超声\"}, \"subject\": {\"reference\": \"Patient/p1\"},"
  " \"effectiveDateTime\": \"2024-02-01\", \"issued\": \"2024-02-01T11:00:00+08:00\","
  " \"result\": [{\"reference\": \"Observation/obs1\"}], \"imagingStudy\": [{\"reference\": \"ImagingStudy/img1\"}]}",
  "{\"resourceType\": \"ServiceRequest\", \"id\": \"sr1\", \"status\": \"active\", \"intent\": \"order\","
  " \"category\": [{\"text\": \"转诊\"}], \"code\": {\"text\": \"上转至市妇幼\"},"
  " \"subject\": {\"reference\": \"Patient/p1\"}, \"authoredOn\": \"2024-03-01T10:00:00+08:00\","
  " \"requester\": {\"display\": \"县医院\"}, \"performer\": [{\"display\": \"市妇幼保健院\"}]}",
  "{\"resourceType\": \"Task\", \"id\": \"task1\", \"status\": \"requested\", \"intent\": \"order\","
  " \"focus\": {\"reference\": \"ServiceRequest/sr1\"}, \"for\": {\"reference\": \"Patient/p1\"},"
  " \"authoredOn\": \"2024-03-01T10:05:00+08:00\", \"description\": \"转诊待接收\"}",
  "{\"resourceType\": \"Appointment\", \"id\": \"appt1\", \"status\": \"booked\","
  " \"description\": \"MDT 会诊\", \"start\": \"2099-03-10T14:00:00+08:00\", \"end\": \"2099-03-10T15:00:00+08:00\","
  " \"supportingInformation\": [{\"reference\": \"EpisodeOfCare/ep1\"}],"
  " \"participant\": [{\"actor\": {\"reference\": \"Patient/p1\"}, \"status\": \"accepted\"}]}",
  "{\"resourceType\": \"CareTeam\", \"id\": \"ct1\", \"status\": \"active\", \"name\": \"MDT 团队\","
  " \"subject\": {\"reference\": \"Patient/p1\"}, \"encounter\": {\"reference\": \"Encounter/enc1\"},"
  " \"participant\": [{\"member\": {\"display\": \"王丽\"}, \"role\": [{\"text\": \"产科\"}]}]}",
  "{\"resourceType\": \"QuestionnaireResponse\", \"id\": \"qr1\", \"status\": \"completed\","
  " \"questionnaire\": \"https://huizhen.github.io/fhir/Questionnaire/epds\","
  " \"subject\": {\"reference\": \"Patient/p1\"}, \"authored\": \"2024-03-02T09:00:00+08:00\","
  " \"item\": [{\"linkId\": \"1\", \"answer\": [{\"valueInteger\": 2}]}, {\"linkId\": \"10\", \"answer\": [{\"valueInteger\": 0}]}]}",
  "{\"resourceType\": \"CarePlan\", \"id\": \"cp1\", \"status\": \"active\", \"intent\": \"plan\","
  " \"title\": \"MDT 决议\", \"subject\": {\"reference\": \"Patient/p1\"}, \"created\": \"2024-03-10\","
  " \"period\": {\"start\": \"2024-03-10\", \"end\": \"2024-10-08\"}}",
  "{\"resourceType\": \"Composition\", \"id\": \"comp1\", \"status\": \"final\","
  " \"type\": {\"text\": \"会诊意见书\"}, \"subject\": {\"reference\": \"Patient/p1\"},"
  " \"date\": \"2024-03-10T15:00:00+08:00\", \"title\": \"会诊意见书\", \"author\": [{\"display\": \"王丽\"}],"
  " \"section\": [{\"title\": \"产科\", \"text\": {\"status\": \"generated\", \"div\": \"<div xmlns=\\\"http://www.w3.org/1999/xhtml\\\">继续妊娠</div>\"}}]}",
  "{\"resourceType\": \"Communication\", \"id\": \"comm1\", \"status\": \"completed\","
  " \"subject\": {\"reference\": \"Patient/p1\"}, \"encounter\": {\"reference\": \"Encounter/enc1\"},"
  " \"sent\": \"2024-03-10T14:05:00+08:00\", \"sender\": {\"display\": \"王丽\"},"
  " \"payload\": [{\"contentString\": \"请看孕 12 周超声\"}]}",
  "{\"resourceType\": \"Consent\", \"id\": \"cons1\", \"status\": \"active\","
  " \"scope\": {\"text\": \"会诊\"}, \"category\": [{\"text\": \"知情同意\"}],"
  " \"patient\": {\"reference\": \"Patient/p1\"}, \"dateTime\": \"2024-03-01T09:00:00+08:00\"}",
  "{\"resourceType\": \"AuditEvent\", \"id\": \"ae1\","
  " \"type\": {\"code\": \"rest\"}, \"action\": \"R\", \"recorded\": \"2024-03-01T09:00:00+08:00\","
  " \"agent\": [{\"who\": {\"display\": \"外院医生\"}, \"requestor\": true}],"
  " \"source\": {\"observer\": {\"display\": \"县医院\"}},"
  " \"entity\": [{\"what\": {\"reference\": \"Observation/obs1\"}}]}",
  "{\"resourceType\": \"Provenance\", \"id\": \"prov1\","
  " \"target\": [{\"reference\": \"Observation/obs1\"}], \"recorded\": \"2024-02-01T12:00:00+08:00\","
  " \"agent\": [{\"who\": {\"display\": \"县医院 HIS\"}}]}",
};

G_STATIC_ASSERT (G_N_ELEMENTS (type_fixtures) == 21);

static void
put_case_ep1 (HzStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) first = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  /* the patient and her pregnancy together, the case assigned by the store */
  g_ptr_array_add (first, hz_test_parse_object (type_fixtures[0]));
  g_ptr_array_add (first, hz_test_parse_object (type_fixtures[1]));
  hz_store_put_all (store, NULL, first, &error);
  g_assert_no_error (error);

  for (guint i = 2; i < G_N_ELEMENTS (type_fixtures); i++)
    {
      g_autoptr(JsonObject) resource = hz_test_parse_object (type_fixtures[i]);

      hz_store_put (store, "ep1", resource, &error);
      g_assert_no_error (error);
    }
}

/* ------------------------------------------------------------------------- */
/* Tests */

static void
test_round_trip_types (Fixture       *fixture,
                       gconstpointer  data)
{
  const char * const *types = hz_fhir_get_resource_types ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  put_case_ep1 (fixture->store);
  g_assert_cmpint (hz_store_count_resources (fixture->store, "ep1"), ==, 21);

  for (guint i = 0; i < G_N_ELEMENTS (type_fixtures); i++)
    {
      g_autoptr(JsonObject) expected = hz_test_parse_object (type_fixtures[i]);
      g_autoptr(JsonObject) stored = NULL;
      g_autoptr(GError) error = NULL;
      const char *type = json_object_get_string_member (expected, "resourceType");
      const char *id = json_object_get_string_member (expected, "id");

      stored = hz_test_store_get_json (fixture->store, type, id, &error);
      g_assert_no_error (error);
      assert_json_equal_except_meta (expected, stored);
      g_assert_cmpstr (meta_string (stored, "versionId"), ==, "1");
      g_assert_true (hz_fhir_date_is_valid (meta_string (stored, "lastUpdated")));
      g_hash_table_add (seen, g_strdup (type));
    }

  /* every one of the 21 types */
  for (guint i = 0; types[i] != NULL; i++)
    g_assert_true (g_hash_table_contains (seen, types[i]));
}

static void
test_put_meta_and_versions (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) obs = NULL;
  g_autoptr(JsonObject) stored = NULL;
  g_autoptr(JsonObject) unnamed = NULL;
  g_autofree char *first_updated = NULL;

  put_case_ep1 (fixture->store);

  obs = hz_test_parse_object ("{\"resourceType\": \"Observation\", \"id\": \"w1\", \"status\": \"final\","
                      " \"meta\": {\"versionId\": \"77\", \"source\": \"his\", \"tag\": [{\"system\": \""
                      HZ_SYSTEM_TEAM "\", \"code\": \"nutrition\"}]},"
                      " \"code\": {\"coding\": [{\"system\": \"" HZ_SYSTEM_LOINC "\", \"code\": \"29463-7\"}]},"
                      " \"subject\": {\"reference\": \"Patient/p1\"},"
                      " \"effectiveDateTime\": \"2024-03-01\", \"valueQuantity\": {\"value\": 61.5, \"unit\": \"kg\"}}");

  g_assert_true (hz_store_put (fixture->store, "ep1", obs, &error));
  g_assert_no_error (error);
  /* the caller's object now carries what was stored */
  g_assert_cmpstr (meta_string (obs, "versionId"), ==, "1");
  first_updated = g_strdup (meta_string (obs, "lastUpdated"));
  g_assert_true (hz_fhir_date_is_valid (first_updated));
  /* other meta members are kept */
  g_assert_cmpstr (meta_string (obs, "source"), ==, "his");

  g_usleep (2000);
  json_object_set_string_member (obs, "status", "amended");
  g_assert_true (hz_store_put (fixture->store, "ep1", obs, &error));
  g_assert_no_error (error);

  stored = hz_test_store_get_json (fixture->store, "Observation", "w1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (stored, "status"), ==, "amended");
  g_assert_cmpstr (meta_string (stored, "versionId"), ==, "2");
  g_assert_cmpstr (meta_string (stored, "source"), ==, "his");
  {
    g_autoptr(HzResource) resource = hz_store_get (fixture->store, "Observation", "w1", NULL);

    g_assert_cmpstr (hz_fhir_jv_get_team_tag (hz_resource_get_value (resource)), ==, "nutrition");
  }
  g_assert_cmpstr (meta_string (stored, "lastUpdated"), >, first_updated);

  /* no id: one is made */
  unnamed = hz_test_parse_object ("{\"resourceType\": \"Condition\", \"code\": {\"text\": \"贫血\"},"
                          " \"subject\": {\"reference\": \"Patient/p1\"}}");
  g_assert_true (hz_store_put (fixture->store, "ep1", unnamed, &error));
  g_assert_no_error (error);
  g_assert_true (hz_fhir_id_is_valid (json_object_get_string_member (unnamed, "id")));

  /* the case can be inferred when not given */
  {
    g_autoptr(JsonObject) flag = hz_test_parse_object (
      "{\"resourceType\": \"Flag\", \"id\": \"f2\", \"status\": \"active\", \"code\": {\"text\": \"过敏\"},"
      " \"subject\": {\"reference\": \"Patient/p1\"}, \"encounter\": {\"reference\": \"Encounter/enc1\"}}");

    g_assert_true (hz_store_put (fixture->store, NULL, flag, &error));
    g_assert_no_error (error);
    g_assert_cmpint (hz_store_count_resources (fixture->store, "ep1"), ==, 24);
  }

  /* writing into a case that does not exist */
  {
    g_autoptr(JsonObject) orphan = hz_test_parse_object (
      "{\"resourceType\": \"Condition\", \"id\": \"c9\", \"subject\": {\"reference\": \"Patient/p1\"}}");

    g_assert_false (hz_store_put (fixture->store, "nope", orphan, &error));
    g_assert_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_NOT_FOUND);
  }
}

/* Health data: the database and its WAL are readable by their owner only. */
static void
test_file_mode (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(JsonObject) patient = hz_test_parse_object (
    "{\"resourceType\": \"EpisodeOfCare\", \"id\": \"mode-ep\", \"status\": \"active\"}");
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  GStatBuf st;

  g_assert_true (hz_store_put (fixture->store, NULL, patient, &error));
  g_assert_no_error (error);

  g_assert_cmpint (g_stat (fixture->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  if (g_stat (wal, &st) == 0)
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
test_reopen (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HzStore) again = NULL;
  g_autoptr(JsonObject) patient = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autofree char *default_path = NULL;

  put_case_ep1 (fixture->store);
  g_assert_true (g_file_test (fixture->path, G_FILE_TEST_IS_REGULAR));
  g_clear_object (&fixture->store);

  again = hz_store_new (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hz_store_get_path (again), ==, fixture->path);
  g_assert_cmpint (hz_store_count_resources (again, NULL), ==, 21);
  g_assert_true (hz_store_check_integrity (again, &error));
  g_assert_no_error (error);

  patient = hz_test_store_get_json (again, "Patient", "p1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (patient, "birthDate"), ==, "1990-03-07");

  /* the actor is per process, not stored */
  g_assert_null (hz_store_get_actor (again));

  /* and names are shown only when their reading can be recorded */
  g_assert_null (hz_store_list_cases (again, &error));
  g_assert_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_NO_ACTOR);
  g_clear_error (&error);
  {
    g_autoptr(HzActor) reader = hz_actor_new ("王丽", HZ_TEAM_OBSTETRICS, NULL, NULL);

    hz_store_set_actor (again, reader);
  }
  cases = hz_store_list_cases (again, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cases->len, ==, 1);

  g_setenv ("HUIZHEN_DB", "/tmp/somewhere/else.db", TRUE);
  default_path = hz_store_get_default_path ();
  g_assert_cmpstr (default_path, ==, "/tmp/somewhere/else.db");
  g_unsetenv ("HUIZHEN_DB");
  g_clear_pointer (&default_path, g_free);
  default_path = hz_store_get_default_path ();
  g_assert_true (g_str_has_suffix (default_path, "/huizhen/huizhen.db"));
}

static void
open_async_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  HzStore **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = hz_store_new_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_open_async (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(HzStore) store = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "async", "a.db", NULL);

  hz_store_new_async (path, NULL, open_async_cb, &store);
  while (store == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpstr (hz_store_get_path (store), ==, path);
  g_assert_cmpint (hz_store_count_resources (store, NULL), ==, 0);
}

/* A bundle with fields the store does not understand */
#define LOSSLESS_BUNDLE \
  "{\"resourceType\": \"Bundle\", \"id\": \"b1\", \"type\": \"collection\"," \
  " \"meta\": {\"source\": \"his\"}, \"entry\": [" \
  "  {\"fullUrl\": \"http://his.example.org/fhir/Patient/p1\", \"resource\": " PATIENT_P1 "}," \
  "  {\"resource\": " EPISODE_EP1 "}," \
  "  {\"resource\": {\"resourceType\": \"Observation\", \"id\": \"bp1\", \"status\": \"final\"," \
  "    \"extension\": [{\"url\": \"http://example.org/fhir/StructureDefinition/device\", \"valueString\": \"欧姆龙 HEM-7136\"}]," \
  "    \"modifierExtension\": [{\"url\": \"http://example.org/x\", \"valueBoolean\": false}]," \
  "    \"code\": {\"coding\": [{\"system\": \"" HZ_SYSTEM_LOINC "\", \"code\": \"" HZ_LOINC_BP_PANEL "\"}]}," \
  "    \"subject\": {\"reference\": \"Patient/p1\"}, \"effectiveDateTime\": \"2024-03-01T08:00:00+08:00\"," \
  "    \"component\": [{\"code\": {\"coding\": [{\"system\": \"" HZ_SYSTEM_LOINC "\", \"code\": \"" HZ_LOINC_BP_SYSTOLIC "\"}]}," \
  "                    \"valueQuantity\": {\"value\": 142, \"unit\": \"mm[Hg]\"}}," \
  "                   {\"code\": {\"coding\": [{\"system\": \"" HZ_SYSTEM_LOINC "\", \"code\": \"" HZ_LOINC_BP_DIASTOLIC "\"}]}," \
  "                    \"valueQuantity\": {\"value\": 92.5, \"unit\": \"mm[Hg]\"}}]," \
  "    \"_status\": {\"extension\": [{\"url\": \"http://example.org/why\", \"valueString\": \"复测\"}]}," \
  "    \"vendorBlob\": {\"nested\": [[1, 2.25, \"三\"], {\"deep\": {\"deeper\": null}}], \"big\": 9007199254740993}," \
  "    \"note\": [{\"text\": \"line1\\nline2\\t\\\"quoted\\\" \\\\ back\\u0001slash\"}]}}" \
  " ]}"

static void
test_bundle_lossless (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(JsonNode) bundle = hz_test_parse_node (LOSSLESS_BUNDLE);
  g_autoptr(JsonNode) exported = NULL;
  g_autoptr(JsonNode) untouched = hz_test_parse_node (LOSSLESS_BUNDLE);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) case_ids = NULL;
  JsonArray *in_entries;
  JsonArray *out_entries;
  g_autofree char *text = NULL;

  g_assert_true (hz_store_import_bundle (fixture->store, bundle, "his.json", &case_ids, &error));
  g_assert_no_error (error);
  g_assert_nonnull (case_ids);
  g_assert_cmpuint (g_strv_length (case_ids), ==, 1);
  g_assert_cmpstr (case_ids[0], ==, "ep1");

  /* the caller's bundle is not modified */
  g_assert_true (json_node_equal (bundle, untouched));

  text = hz_store_export_case_to_data (fixture->store, "ep1", NULL, NULL, &error);
  g_assert_no_error (error);
  exported = json_from_string (text, &error);
  g_assert_no_error (error);
  g_clear_pointer (&text, g_free);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (exported), "type"), ==, "collection");

  in_entries = json_object_get_array_member (json_node_get_object (bundle), "entry");
  out_entries = json_object_get_array_member (json_node_get_object (exported), "entry");
  g_assert_cmpuint (json_array_get_length (out_entries), ==, json_array_get_length (in_entries));

  for (guint i = 0; i < json_array_get_length (in_entries); i++)
    {
      JsonObject *in = json_object_get_object_member (json_array_get_object_element (in_entries, i), "resource");
      const char *key_type = json_object_get_string_member (in, "resourceType");
      const char *key_id = json_object_get_string_member (in, "id");
      gboolean found = FALSE;

      for (guint j = 0; j < json_array_get_length (out_entries); j++)
        {
          JsonObject *out = json_object_get_object_member (json_array_get_object_element (out_entries, j),
                                                           "resource");

          if (g_strcmp0 (json_object_get_string_member (out, "resourceType"), key_type) == 0 &&
              g_strcmp0 (json_object_get_string_member (out, "id"), key_id) == 0)
            {
              assert_json_equal_except_meta (in, out);
              found = TRUE;
            }
        }
      g_assert_true (found);
    }

  /* stored text keeps decimals short and big integers exact */
  {
    g_autoptr(HzResource) resource = hz_store_get (fixture->store, "Observation", "bp1", &error);

    g_assert_no_error (error);
    text = hz_resource_to_string (resource);
    g_assert_nonnull (strstr (text, "\"value\":92.5,"));
    g_assert_nonnull (strstr (text, "2.25"));
    g_assert_nonnull (strstr (text, "9007199254740993"));
    g_assert_nonnull (strstr (text, "欧姆龙 HEM-7136"));
  }

  /* the text export holds the same bundle */
  {
    g_autofree char *exported_text = NULL;
    g_autoptr(JsonNode) from_text = NULL;
    JsonArray *text_entries;
    gsize length = 0;

    exported_text = hz_store_export_case_to_data (fixture->store, "ep1", NULL, &length, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (length, ==, strlen (exported_text));
    from_text = hz_test_parse_node (exported_text);
    text_entries = json_object_get_array_member (json_node_get_object (from_text), "entry");
    g_assert_cmpuint (json_array_get_length (text_entries), ==, json_array_get_length (out_entries));
    for (guint i = 0; i < json_array_get_length (text_entries); i++)
      g_assert_true (json_node_equal (json_array_get_element (text_entries, i),
                                      json_array_get_element (out_entries, i)));
  }

  /* numbers keep their digits from a file to the export */
  {
    g_autofree char *path = write_temp_file (fixture, "digits.json",
      "{\"resourceType\": \"Observation\", \"id\": \"temp1\", \"status\": \"final\","
      " \"code\": {\"text\": \"体温\"}, \"subject\": {\"reference\": \"Patient/p1\"},"
      " \"derivedFrom\": [{\"reference\": \"Observation/bp1\"}],"
      " \"valueQuantity\": {\"value\": 36.60, \"unit\": \"Cel\"}, \"x\": 1.0E-3}", -1);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autofree char *exported_text = NULL;

    g_assert_true (hz_store_import_file (fixture->store, file, NULL, NULL, &error));
    g_assert_no_error (error);
    exported_text = hz_store_export_case_to_data (fixture->store, "ep1", NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (strstr (exported_text, "\"value\": 36.60,"));
    g_assert_nonnull (strstr (exported_text, "\"x\": 1.0E-3"));
    g_assert_true (hz_store_delete (fixture->store, "Observation", "temp1", HZ_STORE_ANY_VERSION, &error));
    g_assert_no_error (error);
  }

  /* re-importing the export neither duplicates nor adds a version: nothing changed */
  g_assert_true (hz_store_import_bundle (fixture->store, exported, "export.json", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (hz_store_count_resources (fixture->store, NULL), ==, 3);
  {
    g_autoptr(JsonObject) patient = hz_test_store_get_json (fixture->store, "Patient", "p1", &error);

    g_assert_cmpstr (meta_string (patient, "versionId"), ==, "1");
  }
}

static void
test_urn_uuid (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) case_ids = NULL;
  g_autoptr(JsonNode) bundle = hz_test_parse_node (
    "{\"resourceType\": \"Bundle\", \"type\": \"transaction\", \"entry\": ["
    " {\"fullUrl\": \"urn:uuid:11111111-1111-4111-8111-111111111111\","
    "  \"resource\": {\"resourceType\": \"Patient\", \"name\": [{\"text\": \"王芳\"}]},"
    "  \"request\": {\"method\": \"POST\", \"url\": \"Patient\"}},"
    " {\"fullUrl\": \"urn:uuid:22222222-2222-4222-8222-222222222222\","
    "  \"resource\": {\"resourceType\": \"EpisodeOfCare\", \"id\": \"ep-wf\", \"status\": \"active\","
    "   \"patient\": {\"reference\": \"urn:uuid:11111111-1111-4111-8111-111111111111\"}},"
    "  \"request\": {\"method\": \"PUT\", \"url\": \"EpisodeOfCare/ep-wf\"}},"
    " {\"fullUrl\": \"urn:uuid:33333333-3333-4333-8333-333333333333\","
    "  \"resource\": {\"resourceType\": \"Encounter\", \"status\": \"finished\","
    "   \"subject\": {\"reference\": \"urn:uuid:11111111-1111-4111-8111-111111111111\"},"
    "   \"episodeOfCare\": [{\"reference\": \"urn:uuid:22222222-2222-4222-8222-222222222222\"}]}},"
    " {\"resource\": {\"resourceType\": \"Observation\", \"status\": \"final\", \"code\": {\"text\": \"体重\"},"
    "   \"subject\": {\"reference\": \"urn:uuid:11111111-1111-4111-8111-111111111111\"},"
    "   \"encounter\": {\"reference\": \"urn:uuid:33333333-3333-4333-8333-333333333333\"}}}"
    "]}");
  g_autoptr(GPtrArray) resources = NULL;
  const char *patient_id = NULL;
  const char *encounter_id = NULL;

  g_assert_true (hz_store_import_bundle (fixture->store, bundle, NULL, &case_ids, &error));
  g_assert_no_error (error);
  g_assert_cmpstrv (case_ids, ((const char *[]) { "ep-wf", NULL }));

  resources = hz_test_read_case_json (fixture->store, "ep-wf", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (resources->len, ==, 4);

  for (guint i = 0; i < resources->len; i++)
    {
      JsonObject *r = g_ptr_array_index (resources, i);
      const char *type = json_object_get_string_member (r, "resourceType");

      g_assert_true (hz_fhir_id_is_valid (json_object_get_string_member (r, "id")));
      if (g_str_equal (type, "Patient"))
        patient_id = json_object_get_string_member (r, "id");
      else if (g_str_equal (type, "Encounter"))
        encounter_id = json_object_get_string_member (r, "id");
    }
  g_assert_nonnull (patient_id);
  g_assert_nonnull (encounter_id);

  for (guint i = 0; i < resources->len; i++)
    {
      JsonObject *r = g_ptr_array_index (resources, i);
      const char *type = json_object_get_string_member (r, "resourceType");
      g_autofree char *patient_ref = g_strdup_printf ("Patient/%s", patient_id);
      g_autofree char *encounter_ref = g_strdup_printf ("Encounter/%s", encounter_id);

      if (g_str_equal (type, "EpisodeOfCare"))
        g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (r, "patient"), "reference"),
                         ==, patient_ref);
      else if (g_str_equal (type, "Encounter"))
        {
          JsonArray *eps = json_object_get_array_member (r, "episodeOfCare");

          g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (eps, 0), "reference"),
                           ==, "EpisodeOfCare/ep-wf");
        }
      else if (g_str_equal (type, "Observation"))
        {
          g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (r, "subject"), "reference"),
                           ==, patient_ref);
          g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (r, "encounter"), "reference"),
                           ==, encounter_ref);
        }
    }
}

static void
check_refused_file (Fixture    *fixture,
                    const char *name,
                    const char *contents,
                    int         code,
                    const char *in_message)
{
  g_autofree char *path = write_temp_file (fixture, name, contents, -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  Counts before = count_all (fixture->store);

  g_assert_false (hz_store_import_file (fixture->store, file, NULL, NULL, &error));
  g_assert_error (error, HZ_STORE_ERROR, code);
  g_test_message ("%s: %s", name, error->message);
  if (in_message != NULL)
    g_assert_nonnull (strstr (error->message, in_message));
  assert_counts_unchanged (fixture->store, before);
}

static void
check_refused_bundle (Fixture    *fixture,
                      const char *json,
                      int         code,
                      const char *in_message)
{
  g_autoptr(JsonNode) bundle = hz_test_parse_node (json);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) case_ids = NULL;
  Counts before = count_all (fixture->store);

  g_assert_false (hz_store_import_bundle (fixture->store, bundle, "test", &case_ids, &error));
  g_assert_error (error, HZ_STORE_ERROR, code);
  g_assert_null (case_ids);
  g_test_message ("%s", error->message);
  if (in_message != NULL)
    g_assert_nonnull (strstr (error->message, in_message));
  assert_counts_unchanged (fixture->store, before);
}

#define GOOD_ENTRIES \
  "{\"resource\": {\"resourceType\": \"Patient\", \"id\": \"p2\", \"name\": [{\"text\": \"张红\"}]}}," \
  "{\"resource\": {\"resourceType\": \"EpisodeOfCare\", \"id\": \"ep2\", \"status\": \"active\"," \
  "  \"patient\": {\"reference\": \"Patient/p2\"}}}," \
  "{\"resource\": {\"resourceType\": \"Encounter\", \"id\": \"enc2\", \"status\": \"finished\"," \
  "  \"subject\": {\"reference\": \"Patient/p2\"}, \"episodeOfCare\": [{\"reference\": \"EpisodeOfCare/ep2\"}]}}"

static void
test_bad_inputs (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *big_path = NULL;
  g_autoptr(GFile) big_file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) big = NULL;

  /* something in the store already, so "unchanged" means something */
  put_case_ep1 (fixture->store);

  check_refused_file (fixture, "broken.json", "{\"resourceType\": \"Bundle\",\n \"type\": \"collection\",\n \"entry\": [}",
                      HZ_STORE_ERROR_INVALID_JSON, "broken.json");
  check_refused_file (fixture, "broken2.json", "{\"resourceType\": \"Bundle\",\n \"type\": \"collection\",\n \"entry\": [}",
                      HZ_STORE_ERROR_INVALID_JSON, "line 3");
  check_refused_file (fixture, "truncated.json",
                      "{\"resourceType\": \"Bundle\", \"type\": \"collection\", \"entry\": [" GOOD_ENTRIES ",\n{\"resou",
                      HZ_STORE_ERROR_INVALID_JSON, "truncated.json");
  check_refused_file (fixture, "empty.json", "", HZ_STORE_ERROR_INVALID_JSON, "empty.json");
  check_refused_file (fixture, "unknown.json",
                      "{\"resourceType\": \"Bundle\", \"type\": \"collection\", \"entry\": [" GOOD_ENTRIES ","
                      "{\"resource\": {\"resourceType\": \"Practitioner\", \"id\": \"dr\"}}]}",
                      HZ_STORE_ERROR_UNKNOWN_TYPE, "Practitioner");

  /* a 50 MB file is refused before it is read */
  big = g_string_sized_new (50 * 1024 * 1024 + 64);
  g_string_append (big, "{\"resourceType\": \"Bundle\", \"type\": \"collection\", \"entry\": [], \"pad\": \"");
  while (big->len < 50 * 1024 * 1024)
    g_string_append (big, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
  g_string_append (big, "\"}");
  big_path = write_temp_file (fixture, "big.json", big->str, big->len);
  big_file = g_file_new_for_path (big_path);
  {
    Counts before = count_all (fixture->store);

    g_assert_false (hz_store_import_file (fixture->store, big_file, NULL, NULL, &error));
    g_assert_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_TOO_LARGE);
    g_assert_nonnull (strstr (error->message, "big.json"));
    g_clear_error (&error);
    assert_counts_unchanged (fixture->store, before);
  }

  {
    g_autoptr(GFile) missing = g_file_new_build_filename (fixture->dir, "missing.json", NULL);

    g_assert_false (hz_store_import_file (fixture->store, missing, NULL, NULL, &error));
    g_assert_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  /* dangling reference, at the end of an otherwise good bundle: nothing of it is written */
  check_refused_bundle (fixture,
                        "{\"resourceType\": \"Bundle\", \"type\": \"collection\", \"entry\": [" GOOD_ENTRIES ","
                        "{\"resource\": {\"resourceType\": \"Observation\", \"id\": \"obs-9\", \"status\": \"final\","
                        " \"subject\": {\"reference\": \"Patient/p2\"}, \"hasMember\": [{\"reference\": \"Observation/nowhere\"}]}}]}",
                        HZ_STORE_ERROR_DANGLING_REFERENCE, "Observation/nowhere");
  g_assert_null (hz_test_store_get_json (fixture->store, "Patient", "p2", &error));
  g_assert_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* an unresolved urn:uuid: */
  check_refused_bundle (fixture,
                        "{\"resourceType\": \"Bundle\", \"type\": \"collection\", \"entry\": [" GOOD_ENTRIES ","
                        "{\"resource\": {\"resourceType\": \"Observation\", \"id\": \"obs-8\", \"status\": \"final\","
                        " \"subject\": {\"reference\": \"urn:uuid:00000000-0000-4000-8000-000000000000\"}}}]}",
                        HZ_STORE_ERROR_DANGLING_REFERENCE, "subject.reference");

  /* a reference into another case */
  check_refused_bundle (fixture,
                        "{\"resourceType\": \"Bundle\", \"type\": \"collection\", \"entry\": [" GOOD_ENTRIES ","
                        "{\"resource\": {\"resourceType\": \"Observation\", \"id\": \"obs-7\", \"status\": \"final\","
                        " \"subject\": {\"reference\": \"Patient/p2\"}, \"encounter\": {\"reference\": \"Encounter/enc2\"},"
                        " \"derivedFrom\": [{\"reference\": \"Observation/obs1\"}]}}]}",
                        HZ_STORE_ERROR_DANGLING_REFERENCE, "another case");

  /* a bad date on a real calendar */
  check_refused_bundle (fixture,
                        "{\"resourceType\": \"Bundle\", \"type\": \"collection\", \"entry\": [" GOOD_ENTRIES ","
                        "{\"resource\": {\"resourceType\": \"Observation\", \"id\": \"obs-3\", \"status\": \"final\","
                        " \"subject\": {\"reference\": \"Patient/p2\"}, \"effectiveDateTime\": \"2023-02-30\"}}]}",
                        HZ_STORE_ERROR_INVALID_DATE,
                        "Observation/obs-3: field “effectiveDateTime” has an invalid date “2023-02-30”");
  check_refused_bundle (fixture,
                        "{\"resourceType\": \"Bundle\", \"type\": \"collection\", \"entry\": [" GOOD_ENTRIES ","
                        "{\"resource\": {\"resourceType\": \"CarePlan\", \"id\": \"cp-9\", \"status\": \"active\","
                        " \"intent\": \"plan\", \"subject\": {\"reference\": \"Patient/p2\"},"
                        " \"period\": {\"start\": \"2024-01-01\", \"end\": \"2023-02-29\"}}}]}",
                        HZ_STORE_ERROR_INVALID_DATE, "period.end");

  /* a bad id, a bad bundle type, a duplicate, no resource */
  check_refused_bundle (fixture,
                        "{\"resourceType\": \"Bundle\", \"type\": \"collection\", \"entry\": [" GOOD_ENTRIES ","
                        "{\"resource\": {\"resourceType\": \"Observation\", \"id\": \"bad id!\", \"status\": \"final\"}}]}",
                        HZ_STORE_ERROR_INVALID, "bad id!");
  check_refused_bundle (fixture,
                        "{\"resourceType\": \"Bundle\", \"type\": \"searchset\", \"entry\": [" GOOD_ENTRIES "]}",
                        HZ_STORE_ERROR_INVALID, "searchset");
  check_refused_bundle (fixture,
                        "{\"resourceType\": \"Bundle\", \"type\": \"collection\", \"entry\": [" GOOD_ENTRIES ","
                        "{\"resource\": {\"resourceType\": \"Patient\", \"id\": \"p2\"}}]}",
                        HZ_STORE_ERROR_INVALID, "Patient/p2");
  check_refused_bundle (fixture,
                        "{\"resourceType\": \"Bundle\", \"type\": \"transaction\", \"entry\": [" GOOD_ENTRIES ","
                        "{\"request\": {\"method\": \"DELETE\", \"url\": \"Patient/p1\"}}]}",
                        HZ_STORE_ERROR_INVALID, "Patient/p1 still has a pregnancy");
  check_refused_bundle (fixture, "{\"resourceType\": \"Bundle\", \"type\": \"collection\", \"entry\": ["
                        "{\"resource\": {\"resourceType\": \"Basic\", \"id\": \"x\"}}]}",
                        HZ_STORE_ERROR_UNKNOWN_TYPE, "Basic");

  /* a resource that belongs to no case: two pregnancies and only the patient to go by */
  check_refused_bundle (fixture,
                        "{\"resourceType\": \"Bundle\", \"type\": \"collection\", \"entry\": [" GOOD_ENTRIES ","
                        "{\"resource\": {\"resourceType\": \"EpisodeOfCare\", \"id\": \"ep2b\", \"status\": \"planned\","
                        "  \"patient\": {\"reference\": \"Patient/p2\"}}},"
                        "{\"resource\": {\"resourceType\": \"Condition\", \"id\": \"c-amb\","
                        "  \"subject\": {\"reference\": \"Patient/p2\"}}}]}",
                        HZ_STORE_ERROR_INVALID, "Condition/c-amb");

  /* the same bundle without the bad entry goes in */
  {
    g_autoptr(JsonNode) good = hz_test_parse_node ("{\"resourceType\": \"Bundle\", \"type\": \"collection\", \"entry\": ["
                                           GOOD_ENTRIES "]}");

    g_assert_true (hz_store_import_bundle (fixture->store, good, "good", NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpint (hz_store_count_resources (fixture->store, "ep2"), ==, 3);
  }

  g_assert_true (hz_store_check_integrity (fixture->store, &error));
  g_assert_no_error (error);
}

static void
test_case_assignment (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) case_ids = NULL;
  g_auto(GStrv) second_ids = NULL;
  g_autoptr(JsonNode) first = hz_test_parse_node (
    "{\"resourceType\": \"Bundle\", \"type\": \"collection\", \"entry\": ["
    /* rule 2 through an Encounter that comes before its episode */
    " {\"resource\": {\"resourceType\": \"Observation\", \"id\": \"o-enc\", \"status\": \"final\","
    "   \"encounter\": {\"reference\": \"Encounter/e1\"}}},"
    " {\"resource\": {\"resourceType\": \"Encounter\", \"id\": \"e1\", \"status\": \"finished\","
    "   \"episodeOfCare\": [{\"reference\": \"EpisodeOfCare/epA\"}]}},"
    " {\"resource\": {\"resourceType\": \"Patient\", \"id\": \"pA\", \"name\": [{\"text\": \"刘洋\"}]}},"
    " {\"resource\": {\"resourceType\": \"EpisodeOfCare\", \"id\": \"epA\", \"status\": \"finished\","
    "   \"patient\": {\"reference\": \"Patient/pA\"}}},"
    /* rule 3: the subject has exactly one episode */
    " {\"resource\": {\"resourceType\": \"Condition\", \"id\": \"c-subj\", \"subject\": {\"reference\": \"Patient/pA\"}}},"
    /* rule 2: an extension naming the episode */
    " {\"resource\": {\"resourceType\": \"Consent\", \"id\": \"cons-ext\", \"status\": \"active\","
    "   \"extension\": [{\"url\": \"http://example.org/episode\", \"valueReference\": {\"reference\": \"EpisodeOfCare/epA\"}}]}}"
    "]}");
  g_autoptr(JsonNode) second = hz_test_parse_node (
    "{\"resourceType\": \"Bundle\", \"type\": \"collection\", \"entry\": ["
    /* her second pregnancy; the patient row already exists */
    " {\"resource\": {\"resourceType\": \"Patient\", \"id\": \"pA\", \"name\": [{\"text\": \"刘洋\"}], \"gender\": \"female\"}},"
    " {\"resource\": {\"resourceType\": \"EpisodeOfCare\", \"id\": \"epB\", \"status\": \"active\","
    "   \"patient\": {\"reference\": \"Patient/pA\"}}},"
    /* rule 4: the bundle holds exactly one EpisodeOfCare */
    " {\"resource\": {\"resourceType\": \"Observation\", \"id\": \"o-b\", \"status\": \"final\","
    "   \"subject\": {\"reference\": \"Patient/pA\"}}}"
    "]}");
  g_autoptr(GPtrArray) case_b = NULL;
  gboolean has_patient = FALSE;

  g_assert_true (hz_store_import_bundle (fixture->store, first, "first", &case_ids, &error));
  g_assert_no_error (error);
  g_assert_cmpstrv (case_ids, ((const char *[]) { "epA", NULL }));
  g_assert_cmpint (hz_store_count_resources (fixture->store, "epA"), ==, 6);

  g_assert_true (hz_store_import_bundle (fixture->store, second, "second", &second_ids, &error));
  g_assert_no_error (error);
  /* the patient row stays with her first case; epB was written too */
  g_assert_cmpstrv (second_ids, ((const char *[]) { "epA", "epB", NULL }));
  g_assert_cmpint (hz_store_count_resources (fixture->store, "epA"), ==, 6);
  g_assert_cmpint (hz_store_count_resources (fixture->store, "epB"), ==, 2);

  /* ... and is read with the second case as well */
  case_b = hz_test_read_case_json (fixture->store, "epB", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (case_b->len, ==, 3);
  for (guint i = 0; i < case_b->len; i++)
    has_patient |= g_str_equal (json_object_get_string_member (g_ptr_array_index (case_b, i), "resourceType"),
                                "Patient");
  g_assert_true (has_patient);

  /* the patient now has two episodes: her subject alone no longer decides */
  {
    g_autoptr(JsonObject) condition = hz_test_parse_object (
      "{\"resourceType\": \"Condition\", \"id\": \"c-two\", \"subject\": {\"reference\": \"Patient/pA\"}}");

    g_assert_false (hz_store_put (fixture->store, NULL, condition, &error));
    g_assert_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "Condition/c-two"));
  }
}

static gboolean
audit_has (GPtrArray  *audit,
           guint       index,
           const char *action,
           const char *what)
{
  JsonObject *event = g_ptr_array_index (audit, index);
  JsonObject *entity = json_array_get_object_element (json_object_get_array_member (event, "entity"), 0);

  return g_strcmp0 (json_object_get_string_member (event, "action"), action) == 0 &&
         g_strcmp0 (json_object_get_string_member (json_object_get_object_member (entity, "what"), "reference"),
                    what) == 0;
}

static void
test_audit (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) resources = NULL;
  g_autoptr(JsonObject) obs = NULL;
  JsonObject *event;
  JsonObject *agent;
  JsonObject *role;
  sqlite3 *db = NULL;
  char *errmsg = NULL;
  int rc;

  put_case_ep1 (fixture->store);
  g_assert_cmpint (hz_store_count_audit (fixture->store, "ep1"), ==, 21);

  obs = hz_test_store_get_json (fixture->store, "Observation", "obs1", &error);
  g_assert_no_error (error);
  /* a plain get is not a case read */
  g_assert_cmpint (hz_store_count_audit (fixture->store, "ep1"), ==, 21);

  json_object_set_string_member (obs, "status", "amended");
  g_assert_true (hz_store_put (fixture->store, "ep1", obs, &error));
  g_assert_no_error (error);

  resources = hz_test_read_case_json (fixture->store, "ep1", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (resources->len, ==, 21);

  g_assert_true (hz_store_delete (fixture->store, "Provenance", "prov1", HZ_STORE_ANY_VERSION, &error));
  g_assert_no_error (error);

  audit = hz_test_list_audit_json (fixture->store, "ep1", 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (audit->len, ==, 3);
  /* newest first */
  g_assert_true (audit_has (audit, 0, "D", "Provenance/prov1"));
  g_assert_true (audit_has (audit, 1, "R", "EpisodeOfCare/ep1"));
  g_assert_true (audit_has (audit, 2, "U", "Observation/obs1"));

  event = g_ptr_array_index (audit, 2);
  g_assert_cmpstr (json_object_get_string_member (event, "resourceType"), ==, "AuditEvent");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (event, "type"), "code"), ==, "rest");
  g_assert_true (hz_fhir_date_is_valid (json_object_get_string_member (event, "recorded")));
  agent = json_array_get_object_element (json_object_get_array_member (event, "agent"), 0);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (agent, "who"), "display"), ==, "王丽");
  role = json_array_get_object_element (json_object_get_array_member (agent, "role"), 0);
  g_assert_nonnull (strstr (json_object_get_string_member (role, "text"), "主任医师"));
  g_assert_nonnull (strstr (json_object_get_string_member (role, "text"), "Obstetrics"));
  {
    JsonObject *coding = json_array_get_object_element (json_object_get_array_member (role, "coding"), 0);

    g_assert_cmpstr (json_object_get_string_member (coding, "system"), ==, HZ_SYSTEM_TEAM);
    g_assert_cmpstr (json_object_get_string_member (coding, "code"), ==, "obstetrics");
  }
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (json_object_get_object_member (event, "source"), "observer"),
                     "display"), ==, "市妇幼保健院");

  all = hz_test_list_audit_json (fixture->store, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 24);
  g_assert_true (audit_has (all, 22, "C", "Patient/p1") || audit_has (all, 22, "C", "EpisodeOfCare/ep1"));

  /* the audit table is append-only, whoever tries */
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  rc = sqlite3_exec (db, "UPDATE audit SET json = '{}'", NULL, NULL, &errmsg);
  g_assert_cmpint (rc, !=, SQLITE_OK);
  g_assert_nonnull (strstr (errmsg, "append-only"));
  sqlite3_free (errmsg);
  rc = sqlite3_exec (db, "DELETE FROM audit", NULL, NULL, &errmsg);
  g_assert_cmpint (rc, !=, SQLITE_OK);
  sqlite3_free (errmsg);
  sqlite3_close (db);
  g_assert_cmpint (hz_store_count_audit (fixture->store, NULL), ==, 24);
}

/* A row damaged outside the application (a disk fault, a hand edit): the
 * case does not open, the error names the row by its position and first
 * characters, and every row, the damaged one too, is still there. */
static void
test_corrupt_row (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HzCase) hz_case = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *patient_json = NULL;
  sqlite3 *db = NULL;

  hz_test_import_json (fixture->store,
                       "{\"resourceType\": \"Bundle\", \"type\": \"collection\", \"entry\": ["
                       " {\"resource\": {\"resourceType\": \"Patient\", \"id\": \"p1\"}},"
                       " {\"resource\": {\"resourceType\": \"EpisodeOfCare\", \"id\": \"ep1\", \"status\": \"active\","
                       "  \"patient\": {\"reference\": \"Patient/p1\"}}},"
                       " {\"resource\": {\"resourceType\": \"Observation\", \"id\": \"broken\", \"status\": \"final\","
                       "  \"subject\": {\"reference\": \"Patient/p1\"}}}]}");
  hz_case = hz_case_load (fixture->store, "ep1", &error);
  g_assert_no_error (error);
  g_clear_object (&hz_case);

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE resources SET json = '{\"resourceType\":\"Observation\",\"id\":\"broken\",'"
                                     " WHERE id = 'broken'", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  hz_case = hz_case_load (fixture->store, "ep1", &error);
  g_assert_null (hz_case);
  g_assert_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "\"id\":\"broken\""));
  g_assert_nonnull (strstr (error->message, "line 1, column"));
  g_clear_error (&error);

  rows = hz_store_read_case_rows (fixture->store, "ep1", NULL, TRUE, FALSE, NULL, &patient_json, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
}

static void
test_no_actor (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) obs = NULL;
  g_autoptr(JsonObject) got = NULL;
  g_autoptr(JsonNode) bundle = hz_test_parse_node ("{\"resourceType\": \"Bundle\", \"type\": \"collection\", \"entry\": ["
                                           GOOD_ENTRIES "]}");
  Counts before;

  put_case_ep1 (fixture->store);
  hz_store_set_actor (fixture->store, NULL);
  g_assert_null (hz_store_get_actor (fixture->store));
  before = count_all (fixture->store);

  obs = hz_test_parse_object ("{\"resourceType\": \"Observation\", \"id\": \"n1\", \"status\": \"final\","
                      " \"subject\": {\"reference\": \"Patient/p1\"}}");
  g_assert_false (hz_store_put (fixture->store, "ep1", obs, &error));
  g_assert_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_NO_ACTOR);
  g_clear_error (&error);
  g_assert_false (json_object_has_member (obs, "meta"));

  g_assert_false (hz_store_import_bundle (fixture->store, bundle, NULL, NULL, &error));
  g_assert_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_NO_ACTOR);
  g_clear_error (&error);

  g_assert_null (hz_test_read_case_json (fixture->store, "ep1", &error));
  g_assert_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_NO_ACTOR);
  g_clear_error (&error);

  g_assert_false (hz_store_delete (fixture->store, "Observation", "obs1", HZ_STORE_ANY_VERSION, &error));
  g_assert_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_NO_ACTOR);
  g_clear_error (&error);

  assert_counts_unchanged (fixture->store, before);

  /* plain reads need no actor */
  got = hz_test_store_get_json (fixture->store, "Observation", "obs1", &error);
  g_assert_no_error (error);
  g_assert_nonnull (got);
}

static void
test_not_a_database (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text_path = write_temp_file (fixture, "notes.db", "这不是数据库, this is not a database at all.\n"
                                                "It is long enough to have a header of its own, padded ................"
                                                "................................................................", -1);
  g_autofree char *foreign_path = g_build_filename (fixture->dir, "foreign.db", NULL);
  g_autofree char *future_path = g_build_filename (fixture->dir, "future.db", NULL);
  g_autoptr(HzStore) store = NULL;
  sqlite3 *db = NULL;

  store = hz_store_new (text_path, &error);
  g_assert_null (store);
  g_assert_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, text_path));
  g_clear_error (&error);

  /* an SQLite database, but somebody else's */
  g_assert_cmpint (sqlite3_open (foreign_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE notes (t TEXT); INSERT INTO notes VALUES ('x');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  store = hz_store_new (foreign_path, &error);
  g_assert_null (store);
  g_assert_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, foreign_path));
  g_clear_error (&error);

  /* ours, from a newer version */
  store = hz_store_new (future_path, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  g_assert_cmpint (sqlite3_open (future_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  store = hz_store_new (future_path, &error);
  g_assert_null (store);
  g_assert_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_VERSION);
  g_assert_nonnull (strstr (error->message, future_path));
  g_clear_error (&error);

  /* the real one is fine and runs in WAL mode with foreign keys */
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
    sqlite3_finalize (stmt);
  }
  sqlite3_close (db);
}

static void
test_disk_full (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) json = g_string_new ("{\"resourceType\": \"Bundle\", \"type\": \"collection\", \"entry\": [" GOOD_ENTRIES);
  g_autoptr(JsonNode) bundle = NULL;
  Counts before;

  put_case_ep1 (fixture->store);

  for (guint i = 0; i < 3000; i++)
    g_string_append_printf (json,
                            ",{\"resource\": {\"resourceType\": \"Observation\", \"id\": \"big-%u\", \"status\": \"final\","
                            " \"subject\": {\"reference\": \"Patient/p2\"}, \"encounter\": {\"reference\": \"Encounter/enc2\"},"
                            " \"code\": {\"text\": \"%s\"}, \"valueInteger\": %u}}",
                            i, "填充填充填充填充填充填充填充填充填充填充填充填充填充填充填充填充填充填充填充填充", i);
  g_string_append (json, "]}");
  bundle = hz_test_parse_node (json->str);

  before = count_all (fixture->store);
  hz_store_limit_size (fixture->store, 512 * 1024);

  g_assert_false (hz_store_import_bundle (fixture->store, bundle, "big", NULL, &error));
  g_assert_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_FAILED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, fixture->path));
  g_assert_nonnull (strstr (error->message, "full"));
  g_clear_error (&error);
  assert_counts_unchanged (fixture->store, before);
  g_assert_true (hz_store_check_integrity (fixture->store, &error));
  g_assert_no_error (error);

  hz_store_limit_size (fixture->store, 0);
  g_assert_true (hz_store_import_bundle (fixture->store, bundle, "big", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (hz_store_count_resources (fixture->store, "ep2"), ==, 3003);
}

typedef struct
{
  guint     count;
  char     *case_id;
  GStrv     types;
  GThread  *thread;
  GPtrArray *log;    /* "case:Type,Type" */
} ChangedLog;

static void
on_changed (HzStore     *store,
            const char  *case_id,
            const char **types,
            ChangedLog  *log)
{
  g_autofree char *joined = g_strjoinv (",", (GStrv) types);

  log->count++;
  log->thread = g_thread_self ();
  g_ptr_array_add (log->log, g_strdup_printf ("%s:%s", case_id, joined));
}

static void
import_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GError *error = NULL;

  if (hz_store_import_bundle (HZ_STORE (source_object), task_data, "thread", NULL, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
import_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_task_propagate_boolean (G_TASK (result), &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
test_changed_signal (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(JsonNode) two_cases = NULL;
  g_autoptr(GTask) task = NULL;
  ChangedLog log = { 0, };
  gboolean done = FALSE;
  gulong id;

  put_case_ep1 (fixture->store);

  log.log = g_ptr_array_new_with_free_func (g_free);
  id = g_signal_connect (fixture->store, "changed", G_CALLBACK (on_changed), &log);

  /* one commit of two types: one emission naming both */
  g_ptr_array_add (batch, hz_test_parse_object ("{\"resourceType\": \"Observation\", \"id\": \"s1\", \"status\": \"final\","
                                        " \"subject\": {\"reference\": \"Patient/p1\"}}"));
  g_ptr_array_add (batch, hz_test_parse_object ("{\"resourceType\": \"Condition\", \"id\": \"s2\","
                                        " \"subject\": {\"reference\": \"Patient/p1\"}}"));
  g_ptr_array_add (batch, hz_test_parse_object ("{\"resourceType\": \"Observation\", \"id\": \"s3\", \"status\": \"final\","
                                        " \"subject\": {\"reference\": \"Patient/p1\"}}"));
  g_assert_true (hz_store_put_all (fixture->store, "ep1", batch, &error));
  g_assert_no_error (error);
  while (g_main_context_iteration (NULL, FALSE));
  g_assert_cmpuint (log.count, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (log.log, 0), ==, "ep1:Condition,Observation");
  g_assert_true (log.thread == g_thread_self ());

  /* a failed write says nothing */
  {
    g_autoptr(JsonObject) bad = hz_test_parse_object ("{\"resourceType\": \"Observation\", \"id\": \"s4\","
                                              " \"effectiveDateTime\": \"2023-02-29\"}");

    g_assert_false (hz_store_put (fixture->store, "ep1", bad, &error));
    g_assert_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_INVALID_DATE);
    g_clear_error (&error);
    while (g_main_context_iteration (NULL, FALSE));
    g_assert_cmpuint (log.count, ==, 1);
  }

  /* reads say nothing either */
  {
    g_autoptr(GPtrArray) resources = hz_test_read_case_json (fixture->store, "ep1", &error);

    g_assert_no_error (error);
    while (g_main_context_iteration (NULL, FALSE));
    g_assert_cmpuint (log.count, ==, 1);
  }

  /* a bundle of two cases, imported in a worker thread: one emission per
   * case, delivered on this (the store's) main context */
  two_cases = hz_test_parse_node ("{\"resourceType\": \"Bundle\", \"type\": \"collection\", \"entry\": [" GOOD_ENTRIES ","
                          "{\"resource\": {\"resourceType\": \"Observation\", \"id\": \"s5\", \"status\": \"final\","
                          " \"encounter\": {\"reference\": \"Encounter/enc1\"}}}]}");
  task = g_task_new (fixture->store, NULL, import_done, &done);
  g_task_set_task_data (task, json_node_ref (two_cases), (GDestroyNotify) json_node_unref);
  g_task_run_in_thread (task, import_in_thread);
  g_clear_object (&task);

  while (!done || log.count < 3)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE));

  g_assert_cmpuint (log.count, ==, 3);
  g_assert_true (log.thread == g_thread_self ());
  g_assert_cmpstr (g_ptr_array_index (log.log, 1), ==, "ep2:Encounter,EpisodeOfCare,Patient");
  g_assert_cmpstr (g_ptr_array_index (log.log, 2), ==, "ep1:Observation");

  /* a delete is a commit too */
  g_assert_true (hz_store_delete (fixture->store, "Observation", "s1", HZ_STORE_ANY_VERSION, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (log.count, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (log.log, 3), ==, "ep1:Observation");

  /* deleting a pregnancy that still has resources is refused */
  g_assert_false (hz_store_delete (fixture->store, "EpisodeOfCare", "ep2", HZ_STORE_ANY_VERSION, &error));
  g_assert_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (hz_store_delete (fixture->store, "Observation", "s1", HZ_STORE_ANY_VERSION, &error));
  g_assert_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (log.count, ==, 4);

  g_signal_handler_disconnect (fixture->store, id);
  g_ptr_array_unref (log.log);
}

static void
test_list_cases (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(JsonNode) second = hz_test_parse_node ("{\"resourceType\": \"Bundle\", \"type\": \"collection\", \"entry\": ["
                                           GOOD_ENTRIES "]}");
  HzCaseSummary *ep1 = NULL;
  HzCaseSummary *ep2 = NULL;

  put_case_ep1 (fixture->store);
  g_assert_true (hz_store_import_bundle (fixture->store, second, NULL, NULL, &error));
  g_assert_no_error (error);

  /* a later grading wins; an earlier one stays in the history */
  {
    g_autoptr(JsonObject) regrade = hz_test_parse_object (
      "{\"resourceType\": \"RiskAssessment\", \"id\": \"ra2\", \"status\": \"final\","
      " \"subject\": {\"reference\": \"Patient/p1\"}, \"occurrenceDateTime\": \"2024-03-20\","
      " \"prediction\": [{\"outcome\": {\"coding\": [{\"system\": \"" HZ_SYSTEM_RISK_COLOUR "\", \"code\": \"red\"}]}}]}");
    g_autoptr(JsonObject) older = hz_test_parse_object (
      "{\"resourceType\": \"RiskAssessment\", \"id\": \"ra0\", \"status\": \"final\","
      " \"subject\": {\"reference\": \"Patient/p1\"}, \"occurrenceDateTime\": \"2024-01-20\","
      " \"prediction\": [{\"outcome\": {\"coding\": [{\"system\": \"" HZ_SYSTEM_RISK_COLOUR "\", \"code\": \"green\"}]}}]}");

    g_assert_true (hz_store_put (fixture->store, "ep1", regrade, &error));
    g_assert_true (hz_store_put (fixture->store, "ep1", older, &error));
    g_assert_no_error (error);
  }

  cases = hz_store_list_cases (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cases->len, ==, 2);

  for (guint i = 0; i < cases->len; i++)
    {
      HzCaseSummary *summary = g_ptr_array_index (cases, i);

      if (g_str_equal (hz_case_summary_get_case_id (summary), "ep1"))
        ep1 = summary;
      else if (g_str_equal (hz_case_summary_get_case_id (summary), "ep2"))
        ep2 = summary;
    }
  g_assert_nonnull (ep1);
  g_assert_nonnull (ep2);

  g_assert_cmpstr (hz_case_summary_get_patient_id (ep1), ==, "p1");
  g_assert_cmpstr (hz_case_summary_get_patient_name (ep1), ==, "李梅");
  g_assert_cmpstr (hz_case_summary_get_id_card (ep1), ==, ID_CARD);
  g_assert_cmpstr (hz_case_summary_get_mrn (ep1), ==, "MRN-0001");
  g_assert_cmpstr (hz_case_summary_get_birth_date (ep1), ==, "1990-03-07");
  g_assert_cmpstr (hz_case_summary_get_lmp (ep1), ==, "2024-01-01");
  g_assert_null (hz_case_summary_get_edd (ep1));
  g_assert_null (hz_case_summary_get_delivery_date (ep1));
  g_assert_cmpint (hz_case_summary_get_risk (ep1), ==, HZ_RISK_RED);
  g_assert_true (hz_case_summary_get_infectious (ep1));
  g_assert_cmpstr (hz_case_summary_get_status (ep1), ==, "active");
  g_assert_cmpstr (hz_case_summary_get_organization (ep1), ==, "市妇幼保健院");
  /* the requested Task (authored in the past) comes before the future MDT appointment */
  g_assert_cmpstr (hz_case_summary_get_next_action (ep1), ==, "转诊待接收");
  g_assert_true (hz_fhir_date_is_valid (hz_case_summary_get_updated (ep1)));

  g_assert_true (hz_case_summary_matches (ep1, "李"));
  g_assert_true (hz_case_summary_matches (ep1, "mrn-0001"));
  g_assert_true (hz_case_summary_matches (ep1, "19900307"));
  g_assert_false (hz_case_summary_matches (ep1, "张"));

  g_assert_cmpstr (hz_case_summary_get_patient_name (ep2), ==, "张红");
  g_assert_cmpint (hz_case_summary_get_risk (ep2), ==, HZ_RISK_UNKNOWN);
  g_assert_false (hz_case_summary_get_infectious (ep2));
  g_assert_null (hz_case_summary_get_next_action (ep2));
  g_assert_null (hz_case_summary_get_id_card (ep2));

  /* the task is done: the appointment is next; the purple flag resolved */
  {
    g_autoptr(JsonObject) task = hz_test_store_get_json (fixture->store, "Task", "task1", &error);
    g_autoptr(JsonObject) flag = hz_test_store_get_json (fixture->store, "Flag", "flag1", &error);
    g_autoptr(GPtrArray) again = NULL;

    json_object_set_string_member (task, "status", "completed");
    json_object_set_string_member (flag, "status", "inactive");
    g_assert_true (hz_store_put (fixture->store, "ep1", task, &error));
    g_assert_true (hz_store_put (fixture->store, "ep1", flag, &error));
    g_assert_no_error (error);

    again = hz_store_list_cases (fixture->store, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < again->len; i++)
      {
        HzCaseSummary *summary = g_ptr_array_index (again, i);

        if (!g_str_equal (hz_case_summary_get_case_id (summary), "ep1"))
          continue;
        g_assert_cmpstr (hz_case_summary_get_next_action (summary), ==, "MDT 会诊");
        g_assert_false (hz_case_summary_get_infectious (summary));
      }
  }
}

typedef struct
{
  HzStore *store;
  guint    reads;
} ReaderData;

static gpointer
reader_thread (gpointer data)
{
  ReaderData *reader = data;

  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) resources = hz_test_read_case_json (reader->store, "ep1", &error);

      g_assert_no_error (error);
      g_assert_cmpuint (resources->len, >=, 20);
      reader->reads++;
    }

  return NULL;
}

static void
test_threads (Fixture       *fixture,
              gconstpointer  data)
{
  ReaderData readers[3] = { { fixture->store, 0 }, { fixture->store, 0 }, { fixture->store, 0 } };
  GThread *threads[3];
  g_autoptr(GError) error = NULL;

  put_case_ep1 (fixture->store);

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("reader", reader_thread, &readers[i]);

  /* the main thread writes and reads meanwhile */
  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(JsonObject) obs = NULL;
      g_autoptr(GPtrArray) cases = NULL;
      g_autofree char *json = g_strdup_printf ("{\"resourceType\": \"Observation\", \"id\": \"t%u\", \"status\": \"final\","
                                               " \"subject\": {\"reference\": \"Patient/p1\"}}", i);

      obs = hz_test_parse_object (json);
      g_assert_true (hz_store_put (fixture->store, "ep1", obs, &error));
      g_assert_no_error (error);
      cases = hz_store_list_cases (fixture->store, &error);
      g_assert_no_error (error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      g_thread_join (threads[i]);
      g_assert_cmpuint (readers[i].reads, ==, 20);
    }

  g_assert_cmpint (hz_store_count_resources (fixture->store, "ep1"), ==, 41);
  /* 21 + 20 writes, 60 reads */
  g_assert_cmpint (hz_store_count_audit (fixture->store, "ep1"), ==, 101);
}

static HzJsonDoc *
parse_doc (const char  *text,
           GError     **error)
{
  return hz_json_doc_parse (g_strdup (text), strlen (text), error);
}

static void
test_json_text (void)
{
  static const char * const invalid[] = {
    "{\"a\":}", "{\"a\" 1}", "[1,]", "[01]", "[1.]", "[.5]", "[-]", "[1e]", "[\"\\x\"]",
    "[\"a\tb\"]", "{\"a\":1} x", "[", "{", "{\"a\"", "[\"abc", "[tru]", "[nul]", "{1: 2}",
    "[\"\\u12G4\"]", "[\"\\u0000\"]", "[\"\xff\"]", "'single'", "{\"a\":1,}", NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(HzJsonDoc) doc = NULL;
  g_autoptr(HzJsonDoc) deep_doc = NULL;
  g_autoptr(HzJsonDoc) empty = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GString) deep = g_string_new (NULL);
  HzJv *root;
  HzJv *meta;

  doc = parse_doc ("{\"a\": 36.60, \"b\": -0, \"c\": 1E+5, \"big\": 9007199254740993,"
                   " \"s\": \"x\\u00e9\\ud83d\\ude00\\n\\\"\\/\", \"zh\": \"李梅\","
                   " \"lone\": \"\\udc00\", \"arr\": [true, false, null, {}, []]}", &error);
  g_assert_no_error (error);
  root = hz_json_doc_get_root (doc);
  g_assert_cmpint (root->type, ==, HZ_JV_OBJECT);
  g_assert_cmpuint (root->n_children, ==, 8);
  g_assert_cmpstr (hz_jv_get_string (root, "s"), ==, "xé😀\n\"/");
  g_assert_cmpstr (hz_jv_get_string (root, "zh"), ==, "李梅");
  g_assert_cmpstr (hz_jv_get_string (root, "lone"), ==, "\xef\xbf\xbd");
  g_assert_null (hz_jv_get_string (root, "a"));

  /* numbers keep their text; strings are written back in plain UTF-8 */
  text = hz_jv_to_string (root);
  g_assert_cmpstr (text, ==,
                   "{\"a\":36.60,\"b\":-0,\"c\":1E+5,\"big\":9007199254740993,"
                   "\"s\":\"xé😀\\n\\\"/\",\"zh\":\"李梅\",\"lone\":\"\xef\xbf\xbd\","
                   "\"arr\":[true,false,null,{},[]]}");

  node = hz_jv_to_json_node (root);
  g_assert_cmpfloat (json_object_get_double_member (json_node_get_object (node), "a"), ==, 36.6);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (node), "big"), ==, G_GINT64_CONSTANT (9007199254740993));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (node), "arr")), ==, 5);

  /* changes */
  hz_jv_object_set_string (doc, root, "zh", "王芳");
  meta = hz_jv_object_ensure_object (doc, root, "meta");
  hz_jv_object_set_string (doc, meta, "versionId", "3");
  hz_jv_object_ensure_object (doc, root, "a");
  g_clear_pointer (&text, g_free);
  text = hz_jv_to_string (root);
  g_assert_nonnull (strstr (text, "\"a\":{},"));
  g_assert_nonnull (strstr (text, "\"zh\":\"王芳\""));
  g_assert_true (g_str_has_suffix (text, ",\"meta\":{\"versionId\":\"3\"}}"));

  /* strict: each of these is refused */
  for (guint i = 0; invalid[i] != NULL; i++)
    {
      g_autoptr(HzJsonDoc) bad = parse_doc (invalid[i], &error);
      g_autofree char *shown = g_strescape (invalid[i], NULL);

      g_test_message ("%s → %s", shown, error ? error->message : "(accepted)");
      g_assert_null (bad);
      g_assert_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA);
      g_clear_error (&error);
    }

  /* where it went wrong: line and column (in characters) */
  {
    g_autoptr(HzJsonDoc) bad = parse_doc ("{\n  \"名字\": \"\\u674e\",\n  \"b\": ]\n}", &error);

    g_assert_null (bad);
    g_assert_nonnull (error);
    g_assert_true (g_str_has_prefix (error->message, "line 3, column 8: "));
    g_assert_nonnull (strstr (error->message, "]"));
    g_clear_error (&error);
  }

  for (guint i = 0; i < 1000; i++)
    g_string_append_c (deep, '[');
  deep_doc = parse_doc (deep->str, &error);
  g_assert_null (deep_doc);
  g_assert_nonnull (strstr (error->message, "nested"));
  g_clear_error (&error);

  empty = parse_doc (" \n\t ", &error);
  g_assert_no_error (error);
  g_assert_null (hz_json_doc_get_root (empty));
}

/* A whole case's rows are parsed in parts on several threads and linked
 * into one array: every element once, in order; a bad row still reported. */
static void
test_json_array_parts (void)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(HzJsonDoc) doc = NULL;
  g_autoptr(GError) error = NULL;
  HzJv *root;
  guint i = 0;

  for (guint n = 0; n < 5001; n++)
    g_ptr_array_add (texts, g_strdup_printf ("{\"n\":%u,\"s\":\"%u\"}", n, n));

  doc = hz_json_doc_parse_array (texts, &error);
  g_assert_no_error (error);
  root = hz_json_doc_get_root (doc);
  g_assert_cmpuint (hz_jv_get_length (root), ==, 5001);
  for (HzJv *element = hz_jv_get_first (root); element != NULL; element = hz_jv_get_next (element), i++)
    {
      g_autofree char *expected = g_strdup_printf ("%u", i);

      g_assert_cmpstr (hz_jv_get_string (element, "s"), ==, expected);
    }
  g_assert_cmpuint (i, ==, 5001);
  g_assert_cmpstr (hz_jv_get_string (hz_jv_get_element (root, 5000), "s"), ==, "5000");

  /* one bad row in the second half: an error, and no document */
  g_free (texts->pdata[4000]);
  texts->pdata[4000] = g_strdup ("{\"n\":}");
  g_clear_pointer (&doc, hz_json_doc_unref);
  doc = hz_json_doc_parse_array (texts, &error);
  g_assert_null (doc);
  g_assert_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA);
}

typedef struct
{
  guint *hits;
} SplitData;

static void
count_one (guint    i,
           gpointer user_data)
{
  SplitData *data = user_data;

  data->hits[i]++;
}

static void
test_parallel_for (void)
{
  guint sizes[] = { 0, 1, 999, 1000, 2001, 10007 };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autofree guint *hits = g_new0 (guint, sizes[s] + 1);
      SplitData data = { hits };

      hz_parallel_for (sizes[s], 1000, count_one, &data);
      for (guint i = 0; i < sizes[s]; i++)
        g_assert_cmpuint (hits[i], ==, 1);
      g_assert_cmpuint (hits[sizes[s]], ==, 0);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/huizhen/store/json-text", test_json_text);
  g_test_add_func ("/huizhen/store/json-array-parts", test_json_array_parts);
  g_test_add_func ("/huizhen/store/parallel-for", test_parallel_for);

#define ADD(path, func) \
  g_test_add ("/huizhen/store/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("round-trip-types", test_round_trip_types);
  ADD ("corrupt-row", test_corrupt_row);
  ADD ("meta-versions", test_put_meta_and_versions);
  ADD ("reopen", test_reopen);
  ADD ("file-mode", test_file_mode);
  ADD ("open-async", test_open_async);
  ADD ("bundle-lossless", test_bundle_lossless);
  ADD ("urn-uuid", test_urn_uuid);
  ADD ("bad-inputs", test_bad_inputs);
  ADD ("case-assignment", test_case_assignment);
  ADD ("audit", test_audit);
  ADD ("no-actor", test_no_actor);
  ADD ("not-a-database", test_not_a_database);
  ADD ("disk-full", test_disk_full);
  ADD ("changed-signal", test_changed_signal);
  ADD ("list-cases", test_list_cases);
  ADD ("threads", test_threads);

#undef ADD

  return g_test_run ();
}
