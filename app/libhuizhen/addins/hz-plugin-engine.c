/* hz-plugin-engine.c — discovers and loads plugins (libpeas-1.0)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-addins"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "huizhen.h"

struct _HzPluginEngine
{
  GObject     parent_instance;

  PeasEngine *peas;
  /* module name → GError: why the plugin could not be loaded */
  GHashTable *errors;
};

G_DEFINE_FINAL_TYPE (HzPluginEngine, hz_plugin_engine, G_TYPE_OBJECT)

enum {
  PLUGIN_ERROR,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
add_search_path (HzPluginEngine *self,
                 const char     *dir)
{
  if (dir == NULL || dir[0] == '\0')
    return;

  g_debug ("Plugin search path: %s", dir);

  /* The .plugin files sit beside their modules, so the data dir is the
   * module dir. libpeas scans the directory and its direct subdirectories. */
  peas_engine_add_search_path (self->peas, dir, dir);
}

static void
hz_plugin_engine_finalize (GObject *object)
{
  HzPluginEngine *self = (HzPluginEngine *)object;

  g_clear_object (&self->peas);
  g_clear_pointer (&self->errors, g_hash_table_unref);

  G_OBJECT_CLASS (hz_plugin_engine_parent_class)->finalize (object);
}

static void
hz_plugin_engine_class_init (HzPluginEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hz_plugin_engine_finalize;

  /**
   * HzPluginEngine::plugin-error:
   * @self: the engine
   * @info: (nullable): the PeasPluginInfo of the plugin, or %NULL when the
   *   module named in the active plugins was not found at all
   * @message: translated, names the plugin and the cause
   *
   * Emitted by hz_plugin_engine_load_active() for every plugin that could
   * not be loaded.
   */
  signals[PLUGIN_ERROR] =
    g_signal_new ("plugin-error",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 2,
                  PEAS_TYPE_PLUGIN_INFO,
                  G_TYPE_STRING);
}

static void
hz_plugin_engine_init (HzPluginEngine *self)
{
  const char *env;
  g_autofree char *user_dir = NULL;

  self->errors = g_hash_table_new_full (g_str_hash, g_str_equal,
                                        g_free, (GDestroyNotify) g_error_free);

  /* Only C plugins: the C loader is always enabled. */
  self->peas = peas_engine_new ();

  /* 1. $HUIZHEN_PLUGIN_PATH, for tests and plugin developers */
  env = g_getenv ("HUIZHEN_PLUGIN_PATH");
  if (env != NULL)
    {
      g_auto(GStrv) dirs = g_strsplit (env, G_SEARCHPATH_SEPARATOR_S, -1);

      for (guint i = 0; dirs[i] != NULL; i++)
        add_search_path (self, dirs[i]);
    }

  /* 2. the build tree, only for a program that runs from it */
  if (hz_is_running_uninstalled ())
    add_search_path (self, HZ_BUILD_ROOT "/plugins");

  /* 3. the built-in and system plugins */
  add_search_path (self, PLUGINSDIR);

  /* 4. the user's own */
  user_dir = g_build_filename (g_get_user_data_dir (), "huizhen", "plugins", NULL);
  add_search_path (self, user_dir);
}

/**
 * hz_plugin_engine_get_default:
 *
 * Returns: (transfer none): the process-wide plugin engine
 */
HzPluginEngine *
hz_plugin_engine_get_default (void)
{
  static HzPluginEngine *instance;

  if (g_once_init_enter (&instance))
    {
      HzPluginEngine *engine = g_object_new (HZ_TYPE_PLUGIN_ENGINE, NULL);

      g_once_init_leave (&instance, engine);
    }

  return instance;
}

/**
 * hz_plugin_engine_get_peas:
 * @self: an #HzPluginEngine
 *
 * Returns: (transfer none): the #PeasEngine, for making extension sets
 */
PeasEngine *
hz_plugin_engine_get_peas (HzPluginEngine *self)
{
  g_return_val_if_fail (HZ_IS_PLUGIN_ENGINE (self), NULL);

  return self->peas;
}

static void
capture_peas_warning (const char     *log_domain,
                      GLogLevelFlags  log_level,
                      const char     *message,
                      gpointer        user_data)
{
  GPtrArray *messages = user_data;

  /* No logging from here: this runs inside g_log(). */
  g_ptr_array_add (messages, g_strdup (message));
}

static const char *
plugin_display_name (PeasPluginInfo *info)
{
  const char *name = peas_plugin_info_get_name (info);

  return name != NULL ? name : peas_plugin_info_get_module_name (info);
}

static gboolean
load_info (HzPluginEngine  *self,
           PeasPluginInfo  *info,
           GError         **error)
{
  const char *module_name = peas_plugin_info_get_module_name (info);
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) peas_error = NULL;
  const char *cause;
  GError *load_error;
  guint handler;
  gboolean loaded;

  if (peas_plugin_info_is_loaded (info))
    return TRUE;

  /* A plugin that failed once stays unavailable in libpeas; report the
   * cause we kept from that attempt. */
  load_error = g_hash_table_lookup (self->errors, module_name);
  if (load_error != NULL && !peas_plugin_info_is_available (info, NULL))
    {
      g_propagate_error (error, g_error_copy (load_error));
      return FALSE;
    }

  /* libpeas says why a module failed (dlopen's message, a missing
   * peas_register_types) only in a warning: keep it as the cause. */
  handler = g_log_set_handler ("libpeas",
                               G_LOG_LEVEL_WARNING | G_LOG_FLAG_FATAL | G_LOG_FLAG_RECURSION,
                               capture_peas_warning, messages);
  loaded = peas_engine_load_plugin (self->peas, info);
  g_log_remove_handler ("libpeas", handler);

  if (loaded)
    {
      g_debug ("Loaded plugin %s", module_name);
      g_hash_table_remove (self->errors, module_name);
      return TRUE;
    }

  peas_plugin_info_is_available (info, &peas_error);

  if (messages->len > 0)
    cause = g_ptr_array_index (messages, 0);
  else if (peas_error != NULL)
    cause = peas_error->message;
  else
    cause = _("the plugin did not load");

  load_error = g_error_new (PEAS_PLUGIN_INFO_ERROR,
                            peas_error != NULL ? peas_error->code : PEAS_PLUGIN_INFO_ERROR_LOADING_FAILED,
                            /* Translators: plugin name, module name, then the reason */
                            _("The plugin “%s” (%s) could not be loaded: %s"),
                            plugin_display_name (info), module_name, cause);
  g_hash_table_replace (self->errors, g_strdup (module_name), g_error_copy (load_error));
  g_propagate_error (error, load_error);

  return FALSE;
}

static PeasPluginInfo *
lookup_info (HzPluginEngine  *self,
             const char      *module_name,
             GError         **error)
{
  PeasPluginInfo *info = peas_engine_get_plugin_info (self->peas, module_name);

  if (info == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                 _("No plugin with the module name “%s” was found"),
                 module_name);

  return info;
}

/**
 * hz_plugin_engine_load_plugin:
 * @self: an #HzPluginEngine
 * @module_name: the Module of the plugin's .plugin file
 * @error: return location for a #GError
 *
 * Loads one plugin (and its dependencies). Loading a loaded plugin does
 * nothing. The error names the plugin and the cause; it is also kept for
 * hz_plugin_engine_get_plugin_error().
 *
 * Returns: %TRUE if the plugin is loaded
 */
gboolean
hz_plugin_engine_load_plugin (HzPluginEngine  *self,
                              const char      *module_name,
                              GError         **error)
{
  PeasPluginInfo *info;

  g_return_val_if_fail (HZ_IS_PLUGIN_ENGINE (self), FALSE);
  g_return_val_if_fail (module_name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  info = lookup_info (self, module_name, error);
  if (info == NULL)
    return FALSE;

  return load_info (self, info, error);
}

/**
 * hz_plugin_engine_unload_plugin:
 * @self: an #HzPluginEngine
 * @module_name: the Module of the plugin's .plugin file
 * @error: return location for a #GError
 *
 * Unloads a plugin: its extensions leave every extension set. Built-in
 * plugins cannot be unloaded.
 *
 * Returns: %TRUE if the plugin is not loaded any more
 */
gboolean
hz_plugin_engine_unload_plugin (HzPluginEngine  *self,
                                const char      *module_name,
                                GError         **error)
{
  PeasPluginInfo *info;

  g_return_val_if_fail (HZ_IS_PLUGIN_ENGINE (self), FALSE);
  g_return_val_if_fail (module_name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  info = lookup_info (self, module_name, error);
  if (info == NULL)
    return FALSE;

  if (!peas_plugin_info_is_loaded (info))
    return TRUE;

  if (peas_plugin_info_is_builtin (info))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   _("The plugin “%s” (%s) is built in and cannot be unloaded"),
                   plugin_display_name (info), module_name);
      return FALSE;
    }

  if (!peas_engine_unload_plugin (self->peas, info) || peas_plugin_info_is_loaded (info))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                   _("The plugin “%s” (%s) could not be unloaded"),
                   plugin_display_name (info), module_name);
      return FALSE;
    }

  g_debug ("Unloaded plugin %s", module_name);

  return TRUE;
}

static void
report_error (HzPluginEngine *self,
              PeasPluginInfo *info,
              const GError   *error)
{
  g_debug ("%s", error->message);
  g_signal_emit (self, signals[PLUGIN_ERROR], 0, info, error->message);
}

/**
 * hz_plugin_engine_load_active:
 * @self: an #HzPluginEngine
 * @active: (nullable) (array zero-terminated=1): module names to load,
 *   usually the GSettings key active-plugins
 *
 * Loads every built-in plugin and every plugin named in @active. Each
 * failure emits #HzPluginEngine::plugin-error (also for a name that matches
 * no plugin) and the other plugins still load.
 */
void
hz_plugin_engine_load_active (HzPluginEngine     *self,
                              const char * const *active)
{
  const GList *plugins;

  g_return_if_fail (HZ_IS_PLUGIN_ENGINE (self));

  plugins = peas_engine_get_plugin_list (self->peas);

  for (const GList *l = plugins; l != NULL; l = l->next)
    {
      PeasPluginInfo *info = l->data;
      g_autoptr(GError) error = NULL;

      if (peas_plugin_info_is_builtin (info) && !load_info (self, info, &error))
        report_error (self, info, error);
    }

  for (guint i = 0; active != NULL && active[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      PeasPluginInfo *info;

      if (active[i][0] == '\0')
        continue;

      info = peas_engine_get_plugin_info (self->peas, active[i]);
      if (info == NULL)
        {
          g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       _("The active plugin “%s” is not installed"),
                       active[i]);
          g_hash_table_replace (self->errors, g_strdup (active[i]), g_error_copy (error));
          report_error (self, NULL, error);
          continue;
        }

      if (!load_info (self, info, &error))
        report_error (self, info, error);
    }
}

/**
 * hz_plugin_engine_get_plugin_error:
 * @self: an #HzPluginEngine
 * @module_name: a module name
 *
 * Returns: (nullable) (transfer none): why the plugin could not be loaded,
 *   or %NULL if it did not fail
 */
const GError *
hz_plugin_engine_get_plugin_error (HzPluginEngine *self,
                                   const char     *module_name)
{
  g_return_val_if_fail (HZ_IS_PLUGIN_ENGINE (self), NULL);
  g_return_val_if_fail (module_name != NULL, NULL);

  return g_hash_table_lookup (self->errors, module_name);
}

/**
 * hz_plugin_engine_dup_active_names:
 * @self: an #HzPluginEngine
 *
 * Returns: (transfer full): the module names of the loaded plugins that
 *   are not built in, for saving to the active-plugins key
 */
GStrv
hz_plugin_engine_dup_active_names (HzPluginEngine *self)
{
  g_autoptr(GStrvBuilder) builder = NULL;

  g_return_val_if_fail (HZ_IS_PLUGIN_ENGINE (self), NULL);

  builder = g_strv_builder_new ();

  for (const GList *l = peas_engine_get_plugin_list (self->peas); l != NULL; l = l->next)
    {
      PeasPluginInfo *info = l->data;

      if (peas_plugin_info_is_loaded (info) && !peas_plugin_info_is_builtin (info))
        g_strv_builder_add (builder, peas_plugin_info_get_module_name (info));
    }

  return g_strv_builder_end (builder);
}
