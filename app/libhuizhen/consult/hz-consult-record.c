/* hz-consult-record.c — the consent to share and the session's record
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-consult"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "huizhen.h"
#include "hz-fhir-private.h"

#define SYSTEM_ACT_CODE          "http://terminology.hl7.org/CodeSystem/v3-ActCode"
#define SYSTEM_CONSENT_SCOPE     "http://terminology.hl7.org/CodeSystem/consentscope"
#define SYSTEM_CONSENT_ACTION    "http://terminology.hl7.org/CodeSystem/consentaction"
#define SYSTEM_PARTICIPATION     "http://terminology.hl7.org/CodeSystem/v3-ParticipationType"
#define SYSTEM_CONSULT_ROLE      "https://huizhen.github.io/fhir/CodeSystem/consult-role"
#define LOINC_PATIENT_CONSENT    "59284-0"
#define LOINC_CONSULT_NOTE       "11488-4"
/* record texts are Chinese, as the 会诊意见书 is printed */
#define REMOTE_CONSULT_TEXT      "远程会诊"
#define OPINION_TITLE            "会诊意见书"
#define SCOPE_DEFAULT            "病历摘要、检查结果、影像"

/* ------------------------------------------------------------------ */
/* Consent */

static gboolean
consent_names_site (const HzJv *consent,
                    const char *site)
{
  HzJv *actors = hz_jv_get_array (hz_jv_get_object (consent, "provision"), "actor");
  gsize length = strlen (site);

  for (HzJv *actor = hz_jv_get_first (actors); actor != NULL; actor = hz_jv_get_next (actor))
    {
      const char *display = hz_jv_get_path_string (actor, "reference.display");

      if (display != NULL && strncmp (display, site, length) == 0 &&
          (display[length] == '\0' || display[length] == ' '))
        return TRUE;
    }
  return FALSE;
}

static gboolean
consent_in_force (const HzJv *consent,
                  const char *today)
{
  const char *end = hz_jv_get_path_string (consent, "provision.period.end");

  if (g_strcmp0 (hz_jv_get_string (consent, "status"), "active") != 0 ||
      g_strcmp0 (hz_jv_get_path_string (consent, "provision.type"), "permit") != 0)
    return FALSE;
  /* a date (or the date part of a dateTime) compares as text */
  return end == NULL || strncmp (end, today, 10) >= 0;
}

/* "省妇幼保健院、市中心医院" or with commas: the sites, trimmed */
GStrv
hz_consult_split_sites (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GRegex) regex = g_regex_new ("[、,，;；]+", 0, 0, NULL);
  g_auto(GStrv) parts = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  parts = g_regex_split (regex, text, 0);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (parts[i][0] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }
  return g_strv_builder_end (builder);
}

GStrv
hz_consult_find_unconsented (HzCase             *kase,
                             const char * const *sites)
{
  g_autoptr(GStrvBuilder) missing = g_strv_builder_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  GListModel *consents;

  g_return_val_if_fail (HZ_IS_CASE (kase), NULL);

  consents = hz_case_get_resources (kase, "Consent");
  for (guint s = 0; sites != NULL && sites[s] != NULL; s++)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < g_list_model_get_n_items (consents) && !found; i++)
        {
          g_autoptr(HzResource) resource = g_list_model_get_item (consents, i);
          const HzJv *consent = hz_resource_get_value (resource);

          found = consent_in_force (consent, today) && consent_names_site (consent, sites[s]);
        }
      if (!found)
        g_strv_builder_add (missing, sites[s]);
    }
  return g_strv_builder_end (missing);
}

/* Whether @provision (a Consent's, permit) lets @type be seen: its
 * `class` list (resource types), when it has one, names the type, and no
 * nested `deny` provision's `class` names it */
static gboolean
provision_allows_type (const HzJv *provision,
                       const char *type)
{
  HzJv *classes = hz_jv_get_array (provision, "class");
  gboolean allowed = hz_jv_get_length (classes) == 0;

  for (HzJv *c = hz_jv_get_first (classes); c != NULL && !allowed; c = hz_jv_get_next (c))
    allowed = g_strcmp0 (hz_jv_get_string (c, "code"), type) == 0;
  for (HzJv *nested = hz_jv_get_first (hz_jv_get_array (provision, "provision"));
       nested != NULL && allowed; nested = hz_jv_get_next (nested))
    {
      if (g_strcmp0 (hz_jv_get_string (nested, "type"), "deny") != 0)
        continue;
      for (HzJv *c = hz_jv_get_first (hz_jv_get_array (nested, "class")); c != NULL; c = hz_jv_get_next (c))
        if (g_strcmp0 (hz_jv_get_string (c, "code"), type) == 0)
          allowed = FALSE;
    }
  return allowed;
}

typedef struct
{
  GHashTable *allowed;   /* "Type/id" */
  gboolean    dangling;
} Closure;

static void
check_reference_cb (const char *path,
                    HzJv       *reference_object,
                    HzJv       *reference_value,
                    gpointer    user_data)
{
  Closure *closure = user_data;
  g_autofree char *type = NULL;
  g_autofree char *id = NULL;
  const char *ref = hz_jv_get_str (reference_value);

  if (ref != NULL && hz_fhir_split_reference (ref, &type, &id) && hz_fhir_is_known_type (type) &&
      !g_hash_table_contains (closure->allowed, ref))
    closure->dangling = TRUE;
}

GStrv
hz_consult_select_shared (GPtrArray          *resources,
                          const char * const *sites)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autoptr(GHashTable) allowed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GStrvBuilder) refs = g_strv_builder_new ();
  gboolean changed = TRUE;
  HzResource *episode = NULL;

  g_return_val_if_fail (resources != NULL, NULL);

  for (guint i = 0; i < resources->len; i++)
    {
      HzResource *resource = g_ptr_array_index (resources, i);
      const char *type = hz_resource_get_resource_type (resource);
      gboolean every_site = sites != NULL && sites[0] != NULL;

      /* the audit trail stays with the hospital that keeps it */
      if (g_str_equal (type, "AuditEvent"))
        continue;
      for (guint s = 0; every_site && sites[s] != NULL; s++)
        {
          gboolean site_allowed = FALSE;

          for (guint j = 0; j < resources->len && !site_allowed; j++)
            {
              HzResource *other = g_ptr_array_index (resources, j);
              const HzJv *consent = hz_resource_get_value (other);

              site_allowed = g_str_equal (hz_resource_get_resource_type (other), "Consent") &&
                             consent_in_force (consent, today) && consent_names_site (consent, sites[s]) &&
                             provision_allows_type (hz_jv_get_object (consent, "provision"), type);
            }
          every_site = site_allowed;
        }
      if (every_site)
        g_hash_table_add (allowed, (gpointer) hz_resource_get_reference (resource));
      if (g_str_equal (type, "EpisodeOfCare"))
        episode = resource;
    }

  /* the Bundle must stand on its own: what refers to a resource that is
   * not sent is not sent either */
  while (changed)
    {
      changed = FALSE;
      for (guint i = 0; i < resources->len; i++)
        {
          HzResource *resource = g_ptr_array_index (resources, i);
          Closure closure = { allowed, FALSE };

          if (!g_hash_table_contains (allowed, hz_resource_get_reference (resource)))
            continue;
          hz_fhir_jv_foreach_reference ((HzJv *) hz_resource_get_value (resource), check_reference_cb, &closure);
          if (closure.dangling)
            {
              g_hash_table_remove (allowed, hz_resource_get_reference (resource));
              changed = TRUE;
            }
        }
    }

  /* the EpisodeOfCare first: it names what the export was */
  if (episode != NULL && g_hash_table_contains (allowed, hz_resource_get_reference (episode)))
    g_strv_builder_add (refs, hz_resource_get_reference (episode));
  for (guint i = 0; i < resources->len; i++)
    {
      HzResource *resource = g_ptr_array_index (resources, i);

      if (resource != episode && g_hash_table_contains (allowed, hz_resource_get_reference (resource)))
        g_strv_builder_add (refs, hz_resource_get_reference (resource));
    }
  return g_strv_builder_end (refs);
}

JsonObject *
hz_consult_build_consent (HzCase             *kase,
                          const char * const *sites,
                          const char         *scope,
                          const HzActor      *recorder,
                          GError            **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *when = hz_fhir_format_instant (now);
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *recorded_by = hz_actor_dup_display (recorder);
  HzResource *patient;
  JsonObject *consent, *provision, *extension, *period;
  JsonArray *array;

  g_return_val_if_fail (HZ_IS_CASE (kase), NULL);

  if (sites == NULL || sites[0] == NULL || sites[0][0] == '\0')
    {
      g_set_error (error, HZ_CONSULT_ERROR, HZ_CONSULT_ERROR_CONSENT,
                   _("Consent: name at least one site the case is shared with"));
      return NULL;
    }
  if (recorded_by == NULL)
    {
      g_set_error (error, HZ_CONSULT_ERROR, HZ_CONSULT_ERROR_CONSENT,
                   _("Consent: who recorded it is not known (no clinician signed in)"));
      return NULL;
    }
  if (scope == NULL || scope[0] == '\0')
    scope = SCOPE_DEFAULT;

  consent = json_object_new ();
  json_object_set_string_member (consent, "resourceType", "Consent");
  json_object_set_string_member (consent, "id", id);
  json_object_set_string_member (consent, "status", "active");
  json_object_set_object_member (consent, "scope",
                                 hz_fhir_new_concept (SYSTEM_CONSENT_SCOPE, "patient-privacy", "隐私同意"));
  array = json_array_new ();
  json_array_add_object_element (array, hz_fhir_new_concept (HZ_SYSTEM_LOINC, LOINC_PATIENT_CONSENT,
                                                             "远程会诊知情同意"));
  json_object_set_array_member (consent, "category", array);
  patient = hz_case_get_patient (kase);
  if (patient != NULL)
    json_object_set_object_member (consent, "patient",
                                   hz_fhir_new_reference (hz_resource_get_reference (patient),
                                                          hz_case_get_patient_name (kase)));
  json_object_set_string_member (consent, "dateTime", when);
  if (patient != NULL)
    {
      array = json_array_new ();
      json_array_add_object_element (array, hz_fhir_new_reference (hz_resource_get_reference (patient),
                                                                   hz_case_get_patient_name (kase)));
      json_object_set_array_member (consent, "performer", array);
    }
  if (recorder->hospital != NULL)
    {
      array = json_array_new ();
      json_array_add_object_element (array, hz_fhir_new_reference (NULL, recorder->hospital));
      json_object_set_array_member (consent, "organization", array);
    }
  array = json_array_new ();
  extension = json_object_new ();
  json_object_set_string_member (extension, "url", HZ_CONSULT_EXT_RECORDED_BY);
  json_object_set_string_member (extension, "valueString", recorded_by);
  json_array_add_object_element (array, extension);
  json_object_set_array_member (consent, "extension", array);

  provision = json_object_new ();
  json_object_set_string_member (provision, "type", "permit");
  period = json_object_new ();
  json_object_set_string_member (period, "start", when);
  json_object_set_object_member (provision, "period", period);
  array = json_array_new ();
  for (guint s = 0; sites[s] != NULL; s++)
    {
      JsonObject *actor = json_object_new ();

      json_object_set_object_member (actor, "role",
                                     hz_fhir_new_concept (SYSTEM_PARTICIPATION, HZ_CONSULT_CONSENT_ROLE,
                                                          "会诊方"));
      json_object_set_object_member (actor, "reference", hz_fhir_new_reference (NULL, sites[s]));
      json_array_add_object_element (array, actor);
    }
  json_object_set_array_member (provision, "actor", array);
  array = json_array_new ();
  json_array_add_object_element (array, hz_fhir_new_concept (SYSTEM_CONSENT_ACTION, "disclose", scope));
  json_object_set_array_member (provision, "action", array);
  array = json_array_new ();
  json_array_add_object_element (array, hz_fhir_new_coding (HZ_SYSTEM_ACT_REASON, "TREAT", "治疗"));
  json_object_set_array_member (provision, "purpose", array);
  if (hz_case_get_episode (kase) != NULL)
    {
      JsonObject *data = json_object_new ();

      array = json_array_new ();
      json_object_set_string_member (data, "meaning", "related");
      json_object_set_object_member (data, "reference",
                                     hz_fhir_new_reference (hz_resource_get_reference (hz_case_get_episode (kase)), NULL));
      json_array_add_object_element (array, data);
      json_object_set_array_member (provision, "data", array);
    }
  json_object_set_object_member (consent, "provision", provision);

  return consent;
}

/* ------------------------------------------------------------------ */
/* The record */

static void
member_free (HzConsultMember *member)
{
  g_free (member->user);
  g_free (member->name);
  g_free (member->team);
  g_free (member->role);
  g_free (member->site);
  g_free (member);
}

static void
chat_free (HzConsultChat *chat)
{
  g_free (chat->user);
  g_free (chat->name);
  g_free (chat->text);
  g_free (chat);
}

HzConsultRecord *
hz_consult_record_new (const char *room)
{
  HzConsultRecord *record = g_new0 (HzConsultRecord, 1);

  record->room = g_strdup (room);
  record->started_us = g_get_real_time ();
  record->members = g_ptr_array_new_with_free_func ((GDestroyNotify) member_free);
  record->chats = g_ptr_array_new_with_free_func ((GDestroyNotify) chat_free);
  record->teams = g_ptr_array_new_with_free_func (g_free);
  record->opinions = g_ptr_array_new_with_free_func (g_free);
  return record;
}

void
hz_consult_record_free (HzConsultRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->room);
  g_ptr_array_unref (record->members);
  g_ptr_array_unref (record->chats);
  g_ptr_array_unref (record->teams);
  g_ptr_array_unref (record->opinions);
  g_free (record);
}

void
hz_consult_record_add_member (HzConsultRecord *record,
                              const char      *user,
                              const char      *name,
                              const char      *team,
                              const char      *role,
                              const char      *site)
{
  HzConsultMember *member;

  g_return_if_fail (user != NULL);

  for (guint i = 0; i < record->members->len; i++)
    if (g_str_equal (((HzConsultMember *) g_ptr_array_index (record->members, i))->user, user))
      return;   /* attendance: once, however often they rejoined */

  member = g_new0 (HzConsultMember, 1);
  member->user = g_strdup (user);
  member->name = g_strdup (name != NULL ? name : user);
  member->team = g_strdup (team);
  member->role = g_strdup (role);
  member->site = g_strdup (site);
  g_ptr_array_add (record->members, member);
}

void
hz_consult_record_add_chat (HzConsultRecord *record,
                            const char      *user,
                            const char      *name,
                            const char      *text,
                            gint64           sent_us)
{
  HzConsultChat *chat = g_new0 (HzConsultChat, 1);

  chat->user = g_strdup (user);
  chat->name = g_strdup (name != NULL ? name : user);
  chat->text = g_strdup (text);
  chat->sent_us = sent_us;
  g_ptr_array_add (record->chats, chat);
}

void
hz_consult_record_set_opinion (HzConsultRecord *record,
                               const char      *team,
                               const char      *text)
{
  g_return_if_fail (team != NULL);

  for (guint i = 0; i < record->teams->len; i++)
    if (g_str_equal (g_ptr_array_index (record->teams, i), team))
      {
        g_free (record->opinions->pdata[i]);
        record->opinions->pdata[i] = g_strdup (text);
        return;
      }
  g_ptr_array_add (record->teams, g_strdup (team));
  g_ptr_array_add (record->opinions, g_strdup (text));
}

static char *
format_us (gint64 us)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (us / G_USEC_PER_SEC);

  return hz_fhir_format_instant (when);
}

static const char *
team_display_zh (const char *team)
{
  HzTeam code;

  /* the record is Chinese whatever the UI's language */
  return hz_team_get_chinese_name (team != NULL && hz_team_from_string (team, &code) ? code : HZ_TEAM_OTHER);
}

static JsonObject *
narrative (const char *text)
{
  JsonObject *object = json_object_new ();
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);
  g_autofree char *div = g_strdup_printf ("<div xmlns=\"http://www.w3.org/1999/xhtml\">%s</div>", escaped);

  json_object_set_string_member (object, "status", "generated");
  json_object_set_string_member (object, "div", div);
  return object;
}

GPtrArray *
hz_consult_record_build (HzConsultRecord *record,
                         HzCase          *kase,
                         const HzActor   *author)
{
  GPtrArray *resources = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autofree char *encounter_id = g_uuid_string_random ();
  g_autofree char *encounter_ref = g_strdup_printf ("Encounter/%s", encounter_id);
  g_autofree char *start = format_us (record->started_us);
  g_autofree char *end = format_us (record->ended_us != 0 ? record->ended_us : g_get_real_time ());
  g_autofree char *author_display = hz_actor_dup_display (author);
  g_autofree char *composition_id = g_uuid_string_random ();
  HzResource *patient = hz_case_get_patient (kase);
  HzResource *episode = hz_case_get_episode (kase);
  JsonObject *encounter, *period, *identifier, *composition;
  JsonArray *array;

  encounter = json_object_new ();
  json_object_set_string_member (encounter, "resourceType", "Encounter");
  json_object_set_string_member (encounter, "id", encounter_id);
  json_object_set_string_member (encounter, "status", "finished");
  json_object_set_object_member (encounter, "class", hz_fhir_new_coding (SYSTEM_ACT_CODE, "VR", "virtual"));
  array = json_array_new ();
  json_array_add_object_element (array, hz_fhir_new_concept (NULL, NULL, REMOTE_CONSULT_TEXT));
  json_object_set_array_member (encounter, "type", array);
  if (record->room != NULL)
    {
      array = json_array_new ();
      identifier = json_object_new ();
      json_object_set_string_member (identifier, "system", HZ_CONSULT_ROOM_SYSTEM);
      json_object_set_string_member (identifier, "value", record->room);
      json_array_add_object_element (array, identifier);
      json_object_set_array_member (encounter, "identifier", array);
    }
  if (patient != NULL)
    json_object_set_object_member (encounter, "subject",
                                   hz_fhir_new_reference (hz_resource_get_reference (patient),
                                                          hz_case_get_patient_name (kase)));
  if (episode != NULL)
    {
      array = json_array_new ();
      json_array_add_object_element (array, hz_fhir_new_reference (hz_resource_get_reference (episode), NULL));
      json_object_set_array_member (encounter, "episodeOfCare", array);
    }
  array = json_array_new ();
  for (guint i = 0; i < record->members->len; i++)
    {
      HzConsultMember *member = g_ptr_array_index (record->members, i);
      JsonObject *participant = json_object_new ();
      JsonArray *types = json_array_new ();
      g_autofree char *display = member->site != NULL
                                 ? g_strdup_printf ("%s（%s）", member->name, member->site)
                                 : g_strdup (member->name);

      json_array_add_object_element (types, hz_fhir_new_concept (SYSTEM_CONSULT_ROLE,
                                                                 member->role != NULL ? member->role : "participant",
                                                                 member->role != NULL ? member->role : "participant"));
      json_object_set_array_member (participant, "type", types);
      json_object_set_object_member (participant, "individual", hz_fhir_new_reference (NULL, display));
      json_array_add_object_element (array, participant);
    }
  json_object_set_array_member (encounter, "participant", array);
  period = json_object_new ();
  json_object_set_string_member (period, "start", start);
  json_object_set_string_member (period, "end", end);
  json_object_set_object_member (encounter, "period", period);
  g_ptr_array_add (resources, encounter);

  for (guint i = 0; i < record->chats->len; i++)
    {
      HzConsultChat *chat = g_ptr_array_index (record->chats, i);
      g_autofree char *id = g_uuid_string_random ();
      g_autofree char *sent = format_us (chat->sent_us);
      JsonObject *communication = json_object_new ();
      JsonObject *payload = json_object_new ();

      json_object_set_string_member (communication, "resourceType", "Communication");
      json_object_set_string_member (communication, "id", id);
      json_object_set_string_member (communication, "status", "completed");
      array = json_array_new ();
      json_array_add_object_element (array, hz_fhir_new_concept (NULL, NULL, REMOTE_CONSULT_TEXT));
      json_object_set_array_member (communication, "category", array);
      if (patient != NULL)
        json_object_set_object_member (communication, "subject",
                                       hz_fhir_new_reference (hz_resource_get_reference (patient), NULL));
      json_object_set_object_member (communication, "encounter", hz_fhir_new_reference (encounter_ref, NULL));
      json_object_set_string_member (communication, "sent", sent);
      json_object_set_object_member (communication, "sender", hz_fhir_new_reference (NULL, chat->name));
      array = json_array_new ();
      json_object_set_string_member (payload, "contentString", chat->text);
      json_array_add_object_element (array, payload);
      json_object_set_array_member (communication, "payload", array);
      g_ptr_array_add (resources, communication);
    }

  composition = json_object_new ();
  json_object_set_string_member (composition, "resourceType", "Composition");
  json_object_set_string_member (composition, "id", composition_id);
  json_object_set_string_member (composition, "status", "preliminary");
  json_object_set_object_member (composition, "type",
                                 hz_fhir_new_concept (HZ_SYSTEM_LOINC, LOINC_CONSULT_NOTE, OPINION_TITLE));
  if (patient != NULL)
    json_object_set_object_member (composition, "subject",
                                   hz_fhir_new_reference (hz_resource_get_reference (patient),
                                                          hz_case_get_patient_name (kase)));
  json_object_set_object_member (composition, "encounter", hz_fhir_new_reference (encounter_ref, NULL));
  json_object_set_string_member (composition, "date", end);
  array = json_array_new ();
  json_array_add_object_element (array, hz_fhir_new_reference (NULL, author_display != NULL
                                                                     ? author_display : REMOTE_CONSULT_TEXT));
  json_object_set_array_member (composition, "author", array);
  json_object_set_string_member (composition, "title", OPINION_TITLE);
  array = json_array_new ();
  for (guint i = 0; i < record->teams->len; i++)
    {
      const char *team = g_ptr_array_index (record->teams, i);
      JsonObject *section = json_object_new ();

      json_object_set_string_member (section, "title", team_display_zh (team));
      json_object_set_object_member (section, "code",
                                     hz_fhir_new_concept (HZ_SYSTEM_TEAM, team, team_display_zh (team)));
      json_object_set_object_member (section, "text", narrative (g_ptr_array_index (record->opinions, i)));
      json_array_add_object_element (array, section);
    }
  json_object_set_array_member (composition, "section", array);
  g_ptr_array_add (resources, composition);

  return resources;
}
