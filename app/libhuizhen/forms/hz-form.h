/* hz-form.h — a form: a FHIR R4 Questionnaire, its answers, their
 * validation, prefill from a case and the QuestionnaireResponse
 *
 * A form's texts are Chinese (the Questionnaire's own `text`, language
 * zh-CN) with an English translation (the FHIR `translation` extension on
 * `_text`); hz_form_item_get_text() gives the one of the UI's language.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (HUIZHEN_INSIDE) && !defined (HUIZHEN_COMPILATION)
# error "Only <huizhen.h> can be included directly."
#endif

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "hz-actor.h"
#include "hz-json-value.h"

G_BEGIN_DECLS

typedef struct _HzCase HzCase;

#define HZ_FORM_ERROR (hz_form_error_quark ())

typedef enum {
  HZ_FORM_ERROR_NOT_FOUND,     /* no form of that id */
  HZ_FORM_ERROR_DEFINITION,    /* the Questionnaire is not one Huizhen can show */
  HZ_FORM_ERROR_INVALID,       /* answers missing, of the wrong type, out of range */
  HZ_FORM_ERROR_SIGNED,        /* a signed form cannot be changed, only amended */
} HzFormError;

GQuark hz_form_error_quark (void);

/* Huizhen's Questionnaire extensions */
#define HZ_FORM_EXT_BASE      "https://huizhen.github.io/fhir/StructureDefinition/"
#define HZ_FORM_EXT_CHECK     HZ_FORM_EXT_BASE "form-check"     /* valueCode id-card | phone | not-future */
#define HZ_FORM_EXT_PREFILL   HZ_FORM_EXT_BASE "form-prefill"   /* valueCode: hz_form_prefill() */
#define HZ_FORM_EXT_CATEGORY  HZ_FORM_EXT_BASE "form-category"  /* valueCode referral | consultation | opinion */
/* the code system of the forms' answer options */
#define HZ_FORM_ANSWER_SYSTEM "https://huizhen.github.io/fhir/CodeSystem/form-answer"
#define HZ_FORM_EXT_MIN_VALUE "http://hl7.org/fhir/StructureDefinition/minValue"
#define HZ_FORM_EXT_MAX_VALUE "http://hl7.org/fhir/StructureDefinition/maxValue"
#define HZ_FORM_EXT_TRANSLATION "http://hl7.org/fhir/StructureDefinition/translation"
#define HZ_FORM_EXT_REFERENCE_RESOURCE "http://hl7.org/fhir/StructureDefinition/questionnaire-referenceResource"

typedef enum {
  HZ_FORM_ITEM_GROUP,
  HZ_FORM_ITEM_DISPLAY,
  HZ_FORM_ITEM_STRING,
  HZ_FORM_ITEM_TEXT,
  HZ_FORM_ITEM_DATE,
  HZ_FORM_ITEM_DATETIME,
  HZ_FORM_ITEM_CHOICE,
  HZ_FORM_ITEM_BOOLEAN,
  HZ_FORM_ITEM_INTEGER,
  HZ_FORM_ITEM_DECIMAL,
  HZ_FORM_ITEM_REFERENCE,
} HzFormItemType;

typedef enum {
  HZ_FORM_CHECK_NONE,
  HZ_FORM_CHECK_ID_CARD,     /* hz_id_card_is_valid() */
  HZ_FORM_CHECK_PHONE,       /* hz_phone_is_valid() */
  HZ_FORM_CHECK_NOT_FUTURE,  /* a date not after today */
} HzFormCheck;

typedef struct
{
  char *code;
  char *display;      /* Chinese */
  char *display_en;
} HzFormOption;

/* enableWhen: @question's answer compared with @answer (its text: a code,
 * "true"/"false", a number); operator "exists" compares with "true" or
 * "false" */
typedef struct
{
  char *question;
  char *op;           /* "=", "!=", "exists", ">", "<", ">=", "<=" */
  char *answer;
} HzFormCondition;

typedef struct _HzFormItem HzFormItem;

/* One item of the Questionnaire, read-only */
struct _HzFormItem
{
  char           *link_id;
  char           *text;          /* Chinese */
  char           *text_en;
  HzFormItemType  type;
  gboolean        required;
  gboolean        read_only;
  HzFormCheck     check;
  gboolean        has_min, has_max;
  double          min, max;      /* integer, decimal; for dates see check */
  guint           max_length;    /* 0: none */
  char           *prefill;       /* what hz_form_prefill() fills it from, or NULL */
  char           *reference_type; /* a reference item: the resource type it points at */
  GPtrArray      *options;       /* (element-type HzFormOption) */
  GPtrArray      *enable_when;   /* (element-type HzFormCondition) */
  gboolean        enable_all;    /* enableBehavior "all" (else "any") */
  GPtrArray      *items;         /* (element-type HzFormItem): a group's items */
  HzFormItem     *parent;
};

/* The item's text in the UI's language. (transfer none) */
const char    *hz_form_item_get_text       (const HzFormItem *item);
/* An option's display in the UI's language. (transfer none) */
const char    *hz_form_option_get_display  (const HzFormOption *option);
/* The option of @item with @code, or NULL. (transfer none) */
const HzFormOption *hz_form_item_find_option (const HzFormItem *item,
                                              const char       *code);

#define HZ_TYPE_FORM (hz_form_get_type ())

G_DECLARE_FINAL_TYPE (HzForm, hz_form, HZ, FORM, GObject)

/* The folder the forms are read from: HUIZHEN_FORMS_DIR if set, else the
 * source tree's data/forms when running uninstalled, else the installed
 * $datadir/huizhen/forms. (transfer full) */
char          *hz_form_get_default_dir     (void);
/* The ids of the forms found there, sorted. (transfer full) */
GStrv          hz_form_list_ids            (GError     **error);
/* A Questionnaire read through the store's JSON parser. */
HzForm        *hz_form_new_from_data       (const char  *data,
                                            gssize       length,
                                            const char  *name,
                                            GError     **error);
/* The form @id (the Questionnaire's id) from hz_form_get_default_dir();
 * HZ_FORM_ERROR_NOT_FOUND naming the id and the forms there are. */
HzForm        *hz_form_load                (const char  *id,
                                            GError     **error);

/* The form a QuestionnaireResponse answers (its `questionnaire`, the
 * version left out), from hz_form_get_default_dir(). */
HzForm        *hz_form_load_for_response   (const HzJv  *response,
                                            GError     **error);

const char    *hz_form_get_id              (HzForm *self);
/* The canonical URL, what a QuestionnaireResponse's `questionnaire` names */
const char    *hz_form_get_url             (HzForm *self);
const char    *hz_form_get_version         (HzForm *self);
/* The title in the UI's language */
const char    *hz_form_get_title           (HzForm *self);
/* Questionnaire.language: the language of its own texts ("zh-CN") */
const char    *hz_form_get_language        (HzForm *self);
/* The Chinese title, what is printed */
const char    *hz_form_get_title_zh        (HzForm *self);
/* "referral", "consultation" or "opinion" (HZ_FORM_EXT_CATEGORY) */
const char    *hz_form_get_category        (HzForm *self);
/* The top-level items. (transfer none) (element-type HzFormItem) */
GPtrArray     *hz_form_get_items           (HzForm *self);
/* Every item, depth first in form order. (transfer none) */
GPtrArray     *hz_form_get_all_items       (HzForm *self);
const HzFormItem *hz_form_lookup_item      (HzForm     *self,
                                            const char *link_id);

/* ------------------------------------------------------------------ */
/* Answers: one value per item, as typed or read from a file */

typedef enum {
  HZ_FORM_VALUE_STRING,      /* text, a date, a code, a reference "Type/id" */
  HZ_FORM_VALUE_NUMBER,      /* its text as written: "36.60" */
  HZ_FORM_VALUE_BOOLEAN,
} HzFormValueKind;

typedef struct
{
  HzFormValueKind kind;
  char           *text;      /* STRING, NUMBER; "true"/"false" for BOOLEAN */
} HzFormValue;

typedef struct _HzFormAnswers HzFormAnswers;

#define HZ_TYPE_FORM_ANSWERS (hz_form_answers_get_type ())

GType          hz_form_answers_get_type    (void) G_GNUC_CONST;
HzFormAnswers *hz_form_answers_new         (void);
HzFormAnswers *hz_form_answers_ref         (HzFormAnswers *self);
void           hz_form_answers_unref       (HzFormAnswers *self);
/* A JSON object of linkId → string, number, true/false (or {"reference":
 * "Type/id"}), read with the store's parser (a member given twice is
 * refused). */
HzFormAnswers *hz_form_answers_new_from_data (const char  *data,
                                              gssize       length,
                                              const char  *name,
                                              GError     **error);
/* The answers a QuestionnaireResponse holds (its items, nested or not). */
HzFormAnswers *hz_form_answers_new_from_response (const HzJv *response);
/* @text NULL or empty removes the answer */
void           hz_form_answers_set         (HzFormAnswers   *self,
                                            const char      *link_id,
                                            HzFormValueKind  kind,
                                            const char      *text);
/* (nullable) (transfer none) */
const HzFormValue *hz_form_answers_get     (HzFormAnswers *self,
                                            const char    *link_id);
/* The linkIds answered, sorted. (transfer container) */
GPtrArray     *hz_form_answers_get_link_ids (HzFormAnswers *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HzFormAnswers, hz_form_answers_unref)

/* ------------------------------------------------------------------ */
/* Validation, as typed and before a save */

/* TRUE if @item is shown given @answers (its enableWhen, and its
 * parents'). */
gboolean       hz_form_item_is_enabled     (HzForm           *self,
                                            const HzFormItem *item,
                                            HzFormAnswers    *answers);
/* What is wrong with @value as an answer to @item, or NULL when it is
 * fine: its type, range, length, a date in the future where that matters,
 * a 身份证号 or phone number. @value NULL: the item is unanswered (wrong
 * only when required). @today: nullable. Translated, names the item.
 * (transfer full) */
char          *hz_form_check_value         (HzForm            *self,
                                            const HzFormItem  *item,
                                            const HzFormValue *value,
                                            const GDate       *today);

typedef struct
{
  char *link_id;
  char *message;      /* translated, names the item */
} HzFormProblem;

void           hz_form_problem_free        (HzFormProblem *problem);

/* Every problem of @answers: unknown linkIds, answers to items not shown,
 * each enabled item checked with hz_form_check_value(). Returns TRUE when
 * there is none; else FALSE with HZ_FORM_ERROR_INVALID listing them one a
 * line, and @out_problems (optional) (element-type HzFormProblem). */
gboolean       hz_form_validate            (HzForm         *self,
                                            HzFormAnswers  *answers,
                                            const GDate    *today,
                                            GPtrArray     **out_problems,
                                            GError        **error);

/* ------------------------------------------------------------------ */
/* Prefill and the QuestionnaireResponse */

/* Fills the unanswered items that have a prefill source from @kase
 * (nullable) and @actor (nullable): patient-name, patient-id-card,
 * patient-birth-date, patient-phone, ga (孕W+D周 today or at delivery),
 * edd, delivery-date, obstetric-history (G/P), diagnoses (the active
 * Conditions), risk (the current five-colour grade), scales (the latest
 * EPDS / PHQ-9 / GAD-7 totals), today, actor-name, actor-hospital.
 * Returns the number of items filled. */
guint          hz_form_prefill             (HzForm        *self,
                                            HzFormAnswers *answers,
                                            HzCase        *kase,
                                            const HzActor *actor,
                                            const GDate   *today);

/* A QuestionnaireResponse of the enabled answered items, grouped as the
 * form groups them: status (in-progress, completed, amended), subject
 * (nullable, "Patient/id"), author's display (nullable), authored (an
 * ISO 8601 instant; nullable: now). A decimal keeps the digits typed
 * ("36.60" is written 36.60). Call hz_form_validate() first.
 * (transfer full) */
JsonObject    *hz_form_build_response      (HzForm        *self,
                                            HzFormAnswers *answers,
                                            const char    *status,
                                            const char    *subject,
                                            const char    *author,
                                            const char    *authored);

/* A draft: a QuestionnaireResponse of status in-progress holding the
 * answers that are right so far (what hz_form_check_value() finds wrong,
 * or does not yet hold, is left out; a required item may be unanswered).
 * A decimal keeps the digits typed. (transfer full) */
JsonObject    *hz_form_build_draft_response (HzForm        *self,
                                             HzFormAnswers *answers,
                                             const char    *subject,
                                             const char    *author,
                                             const char    *authored);

/* The canonical content of a QuestionnaireResponse: compact JSON of its
 * questionnaire, subject and items, in that order, as the store holds
 * them; what its signature covers (meta, status, ids left out).
 * (transfer full) */
char          *hz_form_response_dup_canonical (const HzJv *response);
/* SHA-256 of that, lower-case hex. (transfer full) */
char          *hz_form_response_compute_hash  (const HzJv *response);

/* The printed form (hz-document.h) of @response, in the form's own
 * language (a Chinese form prints Chinese whatever the UI's): @organization's
 * header, the title, one field per enabled item in form order (empty ones
 * as lines to write on), a heading per group. (transfer full) */
typedef struct _HzDocument HzDocument;
HzDocument    *hz_form_build_document      (HzForm        *self,
                                            const HzJv    *response,
                                            const char    *organization);

G_END_DECLS
