/* hz-cli-plugins.c — huizhen-cli plugins
 *
 * Discovers every plugin on the search path (no active list), loads each
 * one to see whether it can be loaded, and reports the result.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-cli"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hz-cli.h"

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
                                  "one to tell whether it works."));
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

  /* Load every plugin; a failure is kept by the engine, with its cause */
  for (guint i = 0; i < plugins->len; i++)
    hz_plugin_engine_load_plugin (engine, peas_plugin_info_get_module_name (g_ptr_array_index (plugins, i)), NULL);

  hz_cli_print_list (plugins, json, plugin_to_json, headers, plugin_to_row,
                     _("No plugins found\n"), engine);

  return HZ_CLI_EXIT_OK;
}
