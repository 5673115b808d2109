/* bench-dicom.c — how fast the DICOM reader decodes frames
 *
 *   bench-dicom [--compare]
 *
 * Generates a 300-frame 800×600 JPEG-baseline (YBR_FULL_422) ultrasound
 * cine and a 512×512 16-bit implicit VR little endian image, decodes
 * every frame of the cine and the image 500 times (opened each time),
 * and prints frames per second, one figure a line. With --compare it also
 * runs `huizhen-cli dicom frame FILE --frame all -o DIR/%d.png` and
 * dcmtk's `dcmj2pnm +Fa +on FILE DIR/dcmtk` on the cine and prints each
 * one's wall time and peak RSS (wait4's ru_maxrss); the target is twice
 * as fast with a quarter of the memory.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <glib/gstdio.h>
#include <huizhen.h>

#include "hz-test-dicom.h"

#ifndef HUIZHEN_CLI_PATH
# error "HUIZHEN_CLI_PATH must name the huizhen-cli executable"
#endif

#define CINE_FRAMES  300
#define CINE_WIDTH   800
#define CINE_HEIGHT  600
#define CT_REPEATS   500

/* a 512 × 512 16-bit CT-like image, implicit VR little endian */
static char *
write_ct (const char *dir)
{
  g_autoptr(GByteArray) file = hz_test_dicom_part10 ("1.2.840.10008.1.2");
  char *path = g_build_filename (dir, "ct.dcm", NULL);
  static const struct { guint16 g, e; guint16 v; } shorts[] = {
    { 0x0028, 0x0002, 1 }, { 0x0028, 0x0010, 512 }, { 0x0028, 0x0011, 512 },
    { 0x0028, 0x0100, 16 }, { 0x0028, 0x0101, 16 }, { 0x0028, 0x0102, 15 }, { 0x0028, 0x0103, 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (shorts); i++)
    {
      if (i == 1)
        {
          hz_test_dicom_put16 (file, 0x0028); hz_test_dicom_put16 (file, 0x0004);
          hz_test_dicom_put32 (file, 12);
          g_byte_array_append (file, (const guint8 *) "MONOCHROME2 ", 12);
        }
      hz_test_dicom_put16 (file, shorts[i].g); hz_test_dicom_put16 (file, shorts[i].e);
      hz_test_dicom_put32 (file, 2); hz_test_dicom_put16 (file, shorts[i].v);
    }
  hz_test_dicom_put16 (file, 0x0028); hz_test_dicom_put16 (file, 0x1050);
  hz_test_dicom_put32 (file, 2); g_byte_array_append (file, (const guint8 *) "40", 2);
  hz_test_dicom_put16 (file, 0x0028); hz_test_dicom_put16 (file, 0x1051);
  hz_test_dicom_put32 (file, 4); g_byte_array_append (file, (const guint8 *) "400 ", 4);
  hz_test_dicom_put16 (file, 0x7FE0); hz_test_dicom_put16 (file, 0x0010);
  hz_test_dicom_put32 (file, 512 * 512 * 2);
  for (guint y = 0; y < 512; y++)
    for (guint x = 0; x < 512; x++)
      hz_test_dicom_put16 (file, (guint) ((gint16) ((x * 7 + y * 3) % 2000) - 1000));
  g_assert_true (g_file_set_contents (path, (const char *) file->data, file->len, NULL));
  return path;
}

static double
decode_all (const char *path,
            guint       repeats)
{
  gint64 start = g_get_monotonic_time ();
  guint frames = 0;

  for (guint r = 0; r < repeats; r++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(HzDicom) dicom = hz_dicom_open (path, &error);
      guint n;

      g_assert_no_error (error);
      n = hz_dicom_get_n_frames (dicom);
      for (guint f = 0; f < n; f++)
        {
          g_autoptr(HzDicomFrame) frame = hz_dicom_decode_frame (dicom, f, &error);
          g_autofree guint8 *rgb = NULL;

          g_assert_no_error (error);
          rgb = hz_dicom_frame_to_rgb (dicom, frame);
          frames++;
        }
    }
  return frames / ((g_get_monotonic_time () - start) / 1e6);
}

/* Runs @argv, returns its wall time in seconds and peak RSS in MiB */
static void
measure (const char * const *argv,
         double             *seconds,
         double             *mib)
{
  g_autoptr(GError) error = NULL;
  GPid pid;
  int status;
  struct rusage usage;
  gint64 start = g_get_monotonic_time ();

  if (!g_spawn_async (NULL, (char **) argv, NULL,
                      G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                      NULL, NULL, &pid, &error))
    g_error ("%s: %s", argv[0], error->message);
  if (wait4 (pid, &status, 0, &usage) < 0 || !WIFEXITED (status) || WEXITSTATUS (status) != 0)
    g_error ("%s failed", argv[0]);
  *seconds = (g_get_monotonic_time () - start) / 1e6;
  *mib = usage.ru_maxrss / 1024.0;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("bench-dicom-XXXXXX", NULL);
  g_autofree char *cine = hz_test_dicom_write_jpeg_cine (dir, "cine", CINE_FRAMES, CINE_WIDTH, CINE_HEIGHT, 33.3);
  g_autofree char *ct = write_ct (dir);
  gboolean compare = argc > 1 && strcmp (argv[1], "--compare") == 0;

  printf ("jpeg-baseline 800x600 cine (%d frames): %.1f frames/s\n", CINE_FRAMES, decode_all (cine, 1));
  printf ("implicit-le 512x512 16-bit (x%d): %.1f frames/s\n", CT_REPEATS, decode_all (ct, CT_REPEATS));

  if (compare)
    {
      g_autofree char *ours = g_build_filename (dir, "hz-%d.png", NULL);
      g_autofree char *theirs = g_build_filename (dir, "dcmtk", NULL);
      const char *hz_argv[] = { HUIZHEN_CLI_PATH, "dicom", "frame", cine, "--frame", "all", "-o", ours, NULL };
      const char *dcmtk_argv[] = { "dcmj2pnm", "+Fa", "+on", cine, theirs, NULL };
      double hz_s, hz_mib, dcmtk_s, dcmtk_mib;

      measure (hz_argv, &hz_s, &hz_mib);
      measure (dcmtk_argv, &dcmtk_s, &dcmtk_mib);
      printf ("huizhen-cli dicom frame --frame all (PNG): %.2f s, %.1f MiB peak RSS\n", hz_s, hz_mib);
      printf ("dcmj2pnm +Fa +on (PNG): %.2f s, %.1f MiB peak RSS\n", dcmtk_s, dcmtk_mib);
      printf ("speed-up %.2f×, memory %.2f of dcmtk's\n", dcmtk_s / hz_s, hz_mib / dcmtk_mib);
    }

  {
    g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
    const char *entry;

    while ((entry = g_dir_read_name (handle)) != NULL)
      {
        g_autofree char *path = g_build_filename (dir, entry, NULL);

        g_remove (path);
      }
    g_rmdir (dir);
  }
  return 0;
}
