/* hz-referral-private.h — the types of the referral plugin
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libpeas/peas.h>
#include <hz-ui.h>

G_BEGIN_DECLS

#define HZ_TYPE_REFERRAL_ADDIN (hz_referral_addin_get_type ())
G_DECLARE_FINAL_TYPE (HzReferralAddin, hz_referral_addin, HZ, REFERRAL_ADDIN, GObject)

#define HZ_TYPE_REFERRAL_PAGE (hz_referral_page_get_type ())
G_DECLARE_FINAL_TYPE (HzReferralPage, hz_referral_page, HZ, REFERRAL_PAGE, GtkWidget)

#define HZ_TYPE_FORM_VIEW (hz_form_view_get_type ())
G_DECLARE_FINAL_TYPE (HzFormView, hz_form_view, HZ, FORM_VIEW, GtkWidget)

GtkWidget     *hz_referral_page_new          (HzCase *kase);
/* Opens the form @form_id for a new request, prefilled from the case */
gboolean       hz_referral_page_start        (HzReferralPage *self,
                                              const char     *form_id,
                                              GError        **error);
/* Saves the open form: the referral as a draft (through hz_save_*; the
 * form closes once it is saved); FALSE with the problems shown at their
 * rows (and in @error) when the answers are not right */
gboolean       hz_referral_page_save         (HzReferralPage *self,
                                              GError        **error);
/* Opens the case's newest draft of a request (hz_referral_find_draft()),
 * as the page does when it is made; FALSE when there is none */
gboolean       hz_referral_page_resume_draft (HzReferralPage *self);
/* Keeps what is typed (the new request's draft, the opinion) now, as
 * leaving the page does, rather than after the typing pause */
void           hz_referral_page_flush_draft  (HzReferralPage *self);
/* Sets the draft aside (its QuestionnaireResponse "stopped", kept) */
void           hz_referral_page_discard_draft (HzReferralPage *self);
/* Opens a referral of the case: its request, history and opinion */
gboolean       hz_referral_page_open         (HzReferralPage *self,
                                              const char     *task_id);
/* (nullable) the referral open */
const char    *hz_referral_page_get_open_task_id (HzReferralPage *self);
/* The open referral's forms. (transfer none) (nullable) */
HzFormView    *hz_referral_page_get_request_view (HzReferralPage *self);
HzFormView    *hz_referral_page_get_opinion_view (HzReferralPage *self);
/* The opinion as typed, checked in full and saved; signed (saved first
 * when it changed); "Amend" (editable again, to sign again) */
gboolean       hz_referral_page_save_opinion (HzReferralPage *self,
                                              GError        **error);
gboolean       hz_referral_page_sign_opinion (HzReferralPage *self,
                                              GError        **error);
void           hz_referral_page_amend_opinion (HzReferralPage *self);
/* What the file dialogs do with the file chosen (and a drop on the page
 * for an import); an error is shown on the page, naming the file */
gboolean       hz_referral_page_write_pdf    (HzReferralPage *self,
                                              gboolean        opinion,
                                              GFile          *file,
                                              GError        **error);
gboolean       hz_referral_page_export       (HzReferralPage *self,
                                              GFile          *file,
                                              GError        **error);
gboolean       hz_referral_page_import_file  (HzReferralPage *self,
                                              GFile          *file,
                                              GError        **error);
/* What "Send…" does with the URL and token given */
void           hz_referral_page_send         (HzReferralPage *self,
                                              const char     *url,
                                              const char     *token);
/* A referral's row subtitle: (its patient,) its status (and why), overdue,
 * due, from or to which hospital. (transfer full) */
char          *hz_referral_dup_summary       (const HzReferral *referral,
                                              gboolean          with_patient);
/* Opens the referral @task_id on the page of case @case_id: now when the
 * page is there, else once it is made (the inbox opens the case) */
void           hz_referral_page_open_when_shown (const char *case_id,
                                                 const char *task_id);
/* Moves a referral along its flow (what its row's menu offers) from the
 * Task version @seen_version shown (NULL: the stored one); a change the
 * flow refuses, or a referral changed since it was shown, is said under
 * the list */
gboolean       hz_referral_page_change_status (HzReferralPage   *self,
                                               const char       *task_id,
                                               const char       *seen_version,
                                               HzReferralStatus  status,
                                               const char       *reason,
                                               GError          **error);
/* The rows of the referral list, for tests. (transfer none) */
GtkWidget     *hz_referral_page_get_list     (HzReferralPage *self);
/* The open form, or NULL. (transfer none) */
HzFormView    *hz_referral_page_get_form_view (HzReferralPage *self);

/* The generic renderer: a row per item of @form (AdwEntryRow, AdwComboRow,
 * a switch), groups as AdwPreferencesGroups, items shown by their
 * enableWhen, each answer checked as it is typed (hz_form_check_value()):
 * a row in error carries the .error style and the message in its tooltip
 * and accessible description. Edits @answers in place. */
GtkWidget     *hz_form_view_new              (HzForm        *form,
                                              HzFormAnswers *answers);
HzFormAnswers *hz_form_view_get_answers      (HzFormView    *self);
/* The row of @link_id. (transfer none) */
GtkWidget     *hz_form_view_get_row          (HzFormView    *self,
                                              const char    *link_id);
/* The message shown at @link_id's row, or NULL */
const char    *hz_form_view_get_problem      (HzFormView    *self,
                                              const char    *link_id);
/* Checks every answer, as a save does, and shows each problem at its row */
gboolean       hz_form_view_validate         (HzFormView    *self,
                                              GError       **error);
/* Read-only: text stays selectable, choices and switches fixed. The view
 * emits "changed" for each answer the clinician gives. */
void           hz_form_view_set_editable     (HzFormView    *self,
                                              gboolean       editable);
gboolean       hz_form_view_get_editable     (HzFormView    *self);

/* The window-wide inbox and outbox (收件箱 / 发件箱) of every referral of
 * the store: a view added by HzWindowAddin */
#define HZ_TYPE_REFERRAL_WINDOW_ADDIN (hz_referral_window_addin_get_type ())
G_DECLARE_FINAL_TYPE (HzReferralWindowAddin, hz_referral_window_addin, HZ, REFERRAL_WINDOW_ADDIN, GObject)

#define HZ_TYPE_REFERRAL_INBOX (hz_referral_inbox_get_type ())
G_DECLARE_FINAL_TYPE (HzReferralInbox, hz_referral_inbox, HZ, REFERRAL_INBOX, GtkWidget)

typedef enum {
  HZ_REFERRAL_INBOX_ALL,
  HZ_REFERRAL_INBOX_INBOUND,
  HZ_REFERRAL_INBOX_OUTBOUND,
} HzReferralInboxDirection;

GtkWidget     *hz_referral_inbox_new         (HzStore        *store);
/* The filters: direction; @status one to show or HZ_REFERRAL_N_STATUSES
 * for all; only those overdue */
void           hz_referral_inbox_set_filter  (HzReferralInbox          *self,
                                              HzReferralInboxDirection  direction,
                                              HzReferralStatus          status,
                                              gboolean                  overdue_only);
/* The rows (AdwActionRow, one per referral, task id in "hz-task-id"),
 * for tests. (transfer none) */
GtkWidget     *hz_referral_inbox_get_list    (HzReferralInbox *self);
/* How many referrals it holds, how many overdue */
void           hz_referral_inbox_get_counts  (HzReferralInbox *self,
                                              guint           *n_open,
                                              guint           *n_overdue);

G_MODULE_EXPORT void peas_register_types (PeasObjectModule *module);

G_END_DECLS
