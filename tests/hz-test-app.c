/* hz-test-app.c — the huizhen application in a GUI test, as the program makes it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "hz-test-app.h"
#include "hz-test-utils.h"
#include "hz-test-widgets.h"

static HzApplication *app;
static char          *tmp_dir;
static char          *db_path;

HzApplication *
hz_test_app_setup (const char *tmp_template)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (app);
  if (!gtk_init_check ())
    g_error ("No display: the GUI tests need one (run them under xvfb-run)");

  tmp_dir = hz_test_make_tmp_dir (tmp_template);
  db_path = g_build_filename (tmp_dir, "huizhen.db", NULL);
  g_setenv ("HUIZHEN_DB", db_path, TRUE);
  g_setenv ("XDG_DATA_HOME", tmp_dir, TRUE);
  g_setenv ("XDG_CACHE_HOME", tmp_dir, TRUE);

  app = hz_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  return app;
}

HzApplication *
hz_test_app_get (void)
{
  return app;
}

const char *
hz_test_app_get_tmp_dir (void)
{
  return tmp_dir;
}

const char *
hz_test_app_get_db_path (void)
{
  return db_path;
}

guint
hz_test_app_seed_demo (void)
{
  g_autoptr(GSettings) settings = hz_settings_new ();
  g_autoptr(HzActor) actor = hz_settings_dup_actor (settings);
  g_autoptr(HzStore) store = NULL;
  guint n;

  g_assert_nonnull (actor);
  store = hz_test_store_new (tmp_dir, actor);
  n = hz_test_import_demo (store);
  g_assert_cmpuint (n, >, 0);
  return n;
}

HzWindow *
hz_test_app_activate (void)
{
  g_application_activate (G_APPLICATION (app));
  g_assert_nonnull (hz_test_app_get_window ());
  return hz_test_app_get_window ();
}

HzWindow *
hz_test_app_get_window (void)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (HZ_IS_WINDOW (l->data))
      return HZ_WINDOW (l->data);
  return NULL;
}

HzCaseWorkspace *
hz_test_app_get_workspace (void)
{
  GtkWidget *widget = hz_test_app_find_named ("case-workspace");

  return HZ_IS_CASE_WORKSPACE (widget) ? HZ_CASE_WORKSPACE (widget) : NULL;
}

GtkWidget *
hz_test_app_get_page (const char *page)
{
  HzCaseWorkspace *workspace = hz_test_app_get_workspace ();

  return workspace != NULL ? adw_view_stack_get_child_by_name (hz_case_workspace_get_view_stack (workspace), page)
                           : NULL;
}

GtkWidget *
hz_test_app_find_named (const char *name)
{
  HzWindow *window = hz_test_app_get_window ();

  return window != NULL ? hz_test_find_named (GTK_WIDGET (window), name) : NULL;
}

void
hz_test_app_teardown (void)
{
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&app);

  hz_test_remove_tree (tmp_dir);
  g_clear_pointer (&db_path, g_free);
  g_clear_pointer (&tmp_dir, g_free);
}
