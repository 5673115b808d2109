/* test-nutrition-page.c — the nutrition page in the huizhen window, as a clinician uses it
 *
 * Runs under Xvfb (suite "ui"). The window is the program's own
 * (HzApplication), its database a temporary one seeded with the demo
 * bundles, the plugins the build tree's. The test opens the county
 * referral case (c3, obese BMI, GDM), enters a weight in the page's
 * fields and reads the stored Observation back, then sees the weight on
 * the chart (its model and accessible text), on the timeline and in the
 * case list; enters glucose readings at the 2 h target (6.7 flagged, 6.6
 * not); writes the advice, edits it, and sees both versions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-nutrition"

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <hz-ui.h>

#include "hz-application.h"
#include "hz-case-workspace.h"
#include "hz-test-app.h"
#include "hz-test-utils.h"
#include "hz-test-widgets.h"
#include "hz-window.h"

#define CASE_ID         "c3-episode"


/* --- helpers ------------------------------------------------------------------- */

static HzWindow *
get_window (void)
{
  return hz_test_app_get_window ();
}

static HzCaseWorkspace *
get_workspace (void)
{
  return hz_test_app_get_workspace ();
}

static HzStore *
get_store (void)
{
  return hz_window_get_store (get_window ());
}

static GtkWidget *
page_widget (const char *page,
             const char *name)
{
  HzCaseWorkspace *workspace = get_workspace ();
  GtkWidget *child;

  if (workspace == NULL)
    return NULL;
  child = adw_view_stack_get_child_by_name (hz_case_workspace_get_view_stack (workspace), page);
  if (child == NULL)
    return NULL;
  return name != NULL ? hz_test_find_named (child, name) : child;
}

static gboolean
nutrition_page_open (gpointer data)
{
  HzCaseWorkspace *workspace = get_workspace ();

  return workspace != NULL && hz_case_workspace_get_loaded (workspace) &&
         g_strcmp0 (hz_case_workspace_get_case_id (workspace), CASE_ID) == 0 &&
         page_widget ("nutrition", "nutrition-chart") != NULL;
}

static HzCaseSummary *
case_list_summary (void)
{
  GtkWidget *view = hz_test_find_named (GTK_WIDGET (get_window ()), "case-list-view");
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (view)));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(HzCaseSummary) summary = g_list_model_get_item (model, i);

      if (g_strcmp0 (hz_case_summary_get_case_id (summary), CASE_ID) == 0)
        return g_steal_pointer (&summary);
    }
  return NULL;
}

static void
set_entry (const char *name,
           const char *text)
{
  GtkWidget *entry = page_widget ("nutrition", name);

  g_assert_true (GTK_IS_EDITABLE (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

static gboolean
is_sensitive (gpointer data)
{
  return gtk_widget_get_sensitive (data);
}

/* Clicks a button of the page, once the save it started before is done */
static void
press (const char *name)
{
  GtkWidget *button = page_widget ("nutrition", name);

  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (hz_test_wait_until (is_sensitive, button));
  g_signal_emit_by_name (button, "clicked");
}

static char *
today_text (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* The Observations of the case with @loinc, as stored (JSON objects) */
static GPtrArray *
stored_observations (const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = hz_test_read_case_json (get_store (), CASE_ID, &error);
  GPtrArray *found = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  g_assert_no_error (error);
  for (guint i = 0; i < all->len; i++)
    {
      JsonObject *resource = g_ptr_array_index (all, i);
      JsonObject *concept;
      JsonArray *codings;

      if (g_strcmp0 (json_object_get_string_member_with_default (resource, "resourceType", ""), "Observation") != 0 ||
          (concept = json_object_get_object_member (resource, "code")) == NULL ||
          (codings = json_object_get_array_member (concept, "coding")) == NULL)
        continue;
      for (guint j = 0; j < json_array_get_length (codings); j++)
        if (g_strcmp0 (json_object_get_string_member_with_default (json_array_get_object_element (codings, j),
                                                                   "code", ""), code) == 0)
          {
            g_ptr_array_add (found, json_object_ref (resource));
            break;
          }
    }
  return found;
}

/* The value of an Observation as the store writes it: "62.4" */
static char *
value_text (JsonObject *observation)
{
  JsonNode *value = json_object_get_member (json_object_get_object_member (observation, "valueQuantity"), "value");

  return hz_json_node_to_data (value, NULL);
}

/* --- the weight ------------------------------------------------------------------ */

static guint n_weights_wanted;

static gboolean
weights_stored (gpointer data)
{
  g_autoptr(GPtrArray) weights = stored_observations (HZ_LOINC_BODY_WEIGHT);

  return weights->len >= n_weights_wanted;
}

static gboolean
chart_has_points (gpointer data)
{
  guint n = 0;

  g_object_get (page_widget ("nutrition", "nutrition-chart"), "n-points", &n, NULL);
  return n >= GPOINTER_TO_UINT (data);
}

static gboolean
timeline_shows (gpointer data)
{
  GtkWidget *timeline = page_widget ("timeline", NULL);

  return timeline != NULL && hz_test_has_label_containing (timeline, data);
}

#define NO_MATCH "No event matches the teams, kinds and search chosen."

static GtkWidget *
find_search_entry (GtkWidget *root)
{
  if (GTK_IS_SEARCH_ENTRY (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_search_entry (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Searches the timeline for @text (the search applied at once, as when
 * its delay has passed); TRUE when an event matches. Each search that
 * should match follows one that should not, so that it proves itself. */
static gboolean
search_timeline (GtkWidget  *search,
                 const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (search), text);
  g_signal_emit_by_name (search, "search-changed");
  return !timeline_shows ((gpointer) NO_MATCH);
}

static char *updated_before;

static gboolean
case_list_updated (gpointer data)
{
  g_autoptr(HzCaseSummary) summary = case_list_summary ();

  return summary != NULL && g_strcmp0 (hz_case_summary_get_updated (summary), updated_before) != 0;
}

static void
test_weight (void)
{
  g_autoptr(GPtrArray) before = stored_observations (HZ_LOINC_BODY_WEIGHT);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(HzCaseSummary) summary = case_list_summary ();
  g_autofree char *today = today_text ();
  g_autofree char *summary_text = NULL;
  g_autofree char *value = NULL;
  GtkWidget *error_label = page_widget ("nutrition", "nutrition-weight-error");
  JsonObject *added = NULL;
  GtkWidget *search;
  guint n_points = 0;

  g_assert_nonnull (summary);
  updated_before = g_strdup (hz_case_summary_get_updated (summary));
  g_object_get (page_widget ("nutrition", "nutrition-chart"), "n-points", &n_points, NULL);
  /* the demo's eight weights, each judged against the obese band */
  g_assert_cmpuint (before->len, ==, 8);
  g_assert_cmpuint (n_points, ==, 8);

  /* Bad input: a message at the field, nothing written */
  set_entry ("nutrition-weight-entry", "62,4");
  press ("nutrition-weight-button");
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (error_label)), ==,
                   "“62,4” is not a weight: enter a number of kg, e.g. 62.4");
  set_entry ("nutrition-weight-entry", "62.4");
  set_entry ("nutrition-weight-date", "2099-01-01");
  press ("nutrition-weight-button");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (error_label)), ==,
                   "The date is in the future: a measurement is recorded when it was taken");
  after = stored_observations (HZ_LOINC_BODY_WEIGHT);
  g_assert_cmpuint (after->len, ==, before->len);
  g_clear_pointer (&after, g_ptr_array_unref);

  /* The weight, today */
  set_entry ("nutrition-weight-date", today);
  press ("nutrition-weight-button");
  n_weights_wanted = before->len + 1;
  g_assert_true (hz_test_wait_until (weights_stored, NULL));
  g_assert_false (gtk_widget_get_visible (error_label));

  /* Read back: the exact value, kg, today, the team tag, the patient */
  after = stored_observations (HZ_LOINC_BODY_WEIGHT);
  for (guint i = 0; i < after->len; i++)
    {
      JsonObject *o = g_ptr_array_index (after, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (o, "effectiveDateTime", ""), today) == 0)
        added = o;
    }
  g_assert_nonnull (added);
  value = value_text (added);
  g_assert_cmpstr (value, ==, "62.4");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (added, "valueQuantity"), "code"), ==, "kg");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (added, "subject"), "reference"),
                   ==, "Patient/c3-patient");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (
                     json_object_get_object_member (added, "meta"), "tag"), 0), "code"), ==, "nutrition");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (added, "meta"), "versionId"), ==, "1");

  /* The chart: a ninth point, its text with the weight and the gain
   * (62.4 − 75.0 = −12.6 kg, below the band) */
  g_assert_true (hz_test_wait_until (chart_has_points, GUINT_TO_POINTER (9)));
  g_object_get (page_widget ("nutrition", "nutrition-chart"), "summary", &summary_text, NULL);
  g_test_message ("chart: %s", summary_text);
  g_assert_nonnull (strstr (summary_text, "62.4 kg · gain -12.6 kg · Gain below the recommended range"));

  /* The case list: the case's row was refreshed by the write */
  g_assert_true (hz_test_wait_until (case_list_updated, NULL));

  /* The timeline: the weight as an event, found by the timeline's search */
  adw_view_stack_set_visible_child_name (hz_case_workspace_get_view_stack (get_workspace ()), "timeline");
  search = find_search_entry (page_widget ("timeline", NULL));
  g_assert_nonnull (search);
  /* a weight the case does not have: nothing matches */
  g_assert_false (search_timeline (search, "99.9 kg"));
  /* the weight entered: its event is there */
  g_assert_true (search_timeline (search, "62.4 kg"));
  /* the nutrition source's own event: the gain has left the band below
   * (it was above since the second weight) */
  g_assert_false (search_timeline (search, "Weight gain xyzzy"));
  g_assert_true (search_timeline (search, "Weight gain below the recommended range"));
  /* the glucose log's readings judged by their target on the timeline */
  g_assert_false (search_timeline (search, "Above the treatment target xyzzy"));
  g_assert_true (search_timeline (search, "Above the treatment target: Glucose 2 h after a meal ≥ 6.7 mmol/L"));
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  adw_view_stack_set_visible_child_name (hz_case_workspace_get_view_stack (get_workspace ()), "nutrition");
}

/* --- the glucose log --------------------------------------------------------------- */

static guint n_glucose_wanted;

static gboolean
glucose_stored (gpointer data)
{
  g_autoptr(GPtrArray) readings = stored_observations (HZ_LOINC_GLUCOSE_CAPILLARY_2H_MEAL);

  return readings->len >= n_glucose_wanted;
}

typedef struct
{
  const char *needle;
  GtkWidget  *found;
} CellSearch;

/* The cell of the log whose tooltip holds @needle */
static void
find_cell (GtkWidget  *root,
           CellSearch *search)
{
  const char *tooltip = gtk_widget_get_tooltip_text (root);

  if (search->found != NULL)
    return;
  if (GTK_IS_BOX (root) && tooltip != NULL && strstr (tooltip, search->needle) != NULL)
    {
      search->found = root;
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    find_cell (child, search);
}

static gboolean
cell_shown (gpointer data)
{
  CellSearch *search = data;

  search->found = NULL;
  find_cell (page_widget ("nutrition", NULL), search);
  return search->found != NULL;
}

static void
select_slot (const char *title)
{
  GtkDropDown *slot = GTK_DROP_DOWN (page_widget ("nutrition", "nutrition-glucose-slot"));
  GListModel *titles = gtk_drop_down_get_model (slot);

  for (guint i = 0; i < g_list_model_get_n_items (titles); i++)
    {
      g_autoptr(GtkStringObject) s = g_list_model_get_item (titles, i);

      if (g_strcmp0 (gtk_string_object_get_string (s), title) == 0)
        {
          gtk_drop_down_set_selected (slot, i);
          return;
        }
    }
  g_assert_not_reached ();
}

static void
test_glucose (void)
{
  g_autoptr(GPtrArray) before = stored_observations (HZ_LOINC_GLUCOSE_CAPILLARY_2H_MEAL);
  g_autoptr(GPtrArray) after = NULL;
  g_autofree char *today = today_text ();
  GtkWidget *error_label = page_widget ("nutrition", "nutrition-glucose-error");
  CellSearch high = { "00:05 6.7 mmol/L", NULL };
  CellSearch on_target = { "00:06 6.6 mmol/L", NULL };
  gboolean seen_67 = FALSE, seen_66 = FALSE;

  /* the demo's week: 21 readings 2 h after a meal */
  g_assert_cmpuint (before->len, ==, 21);

  /* Not a number, out of range: refused at the field */
  select_slot ("2 h after lunch");
  set_entry ("nutrition-glucose-date", today);
  set_entry ("nutrition-glucose-time", "00:05");
  set_entry ("nutrition-glucose-entry", "abc");
  press ("nutrition-glucose-button");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (error_label)), ==,
                   "“abc” is not a glucose value: enter a number of mmol/L, e.g. 5.6");
  set_entry ("nutrition-glucose-entry", "33.4");
  press ("nutrition-glucose-button");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (error_label)), ==,
                   "A glucose of 33.4 mmol/L is not possible: give 1.0–33.3 mmol/L");
  set_entry ("nutrition-glucose-entry", "6.7");
  set_entry ("nutrition-glucose-time", "25:00");
  press ("nutrition-glucose-button");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (error_label)), ==,
                   "“25:00” is not a time: write it as HH:MM, e.g. 07:30");

  /* 6.7 two hours after lunch, 6.6 two hours after dinner (a minute past
   * midnight today: never in the future) */
  set_entry ("nutrition-glucose-time", "00:05");
  press ("nutrition-glucose-button");
  n_glucose_wanted = before->len + 1;
  g_assert_true (hz_test_wait_until (glucose_stored, NULL));
  g_assert_true (hz_test_wait_until (is_sensitive, page_widget ("nutrition", "nutrition-glucose-button")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (page_widget ("nutrition", "nutrition-glucose-entry"))), ==, "");
  select_slot ("2 h after dinner");
  set_entry ("nutrition-glucose-time", "00:06");
  set_entry ("nutrition-glucose-entry", "6.6");
  press ("nutrition-glucose-button");
  n_glucose_wanted = before->len + 2;
  if (!hz_test_wait_until (glucose_stored, NULL))
    g_error ("not stored: %s", gtk_label_get_text (GTK_LABEL (error_label)));

  /* Stored as the data model says: LOINC 14760-3 with the slot code, the
   * meal as a component, the value as typed */
  after = stored_observations (HZ_LOINC_GLUCOSE_CAPILLARY_2H_MEAL);
  for (guint i = 0; i < after->len; i++)
    {
      JsonObject *o = g_ptr_array_index (after, i);
      const char *when = json_object_get_string_member_with_default (o, "effectiveDateTime", "");
      g_autofree char *value = NULL;
      g_autoptr(HzResource) resource = NULL;
      HzGlucoseReading reading;

      if (!g_str_has_prefix (when, today))
        continue;
      value = value_text (o);
      resource = hz_resource_new (o);
      g_assert_true (hz_glucose_reading_read (hz_resource_get_value (resource), &reading));
      g_assert_cmpint (reading.slot, ==, HZ_GLUCOSE_SLOT_2H);
      if (g_strcmp0 (value, "6.7") == 0)
        {
          seen_67 = TRUE;
          g_assert_cmpint (reading.meal, ==, HZ_MEAL_LUNCH);
        }
      else if (g_strcmp0 (value, "6.6") == 0)
        {
          seen_66 = TRUE;
          g_assert_cmpint (reading.meal, ==, HZ_MEAL_DINNER);
        }
    }
  g_assert_true (seen_67);
  g_assert_true (seen_66);

  /* In the log: 6.7 flagged (colour, icon and the word), 6.6 not */
  g_assert_true (hz_test_wait_until (cell_shown, &on_target));
  g_assert_true (hz_test_wait_until (cell_shown, &high));
  /* both found with no main-loop turn between: the rows are current */
  g_assert_true (cell_shown (&on_target));
  g_test_message ("6.7: %s", gtk_widget_get_tooltip_text (high.found));
  g_assert_true (gtk_widget_has_css_class (high.found, "error"));
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_first_child (high.found)));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_widget_get_last_child (high.found))), ==, "High");
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (high.found),
                            "Above the treatment target: Glucose 2 h after a meal ≥ 6.7 mmol/L · "
                            "Source: Guideline for hyperglycaemia in pregnancy (2022)"));
  g_assert_false (gtk_widget_has_css_class (on_target.found, "error"));
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_first_child (on_target.found)));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (on_target.found), "on target (target < 6.7)"));
}

/* --- the advice -------------------------------------------------------------------- */

static guint n_versions_wanted;

static gboolean
advice_versions_shown (gpointer data)
{
  GtkWidget *history = page_widget ("nutrition", "nutrition-advice-history");
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (history)));

  return g_list_model_get_n_items (model) >= n_versions_wanted;
}

static void
write_advice (const char *text)
{
  GtkTextView *view = GTK_TEXT_VIEW (page_widget ("nutrition", "nutrition-advice-view"));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
  press ("nutrition-advice-save");
}

static void
test_advice (void)
{
  HzStore *store = get_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(HzResource) first = NULL;
  g_autoptr(HzResource) second = NULL;
  GtkWidget *meta = page_widget ("nutrition", "nutrition-advice-meta");
  GtkWidget *list = page_widget ("nutrition", "nutrition-advice-history");
  GListModel *versions = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
  g_autoptr(GtkStringObject) line = NULL;

  /* The demo's advice, version 1, by its nutritionist */
  g_assert_cmpuint (g_list_model_get_n_items (versions), ==, 1);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (meta)), "李文娟 主管营养师"));

  /* Empty: refused */
  write_advice ("   ");
  g_assert_true (gtk_widget_get_visible (page_widget ("nutrition", "nutrition-advice-error")));

  /* An edit, then another: each a new version of the same CarePlan */
  write_advice ("Breakfast: one egg, 250 ml milk, whole-grain bread.");
  n_versions_wanted = 2;
  if (!hz_test_wait_until (advice_versions_shown, NULL))
    g_error ("no second version: %s / %s", gtk_label_get_text (GTK_LABEL (page_widget ("nutrition", "nutrition-advice-error"))),
             gtk_label_get_text (GTK_LABEL (meta)));
  write_advice ("Breakfast: one egg, 250 ml milk, whole-grain bread. Walk 30 min after dinner.");
  n_versions_wanted = 3;
  g_assert_true (hz_test_wait_until (advice_versions_shown, NULL));

  history = hz_store_history (store, "CarePlan", "c3-careplan-diet-advice", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 3);
  g_assert_cmpstr (((HzStoreVersion *) history->pdata[2])->author, ==, "测试医生");

  first = hz_store_get_version (store, "CarePlan", "c3-careplan-diet-advice", 2, &error);
  g_assert_no_error (error);
  second = hz_store_get_version (store, "CarePlan", "c3-careplan-diet-advice", 3, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hz_jv_get_string (hz_resource_get_value (first), "description"), ==,
                   "Breakfast: one egg, 250 ml milk, whole-grain bread.");
  g_assert_cmpstr (hz_jv_get_string (hz_resource_get_value (second), "description"), ==,
                   "Breakfast: one egg, 250 ml milk, whole-grain bread. Walk 30 min after dinner.");
  g_assert_cmpstr (hz_jv_get_path_string (hz_resource_get_value (second), "author.display"), ==, "测试医生 主治医师");

  /* The page says who wrote the version shown, and lists them all */
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (meta)), "测试医生 主治医师"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (meta)), "version 3"));
  line = g_list_model_get_item (versions, 2);
  g_assert_true (g_str_has_prefix (gtk_string_object_get_string (line), "Version 3 · 测试医生 · "));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  hz_test_i18n_init (argc, argv);
  g_test_init (&argc, &argv, NULL);
  hz_test_app_setup ("huizhen-nutrition-XXXXXX");
  hz_test_app_seed_demo ();
  hz_test_app_activate ();

  hz_window_show_page_when_open (get_window (), "nutrition");
  hz_window_open_case (get_window (), CASE_ID);
  if (!hz_test_wait_until (nutrition_page_open, NULL))
    g_error ("the nutrition page of %s did not open", CASE_ID);

  g_test_add_func ("/huizhen/nutrition-page/weight", test_weight);
  g_test_add_func ("/huizhen/nutrition-page/glucose", test_glucose);
  g_test_add_func ("/huizhen/nutrition-page/advice", test_advice);

  ret = g_test_run ();
  hz_test_app_teardown ();

  return ret;
}
