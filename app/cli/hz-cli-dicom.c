/* hz-cli-dicom.c — huizhen-cli dicom: what a DICOM file holds (info) and
 * its frames as PNG (the displayed image) or raw stored values (frame)
 *
 * The reading is libhuizhen's (dicom/hz-dicom.h). "frame --frame all"
 * decodes and writes one frame after the other: a cine is never held
 * decompressed in memory. Anything unreadable exits 1 with the file and
 * what was wrong.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "hz-cli.h"

static int dicom_info  (HzCli *cli, int argc, char **argv);
static int dicom_frame (HzCli *cli, int argc, char **argv);

static const HzCliCommand subcommands[] = {
  { "info",  dicom_info,  N_("Show a DICOM file's image, patient, study and ultrasound calibration") },
  { "frame", dicom_frame, N_("Write a frame (or all) as PNG or as raw stored values") },
};

static gboolean
parse_options (HzCli               *cli,
               const char          *command,
               const char          *parameter,
               const char          *description,
               const GOptionEntry  *entries,
               int                 *argc,
               char              ***argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameter);

  if (description != NULL)
    g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  (*argv)[0] = (char *) command;
  return hz_cli_parse (cli, context, argc, argv);
}

/* The one FILE argument */
static const char *
positional_file (const char  *command,
                 int          argc,
                 char       **argv)
{
  if (argc < 2)
    {
      hz_cli_usage_error (command, _("No file given: name a DICOM file"));
      return NULL;
    }
  if (!hz_cli_check_no_arguments (command, argc - 1, argv + 1))
    return NULL;
  return argv[1];
}

static HzDicom *
open_file (const char *command,
           const char *path)
{
  g_autoptr(GError) error = NULL;
  HzDicom *dicom = hz_dicom_open (path, &error);

  if (dicom == NULL)
    hz_cli_print_error (command, error->message);
  return dicom;
}

static const char *
coding_name (HzDicomCoding coding)
{
  switch (coding)
    {
    case HZ_DICOM_CODING_NATIVE:         return "native";
    case HZ_DICOM_CODING_RLE:            return "rle";
    case HZ_DICOM_CODING_JPEG_BASELINE:  return "jpeg";
    case HZ_DICOM_CODING_JPEG_LOSSLESS:  return "jpeg-lossless";
    case HZ_DICOM_CODING_JPEG_LS:        return "jpeg-ls";
    case HZ_DICOM_CODING_JPEG_2000:      return "jpeg-2000";
    case HZ_DICOM_CODING_VIDEO:          return "video";
    case HZ_DICOM_CODING_UNSUPPORTED:
    default:                             return "unsupported";
    }
}

static void
add_uint (JsonBuilder *builder,
          const char  *member,
          guint        value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

static void
add_double (JsonBuilder *builder,
            const char  *member,
            double       value)
{
  g_autofree char *text = g_strdup_printf ("%.10g", value);

  hz_cli_json_add_number_text (builder, member, text);
}

static void
info_to_json (JsonBuilder       *builder,
              const HzDicomInfo *info)
{
  json_builder_begin_object (builder);
  add_uint (builder, "rows", info->rows);
  add_uint (builder, "columns", info->columns);
  add_uint (builder, "frames", info->frames);
  add_uint (builder, "samples_per_pixel", info->samples_per_pixel);
  hz_cli_json_add_string (builder, "photometric", info->photometric);
  add_uint (builder, "bits_allocated", info->bits_allocated);
  add_uint (builder, "bits_stored", info->bits_stored);
  add_uint (builder, "high_bit", info->high_bit);
  add_uint (builder, "pixel_representation", info->pixel_representation);
  add_uint (builder, "planar_configuration", info->planar_configuration);
  hz_cli_json_add_string (builder, "transfer_syntax", info->transfer_syntax);
  hz_cli_json_add_string (builder, "transfer_syntax_name", info->transfer_syntax_name);
  hz_cli_json_add_string (builder, "coding", coding_name (info->coding));
  json_builder_set_member_name (builder, "video");
  json_builder_add_boolean_value (builder, info->coding == HZ_DICOM_CODING_VIDEO);
  hz_cli_json_add_string (builder, "sop_class", info->sop_class);
  hz_cli_json_add_string (builder, "sop_instance_uid", info->sop_instance_uid);
  hz_cli_json_add_string (builder, "study_instance_uid", info->study_instance_uid);
  hz_cli_json_add_string (builder, "series_instance_uid", info->series_instance_uid);
  hz_cli_json_add_string (builder, "modality", info->modality);
  hz_cli_json_add_string (builder, "specific_character_set", info->specific_character_set);
  hz_cli_json_add_string (builder, "patient_name", info->patient_name);
  hz_cli_json_add_string (builder, "patient_id", info->patient_id);
  hz_cli_json_add_string (builder, "study_date", info->study_date);
  json_builder_set_member_name (builder, "frame_time_ms");
  if (info->frame_time_ms > 0)
    add_double (builder, NULL, info->frame_time_ms);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "cine_rate");
  if (info->cine_rate > 0)
    json_builder_add_int_value (builder, info->cine_rate);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "frame_time_vector");
  json_builder_begin_array (builder);
  for (guint i = 0; i < info->frame_time_vector->len; i++)
    add_double (builder, NULL, g_array_index (info->frame_time_vector, double, i));
  json_builder_end_array (builder);
  add_double (builder, "rescale_slope", info->rescale_slope);
  add_double (builder, "rescale_intercept", info->rescale_intercept);
  json_builder_set_member_name (builder, "window");
  if (info->has_window)
    {
      json_builder_begin_object (builder);
      add_double (builder, "center", info->window_center);
      add_double (builder, "width", info->window_width);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "regions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < info->regions->len; i++)
    {
      const HzDicomRegion *r = &g_array_index (info->regions, HzDicomRegion, i);

      json_builder_begin_object (builder);
      add_uint (builder, "x0", r->x0);
      add_uint (builder, "y0", r->y0);
      add_uint (builder, "x1", r->x1);
      add_uint (builder, "y1", r->y1);
      add_uint (builder, "spatial_format", r->spatial_format);
      add_uint (builder, "data_type", r->data_type);
      hz_cli_json_add_string (builder, "units_x", hz_dicom_region_unit_name (r->units_x));
      hz_cli_json_add_string (builder, "units_y", hz_dicom_region_unit_name (r->units_y));
      add_double (builder, "physical_delta_x", r->delta_x);
      add_double (builder, "physical_delta_y", r->delta_y);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
print_row (const char *label,
           const char *value)
{
  /* Translators: a label and its value in "dicom info" */
  g_print (_("%s: %s"), label, value != NULL && *value != '\0' ? value : "—");
  g_print ("\n");
}

static void
print_info (const HzDicomInfo *info)
{
  g_autofree char *size = g_strdup_printf ("%u × %u", info->columns, info->rows);
  g_autofree char *frames = g_strdup_printf ("%u", info->frames);
  g_autofree char *pixels = g_strdup_printf (_("%u samples, %u bits allocated, %u stored, high bit %u, %s"),
                                             info->samples_per_pixel, info->bits_allocated,
                                             info->bits_stored, info->high_bit,
                                             info->pixel_representation == 1 ? _("signed") : _("unsigned"));
  g_autofree char *syntax = g_strdup_printf ("%s (%s)", info->transfer_syntax_name != NULL
                                             ? info->transfer_syntax_name : _("unknown"),
                                             info->transfer_syntax);
  g_autofree char *frame_time = info->frame_time_ms > 0
    ? g_strdup_printf (_("%.6g ms"), info->frame_time_ms) : NULL;

  print_row (_("Patient"), info->patient_name);
  print_row (_("Patient ID"), info->patient_id);
  print_row (_("Study date"), info->study_date);
  print_row (_("Modality"), info->modality);
  print_row (_("SOP class"), info->sop_class);
  print_row (_("Transfer syntax"), syntax);
  if (info->coding == HZ_DICOM_CODING_VIDEO)
    print_row (_("Video"), _("yes: the frames are decoded by the imaging viewer (GStreamer)"));
  print_row (_("Size"), size);
  print_row (_("Frames"), frames);
  print_row (_("Photometric interpretation"), info->photometric);
  print_row (_("Pixels"), pixels);
  print_row (_("Frame time"), frame_time);
  for (guint i = 0; i < info->regions->len; i++)
    {
      const HzDicomRegion *r = &g_array_index (info->regions, HzDicomRegion, i);
      const char *ux = hz_dicom_region_unit_name (r->units_x);
      const char *uy = hz_dicom_region_unit_name (r->units_y);
      /* Translators: an ultrasound region: its corners in pixels, then the size of a pixel */
      g_autofree char *text = g_strdup_printf (_("(%u, %u)–(%u, %u), %.6g %s × %.6g %s a pixel"),
                                               r->x0, r->y0, r->x1, r->y1,
                                               r->delta_x, ux != NULL ? ux : "?",
                                               r->delta_y, uy != NULL ? uy : "?");
      g_autofree char *label = g_strdup_printf (_("Region %u"), i + 1);

      print_row (label, text);
    }
}

static int
dicom_info (HzCli  *cli,
            int     argc,
            char  **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(HzDicom) dicom = NULL;
  g_autoptr(HzDicomInfo) info = NULL;
  const char *path;

  if (!parse_options (cli, "dicom info", _("FILE"), NULL, entries, &argc, &argv))
    return HZ_CLI_EXIT_USAGE;
  path = positional_file ("dicom info", argc, argv);
  if (path == NULL)
    return HZ_CLI_EXIT_USAGE;
  dicom = open_file ("dicom info", path);
  if (dicom == NULL)
    return HZ_CLI_EXIT_INPUT;
  info = hz_dicom_get_info (dicom);
  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      info_to_json (builder, info);
      root = json_builder_get_root (builder);
      hz_cli_print_json (root);
    }
  else
    print_info (info);
  return HZ_CLI_EXIT_OK;
}

/* @pattern with its "%d" (or "%0Nd") replaced by @number, "%%" by "%";
 * NULL when it holds no number field */
static char *
format_output (const char *pattern,
               guint       number)
{
  GString *out = g_string_new (NULL);
  gboolean found = FALSE;

  for (const char *p = pattern; *p != '\0'; p++)
    {
      if (*p == '%' && p[1] == '%')
        {
          g_string_append_c (out, '%');
          p++;
          continue;
        }
      if (*p == '%')
        {
          const char *q = p + 1;
          guint width = 0;

          while (g_ascii_isdigit (*q))
            width = width * 10 + (guint) (*q++ - '0');
          if (*q == 'd' && width < 10)
            {
              g_string_append_printf (out, "%0*u", (int) width, number);
              found = TRUE;
              p = q;
              continue;
            }
        }
      g_string_append_c (out, *p);
    }
  if (!found)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

/* The stored values little-endian, as hz_dicom_decode_frame() gives them */
static gboolean
write_raw (const char          *path,
           const HzDicomFrame  *frame,
           GError             **error)
{
#if G_BYTE_ORDER == G_BIG_ENDIAN
  g_autofree guint8 *swapped = g_memdup2 (frame->data, frame->size);

  for (gsize i = 0; i < frame->size; i += frame->bytes_per_sample)
    for (guint b = 0; b < frame->bytes_per_sample / 2; b++)
      {
        guint8 t = swapped[i + b];

        swapped[i + b] = swapped[i + frame->bytes_per_sample - 1 - b];
        swapped[i + frame->bytes_per_sample - 1 - b] = t;
      }
  return g_file_set_contents_full (path, (const char *) swapped, (gssize) frame->size,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);
#else
  return g_file_set_contents_full (path, (const char *) frame->data, (gssize) frame->size,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);
#endif
}

static gboolean
write_frame (HzDicom     *dicom,
             guint        index,
             const char  *out,
             gboolean     png,
             GError     **error)
{
  g_autoptr(HzDicomFrame) frame = hz_dicom_decode_frame (dicom, index, error);

  if (frame == NULL)
    return FALSE;
  if (png)
    {
      g_autofree guint8 *rgb = hz_dicom_frame_to_rgb (dicom, frame);

      return hz_dicom_write_png (out, rgb, frame->width, frame->height, error);
    }
  return write_raw (out, frame, error);
}

static int
dicom_frame (HzCli  *cli,
             int     argc,
             char  **argv)
{
  g_autofree char *frame_arg = NULL;
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "frame", 0, 0, G_OPTION_ARG_STRING, &frame_arg,
      N_("The frame number, from 1 (default 1), or “all”"), N_("N|all") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The file to write: .png the displayed image, .raw the stored values (little-endian, samples interleaved); with --frame all it holds %d for the frame number"),
      N_("OUT") },
    { NULL }
  };
  g_autoptr(HzDicom) dicom = NULL;
  g_autoptr(GError) error = NULL;
  const char *path;
  gboolean all = FALSE, png;
  guint64 number = 1;
  guint n_frames;

  if (!parse_options (cli, "dicom frame", _("FILE"),
                      _("A YBR image is written as RGB; a PALETTE COLOR image's .raw holds its indices."),
                      entries, &argc, &argv))
    return HZ_CLI_EXIT_USAGE;
  path = positional_file ("dicom frame", argc, argv);
  if (path == NULL)
    return HZ_CLI_EXIT_USAGE;
  if (output == NULL)
    {
      hz_cli_usage_error ("dicom frame", _("No output given: name it with -o OUT"));
      return HZ_CLI_EXIT_USAGE;
    }
  if (g_str_has_suffix (output, ".png"))
    png = TRUE;
  else if (g_str_has_suffix (output, ".raw"))
    png = FALSE;
  else
    {
      hz_cli_usage_error ("dicom frame", _("The output must end in .png or .raw"));
      return HZ_CLI_EXIT_USAGE;
    }
  if (frame_arg != NULL && g_str_equal (frame_arg, "all"))
    all = TRUE;
  else if (frame_arg != NULL
           && (!g_ascii_string_to_unsigned (frame_arg, 10, 1, G_MAXUINT, &number, NULL)))
    {
      g_autofree char *message = g_strdup_printf (_("--frame “%s” is not a frame number from 1 nor “all”"),
                                                  frame_arg);

      hz_cli_usage_error ("dicom frame", message);
      return HZ_CLI_EXIT_USAGE;
    }
  if (all)
    {
      g_autofree char *probe = format_output (output, 1);

      if (probe == NULL)
        {
          hz_cli_usage_error ("dicom frame", _("With --frame all the output must hold %d for the frame number"));
          return HZ_CLI_EXIT_USAGE;
        }
    }

  dicom = open_file ("dicom frame", path);
  if (dicom == NULL)
    return HZ_CLI_EXIT_INPUT;

  if (!all)
    {
      if (!write_frame (dicom, (guint) number - 1, output, png, &error))
        {
          g_autofree char *display = g_filename_display_name (path);
          g_autofree char *message = g_strdup_printf ("%s: %s", display, error->message);

          hz_cli_print_error ("dicom frame", message);
          return HZ_CLI_EXIT_INPUT;
        }
      return HZ_CLI_EXIT_OK;
    }

  n_frames = hz_dicom_get_n_frames (dicom);
  if (n_frames == 0)
    {
      g_autofree char *display = g_filename_display_name (path);
      g_autofree char *message = g_strdup_printf (_("%s: the file holds no frame"), display);

      hz_cli_print_error ("dicom frame", message);
      return HZ_CLI_EXIT_INPUT;
    }
  for (guint i = 0; i < n_frames; i++)
    {
      g_autofree char *out = format_output (output, i + 1);

      if (!write_frame (dicom, i, out, png, &error))
        {
          g_autofree char *display = g_filename_display_name (path);
          g_autofree char *message = g_strdup_printf ("%s: %s", display, error->message);

          hz_cli_print_error ("dicom frame", message);
          return HZ_CLI_EXIT_INPUT;
        }
    }
  return HZ_CLI_EXIT_OK;
}

int
hz_cli_dicom (HzCli  *cli,
              int     argc,
              char  **argv)
{
  return hz_cli_run_subcommand (cli, "dicom", subcommands, G_N_ELEMENTS (subcommands), argc, argv);
}
