/* test-registry.c — the high-risk registry (高危孕产妇专案管理): which
 * cases are listed, in which order, their days overdue and factors, and
 * that what it shows is audited
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <huizhen.h>

#include "hz-test-utils.h"

typedef struct
{
  char    *dir;
  HzStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(HzActor) actor = hz_actor_new ("王蕾", HZ_TEAM_OBSTETRICS, "主治医师", "云州市妇幼保健院");

  fixture->dir = hz_test_make_tmp_dir ("hz-test-registry-XXXXXX");
  fixture->store = hz_test_store_new (fixture->dir, actor);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->store);
  hz_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

static GPtrArray *
list_on (HzStore    *store,
         const char *today_text)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *entries;
  GDate today;

  g_assert_true (hz_fhir_parse_date (today_text, &today));
  entries = hz_registry_list (store, &today, &error);
  g_assert_no_error (error);
  g_assert_nonnull (entries);
  return entries;
}

static const HzRegistryEntry *
entry_at (GPtrArray *entries,
          guint      i)
{
  g_assert_cmpuint (i, <, entries->len);
  return g_ptr_array_index (entries, i);
}

static void
test_fixture_cases (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_auto(GStrv) ids = hz_test_import_fixture (fixture->store, "registry.json");
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) later = NULL;
  const HzRegistryEntry *entry;
  /* red, then orange, then purple only; most overdue first within each.
   * Not listed: a yellow case, and a case whose red grading was superseded
   * by green (a later red one entered in error does not count). */
  const char *expected[] = {
    "reg-red", "reg-red-basis", "reg-orange-late", "reg-orange-ontime", "reg-purple", NULL
  };
  const int overdue[] = { 5, 0, 10, 0, 3 };

  g_assert_cmpuint (g_strv_length (ids), ==, 7);

  entries = list_on (fixture->store, "2026-02-01");
  g_assert_cmpuint (entries->len, ==, G_N_ELEMENTS (expected) - 1);
  for (guint i = 0; expected[i] != NULL; i++)
    {
      entry = entry_at (entries, i);
      g_assert_cmpstr (entry->case_id, ==, expected[i]);
      g_assert_cmpint (entry->days_overdue, ==, overdue[i]);
    }
  g_assert_cmpuint (hz_registry_count_overdue (entries), ==, 3);

  /* the current grading (the later red one), its rationale and team */
  entry = entry_at (entries, 0);
  g_assert_cmpstr (entry->patient_name, ==, "王红");
  g_assert_cmpstr (entry->mrn, ==, "R001");
  g_assert_cmpstr (entry->organization, ==, "云州市妇幼保健院");
  g_assert_cmpint (entry->colour, ==, HZ_RISK_RED);
  g_assert_false (entry->purple);
  g_assert_cmpstr (entry->factors, ==, "重度子痫前期；心功能III级");
  g_assert_cmpstr (entry->next_action, ==, "心内科会诊");
  g_assert_cmpstr (entry->next_action_date, ==, "2026-01-27T09:00:00+08:00");
  g_assert_cmpstr (entry->team, ==, "obstetrics");

  /* no rationale: the basis' displays; no pending action: not overdue */
  entry = entry_at (entries, 1);
  g_assert_cmpstr (entry->factors, ==, "肺动脉高压; 心功能IV级");
  g_assert_null (entry->next_action);
  g_assert_null (entry->next_action_date);

  /* a referring site's case, with the grading's team */
  entry = entry_at (entries, 2);
  g_assert_cmpstr (entry->organization, ==, "临溪县人民医院");
  g_assert_cmpstr (entry->factors, ==, "年龄41岁, 见\"复评\"");
  g_assert_cmpstr (entry->team, ==, "reproductive");

  /* no rationale nor basis: the note; no MRN */
  entry = entry_at (entries, 3);
  g_assert_cmpstr (entry->factors, ==, "分级因素：三胎妊娠");
  g_assert_null (entry->mrn);

  /* purple beside a yellow grade: listed, after every orange case */
  entry = entry_at (entries, 4);
  g_assert_cmpint (entry->colour, ==, HZ_RISK_YELLOW);
  g_assert_true (entry->purple);
  g_assert_cmpstr (entry->factors, ==, "年龄36岁（≥35岁）");
  g_assert_cmpstr (entry->team, ==, "psychology");

  /* another day: the overdue days move, and so does the order within orange */
  later = list_on (fixture->store, "2026-01-23");
  /* two red cases not overdue: by name, as the case list sorts (孙 Sun before 王 Wang) */
  g_assert_cmpstr (entry_at (later, 0)->case_id, ==, "reg-red-basis");
  g_assert_cmpstr (entry_at (later, 1)->case_id, ==, "reg-red");
  g_assert_cmpint (entry_at (later, 1)->days_overdue, ==, 0);
  g_assert_cmpstr (entry_at (later, 2)->case_id, ==, "reg-orange-late");
  g_assert_cmpint (entry_at (later, 2)->days_overdue, ==, 1);
  g_assert_cmpint (entry_at (later, 4)->days_overdue, ==, 0);
  g_assert_cmpuint (hz_registry_count_overdue (later), ==, 1);
}

/* One listing of the case list, then one read of each case shown, and
 * none of the cases not shown */
static void
test_audit (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_auto(GStrv) ids = hz_test_import_fixture (fixture->store, "registry.json");
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GHashTable) read = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  guint added, listings = 0;

  g_assert_nonnull (ids);
  before = hz_store_list_audit (fixture->store, NULL, 0, &error);
  g_assert_no_error (error);

  entries = list_on (fixture->store, "2026-02-01");

  after = hz_store_list_audit (fixture->store, NULL, 0, &error);
  g_assert_no_error (error);
  added = after->len - before->len;
  g_assert_cmpuint (added, ==, 1 + entries->len);

  /* newest first */
  for (guint i = 0; i < added; i++)
    {
      const HzJv *event = hz_resource_get_value (g_ptr_array_index (after, i));
      const HzJv *entity = hz_jv_get_object_element (event, "entity", 0);
      const char *what = hz_jv_get_path_string (entity, "what.reference");

      g_assert_cmpstr (hz_jv_get_string (event, "action"), ==, "R");
      if (g_strcmp0 (what, "EpisodeOfCare") == 0)
        listings++;
      else
        {
          g_assert_true (g_str_has_prefix (what, "EpisodeOfCare/"));
          g_assert_true (g_hash_table_add (read, (gpointer) (what + strlen ("EpisodeOfCare/"))));
        }
    }
  g_assert_cmpuint (listings, ==, 1);
  g_assert_cmpuint (g_hash_table_size (read), ==, entries->len);
  for (guint i = 0; i < entries->len; i++)
    g_assert_true (g_hash_table_contains (read, entry_at (entries, i)->case_id));
  g_assert_false (g_hash_table_contains (read, "reg-yellow"));
  g_assert_false (g_hash_table_contains (read, "reg-superseded"));
}

/* An export of what the registry shows names its destination */
static void
test_audit_export (Fixture       *fixture,
                   gconstpointer  user_data)
{
  const char *destinations[] = { "/tmp/高危登记.csv", NULL };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (destinations); i++)
    {
      g_autoptr(GPtrArray) events = NULL;
      const HzJv *event, *entity;

      g_assert_true (hz_store_audit_export (fixture->store, HZ_REGISTRY_AUDIT_WHAT,
                                            destinations[i], &error));
      g_assert_no_error (error);

      events = hz_store_list_audit (fixture->store, NULL, 1, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (events->len, ==, 1);
      event = hz_resource_get_value (g_ptr_array_index (events, 0));
      entity = hz_jv_get_object_element (event, "entity", 0);
      g_assert_cmpstr (hz_jv_get_path_string (hz_jv_get_object_element (event, "subtype", 0), "code"),
                       ==, "export");
      g_assert_cmpstr (hz_jv_get_path_string (entity, "what.reference"), ==, HZ_REGISTRY_AUDIT_WHAT);
      g_assert_cmpstr (hz_jv_get_string (entity, "description"), ==,
                       destinations[i] != NULL ? destinations[i] : "-");
    }

  g_assert_true (hz_store_verify_audit (fixture->store, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* The demo bundles: only 刘海燕 (orange, with purple) is high risk */
static void
test_demo (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autoptr(GPtrArray) entries = NULL;
  const HzRegistryEntry *entry;

  if (hz_test_import_demo (fixture->store) == 0)
    {
      /* a missing tool fails, it does not vanish from the suite */
      g_test_fail_printf ("HUIZHEN_DEMO_DIR names no folder: the demo bundles are needed");
      return;
    }

  entries = list_on (fixture->store, "2026-11-20");
  g_assert_cmpuint (entries->len, ==, 1);
  entry = entry_at (entries, 0);
  g_assert_cmpstr (entry->case_id, ==, "c3-episode");
  g_assert_cmpstr (entry->patient_name, ==, "刘海燕");
  g_assert_cmpstr (entry->mrn, ==, "YZ2026025516");
  g_assert_cmpint (entry->colour, ==, HZ_RISK_ORANGE);
  g_assert_true (entry->purple);
  /* the latest of three orange gradings */
  g_assert_cmpstr (entry->factors, ==,
                   "孕前BMI 28.9 kg/m²（≥28）；妊娠期糖尿病需胰岛素治疗（A2级）；胎儿偏大、羊水偏多");
  g_assert_cmpstr (entry->team, ==, "obstetrics");
  /* the up-referral in progress since 2026-11-09: under way, not late */
  g_assert_cmpstr (entry->next_action, ==, "双向转诊（上转）");
  g_assert_cmpint (entry->days_overdue, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/huizhen/registry/fixture-cases", Fixture, NULL,
              fixture_set_up, test_fixture_cases, fixture_tear_down);
  g_test_add ("/huizhen/registry/audit", Fixture, NULL,
              fixture_set_up, test_audit, fixture_tear_down);
  g_test_add ("/huizhen/registry/audit-export", Fixture, NULL,
              fixture_set_up, test_audit_export, fixture_tear_down);
  g_test_add ("/huizhen/registry/demo", Fixture, NULL,
              fixture_set_up, test_demo, fixture_tear_down);

  return g_test_run ();
}
