/* hz-psychology-addin.c — adds the Psychology page and the alert banner to a case workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-psychology"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hz-psychology-private.h"

struct _HzPsychologyAddin
{
  GObject    parent_instance;

  GtkWidget *page;
  GtkWidget *banner;
};

static void workspace_addin_iface_init (HzWorkspaceAddinInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HzPsychologyAddin, hz_psychology_addin, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (HZ_TYPE_WORKSPACE_ADDIN,
                                                      workspace_addin_iface_init))

static void
hz_psychology_addin_load (HzWorkspaceAddin *addin,
                          HzWorkspace      *workspace)
{
  HzPsychologyAddin *self = HZ_PSYCHOLOGY_ADDIN (addin);
  HzCase *kase = hz_workspace_get_case (workspace);

  g_return_if_fail (HZ_IS_CASE (kase));

  hz_psychology_ensure_style ();

  self->page = g_object_ref_sink (hz_psychology_page_new (kase));
  /* Translators: the title of the psychology team's page of a case */
  hz_workspace_add_page (workspace, self->page, "psychology", C_("page", "Psychology"),
                         "face-smile-symbolic", 40);

  self->banner = g_object_ref_sink (hz_psychology_banner_new (kase, workspace));
  hz_workspace_add_banner (workspace, self->banner);
}

static void
hz_psychology_addin_unload (HzWorkspaceAddin *addin,
                            HzWorkspace      *workspace)
{
  HzPsychologyAddin *self = HZ_PSYCHOLOGY_ADDIN (addin);

  if (self->banner != NULL)
    {
      hz_workspace_remove_banner (workspace, self->banner);
      g_clear_object (&self->banner);
    }

  if (self->page != NULL)
    {
      hz_workspace_remove_page (workspace, self->page);
      g_clear_object (&self->page);
    }
}

static gboolean
hz_psychology_addin_show_resource (HzWorkspaceAddin *addin,
                                   const char       *reference)
{
  HzPsychologyAddin *self = HZ_PSYCHOLOGY_ADDIN (addin);
  HzWorkspace *workspace;

  if (self->page == NULL || reference == NULL ||
      (!g_str_has_prefix (reference, "QuestionnaireResponse/") && !g_str_has_prefix (reference, "Flag/")))
    return FALSE;

  workspace = HZ_WORKSPACE (gtk_widget_get_ancestor (self->page, HZ_TYPE_WORKSPACE));
  if (workspace == NULL)
    return FALSE;
  hz_workspace_show_page (workspace, "psychology");
  return TRUE;
}

static void
workspace_addin_iface_init (HzWorkspaceAddinInterface *iface)
{
  iface->load = hz_psychology_addin_load;
  iface->unload = hz_psychology_addin_unload;
  iface->show_resource = hz_psychology_addin_show_resource;
}

static void
hz_psychology_addin_dispose (GObject *object)
{
  HzPsychologyAddin *self = (HzPsychologyAddin *)object;

  g_clear_object (&self->banner);
  g_clear_object (&self->page);

  G_OBJECT_CLASS (hz_psychology_addin_parent_class)->dispose (object);
}

static void
hz_psychology_addin_class_init (HzPsychologyAddinClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hz_psychology_addin_dispose;
}

static void
hz_psychology_addin_init (HzPsychologyAddin *self)
{
}
