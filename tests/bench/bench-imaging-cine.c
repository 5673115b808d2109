/* bench-imaging-cine.c — does the imaging viewer's cine play at its frame rate?
 *
 *   xvfb-run -a bench-imaging-cine [--frames N] [--renderer cairo|gl|ngl]
 *
 * Writes a 300-frame 800×600 JPEG-baseline ultrasound cine (Frame Time
 * 33.3 ms, 30 fps; hz_test_dicom_write_jpeg_cine), plays it once through
 * the viewer's player (appsrc → videoconvert → appsink → paintable) in the
 * viewer's canvas (its GtkPicture, zoomed to fit, with the overlay text
 * the Imaging page draws) in a real window on the cairo renderer
 * (GSK_RENDERER=cairo unless --renderer says otherwise), and counts after
 * each paint of the window whether a new frame was drawn. Prints, one a line:
 *   frames shown: N     (distinct frames the window painted)
 *   dropped: N          (frames of the cine never painted)
 *   fps: N              (frames shown per second between the first and the last)
 *   late: N             (the sink's and the main loop's drops, from the player)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "hz-imaging-canvas.h"
#include "hz-imaging-paintable.h"
#include "hz-imaging-player.h"
#include "hz-test-dicom.h"

typedef struct
{
  HzImagingPlayer *player;
  GdkTexture      *last;      /* not a reference: compared only */
  guint            shown;
  gint64           first_us, last_us;
  gboolean         done;
  GHashTable      *frames;    /* frame numbers painted */
} Bench;

static void
after_paint (GdkFrameClock *clock,
             gpointer       data)
{
  Bench *bench = data;
  GdkTexture *texture =
    hz_imaging_paintable_get_texture (HZ_IMAGING_PAINTABLE (hz_imaging_player_get_paintable (bench->player)));

  if (texture == NULL || texture == bench->last)
    return;
  bench->last = texture;
  bench->shown++;
  g_hash_table_add (bench->frames, GINT_TO_POINTER (hz_imaging_player_get_frame (bench->player)));
  bench->last_us = g_get_monotonic_time ();
  if (bench->first_us == 0)
    bench->first_us = bench->last_us;
}

static void
on_playing (GObject    *object,
            GParamSpec *pspec,
            gpointer    data)
{
  Bench *bench = data;

  if (!hz_imaging_player_get_playing (bench->player))
    bench->done = TRUE;
}

static void
on_frame (GObject    *object,
          GParamSpec *pspec,
          gpointer    data)
{
  HzImagingPlayer *player = HZ_IMAGING_PLAYER (object);
  g_autofree char *right = g_strdup_printf ("帧 %d / %u\n窗宽 256  窗位 128\n缩放 适应窗口（100%%）",
                                            MAX (hz_imaging_player_get_frame (player), 0) + 1,
                                            hz_imaging_player_get_n_frames (player));

  hz_imaging_canvas_set_overlay (HZ_IMAGING_CANVAS (data), "王小红  ID HZ-0001\n检查日期 2026年12月3日\n检查时孕周 孕24+3周",
                                 right, "标尺 0.125 毫米/像素");
}

static void
on_error (HzImagingPlayer *player,
          const char      *message,
          gpointer         data)
{
  g_printerr ("bench-imaging-cine: %s\n", message);
  exit (1);
}

int
main (int    argc,
      char **argv)
{
  int n_frames = 300;
  const char *renderer = NULL;
  GOptionEntry entries[] = {
    { "frames", 0, 0, G_OPTION_ARG_INT, &n_frames, "frames of the cine (300)", "N" },
    { "renderer", 0, 0, G_OPTION_ARG_STRING, &renderer, "GSK renderer (cairo)", "NAME" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— cine playback in the viewer");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *cine = NULL;
  g_autoptr(HzImagingPlayer) player = NULL;
  HzImagingPlayerStats stats;
  GtkWidget *window, *canvas;
  GdkFrameClock *clock;
  Bench bench = { 0 };
  double fps;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  g_setenv ("GSK_RENDERER", renderer != NULL ? renderer : "cairo", TRUE);
  if (!gtk_init_check ())
    {
      g_printerr ("bench-imaging-cine: no display (run it under xvfb-run)\n");
      return 1;
    }

  dir = g_dir_make_tmp ("bench-imaging-XXXXXX", &error);
  g_assert_no_error (error);
  cine = hz_test_dicom_write_jpeg_cine (dir, "cine", (guint) n_frames, 800, 600, 33.3);

  player = hz_imaging_player_new_dicom (cine, &error);
  if (player == NULL)
    {
      g_printerr ("bench-imaging-cine: %s\n", error->message);
      return 1;
    }
  hz_imaging_player_set_loop (player, FALSE);
  g_signal_connect (player, "error", G_CALLBACK (on_error), NULL);
  bench.player = player;
  bench.frames = g_hash_table_new (NULL, NULL);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  canvas = hz_imaging_canvas_new ();
  hz_imaging_canvas_set_player (HZ_IMAGING_CANVAS (canvas), player);
  /* the overlay as the page keeps it: the frame counter changes with every frame */
  g_signal_connect (player, "notify::frame", G_CALLBACK (on_frame), canvas);
  on_frame (G_OBJECT (player), NULL, canvas);
  gtk_window_set_child (GTK_WINDOW (window), canvas);
  gtk_window_present (GTK_WINDOW (window));

  while (!hz_imaging_player_get_ready (player) || hz_imaging_player_get_frame (player) < 0)
    g_main_context_iteration (NULL, TRUE);
  /* settle the first paint before the clock starts */
  for (int i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);

  clock = gtk_widget_get_frame_clock (window);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint), &bench);
  g_signal_connect (player, "notify::playing", G_CALLBACK (on_playing), &bench);
  bench.last = hz_imaging_paintable_get_texture (HZ_IMAGING_PAINTABLE (hz_imaging_player_get_paintable (player)));
  /* frame 0 is on the screen already */
  bench.shown = 1;
  g_hash_table_add (bench.frames, GINT_TO_POINTER (0));
  bench.first_us = g_get_monotonic_time ();
  hz_imaging_player_set_playing (player, TRUE);
  while (!bench.done)
    g_main_context_iteration (NULL, TRUE);
  /* the last frame's paint */
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);

  hz_imaging_player_get_stats (player, &stats);
  fps = bench.last_us > bench.first_us
        ? (bench.shown - 1) / ((bench.last_us - bench.first_us) / 1e6) : 0;
  printf ("frames shown: %u\n", g_hash_table_size (bench.frames));
  printf ("dropped: %d\n", n_frames - (int) g_hash_table_size (bench.frames));
  printf ("fps: %.1f\n", fps);
  printf ("late: %" G_GUINT64_FORMAT "\n", stats.dropped);

  hz_imaging_player_stop (player);
  gtk_window_destroy (GTK_WINDOW (window));
  g_hash_table_unref (bench.frames);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);

        g_unlink (path);
      }
    g_rmdir (dir);
  }
  return 0;
}
