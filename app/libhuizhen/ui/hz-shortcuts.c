/* hz-shortcuts.c — a plugin's keys in the shell's Keyboard Shortcuts window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * As GNOME Builder does, the window is built anew from data each time it
 * opens: GTK 4.8 has no API to add a group to a GtkShortcutsSection (that
 * came in 4.14), only GtkBuilder's <child>, so the window is written as
 * GtkBuilder XML. A plugin's table is copied when registered: a plugin's
 * module may be unloaded (its static data with it) and loaded again, which
 * registers it again.
 */

#define G_LOG_DOMAIN "hz-ui"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hz-shortcuts-private.h"

typedef struct
{
  char   *translation_domain;
  GArray *shortcuts;   /* HzShortcut, strings owned */
} Registration;

/* module name → Registration; peas loads plugins on the main thread */
static GHashTable *registrations;

static void
clear_shortcut (gpointer data)
{
  HzShortcut *shortcut = data;

  g_free ((char *) shortcut->title);
  g_free ((char *) shortcut->accelerator);
  g_free ((char *) shortcut->action_name);
}

static void
registration_free (gpointer data)
{
  Registration *registration = data;

  g_free (registration->translation_domain);
  g_array_unref (registration->shortcuts);
  g_free (registration);
}

/* Every key of "Page_Down <Alt>Right" or "<Alt>1...<Alt>9" is one GTK
 * can parse */
static gboolean
accelerator_is_valid (const char *accelerator)
{
  g_auto(GStrv) alternatives = g_strsplit (accelerator, " ", -1);

  if (alternatives[0] == NULL)
    return FALSE;
  for (guint i = 0; alternatives[i] != NULL; i++)
    {
      g_auto(GStrv) range = g_strsplit (alternatives[i], "...", 2);

      for (guint j = 0; range[j] != NULL; j++)
        {
          guint key = 0;
          GdkModifierType mods = 0;

          if (!gtk_accelerator_parse (range[j], &key, &mods) || key == 0)
            return FALSE;
        }
    }
  return TRUE;
}

/**
 * hz_shortcuts_register:
 * @module: the plugin's module, as peas_register_types() is given it
 * @translation_domain: (nullable): the gettext domain of the titles
 *   (in-tree plugins: %GETTEXT_PACKAGE); %NULL for the default domain
 * @shortcuts: (array length=n_shortcuts): the plugin's keys
 * @n_shortcuts: how many
 *
 * Shows @shortcuts in the Keyboard Shortcuts window, in a group titled by
 * the plugin's name (its translated `Name`), while the plugin is loaded:
 * unloaded in Preferences, its group is gone the next time the window
 * opens. Call it from peas_register_types(); registering again (the
 * module loaded again) replaces the table. The table is copied.
 *
 * A row whose title is empty, whose accelerator GTK cannot parse, or
 * that has neither keys, nor an action, nor a gesture is left out with a
 * warning naming the plugin and the row.
 */
void
hz_shortcuts_register (PeasObjectModule *module,
                       const char       *translation_domain,
                       const HzShortcut *shortcuts,
                       gsize             n_shortcuts)
{
  const char *module_name;
  Registration *registration;

  g_return_if_fail (PEAS_IS_OBJECT_MODULE (module));
  g_return_if_fail (shortcuts != NULL || n_shortcuts == 0);

  module_name = peas_object_module_get_module_name (module);
  g_return_if_fail (module_name != NULL);

  registration = g_new0 (Registration, 1);
  registration->translation_domain = g_strdup (translation_domain);
  registration->shortcuts = g_array_sized_new (FALSE, TRUE, sizeof (HzShortcut), n_shortcuts);
  g_array_set_clear_func (registration->shortcuts, clear_shortcut);

  for (gsize i = 0; i < n_shortcuts; i++)
    {
      const HzShortcut *in = &shortcuts[i];
      HzShortcut copy;

      if (in->title == NULL || *in->title == '\0')
        {
          g_warning ("Plugin “%s”: shortcut %" G_GSIZE_FORMAT " has no title; left out",
                     module_name, i + 1);
          continue;
        }
      if (in->accelerator != NULL && !accelerator_is_valid (in->accelerator))
        {
          g_warning ("Plugin “%s”: shortcut “%s” has an accelerator GTK cannot parse, “%s”; left out",
                     module_name, in->title, in->accelerator);
          continue;
        }
      if (in->type == GTK_SHORTCUT_ACCELERATOR && in->accelerator == NULL && in->action_name == NULL)
        {
          g_warning ("Plugin “%s”: shortcut “%s” has no accelerator, action or gesture; left out",
                     module_name, in->title);
          continue;
        }

      copy.title = g_strdup (in->title);
      copy.accelerator = g_strdup (in->accelerator);
      copy.action_name = g_strdup (in->action_name);
      copy.type = in->type;
      g_array_append_val (registration->shortcuts, copy);
    }

  if (registrations == NULL)
    registrations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, registration_free);
  g_hash_table_replace (registrations, g_strdup (module_name), registration);
}

/* --- the window ------------------------------------------------------------ */

typedef struct
{
  const char *module_name;
  const char *title;       /* translated */
  Registration *registration;
} PluginGroup;

static int
compare_plugin_groups (gconstpointer a,
                       gconstpointer b)
{
  const PluginGroup *group_a = a;
  const PluginGroup *group_b = b;

  return g_utf8_collate (group_a->title, group_b->title);
}

static void
append_group (GString          *xml,
              GtkApplication   *app,
              const char       *name,
              const char       *title,
              const char       *translation_domain,
              const HzShortcut *shortcuts,
              gsize             n_shortcuts)
{
  GEnumClass *types = g_type_class_ref (GTK_TYPE_SHORTCUT_TYPE);

  g_string_append (xml, "<child><object class=\"GtkShortcutsGroup\">");
  if (name != NULL)
    g_string_append_printf (xml, "<property name=\"name\">%s</property>", name);
  {
    g_autofree char *escaped = g_markup_escape_text (title, -1);

    g_string_append_printf (xml, "<property name=\"title\">%s</property>", escaped);
  }
  for (gsize i = 0; i < n_shortcuts; i++)
    {
      const HzShortcut *shortcut = &shortcuts[i];
      const char *shown = g_dpgettext2 (translation_domain, "shortcut window", shortcut->title);
      g_autofree char *escaped = g_markup_escape_text (shown, -1);

      g_string_append_printf (xml,
                              "<child><object class=\"GtkShortcutsShortcut\">"
                              "<property name=\"title\">%s</property>", escaped);
      if (shortcut->accelerator != NULL)
        {
          g_autofree char *accelerator = g_markup_escape_text (shortcut->accelerator, -1);

          g_string_append_printf (xml, "<property name=\"accelerator\">%s</property>", accelerator);
        }
      if (shortcut->action_name != NULL)
        {
          g_autofree char *action = g_markup_escape_text (shortcut->action_name, -1);

          /* GtkShortcutsShortcut looks an action's keys up only in a
           * GtkApplicationWindow's help overlay: they are written here */
          if (shortcut->accelerator == NULL && app != NULL)
            {
              g_auto(GStrv) accels = gtk_application_get_accels_for_action (app, shortcut->action_name);
              g_autofree char *joined = g_strjoinv (" ", accels);
              g_autofree char *accelerator = g_markup_escape_text (joined, -1);

              if (*accelerator != '\0')
                g_string_append_printf (xml, "<property name=\"accelerator\">%s</property>", accelerator);
            }
          g_string_append_printf (xml, "<property name=\"action-name\">%s</property>", action);
        }
      if (shortcut->type != GTK_SHORTCUT_ACCELERATOR)
        {
          GEnumValue *value = g_enum_get_value (types, shortcut->type);

          if (value != NULL)
            g_string_append_printf (xml, "<property name=\"shortcut-type\">%s</property>", value->value_nick);
        }
      g_string_append (xml, "</object></child>");
    }
  g_string_append (xml, "</object></child>");
  g_type_class_unref (types);
}

/* The rows a column may hold for every group to fit in two columns, one
 * page: a second page hides groups behind its switcher (whose buttons
 * GTK 4.8 also measures wrongly). A column stops before the group that
 * would overflow it, so it holds more than M - G rows (G the tallest
 * group): two columns hold all L rows when M ≥ (L + G) / 2. A group's
 * title is a row. Never fewer than 16 (all of the shell's and the in-tree
 * plugins' groups then fill two columns about evenly). */
static guint
two_columns_height (const HzShortcutGroup *groups,
                    gsize                  n_groups,
                    GArray                *plugin_groups)
{
  guint total = 0;
  guint tallest = 0;

  for (gsize i = 0; i < n_groups; i++)
    {
      total += groups[i].n_shortcuts + 1;
      tallest = MAX (tallest, groups[i].n_shortcuts + 1);
    }
  for (guint i = 0; i < plugin_groups->len; i++)
    {
      guint rows = g_array_index (plugin_groups, PluginGroup, i).registration->shortcuts->len + 1;

      total += rows;
      tallest = MAX (tallest, rows);
    }
  return MAX (16, (total + tallest + 1) / 2);
}

GtkWindow *
hz_shortcuts_window_new (GtkWindow             *parent,
                         const HzShortcutGroup *groups,
                         gsize                  n_groups)
{
  GtkApplication *app = parent != NULL ? gtk_window_get_application (parent) : NULL;
  GtkWindow *window;
  PeasEngine *engine = hz_plugin_engine_get_peas (hz_plugin_engine_get_default ());
  g_autoptr(GArray) plugin_groups = g_array_new (FALSE, FALSE, sizeof (PluginGroup));
  g_autoptr(GString) xml = g_string_new (NULL);
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (groups != NULL || n_groups == 0, NULL);

  /* only the plugins loaded now: one unloaded keeps its registration
   * (its module may be loaded again without registering again) */
  if (registrations != NULL)
    {
      g_hash_table_iter_init (&iter, registrations);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          PeasPluginInfo *info = peas_engine_get_plugin_info (engine, key);
          Registration *registration = value;
          PluginGroup group;

          if (info == NULL || !peas_plugin_info_is_loaded (info) || registration->shortcuts->len == 0)
            continue;
          group.module_name = key;
          group.title = peas_plugin_info_get_name (info);
          group.registration = registration;
          g_array_append_val (plugin_groups, group);
        }
      g_array_sort (plugin_groups, compare_plugin_groups);
    }

  g_string_append_printf (xml,
                          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                          "<interface>"
                          "<object class=\"GtkShortcutsWindow\" id=\"shortcuts_window\">"
                          "<property name=\"modal\">True</property>"
                          "<child><object class=\"GtkShortcutsSection\">"
                          "<property name=\"section-name\">shortcuts</property>"
                          "<property name=\"max-height\">%u</property>",
                          two_columns_height (groups, n_groups, plugin_groups));
  for (gsize i = 0; i < n_groups; i++)
    append_group (xml, app, NULL, g_dpgettext2 (GETTEXT_PACKAGE, "shortcut window", groups[i].title),
                  GETTEXT_PACKAGE, groups[i].shortcuts, groups[i].n_shortcuts);
  for (guint i = 0; i < plugin_groups->len; i++)
    {
      const PluginGroup *group = &g_array_index (plugin_groups, PluginGroup, i);
      g_autofree char *escaped = g_markup_escape_text (group->module_name, -1);
      g_autofree char *name = g_strdup_printf ("shortcuts-%s", escaped);

      append_group (xml, app, name, group->title, group->registration->translation_domain,
                    (const HzShortcut *) (gpointer) group->registration->shortcuts->data,
                    group->registration->shortcuts->len);
    }
  g_string_append (xml, "</object></child></object></interface>");

  builder = gtk_builder_new ();
  /* every string is escaped and every accelerator checked: a failure is
   * a bug here, not a plugin's */
  if (!gtk_builder_add_from_string (builder, xml->str, xml->len, &error))
    g_error ("The shortcuts window could not be built: %s", error->message);

  window = GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts_window"));
  gtk_window_set_transient_for (window, parent);
  return window;
}
