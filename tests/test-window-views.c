/* test-window-views.c — the window-wide views that plugins add (HzWindowAddin)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the huizhen window under Xvfb with the test window plugin active: its
 * window addin adds "test-view" once the store is open and the clinician
 * known; the sidebar button with its badges, showing it (action and
 * button), opening a case from it on a page, a view asked for before the
 * plugin adds it, and the plugin unloaded and loaded again. Widgets are
 * found by their names, never by position.
 */

#define G_LOG_DOMAIN "test-window-views"

#include "config.h"

#include <hz-ui.h>

#include "hz-test-app.h"
#include "hz-shell-utils.h"
#include "hz-test-utils.h"
#include "hz-test-widgets.h"
#include "hz-window.h"
#include "hz-window-private.h"

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

static gboolean
named_exists (gpointer name)
{
  return find_named (name) != NULL;
}

static gboolean
named_gone (gpointer name)
{
  return find_named (name) == NULL;
}

static gboolean
stack_shows (gpointer name)
{
  HzWindow *window = get_window ();

  return window != NULL && g_strcmp0 (gtk_stack_get_visible_child_name (window->content_stack), name) == 0;
}

static gboolean
workspace_on_summary (gpointer case_id)
{
  HzCaseWorkspace *workspace = hz_window_get_workspace (get_window ());

  return workspace != NULL && hz_case_workspace_get_loaded (workspace)
         && g_strcmp0 (hz_case_workspace_get_case_id (workspace), case_id) == 0
         && g_strcmp0 (adw_view_stack_get_visible_child_name (hz_case_workspace_get_view_stack (workspace)),
                       "summary") == 0
         && stack_shows ("workspace");
}

static void
set_test_plugin_active (gboolean active)
{
  g_autoptr(GSettings) settings = hz_settings_new ();
  const char *with[] = { "test-window-plugin", NULL };
  const char *without[] = { NULL };
  PeasEngine *engine = hz_plugin_engine_get_peas (hz_plugin_engine_get_default ());
  PeasPluginInfo *info = peas_engine_get_plugin_info (engine, "test-window-plugin");

  g_assert_nonnull (info);
  g_settings_set_strv (settings, "active-plugins", active ? with : without);
  if (active)
    g_assert_true (peas_engine_load_plugin (engine, info));
  else
    g_assert_true (peas_engine_unload_plugin (engine, info));
}

static void
test_view_added (void)
{
  {
    g_autoptr(GSettings) settings = hz_settings_new ();
    const char *with[] = { "test-window-plugin", NULL };

    hz_test_app_seed_demo ();
    g_settings_set_strv (settings, "active-plugins", with);
  }
  hz_test_app_activate ();

  /* the button, in the sidebar, with its two badges */
  g_assert_true (hz_test_wait_until (named_exists, "view-button-test-view"));
  g_assert_true (gtk_widget_get_visible (find_named ("window-views")));
  g_assert_true (gtk_widget_is_ancestor (find_named ("view-button-test-view"), get_window ()->sidebar));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (find_named ("view-count-test-view"))), ==, "3");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (find_named ("view-urgent-test-view"))), ==, "1 overdue");
  g_assert_true (gtk_widget_get_visible (find_named ("view-urgent-test-view")));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (find_named ("view-button-test-view")), ==,
                   "A view of the test plugin");

  /* not on show until asked for */
  g_assert_false (stack_shows ("view-test-view"));
  g_signal_emit_by_name (find_named ("view-button-test-view"), "clicked");
  g_assert_true (hz_test_wait_until (stack_shows, "view-test-view"));
}

static void
test_open_case_from_view (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = hz_store_list_cases (hz_window_get_store (get_window ()), &error);
  const char *case_id;

  g_assert_no_error (error);
  case_id = hz_case_summary_get_case_id (cases->pdata[0]);

  /* from the view: the case, on the page asked for */
  g_signal_emit_by_name (find_named ("test-view-open"), "clicked");
  g_assert_true (hz_test_wait_until (workspace_on_summary, (gpointer) case_id));

  /* and back, by the action the button names */
  gtk_widget_activate_action (GTK_WIDGET (get_window ()), "win.show-view", "s", "test-view");
  g_assert_true (hz_test_wait_until (stack_shows, "view-test-view"));
}

static void
test_unload_and_pending (void)
{
  /* unloaded: its button and page go; the open case shows again */
  set_test_plugin_active (FALSE);
  g_assert_true (hz_test_wait_until (named_gone, "view-button-test-view"));
  g_assert_null (gtk_stack_get_child_by_name (get_window ()->content_stack, "view-test-view"));
  /* the section stays only for the built-in referral plugin's view */
  g_assert_true (gtk_widget_get_visible (find_named ("window-views")) ==
                 (find_named ("view-button-referral-office") != NULL));
  g_assert_true (stack_shows ("workspace"));

  /* asked for before it exists (as `huizhen --view` does): shown when added */
  hz_main_window_show_view (HZ_MAIN_WINDOW (get_window ()), "test-view");
  g_assert_true (stack_shows ("workspace"));
  set_test_plugin_active (TRUE);
  g_assert_true (hz_test_wait_until (stack_shows, "view-test-view"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (find_named ("view-count-test-view"))), ==, "3");
}

static gboolean
quit_loop (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
run_for_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, quit_loop, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
label_shown (gpointer text)
{
  return hz_test_count_label (GTK_WIDGET (get_window ()), text) > 0;
}


static gboolean
label_gone (gpointer text)
{
  return !label_shown (text);
}

/* libadwaita 1.2 frees a toast's record when its hide animation ends,
 * while its show animation may not have ended (test-shell crashed in
 * show_done_cb under load). The shell's toasts go through
 * hz_shell_add_toast, which shows one at a time, keeps time-outs itself and
 * dismisses only after a show has ended: here the main loop is held up past
 * a time-out, as a long write on a loaded machine does, and the toast still
 * goes in order; an error toast ends a normal one and a persistent one (the
 * registry's, which comes back after it), goes at its own time-out, and
 * waits behind another error. */
static void
test_toast_burst (void)
{
  HzWindow *window = get_window ();

  for (guint round = 0; round < 3; round++)
    {
      g_autofree char *title = g_strdup_printf ("Imported %u", round);
      AdwToast *toast = adw_toast_new (title);

      adw_toast_set_timeout (toast, 1);
      hz_shell_add_toast (window->toast_overlay, toast);
      g_assert_true (hz_test_wait_until (label_shown, title));
      g_usleep (1500 * G_TIME_SPAN_MILLISECOND);
      run_for_ms (1200);
      g_assert_true (hz_test_wait_until (label_gone, title));
    }

  {
    AdwToast *normal = adw_toast_new ("Saved");
    AdwToast *persistent = g_object_ref (adw_toast_new ("Overdue follow-ups"));
    AdwToast *error = adw_toast_new ("Could not save");

    adw_toast_set_timeout (normal, 5);
    adw_toast_set_priority (persistent, ADW_TOAST_PRIORITY_HIGH);
    adw_toast_set_timeout (persistent, 0);
    adw_toast_set_priority (error, ADW_TOAST_PRIORITY_HIGH);
    adw_toast_set_timeout (error, 1);

    /* a normal one on show, then a persistent high-priority one ends it */
    hz_shell_add_toast (window->toast_overlay, normal);
    g_assert_true (hz_test_wait_until (label_shown, "Saved"));
    hz_shell_add_toast (window->toast_overlay, persistent);
    g_assert_true (hz_test_wait_until (label_shown, "Overdue follow-ups"));
    g_assert_true (hz_test_wait_until (label_gone, "Saved"));

    /* an error ends the persistent one too, goes at its time-out, and the
     * persistent one comes back */
    hz_shell_add_toast (window->toast_overlay, error);
    g_assert_true (hz_test_wait_until (label_shown, "Could not save"));
    g_assert_true (hz_test_wait_until (label_gone, "Overdue follow-ups"));
    g_assert_true (hz_test_wait_until (label_gone, "Could not save"));
    g_assert_true (hz_test_wait_until (label_shown, "Overdue follow-ups"));

    /* an error waits behind an error */
    {
      AdwToast *one = adw_toast_new ("Error one");
      AdwToast *two = adw_toast_new ("Error two");

      adw_toast_set_priority (one, ADW_TOAST_PRIORITY_HIGH);
      adw_toast_set_timeout (one, 1);
      adw_toast_set_priority (two, ADW_TOAST_PRIORITY_HIGH);
      adw_toast_set_timeout (two, 1);
      hz_shell_add_toast (window->toast_overlay, one);
      hz_shell_add_toast (window->toast_overlay, two);
      g_assert_true (hz_test_wait_until (label_shown, "Error one"));
      g_assert_false (label_shown ("Error two"));
      g_assert_true (hz_test_wait_until (label_shown, "Error two"));
      g_assert_true (hz_test_wait_until (label_gone, "Error one"));
      g_assert_true (hz_test_wait_until (label_gone, "Error two"));
    }
    g_object_unref (persistent);
    g_assert_false (label_shown ("Saved"));
  }
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  hz_test_i18n_init (argc, argv);
  g_test_init (&argc, &argv, NULL);
  hz_test_app_setup ("huizhen-window-views-XXXXXX");

  g_test_add_func ("/huizhen/window-views/added", test_view_added);
  g_test_add_func ("/huizhen/window-views/open-case", test_open_case_from_view);
  g_test_add_func ("/huizhen/window-views/unload-and-pending", test_unload_and_pending);
  g_test_add_func ("/huizhen/window-views/toast-burst", test_toast_burst);

  ret = g_test_run ();
  hz_test_app_teardown ();

  return ret;
}
