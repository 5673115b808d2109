/* hz-nutrition-addin.c — adds the Nutrition page to a case workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-nutrition"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hz-nutrition-page.h"
#include "hz-nutrition-private.h"

struct _HzNutritionAddin
{
  GObject    parent_instance;

  GtkWidget *page;
};

static void workspace_addin_iface_init (HzWorkspaceAddinInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HzNutritionAddin, hz_nutrition_addin, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (HZ_TYPE_WORKSPACE_ADDIN,
                                                      workspace_addin_iface_init))

static void
hz_nutrition_addin_load (HzWorkspaceAddin *addin,
                         HzWorkspace      *workspace)
{
  HzNutritionAddin *self = HZ_NUTRITION_ADDIN (addin);
  HzCase *kase = hz_workspace_get_case (workspace);

  g_return_if_fail (HZ_IS_CASE (kase));

  self->page = g_object_ref_sink (hz_nutrition_page_new (kase));
  /* Translators: the nutrition team's page of a case: 营养 */
  hz_workspace_add_page (workspace, self->page, "nutrition", C_("page", "Nutrition"),
                         "emoji-food-symbolic", 60);
}

static void
hz_nutrition_addin_unload (HzWorkspaceAddin *addin,
                           HzWorkspace      *workspace)
{
  HzNutritionAddin *self = HZ_NUTRITION_ADDIN (addin);

  if (self->page != NULL)
    {
      hz_workspace_remove_page (workspace, self->page);
      g_clear_object (&self->page);
    }
}

static void
workspace_addin_iface_init (HzWorkspaceAddinInterface *iface)
{
  iface->load = hz_nutrition_addin_load;
  iface->unload = hz_nutrition_addin_unload;
}

static void
hz_nutrition_addin_dispose (GObject *object)
{
  HzNutritionAddin *self = (HzNutritionAddin *)object;

  g_clear_object (&self->page);

  G_OBJECT_CLASS (hz_nutrition_addin_parent_class)->dispose (object);
}

static void
hz_nutrition_addin_class_init (HzNutritionAddinClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = hz_nutrition_addin_dispose;
}

static void
hz_nutrition_addin_init (HzNutritionAddin *self)
{
}
