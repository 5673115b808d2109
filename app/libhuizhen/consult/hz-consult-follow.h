/* hz-consult-follow.h — a follower's side of view sync: whether the
 * presenter's view is followed, and which of their states is still to be
 * applied
 *
 * Incoming states are kept, the latest per page; hz_consult_follow_take()
 * gives the one to apply (the presenter's latest, once: states that came
 * while one was being applied are skipped but the newest), so a page is
 * never asked to apply a backlog. A change the follower makes on their own
 * (the page's ::state-changed outside hz_consult_follow_begin_apply() /
 * _end_apply()) pauses following until hz_consult_follow_resume(), which
 * makes the presenter's latest state due again. No GTK.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (HUIZHEN_INSIDE) && !defined (HUIZHEN_COMPILATION)
# error "Only <huizhen.h> can be included directly."
#endif

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct _HzConsultFollow HzConsultFollow;

/* A follower that follows */
HzConsultFollow *hz_consult_follow_new          (void);
void             hz_consult_follow_free         (HzConsultFollow *self);
gboolean         hz_consult_follow_is_following (HzConsultFollow *self);
/* The presenter's state of @page came; TRUE when one is now due
 * (following). @state is copied. */
gboolean         hz_consult_follow_remote_state (HzConsultFollow *self,
                                                 const char      *page,
                                                 JsonNode        *state);
/* The state due (the presenter's latest), taken: FALSE when none is due or
 * not following. @out_page, @out_state: (transfer full) */
gboolean         hz_consult_follow_take         (HzConsultFollow  *self,
                                                 char            **out_page,
                                                 JsonNode        **out_state);
/* Around applying a taken state to its page */
void             hz_consult_follow_begin_apply  (HzConsultFollow *self);
void             hz_consult_follow_end_apply    (HzConsultFollow *self);
/* A page's ::state-changed: TRUE when following paused because of it (a
 * change while applying, or while paused, changes nothing) */
gboolean         hz_consult_follow_local_change (HzConsultFollow *self);
/* "Follow presenter": following again, the presenter's latest state due;
 * TRUE when there is one */
gboolean         hz_consult_follow_resume       (HzConsultFollow *self);
/* The page the presenter showed last, or NULL. (transfer none) */
const char      *hz_consult_follow_get_page     (HzConsultFollow *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HzConsultFollow, hz_consult_follow_free)

G_END_DECLS
