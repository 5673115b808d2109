/* test-store-trust.c — exact exports, one JSON path, versioned writes,
 * the hash-chained audit log and changes from another connection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sqlite3.h>
#include <huizhen.h>

#include "hz-store-private.h"
#include "hz-test-utils.h"

typedef struct
{
  char    *dir;
  char    *path;
  HzStore *store;
} Fixture;

static HzActor *
actor_new (const char *name)
{
  return hz_actor_new (name, HZ_TEAM_OBSTETRICS, "主治医师", "测试医院");
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(HzActor) actor = actor_new ("王丽");

  fixture->dir = hz_test_make_tmp_dir ("hz-test-trust-XXXXXX");
  fixture->path = g_build_filename (fixture->dir, "huizhen.db", NULL);
  fixture->store = hz_test_store_new (fixture->dir, actor);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  hz_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

#define CASE_BUNDLE_HEAD \
  "{\"resourceType\": \"Bundle\", \"type\": \"collection\", \"entry\": [" \
  "{\"resource\": {\"resourceType\": \"Patient\", \"id\": \"p1\", \"birthDate\": \"1994-05-01\"}}," \
  "{\"resource\": {\"resourceType\": \"EpisodeOfCare\", \"id\": \"ep1\", \"status\": \"active\"," \
  " \"patient\": {\"reference\": \"Patient/p1\"}}}"

#define OBSERVATION(id, value) \
  "{\"resource\": {\"resourceType\": \"Observation\", \"id\": \"" id "\", \"status\": \"final\"," \
  " \"code\": {\"coding\": [{\"system\": \"http://loinc.org\", \"code\": \"8310-5\"}]}," \
  " \"subject\": {\"reference\": \"Patient/p1\"}, \"effectiveDateTime\": \"2026-11-20\"," \
  " \"valueQuantity\": {\"value\": " value ", \"unit\": \"Cel\"}}}"

static void
import_text (HzStore    *store,
             const char *json)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (hz_store_import_data (store, json, -1, "test", "test", NULL, &error));
  g_assert_no_error (error);
}

/* ------------------------------------------------------------------------- */
/* 1. Exports keep what was stored */

static void
test_export_decimals (Fixture       *fixture,
                      gconstpointer  data)
{
  static const char *values[] = { "36.60", "4.6", "0.1", "120.0", "12345678901234567.5" };
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  import_text (fixture->store,
               CASE_BUNDLE_HEAD ","
               OBSERVATION ("t1", "36.60") "," OBSERVATION ("t2", "4.6") ","
               OBSERVATION ("t3", "0.1") "," OBSERVATION ("t4", "120.0") ","
               OBSERVATION ("t5", "12345678901234567.5") "]}");

  text = hz_store_export_case_to_data (fixture->store, "ep1", "/tmp/out.json", NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *expected = g_strdup_printf ("\"value\": %s,", values[i]);

      g_assert_nonnull (strstr (text, expected));
    }
  g_assert_null (strstr (text, "36.600000000000001"));
  g_assert_null (strstr (text, "12345678901234568"));
}

/* ------------------------------------------------------------------------- */
/* 2. One JSON path, no duplicate members */

static void
test_duplicate_members (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 before = hz_store_count_resources (fixture->store, NULL);

  g_assert_false (hz_store_import_data (fixture->store,
                                        CASE_BUNDLE_HEAD ","
                                        "{\"resource\": {\"resourceType\": \"Observation\", \"id\": \"a\","
                                        " \"status\": \"final\", \"id\": \"b\"}}]}",
                                        -1, "dup.json", NULL, NULL, &error));
  g_assert_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_INVALID_JSON);
  g_assert_nonnull (strstr (error->message, "Observation/a"));
  g_assert_nonnull (strstr (error->message, "“id”"));
  g_clear_error (&error);

  /* a second resourceType */
  g_assert_false (hz_store_import_data (fixture->store,
                                        "{\"resourceType\": \"Patient\", \"id\": \"p9\","
                                        " \"resourceType\": \"Observation\"}",
                                        -1, "dup2.json", NULL, NULL, &error));
  g_assert_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_INVALID_JSON);
  g_assert_nonnull (strstr (error->message, "Patient/p9"));
  g_assert_nonnull (strstr (error->message, "“resourceType”"));
  g_clear_error (&error);

  /* the same in a file */
  {
    g_autofree char *path = g_build_filename (fixture->dir, "dup.json", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);

    g_file_set_contents (path, "{\"resourceType\": \"Bundle\", \"type\": \"collection\","
                         " \"type\": \"transaction\"}", -1, &error);
    g_assert_no_error (error);
    g_assert_false (hz_store_import_file (fixture->store, file, NULL, NULL, &error));
    g_assert_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_INVALID_JSON);
    g_assert_nonnull (strstr (error->message, "“type”"));
    g_clear_error (&error);
  }

  g_assert_cmpint (hz_store_count_resources (fixture->store, NULL), ==, before);
}

/* ------------------------------------------------------------------------- */
/* 3. Versioned writes and history */

static JsonObject *
get (HzStore    *store,
     const char *type,
     const char *id)
{
  g_autoptr(GError) error = NULL;
  JsonObject *object = hz_test_store_get_json (store, type, id, &error);

  g_assert_no_error (error);
  return object;
}

static void
test_history (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) obs = NULL;
  g_autoptr(HzResource) first = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  HzStoreVersion *v;

  import_text (fixture->store, CASE_BUNDLE_HEAD "," OBSERVATION ("t1", "36.6") "]}");

  /* the same bundle again adds nothing: no version, no audit row */
  {
    gint64 audit = hz_store_count_audit (fixture->store, NULL);

    import_text (fixture->store, CASE_BUNDLE_HEAD "," OBSERVATION ("t1", "36.6") "]}");
    g_assert_cmpint (hz_store_count_audit (fixture->store, NULL), ==, audit);
  }

  obs = get (fixture->store, "Observation", "t1");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (obs, "meta"), "versionId"), ==, "1");
  json_object_set_string_member (obs, "status", "amended");
  g_assert_true (hz_store_put (fixture->store, "ep1", obs, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (obs, "meta"), "versionId"), ==, "2");

  g_assert_true (hz_store_delete (fixture->store, "Observation", "t1", 2, &error));
  g_assert_no_error (error);
  g_assert_null (hz_test_store_get_json (fixture->store, "Observation", "t1", &error));
  g_assert_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  versions = hz_store_history (fixture->store, "Observation", "t1", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (versions->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      v = g_ptr_array_index (versions, i);
      g_assert_cmpint (v->version, ==, i + 1);
      g_assert_cmpstr (v->author, ==, "王丽");
      g_assert_cmpstr (v->case_id, ==, "ep1");
      g_assert_true (v->deleted == (i == 2));
      g_assert_nonnull (v->last_updated);
    }

  /* the first version is still there, as written */
  first = hz_store_get_version (fixture->store, "Observation", "t1", 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hz_jv_get_string (hz_resource_get_value (first), "status"), ==, "final");
  g_assert_null (hz_store_get_version (fixture->store, "Observation", "t1", 3, &error));
  g_assert_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* an edit of the deleted version is a conflict, not a resurrection */
  g_assert_false (hz_store_put (fixture->store, "ep1", obs, &error));
  g_assert_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "Observation/t1"));
  g_clear_error (&error);

  /* the history table refuses to be rewritten */
  {
    sqlite3 *db = NULL;
    char *errmsg = NULL;

    g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "DELETE FROM history", NULL, NULL, &errmsg), !=, SQLITE_OK);
    sqlite3_free (errmsg);
    sqlite3_close (db);
  }
}

static void
test_racing_writers (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HzActor) other_actor = actor_new ("李强");
  g_autoptr(HzStore) other = NULL;
  g_autoptr(JsonObject) mine = NULL;
  g_autoptr(JsonObject) theirs = NULL;
  g_autoptr(JsonObject) stored = NULL;

  import_text (fixture->store, CASE_BUNDLE_HEAD "," OBSERVATION ("t1", "36.6") "]}");

  /* a second connection: another process, another clinician */
  other = hz_store_new (fixture->path, &error);
  g_assert_no_error (error);
  hz_store_set_actor (other, other_actor);

  mine = get (fixture->store, "Observation", "t1");
  theirs = get (other, "Observation", "t1");

  json_object_set_string_member (theirs, "status", "amended");
  g_assert_true (hz_store_put (other, "ep1", theirs, &error));
  g_assert_no_error (error);

  json_object_set_string_member (mine, "status", "cancelled");
  g_assert_false (hz_store_put (fixture->store, "ep1", mine, &error));
  g_assert_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_CONFLICT);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "Observation/t1"));
  g_assert_nonnull (strstr (error->message, "李强"));
  g_assert_nonnull (strstr (error->message, "version 2"));
  g_assert_nonnull (strstr (error->message, "version 1"));
  g_clear_error (&error);

  stored = get (fixture->store, "Observation", "t1");
  g_assert_cmpstr (json_object_get_string_member (stored, "status"), ==, "amended");

  /* a new resource under an id that exists is a conflict too */
  {
    g_autoptr(JsonObject) fresh = hz_test_parse_object (
      "{\"resourceType\": \"Observation\", \"id\": \"t1\", \"status\": \"final\","
      " \"subject\": {\"reference\": \"Patient/p1\"}}");

    g_assert_false (hz_store_put (fixture->store, "ep1", fresh, &error));
    g_assert_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_CONFLICT);
    g_clear_error (&error);
  }

  /* a delete from the old version is refused */
  g_assert_false (hz_store_delete (fixture->store, "Observation", "t1", 1, &error));
  g_assert_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_cmpstr (json_object_get_string_member (get (fixture->store, "Observation", "t1"), "status"),
                   ==, "amended");
}

static void
test_transaction_if_match (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) stored = NULL;

  import_text (fixture->store, CASE_BUNDLE_HEAD "," OBSERVATION ("t1", "36.6") "]}");
  import_text (fixture->store, CASE_BUNDLE_HEAD "," OBSERVATION ("t1", "36.7") "]}");
  /* t1 is at version 2 now */

#define TX_PUT(if_match, value) \
  "{\"resourceType\": \"Bundle\", \"type\": \"transaction\", \"entry\": [" \
  "{\"request\": {\"method\": \"PUT\", \"url\": \"Observation/t1\", \"ifMatch\": \"" if_match "\"}," \
  " \"resource\": {\"resourceType\": \"Observation\", \"id\": \"t1\", \"status\": \"final\"," \
  " \"subject\": {\"reference\": \"Patient/p1\"}, \"valueQuantity\": {\"value\": " value "}}}," \
  "{\"request\": {\"method\": \"POST\", \"url\": \"Observation\"}," \
  " \"resource\": {\"resourceType\": \"Observation\", \"id\": \"t9\", \"status\": \"final\"," \
  " \"subject\": {\"reference\": \"Patient/p1\"}}}]}"

  g_assert_false (hz_store_import_data (fixture->store, TX_PUT ("W/\\\"1\\\"", "37.0"), -1,
                                        "stale.json", NULL, NULL, &error));
  g_assert_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  /* the whole bundle failed: not even the POST was written */
  g_assert_null (hz_test_store_get_json (fixture->store, "Observation", "t9", &error));
  g_clear_error (&error);

  g_assert_true (hz_store_import_data (fixture->store, TX_PUT ("W/\\\"2\\\"", "37.0"), -1,
                                       "fresh.json", NULL, NULL, &error));
  g_assert_no_error (error);
  stored = get (fixture->store, "Observation", "t1");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (stored, "meta"), "versionId"), ==, "3");

  /* POST of an id that exists */
  g_assert_false (hz_store_import_data (fixture->store, TX_PUT ("W/\\\"3\\\"", "37.1"), -1,
                                        "again.json", NULL, NULL, &error));
  g_assert_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "Observation/t9"));
  g_clear_error (&error);

  /* DELETE with ifMatch */
  g_assert_true (hz_store_import_data (fixture->store,
                                       "{\"resourceType\": \"Bundle\", \"type\": \"transaction\", \"entry\": ["
                                       "{\"request\": {\"method\": \"DELETE\", \"url\": \"Observation/t9\","
                                       " \"ifMatch\": \"W/\\\"1\\\"\"}}]}",
                                       -1, "delete.json", NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (hz_test_store_get_json (fixture->store, "Observation", "t9", &error));
  g_clear_error (&error);
#undef TX_PUT
}

/* ------------------------------------------------------------------------- */
/* 4. The audit log */

static HzResource *
newest_audit (HzStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = hz_store_list_audit (store, NULL, 1, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 1);
  return g_object_ref (g_ptr_array_index (events, 0));
}

static const char *
entity_string (HzResource *event,
               const char *member)
{
  HzJv *entity = hz_jv_get_object_element (hz_resource_get_value (event), "entity", 0);

  if (g_strcmp0 (member, "what") == 0)
    return hz_jv_get_path_string (entity, "what.reference");
  return hz_jv_get_string (entity, member);
}

static void
test_audit_events (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autofree char *text = NULL;
  HzResource *event;
  gint64 before;

  import_text (fixture->store, CASE_BUNDLE_HEAD "," OBSERVATION ("t1", "36.6") "]}");

  /* one event per listing, not per row */
  before = hz_store_count_audit (fixture->store, NULL);
  cases = hz_store_list_cases (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (hz_store_count_audit (fixture->store, NULL), ==, before + 1);
  event = newest_audit (fixture->store);
  g_assert_cmpstr (hz_jv_get_string (hz_resource_get_value (event), "action"), ==, "R");
  g_assert_cmpstr (entity_string (event, "what"), ==, "EpisodeOfCare");
  /* codes, not translated words */
  {
    HzJv *role = hz_jv_get_object_element (hz_jv_get_object_element (hz_resource_get_value (event),
                                                                     "agent", 0),
                                           "role", 0);

    g_assert_cmpstr (hz_jv_get_string (hz_jv_get_object_element (role, "coding", 0), "code"),
                     ==, "obstetrics");
  }
  g_object_unref (event);

  g_assert_true (hz_store_audit_search (fixture->store, "1234", &error));
  g_assert_no_error (error);
  event = newest_audit (fixture->store);
  g_assert_cmpstr (entity_string (event, "description"), ==, "1234");
  g_object_unref (event);

  /* an export names its destination */
  text = hz_store_export_case_to_data (fixture->store, "ep1", "/media/usb/ep1.json", NULL, &error);
  g_assert_no_error (error);
  event = newest_audit (fixture->store);
  g_assert_cmpstr (entity_string (event, "description"), ==, "/media/usb/ep1.json");
  g_assert_cmpstr (entity_string (event, "what"), ==, "EpisodeOfCare/ep1");
  g_assert_cmpstr (hz_jv_get_string (hz_jv_get_object_element (hz_resource_get_value (event), "subtype", 0), "code"), ==, "export");
  g_object_unref (event);

  /* a refused write is recorded with its reason */
  {
    g_autoptr(JsonObject) fresh = hz_test_parse_object (
      "{\"resourceType\": \"Observation\", \"id\": \"t1\", \"status\": \"final\","
      " \"subject\": {\"reference\": \"Patient/p1\"}}");

    g_assert_false (hz_store_put (fixture->store, "ep1", fresh, &error));
    g_assert_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_CONFLICT);
    event = newest_audit (fixture->store);
    g_assert_cmpstr (hz_jv_get_string (hz_resource_get_value (event), "outcome"), ==, "4");
    g_assert_cmpstr (entity_string (event, "what"), ==, "Observation/t1");
    g_assert_cmpstr (entity_string (event, "description"), ==, error->message);
    g_object_unref (event);
  }
}

static void
run_sql (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;
  char *errmsg = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &errmsg) != SQLITE_OK)
    g_error ("%s: %s", sql, errmsg);
  sqlite3_close (db);
}

#define DROP_GUARDS "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;"
#define RESTORE_GUARDS \
  "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit" \
  " WHEN OLD.hash IS NOT NULL OR NEW.seq IS NOT OLD.seq OR NEW.id IS NOT OLD.id" \
  " OR NEW.case_id IS NOT OLD.case_id OR NEW.recorded IS NOT OLD.recorded" \
  " OR NEW.json IS NOT OLD.json" \
  " BEGIN SELECT RAISE (ABORT, 'audit rows are append-only'); END;" \
  "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit" \
  " BEGIN SELECT RAISE (ABORT, 'audit rows are append-only'); END;"

static void
assert_tampered (Fixture    *fixture,
                 const char *head,
                 const char *in_message)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (hz_store_verify_audit (fixture->store, head, NULL, NULL, &error));
  g_assert_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_TAMPERED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, in_message));
}

static void
assert_tampered_since (Fixture    *fixture,
                       const char *head,
                       const char *in_message)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (hz_store_verify_audit_since (fixture->store, head, NULL, NULL, &error));
  g_assert_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_TAMPERED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, in_message));
}

static void
test_audit_chain (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *head = NULL;
  g_autofree char *head_hash = NULL;
  gint64 count = 0;
  gint64 head_count = 0;

  import_text (fixture->store, CASE_BUNDLE_HEAD "," OBSERVATION ("t1", "36.6") ","
               OBSERVATION ("t2", "36.7") "," OBSERVATION ("t3", "36.8") "]}");

  g_assert_true (hz_store_verify_audit (fixture->store, NULL, &count, &hash, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count, ==, 5);
  g_assert_cmpuint (strlen (hash), ==, 64);

  g_assert_true (hz_store_audit_head (fixture->store, &head_count, &head_hash, &error));
  g_assert_cmpint (head_count, ==, count);
  g_assert_cmpstr (head_hash, ==, hash);
  head = g_strdup_printf ("%" G_GINT64_FORMAT ":%s", head_count, head_hash);
  g_assert_true (hz_store_verify_audit (fixture->store, head, NULL, NULL, &error));
  g_assert_no_error (error);

  /* the guards alone */
  run_sql (fixture->path, "DROP TRIGGER audit_no_delete;");
  assert_tampered (fixture, NULL, "audit_no_delete");
  run_sql (fixture->path,
           "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
           " BEGIN SELECT RAISE (ABORT, 'audit rows are append-only'); END;");
  g_assert_true (hz_store_verify_audit (fixture->store, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  /* a row edited behind the guards' back */
  run_sql (fixture->path, DROP_GUARDS
           "UPDATE audit SET json = replace (json, '王丽', '张三') WHERE seq = 3;"
           RESTORE_GUARDS);
  assert_tampered (fixture, NULL, "row 3 was changed");
}

static void
test_audit_incremental (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *head = NULL;
  gint64 count = 0;
  gint64 head_count = 0;

  import_text (fixture->store, CASE_BUNDLE_HEAD "," OBSERVATION ("t1", "36.6") ","
               OBSERVATION ("t2", "36.7") "," OBSERVATION ("t3", "36.8") "]}");
  g_assert_true (hz_store_audit_head (fixture->store, &head_count, &hash, &error));
  head = g_strdup_printf ("%" G_GINT64_FORMAT ":%s", head_count, hash);

  /* incremental: from the kept head, the rows after it */
  import_text (fixture->store, CASE_BUNDLE_HEAD "," OBSERVATION ("t4", "36.9") "]}");
  g_clear_pointer (&hash, g_free);
  g_assert_true (hz_store_verify_audit_since (fixture->store, head, &count, &hash, &error));
  g_assert_no_error (error);
  /* one new resource; the unchanged patient and case add no row */
  g_assert_cmpint (count, ==, head_count + 1);
  run_sql (fixture->path, DROP_GUARDS
           "UPDATE audit SET json = replace (json, '王丽', '张三') WHERE seq = 6;"
           RESTORE_GUARDS);
  assert_tampered_since (fixture, head, "row 6 was changed");
  run_sql (fixture->path, DROP_GUARDS
           "UPDATE audit SET hash = '0000000000000000000000000000000000000000000000000000000000000001'"
           " WHERE seq = 5;"
           RESTORE_GUARDS);
  assert_tampered_since (fixture, head, "rewritten");

}

static void
test_audit_chain_removed (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *head = NULL;
  gint64 count = 0;

  import_text (fixture->store, CASE_BUNDLE_HEAD "," OBSERVATION ("t1", "36.6") ","
               OBSERVATION ("t2", "36.7") "," OBSERVATION ("t3", "36.8") "]}");
  g_assert_true (hz_store_audit_head (fixture->store, &count, &hash, &error));
  head = g_strdup_printf ("%" G_GINT64_FORMAT ":%s", count, hash);

  /* a row taken out of the middle */
  run_sql (fixture->path, DROP_GUARDS "DELETE FROM audit WHERE seq = 2;" RESTORE_GUARDS);
  assert_tampered (fixture, NULL, "row 2 was removed");

  /* rows cut off the end show only against a kept head */
  run_sql (fixture->path, DROP_GUARDS "DELETE FROM audit WHERE seq >= 2;" RESTORE_GUARDS);
  g_assert_true (hz_store_verify_audit (fixture->store, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_tampered (fixture, head, "cut off");
}

/* ------------------------------------------------------------------------- */
/* 5. A full disk */

static void
test_full_disk (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) big = g_string_new (CASE_BUNDLE_HEAD);
  g_autoptr(GPtrArray) versions = NULL;
  gint64 resources, audit;
  g_autofree char *hash = NULL;

  import_text (fixture->store, CASE_BUNDLE_HEAD "," OBSERVATION ("t1", "36.6") "]}");
  resources = hz_store_count_resources (fixture->store, NULL);
  audit = hz_store_count_audit (fixture->store, NULL);

  for (guint i = 0; i < 3000; i++)
    g_string_append_printf (big, ",{\"resource\": {\"resourceType\": \"Observation\", \"id\": \"big%u\","
                            " \"status\": \"final\", \"subject\": {\"reference\": \"Patient/p1\"},"
                            " \"note\": [{\"text\": \"%0200u\"}]}}", i, i);
  g_string_append (big, "]}");

  hz_store_limit_size (fixture->store, 256 * 1024);
  g_assert_false (hz_store_import_data (fixture->store, big->str, big->len, "big.json", NULL,
                                        NULL, &error));
  g_assert_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, fixture->path));
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  hz_store_limit_size (fixture->store, 0);

  /* rolled back whole: nothing of it, history and chain intact */
  g_assert_cmpint (hz_store_count_resources (fixture->store, NULL), ==, resources);
  g_assert_cmpint (hz_store_count_audit (fixture->store, NULL), >=, audit);
  versions = hz_store_history (fixture->store, "Observation", "big0", &error);
  g_assert_null (versions);
  g_assert_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (hz_store_verify_audit (fixture->store, NULL, NULL, &hash, &error));
  g_assert_no_error (error);
}

/* ------------------------------------------------------------------------- */
/* 6. Another connection's writes reach this one's changed signal */

typedef struct
{
  guint  count;
  char  *case_id;
  GStrv  types;
} Seen;

static void
on_changed (HzStore     *store,
            const char  *case_id,
            const char **types,
            Seen        *seen)
{
  g_free (seen->case_id);
  g_strfreev (seen->types);
  seen->case_id = g_strdup (case_id);
  seen->types = g_strdupv ((char **) types);
  seen->count++;
}

static void
test_other_connection (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HzActor) other_actor = actor_new ("李强");
  g_autoptr(HzStore) other = NULL;
  g_autoptr(JsonObject) obs = NULL;
  Seen seen = { 0, };
  gulong id;

  import_text (fixture->store, CASE_BUNDLE_HEAD "," OBSERVATION ("t1", "36.6") "]}");

  id = g_signal_connect (fixture->store, "changed", G_CALLBACK (on_changed), &seen);

  /* the second connection stands for another process: its commits are
   * seen through the database, not through this process's objects */
  other = hz_store_new (fixture->path, &error);
  g_assert_no_error (error);
  hz_store_set_actor (other, other_actor);
  obs = get (other, "Observation", "t1");
  json_object_set_string_member (obs, "status", "amended");
  g_signal_handlers_block_matched (other, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, &seen);
  g_assert_true (hz_store_put (other, "ep1", obs, &error));
  g_assert_no_error (error);

  hz_test_wait_for (&seen.count, 1);
  g_assert_cmpstr (seen.case_id, ==, "ep1");
  g_assert_true (g_strv_contains ((const char * const *) seen.types, "Observation"));

  g_signal_handler_disconnect (fixture->store, id);
  g_free (seen.case_id);
  g_strfreev (seen.types);
}

/* ------------------------------------------------------------------------- */
/* 7. A demo that never ages */

static HzCaseSummary *
find_case (GPtrArray  *cases,
           const char *case_id)
{
  for (guint i = 0; i < cases->len; i++)
    if (g_strcmp0 (hz_case_summary_get_case_id (g_ptr_array_index (cases, i)), case_id) == 0)
      return g_ptr_array_index (cases, i);
  return NULL;
}

/* The story's GA (data/demo/README.md) on @day, for a demo imported for @day */
static void
check_demo_on (Fixture    *fixture,
               GDateDay    d,
               GDateMonth  m,
               GDateYear   y)
{
  static const struct { const char *case_id; int ga_days; int postpartum; } stories[] = {
    { "c1-episode", 11 * 7 + 2, -1 },
    { "c2-episode", 24 * 7 + 2, -1 },
    { "c3-episode", 30 * 7 + 1, -1 },
    { "c4-episode", -1, 21 },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_auto(GStrv) ids = NULL;
  GDate day;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, d, m, y);
  g_assert_true (hz_demo_import (fixture->store, NULL, &day, &ids, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (ids), ==, 4);

  cases = hz_store_list_cases (fixture->store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (stories); i++)
    {
      HzCaseSummary *summary = find_case (cases, stories[i].case_id);
      HzDating dating;
      GDate lmp, delivery;
      int ga = -1;

      g_assert_nonnull (summary);
      g_assert_true (hz_case_summary_get_demo (summary));
      g_date_clear (&lmp, 1);
      g_date_clear (&delivery, 1);
      if (hz_case_summary_get_lmp (summary) != NULL)
        g_date_set_parse (&lmp, hz_case_summary_get_lmp (summary));
      if (hz_case_summary_get_delivery_date (summary) != NULL)
        g_date_set_parse (&delivery, hz_case_summary_get_delivery_date (summary));
      hz_dating_compute (&dating, g_date_valid (&lmp) ? &lmp : NULL, NULL, 0, NULL, 0,
                         NULL, g_date_valid (&delivery) ? &delivery : NULL);

      if (stories[i].postpartum >= 0)
        g_assert_cmpint (g_date_days_between (&delivery, &day), ==, stories[i].postpartum);
      else
        {
          g_assert_true (hz_dating_ga_at (&dating, &day, &ga));
          g_assert_cmpint (ga, ==, stories[i].ga_days);
        }
    }
}

static void
test_demo (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) patient = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  guint n = 0;
  gint64 audit_before;

  /* the stories' own day, then another: each case at its story's GA */
  check_demo_on (fixture, 23, G_DATE_NOVEMBER, 2026);
  patient = get (fixture->store, "Patient", "c1-patient");
  g_assert_cmpstr (json_object_get_string_member (patient, "birthDate"), ==, "1991-03-18");
  {
    g_autoptr(HzResource) stored = hz_store_get (fixture->store, "Patient", "c1-patient", NULL);

    g_assert_true (hz_fhir_jv_is_demo (hz_resource_get_value (stored)));
  }
  g_clear_pointer (&patient, json_object_unref);

  check_demo_on (fixture, 2, G_DATE_DECEMBER, 2026);
  patient = get (fixture->store, "Patient", "c1-patient");
  g_assert_cmpstr (json_object_get_string_member (patient, "birthDate"), ==, "1991-03-27");

  check_demo_on (fixture, 1, G_DATE_MARCH, 2027);

  /* a real case stays when the demo goes */
  import_text (fixture->store, CASE_BUNDLE_HEAD "]}");
  audit_before = hz_store_count_audit (fixture->store, NULL);
  g_assert_true (hz_demo_remove (fixture->store, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 4);
  cases = hz_store_list_cases (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cases->len, ==, 1);
  g_assert_cmpstr (hz_case_summary_get_case_id (g_ptr_array_index (cases, 0)), ==, "ep1");
  g_assert_false (hz_case_summary_get_demo (g_ptr_array_index (cases, 0)));
  /* audited, and kept in the history */
  g_assert_cmpint (hz_store_count_audit (fixture->store, NULL), >, audit_before + 4);
  versions = hz_store_history (fixture->store, "Patient", "c1-patient", &error);
  g_assert_no_error (error);
  g_assert_true (((HzStoreVersion *) g_ptr_array_index (versions, versions->len - 1))->deleted);
  g_assert_true (hz_store_verify_audit (fixture->store, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* A preview counts what an import would do and writes nothing */
static void
test_preview_import (Fixture       *fixture,
                     gconstpointer  data)
{
  static const char first[] =
    "{\"resourceType\": \"Bundle\", \"type\": \"collection\", \"entry\": ["
    "{\"resource\": {\"resourceType\": \"Patient\", \"id\": \"pv\", \"name\": [{\"text\": \"周敏\"}]}},"
    "{\"resource\": {\"resourceType\": \"EpisodeOfCare\", \"id\": \"ev\", \"status\": \"active\","
    " \"patient\": {\"reference\": \"Patient/pv\"}}}]}";
  static const char second[] =
    "{\"resourceType\": \"Bundle\", \"type\": \"collection\", \"entry\": ["
    "{\"resource\": {\"resourceType\": \"Patient\", \"id\": \"pv\", \"name\": [{\"text\": \"周敏敏\"}]}},"
    "{\"resource\": {\"resourceType\": \"EpisodeOfCare\", \"id\": \"ev\", \"status\": \"active\","
    " \"patient\": {\"reference\": \"Patient/pv\"}}},"
    "{\"resource\": {\"resourceType\": \"Flag\", \"id\": \"fv\", \"status\": \"active\","
    " \"subject\": {\"reference\": \"Patient/pv\"}, \"code\": {\"text\": \"贫血\"}}}]}";
  g_autofree char *path = g_build_filename (fixture->dir, "case.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) case_ids = NULL;
  HzStoreImportCounts counts = { 99, 99, 99 };
  gint64 audit_rows;

  g_assert_true (g_file_set_contents (path, first, -1, &error));
  g_assert_true (hz_store_preview_import_file (fixture->store, file, &counts, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.n_new, ==, 2);
  g_assert_cmpuint (counts.n_changed, ==, 0);
  g_assert_cmpuint (counts.n_unchanged, ==, 0);
  /* nothing was written */
  g_assert_cmpint (hz_store_count_resources (fixture->store, NULL), ==, 0);

  g_assert_true (hz_store_import_file (fixture->store, file, NULL, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_set_contents (path, second, -1, &error));
  audit_rows = hz_store_count_audit (fixture->store, NULL);
  g_assert_true (hz_store_preview_import_file (fixture->store, file, &counts, &case_ids, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.n_new, ==, 1);
  g_assert_cmpuint (counts.n_changed, ==, 1);
  g_assert_cmpuint (counts.n_unchanged, ==, 1);
  g_assert_cmpstr (case_ids[0], ==, "ev");
  /* no version, no audit row, the old name still there */
  g_assert_cmpint (hz_store_count_audit (fixture->store, NULL), ==, audit_rows);
  g_assert_cmpint (hz_store_count_resources (fixture->store, NULL), ==, 2);
  {
    g_autoptr(HzCaseSummary) summary = hz_store_get_case_summary (fixture->store, "ev", &error);

    g_assert_no_error (error);
    g_assert_cmpstr (hz_case_summary_get_patient_name (summary), ==, "周敏");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/huizhen/store-trust/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("export-decimals", test_export_decimals);
  ADD ("duplicate-members", test_duplicate_members);
  ADD ("history", test_history);
  ADD ("racing-writers", test_racing_writers);
  ADD ("transaction-if-match", test_transaction_if_match);
  ADD ("audit-events", test_audit_events);
  ADD ("audit-chain", test_audit_chain);
  ADD ("audit-chain-removed", test_audit_chain_removed);
  ADD ("audit-incremental", test_audit_incremental);
  ADD ("full-disk", test_full_disk);
  ADD ("other-connection", test_other_connection);
  ADD ("demo", test_demo);
  ADD ("preview-import", test_preview_import);
#undef ADD

  return g_test_run ();
}
