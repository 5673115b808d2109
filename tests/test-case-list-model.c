/* test-case-list-model.c — the case list of a store: order, search, pinyin,
 * one row moved in place, keys of rows from before schema 3
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>

#include <huizhen.h>

#include "hz-pinyin-private.h"
#include "hz-test-utils.h"

typedef struct
{
  char    *dir;
  char    *path;
  HzStore *store;
} Fixture;

/* name, risk colour, LMP ("" for none), delivery date ("" for none), MRN */
static const char * const cases[][5] = {
  { "刘海燕", "yellow", "2026-05-01", "", "MRN-001" },
  { "王丽", "red", "2026-07-01", "", "MRN-002" },
  { "李梅", "red", "2026-03-01", "", "MRN-003" },
  { "曾静", "green", "", "", "MRN-004" },
  { "张敏", "orange", "2026-01-10", "2026-10-15", "MRN-005" },
};

static char *
case_bundle (guint       n,
             const char *name,
             const char *colour,
             const char *lmp,
             const char *delivered,
             const char *mrn)
{
  GString *json = g_string_new ("{\"resourceType\": \"Bundle\", \"type\": \"collection\", \"entry\": [");

  g_string_append_printf (json,
                          "{\"resource\": {\"resourceType\": \"Patient\", \"id\": \"p%u\","
                          " \"name\": [{\"text\": \"%s\"}],"
                          " \"identifier\": [{\"system\": \"" HZ_SYSTEM_MRN "\", \"value\": \"%s\"}]}},"
                          "{\"resource\": {\"resourceType\": \"EpisodeOfCare\", \"id\": \"e%u\","
                          " \"status\": \"active\", \"patient\": {\"reference\": \"Patient/p%u\"}}},"
                          "{\"resource\": {\"resourceType\": \"RiskAssessment\", \"id\": \"r%u\","
                          " \"status\": \"final\", \"subject\": {\"reference\": \"Patient/p%u\"},"
                          " \"occurrenceDateTime\": \"2026-11-01\", \"prediction\": [{\"outcome\": {\"coding\":"
                          " [{\"system\": \"" HZ_SYSTEM_RISK_COLOUR "\", \"code\": \"%s\"}]}}]}}",
                          n, name, mrn, n, n, n, n, colour);
  if (*lmp != '\0')
    g_string_append_printf (json,
                            ",{\"resource\": {\"resourceType\": \"Observation\", \"id\": \"l%u\","
                            " \"status\": \"final\", \"code\": {\"coding\": [{\"system\": \"http://loinc.org\","
                            " \"code\": \"" HZ_LOINC_LMP "\"}]}, \"subject\": {\"reference\": \"Patient/p%u\"},"
                            " \"valueDateTime\": \"%s\"}}", n, n, lmp);
  if (*delivered != '\0')
    g_string_append_printf (json,
                            ",{\"resource\": {\"resourceType\": \"Observation\", \"id\": \"d%u\","
                            " \"status\": \"final\", \"code\": {\"coding\": [{\"system\": \"http://loinc.org\","
                            " \"code\": \"" HZ_LOINC_DELIVERY_DATE "\"}]}, \"subject\": {\"reference\": \"Patient/p%u\"},"
                            " \"valueDateTime\": \"%s\"}}", n, n, delivered);
  g_string_append (json, "]}");

  return g_string_free (json, FALSE);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(HzActor) actor = hz_actor_new ("测试医生", HZ_TEAM_OBSTETRICS, NULL, NULL);

  fixture->dir = hz_test_make_tmp_dir ("hz-case-list-model-XXXXXX");
  fixture->path = g_build_filename (fixture->dir, "huizhen.db", NULL);
  fixture->store = hz_test_store_new (fixture->dir, actor);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = case_bundle (i, cases[i][0], cases[i][1], cases[i][2],
                                           cases[i][3], cases[i][4]);

      hz_test_import_json (fixture->store, json);
    }
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

static void
on_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
load (HzCaseListModel *model,
      HzStore         *store)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  hz_case_list_model_load_async (model, store, NULL, on_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (hz_case_list_model_load_finish (model, result, &error));
  g_assert_no_error (error);
}

static void
update (HzCaseListModel *model,
        HzStore         *store,
        const char      *case_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  hz_case_list_model_update_case_async (model, store, case_id, NULL, on_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (hz_case_list_model_update_case_finish (model, result, &error));
  g_assert_no_error (error);
}

/* "e2 e1 …": the case ids, in the order shown */
static char *
shown_ids (HzCaseListModel *model)
{
  GString *ids = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      g_autoptr(HzCaseSummary) summary = g_list_model_get_item (G_LIST_MODEL (model), i);

      g_string_append_printf (ids, "%s%s", i > 0 ? " " : "", hz_case_summary_get_case_id (summary));
    }

  return g_string_free (ids, FALSE);
}

static void
assert_shown (HzCaseListModel *model,
              const char      *expected)
{
  g_autofree char *ids = shown_ids (model);

  g_assert_cmpstr (ids, ==, expected);
}

static void
test_pinyin (void)
{
  g_autofree char *forms = hz_pinyin_dup_search_forms ("刘海燕");
  g_autofree char *zeng = hz_pinyin_dup_search_forms ("曾静");
  g_autofree char *none = hz_pinyin_dup_search_forms ("Mary Smith");
  g_autofree char *lv = hz_pinyin_dup_search_forms ("吕芳");
  g_autofree char *li = hz_pinyin_dup_sort_key ("李梅");
  g_autofree char *liu = hz_pinyin_dup_sort_key ("刘海燕");
  g_autofree char *wang = hz_pinyin_dup_sort_key ("王丽");
  g_autofree char *zeng_key = hz_pinyin_dup_sort_key ("曾静");
  g_autofree char *zhang = hz_pinyin_dup_sort_key ("张敏");

  g_assert_cmpstr (forms, ==, "liuhaiyan\nlhy");
  /* a surname in its surname reading, not céng */
  g_assert_cmpstr (zeng, ==, "zengjing\nzj");
  g_assert_cmpstr (lv, ==, "lvfang\nlf");
  g_assert_null (none);

  /* li < liu < wang < zeng < zhang */
  g_assert_cmpint (strcmp (li, liu), <, 0);
  g_assert_cmpint (strcmp (liu, wang), <, 0);
  g_assert_cmpint (strcmp (wang, zeng_key), <, 0);
  g_assert_cmpint (strcmp (zeng_key, zhang), <, 0);
}

static void
test_order (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(HzCaseListModel) model = hz_case_list_model_new ();

  load (model, fixture->store);
  g_assert_cmpuint (hz_case_list_model_get_n_cases (model), ==, 5);

  /* red (李 li before 王 wang), orange, yellow, green */
  assert_shown (model, "e2 e1 e4 e0 e3");

  hz_case_list_model_set_order (model, HZ_CASE_ORDER_NAME);
  /* li, liu, wang, zeng, zhang */
  assert_shown (model, "e2 e0 e1 e3 e4");

  /* furthest along first (LMP 03-01, 05-01, 07-01), then delivered, then not dated */
  hz_case_list_model_set_order (model, HZ_CASE_ORDER_GESTATIONAL_AGE);
  assert_shown (model, "e2 e0 e1 e4 e3");

  /* the last written first */
  hz_case_list_model_set_order (model, HZ_CASE_ORDER_UPDATED);
  assert_shown (model, "e4 e3 e2 e1 e0");
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(HzCaseListModel) model = hz_case_list_model_new ();

  load (model, fixture->store);

  hz_case_list_model_set_search (model, "lhy");
  assert_shown (model, "e0");
  hz_case_list_model_set_search (model, " LiuHaiYan ");
  assert_shown (model, "e0");
  hz_case_list_model_set_search (model, "海燕");
  assert_shown (model, "e0");
  hz_case_list_model_set_search (model, "mrn-00");
  assert_shown (model, "e2 e1 e4 e0 e3");
  hz_case_list_model_set_search (model, "zj");
  assert_shown (model, "e3");
  /* a needle never spans two fields */
  hz_case_list_model_set_search (model, "lhy\nmrn");
  assert_shown (model, "");
  hz_case_list_model_set_search (model, "");
  assert_shown (model, "e2 e1 e4 e0 e3");
  g_assert_cmpuint (hz_case_list_model_get_n_cases (model), ==, 5);
}

typedef struct
{
  guint position, removed, added;
} Change;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GArray     *changes)
{
  Change change = { position, removed, added };

  g_array_append_val (changes, change);
}

static void
regrade (HzStore    *store,
         guint       n,
         const char *colour)
{
  g_autofree char *json = g_strdup_printf (
    "{\"resourceType\": \"RiskAssessment\", \"id\": \"r%u\", \"status\": \"final\","
    " \"subject\": {\"reference\": \"Patient/p%u\"}, \"occurrenceDateTime\": \"2026-11-02\","
    " \"prediction\": [{\"outcome\": {\"coding\": [{\"system\": \"" HZ_SYSTEM_RISK_COLOUR "\","
    " \"code\": \"%s\"}]}}]}", n, n, colour);

  hz_test_import_json (store, json);
}

static void
test_update_in_place (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(HzCaseListModel) model = hz_case_list_model_new ();
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(HzCaseSummary) held = NULL;
  g_autoptr(HzCaseSummary) again = NULL;
  Change *change;

  load (model, fixture->store);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), changes);

  /* a row's summary is shared while someone holds it */
  held = g_list_model_get_item (G_LIST_MODEL (model), 3);
  again = g_list_model_get_item (G_LIST_MODEL (model), 3);
  g_assert_true (held == again);
  g_clear_object (&again);

  /* 刘海燕 (yellow, 4th) is graded red: she moves between 李梅 and 王丽,
   * as one removal and one insertion; nothing else is touched */
  regrade (fixture->store, 0, "red");
  update (model, fixture->store, "e0");
  assert_shown (model, "e2 e0 e1 e4 e3");
  g_assert_cmpuint (changes->len, ==, 2);
  change = &g_array_index (changes, Change, 0);
  g_assert_cmpuint (change->position, ==, 3);
  g_assert_cmpuint (change->removed, ==, 1);
  g_assert_cmpuint (change->added, ==, 0);
  change = &g_array_index (changes, Change, 1);
  g_assert_cmpuint (change->position, ==, 1);
  g_assert_cmpuint (change->removed, ==, 0);
  g_assert_cmpuint (change->added, ==, 1);

  /* a change that keeps the place replaces the one row */
  g_array_set_size (changes, 0);
  regrade (fixture->store, 0, "red");
  {
    g_autofree char *json = case_bundle (0, "刘海燕", "red", "2026-05-02", "", "MRN-001");

    hz_test_import_json (fixture->store, json);
  }
  update (model, fixture->store, "e0");
  g_assert_cmpuint (changes->len, ==, 1);
  change = &g_array_index (changes, Change, 0);
  g_assert_cmpuint (change->position, ==, 1);
  g_assert_cmpuint (change->removed, ==, 1);
  g_assert_cmpuint (change->added, ==, 1);

  /* while searching: only the rows shown */
  g_array_set_size (changes, 0);
  hz_case_list_model_set_search (model, "w");   /* 王丽 (wl) only */
  assert_shown (model, "e1");
  g_array_set_size (changes, 0);
  regrade (fixture->store, 1, "green");
  update (model, fixture->store, "e1");
  assert_shown (model, "e1");
  g_assert_cmpuint (changes->len, ==, 1);
  regrade (fixture->store, 2, "green");
  update (model, fixture->store, "e2");
  /* 李梅 is not shown: no change shown */
  g_assert_cmpuint (changes->len, ==, 1);
  hz_case_list_model_set_search (model, NULL);
  assert_shown (model, "e0 e4 e2 e1 e3");
}

/* A store from before schema 3 (keys NULL): the keys are filled in when it
 * opens. */
static void
test_rows_without_keys (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(HzActor) actor = hz_actor_new ("测试医生", HZ_TEAM_OBSTETRICS, NULL, NULL);
  g_autoptr(HzCaseListModel) model = hz_case_list_model_new ();
  g_autoptr(HzStore) reopened = NULL;
  sqlite3 *db;
  sqlite3_stmt *stmt;
  g_autoptr(GError) error = NULL;

  g_clear_object (&fixture->store);
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE cases SET risk_rank = NULL, purple = NULL, sort_name = NULL,"
                                     " search = NULL, ga_start = NULL, delivered = NULL", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);

  reopened = hz_store_new (fixture->path, &error);
  g_assert_no_error (error);
  hz_store_set_actor (reopened, actor);

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM cases WHERE sort_name IS NULL",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  load (model, reopened);
  assert_shown (model, "e2 e1 e4 e0 e3");
  hz_case_list_model_set_search (model, "lhy");
  assert_shown (model, "e0");
}

int
main (int   argc,
      char *argv[])
{
  hz_test_i18n_init (argc, argv);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/case-list-model/pinyin", test_pinyin);
  g_test_add ("/case-list-model/order", Fixture, NULL, fixture_set_up, test_order, fixture_tear_down);
  g_test_add ("/case-list-model/search", Fixture, NULL, fixture_set_up, test_search, fixture_tear_down);
  g_test_add ("/case-list-model/update-in-place", Fixture, NULL,
              fixture_set_up, test_update_in_place, fixture_tear_down);
  g_test_add ("/case-list-model/rows-without-keys", Fixture, NULL,
              fixture_set_up, test_rows_without_keys, fixture_tear_down);

  return g_test_run ();
}
