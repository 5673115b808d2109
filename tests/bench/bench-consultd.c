/* bench-consultd.c — 50 clients in one room, the presenter sends 5,000
 * state messages of ~1 KiB; every client times each from send to receipt.
 * The same run against a plain Node.js `ws` relay (tests/bench/ws-relay/)
 * on the same machine is the baseline.
 *
 *   bench-consultd [--messages N] [--clients N] [--window N]
 *
 * The presenter keeps at most --window messages in flight (sent but not
 * yet received by every client): throughput is what the relay sustains,
 * latency what a message waits at that load. Prints, one a line:
 *   messages/s: N        deliveries per second (messages × clients / time)
 *   p50 ms: N, p99 ms: N send to receipt, over every delivery
 * then the same three with "node ws " in front.
 *
 * The clients are the same for both servers: a plain socket each, the
 * handshake written by hand, every read as large as what is there, and
 * the frames parsed in place (libsoup's client, a GObject signal and a
 * debug line a frame, cost more CPU than either server; on 2 cores that
 * was most of the latency measured).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE   /* memmem */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/prctl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>

#include <huizhen.h>

#include "hz-consultd-ws.h"

#define PAD_BYTES 960

typedef struct _Bench Bench;

typedef struct
{
  Bench             *bench;
  GSocketConnection *conn;
  GSocket           *socket;
  GSource           *source;
  GByteArray        *in;         /* read, not yet parsed */
  guint              received;   /* bench messages */
  gboolean           ready;      /* welcome (consultd) seen */
} Client;

struct _Bench
{
  GPtrArray   *clients;
  guint        n_clients;
  guint        n_messages;
  guint        window;
  guint        next;        /* next message to send */
  guint        in_flight;
  guint        completed;
  guint       *receipts;    /* per message: clients that have it */
  double      *latencies;   /* ms, per delivery */
  gsize        n_latencies;
  char        *pad;
  gboolean     warm;
  gint64       start;
  gint64       end;
};

static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static GSubprocess *
spawn_ready (const char * const *argv,
             const char         *cwd,
             char              **url)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  GSubprocess *proc;

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  if (cwd != NULL)
    g_subprocess_launcher_set_cwd (launcher, cwd);
  proc = g_subprocess_launcher_spawnv (launcher, argv, &error);
  if (proc == NULL)
    g_error ("%s cannot be started: %s", argv[0], error->message);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (proc));
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  if (line == NULL || !g_str_has_prefix (line, "listening on "))
    g_error ("%s did not say it listens", argv[0]);
  *url = g_strdup (line + strlen ("listening on "));
  return proc;
}

static void pump (Bench *bench);

/* @key in the first 512 bytes of @text */
static const char *
find (const char *text,
      gsize       size,
      const char *key)
{
  return memmem (text, MIN (size, 512), key, strlen (key));
}

/* i and t of a bench message: its state comes last, {"i":I,"t":T,"pad":…}
 * (one search a message: the clients' CPU is the servers' too) */
static void
on_message (Client     *client,
            const char *text,
            gsize       size)
{
  static const char key[] = "\"state\":{\"";
  Bench *bench = client->bench;
  const char *state, *end = text + size;
  char *next = NULL;
  gint64 i, t;

  if (!client->ready && find (text, MIN (size, 32), "\"welcome\"") != NULL)
    client->ready = TRUE;
  state = find (text, size, key);
  if (state == NULL)
    return;   /* a presence or another message */
  state += strlen (key);
  if (end - state > 5 && memcmp (state, "warm\"", 5) == 0)
    {
      client->received++;
      return;
    }
  if (end - state < 32 || memcmp (state, "i\":", 3) != 0)
    g_error ("a bench message without i and t: %.*s", (int) MIN (size, 200), text);
  i = g_ascii_strtoll (state + 3, &next, 10);
  if (memcmp (next, ",\"t\":", 5) != 0 || i < 0 || (guint64) i >= bench->n_messages)
    g_error ("a bench message without i and t: %.*s", (int) MIN (size, 200), text);
  t = g_ascii_strtoll (next + 5, NULL, 10);

  bench->latencies[bench->n_latencies++] = (g_get_monotonic_time () - t) / 1000.0;
  if (++bench->receipts[i] == bench->n_clients)
    {
      bench->completed++;
      bench->in_flight--;
      if (bench->completed == bench->n_messages)
        bench->end = g_get_monotonic_time ();
      pump (bench);
    }
}

/* ------------------------------------------------------------------------- */
/* A WebSocket client on a plain socket (RFC 6455: the server's frames are
 * unmasked, the client's masked) */

#define READ_CHUNK (64 * 1024)

/* Every whole frame in the buffer to on_message() */
static void
parse_frames (Client *client)
{
  GByteArray *in = client->in;
  gsize pos = 0;

  for (;;)
    {
      const guint8 *p = in->data + pos;
      HzConsultdWsHeader h;

      if (!hz_consultd_ws_read_header (p, in->len - pos, &h) || in->len - pos < h.size + h.length)
        break;
      if (h.masked || !h.fin)
        g_error ("a masked or fragmented frame from the server");
      if (h.opcode == HZ_CONSULTD_WS_OPCODE_TEXT)
        on_message (client, (const char *) p + h.size, h.length);
      else if (h.opcode == 0x8)
        g_error ("the server closed a bench connection");
      pos += h.size + h.length;
    }
  g_byte_array_remove_range (in, 0, pos);
}

static gboolean
on_readable (GSocket      *socket,
             GIOCondition  condition,
             gpointer      user_data)
{
  Client *client = user_data;
  g_autoptr(GError) error = NULL;
  guint len = client->in->len;
  gssize n;

  /* one read of what is there: the next wakeup reads the rest */
  g_byte_array_set_size (client->in, len + READ_CHUNK);
  n = g_socket_receive_with_blocking (socket, (char *) client->in->data + len, READ_CHUNK, FALSE,
                                      NULL, &error);
  g_byte_array_set_size (client->in, len + MAX (n, 0));
  if (n < 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
    return G_SOURCE_CONTINUE;
  if (n <= 0)
    g_error ("a bench connection ended: %s", error ? error->message : "end of stream");
  parse_frames (client);
  return G_SOURCE_CONTINUE;
}

static void
send_all (Client       *client,
          const guint8 *data,
          gsize         size)
{
  g_autoptr(GError) error = NULL;

  if (!hz_consultd_ws_send_all (client->socket, data, size, &error))
    g_error ("send: %s", error->message);
}

/* One masked text frame */
static void
client_send_text (Client     *client,
                  const char *text)
{
  gsize size = strlen (text);
  g_autofree guint8 *frame = g_malloc (size + HZ_CONSULTD_WS_HEADER_MAX);
  guint32 key = g_random_int ();
  gsize header = hz_consultd_ws_write_header (frame, TRUE, HZ_CONSULTD_WS_OPCODE_TEXT, size,
                                              (const guint8 *) &key);

  memcpy (frame + header, text, size);
  hz_consultd_ws_mask (frame + header, size, (const guint8 *) &key);
  send_all (client, frame, header + size);
}

/* Connects and upgrades @client to @url (ws://HOST:PORT/PATH) */
static void
client_connect (Client     *client,
                const char *url)
{
  g_autoptr(GSocketClient) connector = g_socket_client_new ();
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) error = NULL;

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, &error);
  if (uri == NULL)
    g_error ("%s: %s", url, error->message);
  client->conn = g_socket_client_connect_to_host (connector, g_uri_get_host (uri), g_uri_get_port (uri),
                                                  NULL, &error);
  if (client->conn == NULL)
    g_error ("cannot connect to %s: %s", url, error->message);
  client->socket = g_socket_connection_get_socket (client->conn);
  /* as both servers do: a frame goes out as it is written */
  g_socket_set_option (client->socket, IPPROTO_TCP, TCP_NODELAY, 1, NULL);
  client->in = g_byte_array_new ();
  if (!hz_consultd_ws_client_upgrade (client->socket, g_uri_get_host (uri), g_uri_get_port (uri),
                                      g_uri_get_path (uri), NULL, 0, client->in, &error))
    g_error ("%s: %s", url, error->message);
  client->source = g_socket_create_source (client->socket, G_IO_IN, NULL);
  g_source_set_callback (client->source, G_SOURCE_FUNC (on_readable), client, NULL);
  g_source_attach (client->source, NULL);
  parse_frames (client);
}

static void
client_free (Client *client)
{
  static const guint8 close_normal[] = { 0x88, 0x82, 0, 0, 0, 0, 0x03, 0xe8 };   /* 1000, zero mask */

  g_source_destroy (client->source);
  g_source_unref (client->source);
  send_all (client, close_normal, sizeof close_normal);
  g_io_stream_close (G_IO_STREAM (client->conn), NULL, NULL);
  g_object_unref (client->conn);
  g_byte_array_unref (client->in);
  g_free (client);
}

/* ------------------------------------------------------------------------- */

static void
send_state (Bench    *bench,
            gboolean  warm,
            guint     i)
{
  Client *presenter = g_ptr_array_index (bench->clients, 0);
  g_autofree char *text = NULL;

  if (warm)
    text = g_strdup_printf ("{\"type\":\"state\",\"page\":\"bench\",\"room\":\"bench\","
                            "\"state\":{\"warm\":true}}");
  else
    text = g_strdup_printf ("{\"type\":\"state\",\"page\":\"bench\",\"room\":\"bench\",\"state\":{\"i\":%u,"
                            "\"t\":%" G_GINT64_FORMAT ",\"pad\":\"%s\"}}", i, g_get_monotonic_time (),
                            bench->pad);
  client_send_text (presenter, text);
}

static void
pump (Bench *bench)
{
  while (bench->in_flight < bench->window && bench->next < bench->n_messages)
    {
      send_state (bench, FALSE, bench->next++);
      bench->in_flight++;
    }
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
iterate_until (gboolean (*done) (Bench *), Bench *bench)
{
  gint64 deadline = g_get_monotonic_time () + 300 * G_USEC_PER_SEC;

  while (!done (bench))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("the bench did not finish in 300 s (%u of %u messages)", bench->completed, bench->n_messages);
      g_main_context_iteration (NULL, TRUE);
    }
}

static gboolean
all_ready (Bench *bench)
{
  for (guint c = 0; c < bench->clients->len; c++)
    if (!((Client *) g_ptr_array_index (bench->clients, c))->ready)
      return FALSE;
  return TRUE;
}

static gboolean
all_warm (Bench *bench)
{
  for (guint c = 0; c < bench->clients->len; c++)
    if (((Client *) g_ptr_array_index (bench->clients, c))->received == 0)
      return FALSE;
  return TRUE;
}

static gboolean
all_done (Bench *bench)
{
  return bench->completed == bench->n_messages;
}

static gboolean
on_tick (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* @hello (i) is client i's first message; @welcome: wait for a welcome */
static void
run (const char  *label,
     const char  *url,
     char      *(*hello) (guint i, gpointer data),
     gpointer     hello_data,
     gboolean     welcome,
     guint        n_clients,
     guint        n_messages,
     guint        window)
{
  g_autofree char *session_url = g_strconcat (url, "/v1/session", NULL);
  Bench bench = { 0, };
  double seconds;
  guint tick;

  bench.clients = g_ptr_array_new ();
  bench.n_clients = n_clients;
  bench.n_messages = n_messages;
  bench.window = window;
  bench.receipts = g_new0 (guint, n_messages);
  bench.latencies = g_new0 (double, (gsize) n_messages * n_clients);
  bench.pad = g_malloc (PAD_BYTES + 1);
  memset (bench.pad, 'x', PAD_BYTES);
  bench.pad[PAD_BYTES] = '\0';

  for (guint c = 0; c < n_clients; c++)
    {
      Client *client = g_new0 (Client, 1);

      client->bench = &bench;
      g_ptr_array_add (bench.clients, client);
      client_connect (client, session_url);
    }
  for (guint c = 0; c < n_clients; c++)
    {
      Client *client = g_ptr_array_index (bench.clients, c);
      g_autofree char *text = hello (c, hello_data);

      client->ready = !welcome;
      client_send_text (client, text);
    }
  iterate_until (all_ready, &bench);

  /* until every client hears the presenter */
  tick = g_timeout_add (20, on_tick, NULL);
  while (!all_warm (&bench))
    {
      gint64 until = g_get_monotonic_time () + 20000;

      send_state (&bench, TRUE, 0);
      while (!all_warm (&bench) && g_get_monotonic_time () < until)
        g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (tick);

  bench.start = g_get_monotonic_time ();
  pump (&bench);
  iterate_until (all_done, &bench);

  seconds = (bench.end - bench.start) / (double) G_USEC_PER_SEC;
  qsort (bench.latencies, bench.n_latencies, sizeof (double), compare_double);
  printf ("%smessages/s: %.0f\n", label, bench.n_latencies / seconds);
  printf ("%sp50 ms: %.2f\n", label, bench.latencies[bench.n_latencies / 2]);
  printf ("%sp99 ms: %.2f\n", label, bench.latencies[(gsize) (bench.n_latencies * 0.99)]);
  fflush (stdout);

  for (guint c = 0; c < bench.clients->len; c++)
    {
      client_free (g_ptr_array_index (bench.clients, c));
    }
  g_ptr_array_unref (bench.clients);
  g_free (bench.receipts);
  g_free (bench.latencies);
  g_free (bench.pad);
}

static char *
consultd_hello (guint    i,
                gpointer data)
{
  GBytes *secret = data;
  g_autofree char *user = g_strdup_printf ("user%02u", i);
  g_autofree char *token = NULL;
  HzConsultToken claims = {
    .room = (char *) "bench", .user = user, .team = (char *) "obstetrics",
    .role = i == 0 ? HZ_CONSULT_ROLE_PRESENTER : HZ_CONSULT_ROLE_PARTICIPANT,
    .expires = g_get_real_time () / G_USEC_PER_SEC + 3600,
  };

  token = hz_consult_token_make (secret, &claims, NULL);
  return g_strdup_printf ("{\"type\":\"hello\",\"token\":\"%s\"}", token);
}

static char *
relay_hello (guint    i,
             gpointer data)
{
  return g_strdup ("{\"type\":\"hello\",\"room\":\"bench\"}");
}

static void
stop (GSubprocess *proc)
{
  g_subprocess_send_signal (proc, SIGTERM);
  g_subprocess_wait (proc, NULL, NULL);
}

/* The relay and its ws module in the build tree (npm install once) */
static char *
prepare_relay (void)
{
  g_autofree char *src = g_build_filename (HZ_SOURCE_ROOT, "tests", "bench", "ws-relay", NULL);
  char *dir = g_build_filename (HZ_BUILD_ROOT, "tests", "bench", "ws-relay", NULL);
  g_autofree char *ws = g_build_filename (dir, "node_modules", "ws", "package.json", NULL);
  const char *files[] = { "package.json", "ws-relay.mjs" };
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (g_find_program_in_path ("node") == NULL || g_find_program_in_path ("npm") == NULL)
    g_error ("node and npm are needed for the baseline (Node.js ws relay) and are not on PATH");
  g_mkdir_with_parents (dir, 0755);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *from = g_build_filename (src, files[i], NULL);
      g_autofree char *to = g_build_filename (dir, files[i], NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (!g_file_get_contents (from, &contents, &length, &error)
          || !g_file_set_contents (to, contents, length, &error))
        g_error ("%s", error->message);
    }
  if (!g_file_test (ws, G_FILE_TEST_EXISTS))
    {
      const char *argv[] = { "npm", "install", "--no-audit", "--no-fund", "--silent", NULL };

      fprintf (stderr, "installing ws with npm into %s\n", dir);
      if (!g_spawn_sync (dir, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                         NULL, NULL, NULL, NULL, &status, &error)
          || !g_spawn_check_wait_status (status, NULL))
        g_error ("npm install of ws failed in %s: %s", dir, error ? error->message : "see npm's output");
    }
  return dir;
}

int
main (int    argc,
      char **argv)
{
  int n_messages = 5000, n_clients = 50, window = 16;
  const GOptionEntry entries[] = {
    { "messages", 0, 0, G_OPTION_ARG_INT, &n_messages, "State messages the presenter sends", "N" },
    { "clients", 0, 0, G_OPTION_ARG_INT, &n_clients, "Clients in the room, the presenter included", "N" },
    { "window", 0, 0, G_OPTION_ARG_INT, &window, "Messages in flight at most", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autofree char *secret_path = NULL;
  g_autofree char *url = NULL;
  g_autofree char *relay_dir = NULL;
  g_autofree char *relay_url = NULL;
  g_autoptr(GBytes) secret = NULL;
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(GSubprocess) relay = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);

  dir = g_dir_make_tmp ("bench-consultd-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (dir, "consultd.db", NULL);
  secret_path = g_build_filename (dir, "secret", NULL);
  g_file_set_contents (secret_path, "bench-secret-0123456789abcdef", -1, &error);
  g_assert_no_error (error);
  secret = hz_consult_secret_load (secret_path, &error);
  g_assert_no_error (error);

  {
    const char *server_argv[] = { HUIZHEN_CONSULTD_PATH, "--port", "0", "--db", db,
                                  "--secret-file", secret_path, NULL };

    server = spawn_ready (server_argv, NULL, &url);
    run ("", url, consultd_hello, secret, TRUE, n_clients, n_messages, window);
    stop (server);
  }

  relay_dir = prepare_relay ();
  {
    const char *relay_argv[] = { "node", "ws-relay.mjs", NULL };

    relay = spawn_ready (relay_argv, relay_dir, &relay_url);
    run ("node ws ", relay_url, relay_hello, NULL, FALSE, n_clients, n_messages, window);
    stop (relay);
  }

  {
    const char *rm_argv[] = { "rm", "-rf", dir, NULL };

    g_spawn_sync (NULL, (char **) rm_argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  }
  return 0;
}
