/* hz-dicom.c — the Part 10 parser, the element accessors and the summary
 *
 * The parser walks the buffer once, checking every length against the
 * end of the enclosing value, and records each element with a pointer to
 * its value in the mapping. Sequences recurse at most HZ_DICOM_MAX_DEPTH
 * levels deep; anything deeper is refused before it costs stack.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-dicom"

#include "config.h"

#include <string.h>
#include <stdlib.h>
#include <glib/gi18n-lib.h>
#include <zlib.h>

#include "hz-dicom.h"
#include "hz-dicom-private.h"
#include "hz-dicom-frames-private.h"

#define UNDEFINED_LENGTH 0xFFFFFFFFu
#define TAG_ITEM         HZ_DICOM_TAG (0xFFFE, 0xE000)
#define TAG_ITEM_END     HZ_DICOM_TAG (0xFFFE, 0xE00D)
#define TAG_SEQ_END      HZ_DICOM_TAG (0xFFFE, 0xE0DD)
#define TAG_PIXEL_DATA   HZ_DICOM_TAG (0x7FE0, 0x0010)
#define TAG_CHARSET      HZ_DICOM_TAG (0x0008, 0x0005)
#define TAG_TSUID        HZ_DICOM_TAG (0x0002, 0x0010)

/* a decompressed deflated data set may not grow past this */
#define MAX_INFLATED     ((gsize) 1 << 31)

G_DEFINE_QUARK (hz-dicom-error-quark, hz_dicom_error)

/* --- transfer syntaxes -------------------------------------------------- */

typedef struct
{
  const char    *uid;
  const char    *name;
  HzDicomCoding  coding;
  gboolean       explicit_vr;
  gboolean       big_endian;
  gboolean       deflated;
} TransferSyntax;

static const TransferSyntax transfer_syntaxes[] = {
  { "1.2.840.10008.1.2", "Implicit VR Little Endian", HZ_DICOM_CODING_NATIVE, FALSE, FALSE, FALSE },
  { "1.2.840.10008.1.2.1", "Explicit VR Little Endian", HZ_DICOM_CODING_NATIVE, TRUE, FALSE, FALSE },
  { "1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian", HZ_DICOM_CODING_NATIVE, TRUE, FALSE, TRUE },
  { "1.2.840.10008.1.2.2", "Explicit VR Big Endian", HZ_DICOM_CODING_NATIVE, TRUE, TRUE, FALSE },
  { "1.2.840.10008.1.2.5", "RLE Lossless", HZ_DICOM_CODING_RLE, TRUE, FALSE, FALSE },
  { "1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)", HZ_DICOM_CODING_JPEG_BASELINE, TRUE, FALSE, FALSE },
  { "1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 & 4)", HZ_DICOM_CODING_JPEG_BASELINE, TRUE, FALSE, FALSE },
  { "1.2.840.10008.1.2.4.57", "JPEG Lossless, Non-Hierarchical (Process 14)", HZ_DICOM_CODING_JPEG_LOSSLESS, TRUE, FALSE, FALSE },
  { "1.2.840.10008.1.2.4.70", "JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14, Selection Value 1)", HZ_DICOM_CODING_JPEG_LOSSLESS, TRUE, FALSE, FALSE },
  { "1.2.840.10008.1.2.4.80", "JPEG-LS Lossless", HZ_DICOM_CODING_JPEG_LS, TRUE, FALSE, FALSE },
  { "1.2.840.10008.1.2.4.81", "JPEG-LS Near-Lossless", HZ_DICOM_CODING_JPEG_LS, TRUE, FALSE, FALSE },
  { "1.2.840.10008.1.2.4.90", "JPEG 2000 (Lossless Only)", HZ_DICOM_CODING_JPEG_2000, TRUE, FALSE, FALSE },
  { "1.2.840.10008.1.2.4.91", "JPEG 2000", HZ_DICOM_CODING_JPEG_2000, TRUE, FALSE, FALSE },
  { "1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000 (Lossless Only)", HZ_DICOM_CODING_JPEG_2000, TRUE, FALSE, FALSE },
  { "1.2.840.10008.1.2.4.202", "High-Throughput JPEG 2000 with RPCL Options (Lossless Only)", HZ_DICOM_CODING_JPEG_2000, TRUE, FALSE, FALSE },
  { "1.2.840.10008.1.2.4.203", "High-Throughput JPEG 2000", HZ_DICOM_CODING_JPEG_2000, TRUE, FALSE, FALSE },
  { "1.2.840.10008.1.2.4.92", "JPEG 2000 Part 2 Multi-component (Lossless Only)", HZ_DICOM_CODING_UNSUPPORTED, TRUE, FALSE, FALSE },
  { "1.2.840.10008.1.2.4.93", "JPEG 2000 Part 2 Multi-component", HZ_DICOM_CODING_UNSUPPORTED, TRUE, FALSE, FALSE },
  { "1.2.840.10008.1.2.4.94", "JPIP Referenced", HZ_DICOM_CODING_UNSUPPORTED, TRUE, FALSE, FALSE },
  { "1.2.840.10008.1.2.4.95", "JPIP Referenced Deflate", HZ_DICOM_CODING_UNSUPPORTED, TRUE, FALSE, TRUE },
  { "1.2.840.10008.1.2.4.100", "MPEG2 Main Profile / Main Level", HZ_DICOM_CODING_VIDEO, TRUE, FALSE, FALSE },
  { "1.2.840.10008.1.2.4.101", "MPEG2 Main Profile / High Level", HZ_DICOM_CODING_VIDEO, TRUE, FALSE, FALSE },
  { "1.2.840.10008.1.2.4.102", "MPEG-4 AVC/H.264 High Profile / Level 4.1", HZ_DICOM_CODING_VIDEO, TRUE, FALSE, FALSE },
  { "1.2.840.10008.1.2.4.103", "MPEG-4 AVC/H.264 BD-compatible High Profile / Level 4.1", HZ_DICOM_CODING_VIDEO, TRUE, FALSE, FALSE },
  { "1.2.840.10008.1.2.4.104", "MPEG-4 AVC/H.264 High Profile / Level 4.2 For 2D Video", HZ_DICOM_CODING_VIDEO, TRUE, FALSE, FALSE },
  { "1.2.840.10008.1.2.4.105", "MPEG-4 AVC/H.264 High Profile / Level 4.2 For 3D Video", HZ_DICOM_CODING_VIDEO, TRUE, FALSE, FALSE },
  { "1.2.840.10008.1.2.4.106", "MPEG-4 AVC/H.264 Stereo High Profile / Level 4.2", HZ_DICOM_CODING_VIDEO, TRUE, FALSE, FALSE },
  { "1.2.840.10008.1.2.4.107", "HEVC/H.265 Main Profile / Level 5.1", HZ_DICOM_CODING_VIDEO, TRUE, FALSE, FALSE },
  { "1.2.840.10008.1.2.4.108", "HEVC/H.265 Main 10 Profile / Level 5.1", HZ_DICOM_CODING_VIDEO, TRUE, FALSE, FALSE },
};

static const TransferSyntax *
find_transfer_syntax (const char *uid)
{
  if (uid == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (transfer_syntaxes); i++)
    if (strcmp (transfer_syntaxes[i].uid, uid) == 0)
      return &transfer_syntaxes[i];
  return NULL;
}

const char *
hz_dicom_transfer_syntax_name (const char *uid)
{
  const TransferSyntax *ts = find_transfer_syntax (uid);

  return ts != NULL ? ts->name : NULL;
}

HzDicomCoding
hz_dicom_transfer_syntax_coding (const char *uid)
{
  const TransferSyntax *ts = find_transfer_syntax (uid);

  return ts != NULL ? ts->coding : HZ_DICOM_CODING_UNSUPPORTED;
}

/* --- the VRs of the tags read from implicit VR data sets ---------------- */

typedef struct
{
  guint32 tag;
  guint16 vr;
} TagVr;

#define V(a, b) HZ_DICOM_VR (a, b)
/* sorted by tag */
static const TagVr dictionary[] = {
  { HZ_DICOM_TAG (0x0008, 0x1115), V ('S', 'Q') },
  { HZ_DICOM_TAG (0x0008, 0x1140), V ('S', 'Q') },
  { HZ_DICOM_TAG (0x0008, 0x2112), V ('S', 'Q') },
  { HZ_DICOM_TAG (0x0018, 0x0040), V ('I', 'S') },
  { HZ_DICOM_TAG (0x0018, 0x1063), V ('D', 'S') },
  { HZ_DICOM_TAG (0x0018, 0x1065), V ('D', 'S') },
  { HZ_DICOM_TAG (0x0018, 0x6011), V ('S', 'Q') },
  { HZ_DICOM_TAG (0x0018, 0x6012), V ('U', 'S') },
  { HZ_DICOM_TAG (0x0018, 0x6014), V ('U', 'S') },
  { HZ_DICOM_TAG (0x0018, 0x6016), V ('U', 'L') },
  { HZ_DICOM_TAG (0x0018, 0x6018), V ('U', 'L') },
  { HZ_DICOM_TAG (0x0018, 0x601A), V ('U', 'L') },
  { HZ_DICOM_TAG (0x0018, 0x601C), V ('U', 'L') },
  { HZ_DICOM_TAG (0x0018, 0x601E), V ('U', 'L') },
  { HZ_DICOM_TAG (0x0018, 0x6020), V ('S', 'L') },
  { HZ_DICOM_TAG (0x0018, 0x6022), V ('S', 'L') },
  { HZ_DICOM_TAG (0x0018, 0x6024), V ('U', 'S') },
  { HZ_DICOM_TAG (0x0018, 0x6026), V ('U', 'S') },
  { HZ_DICOM_TAG (0x0018, 0x6028), V ('F', 'D') },
  { HZ_DICOM_TAG (0x0018, 0x602A), V ('F', 'D') },
  { HZ_DICOM_TAG (0x0018, 0x602C), V ('F', 'D') },
  { HZ_DICOM_TAG (0x0018, 0x602E), V ('F', 'D') },
  { HZ_DICOM_TAG (0x0028, 0x0002), V ('U', 'S') },
  { HZ_DICOM_TAG (0x0028, 0x0006), V ('U', 'S') },
  { HZ_DICOM_TAG (0x0028, 0x0008), V ('I', 'S') },
  { HZ_DICOM_TAG (0x0028, 0x0010), V ('U', 'S') },
  { HZ_DICOM_TAG (0x0028, 0x0011), V ('U', 'S') },
  { HZ_DICOM_TAG (0x0028, 0x0100), V ('U', 'S') },
  { HZ_DICOM_TAG (0x0028, 0x0101), V ('U', 'S') },
  { HZ_DICOM_TAG (0x0028, 0x0102), V ('U', 'S') },
  { HZ_DICOM_TAG (0x0028, 0x0103), V ('U', 'S') },
  { HZ_DICOM_TAG (0x0028, 0x1050), V ('D', 'S') },
  { HZ_DICOM_TAG (0x0028, 0x1051), V ('D', 'S') },
  { HZ_DICOM_TAG (0x0028, 0x1052), V ('D', 'S') },
  { HZ_DICOM_TAG (0x0028, 0x1053), V ('D', 'S') },
  { HZ_DICOM_TAG (0x0028, 0x1101), V ('U', 'S') },
  { HZ_DICOM_TAG (0x0028, 0x1102), V ('U', 'S') },
  { HZ_DICOM_TAG (0x0028, 0x1103), V ('U', 'S') },
  { HZ_DICOM_TAG (0x0028, 0x1201), V ('O', 'W') },
  { HZ_DICOM_TAG (0x0028, 0x1202), V ('O', 'W') },
  { HZ_DICOM_TAG (0x0028, 0x1203), V ('O', 'W') },
  { HZ_DICOM_TAG (0x0028, 0x3000), V ('S', 'Q') },
  { HZ_DICOM_TAG (0x0028, 0x3002), V ('U', 'S') },
  { HZ_DICOM_TAG (0x0028, 0x3006), V ('U', 'S') },
  { HZ_DICOM_TAG (0x0028, 0x3010), V ('S', 'Q') },
  { HZ_DICOM_TAG (0x0040, 0x0275), V ('S', 'Q') },
  { HZ_DICOM_TAG (0x0088, 0x0200), V ('S', 'Q') },
  { HZ_DICOM_TAG (0x7FE0, 0x0001), V ('O', 'V') },
  { HZ_DICOM_TAG (0x7FE0, 0x0002), V ('O', 'V') },
  { HZ_DICOM_TAG (0x7FE0, 0x0010), V ('O', 'W') },
};
#undef V

static int
compare_tag_vr (const void *key,
                const void *member)
{
  guint32 tag = *(const guint32 *) key;
  const TagVr *entry = member;

  return tag < entry->tag ? -1 : tag > entry->tag ? 1 : 0;
}

static guint16
dictionary_vr (guint32 tag)
{
  const TagVr *entry = bsearch (&tag, dictionary, G_N_ELEMENTS (dictionary),
                                sizeof dictionary[0], compare_tag_vr);

  /* group lengths are UL */
  if (entry == NULL && (tag & 0xFFFF) == 0)
    return HZ_DICOM_VR ('U', 'L');
  return entry != NULL ? entry->vr : HZ_DICOM_VR_NONE;
}

/* VRs whose explicit header has two reserved bytes and a 4-byte length */
static gboolean
vr_has_long_length (guint16 vr)
{
  static const char long_vrs[][3] = { "OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC",
                                      "UN", "UR", "UT", "UV" };

  for (guint i = 0; i < G_N_ELEMENTS (long_vrs); i++)
    if (vr == HZ_DICOM_VR (long_vrs[i][0], long_vrs[i][1]))
      return TRUE;
  return FALSE;
}

static gboolean
vr_is_known (guint16 vr)
{
  static const char vrs[][3] = { "AE", "AS", "AT", "CS", "DA", "DS", "DT", "FL", "FD", "IS",
                                 "LO", "LT", "OB", "OD", "OF", "OL", "OV", "OW", "PN", "SH",
                                 "SL", "SQ", "SS", "ST", "SV", "TM", "UC", "UI", "UL", "UN",
                                 "UR", "US", "UT", "UV" };

  for (guint i = 0; i < G_N_ELEMENTS (vrs); i++)
    if (vr == HZ_DICOM_VR (vrs[i][0], vrs[i][1]))
      return TRUE;
  return FALSE;
}

/* --- the data set tree -------------------------------------------------- */

static HzDicomDataset *
dataset_new (gboolean big_endian)
{
  HzDicomDataset *dataset = g_new0 (HzDicomDataset, 1);

  dataset->elements = g_array_new (FALSE, FALSE, sizeof (HzDicomElement));
  dataset->big_endian = big_endian;
  return dataset;
}

static void
dataset_free (gpointer data)
{
  HzDicomDataset *dataset = data;

  if (dataset == NULL)
    return;
  for (guint i = 0; i < dataset->elements->len; i++)
    {
      HzDicomElement *element = &g_array_index (dataset->elements, HzDicomElement, i);

      g_clear_pointer (&element->items, g_ptr_array_unref);
    }
  g_array_unref (dataset->elements);
  g_free (dataset);
}

struct _HzDicom
{
  GMappedFile        *mapped;
  GBytes             *bytes;
  guint8             *inflated;       /* the deflated data set, inflated */
  HzDicomDataset     *meta;
  HzDicomDataset     *dataset;
  char               *transfer_syntax;
  const TransferSyntax *syntax;
  char               *charset;        /* (0008,0005), raw */
  gboolean            encapsulated;
  GArray             *fragments;      /* of HzDicomFragment, [0] the offset table */
  HzDicomFrames      *frames;         /* pixel module and frame index, read on first use */
};

/* --- the parser --------------------------------------------------------- */

typedef struct
{
  const guint8 *base;
  gsize         size;
  HzDicom      *dicom;
  const char   *where;     /* "" or " (in the inflated data set)" */
} Parser;

static inline guint16
read16 (const guint8 *p,
        gboolean      big_endian)
{
  return big_endian ? (guint16) (p[0] << 8 | p[1]) : (guint16) (p[1] << 8 | p[0]);
}

static inline guint32
read32 (const guint8 *p,
        gboolean      big_endian)
{
  return big_endian
    ? ((guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3])
    : ((guint32) p[3] << 24 | (guint32) p[2] << 16 | (guint32) p[1] << 8 | p[0]);
}

static void G_GNUC_PRINTF (5, 6)
parse_error (GError      **error,
             HzDicomError  code,
             guint32       tag,
             gsize         offset,
             const char   *format,
             ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  /* TRANSLATORS: (%04X,%04X) is a DICOM tag, then the byte offset in the file, then what was wrong */
  g_set_error (error, HZ_DICOM_ERROR, code, _("Element (%04X,%04X) at offset %lu: %s"),
               tag >> 16, tag & 0xFFFF, (unsigned long) offset, what);
}

static gboolean parse_dataset (Parser         *parser,
                               gsize          *pos,
                               gsize           end,
                               guint           depth,
                               gboolean        explicit_vr,
                               gboolean        big_endian,
                               gboolean        until_item_end,
                               HzDicomDataset *dataset,
                               GError        **error);

/* Reads the header of the item (or delimiter) at *pos */
static gboolean
read_item_header (Parser    *parser,
                  gsize      pos,
                  gsize      end,
                  gboolean   big_endian,
                  guint32   *tag,
                  guint32   *length,
                  GError   **error)
{
  const guint8 *p = parser->base + pos;

  if (end - pos < 8)
    {
      parse_error (error, HZ_DICOM_ERROR_TRUNCATED, 0xFFFEE000, pos,
                   _("the data ends inside an item header%s"), parser->where);
      return FALSE;
    }
  *tag = (guint32) read16 (p, big_endian) << 16 | read16 (p + 2, big_endian);
  *length = read32 (p + 4, big_endian);
  return TRUE;
}

/* The items of a sequence whose value starts at *pos: up to @end (defined
 * length) or its delimiter (@end the enclosing end) */
static gboolean
parse_sequence (Parser         *parser,
                guint32         seq_tag,
                gsize          *pos,
                gsize           end,
                gboolean        defined,
                guint           depth,
                gboolean        explicit_vr,
                gboolean        big_endian,
                GPtrArray      *items,
                GError        **error)
{
  if (depth >= HZ_DICOM_MAX_DEPTH)
    {
      parse_error (error, HZ_DICOM_ERROR_TOO_DEEP, seq_tag, *pos,
                   _("sequences are nested deeper than %d levels%s"), HZ_DICOM_MAX_DEPTH,
                   parser->where);
      return FALSE;
    }

  while (*pos < end)
    {
      guint32 tag, length;
      gsize item_pos = *pos;
      HzDicomDataset *item;

      if (!read_item_header (parser, *pos, end, big_endian, &tag, &length, error))
        return FALSE;
      *pos += 8;
      if (tag == TAG_SEQ_END && !defined)
        return TRUE;
      if (tag != TAG_ITEM)
        {
          parse_error (error, HZ_DICOM_ERROR_INVALID, seq_tag, item_pos,
                       _("an item of the sequence was expected, found (%04X,%04X)%s"),
                       tag >> 16, tag & 0xFFFF, parser->where);
          return FALSE;
        }
      item = dataset_new (big_endian);
      item->charset = parser->dicom->charset;
      g_ptr_array_add (items, item);
      if (length == UNDEFINED_LENGTH)
        {
          if (!parse_dataset (parser, pos, end, depth + 1, explicit_vr, big_endian, TRUE, item, error))
            return FALSE;
        }
      else
        {
          gsize item_end;

          if (length > end - *pos)
            {
              parse_error (error, HZ_DICOM_ERROR_TRUNCATED, seq_tag, item_pos,
                           _("an item of %u bytes runs past the end of its sequence%s"),
                           length, parser->where);
              return FALSE;
            }
          item_end = *pos + length;
          if (!parse_dataset (parser, pos, item_end, depth + 1, explicit_vr, big_endian, FALSE, item, error))
            return FALSE;
          *pos = item_end;
        }
    }

  if (!defined)
    {
      parse_error (error, HZ_DICOM_ERROR_TRUNCATED, seq_tag, *pos,
                   _("the data ends before the end of the sequence%s"), parser->where);
      return FALSE;
    }
  return TRUE;
}

/* Encapsulated pixel data: the items up to the sequence delimiter */
static gboolean
parse_fragments (Parser         *parser,
                 guint32         pixel_tag,
                 gsize          *pos,
                 gsize           end,
                 gboolean        big_endian,
                 GArray         *fragments,
                 GError        **error)
{
  gsize first = 0;

  while (*pos < end)
    {
      guint32 tag, length;
      gsize item_pos = *pos;
      HzDicomFragment fragment;

      if (!read_item_header (parser, *pos, end, big_endian, &tag, &length, error))
        return FALSE;
      *pos += 8;
      if (tag == TAG_SEQ_END)
        return TRUE;
      if (tag != TAG_ITEM)
        {
          parse_error (error, HZ_DICOM_ERROR_INVALID, pixel_tag, item_pos,
                       _("a fragment of the pixel data was expected, found (%04X,%04X)"),
                       tag >> 16, tag & 0xFFFF);
          return FALSE;
        }
      if (length == UNDEFINED_LENGTH || length > end - *pos)
        {
          parse_error (error, HZ_DICOM_ERROR_TRUNCATED, pixel_tag, item_pos,
                       _("a fragment of %u bytes runs past the end of the data"), length);
          return FALSE;
        }
      if (fragments->len == 1)
        first = item_pos;
      fragment.data = parser->base + *pos;
      fragment.length = length;
      fragment.offset = fragments->len == 0 ? 0 : item_pos - first;
      if (fragments != NULL)
        g_array_append_val (fragments, fragment);
      *pos += length;
    }

  parse_error (error, HZ_DICOM_ERROR_TRUNCATED, pixel_tag, *pos,
               _("the data ends before the end of the encapsulated pixel data"));
  return FALSE;
}

static gboolean
parse_dataset (Parser         *parser,
               gsize          *pos,
               gsize           end,
               guint           depth,
               gboolean        explicit_vr,
               gboolean        big_endian,
               gboolean        until_item_end,
               HzDicomDataset *dataset,
               GError        **error)
{
  while (*pos < end)
    {
      const guint8 *p = parser->base + *pos;
      gsize element_pos = *pos;
      HzDicomElement element = { 0 };
      gsize header;
      guint32 tag;

      if (end - *pos < 8)
        {
          parse_error (error, HZ_DICOM_ERROR_TRUNCATED, 0, *pos,
                       _("the data ends inside an element header%s"), parser->where);
          return FALSE;
        }
      tag = (guint32) read16 (p, big_endian) << 16 | read16 (p + 2, big_endian);
      element.tag = tag;
      element.offset = element_pos;

      if (tag == TAG_ITEM_END)
        {
          *pos += 8;
          if (until_item_end)
            return TRUE;
          parse_error (error, HZ_DICOM_ERROR_INVALID, tag, element_pos,
                       _("an item delimiter outside an item%s"), parser->where);
          return FALSE;
        }
      if ((tag >> 16) == 0xFFFE)
        {
          parse_error (error, HZ_DICOM_ERROR_INVALID, tag, element_pos,
                       _("an item or delimiter where an element was expected%s"), parser->where);
          return FALSE;
        }

      if (explicit_vr)
        {
          element.vr = HZ_DICOM_VR (p[4], p[5]);
          if (!vr_is_known (element.vr))
            {
              if (g_ascii_isupper (p[4]) && g_ascii_isupper (p[5]))
                parse_error (error, HZ_DICOM_ERROR_INVALID, tag, element_pos,
                             _("unknown value representation “%c%c”%s"), p[4], p[5], parser->where);
              else
                parse_error (error, HZ_DICOM_ERROR_INVALID, tag, element_pos,
                             _("bad value representation (bytes %02X %02X)%s"), p[4], p[5], parser->where);
              return FALSE;
            }
          if (vr_has_long_length (element.vr))
            {
              if (end - *pos < 12)
                {
                  parse_error (error, HZ_DICOM_ERROR_TRUNCATED, tag, element_pos,
                               _("the data ends inside an element header%s"), parser->where);
                  return FALSE;
                }
              element.length = read32 (p + 8, big_endian);
              header = 12;
            }
          else
            {
              element.length = read16 (p + 6, big_endian);
              header = 8;
            }
        }
      else
        {
          element.vr = dictionary_vr (tag);
          element.length = read32 (p + 4, big_endian);
          header = 8;
        }
      *pos += header;

      if (element.length == UNDEFINED_LENGTH)
        {
          if (tag == TAG_PIXEL_DATA)
            {
              GArray *fragments = NULL;

              if (depth == 0 && parser->dicom->fragments == NULL)
                {
                  parser->dicom->fragments = g_array_new (FALSE, FALSE, sizeof (HzDicomFragment));
                  parser->dicom->encapsulated = TRUE;
                  fragments = parser->dicom->fragments;
                }
              else
                fragments = g_array_new (FALSE, FALSE, sizeof (HzDicomFragment));
              if (!parse_fragments (parser, tag, pos, end, big_endian, fragments, error))
                {
                  if (fragments != parser->dicom->fragments)
                    g_array_unref (fragments);
                  return FALSE;
                }
              if (fragments != parser->dicom->fragments)
                g_array_unref (fragments);
            }
          else if (element.vr == HZ_DICOM_VR ('S', 'Q') || element.vr == HZ_DICOM_VR ('U', 'N')
                   || element.vr == HZ_DICOM_VR_NONE)
            {
              /* an undefined-length UN holds implicit VR little endian */
              gboolean un = element.vr == HZ_DICOM_VR ('U', 'N');

              element.items = g_ptr_array_new_with_free_func (dataset_free);
              if (!parse_sequence (parser, tag, pos, end, FALSE, depth, un ? FALSE : explicit_vr,
                                   un ? FALSE : big_endian, element.items, error))
                {
                  g_ptr_array_unref (element.items);
                  return FALSE;
                }
              element.vr = HZ_DICOM_VR ('S', 'Q');
            }
          else
            {
              parse_error (error, HZ_DICOM_ERROR_INVALID, tag, element_pos,
                           _("an undefined length on a value that cannot have one%s"), parser->where);
              return FALSE;
            }
        }
      else
        {
          gsize value_end;

          if (element.length > end - *pos)
            {
              parse_error (error, HZ_DICOM_ERROR_TRUNCATED, tag, element_pos,
                           _("its length %u runs past the end of the data (%lu bytes left)%s"),
                           element.length, (unsigned long) (end - *pos), parser->where);
              return FALSE;
            }
          value_end = *pos + element.length;
          if (element.vr == HZ_DICOM_VR ('S', 'Q'))
            {
              element.items = g_ptr_array_new_with_free_func (dataset_free);
              if (!parse_sequence (parser, tag, pos, value_end, TRUE, depth, explicit_vr, big_endian,
                                   element.items, error))
                {
                  g_ptr_array_unref (element.items);
                  return FALSE;
                }
            }
          else if (element.vr == HZ_DICOM_VR_NONE && element.length >= 8
                   && read16 (parser->base + *pos, big_endian) == 0xFFFE
                   && read16 (parser->base + *pos + 2, big_endian) == 0xE000)
            {
              /* an implicit VR element the dictionary does not know that
               * starts with an item: read it as a sequence when it is one */
              gsize try_pos = *pos;
              GPtrArray *items = g_ptr_array_new_with_free_func (dataset_free);

              if (parse_sequence (parser, tag, &try_pos, value_end, TRUE, depth, explicit_vr,
                                  big_endian, items, NULL))
                {
                  element.items = items;
                  element.vr = HZ_DICOM_VR ('S', 'Q');
                }
              else
                {
                  g_ptr_array_unref (items);
                  element.value = parser->base + *pos;
                }
            }
          else
            element.value = parser->base + *pos;
          *pos = value_end;
        }

      g_array_append_val (dataset->elements, element);
    }

  if (until_item_end)
    {
      parse_error (error, HZ_DICOM_ERROR_TRUNCATED, 0, *pos,
                   _("the data ends before the end of an item%s"), parser->where);
      return FALSE;
    }
  return TRUE;
}

/* --- element access ----------------------------------------------------- */

static const HzDicomElement *
find_element (const HzDicomDataset *dataset,
              guint32               tag)
{
  if (dataset == NULL)
    return NULL;
  for (guint i = 0; i < dataset->elements->len; i++)
    {
      const HzDicomElement *element = &g_array_index (dataset->elements, HzDicomElement, i);

      if (element->tag == tag)
        return element;
    }
  return NULL;
}

guint
hz_dicom_dataset_get_n_elements (const HzDicomDataset *dataset)
{
  return dataset->elements->len;
}

guint32
hz_dicom_dataset_get_tag (const HzDicomDataset *dataset,
                          guint                 index)
{
  g_return_val_if_fail (index < dataset->elements->len, 0);
  return g_array_index (dataset->elements, HzDicomElement, index).tag;
}

gboolean
hz_dicom_dataset_has (const HzDicomDataset *dataset,
                      guint32               tag)
{
  return find_element (dataset, tag) != NULL;
}

const guint8 *
hz_dicom_dataset_get_raw (const HzDicomDataset *dataset,
                          guint32               tag,
                          gsize                *length)
{
  const HzDicomElement *element = find_element (dataset, tag);

  if (element == NULL || element->value == NULL)
    {
      if (length != NULL)
        *length = 0;
      return NULL;
    }
  if (length != NULL)
    *length = element->length;
  return element->value;
}

guint
hz_dicom_dataset_get_n_items (const HzDicomDataset *dataset,
                              guint32               tag)
{
  const HzDicomElement *element = find_element (dataset, tag);

  return element != NULL && element->items != NULL ? element->items->len : 0;
}

const HzDicomDataset *
hz_dicom_dataset_get_item (const HzDicomDataset *dataset,
                           guint32               tag,
                           guint                 n)
{
  const HzDicomElement *element = find_element (dataset, tag);

  if (element == NULL || element->items == NULL || n >= element->items->len)
    return NULL;
  return g_ptr_array_index (element->items, n);
}

char *
hz_dicom_dataset_dup_string (const HzDicomDataset *dataset,
                             guint32               tag,
                             guint                 n)
{
  const HzDicomElement *element = find_element (dataset, tag);
  g_autofree char *text = NULL;
  g_auto(GStrv) values = NULL;
  const char *charset;

  if (element == NULL || element->value == NULL)
    return NULL;
  /* UIDs, codes and dates are ASCII; the rest follows (0008,0005) */
  charset = (tag >> 16) == 0x0002 ? NULL : dataset->charset;
  text = hz_dicom_decode_text (charset, element->value, element->length);
  /* values are split after decoding: GBK's second bytes may be 0x5C */
  values = g_strsplit (text, "\\", -1);
  if (n >= g_strv_length (values))
    return NULL;
  /* trailing padding is a space or a NUL */
  return g_strstrip (g_strdup (values[n]));
}

gboolean
hz_dicom_dataset_get_number (const HzDicomDataset *dataset,
                             guint32               tag,
                             guint                 n,
                             double               *value)
{
  const HzDicomElement *element = find_element (dataset, tag);
  gboolean be;
  guint16 vr;
  gsize size = 0;
  const guint8 *p;

  if (element == NULL || element->value == NULL)
    return FALSE;
  vr = element->vr != HZ_DICOM_VR_NONE ? element->vr : dictionary_vr (tag);
  be = dataset->big_endian && (tag >> 16) != 0x0002;
  if (vr == HZ_DICOM_VR ('I', 'S') || vr == HZ_DICOM_VR ('D', 'S'))
    {
      g_autofree char *text = hz_dicom_dataset_dup_string (dataset, tag, n);
      char *end = NULL;

      if (text == NULL || *text == '\0')
        return FALSE;
      *value = g_ascii_strtod (text, &end);
      return end != NULL && *end == '\0';
    }
  if (vr == HZ_DICOM_VR ('U', 'S') || vr == HZ_DICOM_VR ('S', 'S') || vr == HZ_DICOM_VR ('O', 'W'))
    size = 2;
  else if (vr == HZ_DICOM_VR ('U', 'L') || vr == HZ_DICOM_VR ('S', 'L') || vr == HZ_DICOM_VR ('F', 'L'))
    size = 4;
  else if (vr == HZ_DICOM_VR ('F', 'D'))
    size = 8;
  else
    return FALSE;
  if ((gsize) n >= element->length / size)
    return FALSE;
  p = element->value + (gsize) n * size;
  if (vr == HZ_DICOM_VR ('U', 'S') || vr == HZ_DICOM_VR ('O', 'W'))
    *value = read16 (p, be);
  else if (vr == HZ_DICOM_VR ('S', 'S'))
    *value = (gint16) read16 (p, be);
  else if (vr == HZ_DICOM_VR ('U', 'L'))
    *value = read32 (p, be);
  else if (vr == HZ_DICOM_VR ('S', 'L'))
    *value = (gint32) read32 (p, be);
  else if (vr == HZ_DICOM_VR ('F', 'L'))
    {
      guint32 bits = read32 (p, be);
      float f;

      memcpy (&f, &bits, 4);
      *value = f;
    }
  else
    {
      guint64 bits = be ? ((guint64) read32 (p, TRUE) << 32 | read32 (p + 4, TRUE))
                        : ((guint64) read32 (p + 4, FALSE) << 32 | read32 (p, FALSE));
      double d;

      memcpy (&d, &bits, 8);
      *value = d;
    }
  return TRUE;
}

/* --- opening ------------------------------------------------------------ */

const HzDicomDataset *
hz_dicom_get_dataset (HzDicom *dicom)
{
  return dicom->dataset;
}

const HzDicomDataset *
hz_dicom_get_meta (HzDicom *dicom)
{
  return dicom->meta;
}

void
hz_dicom_free (HzDicom *dicom)
{
  if (dicom == NULL)
    return;
  g_clear_pointer (&dicom->frames, hz_dicom_frames_free);
  g_clear_pointer (&dicom->meta, dataset_free);
  g_clear_pointer (&dicom->dataset, dataset_free);
  g_clear_pointer (&dicom->fragments, g_array_unref);
  g_clear_pointer (&dicom->mapped, g_mapped_file_unref);
  g_clear_pointer (&dicom->bytes, g_bytes_unref);
  g_free (dicom->inflated);
  g_free (dicom->transfer_syntax);
  g_free (dicom->charset);
  g_free (dicom);
}

static guint8 *
inflate_dataset (const guint8  *data,
                 gsize          length,
                 gsize          offset,
                 gsize         *out_length,
                 GError       **error)
{
  z_stream stream = { 0 };
  gsize capacity = MAX (length * 4, (gsize) 4096);
  guint8 *out = g_malloc (capacity);
  int status;

  if (inflateInit2 (&stream, -MAX_WBITS) != Z_OK)
    {
      g_free (out);
      g_set_error (error, HZ_DICOM_ERROR, HZ_DICOM_ERROR_CODEC, _("Cannot start inflating the data set"));
      return NULL;
    }
  stream.next_in = (Bytef *) data;
  stream.avail_in = (uInt) MIN (length, (gsize) G_MAXUINT32);
  stream.next_out = out;
  stream.avail_out = (uInt) MIN (capacity, (gsize) G_MAXUINT32);
  do
    {
      status = inflate (&stream, Z_NO_FLUSH);
      if (status == Z_STREAM_END)
        break;
      if (status == Z_BUF_ERROR && stream.avail_in == 0)
        break;  /* the stream just ends: keep what was inflated */
      if (status != Z_OK && status != Z_BUF_ERROR)
        {
          inflateEnd (&stream);
          g_free (out);
          g_set_error (error, HZ_DICOM_ERROR, HZ_DICOM_ERROR_CODEC,
                       _("The deflated data set at offset %lu is corrupt: %s"),
                       (unsigned long) offset, stream.msg != NULL ? stream.msg : "zlib");
          return NULL;
        }
      if (stream.avail_out == 0)
        {
          gsize done = stream.total_out;

          if (capacity >= MAX_INFLATED)
            {
              inflateEnd (&stream);
              g_free (out);
              g_set_error (error, HZ_DICOM_ERROR, HZ_DICOM_ERROR_INVALID,
                           _("The deflated data set at offset %lu inflates to more than 2 GiB"),
                           (unsigned long) offset);
              return NULL;
            }
          capacity *= 2;
          out = g_realloc (out, capacity);
          stream.next_out = out + done;
          stream.avail_out = (uInt) MIN (capacity - done, (gsize) G_MAXUINT32);
        }
    }
  while (TRUE);
  *out_length = stream.total_out;
  inflateEnd (&stream);
  return out;
}

static gboolean
looks_explicit (const guint8 *p,
                gsize         length)
{
  return length >= 8 && vr_is_known (HZ_DICOM_VR (p[4], p[5]));
}

static HzDicom *
parse_buffer (HzDicom       *dicom,
              const guint8  *data,
              gsize          size,
              GError       **error)
{
  Parser parser = { data, size, dicom, "" };
  gsize pos = 0;
  gsize meta_end;

  if (size >= 132 && memcmp (data + 128, "DICM", 4) == 0)
    pos = 132;
  else if (size >= 4 && memcmp (data, "DICM", 4) == 0)
    pos = 4;

  /* the file meta information: group 0002, explicit VR little endian */
  meta_end = pos;
  while (meta_end + 8 <= size && read16 (data + meta_end, FALSE) == 0x0002)
    {
      guint16 vr = HZ_DICOM_VR (data[meta_end + 4], data[meta_end + 5]);
      gsize length;

      if (vr_has_long_length (vr))
        {
          if (meta_end + 12 > size)
            break;
          length = 12 + (gsize) read32 (data + meta_end + 8, FALSE);
        }
      else
        length = 8 + (gsize) read16 (data + meta_end + 6, FALSE);
      if (length > size - meta_end)
        {
          parse_error (error, HZ_DICOM_ERROR_TRUNCATED,
                       HZ_DICOM_TAG (0x0002, read16 (data + meta_end + 2, FALSE)), meta_end,
                       _("its length runs past the end of the file meta information"));
          hz_dicom_free (dicom);
          return NULL;
        }
      meta_end += length;
    }
  if (meta_end > pos)
    {
      dicom->meta = dataset_new (FALSE);
      if (!parse_dataset (&parser, &pos, meta_end, 0, TRUE, FALSE, FALSE, dicom->meta, error))
        {
          hz_dicom_free (dicom);
          return NULL;
        }
      dicom->transfer_syntax = hz_dicom_dataset_dup_string (dicom->meta, TAG_TSUID, 0);
      if (dicom->transfer_syntax == NULL)
        {
          g_set_error (error, HZ_DICOM_ERROR, HZ_DICOM_ERROR_INVALID,
                       _("The file meta information has no transfer syntax (0002,0010)"));
          hz_dicom_free (dicom);
          return NULL;
        }
    }
  else if (pos == 0 && size > 0)
    dicom->transfer_syntax = g_strdup (looks_explicit (data, size) ? "1.2.840.10008.1.2.1"
                                                                   : "1.2.840.10008.1.2");
  else
    dicom->transfer_syntax = g_strdup ("1.2.840.10008.1.2.1");

  dicom->syntax = find_transfer_syntax (dicom->transfer_syntax);
  if (dicom->syntax == NULL)
    {
      /* an unknown UID: every compressed syntax is explicit VR little endian */
      static const TransferSyntax unknown = { NULL, NULL, HZ_DICOM_CODING_UNSUPPORTED, TRUE, FALSE, FALSE };

      dicom->syntax = &unknown;
    }

  dicom->dataset = dataset_new (dicom->syntax->big_endian);
  if (dicom->syntax->deflated)
    {
      gsize inflated_length = 0;

      dicom->inflated = inflate_dataset (data + pos, size - pos, pos, &inflated_length, error);
      if (dicom->inflated == NULL)
        {
          hz_dicom_free (dicom);
          return NULL;
        }
      parser.base = dicom->inflated;
      parser.size = inflated_length;
      parser.where = _(" (in the inflated data set)");
      pos = 0;
      size = inflated_length;
    }

  /* the character set comes first (group 0008) and every later text
   * element uses it: the parser gives the items a pointer to it */
  if (!parse_dataset (&parser, &pos, size, 0, dicom->syntax->explicit_vr,
                      dicom->syntax->big_endian, FALSE, dicom->dataset, error))
    {
      hz_dicom_free (dicom);
      return NULL;
    }
  {
    gsize length = 0;
    const guint8 *raw = hz_dicom_dataset_get_raw (dicom->dataset, TAG_CHARSET, &length);

    if (raw != NULL)
      {
        dicom->charset = g_strndup ((const char *) raw, length);
        g_strstrip (dicom->charset);
      }
    hz_dicom_dataset_set_charset (dicom->dataset, dicom->charset);
  }
  return dicom;
}

void
hz_dicom_dataset_set_charset (HzDicomDataset *dataset,
                              const char     *charset)
{
  dataset->charset = charset;
  for (guint i = 0; i < dataset->elements->len; i++)
    {
      HzDicomElement *element = &g_array_index (dataset->elements, HzDicomElement, i);

      if (element->items != NULL)
        for (guint j = 0; j < element->items->len; j++)
          hz_dicom_dataset_set_charset (g_ptr_array_index (element->items, j), charset);
    }
}

HzDicom *
hz_dicom_new_from_bytes (GBytes  *bytes,
                         GError **error)
{
  HzDicom *dicom;
  gsize size;
  const guint8 *data;

  g_return_val_if_fail (bytes != NULL, NULL);

  dicom = g_new0 (HzDicom, 1);
  dicom->bytes = g_bytes_ref (bytes);
  data = g_bytes_get_data (bytes, &size);
  return parse_buffer (dicom, data, size, error);
}

HzDicom *
hz_dicom_open (const char  *path,
               GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  HzDicom *dicom;
  GMappedFile *mapped;

  g_return_val_if_fail (path != NULL, NULL);

  mapped = g_mapped_file_new (path, FALSE, &local_error);
  if (mapped == NULL)
    {
      g_set_error_literal (error, G_FILE_ERROR, local_error->code, local_error->message);
      return NULL;
    }
  dicom = g_new0 (HzDicom, 1);
  dicom->mapped = mapped;
  dicom = parse_buffer (dicom, (const guint8 *) g_mapped_file_get_contents (mapped),
                        g_mapped_file_get_length (mapped), &local_error);
  if (dicom == NULL)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, HZ_DICOM_ERROR, local_error->code, "%s: %s", display, local_error->message);
    }
  return dicom;
}

/* --- what the frames module needs --------------------------------------- */

const char *
hz_dicom_get_transfer_syntax_uid (HzDicom *dicom)
{
  return dicom->transfer_syntax;
}

HzDicomCoding
hz_dicom_get_coding (HzDicom *dicom)
{
  return dicom->syntax->coding;
}

gboolean
hz_dicom_is_big_endian (HzDicom *dicom)
{
  return dicom->syntax->big_endian;
}

GArray *
hz_dicom_get_fragments (HzDicom *dicom)
{
  return dicom->encapsulated ? dicom->fragments : NULL;
}

/* --- the stream of a video transfer syntax ------------------------------ */

guint64
hz_dicom_get_stream_length (HzDicom *dicom)
{
  GArray *fragments = hz_dicom_get_fragments (dicom);
  guint64 total = 0;

  g_return_val_if_fail (dicom != NULL, 0);

  /* [0] is the Basic Offset Table */
  for (guint i = 1; fragments != NULL && i < fragments->len; i++)
    total += g_array_index (fragments, HzDicomFragment, i).length;
  return total;
}

gsize
hz_dicom_read_stream (HzDicom *dicom,
                      guint64  offset,
                      guint8  *out,
                      gsize    length)
{
  GArray *fragments = hz_dicom_get_fragments (dicom);
  guint64 start = 0;
  gsize done = 0;

  g_return_val_if_fail (dicom != NULL, 0);
  g_return_val_if_fail (out != NULL || length == 0, 0);

  for (guint i = 1; fragments != NULL && i < fragments->len && done < length; i++)
    {
      const HzDicomFragment *f = &g_array_index (fragments, HzDicomFragment, i);
      guint64 end = start + f->length;

      if (offset + done < end)
        {
          gsize from = (gsize) (offset + done - start);
          gsize n = MIN (length - done, f->length - from);

          memcpy (out + done, f->data + from, n);
          done += n;
        }
      start = end;
    }
  return done;
}

HzDicomFrames *
hz_dicom_get_frames (HzDicom  *dicom,
                     GError  **error)
{
  if (dicom->frames == NULL)
    dicom->frames = hz_dicom_frames_new (dicom, error);
  return dicom->frames;
}

guint16
hz_dicom_dataset_get_vr (const HzDicomDataset *dataset,
                         guint32               tag)
{
  const HzDicomElement *element = find_element (dataset, tag);

  if (element == NULL)
    return HZ_DICOM_VR_NONE;
  return element->vr != HZ_DICOM_VR_NONE ? element->vr : dictionary_vr (tag);
}

/* --- the summary -------------------------------------------------------- */

static guint
get_uint (const HzDicomDataset *dataset,
          guint32               tag,
          guint                 fallback)
{
  double value;

  if (!hz_dicom_dataset_get_number (dataset, tag, 0, &value) || value < 0 || value > G_MAXUINT)
    return fallback;
  return (guint) value;
}

const char *
hz_dicom_region_unit_name (guint units)
{
  static const char *names[] = { "none", "percent", "dB", "cm", "s", "Hz", "dB/s", "cm/s",
                                 "cm2", "cm2/s", "cm3", "cm3/s", "deg" };

  return units < G_N_ELEMENTS (names) ? names[units] : NULL;
}

HzDicomInfo *
hz_dicom_get_info (HzDicom *dicom)
{
  const HzDicomDataset *ds = dicom->dataset;
  HzDicomInfo *info = g_new0 (HzDicomInfo, 1);
  guint n_vector;
  double value;

  info->rows = get_uint (ds, HZ_DICOM_TAG (0x0028, 0x0010), 0);
  info->columns = get_uint (ds, HZ_DICOM_TAG (0x0028, 0x0011), 0);
  info->frames = get_uint (ds, HZ_DICOM_TAG (0x0028, 0x0008),
                           hz_dicom_dataset_has (ds, TAG_PIXEL_DATA) ? 1 : 0);
  info->samples_per_pixel = get_uint (ds, HZ_DICOM_TAG (0x0028, 0x0002), 1);
  info->photometric = hz_dicom_dataset_dup_string (ds, HZ_DICOM_TAG (0x0028, 0x0004), 0);
  info->bits_allocated = get_uint (ds, HZ_DICOM_TAG (0x0028, 0x0100), 0);
  info->bits_stored = get_uint (ds, HZ_DICOM_TAG (0x0028, 0x0101), info->bits_allocated);
  info->high_bit = get_uint (ds, HZ_DICOM_TAG (0x0028, 0x0102),
                             info->bits_stored > 0 ? info->bits_stored - 1 : 0);
  info->pixel_representation = get_uint (ds, HZ_DICOM_TAG (0x0028, 0x0103), 0);
  info->planar_configuration = get_uint (ds, HZ_DICOM_TAG (0x0028, 0x0006), 0);
  info->transfer_syntax = g_strdup (dicom->transfer_syntax);
  info->transfer_syntax_name = dicom->syntax->name;
  info->coding = dicom->syntax->coding;
  info->encapsulated = dicom->encapsulated;
  info->sop_class = hz_dicom_dataset_dup_string (ds, HZ_DICOM_TAG (0x0008, 0x0016), 0);
  if (info->sop_class == NULL)
    info->sop_class = hz_dicom_dataset_dup_string (dicom->meta, HZ_DICOM_TAG (0x0002, 0x0002), 0);
  info->sop_instance_uid = hz_dicom_dataset_dup_string (ds, HZ_DICOM_TAG (0x0008, 0x0018), 0);
  info->study_instance_uid = hz_dicom_dataset_dup_string (ds, HZ_DICOM_TAG (0x0020, 0x000D), 0);
  info->series_instance_uid = hz_dicom_dataset_dup_string (ds, HZ_DICOM_TAG (0x0020, 0x000E), 0);
  info->modality = hz_dicom_dataset_dup_string (ds, HZ_DICOM_TAG (0x0008, 0x0060), 0);
  info->patient_name = hz_dicom_dataset_dup_string (ds, HZ_DICOM_TAG (0x0010, 0x0010), 0);
  info->patient_id = hz_dicom_dataset_dup_string (ds, HZ_DICOM_TAG (0x0010, 0x0020), 0);
  info->study_date = hz_dicom_dataset_dup_string (ds, HZ_DICOM_TAG (0x0008, 0x0020), 0);
  info->specific_character_set = g_strdup (dicom->charset);

  info->frame_time_vector = g_array_new (FALSE, FALSE, sizeof (double));
  for (n_vector = 0; hz_dicom_dataset_get_number (ds, HZ_DICOM_TAG (0x0018, 0x1065), n_vector, &value);
       n_vector++)
    g_array_append_val (info->frame_time_vector, value);
  info->cine_rate = get_uint (ds, HZ_DICOM_TAG (0x0018, 0x0040), 0);
  if (hz_dicom_dataset_get_number (ds, HZ_DICOM_TAG (0x0018, 0x1063), 0, &value) && value > 0)
    info->frame_time_ms = value;
  else if (info->frame_time_vector->len > 1)
    {
      /* the vector's first entry is 0; the rest are the times between frames */
      double sum = 0;

      for (guint i = 1; i < info->frame_time_vector->len; i++)
        sum += g_array_index (info->frame_time_vector, double, i);
      info->frame_time_ms = sum / (info->frame_time_vector->len - 1);
    }
  else if (info->cine_rate > 0)
    info->frame_time_ms = 1000.0 / info->cine_rate;

  info->rescale_slope = 1.0;
  hz_dicom_dataset_get_number (ds, HZ_DICOM_TAG (0x0028, 0x1053), 0, &info->rescale_slope);
  hz_dicom_dataset_get_number (ds, HZ_DICOM_TAG (0x0028, 0x1052), 0, &info->rescale_intercept);
  info->has_window = hz_dicom_dataset_get_number (ds, HZ_DICOM_TAG (0x0028, 0x1050), 0, &info->window_center)
                     && hz_dicom_dataset_get_number (ds, HZ_DICOM_TAG (0x0028, 0x1051), 0, &info->window_width);

  info->regions = g_array_new (FALSE, TRUE, sizeof (HzDicomRegion));
  for (guint i = 0; i < hz_dicom_dataset_get_n_items (ds, HZ_DICOM_TAG (0x0018, 0x6011)); i++)
    {
      const HzDicomDataset *item = hz_dicom_dataset_get_item (ds, HZ_DICOM_TAG (0x0018, 0x6011), i);
      HzDicomRegion region = { 0 };

      region.x0 = get_uint (item, HZ_DICOM_TAG (0x0018, 0x6018), 0);
      region.y0 = get_uint (item, HZ_DICOM_TAG (0x0018, 0x601A), 0);
      region.x1 = get_uint (item, HZ_DICOM_TAG (0x0018, 0x601C), 0);
      region.y1 = get_uint (item, HZ_DICOM_TAG (0x0018, 0x601E), 0);
      region.spatial_format = get_uint (item, HZ_DICOM_TAG (0x0018, 0x6012), 0);
      region.data_type = get_uint (item, HZ_DICOM_TAG (0x0018, 0x6014), 0);
      region.units_x = get_uint (item, HZ_DICOM_TAG (0x0018, 0x6024), 0);
      region.units_y = get_uint (item, HZ_DICOM_TAG (0x0018, 0x6026), 0);
      hz_dicom_dataset_get_number (item, HZ_DICOM_TAG (0x0018, 0x602C), 0, &region.delta_x);
      hz_dicom_dataset_get_number (item, HZ_DICOM_TAG (0x0018, 0x602E), 0, &region.delta_y);
      g_array_append_val (info->regions, region);
    }
  return info;
}

void
hz_dicom_info_free (HzDicomInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->photometric);
  g_free (info->transfer_syntax);
  g_free (info->sop_class);
  g_free (info->sop_instance_uid);
  g_free (info->study_instance_uid);
  g_free (info->series_instance_uid);
  g_free (info->modality);
  g_free (info->patient_name);
  g_free (info->patient_id);
  g_free (info->study_date);
  g_free (info->specific_character_set);
  g_clear_pointer (&info->frame_time_vector, g_array_unref);
  g_clear_pointer (&info->regions, g_array_unref);
  g_free (info);
}
