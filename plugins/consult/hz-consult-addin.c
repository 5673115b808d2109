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
  GtkWidget          *banner;     /* a shared copy's: read-only here */
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

/* The session this shared copy was fetched for: joined once the window
 * is up */
static gboolean
join_pending (gpointer user_data)
{
  HzConsultAddin *self = user_data;
  g_autoptr(HzConsultRequest) request = NULL;

  if (self->panel != NULL && self->workspace != NULL &&
      (request = hz_consult_take_join (hz_store_get_path (hz_workspace_get_store (self->workspace)))) != NULL)
    hz_consult_panel_join (HZ_CONSULT_PANEL (self->panel), request);
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

static GtkWidget *
shared_copy_banner (const char *origin)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *icon = gtk_image_new_from_icon_name ("changes-prevent-symbolic");
  /* Translators: %s is where the copy came from (the room and who shared it) */
  g_autofree char *text = g_strdup_printf (_("Shared for a remote consultation (%s): this copy may only be read here"),
                                           origin);
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "warning");
  gtk_widget_set_margin_top (box, 2);
  gtk_widget_set_margin_bottom (box, 2);
  g_object_set (box, "margin-start", 6, "margin-end", 6, NULL);
  gtk_widget_set_name (box, "consult-shared-copy");
  return box;
}

static void
hz_consult_addin_load (HzWorkspaceAddin *addin,
                       HzWorkspace      *workspace)
{
  HzConsultAddin *self = HZ_CONSULT_ADDIN (addin);
  const char *origin = hz_store_get_shared_copy (hz_workspace_get_store (workspace));

  self->workspace = workspace;
  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), action_entries,
                                   G_N_ELEMENTS (action_entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (workspace), "consult", G_ACTION_GROUP (self->actions));

  self->panel = g_object_ref_sink (hz_consult_panel_new (workspace));
  hz_workspace_add_panel (workspace, self->panel, HZ_CONSULT_PANEL_PRIORITY_IDLE);
  if (origin != NULL)
    {
      /* another hospital's case: read here, never sent on from here */
      g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->actions), "start")),
                                   FALSE);
      self->banner = g_object_ref_sink (shared_copy_banner (origin));
      hz_workspace_add_banner (workspace, self->banner);
      g_idle_add (join_pending, g_object_ref (self));
    }
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
  if (self->banner != NULL)
    {
      hz_workspace_remove_banner (workspace, self->banner);
      g_clear_object (&self->banner);
    }
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
  g_clear_object (&self->banner);
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
