/* hz-actor.h — who is acting: named in every AuditEvent
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (HUIZHEN_INSIDE) && !defined (HUIZHEN_COMPILATION)
# error "Only <huizhen.h> can be included directly."
#endif

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  HZ_TEAM_OBSTETRICS,
  HZ_TEAM_REPRODUCTIVE,
  HZ_TEAM_PSYCHOLOGY,
  HZ_TEAM_NUTRITION,
  HZ_TEAM_OTHER,
} HzTeam;

#define HZ_TYPE_ACTOR (hz_actor_get_type ())

typedef struct _HzActor HzActor;

struct _HzActor
{
  char   *name;      /* display name, e.g. 王丽 */
  HzTeam  team;
  char   *role;      /* free text, e.g. 主任医师 */
  char   *hospital;  /* organisation display name */
};

GType        hz_actor_get_type       (void) G_GNUC_CONST;
HzActor     *hz_actor_new            (const char *name,
                                      HzTeam      team,
                                      const char *role,
                                      const char *hospital);
HzActor     *hz_actor_copy           (const HzActor *self);
void         hz_actor_free           (HzActor *self);
/* How a record names the clinician: "王丽 主治医师（云州市妇幼保健院）";
 * NULL for NULL or a nameless actor. (transfer full) */
char        *hz_actor_dup_display    (const HzActor *self);
gboolean     hz_actor_matches_display (const HzActor *self,
                                       const char    *display);
/* "obstetrics", "reproductive", "psychology", "nutrition", "other" */
const char  *hz_team_to_string       (HzTeam team);
gboolean     hz_team_from_string     (const char *str,
                                      HzTeam     *team);
/* 产科, 生殖医学科, 心理科, 营养科, 其他 whatever the UI's language: for
 * records printed in Chinese (a 会诊申请单, the 会诊意见书) */
const char  *hz_team_get_chinese_name (HzTeam team);
/* Translated, for the UI: 产科, 生殖医学科, 心理科, 营养科, 其他 */
const char  *hz_team_get_display_name (HzTeam team);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HzActor, hz_actor_free)

G_END_DECLS
