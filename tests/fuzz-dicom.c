/* fuzz-dicom.c — mutated DICOM files under AddressSanitizer
 *
 * Seeds are made by dcmtk from known pixels (native explicit and implicit
 * VR, big endian, deflated, RLE, JPEG lossless, JPEG-LS, JPEG baseline, a
 * multi-frame cine with an ultrasound region sequence). Each mutation —
 * bit flips, a truncation, a length field overwritten, bytes duplicated —
 * is parsed, summarised and every frame decoded and displayed: the reader
 * must refuse it with an error or read it, and ASan must see nothing. The
 * random sequence is fixed (seeded), so a failure reproduces.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "hz-dicom.h"
#include "hz-test-dicom.h"

#define MUTATIONS_PER_SEED 2000

static char *tmp_dir;

static void
exercise (const guint8 *data,
          gsize         length)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, length);
  g_autoptr(GError) error = NULL;
  g_autoptr(HzDicom) dicom = hz_dicom_new_from_bytes (bytes, &error);
  g_autoptr(HzDicomInfo) info = NULL;
  guint n;

  if (dicom == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == HZ_DICOM_ERROR);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      return;
    }
  info = hz_dicom_get_info (dicom);
  g_assert_true (info->patient_name == NULL || g_utf8_validate (info->patient_name, -1, NULL));
  n = MIN (hz_dicom_get_n_frames (dicom), 3u);
  for (guint f = 0; f < n; f++)
    {
      g_autoptr(HzDicomFrame) frame = hz_dicom_decode_frame (dicom, f, &error);

      if (frame == NULL)
        {
          g_assert_nonnull (error);
          g_clear_error (&error);
          continue;
        }
      g_free (hz_dicom_frame_to_rgb (dicom, frame));
    }
}

static void
mutate (GRand  *rand,
        guint8 *data,
        gsize  *length)
{
  guint kind = g_rand_int_range (rand, 0, 5);
  gsize at;

  if (*length < 16)
    return;
  at = (gsize) g_rand_int_range (rand, 0, (gint32) *length);
  switch (kind)
    {
    case 0:   /* a few bit flips */
      for (guint i = 0, n = g_rand_int_range (rand, 1, 8); i < n; i++)
        {
          gsize p = (gsize) g_rand_int_range (rand, 0, (gint32) *length);

          data[p] ^= (guint8) (1u << g_rand_int_range (rand, 0, 8));
        }
      break;
    case 1:   /* truncation */
      *length = at;
      break;
    case 2:   /* a 32-bit length overwritten: huge, undefined, small */
      {
        static const guint32 values[] = { 0xFFFFFFFF, 0xFFFFFFFE, 0x7FFFFFFF, 0, 1, 3, 0x10000 };
        guint32 v = values[g_rand_int_range (rand, 0, G_N_ELEMENTS (values))];

        if (at + 4 <= *length)
          memcpy (data + at, &v, 4);
      }
      break;
    case 3:   /* a 16-bit length overwritten */
      if (at + 2 <= *length)
        {
          guint16 v = (guint16) g_rand_int_range (rand, 0, 65536);

          memcpy (data + at, &v, 2);
        }
      break;
    default:  /* random bytes */
      for (guint i = 0, n = g_rand_int_range (rand, 1, 16); i < n && at + i < *length; i++)
        data[at + i] = (guint8) g_rand_int_range (rand, 0, 256);
      break;
    }
}

static void
fuzz_seed (gconstpointer user_data)
{
  const char *path = user_data;
  g_autofree char *original = NULL;
  gsize size;
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_str_hash (path));

  g_assert_true (g_file_get_contents (path, &original, &size, NULL));
  exercise ((const guint8 *) original, size);
  for (guint i = 0; i < MUTATIONS_PER_SEED; i++)
    {
      g_autofree guint8 *copy = g_memdup2 (original, size);
      gsize length = size;

      for (guint m = 0, n = g_rand_int_range (rand, 1, 4); m < n; m++)
        mutate (rand, copy, &length);
      exercise (copy, length);
    }
}

int
main (int   argc,
      char *argv[])
{
  const HzTestImage grey = { 24, 32, 1, 1, "MONOCHROME2", 8, 8, FALSE, 0, NULL, NULL };
  const HzTestImage rgb = { 16, 24, 1, 3, "RGB", 8, 8, FALSE, 0, NULL, NULL };
  const HzTestImage wide = { 16, 24, 1, 1, "MONOCHROME2", 16, 12, FALSE, 0,
                             "(0028,1050) DS [2048]\n(0028,1051) DS [4096]\n", NULL };
  const HzTestImage cine = { 16, 20, 3, 1, "MONOCHROME2", 8, 8, FALSE, 0,
                             "(0008,0005) CS [GB18030]\n(0010,0010) PN [王小红]\n(0018,1063) DS [33.3]\n"
                             "(0018,6011) SQ (Sequence with undefined length #=1)\n"
                             "(fffe,e000) na (Item with undefined length #=2)\n"
                             "(0018,602c) FD 0.01\n(0018,6024) US 3\n"
                             "(fffe,e00d) na (ItemDelimitationItem)\n"
                             "(fffe,e0dd) na (SequenceDelimitationItem)\n", "GB18030" };
  static const struct { const char *name; const char *tool; const char *args; } conversions[] = {
    { "implicit", "dcmconv", "+ti" },
    { "big", "dcmconv", "+tb" },
    { "deflated", "dcmconv", "+td" },
    { "rle", "dcmcrle", "" },
    { "sv1", "dcmcjpeg", "+e1" },
    { "sv6", "dcmcjpeg", "+el" },
    { "jls", "dcmcjpls", "" },
    { "baseline", "dcmcjpeg", "+eb" },
  };
  const HzTestImage *images[] = { &grey, &rgb, &wide, &cine };
  const char *names[] = { "grey", "rgb", "wide", "cine" };
  g_autoptr(GPtrArray) seeds = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *template = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  template = g_build_filename (g_get_tmp_dir (), "fuzz-dicom-XXXXXX", NULL);
  tmp_dir = g_mkdtemp (template);
  g_assert_nonnull (tmp_dir);

  for (guint i = 0; i < G_N_ELEMENTS (images); i++)
    {
      gsize length;
      g_autofree guint8 *pixels = hz_test_dicom_pixels (images[i], &length);
      char *native = hz_test_dicom_make (tmp_dir, names[i], images[i], pixels, length);

      g_ptr_array_add (seeds, native);
      for (guint c = 0; c < G_N_ELEMENTS (conversions); c++)
        {
          g_autofree char *name = g_strdup_printf ("%s-%s", names[i], conversions[c].name);

          /* JPEG baseline is 8-bit only */
          if (images[i]->bits_stored > 8 && strcmp (conversions[c].name, "baseline") == 0)
            continue;
          g_ptr_array_add (seeds, hz_test_dicom_convert (tmp_dir, native, name, conversions[c].tool,
                                                         conversions[c].args));
        }
    }
  for (guint i = 0; i < seeds->len; i++)
    {
      g_autofree char *base = g_path_get_basename (g_ptr_array_index (seeds, i));
      g_autofree char *test_path = g_strdup_printf ("/dicom/fuzz/%s", base);

      g_test_add_data_func (test_path, g_ptr_array_index (seeds, i), fuzz_seed);
    }
  status = g_test_run ();

  {
    g_autoptr(GDir) dir = g_dir_open (tmp_dir, 0, NULL);
    const char *entry;

    while (dir != NULL && (entry = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (tmp_dir, entry, NULL);

        g_remove (path);
      }
    g_rmdir (tmp_dir);
  }
  return status;
}
