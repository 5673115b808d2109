/* hz-summary-addin.c — adds the Summary page and side panel to a case workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-summary"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hz-summary-private.h"

struct _HzSummaryAddin
{
  GObject    parent_instance;

  GtkWidget *page;
  GtkWidget *panel;
};

static void workspace_addin_iface_init (HzWorkspaceAddinInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HzSummaryAddin, hz_summary_addin, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (HZ_TYPE_WORKSPACE_ADDIN,
                                                      workspace_addin_iface_init))

static void
hz_summary_addin_load (HzWorkspaceAddin *addin,
                       HzWorkspace      *workspace)
{
  HzSummaryAddin *self = HZ_SUMMARY_ADDIN (addin);
  HzCase *kase = hz_workspace_get_case (workspace);

  g_return_if_fail (HZ_IS_CASE (kase));

  self->page = g_object_ref_sink (hz_summary_page_new (kase));
  hz_workspace_add_page (workspace, self->page, "summary", _("Summary"),
                         "view-list-bullet-symbolic", 0);

  self->panel = g_object_ref_sink (hz_summary_panel_new (kase));
  hz_workspace_add_panel (workspace, self->panel, 0);
}

static void
hz_summary_addin_unload (HzWorkspaceAddin *addin,
                         HzWorkspace      *workspace)
{
  HzSummaryAddin *self = HZ_SUMMARY_ADDIN (addin);

  if (self->panel != NULL)
    {
      hz_workspace_remove_panel (workspace, self->panel);
      g_clear_object (&self->panel);
    }

  if (self->page != NULL)
    {
      hz_workspace_remove_page (workspace, self->page);
      g_clear_object (&self->page);
    }
}

static void
workspace_addin_iface_init (HzWorkspaceAddinInterface *iface)
{
  iface->load = hz_summary_addin_load;
  iface->unload = hz_summary_addin_unload;
}

static void
hz_summary_addin_dispose (GObject *object)
{
  HzSummaryAddin *self = (HzSummaryAddin *)object;

  g_clear_object (&self->panel);
  g_clear_object (&self->page);

  G_OBJECT_CLASS (hz_summary_addin_parent_class)->dispose (object);
}

static void
hz_summary_addin_class_init (HzSummaryAddinClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hz_summary_addin_dispose;
}

static void
hz_summary_addin_init (HzSummaryAddin *self)
{
}
