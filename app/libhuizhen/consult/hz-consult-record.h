/* hz-consult-record.h — what a remote consultation writes to the case: the
 * patient's consent to share with the invited sites (Consent), and at the
 * end the session's record (an Encounter of class VR, a Communication per
 * chat message, a Composition draft of the 会诊意见书 with a section per
 * team's opinion)
 *
 * docs/data-model.md ("Remote consultation") gives the codes. The builders
 * only build; the caller writes through hz_store_put_all() or the GUI's
 * hz_save_bundle_async(). No GTK.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (HUIZHEN_INSIDE) && !defined (HUIZHEN_COMPILATION)
# error "Only <huizhen.h> can be included directly."
#endif

#include <json-glib/json-glib.h>

#include "hz-actor.h"
#include "hz-resource.h"

G_BEGIN_DECLS

typedef struct _HzCase HzCase;

/* Consent.provision.actor.role: information recipient */
#define HZ_CONSULT_CONSENT_ROLE       "IRCP"
/* the extension naming who recorded the consent (valueString) */
#define HZ_CONSULT_EXT_RECORDED_BY    "https://huizhen.github.io/fhir/StructureDefinition/consent-recorded-by"
/* Encounter.identifier.system of the consultation room */
#define HZ_CONSULT_ROOM_SYSTEM        "https://huizhen.github.io/fhir/sid/consult-room"

/* The sites named in @text, separated by 、 , ， ; or ； and trimmed,
 * e.g. "省妇幼保健院、市中心医院". (transfer full) */
GStrv       hz_consult_split_sites      (const char         *text);

/* Which of @sites the case may not be shared with yet: those that no
 * active Consent of @kase permits (Consent.status active, provision.type
 * permit, provision.period not over today, the site in
 * provision.actor[].reference.display, as it is or followed by a space and
 * a department: "省妇幼保健院" is named by "省妇幼保健院 产前诊断中心").
 * Empty when every one is. (transfer full) */
GStrv       hz_consult_find_unconsented (HzCase             *kase,
                                         const char * const *sites);

/* What of a case may be shared with every one of @sites: of @resources
 * (HzResource, the case's, e.g. hz_store_read_case()), those that each
 * site's active, unexpired Consents permit. A Consent permits every type
 * of the case unless its provision lists `class` (resource types: then
 * only those) or has a nested provision of type deny whose `class` names
 * the type. AuditEvents never leave. A resource that refers to one not
 * selected is left out too, so that the Bundle stands on its own. The
 * EpisodeOfCare first, then in @resources' order; empty when a site has no
 * consent. (transfer full): "Type/id" references */
GStrv       hz_consult_select_shared  (GPtrArray          *resources,
                                       const char * const *sites);

/* A new Consent of @kase, as the demo cases' are (status active, scope
 * patient-privacy, category LOINC 59284-0, dateTime now, the patient as
 * performer, provision.data the EpisodeOfCare): the patient permits
 * disclosing @scope (free text, e.g. "病历摘要、影像") to each of @sites for
 * treatment, recorded by @recorder (HZ_CONSULT_EXT_RECORDED_BY and the
 * organisation).
 * NULL with an error naming what is missing (no site, no recorder).
 * (transfer full) */
JsonObject *hz_consult_build_consent  (HzCase             *kase,
                                       const char * const *sites,
                                       const char         *scope,
                                       const HzActor      *recorder,
                                       GError            **error);

/* One who took part */
typedef struct
{
  char *user;       /* the token's user id */
  char *name;
  char *team;       /* hz_team_to_string() or NULL */
  char *role;       /* host | presenter | participant | observer */
  char *site;       /* their hospital, or NULL */
} HzConsultMember;

/* One chat message */
typedef struct
{
  char   *user;
  char   *name;
  char   *text;
  gint64  sent_us;  /* g_get_real_time() of receipt, or the server's */
} HzConsultChat;

/* What a session leaves: who, what was said, each team's opinion */
typedef struct
{
  char      *room;
  gint64     started_us;
  gint64     ended_us;
  GPtrArray *members;    /* (element-type HzConsultMember) */
  GPtrArray *chats;      /* (element-type HzConsultChat), in seq order */
  GPtrArray *teams;      /* (element-type utf8) team codes with an opinion */
  GPtrArray *opinions;   /* (element-type utf8) their texts, same order */
} HzConsultRecord;

HzConsultRecord *hz_consult_record_new         (const char *room);
void             hz_consult_record_free        (HzConsultRecord *record);
void             hz_consult_record_add_member  (HzConsultRecord *record,
                                                const char      *user,
                                                const char      *name,
                                                const char      *team,
                                                const char      *role,
                                                const char      *site);
void             hz_consult_record_add_chat    (HzConsultRecord *record,
                                                const char      *user,
                                                const char      *name,
                                                const char      *text,
                                                gint64           sent_us);
/* A team's opinion; a later one of the same team replaces it */
void             hz_consult_record_set_opinion (HzConsultRecord *record,
                                                const char      *team,
                                                const char      *text);

/* The resources of @record for @kase, in write order: the Encounter
 * (class VR, status finished, period, a participant per member, the room
 * as identifier, episodeOfCare), a Communication per chat message (status
 * completed, encounter, sender, sent, payload) and the Composition
 * (status preliminary, LOINC 11488-4 consult note, title 会诊意见书, a
 * section per team's opinion, encounter). (transfer full)
 * (element-type JsonObject) */
GPtrArray       *hz_consult_record_build       (HzConsultRecord *record,
                                                HzCase          *kase,
                                                const HzActor   *author);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HzConsultRecord, hz_consult_record_free)

G_END_DECLS
