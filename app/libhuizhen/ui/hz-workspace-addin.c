/* hz-workspace-addin.c — addin interface: adds pages and panels to a case workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-ui"

#include "config.h"

#include "hz-ui.h"

G_DEFINE_INTERFACE (HzWorkspaceAddin, hz_workspace_addin, G_TYPE_OBJECT)

static void
hz_workspace_addin_default_init (HzWorkspaceAddinInterface *iface)
{
}

/**
 * hz_workspace_addin_load:
 * @self: an #HzWorkspaceAddin
 * @workspace: the workspace of an open case
 *
 * Called once when the workspace is built or when the plugin is loaded
 * while the workspace is open; the addin adds its pages and panels.
 */
void
hz_workspace_addin_load (HzWorkspaceAddin *self,
                         HzWorkspace      *workspace)
{
  HzWorkspaceAddinInterface *iface;

  g_return_if_fail (HZ_IS_WORKSPACE_ADDIN (self));
  g_return_if_fail (HZ_IS_WORKSPACE (workspace));

  iface = HZ_WORKSPACE_ADDIN_GET_IFACE (self);
  if (iface->load != NULL)
    iface->load (self, workspace);
}

/**
 * hz_workspace_addin_unload:
 * @self: an #HzWorkspaceAddin
 * @workspace: the workspace passed to hz_workspace_addin_load()
 *
 * Called when the workspace closes or the plugin is unloaded; the addin
 * removes what it added and drops its references to the case.
 */
void
hz_workspace_addin_unload (HzWorkspaceAddin *self,
                           HzWorkspace      *workspace)
{
  HzWorkspaceAddinInterface *iface;

  g_return_if_fail (HZ_IS_WORKSPACE_ADDIN (self));
  g_return_if_fail (HZ_IS_WORKSPACE (workspace));

  iface = HZ_WORKSPACE_ADDIN_GET_IFACE (self);
  if (iface->unload != NULL)
    iface->unload (self, workspace);
}

/**
 * hz_workspace_addin_show_resource:
 * @self: an #HzWorkspaceAddin
 * @reference: "Type/id"
 *
 * Returns: %TRUE if the addin showed the resource in its page
 */
gboolean
hz_workspace_addin_show_resource (HzWorkspaceAddin *self,
                                  const char       *reference)
{
  HzWorkspaceAddinInterface *iface;

  g_return_val_if_fail (HZ_IS_WORKSPACE_ADDIN (self), FALSE);
  g_return_val_if_fail (reference != NULL, FALSE);

  iface = HZ_WORKSPACE_ADDIN_GET_IFACE (self);
  if (iface->show_resource == NULL)
    return FALSE;

  return iface->show_resource (self, reference);
}
