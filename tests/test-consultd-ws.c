/* test-consultd-ws.c — huizhen-consultd's own WebSocket end, byte by byte:
 * frames written by hand on a plain socket (what libsoup's client never
 * sends: fragments, a ping between them, an unmasked frame, bad UTF-8, a
 * hello in the same packet as the upgrade), the close handshake, many
 * messages in one packet (one batch: every one relayed and logged, in
 * order), a client that stops reading (dropped with 4408, the others
 * unaffected), and the log reaching the database file while the server
 * runs (its checkpoints are another thread's).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "huizhen.h"
#include "hz-test-utils.h"
#include "hz-consultd-ws.h"
#include "test-consult-server.h"

#define OPCODE_CONTINUATION 0x0
#define OPCODE_CLOSE        0x8
#define OPCODE_PING         0x9
#define OPCODE_PONG         0xa

typedef struct
{
  GSocketConnection *conn;
  GSocket           *socket;
  GByteArray        *in;
} Ws;

static void
ws_free (Ws *ws)
{
  g_io_stream_close (G_IO_STREAM (ws->conn), NULL, NULL);
  g_object_unref (ws->conn);
  g_byte_array_unref (ws->in);
  g_free (ws);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Ws, ws_free)

static void
send_all (Ws           *ws,
          const guint8 *data,
          gsize         size)
{
  g_autoptr(GError) error = NULL;

  hz_consultd_ws_send_all (ws->socket, data, size, &error);
  g_assert_no_error (error);
}

/* One client frame appended to @out: masked unless @unmasked */
static void
append_frame (GByteArray *out,
              gboolean    fin,
              guint       opcode,
              const char *data,
              gsize       size,
              gboolean    unmasked)
{
  static const guint8 mask[4] = { 0x37, 0xfa, 0x21, 0x3d };
  guint8 header[HZ_CONSULTD_WS_HEADER_MAX];
  guint len = out->len;

  g_byte_array_append (out, header, hz_consultd_ws_write_header (header, fin, opcode, size,
                                                                unmasked ? NULL : mask));
  g_byte_array_append (out, (const guint8 *) data, size);
  if (!unmasked)
    hz_consultd_ws_mask (out->data + out->len - size, size, mask);
  g_assert_cmpuint (out->len, >, len);
}

static void
ws_send (Ws         *ws,
         gboolean    fin,
         guint       opcode,
         const char *data,
         gsize       size)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();

  append_frame (out, fin, opcode, data, size, FALSE);
  send_all (ws, out->data, out->len);
}

static void
ws_send_text (Ws         *ws,
              const char *text)
{
  ws_send (ws, TRUE, HZ_CONSULTD_WS_OPCODE_TEXT, text, strlen (text));
}

/* The next frame from the server; FALSE at the end of the stream */
static gboolean
ws_read (Ws     *ws,
         guint  *opcode,
         char  **payload,
         gsize  *size)
{
  HzConsultdWsHeader h;

  while (!hz_consultd_ws_read_header (ws->in->data, ws->in->len, &h) || ws->in->len < h.size + h.length)
    {
      g_autoptr(GError) error = NULL;
      guint8 chunk[16384];
      gssize n = g_socket_receive (ws->socket, (char *) chunk, sizeof chunk, NULL, &error);

      g_assert_no_error (error);
      if (n == 0)
        {
          g_assert_cmpuint (ws->in->len, ==, 0);
          return FALSE;
        }
      g_byte_array_append (ws->in, chunk, n);
    }
  /* a server frame: unmasked, whole */
  g_assert_false (h.masked);
  g_assert_true (h.fin);
  g_assert_cmpuint (h.rsv, ==, 0);
  *opcode = h.opcode;
  *payload = g_strndup ((const char *) ws->in->data + h.size, h.length);
  *size = h.length;
  g_byte_array_remove_range (ws->in, 0, h.size + h.length);
  return TRUE;
}

static char *
ws_read_text (Ws *ws)
{
  guint opcode = 0;
  char *payload = NULL;
  gsize size = 0;

  g_assert_true (ws_read (ws, &opcode, &payload, &size));
  if (opcode != HZ_CONSULTD_WS_OPCODE_TEXT)
    g_error ("a text frame expected, not opcode %u (%.*s)", opcode, (int) MIN (size, 80), payload);
  return payload;
}

/* The close frame's code, then the end of the stream; @answer: the
 * close is answered (the server waits for it, unless it failed the
 * connection for a protocol error) */
static gushort
ws_read_close (Ws       *ws,
               gboolean  answer)
{
  g_autofree char *payload = NULL;
  guint opcode = 0;
  gsize size = 0;
  gushort code;

  g_assert_true (ws_read (ws, &opcode, &payload, &size));
  g_assert_cmpuint (opcode, ==, OPCODE_CLOSE);
  g_assert_cmpuint (size, >=, 2);
  code = ((guint8) payload[0] << 8) | (guint8) payload[1];
  if (answer)
    ws_send (ws, TRUE, OPCODE_CLOSE, payload, 2);
  g_clear_pointer (&payload, g_free);
  g_assert_false (ws_read (ws, &opcode, &payload, &size));
  return code;
}

/* Connected and upgraded; @first (if not NULL) goes in the same packet
 * as the upgrade request */
static Ws *
ws_connect (HzTestConsultd *server,
            const char     *first)
{
  g_autoptr(GSocketClient) connector = g_socket_client_new ();
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  Ws *ws = g_new0 (Ws, 1);

  ws->conn = g_socket_client_connect_to_host (connector, "127.0.0.1", server->port, NULL, &error);
  g_assert_no_error (error);
  ws->socket = g_socket_connection_get_socket (ws->conn);
  g_socket_set_timeout (ws->socket, 20);
  ws->in = g_byte_array_new ();
  if (first != NULL)
    append_frame (out, TRUE, HZ_CONSULTD_WS_OPCODE_TEXT, first, strlen (first), FALSE);
  hz_consultd_ws_client_upgrade (ws->socket, "127.0.0.1", server->port, "/v1/session",
                                 out->data, out->len, ws->in, &error);
  g_assert_no_error (error);
  return ws;
}

static char *
hello (HzTestConsultd *server,
       const char     *user,
       const char     *role)
{
  g_autofree char *token = hz_test_consultd_token (server, user, role);

  return g_strdup_printf ("{\"type\":\"hello\",\"token\":\"%s\"}", token);
}

static void
assert_type (const char *json,
             const char *type)
{
  g_autofree char *prefix = g_strdup_printf ("{\"type\":\"%s\"", type);

  if (!g_str_has_prefix (json, prefix))
    g_error ("%s expected: %s", type, json);
}

/* Joined (the hello with the upgrade): the welcome and its own join read */
static Ws *
join (HzTestConsultd *server,
      const char     *user,
      const char     *role)
{
  g_autofree char *text = hello (server, user, role);
  Ws *ws = ws_connect (server, text);
  g_autofree char *welcome = ws_read_text (ws);
  g_autofree char *presence = ws_read_text (ws);

  assert_type (welcome, "welcome");
  assert_type (presence, "presence");
  return ws;
}

static gint64
json_seq (const char *json)
{
  const char *at = strstr (json, "\"seq\":");

  g_assert_nonnull (at);
  return g_ascii_strtoll (at + strlen ("\"seq\":"), NULL, 10);
}

/* ------------------------------------------------------------------------- */

static void
test_fragments_and_ping (void)
{
  HzTestConsultd *server = hz_test_consultd_new ();
  g_autoptr(Ws) host = join (server, "host", "host");
  g_autofree char *pong = NULL;
  g_autofree char *chat = NULL;
  guint opcode = 0;
  gsize size = 0;
  const char *parts[] = { "{\"type\":\"chat\",", "\"text\":\"分", "段\"}" };

  /* a text message in three frames, a ping between the second and the third */
  ws_send (host, FALSE, HZ_CONSULTD_WS_OPCODE_TEXT, parts[0], strlen (parts[0]));
  ws_send (host, FALSE, OPCODE_CONTINUATION, parts[1], strlen (parts[1]));
  ws_send (host, TRUE, OPCODE_PING, "p1", 2);
  ws_send (host, TRUE, OPCODE_CONTINUATION, parts[2], strlen (parts[2]));

  g_assert_true (ws_read (host, &opcode, &pong, &size));
  g_assert_cmpuint (opcode, ==, OPCODE_PONG);
  g_assert_cmpstr (pong, ==, "p1");
  chat = ws_read_text (host);
  assert_type (chat, "chat");
  g_assert_true (g_str_has_suffix (chat, ",\"text\":\"分段\"}"));
  g_assert_cmpint (json_seq (chat), ==, 2);

  /* the close handshake: answered with the same code, then the end */
  ws_send (host, TRUE, OPCODE_CLOSE, "\x03\xe8", 2);
  g_clear_pointer (&pong, g_free);
  g_assert_true (ws_read (host, &opcode, &pong, &size));
  g_assert_cmpuint (opcode, ==, OPCODE_CLOSE);
  g_assert_cmpmem (pong, size, "\x03\xe8", 2);
  g_clear_pointer (&pong, g_free);
  g_assert_false (ws_read (host, &opcode, &pong, &size));
  hz_test_consultd_free (server);
}

static void
test_refused_frames (void)
{
  HzTestConsultd *server = hz_test_consultd_new ();
  g_autoptr(GString) big = g_string_new (NULL);

  /* unmasked: a protocol error */
  {
    g_autoptr(Ws) ws = join (server, "a", "participant");
    g_autoptr(GByteArray) out = g_byte_array_new ();

    append_frame (out, TRUE, HZ_CONSULTD_WS_OPCODE_TEXT, "{\"type\":\"ping\"}", 15, TRUE);
    send_all (ws, out->data, out->len);
    g_assert_cmpuint (ws_read_close (ws, FALSE), ==, 1002);
  }
  /* text that is not UTF-8 */
  {
    g_autoptr(Ws) ws = join (server, "b", "participant");

    ws_send (ws, TRUE, HZ_CONSULTD_WS_OPCODE_TEXT, "{\"type\":\"chat\",\"text\":\"\xff\"}", 25);
    g_assert_cmpuint (ws_read_close (ws, FALSE), ==, 1007);
  }
  /* fragments of 40,000 bytes each: the second makes the message too big */
  {
    g_autoptr(Ws) ws = join (server, "c", "participant");

    while (big->len < 40000)
      g_string_append_c (big, 'x');
    ws_send (ws, FALSE, HZ_CONSULTD_WS_OPCODE_TEXT, big->str, big->len);
    ws_send (ws, TRUE, OPCODE_CONTINUATION, big->str, big->len);
    g_assert_cmpuint (ws_read_close (ws, TRUE), ==, 1009);
  }
  /* a continuation with no message begun */
  {
    g_autoptr(Ws) ws = join (server, "d", "participant");

    ws_send (ws, TRUE, OPCODE_CONTINUATION, "x", 1);
    g_assert_cmpuint (ws_read_close (ws, FALSE), ==, 1002);
  }
  /* the room heard each leave, with its code */
  {
    g_autoptr(Ws) ws = NULL;
    g_autofree char *text = hello (server, "e", "participant");
    g_autofree char *resume = g_strdup_printf ("%.*s,\"since\":0}", (int) strlen (text) - 1, text);
    const char *leaves[] = { "1002", "1007", "1009", "1002" };
    guint found = 0;

    ws = ws_connect (server, resume);
    g_free (ws_read_text (ws));   /* welcome */
    while (found < G_N_ELEMENTS (leaves))
      {
        g_autofree char *message = ws_read_text (ws);
        g_autofree char *suffix = g_strdup_printf ("\"event\":\"leave\",\"code\":%s}", leaves[found]);

        if (strstr (message, "\"event\":\"leave\"") != NULL)
          {
            if (!g_str_has_suffix (message, suffix))
              g_error ("%s expected: %s", suffix, message);
            found++;
          }
      }
  }
  hz_test_consultd_free (server);
}

/* 200 messages in one packet: all relayed, in order, no gap, and logged
 * as they were sent */
static void
test_one_packet (void)
{
  HzTestConsultd *server = hz_test_consultd_new ();
  g_autoptr(Ws) host = join (server, "host", "host");
  g_autoptr(Ws) guest = join (server, "guest", "participant");
  g_autoptr(Ws) replay = NULL;
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = NULL;
  g_autofree char *resume = NULL;
  g_autofree char *guest_join = ws_read_text (host);

  g_assert_cmpint (json_seq (guest_join), ==, 2);
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *state = g_strdup_printf ("{\"type\":\"state\",\"page\":\"p\",\"state\":{\"i\":%u}}", i);

      append_frame (out, TRUE, HZ_CONSULTD_WS_OPCODE_TEXT, state, strlen (state), FALSE);
    }
  send_all (host, out->data, out->len);
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *at_host = ws_read_text (host);
      char *at_guest = ws_read_text (guest);
      g_autofree char *suffix = g_strdup_printf (",\"page\":\"p\",\"state\":{\"i\":%u}}", i);

      g_assert_cmpstr (at_host, ==, at_guest);
      g_assert_cmpint (json_seq (at_guest), ==, 3 + i);
      g_assert_true (g_str_has_suffix (at_guest, suffix));
      g_ptr_array_add (seen, at_guest);
    }

  /* the log has the same bytes */
  text = hello (server, "late", "observer");
  resume = g_strdup_printf ("%.*s,\"since\":2}", (int) strlen (text) - 1, text);
  replay = ws_connect (server, resume);
  g_free (ws_read_text (replay));   /* welcome */
  for (guint i = 0; i < seen->len; i++)
    {
      g_autofree char *again = ws_read_text (replay);

      g_assert_cmpstr (again, ==, seen->pdata[i]);
    }
  hz_test_consultd_free (server);
}

/* A client that reads nothing while the room goes on: its queue fills,
 * it is dropped with 4408; the others get every message and its leave */
static void
test_slow_client (void)
{
  HzTestConsultd *server = hz_test_consultd_new ();
  g_autoptr(Ws) host = join (server, "host", "host");
  g_autoptr(Ws) slow = join (server, "slow", "participant");
  g_autoptr(GString) chat = g_string_new ("{\"type\":\"chat\",\"text\":\"");
  g_autofree char *slow_join = ws_read_text (host);
  gint64 last = json_seq (slow_join);
  gboolean dropped = FALSE;
  guint sent = 0, relayed = 0;

  g_assert_cmpint (last, ==, 2);
  while (chat->len < 60000)
    g_string_append_c (chat, 'x');
  g_string_append (chat, "\"}");

  /* 60 kB a message: the 8 MiB bound, past what the sockets hold */
  while (!dropped)
    {
      g_assert_cmpuint (sent, <, 2000);
      ws_send_text (host, chat->str);
      sent++;
      /* the host's own copies, and in time the slow one's leave */
      while (relayed < sent)
        {
          g_autofree char *message = ws_read_text (host);

          g_assert_cmpint (json_seq (message), ==, last + 1);
          last++;
          if (strstr (message, "\"event\":\"leave\"") == NULL)
            {
              assert_type (message, "chat");
              relayed++;
              continue;
            }
          g_assert_nonnull (strstr (message, "\"from\":\"slow\""));
          g_assert_true (g_str_has_suffix (message, ",\"code\":4408}"));
          dropped = TRUE;
        }
    }

  /* what the slow client gets now: chats in order, then the close */
  {
    gint64 previous = 2;

    for (;;)
      {
        g_autofree char *payload = NULL;
        guint opcode = 0;
        gsize size = 0;

        g_assert_true (ws_read (slow, &opcode, &payload, &size));
        if (opcode == OPCODE_CLOSE)
          {
            g_assert_cmpuint (((guint8) payload[0] << 8) | (guint8) payload[1], ==, 4408);
            break;
          }
        g_assert_cmpuint (opcode, ==, HZ_CONSULTD_WS_OPCODE_TEXT);
        g_assert_cmpint (json_seq (payload), ==, previous + 1);
        previous++;
      }
    g_assert_cmpint (previous, <, last);
  }
  hz_test_consultd_free (server);
}

static gboolean
db_file_grew (gpointer data)
{
  g_autoptr(GFile) file = g_file_new_for_path (((HzTestConsultd *) data)->db);
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, 0, NULL, NULL);

  return info != NULL && g_file_info_get_size (info) > 2 * 1024 * 1024;
}

/* 4,000 state messages of 1 KiB (past 1,000 pages of WAL): the
 * checkpointer copies them into the file while the server runs */
static void
test_checkpoint (void)
{
  HzTestConsultd *server = hz_test_consultd_new ();
  g_autoptr(Ws) host = join (server, "host", "host");
  g_autofree char *pad = g_strnfill (1024, 'x');

  g_assert_false (db_file_grew (server));
  for (guint packet = 0; packet < 40; packet++)
    {
      g_autoptr(GByteArray) out = g_byte_array_new ();

      for (guint i = 0; i < 100; i++)
        {
          g_autofree char *state = g_strdup_printf ("{\"type\":\"state\",\"page\":\"p\",\"state\":{\"i\":%u,"
                                                    "\"pad\":\"%s\"}}", packet * 100 + i, pad);

          append_frame (out, TRUE, HZ_CONSULTD_WS_OPCODE_TEXT, state, strlen (state), FALSE);
        }
      send_all (host, out->data, out->len);
      for (guint i = 0; i < 100; i++)
        g_free (ws_read_text (host));
    }
  g_assert_true (hz_test_wait_until (db_file_grew, server));
  hz_test_consultd_free (server);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/consultd-ws/fragments-and-ping", test_fragments_and_ping);
  g_test_add_func ("/consultd-ws/refused-frames", test_refused_frames);
  g_test_add_func ("/consultd-ws/one-packet", test_one_packet);
  g_test_add_func ("/consultd-ws/slow-client", test_slow_client);
  g_test_add_func ("/consultd-ws/checkpoint", test_checkpoint);
  return g_test_run ();
}
