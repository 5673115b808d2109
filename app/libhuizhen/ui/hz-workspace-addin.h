/* hz-workspace-addin.h — addin interface: adds pages and panels to a case workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (HUIZHEN_UI_INSIDE) && !defined (HUIZHEN_COMPILATION)
# error "Only <hz-ui.h> can be included directly."
#endif

#include "hz-workspace.h"

G_BEGIN_DECLS

#define HZ_TYPE_WORKSPACE_ADDIN (hz_workspace_addin_get_type ())

G_DECLARE_INTERFACE (HzWorkspaceAddin, hz_workspace_addin, HZ, WORKSPACE_ADDIN, GObject)

struct _HzWorkspaceAddinInterface
{
  GTypeInterface parent_iface;

  void     (*load)          (HzWorkspaceAddin *self,
                             HzWorkspace      *workspace);
  void     (*unload)        (HzWorkspaceAddin *self,
                             HzWorkspace      *workspace);
  /* optional: show the resource "Type/id" in this addin's page; TRUE if handled */
  gboolean (*show_resource) (HzWorkspaceAddin *self,
                             const char       *reference);
};

void      hz_workspace_addin_load          (HzWorkspaceAddin *self,
                                            HzWorkspace      *workspace);
void      hz_workspace_addin_unload        (HzWorkspaceAddin *self,
                                            HzWorkspace      *workspace);
gboolean  hz_workspace_addin_show_resource (HzWorkspaceAddin *self,
                                            const char       *reference);

G_END_DECLS
