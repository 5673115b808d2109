/* test-obstetrics-page.c — the obstetrics plugin in the real huizhen window
 *
 * Runs under Xvfb. The demo cases, dated for today, are in a temporary
 * database; the window opens a case on its Obstetrics page. The tests type
 * into the page's own fields and press its own buttons, then read what was
 * written back from the store (exact values and codes) and what the page,
 * the timeline page and the case list show.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-obstetrics"

#include "config.h"

#include <string.h>

#include <gmodule.h>
#include <hz-ui.h>

#include "hz-application.h"
#include "hz-case-row.h"
#include "hz-case-workspace.h"
#include "hz-test-app.h"
#include "hz-test-utils.h"
#include "hz-test-widgets.h"
#include "hz-window.h"

#define CASE_ID "c1-episode"


/* --- helpers ----------------------------------------------------------------- */

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

static GtkWidget *
get_page (const char *name)
{
  return hz_test_app_get_page (name);
}

static HzCase *
get_case (void)
{
  return hz_case_workspace_get_case (get_workspace ());
}

static HzStore *
get_store (void)
{
  return hz_window_get_store (get_window ());
}

static void
collect_by_type (GtkWidget *root,
                 GType      type,
                 GPtrArray *out)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    g_ptr_array_add (out, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_by_type (child, type, out);
}

static guint
count_named (GtkWidget  *root,
             const char *name)
{
  guint n = g_strcmp0 (gtk_widget_get_name (root), name) == 0 ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_named (child, name);
  return n;
}

static const char *
row_value (GtkWidget *row)
{
  GtkWidget *label = g_object_get_data (G_OBJECT (row), "hz-value-label");

  return label != NULL ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

static void
type_into (const char *entry_name,
           const char *text)
{
  GtkWidget *entry = hz_test_find_named (get_page ("obstetrics"), entry_name);

  g_assert_true (GTK_IS_EDITABLE (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

static void
click (const char *name)
{
  GtkWidget *button = hz_test_find_named (get_page ("obstetrics"), name);

  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static GtkWidget *
row_of_case (const char *case_id)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  GtkWidget *list_view = hz_test_find_named (GTK_WIDGET (get_window ()), "case-list-view");

  collect_by_type (list_view, HZ_TYPE_CASE_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      HzCaseSummary *summary = hz_case_row_get_summary (rows->pdata[i]);

      if (summary != NULL && g_strcmp0 (hz_case_summary_get_case_id (summary), case_id) == 0)
        return rows->pdata[i];
    }
  return NULL;
}

/* The resources of the case of @type, as the store holds them now */
static GPtrArray *
read_type (const char *type)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = hz_store_read_case (get_store (), CASE_ID, &error);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);

  g_assert_no_error (error);
  for (guint i = 0; i < all->len; i++)
    if (g_strcmp0 (hz_resource_get_resource_type (all->pdata[i]), type) == 0)
      g_ptr_array_add (out, g_object_ref (all->pdata[i]));
  return out;
}


/* --- conditions ------------------------------------------------------------- */

static gboolean
page_shown (gpointer data)
{
  HzCaseWorkspace *workspace = get_workspace ();

  return workspace != NULL && hz_case_workspace_get_loaded (workspace) &&
         g_strcmp0 (hz_case_workspace_get_case_id (workspace), CASE_ID) == 0 &&
         get_page ("obstetrics") != NULL &&
         g_strcmp0 (adw_view_stack_get_visible_child_name (hz_case_workspace_get_view_stack (workspace)),
                    "obstetrics") == 0;
}

static gboolean
row_value_is (gpointer data)
{
  const char * const *pair = data;
  GtkWidget *row = hz_test_find_named (get_page ("obstetrics"), pair[0]);

  return row != NULL && g_strcmp0 (row_value (row), pair[1]) == 0;
}

static gboolean
timeline_shows (gpointer data)
{
  return hz_test_timeline_has_event (get_page ("timeline"), data);
}

static gboolean
next_action_is (gpointer data)
{
  GtkWidget *row = row_of_case (CASE_ID);

  return row != NULL &&
         g_strcmp0 (hz_case_summary_get_next_action (hz_case_row_get_summary (HZ_CASE_ROW (row))), data) == 0 &&
         hz_test_has_label_containing (row, data);
}

static gboolean
badge_is (gpointer data)
{
  GtkWidget *row = row_of_case (CASE_ID);
  GtkWidget *badge = row != NULL ? hz_test_find_named (row, "risk-badge") : NULL;

  return badge != NULL && gtk_widget_has_css_class (badge, data) &&
         hz_case_summary_get_risk (hz_case_row_get_summary (HZ_CASE_ROW (row))) == HZ_RISK_ORANGE;
}

static gboolean
banner_shown (gpointer data)
{
  GtkWidget *banner = hz_test_find_named (get_page ("obstetrics"), "regrading-banner");

  return banner != NULL && hz_test_widget_is_shown (banner) == GPOINTER_TO_INT (data) &&
         gtk_info_bar_get_revealed (GTK_INFO_BAR (banner)) == GPOINTER_TO_INT (data);
}

static gboolean
n_type_is (gpointer data)
{
  const char * const *spec = data;
  g_autoptr(GPtrArray) found = read_type (spec[0]);
  GListModel *model = hz_case_get_resources (get_case (), spec[0]);

  /* in the store, and followed by the case's model */
  return found->len == (guint) atoi (spec[1]) && g_list_model_get_n_items (model) == found->len;
}

static gboolean
row_shown (gpointer data)
{
  GtkWidget *row = hz_test_find_named (get_page ("obstetrics"), data);

  return row != NULL && hz_test_widget_is_shown (row);
}

static gboolean
no_row_shown (gpointer data)
{
  return !row_shown (data);
}


/* Answers the dialog @name as a click on its button does: the response,
 * then the dialog goes */
static void
respond (const char *name,
         const char *answer)
{
  GtkWidget *dialog = hz_test_find_toplevel (name);

  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), answer);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static gboolean
dialog_gone (gpointer data)
{
  return hz_test_find_toplevel (data) == NULL;
}

/* --- JSON reading ------------------------------------------------------------- */

static const char *
loinc_of (HzResource *resource)
{
  return hz_fhir_jv_get_concept_code (hz_resource_get_value (resource), "code", HZ_SYSTEM_LOINC);
}

static double
quantity_of (const HzJv *object)
{
  double value = -1;

  g_assert_true (hz_jv_get_double (hz_jv_get (hz_jv_get_object (object, "valueQuantity"), "value"), &value));
  return value;
}

/* --- tests ------------------------------------------------------------------- */

static void
test_visit (void)
{
  g_autoptr(GPtrArray) before = read_type ("Observation");
  g_autoptr(GPtrArray) encounters_before = read_type ("Encounter");
  g_autoptr(GPtrArray) encounters = NULL;
  g_autoptr(GPtrArray) observations = NULL;
  g_autoptr(GPtrArray) appointments = NULL;
  GtkWidget *page = get_page ("obstetrics");
  GtkWidget *weight_row = hz_test_find_named (page, "visit-weight");
  GtkWidget *next_row = hz_test_find_named (page, "visit-next");
  HzResource *encounter = NULL;
  GDate today, tomorrow;
  g_autofree char *tomorrow_text = NULL;
  g_autofree char *expected_start = NULL;
  const char *weight_pair[] = { "latest-weight", "62.4 kg" };
  guint n_found = 0;

  hz_ga_get_today (&today);
  tomorrow = today;
  g_date_add_days (&tomorrow, 1);
  tomorrow_text = g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&tomorrow),
                                   g_date_get_month (&tomorrow), g_date_get_day (&tomorrow));

  /* Words, not codes, on the page */
  hz_test_assert_no_raw_codes (page);

  /* Bad input: a message at each field, nothing written */
  type_into ("visit-weight-entry", "6.24.0");
  g_assert_true (gtk_widget_has_css_class (weight_row, "error"));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (weight_row)), ==,
                   "Enter a weight from 30 to 200 kg, to 0.1 kg");
  type_into ("visit-systolic-entry", "118");
  type_into ("visit-diastolic-entry", "76");
  type_into ("visit-fetal-heart-entry", "156");
  type_into ("visit-next-entry", "2000-01-01");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (next_row)), ==,
                   "The next visit cannot be in the past");
  click ("visit-save-button");
  while (g_main_context_iteration (NULL, FALSE))
    ;
  {
    g_autoptr(GPtrArray) still = read_type ("Observation");

    g_assert_cmpuint (still->len, ==, before->len);
  }

  /* A good visit */
  type_into ("visit-weight-entry", "62.4");
  g_assert_false (gtk_widget_has_css_class (weight_row, "error"));
  type_into ("visit-next-entry", tomorrow_text);
  g_assert_false (gtk_widget_has_css_class (next_row, "error"));
  adw_combo_row_set_selected (ADW_COMBO_ROW (hz_test_find_named (page, "visit-oedema")), HZ_OEDEMA_ONE);
  adw_combo_row_set_selected (ADW_COMBO_ROW (hz_test_find_named (page, "visit-urine-protein")),
                              HZ_URINE_PROTEIN_TRACE);
  click ("visit-save-button");
  g_assert_true (hz_test_wait_until (row_value_is, weight_pair));

  /* Read back: one Encounter, its Observations, one Appointment */
  encounters = read_type ("Encounter");
  g_assert_cmpuint (encounters->len, ==, encounters_before->len + 1);
  for (guint i = 0; i < encounters->len; i++)
    if (g_str_has_prefix (hz_resource_get_id (encounters->pdata[i]), "visit-"))
      encounter = encounters->pdata[i];
  g_assert_nonnull (encounter);
  g_assert_cmpstr (hz_jv_get_path_string (hz_resource_get_value (encounter), "class.code"), ==, "AMB");
  g_assert_cmpstr (hz_fhir_jv_get_concept_text (hz_resource_get_value (encounter), "type"), ==, "产前检查");
  g_assert_cmpstr (hz_fhir_jv_get_team_tag (hz_resource_get_value (encounter)), ==, "obstetrics");

  observations = read_type ("Observation");
  g_assert_cmpuint (observations->len, ==, before->len + 5);  /* weight, BP, FHR, oedema, protein */
  for (guint i = 0; i < observations->len; i++)
    {
      HzResource *resource = observations->pdata[i];
      const HzJv *json = hz_resource_get_value (resource);
      const char *loinc = loinc_of (resource);

      if (g_strcmp0 (hz_jv_get_path_string (json, "encounter.reference"),
                     hz_resource_get_reference (encounter)) != 0)
        continue;
      n_found++;
      g_assert_cmpstr (hz_fhir_jv_get_team_tag (json), ==, "obstetrics");
      if (g_strcmp0 (loinc, "29463-7") == 0)
        {
          g_assert_cmpfloat (quantity_of (json), ==, 62.4);
          g_assert_cmpstr (hz_jv_get_path_string (json, "valueQuantity.code"), ==, "kg");
        }
      else if (g_strcmp0 (loinc, "85354-9") == 0)
        {
          const HzJv *systolic = hz_jv_get_element (hz_jv_get_array (json, "component"), 0);
          const HzJv *diastolic = hz_jv_get_element (hz_jv_get_array (json, "component"), 1);

          g_assert_cmpstr (hz_fhir_jv_get_concept_code (systolic, "code", HZ_SYSTEM_LOINC), ==, "8480-6");
          g_assert_cmpfloat (quantity_of (systolic), ==, 118);
          g_assert_cmpstr (hz_jv_get_path_string (systolic, "valueQuantity.code"), ==, "mm[Hg]");
          g_assert_cmpstr (hz_fhir_jv_get_concept_code (diastolic, "code", HZ_SYSTEM_LOINC), ==, "8462-4");
          g_assert_cmpfloat (quantity_of (diastolic), ==, 76);
        }
      else if (g_strcmp0 (loinc, "55283-6") == 0)
        {
          g_assert_cmpfloat (quantity_of (json), ==, 156);
          g_assert_cmpstr (hz_jv_get_path_string (json, "valueQuantity.code"), ==, "/min");
        }
      else if (g_strcmp0 (loinc, "45700-2") == 0)
        {
          g_assert_cmpstr (hz_jv_get_path_string (json, "valueCodeableConcept.text"), ==, "+");
          g_assert_cmpstr (hz_fhir_jv_get_concept_code (json, "valueCodeableConcept", HZ_SYSTEM_SNOMED), ==,
                           "420829009");
        }
      else if (g_strcmp0 (loinc, "20454-5") == 0)
        g_assert_cmpstr (hz_jv_get_path_string (json, "valueCodeableConcept.text"), ==, "±");
      else
        g_assert_not_reached ();
    }
  g_assert_cmpuint (n_found, ==, 5);

  appointments = read_type ("Appointment");
  expected_start = g_strdup_printf ("%sT08:30:00", tomorrow_text);
  n_found = 0;
  for (guint i = 0; i < appointments->len; i++)
    {
      const HzJv *json = hz_resource_get_value (appointments->pdata[i]);

      if (!g_str_has_prefix (hz_resource_get_id (appointments->pdata[i]), "visit-next-"))
        continue;
      n_found++;
      g_assert_cmpstr (hz_jv_get_string (json, "status"), ==, "booked");
      g_assert_true (g_str_has_prefix (hz_jv_get_string (json, "start"), expected_start));
      g_assert_cmpstr (hz_jv_get_string (json, "description"), ==, "Antenatal visit");
    }
  g_assert_cmpuint (n_found, ==, 1);

  /* The form is empty again; the page shows the visit's values */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (hz_test_find_named (page, "visit-weight-entry"))), ==, "");
  g_assert_cmpstr (row_value (hz_test_find_named (page, "latest-bp")), ==, "118/76 mmHg");
  g_assert_cmpstr (row_value (hz_test_find_named (page, "latest-fetal-heart")), ==, "156 beats/min");
  g_assert_cmpstr (row_value (hz_test_find_named (page, "latest-oedema")), ==, "+");

  /* The timeline page shows the weight */
  adw_view_stack_set_visible_child_name (hz_case_workspace_get_view_stack (get_workspace ()), "timeline");
  g_assert_true (hz_test_wait_until (timeline_shows, "62.4 kg"));
  /* what only the obstetrics source adds: the EDD on its day */
  g_assert_true (hz_test_wait_until (timeline_shows, "Estimated due date"));

  /* The case list's next action is the appointment */
  g_assert_true (hz_test_wait_until (next_action_is, "Antenatal visit"));

  adw_view_stack_set_visible_child_name (hz_case_workspace_get_view_stack (get_workspace ()), "obstetrics");
}

static void
test_grading (void)
{
  g_autoptr(GPtrArray) gradings_before = read_type ("RiskAssessment");
  g_autoptr(GPtrArray) tasks_before = read_type ("Task");
  g_autoptr(GPtrArray) gradings = NULL;
  g_autoptr(GPtrArray) tasks = NULL;
  g_autoptr(GPtrArray) old_texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(HzStore) other = NULL;
  g_autoptr(HzActor) actor = hz_actor_new ("另一写入者", HZ_TEAM_OBSTETRICS, NULL, NULL);
  g_autoptr(JsonObject) condition = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ticked = NULL;
  g_auto(GStrv) all = NULL;
  g_autofree char *n_gradings = g_strdup_printf ("%u", gradings_before->len + 1);
  g_autofree char *n_tasks = g_strdup_printf ("%u", tasks_before->len + 1);
  const char *grading_spec[] = { "RiskAssessment", n_gradings };
  const char *task_spec[] = { "Task", n_tasks };
  GtkWidget *page = get_page ("obstetrics");
  GtkWidget *banner_label;
  HzResource *grading = NULL;
  guint n_history;
  const HzJv *task;

  for (guint i = 0; i < gradings_before->len; i++)
    g_ptr_array_add (old_texts, hz_resource_to_string (gradings_before->pdata[i]));
  n_history = count_named (page, "grading-history-row");
  g_assert_cmpuint (n_history, ==, gradings_before->len);

  /* The data propose what was recorded: no banner */
  g_assert_true (banner_shown (GINT_TO_POINTER (FALSE)));

  /* Another writer records severe pre-eclampsia: re-grading is proposed */
  other = hz_store_new (hz_test_app_get_db_path (), &error);
  g_assert_no_error (error);
  hz_store_set_actor (other, actor);
  condition = hz_test_parse_object (
    "{\"resourceType\": \"Condition\", \"id\": \"c1-cond-severe-pe\","
    " \"clinicalStatus\": {\"coding\": [{\"system\": \"http://terminology.hl7.org/CodeSystem/condition-clinical\","
    " \"code\": \"active\"}]},"
    " \"code\": {\"coding\": [{\"system\": \"http://hl7.org/fhir/sid/icd-10\", \"code\": \"O14.100\"}],"
    " \"text\": \"重度子痫前期\"},"
    " \"subject\": {\"reference\": \"Patient/c1-patient\"}}");
  g_assert_true (hz_store_put (other, CASE_ID, condition, &error));
  g_assert_no_error (error);
  g_assert_true (hz_test_wait_until (banner_shown, GINT_TO_POINTER (TRUE)));
  banner_label = hz_test_find_named (page, "regrading-banner-label");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (banner_label)), "Orange"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (banner_label)), "Yellow"));

  /* The proposal shows the diagnosis with its source; tick a factor of the form */
  g_assert_true (hz_test_has_label_containing (page, "Diagnosis: 重度子痫前期 (O14.100)"));
  {
    GtkWidget *check = hz_test_find_named (page, "art-pregnancy");
    GtkWidget *found = hz_test_find_named (page, "severe-pre-eclampsia");

    g_assert_true (GTK_IS_CHECK_BUTTON (check));
    /* found in the data: ticked, not tickable */
    g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (found)));
    g_assert_false (gtk_widget_get_sensitive (found));
    gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
    gtk_check_button_set_active (GTK_CHECK_BUTTON (hz_test_find_named (page, "syphilis")), TRUE);
  }
  /* the highest colour, purple beside it */
  g_assert_cmpstr (row_value (hz_test_find_named (page, "grade-result-row")), ==, "Orange + purple");

  click ("record-grading-button");
  g_assert_true (hz_test_wait_until (n_type_is, grading_spec));

  /* A new RiskAssessment; the earlier ones unchanged */
  gradings = read_type ("RiskAssessment");
  for (guint i = 0; i < gradings->len; i++)
    if (g_str_has_prefix (hz_resource_get_id (gradings->pdata[i]), "risk-"))
      grading = gradings->pdata[i];
    else
      {
        g_autofree char *text = hz_resource_to_string (gradings->pdata[i]);
        gboolean same = FALSE;

        for (guint j = 0; j < old_texts->len; j++)
          same |= g_strcmp0 (old_texts->pdata[j], text) == 0;
        g_assert_true (same);
      }
  g_assert_nonnull (grading);
  g_assert_cmpint (hz_risk_assessment_get_colour (hz_resource_get_value (grading)), ==, HZ_RISK_ORANGE);
  g_assert_cmpstr (hz_jv_get_path_string (hz_resource_get_value (grading), "performer.display"), ==,
                   "测试医生 主治医师 (测试医院)");
  g_assert_cmpstr (hz_fhir_jv_get_team_tag (hz_resource_get_value (grading)), ==, "obstetrics");
  ticked = hz_risk_assessment_dup_factor_codes (hz_resource_get_value (grading), TRUE);
  all = hz_risk_assessment_dup_factor_codes (hz_resource_get_value (grading), FALSE);
  g_assert_cmpstrv (ticked, ((const char * const[]) { "art-pregnancy", "syphilis", NULL }));
  g_assert_cmpstrv (all, ((const char * const[]) { "age-35-or-older", "severe-pre-eclampsia",
                                                    "art-pregnancy", "syphilis", NULL }));

  /* Orange: the MDT and referral are asked for: a Task on the case, due
   * within 72 hours; the referral plugin is loaded, so its page is offered */
  g_assert_true (hz_test_wait_until (hz_test_toplevel_shown, "obstetrics-followup-dialog"));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (hz_test_find_toplevel ("obstetrics-followup-dialog")),
                                                  "open"));

  respond ("obstetrics-followup-dialog", "ok");
  g_assert_true (hz_test_wait_until (dialog_gone, "obstetrics-followup-dialog"));
  g_assert_true (hz_test_wait_until (n_type_is, task_spec));
  tasks = read_type ("Task");
  task = NULL;
  for (guint i = 0; i < tasks->len; i++)
    if (g_str_has_prefix (hz_resource_get_id (tasks->pdata[i]), "task-mdt-"))
      task = hz_resource_get_value (tasks->pdata[i]);
  g_assert_nonnull (task);
  g_assert_cmpstr (hz_jv_get_string (task, "status"), ==, "requested");
  g_assert_cmpstr (hz_fhir_jv_get_concept_text (task, "code"), ==, "Arrange an MDT and a referral");
  {
    g_autofree char *focus = g_strdup_printf ("RiskAssessment/%s", hz_resource_get_id (grading));
    g_autoptr(GDateTime) authored = hz_fhir_parse_datetime (hz_jv_get_string (task, "authoredOn"));
    g_autoptr(GDateTime) due = hz_fhir_parse_datetime (hz_jv_get_path_string (task, "restriction.period.end"));

    g_assert_cmpstr (hz_jv_get_path_string (task, "focus.reference"), ==, focus);
    g_assert_cmpint (g_date_time_difference (due, authored), ==, 72 * G_TIME_SPAN_HOUR);
  }

  /* The page: no banner, one more history row; the case list: orange */
  g_assert_true (hz_test_wait_until (banner_shown, GINT_TO_POINTER (FALSE)));
  g_assert_cmpuint (count_named (page, "grading-history-row"), ==, n_history + 1);
  g_assert_cmpstr (row_value (hz_test_find_named (page, "current-grade-row")), ==, "Orange + purple");
  g_assert_true (hz_test_wait_until (badge_is, "risk-orange"));

  /* The purple mark, closed with a confirmation: a new version, inactive */
  {
    const char *flag_spec[] = { "purple-flag-row", NULL };
    g_autoptr(GPtrArray) flags = NULL;
    g_autoptr(GPtrArray) versions = NULL;
    HzResource *flag = NULL;

    g_assert_true (hz_test_wait_until (row_shown, (gpointer) flag_spec[0]));
    click ("close-flag-button");
    g_assert_true (hz_test_wait_until (hz_test_toplevel_shown, "obstetrics-close-flag-dialog"));
    respond ("obstetrics-close-flag-dialog", "close");
    g_assert_true (hz_test_wait_until (no_row_shown, (gpointer) flag_spec[0]));
    flags = read_type ("Flag");
    for (guint i = 0; i < flags->len; i++)
      if (g_str_has_prefix (hz_resource_get_id (flags->pdata[i]), "flag-purple-"))
        flag = flags->pdata[i];
    g_assert_nonnull (flag);
    g_assert_cmpstr (hz_jv_get_string (hz_resource_get_value (flag), "status"), ==, "inactive");
    g_assert_nonnull (hz_jv_get_path_string (hz_resource_get_value (flag), "period.end"));
    versions = hz_store_history (get_store (), "Flag", hz_resource_get_id (flag), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (versions->len, ==, 2);
  }
}

/* The LMP corrected from the page: a new version of the same Observation,
 * the dating rows follow; a CRL out of range is refused at its field */
static void
test_dating (void)
{
  GtkWidget *page = get_page ("obstetrics");
  GtkWidget *lmp_input = hz_test_find_named (page, "lmp-input");
  GtkWidget *crl_input = hz_test_find_named (page, "crl-mm-input");
  HzDating dating;
  GDate corrected;
  g_autofree char *typed = NULL;
  g_autofree char *shown = NULL;
  g_autoptr(GPtrArray) lmps = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GError) error = NULL;
  const char *pair[2] = { "lmp-row", NULL };
  HzResource *lmp;

  hz_case_get_dating (get_case (), &dating);
  g_assert_true (dating.has_reported_lmp);
  corrected = dating.reported_lmp;
  g_date_subtract_days (&corrected, 3);
  typed = g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&corrected), g_date_get_month (&corrected),
                           g_date_get_day (&corrected));
  shown = hz_ui_format_gdate (&corrected);

  type_into ("lmp-input-entry", "2026-13-01");
  click ("lmp-save-button");
  g_assert_true (gtk_widget_has_css_class (lmp_input, "error"));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (lmp_input)), ==,
                   "Enter the LMP as a date, YYYY-MM-DD");

  type_into ("lmp-input-entry", typed);
  click ("lmp-save-button");
  pair[1] = shown;
  g_assert_true (hz_test_wait_until (row_value_is, pair));
  g_assert_false (gtk_widget_has_css_class (lmp_input, "error"));

  lmps = hz_case_find_observations (get_case (), HZ_LOINC_LMP);
  g_assert_cmpuint (lmps->len, ==, 1);
  lmp = lmps->pdata[0];
  g_assert_cmpstr (hz_jv_get_string (hz_resource_get_value (lmp), "valueDateTime"), ==, typed);
  g_assert_cmpstr (hz_jv_get_string (hz_resource_get_value (lmp), "status"), ==, "corrected");
  versions = hz_store_history (get_store (), "Observation", hz_resource_get_id (lmp), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (versions->len, ==, 2);

  type_into ("crl-mm-input-entry", "6");
  type_into ("crl-date-input-entry", typed);
  click ("crl-save-button");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (crl_input)), ==, "Enter a CRL from 7 to 84 mm");
}

/* hz_save_bundle_async: one transaction; a resource changed meanwhile
 * by another writer brings the conflict dialog, and nothing is written
 * until the clinician answers */
typedef struct
{
  gboolean      done;
  HzSaveOutcome outcome;
} SaveResult;

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  SaveResult *save = user_data;

  save->outcome = hz_save_bundle_finish (result, NULL);
  save->done = TRUE;
}

static gboolean
save_done (gpointer data)
{
  return ((SaveResult *) data)->done;
}

static void
save_with_conflict (const char *answer,
                    const char *new_id,
                    const char *my_value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HzStore) other = hz_store_new (hz_test_app_get_db_path (), &error);
  g_autoptr(HzActor) actor = hz_actor_new ("另一写入者", HZ_TEAM_OBSTETRICS, NULL, NULL);
  g_autoptr(GPtrArray) lmps = hz_case_find_observations (get_case (), HZ_LOINC_LMP);
  /* a copy: the case's models replace their resources as the store changes */
  g_autofree char *lmp_id = g_strdup (hz_resource_get_id (lmps->pdata[0]));
  g_autoptr(JsonObject) theirs = hz_test_store_get_json (get_store (), "Observation", lmp_id, &error);
  g_autoptr(JsonObject) mine = NULL;
  g_autoptr(JsonObject) added = NULL;
  g_autoptr(GPtrArray) resources = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(HzResource) after = NULL;
  g_autoptr(HzResource) extra = NULL;
  g_autofree char *added_json = NULL;
  SaveResult save = { FALSE, HZ_SAVE_FAILED };

  g_assert_no_error (error);
  mine = hz_test_store_get_json (get_store (), "Observation", lmp_id, &error);
  g_assert_no_error (error);
  hz_store_set_actor (other, actor);
  /* the other writer moves the LMP on */
  json_object_set_string_member (theirs, "status", "amended");
  json_object_set_string_member (theirs, "issued", g_str_equal (answer, "discard") ? "2026-01-10T08:00:00+08:00"
                                                                                  : "2026-01-11T08:00:00+08:00");
  g_assert_true (hz_store_put (other, CASE_ID, theirs, &error));
  g_assert_no_error (error);

  json_object_set_string_member (mine, "valueDateTime", my_value);
  added_json = g_strdup_printf ("{\"resourceType\": \"Observation\", \"id\": \"%s\", \"status\": \"final\","
                                " \"code\": {\"coding\": [{\"system\": \"http://loinc.org\", \"code\": \"29463-7\"}]},"
                                " \"effectiveDateTime\": \"2026-01-01\","
                                " \"valueQuantity\": {\"value\": 60, \"unit\": \"kg\", \"code\": \"kg\"}}", new_id);
  added = hz_test_parse_object (added_json);
  g_ptr_array_add (resources, json_object_ref (added));
  g_ptr_array_add (resources, json_object_ref (mine));

  hz_save_bundle_async (get_page ("obstetrics"), get_store (), CASE_ID, resources, NULL, on_saved, &save);
  g_assert_true (hz_test_wait_until (hz_test_toplevel_shown, "save-conflict-dialog"));
  g_assert_false (save.done);
  /* all or nothing: the new one is not written before the answer */
  g_assert_null (hz_store_get (get_store (), "Observation", new_id, NULL));
  respond ("save-conflict-dialog", answer);
  g_assert_true (hz_test_wait_until (dialog_gone, "save-conflict-dialog"));
  g_assert_true (hz_test_wait_until (save_done, &save));

  after = hz_store_get (get_store (), "Observation", lmp_id, &error);
  extra = hz_store_get (get_store (), "Observation", new_id, NULL);
  if (g_str_equal (answer, "keep-mine"))
    {
      g_assert_cmpint (save.outcome, ==, HZ_SAVE_SAVED);
      g_assert_cmpstr (hz_jv_get_string (hz_resource_get_value (after), "valueDateTime"), ==, my_value);
      g_assert_nonnull (extra);
    }
  else
    {
      g_assert_cmpint (save.outcome, ==, HZ_SAVE_DISCARDED);
      g_assert_cmpstr (hz_jv_get_string (hz_resource_get_value (after), "status"), ==, "amended");
      g_assert_null (extra);
    }
}

static void
test_save_conflict (void)
{
  save_with_conflict ("discard", "conflict-discarded", "2026-01-02");
  save_with_conflict ("keep-mine", "conflict-kept", "2026-01-03");
}

/* The delivery and the newborn's link: refused at 11 weeks (a loss, not a
 * birth), then recorded on a case at 30 weeks in one transaction, and shown
 * with the newborn's referral to paediatrics */
static gboolean
case_page_shown (gpointer data)
{
  HzCaseWorkspace *workspace = get_workspace ();

  return workspace != NULL && hz_case_workspace_get_loaded (workspace) &&
         g_strcmp0 (hz_case_workspace_get_case_id (workspace), data) == 0 &&
         get_page ("obstetrics") != NULL;
}

static gboolean
newborn_row_shown (gpointer data)
{
  GtkWidget *row = hz_test_find_named (get_page ("obstetrics"), "newborn-row");

  return row != NULL && hz_test_widget_is_shown (row) && row_value (row) != NULL &&
         g_str_has_prefix (row_value (row), data);
}

static void
test_delivery (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) birth = g_date_time_add_hours (now, -2);
  g_autofree char *birth_text = g_date_time_format (birth, "%Y-%m-%d %H:%M");
  g_autoptr(GPtrArray) patients_before = read_type ("Patient");
  GtkWidget *page = get_page ("obstetrics");
  GtkWidget *time_row = hz_test_find_named (page, "delivery-time");
  GtkWidget *row;
  const char *subtitle;

  g_assert_true (hz_test_widget_is_shown (time_row));
  g_assert_false (hz_test_widget_is_shown (hz_test_find_named (page, "delivered-row")));

  /* 12 weeks by the CRL (demo case c1): a pregnancy loss, not a birth; nothing written */
  type_into ("delivery-time-entry", birth_text);
  type_into ("delivery-birth-weight-entry", "3150");
  click ("delivery-save-button");
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_true (gtk_widget_has_css_class (time_row, "error"));
  subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (time_row));
  g_assert_true (g_str_has_prefix (subtitle, "At 1"));  /* 12w6d by the CRL */
  g_assert_nonnull (strstr (subtitle, "this is a pregnancy loss, not a birth: record it on the reproductive page"));
  {
    g_autoptr(GPtrArray) patients = read_type ("Patient");

    g_assert_cmpuint (patients->len, ==, patients_before->len);
  }

  /* 30 weeks (demo case c3): recorded */
  hz_window_show_page_when_open (get_window (), "obstetrics");
  hz_window_open_case (get_window (), "c3-episode");
  g_assert_true (hz_test_wait_until (case_page_shown, (gpointer) "c3-episode"));
  page = get_page ("obstetrics");
  type_into ("delivery-time-entry", birth_text);
  type_into ("delivery-birth-weight-entry", "3150");
  type_into ("delivery-apgar-1-entry", "9");
  type_into ("delivery-apgar-5-entry", "10");
  adw_combo_row_set_selected (ADW_COMBO_ROW (hz_test_find_named (page, "delivery-sex")), HZ_NEWBORN_MALE);
  adw_combo_row_set_selected (ADW_COMBO_ROW (hz_test_find_named (page, "delivery-link")), HZ_NEWBORN_LINK_NICU);
  click ("delivery-save-button");
  if (!hz_test_wait_until (newborn_row_shown, (gpointer) "NICU admission · Requested · due "))
    {
      row = hz_test_find_named (page, "newborn-row");
      g_test_message ("time: %s; newborn row: %s", adw_action_row_get_subtitle (ADW_ACTION_ROW (hz_test_find_named (page, "delivery-time"))),
                      row != NULL ? row_value (row) : "(none)");
      g_assert_not_reached ();
    }

  row = hz_test_find_named (page, "newborn-row");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Son of 刘海燕");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Boy · 3150 g · Apgar 9/10");
  /* the form gives way to what was recorded */
  g_assert_false (hz_test_widget_is_shown (hz_test_find_named (page, "delivery-time")));
  g_assert_true (hz_test_widget_is_shown (hz_test_find_named (page, "delivered-row")));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (hz_test_find_named (page, "delivered-row"))),
                            "At 3"));

  /* read back: the newborn names its mother, in her case */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) all = hz_store_read_case (get_store (), "c3-episode", &error);
    guint n_newborns = 0;

    g_assert_no_error (error);
    for (guint i = 0; i < all->len; i++)
      {
        const HzJv *json = hz_resource_get_value (all->pdata[i]);
        HzJv *mother = hz_fhir_jv_get_extension (json, HZ_EXTENSION_MOTHER);

        if (mother == NULL)
          continue;
        n_newborns++;
        g_assert_cmpstr (hz_jv_get_string (json, "gender"), ==, "male");
        g_assert_cmpstr (hz_jv_get_path_string (mother, "valueReference.reference"), ==,
                         hz_resource_get_reference (hz_case_get_patient (get_case ())));
      }
    g_assert_cmpuint (n_newborns, ==, 1);
  }

  /* back to the case the other tests work on */
  hz_window_show_page_when_open (get_window (), "obstetrics");
  hz_window_open_case (get_window (), CASE_ID);
  g_assert_true (hz_test_wait_until (page_shown, NULL));
}

/* In Chinese: the clinicians' terms, full-width punctuation, no code shown
 * for a word */
static void
test_terms_zh_cn (void)
{
  GtkWidget *page;

  if (!hz_test_run_in_zh_cn ())
    return;

  page = get_page ("obstetrics");
  hz_test_assert_full_width_punctuation (page);
  hz_test_assert_no_raw_codes (page);
  g_assert_true (hz_test_has_label_containing (page, "妊娠风险五色分级"));
  g_assert_true (hz_test_has_label_containing (page, "今日孕周"));
  g_assert_true (hz_test_has_label_containing (page, "《孕产妇妊娠风险评估与管理工作规范》（国卫办妇幼发〔2017〕35号）"));
  g_assert_true (hz_test_has_label_containing (page, "产前检查"));
  g_assert_true (hz_test_has_label_containing (page, "分娩与新生儿"));
  g_assert_true (hz_test_has_label_containing (page, "新生儿家庭访视须在7天内完成"));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  hz_test_i18n_init (argc, argv);
  g_test_init (&argc, &argv, NULL);
  hz_test_app_setup ("huizhen-obstetrics-XXXXXX");
  hz_test_app_seed_demo ();
  hz_test_app_activate ();

  hz_window_show_page_when_open (get_window (), "obstetrics");
  hz_window_open_case (get_window (), CASE_ID);
  g_assert_true (hz_test_wait_until (page_shown, NULL));

  /* first: it needs case c1 as the demo has it (12 weeks) */
  g_test_add_func ("/huizhen/obstetrics-page/delivery", test_delivery);
  g_test_add_func ("/huizhen/obstetrics-page/visit", test_visit);
  g_test_add_func ("/huizhen/obstetrics-page/grading", test_grading);
  g_test_add_func ("/huizhen/obstetrics-page/dating", test_dating);
  g_test_add_func ("/huizhen/obstetrics-page/save-conflict", test_save_conflict);
  g_test_add_func ("/huizhen/obstetrics-page/terms/zh_CN", test_terms_zh_cn);

  ret = g_test_run ();
  hz_test_app_teardown ();

  return ret;
}
