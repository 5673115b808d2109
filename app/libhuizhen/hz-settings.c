/* hz-settings.c — GSettings for io.github.huizhen.Huizhen, also when run uninstalled
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "huizhen"

#include "config.h"

#include <string.h>

#include "huizhen.h"

/**
 * hz_settings_new:
 *
 * The application settings. When the schema is not installed (the program
 * runs from the build tree), the schema compiled into the build tree's
 * data/ directory is used.
 *
 * Returns: (transfer full): the settings
 */
GSettings *
hz_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchemaSource) build_source = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GError) error = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, HZ_APPLICATION_ID, TRUE);

  if (schema == NULL)
    {
      build_source = g_settings_schema_source_new_from_directory (HZ_BUILD_ROOT "/data",
                                                                  source, FALSE, &error);
      if (build_source == NULL)
        g_error ("The settings schema %s is not installed and could not be loaded from %s: %s",
                 HZ_APPLICATION_ID, HZ_BUILD_ROOT "/data", error->message);

      schema = g_settings_schema_source_lookup (build_source, HZ_APPLICATION_ID, TRUE);
      if (schema == NULL)
        g_error ("The settings schema %s is neither installed nor in %s",
                 HZ_APPLICATION_ID, HZ_BUILD_ROOT "/data");
    }

  return g_settings_new_full (schema, NULL, NULL);
}

/**
 * hz_actor_parse:
 * @spec: "name" or "name|team|role|hospital" (trailing parts may be left out)
 *
 * Returns: (transfer full) (nullable): the actor, or %NULL if the name is
 *   empty or the team is not one of hz_team_from_string()'s
 */
HzActor *
hz_actor_parse (const char *spec)
{
  g_auto(GStrv) parts = NULL;
  HzTeam team = HZ_TEAM_OTHER;
  const char *role = NULL;
  const char *hospital = NULL;
  g_autofree char *name = NULL;

  if (spec == NULL)
    return NULL;

  parts = g_strsplit (spec, "|", 4);
  if (parts[0] == NULL)
    return NULL;

  name = g_strstrip (g_strdup (parts[0]));
  if (*name == '\0')
    return NULL;

  if (parts[1] != NULL)
    {
      if (!hz_team_from_string (parts[1], &team))
        return NULL;

      if (parts[2] != NULL)
        {
          role = g_strstrip (parts[2]);
          if (parts[3] != NULL)
            hospital = g_strstrip (parts[3]);
        }
    }

  return hz_actor_new (name, team,
                       role != NULL && *role != '\0' ? role : NULL,
                       hospital != NULL && *hospital != '\0' ? hospital : NULL);
}

/**
 * hz_settings_dup_actor:
 * @settings: the application settings
 *
 * Returns: (transfer full) (nullable): the clinician, or %NULL before the
 *   first-run dialog recorded one
 */
HzActor *
hz_settings_dup_actor (GSettings *settings)
{
  const char *env = g_getenv ("HUIZHEN_USER");
  g_autofree char *name = NULL;
  g_autofree char *role = NULL;
  g_autofree char *hospital = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  if (env != NULL && *env != '\0')
    {
      HzActor *actor = hz_actor_parse (env);

      if (actor != NULL)
        return actor;

      g_warning ("Ignoring HUIZHEN_USER=“%s”: expected “name” or “name|team|role|hospital”", env);
    }

  name = g_settings_get_string (settings, "user-name");
  g_strstrip (name);
  if (*name == '\0')
    return NULL;

  role = g_settings_get_string (settings, "user-role");
  hospital = g_settings_get_string (settings, "user-hospital");

  return hz_actor_new (name,
                       CLAMP (g_settings_get_enum (settings, "user-team"),
                              HZ_TEAM_OBSTETRICS, HZ_TEAM_OTHER),
                       *role != '\0' ? role : NULL,
                       *hospital != '\0' ? hospital : NULL);
}

void
hz_settings_set_actor (GSettings     *settings,
                       const HzActor *actor)
{
  g_return_if_fail (G_IS_SETTINGS (settings));

  g_settings_set_string (settings, "user-name", actor != NULL ? actor->name : "");
  g_settings_set_enum (settings, "user-team", actor != NULL ? (int) actor->team : HZ_TEAM_OBSTETRICS);
  g_settings_set_string (settings, "user-role", actor != NULL && actor->role ? actor->role : "");
  g_settings_set_string (settings, "user-hospital", actor != NULL && actor->hospital ? actor->hospital : "");
}
