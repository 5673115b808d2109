/* hz-actor.c — who is acting: named in every AuditEvent
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "huizhen"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "huizhen.h"

G_DEFINE_BOXED_TYPE (HzActor, hz_actor, hz_actor_copy, hz_actor_free)

/**
 * hz_actor_new:
 * @name: the clinician's display name
 * @team: the clinician's team
 * @role: (nullable): role or title, e.g. 主治医师
 * @hospital: (nullable): the organisation's display name
 *
 * Returns: (transfer full): a new #HzActor
 */
HzActor *
hz_actor_new (const char *name,
              HzTeam      team,
              const char *role,
              const char *hospital)
{
  HzActor *self;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (team >= HZ_TEAM_OBSTETRICS && team <= HZ_TEAM_OTHER, NULL);

  self = g_new0 (HzActor, 1);
  self->name = g_strdup (name);
  self->team = team;
  self->role = g_strdup (role);
  self->hospital = g_strdup (hospital);

  return self;
}

HzActor *
hz_actor_copy (const HzActor *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return hz_actor_new (self->name, self->team, self->role, self->hospital);
}

void
hz_actor_free (HzActor *self)
{
  if (self == NULL)
    return;

  g_free (self->name);
  g_free (self->role);
  g_free (self->hospital);
  g_free (self);
}

static const struct {
  HzTeam      team;
  const char *code;
  const char *zh;
} teams[] = {
  { HZ_TEAM_OBSTETRICS,   "obstetrics",   "产科" },
  { HZ_TEAM_REPRODUCTIVE, "reproductive", "生殖医学科" },
  { HZ_TEAM_PSYCHOLOGY,   "psychology",   "心理科" },
  { HZ_TEAM_NUTRITION,    "nutrition",    "营养科" },
  { HZ_TEAM_OTHER,        "other",        "其他" },
};

const char *
hz_team_to_string (HzTeam team)
{
  for (guint i = 0; i < G_N_ELEMENTS (teams); i++)
    if (teams[i].team == team)
      return teams[i].code;

  g_return_val_if_reached (NULL);
}

/**
 * hz_team_from_string:
 * @str: a team code ("obstetrics"...), case-insensitive, or its Chinese name
 * @team: (out) (optional): the team
 *
 * Returns: %TRUE if @str names a team
 */
gboolean
hz_team_from_string (const char *str,
                     HzTeam     *team)
{
  g_autofree char *stripped = NULL;

  if (str == NULL)
    return FALSE;

  stripped = g_strstrip (g_strdup (str));

  for (guint i = 0; i < G_N_ELEMENTS (teams); i++)
    {
      if (g_ascii_strcasecmp (stripped, teams[i].code) == 0 ||
          g_strcmp0 (stripped, teams[i].zh) == 0)
        {
          if (team != NULL)
            *team = teams[i].team;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
hz_team_get_chinese_name (HzTeam team)
{
  for (guint i = 0; i < G_N_ELEMENTS (teams); i++)
    if (teams[i].team == team)
      return teams[i].zh;

  g_return_val_if_reached (NULL);
}

const char *
hz_team_get_display_name (HzTeam team)
{
  switch (team)
    {
    case HZ_TEAM_OBSTETRICS:
      return _("Obstetrics");
    case HZ_TEAM_REPRODUCTIVE:
      return _("Reproductive medicine");
    case HZ_TEAM_PSYCHOLOGY:
      return _("Psychology");
    case HZ_TEAM_NUTRITION:
      return _("Nutrition");
    case HZ_TEAM_OTHER:
      return _("Other");
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * hz_actor_dup_display:
 * @self: (nullable): an #HzActor
 *
 * Returns: (transfer full) (nullable): the name, role and hospital as a
 *   record's author or performer display
 */
char *
hz_actor_dup_display (const HzActor *self)
{
  g_autofree char *name = NULL;

  if (self == NULL || self->name == NULL)
    return NULL;
  if (self->role != NULL && *self->role != '\0')
    name = g_strdup_printf ("%s %s", self->name, self->role);
  else
    name = g_strdup (self->name);
  if (self->hospital != NULL && *self->hospital != '\0')
    /* Translators: a clinician, then her hospital */
    return g_strdup_printf (_("%s (%s)"), name, self->hospital);
  return g_steal_pointer (&name);
}

/**
 * hz_actor_matches_display:
 * @self: an #HzActor
 * @display: (nullable): a display written by hz_actor_dup_display(), in
 *   any UI language
 *
 * The same person as a record names: the name (and role) exactly, then
 * the hospital in either bracket style, "王丽 主任医师（云州市妇幼保健院）"
 * or "王丽 主任医师 (云州市妇幼保健院)"; a display of the name alone
 * matches too.
 *
 * Returns: %TRUE if @display names @self
 */
gboolean
hz_actor_matches_display (const HzActor *self,
                          const char    *display)
{
  g_autofree char *name = NULL;
  const char *rest;
  gsize len;

  if (self == NULL || self->name == NULL || display == NULL)
    return FALSE;
  if (g_str_equal (display, self->name))
    return TRUE;
  if (self->role != NULL && *self->role != '\0')
    name = g_strdup_printf ("%s %s", self->name, self->role);
  else
    name = g_strdup (self->name);
  if (!g_str_has_prefix (display, name))
    return FALSE;
  rest = display + strlen (name);
  if (*rest == '\0')
    return self->hospital == NULL || *self->hospital == '\0';
  if (self->hospital == NULL)
    return FALSE;
  while (*rest == ' ')
    rest++;
  if (g_str_has_prefix (rest, "("))
    rest += 1;
  else if (g_str_has_prefix (rest, "（"))
    rest += strlen ("（");
  else
    return FALSE;
  len = strlen (self->hospital);
  if (strncmp (rest, self->hospital, len) != 0)
    return FALSE;
  rest += len;
  return g_str_equal (rest, ")") || g_str_equal (rest, "）");
}
