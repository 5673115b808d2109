/* hz-obstetrics-private.h — the types of the obstetrics plugin
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libpeas/peas.h>
#include <hz-ui.h>

G_BEGIN_DECLS

#define HZ_TYPE_OBSTETRICS_ADDIN (hz_obstetrics_addin_get_type ())
G_DECLARE_FINAL_TYPE (HzObstetricsAddin, hz_obstetrics_addin, HZ, OBSTETRICS_ADDIN, GObject)

#define HZ_TYPE_OBSTETRICS_PAGE (hz_obstetrics_page_get_type ())
G_DECLARE_FINAL_TYPE (HzObstetricsPage, hz_obstetrics_page, HZ, OBSTETRICS_PAGE, GtkWidget)

#define HZ_TYPE_OBSTETRICS_SOURCE (hz_obstetrics_source_get_type ())
G_DECLARE_FINAL_TYPE (HzObstetricsSource, hz_obstetrics_source, HZ, OBSTETRICS_SOURCE, GObject)

/* The page of @kase in @workspace (unowned: the workspace outlives it) */
GtkWidget    *hz_obstetrics_page_new          (HzCase      *kase,
                                               HzWorkspace *workspace);
void          hz_obstetrics_page_set_workspace (HzObstetricsPage *self,
                                                HzWorkspace      *workspace);

G_MODULE_EXPORT void peas_register_types (PeasObjectModule *module);

G_END_DECLS
