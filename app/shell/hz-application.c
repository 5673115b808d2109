/* hz-application.c — the huizhen application: options, actions, windows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-shell"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <hz-ui.h>

#include "hz-application.h"
#include "hz-preferences-window.h"
#include "hz-shell-resources.h"
#include "hz-window.h"

struct _HzApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  char           *db_path;
  char           *pending_case;
  char           *pending_page;
  gboolean        pending_registry;
  char           *pending_view;

  guint           plugins_loaded : 1;
};

G_DEFINE_FINAL_TYPE (HzApplication, hz_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Open the case database at PATH instead of the default"), N_("PATH") },
  { "case", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Open the case (EpisodeOfCare id) ID once the cases are loaded"), N_("ID") },
  { "page", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --case: show its page NAME (summary, timeline…) once it is open"), N_("NAME") },
  { "registry", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the high-risk registry once it is read"), NULL },
  { "view", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Show a plugin’s window-wide view NAME (referral-office…) once it is added"), N_("NAME") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and quit"), NULL },
  { NULL }
};

static const struct {
  const char *action;
  const char *accels[3];
} accels[] = {
  { "app.quit", { "<Control>q", NULL } },
  { "app.preferences", { "<Control>comma", NULL } },
  { "win.show-help-overlay", { "<Control>question", "<Control>slash", NULL } },
  { "win.import", { "<Control>o", NULL } },
  { "win.close-case", { "<Control>w", NULL } },
  { "win.show-registry", { "<Control><Shift>r", NULL } },
  { "win.toggle-panel", { "F9", NULL } },
};

static HzWindow *
get_main_window (HzApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      if (HZ_IS_WINDOW (l->data))
        return HZ_WINDOW (l->data);
    }

  return NULL;
}

static int
hz_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return 0;
    }

  return G_APPLICATION_CLASS (hz_application_parent_class)->handle_local_options (app, options);
}

static int
hz_application_command_line (GApplication            *app,
                             GApplicationCommandLine *command_line)
{
  HzApplication *self = HZ_APPLICATION (app);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  const char *db_path = NULL;
  const char *case_id = NULL;
  const char *page = NULL;
  const char *view = NULL;
  gboolean registry = FALSE;
  HzWindow *window = get_main_window (self);

  g_variant_dict_lookup (options, "db", "^&ay", &db_path);
  g_variant_dict_lookup (options, "case", "&s", &case_id);
  g_variant_dict_lookup (options, "page", "&s", &page);
  g_variant_dict_lookup (options, "registry", "b", &registry);
  g_variant_dict_lookup (options, "view", "&s", &view);

  if (db_path != NULL && *db_path != '\0')
    {
      g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (command_line, db_path);
      g_autofree char *path = g_file_get_path (file);

      if (window != NULL && g_strcmp0 (path, hz_window_get_db_path (window)) != 0)
        g_application_command_line_printerr (command_line,
                                             _("Huizhen is already running with “%s”; --db is ignored.\n"),
                                             hz_window_get_db_path (window));
      else
        hz_application_set_db_path (self, path);
    }

  if (page != NULL && *page != '\0')
    {
      if (window != NULL)
        hz_window_show_page_when_open (window, page);
      else
        {
          g_free (self->pending_page);
          self->pending_page = g_strdup (page);
        }
    }

  if (registry)
    {
      if (window != NULL)
        hz_window_show_registry_when_read (window);
      else
        self->pending_registry = TRUE;
    }

  if (view != NULL && *view != '\0')
    {
      if (window != NULL)
        hz_main_window_show_view (HZ_MAIN_WINDOW (window), view);
      else
        {
          g_free (self->pending_view);
          self->pending_view = g_strdup (view);
        }
    }

  if (case_id != NULL && *case_id != '\0')
    {
      if (window != NULL)
        hz_window_open_case (window, case_id);
      else
        {
          g_free (self->pending_case);
          self->pending_case = g_strdup (case_id);
        }
    }

  g_application_activate (app);

  return 0;
}

static void
hz_application_activate (GApplication *app)
{
  HzApplication *self = HZ_APPLICATION (app);
  HzWindow *window = get_main_window (self);

  if (window == NULL)
    window = hz_window_new (self);

  gtk_window_present (GTK_WINDOW (window));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  HzApplication *self = HZ_APPLICATION (user_data);
  HzWindow *window;
  GList *windows;

  /* Close the main windows so each saves its state and unloads its
   * addins, then whatever dialogs are left. */
  while ((window = get_main_window (self)) != NULL)
    {
      gtk_window_close (GTK_WINDOW (window));
      if (get_main_window (self) == window)
        gtk_window_destroy (GTK_WINDOW (window));
    }

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (self))) != NULL)
    gtk_window_destroy (GTK_WINDOW (windows->data));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  HzApplication *self = HZ_APPLICATION (user_data);
  HzWindow *window = get_main_window (self);
  GtkWidget *preferences;

  preferences = hz_preferences_window_new (GTK_WINDOW (window),
                                           self->settings,
                                           window != NULL ? hz_window_get_store (window) : NULL,
                                           window != NULL ? hz_window_get_db_path (window) : self->db_path);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  HzApplication *self = HZ_APPLICATION (user_data);
  static const char *developers[] = {
    "The Huizhen developers",
    NULL
  };
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  adw_show_about_window (window,
                         "application-name", _("Huizhen"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("The Huizhen developers"),
                         "developers", developers,
                         "comments", _("Review pregnancy cases together across obstetrics, reproductive medicine, psychology and nutrition, in one room or across hospitals."),
                         "website", "https://github.com/huizhen/huizhen",
                         "issue-url", "https://github.com/huizhen/huizhen/issues",
                         "copyright", "© 2024 The Huizhen developers",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         /* Translators: put your names here, one per line */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "preferences", preferences_action },
  { "about", about_action },
};

static void
apply_time_zone (GSettings *settings)
{
  g_autofree char *zone = g_settings_get_string (settings, "time-zone");

  if (!hz_fhir_set_display_time_zone (zone))
    g_warning ("Unknown time zone “%s” in the time-zone setting: times are shown as written", zone);
}

static void
on_time_zone_changed_cb (HzApplication *self,
                         const char    *key,
                         GSettings     *settings)
{
  apply_time_zone (settings);

  /* what is on screen follows at once */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (HZ_IS_WINDOW (l->data))
      hz_window_show_dates_again (HZ_WINDOW (l->data));
}

/* GtkIconTheme reads its themes in a thread of its own when it is made, but
 * AdwApplication's startup then adds the application's icon path, which
 * drops what was read: the first icon of the first frame read the index
 * files again on the main thread (~8% of start-up). Read them here while
 * the window is built. GtkIconTheme locks itself; this is what GTK's own
 * load_theme_thread does. */
static void
read_icon_theme_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  gtk_icon_theme_has_icon (GTK_ICON_THEME (task_data), "open-menu-symbolic");
  g_task_return_boolean (task, TRUE);
}

static void
read_icon_theme_in_thread (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  g_autoptr(GTask) task = NULL;

  if (display == NULL)
    return;
  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_task_data (task, g_object_ref (gtk_icon_theme_get_for_display (display)), g_object_unref);
  g_task_run_in_thread (task, read_icon_theme_thread);
}

static void
hz_application_startup (GApplication *app)
{
  HzApplication *self = HZ_APPLICATION (app);

  G_APPLICATION_CLASS (hz_application_parent_class)->startup (app);
  read_icon_theme_in_thread ();

  hz_ui_init ();


  self->settings = hz_settings_new ();

  /* every page shows times in the zone chosen in Preferences */
  g_signal_connect_object (self->settings, "changed::time-zone",
                           G_CALLBACK (on_time_zone_changed_cb), self, G_CONNECT_SWAPPED);
  apply_time_zone (self->settings);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action, accels[i].accels);

  for (int i = 1; i <= 9; i++)
    {
      g_autofree char *action = g_strdup_printf ("win.show-page(%d)", i);
      g_autofree char *accel = g_strdup_printf ("<Alt>%d", i);
      const char *page_accels[] = { accel, NULL };

      gtk_application_set_accels_for_action (GTK_APPLICATION (self), action, page_accels);
    }
}

static void
hz_application_shutdown (GApplication *app)
{
  HzApplication *self = HZ_APPLICATION (app);

  if (self->settings != NULL)
    g_settings_sync ();

  G_APPLICATION_CLASS (hz_application_parent_class)->shutdown (app);
}

static void
hz_application_dispose (GObject *object)
{
  HzApplication *self = (HzApplication *)object;

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (hz_application_parent_class)->dispose (object);
}

static void
hz_application_finalize (GObject *object)
{
  HzApplication *self = (HzApplication *)object;

  g_free (self->db_path);
  g_free (self->pending_case);
  g_free (self->pending_page);
  g_free (self->pending_view);

  G_OBJECT_CLASS (hz_application_parent_class)->finalize (object);
}

static void
hz_application_class_init (HzApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = hz_application_dispose;
  object_class->finalize = hz_application_finalize;

  app_class->handle_local_options = hz_application_handle_local_options;
  app_class->command_line = hz_application_command_line;
  app_class->activate = hz_application_activate;
  app_class->startup = hz_application_startup;
  app_class->shutdown = hz_application_shutdown;

  hz_shell_register_resource ();
}

static void
hz_application_init (HzApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Review pregnancy cases together as a multidisciplinary team."));
}

HzApplication *
hz_application_new (void)
{
  return g_object_new (HZ_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", "/io/github/huizhen/Huizhen",
                       NULL);
}

GSettings *
hz_application_get_settings (HzApplication *self)
{
  g_return_val_if_fail (HZ_IS_APPLICATION (self), NULL);

  if (self->settings == NULL)
    self->settings = hz_settings_new ();

  return self->settings;
}

const char *
hz_application_get_db_path (HzApplication *self)
{
  g_return_val_if_fail (HZ_IS_APPLICATION (self), NULL);

  return self->db_path;
}

void
hz_application_set_db_path (HzApplication *self,
                            const char    *db_path)
{
  g_return_if_fail (HZ_IS_APPLICATION (self));

  g_free (self->db_path);
  self->db_path = g_strdup (db_path);
}

char *
hz_application_take_pending_page (HzApplication *self)
{
  g_return_val_if_fail (HZ_IS_APPLICATION (self), NULL);

  return g_steal_pointer (&self->pending_page);
}

gboolean
hz_application_take_pending_registry (HzApplication *self)
{
  gboolean pending;

  g_return_val_if_fail (HZ_IS_APPLICATION (self), FALSE);

  pending = self->pending_registry;
  self->pending_registry = FALSE;
  return pending;
}

char *
hz_application_take_pending_view (HzApplication *self)
{
  g_return_val_if_fail (HZ_IS_APPLICATION (self), NULL);

  return g_steal_pointer (&self->pending_view);
}

char *
hz_application_take_pending_case (HzApplication *self)
{
  g_return_val_if_fail (HZ_IS_APPLICATION (self), NULL);

  return g_steal_pointer (&self->pending_case);
}

void
hz_application_load_plugins (HzApplication *self)
{
  g_auto(GStrv) active = NULL;

  g_return_if_fail (HZ_IS_APPLICATION (self));

  if (self->plugins_loaded)
    return;

  self->plugins_loaded = TRUE;

  active = g_settings_get_strv (hz_application_get_settings (self), "active-plugins");
  hz_plugin_engine_load_active (hz_plugin_engine_get_default (), (const char * const *) active);
}
