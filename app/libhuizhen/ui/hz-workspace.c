/* hz-workspace.c — what a plugin sees of an open case's workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-ui"

#include "config.h"

#include "hz-ui.h"

G_DEFINE_INTERFACE (HzWorkspace, hz_workspace, GTK_TYPE_WIDGET)

static void
hz_workspace_default_init (HzWorkspaceInterface *iface)
{
}

/**
 * hz_workspace_get_case:
 * @self: an #HzWorkspace
 *
 * Returns: (transfer none): the case the workspace shows
 */
HzCase *
hz_workspace_get_case (HzWorkspace *self)
{
  HzWorkspaceInterface *iface;

  g_return_val_if_fail (HZ_IS_WORKSPACE (self), NULL);

  iface = HZ_WORKSPACE_GET_IFACE (self);
  g_return_val_if_fail (iface->get_case != NULL, NULL);

  return iface->get_case (self);
}

/**
 * hz_workspace_get_store:
 * @self: an #HzWorkspace
 *
 * Returns: (transfer none) (nullable): the store of the workspace's case
 */
HzStore *
hz_workspace_get_store (HzWorkspace *self)
{
  HzCase *kase;

  g_return_val_if_fail (HZ_IS_WORKSPACE (self), NULL);

  kase = hz_workspace_get_case (self);
  if (kase == NULL)
    return NULL;

  return hz_case_get_store (kase);
}

/**
 * hz_workspace_add_page:
 * @self: an #HzWorkspace
 * @page: the page widget
 * @name: a stable name, e.g. "summary"
 * @title: the translated title
 * @icon_name: (nullable): a symbolic icon name
 * @priority: lower comes first
 *
 * Adds @page to the workspace's view stack.
 */
void
hz_workspace_add_page (HzWorkspace *self,
                       GtkWidget   *page,
                       const char  *name,
                       const char  *title,
                       const char  *icon_name,
                       int          priority)
{
  HzWorkspaceInterface *iface;

  g_return_if_fail (HZ_IS_WORKSPACE (self));
  g_return_if_fail (GTK_IS_WIDGET (page));
  g_return_if_fail (name != NULL);
  g_return_if_fail (title != NULL);

  iface = HZ_WORKSPACE_GET_IFACE (self);
  g_return_if_fail (iface->add_page != NULL);

  iface->add_page (self, page, name, title, icon_name, priority);
}

void
hz_workspace_remove_page (HzWorkspace *self,
                          GtkWidget   *page)
{
  HzWorkspaceInterface *iface;

  g_return_if_fail (HZ_IS_WORKSPACE (self));
  g_return_if_fail (GTK_IS_WIDGET (page));

  iface = HZ_WORKSPACE_GET_IFACE (self);
  if (iface->remove_page != NULL)
    iface->remove_page (self, page);
}

/**
 * hz_workspace_add_panel:
 * @self: an #HzWorkspace
 * @panel: a widget
 * @priority: lower comes first
 *
 * Adds @panel to the side panel under the patient header.
 */
void
hz_workspace_add_panel (HzWorkspace *self,
                        GtkWidget   *panel,
                        int          priority)
{
  HzWorkspaceInterface *iface;

  g_return_if_fail (HZ_IS_WORKSPACE (self));
  g_return_if_fail (GTK_IS_WIDGET (panel));

  iface = HZ_WORKSPACE_GET_IFACE (self);
  g_return_if_fail (iface->add_panel != NULL);

  iface->add_panel (self, panel, priority);
}

void
hz_workspace_remove_panel (HzWorkspace *self,
                           GtkWidget   *panel)
{
  HzWorkspaceInterface *iface;

  g_return_if_fail (HZ_IS_WORKSPACE (self));
  g_return_if_fail (GTK_IS_WIDGET (panel));

  iface = HZ_WORKSPACE_GET_IFACE (self);
  if (iface->remove_panel != NULL)
    iface->remove_panel (self, panel);
}

/**
 * hz_workspace_show_resource:
 * @self: an #HzWorkspace
 * @reference: "Type/id"
 *
 * Asks the addins, in page order, to show the resource.
 *
 * Returns: %TRUE if one of them did
 */
gboolean
hz_workspace_show_resource (HzWorkspace *self,
                            const char  *reference)
{
  HzWorkspaceInterface *iface;

  g_return_val_if_fail (HZ_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (reference != NULL, FALSE);

  iface = HZ_WORKSPACE_GET_IFACE (self);
  if (iface->show_resource == NULL)
    return FALSE;

  return iface->show_resource (self, reference);
}

void
hz_workspace_show_page (HzWorkspace *self,
                        const char  *name)
{
  HzWorkspaceInterface *iface;

  g_return_if_fail (HZ_IS_WORKSPACE (self));
  g_return_if_fail (name != NULL);

  iface = HZ_WORKSPACE_GET_IFACE (self);
  if (iface->show_page != NULL)
    iface->show_page (self, name);
}

/**
 * hz_workspace_show_message:
 * @self: an #HzWorkspace
 * @message: a short translated message
 *
 * Shows @message as a toast in the window.
 */
void
hz_workspace_show_message (HzWorkspace *self,
                           const char  *message)
{
  HzWorkspaceInterface *iface;

  g_return_if_fail (HZ_IS_WORKSPACE (self));
  g_return_if_fail (message != NULL);

  iface = HZ_WORKSPACE_GET_IFACE (self);
  if (iface->show_message != NULL)
    iface->show_message (self, message);
  else
    g_message ("%s", message);
}

/**
 * hz_workspace_add_banner:
 * @self: an #HzWorkspace
 * @banner: a widget (the workspace takes a reference)
 *
 * Adds @banner above every page of the case. A workspace that has no
 * banner area shows it in the side panel instead.
 */
void
hz_workspace_add_banner (HzWorkspace *self,
                         GtkWidget   *banner)
{
  HzWorkspaceInterface *iface;

  g_return_if_fail (HZ_IS_WORKSPACE (self));
  g_return_if_fail (GTK_IS_WIDGET (banner));

  iface = HZ_WORKSPACE_GET_IFACE (self);
  if (iface->add_banner != NULL)
    iface->add_banner (self, banner);
  else
    hz_workspace_add_panel (self, banner, G_MININT);
}

void
hz_workspace_remove_banner (HzWorkspace *self,
                            GtkWidget   *banner)
{
  HzWorkspaceInterface *iface;

  g_return_if_fail (HZ_IS_WORKSPACE (self));
  g_return_if_fail (GTK_IS_WIDGET (banner));

  iface = HZ_WORKSPACE_GET_IFACE (self);
  if (iface->remove_banner != NULL)
    iface->remove_banner (self, banner);
  else
    hz_workspace_remove_panel (self, banner);
}
