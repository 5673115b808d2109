/* hz-consult-client.c — the remote-consultation client over libsoup 3
 *
 * Messages are JSON objects read and written with json-glib: a view
 * state is any JSON object handed to HzSyncable, which takes a JsonNode,
 * so the tree is json-glib's from the socket to the page (resources are
 * read through HzJv; these are not resources).
 *
 * Every field name of the protocol is one of the PROTO_* below, as
 * docs/consult-protocol.md names it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-consult"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "huizhen.h"

#define PROTO_PATH        "/v1/session"
#define PROTO_TYPE        "type"
#define PROTO_TOKEN       "token"
#define PROTO_SINCE       "since"
#define PROTO_SEQ         "seq"
#define PROTO_CLIENT_ID   "id"
#define PROTO_TEXT        "text"
#define PROTO_TEAM        "team"
#define PROTO_CASE        "case"
#define PROTO_PAGE        "page"
#define PROTO_STATE       "state"
#define PROTO_USER        "user"
#define PROTO_CODE        "code"
#define PROTO_MESSAGE     "message"
#define PROTO_CLOSE_TOKEN 4401
#define PROTO_CLOSE_REPLACED 4409

#define BACKOFF_FIRST_MS  500
#define BACKOFF_MAX_MS    10000
#define KEEPALIVE_S       15
/* what the client accepts in one frame (the server's limit for what it
 * accepts is 64 KiB; a welcome of a large room may be longer) */
#define MAX_INCOMING      (4 * 1024 * 1024)

G_DEFINE_QUARK (hz-consult-error-quark, hz_consult_error)

typedef struct
{
  char *id;
  char *frame;           /* the message as sent */
  guint connection;      /* the connection it went out on, 0: not yet */
} Pending;

struct _HzConsultClient
{
  GObject                  parent_instance;

  char                    *url;
  char                    *token;
  GMainContext            *context;
  SoupSession             *session;
  SoupWebsocketConnection *conn;
  GCancellable            *cancellable;
  guint                    connection;      /* counts connections made */

  HzConsultState           state;
  GError                  *error;
  gboolean                 wanted;          /* connect() called, not disconnect() */

  char                    *user;            /* welcome.user */
  gint64                   last_seq;
  gint64                   welcome_seq;
  gboolean                 caught_up;       /* the replay after welcome is over */

  char                    *id_prefix;
  guint64                  next_id;
  GQueue                   pending;         /* (element-type Pending) */

  GHashTable              *states;          /* page → JsonNode not yet sent */
  GPtrArray               *state_pages;     /* their order */
  gint64                   last_state_us;   /* monotonic time of the last state flush */
  GSource                 *state_source;

  guint                    attempt;
  GSource                 *reconnect_source;
  GRand                   *rand;
};

G_DEFINE_FINAL_TYPE (HzConsultClient, hz_consult_client, G_TYPE_OBJECT)

enum {
  SIGNAL_WELCOME,
  SIGNAL_MESSAGE,
  SIGNAL_SERVER_ERROR,
  SIGNAL_STATE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void open_socket (HzConsultClient *self);
static void flush_pending (HzConsultClient *self);
static void flush_states (HzConsultClient *self);

const char *
hz_consult_state_get_display_name (HzConsultState state)
{
  switch (state)
    {
    case HZ_CONSULT_OFFLINE:
      return C_("consultation connection", "Offline");
    case HZ_CONSULT_CONNECTING:
      return C_("consultation connection", "Connecting…");
    case HZ_CONSULT_ONLINE:
      return C_("consultation connection", "Online");
    case HZ_CONSULT_RECONNECTING:
      return C_("consultation connection", "Reconnecting…");
    default:
      g_return_val_if_reached (NULL);
    }
}

guint
hz_consult_backoff_ms (guint  attempt,
                       double jitter)
{
  guint base = BACKOFF_FIRST_MS;

  for (guint i = 0; i < attempt && base < BACKOFF_MAX_MS; i++)
    base *= 2;
  base = MIN (base, BACKOFF_MAX_MS);
  jitter = CLAMP (jitter, 0.0, 1.0);

  return (guint) (base * (0.8 + 0.4 * jitter) + 0.5);
}

static void
pending_free (Pending *pending)
{
  g_free (pending->id);
  g_free (pending->frame);
  g_free (pending);
}

static void
set_state (HzConsultClient *self,
           HzConsultState   state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_signal_emit (self, signals[SIGNAL_STATE_CHANGED], 0);
}

static void
set_error (HzConsultClient *self,
           GError          *error)
{
  g_clear_error (&self->error);
  self->error = error;
}

static char *
object_to_frame (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  return json_to_string (node, FALSE);
}

static gboolean
is_online (HzConsultClient *self)
{
  return self->conn != NULL &&
         self->state == HZ_CONSULT_ONLINE &&
         soup_websocket_connection_get_state (self->conn) == SOUP_WEBSOCKET_STATE_OPEN;
}

static void
send_frame (HzConsultClient *self,
            const char      *frame)
{
  soup_websocket_connection_send_text (self->conn, frame);
}

/* ------------------------------------------------------------------ */
/* Timers */

static void
clear_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

static GSource *
add_timeout (HzConsultClient *self,
             guint            delay_ms,
             GSourceFunc      func,
             const char      *name)
{
  GSource *source = g_timeout_source_new (delay_ms);

  g_source_set_callback (source, func, self, NULL);
  g_source_set_name (source, name);
  g_source_attach (source, self->context);
  return source;
}

/* ------------------------------------------------------------------ */
/* Reconnecting */

static void
drop_socket (HzConsultClient *self)
{
  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
    }
  if (self->conn != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->conn, self);
      if (soup_websocket_connection_get_state (self->conn) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_close (self->conn, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
      g_clear_object (&self->conn);
    }
}

static gboolean
reconnect_cb (gpointer user_data)
{
  HzConsultClient *self = user_data;

  g_clear_pointer (&self->reconnect_source, g_source_unref);
  open_socket (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_reconnect (HzConsultClient *self)
{
  guint delay;

  drop_socket (self);
  if (!self->wanted)
    {
      set_state (self, HZ_CONSULT_OFFLINE);
      return;
    }

  delay = hz_consult_backoff_ms (self->attempt, g_rand_double (self->rand));
  self->attempt++;
  g_debug ("reconnecting to %s in %u ms", self->url, delay);

  clear_source (&self->reconnect_source);
  self->reconnect_source = add_timeout (self, delay, reconnect_cb, "[huizhen] consult reconnect");

  set_state (self, HZ_CONSULT_RECONNECTING);
}

/* ------------------------------------------------------------------ */
/* Receiving */

static void
remove_pending (HzConsultClient *self,
                const char      *id)
{
  for (GList *l = self->pending.head; l != NULL; l = l->next)
    {
      Pending *pending = l->data;

      if (g_str_equal (pending->id, id))
        {
          g_queue_delete_link (&self->pending, l);
          pending_free (pending);
          return;
        }
    }
}

static void
check_caught_up (HzConsultClient *self)
{
  if (self->caught_up || self->last_seq < self->welcome_seq)
    return;

  /* Only now: a message sent before the drop whose echo is in the replay
   * is no longer pending, so nothing goes out twice. */
  self->caught_up = TRUE;
  flush_pending (self);
  flush_states (self);
}

static void
handle_message (HzConsultClient *self,
                JsonObject      *object)
{
  const char *type = json_object_get_string_member_with_default (object, PROTO_TYPE, NULL);
  JsonNode *seq_node = json_object_get_member (object, PROTO_SEQ);
  const char *id;

  if (type == NULL)
    return;

  if (g_str_equal (type, "welcome"))
    {
      self->welcome_seq = json_object_get_int_member_with_default (object, PROTO_SEQ, 0);
      g_free (self->user);
      self->user = g_strdup (json_object_get_string_member_with_default (object, PROTO_USER, NULL));
      self->attempt = 0;
      set_error (self, NULL);
      set_state (self, HZ_CONSULT_ONLINE);
      g_signal_emit (self, signals[SIGNAL_WELCOME], 0, object);
      check_caught_up (self);
      return;
    }

  if (g_str_equal (type, "ping"))
    {
      g_autoptr(JsonObject) pong = json_object_new ();
      g_autofree char *frame = NULL;

      json_object_set_string_member (pong, PROTO_TYPE, "pong");
      frame = object_to_frame (pong);
      send_frame (self, frame);
      return;
    }

  if (g_str_equal (type, "pong"))
    return;

  if (g_str_equal (type, "error"))
    {
      const char *code = json_object_get_string_member_with_default (object, PROTO_CODE, "");
      const char *text = json_object_get_string_member_with_default (object, PROTO_MESSAGE, "");

      id = json_object_get_string_member_with_default (object, PROTO_CLIENT_ID, NULL);
      /* a refused message is not pending any more: sending it again
       * would be refused again */
      if (id != NULL)
        remove_pending (self, id);
      g_signal_emit (self, signals[SIGNAL_SERVER_ERROR], 0, code, text);
      return;
    }

  if (seq_node != NULL && JSON_NODE_HOLDS_VALUE (seq_node))
    {
      gint64 seq = json_node_get_int (seq_node);

      /* each message once, even if a replay overlaps what was seen */
      if (seq <= self->last_seq)
        return;
      self->last_seq = seq;
    }

  id = json_object_get_string_member_with_default (object, PROTO_CLIENT_ID, NULL);
  if (id != NULL)
    remove_pending (self, id);

  g_signal_emit (self, signals[SIGNAL_MESSAGE], g_quark_try_string (type), type, object);
  check_caught_up (self);
}

static void
message_cb (SoupWebsocketConnection *conn,
            int                      data_type,
            GBytes                  *message,
            gpointer                 user_data)
{
  HzConsultClient *self = user_data;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (message, &length);
  JsonNode *root;

  if (data_type != SOUP_WEBSOCKET_DATA_TEXT)
    return;

  if (!json_parser_load_from_data (parser, data, length, &error))
    {
      g_debug ("not JSON from %s: %s", self->url, error->message);
      return;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return;

  g_object_ref (self);
  handle_message (self, json_node_get_object (root));
  g_object_unref (self);
}

static void
closed_cb (SoupWebsocketConnection *conn,
           gpointer                 user_data)
{
  HzConsultClient *self = user_data;
  gushort code = soup_websocket_connection_get_close_code (conn);

  g_debug ("socket to %s closed (%u)", self->url, code);

  if (code == PROTO_CLOSE_TOKEN)
    {
      self->wanted = FALSE;
      drop_socket (self);
      set_error (self, g_error_new (HZ_CONSULT_ERROR, HZ_CONSULT_ERROR_TOKEN,
                                    _("The consultation server %s refused the invitation token "
                                      "(wrong, expired or for another room)"),
                                    self->url));
      set_state (self, HZ_CONSULT_OFFLINE);
      return;
    }

  if (code == PROTO_CLOSE_REPLACED)
    {
      /* the same user joined again elsewhere: that one stays */
      self->wanted = FALSE;
      drop_socket (self);
      set_error (self, g_error_new (HZ_CONSULT_ERROR, HZ_CONSULT_ERROR_REPLACED,
                                    _("You joined this consultation again from another window or computer; "
                                      "this one has left it")));
      set_state (self, HZ_CONSULT_OFFLINE);
      return;
    }

  if (self->error == NULL)
    set_error (self, g_error_new (HZ_CONSULT_ERROR, HZ_CONSULT_ERROR_CONNECT,
                                  _("The connection to the consultation server %s was lost"),
                                  self->url));
  schedule_reconnect (self);
}

/* ------------------------------------------------------------------ */
/* Connecting */

static void
connect_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  HzConsultClient *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) hello = NULL;
  g_autofree char *frame = NULL;
  SoupWebsocketConnection *conn;

  conn = soup_session_websocket_connect_finish (SOUP_SESSION (object), result, &error);
  if (conn == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          set_error (self, g_error_new (HZ_CONSULT_ERROR, HZ_CONSULT_ERROR_CONNECT,
                                        _("Cannot reach the consultation server %s: %s"),
                                        self->url, error->message));
          schedule_reconnect (self);
        }
      g_object_unref (self);
      return;
    }

  g_clear_object (&self->cancellable);
  self->conn = conn;
  self->connection++;
  self->caught_up = FALSE;
  soup_websocket_connection_set_max_incoming_payload_size (conn, MAX_INCOMING);
  soup_websocket_connection_set_keepalive_interval (conn, KEEPALIVE_S);
  g_signal_connect (conn, "message", G_CALLBACK (message_cb), self);
  g_signal_connect (conn, "closed", G_CALLBACK (closed_cb), self);

  hello = json_object_new ();
  json_object_set_string_member (hello, PROTO_TYPE, "hello");
  json_object_set_string_member (hello, PROTO_TOKEN, self->token);
  /* since 0 on the first join too: the room's chat so far and the
   * presenter's latest view reach a late joiner */
  json_object_set_int_member (hello, PROTO_SINCE, self->last_seq);
  frame = object_to_frame (hello);
  send_frame (self, frame);

  g_object_unref (self);
}

static void
open_socket (HzConsultClient *self)
{
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = NULL;

  drop_socket (self);

  uri = g_uri_parse (self->url, G_URI_FLAGS_ENCODED, &error);
  if (uri == NULL ||
      (g_strcmp0 (g_uri_get_scheme (uri), "ws") != 0 && g_strcmp0 (g_uri_get_scheme (uri), "wss") != 0))
    {
      self->wanted = FALSE;
      set_error (self, g_error_new (HZ_CONSULT_ERROR, HZ_CONSULT_ERROR_URL,
                                    _("“%s” is not the address of a consultation server "
                                      "(ws://HOST:PORT or wss://HOST:PORT)"),
                                    self->url));
      set_state (self, HZ_CONSULT_OFFLINE);
      return;
    }

  if (self->state != HZ_CONSULT_RECONNECTING)
    set_state (self, HZ_CONSULT_CONNECTING);

  msg = soup_message_new_from_uri (SOUP_METHOD_GET, uri);
  self->cancellable = g_cancellable_new ();
  soup_session_websocket_connect_async (self->session, msg, NULL, NULL, G_PRIORITY_DEFAULT,
                                        self->cancellable, connect_cb, g_object_ref (self));
}

void
hz_consult_client_connect (HzConsultClient *self)
{
  g_return_if_fail (HZ_IS_CONSULT_CLIENT (self));

  if (self->wanted)
    return;
  self->wanted = TRUE;
  self->attempt = 0;
  open_socket (self);
}

void
hz_consult_client_disconnect (HzConsultClient *self)
{
  g_return_if_fail (HZ_IS_CONSULT_CLIENT (self));

  self->wanted = FALSE;
  clear_source (&self->reconnect_source);
  clear_source (&self->state_source);
  drop_socket (self);
  set_state (self, HZ_CONSULT_OFFLINE);
}

/* ------------------------------------------------------------------ */
/* Sending */

static void
flush_pending (HzConsultClient *self)
{
  if (!is_online (self) || !self->caught_up)
    return;

  for (GList *l = self->pending.head; l != NULL; l = l->next)
    {
      Pending *pending = l->data;

      if (pending->connection == self->connection)
        continue;
      pending->connection = self->connection;
      send_frame (self, pending->frame);
    }
}

const char *
hz_consult_client_send (HzConsultClient *self,
                        JsonObject      *message)
{
  g_autoptr(JsonObject) owned = message;
  Pending *pending;

  g_return_val_if_fail (HZ_IS_CONSULT_CLIENT (self), NULL);
  g_return_val_if_fail (message != NULL, NULL);

  pending = g_new0 (Pending, 1);
  pending->id = g_strdup_printf ("%s-%" G_GUINT64_FORMAT, self->id_prefix, ++self->next_id);
  json_object_set_string_member (message, PROTO_CLIENT_ID, pending->id);
  pending->frame = object_to_frame (message);
  g_queue_push_tail (&self->pending, pending);

  flush_pending (self);
  return pending->id;
}

const char *
hz_consult_client_send_chat (HzConsultClient *self,
                             const char      *text)
{
  JsonObject *message = json_object_new ();

  json_object_set_string_member (message, PROTO_TYPE, "chat");
  json_object_set_string_member (message, PROTO_TEXT, text);
  return hz_consult_client_send (self, message);
}

const char *
hz_consult_client_send_opinion (HzConsultClient *self,
                                const char      *team,
                                const char      *text,
                                const char      *case_id)
{
  JsonObject *message = json_object_new ();

  json_object_set_string_member (message, PROTO_TYPE, "opinion");
  json_object_set_string_member (message, PROTO_TEAM, team);
  json_object_set_string_member (message, PROTO_TEXT, text);
  if (case_id != NULL)
    json_object_set_string_member (message, PROTO_CASE, case_id);
  return hz_consult_client_send (self, message);
}

const char *
hz_consult_client_send_presenter (HzConsultClient *self,
                                  const char      *user)
{
  JsonObject *message = json_object_new ();

  json_object_set_string_member (message, PROTO_TYPE, "presenter");
  json_object_set_string_member (message, PROTO_USER, user);
  return hz_consult_client_send (self, message);
}

static gboolean
state_timeout_cb (gpointer user_data)
{
  HzConsultClient *self = user_data;

  g_clear_pointer (&self->state_source, g_source_unref);
  flush_states (self);
  return G_SOURCE_REMOVE;
}

static void
flush_states (HzConsultClient *self)
{
  gint64 interval = G_USEC_PER_SEC / HZ_CONSULT_STATE_RATE;
  gint64 now;

  if (self->state_pages->len == 0 || self->state_source != NULL)
    return;
  if (!is_online (self) || !self->caught_up)
    return;   /* sent when caught up after the (re)connect */

  now = g_get_monotonic_time ();
  if (self->last_state_us != 0 && now - self->last_state_us < interval)
    {
      guint wait_ms = (guint) ((self->last_state_us + interval - now + 999) / 1000);

      self->state_source = add_timeout (self, wait_ms, state_timeout_cb, "[huizhen] consult state");
      return;
    }

  self->last_state_us = now;
  for (guint i = 0; i < self->state_pages->len; i++)
    {
      const char *page = g_ptr_array_index (self->state_pages, i);
      JsonNode *state = g_hash_table_lookup (self->states, page);
      g_autoptr(JsonObject) message = json_object_new ();
      g_autofree char *frame = NULL;

      json_object_set_string_member (message, PROTO_TYPE, "state");
      json_object_set_string_member (message, PROTO_PAGE, page);
      json_object_set_member (message, PROTO_STATE, json_node_copy (state));
      frame = object_to_frame (message);
      send_frame (self, frame);
    }
  g_hash_table_remove_all (self->states);
  g_ptr_array_set_size (self->state_pages, 0);
}

void
hz_consult_client_send_state (HzConsultClient *self,
                              const char      *page,
                              JsonNode        *state)
{
  g_return_if_fail (HZ_IS_CONSULT_CLIENT (self));
  g_return_if_fail (page != NULL);
  g_return_if_fail (state != NULL && JSON_NODE_HOLDS_OBJECT (state));

  if (!g_hash_table_contains (self->states, page))
    g_ptr_array_add (self->state_pages, g_strdup (page));
  g_hash_table_insert (self->states, g_strdup (page), json_node_copy (state));
  flush_states (self);
}

guint
hz_consult_client_get_n_pending (HzConsultClient *self)
{
  g_return_val_if_fail (HZ_IS_CONSULT_CLIENT (self), 0);

  return self->pending.length;
}

HzConsultState
hz_consult_client_get_state (HzConsultClient *self)
{
  g_return_val_if_fail (HZ_IS_CONSULT_CLIENT (self), HZ_CONSULT_OFFLINE);

  return self->state;
}

const GError *
hz_consult_client_get_error (HzConsultClient *self)
{
  g_return_val_if_fail (HZ_IS_CONSULT_CLIENT (self), NULL);

  return self->error;
}

gint64
hz_consult_client_get_last_seq (HzConsultClient *self)
{
  g_return_val_if_fail (HZ_IS_CONSULT_CLIENT (self), 0);

  return self->last_seq;
}

const char *
hz_consult_client_get_user (HzConsultClient *self)
{
  g_return_val_if_fail (HZ_IS_CONSULT_CLIENT (self), NULL);

  return self->user;
}

const char *
hz_consult_client_get_url (HzConsultClient *self)
{
  g_return_val_if_fail (HZ_IS_CONSULT_CLIENT (self), NULL);

  return self->url;
}

/* ------------------------------------------------------------------ */

static void
hz_consult_client_finalize (GObject *object)
{
  HzConsultClient *self = HZ_CONSULT_CLIENT (object);

  self->wanted = FALSE;
  drop_socket (self);
  clear_source (&self->reconnect_source);
  clear_source (&self->state_source);
  g_queue_clear_full (&self->pending, (GDestroyNotify) pending_free);
  g_clear_pointer (&self->states, g_hash_table_unref);
  g_clear_pointer (&self->state_pages, g_ptr_array_unref);
  g_clear_pointer (&self->rand, g_rand_free);
  g_clear_object (&self->session);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_error (&self->error);
  g_free (self->id_prefix);
  g_free (self->user);
  g_free (self->url);
  g_free (self->token);

  G_OBJECT_CLASS (hz_consult_client_parent_class)->finalize (object);
}

static void
hz_consult_client_class_init (HzConsultClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hz_consult_client_finalize;

  signals[SIGNAL_WELCOME] =
    g_signal_new ("welcome", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, JSON_TYPE_OBJECT);
  signals[SIGNAL_MESSAGE] =
    g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, JSON_TYPE_OBJECT);
  signals[SIGNAL_SERVER_ERROR] =
    g_signal_new ("server-error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  signals[SIGNAL_STATE_CHANGED] =
    g_signal_new ("state-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
hz_consult_client_init (HzConsultClient *self)
{
  g_queue_init (&self->pending);
  self->states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_node_unref);
  self->state_pages = g_ptr_array_new_with_free_func (g_free);
  self->rand = g_rand_new ();
  self->id_prefix = g_strdup_printf ("%08x", g_random_int ());
  self->context = g_main_context_ref_thread_default ();
  self->session = soup_session_new ();
}

static char *
session_url (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);

  if (uri != NULL && (g_uri_get_path (uri)[0] == '\0' || g_str_equal (g_uri_get_path (uri), "/")))
    {
      g_autoptr(GUri) with_path = g_uri_build (G_URI_FLAGS_ENCODED, g_uri_get_scheme (uri), NULL,
                                               g_uri_get_host (uri), g_uri_get_port (uri),
                                               PROTO_PATH, NULL, NULL);
      return g_uri_to_string (with_path);
    }
  return g_strdup (url);
}

HzConsultClient *
hz_consult_client_new (const char *url,
                       const char *token)
{
  HzConsultClient *self;

  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (token != NULL, NULL);

  self = g_object_new (HZ_TYPE_CONSULT_CLIENT, NULL);
  self->url = session_url (url);
  self->token = g_strdup (token);
  return self;
}
