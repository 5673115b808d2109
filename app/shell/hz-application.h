/* hz-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define HZ_TYPE_APPLICATION (hz_application_get_type ())

G_DECLARE_FINAL_TYPE (HzApplication, hz_application, HZ, APPLICATION, AdwApplication)

HzApplication *hz_application_new                (void);
/* (transfer none) the application settings */
GSettings     *hz_application_get_settings       (HzApplication *self);
/* The database given with --db, or NULL for the default (HUIZHEN_DB or
 * $XDG_DATA_HOME/huizhen/huizhen.db). */
const char    *hz_application_get_db_path        (HzApplication *self);
void           hz_application_set_db_path        (HzApplication *self,
                                                  const char    *db_path);
/* Loads the built-in plugins and those named in active-plugins, once per
 * process. Errors go to HzPluginEngine::plugin-error. */
void           hz_application_load_plugins       (HzApplication *self);
/* The case given with --case, once: later calls return NULL. (transfer full) */
char          *hz_application_take_pending_case  (HzApplication *self);
char          *hz_application_take_pending_page  (HzApplication *self);
/* Whether --registry was given, once */
gboolean       hz_application_take_pending_registry (HzApplication *self);
char          *hz_application_take_pending_view  (HzApplication *self);

G_END_DECLS
