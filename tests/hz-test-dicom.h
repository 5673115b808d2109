/* hz-test-dicom.h — DICOM fixtures made at test time with dcmtk's tools
 *
 * A native explicit VR little endian file is written by dump2dcm from a
 * text dump and a raw pixel file; the other transfer syntaxes come from
 * dcmconv, dcmcrle, dcmcjpeg and dcmcjpls run on it. A tool that fails
 * fails the test (g_error), it is never skipped.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint        rows, columns, frames, samples;
  const char  *photometric;
  guint        bits_allocated, bits_stored;
  gboolean     is_signed;
  guint        planar;
  const char  *extra;      /* more dump lines (may be NULL) */
  const char  *charset;    /* iconv name the dump is written in (NULL: UTF-8) */
} HzTestImage;

/* Runs @argv (NULL-terminated), g_error() with its output when it fails */
void   hz_test_dicom_run      (const char * const *argv);
/* Writes @dir/@name.dcm from @image and @pixels (the stored values as
 * the file holds them). (transfer full): the path */
char  *hz_test_dicom_make     (const char        *dir,
                               const char        *name,
                               const HzTestImage *image,
                               const guint8      *pixels,
                               gsize              length);
/* Runs @tool with @args (space-separated, may be "") on @src into
 * @dir/@name.dcm. (transfer full): the path */
char  *hz_test_dicom_convert  (const char        *dir,
                               const char        *src,
                               const char        *name,
                               const char        *tool,
                               const char        *args);
/* Test pixels: value of sample @s of pixel (@x, @y) of frame @f, in
 * @bits bits */
guint  hz_test_dicom_pattern  (guint x, guint y, guint s, guint f, guint bits);
/* The stored values of @image from hz_test_dicom_pattern(), little
 * endian, interleaved, frame after frame. (transfer full) */
guint8 *hz_test_dicom_pixels  (const HzTestImage *image,
                               gsize             *length);

/* Little-endian values, an explicit VR little endian element (OB, OW,
 * SQ and UN with the long header; @value NULL writes only the header),
 * and a Part 10 preamble with its meta transfer syntax */
void    hz_test_dicom_put16       (GByteArray *out,
                                   guint       v);
void    hz_test_dicom_put32       (GByteArray *out,
                                   guint32     v);
void    hz_test_dicom_put_element (GByteArray *out,
                                   guint       group,
                                   guint       element,
                                   const char *vr,
                                   const void *value,
                                   guint       length);
GByteArray *hz_test_dicom_part10  (const char *transfer_syntax);

/* Writes @dir/@name.dcm: an @n_frames-frame JPEG-baseline (YBR_FULL_422)
 * ultrasound-like cine of @width × @height, a dark fan with speckle and
 * a moving arc, Frame Time @frame_time_ms, with a Basic Offset Table.
 * (transfer full): the path */
char   *hz_test_dicom_write_jpeg_cine (const char *dir,
                                       const char *name,
                                       guint       n_frames,
                                       guint       width,
                                       guint       height,
                                       double      frame_time_ms);

/* Writes @dir/@name.dcm: a video transfer syntax (@transfer_syntax, e.g.
 * 1.2.840.10008.1.2.4.102 for H.264) whose encapsulated pixel data is
 * @stream (an MPEG elementary stream) cut into fragments of at most
 * @fragment_size bytes, after an empty Basic Offset Table; @n_frames
 * frames of @width × @height, YBR_PARTIAL_420, Frame Time
 * @frame_time_ms, SOP Instance UID @sop. (transfer full): the path */
char   *hz_test_dicom_write_video     (const char   *dir,
                                       const char   *name,
                                       const char   *transfer_syntax,
                                       const char   *sop,
                                       const guint8 *stream,
                                       gsize         length,
                                       gsize         fragment_size,
                                       guint         n_frames,
                                       guint         width,
                                       guint         height,
                                       double        frame_time_ms);

G_END_DECLS
