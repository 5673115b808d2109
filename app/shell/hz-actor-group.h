/* hz-actor-group.h — the clinician's name, team, role and hospital
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <hz-ui.h>

G_BEGIN_DECLS

#define HZ_TYPE_ACTOR_GROUP (hz_actor_group_get_type ())

G_DECLARE_FINAL_TYPE (HzActorGroup, hz_actor_group, HZ, ACTOR_GROUP, AdwPreferencesGroup)

GtkWidget *hz_actor_group_new                   (void);
void       hz_actor_group_set_actor             (HzActorGroup  *self,
                                                 const HzActor *actor);
/* What the rows hold now. (transfer full) */
HzActor   *hz_actor_group_dup_actor             (HzActorGroup  *self);
/* A name and a hospital are given. */
gboolean   hz_actor_group_get_valid             (HzActorGroup  *self);
/* With apply buttons, ::changed is emitted when a text is applied rather
 * than on every key press. */
void       hz_actor_group_set_show_apply_button (HzActorGroup  *self,
                                                 gboolean       show_apply_button);

G_END_DECLS
