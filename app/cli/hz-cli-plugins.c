/* hz-cli-plugins.c — huizhen-cli plugins
 *
 * Discovers every plugin on the search path (no active list), loads each
 * core-only one to see whether it can be loaded, and reports the result.
 * Plugins whose .plugin file says X-Huizhen-Needs-Display=true (workspace
 * pages, GTK) are listed from their metadata and not loaded, so that the
 * command runs on a server without GTK initialised or even mapped.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-cli"

#include "config.h"

#include <dlfcn.h>
#include <glib/gi18n-lib.h>

#include "hz-cli.h"

static gboolean
needs_display (PeasPluginInfo *info)
{
  const char *value = peas_plugin_info_get_external_data (info, "Huizhen-Needs-Display");

  return value != NULL && g_ascii_strcasecmp (value, "true") == 0;
}

/* Whether GTK 4 has been mapped into this process */
static gboolean
gtk_is_mapped (void)
{
  void *handle = dlopen ("libgtk-4.so.1", RTLD_LAZY | RTLD_NOLOAD);

  if (handle == NULL)
    return FALSE;
  dlclose (handle);
  return TRUE;
}

static gint
compare_module_names (gconstpointer a,
                      gconstpointer b)
{
  PeasPluginInfo *info_a = *(PeasPluginInfo **) a;
  PeasPluginInfo *info_b = *(PeasPluginInfo **) b;

  return g_strcmp0 (peas_plugin_info_get_module_name (info_a),
                    peas_plugin_info_get_module_name (info_b));
}

static void
plugin_to_json (JsonBuilder *builder,
                gpointer     item,
                gpointer     user_data)
{
  PeasPluginInfo *info = item;
  const char *module_name = peas_plugin_info_get_module_name (info);
  const GError *error = hz_plugin_engine_get_plugin_error (user_data, module_name);

  hz_cli_json_add_string (builder, "id", module_name);
  hz_cli_json_add_string (builder, "name", peas_plugin_info_get_name (info));
  hz_cli_json_add_string (builder, "description", peas_plugin_info_get_description (info));
  hz_cli_json_add_string (builder, "version", peas_plugin_info_get_version (info));
  hz_cli_json_add_string (builder, "directory", peas_plugin_info_get_module_dir (info));
  json_builder_set_member_name (builder, "builtin");
  json_builder_add_boolean_value (builder, peas_plugin_info_is_builtin (info));
  json_builder_set_member_name (builder, "loaded");
  json_builder_add_boolean_value (builder, peas_plugin_info_is_loaded (info));
  json_builder_set_member_name (builder, "needs-display");
  json_builder_add_boolean_value (builder, needs_display (info));
  if (error != NULL)
    hz_cli_json_add_string (builder, "error", error->message);
}

static char **
plugin_to_row (gpointer item,
               gpointer user_data)
{
  PeasPluginInfo *info = item;
  const char *module_name = peas_plugin_info_get_module_name (info);
  const GError *error = hz_plugin_engine_get_plugin_error (user_data, module_name);
  char **row = g_new0 (char *, 5);

  row[0] = g_strdup (module_name);
  row[1] = g_strdup (peas_plugin_info_get_name (info));
  row[2] = g_strdup (peas_plugin_info_is_builtin (info) ? _("yes") : _("no"));
  if (peas_plugin_info_is_loaded (info))
    row[3] = g_strdup (_("loaded"));
  else if (needs_display (info) && error == NULL)
    row[3] = g_strdup (_("needs the desktop (not loaded here)"));
  else if (error != NULL)
    /* Translators: %s is why the plugin could not be loaded */
    row[3] = g_strdup_printf (_("error: %s"), error->message);
  else
    row[3] = g_strdup (_("not loaded"));

  return row;
}

/* huizhen-cli plugins [--json] */
int
hz_cli_plugins (HzCli  *cli,
                int     argc,
                char  **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON array"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) plugins = g_ptr_array_new ();
  const char *headers[] = { _("Module"), C_("plugin", "Name"), _("Built in"), _("Status"), NULL };
  HzPluginEngine *engine;
  PeasEngine *peas;

  context = g_option_context_new (_("plugins"));
  g_option_context_set_summary (context,
                                _("Lists the plugins found on the search path and loads each "
                                  "core-only one to tell whether it works; desktop plugins are "
                                  "listed from their metadata."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!hz_cli_parse (cli, context, &argc, &argv))
    return HZ_CLI_EXIT_USAGE;

  if (!hz_cli_check_no_arguments ("plugins", argc, argv))
    return HZ_CLI_EXIT_USAGE;

  engine = hz_plugin_engine_get_default ();
  peas = hz_plugin_engine_get_peas (engine);

  for (const GList *l = peas_engine_get_plugin_list (peas); l != NULL; l = l->next)
    g_ptr_array_add (plugins, l->data);
  g_ptr_array_sort (plugins, compare_module_names);

  /* Load every core-only plugin; a failure is kept by the engine, with its
   * cause. One that brings GTK in without saying so is named. */
  for (guint i = 0; i < plugins->len; i++)
    {
      PeasPluginInfo *info = g_ptr_array_index (plugins, i);
      gboolean had_gtk = gtk_is_mapped ();

      if (needs_display (info))
        continue;

      hz_plugin_engine_load_plugin (engine, peas_plugin_info_get_module_name (info), NULL);
      if (!had_gtk && gtk_is_mapped ())
        g_printerr (_("huizhen-cli: plugin “%s” loads GTK, but its .plugin file does not say "
                      "X-Huizhen-Needs-Display=true\n"),
                    peas_plugin_info_get_module_name (info));
    }

  hz_cli_print_list (plugins, json, plugin_to_json, headers, plugin_to_row,
                     _("No plugins found\n"), engine);

  return HZ_CLI_EXIT_OK;
}
