/* hz-consultd-server.c — the rooms of huizhen-consultd
 *
 * One thread: the main loop runs every socket, and the database is
 * written from it alone (the one writer). libsoup does the HTTP and the
 * WebSocket handshake; the upgraded stream is then read and written by
 * hz-consultd-ws.c. A message is relayed by logging it, serialising it
 * once, framing it once, and queueing the same GBytes on every member's
 * connection. Nothing is written as it is queued: at the next main-loop
 * wakeup (flush_idle) the room log's transaction of everything logged
 * since is committed, and only then is every member with frames flushed,
 * each with one writev for all its frames. A member's socket that cannot
 * take more keeps its frames (never the others'); past the bound the
 * member is dropped with 4408 and resumes with since.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-consultd"

#include "config.h"

#include <string.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <libsoup/soup.h>
#include <glib/gi18n-lib.h>

#include "hz-consultd-server.h"
#include "hz-consultd-ws.h"
#include "hz-consult-token.h"
#include "hz-fhir.h"
#include "hz-json-doc-private.h"

#define MAX_FRAME            (64 * 1024)
#define QUEUE_MAX_MESSAGES   4096
#define QUEUE_MAX_BYTES      (8 * 1024 * 1024)
#define REPLAY_BATCH         256
/* a replay reads its next batch once its connection has less unsent */
#define REPLAY_LOW_BYTES     (256 * 1024)
#define HELLO_TIMEOUT_S      10
#define KEEPALIVE_S          30
#define SHUTDOWN_WAIT_MS     3000
#define MAX_FILE_SIZE        (64 * 1024 * 1024)
#define MAX_CLIENT_ID        64

#define CLOSE_BAD_TOKEN      4401
#define CLOSE_TOO_SLOW       4408
#define CLOSE_REPLACED       4409

typedef struct _Room Room;
typedef struct _Client Client;

struct _Room
{
  HzConsultd *server;
  char       *id;
  gint64      seq;
  char       *presenter;   /* user id, NULL until a presenter message */
  GPtrArray  *members;     /* (element-type Client) joined clients, in join order */
};

struct _Client
{
  HzConsultd              *server;
  HzConsultdWs            *ws;
  char                    *peer;
  Room                    *room;       /* set once joined */
  HzConsultToken          *token;
  GQueue                   held;       /* (element-type GBytes) frames that wait for the replay to end */
  gsize                    held_bytes;
  gint64                   replay_after;
  gint64                   replay_up_to;
  guint                    hello_timeout;
  gboolean                 dirty;      /* in the server's dirty list */
  gboolean                 left;       /* removed from the room (leave done) */
  gboolean                 replaced;
  gushort                  close_code; /* the code this server closed with, 0 if none */
};

struct _HzConsultd
{
  SoupServer   *soup;
  HzConsultdDb *db;
  GBytes       *secret;
  char         *url;
  GHashTable   *rooms;     /* id → Room */
  GHashTable   *clients;   /* Client set: every open connection */
  GPtrArray    *dirty;     /* (element-type Client) with frames to write */
  guint         flush_idle;
  gboolean      in_batch;  /* the room log's transaction is open */
  gboolean      stopping;
  GSourceFunc   stopped;
  gpointer      stopped_data;
  guint         stop_timeout;
};

static void client_flush        (Client *client);
static void client_mark_dirty   (Client *client);
static void client_queue        (Client *client,
                                 GBytes *frame);
static void client_leave        (Client *client,
                                 gushort code);
static void client_close        (Client     *client,
                                 gushort     code,
                                 const char *reason);

/* ------------------------------------------------------------------------- */
/* Batches: one transaction of the room log and one flush a wakeup */

static gboolean
client_open (Client *client)
{
  return client->close_code == 0 && hz_consultd_ws_is_open (client->ws);
}

static gboolean on_flush_idle (gpointer user_data);

static void
server_schedule_flush (HzConsultd *self)
{
  /* high: the next main-loop iteration runs it before reading more */
  if (self->flush_idle == 0)
    self->flush_idle = g_idle_add_full (G_PRIORITY_HIGH, on_flush_idle, self, NULL);
}

/* Before a message is logged: the wakeup's transaction */
static void
server_begin_batch (HzConsultd *self)
{
  g_autoptr(GError) error = NULL;

  if (self->in_batch)
    return;
  if (!hz_consultd_db_begin (self->db, &error))
    {
      /* then each message is its own transaction, as without batches */
      g_warning ("%s", error->message);
      return;
    }
  self->in_batch = TRUE;
  server_schedule_flush (self);
}

/* The wakeup's messages are stored before any is sent. If the commit
 * fails, none of them is: every joined client is closed with 1011
 * (it resumes with since) and the rooms take their seq from the log. */
static void
server_commit (HzConsultd *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) joined = NULL;
  GHashTableIter iter;
  gpointer value;

  if (!self->in_batch)
    return;
  self->in_batch = FALSE;
  if (hz_consultd_db_commit (self->db, &error))
    return;

  g_warning ("the room log was not stored, its messages are not sent: %s", error->message);
  g_hash_table_iter_init (&iter, self->rooms);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Room *room = value;
      g_autofree char *presenter = NULL;

      if (hz_consultd_db_load_room (self->db, room->id, &room->seq, &presenter, NULL))
        {
          g_free (room->presenter);
          room->presenter = g_steal_pointer (&presenter);
        }
    }
  joined = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, self->clients);
  while (g_hash_table_iter_next (&iter, &value, NULL))
    if (((Client *) value)->room != NULL)
      g_ptr_array_add (joined, value);
  for (guint i = 0; i < joined->len; i++)
    client_close (g_ptr_array_index (joined, i), SOUP_WEBSOCKET_CLOSE_SERVER_ERROR, "database failed");
}

static gboolean
on_flush_idle (gpointer user_data)
{
  HzConsultd *self = user_data;
  g_autoptr(GPtrArray) dirty = self->dirty;

  self->flush_idle = 0;
  server_commit (self);
  self->dirty = g_ptr_array_new ();
  for (guint i = 0; i < dirty->len; i++)
    {
      Client *client = g_ptr_array_index (dirty, i);

      client->dirty = FALSE;
      client_flush (client);
    }
  return G_SOURCE_REMOVE;
}

/* ------------------------------------------------------------------------- */
/* Rooms */

static void
room_free (Room *room)
{
  g_ptr_array_unref (room->members);
  g_free (room->presenter);
  g_free (room->id);
  g_free (room);
}

static Room *
get_room (HzConsultd  *self,
          const char  *id,
          GError     **error)
{
  Room *room = g_hash_table_lookup (self->rooms, id);
  g_autofree char *presenter = NULL;
  gint64 seq = 0;

  if (room != NULL)
    return room;
  if (!hz_consultd_db_load_room (self->db, id, &seq, &presenter, error))
    return NULL;
  room = g_new0 (Room, 1);
  room->server = self;
  room->id = g_strdup (id);
  room->seq = seq;
  room->presenter = g_steal_pointer (&presenter);
  room->members = g_ptr_array_new ();
  g_hash_table_insert (self->rooms, room->id, room);
  return room;
}

static Client *
room_find_member (Room       *room,
                  const char *user)
{
  for (guint i = 0; i < room->members->len; i++)
    {
      Client *member = g_ptr_array_index (room->members, i);

      if (g_str_equal (member->token->user, user))
        return member;
    }
  return NULL;
}

/* Host, or the presenter (docs/consult-protocol.md, "Roles") */
static gboolean
may_present (Room                 *room,
             const HzConsultToken *token)
{
  if (token->role == HZ_CONSULT_ROLE_HOST)
    return TRUE;
  if (room->presenter != NULL)
    return g_str_equal (room->presenter, token->user);
  return token->role == HZ_CONSULT_ROLE_PRESENTER;
}

/* "KEY":user, "name", "team" (when the token has them) and "role": who
 * someone is, as relayed messages (KEY "from"), the welcome and its
 * members (KEY "user") say it */
static void
append_identity (GString              *out,
                 const char           *key,
                 const HzConsultToken *token)
{
  g_string_append_printf (out, "\"%s\":", key);
  hz_json_append_escaped (out, token->user);
  if (token->name != NULL)
    {
      g_string_append (out, ",\"name\":");
      hz_json_append_escaped (out, token->name);
    }
  if (token->team != NULL)
    {
      g_string_append (out, ",\"team\":");
      hz_json_append_escaped (out, token->team);
    }
  g_string_append_printf (out, ",\"role\":\"%s\"", hz_consult_role_to_string (token->role));
}

/* Logs and relays one message to every member of @room. @fields: the
 * type's own members, each starting with a comma. Returns its seq, 0 if
 * it could not be logged (then nothing is sent). */
static gint64
room_relay (Room                 *room,
            const char           *type,
            const HzConsultToken *sender,
            const char           *client_id,
            const char           *fields)
{
  HzConsultd *self = room->server;
  g_autoptr(GString) out = g_string_sized_new (256 + (fields ? strlen (fields) : 0));
  g_autoptr(GError) error = NULL;
  g_autofree char *time = hz_consultd_now ();
  g_autoptr(GBytes) frame = NULL;
  g_autoptr(GPtrArray) too_slow = NULL;
  gint64 seq = room->seq + 1;
  gsize size;

  g_string_append_printf (out, "{\"type\":\"%s\",\"seq\":%" G_GINT64_FORMAT, type, seq);
  g_string_append_c (out, ',');
  append_identity (out, "from", sender);
  g_string_append (out, ",\"time\":\"");
  g_string_append (out, time);
  g_string_append_c (out, '"');
  if (client_id != NULL)
    {
      g_string_append (out, ",\"id\":");
      hz_json_append_escaped (out, client_id);
    }
  if (fields != NULL)
    g_string_append (out, fields);
  g_string_append_c (out, '}');

  server_begin_batch (self);
  if (!hz_consultd_db_append (self->db, room->id, seq, type, sender->user, client_id, time,
                              out->str, out->len, &error))
    {
      g_warning ("room %s: message %" G_GINT64_FORMAT " not logged, not sent: %s",
                 room->id, seq, error->message);
      return 0;
    }
  room->seq = seq;

  /* framed once: a server frame is the same bytes for every member */
  frame = hz_consultd_ws_frame (HZ_CONSULTD_WS_OPCODE_TEXT, out->str, out->len);
  size = g_bytes_get_size (frame);
  for (guint i = 0; i < room->members->len; i++)
    {
      Client *member = g_ptr_array_index (room->members, i);
      gsize unsent_bytes = 0;
      guint unsent = hz_consultd_ws_get_unsent (member->ws, &unsent_bytes);

      if (unsent + member->held.length >= QUEUE_MAX_MESSAGES
          || unsent_bytes + member->held_bytes + size > QUEUE_MAX_BYTES)
        {
          /* dropped after the loop: dropping changes the member list */
          if (too_slow == NULL)
            too_slow = g_ptr_array_new ();
          g_ptr_array_add (too_slow, member);
          continue;
        }
      client_queue (member, frame);
    }
  for (guint i = 0; too_slow != NULL && i < too_slow->len; i++)
    client_close (g_ptr_array_index (too_slow, i), CLOSE_TOO_SLOW, "too slow: resume with since");
  return seq;
}

/* ------------------------------------------------------------------------- */
/* Sending */

/* Frames go out at the next wakeup, after the log is committed */
static void
client_mark_dirty (Client *client)
{
  HzConsultd *self = client->server;

  if (!client->dirty)
    {
      client->dirty = TRUE;
      g_ptr_array_add (self->dirty, client);
    }
  server_schedule_flush (self);
}

/* @frame after the others; behind the replay while one runs */
static void
client_queue (Client *client,
              GBytes *frame)
{
  if (client->replay_after < client->replay_up_to)
    {
      g_queue_push_tail (&client->held, g_bytes_ref (frame));
      client->held_bytes += g_bytes_get_size (frame);
    }
  else
    hz_consultd_ws_queue (client->ws, frame);
  client_mark_dirty (client);
}

/* The replay's next batches while the connection has little unsent */
static void
client_feed_replay (Client *client)
{
  gsize unsent = 0;

  hz_consultd_ws_get_unsent (client->ws, &unsent);
  while (client->replay_after < client->replay_up_to && unsent < REPLAY_LOW_BYTES)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) rows = hz_consultd_db_read (client->server->db, client->room->id,
                                                       client->replay_after, client->replay_up_to,
                                                       REPLAY_BATCH, &error);

      if (rows == NULL || rows->len == 0)
        {
          g_warning ("room %s: replay after %" G_GINT64_FORMAT " failed: %s", client->room->id,
                     client->replay_after, error ? error->message : "no rows");
          client->replay_after = client->replay_up_to;
          break;
        }
      for (guint i = 0; i < rows->len; i++)
        {
          gsize size = 0;
          const char *json = g_bytes_get_data (g_ptr_array_index (rows, i), &size);
          g_autoptr(GBytes) frame = hz_consultd_ws_frame (HZ_CONSULTD_WS_OPCODE_TEXT, json, size);

          hz_consultd_ws_queue (client->ws, frame);
        }
      client->replay_after += rows->len;
      hz_consultd_ws_get_unsent (client->ws, &unsent);
    }
  if (client->replay_after >= client->replay_up_to)
    {
      /* the live messages that waited for it */
      GBytes *frame;

      while ((frame = g_queue_pop_head (&client->held)) != NULL)
        {
          hz_consultd_ws_queue (client->ws, frame);
          g_bytes_unref (frame);
        }
      client->held_bytes = 0;
    }
}

/* Writes what the socket takes: the replay's batches while it can, then
 * the queue, each round in one writev */
static void
client_flush (Client *client)
{
  gsize unsent = 0;

  if (!client_open (client))
    {
      hz_consultd_ws_flush (client->ws);   /* a close frame */
      return;
    }
  do
    {
      client_feed_replay (client);
      hz_consultd_ws_flush (client->ws);
      hz_consultd_ws_get_unsent (client->ws, &unsent);
    }
  while (client->replay_after < client->replay_up_to && unsent == 0 && client_open (client));
}

/* A message only to @client: not logged, no seq */
static void
client_send_direct (Client     *client,
                    const char *text)
{
  g_autoptr(GBytes) frame = hz_consultd_ws_frame (HZ_CONSULTD_WS_OPCODE_TEXT, text, strlen (text));

  client_queue (client, frame);
}

static void
send_error (Client     *client,
            const char *code,
            const char *message,
            HzJv       *request,
            gint64      seq)
{
  g_autoptr(GString) out = g_string_new ("{\"type\":\"error\",\"code\":");
  const char *in = hz_jv_get_string (request, "type");
  const char *id = hz_jv_get_string (request, "id");

  hz_json_append_escaped (out, code);
  g_string_append (out, ",\"message\":");
  hz_json_append_escaped (out, message);
  if (in != NULL)
    {
      g_string_append (out, ",\"in\":");
      hz_json_append_escaped (out, in);
    }
  if (id != NULL)
    {
      g_string_append (out, ",\"id\":");
      hz_json_append_escaped (out, id);
    }
  if (seq > 0)
    g_string_append_printf (out, ",\"seq\":%" G_GINT64_FORMAT, seq);
  g_string_append_c (out, '}');
  client_send_direct (client, out->str);
}

/* ------------------------------------------------------------------------- */
/* Clients */

static void
audit_client (Client     *client,
              const char *event,
              const char *extra)
{
  g_autoptr(GString) json = g_string_new ("{\"user\":");

  hz_json_append_escaped (json, client->token->user);
  g_string_append_printf (json, ",\"role\":\"%s\"", hz_consult_role_to_string (client->token->role));
  if (client->token->team != NULL)
    {
      g_string_append (json, ",\"team\":");
      hz_json_append_escaped (json, client->token->team);
    }
  g_string_append (json, ",\"peer\":");
  hz_json_append_escaped (json, client->peer);
  if (extra != NULL)
    g_string_append (json, extra);
  g_string_append_c (json, '}');
  hz_consultd_db_audit (client->server->db, event, client->room->id, json->str);
}

static void
client_clear_queue (Client *client)
{
  g_queue_clear_full (&client->held, (GDestroyNotify) g_bytes_unref);
  client->held_bytes = 0;
  client->replay_after = client->replay_up_to;
}

/* Out of the room, once: the others get a presence leave */
static void
client_leave (Client  *client,
              gushort  code)
{
  Room *room = client->room;
  g_autofree char *fields = NULL;
  g_autofree char *extra = NULL;

  if (room == NULL || client->left)
    return;
  client->left = TRUE;
  g_ptr_array_remove (room->members, client);

  extra = g_strdup_printf (",\"code\":%u%s", code, client->replaced ? ",\"replaced\":true" : "");
  audit_client (client, "leave", extra);
  if (client->replaced || client->server->stopping)
    return;
  fields = g_strdup_printf (",\"event\":\"leave\",\"code\":%u", code);
  room_relay (room, "presence", client->token, NULL, fields);
}

static void
client_close (Client     *client,
              gushort     code,
              const char *reason)
{
  if (client->close_code != 0)
    return;
  client_clear_queue (client);
  /* the frames not yet begun are dropped, the close goes next */
  hz_consultd_ws_close (client->ws, code, reason);
  client->close_code = code;
  client_leave (client, code);
}

static void
client_free (Client *client)
{
  client_clear_queue (client);
  if (client->dirty)
    g_ptr_array_remove (client->server->dirty, client);
  g_clear_handle_id (&client->hello_timeout, g_source_remove);
  g_clear_pointer (&client->ws, hz_consultd_ws_free);
  g_clear_pointer (&client->token, hz_consult_token_free);
  g_free (client->peer);
  g_free (client);
}

static void
check_stopped (HzConsultd *self)
{
  if (self->stopping && g_hash_table_size (self->clients) == 0 && self->stopped != NULL)
    {
      GSourceFunc done = self->stopped;

      self->stopped = NULL;
      g_clear_handle_id (&self->stop_timeout, g_source_remove);
      done (self->stopped_data);
    }
}

static void
on_closed (HzConsultdWs *ws,
           gpointer      user_data)
{
  Client *client = user_data;
  HzConsultd *self = client->server;
  gushort code = client->close_code;

  /* ours, the connection's own (1002, 1007, 1009), or the peer's */
  if (code == 0)
    code = hz_consultd_ws_get_own_code (ws);
  if (code == 0)
    code = hz_consultd_ws_get_peer_code (ws);
  client_leave (client, code);
  g_hash_table_remove (self->clients, client);
  client_free (client);
  check_stopped (self);
}

static void
on_want_flush (HzConsultdWs *ws,
               gpointer      user_data)
{
  client_mark_dirty (user_data);
}

static gboolean
on_hello_timeout (gpointer user_data)
{
  Client *client = user_data;

  client->hello_timeout = 0;
  if (client->room == NULL)
    client_close (client, CLOSE_BAD_TOKEN, "no hello");
  return G_SOURCE_REMOVE;
}

static void
refuse (Client     *client,
        const char *reason,
        const char *detail)
{
  HzConsultd *self = client->server;
  g_autoptr(GString) json = g_string_new ("{\"reason\":");

  hz_json_append_escaped (json, detail ? detail : reason);
  g_string_append (json, ",\"peer\":");
  hz_json_append_escaped (json, client->peer);
  g_string_append_c (json, '}');
  hz_consultd_db_audit (self->db, "refused", NULL, json->str);
  client_close (client, CLOSE_BAD_TOKEN, reason);
}

static void
handle_hello (Client *client,
              HzJv   *msg)
{
  HzConsultd *self = client->server;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) welcome = NULL;
  g_autofree char *time = NULL;
  g_autofree char *extra = NULL;
  HzJv *since_value = hz_jv_get (msg, "since");
  gint64 since = -1;
  Client *old;
  Room *room;

  if (!g_str_equal (hz_jv_get_string (msg, "type"), "hello"))
    {
      refuse (client, "hello expected", NULL);
      return;
    }
  client->token = hz_consult_token_verify (self->secret, hz_jv_get_string (msg, "token"),
                                           g_get_real_time () / G_USEC_PER_SEC, &error);
  if (client->token == NULL)
    {
      refuse (client,
              g_error_matches (error, HZ_CONSULT_TOKEN_ERROR, HZ_CONSULT_TOKEN_ERROR_EXPIRED)
              ? "expired token" : "bad token", error->message);
      return;
    }
  if (since_value != NULL && (!hz_jv_get_int64 (since_value, &since) || since < 0))
    {
      g_clear_pointer (&client->token, hz_consult_token_free);
      send_error (client, "bad-message", "since must be an integer >= 0", msg, 0);
      return;
    }
  room = get_room (self, client->token->room, &error);
  if (room == NULL)
    {
      g_warning ("room %s: %s", client->token->room, error->message);
      client_close (client, SOUP_WEBSOCKET_CLOSE_SERVER_ERROR, "database failed");
      return;
    }

  g_clear_handle_id (&client->hello_timeout, g_source_remove);
  old = room_find_member (room, client->token->user);
  if (old != NULL)
    {
      old->replaced = TRUE;
      client_close (old, CLOSE_REPLACED, "replaced by a newer connection");
    }
  client->room = room;
  g_ptr_array_add (room->members, client);

  time = hz_consultd_now ();
  hz_consultd_db_note_participant (self->db, room->id, client->token->user, client->token->name,
                                   client->token->team, hz_consult_role_to_string (client->token->role),
                                   time);
  extra = g_strdup_printf (",\"since\":%" G_GINT64_FORMAT, since);
  audit_client (client, "join", since >= 0 ? extra : NULL);

  welcome = g_string_new ("{\"type\":\"welcome\",\"room\":");
  hz_json_append_escaped (welcome, room->id);
  g_string_append_c (welcome, ',');
  append_identity (welcome, "user", client->token);
  g_string_append (welcome, ",\"presenter\":");
  if (room->presenter != NULL)
    hz_json_append_escaped (welcome, room->presenter);
  else
    g_string_append (welcome, "null");
  g_string_append_printf (welcome, ",\"seq\":%" G_GINT64_FORMAT ",\"members\":[", room->seq);
  for (guint i = 0; i < room->members->len; i++)
    {
      if (i > 0)
        g_string_append_c (welcome, ',');
      g_string_append_c (welcome, '{');
      append_identity (welcome, "user", ((Client *) g_ptr_array_index (room->members, i))->token);
      g_string_append_c (welcome, '}');
    }
  g_string_append_printf (welcome, "],\"time\":\"%s\",\"max_frame\":%d}", time, MAX_FRAME);
  client_send_direct (client, welcome->str);

  if (since >= 0 && since < room->seq)
    {
      client->replay_after = since;
      client->replay_up_to = room->seq;
    }
  room_relay (room, "presence", client->token, NULL, ",\"event\":\"join\"");
  client_mark_dirty (client);
}

/* @key of @msg as a non-empty string, else an error to the sender */
static const char *
require_string (Client     *client,
                HzJv       *msg,
                const char *key)
{
  const char *value = hz_jv_get_string (msg, key);

  if (value == NULL || value[0] == '\0')
    {
      g_autofree char *message = g_strdup_printf ("“%s” must be a non-empty string", key);

      send_error (client, "bad-message", message, msg, 0);
      return NULL;
    }
  return value;
}

static void
handle_room_message (Client     *client,
                     HzJv       *msg,
                     const char *type)
{
  Room *room = client->room;
  const HzConsultToken *token = client->token;
  HzJv *id_value = hz_jv_get (msg, "id");
  const char *id = hz_jv_get_str (id_value);
  g_autoptr(GString) fields = g_string_new (NULL);
  gint64 earlier;

  if (id_value != NULL && (id == NULL || id[0] == '\0' || strlen (id) > MAX_CLIENT_ID))
    {
      send_error (client, "bad-message", "“id” must be a string of 1 to 64 bytes", msg, 0);
      return;
    }
  if (token->role == HZ_CONSULT_ROLE_OBSERVER)
    {
      send_error (client, "forbidden", "an observer only watches", msg, 0);
      return;
    }

  if (g_str_equal (type, "chat"))
    {
      const char *text = require_string (client, msg, "text");

      if (text == NULL)
        return;
      g_string_append (fields, ",\"text\":");
      hz_json_append_escaped (fields, text);
    }
  else if (g_str_equal (type, "state"))
    {
      const char *page;
      HzJv *state;

      if (!may_present (room, token))
        {
          send_error (client, "forbidden", "only the host and the presenter send state", msg, 0);
          return;
        }
      page = require_string (client, msg, "page");
      if (page == NULL)
        return;
      state = hz_jv_get (msg, "state");
      if (hz_jv_get_value_type (state) != HZ_JV_OBJECT)
        {
          send_error (client, "bad-message", "“state” must be an object", msg, 0);
          return;
        }
      g_string_append (fields, ",\"page\":");
      hz_json_append_escaped (fields, page);
      g_string_append (fields, ",\"state\":");
      hz_jv_write (fields, state);
    }
  else if (g_str_equal (type, "opinion"))
    {
      const char *text = require_string (client, msg, "text");
      HzJv *team = hz_jv_get (msg, "team");
      HzJv *of_case = hz_jv_get (msg, "case");

      if (text == NULL)
        return;
      if (token->team == NULL
          || (team != NULL && g_strcmp0 (hz_jv_get_str (team), token->team) != 0))
        {
          send_error (client, "forbidden", "an opinion is for the sender's own team", msg, 0);
          return;
        }
      /* a meeting's room goes through several cases: which one it is of */
      if (of_case != NULL && !hz_fhir_id_is_valid (hz_jv_get_str (of_case)))
        {
          send_error (client, "bad-message", "“case” must be a resource id (1 to 64 of A-Z a-z 0-9 - .)", msg, 0);
          return;
        }
      if (of_case != NULL)
        {
          g_string_append (fields, ",\"case\":");
          hz_json_append_escaped (fields, hz_jv_get_str (of_case));
        }
      g_string_append (fields, ",\"text\":");
      hz_json_append_escaped (fields, text);
    }
  else /* presenter */
    {
      const char *user;

      if (token->role != HZ_CONSULT_ROLE_HOST)
        {
          send_error (client, "forbidden", "only the host hands the presenter role", msg, 0);
          return;
        }
      user = require_string (client, msg, "user");
      if (user == NULL)
        return;
      if (room_find_member (room, user) == NULL)
        {
          send_error (client, "unknown-member", "no such user is connected to the room", msg, 0);
          return;
        }
      g_string_append (fields, ",\"user\":");
      hz_json_append_escaped (fields, user);
    }

  if (id != NULL && (earlier = hz_consultd_db_find_client_id (client->server->db, room->id,
                                                              token->user, id)) > 0)
    {
      send_error (client, "duplicate", "this id was relayed already", msg, earlier);
      return;
    }

  if (room_relay (room, type, token, id, fields->str) > 0 && g_str_equal (type, "presenter"))
    {
      g_autoptr(GString) json = g_string_new ("{\"by\":");
      const char *user = hz_jv_get_string (msg, "user");

      g_free (room->presenter);
      room->presenter = g_strdup (user);
      hz_json_append_escaped (json, token->user);
      g_string_append (json, ",\"presenter\":");
      hz_json_append_escaped (json, user);
      g_string_append_c (json, '}');
      hz_consultd_db_audit (client->server->db, "presenter", room->id, json->str);
    }
}

/* A whole message; a frame over MAX_FRAME never gets here (the
 * connection closes with 1009) */
static void
on_message (HzConsultdWs *ws,
            gboolean      text,
            const char   *data,
            gsize         size,
            gpointer      user_data)
{
  Client *client = user_data;
  g_autoptr(HzJsonDoc) doc = NULL;
  g_autoptr(GError) error = NULL;
  const char *type;
  HzJv *root;

  if (client->close_code != 0)
    return;
  if (!text)
    {
      if (client->room == NULL)
        refuse (client, "hello expected", NULL);
      else
        send_error (client, "bad-message", "frames are text, each one JSON object", NULL, 0);
      return;
    }

  doc = hz_json_doc_parse (g_strndup (data, size), size, &error);
  root = doc != NULL ? hz_json_doc_get_root (doc) : NULL;
  type = hz_jv_get_string (root, "type");
  if (client->room == NULL && client->token == NULL)
    {
      if (type == NULL)
        refuse (client, "hello expected", NULL);
      else
        handle_hello (client, root);
      return;
    }
  if (root == NULL || hz_jv_get_value_type (root) != HZ_JV_OBJECT)
    {
      g_autofree char *why = g_strdup_printf ("not a JSON object: %s",
                                              error ? error->message : "empty");

      send_error (client, "bad-message", why, NULL, 0);
      return;
    }
  if (type == NULL)
    {
      send_error (client, "bad-message", "no string “type”", root, 0);
      return;
    }

  if (g_str_equal (type, "ping"))
    {
      g_autoptr(GString) pong = g_string_new ("{\"type\":\"pong\"");
      g_autofree char *time = hz_consultd_now ();
      HzJv *id = hz_jv_get (root, "id");

      if (id != NULL)
        {
          g_string_append (pong, ",\"id\":");
          hz_jv_write (pong, id);
        }
      g_string_append_printf (pong, ",\"time\":\"%s\"}", time);
      client_send_direct (client, pong->str);
    }
  else if (g_str_equal (type, "chat") || g_str_equal (type, "state")
           || g_str_equal (type, "opinion") || g_str_equal (type, "presenter"))
    handle_room_message (client, root, type);
  else if (g_str_equal (type, "hello"))
    send_error (client, "bad-message", "already joined", root, 0);
  else
    send_error (client, "bad-message", "unknown type", root, 0);
}

static void set_http_error (SoupServerMessage *msg,
                            guint              status,
                            const char        *message);

static const HzConsultdWsCallbacks ws_callbacks = {
  .message = on_message,
  .want_flush = on_want_flush,
  .closed = on_closed,
};

/* The 101 is written: the stream is ours */
static void
on_upgraded (SoupServerMessage *msg,
             gpointer           user_data)
{
  HzConsultd *self = user_data;
  g_autoptr(SoupServerMessage) keep = g_object_ref (msg);
  GSocket *socket = soup_server_message_get_socket (msg);
  g_autoptr(GIOStream) stream = NULL;
  Client *client;

  /* frames are batched here, and each batch goes out at once */
  if (socket != NULL)
    g_socket_set_option (socket, IPPROTO_TCP, TCP_NODELAY, 1, NULL);
  client = g_new0 (Client, 1);
  client->server = self;
  client->peer = g_strdup (soup_server_message_get_remote_host (msg));
  g_queue_init (&client->held);
  stream = soup_server_message_steal_connection (msg);
  client->ws = hz_consultd_ws_new (stream, MAX_FRAME, KEEPALIVE_S, &ws_callbacks, client);
  g_hash_table_add (self->clients, client);
  client->hello_timeout = g_timeout_add_seconds (HELLO_TIMEOUT_S, on_hello_timeout, client);
}

/* GET /v1/session: libsoup checks the upgrade and answers 101 (no
 * extensions: view state is small and latency matters more than bytes) */
static void
on_session (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  HzConsultd *self = user_data;

  if (self->stopping)
    {
      set_http_error (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "server shutting down");
      return;
    }
  if (!soup_websocket_server_process_handshake (msg, NULL, NULL, NULL, NULL))
    return;   /* its status and body say what was wrong */
  g_signal_connect (msg, "wrote-informational", G_CALLBACK (on_upgraded), self);
}

/* ------------------------------------------------------------------------- */
/* Shared files: /v1/rooms/ROOM/files[/NAME] */

static void
set_json_response (SoupServerMessage *msg,
                   guint              status,
                   const char        *json)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, json, strlen (json));
}

static void
set_http_error (SoupServerMessage *msg,
                guint              status,
                const char        *message)
{
  g_autoptr(GString) json = g_string_new ("{\"error\":");

  hz_json_append_escaped (json, message);
  g_string_append_c (json, '}');
  set_json_response (msg, status, json->str);
}

/* The token of the Authorization header, checked against @room */
static HzConsultToken *
authorize (HzConsultd        *self,
           SoupServerMessage *msg,
           const char        *room)
{
  const char *header = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                     "Authorization");
  g_autoptr(HzConsultToken) token = NULL;
  g_autoptr(GError) error = NULL;

  if (header == NULL || !g_str_has_prefix (header, "Bearer "))
    {
      set_http_error (msg, SOUP_STATUS_UNAUTHORIZED, "no Bearer token");
      return NULL;
    }
  token = hz_consult_token_verify (self->secret, header + strlen ("Bearer "),
                                   g_get_real_time () / G_USEC_PER_SEC, &error);
  if (token == NULL)
    {
      set_http_error (msg, SOUP_STATUS_UNAUTHORIZED, error->message);
      return NULL;
    }
  if (!g_str_equal (token->room, room))
    {
      set_http_error (msg, SOUP_STATUS_UNAUTHORIZED, "the token is for another room");
      return NULL;
    }
  return g_steal_pointer (&token);
}

/* "/v1/rooms/ROOM/files[/NAME]" → ROOM, NAME (NULL for the list) */
static gboolean
parse_files_path (const char  *path,
                  char       **room,
                  char       **name)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  guint n = g_strv_length (parts);

  /* "", "v1", "rooms", ROOM, "files", [NAME] */
  if (n < 5 || n > 6 || !g_str_equal (parts[4], "files") || !hz_consult_room_id_is_valid (parts[3]))
    return FALSE;
  if (n == 6 && !hz_consult_room_id_is_valid (parts[5]))
    return FALSE;
  *room = g_strdup (parts[3]);
  *name = n == 6 ? g_strdup (parts[5]) : NULL;
  return TRUE;
}

static void
on_files_early (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  if (!g_str_equal (soup_server_message_get_method (msg), SOUP_METHOD_PUT))
    return;
  if (soup_message_headers_get_encoding (headers) != SOUP_ENCODING_CONTENT_LENGTH)
    set_http_error (msg, SOUP_STATUS_LENGTH_REQUIRED, "Content-Length required");
  else if (soup_message_headers_get_content_length (headers) > MAX_FILE_SIZE)
    set_http_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "a file is at most 64 MiB");
}

static void
audit_file (HzConsultd           *self,
            const char           *event,
            const HzConsultToken *token,
            const char           *name,
            const char           *sha256,
            gsize                 size)
{
  g_autoptr(GString) json = g_string_new ("{\"user\":");

  hz_json_append_escaped (json, token->user);
  g_string_append (json, ",\"file\":");
  hz_json_append_escaped (json, name);
  g_string_append_printf (json, ",\"size\":%" G_GSIZE_FORMAT ",\"sha256\":\"%s\"}", size, sha256);
  hz_consultd_db_audit (self->db, event, token->room, json->str);
}

static void
put_file (HzConsultd           *self,
          SoupServerMessage    *msg,
          Room                 *room,
          const HzConsultToken *token,
          const char           *name)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  const char *content_type = soup_message_headers_get_content_type (
    soup_server_message_get_request_headers (msg), NULL);
  g_autoptr(GBytes) data = soup_message_body_flatten (body);
  g_autofree char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, data);
  g_autofree char *time = hz_consultd_now ();
  g_autoptr(GString) fields = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  gsize size = g_bytes_get_size (data);

  if (!may_present (room, token))
    {
      set_http_error (msg, SOUP_STATUS_FORBIDDEN, "only the host and the presenter share files");
      return;
    }
  if (size > MAX_FILE_SIZE)
    {
      set_http_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "a file is at most 64 MiB");
      return;
    }
  if (content_type == NULL)
    content_type = "application/octet-stream";

  g_string_append (fields, ",\"file\":");
  hz_json_append_escaped (fields, name);
  g_string_append_printf (fields, ",\"size\":%" G_GSIZE_FORMAT ",\"sha256\":\"%s\",\"content_type\":",
                          size, sha256);
  hz_json_append_escaped (fields, content_type);

  switch (hz_consultd_db_put_file (self->db, room->id, name, content_type, data, sha256, token->user,
                                   time, &error))
    {
    case HZ_CONSULTD_FILE_CREATED:
      audit_file (self, "file-put", token, name, sha256, size);
      room_relay (room, "file", token, NULL, fields->str);
      /* the 201 goes out now: what it says is stored is */
      server_commit (self);
      fields->str[0] = '{';
      g_string_append_c (fields, '}');
      set_json_response (msg, SOUP_STATUS_CREATED, fields->str);
      break;
    case HZ_CONSULTD_FILE_SAME:
      fields->str[0] = '{';
      g_string_append_c (fields, '}');
      set_json_response (msg, SOUP_STATUS_OK, fields->str);
      break;
    case HZ_CONSULTD_FILE_CONFLICT:
      set_http_error (msg, SOUP_STATUS_CONFLICT, "the room has another file of that name");
      break;
    case HZ_CONSULTD_FILE_FAILED:
    default:
      set_http_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, error ? error->message : "failed");
      break;
    }
}

static void
on_files (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  HzConsultd *self = user_data;
  const char *method = soup_server_message_get_method (msg);
  g_autoptr(HzConsultToken) token = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *room_id = NULL;
  g_autofree char *name = NULL;
  Room *room;

  if (soup_server_message_get_status (msg) >= 400)
    return;   /* refused by on_files_early */
  if (!parse_files_path (path, &room_id, &name))
    {
      set_http_error (msg, SOUP_STATUS_BAD_REQUEST, "not /v1/rooms/ROOM/files[/NAME] with valid names");
      return;
    }
  token = authorize (self, msg, room_id);
  if (token == NULL)
    return;
  room = get_room (self, room_id, &error);
  if (room == NULL)
    {
      set_http_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, error->message);
      return;
    }

  if (g_str_equal (method, SOUP_METHOD_PUT) && name != NULL)
    put_file (self, msg, room, token, name);
  else if (g_str_equal (method, SOUP_METHOD_GET) && name != NULL)
    {
      g_autofree char *content_type = NULL;
      g_autofree char *sha256 = NULL;
      g_autoptr(GBytes) data = hz_consultd_db_get_file (self->db, room->id, name, &content_type, &sha256);
      g_autofree char *etag = NULL;

      if (data == NULL)
        {
          set_http_error (msg, SOUP_STATUS_NOT_FOUND, "no such file in the room");
          return;
        }
      audit_file (self, "file-get", token, name, sha256, g_bytes_get_size (data));
      etag = g_strdup_printf ("\"%s\"", sha256);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "ETag", etag);
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_message_headers_set_content_type (soup_server_message_get_response_headers (msg),
                                             content_type, NULL);
      soup_message_body_append_bytes (soup_server_message_get_response_body (msg), data);
    }
  else if (g_str_equal (method, SOUP_METHOD_GET))
    {
      g_autofree char *list = hz_consultd_db_list_files (self->db, room->id);

      set_json_response (msg, SOUP_STATUS_OK, list);
    }
  else
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow",
                                    name != NULL ? "GET, PUT" : "GET");
      set_http_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "GET or PUT");
    }
}

/* ------------------------------------------------------------------------- */
/* The server */

HzConsultd *
hz_consultd_new (HzConsultdDb  *db,
                 GBytes        *secret,
                 const char    *bind,
                 guint          port,
                 const char    *tls_cert,
                 const char    *tls_key,
                 GError       **error)
{
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GInetAddress) inet = NULL;
  HzConsultd *self;
  GSList *uris;
  guint bound_port = port;

  inet = g_inet_address_new_from_string (bind);
  if (inet == NULL)
    {
      /* Translators: %s is what was given to --bind */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not an IP address"), bind);
      hz_consultd_db_close (db);
      return NULL;
    }
  if (tls_cert != NULL)
    {
      certificate = g_tls_certificate_new_from_files (tls_cert, tls_key, error);
      if (certificate == NULL)
        {
          hz_consultd_db_close (db);
          return NULL;
        }
    }

  self = g_new0 (HzConsultd, 1);
  self->db = db;
  self->secret = g_bytes_ref (secret);
  self->rooms = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) room_free);
  self->clients = g_hash_table_new (NULL, NULL);
  self->dirty = g_ptr_array_new ();
  self->soup = soup_server_new ("server-header", "huizhen-consultd/" PACKAGE_VERSION " ",
                                "tls-certificate", certificate, NULL);
  soup_server_add_handler (self->soup, "/v1/session", on_session, self, NULL);
  soup_server_add_early_handler (self->soup, "/v1/rooms", on_files_early, self, NULL);
  soup_server_add_handler (self->soup, "/v1/rooms", on_files, self, NULL);

  address = g_inet_socket_address_new (inet, port);
  if (!soup_server_listen (self->soup, address, certificate ? SOUP_SERVER_LISTEN_HTTPS : 0, error))
    {
      hz_consultd_free (self);
      return NULL;
    }
  uris = soup_server_get_uris (self->soup);
  if (uris != NULL)
    bound_port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  self->url = g_strdup_printf ("%s://%s%s%s:%u", certificate ? "wss" : "ws",
                               g_inet_address_get_family (inet) == G_SOCKET_FAMILY_IPV6 ? "[" : "",
                               bind,
                               g_inet_address_get_family (inet) == G_SOCKET_FAMILY_IPV6 ? "]" : "",
                               bound_port);
  hz_consultd_db_audit (db, "start", NULL, "{}");
  return self;
}

const char *
hz_consultd_get_url (HzConsultd *self)
{
  return self->url;
}

static gboolean
on_stop_timeout (gpointer user_data)
{
  HzConsultd *self = user_data;
  GSourceFunc done = self->stopped;

  self->stop_timeout = 0;
  self->stopped = NULL;
  if (done != NULL)
    done (self->stopped_data);
  return G_SOURCE_REMOVE;
}

void
hz_consultd_shutdown (HzConsultd  *self,
                      GSourceFunc  done,
                      gpointer     user_data)
{
  g_autoptr(GPtrArray) clients = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer client;

  g_hash_table_iter_init (&iter, self->clients);
  while (g_hash_table_iter_next (&iter, &client, NULL))
    g_ptr_array_add (clients, client);

  self->stopping = TRUE;
  self->stopped = done;
  self->stopped_data = user_data;
  for (guint i = 0; i < clients->len; i++)
    client_close (g_ptr_array_index (clients, i), SOUP_WEBSOCKET_CLOSE_GOING_AWAY, "server shutting down");
  self->stop_timeout = g_timeout_add (SHUTDOWN_WAIT_MS, on_stop_timeout, self);
  check_stopped (self);
}

void
hz_consultd_free (HzConsultd *self)
{
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer client;

  g_hash_table_iter_init (&iter, self->clients);
  while (g_hash_table_iter_next (&iter, &client, NULL))
    client_free (client);
  g_hash_table_unref (self->clients);
  g_clear_handle_id (&self->flush_idle, g_source_remove);
  g_ptr_array_unref (self->dirty);
  g_clear_handle_id (&self->stop_timeout, g_source_remove);
  g_clear_object (&self->soup);
  g_hash_table_unref (self->rooms);
  if (self->in_batch && !hz_consultd_db_commit (self->db, &error))
    g_warning ("the room log's last messages were not stored: %s", error->message);
  self->in_batch = FALSE;
  if (self->db != NULL)
    hz_consultd_db_audit (self->db, "stop", NULL, "{}");
  hz_consultd_db_close (self->db);
  g_bytes_unref (self->secret);
  g_free (self->url);
  g_free (self);
}
