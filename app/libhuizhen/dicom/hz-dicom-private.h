/* hz-dicom-private.h — the element tree and the codecs behind hz-dicom.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hz-dicom.h"

G_BEGIN_DECLS

#define HZ_DICOM_VR(a, b) ((guint16) (((guint16) (a) << 8) | (guint16) (b)))
#define HZ_DICOM_VR_NONE  0   /* implicit VR: look the tag up */

typedef struct
{
  guint32         tag;
  guint16         vr;
  guint32         length;      /* 0xFFFFFFFF for undefined */
  gsize           offset;      /* of the element's header in the parsed buffer */
  const guint8   *value;       /* NULL for a sequence */
  GPtrArray      *items;       /* of HzDicomDataset, for a sequence */
} HzDicomElement;

struct _HzDicomDataset
{
  GArray          *elements;   /* of HzDicomElement */
  gboolean         big_endian;
  const char      *charset;    /* (0008,0005) of the top level, raw; owned by HzDicom */
};

/* One fragment of encapsulated pixel data */
typedef struct
{
  const guint8 *data;
  gsize         length;
  gsize         offset;        /* of the item's header, from the first item after the table */
} HzDicomFragment;

/* The pixel module of the file, read once */
typedef struct
{
  guint      rows, columns, samples, frames;
  guint      bits_allocated, bits_stored, high_bit;
  gboolean   is_signed;
  guint      planar;
  char      *photometric;
} HzDicomPixelModule;

/* A compressed frame handed to a codec, which writes the decoded values
 * into @frame (allocated by the caller for @module's size) */
gboolean hz_dicom_decode_rle           (const HzDicomPixelModule *module,
                                        const guint8             *data,
                                        gsize                     length,
                                        HzDicomFrame             *frame,
                                        GError                  **error);
gboolean hz_dicom_decode_jpeg_baseline (const HzDicomPixelModule *module,
                                        const guint8             *data,
                                        gsize                     length,
                                        HzDicomFrame             *frame,
                                        GError                  **error);
gboolean hz_dicom_decode_jpeg_lossless (const HzDicomPixelModule *module,
                                        const guint8             *data,
                                        gsize                     length,
                                        HzDicomFrame             *frame,
                                        GError                  **error);
gboolean hz_dicom_decode_jpeg_ls       (const HzDicomPixelModule *module,
                                        const guint8             *data,
                                        gsize                     length,
                                        HzDicomFrame             *frame,
                                        GError                  **error);
gboolean hz_dicom_decode_jpeg_2000     (const HzDicomPixelModule *module,
                                        const guint8             *data,
                                        gsize                     length,
                                        HzDicomFrame             *frame,
                                        GError                  **error);

G_END_DECLS
