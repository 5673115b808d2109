/* hz-meeting.c — the MDT meeting as FHIR (docs/data-model.md, "MDT meetings")
 *
 * The store keeps every resource in a case, and a reference may not leave
 * its case: so a meeting is a case of its own (an EpisodeOfCare typed
 * mdt-meeting, without a patient) holding the meeting's Appointment, its
 * CareTeam (attendance) and one Task per agenda item, whose focus names the
 * patient's case by identifier. What the meeting leaves on a patient's case
 * is in that case: the 会诊意见书 (Composition), the decision (CarePlan) and
 * its actions (Tasks), and the signatures (Provenance), each carrying the
 * meeting's identifier.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-meeting"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "huizhen.h"
#include "hz-store-private.h"

G_DEFINE_QUARK (hz-meeting-error-quark, hz_meeting_error)

#define CODE_MEETING  HZ_CASE_KIND_MEETING
#define CODE_AGENDA   "agenda-item"
#define CODE_OPINION  "mdt-opinion"
#define CODE_DECISION "decision"
#define SYSTEM_CASE   "https://huizhen.github.io/fhir/sid/case"

static const char * const attendance_codes[] = { "present", "remote", "absent" };

const char *
hz_attendance_to_string (HzAttendance attendance)
{
  g_return_val_if_fail (attendance <= HZ_ATTENDANCE_ABSENT, NULL);
  return attendance_codes[attendance];
}

gboolean
hz_attendance_from_string (const char   *str,
                           HzAttendance *attendance)
{
  for (guint i = 0; i < G_N_ELEMENTS (attendance_codes); i++)
    if (g_strcmp0 (str, attendance_codes[i]) == 0)
      {
        *attendance = i;
        return TRUE;
      }
  return FALSE;
}

const char *
hz_attendance_get_display_name (HzAttendance attendance)
{
  switch (attendance)
    {
    case HZ_ATTENDANCE_PRESENT: return C_("attendance", "Present");
    case HZ_ATTENDANCE_REMOTE: return C_("attendance", "Remote");
    case HZ_ATTENDANCE_ABSENT: return C_("attendance", "Absent");
    default: g_return_val_if_reached (NULL);
    }
}

gboolean
hz_meeting_action_parse (const char       *spec,
                         HzMeetingAction  *action,
                         char           ***out_storage,
                         GError          **error)
{
  g_auto(GStrv) parts = g_strsplit (spec, "|", -1);
  GDate date;

  if (g_strv_length (parts) != 3 || *g_strstrip (parts[0]) == '\0' || *g_strstrip (parts[1]) == '\0')
    {
      g_set_error (error, HZ_MEETING_ERROR, HZ_MEETING_ERROR_INVALID,
                   _("Action “%s” is not “what|owner|due date”"), spec);
      return FALSE;
    }
  g_strstrip (parts[2]);
  if (!hz_fhir_parse_date (parts[2], &date) || strlen (parts[2]) != 10)
    {
      g_set_error (error, HZ_MEETING_ERROR, HZ_MEETING_ERROR_INVALID,
                   _("The due date “%s” of action “%s” is not a date (YYYY-MM-DD)"), parts[2], parts[0]);
      return FALSE;
    }
  action->text = parts[0];
  action->owner = parts[1];
  action->due = parts[2];
  *out_storage = g_steal_pointer (&parts);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Helpers */

static char *
now_string (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S%:z");
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

static void
add_to_array (JsonObject *object,
              const char *member,
              JsonObject *element)
{
  if (!json_object_has_member (object, member))
    json_object_set_array_member (object, member, json_array_new ());
  json_array_add_object_element (json_object_get_array_member (object, member), element);
}

static JsonObject *
meeting_identifier (const char *meeting_id)
{
  JsonObject *identifier = json_object_new ();

  json_object_set_string_member (identifier, "system", HZ_SYSTEM_MEETING);
  json_object_set_string_member (identifier, "value", meeting_id);
  return identifier;
}

static gboolean
has_meeting_identifier (const HzJv *resource,
                        const char *meeting_id)
{
  HzJv *identifier = hz_jv_get (resource, "identifier");

  /* Composition.identifier is one Identifier, the others' a list */
  if (identifier != NULL && hz_jv_get_value_type (identifier) == HZ_JV_OBJECT)
    return g_strcmp0 (hz_jv_get_string (identifier, "system"), HZ_SYSTEM_MEETING) == 0 &&
           g_strcmp0 (hz_jv_get_string (identifier, "value"), meeting_id) == 0;
  return g_strcmp0 (hz_fhir_jv_get_identifier (resource, HZ_SYSTEM_MEETING), meeting_id) == 0;
}

static HzResource *
get_meeting (HzStore     *store,
             const char  *meeting_id,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  HzResource *appointment = hz_store_get (store, "Appointment", meeting_id, &local_error);

  if (appointment == NULL ||
      g_strcmp0 (hz_fhir_jv_get_concept_code (hz_resource_get_value (appointment), "serviceCategory",
                                              HZ_SYSTEM_MEETING_CODE), CODE_MEETING) != 0)
    {
      g_clear_object (&appointment);
      g_set_error (error, HZ_MEETING_ERROR, HZ_MEETING_ERROR_NOT_FOUND,
                   _("There is no MDT meeting “%s”"), meeting_id);
    }
  return appointment;
}

static int
compare_agenda (gconstpointer a,
                gconstpointer b)
{
  const HzJv *x = hz_resource_get_value (*(HzResource **) a);
  const HzJv *y = hz_resource_get_value (*(HzResource **) b);
  double ox = 0, oy = 0;

  hz_jv_get_double (hz_jv_get (hz_jv_get_object_element (x, "input", 0), "valueInteger"), &ox);
  hz_jv_get_double (hz_jv_get (hz_jv_get_object_element (y, "input", 0), "valueInteger"), &oy);
  return ox < oy ? -1 : ox > oy;
}

/* The agenda's Tasks in order. (element-type HzResource) */
static GPtrArray *
read_agenda (HzStore     *store,
             const char  *meeting_id,
             GError     **error)
{
  static const char * const types[] = { "Task", NULL };
  g_autoptr(GPtrArray) tasks = hz_store_read_case_types (store, meeting_id, types, error);
  GPtrArray *agenda;

  if (tasks == NULL)
    return NULL;
  agenda = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < tasks->len; i++)
    {
      HzResource *task = g_ptr_array_index (tasks, i);

      if (g_strcmp0 (hz_fhir_jv_get_concept_code (hz_resource_get_value (task), "code", HZ_SYSTEM_MEETING_CODE),
                     CODE_AGENDA) == 0)
        g_ptr_array_add (agenda, g_object_ref (task));
    }
  g_ptr_array_sort (agenda, compare_agenda);
  return agenda;
}

static HzResource *
find_agenda_item (HzStore     *store,
                  const char  *meeting_id,
                  const char  *case_id,
                  GError     **error)
{
  g_autoptr(GPtrArray) agenda = read_agenda (store, meeting_id, error);

  if (agenda == NULL)
    return NULL;
  for (guint i = 0; i < agenda->len; i++)
    {
      HzResource *task = g_ptr_array_index (agenda, i);

      if (g_strcmp0 (hz_jv_get_path_string (hz_resource_get_value (task), "focus.identifier.value"), case_id) == 0)
        return g_object_ref (task);
    }
  g_set_error (error, HZ_MEETING_ERROR, HZ_MEETING_ERROR_NOT_FOUND,
               _("Case “%s” is not on the agenda of MDT meeting “%s”"), case_id, meeting_id);
  return NULL;
}

/* The resource of @type of case @case_id that carries the meeting's identifier, or NULL */
static HzResource *
find_in_case (HzStore     *store,
              const char  *case_id,
              const char  *type,
              const char  *meeting_id,
              GError     **error)
{
  const char *types[] = { type, NULL };
  g_autoptr(GPtrArray) resources = hz_store_read_case_types (store, case_id, types, error);

  for (guint i = 0; resources != NULL && i < resources->len; i++)
    if (has_meeting_identifier (hz_resource_get_value (g_ptr_array_index (resources, i)), meeting_id))
      return g_object_ref (g_ptr_array_index (resources, i));
  return NULL;
}

/* ------------------------------------------------------------------ */
/* The meeting */

char *
hz_meeting_create (HzStore     *store,
                   const char  *title,
                   const char  *start,
                   const char  *place,
                   GError     **error)
{
  g_autoptr(GPtrArray) resources = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *coordinator = NULL;
  g_autofree char *careteam_ref = NULL;
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *start_text = NULL;
  const HzActor *actor;
  JsonObject *episode, *appointment, *careteam, *participant;

  g_return_val_if_fail (HZ_IS_STORE (store), NULL);

  if ((actor = require_actor (store, error)) == NULL)
    return NULL;
  if (title == NULL || *title == '\0')
    {
      g_set_error_literal (error, HZ_MEETING_ERROR, HZ_MEETING_ERROR_INVALID, _("An MDT meeting needs a title"));
      return NULL;
    }
  /* a time without a zone is local time */
  if (start != NULL && strlen (start) >= 16 && start[10] == 'T')
    {
      g_autofree char *full = strlen (start) == 16 ? g_strconcat (start, ":00", NULL) : g_strdup (start);

      when = g_date_time_new_from_iso8601 (full, local);
    }
  if (when == NULL)
    {
      g_set_error (error, HZ_MEETING_ERROR, HZ_MEETING_ERROR_INVALID,
                   _("The start “%s” is not a date and time (YYYY-MM-DDTHH:MM)"), start ? start : "");
      return NULL;
    }
  coordinator = hz_actor_dup_display (actor);
  start_text = g_date_time_format (when, "%Y-%m-%dT%H:%M:%S%:z");

  episode = json_object_new ();
  json_object_set_string_member (episode, "resourceType", "EpisodeOfCare");
  json_object_set_string_member (episode, "id", id);
  json_object_set_string_member (episode, "status", "active");
  add_to_array (episode, "type", hz_fhir_new_concept (HZ_SYSTEM_MEETING_CODE, CODE_MEETING, _("MDT meeting")));
  hz_fhir_set_team_tag (episode, actor->team);
  g_ptr_array_add (resources, episode);

  careteam = json_object_new ();
  json_object_set_string_member (careteam, "resourceType", "CareTeam");
  json_object_set_string_member (careteam, "id", id);
  json_object_set_string_member (careteam, "status", "active");
  json_object_set_string_member (careteam, "name", title);
  hz_fhir_set_team_tag (careteam, actor->team);
  g_ptr_array_add (resources, careteam);

  appointment = json_object_new ();
  json_object_set_string_member (appointment, "resourceType", "Appointment");
  json_object_set_string_member (appointment, "id", id);
  add_to_array (appointment, "identifier", meeting_identifier (id));
  json_object_set_string_member (appointment, "status", "booked");
  add_to_array (appointment, "serviceCategory",
                hz_fhir_new_concept (HZ_SYSTEM_MEETING_CODE, CODE_MEETING, _("MDT meeting")));
  json_object_set_string_member (appointment, "description", title);
  json_object_set_string_member (appointment, "start", start_text);
  careteam_ref = g_strdup_printf ("CareTeam/%s", id);
  add_to_array (appointment, "supportingInformation", hz_fhir_new_reference (careteam_ref, NULL));
  /* the coordinator, and where: a place, or a remote session */
  participant = json_object_new ();
  add_to_array (participant, "type",
                hz_fhir_new_concept ("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "PPRF",
                                     _("Coordinator")));
  json_object_set_object_member (participant, "actor", hz_fhir_new_reference (NULL, coordinator));
  json_object_set_string_member (participant, "status", "accepted");
  add_to_array (appointment, "participant", participant);
  participant = json_object_new ();
  add_to_array (participant, "type",
                hz_fhir_new_concept ("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "LOC",
                                     _("Place")));
  json_object_set_object_member (participant, "actor",
                                 hz_fhir_new_reference (NULL, place != NULL && *place ? place : _("Remote session")));
  json_object_set_string_member (participant, "status", "accepted");
  add_to_array (appointment, "participant", participant);
  hz_fhir_set_team_tag (appointment, actor->team);
  g_ptr_array_add (resources, appointment);

  if (!hz_store_put_all (store, id, resources, error))
    return NULL;
  return g_steal_pointer (&id);
}

gboolean
hz_meeting_add_case (HzStore     *store,
                     const char  *meeting_id,
                     const char  *case_id,
                     const char  *question,
                     const char  *reason,
                     const char  *presenter,
                     GError     **error)
{
  g_autoptr(HzResource) meeting = NULL;
  g_autoptr(HzResource) episode = NULL;
  g_autoptr(HzResource) patient = NULL;
  g_autoptr(GPtrArray) agenda = NULL;
  g_autoptr(JsonObject) task = json_object_new ();
  g_autofree char *task_id = g_uuid_string_random ();
  g_autofree char *basis = g_strdup_printf ("Appointment/%s", meeting_id);
  g_autofree char *who = NULL;
  g_autofree char *name = NULL;
  g_autofree char *now = now_string ();
  const HzActor *actor;
  const char *patient_ref;
  JsonObject *focus, *identifier, *input;

  if ((actor = require_actor (store, error)) == NULL ||
      (meeting = get_meeting (store, meeting_id, error)) == NULL)
    return FALSE;
  if (question == NULL || *question == '\0')
    {
      g_set_error_literal (error, HZ_MEETING_ERROR, HZ_MEETING_ERROR_INVALID,
                           _("A case on the agenda needs the question for the MDT"));
      return FALSE;
    }
  episode = hz_store_get (store, "EpisodeOfCare", case_id, NULL);
  patient_ref = hz_jv_get_path_string (episode ? hz_resource_get_value (episode) : NULL, "patient.reference");
  if (episode == NULL || patient_ref == NULL)
    {
      g_set_error (error, HZ_MEETING_ERROR, HZ_MEETING_ERROR_NOT_FOUND, _("There is no case “%s”"), case_id);
      return FALSE;
    }
  agenda = read_agenda (store, meeting_id, error);
  if (agenda == NULL)
    return FALSE;
  for (guint i = 0; i < agenda->len; i++)
    if (g_strcmp0 (hz_jv_get_path_string (hz_resource_get_value (g_ptr_array_index (agenda, i)),
                                          "focus.identifier.value"), case_id) == 0)
      {
        g_set_error (error, HZ_MEETING_ERROR, HZ_MEETING_ERROR_INVALID,
                     _("Case “%s” is on the agenda already"), case_id);
        return FALSE;
      }
  if (g_str_has_prefix (patient_ref, "Patient/"))
    patient = hz_store_get (store, "Patient", patient_ref + strlen ("Patient/"), NULL);
  name = patient ? hz_fhir_jv_dup_human_name (hz_resource_get_value (patient)) : NULL;
  who = presenter != NULL ? g_strdup (presenter) : hz_actor_dup_display (actor);

  json_object_set_string_member (task, "resourceType", "Task");
  json_object_set_string_member (task, "id", task_id);
  add_to_array (task, "identifier", meeting_identifier (meeting_id));
  json_object_set_string_member (task, "status", "accepted");
  json_object_set_string_member (task, "intent", "plan");
  json_object_set_object_member (task, "code",
                                 hz_fhir_new_concept (HZ_SYSTEM_MEETING_CODE, CODE_AGENDA, _("Agenda item")));
  add_to_array (task, "basedOn", hz_fhir_new_reference (basis, NULL));
  /* the patient's case is in another case of the store: by identifier */
  focus = hz_fhir_new_reference (NULL, name);
  identifier = json_object_new ();
  json_object_set_string_member (identifier, "system", SYSTEM_CASE);
  json_object_set_string_member (identifier, "value", case_id);
  json_object_set_object_member (focus, "identifier", identifier);
  json_object_set_string_member (focus, "type", "EpisodeOfCare");
  json_object_set_object_member (task, "focus", focus);
  json_object_set_string_member (task, "description", question);
  if (reason != NULL && *reason != '\0')
    json_object_set_object_member (task, "reasonCode", hz_fhir_new_concept (NULL, NULL, reason));
  json_object_set_object_member (task, "owner", hz_fhir_new_reference (NULL, who));
  json_object_set_string_member (task, "authoredOn", now);
  input = json_object_new ();
  json_object_set_object_member (input, "type", hz_fhir_new_concept (HZ_SYSTEM_MEETING_CODE, "order", NULL));
  json_object_set_int_member (input, "valueInteger", agenda->len + 1);
  add_to_array (task, "input", input);
  hz_fhir_set_team_tag (task, actor->team);

  return hz_store_put (store, meeting_id, task, error);
}

gboolean
hz_meeting_attend (HzStore      *store,
                   const char   *meeting_id,
                   const char   *team,
                   HzAttendance  attendance,
                   const char   *name,
                   GError      **error)
{
  g_autoptr(HzResource) meeting = NULL;
  g_autoptr(HzResource) careteam = NULL;
  g_autoptr(JsonObject) object = NULL;
  JsonArray *participants;
  JsonObject *participant = NULL, *extension;
  HzTeam code;

  if (require_actor (store, error) == NULL || (meeting = get_meeting (store, meeting_id, error)) == NULL)
    return FALSE;
  if (!hz_team_from_string (team, &code))
    {
      g_set_error (error, HZ_MEETING_ERROR, HZ_MEETING_ERROR_INVALID,
                   _("“%s” is not a team: use obstetrics, reproductive, psychology, nutrition or other"), team);
      return FALSE;
    }
  careteam = hz_store_get (store, "CareTeam", meeting_id, error);
  if (careteam == NULL)
    return FALSE;
  object = hz_resource_dup_json (careteam);
  if (!json_object_has_member (object, "participant"))
    json_object_set_array_member (object, "participant", json_array_new ());
  participants = json_object_get_array_member (object, "participant");
  for (guint i = 0; i < json_array_get_length (participants); i++)
    {
      JsonObject *p = json_array_get_object_element (participants, i);
      JsonArray *roles = json_object_get_array_member (p, "role");
      JsonObject *role = roles ? json_array_get_object_element (roles, 0) : NULL;
      JsonArray *codings = role ? json_object_get_array_member (role, "coding") : NULL;
      JsonObject *coding = codings ? json_array_get_object_element (codings, 0) : NULL;

      if (coding != NULL && g_strcmp0 (json_object_get_string_member_with_default (coding, "code", NULL), team) == 0)
        participant = p;
    }
  if (participant == NULL)
    {
      participant = json_object_new ();
      add_to_array (participant, "role", hz_fhir_new_concept (HZ_SYSTEM_TEAM, team, hz_team_get_display_name (code)));
      json_array_add_object_element (participants, participant);
    }
  json_object_remove_member (participant, "member");
  json_object_remove_member (participant, "extension");
  if (name != NULL && *name != '\0' && attendance != HZ_ATTENDANCE_ABSENT)
    json_object_set_object_member (participant, "member", hz_fhir_new_reference (NULL, name));
  extension = json_object_new ();
  json_object_set_string_member (extension, "url", HZ_MEETING_EXT_ATTENDANCE);
  json_object_set_string_member (extension, "valueCode", hz_attendance_to_string (attendance));
  add_to_array (participant, "extension", extension);
  if (name != NULL && *name != '\0' && attendance == HZ_ATTENDANCE_ABSENT)
    {
      extension = json_object_new ();
      json_object_set_string_member (extension, "url", HZ_MEETING_EXT_DEPUTY);
      json_object_set_string_member (extension, "valueString", name);
      add_to_array (participant, "extension", extension);
    }
  return hz_store_put (store, meeting_id, object, error);
}

gboolean
hz_meeting_has_quorum (HzStore     *store,
                       const char  *meeting_id,
                       GPtrArray  **out_missing,
                       GError     **error)
{
  g_autoptr(HzResource) careteam = hz_store_get (store, "CareTeam", meeting_id, error);
  g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);

  if (careteam == NULL)
    return FALSE;
  for (HzJv *p = hz_jv_get_first (hz_jv_get_array (hz_resource_get_value (careteam), "participant"));
       p != NULL; p = hz_jv_get_next (p))
    {
      const char *status = hz_jv_get_string (hz_fhir_jv_get_extension (p, HZ_MEETING_EXT_ATTENDANCE), "valueCode");
      const char *deputy = hz_jv_get_string (hz_fhir_jv_get_extension (p, HZ_MEETING_EXT_DEPUTY), "valueString");

      if (g_strcmp0 (status, "absent") == 0 && deputy == NULL)
        g_ptr_array_add (missing, g_strdup (hz_fhir_jv_get_concept_text (p, "role")));
    }
  if (out_missing != NULL)
    *out_missing = g_ptr_array_ref (missing);
  return missing->len == 0;
}

/* ------------------------------------------------------------------ */
/* The 会诊意见书 */

char *
hz_meeting_dup_canonical (const HzJv *composition)
{
  static const char * const members[] = { "identifier", "subject", "section" };
  g_autoptr(GString) out = g_string_new ("{");

  g_return_val_if_fail (composition != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      HzJv *member = hz_jv_get (composition, members[i]);
      g_autofree char *text = NULL;

      if (member == NULL)
        continue;
      text = hz_jv_to_string (member);
      g_string_append_printf (out, "%s\"%s\":%s", out->len > 1 ? "," : "", members[i], text);
    }
  g_string_append_c (out, '}');
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
composition_is_signed (HzStore     *store,
                       const char  *case_id,
                       HzResource  *composition,
                       char       **out_signer,
                       char       **out_when,
                       char       **out_hash,
                       GError     **error)
{
  g_autofree char *canonical = hz_meeting_dup_canonical (hz_resource_get_value (composition));
  g_autofree char *hash = hz_signature_compute_hash (canonical);
  g_autofree char *target = g_strdup_printf ("Composition/%s", hz_resource_get_id (composition));

  if (!hz_signature_find (store, case_id, target, hash, out_signer, out_when, error))
    return FALSE;
  if (out_hash != NULL)
    *out_hash = g_steal_pointer (&hash);
  return TRUE;
}

gboolean
hz_meeting_is_signed (HzStore     *store,
                      const char  *meeting_id,
                      const char  *case_id,
                      char       **out_signer,
                      char       **out_when,
                      char       **out_hash,
                      GError     **error)
{
  g_autoptr(HzResource) composition = find_in_case (store, case_id, "Composition", meeting_id, error);

  return composition != NULL &&
         composition_is_signed (store, case_id, composition, out_signer, out_when, out_hash, error);
}

/* The case's 会诊意见书 to write: the stored one (refused when signed,
 * unless @amend), or a new one. (transfer full) */
static JsonObject *
opinion_for_write (HzStore     *store,
                   const char  *meeting_id,
                   const char  *case_id,
                   gboolean     amend,
                   GError     **error)
{
  g_autoptr(HzResource) item = NULL;
  g_autoptr(HzResource) composition = NULL;
  g_autoptr(HzResource) episode = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *now = now_string ();
  g_autofree char *id = NULL;
  const HzActor *actor;
  JsonObject *object;

  if ((actor = require_actor (store, error)) == NULL ||
      (item = find_agenda_item (store, meeting_id, case_id, error)) == NULL)
    return NULL;
  composition = find_in_case (store, case_id, "Composition", meeting_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (composition != NULL)
    {
      if (composition_is_signed (store, case_id, composition, NULL, NULL, NULL, &local_error) && !amend)
        {
          g_set_error (error, HZ_MEETING_ERROR, HZ_MEETING_ERROR_SIGNED,
                       _("The consultation opinion (会诊意见书) of case “%s” is signed and cannot be "
                         "changed; an amendment is a new version (--amend)"), case_id);
          return NULL;
        }
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      object = hz_resource_dup_json (composition);
      if (amend || g_strcmp0 (json_object_get_string_member_with_default (object, "status", ""), "final") == 0)
        json_object_set_string_member (object, "status", amend ? "amended" : "preliminary");
      json_object_set_string_member (object, "date", now);
      return object;
    }

  episode = hz_store_get (store, "EpisodeOfCare", case_id, error);
  if (episode == NULL)
    return NULL;
  id = g_uuid_string_random ();
  object = json_object_new ();
  json_object_set_string_member (object, "resourceType", "Composition");
  json_object_set_string_member (object, "id", id);
  json_object_set_object_member (object, "identifier", meeting_identifier (meeting_id));
  json_object_set_string_member (object, "status", "preliminary");
  json_object_set_object_member (object, "type",
                                 hz_fhir_new_concept (HZ_SYSTEM_MEETING_CODE, CODE_OPINION,
                                                      _("Consultation opinion (MDT)")));
  json_object_set_object_member (object, "subject",
                                 hz_fhir_new_reference (hz_jv_get_path_string (hz_resource_get_value (episode),
                                                                               "patient.reference"), NULL));
  json_object_set_string_member (object, "date", now);
  add_to_array (object, "author",
                hz_fhir_new_reference (NULL, hz_jv_get_path_string (hz_resource_get_value (item), "owner.display")));
  json_object_set_string_member (object, "title", _("Consultation opinion (MDT)"));
  hz_fhir_set_team_tag (object, actor->team);
  return object;
}

static void
set_narrative (JsonObject *section,
               const char *text)
{
  JsonObject *narrative = json_object_new ();
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  g_autofree char *div = g_strdup_printf ("<div xmlns=\"http://www.w3.org/1999/xhtml\">%s</div>", escaped);

  json_object_set_string_member (narrative, "status", "generated");
  json_object_set_string_member (narrative, "div", div);
  json_object_set_object_member (section, "text", narrative);
}

/* The section of @object coded @system|@code, made when absent */
static JsonObject *
ensure_section (JsonObject *object,
                const char *system,
                const char *code,
                const char *title)
{
  JsonArray *sections;
  JsonObject *section;

  if (!json_object_has_member (object, "section"))
    json_object_set_array_member (object, "section", json_array_new ());
  sections = json_object_get_array_member (object, "section");
  for (guint i = 0; i < json_array_get_length (sections); i++)
    {
      JsonObject *s = json_array_get_object_element (sections, i);
      JsonObject *c = json_object_get_object_member (s, "code");
      JsonArray *codings = c ? json_object_get_array_member (c, "coding") : NULL;
      JsonObject *coding = codings ? json_array_get_object_element (codings, 0) : NULL;

      if (coding != NULL && g_strcmp0 (json_object_get_string_member_with_default (coding, "code", NULL), code) == 0 &&
          g_strcmp0 (json_object_get_string_member_with_default (coding, "system", NULL), system) == 0)
        return s;
    }
  section = json_object_new ();
  json_object_set_string_member (section, "title", title);
  json_object_set_object_member (section, "code", hz_fhir_new_concept (system, code, title));
  json_array_add_object_element (sections, section);
  return section;
}

gboolean
hz_meeting_save_opinion (HzStore     *store,
                         const char  *meeting_id,
                         const char  *case_id,
                         const char  *team,
                         const char  *text,
                         gboolean     amend,
                         GError     **error)
{
  g_autoptr(JsonObject) object = NULL;
  g_autofree char *author = NULL;
  JsonObject *section;
  HzTeam code;

  if (!hz_team_from_string (team, &code))
    {
      g_set_error (error, HZ_MEETING_ERROR, HZ_MEETING_ERROR_INVALID,
                   _("“%s” is not a team: use obstetrics, reproductive, psychology, nutrition or other"), team);
      return FALSE;
    }
  if (text == NULL || *text == '\0')
    {
      g_set_error_literal (error, HZ_MEETING_ERROR, HZ_MEETING_ERROR_INVALID, _("The opinion is empty"));
      return FALSE;
    }
  object = opinion_for_write (store, meeting_id, case_id, amend, error);
  if (object == NULL)
    return FALSE;
  author = hz_actor_dup_display (hz_store_get_actor (store));
  section = ensure_section (object, HZ_SYSTEM_TEAM, team, hz_team_get_display_name (code));
  json_object_remove_member (section, "author");
  add_to_array (section, "author", hz_fhir_new_reference (NULL, author));
  set_narrative (section, text);
  return hz_store_put (store, case_id, object, error);
}

char *
hz_meeting_decide (HzStore               *store,
                   const char            *meeting_id,
                   const char            *case_id,
                   const char            *text,
                   const HzMeetingAction *actions,
                   guint                  n_actions,
                   GError               **error)
{
  g_autoptr(JsonObject) composition = NULL;
  g_autoptr(HzResource) stored_plan = NULL;
  g_autoptr(GPtrArray) resources = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *now = now_string ();
  g_autofree char *plan_id = NULL;
  g_autofree char *plan_ref = NULL;
  g_autofree char *episode_ref = g_strdup_printf ("EpisodeOfCare/%s", case_id);
  const HzActor *actor;
  const char *subject;
  JsonObject *plan, *section;

  if (text == NULL || *text == '\0')
    {
      g_set_error_literal (error, HZ_MEETING_ERROR, HZ_MEETING_ERROR_INVALID, _("The decision is empty"));
      return NULL;
    }
  composition = opinion_for_write (store, meeting_id, case_id, FALSE, error);
  if (composition == NULL)
    return NULL;
  actor = hz_store_get_actor (store);
  subject = json_object_get_string_member (json_object_get_object_member (composition, "subject"), "reference");

  stored_plan = find_in_case (store, case_id, "CarePlan", meeting_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (stored_plan != NULL)
    {
      plan = hz_resource_dup_json (stored_plan);
      /* the actions of the decision it replaces stay, cancelled */
      for (HzJv *a = hz_jv_get_first (hz_jv_get_array (hz_resource_get_value (stored_plan), "activity"));
           a != NULL; a = hz_jv_get_next (a))
        {
          g_autofree char *type = NULL;
          g_autofree char *id = NULL;
          g_autoptr(HzResource) task = NULL;
          JsonObject *object;

          if (!hz_fhir_split_reference (hz_jv_get_path_string (a, "reference.reference"), &type, &id) ||
              (task = hz_store_get (store, type, id, NULL)) == NULL)
            continue;
          object = hz_resource_dup_json (task);
          json_object_set_string_member (object, "status", "cancelled");
          g_ptr_array_add (resources, object);
        }
      json_object_remove_member (plan, "activity");
    }
  else
    {
      plan = json_object_new ();
      json_object_set_string_member (plan, "resourceType", "CarePlan");
      json_object_set_string_member (plan, "id", plan_id = g_uuid_string_random ());
      add_to_array (plan, "identifier", meeting_identifier (meeting_id));
      json_object_set_string_member (plan, "status", "active");
      json_object_set_string_member (plan, "intent", "plan");
      add_to_array (plan, "category", hz_fhir_new_concept (HZ_SYSTEM_MEETING_CODE, CODE_DECISION, _("MDT decision")));
      json_object_set_string_member (plan, "title", _("MDT decision"));
      json_object_set_object_member (plan, "subject", hz_fhir_new_reference (subject, NULL));
      json_object_set_string_member (plan, "created", now);
      hz_fhir_set_team_tag (plan, actor->team);
    }
  if (plan_id == NULL)
    plan_id = g_strdup (json_object_get_string_member (plan, "id"));
  plan_ref = g_strdup_printf ("CarePlan/%s", plan_id);
  json_object_set_string_member (plan, "description", text);
  json_object_set_array_member (plan, "activity", json_array_new ());

  for (guint i = 0; i < n_actions; i++)
    {
      JsonObject *task = json_object_new ();
      JsonObject *restriction = json_object_new ();
      JsonObject *period = json_object_new ();
      JsonObject *activity = json_object_new ();
      g_autofree char *task_id = g_uuid_string_random ();
      g_autofree char *task_ref = g_strdup_printf ("Task/%s", task_id);
      HzTeam team;

      json_object_set_string_member (task, "resourceType", "Task");
      json_object_set_string_member (task, "id", task_id);
      add_to_array (task, "identifier", meeting_identifier (meeting_id));
      json_object_set_string_member (task, "status", "requested");
      json_object_set_string_member (task, "intent", "order");
      add_to_array (task, "basedOn", hz_fhir_new_reference (plan_ref, NULL));
      json_object_set_object_member (task, "focus", hz_fhir_new_reference (episode_ref, NULL));
      json_object_set_object_member (task, "for", hz_fhir_new_reference (subject, NULL));
      json_object_set_string_member (task, "description", actions[i].text);
      json_object_set_string_member (task, "authoredOn", now);
      json_object_set_object_member (task, "owner",
                                     hz_fhir_new_reference (NULL, hz_team_from_string (actions[i].owner, &team)
                                                                  ? hz_team_get_display_name (team)
                                                                  : actions[i].owner));
      json_object_set_string_member (period, "end", actions[i].due);
      json_object_set_object_member (restriction, "period", period);
      json_object_set_object_member (task, "restriction", restriction);
      hz_fhir_set_team_tag (task, hz_team_from_string (actions[i].owner, &team) ? team : actor->team);
      json_object_set_object_member (activity, "reference", hz_fhir_new_reference (task_ref, NULL));
      add_to_array (plan, "activity", activity);
      g_ptr_array_add (resources, task);
    }
  g_ptr_array_insert (resources, 0, plan);

  section = ensure_section (composition, HZ_SYSTEM_MEETING_CODE, CODE_DECISION, _("Consensus decision"));
  set_narrative (section, text);
  json_object_remove_member (section, "entry");
  add_to_array (section, "entry", hz_fhir_new_reference (plan_ref, NULL));
  g_ptr_array_add (resources, g_steal_pointer (&composition));

  if (!hz_store_put_all (store, case_id, resources, error))
    return NULL;
  return g_steal_pointer (&plan_id);
}

char *
hz_meeting_sign (HzStore     *store,
                 const char  *meeting_id,
                 const char  *case_id,
                 GError     **error)
{
  g_autoptr(HzResource) item = NULL;
  g_autoptr(HzResource) composition = NULL;
  g_autoptr(GPtrArray) resources = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *target = NULL;
  g_autofree char *signer = NULL;
  g_autofree char *when = NULL;
  JsonObject *object, *provenance;
  const HzActor *actor;
  char *id;

  if ((actor = require_actor (store, error)) == NULL ||
      (item = find_agenda_item (store, meeting_id, case_id, error)) == NULL)
    return NULL;
  composition = find_in_case (store, case_id, "Composition", meeting_id, &local_error);
  if (composition == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, HZ_MEETING_ERROR, HZ_MEETING_ERROR_NOTHING,
                     _("Case “%s” has no opinion or decision to sign"), case_id);
      return NULL;
    }
  if (composition_is_signed (store, case_id, composition, &signer, &when, NULL, &local_error))
    {
      g_set_error (error, HZ_MEETING_ERROR, HZ_MEETING_ERROR_SIGNED,
                   _("The consultation opinion (会诊意见书) of case “%s” is signed already (%s, %s)"),
                   case_id, signer, when);
      return NULL;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  canonical = hz_meeting_dup_canonical (hz_resource_get_value (composition));
  target = g_strdup_printf ("Composition/%s", hz_resource_get_id (composition));
  object = hz_resource_dup_json (composition);
  if (g_strcmp0 (json_object_get_string_member_with_default (object, "status", ""), "amended") != 0)
    json_object_set_string_member (object, "status", "final");
  provenance = hz_signature_build_provenance (actor, target, canonical);
  g_ptr_array_add (resources, object);
  g_ptr_array_add (resources, provenance);
  if (!hz_store_put_all (store, case_id, resources, error))
    return NULL;
  id = g_strdup (json_object_get_string_member (provenance, "id"));
  return id;
}

/* ------------------------------------------------------------------ */
/* Reading it back: JSON and PDF */

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/* The text of a section's narrative, unescaped. (transfer full) */
static char *
dup_section_text (const HzJv *section)
{
  const char *div = hz_jv_get_path_string (section, "text.div");
  const char *open, *close;
  g_autofree char *inner = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  if (div == NULL || (open = strchr (div, '>')) == NULL || (close = g_strrstr (div, "</div>")) == NULL || close < open)
    return NULL;
  inner = g_strndup (open + 1, close - open - 1);
  for (const char *p = inner; *p != '\0'; p++)
    {
      static const struct { const char *entity; char c; } entities[] = {
        { "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' }, { "&quot;", '"' }, { "&#39;", '\'' },
      };
      gboolean done = FALSE;

      for (guint i = 0; *p == '&' && i < G_N_ELEMENTS (entities) && !done; i++)
        if (g_str_has_prefix (p, entities[i].entity))
          {
            g_string_append_c (out, entities[i].c);
            p += strlen (entities[i].entity) - 1;
            done = TRUE;
          }
      if (!done)
        g_string_append_c (out, *p);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
build_case (JsonBuilder *builder,
            HzStore     *store,
            const char  *meeting_id,
            const HzJv  *item)
{
  const char *case_id = hz_jv_get_path_string (item, "focus.identifier.value");
  g_autoptr(HzResource) composition = find_in_case (store, case_id, "Composition", meeting_id, NULL);
  g_autoptr(HzResource) plan = find_in_case (store, case_id, "CarePlan", meeting_id, NULL);
  g_autofree char *signer = NULL;
  g_autofree char *when = NULL;
  g_autofree char *hash = NULL;

  json_builder_begin_object (builder);
  add_string (builder, "case", case_id);
  add_string (builder, "patient", hz_jv_get_path_string (item, "focus.display"));
  add_string (builder, "question", hz_jv_get_string (item, "description"));
  add_string (builder, "reason", hz_fhir_jv_get_concept_text (item, "reasonCode"));
  add_string (builder, "presenter", hz_jv_get_path_string (item, "owner.display"));
  json_builder_set_member_name (builder, "opinions");
  json_builder_begin_array (builder);
  for (HzJv *s = composition ? hz_jv_get_first (hz_jv_get_array (hz_resource_get_value (composition), "section")) : NULL;
       s != NULL; s = hz_jv_get_next (s))
    {
      g_autofree char *text = dup_section_text (s);

      if (hz_fhir_jv_get_concept_code (s, "code", HZ_SYSTEM_TEAM) == NULL)
        continue;
      json_builder_begin_object (builder);
      add_string (builder, "team", hz_fhir_jv_get_concept_code (s, "code", HZ_SYSTEM_TEAM));
      add_string (builder, "title", hz_jv_get_string (s, "title"));
      add_string (builder, "author", hz_jv_get_path_string (hz_jv_get_object_element (s, "author", 0), "display"));
      add_string (builder, "text", text);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  add_string (builder, "status", composition ? hz_jv_get_string (hz_resource_get_value (composition), "status") : NULL);
  add_string (builder, "opinion-id", composition ? hz_resource_get_id (composition) : NULL);
  add_string (builder, "decision", plan ? hz_jv_get_string (hz_resource_get_value (plan), "description") : NULL);
  add_string (builder, "careplan-id", plan ? hz_resource_get_id (plan) : NULL);
  json_builder_set_member_name (builder, "actions");
  json_builder_begin_array (builder);
  for (HzJv *a = plan ? hz_jv_get_first (hz_jv_get_array (hz_resource_get_value (plan), "activity")) : NULL;
       a != NULL; a = hz_jv_get_next (a))
    {
      g_autofree char *type = NULL;
      g_autofree char *id = NULL;
      g_autoptr(HzResource) task = NULL;
      const HzJv *value;

      if (!hz_fhir_split_reference (hz_jv_get_path_string (a, "reference.reference"), &type, &id) ||
          (task = hz_store_get (store, type, id, NULL)) == NULL)
        continue;
      value = hz_resource_get_value (task);
      json_builder_begin_object (builder);
      add_string (builder, "id", id);
      add_string (builder, "text", hz_jv_get_string (value, "description"));
      add_string (builder, "owner", hz_jv_get_path_string (value, "owner.display"));
      add_string (builder, "due", hz_jv_get_path_string (value, "restriction.period.end"));
      add_string (builder, "status", hz_jv_get_string (value, "status"));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "signature");
  if (composition != NULL && composition_is_signed (store, case_id, composition, &signer, &when, &hash, NULL))
    {
      json_builder_begin_object (builder);
      add_string (builder, "signer", signer);
      add_string (builder, "when", when);
      add_string (builder, "sha256", hash);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
}

JsonNode *
hz_meeting_to_json (HzStore     *store,
                    const char  *meeting_id,
                    GError     **error)
{
  g_autoptr(HzResource) meeting = NULL;
  g_autoptr(HzResource) careteam = NULL;
  g_autoptr(GPtrArray) agenda = NULL;
  g_autoptr(GPtrArray) missing = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const HzJv *value;
  gboolean quorum;

  if ((meeting = get_meeting (store, meeting_id, error)) == NULL ||
      (careteam = hz_store_get (store, "CareTeam", meeting_id, error)) == NULL ||
      (agenda = read_agenda (store, meeting_id, error)) == NULL)
    return NULL;
  quorum = hz_meeting_has_quorum (store, meeting_id, &missing, NULL);
  value = hz_resource_get_value (meeting);

  json_builder_begin_object (builder);
  add_string (builder, "id", meeting_id);
  add_string (builder, "title", hz_jv_get_string (value, "description"));
  add_string (builder, "start", hz_jv_get_string (value, "start"));
  add_string (builder, "coordinator",
              hz_jv_get_path_string (hz_jv_get_object_element (value, "participant", 0), "actor.display"));
  add_string (builder, "place",
              hz_jv_get_path_string (hz_jv_get_object_element (value, "participant", 1), "actor.display"));
  json_builder_set_member_name (builder, "attendance");
  json_builder_begin_array (builder);
  for (HzJv *p = hz_jv_get_first (hz_jv_get_array (hz_resource_get_value (careteam), "participant"));
       p != NULL; p = hz_jv_get_next (p))
    {
      json_builder_begin_object (builder);
      add_string (builder, "team", hz_fhir_jv_get_concept_code (p, "role", HZ_SYSTEM_TEAM));
      add_string (builder, "status",
                  hz_jv_get_string (hz_fhir_jv_get_extension (p, HZ_MEETING_EXT_ATTENDANCE), "valueCode"));
      add_string (builder, "name", hz_jv_get_path_string (p, "member.display"));
      add_string (builder, "deputy",
                  hz_jv_get_string (hz_fhir_jv_get_extension (p, HZ_MEETING_EXT_DEPUTY), "valueString"));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "quorum");
  json_builder_add_boolean_value (builder, quorum);
  json_builder_set_member_name (builder, "agenda");
  json_builder_begin_array (builder);
  for (guint i = 0; i < agenda->len; i++)
    build_case (builder, store, meeting_id, hz_resource_get_value (g_ptr_array_index (agenda, i)));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
document_case (HzDocument *document,
               JsonObject *item)
{
  JsonArray *opinions = json_object_get_array_member (item, "opinions");
  JsonArray *actions = json_object_get_array_member (item, "actions");
  JsonNode *signature = json_object_get_member (item, "signature");
  g_autofree char *heading = g_strdup_printf (_("Case: %s"),
                                              json_object_get_string_member_with_default (item, "patient", ""));

  hz_document_add_heading (document, heading);
  hz_document_add_field (document, _("Question for the MDT"),
                         json_object_get_string_member_with_default (item, "question", ""));
  if (json_object_get_string_member_with_default (item, "reason", NULL) != NULL)
    hz_document_add_field (document, _("Reason for presentation"), json_object_get_string_member (item, "reason"));
  hz_document_add_field (document, _("Presenting clinician"),
                         json_object_get_string_member_with_default (item, "presenter", ""));
  hz_document_add_heading (document, _("Opinions"));
  for (guint i = 0; i < json_array_get_length (opinions); i++)
    {
      JsonObject *o = json_array_get_object_element (opinions, i);
      g_autofree char *label = g_strdup_printf ("%s（%s）", json_object_get_string_member_with_default (o, "title", ""),
                                                json_object_get_string_member_with_default (o, "author", ""));

      hz_document_add_field (document, label, json_object_get_string_member_with_default (o, "text", ""));
    }
  hz_document_add_heading (document, _("Consensus decision"));
  hz_document_add_paragraph (document, json_object_get_string_member_with_default (item, "decision", NULL)
                                       ? json_object_get_string_member (item, "decision") : _("No decision yet"));
  if (json_array_get_length (actions) > 0)
    hz_document_add_heading (document, _("Action items"));
  for (guint i = 0; i < json_array_get_length (actions); i++)
    {
      JsonObject *a = json_array_get_object_element (actions, i);
      g_autofree char *value = g_strdup_printf (_("Owner: %s; due date: %s"),
                                                json_object_get_string_member_with_default (a, "owner", ""),
                                                json_object_get_string_member_with_default (a, "due", ""));

      hz_document_add_field (document, json_object_get_string_member_with_default (a, "text", ""), value);
    }
  if (JSON_NODE_HOLDS_OBJECT (signature))
    {
      JsonObject *s = json_node_get_object (signature);
      g_autofree char *note = g_strdup_printf ("SHA-256 %s", json_object_get_string_member (s, "sha256"));

      hz_document_add_signature (document, _("Signature"), json_object_get_string_member (s, "signer"),
                                 json_object_get_string_member (s, "when"), note);
    }
  else
    hz_document_add_signature (document, _("Signature"), NULL, NULL, _("Not signed"));
}

gboolean
hz_meeting_write_pdf (HzStore     *store,
                      const char  *meeting_id,
                      const char  *case_id,
                      const char  *path,
                      GError     **error)
{
  g_autoptr(JsonNode) root = hz_meeting_to_json (store, meeting_id, error);
  g_autoptr(HzDocument) document = NULL;
  g_autofree char *subtitle = NULL;
  const HzActor *actor = hz_store_get_actor (store);
  JsonObject *meeting;
  JsonArray *attendance, *agenda;
  gboolean found = FALSE;

  if (root == NULL)
    return FALSE;
  meeting = json_node_get_object (root);
  document = hz_document_new (actor ? actor->hospital : NULL,
                              case_id != NULL ? _("Consultation opinion (MDT)") : _("MDT meeting minutes"));
  /* Translators: the page number at the foot of a page */
  hz_document_set_page_format (document, _("Page %u"));
  subtitle = g_strdup_printf ("%s · %s", json_object_get_string_member_with_default (meeting, "title", ""),
                              json_object_get_string_member_with_default (meeting, "start", ""));
  hz_document_set_subtitle (document, subtitle);
  hz_document_add_field (document, _("Place"), json_object_get_string_member_with_default (meeting, "place", ""));
  hz_document_add_field (document, _("Coordinator"),
                         json_object_get_string_member_with_default (meeting, "coordinator", ""));

  hz_document_add_heading (document, _("Attendance"));
  attendance = json_object_get_array_member (meeting, "attendance");
  for (guint i = 0; i < json_array_get_length (attendance); i++)
    {
      JsonObject *a = json_array_get_object_element (attendance, i);
      HzTeam team = HZ_TEAM_OTHER;
      HzAttendance status = HZ_ATTENDANCE_PRESENT;
      const char *name = json_object_get_string_member_with_default (a, "name", NULL);
      const char *deputy = json_object_get_string_member_with_default (a, "deputy", NULL);
      g_autofree char *value = NULL;

      hz_team_from_string (json_object_get_string_member_with_default (a, "team", ""), &team);
      hz_attendance_from_string (json_object_get_string_member_with_default (a, "status", ""), &status);
      if (deputy != NULL)
        value = g_strdup_printf (_("%s; deputy: %s"), hz_attendance_get_display_name (status), deputy);
      else if (name != NULL)
        value = g_strdup_printf ("%s（%s）", hz_attendance_get_display_name (status), name);
      else
        value = g_strdup (hz_attendance_get_display_name (status));
      hz_document_add_field (document, hz_team_get_display_name (team), value);
    }
  {
    g_autoptr(GPtrArray) missing = NULL;

    if (hz_meeting_has_quorum (store, meeting_id, &missing, NULL))
      hz_document_add_field (document, _("Quorum"), _("Reached"));
    else
      {
        g_autofree char *names = NULL;
        g_autofree char *value = NULL;

        g_ptr_array_add (missing, NULL);
        names = g_strjoinv ("、", (char **) missing->pdata);
        value = g_strdup_printf (_("Not reached: absent without a deputy: %s"), names);

        hz_document_add_field (document, _("Quorum"), value);
      }
  }

  agenda = json_object_get_array_member (meeting, "agenda");
  for (guint i = 0; i < json_array_get_length (agenda); i++)
    {
      JsonObject *item = json_array_get_object_element (agenda, i);

      if (case_id != NULL && g_strcmp0 (json_object_get_string_member (item, "case"), case_id) != 0)
        continue;
      document_case (document, item);
      found = TRUE;
    }
  if (case_id != NULL && !found)
    {
      g_set_error (error, HZ_MEETING_ERROR, HZ_MEETING_ERROR_NOT_FOUND,
                   _("Case “%s” is not on the agenda of MDT meeting “%s”"), case_id, meeting_id);
      return FALSE;
    }
  return hz_document_write_pdf (document, path, error);
}
