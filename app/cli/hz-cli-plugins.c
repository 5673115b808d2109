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
add_string_or_null (JsonBuilder *builder,
                    const char  *member,
                    const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
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
  HzPluginEngine *engine;
  PeasEngine *peas;

  context = g_option_context_new (_("plugins"));
  g_option_context_set_summary (context,
                                _("Lists the plugins found on the search path and loads each "
                                  "one to tell whether it works."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!hz_cli_parse (cli, context, &argc, &argv))
    return HZ_CLI_EXIT_USAGE;

  if (argc > 1)
    {
      g_autofree char *message = g_strdup_printf (_("Unexpected argument “%s”"), argv[1]);

      hz_cli_usage_error ("plugins", message);
      return HZ_CLI_EXIT_USAGE;
    }

  engine = hz_plugin_engine_get_default ();
  peas = hz_plugin_engine_get_peas (engine);

  for (const GList *l = peas_engine_get_plugin_list (peas); l != NULL; l = l->next)
    g_ptr_array_add (plugins, l->data);
  g_ptr_array_sort (plugins, compare_module_names);

  /* Load every plugin; a failure is kept by the engine, with its cause */
  for (guint i = 0; i < plugins->len; i++)
    hz_plugin_engine_load_plugin (engine, peas_plugin_info_get_module_name (g_ptr_array_index (plugins, i)), NULL);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < plugins->len; i++)
        {
          PeasPluginInfo *info = g_ptr_array_index (plugins, i);
          const char *module_name = peas_plugin_info_get_module_name (info);
          const GError *error = hz_plugin_engine_get_plugin_error (engine, module_name);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_string_value (builder, module_name);
          add_string_or_null (builder, "name", peas_plugin_info_get_name (info));
          add_string_or_null (builder, "description", peas_plugin_info_get_description (info));
          add_string_or_null (builder, "version", peas_plugin_info_get_version (info));
          add_string_or_null (builder, "directory", peas_plugin_info_get_module_dir (info));
          json_builder_set_member_name (builder, "builtin");
          json_builder_add_boolean_value (builder, peas_plugin_info_is_builtin (info));
          json_builder_set_member_name (builder, "loaded");
          json_builder_add_boolean_value (builder, peas_plugin_info_is_loaded (info));
          if (error != NULL)
            {
              json_builder_set_member_name (builder, "error");
              json_builder_add_string_value (builder, error->message);
            }
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);

      root = json_builder_get_root (builder);
      hz_cli_print_json (root);
    }
  else
    {
      const char *headers[] = { _("Module"), _("Name"), _("Built in"), _("Status"), NULL };
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

      for (guint i = 0; i < plugins->len; i++)
        {
          PeasPluginInfo *info = g_ptr_array_index (plugins, i);
          const char *module_name = peas_plugin_info_get_module_name (info);
          const GError *error = hz_plugin_engine_get_plugin_error (engine, module_name);
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
          g_ptr_array_add (rows, row);
        }

      if (rows->len == 0)
        g_print (_("No plugins found\n"));
      else
        hz_cli_print_table (headers, rows);
    }

  return HZ_CLI_EXIT_OK;
}
