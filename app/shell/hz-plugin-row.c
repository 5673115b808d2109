/* hz-plugin-row.c — one plugin in Preferences, with its on/off switch
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-shell"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hz-plugin-row.h"

struct _HzPluginRow
{
  AdwActionRow    parent_instance;

  PeasPluginInfo *plugin_info;
  GSettings      *settings;
  HzPluginEngine *engine;
  char           *load_error;
  guint           updating;

  GtkLabel       *builtin_label;
  GtkSwitch      *toggle;
};

G_DEFINE_FINAL_TYPE (HzPluginRow, hz_plugin_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_PLUGIN_INFO,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkWidget *
find_subtitle_label (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (child) && gtk_widget_has_css_class (child, "subtitle"))
        return child;

      if ((found = find_subtitle_label (child)))
        return found;
    }

  return NULL;
}

static void
hz_plugin_row_sync (HzPluginRow *self)
{
  g_autoptr(GError) unavailable = NULL;
  const char *module_name = peas_plugin_info_get_module_name (self->plugin_info);
  const GError *engine_error = hz_plugin_engine_get_plugin_error (self->engine, module_name);
  gboolean builtin = peas_plugin_info_is_builtin (self->plugin_info);
  gboolean loaded = peas_plugin_info_is_loaded (self->plugin_info);
  const char *description = peas_plugin_info_get_description (self->plugin_info);
  const char *error_message = NULL;
  GtkWidget *subtitle;

  if (self->load_error != NULL)
    error_message = self->load_error;
  else if (engine_error != NULL && !loaded)
    error_message = engine_error->message;
  else if (!peas_plugin_info_is_available (self->plugin_info, &unavailable) && unavailable != NULL)
    error_message = unavailable->message;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), peas_plugin_info_get_name (self->plugin_info));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self),
                               error_message != NULL ? error_message
                               : description != NULL ? description : "");

  subtitle = find_subtitle_label (GTK_WIDGET (self));
  if (subtitle != NULL)
    {
      if (error_message != NULL)
        gtk_widget_add_css_class (subtitle, "error");
      else
        gtk_widget_remove_css_class (subtitle, "error");
    }
  else if (error_message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "error");

  gtk_widget_set_visible (GTK_WIDGET (self->builtin_label), builtin);
  gtk_widget_set_sensitive (GTK_WIDGET (self->toggle), !builtin);

  self->updating++;
  gtk_switch_set_active (self->toggle, loaded);
  gtk_switch_set_state (self->toggle, loaded);
  self->updating--;
}

static void
save_active_plugins (HzPluginRow *self)
{
  g_auto(GStrv) names = NULL;

  if (self->settings == NULL)
    return;

  names = hz_plugin_engine_dup_active_names (self->engine);
  g_settings_set_strv (self->settings, "active-plugins", (const char * const *) names);
}

static gboolean
on_state_set_cb (HzPluginRow *self,
                 gboolean     state,
                 GtkSwitch   *toggle)
{
  g_autoptr(GError) error = NULL;
  const char *module_name;
  gboolean loaded;
  gboolean ok = TRUE;

  if (self->updating > 0)
    return FALSE;

  if (peas_plugin_info_is_builtin (self->plugin_info))
    {
      hz_plugin_row_sync (self);
      return TRUE;
    }

  module_name = peas_plugin_info_get_module_name (self->plugin_info);
  loaded = peas_plugin_info_is_loaded (self->plugin_info);

  g_clear_pointer (&self->load_error, g_free);

  if (state && !loaded)
    ok = hz_plugin_engine_load_plugin (self->engine, module_name, &error);
  else if (!state && loaded)
    ok = hz_plugin_engine_unload_plugin (self->engine, module_name, &error);

  if (!ok)
    self->load_error = g_strdup (error != NULL ? error->message : _("The plugin could not be loaded"));
  else
    save_active_plugins (self);

  hz_plugin_row_sync (self);

  return TRUE;
}

static void
on_engine_plugin_changed_cb (HzPluginRow    *self,
                             PeasPluginInfo *plugin_info,
                             PeasEngine     *engine)
{
  if (plugin_info == self->plugin_info)
    hz_plugin_row_sync (self);
}

static void
on_plugin_error_cb (HzPluginRow    *self,
                    PeasPluginInfo *plugin_info,
                    const char     *message,
                    HzPluginEngine *engine)
{
  if (plugin_info != self->plugin_info)
    return;

  g_free (self->load_error);
  self->load_error = g_strdup (message);
  hz_plugin_row_sync (self);
}

static void
hz_plugin_row_constructed (GObject *object)
{
  HzPluginRow *self = (HzPluginRow *)object;
  PeasEngine *peas = hz_plugin_engine_get_peas (self->engine);

  G_OBJECT_CLASS (hz_plugin_row_parent_class)->constructed (object);

  g_return_if_fail (self->plugin_info != NULL);

  g_signal_connect_object (peas, "load-plugin",
                           G_CALLBACK (on_engine_plugin_changed_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (peas, "unload-plugin",
                           G_CALLBACK (on_engine_plugin_changed_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (self->engine, "plugin-error",
                           G_CALLBACK (on_plugin_error_cb), self,
                           G_CONNECT_SWAPPED);

  hz_plugin_row_sync (self);
}

static void
hz_plugin_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), HZ_TYPE_PLUGIN_ROW);

  G_OBJECT_CLASS (hz_plugin_row_parent_class)->dispose (object);
}

static void
hz_plugin_row_finalize (GObject *object)
{
  HzPluginRow *self = (HzPluginRow *)object;

  if (self->plugin_info != NULL)
    g_boxed_free (PEAS_TYPE_PLUGIN_INFO, self->plugin_info);
  g_clear_object (&self->settings);
  g_clear_object (&self->engine);
  g_free (self->load_error);

  G_OBJECT_CLASS (hz_plugin_row_parent_class)->finalize (object);
}

static void
hz_plugin_row_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  HzPluginRow *self = HZ_PLUGIN_ROW (object);

  switch (prop_id)
    {
    case PROP_PLUGIN_INFO:
      g_value_set_boxed (value, self->plugin_info);
      break;

    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hz_plugin_row_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  HzPluginRow *self = HZ_PLUGIN_ROW (object);

  switch (prop_id)
    {
    case PROP_PLUGIN_INFO:
      self->plugin_info = g_value_dup_boxed (value);
      break;

    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hz_plugin_row_class_init (HzPluginRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = hz_plugin_row_constructed;
  object_class->dispose = hz_plugin_row_dispose;
  object_class->finalize = hz_plugin_row_finalize;
  object_class->get_property = hz_plugin_row_get_property;
  object_class->set_property = hz_plugin_row_set_property;

  properties[PROP_PLUGIN_INFO] =
    g_param_spec_boxed ("plugin-info", NULL, NULL,
                        PEAS_TYPE_PLUGIN_INFO,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/huizhen/Huizhen/hz-plugin-row.ui");
  gtk_widget_class_bind_template_child (widget_class, HzPluginRow, builtin_label);
  gtk_widget_class_bind_template_child (widget_class, HzPluginRow, toggle);
  gtk_widget_class_bind_template_callback (widget_class, on_state_set_cb);
}

static void
hz_plugin_row_init (HzPluginRow *self)
{
  self->engine = g_object_ref (hz_plugin_engine_get_default ());

  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
hz_plugin_row_new (PeasPluginInfo *plugin_info,
                   GSettings      *settings)
{
  g_return_val_if_fail (plugin_info != NULL, NULL);
  g_return_val_if_fail (!settings || G_IS_SETTINGS (settings), NULL);

  return g_object_new (HZ_TYPE_PLUGIN_ROW,
                       "plugin-info", plugin_info,
                       "settings", settings,
                       NULL);
}

PeasPluginInfo *
hz_plugin_row_get_plugin_info (HzPluginRow *self)
{
  g_return_val_if_fail (HZ_IS_PLUGIN_ROW (self), NULL);

  return self->plugin_info;
}

GtkSwitch *
hz_plugin_row_get_switch (HzPluginRow *self)
{
  g_return_val_if_fail (HZ_IS_PLUGIN_ROW (self), NULL);

  return self->toggle;
}
