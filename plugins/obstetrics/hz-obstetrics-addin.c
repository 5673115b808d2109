/* hz-obstetrics-addin.c — adds the Obstetrics page to a case workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-obstetrics"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hz-obstetrics-private.h"

struct _HzObstetricsAddin
{
  GObject    parent_instance;

  GtkWidget *page;
};

static void workspace_addin_iface_init (HzWorkspaceAddinInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HzObstetricsAddin, hz_obstetrics_addin, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (HZ_TYPE_WORKSPACE_ADDIN,
                                                      workspace_addin_iface_init))

static void
hz_obstetrics_addin_load (HzWorkspaceAddin *addin,
                          HzWorkspace      *workspace)
{
  HzObstetricsAddin *self = HZ_OBSTETRICS_ADDIN (addin);
  HzCase *kase = hz_workspace_get_case (workspace);

  g_return_if_fail (HZ_IS_CASE (kase));

  self->page = g_object_ref_sink (hz_obstetrics_page_new (kase, workspace));
  hz_workspace_add_page (workspace, self->page, "obstetrics", _("Obstetrics"),
                         "x-office-calendar-symbolic", 20);
}

static void
hz_obstetrics_addin_unload (HzWorkspaceAddin *addin,
                            HzWorkspace      *workspace)
{
  HzObstetricsAddin *self = HZ_OBSTETRICS_ADDIN (addin);

  if (self->page != NULL)
    {
      hz_obstetrics_page_set_workspace (HZ_OBSTETRICS_PAGE (self->page), NULL);
      hz_workspace_remove_page (workspace, self->page);
      g_clear_object (&self->page);
    }
}

static void
workspace_addin_iface_init (HzWorkspaceAddinInterface *iface)
{
  iface->load = hz_obstetrics_addin_load;
  iface->unload = hz_obstetrics_addin_unload;
}

static void
hz_obstetrics_addin_dispose (GObject *object)
{
  HzObstetricsAddin *self = (HzObstetricsAddin *)object;

  g_clear_object (&self->page);

  G_OBJECT_CLASS (hz_obstetrics_addin_parent_class)->dispose (object);
}

static void
hz_obstetrics_addin_class_init (HzObstetricsAddinClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hz_obstetrics_addin_dispose;
}

static void
hz_obstetrics_addin_init (HzObstetricsAddin *self)
{
}
