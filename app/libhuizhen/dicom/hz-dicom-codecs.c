/* hz-dicom-codecs.c — RLE Lossless (written here), JPEG baseline
 * (libjpeg-turbo), JPEG-LS (CharLS) and JPEG 2000 (openjpeg)
 *
 * Each takes one frame's compressed bytes and writes the decoded values,
 * interleaved, into a frame the caller allocated for the pixel module; a
 * frame whose size or layout does not match the module is refused.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-dicom"

#include "config.h"

#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <jpeglib.h>
#include <charls/charls.h>
#include <openjpeg.h>

#include "hz-dicom.h"
#include "hz-dicom-private.h"

static gboolean
check_size (const char               *codec,
            const HzDicomPixelModule *m,
            guint                     width,
            guint                     height,
            guint                     components,
            GError                  **error)
{
  if (width == m->columns && height == m->rows && components == m->samples)
    return TRUE;
  /* TRANSLATORS: the first %s is a codec name (JPEG, JPEG-LS, JPEG 2000) */
  g_set_error (error, HZ_DICOM_ERROR, HZ_DICOM_ERROR_CODEC,
               _("the %s image is %u × %u with %u components where the data set says %u × %u with %u"),
               codec, width, height, components, m->columns, m->rows, m->samples);
  return FALSE;
}

/* --- RLE Lossless (PS3.5 annex G) --------------------------------------- */

gboolean
hz_dicom_decode_rle (const HzDicomPixelModule *m,
                     const guint8             *data,
                     gsize                     length,
                     HzDicomFrame             *frame,
                     GError                  **error)
{
  guint bps = m->bits_allocated / 8;
  guint n_segments;
  guint32 offsets[16];
  gsize pixels = (gsize) m->rows * m->columns;

  if (length < 64)
    {
      g_set_error (error, HZ_DICOM_ERROR, HZ_DICOM_ERROR_CODEC,
                   _("the RLE frame has %lu bytes, less than its 64-byte header"), (unsigned long) length);
      return FALSE;
    }
  n_segments = (guint) data[0] | (guint) data[1] << 8 | (guint) data[2] << 16 | (guint) data[3] << 24;
  if (n_segments != bps * m->samples)
    {
      g_set_error (error, HZ_DICOM_ERROR, HZ_DICOM_ERROR_CODEC,
                   _("the RLE frame has %u segments where %u are expected"), n_segments, bps * m->samples);
      return FALSE;
    }
  for (guint i = 0; i < 15; i++)
    {
      const guint8 *p = data + 4 + i * 4;

      offsets[i] = (guint32) p[0] | (guint32) p[1] << 8 | (guint32) p[2] << 16 | (guint32) p[3] << 24;
    }

  for (guint s = 0; s < n_segments; s++)
    {
      gsize start = offsets[s];
      gsize end = s + 1 < n_segments ? offsets[s + 1] : length;
      /* segment order: the most significant byte of sample 0 first */
      guint sample = s / bps;
      guint byte = bps - 1 - s % bps;
      gsize out = 0, pos = start;
      guint8 *dst = frame->data + (gsize) sample * bps + byte;
      gsize stride = (gsize) m->samples * bps;

      if (start < 64 || start > length || end > length || end < start)
        {
          g_set_error (error, HZ_DICOM_ERROR, HZ_DICOM_ERROR_CODEC,
                       _("RLE segment %u's offset %lu lies outside the frame of %lu bytes"),
                       s + 1, (unsigned long) start, (unsigned long) length);
          return FALSE;
        }
      while (out < pixels && pos < end)
        {
          gint8 n = (gint8) data[pos++];

          if (n >= 0)
            {
              gsize count = (gsize) n + 1;

              if (count > end - pos)
                break;
              count = MIN (count, pixels - out);
              for (gsize i = 0; i < count; i++)
                dst[(out + i) * stride] = data[pos + i];
              pos += (gsize) n + 1;
              out += count;
            }
          else if (n != -128)
            {
              gsize count = (gsize) (1 - n);
              guint8 value;

              if (pos >= end)
                break;
              value = data[pos++];
              count = MIN (count, pixels - out);
              for (gsize i = 0; i < count; i++)
                dst[(out + i) * stride] = value;
              out += count;
            }
        }
      if (out < pixels)
        {
          g_set_error (error, HZ_DICOM_ERROR, HZ_DICOM_ERROR_CODEC,
                       _("RLE segment %u ends after %lu of %lu bytes"),
                       s + 1, (unsigned long) out, (unsigned long) pixels);
          return FALSE;
        }
    }

  /* samples were written interleaved directly */
  return TRUE;
}

/* --- JPEG baseline and 8-bit extended: libjpeg-turbo -------------------- */

typedef struct
{
  struct jpeg_error_mgr  manager;
  jmp_buf                jump;
  char                   message[JMSG_LENGTH_MAX];
} JpegError;

static void
jpeg_error_exit (j_common_ptr cinfo)
{
  JpegError *err = (JpegError *) cinfo->err;

  err->manager.format_message (cinfo, err->message);
  longjmp (err->jump, 1);
}

static void
jpeg_quiet (j_common_ptr cinfo,
            int          level)
{
  JpegError *err = (JpegError *) cinfo->err;

  /* a corrupt stream warns (level -1) and carries on: stop at the first */
  if (level < 0 && err->manager.num_warnings++ == 0)
    err->manager.format_message (cinfo, err->message);
}

gboolean
hz_dicom_decode_jpeg_baseline (const HzDicomPixelModule *m,
                               const guint8             *data,
                               gsize                     length,
                               HzDicomFrame             *frame,
                               GError                  **error)
{
  struct jpeg_decompress_struct cinfo;
  JpegError err;
  gsize row_bytes;

  memset (&err, 0, sizeof err);
  cinfo.err = jpeg_std_error (&err.manager);
  err.manager.error_exit = jpeg_error_exit;
  err.manager.emit_message = jpeg_quiet;
  if (setjmp (err.jump))
    {
      g_set_error (error, HZ_DICOM_ERROR, HZ_DICOM_ERROR_CODEC, _("the JPEG data is broken: %s"), err.message);
      jpeg_destroy_decompress (&cinfo);
      return FALSE;
    }
  jpeg_create_decompress (&cinfo);
  jpeg_mem_src (&cinfo, data, (unsigned long) length);
  jpeg_read_header (&cinfo, TRUE);
  if (cinfo.data_precision != 8)
    {
      g_set_error (error, HZ_DICOM_ERROR, HZ_DICOM_ERROR_UNSUPPORTED,
                   _("the JPEG data has %d-bit samples: only 8-bit JPEG is decoded"), cinfo.data_precision);
      jpeg_destroy_decompress (&cinfo);
      return FALSE;
    }
  if (cinfo.num_components == 3)
    {
      /* RGB stored as RGB has no colour transform, whatever the markers */
      if (strcmp (m->photometric, "RGB") == 0)
        cinfo.jpeg_color_space = JCS_RGB;
      cinfo.out_color_space = JCS_RGB;
    }
  else
    cinfo.out_color_space = JCS_GRAYSCALE;
  cinfo.dct_method = JDCT_ISLOW;
  jpeg_start_decompress (&cinfo);
  if (!check_size ("JPEG", m, cinfo.output_width, cinfo.output_height, (guint) cinfo.output_components, error))
    {
      jpeg_destroy_decompress (&cinfo);
      return FALSE;
    }
  row_bytes = (gsize) cinfo.output_width * cinfo.output_components;
  while (cinfo.output_scanline < cinfo.output_height)
    {
      JSAMPROW row = frame->data + (gsize) cinfo.output_scanline * row_bytes;

      jpeg_read_scanlines (&cinfo, &row, 1);
      if (err.manager.num_warnings > 0)
        {
          g_set_error (error, HZ_DICOM_ERROR, HZ_DICOM_ERROR_CODEC, _("the JPEG data is broken: %s"), err.message);
          jpeg_destroy_decompress (&cinfo);
          return FALSE;
        }
    }
  jpeg_finish_decompress (&cinfo);
  jpeg_destroy_decompress (&cinfo);
  return TRUE;
}

/* --- JPEG-LS: CharLS ---------------------------------------------------- */

gboolean
hz_dicom_decode_jpeg_ls (const HzDicomPixelModule *m,
                         const guint8             *data,
                         gsize                     length,
                         HzDicomFrame             *frame,
                         GError                  **error)
{
  charls_jpegls_decoder *decoder = charls_jpegls_decoder_create ();
  charls_frame_info info;
  charls_interleave_mode mode = CHARLS_INTERLEAVE_MODE_NONE;
  charls_jpegls_errc status;
  size_t size = 0;
  guint bps;
  g_autofree guint8 *planes = NULL;

  if (decoder == NULL)
    {
      g_set_error (error, HZ_DICOM_ERROR, HZ_DICOM_ERROR_CODEC, _("cannot start the JPEG-LS decoder"));
      return FALSE;
    }
  status = charls_jpegls_decoder_set_source_buffer (decoder, data, length);
  if (status == CHARLS_JPEGLS_ERRC_SUCCESS)
    status = charls_jpegls_decoder_read_header (decoder);
  if (status == CHARLS_JPEGLS_ERRC_SUCCESS)
    status = charls_jpegls_decoder_get_frame_info (decoder, &info);
  if (status == CHARLS_JPEGLS_ERRC_SUCCESS)
    status = charls_jpegls_decoder_get_interleave_mode (decoder, &mode);
  if (status != CHARLS_JPEGLS_ERRC_SUCCESS)
    goto fail;
  if (!check_size ("JPEG-LS", m, info.width, info.height, (guint) info.component_count, error))
    {
      charls_jpegls_decoder_destroy (decoder);
      return FALSE;
    }
  bps = info.bits_per_sample <= 8 ? 1 : 2;
  if (bps != frame->bytes_per_sample)
    {
      g_set_error (error, HZ_DICOM_ERROR, HZ_DICOM_ERROR_CODEC,
                   _("the JPEG-LS data has %d-bit samples for %u bits allocated"),
                   info.bits_per_sample, m->bits_allocated);
      charls_jpegls_decoder_destroy (decoder);
      return FALSE;
    }
  status = charls_jpegls_decoder_get_destination_size (decoder, 0, &size);
  if (status != CHARLS_JPEGLS_ERRC_SUCCESS)
    goto fail;
  if (size != frame->size)
    {
      g_set_error (error, HZ_DICOM_ERROR, HZ_DICOM_ERROR_CODEC,
                   _("the JPEG-LS frame decodes to %lu bytes where %lu are expected"),
                   (unsigned long) size, (unsigned long) frame->size);
      charls_jpegls_decoder_destroy (decoder);
      return FALSE;
    }
  if (mode == CHARLS_INTERLEAVE_MODE_NONE && info.component_count == 3)
    {
      /* planar output: interleave it */
      gsize pixels = (gsize) info.width * info.height;

      planes = g_malloc (size);
      status = charls_jpegls_decoder_decode_to_buffer (decoder, planes, size, 0);
      if (status != CHARLS_JPEGLS_ERRC_SUCCESS)
        goto fail;
      for (guint c = 0; c < 3; c++)
        for (gsize p = 0; p < pixels; p++)
          memcpy (frame->data + (p * 3 + c) * bps, planes + ((gsize) c * pixels + p) * bps, bps);
    }
  else
    {
      status = charls_jpegls_decoder_decode_to_buffer (decoder, frame->data, frame->size, 0);
      if (status != CHARLS_JPEGLS_ERRC_SUCCESS)
        goto fail;
    }
  charls_jpegls_decoder_destroy (decoder);
  return TRUE;

fail:
  g_set_error (error, HZ_DICOM_ERROR, HZ_DICOM_ERROR_CODEC, _("the JPEG-LS data is broken: %s"),
               charls_get_error_message (status));
  charls_jpegls_decoder_destroy (decoder);
  return FALSE;
}

/* --- JPEG 2000: openjpeg ------------------------------------------------ */

typedef struct
{
  const guint8 *data;
  gsize         length;
  gsize         pos;
  char         *message;
} J2kSource;

static OPJ_SIZE_T
j2k_read (void      *buffer,
          OPJ_SIZE_T n,
          void      *user_data)
{
  J2kSource *source = user_data;
  gsize left = source->length - source->pos;

  if (left == 0)
    return (OPJ_SIZE_T) -1;
  n = MIN (n, left);
  memcpy (buffer, source->data + source->pos, n);
  source->pos += n;
  return n;
}

static OPJ_OFF_T
j2k_skip (OPJ_OFF_T n,
          void     *user_data)
{
  J2kSource *source = user_data;

  if (n < 0)
    {
      if ((gsize) -n > source->pos)
        return -1;
      source->pos -= (gsize) -n;
      return n;
    }
  n = (OPJ_OFF_T) MIN ((gsize) n, source->length - source->pos);
  source->pos += (gsize) n;
  return n;
}

static OPJ_BOOL
j2k_seek (OPJ_OFF_T n,
          void     *user_data)
{
  J2kSource *source = user_data;

  if (n < 0 || (gsize) n > source->length)
    return OPJ_FALSE;
  source->pos = (gsize) n;
  return OPJ_TRUE;
}

static void
j2k_message (const char *message,
             void       *user_data)
{
  J2kSource *source = user_data;

  if (source->message == NULL)
    source->message = g_strchomp (g_strdup (message));
}

static void
j2k_ignore (const char *message,
            void       *user_data)
{
}

gboolean
hz_dicom_decode_jpeg_2000 (const HzDicomPixelModule *m,
                           const guint8             *data,
                           gsize                     length,
                           HzDicomFrame             *frame,
                           GError                  **error)
{
  J2kSource source = { data, length, 0, NULL };
  gboolean jp2 = length >= 8 && memcmp (data + 4, "jP  ", 4) == 0;
  opj_codec_t *codec = opj_create_decompress (jp2 ? OPJ_CODEC_JP2 : OPJ_CODEC_J2K);
  opj_stream_t *stream = opj_stream_create (65536, OPJ_TRUE);
  opj_image_t *image = NULL;
  opj_dparameters_t parameters;
  gboolean ok = FALSE;
  gsize pixels = (gsize) m->rows * m->columns;

  opj_set_default_decoder_parameters (&parameters);
  opj_set_error_handler (codec, j2k_message, &source);
  opj_set_warning_handler (codec, j2k_ignore, &source);
  opj_set_info_handler (codec, j2k_ignore, &source);
  opj_stream_set_user_data (stream, &source, NULL);
  opj_stream_set_user_data_length (stream, length);
  opj_stream_set_read_function (stream, j2k_read);
  opj_stream_set_skip_function (stream, j2k_skip);
  opj_stream_set_seek_function (stream, j2k_seek);

  if (!opj_setup_decoder (codec, &parameters) || !opj_read_header (stream, codec, &image)
      || !opj_decode (codec, stream, image) || !opj_end_decompress (codec, stream))
    {
      g_set_error (error, HZ_DICOM_ERROR, HZ_DICOM_ERROR_CODEC, _("the JPEG 2000 data is broken: %s"),
                   source.message != NULL ? source.message : "openjpeg");
      goto out;
    }
  if (!check_size ("JPEG 2000", m, image->x1 - image->x0, image->y1 - image->y0, image->numcomps, error))
    goto out;
  for (guint c = 0; c < image->numcomps; c++)
    {
      const opj_image_comp_t *comp = &image->comps[c];

      if (comp->w != m->columns || comp->h != m->rows || comp->data == NULL)
        {
          g_set_error (error, HZ_DICOM_ERROR, HZ_DICOM_ERROR_UNSUPPORTED,
                       _("the JPEG 2000 component %u is subsampled"), c + 1);
          goto out;
        }
    }
  for (guint c = 0; c < image->numcomps; c++)
    {
      const OPJ_INT32 *src = image->comps[c].data;
      guint n = image->numcomps;

      if (frame->bytes_per_sample == 1)
        for (gsize p = 0; p < pixels; p++)
          frame->data[p * n + c] = (guint8) src[p];
      else if (frame->bytes_per_sample == 2)
        for (gsize p = 0; p < pixels; p++)
          ((guint16 *) frame->data)[p * n + c] = (guint16) src[p];
      else
        for (gsize p = 0; p < pixels; p++)
          ((guint32 *) frame->data)[p * n + c] = (guint32) src[p];
    }
  ok = TRUE;

out:
  g_free (source.message);
  if (image != NULL)
    opj_image_destroy (image);
  opj_stream_destroy (stream);
  opj_destroy_codec (codec);
  return ok;
}
