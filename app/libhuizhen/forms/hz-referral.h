/* hz-referral.h — two-way referral (双向转诊) and consultation requests
 * (会诊申请) as ServiceRequest + Task, the consultation opinion
 * (会诊意见书) and its signature, and their exchange as transaction Bundles
 *
 * docs/data-model.md ("Referrals and consultations") gives the resources
 * and codes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (HUIZHEN_INSIDE) && !defined (HUIZHEN_COMPILATION)
# error "Only <huizhen.h> can be included directly."
#endif

#include <glib-object.h>

#include "hz-form.h"
#include "hz-store.h"

G_BEGIN_DECLS

#define HZ_REFERRAL_ERROR (hz_referral_error_quark ())

typedef enum {
  HZ_REFERRAL_ERROR_NOT_FOUND,        /* no referral of that id */
  HZ_REFERRAL_ERROR_TRANSITION,       /* the status flow does not allow that change */
  HZ_REFERRAL_ERROR_REASON_REQUIRED,  /* rejecting or cancelling needs a reason */
  HZ_REFERRAL_ERROR_NOT_A_REFERRAL,   /* a Bundle without one referral Task in it */
  HZ_REFERRAL_ERROR_DUPLICATE,        /* that Bundle was imported already */
  HZ_REFERRAL_ERROR_CONFLICT,         /* the referral was changed here since the sender saw it */
  HZ_REFERRAL_ERROR_WRONG_FORM,       /* a form that does not fit (an opinion as a request...) */
  HZ_REFERRAL_ERROR_SEND,             /* the receiving endpoint could not be reached or refused it */
} HzReferralError;

GQuark hz_referral_error_quark (void);

/* ServiceRequest.category: SNOMED CT Patient referral (转诊) and
 * Consultation (会诊) */
#define HZ_REFERRAL_CATEGORY_REFERRAL      "3457005"
#define HZ_REFERRAL_CATEGORY_CONSULTATION  "11429006"
/* Task.code: Huizhen's referral-task code system */
#define HZ_SYSTEM_REFERRAL_TASK "https://huizhen.github.io/fhir/CodeSystem/referral-task"
/* Provenance.signature.type: ASTM E1762 author's signature */
#define HZ_SIGNATURE_TYPE_SYSTEM "urn:iso-astm:E1762-95:2013"
#define HZ_SIGNATURE_TYPE_AUTHOR "1.2.840.10065.1.12.1.1"

/* The status flow; the values are Task.status codes */
typedef enum {
  HZ_REFERRAL_DRAFT,
  HZ_REFERRAL_REQUESTED,
  HZ_REFERRAL_ACCEPTED,
  HZ_REFERRAL_REJECTED,
  HZ_REFERRAL_IN_PROGRESS,
  HZ_REFERRAL_COMPLETED,
  HZ_REFERRAL_CANCELLED,
  HZ_REFERRAL_N_STATUSES
} HzReferralStatus;

/* "draft", "requested", ... (the Task.status code) */
const char   *hz_referral_status_to_string       (HzReferralStatus status);
gboolean      hz_referral_status_from_string     (const char       *str,
                                                  HzReferralStatus *status);
/* Translated: 草稿, 已申请, 已接收, 已拒绝, 进行中, 已完成, 已取消 */
const char   *hz_referral_status_get_display_name (HzReferralStatus status);
/* draft → requested | cancelled; requested → accepted | rejected |
 * cancelled; accepted → in-progress | cancelled; in-progress → completed;
 * rejected, completed and cancelled are final. */
gboolean      hz_referral_status_can_change      (HzReferralStatus from,
                                                  HzReferralStatus to);
/* The states @from may change to, in flow order; returns how many. */
guint         hz_referral_status_get_next        (HzReferralStatus from,
                                                  HzReferralStatus next[HZ_REFERRAL_N_STATUSES]);
/* Rejecting and cancelling need a reason */
gboolean      hz_referral_status_needs_reason    (HzReferralStatus to);

/* One referral or consultation request as a list shows it */
typedef struct
{
  char             *task_id;        /* the referral's id */
  char             *service_request_id;
  char             *case_id;
  char             *kind;           /* "referral" or "consultation" */
  char             *direction;      /* "up", "down" or NULL */
  HzReferralStatus  status;
  char             *patient_name;
  char             *title;          /* what is asked */
  char             *requester;      /* the sending hospital */
  char             *performer;      /* the receiving hospital */
  char             *authored;       /* Task.authoredOn */
  char             *last_modified;
  char             *due;            /* Task.restriction.period.end, or NULL */
  char             *reason;         /* Task.statusReason, or NULL */
  gboolean          overdue;        /* due and not yet under way */
  gboolean          inbound;        /* sent to this hospital by another */
  char             *request_form_id;  /* the QuestionnaireResponse of the request */
  char             *opinion_id;     /* the opinion's QuestionnaireResponse, or NULL */
  char             *task_version;   /* the Task's meta.versionId as read */
} HzReferral;

void          hz_referral_free                   (HzReferral *referral);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HzReferral, hz_referral_free)

/* One referral by its Task id; @now (nullable) for overdue. (transfer full) */
HzReferral   *hz_referral_get                    (HzStore      *store,
                                                  const char   *task_id,
                                                  GDateTime    *now,
                                                  GError      **error);
/* The referral a Task of @kase is (its ServiceRequest read from the case's
 * models), or NULL when it is none: for views that follow an HzCase.
 * (transfer full) */
HzReferral   *hz_referral_new_for_case           (HzCase       *kase,
                                                  HzResource   *task,
                                                  GDateTime    *now);
/* Every referral of every case, newest first (one audited read per case).
 * Inbound when the Task's requester is not the acting user's hospital.
 * (transfer full) (element-type HzReferral) */
GPtrArray    *hz_referral_list                   (HzStore      *store,
                                                  GDateTime    *now,
                                                  GError      **error);
/* The referrals of one case, newest first (one audited read): for a view
 * that follows HzStore::changed case by case. (transfer full)
 * (element-type HzReferral) */
GPtrArray    *hz_referral_list_case              (HzStore      *store,
                                                  const char   *case_id,
                                                  GDateTime    *now,
                                                  GError      **error);

/* A new referral (form category referral or consultation) of @kase:
 * validates @answers (HZ_FORM_ERROR_INVALID listing every problem), then
 * writes its QuestionnaireResponse, ServiceRequest and Task (status draft)
 * in one transaction. Returns the Task id. (transfer full) */
char         *hz_referral_create                 (HzStore        *store,
                                                  HzCase         *kase,
                                                  HzForm         *form,
                                                  HzFormAnswers  *answers,
                                                  const GDate    *today,
                                                  GError        **error);
/* Moves a referral to @status as the flow allows (else
 * HZ_REFERRAL_ERROR_TRANSITION naming the allowed next states), noting who
 * and when in Task.note and the reason in Task.statusReason. A versioned
 * write of the Task and its ServiceRequest. */
gboolean      hz_referral_set_status             (HzStore          *store,
                                                  const char       *task_id,
                                                  HzReferralStatus  status,
                                                  const char       *reason,
                                                  GError          **error);
/* Writes the opinion (a form of category opinion) of a referral: a new
 * QuestionnaireResponse in the Task's output, or a new version of the one
 * there. A signed opinion is read-only (HZ_FORM_ERROR_SIGNED) unless
 * @amend: then the new version has status amended and needs signing
 * again. Returns the QuestionnaireResponse id. (transfer full) */
char         *hz_referral_save_opinion           (HzStore        *store,
                                                  const char     *task_id,
                                                  HzForm         *form,
                                                  HzFormAnswers  *answers,
                                                  gboolean        amend,
                                                  const GDate    *today,
                                                  GError        **error);
/* Signs the referral's opinion as the acting user: a Provenance whose
 * signature holds the SHA-256 of its canonical content
 * (hz_form_response_compute_hash()), who and when; the opinion becomes
 * completed (or stays amended). Returns the Provenance id. (transfer full) */
char         *hz_referral_sign_opinion           (HzStore      *store,
                                                  const char   *task_id,
                                                  GError      **error);
/* TRUE when the opinion's current content carries a signature that
 * matches it; (optional) who signed it, when, and the hash. */
gboolean      hz_referral_opinion_is_signed      (HzStore      *store,
                                                  const char   *task_id,
                                                  char        **out_signer,
                                                  char        **out_when,
                                                  char        **out_hash,
                                                  GError      **error);

/* ------------------------------------------------------------------ */
/* The same changes for the GUI's save path (hz_save_bundle_async()): the
 * resources each writes (JsonObject*, each with the meta.versionId it was
 * read at, none for a new one), checked as the functions above check them,
 * and not written; the functions above are these and hz_store_put_all().
 * @out_case_id: (optional) the case to write them to. (transfer full)
 * (element-type JsonObject) */

/* hz_referral_create(); @draft_id (nullable): the draft it was typed in
 * (hz_referral_build_draft()), at @draft_version, which becomes the
 * request form (a new version of it). @out_task_id (optional). The case
 * is @kase. */
GPtrArray    *hz_referral_build_create           (HzStore        *store,
                                                  HzCase         *kase,
                                                  HzForm         *form,
                                                  HzFormAnswers  *answers,
                                                  const char     *draft_id,
                                                  const char     *draft_version,
                                                  const GDate    *today,
                                                  char          **out_task_id,
                                                  GError        **error);
/* hz_referral_set_status(). @seen_version (optional): the Task's version
 * the clinician saw (HzReferral.task_version); when the stored one has moved
 * on, HZ_STORE_ERROR_CONFLICT naming both versions and who changed it, and
 * nothing is built: a status is never changed from a state not shown. */
GPtrArray    *hz_referral_build_status           (HzStore           *store,
                                                  const char        *task_id,
                                                  const char        *seen_version,
                                                  HzReferralStatus   status,
                                                  const char        *reason,
                                                  char             **out_case_id,
                                                  GError           **error);
/* hz_referral_save_opinion(); with @draft the answers are not required to
 * be complete (hz_form_build_draft_response()): an opinion is saved as it
 * is typed, and checked in full when it is saved or signed.
 * @out_opinion_id (optional). */
GPtrArray    *hz_referral_build_opinion          (HzStore        *store,
                                                  const char     *task_id,
                                                  HzForm         *form,
                                                  HzFormAnswers  *answers,
                                                  gboolean        amend,
                                                  gboolean        draft,
                                                  const GDate    *today,
                                                  char          **out_case_id,
                                                  char          **out_opinion_id,
                                                  GError        **error);
/* hz_referral_sign_opinion(): the opinion (completed or amended) and the
 * Provenance, in that order. An opinion not complete (hz_form_validate())
 * is not signed. */
GPtrArray    *hz_referral_build_signature        (HzStore      *store,
                                                  const char   *task_id,
                                                  char        **out_case_id,
                                                  GError      **error);

/* A draft of a new request of @kase typed in @form: an in-progress
 * QuestionnaireResponse of the answers right so far (no ServiceRequest
 * yet), with @id and @version_id when it replaces a draft saved before
 * (NULL: a new one). @status (nullable): "stopped" for a draft the
 * clinician set aside (kept, no longer resumed). (transfer full) */
JsonObject   *hz_referral_build_draft            (HzCase         *kase,
                                                  HzForm         *form,
                                                  HzFormAnswers  *answers,
                                                  const char     *id,
                                                  const char     *version_id,
                                                  const char     *status,
                                                  GError        **error);
/* The newest draft of a request in @kase (an in-progress
 * QuestionnaireResponse of a referral or consultation form, based on no
 * ServiceRequest), or NULL. (transfer full) */
HzResource   *hz_referral_find_draft             (HzCase         *kase);

/* The PDF of the referral's request form, or with @opinion its opinion
 * (with its signature block: signer, time and SHA-256), headed by the
 * acting user's hospital. */
gboolean      hz_referral_write_pdf              (HzStore      *store,
                                                  const char   *task_id,
                                                  gboolean      opinion,
                                                  const char   *path,
                                                  GError      **error);

/* What travels: a transaction Bundle of the Task, its ServiceRequest, the
 * forms, the patient, the case and every resource they refer to, written
 * by hz_store_export_resources_to_data(). (transfer full) */
char         *hz_referral_export                 (HzStore      *store,
                                                  const char   *task_id,
                                                  const char   *destination,
                                                  gsize        *length,
                                                  GError      **error);
/* Imports a referral Bundle (a new inbound referral, or the answer to one
 * sent from here) as one versioned transaction. It joins the local case
 * of its patient: the referral's own case when it is held here already,
 * else the case whose Patient has the same 居民身份证号 (identifier
 * HZ_SYSTEM_ID_CARD), whose Patient and EpisodeOfCare are kept (the
 * sender's are left out, every reference pointing at ours); else the
 * sender's patient and case come in as a new case. HZ_REFERRAL_ERROR_DUPLICATE
 * when it adds nothing; HZ_REFERRAL_ERROR_CONFLICT, writing nothing, when
 * the referral was changed here since the sender saw it (the message
 * names the changes on both sides). @out_task_id (optional). */
gboolean      hz_referral_import                 (HzStore      *store,
                                                  const char   *data,
                                                  gssize        length,
                                                  const char   *name,
                                                  char        **out_task_id,
                                                  GError      **error);

/* Sends the referral's Bundle (hz_referral_export(), @url recorded as
 * its destination) to a FHIR endpoint: an HTTP(S) POST of
 * application/fhir+json, with "Authorization: Bearer @token" when @token
 * is given. HZ_REFERRAL_ERROR_SEND naming the URL when it cannot be
 * reached, or when it answers other than 2xx (the status, and what its
 * OperationOutcome says). @out_status (optional): the HTTP status. The
 * Bundle is read at once; the POST runs in the main context's loop. */
void          hz_referral_send_async             (HzStore             *store,
                                                  const char          *task_id,
                                                  const char          *url,
                                                  const char          *token,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean      hz_referral_send_finish            (GAsyncResult        *result,
                                                  guint               *out_status,
                                                  GError             **error);
/* The same, waiting for the answer (huizhen-cli) */
gboolean      hz_referral_send                   (HzStore             *store,
                                                  const char          *task_id,
                                                  const char          *url,
                                                  const char          *token,
                                                  GCancellable        *cancellable,
                                                  guint               *out_status,
                                                  GError             **error);

G_END_DECLS
