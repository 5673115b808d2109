/* test-consultd.c — the real huizhen-consultd, started as a subprocess on
 * a free port, talked to with libsoup's WebSocket client
 * (docs/consult-protocol.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <libsoup/soup.h>

#include <huizhen.h>
#include "hz-json-doc-private.h"
#include "hz-test-utils.h"

typedef struct
{
  char        *dir;
  char        *db_path;
  char        *secret_path;
  GBytes      *secret;
  GSubprocess *proc;
  char        *url;        /* ws://127.0.0.1:N */
  char        *http_url;   /* http://127.0.0.1:N */
  char        *tls_cert;
  char        *tls_key;
  SoupSession *session;
} Fixture;

typedef struct
{
  SoupWebsocketConnection *conn;
  GPtrArray               *texts;   /* (element-type utf8) every text frame received */
  gboolean                 done;    /* connected or failed */
  gboolean                 closed;
  gushort                  close_code;
  GError                  *error;
} Client;

/* ------------------------------------------------------------------------- */
/* The server */

/* the server dies with the test, even a failed one */
static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static void
start_server (Fixture *fixture)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();

  g_ptr_array_add (args, (char *) HUIZHEN_CONSULTD_PATH);
  g_ptr_array_add (args, (char *) "--port");
  g_ptr_array_add (args, (char *) "0");
  g_ptr_array_add (args, (char *) "--db");
  g_ptr_array_add (args, fixture->db_path);
  g_ptr_array_add (args, (char *) "--secret-file");
  g_ptr_array_add (args, fixture->secret_path);
  if (fixture->tls_cert != NULL)
    {
      g_ptr_array_add (args, (char *) "--tls-cert");
      g_ptr_array_add (args, fixture->tls_cert);
      g_ptr_array_add (args, (char *) "--tls-key");
      g_ptr_array_add (args, fixture->tls_key);
    }
  g_ptr_array_add (args, NULL);

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  fixture->proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (fixture->proc));
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  if (fixture->tls_cert != NULL)
    g_assert_true (g_str_has_prefix (line, "listening on wss://127.0.0.1:"));
  else
    g_assert_true (g_str_has_prefix (line, "listening on ws://127.0.0.1:"));
  g_clear_pointer (&fixture->url, g_free);
  g_clear_pointer (&fixture->http_url, g_free);
  fixture->url = g_strdup (line + strlen ("listening on "));
  fixture->http_url = g_strconcat (fixture->tls_cert ? "https" : "http",
                                   strchr (fixture->url, ':'), NULL);
}

static void
stop_server (Fixture  *fixture,
             int       signum)
{
  g_autoptr(GError) error = NULL;

  if (fixture->proc == NULL)
    return;
  g_subprocess_send_signal (fixture->proc, signum);
  g_subprocess_wait (fixture->proc, NULL, &error);
  g_assert_no_error (error);
  if (signum == SIGTERM)
    {
      g_assert_true (g_subprocess_get_if_exited (fixture->proc));
      g_assert_cmpint (g_subprocess_get_exit_status (fixture->proc), ==, 0);
    }
  g_clear_object (&fixture->proc);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = hz_test_make_tmp_dir ("consultd-XXXXXX");
  fixture->db_path = g_build_filename (fixture->dir, "consultd.db", NULL);
  fixture->secret_path = g_build_filename (fixture->dir, "secret", NULL);
  g_file_set_contents (fixture->secret_path, "test-secret-0123456789abcdef\n", -1, &error);
  g_assert_no_error (error);
  fixture->secret = hz_consult_secret_load (fixture->secret_path, &error);
  g_assert_no_error (error);
  fixture->session = soup_session_new ();
  if (data != NULL)
    {
      /* a self-signed certificate for 127.0.0.1, the client's only anchor */
      g_autoptr(GTlsDatabase) database = NULL;
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      int status = 0;
      char *argv[] = { (char *) "openssl", (char *) "req", (char *) "-x509", (char *) "-newkey",
                       (char *) "rsa:2048", (char *) "-nodes", (char *) "-days", (char *) "1",
                       (char *) "-subj", (char *) "/CN=127.0.0.1",
                       (char *) "-addext", (char *) "subjectAltName=IP:127.0.0.1",
                       (char *) "-keyout", NULL, (char *) "-out", NULL, NULL };

      fixture->tls_cert = g_build_filename (fixture->dir, "cert.pem", NULL);
      fixture->tls_key = g_build_filename (fixture->dir, "key.pem", NULL);
      argv[13] = fixture->tls_key;
      argv[15] = fixture->tls_cert;
      if (!g_spawn_sync (NULL, argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error))
        g_error ("openssl is needed for the TLS test and cannot be run: %s", error->message);
      if (!g_spawn_check_wait_status (status, NULL))
        g_error ("openssl could not make a certificate: %s", err);
      database = g_tls_file_database_new (fixture->tls_cert, &error);
      g_assert_no_error (error);
      soup_session_set_tls_database (fixture->session, database);
    }
  start_server (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  stop_server (fixture, SIGTERM);
  g_clear_object (&fixture->session);
  g_bytes_unref (fixture->secret);
  hz_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->db_path);
  g_free (fixture->secret_path);
  g_free (fixture->url);
  g_free (fixture->http_url);
  g_free (fixture->tls_cert);
  g_free (fixture->tls_key);
}

static char *
make_token (Fixture       *fixture,
            const char    *room,
            const char    *user,
            HzConsultRole  role,
            const char    *team,
            gint64         ttl)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("医生%s", user);
  HzConsultToken claims = {
    .room = (char *) room, .user = (char *) user, .name = name, .team = (char *) team,
    .role = role, .expires = g_get_real_time () / G_USEC_PER_SEC + ttl,
  };
  char *token = hz_consult_token_make (fixture->secret, &claims, &error);

  g_assert_no_error (error);
  return token;
}

/* ------------------------------------------------------------------------- */
/* Clients */

static void
on_client_message (SoupWebsocketConnection *conn,
                   SoupWebsocketDataType    type,
                   GBytes                  *message,
                   Client                  *client)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (message, &size);

  g_assert_cmpint (type, ==, SOUP_WEBSOCKET_DATA_TEXT);
  g_ptr_array_add (client->texts, g_strndup (data, size));
}

static void
on_client_closed (SoupWebsocketConnection *conn,
                  Client                  *client)
{
  client->closed = TRUE;
  client->close_code = soup_websocket_connection_get_close_code (conn);
}

static void
on_connected (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Client *client = user_data;

  client->conn = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, &client->error);
  client->done = TRUE;
  if (client->conn != NULL)
    {
      g_signal_connect (client->conn, "message", G_CALLBACK (on_client_message), client);
      g_signal_connect (client->conn, "closed", G_CALLBACK (on_client_closed), client);
    }
}

static gboolean
is_done (gpointer data)
{
  return ((Client *) data)->done;
}

static gboolean
is_closed (gpointer data)
{
  return ((Client *) data)->closed;
}

static Client *
client_connect (Fixture *fixture)
{
  Client *client = g_new0 (Client, 1);
  g_autofree char *url = g_strconcat (fixture->url, "/v1/session", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);

  client->texts = g_ptr_array_new_with_free_func (g_free);
  soup_session_websocket_connect_async (fixture->session, msg, NULL, NULL, G_PRIORITY_DEFAULT, NULL,
                                        on_connected, client);
  g_assert_true (hz_test_wait_until (is_done, client));
  g_assert_no_error (client->error);
  soup_websocket_connection_set_max_incoming_payload_size (client->conn, 0);
  return client;
}

static void
client_free (Client *client)
{
  if (client->conn != NULL)
    {
      g_signal_handlers_disconnect_by_data (client->conn, client);
      if (soup_websocket_connection_get_state (client->conn) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_close (client->conn, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
      g_object_unref (client->conn);
    }
  g_ptr_array_unref (client->texts);
  g_clear_error (&client->error);
  g_free (client);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Client, client_free)

static void
client_send (Client     *client,
             const char *text)
{
  soup_websocket_connection_send_text (client->conn, text);
}

static void
client_close_and_wait (Client *client)
{
  soup_websocket_connection_close (client->conn, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
  g_assert_true (hz_test_wait_until (is_closed, client));
}

typedef struct
{
  Client *client;
  guint   count;
} WaitCount;

static gboolean
has_count (gpointer data)
{
  WaitCount *wait = data;

  return wait->client->texts->len >= wait->count || wait->client->closed;
}

/* Waits for @client to have received @count frames in all */
static void
wait_texts (Client *client,
            guint   count)
{
  WaitCount wait = { client, count };

  g_assert_true (hz_test_wait_until (has_count, &wait));
  g_assert_cmpuint (client->texts->len, >=, count);
}

/* Member @key of the JSON object @text, as a string (NULL if not one) */
static char *
json_string (const char *text,
             const char *key)
{
  g_autoptr(HzJsonDoc) doc = hz_json_doc_parse (g_strdup (text), strlen (text), NULL);

  g_assert_nonnull (doc);
  return g_strdup (hz_jv_get_string (hz_json_doc_get_root (doc), key));
}

static gint64
json_int (const char *text,
          const char *key)
{
  g_autoptr(HzJsonDoc) doc = hz_json_doc_parse (g_strdup (text), strlen (text), NULL);
  gint64 value = -1;

  g_assert_nonnull (doc);
  if (!hz_jv_get_int64 (hz_jv_get (hz_json_doc_get_root (doc), key), &value))
    return -1;
  return value;
}

static void
assert_type (const char *text,
             const char *type)
{
  g_autofree char *got = json_string (text, "type");

  if (g_strcmp0 (got, type) != 0)
    g_error ("expected a %s message, got %s", type, text);
}

/* Connects, says hello, waits for the welcome and the own join; returns
 * the client with those two frames (plus any replay) received */
static Client *
join (Fixture    *fixture,
      const char *token,
      gint64      since)
{
  Client *client = client_connect (fixture);
  g_autofree char *hello = since >= 0
    ? g_strdup_printf ("{\"type\":\"hello\",\"token\":\"%s\",\"since\":%" G_GINT64_FORMAT "}", token, since)
    : g_strdup_printf ("{\"type\":\"hello\",\"token\":\"%s\"}", token);
  gint64 last;
  gint64 replayed;

  client_send (client, hello);
  wait_texts (client, 1);
  assert_type (client->texts->pdata[0], "welcome");
  last = json_int (client->texts->pdata[0], "seq");
  replayed = since >= 0 && since < last ? last - since : 0;
  wait_texts (client, 2 + replayed);
  assert_type (client->texts->pdata[1 + replayed], "presence");
  g_assert_cmpint (json_int (client->texts->pdata[1 + replayed], "seq"), ==, last + 1);
  return client;
}

/* The frames of @client from index @from on with a seq, checked to be
 * consecutive from @first_seq */
static void
assert_seq_run (Client *client,
                guint   from,
                gint64  first_seq)
{
  for (guint i = from; i < client->texts->len; i++)
    g_assert_cmpint (json_int (client->texts->pdata[i], "seq"), ==, first_seq + (i - from));
}

/* ------------------------------------------------------------------------- */
/* Tests */

static void
test_chat_and_state (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *host_token = make_token (fixture, "room-1", "wang", HZ_CONSULT_ROLE_HOST, "obstetrics", 600);
  g_autofree char *guest_token = make_token (fixture, "room-1", "li", HZ_CONSULT_ROLE_PARTICIPANT, "nutrition", 600);
  g_autoptr(Client) host = join (fixture, host_token, -1);
  g_autoptr(Client) guest = NULL;
  g_autofree char *presenter = NULL;

  g_assert_cmpint (json_int (host->texts->pdata[0], "seq"), ==, 0);
  g_assert_true (strstr (host->texts->pdata[0], "\"members\":[{\"user\":\"wang\",\"name\":\"医生wang\","
                                                "\"team\":\"obstetrics\",\"role\":\"host\"}]") != NULL);
  presenter = json_string (host->texts->pdata[0], "presenter");
  g_assert_null (presenter);

  guest = join (fixture, guest_token, -1);
  g_assert_true (strstr (guest->texts->pdata[0], "\"seq\":1,\"members\":[{\"user\":\"wang\"") != NULL);
  wait_texts (host, 3);   /* the guest's join */

  /* one after the other: two sockets have no order between them */
  client_send (host, "{\"type\":\"state\",\"page\":\"imaging\",\"state\":{\"frame\":12, \"wl\":[40,400]}}");
  wait_texts (host, 4);
  client_send (guest, "{\"type\":\"chat\",\"text\":\"胎心监护图看到了\",\"id\":\"g-1\"}");
  wait_texts (host, 5);
  client_send (host, "{\"type\":\"chat\",\"text\":\"请营养科先说\"}");
  wait_texts (host, 6);
  client_send (guest, "{\"type\":\"opinion\",\"case\":\"c1-episode\",\"text\":\"建议控制碳水\"}");
  wait_texts (host, 7);
  wait_texts (guest, 6);

  /* both see the same bytes, seq 3, 4, 5, 6 in one order */
  for (guint i = 0; i < 4; i++)
    g_assert_cmpstr (host->texts->pdata[3 + i], ==, guest->texts->pdata[2 + i]);
  assert_seq_run (host, 1, 1);
  assert_type (host->texts->pdata[3], "state");
  g_assert_true (g_str_has_prefix (host->texts->pdata[3],
                                   "{\"type\":\"state\",\"seq\":3,\"from\":\"wang\",\"name\":\"医生wang\","
                                   "\"team\":\"obstetrics\",\"role\":\"host\",\"time\":\""));
  g_assert_true (g_str_has_suffix (host->texts->pdata[3],
                                   "\",\"page\":\"imaging\",\"state\":{\"frame\":12,\"wl\":[40,400]}}"));
  if (!g_str_has_suffix (host->texts->pdata[4], "\",\"id\":\"g-1\",\"text\":\"胎心监护图看到了\"}"))
    g_error ("%s", (char *) host->texts->pdata[4]);
  g_assert_true (strstr (host->texts->pdata[4], "\"from\":\"li\"") != NULL);
  assert_type (host->texts->pdata[6], "opinion");
  g_assert_true (strstr (host->texts->pdata[6], "\"team\":\"nutrition\"") != NULL);
  /* the case it is of, relayed as given (a meeting's room goes through several) */
  g_assert_true (g_str_has_suffix (host->texts->pdata[6], "\",\"case\":\"c1-episode\",\"text\":\"建议控制碳水\"}"));

  /* the same id again is not relayed */
  client_send (guest, "{\"type\":\"chat\",\"text\":\"胎心监护图看到了\",\"id\":\"g-1\"}");
  client_send (guest, "{\"type\":\"ping\",\"id\":7}");
  wait_texts (guest, 8);
  g_assert_true (g_str_has_prefix (guest->texts->pdata[6],
                                   "{\"type\":\"error\",\"code\":\"duplicate\""));
  g_assert_cmpint (json_int (guest->texts->pdata[6], "seq"), ==, 4);
  g_assert_true (g_str_has_prefix (guest->texts->pdata[7], "{\"type\":\"pong\",\"id\":7,\"time\":\""));

  /* the guest leaves: the host sees it with the close code */
  client_close_and_wait (guest);
  wait_texts (host, 8);
  g_assert_true (strstr (host->texts->pdata[7], "\"seq\":7,\"from\":\"li\"") != NULL);
  g_assert_true (g_str_has_suffix (host->texts->pdata[7], "\"event\":\"leave\",\"code\":1000}"));
}

static void
test_fifty_clients (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *host_token = make_token (fixture, "big", "host", HZ_CONSULT_ROLE_HOST, "obstetrics", 600);
  g_autoptr(GPtrArray) clients = g_ptr_array_new_with_free_func ((GDestroyNotify) client_free);
  Client *host = join (fixture, host_token, -1);
  guint n_messages = 200;

  g_ptr_array_add (clients, host);
  for (guint i = 0; i < 49; i++)
    {
      g_autofree char *user = g_strdup_printf ("u%02u", i);
      g_autofree char *token = make_token (fixture, "big", user,
                                           i % 2 ? HZ_CONSULT_ROLE_PARTICIPANT : HZ_CONSULT_ROLE_OBSERVER,
                                           "psychology", 600);

      g_ptr_array_add (clients, join (fixture, token, -1));
    }
  /* every join seen: seq 50 */
  wait_texts (host, 51);
  for (guint i = 0; i < n_messages; i++)
    {
      g_autofree char *text = i % 3 == 0
        ? g_strdup_printf ("{\"type\":\"chat\",\"text\":\"消息 %u\"}", i)
        : g_strdup_printf ("{\"type\":\"state\",\"page\":\"timeline\",\"state\":{\"n\":%u}}", i);

      client_send (host, text);
    }
  for (guint c = 0; c < clients->len; c++)
    {
      Client *client = g_ptr_array_index (clients, c);
      /* the welcome, the joins from its own on, the messages */
      guint first = c == 0 ? 1 : 1;
      gint64 first_seq = json_int (client->texts->pdata[0], "seq") + 1;
      guint expected = 1 + (50 - (guint) (first_seq - 1)) + n_messages;

      wait_texts (client, expected);
      g_assert_cmpuint (client->texts->len, ==, expected);
      assert_seq_run (client, first, first_seq);
      g_assert_true (strstr (client->texts->pdata[expected - 1], "\"state\":{\"n\":199}") != NULL);
      g_assert_cmpstr (client->texts->pdata[expected - 1], ==, host->texts->pdata[host->texts->len - 1]);
    }
}

static void
test_forbidden (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *host_token = make_token (fixture, "r", "host", HZ_CONSULT_ROLE_HOST, "obstetrics", 600);
  g_autofree char *guest_token = make_token (fixture, "r", "guest", HZ_CONSULT_ROLE_PARTICIPANT, "psychology", 600);
  g_autofree char *watcher_token = make_token (fixture, "r", "watcher", HZ_CONSULT_ROLE_OBSERVER, NULL, 600);
  g_autoptr(Client) host = join (fixture, host_token, -1);
  g_autoptr(Client) guest = join (fixture, guest_token, -1);
  g_autoptr(Client) watcher = join (fixture, watcher_token, -1);

  client_send (guest, "{\"type\":\"state\",\"page\":\"imaging\",\"state\":{}}");
  client_send (guest, "{\"type\":\"presenter\",\"user\":\"guest\"}");
  client_send (guest, "{\"type\":\"opinion\",\"team\":\"obstetrics\",\"text\":\"x\"}");
  client_send (watcher, "{\"type\":\"chat\",\"text\":\"hi\"}");
  client_send (guest, "{\"type\":\"opinion\",\"case\":\"not an id\",\"text\":\"x\"}");
  wait_texts (guest, 7);
  wait_texts (watcher, 3);
  g_assert_true (g_str_has_prefix (guest->texts->pdata[3], "{\"type\":\"error\",\"code\":\"forbidden\""));
  g_assert_true (g_str_has_suffix (guest->texts->pdata[3], "\"in\":\"state\"}"));
  g_assert_true (g_str_has_prefix (guest->texts->pdata[4], "{\"type\":\"error\",\"code\":\"forbidden\""));
  g_assert_true (g_str_has_prefix (guest->texts->pdata[5], "{\"type\":\"error\",\"code\":\"forbidden\""));
  g_assert_true (g_str_has_prefix (guest->texts->pdata[6], "{\"type\":\"error\",\"code\":\"bad-message\""));
  g_assert_true (g_str_has_prefix (watcher->texts->pdata[2], "{\"type\":\"error\",\"code\":\"forbidden\""));

  /* handed the presenter role, the participant may send state */
  client_send (host, "{\"type\":\"presenter\",\"user\":\"nobody\"}");
  client_send (host, "{\"type\":\"presenter\",\"user\":\"guest\"}");
  wait_texts (host, 6);
  g_assert_true (g_str_has_prefix (host->texts->pdata[4], "{\"type\":\"error\",\"code\":\"unknown-member\""));
  g_assert_true (g_str_has_suffix (host->texts->pdata[5], "\"user\":\"guest\"}"));
  client_send (guest, "{\"type\":\"state\",\"page\":\"imaging\",\"state\":{\"frame\":3}}");
  wait_texts (watcher, 5);
  g_assert_true (strstr (watcher->texts->pdata[4], "\"type\":\"state\",\"seq\":5,\"from\":\"guest\"") != NULL);
  /* nothing else reached the room: the host saw no errors of others */
  wait_texts (host, 7);
  g_assert_cmpuint (host->texts->len, ==, 7);
}

static void
assert_refused (Fixture    *fixture,
                const char *first_message)
{
  g_autoptr(Client) client = client_connect (fixture);

  if (first_message != NULL)
    client_send (client, first_message);
  g_assert_true (hz_test_wait_until (is_closed, client));
  g_assert_cmpuint (client->close_code, ==, 4401);
  g_assert_cmpuint (client->texts->len, ==, 0);
}

static void
test_bad_token (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *good = make_token (fixture, "secret-room", "host", HZ_CONSULT_ROLE_HOST, NULL, 600);
  g_autofree char *expired = make_token (fixture, "secret-room", "late", HZ_CONSULT_ROLE_HOST, NULL, -5);
  g_autofree char *forged = g_strdup (good);
  g_autofree char *other = NULL;
  g_autoptr(Client) host = join (fixture, good, -1);
  g_autoptr(GBytes) other_secret = g_bytes_new_static ("another-secret-of-16+", 21);
  HzConsultToken claims = { .room = (char *) "secret-room", .user = (char *) "x",
                            .role = HZ_CONSULT_ROLE_HOST, .expires = G_MAXINT32 };
  g_autofree char *m1 = NULL, *m2 = NULL, *m3 = NULL;

  other = hz_consult_token_make (other_secret, &claims, NULL);
  client_send (host, "{\"type\":\"chat\",\"text\":\"机密\"}");
  wait_texts (host, 3);

  forged[strlen (forged) - 2] = forged[strlen (forged) - 2] == 'A' ? 'B' : 'A';
  m1 = g_strdup_printf ("{\"type\":\"hello\",\"token\":\"%s\",\"since\":0}", expired);
  m2 = g_strdup_printf ("{\"type\":\"hello\",\"token\":\"%s\",\"since\":0}", forged);
  m3 = g_strdup_printf ("{\"type\":\"hello\",\"token\":\"%s\",\"since\":0}", other);
  assert_refused (fixture, m1);
  assert_refused (fixture, m2);
  assert_refused (fixture, m3);
  assert_refused (fixture, "{\"type\":\"hello\",\"since\":0}");
  assert_refused (fixture, "{\"type\":\"chat\",\"text\":\"hi\"}");
  assert_refused (fixture, "garbage");
  /* the host saw no one join */
  g_assert_cmpuint (host->texts->len, ==, 3);
}

static void
test_oversize (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *token = make_token (fixture, "r", "host", HZ_CONSULT_ROLE_HOST, NULL, 600);
  g_autoptr(Client) host = join (fixture, token, -1);
  g_autoptr(GString) big = g_string_new ("{\"type\":\"chat\",\"text\":\"");
  g_autoptr(Client) again = NULL;

  /* 65536 bytes exactly is accepted */
  while (big->len < 65536 - 2)
    g_string_append_c (big, 'x');
  g_string_append (big, "\"}");
  g_assert_cmpuint (big->len, ==, 65536);
  client_send (host, big->str);
  wait_texts (host, 3);
  assert_type (host->texts->pdata[2], "chat");

  g_string_insert_c (big, 30, 'y');
  client_send (host, big->str);
  g_assert_true (hz_test_wait_until (is_closed, host));
  g_assert_cmpuint (host->close_code, ==, 1009);
  g_assert_cmpuint (host->texts->len, ==, 3);

  again = join (fixture, token, 2);
  g_assert_cmpuint (again->texts->len, ==, 3);   /* welcome, the leave (seq 3), the join */
  g_assert_true (g_str_has_suffix (again->texts->pdata[1], "\"event\":\"leave\",\"code\":1009}"));
}

static void
test_garbage (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *token = make_token (fixture, "r", "host", HZ_CONSULT_ROLE_HOST, NULL, 600);
  g_autoptr(Client) host = join (fixture, token, -1);
  const char *bad[] = {
    "not json",
    "[1,2]",
    "{\"a\":1}",
    "{\"type\":\"nope\"}",
    "{\"type\":\"chat\",\"text\":\"a\",\"text\":\"b\"}",
    "{\"type\":\"chat\"}",
    "{\"type\":\"state\",\"page\":\"p\",\"state\":[1]}",
    "{\"type\":\"chat\",\"text\":\"a\",\"id\":5}",
    "{\"type\":\"hello\",\"token\":\"x\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    client_send (host, bad[i]);
  soup_websocket_connection_send_binary (host->conn, "\x01\x02", 2);
  client_send (host, "{\"type\":\"chat\",\"text\":\"还在\"}");
  wait_texts (host, 2 + G_N_ELEMENTS (bad) + 2);
  for (guint i = 0; i <= G_N_ELEMENTS (bad); i++)
    if (!g_str_has_prefix (host->texts->pdata[2 + i], "{\"type\":\"error\",\"code\":\"bad-message\""))
      g_error ("message %u: %s", i, (char *) host->texts->pdata[2 + i]);
  /* the parser names the member given twice */
  if (strstr (host->texts->pdata[2 + 4], "text") == NULL)
    g_error ("%s", (char *) host->texts->pdata[2 + 4]);
  assert_type (host->texts->pdata[2 + G_N_ELEMENTS (bad) + 1], "chat");
  g_assert_cmpint (json_int (host->texts->pdata[2 + G_N_ELEMENTS (bad) + 1], "seq"), ==, 2);
  g_assert_false (host->closed);
}

static void
test_resume (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *host_token = make_token (fixture, "r", "host", HZ_CONSULT_ROLE_HOST, "obstetrics", 600);
  g_autofree char *guest_token = make_token (fixture, "r", "guest", HZ_CONSULT_ROLE_PARTICIPANT, "psychology", 600);
  g_autoptr(Client) host = join (fixture, host_token, -1);
  g_autoptr(Client) guest = join (fixture, guest_token, -1);
  g_autoptr(Client) back = NULL;
  g_autoptr(Client) after = NULL;
  g_autoptr(Client) replay = NULL;
  g_autoptr(GPtrArray) log = g_ptr_array_new_with_free_func (g_free);
  gint64 last_seen;

  client_send (host, "{\"type\":\"chat\",\"text\":\"一\"}");
  wait_texts (guest, 3);
  last_seen = json_int (guest->texts->pdata[2], "seq");
  g_assert_cmpint (last_seen, ==, 3);

  /* the guest's socket drops; the room goes on */
  client_close_and_wait (guest);
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *text = g_strdup_printf ("{\"type\":\"state\",\"page\":\"p\",\"state\":{\"i\":%u}}", i);

      client_send (host, text);
    }
  wait_texts (host, 3 + 1 + 1 + 5);   /* welcome, 2 joins, chat, leave, 5 states */

  back = join (fixture, guest_token, last_seen);
  /* the welcome, the leave and the 5 states (seq 4–9), its own join (10) */
  g_assert_cmpuint (back->texts->len, ==, 1 + 6 + 1);
  for (guint i = 0; i < 6; i++)
    g_assert_cmpstr (back->texts->pdata[1 + i], ==, host->texts->pdata[4 + i]);
  assert_seq_run (back, 1, 4);

  /* the server is killed and started again on the same database */
  wait_texts (host, 11);
  for (guint i = 1; i < host->texts->len; i++)
    g_ptr_array_add (log, g_strdup (host->texts->pdata[i]));
  stop_server (fixture, SIGKILL);
  g_assert_true (hz_test_wait_until (is_closed, host));
  start_server (fixture);

  replay = join (fixture, host_token, 0);
  /* every message once, the same bytes, then its own join as seq 11 */
  g_assert_cmpuint (replay->texts->len, ==, 1 + log->len + 1);
  g_assert_cmpint (json_int (replay->texts->pdata[0], "seq"), ==, 10);
  for (guint i = 0; i < log->len; i++)
    g_assert_cmpstr (replay->texts->pdata[1 + i], ==, log->pdata[i]);
  g_assert_cmpint (json_int (replay->texts->pdata[1 + log->len], "seq"), ==, 11);

  client_send (replay, "{\"type\":\"chat\",\"text\":\"重启后\"}");
  wait_texts (replay, 1 + log->len + 2);
  g_assert_cmpint (json_int (replay->texts->pdata[1 + log->len + 1], "seq"), ==, 12);

  /* a second resume from the middle, after the restart */
  after = join (fixture, guest_token, 9);
  g_assert_cmpuint (after->texts->len, ==, 1 + 3 + 1);
  assert_seq_run (after, 1, 10);
  g_assert_cmpstr (after->texts->pdata[1], ==, log->pdata[9]);
}

static void
test_tls (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *token = make_token (fixture, "secure", "host", HZ_CONSULT_ROLE_HOST, NULL, 600);
  g_autoptr(Client) host = NULL;
  g_autoptr(Client) guest = NULL;
  g_autofree char *url = NULL;
  g_autofree char *auth = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_str_has_prefix (fixture->url, "wss://"));
  host = join (fixture, token, -1);
  guest = join (fixture, token, -1);   /* the same user again: replaces the first */
  g_assert_true (hz_test_wait_until (is_closed, host));
  g_assert_cmpuint (host->close_code, ==, 4409);
  client_send (guest, "{\"type\":\"chat\",\"text\":\"加密\"}");
  wait_texts (guest, 3);
  assert_type (guest->texts->pdata[2], "chat");

  url = g_strconcat (fixture->http_url, "/v1/rooms/secure/files/a.json", NULL);
  auth = g_strconcat ("Bearer ", token, NULL);
  msg = soup_message_new ("PUT", url);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  soup_message_set_request_body_from_bytes (msg, "application/fhir+json",
                                            g_bytes_new_static ("{\"resourceType\":\"Bundle\"}", 25));
  body = soup_session_send_and_read (fixture->session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 201);
}

static guint
http (Fixture     *fixture,
      const char  *method,
      const char  *path,
      const char  *token,
      const char  *content,
      char       **response)
{
  g_autofree char *url = g_strconcat (fixture->http_url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  if (token != NULL)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
    }
  if (content != NULL)
    soup_message_set_request_body_from_bytes (msg, "application/fhir+json",
                                              g_bytes_new (content, strlen (content)));
  body = soup_session_send_and_read (fixture->session, msg, NULL, &error);
  g_assert_no_error (error);
  if (response != NULL)
    *response = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  return soup_message_get_status (msg);
}

static void
test_files (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *host_token = make_token (fixture, "r", "host", HZ_CONSULT_ROLE_HOST, "obstetrics", 600);
  g_autofree char *guest_token = make_token (fixture, "r", "guest", HZ_CONSULT_ROLE_PARTICIPANT, NULL, 600);
  g_autofree char *other_token = make_token (fixture, "other", "host", HZ_CONSULT_ROLE_HOST, NULL, 600);
  g_autoptr(Client) guest = join (fixture, guest_token, -1);
  const char *bundle = "{\"resourceType\":\"Bundle\",\"type\":\"collection\"}";
  char *response = NULL;

  g_assert_cmpuint (http (fixture, "PUT", "/v1/rooms/r/files/case.json", guest_token, bundle, NULL), ==, 403);
  g_assert_cmpuint (http (fixture, "PUT", "/v1/rooms/r/files/case.json", other_token, bundle, NULL), ==, 401);
  g_assert_cmpuint (http (fixture, "PUT", "/v1/rooms/r/files/case.json", NULL, bundle, NULL), ==, 401);
  g_assert_cmpuint (http (fixture, "PUT", "/v1/rooms/r/files/.hidden", host_token, bundle, NULL), ==, 400);
  g_assert_cmpuint (http (fixture, "PUT", "/v1/rooms/r/files/case.json", host_token, bundle, &response), ==, 201);
  {
    g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, bundle, -1);
    g_autofree char *expected = g_strdup_printf ("{\"file\":\"case.json\",\"size\":45,\"sha256\":\"%s\","
                                                 "\"content_type\":\"application/fhir+json\"}", sha);

    g_assert_cmpstr (response, ==, expected);
  }
  g_clear_pointer (&response, g_free);
  g_assert_cmpuint (http (fixture, "PUT", "/v1/rooms/r/files/case.json", host_token, bundle, NULL), ==, 200);
  g_assert_cmpuint (http (fixture, "PUT", "/v1/rooms/r/files/case.json", host_token, "{}", NULL), ==, 409);
  g_assert_cmpuint (http (fixture, "GET", "/v1/rooms/r/files/case.json", guest_token, NULL, &response), ==, 200);
  g_assert_cmpstr (response, ==, bundle);
  g_clear_pointer (&response, g_free);
  g_assert_cmpuint (http (fixture, "GET", "/v1/rooms/r/files/none.json", guest_token, NULL, NULL), ==, 404);
  g_assert_cmpuint (http (fixture, "GET", "/v1/rooms/r/files", guest_token, NULL, &response), ==, 200);
  g_assert_true (g_str_has_prefix (response, "[{\"file\":\"case.json\",\"size\":45,"));
  g_clear_pointer (&response, g_free);

  /* the room heard of it */
  wait_texts (guest, 3);
  assert_type (guest->texts->pdata[2], "file");
  g_assert_true (strstr (guest->texts->pdata[2], "\"from\":\"host\"") != NULL);
  g_assert_true (strstr (guest->texts->pdata[2], "\"file\":\"case.json\",\"size\":45,") != NULL);
}


/* A client that stops reading: a raw socket with a small receive buffer
 * that sends the handshake and its hello and then never reads */
static GSocket *
stalled_client (Fixture    *fixture,
                const char *token)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  guint port = (guint) g_ascii_strtoull (strrchr (fixture->url, ':') + 1, NULL, 10);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, port);
  g_autofree char *request = g_strdup_printf ("GET /v1/session HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n"
                                              "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                                              "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                                              "Sec-WebSocket-Version: 13\r\n\r\n", port);
  g_autofree char *hello = g_strdup_printf ("{\"type\":\"hello\",\"token\":\"%s\"}", token);
  g_autoptr(GByteArray) frame = g_byte_array_new ();
  gsize length = strlen (hello);
  guint8 header[8] = { 0x81, 0x80 | 126, (guint8) (length >> 8), (guint8) length, 0, 0, 0, 0 };

  g_assert_no_error (error);
  g_assert_cmpuint (length, <, 65536);
  g_assert_true (g_socket_set_option (socket, SOL_SOCKET, SO_RCVBUF, 4096, &error));
  g_assert_true (g_socket_connect (socket, address, NULL, &error));
  g_assert_no_error (error);
  /* a masked text frame; the mask is zero, so the payload is as it is */
  g_byte_array_append (frame, header, sizeof header);
  g_byte_array_append (frame, (const guint8 *) hello, length);
  g_assert_cmpint (g_socket_send (socket, request, strlen (request), NULL, &error), ==, (gssize) strlen (request));
  g_assert_cmpint (g_socket_send (socket, (const char *) frame->data, frame->len, NULL, &error), ==, (gssize) frame->len);
  return g_steal_pointer (&socket);
}

/* Waits for the presence of @user with @event seen by @client, from frame
 * @from on; its index */
static guint
wait_presence (Client     *client,
               const char *user,
               const char *event)
{
  for (guint i = 0;; i++)
    {
      wait_texts (client, i + 1);
      g_assert_false (client->closed);
      {
        g_autofree char *type = json_string (client->texts->pdata[i], "type");
        g_autofree char *from = json_string (client->texts->pdata[i], "from");
        g_autofree char *what = json_string (client->texts->pdata[i], "event");

        if (g_strcmp0 (type, "presence") == 0 && g_strcmp0 (from, user) == 0 && g_strcmp0 (what, event) == 0)
          return i;
      }
    }
}

/* A slow client never holds up the others: past its bounded queue it is
 * dropped with 4408 while the others get every message in order, and it
 * resumes with since, getting each message once */
static void
test_slow_client (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *host_token = make_token (fixture, "r", "host", HZ_CONSULT_ROLE_HOST, "obstetrics", 600);
  g_autofree char *guest_token = make_token (fixture, "r", "guest", HZ_CONSULT_ROLE_PARTICIPANT, NULL, 600);
  g_autofree char *slow_token = make_token (fixture, "r", "slow", HZ_CONSULT_ROLE_OBSERVER, NULL, 600);
  g_autoptr(Client) host = join (fixture, host_token, -1);
  g_autoptr(Client) guest = join (fixture, guest_token, -1);
  g_autoptr(Client) back = NULL;
  g_autoptr(GSocket) slow = NULL;
  g_autoptr(GString) pad = g_string_new (NULL);
  const guint n = 600;   /* 600 × 32 KiB: past 8 MiB queued and the sockets' buffers */
  guint joined, left, first_state, seen;
  gint64 join_seq;

  slow = stalled_client (fixture, slow_token);
  joined = wait_presence (guest, "slow", "join");
  join_seq = json_int (guest->texts->pdata[joined], "seq");

  for (guint i = 0; i < 32 * 1024; i++)
    g_string_append_c (pad, 'a' + i % 26);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = g_strdup_printf ("{\"type\":\"state\",\"page\":\"imaging\",\"state\":{\"i\":%u,\"pad\":\"%s\"}}",
                                               i, pad->str);

      client_send (host, text);
      /* in steps the others read as they go: under load the test's own
       * clients (on this process's main loop) must not fall 8 MiB behind
       * and be dropped as slow themselves; the stalled one never reads */
      if ((i + 1) % 50 == 0)
        {
          wait_texts (guest, joined + 1 + i + 1);
          wait_texts (host, 3 + 1 + i + 1);
        }
    }

  /* dropped, and the room told why */
  left = wait_presence (guest, "slow", "leave");
  g_assert_cmpint (json_int (guest->texts->pdata[left], "code"), ==, 4408);

  /* the others got everything, in order, no gaps */
  wait_texts (guest, joined + 1 + n + 1);
  wait_texts (host, 3 + 1 + n + 1);
  g_assert_cmpuint (guest->texts->len, ==, joined + 1 + n + 1);
  assert_seq_run (guest, joined, join_seq);
  first_state = joined + 1;
  for (guint i = 0, k = first_state; i < n; k++)
    {
      g_autofree char *type = json_string (guest->texts->pdata[k], "type");

      if (g_str_equal (type, "presence"))
        continue;
      g_assert_cmpstr (type, ==, "state");
      {
        g_autofree char *expected = g_strdup_printf ("\"state\":{\"i\":%u,", i);

        g_assert_nonnull (strstr (guest->texts->pdata[k], expected));
      }
      i++;
    }
  g_assert_false (guest->closed);
  g_assert_false (host->closed);

  /* the slow one comes back with since: every message after its join once,
   * the same bytes the others got, then its own join */
  g_socket_close (slow, NULL);
  seen = guest->texts->len;
  back = join (fixture, slow_token, join_seq);
  g_assert_cmpuint (back->texts->len, ==, 1 + (seen - joined - 1) + 1);
  for (guint i = joined + 1; i < seen; i++)
    g_assert_true (g_str_equal (back->texts->pdata[1 + i - joined - 1], guest->texts->pdata[i]));
  assert_seq_run (back, 1, join_seq + 1);
}

static void
test_sigterm (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *token = make_token (fixture, "r", "host", HZ_CONSULT_ROLE_HOST, NULL, 600);
  g_autoptr(Client) host = join (fixture, token, -1);

  client_send (host, "{\"type\":\"chat\",\"text\":\"再见\"}");
  wait_texts (host, 3);
  g_subprocess_send_signal (fixture->proc, SIGTERM);
  g_assert_true (hz_test_wait_until (is_closed, host));
  g_assert_cmpuint (host->close_code, ==, 1001);
  stop_server (fixture, SIGTERM);   /* waits: exit status 0 */
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, data) \
  g_test_add ("/consultd/" path, Fixture, data, fixture_set_up, func, fixture_tear_down)
  ADD ("chat-and-state", test_chat_and_state, NULL);
  ADD ("fifty-clients", test_fifty_clients, NULL);
  ADD ("forbidden", test_forbidden, NULL);
  ADD ("bad-token", test_bad_token, NULL);
  ADD ("oversize", test_oversize, NULL);
  ADD ("garbage", test_garbage, NULL);
  ADD ("resume", test_resume, NULL);
  ADD ("tls", test_tls, "tls");
  ADD ("files", test_files, NULL);
  ADD ("sigterm", test_sigterm, NULL);
  ADD ("slow-client", test_slow_client, NULL);
#undef ADD

  return g_test_run ();
}
