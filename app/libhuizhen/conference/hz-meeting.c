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
#include "hz-json-doc-private.h"
#include "hz-fhir-private.h"

G_DEFINE_QUARK (hz-meeting-error-quark, hz_meeting_error)

#define CODE_MEETING  HZ_CASE_KIND_MEETING
#define CODE_AGENDA   "agenda-item"
#define CODE_OPINION  "mdt-opinion"
#define CODE_DECISION "decision"
#define SYSTEM_CASE   "https://huizhen.github.io/fhir/sid/case"
#define SYSTEM_MEETING_PLACE "https://huizhen.github.io/fhir/sid/meeting-place"
#define PLACE_REMOTE  "remote"

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
  g_autoptr(HzResource) meeting = get_meeting (store, meeting_id, error);
  g_autoptr(GPtrArray) agenda = meeting != NULL ? read_agenda (store, meeting_id, error) : NULL;

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

/* Where the meeting is: its place, or a remote session (coded, and named
 * in the language it is read in; meetings booked before the code carry
 * the English words) */
static gboolean
meeting_is_remote (const HzJv *appointment)
{
  HzJv *actor = hz_jv_get_object (hz_jv_get_object_element (appointment, "participant", 1), "actor");

  return (g_strcmp0 (hz_jv_get_path_string (actor, "identifier.value"), PLACE_REMOTE) == 0 &&
          g_strcmp0 (hz_jv_get_path_string (actor, "identifier.system"), SYSTEM_MEETING_PLACE) == 0) ||
         g_strcmp0 (hz_jv_get_string (actor, "display"), "Remote session") == 0;
}

static const char *
meeting_place (const HzJv *appointment)
{
  const char *display = hz_jv_get_path_string (hz_jv_get_object_element (appointment, "participant", 1),
                                               "actor.display");

  if (meeting_is_remote (appointment))
    return _("Remote session");
  return display;
}

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
  if (place != NULL && *place != '\0')
    json_object_set_object_member (participant, "actor", hz_fhir_new_reference (NULL, place));
  else
    {
      /* a remote session as a code: it is named in the language it is read in */
      JsonObject *actor_ref = json_object_new ();
      JsonObject *identifier = json_object_new ();

      json_object_set_string_member (identifier, "system", SYSTEM_MEETING_PLACE);
      json_object_set_string_member (identifier, "value", PLACE_REMOTE);
      json_object_set_object_member (actor_ref, "identifier", identifier);
      json_object_set_object_member (participant, "actor", actor_ref);
    }
  json_object_set_string_member (participant, "status", "accepted");
  add_to_array (appointment, "participant", participant);
  hz_fhir_set_team_tag (appointment, actor->team);
  g_ptr_array_add (resources, appointment);

  if (!hz_store_put_all (store, id, resources, error))
    return NULL;
  return g_steal_pointer (&id);
}

/* ------------------------------------------------------------------ */
/* The teams a case needs */

#define N_TEAMS (HZ_TEAM_OTHER + 1)

/* Sets @task's performerType to @needed (the teams the case needs) */
static void
set_case_teams (JsonObject     *task,
                const gboolean  needed[N_TEAMS])
{
  json_object_remove_member (task, "performerType");
  for (HzTeam team = 0; team < N_TEAMS; team++)
    if (needed[team])
      add_to_array (task, "performerType",
                    hz_fhir_new_concept (HZ_SYSTEM_TEAM, hz_team_to_string (team), hz_team_get_display_name (team)));
}

/* The teams agenda item @item needs: its performerType; one booked before
 * they were named needs the four teams of the MDT */
static void
item_teams (const HzJv *item,
            gboolean    needed[N_TEAMS])
{
  HzJv *types = hz_jv_get_array (item, "performerType");
  gboolean any = FALSE;

  for (HzTeam team = 0; team < N_TEAMS; team++)
    needed[team] = FALSE;
  for (HzJv *type = hz_jv_get_first (types); type != NULL; type = hz_jv_get_next (type))
    for (HzJv *coding = hz_jv_get_first (hz_jv_get_array (type, "coding")); coding != NULL;
         coding = hz_jv_get_next (coding))
      {
        HzTeam team;

        if (g_strcmp0 (hz_jv_get_string (coding, "system"), HZ_SYSTEM_TEAM) == 0 &&
            hz_team_from_string (hz_jv_get_string (coding, "code"), &team))
          any = needed[team] = TRUE;
      }
  if (!any)
    for (HzTeam team = 0; team < HZ_TEAM_OTHER; team++)
      needed[team] = TRUE;
}

/* The teams that worked on case @case_id (the team tags of its
 * resources), obstetrics always: who a case needs unless the coordinator
 * says otherwise */
static void
case_default_teams (HzStore    *store,
                    const char *case_id,
                    gboolean    needed[N_TEAMS])
{
  g_autoptr(GPtrArray) resources = hz_store_read_case (store, case_id, NULL);

  for (HzTeam team = 0; team < N_TEAMS; team++)
    needed[team] = team == HZ_TEAM_OBSTETRICS;
  for (guint i = 0; resources != NULL && i < resources->len; i++)
    {
      HzTeam team;

      if (hz_team_from_string (hz_fhir_jv_get_team_tag (hz_resource_get_value (g_ptr_array_index (resources, i))),
                               &team))
        needed[team] = TRUE;
    }
}

/* Of the @needed teams, those absent without a deputy and those whose
 * attendance is not recorded (translated names, in team order) */
static void
collect_missing (const HzJv     *careteam,
                 const gboolean  needed[N_TEAMS],
                 GPtrArray      *absent,
                 GPtrArray      *unrecorded)
{
  for (HzTeam team = 0; team < N_TEAMS; team++)
    {
      const char *status = NULL;
      const char *deputy = NULL;

      if (!needed[team])
        continue;
      for (HzJv *p = hz_jv_get_first (hz_jv_get_array (careteam, "participant")); p != NULL; p = hz_jv_get_next (p))
        if (g_strcmp0 (hz_fhir_jv_get_concept_code (p, "role", HZ_SYSTEM_TEAM), hz_team_to_string (team)) == 0)
          {
            status = hz_jv_get_string (hz_fhir_jv_get_extension (p, HZ_MEETING_EXT_ATTENDANCE), "valueCode");
            deputy = hz_jv_get_string (hz_fhir_jv_get_extension (p, HZ_MEETING_EXT_DEPUTY), "valueString");
          }
      if (status == NULL)
        g_ptr_array_add (unrecorded, g_strdup (hz_team_get_display_name (team)));
      else if (g_str_equal (status, "absent") && deputy == NULL)
        g_ptr_array_add (absent, g_strdup (hz_team_get_display_name (team)));
    }
}

gboolean
hz_meeting_check_teams (const char * const  *teams,
                        GError             **error)
{
  g_return_val_if_fail (teams != NULL, FALSE);

  for (guint i = 0; teams[i] != NULL; i++)
    {
      HzTeam team;

      if (!hz_team_from_string (teams[i], &team))
        {
          g_set_error (error, HZ_MEETING_ERROR, HZ_MEETING_ERROR_INVALID,
                       _("“%s” is not a team: use obstetrics, reproductive, psychology, nutrition or other"), teams[i]);
          return FALSE;
        }
    }
  if (teams[0] == NULL)
    {
      g_set_error_literal (error, HZ_MEETING_ERROR, HZ_MEETING_ERROR_INVALID,
                           _("A case on the agenda needs at least one team"));
      return FALSE;
    }
  return TRUE;
}

gboolean
hz_meeting_set_case_teams (HzStore             *store,
                           const char          *meeting_id,
                           const char          *case_id,
                           const char * const  *teams,
                           GError             **error)
{
  g_autoptr(HzResource) item = NULL;
  g_autoptr(JsonObject) task = NULL;
  gboolean needed[N_TEAMS] = { FALSE };

  g_return_val_if_fail (HZ_IS_STORE (store), FALSE);

  if (!hz_meeting_check_teams (teams, error))
    return FALSE;
  for (guint i = 0; teams[i] != NULL; i++)
    {
      HzTeam team;

      if (hz_team_from_string (teams[i], &team))
        needed[team] = TRUE;
    }
  if (require_actor (store, error) == NULL ||
      (item = find_agenda_item (store, meeting_id, case_id, error)) == NULL)
    return FALSE;
  task = hz_resource_dup_json (item);
  set_case_teams (task, needed);
  return hz_store_put (store, meeting_id, task, error);
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
  {
    gboolean needed[N_TEAMS];

    case_default_teams (store, case_id, needed);
    set_case_teams (task, needed);
  }
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
                       GPtrArray  **out_absent,
                       GPtrArray  **out_unrecorded,
                       GError     **error)
{
  g_autoptr(HzResource) careteam = hz_store_get (store, "CareTeam", meeting_id, error);
  g_autoptr(GPtrArray) agenda = NULL;
  g_autoptr(GPtrArray) absent = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) unrecorded = g_ptr_array_new_with_free_func (g_free);
  gboolean needed[N_TEAMS] = { FALSE };

  if (careteam == NULL || (agenda = read_agenda (store, meeting_id, error)) == NULL)
    return FALSE;
  /* the teams any case on the agenda needs; with none yet, the MDT's four */
  for (guint i = 0; i < agenda->len; i++)
    {
      gboolean item_needs[N_TEAMS];

      item_teams (hz_resource_get_value (g_ptr_array_index (agenda, i)), item_needs);
      for (HzTeam team = 0; team < N_TEAMS; team++)
        needed[team] |= item_needs[team];
    }
  if (agenda->len == 0)
    for (HzTeam team = 0; team < HZ_TEAM_OTHER; team++)
      needed[team] = TRUE;
  collect_missing (hz_resource_get_value (careteam), needed, absent, unrecorded);
  if (out_absent != NULL)
    *out_absent = g_ptr_array_ref (absent);
  if (out_unrecorded != NULL)
    *out_unrecorded = g_ptr_array_ref (unrecorded);
  return absent->len == 0 && unrecorded->len == 0;
}

void
hz_meeting_info_free (HzMeetingInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->id);
  g_free (info->title);
  g_free (info->start);
  g_free (info->place);
  g_free (info->coordinator);
  g_free (info->status);
  g_free (info);
}

static int
compare_start (gconstpointer a,
               gconstpointer b)
{
  const HzMeetingInfo *x = *(HzMeetingInfo * const *) a;
  const HzMeetingInfo *y = *(HzMeetingInfo * const *) b;
  g_autoptr(GDateTime) tx = hz_fhir_parse_datetime (x->start);
  g_autoptr(GDateTime) ty = hz_fhir_parse_datetime (y->start);
  int c = tx != NULL && ty != NULL ? g_date_time_compare (tx, ty) : g_strcmp0 (x->start, y->start);

  return c != 0 ? c : g_strcmp0 (x->id, y->id);
}

GPtrArray *
hz_meeting_list (HzStore  *store,
                 GError  **error)
{
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GPtrArray) meetings = NULL;

  g_return_val_if_fail (HZ_IS_STORE (store), NULL);

  ids = hz_store_list_case_ids (store, HZ_CASE_KIND_MEETING, error);
  if (ids == NULL)
    return NULL;
  meetings = g_ptr_array_new_with_free_func ((GDestroyNotify) hz_meeting_info_free);
  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      g_autoptr(HzResource) appointment = NULL;
      g_autoptr(GPtrArray) agenda = NULL;
      g_autoptr(GError) local_error = NULL;
      HzMeetingInfo *info;
      const HzJv *value;

      /* a meeting case without its Appointment (being written) is left out */
      if ((appointment = get_meeting (store, id, &local_error)) == NULL)
        continue;
      if ((agenda = read_agenda (store, id, error)) == NULL)
        return NULL;
      value = hz_resource_get_value (appointment);
      info = g_new0 (HzMeetingInfo, 1);
      info->id = g_strdup (id);
      info->title = g_strdup (hz_jv_get_string (value, "description"));
      info->start = g_strdup (hz_jv_get_string (value, "start"));
      info->coordinator = g_strdup (hz_jv_get_path_string (hz_jv_get_object_element (value, "participant", 0),
                                                           "actor.display"));
      info->place = g_strdup (meeting_place (value));
      info->n_cases = agenda->len;
      info->status = g_strdup (hz_jv_get_string (value, "status"));
      g_ptr_array_add (meetings, info);
    }
  g_ptr_array_sort (meetings, compare_start);
  return g_steal_pointer (&meetings);
}

char *
hz_meeting_book_followup (HzStore     *store,
                          const char  *action_id,
                          const char  *meeting_id,
                          const char  *title,
                          const char  *start,
                          const char  *place,
                          GError     **error)
{
  g_autoptr(HzResource) task = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *type = NULL;
  g_autofree char *case_id = NULL;
  g_autofree char *id = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *due = NULL;
  const char *status;
  const HzJv *value;

  g_return_val_if_fail (HZ_IS_STORE (store), NULL);
  g_return_val_if_fail (action_id != NULL, NULL);

  task = hz_store_get (store, "Task", action_id, &local_error);
  value = task != NULL ? hz_resource_get_value (task) : NULL;
  if (value == NULL || hz_fhir_jv_get_identifier (value, HZ_SYSTEM_MEETING) == NULL ||
      !g_str_has_prefix (hz_jv_get_path_string (hz_jv_get_object_element (value, "basedOn", 0), "reference") ?: "",
                         "CarePlan/") ||
      !hz_fhir_split_reference (hz_jv_get_path_string (value, "focus.reference"), &type, &case_id))
    {
      g_set_error (error, HZ_MEETING_ERROR, HZ_MEETING_ERROR_INVALID,
                   _("“%s” is not an action of an MDT decision"), action_id);
      return NULL;
    }
  status = hz_jv_get_string (value, "status");
  if (g_strcmp0 (status, "completed") == 0 || g_strcmp0 (status, "cancelled") == 0 ||
      g_strcmp0 (status, "failed") == 0 || g_strcmp0 (status, "entered-in-error") == 0)
    {
      g_set_error (error, HZ_MEETING_ERROR, HZ_MEETING_ERROR_INVALID,
                   _("Action “%s” is finished (%s): a follow-up is booked for an unfinished one"),
                   hz_jv_get_string (value, "description"), status);
      return NULL;
    }

  if (meeting_id != NULL)
    {
      g_autoptr(HzResource) meeting = get_meeting (store, meeting_id, error);

      if (meeting == NULL)
        return NULL;
      id = g_strdup (meeting_id);
    }
  else if ((id = hz_meeting_create (store, title, start, place, error)) == NULL)
    return NULL;

  due = hz_fhir_format_date (hz_jv_get_path_string (value, "restriction.period.end"));
  reason = g_strdup_printf (_("Follow-up of an unfinished MDT action (owner: %s; due date: %s)"),
                            hz_jv_get_path_string (value, "owner.display") ?: "", due ?: "");
  if (!hz_meeting_add_case (store, id, case_id, hz_jv_get_string (value, "description"), reason, NULL, error))
    return NULL;
  return g_steal_pointer (&id);
}

gboolean
hz_meeting_add_case_from_request (HzStore     *store,
                                  const char  *meeting_id,
                                  const char  *request_id,
                                  GError     **error)
{
  g_autoptr(HzReferral) request = NULL;
  g_autoptr(HzResource) form = NULL;
  g_autoptr(HzFormAnswers) answers = NULL;
  g_autoptr(GError) local_error = NULL;
  const HzFormValue *question, *reason, *specialty;

  g_return_val_if_fail (HZ_IS_STORE (store), FALSE);
  g_return_val_if_fail (request_id != NULL, FALSE);

  request = hz_referral_get (store, request_id, NULL, &local_error);
  if (request == NULL || g_strcmp0 (request->kind, "consultation") != 0)
    {
      g_set_error (error, HZ_MEETING_ERROR, HZ_MEETING_ERROR_INVALID,
                   _("“%s” is not a consultation request (会诊申请)"), request_id);
      return FALSE;
    }
  if (request->status != HZ_REFERRAL_ACCEPTED && request->status != HZ_REFERRAL_IN_PROGRESS)
    {
      g_set_error (error, HZ_MEETING_ERROR, HZ_MEETING_ERROR_INVALID,
                   _("The consultation request “%s” is %s: only an accepted one goes on the agenda"),
                   request_id, hz_referral_status_get_display_name (request->status));
      return FALSE;
    }
  if (request->request_form_id != NULL &&
      (form = hz_store_get (store, "QuestionnaireResponse", request->request_form_id, error)) == NULL)
    return FALSE;
  answers = form != NULL ? hz_form_answers_new_from_response (hz_resource_get_value (form)) : hz_form_answers_new ();
  question = hz_form_answers_get (answers, "question");
  reason = hz_form_answers_get (answers, "reason");
  specialty = hz_form_answers_get (answers, "specialty");
  if (!hz_meeting_add_case (store, meeting_id, request->case_id,
                            question != NULL ? question->text : request->title,
                            reason != NULL ? reason->text : NULL, NULL, error))
    return FALSE;
  /* the teams the request asked for (the form names them as the
   * 会诊申请 prints them, e.g. 心理科、营养科; a department that is none of
   * the MDT's four, 内分泌科 say, is the other team), and obstetrics */
  if (specialty != NULL && specialty->text != NULL)
    {
      g_auto(GStrv) names = hz_consult_split_sites (specialty->text);
      g_autoptr(GStrvBuilder) teams = g_strv_builder_new ();
      gboolean needed[N_TEAMS] = { FALSE };
      g_auto(GStrv) codes = NULL;

      needed[HZ_TEAM_OBSTETRICS] = TRUE;
      for (guint i = 0; names[i] != NULL; i++)
        {
          HzTeam found = HZ_TEAM_OTHER;

          for (HzTeam team = 0; team < HZ_TEAM_OTHER; team++)
            if (g_str_equal (names[i], hz_team_get_chinese_name (team)))
              found = team;
          needed[found] = TRUE;
        }
      for (HzTeam team = 0; team < N_TEAMS; team++)
        if (needed[team])
          g_strv_builder_add (teams, hz_team_to_string (team));
      codes = g_strv_builder_end (teams);
      return hz_meeting_set_case_teams (store, meeting_id, request->case_id, (const char * const *) codes, error);
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* The 会诊意见书 */

char *
hz_meeting_dup_canonical (const HzJv *composition)
{
  static const char * const members[] = { "identifier", "status", "subject", "section", "extension", NULL };

  g_return_val_if_fail (composition != NULL, NULL);

  return hz_signature_dup_canonical (composition, members);
}

/* The canonical content of a Composition not stored yet. (transfer full) */
static char *
dup_canonical_of_object (JsonObject *object)
{
  char *text = hz_json_object_to_string (object);
  g_autoptr(HzJsonDoc) doc = hz_json_doc_parse (text, strlen (text), NULL);

  g_return_val_if_fail (doc != NULL, NULL);
  return hz_meeting_dup_canonical (hz_json_doc_get_root (doc));
}

static char *
composition_target (HzResource *composition)
{
  return g_strdup_printf ("Composition/%s", hz_resource_get_id (composition));
}

/* Every signature of @composition, matches against its content now */
static GPtrArray *
list_signatures (HzStore     *store,
                 const char  *case_id,
                 HzResource  *composition,
                 GError     **error)
{
  g_autofree char *canonical = hz_meeting_dup_canonical (hz_resource_get_value (composition));
  g_autofree char *hash = hz_signature_compute_hash (canonical);
  g_autofree char *target = composition_target (composition);

  return hz_signature_list (store, case_id, target, hash, error);
}

/* TRUE when a signature matches @composition as it is; the first one's
 * signer, time and hash */
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
  g_autofree char *target = composition_target (composition);

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

GPtrArray *
hz_meeting_list_signatures (HzStore     *store,
                            const char  *meeting_id,
                            const char  *case_id,
                            GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(HzResource) composition = NULL;
  g_autoptr(HzResource) item = NULL;

  g_return_val_if_fail (HZ_IS_STORE (store), NULL);

  if ((item = find_agenda_item (store, meeting_id, case_id, error)) == NULL)
    return NULL;
  composition = find_in_case (store, case_id, "Composition", meeting_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (composition == NULL)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) hz_signature_free);
  return list_signatures (store, case_id, composition, error);
}

/* A new version that needs signing again: status amended, one amendment more */
static void
mark_amended (JsonObject *object)
{
  JsonArray *extensions;
  JsonObject *extension = NULL;
  gint64 count = 0;

  json_object_set_string_member (object, "status", "amended");
  if (!json_object_has_member (object, "extension"))
    json_object_set_array_member (object, "extension", json_array_new ());
  extensions = json_object_get_array_member (object, "extension");
  for (guint i = 0; i < json_array_get_length (extensions); i++)
    {
      JsonObject *e = json_array_get_object_element (extensions, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (e, "url", NULL), HZ_MEETING_EXT_AMENDMENT) == 0)
        extension = e;
    }
  if (extension == NULL)
    {
      extension = json_object_new ();
      json_object_set_string_member (extension, "url", HZ_MEETING_EXT_AMENDMENT);
      json_array_add_object_element (extensions, extension);
    }
  count = json_object_get_int_member_with_default (extension, "valueInteger", 0);
  json_object_set_int_member (extension, "valueInteger", count + 1);
}

static void
set_signed_error (GError     **error,
                  const char  *case_id,
                  const char  *signer,
                  const char  *when)
{
  g_set_error (error, HZ_MEETING_ERROR, HZ_MEETING_ERROR_SIGNED,
               _("The consultation opinion (会诊意见书) of case “%s” was signed by %s at %s and is "
                 "read-only: an amendment is a new version (--amend), signed again"),
               case_id, signer ? signer : "", when ? when : "");
}

/* The case's 会诊意见书 to write: the stored one (refused when signed,
 * unless @amend: then amended), or a new one. (transfer full) */
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
  g_autofree char *signer = NULL;
  g_autofree char *when = NULL;
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
      gboolean is_signed = composition_is_signed (store, case_id, composition, &signer, &when, NULL, &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (is_signed && !amend)
        {
          set_signed_error (error, case_id, signer, when);
          return NULL;
        }
      object = hz_resource_dup_json (composition);
      if (is_signed)
        mark_amended (object);
      else if (g_strcmp0 (json_object_get_string_member_with_default (object, "status", ""), "final") == 0)
        json_object_set_string_member (object, "status", "preliminary");
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

/* The section of @object coded @system|@code, or NULL */
static JsonObject *
find_section (JsonObject *object,
              const char *system,
              const char *code)
{
  JsonArray *sections = json_object_has_member (object, "section")
                        ? json_object_get_array_member (object, "section") : NULL;

  for (guint i = 0; sections != NULL && i < json_array_get_length (sections); i++)
    {
      JsonObject *s = json_array_get_object_element (sections, i);
      JsonObject *c = json_object_get_object_member (s, "code");
      JsonArray *codings = c ? json_object_get_array_member (c, "coding") : NULL;
      JsonObject *coding = codings ? json_array_get_object_element (codings, 0) : NULL;

      if (coding != NULL && g_strcmp0 (json_object_get_string_member_with_default (coding, "code", NULL), code) == 0 &&
          g_strcmp0 (json_object_get_string_member_with_default (coding, "system", NULL), system) == 0)
        return s;
    }
  return NULL;
}

/* The section of @object coded @system|@code, made when absent */
static JsonObject *
ensure_section (JsonObject *object,
                const char *system,
                const char *code,
                const char *title)
{
  JsonObject *section = find_section (object, system, code);

  if (section != NULL)
    return section;
  if (!json_object_has_member (object, "section"))
    json_object_set_array_member (object, "section", json_array_new ());
  section = json_object_new ();
  json_object_set_string_member (section, "title", title);
  json_object_set_object_member (section, "code", hz_fhir_new_concept (system, code, title));
  json_array_add_object_element (json_object_get_array_member (object, "section"), section);
  return section;
}

static gboolean
check_opinion (const char  *team,
               const char  *text,
               HzTeam      *out_code,
               GError     **error)
{
  if (!hz_team_from_string (team, out_code))
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
  return TRUE;
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
  HzTeam code;

  if (!check_opinion (team, text, &code, error))
    return FALSE;
  object = opinion_for_write (store, meeting_id, case_id, amend, error);
  if (object == NULL)
    return FALSE;
  author = hz_actor_dup_display (hz_store_get_actor (store));
  hz_meeting_opinion_set_section (object, code, author, text);
  return hz_store_put (store, case_id, object, error);
}

gboolean
hz_meeting_file_remote_opinion (HzStore     *store,
                                const char  *meeting_id,
                                const char  *case_id,
                                const char  *team,
                                const char  *author,
                                const char  *text,
                                gboolean     replayed,
                                gboolean    *out_filed,
                                GError     **error)
{
  g_autoptr(JsonObject) object = NULL;
  JsonObject *section;
  HzTeam code;

  g_return_val_if_fail (author != NULL, FALSE);

  if (out_filed != NULL)
    *out_filed = FALSE;
  if (!check_opinion (team, text, &code, error))
    return FALSE;
  object = opinion_for_write (store, meeting_id, case_id, FALSE, error);
  if (object == NULL)
    return FALSE;
  section = find_section (object, HZ_SYSTEM_TEAM, hz_team_to_string (code));
  if (section != NULL)
    {
      g_autoptr(JsonObject) written = json_object_new ();
      JsonArray *authors = json_object_has_member (section, "author")
                           ? json_object_get_array_member (section, "author") : NULL;
      JsonObject *first = authors != NULL && json_array_get_length (authors) > 0
                          ? json_array_get_object_element (authors, 0) : NULL;
      const char *by = first != NULL ? json_object_get_string_member_with_default (first, "display", NULL) : NULL;
      JsonObject *narrative = json_object_get_object_member (section, "text");

      set_narrative (written, text);
      /* there already (a replay of what was filed): nothing new to write */
      if (narrative != NULL && g_strcmp0 (by, author) == 0 &&
          g_strcmp0 (json_object_get_string_member_with_default (narrative, "div", NULL),
                     json_object_get_string_member (json_object_get_object_member (written, "text"), "div")) == 0)
        return TRUE;
      /* said in the room before this site joined, and written over here
       * since: what was written here stays */
      if (replayed && g_strcmp0 (by, author) != 0)
        return TRUE;
    }
  hz_meeting_opinion_set_section (object, code, author, text);
  if (!hz_store_put (store, case_id, object, error))
    return FALSE;
  if (out_filed != NULL)
    *out_filed = TRUE;
  return TRUE;
}

/**
 * hz_meeting_opinion_set_section:
 * @composition: a 会诊意见书 being written
 * @team: the team whose opinion it is
 * @author: who wrote it, as a display
 * @text: the opinion
 *
 * Sets @team's section of @composition (made when it has none): its
 * author and its text as the narrative. The one way a team's opinion is
 * written, by hz_meeting_save_opinion() and by a view that saves the
 * version it showed through hz_save_resource_async().
 */
void
hz_meeting_opinion_set_section (JsonObject *composition,
                                HzTeam      team,
                                const char *author,
                                const char *text)
{
  JsonObject *section;

  g_return_if_fail (composition != NULL && text != NULL);

  section = ensure_section (composition, HZ_SYSTEM_TEAM, hz_team_to_string (team), hz_team_get_display_name (team));
  json_object_remove_member (section, "author");
  add_to_array (section, "author", hz_fhir_new_reference (NULL, author));
  set_narrative (section, text);
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

/* The case's 会诊意见书 of the meeting, HZ_MEETING_ERROR_NOTHING when none
 * was written yet. (transfer full) */
static HzResource *
require_opinion (HzStore     *store,
                 const char  *meeting_id,
                 const char  *case_id,
                 GError     **error)
{
  g_autoptr(HzResource) item = find_agenda_item (store, meeting_id, case_id, error);
  g_autoptr(GError) local_error = NULL;
  HzResource *composition;

  if (item == NULL)
    return NULL;
  composition = find_in_case (store, case_id, "Composition", meeting_id, &local_error);
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else if (composition == NULL)
    g_set_error (error, HZ_MEETING_ERROR, HZ_MEETING_ERROR_NOTHING,
                 _("Case “%s” has no opinion or decision yet"), case_id);
  return composition;
}

/* The coordinator, or an attendee (present or remote) by name */
static gboolean
may_sign (HzStore       *store,
          HzResource    *meeting,
          const char    *meeting_id,
          const HzActor *actor)
{
  g_autoptr(HzResource) careteam = hz_store_get (store, "CareTeam", meeting_id, NULL);

  /* names as written in the language of whoever wrote them */
  if (hz_actor_matches_display (actor, hz_jv_get_path_string (hz_jv_get_object_element (hz_resource_get_value (meeting),
                                                                                        "participant", 0),
                                                              "actor.display")))
    return TRUE;
  for (HzJv *p = careteam ? hz_jv_get_first (hz_jv_get_array (hz_resource_get_value (careteam), "participant")) : NULL;
       p != NULL; p = hz_jv_get_next (p))
    {
      const char *status = hz_jv_get_string (hz_fhir_jv_get_extension (p, HZ_MEETING_EXT_ATTENDANCE), "valueCode");
      const char *member = hz_jv_get_path_string (p, "member.display");

      if (g_strcmp0 (status, "absent") != 0 &&
          hz_actor_matches_display (actor, member))
        return TRUE;
    }
  return FALSE;
}

char *
hz_meeting_sign (HzStore     *store,
                 const char  *meeting_id,
                 const char  *case_id,
                 GError     **error)
{
  g_autoptr(HzResource) meeting = NULL;
  g_autoptr(HzResource) composition = NULL;
  g_autoptr(GPtrArray) resources = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GPtrArray) signatures = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *target = NULL;
  g_autofree char *signer = NULL;
  const char *status;
  const HzActor *actor;

  if ((actor = require_actor (store, error)) == NULL ||
      (meeting = get_meeting (store, meeting_id, error)) == NULL ||
      (composition = require_opinion (store, meeting_id, case_id, error)) == NULL)
    return NULL;
  signer = hz_signature_dup_signer (actor);
  if (!may_sign (store, meeting, meeting_id, actor))
    {
      g_set_error (error, HZ_MEETING_ERROR, HZ_MEETING_ERROR_INVALID,
                   _("%s may not sign: the coordinator and the seniors attending MDT meeting “%s” sign "
                     "its consultation opinions (会诊意见书)"), signer, meeting_id);
      return NULL;
    }

  /* what is signed is the content as it is stored once signed: final (an
   * amendment stays amended) */
  object = hz_resource_dup_json (composition);
  status = json_object_get_string_member_with_default (object, "status", "");
  if (g_strcmp0 (status, "amended") != 0 && g_strcmp0 (status, "final") != 0)
    json_object_set_string_member (object, "status", "final");
  canonical = dup_canonical_of_object (object);
  hash = hz_signature_compute_hash (canonical);
  target = composition_target (composition);
  signatures = hz_signature_list (store, case_id, target, hash, error);
  if (signatures == NULL)
    return NULL;
  for (guint i = 0; i < signatures->len; i++)
    {
      HzSignature *signature = g_ptr_array_index (signatures, i);

      if (signature->matches && g_strcmp0 (signature->signer, signer) == 0)
        {
          g_set_error (error, HZ_MEETING_ERROR, HZ_MEETING_ERROR_SIGNED,
                       _("%s signed the consultation opinion (会诊意见书) of case “%s” already, at %s: "
                         "each signs once"), signer, case_id, signature->when);
          return NULL;
        }
    }

  if (g_strcmp0 (status, json_object_get_string_member (object, "status")) != 0)
    g_ptr_array_add (resources, g_steal_pointer (&object));
  g_ptr_array_add (resources, hz_signature_build_provenance (actor, target, canonical));
  if (!hz_store_put_all (store, case_id, resources, error))
    return NULL;
  return g_strdup (json_object_get_string_member (g_ptr_array_index (resources, resources->len - 1), "id"));
}

gboolean
hz_meeting_amend (HzStore     *store,
                  const char  *meeting_id,
                  const char  *case_id,
                  GError     **error)
{
  g_autoptr(HzResource) composition = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonObject) object = NULL;

  if (require_actor (store, error) == NULL ||
      (composition = require_opinion (store, meeting_id, case_id, error)) == NULL)
    return FALSE;
  if (!composition_is_signed (store, case_id, composition, NULL, NULL, NULL, &local_error))
    {
      /* not signed: it is changed as it is */
      if (local_error == NULL)
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  object = opinion_for_write (store, meeting_id, case_id, TRUE, error);
  return object != NULL && hz_store_put (store, case_id, object, error);
}

/* ------------------------------------------------------------------ */
/* Reading it back: JSON and PDF */

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
add_string_array (JsonBuilder *builder,
                  const char  *name,
                  GPtrArray   *strings)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; strings != NULL && i < strings->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (strings, i));
  json_builder_end_array (builder);
}

static void
build_case (JsonBuilder *builder,
            HzStore     *store,
            const char  *meeting_id,
            const HzJv  *careteam,
            const HzJv  *item)
{
  const char *case_id = hz_jv_get_path_string (item, "focus.identifier.value");
  g_autoptr(HzResource) composition = find_in_case (store, case_id, "Composition", meeting_id, NULL);
  g_autoptr(HzResource) plan = find_in_case (store, case_id, "CarePlan", meeting_id, NULL);
  g_autoptr(GPtrArray) signatures = NULL;
  HzSignature *first = NULL;

  json_builder_begin_object (builder);
  hz_json_builder_add_string_member (builder, "case", case_id);
  hz_json_builder_add_string_member (builder, "patient", hz_jv_get_path_string (item, "focus.display"));
  hz_json_builder_add_string_member (builder, "question", hz_jv_get_string (item, "description"));
  hz_json_builder_add_string_member (builder, "reason", hz_fhir_jv_get_concept_text (item, "reasonCode"));
  hz_json_builder_add_string_member (builder, "presenter", hz_jv_get_path_string (item, "owner.display"));
  /* the teams the case needs, and of them who is not there */
  {
    gboolean needed[N_TEAMS];
    g_autoptr(GPtrArray) absent = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(GPtrArray) unrecorded = g_ptr_array_new_with_free_func (g_free);

    item_teams (item, needed);
    json_builder_set_member_name (builder, "teams");
    json_builder_begin_array (builder);
    for (HzTeam team = 0; team < N_TEAMS; team++)
      if (needed[team])
        json_builder_add_string_value (builder, hz_team_to_string (team));
    json_builder_end_array (builder);
    collect_missing (careteam, needed, absent, unrecorded);
    json_builder_set_member_name (builder, "quorum");
    json_builder_add_boolean_value (builder, absent->len == 0 && unrecorded->len == 0);
    add_string_array (builder, "missing", absent);
    add_string_array (builder, "unrecorded", unrecorded);
  }
  json_builder_set_member_name (builder, "opinions");
  json_builder_begin_array (builder);
  for (HzJv *s = composition ? hz_jv_get_first (hz_jv_get_array (hz_resource_get_value (composition), "section")) : NULL;
       s != NULL; s = hz_jv_get_next (s))
    {
      g_autofree char *text = dup_section_text (s);

      if (hz_fhir_jv_get_concept_code (s, "code", HZ_SYSTEM_TEAM) == NULL)
        continue;
      json_builder_begin_object (builder);
      hz_json_builder_add_string_member (builder, "team", hz_fhir_jv_get_concept_code (s, "code", HZ_SYSTEM_TEAM));
      hz_json_builder_add_string_member (builder, "title", hz_jv_get_string (s, "title"));
      hz_json_builder_add_string_member (builder, "author", hz_jv_get_path_string (hz_jv_get_object_element (s, "author", 0), "display"));
      hz_json_builder_add_string_member (builder, "text", text);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  hz_json_builder_add_string_member (builder, "status", composition ? hz_jv_get_string (hz_resource_get_value (composition), "status") : NULL);
  hz_json_builder_add_string_member (builder, "opinion-id", composition ? hz_resource_get_id (composition) : NULL);
  hz_json_builder_add_string_member (builder, "decision", plan ? hz_jv_get_string (hz_resource_get_value (plan), "description") : NULL);
  hz_json_builder_add_string_member (builder, "careplan-id", plan ? hz_resource_get_id (plan) : NULL);
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
      hz_json_builder_add_string_member (builder, "id", id);
      hz_json_builder_add_string_member (builder, "text", hz_jv_get_string (value, "description"));
      hz_json_builder_add_string_member (builder, "owner", hz_jv_get_path_string (value, "owner.display"));
      hz_json_builder_add_string_member (builder, "due", hz_jv_get_path_string (value, "restriction.period.end"));
      hz_json_builder_add_string_member (builder, "status", hz_jv_get_string (value, "status"));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  signatures = composition != NULL ? list_signatures (store, case_id, composition, NULL) : NULL;
  json_builder_set_member_name (builder, "signatures");
  json_builder_begin_array (builder);
  for (guint i = 0; signatures != NULL && i < signatures->len; i++)
    {
      HzSignature *s = g_ptr_array_index (signatures, i);

      json_builder_begin_object (builder);
      hz_json_builder_add_string_member (builder, "provenance-id", s->provenance_id);
      hz_json_builder_add_string_member (builder, "signer", s->signer);
      hz_json_builder_add_string_member (builder, "when", s->when);
      hz_json_builder_add_string_member (builder, "sha256", s->hash);
      json_builder_set_member_name (builder, "matches");
      json_builder_add_boolean_value (builder, s->matches);
      json_builder_end_object (builder);
      if (s->matches && first == NULL)
        first = s;
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "signed");
  json_builder_add_boolean_value (builder, first != NULL);
  /* the first signature of the content as it is */
  json_builder_set_member_name (builder, "signature");
  if (first != NULL)
    {
      json_builder_begin_object (builder);
      hz_json_builder_add_string_member (builder, "signer", first->signer);
      hz_json_builder_add_string_member (builder, "when", first->when);
      hz_json_builder_add_string_member (builder, "sha256", first->hash);
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
  g_autoptr(GPtrArray) unrecorded = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const HzJv *value;
  gboolean quorum;

  if ((meeting = get_meeting (store, meeting_id, error)) == NULL ||
      (careteam = hz_store_get (store, "CareTeam", meeting_id, error)) == NULL ||
      (agenda = read_agenda (store, meeting_id, error)) == NULL)
    return NULL;
  quorum = hz_meeting_has_quorum (store, meeting_id, &missing, &unrecorded, NULL);
  value = hz_resource_get_value (meeting);

  json_builder_begin_object (builder);
  hz_json_builder_add_string_member (builder, "id", meeting_id);
  hz_json_builder_add_string_member (builder, "title", hz_jv_get_string (value, "description"));
  hz_json_builder_add_string_member (builder, "start", hz_jv_get_string (value, "start"));
  hz_json_builder_add_string_member (builder, "coordinator",
              hz_jv_get_path_string (hz_jv_get_object_element (value, "participant", 0), "actor.display"));
  hz_json_builder_add_string_member (builder, "place", meeting_place (value));
  json_builder_set_member_name (builder, "remote");
  json_builder_add_boolean_value (builder, meeting_is_remote (value));
  hz_json_builder_add_string_member (builder, "status", hz_jv_get_string (value, "status"));
  json_builder_set_member_name (builder, "attendance");
  json_builder_begin_array (builder);
  for (HzJv *p = hz_jv_get_first (hz_jv_get_array (hz_resource_get_value (careteam), "participant"));
       p != NULL; p = hz_jv_get_next (p))
    {
      json_builder_begin_object (builder);
      hz_json_builder_add_string_member (builder, "team", hz_fhir_jv_get_concept_code (p, "role", HZ_SYSTEM_TEAM));
      hz_json_builder_add_string_member (builder, "status",
                  hz_jv_get_string (hz_fhir_jv_get_extension (p, HZ_MEETING_EXT_ATTENDANCE), "valueCode"));
      hz_json_builder_add_string_member (builder, "name", hz_jv_get_path_string (p, "member.display"));
      hz_json_builder_add_string_member (builder, "deputy",
                  hz_jv_get_string (hz_fhir_jv_get_extension (p, HZ_MEETING_EXT_DEPUTY), "valueString"));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "quorum");
  json_builder_add_boolean_value (builder, quorum);
  /* of the teams the cases need, those absent without a deputy and those
   * not recorded, translated */
  add_string_array (builder, "missing", missing);
  add_string_array (builder, "unrecorded", unrecorded);
  json_builder_set_member_name (builder, "agenda");
  json_builder_begin_array (builder);
  for (guint i = 0; i < agenda->len; i++)
    build_case (builder, store, meeting_id, hz_resource_get_value (careteam),
                hz_resource_get_value (g_ptr_array_index (agenda, i)));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* json_object_get_string_member_with_default (..., "") that takes a null */
static const char *
member (JsonObject *object,
        const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_string (node) : NULL;
}

/* The names of @array joined for a sentence */
static char *
join_names (JsonArray *array)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      if (i > 0)
        /* Translators: between the names of absent teams */
        g_string_append (names, _(", "));
      g_string_append (names, json_array_get_string_element (array, i));
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* The quorum of @object (the meeting, or one case of it: "missing" and
 * "unrecorded" of the teams needed), as the documents say it */
static char *
quorum_text (JsonObject *object)
{
  JsonArray *absent = json_object_get_array_member (object, "missing");
  JsonArray *unrecorded = json_object_get_array_member (object, "unrecorded");
  g_autofree char *absent_names = join_names (absent);
  g_autofree char *unrecorded_names = join_names (unrecorded);

  if (*absent_names == '\0' && *unrecorded_names == '\0')
    return g_strdup (_("Reached"));
  if (*unrecorded_names == '\0')
    return g_strdup_printf (_("Not reached: absent without a deputy: %s"), absent_names);
  if (*absent_names == '\0')
    return g_strdup_printf (_("Not reached: attendance not recorded: %s"), unrecorded_names);
  return g_strdup_printf (_("Not reached: absent without a deputy: %s; attendance not recorded: %s"),
                          absent_names, unrecorded_names);
}

static void
document_case (HzDocument *document,
               JsonObject *item)
{
  JsonArray *opinions = json_object_get_array_member (item, "opinions");
  JsonArray *actions = json_object_get_array_member (item, "actions");
  JsonArray *signatures = json_object_get_array_member (item, "signatures");
  g_autofree char *heading = g_strdup_printf (_("Case: %s"), member (item, "patient") ?: "");
  guint n_signed = 0;

  hz_document_add_heading (document, heading);
  hz_document_add_field (document, _("Question for the MDT"), member (item, "question"));
  if (member (item, "reason") != NULL)
    hz_document_add_field (document, _("Reason for presentation"), member (item, "reason"));
  hz_document_add_field (document, _("Presenting clinician"), member (item, "presenter"));
  {
    JsonArray *teams = json_object_get_array_member (item, "teams");
    g_autoptr(GString) names = g_string_new (NULL);
    g_autofree char *quorum = quorum_text (item);

    for (guint i = 0; teams != NULL && i < json_array_get_length (teams); i++)
      {
        HzTeam team;

        if (!hz_team_from_string (json_array_get_string_element (teams, i), &team))
          continue;
        if (names->len > 0)
          g_string_append (names, _(", "));
        g_string_append (names, hz_team_get_display_name (team));
      }
    hz_document_add_field (document, _("Teams the case needs"), names->str);
    hz_document_add_field (document, _("Quorum"), quorum);
  }

  hz_document_add_heading (document, _("Opinions"));
  if (json_array_get_length (opinions) == 0)
    hz_document_add_paragraph (document, _("No opinion yet"));
  for (guint i = 0; i < json_array_get_length (opinions); i++)
    {
      JsonObject *o = json_array_get_object_element (opinions, i);
      /* Translators: a team's opinion in the 会诊意见书, then its author on a line of its own */
      g_autofree char *value = g_strdup_printf (_("%s\n— %s"), member (o, "text") ?: "", member (o, "author") ?: "");
      HzTeam team;

      /* the team named in the language the document is printed in, not
       * the one the section was first written in */
      hz_document_add_field (document,
                             hz_team_from_string (member (o, "team") ?: "", &team) ? hz_team_get_display_name (team)
                                                                                   : member (o, "title"),
                             value);
    }

  hz_document_add_heading (document, _("Consensus decision"));
  hz_document_add_paragraph (document, member (item, "decision") ?: _("No decision yet"));
  if (json_array_get_length (actions) > 0)
    hz_document_add_heading (document, _("Action items"));
  for (guint i = 0; i < json_array_get_length (actions); i++)
    {
      JsonObject *a = json_array_get_object_element (actions, i);
      g_autofree char *owner = g_strdup_printf (_("Owner: %s; due date: %s"), member (a, "owner") ?: "",
                                                member (a, "due") ?: "");
      g_autofree char *value = g_strdup_printf ("%s\n%s", member (a, "text") ?: "", owner);
      g_autofree char *label = g_strdup_printf ("%u", i + 1);

      hz_document_add_field (document, label, value);
    }

  /* the signatures of the content as printed */
  for (guint i = 0; i < json_array_get_length (signatures); i++)
    {
      JsonObject *sig = json_array_get_object_element (signatures, i);
      g_autofree char *when = NULL;
      g_autofree char *note = NULL;

      if (!json_object_get_boolean_member_with_default (sig, "matches", FALSE))
        continue;
      when = hz_fhir_format_date_time (member (sig, "when"));
      note = g_strdup_printf (_("SHA-256 of the signed content: %s"), member (sig, "sha256"));
      hz_document_add_signature (document, _("Signature: "), member (sig, "signer"), when, note);
      n_signed++;
    }
  if (n_signed == 0)
    hz_document_add_signature (document, _("Signature: "), NULL, NULL, _("Not signed"));
}

HzDocument *
hz_meeting_build_document (HzStore     *store,
                           const char  *meeting_id,
                           const char  *case_id,
                           GError     **error)
{
  g_autoptr(JsonNode) root = hz_meeting_to_json (store, meeting_id, error);
  g_autoptr(HzDocument) document = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *start = NULL;
  const HzActor *actor = hz_store_get_actor (store);
  JsonObject *meeting;
  JsonArray *attendance, *agenda;
  gboolean found = FALSE;

  if (root == NULL)
    return NULL;
  meeting = json_node_get_object (root);
  agenda = json_object_get_array_member (meeting, "agenda");
  for (guint i = 0; case_id != NULL && i < json_array_get_length (agenda); i++)
    found = found || g_strcmp0 (member (json_array_get_object_element (agenda, i), "case"), case_id) == 0;
  if (case_id != NULL && !found)
    {
      g_set_error (error, HZ_MEETING_ERROR, HZ_MEETING_ERROR_NOT_FOUND,
                   _("Case “%s” is not on the agenda of MDT meeting “%s”"), case_id, meeting_id);
      return NULL;
    }

  document = hz_document_new (actor ? actor->hospital : NULL,
                              case_id != NULL ? _("Consultation opinion (MDT)") : _("MDT meeting minutes"));
  start = hz_fhir_format_date_time (member (meeting, "start"));
  subtitle = g_strdup_printf ("%s · %s", member (meeting, "title") ?: "", start ?: "");
  hz_document_set_subtitle (document, subtitle);
  hz_document_add_field (document, _("Place"), member (meeting, "place"));
  hz_document_add_field (document, _("Coordinator"), member (meeting, "coordinator"));

  hz_document_add_heading (document, _("Attendance"));
  attendance = json_object_get_array_member (meeting, "attendance");
  for (guint i = 0; i < json_array_get_length (attendance); i++)
    {
      JsonObject *a = json_array_get_object_element (attendance, i);
      HzTeam team = HZ_TEAM_OTHER;
      HzAttendance status = HZ_ATTENDANCE_PRESENT;
      const char *name = member (a, "name");
      const char *deputy = member (a, "deputy");
      g_autofree char *value = NULL;

      hz_team_from_string (member (a, "team") ?: "", &team);
      hz_attendance_from_string (member (a, "status") ?: "", &status);
      if (deputy != NULL)
        value = g_strdup_printf (_("%s; deputy: %s"), hz_attendance_get_display_name (status), deputy);
      else if (name != NULL)
        /* Translators: attendance, then who attends */
        value = g_strdup_printf (_("%s (%s)"), hz_attendance_get_display_name (status), name);
      else
        value = g_strdup (hz_attendance_get_display_name (status));
      hz_document_add_field (document, hz_team_get_display_name (team), value);
    }
  /* the meeting's quorum in the minutes; a case's own is with the case */
  if (case_id == NULL)
    {
      g_autofree char *quorum = quorum_text (meeting);

      hz_document_add_field (document, _("Quorum"), quorum);
    }

  for (guint i = 0; i < json_array_get_length (agenda); i++)
    {
      JsonObject *item = json_array_get_object_element (agenda, i);

      if (case_id == NULL || g_strcmp0 (member (item, "case"), case_id) == 0)
        document_case (document, item);
    }
  return g_steal_pointer (&document);
}

gboolean
hz_meeting_write_pdf (HzStore     *store,
                      const char  *meeting_id,
                      const char  *case_id,
                      const char  *path,
                      GError     **error)
{
  g_autoptr(HzDocument) document = hz_meeting_build_document (store, meeting_id, case_id, error);

  return document != NULL && hz_document_write_pdf (document, path, error);
}
