/* bench-startup.c — cold start of huizhen to its first painted window, against
 * an empty GTK 4 window on the same display.
 *
 * usage: bench-startup [RUNS]   (needs a display: run under xvfb-run)
 *
 * Each program is started RUNS times (default 7); the time from spawn until it
 * reports its first painted frame on stdout is measured; the medians are
 * printed one figure a line:
 *   empty window: N ms                      with the renderer huizhen picks
 *                                           (cairo without GL on a machine
 *                                           without a GPU, else GTK's default)
 *   empty window, GTK's default renderer: N ms
 *   huizhen first window: N ms
 *   ratio: X.XX                             huizhen / empty window, same renderer
 *   ratio to GTK's default: X.XX
 *   huizhen first case rows: N ms           the first frame showing the case list's rows
 *                                           (the four demo cases)
 *   empty AdwApplicationWindow: N ms        same renderer, a single-instance application
 *                                           as GNOME Builder's template makes it (like huizhen)
 *   rows ratio: X.XX                        first case rows / empty AdwApplicationWindow
 *   empty AdwApplicationWindow, non-unique application: N ms
 *   rows ratio to a non-unique application: X.XX
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <glib/gstdio.h>
#include <hz-ui.h>

static void
on_after_paint (GdkFrameClock *clock,
                GtkWindow     *window)
{
  g_signal_handlers_disconnect_by_func (clock, on_after_paint, window);
  g_print ("first-frame\n");
  fflush (stdout);
  exit (0);
}

static void
on_map (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), widget);
}

static void
on_adw_activate (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  g_signal_connect (window, "map", G_CALLBACK (on_map), NULL);
  gtk_window_present (GTK_WINDOW (window));
}

/* An empty libadwaita application window: the fair comparison for the
 * app's first frame with content (Adwaita style sheet, session bus). With
 * @unique, a single-instance application as GNOME Builder's template makes
 * it (G_APPLICATION_DEFAULT_FLAGS: it owns its name on the bus, as huizhen
 * does); else G_APPLICATION_NON_UNIQUE. */
static int
run_empty_adw_window (gboolean unique)
{
  g_autofree char *id = g_strdup_printf ("io.github.huizhen.BenchEmpty.p%d", (int) getpid ());
  g_autoptr(AdwApplication) app = adw_application_new (id, unique ? G_APPLICATION_DEFAULT_FLAGS
                                                                   : G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (on_adw_activate), NULL);
  return g_application_run (G_APPLICATION (app), 0, NULL);
}

static int
run_empty_window (void)
{
  GtkWidget *window;

  gtk_init ();
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  g_signal_connect (window, "map", G_CALLBACK (on_map), NULL);
  gtk_window_present (GTK_WINDOW (window));
  for (;;)
    g_main_context_iteration (NULL, TRUE);
  return 0;
}

static double
time_to_marker (const char * const *argv,
                const char * const *envp,
                const char * const *unset,
                const char         *marker)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GDataInputStream) in = NULL;
  g_autofree char *line = NULL;
  gint64 start;
  double ms;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  for (guint i = 0; envp != NULL && envp[i] != NULL; i += 2)
    g_subprocess_launcher_setenv (launcher, envp[i], envp[i + 1], TRUE);
  for (guint i = 0; unset != NULL && unset[i] != NULL; i++)
    g_subprocess_launcher_unsetenv (launcher, unset[i]);

  start = g_get_monotonic_time ();
  proc = g_subprocess_launcher_spawnv (launcher, argv, &error);
  if (proc == NULL)
    g_error ("cannot start %s: %s", argv[0], error->message);

  in = g_data_input_stream_new (g_subprocess_get_stdout_pipe (proc));
  while ((line = g_data_input_stream_read_line (in, NULL, NULL, &error)) != NULL)
    {
      if (g_str_has_prefix (line, marker))
        break;
      g_clear_pointer (&line, g_free);
    }
  ms = (g_get_monotonic_time () - start) / 1000.0;
  if (line == NULL)
    g_error ("%s exited without printing %s", argv[0], marker);

  g_subprocess_force_exit (proc);
  g_subprocess_wait (proc, NULL, NULL);
  return ms;
}

static double
time_to_first_frame (const char * const *argv,
                     const char * const *envp,
                     const char * const *unset)
{
  return time_to_marker (argv, envp, unset, "first-frame");
}

static int
cmp_double (gconstpointer a,
            gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *v,
        guint   n)
{
  qsort (v, n, sizeof *v, (GCompareFunc) cmp_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *self = NULL;
  g_autofree char *huizhen = NULL;
  g_autofree char *tmpdir = NULL;
  g_autofree char *db = NULL;
  g_autofree double *empty = NULL;
  g_autofree double *empty_default = NULL;
  g_autofree double *app = NULL;
  g_autofree char *renderer = NULL;
  guint runs = 7;
  double m_empty, m_empty_default, m_app;

  if (argc > 1 && g_str_equal (argv[1], "--empty-window"))
    return run_empty_window ();
  if (argc > 1 && g_str_equal (argv[1], "--empty-adw-window"))
    return run_empty_adw_window (FALSE);
  if (argc > 1 && g_str_equal (argv[1], "--empty-adw-window-unique"))
    return run_empty_adw_window (TRUE);

  if (argc > 1)
    runs = MAX (1, atoi (argv[1]));

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_printerr ("bench-startup needs a display: run it under xvfb-run -a dbus-run-session\n");
      return 77;
    }

  self = g_file_read_link ("/proc/self/exe", NULL);
  huizhen = g_build_filename (HZ_BUILD_ROOT, "app", "shell", "huizhen", NULL);
  tmpdir = g_dir_make_tmp ("huizhen-bench-XXXXXX", NULL);
  db = g_build_filename (tmpdir, "bench.db", NULL);

  empty = g_new0 (double, runs);
  empty_default = g_new0 (double, runs);
  app = g_new0 (double, runs);

  /* The renderer huizhen picks (hz_ui_init() before GTK): set here, the
   * empty window inherits it too. */
  {
    g_autofree char *gsk = g_strdup (g_getenv ("GSK_RENDERER"));
    g_autofree char *gdk = g_strdup (g_getenv ("GDK_DEBUG"));

    hz_ui_init ();
    if (g_strcmp0 (gsk, g_getenv ("GSK_RENDERER")) != 0 || g_strcmp0 (gdk, g_getenv ("GDK_DEBUG")) != 0)
      renderer = g_strdup_printf ("GSK_RENDERER=%s GDK_DEBUG=%s", g_getenv ("GSK_RENDERER"),
                                  g_getenv ("GDK_DEBUG"));
  }

  {
    const char *empty_argv[] = { self, "--empty-window", NULL };
    const char *app_argv[] = { huizhen, "--db", db, NULL };
    const char *app_env[] = {
      "HUIZHEN_BENCH_FIRST_FRAME", "1",
      "HUIZHEN_USER", "bench|obstetrics|bench|bench",
      "GSETTINGS_BACKEND", "memory",
      NULL,
    };

    const char *gtk_default[] = { "GSK_RENDERER", "GDK_DEBUG", NULL };

    /* One warm-up of each so all start from the same page cache. */
    time_to_first_frame (empty_argv, NULL, NULL);
    time_to_first_frame (empty_argv, NULL, gtk_default);
    time_to_first_frame (app_argv, app_env, NULL);

    for (guint i = 0; i < runs; i++)
      {
        empty[i] = time_to_first_frame (empty_argv, NULL, NULL);
        empty_default[i] = renderer != NULL ? time_to_first_frame (empty_argv, NULL, gtk_default) : empty[i];
        app[i] = time_to_first_frame (app_argv, app_env, NULL);
      }
  }

  m_empty = median (empty, runs);
  m_empty_default = median (empty_default, runs);
  m_app = median (app, runs);
  g_print ("renderer: %s\n", renderer != NULL ? renderer : "GTK's default");
  g_print ("empty window: %.0f ms\n", m_empty);
  g_print ("empty window, GTK's default renderer: %.0f ms\n", m_empty_default);
  g_print ("huizhen first window: %.0f ms\n", m_app);
  g_print ("ratio: %.2f\n", m_app / m_empty);
  g_print ("ratio to GTK's default: %.2f\n", m_app / m_empty_default);

  /* The first frame that shows case rows, over the four demo cases */
  {
    g_autofree double *rows = g_new0 (double, runs);
    g_autofree double *adw = g_new0 (double, runs);
    g_autofree double *adw_unique = g_new0 (double, runs);
    g_autofree char *rows_db = g_build_filename (tmpdir, "rows.db", NULL);
    g_autoptr(HzActor) actor = hz_actor_new ("bench", HZ_TEAM_OTHER, NULL, NULL);
    g_autoptr(GError) error = NULL;
    const char *adw_argv[] = { self, "--empty-adw-window", NULL };
    const char *adw_unique_argv[] = { self, "--empty-adw-window-unique", NULL };
    const char *rows_argv[] = { huizhen, "--db", rows_db, NULL };
    const char *rows_env[] = {
      "HUIZHEN_BENCH_FIRST_FRAME", "1",
      "HUIZHEN_USER", "bench|obstetrics|bench|bench",
      "GSETTINGS_BACKEND", "memory",
      NULL,
    };
    double m_rows, m_adw, m_adw_unique;

    {
      g_autoptr(HzStore) store = hz_store_new (rows_db, &error);

      if (store == NULL)
        g_error ("%s", error->message);
      hz_store_set_actor (store, actor);
      if (!hz_demo_import (store, NULL, NULL, NULL, &error))
        g_error ("%s", error->message);
    }

    time_to_marker (rows_argv, rows_env, NULL, "first-rows");
    time_to_first_frame (adw_argv, NULL, NULL);
    time_to_first_frame (adw_unique_argv, NULL, NULL);
    for (guint i = 0; i < runs; i++)
      {
        rows[i] = time_to_marker (rows_argv, rows_env, NULL, "first-rows");
        adw[i] = time_to_first_frame (adw_argv, NULL, NULL);
        adw_unique[i] = time_to_first_frame (adw_unique_argv, NULL, NULL);
      }
    m_rows = median (rows, runs);
    m_adw = median (adw, runs);
    m_adw_unique = median (adw_unique, runs);
    g_print ("huizhen first case rows: %.0f ms\n", m_rows);
    g_print ("empty AdwApplicationWindow: %.0f ms\n", m_adw_unique);
    g_print ("rows ratio: %.2f\n", m_rows / m_adw_unique);
    g_print ("empty AdwApplicationWindow, non-unique application: %.0f ms\n", m_adw);
    g_print ("rows ratio to a non-unique application: %.2f\n", m_rows / m_adw);
  }

  g_unlink (db);
  {
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);
    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (tmpdir);
  return 0;
}
