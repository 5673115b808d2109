/* test-screening.c — the scales' wording, the records a completed screen
 * leads to, and the urgent self-harm alert in the case list and the registry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "huizhen.h"
#include "hz-test-utils.h"

#define CASE_ID "cli-case-1"

/* --- the forms' wording ------------------------------------------------------ */

static void
test_items_complete (void)
{
  static const guint n_items[HZ_N_SCALES] = { 10, 9, 7 };
  /* EPDS prints items 3 and 5–10 from 3 down to 0 */
  static const gboolean epds_reversed[] = { FALSE, FALSE, TRUE, FALSE, TRUE, TRUE, TRUE, TRUE, TRUE, TRUE };
  g_autoptr(GHashTable) link_ids = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint s = 0; s < HZ_N_SCALES; s++)
    {
      g_assert_cmpuint (hz_scale_get_n_items (s), ==, n_items[s]);
      g_assert_nonnull (hz_scale_get_title (s));
      g_assert_nonnull (hz_scale_get_instructions (s));

      for (guint i = 1; i <= n_items[s]; i++)
        {
          g_autofree char *link_id = g_strdup_printf ("%s-%u", hz_scale_to_string (s), i);
          gboolean reversed = s == HZ_SCALE_EPDS && epds_reversed[i - 1];

          g_assert_nonnull (hz_scale_get_item_text (s, i));
          g_assert_cmpuint (strlen (hz_scale_get_item_text (s, i)), >, 10);
          g_assert_cmpstr (hz_scale_get_link_id (s, i), ==, link_id);
          g_assert_true (g_hash_table_add (link_ids, (gpointer) hz_scale_get_link_id (s, i)));
          g_assert_cmpint (hz_scale_item_is_reversed (s, i), ==, reversed);

          for (guint p = 0; p < HZ_SCALE_N_OPTIONS; p++)
            {
              g_assert_nonnull (hz_scale_get_option_text (s, i, p));
              /* the printed order: 3 → 0 on the reversed items */
              g_assert_cmpint (hz_scale_get_option_score (s, i, p), ==, reversed ? 3 - (int) p : (int) p);
            }
          g_assert_null (hz_scale_get_option_text (s, i, HZ_SCALE_N_OPTIONS));
          g_assert_cmpint (hz_scale_get_option_score (s, i, HZ_SCALE_N_OPTIONS), ==, -1);
        }
      g_assert_null (hz_scale_get_item_text (s, 0));
      g_assert_null (hz_scale_get_item_text (s, n_items[s] + 1));
    }

  /* the originals' words, where they are the standard's */
  g_assert_cmpstr (hz_scale_get_item_text (HZ_SCALE_EPDS, 10), ==,
                   "The thought of harming myself has occurred to me");
  g_assert_cmpstr (hz_scale_get_option_text (HZ_SCALE_EPDS, 10, 0), ==, "Yes, quite often");
  g_assert_cmpstr (hz_scale_get_option_text (HZ_SCALE_EPDS, 10, 3), ==, "Never");
  g_assert_cmpstr (hz_scale_get_option_text (HZ_SCALE_EPDS, 1, 0), ==, "As much as I always could");
  g_assert_cmpstr (hz_scale_get_option_text (HZ_SCALE_PHQ9, 9, 3), ==, "Nearly every day");
  g_assert_cmpuint (hz_scale_get_self_harm_item (HZ_SCALE_EPDS), ==, 10);
  g_assert_cmpuint (hz_scale_get_self_harm_item (HZ_SCALE_PHQ9), ==, 9);
  g_assert_cmpuint (hz_scale_get_self_harm_item (HZ_SCALE_GAD7), ==, 0);
}

/* The standard Chinese versions, from the catalogue of the build tree */
static void
test_items_zh_cn (void)
{
  if (!hz_test_run_in_zh_cn ())
    return;

  g_assert_cmpstr (hz_scale_get_title (HZ_SCALE_EPDS), ==, "爱丁堡产后抑郁量表");
  g_assert_cmpstr (hz_scale_get_title (HZ_SCALE_PHQ9), ==, "患者健康问卷");
  g_assert_cmpstr (hz_scale_get_title (HZ_SCALE_GAD7), ==, "广泛性焦虑量表");
  g_assert_cmpstr (hz_scale_get_item_text (HZ_SCALE_EPDS, 1), ==, "我能看到事物有趣的一面，并笑得开心");
  g_assert_cmpstr (hz_scale_get_item_text (HZ_SCALE_EPDS, 10), ==, "我想过要伤害自己");
  g_assert_cmpstr (hz_scale_get_option_text (HZ_SCALE_EPDS, 10, 0), ==, "相当多时候这样");
  g_assert_cmpstr (hz_scale_get_option_text (HZ_SCALE_EPDS, 10, 3), ==, "没有这样");
  /* one English answer, two forms' words */
  g_assert_cmpstr (hz_scale_get_option_text (HZ_SCALE_EPDS, 1, 3), ==, "完全不能");
  g_assert_cmpstr (hz_scale_get_option_text (HZ_SCALE_PHQ9, 1, 0), ==, "完全不会");
  g_assert_cmpstr (hz_scale_get_option_text (HZ_SCALE_GAD7, 7, 3), ==, "几乎每天");
  g_assert_cmpstr (hz_scale_get_item_text (HZ_SCALE_PHQ9, 9), ==, "有不如死掉或用某种方式伤害自己的念头");
}

/* A recorded total is judged by the same bands as a scored form */
static void
test_judge_total (void)
{
  g_autoptr(GError) error = NULL;
  HzScaleResult result;

  g_assert_true (hz_scale_judge_total (HZ_SCALE_EPDS, 12, FALSE, &result, &error));
  g_assert_cmpint (result.band, ==, HZ_SCALE_BAND_REPEAT);
  g_assert_true (hz_scale_judge_total (HZ_SCALE_EPDS, 9, TRUE, &result, &error));
  g_assert_cmpint (result.band, ==, HZ_SCALE_BAND_POSITIVE);
  g_assert_true (hz_scale_judge_total (HZ_SCALE_EPDS, 13, FALSE, &result, &error));
  g_assert_cmpint (result.band, ==, HZ_SCALE_BAND_POSITIVE);
  g_assert_true (hz_scale_judge_total (HZ_SCALE_PHQ9, 10, FALSE, &result, &error));
  g_assert_cmpint (result.band, ==, HZ_SCALE_BAND_MODERATE);
  g_assert_nonnull (result.source);
  g_assert_false (hz_scale_judge_total (HZ_SCALE_GAD7, 22, FALSE, &result, &error));
  g_assert_error (error, HZ_CALC_ERROR, HZ_CALC_ERROR_INVALID);
}

/* Positive and repeat, at the boundaries of the thresholds table */
static void
test_positive (void)
{
  HzScaleResult result;
  HzThresholdId threshold;

  /* EPDS 12: repeat, not referred; 13: referred */
  hz_scale_judge_total (HZ_SCALE_EPDS, 12, FALSE, &result, NULL);
  g_assert_false (hz_screening_is_positive (&result, &threshold));
  g_assert_cmpint (threshold, ==, HZ_THRESHOLD_NONE);
  g_assert_true (hz_screening_needs_repeat (&result));
  hz_scale_judge_total (HZ_SCALE_EPDS, 9, FALSE, &result, NULL);
  g_assert_false (hz_screening_needs_repeat (&result));
  hz_scale_judge_total (HZ_SCALE_EPDS, 13, FALSE, &result, NULL);
  g_assert_true (hz_screening_is_positive (&result, &threshold));
  g_assert_cmpint (threshold, ==, HZ_THRESHOLD_EPDS_POSITIVE);
  /* item 10 alone */
  hz_scale_judge_total (HZ_SCALE_EPDS, 3, TRUE, &result, NULL);
  g_assert_true (hz_screening_is_positive (&result, &threshold));
  g_assert_cmpint (threshold, ==, HZ_THRESHOLD_NONE);
  /* PHQ-9 and GAD-7: 9 no, 10 yes */
  hz_scale_judge_total (HZ_SCALE_PHQ9, 9, FALSE, &result, NULL);
  g_assert_false (hz_screening_is_positive (&result, NULL));
  g_assert_false (hz_screening_needs_repeat (&result));
  hz_scale_judge_total (HZ_SCALE_PHQ9, 10, FALSE, &result, NULL);
  g_assert_true (hz_screening_is_positive (&result, &threshold));
  g_assert_cmpint (threshold, ==, HZ_THRESHOLD_PHQ9_MODERATE);
  hz_scale_judge_total (HZ_SCALE_GAD7, 10, FALSE, &result, NULL);
  g_assert_true (hz_screening_is_positive (&result, &threshold));
  g_assert_cmpint (threshold, ==, HZ_THRESHOLD_GAD7_MODERATE);
}

/* --- the records ---------------------------------------------------------------- */

typedef struct
{
  char    *dir;
  HzStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(HzActor) actor = hz_actor_new ("何嘉怡", HZ_TEAM_PSYCHOLOGY, "副主任医师", "云州市妇幼保健院");
  g_auto(GStrv) ids = NULL;

  fixture->dir = hz_test_make_tmp_dir ("hz-test-screening-XXXXXX");
  fixture->store = hz_test_store_new (fixture->dir, actor);
  ids = hz_test_import_fixture (fixture->store, "cli-good.json");
  g_assert_true (g_strv_contains ((const char * const *) ids, CASE_ID));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->store);
  hz_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

static JsonObject *
find_type (GPtrArray  *resources,
           const char *type,
           const char *id)
{
  for (guint i = 0; i < resources->len; i++)
    {
      JsonObject *resource = g_ptr_array_index (resources, i);

      if (g_strcmp0 (json_object_get_string_member (resource, "resourceType"), type) == 0 &&
          (id == NULL || g_strcmp0 (json_object_get_string_member (resource, "id"), id) == 0))
        return resource;
    }
  return NULL;
}

static const char *
team_of (JsonObject *resource)
{
  JsonArray *tags = json_object_get_array_member (json_object_get_object_member (resource, "meta"), "tag");
  JsonObject *tag = json_array_get_object_element (tags, 0);

  g_assert_cmpstr (json_object_get_string_member (tag, "system"), ==, HZ_SYSTEM_TEAM);
  return json_object_get_string_member (tag, "code");
}

/* EPDS with item 10 answered "Hardly ever" (scores 1): by hand, item by
 * item, the printed positions 1 0 2 1 3 0 2 1 3 2 score 1 0 1 1 0 3 1 2 0 1 */
static const int epds_answers[] = { 1, 0, 2, 1, 3, 0, 2, 1, 3, 2 };
static const int epds_scores[] = { 1, 0, 1, 1, 0, 3, 1, 2, 0, 1 };

static void
test_build_alert (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HzCase) kase = hz_case_load (fixture->store, CASE_ID, &error);
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("+08:00");
  g_autoptr(GDateTime) when = g_date_time_new (tz, 2026, 12, 3, 10, 15, 0);
  g_autoptr(GPtrArray) resources = NULL;
  HzScreeningOutcome outcome;
  JsonObject *response, *total, *flag, *task, *referral, *reminder;
  JsonArray *items;
  g_autofree char *derived = NULL;
  g_autofree char *flag_reference = NULL;

  g_assert_no_error (error);
  resources = hz_screening_build (kase, HZ_SCALE_EPDS, epds_answers, G_N_ELEMENTS (epds_answers),
                                  HZ_SCREENING_BY_PATIENT, when, &outcome, &error);
  g_assert_no_error (error);
  g_assert_nonnull (resources);
  g_assert_cmpint (outcome.result.total, ==, 10);
  g_assert_cmpint (outcome.result.band, ==, HZ_SCALE_BAND_POSITIVE);
  g_assert_true (outcome.positive);
  /* response, total, flag, same-day task, referral, reminder */
  g_assert_cmpuint (resources->len, ==, 6);

  response = find_type (resources, "QuestionnaireResponse", outcome.response_id);
  g_assert_nonnull (response);
  g_assert_cmpstr (team_of (response), ==, "psychology");
  g_assert_cmpstr (json_object_get_string_member (response, "status"), ==, "completed");
  g_assert_cmpstr (json_object_get_string_member (response, "authored"), ==, "2026-12-03T10:15:00.000+08:00");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (response, "source"), "reference"),
                   ==, "Patient/cli-patient-1");
  items = json_object_get_array_member (response, "item");
  g_assert_cmpuint (json_array_get_length (items), ==, 10);
  for (guint i = 0; i < 10; i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      JsonObject *coding = json_object_get_object_member (json_array_get_object_element (json_object_get_array_member (item, "answer"), 0),
                                                          "valueCoding");
      g_autofree char *link_id = g_strdup_printf ("epds-%u", i + 1);
      g_autofree char *code = g_strdup_printf ("%d", epds_scores[i]);
      JsonObject *ordinal = json_array_get_object_element (json_object_get_array_member (coding, "extension"), 0);

      g_assert_cmpstr (json_object_get_string_member (item, "linkId"), ==, link_id);
      g_assert_cmpstr (json_object_get_string_member (coding, "code"), ==, code);
      g_assert_cmpstr (json_object_get_string_member (coding, "display"), ==,
                       hz_scale_get_option_text (HZ_SCALE_EPDS, i + 1, epds_answers[i]));
      g_assert_cmpint (json_object_get_int_member (ordinal, "valueDecimal"), ==, epds_scores[i]);
    }

  total = find_type (resources, "Observation", outcome.observation_id);
  g_assert_nonnull (total);
  g_assert_cmpstr (team_of (total), ==, "psychology");
  g_assert_cmpint (json_object_get_int_member (total, "valueInteger"), ==, 10);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (json_object_get_object_member (total, "code"), "coding"), 0), "code"),
                   ==, "99046-5");
  derived = g_strdup_printf ("QuestionnaireResponse/%s", outcome.response_id);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (total, "derivedFrom"), 0), "reference"),
                   ==, derived);

  flag = find_type (resources, "Flag", outcome.flag_id);
  g_assert_nonnull (flag);
  g_assert_cmpstr (team_of (flag), ==, "psychology");
  g_assert_cmpstr (json_object_get_string_member (flag, "status"), ==, "active");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (flag, "period"), "start"),
                   ==, "2026-12-03T10:15:00.000+08:00");

  /* the same-day referral: due by the end of today */
  task = find_type (resources, "Task", outcome.urgent_task_id);
  g_assert_nonnull (task);
  flag_reference = g_strdup_printf ("Flag/%s", outcome.flag_id);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (task, "focus"), "reference"),
                   ==, flag_reference);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_object_get_object_member (task, "restriction"), "period"), "end"),
                   ==, "2026-12-03T23:59:59+08:00");
  g_assert_cmpstr (json_object_get_string_member (task, "status"), ==, "requested");

  referral = find_type (resources, "ServiceRequest", outcome.referral_id);
  g_assert_nonnull (referral);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (referral, "category"), 0), "text"),
                   ==, "转诊");

  /* the repeat screen in 2–4 weeks */
  reminder = find_type (resources, "Task", outcome.reminder_id);
  g_assert_nonnull (reminder);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_object_get_object_member (reminder, "restriction"), "period"), "start"),
                   ==, "2026-12-17");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_object_get_object_member (reminder, "restriction"), "period"), "end"),
                   ==, "2026-12-31");

  /* they go into the store as one transaction */
  g_assert_true (hz_store_put_all (fixture->store, CASE_ID, resources, &error));
  g_assert_no_error (error);

  hz_screening_outcome_clear (&outcome);

  /* an incomplete form: nothing */
  g_assert_null (hz_screening_build (kase, HZ_SCALE_EPDS, epds_answers, 9, HZ_SCREENING_BY_STAFF,
                                     when, &outcome, &error));
  g_assert_error (error, HZ_CALC_ERROR, HZ_CALC_ERROR_INVALID);
  hz_screening_outcome_clear (&outcome);
}

/* EPDS 11 without item 10: no alert, no referral, a reminder; PHQ-9 4: nothing more */
static void
test_build_repeat (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HzCase) kase = hz_case_load (fixture->store, CASE_ID, &error);
  g_autoptr(GDateTime) when = g_date_time_new_now_local ();
  /* scores 2 2 1 2 1 1 1 1 0 0 = 11 */
  const int answers[] = { 2, 2, 2, 2, 2, 2, 2, 2, 3, 3 };
  const int phq9[] = { 1, 1, 1, 1, 0, 0, 0, 0, 0 };
  g_autoptr(GPtrArray) resources = NULL;
  g_autoptr(GPtrArray) fewer = NULL;
  HzScreeningOutcome outcome;

  resources = hz_screening_build (kase, HZ_SCALE_EPDS, answers, 10, HZ_SCREENING_BY_STAFF, when,
                                  &outcome, &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome.result.total, ==, 11);
  g_assert_cmpint (outcome.result.band, ==, HZ_SCALE_BAND_REPEAT);
  g_assert_null (outcome.flag_id);
  g_assert_null (outcome.referral_id);
  g_assert_nonnull (outcome.reminder_id);
  g_assert_cmpuint (resources->len, ==, 3);
  g_assert_null (json_object_get_member (find_type (resources, "QuestionnaireResponse", NULL), "source"));
  hz_screening_outcome_clear (&outcome);

  fewer = hz_screening_build (kase, HZ_SCALE_PHQ9, phq9, 9, HZ_SCREENING_BY_STAFF, when, &outcome, &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome.result.total, ==, 4);
  g_assert_cmpuint (fewer->len, ==, 2);
  hz_screening_outcome_clear (&outcome);
}

static HzCaseSummary *
summary_of (HzStore *store)
{
  g_autoptr(GError) error = NULL;
  HzCaseSummary *summary = hz_store_get_case_summary (store, CASE_ID, &error);

  g_assert_no_error (error);
  return summary;
}

static const HzRegistryEntry *
registry_entry (GPtrArray *entries)
{
  for (guint i = 0; i < entries->len; i++)
    {
      const HzRegistryEntry *entry = g_ptr_array_index (entries, i);

      if (g_str_equal (entry->case_id, CASE_ID))
        return entry;
    }
  return NULL;
}

static const char alert_flag[] =
  "{\"resourceType\": \"Flag\", \"id\": \"alert-1\", \"status\": \"active\","
  " \"meta\": {\"tag\": [{\"system\": \"" HZ_SYSTEM_TEAM "\", \"code\": \"psychology\"}]},"
  " \"code\": {\"coding\": [{\"system\": \"" HZ_SYSTEM_ALERT "\", \"code\": \"self-harm-risk\"}],"
  "          \"text\": \"自伤风险：EPDS 第10题得分 1\"},"
  " \"subject\": {\"reference\": \"Patient/cli-patient-1\"},"
  " \"period\": {\"start\": \"2026-12-03T10:15:00+08:00\"}}";

/* An active self-harm-risk Flag: the case list row carries the alert and
 * the registry's entry of the case (listed for its purple mark, after
 * every red and orange case) carries it and comes first; the Flag closed
 * (a new version, inactive with period.end): neither. */
static void
test_alert_rule (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) flag = hz_test_parse_object (alert_flag);
  g_autoptr(HzCaseSummary) before = summary_of (fixture->store);
  g_autoptr(HzCaseSummary) open = NULL;
  g_autoptr(HzCaseSummary) closed = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(HzCase) kase = NULL;
  g_autoptr(JsonObject) closing = NULL;
  g_autoptr(GDateTime) when = g_date_time_new_now_local ();
  g_autoptr(HzResource) stored = NULL;
  const HzRegistryEntry *entry;

  g_assert_false (hz_case_summary_get_alert (before));
  g_assert_cmpint (hz_case_summary_get_risk (before), ==, HZ_RISK_YELLOW);
  entries = hz_registry_list (fixture->store, NULL, &error);
  g_assert_no_error (error);
  entry = registry_entry (entries);
  g_assert_nonnull (entry);
  g_assert_true (entry->purple);
  g_assert_false (entry->alert);
  g_assert_null (entry->alert_text);
  g_clear_pointer (&entries, g_ptr_array_unref);

  g_assert_true (hz_store_put (fixture->store, CASE_ID, flag, &error));
  g_assert_no_error (error);
  open = summary_of (fixture->store);
  g_assert_true (hz_case_summary_get_alert (open));

  entries = hz_registry_list (fixture->store, NULL, &error);
  g_assert_no_error (error);
  entry = registry_entry (entries);
  g_assert_nonnull (entry);
  g_assert_true (g_ptr_array_index (entries, 0) == entry);
  g_assert_true (entry->alert);
  g_assert_cmpstr (entry->alert_text, ==, "自伤风险：EPDS 第10题得分 1");
  g_assert_cmpstr (entry->alert_since, ==, "2026-12-03T10:15:00+08:00");
  g_assert_cmpstr (entry->team, ==, "psychology");   /* the grading names none */

  /* the case's model agrees */
  kase = hz_case_load (fixture->store, CASE_ID, &error);
  g_assert_no_error (error);
  g_assert_nonnull (hz_screening_find_open_alert (kase));

  /* closed: a new version, inactive, with period.end */
  closing = hz_screening_close_alert (hz_screening_find_open_alert (kase),
                                      hz_store_get_actor (fixture->store), when, "当日心理门诊评估，已制定安全计划",
                                      &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (closing, "status"), ==, "inactive");
  g_assert_nonnull (json_object_get_string_member (json_object_get_object_member (closing, "period"), "end"));
  g_assert_true (hz_store_put (fixture->store, CASE_ID, closing, &error));
  g_assert_no_error (error);
  stored = hz_store_get (fixture->store, "Flag", "alert-1", &error);
  g_assert_cmpstr (hz_jv_get_path_string (hz_resource_get_value (stored), "meta.versionId"), ==, "2");
  g_assert_cmpstr (hz_jv_get_path_string (hz_resource_get_value (stored), "period.start"), ==,
                   "2026-12-03T10:15:00+08:00");

  closed = summary_of (fixture->store);
  g_assert_false (hz_case_summary_get_alert (closed));
  after = hz_registry_list (fixture->store, NULL, &error);
  g_assert_no_error (error);
  entry = registry_entry (after);
  g_assert_nonnull (entry);
  g_assert_false (entry->alert);
  g_assert_null (entry->alert_since);

  /* a closed alert cannot be closed again */
  g_clear_object (&stored);
  stored = hz_store_get (fixture->store, "Flag", "alert-1", &error);
  g_assert_null (hz_screening_close_alert (stored, NULL, when, NULL, &error));
  g_assert_error (error, HZ_CALC_ERROR, HZ_CALC_ERROR_INVALID);
}

/* A total read back: its band with the self-harm item from the response */
static void
test_judge_observation (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HzCase) kase = hz_case_load (fixture->store, CASE_ID, &error);
  g_autoptr(GDateTime) when = g_date_time_new_now_local ();
  g_autoptr(GPtrArray) resources = NULL;
  g_autoptr(HzCase) again = NULL;
  g_autofree char *reference = NULL;
  HzScreeningOutcome outcome;
  HzScaleResult result;

  resources = hz_screening_build (kase, HZ_SCALE_EPDS, epds_answers, 10, HZ_SCREENING_BY_STAFF, when,
                                  &outcome, &error);
  g_assert_true (hz_store_put_all (fixture->store, CASE_ID, resources, &error));
  g_assert_no_error (error);

  again = hz_case_load (fixture->store, CASE_ID, &error);
  reference = g_strdup_printf ("Observation/%s", outcome.observation_id);
  g_assert_true (hz_screening_judge_observation (again, hz_case_lookup (again, reference), &result));
  g_assert_cmpint (result.total, ==, 10);
  /* 10 alone would be "repeat": item 10 makes it positive */
  g_assert_cmpint (result.band, ==, HZ_SCALE_BAND_POSITIVE);
  g_assert_cmpint (result.alerts, ==, HZ_SCALE_ALERT_SELF_HARM);
  hz_screening_outcome_clear (&outcome);
}

int
main (int   argc,
      char *argv[])
{
  hz_test_i18n_init (argc, argv);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/huizhen/screening/items", test_items_complete);
  g_test_add_func ("/huizhen/screening/items/zh_CN", test_items_zh_cn);
  g_test_add_func ("/huizhen/screening/judge-total", test_judge_total);
  g_test_add_func ("/huizhen/screening/positive", test_positive);
  g_test_add ("/huizhen/screening/build-alert", Fixture, NULL, fixture_set_up, test_build_alert, fixture_tear_down);
  g_test_add ("/huizhen/screening/build-repeat", Fixture, NULL, fixture_set_up, test_build_repeat, fixture_tear_down);
  g_test_add ("/huizhen/screening/alert-rule", Fixture, NULL, fixture_set_up, test_alert_rule, fixture_tear_down);
  g_test_add ("/huizhen/screening/judge-observation", Fixture, NULL, fixture_set_up, test_judge_observation,
              fixture_tear_down);

  return g_test_run ();
}
