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
#include <jpeglib.h>
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

/* An ultrasound-like RGB frame: a dark fan with speckle and a moving arc */
static void
draw_frame (guint8 *rgb,
            guint   f)
{
  guint32 seed = 2463534242u + f;

  for (guint y = 0; y < CINE_HEIGHT; y++)
    for (guint x = 0; x < CINE_WIDTH; x++)
      {
        guint8 *p = rgb + ((gsize) y * CINE_WIDTH + x) * 3;
        int dx = (int) x - CINE_WIDTH / 2;
        gboolean inside = y > 40 && (guint) ABS (dx) < (y - 40) * 0.8;
        guint v = 0;

        seed ^= seed << 13; seed ^= seed >> 17; seed ^= seed << 5;
        if (inside)
          v = (seed & 0x3F) + ((y + f * 2) % 97 < 8 ? 120 : 20);
        p[0] = p[1] = p[2] = (guint8) MIN (v, 255u);
        if (y < 30 && x < 200)
          p[0] = 255, p[1] = 200, p[2] = 0;   /* a coloured label */
      }
}

static void
encode_jpeg (const guint8  *rgb,
             unsigned char **out,
             unsigned long  *size)
{
  struct jpeg_compress_struct cinfo;
  struct jpeg_error_mgr jerr;

  cinfo.err = jpeg_std_error (&jerr);
  jpeg_create_compress (&cinfo);
  jpeg_mem_dest (&cinfo, out, size);
  cinfo.image_width = CINE_WIDTH;
  cinfo.image_height = CINE_HEIGHT;
  cinfo.input_components = 3;
  cinfo.in_color_space = JCS_RGB;
  jpeg_set_defaults (&cinfo);
  jpeg_set_quality (&cinfo, 90, TRUE);
  /* 4:2:2, as YBR_FULL_422 says */
  cinfo.comp_info[0].h_samp_factor = 2;
  cinfo.comp_info[0].v_samp_factor = 1;
  cinfo.write_JFIF_header = FALSE;
  jpeg_start_compress (&cinfo, TRUE);
  while (cinfo.next_scanline < cinfo.image_height)
    {
      JSAMPROW row = (JSAMPROW) rgb + (gsize) cinfo.next_scanline * CINE_WIDTH * 3;

      jpeg_write_scanlines (&cinfo, &row, 1);
    }
  jpeg_finish_compress (&cinfo);
  jpeg_destroy_compress (&cinfo);
}

static void
put_short (GByteArray *out,
           guint       group,
           guint       element,
           const char *vr,
           guint       value)
{
  guint16 v = (guint16) value;

  hz_test_dicom_put_element (out, group, element, vr, &v, 2);
}

static void
put_text (GByteArray *out,
          guint       group,
          guint       element,
          const char *vr,
          const char *text)
{
  g_autofree char *padded = g_strdup_printf (strlen (text) % 2 ? "%s " : "%s", text);

  if (strcmp (vr, "UI") == 0 && strlen (text) % 2)
    padded[strlen (text)] = '\0';
  hz_test_dicom_put_element (out, group, element, vr, padded, (guint) strlen (text) + strlen (text) % 2);
}

static char *
write_cine (const char *dir)
{
  g_autoptr(GByteArray) file = hz_test_dicom_part10 ("1.2.840.10008.1.2.4.50");
  g_autoptr(GPtrArray) frames = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) sizes = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autofree guint8 *rgb = g_malloc ((gsize) CINE_WIDTH * CINE_HEIGHT * 3);
  char *path = g_build_filename (dir, "cine.dcm", NULL);
  g_autofree char *count = g_strdup_printf ("%d", CINE_FRAMES);
  guint32 offset = 0;

  for (guint f = 0; f < CINE_FRAMES; f++)
    {
      unsigned char *jpeg = NULL;
      unsigned long size = 0;
      gsize even;

      draw_frame (rgb, f);
      encode_jpeg (rgb, &jpeg, &size);
      even = size + size % 2;
      g_ptr_array_add (frames, g_memdup2 (jpeg, even));
      if (even > size)
        ((guint8 *) g_ptr_array_index (frames, f))[size] = 0;
      g_array_append_val (sizes, even);
      free (jpeg);
    }

  put_text (file, 0x0008, 0x0016, "UI", "1.2.840.10008.5.1.4.1.1.3.1");
  put_text (file, 0x0008, 0x0018, "UI", "1.2.826.0.1.3680043.10.1186.9.1");
  put_text (file, 0x0008, 0x0060, "CS", "US");
  put_text (file, 0x0018, 0x1063, "DS", "33.3");
  put_short (file, 0x0028, 0x0002, "US", 3);
  put_text (file, 0x0028, 0x0004, "CS", "YBR_FULL_422");
  put_short (file, 0x0028, 0x0006, "US", 0);
  put_text (file, 0x0028, 0x0008, "IS", count);
  put_short (file, 0x0028, 0x0010, "US", CINE_HEIGHT);
  put_short (file, 0x0028, 0x0011, "US", CINE_WIDTH);
  put_short (file, 0x0028, 0x0100, "US", 8);
  put_short (file, 0x0028, 0x0101, "US", 8);
  put_short (file, 0x0028, 0x0102, "US", 7);
  put_short (file, 0x0028, 0x0103, "US", 0);
  hz_test_dicom_put_element (file, 0x7FE0, 0x0010, "OB", NULL, 0xFFFFFFFF);
  /* the Basic Offset Table */
  hz_test_dicom_put16 (file, 0xFFFE); hz_test_dicom_put16 (file, 0xE000);
  hz_test_dicom_put32 (file, CINE_FRAMES * 4);
  for (guint f = 0; f < CINE_FRAMES; f++)
    {
      hz_test_dicom_put32 (file, offset);
      offset += 8 + (guint32) g_array_index (sizes, gsize, f);
    }
  for (guint f = 0; f < CINE_FRAMES; f++)
    {
      gsize size = g_array_index (sizes, gsize, f);

      hz_test_dicom_put16 (file, 0xFFFE); hz_test_dicom_put16 (file, 0xE000);
      hz_test_dicom_put32 (file, (guint32) size);
      g_byte_array_append (file, g_ptr_array_index (frames, f), (guint) size);
    }
  hz_test_dicom_put16 (file, 0xFFFE); hz_test_dicom_put16 (file, 0xE0DD);
  hz_test_dicom_put32 (file, 0);
  g_assert_true (g_file_set_contents (path, (const char *) file->data, file->len, NULL));
  return path;
}

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
  g_autofree char *cine = write_cine (dir);
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
