/* hz-dicom-png.c — a small, fast PNG writer for displayed frames
 *
 * 8-bit RGB, no row filter, zlib level 1: a cine of hundreds of frames is
 * written at disk speed (cairo's writer through libpng filters every row
 * and compresses at the default level, several times slower). The file
 * is written next to its name and renamed over it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-dicom"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <zlib.h>

#include "hz-dicom.h"

static void
put32 (GByteArray *out,
       guint32     v)
{
  guint8 b[4] = { v >> 24, v >> 16, v >> 8, v };

  g_byte_array_append (out, b, 4);
}

static void
put_chunk (GByteArray   *out,
           const char   *type,
           const guint8 *data,
           gsize         length)
{
  uLong crc = crc32 (0, (const Bytef *) type, 4);

  if (length > 0)
    crc = crc32 (crc, data, (uInt) length);
  put32 (out, (guint32) length);
  g_byte_array_append (out, (const guint8 *) type, 4);
  if (length > 0)
    g_byte_array_append (out, data, (guint) length);
  put32 (out, (guint32) crc);
}

gboolean
hz_dicom_write_png (const char    *path,
                    const guint8  *rgb,
                    guint          width,
                    guint          height,
                    GError       **error)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
  g_autoptr(GByteArray) out = g_byte_array_sized_new ((guint) MIN ((gsize) width * height * 2 + 1024, (gsize) G_MAXUINT / 2));
  guint8 header[13];
  z_stream stream = { 0 };
  gsize row_bytes = (gsize) width * 3;
  gsize bound;
  g_autofree guint8 *idat = NULL;
  guint8 filter = 0;
  g_autoptr(GError) local_error = NULL;

  g_byte_array_append (out, signature, 8);
  header[0] = width >> 24; header[1] = width >> 16; header[2] = width >> 8; header[3] = width;
  header[4] = height >> 24; header[5] = height >> 16; header[6] = height >> 8; header[7] = height;
  header[8] = 8;    /* bit depth */
  header[9] = 2;    /* RGB */
  header[10] = 0; header[11] = 0; header[12] = 0;
  put_chunk (out, "IHDR", header, sizeof header);

  deflateInit (&stream, 1);
  bound = deflateBound (&stream, (uLong) ((row_bytes + 1) * height));
  idat = g_malloc (bound);
  stream.next_out = idat;
  stream.avail_out = (uInt) bound;
  for (guint y = 0; y < height; y++)
    {
      stream.next_in = &filter;
      stream.avail_in = 1;
      deflate (&stream, Z_NO_FLUSH);
      stream.next_in = (Bytef *) rgb + (gsize) y * row_bytes;
      stream.avail_in = (uInt) row_bytes;
      deflate (&stream, Z_NO_FLUSH);
    }
  deflate (&stream, Z_FINISH);
  put_chunk (out, "IDAT", idat, stream.total_out);
  deflateEnd (&stream);
  put_chunk (out, "IEND", NULL, 0);

  if (!g_file_set_contents_full (path, (const char *) out->data, out->len,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0644, &local_error))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}
