/* hz-dicom.h — a DICOM Part 10 reader: the data set, the pixel modules,
 * frames decoded one at a time, the display image, ultrasound calibration
 *
 * The file is mapped (GMappedFile), parsed once into a tree of elements
 * whose values point into the mapping, and frames are decompressed only
 * when asked for, one at a time. Every length is checked against the
 * buffer; sequences nest at most HZ_DICOM_MAX_DEPTH deep. Errors are in
 * HZ_DICOM_ERROR and name the tag and the offset.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (HUIZHEN_INSIDE) && !defined (HUIZHEN_COMPILATION)
# error "Only <huizhen.h> can be included directly."
#endif

#include <glib.h>

G_BEGIN_DECLS

#define HZ_DICOM_ERROR (hz_dicom_error_quark ())

typedef enum
{
  HZ_DICOM_ERROR_TRUNCATED,    /* a length runs past the end of the data */
  HZ_DICOM_ERROR_INVALID,      /* bad VR, bad item, bad attribute value */
  HZ_DICOM_ERROR_TOO_DEEP,     /* sequences nested deeper than the limit */
  HZ_DICOM_ERROR_UNSUPPORTED,  /* a transfer syntax or pixel format not read */
  HZ_DICOM_ERROR_VIDEO,        /* a video transfer syntax: for the GStreamer viewer */
  HZ_DICOM_ERROR_NO_PIXELS,    /* no pixel data, or a frame number out of range */
  HZ_DICOM_ERROR_CODEC,        /* a compressed frame could not be decoded */
} HzDicomError;

/* How deep sequences may nest (a deeper file is refused) */
#define HZ_DICOM_MAX_DEPTH 32

/* A tag as (group << 16) | element */
#define HZ_DICOM_TAG(g, e) ((guint32) (((guint32) (g) << 16) | (guint32) (e)))

typedef struct _HzDicom        HzDicom;
typedef struct _HzDicomDataset HzDicomDataset;

/* How the pixel data is stored */
typedef enum
{
  HZ_DICOM_CODING_NATIVE,
  HZ_DICOM_CODING_RLE,
  HZ_DICOM_CODING_JPEG_BASELINE,   /* also 8-bit JPEG extended */
  HZ_DICOM_CODING_JPEG_LOSSLESS,   /* process 14, any selection value */
  HZ_DICOM_CODING_JPEG_LS,
  HZ_DICOM_CODING_JPEG_2000,
  HZ_DICOM_CODING_VIDEO,           /* MPEG-2, H.264, HEVC */
  HZ_DICOM_CODING_UNSUPPORTED,
} HzDicomCoding;

/* One region of the Sequence of Ultrasound Regions (0018,6011) */
typedef struct
{
  guint   x0, y0, x1, y1;          /* Region Location Min/Max, pixels */
  guint   spatial_format;          /* (0018,6012): 1 2D, 2 M-mode, 3 spectral, 4 waveform… */
  guint   data_type;               /* (0018,6014): 1 tissue, 2 colour flow… */
  guint   units_x, units_y;        /* (0018,6024/6026): 3 cm, 4 s, 5 Hz, 7 cm/s… */
  double  delta_x, delta_y;        /* (0018,602C/602E) Physical Delta X/Y, units per pixel */
} HzDicomRegion;

/* What `huizhen-cli dicom info` shows; strings are UTF-8 */
typedef struct
{
  guint          rows;
  guint          columns;
  guint          frames;
  guint          samples_per_pixel;
  char          *photometric;
  guint          bits_allocated;
  guint          bits_stored;
  guint          high_bit;
  guint          pixel_representation;
  guint          planar_configuration;
  char          *transfer_syntax;        /* the UID */
  const char    *transfer_syntax_name;   /* English, static */
  HzDicomCoding  coding;
  gboolean       encapsulated;
  char          *sop_class;              /* the UID */
  char          *sop_instance_uid;
  char          *study_instance_uid;
  char          *series_instance_uid;
  char          *modality;
  char          *patient_name;           /* UTF-8, '^' kept */
  char          *patient_id;
  char          *study_date;             /* as stored, YYYYMMDD */
  char          *specific_character_set;
  double         frame_time_ms;          /* (0018,1063), else from the vector or cine rate; 0 unknown */
  GArray        *frame_time_vector;      /* of double ms, may be empty */
  guint          cine_rate;              /* (0018,0040), 0 when absent */
  double         rescale_slope;
  double         rescale_intercept;
  gboolean       has_window;
  double         window_center;
  double         window_width;
  GArray        *regions;                /* of HzDicomRegion */
} HzDicomInfo;

/* One decoded frame: the stored values, interleaved, in host order
 * (1, 2 or 4 bytes a sample: 1-bit data is one byte a pixel); colour
 * in YBR is converted to RGB, PALETTE COLOR keeps its indices. */
typedef struct
{
  guint     width;
  guint     height;
  guint     samples;           /* 1 or 3 */
  guint     bytes_per_sample;  /* 1, 2 or 4 */
  gboolean  is_signed;
  gsize     size;              /* width * height * samples * bytes_per_sample */
  guint8   *data;
} HzDicomFrame;

GQuark              hz_dicom_error_quark       (void);

/* Maps and parses @path. (transfer full) */
HzDicom            *hz_dicom_open              (const char     *path,
                                                GError        **error);
/* Parses @bytes (a Part 10 file, or a bare data set). (transfer full) */
HzDicom            *hz_dicom_new_from_bytes    (GBytes         *bytes,
                                                GError        **error);
void                hz_dicom_free              (HzDicom        *dicom);

/* The top-level data set (transfer none) */
const HzDicomDataset *hz_dicom_get_dataset     (HzDicom        *dicom);
/* The file meta information (group 0002), or NULL (transfer none) */
const HzDicomDataset *hz_dicom_get_meta        (HzDicom        *dicom);

/* The number of elements of @dataset and the tag of the @index th */
guint               hz_dicom_dataset_get_n_elements (const HzDicomDataset *dataset);
guint32             hz_dicom_dataset_get_tag   (const HzDicomDataset *dataset,
                                                guint           index);
/* TRUE when @dataset holds @tag */
gboolean            hz_dicom_dataset_has       (const HzDicomDataset *dataset,
                                                guint32         tag);
/* The raw value bytes of @tag (as stored: byte order of the data set);
 * NULL when absent or a sequence. (transfer none) */
const guint8       *hz_dicom_dataset_get_raw   (const HzDicomDataset *dataset,
                                                guint32         tag,
                                                gsize          *length);
/* The @n th item of sequence @tag, or NULL (transfer none) */
const HzDicomDataset *hz_dicom_dataset_get_item (const HzDicomDataset *dataset,
                                                guint32         tag,
                                                guint           n);
guint               hz_dicom_dataset_get_n_items (const HzDicomDataset *dataset,
                                                guint32         tag);
/* The @n th value of @tag as text (backslash-separated values), decoded
 * with the file's Specific Character Set to UTF-8, trailing spaces
 * trimmed; NULL when absent. (transfer full) */
char               *hz_dicom_dataset_dup_string (const HzDicomDataset *dataset,
                                                guint32         tag,
                                                guint           n);
/* The @n th value of @tag as a number: binary VRs (US, SS, UL, SL, FL,
 * FD) and text ones (IS, DS); FALSE when absent or not a number. */
gboolean            hz_dicom_dataset_get_number (const HzDicomDataset *dataset,
                                                guint32         tag,
                                                guint           n,
                                                double         *value);

/* What the file holds. (transfer full) */
HzDicomInfo        *hz_dicom_get_info          (HzDicom        *dicom);
void                hz_dicom_info_free         (HzDicomInfo    *info);

guint               hz_dicom_get_n_frames      (HzDicom        *dicom);
/* Decodes frame @index (from 0). (transfer full) */
HzDicomFrame       *hz_dicom_decode_frame      (HzDicom        *dicom,
                                                guint           index,
                                                GError        **error);
void                hz_dicom_frame_free        (HzDicomFrame   *frame);

/* The displayed image of @frame: 8-bit RGB, width * height * 3 bytes,
 * through the rescale, the first window (or VOI LUT, else the full
 * range of the stored bits), MONOCHROME1 inverted, the palette applied.
 * (transfer full) */
guint8             *hz_dicom_frame_to_rgb      (HzDicom        *dicom,
                                                const HzDicomFrame *frame);

/* A video transfer syntax's pixel data (HZ_DICOM_CODING_VIDEO: MPEG-2,
 * H.264, HEVC): its fragments, in order, are one MPEG stream (elementary
 * or transport), which GStreamer decodes. Its length in bytes (0 when the
 * pixel data is not encapsulated), and up to @length of its bytes from
 * @offset copied into @out: how many (0 at the end). Reads the mapped
 * file, never the whole stream into memory. */
guint64             hz_dicom_get_stream_length (HzDicom        *dicom);
gsize               hz_dicom_read_stream       (HzDicom        *dicom,
                                                guint64         offset,
                                                guint8         *out,
                                                gsize           length);

/* The English name of a transfer syntax UID, or NULL when unknown */
const char         *hz_dicom_transfer_syntax_name (const char  *uid);
/* The coding of a transfer syntax UID */
HzDicomCoding       hz_dicom_transfer_syntax_coding (const char *uid);
/* The short English unit of an ultrasound region's physical units code
 * ("cm", "s", "Hz", "cm/s"…), or NULL when unknown */
const char         *hz_dicom_region_unit_name  (guint           units);

/* @text of a value with Specific Character Set @charset (the raw
 * (0008,0005) value, may be NULL) as UTF-8. (transfer full) */
char               *hz_dicom_decode_text       (const char     *charset,
                                                const guint8   *text,
                                                gsize           length);

/* Writes @rgb (width * height * 3) as a PNG file to @path, atomically */
gboolean            hz_dicom_write_png         (const char     *path,
                                                const guint8   *rgb,
                                                guint           width,
                                                guint           height,
                                                GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HzDicom, hz_dicom_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HzDicomInfo, hz_dicom_info_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HzDicomFrame, hz_dicom_frame_free)

G_END_DECLS
