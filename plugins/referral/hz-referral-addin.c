/* hz-referral-addin.c — adds the Referrals page (转诊) to a case workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-referral"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "hz-referral-private.h"

struct _HzReferralAddin
{
  GObject    parent_instance;

  GtkWidget *page;
};

static void workspace_addin_iface_init (HzWorkspaceAddinInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HzReferralAddin, hz_referral_addin, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (HZ_TYPE_WORKSPACE_ADDIN,
                                                      workspace_addin_iface_init))

static void
hz_referral_addin_load (HzWorkspaceAddin *addin,
                        HzWorkspace      *workspace)
{
  HzReferralAddin *self = HZ_REFERRAL_ADDIN (addin);
  HzCase *kase = hz_workspace_get_case (workspace);

  g_return_if_fail (HZ_IS_CASE (kase));

  self->page = g_object_ref_sink (hz_referral_page_new (kase));
  hz_workspace_add_page (workspace, self->page, "referral", _("Referrals"),
                         "mail-send-receive-symbolic", 40);
}

static void
hz_referral_addin_unload (HzWorkspaceAddin *addin,
                          HzWorkspace      *workspace)
{
  HzReferralAddin *self = HZ_REFERRAL_ADDIN (addin);

  if (self->page != NULL)
    {
      hz_workspace_remove_page (workspace, self->page);
      g_clear_object (&self->page);
    }
}

/* "Task/ID": the referral, open on the page */
static gboolean
hz_referral_addin_show_resource (HzWorkspaceAddin *addin,
                                 const char       *reference)
{
  HzReferralAddin *self = HZ_REFERRAL_ADDIN (addin);

  if (self->page == NULL || !g_str_has_prefix (reference, "Task/"))
    return FALSE;
  return hz_referral_page_open (HZ_REFERRAL_PAGE (self->page), reference + strlen ("Task/"));
}

static void
workspace_addin_iface_init (HzWorkspaceAddinInterface *iface)
{
  iface->load = hz_referral_addin_load;
  iface->unload = hz_referral_addin_unload;
  iface->show_resource = hz_referral_addin_show_resource;
}

static void
hz_referral_addin_dispose (GObject *object)
{
  HzReferralAddin *self = (HzReferralAddin *)object;

  g_clear_object (&self->page);

  G_OBJECT_CLASS (hz_referral_addin_parent_class)->dispose (object);
}

static void
hz_referral_addin_class_init (HzReferralAddinClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hz_referral_addin_dispose;
}

static void
hz_referral_addin_init (HzReferralAddin *self)
{
}
