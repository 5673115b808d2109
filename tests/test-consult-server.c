/* test-consult-server.c — huizhen-consultd started by a test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <sys/prctl.h>
#include <string.h>

#include "huizhen.h"
#include "hz-test-utils.h"
#include "test-consult-server.h"


/* The server ends with the test, also when an assertion aborts it (else
 * it would hold the test's stderr open and meson would wait for it) */
static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

void
hz_test_consultd_start (HzTestConsultd *server)
{
  const char *exe = g_getenv ("HUIZHEN_CONSULTD");
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  g_autofree char *port = g_strdup_printf ("%u", server->port);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  if (exe == NULL)
    g_error ("HUIZHEN_CONSULTD is not set: the test needs the built huizhen-consultd");
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  server->process = g_subprocess_launcher_spawn (launcher, &error, exe,
                                                 "--port", port, "--db", server->db,
                                                 "--secret-file", server->secret_file, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server->process));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "listening on ws://"));
  g_free (server->url);
  server->url = g_strdup (line + strlen ("listening on "));
  server->port = (guint) g_ascii_strtoull (strrchr (server->url, ':') + 1, NULL, 10);
  g_assert_cmpuint (server->port, >, 0);
}

void
hz_test_consultd_stop (HzTestConsultd *server)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (server->process, SIGTERM);
  g_assert_true (g_subprocess_wait (server->process, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (server->process));
  g_assert_cmpint (g_subprocess_get_exit_status (server->process), ==, 0);
  g_clear_object (&server->process);
}

HzTestConsultd *
hz_test_consultd_new (void)
{
  HzTestConsultd *server = g_new0 (HzTestConsultd, 1);
  g_autoptr(GError) error = NULL;

  server->dir = hz_test_make_tmp_dir ("huizhen-consultd-XXXXXX");
  server->db = g_build_filename (server->dir, "consultd.db", NULL);
  server->secret_file = g_build_filename (server->dir, "secret", NULL);
  g_file_set_contents (server->secret_file, "a-test-secret-of-some-length\n", -1, &error);
  g_assert_no_error (error);
  hz_test_consultd_start (server);
  return server;
}

void
hz_test_consultd_free (HzTestConsultd *server)
{
  if (server->process != NULL)
    hz_test_consultd_stop (server);
  hz_test_remove_tree (server->dir);
  g_free (server->dir);
  g_free (server->db);
  g_free (server->secret_file);
  g_free (server->url);
  g_free (server);
}

char *
hz_test_consultd_token (HzTestConsultd *server,
                        const char     *user,
                        const char     *role)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) secret = hz_consult_secret_load (server->secret_file, &error);
  HzConsultToken claims = { (char *) "room-1", (char *) user, (char *) user, (char *) "obstetrics", 0,
                            g_get_real_time () / G_USEC_PER_SEC + 3600 };
  char *token;

  g_assert_no_error (error);
  g_assert_true (hz_consult_role_from_string (role, &claims.role));
  token = hz_consult_token_make (secret, &claims, &error);
  g_assert_no_error (error);
  return token;
}

