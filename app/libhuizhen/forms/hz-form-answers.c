/* hz-form-answers.c — a form's answers: validation, prefill from a case,
 * the QuestionnaireResponse and the canonical content a signature covers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-forms"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "huizhen.h"
#include "hz-fhir-private.h"

struct _HzFormAnswers
{
  gatomicrefcount  ref_count;
  GHashTable      *values;    /* linkId → HzFormValue */
};

G_DEFINE_BOXED_TYPE (HzFormAnswers, hz_form_answers, hz_form_answers_ref, hz_form_answers_unref)

static void
value_free (HzFormValue *value)
{
  g_free (value->text);
  g_free (value);
}

HzFormAnswers *
hz_form_answers_new (void)
{
  HzFormAnswers *self = g_new0 (HzFormAnswers, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) value_free);
  return self;
}

HzFormAnswers *
hz_form_answers_ref (HzFormAnswers *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
hz_form_answers_unref (HzFormAnswers *self)
{
  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_hash_table_unref (self->values);
      g_free (self);
    }
}

void
hz_form_answers_set (HzFormAnswers   *self,
                     const char      *link_id,
                     HzFormValueKind  kind,
                     const char      *text)
{
  HzFormValue *value;

  g_return_if_fail (self != NULL);
  g_return_if_fail (link_id != NULL);

  if (text == NULL || *text == '\0')
    {
      g_hash_table_remove (self->values, link_id);
      return;
    }
  value = g_new0 (HzFormValue, 1);
  value->kind = kind;
  value->text = g_strdup (text);
  g_hash_table_replace (self->values, g_strdup (link_id), value);
}

const HzFormValue *
hz_form_answers_get (HzFormAnswers *self,
                     const char    *link_id)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_hash_table_lookup (self->values, link_id);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

GPtrArray *
hz_form_answers_get_link_ids (HzFormAnswers *self)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->values);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (ids, key);
  g_ptr_array_sort (ids, compare_strings);
  return g_steal_pointer (&ids);
}

/* One JSON value as an answer: FALSE for anything an answer cannot be */
static gboolean
set_from_jv (HzFormAnswers *self,
             const char    *link_id,
             const HzJv    *value)
{
  gboolean b;

  switch (hz_jv_get_value_type (value))
    {
    case HZ_JV_STRING:
      hz_form_answers_set (self, link_id, HZ_FORM_VALUE_STRING, hz_jv_get_str (value));
      return TRUE;
    case HZ_JV_NUMBER:
      {
        g_autofree char *text = hz_jv_to_string (value);

        hz_form_answers_set (self, link_id, HZ_FORM_VALUE_NUMBER, text);
        return TRUE;
      }
    case HZ_JV_TRUE:
    case HZ_JV_FALSE:
      hz_jv_get_boolean (value, &b);
      hz_form_answers_set (self, link_id, HZ_FORM_VALUE_BOOLEAN, b ? "true" : "false");
      return TRUE;
    case HZ_JV_OBJECT:
      if (hz_jv_get_string (value, "reference") != NULL)
        {
          hz_form_answers_set (self, link_id, HZ_FORM_VALUE_STRING, hz_jv_get_string (value, "reference"));
          return TRUE;
        }
      if (hz_jv_get_string (value, "code") != NULL)
        {
          hz_form_answers_set (self, link_id, HZ_FORM_VALUE_STRING, hz_jv_get_string (value, "code"));
          return TRUE;
        }
      return FALSE;
    case HZ_JV_NULL:
      return TRUE;
    case HZ_JV_ARRAY:
    default:
      return FALSE;
    }
}

/**
 * hz_form_answers_new_from_data:
 *
 * Returns: (transfer full): the answers, or %NULL with HZ_FORM_ERROR_INVALID
 */
HzFormAnswers *
hz_form_answers_new_from_data (const char  *data,
                               gssize       length,
                               const char  *name,
                               GError     **error)
{
  g_autoptr(HzResource) parsed = NULL;
  g_autoptr(HzFormAnswers) self = NULL;
  g_autoptr(GError) local_error = NULL;
  const HzJv *root;

  parsed = hz_resource_new_from_data (data, length, &local_error);
  if (parsed == NULL)
    {
      g_set_error (error, HZ_FORM_ERROR, HZ_FORM_ERROR_INVALID,
                   _("“%s” is not a JSON object of answers: %s"), name, local_error->message);
      return NULL;
    }

  self = hz_form_answers_new ();
  root = hz_resource_get_value (parsed);
  for (HzJv *member = hz_jv_get_first (root); member != NULL; member = hz_jv_get_next (member))
    if (!set_from_jv (self, hz_jv_get_key (member), member))
      {
        g_set_error (error, HZ_FORM_ERROR, HZ_FORM_ERROR_INVALID,
                     _("%s: the answer to “%s” is neither text, a number, true or false, "
                       "nor a reference"),
                     name, hz_jv_get_key (member));
        return NULL;
      }

  return g_steal_pointer (&self);
}

static void
read_response_items (HzFormAnswers *self,
                     const HzJv    *parent)
{
  for (HzJv *item = hz_jv_get_first (hz_jv_get_array (parent, "item")); item != NULL;
       item = hz_jv_get_next (item))
    {
      const char *link_id = hz_jv_get_string (item, "linkId");
      HzJv *answer = hz_jv_get_object_element (item, "answer", 0);

      for (HzJv *member = hz_jv_get_first (answer); link_id != NULL && member != NULL;
           member = hz_jv_get_next (member))
        if (g_str_has_prefix (hz_jv_get_key (member), "value"))
          set_from_jv (self, link_id, member);
      read_response_items (self, item);
    }
}

HzFormAnswers *
hz_form_answers_new_from_response (const HzJv *response)
{
  HzFormAnswers *self = hz_form_answers_new ();

  read_response_items (self, response);
  return self;
}

/* ------------------------------------------------------------------ */
/* Validation */

static gboolean
condition_holds (const HzFormCondition *c,
                 const HzFormValue     *value)
{
  int cmp;

  if (g_strcmp0 (c->op, "exists") == 0)
    return (value != NULL) == (g_strcmp0 (c->answer, "true") == 0);
  if (value == NULL)
    return g_strcmp0 (c->op, "!=") == 0;

  if (value->kind == HZ_FORM_VALUE_NUMBER)
    {
      double a = g_ascii_strtod (value->text, NULL);
      double b = g_ascii_strtod (c->answer, NULL);

      cmp = a < b ? -1 : a > b ? 1 : 0;
    }
  else
    cmp = strcmp (value->text, c->answer);

  if (strcmp (c->op, "=") == 0)
    return cmp == 0;
  if (strcmp (c->op, "!=") == 0)
    return cmp != 0;
  if (strcmp (c->op, ">") == 0)
    return cmp > 0;
  if (strcmp (c->op, "<") == 0)
    return cmp < 0;
  if (strcmp (c->op, ">=") == 0)
    return cmp >= 0;
  if (strcmp (c->op, "<=") == 0)
    return cmp <= 0;
  return FALSE;
}

gboolean
hz_form_item_is_enabled (HzForm           *self,
                         const HzFormItem *item,
                         HzFormAnswers    *answers)
{
  gboolean any = FALSE;
  gboolean all = TRUE;

  g_return_val_if_fail (HZ_IS_FORM (self), FALSE);

  if (item->parent != NULL && !hz_form_item_is_enabled (self, item->parent, answers))
    return FALSE;
  if (item->enable_when->len == 0)
    return TRUE;

  for (guint i = 0; i < item->enable_when->len; i++)
    {
      const HzFormCondition *c = g_ptr_array_index (item->enable_when, i);
      const HzFormItem *question = hz_form_lookup_item (self, c->question);
      const HzFormValue *value = answers != NULL ? hz_form_answers_get (answers, c->question) : NULL;
      gboolean holds;

      /* the answer of a question not shown does not count */
      if (question != NULL && question != item && !hz_form_item_is_enabled (self, question, answers))
        value = NULL;
      holds = condition_holds (c, value);
      any = any || holds;
      all = all && holds;
    }

  return item->enable_all ? all : any;
}

static gboolean
parse_integer (const char *text,
               gint64     *out)
{
  return g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, out, NULL);
}

static gboolean
parse_decimal (const char *text,
               double     *out)
{
  char *end = NULL;

  if (text[0] == '\0' || g_ascii_isspace (text[0]))
    return FALSE;
  *out = g_ascii_strtod (text, &end);
  return end != NULL && *end == '\0';
}

static char *
format_number (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%g", value));
}

/**
 * hz_form_check_value:
 *
 * Returns: (transfer full) (nullable): what is wrong, or %NULL
 */
char *
hz_form_check_value (HzForm            *self,
                     const HzFormItem  *item,
                     const HzFormValue *value,
                     const GDate       *today)
{
  const char *label;
  g_autofree char *detail = NULL;
  GDate now;

  g_return_val_if_fail (HZ_IS_FORM (self), NULL);
  g_return_val_if_fail (item != NULL, NULL);

  label = hz_form_item_get_text (item);
  if (today == NULL)
    {
      hz_ga_get_today (&now);
      today = &now;
    }

  if (value == NULL)
    {
      if (item->required && item->type != HZ_FORM_ITEM_GROUP && item->type != HZ_FORM_ITEM_DISPLAY)
        /* Translators: %s is the item's text, e.g. 转诊原因 */
        return g_strdup_printf (_("“%s” is required"), label);
      return NULL;
    }

  switch (item->type)
    {
    case HZ_FORM_ITEM_GROUP:
    case HZ_FORM_ITEM_DISPLAY:
      return g_strdup_printf (_("“%s” is a heading and takes no answer"), label);

    case HZ_FORM_ITEM_STRING:
    case HZ_FORM_ITEM_TEXT:
      if (value->kind != HZ_FORM_VALUE_STRING)
        return g_strdup_printf (_("“%s” must be text, not “%s”"), label, value->text);
      if (item->max_length > 0 && (guint) g_utf8_strlen (value->text, -1) > item->max_length)
        return g_strdup_printf (_("“%s” is longer than %u characters"), label, item->max_length);
      if (item->type == HZ_FORM_ITEM_STRING && strchr (value->text, '\n') != NULL)
        return g_strdup_printf (_("“%s” is one line of text"), label);
      if (item->check == HZ_FORM_CHECK_ID_CARD && !hz_id_card_is_valid (value->text, today, &detail))
        /* Translators: “label”: what is wrong */
        return g_strdup_printf (_("“%s”: %s"), label, detail);
      if (item->check == HZ_FORM_CHECK_PHONE && !hz_phone_is_valid (value->text, &detail))
        return g_strdup_printf (_("“%s”: %s"), label, detail);
      return NULL;

    case HZ_FORM_ITEM_DATE:
    case HZ_FORM_ITEM_DATETIME:
      {
        GDate day;
        gboolean ok = value->kind == HZ_FORM_VALUE_STRING && hz_fhir_date_is_valid (value->text) &&
                      hz_fhir_parse_date (value->text, &day);

        if (ok && item->type == HZ_FORM_ITEM_DATE && strlen (value->text) != 10)
          ok = FALSE;
        if (!ok)
          return g_strdup_printf (item->type == HZ_FORM_ITEM_DATE
                                  ? _("“%s” must be a date such as 2026-05-06, not “%s”")
                                  : _("“%s” must be a date and time such as 2026-05-06T09:30:00+08:00, not “%s”"),
                                  label, value->text);
        if (item->check == HZ_FORM_CHECK_NOT_FUTURE && g_date_compare (&day, today) > 0)
          return g_strdup_printf (_("“%s” cannot be in the future (%s)"), label, value->text);
        return NULL;
      }

    case HZ_FORM_ITEM_CHOICE:
      if (value->kind != HZ_FORM_VALUE_STRING || hz_form_item_find_option (item, value->text) == NULL)
        {
          g_autoptr(GString) codes = g_string_new (NULL);

          for (guint i = 0; i < item->options->len; i++)
            {
              const HzFormOption *o = g_ptr_array_index (item->options, i);

              g_string_append_printf (codes, "%s%s (%s)", i > 0 ? ", " : "", o->code,
                                      hz_form_option_get_display (o));
            }
          return g_strdup_printf (_("“%s” must be one of %s, not “%s”"), label, codes->str, value->text);
        }
      return NULL;

    case HZ_FORM_ITEM_BOOLEAN:
      if (value->kind != HZ_FORM_VALUE_BOOLEAN)
        return g_strdup_printf (_("“%s” must be true or false, not “%s”"), label, value->text);
      return NULL;

    case HZ_FORM_ITEM_INTEGER:
    case HZ_FORM_ITEM_DECIMAL:
      {
        double number;
        gint64 integer;

        if (value->kind == HZ_FORM_VALUE_BOOLEAN ||
            (item->type == HZ_FORM_ITEM_INTEGER && !parse_integer (value->text, &integer)) ||
            !parse_decimal (value->text, &number))
          return g_strdup_printf (item->type == HZ_FORM_ITEM_INTEGER
                                  ? _("“%s” must be a whole number, not “%s”")
                                  : _("“%s” must be a number, not “%s”"),
                                  label, value->text);
        if ((item->has_min && number < item->min) || (item->has_max && number > item->max))
          {
            g_autofree char *min = format_number (item->min);
            g_autofree char *max = format_number (item->max);

            if (item->has_min && item->has_max)
              return g_strdup_printf (_("“%s” must be between %s and %s, not %s"), label, min, max, value->text);
            if (item->has_min)
              return g_strdup_printf (_("“%s” must be at least %s, not %s"), label, min, value->text);
            return g_strdup_printf (_("“%s” must be at most %s, not %s"), label, max, value->text);
          }
        return NULL;
      }

    case HZ_FORM_ITEM_REFERENCE:
      {
        g_autofree char *type = NULL;
        g_autofree char *id = NULL;

        if (value->kind != HZ_FORM_VALUE_STRING || !hz_fhir_split_reference (value->text, &type, &id) ||
            (item->reference_type != NULL && g_strcmp0 (type, item->reference_type) != 0))
          return g_strdup_printf (_("“%s” must refer to a %s of the case (%s/id), not “%s”"), label,
                                  item->reference_type ? item->reference_type : _("resource"),
                                  item->reference_type ? item->reference_type : "Type",
                                  value->text);
        return NULL;
      }

    default:
      g_assert_not_reached ();
    }
}

void
hz_form_problem_free (HzFormProblem *problem)
{
  g_free (problem->link_id);
  g_free (problem->message);
  g_free (problem);
}

static void
add_problem (GPtrArray  *problems,
             const char *link_id,
             char       *message)
{
  HzFormProblem *problem = g_new0 (HzFormProblem, 1);

  problem->link_id = g_strdup (link_id);
  problem->message = message;
  g_ptr_array_add (problems, problem);
}

gboolean
hz_form_validate (HzForm         *self,
                  HzFormAnswers  *answers,
                  const GDate    *today,
                  GPtrArray     **out_problems,
                  GError        **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) hz_form_problem_free);
  g_autoptr(GPtrArray) link_ids = NULL;

  g_return_val_if_fail (HZ_IS_FORM (self), FALSE);
  g_return_val_if_fail (answers != NULL, FALSE);

  link_ids = hz_form_answers_get_link_ids (answers);
  for (guint i = 0; i < link_ids->len; i++)
    {
      const char *link_id = g_ptr_array_index (link_ids, i);
      const HzFormItem *item = hz_form_lookup_item (self, link_id);

      if (item == NULL)
        add_problem (problems, link_id,
                     g_strdup_printf (_("The form “%s” has no item “%s”"), hz_form_get_title (self), link_id));
      else if (!hz_form_item_is_enabled (self, item, answers))
        add_problem (problems, link_id,
                     g_strdup_printf (_("“%s” does not apply here and must be left empty"),
                                      hz_form_item_get_text (item)));
    }

  {
    GPtrArray *items = hz_form_get_all_items (self);

    for (guint i = 0; i < items->len; i++)
      {
        const HzFormItem *item = g_ptr_array_index (items, i);
        char *message;

        if (!hz_form_item_is_enabled (self, item, answers))
          continue;
        message = hz_form_check_value (self, item, hz_form_answers_get (answers, item->link_id), today);
        if (message != NULL)
          add_problem (problems, item->link_id, message);
      }
  }

  if (problems->len > 0)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint i = 0; i < problems->len; i++)
        {
          HzFormProblem *problem = g_ptr_array_index (problems, i);

          g_string_append_printf (text, "%s%s", i > 0 ? "\n" : "", problem->message);
        }
      g_set_error_literal (error, HZ_FORM_ERROR, HZ_FORM_ERROR_INVALID, text->str);
      if (out_problems != NULL)
        *out_problems = g_steal_pointer (&problems);
      return FALSE;
    }

  if (out_problems != NULL)
    *out_problems = g_steal_pointer (&problems);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Prefill */

static char *
dup_active_conditions (HzCase *kase)
{
  GListModel *conditions = hz_case_get_resources (kase, "Condition");
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (conditions); i++)
    {
      g_autoptr(HzResource) condition = g_list_model_get_item (conditions, i);
      const HzJv *value = hz_resource_get_value (condition);
      const char *name = hz_fhir_jv_get_concept_text (value, "code");

      if (name == NULL || hz_fhir_jv_is_void (value) || !hz_fhir_jv_condition_is_active (value))
        continue;
      if (text->len > 0)
        /* Translators: between two diagnoses */
        g_string_append (text, _("; "));
      g_string_append (text, name);
    }

  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static char *
dup_scale_results (HzCase *kase)
{
  static const HzScale scales[] = { HZ_SCALE_EPDS, HZ_SCALE_PHQ9, HZ_SCALE_GAD7 };
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
    {
      gint64 total;

      if (!hz_case_get_latest_integer (kase, hz_scale_get_loinc (scales[i]), &total))
        continue;
      if (text->len > 0)
        g_string_append (text, _("; "));
      g_string_append_printf (text, "%s %" G_GINT64_FORMAT, hz_scale_get_name (scales[i]), total);
    }

  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static char *
dup_patient_phone (const HzJv *patient)
{
  for (HzJv *telecom = hz_jv_get_first (hz_jv_get_array (patient, "telecom")); telecom != NULL;
       telecom = hz_jv_get_next (telecom))
    if (g_strcmp0 (hz_jv_get_string (telecom, "system"), "phone") == 0 &&
        hz_jv_get_string (telecom, "value") != NULL)
      return g_strdup (hz_jv_get_string (telecom, "value"));
  return NULL;
}

static char *
format_day (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

/* The text a prefill source gives, or NULL */
static char *
dup_prefill (const char    *source,
             HzCase        *kase,
             const HzActor *actor,
             const GDate   *today)
{
  const HzJv *patient = kase != NULL && hz_case_get_patient (kase) != NULL
                        ? hz_resource_get_value (hz_case_get_patient (kase)) : NULL;
  HzDating dating;

  if (g_strcmp0 (source, "today") == 0)
    return format_day (today);
  if (g_strcmp0 (source, "actor-name") == 0)
    return actor != NULL ? g_strdup (actor->name) : NULL;
  if (g_strcmp0 (source, "actor-hospital") == 0)
    return actor != NULL ? g_strdup (actor->hospital) : NULL;
  if (kase == NULL)
    return NULL;

  if (g_strcmp0 (source, "patient-name") == 0)
    return g_strdup (hz_case_get_patient_name (kase));
  if (g_strcmp0 (source, "patient-id-card") == 0)
    return g_strdup (hz_fhir_jv_get_identifier (patient, HZ_SYSTEM_ID_CARD));
  if (g_strcmp0 (source, "patient-birth-date") == 0)
    return g_strdup (hz_jv_get_string (patient, "birthDate"));
  if (g_strcmp0 (source, "patient-phone") == 0)
    return dup_patient_phone (patient);
  if (g_strcmp0 (source, "obstetric-history") == 0)
    return hz_case_format_obstetric_history (kase);
  if (g_strcmp0 (source, "diagnoses") == 0)
    return dup_active_conditions (kase);
  if (g_strcmp0 (source, "scales") == 0)
    return dup_scale_results (kase);
  if (g_strcmp0 (source, "risk") == 0)
    {
      HzRiskColour colour = hz_risk_get_current (hz_case_get_resources (kase, "RiskAssessment"), NULL);

      return colour != HZ_RISK_UNKNOWN ? g_strdup (hz_risk_colour_get_display_name (colour)) : NULL;
    }

  hz_case_get_dating (kase, &dating);
  if (g_strcmp0 (source, "ga") == 0)
    {
      const GDate *at = dating.delivered ? &dating.delivery_date : today;
      int ga_days;

      return hz_dating_ga_at (&dating, at, &ga_days) && ga_days >= 0 ? hz_ga_format (ga_days) : NULL;
    }
  if (g_strcmp0 (source, "edd") == 0)
    return dating.method != HZ_DATING_NONE ? format_day (&dating.edd) : NULL;
  if (g_strcmp0 (source, "delivery-date") == 0)
    return dating.delivered ? format_day (&dating.delivery_date) : NULL;

  return NULL;
}

guint
hz_form_prefill (HzForm        *self,
                 HzFormAnswers *answers,
                 HzCase        *kase,
                 const HzActor *actor,
                 const GDate   *today)
{
  GPtrArray *items;
  GDate now;
  guint n = 0;

  g_return_val_if_fail (HZ_IS_FORM (self), 0);
  g_return_val_if_fail (answers != NULL, 0);

  if (today == NULL)
    {
      hz_ga_get_today (&now);
      today = &now;
    }

  items = hz_form_get_all_items (self);
  for (guint i = 0; i < items->len; i++)
    {
      const HzFormItem *item = g_ptr_array_index (items, i);
      g_autofree char *text = NULL;

      if (item->prefill == NULL || hz_form_answers_get (answers, item->link_id) != NULL)
        continue;
      text = dup_prefill (item->prefill, kase, actor, today);
      if (text == NULL)
        continue;
      hz_form_answers_set (answers, item->link_id, HZ_FORM_VALUE_STRING, text);
      n++;
    }

  return n;
}

/* ------------------------------------------------------------------ */
/* The QuestionnaireResponse */

static JsonObject *
build_answer (const HzFormItem  *item,
              const HzFormValue *value,
              const char        *form_url)
{
  JsonObject *answer = json_object_new ();

  switch (item->type)
    {
    case HZ_FORM_ITEM_DATE:
      json_object_set_string_member (answer, "valueDate", value->text);
      break;
    case HZ_FORM_ITEM_DATETIME:
      json_object_set_string_member (answer, "valueDateTime", value->text);
      break;
    case HZ_FORM_ITEM_CHOICE:
      {
        const HzFormOption *option = hz_form_item_find_option (item, value->text);
        JsonObject *coding = json_object_new ();

        json_object_set_string_member (coding, "system", HZ_FORM_ANSWER_SYSTEM);
        json_object_set_string_member (coding, "code", value->text);
        if (option != NULL && option->display != NULL)
          json_object_set_string_member (coding, "display", option->display);
        json_object_set_object_member (answer, "valueCoding", coding);
        break;
      }
    case HZ_FORM_ITEM_BOOLEAN:
      json_object_set_boolean_member (answer, "valueBoolean", g_strcmp0 (value->text, "true") == 0);
      break;
    case HZ_FORM_ITEM_INTEGER:
      json_object_set_int_member (answer, "valueInteger", g_ascii_strtoll (value->text, NULL, 10));
      break;
    case HZ_FORM_ITEM_DECIMAL:
      /* the digits as typed: 36.60 stays 36.60 */
      json_object_set_member (answer, "valueDecimal", hz_json_number_node_new (value->text));
      break;
    case HZ_FORM_ITEM_REFERENCE:
      {
        JsonObject *reference = json_object_new ();

        json_object_set_string_member (reference, "reference", value->text);
        json_object_set_object_member (answer, "valueReference", reference);
        break;
      }
    case HZ_FORM_ITEM_STRING:
    case HZ_FORM_ITEM_TEXT:
    case HZ_FORM_ITEM_GROUP:
    case HZ_FORM_ITEM_DISPLAY:
    default:
      json_object_set_string_member (answer, "valueString", value->text);
      break;
    }

  return answer;
}

/* The response items for @items: NULL when none is answered */
static JsonArray *
build_items (HzForm        *self,
             GPtrArray     *items,
             HzFormAnswers *answers)
{
  g_autoptr(JsonArray) out = json_array_new ();

  for (guint i = 0; i < items->len; i++)
    {
      const HzFormItem *item = g_ptr_array_index (items, i);
      const HzFormValue *value = hz_form_answers_get (answers, item->link_id);
      JsonArray *children;
      JsonObject *object;

      if (item->type == HZ_FORM_ITEM_DISPLAY || !hz_form_item_is_enabled (self, item, answers))
        continue;

      children = build_items (self, item->items, answers);
      if (children == NULL && (value == NULL || item->type == HZ_FORM_ITEM_GROUP))
        continue;

      object = json_object_new ();
      json_object_set_string_member (object, "linkId", item->link_id);
      if (item->text != NULL)
        json_object_set_string_member (object, "text", item->text);
      if (value != NULL && item->type != HZ_FORM_ITEM_GROUP)
        {
          JsonArray *answer = json_array_new ();

          json_array_add_object_element (answer, build_answer (item, value, hz_form_get_url (self)));
          json_object_set_array_member (object, "answer", answer);
        }
      if (children != NULL)
        json_object_set_array_member (object, "item", children);
      json_array_add_object_element (out, object);
    }

  return json_array_get_length (out) > 0 ? g_steal_pointer (&out) : NULL;
}

/**
 * hz_form_build_response:
 *
 * Returns: (transfer full): a QuestionnaireResponse without an id
 */
JsonObject *
hz_form_build_response (HzForm        *self,
                        HzFormAnswers *answers,
                        const char    *status,
                        const char    *subject,
                        const char    *author,
                        const char    *authored)
{
  JsonObject *response = json_object_new ();
  g_autofree char *now = NULL;
  g_autofree char *canonical = NULL;
  JsonArray *items;

  g_return_val_if_fail (HZ_IS_FORM (self), NULL);
  g_return_val_if_fail (status != NULL, NULL);

  if (authored == NULL)
    {
      g_autoptr(GDateTime) time = g_date_time_new_now_local ();

      authored = now = g_date_time_format (time, "%Y-%m-%dT%H:%M:%S%:z");
    }
  canonical = hz_form_get_version (self) != NULL
              ? g_strdup_printf ("%s|%s", hz_form_get_url (self), hz_form_get_version (self))
              : g_strdup (hz_form_get_url (self));

  json_object_set_string_member (response, "resourceType", "QuestionnaireResponse");
  json_object_set_string_member (response, "questionnaire", canonical);
  json_object_set_string_member (response, "status", status);
  if (subject != NULL)
    {
      JsonObject *reference = json_object_new ();

      json_object_set_string_member (reference, "reference", subject);
      json_object_set_object_member (response, "subject", reference);
    }
  json_object_set_string_member (response, "authored", authored);
  if (author != NULL)
    {
      JsonObject *reference = json_object_new ();

      json_object_set_string_member (reference, "display", author);
      json_object_set_object_member (response, "author", reference);
    }
  items = build_items (self, hz_form_get_items (self), answers);
  if (items != NULL)
    json_object_set_array_member (response, "item", items);

  return response;
}

char *
hz_form_response_dup_canonical (const HzJv *response)
{
  static const char * const members[] = { "questionnaire", "subject", "item", NULL };

  g_return_val_if_fail (response != NULL, NULL);

  return hz_signature_dup_canonical (response, members);
}

char *
hz_form_response_compute_hash (const HzJv *response)
{
  g_autofree char *canonical = hz_form_response_dup_canonical (response);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, canonical, -1);
}

/**
 * hz_form_build_draft_response:
 *
 * Returns: (transfer full): the draft
 */
JsonObject *
hz_form_build_draft_response (HzForm        *self,
                              HzFormAnswers *answers,
                              const char    *subject,
                              const char    *author,
                              const char    *authored)
{
  g_autoptr(HzFormAnswers) kept = hz_form_answers_new ();
  GPtrArray *items;

  g_return_val_if_fail (HZ_IS_FORM (self), NULL);

  /* what is typed right so far; a value still wrong waits in the form */
  items = hz_form_get_all_items (self);
  for (guint i = 0; i < items->len; i++)
    {
      const HzFormItem *item = g_ptr_array_index (items, i);
      const HzFormValue *value = hz_form_answers_get (answers, item->link_id);
      g_autofree char *problem = NULL;

      if (value == NULL)
        continue;
      problem = hz_form_check_value (self, item, value, NULL);
      if (problem == NULL)
        hz_form_answers_set (kept, item->link_id, value->kind, value->text);
    }
  return hz_form_build_response (self, kept, "in-progress", subject, author, authored);
}
