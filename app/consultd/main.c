/* main.c — huizhen-consultd: the remote consultation session server
 *
 *   huizhen-consultd --port N --db PATH --secret-file PATH [--bind ADDR]
 *                    [--tls-cert FILE --tls-key FILE]
 *
 * Prints "listening on ws://ADDR:PORT" once ready; SIGTERM closes every
 * session (1001) and exits 0. docs/consult-protocol.md is the protocol.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-consultd"

#include "config.h"

#include <stdio.h>
#include <signal.h>
#include <glib-unix.h>
#include <glib/gi18n-lib.h>

#include <huizhen.h>

#include "hz-consultd-server.h"

typedef struct
{
  GMainLoop  *loop;
  HzConsultd *server;
  gboolean    stopping;
} App;

static gboolean
on_stopped (gpointer user_data)
{
  App *app = user_data;

  g_main_loop_quit (app->loop);
  return G_SOURCE_REMOVE;
}

static gboolean
on_signal (gpointer user_data)
{
  App *app = user_data;

  if (!app->stopping)
    {
      app->stopping = TRUE;
      hz_consultd_shutdown (app->server, on_stopped, app);
    }
  return G_SOURCE_CONTINUE;
}

static int
fail (const char *message)
{
  g_printerr ("huizhen-consultd: %s\n", message);
  return 1;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *db_path = NULL;
  g_autofree char *secret_file = NULL;
  g_autofree char *bind = NULL;
  g_autofree char *tls_cert = NULL;
  g_autofree char *tls_key = NULL;
  int port = -1;
  const GOptionEntry entries[] = {
    { "port", 0, 0, G_OPTION_ARG_INT, &port, N_("The port to listen on (0: any free port)"), N_("N") },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path,
      N_("The server's database: room logs, shared files, audit trail"), N_("PATH") },
    { "secret-file", 0, 0, G_OPTION_ARG_FILENAME, &secret_file,
      N_("The secret the tokens are signed with"), N_("PATH") },
    { "bind", 0, 0, G_OPTION_ARG_STRING, &bind,
      N_("The address to listen on (default 127.0.0.1)"), N_("ADDR") },
    { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &tls_cert, N_("TLS certificate (PEM)"), N_("FILE") },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &tls_key, N_("TLS private key (PEM)"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) secret = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  HzConsultdDb *db;
  App app = { 0, };

  hz_i18n_init ();
  /* a peer gone mid-write is a closed socket, not a reason to die */
  signal (SIGPIPE, SIG_IGN);

  context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("The remote consultation session server: relays chat, "
                                           "view state and opinions between the sites of a room."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fail (error->message);
  if (argc > 1)
    {
      g_autofree char *message = g_strdup_printf (_("Unexpected argument “%s”"), argv[1]);

      return fail (message);
    }
  if (port < 0 || port > 65535)
    return fail (_("--port is required: a port number, or 0 for any free port"));
  if (db_path == NULL)
    return fail (_("--db is required: the server's database file"));
  if ((tls_cert == NULL) != (tls_key == NULL))
    return fail (_("--tls-cert and --tls-key go together"));

  secret = hz_consult_secret_load (secret_file, &error);
  if (secret == NULL)
    return fail (error->message);
  db = hz_consultd_db_open (db_path, &error);
  if (db == NULL)
    return fail (error->message);

  app.server = hz_consultd_new (db, secret, bind ? bind : "127.0.0.1", (guint) port,
                                tls_cert, tls_key, &error);
  if (app.server == NULL)
    {
      /* Translators: why the server cannot listen */
      g_autofree char *message = g_strdup_printf (_("Cannot listen: %s"), error->message);

      return fail (message);
    }

  loop = g_main_loop_new (NULL, FALSE);
  app.loop = loop;
  g_unix_signal_add (SIGTERM, on_signal, &app);
  g_unix_signal_add (SIGINT, on_signal, &app);

  printf ("listening on %s\n", hz_consultd_get_url (app.server));
  fflush (stdout);

  g_main_loop_run (loop);
  hz_consultd_free (app.server);
  return 0;
}
