/* hz-plugin-engine.h — discovers and loads plugins (libpeas-1.0)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (HUIZHEN_INSIDE) && !defined (HUIZHEN_COMPILATION)
# error "Only <huizhen.h> can be included directly."
#endif

#include <gio/gio.h>
#include <libpeas/peas.h>

G_BEGIN_DECLS

#define HZ_TYPE_PLUGIN_ENGINE (hz_plugin_engine_get_type ())

G_DECLARE_FINAL_TYPE (HzPluginEngine, hz_plugin_engine, HZ, PLUGIN_ENGINE, GObject)

/* The process-wide engine. Search paths, in order:
 *  1. each directory in $HUIZHEN_PLUGIN_PATH (colon separated; tests)
 *  2. the build tree's plugins/ when the program runs uninstalled
 *  3. $libdir/huizhen/plugins (the built-in and system plugins)
 *  4. $XDG_DATA_HOME/huizhen/plugins (the user's own) */
HzPluginEngine *hz_plugin_engine_get_default  (void);
/* (transfer none) */
PeasEngine     *hz_plugin_engine_get_peas     (HzPluginEngine *self);

/* Loads every Builtin plugin and every plugin named in @active (the
 * GSettings key active-plugins). Failures are reported through
 * ::plugin-error and do not stop the others. */
void            hz_plugin_engine_load_active  (HzPluginEngine     *self,
                                               const char * const *active);
/* Loads or unloads one plugin by module name. */
gboolean        hz_plugin_engine_load_plugin   (HzPluginEngine *self,
                                                const char     *module_name,
                                                GError        **error);
gboolean        hz_plugin_engine_unload_plugin (HzPluginEngine *self,
                                                const char     *module_name,
                                                GError        **error);
/* The load error of a plugin that failed, or NULL. (transfer none) */
const GError   *hz_plugin_engine_get_plugin_error (HzPluginEngine *self,
                                                   const char     *module_name);
/* Module names of the loaded plugins that are not Builtin, for saving to
 * active-plugins. (transfer full) */
GStrv           hz_plugin_engine_dup_active_names (HzPluginEngine *self);

/**
 * HzPluginEngine::plugin-error:
 * @info: the PeasPluginInfo
 * @message: translated, names the plugin and the cause
 */

G_END_DECLS
