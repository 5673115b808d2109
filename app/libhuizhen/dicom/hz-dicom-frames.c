/* hz-dicom-frames.c — the pixel module, the frame index, frames decoded
 * one at a time, and the displayed image
 *
 * A frame is decoded only when asked for: native frames are copied out of
 * the mapping, compressed ones gathered from their fragments (through the
 * Basic Offset Table, the Extended Offset Table, or one fragment a frame
 * and the codec's start markers) and handed to their codec.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-dicom"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "hz-dicom.h"
#include "hz-dicom-frames-private.h"

#define TAG_PIXEL_DATA HZ_DICOM_TAG (0x7FE0, 0x0010)
/* a frame may not decode to more than this */
#define MAX_FRAME_BYTES ((guint64) 1 << 30)

typedef struct
{
  guint first;   /* fragment index, from 1 */
  guint count;
} FrameSpan;

struct _HzDicomFrames
{
  HzDicom            *dicom;
  HzDicomPixelModule  module;
  HzDicomCoding       coding;
  gboolean            ybr;           /* YBR_FULL or YBR_FULL_422: converted to RGB */
  gboolean            ybr_422;
  gboolean            palette;
  /* native */
  const guint8       *pixels;
  gsize               pixels_length;
  guint64             frame_bits;
  guint16             pixel_vr;
  /* encapsulated */
  GArray             *spans;         /* of FrameSpan */
  /* display */
  guint8             *mono_lut;      /* stored value (as an unsigned pattern) → grey */
  gsize               mono_lut_size;
  guint8             *palette_lut;   /* 3 × entries */
  guint               palette_entries;
  int                 palette_first;
  double              slope, intercept;
  gboolean            invert;
};

static guint
module_uint (const HzDicomDataset *dataset,
             guint32               tag,
             guint                 fallback)
{
  double value;

  if (!hz_dicom_dataset_get_number (dataset, tag, 0, &value) || value < 0 || value > G_MAXUINT)
    return fallback;
  return (guint) value;
}

void
hz_dicom_frames_free (HzDicomFrames *frames)
{
  if (frames == NULL)
    return;
  g_free (frames->module.photometric);
  g_clear_pointer (&frames->spans, g_array_unref);
  g_free (frames->mono_lut);
  g_free (frames->palette_lut);
  g_free (frames);
}

static gboolean
starts_codestream (const HzDicomFragment *fragment,
                   HzDicomCoding          coding)
{
  const guint8 *p = fragment->data;

  if (fragment->length < 4)
    return FALSE;
  if (coding == HZ_DICOM_CODING_JPEG_2000)
    return (p[0] == 0xFF && p[1] == 0x4F && p[2] == 0xFF && p[3] == 0x51)
           || (fragment->length >= 8 && memcmp (p + 4, "jP  ", 4) == 0);
  return p[0] == 0xFF && p[1] == 0xD8;
}

/* The fragment that starts at @offset (from the first fragment's item) */
static gboolean
fragment_at (GArray *fragments,
             guint64 offset,
             guint  *index)
{
  for (guint i = 1; i < fragments->len; i++)
    if (g_array_index (fragments, HzDicomFragment, i).offset == offset)
      {
        *index = i;
        return TRUE;
      }
  return FALSE;
}

static gboolean
index_fragments (HzDicomFrames  *frames,
                 GError        **error)
{
  const HzDicomDataset *ds = hz_dicom_get_dataset (frames->dicom);
  GArray *fragments = hz_dicom_get_fragments (frames->dicom);
  const HzDicomFragment *table = &g_array_index (fragments, HzDicomFragment, 0);
  guint n_frames = frames->module.frames;
  guint n_fragments = fragments->len - 1;
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (guint));
  gsize eot_length = 0;
  const guint8 *eot = hz_dicom_dataset_get_raw (ds, HZ_DICOM_TAG (0x7FE0, 0x0001), &eot_length);

  if (fragments->len == 0 || n_fragments == 0)
    {
      g_set_error (error, HZ_DICOM_ERROR, HZ_DICOM_ERROR_NO_PIXELS,
                   _("The encapsulated pixel data (7FE0,0010) holds no fragment"));
      return FALSE;
    }

  if (eot != NULL && eot_length / 8 >= n_frames)
    {
      /* the Extended Offset Table: 64-bit offsets, little endian */
      for (guint i = 0; i < n_frames; i++)
        {
          guint64 offset = 0;
          guint index;

          for (int b = 7; b >= 0; b--)
            offset = offset << 8 | eot[(gsize) i * 8 + (guint) b];
          if (!fragment_at (fragments, offset, &index))
            {
              g_set_error (error, HZ_DICOM_ERROR, HZ_DICOM_ERROR_INVALID,
                           _("Extended Offset Table (7FE0,0001) entry %u (%llu) does not point to a fragment"),
                           i, (unsigned long long) offset);
              return FALSE;
            }
          g_array_append_val (starts, index);
        }
    }
  else if (table->length > 0)
    {
      if (table->length % 4 != 0 || table->length / 4 < n_frames)
        {
          g_set_error (error, HZ_DICOM_ERROR, HZ_DICOM_ERROR_INVALID,
                       _("The Basic Offset Table has %lu bytes for %u frames"),
                       (unsigned long) table->length, n_frames);
          return FALSE;
        }
      for (guint i = 0; i < n_frames; i++)
        {
          const guint8 *p = table->data + (gsize) i * 4;
          guint32 offset = (guint32) p[3] << 24 | (guint32) p[2] << 16 | (guint32) p[1] << 8 | p[0];
          guint index;

          if (!fragment_at (fragments, offset, &index))
            {
              g_set_error (error, HZ_DICOM_ERROR, HZ_DICOM_ERROR_INVALID,
                           _("Basic Offset Table entry %u (%u) does not point to a fragment"), i, offset);
              return FALSE;
            }
          g_array_append_val (starts, index);
        }
    }
  else if (n_fragments == n_frames)
    for (guint i = 1; i <= n_fragments; i++)
      g_array_append_val (starts, i);
  else if (n_frames == 1)
    {
      guint one = 1;

      g_array_append_val (starts, one);
    }
  else
    {
      /* no table and more fragments than frames: a frame starts where a
       * fragment starts a codestream */
      if (frames->coding == HZ_DICOM_CODING_RLE)
        {
          g_set_error (error, HZ_DICOM_ERROR, HZ_DICOM_ERROR_INVALID,
                       _("RLE pixel data has %u fragments for %u frames (one a frame is required)"),
                       n_fragments, n_frames);
          return FALSE;
        }
      for (guint i = 1; i <= n_fragments; i++)
        if (starts_codestream (&g_array_index (fragments, HzDicomFragment, i), frames->coding))
          g_array_append_val (starts, i);
      if (starts->len != n_frames)
        {
          g_set_error (error, HZ_DICOM_ERROR, HZ_DICOM_ERROR_INVALID,
                       _("The pixel data has %u fragments and no offset table, and %u of them start a frame where %u frames are expected"),
                       n_fragments, starts->len, n_frames);
          return FALSE;
        }
    }

  frames->spans = g_array_sized_new (FALSE, FALSE, sizeof (FrameSpan), n_frames);
  for (guint i = 0; i < starts->len; i++)
    {
      FrameSpan span;
      guint next = i + 1 < starts->len ? g_array_index (starts, guint, i + 1) : fragments->len;

      span.first = g_array_index (starts, guint, i);
      if (next <= span.first)
        {
          g_set_error (error, HZ_DICOM_ERROR, HZ_DICOM_ERROR_INVALID,
                       _("The offset table's entries for frames %u and %u are not in order"), i, i + 1);
          return FALSE;
        }
      span.count = next - span.first;
      g_array_append_val (frames->spans, span);
    }
  return TRUE;
}

HzDicomFrames *
hz_dicom_frames_new (HzDicom  *dicom,
                     GError  **error)
{
  const HzDicomDataset *ds = hz_dicom_get_dataset (dicom);
  g_autoptr(GError) local_error = NULL;
  HzDicomFrames *frames;
  HzDicomPixelModule *m;
  const char *uid = hz_dicom_get_transfer_syntax_uid (dicom);
  const char *name = hz_dicom_transfer_syntax_name (uid);
  guint64 values;

  if (!hz_dicom_dataset_has (ds, TAG_PIXEL_DATA))
    {
      g_set_error (error, HZ_DICOM_ERROR, HZ_DICOM_ERROR_NO_PIXELS,
                   _("The file holds no pixel data (7FE0,0010)"));
      return NULL;
    }
  switch (hz_dicom_get_coding (dicom))
    {
    case HZ_DICOM_CODING_VIDEO:
      g_set_error (error, HZ_DICOM_ERROR, HZ_DICOM_ERROR_VIDEO,
                   _("“%s” (%s) is a video transfer syntax: its frames are decoded by the imaging viewer's GStreamer pipeline, not by this reader"),
                   name, uid);
      return NULL;
    case HZ_DICOM_CODING_UNSUPPORTED:
      g_set_error (error, HZ_DICOM_ERROR, HZ_DICOM_ERROR_UNSUPPORTED,
                   _("Unsupported transfer syntax “%s” (%s)"),
                   name != NULL ? name : _("unknown"), uid);
      return NULL;
    default:
      break;
    }

  frames = g_new0 (HzDicomFrames, 1);
  frames->dicom = dicom;
  frames->coding = hz_dicom_get_coding (dicom);
  m = &frames->module;
  m->rows = module_uint (ds, HZ_DICOM_TAG (0x0028, 0x0010), 0);
  m->columns = module_uint (ds, HZ_DICOM_TAG (0x0028, 0x0011), 0);
  m->samples = module_uint (ds, HZ_DICOM_TAG (0x0028, 0x0002), 1);
  m->frames = module_uint (ds, HZ_DICOM_TAG (0x0028, 0x0008), 1);
  m->bits_allocated = module_uint (ds, HZ_DICOM_TAG (0x0028, 0x0100), 0);
  m->bits_stored = module_uint (ds, HZ_DICOM_TAG (0x0028, 0x0101), m->bits_allocated);
  m->high_bit = module_uint (ds, HZ_DICOM_TAG (0x0028, 0x0102), m->bits_stored - 1);
  m->is_signed = module_uint (ds, HZ_DICOM_TAG (0x0028, 0x0103), 0) == 1;
  m->planar = module_uint (ds, HZ_DICOM_TAG (0x0028, 0x0006), 0);
  m->photometric = hz_dicom_dataset_dup_string (ds, HZ_DICOM_TAG (0x0028, 0x0004), 0);
  if (m->photometric == NULL)
    m->photometric = g_strdup (m->samples == 3 ? "RGB" : "MONOCHROME2");
  if (m->frames == 0)
    m->frames = 1;

  if (m->rows == 0 || m->columns == 0)
    g_set_error (&local_error, HZ_DICOM_ERROR, HZ_DICOM_ERROR_INVALID,
                 _("The image has %u rows (0028,0010) and %u columns (0028,0011)"), m->rows, m->columns);
  else if (m->samples != 1 && m->samples != 3)
    g_set_error (&local_error, HZ_DICOM_ERROR, HZ_DICOM_ERROR_UNSUPPORTED,
                 _("Samples per pixel (0028,0002) is %u: only 1 and 3 are read"), m->samples);
  else if (m->bits_allocated != 1 && m->bits_allocated != 8 && m->bits_allocated != 16
           && m->bits_allocated != 32)
    g_set_error (&local_error, HZ_DICOM_ERROR, HZ_DICOM_ERROR_UNSUPPORTED,
                 _("Bits allocated (0028,0100) is %u: only 1, 8, 16 and 32 are read"), m->bits_allocated);
  else if (m->bits_stored == 0 || m->bits_stored > m->bits_allocated
           || m->high_bit >= m->bits_allocated || m->high_bit + 1 < m->bits_stored)
    g_set_error (&local_error, HZ_DICOM_ERROR, HZ_DICOM_ERROR_INVALID,
                 _("Bits stored (0028,0101) %u and high bit (0028,0102) %u do not fit in %u bits allocated"),
                 m->bits_stored, m->high_bit, m->bits_allocated);
  else if (m->samples == 3 && m->bits_allocated == 1)
    g_set_error (&local_error, HZ_DICOM_ERROR, HZ_DICOM_ERROR_UNSUPPORTED,
                 _("Colour images with 1 bit allocated are not read"));
  else if (((guint64) m->rows * m->columns * m->samples * MAX (m->bits_allocated, 8u) / 8) > MAX_FRAME_BYTES)
    g_set_error (&local_error, HZ_DICOM_ERROR, HZ_DICOM_ERROR_UNSUPPORTED,
                 _("A frame of %u × %u × %u samples is larger than 1 GiB"), m->columns, m->rows, m->samples);
  else if (frames->coding == HZ_DICOM_CODING_JPEG_BASELINE && m->bits_stored > 8)
    g_set_error (&local_error, HZ_DICOM_ERROR, HZ_DICOM_ERROR_UNSUPPORTED,
                 _("Unsupported transfer syntax “%s” (%s) with %u-bit samples: no 12-bit JPEG decoder is available"),
                 name, uid, m->bits_stored);
  else if (frames->coding != HZ_DICOM_CODING_NATIVE && m->bits_allocated == 1)
    g_set_error (&local_error, HZ_DICOM_ERROR, HZ_DICOM_ERROR_UNSUPPORTED,
                 _("Compressed images with 1 bit allocated are not read"));

  frames->ybr = g_str_has_prefix (m->photometric, "YBR_FULL");
  frames->ybr_422 = strcmp (m->photometric, "YBR_FULL_422") == 0;
  frames->palette = strcmp (m->photometric, "PALETTE COLOR") == 0;
  frames->invert = strcmp (m->photometric, "MONOCHROME1") == 0;
  if (local_error == NULL && frames->ybr && m->samples != 3)
    g_set_error (&local_error, HZ_DICOM_ERROR, HZ_DICOM_ERROR_INVALID,
                 _("Photometric interpretation %s with %u samples per pixel"), m->photometric, m->samples);
  if (local_error == NULL && frames->palette && m->samples != 1)
    g_set_error (&local_error, HZ_DICOM_ERROR, HZ_DICOM_ERROR_INVALID,
                 _("Photometric interpretation %s with %u samples per pixel"), m->photometric, m->samples);

  if (local_error == NULL && frames->coding == HZ_DICOM_CODING_NATIVE)
    {
      if (hz_dicom_get_fragments (dicom) != NULL)
        g_set_error (&local_error, HZ_DICOM_ERROR, HZ_DICOM_ERROR_INVALID,
                     _("Encapsulated pixel data in the uncompressed transfer syntax %s"), uid);
      else
        {
          frames->pixels = hz_dicom_dataset_get_raw (ds, TAG_PIXEL_DATA, &frames->pixels_length);
          frames->pixel_vr = hz_dicom_dataset_get_vr (ds, TAG_PIXEL_DATA);
          values = (guint64) m->rows * m->columns * (frames->ybr_422 ? 2 : m->samples);
          frames->frame_bits = values * m->bits_allocated;
          if (frames->ybr_422 && (m->bits_allocated != 8 || m->columns % 2 != 0))
            g_set_error (&local_error, HZ_DICOM_ERROR, HZ_DICOM_ERROR_UNSUPPORTED,
                         _("YBR_FULL_422 is read with 8 bits allocated and an even number of columns"));
          else if (frames->pixels == NULL)
            g_set_error (&local_error, HZ_DICOM_ERROR, HZ_DICOM_ERROR_NO_PIXELS,
                         _("The pixel data (7FE0,0010) has no value"));
          else if (frames->pixels_length * 8 < frames->frame_bits)
            g_set_error (&local_error, HZ_DICOM_ERROR, HZ_DICOM_ERROR_TRUNCATED,
                         _("The pixel data (7FE0,0010) has %lu bytes, less than one frame of %llu"),
                         (unsigned long) frames->pixels_length, (unsigned long long) ((frames->frame_bits + 7) / 8));
        }
    }
  else if (local_error == NULL)
    {
      if (hz_dicom_get_fragments (dicom) == NULL)
        g_set_error (&local_error, HZ_DICOM_ERROR, HZ_DICOM_ERROR_INVALID,
                     _("The compressed transfer syntax %s needs encapsulated pixel data (undefined length)"),
                     uid);
      else
        index_fragments (frames, &local_error);
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      hz_dicom_frames_free (frames);
      return NULL;
    }
  return frames;
}

guint
hz_dicom_get_n_frames (HzDicom *dicom)
{
  HzDicomFrames *frames = hz_dicom_get_frames (dicom, NULL);

  if (frames == NULL)
    {
      double value;

      if (hz_dicom_dataset_get_number (hz_dicom_get_dataset (dicom), HZ_DICOM_TAG (0x0028, 0x0008), 0, &value)
          && value >= 1 && value <= G_MAXUINT)
        return (guint) value;
      return hz_dicom_dataset_has (hz_dicom_get_dataset (dicom), TAG_PIXEL_DATA) ? 1 : 0;
    }
  if (frames->coding == HZ_DICOM_CODING_NATIVE && frames->frame_bits > 0)
    return (guint) MIN ((guint64) frames->module.frames, frames->pixels_length * 8 / frames->frame_bits);
  return frames->module.frames;
}

void
hz_dicom_frame_free (HzDicomFrame *frame)
{
  if (frame == NULL)
    return;
  g_free (frame->data);
  g_free (frame);
}

/* --- native frames ------------------------------------------------------ */

static void
copy_native (HzDicomFrames *frames,
             guint          index,
             HzDicomFrame  *frame)
{
  const HzDicomPixelModule *m = &frames->module;
  gboolean be = hz_dicom_is_big_endian (frames->dicom);
  guint64 bit_offset = (guint64) index * frames->frame_bits;
  gsize n = (gsize) m->rows * m->columns * (frames->ybr_422 ? 2 : m->samples);

  if (m->bits_allocated == 1)
    {
      for (gsize i = 0; i < n; i++)
        {
          guint64 bit = bit_offset + i;

          frame->data[i] = (frames->pixels[bit / 8] >> (bit % 8)) & 1;
        }
      return;
    }

  {
    const guint8 *src = frames->pixels + bit_offset / 8;
    guint bps = m->bits_allocated / 8;
    guint8 *dst = frames->ybr_422 ? g_malloc (n) : frame->data;

    if (bps == 1)
      {
        if (be && frames->pixel_vr == HZ_DICOM_VR ('O', 'W'))
          /* 8-bit values in big-endian words */
          for (gsize i = 0; i < n; i++)
            dst[i] = src[i ^ 1];
        else
          memcpy (dst, src, n);
      }
    else if (bps == 2)
      {
        guint16 *out = (guint16 *) dst;

        for (gsize i = 0; i < n; i++)
          out[i] = be ? (guint16) (src[2 * i] << 8 | src[2 * i + 1])
                      : (guint16) (src[2 * i + 1] << 8 | src[2 * i]);
      }
    else
      {
        guint32 *out = (guint32 *) dst;

        for (gsize i = 0; i < n; i++)
          {
            const guint8 *p = src + 4 * i;

            out[i] = be ? ((guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3])
                        : ((guint32) p[3] << 24 | (guint32) p[2] << 16 | (guint32) p[1] << 8 | p[0]);
          }
      }

    if (frames->ybr_422)
      {
        /* Y1 Y2 Cb Cr for each pair of pixels → Y Cb Cr for each */
        gsize pixels = (gsize) m->rows * m->columns;

        for (gsize p = 0; p < pixels; p += 2)
          {
            const guint8 *q = dst + p * 2;
            guint8 *o = frame->data + p * 3;

            o[0] = q[0]; o[1] = q[2]; o[2] = q[3];
            o[3] = q[1]; o[4] = q[2]; o[5] = q[3];
          }
        g_free (dst);
      }
  }
}

/* planar configuration 1 (RRR…GGG…BBB…) → interleaved */
static void
interleave (HzDicomFrame *frame)
{
  gsize pixels = (gsize) frame->width * frame->height;
  guint bps = frame->bytes_per_sample;
  g_autofree guint8 *planes = g_memdup2 (frame->data, frame->size);

  for (guint s = 0; s < 3; s++)
    for (gsize p = 0; p < pixels; p++)
      memcpy (frame->data + (p * 3 + s) * bps, planes + (s * pixels + p) * bps, bps);
}

/* The stored value of each sample: the bits_stored bits ending at the
 * high bit, sign-extended when signed */
static void
normalize (const HzDicomPixelModule *m,
           HzDicomFrame             *frame,
           guint                     shift)
{
  gsize n = frame->size / frame->bytes_per_sample;
  guint32 mask = m->bits_stored >= 32 ? G_MAXUINT32 : ((guint32) 1 << m->bits_stored) - 1;
  guint32 sign = (guint32) 1 << (m->bits_stored - 1);

  if (m->bits_allocated == 1 || (shift == 0 && m->bits_stored == frame->bytes_per_sample * 8))
    return;
  if (frame->bytes_per_sample == 1)
    for (gsize i = 0; i < n; i++)
      {
        guint32 v = (frame->data[i] >> shift) & mask;

        if (m->is_signed && (v & sign))
          v |= ~mask;
        frame->data[i] = (guint8) v;
      }
  else if (frame->bytes_per_sample == 2)
    {
      guint16 *d = (guint16 *) frame->data;

      for (gsize i = 0; i < n; i++)
        {
          guint32 v = ((guint32) d[i] >> shift) & mask;

          if (m->is_signed && (v & sign))
            v |= ~mask;
          d[i] = (guint16) v;
        }
    }
  else
    {
      guint32 *d = (guint32 *) frame->data;

      for (gsize i = 0; i < n; i++)
        {
          guint32 v = (d[i] >> shift) & mask;

          if (m->is_signed && (v & sign))
            v |= ~mask;
          d[i] = v;
        }
    }
}

static inline guint32
clamp_sample (double v,
              double max)
{
  return v <= 0 ? 0 : v >= max ? (guint32) max : (guint32) (v + 0.5);
}

/* YBR_FULL (Y Cb Cr full range) → RGB, in place */
static void
ybr_to_rgb (HzDicomFrame *frame,
            guint         bits_stored)
{
  gsize pixels = (gsize) frame->width * frame->height;
  double max = bits_stored >= 32 ? (double) G_MAXUINT32 : (double) (((guint64) 1 << bits_stored) - 1);
  double half = (max + 1) / 2;

  for (gsize p = 0; p < pixels; p++)
    {
      double y, cb, cr;
      guint32 r, g, b;

      if (frame->bytes_per_sample == 1)
        {
          guint8 *q = frame->data + p * 3;

          y = q[0]; cb = q[1] - half; cr = q[2] - half;
          r = clamp_sample (y + 1.402 * cr, max);
          g = clamp_sample (y - 0.344136 * cb - 0.714136 * cr, max);
          b = clamp_sample (y + 1.772 * cb, max);
          q[0] = (guint8) r; q[1] = (guint8) g; q[2] = (guint8) b;
        }
      else if (frame->bytes_per_sample == 2)
        {
          guint16 *q = (guint16 *) frame->data + p * 3;

          y = q[0]; cb = q[1] - half; cr = q[2] - half;
          r = clamp_sample (y + 1.402 * cr, max);
          g = clamp_sample (y - 0.344136 * cb - 0.714136 * cr, max);
          b = clamp_sample (y + 1.772 * cb, max);
          q[0] = (guint16) r; q[1] = (guint16) g; q[2] = (guint16) b;
        }
      else
        {
          guint32 *q = (guint32 *) frame->data + p * 3;

          y = q[0]; cb = q[1] - half; cr = q[2] - half;
          q[0] = clamp_sample (y + 1.402 * cr, max);
          q[1] = clamp_sample (y - 0.344136 * cb - 0.714136 * cr, max);
          q[2] = clamp_sample (y + 1.772 * cb, max);
        }
    }
}

/* The bytes of a compressed frame: one fragment in place, or several
 * joined into @owned */
static const guint8 *
gather_fragments (HzDicomFrames  *frames,
                  guint           index,
                  gsize          *length,
                  guint8        **owned)
{
  GArray *fragments = hz_dicom_get_fragments (frames->dicom);
  const FrameSpan *span = &g_array_index (frames->spans, FrameSpan, index);
  gsize total = 0, at = 0;

  *owned = NULL;
  if (span->count == 1)
    {
      const HzDicomFragment *fragment = &g_array_index (fragments, HzDicomFragment, span->first);

      *length = fragment->length;
      return fragment->data;
    }
  for (guint i = 0; i < span->count; i++)
    total += g_array_index (fragments, HzDicomFragment, span->first + i).length;
  *owned = g_malloc (MAX (total, (gsize) 1));
  for (guint i = 0; i < span->count; i++)
    {
      const HzDicomFragment *fragment = &g_array_index (fragments, HzDicomFragment, span->first + i);

      memcpy (*owned + at, fragment->data, fragment->length);
      at += fragment->length;
    }
  *length = total;
  return *owned;
}

HzDicomFrame *
hz_dicom_decode_frame (HzDicom  *dicom,
                       guint     index,
                       GError  **error)
{
  HzDicomFrames *frames = hz_dicom_get_frames (dicom, error);
  const HzDicomPixelModule *m;
  g_autoptr(HzDicomFrame) frame = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean ok = TRUE;
  guint n_frames;

  if (frames == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, HZ_DICOM_ERROR, HZ_DICOM_ERROR_NO_PIXELS, _("The file holds no pixel data"));
      return NULL;
    }
  m = &frames->module;
  n_frames = hz_dicom_get_n_frames (dicom);
  if (index >= n_frames)
    {
      if (frames->coding == HZ_DICOM_CODING_NATIVE && index < m->frames)
        g_set_error (error, HZ_DICOM_ERROR, HZ_DICOM_ERROR_TRUNCATED,
                     _("Frame %u lies past the end of the pixel data (%lu bytes hold %u of %u frames)"),
                     index + 1, (unsigned long) frames->pixels_length, n_frames, m->frames);
      else
        g_set_error (error, HZ_DICOM_ERROR, HZ_DICOM_ERROR_NO_PIXELS,
                     _("There is no frame %u: the file has %u"), index + 1, n_frames);
      return NULL;
    }

  frame = g_new0 (HzDicomFrame, 1);
  frame->width = m->columns;
  frame->height = m->rows;
  frame->samples = m->samples;
  frame->bytes_per_sample = m->bits_allocated <= 8 ? 1 : m->bits_allocated / 8;
  frame->is_signed = m->is_signed;
  frame->size = (gsize) frame->width * frame->height * frame->samples * frame->bytes_per_sample;
  frame->data = g_malloc0 (frame->size);

  if (frames->coding == HZ_DICOM_CODING_NATIVE)
    {
      copy_native (frames, index, frame);
      if (m->planar == 1 && m->samples == 3 && !frames->ybr_422)
        interleave (frame);
      normalize (m, frame, m->high_bit + 1 - m->bits_stored);
      if (frames->ybr)
        ybr_to_rgb (frame, m->bits_stored);
    }
  else
    {
      g_autofree guint8 *owned = NULL;
      gsize length = 0;
      const guint8 *data = gather_fragments (frames, index, &length, &owned);

      switch (frames->coding)
        {
        case HZ_DICOM_CODING_RLE:
          ok = hz_dicom_decode_rle (m, data, length, frame, &local_error);
          if (ok)
            normalize (m, frame, m->high_bit + 1 - m->bits_stored);
          if (ok && frames->ybr)
            ybr_to_rgb (frame, m->bits_stored);
          break;
        case HZ_DICOM_CODING_JPEG_BASELINE:
          /* libjpeg converts YCbCr to RGB itself */
          ok = hz_dicom_decode_jpeg_baseline (m, data, length, frame, &local_error);
          break;
        case HZ_DICOM_CODING_JPEG_LOSSLESS:
          ok = hz_dicom_decode_jpeg_lossless (m, data, length, frame, &local_error);
          if (ok)
            normalize (m, frame, 0);
          if (ok && frames->ybr)
            ybr_to_rgb (frame, m->bits_stored);
          break;
        case HZ_DICOM_CODING_JPEG_LS:
          ok = hz_dicom_decode_jpeg_ls (m, data, length, frame, &local_error);
          if (ok)
            normalize (m, frame, 0);
          if (ok && frames->ybr)
            ybr_to_rgb (frame, m->bits_stored);
          break;
        case HZ_DICOM_CODING_JPEG_2000:
          /* openjpeg applies the inverse colour transform (YBR_ICT/RCT) */
          ok = hz_dicom_decode_jpeg_2000 (m, data, length, frame, &local_error);
          if (ok)
            normalize (m, frame, 0);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  if (!ok)
    {
      g_set_error (error, HZ_DICOM_ERROR, local_error->code, _("Frame %u: %s"), index + 1,
                   local_error->message);
      return NULL;
    }
  return g_steal_pointer (&frame);
}

/* --- the displayed image ------------------------------------------------ */

static double
sample_value (const HzDicomFrame *frame,
              gsize               i)
{
  if (frame->bytes_per_sample == 1)
    return frame->is_signed ? (double) (gint8) frame->data[i] : (double) frame->data[i];
  if (frame->bytes_per_sample == 2)
    {
      guint16 v = ((const guint16 *) frame->data)[i];

      return frame->is_signed ? (double) (gint16) v : (double) v;
    }
  {
    guint32 v = ((const guint32 *) frame->data)[i];

    return frame->is_signed ? (double) (gint32) v : (double) v;
  }
}

/* The grey level of modality value @x: the first window, else the VOI
 * LUT, else the full range the stored bits can hold */
typedef struct
{
  int           kind;       /* 0 range, 1 window linear, 2 window linear exact, 3 sigmoid, 4 LUT */
  double        center, width;
  double        low, high;
  const guint8 *lut;
  gsize         lut_entries;
  int           lut_first;
  guint         lut_bits;
  gboolean      lut_be;
  gboolean      lut_bytes;  /* 8-bit entries packed one a byte */
} Voi;

static guint8
voi_apply (const Voi *voi,
           double     x)
{
  double y;

  switch (voi->kind)
    {
    case 1:
      if (x <= voi->center - 0.5 - (voi->width - 1) / 2)
        return 0;
      if (x > voi->center - 0.5 + (voi->width - 1) / 2)
        return 255;
      y = ((x - (voi->center - 0.5)) / (voi->width - 1) + 0.5) * 255;
      break;
    case 2:
      if (x <= voi->center - voi->width / 2)
        return 0;
      if (x > voi->center + voi->width / 2)
        return 255;
      y = (x - voi->center) / voi->width * 255 + 127.5;
      break;
    case 3:
      y = 255 / (1 + exp (-4 * (x - voi->center) / voi->width));
      break;
    case 4:
      {
        double index = x - voi->lut_first;
        gsize i = index <= 0 ? 0 : index >= voi->lut_entries - 1 ? voi->lut_entries - 1 : (gsize) index;
        guint v;
        double max = (double) (((guint32) 1 << voi->lut_bits) - 1);

        if (voi->lut_bytes)
          v = voi->lut[i];
        else
          v = voi->lut_be ? (guint) (voi->lut[2 * i] << 8 | voi->lut[2 * i + 1])
                          : (guint) (voi->lut[2 * i + 1] << 8 | voi->lut[2 * i]);
        y = v / max * 255;
      }
      break;
    default:
      if (voi->high <= voi->low)
        return 0;
      y = (x - voi->low) / (voi->high - voi->low) * 255;
      break;
    }
  return y <= 0 ? 0 : y >= 255 ? 255 : (guint8) (y + 0.5);
}

static void
voi_init (HzDicomFrames *frames,
          Voi           *voi)
{
  const HzDicomDataset *ds = hz_dicom_get_dataset (frames->dicom);
  const HzDicomPixelModule *m = &frames->module;
  const HzDicomDataset *item;
  double a, b;

  memset (voi, 0, sizeof *voi);
  if (hz_dicom_dataset_get_number (ds, HZ_DICOM_TAG (0x0028, 0x1050), 0, &voi->center)
      && hz_dicom_dataset_get_number (ds, HZ_DICOM_TAG (0x0028, 0x1051), 0, &voi->width)
      && voi->width >= 1)
    {
      g_autofree char *function = hz_dicom_dataset_dup_string (ds, HZ_DICOM_TAG (0x0028, 0x1056), 0);

      voi->kind = 1;
      if (g_strcmp0 (function, "LINEAR_EXACT") == 0)
        voi->kind = 2;
      else if (g_strcmp0 (function, "SIGMOID") == 0)
        voi->kind = 3;
      if (voi->kind == 1 && voi->width < 2)
        voi->kind = 2;
      return;
    }

  item = hz_dicom_dataset_get_item (ds, HZ_DICOM_TAG (0x0028, 0x3010), 0);
  if (item != NULL && hz_dicom_dataset_get_number (item, HZ_DICOM_TAG (0x0028, 0x3002), 0, &a))
    {
      gsize length = 0;
      const guint8 *data = hz_dicom_dataset_get_raw (item, HZ_DICOM_TAG (0x0028, 0x3006), &length);
      double first = 0, bits = 16;
      gsize entries = a == 0 ? 65536 : (gsize) a;

      hz_dicom_dataset_get_number (item, HZ_DICOM_TAG (0x0028, 0x3002), 1, &first);
      hz_dicom_dataset_get_number (item, HZ_DICOM_TAG (0x0028, 0x3002), 2, &bits);
      /* the first mapped value is SS when the pixels are signed */
      if (m->is_signed && first > 32767)
        first -= 65536;
      if (data != NULL && bits >= 1 && bits <= 16 && entries > 0
          && (length >= entries * 2 || (bits <= 8 && length >= entries)))
        {
          voi->kind = 4;
          voi->lut = data;
          voi->lut_entries = entries;
          voi->lut_first = (int) first;
          voi->lut_bits = (guint) bits;
          voi->lut_be = item->big_endian;
          voi->lut_bytes = bits <= 8 && length < entries * 2;
          return;
        }
    }

  /* the range of the stored bits, through the rescale */
  if (m->is_signed)
    {
      a = -(double) ((guint64) 1 << (m->bits_stored - 1));
      b = (double) (((guint64) 1 << (m->bits_stored - 1)) - 1);
    }
  else
    {
      a = 0;
      b = (double) (((guint64) 1 << m->bits_stored) - 1);
    }
  a = a * frames->slope + frames->intercept;
  b = b * frames->slope + frames->intercept;
  voi->low = MIN (a, b);
  voi->high = MAX (a, b);
}

static void
build_mono_lut (HzDicomFrames *frames)
{
  const HzDicomPixelModule *m = &frames->module;
  const HzDicomDataset *ds = hz_dicom_get_dataset (frames->dicom);
  Voi voi;

  frames->slope = 1;
  frames->intercept = 0;
  hz_dicom_dataset_get_number (ds, HZ_DICOM_TAG (0x0028, 0x1053), 0, &frames->slope);
  hz_dicom_dataset_get_number (ds, HZ_DICOM_TAG (0x0028, 0x1052), 0, &frames->intercept);
  voi_init (frames, &voi);
  if (m->bits_allocated > 16)
    return;   /* 32-bit values are mapped one by one */
  frames->mono_lut_size = m->bits_allocated <= 8 ? 256 : 65536;
  frames->mono_lut = g_malloc (frames->mono_lut_size);
  for (gsize pattern = 0; pattern < frames->mono_lut_size; pattern++)
    {
      double stored = m->is_signed
        ? (frames->mono_lut_size == 256 ? (double) (gint8) pattern : (double) (gint16) pattern)
        : (double) pattern;
      guint8 grey = voi_apply (&voi, stored * frames->slope + frames->intercept);

      frames->mono_lut[pattern] = frames->invert ? 255 - grey : grey;
    }
}

static void
build_palette (HzDicomFrames *frames)
{
  const HzDicomDataset *ds = hz_dicom_get_dataset (frames->dicom);
  static const guint32 descriptors[3] = { HZ_DICOM_TAG (0x0028, 0x1101), HZ_DICOM_TAG (0x0028, 0x1102),
                                          HZ_DICOM_TAG (0x0028, 0x1103) };
  static const guint32 datas[3] = { HZ_DICOM_TAG (0x0028, 0x1201), HZ_DICOM_TAG (0x0028, 0x1202),
                                    HZ_DICOM_TAG (0x0028, 0x1203) };
  double n = 0, first = 0, bits = 16;
  guint entries;

  hz_dicom_dataset_get_number (ds, descriptors[0], 0, &n);
  hz_dicom_dataset_get_number (ds, descriptors[0], 1, &first);
  hz_dicom_dataset_get_number (ds, descriptors[0], 2, &bits);
  entries = n == 0 ? 65536 : (guint) n;
  if (frames->module.is_signed && first > 32767)
    first -= 65536;
  frames->palette_entries = entries;
  frames->palette_first = (int) first;
  frames->palette_lut = g_malloc0 ((gsize) entries * 3);
  for (guint c = 0; c < 3; c++)
    {
      gsize length = 0;
      const guint8 *data = hz_dicom_dataset_get_raw (ds, datas[c], &length);
      gboolean be = hz_dicom_is_big_endian (frames->dicom);
      gboolean words = length >= (gsize) entries * 2;

      if (data == NULL)
        continue;
      for (guint i = 0; i < entries; i++)
        {
          guint v;

          if (words)
            {
              v = be ? (guint) (data[2 * i] << 8 | data[2 * i + 1]) : (guint) (data[2 * i + 1] << 8 | data[2 * i]);
              if (bits > 8)
                v >>= (guint) bits - 8;
            }
          else if (i < length)
            v = data[i];
          else
            v = 0;
          frames->palette_lut[(gsize) i * 3 + c] = (guint8) MIN (v, 255u);
        }
    }
}

guint8 *
hz_dicom_frame_to_rgb (HzDicom            *dicom,
                       const HzDicomFrame *frame)
{
  HzDicomFrames *frames = hz_dicom_get_frames (dicom, NULL);
  gsize pixels = (gsize) frame->width * frame->height;
  guint8 *rgb = g_malloc (pixels * 3);

  g_return_val_if_fail (frames != NULL, rgb);

  if (frames->palette)
    {
      if (frames->palette_lut == NULL)
        build_palette (frames);
      for (gsize p = 0; p < pixels; p++)
        {
          double v = sample_value (frame, p) - frames->palette_first;
          gsize i = v <= 0 ? 0 : v >= frames->palette_entries - 1 ? frames->palette_entries - 1 : (gsize) v;

          memcpy (rgb + p * 3, frames->palette_lut + i * 3, 3);
        }
    }
  else if (frame->samples == 3)
    {
      guint shift = frames->module.bits_stored > 8 ? frames->module.bits_stored - 8 : 0;

      if (frame->bytes_per_sample == 1)
        memcpy (rgb, frame->data, pixels * 3);
      else
        for (gsize i = 0; i < pixels * 3; i++)
          {
            double v = sample_value (frame, i);

            rgb[i] = v <= 0 ? 0 : (guint8) MIN ((guint64) v >> shift, (guint64) 255);
          }
    }
  else
    {
      if (frames->mono_lut == NULL && frames->module.bits_allocated <= 16)
        build_mono_lut (frames);
      if (frames->mono_lut != NULL && frame->bytes_per_sample == 1)
        for (gsize p = 0; p < pixels; p++)
          memset (rgb + p * 3, frames->mono_lut[frame->data[p]], 3);
      else if (frames->mono_lut != NULL)
        {
          const guint16 *d = (const guint16 *) frame->data;

          for (gsize p = 0; p < pixels; p++)
            memset (rgb + p * 3, frames->mono_lut[d[p]], 3);
        }
      else
        {
          Voi voi;

          if (frames->slope == 0)
            build_mono_lut (frames);
          voi_init (frames, &voi);
          for (gsize p = 0; p < pixels; p++)
            {
              guint8 grey = voi_apply (&voi, sample_value (frame, p) * frames->slope + frames->intercept);

              memset (rgb + p * 3, frames->invert ? 255 - grey : grey, 3);
            }
        }
    }
  return rgb;
}
