/* test-risk.c — the one rule for the current five-colour risk grade
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <huizhen.h>

#include "hz-case-summary-private.h"
#include "hz-test-utils.h"

/* A RiskAssessment: @colour NULL for none, @date / @updated NULL to leave out */
static JsonObject *
make_assessment (const char *id,
                 const char *status,
                 const char *colour,
                 const char *date,
                 const char *updated)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "resourceType");
  json_builder_add_string_value (builder, "RiskAssessment");
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, id);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, status);
  if (date != NULL)
    {
      json_builder_set_member_name (builder, "occurrenceDateTime");
      json_builder_add_string_value (builder, date);
    }
  if (updated != NULL)
    {
      json_builder_set_member_name (builder, "meta");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "lastUpdated");
      json_builder_add_string_value (builder, updated);
      json_builder_end_object (builder);
    }
  json_builder_set_member_name (builder, "prediction");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "outcome");
  json_builder_begin_object (builder);
  if (colour != NULL)
    {
      json_builder_set_member_name (builder, "coding");
      json_builder_begin_array (builder);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "system");
      json_builder_add_string_value (builder, HZ_SYSTEM_RISK_COLOUR);
      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, colour);
      json_builder_end_object (builder);
      json_builder_end_array (builder);
    }
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, "红色");
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_object_ref (json_node_get_object (root));
}

static JsonObject *
make_flag (const char *status,
           const char *code)
{
  g_autofree char *json =
    g_strdup_printf ("{\"resourceType\": \"Flag\", \"id\": \"f\", \"status\": \"%s\","
                     " \"code\": {\"coding\": [{\"system\": \"" HZ_SYSTEM_RISK_COLOUR "\","
                     " \"code\": \"%s\"}], \"text\": \"乙肝\"}}", status, code);

  return hz_test_parse_object (json);
}

/* hz_resource_new() takes a reference of its own: drop ours (transfer full) */
static HzResource *
resource_take (JsonObject *object)
{
  HzResource *resource = hz_resource_new (object);

  json_object_unref (object);
  return resource;
}

/* Appends to @store and drops our reference */
static void
append_take (GListStore *store,
             HzResource *resource)
{
  g_list_store_append (store, resource);
  g_object_unref (resource);
}

static GPtrArray *
new_array (void)
{
  return g_ptr_array_new_with_free_func (g_object_unref);
}

#define VALUE(resource) hz_resource_get_value (resource)

/* The index of the current grading, or -1 */
static int
pick (GPtrArray *assessments)
{
  g_autofree const HzJv **values = g_new0 (const HzJv *, assessments->len + 1);
  guint index = G_MAXUINT;

  for (guint i = 0; i < assessments->len; i++)
    values[i] = VALUE (g_ptr_array_index (assessments, i));

  if (!hz_risk_pick_current (values, assessments->len, &index))
    {
      g_assert_cmpuint (index, ==, G_MAXUINT);
      return -1;
    }

  g_assert_cmpuint (index, <, assessments->len);
  return (int) index;
}

static void
test_colour (void)
{
  g_autoptr(HzResource) red = resource_take (make_assessment ("a", "final", "red", "2024-05-06", NULL));
  g_autoptr(HzResource) text_only = resource_take (make_assessment ("b", "final", NULL, "2024-05-06", NULL));
  g_autoptr(HzResource) purple = resource_take (make_assessment ("c", "final", "purple", "2024-05-06", NULL));
  g_autoptr(HzResource) other_system = resource_take (
    hz_test_parse_object ("{\"resourceType\": \"RiskAssessment\", \"status\": \"final\","
                          " \"prediction\": [{\"outcome\": {\"coding\": [{\"system\": \"http://example.org\","
                          " \"code\": \"red\"}]}}]}"));

  g_assert_cmpint (hz_risk_assessment_get_colour (VALUE (red)), ==, HZ_RISK_RED);
  g_assert_true (hz_risk_assessment_counts (VALUE (red)));
  /* Only the risk-colour coding grades: text alone ("红色") does not */
  g_assert_cmpint (hz_risk_assessment_get_colour (VALUE (text_only)), ==, HZ_RISK_UNKNOWN);
  g_assert_false (hz_risk_assessment_counts (VALUE (text_only)));
  g_assert_cmpint (hz_risk_assessment_get_colour (VALUE (other_system)), ==, HZ_RISK_UNKNOWN);
  /* Purple is a Flag, never a grade */
  g_assert_cmpint (hz_risk_assessment_get_colour (VALUE (purple)), ==, HZ_RISK_UNKNOWN);
  g_assert_false (hz_risk_assessment_counts (VALUE (purple)));
  g_assert_cmpint (hz_risk_assessment_get_colour (NULL), ==, HZ_RISK_UNKNOWN);
}

static void
test_entered_in_error (void)
{
  g_autoptr(GPtrArray) gradings = new_array ();

  g_ptr_array_add (gradings, resource_take (make_assessment ("yellow", "final", "yellow", "2024-03-01", NULL)));
  g_ptr_array_add (gradings, resource_take (make_assessment ("red-error", "entered-in-error", "red", "2024-05-01", NULL)));
  g_ptr_array_add (gradings, resource_take (make_assessment ("orange-cancelled", "cancelled", "orange", "2024-06-01", NULL)));

  g_assert_cmpint (pick (gradings), ==, 0);
  g_assert_false (hz_risk_assessment_counts (VALUE (g_ptr_array_index (gradings, 1))));
  g_assert_false (hz_risk_assessment_counts (VALUE (g_ptr_array_index (gradings, 2))));

  /* A preliminary or amended grading stands */
  g_ptr_array_add (gradings, resource_take (make_assessment ("green-amended", "amended", "green", "2024-04-01", NULL)));
  g_assert_cmpint (pick (gradings), ==, 3);
}

static void
test_uncoloured (void)
{
  g_autoptr(GPtrArray) gradings = new_array ();

  g_ptr_array_add (gradings, resource_take (make_assessment ("orange", "final", "orange", "2024-03-01", NULL)));
  g_ptr_array_add (gradings, resource_take (make_assessment ("no-colour", "final", NULL, "2024-05-01", NULL)));

  g_assert_cmpint (pick (gradings), ==, 0);

  g_ptr_array_remove_index (gradings, 0);
  g_assert_cmpint (pick (gradings), ==, -1);
}

static void
test_latest_wins (void)
{
  g_autoptr(GPtrArray) gradings = new_array ();

  /* Whatever the order in the array */
  g_ptr_array_add (gradings, resource_take (make_assessment ("late", "final", "red", "2024-06-01", NULL)));
  g_ptr_array_add (gradings, resource_take (make_assessment ("early", "final", "green", "2024-02-01", NULL)));
  g_ptr_array_add (gradings, resource_take (make_assessment ("middle", "final", "yellow", "2024-04-01", NULL)));
  g_assert_cmpint (pick (gradings), ==, 0);

  /* Instants compare as instants: 08:30+08:00 is 00:30Z, before 01:00Z */
  g_ptr_array_set_size (gradings, 0);
  g_ptr_array_add (gradings, resource_take (make_assessment ("utc", "final", "orange", "2024-05-06T01:00:00Z", NULL)));
  g_ptr_array_add (gradings, resource_take (make_assessment ("beijing", "final", "green", "2024-05-06T08:30:00+08:00", NULL)));
  g_assert_cmpint (pick (gradings), ==, 0);

  /* A dated grading beats an undated one, even one updated later */
  g_ptr_array_set_size (gradings, 0);
  g_ptr_array_add (gradings, resource_take (make_assessment ("dated", "final", "yellow", "2024-01-01", "2024-01-01T00:00:00Z")));
  g_ptr_array_add (gradings, resource_take (make_assessment ("undated", "final", "red", NULL, "2024-09-01T00:00:00Z")));
  g_assert_cmpint (pick (gradings), ==, 0);

  /* The same day: meta.lastUpdated decides */
  g_ptr_array_set_size (gradings, 0);
  g_ptr_array_add (gradings, resource_take (make_assessment ("second", "final", "orange", "2024-05-06", "2024-05-06T10:00:00+08:00")));
  g_ptr_array_add (gradings, resource_take (make_assessment ("first", "final", "yellow", "2024-05-06", "2024-05-06T09:00:00+08:00")));
  g_assert_cmpint (pick (gradings), ==, 0);

  /* Only undated gradings: lastUpdated still decides */
  g_ptr_array_set_size (gradings, 0);
  g_ptr_array_add (gradings, resource_take (make_assessment ("new", "final", "red", NULL, "2024-05-07T00:00:00Z")));
  g_ptr_array_add (gradings, resource_take (make_assessment ("old", "final", "green", NULL, "2024-05-01T00:00:00Z")));
  g_assert_cmpint (pick (gradings), ==, 0);
}

static void
test_purple_separate (void)
{
  g_autoptr(HzResource) active = resource_take (make_flag ("active", "purple"));
  g_autoptr(HzResource) inactive = resource_take (make_flag ("inactive", "purple"));
  g_autoptr(HzResource) error = resource_take (make_flag ("entered-in-error", "purple"));
  g_autoptr(HzResource) other = resource_take (make_flag ("active", "red"));
  g_autoptr(GListStore) flags = g_list_store_new (HZ_TYPE_RESOURCE);
  g_autoptr(GListStore) gradings = g_list_store_new (HZ_TYPE_RESOURCE);
  g_autoptr(HzResource) yellow = NULL;
  g_autoptr(HzResource) flag = NULL;
  const HzJv *some[2];
  HzResource *current = NULL;

  g_assert_true (hz_risk_flag_is_purple (VALUE (active)));
  g_assert_false (hz_risk_flag_is_purple (VALUE (inactive)));
  g_assert_false (hz_risk_flag_is_purple (VALUE (error)));
  g_assert_false (hz_risk_flag_is_purple (VALUE (other)));
  g_assert_false (hz_risk_flag_is_purple (NULL));

  some[0] = VALUE (other);
  some[1] = VALUE (inactive);
  g_assert_false (hz_risk_flags_have_purple (some, 2));
  some[1] = VALUE (active);
  g_assert_true (hz_risk_flags_have_purple (some, 2));
  g_assert_false (hz_risk_flags_have_purple (NULL, 0));

  /* Purple stands beside the grade: the grade is still yellow */
  yellow = resource_take (make_assessment ("yellow", "final", "yellow", "2024-05-06", NULL));
  g_list_store_append (gradings, yellow);
  append_take (gradings, resource_take (make_assessment ("purple", "final", "purple", "2024-06-06", NULL)));
  flag = g_object_ref (active);
  g_list_store_append (flags, flag);

  g_assert_cmpint (hz_risk_get_current (G_LIST_MODEL (gradings), &current), ==, HZ_RISK_YELLOW);
  g_assert_true (current == yellow);
  g_assert_true (hz_risk_get_infectious (G_LIST_MODEL (flags)));
  g_assert_false (hz_risk_get_infectious (NULL));
}

static void
test_empty (void)
{
  g_autoptr(GListStore) store = g_list_store_new (HZ_TYPE_RESOURCE);
  HzResource *current = (HzResource *) 0x1;
  guint index = 7;

  g_assert_false (hz_risk_pick_current (NULL, 0, &index));
  g_assert_cmpuint (index, ==, 7);

  g_assert_cmpint (hz_risk_get_current (G_LIST_MODEL (store), &current), ==, HZ_RISK_UNKNOWN);
  g_assert_null (current);
  current = (HzResource *) 0x1;
  g_assert_cmpint (hz_risk_get_current (NULL, &current), ==, HZ_RISK_UNKNOWN);
  g_assert_null (current);
  g_assert_cmpint (hz_risk_get_current (NULL, NULL), ==, HZ_RISK_UNKNOWN);
  g_assert_false (hz_risk_get_infectious (G_LIST_MODEL (store)));
}

/* The model form picks the same grading as the array form */
static void
test_model (void)
{
  g_autoptr(GListStore) store = g_list_store_new (HZ_TYPE_RESOURCE);
  HzResource *current = NULL;
  const struct {
    const char *id, *status, *colour, *date;
  } rows[] = {
    { "g1", "final", "green", "2024-02-01" },
    { "g2", "entered-in-error", "red", "2024-07-01" },
    { "g3", "final", "orange", "2024-05-01" },
    { "g4", "final", NULL, "2024-06-01" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      append_take (store, resource_take (make_assessment (rows[i].id, rows[i].status,
                                                          rows[i].colour, rows[i].date, NULL)));
    }

  g_assert_cmpint (hz_risk_get_current (G_LIST_MODEL (store), &current), ==, HZ_RISK_ORANGE);
  g_assert_nonnull (current);
  g_assert_cmpstr (hz_resource_get_id (current), ==, "g3");
}

/* hz_case_summary_build_json() of the values of @gradings and @flags */
static JsonObject *
build_summary (GPtrArray *gradings,
               GPtrArray *flags)
{
  g_autoptr(GPtrArray) grading_values = g_ptr_array_new ();
  g_autoptr(GPtrArray) flag_values = g_ptr_array_new ();

  for (guint i = 0; i < gradings->len; i++)
    g_ptr_array_add (grading_values, (gpointer) VALUE (g_ptr_array_index (gradings, i)));
  for (guint i = 0; i < flags->len; i++)
    g_ptr_array_add (flag_values, (gpointer) VALUE (g_ptr_array_index (flags, i)));

  return hz_case_summary_build_json ("ep1", NULL, NULL, NULL, grading_values, flag_values, NULL, NULL);
}

/* The case list (built by the store from parsed resources) follows the rule */
static void
test_case_summary (void)
{
  g_autoptr(GPtrArray) gradings = new_array ();
  g_autoptr(GPtrArray) flags = new_array ();
  g_autoptr(JsonObject) summary = NULL;

  g_ptr_array_add (gradings, resource_take (make_assessment ("yellow", "final", "yellow", "2024-03-01", NULL)));
  g_ptr_array_add (gradings, resource_take (make_assessment ("red-error", "entered-in-error", "red", "2024-05-01", NULL)));
  g_ptr_array_add (gradings, resource_take (make_assessment ("uncoloured", "final", NULL, "2024-06-01", NULL)));
  g_ptr_array_add (flags, resource_take (make_flag ("inactive", "purple")));

  summary = build_summary (gradings, flags);
  g_assert_cmpstr (json_object_get_string_member (summary, "risk"), ==, "yellow");
  g_assert_false (json_object_get_boolean_member (summary, "infectious"));
  g_clear_pointer (&summary, json_object_unref);

  g_ptr_array_add (flags, resource_take (make_flag ("active", "purple")));
  g_ptr_array_set_size (gradings, 0);
  g_ptr_array_add (gradings, resource_take (make_assessment ("uncoloured", "final", NULL, "2024-06-01", NULL)));
  summary = build_summary (gradings, flags);
  g_assert_cmpstr (json_object_get_string_member (summary, "risk"), ==, "unknown");
  g_assert_true (json_object_get_boolean_member (summary, "infectious"));
}

/* The next action and what it is due by: only a due date can be overdue */
static HzCaseSummary *
summary_from_json (const char *json)
{
  g_autoptr(HzResource) row = hz_resource_new_from_data (json, -1, NULL);

  g_assert_nonnull (row);
  /* "now" before every date below */
  return hz_case_summary_new_from_value (hz_resource_get_value (row), "2000-01-01T00:00:00.000000Z");
}

static void
test_next_action_due (void)
{
  g_autoptr(GPtrArray) actions = new_array ();
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  g_autoptr(JsonObject) built = NULL;
  g_autofree char *text = NULL;
  g_autoptr(HzCaseSummary) summary = NULL;
  g_autoptr(HzCaseSummary) old_row = NULL;
  g_autoptr(HzCaseSummary) old_row_started = NULL;

  /* under way since a day: no deadline */
  g_ptr_array_add (actions, resource_take (hz_test_parse_object (
    "{\"resourceType\": \"Task\", \"status\": \"in-progress\", \"description\": \"上转\","
    " \"executionPeriod\": {\"start\": \"2026-11-09\"}}")));
  /* requested, to be done by a day */
  g_ptr_array_add (actions, resource_take (hz_test_parse_object (
    "{\"resourceType\": \"Task\", \"status\": \"requested\", \"description\": \"复筛\","
    " \"executionPeriod\": {\"start\": \"2026-12-04\"},"
    " \"restriction\": {\"period\": {\"end\": \"2026-12-18\"}}}")));
  /* requested, planned to start on a day */
  g_ptr_array_add (actions, resource_take (hz_test_parse_object (
    "{\"resourceType\": \"Task\", \"status\": \"requested\", \"description\": \"会诊\","
    " \"executionPeriod\": {\"start\": \"2026-11-27\"}}")));
  g_ptr_array_add (actions, resource_take (hz_test_parse_object (
    "{\"resourceType\": \"Appointment\", \"status\": \"booked\", \"description\": \"OGTT\","
    " \"start\": \"2026-12-07T07:30:00+08:00\"}")));
  for (guint i = 0; i < actions->len; i++)
    g_ptr_array_add (values, (gpointer) VALUE (g_ptr_array_index (actions, i)));

  built = hz_case_summary_build_json ("ep1", NULL, NULL, NULL, NULL, NULL, values, NULL);
  {
    g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

    json_node_set_object (node, built);
    text = hz_json_node_to_data (node, NULL);
  }
  {
    JsonArray *candidates = json_object_get_array_member (built, "actions");

    g_assert_true (json_object_get_null_member (json_array_get_object_element (candidates, 0), "due"));
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (candidates, 1), "due"),
                     ==, "2026-12-18");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (candidates, 2), "due"),
                     ==, "2026-11-27");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (candidates, 3), "due"),
                     ==, "2026-12-07T07:30:00+08:00");
  }

  /* the earliest is the referral under way: shown with its date, due by nothing */
  summary = summary_from_json (text);
  g_assert_cmpstr (hz_case_summary_get_next_action (summary), ==, "上转");
  g_assert_cmpstr (hz_case_summary_get_next_action_date (summary), ==, "2026-11-09");
  g_assert_null (hz_case_summary_get_next_action_due (summary));

  /* rows written before "due": the date, unless the task is under way */
  old_row = summary_from_json ("{\"case-id\": \"ep1\", \"actions\": [{\"status\": \"requested\","
                               " \"date\": \"2026-11-27T00:00:00.000000Z\", \"when\": \"2026-11-27\","
                               " \"text\": \"会诊\"}]}");
  g_assert_cmpstr (hz_case_summary_get_next_action_due (old_row), ==, "2026-11-27");
  old_row_started = summary_from_json ("{\"case-id\": \"ep1\", \"actions\": [{\"status\": \"in-progress\","
                                       " \"date\": \"2026-11-09T00:00:00.000000Z\", \"when\": \"2026-11-09\","
                                       " \"text\": \"上转\"}]}");
  g_assert_null (hz_case_summary_get_next_action_due (old_row_started));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/huizhen/risk/colour", test_colour);
  g_test_add_func ("/huizhen/risk/entered-in-error", test_entered_in_error);
  g_test_add_func ("/huizhen/risk/uncoloured", test_uncoloured);
  g_test_add_func ("/huizhen/risk/latest-wins", test_latest_wins);
  g_test_add_func ("/huizhen/risk/purple-separate", test_purple_separate);
  g_test_add_func ("/huizhen/risk/empty", test_empty);
  g_test_add_func ("/huizhen/risk/model", test_model);
  g_test_add_func ("/huizhen/risk/case-summary", test_case_summary);
  g_test_add_func ("/huizhen/risk/next-action-due", test_next_action_due);

  return g_test_run ();
}
