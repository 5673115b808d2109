/* hz-test-dicom.c — DICOM fixtures made with dcmtk (see hz-test-dicom.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jpeglib.h>
#include <gio/gio.h>

#include "hz-test-dicom.h"

void
hz_test_dicom_run (const char * const *argv)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                     &status, &error))
    g_error ("%s cannot run (build-aux/dev installs dcmtk): %s", argv[0], error->message);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s failed: %s\n%s%s", argv[0], error->message, out, err);
}

guint
hz_test_dicom_pattern (guint x,
                       guint y,
                       guint s,
                       guint f,
                       guint bits)
{
  guint64 v = (guint64) x * 37 + (guint64) y * 91 + (guint64) s * 1001 + (guint64) f * 13 + (x * y) % 7;

  if (bits >= 32)
    return (guint) (v * 2654435761u);
  return (guint) (v % ((guint64) 1 << bits));
}

guint8 *
hz_test_dicom_pixels (const HzTestImage *image,
                      gsize             *length)
{
  guint bps = image->bits_allocated / 8;
  gsize n = (gsize) image->rows * image->columns * image->samples * image->frames;
  guint8 *data = g_malloc0 (n * bps);
  gsize at = 0;

  for (guint f = 0; f < image->frames; f++)
    for (guint y = 0; y < image->rows; y++)
      for (guint x = 0; x < image->columns; x++)
        for (guint s = 0; s < image->samples; s++)
          {
            guint v = hz_test_dicom_pattern (x, y, s, f, image->bits_stored);

            if (image->is_signed && image->bits_stored < 32 && v >= (1u << (image->bits_stored - 1)))
              v |= ~((1u << image->bits_stored) - 1);   /* sign-extended */
            for (guint b = 0; b < bps; b++)
              data[at * bps + b] = (guint8) (v >> (8 * b));
            at++;
          }
  *length = n * bps;
  return data;
}

char *
hz_test_dicom_make (const char        *dir,
                    const char        *name,
                    const HzTestImage *image,
                    const guint8      *pixels,
                    gsize              length)
{
  g_autofree char *raw = g_strdup_printf ("%s/%s.raw", dir, name);
  g_autofree char *dump = g_strdup_printf ("%s/%s.txt", dir, name);
  char *path = g_strdup_printf ("%s/%s.dcm", dir, name);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *encoded = NULL;
  gsize encoded_length = 0;
  const char *argv[] = { "dump2dcm", "-q", dump, path, NULL };

  g_assert_true (g_file_set_contents (raw, (const char *) pixels, (gssize) length, &error));
  g_string_append (text, "(0002,0010) UI =LittleEndianExplicit\n");
  g_string_append_printf (text, "(0008,0016) UI %s\n",
                          image->frames > 1 ? "=UltrasoundMultiframeImageStorage" : "=UltrasoundImageStorage");
  g_string_append (text, "(0008,0018) UI [1.2.826.0.1.3680043.10.1186.1.2]\n"
                         "(0008,0020) DA [20261203]\n"
                         "(0008,0060) CS [US]\n"
                         "(0020,000d) UI [1.2.826.0.1.3680043.10.1186.1]\n"
                         "(0020,000e) UI [1.2.826.0.1.3680043.10.1186.1.1]\n");
  if (image->extra != NULL)
    g_string_append (text, image->extra);
  g_string_append_printf (text, "(0028,0002) US %u\n", image->samples);
  g_string_append_printf (text, "(0028,0004) CS [%s]\n", image->photometric);
  if (image->samples > 1)
    g_string_append_printf (text, "(0028,0006) US %u\n", image->planar);
  if (image->frames > 1)
    g_string_append_printf (text, "(0028,0008) IS [%u]\n", image->frames);
  g_string_append_printf (text, "(0028,0010) US %u\n(0028,0011) US %u\n", image->rows, image->columns);
  g_string_append_printf (text, "(0028,0100) US %u\n(0028,0101) US %u\n(0028,0102) US %u\n(0028,0103) US %u\n",
                          image->bits_allocated, image->bits_stored, image->bits_stored - 1,
                          image->is_signed ? 1 : 0);
  g_string_append_printf (text, "(7fe0,0010) %s =%s\n", image->bits_allocated > 8 ? "OW" : "OB", raw);
  if (image->charset != NULL)
    {
      encoded = g_convert (text->str, (gssize) text->len, image->charset, "UTF-8", NULL, &encoded_length, &error);
      g_assert_no_error (error);
    }
  else
    {
      encoded = g_strdup (text->str);
      encoded_length = text->len;
    }
  g_assert_true (g_file_set_contents (dump, encoded, (gssize) encoded_length, &error));
  hz_test_dicom_run (argv);
  return path;
}

char *
hz_test_dicom_convert (const char *dir,
                       const char *src,
                       const char *name,
                       const char *tool,
                       const char *args)
{
  char *path = g_strdup_printf ("%s/%s.dcm", dir, name);
  g_auto(GStrv) words = g_strsplit (args, " ", -1);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (char *) tool);
  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_ptr_array_add (argv, words[i]);
  g_ptr_array_add (argv, (char *) src);
  g_ptr_array_add (argv, path);
  g_ptr_array_add (argv, NULL);
  hz_test_dicom_run ((const char * const *) argv->pdata);
  return path;
}

/* --- hand-built bytes --------------------------------------------------- */

void
hz_test_dicom_put16 (GByteArray *out,
       guint       v)
{
  guint8 b[2] = { v & 0xFF, v >> 8 };

  g_byte_array_append (out, b, 2);
}

void
hz_test_dicom_put32 (GByteArray *out,
       guint32     v)
{
  guint8 b[4] = { v & 0xFF, (v >> 8) & 0xFF, (v >> 16) & 0xFF, v >> 24 };

  g_byte_array_append (out, b, 4);
}

/* an explicit VR little endian element with a short length */
void
hz_test_dicom_put_element (GByteArray *out,
             guint       group,
             guint       element,
             const char *vr,
             const void *value,
             guint       length)
{
  hz_test_dicom_put16 (out, group);
  hz_test_dicom_put16 (out, element);
  g_byte_array_append (out, (const guint8 *) vr, 2);
  if (strcmp (vr, "OB") == 0 || strcmp (vr, "OW") == 0 || strcmp (vr, "SQ") == 0 || strcmp (vr, "UN") == 0)
    {
      hz_test_dicom_put16 (out, 0);
      hz_test_dicom_put32 (out, length);
    }
  else
    hz_test_dicom_put16 (out, length);
  if (value != NULL)
    g_byte_array_append (out, value, length);
}

GByteArray *
hz_test_dicom_part10 (const char *transfer_syntax)
{
  GByteArray *out = g_byte_array_new ();
  guint8 preamble[128] = { 0 };
  gsize length = strlen (transfer_syntax) + (strlen (transfer_syntax) % 2);
  g_autofree char *uid = g_strndup (transfer_syntax, length);

  if (length > strlen (transfer_syntax))
    uid[length - 1] = '\0';
  g_byte_array_append (out, preamble, 128);
  g_byte_array_append (out, (const guint8 *) "DICM", 4);
  hz_test_dicom_put_element (out, 0x0002, 0x0010, "UI", uid, (guint) length);
  return out;
}

/* An ultrasound-like RGB frame: a dark fan with speckle and a moving arc */
static void
draw_frame (guint8 *rgb,
            guint   f,
            guint   width,
            guint   height)
{
  guint32 seed = 2463534242u + f;

  for (guint y = 0; y < height; y++)
    for (guint x = 0; x < width; x++)
      {
        guint8 *p = rgb + ((gsize) y * width + x) * 3;
        int dx = (int) x - (int) width / 2;
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
             guint           width,
             guint           height,
             unsigned char **out,
             unsigned long  *size)
{
  struct jpeg_compress_struct cinfo;
  struct jpeg_error_mgr jerr;

  cinfo.err = jpeg_std_error (&jerr);
  jpeg_create_compress (&cinfo);
  jpeg_mem_dest (&cinfo, out, size);
  cinfo.image_width = width;
  cinfo.image_height = height;
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
      JSAMPROW row = (JSAMPROW) rgb + (gsize) cinfo.next_scanline * width * 3;

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

/* An ultrasound multi-frame's data set up to its encapsulated Pixel Data
 * header: 8-bit colour, @study (nullable) with a series of it */
static void
put_cine_header (GByteArray *file,
                 const char *sop,
                 const char *frame_time,
                 const char *study,
                 const char *photometric,
                 guint       n_frames,
                 guint       width,
                 guint       height)
{
  g_autofree char *count = g_strdup_printf ("%u", n_frames);

  put_text (file, 0x0008, 0x0016, "UI", "1.2.840.10008.5.1.4.1.1.3.1");
  put_text (file, 0x0008, 0x0018, "UI", sop);
  put_text (file, 0x0008, 0x0060, "CS", "US");
  put_text (file, 0x0018, 0x1063, "DS", frame_time);
  if (study != NULL)
    {
      g_autofree char *series = g_strconcat (study, ".5", NULL);

      put_text (file, 0x0020, 0x000d, "UI", study);
      put_text (file, 0x0020, 0x000e, "UI", series);
    }
  put_short (file, 0x0028, 0x0002, "US", 3);
  put_text (file, 0x0028, 0x0004, "CS", photometric);
  put_short (file, 0x0028, 0x0006, "US", 0);
  put_text (file, 0x0028, 0x0008, "IS", count);
  put_short (file, 0x0028, 0x0010, "US", height);
  put_short (file, 0x0028, 0x0011, "US", width);
  put_short (file, 0x0028, 0x0100, "US", 8);
  put_short (file, 0x0028, 0x0101, "US", 8);
  put_short (file, 0x0028, 0x0102, "US", 7);
  put_short (file, 0x0028, 0x0103, "US", 0);
  hz_test_dicom_put_element (file, 0x7FE0, 0x0010, "OB", NULL, 0xFFFFFFFF);
}

char *
hz_test_dicom_write_jpeg_cine (const char *dir,
                               const char *name,
                               guint       n_frames,
                               guint       width,
                               guint       height,
                               double      frame_time_ms)
{
  g_autoptr(GByteArray) file = hz_test_dicom_part10 ("1.2.840.10008.1.2.4.50");
  g_autoptr(GPtrArray) frames = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) sizes = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autofree guint8 *rgb = g_malloc ((gsize) width * height * 3);
  g_autofree char *file_name = g_strdup_printf ("%s.dcm", name);
  char *path = g_build_filename (dir, file_name, NULL);
  guint32 offset = 0;
  char frame_time[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (frame_time, sizeof frame_time, "%.1f", frame_time_ms);

  for (guint f = 0; f < n_frames; f++)
    {
      unsigned char *jpeg = NULL;
      unsigned long size = 0;
      gsize even;

      draw_frame (rgb, f, width, height);
      encode_jpeg (rgb, width, height, &jpeg, &size);
      even = size + size % 2;
      g_ptr_array_add (frames, g_memdup2 (jpeg, even));
      if (even > size)
        ((guint8 *) g_ptr_array_index (frames, f))[size] = 0;
      g_array_append_val (sizes, even);
      free (jpeg);
    }

  put_cine_header (file, "1.2.826.0.1.3680043.10.1186.9.1", frame_time, NULL, "YBR_FULL_422",
                   n_frames, width, height);
  /* the Basic Offset Table */
  hz_test_dicom_put16 (file, 0xFFFE); hz_test_dicom_put16 (file, 0xE000);
  hz_test_dicom_put32 (file, n_frames * 4);
  for (guint f = 0; f < n_frames; f++)
    {
      hz_test_dicom_put32 (file, offset);
      offset += 8 + (guint32) g_array_index (sizes, gsize, f);
    }
  for (guint f = 0; f < n_frames; f++)
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

char *
hz_test_dicom_write_video (const char   *dir,
                           const char   *name,
                           const char   *transfer_syntax,
                           const char   *sop,
                           const guint8 *stream,
                           gsize         length,
                           gsize         fragment_size,
                           guint         n_frames,
                           guint         width,
                           guint         height,
                           double        frame_time_ms)
{
  g_autoptr(GByteArray) file = hz_test_dicom_part10 (transfer_syntax);
  g_autofree char *file_name = g_strdup_printf ("%s.dcm", name);
  char *path = g_build_filename (dir, file_name, NULL);
  char frame_time[G_ASCII_DTOSTR_BUF_SIZE];

  g_assert_cmpuint (fragment_size, >, 1);
  g_ascii_formatd (frame_time, sizeof frame_time, "%.3f", frame_time_ms);
  put_cine_header (file, sop, frame_time, "1.2.826.0.1.3680043.10.1186.1", "YBR_PARTIAL_420",
                   n_frames, width, height);
  /* an empty Basic Offset Table, then the stream in even-length fragments
   * (the last one padded with a zero, as PS3.5 A.4 has it) */
  hz_test_dicom_put16 (file, 0xFFFE); hz_test_dicom_put16 (file, 0xE000);
  hz_test_dicom_put32 (file, 0);
  fragment_size -= fragment_size % 2;
  for (gsize at = 0; at < length; at += fragment_size)
    {
      gsize n = MIN (fragment_size, length - at);
      guint8 pad = 0;

      hz_test_dicom_put16 (file, 0xFFFE); hz_test_dicom_put16 (file, 0xE000);
      hz_test_dicom_put32 (file, (guint32) (n + n % 2));
      g_byte_array_append (file, stream + at, (guint) n);
      if (n % 2)
        g_byte_array_append (file, &pad, 1);
    }
  hz_test_dicom_put16 (file, 0xFFFE); hz_test_dicom_put16 (file, 0xE0DD);
  hz_test_dicom_put32 (file, 0);
  g_assert_true (g_file_set_contents (path, (const char *) file->data, file->len, NULL));
  return path;
}
