/* hz-registry-view.h — the high-risk registry (高危孕产妇专案管理) of the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <hz-ui.h>

G_BEGIN_DECLS

#define HZ_TYPE_REGISTRY_VIEW (hz_registry_view_get_type ())

G_DECLARE_FINAL_TYPE (HzRegistryView, hz_registry_view, HZ, REGISTRY_VIEW, GtkWidget)

/* A table of @model's cases with filters, sortable columns and an
 * export; "case-activated" (case id) when a row is activated. */
GtkWidget       *hz_registry_view_new           (HzStore         *store,
                                                 HzRegistryModel *model);
HzRegistryModel *hz_registry_view_get_model     (HzRegistryView  *self);
/* The rows shown, after the filters and the sort */
GListModel      *hz_registry_view_get_shown     (HzRegistryView  *self);
void             hz_registry_view_set_overdue_only (HzRegistryView *self,
                                                    gboolean        overdue_only);
/* Writes the rows shown as CSV to @file (audited first). */
gboolean         hz_registry_view_export_to_file (HzRegistryView *self,
                                                  GFile          *file,
                                                  GError        **error);

G_END_DECLS
