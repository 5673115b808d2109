/* hz-window-private.h — shared between hz-window.c and hz-window-actions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hz-case-list.h"
#include "hz-case-workspace.h"
#include "hz-window.h"

G_BEGIN_DECLS

struct _HzWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  GCancellable         *cancellable;
  HzStore              *store;
  char                 *db_path;
  char                 *pending_case;
  char                 *pending_page;   /* --page, for the next case to load */
  GtkWidget            *first_run;
  GtkNativeDialog      *import_chooser;
  GtkWindow            *shortcuts_window; /* weak, while open */
  gulong                after_paint_handler;
  gulong                rows_paint_handler;   /* the frame that draws the first rows */
  guint                 startup_source;
  guint                 n_imports;
  HzRegistryModel      *registry;
  GPtrArray            *views;          /* ViewInfo, in sidebar order */
  PeasExtensionSet     *window_addins;
  char                 *pending_view;   /* --view, until a plugin adds it */

  guint                 started : 1;
  guint                 has_actor : 1;
  guint                 registry_surfaced : 1;
  guint                 pending_registry : 1;
  guint                 plugins_ready : 1;    /* loaded after the first frame */
  guint                 setup_pending : 1;    /* store open, waiting for the plugins */

  /* template */
  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar;
  AdwWindowTitle       *sidebar_title;
  GtkToggleButton      *search_button;
  GtkMenuButton        *primary_menu_button;
  GtkMenuButton        *sort_menu_button;
  GMenuModel           *primary_menu;
  GMenuModel           *sort_menu;
  HzCaseList           *case_list;
  GtkStack             *content_stack;
  AdwBin               *workspace_bin;
  AdwBin               *registry_bin;
  GtkWidget            *registry_button;
  GtkLabel             *registry_count_label;
  GtkLabel             *registry_overdue_label;
  GtkBox               *views_box;
  GtkRevealer          *audit_banner;
  GtkLabel             *audit_banner_label;
};

/* Checks the store's audit chain in a thread; a broken one shows the
 * banner. Called when the store opens. */
void hz_window_check_audit (HzWindow *self);

void              hz_window_class_actions_init    (HzWindowClass *klass);
void              hz_window_actions_init          (HzWindow      *self);
void              hz_window_update_actions        (HzWindow      *self);
void              hz_window_show_error_toast      (HzWindow      *self,
                                                   const char    *message);
HzCaseWorkspace  *hz_window_get_workspace         (HzWindow      *self);
/* Shows the high-risk registry in the content area; @overdue_only sets
 * its filter. */
void              hz_window_show_registry         (HzWindow      *self,
                                                   gboolean       overdue_only);
/* HzMainWindow, the window-wide views plugins add (hz-window-views.c) */
void              hz_window_main_window_iface_init (HzMainWindowInterface *iface);
/* Loads the HzWindowAddins, once the store is open and the clinician known */
void              hz_window_setup_window_addins   (HzWindow      *self);
void              hz_window_teardown_window_addins (HzWindow     *self);
/* Imports the files (GFile) in a worker thread and toasts the outcome. */
void              hz_window_import_files          (HzWindow      *self,
                                                   GPtrArray     *files,
                                                   gboolean       open_single_case);

G_END_DECLS
