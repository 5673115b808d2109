/* hz-referral.c — the referral flow: ServiceRequest + Task, the opinion
 * and its signature, export and import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-forms"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "huizhen.h"
#include "hz-fhir-private.h"
#include "hz-store-private.h"

G_DEFINE_QUARK (hz-referral-error-quark, hz_referral_error)

/* ------------------------------------------------------------------ */
/* The status flow */

static const char * const status_codes[HZ_REFERRAL_N_STATUSES] = {
  "draft", "requested", "accepted", "rejected", "in-progress", "completed", "cancelled",
};

/* from → to, in flow order */
static const gboolean transitions[HZ_REFERRAL_N_STATUSES][HZ_REFERRAL_N_STATUSES] = {
  /*                  draft  req    acc    rej    in-pr  compl  canc */
  [HZ_REFERRAL_DRAFT]       = { FALSE, TRUE,  FALSE, FALSE, FALSE, FALSE, TRUE  },
  [HZ_REFERRAL_REQUESTED]   = { FALSE, FALSE, TRUE,  TRUE,  FALSE, FALSE, TRUE  },
  [HZ_REFERRAL_ACCEPTED]    = { FALSE, FALSE, FALSE, FALSE, TRUE,  FALSE, TRUE  },
  [HZ_REFERRAL_REJECTED]    = { FALSE, },
  [HZ_REFERRAL_IN_PROGRESS] = { FALSE, FALSE, FALSE, FALSE, FALSE, TRUE,  FALSE },
  [HZ_REFERRAL_COMPLETED]   = { FALSE, },
  [HZ_REFERRAL_CANCELLED]   = { FALSE, },
};

const char *
hz_referral_status_to_string (HzReferralStatus status)
{
  g_return_val_if_fail (status < HZ_REFERRAL_N_STATUSES, NULL);
  return status_codes[status];
}

gboolean
hz_referral_status_from_string (const char       *str,
                                HzReferralStatus *status)
{
  for (guint i = 0; str != NULL && i < HZ_REFERRAL_N_STATUSES; i++)
    if (strcmp (str, status_codes[i]) == 0)
      {
        *status = i;
        return TRUE;
      }
  return FALSE;
}

const char *
hz_referral_status_get_display_name (HzReferralStatus status)
{
  switch (status)
    {
    case HZ_REFERRAL_DRAFT:       return C_("referral status", "Draft");
    case HZ_REFERRAL_REQUESTED:   return C_("referral status", "Requested");
    case HZ_REFERRAL_ACCEPTED:    return C_("referral status", "Accepted");
    case HZ_REFERRAL_REJECTED:    return C_("referral status", "Rejected");
    case HZ_REFERRAL_IN_PROGRESS: return C_("referral status", "In progress");
    case HZ_REFERRAL_COMPLETED:   return C_("referral status", "Completed");
    case HZ_REFERRAL_CANCELLED:   return C_("referral status", "Cancelled");
    case HZ_REFERRAL_N_STATUSES:
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
hz_referral_status_can_change (HzReferralStatus from,
                               HzReferralStatus to)
{
  g_return_val_if_fail (from < HZ_REFERRAL_N_STATUSES && to < HZ_REFERRAL_N_STATUSES, FALSE);
  return transitions[from][to];
}

guint
hz_referral_status_get_next (HzReferralStatus from,
                             HzReferralStatus next[HZ_REFERRAL_N_STATUSES])
{
  guint n = 0;

  g_return_val_if_fail (from < HZ_REFERRAL_N_STATUSES, 0);
  for (guint to = 0; to < HZ_REFERRAL_N_STATUSES; to++)
    if (transitions[from][to])
      next[n++] = to;
  return n;
}

gboolean
hz_referral_status_needs_reason (HzReferralStatus to)
{
  return to == HZ_REFERRAL_REJECTED || to == HZ_REFERRAL_CANCELLED;
}

/* ------------------------------------------------------------------ */
/* Helpers */

static char *
now_string (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S%:z");
}

static JsonObject *
reference_new (const char *type,
               const char *id,
               const char *display)
{
  JsonObject *reference = json_object_new ();

  if (type != NULL)
    {
      g_autofree char *ref = g_strdup_printf ("%s/%s", type, id);

      json_object_set_string_member (reference, "reference", ref);
    }
  if (display != NULL)
    json_object_set_string_member (reference, "display", display);
  return reference;
}

static JsonObject *
text_concept_new (const char *system,
                  const char *code,
                  const char *display,
                  const char *text)
{
  JsonObject *concept = json_object_new ();

  if (code != NULL)
    {
      JsonArray *codings = json_array_new ();
      JsonObject *coding = json_object_new ();

      json_object_set_string_member (coding, "system", system);
      json_object_set_string_member (coding, "code", code);
      if (display != NULL)
        json_object_set_string_member (coding, "display", display);
      json_array_add_object_element (codings, coding);
      json_object_set_array_member (concept, "coding", codings);
    }
  if (text != NULL)
    json_object_set_string_member (concept, "text", text);
  return concept;
}

static void
set_team_tag (JsonObject    *resource,
              const HzActor *actor)
{
  JsonObject *meta = json_object_new ();
  JsonArray *tags = json_array_new ();
  JsonObject *tag = json_object_new ();

  json_object_set_string_member (tag, "system", HZ_SYSTEM_TEAM);
  json_object_set_string_member (tag, "code", hz_team_to_string (actor->team));
  json_object_set_string_member (tag, "display", hz_team_get_display_name (actor->team));
  json_array_add_object_element (tags, tag);
  json_object_set_array_member (meta, "tag", tags);
  json_object_set_object_member (resource, "meta", meta);
}

static JsonArray *
ensure_array (JsonObject *object,
              const char *member)
{
  if (!json_object_has_member (object, member) ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, member)))
    json_object_set_array_member (object, member, json_array_new ());
  return json_object_get_array_member (object, member);
}

/* meta.versionId: the version a write starts from (NULL: a new resource) */
static void
set_version (JsonObject *resource,
             const char *version_id)
{
  JsonObject *meta;

  if (version_id == NULL)
    return;
  if (!json_object_has_member (resource, "meta"))
    json_object_set_object_member (resource, "meta", json_object_new ());
  meta = json_object_get_object_member (resource, "meta");
  json_object_set_string_member (meta, "versionId", version_id);
}

static const HzActor *
require_actor (HzStore  *store,
               GError  **error)
{
  const HzActor *actor = hz_store_get_actor (store);

  if (actor == NULL)
    g_set_error_literal (error, HZ_STORE_ERROR, HZ_STORE_ERROR_NO_ACTOR,
                         _("No clinician is set: say who is acting (--user or HUIZHEN_USER)"));
  return actor;
}

/* The case a stored resource belongs to (its newest version's), or NULL */
static char *
dup_case_of (HzStore    *store,
             const char *type,
             const char *id)
{
  g_autoptr(GPtrArray) versions = hz_store_history (store, type, id, NULL);
  HzStoreVersion *last;

  if (versions == NULL || versions->len == 0)
    return NULL;
  last = g_ptr_array_index (versions, versions->len - 1);
  return last->deleted ? NULL : g_strdup (last->case_id);
}

static const char *
reference_id (const HzJv *reference,
              const char *type)
{
  const char *ref = hz_jv_get_string (reference, "reference");
  gsize n = strlen (type);

  if (ref != NULL && strncmp (ref, type, n) == 0 && ref[n] == '/')
    return ref + n + 1;
  return NULL;
}

/* The Task's input (request) or output (opinion) QuestionnaireResponse id */
static const char *
task_form_id (const HzJv *task,
              const char *member)
{
  for (HzJv *io = hz_jv_get_first (hz_jv_get_array (task, member)); io != NULL; io = hz_jv_get_next (io))
    {
      const char *id = reference_id (hz_jv_get_object (io, "valueReference"), "QuestionnaireResponse");

      if (id != NULL)
        return id;
    }
  return NULL;
}

static gboolean
service_request_is_referral (const HzJv  *service_request,
                             const char **out_kind)
{
  const char *code = hz_fhir_jv_get_concept_code (service_request, "category", HZ_SYSTEM_SNOMED);

  if (g_strcmp0 (code, HZ_REFERRAL_CATEGORY_REFERRAL) == 0)
    *out_kind = "referral";
  else if (g_strcmp0 (code, HZ_REFERRAL_CATEGORY_CONSULTATION) == 0)
    *out_kind = "consultation";
  else
    return FALSE;
  return TRUE;
}

#define HZ_EXT_REFERRAL_DIRECTION HZ_FORM_EXT_BASE "referral-direction"

static const char *
get_direction (const HzJv *service_request)
{
  for (HzJv *ext = hz_jv_get_first (hz_jv_get_array (service_request, "extension")); ext != NULL;
       ext = hz_jv_get_next (ext))
    if (g_strcmp0 (hz_jv_get_string (ext, "url"), HZ_EXT_REFERRAL_DIRECTION) == 0)
      return hz_jv_get_string (ext, "valueCode");
  return NULL;
}

void
hz_referral_free (HzReferral *referral)
{
  if (referral == NULL)
    return;
  g_free (referral->task_id);
  g_free (referral->service_request_id);
  g_free (referral->case_id);
  g_free (referral->kind);
  g_free (referral->direction);
  g_free (referral->patient_name);
  g_free (referral->title);
  g_free (referral->requester);
  g_free (referral->performer);
  g_free (referral->authored);
  g_free (referral->last_modified);
  g_free (referral->due);
  g_free (referral->reason);
  g_free (referral->request_form_id);
  g_free (referral->opinion_id);
  g_free (referral->task_version);
  g_free (referral);
}

/* NULL when @task is no referral */
static HzReferral *
referral_new (const HzJv    *task,
              const HzJv    *service_request,
              const char    *case_id,
              const HzActor *actor,
              GDateTime     *now)
{
  HzReferral *referral;
  const char *kind;
  const char *requester;
  HzReferralStatus status;

  if (service_request == NULL || !service_request_is_referral (service_request, &kind) ||
      !hz_referral_status_from_string (hz_jv_get_string (task, "status"), &status))
    return NULL;

  referral = g_new0 (HzReferral, 1);
  referral->task_id = g_strdup (hz_jv_get_string (task, "id"));
  referral->service_request_id = g_strdup (hz_jv_get_string (service_request, "id"));
  referral->case_id = g_strdup (case_id);
  referral->kind = g_strdup (kind);
  referral->direction = g_strdup (get_direction (service_request));
  referral->status = status;
  referral->patient_name = g_strdup (hz_jv_get_path_string (task, "for.display"));
  referral->title = g_strdup (hz_fhir_jv_get_concept_text (service_request, "code"));
  requester = hz_jv_get_path_string (task, "requester.display");
  referral->requester = g_strdup (requester);
  referral->performer = g_strdup (hz_jv_get_path_string (task, "owner.display"));
  referral->authored = g_strdup (hz_jv_get_string (task, "authoredOn"));
  referral->last_modified = g_strdup (hz_jv_get_string (task, "lastModified"));
  referral->due = g_strdup (hz_jv_get_path_string (task, "restriction.period.end"));
  referral->reason = g_strdup (hz_jv_get_path_string (task, "statusReason.text"));
  referral->request_form_id = g_strdup (task_form_id (task, "input"));
  referral->opinion_id = g_strdup (task_form_id (task, "output"));
  referral->task_version = g_strdup (hz_jv_get_path_string (task, "meta.versionId"));
  referral->inbound = actor != NULL && actor->hospital != NULL && *actor->hospital != '\0' &&
                      (requester == NULL || strstr (requester, actor->hospital) == NULL);

  if (referral->due != NULL && now != NULL &&
      (status == HZ_REFERRAL_REQUESTED || status == HZ_REFERRAL_ACCEPTED))
    {
      g_autoptr(GDateTime) due = hz_fhir_parse_datetime (referral->due);

      referral->overdue = due != NULL && g_date_time_compare (now, due) > 0;
    }

  return referral;
}

HzReferral *
hz_referral_get (HzStore     *store,
                 const char  *task_id,
                 GDateTime   *now,
                 GError     **error)
{
  g_autoptr(HzResource) task = NULL;
  g_autoptr(HzResource) service_request = NULL;
  g_autofree char *case_id = NULL;
  const char *sr_id;
  HzReferral *referral;

  g_return_val_if_fail (HZ_IS_STORE (store), NULL);
  g_return_val_if_fail (task_id != NULL, NULL);

  task = hz_fhir_id_is_valid (task_id) ? hz_store_get (store, "Task", task_id, NULL) : NULL;
  sr_id = task != NULL ? reference_id (hz_jv_get_object (hz_resource_get_value (task), "focus"),
                                       "ServiceRequest") : NULL;
  service_request = sr_id != NULL ? hz_store_get (store, "ServiceRequest", sr_id, NULL) : NULL;
  case_id = task != NULL ? dup_case_of (store, "Task", task_id) : NULL;
  referral = service_request != NULL
             ? referral_new (hz_resource_get_value (task), hz_resource_get_value (service_request),
                             case_id, hz_store_get_actor (store), now)
             : NULL;
  if (referral == NULL)
    g_set_error (error, HZ_REFERRAL_ERROR, HZ_REFERRAL_ERROR_NOT_FOUND,
                 _("There is no referral “%s”"), task_id);
  return referral;
}

HzReferral *
hz_referral_new_for_case (HzCase     *kase,
                          HzResource *task,
                          GDateTime  *now)
{
  const HzJv *value;
  const char *sr_id;
  g_autofree char *sr_ref = NULL;
  HzResource *service_request;

  g_return_val_if_fail (HZ_IS_CASE (kase), NULL);
  g_return_val_if_fail (HZ_IS_RESOURCE (task), NULL);

  value = hz_resource_get_value (task);
  sr_id = reference_id (hz_jv_get_object (value, "focus"), "ServiceRequest");
  if (sr_id == NULL)
    return NULL;
  sr_ref = g_strdup_printf ("ServiceRequest/%s", sr_id);
  service_request = hz_case_lookup (kase, sr_ref);
  if (service_request == NULL)
    return NULL;
  return referral_new (value, hz_resource_get_value (service_request), hz_case_get_id (kase),
                       hz_store_get_actor (hz_case_get_store (kase)), now);
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const HzReferral *ra = *(HzReferral **) a;
  const HzReferral *rb = *(HzReferral **) b;

  return -g_strcmp0 (ra->authored, rb->authored);
}

GPtrArray *
hz_referral_list_case (HzStore     *store,
                       const char  *case_id,
                       GDateTime   *now,
                       GError     **error)
{
  static const char * const types[] = { "Task", "ServiceRequest", NULL };
  g_autoptr(GPtrArray) resources = NULL;
  g_autoptr(GHashTable) requests = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) referrals = g_ptr_array_new_with_free_func ((GDestroyNotify) hz_referral_free);

  g_return_val_if_fail (HZ_IS_STORE (store), NULL);
  g_return_val_if_fail (case_id != NULL, NULL);

  resources = hz_store_read_case_types (store, case_id, types, error);
  if (resources == NULL)
    return NULL;
  for (guint j = 0; j < resources->len; j++)
    {
      HzResource *resource = g_ptr_array_index (resources, j);

      if (g_strcmp0 (hz_resource_get_resource_type (resource), "ServiceRequest") == 0)
        g_hash_table_insert (requests, (gpointer) hz_resource_get_id (resource),
                             (gpointer) hz_resource_get_value (resource));
    }
  for (guint j = 0; j < resources->len; j++)
    {
      HzResource *resource = g_ptr_array_index (resources, j);
      const HzJv *task = hz_resource_get_value (resource);
      const char *sr_id;
      HzReferral *referral;

      if (g_strcmp0 (hz_resource_get_resource_type (resource), "Task") != 0)
        continue;
      sr_id = reference_id (hz_jv_get_object (task, "focus"), "ServiceRequest");
      referral = sr_id != NULL
                 ? referral_new (task, g_hash_table_lookup (requests, sr_id), case_id,
                                 hz_store_get_actor (store), now)
                 : NULL;
      if (referral != NULL)
        g_ptr_array_add (referrals, referral);
    }

  g_ptr_array_sort (referrals, compare_newest_first);
  return g_steal_pointer (&referrals);
}

GPtrArray *
hz_referral_list (HzStore    *store,
                  GDateTime  *now,
                  GError    **error)
{
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GPtrArray) referrals = g_ptr_array_new_with_free_func ((GDestroyNotify) hz_referral_free);

  g_return_val_if_fail (HZ_IS_STORE (store), NULL);

  cases = hz_store_list_cases (store, error);
  if (cases == NULL)
    return NULL;

  for (guint i = 0; i < cases->len; i++)
    {
      g_autoptr(GPtrArray) of_case = hz_referral_list_case (store, hz_case_summary_get_case_id (g_ptr_array_index (cases, i)),
                                                           now, error);

      if (of_case == NULL)
        return NULL;
      g_ptr_array_extend_and_steal (referrals, g_steal_pointer (&of_case));
    }

  g_ptr_array_sort (referrals, compare_newest_first);
  return g_steal_pointer (&referrals);
}

/* ------------------------------------------------------------------ */
/* Creating */

/* Huizhen's response times by priority (hours): ours, not a guideline's;
 * docs/data-model.md names them */
static int
due_hours (const char *priority)
{
  if (g_strcmp0 (priority, "stat") == 0)
    return 2;
  if (g_strcmp0 (priority, "urgent") == 0)
    return 24;
  return 72;
}

static const char *
answer_text (HzFormAnswers *answers,
             const char    *link_id)
{
  const HzFormValue *value = hz_form_answers_get (answers, link_id);

  return value != NULL ? value->text : NULL;
}

static JsonObject *
note_new (const HzActor *actor,
          const char    *time,
          const char    *text)
{
  JsonObject *note = json_object_new ();
  g_autofree char *author = hz_signature_dup_signer (actor);

  json_object_set_string_member (note, "authorString", author);
  json_object_set_string_member (note, "time", time);
  json_object_set_string_member (note, "text", text);
  return note;
}

GPtrArray *
hz_referral_build_create (HzStore        *store,
                          HzCase         *kase,
                          HzForm         *form,
                          HzFormAnswers  *answers,
                          const char     *draft_id,
                          const char     *draft_version,
                          const GDate    *today,
                          char          **out_task_id,
                          GError        **error)
{
  g_autoptr(JsonObject) response = NULL;
  g_autoptr(JsonObject) service_request = json_object_new ();
  g_autoptr(JsonObject) task = json_object_new ();
  g_autoptr(GPtrArray) resources = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autofree char *qr_id = draft_id != NULL ? g_strdup (draft_id) : g_uuid_string_random ();
  g_autofree char *sr_id = g_uuid_string_random ();
  g_autofree char *task_id = g_uuid_string_random ();
  g_autofree char *now = now_string ();
  g_autofree char *author = NULL;
  g_autofree char *title = NULL;
  g_autofree char *note_text = NULL;
  g_autofree char *due = NULL;
  const HzActor *actor;
  const char *category;
  const char *patient_id;
  const char *priority;
  const char *direction;
  const char *to_hospital;
  gboolean is_referral;
  JsonArray *array;

  g_return_val_if_fail (HZ_IS_STORE (store), NULL);
  g_return_val_if_fail (HZ_IS_CASE (kase), NULL);
  g_return_val_if_fail (HZ_IS_FORM (form), NULL);

  category = hz_form_get_category (form);
  if (g_strcmp0 (category, "referral") != 0 && g_strcmp0 (category, "consultation") != 0)
    {
      g_set_error (error, HZ_REFERRAL_ERROR, HZ_REFERRAL_ERROR_WRONG_FORM,
                   _("The form “%s” does not start a referral or a consultation request"),
                   hz_form_get_title (form));
      return NULL;
    }
  is_referral = strcmp (category, "referral") == 0;

  if (!hz_form_validate (form, answers, today, NULL, error))
    return NULL;
  if ((actor = require_actor (store, error)) == NULL)
    return NULL;
  if (hz_case_get_patient (kase) == NULL)
    {
      g_set_error (error, HZ_REFERRAL_ERROR, HZ_REFERRAL_ERROR_NOT_FOUND,
                   _("Case “%s” has no patient to refer"), hz_case_get_id (kase));
      return NULL;
    }
  patient_id = hz_resource_get_id (hz_case_get_patient (kase));
  author = hz_signature_dup_signer (actor);
  priority = answer_text (answers, "urgency");
  if (priority == NULL)
    priority = "routine";
  direction = is_referral ? answer_text (answers, "direction") : NULL;
  to_hospital = answer_text (answers, "to-hospital");

  {
    g_autoptr(GDateTime) start = g_date_time_new_now_local ();
    g_autoptr(GDateTime) end = g_date_time_add_hours (start, due_hours (priority));

    due = g_date_time_format (end, "%Y-%m-%dT%H:%M:%S%:z");
  }

  /* the record is in the form's language: its own texts, not the UI's */
  {
    const HzFormItem *direction_item = hz_form_lookup_item (form, "direction");
    const HzFormOption *option = direction_item != NULL && direction != NULL
                                 ? hz_form_item_find_option (direction_item, direction) : NULL;
    const char *what = option != NULL ? option->display : hz_form_get_title_zh (form);
    const char *specialty = answer_text (answers, "specialty");

    title = g_strdup_printf ("%s%s%s%s%s", what, to_hospital != NULL ? "：" : "",
                             to_hospital != NULL ? to_hospital : "",
                             specialty != NULL ? " " : "", specialty != NULL ? specialty : "");
  }

  /* the form */
  response = hz_form_build_response (form, answers, "completed", NULL, author, now);
  json_object_set_string_member (response, "id", qr_id);
  set_team_tag (response, actor);
  /* the draft it was typed in becomes the request: a new version of it */
  set_version (response, draft_version);
  json_object_set_array_member (response, "basedOn", json_array_new ());
  json_array_add_object_element (json_object_get_array_member (response, "basedOn"),
                                 reference_new ("ServiceRequest", sr_id, NULL));
  json_object_set_object_member (response, "subject",
                                 reference_new ("Patient", patient_id, hz_case_get_patient_name (kase)));

  /* what is asked */
  json_object_set_string_member (service_request, "resourceType", "ServiceRequest");
  json_object_set_string_member (service_request, "id", sr_id);
  set_team_tag (service_request, actor);
  if (direction != NULL)
    {
      JsonObject *ext = json_object_new ();

      json_object_set_string_member (ext, "url", HZ_EXT_REFERRAL_DIRECTION);
      json_object_set_string_member (ext, "valueCode", direction);
      array = ensure_array (service_request, "extension");
      json_array_add_object_element (array, ext);
    }
  json_object_set_string_member (service_request, "status", "draft");
  json_object_set_string_member (service_request, "intent", "order");
  array = ensure_array (service_request, "category");
  json_array_add_object_element (array, text_concept_new (HZ_SYSTEM_SNOMED,
                                                          is_referral ? HZ_REFERRAL_CATEGORY_REFERRAL
                                                                      : HZ_REFERRAL_CATEGORY_CONSULTATION,
                                                          is_referral ? "Patient referral" : "Consultation",
                                                          is_referral ? "转诊" : "会诊"));
  json_object_set_string_member (service_request, "priority", priority);
  json_object_set_object_member (service_request, "code", text_concept_new (NULL, NULL, NULL, title));
  json_object_set_object_member (service_request, "subject",
                                 reference_new ("Patient", patient_id, hz_case_get_patient_name (kase)));
  json_object_set_string_member (service_request, "authoredOn", now);
  json_object_set_object_member (service_request, "requester", reference_new (NULL, NULL, author));
  if (to_hospital != NULL)
    {
      array = ensure_array (service_request, "performer");
      json_array_add_object_element (array, reference_new (NULL, NULL, to_hospital));
    }
  {
    GListModel *conditions = hz_case_get_resources (kase, "Condition");

    for (guint i = 0; i < g_list_model_get_n_items (conditions); i++)
      {
        g_autoptr(HzResource) condition = g_list_model_get_item (conditions, i);

        if (!hz_fhir_jv_condition_is_active (hz_resource_get_value (condition)) ||
            hz_fhir_jv_is_void (hz_resource_get_value (condition)))
          continue;
        array = ensure_array (service_request, "reasonReference");
        json_array_add_object_element (array, reference_new ("Condition", hz_resource_get_id (condition), NULL));
      }
  }
  array = ensure_array (service_request, "supportingInfo");
  json_array_add_object_element (array, reference_new ("EpisodeOfCare", hz_case_get_id (kase), NULL));
  json_array_add_object_element (array, reference_new ("QuestionnaireResponse", qr_id, NULL));
  {
    const char *reason = answer_text (answers, "reason");

    if (reason != NULL)
      {
        JsonObject *note = json_object_new ();

        json_object_set_string_member (note, "text", reason);
        array = ensure_array (service_request, "note");
        json_array_add_object_element (array, note);
      }
  }

  /* its status flow */
  json_object_set_string_member (task, "resourceType", "Task");
  json_object_set_string_member (task, "id", task_id);
  set_team_tag (task, actor);
  array = ensure_array (task, "basedOn");
  json_array_add_object_element (array, reference_new ("ServiceRequest", sr_id, NULL));
  json_object_set_string_member (task, "status", "draft");
  json_object_set_string_member (task, "intent", "order");
  json_object_set_string_member (task, "priority", priority);
  json_object_set_object_member (task, "code",
                                 text_concept_new (HZ_SYSTEM_REFERRAL_TASK, category, NULL, title));
  json_object_set_object_member (task, "focus", reference_new ("ServiceRequest", sr_id, NULL));
  json_object_set_object_member (task, "for",
                                 reference_new ("Patient", patient_id, hz_case_get_patient_name (kase)));
  json_object_set_string_member (task, "authoredOn", now);
  json_object_set_string_member (task, "lastModified", now);
  json_object_set_object_member (task, "requester", reference_new (NULL, NULL, actor->hospital ? actor->hospital : actor->name));
  if (to_hospital != NULL)
    json_object_set_object_member (task, "owner", reference_new (NULL, NULL, to_hospital));
  {
    JsonObject *restriction = json_object_new ();
    JsonObject *period = json_object_new ();

    json_object_set_string_member (period, "end", due);
    json_object_set_object_member (restriction, "period", period);
    json_object_set_object_member (task, "restriction", restriction);
  }
  {
    JsonObject *input = json_object_new ();

    json_object_set_object_member (input, "type", text_concept_new (NULL, NULL, NULL, hz_form_get_title_zh (form)));
    json_object_set_object_member (input, "valueReference", reference_new ("QuestionnaireResponse", qr_id, NULL));
    array = ensure_array (task, "input");
    json_array_add_object_element (array, input);
  }
  /* the history's steps are status codes, in no one language */
  note_text = g_strdup_printf ("→ %s", status_codes[HZ_REFERRAL_DRAFT]);
  array = ensure_array (task, "note");
  json_array_add_object_element (array, note_new (actor, now, note_text));

  g_ptr_array_add (resources, g_steal_pointer (&response));
  g_ptr_array_add (resources, g_steal_pointer (&service_request));
  g_ptr_array_add (resources, g_steal_pointer (&task));
  if (out_task_id != NULL)
    *out_task_id = g_steal_pointer (&task_id);
  return g_steal_pointer (&resources);
}

char *
hz_referral_create (HzStore        *store,
                    HzCase         *kase,
                    HzForm         *form,
                    HzFormAnswers  *answers,
                    const GDate    *today,
                    GError        **error)
{
  g_autofree char *task_id = NULL;
  g_autoptr(GPtrArray) resources = hz_referral_build_create (store, kase, form, answers, NULL, NULL,
                                                             today, &task_id, error);

  if (resources == NULL || !hz_store_put_all (store, hz_case_get_id (kase), resources, error))
    return NULL;
  return g_steal_pointer (&task_id);
}

JsonObject *
hz_referral_build_draft (HzCase        *kase,
                         HzForm        *form,
                         HzFormAnswers *answers,
                         const char    *id,
                         const char    *version_id,
                         const char    *status,
                         GError       **error)
{
  HzStore *store;
  const HzActor *actor;
  g_autofree char *author = NULL;
  g_autofree char *now = now_string ();
  g_autofree char *subject = NULL;
  JsonObject *response;

  g_return_val_if_fail (HZ_IS_CASE (kase), NULL);
  g_return_val_if_fail (HZ_IS_FORM (form), NULL);

  store = hz_case_get_store (kase);
  if ((actor = require_actor (store, error)) == NULL)
    return NULL;
  author = hz_signature_dup_signer (actor);
  if (hz_case_get_patient (kase) != NULL)
    subject = g_strdup_printf ("Patient/%s", hz_resource_get_id (hz_case_get_patient (kase)));
  response = hz_form_build_draft_response (form, answers, subject, author, now);
  if (status != NULL)
    json_object_set_string_member (response, "status", status);
  if (id != NULL)
    json_object_set_string_member (response, "id", id);
  set_team_tag (response, actor);
  set_version (response, version_id);
  return response;
}

HzResource *
hz_referral_find_draft (HzCase *kase)
{
  GListModel *responses;
  HzResource *found = NULL;

  g_return_val_if_fail (HZ_IS_CASE (kase), NULL);

  responses = hz_case_get_resources (kase, "QuestionnaireResponse");
  for (guint i = 0; i < g_list_model_get_n_items (responses); i++)
    {
      g_autoptr(HzResource) response = g_list_model_get_item (responses, i);
      const HzJv *value = hz_resource_get_value (response);
      g_autoptr(HzForm) form = NULL;
      const char *category;

      /* a request typed and not yet made one: no ServiceRequest it is based on */
      if (g_strcmp0 (hz_jv_get_string (value, "status"), "in-progress") != 0 ||
          hz_jv_get (value, "basedOn") != NULL)
        continue;
      form = hz_form_load_for_response (value, NULL);
      category = form != NULL ? hz_form_get_category (form) : NULL;
      if (g_strcmp0 (category, "referral") != 0 && g_strcmp0 (category, "consultation") != 0)
        continue;
      if (found == NULL ||
          g_strcmp0 (hz_jv_get_string (value, "authored"),
                     hz_jv_get_string (hz_resource_get_value (found), "authored")) > 0)
        g_set_object (&found, response);
    }
  return found;
}

/* ------------------------------------------------------------------ */
/* The status flow, written */

static char *
dup_next_states (HzReferralStatus from)
{
  HzReferralStatus next[HZ_REFERRAL_N_STATUSES];
  guint n = hz_referral_status_get_next (from, next);
  g_autoptr(GString) text = g_string_new (NULL);

  if (n == 0)
    return g_strdup (_("none: it is final"));
  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%s%s (%s)", i > 0 ? ", " : "", status_codes[next[i]],
                            hz_referral_status_get_display_name (next[i]));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static const char *
service_request_status (HzReferralStatus status)
{
  switch (status)
    {
    case HZ_REFERRAL_DRAFT:
      return "draft";
    case HZ_REFERRAL_COMPLETED:
      return "completed";
    case HZ_REFERRAL_REJECTED:
    case HZ_REFERRAL_CANCELLED:
      return "revoked";
    case HZ_REFERRAL_REQUESTED:
    case HZ_REFERRAL_ACCEPTED:
    case HZ_REFERRAL_IN_PROGRESS:
    case HZ_REFERRAL_N_STATUSES:
    default:
      return "active";
    }
}

GPtrArray *
hz_referral_build_status (HzStore           *store,
                          const char        *task_id,
                          const char        *seen_version,
                          HzReferralStatus   status,
                          const char        *reason,
                          char             **out_case_id,
                          GError           **error)
{
  g_autoptr(HzReferral) referral = NULL;
  g_autoptr(HzResource) task_resource = NULL;
  g_autoptr(HzResource) sr_resource = NULL;
  g_autoptr(JsonObject) task = NULL;
  g_autoptr(JsonObject) service_request = NULL;
  g_autoptr(GPtrArray) resources = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autofree char *now = now_string ();
  g_autofree char *text = NULL;
  const HzActor *actor;

  g_return_val_if_fail (HZ_IS_STORE (store), NULL);
  g_return_val_if_fail (status < HZ_REFERRAL_N_STATUSES, NULL);

  referral = hz_referral_get (store, task_id, NULL, error);
  if (referral == NULL)
    return NULL;

  if (seen_version != NULL && g_strcmp0 (seen_version, referral->task_version) != 0)
    {
      g_autoptr(HzResource) current = hz_store_get (store, "Task", task_id, NULL);
      HzJv *notes = current != NULL ? hz_jv_get_array (hz_resource_get_value (current), "note") : NULL;
      HzJv *last = notes != NULL ? hz_jv_get_element (notes, hz_jv_get_length (notes) - 1) : NULL;
      const char *who = hz_jv_get_string (last, "authorString");

      g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_CONFLICT,
                   /* Translators: a referral, its version on screen, the stored one,
                    * who changed it, its status now */
                   _("Referral “%s” was changed (version %s, by %s) after the version %s shown here: "
                     "it is now %s. Look at it again before changing its status."),
                   task_id, referral->task_version != NULL ? referral->task_version : "?",
                   who != NULL ? who : _("another clinician"), seen_version,
                   hz_referral_status_get_display_name (referral->status));
      return NULL;
    }

  if (!hz_referral_status_can_change (referral->status, status))
    {
      g_autofree char *next = dup_next_states (referral->status);

      g_set_error (error, HZ_REFERRAL_ERROR, HZ_REFERRAL_ERROR_TRANSITION,
                   _("Referral “%s” is %s (%s) and cannot become %s (%s); it can become: %s"),
                   task_id, status_codes[referral->status],
                   hz_referral_status_get_display_name (referral->status),
                   status_codes[status], hz_referral_status_get_display_name (status), next);
      return NULL;
    }
  if (reason != NULL && *reason == '\0')
    reason = NULL;
  if (hz_referral_status_needs_reason (status) && reason == NULL)
    {
      g_set_error (error, HZ_REFERRAL_ERROR, HZ_REFERRAL_ERROR_REASON_REQUIRED,
                   _("Say why the referral is %s: a reason is required"),
                   hz_referral_status_get_display_name (status));
      return NULL;
    }
  if ((actor = require_actor (store, error)) == NULL)
    return NULL;

  task_resource = hz_store_get (store, "Task", task_id, error);
  sr_resource = task_resource != NULL
                ? hz_store_get (store, "ServiceRequest", referral->service_request_id, error) : NULL;
  if (sr_resource == NULL)
    return NULL;
  task = hz_resource_dup_json (task_resource);
  service_request = hz_resource_dup_json (sr_resource);

  json_object_set_string_member (task, "status", status_codes[status]);
  json_object_set_string_member (task, "lastModified", now);
  if (reason != NULL)
    json_object_set_object_member (task, "statusReason", text_concept_new (NULL, NULL, NULL, reason));
  else
    json_object_remove_member (task, "statusReason");
  if (status == HZ_REFERRAL_IN_PROGRESS || status == HZ_REFERRAL_COMPLETED)
    {
      JsonObject *period;

      if (!json_object_has_member (task, "executionPeriod"))
        json_object_set_object_member (task, "executionPeriod", json_object_new ());
      period = json_object_get_object_member (task, "executionPeriod");
      json_object_set_string_member (period, status == HZ_REFERRAL_IN_PROGRESS ? "start" : "end", now);
    }
  text = reason != NULL
         ? g_strdup_printf ("%s → %s: %s", status_codes[referral->status], status_codes[status], reason)
         : g_strdup_printf ("%s → %s", status_codes[referral->status], status_codes[status]);
  json_array_add_object_element (ensure_array (task, "note"), note_new (actor, now, text));

  json_object_set_string_member (service_request, "status", service_request_status (status));

  g_ptr_array_add (resources, g_steal_pointer (&task));
  g_ptr_array_add (resources, g_steal_pointer (&service_request));
  if (out_case_id != NULL)
    *out_case_id = g_strdup (referral->case_id);
  return g_steal_pointer (&resources);
}

gboolean
hz_referral_set_status (HzStore          *store,
                        const char       *task_id,
                        HzReferralStatus  status,
                        const char       *reason,
                        GError          **error)
{
  g_autofree char *case_id = NULL;
  g_autoptr(GPtrArray) resources = hz_referral_build_status (store, task_id, NULL, status, reason, &case_id, error);

  return resources != NULL && hz_store_put_all (store, case_id, resources, error);
}

/* ------------------------------------------------------------------ */
/* The opinion and its signature */

gboolean
hz_referral_opinion_is_signed (HzStore     *store,
                               const char  *task_id,
                               char       **out_signer,
                               char       **out_when,
                               char       **out_hash,
                               GError     **error)
{
  g_autoptr(HzReferral) referral = hz_referral_get (store, task_id, NULL, error);
  g_autoptr(HzResource) opinion = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *target = NULL;

  if (referral == NULL)
    return FALSE;
  if (referral->opinion_id == NULL)
    return FALSE;
  opinion = hz_store_get (store, "QuestionnaireResponse", referral->opinion_id, error);
  if (opinion == NULL)
    return FALSE;
  hash = hz_form_response_compute_hash (hz_resource_get_value (opinion));
  target = g_strdup_printf ("QuestionnaireResponse/%s", referral->opinion_id);

  if (!hz_signature_find (store, referral->case_id, target, hash, out_signer, out_when, error))
    return FALSE;
  if (out_hash != NULL)
    *out_hash = g_steal_pointer (&hash);
  return TRUE;
}

GPtrArray *
hz_referral_build_opinion (HzStore        *store,
                           const char     *task_id,
                           HzForm         *form,
                           HzFormAnswers  *answers,
                           gboolean        amend,
                           gboolean        draft,
                           const GDate    *today,
                           char          **out_case_id,
                           char          **out_opinion_id,
                           GError        **error)
{
  g_autoptr(HzReferral) referral = NULL;
  g_autoptr(HzResource) task_resource = NULL;
  g_autoptr(JsonObject) task = NULL;
  g_autoptr(JsonObject) response = NULL;
  g_autoptr(GPtrArray) resources = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *now = now_string ();
  g_autofree char *author = NULL;
  g_autofree char *qr_id = NULL;
  g_autofree char *patient = NULL;
  const HzActor *actor;
  gboolean is_signed = FALSE;

  g_return_val_if_fail (HZ_IS_FORM (form), NULL);

  if (g_strcmp0 (hz_form_get_category (form), "opinion") != 0)
    {
      g_set_error (error, HZ_REFERRAL_ERROR, HZ_REFERRAL_ERROR_WRONG_FORM,
                   _("The form “%s” is not a consultation opinion"), hz_form_get_title (form));
      return NULL;
    }
  referral = hz_referral_get (store, task_id, NULL, error);
  if (referral == NULL || (!draft && !hz_form_validate (form, answers, today, NULL, error)) ||
      (actor = require_actor (store, error)) == NULL)
    return NULL;
  task_resource = hz_store_get (store, "Task", task_id, error);
  if (task_resource == NULL)
    return NULL;

  if (referral->opinion_id != NULL)
    {
      is_signed = hz_referral_opinion_is_signed (store, task_id, NULL, NULL, NULL, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (is_signed && !amend)
        {
          g_set_error (error, HZ_FORM_ERROR, HZ_FORM_ERROR_SIGNED,
                       _("The opinion of referral “%s” is signed and cannot be changed; "
                         "an amendment makes a new version"), task_id);
          return NULL;
        }
    }

  author = hz_signature_dup_signer (actor);
  patient = g_strdup (hz_jv_get_path_string (hz_resource_get_value (task_resource), "for.reference"));
  /* a draft keeps what is typed right so far; a save wants it all right */
  response = draft ? hz_form_build_draft_response (form, answers, patient, author, now)
                   : hz_form_build_response (form, answers, "in-progress", patient, author, now);
  json_object_set_string_member (response, "status", is_signed ? "amended" : "in-progress");
  set_team_tag (response, actor);
  json_object_set_array_member (response, "basedOn", json_array_new ());
  json_array_add_object_element (json_object_get_array_member (response, "basedOn"),
                                 reference_new ("ServiceRequest", referral->service_request_id, NULL));

  if (referral->opinion_id != NULL)
    {
      g_autoptr(HzResource) old = hz_store_get (store, "QuestionnaireResponse", referral->opinion_id, error);
      JsonObject *meta;

      if (old == NULL)
        return NULL;
      qr_id = g_strdup (referral->opinion_id);
      /* an amendment stays one until it is signed */
      if (g_strcmp0 (hz_jv_get_string (hz_resource_get_value (old), "status"), "amended") == 0)
        json_object_set_string_member (response, "status", "amended");
      /* a new version of the one there, from the version read */
      meta = json_object_get_object_member (response, "meta");
      json_object_set_string_member (meta, "versionId",
                                     hz_jv_get_path_string (hz_resource_get_value (old), "meta.versionId"));
    }
  else
    {
      JsonObject *output = json_object_new ();

      qr_id = g_uuid_string_random ();
      task = hz_resource_dup_json (task_resource);
      json_object_set_object_member (output, "type", text_concept_new (NULL, NULL, NULL, hz_form_get_title_zh (form)));
      json_object_set_object_member (output, "valueReference", reference_new ("QuestionnaireResponse", qr_id, NULL));
      json_array_add_object_element (ensure_array (task, "output"), output);
      json_object_set_string_member (task, "lastModified", now);
    }
  json_object_set_string_member (response, "id", qr_id);

  g_ptr_array_add (resources, g_steal_pointer (&response));
  if (task != NULL)
    g_ptr_array_add (resources, g_steal_pointer (&task));
  if (out_case_id != NULL)
    *out_case_id = g_strdup (referral->case_id);
  if (out_opinion_id != NULL)
    *out_opinion_id = g_steal_pointer (&qr_id);
  return g_steal_pointer (&resources);
}

char *
hz_referral_save_opinion (HzStore        *store,
                          const char     *task_id,
                          HzForm         *form,
                          HzFormAnswers  *answers,
                          gboolean        amend,
                          const GDate    *today,
                          GError        **error)
{
  g_autofree char *case_id = NULL;
  g_autofree char *qr_id = NULL;
  g_autoptr(GPtrArray) resources = hz_referral_build_opinion (store, task_id, form, answers, amend, FALSE,
                                                              today, &case_id, &qr_id, error);

  if (resources == NULL || !hz_store_put_all (store, case_id, resources, error))
    return NULL;
  return g_steal_pointer (&qr_id);
}

GPtrArray *
hz_referral_build_signature (HzStore     *store,
                             const char  *task_id,
                             char       **out_case_id,
                             GError     **error)
{
  g_autoptr(HzReferral) referral = NULL;
  g_autoptr(HzResource) opinion = NULL;
  g_autoptr(JsonObject) response = NULL;
  g_autoptr(JsonObject) provenance = NULL;
  g_autoptr(GPtrArray) resources = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *target = NULL;
  const HzActor *actor;
  const char *status;

  referral = hz_referral_get (store, task_id, NULL, error);
  if (referral == NULL || (actor = require_actor (store, error)) == NULL)
    return NULL;
  if (referral->opinion_id == NULL)
    {
      g_set_error (error, HZ_REFERRAL_ERROR, HZ_REFERRAL_ERROR_NOT_FOUND,
                   _("Referral “%s” has no opinion to sign"), task_id);
      return NULL;
    }
  if (hz_referral_opinion_is_signed (store, task_id, NULL, NULL, NULL, &local_error))
    {
      g_set_error (error, HZ_FORM_ERROR, HZ_FORM_ERROR_SIGNED,
                   _("The opinion of referral “%s” is signed already"), task_id);
      return NULL;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  opinion = hz_store_get (store, "QuestionnaireResponse", referral->opinion_id, error);
  if (opinion == NULL)
    return NULL;
  /* what is signed is complete and right: a draft is not signed */
  {
    g_autoptr(HzForm) form = hz_form_load_for_response (hz_resource_get_value (opinion), error);
    g_autoptr(HzFormAnswers) answers = NULL;

    if (form == NULL)
      return NULL;
    answers = hz_form_answers_new_from_response (hz_resource_get_value (opinion));
    if (!hz_form_validate (form, answers, NULL, NULL, error))
      return NULL;
  }
  canonical = hz_form_response_dup_canonical (hz_resource_get_value (opinion));
  target = g_strdup_printf ("QuestionnaireResponse/%s", referral->opinion_id);
  provenance = hz_signature_build_provenance (actor, target, canonical);

  /* signed: completed, or still amended; the content is not touched */
  response = hz_resource_dup_json (opinion);
  status = json_object_get_string_member_with_default (response, "status", "");
  if (g_strcmp0 (status, "amended") != 0)
    json_object_set_string_member (response, "status", "completed");

  g_ptr_array_add (resources, g_steal_pointer (&response));
  g_ptr_array_add (resources, g_steal_pointer (&provenance));
  if (out_case_id != NULL)
    *out_case_id = g_strdup (referral->case_id);
  return g_steal_pointer (&resources);
}

char *
hz_referral_sign_opinion (HzStore     *store,
                          const char  *task_id,
                          GError     **error)
{
  g_autofree char *case_id = NULL;
  g_autoptr(GPtrArray) resources = hz_referral_build_signature (store, task_id, &case_id, error);

  if (resources == NULL || !hz_store_put_all (store, case_id, resources, error))
    return NULL;
  return g_strdup (json_object_get_string_member (g_ptr_array_index (resources, 1), "id"));
}

/* ------------------------------------------------------------------ */
/* Exchange */

typedef struct
{
  GPtrArray  *refs;    /* "Type/id", in the order found */
  GHashTable *seen;
} Collect;

static void
collect_reference_cb (const char *path,
                      HzJv       *reference_object,
                      HzJv       *reference_value,
                      gpointer    user_data)
{
  Collect *collect = user_data;
  g_autofree char *type = NULL;
  g_autofree char *id = NULL;
  const char *ref = hz_jv_get_str (reference_value);

  if (ref == NULL || !hz_fhir_split_reference (ref, &type, &id) || !hz_fhir_is_known_type (type) ||
      g_hash_table_contains (collect->seen, ref))
    return;
  g_hash_table_add (collect->seen, g_strdup (ref));
  g_ptr_array_add (collect->refs, g_strdup (ref));
}

char *
hz_referral_export (HzStore     *store,
                    const char  *task_id,
                    const char  *destination,
                    gsize       *length,
                    GError     **error)
{
  static const char * const types[] = { "Provenance", NULL };
  g_autoptr(HzReferral) referral = NULL;
  g_autoptr(GPtrArray) provenances = NULL;
  Collect collect;
  char *text = NULL;

  g_return_val_if_fail (HZ_IS_STORE (store), NULL);

  referral = hz_referral_get (store, task_id, NULL, error);
  if (referral == NULL)
    return NULL;

  collect.refs = g_ptr_array_new_with_free_func (g_free);
  collect.seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  {
    g_autofree char *first = g_strdup_printf ("Task/%s", task_id);

    g_hash_table_add (collect.seen, g_strdup (first));
    g_ptr_array_add (collect.refs, g_steal_pointer (&first));
  }

  /* everything the Task refers to, and what that refers to */
  for (guint i = 0; i < collect.refs->len; i++)
    {
      g_autofree char *type = NULL;
      g_autofree char *id = NULL;
      g_autoptr(HzResource) resource = NULL;

      hz_fhir_split_reference (g_ptr_array_index (collect.refs, i), &type, &id);
      resource = hz_store_get (store, type, id, error);
      if (resource == NULL)
        goto out;
      hz_fhir_jv_foreach_reference ((HzJv *) hz_resource_get_value (resource), collect_reference_cb, &collect);

      /* the signatures of what is sent */
      if (i + 1 == collect.refs->len && provenances == NULL)
        {
          provenances = hz_store_read_case_types (store, referral->case_id, types, error);
          if (provenances == NULL)
            goto out;
          for (guint j = 0; j < provenances->len; j++)
            {
              HzResource *provenance = g_ptr_array_index (provenances, j);
              const HzJv *value = hz_resource_get_value (provenance);
              gboolean ours = FALSE;

              for (HzJv *t = hz_jv_get_first (hz_jv_get_array (value, "target")); t != NULL;
                   t = hz_jv_get_next (t))
                ours = ours || g_hash_table_contains (collect.seen, hz_jv_get_string (t, "reference") ?: "");
              if (ours && g_hash_table_add (collect.seen, g_strdup (hz_resource_get_reference (provenance))))
                g_ptr_array_add (collect.refs, g_strdup (hz_resource_get_reference (provenance)));
            }
        }
    }

  g_ptr_array_add (collect.refs, NULL);
  text = hz_store_export_resources_to_data (store, (const char * const *) collect.refs->pdata,
                                            destination, length, error);

out:
  g_ptr_array_unref (collect.refs);
  g_hash_table_unref (collect.seen);
  return text;
}

/* The notes of a Task, each as compact JSON */
static GPtrArray *
dup_notes (const HzJv *task)
{
  GPtrArray *notes = g_ptr_array_new_with_free_func (g_free);

  for (HzJv *note = hz_jv_get_first (hz_jv_get_array (task, "note")); note != NULL; note = hz_jv_get_next (note))
    g_ptr_array_add (notes, hz_jv_to_string (note));
  return notes;
}

static void
append_note_lines (GString    *out,
                   const HzJv *task,
                   guint       from)
{
  guint i = 0;

  for (HzJv *note = hz_jv_get_first (hz_jv_get_array (task, "note")); note != NULL; note = hz_jv_get_next (note), i++)
    if (i >= from)
      g_string_append_printf (out, "\n  %s %s: %s", hz_jv_get_string (note, "time") ?: "",
                              hz_jv_get_string (note, "authorString") ?: "",
                              hz_jv_get_string (note, "text") ?: "");
}

/* The local case of the patient of an incoming referral: the case of the
 * referral when it is held here already (an answer), else the case whose
 * patient has the same 居民身份证号 (newest first), else none (a new case).
 * @out_case_id and @out_patient_id: the local ids. */
static gboolean
find_local_case (HzStore     *store,
                 const char  *task_id,
                 const HzJv  *patient,
                 char       **out_case_id,
                 char       **out_patient_id)
{
  g_autoptr(HzResource) local = hz_store_get (store, "Task", task_id, NULL);
  const char *id_card;
  g_autoptr(GPtrArray) cases = NULL;

  if (local != NULL)
    {
      const char *patient_id = reference_id (hz_jv_get_object (hz_resource_get_value (local), "for"), "Patient");

      *out_case_id = dup_case_of (store, "Task", task_id);
      *out_patient_id = g_strdup (patient_id);
      return *out_case_id != NULL && *out_patient_id != NULL;
    }

  id_card = patient != NULL ? hz_fhir_jv_get_identifier (patient, HZ_SYSTEM_ID_CARD) : NULL;
  if (id_card == NULL || (cases = hz_store_list_cases (store, NULL)) == NULL)
    return FALSE;
  for (guint i = 0; i < cases->len; i++)
    {
      HzCaseSummary *summary = g_ptr_array_index (cases, i);

      if (g_strcmp0 (hz_case_summary_get_id_card (summary), id_card) == 0 &&
          hz_case_summary_get_patient_id (summary) != NULL)
        {
          *out_case_id = g_strdup (hz_case_summary_get_case_id (summary));
          *out_patient_id = g_strdup (hz_case_summary_get_patient_id (summary));
          return TRUE;
        }
    }
  return FALSE;
}

typedef struct
{
  HzJsonDoc  *doc;
  GHashTable *map;    /* "Type/their-id" → "Type/our-id" */
} Relink;

static void
relink_reference_cb (const char *path,
                     HzJv       *reference_object,
                     HzJv       *reference_value,
                     gpointer    user_data)
{
  Relink *relink = user_data;
  const char *ours = hz_jv_get_str (reference_value) != NULL
                     ? g_hash_table_lookup (relink->map, hz_jv_get_str (reference_value)) : NULL;

  if (ours != NULL)
    hz_jv_set_string (relink->doc, reference_value, ours);
}

/* @data with the sender's patient and case replaced by ours: their
 * Patient and EpisodeOfCare entries left out (ours are not overwritten),
 * every reference to them pointing at ours. The rest is as it came:
 * numbers keep their digits. NULL when nothing is to change. */
static char *
relink_bundle (const char *data,
               gssize      length,
               const char *their_patient,
               const char *their_case,
               const char *our_patient,
               const char *our_case,
               gsize      *out_length)
{
  g_autoptr(HzJsonDoc) doc = NULL;
  g_autoptr(GHashTable) map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GString) out = g_string_new (NULL);
  HzJv *root;
  HzJv *entries;
  HzJv *prev = NULL;
  Relink relink;

  if (their_patient != NULL && g_strcmp0 (their_patient, our_patient) != 0)
    g_hash_table_insert (map, g_strdup_printf ("Patient/%s", their_patient),
                         g_strdup_printf ("Patient/%s", our_patient));
  if (their_case != NULL && g_strcmp0 (their_case, our_case) != 0)
    g_hash_table_insert (map, g_strdup_printf ("EpisodeOfCare/%s", their_case),
                         g_strdup_printf ("EpisodeOfCare/%s", our_case));
  if (g_hash_table_size (map) == 0)
    return NULL;

  doc = hz_json_doc_parse (length < 0 ? g_strdup (data) : g_strndup (data, length),
                           length < 0 ? strlen (data) : (gsize) length, NULL);
  root = doc != NULL ? hz_json_doc_get_root (doc) : NULL;
  entries = root != NULL ? hz_jv_get_array (root, "entry") : NULL;
  if (entries == NULL)
    return NULL;

  for (HzJv *entry = entries->first; entry != NULL; entry = entry->next)
    {
      HzJv *resource = hz_jv_get_object (entry, "resource");
      g_autofree char *ref = g_strdup_printf ("%s/%s", hz_jv_get_string (resource, "resourceType") ?: "",
                                              hz_jv_get_string (resource, "id") ?: "");

      if (g_hash_table_contains (map, ref))
        {
          /* the entry leaves the list */
          if (prev != NULL)
            prev->next = entry->next;
          else
            entries->first = entry->next;
          entries->n_children--;
          continue;
        }
      prev = entry;
    }
  relink.doc = doc;
  relink.map = map;
  hz_fhir_jv_foreach_reference (root, relink_reference_cb, &relink);

  hz_jv_write_pretty (out, root, 0);
  g_string_append_c (out, '\n');
  *out_length = out->len;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

gboolean
hz_referral_import (HzStore     *store,
                    const char  *data,
                    gssize       length,
                    const char  *name,
                    char       **out_task_id,
                    GError     **error)
{
  g_autoptr(HzResource) bundle = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GHashTable) bases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) requests = g_hash_table_new (g_str_hash, g_str_equal);
  HzStoreImportCounts counts;
  g_autofree char *relinked = NULL;
  gsize relinked_length = 0;
  const HzJv *root;
  const HzJv *task = NULL;
  guint n_tasks = 0;

  g_return_val_if_fail (HZ_IS_STORE (store), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  /* what it is: read with the store's parser, as the import will */
  bundle = hz_resource_new_from_data (data, length, &local_error);
  if (bundle == NULL)
    {
      g_set_error (error, HZ_STORE_ERROR, HZ_STORE_ERROR_INVALID_JSON,
                   _("“%s” is not valid JSON: %s"), name, local_error->message);
      return FALSE;
    }
  root = hz_resource_get_value (bundle);
  if (g_strcmp0 (hz_jv_get_string (root, "resourceType"), "Bundle") != 0)
    {
      g_set_error (error, HZ_REFERRAL_ERROR, HZ_REFERRAL_ERROR_NOT_A_REFERRAL,
                   _("“%s” is not a FHIR Bundle"), name);
      return FALSE;
    }
  for (HzJv *entry = hz_jv_get_first (hz_jv_get_array (root, "entry")); entry != NULL; entry = hz_jv_get_next (entry))
    {
      HzJv *resource = hz_jv_get_object (entry, "resource");

      if (g_strcmp0 (hz_jv_get_string (resource, "resourceType"), "ServiceRequest") == 0 &&
          hz_jv_get_string (resource, "id") != NULL)
        g_hash_table_insert (requests, (gpointer) hz_jv_get_string (resource, "id"), resource);
    }
  for (HzJv *entry = hz_jv_get_first (hz_jv_get_array (root, "entry")); entry != NULL; entry = hz_jv_get_next (entry))
    {
      HzJv *resource = hz_jv_get_object (entry, "resource");
      const char *sr_id = reference_id (hz_jv_get_object (resource, "focus"), "ServiceRequest");
      const char *kind;

      if (g_strcmp0 (hz_jv_get_string (resource, "resourceType"), "Task") == 0 && sr_id != NULL &&
          g_hash_table_contains (requests, sr_id) &&
          service_request_is_referral (g_hash_table_lookup (requests, sr_id), &kind))
        {
          task = resource;
          n_tasks++;
        }
    }
  if (n_tasks != 1 || hz_jv_get_string (task, "id") == NULL)
    {
      g_set_error (error, HZ_REFERRAL_ERROR, HZ_REFERRAL_ERROR_NOT_A_REFERRAL,
                   _("“%s” holds %u referral tasks; a referral Bundle holds one Task whose focus is a "
                     "referral or consultation ServiceRequest"),
                   name, n_tasks);
      return FALSE;
    }

  /* an answer to a referral held here: it must follow from what is held */
  {
    const char *task_id = hz_jv_get_string (task, "id");
    g_autoptr(HzResource) local = hz_store_get (store, "Task", task_id, NULL);

    if (local != NULL)
      {
        const HzJv *local_task = hz_resource_get_value (local);
        g_autoptr(GPtrArray) ours = dup_notes (local_task);
        g_autoptr(GPtrArray) theirs = dup_notes (task);
        guint common = 0;
        const char *sr_id = reference_id (hz_jv_get_object (local_task, "focus"), "ServiceRequest");
        gint64 version;

        while (common < ours->len && common < theirs->len &&
               strcmp (g_ptr_array_index (ours, common), g_ptr_array_index (theirs, common)) == 0)
          common++;
        if (common < ours->len)
          {
            g_autoptr(GString) text = g_string_new (NULL);

            g_string_printf (text, _("%s: referral “%s” was changed here since it was sent; "
                                     "nothing was imported. Here:"), name, task_id);
            append_note_lines (text, local_task, common);
            g_string_append_printf (text, "\n%s", _("In the file:"));
            if (common < theirs->len)
              append_note_lines (text, task, common);
            else
              g_string_append_printf (text, "\n  %s", _("(no change)"));
            g_set_error_literal (error, HZ_REFERRAL_ERROR, HZ_REFERRAL_ERROR_CONFLICT, text->str);
            return FALSE;
          }

        /* written only over the version the check saw */
        if (g_ascii_string_to_signed (hz_jv_get_path_string (local_task, "meta.versionId"), 10, 1,
                                      G_MAXINT64, &version, NULL))
          g_hash_table_insert (bases, g_strdup_printf ("Task/%s", task_id), g_memdup2 (&version, sizeof version));
        if (sr_id != NULL)
          {
            g_autoptr(HzResource) local_sr = hz_store_get (store, "ServiceRequest", sr_id, NULL);

            if (local_sr != NULL &&
                g_ascii_string_to_signed (hz_jv_get_path_string (hz_resource_get_value (local_sr), "meta.versionId"),
                                          10, 1, G_MAXINT64, &version, NULL))
              g_hash_table_insert (bases, g_strdup_printf ("ServiceRequest/%s", sr_id),
                                   g_memdup2 (&version, sizeof version));
          }
      }
  }

  /* the patient's case here: the referral joins it */
  {
    const char *task_id = hz_jv_get_string (task, "id");
    const char *their_patient = reference_id (hz_jv_get_object (task, "for"), "Patient");
    const char *their_case = NULL;
    const HzJv *patient = NULL;
    g_autofree char *our_case = NULL;
    g_autofree char *our_patient = NULL;

    for (HzJv *entry = hz_jv_get_first (hz_jv_get_array (root, "entry")); entry != NULL; entry = hz_jv_get_next (entry))
      {
        HzJv *resource = hz_jv_get_object (entry, "resource");
        const char *type = hz_jv_get_string (resource, "resourceType");

        if (g_strcmp0 (type, "Patient") == 0 && g_strcmp0 (hz_jv_get_string (resource, "id"), their_patient) == 0)
          patient = resource;
        else if (g_strcmp0 (type, "EpisodeOfCare") == 0 &&
                 g_strcmp0 (reference_id (hz_jv_get_object (resource, "patient"), "Patient"), their_patient) == 0)
          their_case = hz_jv_get_string (resource, "id");
      }
    if (find_local_case (store, task_id, patient, &our_case, &our_patient))
      relinked = relink_bundle (data, length, their_patient, their_case, our_patient, our_case, &relinked_length);
    if (relinked != NULL)
      {
        data = relinked;
        length = relinked_length;
      }
  }

  if (!hz_store_import_data_full (store, data, length, name, name, bases, &counts, NULL, error))
    return FALSE;
  if (counts.n_new == 0 && counts.n_changed == 0)
    {
      g_set_error (error, HZ_REFERRAL_ERROR, HZ_REFERRAL_ERROR_DUPLICATE,
                   _("%s: referral “%s” was imported already; nothing was added"),
                   name, hz_jv_get_string (task, "id"));
      return FALSE;
    }
  if (!hz_store_import_data_full (store, data, length, name, name, bases, NULL, NULL, error))
    return FALSE;

  if (out_task_id != NULL)
    *out_task_id = g_strdup (hz_jv_get_string (task, "id"));
  return TRUE;
}
