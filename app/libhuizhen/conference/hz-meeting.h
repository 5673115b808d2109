/* hz-meeting.h — the MDT meeting (多学科会诊): agenda, attendance, one
 * opinion per team per case, the consensus decision and its actions, the
 * signed 会诊意见书 and the minutes PDF
 *
 * docs/data-model.md ("MDT meetings") gives the resources and codes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (HUIZHEN_INSIDE) && !defined (HUIZHEN_COMPILATION)
# error "Only <huizhen.h> can be included directly."
#endif

#include <json-glib/json-glib.h>

#include "hz-store.h"
#include "hz-signature.h"
#include "hz-document.h"

G_BEGIN_DECLS

#define HZ_MEETING_ERROR (hz_meeting_error_quark ())

typedef enum {
  HZ_MEETING_ERROR_NOT_FOUND,    /* no meeting of that id, or the case is not on its agenda */
  HZ_MEETING_ERROR_INVALID,      /* a team, status, date or action that is not one */
  HZ_MEETING_ERROR_SIGNED,       /* the 会诊意见书 is signed: read-only, or signed already */
  HZ_MEETING_ERROR_NOTHING,      /* nothing to sign or amend: no opinion or decision yet */
} HzMeetingError;

GQuark hz_meeting_error_quark (void);

/* Code systems (docs/data-model.md) */
#define HZ_SYSTEM_MEETING            "https://huizhen.github.io/fhir/sid/mdt-meeting"
/* HZ_SYSTEM_MEETING_CODE and HZ_CASE_KIND_MEETING: hz-fhir.h */
#define HZ_MEETING_EXT_ATTENDANCE    "https://huizhen.github.io/fhir/StructureDefinition/mdt-attendance"
#define HZ_MEETING_EXT_DEPUTY        "https://huizhen.github.io/fhir/StructureDefinition/mdt-deputy"
/* Composition.extension: how many times the 会诊意见书 was amended */
#define HZ_MEETING_EXT_AMENDMENT     "https://huizhen.github.io/fhir/StructureDefinition/mdt-amendment"

typedef enum {
  HZ_ATTENDANCE_PRESENT,
  HZ_ATTENDANCE_REMOTE,
  HZ_ATTENDANCE_ABSENT,
} HzAttendance;

/* "present", "remote", "absent" */
const char *hz_attendance_to_string    (HzAttendance  attendance);
gboolean    hz_attendance_from_string  (const char   *str,
                                        HzAttendance *attendance);
/* Translated: 出席, 远程, 缺席 */
const char *hz_attendance_get_display_name (HzAttendance attendance);

/* One action of a decision: what, who (a team code or a person's name)
 * and by when (YYYY-MM-DD) */
typedef struct
{
  const char *text;
  const char *owner;
  const char *due;
} HzMeetingAction;

/* "TEXT|OWNER|DUE" as the CLI takes it; HZ_MEETING_ERROR_INVALID naming
 * what is missing or not a date. The strings point into @spec's copy in
 * @out_storage (transfer full, free with g_strfreev). */
gboolean    hz_meeting_action_parse    (const char       *spec,
                                        HzMeetingAction  *action,
                                        char           ***out_storage,
                                        GError          **error);

/* A new meeting, coordinated by the acting user. @start: an ISO 8601
 * date-time; @place (nullable): the room, or NULL for a remote session.
 * Returns its id. (transfer full) */
char       *hz_meeting_create          (HzStore     *store,
                                        const char  *title,
                                        const char  *start,
                                        const char  *place,
                                        GError     **error);
/* One meeting as hz_meeting_list() lists it */
typedef struct
{
  char  *id;
  char  *title;
  char  *start;         /* ISO 8601 */
  char  *place;         /* the room, or the translated "Remote session" */
  char  *coordinator;
  guint  n_cases;       /* on the agenda */
  char  *status;        /* Appointment.status: booked, fulfilled, cancelled... */
} HzMeetingInfo;

void        hz_meeting_info_free       (HzMeetingInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HzMeetingInfo, hz_meeting_info_free)

/* Every MDT meeting of the store, by start (earliest first): meetings are
 * cases of their own kind, on no patient list (hz_store_list_cases).
 * (element-type HzMeetingInfo) (transfer full) */
GPtrArray  *hz_meeting_list            (HzStore     *store,
                                        GError     **error);

/* Puts case @case_id (an EpisodeOfCare id) on the agenda, last, with the
 * question for the MDT; @reason and @presenter (nullable; the presenter
 * defaults to the acting user). */
gboolean    hz_meeting_add_case        (HzStore     *store,
                                        const char  *meeting_id,
                                        const char  *case_id,
                                        const char  *question,
                                        const char  *reason,
                                        const char  *presenter,
                                        GError     **error);
/* Records a team's attendance; @name (nullable): who attends, or for
 * absent the deputy named. */
gboolean    hz_meeting_attend          (HzStore      *store,
                                        const char   *meeting_id,
                                        const char   *team,
                                        HzAttendance  attendance,
                                        const char   *name,
                                        GError      **error);
/* TRUE when every team the cases on the agenda need (each case's teams,
 * hz_meeting_set_case_teams(); with no case yet, the four of the MDT) is
 * present, remote, or absent with a deputy. @out_absent (optional): the
 * needed teams absent without a deputy; @out_unrecorded (optional): those
 * whose attendance is not recorded; translated names, in team order.
 * (element-type utf8) (transfer full) */
gboolean    hz_meeting_has_quorum      (HzStore      *store,
                                        const char   *meeting_id,
                                        GPtrArray   **out_absent,
                                        GPtrArray   **out_unrecorded,
                                        GError      **error);
/* The teams case @case_id needs at the meeting (codes): its agenda item's
 * performerType. A case put on the agenda needs obstetrics and every team
 * that worked on it (the team tags of its resources); from a consultation
 * request, obstetrics and the teams the request asked for. */
/* FALSE with HZ_MEETING_ERROR_INVALID naming the first of @teams that is
 * not a team code, or when there is none */
gboolean    hz_meeting_check_teams     (const char * const  *teams,
                                        GError             **error);
gboolean    hz_meeting_set_case_teams  (HzStore             *store,
                                        const char          *meeting_id,
                                        const char          *case_id,
                                        const char * const  *teams,
                                        GError             **error);
/* Saves team @team's opinion on a case as typed: a new version of the
 * case's 会诊意见书 (Composition) with the team's section, the acting
 * user its author. HZ_MEETING_ERROR_SIGNED when it is signed, unless
 * @amend: then it becomes amended and needs signing again. */
gboolean    hz_meeting_save_opinion    (HzStore      *store,
                                        const char   *meeting_id,
                                        const char   *case_id,
                                        const char   *team,
                                        const char   *text,
                                        gboolean      amend,
                                        GError      **error);
/* Files an opinion a remote site sent into an MDT meeting's room (its
 * `opinion` message: the sender's team, name and text) as team @team's
 * section of the case's 会诊意见书, @author (the sender's name) its
 * author; the newest from the room wins. Nothing is written when the
 * section says that already, or when @replayed (the room said it before
 * this site joined) and someone else wrote the section since.
 * @out_filed (optional): whether a version was written. Errors as
 * hz_meeting_save_opinion() (HZ_MEETING_ERROR_SIGNED: it came after
 * signing, and is not filed). */
gboolean    hz_meeting_file_remote_opinion (HzStore     *store,
                                            const char  *meeting_id,
                                            const char  *case_id,
                                            const char  *team,
                                            const char  *author,
                                            const char  *text,
                                            gboolean     replayed,
                                            gboolean    *out_filed,
                                            GError     **error);
/* Sets team @team's section of a 会诊意见书 being written (@author, @text);
 * what hz_meeting_save_opinion() writes, for a view saving the version it
 * showed */
void        hz_meeting_opinion_set_section (JsonObject *composition,
                                            HzTeam      team,
                                            const char *author,
                                            const char *text);

/* The consensus: a CarePlan on the case (description the consensus, one
 * activity per action, each a Task: description, owner, due as
 * restriction.period.end, status requested, basedOn the CarePlan), and
 * the decision section of the 会诊意见书. Returns the CarePlan id.
 * (transfer full) */
char       *hz_meeting_decide          (HzStore               *store,
                                        const char            *meeting_id,
                                        const char            *case_id,
                                        const char            *text,
                                        const HzMeetingAction *actions,
                                        guint                  n_actions,
                                        GError               **error);
/* Signs the case's 会诊意见书 as the acting user (hz_signature_*): a
 * Provenance with the SHA-256 of its canonical content; the Composition
 * becomes final (an amended one stays amended) and read-only. The
 * coordinator and the attending seniors (a team's attendee, present or
 * remote, by name) sign, each once over the same content:
 * HZ_MEETING_ERROR_INVALID for anyone else, HZ_MEETING_ERROR_SIGNED when
 * the acting user signed it already. Returns the Provenance id.
 * (transfer full) */
char       *hz_meeting_sign            (HzStore      *store,
                                        const char   *meeting_id,
                                        const char   *case_id,
                                        GError      **error);
/* An amendment: a new version of the signed 会诊意见书 with status
 * amended, unsigned, so that it may be edited and is signed again.
 * HZ_MEETING_ERROR_NOTHING when there is none. */
gboolean    hz_meeting_amend           (HzStore      *store,
                                        const char   *meeting_id,
                                        const char   *case_id,
                                        GError      **error);
/* Every signature of the case's 会诊意见书, oldest first, each with
 * whether it matches the content now (empty when there is none yet).
 * (element-type HzSignature) (transfer full) */
GPtrArray  *hz_meeting_list_signatures (HzStore      *store,
                                        const char   *meeting_id,
                                        const char   *case_id,
                                        GError      **error);
/* The canonical content of a 会诊意见书 (what the hash is of): its
 * identifier, status, subject, sections and amendment count. (transfer full) */
char       *hz_meeting_dup_canonical   (const HzJv   *composition);
/* TRUE when the case's 会诊意见书 as it is now carries a signature;
 * (optional) who, when and the hash (hex). */
gboolean    hz_meeting_is_signed       (HzStore      *store,
                                        const char   *meeting_id,
                                        const char   *case_id,
                                        char        **out_signer,
                                        char        **out_when,
                                        char        **out_hash,
                                        GError      **error);
/* A follow-up of an unfinished action (a Task of a decision, not
 * completed or cancelled): the action's case goes on the agenda of
 * meeting @meeting_id, or with @meeting_id NULL of a new meeting
 * (@title, @start and @place as hz_meeting_create()), its question the
 * action's text. HZ_MEETING_ERROR_INVALID for an action that is finished
 * or not one. Returns the meeting's id. (transfer full) */
char       *hz_meeting_book_followup   (HzStore      *store,
                                        const char   *action_id,
                                        const char   *meeting_id,
                                        const char   *title,
                                        const char   *start,
                                        const char   *place,
                                        GError      **error);
/* Puts the case of an accepted (or in-progress) consultation request
 * (hz_referral_*, kind consultation) on the agenda, the question and the
 * reason taken from its 会诊申请 form (question, reason).
 * HZ_MEETING_ERROR_INVALID when it is not a consultation request or not
 * accepted. */
gboolean    hz_meeting_add_case_from_request (HzStore    *store,
                                        const char   *meeting_id,
                                        const char   *request_id,
                                        GError      **error);
/* The meeting as JSON: id, title, start, place, coordinator, status,
 * attendance, quorum and the missing teams, and the agenda with each
 * case's question, opinions, decision, actions, signatures (every one,
 * with signer, when, sha256 and matches) and signature (the first that
 * matches, or null). (transfer full) */
JsonNode   *hz_meeting_to_json         (HzStore      *store,
                                        const char   *meeting_id,
                                        GError      **error);
/* The 会诊意见书 of @case_id, or with @case_id NULL the minutes of the
 * whole meeting, as a document headed by the acting user's hospital:
 * attendance (the absent teams named when there is no quorum), each
 * case's question, opinions with their authors, the decision, the
 * actions and the signatures. For printing (hz_document_draw_page()).
 * (transfer full) */
HzDocument *hz_meeting_build_document  (HzStore      *store,
                                        const char   *meeting_id,
                                        const char   *case_id,
                                        GError      **error);
/* hz_meeting_build_document() written as an A4 PDF */
gboolean    hz_meeting_write_pdf       (HzStore      *store,
                                        const char   *meeting_id,
                                        const char   *case_id,
                                        const char   *path,
                                        GError      **error);

G_END_DECLS
