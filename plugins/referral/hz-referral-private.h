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
/* Saves the open form: the referral as a draft; FALSE with the problems
 * shown at their rows (and in @error) when the answers are not right */
gboolean       hz_referral_page_save         (HzReferralPage *self,
                                              GError        **error);
/* Moves a referral along its flow (what its row's menu offers); a change
 * the flow refuses is said under the list */
gboolean       hz_referral_page_change_status (HzReferralPage   *self,
                                               const char       *task_id,
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

G_MODULE_EXPORT void peas_register_types (PeasObjectModule *module);

G_END_DECLS
