/* test-plugins.c — the plugin engine and the addin interfaces without GTK
 *
 * Loads tests/plugins/test-plugin (found through HUIZHEN_PLUGIN_PATH),
 * follows its extensions in and out of a PeasExtensionSet, checks the
 * error path with broken.plugin, and that the built-in summary plugin is
 * found in the build tree and always loads. No display is used: loading a
 * module only registers its types.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <huizhen.h>

#include "hz-test-utils.h"

#define CASE_ID "cli-case-1"

typedef struct
{
  char    *dir;
  HzStore *store;
  HzCase  *kase;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HzActor) actor = hz_actor_new ("插件测试", HZ_TEAM_OBSTETRICS, "主治医师", "测试医院");
  g_auto(GStrv) case_ids = NULL;

  fixture->dir = hz_test_make_tmp_dir ("hz-test-plugins-XXXXXX");
  fixture->store = hz_test_store_new (fixture->dir, actor);

  case_ids = hz_test_import_fixture (fixture->store, "cli-good.json");
  g_assert_true (g_strv_contains ((const char * const *) case_ids, CASE_ID));

  fixture->kase = hz_case_load (fixture->store, CASE_ID, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->kase);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->kase);
  g_clear_object (&fixture->store);
  hz_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

static PeasPluginInfo *
get_info (const char *module_name)
{
  PeasEngine *peas = hz_plugin_engine_get_peas (hz_plugin_engine_get_default ());

  return peas_engine_get_plugin_info (peas, module_name);
}

static void
load_test_plugin (void)
{
  g_autoptr(GError) error = NULL;

  hz_plugin_engine_load_plugin (hz_plugin_engine_get_default (), "test-plugin", &error);
  g_assert_no_error (error);
  g_assert_true (peas_plugin_info_is_loaded (get_info ("test-plugin")));
}

static void
test_discover (void)
{
  PeasPluginInfo *info;

  g_assert_true (hz_is_running_uninstalled ());

  info = get_info ("test-plugin");
  g_assert_nonnull (info);
  g_assert_cmpstr (peas_plugin_info_get_name (info), ==, "Test timeline source");
  g_assert_false (peas_plugin_info_is_builtin (info));
  g_assert_true (g_str_has_suffix (peas_plugin_info_get_module_dir (info), "tests/plugins/test-plugin"));

  info = get_info ("hz-broken");
  g_assert_nonnull (info);
  g_assert_cmpstr (peas_plugin_info_get_name (info), ==, "Broken test plugin");

  /* The built-in summary plugin, from the build tree's plugins/ */
  info = get_info ("summary");
  g_assert_nonnull (info);
  g_assert_true (peas_plugin_info_is_builtin (info));
  g_assert_cmpstr (peas_plugin_info_get_name (info), ==, "Case summary");
  g_assert_true (g_str_has_prefix (peas_plugin_info_get_module_dir (info), HZ_BUILD_ROOT "/plugins"));

  g_assert_null (get_info ("no-such-plugin"));
}

static void
count_event_kinds (GPtrArray *events,
                   guint     *n_conditions,
                   guint     *n_due)
{
  *n_conditions = *n_due = 0;

  for (guint i = 0; i < events->len; i++)
    {
      HzTimelineEvent *event = g_ptr_array_index (events, i);

      g_assert_cmpstr (hz_timeline_event_get_source_id (event), ==, "test-plugin");

      if (hz_timeline_event_get_kind (event) == HZ_EVENT_KIND_CONDITION)
        {
          (*n_conditions)++;
          g_assert_nonnull (hz_timeline_event_get_date (event));
          g_assert_true (g_str_has_prefix (hz_timeline_event_get_resource_reference (event), "Condition/"));
          g_assert_true (hz_timeline_event_has_team (event));
          g_assert_cmpint (hz_timeline_event_get_team (event), ==, HZ_TEAM_OBSTETRICS);
        }
      else if (hz_timeline_event_get_kind (event) == HZ_EVENT_KIND_DUE)
        {
          (*n_due)++;
          g_assert_null (hz_timeline_event_get_date (event));
          g_assert_cmpstr (hz_timeline_event_get_title (event), ==, "Test reminder");
        }
    }
}

static void
on_extension_added (PeasExtensionSet *set,
                    PeasPluginInfo   *info,
                    PeasExtension    *extension,
                    guint            *count)
{
  if (g_strcmp0 (peas_plugin_info_get_module_name (info), "test-plugin") == 0)
    (*count)++;
}

static void
on_changed (HzTimelineSource *source,
            guint            *count)
{
  (*count)++;
}

static void
test_timeline_source (Fixture       *fixture,
                      gconstpointer  user_data)
{
  HzPluginEngine *engine = hz_plugin_engine_get_default ();
  PeasPluginInfo *info = get_info ("test-plugin");
  g_autoptr(PeasExtensionSet) set = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) condition = NULL;
  PeasExtension *extension;
  guint added = 0, removed = 0, changed = 0;
  guint n_conditions, n_due;

  load_test_plugin ();

  set = peas_extension_set_new (hz_plugin_engine_get_peas (engine), HZ_TYPE_TIMELINE_SOURCE, NULL);
  g_signal_connect (set, "extension-added", G_CALLBACK (on_extension_added), &added);
  g_signal_connect (set, "extension-removed", G_CALLBACK (on_extension_added), &removed);

  extension = peas_extension_set_get_extension (set, info);
  g_assert_nonnull (extension);
  g_assert_true (HZ_IS_TIMELINE_SOURCE (extension));

  hz_timeline_source_load (HZ_TIMELINE_SOURCE (extension), fixture->kase);
  events = hz_timeline_source_list_events (HZ_TIMELINE_SOURCE (extension), fixture->kase);
  count_event_kinds (events, &n_conditions, &n_due);
  g_assert_cmpuint (n_conditions, ==, 2);
  g_assert_cmpuint (n_due, ==, 1);
  g_assert_cmpuint (events->len, ==, 3);
  g_clear_pointer (&events, g_ptr_array_unref);

  /* A new Condition written through the store reaches the source through
   * HzCase::changed, and the source says its events changed. */
  g_signal_connect (extension, "changed", G_CALLBACK (on_changed), &changed);
  condition = json_object_new ();
  json_object_set_string_member (condition, "resourceType", "Condition");
  json_object_set_string_member (condition, "id", "test-plugins-cond");
  json_object_set_string_member (condition, "recordedDate", "2024-06-01");
  {
    JsonObject *code = json_object_new ();
    JsonObject *subject = json_object_new ();

    json_object_set_string_member (code, "text", "前置胎盘");
    json_object_set_object_member (condition, "code", code);
    json_object_set_string_member (subject, "reference", "Patient/cli-patient-1");
    json_object_set_object_member (condition, "subject", subject);
  }
  hz_store_put (fixture->store, CASE_ID, condition, &error);
  g_assert_no_error (error);
  hz_test_wait_for (&changed, 1);

  events = hz_timeline_source_list_events (HZ_TIMELINE_SOURCE (extension), fixture->kase);
  count_event_kinds (events, &n_conditions, &n_due);
  g_assert_cmpuint (n_conditions, ==, 3);
  g_clear_pointer (&events, g_ptr_array_unref);

  hz_timeline_source_unload (HZ_TIMELINE_SOURCE (extension), fixture->kase);

  /* Unloading the plugin takes its extension out of the set */
  hz_plugin_engine_unload_plugin (engine, "test-plugin", &error);
  g_assert_no_error (error);
  g_assert_false (peas_plugin_info_is_loaded (info));
  g_assert_cmpuint (removed, ==, 1);
  g_assert_null (peas_extension_set_get_extension (set, info));
  g_assert_null (hz_plugin_engine_get_plugin_error (engine, "test-plugin"));

  /* ... and loading it again brings a working one back */
  hz_plugin_engine_load_plugin (engine, "test-plugin", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 1);
  extension = peas_extension_set_get_extension (set, info);
  g_assert_nonnull (extension);
  hz_timeline_source_load (HZ_TIMELINE_SOURCE (extension), fixture->kase);
  events = hz_timeline_source_list_events (HZ_TIMELINE_SOURCE (extension), fixture->kase);
  count_event_kinds (events, &n_conditions, &n_due);
  g_assert_cmpuint (n_conditions, ==, 3);
  g_assert_cmpuint (n_due, ==, 1);
  hz_timeline_source_unload (HZ_TIMELINE_SOURCE (extension), fixture->kase);
}

static void
on_state_changed (HzSyncable *syncable,
                  guint      *count)
{
  (*count)++;
}

static void
test_syncable (Fixture       *fixture,
               gconstpointer  user_data)
{
  PeasEngine *peas = hz_plugin_engine_get_peas (hz_plugin_engine_get_default ());
  g_autoptr(GObject) extension = NULL;
  g_autoptr(JsonNode) state = NULL;
  g_autoptr(JsonNode) bad = NULL;
  g_autoptr(JsonNode) not_object = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  guint state_changed = 0, changed = 0;

  load_test_plugin ();

  extension = G_OBJECT (peas_engine_create_extension (peas, get_info ("test-plugin"),
                                                      HZ_TYPE_TIMELINE_SOURCE, NULL));
  g_assert_true (HZ_IS_SYNCABLE (extension));
  g_signal_connect (extension, "state-changed", G_CALLBACK (on_state_changed), &state_changed);
  g_signal_connect (extension, "changed", G_CALLBACK (on_changed), &changed);

  g_assert_cmpstr (hz_syncable_get_sync_id (HZ_SYNCABLE (extension)), ==, "test-timeline");
  state = hz_syncable_get_state (HZ_SYNCABLE (extension));
  g_assert_true (JSON_NODE_HOLDS_OBJECT (state));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (state), "filter"), ==, "all");
  g_clear_pointer (&state, json_node_unref);

  /* A user's change is announced for a remote session... */
  g_object_set (extension, "filter", "due", NULL);
  g_assert_cmpuint (state_changed, ==, 1);
  g_assert_cmpuint (changed, ==, 1);
  events = hz_timeline_source_list_events (HZ_TIMELINE_SOURCE (extension), fixture->kase);
  g_assert_cmpuint (events->len, ==, 1);
  g_clear_pointer (&events, g_ptr_array_unref);

  /* ... a state applied from a remote session is not echoed back */
  state = json_from_string ("{\"filter\": \"condition\"}", &error);
  g_assert_no_error (error);
  hz_syncable_apply_state (HZ_SYNCABLE (extension), state, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (state_changed, ==, 1);
  g_assert_cmpuint (changed, ==, 2);
  g_clear_pointer (&state, json_node_unref);
  state = hz_syncable_get_state (HZ_SYNCABLE (extension));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (state), "filter"), ==, "condition");
  events = hz_timeline_source_list_events (HZ_TIMELINE_SOURCE (extension), fixture->kase);
  g_assert_cmpuint (events->len, ==, 2);

  /* A wrong member is refused, named, and changes nothing */
  bad = json_from_string ("{\"filter\": 3}", &error);
  g_assert_no_error (error);
  g_assert_false (hz_syncable_apply_state (HZ_SYNCABLE (extension), bad, &error));
  g_assert_error (error, HZ_SYNCABLE_ERROR, HZ_SYNCABLE_ERROR_INVALID_STATE);
  g_assert_nonnull (strstr (error->message, "filter"));
  g_clear_error (&error);

  not_object = json_from_string ("[1, 2]", &error);
  g_assert_no_error (error);
  g_assert_false (hz_syncable_apply_state (HZ_SYNCABLE (extension), not_object, &error));
  g_assert_error (error, HZ_SYNCABLE_ERROR, HZ_SYNCABLE_ERROR_INVALID_STATE);
  g_assert_nonnull (strstr (error->message, "test-timeline"));
  g_clear_error (&error);

  g_clear_pointer (&state, json_node_unref);
  state = hz_syncable_get_state (HZ_SYNCABLE (extension));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (state), "filter"), ==, "condition");
}

typedef struct
{
  GError   *error;
  gboolean  done;
} ExportResult;

static void
on_export_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  ExportResult *export_result = user_data;

  hz_exporter_export_to_file_finish (HZ_EXPORTER (object), result, &export_result->error);
  export_result->done = TRUE;
}

static gboolean
export_to_file (HzExporter  *exporter,
                HzCase      *kase,
                const char  *path,
                GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ExportResult result = { NULL, FALSE };

  hz_exporter_export_to_file_async (exporter, kase, file, NULL, on_export_done, &result);

  while (!result.done)
    g_main_context_iteration (NULL, TRUE);

  if (result.error != NULL)
    {
      g_propagate_error (error, result.error);
      return FALSE;
    }

  return TRUE;
}

static guint
count_part_files (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".part"))
      n++;

  return n;
}

static void
test_exporter (Fixture       *fixture,
               gconstpointer  user_data)
{
  PeasEngine *peas = hz_plugin_engine_get_peas (hz_plugin_engine_get_default ());
  g_autoptr(GObject) exporter = NULL;
  g_autoptr(GObject) failing = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *target = g_build_filename (fixture->dir, "case.txt", NULL);
  g_autofree char *fresh = g_build_filename (fixture->dir, "fresh.txt", NULL);
  g_autofree char *contents = NULL;

  load_test_plugin ();

  exporter = G_OBJECT (peas_engine_create_extension (peas, get_info ("test-plugin"),
                                                     HZ_TYPE_EXPORTER, NULL));
  g_assert_true (HZ_IS_EXPORTER (exporter));
  g_assert_cmpstr (hz_exporter_get_content_type (HZ_EXPORTER (exporter)), ==, "text/plain");
  g_assert_cmpstr (hz_exporter_get_file_extension (HZ_EXPORTER (exporter)), ==, "txt");

  g_file_set_contents (target, "old contents\n", -1, &error);
  g_assert_no_error (error);

  /* Success replaces the file */
  export_to_file (HZ_EXPORTER (exporter), fixture->kase, target, &error);
  g_assert_no_error (error);
  g_file_get_contents (target, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "case " CASE_ID "\n"));
  g_assert_nonnull (strstr (contents, "Condition/cli-cond-scar\n"));
  g_assert_nonnull (strstr (contents, "Patient/cli-patient-1\n"));
  g_assert_cmpuint (count_part_files (fixture->dir), ==, 0);
  g_clear_pointer (&contents, g_free);

  /* A failure half way leaves the old file as it was, removes the partial
   * output and names the file */
  g_file_set_contents (target, "old contents\n", -1, &error);
  g_assert_no_error (error);
  failing = G_OBJECT (peas_engine_create_extension (peas, get_info ("test-plugin"),
                                                    HZ_TYPE_EXPORTER, NULL));
  g_object_set (failing, "fail", TRUE, NULL);
  g_assert_false (export_to_file (HZ_EXPORTER (failing), fixture->kase, target, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "case.txt"));
  g_assert_nonnull (strstr (error->message, "failed on purpose"));
  g_clear_error (&error);
  g_file_get_contents (target, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, "old contents\n");
  g_assert_cmpuint (count_part_files (fixture->dir), ==, 0);

  /* ... and does not create a file that did not exist */
  g_assert_false (export_to_file (HZ_EXPORTER (failing), fixture->kase, fresh, &error));
  g_assert_nonnull (strstr (error->message, "fresh.txt"));
  g_clear_error (&error);
  g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_part_files (fixture->dir), ==, 0);

  /* A directory that does not exist: the error names the file */
  {
    g_autofree char *missing = g_build_filename (fixture->dir, "no-such-dir", "x.txt", NULL);

    g_assert_false (export_to_file (HZ_EXPORTER (exporter), fixture->kase, missing, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
    g_assert_nonnull (strstr (error->message, "x.txt"));
    g_clear_error (&error);
  }
}

static void
test_fhir_bundle_exporter (Fixture       *fixture,
                           gconstpointer  user_data)
{
  HzPluginEngine *engine = hz_plugin_engine_get_default ();
  PeasEngine *peas = hz_plugin_engine_get_peas (engine);
  g_autoptr(GObject) exporter = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *target = g_build_filename (fixture->dir, "bundle.json", NULL);
  JsonObject *bundle;

  /* Only the exporter object of the built-in plugin: no widget is made */
  hz_plugin_engine_load_plugin (engine, "summary", &error);
  g_assert_no_error (error);

  exporter = G_OBJECT (peas_engine_create_extension (peas, get_info ("summary"), HZ_TYPE_EXPORTER, NULL));
  g_assert_true (HZ_IS_EXPORTER (exporter));
  g_assert_cmpstr (hz_exporter_get_title (HZ_EXPORTER (exporter)), ==, "FHIR Bundle (JSON)");
  g_assert_cmpstr (hz_exporter_get_content_type (HZ_EXPORTER (exporter)), ==, "application/fhir+json");
  g_assert_cmpstr (hz_exporter_get_file_extension (HZ_EXPORTER (exporter)), ==, "json");

  export_to_file (HZ_EXPORTER (exporter), fixture->kase, target, &error);
  g_assert_no_error (error);

  json_parser_load_from_file (parser, target, &error);
  g_assert_no_error (error);
  bundle = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (bundle, "resourceType"), ==, "Bundle");
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (bundle, "entry")), ==,
                   hz_store_count_resources (fixture->store, CASE_ID));
}

static void
on_plugin_error (HzPluginEngine *engine,
                 PeasPluginInfo *info,
                 const char     *message,
                 GPtrArray      *errors)
{
  g_ptr_array_add (errors, g_strdup_printf ("%s: %s",
                                            info != NULL ? peas_plugin_info_get_module_name (info) : "(none)",
                                            message));
}

static const char *
find_error (GPtrArray  *errors,
            const char *prefix)
{
  for (guint i = 0; i < errors->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (errors, i), prefix))
      return g_ptr_array_index (errors, i);

  return NULL;
}

static void
test_load_active (void)
{
  /* A fresh engine so that nothing is loaded yet */
  g_autoptr(HzPluginEngine) engine = g_object_new (HZ_TYPE_PLUGIN_ENGINE, NULL);
  PeasEngine *peas = hz_plugin_engine_get_peas (engine);
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) active_names = NULL;
  const char * const active[] = { "hz-broken", "no-such-plugin", "test-plugin", NULL };
  const GError *load_error;
  const char *message;

  /* (reset by GLib before every test case) */
  g_test_log_set_fatal_handler (hz_test_ignore_libpeas_warnings, NULL);

  g_signal_connect (engine, "plugin-error", G_CALLBACK (on_plugin_error), errors);

  hz_plugin_engine_load_active (engine, active);

  /* The broken plugin fails, named with its cause... */
  message = find_error (errors, "hz-broken: ");
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "Broken test plugin"));
  g_assert_nonnull (strstr (message, "hz-broken"));
  g_assert_nonnull (strstr (message, "libhz-broken.so"));
  load_error = hz_plugin_engine_get_plugin_error (engine, "hz-broken");
  g_assert_nonnull (load_error);
  g_assert_nonnull (strstr (load_error->message, "Broken test plugin"));
  g_assert_false (peas_plugin_info_is_loaded (peas_engine_get_plugin_info (peas, "hz-broken")));

  /* ... a name that matches no plugin is reported too ... */
  message = find_error (errors, "(none): ");
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "no-such-plugin"));
  g_assert_nonnull (hz_plugin_engine_get_plugin_error (engine, "no-such-plugin"));
  g_assert_cmpuint (errors->len, ==, 2);

  /* ... and the others still load: the named one and every built-in one */
  g_assert_true (peas_plugin_info_is_loaded (peas_engine_get_plugin_info (peas, "test-plugin")));
  g_assert_null (hz_plugin_engine_get_plugin_error (engine, "test-plugin"));
  for (const GList *l = peas_engine_get_plugin_list (peas); l != NULL; l = l->next)
    if (peas_plugin_info_is_builtin (l->data))
      g_assert_true (peas_plugin_info_is_loaded (l->data));
  g_assert_true (peas_plugin_info_is_loaded (peas_engine_get_plugin_info (peas, "summary")));

  /* Only the plugins a user chose are saved back to active-plugins */
  active_names = hz_plugin_engine_dup_active_names (engine);
  g_assert_cmpstrv (active_names, ((const char * const []) { "test-plugin", NULL }));

  /* Loading the broken one again fails again with the same cause */
  g_assert_false (hz_plugin_engine_load_plugin (engine, "hz-broken", &error));
  g_assert_error (error, PEAS_PLUGIN_INFO_ERROR, PEAS_PLUGIN_INFO_ERROR_LOADING_FAILED);
  g_assert_nonnull (strstr (error->message, "libhz-broken.so"));
  g_clear_error (&error);

  g_assert_false (hz_plugin_engine_load_plugin (engine, "no-such-plugin", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no-such-plugin"));
  g_clear_error (&error);

  /* Built-in plugins stay loaded */
  g_assert_false (hz_plugin_engine_unload_plugin (engine, "summary", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_true (peas_plugin_info_is_loaded (peas_engine_get_plugin_info (peas, "summary")));

  hz_plugin_engine_unload_plugin (engine, "test-plugin", &error);
  g_assert_no_error (error);
  g_clear_pointer (&active_names, g_strfreev);
  active_names = hz_plugin_engine_dup_active_names (engine);
  g_assert_cmpstrv (active_names, ((const char * const []) { NULL }));
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           guint      *count)
{
  (*count)++;
}

static void
test_timeline_event (void)
{
  g_autoptr(GDateTime) date = g_date_time_new_utc (2024, 5, 6, 10, 20, 30);
  g_autoptr(HzTimelineEvent) event = NULL;
  g_autoptr(GDateTime) property_date = NULL;
  g_autofree char *title = NULL;
  int kind;
  guint notified = 0;

  for (HzEventKind k = HZ_EVENT_KIND_VISIT; k <= HZ_EVENT_KIND_OTHER; k++)
    {
      g_assert_nonnull (hz_event_kind_to_string (k));
      g_assert_nonnull (hz_event_kind_get_display_name (k));
      g_assert_true (g_str_has_suffix (hz_event_kind_get_icon_name (k), "-symbolic"));
    }
  g_assert_cmpstr (hz_event_kind_to_string (HZ_EVENT_KIND_LAB), ==, "lab");
  g_assert_cmpstr (hz_event_kind_get_display_name (HZ_EVENT_KIND_SCALE), ==, "Screening scale");
  g_assert_cmpstr (hz_event_kind_get_display_name (HZ_EVENT_KIND_RISK), ==, "Risk grading");

  event = hz_timeline_event_new (date, HZ_EVENT_KIND_SCALE, TRUE, HZ_TEAM_PSYCHOLOGY,
                                 HZ_SEVERITY_CRITICAL, "EPDS 14", "Item 10: 1",
                                 "Observation/epds-1");
  g_assert_true (hz_timeline_event_get_date (event) == date);
  g_assert_cmpint (hz_timeline_event_get_kind (event), ==, HZ_EVENT_KIND_SCALE);
  g_assert_true (hz_timeline_event_has_team (event));
  g_assert_cmpint (hz_timeline_event_get_team (event), ==, HZ_TEAM_PSYCHOLOGY);
  g_assert_cmpint (hz_timeline_event_get_severity (event), ==, HZ_SEVERITY_CRITICAL);
  g_assert_cmpstr (hz_timeline_event_get_title (event), ==, "EPDS 14");
  g_assert_cmpstr (hz_timeline_event_get_detail (event), ==, "Item 10: 1");
  g_assert_cmpstr (hz_timeline_event_get_resource_reference (event), ==, "Observation/epds-1");
  g_assert_null (hz_timeline_event_get_source_id (event));

  g_object_get (event, "date", &property_date, "kind", &kind, "title", &title, NULL);
  g_assert_true (g_date_time_equal (property_date, date));
  g_assert_cmpint (kind, ==, HZ_EVENT_KIND_SCALE);
  g_assert_cmpstr (title, ==, "EPDS 14");

  g_signal_connect (event, "notify::source-id", G_CALLBACK (on_notify), &notified);
  hz_timeline_event_set_source_id (event, "psychology");
  hz_timeline_event_set_source_id (event, "psychology");
  g_assert_cmpstr (hz_timeline_event_get_source_id (event), ==, "psychology");
  g_assert_cmpuint (notified, ==, 1);

  g_clear_object (&event);
  event = hz_timeline_event_new (NULL, HZ_EVENT_KIND_DUE, FALSE, HZ_TEAM_NUTRITION,
                                 HZ_SEVERITY_INFO, "OGTT", NULL, NULL);
  g_assert_null (hz_timeline_event_get_date (event));
  g_assert_false (hz_timeline_event_has_team (event));
  g_assert_null (hz_timeline_event_get_detail (event));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/huizhen/plugins/discover", test_discover);
  g_test_add_func ("/huizhen/plugins/timeline-event", test_timeline_event);
  g_test_add ("/huizhen/plugins/timeline-source", Fixture, NULL,
              fixture_set_up, test_timeline_source, fixture_tear_down);
  g_test_add ("/huizhen/plugins/syncable", Fixture, NULL,
              fixture_set_up, test_syncable, fixture_tear_down);
  g_test_add ("/huizhen/plugins/exporter", Fixture, NULL,
              fixture_set_up, test_exporter, fixture_tear_down);
  g_test_add ("/huizhen/plugins/fhir-bundle-exporter", Fixture, NULL,
              fixture_set_up, test_fhir_bundle_exporter, fixture_tear_down);
  g_test_add_func ("/huizhen/plugins/load-active", test_load_active);

  return g_test_run ();
}
