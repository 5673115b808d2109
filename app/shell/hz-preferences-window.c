/* hz-preferences-window.c — the clinician, the database and the plugins
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-shell"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hz-actor-group.h"
#include "hz-plugin-row.h"
#include "hz-preferences-window.h"
#include "hz-shell-utils.h"

struct _HzPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  HzStore              *store;
  char                 *db_path;

  HzActorGroup         *actor_group;
  AdwActionRow         *database_row;
  AdwComboRow          *time_zone_row;
  GPtrArray            *time_zones;     /* (element-type utf8): by the row's items; "" for the record's own */
  AdwPreferencesGroup  *plugins_group;
};

G_DEFINE_FINAL_TYPE (HzPreferencesWindow, hz_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_STORE,
  PROP_DB_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
on_actor_changed_cb (HzPreferencesWindow *self,
                     HzActorGroup        *group)
{
  g_autoptr(HzActor) actor = NULL;

  if (!hz_actor_group_get_valid (group))
    return;

  actor = hz_actor_group_dup_actor (group);
  hz_shell_set_actor (self->settings, self->store, actor);
}

static int
compare_plugin_infos (gconstpointer a,
                      gconstpointer b)
{
  PeasPluginInfo *info_a = (PeasPluginInfo *) a;
  PeasPluginInfo *info_b = (PeasPluginInfo *) b;

  /* built-in first, then by name */
  if (peas_plugin_info_is_builtin (info_a) != peas_plugin_info_is_builtin (info_b))
    return peas_plugin_info_is_builtin (info_a) ? -1 : 1;

  return g_utf8_collate (peas_plugin_info_get_name (info_a),
                         peas_plugin_info_get_name (info_b));
}

static void
hz_preferences_window_add_plugins (HzPreferencesWindow *self)
{
  PeasEngine *peas = hz_plugin_engine_get_peas (hz_plugin_engine_get_default ());
  g_autoptr(GList) infos = g_list_copy ((GList *) peas_engine_get_plugin_list (peas));
  guint n_rows = 0;

  infos = g_list_sort (infos, compare_plugin_infos);

  for (const GList *l = infos; l != NULL; l = l->next)
    {
      PeasPluginInfo *plugin_info = l->data;
      g_autofree char *name = NULL;
      GtkWidget *row;

      if (peas_plugin_info_is_hidden (plugin_info))
        continue;

      row = hz_plugin_row_new (plugin_info, self->settings);
      name = g_strdup_printf ("plugin-row-%s", peas_plugin_info_get_module_name (plugin_info));
      gtk_widget_set_name (row, name);
      adw_preferences_group_add (self->plugins_group, row);
      n_rows++;
    }

  if (n_rows == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No Plugins Found"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Plugins are looked for in the installed plugin folder and in ~/.local/share/huizhen/plugins."));
      adw_preferences_group_add (self->plugins_group, row);
    }
}

static void
on_time_zone_selected_cb (HzPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->time_zone_row);

  if (self->time_zones == NULL || selected >= self->time_zones->len)
    return;

  g_settings_set_string (self->settings, "time-zone", g_ptr_array_index (self->time_zones, selected));
}

/* The record's own time, China Standard Time, this computer's zone, and
 * the one set now if it is none of those */
static void
hz_preferences_window_add_time_zones (HzPreferencesWindow *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autofree char *current = g_settings_get_string (self->settings, "time-zone");
  const char *local_id = g_time_zone_get_identifier (local);
  guint selected = 0;

  self->time_zones = g_ptr_array_new_with_free_func (g_free);

  gtk_string_list_append (names, _("As Each Record Was Written"));
  g_ptr_array_add (self->time_zones, g_strdup (""));

  /* Translators: the time zone of mainland China's hospitals */
  gtk_string_list_append (names, _("China Standard Time (UTC+8)"));
  g_ptr_array_add (self->time_zones, g_strdup ("Asia/Shanghai"));

  if (local_id != NULL && g_strcmp0 (local_id, "Asia/Shanghai") != 0 && g_strcmp0 (local_id, "UTC") != 0 &&
      g_strcmp0 (local_id, "Etc/UTC") != 0 && g_strcmp0 (local_id, ":/etc/localtime") != 0)
    {
      g_autofree char *title = NULL;

      /* Translators: %s is a time zone such as Europe/Berlin */
      title = g_strdup_printf (_("This Computer's Time Zone (%s)"), local_id);
      gtk_string_list_append (names, title);
      g_ptr_array_add (self->time_zones, g_strdup (local_id));
    }

  if (current != NULL && *current != '\0')
    {
      guint i;

      for (i = 0; i < self->time_zones->len; i++)
        if (g_str_equal (g_ptr_array_index (self->time_zones, i), current))
          break;
      if (i == self->time_zones->len)
        {
          gtk_string_list_append (names, current);
          g_ptr_array_add (self->time_zones, g_strdup (current));
        }
      selected = i;
    }

  g_signal_handlers_block_by_func (self->time_zone_row, on_time_zone_selected_cb, self);
  adw_combo_row_set_model (self->time_zone_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->time_zone_row, selected);
  g_signal_handlers_unblock_by_func (self->time_zone_row, on_time_zone_selected_cb, self);
}

static void
hz_preferences_window_constructed (GObject *object)
{
  HzPreferencesWindow *self = (HzPreferencesWindow *)object;
  g_autoptr(HzActor) actor = NULL;
  g_autofree char *default_path = NULL;
  const char *path;

  G_OBJECT_CLASS (hz_preferences_window_parent_class)->constructed (object);

  g_return_if_fail (G_IS_SETTINGS (self->settings));

  actor = hz_settings_dup_actor (self->settings);
  hz_actor_group_set_actor (self->actor_group, actor);
  hz_actor_group_set_show_apply_button (self->actor_group, TRUE);

  if (g_getenv ("HUIZHEN_USER") != NULL && *g_getenv ("HUIZHEN_USER") != '\0')
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->actor_group),
                                           _("This session's clinician was chosen when Huizhen was started; "
                                             "changes here take effect from the next session."));

  hz_preferences_window_add_time_zones (self);

  if (self->store != NULL)
    path = hz_store_get_path (self->store);
  else if (self->db_path != NULL)
    path = self->db_path;
  else
    path = default_path = hz_store_get_default_path ();

  adw_action_row_set_subtitle (self->database_row, path);

  hz_preferences_window_add_plugins (self);
}

static void
hz_preferences_window_dispose (GObject *object)
{
  HzPreferencesWindow *self = (HzPreferencesWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), HZ_TYPE_PREFERENCES_WINDOW);

  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (hz_preferences_window_parent_class)->dispose (object);
}

static void
hz_preferences_window_finalize (GObject *object)
{
  HzPreferencesWindow *self = (HzPreferencesWindow *)object;

  g_free (self->db_path);
  g_clear_pointer (&self->time_zones, g_ptr_array_unref);

  G_OBJECT_CLASS (hz_preferences_window_parent_class)->finalize (object);
}

static void
hz_preferences_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  HzPreferencesWindow *self = HZ_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_DB_PATH:
      g_value_set_string (value, self->db_path);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hz_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  HzPreferencesWindow *self = HZ_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_DB_PATH:
      self->db_path = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hz_preferences_window_class_init (HzPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = hz_preferences_window_constructed;
  object_class->dispose = hz_preferences_window_dispose;
  object_class->finalize = hz_preferences_window_finalize;
  object_class->get_property = hz_preferences_window_get_property;
  object_class->set_property = hz_preferences_window_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         HZ_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DB_PATH] =
    g_param_spec_string ("db-path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/huizhen/Huizhen/hz-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HzPreferencesWindow, actor_group);
  gtk_widget_class_bind_template_child (widget_class, HzPreferencesWindow, database_row);
  gtk_widget_class_bind_template_child (widget_class, HzPreferencesWindow, time_zone_row);
  gtk_widget_class_bind_template_callback (widget_class, on_time_zone_selected_cb);
  gtk_widget_class_bind_template_child (widget_class, HzPreferencesWindow, plugins_group);
  gtk_widget_class_bind_template_callback (widget_class, on_actor_changed_cb);

  g_type_ensure (HZ_TYPE_ACTOR_GROUP);
}

static void
hz_preferences_window_init (HzPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
hz_preferences_window_new (GtkWindow  *parent,
                           GSettings  *settings,
                           HzStore    *store,
                           const char *db_path)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (HZ_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "application", parent ? gtk_window_get_application (parent) : NULL,
                       "settings", settings,
                       "store", store,
                       "db-path", db_path,
                       NULL);
}
