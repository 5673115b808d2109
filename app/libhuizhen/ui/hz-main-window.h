/* hz-main-window.h — what a plugin sees of the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (HUIZHEN_UI_INSIDE) && !defined (HUIZHEN_COMPILATION)
# error "Only <hz-ui.h> can be included directly."
#endif

#include <gtk/gtk.h>
#include <huizhen.h>

G_BEGIN_DECLS

#define HZ_TYPE_MAIN_WINDOW (hz_main_window_get_type ())

G_DECLARE_INTERFACE (HzMainWindow, hz_main_window, HZ, MAIN_WINDOW, GtkWindow)

struct _HzMainWindowInterface
{
  GTypeInterface parent_iface;

  HzStore *(*get_store)       (HzMainWindow *self);
  void     (*add_view)        (HzMainWindow *self,
                               GtkWidget    *view,
                               const char   *name,
                               const char   *title,
                               const char   *icon_name,
                               const char   *tooltip,
                               int           priority);
  void     (*remove_view)     (HzMainWindow *self,
                               GtkWidget    *view);
  void     (*set_view_counts) (HzMainWindow *self,
                               GtkWidget    *view,
                               guint         count,
                               guint         urgent);
  void     (*show_view)       (HzMainWindow *self,
                               const char   *name);
  void     (*open_case)       (HzMainWindow *self,
                               const char   *case_id,
                               const char   *page);
  void     (*show_message)    (HzMainWindow *self,
                               const char   *message);
  void     (*open_database)   (HzMainWindow *self,
                               const char   *path,
                               const char   *case_id);
};

/* (transfer none) the open case store, signed in: window addins are
 * loaded only once both are there */
HzStore *hz_main_window_get_store       (HzMainWindow *self);
/* Adds a window-wide view (one not about a single case, e.g. a referral
 * office's inbox): a button in the sidebar under the high-risk registry
 * and, when it is clicked, @view in the content area. @view brings its
 * own AdwHeaderBar. @name is stable ("referral-office"; `huizhen --view
 * NAME` shows it); lower @priority comes first. */
void     hz_main_window_add_view        (HzMainWindow *self,
                                         GtkWidget    *view,
                                         const char   *name,
                                         const char   *title,
                                         const char   *icon_name,
                                         const char   *tooltip,
                                         int           priority);
void     hz_main_window_remove_view     (HzMainWindow *self,
                                         GtkWidget    *view);
/* The sidebar button's badges: @count items, @urgent of them needing
 * action now (shown in the overdue colour; 0 hides it) */
void     hz_main_window_set_view_counts (HzMainWindow *self,
                                         GtkWidget    *view,
                                         guint         count,
                                         guint         urgent);
void     hz_main_window_show_view       (HzMainWindow *self,
                                         const char   *name);
/* Opens the case, on @page once it has loaded (nullable: the first) */
void     hz_main_window_open_case       (HzMainWindow *self,
                                         const char   *case_id,
                                         const char   *page);
/* Opens the case database @path (another one than this window's, e.g. a
 * shared copy of a remote consultation) in a window of its own, with
 * @case_id open; a window already on @path is presented. */
void     hz_main_window_open_database   (HzMainWindow *self,
                                         const char   *path,
                                         const char   *case_id);
/* A short toast in the window. */
void     hz_main_window_show_message    (HzMainWindow *self,
                                         const char   *message);

G_END_DECLS
