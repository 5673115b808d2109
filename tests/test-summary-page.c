/* test-summary-page.c — the built-in summary plugin in a workspace (GTK, needs a display)
 *
 * A minimal HzWorkspace hosts the plugin's HzWorkspaceAddin, as the shell
 * does; the test reads the rows of the Summary page, changes the case
 * through the store and sees the page follow.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <hz-ui.h>

#include "hz-test-utils.h"
#include "hz-test-widgets.h"
#include "hz-test-workspace.h"

#define CASE_ID "cli-case-1"

/* Helpers --------------------------------------------------------------- */

/* Every AdwActionRow under @widget as "title|subtitle|value" lines */
static void
collect_rows (GtkWidget *widget,
              GString   *text)
{
  if (ADW_IS_ACTION_ROW (widget))
    {
      GtkWidget *value = g_object_get_data (G_OBJECT (widget), "hz-value-label");
      const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (widget));

      g_string_append_printf (text, "%s|%s|%s\n",
                              adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)),
                              subtitle != NULL ? subtitle : "",
                              value != NULL ? gtk_label_get_text (GTK_LABEL (value)) : "");
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, text);
}

static char *
page_rows (HzTestWorkspace *workspace)
{
  GString *text = g_string_new (NULL);

  collect_rows (workspace->page, text);
  g_test_message ("%s", text->str);

  return g_string_free (text, FALSE);
}

static void
on_case_changed (HzCase             *kase,
                 const char * const *types,
                 guint              *count)
{
  (*count)++;
}

static void
on_extension_added (PeasExtensionSet *set,
                    PeasPluginInfo   *info,
                    PeasExtension    *extension,
                    HzWorkspace      *workspace)
{
  hz_workspace_addin_load (HZ_WORKSPACE_ADDIN (extension), workspace);
}

static void
on_extension_removed (PeasExtensionSet *set,
                      PeasPluginInfo   *info,
                      PeasExtension    *extension,
                      HzWorkspace      *workspace)
{
  hz_workspace_addin_unload (HZ_WORKSPACE_ADDIN (extension), workspace);
}

static void
unload_addin (PeasExtensionSet *set,
              PeasPluginInfo   *info,
              PeasExtension    *extension,
              gpointer          workspace)
{
  hz_workspace_addin_unload (HZ_WORKSPACE_ADDIN (extension), workspace);
}

/* A workspace with the summary plugin loaded on the fixture case --------- */

typedef struct
{
  char             *dir;
  HzStore          *store;
  HzCase           *kase;
  HzTestWorkspace  *workspace;
  GtkWidget        *window;
  PeasExtensionSet *set;
  guint             changed;
} Fixture;

/* A past appointment, still "booked": nobody confirmed it took place */
static const char past_appointment[] =
  "{\"resourceType\": \"Appointment\", \"id\": \"cli-past-visit\", \"status\": \"booked\","
  " \"description\": \"产前检查（过去）\", \"start\": \"2024-05-20T09:00:00+08:00\","
  " \"participant\": [{\"actor\": {\"reference\": \"Patient/cli-patient-1\"}, \"status\": \"accepted\"}]}";

static void
fixture_set_up (Fixture *fixture,
                gboolean with_past_appointment)
{
  HzPluginEngine *engine = hz_plugin_engine_get_default ();
  g_autoptr(GError) error = NULL;
  g_autoptr(HzActor) actor = hz_actor_new ("界面测试", HZ_TEAM_OBSTETRICS, NULL, NULL);
  g_auto(GStrv) case_ids = NULL;
  PeasPluginInfo *info;

  fixture->dir = hz_test_make_tmp_dir ("hz-test-summary-XXXXXX");
  fixture->store = hz_test_store_new (fixture->dir, actor);
  case_ids = hz_test_import_fixture (fixture->store, "cli-good.json");
  g_assert_true (g_strv_contains ((const char * const *) case_ids, CASE_ID));
  if (with_past_appointment)
    {
      g_autoptr(JsonObject) appointment = hz_test_parse_object (past_appointment);

      g_assert_true (hz_store_put (fixture->store, CASE_ID, appointment, &error));
      g_assert_no_error (error);
    }

  fixture->kase = hz_case_load (fixture->store, CASE_ID, &error);
  g_assert_no_error (error);
  fixture->workspace = hz_test_workspace_new (fixture->kase);
  g_signal_connect (fixture->kase, "changed", G_CALLBACK (on_case_changed), &fixture->changed);

  fixture->window = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (fixture->window), "Summary test");
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 900, 700);
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->workspace));
  gtk_window_present (GTK_WINDOW (fixture->window));

  /* The built-in plugins load as the shell loads them */
  hz_plugin_engine_load_active (engine, NULL);
  info = peas_engine_get_plugin_info (hz_plugin_engine_get_peas (engine), "summary");
  g_assert_nonnull (info);
  g_assert_true (peas_plugin_info_is_loaded (info));

  fixture->set = peas_extension_set_new (hz_plugin_engine_get_peas (engine), HZ_TYPE_WORKSPACE_ADDIN, NULL);
  g_signal_connect (fixture->set, "extension-added", G_CALLBACK (on_extension_added), fixture->workspace);
  g_signal_connect (fixture->set, "extension-removed", G_CALLBACK (on_extension_removed), fixture->workspace);
  hz_workspace_addin_load (HZ_WORKSPACE_ADDIN (peas_extension_set_get_extension (fixture->set, info)),
                           HZ_WORKSPACE (fixture->workspace));
  g_assert_nonnull (fixture->workspace->page);
}

static void
fixture_tear_down (Fixture *fixture)
{
  peas_extension_set_foreach (fixture->set, unload_addin, fixture->workspace);
  g_clear_object (&fixture->set);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->kase);
  g_clear_object (&fixture->store);
  hz_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* Writes @resource (read from the store, so with its version) back
 * changed, and waits for the case to follow */
static void
put_and_wait (Fixture    *fixture,
              JsonObject *resource)
{
  g_autoptr(GError) error = NULL;
  guint before = fixture->changed;

  g_assert_true (hz_store_put (fixture->store, CASE_ID, resource, &error));
  g_assert_no_error (error);
  hz_test_wait_for (&fixture->changed, before + 1);
}

static const char *
row_value (GtkWidget *row)
{
  GtkWidget *value = g_object_get_data (G_OBJECT (row), "hz-value-label");

  return value != NULL && gtk_widget_get_visible (value) ? gtk_label_get_text (GTK_LABEL (value)) : "";
}

/* The tests ------------------------------------------------------------- */

/* The page shows what the patient panel does not: results, problems,
 * plans, what is to do, appointments; never who she is, the dating, the
 * grade or the flags (the shell's header has them) */
static void
test_summary_page (void)
{
  static const char * const panel_facts[] = {
    "李梅", "4328", "MRN-2024-0042", "G3P1", "乙肝表面抗原阳性", "瘢痕子宫; ",
  };
  static const char * const panel_fields[] = { "Age", "Medical record number", "Due date", "Flags" };
  /* in the order a clinician reads them */
  static const char * const groups[] = {
    "Latest results", "Active problems", "Plans", "To do", "Appointments",
  };
  Fixture fixture = { 0 };
  g_autofree char *rows = NULL;
  GtkWidget *page;
  GtkWidget *panel;
  HzDating dating;

  fixture_set_up (&fixture, TRUE);
  page = fixture.workspace->page;
  g_assert_cmpstr (fixture.workspace->page_name, ==, "summary");
  g_assert_cmpstr (fixture.workspace->page_title, ==, "Summary");
  g_assert_cmpint (fixture.workspace->page_priority, ==, 0);
  g_assert_cmpuint (fixture.workspace->panels->len, ==, 1);
  panel = fixture.workspace->panels->pdata[0];

  rows = page_rows (fixture.workspace);

  /* The groups */
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    g_assert_cmpuint (hz_test_count_label (page, groups[i]), ==, 1);

  /* Results with their units, problems, the open referral, appointments */
  g_assert_nonnull (strstr (rows, "Blood pressure|2024-05-06 · high|142/92 mmHg\n"));
  g_assert_nonnull (strstr (rows, "Weight|2024-05-06|62.5 kg\n"));
  g_assert_nonnull (strstr (rows, "|108 g/L\n"));
  g_assert_nonnull (strstr (rows, "瘢痕子宫|Since 2024-03-20 · "));
  g_assert_nonnull (strstr (rows, "妊娠期高血压|Since 2024-05-06|\n"));
  g_assert_nonnull (strstr (rows, "心理科会诊|测试妇幼保健院产科 → 测试妇幼保健院心理科|Active\n"));
  g_assert_nonnull (strstr (rows, "MDT 会诊|2030-06-03 14:00|Booked\n"));
  /* a day gone by, still booked */
  g_assert_nonnull (strstr (rows, "产前检查（过去）|2024-05-20 09:00|Appointment not confirmed\n"));
  g_assert_true (hz_test_has_label_containing (page, "No current plan"));

  /* Nothing of the panel: name, ID card, MRN, G/P, EDD, grade, flags */
  hz_case_get_dating (fixture.kase, &dating);
  {
    g_autofree char *edd = hz_ui_format_gdate (&dating.edd);
    g_autofree char *edd_iso = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&dating.edd),
                                                g_date_get_month (&dating.edd), g_date_get_day (&dating.edd));

    g_assert_false (hz_test_has_label_containing (page, edd));
    g_assert_false (hz_test_has_label_containing (page, edd_iso));
  }
  for (guint i = 0; i < G_N_ELEMENTS (panel_facts); i++)
    g_assert_false (hz_test_has_label_containing (page, panel_facts[i]));
  g_assert_false (hz_test_has_label_containing (page, hz_risk_colour_get_display_name (HZ_RISK_YELLOW)));
  for (guint i = 0; i < G_N_ELEMENTS (panel_fields); i++)
    g_assert_cmpuint (hz_test_count_label (page, panel_fields[i]), ==, 0);

  /* The panel adds the basis of the grade and who graded, not the grade
   * or the flags (the header's) */
  g_assert_true (hz_test_has_label_containing (panel, "瘢痕子宫; 妊娠期高血压，需复查"));
  g_assert_true (hz_test_has_label_containing (panel, "Graded by 王丽"));
  g_assert_false (hz_test_has_label_containing (panel, "乙肝表面抗原阳性"));
  g_assert_false (hz_test_has_label_containing (panel, hz_risk_colour_get_display_name (HZ_RISK_YELLOW)));

  /* Every coded value in words, never the code */
  hz_test_assert_no_raw_codes (GTK_WIDGET (fixture.workspace));

  /* Unloading takes the page and the panel away */
  peas_extension_set_foreach (fixture.set, unload_addin, fixture.workspace);
  g_assert_null (fixture.workspace->page);
  g_assert_cmpuint (fixture.workspace->panels->len, ==, 0);

  fixture_tear_down (&fixture);
}

/* A change updates what changed: an Observation written through the store
 * changes its result row's text, in the same widget; the rows the
 * Observation does not feed are the same widgets before and after. Rows
 * come and go only with what they show. */
static void
test_in_place (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) weight = NULL;
  g_autoptr(JsonObject) condition = NULL;
  GtkWidget *page;
  GtkWidget *scar_row, *htn_row, *weight_row, *bp_row, *referral_row, *visit_row, *panel_label;
  guint before;

  fixture_set_up (&fixture, FALSE);
  page = fixture.workspace->page;

  scar_row = hz_test_find_row (page, "瘢痕子宫");
  htn_row = hz_test_find_row (page, "妊娠期高血压");
  weight_row = hz_test_find_row (page, "Weight");
  bp_row = hz_test_find_row (page, "Blood pressure");
  referral_row = hz_test_find_row (page, "心理科会诊");
  visit_row = hz_test_find_row (page, "MDT 会诊");
  panel_label = hz_test_find_named (fixture.workspace->panels->pdata[0], "summary-risk-factors");
  g_assert_nonnull (scar_row);
  g_assert_nonnull (htn_row);
  g_assert_nonnull (weight_row);
  g_assert_nonnull (bp_row);
  g_assert_nonnull (referral_row);
  g_assert_nonnull (visit_row);
  g_assert_cmpstr (row_value (weight_row), ==, "62.5 kg");
  g_object_add_weak_pointer (G_OBJECT (scar_row), (gpointer *) &scar_row);
  g_object_add_weak_pointer (G_OBJECT (weight_row), (gpointer *) &weight_row);

  /* One Observation, with the version it was read at */
  weight = hz_test_store_get_json (fixture.store, "Observation", "cli-weight", &error);
  g_assert_no_error (error);
  json_object_set_double_member (json_object_get_object_member (weight, "valueQuantity"), "value", 63.4);
  put_and_wait (&fixture, weight);

  g_assert_true (hz_test_find_row (page, "Weight") == weight_row);
  g_assert_cmpstr (row_value (weight_row), ==, "63.4 kg");
  g_assert_true (hz_test_find_row (page, "Blood pressure") == bp_row);
  g_assert_true (hz_test_find_row (page, "瘢痕子宫") == scar_row);
  g_assert_true (hz_test_find_row (page, "妊娠期高血压") == htn_row);
  g_assert_true (hz_test_find_row (page, "心理科会诊") == referral_row);
  g_assert_true (hz_test_find_row (page, "MDT 会诊") == visit_row);
  g_assert_true (hz_test_find_named (fixture.workspace->panels->pdata[0], "summary-risk-factors") == panel_label);

  /* A Condition resolved: its row goes, the other stays as it was */
  condition = hz_test_store_get_json (fixture.store, "Condition", "cli-cond-htn", &error);
  g_assert_no_error (error);
  json_object_set_object_member (condition, "clinicalStatus",
                                 hz_test_parse_object ("{\"coding\": [{\"system\": "
                                                       "\"http://terminology.hl7.org/CodeSystem/condition-clinical\","
                                                       " \"code\": \"resolved\"}]}"));
  put_and_wait (&fixture, condition);
  g_assert_null (hz_test_find_row (page, "妊娠期高血压"));
  g_assert_true (hz_test_find_row (page, "瘢痕子宫") == scar_row);
  g_assert_true (hz_test_find_row (page, "Weight") == weight_row);

  /* The last one deleted: the group says there is none */
  before = fixture.changed;
  hz_store_delete (fixture.store, "Condition", "cli-cond-scar", HZ_STORE_ANY_VERSION, &error);
  g_assert_no_error (error);
  hz_test_wait_for (&fixture.changed, before + 1);
  g_assert_null (scar_row);
  g_assert_nonnull (weight_row);
  g_assert_true (hz_test_has_label_containing (page, "No active problems recorded"));

  g_object_remove_weak_pointer (G_OBJECT (weight_row), (gpointer *) &weight_row);
  fixture_tear_down (&fixture);
}

/* In Chinese: one word per concept (待办 for what is to do, 预约未确认 for
 * a past appointment nobody confirmed, never 已到期), full-width
 * punctuation, and no code */
static void
test_summary_page_zh_cn (void)
{
  Fixture fixture = { 0 };
  GtkWidget *workspace;

  if (!hz_test_run_in_zh_cn ())
    return;

  fixture_set_up (&fixture, TRUE);
  workspace = GTK_WIDGET (fixture.workspace);

  g_assert_cmpuint (hz_test_count_label (fixture.workspace->page, "待办"), ==, 1);
  g_assert_cmpuint (hz_test_count_label (fixture.workspace->page, "预约未确认"), ==, 1);
  g_assert_cmpuint (hz_test_count_label (fixture.workspace->page, "已预约"), ==, 1);
  g_assert_cmpuint (hz_test_count_label (fixture.workspace->page, "最新结果"), ==, 1);
  g_assert_false (hz_test_has_label_containing (workspace, "已到期"));
  g_assert_true (hz_test_has_label_containing (workspace, "瘢痕子宫；妊娠期高血压，需复查"));
  g_assert_true (hz_test_has_label_containing (workspace, "评级医生：王丽"));
  hz_test_assert_no_raw_codes (workspace);
  hz_test_assert_full_width_punctuation (workspace);

  fixture_tear_down (&fixture);
}

/* A save that conflicts: the dialog names who saved the other version;
 * "save mine on top" writes a new version and keeps the other in the
 * history, "discard mine" writes nothing. */
typedef struct
{
  gboolean      done;
  HzSaveOutcome outcome;
} SaveResult;

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  SaveResult *save = user_data;
  g_autoptr(GError) error = NULL;

  save->outcome = hz_save_resource_finish (result, &error);
  g_assert_no_error (error);
  save->done = TRUE;
}

/* keeps the main loop turning while a test waits on it */
static gboolean
keep_turning (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static AdwMessageDialog *
find_conflict_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* (transfer none) */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) &&
          g_strcmp0 (gtk_widget_get_name (GTK_WIDGET (window)), "save-conflict-dialog") == 0 &&
          gtk_widget_get_visible (GTK_WIDGET (window)) &&
          g_object_get_data (window, "hz-test-answered") == NULL)
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

static void
save_racing (HzStore    *store,
             HzStore    *other,
             GtkWidget  *parent,
             const char *response,
             const char *mine_status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) mine = hz_test_store_get_json (store, "Observation", "cli-weight", &error);
  g_autoptr(JsonObject) theirs = hz_test_store_get_json (other, "Observation", "cli-weight", &error);
  SaveResult result = { FALSE, HZ_SAVE_FAILED };
  AdwMessageDialog *dialog;
  guint tick = g_timeout_add (20, keep_turning, NULL);
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  json_object_set_string_member (theirs, "status", "amended");
  g_assert_true (hz_store_put (other, CASE_ID, theirs, &error));
  g_assert_no_error (error);

  json_object_set_string_member (mine, "status", mine_status);
  hz_save_resource_async (parent, store, CASE_ID, mine, NULL, save_cb, &result);
  while ((dialog = find_conflict_dialog ()) == NULL && !result.done &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "外院医生"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Observation/cli-weight"));
  /* the other version is shown: the field that differs, theirs and mine, in words */
  {
    g_autofree char *line = g_strdup_printf ("%s: theirs “%s”, yours “%s”",
                                             hz_fhir_field_get_display ("status"),
                                             hz_fhir_code_get_display ("amended"),
                                             hz_fhir_code_get_display (mine_status));

    g_test_message ("%s", adw_message_dialog_get_body (dialog));
    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), line));
  }
  g_object_set_data (G_OBJECT (dialog), "hz-test-answered", GINT_TO_POINTER (TRUE));
  adw_message_dialog_response (dialog, response);
  while (!result.done && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  g_assert_true (result.done);

  g_assert_cmpint (result.outcome, ==,
                   g_str_equal (response, "keep-mine") ? HZ_SAVE_SAVED : HZ_SAVE_DISCARDED);
}

static void
test_save_conflict (void)
{
  g_autofree char *dir = hz_test_make_tmp_dir ("hz-test-save-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "huizhen.db", NULL);
  g_autoptr(HzActor) actor = hz_actor_new ("王丽", HZ_TEAM_OBSTETRICS, NULL, NULL);
  g_autoptr(HzActor) other_actor = hz_actor_new ("外院医生", HZ_TEAM_OBSTETRICS, NULL, NULL);
  g_autoptr(HzStore) store = hz_test_store_new (dir, actor);
  g_autoptr(HzStore) other = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) case_ids = hz_test_import_fixture (store, "cli-good.json");
  g_autoptr(JsonObject) stored = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  GtkWidget *window = gtk_window_new ();

  other = hz_store_new (path, &error);
  g_assert_no_error (error);
  hz_store_set_actor (other, other_actor);
  gtk_window_present (GTK_WINDOW (window));

  /* keep mine: version 3 is mine, 2 (theirs) is in the history */
  save_racing (store, other, window, "keep-mine", "corrected");
  stored = hz_test_store_get_json (store, "Observation", "cli-weight", &error);
  g_assert_cmpstr (json_object_get_string_member (stored, "status"), ==, "corrected");
  versions = hz_store_history (store, "Observation", "cli-weight", &error);
  g_assert_cmpuint (versions->len, ==, 3);
  g_assert_cmpstr (((HzStoreVersion *) g_ptr_array_index (versions, 1))->author, ==, "外院医生");
  g_clear_pointer (&stored, json_object_unref);
  g_clear_pointer (&versions, g_ptr_array_unref);

  /* discard mine: theirs stays, nothing of mine is written */
  save_racing (store, other, window, "discard", "cancelled");
  stored = hz_test_store_get_json (store, "Observation", "cli-weight", &error);
  g_assert_cmpstr (json_object_get_string_member (stored, "status"), ==, "amended");
  versions = hz_store_history (store, "Observation", "cli-weight", &error);
  g_assert_cmpuint (versions->len, ==, 4);

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&other);
  g_clear_object (&store);
  hz_test_remove_tree (dir);
}

static void
test_no_display (void)
{
  /* never skipped: build-aux/dev runs the suite under Xvfb */
  g_test_message ("No display: run the ui suite under xvfb-run");
  g_test_fail ();
}

int
main (int   argc,
      char *argv[])
{
  hz_test_i18n_init (argc, argv);
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_add_func ("/huizhen/summary-page/rows", test_no_display);
      return g_test_run ();
    }

  adw_init ();
  hz_ui_init ();

  g_test_add_func ("/huizhen/summary-page/rows", test_summary_page);
  g_test_add_func ("/huizhen/summary-page/in-place", test_in_place);
  g_test_add_func ("/huizhen/summary-page/zh_CN", test_summary_page_zh_cn);
  g_test_add_func ("/huizhen/summary-page/save-conflict", test_save_conflict);

  return g_test_run ();
}
