/* test-meeting.c — the MDT meeting (libhuizhen's conference/ room): agenda,
 * attendance and quorum, opinions, the decision as a CarePlan with action
 * Tasks, signing by several, amendments, the meeting kept off the patient
 * lists, follow-ups, consultation requests, the PDFs and huizhen-cli meeting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gstdio.h>
#include <huizhen.h>

#include "hz-test-utils.h"

#ifndef HUIZHEN_CLI_PATH
# error "HUIZHEN_CLI_PATH must name the huizhen-cli executable"
#endif

#define CASE_A "c1-episode"
#define CASE_B "c3-episode"   /* on the high-risk registry (orange) */

#define COORDINATOR "王主任|obstetrics|主任医师|云州市妇幼保健院"
#define NUTRITIONIST "陈营养|nutrition|副主任医师|云州市妇幼保健院"

typedef struct
{
  char    *dir;
  char    *db;
  HzStore *store;
  HzActor *coordinator;
  HzActor *nutritionist;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = hz_test_make_tmp_dir ("huizhen-meeting-XXXXXX");
  fixture->db = g_build_filename (fixture->dir, "huizhen.db", NULL);
  fixture->coordinator = hz_actor_new ("王主任", HZ_TEAM_OBSTETRICS, "主任医师", "云州市妇幼保健院");
  fixture->nutritionist = hz_actor_new ("陈营养", HZ_TEAM_NUTRITION, "副主任医师", "云州市妇幼保健院");
  fixture->store = hz_test_store_new (fixture->dir, fixture->coordinator);
  g_assert_cmpuint (hz_test_import_demo (fixture->store), >, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  hz_actor_free (fixture->coordinator);
  hz_actor_free (fixture->nutritionist);
  hz_test_remove_tree (fixture->dir);
  g_free (fixture->db);
  g_free (fixture->dir);
}

/* A meeting of two cases with its attendance */
static char *
make_meeting (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  char *id = hz_meeting_create (fixture->store, "产科多学科会诊", "2026-12-10T14:00", "三楼会议室", &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);
  g_assert_true (hz_meeting_add_case (fixture->store, id, CASE_A, "是否需要提前终止妊娠？", "重度子痫前期",
                                      NULL, &error));
  g_assert_no_error (error);
  g_assert_true (hz_meeting_add_case (fixture->store, id, CASE_B, "胰岛素方案如何调整？", NULL, "李医生",
                                      &error));
  g_assert_no_error (error);
  g_assert_true (hz_meeting_attend (fixture->store, id, "obstetrics", HZ_ATTENDANCE_PRESENT, "王主任", &error));
  g_assert_true (hz_meeting_attend (fixture->store, id, "nutrition", HZ_ATTENDANCE_REMOTE, "陈营养", &error));
  g_assert_true (hz_meeting_attend (fixture->store, id, "psychology", HZ_ATTENDANCE_ABSENT, "刘心理", &error));
  g_assert_no_error (error);
  return id;
}

/* The strings of @array joined by spaces */
static char *
join_strings (JsonArray *array)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    g_string_append_printf (out, "%s%s", i ? " " : "", json_array_get_string_element (array, i));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static JsonObject *
agenda_item (JsonNode *root,
             guint     i)
{
  return json_array_get_object_element (json_object_get_array_member (json_node_get_object (root), "agenda"), i);
}

static HzResource *
get_resource (HzStore    *store,
              const char *type,
              const char *id)
{
  g_autoptr(GError) error = NULL;
  HzResource *resource = hz_store_get (store, type, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (resource);
  return resource;
}

/* The SHA-256 (hex) a Provenance's signature holds */
static char *
provenance_hash (HzStore    *store,
                 const char *provenance_id)
{
  g_autoptr(HzResource) provenance = get_resource (store, "Provenance", provenance_id);
  const char *data = hz_jv_get_string (hz_jv_get_object_element (hz_resource_get_value (provenance),
                                                                 "signature", 0), "data");
  g_autofree guchar *digest = NULL;
  GString *hex = g_string_new (NULL);
  gsize n = 0;

  g_assert_nonnull (data);
  digest = g_base64_decode (data, &n);
  g_assert_cmpuint (n, ==, 32);
  for (gsize i = 0; i < n; i++)
    g_string_append_printf (hex, "%02x", digest[i]);
  return g_string_free (hex, FALSE);
}

/* The decision's two actions: a team, a person */
static const HzMeetingAction actions[] = {
  { "34周前完成促胎肺成熟", "obstetrics", "2026-12-15" },
  { "每周营养评估", "陈营养", "2026-12-20" },
};

/* ------------------------------------------------------------------ */

static void
test_flow (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *plan_id = NULL;
  g_autofree char *provenance_id = NULL;
  g_autofree char *second_id = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *stored_hash = NULL;
  g_autofree char *amended_hash = NULL;
  g_autoptr(GPtrArray) unrecorded = NULL;
  g_autoptr(GPtrArray) missing = NULL;
  g_autoptr(GPtrArray) signatures = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(HzResource) plan = NULL;
  g_autoptr(HzResource) composition = NULL;
  g_autoptr(HzActor) outsider = hz_actor_new ("张三", HZ_TEAM_OTHER, "住院医师", "临溪县人民医院");
  const char *composition_id;
  const HzJv *value;
  JsonObject *item;

  /* bad input, each named */
  g_assert_null (hz_meeting_create (fixture->store, "MDT", "2026-13-40T25:00", NULL, &error));
  g_assert_error (error, HZ_MEETING_ERROR, HZ_MEETING_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2026-13-40T25:00"));
  g_clear_error (&error);
  g_assert_null (hz_meeting_create (fixture->store, "", "2026-12-10T14:00", NULL, &error));
  g_assert_error (error, HZ_MEETING_ERROR, HZ_MEETING_ERROR_INVALID);
  g_clear_error (&error);

  id = make_meeting (fixture);
  g_assert_false (hz_meeting_add_case (fixture->store, id, CASE_A, "再议", NULL, NULL, &error));
  g_assert_error (error, HZ_MEETING_ERROR, HZ_MEETING_ERROR_INVALID);
  g_clear_error (&error);
  /* a meeting is not a patient's case */
  g_assert_false (hz_meeting_add_case (fixture->store, id, id, "？", NULL, NULL, &error));
  g_assert_error (error, HZ_MEETING_ERROR, HZ_MEETING_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (hz_meeting_attend (fixture->store, id, "surgery", HZ_ATTENDANCE_PRESENT, NULL, &error));
  g_assert_error (error, HZ_MEETING_ERROR, HZ_MEETING_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "surgery"));
  g_clear_error (&error);
  g_assert_false (hz_meeting_attend (fixture->store, "no-such-meeting", "obstetrics", HZ_ATTENDANCE_PRESENT,
                                     NULL, &error));
  g_assert_error (error, HZ_MEETING_ERROR, HZ_MEETING_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* the teams each case needs: obstetrics and every team that worked on
   * it (the demo's team tags): recurrent loss all four, the county
   * referral obstetrics and nutrition */
  {
    g_autoptr(JsonNode) shown = hz_meeting_to_json (fixture->store, id, &error);
    JsonObject *a = agenda_item (shown, 0);
    JsonObject *b = agenda_item (shown, 1);
    g_autofree char *teams_a = join_strings (json_object_get_array_member (a, "teams"));
    g_autofree char *teams_b = join_strings (json_object_get_array_member (b, "teams"));
    g_autofree char *unrecorded_a = join_strings (json_object_get_array_member (a, "unrecorded"));

    g_assert_cmpstr (teams_a, ==, "obstetrics reproductive psychology nutrition");
    g_assert_cmpstr (teams_b, ==, "obstetrics nutrition");
    /* the second case has everyone it needs; the first not its reproductive doctor */
    g_assert_true (json_object_get_boolean_member (b, "quorum"));
    g_assert_false (json_object_get_boolean_member (a, "quorum"));
    g_assert_cmpstr (unrecorded_a, ==, "Reproductive medicine");
  }
  g_assert_false (hz_meeting_has_quorum (fixture->store, id, &missing, &unrecorded, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (missing->len, ==, 0);
  g_assert_cmpuint (unrecorded->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (unrecorded, 0), ==, "Reproductive medicine");
  g_clear_pointer (&missing, g_ptr_array_unref);
  g_clear_pointer (&unrecorded, g_ptr_array_unref);

  /* the coordinator says the first case does not need reproductive medicine:
   * quorum, the absent psychologist having a deputy; reproductive absent
   * changes nothing then */
  {
    const char *teams[] = { "obstetrics", "psychology", "nutrition", NULL };
    const char *bad[] = { "surgery", NULL };
    const char *none[] = { NULL };

    g_assert_true (hz_meeting_set_case_teams (fixture->store, id, CASE_A, teams, &error));
    g_assert_no_error (error);
    g_assert_false (hz_meeting_set_case_teams (fixture->store, id, CASE_A, bad, &error));
    g_assert_error (error, HZ_MEETING_ERROR, HZ_MEETING_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "surgery"));
    g_clear_error (&error);
    g_assert_false (hz_meeting_set_case_teams (fixture->store, id, CASE_A, none, &error));
    g_assert_error (error, HZ_MEETING_ERROR, HZ_MEETING_ERROR_INVALID);
    g_clear_error (&error);
  }
  g_assert_true (hz_meeting_has_quorum (fixture->store, id, &missing, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (missing->len, ==, 0);
  g_clear_pointer (&missing, g_ptr_array_unref);
  g_assert_true (hz_meeting_attend (fixture->store, id, "reproductive", HZ_ATTENDANCE_ABSENT, NULL, &error));
  g_assert_true (hz_meeting_has_quorum (fixture->store, id, NULL, NULL, &error));
  /* needed again: absent without a deputy */
  {
    const char *teams[] = { "obstetrics", "reproductive", "psychology", "nutrition", NULL };

    g_assert_true (hz_meeting_set_case_teams (fixture->store, id, CASE_A, teams, &error));
  }
  g_assert_false (hz_meeting_has_quorum (fixture->store, id, &missing, &unrecorded, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (missing->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (missing, 0), ==, "Reproductive medicine");
  g_assert_cmpuint (unrecorded->len, ==, 0);
  g_clear_pointer (&unrecorded, g_ptr_array_unref);

  /* two opinions on each case */
  g_assert_true (hz_meeting_save_opinion (fixture->store, id, CASE_A, "obstetrics", "建议34周终止妊娠", FALSE, &error));
  g_assert_true (hz_meeting_save_opinion (fixture->store, id, CASE_B, "obstetrics", "继续妊娠，加强监护", FALSE, &error));
  g_assert_no_error (error);
  hz_store_set_actor (fixture->store, fixture->nutritionist);
  g_assert_true (hz_meeting_save_opinion (fixture->store, id, CASE_A, "nutrition", "低盐高蛋白饮食", FALSE, &error));
  g_assert_true (hz_meeting_save_opinion (fixture->store, id, CASE_B, "nutrition", "控制碳水<200 g/天 & 分餐",
                                          FALSE, &error));
  g_assert_no_error (error);
  hz_store_set_actor (fixture->store, fixture->coordinator);
  g_assert_false (hz_meeting_save_opinion (fixture->store, id, CASE_A, "nutrition", "", FALSE, &error));
  g_assert_error (error, HZ_MEETING_ERROR, HZ_MEETING_ERROR_INVALID);
  g_clear_error (&error);

  /* the decision with two actions: a CarePlan, a Task each */
  plan_id = hz_meeting_decide (fixture->store, id, CASE_A, "34周剖宫产终止妊娠", actions, 2, &error);
  g_assert_no_error (error);
  plan = get_resource (fixture->store, "CarePlan", plan_id);
  value = hz_resource_get_value (plan);
  g_assert_cmpstr (hz_jv_get_string (value, "status"), ==, "active");
  g_assert_cmpstr (hz_jv_get_string (value, "intent"), ==, "plan");
  g_assert_cmpstr (hz_jv_get_string (value, "description"), ==, "34周剖宫产终止妊娠");
  g_assert_cmpstr (hz_jv_get_path_string (value, "subject.reference"), ==, "Patient/c1-patient");
  g_assert_cmpstr (hz_fhir_jv_get_identifier (value, HZ_SYSTEM_MEETING), ==, id);
  g_assert_cmpuint (hz_jv_get_length (hz_jv_get_array (value, "activity")), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      const char *ref = hz_jv_get_path_string (hz_jv_get_object_element (value, "activity", i), "reference.reference");
      g_autofree char *plan_ref = g_strdup_printf ("CarePlan/%s", plan_id);
      g_autoptr(HzResource) task = NULL;
      const HzJv *t;

      g_assert_true (g_str_has_prefix (ref, "Task/"));
      task = get_resource (fixture->store, "Task", ref + strlen ("Task/"));
      t = hz_resource_get_value (task);
      g_assert_cmpstr (hz_jv_get_string (t, "status"), ==, "requested");
      g_assert_cmpstr (hz_jv_get_string (t, "intent"), ==, "order");
      g_assert_cmpstr (hz_jv_get_string (t, "description"), ==, actions[i].text);
      g_assert_cmpstr (hz_jv_get_path_string (t, "owner.display"), ==, i == 0 ? "Obstetrics" : "陈营养");
      g_assert_cmpstr (hz_jv_get_path_string (t, "restriction.period.end"), ==, actions[i].due);
      g_assert_cmpstr (hz_jv_get_path_string (hz_jv_get_object_element (t, "basedOn", 0), "reference"), ==, plan_ref);
      g_assert_cmpstr (hz_jv_get_path_string (t, "focus.reference"), ==, "EpisodeOfCare/" CASE_A);
      g_assert_cmpstr (hz_jv_get_path_string (t, "for.reference"), ==, "Patient/c1-patient");
      /* the owner's team, else the coordinator's */
      g_assert_cmpstr (hz_fhir_jv_get_team_tag (t), ==, "obstetrics");
    }

  /* the 会诊意见书: a section a team, the decision's */
  root = hz_meeting_to_json (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_false (json_object_get_boolean_member (json_node_get_object (root), "quorum"));
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (json_node_get_object (root),
                                                                                "missing"), 0),
                   ==, "Reproductive medicine");
  item = agenda_item (root, 0);
  g_assert_cmpstr (json_object_get_string_member (item, "case"), ==, CASE_A);
  g_assert_cmpstr (json_object_get_string_member (item, "question"), ==, "是否需要提前终止妊娠？");
  g_assert_cmpstr (json_object_get_string_member (item, "reason"), ==, "重度子痫前期");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (item, "opinions")), ==, 2);
  {
    JsonObject *o = json_array_get_object_element (json_object_get_array_member (item, "opinions"), 1);

    g_assert_cmpstr (json_object_get_string_member (o, "team"), ==, "nutrition");
    g_assert_cmpstr (json_object_get_string_member (o, "text"), ==, "低盐高蛋白饮食");
    g_assert_cmpstr (json_object_get_string_member (o, "author"), ==, "陈营养 副主任医师 (云州市妇幼保健院)");
  }
  {
    JsonObject *o = json_array_get_object_element (json_object_get_array_member (agenda_item (root, 1), "opinions"),
                                                   1);

    /* escaped in the narrative, read back as typed */
    g_assert_cmpstr (json_object_get_string_member (o, "text"), ==, "控制碳水<200 g/天 & 分餐");
  }
  g_assert_false (json_object_get_boolean_member (item, "signed"));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (item, "signature")));
  composition_id = json_object_get_string_member (item, "opinion-id");
  composition = get_resource (fixture->store, "Composition", composition_id);
  g_assert_cmpstr (hz_jv_get_string (hz_resource_get_value (composition), "status"), ==, "preliminary");
  g_clear_object (&composition);

  /* only the coordinator and the attending seniors sign */
  hz_store_set_actor (fixture->store, outsider);
  g_assert_null (hz_meeting_sign (fixture->store, id, CASE_A, &error));
  g_assert_error (error, HZ_MEETING_ERROR, HZ_MEETING_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "张三"));
  g_clear_error (&error);
  hz_store_set_actor (fixture->store, fixture->coordinator);
  /* nothing to sign on a case without an opinion */
  {
    g_autofree char *other = hz_meeting_create (fixture->store, "空会议", "2026-12-11T09:00", NULL, &error);

    g_assert_true (hz_meeting_add_case (fixture->store, other, CASE_A, "？", NULL, NULL, &error));
    g_assert_null (hz_meeting_sign (fixture->store, other, CASE_A, &error));
    g_assert_error (error, HZ_MEETING_ERROR, HZ_MEETING_ERROR_NOTHING);
    g_clear_error (&error);
  }

  /* signed: a Provenance whose hash is the SHA-256 of the canonical content */
  provenance_id = hz_meeting_sign (fixture->store, id, CASE_A, &error);
  g_assert_no_error (error);
  composition = get_resource (fixture->store, "Composition", composition_id);
  g_assert_cmpstr (hz_jv_get_string (hz_resource_get_value (composition), "status"), ==, "final");
  canonical = hz_meeting_dup_canonical (hz_resource_get_value (composition));
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, canonical, -1);
  stored_hash = provenance_hash (fixture->store, provenance_id);
  g_assert_cmpstr (stored_hash, ==, hash);
  {
    g_autoptr(HzResource) provenance = get_resource (fixture->store, "Provenance", provenance_id);
    g_autofree char *target = g_strdup_printf ("Composition/%s", composition_id);
    const HzJv *p = hz_resource_get_value (provenance);

    g_assert_cmpstr (hz_jv_get_path_string (hz_jv_get_object_element (p, "target", 0), "reference"), ==, target);
    g_assert_cmpstr (hz_jv_get_path_string (hz_jv_get_object_element (p, "signature", 0), "who.display"), ==,
                     "王主任 (云州市妇幼保健院)");
  }
  g_assert_true (hz_meeting_is_signed (fixture->store, id, CASE_A, NULL, NULL, NULL, &error));

  /* read-only: an edit or a new decision is refused, naming why */
  g_assert_false (hz_meeting_save_opinion (fixture->store, id, CASE_A, "obstetrics", "改为36周", FALSE, &error));
  g_assert_error (error, HZ_MEETING_ERROR, HZ_MEETING_ERROR_SIGNED);
  g_assert_nonnull (strstr (error->message, "read-only"));
  g_clear_error (&error);
  g_assert_null (hz_meeting_decide (fixture->store, id, CASE_A, "改为36周", NULL, 0, &error));
  g_assert_error (error, HZ_MEETING_ERROR, HZ_MEETING_ERROR_SIGNED);
  g_clear_error (&error);

  /* the same signer twice is refused; the second senior signs the same content */
  g_assert_null (hz_meeting_sign (fixture->store, id, CASE_A, &error));
  g_assert_error (error, HZ_MEETING_ERROR, HZ_MEETING_ERROR_SIGNED);
  g_assert_nonnull (strstr (error->message, "already"));
  g_clear_error (&error);
  hz_store_set_actor (fixture->store, fixture->nutritionist);
  second_id = hz_meeting_sign (fixture->store, id, CASE_A, &error);
  g_assert_no_error (error);
  g_clear_pointer (&stored_hash, g_free);
  stored_hash = provenance_hash (fixture->store, second_id);
  g_assert_cmpstr (stored_hash, ==, hash);
  g_assert_null (hz_meeting_sign (fixture->store, id, CASE_A, &error));
  g_assert_error (error, HZ_MEETING_ERROR, HZ_MEETING_ERROR_SIGNED);
  g_clear_error (&error);
  hz_store_set_actor (fixture->store, fixture->coordinator);

  signatures = hz_meeting_list_signatures (fixture->store, id, CASE_A, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (signatures->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      HzSignature *s = g_ptr_array_index (signatures, i);

      g_assert_true (s->matches);
      g_assert_cmpstr (s->hash, ==, hash);
      g_assert_cmpstr (s->provenance_id, ==, i == 0 ? provenance_id : second_id);
    }
  g_clear_pointer (&signatures, g_ptr_array_unref);

  /* an amendment: a new version, amended, unsigned; the hash changes with the content */
  {
    g_autoptr(HzResource) before = get_resource (fixture->store, "Composition", composition_id);
    g_autoptr(HzResource) after = NULL;
    g_autofree char *after_canonical = NULL;
    g_autofree char *third_id = NULL;
    g_autofree char *signer = NULL;

    g_assert_true (hz_meeting_amend (fixture->store, id, CASE_A, &error));
    g_assert_no_error (error);
    after = get_resource (fixture->store, "Composition", composition_id);
    g_assert_cmpstr (hz_jv_get_string (hz_resource_get_value (after), "status"), ==, "amended");
    g_assert_cmpint (g_ascii_strtoll (hz_jv_get_path_string (hz_resource_get_value (after), "meta.versionId"),
                                      NULL, 10), ==,
                     g_ascii_strtoll (hz_jv_get_path_string (hz_resource_get_value (before), "meta.versionId"),
                                      NULL, 10) + 1);
    g_assert_false (hz_meeting_is_signed (fixture->store, id, CASE_A, NULL, NULL, NULL, &error));
    signatures = hz_meeting_list_signatures (fixture->store, id, CASE_A, &error);
    g_assert_cmpuint (signatures->len, ==, 2);
    g_assert_false (((HzSignature *) g_ptr_array_index (signatures, 0))->matches);
    g_assert_false (((HzSignature *) g_ptr_array_index (signatures, 1))->matches);

    /* editable again */
    g_assert_true (hz_meeting_save_opinion (fixture->store, id, CASE_A, "obstetrics", "建议35周终止妊娠", FALSE,
                                            &error));
    g_assert_no_error (error);
    g_clear_object (&after);
    after = get_resource (fixture->store, "Composition", composition_id);
    g_assert_cmpstr (hz_jv_get_string (hz_resource_get_value (after), "status"), ==, "amended");
    after_canonical = hz_meeting_dup_canonical (hz_resource_get_value (after));
    amended_hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, after_canonical, -1);
    g_assert_cmpstr (amended_hash, !=, hash);

    /* signed again: the amended content's hash */
    third_id = hz_meeting_sign (fixture->store, id, CASE_A, &error);
    g_assert_no_error (error);
    g_clear_pointer (&stored_hash, g_free);
    stored_hash = provenance_hash (fixture->store, third_id);
    g_assert_cmpstr (stored_hash, ==, amended_hash);
    g_assert_true (hz_meeting_is_signed (fixture->store, id, CASE_A, &signer, NULL, NULL, &error));
    g_assert_cmpstr (signer, ==, "王主任 (云州市妇幼保健院)");
    g_clear_object (&after);
    after = get_resource (fixture->store, "Composition", composition_id);
    g_assert_cmpstr (hz_jv_get_string (hz_resource_get_value (after), "status"), ==, "amended");
  }

  /* show: every signature, with whether it matches */
  g_clear_pointer (&root, json_node_unref);
  root = hz_meeting_to_json (fixture->store, id, &error);
  g_assert_no_error (error);
  item = agenda_item (root, 0);
  {
    JsonArray *list = json_object_get_array_member (item, "signatures");

    g_assert_cmpuint (json_array_get_length (list), ==, 3);
    g_assert_false (json_object_get_boolean_member (json_array_get_object_element (list, 0), "matches"));
    g_assert_false (json_object_get_boolean_member (json_array_get_object_element (list, 1), "matches"));
    g_assert_true (json_object_get_boolean_member (json_array_get_object_element (list, 2), "matches"));
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, 1), "signer"), ==,
                     "陈营养 (云州市妇幼保健院)");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, 1), "sha256"), ==, hash);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, 2), "sha256"), ==,
                     amended_hash);
    g_assert_true (json_object_get_boolean_member (item, "signed"));
  }
}

/* A meeting is a case of its own kind: on none of the patient lists, in
 * the meeting list; its case still follows the store */
static guint n_changed;
static char *changed_case;

static void
on_changed (HzStore            *store,
            const char         *case_id,
            const char * const *types,
            gpointer            user_data)
{
  n_changed++;
  g_free (changed_case);
  changed_case = g_strdup (case_id);
}

static void
on_loaded (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
test_not_a_patient_case (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GPtrArray) registry = NULL;
  g_autoptr(GPtrArray) meetings = NULL;
  g_autoptr(HzCaseListModel) model = hz_case_list_model_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(HzCaseSummary) summary = NULL;
  g_autoptr(HzCase) kase = NULL;
  HzMeetingInfo *info;
  guint position;
  gulong handler;
  guint n_demo;

  n_demo = (guint) hz_store_count_cases (fixture->store);
  g_assert_cmpuint (n_demo, ==, 4);
  handler = g_signal_connect (fixture->store, "changed", G_CALLBACK (on_changed), NULL);
  id = make_meeting (fixture);
  hz_test_wait_for (&n_changed, 1);
  g_signal_handler_disconnect (fixture->store, handler);

  /* the case list, its count, the high-risk registry */
  cases = hz_store_list_cases (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cases->len, ==, n_demo);
  for (guint i = 0; i < cases->len; i++)
    g_assert_cmpstr (hz_case_summary_get_case_id (g_ptr_array_index (cases, i)), !=, id);
  g_assert_cmpint (hz_store_count_cases (fixture->store), ==, n_demo);
  summary = hz_store_get_case_summary (fixture->store, id, &error);
  g_assert_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_NOT_FOUND);
  g_assert_null (summary);
  g_clear_error (&error);
  registry = hz_registry_list (fixture->store, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < registry->len; i++)
    g_assert_cmpstr (((HzRegistryEntry *) g_ptr_array_index (registry, i))->case_id, !=, id);

  /* the list model, loaded and searched, and updated for the meeting's case */
  hz_case_list_model_load_async (model, fixture->store, NULL, on_loaded, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (hz_case_list_model_load_finish (model, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n_demo);
  g_assert_cmpuint (hz_case_list_model_get_n_cases (model), ==, n_demo);
  g_assert_false (hz_case_list_model_find (model, id, &position));
  hz_case_list_model_update_case_async (model, fixture->store, id, NULL, on_loaded, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (hz_case_list_model_update_case_finish (model, result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n_demo);
  hz_case_list_model_set_search (model, "产科");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);

  /* its case follows the store and loads as any case */
  g_assert_cmpstr (changed_case, ==, id);
  kase = hz_case_load (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (hz_case_get_resources (kase, "Appointment")), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (hz_case_get_resources (kase, "Task")), ==, 2);

  /* the meeting list */
  meetings = hz_meeting_list (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (meetings->len, ==, 1);
  info = g_ptr_array_index (meetings, 0);
  g_assert_cmpstr (info->id, ==, id);
  g_assert_cmpstr (info->title, ==, "产科多学科会诊");
  g_assert_cmpstr (info->place, ==, "三楼会议室");
  g_assert_cmpstr (info->coordinator, ==, "王主任 主任医师 (云州市妇幼保健院)");
  g_assert_cmpuint (info->n_cases, ==, 2);
  g_assert_cmpstr (info->status, ==, "booked");
  g_assert_true (g_str_has_prefix (info->start, "2026-12-10T14:00:00"));

  /* demo --remove leaves it */
  g_assert_true (hz_demo_remove (fixture->store, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&meetings, g_ptr_array_unref);
  meetings = hz_meeting_list (fixture->store, &error);
  g_assert_cmpuint (meetings->len, ==, 1);
  g_clear_pointer (&changed_case, g_free);
}

/* Overdue actions surface through the next-action rule: the case list's
 * next action and the registry's days overdue */
static void
test_overdue_actions (Fixture       *fixture,
                      gconstpointer  data)
{
  const HzMeetingAction overdue[] = {
    { "复查OGTT", "nutrition", "2026-01-05" },
    { "胎儿超声", "obstetrics", "2026-12-30" },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *id = make_meeting (fixture);
  g_autofree char *plan_id = hz_meeting_decide (fixture->store, id, CASE_B, "调整胰岛素", overdue, 2, &error);
  g_autoptr(HzCaseSummary) summary = NULL;
  g_autoptr(HzRegistryEntry) entry = NULL;
  GDate today;

  g_assert_no_error (error);
  summary = hz_store_get_case_summary (fixture->store, CASE_B, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hz_case_summary_get_next_action (summary), ==, "复查OGTT");
  g_assert_cmpstr (hz_case_summary_get_next_action_due (summary), ==, "2026-01-05");

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 15, 1, 2026);
  g_assert_true (hz_registry_get_case (fixture->store, CASE_B, &today, &entry, &error));
  g_assert_no_error (error);
  g_assert_nonnull (entry);
  g_assert_cmpstr (entry->next_action, ==, "复查OGTT");
  g_assert_cmpint (entry->days_overdue, ==, 10);
}

static char *
first_action_id (HzStore    *store,
                 const char *meeting_id,
                 const char *case_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = hz_meeting_to_json (store, meeting_id, &error);
  JsonArray *agenda;

  g_assert_no_error (error);
  agenda = json_object_get_array_member (json_node_get_object (root), "agenda");
  for (guint i = 0; i < json_array_get_length (agenda); i++)
    {
      JsonObject *item = json_array_get_object_element (agenda, i);

      if (g_strcmp0 (json_object_get_string_member (item, "case"), case_id) == 0)
        return g_strdup (json_object_get_string_member (json_array_get_object_element (
                           json_object_get_array_member (item, "actions"), 0), "id"));
    }
  g_assert_not_reached ();
}

static void
test_followup (Fixture       *fixture,
               gconstpointer  data)
{
  const HzMeetingAction action = { "复查OGTT", "nutrition", "2027-01-05" };
  g_autoptr(GError) error = NULL;
  g_autofree char *id = make_meeting (fixture);
  g_autofree char *plan_id = hz_meeting_decide (fixture->store, id, CASE_B, "调整胰岛素", &action, 1, &error);
  g_autofree char *action_id = first_action_id (fixture->store, id, CASE_B);
  g_autofree char *next = NULL;
  g_autofree char *other = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonObject) task = NULL;
  JsonObject *item;

  g_assert_no_error (error);
  /* a new meeting */
  next = hz_meeting_book_followup (fixture->store, action_id, NULL, "复诊MDT", "2027-01-10T09:00", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (next, !=, id);
  root = hz_meeting_to_json (fixture->store, next, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "place"), ==, "Remote session");
  g_assert_true (json_object_get_boolean_member (json_node_get_object (root), "remote"));
  /* stored as a code, not in the language it was booked in */
  {
    g_autoptr(HzResource) appointment = get_resource (fixture->store, "Appointment", next);
    const HzJv *where = hz_jv_get_object_element (hz_resource_get_value (appointment), "participant", 1);

    g_assert_null (hz_jv_get_path_string (where, "actor.display"));
    g_assert_cmpstr (hz_jv_get_path_string (where, "actor.identifier.value"), ==, "remote");
  }
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (root), "agenda")), ==, 1);
  item = agenda_item (root, 0);
  g_assert_cmpstr (json_object_get_string_member (item, "case"), ==, CASE_B);
  g_assert_cmpstr (json_object_get_string_member (item, "question"), ==, "复查OGTT");
  g_assert_cmpstr (json_object_get_string_member (item, "reason"), ==,
                   "Follow-up of an unfinished MDT action (owner: Nutrition; due date: 2027-01-05)");
  /* on it already */
  g_assert_null (hz_meeting_book_followup (fixture->store, action_id, next, NULL, NULL, NULL, &error));
  g_assert_error (error, HZ_MEETING_ERROR, HZ_MEETING_ERROR_INVALID);
  g_clear_error (&error);
  /* an existing meeting */
  other = hz_meeting_create (fixture->store, "周五MDT", "2027-01-15T14:00", "示教室", &error);
  g_assert_cmpstr (hz_meeting_book_followup (fixture->store, action_id, other, NULL, NULL, NULL, &error), ==, other);
  g_assert_no_error (error);

  /* a finished action is not followed up; a Task of no decision is not one */
  task = hz_test_store_get_json (fixture->store, "Task", action_id, &error);
  g_assert_no_error (error);
  json_object_set_string_member (task, "status", "completed");
  g_assert_true (hz_store_put (fixture->store, CASE_B, task, &error));
  g_assert_no_error (error);
  g_assert_null (hz_meeting_book_followup (fixture->store, action_id, other, NULL, NULL, NULL, &error));
  g_assert_error (error, HZ_MEETING_ERROR, HZ_MEETING_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "completed"));
  g_clear_error (&error);
  g_assert_null (hz_meeting_book_followup (fixture->store, "no-such-task", other, NULL, NULL, NULL, &error));
  g_assert_error (error, HZ_MEETING_ERROR, HZ_MEETING_ERROR_INVALID);
  g_clear_error (&error);
}

#define CONSULT_ANSWERS \
  "{\"patient-name\": \"刘海燕\", \"consult-type\": \"mdt\", \"to-hospital\": \"云州市妇幼保健院\", " \
  "\"specialty\": \"内分泌科\", \"urgency\": \"routine\", \"reason\": \"胰岛素治疗方案\", " \
  "\"case-summary\": \"孕30周GDM\", \"diagnoses\": \"GDM\", \"question\": \"是否启动胰岛素？\", " \
  "\"from-hospital\": \"临溪县人民医院\", \"doctor\": \"吴秀芬\", \"date\": \"2026-12-03\"}"

static void
test_from_request (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HzCase) kase = hz_case_load (fixture->store, CASE_B, &error);
  g_autoptr(HzForm) form = hz_form_load ("consultation-request", &error);
  g_autoptr(HzFormAnswers) answers = hz_form_answers_new_from_data (CONSULT_ANSWERS, -1, "answers.json", &error);
  g_autofree char *id = hz_meeting_create (fixture->store, "会诊MDT", "2026-12-12T10:00", NULL, &error);
  g_autofree char *request_id = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *item;

  g_assert_no_error (error);
  request_id = hz_referral_create (fixture->store, kase, form, answers, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (hz_referral_set_status (fixture->store, request_id, HZ_REFERRAL_REQUESTED, NULL, &error));
  g_assert_no_error (error);
  /* not accepted yet */
  g_assert_false (hz_meeting_add_case_from_request (fixture->store, id, request_id, &error));
  g_assert_error (error, HZ_MEETING_ERROR, HZ_MEETING_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "accepted"));
  g_clear_error (&error);
  g_assert_true (hz_referral_set_status (fixture->store, request_id, HZ_REFERRAL_ACCEPTED, NULL, &error));
  g_assert_true (hz_meeting_add_case_from_request (fixture->store, id, request_id, &error));
  g_assert_no_error (error);
  root = hz_meeting_to_json (fixture->store, id, &error);
  item = agenda_item (root, 0);
  g_assert_cmpstr (json_object_get_string_member (item, "case"), ==, CASE_B);
  g_assert_cmpstr (json_object_get_string_member (item, "question"), ==, "是否启动胰岛素？");
  g_assert_cmpstr (json_object_get_string_member (item, "reason"), ==, "胰岛素治疗方案");
  /* the teams it asked for: 内分泌科 is none of the MDT's four, so the other team */
  {
    g_autofree char *teams = join_strings (json_object_get_array_member (item, "teams"));

    g_assert_cmpstr (teams, ==, "obstetrics other");
  }
  /* not a consultation request */
  g_assert_false (hz_meeting_add_case_from_request (fixture->store, id, "no-such-task", &error));
  g_assert_error (error, HZ_MEETING_ERROR, HZ_MEETING_ERROR_INVALID);
  g_clear_error (&error);
}

/* The PDFs, read back in Chinese; a page drawn for printing has ink */
static void
test_pdf (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *plan_id = NULL;
  g_autofree char *provenance_id = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *minutes = g_build_filename (fixture->dir, "minutes.pdf", NULL);
  g_autofree char *opinion = g_build_filename (fixture->dir, "opinion.pdf", NULL);
  g_autofree char *png_root = g_build_filename (fixture->dir, "minutes", NULL);
  g_autofree char *png = g_build_filename (fixture->dir, "minutes-1.png", NULL);
  g_autofree char *text = NULL;
  g_autofree char *opinion_text = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(HzDocument) document = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  gsize length = 0;
  guint inked = 0;
  gboolean ok;

  if (!hz_test_run_in_zh_cn ())
    return;
  g_assert_cmpstr (hz_team_get_display_name (HZ_TEAM_REPRODUCTIVE), ==, "生殖医学科");

  id = make_meeting (fixture);
  g_assert_true (hz_meeting_attend (fixture->store, id, "reproductive", HZ_ATTENDANCE_ABSENT, NULL, &error));
  g_assert_true (hz_meeting_save_opinion (fixture->store, id, CASE_A, "obstetrics", "建议34周终止妊娠", FALSE, &error));
  g_assert_true (hz_meeting_save_opinion (fixture->store, id, CASE_B, "obstetrics", "继续妊娠加强监护", FALSE, &error));
  hz_store_set_actor (fixture->store, fixture->nutritionist);
  g_assert_true (hz_meeting_save_opinion (fixture->store, id, CASE_A, "nutrition", "低盐高蛋白饮食", FALSE, &error));
  g_assert_true (hz_meeting_save_opinion (fixture->store, id, CASE_B, "nutrition", "控制碳水分餐", FALSE, &error));
  hz_store_set_actor (fixture->store, fixture->coordinator);
  g_assert_no_error (error);
  plan_id = hz_meeting_decide (fixture->store, id, CASE_A, "34周剖宫产终止妊娠", actions, 2, &error);
  g_assert_no_error (error);
  provenance_id = hz_meeting_sign (fixture->store, id, CASE_A, &error);
  g_assert_no_error (error);
  g_assert_true (hz_meeting_is_signed (fixture->store, id, CASE_A, NULL, NULL, &hash, &error));

  g_assert_true (hz_meeting_write_pdf (fixture->store, id, NULL, minutes, &error));
  g_assert_no_error (error);
  text = hz_test_run_tool ((const char * const []) { "pdftotext", minutes, "-", NULL }, &ok);
  g_assert_true (ok);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "云州市妇幼保健院"));
  g_assert_nonnull (strstr (text, "多学科会诊纪要"));
  g_assert_nonnull (strstr (text, "三楼会议室"));
  g_assert_nonnull (strstr (text, "是否需要提前终止妊娠？"));
  g_assert_nonnull (strstr (text, "胰岛素方案如何调整？"));
  g_assert_nonnull (strstr (text, "建议34周终止妊娠"));
  g_assert_nonnull (strstr (text, "继续妊娠加强监护"));
  g_assert_nonnull (strstr (text, "低盐高蛋白饮食"));
  g_assert_nonnull (strstr (text, "控制碳水分餐"));
  g_assert_nonnull (strstr (text, "陈营养副主任医师（云州市妇幼保健院）"));
  g_assert_nonnull (strstr (text, "34周剖宫产终止妊娠"));
  g_assert_nonnull (strstr (text, "34周前完成促胎肺成熟"));
  g_assert_nonnull (strstr (text, "每周营养评估"));
  g_assert_nonnull (strstr (text, "2026-12-20"));
  g_assert_nonnull (strstr (text, "缺席"));
  g_assert_nonnull (strstr (text, "刘心理"));
  g_assert_nonnull (strstr (text, "生殖医学科"));
  g_assert_nonnull (strstr (text, "未达到"));
  g_assert_nonnull (strstr (text, hash));
  g_assert_nonnull (strstr (text, "第1页"));

  g_assert_true (hz_meeting_write_pdf (fixture->store, id, CASE_A, opinion, &error));
  g_assert_no_error (error);
  opinion_text = hz_test_run_tool ((const char * const []) { "pdftotext", opinion, "-", NULL }, &ok);
  g_assert_true (ok);
  g_assert_nonnull (strstr (opinion_text, "会诊意见书"));
  g_assert_nonnull (strstr (opinion_text, "建议34周终止妊娠"));
  g_assert_null (strstr (opinion_text, "继续妊娠加强监护"));
  g_assert_nonnull (strstr (opinion_text, "王主任（云州市妇幼保健院）"));
  g_assert_nonnull (strstr (opinion_text, hash));
  {
    g_autoptr(HzDocument) one = hz_meeting_build_document (fixture->store, id, CASE_A, &error);
    guint n = hz_document_get_n_pages (one);
    g_autofree char *first = g_strdup_printf ("第1页共%u页", n);
    g_autofree char *last = g_strdup_printf ("第%u页共%u页", n, n);

    g_assert_no_error (error);
    g_test_message ("the 会诊意见书 takes %u pages", n);
    g_assert_nonnull (strstr (opinion_text, first));
    g_assert_nonnull (strstr (opinion_text, last));
  }
  g_assert_false (hz_meeting_write_pdf (fixture->store, id, "c2-episode", opinion, &error));
  g_assert_error (error, HZ_MEETING_ERROR, HZ_MEETING_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* it renders */
  g_free (hz_test_run_tool ((const char * const []) { "pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1",
                                                      minutes, png_root, NULL }, &ok));
  g_assert_true (ok);
  g_file_get_contents (png, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 5000);
  g_assert_cmpmem (contents, 8, "\x89PNG\r\n\x1a\n", 8);

  /* a page drawn onto a cairo_t, as GtkPrintOperation::draw-page does */
  document = hz_meeting_build_document (fixture->store, id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hz_document_get_n_pages (document), >=, 1);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 596, 842);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  hz_document_draw_page (document, cr, 0);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  for (int y = 0; y < 842; y++)
    {
      const guint32 *row = (const guint32 *) (cairo_image_surface_get_data (surface) +
                                              y * cairo_image_surface_get_stride (surface));

      for (int x = 0; x < 596; x++)
        inked += (row[x] & 0xffffff) != 0xffffff;
    }
  cairo_surface_destroy (surface);
  g_test_message ("%u pixels inked", inked);
  g_assert_cmpuint (inked, >, 2000);
}

/* ------------------------------------------------------------------ */
/* huizhen-cli meeting */

static void
run_cli (Fixture            *fixture,
         HzTestRun          *run,
         const char         *user,
         const char * const *args)
{
  g_autofree char *xdg = g_build_filename (fixture->dir, "xdg", NULL);

  hz_test_run_clear (run);
  run->status = hz_test_run_cli (HUIZHEN_CLI_PATH, fixture->db, user, xdg, args, &run->out, &run->err);
}

#define RUN(fixture, run, ...) \
  run_cli ((fixture), (run), COORDINATOR, (const char * const []) { __VA_ARGS__, NULL })
#define RUN_AS(fixture, run, user, ...) \
  run_cli ((fixture), (run), (user), (const char * const []) { __VA_ARGS__, NULL })

/* @run's stdout as JSON */
static JsonNode *
run_json (HzTestRun *run)
{
  g_assert_cmpint (run->status, ==, 0);
  return hz_test_parse_node (run->out);
}

static void
assert_refused (HzTestRun  *run,
                const char *reason)
{
  g_assert_cmpint (run->status, ==, 1);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_nonnull (strstr (run->err, reason));
}

static void
test_cli (Fixture       *fixture,
          gconstpointer  data)
{
  g_auto(HzTestRun) run = { 0, };
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *id = NULL;
  g_autofree char *action_id = NULL;
  g_autofree char *next = NULL;
  g_autofree char *pdf = g_build_filename (fixture->dir, "out.pdf", NULL);
  JsonObject *item;

  /* the fixture's store closed: the CLI writes the database alone */
  g_clear_object (&fixture->store);

  RUN (fixture, &run, "meeting", "list", "--json");
  node = run_json (&run);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 0);
  g_clear_pointer (&node, json_node_unref);
  RUN (fixture, &run, "meeting", "list");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "No MDT meetings."));

  RUN (fixture, &run, "meeting", "create", "--title", "产科MDT", "--start", "2026-12-10T14:00", "--place", "三楼会议室");
  node = run_json (&run);
  id = g_strdup (json_object_get_string_member (json_node_get_object (node), "id"));
  g_clear_pointer (&node, json_node_unref);

  /* bad date, unknown meeting, missing options */
  RUN (fixture, &run, "meeting", "create", "--title", "MDT", "--start", "明天下午");
  assert_refused (&run, "“明天下午” is not a date and time");
  RUN (fixture, &run, "meeting", "show", "no-such-meeting", "--json");
  assert_refused (&run, "There is no MDT meeting “no-such-meeting”");
  RUN (fixture, &run, "meeting", "add-case", id, "--case", CASE_A);
  g_assert_cmpint (run.status, ==, 2);

  RUN (fixture, &run, "meeting", "add-case", id, "--case", CASE_A, "--question", "是否提前终止妊娠？",
       "--reason", "重度子痫前期", "--teams", "obstetrics, psychology");
  node = run_json (&run);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "case"), ==, CASE_A);
  g_clear_pointer (&node, json_node_unref);
  RUN (fixture, &run, "meeting", "add-case", id, "--case", CASE_B, "--question", "胰岛素方案？");
  g_assert_cmpint (run.status, ==, 0);
  RUN (fixture, &run, "meeting", "teams", id, "--case", CASE_B, "--teams", "obstetrics");
  g_assert_cmpint (run.status, ==, 0);
  /* a team that is not one: refused before the case goes on the agenda */
  RUN (fixture, &run, "meeting", "add-case", id, "--case", "c2-episode", "--question", "？",
       "--teams", "obstetrics,surgery");
  assert_refused (&run, "“surgery” is not a team");
  RUN (fixture, &run, "meeting", "teams", id, "--case", CASE_B, "--teams", ",");
  assert_refused (&run, "needs at least one team");
  RUN (fixture, &run, "meeting", "attend", id, "--team", "obstetrics", "--status", "present", "--name", "王主任");
  node = run_json (&run);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "team"), ==, "obstetrics");
  g_clear_pointer (&node, json_node_unref);
  RUN (fixture, &run, "meeting", "attend", id, "--team", "psychology", "--status", "absent", "--name", "刘心理");
  g_assert_cmpint (run.status, ==, 0);
  RUN (fixture, &run, "meeting", "attend", id, "--team", "nutrition", "--status", "late");
  assert_refused (&run, "“late” is not an attendance");
  RUN (fixture, &run, "meeting", "opinion", id, "--case", CASE_A, "--team", "obstetrics", "--text", "建议34周终止妊娠");
  g_assert_cmpint (run.status, ==, 0);
  RUN (fixture, &run, "meeting", "opinion", id, "--case", "c2-episode", "--team", "obstetrics", "--text", "？");
  assert_refused (&run, "is not on the agenda");

  RUN (fixture, &run, "meeting", "decide", id, "--case", CASE_A, "--text", "34周剖宫产",
       "--action", "促胎肺成熟|obstetrics");
  assert_refused (&run, "is not “what|owner|due date”");
  RUN (fixture, &run, "meeting", "decide", id, "--case", CASE_A, "--text", "34周剖宫产",
       "--action", "促胎肺成熟|obstetrics|下周五");
  assert_refused (&run, "The due date “下周五” of action “促胎肺成熟” is not a date");
  RUN (fixture, &run, "meeting", "decide", id, "--case", CASE_A, "--text", "34周剖宫产",
       "--action", "促胎肺成熟|obstetrics|2026-12-15", "--action", "营养评估|陈营养|2026-12-20");
  node = run_json (&run);
  g_assert_nonnull (json_object_get_string_member (json_node_get_object (node), "careplan"));
  g_clear_pointer (&node, json_node_unref);

  RUN (fixture, &run, "meeting", "sign", id, "--case", CASE_A);
  node = run_json (&run);
  g_assert_nonnull (json_object_get_string_member (json_node_get_object (node), "provenance"));
  g_clear_pointer (&node, json_node_unref);
  RUN (fixture, &run, "meeting", "sign", id, "--case", CASE_A);
  assert_refused (&run, "signed the consultation opinion (会诊意见书) of case “c1-episode” already");
  RUN (fixture, &run, "meeting", "opinion", id, "--case", CASE_A, "--team", "obstetrics", "--text", "改为36周");
  assert_refused (&run, "is read-only");
  RUN (fixture, &run, "meeting", "decide", id, "--case", CASE_A, "--text", "改为36周");
  assert_refused (&run, "is read-only");

  RUN (fixture, &run, "meeting", "show", id, "--json");
  node = run_json (&run);
  /* the teams the cases need are there: the absent psychologist named a
   * deputy; c2 is not on the agenda */
  g_assert_true (json_object_get_boolean_member (json_node_get_object (node), "quorum"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (node), "missing")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (node), "agenda")), ==, 2);
  item = agenda_item (node, 0);
  {
    g_autofree char *teams = join_strings (json_object_get_array_member (item, "teams"));

    g_assert_cmpstr (teams, ==, "obstetrics psychology");
  }
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (item, "actions")), ==, 2);
  {
    JsonObject *a = json_array_get_object_element (json_object_get_array_member (item, "actions"), 1);
    JsonObject *s = json_array_get_object_element (json_object_get_array_member (item, "signatures"), 0);

    g_assert_cmpstr (json_object_get_string_member (a, "text"), ==, "营养评估");
    g_assert_cmpstr (json_object_get_string_member (a, "owner"), ==, "陈营养");
    g_assert_cmpstr (json_object_get_string_member (a, "due"), ==, "2026-12-20");
    g_assert_cmpstr (json_object_get_string_member (a, "status"), ==, "requested");
    g_assert_cmpstr (json_object_get_string_member (s, "signer"), ==, "王主任 (云州市妇幼保健院)");
    g_assert_cmpuint (strlen (json_object_get_string_member (s, "sha256")), ==, 64);
    g_assert_true (json_object_get_boolean_member (s, "matches"));
    g_assert_true (g_str_has_prefix (json_object_get_string_member (s, "when"), "20"));
  }
  action_id = g_strdup (json_object_get_string_member (json_array_get_object_element (
                          json_object_get_array_member (item, "actions"), 0), "id"));
  g_clear_pointer (&node, json_node_unref);

  /* amend: editable, signed again */
  RUN (fixture, &run, "meeting", "amend", id, "--case", CASE_A);
  g_assert_cmpint (run.status, ==, 0);
  RUN (fixture, &run, "meeting", "opinion", id, "--case", CASE_A, "--team", "obstetrics", "--text", "改为35周");
  g_assert_cmpint (run.status, ==, 0);
  RUN (fixture, &run, "meeting", "show", id, "--json");
  node = run_json (&run);
  item = agenda_item (node, 0);
  g_assert_cmpstr (json_object_get_string_member (item, "status"), ==, "amended");
  g_assert_false (json_object_get_boolean_member (item, "signed"));
  g_assert_false (json_object_get_boolean_member (json_array_get_object_element (
                    json_object_get_array_member (item, "signatures"), 0), "matches"));
  g_clear_pointer (&node, json_node_unref);
  RUN_AS (fixture, &run, "陈营养|nutrition|副主任医师|云州市妇幼保健院", "meeting", "sign", id, "--case", CASE_A);
  assert_refused (&run, "may not sign");

  /* the PDFs */
  RUN (fixture, &run, "meeting", "pdf", id, "-o", pdf);
  node = run_json (&run);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "pdf"), ==, pdf);
  g_clear_pointer (&node, json_node_unref);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  RUN (fixture, &run, "meeting", "pdf", id, "--case", CASE_A, "-o", pdf);
  g_assert_cmpint (run.status, ==, 0);
  RUN (fixture, &run, "meeting", "pdf", id, "--case", "c2-episode", "-o", pdf);
  assert_refused (&run, "is not on the agenda");

  /* a follow-up of the unfinished action, on a new meeting */
  RUN (fixture, &run, "meeting", "followup", "--action", action_id, "--title", "复诊MDT", "--start", "2027-01-10T09:00");
  node = run_json (&run);
  next = g_strdup (json_object_get_string_member (json_node_get_object (node), "id"));
  g_clear_pointer (&node, json_node_unref);
  RUN (fixture, &run, "meeting", "show", next, "--json");
  node = run_json (&run);
  g_assert_cmpstr (json_object_get_string_member (agenda_item (node, 0), "question"), ==, "促胎肺成熟");
  g_clear_pointer (&node, json_node_unref);
  RUN (fixture, &run, "meeting", "followup", "--action", "no-such-task", next);
  assert_refused (&run, "is not an action of an MDT decision");

  /* a case from an accepted consultation request */
  {
    g_autofree char *answers = g_build_filename (fixture->dir, "consult.json", NULL);
    g_autofree char *request = NULL;

    g_assert_true (g_file_set_contents (answers, CONSULT_ANSWERS, -1, NULL));
    RUN (fixture, &run, "referral", "create", "--case", "c2-episode", "--form", "consultation-request",
         "--answers", answers);
    node = run_json (&run);
    request = g_strdup (json_object_get_string_member (json_node_get_object (node), "id"));
    g_clear_pointer (&node, json_node_unref);
    RUN (fixture, &run, "meeting", "add-case", next, "--request", request);
    assert_refused (&run, "only an accepted one goes on the agenda");
    RUN (fixture, &run, "referral", "status", request, "requested");
    g_assert_cmpint (run.status, ==, 0);
    RUN (fixture, &run, "referral", "status", request, "accepted");
    g_assert_cmpint (run.status, ==, 0);
    RUN (fixture, &run, "meeting", "add-case", next, "--request", request);
    node = run_json (&run);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "request"), ==, request);
    g_clear_pointer (&node, json_node_unref);
    RUN (fixture, &run, "meeting", "show", next, "--json");
    node = run_json (&run);
    item = agenda_item (node, 1);
    g_assert_cmpstr (json_object_get_string_member (item, "case"), ==, "c2-episode");
    g_assert_cmpstr (json_object_get_string_member (item, "question"), ==, "是否启动胰岛素？");
    g_assert_cmpstr (json_object_get_string_member (item, "reason"), ==, "胰岛素治疗方案");
    g_clear_pointer (&node, json_node_unref);
  }

  /* the meetings are listed; the patient list has none of them */
  RUN (fixture, &run, "meeting", "list", "--json");
  node = run_json (&run);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 2);
  {
    JsonObject *m = json_array_get_object_element (json_node_get_array (node), 0);

    g_assert_cmpstr (json_object_get_string_member (m, "id"), ==, id);
    g_assert_cmpstr (json_object_get_string_member (m, "title"), ==, "产科MDT");
    g_assert_cmpstr (json_object_get_string_member (m, "place"), ==, "三楼会议室");
    g_assert_cmpstr (json_object_get_string_member (m, "coordinator"), ==, "王主任 主任医师 (云州市妇幼保健院)");
    g_assert_cmpint (json_object_get_int_member (m, "cases"), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (m, "status"), ==, "booked");
  }
  g_clear_pointer (&node, json_node_unref);
  RUN (fixture, &run, "cases", "--json");
  node = run_json (&run);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      const char *case_id = json_object_get_string_member (json_array_get_object_element (json_node_get_array (node), i),
                                                           "id");

      g_assert_cmpstr (case_id, !=, id);
      g_assert_cmpstr (case_id, !=, next);
    }
}


/* The team's opinion of @case_id (index @n on the agenda) as hz_meeting_to_json() gives it */
static void
opinion_of (HzStore     *store,
            const char  *meeting_id,
            guint        n,
            const char  *team,
            char       **out_text,
            char       **out_author)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = hz_meeting_to_json (store, meeting_id, &error);
  JsonArray *opinions;

  g_assert_no_error (error);
  opinions = json_object_get_array_member (agenda_item (root, n), "opinions");
  *out_text = NULL;
  *out_author = NULL;
  for (guint i = 0; i < json_array_get_length (opinions); i++)
    {
      JsonObject *o = json_array_get_object_element (opinions, i);

      if (g_strcmp0 (json_object_get_string_member (o, "team"), team) == 0)
        {
          *out_text = g_strdup (json_object_get_string_member (o, "text"));
          *out_author = g_strdup (json_object_get_string_member (o, "author"));
        }
    }
}

/* What a remote site says in the meeting's room lands in its team's
 * section, once; a replay does not overwrite what was written here since;
 * after signing it is refused */
static void
test_remote_opinion (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = make_meeting (fixture);
  g_autofree char *text = NULL;
  g_autofree char *author = NULL;
  gboolean filed = FALSE;

  g_assert_true (hz_meeting_file_remote_opinion (fixture->store, id, CASE_B, "psychology", "刘心理", "EPDS 14分，建议心理门诊随访",
                                                 FALSE, &filed, &error));
  g_assert_no_error (error);
  g_assert_true (filed);
  opinion_of (fixture->store, id, 1, "psychology", &text, &author);
  g_assert_cmpstr (text, ==, "EPDS 14分，建议心理门诊随访");
  g_assert_cmpstr (author, ==, "刘心理");
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&author, g_free);

  /* the same again (the room replayed to a reconnected site): no new version */
  g_assert_true (hz_meeting_file_remote_opinion (fixture->store, id, CASE_B, "psychology", "刘心理", "EPDS 14分，建议心理门诊随访",
                                                 TRUE, &filed, &error));
  g_assert_false (filed);

  /* written over here by the team's own clinician; then an older remote one
   * replayed: what was written here stays */
  hz_store_set_actor (fixture->store, fixture->nutritionist);
  g_assert_true (hz_meeting_save_opinion (fixture->store, id, CASE_B, "psychology", "已与刘医生电话沟通，同意", FALSE, &error));
  hz_store_set_actor (fixture->store, fixture->coordinator);
  g_assert_true (hz_meeting_file_remote_opinion (fixture->store, id, CASE_B, "psychology", "刘心理", "旧意见",
                                                 TRUE, &filed, &error));
  g_assert_no_error (error);
  g_assert_false (filed);
  opinion_of (fixture->store, id, 1, "psychology", &text, &author);
  g_assert_cmpstr (text, ==, "已与刘医生电话沟通，同意");
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&author, g_free);

  /* said live: the newest wins */
  g_assert_true (hz_meeting_file_remote_opinion (fixture->store, id, CASE_B, "psychology", "刘心理", "补充：产后42天复查EPDS",
                                                 FALSE, &filed, &error));
  g_assert_true (filed);
  opinion_of (fixture->store, id, 1, "psychology", &text, &author);
  g_assert_cmpstr (text, ==, "补充：产后42天复查EPDS");
  g_assert_cmpstr (author, ==, "刘心理");
  /* another case of the meeting is untouched */
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&author, g_free);
  opinion_of (fixture->store, id, 0, "psychology", &text, &author);
  g_assert_null (text);

  /* bad input names what was wrong */
  g_assert_false (hz_meeting_file_remote_opinion (fixture->store, id, CASE_B, "surgery", "刘心理", "x", FALSE, &filed, &error));
  g_assert_error (error, HZ_MEETING_ERROR, HZ_MEETING_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "surgery"));
  g_clear_error (&error);

  /* after signing: refused, nothing written */
  g_assert_true (hz_meeting_save_opinion (fixture->store, id, CASE_B, "obstetrics", "继续妊娠", FALSE, &error));
  g_free (hz_meeting_sign (fixture->store, id, CASE_B, &error));
  g_assert_no_error (error);
  g_assert_false (hz_meeting_file_remote_opinion (fixture->store, id, CASE_B, "psychology", "刘心理", "签字后", FALSE,
                                                  &filed, &error));
  g_assert_error (error, HZ_MEETING_ERROR, HZ_MEETING_ERROR_SIGNED);
  g_assert_false (filed);
}

/* Who signs is found by the names the meeting recorded, written in the
 * language of whoever recorded them: brackets of either style */
static void
test_actor_display (void)
{
  g_autoptr(HzActor) actor = hz_actor_new ("王主任", HZ_TEAM_OBSTETRICS, "主任医师", "云州市妇幼保健院");
  g_autoptr(HzActor) bare = hz_actor_new ("李医生", HZ_TEAM_OTHER, NULL, NULL);
  g_autofree char *own = hz_actor_dup_display (actor);

  g_assert_true (hz_actor_matches_display (actor, own));
  g_assert_true (hz_actor_matches_display (actor, "王主任 主任医师 (云州市妇幼保健院)"));
  g_assert_true (hz_actor_matches_display (actor, "王主任 主任医师（云州市妇幼保健院）"));
  g_assert_true (hz_actor_matches_display (actor, "王主任"));
  g_assert_false (hz_actor_matches_display (actor, "王主任 主任医师"));
  g_assert_false (hz_actor_matches_display (actor, "王主任 主任医师（临溪县人民医院）"));
  g_assert_false (hz_actor_matches_display (actor, "王主任 副主任医师（云州市妇幼保健院）"));
  g_assert_false (hz_actor_matches_display (actor, "王主任 主任医师（云州市妇幼保健院）。"));
  g_assert_false (hz_actor_matches_display (actor, NULL));
  g_assert_true (hz_actor_matches_display (bare, "李医生"));
  g_assert_false (hz_actor_matches_display (bare, "李医生 (云州市妇幼保健院)"));
}

int
main (int    argc,
      char **argv)
{
  hz_test_i18n_init (argc, argv);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/huizhen/meeting/actor-display", test_actor_display);
  g_test_add ("/huizhen/meeting/flow", Fixture, NULL, fixture_set_up, test_flow, fixture_tear_down);
  g_test_add ("/huizhen/meeting/not-a-patient-case", Fixture, NULL, fixture_set_up, test_not_a_patient_case,
              fixture_tear_down);
  g_test_add ("/huizhen/meeting/overdue-actions", Fixture, NULL, fixture_set_up, test_overdue_actions,
              fixture_tear_down);
  g_test_add ("/huizhen/meeting/followup", Fixture, NULL, fixture_set_up, test_followup, fixture_tear_down);
  g_test_add ("/huizhen/meeting/from-request", Fixture, NULL, fixture_set_up, test_from_request, fixture_tear_down);
  g_test_add ("/huizhen/meeting/pdf/zh_CN", Fixture, NULL, fixture_set_up, test_pdf, fixture_tear_down);
  g_test_add ("/huizhen/meeting/remote-opinion", Fixture, NULL, fixture_set_up, test_remote_opinion, fixture_tear_down);
  g_test_add ("/huizhen/meeting/cli", Fixture, NULL, fixture_set_up, test_cli, fixture_tear_down);

  return g_test_run ();
}
