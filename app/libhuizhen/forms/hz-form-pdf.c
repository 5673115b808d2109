/* hz-form-pdf.c — a form as printed: its response laid out by HzDocument
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-forms"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "huizhen.h"

/* An answer as printed: a choice's display, 是/否, a date as written */
static char *
dup_printed_value (const HzFormItem  *item,
                   const HzFormValue *value)
{
  if (value == NULL)
    return NULL;
  if (item->type == HZ_FORM_ITEM_CHOICE)
    {
      const HzFormOption *option = hz_form_item_find_option (item, value->text);

      return g_strdup (option != NULL ? hz_form_option_get_display (option) : value->text);
    }
  if (item->type == HZ_FORM_ITEM_BOOLEAN)
    return g_strdup (g_strcmp0 (value->text, "true") == 0 ? _("Yes") : _("No"));
  return g_strdup (value->text);
}

static void
add_items (HzForm        *self,
           HzDocument    *document,
           GPtrArray     *items,
           HzFormAnswers *answers)
{
  for (guint i = 0; i < items->len; i++)
    {
      const HzFormItem *item = g_ptr_array_index (items, i);
      g_autofree char *value = NULL;

      if (!hz_form_item_is_enabled (self, item, answers))
        continue;
      switch (item->type)
        {
        case HZ_FORM_ITEM_GROUP:
          hz_document_add_heading (document, hz_form_item_get_text (item));
          break;
        case HZ_FORM_ITEM_DISPLAY:
          hz_document_add_paragraph (document, hz_form_item_get_text (item));
          break;
        default:
          value = dup_printed_value (item, hz_form_answers_get (answers, item->link_id));
          hz_document_add_field (document, hz_form_item_get_text (item), value);
          break;
        }
      add_items (self, document, item->items, answers);
    }
}

/**
 * hz_form_build_document:
 *
 * Returns: (transfer full): the printed form
 */
HzDocument *
hz_form_build_document (HzForm     *self,
                        const HzJv *response,
                        const char *organization)
{
  g_autoptr(HzFormAnswers) answers = NULL;
  HzDocument *document;
  const char *authored;

  g_return_val_if_fail (HZ_IS_FORM (self), NULL);
  g_return_val_if_fail (response != NULL, NULL);

  answers = hz_form_answers_new_from_response (response);
  document = hz_document_new (organization, hz_form_get_title (self));
  authored = hz_jv_get_string (response, "authored");
  if (authored != NULL)
    {
      /* Translators: under a printed form's title; the first %s is the day
       * it was filled in, the second the form's number */
      g_autofree char *subtitle = g_strdup_printf (_("Filled in %.10s · No. %s"), authored,
                                                   hz_jv_get_string (response, "id") ?: "");

      hz_document_set_subtitle (document, subtitle);
    }
  add_items (self, document, hz_form_get_items (self), answers);
  return document;
}

/* The form a QuestionnaireResponse answers (its canonical without |version) */
static HzForm *
load_form_of (const HzJv  *response,
              GError     **error)
{
  const char *canonical = hz_jv_get_string (response, "questionnaire");
  g_autofree char *url = canonical != NULL ? g_strndup (canonical, strcspn (canonical, "|")) : NULL;
  const char *slash = url != NULL ? strrchr (url, '/') : NULL;

  if (slash == NULL)
    {
      g_set_error (error, HZ_FORM_ERROR, HZ_FORM_ERROR_NOT_FOUND,
                   _("The form “%s” answers is not known here"), canonical ? canonical : "");
      return NULL;
    }
  return hz_form_load (slash + 1, error);
}

gboolean
hz_referral_write_pdf (HzStore     *store,
                       const char  *task_id,
                       gboolean     opinion,
                       const char  *path,
                       GError     **error)
{
  g_autoptr(HzReferral) referral = NULL;
  g_autoptr(HzResource) response = NULL;
  g_autoptr(HzForm) form = NULL;
  g_autoptr(HzDocument) document = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *signer = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *what = NULL;
  const HzActor *actor = hz_store_get_actor (store);
  const char *qr_id;

  referral = hz_referral_get (store, task_id, NULL, error);
  if (referral == NULL)
    return FALSE;
  qr_id = opinion ? referral->opinion_id : referral->request_form_id;
  if (qr_id == NULL)
    {
      g_set_error (error, HZ_REFERRAL_ERROR, HZ_REFERRAL_ERROR_NOT_FOUND,
                   opinion ? _("Referral “%s” has no opinion yet") : _("Referral “%s” has no request form"),
                   task_id);
      return FALSE;
    }
  response = hz_store_get (store, "QuestionnaireResponse", qr_id, error);
  if (response == NULL || (form = load_form_of (hz_resource_get_value (response), error)) == NULL)
    return FALSE;

  document = hz_form_build_document (form, hz_resource_get_value (response),
                                     actor != NULL ? actor->hospital : NULL);
  if (opinion)
    {
      if (hz_referral_opinion_is_signed (store, task_id, &signer, &hash, &local_error))
        {
          g_autofree char *note = g_strdup_printf (_("SHA-256 of the signed content: %s"), hash);
          g_autofree char *time = NULL;

          time = g_strdup_printf (_("Signed %s"), hz_jv_get_string (hz_resource_get_value (response), "authored"));
          hz_document_add_signature (document, _("Consultant: "), signer, time, note);
        }
      else if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      else
        hz_document_add_signature (document, _("Consultant: "), NULL, _("Date:"), _("Not signed"));
    }
  else
    hz_document_add_signature (document, _("Requesting doctor: "),
                               hz_jv_get_path_string (hz_resource_get_value (response), "author.display"),
                               hz_jv_get_string (hz_resource_get_value (response), "authored"), NULL);

  /* what cannot be recorded does not leave */
  what = g_strdup_printf ("QuestionnaireResponse/%s", qr_id);
  if (!hz_store_audit_export (store, what, path, error))
    return FALSE;
  return hz_document_write_pdf (document, path, error);
}
