/* hz-test-utils.c — fixture code the tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-test"

#include "config.h"

#include <locale.h>
#include <glib/gstdio.h>

#include "hz-test-utils.h"

#define HZ_TEST_WAIT_SECONDS 30

char *
hz_test_make_tmp_dir (const char *name_template)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp (name_template, &error);

  g_assert_no_error (error);
  g_assert_nonnull (dir);

  return dir;
}

void
hz_test_remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          hz_test_remove_tree (child);
        }

      g_rmdir (path);
    }
  else
    g_remove (path);
}

HzStore *
hz_test_store_new (const char    *dir,
                   const HzActor *actor)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "huizhen.db", NULL);
  HzStore *store = hz_store_new (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  hz_store_set_actor (store, actor);

  return store;
}

void
hz_test_import_json (HzStore    *store,
                     const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = hz_test_parse_node (json);

  hz_store_import_bundle (store, node, "test", NULL, &error);
  g_assert_no_error (error);
}

GStrv
hz_test_import_fixture (HzStore    *store,
                        const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (g_test_get_filename (G_TEST_DIST, "fixtures", name, NULL));
  GStrv case_ids = NULL;

  hz_store_import_file (store, file, &case_ids, NULL, &error);
  g_assert_no_error (error);

  return case_ids;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

guint
hz_test_import_demo (HzStore *store)
{
  const char *demo_dir = g_getenv ("HUIZHEN_DEMO_DIR");
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (demo_dir == NULL || !g_file_test (demo_dir, G_FILE_TEST_IS_DIR))
    return 0;

  dir = g_dir_open (demo_dir, 0, &error);
  g_assert_no_error (error);

  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (demo_dir, g_ptr_array_index (names, i), NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);

      hz_store_import_file (store, file, NULL, NULL, &error);
      g_assert_no_error (error);
    }

  return names->len;
}

JsonNode *
hz_test_parse_node (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (json, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);

  return node;
}

JsonObject *
hz_test_parse_object (const char *json)
{
  g_autoptr(JsonNode) node = hz_test_parse_node (json);

  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));

  return json_object_ref (json_node_get_object (node));
}

JsonObject *
hz_test_store_get_json (HzStore     *store,
                        const char  *type,
                        const char  *id,
                        GError     **error)
{
  g_autoptr(HzResource) resource = hz_store_get (store, type, id, error);

  return resource != NULL ? hz_resource_dup_json (resource) : NULL;
}

static GPtrArray *
to_json (GPtrArray *resources)
{
  GPtrArray *objects;

  if (resources == NULL)
    return NULL;

  objects = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  for (guint i = 0; i < resources->len; i++)
    g_ptr_array_add (objects, hz_resource_dup_json (g_ptr_array_index (resources, i)));
  g_ptr_array_unref (resources);

  return objects;
}

GPtrArray *
hz_test_read_case_json (HzStore     *store,
                        const char  *case_id,
                        GError     **error)
{
  return to_json (hz_store_read_case (store, case_id, error));
}

GPtrArray *
hz_test_list_audit_json (HzStore     *store,
                         const char  *case_id,
                         guint        limit,
                         GError     **error)
{
  return to_json (hz_store_list_audit (store, case_id, limit, error));
}

static gboolean
on_timeout (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;

  return G_SOURCE_REMOVE;
}

void
hz_test_wait_for (guint *counter,
                  guint  target)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (HZ_TEST_WAIT_SECONDS, on_timeout, &timed_out);

  while (*counter < target && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (timed_out);
  g_source_remove (id);
}

static gboolean
wake_up (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

gboolean
hz_test_wait_until (HzTestCondition condition,
                    gpointer        data)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (HZ_TEST_WAIT_SECONDS, on_timeout, &timed_out);
  /* conditions that no event announces (a widget mapped) are looked at again */
  guint tick = g_timeout_add (20, wake_up, NULL);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (tick);
  if (!timed_out)
    g_source_remove (id);
  return !timed_out;
}

gboolean
hz_test_ignore_libpeas_warnings (const char     *log_domain,
                                 GLogLevelFlags  log_level,
                                 const char     *message,
                                 gpointer        user_data)
{
  return g_strcmp0 (log_domain, "libpeas") != 0;
}

void
hz_test_i18n_init (int    argc,
                   char **argv)
{
  for (int i = 1; i < argc; i++)
    if (g_strcmp0 (argv[i], "--GTestSubprocess") == 0)
      for (int j = 1; j < argc; j++)
        if (g_str_has_suffix (argv[j], "/zh_CN"))
          {
            g_setenv ("LC_ALL", "zh_CN.UTF-8", TRUE);
            /* gtk_test_init() sets the locale to en_US.UTF-8 when the
             * machine has it: LANGUAGE keeps the messages Chinese */
            g_setenv ("LANGUAGE", "zh_CN", TRUE);
          }

  hz_i18n_init ();
}

gboolean
hz_test_run_in_zh_cn (void)
{
  g_autofree char *mo = g_build_filename (HZ_BUILD_ROOT, "po", "zh_CN", "LC_MESSAGES",
                                          GETTEXT_PACKAGE ".mo", NULL);
  g_autofree char *locale = NULL;
  gboolean have_locale;

  if (g_test_subprocess ())
    return TRUE;

  locale = g_strdup (setlocale (LC_ALL, NULL));
  have_locale = setlocale (LC_ALL, "zh_CN.UTF-8") != NULL;
  setlocale (LC_ALL, locale);
  if (!have_locale || !g_file_test (mo, G_FILE_TEST_IS_REGULAR))
    {
      /* never skipped: build-aux/dev generates the locale and builds the catalogue */
      g_test_message ("no zh_CN.UTF-8 locale (%s) or no zh_CN catalogue in the build tree (%s)",
                      have_locale ? "present" : "missing: localedef -i zh_CN -f UTF-8 zh_CN.UTF-8",
                      mo);
      g_test_fail ();
      return FALSE;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  return FALSE;
}

char *
hz_test_run_tool (const char * const *argv,
                  gboolean           *ok)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  *ok = FALSE;
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error))
    {
      g_test_message ("%s could not run (%s): build-aux/dev installs poppler-utils", argv[0], error->message);
      g_test_fail ();
      return NULL;
    }
  *ok = g_spawn_check_wait_status (status, NULL);
  /* pdftotext puts spaces between some CJK runs and not others */
  if (out != NULL)
    {
      char *w = out;

      for (char *r = out; *r != '\0'; r++)
        if (*r != ' ')
          *w++ = *r;
      *w = '\0';
    }
  if (!*ok)
    {
      g_test_message ("%s failed: %s", argv[0], err);
      g_test_fail ();
    }
  return out;
}

void
hz_test_run_clear (HzTestRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

int
hz_test_run_cli (const char         *cli,
                 const char         *db,
                 const char         *user,
                 const char         *xdg,
                 const char * const *args,
                 char              **out,
                 char              **err)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status;

  g_ptr_array_add (argv, (gpointer) cli);
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, (gpointer) db);
  g_ptr_array_add (argv, (gpointer) "--user");
  g_ptr_array_add (argv, (gpointer) user);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "HUIZHEN_DB");
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", xdg, TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  status = g_subprocess_get_exit_status (process);
  g_test_message ("%s → %d\nstdout: %s\nstderr: %s", args[0], status, *out, *err);
  return status;
}
