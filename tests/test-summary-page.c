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

/* The test -------------------------------------------------------------- */

static void
test_summary_page (void)
{
  HzPluginEngine *engine = hz_plugin_engine_get_default ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_auto(GStrv) case_ids = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *masked = NULL;
  g_autoptr(HzStore) store = NULL;
  g_autoptr(HzCase) kase = NULL;
  g_autoptr(HzActor) actor = NULL;
  g_autoptr(PeasExtensionSet) set = NULL;
  PeasPluginInfo *info;
  HzTestWorkspace *workspace;
  GtkWidget *window;
  guint changed = 0;

  dir = hz_test_make_tmp_dir ("hz-test-summary-XXXXXX");
  actor = hz_actor_new ("界面测试", HZ_TEAM_OBSTETRICS, NULL, NULL);
  store = hz_test_store_new (dir, actor);
  case_ids = hz_test_import_fixture (store, "cli-good.json");
  g_assert_true (g_strv_contains ((const char * const *) case_ids, CASE_ID));

  kase = hz_case_load (store, CASE_ID, &error);
  g_assert_no_error (error);
  workspace = hz_test_workspace_new (kase);
  g_signal_connect (kase, "changed", G_CALLBACK (on_case_changed), &changed);

  window = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), "Summary test");
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (workspace));
  gtk_window_present (GTK_WINDOW (window));

  /* The built-in plugins load as the shell loads them */
  hz_plugin_engine_load_active (engine, NULL);
  info = peas_engine_get_plugin_info (hz_plugin_engine_get_peas (engine), "summary");
  g_assert_nonnull (info);
  g_assert_true (peas_plugin_info_is_loaded (info));

  set = peas_extension_set_new (hz_plugin_engine_get_peas (engine), HZ_TYPE_WORKSPACE_ADDIN, NULL);
  g_signal_connect (set, "extension-added", G_CALLBACK (on_extension_added), workspace);
  g_signal_connect (set, "extension-removed", G_CALLBACK (on_extension_removed), workspace);
  hz_workspace_addin_load (HZ_WORKSPACE_ADDIN (peas_extension_set_get_extension (set, info)),
                           HZ_WORKSPACE (workspace));

  g_assert_nonnull (workspace->page);
  g_assert_cmpstr (workspace->page_name, ==, "summary");
  g_assert_cmpstr (workspace->page_title, ==, "Summary");
  g_assert_cmpint (workspace->page_priority, ==, 0);
  g_assert_cmpuint (workspace->panels->len, ==, 1);

  rows = page_rows (workspace);

  /* Patient: name, ID card masked to its last four digits, MRN */
  g_assert_nonnull (strstr (rows, "李梅|"));
  masked = hz_ui_mask_id_card ("110105199108174328");
  g_assert_cmpstr (masked, ==, "****4328");
  g_assert_nonnull (strstr (rows, "ID card||****4328\n"));
  g_assert_null (strstr (rows, "110105199108174328"));
  g_assert_nonnull (strstr (rows, "MRN-2024-0042"));
  /* Pregnancy: G/P and the dating */
  g_assert_nonnull (strstr (rows, "|G3P1\n"));
  g_assert_nonnull (strstr (rows, hz_dating_method_get_display_name (HZ_DATING_LMP)));
  /* The latest grade with its factors */
  g_assert_nonnull (strstr (rows, hz_risk_colour_get_display_name (HZ_RISK_YELLOW)));
  g_assert_nonnull (strstr (rows, "瘢痕子宫; 妊娠期高血压，需复查"));
  /* Flags, conditions, results, open referral, upcoming appointment */
  g_assert_nonnull (strstr (rows, "乙肝表面抗原阳性|"));
  g_assert_nonnull (strstr (rows, "妊娠期高血压|"));
  g_assert_nonnull (strstr (rows, "|142/92 mmHg\n"));
  g_assert_nonnull (strstr (rows, "|62.5 kg\n"));
  g_assert_nonnull (strstr (rows, "|108 g/L\n"));
  g_assert_nonnull (strstr (rows, "心理科会诊|测试妇幼保健院产科 → 测试妇幼保健院心理科|Active\n"));
  g_assert_nonnull (strstr (rows, "MDT 会诊|"));
  g_assert_null (strstr (rows, "No conditions recorded"));
  g_clear_pointer (&rows, g_free);

  /* Deleting the conditions through the store empties that group */
  hz_store_delete (store, "Condition", "cli-cond-scar", HZ_STORE_ANY_VERSION, &error);
  g_assert_no_error (error);
  hz_store_delete (store, "Condition", "cli-cond-htn", HZ_STORE_ANY_VERSION, &error);
  g_assert_no_error (error);
  /* (one or two HzCase::changed, as the store batches its notifications) */
  hz_test_wait_for (&changed, 1);
  rows = page_rows (workspace);
  while (strstr (rows, "妊娠期高血压|") != NULL || strstr (rows, "瘢痕子宫|") != NULL)
    {
      g_clear_pointer (&rows, g_free);
      hz_test_wait_for (&changed, changed + 1);
      rows = page_rows (workspace);
    }
  g_assert_nonnull (strstr (rows, "No conditions recorded"));
  g_assert_nonnull (strstr (rows, "乙肝表面抗原阳性|"));

  /* Unloading takes the page and the panel away */
  peas_extension_set_foreach (set, unload_addin, workspace);
  g_assert_null (workspace->page);
  g_assert_cmpuint (workspace->panels->len, ==, 0);

  g_clear_object (&set);
  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&kase);
  g_clear_object (&store);
  hz_test_remove_tree (dir);
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
  g_test_skip ("No display: run the ui suite under xvfb-run");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_add_func ("/huizhen/summary-page/rows", test_no_display);
      return g_test_run ();
    }

  adw_init ();
  hz_ui_init ();

  g_test_add_func ("/huizhen/summary-page/rows", test_summary_page);
  g_test_add_func ("/huizhen/summary-page/save-conflict", test_save_conflict);

  return g_test_run ();
}
