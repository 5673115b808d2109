/* hz-consult-panel.c — the remote-consultation session in a case's side
 * panel (远程会诊)
 *
 * Idle, it offers "Start Remote Consultation…" (consult.start). In a
 * session: the connection's state (重新连接中… while the client backs
 * off), where the case is shared, the participants with team and role and
 * who presents, chat, one opinion box per team, "Follow presenter" and
 * "End session".
 *
 * View sync: the pages of the workspace that implement HzSyncable are
 * found under it. Presenting, the visible page's state goes out on each
 * ::state-changed and when another page is shown (the client coalesces).
 * Following, a state from the presenter is kept by HzConsultFollow and
 * applied in an idle callback, the latest only, to the page with that sync
 * id (shown first); a ::state-changed or page switch of the follower's own
 * pauses following until "Follow presenter".
 *
 * An MDT meeting's room (docs/consult-protocol.md) goes through several
 * cases: the presenter's state of the page "conference" names the case on
 * show by its Bundle in the room. A shared copy's panel that follows opens
 * a Bundle other than its own in a window of its own, as the join view does
 * (hz_consult_fetch_shared_async(), hz_consult_open_shared_copy()), on the
 * page the state names, and hands over: it leaves the room and its window
 * closes, so that one window follows the meeting. Its opinions name the
 * case they are of, and opinions of the meeting's other cases are not shown
 * under this one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-consult"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "hz-consult-private.h"

struct _HzConsultPanel
{
  GtkWidget         parent_instance;

  HzWorkspace      *workspace;      /* (unowned) it owns the panel */
  GtkWidget        *stack;
  GtkWidget        *state_label;
  GtkWidget        *shared_label;
  GtkWidget        *presenter_label;
  GtkWidget        *follow_button;
  GtkWidget        *members_list;
  GtkWidget        *chat_list;
  GtkWidget        *chat_scroller;
  GtkWidget        *chat_entry;
  GtkWidget        *opinions_box;
  GtkWidget        *end_button;
  GtkWidget        *error_label;
  GtkWidget        *meeting_label;  /* "MDT case 2 of 3" */
  GtkWidget        *meeting_status; /* the meeting's next case being opened */
  GtkWidget        *box;            /* the stack, then "Shared with" while idle */
  GtkWidget        *session_box;
  GtkWidget        *share_button;
  GtkWidget        *sharings_group;
  GtkWidget        *sharings_list;
  guint             n_sharing_rows;
  gboolean          shared_once;    /* the case went out when the session began */
  gboolean          sharing;        /* a sharing under way */
  gulong            store_handler;
  GHashTable       *parts;          /* name → widget, for tests */

  HzConsultClient  *client;
  HzConsultRequest *request;
  HzConsultFollow  *follow;
  HzConsultRecord  *record;
  GHashTable       *members;        /* user → JsonObject (user, name, team, role) */
  GHashTable       *member_rows;    /* user → GtkListBoxRow */
  GHashTable       *opinion_labels; /* team → GtkLabel */
  char             *presenter;      /* user id, or NULL */
  char             *my_role;
  char             *my_team;
  GPtrArray        *syncables;      /* HzSyncable pages found under the workspace */
  GPtrArray        *stacks;         /* the view stacks they are in */
  guint             apply_source;
  guint             n_applied;
  guint             switching;      /* a page switch made while applying */
  gboolean          waiting_for_page; /* shown for the presenter, not yet laid out */
  gint64            replay_seq;     /* the welcome's seq: messages up to it are the room's past */
  gboolean          replay_due;     /* a state came in the replay: applied once it is through */
  char             *bundle;         /* a shared copy's: the room's Bundle it shows, once known */
  guint             meeting_index;  /* which case of the meeting it is, 0 before a meeting state */
  guint             meeting_count;
  GCancellable     *meeting_cancellable; /* the meeting's next case being fetched */
  GCancellable     *cancellable;
};

/* The page id of an MDT meeting's state (the conference view's) */
#define MEETING_PAGE "conference"

G_DEFINE_FINAL_TYPE (HzConsultPanel, hz_consult_panel, GTK_TYPE_WIDGET)

static const HzTeam all_teams[] = {
  HZ_TEAM_OBSTETRICS, HZ_TEAM_REPRODUCTIVE, HZ_TEAM_PSYCHOLOGY, HZ_TEAM_NUTRITION,
};

static const char *
role_display (const char *role)
{
  if (g_strcmp0 (role, "host") == 0)
    return C_("consultation role", "Host");
  if (g_strcmp0 (role, "presenter") == 0)
    return C_("consultation role", "Presenter");
  if (g_strcmp0 (role, "observer") == 0)
    return C_("consultation role", "Observer");
  return C_("consultation role", "Participant");
}

static const char *
team_display (const char *team)
{
  HzTeam code;

  if (team == NULL || !hz_team_from_string (team, &code))
    return NULL;
  return hz_team_get_display_name (code);
}

static const char *
member_string (JsonObject *member,
               const char *key)
{
  return json_object_get_string_member_with_default (member, key, NULL);
}

HzConsultClient *
hz_consult_panel_get_client (HzConsultPanel *self)
{
  return self->client;
}

guint
hz_consult_panel_get_n_applied (HzConsultPanel *self)
{
  return self->n_applied;
}

GtkWidget *
hz_consult_panel_get_part (HzConsultPanel *self,
                           const char     *name)
{
  return g_hash_table_lookup (self->parts, name);
}

gboolean
hz_consult_panel_is_following (HzConsultPanel *self)
{
  return self->follow != NULL && hz_consult_follow_is_following (self->follow);
}

gboolean
hz_consult_panel_is_presenting (HzConsultPanel *self)
{
  const char *me;

  if (self->client == NULL || (me = hz_consult_client_get_user (self->client)) == NULL)
    return FALSE;
  if (self->presenter != NULL)
    return g_str_equal (self->presenter, me);
  /* no one handed the role yet: presenters present, and the host */
  return g_strcmp0 (self->my_role, "presenter") == 0 || g_strcmp0 (self->my_role, "host") == 0;
}

/* ------------------------------------------------------------------ */
/* The view */

static void
update_follow_ui (HzConsultPanel *self)
{
  const char *text;
  g_autofree char *presenter_text = NULL;
  JsonObject *presenter = self->presenter != NULL ? g_hash_table_lookup (self->members, self->presenter) : NULL;

  if (hz_consult_panel_is_presenting (self))
    text = _("You are presenting: the others see your view");
  else if (hz_consult_panel_is_following (self))
    text = _("Following the presenter");
  else
    text = _("Following paused: you moved on your own");

  if (presenter != NULL)
    presenter_text = g_strdup_printf (_("Presenter: %s — %s"), member_string (presenter, "name"), text);
  else
    presenter_text = g_strdup (text);
  gtk_label_set_text (GTK_LABEL (self->presenter_label), presenter_text);

  gtk_widget_set_visible (self->follow_button, !hz_consult_panel_is_presenting (self));
  gtk_widget_set_sensitive (self->follow_button, !hz_consult_panel_is_following (self));
}

static void
update_state_label (HzConsultPanel *self)
{
  HzConsultState state = hz_consult_client_get_state (self->client);
  const GError *error = hz_consult_client_get_error (self->client);

  gtk_label_set_text (GTK_LABEL (self->state_label), hz_consult_state_get_display_name (state));
  gtk_widget_remove_css_class (self->state_label, "success");
  gtk_widget_remove_css_class (self->state_label, "warning");
  gtk_widget_remove_css_class (self->state_label, "error");
  gtk_widget_add_css_class (self->state_label,
                            state == HZ_CONSULT_ONLINE ? "success"
                            : state == HZ_CONSULT_OFFLINE ? "error" : "warning");
  gtk_label_set_text (GTK_LABEL (self->error_label),
                      error != NULL && state != HZ_CONSULT_ONLINE ? error->message : "");
  gtk_widget_set_visible (self->error_label, error != NULL && state != HZ_CONSULT_ONLINE);
}

static void
show_error (HzConsultPanel *self,
            const char     *text)
{
  gtk_label_set_text (GTK_LABEL (self->error_label), text);
  gtk_widget_set_visible (self->error_label, TRUE);
}

void
hz_consult_panel_hand_presenter (HzConsultPanel *self,
                                 const char     *user)
{
  if (self->client != NULL)
    hz_consult_client_send_presenter (self->client, user);
}

static void
on_hand_clicked (GtkButton      *button,
                 HzConsultPanel *self)
{
  hz_consult_panel_hand_presenter (self, g_object_get_data (G_OBJECT (button), "hz-user"));
}

static void
update_member_row (HzConsultPanel *self,
                   const char     *user)
{
  JsonObject *member = g_hash_table_lookup (self->members, user);
  GtkWidget *row = g_hash_table_lookup (self->member_rows, user);
  const char *team;
  g_autofree char *subtitle = NULL;
  gboolean presents;

  if (member == NULL)
    {
      if (row != NULL)
        {
          gtk_list_box_remove (GTK_LIST_BOX (self->members_list), row);
          g_hash_table_remove (self->member_rows, user);
        }
      return;
    }

  if (row == NULL)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("x-office-presentation-symbolic");
      GtkWidget *hand = gtk_button_new_from_icon_name ("send-to-symbolic");

      row = adw_action_row_new ();
      gtk_widget_set_tooltip_text (icon, _("Presenting"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
      g_object_set_data (G_OBJECT (row), "hz-presenter-icon", icon);
      /* the host hands the presenter role over */
      gtk_widget_add_css_class (hand, "flat");
      gtk_widget_set_valign (hand, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (hand, _("Make presenter"));
      g_object_set_data_full (G_OBJECT (hand), "hz-user", g_strdup (user), g_free);
      g_signal_connect (hand, "clicked", G_CALLBACK (on_hand_clicked), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), hand);
      g_object_set_data (G_OBJECT (row), "hz-hand", hand);
      gtk_list_box_append (GTK_LIST_BOX (self->members_list), row);
      g_hash_table_insert (self->member_rows, g_strdup (user), row);
    }

  team = team_display (member_string (member, "team"));
  subtitle = team != NULL ? g_strdup_printf ("%s · %s", team, role_display (member_string (member, "role")))
                          : g_strdup (role_display (member_string (member, "role")));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), member_string (member, "name") != NULL
                                                            ? member_string (member, "name") : user);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  presents = self->presenter != NULL ? g_str_equal (self->presenter, user)
                                     : g_strcmp0 (member_string (member, "role"), "presenter") == 0 ||
                                       g_strcmp0 (member_string (member, "role"), "host") == 0;
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (row), "hz-presenter-icon"), presents);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (row), "hz-hand"),
                          !presents && g_strcmp0 (self->my_role, "host") == 0 &&
                          g_strcmp0 (member_string (member, "role"), "observer") != 0 &&
                          g_strcmp0 (user, hz_consult_client_get_user (self->client)) != 0);
}

static void
update_all_members (HzConsultPanel *self)
{
  GHashTableIter iter;
  gpointer user;

  g_hash_table_iter_init (&iter, self->members);
  while (g_hash_table_iter_next (&iter, &user, NULL))
    update_member_row (self, user);
}

static void
add_member (HzConsultPanel *self,
            JsonObject     *member,
            const char     *user_key)
{
  const char *user = member_string (member, user_key);

  if (user == NULL)
    return;
  g_hash_table_insert (self->members, g_strdup (user), json_object_ref (member));
  hz_consult_record_add_member (self->record, user, member_string (member, "name"),
                                member_string (member, "team"), member_string (member, "role"), NULL);
  update_member_row (self, user);
}

/* When the server relayed @message (its "time"), else now */
static GDateTime *
message_time (JsonObject *message)
{
  const char *time = member_string (message, "time");
  GDateTime *when = time != NULL ? hz_fhir_parse_datetime (time) : NULL;

  return when != NULL ? when : g_date_time_new_now_utc ();
}

/* the newest message stays in sight */
static void
on_chat_upper_changed (GtkAdjustment *adjustment,
                       GParamSpec    *pspec,
                       gpointer       user_data)
{
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
}

static void
add_chat_row (HzConsultPanel *self,
              JsonObject     *message)
{
  const char *name = member_string (message, "name");
  const char *text = member_string (message, "text");
  g_autoptr(GDateTime) sent = message_time (message);
  g_autoptr(GDateTime) local = g_date_time_to_local (sent);
  g_autofree char *time = g_date_time_format (local, "%H:%M");
  g_autofree char *line = g_strdup_printf ("%s  %s", name != NULL ? name : member_string (message, "from"), time);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *who = gtk_label_new (line);
  GtkWidget *body = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (who), 0);
  gtk_widget_add_css_class (who, "caption");
  gtk_widget_add_css_class (who, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (body), 0);
  gtk_label_set_wrap (GTK_LABEL (body), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (body), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (body), TRUE);
  gtk_box_append (GTK_BOX (box), who);
  gtk_box_append (GTK_BOX (box), body);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_widget_set_margin_start (box, 8);
  gtk_widget_set_margin_end (box, 8);
  gtk_list_box_append (GTK_LIST_BOX (self->chat_list), box);
}

/* ------------------------------------------------------------------ */
/* View sync */

static HzSyncable *
visible_syncable (HzConsultPanel *self)
{
  for (guint i = 0; i < self->syncables->len; i++)
    {
      GtkWidget *page = g_ptr_array_index (self->syncables, i);

      if (gtk_widget_get_mapped (page))
        return HZ_SYNCABLE (page);
    }
  return NULL;
}

static void
send_state (HzConsultPanel *self,
            HzSyncable     *syncable)
{
  g_autoptr(JsonNode) state = hz_syncable_get_state (syncable);

  if (state != NULL && JSON_NODE_HOLDS_OBJECT (state))
    hz_consult_client_send_state (self->client, hz_syncable_get_sync_id (syncable), state);
}

static void
local_change (HzConsultPanel *self)
{
  if (self->follow != NULL && self->switching == 0 && hz_consult_follow_local_change (self->follow))
    update_follow_ui (self);
}

static void
on_syncable_state_changed (HzSyncable     *syncable,
                           HzConsultPanel *self)
{
  if (self->client == NULL)
    return;
  if (hz_consult_panel_is_presenting (self))
    {
      if (gtk_widget_get_mapped (GTK_WIDGET (syncable)))
        send_state (self, syncable);
      return;
    }
  local_change (self);
}

static void
on_visible_page_changed (GObject        *stack,
                         GParamSpec     *pspec,
                         HzConsultPanel *self)
{
  HzSyncable *syncable;

  if (self->client == NULL)
    return;
  if (!hz_consult_panel_is_presenting (self))
    {
      local_change (self);
      return;
    }
  syncable = visible_syncable (self);
  if (syncable != NULL)
    send_state (self, syncable);
}

static void
find_syncables (HzConsultPanel *self,
                GtkWidget      *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (HZ_IS_SYNCABLE (child))
        {
          GtkWidget *stack = gtk_widget_get_ancestor (child, ADW_TYPE_VIEW_STACK);

          g_ptr_array_add (self->syncables, g_object_ref (child));
          g_signal_connect_object (child, "state-changed", G_CALLBACK (on_syncable_state_changed), self, 0);
          if (stack != NULL && !g_ptr_array_find (self->stacks, stack, NULL))
            {
              g_ptr_array_add (self->stacks, g_object_ref (stack));
              g_signal_connect_object (stack, "notify::visible-child", G_CALLBACK (on_visible_page_changed), self, 0);
            }
          continue;
        }
      find_syncables (self, child);
    }
}

static void schedule_apply (HzConsultPanel *self);

static HzSyncable *
find_syncable (HzConsultPanel *self,
               const char     *sync_id)
{
  for (guint i = 0; i < self->syncables->len; i++)
    if (g_strcmp0 (hz_syncable_get_sync_id (g_ptr_array_index (self->syncables, i)), sync_id) == 0)
      return g_ptr_array_index (self->syncables, i);
  return NULL;
}

/* The page just shown has been laid out by its second frame: its state
 * (a scroll position) can be applied now */
static gboolean
shown_tick_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  HzConsultPanel *self = user_data;
  guint ticks = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), "hz-consult-ticks")) + 1;

  if (ticks < 2)
    {
      g_object_set_data (G_OBJECT (widget), "hz-consult-ticks", GUINT_TO_POINTER (ticks));
      return G_SOURCE_CONTINUE;
    }
  g_object_set_data (G_OBJECT (widget), "hz-consult-ticks", NULL);
  self->waiting_for_page = FALSE;
  schedule_apply (self);
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

static void
show_syncable (HzConsultPanel *self,
               HzSyncable     *target)
{
  GtkWidget *stack = gtk_widget_get_ancestor (GTK_WIDGET (target), ADW_TYPE_VIEW_STACK);
  GtkWidget *child = GTK_WIDGET (target);
  AdwViewStackPage *stack_page;

  while (stack != NULL && gtk_widget_get_parent (child) != stack)
    child = gtk_widget_get_parent (child);
  if (stack == NULL)
    return;

  stack_page = adw_view_stack_get_page (ADW_VIEW_STACK (stack), child);
  self->switching++;
  hz_workspace_show_page (self->workspace, adw_view_stack_page_get_name (stack_page));
  self->switching--;
  self->waiting_for_page = TRUE;
  gtk_widget_add_tick_callback (GTK_WIDGET (target), shown_tick_cb, g_object_ref (self), NULL);
}

/* ------------------------------------------------------------------ */
/* Following an MDT meeting */

static gboolean
is_shared_copy (HzConsultPanel *self)
{
  return hz_store_get_shared_copy (hz_workspace_get_store (self->workspace)) != NULL;
}

static void
set_meeting_status (HzConsultPanel *self,
                    const char     *text)
{
  gtk_label_set_text (GTK_LABEL (self->meeting_status), text != NULL ? text : "");
  gtk_widget_set_visible (self->meeting_status, text != NULL);
}

/* Which case of the meeting this window's is; while paused, also the one
 * the meeting has moved on to (@state another case's, or NULL) */
static void
update_meeting_label (HzConsultPanel *self,
                      JsonObject     *state)
{
  g_autofree char *text = NULL;

  if (self->meeting_index == 0)
    return;
  if (state != NULL)
    /* Translators: which case of an MDT meeting this window shows, and the one the meeting is on */
    text = g_strdup_printf (_("MDT case %u of %u; the meeting has moved on to case %u"),
                            self->meeting_index, self->meeting_count,
                            (guint) json_object_get_int_member_with_default (state, "index", 0));
  else
    /* Translators: which case of an MDT meeting this window shows */
    text = g_strdup_printf (_("MDT case %u of %u"), self->meeting_index, self->meeting_count);
  gtk_label_set_text (GTK_LABEL (self->meeting_label), text);
  gtk_widget_set_visible (self->meeting_label, TRUE);
}

/* The meeting's state names the case this window shows: its place in the
 * meeting, and the page the presenter opened */
static void
show_meeting_case (HzConsultPanel *self,
                   JsonObject     *state)
{
  const char *page = json_object_get_string_member_with_default (state, "page", NULL);

  self->meeting_index = json_object_get_int_member_with_default (state, "index", 0);
  self->meeting_count = json_object_get_int_member_with_default (state, "count", 0);
  update_meeting_label (self, NULL);
  if (page != NULL)
    {
      /* the presenter's move, not the follower's own: following goes on */
      self->switching++;
      hz_workspace_show_page (self->workspace, page);
      self->switching--;
    }
  self->n_applied++;
}

typedef struct
{
  HzConsultPanel *self;   /* (unowned) the fetch is cancelled when it goes */
  JsonObject     *state;
} MeetingFetch;

static void
meeting_fetch_free (MeetingFetch *fetch)
{
  json_object_unref (fetch->state);
  g_free (fetch);
}

static void
on_meeting_fetched (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  MeetingFetch *fetch = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *case_id = NULL;
  g_autofree char *path = hz_consult_fetch_case_finish (result, &case_id, &error);
  HzConsultPanel *self = fetch->self;
  HzConsultRequest *request;
  GtkRoot *root;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      meeting_fetch_free (fetch);
      return;
    }
  set_meeting_status (self, NULL);
  if (path == NULL)
    {
      /* Translators: why the MDT meeting's next case did not open; this window stays */
      g_autofree char *text = g_strdup_printf (_("Could not open the meeting’s next case: %s"), error->message);

      show_error (self, text);
      meeting_fetch_free (fetch);
      return;
    }
  if (g_strcmp0 (path, hz_store_get_path (hz_workspace_get_store (self->workspace))) == 0)
    {
      /* the case this window shows already (joined before its Bundle was known) */
      g_free (self->bundle);
      self->bundle = g_strdup (json_object_get_string_member (fetch->state, "bundle"));
      if (hz_consult_panel_is_following (self))
        show_meeting_case (self, fetch->state);
      meeting_fetch_free (fetch);
      return;
    }
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (!hz_consult_panel_is_following (self) || self->client == NULL || !HZ_IS_MAIN_WINDOW (root))
    {
      /* paused while it was fetched: "Follow presenter" makes it due again */
      meeting_fetch_free (fetch);
      return;
    }

  request = hz_consult_request_copy (self->request);
  g_free (request->bundle);
  request->bundle = g_strdup (json_object_get_string_member (fetch->state, "bundle"));
  g_free (request->page);
  request->page = g_strdup (json_object_get_string_member_with_default (fetch->state, "page", NULL));
  meeting_fetch_free (fetch);

  /* The hand-over: this window leaves before the next one joins as the
   * same user (which would replace this connection, 4409), and closes, so
   * that the clinician has one window following the meeting */
  hz_consult_client_disconnect (self->client);
  if (self->apply_source != 0)
    g_source_remove (self->apply_source);
  self->apply_source = 0;
  hz_consult_open_shared_copy (HZ_MAIN_WINDOW (root), path, case_id, request);
  gtk_window_close (GTK_WINDOW (root));
}

/* The presenter's meeting state, taken from HzConsultFollow */
static void
apply_meeting_state (HzConsultPanel *self,
                     JsonObject     *state)
{
  const char *bundle = json_object_get_string_member_with_default (state, "bundle", NULL);
  HzStore *store = hz_workspace_get_store (self->workspace);
  MeetingFetch *fetch;

  if (bundle == NULL || !g_str_has_prefix (bundle, HZ_CONSULT_BUNDLE_PREFIX))
    {
      show_error (self, _("The meeting’s view names no case shared into the room; this window stays on its case"));
      return;
    }
  if (g_strcmp0 (bundle, self->bundle) == 0)
    {
      show_meeting_case (self, state);
      return;
    }
  if (self->record == NULL || self->record->room == NULL)
    return;

  /* the latest state wins: a case still being fetched is not opened */
  g_cancellable_cancel (self->meeting_cancellable);
  g_clear_object (&self->meeting_cancellable);
  self->meeting_cancellable = g_cancellable_new ();
  fetch = g_new0 (MeetingFetch, 1);
  fetch->self = self;
  fetch->state = json_object_ref (state);
  set_meeting_status (self, _("Opening the meeting’s next case…"));
  hz_consult_fetch_shared_async (self->request, self->record->room, bundle, hz_store_get_actor (store),
                                 self->meeting_cancellable, on_meeting_fetched, fetch);
}

static gboolean
apply_cb (gpointer user_data)
{
  HzConsultPanel *self = user_data;
  g_autofree char *page = NULL;
  g_autoptr(JsonNode) state = NULL;
  g_autoptr(GError) error = NULL;
  HzSyncable *target;

  self->apply_source = 0;
  if (self->follow == NULL || self->waiting_for_page || !hz_consult_follow_is_following (self->follow))
    return G_SOURCE_REMOVE;

  if (g_strcmp0 (hz_consult_follow_get_page (self->follow), MEETING_PAGE) == 0)
    {
      /* another case of the meeting is not another page of this one */
      if (is_shared_copy (self) && hz_consult_follow_take (self->follow, &page, &state))
        apply_meeting_state (self, json_node_get_object (state));
      return G_SOURCE_REMOVE;
    }

  target = find_syncable (self, hz_consult_follow_get_page (self->follow));
  if (target == NULL)
    {
      g_debug ("no page %s here to follow", hz_consult_follow_get_page (self->follow));
      return G_SOURCE_REMOVE;
    }
  /* the presenter's page first; its state once it is laid out */
  if (!gtk_widget_get_mapped (GTK_WIDGET (target)))
    {
      show_syncable (self, target);
      return G_SOURCE_REMOVE;
    }

  if (!hz_consult_follow_take (self->follow, &page, &state))
    return G_SOURCE_REMOVE;
  hz_consult_follow_begin_apply (self->follow);
  if (!hz_syncable_apply_state (target, state, &error))
    {
      show_error (self, error->message);
    }
  self->n_applied++;
  hz_consult_follow_end_apply (self->follow);
  return G_SOURCE_REMOVE;
}

static void
schedule_apply (HzConsultPanel *self)
{
  /* one apply a frame at most, the latest state: never a backlog */
  if (self->apply_source == 0 && !self->waiting_for_page)
    self->apply_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, apply_cb, self, NULL);
}

void
hz_consult_panel_follow (HzConsultPanel *self)
{
  if (self->follow == NULL)
    return;
  if (hz_consult_follow_resume (self->follow))
    schedule_apply (self);
  update_follow_ui (self);
}

/* ------------------------------------------------------------------ */
/* The session */

static void
set_presenter (HzConsultPanel *self,
               const char     *user)
{
  gboolean was = hz_consult_panel_is_presenting (self);

  g_free (self->presenter);
  self->presenter = g_strdup (user);
  update_all_members (self);
  update_follow_ui (self);
  if (!was && hz_consult_panel_is_presenting (self))
    {
      HzSyncable *syncable = visible_syncable (self);

      if (syncable != NULL)
        send_state (self, syncable);
    }
}

/* ------------------------------------------------------------------ */
/* The case shared with the sites, and "Shared with" */

static GtkWidget *
sharing_row_new (HzConsultSharing *sharing)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *when = hz_fhir_format_date_time (sharing->recorded);
  g_autofree char *what = NULL;
  g_autofree char *subtitle = NULL;

  if (sharing->n_images == 0)
    what = g_strdup (_("Case record"));
  else
    what = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Case record and %u image",
                                         "Case record and %u images", sharing->n_images),
                            sharing->n_images);
  /* Translators: what was shared, when, by whom: "病历及 2 幅影像 · 2026-12-04 21:50 · 王医生" */
  subtitle = g_strdup_printf (_("%s · %s · %s"), what, when != NULL ? when : "", sharing->who != NULL ? sharing->who : "");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sharing->site);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_tooltip_text (row, sharing->bundle_url);
  return row;
}

/* The sharings are read back from the case's audit trail; new ones are
 * put on top, the rows already shown stay */
static void
refresh_sharings (HzConsultPanel *self)
{
  HzCase *kase = hz_workspace_get_case (self->workspace);
  g_autoptr(GPtrArray) sharings = NULL;
  g_autoptr(GError) error = NULL;

  if (kase == NULL)
    return;
  sharings = hz_consult_list_sharings (hz_workspace_get_store (self->workspace), hz_case_get_id (kase), &error);
  if (sharings == NULL)
    {
      g_warning ("reading what was shared of case %s: %s", hz_case_get_id (kase), error->message);
      return;
    }
  /* newest first: the first (len - shown) are new, the oldest of them goes in last */
  for (guint i = sharings->len - MIN (sharings->len, self->n_sharing_rows); i > 0; i--)
    gtk_list_box_prepend (GTK_LIST_BOX (self->sharings_list), sharing_row_new (g_ptr_array_index (sharings, i - 1)));
  self->n_sharing_rows = MAX (self->n_sharing_rows, sharings->len);
  gtk_widget_set_visible (self->sharings_group, self->n_sharing_rows > 0);
}

static void
on_store_changed (HzStore         *store,
                  const char      *case_id,
                  const char     **types,
                  HzConsultPanel  *self)
{
  HzCase *kase = hz_workspace_get_case (self->workspace);

  if (kase != NULL && g_strcmp0 (case_id, hz_case_get_id (kase)) == 0 && types != NULL &&
      g_strv_contains (types, "AuditEvent"))
    refresh_sharings (self);
}

static void
on_map (GtkWidget      *widget,
        HzConsultPanel *self)
{
  HzStore *store = hz_workspace_get_store (self->workspace);

  if (self->store_handler == 0 && store != NULL)
    self->store_handler = g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed), self, 0);
  refresh_sharings (self);
}

static void
on_shared (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HzConsultShared) shared = hz_consult_share_case_finish (result, &error);
  HzConsultPanel *self;
  g_autofree char *text = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = HZ_CONSULT_PANEL (user_data);
  self->sharing = FALSE;
  gtk_widget_set_sensitive (self->share_button, TRUE);
  if (shared == NULL)
    {
      /* Translators: why the case could not be shared */
      text = g_strdup_printf (_("The case was not shared: %s"), error->message);
      show_error (self, text);
      gtk_label_set_text (GTK_LABEL (self->shared_label), "");
      return;
    }
  {
    g_autofree char *sites = g_strjoinv ("、", self->request->sites);
    guint n_images = shared->files->len - 1;

    /* Translators: "Shared with 省妇幼保健院: the case record and 2 images" */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Shared with %s: the case record and %u image",
                                         "Shared with %s: the case record and %u images", n_images),
                            sites, n_images);
    gtk_label_set_text (GTK_LABEL (self->shared_label), text);
  }
  if (shared->refused->len > 0)
    {
      g_autofree char *refused = NULL;
      g_autofree char *line = NULL;

      g_ptr_array_add (shared->refused, NULL);
      refused = g_strjoinv ("\n", (char **) shared->refused->pdata);
      /* Translators: followed by each image refused and why, one a line */
      line = g_strdup_printf (_("Some images were not shared:\n%s"), refused);
      show_error (self, line);
    }
  refresh_sharings (self);
}

/* Sends the case (what the consents allow) and its images into the room */
void
hz_consult_panel_share (HzConsultPanel *self)
{
  HzCase *kase = hz_workspace_get_case (self->workspace);
  HzStore *store = hz_workspace_get_store (self->workspace);
  const char *room = self->record != NULL ? self->record->room : NULL;

  g_return_if_fail (HZ_IS_CONSULT_PANEL (self));

  if (self->sharing || self->client == NULL || kase == NULL || room == NULL ||
      hz_store_get_shared_copy (store) != NULL)
    return;
  self->sharing = TRUE;
  gtk_widget_set_sensitive (self->share_button, FALSE);
  gtk_label_set_text (GTK_LABEL (self->shared_label), _("Sharing the case with the other hospitals…"));
  hz_consult_share_case_async (store, hz_case_get_id (kase), (const char * const *) self->request->sites,
                               self->request->url, room, self->request->token, self->cancellable,
                               on_shared, self);
}

static void
on_share_clicked (GtkButton      *button,
                  HzConsultPanel *self)
{
  hz_consult_panel_share (self);
}

/* "Shared with" under Share Case Again in a session, under the stack idle */
static void
place_sharings (HzConsultPanel *self,
                gboolean        in_session)
{
  GtkWidget *parent = in_session ? self->session_box : self->box;
  g_autoptr(GtkWidget) group = g_object_ref (self->sharings_group);

  if (gtk_widget_get_parent (group) == parent)
    return;
  gtk_box_remove (GTK_BOX (gtk_widget_get_parent (group)), group);
  if (in_session)
    gtk_box_insert_child_after (GTK_BOX (parent), group, self->share_button);
  else
    gtk_box_append (GTK_BOX (parent), group);
}

/* Who may share: the host and a presenter, of a case of this hospital's own */
static gboolean
may_share (HzConsultPanel *self)
{
  return (g_strcmp0 (self->my_role, "host") == 0 || g_strcmp0 (self->my_role, "presenter") == 0) &&
         hz_store_get_shared_copy (hz_workspace_get_store (self->workspace)) == NULL;
}

static void
on_welcome (HzConsultClient *client,
            JsonObject      *welcome,
            HzConsultPanel  *self)
{
  JsonArray *members = json_object_get_array_member (welcome, "members");
  JsonNode *presenter = json_object_get_member (welcome, "presenter");

  g_free (self->my_role);
  self->my_role = g_strdup (member_string (welcome, "role"));
  g_free (self->my_team);
  self->my_team = g_strdup (member_string (welcome, "team"));
  if (self->record->room == NULL)
    self->record->room = g_strdup (member_string (welcome, "room"));
  self->replay_seq = json_object_get_int_member_with_default (welcome, "seq", 0);

  g_hash_table_remove_all (self->members);
  for (guint i = 0; members != NULL && i < json_array_get_length (members); i++)
    add_member (self, json_array_get_object_element (members, i), "user");
  /* rows of those no longer there */
  {
    g_autoptr(GList) users = g_hash_table_get_keys (self->member_rows);

    for (GList *l = users; l != NULL; l = l->next)
      if (!g_hash_table_contains (self->members, l->data))
        update_member_row (self, l->data);
  }

  /* only my own team's opinion may be sent */
  {
    GtkWidget *child;

    for (child = gtk_widget_get_first_child (self->opinions_box); child != NULL;
         child = gtk_widget_get_next_sibling (child))
      {
        GtkWidget *entry = g_object_get_data (G_OBJECT (child), "hz-entry");
        const char *team = g_object_get_data (G_OBJECT (child), "hz-team");

        if (entry != NULL)
          gtk_widget_set_visible (entry, g_strcmp0 (team, self->my_team) == 0 &&
                                         g_strcmp0 (self->my_role, "observer") != 0);
      }
  }
  gtk_widget_set_sensitive (self->chat_entry, g_strcmp0 (self->my_role, "observer") != 0);

  set_presenter (self, presenter != NULL && JSON_NODE_HOLDS_VALUE (presenter)
                       ? json_node_get_string (presenter) : NULL);

  /* the case reaches the other sites once the session began */
  gtk_widget_set_visible (self->share_button, may_share (self));
  if (may_share (self) && !self->shared_once)
    {
      self->shared_once = TRUE;
      hz_consult_panel_share (self);
    }
}

static void
on_message (HzConsultClient *client,
            const char      *type,
            JsonObject      *message,
            HzConsultPanel  *self)
{
  const char *from = member_string (message, "from");
  const char *me = hz_consult_client_get_user (client);
  gint64 seq = json_object_get_int_member_with_default (message, "seq", 0);

  /* the replay of the room's past is through: its latest state is due */
  if (self->replay_due && seq >= self->replay_seq)
    {
      self->replay_due = FALSE;
      schedule_apply (self);
    }

  if (g_str_equal (type, "chat"))
    {
      g_autoptr(GDateTime) sent = message_time (message);

      hz_consult_record_add_chat (self->record, from, member_string (message, "name"),
                                  member_string (message, "text"),
                                  g_date_time_to_unix (sent) * G_USEC_PER_SEC + g_date_time_get_microsecond (sent));
      add_chat_row (self, message);
    }
  else if (g_str_equal (type, "state"))
    {
      JsonNode *state = json_object_get_member (message, "state");
      const char *page = member_string (message, "page");

      if (g_strcmp0 (from, me) == 0 || page == NULL || state == NULL || !JSON_NODE_HOLDS_OBJECT (state))
        return;
      if (hz_consult_follow_remote_state (self->follow, page, state))
        {
          if (hz_consult_panel_is_presenting (self))
            return;
          /* a meeting's past cases are not opened one by one on joining */
          if (seq < self->replay_seq)
            self->replay_due = TRUE;
          else
            schedule_apply (self);
        }
      else if (g_str_equal (page, MEETING_PAGE) &&
               g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (state), "bundle", NULL),
                          self->bundle) != 0)
        update_meeting_label (self, json_node_get_object (state));
    }
  else if (g_str_equal (type, "presence"))
    {
      if (g_strcmp0 (member_string (message, "event"), "join") == 0)
        add_member (self, message, "from");
      else if (from != NULL)
        {
          g_hash_table_remove (self->members, from);
          update_member_row (self, from);
        }
    }
  else if (g_str_equal (type, "opinion"))
    {
      const char *team = member_string (message, "team");
      const char *of_case = member_string (message, "case");
      GtkWidget *label = team != NULL ? g_hash_table_lookup (self->opinion_labels, team) : NULL;
      HzCase *kase = hz_workspace_get_case (self->workspace);

      if (team == NULL)
        return;
      /* in a meeting's room, an opinion of another of its cases */
      if (of_case != NULL && kase != NULL && !g_str_equal (of_case, hz_case_get_id (kase)))
        return;
      hz_consult_record_set_opinion (self->record, team, member_string (message, "text"));
      if (label != NULL)
        {
          /* Translators: an opinion under its team: "who: what" */
          g_autofree char *text = g_strdup_printf (_("%s: %s"), member_string (message, "name") != NULL
                                                             ? member_string (message, "name") : from,
                                                   member_string (message, "text"));

          gtk_label_set_text (GTK_LABEL (label), text);
          gtk_widget_remove_css_class (label, "dim-label");
        }
    }
  else if (g_str_equal (type, "presenter"))
    set_presenter (self, member_string (message, "user"));
}

static void
on_server_error (HzConsultClient *client,
                 const char      *code,
                 const char      *text,
                 HzConsultPanel  *self)
{
  const char *message;

  if (g_str_equal (code, "forbidden"))
    message = _("The consultation server refused that: your role in this session does not allow it");
  else if (g_str_equal (code, "unknown-member"))
    message = _("That participant is no longer in the session");
  else if (g_str_equal (code, "duplicate"))
    return;   /* sent again after a drop: it was delivered once */
  else
    message = _("The consultation server did not understand a message of this version of Huizhen");
  show_error (self, message);
}

static void
on_client_state (HzConsultClient *client,
                 HzConsultPanel  *self)
{
  update_state_label (self);
}

static void
build_opinions (HzConsultPanel *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->opinions_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->opinions_box), child);
  g_hash_table_remove_all (self->opinion_labels);

  for (guint i = 0; i < G_N_ELEMENTS (all_teams); i++)
    {
      const char *team = hz_team_to_string (all_teams[i]);
      GtkWidget *box, *title, *label, *entry;

      if (self->request->teams != NULL && self->request->teams[0] != NULL &&
          !g_strv_contains ((const char * const *) self->request->teams, team))
        continue;

      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      title = gtk_label_new (hz_team_get_display_name (all_teams[i]));
      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_widget_add_css_class (title, "heading");
      label = gtk_label_new (_("No opinion yet"));
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_widget_add_css_class (label, "dim-label");
      entry = gtk_entry_new ();
      gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Your team's opinion, Enter to submit"));
      g_object_set_data_full (G_OBJECT (entry), "hz-team", g_strdup (team), g_free);
      gtk_widget_set_visible (entry, FALSE);
      gtk_box_append (GTK_BOX (box), title);
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), entry);
      g_object_set_data (G_OBJECT (box), "hz-entry", entry);
      g_object_set_data_full (G_OBJECT (box), "hz-team", g_strdup (team), g_free);
      gtk_box_append (GTK_BOX (self->opinions_box), box);
      g_hash_table_insert (self->opinion_labels, g_strdup (team), label);
      {
        g_autofree char *name = g_strdup_printf ("opinion-%s", team);

        g_hash_table_insert (self->parts, g_steal_pointer (&name), entry);
      }
    }
}

static void on_opinion_activate (GtkEntry *entry, HzConsultPanel *self);

/* In a session the panel comes first in the side panel, above the
 * patient's summary; idle, it is the last */
static void
move_panel (HzConsultPanel *self,
            int             priority)
{
  g_autoptr(GtkWidget) keep = g_object_ref (GTK_WIDGET (self));

  if (gtk_widget_get_parent (GTK_WIDGET (self)) == NULL)
    return;
  hz_workspace_remove_panel (self->workspace, GTK_WIDGET (self));
  hz_workspace_add_panel (self->workspace, GTK_WIDGET (self), priority);
}

void
hz_consult_panel_join (HzConsultPanel   *self,
                       HzConsultRequest *request)
{
  g_return_if_fail (HZ_IS_CONSULT_PANEL (self));

  if (self->client != NULL)
    hz_consult_client_disconnect (self->client);
  g_clear_object (&self->client);
  g_cancellable_cancel (self->meeting_cancellable);
  hz_consult_request_free (self->request);
  self->request = hz_consult_request_copy (request);
  g_free (self->bundle);
  self->bundle = g_strdup (request->bundle);
  self->meeting_index = self->meeting_count = 0;
  self->replay_seq = 0;
  self->replay_due = FALSE;
  gtk_widget_set_visible (self->meeting_label, FALSE);
  set_meeting_status (self, NULL);

  g_clear_pointer (&self->follow, hz_consult_follow_free);
  self->follow = hz_consult_follow_new ();
  g_clear_pointer (&self->record, hz_consult_record_free);
  self->record = hz_consult_record_new (NULL);
  g_clear_pointer (&self->presenter, g_free);
  g_hash_table_remove_all (self->members);
  {
    GtkWidget *row;

    while ((row = gtk_widget_get_first_child (self->members_list)) != NULL)
      gtk_list_box_remove (GTK_LIST_BOX (self->members_list), row);
    while ((row = gtk_widget_get_first_child (self->chat_list)) != NULL)
      gtk_list_box_remove (GTK_LIST_BOX (self->chat_list), row);
  }
  g_hash_table_remove_all (self->member_rows);
  build_opinions (self);
  {
    GtkWidget *child;

    for (child = gtk_widget_get_first_child (self->opinions_box); child != NULL;
         child = gtk_widget_get_next_sibling (child))
      g_signal_connect (g_object_get_data (G_OBJECT (child), "hz-entry"), "activate",
                        G_CALLBACK (on_opinion_activate), self);
  }

  g_ptr_array_set_size (self->syncables, 0);
  g_ptr_array_set_size (self->stacks, 0);
  find_syncables (self, GTK_WIDGET (self->workspace));

  self->client = hz_consult_client_new (request->url, request->token);
  g_signal_connect_object (self->client, "welcome", G_CALLBACK (on_welcome), self, 0);
  g_signal_connect_object (self->client, "message", G_CALLBACK (on_message), self, 0);
  g_signal_connect_object (self->client, "server-error", G_CALLBACK (on_server_error), self, 0);
  g_signal_connect_object (self->client, "state-changed", G_CALLBACK (on_client_state), self, 0);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "session");
  place_sharings (self, TRUE);
  move_panel (self, HZ_CONSULT_PANEL_PRIORITY_SESSION);
  self->shared_once = FALSE;
  gtk_label_set_text (GTK_LABEL (self->shared_label), "");
  update_follow_ui (self);
  if (request->page != NULL)
    {
      /* opened for a meeting's state: on the page it named, still following */
      self->switching++;
      hz_workspace_show_page (self->workspace, request->page);
      self->switching--;
    }
  hz_consult_client_connect (self->client);
  update_state_label (self);
}

static void
on_record_saved (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  HzSaveOutcome outcome = hz_save_bundle_finish (result, &error);
  HzConsultPanel *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = HZ_CONSULT_PANEL (user_data);
  gtk_widget_set_sensitive (self->end_button, TRUE);
  if (outcome == HZ_SAVE_FAILED)
    {
      show_error (self, error->message);
      return;
    }
  if (outcome == HZ_SAVE_SAVED)
    {
      hz_workspace_show_message (self->workspace,
                                 _("The consultation record is on the case: attendance, chat and a draft opinion"));
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "idle");
      place_sharings (self, FALSE);
      move_panel (self, HZ_CONSULT_PANEL_PRIORITY_IDLE);
      g_clear_pointer (&self->record, hz_consult_record_free);
    }
}

void
hz_consult_panel_end (HzConsultPanel *self)
{
  HzCase *kase;
  HzStore *store;
  g_autoptr(GPtrArray) resources = NULL;

  g_return_if_fail (HZ_IS_CONSULT_PANEL (self));

  if (self->client == NULL || self->record == NULL)
    return;
  kase = hz_workspace_get_case (self->workspace);
  store = hz_workspace_get_store (self->workspace);

  hz_consult_client_disconnect (self->client);
  if (self->apply_source != 0)
    g_source_remove (self->apply_source);
  self->apply_source = 0;
  g_cancellable_cancel (self->meeting_cancellable);
  set_meeting_status (self, NULL);
  if (hz_store_get_shared_copy (store) != NULL)
    {
      /* a copy takes no record: the hospital that shared the case keeps it */
      hz_workspace_show_message (self->workspace,
                                 _("You left the session; its record is kept by the hospital that shared the case"));
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "idle");
      place_sharings (self, FALSE);
      move_panel (self, HZ_CONSULT_PANEL_PRIORITY_IDLE);
      g_clear_pointer (&self->record, hz_consult_record_free);
      return;
    }
  self->record->ended_us = g_get_real_time ();
  resources = hz_consult_record_build (self->record, kase, hz_store_get_actor (store));
  gtk_widget_set_sensitive (self->end_button, FALSE);
  hz_save_bundle_async (GTK_WIDGET (self), store, hz_case_get_id (kase), resources,
                        self->cancellable, on_record_saved, self);
}

/* ------------------------------------------------------------------ */

static void
on_chat_activate (GtkEntry       *entry,
                  HzConsultPanel *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  if (self->client == NULL || text[0] == '\0')
    return;
  /* offline it waits in the client's queue, and goes out on reconnect */
  hz_consult_client_send_chat (self->client, text);
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
on_opinion_activate (GtkEntry       *entry,
                     HzConsultPanel *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  HzCase *kase;

  if (self->client == NULL || text[0] == '\0')
    return;
  kase = hz_workspace_get_case (self->workspace);
  /* the case it is of: a meeting's room goes through several */
  hz_consult_client_send_opinion (self->client, g_object_get_data (G_OBJECT (entry), "hz-team"), text,
                                  kase != NULL ? hz_case_get_id (kase) : NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
on_follow_clicked (GtkButton      *button,
                   HzConsultPanel *self)
{
  hz_consult_panel_follow (self);
}

static GtkWidget *
section_title (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, 6);
  return label;
}

static GtkWidget *
build_idle (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *button = gtk_button_new_with_mnemonic (_("Start _Remote Consultation…"));

  gtk_box_append (GTK_BOX (box), section_title (_("Remote Consultation")));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "consult.start");
  gtk_widget_set_tooltip_text (button, _("Ask other hospitals to review this case live: a consultation "
                                         "request, the patient's consent, then a session"));
  gtk_box_append (GTK_BOX (box), button);
  return box;
}

static void
hz_consult_panel_init (HzConsultPanel *self)
{
  GtkWidget *session = self->session_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = section_title (_("Remote Consultation"));

  self->parts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->members = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_object_unref);
  self->member_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->opinion_labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->syncables = g_ptr_array_new_with_free_func (g_object_unref);
  self->stacks = g_ptr_array_new_with_free_func (g_object_unref);
  self->cancellable = g_cancellable_new ();

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  self->stack = gtk_stack_new ();
  gtk_box_append (GTK_BOX (self->box), self->stack);
  gtk_stack_add_named (GTK_STACK (self->stack), build_idle (), "idle");

  /* "Shared with": every sharing of the case, from its audit trail */
  self->sharings_group = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (self->sharings_group), section_title (_("Shared With")));
  self->sharings_list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->sharings_list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->sharings_list, "boxed-list");
  gtk_box_append (GTK_BOX (self->sharings_group), self->sharings_list);
  gtk_widget_set_visible (self->sharings_group, FALSE);
  gtk_box_append (GTK_BOX (self->box), self->sharings_group);
  g_signal_connect (self, "map", G_CALLBACK (on_map), self);

  gtk_widget_set_hexpand (title, TRUE);
  self->state_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->state_label, "caption-heading");
  gtk_box_append (GTK_BOX (header), title);
  gtk_box_append (GTK_BOX (header), self->state_label);
  gtk_box_append (GTK_BOX (session), header);

  self->error_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->error_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->error_label), 0);
  gtk_widget_add_css_class (self->error_label, "error");
  gtk_widget_add_css_class (self->error_label, "caption");
  gtk_widget_set_visible (self->error_label, FALSE);
  gtk_box_append (GTK_BOX (session), self->error_label);

  self->meeting_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->meeting_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->meeting_label), 0);
  gtk_widget_add_css_class (self->meeting_label, "heading");
  gtk_widget_set_visible (self->meeting_label, FALSE);
  gtk_box_append (GTK_BOX (session), self->meeting_label);

  self->meeting_status = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->meeting_status), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->meeting_status), 0);
  gtk_widget_add_css_class (self->meeting_status, "caption");
  gtk_widget_set_visible (self->meeting_status, FALSE);
  gtk_box_append (GTK_BOX (session), self->meeting_status);

  self->shared_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->shared_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->shared_label), 0);
  gtk_widget_add_css_class (self->shared_label, "caption");
  gtk_widget_add_css_class (self->shared_label, "dim-label");
  gtk_box_append (GTK_BOX (session), self->shared_label);

  self->share_button = gtk_button_new_with_mnemonic (_("_Share Case Again"));
  gtk_widget_set_tooltip_text (self->share_button,
                               _("Send the case as it is now, and its images, to the other hospitals of the session"));
  g_signal_connect (self->share_button, "clicked", G_CALLBACK (on_share_clicked), self);
  gtk_widget_set_visible (self->share_button, FALSE);
  gtk_box_append (GTK_BOX (session), self->share_button);

  self->presenter_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->presenter_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->presenter_label), 0);
  gtk_box_append (GTK_BOX (session), self->presenter_label);

  self->follow_button = gtk_button_new_with_mnemonic (_("_Follow Presenter"));
  gtk_widget_set_tooltip_text (self->follow_button, _("Show what the presenter shows again"));
  g_signal_connect (self->follow_button, "clicked", G_CALLBACK (on_follow_clicked), self);
  gtk_box_append (GTK_BOX (session), self->follow_button);

  gtk_box_append (GTK_BOX (session), section_title (_("Participants")));
  self->members_list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->members_list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->members_list, "boxed-list");
  gtk_box_append (GTK_BOX (session), self->members_list);

  gtk_box_append (GTK_BOX (session), section_title (_("Chat")));
  self->chat_list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->chat_list), GTK_SELECTION_NONE);
  self->chat_scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->chat_scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (self->chat_scroller), 140);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->chat_scroller), self->chat_list);
  gtk_widget_add_css_class (self->chat_scroller, "card");
  g_signal_connect (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->chat_scroller)),
                    "notify::upper", G_CALLBACK (on_chat_upper_changed), NULL);
  gtk_box_append (GTK_BOX (session), self->chat_scroller);
  self->chat_entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->chat_entry), _("Message, Enter to send"));
  g_signal_connect (self->chat_entry, "activate", G_CALLBACK (on_chat_activate), self);
  gtk_box_append (GTK_BOX (session), self->chat_entry);

  gtk_box_append (GTK_BOX (session), section_title (_("Team Opinions")));
  self->opinions_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);
  gtk_box_append (GTK_BOX (session), self->opinions_box);

  self->end_button = gtk_button_new_with_mnemonic (_("_End Session"));
  gtk_widget_add_css_class (self->end_button, "destructive-action");
  gtk_widget_set_tooltip_text (self->end_button, _("Leave the session and keep its record on the case"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->end_button), "consult.end");
  gtk_widget_set_margin_top (self->end_button, 6);
  gtk_box_append (GTK_BOX (session), self->end_button);

  gtk_stack_add_named (GTK_STACK (self->stack), session, "session");
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "idle");

  g_hash_table_insert (self->parts, g_strdup ("state"), self->state_label);
  g_hash_table_insert (self->parts, g_strdup ("chat-entry"), self->chat_entry);
  g_hash_table_insert (self->parts, g_strdup ("chat-list"), self->chat_list);
  g_hash_table_insert (self->parts, g_strdup ("members"), self->members_list);
  g_hash_table_insert (self->parts, g_strdup ("follow"), self->follow_button);
  g_hash_table_insert (self->parts, g_strdup ("end"), self->end_button);
  g_hash_table_insert (self->parts, g_strdup ("shared"), self->shared_label);
  g_hash_table_insert (self->parts, g_strdup ("share"), self->share_button);
  g_hash_table_insert (self->parts, g_strdup ("shared-with"), self->sharings_list);
  g_hash_table_insert (self->parts, g_strdup ("presenter"), self->presenter_label);
  g_hash_table_insert (self->parts, g_strdup ("error"), self->error_label);
  g_hash_table_insert (self->parts, g_strdup ("meeting"), self->meeting_label);
  g_hash_table_insert (self->parts, g_strdup ("meeting-status"), self->meeting_status);
}

static void
hz_consult_panel_dispose (GObject *object)
{
  HzConsultPanel *self = HZ_CONSULT_PANEL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->meeting_cancellable);
  g_clear_object (&self->meeting_cancellable);
  g_clear_pointer (&self->bundle, g_free);
  if (self->apply_source != 0)
    g_source_remove (self->apply_source);
  self->apply_source = 0;
  if (self->client != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->client, self);
      hz_consult_client_disconnect (self->client);
      g_clear_object (&self->client);
    }
  self->stack = NULL;
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->syncables, g_ptr_array_unref);
  g_clear_pointer (&self->stacks, g_ptr_array_unref);
  g_clear_pointer (&self->follow, hz_consult_follow_free);
  g_clear_pointer (&self->record, hz_consult_record_free);
  g_clear_pointer (&self->request, hz_consult_request_free);
  g_clear_pointer (&self->members, g_hash_table_unref);
  g_clear_pointer (&self->member_rows, g_hash_table_unref);
  g_clear_pointer (&self->opinion_labels, g_hash_table_unref);
  g_clear_pointer (&self->parts, g_hash_table_unref);
  g_clear_pointer (&self->presenter, g_free);
  g_clear_pointer (&self->my_role, g_free);
  g_clear_pointer (&self->my_team, g_free);

  G_OBJECT_CLASS (hz_consult_panel_parent_class)->dispose (object);
}

static void
hz_consult_panel_class_init (HzConsultPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hz_consult_panel_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "consult-panel");
}

GtkWidget *
hz_consult_panel_new (HzWorkspace *workspace)
{
  HzConsultPanel *self = g_object_new (HZ_TYPE_CONSULT_PANEL, NULL);

  self->workspace = workspace;
  return GTK_WIDGET (self);
}
