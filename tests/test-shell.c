/* test-shell.c — drives the huizhen window as the program builds it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb (meson test is run inside xvfb-run + dbus-run-session).
 * The database is a temporary file seeded with the demo bundles; widgets
 * are found by their names and accessible labels, never by position.
 */

#define G_LOG_DOMAIN "test-shell"

#include "config.h"

#include <sqlite3.h>

#include <string.h>

#include <glib/gstdio.h>

#include <hz-ui.h>

#include "hz-actor-group.h"
#include "hz-application.h"
#include "hz-case-list.h"
#include "hz-case-row.h"
#include "hz-case-workspace.h"
#include "hz-first-run-dialog.h"
#include "hz-plugin-row.h"
#include "hz-preferences-window.h"
#include "hz-shell-utils.h"
#include "hz-test-keys.h"
#include "hz-test-utils.h"
#include "hz-test-widgets.h"
#include "hz-pinyin-private.h"
#include "hz-store-private.h"
#include "hz-window.h"
#include "hz-window-private.h"

#define WAIT_TIMEOUT_MS 30000

static char          *tmp_dir;
static char          *db_path;
static GPtrArray     *seeded_names;     /* char*: patient names in the database */
static char          *seeded_mrn;       /* one MRN, to search by */
static HzApplication *app;

/* --- helpers ----------------------------------------------------------------- */

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

static GtkWidget *
find_by_name (GtkWidget  *root,
              const char *name)
{
  return hz_test_find_named (root, name);
}

static void
collect_by_type (GtkWidget *root,
                 GType      type,
                 GPtrArray *out)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    g_ptr_array_add (out, root);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_by_type (child, type, out);
}

static HzWindow *
get_window (void)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  /* a dialog may be the active window */
  if (window != NULL && !HZ_IS_WINDOW (window))
    window = NULL;
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); window == NULL && l; l = l->next)
    if (HZ_IS_WINDOW (l->data))
      window = l->data;

  return HZ_IS_WINDOW (window) ? HZ_WINDOW (window) : NULL;
}

static GtkListView *
get_list_view (void)
{
  GtkWidget *widget = find_by_name (GTK_WIDGET (get_window ()), "case-list-view");

  return GTK_IS_LIST_VIEW (widget) ? GTK_LIST_VIEW (widget) : NULL;
}

static GListModel *
get_list_model (void)
{
  GtkListView *list_view = get_list_view ();

  return list_view != NULL ? G_LIST_MODEL (gtk_list_view_get_model (list_view)) : NULL;
}

static guint
n_visible_cases (void)
{
  GListModel *model = get_list_model ();

  return model != NULL ? g_list_model_get_n_items (model) : 0;
}

static HzCaseWorkspace *
get_workspace (void)
{
  GtkWidget *widget = find_by_name (GTK_WIDGET (get_window ()), "case-workspace");

  return HZ_IS_CASE_WORKSPACE (widget) ? HZ_CASE_WORKSPACE (widget) : NULL;
}

static const char *
label_text (GtkWidget *widget)
{
  return GTK_IS_LABEL (widget) ? gtk_label_get_text (GTK_LABEL (widget)) : NULL;
}

/* --- seeding ----------------------------------------------------------------- */

static const char fixture_template[] =
  "{\"resourceType\": \"Bundle\", \"type\": \"transaction\", \"entry\": ["
  " {\"fullUrl\": \"urn:uuid:p%1$d\", \"resource\": {\"resourceType\": \"Patient\", \"id\": \"fx%1$d-patient\","
  "   \"name\": [{\"text\": \"%2$s\"}], \"birthDate\": \"1991-03-0%1$d\","
  "   \"identifier\": [{\"system\": \"" HZ_SYSTEM_MRN "\", \"value\": \"FX-MRN-%1$d\"}]},"
  "  \"request\": {\"method\": \"PUT\", \"url\": \"Patient/fx%1$d-patient\"}},"
  " {\"fullUrl\": \"urn:uuid:e%1$d\", \"resource\": {\"resourceType\": \"EpisodeOfCare\", \"id\": \"fx%1$d-episode\","
  "   \"status\": \"active\", \"patient\": {\"reference\": \"Patient/fx%1$d-patient\"},"
  "   \"managingOrganization\": {\"display\": \"测试医院\"}},"
  "  \"request\": {\"method\": \"PUT\", \"url\": \"EpisodeOfCare/fx%1$d-episode\"}}"
  "]}";

static guint
count_cases (HzStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = hz_store_list_cases (store, &error);

  g_assert_no_error (error);

  return cases->len;
}

static void
seed_database (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HzStore) store = NULL;
  g_autoptr(GSettings) settings = hz_settings_new ();
  g_autoptr(HzActor) actor = hz_settings_dup_actor (settings);
  g_autoptr(GPtrArray) cases = NULL;
  static const char *fixture_names[] = { "林晓红", "王芳", "张丽", "李梅" };

  g_assert_nonnull (actor);

  store = hz_test_store_new (tmp_dir, actor);
  g_assert_cmpstr (hz_store_get_path (store), ==, db_path);

  hz_test_import_demo (store);

  /* Fewer than four demo cases: add small fixture cases. */
  for (guint i = 0; count_cases (store) < 4 && i < G_N_ELEMENTS (fixture_names); i++)
    {
      g_autofree char *json = g_strdup_printf (fixture_template, i + 1, fixture_names[i]);
      g_autoptr(JsonNode) bundle = json_from_string (json, &error);

      g_assert_no_error (error);
      hz_store_import_bundle (store, bundle, "fixture", NULL, &error);
      g_assert_no_error (error);
    }

  cases = hz_store_list_cases (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cases->len, >=, 4);

  seeded_names = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < cases->len; i++)
    {
      HzCaseSummary *summary = g_ptr_array_index (cases, i);

      g_ptr_array_add (seeded_names, g_strdup (hz_case_summary_get_patient_name (summary)));
      if (seeded_mrn == NULL && hz_case_summary_get_mrn (summary) != NULL)
        seeded_mrn = g_strdup (hz_case_summary_get_mrn (summary));
    }
}

/* --- tests ------------------------------------------------------------------- */

static gboolean
list_has_four_rows (gpointer data)
{
  GtkListView *list_view = get_list_view ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  if (list_view == NULL || n_visible_cases () < 4)
    return FALSE;

  collect_by_type (GTK_WIDGET (list_view), HZ_TYPE_CASE_ROW, rows);

  for (guint i = 0; i < rows->len; i++)
    if (hz_case_row_get_summary (rows->pdata[i]) == NULL)
      return FALSE;

  return rows->len >= 4;
}

static void
test_case_list (void)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autofree char *sort = NULL;
  GListModel *model;
  HzWindow *window;

  window = get_window ();
  g_assert_nonnull (window);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));

  g_assert_true (wait_for (list_has_four_rows, NULL));

  model = get_list_model ();
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, seeded_names->len);

  /* Every case of the database is listed, under its patient's name. */
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(HzCaseSummary) summary = g_list_model_get_item (model, i);
      gboolean found = FALSE;

      for (guint j = 0; j < seeded_names->len; j++)
        found |= g_strcmp0 (seeded_names->pdata[j], hz_case_summary_get_patient_name (summary)) == 0;

      g_assert_true (found);
    }

  /* Each row shows its patient's name, a risk badge and a GA line. */
  collect_by_type (GTK_WIDGET (get_list_view ()), HZ_TYPE_CASE_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      HzCaseSummary *summary = hz_case_row_get_summary (rows->pdata[i]);
      GtkWidget *name = find_by_name (rows->pdata[i], "patient-name");
      GtkWidget *ga = find_by_name (rows->pdata[i], "gestational-age");

      g_assert_nonnull (summary);
      g_assert_cmpstr (label_text (name), ==, hz_case_summary_get_patient_name (summary));
      g_assert_cmpstr (label_text (name), !=, "");
      g_assert_nonnull (label_text (ga));
      g_assert_cmpstr (label_text (ga), !=, "");
    }

  /* The default order is by risk, red first. */
  for (guint i = 1; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(HzCaseSummary) a = g_list_model_get_item (model, i - 1);
      g_autoptr(HzCaseSummary) b = g_list_model_get_item (model, i);
      static const int rank[] = { 4, 3, 2, 1, 0 }; /* UNKNOWN GREEN YELLOW ORANGE RED */

      g_assert_cmpint (rank[hz_case_summary_get_risk (a)], <=, rank[hz_case_summary_get_risk (b)]);
    }

  /* The sort menu's action: by name, saved in GSettings case-sort. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "list.case-sort", "s", "name"));
  sort = g_settings_get_string (hz_application_get_settings (app), "case-sort");
  g_assert_cmpstr (sort, ==, "name");
  for (guint i = 1; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(HzCaseSummary) a = g_list_model_get_item (model, i - 1);
      g_autoptr(HzCaseSummary) b = g_list_model_get_item (model, i);

      /* pinyin order, the same in every locale: 李 li before 刘 liu before 王 wang */
      g_assert_cmpint (strcmp (hz_case_summary_get_sort_key (a),
                               hz_case_summary_get_sort_key (b)), <=, 0);
    }

  /* By last update, newest first */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "list.case-sort", "s", "updated"));
  for (guint i = 1; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(HzCaseSummary) a = g_list_model_get_item (model, i - 1);
      g_autoptr(HzCaseSummary) b = g_list_model_get_item (model, i);

      g_assert_cmpint (g_strcmp0 (hz_case_summary_get_updated (a), hz_case_summary_get_updated (b)), >=, 0);
    }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "list.case-sort", "s", "risk"));
}

typedef struct
{
  const char *name;
  guint       n_expected;
} SearchCheck;

static gboolean
search_settled (gpointer data)
{
  SearchCheck *check = data;
  GListModel *model = get_list_model ();
  guint n = g_list_model_get_n_items (model);

  if (n != check->n_expected)
    return FALSE;

  for (guint i = 0; check->name != NULL && i < n; i++)
    {
      g_autoptr(HzCaseSummary) summary = g_list_model_get_item (model, i);

      if (g_strcmp0 (hz_case_summary_get_patient_name (summary), check->name) != 0)
        return FALSE;
    }

  return TRUE;
}

static gboolean
page_is (gpointer data)
{
  GtkWidget *list = find_by_name (GTK_WIDGET (get_window ()), "case-list-view");
  GtkWidget *stack = gtk_widget_get_ancestor (list, GTK_TYPE_STACK);

  return g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (stack)), data) == 0;
}

static void
test_search (void)
{
  HzWindow *window = get_window ();
  GtkWidget *entry = find_by_name (GTK_WIDGET (window), "case-search-entry");
  const char *name = seeded_names->pdata[0];
  SearchCheck check = { name, 1 };
  guint total = seeded_names->len;

  g_assert_true (GTK_IS_SEARCH_ENTRY (entry));

  /* Ctrl+F's action opens the search bar. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  g_assert_true (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (gtk_widget_get_ancestor (entry, GTK_TYPE_SEARCH_BAR))));

  /* By name */
  gtk_editable_set_text (GTK_EDITABLE (entry), name);
  g_assert_true (wait_for (search_settled, &check));

  /* By medical record number */
  if (seeded_mrn != NULL)
    {
      SearchCheck by_mrn = { NULL, 1 };

      gtk_editable_set_text (GTK_EDITABLE (entry), seeded_mrn);
      g_assert_true (wait_for (search_settled, &by_mrn));
    }

  /* Nothing matches: the "No Matching Cases" page */
  {
    SearchCheck none = { NULL, 0 };

    gtk_editable_set_text (GTK_EDITABLE (entry), "zzzz-no-such-patient");
    g_assert_true (wait_for (search_settled, &none));
    g_assert_true (wait_for (page_is, (gpointer) "no-results"));
  }

  /* Cleared: everything again */
  {
    SearchCheck all = { NULL, total };

    gtk_editable_set_text (GTK_EDITABLE (entry), "");
    g_assert_true (wait_for (search_settled, &all));
    g_assert_true (wait_for (page_is, (gpointer) "list"));
  }

  g_signal_emit_by_name (entry, "stop-search");
  g_assert_false (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (gtk_widget_get_ancestor (entry, GTK_TYPE_SEARCH_BAR))));
}

static gboolean
workspace_has_summary_page (gpointer data)
{
  HzCaseWorkspace *workspace = get_workspace ();

  return workspace != NULL
      && hz_case_workspace_get_loaded (workspace)
      && adw_view_stack_get_child_by_name (hz_case_workspace_get_view_stack (workspace), "summary") != NULL;
}

static gboolean
workspace_other_case (gpointer data)
{
  HzCaseWorkspace *workspace = get_workspace ();

  return workspace != NULL
      && g_strcmp0 (hz_case_workspace_get_case_id (workspace), data) != 0
      && hz_case_workspace_get_loaded (workspace);
}

static void
test_workspace (void)
{
  HzWindow *window = get_window ();
  GtkListView *list_view = get_list_view ();
  g_autoptr(HzCaseSummary) first = g_list_model_get_item (get_list_model (), 0);
  g_autoptr(HzCaseSummary) second = g_list_model_get_item (get_list_model (), 1);
  g_autofree char *first_id = g_strdup (hz_case_summary_get_case_id (first));
  HzCaseWorkspace *workspace;
  AdwViewStack *view_stack;
  GtkWidget *header_name;
  AdwFlap *flap;
  g_autoptr(GPtrArray) flaps = g_ptr_array_new ();
  gboolean revealed;

  g_assert_null (get_workspace ());

  /* Activate the first row: the case opens in the workspace. */
  g_signal_emit_by_name (list_view, "activate", 0);
  g_assert_true (wait_for (workspace_has_summary_page, NULL));

  workspace = get_workspace ();
  g_assert_cmpstr (hz_case_workspace_get_case_id (workspace), ==, first_id);
  g_assert_true (HZ_IS_WORKSPACE (workspace));
  g_assert_true (hz_workspace_get_case (HZ_WORKSPACE (workspace)) == hz_case_workspace_get_case (workspace));

  /* The summary page is there, first; the header names the patient. */
  view_stack = hz_case_workspace_get_view_stack (workspace);
  g_assert_cmpuint (hz_case_workspace_get_n_pages (workspace), >=, 1);
  header_name = find_by_name (GTK_WIDGET (workspace), "patient-header-name");
  g_assert_cmpstr (label_text (header_name), ==, hz_case_summary_get_patient_name (first));

  /* Alt+1 shows the first page; F9 hides and shows the side panel. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "i", 1));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (view_stack), ==, "summary");

  collect_by_type (GTK_WIDGET (workspace), ADW_TYPE_FLAP, flaps);
  g_assert_cmpuint (flaps->len, ==, 1);
  flap = flaps->pdata[0];
  revealed = adw_flap_get_reveal_flap (flap);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-panel", NULL));
  g_assert_cmpint (adw_flap_get_reveal_flap (flap), !=, revealed);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-panel", NULL));
  g_assert_cmpint (adw_flap_get_reveal_flap (flap), ==, revealed);

  /* show_message puts a toast in the window, not a warning. */
  hz_workspace_show_message (HZ_WORKSPACE (workspace), "hello");

  /* Another case replaces the workspace; --page shows the timeline of
   * the next case to open (both built-in plugins load in this test). */
  hz_window_show_page_when_open (window, "timeline");
  g_signal_emit_by_name (list_view, "activate", 1);
  g_assert_true (wait_for (workspace_other_case, first_id));
  g_assert_cmpstr (hz_case_workspace_get_case_id (get_workspace ()), ==, hz_case_summary_get_case_id (second));
  g_assert_true (workspace_has_summary_page (NULL));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (hz_case_workspace_get_view_stack (get_workspace ())),
                   ==, "timeline");

  /* Ctrl+W closes it: "Select a Case" again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.close-case", NULL));
  g_assert_null (get_workspace ());
}

static gboolean
list_has_name (gpointer data)
{
  GListModel *model = get_list_model ();

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(HzCaseSummary) summary = g_list_model_get_item (model, i);

      if (g_strcmp0 (hz_case_summary_get_patient_name (summary), data) == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
workspace_is_case (gpointer data)
{
  HzCaseWorkspace *workspace = get_workspace ();

  return workspace != NULL
      && g_strcmp0 (hz_case_workspace_get_case_id (workspace), data) == 0
      && hz_case_workspace_get_loaded (workspace);
}

/* --- layout: the window's default width holds list, page and panel -------- */

#define DEFAULT_WINDOW_WIDTH 1280

static int
min_width (GtkWidget *widget)
{
  int minimum = 0;

  if (widget == NULL || !gtk_widget_get_visible (widget))
    return 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);

  return minimum;
}

/* Names the deepest widgets whose own minimum width is over @limit: the
 * ones that make their parents too wide (for the test log). */
static void
describe_wide (GtkWidget *widget,
               int        limit,
               GString   *out)
{
  gboolean child_too_wide = FALSE;
  int minimum = min_width (widget);

  if (minimum <= limit)
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (min_width (child) > limit)
      {
        child_too_wide = TRUE;
        describe_wide (child, limit, out);
      }

  if (!child_too_wide && out->len < 4000)
    {
      g_string_append_printf (out, "\n  %s \"%s\" min %d px%s%s", G_OBJECT_TYPE_NAME (widget),
                              gtk_widget_get_name (widget), minimum,
                              GTK_IS_LABEL (widget) ? ": " : "",
                              GTK_IS_LABEL (widget) ? gtk_label_get_text (GTK_LABEL (widget)) : "");
      /* A box too wide from the sum of its children: name them */
      for (GtkWidget *child = gtk_widget_get_first_child (widget);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        g_string_append_printf (out, "\n    %s %d px%s%.60s", G_OBJECT_TYPE_NAME (child), min_width (child),
                                GTK_IS_LABEL (child) ? ": " : "",
                                GTK_IS_LABEL (child) ? gtk_label_get_text (GTK_LABEL (child)) : "");
    }
}

static GtkWidget *
find_by_type (GtkWidget *root,
              GType      type)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect_by_type (root, type, found);

  return found->len > 0 ? found->pdata[0] : NULL;
}

/* At the default 1280 px width, with any case open, the case list, the
 * page and the patient panel fit side by side: the leaflet and the flap
 * do not fold (folding hides the list or the panel). */
static void
test_layout (void)
{
  HzWindow *window = get_window ();
  GtkListView *list_view;
  guint n_cases;

  g_assert_true (wait_for (list_has_four_rows, NULL));
  list_view = get_list_view ();
  n_cases = n_visible_cases ();

  for (guint i = 0; i < n_cases; i++)
    {
      g_autoptr(HzCaseSummary) summary = g_list_model_get_item (get_list_model (), i);
      g_autoptr(GString) wide = g_string_new (NULL);
      GtkWidget *sidebar = find_by_name (GTK_WIDGET (window), "case-list-view");
      HzCaseWorkspace *workspace;
      AdwFlap *flap;
      int list_width, page_width, panel_width, total;

      g_signal_emit_by_name (list_view, "activate", i);
      g_assert_true (wait_for (workspace_is_case, (gpointer) hz_case_summary_get_case_id (summary)));
      workspace = get_workspace ();

      flap = ADW_FLAP (find_by_type (GTK_WIDGET (workspace), ADW_TYPE_FLAP));
      g_assert_nonnull (flap);
      g_assert_true (adw_flap_get_reveal_flap (flap));

      /* The case list column (its whole leaflet page) */
      while (sidebar != NULL && !ADW_IS_LEAFLET (gtk_widget_get_parent (sidebar)))
        sidebar = gtk_widget_get_parent (sidebar);
      g_assert_nonnull (sidebar);

      list_width = min_width (sidebar);
      page_width = min_width (adw_flap_get_content (flap));
      panel_width = min_width (adw_flap_get_flap (flap));
      total = list_width + 1 + page_width + 1 + panel_width;

      {
        AdwViewStack *view_stack = hz_case_workspace_get_view_stack (workspace);
        g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (view_stack);

        for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (pages)); j++)
          {
            g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), j);
            GtkWidget *child = adw_view_stack_page_get_child (page);

            g_string_append_printf (wide, "\n page %s: min %d px", adw_view_stack_page_get_name (page),
                                    min_width (child));
            describe_wide (child, g_strcmp0 (adw_view_stack_page_get_name (page), "summary") == 0 ? 300 : 400, wide);
          }
      }
      describe_wide (adw_flap_get_flap (flap), 280, wide);
      g_test_message ("%s: list %d + page %d + panel %d = %d px%s",
                      hz_case_summary_get_case_id (summary),
                      list_width, page_width, panel_width, total, wide->str);

      /* The summary page, shown when a case opens, sets the width alone */
      g_assert_cmpstr (adw_view_stack_get_visible_child_name (hz_case_workspace_get_view_stack (workspace)),
                       ==, "summary");
      g_assert_cmpint (list_width, <=, 360);
      g_assert_cmpint (panel_width, <=, 360);
      g_assert_cmpint (total, <=, DEFAULT_WINDOW_WIDTH);
    }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.close-case", NULL));
}

static GtkWidget *
find_dialog (const char *name)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* (transfer none) */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && g_strcmp0 (gtk_widget_get_name (window), name) == 0 &&
          gtk_widget_get_visible (window))
        return window;
    }

  return NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  return find_dialog (data) != NULL;
}

static void
test_import (void)
{
  HzWindow *window = get_window ();
  g_autofree char *bad_path = g_build_filename (tmp_dir, "broken-bundle.json", NULL);
  g_autofree char *new_path = g_build_filename (tmp_dir, "new-case.json", NULL);
  g_autofree char *bundle = g_strdup_printf (fixture_template, 9, "孙晓雪");
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  guint before = n_visible_cases ();

  /* A truncated file: the error names the file, nothing is imported. */
  g_file_set_contents (bad_path, "{\"resourceType\": \"Bundle\", \"entry\": [", -1, &error);
  g_assert_no_error (error);
  g_ptr_array_add (files, g_file_new_for_path (bad_path));
  hz_window_import_files (window, files, TRUE);
  /* it stays until dismissed: a dialog naming the file, in a clinician's words */
  g_assert_true (wait_for (dialog_shown, (gpointer) "import-failures"));
  {
    AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (find_dialog ("import-failures"));
    const char *body = adw_message_dialog_get_body (dialog);

    g_assert_nonnull (strstr (body, "broken-bundle.json: "));
    g_assert_null (strstr (body, "Bundle"));
    g_assert_null (strstr (body, "EpisodeOfCare"));
    adw_message_dialog_response (dialog, "close");
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
  g_assert_cmpuint (n_visible_cases (), ==, before);
  g_assert_null (get_workspace ());

  /* A good one: the list refreshes and the new case opens. */
  g_file_set_contents (new_path, bundle, -1, &error);
  g_assert_no_error (error);
  g_ptr_array_set_size (files, 0);
  g_ptr_array_add (files, g_file_new_for_path (new_path));
  hz_window_import_files (window, files, TRUE);
  g_assert_true (wait_for (list_has_name, (gpointer) "孙晓雪"));
  g_assert_cmpuint (n_visible_cases (), ==, before + 1);
  g_assert_true (wait_for (workspace_is_case, (gpointer) "fx9-episode"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.close-case", NULL));
  g_assert_null (get_workspace ());

  /* The same case again with a changed name: asked first, with the counts;
   * Cancel changes nothing, Update writes a new version */
  {
    g_autofree char *changed = g_strdup_printf (fixture_template, 9, "孙晓霞");
    AdwMessageDialog *dialog;
    const char *body;

    g_file_set_contents (new_path, changed, -1, &error);
    g_assert_no_error (error);
    hz_window_import_files (window, files, FALSE);
    g_assert_true (wait_for (dialog_shown, (gpointer) "import-update"));
    dialog = ADW_MESSAGE_DIALOG (find_dialog ("import-update"));
    body = adw_message_dialog_get_body (dialog);
    g_assert_nonnull (strstr (body, "new-case.json: 0 new"));
    g_assert_nonnull (strstr (body, "0 new, 1 changed (each keeps its earlier version), 1 unchanged"));
    adw_message_dialog_response (dialog, "cancel");
    gtk_window_destroy (GTK_WINDOW (dialog));
    g_assert_true (wait_for (list_has_name, (gpointer) "孙晓雪"));

    hz_window_import_files (window, files, FALSE);
    g_assert_true (wait_for (dialog_shown, (gpointer) "import-update"));
    dialog = ADW_MESSAGE_DIALOG (find_dialog ("import-update"));
    adw_message_dialog_response (dialog, "update");
    gtk_window_destroy (GTK_WINDOW (dialog));
    g_assert_true (wait_for (list_has_name, (gpointer) "孙晓霞"));
  }

  g_remove (bad_path);
  g_remove (new_path);
}

/* Another process writes to the same database while the window is open:
 * the real huizhen-cli imports a case; the list shows it without a reload
 * of the others (the rows already there stay the same objects). */
static GObject *
find_summary (GListModel *model,
              const char *case_id)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (HZ_IS_CASE_SUMMARY (item) &&
          g_strcmp0 (hz_case_summary_get_case_id (HZ_CASE_SUMMARY (item)), case_id) == 0)
        return item;   /* the model keeps it alive */
    }

  return NULL;
}

static void
test_other_process (void)
{
  GListModel *model = get_list_model ();
  g_autofree char *new_path = g_build_filename (tmp_dir, "cli-case.json", NULL);
  g_autofree char *bundle = g_strdup_printf (fixture_template, 8, "郑晓燕");
  g_autofree char *kept_id = NULL;
  g_autoptr(GSubprocess) cli = NULL;
  g_autoptr(GError) error = NULL;
  GObject *kept_before;
  guint before = n_visible_cases ();

  /* a case untouched by this test or the one before */
  g_assert_cmpuint (before, >, 0);
  for (guint i = 0; kept_id == NULL && i < before; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      const char *id = hz_case_summary_get_case_id (HZ_CASE_SUMMARY (item));

      if (g_strcmp0 (id, "fx9-episode") != 0 && g_strcmp0 (id, "fx8-episode") != 0)
        kept_id = g_strdup (id);
    }
  g_assert_nonnull (kept_id);
  kept_before = find_summary (model, kept_id);

  g_file_set_contents (new_path, bundle, -1, &error);
  g_assert_no_error (error);
  cli = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                          HUIZHEN_CLI_PATH, "--db", db_path, "--user", "外院医生|obstetrics||县医院",
                          "import", new_path, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (cli, NULL, &error));
  g_assert_no_error (error);

  /* no call into the window: the store notices the other process */
  g_assert_true (wait_for (list_has_name, (gpointer) "郑晓燕"));
  g_assert_cmpuint (n_visible_cases (), ==, before + 1);
  /* the other rows were not rebuilt */
  g_assert_true (find_summary (model, kept_id) == kept_before);

  g_remove (new_path);
}

/* The audit log's guard removed behind the app's back: the window's check
 * shows the banner, naming what is broken. (Run last: the database stays
 * tampered.) */
static gboolean
revealer_shown (gpointer data)
{
  return gtk_revealer_get_reveal_child (GTK_REVEALER (data));
}

/* Another database where the one checked last time was (a restored
 * copy, a replaced file): the banner says so, not "tampered", and the
 * next check starts from the new log. */
static void
test_audit_replaced (void)
{
  HzWindow *window = get_window ();
  GtkWidget *banner = find_by_name (GTK_WIDGET (window), "audit-banner");
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256,
                                                           hz_store_get_path (hz_window_get_store (window)), -1);
  g_autofree char *name = g_strdup_printf ("audit-%.16s.head", digest);
  g_autofree char *cache = g_build_filename (g_get_user_cache_dir (), "huizhen", name, NULL);
  g_autofree char *first = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (hz_store_audit_first_hash (hz_window_get_store (window), &first, &error));
  g_assert_no_error (error);
  g_assert_nonnull (first);

  /* a head of another log, longer than this one */
  {
    g_autofree char *dir = g_path_get_dirname (cache);

    g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  }
  g_assert_true (g_file_set_contents (cache, "999999:" "0000000000000000000000000000000000000000000000000000000000000000"
                                      " 1111111111111111111111111111111111111111111111111111111111111111\n",
                                      -1, &error));
  hz_window_check_audit (window);
  g_assert_true (wait_for (revealer_shown, banner));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (window->audit_banner_label)),
                            "is not the one this computer checked last time"));
  g_assert_null (strstr (gtk_label_get_text (GTK_LABEL (window->audit_banner_label)), "tamper"));

  /* the new log is now the one kept */
  g_assert_true (g_file_get_contents (cache, &kept, NULL, &error));
  g_assert_true (g_str_has_suffix (g_strstrip (kept), first));
  gtk_revealer_set_reveal_child (GTK_REVEALER (banner), FALSE);
}

static void
test_audit_banner (void)
{
  HzWindow *window = get_window ();
  GtkWidget *banner = find_by_name (GTK_WIDGET (window), "audit-banner");
  sqlite3 *db = NULL;

  g_assert_true (GTK_IS_REVEALER (banner));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (banner)));

  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER audit_no_delete", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  hz_window_check_audit (window);
  g_assert_true (wait_for (revealer_shown, banner));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (window->audit_banner_label)),
                            "audit_no_delete"));
}

static HzPreferencesWindow *
find_preferences (void)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (HZ_IS_PREFERENCES_WINDOW (l->data))
      return l->data;

  return NULL;
}

static gboolean
has_preferences (gpointer data)
{
  return find_preferences () != NULL;
}

static void
test_preferences (void)
{
  HzPreferencesWindow *preferences;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  GtkWidget *summary_row;
  GtkWidget *broken_row;
  GtkWidget *database_row;
  GtkSwitch *toggle;

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  g_assert_true (wait_for (has_preferences, NULL));
  preferences = find_preferences ();

  /* The database row shows the file in use. */
  database_row = find_by_name (GTK_WIDGET (preferences), "database-path");
  g_assert_true (ADW_IS_ACTION_ROW (database_row));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (database_row)), ==, db_path);

  /* Every discovered plugin is listed. */
  collect_by_type (GTK_WIDGET (preferences), HZ_TYPE_PLUGIN_ROW, rows);
  g_assert_cmpuint (rows->len, >=, 1);

  /* The built-in summary plugin: on, and cannot be switched off. */
  summary_row = find_by_name (GTK_WIDGET (preferences), "plugin-row-summary");
  g_assert_true (HZ_IS_PLUGIN_ROW (summary_row));
  toggle = hz_plugin_row_get_switch (HZ_PLUGIN_ROW (summary_row));
  g_assert_true (gtk_switch_get_active (toggle));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (toggle)));

  /* A plugin whose module is missing: switching it on shows the error
   * and leaves it off; the active plugins are not changed. */
  broken_row = find_by_name (GTK_WIDGET (preferences), "plugin-row-hz-broken");
  if (broken_row != NULL)
    {
      g_autoptr(GSettings) settings = hz_settings_new ();
      g_auto(GStrv) active = NULL;
      const char *subtitle;

      toggle = hz_plugin_row_get_switch (HZ_PLUGIN_ROW (broken_row));
      g_assert_false (gtk_switch_get_active (toggle));
      g_test_log_set_fatal_handler (hz_test_ignore_libpeas_warnings, NULL);
      gtk_switch_set_active (toggle, TRUE);
      g_test_log_set_fatal_handler (NULL, NULL);
      g_assert_false (gtk_switch_get_active (toggle));
      g_assert_false (gtk_switch_get_state (toggle));

      subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (broken_row));
      g_assert_nonnull (subtitle);
      g_assert_nonnull (strstr (subtitle, "hz-broken"));
      g_assert_nonnull (hz_plugin_engine_get_plugin_error (hz_plugin_engine_get_default (), "hz-broken"));

      active = g_settings_get_strv (hz_application_get_settings (app), "active-plugins");
      g_assert_false (g_strv_contains ((const char * const *) active, "hz-broken"));
    }

  gtk_window_destroy (GTK_WINDOW (preferences));
  g_assert_null (find_preferences ());
}

static void
on_completed_cb (HzFirstRunDialog *dialog,
                 HzActor          *actor,
                 HzActor         **out)
{
  *out = hz_actor_copy (actor);
}

static gboolean
is_toplevel (GtkWidget *widget)
{
  g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (window == (GObject *) widget)
        return TRUE;
    }

  return FALSE;
}

static void
test_first_run (void)
{
  GtkWidget *dialog = hz_first_run_dialog_new (GTK_WINDOW (get_window ()));
  GtkWidget *name = find_by_name (dialog, "actor-name");
  GtkWidget *hospital = find_by_name (dialog, "actor-hospital");
  GtkWidget *button = find_by_name (dialog, "first-run-continue");
  g_autoptr(GPtrArray) groups = g_ptr_array_new ();
  g_autoptr(HzActor) completed = NULL;
  g_autoptr(HzActor) actor = NULL;

  g_object_ref_sink (dialog);
  g_signal_connect (dialog, "completed", G_CALLBACK (on_completed_cb), &completed);
  gtk_window_present (GTK_WINDOW (dialog));

  g_assert_true (ADW_IS_ENTRY_ROW (name));
  g_assert_true (ADW_IS_ENTRY_ROW (hospital));
  g_assert_true (GTK_IS_BUTTON (button));
  collect_by_type (dialog, HZ_TYPE_ACTOR_GROUP, groups);
  g_assert_cmpuint (groups->len, ==, 1);

  /* Continue needs a name and a hospital. */
  g_assert_false (gtk_widget_get_sensitive (button));

  gtk_editable_set_text (GTK_EDITABLE (name), "王丽");
  g_assert_false (hz_actor_group_get_valid (groups->pdata[0]));
  g_assert_false (gtk_widget_get_sensitive (button));

  gtk_editable_set_text (GTK_EDITABLE (hospital), "  ");
  g_assert_false (hz_actor_group_get_valid (groups->pdata[0]));

  gtk_editable_set_text (GTK_EDITABLE (hospital), "市妇幼保健院");
  g_assert_true (hz_actor_group_get_valid (groups->pdata[0]));
  g_assert_true (gtk_widget_get_sensitive (button));

  actor = hz_actor_group_dup_actor (groups->pdata[0]);
  g_assert_cmpstr (actor->name, ==, "王丽");
  g_assert_cmpstr (actor->hospital, ==, "市妇幼保健院");
  g_assert_cmpint (actor->team, ==, HZ_TEAM_OBSTETRICS);

  /* The dialog does not close before the user continues... */
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (is_toplevel (dialog));
  g_assert_true (gtk_widget_get_visible (dialog));
  g_assert_null (completed);

  /* ...and closes with the identity when they do. */
  g_signal_emit_by_name (button, "clicked");
  g_assert_nonnull (completed);
  g_assert_cmpstr (completed->name, ==, "王丽");
  g_assert_false (is_toplevel (dialog));

  g_object_unref (dialog);
}

static void
test_risk_badge (void)
{
  GtkWidget *badge = g_object_ref_sink (hz_ui_risk_badge_new (HZ_RISK_ORANGE, TRUE));
  GtkWidget *pill = find_by_name (badge, "risk-badge");
  GtkWidget *purple = find_by_name (badge, "purple-badge");

  /* The colour is always named, not shown by colour alone; purple is a
   * pill of its own beside it, not a dot inside it. */
  g_assert_true (GTK_IS_LABEL (pill));
  g_assert_true (gtk_widget_has_css_class (pill, "risk-badge"));
  g_assert_true (gtk_widget_has_css_class (pill, "risk-orange"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (pill)), ==, hz_risk_colour_get_display_name (HZ_RISK_ORANGE));
  g_assert_nonnull (gtk_widget_get_tooltip_text (pill));
  g_assert_true (GTK_IS_LABEL (purple));
  g_assert_true (gtk_widget_get_visible (purple));
  g_assert_true (gtk_widget_has_css_class (purple, "risk-purple-badge"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (purple)), ==, "Purple · infectious");
  g_assert_null (gtk_test_accessible_check_property (GTK_ACCESSIBLE (badge), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                     "Risk: Orange, infectious disease (purple)"));

  hz_ui_risk_badge_update (badge, HZ_RISK_RED, FALSE);
  g_assert_false (gtk_widget_has_css_class (pill, "risk-orange"));
  g_assert_true (gtk_widget_has_css_class (pill, "risk-red"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (pill)), ==, hz_risk_colour_get_display_name (HZ_RISK_RED));
  g_assert_false (gtk_widget_get_visible (purple));

  g_object_unref (badge);
}

static void
test_format (void)
{
  g_autofree char *day = hz_ui_format_date ("2024-05-06");
  g_autofree char *instant = hz_ui_format_date ("2024-05-06T10:20:30+08:00");
  g_autofree char *bad = hz_ui_format_date ("not a date");
  g_autofree char *masked = hz_ui_mask_id_card ("110101199003071234");
  g_autofree char *masked_x = hz_ui_mask_id_card ("11010119900307123X");
  g_autofree char *masked_short = hz_ui_mask_id_card ("1234");
  g_autofree char *masked_wide = hz_ui_mask_id_card ("证件号码甲乙丙丁");
  HzDating dating;
  GDate lmp, today;
  g_autofree char *ga = NULL;
  g_autofree char *unknown = NULL;

  /* C locale: the English format */
  g_assert_cmpstr (day, ==, "6 May 2024");
  g_assert_nonnull (instant);
  g_assert_cmpstr (bad, ==, "not a date");
  g_assert_null (hz_ui_format_date (NULL));

  /* a GDate is written as the same day */
  {
    g_autofree char *gday = NULL;
    GDate date;

    g_date_clear (&date, 1);
    g_assert_null (hz_ui_format_gdate (&date));
    g_assert_null (hz_ui_format_gdate (NULL));
    g_date_set_dmy (&date, 6, G_DATE_MAY, 2024);
    gday = hz_ui_format_gdate (&date);
    g_assert_cmpstr (gday, ==, day);
  }
  g_assert_cmpstr (masked, ==, "****1234");
  /* the same prefix whatever the length; characters, not bytes */
  g_assert_cmpstr (masked_x, ==, "****123X");
  g_assert_cmpstr (masked_short, ==, "****");
  g_assert_cmpstr (masked_wide, ==, "****甲乙丙丁");
  g_assert_null (hz_ui_mask_id_card (NULL));
  g_assert_null (hz_ui_mask_id_card (""));

  g_date_clear (&lmp, 1);
  g_date_clear (&today, 1);
  g_date_set_dmy (&lmp, 1, G_DATE_JANUARY, 2024);
  g_date_set_dmy (&today, 1, G_DATE_MARCH, 2024);   /* 60 days: 8w4d */
  hz_dating_compute (&dating, &lmp, NULL, 0, NULL, 0, NULL, NULL);
  ga = hz_shell_format_ga (&dating, &today, FALSE);
  g_assert_cmpstr (ga, ==, "8w4d");
  /* a case begun before a pregnancy shows its GA once dated */
  g_clear_pointer (&ga, g_free);
  ga = hz_shell_format_ga (&dating, &today, TRUE);
  g_assert_cmpstr (ga, ==, "8w4d");

  hz_dating_compute (&dating, NULL, NULL, 0, NULL, 0, NULL, NULL);
  unknown = hz_shell_format_ga (&dating, &today, FALSE);
  g_assert_cmpstr (unknown, ==, "GA unknown");
  /* not dated: still before the pregnancy (备孕) */
  g_clear_pointer (&unknown, g_free);
  unknown = hz_shell_format_ga (&dating, &today, TRUE);
  g_assert_cmpstr (unknown, ==, "Pre-conception");
}

/* --- issue 15: one shortcut scheme, real key presses ------------------------- */

static gboolean
is_of_type (GtkWidget     *widget,
            gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

static gboolean
is_today_button (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), "Today") == 0;
}

static gboolean
focus_is_in (GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* A focusable button of the workspace outside its pages (the header's
 * page switcher) */
static gboolean
is_header_button (GtkWidget     *widget,
                  gconstpointer  view_stack)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) && gtk_widget_get_focusable (widget) &&
         !gtk_widget_is_ancestor (widget, GTK_WIDGET (view_stack));
}

static guint
page_number (AdwViewStack *stack,
             const char   *name)
{
  g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (stack);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);

      if (g_strcmp0 (adw_view_stack_page_get_name (page), name) == 0)
        return i + 1;
    }
  return 0;
}

static gboolean
today_off (gpointer data)
{
  return !gtk_widget_is_sensitive (data);
}

static gboolean
today_on (gpointer data)
{
  return gtk_widget_is_sensitive (data);
}

static void
press (const char *accel)
{
  hz_test_press (GTK_WIDGET (get_window ()), accel);
}

static void
test_shortcuts (void)
{
  GtkListView *list_view = get_list_view ();
  GtkWidget *search = find_by_name (GTK_WIDGET (get_window ()), "case-search-entry");
  GtkSearchBar *search_bar = GTK_SEARCH_BAR (gtk_widget_get_ancestor (search, GTK_TYPE_SEARCH_BAR));
  g_autofree char *summary_key = NULL;
  g_autofree char *timeline_key = NULL;
  HzCaseWorkspace *workspace;
  AdwViewStack *stack;
  GtkWidget *timeline, *timeline_views, *timeline_search, *today, *header_button;

  /* never skipped: a machine without XTest fails here (build-aux/dev installs it) */
  if (!hz_test_keys_available ())
    {
      g_test_message ("no XTest on this display: cannot press keys (libxtst-dev, an X server)");
      g_test_fail ();
      return;
    }

  /* The case with the longest timeline (it scrolls away from today) */
  {
    guint best = 0;
    double best_length = -1;

    for (guint i = 0; i < n_visible_cases (); i++)
      {
        g_autoptr(HzCaseSummary) summary = g_list_model_get_item (get_list_model (), i);
        g_autofree char *id = g_strdup (hz_case_summary_get_case_id (summary));
        GtkWidget *list;
        GtkAdjustment *adjustment;

        hz_window_open_case (get_window (), id);
        g_assert_true (wait_for (workspace_has_summary_page, NULL));
        g_assert_true (hz_case_workspace_get_case_id (get_workspace ()) != NULL);
        adw_view_stack_set_visible_child_name (hz_case_workspace_get_view_stack (get_workspace ()), "timeline");
        list = hz_test_find_widget (adw_view_stack_get_child_by_name (hz_case_workspace_get_view_stack (get_workspace ()), "timeline"),
                              is_of_type, GSIZE_TO_POINTER (GTK_TYPE_LIST_VIEW));
        while (g_main_context_iteration (NULL, FALSE))
          ;
        g_usleep (200000);
        while (g_main_context_iteration (NULL, FALSE))
          ;
        adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (list, GTK_TYPE_SCROLLED_WINDOW)));
        if (gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment) > best_length)
          {
            best_length = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
            best = i;
          }
      }
    g_signal_emit_by_name (list_view, "activate", best);
    g_assert_true (wait_for (workspace_has_summary_page, NULL));
  }
  workspace = get_workspace ();
  stack = hz_case_workspace_get_view_stack (workspace);
  timeline = adw_view_stack_get_child_by_name (stack, "timeline");
  g_assert_nonnull (timeline);
  summary_key = g_strdup_printf ("<Alt>%u", page_number (stack, "summary"));
  timeline_key = g_strdup_printf ("<Alt>%u", page_number (stack, "timeline"));
  timeline_views = hz_test_find_widget (timeline, is_of_type, GSIZE_TO_POINTER (ADW_TYPE_VIEW_STACK));
  timeline_search = hz_test_find_widget (timeline, is_of_type, GSIZE_TO_POINTER (GTK_TYPE_SEARCH_ENTRY));
  today = hz_test_find_widget (timeline, is_today_button, NULL);
  g_assert_nonnull (timeline_views);
  g_assert_nonnull (timeline_search);
  g_assert_nonnull (today);

  /* Alt+N shows a page and puts the focus in it */
  press (summary_key);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "summary");
  press (timeline_key);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "timeline");
  g_assert_true (focus_is_in (timeline));

  /* The timeline's views are Ctrl+1, Ctrl+2; Alt+N stays the pages' */
  press ("<Control>2");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (timeline_views)), ==, "trends");
  press ("<Control>1");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (timeline_views)), ==, "events");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "timeline");

  /* With the focus in the workspace but outside the page (its header),
   * Ctrl+T and Ctrl+F still reach the timeline */
  header_button = hz_test_find_widget (GTK_WIDGET (workspace), is_header_button, stack);
  g_assert_nonnull (header_button);
  {
    GtkWidget *list = hz_test_find_widget (timeline, is_of_type, GSIZE_TO_POINTER (GTK_TYPE_LIST_VIEW));
    GtkWidget *scroller = gtk_widget_get_ancestor (list, GTK_TYPE_SCROLLED_WINDOW);

    wait_for (today_off, today);
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)), 0);
    g_assert_true (wait_for (today_on, today));
  }
  g_assert_true (gtk_widget_grab_focus (header_button));
  press ("<Control>t");
  g_assert_true (wait_for (today_off, today));

  g_assert_true (gtk_widget_grab_focus (header_button));
  press ("<Control>f");
  g_assert_true (focus_is_in (timeline_search));
  g_assert_false (gtk_search_bar_get_search_mode (search_bar));

  /* A page without a search of its own: Ctrl+F searches the case list */
  press (summary_key);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "summary");
  press ("<Control>f");
  g_assert_true (gtk_search_bar_get_search_mode (search_bar));
  g_signal_emit_by_name (search, "stop-search");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (get_window ()), "win.close-case", NULL));
}

/* The main menu and the shortcuts window are built when first opened (not
 * before the first frame), and open as before */
static gboolean
shortcuts_window_shown (gpointer data)
{
  GtkWindow **out = data;

  for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
    if (GTK_IS_SHORTCUTS_WINDOW (l->data) && gtk_widget_get_mapped (l->data))
      *out = l->data;
  return *out != NULL;
}

static guint
count_shortcuts_windows (void)
{
  guint n = 0;

  for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
    n += GTK_IS_SHORTCUTS_WINDOW (l->data);
  return n;
}

static gboolean
list_loaded (gpointer data)
{
  return hz_case_list_get_loaded (HZ_CASE_LIST (data));
}

static const char *
status_page_title (GtkStack   *stack,
                   const char *page)
{
  GtkWidget *child = gtk_stack_get_child_by_name (stack, page);

  g_assert_true (ADW_IS_STATUS_PAGE (child));
  return adw_status_page_get_title (ADW_STATUS_PAGE (child));
}

/* The empty, no-results and error pages are built when first shown (not in
 * the first frame); each still shows its text, and an error set before the
 * pages existed is on its page */
static void
test_case_list_status_pages (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "status-pages.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(HzStore) store = hz_store_new (path, &error);
  g_autoptr(HzActor) actor = hz_actor_new ("test", HZ_TEAM_OBSTETRICS, NULL, NULL);
  GtkWidget *window = gtk_window_new ();
  HzCaseList *list = HZ_CASE_LIST (hz_case_list_new ());
  GtkStack *stack;

  g_assert_no_error (error);
  hz_store_set_actor (store, actor);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (list));
  gtk_window_present (GTK_WINDOW (window));
  stack = GTK_STACK (gtk_widget_get_ancestor (find_by_name (GTK_WIDGET (list), "case-list-view"), GTK_TYPE_STACK));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "loading");
  g_assert_null (gtk_stack_get_child_by_name (stack, "empty"));

  hz_case_list_set_store (list, store);
  g_assert_true (wait_for (list_loaded, list));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  g_assert_cmpstr (status_page_title (stack, "empty"), ==, "No Cases Yet");
  g_assert_cmpstr (status_page_title (stack, "no-results"), ==, "No Matching Cases");

  hz_case_list_set_error (list, "Could Not Open the Case Database", "disk I/O error");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "error");
  g_assert_cmpstr (status_page_title (stack, "error"), ==, "Could Not Open the Case Database");
  g_assert_cmpstr (adw_status_page_get_description (ADW_STATUS_PAGE (gtk_stack_get_child_by_name (stack, "error"))),
                   ==, "disk I/O error");
  gtk_window_destroy (GTK_WINDOW (window));

  /* an error before any page was built */
  window = gtk_window_new ();
  list = HZ_CASE_LIST (hz_case_list_new ());
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (list));
  hz_case_list_set_error (list, NULL, "no such file");
  stack = GTK_STACK (gtk_widget_get_ancestor (find_by_name (GTK_WIDGET (list), "case-list-view"), GTK_TYPE_STACK));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "error");
  g_assert_cmpstr (status_page_title (stack, "error"), ==, "Could Not Load Cases");
  g_assert_cmpstr (adw_status_page_get_description (ADW_STATUS_PAGE (gtk_stack_get_child_by_name (stack, "error"))),
                   ==, "no such file");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_lazy_menus (void)
{
  HzWindow *window = get_window ();
  GtkMenuButton *primary = window->primary_menu_button;
  GtkWindow *shortcuts = NULL;
  GMenuModel *model;
  gboolean found = FALSE;

  g_assert_nonnull (primary);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (primary)));

  gtk_menu_button_popup (primary);
  model = gtk_menu_button_get_menu_model (primary);
  g_assert_nonnull (model);
  g_assert_nonnull (gtk_menu_button_get_popover (primary));
  for (int i = 0; i < g_menu_model_get_n_items (model) && !found; i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);

      for (int j = 0; section != NULL && j < g_menu_model_get_n_items (section); j++)
        {
          g_autofree char *action = NULL;

          if (g_menu_model_get_item_attribute (section, j, G_MENU_ATTRIBUTE_ACTION, "s", &action)
              && g_strcmp0 (action, "win.show-help-overlay") == 0)
            found = TRUE;
        }
    }
  g_assert_true (found);
  gtk_menu_button_popdown (primary);

  g_assert_cmpuint (count_shortcuts_windows (), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  g_assert_true (wait_for (shortcuts_window_shown, &shortcuts));
  g_assert_true (gtk_window_get_transient_for (shortcuts) == GTK_WINDOW (window));
  /* asked again: the same window, not a second one */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  g_assert_cmpuint (count_shortcuts_windows (), ==, 1);
  gtk_window_destroy (shortcuts);
  g_assert_cmpuint (count_shortcuts_windows (), ==, 0);
}

/* Every shortcut is in the shortcuts window (the timeline's, which the
 * timeline plugin registers, too), and no application accelerator takes
 * a key a page uses */
static void
test_help_overlay (void)
{
  GtkWindow *window = NULL;
  GtkWidget *overlay;
  g_autoptr(GPtrArray) groups = g_ptr_array_new ();
  g_autoptr(GPtrArray) shortcuts = g_ptr_array_new ();
  g_autoptr(GHashTable) accels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) actions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) app_actions = gtk_application_list_action_descriptions (GTK_APPLICATION (app));
  const char *page_keys[] = { "<Control>f", "<Control>g", "<Control>t", "<Control>1", "<Control>2", "Return", "<Alt>1" };

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (get_window ()), "win.show-help-overlay", NULL));
  g_assert_true (wait_for (shortcuts_window_shown, &window));
  overlay = GTK_WIDGET (window);
  /* the groups' rows (the window's search page has copies of them) */
  collect_by_type (overlay, GTK_TYPE_SHORTCUTS_GROUP, groups);
  for (guint i = 0; i < groups->len; i++)
    collect_by_type (groups->pdata[i], GTK_TYPE_SHORTCUTS_SHORTCUT, shortcuts);
  g_assert_cmpuint (shortcuts->len, >, 0);
  for (guint i = 0; i < shortcuts->len; i++)
    {
      g_autofree char *accel = NULL;
      g_autofree char *action = NULL;
      g_autofree char *title = NULL;

      g_object_get (shortcuts->pdata[i], "accelerator", &accel, "action-name", &action, "title", &title, NULL);
      g_assert_true (title != NULL && *title != '\0');
      if (accel != NULL)
        {
          g_auto(GStrv) parts = g_strsplit (accel, " ", -1);

          for (guint p = 0; parts[p] != NULL; p++)
            g_hash_table_add (accels, g_strdup (parts[p]));
        }
      if (action != NULL)
        g_hash_table_add (actions, g_steal_pointer (&action));
    }

  for (guint i = 0; app_actions[i] != NULL; i++)
    {
      g_auto(GStrv) keys = gtk_application_get_accels_for_action (GTK_APPLICATION (app), app_actions[i]);
      g_autofree char *name = NULL;

      /* win.show-page(3): the "<Alt>1...<Alt>9" row */
      if (g_str_has_prefix (app_actions[i], "win.show-page"))
        {
          g_assert_true (g_hash_table_contains (accels, "<Alt>1...<Alt>9"));
          continue;
        }
      g_test_message ("%s", app_actions[i]);
      g_assert_true (g_hash_table_contains (actions, app_actions[i]));

      /* no application accelerator is one of a page's keys */
      for (guint k = 0; keys[k] != NULL; k++)
        for (guint p = 0; p < G_N_ELEMENTS (page_keys); p++)
          {
            guint key_a, key_b;
            GdkModifierType mods_a, mods_b;

            gtk_accelerator_parse (keys[k], &key_a, &mods_a);
            gtk_accelerator_parse (page_keys[p], &key_b, &mods_b);
            if (key_a == key_b && mods_a == mods_b && !g_str_equal (page_keys[p], "<Alt>1"))
              g_error ("%s takes %s from the pages", app_actions[i], keys[k]);
          }
    }

  for (guint p = 0; p < G_N_ELEMENTS (page_keys) - 1; p++)
    g_assert_true (g_hash_table_contains (accels, page_keys[p]));

  gtk_window_destroy (GTK_WINDOW (overlay));
}

static void
test_no_display (void)
{
  /* never skipped: build-aux/dev runs the suite under Xvfb */
  g_test_message ("No display: the GUI tests need X11 or Wayland (run under xvfb-run)");
  g_test_fail ();
}

/* --- the case list from the keyboard, the rows' words ------------------------ */

static GtkWidget *
row_of_case (const char *case_id)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_by_type (GTK_WIDGET (get_list_view ()), HZ_TYPE_CASE_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      HzCaseSummary *summary = hz_case_row_get_summary (rows->pdata[i]);

      if (summary != NULL && g_strcmp0 (hz_case_summary_get_case_id (summary), case_id) == 0)
        return rows->pdata[i];
    }

  return NULL;
}

static gboolean
case_open (gpointer data)
{
  HzCaseWorkspace *workspace = get_workspace ();

  return workspace != NULL && g_strcmp0 (hz_case_workspace_get_case_id (workspace), data) == 0 &&
         hz_case_workspace_get_loaded (workspace);
}

static char *
case_id_at (guint position)
{
  g_autoptr(HzCaseSummary) summary = g_list_model_get_item (get_list_model (), position);

  return g_strdup (hz_case_summary_get_case_id (summary));
}

static gboolean
subtitle_is (gpointer data)
{
  GtkWidget *title = find_by_name (GTK_WIDGET (get_window ()), "case-list-title");

  return g_strcmp0 (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (title)), data) == 0;
}

static void
test_case_list_keys (void)
{
  HzStore *store = hz_case_list_get_store (HZ_CASE_LIST (gtk_widget_get_ancestor (GTK_WIDGET (get_list_view ()),
                                                                                 HZ_TYPE_CASE_LIST)));
  GtkListView *list_view = get_list_view ();
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  gint64 reads_second;
  GtkWidget *row;

  if (!hz_test_keys_available ())
    {
      g_test_message ("no XTest on this display: cannot press keys (libxtst-dev, an X server)");
      g_test_fail ();
      return;
    }

  g_assert_true (HZ_IS_STORE (store));
  if (get_workspace () != NULL)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (get_window ()), "win.close-case", NULL));
  g_assert_true (wait_for (list_has_four_rows, NULL));

  first = case_id_at (0);
  second = case_id_at (1);
  third = case_id_at (2);
  reads_second = hz_store_count_audit (store, second);

  /* Down moves the selection to the second case: nothing opens, nothing is read */
  g_assert_true (gtk_widget_grab_focus (row_of_case (first)) || gtk_widget_grab_focus (GTK_WIDGET (list_view)));
  press ("Down");
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (gtk_list_view_get_model (list_view))),
                    ==, 1);
  g_assert_false (case_open (second));
  g_assert_cmpint (hz_store_count_audit (store, second), ==, reads_second);
  g_assert_true (gtk_widget_has_focus (row_of_case (second)) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (get_window ())), GTK_WIDGET (list_view)));

  /* Enter opens it (and that is a read) */
  press ("Return");
  g_assert_true (wait_for (case_open, second));
  g_assert_cmpint (hz_store_count_audit (store, second), >, reads_second);

  /* A click on a row opens its case */
  row = row_of_case (third);
  g_assert_nonnull (row);
  hz_test_click (row, 20, 10);
  g_assert_true (wait_for (case_open, third));

  /* The rows say who and when, and what they say is their accessible name */
  for (guint i = 0; i < g_list_model_get_n_items (get_list_model ()); i++)
    {
      g_autofree char *case_id = case_id_at (i);
      GtkWidget *case_row = row_of_case (case_id);
      HzCaseSummary *summary;
      const char *identity, *pregnancy, *next;
      const char *risk;
      GString *expected;

      if (case_row == NULL)
        continue;
      summary = hz_case_row_get_summary (HZ_CASE_ROW (case_row));
      identity = label_text (find_by_name (case_row, "identity"));
      pregnancy = label_text (find_by_name (case_row, "gestational-age"));
      next = label_text (find_by_name (case_row, "next-action"));

      if (hz_case_summary_get_mrn (summary) != NULL)
        {
          g_autofree char *mrn = g_strdup_printf ("MRN %s", hz_case_summary_get_mrn (summary));

          g_assert_true (g_str_has_prefix (identity, mrn));
        }
      if (hz_case_summary_get_delivery_date (summary) != NULL)
        g_assert_nonnull (strstr (pregnancy, " · delivered "));
      else if (hz_case_summary_get_lmp (summary) != NULL || hz_case_summary_get_edd (summary) != NULL)
        g_assert_nonnull (strstr (pregnancy, " · EDD "));
      if (hz_case_summary_get_next_action (summary) != NULL &&
          hz_case_summary_get_next_action_date (summary) != NULL)
        g_assert_nonnull (strstr (next, " · "));

      g_assert_true (gtk_test_accessible_has_role (GTK_ACCESSIBLE (case_row), GTK_ACCESSIBLE_ROLE_GROUP));
      risk = hz_risk_colour_get_display_name (hz_case_summary_get_risk (summary));
      expected = g_string_new (hz_case_summary_get_patient_name (summary));
      if (hz_case_summary_get_demo (summary))
        g_string_append (expected, ", Demo");
      g_string_append_printf (expected, ", %s, risk %s", pregnancy, risk != NULL ? risk : "Not graded");
      if (hz_case_summary_get_infectious (summary))
        g_string_append (expected, ", Purple · infectious");
      if (identity != NULL && *identity != '\0')
        g_string_append_printf (expected, ", %s", identity);
      if (next != NULL && *next != '\0')
        g_string_append_printf (expected, ", %s", next);
      g_assert_null (gtk_test_accessible_check_property (GTK_ACCESSIBLE (case_row),
                                                         GTK_ACCESSIBLE_PROPERTY_LABEL, expected->str));
      g_string_free (expected, TRUE);
    }
}

static void
test_case_list_count_and_pinyin (void)
{
  GtkWidget *entry = find_by_name (GTK_WIDGET (get_window ()), "case-search-entry");
  const char *name = seeded_names->pdata[0];
  g_autofree char *forms = hz_pinyin_dup_search_forms (name);
  HzCaseList *list = HZ_CASE_LIST (gtk_widget_get_ancestor (GTK_WIDGET (get_list_view ()), HZ_TYPE_CASE_LIST));
  guint n = hz_case_list_get_n_cases (list);
  g_autofree char *all = g_strdup_printf ("%u cases", n);
  g_autofree char *one = g_strdup_printf ("1 of %u cases", n);
  g_auto(GStrv) readings = NULL;

  g_assert_nonnull (forms);
  readings = g_strsplit (forms, "\n", 2);

  g_assert_true (wait_for (subtitle_is, all));

  /* the count follows the search; pinyin initials and full pinyin find the name */
  for (guint i = 0; readings[i] != NULL; i++)
    {
      SearchCheck check = { name, 1 };

      gtk_editable_set_text (GTK_EDITABLE (entry), readings[i]);
      g_assert_true (wait_for (search_settled, &check));
      g_assert_true (wait_for (subtitle_is, one));
    }

  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  g_assert_true (wait_for (subtitle_is, all));
  g_signal_emit_by_name (entry, "stop-search");
}

/* --- the patient panel and the summary page: each fact once ----------------- */

typedef gboolean (*CasePick) (HzCaseSummary *summary);

static gboolean
pick_infectious (HzCaseSummary *summary)
{
  return hz_case_summary_get_infectious (summary);
}

static gboolean
pick_delivered (HzCaseSummary *summary)
{
  HzDating dating;

  hz_shell_summary_get_dating (summary, &dating);
  return dating.delivered;
}

static gboolean
pick_pregnant (HzCaseSummary *summary)
{
  HzDating dating;

  hz_shell_summary_get_dating (summary, &dating);
  return !dating.delivered && dating.method != HZ_DATING_NONE;
}

/* Opens the first case of the list that @pick takes, on its summary page */
static HzCaseWorkspace *
open_case (CasePick pick)
{
  GListModel *model;
  HzCaseWorkspace *workspace;

  g_assert_true (wait_for (list_has_four_rows, NULL));
  model = get_list_model ();

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(HzCaseSummary) summary = g_list_model_get_item (model, i);

      if (!pick (summary))
        continue;

      g_signal_emit_by_name (get_list_view (), "activate", i);
      g_assert_true (wait_for (workspace_is_case, (gpointer) hz_case_summary_get_case_id (summary)));
      workspace = get_workspace ();
      g_assert_true (wait_for (workspace_has_summary_page, NULL));
      adw_view_stack_set_visible_child_name (hz_case_workspace_get_view_stack (workspace), "summary");
      return workspace;
    }

  g_assert_not_reached ();
}

static GtkWidget *
get_panel (HzCaseWorkspace *workspace)
{
  AdwFlap *flap = ADW_FLAP (find_by_type (GTK_WIDGET (workspace), ADW_TYPE_FLAP));

  g_assert_nonnull (flap);
  return adw_flap_get_flap (flap);
}

static GtkWidget *
get_summary_page (HzCaseWorkspace *workspace)
{
  return adw_view_stack_get_child_by_name (hz_case_workspace_get_view_stack (workspace), "summary");
}

/* Shown labels under @root with the CSS class @css_class */
static guint
count_with_class (GtkWidget  *root,
                  const char *css_class)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  guint n = 0;

  collect_by_type (root, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_has_css_class (labels->pdata[i], css_class) && hz_test_widget_is_shown (labels->pdata[i]))
      n++;

  return n;
}

/* No label is @date (an EDD) as any page writes a date; the same day may
 * stand inside another fact ("by 2027-02-10" of a task) */
static void
assert_no_date (GtkWidget   *root,
                const GDate *date)
{
  g_autofree char *long_form = hz_ui_format_gdate (date);
  g_autofree char *iso = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date),
                                          g_date_get_month (date), g_date_get_day (date));

  g_assert_cmpuint (hz_test_count_label (root, long_form), ==, 0);
  g_assert_cmpuint (hz_test_count_label (root, iso), ==, 0);
}

static const char *
active_purple_flag_title (HzCase *kase)
{
  GListModel *flags = hz_case_get_resources (kase, "Flag");

  for (guint i = 0; i < g_list_model_get_n_items (flags); i++)
    {
      g_autoptr(HzResource) flag = g_list_model_get_item (flags, i);
      const HzJv *json = hz_resource_get_value (flag);

      if (g_strcmp0 (hz_jv_get_string (json, "status"), "active") == 0 && hz_risk_flag_is_purple (json))
        return hz_resource_get_title (flag);
    }

  return NULL;
}

static const char *
first_active_condition_title (HzCase *kase)
{
  GListModel *conditions = hz_case_get_resources (kase, "Condition");

  for (guint i = 0; i < g_list_model_get_n_items (conditions); i++)
    {
      g_autoptr(HzResource) condition = g_list_model_get_item (conditions, i);

      if (g_strcmp0 (hz_fhir_jv_get_concept_code (hz_resource_get_value (condition), "clinicalStatus", NULL),
                     "active") == 0)
        return hz_resource_get_title (condition);
    }

  return NULL;
}

static void
on_case_changed_count (HzCase             *kase,
                       const char * const *types,
                       guint              *count)
{
  (*count)++;
}

/* A purple case: the infectious flag and the grade once on the whole
 * workspace, in the panel; the summary page repeats nothing of the panel;
 * no code instead of its word. Then an Observation written through the
 * store: the summary page and the panel keep their widgets, the result
 * row shows the new value. */
static void
test_patient_panel (void)
{
  HzCaseWorkspace *workspace = open_case (pick_infectious);
  HzCase *kase = hz_case_workspace_get_case (workspace);
  GtkWidget *panel = get_panel (workspace);
  GtkWidget *page = get_summary_page (workspace);
  HzResource *patient = hz_case_get_patient (kase);
  const char *mrn = hz_fhir_jv_get_identifier (hz_resource_get_value (patient), HZ_SYSTEM_MRN);
  const char *flag_title = active_purple_flag_title (kase);
  const char *condition_title = first_active_condition_title (kase);
  const char *orange = hz_risk_colour_get_display_name (hz_risk_get_current (hz_case_get_resources (kase, "RiskAssessment"), NULL));
  g_autoptr(GPtrArray) weights = hz_case_find_observations (kase, HZ_LOINC_BODY_WEIGHT);
  g_autoptr(JsonObject) weight = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *flag_row, *condition_row, *weight_row, *ga_row, *name_label;
  HzDating dating;
  guint changed = 0;
  gulong handler;

  g_assert_nonnull (flag_title);
  g_assert_nonnull (condition_title);
  g_assert_nonnull (mrn);
  hz_case_get_dating (kase, &dating);

  /* The flag: one label in the workspace, in the panel */
  g_assert_cmpuint (hz_test_count_label (GTK_WIDGET (workspace), flag_title), ==, 1);
  g_assert_cmpuint (hz_test_count_label (panel, flag_title), ==, 1);
  /* The grade and the purple badge: once, in the panel */
  g_assert_cmpuint (count_with_class (GTK_WIDGET (workspace), "risk-purple-badge"), ==, 1);
  g_assert_cmpuint (count_with_class (panel, "risk-purple-badge"), ==, 1);
  g_assert_cmpuint (count_with_class (GTK_WIDGET (workspace), "risk-badge"), ==, 2);
  g_assert_false (hz_test_has_label_containing (page, orange));

  /* The panel has the identity and the dating; the page none of it */
  g_assert_cmpuint (hz_test_count_label (panel, mrn), ==, 1);
  g_assert_cmpuint (hz_test_count_label (panel, "Due date"), ==, 1);
  g_assert_cmpuint (hz_test_count_label (page, "Age"), ==, 0);
  g_assert_cmpuint (hz_test_count_label (page, "Medical record number"), ==, 0);
  g_assert_cmpuint (hz_test_count_label (page, "Due date"), ==, 0);
  g_assert_cmpuint (hz_test_count_label (page, "Estimated due date"), ==, 0);
  g_assert_false (hz_test_has_label_containing (page, mrn));
  g_assert_false (hz_test_has_label_containing (page, hz_case_get_patient_name (kase)));
  assert_no_date (page, &dating.edd);

  /* Every coded value in words */
  hz_test_assert_no_raw_codes (GTK_WIDGET (workspace));

  /* One Observation changes */
  flag_row = hz_test_find_row (panel, flag_title);
  condition_row = hz_test_find_row (page, condition_title);
  weight_row = hz_test_find_row (page, "Weight");
  ga_row = find_by_name (panel, "patient-ga");
  name_label = find_by_name (panel, "patient-header-name");
  g_assert_nonnull (flag_row);
  g_assert_nonnull (condition_row);
  g_assert_nonnull (weight_row);
  g_assert_nonnull (ga_row);
  g_assert_true (hz_test_has_label_containing (weight_row, "kg"));
  g_assert_false (hz_test_has_label_containing (weight_row, "99.9 kg"));

  weight = hz_test_store_get_json (hz_case_get_store (kase), "Observation",
                                   hz_resource_get_id (g_ptr_array_index (weights, weights->len - 1)), &error);
  g_assert_no_error (error);
  json_object_set_double_member (json_object_get_object_member (weight, "valueQuantity"), "value", 99.9);
  handler = g_signal_connect (kase, "changed", G_CALLBACK (on_case_changed_count), &changed);
  g_assert_true (hz_store_put (hz_case_get_store (kase), hz_case_get_id (kase), weight, &error));
  g_assert_no_error (error);
  hz_test_wait_for (&changed, 1);
  g_signal_handler_disconnect (kase, handler);

  g_assert_true (hz_test_find_row (page, "Weight") == weight_row);
  g_assert_true (hz_test_has_label_containing (weight_row, "99.9 kg"));
  g_assert_true (hz_test_find_row (page, condition_title) == condition_row);
  g_assert_true (hz_test_find_row (panel, flag_title) == flag_row);
  g_assert_true (find_by_name (panel, "patient-ga") == ga_row);
  g_assert_true (find_by_name (panel, "patient-header-name") == name_label);
  g_assert_cmpuint (hz_test_count_label (GTK_WIDGET (workspace), flag_title), ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (get_window ()), "win.close-case", NULL));
}

/* Delivered: the panel says when and which postpartum day, never an EDD */
static void
test_patient_panel_postpartum (void)
{
  HzCaseWorkspace *workspace = open_case (pick_delivered);
  HzCase *kase = hz_case_workspace_get_case (workspace);
  GtkWidget *panel = get_panel (workspace);
  g_autofree char *delivered = NULL;
  HzDating dating;

  hz_case_get_dating (kase, &dating);
  g_assert_true (dating.delivered);
  delivered = hz_ui_format_gdate (&dating.delivery_date);

  g_assert_cmpuint (hz_test_count_label (panel, "Delivered"), ==, 1);
  g_assert_true (hz_test_has_label_containing (panel, delivered));
  g_assert_true (hz_test_has_label_containing (panel, "postpartum day"));
  g_assert_cmpuint (hz_test_count_label (GTK_WIDGET (workspace), "Due date"), ==, 0);
  g_assert_cmpuint (hz_test_count_label (GTK_WIDGET (workspace), "Gestational age"), ==, 0);
  if (dating.method != HZ_DATING_NONE)
    assert_no_date (panel, &dating.edd);
  hz_test_assert_no_raw_codes (GTK_WIDGET (workspace));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (get_window ()), "win.close-case", NULL));
}

/* In Chinese, each case: 待办 on the summary, never 已到期 anywhere in the
 * window, full-width punctuation, no code */
static void
test_terms_zh_cn (void)
{
  CasePick picks[] = { pick_infectious, pick_delivered, pick_pregnant };

  if (!hz_test_run_in_zh_cn ())
    return;

  for (guint i = 0; i < G_N_ELEMENTS (picks); i++)
    {
      HzCaseWorkspace *workspace = open_case (picks[i]);
      GtkWidget *window = GTK_WIDGET (get_window ());

      g_assert_cmpuint (hz_test_count_label (get_summary_page (workspace), "待办"), ==, 1);
      g_assert_false (hz_test_has_label_containing (window, "已到期"));
      g_assert_false (hz_test_has_label_containing (window, "到期"));
      hz_test_assert_full_width_punctuation (GTK_WIDGET (workspace));
      hz_test_assert_no_raw_codes (GTK_WIDGET (workspace));
    }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (get_window ()), "win.close-case", NULL));
}

/* The hospital's time zone changed in Preferences: the open case is shown
 * again at once, on the page it was on, with its dates by the new rule
 * (a weight taken one morning in Beijing is the evening before in New
 * York). */
/* @data: the old workspace's weak pointer. A new workspace may be made at
 * the address of the old one once that is freed: gone is what counts. */
static gboolean
workspace_replaced (gpointer data)
{
  HzCaseWorkspace *workspace = get_workspace ();

  return *(gpointer *) data == NULL && workspace != NULL && hz_case_workspace_get_loaded (workspace)
      && adw_view_stack_get_child_by_name (hz_case_workspace_get_view_stack (workspace), "summary") != NULL;
}

/* Sets the time zone (NULL: resets it) and waits until the open workspace
 * was replaced; the old one is watched before, as the window may replace it
 * while the setting is written */
static void
set_time_zone_and_wait (GSettings  *settings,
                        const char *time_zone)
{
  gpointer old = get_workspace ();

  g_assert_nonnull (old);
  g_object_add_weak_pointer (G_OBJECT (old), &old);
  if (time_zone != NULL)
    g_settings_set_string (settings, "time-zone", time_zone);
  else
    g_settings_reset (settings, "time-zone");
  g_assert_true (wait_for (workspace_replaced, &old));
}

static void
test_time_zone_live (void)
{
  HzCaseWorkspace *workspace = open_case (pick_infectious);
  HzCase *kase = hz_case_workspace_get_case (workspace);
  g_autoptr(GSettings) settings = hz_settings_new ();
  g_autoptr(GPtrArray) weights = hz_case_find_observations (kase, HZ_LOINC_BODY_WEIGHT);
  g_autofree char *when = NULL;
  g_autofree char *here = NULL;
  g_autofree char *there = NULL;
  GtkWidget *row;

  g_assert_cmpuint (weights->len, >, 0);
  when = g_strdup (hz_fhir_jv_get_resource_date (hz_resource_get_value (g_ptr_array_index (weights, weights->len - 1))));
  g_assert_true (hz_fhir_set_display_time_zone ("Asia/Shanghai"));
  here = hz_fhir_format_date (when);
  g_assert_true (hz_fhir_set_display_time_zone ("America/New_York"));
  there = hz_fhir_format_date (when);
  g_assert_true (hz_fhir_set_display_time_zone (NULL));
  /* the record is one that moves a day */
  g_assert_cmpstr (here, !=, there);

  set_time_zone_and_wait (settings, "Asia/Shanghai");
  workspace = get_workspace ();
  row = hz_test_find_row (get_summary_page (workspace), "Weight");
  g_assert_nonnull (row);
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), here));

  set_time_zone_and_wait (settings, "America/New_York");
  workspace = get_workspace ();
  /* the page it was on */
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (hz_case_workspace_get_view_stack (workspace)),
                   ==, "summary");
  row = hz_test_find_row (get_summary_page (workspace), "Weight");
  g_assert_nonnull (row);
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), there));

  set_time_zone_and_wait (settings, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  hz_test_i18n_init (argc, argv);
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_add_func ("/huizhen/shell/no-display", test_no_display);
      return g_test_run ();
    }

  tmp_dir = hz_test_make_tmp_dir ("huizhen-shell-XXXXXX");
  db_path = g_build_filename (tmp_dir, "huizhen.db", NULL);

  g_setenv ("HUIZHEN_DB", db_path, TRUE);
  g_setenv ("XDG_DATA_HOME", tmp_dir, TRUE);
  g_setenv ("XDG_CACHE_HOME", tmp_dir, TRUE);

  seed_database ();

  /* The application as the program makes it; non-unique so that the test
   * does not meet a running Huizhen on the session bus. */
  app = hz_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));

  g_test_add_func ("/huizhen/shell/format", test_format);
  g_test_add_func ("/huizhen/shell/risk-badge", test_risk_badge);
  g_test_add_func ("/huizhen/shell/case-list", test_case_list);
  g_test_add_func ("/huizhen/shell/search", test_search);
  g_test_add_func ("/huizhen/shell/workspace", test_workspace);
  g_test_add_func ("/huizhen/shell/layout", test_layout);
  g_test_add_func ("/huizhen/shell/patient-panel", test_patient_panel);
  g_test_add_func ("/huizhen/shell/patient-panel-postpartum", test_patient_panel_postpartum);
  g_test_add_func ("/huizhen/shell/terms/zh_CN", test_terms_zh_cn);
  g_test_add_func ("/huizhen/shell/import", test_import);
  g_test_add_func ("/huizhen/shell/other-process", test_other_process);
  g_test_add_func ("/huizhen/shell/preferences", test_preferences);
  g_test_add_func ("/huizhen/shell/first-run", test_first_run);
  g_test_add_func ("/huizhen/shell/time-zone-live", test_time_zone_live);
  g_test_add_func ("/huizhen/shell/audit-replaced", test_audit_replaced);
  g_test_add_func ("/huizhen/shell/audit-banner", test_audit_banner);
  g_test_add_func ("/huizhen/shell/shortcuts", test_shortcuts);
  g_test_add_func ("/huizhen/shell/help-overlay", test_help_overlay);
  g_test_add_func ("/huizhen/shell/lazy-menus", test_lazy_menus);
  g_test_add_func ("/huizhen/shell/case-list-status-pages", test_case_list_status_pages);
  g_test_add_func ("/huizhen/shell/case-list-keys", test_case_list_keys);
  g_test_add_func ("/huizhen/shell/case-list-count-pinyin", test_case_list_count_and_pinyin);

  ret = g_test_run ();

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&app);

  hz_test_remove_tree (tmp_dir);

  g_clear_pointer (&seeded_names, g_ptr_array_unref);
  g_free (seeded_mrn);
  g_free (db_path);
  g_free (tmp_dir);

  return ret;
}
