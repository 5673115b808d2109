/* hz-imaging-render.c — a decoded DICOM frame as the viewer shows it: window/level, invert
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-imaging"

#include "config.h"

#include <math.h>
#include <string.h>

#include "hz-imaging-render.h"

void
hz_imaging_default_window (const HzDicomInfo *info,
                           double            *center,
                           double            *width)
{
  gboolean mono = info->samples_per_pixel == 1 &&
                  g_str_has_prefix (info->photometric != NULL ? info->photometric : "", "MONOCHROME");
  double slope = info->rescale_slope != 0 ? info->rescale_slope : 1;
  double lo, hi, a, b;
  guint bits = CLAMP (info->bits_stored, 1u, 32u);

  if (mono && info->has_window && info->window_width >= 1)
    {
      *center = info->window_center;
      *width = info->window_width;
      return;
    }
  if (!mono)
    {
      *center = 128;
      *width = 256;
      return;
    }
  if (info->pixel_representation == 1)
    {
      lo = -ldexp (1, (int) bits - 1);
      hi = ldexp (1, (int) bits - 1) - 1;
    }
  else
    {
      lo = 0;
      hi = ldexp (1, (int) bits) - 1;
    }
  a = lo * slope + info->rescale_intercept;
  b = hi * slope + info->rescale_intercept;
  *center = (MIN (a, b) + MAX (a, b) + 1) / 2;
  *width = fabs (b - a) + 1;
}

/* DICOM PS3.3 C.11.2.1.2.1, the linear function */
static inline guint8
window_linear (double x,
               double center,
               double width)
{
  double y;

  if (width < 1)
    width = 1;
  if (x <= center - 0.5 - (width - 1) / 2)
    return 0;
  if (x > center - 0.5 + (width - 1) / 2)
    return 255;
  if (width < 2)
    return 255;
  y = ((x - (center - 0.5)) / (width - 1) + 0.5) * 255;
  return (guint8) CLAMP (y, 0, 255);
}

void
hz_imaging_window_lut8 (double   center,
                        double   width,
                        gboolean invert,
                        guint8   lut[256])
{
  for (guint v = 0; v < 256; v++)
    {
      guint8 g = window_linear (v, center, width);

      lut[v] = invert ? 255 - g : g;
    }
}

static double
sample_at (const HzDicomFrame *frame,
           gsize               i)
{
  switch (frame->bytes_per_sample)
    {
    case 1:
      return frame->is_signed ? (double) ((const gint8 *) frame->data)[i] : frame->data[i];
    case 2:
      return frame->is_signed ? (double) ((const gint16 *) frame->data)[i]
                              : (double) ((const guint16 *) frame->data)[i];
    default:
      return frame->is_signed ? (double) ((const gint32 *) frame->data)[i]
                              : (double) ((const guint32 *) frame->data)[i];
    }
}

void
hz_imaging_render_bgra (HzDicom            *dicom,
                        const HzDicomInfo  *info,
                        const HzDicomFrame *frame,
                        gboolean            use_default,
                        double              center,
                        double              width,
                        gboolean            invert,
                        guint8             *out)
{
  gsize pixels = (gsize) frame->width * frame->height;
  gboolean mono = frame->samples == 1 &&
                  g_str_has_prefix (info->photometric != NULL ? info->photometric : "", "MONOCHROME");

  if (!use_default && mono)
    {
      double slope = info->rescale_slope != 0 ? info->rescale_slope : 1;
      gboolean flip = g_strcmp0 (info->photometric, "MONOCHROME1") == 0;

      flip = flip != !!invert;
      if (frame->bytes_per_sample <= 2)
        {
          gsize n = frame->bytes_per_sample == 1 ? 256 : 65536;
          g_autofree guint8 *lut = g_malloc (n);

          for (gsize pattern = 0; pattern < n; pattern++)
            {
              double stored = !frame->is_signed ? (double) pattern
                              : n == 256 ? (double) (gint8) pattern : (double) (gint16) pattern;
              guint8 g = window_linear (stored * slope + info->rescale_intercept, center, width);

              lut[pattern] = flip ? 255 - g : g;
            }
          if (frame->bytes_per_sample == 1)
            for (gsize p = 0; p < pixels; p++)
              {
                guint8 g = lut[frame->data[p]];
                guint8 *o = out + p * 4;

                o[0] = o[1] = o[2] = g;
                o[3] = 255;
              }
          else
            for (gsize p = 0; p < pixels; p++)
              {
                guint8 g = lut[((const guint16 *) frame->data)[p]];
                guint8 *o = out + p * 4;

                o[0] = o[1] = o[2] = g;
                o[3] = 255;
              }
        }
      else
        for (gsize p = 0; p < pixels; p++)
          {
            guint8 g = window_linear (sample_at (frame, p) * slope + info->rescale_intercept,
                                      center, width);
            guint8 *o = out + p * 4;

            o[0] = o[1] = o[2] = flip ? 255 - g : g;
            o[3] = 255;
          }
      return;
    }

  {
    g_autofree guint8 *rgb = hz_dicom_frame_to_rgb (dicom, frame);
    guint8 lut[256];

    if (use_default)
      for (guint v = 0; v < 256; v++)
        lut[v] = invert ? 255 - v : v;
    else
      hz_imaging_window_lut8 (center, width, invert, lut);
    for (gsize p = 0; p < pixels; p++)
      {
        const guint8 *i = rgb + p * 3;
        guint8 *o = out + p * 4;

        o[0] = lut[i[2]];
        o[1] = lut[i[1]];
        o[2] = lut[i[0]];
        o[3] = 255;
      }
  }
}
