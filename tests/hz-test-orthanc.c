/* hz-test-orthanc.c — Debian's Orthanc with its DICOMweb plugin, the tests' PACS
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "hz-test-orthanc.h"
#include "hz-test-utils.h"

guint16
hz_test_free_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_socket_bind (socket, any, FALSE, &error));
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static char *
find_dicomweb_plugin (void)
{
  const char *argv[] = { "dpkg", "-L", "orthanc-dicomweb", NULL };
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL))
    g_error ("The package orthanc-dicomweb is not installed (build-aux/dev installs it): "
             "the PACS tests need Orthanc's DICOMweb plugin");
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_suffix (lines[i], ".so") && strstr (lines[i], "DicomWeb") != NULL &&
        g_file_test (lines[i], G_FILE_TEST_EXISTS))
      return g_strdup (lines[i]);
  g_error ("dpkg -L orthanc-dicomweb names no libOrthancDicomWeb.so");
  return NULL;
}

HzDicomwebClient *
hz_test_orthanc_client (HzTestOrthanc *p)
{
  g_autoptr(GError) error = NULL;
  HzDicomwebClient *client = hz_dicomweb_client_new (p->url, &error);

  g_assert_no_error (error);
  hz_dicomweb_client_set_basic_auth (client, HZ_TEST_ORTHANC_USER, HZ_TEST_ORTHANC_PASSWORD);
  hz_dicomweb_client_set_timeout (client, 5);
  return client;
}

static gboolean
answers (HzTestOrthanc *p)
{
  g_autoptr(HzDicomwebClient) client = hz_test_orthanc_client (p);
  g_autoptr(GPtrArray) studies = NULL;
  HzDicomwebQuery query = { 0, };

  studies = hz_dicomweb_client_search_studies (client, &query, NULL, NULL);
  return studies != NULL;
}

/* Orthanc goes when the test does, even when it fails on the way */
static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

void
hz_test_orthanc_start (HzTestOrthanc *p)
{
  g_autofree char *orthanc = g_find_program_in_path ("Orthanc");
  g_autofree char *plugin = NULL;
  g_autofree char *storage = NULL;
  g_autofree char *config = NULL;
  g_autofree char *config_path = NULL;
  g_autofree char *log_path = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  guint16 port;
  gint64 deadline;

  if (p->process != NULL)
    return;
  if (orthanc == NULL && g_file_test ("/usr/sbin/Orthanc", G_FILE_TEST_IS_EXECUTABLE))
    orthanc = g_strdup ("/usr/sbin/Orthanc");
  if (orthanc == NULL)
    g_error ("Orthanc is not installed (build-aux/dev installs the packages orthanc and "
             "orthanc-dicomweb): the PACS tests need it as the DICOMweb peer");
  plugin = find_dicomweb_plugin ();

  p->dir = hz_test_make_tmp_dir ("test-imaging-orthanc-XXXXXX");
  storage = g_build_filename (p->dir, "storage", NULL);
  port = hz_test_free_port ();
  config = g_strdup_printf ("{\n"
                            "  \"Name\": \"huizhen-test\",\n"
                            "  \"StorageDirectory\": \"%s\",\n"
                            "  \"IndexDirectory\": \"%s\",\n"
                            "  \"HttpPort\": %u,\n"
                            "  \"DicomServerEnabled\": false,\n"
                            "  \"RemoteAccessAllowed\": false,\n"
                            "  \"AuthenticationEnabled\": true,\n"
                            "  \"RegisteredUsers\": { \"" HZ_TEST_ORTHANC_USER "\": \"" HZ_TEST_ORTHANC_PASSWORD "\" },\n"
                            "  \"DefaultEncoding\": \"Utf8\",\n"
                            "  \"Plugins\": [ \"%s\" ],\n"
                            "  \"DicomWeb\": { \"Enable\": true, \"Root\": \"/dicom-web/\" }\n"
                            "}\n", storage, storage, port, plugin);
  config_path = g_build_filename (p->dir, "orthanc.json", NULL);
  g_assert_true (g_file_set_contents (config_path, config, -1, NULL));
  log_path = g_build_filename (p->dir, "orthanc.log", NULL);
  p->url = g_strdup_printf ("http://127.0.0.1:%u/dicom-web", port);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_subprocess_launcher_set_cwd (launcher, p->dir);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  g_subprocess_launcher_set_stdout_file_path (launcher, log_path);
  g_subprocess_launcher_take_stderr_fd (launcher, -1);
  g_subprocess_launcher_set_flags (launcher, G_SUBPROCESS_FLAGS_STDERR_MERGE);
  p->process = g_subprocess_launcher_spawn (launcher, &error, orthanc, config_path, NULL);
  g_assert_no_error (error);

  /* until it answers a QIDO-RS search: the plugin is loaded */
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (!answers (p))
    {
      g_autofree char *log = NULL;

      if (g_get_monotonic_time () > deadline || g_subprocess_get_identifier (p->process) == NULL)
        {
          g_file_get_contents (log_path, &log, NULL, NULL);
          g_error ("Orthanc did not answer at %s:\n%s", p->url, log != NULL ? log : "");
        }
      g_usleep (50 * 1000);
    }
}

void
hz_test_orthanc_stop (HzTestOrthanc *p)
{
  if (p->process == NULL)
    return;
  g_subprocess_send_signal (p->process, SIGTERM);
  g_subprocess_wait (p->process, NULL, NULL);
  g_clear_object (&p->process);
  hz_test_remove_tree (p->dir);
  g_clear_pointer (&p->dir, g_free);
  g_clear_pointer (&p->url, g_free);
}
