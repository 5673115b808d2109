/* test-shortcuts-window.c — the Keyboard Shortcuts window and the plugins' keys
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the huizhen window under Xvfb with every built-in plugin and the test
 * window plugin (a user's plugin, not built in) loaded: the window opened by
 * its action shows the shell's groups, then one group per plugin that
 * registered its keys (hz_shortcuts_register()), titled by the plugin's
 * name, each row with its exact title and keys. A plugin switched off in
 * Preferences, and the built-in conference plugin unloaded by the engine,
 * are gone the next time the window opens, and back once loaded again; rows
 * a plugin got wrong are left out; the zh_CN titles.
 */

#define G_LOG_DOMAIN "test-shortcuts-window"

#include "config.h"

#include <hz-ui.h>

#include "hz-plugin-row.h"
#include "hz-preferences-window.h"
#include "hz-shortcuts-private.h"
#include "hz-test-app.h"
#include "hz-test-utils.h"
#include "hz-test-widgets.h"

typedef struct
{
  const char      *title;
  const char      *accelerator;
  GtkShortcutType  type;
} Row;

static const Row general_rows[] = {
  { "Import Case", "<Control>o" },
  { "Preferences", "<Control>comma" },
  { "Keyboard Shortcuts", "<Control>question <Control>slash" },
  { "Quit", "<Control>q" },
};

static const Row conference_rows[] = {
  { "Next Case", "Page_Down <Alt>Right" },
  { "Previous Case", "Page_Up <Alt>Left" },
};

static const Row conference_rows_zh[] = {
  { "下一个病例", "Page_Down <Alt>Right" },
  { "上一个病例", "Page_Up <Alt>Left" },
};

static const Row timeline_rows[] = {
  { "Search Events", "<Control>f" },
  { "Go to a Gestational Age or Date", "<Control>g" },
  { "Scroll to Today", "<Control>t" },
  { "Show Events", "<Control>1" },
  { "Show Lab Trends", "<Control>2" },
  { "Show the Selected Event’s Details", "Return" },
};

static const Row imaging_rows[] = {
  { "Play or Pause the Cine Loop", "space" },
  { "Previous Frame", "Left" },
  { "Next Frame", "Right" },
  { "Delete the Selected Annotation", "Delete" },
};

static const Row test_plugin_rows[] = {
  { "Open the Test View", "<Control><Shift>v" },
  { "Zoom the Test View", NULL, GTK_SHORTCUT_GESTURE_PINCH },
};

/* --- helpers ------------------------------------------------------------------- */

static void
collect_by_type (GtkWidget *widget,
                 GType      type,
                 GPtrArray *out)
{
  if (g_type_is_a (G_OBJECT_TYPE (widget), type))
    g_ptr_array_add (out, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_by_type (child, type, out);
}

/* Opened as the user does (its action, Ctrl+?), anew */
static GtkWindow *
open_shortcuts (void)
{
  HzWindow *window = hz_test_app_get_window ();
  GtkWindow *shortcuts;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  g_assert_true (hz_test_wait_until (hz_test_toplevel_shown, (gpointer) "GtkShortcutsWindow"));
  shortcuts = GTK_WINDOW (hz_test_find_toplevel ("GtkShortcutsWindow"));
  g_assert_true (gtk_window_get_transient_for (shortcuts) == GTK_WINDOW (window));
  return shortcuts;
}

static char *
group_title (GtkWidget *group)
{
  char *title = NULL;

  g_object_get (group, "title", &title, NULL);
  return title;
}

/* The titles of the window's groups, in order, joined by "|" */
static char *
group_titles (GtkWindow *shortcuts)
{
  g_autoptr(GPtrArray) groups = g_ptr_array_new ();
  g_autoptr(GStrvBuilder) titles = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  collect_by_type (GTK_WIDGET (shortcuts), GTK_TYPE_SHORTCUTS_GROUP, groups);
  for (guint i = 0; i < groups->len; i++)
    {
      g_autofree char *title = group_title (groups->pdata[i]);

      g_assert_true (hz_test_widget_is_shown (groups->pdata[i]));
      g_strv_builder_add (titles, title);
    }
  strv = g_strv_builder_end (titles);
  return g_strjoinv ("|", strv);
}

/* The one group titled @title: named @name (NULL: the shell's, no name of
 * its own), its rows exactly @rows in order */
static void
assert_group (GtkWindow  *shortcuts,
              const char *title,
              const char *name,
              const Row  *rows,
              gsize       n_rows)
{
  g_autoptr(GPtrArray) groups = g_ptr_array_new ();
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  GtkWidget *group;

  collect_by_type (GTK_WIDGET (shortcuts), GTK_TYPE_SHORTCUTS_GROUP, groups);
  for (guint i = 0; i < groups->len; i++)
    {
      g_autofree char *group_name = group_title (groups->pdata[i]);

      if (g_strcmp0 (group_name, title) == 0)
        g_ptr_array_add (found, groups->pdata[i]);
    }
  g_test_message ("group “%s”", title);
  g_assert_cmpuint (found->len, ==, 1);
  group = found->pdata[0];
  if (name != NULL)
    {
      g_assert_cmpstr (gtk_widget_get_name (group), ==, name);
      g_assert_true (hz_test_find_named (GTK_WIDGET (shortcuts), name) == group);
    }

  collect_by_type (group, GTK_TYPE_SHORTCUTS_SHORTCUT, shown);
  g_assert_cmpuint (shown->len, ==, n_rows);
  for (guint i = 0; i < n_rows; i++)
    {
      g_autofree char *row_title = NULL;
      g_autofree char *accelerator = NULL;
      GtkShortcutType type;

      g_object_get (shown->pdata[i], "title", &row_title, "accelerator", &accelerator,
                    "shortcut-type", &type, NULL);
      g_assert_true (hz_test_widget_is_shown (shown->pdata[i]));
      g_assert_cmpstr (row_title, ==, rows[i].title);
      g_assert_cmpint (type, ==, rows[i].type);
      if (rows[i].accelerator != NULL)
        g_assert_cmpstr (accelerator, ==, rows[i].accelerator);
      else
        g_assert_true (accelerator == NULL || *accelerator == '\0');
    }
}

static void
set_plugin_loaded (const char *module_name,
                   gboolean    loaded)
{
  PeasEngine *engine = hz_plugin_engine_get_peas (hz_plugin_engine_get_default ());
  PeasPluginInfo *info = peas_engine_get_plugin_info (engine, module_name);

  g_assert_nonnull (info);
  if (loaded)
    g_assert_true (peas_engine_load_plugin (engine, info));
  else
    g_assert_true (peas_engine_unload_plugin (engine, info));
  g_assert_true (peas_plugin_info_is_loaded (info) == loaded);
}

/* Preferences' Plugins page: @module_name's switch set to @active, as a
 * click does; its sensitivity as found */
static gboolean
switch_plugin_in_preferences (const char *module_name,
                              gboolean    active)
{
  g_autofree char *row_name = g_strdup_printf ("plugin-row-%s", module_name);
  HzPreferencesWindow *preferences;
  GtkWidget *row;
  GtkSwitch *toggle;
  gboolean sensitive;

  /* a toplevel's widget name is its type's unless set */
  g_action_group_activate_action (G_ACTION_GROUP (hz_test_app_get ()), "preferences", NULL);
  g_assert_true (hz_test_wait_until (hz_test_toplevel_shown, (gpointer) "HzPreferencesWindow"));
  preferences = HZ_PREFERENCES_WINDOW (hz_test_find_toplevel ("HzPreferencesWindow"));
  row = hz_test_find_named (GTK_WIDGET (preferences), row_name);
  g_assert_true (HZ_IS_PLUGIN_ROW (row));
  toggle = hz_plugin_row_get_switch (HZ_PLUGIN_ROW (row));
  sensitive = gtk_widget_get_sensitive (GTK_WIDGET (toggle));
  if (sensitive)
    gtk_switch_set_active (toggle, active);
  gtk_window_destroy (GTK_WINDOW (preferences));
  return sensitive;
}

/* The plugins are loaded after the first frame, the window's views once
 * the store is open: the conference plugin's button says both happened */
static gboolean
plugins_ready (gpointer data)
{
  return hz_test_app_find_named ("view-button-conference") != NULL;
}

/* --- tests ----------------------------------------------------------------------- */

static void
test_groups (void)
{
  GtkWindow *shortcuts = open_shortcuts ();
  g_autofree char *titles = group_titles (shortcuts);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  /* the shell's groups, then the plugins' by title: each key declared
   * once, by what handles it (no second Timeline group of the shell's) */
  g_assert_cmpstr (titles, ==,
                   "General|Cases|Case Workspace|Imaging|MDT Meetings|Test window view|Timeline");
  assert_group (shortcuts, "General", NULL, general_rows, G_N_ELEMENTS (general_rows));
  assert_group (shortcuts, "MDT Meetings", "shortcuts-conference", conference_rows, G_N_ELEMENTS (conference_rows));
  assert_group (shortcuts, "Timeline", "shortcuts-timeline", timeline_rows, G_N_ELEMENTS (timeline_rows));
  assert_group (shortcuts, "Imaging", "shortcuts-imaging", imaging_rows, G_N_ELEMENTS (imaging_rows));
  assert_group (shortcuts, "Test window view", "shortcuts-test-window-plugin",
                test_plugin_rows, G_N_ELEMENTS (test_plugin_rows));

  /* every key row shows its keys, an action's looked up in the
   * application (the window's search page has copies: the groups' rows) */
  {
    g_autoptr(GPtrArray) groups = g_ptr_array_new ();

    collect_by_type (GTK_WIDGET (shortcuts), GTK_TYPE_SHORTCUTS_GROUP, groups);
    for (guint i = 0; i < groups->len; i++)
      collect_by_type (groups->pdata[i], GTK_TYPE_SHORTCUTS_SHORTCUT, rows);
  }
  g_assert_cmpuint (rows->len, ==, 4 + 3 + 2 + 4 + 2 + 2 + 6);
  for (guint i = 0; i < rows->len; i++)
    {
      g_autofree char *accelerator = NULL;
      GtkShortcutType type;

      g_object_get (rows->pdata[i], "accelerator", &accelerator, "shortcut-type", &type, NULL);
      if (type == GTK_SHORTCUT_ACCELERATOR)
        g_assert_true (accelerator != NULL && *accelerator != '\0');
    }

  /* asked again while open: the same window, not a second one */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (hz_test_app_get_window ()), "win.show-help-overlay", NULL));
  {
    guint n = 0;

    for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
      n += GTK_IS_SHORTCUTS_WINDOW (l->data);
    g_assert_cmpuint (n, ==, 1);
  }
  gtk_window_destroy (shortcuts);
}

static void
test_unloaded_in_preferences (void)
{
  PeasEngine *engine = hz_plugin_engine_get_peas (hz_plugin_engine_get_default ());
  GtkWindow *shortcuts;
  g_autofree char *titles = NULL;

  /* a user's plugin, switched off in Preferences: its keys go */
  g_assert_true (switch_plugin_in_preferences ("test-window-plugin", FALSE));
  g_assert_false (peas_plugin_info_is_loaded (peas_engine_get_plugin_info (engine, "test-window-plugin")));
  shortcuts = open_shortcuts ();
  titles = group_titles (shortcuts);
  g_assert_cmpstr (titles, ==, "General|Cases|Case Workspace|Imaging|MDT Meetings|Timeline");
  g_assert_null (hz_test_find_named (GTK_WIDGET (shortcuts), "shortcuts-test-window-plugin"));
  gtk_window_destroy (shortcuts);

  /* and on again: back (its module loaded again registers again) */
  g_assert_true (switch_plugin_in_preferences ("test-window-plugin", TRUE));
  shortcuts = open_shortcuts ();
  assert_group (shortcuts, "Test window view", "shortcuts-test-window-plugin",
                test_plugin_rows, G_N_ELEMENTS (test_plugin_rows));
  gtk_window_destroy (shortcuts);
}

static void
test_conference_unloaded (void)
{
  GtkWindow *shortcuts;
  g_autofree char *titles = NULL;
  g_autofree char *again = NULL;

  /* built in: Preferences cannot switch it off; the engine unloads it as
   * it does a user's plugin (peas_engine_unload_plugin) */
  g_assert_false (switch_plugin_in_preferences ("conference", FALSE));
  set_plugin_loaded ("conference", FALSE);
  shortcuts = open_shortcuts ();
  titles = group_titles (shortcuts);
  g_assert_cmpstr (titles, ==, "General|Cases|Case Workspace|Imaging|Test window view|Timeline");
  g_assert_null (hz_test_find_named (GTK_WIDGET (shortcuts), "shortcuts-conference"));
  g_assert_cmpuint (hz_test_count_label (GTK_WIDGET (shortcuts), "Next Case"), ==, 0);
  g_assert_cmpuint (hz_test_count_label (GTK_WIDGET (shortcuts), "Previous Case"), ==, 0);
  gtk_window_destroy (shortcuts);

  set_plugin_loaded ("conference", TRUE);
  shortcuts = open_shortcuts ();
  again = group_titles (shortcuts);
  g_assert_cmpstr (again, ==,
                   "General|Cases|Case Workspace|Imaging|MDT Meetings|Test window view|Timeline");
  assert_group (shortcuts, "MDT Meetings", "shortcuts-conference", conference_rows, G_N_ELEMENTS (conference_rows));
  gtk_window_destroy (shortcuts);
}

/* A plugin's rows GTK could not show are left out, each named in a
 * warning; the others are shown */
static void
test_wrong_rows (void)
{
  static const HzShortcut table[] = {
    { "Open the Test View", "<Control><Shift>v" },
    { "Broken", "<Control>nosuchkey" },
    { "", "<Control>e" },
    { "Nothing to Press" },
    { "Switch Tabs", "<Control>Page_Down...<Control>Page_Up" },
  };
  static const Row shown[] = {
    { "Open the Test View", "<Control><Shift>v" },
    { "Switch Tabs", "<Control>Page_Down...<Control>Page_Up" },
  };
  g_autoptr(PeasObjectModule) module = peas_object_module_new ("test-window-plugin", "/nonexistent", FALSE);
  GtkWindow *shortcuts;

  g_test_expect_message ("hz-ui", G_LOG_LEVEL_WARNING,
                         "Plugin “test-window-plugin”: shortcut “Broken” has an accelerator GTK cannot parse, "
                         "“<Control>nosuchkey”; left out");
  g_test_expect_message ("hz-ui", G_LOG_LEVEL_WARNING,
                         "Plugin “test-window-plugin”: shortcut 3 has no title; left out");
  g_test_expect_message ("hz-ui", G_LOG_LEVEL_WARNING,
                         "Plugin “test-window-plugin”: shortcut “Nothing to Press” has no accelerator, action or "
                         "gesture; left out");
  hz_shortcuts_register (module, NULL, table, G_N_ELEMENTS (table));
  g_test_assert_expected_messages ();

  shortcuts = open_shortcuts ();
  assert_group (shortcuts, "Test window view", "shortcuts-test-window-plugin", shown, G_N_ELEMENTS (shown));
  gtk_window_destroy (shortcuts);
}

static void
test_zh_cn (void)
{
  GtkWindow *shortcuts;
  g_autofree char *titles = NULL;

  if (!hz_test_run_in_zh_cn ())
    return;
  shortcuts = open_shortcuts ();
  titles = group_titles (shortcuts);
  g_assert_nonnull (strstr (titles, "常规|病例|病例工作区|"));
  assert_group (shortcuts, "多学科会诊", "shortcuts-conference", conference_rows_zh, G_N_ELEMENTS (conference_rows_zh));
  {
    const Row timeline_zh[] = {
      { "搜索事件", "<Control>f" },
      { "跳转到孕周或日期", "<Control>g" },
      { "滚动到今天", "<Control>t" },
      { "显示事件", "<Control>1" },
      { "显示检验趋势", "<Control>2" },
      { "查看所选事件的详情", "Return" },
    };
    const Row imaging_zh[] = {
      { "播放或暂停电影回放", "space" },
      { "上一帧", "Left" },
      { "下一帧", "Right" },
      { "删除所选标注", "Delete" },
    };

    assert_group (shortcuts, "时间轴", "shortcuts-timeline", timeline_zh, G_N_ELEMENTS (timeline_zh));
    assert_group (shortcuts, "影像", "shortcuts-imaging", imaging_zh, G_N_ELEMENTS (imaging_zh));
  }
  hz_test_assert_full_width_punctuation (GTK_WIDGET (shortcuts));
  gtk_window_destroy (shortcuts);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  hz_test_i18n_init (argc, argv);
  g_test_init (&argc, &argv, NULL);
  hz_test_app_setup ("huizhen-shortcuts-window-XXXXXX");
  hz_test_app_seed_demo ();
  {
    g_autoptr(GSettings) settings = hz_settings_new ();
    const char *with[] = { "test-window-plugin", NULL };

    g_settings_set_strv (settings, "active-plugins", with);
  }
  hz_test_app_activate ();
  g_assert_true (hz_test_wait_until (plugins_ready, NULL));

  g_test_add_func ("/huizhen/shortcuts-window/groups", test_groups);
  g_test_add_func ("/huizhen/shortcuts-window/unloaded-in-preferences", test_unloaded_in_preferences);
  g_test_add_func ("/huizhen/shortcuts-window/conference-unloaded", test_conference_unloaded);
  g_test_add_func ("/huizhen/shortcuts-window/wrong-rows", test_wrong_rows);
  g_test_add_func ("/huizhen/shortcuts-window/zh_CN", test_zh_cn);

  ret = g_test_run ();
  hz_test_app_teardown ();

  return ret;
}
