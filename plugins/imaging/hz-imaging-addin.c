/* hz-imaging-addin.c — adds the Imaging page to a case workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-imaging"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "hz-imaging-page.h"
#include "hz-imaging-private.h"
#include "hz-imaging-row.h"

struct _HzImagingAddin
{
  GObject    parent_instance;

  GtkWidget *page;
};

static void workspace_addin_iface_init (HzWorkspaceAddinInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HzImagingAddin, hz_imaging_addin, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (HZ_TYPE_WORKSPACE_ADDIN,
                                                      workspace_addin_iface_init))

static void
hz_imaging_addin_load (HzWorkspaceAddin *addin,
                       HzWorkspace      *workspace)
{
  HzImagingAddin *self = HZ_IMAGING_ADDIN (addin);
  HzCase *kase = hz_workspace_get_case (workspace);

  g_return_if_fail (HZ_IS_CASE (kase));

  self->page = g_object_ref_sink (hz_imaging_page_new (kase, workspace));
  /* Translators: the imaging page of a case: 影像 */
  hz_workspace_add_page (workspace, self->page, "imaging", C_("page", "Imaging"),
                         "camera-photo-symbolic", 25);
}

static void
hz_imaging_addin_unload (HzWorkspaceAddin *addin,
                         HzWorkspace      *workspace)
{
  HzImagingAddin *self = HZ_IMAGING_ADDIN (addin);

  if (self->page != NULL)
    {
      hz_workspace_remove_page (workspace, self->page);
      g_clear_object (&self->page);
    }
}

static gboolean
hz_imaging_addin_show_resource (HzWorkspaceAddin *addin,
                                const char       *reference)
{
  HzImagingAddin *self = HZ_IMAGING_ADDIN (addin);
  GListModel *rows;

  if (self->page == NULL ||
      (!g_str_has_prefix (reference, "ImagingStudy/") && !g_str_has_prefix (reference, "Media/")))
    return FALSE;
  rows = hz_imaging_page_get_rows (HZ_IMAGING_PAGE (self->page));
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GObject) row = g_list_model_get_item (rows, i);
      const char *key = hz_imaging_row_get_key ((HzImagingRow *) row);

      if (g_str_has_prefix (key, reference) &&
          (key[strlen (reference)] == '\0' || key[strlen (reference)] == '#'))
        return hz_imaging_page_open (HZ_IMAGING_PAGE (self->page), key);
    }
  return FALSE;
}

static void
workspace_addin_iface_init (HzWorkspaceAddinInterface *iface)
{
  iface->load = hz_imaging_addin_load;
  iface->unload = hz_imaging_addin_unload;
  iface->show_resource = hz_imaging_addin_show_resource;
}

static void
hz_imaging_addin_dispose (GObject *object)
{
  HzImagingAddin *self = (HzImagingAddin *)object;

  g_clear_object (&self->page);

  G_OBJECT_CLASS (hz_imaging_addin_parent_class)->dispose (object);
}

static void
hz_imaging_addin_class_init (HzImagingAddinClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = hz_imaging_addin_dispose;
}

static void
hz_imaging_addin_init (HzImagingAddin *self)
{
}
