/* hz-workspace.h — what a plugin sees of an open case's workspace
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

#define HZ_TYPE_WORKSPACE (hz_workspace_get_type ())

G_DECLARE_INTERFACE (HzWorkspace, hz_workspace, HZ, WORKSPACE, GtkWidget)

struct _HzWorkspaceInterface
{
  GTypeInterface parent_iface;

  HzCase     *(*get_case)      (HzWorkspace *self);
  void        (*add_page)      (HzWorkspace *self,
                                GtkWidget   *page,
                                const char  *name,
                                const char  *title,
                                const char  *icon_name,
                                int          priority);
  void        (*remove_page)   (HzWorkspace *self,
                                GtkWidget   *page);
  void        (*add_panel)     (HzWorkspace *self,
                                GtkWidget   *panel,
                                int          priority);
  void        (*remove_panel)  (HzWorkspace *self,
                                GtkWidget   *panel);
  gboolean    (*show_resource) (HzWorkspace *self,
                                const char  *reference);
  void        (*show_page)     (HzWorkspace *self,
                                const char  *name);
  void        (*show_message)  (HzWorkspace *self,
                                const char  *message);
  void        (*add_banner)    (HzWorkspace *self,
                                GtkWidget   *banner);
  void        (*remove_banner) (HzWorkspace *self,
                                GtkWidget   *banner);
};

/* (transfer none) the loaded case */
HzCase     *hz_workspace_get_case      (HzWorkspace *self);
HzStore    *hz_workspace_get_store     (HzWorkspace *self);
/* Adds a page to the workspace's view stack. @name is stable ("summary",
 * "timeline"); lower @priority comes first. */
void        hz_workspace_add_page      (HzWorkspace *self,
                                        GtkWidget   *page,
                                        const char  *name,
                                        const char  *title,
                                        const char  *icon_name,
                                        int          priority);
void        hz_workspace_remove_page   (HzWorkspace *self,
                                        GtkWidget   *page);
/* Adds a widget to the side panel under the patient header. */
void        hz_workspace_add_panel     (HzWorkspace *self,
                                        GtkWidget   *panel,
                                        int          priority);
void        hz_workspace_remove_panel  (HzWorkspace *self,
                                        GtkWidget   *panel);
/* Asks the addins (in page order) to show the resource; TRUE if one did. */
gboolean    hz_workspace_show_resource (HzWorkspace *self,
                                        const char  *reference);
void        hz_workspace_show_page     (HzWorkspace *self,
                                        const char  *name);
/* A short toast in the window. */
void        hz_workspace_show_message  (HzWorkspace *self,
                                        const char  *message);

/* Adds a banner above every page of the case (under the header bar), for
 * what must not be missed whichever page is on show, e.g. an urgent alert.
 * The addin shows and hides it (gtk_widget_set_visible) as the case
 * changes; a workspace without banners adds it to the side panel. */
void        hz_workspace_add_banner    (HzWorkspace *self,
                                        GtkWidget   *banner);
void        hz_workspace_remove_banner (HzWorkspace *self,
                                        GtkWidget   *banner);

G_END_DECLS
