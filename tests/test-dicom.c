/* test-dicom.c — libhuizhen's DICOM reader and huizhen-cli dicom
 *
 * Fixtures are made at test time: a native file by dcmtk's dump2dcm from
 * known pixel values, every other transfer syntax by dcmconv, dcmcrle,
 * dcmcjpeg and dcmcjpls from it; the lossless ones must decode to exactly
 * the values written, JPEG baseline to exactly what dcmj2pnm decodes.
 * Bad input is hand-built bytes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <huizhen.h>

#include "hz-test-dicom.h"
#include "hz-test-utils.h"

#ifndef HUIZHEN_CLI_PATH
# error "HUIZHEN_CLI_PATH must name the huizhen-cli executable"
#endif

static char *tmp_dir;

static const HzTestImage grey8 = { 48, 64, 1, 1, "MONOCHROME2", 8, 8, FALSE, 0, NULL, NULL };
static const HzTestImage rgb8 = { 48, 64, 1, 3, "RGB", 8, 8, FALSE, 0, NULL, NULL };
static const HzTestImage grey12 = { 48, 64, 1, 1, "MONOCHROME2", 16, 12, FALSE, 0, NULL, NULL };

static HzDicomFrame *
decode (const char *path,
        guint       index)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HzDicom) dicom = hz_dicom_open (path, &error);
  HzDicomFrame *frame;

  g_assert_no_error (error);
  frame = hz_dicom_decode_frame (dicom, index, &error);
  g_assert_no_error (error);
  return frame;
}

/* Every lossless transfer syntax of @image decodes to the values written */
static void
check_lossless (const char        *name,
                const HzTestImage *image)
{
  gsize length;
  g_autofree guint8 *pixels = hz_test_dicom_pixels (image, &length);
  g_autofree char *native = hz_test_dicom_make (tmp_dir, name, image, pixels, length);
  static const struct { const char *suffix; const char *tool; const char *args; } conversions[] = {
    { "native", NULL, NULL },
    { "implicit", "dcmconv", "+ti" },
    { "big", "dcmconv", "+tb" },
    { "deflated", "dcmconv", "+td" },
    { "rle", "dcmcrle", "" },
    { "rle-no-table", "dcmcrle", "-ot" },
    { "sv1", "dcmcjpeg", "+e1" },
    { "sv6", "dcmcjpeg", "+el" },
    { "sv3", "dcmcjpeg", "+el +sv 3" },
    { "sv7-pt0", "dcmcjpeg", "+el +sv 7" },
    { "jls", "dcmcjpls", "" },
    { "sv1-fragments", "dcmcjpeg", "+e1 -ot +fs 1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (conversions); i++)
    {
      g_autofree char *out_name = g_strdup_printf ("%s-%s", name, conversions[i].suffix);
      g_autofree char *path = conversions[i].tool == NULL
        ? g_strdup (native)
        : hz_test_dicom_convert (tmp_dir, native, out_name, conversions[i].tool, conversions[i].args);
      g_autoptr(GError) error = NULL;
      g_autoptr(HzDicom) dicom = hz_dicom_open (path, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (hz_dicom_get_n_frames (dicom), ==, image->frames);
      for (guint f = 0; f < image->frames; f++)
        {
          g_autoptr(HzDicomFrame) frame = hz_dicom_decode_frame (dicom, f, &error);
          gsize frame_length = length / image->frames;

          g_test_message ("%s frame %u", out_name, f + 1);
          g_assert_no_error (error);
          g_assert_cmpuint (frame->width, ==, image->columns);
          g_assert_cmpuint (frame->height, ==, image->rows);
          g_assert_cmpuint (frame->samples, ==, image->samples);
          g_assert_cmpmem (frame->data, frame->size, pixels + f * frame_length, frame_length);
        }
    }
}

static void
test_lossless_grey8 (void)
{
  check_lossless ("grey8", &grey8);
}

static void
test_lossless_rgb8 (void)
{
  check_lossless ("rgb8", &rgb8);
}

static void
test_lossless_grey12 (void)
{
  check_lossless ("grey12", &grey12);
}

static void
test_lossless_multiframe (void)
{
  const HzTestImage cine = { 32, 40, 4, 3, "RGB", 8, 8, FALSE, 0, NULL, NULL };
  const HzTestImage ct = { 16, 16, 3, 1, "MONOCHROME2", 16, 16, TRUE, 0, NULL, NULL };

  check_lossless ("cine", &cine);
  check_lossless ("signed16", &ct);
}

/* The offsets a PNM header ends at */
static const guint8 *
pnm_pixels (const char *data,
            gsize       length,
            gsize      *pixel_length)
{
  const char *p = data;
  int fields = 0;

  /* P5/P6, width, height, maxval, one whitespace */
  while (fields < 4 && p < data + length)
    {
      while (p < data + length && g_ascii_isspace (*p))
        p++;
      while (p < data + length && !g_ascii_isspace (*p))
        p++;
      fields++;
    }
  p++;
  *pixel_length = length - (gsize) (p - data);
  return (const guint8 *) p;
}

/* JPEG baseline (grey, YBR_FULL_422 colour): exactly dcmj2pnm's values */
static void
test_jpeg_baseline (void)
{
  const HzTestImage *images[] = { &grey8, &rgb8 };
  const char *names[] = { "jpeg-grey", "jpeg-rgb" };

  for (guint i = 0; i < G_N_ELEMENTS (images); i++)
    {
      gsize length, pnm_length, expected_length;
      g_autofree guint8 *pixels = hz_test_dicom_pixels (images[i], &length);
      g_autofree char *native = hz_test_dicom_make (tmp_dir, names[i], images[i], pixels, length);
      g_autofree char *jpeg_name = g_strdup_printf ("%s-eb", names[i]);
      g_autofree char *jpeg = hz_test_dicom_convert (tmp_dir, native, jpeg_name, "dcmcjpeg", "+eb");
      g_autofree char *pnm = g_strdup_printf ("%s/%s.pnm", tmp_dir, jpeg_name);
      const char *argv[] = { "dcmj2pnm", "-q", jpeg, pnm, NULL };
      g_autofree char *pnm_data = NULL;
      const guint8 *expected;
      g_autoptr(HzDicomFrame) frame = decode (jpeg, 0);
      g_autoptr(GError) error = NULL;
      g_autoptr(HzDicom) dicom = hz_dicom_open (jpeg, &error);
      g_autoptr(HzDicomInfo) info = hz_dicom_get_info (dicom);
      g_autofree guint8 *rgb = hz_dicom_frame_to_rgb (dicom, frame);

      hz_test_dicom_run (argv);
      g_assert_true (g_file_get_contents (pnm, &pnm_data, &pnm_length, NULL));
      expected = pnm_pixels (pnm_data, pnm_length, &expected_length);
      g_assert_cmpstr (info->transfer_syntax, ==, "1.2.840.10008.1.2.4.50");
      g_assert_cmpint (info->coding, ==, HZ_DICOM_CODING_JPEG_BASELINE);
      /* colour comes out of dcmcjpeg as YBR_FULL_422; the frame is RGB */
      g_assert_cmpstr (info->photometric, ==, i == 0 ? "MONOCHROME2" : "YBR_FULL_422");
      g_assert_cmpmem (frame->data, frame->size, expected, expected_length);
      if (i == 1)
        g_assert_cmpmem (rgb, frame->size, expected, expected_length);
    }
}

/* 12-bit JPEG extended is refused, naming the transfer syntax */
static void
test_jpeg_12bit_refused (void)
{
  gsize length;
  g_autofree guint8 *pixels = hz_test_dicom_pixels (&grey12, &length);
  g_autofree char *native = hz_test_dicom_make (tmp_dir, "ext12", &grey12, pixels, length);
  g_autofree char *jpeg = hz_test_dicom_convert (tmp_dir, native, "ext12-ee", "dcmcjpeg", "+ee");
  g_autoptr(GError) error = NULL;
  g_autoptr(HzDicom) dicom = hz_dicom_open (jpeg, &error);
  g_autoptr(HzDicomFrame) frame = NULL;

  g_assert_no_error (error);
  frame = hz_dicom_decode_frame (dicom, 0, &error);
  g_assert_null (frame);
  g_assert_error (error, HZ_DICOM_ERROR, HZ_DICOM_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "Unsupported transfer syntax"));
  g_assert_nonnull (strstr (error->message, "JPEG Extended (Process 2 & 4)"));
  g_assert_nonnull (strstr (error->message, "1.2.840.10008.1.2.4.51"));
}

#define US_EXTRA \
  "(0008,0005) CS [GB18030]\n" \
  "(0010,0010) PN [王小红^=]\n" \
  "(0010,0020) LO [HZ-0001]\n" \
  "(0009,0010) LO [HUIZHEN PRIVATE]\n" \
  "(0009,1001) LO [私有值]\n" \
  "(0018,0040) IS [30]\n" \
  "(0018,1063) DS [33.333]\n" \
  "(0018,6011) SQ (Sequence with undefined length #=1)\n" \
  "(fffe,e000) na (Item with undefined length #=8)\n" \
  "(0018,6012) US 1\n" \
  "(0018,6014) US 1\n" \
  "(0018,6018) UL 10\n" \
  "(0018,601a) UL 20\n" \
  "(0018,601c) UL 39\n" \
  "(0018,601e) UL 31\n" \
  "(0018,6024) US 3\n" \
  "(0018,6026) US 3\n" \
  "(0018,602c) FD 0.0125\n" \
  "(0018,602e) FD 0.025\n" \
  "(fffe,e00d) na (ItemDelimitationItem)\n" \
  "(fffe,e0dd) na (SequenceDelimitationItem)\n"

/* A multi-frame ultrasound cine: GB18030 name, regions, frame time;
 * private tags kept; the same after implicit VR and RLE */
static void
test_ultrasound_info (void)
{
  const HzTestImage cine = { 32, 40, 5, 1, "MONOCHROME2", 8, 8, FALSE, 0, US_EXTRA, "GB18030" };
  gsize length;
  g_autofree guint8 *pixels = hz_test_dicom_pixels (&cine, &length);
  g_autofree char *native = hz_test_dicom_make (tmp_dir, "us", &cine, pixels, length);
  g_autofree char *implicit = hz_test_dicom_convert (tmp_dir, native, "us-implicit", "dcmconv", "+ti");
  g_autofree char *rle = hz_test_dicom_convert (tmp_dir, native, "us-rle", "dcmcrle", "");
  const char *paths[] = { native, implicit, rle };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(HzDicom) dicom = hz_dicom_open (paths[i], &error);
      g_autoptr(HzDicomInfo) info = NULL;
      const HzDicomRegion *region;
      g_autofree char *private_value = NULL;

      g_assert_no_error (error);
      info = hz_dicom_get_info (dicom);
      g_assert_cmpstr (info->patient_name, ==, "王小红^=");
      g_assert_cmpstr (info->patient_id, ==, "HZ-0001");
      g_assert_cmpstr (info->specific_character_set, ==, "GB18030");
      g_assert_cmpstr (info->modality, ==, "US");
      g_assert_cmpstr (info->study_date, ==, "20261203");
      g_assert_cmpstr (info->sop_class, ==, "1.2.840.10008.5.1.4.1.1.3.1");
      g_assert_cmpstr (info->study_instance_uid, ==, "1.2.826.0.1.3680043.10.1186.1");
      g_assert_cmpuint (info->frames, ==, 5);
      g_assert_cmpuint (info->rows, ==, 32);
      g_assert_cmpuint (info->columns, ==, 40);
      g_assert_cmpfloat (info->frame_time_ms, ==, 33.333);
      g_assert_cmpuint (info->cine_rate, ==, 30);
      g_assert_cmpuint (info->regions->len, ==, 1);
      region = &g_array_index (info->regions, HzDicomRegion, 0);
      g_assert_cmpuint (region->x0, ==, 10);
      g_assert_cmpuint (region->y0, ==, 20);
      g_assert_cmpuint (region->x1, ==, 39);
      g_assert_cmpuint (region->y1, ==, 31);
      g_assert_cmpuint (region->units_x, ==, 3);
      g_assert_cmpstr (hz_dicom_region_unit_name (region->units_y), ==, "cm");
      g_assert_cmpfloat (region->delta_x, ==, 0.0125);
      g_assert_cmpfloat (region->delta_y, ==, 0.025);
      private_value = hz_dicom_dataset_dup_string (hz_dicom_get_dataset (dicom), HZ_DICOM_TAG (0x0009, 0x1001), 0);
      g_assert_cmpstr (private_value, ==, "私有值");
      for (guint f = 0; f < 5; f++)
        {
          g_autoptr(HzDicomFrame) frame = hz_dicom_decode_frame (dicom, f, &error);

          g_assert_no_error (error);
          g_assert_cmpmem (frame->data, frame->size, pixels + f * (length / 5), length / 5);
        }
    }
}

/* The Frame Time Vector when there is no Frame Time */
static void
test_frame_time_vector (void)
{
  const HzTestImage cine = { 8, 8, 3, 1, "MONOCHROME2", 8, 8, FALSE, 0,
                             "(0018,1065) DS [0\\40\\50]\n", NULL };
  gsize length;
  g_autofree guint8 *pixels = hz_test_dicom_pixels (&cine, &length);
  g_autofree char *path = hz_test_dicom_make (tmp_dir, "ftv", &cine, pixels, length);
  g_autoptr(GError) error = NULL;
  g_autoptr(HzDicom) dicom = hz_dicom_open (path, &error);
  g_autoptr(HzDicomInfo) info = hz_dicom_get_info (dicom);

  g_assert_cmpuint (info->frame_time_vector->len, ==, 3);
  g_assert_cmpfloat (g_array_index (info->frame_time_vector, double, 2), ==, 50);
  g_assert_cmpfloat (info->frame_time_ms, ==, 45);
}

/* Photometric interpretations and their displayed values, by hand */
static void
test_display (void)
{
  g_autoptr(GError) error = NULL;

  /* MONOCHROME1 16-bit signed, rescale and window: a CT-like image */
  {
    const HzTestImage image = { 1, 4, 1, 1, "MONOCHROME1", 16, 16, TRUE, 0,
                                "(0028,1050) DS [40]\n(0028,1051) DS [401]\n"
                                "(0028,1052) DS [-1024]\n(0028,1053) DS [1]\n", NULL };
    /* stored 1024 → 0 HU, 824 → -200, 1264 → 240, 2000 → 976 */
    const gint16 values[4] = { 1024, 824, 1264, 2000 };
    g_autofree char *path = hz_test_dicom_make (tmp_dir, "mono1", &image, (const guint8 *) values, sizeof values);
    g_autoptr(HzDicom) dicom = hz_dicom_open (path, &error);
    g_autoptr(HzDicomFrame) frame = hz_dicom_decode_frame (dicom, 0, &error);
    g_autofree guint8 *rgb = hz_dicom_frame_to_rgb (dicom, frame);

    g_assert_no_error (error);
    g_assert_cmpint (((gint16 *) frame->data)[1], ==, 824);
    /* window 40/401: 0 HU → (0 - 39.5)/400 + 0.5 = 0.40125 → 102, inverted 153 */
    g_assert_cmpuint (rgb[0], ==, 153);
    g_assert_cmpuint (rgb[3], ==, 255);   /* -200 below the window: black, inverted white */
    g_assert_cmpuint (rgb[6], ==, 0);     /* 240 = top: white, inverted black */
    g_assert_cmpuint (rgb[9], ==, 0);
  }

  /* YBR_FULL native: converted to RGB in the stored values */
  {
    const HzTestImage image = { 1, 2, 1, 3, "YBR_FULL", 8, 8, FALSE, 0, NULL, NULL };
    const guint8 values[6] = { 128, 128, 128, 100, 64, 200 };
    g_autofree char *path = hz_test_dicom_make (tmp_dir, "ybr", &image, values, sizeof values);
    g_autoptr(HzDicomFrame) frame = decode (path, 0);
    /* R = 100 + 1.402 × 72 = 200.944 → 201; G = 100 + 0.344136 × 64 - 0.714136 × 72
     * = 70.606 → 71; B = 100 - 1.772 × 64 = -13.4 → 0 */
    const guint8 expected[6] = { 128, 128, 128, 201, 71, 0 };

    g_assert_cmpmem (frame->data, frame->size, expected, sizeof expected);
  }

  /* YBR_FULL_422 native: two Y, then Cb Cr for both */
  {
    const HzTestImage image = { 1, 2, 1, 3, "YBR_FULL_422", 8, 8, FALSE, 0, NULL, NULL };
    const guint8 values[4] = { 50, 150, 128, 128 };
    g_autofree char *path = hz_test_dicom_make (tmp_dir, "ybr422", &image, values, sizeof values);
    g_autoptr(HzDicomFrame) frame = decode (path, 0);
    const guint8 expected[6] = { 50, 50, 50, 150, 150, 150 };

    g_assert_cmpmem (frame->data, frame->size, expected, sizeof expected);
  }

  /* planar configuration 1 */
  {
    const HzTestImage image = { 1, 2, 1, 3, "RGB", 8, 8, FALSE, 1, NULL, NULL };
    const guint8 values[6] = { 1, 2, 3, 4, 5, 6 };
    g_autofree char *path = hz_test_dicom_make (tmp_dir, "planar", &image, values, sizeof values);
    g_autoptr(HzDicomFrame) frame = decode (path, 0);
    const guint8 expected[6] = { 1, 3, 5, 2, 4, 6 };

    g_assert_cmpmem (frame->data, frame->size, expected, sizeof expected);
  }

  /* PALETTE COLOR: 16-bit entries, first mapped value 10 */
  {
    const HzTestImage image = { 1, 3, 1, 1, "PALETTE COLOR", 8, 8, FALSE, 0,
                                "(0028,1101) US 3\\10\\16\n(0028,1102) US 3\\10\\16\n(0028,1103) US 3\\10\\16\n"
                                "(0028,1201) OW 0000\\8000\\ffff\n(0028,1202) OW ffff\\8000\\0000\n"
                                "(0028,1203) OW 1000\\2000\\3000\n", NULL };
    const guint8 values[3] = { 10, 11, 40 };
    g_autofree char *path = hz_test_dicom_make (tmp_dir, "palette", &image, values, sizeof values);
    g_autoptr(HzDicom) dicom = hz_dicom_open (path, &error);
    g_autoptr(HzDicomFrame) frame = hz_dicom_decode_frame (dicom, 0, &error);
    g_autofree guint8 *rgb = hz_dicom_frame_to_rgb (dicom, frame);
    const guint8 expected[9] = { 0x00, 0xff, 0x10, 0x80, 0x80, 0x20, 0xff, 0x00, 0x30 };

    g_assert_no_error (error);
    g_assert_cmpmem (frame->data, frame->size, values, sizeof values);
    g_assert_cmpmem (rgb, 9, expected, sizeof expected);
  }

  /* 12 bits stored in 16, no window: the full 12-bit range */
  {
    const HzTestImage image = { 1, 3, 1, 1, "MONOCHROME2", 16, 12, FALSE, 0, NULL, NULL };
    const guint16 values[3] = { 0, 2048, 4095 };
    g_autofree char *path = hz_test_dicom_make (tmp_dir, "range12", &image, (const guint8 *) values, sizeof values);
    g_autoptr(HzDicom) dicom = hz_dicom_open (path, &error);
    g_autoptr(HzDicomFrame) frame = hz_dicom_decode_frame (dicom, 0, &error);
    g_autofree guint8 *rgb = hz_dicom_frame_to_rgb (dicom, frame);

    g_assert_cmpuint (rgb[0], ==, 0);
    g_assert_cmpuint (rgb[3], ==, 128);   /* 2048/4095 × 255 = 127.53 */
    g_assert_cmpuint (rgb[6], ==, 255);
  }

  /* 32 bits allocated */
  {
    const HzTestImage image = { 1, 2, 1, 1, "MONOCHROME2", 32, 32, FALSE, 0, NULL, NULL };
    const guint32 values[2] = { 7, 4000000000u };
    g_autofree char *path = hz_test_dicom_make (tmp_dir, "b32", &image, (const guint8 *) values, sizeof values);
    g_autoptr(HzDicomFrame) frame = decode (path, 0);

    g_assert_cmpuint (frame->bytes_per_sample, ==, 4);
    g_assert_cmpmem (frame->data, frame->size, values, sizeof values);
  }
}

/* 1 bit allocated: eight pixels a byte, least significant bit first */
static void
test_one_bit (void)
{
  const HzTestImage image = { 2, 8, 1, 1, "MONOCHROME2", 8, 8, FALSE, 0, NULL, NULL };
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *dump = g_build_filename (tmp_dir, "onebit.txt", NULL);
  g_autofree char *dcm = g_build_filename (tmp_dir, "onebit.dcm", NULL);
  const char *argv[] = { "dump2dcm", "-q", dump, dcm, NULL };
  const guint8 expected[16] = { 1, 0, 1, 0, 0, 0, 0, 1,  0, 1, 1, 1, 1, 1, 1, 1 };
  g_autoptr(HzDicomFrame) frame = NULL;

  (void) image;
  text = g_strdup ("(0002,0010) UI =LittleEndianExplicit\n(0008,0016) UI =SecondaryCaptureImageStorage\n"
                   "(0008,0018) UI [1.2.3]\n(0028,0002) US 1\n(0028,0004) CS [MONOCHROME2]\n"
                   "(0028,0010) US 2\n(0028,0011) US 8\n(0028,0100) US 1\n(0028,0101) US 1\n"
                   "(0028,0102) US 0\n(0028,0103) US 0\n(7fe0,0010) OB 85\\fe\n");
  g_assert_true (g_file_set_contents (dump, text, -1, NULL));
  hz_test_dicom_run (argv);
  frame = decode (dcm, 0);
  g_assert_cmpmem (frame->data, frame->size, expected, sizeof expected);
  (void) path;
}

static void
test_charsets (void)
{
  static const struct { const char *charset; const char *bytes; const char *utf8; } vectors[] = {
    { "ISO_IR 100", "M\xfcller^Hans", "Müller^Hans" },
    { "ISO_IR 192", "张三^丽", "张三^丽" },
    { "GB18030", "\xd5\xc5\xc8\xfd", "张三" },
    { "GBK", "\xcd\xf5\xd0\xa1\xba\xec", "王小红" },
    /* PS3.5 annex J: GB2312 in G1 after ESC $ ) A */
    { "\\ISO 2022 IR 58", "Zhang^XiaoDong=\x1b$)A\xd5\xc5^\x1b$)A\xd0\xa1\xb6\xab=", "Zhang^XiaoDong=张^小东=" },
    /* PS3.5 annex H: JIS X 0208 in G0 after ESC $ B */
    { "\\ISO 2022 IR 87", "Yamada^Tarou=\x1b$B;3ED\x1b(B^\x1b$BB@O:\x1b(B", "Yamada^Tarou=山田^太郎" },
    /* PS3.5 annex I: KS X 1001 in G1 after ESC $ ) C */
    { "\\ISO 2022 IR 149", "Hong^Gildong=\x1b$)C\xfb\xf3^\x1b$)C\xd1\xce\xd4\xd7", "Hong^Gildong=洪^吉洞" },
    /* nothing declared: valid UTF-8, else GB18030 */
    { NULL, "李四", "李四" },
    { NULL, "\xc0\xee\xcb\xc4", "李四" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      g_autofree char *text = hz_dicom_decode_text (vectors[i].charset, (const guint8 *) vectors[i].bytes,
                                                    strlen (vectors[i].bytes));

      g_assert_cmpstr (text, ==, vectors[i].utf8);
    }
}

/* --- hand-built bytes --------------------------------------------------- */

static HzDicom *
open_bytes (GByteArray *data,
            GError    **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data->data, data->len);

  return hz_dicom_new_from_bytes (bytes, error);
}

static void
put_image_module (GByteArray *out,
                  guint       rows,
                  guint       columns)
{
  guint16 v;

  v = 1; hz_test_dicom_put_element (out, 0x0028, 0x0002, "US", &v, 2);
  hz_test_dicom_put_element (out, 0x0028, 0x0004, "CS", "MONOCHROME2 ", 12);
  v = rows; hz_test_dicom_put_element (out, 0x0028, 0x0010, "US", &v, 2);
  v = columns; hz_test_dicom_put_element (out, 0x0028, 0x0011, "US", &v, 2);
  v = 8; hz_test_dicom_put_element (out, 0x0028, 0x0100, "US", &v, 2);
  hz_test_dicom_put_element (out, 0x0028, 0x0101, "US", &v, 2);
  v = 7; hz_test_dicom_put_element (out, 0x0028, 0x0102, "US", &v, 2);
  v = 0; hz_test_dicom_put_element (out, 0x0028, 0x0103, "US", &v, 2);
}

/* JPEG 2000 (openjpeg's opj_compress, lossless): a grey, a 12-bit and an
 * RGB (YBR_RCT) image wrapped by hand, one fragment each */
static void
test_jpeg_2000 (void)
{
  const HzTestImage *images[] = { &grey8, &grey12, &rgb8 };
  const char *names[] = { "j2k-grey", "j2k-grey12", "j2k-rgb" };

  for (guint i = 0; i < G_N_ELEMENTS (images); i++)
    {
      const HzTestImage *image = images[i];
      gsize length;
      g_autofree guint8 *pixels = hz_test_dicom_pixels (image, &length);
      g_autofree char *pnm = g_strdup_printf ("%s/%s.%s", tmp_dir, names[i], image->samples == 3 ? "ppm" : "pgm");
      g_autofree char *j2k = g_strdup_printf ("%s/%s.j2k", tmp_dir, names[i]);
      const char *argv[] = { "opj_compress", "-i", pnm, "-o", j2k, NULL };
      g_autoptr(GByteArray) file = hz_test_dicom_part10 ("1.2.840.10008.1.2.4.90");
      g_autoptr(GString) header = g_string_new (NULL);
      g_autoptr(GByteArray) body = g_byte_array_new ();
      g_autofree char *code = NULL;
      gsize code_length;
      g_autoptr(GError) error = NULL;
      g_autoptr(HzDicom) dicom = NULL;
      g_autoptr(HzDicomFrame) frame = NULL;
      guint16 v;

      /* PNM samples are big endian */
      g_string_append_printf (header, "P%c\n%u %u\n%u\n", image->samples == 3 ? '6' : '5', image->columns,
                              image->rows, (1u << image->bits_stored) - 1);
      g_byte_array_append (body, (const guint8 *) header->str, (guint) header->len);
      for (gsize p = 0; p < length; p += image->bits_allocated / 8)
        if (image->bits_allocated == 8)
          g_byte_array_append (body, pixels + p, 1);
        else
          {
            guint8 be[2] = { pixels[p + 1], pixels[p] };

            g_byte_array_append (body, be, 2);
          }
      g_assert_true (g_file_set_contents (pnm, (const char *) body->data, body->len, NULL));
      hz_test_dicom_run (argv);
      g_assert_true (g_file_get_contents (j2k, &code, &code_length, NULL));

      v = (guint16) image->samples; hz_test_dicom_put_element (file, 0x0028, 0x0002, "US", &v, 2);
      hz_test_dicom_put_element (file, 0x0028, 0x0004, "CS", image->samples == 3 ? "YBR_RCT " : "MONOCHROME2 ",
                                 image->samples == 3 ? 8 : 12);
      v = (guint16) image->rows; hz_test_dicom_put_element (file, 0x0028, 0x0010, "US", &v, 2);
      v = (guint16) image->columns; hz_test_dicom_put_element (file, 0x0028, 0x0011, "US", &v, 2);
      v = (guint16) image->bits_allocated; hz_test_dicom_put_element (file, 0x0028, 0x0100, "US", &v, 2);
      v = (guint16) image->bits_stored; hz_test_dicom_put_element (file, 0x0028, 0x0101, "US", &v, 2);
      v = (guint16) (image->bits_stored - 1); hz_test_dicom_put_element (file, 0x0028, 0x0102, "US", &v, 2);
      v = 0; hz_test_dicom_put_element (file, 0x0028, 0x0103, "US", &v, 2);
      hz_test_dicom_put_element (file, 0x7FE0, 0x0010, "OB", NULL, 0xFFFFFFFF);
      hz_test_dicom_put16 (file, 0xFFFE); hz_test_dicom_put16 (file, 0xE000); hz_test_dicom_put32 (file, 0);
      hz_test_dicom_put16 (file, 0xFFFE); hz_test_dicom_put16 (file, 0xE000);
      hz_test_dicom_put32 (file, (guint32) (code_length + code_length % 2));
      g_byte_array_append (file, (const guint8 *) code, (guint) code_length);
      if (code_length % 2)
        g_byte_array_append (file, (const guint8 *) "", 1);
      hz_test_dicom_put16 (file, 0xFFFE); hz_test_dicom_put16 (file, 0xE0DD); hz_test_dicom_put32 (file, 0);

      dicom = open_bytes (file, &error);
      g_assert_no_error (error);
      frame = hz_dicom_decode_frame (dicom, 0, &error);
      g_assert_no_error (error);
      g_assert_cmpmem (frame->data, frame->size, pixels, length);
    }
}

static void
test_no_preamble_and_raw_dataset (void)
{
  g_autoptr(GByteArray) raw = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  guint8 pixels[4] = { 9, 8, 7, 6 };

  /* a bare implicit VR little endian data set, no meta, no preamble */
  hz_test_dicom_put16 (raw, 0x0028); hz_test_dicom_put16 (raw, 0x0010); hz_test_dicom_put32 (raw, 2); hz_test_dicom_put16 (raw, 2);
  hz_test_dicom_put16 (raw, 0x0028); hz_test_dicom_put16 (raw, 0x0011); hz_test_dicom_put32 (raw, 2); hz_test_dicom_put16 (raw, 2);
  hz_test_dicom_put16 (raw, 0x0028); hz_test_dicom_put16 (raw, 0x0100); hz_test_dicom_put32 (raw, 2); hz_test_dicom_put16 (raw, 8);
  hz_test_dicom_put16 (raw, 0x7FE0); hz_test_dicom_put16 (raw, 0x0010); hz_test_dicom_put32 (raw, 4); g_byte_array_append (raw, pixels, 4);
  {
    g_autoptr(HzDicom) dicom = open_bytes (raw, &error);
    g_autoptr(HzDicomFrame) frame = NULL;
    g_autoptr(HzDicomInfo) info = NULL;

    g_assert_no_error (error);
    info = hz_dicom_get_info (dicom);
    g_assert_cmpstr (info->transfer_syntax, ==, "1.2.840.10008.1.2");
    frame = hz_dicom_decode_frame (dicom, 0, &error);
    g_assert_no_error (error);
    g_assert_cmpmem (frame->data, frame->size, pixels, 4);
  }

  /* meta information without the 128-byte preamble */
  {
    g_autoptr(GByteArray) file = hz_test_dicom_part10 ("1.2.840.10008.1.2.1");
    g_autoptr(HzDicom) dicom = NULL;
    g_autoptr(HzDicomFrame) frame = NULL;

    g_byte_array_remove_range (file, 0, 132);
    put_image_module (file, 2, 2);
    hz_test_dicom_put_element (file, 0x7FE0, 0x0010, "OB", pixels, 4);
    dicom = open_bytes (file, &error);
    g_assert_no_error (error);
    frame = hz_dicom_decode_frame (dicom, 0, &error);
    g_assert_no_error (error);
    g_assert_cmpmem (frame->data, frame->size, pixels, 4);
  }
}

/* an odd length is read as it stands */
static void
test_odd_length (void)
{
  g_autoptr(GByteArray) file = hz_test_dicom_part10 ("1.2.840.10008.1.2.1");
  g_autoptr(GError) error = NULL;
  g_autoptr(HzDicom) dicom = NULL;
  g_autofree char *name = NULL;
  guint8 pixels[3] = { 1, 2, 3 };

  hz_test_dicom_put_element (file, 0x0010, 0x0010, "PN", "Odd", 3);
  put_image_module (file, 1, 3);
  hz_test_dicom_put_element (file, 0x7FE0, 0x0010, "OB", pixels, 3);
  dicom = open_bytes (file, &error);
  g_assert_no_error (error);
  name = hz_dicom_dataset_dup_string (hz_dicom_get_dataset (dicom), HZ_DICOM_TAG (0x0010, 0x0010), 0);
  g_assert_cmpstr (name, ==, "Odd");
}

static void
test_bad_input (void)
{
  g_autoptr(GError) error = NULL;

  /* a length past the end, naming the tag and the offset */
  {
    g_autoptr(GByteArray) file = hz_test_dicom_part10 ("1.2.840.10008.1.2.1");
    g_autoptr(HzDicom) dicom = NULL;
    gsize offset = file->len;

    hz_test_dicom_put_element (file, 0x0010, 0x0010, "PN", NULL, 200);
    g_byte_array_append (file, (const guint8 *) "Short", 5);
    dicom = open_bytes (file, &error);
    g_assert_null (dicom);
    g_assert_error (error, HZ_DICOM_ERROR, HZ_DICOM_ERROR_TRUNCATED);
    g_assert_nonnull (strstr (error->message, "(0010,0010)"));
    {
      g_autofree char *at = g_strdup_printf ("offset %" G_GSIZE_FORMAT, offset);

      g_assert_nonnull (strstr (error->message, at));
    }
    g_clear_error (&error);
  }

  /* a bad VR */
  {
    g_autoptr(GByteArray) file = hz_test_dicom_part10 ("1.2.840.10008.1.2.1");
    g_autoptr(HzDicom) dicom = NULL;

    hz_test_dicom_put_element (file, 0x0010, 0x0010, "ZZ", "AB", 2);
    dicom = open_bytes (file, &error);
    g_assert_error (error, HZ_DICOM_ERROR, HZ_DICOM_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "ZZ"));
    g_clear_error (&error);
  }

  /* 10^6 nested sequences of undefined length: refused at the limit */
  {
    g_autoptr(GByteArray) file = hz_test_dicom_part10 ("1.2.840.10008.1.2.1");
    g_autoptr(HzDicom) dicom = NULL;

    for (guint i = 0; i < 1000000; i++)
      {
        hz_test_dicom_put_element (file, 0x0040, 0x0275, "SQ", NULL, 0xFFFFFFFF);
        hz_test_dicom_put16 (file, 0xFFFE); hz_test_dicom_put16 (file, 0xE000); hz_test_dicom_put32 (file, 0xFFFFFFFF);
      }
    dicom = open_bytes (file, &error);
    g_assert_null (dicom);
    g_assert_error (error, HZ_DICOM_ERROR, HZ_DICOM_ERROR_TOO_DEEP);
    g_clear_error (&error);
  }

  /* missing pixel data */
  {
    g_autoptr(GByteArray) file = hz_test_dicom_part10 ("1.2.840.10008.1.2.1");
    g_autoptr(HzDicom) dicom = NULL;
    g_autoptr(HzDicomFrame) frame = NULL;

    put_image_module (file, 2, 2);
    dicom = open_bytes (file, &error);
    g_assert_no_error (error);
    frame = hz_dicom_decode_frame (dicom, 0, &error);
    g_assert_null (frame);
    g_assert_error (error, HZ_DICOM_ERROR, HZ_DICOM_ERROR_NO_PIXELS);
    g_clear_error (&error);
  }

  /* a broken JPEG fragment */
  {
    g_autoptr(GByteArray) file = hz_test_dicom_part10 ("1.2.840.10008.1.2.4.50");
    g_autoptr(HzDicom) dicom = NULL;
    g_autoptr(HzDicomFrame) frame = NULL;
    const guint8 junk[8] = { 0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x40, 0x12, 0x34 };

    put_image_module (file, 2, 2);
    hz_test_dicom_put_element (file, 0x7FE0, 0x0010, "OB", NULL, 0xFFFFFFFF);
    hz_test_dicom_put16 (file, 0xFFFE); hz_test_dicom_put16 (file, 0xE000); hz_test_dicom_put32 (file, 0);
    hz_test_dicom_put16 (file, 0xFFFE); hz_test_dicom_put16 (file, 0xE000); hz_test_dicom_put32 (file, 8);
    g_byte_array_append (file, junk, 8);
    hz_test_dicom_put16 (file, 0xFFFE); hz_test_dicom_put16 (file, 0xE0DD); hz_test_dicom_put32 (file, 0);
    dicom = open_bytes (file, &error);
    g_assert_no_error (error);
    frame = hz_dicom_decode_frame (dicom, 0, &error);
    g_assert_null (frame);
    g_assert_error (error, HZ_DICOM_ERROR, HZ_DICOM_ERROR_CODEC);
    g_clear_error (&error);
  }

  /* a video transfer syntax: read, reported as video, not decoded here */
  {
    g_autoptr(GByteArray) file = hz_test_dicom_part10 ("1.2.840.10008.1.2.4.102");
    g_autoptr(HzDicom) dicom = NULL;
    g_autoptr(HzDicomInfo) info = NULL;
    g_autoptr(HzDicomFrame) frame = NULL;
    const guint8 nal[8] = { 0, 0, 0, 1, 0x67, 0x64, 0, 0x1F };

    put_image_module (file, 2, 2);
    hz_test_dicom_put_element (file, 0x7FE0, 0x0010, "OB", NULL, 0xFFFFFFFF);
    hz_test_dicom_put16 (file, 0xFFFE); hz_test_dicom_put16 (file, 0xE000); hz_test_dicom_put32 (file, 0);
    hz_test_dicom_put16 (file, 0xFFFE); hz_test_dicom_put16 (file, 0xE000); hz_test_dicom_put32 (file, 8);
    g_byte_array_append (file, nal, 8);
    hz_test_dicom_put16 (file, 0xFFFE); hz_test_dicom_put16 (file, 0xE0DD); hz_test_dicom_put32 (file, 0);
    dicom = open_bytes (file, &error);
    g_assert_no_error (error);
    info = hz_dicom_get_info (dicom);
    g_assert_cmpint (info->coding, ==, HZ_DICOM_CODING_VIDEO);
    g_assert_cmpstr (info->transfer_syntax_name, ==, "MPEG-4 AVC/H.264 High Profile / Level 4.1");
    frame = hz_dicom_decode_frame (dicom, 0, &error);
    g_assert_error (error, HZ_DICOM_ERROR, HZ_DICOM_ERROR_VIDEO);
    g_clear_error (&error);
  }

  /* every truncation of a real file is refused or read, never a crash */
  {
    gsize length;
    g_autofree guint8 *pixels = hz_test_dicom_pixels (&grey8, &length);
    g_autofree char *native = hz_test_dicom_make (tmp_dir, "trunc", &grey8, pixels, length);
    g_autofree char *rle = hz_test_dicom_convert (tmp_dir, native, "trunc-rle", "dcmcrle", "");
    g_autofree char *data = NULL;
    gsize size;
    guint refused = 0;

    g_assert_true (g_file_get_contents (rle, &data, &size, NULL));
    for (gsize cut = 0; cut < size; cut += 7)
      {
        g_autoptr(GBytes) bytes = g_bytes_new (data, cut);
        g_autoptr(HzDicom) dicom = hz_dicom_new_from_bytes (bytes, &error);
        g_autoptr(HzDicomFrame) frame = NULL;

        if (dicom != NULL)
          frame = hz_dicom_decode_frame (dicom, 0, &error);
        if (frame == NULL)
          {
            g_assert_nonnull (error);
            refused++;
          }
        g_clear_error (&error);
      }
    g_assert_cmpuint (refused, >, 0);
  }
}

/* --- the command line --------------------------------------------------- */

static int
run_cli (const char * const *args,
         char              **out,
         char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) HUIZHEN_CLI_PATH);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, 0, NULL, NULL, out, err, &status, &error));
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static void
test_cli (void)
{
  const HzTestImage cine = { 32, 40, 5, 1, "MONOCHROME2", 8, 8, FALSE, 0, US_EXTRA, "GB18030" };
  gsize length;
  g_autofree guint8 *pixels = hz_test_dicom_pixels (&cine, &length);
  g_autofree char *native = hz_test_dicom_make (tmp_dir, "cli", &cine, pixels, length);
  g_autofree char *jpeg = hz_test_dicom_convert (tmp_dir, native, "cli-sv1", "dcmcjpeg", "+e1");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *pattern = g_build_filename (tmp_dir, "cli-%d.raw", NULL);
  g_autofree char *png = g_build_filename (tmp_dir, "cli-2.png", NULL);
  JsonObject *root, *region;

  {
    const char *args[] = { "dicom", "info", jpeg, "--json", NULL };

    g_assert_cmpint (run_cli (args, &out, &err), ==, 0);
  }
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (root, "rows"), ==, 32);
  g_assert_cmpint (json_object_get_int_member (root, "columns"), ==, 40);
  g_assert_cmpint (json_object_get_int_member (root, "frames"), ==, 5);
  g_assert_cmpint (json_object_get_int_member (root, "samples_per_pixel"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (root, "photometric"), ==, "MONOCHROME2");
  g_assert_cmpint (json_object_get_int_member (root, "bits_allocated"), ==, 8);
  g_assert_cmpint (json_object_get_int_member (root, "bits_stored"), ==, 8);
  g_assert_cmpint (json_object_get_int_member (root, "pixel_representation"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (root, "transfer_syntax"), ==, "1.2.840.10008.1.2.4.70");
  g_assert_cmpstr (json_object_get_string_member (root, "sop_class"), ==, "1.2.840.10008.5.1.4.1.1.3.1");
  g_assert_cmpstr (json_object_get_string_member (root, "modality"), ==, "US");
  g_assert_cmpstr (json_object_get_string_member (root, "patient_name"), ==, "王小红^=");
  g_assert_cmpstr (json_object_get_string_member (root, "study_date"), ==, "20261203");
  g_assert_cmpfloat (json_object_get_double_member (root, "frame_time_ms"), ==, 33.333);
  g_assert_false (json_object_get_boolean_member (root, "video"));
  region = json_array_get_object_element (json_object_get_array_member (root, "regions"), 0);
  g_assert_cmpfloat (json_object_get_double_member (region, "physical_delta_x"), ==, 0.0125);
  g_assert_cmpfloat (json_object_get_double_member (region, "physical_delta_y"), ==, 0.025);
  g_assert_cmpstr (json_object_get_string_member (region, "units_x"), ==, "cm");
  g_assert_cmpint (json_object_get_int_member (region, "x1"), ==, 39);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  {
    const char *args[] = { "dicom", "frame", jpeg, "--frame", "all", "-o", pattern, NULL };

    g_assert_cmpint (run_cli (args, &out, &err), ==, 0);
  }
  for (guint f = 0; f < 5; f++)
    {
      g_autofree char *name = g_strdup_printf ("cli-%u.raw", f + 1);
      g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
      g_autofree char *data = NULL;
      gsize size;

      g_assert_true (g_file_get_contents (path, &data, &size, NULL));
      g_assert_cmpmem (data, size, pixels + f * (length / 5), length / 5);
    }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  {
    const char *args[] = { "dicom", "frame", jpeg, "--frame", "2", "-o", png, NULL };
    g_autofree char *data = NULL;
    gsize size;

    g_assert_cmpint (run_cli (args, &out, &err), ==, 0);
    g_assert_true (g_file_get_contents (png, &data, &size, NULL));
    g_assert_cmpmem (data, 8, "\x89PNG\r\n\x1a\n", 8);
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* no such frame, and a file that is not DICOM: exit 1 with a message */
  {
    const char *args[] = { "dicom", "frame", jpeg, "--frame", "9", "-o", png, NULL };

    g_assert_cmpint (run_cli (args, &out, &err), ==, 1);
    g_assert_nonnull (strstr (err, "There is no frame 9: the file has 5"));
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  {
    g_autofree char *junk = g_build_filename (tmp_dir, "junk.dcm", NULL);
    const char *args[] = { "dicom", "info", junk, NULL };

    g_assert_true (g_file_set_contents (junk, "this is not DICOM at all", -1, NULL));
    g_assert_cmpint (run_cli (args, &out, &err), ==, 1);
    g_assert_nonnull (strstr (err, "junk.dcm"));
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  {
    const char *args[] = { "dicom", "frame", jpeg, "-o", "out.tiff", NULL };

    g_assert_cmpint (run_cli (args, &out, &err), ==, 2);
    g_assert_nonnull (strstr (err, ".png or .raw"));
  }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = hz_test_make_tmp_dir ("test-dicom-XXXXXX");

  g_test_add_func ("/dicom/lossless/grey8", test_lossless_grey8);
  g_test_add_func ("/dicom/lossless/rgb8", test_lossless_rgb8);
  g_test_add_func ("/dicom/lossless/grey12", test_lossless_grey12);
  g_test_add_func ("/dicom/lossless/multiframe", test_lossless_multiframe);
  g_test_add_func ("/dicom/jpeg-baseline", test_jpeg_baseline);
  g_test_add_func ("/dicom/jpeg-12bit-refused", test_jpeg_12bit_refused);
  g_test_add_func ("/dicom/jpeg-2000", test_jpeg_2000);
  g_test_add_func ("/dicom/ultrasound", test_ultrasound_info);
  g_test_add_func ("/dicom/frame-time-vector", test_frame_time_vector);
  g_test_add_func ("/dicom/display", test_display);
  g_test_add_func ("/dicom/one-bit", test_one_bit);
  g_test_add_func ("/dicom/charsets", test_charsets);
  g_test_add_func ("/dicom/no-preamble", test_no_preamble_and_raw_dataset);
  g_test_add_func ("/dicom/odd-length", test_odd_length);
  g_test_add_func ("/dicom/bad-input", test_bad_input);
  g_test_add_func ("/dicom/cli", test_cli);

  status = g_test_run ();
  hz_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
