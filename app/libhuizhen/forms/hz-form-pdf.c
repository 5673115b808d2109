/* hz-form-pdf.c — a form as printed: its response laid out by HzDocument
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-forms"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "huizhen.h"

/* The words of a printed form that are not the form's own: in the
 * form's language (a Chinese hospital's form prints Chinese whatever the
 * UI's language), English for any other, translated */
typedef enum {
  WORD_PAGE,            /* two %u */
  WORD_FILLED_IN,       /* the day (%.10s), the number (%s) */
  WORD_YES,
  WORD_NO,
  WORD_CONSULTANT,
  WORD_REQUESTER,
  WORD_SIGNED_AT,       /* %s */
  WORD_HASH,            /* %s */
  WORD_NOT_SIGNED,
  WORD_DATE,
  N_WORDS
} Word;

static const char * const words_zh[N_WORDS] = {
  "第 %u 页 共 %u 页", "填表日期 %.10s　编号 %s", "是", "否", "会诊专家签名：", "申请医生签名：",
  "签名时间：%s", "签名内容 SHA-256：%s", "（未签名）", "日期：",
};

static const char *
word (HzForm *form,
      Word    w)
{
  static const char * const words_en[N_WORDS] = {
    N_("Page %u of %u"), N_("Filled in %.10s · No. %s"), N_("Yes"), N_("No"), N_("Consultant: "),
    N_("Requesting doctor: "), N_("Signed %s"), N_("SHA-256 of the signed content: %s"),
    N_("(not signed)"), N_("Date:"),
  };

  if (g_str_has_prefix (hz_form_get_language (form) ?: "", "zh"))
    return words_zh[w];
  return _(words_en[w]);
}

/* An answer as printed: a choice's display, yes/no, a date as written */
static char *
dup_printed_value (HzForm            *form,
                   const HzFormItem  *item,
                   const HzFormValue *value)
{
  if (value == NULL)
    return NULL;
  if (item->type == HZ_FORM_ITEM_CHOICE)
    {
      const HzFormOption *option = hz_form_item_find_option (item, value->text);

      return g_strdup (option != NULL && option->display != NULL ? option->display : value->text);
    }
  if (item->type == HZ_FORM_ITEM_BOOLEAN)
    return g_strdup (word (form, g_strcmp0 (value->text, "true") == 0 ? WORD_YES : WORD_NO));
  return g_strdup (value->text);
}

/* An instant as printed: 2026-12-03 14:21 where it was recorded */
static char *
dup_printed_time (const char *value)
{
  g_autoptr(GDateTime) time = value != NULL ? hz_fhir_parse_datetime (value) : NULL;

  if (time == NULL)
    return g_strdup (value);
  return g_date_time_format (time, "%Y-%m-%d %H:%M");
}

static const char *
printed_text (const HzFormItem *item)
{
  return item->text != NULL ? item->text : item->link_id;
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
          hz_document_add_heading (document, printed_text (item));
          break;
        case HZ_FORM_ITEM_DISPLAY:
          hz_document_add_paragraph (document, printed_text (item));
          break;
        default:
          value = dup_printed_value (self, item, hz_form_answers_get (answers, item->link_id));
          hz_document_add_field (document, printed_text (item), value);
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
  document = hz_document_new (organization, hz_form_get_title_zh (self));
  hz_document_set_page_format (document, word (self, WORD_PAGE));
  authored = hz_jv_get_string (response, "authored");
  if (authored != NULL)
    {
      g_autofree char *subtitle = NULL;

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
      subtitle = g_strdup_printf (word (self, WORD_FILLED_IN), authored,
                                  hz_jv_get_string (response, "id") ?: "");
#pragma GCC diagnostic pop
      hz_document_set_subtitle (document, subtitle);
    }
  add_items (self, document, hz_form_get_items (self), answers);
  return document;
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
  g_autofree char *signed_at = NULL;
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
  if (response == NULL || (form = hz_form_load_for_response (hz_resource_get_value (response), error)) == NULL)
    return FALSE;

  /* headed by the hospital that wrote it */
  {
    g_autoptr(HzFormAnswers) answers = hz_form_answers_new_from_response (hz_resource_get_value (response));
    const HzFormValue *hospital = hz_form_answers_get (answers, opinion ? "consultant-hospital" : "from-hospital");

    document = hz_form_build_document (form, hz_resource_get_value (response),
                                       hospital != NULL ? hospital->text
                                       : actor != NULL ? actor->hospital : NULL);
  }
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  if (opinion)
    {
      if (hz_referral_opinion_is_signed (store, task_id, &signer, &signed_at, &hash, &local_error))
        {
          g_autofree char *note = g_strdup_printf (word (form, WORD_HASH), hash);
          g_autofree char *printed = dup_printed_time (signed_at);
          g_autofree char *time = g_strdup_printf (word (form, WORD_SIGNED_AT), printed);

          hz_document_add_signature (document, word (form, WORD_CONSULTANT), signer, time, note);
        }
      else if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      else
        hz_document_add_signature (document, word (form, WORD_CONSULTANT), NULL,
                                   word (form, WORD_DATE), word (form, WORD_NOT_SIGNED));
    }
  else
    {
      g_autofree char *printed = dup_printed_time (hz_jv_get_string (hz_resource_get_value (response), "authored"));

      hz_document_add_signature (document, word (form, WORD_REQUESTER),
                                 hz_jv_get_path_string (hz_resource_get_value (response), "author.display"),
                                 printed, NULL);
    }
#pragma GCC diagnostic pop

  /* what cannot be recorded does not leave */
  what = g_strdup_printf ("QuestionnaireResponse/%s", qr_id);
  if (!hz_store_audit_export (store, what, path, error))
    return FALSE;
  return hz_document_write_pdf (document, path, error);
}
