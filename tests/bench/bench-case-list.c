/* bench-case-list.c — the case list over a regional store of 100,000 cases
 *
 *   xvfb-run -a dbus-run-session -- _build/tests/bench/bench-case-list [N_CASES]
 *
 * Prints, one a line:
 *   first rows: N ms   window shown (its first frame painted) → first rows drawn
 *   all rows: N ms     … → the whole list read (searchable, scrollable to the end)
 *   search: N ms       the search entry reports a query (an ID-card tail) → list updated, drawn
 *                      (the entry's own typing delay comes before this and is printed apart)
 *   one change: N ms   another process (the real huizhen-cli) re-grades one case → its row
 *                      replaced and drawn, including the cross-process notice
 *   sort: N ms         the order changed (risk → name) → list drawn
 *   rss: N MB          resident memory with the list shown
 *
 * The store is built once in $XDG_CACHE_HOME/huizhen-bench/ (a few minutes for 100,000 cases)
 * and reused.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <gtk/gtk.h>
#include <adwaita.h>
#include <huizhen.h>

#include "hz-case-list.h"
#include "hz-shell-resources.h"

#ifndef HUIZHEN_CLI_PATH
# error "HUIZHEN_CLI_PATH must name huizhen-cli"
#endif

#define PER_BUNDLE 5000

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static gint64
rss_mb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");
  return line != NULL ? g_ascii_strtoll (line + 6, NULL, 10) / 1024 : -1;
}

static char *
id_card (guint n)
{
  /* 18 characters, a county code, a birth date and a serial; the check
   * digit is not computed (the list only matches the text) */
  return g_strdup_printf ("5301021990%02u%02u%04u", 1 + n % 12, 1 + n % 28, n % 10000);
}

static void
build_store (HzStore *store,
             guint    n_cases)
{
  static const char *surnames[] = { "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴" };
  static const char *given[] = { "丽", "芳", "敏", "静", "婷", "雪", "燕", "梅", "霞", "娟" };
  static const char *colours[] = { "green", "yellow", "orange", "red" };
  g_autoptr(GDateTime) today = g_date_time_new_now_utc ();
  double t0 = now_ms ();

  for (guint start = 0; start < n_cases; start += PER_BUNDLE)
    {
      g_autoptr(GString) json = g_string_new ("{\"resourceType\": \"Bundle\", \"type\": \"collection\", \"entry\": [");
      g_autoptr(GError) error = NULL;

      for (guint n = start; n < MIN (start + PER_BUNDLE, n_cases); n++)
        {
          g_autoptr(GDateTime) lmp = g_date_time_add_days (today, -(gint) (n % 280));
          g_autofree char *lmp_str = g_date_time_format (lmp, "%Y-%m-%d");
          g_autofree char *card = id_card (n);

          g_string_append_printf (json,
                                  "%s{\"resource\": {\"resourceType\": \"Patient\", \"id\": \"bp%u\","
                                  " \"name\": [{\"text\": \"%s%s%s\"}],"
                                  " \"identifier\": [{\"system\": \"" HZ_SYSTEM_ID_CARD "\", \"value\": \"%s\"}],"
                                  " \"birthDate\": \"1990-01-01\"}},"
                                  "{\"resource\": {\"resourceType\": \"EpisodeOfCare\", \"id\": \"be%u\","
                                  " \"status\": \"active\", \"patient\": {\"reference\": \"Patient/bp%u\"},"
                                  " \"managingOrganization\": {\"display\": \"云州市妇幼保健院\"}}},"
                                  "{\"resource\": {\"resourceType\": \"Observation\", \"id\": \"bl%u\","
                                  " \"status\": \"final\", \"code\": {\"coding\": [{\"system\": \"http://loinc.org\","
                                  " \"code\": \"" HZ_LOINC_LMP "\"}]}, \"subject\": {\"reference\": \"Patient/bp%u\"},"
                                  " \"valueDateTime\": \"%s\"}},"
                                  "{\"resource\": {\"resourceType\": \"RiskAssessment\", \"id\": \"br%u\","
                                  " \"status\": \"final\", \"subject\": {\"reference\": \"Patient/bp%u\"},"
                                  " \"occurrenceDateTime\": \"%s\", \"prediction\": [{\"outcome\": {\"coding\":"
                                  " [{\"system\": \"" HZ_SYSTEM_RISK_COLOUR "\", \"code\": \"%s\"}]}}]}}",
                                  n == start ? "" : ",", n, surnames[n % 10], given[(n / 10) % 10],
                                  given[(n / 100) % 10], card, n, n, n, n, lmp_str, n, n, lmp_str,
                                  colours[n % 4]);
        }
      g_string_append (json, "]}");

      if (!hz_store_import_data (store, json->str, json->len, "bench", "bench", NULL, &error))
        g_error ("%s", error->message);
      fprintf (stderr, "\rbuilding the store: %u cases (%.0f s)", MIN (start + PER_BUNDLE, n_cases),
               (now_ms () - t0) / 1000);
    }
  fprintf (stderr, "\n");
}

/* --- waiting for the screen ------------------------------------------------ */

static gboolean painted;

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       data)
{
  painted = TRUE;
}

static void
wait_for_paint (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  painted = FALSE;
  gtk_widget_queue_draw (widget);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), NULL);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handlers_disconnect_by_func (clock, on_after_paint, NULL);
}

static GtkWidget *
find_by_name (GtkWidget  *root,
              const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_name (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean searched;

static void
on_search_changed (GtkSearchEntry *entry,
                   double         *at)
{
  *at = now_ms ();
  searched = TRUE;
}

int
main (int   argc,
      char *argv[])
{
  guint n_cases = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 100000;
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "huizhen-bench", NULL);
  g_autofree char *name = g_strdup_printf ("cases-%u.db", n_cases);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(HzActor) actor = hz_actor_new ("基准测试", HZ_TEAM_OTHER, NULL, NULL);
  g_autoptr(HzStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *target_id = NULL;
  g_autofree char *target_card = NULL;
  GtkWidget *window;
  HzCaseList *list;
  GListModel *model;
  GtkWidget *entry;
  double t0, t_search = 0;

  hz_ui_init ();
  gtk_init ();
  adw_init ();
  hz_shell_register_resource ();

  g_mkdir_with_parents (dir, 0700);
  store = hz_store_new (path, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  hz_store_set_actor (store, actor);
  if (hz_store_count_resources (store, "EpisodeOfCare") < 0 ||
      hz_store_count_resources (store, NULL) < (gint64) n_cases * 4)
    build_store (store, n_cases);

  /* window shown → first rows drawn */
  list = g_object_new (HZ_TYPE_CASE_LIST, NULL);
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 420, 900);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (list));
  model = hz_case_list_get_model (list);

  gtk_window_present (GTK_WINDOW (window));
  while (gtk_widget_get_frame_clock (window) == NULL)
    g_main_context_iteration (NULL, TRUE);
  wait_for_paint (window);

  t0 = now_ms ();
  hz_case_list_set_store (list, store);
  while (g_list_model_get_n_items (model) == 0)
    g_main_context_iteration (NULL, TRUE);
  wait_for_paint (window);
  g_print ("first rows: %.0f ms\n", now_ms () - t0);

  /* the rest of the list, read after the first rows are shown */
  while (!hz_case_list_get_loaded (list))
    g_main_context_iteration (NULL, TRUE);
  g_print ("all rows: %.0f ms\n", now_ms () - t0);

  /* typing an ID-card tail: the last six characters of one case */
  target_card = id_card (n_cases / 2 + 7);
  entry = find_by_name (window, "case-search-entry");
  if (!GTK_IS_SEARCH_ENTRY (entry))
    g_error ("no search entry: found %s", entry ? G_OBJECT_TYPE_NAME (entry) : "nothing");
  hz_case_list_start_search (list);
  g_signal_connect (entry, "search-changed", G_CALLBACK (on_search_changed), &t_search);
  t0 = now_ms ();
  gtk_editable_set_text (GTK_EDITABLE (entry), target_card + 12);
  while (!searched)
    g_main_context_iteration (NULL, TRUE);
  while (g_list_model_get_n_items (model) > 1000)
    g_main_context_iteration (NULL, TRUE);
  wait_for_paint (window);
  g_print ("search: %.0f ms (%u rows; after the entry's %.0f ms typing delay)\n",
           now_ms () - t_search, g_list_model_get_n_items (model), t_search - t0);

  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  while (g_list_model_get_n_items (model) < 1000)
    g_main_context_iteration (NULL, TRUE);
  wait_for_paint (window);

  /* another process re-grades one visible case */
  {
    g_autoptr(GObject) first = g_list_model_get_item (model, 0);
    g_autofree char *bundle = NULL;
    g_autofree char *bundle_path = g_build_filename (dir, "regrade.json", NULL);
    g_autoptr(GSubprocess) cli = NULL;
    g_autofree char *patient = NULL;
    g_autofree char *rid = g_uuid_string_random ();

    target_id = g_strdup (hz_case_summary_get_case_id (HZ_CASE_SUMMARY (first)));
    patient = g_strdup (hz_case_summary_get_patient_id (HZ_CASE_SUMMARY (first)));
    bundle = g_strdup_printf ("{\"resourceType\": \"RiskAssessment\", \"id\": \"%s\", \"status\": \"final\","
                              " \"subject\": {\"reference\": \"Patient/%s\"},"
                              " \"occurrenceDateTime\": \"2099-01-01\", \"prediction\": [{\"outcome\":"
                              " {\"coding\": [{\"system\": \"" HZ_SYSTEM_RISK_COLOUR "\", \"code\": \"red\"}]}}]}",
                              rid, patient);
    g_file_set_contents (bundle_path, bundle, -1, &error);
    g_assert_no_error (error);

    t0 = now_ms ();
    cli = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, HUIZHEN_CLI_PATH,
                            "--db", path, "--user", "外院医生|obstetrics||县医院",
                            "import", bundle_path, NULL);
    g_assert_no_error (error);
    for (;;)
      {
        g_autoptr(GObject) found = NULL;

        for (guint i = 0; i < g_list_model_get_n_items (model) && found == NULL; i++)
          {
            g_autoptr(GObject) item = g_list_model_get_item (model, i);

            if (g_strcmp0 (hz_case_summary_get_case_id (HZ_CASE_SUMMARY (item)), target_id) == 0)
              found = g_steal_pointer (&item);
          }
        if (found != NULL && hz_case_summary_get_risk (HZ_CASE_SUMMARY (found)) == HZ_RISK_RED &&
            found != first)
          break;
        g_main_context_iteration (NULL, TRUE);
      }
    wait_for_paint (window);
    g_print ("one change: %.0f ms\n", now_ms () - t0);
    g_subprocess_wait (cli, NULL, NULL);
  }

  /* another order: by name */
  t0 = now_ms ();
  hz_case_list_set_sort_mode (list, "name");
  wait_for_paint (window);
  g_print ("sort: %.0f ms\n", now_ms () - t0);

  g_print ("rss: %" G_GINT64_FORMAT " MB\n", rss_mb ());
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
