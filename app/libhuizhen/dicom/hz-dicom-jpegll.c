/* hz-dicom-jpegll.c — JPEG lossless, process 14 (ITU T.81 annex H):
 * Huffman decoding and the seven predictors, point transform, restart
 * intervals, interleaved and one-component-a-scan images
 *
 * libjpeg-turbo 2.1 cannot decode it and old archives are full of it
 * (transfer syntaxes 1.2.840.10008.1.2.4.57 and .70). Every read is
 * bounded by the buffer; a stream that runs out is padded with zeros and
 * reported, never read past.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-dicom"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "hz-dicom.h"
#include "hz-dicom-private.h"

#define LOOKAHEAD 9

typedef struct
{
  gboolean defined;
  guint8   huffval[256];
  int      maxcode[18];    /* largest code of each length, -1 when none */
  int      valptr[17];
  int      mincode[17];
  guint16  fast[1 << LOOKAHEAD];   /* (length << 8) | value, 0 when longer */
} HuffTable;

typedef struct
{
  const guint8 *p;
  const guint8 *end;
  guint32       acc;
  int           bits;
  guint         padding;   /* zero bytes made up past the data or at a marker */
} BitReader;

typedef struct
{
  guint id;
  guint table;
  int  *samples;    /* width × height */
} Component;

typedef struct
{
  const guint8 *data;
  gsize         length;
  gsize         pos;
  guint         precision;
  guint         width, height;
  guint         n_components;
  Component     components[4];
  HuffTable     tables[4];
  guint         restart_interval;
  gboolean      seen_frame;
} Decoder;

static gboolean G_GNUC_PRINTF (2, 3)
fail (GError    **error,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, HZ_DICOM_ERROR, HZ_DICOM_ERROR_CODEC, _("the JPEG lossless data is broken: %s"), message);
  return FALSE;
}

static gboolean
build_table (HuffTable    *table,
             const guint8 *counts,
             GError      **error)
{
  int code = 0, k = 0;

  memset (table->fast, 0, sizeof table->fast);
  for (int l = 1; l <= 16; l++)
    {
      int n = counts[l - 1];

      table->valptr[l] = k;
      table->mincode[l] = code;
      if (n == 0)
        table->maxcode[l] = -1;
      else
        {
          for (int i = 0; i < n; i++)
            {
              if (code >= (1 << l))
                return fail (error, "%s", _("a Huffman table has more codes than fit"));
              if (l <= LOOKAHEAD)
                {
                  int first = code << (LOOKAHEAD - l);

                  for (int f = 0; f < (1 << (LOOKAHEAD - l)); f++)
                    table->fast[first + f] = (guint16) (l << 8 | table->huffval[k + i]);
                }
              code++;
            }
          table->maxcode[l] = code - 1;
          k += n;
        }
      code <<= 1;
    }
  table->maxcode[17] = G_MAXINT;
  table->defined = TRUE;
  return TRUE;
}

static inline void
fill (BitReader *br)
{
  while (br->bits <= 24)
    {
      guint8 byte = 0;

      if (br->p < br->end && br->p[0] != 0xFF)
        byte = *br->p++;
      else if (br->p + 1 < br->end && br->p[0] == 0xFF && br->p[1] == 0x00)
        {
          byte = 0xFF;
          br->p += 2;
        }
      else if (br->p < br->end && br->p + 1 >= br->end)
        br->p++, br->padding++;   /* a lone 0xFF at the very end */
      else
        br->padding++;   /* a marker, or the end: zeros */
      br->acc |= (guint32) byte << (24 - br->bits);
      br->bits += 8;
    }
}

static inline guint
get_bits (BitReader *br,
          int        n)
{
  guint v;

  if (n == 0)
    return 0;
  fill (br);
  v = br->acc >> (32 - n);
  br->acc <<= n;
  br->bits -= n;
  return v;
}

static inline int
decode_huffman (BitReader       *br,
                const HuffTable *table)
{
  guint peek;
  guint16 entry;

  fill (br);
  peek = br->acc >> (32 - LOOKAHEAD);
  entry = table->fast[peek];
  if (entry != 0)
    {
      int l = entry >> 8;

      br->acc <<= l;
      br->bits -= l;
      return entry & 0xFF;
    }
  for (int l = LOOKAHEAD + 1; l <= 16; l++)
    {
      int code = (int) (br->acc >> (32 - l));

      if (table->maxcode[l] >= 0 && code <= table->maxcode[l])
        {
          br->acc <<= l;
          br->bits -= l;
          return table->huffval[table->valptr[l] + code - table->mincode[l]];
        }
    }
  return -1;
}

static inline int
decode_difference (BitReader       *br,
                   const HuffTable *table,
                   gboolean        *bad)
{
  int s = decode_huffman (br, table);
  int v;

  if (s < 0 || s > 16)
    {
      *bad = TRUE;
      return 0;
    }
  if (s == 0)
    return 0;
  if (s == 16)
    return 32768;
  v = (int) get_bits (br, s);
  if (v < (1 << (s - 1)))
    v = v - (1 << s) + 1;
  return v;
}

static guint
read16be (const guint8 *p)
{
  return (guint) p[0] << 8 | p[1];
}

static gboolean
read_dht (Decoder      *dec,
          const guint8 *p,
          gsize         length,
          GError      **error)
{
  gsize pos = 0;

  while (pos < length)
    {
      guint klass, id, total = 0;
      HuffTable *table;

      if (length - pos < 17)
        return fail (error, "%s", _("a Huffman table is cut short"));
      klass = p[pos] >> 4;
      id = p[pos] & 0x0F;
      if (id > 3 || klass > 1)
        return fail (error, "%s", _("a Huffman table has a bad class or number"));
      for (guint i = 0; i < 16; i++)
        total += p[pos + 1 + i];
      if (total > 256 || length - pos - 17 < total)
        return fail (error, "%s", _("a Huffman table is cut short"));
      /* lossless uses the DC tables; AC ones are read and ignored */
      if (klass == 0)
        {
          table = &dec->tables[id];
          memcpy (table->huffval, p + pos + 17, total);
          if (!build_table (table, p + pos + 1, error))
            return FALSE;
        }
      pos += 17 + total;
    }
  return TRUE;
}

static gboolean
read_sof (Decoder                  *dec,
          const HzDicomPixelModule *m,
          const guint8             *p,
          gsize                     length,
          GError                  **error)
{
  if (length < 6)
    return fail (error, "%s", _("the frame header is cut short"));
  dec->precision = p[0];
  dec->height = read16be (p + 1);
  dec->width = read16be (p + 3);
  dec->n_components = p[5];
  if (dec->precision < 2 || dec->precision > 16)
    return fail (error, _("the sample precision %u is outside 2–16"), dec->precision);
  if (dec->n_components == 0 || dec->n_components > 4 || length < 6 + 3 * (gsize) dec->n_components)
    return fail (error, "%s", _("the frame header is cut short"));
  if (dec->width != m->columns || dec->height != m->rows || dec->n_components != m->samples)
    {
      g_set_error (error, HZ_DICOM_ERROR, HZ_DICOM_ERROR_CODEC,
                   _("the %s image is %u × %u with %u components where the data set says %u × %u with %u"),
                   "JPEG", dec->width, dec->height, dec->n_components, m->columns, m->rows, m->samples);
      return FALSE;
    }
  for (guint c = 0; c < dec->n_components; c++)
    {
      const guint8 *q = p + 6 + 3 * c;

      if (q[1] != 0x11)
        {
          g_set_error (error, HZ_DICOM_ERROR, HZ_DICOM_ERROR_UNSUPPORTED,
                       _("subsampled JPEG lossless components are not decoded"));
          return FALSE;
        }
      dec->components[c].id = q[0];
      dec->components[c].samples = g_new0 (int, (gsize) dec->width * dec->height);
    }
  dec->seen_frame = TRUE;
  return TRUE;
}

static int
predict (guint sv,
         int   ra,
         int   rb,
         int   rc)
{
  switch (sv)
    {
    case 1: return ra;
    case 2: return rb;
    case 3: return rc;
    case 4: return ra + rb - rc;
    case 5: return ra + ((rb - rc) >> 1);
    case 6: return rb + ((ra - rc) >> 1);
    default: return (ra + rb) >> 1;
    }
}

/* The entropy-coded data of one scan, from dec->pos; leaves dec->pos at
 * the marker after it */
static gboolean
decode_scan (Decoder      *dec,
             const guint8 *header,
             gsize         length,
             GError      **error)
{
  Component *scan[4];
  guint ns, sv, pt;
  BitReader br = { 0 };
  gsize pixels;
  guint mcus_left;
  gboolean bad = FALSE;
  int initial;
  guint first_line = 0;   /* the row that uses the first-line rules */
  gboolean restart_first = TRUE;

  if (!dec->seen_frame)
    return fail (error, "%s", _("a scan comes before the frame header"));
  if (length < 1)
    return fail (error, "%s", _("the scan header is cut short"));
  ns = header[0];
  if (ns == 0 || ns > dec->n_components || length < 1 + 2 * (gsize) ns + 3)
    return fail (error, "%s", _("the scan header is cut short"));
  for (guint i = 0; i < ns; i++)
    {
      guint id = header[1 + 2 * i];
      guint table = header[2 + 2 * i] >> 4;

      scan[i] = NULL;
      for (guint c = 0; c < dec->n_components; c++)
        if (dec->components[c].id == id)
          scan[i] = &dec->components[c];
      if (scan[i] == NULL)
        return fail (error, _("the scan names component %u, which the frame does not have"), id);
      if (table > 3 || !dec->tables[table].defined)
        return fail (error, _("the scan uses Huffman table %u, which is not defined"), table);
      scan[i]->table = table;
    }
  sv = header[1 + 2 * ns];
  pt = header[3 + 2 * ns] & 0x0F;
  if (sv < 1 || sv > 7)
    return fail (error, _("the selection value %u is outside 1–7 (not a lossless scan)"), sv);
  if (pt >= dec->precision)
    return fail (error, _("the point transform %u is not below the precision %u"), pt, dec->precision);
  initial = 1 << (dec->precision - pt - 1);

  br.p = dec->data + dec->pos;
  br.end = dec->data + dec->length;
  pixels = (gsize) dec->width * dec->height;
  mcus_left = dec->restart_interval;

  for (guint y = 0; y < dec->height; y++)
    for (guint x = 0; x < dec->width; x++)
      {
        gsize at = (gsize) y * dec->width + x;

        if (dec->restart_interval > 0 && mcus_left == 0)
          {
            /* the next restart marker: drop the padding bits, skip the marker */
            const guint8 *q;

            br.acc = 0;
            br.bits = 0;
            q = br.p;
            while (q + 1 < br.end && !(q[0] == 0xFF && q[1] >= 0xD0 && q[1] <= 0xD7))
              q++;
            if (q + 1 >= br.end)
              return fail (error, "%s", _("a restart marker is missing"));
            br.p = q + 2;
            br.padding = 0;
            mcus_left = dec->restart_interval;
            restart_first = TRUE;
            first_line = y;
          }

        for (guint i = 0; i < ns; i++)
          {
            int *s = scan[i]->samples;
            int px, diff;

            if (restart_first)
              px = initial;
            else if (y == first_line)
              px = s[at - 1];
            else if (x == 0)
              px = s[at - dec->width];
            else
              px = predict (sv, s[at - 1], s[at - dec->width], s[at - dec->width - 1]);
            diff = decode_difference (&br, &dec->tables[scan[i]->table], &bad);
            if (bad)
              return fail (error, _("a Huffman code that is not in the table, at pixel %lu"), (unsigned long) at);
            s[at] = (px + diff) & 0xFFFF;
          }
        restart_first = FALSE;
        if (dec->restart_interval > 0)
          mcus_left--;
      }
  (void) pixels;

  /* four zero bytes of look-ahead at the end are normal; more means the
   * data stopped inside the scan */
  if (br.padding > 4)
    return fail (error, "%s", _("the data ends inside a scan"));
  /* the bytes still in the accumulator were read ahead */
  dec->pos = (gsize) (br.p - dec->data);
  while (dec->pos + 1 < dec->length && !(dec->data[dec->pos] == 0xFF && dec->data[dec->pos + 1] != 0x00
                                         && dec->data[dec->pos + 1] != 0xFF))
    dec->pos++;
  for (guint i = 0; i < ns; i++)
    for (gsize p = 0; p < (gsize) dec->width * dec->height; p++)
      scan[i]->samples[p] = (scan[i]->samples[p] << pt) & ((1 << dec->precision) - 1);
  return TRUE;
}

gboolean
hz_dicom_decode_jpeg_lossless (const HzDicomPixelModule *m,
                               const guint8             *data,
                               gsize                     length,
                               HzDicomFrame             *frame,
                               GError                  **error)
{
  Decoder dec = { 0 };
  guint scans = 0;
  gboolean ok = FALSE;
  gsize pixels = (gsize) m->rows * m->columns;

  dec.data = data;
  dec.length = length;
  if (length < 4 || data[0] != 0xFF || data[1] != 0xD8)
    return fail (error, "%s", _("it does not start with a JPEG start-of-image marker"));
  dec.pos = 2;

  while (TRUE)
    {
      guint marker;
      gsize seg_length;
      const guint8 *seg;

      /* skip fill bytes to the next marker */
      while (dec.pos < length && data[dec.pos] != 0xFF)
        dec.pos++;
      while (dec.pos < length && data[dec.pos] == 0xFF)
        dec.pos++;
      if (dec.pos >= length)
        {
          if (scans > 0)
            break;   /* no EOI: accept what was decoded */
          fail (error, "%s", _("the data ends before a scan"));
          goto out;
        }
      marker = data[dec.pos++];
      if (marker == 0xD9)
        break;
      if (marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01)
        continue;
      if (length - dec.pos < 2)
        {
          fail (error, "%s", _("a marker segment is cut short"));
          goto out;
        }
      seg_length = read16be (data + dec.pos);
      if (seg_length < 2 || seg_length > length - dec.pos)
        {
          fail (error, _("marker %02X's segment of %lu bytes runs past the data"), marker, (unsigned long) seg_length);
          goto out;
        }
      seg = data + dec.pos + 2;
      seg_length -= 2;
      dec.pos += seg_length + 2;

      switch (marker)
        {
        case 0xC3:
          if (dec.seen_frame)
            {
              fail (error, "%s", _("a second frame header"));
              goto out;
            }
          if (!read_sof (&dec, m, seg, seg_length, error))
            goto out;
          break;
        case 0xC0: case 0xC1: case 0xC2: case 0xC5: case 0xC6: case 0xC7:
        case 0xC9: case 0xCA: case 0xCB: case 0xCD: case 0xCE: case 0xCF:
          g_set_error (error, HZ_DICOM_ERROR, HZ_DICOM_ERROR_CODEC,
                       _("the frame is not JPEG lossless process 14 (start-of-frame marker %02X)"), marker);
          goto out;
        case 0xC4:
          if (!read_dht (&dec, seg, seg_length, error))
            goto out;
          break;
        case 0xDD:
          if (seg_length < 2)
            {
              fail (error, "%s", _("a marker segment is cut short"));
              goto out;
            }
          dec.restart_interval = read16be (seg);
          break;
        case 0xDA:
          if (!decode_scan (&dec, seg, seg_length, error))
            goto out;
          scans++;
          break;
        default:
          break;   /* APPn, COM, DQT… */
        }
    }

  if (!dec.seen_frame || scans == 0)
    {
      fail (error, "%s", _("it has no frame header or no scan"));
      goto out;
    }
  if (dec.precision > 8 && frame->bytes_per_sample == 1)
    {
      fail (error, _("the precision %u does not fit in %u bits allocated"), dec.precision, m->bits_allocated);
      goto out;
    }
  for (guint c = 0; c < dec.n_components; c++)
    {
      const int *s = dec.components[c].samples;
      guint n = dec.n_components;

      if (frame->bytes_per_sample == 1)
        for (gsize p = 0; p < pixels; p++)
          frame->data[p * n + c] = (guint8) s[p];
      else if (frame->bytes_per_sample == 2)
        for (gsize p = 0; p < pixels; p++)
          ((guint16 *) frame->data)[p * n + c] = (guint16) s[p];
      else
        for (gsize p = 0; p < pixels; p++)
          ((guint32 *) frame->data)[p * n + c] = (guint32) s[p];
    }
  ok = TRUE;

out:
  for (guint c = 0; c < 4; c++)
    g_free (dec.components[c].samples);
  return ok;
}
