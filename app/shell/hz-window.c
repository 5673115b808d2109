/* hz-window.c — the main window: case list and case workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-shell"

#include "config.h"

#include <stdlib.h>

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "hz-case-list.h"
#include "hz-case-workspace.h"
#include "hz-first-run-dialog.h"
#include "hz-shell-utils.h"
#include "hz-registry-view.h"
#include "hz-window-private.h"

G_DEFINE_FINAL_TYPE_WITH_CODE (HzWindow, hz_window, ADW_TYPE_APPLICATION_WINDOW,
                               G_IMPLEMENT_INTERFACE (HZ_TYPE_MAIN_WINDOW,
                                                      hz_window_main_window_iface_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_SETTINGS,
  PROP_DB_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

HzCaseWorkspace *
hz_window_get_workspace (HzWindow *self)
{
  GtkWidget *child = adw_bin_get_child (self->workspace_bin);

  return HZ_IS_CASE_WORKSPACE (child) ? HZ_CASE_WORKSPACE (child) : NULL;
}

void
hz_window_show_toast (HzWindow   *self,
                      const char *message)
{
  g_return_if_fail (HZ_IS_WINDOW (self));

  hz_shell_show_toast (GTK_WIDGET (self->case_list), message);
}

void
hz_window_show_error_toast (HzWindow   *self,
                            const char *message)
{
  g_return_if_fail (HZ_IS_WINDOW (self));

  hz_shell_show_error_toast (GTK_WIDGET (self->case_list), message);
}

static void
on_case_activated_cb (HzWindow   *self,
                      const char *case_id,
                      HzCaseList *case_list)
{
  hz_window_open_case (self, case_id);
}

static void
on_n_cases_changed_cb (HzWindow   *self,
                       GParamSpec *pspec,
                       HzCaseList *case_list)
{
  g_autofree char *subtitle = NULL;
  guint n = hz_case_list_get_n_cases (case_list);
  guint shown = g_list_model_get_n_items (hz_case_list_get_model (case_list));

  if (hz_case_list_get_loaded (case_list) && n > 0 && shown < n)
    /* Translators: the case count while a search shows some of them: "3 of 4 cases" */
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u case", "%u of %u cases", n),
                                shown, n);
  else if (hz_case_list_get_loaded (case_list) && n > 0)
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u case", "%u cases", n), n);

  adw_window_title_set_subtitle (self->sidebar_title, subtitle);
}

static void
on_shown_cases_changed_cb (HzWindow   *self,
                           guint       position,
                           guint       removed,
                           guint       added,
                           GListModel *model)
{
  on_n_cases_changed_cb (self, NULL, self->case_list);
}

static void
on_plugin_error_cb (HzWindow       *self,
                    PeasPluginInfo *plugin_info,
                    const char     *message,
                    HzPluginEngine *engine)
{
  g_autofree char *text = NULL;
  const char *name = plugin_info != NULL ? peas_plugin_info_get_name (plugin_info) : NULL;

  if (name != NULL && (message == NULL || strstr (message, name) == NULL))
    /* Translators: a plugin failed to load; %s is its name, then the reason */
    text = g_strdup_printf (_("Plugin “%s” could not be loaded: %s"), name,
                            message != NULL ? message : _("unknown error"));
  else
    text = g_strdup (message != NULL ? message : _("A plugin could not be loaded"));

  g_warning ("%s", text);
  hz_window_show_error_toast (self, text);
}

/* --- first run ------------------------------------------------------------- */

static void
open_pending_case (HzWindow *self)
{
  g_autofree char *case_id = NULL;

  /* The store opens while the first frame is drawn, the plugins load
   * after it: the plugins' views and the case asked for once both are. */
  if (!self->plugins_ready)
    {
      self->setup_pending = TRUE;
      return;
    }

  self->setup_pending = FALSE;
  case_id = g_steal_pointer (&self->pending_case);

  /* the store is open and the clinician known: the plugins' views now */
  hz_window_setup_window_addins (self);

  if (case_id != NULL)
    hz_window_open_case (self, case_id);

  /* for screenshots: the Keyboard Shortcuts window, the plugins loaded */
  if (g_strcmp0 (g_getenv ("HUIZHEN_SHORTCUTS_OPEN"), "1") == 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-help-overlay", NULL);
}

static void
on_first_run_completed_cb (HzWindow         *self,
                           HzActor          *actor,
                           HzFirstRunDialog *dialog)
{
  hz_shell_set_actor (self->settings, self->store, actor);

  self->has_actor = TRUE;
  self->first_run = NULL;

  hz_window_update_actions (self);
  open_pending_case (self);
}

static void
hz_window_show_first_run (HzWindow *self)
{
  if (self->first_run != NULL)
    return;

  self->first_run = hz_first_run_dialog_new (GTK_WINDOW (self));
  g_signal_connect_object (self->first_run, "completed",
                           G_CALLBACK (on_first_run_completed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (self->first_run));
}

/* --- the audit log's tamper check -------------------------------------------- */

/* Where the last check of this database's audit log ended: kept outside
 * the database, in this user's cache, so that the next start checks only
 * the rows added since. */
static char *
audit_head_cache_path (HzStore *store)
{
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256,
                                                           hz_store_get_path (store), -1);
  g_autofree char *name = g_strdup_printf ("audit-%.16s.head", digest);

  return g_build_filename (g_get_user_cache_dir (), "huizhen", name, NULL);
}

/* check_audit_thread() found another database where the one checked last
 * time was: not evidence of tampering with this one, but IT should know */
#define AUDIT_REPLACED_QUARK (g_quark_from_static_string ("hz-audit-replaced"))

static void
check_audit_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  HzStore *store = HZ_STORE (task_data);
  g_autofree char *cache = audit_head_cache_path (store);
  g_autofree char *kept = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *first = NULL;
  g_auto(GStrv) parts = NULL;
  GError *error = NULL;
  gint64 count = 0;
  gboolean replaced = FALSE;
  gboolean ok;

  /* "COUNT:HASH FIRST": where the last check ended, and how the log began */
  if (g_file_get_contents (cache, &kept, NULL, NULL))
    parts = g_strsplit (g_strstrip (kept), " ", 2);

  if (!hz_store_audit_first_hash (store, &first, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (parts != NULL && parts[0] != NULL && parts[1] != NULL && g_strcmp0 (parts[1], first) != 0)
    {
      /* another log: check it whole, from its first row. A shared copy is
       * no finding: it is made anew by joining the room again once the old
       * one is gone, at the same path (its name is the room's and the
       * shared file's), with a log of its own */
      replaced = hz_store_get_shared_copy (store) == NULL;
      ok = hz_store_verify_audit (store, NULL, &count, &hash, &error);
    }
  else if (parts != NULL && parts[0] != NULL)
    ok = hz_store_verify_audit_since (store, parts[0], &count, &hash, &error);
  else
    ok = hz_store_verify_audit (store, NULL, &count, &hash, &error);

  if (!ok)
    {
      g_task_return_error (task, error);
      return;
    }

  if (hash != NULL && first != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (cache);
      g_autofree char *head = g_strdup_printf ("%" G_GINT64_FORMAT ":%s %s\n", count, hash, first);

      if (g_mkdir_with_parents (dir, 0700) != 0 ||
          !g_file_set_contents_full (cache, head, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, NULL))
        g_debug ("Could not keep the audit head in %s", cache);
    }

  if (replaced)
    g_task_return_new_error (task, AUDIT_REPLACED_QUARK, 0,
                             /* Translators: %s is the database file */
                             _("The case database “%s” is not the one this computer checked last "
                               "time: its audit log begins differently, so it was replaced or "
                               "restored from another copy. Its own audit log is intact. If "
                               "nobody at the hospital did this on purpose, tell the IT "
                               "department."),
                             hz_store_get_path (store));
  else
    g_task_return_boolean (task, TRUE);
}

static void
check_audit_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  HzWindow *self = HZ_WINDOW (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (error->domain == AUDIT_REPLACED_QUARK)
    text = g_strdup (error->message);
  else
    /* Translators: %s says which audit row or guard is broken */
    text = g_strdup_printf (_("The audit log failed its tamper check: %s. Tell the hospital’s IT "
                              "department; until it is examined, the record of who read and changed "
                              "cases cannot be relied on."),
                            error->message);
  gtk_label_set_text (self->audit_banner_label, text);
  gtk_revealer_set_reveal_child (self->audit_banner, TRUE);
}

void
hz_window_check_audit (HzWindow *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (HZ_IS_WINDOW (self));
  g_return_if_fail (self->store != NULL);

  task = g_task_new (self, self->cancellable, check_audit_cb, NULL);
  g_task_set_source_tag (task, hz_window_check_audit);
  g_task_set_task_data (task, g_object_ref (self->store), g_object_unref);
  g_task_run_in_thread (task, check_audit_thread);
}

/* --- start-up: after the first frame ----------------------------------------- */

static void
store_open_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(HzWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(HzStore) store = NULL;
  g_autoptr(HzActor) actor = NULL;

  store = hz_store_new_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      || g_cancellable_is_cancelled (self->cancellable))
    return;

  if (store == NULL)
    {
      g_autofree char *message = NULL;

      /* Translators: %s is the database file, then the reason */
      message = g_strdup_printf (_("The case database “%s” could not be opened: %s"),
                                 self->db_path, error->message);
      hz_case_list_set_error (self->case_list, _("Could Not Open the Case Database"), message);
      return;
    }

  self->store = g_steal_pointer (&store);

  actor = hz_settings_dup_actor (self->settings);
  if (actor != NULL)
    {
      hz_store_set_actor (self->store, actor);
      self->has_actor = TRUE;
    }

  hz_case_list_set_store (self->case_list, self->store);
  hz_window_update_actions (self);
  hz_window_check_audit (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);

  if (!self->has_actor)
    hz_window_show_first_run (self);
  else
    open_pending_case (self);
}

static gboolean
startup_idle (gpointer user_data)
{
  HzWindow *self = HZ_WINDOW (user_data);
  HzApplication *app = HZ_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

  self->startup_source = 0;

  g_debug ("First frame shown: loading plugins");

  /* The window icon: on X11 GTK renders the scalable icon at every size
   * for _NET_WM_ICON, which cost ~20 ms before the first frame. Setting the
   * default later updates every open window's icon. */
  gtk_window_set_default_icon_name (APP_ID);

  g_signal_connect_object (hz_plugin_engine_get_default (), "plugin-error",
                           G_CALLBACK (on_plugin_error_cb), self,
                           G_CONNECT_SWAPPED);
  if (app != NULL)
    hz_application_load_plugins (app);

  self->plugins_ready = TRUE;
  if (self->setup_pending)
    open_pending_case (self);

  return G_SOURCE_REMOVE;
}

#define PLUGINS_WAIT_MS 500

/* Default priority: the redraws of an animation (the spinner) would
 * starve an idle of lower priority. */
static void
schedule_startup (HzWindow *self)
{
  g_clear_handle_id (&self->startup_source, g_source_remove);
  self->startup_source = g_idle_add_full (G_PRIORITY_DEFAULT, startup_idle, self, NULL);
}

static void
on_after_paint_cb (HzWindow      *self,
                   GdkFrameClock *frame_clock)
{
  g_clear_signal_handler (&self->after_paint_handler, frame_clock);

  /* tests/bench/bench-startup measures the time to this line. */
  if (g_getenv ("HUIZHEN_BENCH_FIRST_FRAME") != NULL)
    {
      g_print ("first-frame\n");
      fflush (stdout);
      /* "exit": stop here, so a profiler sees start-up and nothing else. */
      if (g_strcmp0 (g_getenv ("HUIZHEN_BENCH_FIRST_FRAME"), "exit") == 0)
        exit (0);
    }

  /* The plugins load once the case rows are drawn: loading them, and the
   * window addins they bring, before the frame with the rows held the rows
   * up by a frame and more. Until then, at most PLUGINS_WAIT_MS (the list
   * may fail, or the clinician may not be known yet). */
  if (self->startup_source == 0 && !self->plugins_ready)
    {
      if (self->store != NULL && hz_case_list_get_loaded (self->case_list))
        schedule_startup (self);
      else
        self->startup_source = g_timeout_add_full (G_PRIORITY_DEFAULT, PLUGINS_WAIT_MS,
                                                   startup_idle, self, NULL);
    }
}

/* The rows were just drawn: the plugins now */
static void
on_rows_painted_cb (HzWindow      *self,
                    GdkFrameClock *frame_clock)
{
  g_clear_signal_handler (&self->rows_paint_handler, frame_clock);
  if (!self->plugins_ready)
    schedule_startup (self);
}

static void
hz_window_map (GtkWidget *widget)
{
  HzWindow *self = HZ_WINDOW (widget);
  GdkFrameClock *frame_clock;

  GTK_WIDGET_CLASS (hz_window_parent_class)->map (widget);

  if (self->started)
    return;

  self->started = TRUE;

  frame_clock = gtk_widget_get_frame_clock (widget);
  if (frame_clock != NULL)
    self->after_paint_handler =
      g_signal_connect_object (frame_clock, "after-paint",
                               G_CALLBACK (on_after_paint_cb), self,
                               G_CONNECT_SWAPPED);
  else
    self->startup_source = g_idle_add_full (G_PRIORITY_DEFAULT, startup_idle, self, NULL);
}

/* --- the high-risk registry ------------------------------------------------ */

static void
update_registry_button (HzWindow *self)
{
  guint n = self->registry ? g_list_model_get_n_items (G_LIST_MODEL (self->registry)) : 0;
  guint overdue = self->registry ? hz_registry_model_get_n_overdue (self->registry) : 0;
  g_autofree char *count = g_strdup_printf ("%u", n);
  g_autofree char *overdue_text = NULL;
  g_autofree char *accessible = NULL;

  gtk_widget_set_visible (self->registry_button,
                          self->registry != NULL && hz_registry_model_get_loaded (self->registry));
  gtk_label_set_text (self->registry_count_label, count);

  /* Translators: on the registry button: how many cases are overdue */
  overdue_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u overdue", "%u overdue", overdue),
                                  overdue);
  gtk_label_set_text (self->registry_overdue_label, overdue_text);
  gtk_widget_set_visible (GTK_WIDGET (self->registry_overdue_label), overdue > 0);

  /* Translators: what a screen reader says of the registry button: "N cases, M overdue" */
  accessible = g_strdup_printf (_("High-risk registry: %u cases, %u overdue"), n, overdue);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->registry_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static void
registry_load_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(HzWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  HzRegistryModel *registry = HZ_REGISTRY_MODEL (object);
  guint overdue;

  if (!hz_registry_model_load_finish (registry, result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message = NULL;

          /* Translators: %s is the reason */
          message = g_strdup_printf (_("The high-risk registry could not be read: %s"), error->message);
          hz_window_show_error_toast (self, message);
        }
      return;
    }

  update_registry_button (self);

  /* On start-up, overdue follow-ups are surfaced once */
  overdue = hz_registry_model_get_n_overdue (registry);
  if (!self->registry_surfaced && overdue > 0)
    {
      g_autofree char *title = NULL;
      AdwToast *toast;

      /* Translators: the toast at start-up */
      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u high-risk case has an overdue follow-up",
                                            "%u high-risk cases have an overdue follow-up", overdue),
                               overdue);
      toast = adw_toast_new (title);
      adw_toast_set_button_label (toast, _("_Show"));
      adw_toast_set_action_name (toast, "win.show-registry-overdue");
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      adw_toast_set_timeout (toast, 0);
      hz_shell_add_toast (self->toast_overlay, toast);
    }
  self->registry_surfaced = TRUE;

  if (self->pending_registry)
    {
      self->pending_registry = FALSE;
      hz_window_show_registry (self, FALSE);
    }
}

/* The registry is read once the case list has its rows, so that it never
 * holds up the list, and then follows the store by itself. */
static void
on_case_list_loaded_cb (HzWindow   *self,
                        GParamSpec *pspec,
                        HzCaseList *case_list)
{
  GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  /* rows after the first frame: the plugins after the frame that draws them */
  if (hz_case_list_get_loaded (case_list) && self->started && !self->plugins_ready &&
      self->after_paint_handler == 0 && self->rows_paint_handler == 0 && frame_clock != NULL)
    self->rows_paint_handler = g_signal_connect_object (frame_clock, "after-paint",
                                                        G_CALLBACK (on_rows_painted_cb), self,
                                                        G_CONNECT_SWAPPED);

  if (!hz_case_list_get_loaded (case_list) || self->store == NULL || !self->has_actor)
    return;

  if (self->registry == NULL)
    {
      self->registry = hz_registry_model_new (self->store);
      g_signal_connect_object (self->registry, "items-changed",
                               G_CALLBACK (update_registry_button), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->registry, "notify::n-overdue",
                               G_CALLBACK (update_registry_button), self, G_CONNECT_SWAPPED);
    }
  else if (hz_registry_model_get_loaded (self->registry))
    return;

  hz_registry_model_load_async (self->registry, self->cancellable, registry_load_cb,
                                g_object_ref (self));
}

static void
on_registry_case_activated_cb (HzWindow       *self,
                               const char     *case_id,
                               HzRegistryView *view)
{
  hz_window_open_case (self, case_id);
}

void
hz_window_show_registry (HzWindow *self,
                         gboolean  overdue_only)
{
  GtkWidget *view;

  g_return_if_fail (HZ_IS_WINDOW (self));

  if (self->registry == NULL)
    return;

  view = adw_bin_get_child (self->registry_bin);
  if (view == NULL)
    {
      view = hz_registry_view_new (self->store, self->registry);
      g_signal_connect_object (view, "case-activated",
                               G_CALLBACK (on_registry_case_activated_cb), self,
                               G_CONNECT_SWAPPED);
      adw_bin_set_child (self->registry_bin, view);
    }

  if (overdue_only)
    hz_registry_view_set_overdue_only (HZ_REGISTRY_VIEW (view), TRUE);

  gtk_stack_set_visible_child_name (self->content_stack, "registry");
  hz_case_list_select_case (self->case_list, NULL);
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
}

void
hz_window_show_registry_when_read (HzWindow *self)
{
  g_return_if_fail (HZ_IS_WINDOW (self));

  if (self->registry != NULL && hz_registry_model_get_loaded (self->registry))
    hz_window_show_registry (self, FALSE);
  else
    self->pending_registry = TRUE;
}

/* --- cases ------------------------------------------------------------------- */

static void
on_workspace_loaded_cb (HzWindow        *self,
                        GParamSpec      *pspec,
                        HzCaseWorkspace *workspace)
{
  g_autofree char *page = g_steal_pointer (&self->pending_page);

  /* the plugins' pages exist once the case has loaded */
  if (page != NULL)
    hz_workspace_show_page (HZ_WORKSPACE (workspace), page);

  hz_window_update_actions (self);
}

void
hz_window_show_page_when_open (HzWindow   *self,
                               const char *name)
{
  g_return_if_fail (HZ_IS_WINDOW (self));

  g_free (self->pending_page);
  self->pending_page = g_strdup (name);
}

void
hz_window_open_case (HzWindow   *self,
                     const char *case_id)
{
  HzCaseWorkspace *workspace;
  GtkWidget *widget;

  g_return_if_fail (HZ_IS_WINDOW (self));
  g_return_if_fail (case_id != NULL);

  if (self->store == NULL || !self->has_actor)
    {
      g_free (self->pending_case);
      self->pending_case = g_strdup (case_id);
      return;
    }

  workspace = hz_window_get_workspace (self);

  if (workspace != NULL && g_strcmp0 (hz_case_workspace_get_case_id (workspace), case_id) == 0)
    {
      /* the registry may be shown over the open case */
      gtk_stack_set_visible_child_name (self->content_stack, "workspace");
      hz_case_list_select_case (self->case_list, case_id);
      adw_leaflet_set_visible_child_name (self->leaflet, "content");
      return;
    }

  if (workspace != NULL)
    hz_case_workspace_close (workspace);

  widget = hz_case_workspace_new (self->store, case_id);
  g_object_bind_property (self->leaflet, "folded", widget, "show-back-button", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (widget, "notify::loaded",
                           G_CALLBACK (on_workspace_loaded_cb), self,
                           G_CONNECT_SWAPPED);

  adw_bin_set_child (self->workspace_bin, widget);
  gtk_stack_set_visible_child_name (self->content_stack, "workspace");
  hz_case_list_select_case (self->case_list, case_id);
  adw_leaflet_set_visible_child_name (self->leaflet, "content");

  hz_window_update_actions (self);
}

void
hz_window_close_case (HzWindow *self)
{
  HzCaseWorkspace *workspace;

  g_return_if_fail (HZ_IS_WINDOW (self));

  workspace = hz_window_get_workspace (self);
  if (workspace == NULL)
    return;

  hz_case_workspace_close (workspace);
  adw_bin_set_child (self->workspace_bin, NULL);

  gtk_stack_set_visible_child_name (self->content_stack, "empty");
  hz_case_list_select_case (self->case_list, NULL);
  adw_leaflet_set_visible_child_name (self->leaflet, "sidebar");

  hz_window_update_actions (self);
}

/**
 * hz_window_show_dates_again:
 *
 * The hospital's time zone changed (Preferences): dates and times are
 * written when rows and pages are made, so the case list is read again
 * and the open case opened again on the page it showed, and every date
 * on screen follows the new rule at once.
 */
void
hz_window_show_dates_again (HzWindow *self)
{
  HzCaseWorkspace *workspace;
  g_autofree char *case_id = NULL;
  g_autofree char *page = NULL;

  g_return_if_fail (HZ_IS_WINDOW (self));

  if (self->store == NULL)
    return;

  hz_case_list_reload (self->case_list);

  workspace = hz_window_get_workspace (self);
  if (workspace == NULL || !hz_case_workspace_get_loaded (workspace))
    return;

  case_id = g_strdup (hz_case_workspace_get_case_id (workspace));
  page = g_strdup (adw_view_stack_get_visible_child_name (hz_case_workspace_get_view_stack (workspace)));
  hz_window_close_case (self);
  if (page != NULL)
    hz_window_show_page_when_open (self, page);
  hz_window_open_case (self, case_id);
}

/* --- window state -------------------------------------------------------------- */

static void
hz_window_save_state (HzWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;

  g_settings_delay (self->settings);

  if (!gtk_window_is_maximized (GTK_WINDOW (self)))
    {
      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      if (width > 0 && height > 0)
        {
          g_settings_set_int (self->settings, "window-width", width);
          g_settings_set_int (self->settings, "window-height", height);
        }
    }

  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));

  g_settings_apply (self->settings);
}

static gboolean
hz_window_close_request (GtkWindow *window)
{
  HzWindow *self = HZ_WINDOW (window);
  HzCaseWorkspace *workspace;

  hz_window_save_state (self);

  /* Stop what the window started and unload the plugins' addins while
   * every widget is still alive. */
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->startup_source, g_source_remove);

  if (self->import_chooser != NULL)
    {
      gtk_native_dialog_destroy (self->import_chooser);
      g_clear_object (&self->import_chooser);
    }

  if ((workspace = hz_window_get_workspace (self)))
    hz_case_workspace_close (workspace);

  return GTK_WINDOW_CLASS (hz_window_parent_class)->close_request (window);
}

/* --- GObject ----------------------------------------------------------------- */

static void
hz_window_constructed (GObject *object)
{
  HzWindow *self = (HzWindow *)object;

  G_OBJECT_CLASS (hz_window_parent_class)->constructed (object);

  if (self->settings == NULL)
    self->settings = hz_settings_new ();

  if (self->db_path == NULL)
    self->db_path = hz_store_get_default_path ();

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_settings_bind (self->settings, "case-sort", self->case_list, "sort-mode", G_SETTINGS_BIND_GET);
  g_signal_connect_object (self->case_list, "notify::loaded",
                           G_CALLBACK (on_case_list_loaded_cb), self,
                           G_CONNECT_SWAPPED);

  hz_window_actions_init (self);
  hz_window_update_actions (self);

  /* The database opens, and the case list reads its rows, in threads
   * while the main thread shows the window and draws its first frame:
   * the rows are in the first frame (or, on a cold cache, the next). The
   * plugins load after the frame with the rows. */
  g_debug ("Opening “%s”", self->db_path);
  hz_store_new_async (self->db_path, self->cancellable, store_open_cb, g_object_ref (self));
}

static void
hz_window_dispose (GObject *object)
{
  HzWindow *self = (HzWindow *)object;
  HzCaseWorkspace *workspace;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->startup_source, g_source_remove);

  if (self->workspace_bin != NULL && (workspace = hz_window_get_workspace (self)))
    hz_case_workspace_close (workspace);

  if (self->import_chooser != NULL)
    {
      gtk_native_dialog_destroy (self->import_chooser);
      g_clear_object (&self->import_chooser);
    }

  if (self->shortcuts_window != NULL)
    gtk_window_destroy (self->shortcuts_window);

  hz_window_teardown_window_addins (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), HZ_TYPE_WINDOW);

  g_clear_object (&self->registry);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (hz_window_parent_class)->dispose (object);
}

static void
hz_window_finalize (GObject *object)
{
  HzWindow *self = (HzWindow *)object;

  g_free (self->db_path);
  g_free (self->pending_case);
  g_free (self->pending_page);
  g_free (self->pending_view);

  G_OBJECT_CLASS (hz_window_parent_class)->finalize (object);
}

static void
hz_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  HzWindow *self = HZ_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_DB_PATH:
      g_value_set_string (value, self->db_path);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hz_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  HzWindow *self = HZ_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    case PROP_DB_PATH:
      self->db_path = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hz_window_class_init (HzWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = hz_window_constructed;
  object_class->dispose = hz_window_dispose;
  object_class->finalize = hz_window_finalize;
  object_class->get_property = hz_window_get_property;
  object_class->set_property = hz_window_set_property;

  widget_class->map = hz_window_map;

  window_class->close_request = hz_window_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         HZ_TYPE_STORE,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DB_PATH] =
    g_param_spec_string ("db-path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/huizhen/Huizhen/hz-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HzWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, HzWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, HzWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, HzWindow, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, HzWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, HzWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, HzWindow, sort_menu_button);
  gtk_widget_class_bind_template_child (widget_class, HzWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, HzWindow, sort_menu);
  gtk_widget_class_bind_template_child (widget_class, HzWindow, case_list);
  gtk_widget_class_bind_template_child (widget_class, HzWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, HzWindow, registry_bin);
  gtk_widget_class_bind_template_child (widget_class, HzWindow, registry_button);
  gtk_widget_class_bind_template_child (widget_class, HzWindow, registry_count_label);
  gtk_widget_class_bind_template_child (widget_class, HzWindow, registry_overdue_label);
  gtk_widget_class_bind_template_child (widget_class, HzWindow, views_box);
  gtk_widget_class_bind_template_child (widget_class, HzWindow, workspace_bin);
  gtk_widget_class_bind_template_child (widget_class, HzWindow, audit_banner);
  gtk_widget_class_bind_template_child (widget_class, HzWindow, audit_banner_label);
  gtk_widget_class_bind_template_callback (widget_class, on_case_activated_cb);

  hz_window_class_actions_init (klass);

  g_type_ensure (HZ_TYPE_CASE_LIST);
  g_type_ensure (HZ_TYPE_CASE_WORKSPACE);
}

static void
create_menu_popup (GtkMenuButton *button,
                   gpointer       menu)
{
  if (gtk_menu_button_get_menu_model (button) == NULL)
    gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
}

static void
hz_window_init (HzWindow *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The menus' popovers are built when first opened: as menu-model in the
   * template they cost ~5 ms before the first frame. */
  gtk_menu_button_set_create_popup_func (self->primary_menu_button, create_menu_popup,
                                         self->primary_menu, NULL);
  gtk_menu_button_set_create_popup_func (self->sort_menu_button, create_menu_popup,
                                         self->sort_menu, NULL);

  g_signal_connect_object (self->case_list, "notify::n-cases",
                           G_CALLBACK (on_n_cases_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->case_list, "notify::loaded",
                           G_CALLBACK (on_n_cases_changed_cb), self,
                           G_CONNECT_SWAPPED);
  /* the count follows the search: "3 of 4 cases" */
  g_signal_connect_object (hz_case_list_get_model (self->case_list), "items-changed",
                           G_CALLBACK (on_shown_cases_changed_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);

  /* Typing in the sidebar starts a search. */
  hz_case_list_set_key_capture_widget (self->case_list, self->sidebar);
}

HzWindow *
hz_window_new (HzApplication *application)
{
  g_autofree char *pending_case = NULL;
  g_autofree char *pending_page = NULL;
  g_autofree char *pending_view = NULL;
  HzWindow *self;

  g_return_val_if_fail (HZ_IS_APPLICATION (application), NULL);

  self = g_object_new (HZ_TYPE_WINDOW,
                       "application", application,
                       "settings", hz_application_get_settings (application),
                       "db-path", hz_application_get_db_path (application),
                       NULL);

  /* --case: opened once the database is open and the clinician known;
   * --page: shown once it has loaded */
  if ((pending_page = hz_application_take_pending_page (application)))
    hz_window_show_page_when_open (self, pending_page);
  if ((pending_case = hz_application_take_pending_case (application)))
    hz_window_open_case (self, pending_case);
  if (hz_application_take_pending_registry (application))
    hz_window_show_registry_when_read (self);
  if ((pending_view = hz_application_take_pending_view (application)))
    hz_main_window_show_view (HZ_MAIN_WINDOW (self), pending_view);

  return self;
}

HzStore *
hz_window_get_store (HzWindow *self)
{
  g_return_val_if_fail (HZ_IS_WINDOW (self), NULL);

  return self->store;
}

const char *
hz_window_get_db_path (HzWindow *self)
{
  g_return_val_if_fail (HZ_IS_WINDOW (self), NULL);

  return self->db_path;
}
