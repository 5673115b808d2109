/* hz-conference-view.c — the window's MDT meetings (多学科会诊)
 *
 * Three pages in a stack:
 * - the list of meetings, newest first, and "New Meeting…" (title, date,
 *   time, place or a remote session; the signed-in clinician coordinates);
 * - a meeting: when and where, attendance by team (present, remote, absent
 *   with a named deputy) with the quorum line naming the teams missing,
 *   and the agenda (each case's question for the MDT, reason and
 *   presenting clinician), reordered with its rows' arrows;
 * - the presentation of one agenda case: large type, the case's pages a
 *   click away, Page Down / Page Up and Alt+→ / Alt+← for the next and
 *   previous case, a timer per case, one opinion box per team saved as it
 *   is typed (after a pause, through hz_save_*: a version written by
 *   someone else meanwhile is shown and asked about, never overwritten),
 *   the consensus decision with its actions (what, owner, due date), and
 *   signing the 会诊意见书 (read-only after; Amend makes a new version).
 *
 * Everything shown is read from the store (hz_meeting_to_json) and read
 * again when HzStore::changed names the meeting or one of its cases, from
 * this window or another process; widgets are updated in place, and a box
 * being typed in is never overwritten.
 *
 * HzConferenceWindowAddin adds it to the main window's sidebar.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-conference"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "hz-conference-private.h"

#define N_TEAMS (HZ_TEAM_OTHER + 1)
#define OPINION_PAUSE_MS 800

typedef struct
{
  HzConferenceView *self;
  HzTeam            team;
  GtkWidget        *view;         /* GtkTextView */
  GtkWidget        *status;       /* GtkLabel: who wrote it, saving, conflict */
  GtkWidget        *heading;      /* the team, for "other" with who attends */
  guint             timeout;
  guint             generation;   /* bumped by every change typed */
  guint             saved_generation;
  guint             n_saving;
  char             *case_id;      /* the case the text is of */
  char             *base_text;    /* the stored text the typing began from */
  char             *base_version; /* the 会诊意见书's meta.versionId then */
} OpinionBox;

struct _HzConferenceView
{
  GtkWidget      parent_instance;

  HzStore       *store;
  gulong         changed_handler;
  guint          refresh_idle;
  guint          tick;
  GCancellable  *cancellable;

  GtkWidget     *box;
  GtkWidget     *title;
  GtkWidget     *back;
  GtkWidget     *new_button;
  GtkWidget     *present_button;
  GtkWidget     *minutes_button;
  GtkWidget     *opinion_pdf_button;
  GtkWidget     *print_minutes;
  GtkWidget     *print_opinion;
  GtkWidget     *stack;
  GtkWidget     *error;

  /* the list */
  GtkWidget     *meetings;
  GHashTable    *meeting_rows;   /* meeting id → AdwActionRow */

  /* a meeting */
  char          *meeting_id;
  JsonNode      *meeting;        /* hz_meeting_to_json () */
  GtkWidget     *info;
  GtkWidget     *attendance_status[N_TEAMS];
  GtkWidget     *attendance_name[N_TEAMS];
  GtkWidget     *quorum;
  GtkWidget     *agenda;
  GHashTable    *agenda_rows;    /* case id → AdwActionRow */
  gboolean       applying;

  /* the presentation */
  int            presented;
  GHashTable    *timers;         /* case id → GTimer */
  GtkWidget     *run_patient;
  GtkWidget     *run_risk;
  GtkWidget     *run_position;
  GtkWidget     *run_timer;
  GtkWidget     *run_question;
  GtkWidget     *run_details;
  GtkWidget     *run_prev;
  GtkWidget     *run_next;
  OpinionBox     boxes[N_TEAMS];
  GtkWidget     *decision;
  GtkWidget     *actions;        /* GtkBox of action rows */
  GtkWidget     *add_action;
  GtkWidget     *decide;
  GtkWidget     *sign;
  GtkWidget     *amend;
  GtkWidget     *signature;
  gboolean       decision_dirty;
  char          *opinion_version; /* meta.versionId of the presented case's 会诊意见书 */
  GtkWidget     *run_remote;

  /* the remote session (hz-conference-remote.c) */
  HzConferenceRemote *remote;
  gulong         remote_handler;
  char          *last_page;      /* the case page opened last from the presentation */
  GHashTable    *remote_parts;   /* name → widget, for tests */
  GHashTable    *drafts;         /* "MEETING CASE TEAM" → Draft: text kept, not saved, of a case not shown */
};

/* What a box held, not saved (a conflict it could not ask about, a failed
 * save), when another case was presented: back in the box on return */
typedef struct
{
  char *text;
  char *base_text;
  char *base_version;
  char *status;
} Draft;

static void
draft_free (gpointer data)
{
  Draft *draft = data;

  g_free (draft->text);
  g_free (draft->base_text);
  g_free (draft->base_version);
  g_free (draft->status);
  g_free (draft);
}

static char *
draft_key (const char *meeting_id,
           const char *case_id,
           HzTeam      team)
{
  return g_strdup_printf ("%s %s %s", meeting_id, case_id, hz_team_to_string (team));
}

G_DEFINE_FINAL_TYPE (HzConferenceView, hz_conference_view, GTK_TYPE_WIDGET)

enum {
  SIGNAL_COUNTS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void refresh          (HzConferenceView *self);
static void update_run       (HzConferenceView *self);
static void opinion_save     (OpinionBox       *box);
static void remote_present   (HzConferenceView *self);
static void update_remote    (HzConferenceView *self);
static void remote_leave     (HzConferenceView *self);
static GtkWidget *heading    (const char       *text);

/* ------------------------------------------------------------------ */
/* Reading the meeting's JSON */

static JsonObject *
meeting_object (HzConferenceView *self)
{
  return self->meeting != NULL ? json_node_get_object (self->meeting) : NULL;
}

static JsonArray *
agenda_array (HzConferenceView *self)
{
  JsonObject *meeting = meeting_object (self);

  return meeting != NULL ? json_object_get_array_member (meeting, "agenda") : NULL;
}

static const char *
get_string (JsonObject *object,
            const char *member)
{
  return object != NULL ? json_object_get_string_member_with_default (object, member, NULL) : NULL;
}

static JsonObject *
agenda_item (HzConferenceView *self,
             int               index)
{
  JsonArray *agenda = agenda_array (self);

  if (agenda == NULL || index < 0 || (guint) index >= json_array_get_length (agenda))
    return NULL;
  return json_array_get_object_element (agenda, index);
}

static const char *
presented_case_id (HzConferenceView *self)
{
  return get_string (agenda_item (self, self->presented), "case");
}

static gboolean
agenda_has_case (HzConferenceView *self,
                 const char       *case_id)
{
  JsonArray *agenda = agenda_array (self);

  for (guint i = 0; agenda != NULL && i < json_array_get_length (agenda); i++)
    if (g_strcmp0 (get_string (json_array_get_object_element (agenda, i), "case"), case_id) == 0)
      return TRUE;
  return FALSE;
}

/* The opinion of @team in agenda item @item, or NULL */
static JsonObject *
item_opinion (JsonObject *item,
              HzTeam      team)
{
  JsonArray *opinions = item != NULL ? json_object_get_array_member (item, "opinions") : NULL;

  for (guint i = 0; opinions != NULL && i < json_array_get_length (opinions); i++)
    {
      JsonObject *o = json_array_get_object_element (opinions, i);

      if (g_strcmp0 (get_string (o, "team"), hz_team_to_string (team)) == 0)
        return o;
    }
  return NULL;
}

/* Signed as it is now: read-only */
static gboolean
item_is_signed (JsonObject *item)
{
  return item != NULL && json_object_get_boolean_member_with_default (item, "signed", FALSE);
}

/* "4 December 2026 14:00": a start as shown (transfer full) */
static char *
format_start (const char *start)
{
  g_autofree char *day = hz_ui_format_date (start);
  GDate date;
  gboolean has_time = FALSE;
  int hour = 0, minute = 0;

  if (day == NULL)
    return g_strdup ("");
  if (hz_fhir_get_display_time (start, &date, &has_time, &hour, &minute) && has_time)
    return g_strdup_printf ("%s %02d:%02d", day, hour, minute);
  return g_steal_pointer (&day);
}

const char *
hz_conference_action_status_display (const char *status)
{
  if (g_strcmp0 (status, "requested") == 0 || g_strcmp0 (status, "accepted") == 0)
    return C_("action status", "To do");
  if (g_strcmp0 (status, "in-progress") == 0)
    return C_("action status", "In progress");
  if (g_strcmp0 (status, "completed") == 0)
    return C_("action status", "Done");
  if (g_strcmp0 (status, "cancelled") == 0)
    return C_("action status", "Cancelled");
  return C_("action status", "On hold");
}

gboolean
hz_conference_action_is_overdue (const char *status,
                                 const char *due)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  return due != NULL && g_strcmp0 (due, today) < 0 &&
         (g_strcmp0 (status, "requested") == 0 || g_strcmp0 (status, "accepted") == 0 ||
          g_strcmp0 (status, "in-progress") == 0);
}

static gboolean
action_is_overdue (JsonObject *action)
{
  return hz_conference_action_is_overdue (get_string (action, "status"), get_string (action, "due"));
}

static void
show_message (HzConferenceView *self,
              const char       *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (root != NULL && HZ_IS_MAIN_WINDOW (root))
    hz_main_window_show_message (HZ_MAIN_WINDOW (root), message);
  else
    g_message ("%s", message);
}

static void
show_error (HzConferenceView *self,
            const GError     *error)
{
  show_message (self, error->message);
}

/* ------------------------------------------------------------------ */
/* The list of meetings */

static void
on_meeting_activated (AdwActionRow     *row,
                      HzConferenceView *self)
{
  g_autoptr(GError) error = NULL;

  if (!hz_conference_view_open_meeting (self, g_object_get_data (G_OBJECT (row), "hz-meeting-id"), &error))
    show_error (self, error);
}

static int
compare_meeting_rows (GtkListBoxRow *a,
                      GtkListBoxRow *b,
                      gpointer       data)
{
  return -g_strcmp0 (g_object_get_data (G_OBJECT (a), "hz-start"), g_object_get_data (G_OBJECT (b), "hz-start"));
}

static void
update_counts (HzConferenceView *self)
{
  g_signal_emit (self, signals[SIGNAL_COUNTS_CHANGED], 0);
}

static void
update_meeting_row (HzConferenceView    *self,
                    const HzMeetingInfo *info)
{
  GtkWidget *row = g_hash_table_lookup (self->meeting_rows, info->id);
  g_autofree char *when = format_start (info->start);
  g_autofree char *subtitle = NULL;
  g_autofree char *cases = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u case", "%u cases", info->n_cases),
                                            info->n_cases);

  if (row == NULL)
    {
      row = adw_action_row_new ();
      gtk_widget_set_name (row, "conference-meeting-row");
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "hz-meeting-id", g_strdup (info->id), g_free);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("system-users-symbolic"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      g_signal_connect (row, "activated", G_CALLBACK (on_meeting_activated), self);
      gtk_list_box_append (GTK_LIST_BOX (self->meetings), row);
      g_hash_table_insert (self->meeting_rows, g_strdup (info->id), row);
    }
  /* Translators: a meeting's row: when · where · how many cases · who coordinates */
  subtitle = g_strdup_printf (_("%s · %s · %s · coordinator %s"), when, info->place ? info->place : "", cases,
                              info->coordinator ? info->coordinator : "");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), info->title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  g_object_set_data_full (G_OBJECT (row), "hz-start", g_strdup (info->start), g_free);
}

/* The rows of every meeting, in place */
static void
reload_meetings (HzConferenceView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) meetings = hz_meeting_list (self->store, &error);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key, value;

  if (meetings == NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->error), error->message);
      gtk_widget_set_visible (self->error, TRUE);
      return;
    }
  for (guint i = 0; i < meetings->len; i++)
    {
      HzMeetingInfo *info = g_ptr_array_index (meetings, i);

      update_meeting_row (self, info);
      g_hash_table_add (seen, info->id);
    }
  g_hash_table_iter_init (&iter, self->meeting_rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (seen, key))
      {
        gtk_list_box_remove (GTK_LIST_BOX (self->meetings), value);
        g_hash_table_iter_remove (&iter);
      }
  gtk_list_box_invalidate_sort (GTK_LIST_BOX (self->meetings));
  update_counts (self);
}

/* ------------------------------------------------------------------ */
/* New meeting */

static gboolean
new_meeting_start (GtkWidget  *dialog,
                   char      **out_start)
{
  const char *date = gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), "hz-date"));
  const char *time = gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), "hz-time"));
  g_autofree char *start = g_strdup_printf ("%sT%s:00", date, time);
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GDateTime) when = strlen (date) == 10 && strlen (time) == 5 ? g_date_time_new_from_iso8601 (start, local)
                                                                       : NULL;

  if (when == NULL)
    return FALSE;
  if (out_start != NULL)
    *out_start = g_strndup (start, 16);
  return TRUE;
}

/* The meeting chosen in a follow-up's dialog, NULL for a new one */
static const char *
dialog_chosen_meeting (GtkWidget *dialog)
{
  GtkWidget *combo = g_object_get_data (G_OBJECT (dialog), "hz-meeting");
  GStrv ids = g_object_get_data (G_OBJECT (dialog), "hz-meeting-ids");
  guint selected = combo != NULL ? adw_combo_row_get_selected (ADW_COMBO_ROW (combo)) : 0;

  return selected > 0 && selected != GTK_INVALID_LIST_POSITION && ids != NULL ? ids[selected - 1] : NULL;
}

static void
on_new_meeting_input (GtkWidget *dialog)
{
  const char *title = gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), "hz-title"));
  gboolean existing = dialog_chosen_meeting (dialog) != NULL;
  gboolean ok = existing || (*title != '\0' && new_meeting_start (dialog, NULL));

  gtk_widget_set_sensitive (g_object_get_data (G_OBJECT (dialog), "hz-fields"), !existing);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "create", ok);
}

static void
on_new_meeting_response (AdwMessageDialog *dialog,
                         const char       *response,
                         HzConferenceView *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *start = NULL;
  g_autofree char *id = NULL;
  const char *title = gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), "hz-title"));
  const char *place = gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), "hz-place"));
  gboolean remote = gtk_switch_get_active (g_object_get_data (G_OBJECT (dialog), "hz-remote"));
  const char *action_id = g_object_get_data (G_OBJECT (dialog), "hz-action-id");
  const char *existing = dialog_chosen_meeting (GTK_WIDGET (dialog));

  if (g_strcmp0 (response, "create") != 0 ||
      (existing == NULL && !new_meeting_start (GTK_WIDGET (dialog), &start)))
    return;
  if (remote || *place == '\0')
    place = NULL;
  if (action_id != NULL)
    id = hz_meeting_book_followup (self->store, action_id, existing, existing ? NULL : title, start, place, &error);
  else
    id = hz_meeting_create (self->store, title, start, place, &error);
  if (id == NULL || !hz_conference_view_open_meeting (self, id, &error))
    show_error (self, error);
}

static GtkWidget *
entry_row (const char *name,
           const char *title,
           const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  gtk_widget_set_name (row, name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (row), text);
  return row;
}

/* New Meeting…, or with @action_id a follow-up of that unfinished action
 * (@action_text): on a new meeting (on @date) or on one to come */
static void
meeting_dialog (HzConferenceView *self,
                const char       *action_id,
                const char       *action_text,
                const char       *date_text)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                             action_id ? _("Book a Follow-up") : _("New MDT Meeting"), NULL);
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *fields = adw_preferences_group_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  GtkWidget *title = entry_row ("conference-new-title", _("Title"),
                                action_id ? _("Follow-up MDT meeting") : NULL);
  GtkWidget *date = entry_row ("conference-new-date", _("Date (YYYY-MM-DD)"), date_text ? date_text : today);
  GtkWidget *time = entry_row ("conference-new-time", _("Time (HH:MM)"), "14:00");
  GtkWidget *place = entry_row ("conference-new-place", _("Place"), NULL);
  GtkWidget *remote = adw_action_row_new ();
  GtkWidget *remote_switch = gtk_switch_new ();
  const HzActor *actor = hz_store_get_actor (self->store);
  g_autofree char *coordinator = actor ? hz_actor_dup_display (actor) : NULL;
  g_autofree char *body = NULL;

  if (action_id != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) meetings = hz_meeting_list (self->store, &error);
      g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
      g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
      g_autofree char *now_text = g_date_time_format (now, "%Y-%m-%dT%H:%M");
      GtkWidget *combo = adw_combo_row_new ();

      /* Translators: the body of the follow-up dialog; %s is the action */
      body = g_strdup_printf (_("The case goes on the agenda with “%s” as its question."), action_text);
      gtk_string_list_append (names, _("A new meeting"));
      for (guint i = 0; meetings != NULL && i < meetings->len; i++)
        {
          HzMeetingInfo *info = g_ptr_array_index (meetings, i);
          g_autofree char *when = format_start (info->start);
          g_autofree char *label = g_strdup_printf ("%s · %s", info->title, when);

          if (g_strcmp0 (info->start, now_text) < 0)
            continue;
          gtk_string_list_append (names, label);
          g_strv_builder_add (ids, info->id);
        }
      gtk_widget_set_name (combo, "conference-followup-meeting");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (combo), _("Meeting"));
      adw_combo_row_set_model (ADW_COMBO_ROW (combo), G_LIST_MODEL (names));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), combo);
      g_object_set_data (G_OBJECT (dialog), "hz-meeting", combo);
      g_object_set_data_full (G_OBJECT (dialog), "hz-meeting-ids", g_strv_builder_end (ids), (GDestroyNotify) g_strfreev);
      g_object_set_data_full (G_OBJECT (dialog), "hz-action-id", g_strdup (action_id), g_free);
      g_signal_connect_swapped (combo, "notify::selected", G_CALLBACK (on_new_meeting_input), dialog);
      gtk_box_append (GTK_BOX (box), group);
    }
  else
    body = g_strdup_printf (_("You coordinate it (%s)."), coordinator ? coordinator : "");

  gtk_widget_set_name (dialog, "conference-new-dialog");
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), body);
  gtk_widget_set_name (remote_switch, "conference-new-remote");
  gtk_widget_set_valign (remote_switch, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (remote), remote_switch);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (remote), remote_switch);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (remote), _("Remote session"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (remote), _("The teams meet in a remote consultation"));
  g_object_bind_property (remote_switch, "active", place, "sensitive", G_BINDING_INVERT_BOOLEAN | G_BINDING_SYNC_CREATE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (fields), title);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (fields), date);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (fields), time);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (fields), place);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (fields), remote);
  gtk_box_append (GTK_BOX (box), fields);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  g_object_set_data (G_OBJECT (dialog), "hz-fields", fields);
  g_object_set_data (G_OBJECT (dialog), "hz-title", title);
  g_object_set_data (G_OBJECT (dialog), "hz-date", date);
  g_object_set_data (G_OBJECT (dialog), "hz-time", time);
  g_object_set_data (G_OBJECT (dialog), "hz-place", place);
  g_object_set_data (G_OBJECT (dialog), "hz-remote", remote_switch);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "create", action_id ? _("_Book") : _("C_reate"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "create", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "create");
  g_signal_connect_swapped (title, "changed", G_CALLBACK (on_new_meeting_input), dialog);
  g_signal_connect_swapped (date, "changed", G_CALLBACK (on_new_meeting_input), dialog);
  g_signal_connect_swapped (time, "changed", G_CALLBACK (on_new_meeting_input), dialog);
  on_new_meeting_input (dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (on_new_meeting_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_new_meeting (HzConferenceView *self)
{
  meeting_dialog (self, NULL, NULL, NULL);
}

void
hz_conference_view_book_followup (HzConferenceView *self,
                                  const char       *action_id,
                                  const char       *action_text,
                                  const char       *due)
{
  g_return_if_fail (HZ_IS_CONFERENCE_VIEW (self));
  meeting_dialog (self, action_id, action_text, due);
}

/* ------------------------------------------------------------------ */
/* Attendance and quorum */

static void
attend_team (HzConferenceView *self,
             HzTeam            team)
{
  g_autoptr(GError) error = NULL;
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->attendance_status[team]));
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->attendance_name[team]));

  if (self->applying || self->meeting_id == NULL || selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return;
  if (!hz_meeting_attend (self->store, self->meeting_id, hz_team_to_string (team), selected - 1,
                          *name != '\0' ? name : NULL, &error))
    show_error (self, error);
}

static void
on_attendance_changed (GObject          *widget,
                       GParamSpec       *pspec,
                       HzConferenceView *self)
{
  attend_team (self, GPOINTER_TO_UINT (g_object_get_data (widget, "hz-team")));
}

static void
on_attendance_name_activate (GtkEntry         *entry,
                             HzConferenceView *self)
{
  attend_team (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (entry), "hz-team")));
}

static void
on_attendance_name_leave (GtkEventControllerFocus *controller,
                          HzConferenceView        *self)
{
  GtkWidget *entry = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  attend_team (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (entry), "hz-team")));
}

/* "产科、心理科": the translated names of the team codes in @codes */
static char *
team_names (JsonArray *codes)
{
  /* Translators: between the names of teams in a list */
  const char *separator = C_("list separator", ", ");
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; codes != NULL && i < json_array_get_length (codes); i++)
    {
      HzTeam team;

      if (hz_team_from_string (json_array_get_string_element (codes, i), &team))
        g_string_append_printf (out, "%s%s", out->len ? separator : "", hz_team_get_display_name (team));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The names in @array (translated already), joined */
static char *
join_names (JsonArray *array)
{
  const char *separator = C_("list separator", ", ");
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    g_string_append_printf (out, "%s%s", i ? separator : "", json_array_get_string_element (array, i));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* What of the teams @object (the meeting, or a case of it) needs is not
 * there, one line; NULL when all are */
static char *
missing_line (JsonObject *object)
{
  g_autofree char *absent = join_names (json_object_get_array_member (object, "missing"));
  g_autofree char *unrecorded = join_names (json_object_get_array_member (object, "unrecorded"));
  g_autoptr(GString) line = g_string_new (NULL);

  if (*absent != '\0')
    g_string_append_printf (line, "%s %s", _("Absent without a deputy:"), absent);
  if (*unrecorded != '\0')
    g_string_append_printf (line, "%s%s %s", line->len ? " " : "", _("Not recorded:"), unrecorded);
  return line->len > 0 ? g_string_free (g_steal_pointer (&line), FALSE) : NULL;
}

static JsonObject *
attendance_of (HzConferenceView *self,
               HzTeam            team)
{
  JsonArray *attendance = json_object_get_array_member (meeting_object (self), "attendance");

  for (guint i = 0; attendance != NULL && i < json_array_get_length (attendance); i++)
    {
      JsonObject *a = json_array_get_object_element (attendance, i);

      if (g_strcmp0 (get_string (a, "team"), hz_team_to_string (team)) == 0)
        return a;
    }
  return NULL;
}

static void
update_attendance (HzConferenceView *self)
{
  g_autoptr(GString) line = g_string_new (NULL);
  g_autofree char *missing = NULL;
  gboolean quorum;

  self->applying = TRUE;
  for (HzTeam team = 0; team < N_TEAMS; team++)
    {
      JsonObject *a = attendance_of (self, team);
      HzAttendance status = HZ_ATTENDANCE_PRESENT;
      const char *name = get_string (a, "deputy") ? get_string (a, "deputy") : get_string (a, "name");
      GtkWidget *entry = self->attendance_name[team];

      if (a != NULL && hz_attendance_from_string (get_string (a, "status"), &status))
        gtk_drop_down_set_selected (GTK_DROP_DOWN (self->attendance_status[team]), status + 1);
      else
        gtk_drop_down_set_selected (GTK_DROP_DOWN (self->attendance_status[team]), 0);
      gtk_entry_set_placeholder_text (GTK_ENTRY (entry), a != NULL && status == HZ_ATTENDANCE_ABSENT
                                                         ? _("Deputy named") : _("Name"));
      if (!gtk_widget_has_focus (entry) && !gtk_widget_has_focus (gtk_widget_get_first_child (entry)) &&
          g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (entry)), name ? name : "") != 0)
        gtk_editable_set_text (GTK_EDITABLE (entry), name ? name : "");
    }
  self->applying = FALSE;

  /* the rule is libhuizhen's (hz_meeting_has_quorum): every team the cases
   * need is there or has named a deputy */
  quorum = json_object_get_boolean_member (meeting_object (self), "quorum");
  missing = missing_line (meeting_object (self));
  if (quorum)
    g_string_append (line, _("Quorum reached: every team the cases need is present, remote or has named a deputy"));
  else
    {
      g_string_append (line, _("No quorum yet."));
      if (missing != NULL)
        g_string_append_printf (line, " %s", missing);
    }
  gtk_label_set_text (GTK_LABEL (self->quorum), line->str);
  if (quorum)
    gtk_widget_remove_css_class (self->quorum, "warning");
  else
    gtk_widget_add_css_class (self->quorum, "warning");
}

/* ------------------------------------------------------------------ */
/* The agenda */

/* The agenda Task of @case_id in the meeting's case, with its order */
static HzResource *
find_agenda_task (HzConferenceView *self,
                  GPtrArray        *resources,
                  const char       *case_id)
{
  for (guint i = 0; i < resources->len; i++)
    {
      HzResource *r = g_ptr_array_index (resources, i);
      const HzJv *v = hz_resource_get_value (r);

      if (g_strcmp0 (hz_resource_get_resource_type (r), "Task") == 0 &&
          g_strcmp0 (hz_fhir_jv_get_concept_code (v, "code", HZ_SYSTEM_MEETING_CODE), "agenda-item") == 0 &&
          g_strcmp0 (hz_jv_get_path_string (v, "focus.identifier.value"), case_id) == 0)
        return r;
    }
  return NULL;
}

/* The agenda Task with its order set to @order (transfer full) */
static JsonObject *
agenda_task_with_order (HzResource *task,
                        gint64      order)
{
  JsonObject *object = hz_resource_dup_json (task);
  JsonArray *input = json_object_get_array_member (object, "input");

  if (input != NULL && json_array_get_length (input) > 0)
    json_object_set_int_member (json_array_get_object_element (input, 0), "valueInteger", order);
  return object;
}

static void
on_agenda_moved (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  g_autoptr(HzConferenceView) self = data;
  g_autoptr(GError) error = NULL;

  if (hz_save_bundle_finish (result, &error) == HZ_SAVE_FAILED &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_error (self, error);
}

/* Swaps agenda items @index and @index + @delta: their Tasks' order */
static void
agenda_move (HzConferenceView *self,
             int               index,
             int               delta)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) resources = NULL;
  g_autoptr(GPtrArray) writes = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  JsonObject *a = agenda_item (self, index);
  JsonObject *b = agenda_item (self, index + delta);
  HzResource *ta, *tb;

  if (a == NULL || b == NULL)
    return;
  resources = hz_store_read_case (self->store, self->meeting_id, &error);
  if (resources == NULL)
    {
      show_error (self, error);
      return;
    }
  ta = find_agenda_task (self, resources, get_string (a, "case"));
  tb = find_agenda_task (self, resources, get_string (b, "case"));
  if (ta == NULL || tb == NULL)
    return;
  g_ptr_array_add (writes, agenda_task_with_order (ta, index + delta + 1));
  g_ptr_array_add (writes, agenda_task_with_order (tb, index + 1));
  hz_save_bundle_async (GTK_WIDGET (self), self->store, self->meeting_id, writes, self->cancellable,
                        on_agenda_moved, g_object_ref (self));
}

static int
row_index (GtkWidget *button)
{
  GtkWidget *row = gtk_widget_get_ancestor (button, GTK_TYPE_LIST_BOX_ROW);

  return row != NULL ? GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "hz-index")) : -1;
}

static void
on_agenda_up (GtkButton        *button,
              HzConferenceView *self)
{
  agenda_move (self, row_index (GTK_WIDGET (button)), -1);
}

static void
on_agenda_down (GtkButton        *button,
                HzConferenceView *self)
{
  agenda_move (self, row_index (GTK_WIDGET (button)), +1);
}

static void
on_agenda_present (GtkButton        *button,
                   HzConferenceView *self)
{
  hz_conference_view_present (self, row_index (GTK_WIDGET (button)));
}

static int
compare_agenda_rows (GtkListBoxRow *a,
                     GtkListBoxRow *b,
                     gpointer       data)
{
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (a), "hz-index")) -
         GPOINTER_TO_INT (g_object_get_data (G_OBJECT (b), "hz-index"));
}

static GtkWidget *
icon_button (const char *icon,
             const char *name,
             const char *label)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_name (button, name);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  hz_ui_set_accessible_label (button, label);
  return button;
}

/* What the agenda row says of a case's progress */
static const char *
item_progress (JsonObject *item)
{
  JsonArray *opinions = json_object_get_array_member (item, "opinions");

  if (item_is_signed (item))
    return C_("agenda item", "Signed");
  if (get_string (item, "decision") != NULL)
    return C_("agenda item", "Decided");
  if (opinions != NULL && json_array_get_length (opinions) > 0)
    return C_("agenda item", "Opinions given");
  return C_("agenda item", "Waiting");
}

/* The teams a case needs: a check per team in the row's menu */

static void
on_team_toggled (GtkCheckButton   *check,
                 HzConferenceView *self)
{
  GtkWidget *box = gtk_widget_get_parent (GTK_WIDGET (check));
  const char *case_id = g_object_get_data (G_OBJECT (box), "hz-case-id");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) teams = NULL;
  g_autoptr(GError) error = NULL;

  if (self->applying || self->meeting_id == NULL)
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_CHECK_BUTTON (child) && gtk_check_button_get_active (GTK_CHECK_BUTTON (child)))
      g_strv_builder_add (builder, hz_team_to_string (GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (child), "hz-team"))));
  teams = g_strv_builder_end (builder);
  if (!hz_meeting_set_case_teams (self->store, self->meeting_id, case_id, (const char * const *) teams, &error))
    {
      show_error (self, error);
      refresh (self);   /* the checks say again what is stored */
    }
}

static GtkWidget *
teams_button (HzConferenceView *self,
              const char       *case_id)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = heading (_("Teams This Case Needs"));

  gtk_widget_set_name (button, "conference-agenda-teams");
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "system-users-symbolic");
  gtk_widget_set_tooltip_text (button, _("Teams This Case Needs"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data_full (G_OBJECT (box), "hz-case-id", g_strdup (case_id), g_free);
  gtk_box_append (GTK_BOX (box), title);
  for (HzTeam team = 0; team < N_TEAMS; team++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (hz_team_get_display_name (team));
      g_autofree char *name = g_strdup_printf ("conference-agenda-team-%s", hz_team_to_string (team));

      gtk_widget_set_name (check, name);
      g_object_set_data (G_OBJECT (check), "hz-team", GUINT_TO_POINTER (team));
      g_signal_connect (check, "toggled", G_CALLBACK (on_team_toggled), self);
      gtk_box_append (GTK_BOX (box), check);
    }
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  g_object_set_data (G_OBJECT (button), "hz-checks", box);
  return button;
}

static void
update_teams_button (HzConferenceView *self,
                     GtkWidget        *button,
                     JsonArray        *teams)
{
  GtkWidget *box = g_object_get_data (G_OBJECT (button), "hz-checks");

  self->applying = TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      gboolean needed = FALSE;

      if (!GTK_IS_CHECK_BUTTON (child))
        continue;
      for (guint i = 0; teams != NULL && i < json_array_get_length (teams); i++)
        needed |= g_strcmp0 (json_array_get_string_element (teams, i),
                             hz_team_to_string (GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (child), "hz-team")))) == 0;
      gtk_check_button_set_active (GTK_CHECK_BUTTON (child), needed);
    }
  self->applying = FALSE;
}

static void
update_agenda (HzConferenceView *self)
{
  JsonArray *agenda = agenda_array (self);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key, value;
  guint n = agenda != NULL ? json_array_get_length (agenda) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonObject *item = json_array_get_object_element (agenda, i);
      const char *case_id = get_string (item, "case");
      GtkWidget *row = g_hash_table_lookup (self->agenda_rows, case_id);
      g_autofree char *title = g_strdup_printf ("%u. %s", i + 1, get_string (item, "patient") ? get_string (item, "patient") : case_id);
      g_autoptr(GString) subtitle = g_string_new (NULL);
      JsonArray *actions = json_object_get_array_member (item, "actions");
      guint n_overdue = 0;

      if (row == NULL)
        {
          GtkWidget *progress = gtk_label_new (NULL);
          GtkWidget *up = icon_button ("go-up-symbolic", "conference-agenda-up", _("Move Up"));
          GtkWidget *down = icon_button ("go-down-symbolic", "conference-agenda-down", _("Move Down"));
          GtkWidget *present = icon_button ("media-playback-start-symbolic", "conference-agenda-present",
                                            _("Present This Case"));
          GtkWidget *teams = teams_button (self, case_id);

          row = adw_action_row_new ();
          gtk_widget_set_name (row, "conference-agenda-row");
          adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
          gtk_widget_add_css_class (progress, "dim-label");
          g_object_set_data (G_OBJECT (row), "hz-progress", progress);
          g_object_set_data (G_OBJECT (row), "hz-up", up);
          g_object_set_data (G_OBJECT (row), "hz-down", down);
          g_signal_connect (up, "clicked", G_CALLBACK (on_agenda_up), self);
          g_signal_connect (down, "clicked", G_CALLBACK (on_agenda_down), self);
          g_signal_connect (present, "clicked", G_CALLBACK (on_agenda_present), self);
          g_object_set_data (G_OBJECT (row), "hz-teams", teams);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), progress);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), teams);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), up);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), down);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), present);
          g_object_set_data_full (G_OBJECT (row), "hz-case-id", g_strdup (case_id), g_free);
          gtk_list_box_append (GTK_LIST_BOX (self->agenda), row);
          g_hash_table_insert (self->agenda_rows, g_strdup (case_id), row);
        }
      g_string_append_printf (subtitle, _("Question for the MDT: %s"), get_string (item, "question"));
      if (get_string (item, "reason") != NULL)
        {
          g_string_append_c (subtitle, '\n');
          g_string_append_printf (subtitle, _("Reason for presentation: %s"), get_string (item, "reason"));
        }
      g_string_append_c (subtitle, '\n');
      g_string_append_printf (subtitle, _("Presenting clinician: %s"),
                              get_string (item, "presenter") ? get_string (item, "presenter") : "");
      {
        g_autofree char *teams = team_names (json_object_get_array_member (item, "teams"));
        g_autofree char *missing = missing_line (item);

        g_string_append_c (subtitle, '\n');
        g_string_append_printf (subtitle, _("Teams the case needs: %s"), teams);
        if (missing != NULL)
          g_string_append_printf (subtitle, C_("teams missing", " · %s"), missing);
        update_teams_button (self, g_object_get_data (G_OBJECT (row), "hz-teams"),
                             json_object_get_array_member (item, "teams"));
      }
      for (guint j = 0; actions != NULL && j < json_array_get_length (actions); j++)
        n_overdue += action_is_overdue (json_array_get_object_element (actions, j));
      if (n_overdue > 0)
        {
          g_string_append_c (subtitle, '\n');
          g_string_append_printf (subtitle, g_dngettext (GETTEXT_PACKAGE, "%u action overdue", "%u actions overdue",
                                                         n_overdue), n_overdue);
        }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
      gtk_label_set_text (g_object_get_data (G_OBJECT (row), "hz-progress"), item_progress (item));
      gtk_widget_set_sensitive (g_object_get_data (G_OBJECT (row), "hz-up"), i > 0);
      gtk_widget_set_sensitive (g_object_get_data (G_OBJECT (row), "hz-down"), i + 1 < n);
      g_object_set_data (G_OBJECT (row), "hz-index", GINT_TO_POINTER (i));
      if (n_overdue > 0)
        gtk_widget_add_css_class (row, "error");
      else
        gtk_widget_remove_css_class (row, "error");
      g_hash_table_add (seen, (gpointer) case_id);
    }
  g_hash_table_iter_init (&iter, self->agenda_rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (seen, key))
      {
        gtk_list_box_remove (GTK_LIST_BOX (self->agenda), value);
        g_hash_table_iter_remove (&iter);
      }
  gtk_list_box_invalidate_sort (GTK_LIST_BOX (self->agenda));
  gtk_widget_set_sensitive (self->present_button, n > 0);
}

/* Add a case */

/* The cases the Add Case dialog offers, from one of three sources: the
 * case list, the high-risk registry (the reason its risk factors), or the
 * accepted consultation requests (the question what they ask) */
typedef enum {
  SOURCE_CASES,
  SOURCE_REGISTRY,
  SOURCE_CONSULTATIONS,
} AddSource;

typedef struct
{
  char *case_id;
  char *request_id; /* an accepted consultation request's Task, or NULL */
  char *label;
  char *question;   /* nullable: a prefill */
  char *reason;     /* nullable: a prefill */
} Candidate;

static void
candidate_free (gpointer data)
{
  Candidate *c = data;

  g_free (c->case_id);
  g_free (c->request_id);
  g_free (c->label);
  g_free (c->question);
  g_free (c->reason);
  g_free (c);
}

static void
add_candidate (GPtrArray  *out,
               const char *case_id,
               const char *label,
               const char *question,
               const char *reason)
{
  Candidate *c = g_new0 (Candidate, 1);

  c->case_id = g_strdup (case_id);
  c->label = g_strdup (label);
  c->question = g_strdup (question);
  c->reason = g_strdup (reason);
  g_ptr_array_add (out, c);
}

/* (element-type Candidate) (transfer full) */
static GPtrArray *
list_candidates (HzConferenceView  *self,
                 AddSource          source,
                 GError           **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (candidate_free);

  if (source == SOURCE_CASES)
    {
      g_autoptr(GPtrArray) cases = hz_store_list_cases (self->store, error);

      if (cases == NULL)
        return NULL;
      for (guint i = 0; i < cases->len; i++)
        {
          HzCaseSummary *summary = g_ptr_array_index (cases, i);

          if (hz_case_summary_get_patient_id (summary) != NULL &&
              !agenda_has_case (self, hz_case_summary_get_case_id (summary)))
            add_candidate (out, hz_case_summary_get_case_id (summary), hz_case_summary_get_patient_name (summary),
                           NULL, NULL);
        }
    }
  else if (source == SOURCE_REGISTRY)
    {
      g_autoptr(GPtrArray) entries = hz_registry_list (self->store, NULL, error);

      if (entries == NULL)
        return NULL;
      for (guint i = 0; i < entries->len; i++)
        {
          HzRegistryEntry *entry = g_ptr_array_index (entries, i);
          g_autofree char *risk = hz_registry_entry_dup_risk_text (entry);
          g_autofree char *label = g_strdup_printf ("%s · %s", entry->patient_name, risk);

          if (!agenda_has_case (self, entry->case_id))
            add_candidate (out, entry->case_id, label, NULL, entry->factors);
        }
    }
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autoptr(GPtrArray) referrals = hz_referral_list (self->store, now, error);

      if (referrals == NULL)
        return NULL;
      for (guint i = 0; i < referrals->len; i++)
        {
          HzReferral *referral = g_ptr_array_index (referrals, i);
          g_autofree char *label = NULL;

          if (g_strcmp0 (referral->kind, "consultation") != 0 || referral->status != HZ_REFERRAL_ACCEPTED ||
              agenda_has_case (self, referral->case_id))
            continue;
          label = g_strdup_printf ("%s · %s", referral->patient_name, referral->title ? referral->title : "");
          add_candidate (out, referral->case_id, label, NULL, NULL);
          ((Candidate *) g_ptr_array_index (out, out->len - 1))->request_id = g_strdup (referral->task_id);
        }
    }
  return g_steal_pointer (&out);
}

static void
on_add_case_input (GtkWidget *dialog)
{
  const char *question = gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), "hz-question"));
  GPtrArray *candidates = g_object_get_data (G_OBJECT (dialog), "hz-candidates");
  guint selected = adw_combo_row_get_selected (g_object_get_data (G_OBJECT (dialog), "hz-case"));

  Candidate *c = candidates != NULL && selected < candidates->len ? g_ptr_array_index (candidates, selected) : NULL;
  gboolean from_request = c != NULL && c->request_id != NULL;

  /* a consultation request brings its own question and reason (its 会诊申请 form) */
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (dialog), "hz-question"), !from_request);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (dialog), "hz-reason"), !from_request);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (dialog), "hz-presenter"), !from_request);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add",
                                           c != NULL && (from_request || *question != '\0'));
}

/* A candidate chosen: what its source says fills the empty fields */
static void
on_add_case_selected (GtkWidget *dialog)
{
  GPtrArray *candidates = g_object_get_data (G_OBJECT (dialog), "hz-candidates");
  guint selected = adw_combo_row_get_selected (g_object_get_data (G_OBJECT (dialog), "hz-case"));
  GtkEditable *question = g_object_get_data (G_OBJECT (dialog), "hz-question");
  GtkEditable *reason = g_object_get_data (G_OBJECT (dialog), "hz-reason");
  Candidate *c = candidates != NULL && selected < candidates->len ? g_ptr_array_index (candidates, selected) : NULL;

  if (c != NULL && c->question != NULL && *gtk_editable_get_text (question) == '\0')
    gtk_editable_set_text (question, c->question);
  if (c != NULL && c->reason != NULL && *gtk_editable_get_text (reason) == '\0')
    gtk_editable_set_text (reason, c->reason);
  on_add_case_input (dialog);
}

static void
on_add_case_source (GtkWidget *dialog)
{
  HzConferenceView *self = g_object_get_data (G_OBJECT (dialog), "hz-view");
  AddSource source = adw_combo_row_get_selected (g_object_get_data (G_OBJECT (dialog), "hz-source"));
  GtkWidget *combo = g_object_get_data (G_OBJECT (dialog), "hz-case");
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GPtrArray *candidates = list_candidates (self, source, &error);

  if (candidates == NULL)
    {
      show_error (self, error);
      candidates = g_ptr_array_new_with_free_func (candidate_free);
    }
  for (guint i = 0; i < candidates->len; i++)
    gtk_string_list_append (names, ((Candidate *) g_ptr_array_index (candidates, i))->label);
  g_object_set_data_full (G_OBJECT (dialog), "hz-candidates", candidates, (GDestroyNotify) g_ptr_array_unref);
  adw_combo_row_set_model (ADW_COMBO_ROW (combo), G_LIST_MODEL (names));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (combo), candidates->len == 0 ? _("None to add from here") : NULL);
  on_add_case_selected (dialog);
}

static void
on_add_case_response (AdwMessageDialog *dialog,
                      const char       *response,
                      HzConferenceView *self)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *candidates = g_object_get_data (G_OBJECT (dialog), "hz-candidates");
  guint selected = adw_combo_row_get_selected (g_object_get_data (G_OBJECT (dialog), "hz-case"));
  const char *question = gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), "hz-question"));
  const char *reason = gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), "hz-reason"));
  const char *presenter = gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), "hz-presenter"));
  Candidate *c;

  if (g_strcmp0 (response, "add") != 0 || candidates == NULL || selected >= candidates->len)
    return;
  c = g_ptr_array_index (candidates, selected);
  if (c->request_id != NULL ? !hz_meeting_add_case_from_request (self->store, self->meeting_id, c->request_id, &error)
                            : !hz_meeting_add_case (self->store, self->meeting_id, c->case_id, question,
                                                    *reason ? reason : NULL, *presenter ? presenter : NULL, &error))
    show_error (self, error);
}

/* The Add Case dialog; @case_id (nullable): that case of the case list
 * chosen already (a row dropped on the agenda) */
static void
add_case_dialog (HzConferenceView *self,
                 const char       *case_id)
{
  g_autoptr(GtkStringList) sources = gtk_string_list_new (NULL);
  GtkWidget *dialog, *group, *source, *combo, *question, *reason, *presenter;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Add a Case to the Agenda"), NULL);
  gtk_widget_set_name (dialog, "conference-add-case-dialog");
  group = adw_preferences_group_new ();
  source = adw_combo_row_new ();
  gtk_widget_set_name (source, "conference-add-source");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (source), _("From"));
  gtk_string_list_append (sources, _("Case list"));
  gtk_string_list_append (sources, _("High-risk registry"));
  gtk_string_list_append (sources, _("Accepted consultation requests"));
  adw_combo_row_set_model (ADW_COMBO_ROW (source), G_LIST_MODEL (sources));
  combo = adw_combo_row_new ();
  gtk_widget_set_name (combo, "conference-add-case");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (combo), _("Case"));
  question = entry_row ("conference-add-question", _("Question for the MDT"), NULL);
  reason = entry_row ("conference-add-reason", _("Reason for presentation"), NULL);
  presenter = entry_row ("conference-add-presenter", _("Presenting clinician (you when empty)"), NULL);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), source);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), combo);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), question);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), reason);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), presenter);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), group);
  g_object_set_data (G_OBJECT (dialog), "hz-view", self);
  g_object_set_data (G_OBJECT (dialog), "hz-source", source);
  g_object_set_data (G_OBJECT (dialog), "hz-case", combo);
  g_object_set_data (G_OBJECT (dialog), "hz-question", question);
  g_object_set_data (G_OBJECT (dialog), "hz-reason", reason);
  g_object_set_data (G_OBJECT (dialog), "hz-presenter", presenter);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "add", _("_Add"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add", ADW_RESPONSE_SUGGESTED);
  g_signal_connect_swapped (question, "changed", G_CALLBACK (on_add_case_input), dialog);
  g_signal_connect_swapped (combo, "notify::selected", G_CALLBACK (on_add_case_selected), dialog);
  g_signal_connect_swapped (source, "notify::selected", G_CALLBACK (on_add_case_source), dialog);
  on_add_case_source (dialog);
  if (case_id != NULL)
    {
      GPtrArray *candidates = g_object_get_data (G_OBJECT (dialog), "hz-candidates");

      for (guint i = 0; i < candidates->len; i++)
        if (g_strcmp0 (((Candidate *) g_ptr_array_index (candidates, i))->case_id, case_id) == 0)
          adw_combo_row_set_selected (ADW_COMBO_ROW (combo), i);
    }
  g_signal_connect (dialog, "response", G_CALLBACK (on_add_case_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_add_case (HzConferenceView *self)
{
  add_case_dialog (self, NULL);
}

/* A case row of the case list dropped on the agenda */
static gboolean
on_agenda_drop (GtkDropTarget    *target,
                const GValue     *value,
                double            x,
                double            y,
                HzConferenceView *self)
{
  HzCaseSummary *summary = g_value_get_object (value);
  const char *case_id = summary != NULL ? hz_case_summary_get_case_id (summary) : NULL;

  if (case_id == NULL || self->meeting_id == NULL)
    return FALSE;
  if (agenda_has_case (self, case_id))
    {
      g_autoptr(GError) error = g_error_new (HZ_MEETING_ERROR, HZ_MEETING_ERROR_INVALID,
                                             _("%s is on the agenda already"),
                                             hz_case_summary_get_patient_name (summary));

      show_error (self, error);
      return FALSE;
    }
  add_case_dialog (self, case_id);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* The opinion boxes */

static char *
buffer_dup_text (GtkWidget *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
buffer_set_text (GtkWidget  *view,
                 const char *text)
{
  g_autofree char *now = buffer_dup_text (view);

  if (g_strcmp0 (now, text ? text : "") != 0)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text ? text : "", -1);
}

static gboolean
box_is_dirty (OpinionBox *box)
{
  return box->generation != box->saved_generation;
}

static void
set_box_status (OpinionBox *box,
                const char *text,
                gboolean    error)
{
  gtk_label_set_text (GTK_LABEL (box->status), text);
  if (error)
    gtk_widget_add_css_class (box->status, "error");
  else
    gtk_widget_remove_css_class (box->status, "error");
}

typedef struct
{
  OpinionBox *box;
  guint       generation;
  char       *text;
} OpinionSave;

static void
opinion_save_free (OpinionSave *save)
{
  g_free (save->text);
  g_free (save);
}

static void
on_opinion_saved (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  OpinionSave *save = data;
  OpinionBox *box = save->box;
  g_autoptr(GError) error = NULL;
  HzSaveOutcome outcome = hz_save_resource_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      opinion_save_free (save);
      return;
    }
  box->n_saving--;
  switch (outcome)
    {
    case HZ_SAVE_SAVED:
      if (box->saved_generation < save->generation)
        box->saved_generation = save->generation;
      g_free (box->base_text);
      box->base_text = g_strdup (save->text);
      break;
    case HZ_SAVE_DISCARDED:
      /* the clinician kept the other version: the box shows it */
      box->saved_generation = box->generation;
      break;
    case HZ_SAVE_FAILED:
    default:
      set_box_status (box, error->message, TRUE);
      break;
    }
  opinion_save_free (save);
  refresh (box->self);
}

static void
opinion_save (OpinionBox *box)
{
  HzConferenceView *self = box->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *author = NULL;
  g_autofree char *stripped = NULL;
  g_autoptr(HzResource) stored = NULL;
  g_autoptr(JsonObject) object = NULL;
  JsonObject *item = NULL;
  JsonArray *agenda = agenda_array (self);
  const char *opinion_id;
  OpinionSave *save;

  g_clear_handle_id (&box->timeout, g_source_remove);
  if (!box_is_dirty (box) || box->case_id == NULL || self->meeting_id == NULL)
    return;
  text = buffer_dup_text (box->view);
  stripped = g_strstrip (g_strdup (text));
  if (*stripped == '\0')
    {
      /* an opinion is never erased by emptying its box */
      set_box_status (box, _("An empty opinion is not saved; the last one stays"), TRUE);
      return;
    }
  for (guint i = 0; agenda != NULL && i < json_array_get_length (agenda); i++)
    if (g_strcmp0 (get_string (json_array_get_object_element (agenda, i), "case"), box->case_id) == 0)
      item = json_array_get_object_element (agenda, i);
  opinion_id = get_string (item, "opinion-id");

  set_box_status (box, _("Saving…"), FALSE);
  /* the first opinion of a case makes its 会诊意见书: the library's */
  if (opinion_id == NULL)
    {
      guint generation = box->generation;

      if (!hz_meeting_save_opinion (self->store, self->meeting_id, box->case_id, hz_team_to_string (box->team), text,
                                    FALSE, &error))
        {
          set_box_status (box, error->message, TRUE);
          return;
        }
      box->saved_generation = generation;
      g_free (box->base_text);
      box->base_text = g_steal_pointer (&text);
      return;
    }

  stored = hz_store_get (self->store, "Composition", opinion_id, &error);
  if (stored == NULL)
    {
      set_box_status (box, error->message, TRUE);
      return;
    }
  object = hz_resource_dup_json (stored);
  /* another clinician changed this team's opinion since the typing began:
   * write on the version the box started from, and the save path asks */
  if (g_strcmp0 (get_string (item_opinion (item, box->team), "text"), box->base_text) != 0)
    {
      JsonObject *meta = json_object_get_object_member (object, "meta");

      if (box->base_version == NULL || meta == NULL)
        {
          /* the 会诊意见书 was made meanwhile, this team's opinion in it:
           * nothing to ask the save path about. The text typed is kept,
           * not written; typing on saves it on top of theirs. */
          g_autofree char *message = g_strdup_printf (_("Written meanwhile by %s: your text is kept, not saved; "
                                                        "type on to save it over theirs"),
                                                      get_string (item_opinion (item, box->team), "author"));

          set_box_status (box, message, TRUE);
          g_free (box->base_text);
          box->base_text = g_strdup (get_string (item_opinion (item, box->team), "text"));
          g_free (box->base_version);
          box->base_version = g_strdup (self->opinion_version);
          return;
        }
      json_object_set_string_member (meta, "versionId", box->base_version);
    }
  author = hz_actor_dup_display (hz_store_get_actor (self->store));
  hz_meeting_opinion_set_section (object, box->team, author, text);

  save = g_new0 (OpinionSave, 1);
  save->box = box;
  save->generation = box->generation;
  save->text = g_steal_pointer (&text);
  box->n_saving++;
  hz_save_resource_async (GTK_WIDGET (self), self->store, box->case_id, object, self->cancellable,
                          on_opinion_saved, save);
}

static gboolean
on_opinion_pause (gpointer data)
{
  OpinionBox *box = data;

  box->timeout = 0;
  opinion_save (box);
  return G_SOURCE_REMOVE;
}

static void
on_opinion_changed (GtkTextBuffer *buffer,
                    OpinionBox    *box)
{
  HzConferenceView *self = box->self;
  JsonObject *item = agenda_item (self, self->presented);

  if (self->applying)
    return;
  if (item_is_signed (item))
    {
      /* read-only: what is signed stays as signed */
      self->applying = TRUE;
      buffer_set_text (box->view, get_string (item_opinion (item, box->team), "text"));
      self->applying = FALSE;
      set_box_status (box, _("The consultation opinion is signed: amend it to make a new version"), TRUE);
      return;
    }
  if (!box_is_dirty (box))
    {
      g_free (box->case_id);
      box->case_id = g_strdup (presented_case_id (self));
    }
  box->generation++;
  g_clear_handle_id (&box->timeout, g_source_remove);
  box->timeout = g_timeout_add (OPINION_PAUSE_MS, on_opinion_pause, box);
}

static void
update_box (HzConferenceView *self,
            OpinionBox       *box,
            JsonObject       *item)
{
  JsonObject *opinion = item_opinion (item, box->team);
  const char *text = get_string (opinion, "text");
  const char *author = get_string (opinion, "author");
  gboolean is_signed = item_is_signed (item);

  gtk_text_view_set_editable (GTK_TEXT_VIEW (box->view), !is_signed);
  if (box_is_dirty (box) || box->n_saving > 0 || box->timeout != 0)
    {
      if (g_strcmp0 (box->case_id, get_string (item, "case")) == 0 && g_strcmp0 (text, box->base_text) != 0 &&
          box->n_saving == 0)
        {
          g_autofree char *message = g_strdup_printf (_("Changed meanwhile by %s: your text is kept, and saving "
                                                        "asks which version to keep"), author ? author : "");

          set_box_status (box, message, TRUE);
        }
      return;
    }
  self->applying = TRUE;
  buffer_set_text (box->view, text);
  self->applying = FALSE;
  g_free (box->case_id);
  box->case_id = g_strdup (get_string (item, "case"));
  g_free (box->base_text);
  box->base_text = g_strdup (text);
  g_free (box->base_version);
  box->base_version = g_strdup (self->opinion_version);
  if (author != NULL)
    {
      g_autofree char *by = g_strdup_printf (C_("opinion author", "By %s"), author);

      set_box_status (box, by, FALSE);
    }
  else
    set_box_status (box, _("No opinion yet"), FALSE);

  /* back on a case whose box held text not saved: it is there again, as it
   * was (typing on saves it, asking when someone else wrote meanwhile) */
  if (box->case_id != NULL && !is_signed)
    {
      g_autofree char *key = draft_key (self->meeting_id, box->case_id, box->team);
      Draft *draft = g_hash_table_lookup (self->drafts, key);

      if (draft != NULL)
        {
          g_autofree char *message = g_strdup_printf (_("Your text, not saved when you moved to another case, is back. %s"),
                                                      draft->status != NULL ? draft->status : "");

          self->applying = TRUE;
          buffer_set_text (box->view, draft->text);
          self->applying = FALSE;
          g_free (box->base_text);
          box->base_text = g_strdup (draft->base_text);
          g_free (box->base_version);
          box->base_version = g_strdup (draft->base_version);
          box->generation++;
          set_box_status (box, message, TRUE);
          g_hash_table_remove (self->drafts, key);
        }
    }
}

/* ------------------------------------------------------------------ */
/* The decision and its actions */

static GtkWidget *
owner_drop_down (void)
{
  g_autoptr(GtkStringList) owners = gtk_string_list_new (NULL);

  for (HzTeam team = 0; team < N_TEAMS; team++)
    gtk_string_list_append (owners, hz_team_get_display_name (team));
  gtk_string_list_append (owners, _("A named person"));
  return gtk_drop_down_new (G_LIST_MODEL (g_object_ref (owners)), NULL);
}

static void
on_decision_edited (HzConferenceView *self)
{
  if (!self->applying)
    self->decision_dirty = TRUE;
}

static void
on_owner_selected (GtkDropDown *owner,
                   GParamSpec  *pspec,
                   GtkWidget   *person)
{
  gtk_widget_set_visible (person, gtk_drop_down_get_selected (owner) == N_TEAMS);
}

static void
on_followup (GtkButton        *button,
             HzConferenceView *self)
{
  hz_conference_view_book_followup (self, g_object_get_data (G_OBJECT (button), "hz-action-id"),
                                    g_object_get_data (G_OBJECT (button), "hz-action-text"),
                                    g_object_get_data (G_OBJECT (button), "hz-action-due"));
}

static void
on_remove_action (GtkButton        *button,
                  HzConferenceView *self)
{
  gtk_box_remove (GTK_BOX (self->actions), gtk_widget_get_parent (GTK_WIDGET (button)));
  self->decision_dirty = TRUE;
}

/* A row of the actions editor, filled from @action (nullable: new) */
static GtkWidget *
add_action_row (HzConferenceView *self,
                JsonObject       *action)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *what = gtk_entry_new ();
  GtkWidget *owner = owner_drop_down ();
  GtkWidget *person = gtk_entry_new ();
  GtkWidget *due = gtk_entry_new ();
  GtkWidget *status = gtk_label_new (NULL);
  GtkWidget *remove = icon_button ("list-remove-symbolic", "conference-action-remove", _("Remove Action"));
  const char *owner_text = get_string (action, "owner");
  guint selected = N_TEAMS;

  gtk_widget_set_name (row, "conference-action");
  gtk_widget_set_name (what, "conference-action-what");
  gtk_widget_set_name (owner, "conference-action-owner");
  gtk_widget_set_name (person, "conference-action-person");
  gtk_widget_set_name (due, "conference-action-due");
  gtk_widget_set_name (status, "conference-action-status");
  gtk_widget_set_hexpand (what, TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (what), _("What is to be done"));
  gtk_entry_set_placeholder_text (GTK_ENTRY (person), _("Name of the person"));
  gtk_entry_set_placeholder_text (GTK_ENTRY (due), _("Due (YYYY-MM-DD)"));
  gtk_editable_set_width_chars (GTK_EDITABLE (due), 12);
  hz_ui_set_accessible_label (what, _("Action"));
  hz_ui_set_accessible_label (owner, _("Owner"));
  hz_ui_set_accessible_label (due, _("Due date"));
  g_signal_connect (owner, "notify::selected", G_CALLBACK (on_owner_selected), person);
  if (action != NULL)
    {
      g_autoptr(GString) text = g_string_new (hz_conference_action_status_display (get_string (action, "status")));
      const char *code = get_string (action, "status");

      if (g_strcmp0 (code, "completed") != 0 && g_strcmp0 (code, "cancelled") != 0)
        {
          GtkWidget *followup = icon_button ("appointment-new-symbolic", "conference-action-followup",
                                             _("Book a Follow-up…"));

          g_object_set_data_full (G_OBJECT (followup), "hz-action-id", g_strdup (get_string (action, "id")), g_free);
          g_object_set_data_full (G_OBJECT (followup), "hz-action-text", g_strdup (get_string (action, "text")), g_free);
          g_object_set_data_full (G_OBJECT (followup), "hz-action-due", g_strdup (get_string (action, "due")), g_free);
          g_signal_connect (followup, "clicked", G_CALLBACK (on_followup), self);
          /* booking is no edit of the signed record: it stays clickable */
          g_object_set_data (G_OBJECT (row), "hz-followup", followup);
        }

      gtk_editable_set_text (GTK_EDITABLE (what), get_string (action, "text") ? get_string (action, "text") : "");
      gtk_editable_set_text (GTK_EDITABLE (due), get_string (action, "due") ? get_string (action, "due") : "");
      for (HzTeam team = 0; team < N_TEAMS; team++)
        if (g_strcmp0 (owner_text, hz_team_get_display_name (team)) == 0)
          selected = team;
      if (selected == N_TEAMS)
        gtk_editable_set_text (GTK_EDITABLE (person), owner_text ? owner_text : "");
      if (action_is_overdue (action))
        {
          g_string_append (text, " · ");
          g_string_append (text, _("Overdue"));
          gtk_widget_add_css_class (status, "error");
        }
      gtk_label_set_text (GTK_LABEL (status), text->str);
    }
  else
    selected = HZ_TEAM_OBSTETRICS;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (owner), selected);
  on_owner_selected (GTK_DROP_DOWN (owner), NULL, person);
  g_signal_connect_swapped (what, "changed", G_CALLBACK (on_decision_edited), self);
  g_signal_connect_swapped (person, "changed", G_CALLBACK (on_decision_edited), self);
  g_signal_connect_swapped (due, "changed", G_CALLBACK (on_decision_edited), self);
  g_signal_connect_swapped (owner, "notify::selected", G_CALLBACK (on_decision_edited), self);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_action), self);
  gtk_box_append (GTK_BOX (row), what);
  gtk_box_append (GTK_BOX (row), owner);
  gtk_box_append (GTK_BOX (row), person);
  gtk_box_append (GTK_BOX (row), due);
  gtk_box_append (GTK_BOX (row), status);
  if (g_object_get_data (G_OBJECT (row), "hz-followup") != NULL)
    gtk_box_append (GTK_BOX (row), g_object_get_data (G_OBJECT (row), "hz-followup"));
  gtk_box_append (GTK_BOX (row), remove);
  gtk_box_append (GTK_BOX (self->actions), row);
  return row;
}

static void
on_add_action (HzConferenceView *self)
{
  GtkWidget *row = add_action_row (self, NULL);

  self->decision_dirty = TRUE;
  gtk_widget_grab_focus (gtk_widget_get_first_child (row));
}

static GtkWidget *
find_child_named (GtkWidget  *parent,
                  const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (parent); child; child = gtk_widget_get_next_sibling (child))
    if (g_strcmp0 (gtk_widget_get_name (child), name) == 0)
      return child;
  return NULL;
}

static void
on_decide (HzConferenceView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) actions = g_array_new (FALSE, TRUE, sizeof (HzMeetingAction));
  g_autoptr(GPtrArray) storage = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autofree char *text = buffer_dup_text (self->decision);
  g_autofree char *plan = NULL;
  const char *case_id = presented_case_id (self);

  if (case_id == NULL)
    return;
  for (GtkWidget *row = gtk_widget_get_first_child (self->actions); row; row = gtk_widget_get_next_sibling (row))
    {
      const char *what = gtk_editable_get_text (GTK_EDITABLE (find_child_named (row, "conference-action-what")));
      guint owner = gtk_drop_down_get_selected (GTK_DROP_DOWN (find_child_named (row, "conference-action-owner")));
      const char *person = gtk_editable_get_text (GTK_EDITABLE (find_child_named (row, "conference-action-person")));
      const char *due = gtk_editable_get_text (GTK_EDITABLE (find_child_named (row, "conference-action-due")));
      g_autofree char *spec = NULL;
      HzMeetingAction action;
      char **parts = NULL;

      if (*what == '\0' && *due == '\0')
        continue;
      spec = g_strdup_printf ("%s|%s|%s", what, owner < N_TEAMS ? hz_team_to_string (owner) : person, due);
      if (!hz_meeting_action_parse (spec, &action, &parts, &error))
        {
          show_error (self, error);
          return;
        }
      g_ptr_array_add (storage, parts);
      g_array_append_val (actions, action);
    }
  plan = hz_meeting_decide (self->store, self->meeting_id, case_id, g_strstrip (text),
                            (HzMeetingAction *) actions->data, actions->len, &error);
  if (plan == NULL)
    {
      show_error (self, error);
      return;
    }
  self->decision_dirty = FALSE;
  refresh (self);
}

static void
on_sign (HzConferenceView *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *provenance = NULL;
  const char *case_id = presented_case_id (self);

  if (case_id == NULL)
    return;
  hz_conference_view_flush (self);
  if (hz_conference_view_get_n_saving (self) > 0)
    {
      show_message (self, _("The opinions are being saved; sign once they are"));
      return;
    }
  if (self->decision_dirty)
    {
      show_message (self, _("Record the decision before signing"));
      return;
    }
  provenance = hz_meeting_sign (self->store, self->meeting_id, case_id, &error);
  if (provenance == NULL)
    {
      show_error (self, error);
      return;
    }
  refresh (self);
}

/* A new version of the signed 会诊意见书, unsigned, to edit and sign again */
static void
on_amend (HzConferenceView *self)
{
  g_autoptr(GError) error = NULL;
  const char *case_id = presented_case_id (self);

  if (case_id == NULL)
    return;
  if (!hz_meeting_amend (self->store, self->meeting_id, case_id, &error))
    {
      show_error (self, error);
      return;
    }
  show_message (self, _("Amending: a changed opinion makes a new version of the consultation opinion, "
                        "to be signed again"));
  refresh (self);
}

static void
update_decision (HzConferenceView *self,
                 JsonObject       *item)
{
  JsonArray *actions = json_object_get_array_member (item, "actions");
  JsonArray *signatures = json_object_get_array_member (item, "signatures");
  gboolean is_signed = item_is_signed (item);
  gboolean editable = !is_signed;
  GtkWidget *child;

  if (!self->decision_dirty)
    {
      self->applying = TRUE;
      buffer_set_text (self->decision, get_string (item, "decision"));
      while ((child = gtk_widget_get_first_child (self->actions)) != NULL)
        gtk_box_remove (GTK_BOX (self->actions), child);
      for (guint i = 0; actions != NULL && i < json_array_get_length (actions); i++)
        {
          JsonObject *action = json_array_get_object_element (actions, i);

          if (g_strcmp0 (get_string (action, "status"), "cancelled") != 0)
            add_action_row (self, action);
        }
      self->applying = FALSE;
    }
  gtk_text_view_set_editable (GTK_TEXT_VIEW (self->decision), editable);
  /* the signed actions read-only; a follow-up can still be booked */
  for (GtkWidget *row = gtk_widget_get_first_child (self->actions); row; row = gtk_widget_get_next_sibling (row))
    for (GtkWidget *w = gtk_widget_get_first_child (row); w; w = gtk_widget_get_next_sibling (w))
      if (g_strcmp0 (gtk_widget_get_name (w), "conference-action-followup") != 0 && !GTK_IS_LABEL (w))
        gtk_widget_set_sensitive (w, editable);
  gtk_widget_set_sensitive (self->add_action, editable);
  gtk_widget_set_sensitive (self->decide, editable);
  gtk_widget_set_visible (self->amend, is_signed);
  if (signatures != NULL && json_array_get_length (signatures) > 0)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint i = 0; i < json_array_get_length (signatures); i++)
        {
          JsonObject *sig = json_array_get_object_element (signatures, i);
          g_autofree char *when = format_start (get_string (sig, "when"));
          g_autofree char *hash = g_strndup (get_string (sig, "sha256") ? get_string (sig, "sha256") : "", 16);
          g_autofree char *line = NULL;

          if (json_object_get_boolean_member_with_default (sig, "matches", FALSE))
            /* Translators: signer, date and time, the start of the SHA-256 */
            line = g_strdup_printf (_("Signed by %s on %s · SHA-256 %s…"), get_string (sig, "signer"), when, hash);
          else
            /* Translators: a signature of a version before the amendment */
            line = g_strdup_printf (_("Signed by %s on %s, an earlier version"), get_string (sig, "signer"), when);
          g_string_append_printf (text, "%s%s", i ? "\n" : "", line);
        }
      if (!is_signed)
        {
          g_string_append_c (text, '\n');
          g_string_append (text, _("Amended: not signed yet"));
        }
      gtk_label_set_text (GTK_LABEL (self->signature), text->str);
    }
  else
    gtk_label_set_text (GTK_LABEL (self->signature), _("Not signed"));
  if (is_signed)
    gtk_widget_add_css_class (self->signature, "success");
  else
    gtk_widget_remove_css_class (self->signature, "success");
}

/* ------------------------------------------------------------------ */
/* The presentation */

static void
update_timer (HzConferenceView *self)
{
  GTimer *timer = presented_case_id (self) ? g_hash_table_lookup (self->timers, presented_case_id (self)) : NULL;
  guint seconds = timer != NULL ? (guint) g_timer_elapsed (timer, NULL) : 0;
  /* Translators: minutes and seconds spent on the case */
  g_autofree char *text = g_strdup_printf (_("Time on this case %02u:%02u"), seconds / 60, seconds % 60);

  gtk_label_set_text (GTK_LABEL (self->run_timer), text);
}

static gboolean
on_tick (gpointer data)
{
  HzConferenceView *self = data;

  if (self->presented >= 0)
    update_timer (self);
  return G_SOURCE_CONTINUE;
}

static void
update_run (HzConferenceView *self)
{
  JsonObject *item = agenda_item (self, self->presented);
  JsonArray *agenda = agenda_array (self);
  guint n = agenda != NULL ? json_array_get_length (agenda) : 0;
  g_autofree char *position = NULL;
  g_autoptr(GString) details = g_string_new (NULL);
  g_autoptr(HzResource) composition = NULL;

  if (item == NULL)
    return;
  position = g_strdup_printf (_("Case %d of %u"), self->presented + 1, n);
  gtk_label_set_text (GTK_LABEL (self->run_patient), get_string (item, "patient"));
  gtk_label_set_text (GTK_LABEL (self->run_position), position);
  gtk_label_set_text (GTK_LABEL (self->run_question), get_string (item, "question"));
  if (get_string (item, "reason") != NULL)
    {
      g_string_append_printf (details, _("Reason for presentation: %s"), get_string (item, "reason"));
      g_string_append (details, "\n");
    }
  g_string_append_printf (details, _("Presenting clinician: %s"),
                          get_string (item, "presenter") ? get_string (item, "presenter") : "");
  {
    g_autofree char *teams = team_names (json_object_get_array_member (item, "teams"));
    g_autofree char *missing = missing_line (item);

    g_string_append (details, "\n");
    g_string_append_printf (details, _("Teams the case needs: %s"), teams);
    if (missing != NULL)
      g_string_append_printf (details, C_("teams missing", " · %s"), missing);
  }
  gtk_label_set_text (GTK_LABEL (self->run_details), details->str);
  gtk_widget_set_sensitive (self->run_prev, self->presented > 0);
  gtk_widget_set_sensitive (self->run_next, (guint) self->presented + 1 < n);
  adw_window_title_set_subtitle (ADW_WINDOW_TITLE (self->title), get_string (item, "patient"));

  /* the version the boxes start from */
  g_clear_pointer (&self->opinion_version, g_free);
  if (get_string (item, "opinion-id") != NULL &&
      (composition = hz_store_get (self->store, "Composition", get_string (item, "opinion-id"), NULL)) != NULL)
    self->opinion_version = g_strdup (hz_jv_get_path_string (hz_resource_get_value (composition), "meta.versionId"));
  for (HzTeam team = 0; team < N_TEAMS; team++)
    update_box (self, &self->boxes[team], item);
  /* the other team is whoever attends for it */
  {
    JsonObject *other = attendance_of (self, HZ_TEAM_OTHER);
    const char *name = get_string (other, "name") ? get_string (other, "name") : get_string (other, "deputy");
    /* Translators: the other team's opinion box, with who attends for it */
    g_autofree char *title = name ? g_strdup_printf (_("%s (%s)"), hz_team_get_display_name (HZ_TEAM_OTHER), name)
                                  : g_strdup (hz_team_get_display_name (HZ_TEAM_OTHER));

    gtk_label_set_text (GTK_LABEL (self->boxes[HZ_TEAM_OTHER].heading), title);
  }
  update_decision (self, item);
  update_timer (self);
}

gboolean
hz_conference_view_present (HzConferenceView *self,
                            guint             index)
{
  const char *old_case, *new_case;
  GTimer *timer;

  g_return_val_if_fail (HZ_IS_CONFERENCE_VIEW (self), FALSE);

  if (agenda_item (self, index) == NULL)
    return FALSE;
  /* what is typed is of the case it was typed on */
  hz_conference_view_flush (self);
  old_case = presented_case_id (self);
  if (old_case != NULL && (timer = g_hash_table_lookup (self->timers, old_case)) != NULL)
    g_timer_stop (timer);
  self->presented = index;
  self->decision_dirty = FALSE;
  new_case = presented_case_id (self);
  if ((timer = g_hash_table_lookup (self->timers, new_case)) == NULL)
    g_hash_table_insert (self->timers, g_strdup (new_case), g_timer_new ());
  else
    g_timer_continue (timer);
  for (HzTeam team = 0; team < N_TEAMS; team++)
    {
      OpinionBox *box = &self->boxes[team];
      g_autofree char *text = buffer_dup_text (box->view);
      g_autofree char *stripped = g_strstrip (g_strdup (text));

      /* typed and not saved (the flush could not): kept for the return */
      if (box_is_dirty (box) && box->n_saving == 0 && box->case_id != NULL &&
          g_strcmp0 (box->case_id, new_case) != 0 && *stripped != '\0')
        {
          Draft *draft = g_new0 (Draft, 1);

          draft->text = g_steal_pointer (&text);
          draft->base_text = g_strdup (box->base_text);
          draft->base_version = g_strdup (box->base_version);
          draft->status = g_strdup (gtk_label_get_text (GTK_LABEL (box->status)));
          g_hash_table_replace (self->drafts, draft_key (self->meeting_id, box->case_id, team), draft);
        }
      box->saved_generation = box->generation;
    }
  /* the case's risk grade beside the name (read once a case is presented) */
  {
    g_autoptr(HzCaseSummary) summary = hz_store_get_case_summary (self->store, new_case, NULL);

    gtk_widget_set_visible (self->run_risk, summary != NULL);
    if (summary != NULL)
      hz_ui_risk_badge_update (self->run_risk, hz_case_summary_get_risk (summary),
                               hz_case_summary_get_infectious (summary));
  }
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "run");
  gtk_widget_set_visible (self->back, TRUE);
  gtk_widget_set_visible (self->present_button, FALSE);
  gtk_widget_set_visible (self->minutes_button, FALSE);
  gtk_widget_set_visible (self->print_minutes, FALSE);
  gtk_widget_set_visible (self->opinion_pdf_button, TRUE);
  gtk_widget_set_visible (self->print_opinion, TRUE);
  gtk_widget_set_visible (self->new_button, FALSE);
  update_run (self);
  /* the remote sites follow: the case is shared (once), then shown there */
  remote_present (self);
  update_remote (self);
  /* the keyboard stays on the presentation when the button pressed last
   * is the end of the agenda */
  {
    GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
    GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
    GtkWidget *page = gtk_stack_get_child_by_name (GTK_STACK (self->stack), "run");

    if (focus == NULL || !gtk_widget_is_sensitive (focus) || !gtk_widget_is_ancestor (focus, page))
      gtk_widget_grab_focus (gtk_widget_is_sensitive (self->run_next) ? self->run_next : self->run_prev);
  }
  return TRUE;
}

int
hz_conference_view_get_presented (HzConferenceView *self)
{
  g_return_val_if_fail (HZ_IS_CONFERENCE_VIEW (self), -1);
  return g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (self->stack)), "run") == 0 ? self->presented : -1;
}

static gboolean
on_next_case (GtkWidget *widget,
              GVariant  *args,
              gpointer   data)
{
  HzConferenceView *self = data;

  return hz_conference_view_get_presented (self) >= 0 && hz_conference_view_present (self, self->presented + 1);
}

static gboolean
on_previous_case (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   data)
{
  HzConferenceView *self = data;

  return hz_conference_view_get_presented (self) > 0 && hz_conference_view_present (self, self->presented - 1);
}

/* ------------------------------------------------------------------ */
/* The remote session */

static void
remote_present (HzConferenceView *self)
{
  const char *case_id = presented_case_id (self);
  JsonArray *agenda = agenda_array (self);

  if (self->remote == NULL || case_id == NULL || hz_conference_view_get_presented (self) < 0)
    return;
  hz_conference_remote_present (self->remote, case_id, self->presented + 1,
                                agenda != NULL ? json_array_get_length (agenda) : 0, self->last_page);
}

static void
update_remote (HzConferenceView *self)
{
  GtkWidget *status = g_hash_table_lookup (self->remote_parts, "status");
  g_autofree char *text = NULL;
  gboolean problem = FALSE;

  if (self->remote != NULL)
    text = hz_conference_remote_dup_status (self->remote, &problem);
  gtk_label_set_text (GTK_LABEL (status), text != NULL ? text : _("Not in a remote session"));
  gtk_label_set_text (GTK_LABEL (self->run_remote), text != NULL ? text : "");
  gtk_widget_set_visible (self->run_remote, text != NULL);
  for (guint i = 0; i < 2; i++)
    {
      GtkWidget *label = i == 0 ? status : self->run_remote;

      if (problem)
        gtk_widget_add_css_class (label, "warning");
      else
        gtk_widget_remove_css_class (label, "warning");
    }
  gtk_widget_set_visible (g_hash_table_lookup (self->remote_parts, "connect"), self->remote == NULL);
  gtk_widget_set_visible (g_hash_table_lookup (self->remote_parts, "leave"), self->remote != NULL);
  gtk_widget_set_visible (g_hash_table_lookup (self->remote_parts, "share"), self->remote != NULL);
  gtk_widget_set_sensitive (g_hash_table_lookup (self->remote_parts, "share"),
                            self->remote != NULL && hz_conference_view_get_presented (self) >= 0);
  for (const char *const *name = (const char *const[]) { "url", "token", "sites", NULL }; *name != NULL; name++)
    gtk_widget_set_sensitive (g_hash_table_lookup (self->remote_parts, *name), self->remote == NULL);
}

static void
remote_leave (HzConferenceView *self)
{
  if (self->remote == NULL)
    return;
  g_clear_signal_handler (&self->remote_handler, self->remote);
  hz_conference_remote_leave (self->remote);
  g_clear_object (&self->remote);
}

static void
on_remote_leave (HzConferenceView *self)
{
  remote_leave (self);
  update_remote (self);
}

static void
on_remote_connect (HzConferenceView *self)
{
  g_autoptr(GError) error = NULL;
  const char *text[3];

  if (self->meeting_id == NULL || self->remote != NULL)
    return;
  for (guint i = 0; i < 3; i++)
    text[i] = gtk_editable_get_text (GTK_EDITABLE (g_hash_table_lookup (self->remote_parts,
                                                                        (const char *[]) { "url", "token", "sites" }[i])));
  self->remote = hz_conference_remote_new (self->store, self->meeting_id, text[0], text[1], text[2], &error);
  if (self->remote == NULL)
    {
      GtkWidget *status = g_hash_table_lookup (self->remote_parts, "status");

      /* said where it was asked, which field is wrong */
      gtk_label_set_text (GTK_LABEL (status), error->message);
      gtk_widget_add_css_class (status, "warning");
      return;
    }
  self->remote_handler = g_signal_connect_swapped (self->remote, "changed", G_CALLBACK (update_remote), self);
  remote_present (self);
  update_remote (self);
}

static void
on_remote_share (HzConferenceView *self)
{
  if (self->remote != NULL)
    hz_conference_remote_share_again (self->remote);
}

HzConferenceRemote *
hz_conference_view_get_remote (HzConferenceView *self)
{
  g_return_val_if_fail (HZ_IS_CONFERENCE_VIEW (self), NULL);
  return self->remote;
}

GtkWidget *
hz_conference_view_get_remote_part (HzConferenceView *self,
                                    const char       *name)
{
  g_return_val_if_fail (HZ_IS_CONFERENCE_VIEW (self), NULL);
  if (g_strcmp0 (name, "run-status") == 0)
    return self->run_remote;
  return g_hash_table_lookup (self->remote_parts, name);
}

static void
open_page (HzConferenceView *self,
           const char       *page)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  const char *case_id = presented_case_id (self);

  g_free (self->last_page);
  self->last_page = g_strdup (page);
  if (root != NULL && HZ_IS_MAIN_WINDOW (root) && case_id != NULL)
    hz_main_window_open_case (HZ_MAIN_WINDOW (root), case_id, page);
  /* the remote sites open the same page of the case */
  remote_present (self);
}

static void
on_open_summary (HzConferenceView *self)
{
  open_page (self, "summary");
}

static void
on_open_timeline (HzConferenceView *self)
{
  open_page (self, "timeline");
}

void
hz_conference_view_flush (HzConferenceView *self)
{
  g_return_if_fail (HZ_IS_CONFERENCE_VIEW (self));

  for (HzTeam team = 0; team < N_TEAMS; team++)
    if (self->boxes[team].timeout != 0)
      opinion_save (&self->boxes[team]);
}

guint
hz_conference_view_get_n_saving (HzConferenceView *self)
{
  guint n = 0;

  g_return_val_if_fail (HZ_IS_CONFERENCE_VIEW (self), 0);
  for (HzTeam team = 0; team < N_TEAMS; team++)
    n += self->boxes[team].n_saving + (self->boxes[team].timeout != 0);
  return n;
}

/* ------------------------------------------------------------------ */
/* The PDFs */

static void
on_export_response (GtkNativeDialog  *dialog,
                    int               response,
                    HzConferenceView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = response == GTK_RESPONSE_ACCEPT ? gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog)) : NULL;
  g_autofree char *path = file ? g_file_get_path (file) : NULL;
  const char *case_id = g_object_get_data (G_OBJECT (dialog), "hz-case-id");

  if (path != NULL && self->meeting_id != NULL)
    {
      if (hz_meeting_write_pdf (self->store, self->meeting_id, case_id, path, &error))
        {
          g_autofree char *message = g_strdup_printf (_("Saved %s"), path);

          show_message (self, message);
        }
      else
        show_error (self, error);
    }
  g_object_unref (dialog);
}

/* Through GtkFileChooserNative: GTK 4.8 has no GtkFileDialog */
static void
export_pdf (HzConferenceView *self,
            const char       *case_id)
{
  GtkFileChooserNative *dialog;
  JsonObject *item = agenda_item (self, self->presented);
  g_autofree char *name = NULL;

  if (case_id != NULL)
    /* Translators: the file name of a case's consultation opinion PDF */
    name = g_strdup_printf (_("consultation-opinion-%s.pdf"), get_string (item, "patient"));
  else
    /* Translators: the file name of the minutes PDF */
    name = g_strdup_printf (_("mdt-minutes-%s.pdf"), get_string (meeting_object (self), "title"));
  dialog = gtk_file_chooser_native_new (case_id != NULL ? _("Export the Consultation Opinion")
                                                        : _("Export the Meeting Minutes"),
                                        GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_object_set_data_full (G_OBJECT (dialog), "hz-case-id", g_strdup (case_id), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* Printing: the document's pages drawn onto the printer's context
 * (hz_meeting_build_document, hz_document_draw_page), A4 */

static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              HzDocument        *document)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double scale = gtk_print_context_get_width (context) / 595.276;

  cairo_save (cr);
  cairo_scale (cr, scale, scale);
  hz_document_draw_page (document, cr, page_nr);
  cairo_restore (cr);
}

gboolean
hz_conference_view_print (HzConferenceView  *self,
                          const char        *case_id,
                          const char        *export_path,
                          GError           **error)
{
  g_autoptr(HzDocument) document = NULL;
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkPrintOperationResult result;

  g_return_val_if_fail (HZ_IS_CONFERENCE_VIEW (self), FALSE);

  if (self->meeting_id == NULL)
    return TRUE;
  document = hz_meeting_build_document (self->store, self->meeting_id, case_id, error);
  if (document == NULL)
    return FALSE;
  operation = gtk_print_operation_new ();
  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_page_setup_set_top_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_bottom_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_left_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_right_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_n_pages (operation, hz_document_get_n_pages (document));
  gtk_print_operation_set_job_name (operation, case_id != NULL ? C_("print job", "Consultation opinion (MDT)")
                                                               : C_("print job", "MDT meeting minutes"));
  g_signal_connect_data (operation, "draw-page", G_CALLBACK (on_draw_page), g_object_ref (document),
                         (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  if (export_path != NULL)
    gtk_print_operation_set_export_filename (operation, export_path);
  result = gtk_print_operation_run (operation, export_path != NULL ? GTK_PRINT_OPERATION_ACTION_EXPORT
                                                                   : GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    root != NULL && GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, error);
  return result != GTK_PRINT_OPERATION_RESULT_ERROR;
}

static void
print_shown (HzConferenceView *self,
             const char       *case_id)
{
  g_autoptr(GError) error = NULL;

  if (!hz_conference_view_print (self, case_id, NULL, &error))
    show_error (self, error);
}

static void
on_print_minutes (HzConferenceView *self)
{
  print_shown (self, NULL);
}

static void
on_print_opinion (HzConferenceView *self)
{
  if (presented_case_id (self) != NULL)
    print_shown (self, presented_case_id (self));
}

static void
on_export_minutes (HzConferenceView *self)
{
  export_pdf (self, NULL);
}

static void
on_export_opinion (HzConferenceView *self)
{
  if (presented_case_id (self) != NULL)
    export_pdf (self, presented_case_id (self));
}

/* ------------------------------------------------------------------ */
/* Following the store */

static void
update_header (HzConferenceView *self)
{
  JsonObject *meeting = meeting_object (self);
  g_autofree char *when = format_start (get_string (meeting, "start"));
  g_autofree char *info = NULL;

  /* Translators: when · where; the coordinator */
  info = g_strdup_printf (_("%s · %s\nCoordinator: %s"), when,
                          get_string (meeting, "place") ? get_string (meeting, "place") : "",
                          get_string (meeting, "coordinator") ? get_string (meeting, "coordinator") : "");
  gtk_label_set_text (GTK_LABEL (self->info), info);
  adw_window_title_set_title (ADW_WINDOW_TITLE (self->title), get_string (meeting, "title"));
}

static void
refresh (HzConferenceView *self)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  if (self->meeting_id == NULL)
    return;
  node = hz_meeting_to_json (self->store, self->meeting_id, &error);
  if (node == NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->error), error->message);
      gtk_widget_set_visible (self->error, TRUE);
      return;
    }
  gtk_widget_set_visible (self->error, FALSE);
  g_clear_pointer (&self->meeting, json_node_unref);
  self->meeting = node;
  update_header (self);
  update_attendance (self);
  update_agenda (self);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (self->stack)), "run") == 0)
    {
      JsonArray *agenda = agenda_array (self);

      if (agenda != NULL && self->presented >= (int) json_array_get_length (agenda))
        self->presented = (int) json_array_get_length (agenda) - 1;
      update_run (self);
      adw_window_title_set_subtitle (ADW_WINDOW_TITLE (self->title), get_string (agenda_item (self, self->presented),
                                                                                 "patient"));
    }
}

static gboolean
on_refresh_idle (gpointer data)
{
  HzConferenceView *self = data;

  self->refresh_idle = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed (HzStore            *store,
                  const char         *case_id,
                  const char * const *types,
                  HzConferenceView   *self)
{
  if (case_id == NULL ||
      (self->meeting_id != NULL && (g_strcmp0 (case_id, self->meeting_id) == 0 || agenda_has_case (self, case_id))))
    {
      if (self->refresh_idle == 0)
        self->refresh_idle = g_idle_add (on_refresh_idle, self);
    }
  /* a meeting's own case changed (its Appointment, its agenda), or one
   * was made */
  if (case_id == NULL || g_hash_table_contains (self->meeting_rows, case_id) ||
      (types != NULL && g_strv_contains (types, "Appointment")))
    reload_meetings (self);
}

gboolean
hz_conference_view_open_meeting (HzConferenceView *self,
                                 const char       *meeting_id,
                                 GError          **error)
{
  JsonNode *node;

  g_return_val_if_fail (HZ_IS_CONFERENCE_VIEW (self), FALSE);

  node = hz_meeting_to_json (self->store, meeting_id, error);
  if (node == NULL)
    return FALSE;
  hz_conference_view_flush (self);
  if (g_strcmp0 (meeting_id, self->meeting_id) != 0)
    {
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, self->agenda_rows);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        gtk_list_box_remove (GTK_LIST_BOX (self->agenda), value);
      g_hash_table_remove_all (self->agenda_rows);
      g_hash_table_remove_all (self->timers);
      self->presented = -1;
      /* a session is of one meeting */
      remote_leave (self);
      g_clear_pointer (&self->last_page, g_free);
    }
  g_free (self->meeting_id);
  self->meeting_id = g_strdup (meeting_id);
  g_clear_pointer (&self->meeting, json_node_unref);
  self->meeting = node;
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "meeting");
  gtk_widget_set_visible (self->back, TRUE);
  gtk_widget_set_visible (self->new_button, FALSE);
  gtk_widget_set_visible (self->present_button, TRUE);
  gtk_widget_set_visible (self->minutes_button, TRUE);
  gtk_widget_set_visible (self->print_minutes, TRUE);
  gtk_widget_set_visible (self->opinion_pdf_button, FALSE);
  gtk_widget_set_visible (self->print_opinion, FALSE);
  adw_window_title_set_subtitle (ADW_WINDOW_TITLE (self->title), NULL);
  refresh (self);
  update_remote (self);
  return TRUE;
}

const char *
hz_conference_view_get_meeting_id (HzConferenceView *self)
{
  g_return_val_if_fail (HZ_IS_CONFERENCE_VIEW (self), NULL);
  return g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (self->stack)), "list") == 0 ? NULL
                                                                                               : self->meeting_id;
}

static void
on_back (HzConferenceView *self)
{
  g_autoptr(GError) error = NULL;

  hz_conference_view_flush (self);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (self->stack)), "run") == 0)
    {
      GTimer *timer = presented_case_id (self) ? g_hash_table_lookup (self->timers, presented_case_id (self)) : NULL;

      if (timer != NULL)
        g_timer_stop (timer);
      if (!hz_conference_view_open_meeting (self, self->meeting_id, &error))
        show_error (self, error);
      return;
    }
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "list");
  gtk_widget_set_visible (self->back, FALSE);
  gtk_widget_set_visible (self->new_button, TRUE);
  gtk_widget_set_visible (self->present_button, FALSE);
  gtk_widget_set_visible (self->minutes_button, FALSE);
  gtk_widget_set_visible (self->print_minutes, FALSE);
  gtk_widget_set_visible (self->opinion_pdf_button, FALSE);
  gtk_widget_set_visible (self->print_opinion, FALSE);
  adw_window_title_set_title (ADW_WINDOW_TITLE (self->title), _("MDT Meetings"));
  adw_window_title_set_subtitle (ADW_WINDOW_TITLE (self->title), _("Multidisciplinary team meetings"));
}

static void
on_present (HzConferenceView *self)
{
  hz_conference_view_present (self, self->presented >= 0 ? (guint) self->presented : 0);
}

/* ------------------------------------------------------------------ */
/* Building */

static GtkWidget *
scrolled_page (GtkWidget *content,
               int        width)
{
  GtkWidget *scroll = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();

  gtk_widget_set_margin_top (content, 18);
  gtk_widget_set_margin_bottom (content, 18);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), width);
  adw_clamp_set_child (ADW_CLAMP (clamp), content);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroll), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroll), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroll, TRUE);
  return scroll;
}

static GtkWidget *
list_box (const char *name,
          const char *placeholder_text)
{
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *placeholder = gtk_label_new (placeholder_text);

  gtk_widget_set_name (list, name);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (GTK_LIST_BOX (list), placeholder);
  return list;
}

static GtkWidget *
heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  return label;
}

static GtkWidget *
build_list_page (HzConferenceView *self)
{
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  self->meetings = list_box ("conference-meetings", _("No MDT meetings yet: “New Meeting…” books one"));
  gtk_list_box_set_sort_func (GTK_LIST_BOX (self->meetings), compare_meeting_rows, NULL, NULL);
  gtk_box_append (GTK_BOX (content), self->meetings);
  return scrolled_page (content, 900);
}

/* With remote sites: the room's server, the invitation, the sites the
 * cases are shared with, and who is there */
static GtkWidget *
build_remote_group (HzConferenceView *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *row;
  struct {
    const char *name;
    const char *title;
    const char *initial;
  } fields[] = {
    { "url", N_("Consultation server"), g_getenv ("HUIZHEN_CONSULT_URL") },
    { "token", N_("Invitation token"), g_getenv ("HUIZHEN_CONSULT_TOKEN") },
    { "sites", N_("Remote sites (separate with 、)"), g_getenv ("HUIZHEN_CONSULT_SITES") },
  };

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Remote Session"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Remote sites follow the case presented here, and their teams’ "
                                           "opinions land in the same boxes"));
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *name = g_strdup_printf ("conference-remote-%s", fields[i].name);

      row = g_str_equal (fields[i].name, "token") ? adw_password_entry_row_new () : adw_entry_row_new ();
      gtk_widget_set_name (row, name);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(fields[i].title));
      if (fields[i].initial != NULL)
        gtk_editable_set_text (GTK_EDITABLE (row), fields[i].initial);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      g_hash_table_insert (self->remote_parts, g_strdup (fields[i].name), row);
    }

  row = gtk_label_new (NULL);
  gtk_widget_set_name (row, "conference-remote-status");
  gtk_label_set_xalign (GTK_LABEL (row), 0);
  gtk_label_set_wrap (GTK_LABEL (row), TRUE);
  gtk_widget_set_hexpand (row, TRUE);
  gtk_widget_add_css_class (row, "dim-label");
  g_hash_table_insert (self->remote_parts, g_strdup ("status"), row);
  gtk_box_append (GTK_BOX (buttons), row);
  row = gtk_button_new_with_mnemonic (_("Share Case A_gain"));
  gtk_widget_set_name (row, "conference-remote-share");
  gtk_widget_set_tooltip_text (row, _("Share the case presented with the remote sites again, as it is now"));
  g_signal_connect_swapped (row, "clicked", G_CALLBACK (on_remote_share), self);
  g_hash_table_insert (self->remote_parts, g_strdup ("share"), row);
  gtk_box_append (GTK_BOX (buttons), row);
  row = gtk_button_new_with_mnemonic (_("_Leave Session"));
  gtk_widget_set_name (row, "conference-remote-leave");
  g_signal_connect_swapped (row, "clicked", G_CALLBACK (on_remote_leave), self);
  g_hash_table_insert (self->remote_parts, g_strdup ("leave"), row);
  gtk_box_append (GTK_BOX (buttons), row);
  row = gtk_button_new_with_mnemonic (_("_Connect"));
  gtk_widget_set_name (row, "conference-remote-connect");
  gtk_widget_add_css_class (row, "suggested-action");
  g_signal_connect_swapped (row, "clicked", G_CALLBACK (on_remote_connect), self);
  g_hash_table_insert (self->remote_parts, g_strdup ("connect"), row);
  gtk_box_append (GTK_BOX (buttons), row);
  gtk_widget_set_margin_top (buttons, 6);
  for (GtkWidget *child = gtk_widget_get_first_child (buttons); child != NULL; child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_valign (child, GTK_ALIGN_CENTER);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), buttons);
  gtk_widget_set_margin_top (group, 12);
  return group;
}

static GtkWidget *
build_meeting_page (HzConferenceView *self)
{
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *attendance = adw_preferences_group_new ();
  GtkWidget *agenda_header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *agenda_title = heading (_("Agenda"));
  GtkWidget *add = gtk_button_new_with_mnemonic (_("_Add Case…"));
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);

  self->info = gtk_label_new (NULL);
  gtk_widget_set_name (self->info, "conference-info");
  gtk_label_set_xalign (GTK_LABEL (self->info), 0);
  gtk_label_set_wrap (GTK_LABEL (self->info), TRUE);
  gtk_box_append (GTK_BOX (content), self->info);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (attendance), _("Attendance"));
  gtk_string_list_append (statuses, C_("attendance", "Not recorded"));
  for (HzAttendance a = HZ_ATTENDANCE_PRESENT; a <= HZ_ATTENDANCE_ABSENT; a++)
    gtk_string_list_append (statuses, hz_attendance_get_display_name (a));
  for (HzTeam team = 0; team < N_TEAMS; team++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *status = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (statuses)), NULL);
      GtkWidget *name = gtk_entry_new ();
      GtkEventController *focus = gtk_event_controller_focus_new ();
      g_autofree char *row_name = g_strdup_printf ("conference-attendance-%s", hz_team_to_string (team));
      g_autofree char *status_name = g_strdup_printf ("conference-attendance-status-%s", hz_team_to_string (team));
      g_autofree char *entry_name = g_strdup_printf ("conference-attendance-name-%s", hz_team_to_string (team));

      gtk_widget_set_name (row, row_name);
      gtk_widget_set_name (status, status_name);
      gtk_widget_set_name (name, entry_name);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), hz_team_get_display_name (team));
      gtk_widget_set_valign (status, GTK_ALIGN_CENTER);
      gtk_widget_set_valign (name, GTK_ALIGN_CENTER);
      hz_ui_set_accessible_label (status, _("Attendance"));
      g_object_set_data (G_OBJECT (status), "hz-team", GUINT_TO_POINTER (team));
      g_object_set_data (G_OBJECT (name), "hz-team", GUINT_TO_POINTER (team));
      g_signal_connect (status, "notify::selected", G_CALLBACK (on_attendance_changed), self);
      g_signal_connect (name, "activate", G_CALLBACK (on_attendance_name_activate), self);
      g_signal_connect (focus, "leave", G_CALLBACK (on_attendance_name_leave), self);
      gtk_widget_add_controller (name, focus);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), name);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), status);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (attendance), row);
      self->attendance_status[team] = status;
      self->attendance_name[team] = name;
    }
  gtk_box_append (GTK_BOX (content), attendance);
  self->quorum = gtk_label_new (NULL);
  gtk_widget_set_name (self->quorum, "conference-quorum");
  gtk_label_set_xalign (GTK_LABEL (self->quorum), 0);
  gtk_label_set_wrap (GTK_LABEL (self->quorum), TRUE);
  gtk_box_append (GTK_BOX (content), self->quorum);

  gtk_widget_set_hexpand (agenda_title, TRUE);
  gtk_widget_set_name (add, "conference-add-case-button");
  g_signal_connect_swapped (add, "clicked", G_CALLBACK (on_add_case), self);
  gtk_box_append (GTK_BOX (agenda_header), agenda_title);
  gtk_box_append (GTK_BOX (agenda_header), add);
  gtk_widget_set_margin_top (agenda_header, 12);
  gtk_box_append (GTK_BOX (content), agenda_header);
  self->agenda = list_box ("conference-agenda", _("No cases on the agenda yet"));
  {
    GtkDropTarget *drop = gtk_drop_target_new (HZ_TYPE_CASE_SUMMARY, GDK_ACTION_COPY);

    g_signal_connect_object (drop, "drop", G_CALLBACK (on_agenda_drop), self, 0);
    gtk_widget_add_controller (self->agenda, GTK_EVENT_CONTROLLER (drop));
  }
  gtk_list_box_set_sort_func (GTK_LIST_BOX (self->agenda), compare_agenda_rows, NULL, NULL);
  gtk_box_append (GTK_BOX (content), self->agenda);
  gtk_box_append (GTK_BOX (content), build_remote_group (self));
  return scrolled_page (content, 1000);
}

static GtkWidget *
large_label (const char *name,
             const char *css)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_set_name (label, name);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, css);
  return label;
}

static GtkWidget *
text_view (const char *name,
           const char *label,
           const char *css)
{
  GtkWidget *view = gtk_text_view_new ();

  gtk_widget_set_name (view, name);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
  gtk_widget_set_size_request (view, -1, 90);
  gtk_widget_add_css_class (view, "card");
  gtk_widget_add_css_class (view, css);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return view;
}

static GtkWidget *
build_run_page (HzConferenceView *self)
{
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *nav = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *summary = gtk_button_new_with_mnemonic (_("_Summary"));
  GtkWidget *timeline = gtk_button_new_with_mnemonic (_("_Timeline"));
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *scroll;
  GtkEventController *controller;
  GtkShortcut *shortcut;

  gtk_widget_add_css_class (content, "conference-presentation");
  self->run_patient = large_label ("conference-run-patient", "conference-patient");
  self->run_position = large_label ("conference-run-position", "dim-label");
  self->run_timer = large_label ("conference-run-timer", "numeric");
  gtk_label_set_wrap (GTK_LABEL (self->run_timer), FALSE);
  self->run_question = large_label ("conference-run-question", "conference-question");
  self->run_details = large_label ("conference-run-details", "conference-details");
  self->run_risk = hz_ui_risk_badge_new (HZ_RISK_UNKNOWN, FALSE);
  gtk_widget_set_valign (self->run_risk, GTK_ALIGN_CENTER);
  gtk_label_set_wrap (GTK_LABEL (self->run_patient), FALSE);
  gtk_widget_set_hexpand (self->run_risk, TRUE);
  gtk_widget_set_halign (self->run_risk, GTK_ALIGN_START);
  gtk_label_set_xalign (GTK_LABEL (self->run_timer), 1);
  gtk_box_append (GTK_BOX (top), self->run_patient);
  gtk_box_append (GTK_BOX (top), self->run_risk);
  gtk_box_append (GTK_BOX (top), self->run_timer);
  gtk_box_append (GTK_BOX (content), top);
  gtk_box_append (GTK_BOX (content), self->run_position);
  self->run_remote = large_label ("conference-run-remote", "caption");
  gtk_widget_set_visible (self->run_remote, FALSE);
  gtk_box_append (GTK_BOX (content), self->run_remote);
  gtk_box_append (GTK_BOX (content), self->run_question);
  gtk_box_append (GTK_BOX (content), self->run_details);

  self->run_prev = gtk_button_new_from_icon_name ("go-previous-symbolic");
  self->run_next = gtk_button_new_from_icon_name ("go-next-symbolic");
  gtk_widget_set_name (self->run_prev, "conference-previous");
  gtk_widget_set_name (self->run_next, "conference-next");
  hz_ui_set_accessible_label (self->run_prev, _("Previous Case (Page Up)"));
  hz_ui_set_accessible_label (self->run_next, _("Next Case (Page Down)"));
  g_signal_connect_swapped (self->run_prev, "clicked", G_CALLBACK (on_previous_case), self);
  g_signal_connect_swapped (self->run_next, "clicked", G_CALLBACK (on_next_case), self);
  gtk_widget_set_name (summary, "conference-open-summary");
  gtk_widget_set_name (timeline, "conference-open-timeline");
  gtk_widget_set_tooltip_text (summary, _("Open the case on its summary"));
  gtk_widget_set_tooltip_text (timeline, _("Open the case on its timeline"));
  g_signal_connect_swapped (summary, "clicked", G_CALLBACK (on_open_summary), self);
  g_signal_connect_swapped (timeline, "clicked", G_CALLBACK (on_open_timeline), self);
  gtk_box_append (GTK_BOX (nav), self->run_prev);
  gtk_box_append (GTK_BOX (nav), self->run_next);
  gtk_box_append (GTK_BOX (nav), summary);
  gtk_box_append (GTK_BOX (nav), timeline);
  gtk_box_append (GTK_BOX (content), nav);

  gtk_box_append (GTK_BOX (content), heading (_("Opinions")));
  gtk_grid_set_row_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);
  for (HzTeam team = 0; team < N_TEAMS; team++)
    {
      OpinionBox *box = &self->boxes[team];
      GtkWidget *cell = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      g_autofree char *name = g_strdup_printf ("conference-opinion-%s", hz_team_to_string (team));
      g_autofree char *status_name = g_strdup_printf ("conference-opinion-status-%s", hz_team_to_string (team));
      g_autofree char *label = g_strdup_printf (_("Opinion of %s"), hz_team_get_display_name (team));

      box->self = self;
      box->team = team;
      box->view = text_view (name, label, "conference-opinion");
      box->status = gtk_label_new (NULL);
      gtk_widget_set_name (box->status, status_name);
      gtk_label_set_xalign (GTK_LABEL (box->status), 0);
      gtk_label_set_wrap (GTK_LABEL (box->status), TRUE);
      gtk_widget_add_css_class (box->status, "caption");
      g_signal_connect (gtk_text_view_get_buffer (GTK_TEXT_VIEW (box->view)), "changed",
                        G_CALLBACK (on_opinion_changed), box);
      box->heading = heading (hz_team_get_display_name (team));
      gtk_box_append (GTK_BOX (cell), box->heading);
      gtk_box_append (GTK_BOX (cell), box->view);
      gtk_box_append (GTK_BOX (cell), box->status);
      gtk_grid_attach (GTK_GRID (grid), cell, team % 2, team / 2, 1, 1);
    }
  gtk_box_append (GTK_BOX (content), grid);

  gtk_box_append (GTK_BOX (content), heading (_("Consensus decision")));
  self->decision = text_view ("conference-decision", _("Consensus decision"), "conference-opinion");
  g_signal_connect_swapped (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->decision)), "changed",
                            G_CALLBACK (on_decision_edited), self);
  gtk_box_append (GTK_BOX (content), self->decision);
  gtk_box_append (GTK_BOX (content), heading (_("Actions")));
  self->actions = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_name (self->actions, "conference-actions");
  gtk_box_append (GTK_BOX (content), self->actions);
  self->add_action = gtk_button_new_with_mnemonic (_("Add A_ction"));
  self->decide = gtk_button_new_with_mnemonic (_("_Record Decision"));
  self->sign = gtk_button_new_with_mnemonic (_("Si_gn"));
  self->amend = gtk_button_new_with_mnemonic (_("A_mend"));
  gtk_widget_set_name (self->add_action, "conference-add-action");
  gtk_widget_set_name (self->decide, "conference-decide");
  gtk_widget_set_name (self->sign, "conference-sign");
  gtk_widget_set_name (self->amend, "conference-amend");
  gtk_widget_set_tooltip_text (self->sign, _("Sign the consultation opinion of this case as the coordinator"));
  gtk_widget_add_css_class (self->decide, "suggested-action");
  g_signal_connect_swapped (self->add_action, "clicked", G_CALLBACK (on_add_action), self);
  g_signal_connect_swapped (self->decide, "clicked", G_CALLBACK (on_decide), self);
  g_signal_connect_swapped (self->sign, "clicked", G_CALLBACK (on_sign), self);
  g_signal_connect_swapped (self->amend, "clicked", G_CALLBACK (on_amend), self);
  gtk_box_append (GTK_BOX (buttons), self->add_action);
  gtk_box_append (GTK_BOX (buttons), self->decide);
  gtk_box_append (GTK_BOX (buttons), self->sign);
  gtk_box_append (GTK_BOX (buttons), self->amend);
  gtk_box_append (GTK_BOX (content), buttons);
  self->signature = large_label ("conference-signature", "conference-details");
  gtk_box_append (GTK_BOX (content), self->signature);

  scroll = scrolled_page (content, 1200);
  gtk_widget_set_name (scroll, "conference-run");
  /* next and previous case: Alt+arrows before a focused box takes them,
   * Page Down / Page Up after it (a text box scrolls with them first) */
  controller = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  shortcut = gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Alt>Right"),
                               gtk_callback_action_new (on_next_case, self, NULL));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
  shortcut = gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Alt>Left"),
                               gtk_callback_action_new (on_previous_case, self, NULL));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
  gtk_widget_add_controller (scroll, controller);
  controller = gtk_shortcut_controller_new ();
  shortcut = gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("Page_Down"),
                               gtk_callback_action_new (on_next_case, self, NULL));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
  shortcut = gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("Page_Up"),
                               gtk_callback_action_new (on_previous_case, self, NULL));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
  gtk_widget_add_controller (scroll, controller);
  return scroll;
}

static void
build (HzConferenceView *self)
{
  GtkWidget *header = adw_header_bar_new ();
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

  gtk_css_provider_load_from_data (css,
                                     ".conference-presentation .conference-patient { font-size: 28pt; font-weight: bold; }\n"
                                     ".conference-presentation .conference-question { font-size: 20pt; }\n"
                                     ".conference-presentation .conference-details { font-size: 14pt; }\n"
                                     ".conference-presentation .numeric { font-size: 16pt; }\n"
                                     "textview.conference-opinion { font-size: 15pt; }\n", -1);
  gtk_style_context_add_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  self->title = adw_window_title_new (_("MDT Meetings"), _("Multidisciplinary team meetings"));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), self->title);
  self->back = icon_button ("go-previous-symbolic", "conference-back", C_("navigation", "Back"));
  g_signal_connect_swapped (self->back, "clicked", G_CALLBACK (on_back), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), self->back);
  self->new_button = gtk_button_new_with_mnemonic (_("_New Meeting…"));
  gtk_widget_set_name (self->new_button, "conference-new");
  gtk_widget_add_css_class (self->new_button, "suggested-action");
  g_signal_connect_swapped (self->new_button, "clicked", G_CALLBACK (on_new_meeting), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->new_button);
  self->present_button = gtk_button_new_with_mnemonic (_("_Present"));
  gtk_widget_set_name (self->present_button, "conference-present");
  gtk_widget_add_css_class (self->present_button, "suggested-action");
  gtk_widget_set_tooltip_text (self->present_button, _("Go through the agenda one case at a time"));
  g_signal_connect_swapped (self->present_button, "clicked", G_CALLBACK (on_present), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->present_button);
  self->minutes_button = gtk_button_new_with_mnemonic (_("_Minutes PDF…"));
  gtk_widget_set_name (self->minutes_button, "conference-export-minutes");
  gtk_widget_set_tooltip_text (self->minutes_button, _("Export the meeting minutes as a PDF"));
  g_signal_connect_swapped (self->minutes_button, "clicked", G_CALLBACK (on_export_minutes), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->minutes_button);
  self->opinion_pdf_button = gtk_button_new_with_mnemonic (_("_Opinion PDF…"));
  gtk_widget_set_name (self->opinion_pdf_button, "conference-export-opinion");
  gtk_widget_set_tooltip_text (self->opinion_pdf_button, _("Export this case’s consultation opinion as a PDF"));
  g_signal_connect_swapped (self->opinion_pdf_button, "clicked", G_CALLBACK (on_export_opinion), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->opinion_pdf_button);
  self->print_minutes = icon_button ("printer-symbolic", "conference-print-minutes", _("Print the Minutes…"));
  g_signal_connect_swapped (self->print_minutes, "clicked", G_CALLBACK (on_print_minutes), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->print_minutes);
  self->print_opinion = icon_button ("printer-symbolic", "conference-print-opinion",
                                     _("Print the Consultation Opinion…"));
  g_signal_connect_swapped (self->print_opinion, "clicked", G_CALLBACK (on_print_opinion), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->print_opinion);
  gtk_box_append (GTK_BOX (self->box), header);

  self->error = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->error, "error");
  gtk_label_set_wrap (GTK_LABEL (self->error), TRUE);
  gtk_widget_set_visible (self->error, FALSE);
  gtk_box_append (GTK_BOX (self->box), self->error);

  self->stack = gtk_stack_new ();
  gtk_widget_set_name (self->stack, "conference-stack");
  gtk_stack_add_named (GTK_STACK (self->stack), build_list_page (self), "list");
  gtk_stack_add_named (GTK_STACK (self->stack), build_meeting_page (self), "meeting");
  gtk_stack_add_named (GTK_STACK (self->stack), build_run_page (self), "run");
  gtk_box_append (GTK_BOX (self->box), self->stack);
  on_back (self);
}

static void
hz_conference_view_dispose (GObject *object)
{
  HzConferenceView *self = HZ_CONFERENCE_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  for (HzTeam team = 0; team < N_TEAMS; team++)
    g_clear_handle_id (&self->boxes[team].timeout, g_source_remove);
  g_clear_handle_id (&self->tick, g_source_remove);
  g_clear_handle_id (&self->refresh_idle, g_source_remove);
  g_clear_signal_handler (&self->changed_handler, self->store);
  remote_leave (self);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (hz_conference_view_parent_class)->dispose (object);
}

static void
hz_conference_view_finalize (GObject *object)
{
  HzConferenceView *self = HZ_CONFERENCE_VIEW (object);

  for (HzTeam team = 0; team < N_TEAMS; team++)
    {
      g_free (self->boxes[team].case_id);
      g_free (self->boxes[team].base_text);
      g_free (self->boxes[team].base_version);
    }
  g_free (self->opinion_version);
  g_free (self->last_page);
  g_hash_table_unref (self->remote_parts);
  g_hash_table_unref (self->drafts);
  g_clear_pointer (&self->meeting, json_node_unref);
  g_free (self->meeting_id);
  g_hash_table_unref (self->meeting_rows);
  g_hash_table_unref (self->agenda_rows);
  g_hash_table_unref (self->timers);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (hz_conference_view_parent_class)->finalize (object);
}

static void
hz_conference_view_class_init (HzConferenceViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hz_conference_view_dispose;
  object_class->finalize = hz_conference_view_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  /* the meetings' count changed (the sidebar's badge) */
  signals[SIGNAL_COUNTS_CHANGED] = g_signal_new ("counts-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
hz_conference_view_init (HzConferenceView *self)
{
  self->meeting_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->agenda_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->timers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_timer_destroy);
  self->remote_parts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->drafts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, draft_free);
  self->cancellable = g_cancellable_new ();
  self->presented = -1;
  build (self);
}

GtkWidget *
hz_conference_view_new (HzStore *store)
{
  HzConferenceView *self;

  g_return_val_if_fail (HZ_IS_STORE (store), NULL);

  self = g_object_new (HZ_TYPE_CONFERENCE_VIEW, NULL);
  gtk_widget_set_name (GTK_WIDGET (self), "conference-view");
  self->store = g_object_ref (store);
  self->changed_handler = g_signal_connect (store, "changed", G_CALLBACK (on_store_changed), self);
  self->tick = g_timeout_add_seconds (1, on_tick, self);
  reload_meetings (self);
  /* HUIZHEN_CONFERENCE_OPEN=MEETING-ID[:N]: that meeting open, case N
   * presented (screenshots); with HUIZHEN_CONSULT_URL, _TOKEN and _SITES,
   * in its remote session */
  if (g_getenv ("HUIZHEN_CONFERENCE_OPEN") != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (g_getenv ("HUIZHEN_CONFERENCE_OPEN"), ":", 2);
      g_autoptr(GError) error = NULL;

      if (!hz_conference_view_open_meeting (self, parts[0], &error))
        g_warning ("HUIZHEN_CONFERENCE_OPEN: %s", error->message);
      else
        {
          if (g_getenv ("HUIZHEN_CONSULT_SITES") != NULL)
            on_remote_connect (self);
          if (parts[1] != NULL)
            hz_conference_view_present (self, g_ascii_strtoull (parts[1], NULL, 10));
        }
    }
  return GTK_WIDGET (self);
}

HzConferenceView *
hz_conference_view_for_window (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  return root != NULL ? g_object_get_data (G_OBJECT (root), "hz-conference-view") : NULL;
}

/* ------------------------------------------------------------------ */
/* The window addin */

struct _HzConferenceWindowAddin
{
  GObject    parent_instance;

  GtkWidget *view;
  gulong     counts_handler;
};

static void window_addin_iface_init (HzWindowAddinInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HzConferenceWindowAddin, hz_conference_window_addin, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (HZ_TYPE_WINDOW_ADDIN, window_addin_iface_init))

static void
on_counts_changed (HzConferenceView *view,
                   HzMainWindow     *window)
{
  hz_main_window_set_view_counts (window, GTK_WIDGET (view), g_hash_table_size (view->meeting_rows), 0);
}

static void
hz_conference_window_addin_load (HzWindowAddin *addin,
                                 HzMainWindow  *window)
{
  HzConferenceWindowAddin *self = HZ_CONFERENCE_WINDOW_ADDIN (addin);

  self->view = g_object_ref_sink (hz_conference_view_new (hz_main_window_get_store (window)));
  g_object_set_data (G_OBJECT (window), "hz-conference-view", self->view);
  hz_main_window_add_view (window, self->view, "conference", _("MDT Meetings"), "system-users-symbolic",
                           _("Multidisciplinary team meetings: agenda, opinions, decisions"), 30);
  self->counts_handler = g_signal_connect (self->view, "counts-changed", G_CALLBACK (on_counts_changed), window);
  on_counts_changed (HZ_CONFERENCE_VIEW (self->view), window);
}

static void
hz_conference_window_addin_unload (HzWindowAddin *addin,
                                   HzMainWindow  *window)
{
  HzConferenceWindowAddin *self = HZ_CONFERENCE_WINDOW_ADDIN (addin);

  if (self->view == NULL)
    return;
  g_clear_signal_handler (&self->counts_handler, self->view);
  g_object_set_data (G_OBJECT (window), "hz-conference-view", NULL);
  hz_main_window_remove_view (window, self->view);
  g_clear_object (&self->view);
}

static void
window_addin_iface_init (HzWindowAddinInterface *iface)
{
  iface->load = hz_conference_window_addin_load;
  iface->unload = hz_conference_window_addin_unload;
}

static void
hz_conference_window_addin_dispose (GObject *object)
{
  HzConferenceWindowAddin *self = HZ_CONFERENCE_WINDOW_ADDIN (object);

  if (self->view != NULL)
    g_clear_signal_handler (&self->counts_handler, self->view);
  g_clear_object (&self->view);

  G_OBJECT_CLASS (hz_conference_window_addin_parent_class)->dispose (object);
}

static void
hz_conference_window_addin_class_init (HzConferenceWindowAddinClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = hz_conference_window_addin_dispose;
}

static void
hz_conference_window_addin_init (HzConferenceWindowAddin *self)
{
}
