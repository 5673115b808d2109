/* test-registry-view.c — the high-risk registry (高危孕产妇专案管理) in the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the huizhen window under Xvfb on a database seeded with
 * tests/fixtures/registry.json: the sidebar's count, the start-up toast,
 * the table in the registry's order, filters, a re-grading by another
 * writer replacing only its own row, a case leaving the registry, the CSV
 * export (the same bytes as huizhen-cli's) and opening a case from a row.
 * Widgets are found by their names, never by position.
 */

#define G_LOG_DOMAIN "test-registry-view"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include <hz-ui.h>

#include "hz-test-app.h"
#include "hz-registry-view.h"
#include "hz-test-utils.h"
#include "hz-test-widgets.h"
#include "hz-window.h"
#include "hz-window-private.h"

#define WAIT_TIMEOUT_MS 30000


typedef gboolean (*Condition) (gpointer data);

static gboolean
wake_up (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Iterates the main context until @condition holds; FALSE on time-out
 * (a guard against hanging, not a timing assertion). */
static gboolean
wait_for (Condition condition,
          gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;
  guint source = g_timeout_add (20, wake_up, NULL);
  gboolean ok = TRUE;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        {
          ok = FALSE;
          break;
        }
      g_main_context_iteration (NULL, TRUE);
    }

  g_source_remove (source);

  return ok;
}

static HzWindow *
get_window (void)
{
  return hz_test_app_get_window ();
}

static GtkWidget *
find_named (const char *name)
{
  return hz_test_app_find_named (name);
}

static HzRegistryView *
get_view (void)
{
  HzWindow *window = get_window ();
  GtkWidget *child = window != NULL ? adw_bin_get_child (window->registry_bin) : NULL;

  return HZ_IS_REGISTRY_VIEW (child) ? HZ_REGISTRY_VIEW (child) : NULL;
}

/* The registry as libhuizhen lists it today: what the window must show */
static GPtrArray *
list_registry (void)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *entries = hz_registry_list (hz_window_get_store (get_window ()), NULL, &error);

  g_assert_no_error (error);
  return entries;
}

/* Another writer: a store of its own on the same file, as another process
 * would be (its commits reach the window through PRAGMA data_version) */
static HzStore *
other_writer (void)
{
  g_autoptr(HzActor) actor = hz_actor_new ("外院医生", HZ_TEAM_OBSTETRICS, "主治医师", "临溪县人民医院");

  return hz_test_store_new (hz_test_app_get_tmp_dir (), actor);
}

/* --- conditions -------------------------------------------------------------- */

static gboolean
registry_button_shown (gpointer data)
{
  GtkWidget *button = find_named ("registry-button");

  return button != NULL && gtk_widget_get_visible (button);
}

static gboolean
view_shown (gpointer data)
{
  HzWindow *window = get_window ();

  return get_view () != NULL
         && g_strcmp0 (gtk_stack_get_visible_child_name (window->content_stack), "registry") == 0;
}

static gboolean
label_exists (gpointer text)
{
  return hz_test_count_label (GTK_WIDGET (get_window ()), text) > 0;
}

static HzRegistryItem *
find_item (GListModel *model,
           const char *case_id)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(HzRegistryItem) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (hz_registry_item_get_case_id (item), case_id) == 0)
        return item; /* the model keeps it */
    }

  return NULL;
}

typedef struct
{
  const char   *case_id;
  HzRiskColour  colour;
} WaitColour;

static gboolean
case_has_colour (gpointer data)
{
  WaitColour *wait = data;
  HzRegistryItem *item = find_item (G_LIST_MODEL (hz_registry_view_get_model (get_view ())), wait->case_id);

  return item != NULL && hz_registry_item_get_entry (item)->colour == wait->colour;
}

static gboolean
case_gone (gpointer case_id)
{
  return find_item (G_LIST_MODEL (hz_registry_view_get_model (get_view ())), case_id) == NULL;
}

typedef struct
{
  GListModel *model;
  guint       n;
} WaitItems;

static gboolean
has_n_items (gpointer data)
{
  WaitItems *wait = data;

  return g_list_model_get_n_items (wait->model) == wait->n;
}

static gboolean
workspace_open (gpointer case_id)
{
  HzCaseWorkspace *workspace = hz_window_get_workspace (get_window ());

  return workspace != NULL && g_strcmp0 (hz_case_workspace_get_case_id (workspace), case_id) == 0;
}

/* --- tests ------------------------------------------------------------------- */

/* The sidebar's button counts the registry and its overdue cases, and the
 * start-up toast says how many are overdue */
static void
test_startup (void)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *count = NULL;
  g_autofree char *overdue = NULL;
  g_autofree char *toast = NULL;
  guint n_overdue;
  GtkWidget *overdue_label;

  /* the fixture (found through G_TEST_SRCDIR, inside a test case), then
   * the window as the program opens it */
  {
    g_autoptr(GSettings) settings = hz_settings_new ();
    g_autoptr(HzActor) actor = hz_settings_dup_actor (settings);
    g_autoptr(HzStore) store = NULL;
    g_auto(GStrv) ids = NULL;

    g_assert_nonnull (actor);
    store = hz_test_store_new (hz_test_app_get_tmp_dir (), actor);
    ids = hz_test_import_fixture (store, "registry.json");
    g_assert_cmpuint (g_strv_length (ids), ==, 7);
  }
  hz_test_app_activate ();

  g_assert_true (wait_for (registry_button_shown, NULL));

  entries = list_registry ();
  n_overdue = hz_registry_count_overdue (entries);
  /* the fixture's dates are in the past: at least the three of 2026-02-01 */
  g_assert_cmpuint (entries->len, ==, 5);
  g_assert_cmpuint (n_overdue, >=, 3);

  count = g_strdup_printf ("%u", entries->len);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (find_named ("registry-count"))), ==, count);

  overdue_label = find_named ("registry-overdue");
  g_assert_true (gtk_widget_get_visible (overdue_label));
  overdue = g_strdup_printf ("%u overdue", n_overdue);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (overdue_label)), ==, overdue);

  toast = g_strdup_printf ("%u high-risk cases have an overdue follow-up", n_overdue);
  g_assert_true (wait_for (label_exists, toast));
}

/* The table: every entry in the registry's order, its cells as the
 * libhuizhen rule words them */
static void
test_table (void)
{
  g_autoptr(GPtrArray) entries = list_registry ();
  GListModel *shown;
  GtkWidget *view;

  gtk_widget_activate_action (GTK_WIDGET (get_window ()), "win.show-registry", NULL);
  g_assert_true (wait_for (view_shown, NULL));
  view = GTK_WIDGET (get_view ());

  shown = hz_registry_view_get_shown (get_view ());
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, entries->len);
  for (guint i = 0; i < entries->len; i++)
    {
      g_autoptr(HzRegistryItem) item = g_list_model_get_item (shown, i);
      const HzRegistryEntry *entry = g_ptr_array_index (entries, i);

      g_assert_cmpstr (hz_registry_item_get_case_id (item), ==, entry->case_id);
    }

  /* drawn: names, factors and the overdue days of the red case */
  g_assert_true (hz_test_has_label_containing (view, "王红"));
  g_assert_true (hz_test_has_label_containing (view, "重度子痫前期；心功能III级"));
  g_assert_true (hz_test_has_label_containing (view, "临溪县人民医院"));
  for (guint i = 0; i < entries->len; i++)
    {
      const HzRegistryEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *days = NULL;

      if (entry->days_overdue <= 0)
        continue;
      days = g_strdup_printf ("%d days", entry->days_overdue);
      g_assert_true (hz_test_has_label_containing (view, days));
    }
  hz_test_assert_no_raw_codes (view);
}

/* Filters: the grade, the team, overdue only, a search */
static void
test_filters (void)
{
  HzRegistryView *view = get_view ();
  GListModel *shown = hz_registry_view_get_shown (view);
  GtkDropDown *risk = GTK_DROP_DOWN (hz_test_find_named (GTK_WIDGET (view), "registry-risk"));
  GtkDropDown *team = GTK_DROP_DOWN (hz_test_find_named (GTK_WIDGET (view), "registry-team"));
  GtkEditable *search = GTK_EDITABLE (hz_test_find_named (GTK_WIDGET (view), "registry-search"));
  GtkCheckButton *overdue = GTK_CHECK_BUTTON (hz_test_find_named (GTK_WIDGET (view), "registry-overdue-only"));
  g_autoptr(GPtrArray) entries = list_registry ();
  guint n_overdue = hz_registry_count_overdue (entries);
  WaitItems wait_n;

  /* red: the two red cases */
  gtk_drop_down_set_selected (risk, 1);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 2);
  /* purple: the one purple case, graded yellow */
  gtk_drop_down_set_selected (risk, 3);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
  {
    g_autoptr(HzRegistryItem) item = g_list_model_get_item (shown, 0);
    g_assert_cmpstr (hz_registry_item_get_case_id (item), ==, "reg-purple");
  }
  gtk_drop_down_set_selected (risk, 0);

  /* the reproductive team: the referring site's case */
  gtk_drop_down_set_selected (team, 1 + HZ_TEAM_REPRODUCTIVE);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
  {
    g_autoptr(HzRegistryItem) item = g_list_model_get_item (shown, 0);
    g_assert_cmpstr (hz_registry_item_get_case_id (item), ==, "reg-orange-late");
  }
  gtk_drop_down_set_selected (team, 0);

  gtk_check_button_set_active (overdue, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n_overdue);
  gtk_check_button_set_active (overdue, FALSE);

  /* by a factor's words (search-changed comes after the entry's delay) */
  wait_n.model = shown;
  gtk_editable_set_text (search, "三胎");
  wait_n.n = 1;
  g_assert_true (wait_for (has_n_items, &wait_n));
  gtk_editable_set_text (search, "没有这个人");
  wait_n.n = 0;
  g_assert_true (wait_for (has_n_items, &wait_n));
  /* the empty state says why */
  g_assert_true (hz_test_widget_is_shown (hz_test_find_named (GTK_WIDGET (view), "registry-empty")));
  g_assert_true (hz_test_has_label_containing (GTK_WIDGET (view), "No case of the registry matches the filters."));
  gtk_editable_set_text (search, "");
  wait_n.n = 5;
  g_assert_true (wait_for (has_n_items, &wait_n));
}

/* Another writer re-grades one case: only its item is replaced (and moved
 * to the red group); every other item is the same object */
static void
test_follows_store (void)
{
  GListModel *model = G_LIST_MODEL (hz_registry_view_get_model (get_view ()));
  g_autoptr(HzStore) store = other_writer ();
  g_autoptr(GPtrArray) before = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  WaitColour red = { "reg-orange-ontime", HZ_RISK_RED };
  HzRegistryItem *kept;
  const char *regrade =
    "{\"resourceType\": \"RiskAssessment\", \"id\": \"reg-orange-ontime-risk-2\","
    " \"status\": \"final\", \"subject\": {\"reference\": \"Patient/reg-orange-ontime-patient\"},"
    " \"occurrenceDateTime\": \"2026-03-01T10:00:00+08:00\","
    " \"prediction\": [{\"outcome\": {\"coding\": [{\"system\": \"" HZ_SYSTEM_RISK_COLOUR "\", \"code\": \"red\"}]},"
    "   \"rationale\": \"三胎妊娠；重度子痫前期\"}]}";
  const char *to_green =
    "{\"resourceType\": \"RiskAssessment\", \"id\": \"reg-red-basis-risk-9\","
    " \"status\": \"final\", \"subject\": {\"reference\": \"Patient/reg-red-basis-patient\"},"
    " \"occurrenceDateTime\": \"2026-03-02T10:00:00+08:00\","
    " \"prediction\": [{\"outcome\": {\"coding\": [{\"system\": \"" HZ_SYSTEM_RISK_COLOUR "\", \"code\": \"green\"}]}}]}";

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (before, g_list_model_get_item (model, i));
  g_ptr_array_set_free_func (before, g_object_unref);

  hz_test_import_json (store, regrade);
  g_assert_true (wait_for (case_has_colour, &red));

  /* the others were not rebuilt */
  for (guint i = 0; i < before->len; i++)
    {
      HzRegistryItem *item = g_ptr_array_index (before, i);

      if (g_str_equal (hz_registry_item_get_case_id (item), "reg-orange-ontime"))
        continue;
      g_assert_true (find_item (model, hz_registry_item_get_case_id (item)) == item);
    }
  kept = find_item (model, "reg-purple");

  /* and the order is the rule's */
  entries = list_registry ();
  for (guint i = 0; i < entries->len; i++)
    {
      g_autoptr(HzRegistryItem) item = g_list_model_get_item (model, i);

      g_assert_cmpstr (hz_registry_item_get_case_id (item), ==,
                       ((HzRegistryEntry *) g_ptr_array_index (entries, i))->case_id);
    }
  g_assert_true (hz_test_has_label_containing (GTK_WIDGET (get_view ()), "三胎妊娠；重度子痫前期"));

  /* graded green: off the registry */
  hz_test_import_json (store, to_green);
  g_assert_true (wait_for (case_gone, (gpointer) "reg-red-basis"));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);
  g_assert_true (find_item (model, "reg-purple") == kept);
  g_assert_no_error (error);
}

/* The export writes what the view shows, byte for byte what huizhen-cli
 * writes for the same registry */
static void
test_export (void)
{
  g_autofree char *path = g_build_filename (hz_test_app_get_tmp_dir (), "registry.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GSubprocess) cli = NULL;
  g_autoptr(GBytes) cli_out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  gsize length;
  GStatBuf st;

  g_assert_true (hz_registry_view_export_to_file (get_view (), file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &written, &length, &error));
  g_assert_true (g_str_has_prefix (written, "\xEF\xBB\xBF"));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  cli = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                          HUIZHEN_CLI_PATH, "--db", hz_test_app_get_db_path (), "registry", "--csv", NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate (cli, NULL, NULL, &cli_out, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (cli_out), ==, length);
  g_assert_cmpmem (g_bytes_get_data (cli_out, NULL), length, written, length);

  g_remove (path);
}

/* A row opens its case */
static void
test_open_case (void)
{
  HzRegistryView *view = get_view ();
  GtkWidget *column_view = hz_test_find_named (GTK_WIDGET (view), "registry-table");
  GListModel *shown = hz_registry_view_get_shown (view);
  g_autoptr(HzRegistryItem) first = g_list_model_get_item (shown, 0);
  g_autofree char *case_id = g_strdup (hz_registry_item_get_case_id (first));

  g_signal_emit_by_name (column_view, "activate", 0);
  g_assert_true (wait_for (workspace_open, case_id));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (get_window ()->content_stack), ==, "workspace");
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  hz_test_i18n_init (argc, argv);
  g_test_init (&argc, &argv, NULL);
  hz_test_app_setup ("huizhen-registry-view-XXXXXX");

  g_test_add_func ("/huizhen/registry-view/startup", test_startup);
  g_test_add_func ("/huizhen/registry-view/table", test_table);
  g_test_add_func ("/huizhen/registry-view/filters", test_filters);
  g_test_add_func ("/huizhen/registry-view/follows-store", test_follows_store);
  g_test_add_func ("/huizhen/registry-view/export", test_export);
  g_test_add_func ("/huizhen/registry-view/open-case", test_open_case);

  ret = g_test_run ();
  hz_test_app_teardown ();

  return ret;
}
