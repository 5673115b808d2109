/* bench-imaging.c — how fast images and clips go into a case
 *
 * Prints, one a line: a 256 MiB clip imported (MiB/s) and the peak RSS
 * that took (the clip is streamed into its blob, never held: the RSS must
 * stay far below the clip's size); 300 DICOM files of a folder imported
 * (files/s, one study written once); the same folder again, where every
 * file is already in the case (files/s).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE
#include "config.h"

#include <string.h>
#include <sys/resource.h>
#include <glib/gstdio.h>
#include <huizhen.h>

#include "hz-test-dicom.h"

#define CLIP_MIB  256
#define N_FILES   300

static const char case_bundle[] =
  "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":["
  "{\"resource\":{\"resourceType\":\"Patient\",\"id\":\"b-patient\","
  "\"name\":[{\"text\":\"刘海燕\"}]},\"request\":{\"method\":\"PUT\",\"url\":\"Patient/b-patient\"}},"
  "{\"resource\":{\"resourceType\":\"EpisodeOfCare\",\"id\":\"b-case\",\"status\":\"active\","
  "\"patient\":{\"reference\":\"Patient/b-patient\"}},"
  "\"request\":{\"method\":\"PUT\",\"url\":\"EpisodeOfCare/b-case\"}}]}";

static double
peak_rss_mib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

static HzImagingImportResult *
import_one (HzStore    *store,
            const char *path)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  HzImagingImportResult *result;

  g_ptr_array_add (files, g_file_new_for_path (path));
  result = hz_imaging_import (store, "b-case", files, NULL, NULL, NULL, &error);
  if (result == NULL)
    g_error ("import of %s: %s", path, error->message);
  return result;
}

int
main (void)
{
  static const guint8 webm_head[] = {
    0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81, 0x01, 0x42, 0xF7, 0x81, 0x01, 0x42, 0xF2, 0x81,
    0x04, 0x42, 0xF3, 0x81, 0x08, 0x42, 0x82, 0x84, 'w', 'e', 'b', 'm', 0x42, 0x87, 0x81, 0x04,
    0x42, 0x85, 0x81, 0x02,
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-imaging-XXXXXX", &error);
  g_autofree char *db = g_build_filename (dir, "huizhen.db", NULL);
  g_autofree char *clip = g_build_filename (dir, "clip.webm", NULL);
  g_autofree char *folder = g_build_filename (dir, "study", NULL);
  g_autofree guint8 *chunk = g_malloc0 (1024 * 1024);
  g_autoptr(HzActor) actor = hz_actor_new ("王医生", HZ_TEAM_OBSTETRICS, "主治医师", "云州市妇幼保健院");
  g_autoptr(HzStore) store = NULL;
  g_autoptr(HzImagingImportResult) result = NULL;
  g_autofree char *template_path = NULL;
  g_autofree char *template = NULL;
  const char *sop = "1.2.826.0.1.3680043.10.1186.1.2";
  HzTestImage image = { 240, 320, 1, 1, "MONOCHROME2", 8, 8, FALSE, 0,
                        "(0010,0010) PN [LIU^HAIYAN]\n", NULL };
  gsize length = 0;
  g_autofree guint8 *pixels = NULL;
  char *at, *second;
  FILE *out;
  gint64 start;
  double seconds, rss_before;

  g_assert_no_error (error);
  store = hz_store_new (db, &error);
  g_assert_no_error (error);
  hz_store_set_actor (store, actor);
  g_assert_true (hz_store_import_data (store, case_bundle, -1, "bench", NULL, NULL, &error));

  /* a 256 MiB clip */
  out = g_fopen (clip, "wb");
  fwrite (webm_head, 1, sizeof webm_head, out);
  for (guint i = 0; i < CLIP_MIB; i++)
    {
      memset (chunk, (int) i, 1024 * 1024);
      fwrite (chunk, 1, 1024 * 1024, out);
    }
  fclose (out);
  rss_before = peak_rss_mib ();
  start = g_get_monotonic_time ();
  result = import_one (store, clip);
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_assert_cmpuint (result->n_added, ==, 1);
  g_print ("clip import %u MiB: %.0f MiB/s\n", CLIP_MIB, CLIP_MIB / seconds);
  g_print ("clip import peak RSS: %.1f MiB (%.1f before)\n", peak_rss_mib (), rss_before);
  g_clear_pointer (&result, hz_imaging_import_result_free);

  /* 300 DICOM files of one study, each its own SOP Instance UID */
  pixels = hz_test_dicom_pixels (&image, &length);
  template_path = hz_test_dicom_make (dir, "template", &image, pixels, length);
  g_assert_true (g_file_get_contents (template_path, &template, &length, NULL));
  /* the UID stands in the file meta (0002,0003) and the data set (0008,0018) */
  at = memmem (template, length, sop, strlen (sop));
  g_assert_nonnull (at);
  second = memmem (at + 1, length - (gsize) (at + 1 - template), sop, strlen (sop));
  g_assert_nonnull (second);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  for (guint i = 0; i < N_FILES; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/IMG%03u", folder, i);
      char digits[4];

      g_snprintf (digits, sizeof digits, "%03u", 100 + i);
      memcpy (at + strlen (sop) - 3, digits, 3);
      memcpy (second + strlen (sop) - 3, digits, 3);
      g_assert_true (g_file_set_contents (path, template, (gssize) length, NULL));
    }
  start = g_get_monotonic_time ();
  result = import_one (store, folder);
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_assert_cmpuint (result->n_added, ==, N_FILES);
  g_print ("DICOM folder import (%u files of %zu bytes): %.0f files/s\n", N_FILES, length,
           N_FILES / seconds);
  g_clear_pointer (&result, hz_imaging_import_result_free);

  start = g_get_monotonic_time ();
  result = import_one (store, folder);
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_assert_cmpuint (result->n_present, ==, N_FILES);
  g_print ("DICOM folder again, all present: %.0f files/s\n", N_FILES / seconds);

  g_clear_object (&store);
  {
    const char *argv[] = { "rm", "-rf", dir, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  }
  return 0;
}
