/* hz-consult-addin.c — adds the remote-consultation panel (远程会诊) to a
 * case workspace, and its actions: consult.start (the 会诊申请 dialog) and
 * consult.end
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-consult"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hz-consult-private.h"

struct _HzConsultAddin
{
  GObject             parent_instance;

  HzWorkspace        *workspace;
  GtkWidget          *panel;
  GSimpleActionGroup *actions;
};

static void workspace_addin_iface_init (HzWorkspaceAddinInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HzConsultAddin, hz_consult_addin, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (HZ_TYPE_WORKSPACE_ADDIN,
                                                      workspace_addin_iface_init))

static void
dialog_start_cb (HzConsultDialog  *dialog,
                 HzConsultRequest *request,
                 HzConsultAddin   *self)
{
  if (self->panel != NULL)
    hz_consult_panel_join (HZ_CONSULT_PANEL (self->panel), request);
}

static void
start_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  HzConsultAddin *self = user_data;
  HzConsultDialog *dialog;

  if (self->workspace == NULL)
    return;
  dialog = hz_consult_dialog_new (self->workspace);
  g_signal_connect_object (dialog, "start", G_CALLBACK (dialog_start_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
end_activated (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  HzConsultAddin *self = user_data;

  if (self->panel != NULL)
    hz_consult_panel_end (HZ_CONSULT_PANEL (self->panel));
}

static const GActionEntry action_entries[] = {
  { "start", start_activated, NULL, NULL, NULL },
  { "end", end_activated, NULL, NULL, NULL },
};

/* HUIZHEN_CONSULT_JOIN=SITES (with HUIZHEN_CONSULT_URL and _TOKEN): the
 * case's window joins the session when it opens, without the dialog (for
 * screenshots and demonstrations) */
static gboolean
join_from_environment (gpointer user_data)
{
  HzConsultAddin *self = user_data;
  const char *sites = g_getenv ("HUIZHEN_CONSULT_JOIN");
  const char *url = g_getenv ("HUIZHEN_CONSULT_URL");
  const char *token = g_getenv ("HUIZHEN_CONSULT_TOKEN");
  g_autoptr(HzConsultRequest) request = NULL;

  if (self->panel != NULL && sites != NULL && url != NULL && token != NULL)
    {
      request = g_new0 (HzConsultRequest, 1);
      request->url = g_strdup (url);
      request->token = g_strdup (token);
      request->sites = g_strsplit (sites, "、", -1);
      request->teams = g_new0 (char *, 1);
      hz_consult_panel_join (HZ_CONSULT_PANEL (self->panel), request);
    }
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

static void
hz_consult_addin_load (HzWorkspaceAddin *addin,
                       HzWorkspace      *workspace)
{
  HzConsultAddin *self = HZ_CONSULT_ADDIN (addin);

  self->workspace = workspace;
  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), action_entries,
                                   G_N_ELEMENTS (action_entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (workspace), "consult", G_ACTION_GROUP (self->actions));

  self->panel = g_object_ref_sink (hz_consult_panel_new (workspace));
  hz_workspace_add_panel (workspace, self->panel, HZ_CONSULT_PANEL_PRIORITY_IDLE);
  if (g_getenv ("HUIZHEN_CONSULT_JOIN") != NULL)
    g_idle_add (join_from_environment, g_object_ref (self));
}

static void
hz_consult_addin_unload (HzWorkspaceAddin *addin,
                         HzWorkspace      *workspace)
{
  HzConsultAddin *self = HZ_CONSULT_ADDIN (addin);

  gtk_widget_insert_action_group (GTK_WIDGET (workspace), "consult", NULL);
  g_clear_object (&self->actions);
  if (self->panel != NULL)
    {
      hz_workspace_remove_panel (workspace, self->panel);
      g_clear_object (&self->panel);
    }
  self->workspace = NULL;
}

static void
workspace_addin_iface_init (HzWorkspaceAddinInterface *iface)
{
  iface->load = hz_consult_addin_load;
  iface->unload = hz_consult_addin_unload;
}

static void
hz_consult_addin_dispose (GObject *object)
{
  HzConsultAddin *self = HZ_CONSULT_ADDIN (object);

  g_clear_object (&self->panel);
  g_clear_object (&self->actions);

  G_OBJECT_CLASS (hz_consult_addin_parent_class)->dispose (object);
}

static void
hz_consult_addin_class_init (HzConsultAddinClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = hz_consult_addin_dispose;
}

static void
hz_consult_addin_init (HzConsultAddin *self)
{
}
