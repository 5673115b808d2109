/* hz-case-workspace.h — one open case: plugin pages and the patient panel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <hz-ui.h>

G_BEGIN_DECLS

#define HZ_TYPE_CASE_WORKSPACE (hz_case_workspace_get_type ())

G_DECLARE_FINAL_TYPE (HzCaseWorkspace, hz_case_workspace, HZ, CASE_WORKSPACE, GtkWidget)

/* Starts loading @case_id from @store at once. */
GtkWidget    *hz_case_workspace_new             (HzStore         *store,
                                                 const char      *case_id);
const char   *hz_case_workspace_get_case_id     (HzCaseWorkspace *self);
/* (nullable) (transfer none) the case, once loaded */
HzCase       *hz_case_workspace_get_case        (HzCaseWorkspace *self);
gboolean      hz_case_workspace_get_loaded      (HzCaseWorkspace *self);
/* (transfer none) */
AdwViewStack *hz_case_workspace_get_view_stack  (HzCaseWorkspace *self);
/* Loads the case again after an error. */
void          hz_case_workspace_reload          (HzCaseWorkspace *self);
void          hz_case_workspace_toggle_panel    (HzCaseWorkspace *self);
/* Shows the @index-th page (0 based) in page order; FALSE if none. */
gboolean      hz_case_workspace_show_page_index (HzCaseWorkspace *self,
                                                 guint            index);
guint         hz_case_workspace_get_n_pages     (HzCaseWorkspace *self);
/* Cancels loading and unloads the plugins' addins while every widget is
 * still alive; called before the workspace is removed. Idempotent. */
void          hz_case_workspace_close           (HzCaseWorkspace *self);

G_END_DECLS
