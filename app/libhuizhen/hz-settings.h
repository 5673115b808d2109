/* hz-settings.h — GSettings for io.github.huizhen.Huizhen, also when run uninstalled
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (HUIZHEN_INSIDE) && !defined (HUIZHEN_COMPILATION)
# error "Only <huizhen.h> can be included directly."
#endif

#include <gio/gio.h>

#include "hz-actor.h"

G_BEGIN_DECLS

/* The application settings; when the schema is not installed (running from
 * the build tree) it is taken from the build tree's compiled schemas.
 * (transfer full) */
GSettings  *hz_settings_new              (void);
/* The clinician recorded at first run, or NULL if none yet.
 * $HUIZHEN_USER ("name" or "name|team|role|hospital") overrides it. (transfer full) */
HzActor    *hz_settings_dup_actor        (GSettings     *settings);
void        hz_settings_set_actor        (GSettings     *settings,
                                          const HzActor *actor);
/* Parses "name|team|role|hospital" (team as in hz_team_from_string). (transfer full) */
HzActor    *hz_actor_parse               (const char    *spec);

G_END_DECLS
