/* hz-timeline-addin.c — adds the Timeline page to a case workspace
 *
 * The page is fed by the built-in store source and by every
 * HzTimelineSource other plugins provide: a PeasExtensionSet over the
 * application's plugin engine, made per workspace and torn down on unload,
 * so that enabling or disabling a team's plugin adds or removes its events.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-timeline"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hz-timeline-addin.h"
#include "hz-timeline-page.h"

struct _HzTimelineAddin
{
  GObject           parent_instance;

  GtkWidget        *page;
  PeasExtensionSet *sources;
};

static void workspace_addin_iface_init (HzWorkspaceAddinInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HzTimelineAddin, hz_timeline_addin, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (HZ_TYPE_WORKSPACE_ADDIN, workspace_addin_iface_init))

static void
on_source_added (PeasExtensionSet *set,
                 PeasPluginInfo   *info,
                 PeasExtension    *extension,
                 HzTimelineAddin  *self)
{
  if (self->page == NULL)
    return;
  hz_timeline_model_add_source (hz_timeline_page_get_model (HZ_TIMELINE_PAGE (self->page)),
                                HZ_TIMELINE_SOURCE (extension),
                                peas_plugin_info_get_module_name (info));
}

static void
on_source_removed (PeasExtensionSet *set,
                   PeasPluginInfo   *info,
                   PeasExtension    *extension,
                   HzTimelineAddin  *self)
{
  if (self->page == NULL)
    return;
  hz_timeline_model_remove_source (hz_timeline_page_get_model (HZ_TIMELINE_PAGE (self->page)),
                                   HZ_TIMELINE_SOURCE (extension));
}

static void
hz_timeline_addin_load (HzWorkspaceAddin *addin,
                        HzWorkspace      *workspace)
{
  HzTimelineAddin *self = HZ_TIMELINE_ADDIN (addin);
  HzCase *kase = hz_workspace_get_case (workspace);
  PeasEngine *engine;

  g_return_if_fail (HZ_IS_CASE (kase));

  self->page = g_object_ref_sink (hz_timeline_page_new (kase));
  hz_timeline_page_set_workspace (HZ_TIMELINE_PAGE (self->page), workspace);
  hz_workspace_add_page (workspace, self->page, "timeline", _("Timeline"),
                         "document-open-recent-symbolic", 10);

  engine = hz_plugin_engine_get_peas (hz_plugin_engine_get_default ());
  self->sources = peas_extension_set_new (engine, HZ_TYPE_TIMELINE_SOURCE, NULL);
  g_signal_connect (self->sources, "extension-added", G_CALLBACK (on_source_added), self);
  g_signal_connect (self->sources, "extension-removed", G_CALLBACK (on_source_removed), self);
  peas_extension_set_foreach (self->sources, (PeasExtensionSetForeachFunc) on_source_added, self);
}

static void
remove_source (PeasExtensionSet *set,
               PeasPluginInfo   *info,
               PeasExtension    *extension,
               gpointer          data)
{
  on_source_removed (set, info, extension, data);
}

static void
hz_timeline_addin_unload (HzWorkspaceAddin *addin,
                          HzWorkspace      *workspace)
{
  HzTimelineAddin *self = HZ_TIMELINE_ADDIN (addin);

  if (self->sources != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->sources, self);
      peas_extension_set_foreach (self->sources, remove_source, self);
      g_clear_object (&self->sources);
    }

  if (self->page != NULL)
    {
      hz_timeline_page_set_workspace (HZ_TIMELINE_PAGE (self->page), NULL);
      hz_workspace_remove_page (workspace, self->page);
      g_clear_object (&self->page);
    }
}

static void
workspace_addin_iface_init (HzWorkspaceAddinInterface *iface)
{
  iface->load = hz_timeline_addin_load;
  iface->unload = hz_timeline_addin_unload;
}

static void
hz_timeline_addin_dispose (GObject *object)
{
  HzTimelineAddin *self = (HzTimelineAddin *)object;

  if (self->sources != NULL)
    g_signal_handlers_disconnect_by_data (self->sources, self);
  g_clear_object (&self->sources);
  g_clear_object (&self->page);

  G_OBJECT_CLASS (hz_timeline_addin_parent_class)->dispose (object);
}

static void
hz_timeline_addin_class_init (HzTimelineAddinClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hz_timeline_addin_dispose;
}

static void
hz_timeline_addin_init (HzTimelineAddin *self)
{
}

GtkWidget *
hz_timeline_addin_get_page (HzTimelineAddin *self)
{
  g_return_val_if_fail (HZ_IS_TIMELINE_ADDIN (self), NULL);

  return self->page;
}
