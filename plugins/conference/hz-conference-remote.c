/* hz-conference-remote.c — an MDT meeting with remote sites: the
 * coordinator's conference in one room of huizhen-consultd (远程多学科会诊)
 *
 * The meeting goes through its cases in one room. Connected (as the
 * room's host, or its presenter), each case presented is shared into the
 * room once (hz_consult_share_case(): what the Consents for the remote
 * sites allow, with its images), then the meeting's state goes out as a
 * `state` of page "conference" (meeting, case, bundle, index, count and
 * the case page opened last), which the remote sites' session panels
 * follow (docs/consult-protocol.md, "An MDT meeting's room"). Every
 * `opinion` a remote site sends is filed under its `case` (the case shown
 * when it names none) in that team's section of the case's 会诊意见书
 * (hz_meeting_file_remote_opinion()), so it lands in the same team box as
 * what is typed here, through the store's ::changed. A team whose member
 * joins the room and whose attendance is not recorded yet is recorded
 * remote, with the member's name.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-conference"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hz-conference-private.h"

struct _HzConferenceRemote
{
  GObject          parent_instance;

  HzStore         *store;
  char            *meeting_id;
  char            *url;
  char            *token;
  char            *room;
  GStrv            sites;
  HzConsultClient *client;
  GCancellable    *cancellable;

  GHashTable      *bundles;       /* case id → the Bundle shared into the room */
  GHashTable      *sharing;       /* case ids being shared now */
  GHashTable      *share_errors;  /* case id → why it is not shared (translated) */
  GHashTable      *members;       /* user → JsonObject (user, name, team, role) */
  gint64           joined_seq;    /* the room's seq when this site first joined; -1 before */
  guint            n_filed;
  char            *last_error;    /* an opinion not filed, a message refused (translated) */

  /* the case shown */
  char            *case_id;
  guint            index;
  guint            count;
  char            *page;
};

G_DEFINE_FINAL_TYPE (HzConferenceRemote, hz_conference_remote, G_TYPE_OBJECT)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
emit_changed (HzConferenceRemote *self)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
set_last_error (HzConferenceRemote *self,
                const char         *message)
{
  g_free (self->last_error);
  self->last_error = g_strdup (message);
}

static const char *
member_string (JsonObject *member,
               const char *key)
{
  return json_object_get_string_member_with_default (member, key, NULL);
}

/* ------------------------------------------------------------------ */
/* The case shown, out to the room */

static void
send_state (HzConferenceRemote *self)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) state = NULL;
  const char *bundle;

  if (self->client == NULL || self->case_id == NULL ||
      (bundle = g_hash_table_lookup (self->bundles, self->case_id)) == NULL)
    return;
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "meeting");
  json_builder_add_string_value (builder, self->meeting_id);
  json_builder_set_member_name (builder, "case");
  json_builder_add_string_value (builder, self->case_id);
  json_builder_set_member_name (builder, "bundle");
  json_builder_add_string_value (builder, bundle);
  json_builder_set_member_name (builder, "index");
  json_builder_add_int_value (builder, self->index);
  json_builder_set_member_name (builder, "count");
  json_builder_add_int_value (builder, self->count);
  if (self->page != NULL)
    {
      json_builder_set_member_name (builder, "page");
      json_builder_add_string_value (builder, self->page);
    }
  json_builder_end_object (builder);
  state = json_builder_get_root (builder);
  hz_consult_client_send_state (self->client, HZ_CONFERENCE_REMOTE_PAGE, state);
}

typedef struct
{
  HzConferenceRemote *self;
  char               *case_id;
} Share;

static void
on_shared (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Share *share = user_data;
  HzConferenceRemote *self = share->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(HzConsultShared) shared = hz_consult_share_case_finish (result, &error);

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_hash_table_remove (self->sharing, share->case_id);
      if (shared == NULL)
        g_hash_table_replace (self->share_errors, g_strdup (share->case_id), g_strdup (error->message));
      else
        {
          g_hash_table_remove (self->share_errors, share->case_id);
          if (shared->refused->len > 0)
            {
              g_autofree char *refused = g_strjoinv ("；", (char **) shared->refused->pdata);

              g_hash_table_replace (self->share_errors, g_strdup (share->case_id), g_steal_pointer (&refused));
            }
          g_hash_table_replace (self->bundles, g_strdup (share->case_id),
                                g_strdup (((HzConsultFile *) shared->files->pdata[0])->name));
          if (g_strcmp0 (share->case_id, self->case_id) == 0)
            send_state (self);
        }
      emit_changed (self);
    }
  g_object_unref (share->self);
  g_free (share->case_id);
  g_free (share);
}

static void
share_case (HzConferenceRemote *self,
            const char         *case_id)
{
  Share *share;

  if (g_hash_table_contains (self->bundles, case_id) || g_hash_table_contains (self->sharing, case_id))
    return;
  g_hash_table_add (self->sharing, g_strdup (case_id));
  share = g_new0 (Share, 1);
  share->self = g_object_ref (self);
  share->case_id = g_strdup (case_id);
  hz_consult_share_case_async (self->store, case_id, (const char * const *) self->sites, self->url, self->room,
                               self->token, self->cancellable, on_shared, share);
}

void
hz_conference_remote_present (HzConferenceRemote *self,
                              const char         *case_id,
                              guint               index,
                              guint               count,
                              const char         *page)
{
  g_return_if_fail (HZ_IS_CONFERENCE_REMOTE (self));
  g_return_if_fail (case_id != NULL);

  g_free (self->case_id);
  self->case_id = g_strdup (case_id);
  self->index = index;
  self->count = count;
  if (page != NULL)
    {
      g_free (self->page);
      self->page = g_strdup (page);
    }
  /* a case shared once a session; sharing it again needs "Share Again" */
  if (g_hash_table_contains (self->bundles, case_id))
    send_state (self);
  else
    share_case (self, case_id);
  emit_changed (self);
}

void
hz_conference_remote_share_again (HzConferenceRemote *self)
{
  g_return_if_fail (HZ_IS_CONFERENCE_REMOTE (self));

  if (self->case_id == NULL)
    return;
  g_hash_table_remove (self->bundles, self->case_id);
  g_hash_table_remove (self->share_errors, self->case_id);
  share_case (self, self->case_id);
  emit_changed (self);
}

/* ------------------------------------------------------------------ */
/* What the room says */

/* A team that joins is there remotely, unless its attendance says otherwise */
static void
attend_remote (HzConferenceRemote *self,
               JsonObject         *member)
{
  const char *team = member_string (member, "team");
  const char *name = member_string (member, "name");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) meeting = NULL;
  JsonArray *attendance;
  HzTeam code;

  if (team == NULL || !hz_team_from_string (team, &code) ||
      g_strcmp0 (member_string (member, "user"), hz_consult_client_get_user (self->client)) == 0)
    return;
  meeting = hz_meeting_to_json (self->store, self->meeting_id, &error);
  if (meeting == NULL)
    return;
  attendance = json_object_get_array_member (json_node_get_object (meeting), "attendance");
  for (guint i = 0; attendance != NULL && i < json_array_get_length (attendance); i++)
    if (g_strcmp0 (member_string (json_array_get_object_element (attendance, i), "team"), team) == 0)
      return;   /* recorded: what the coordinator said stands */
  if (!hz_meeting_attend (self->store, self->meeting_id, team, HZ_ATTENDANCE_REMOTE,
                          name != NULL ? name : member_string (member, "user"), &error))
    set_last_error (self, error->message);
}

static void
add_member (HzConferenceRemote *self,
            JsonObject         *member)
{
  const char *user = member_string (member, "user");

  if (user == NULL)
    return;
  g_hash_table_replace (self->members, g_strdup (user), json_object_ref (member));
}

static void
on_welcome (HzConsultClient    *client,
            JsonObject         *message,
            HzConferenceRemote *self)
{
  JsonArray *members = json_object_get_array_member (message, "members");

  if (self->joined_seq < 0)
    self->joined_seq = json_object_get_int_member_with_default (message, "seq", 0);
  g_hash_table_remove_all (self->members);
  for (guint i = 0; members != NULL && i < json_array_get_length (members); i++)
    {
      JsonObject *member = json_array_get_object_element (members, i);

      add_member (self, member);
      attend_remote (self, member);
    }
  emit_changed (self);
}

static void
file_opinion (HzConferenceRemote *self,
              JsonObject         *message)
{
  const char *of_case = member_string (message, "case");
  const char *team = member_string (message, "team");
  const char *text = member_string (message, "text");
  const char *name = member_string (message, "name");
  gint64 seq = json_object_get_int_member_with_default (message, "seq", 0);
  g_autoptr(GError) error = NULL;
  gboolean filed = FALSE;

  if (g_strcmp0 (member_string (message, "from"), hz_consult_client_get_user (self->client)) == 0)
    return;   /* this site's own: typed into the boxes here */
  if (of_case == NULL)
    of_case = self->case_id;
  if (of_case == NULL || team == NULL || text == NULL)
    return;
  if (!hz_meeting_file_remote_opinion (self->store, self->meeting_id, of_case, team,
                                       name != NULL ? name : member_string (message, "from"), text,
                                       self->joined_seq >= 0 && seq <= self->joined_seq, &filed, &error))
    {
      g_autofree char *why = g_strdup_printf (_("The opinion of %s from the remote session was not filed: %s"),
                                              name != NULL ? name : member_string (message, "from"),
                                              error->message);

      set_last_error (self, why);
      emit_changed (self);
      return;
    }
  if (filed)
    self->n_filed++;
}

static void
on_message (HzConsultClient    *client,
            const char         *type,
            JsonObject         *message,
            HzConferenceRemote *self)
{
  if (g_str_equal (type, "opinion"))
    file_opinion (self, message);
  else if (g_str_equal (type, "presence"))
    {
      const char *event = member_string (message, "event");
      g_autoptr(JsonObject) member = json_object_new ();

      json_object_set_string_member (member, "user", member_string (message, "from"));
      if (member_string (message, "name") != NULL)
        json_object_set_string_member (member, "name", member_string (message, "name"));
      if (member_string (message, "team") != NULL)
        json_object_set_string_member (member, "team", member_string (message, "team"));
      if (member_string (message, "role") != NULL)
        json_object_set_string_member (member, "role", member_string (message, "role"));
      if (g_strcmp0 (event, "leave") == 0)
        g_hash_table_remove (self->members, member_string (message, "from"));
      else
        {
          add_member (self, member);
          /* a join replayed from before this site came is history */
          if (json_object_get_int_member_with_default (message, "seq", 0) > self->joined_seq)
            attend_remote (self, member);
        }
      emit_changed (self);
    }
}

static void
on_server_error (HzConsultClient    *client,
                 const char         *code,
                 const char         *text,
                 HzConferenceRemote *self)
{
  if (g_strcmp0 (code, "forbidden") == 0)
    set_last_error (self, _("The invitation token does not let this site present: ask for a host token"));
  else
    set_last_error (self, text);
  emit_changed (self);
}

static void
on_state_changed (HzConsultClient    *client,
                  HzConferenceRemote *self)
{
  emit_changed (self);
}

/* ------------------------------------------------------------------ */

HzConferenceRemote *
hz_conference_remote_new (HzStore     *store,
                          const char  *meeting_id,
                          const char  *url,
                          const char  *token,
                          const char  *sites,
                          GError     **error)
{
  HzConferenceRemote *self;
  g_autofree char *room = NULL;
  g_auto(GStrv) site_list = NULL;
  g_autofree char *files_url = NULL;

  g_return_val_if_fail (HZ_IS_STORE (store) && meeting_id != NULL, NULL);

  if (url == NULL || *url == '\0' || (files_url = hz_consult_files_url (url, "r", NULL)) == NULL)
    {
      g_set_error_literal (error, HZ_CONSULT_ERROR, HZ_CONSULT_ERROR_URL,
                           _("Enter the address of the consultation server, e.g. wss://consult.example.org"));
      return NULL;
    }
  if (token == NULL || (room = hz_consult_token_peek_room (token)) == NULL)
    {
      g_set_error_literal (error, HZ_CONSULT_ERROR, HZ_CONSULT_ERROR_TOKEN,
                           _("The invitation token is not one: paste it as the consultation server issued it"));
      return NULL;
    }
  site_list = hz_consult_split_sites (sites != NULL ? sites : "");
  if (site_list[0] == NULL)
    {
      g_set_error_literal (error, HZ_CONSULT_ERROR, HZ_CONSULT_ERROR_CONSENT,
                           _("Remote sites: name the hospitals that join, to check each case’s consent to sharing"));
      return NULL;
    }

  self = g_object_new (HZ_TYPE_CONFERENCE_REMOTE, NULL);
  self->store = g_object_ref (store);
  self->meeting_id = g_strdup (meeting_id);
  self->url = g_strdup (url);
  self->token = g_strdup (token);
  self->room = g_steal_pointer (&room);
  self->sites = g_steal_pointer (&site_list);
  self->client = hz_consult_client_new (url, token);
  g_signal_connect (self->client, "welcome", G_CALLBACK (on_welcome), self);
  g_signal_connect (self->client, "message", G_CALLBACK (on_message), self);
  g_signal_connect (self->client, "server-error", G_CALLBACK (on_server_error), self);
  g_signal_connect (self->client, "state-changed", G_CALLBACK (on_state_changed), self);
  hz_consult_client_connect (self->client);
  return self;
}

void
hz_conference_remote_leave (HzConferenceRemote *self)
{
  g_return_if_fail (HZ_IS_CONFERENCE_REMOTE (self));

  g_cancellable_cancel (self->cancellable);
  if (self->client != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->client, self);
      hz_consult_client_disconnect (self->client);
    }
}

HzConsultClient *
hz_conference_remote_get_client (HzConferenceRemote *self)
{
  g_return_val_if_fail (HZ_IS_CONFERENCE_REMOTE (self), NULL);
  return self->client;
}

const char *
hz_conference_remote_get_meeting_id (HzConferenceRemote *self)
{
  g_return_val_if_fail (HZ_IS_CONFERENCE_REMOTE (self), NULL);
  return self->meeting_id;
}

const char *
hz_conference_remote_get_bundle (HzConferenceRemote *self,
                                 const char         *case_id)
{
  g_return_val_if_fail (HZ_IS_CONFERENCE_REMOTE (self), NULL);
  return g_hash_table_lookup (self->bundles, case_id);
}

guint
hz_conference_remote_get_n_filed (HzConferenceRemote *self)
{
  g_return_val_if_fail (HZ_IS_CONFERENCE_REMOTE (self), 0);
  return self->n_filed;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

char *
hz_conference_remote_dup_members (HzConferenceRemote *self)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (HZ_IS_CONFERENCE_REMOTE (self), NULL);

  g_hash_table_iter_init (&iter, self->members);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      JsonObject *member = value;
      const char *name = member_string (member, "name");
      const char *team = member_string (member, "team");
      HzTeam code;

      if (g_strcmp0 (member_string (member, "user"), hz_consult_client_get_user (self->client)) == 0)
        continue;
      if (name == NULL)
        name = member_string (member, "user");
      if (team != NULL && hz_team_from_string (team, &code))
        /* Translators: a participant of the remote session and their team */
        g_ptr_array_add (names, g_strdup_printf (C_("remote participant", "%s (%s)"), name,
                                                 hz_team_get_display_name (code)));
      else
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);
  return g_strjoinv ("、", (char **) names->pdata);
}

char *
hz_conference_remote_dup_status (HzConferenceRemote *self,
                                 gboolean           *out_problem)
{
  HzConsultState state;
  const GError *error;
  const char *share_error;
  g_autofree char *sites = NULL;
  g_autofree char *members = NULL;
  GString *out;
  gboolean problem = FALSE;

  g_return_val_if_fail (HZ_IS_CONFERENCE_REMOTE (self), NULL);

  state = hz_consult_client_get_state (self->client);
  error = hz_consult_client_get_error (self->client);
  out = g_string_new (hz_consult_state_get_display_name (state));
  if (error != NULL && state != HZ_CONSULT_ONLINE)
    {
      g_string_append_printf (out, C_("remote status", ": %s"), error->message);
      problem = TRUE;
    }
  members = hz_conference_remote_dup_members (self);
  if (state == HZ_CONSULT_ONLINE)
    {
      if (*members != '\0')
        /* Translators: who of the remote sites is in the session now */
        g_string_append_printf (out, C_("remote status", " · remote: %s"), members);
      else
        g_string_append (out, C_("remote status", " · no remote participant yet"));
    }
  if (self->case_id != NULL)
    {
      sites = g_strjoinv ("、", self->sites);
      if (g_hash_table_contains (self->sharing, self->case_id))
        g_string_append_printf (out, C_("remote status", " · sharing this case with %s…"), sites);
      else if (g_hash_table_contains (self->bundles, self->case_id))
        g_string_append_printf (out, C_("remote status", " · this case is shared with %s"), sites);
      if ((share_error = g_hash_table_lookup (self->share_errors, self->case_id)) != NULL)
        {
          g_string_append_printf (out, C_("remote status", " · not shared: %s"), share_error);
          problem = TRUE;
        }
    }
  if (self->last_error != NULL)
    {
      g_string_append_printf (out, C_("remote status", " · %s"), self->last_error);
      problem = TRUE;
    }
  if (out_problem != NULL)
    *out_problem = problem;
  return g_string_free (out, FALSE);
}

static void
hz_conference_remote_dispose (GObject *object)
{
  HzConferenceRemote *self = HZ_CONFERENCE_REMOTE (object);

  if (self->client != NULL)
    hz_conference_remote_leave (self);
  g_clear_object (&self->client);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (hz_conference_remote_parent_class)->dispose (object);
}

static void
hz_conference_remote_finalize (GObject *object)
{
  HzConferenceRemote *self = HZ_CONFERENCE_REMOTE (object);

  g_free (self->meeting_id);
  g_free (self->url);
  g_free (self->token);
  g_free (self->room);
  g_strfreev (self->sites);
  g_free (self->case_id);
  g_free (self->page);
  g_free (self->last_error);
  g_hash_table_unref (self->bundles);
  g_hash_table_unref (self->sharing);
  g_hash_table_unref (self->share_errors);
  g_hash_table_unref (self->members);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (hz_conference_remote_parent_class)->finalize (object);
}

static void
hz_conference_remote_class_init (HzConferenceRemoteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hz_conference_remote_dispose;
  object_class->finalize = hz_conference_remote_finalize;

  /* the connection, the members, a sharing or a problem changed */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
hz_conference_remote_init (HzConferenceRemote *self)
{
  self->bundles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->sharing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->share_errors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->members = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_object_unref);
  self->cancellable = g_cancellable_new ();
  self->joined_seq = -1;
}
