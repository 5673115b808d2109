/* hz-cli-calc.c — huizhen-cli calc (ga, bmi, gwg) and score (epds, phq9, gad7)
 *
 * The arithmetic is libhuizhen's (hz-ga.h, hz-calc.h); this file reads the
 * options and writes the result as JSON on stdout, with its source. A bad
 * value exits 1 with a message naming it; a missing option or an unknown
 * calculator exits 2.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-cli"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "hz-cli.h"

/* --- reading values --------------------------------------------------------- */

static void
value_error (const char *command,
             const char *message)
{
  hz_cli_print_error (command, message);
}

static gboolean
parse_number (const char *command,
              const char *option,
              const char *text,
              double     *value)
{
  char *end = NULL;

  *value = g_ascii_strtod (text, &end);
  if (*text != '\0' && end != NULL && *end == '\0' && isfinite (*value))
    return TRUE;

  {
    /* Translators: an option, then what was given for it */
    g_autofree char *message = g_strdup_printf (_("%s “%s” is not a number"), option, text);

    value_error (command, message);
  }
  return FALSE;
}

gboolean
hz_cli_parse_date (const char *command,
                   const char *option,
                   const char *text,
                   GDate      *date)
{
  g_autofree char *message = NULL;

  /* YYYY-MM-DD only: a FHIR partial date ("2024-03") is not a day */
  if (strlen (text) == 10 && hz_fhir_parse_date (text, date))
    return TRUE;

  message = g_strdup_printf (_("%s “%s” is not a date such as 2026-12-02"), option, text);
  value_error (command, message);
  return FALSE;
}

static char *
format_date (const GDate *date)
{
  char text[16];

  g_date_strftime (text, sizeof text, "%Y-%m-%d", date);
  return g_strdup (text);
}

/* "20" (20+0) or "20.3" (20+3): weeks, then one digit of days, 0–6 */
static gboolean
parse_weeks_days (const char *command,
                  const char *option,
                  const char *text,
                  int        *ga_days)
{
  g_autofree char *message = NULL;
  guint64 weeks = 0;
  const char *dot = strchr (text, '.');
  g_autofree char *weeks_text = g_strndup (text, dot != NULL ? (gsize) (dot - text) : strlen (text));

  if (g_ascii_string_to_unsigned (weeks_text, 10, 0, 99, &weeks, NULL) &&
      (dot == NULL || (dot[1] >= '0' && dot[1] <= '6' && dot[2] == '\0')))
    {
      *ga_days = (int) weeks * 7 + (dot != NULL ? dot[1] - '0' : 0);
      return TRUE;
    }

  message = g_strdup_printf (_("%s “%s” is not a gestational age such as 20 or 20.3 "
                               "(weeks, then days 0–6: 20+3)"),
                             option, text);
  value_error (command, message);
  return FALSE;
}

static void
add_kg_range (JsonBuilder *builder,
              const char  *member,
              int          low_g,
              int          high_g)
{
  g_autofree char *low = hz_calc_format_kg (low_g);
  g_autofree char *high = hz_calc_format_kg (high_g);

  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  hz_cli_json_add_number_text (builder, NULL, low);
  hz_cli_json_add_number_text (builder, NULL, high);
  json_builder_end_array (builder);
}

static void
print_object (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = NULL;

  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  hz_cli_print_json (root);
}

/* Parses @entries for the command @name ("calc ga"); FALSE on a usage error
 * (printed). */
static gboolean
parse_options (HzCli              *cli,
               const char         *name,
               const char         *parameter,
               const char         *summary,
               const GOptionEntry *entries,
               int                *argc,
               char             ***argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameter);

  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  (*argv)[0] = (char *) name;
  if (!hz_cli_parse (cli, context, argc, argv))
    return FALSE;
  return hz_cli_check_no_arguments (name, *argc, *argv);
}

static gboolean
require (const char *command,
         const char *value,
         const char *message)
{
  if (value != NULL)
    return TRUE;
  hz_cli_usage_error (command, message);
  return FALSE;
}

/* --- calc ga ---------------------------------------------------------------- */

static int
calc_ga (HzCli  *cli,
         int     argc,
         char  **argv)
{
  const char *command = "calc ga";
  g_autofree char *lmp_text = NULL;
  g_autofree char *on_text = NULL;
  g_autofree char *crl_mm_text = NULL;
  g_autofree char *crl_date_text = NULL;
  g_autofree char *transfer_text = NULL;
  g_autofree char *embryo_age_text = NULL;
  const GOptionEntry entries[] = {
    { "lmp", 0, 0, G_OPTION_ARG_STRING, &lmp_text,
      N_("First day of the last menstrual period"), N_("YYYY-MM-DD") },
    { "on", 0, 0, G_OPTION_ARG_STRING, &on_text,
      N_("The day the gestational age is counted to (default: today)"), N_("YYYY-MM-DD") },
    { "crl-mm", 0, 0, G_OPTION_ARG_STRING, &crl_mm_text,
      N_("Crown-rump length of a first-trimester scan, in mm"), N_("MM") },
    { "crl-date", 0, 0, G_OPTION_ARG_STRING, &crl_date_text,
      N_("The day of that scan"), N_("YYYY-MM-DD") },
    { "transfer-date", 0, 0, G_OPTION_ARG_STRING, &transfer_text,
      N_("The day of an ART embryo transfer (dates the pregnancy over LMP and CRL)"), N_("YYYY-MM-DD") },
    { "embryo-age-days", 0, 0, G_OPTION_ARG_STRING, &embryo_age_text,
      N_("Age of the transferred embryo in days (3 for cleavage stage, 5 for a blastocyst)"), N_("N") },
    { NULL }
  };
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *edd = NULL;
  HzDating dating;
  GDate lmp, on, crl_date, transfer;
  double crl_mm = 0;
  double embryo_age = 0;
  int ga_days, weeks, days;

  if (!parse_options (cli, command,
                      _("ga --lmp DATE [--on DATE] [--crl-mm MM --crl-date DATE] "
                        "[--transfer-date DATE --embryo-age-days N]"),
                      _("Gestational age, due date (Naegele: LMP + 280 days) and trimester. A "
                        "first-trimester CRL more than 7 days from the LMP dates the pregnancy "
                        "instead. An embryo transfer dates it before both: on the transfer day "
                        "the GA is 14 days + the embryo's age (ACOG Committee Opinion No. 700)."),
                      entries, &argc, &argv))
    return HZ_CLI_EXIT_USAGE;
  if ((transfer_text == NULL) != (embryo_age_text == NULL))
    {
      hz_cli_usage_error (command, _("--transfer-date and --embryo-age-days go together"));
      return HZ_CLI_EXIT_USAGE;
    }
  if (transfer_text == NULL &&
      !require (command, lmp_text, _("No LMP given: use --lmp DATE or --transfer-date DATE")))
    return HZ_CLI_EXIT_USAGE;
  if ((crl_mm_text == NULL) != (crl_date_text == NULL))
    {
      hz_cli_usage_error (command, _("--crl-mm and --crl-date go together"));
      return HZ_CLI_EXIT_USAGE;
    }
  if (crl_mm_text != NULL && lmp_text == NULL)
    {
      hz_cli_usage_error (command, _("--crl-mm is compared with an LMP: give --lmp DATE too"));
      return HZ_CLI_EXIT_USAGE;
    }

  g_date_clear (&lmp, 1);
  if (lmp_text != NULL && !hz_cli_parse_date (command, "--lmp", lmp_text, &lmp))
    return HZ_CLI_EXIT_INPUT;
  if (transfer_text != NULL)
    {
      if (!hz_cli_parse_date (command, "--transfer-date", transfer_text, &transfer) ||
          !parse_number (command, "--embryo-age-days", embryo_age_text, &embryo_age))
        return HZ_CLI_EXIT_INPUT;
      if (embryo_age != (int) embryo_age || hz_ga_days_at_transfer ((int) embryo_age) < 0)
        {
          /* Translators: an embryo age the transfer cannot be dated by */
          g_autofree char *message =
            g_strdup_printf (_("--embryo-age-days %s: an embryo is transferred %d–%d days after fertilisation"),
                             embryo_age_text, HZ_GA_EMBRYO_AGE_MIN_DAYS, HZ_GA_EMBRYO_AGE_MAX_DAYS);

          value_error (command, message);
          return HZ_CLI_EXIT_INPUT;
        }
    }
  if (on_text != NULL)
    {
      if (!hz_cli_parse_date (command, "--on", on_text, &on))
        return HZ_CLI_EXIT_INPUT;
    }
  else
    hz_ga_get_today (&on);

  if (crl_mm_text != NULL)
    {
      if (!parse_number (command, "--crl-mm", crl_mm_text, &crl_mm) ||
          !hz_cli_parse_date (command, "--crl-date", crl_date_text, &crl_date))
        return HZ_CLI_EXIT_INPUT;
      if (hz_ga_days_from_crl (crl_mm) < 0)
        {
          /* Translators: a CRL outside the range it dates a pregnancy by */
          g_autofree char *message =
            g_strdup_printf (_("--crl-mm %s: a crown-rump length dates a pregnancy at %d–%d mm only"),
                             crl_mm_text, HZ_GA_CRL_MIN_MM, HZ_GA_CRL_MAX_MM);

          value_error (command, message);
          return HZ_CLI_EXIT_INPUT;
        }
      if (g_date_compare (&crl_date, &lmp) < 0)
        {
          g_autofree char *message =
            g_strdup_printf (_("--crl-date %s is before the LMP %s"), crl_date_text, lmp_text);

          value_error (command, message);
          return HZ_CLI_EXIT_INPUT;
        }
    }

  /* The one dating rule: the transfer, else the LMP overridden by the CRL
   * when it applies */
  hz_dating_compute (&dating, lmp_text != NULL ? &lmp : NULL,
                     crl_mm_text != NULL ? &crl_date : NULL, crl_mm,
                     transfer_text != NULL ? &transfer : NULL, (int) embryo_age,
                     NULL, NULL);
  if (!hz_dating_ga_at (&dating, &on, &ga_days) || ga_days < 0)
    {
      g_autofree char *used = format_date (&dating.lmp);
      g_autofree char *when = format_date (&on);
      g_autofree char *message = NULL;

      /* Translators: the day counted to, then the LMP counted from (by CRL
       * when the scan moved it) */
      message = g_strdup_printf (_("--on %s is before the LMP %s"), when, used);
      value_error (command, message);
      return HZ_CLI_EXIT_INPUT;
    }

  hz_ga_split (ga_days, &weeks, &days);
  edd = format_date (&dating.edd);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "weeks");
  json_builder_add_int_value (builder, weeks);
  json_builder_set_member_name (builder, "days");
  json_builder_add_int_value (builder, days);
  hz_cli_json_add_string (builder, "edd", edd);
  hz_cli_json_add_string (builder, "trimester", hz_trimester_to_string (hz_ga_trimester (ga_days)));
  hz_cli_json_add_string (builder, "dating", hz_dating_method_to_string (dating.method));
  hz_cli_json_add_string (builder, "source", hz_dating_method_get_display_name (dating.method));
  print_object (builder);

  return HZ_CLI_EXIT_OK;
}

/* --- calc bmi --------------------------------------------------------------- */

static int
calc_bmi (HzCli  *cli,
          int     argc,
          char  **argv)
{
  const char *command = "calc bmi";
  g_autofree char *height_text = NULL;
  g_autofree char *weight_text = NULL;
  const GOptionEntry entries[] = {
    { "height-cm", 0, 0, G_OPTION_ARG_STRING, &height_text, N_("Height in cm"), N_("CM") },
    { "weight-kg", 0, 0, G_OPTION_ARG_STRING, &weight_text, N_("Weight in kg"), N_("KG") },
    { NULL }
  };
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  double height, weight;
  HzBmi bmi;

  if (!parse_options (cli, command, _("bmi --height-cm CM --weight-kg KG"),
                      _("Body mass index, one decimal, and its class by the Chinese adult "
                        "cut-offs 18.5, 24.0 and 28.0 (WS/T 801-2022)."),
                      entries, &argc, &argv))
    return HZ_CLI_EXIT_USAGE;
  if (!require (command, height_text, _("No height given: use --height-cm CM")) ||
      !require (command, weight_text, _("No weight given: use --weight-kg KG")))
    return HZ_CLI_EXIT_USAGE;

  if (!parse_number (command, "--height-cm", height_text, &height) ||
      !parse_number (command, "--weight-kg", weight_text, &weight))
    return HZ_CLI_EXIT_INPUT;
  if (!hz_bmi_compute (height, weight, &bmi, &error))
    {
      value_error (command, error->message);
      return HZ_CLI_EXIT_INPUT;
    }

  text = hz_bmi_format (&bmi);
  json_builder_begin_object (builder);
  hz_cli_json_add_number_text (builder, "bmi", text);
  hz_cli_json_add_string (builder, "class", hz_bmi_class_to_string (bmi.bmi_class));
  hz_cli_json_add_string (builder, "source", bmi.source);
  print_object (builder);

  return HZ_CLI_EXIT_OK;
}

/* --- calc gwg --------------------------------------------------------------- */

static int
calc_gwg (HzCli  *cli,
          int     argc,
          char  **argv)
{
  const char *command = "calc gwg";
  g_autofree char *height_text = NULL;
  g_autofree char *pre_weight_text = NULL;
  g_autofree char *weight_text = NULL;
  g_autofree char *ga_text = NULL;
  const GOptionEntry entries[] = {
    { "height-cm", 0, 0, G_OPTION_ARG_STRING, &height_text, N_("Height in cm"), N_("CM") },
    { "pre-weight-kg", 0, 0, G_OPTION_ARG_STRING, &pre_weight_text,
      N_("Weight before the pregnancy, in kg"), N_("KG") },
    { "weight-kg", 0, 0, G_OPTION_ARG_STRING, &weight_text, N_("Weight now, in kg"), N_("KG") },
    { "ga-weeks", 0, 0, G_OPTION_ARG_STRING, &ga_text,
      N_("Gestational age now: weeks, or weeks.days (20.3 is 20+3)"), N_("G[.D]") },
    { NULL }
  };
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *bmi = NULL;
  g_autofree char *gain = NULL;
  double height, pre_weight, weight;
  int ga_days;
  HzGwg gwg;

  if (!parse_options (cli, command,
                      _("gwg --height-cm CM --pre-weight-kg KG --weight-kg KG --ga-weeks G[.D]"),
                      _("Weight gained against the range WS/T 801-2022 recommends for the "
                        "pre-pregnancy BMI: 0–2 kg in the first trimester, then the weekly "
                        "range of the 2nd–3rd trimester for every week after 14+0."),
                      entries, &argc, &argv))
    return HZ_CLI_EXIT_USAGE;
  if (!require (command, height_text, _("No height given: use --height-cm CM")) ||
      !require (command, pre_weight_text, _("No pre-pregnancy weight given: use --pre-weight-kg KG")) ||
      !require (command, weight_text, _("No weight given: use --weight-kg KG")) ||
      !require (command, ga_text, _("No gestational age given: use --ga-weeks G[.D]")))
    return HZ_CLI_EXIT_USAGE;

  if (!parse_number (command, "--height-cm", height_text, &height) ||
      !parse_number (command, "--pre-weight-kg", pre_weight_text, &pre_weight) ||
      !parse_number (command, "--weight-kg", weight_text, &weight) ||
      !parse_weeks_days (command, "--ga-weeks", ga_text, &ga_days))
    return HZ_CLI_EXIT_INPUT;
  if (!hz_gwg_assess (height, pre_weight, weight, ga_days, &gwg, &error))
    {
      value_error (command, error->message);
      return HZ_CLI_EXIT_INPUT;
    }

  bmi = hz_bmi_format (&gwg.bmi);
  gain = hz_calc_format_kg (gwg.gain_g);
  json_builder_begin_object (builder);
  hz_cli_json_add_number_text (builder, "bmi", bmi);
  hz_cli_json_add_string (builder, "bmi_class", hz_bmi_class_to_string (gwg.bmi.bmi_class));
  add_kg_range (builder, "total_range", gwg.band->total_low_g, gwg.band->total_high_g);
  add_kg_range (builder, "expected_range", gwg.expected_low_g, gwg.expected_high_g);
  hz_cli_json_add_number_text (builder, "gain", gain);
  hz_cli_json_add_string (builder, "status", hz_gwg_status_to_string (gwg.status));
  hz_cli_json_add_string (builder, "source", gwg.source);
  print_object (builder);

  return HZ_CLI_EXIT_OK;
}

/* --- calc ------------------------------------------------------------------- */

static const HzCliCommand calculators[] = {
  { "ga",  calc_ga,  N_("Gestational age, due date, trimester, dating by LMP or CRL") },
  { "bmi", calc_bmi, N_("Body mass index and its class") },
  { "gwg", calc_gwg, N_("Gestational weight gain against WS/T 801-2022") },
};

static void
print_calculators (void)
{
  g_print ("%s\n", _("Usage: huizhen-cli calc CALCULATOR [OPTIONS…]"));
  g_print ("\n%s\n", _("Calculators:"));
  for (guint i = 0; i < G_N_ELEMENTS (calculators); i++)
    g_print ("  %-5s %s\n", calculators[i].name, _(calculators[i].summary));
  g_print ("\n%s\n", _("Run “huizhen-cli calc CALCULATOR --help” for its options. The result is "
                       "JSON on standard output."));
}

/* huizhen-cli calc ga|bmi|gwg OPTIONS… */
int
hz_cli_calc (HzCli  *cli,
             int     argc,
             char  **argv)
{
  g_autofree char *message = NULL;

  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      print_calculators ();
      return HZ_CLI_EXIT_OK;
    }
  if (argc < 2)
    {
      hz_cli_usage_error ("calc", _("No calculator given: ga, bmi or gwg"));
      return HZ_CLI_EXIT_USAGE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (calculators); i++)
    if (g_str_equal (calculators[i].name, argv[1]))
      return calculators[i].func (cli, argc - 1, argv + 1);

  message = g_strdup_printf (_("Unknown calculator “%s”: ga, bmi or gwg"), argv[1]);
  hz_cli_usage_error ("calc", message);
  return HZ_CLI_EXIT_USAGE;
}

/* --- score ------------------------------------------------------------------ */

/* huizhen-cli score epds|phq9|gad7 --answers a1,a2,… */
int
hz_cli_score (HzCli  *cli,
              int     argc,
              char  **argv)
{
  g_autofree char *answers_text = NULL;
  const GOptionEntry entries[] = {
    { "answers", 0, 0, G_OPTION_ARG_STRING, &answers_text,
      N_("For each item, the position of the chosen answer as the form prints it, "
         "counted from 0, separated by commas"), N_("A1,A2,…") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) answers = g_array_new (FALSE, FALSE, sizeof (int));
  g_auto(GStrv) parts = NULL;
  HzScaleResult result;
  HzScale scale;

  context = g_option_context_new (_("score epds|phq9|gad7 --answers A1,A2,…"));
  g_option_context_set_summary (context,
                                _("Scores a completed EPDS (10 items), PHQ-9 (9) or GAD-7 (7) "
                                  "form: the total, its band and any alert (a non-zero EPDS "
                                  "item 10 or PHQ-9 item 9), as JSON."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!hz_cli_parse (cli, context, &argc, &argv))
    return HZ_CLI_EXIT_USAGE;

  if (argc < 2)
    {
      hz_cli_usage_error ("score", _("No scale given: epds, phq9 or gad7"));
      return HZ_CLI_EXIT_USAGE;
    }
  if (!hz_scale_from_string (argv[1], &scale))
    {
      g_autofree char *message = g_strdup_printf (_("Unknown scale “%s”: epds, phq9 or gad7"), argv[1]);

      hz_cli_usage_error ("score", message);
      return HZ_CLI_EXIT_USAGE;
    }
  if (!hz_cli_check_no_arguments ("score", argc - 1, argv + 1))
    return HZ_CLI_EXIT_USAGE;
  if (!require ("score", answers_text, _("No answers given: use --answers A1,A2,…")))
    return HZ_CLI_EXIT_USAGE;

  parts = g_strsplit (answers_text, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      gint64 value = 0;

      if (!g_ascii_string_to_signed (g_strstrip (parts[i]), 10, G_MININT, G_MAXINT, &value, NULL))
        {
          /* Translators: the scale, the item's number, then what was given */
          g_autofree char *message =
            g_strdup_printf (_("%s item %u: “%s” is not an answer: give the position of the "
                               "chosen answer, 0–3"),
                             hz_scale_get_name (scale), i + 1, parts[i]);

          value_error ("score", message);
          return HZ_CLI_EXIT_INPUT;
        }
      g_array_append_val (answers, (int) { value });
    }

  if (!hz_scale_score (scale, (const int *) answers->data, answers->len, &result, &error))
    {
      value_error ("score", error->message);
      return HZ_CLI_EXIT_INPUT;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "total");
  json_builder_add_int_value (builder, result.total);
  hz_cli_json_add_string (builder, "band", hz_scale_band_to_string (result.band));
  json_builder_set_member_name (builder, "alerts");
  json_builder_begin_array (builder);
  if (result.alerts & HZ_SCALE_ALERT_SELF_HARM)
    json_builder_add_string_value (builder, hz_scale_alert_to_string (HZ_SCALE_ALERT_SELF_HARM));
  json_builder_end_array (builder);
  hz_cli_json_add_string (builder, "source", result.source);
  print_object (builder);

  return HZ_CLI_EXIT_OK;
}
