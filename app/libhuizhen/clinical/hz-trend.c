/* hz-trend.c — numeric lab and vital trends
 *
 * Reference lines are entries of the thresholds table (hz-thresholds.c),
 * which holds their values and sources: haemoglobin < 110 g/L, blood
 * pressure 140/90 mmHg, fasting glucose 5.1 mmol/L (GDM on a 75 g OGTT at
 * 24–28 weeks, else raised) and 7.0 mmol/L (possible pre-existing
 * diabetes), progesterone < 5 / >= 25 ng/mL.
 * hCG is drawn on a log scale with its doubling time between measurements:
 *   Td = Δt · ln 2 / ln (v2 / v1).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-clinical"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "huizhen.h"

typedef struct
{
  const char *unit;
  double      factor;
} UnitFactor;

typedef struct
{
  const char          *id;
  const char          *loinc;
  const char          *display_name;
  const char          *unit;
  gboolean             log_scale;
  const UnitFactor    *units;
  const HzThresholdId *lines;
  guint                n_lines;
} AnalyteInfo;

static const UnitFactor hcg_units[] = {
  { "miu/ml", 1 }, { "m[iu]/ml", 1 }, { "iu/l", 1 }, { "[iu]/l", 1 },
  { "u/l", 1 }, { "iu/ml", 1000 }, { "[iu]/ml", 1000 }, { NULL, 0 }
};
static const UnitFactor progesterone_units[] = {
  { "ng/ml", 1 }, { "ug/l", 1 }, { "µg/l", 1 }, { "μg/l", 1 },
  { "nmol/l", 1 / 3.18 }, { NULL, 0 }
};
static const UnitFactor haemoglobin_units[] = {
  { "g/l", 1 }, { "g/dl", 10 }, { "mg/ml", 1 }, { "mmol/l", 16.11 }, { NULL, 0 }
};
static const UnitFactor pressure_units[] = {
  { "mm[hg]", 1 }, { "mmhg", 1 }, { "mm hg", 1 }, { "kpa", 7.50062 }, { NULL, 0 }
};
static const UnitFactor weight_units[] = {
  { "kg", 1 }, { "公斤", 1 }, { "g", 0.001 }, { "[lb_av]", 0.45359237 },
  { "lb", 0.45359237 }, { "lbs", 0.45359237 }, { "斤", 0.5 }, { NULL, 0 }
};
static const UnitFactor glucose_units[] = {
  { "mmol/l", 1 }, { "mg/dl", 1 / 18.016 }, { NULL, 0 }
};

static const HzThresholdId progesterone_lines[] = {
  HZ_THRESHOLD_PROGESTERONE_LOW, HZ_THRESHOLD_PROGESTERONE_VIABLE,
};
static const HzThresholdId haemoglobin_lines[] = {
  HZ_THRESHOLD_ANAEMIA,
};
static const HzThresholdId pressure_lines[] = {
  HZ_THRESHOLD_BP_SYSTOLIC, HZ_THRESHOLD_BP_DIASTOLIC,
};
static const HzThresholdId glucose_lines[] = {
  HZ_THRESHOLD_GDM_FASTING, HZ_THRESHOLD_PGDM_FASTING,
};

static const AnalyteInfo analytes[HZ_N_ANALYTES] = {
  [HZ_ANALYTE_HCG] = { "hcg", HZ_LOINC_HCG, N_("β-hCG"), "mIU/mL", TRUE,
                       hcg_units, NULL, 0 },
  [HZ_ANALYTE_PROGESTERONE] = { "progesterone", HZ_LOINC_PROGESTERONE, N_("Progesterone"), "ng/mL", FALSE,
                                progesterone_units, progesterone_lines, G_N_ELEMENTS (progesterone_lines) },
  [HZ_ANALYTE_HAEMOGLOBIN] = { "haemoglobin", HZ_LOINC_HAEMOGLOBIN, N_("Haemoglobin"), "g/L", FALSE,
                               haemoglobin_units, haemoglobin_lines, G_N_ELEMENTS (haemoglobin_lines) },
  [HZ_ANALYTE_BLOOD_PRESSURE] = { "blood-pressure", HZ_LOINC_BP_PANEL, N_("Blood pressure"), "mmHg", FALSE,
                                  pressure_units, pressure_lines, G_N_ELEMENTS (pressure_lines) },
  [HZ_ANALYTE_WEIGHT] = { "weight", HZ_LOINC_BODY_WEIGHT, N_("Weight"), "kg", FALSE,
                          weight_units, NULL, 0 },
  [HZ_ANALYTE_FASTING_GLUCOSE] = { "fasting-glucose", HZ_LOINC_FASTING_GLUCOSE, N_("Fasting glucose"), "mmol/L", FALSE,
                                   glucose_units, glucose_lines, G_N_ELEMENTS (glucose_lines) },
};

#define ANALYTE_IS_VALID(a) ((guint) (a) < HZ_N_ANALYTES)

const char *
hz_analyte_to_string (HzAnalyte analyte)
{
  g_return_val_if_fail (ANALYTE_IS_VALID (analyte), NULL);

  return analytes[analyte].id;
}

gboolean
hz_analyte_from_string (const char *str,
                        HzAnalyte  *analyte)
{
  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < HZ_N_ANALYTES; i++)
    if (g_str_equal (str, analytes[i].id))
      {
        if (analyte != NULL)
          *analyte = i;
        return TRUE;
      }
  return FALSE;
}

gboolean
hz_analyte_from_loinc (const char *code,
                       HzAnalyte  *analyte)
{
  if (code == NULL)
    return FALSE;

  if (g_str_equal (code, HZ_LOINC_BP_SYSTOLIC) || g_str_equal (code, HZ_LOINC_BP_DIASTOLIC))
    {
      if (analyte != NULL)
        *analyte = HZ_ANALYTE_BLOOD_PRESSURE;
      return TRUE;
    }

  for (guint i = 0; i < HZ_N_ANALYTES; i++)
    if (g_str_equal (code, analytes[i].loinc))
      {
        if (analyte != NULL)
          *analyte = i;
        return TRUE;
      }
  return FALSE;
}

const char *
hz_analyte_get_loinc (HzAnalyte analyte)
{
  g_return_val_if_fail (ANALYTE_IS_VALID (analyte), NULL);

  return analytes[analyte].loinc;
}

const char *
hz_analyte_get_display_name (HzAnalyte analyte)
{
  g_return_val_if_fail (ANALYTE_IS_VALID (analyte), NULL);

  return g_dgettext (GETTEXT_PACKAGE, analytes[analyte].display_name);
}

const char *
hz_analyte_get_unit (HzAnalyte analyte)
{
  g_return_val_if_fail (ANALYTE_IS_VALID (analyte), NULL);

  return analytes[analyte].unit;
}

gboolean
hz_analyte_is_log_scale (HzAnalyte analyte)
{
  g_return_val_if_fail (ANALYTE_IS_VALID (analyte), FALSE);

  return analytes[analyte].log_scale;
}

static void
reference_line_init (HzReferenceLine *line,
                     HzThresholdId    id)
{
  const HzThreshold *threshold = hz_threshold_get (id);
  g_autofree char *label = hz_threshold_format (id);

  if (threshold->level == HZ_THRESHOLD_LEVEL_NORMAL)
    line->kind = HZ_REFERENCE_GUIDE;
  else if (threshold->comparator == HZ_COMPARE_LT || threshold->comparator == HZ_COMPARE_LE)
    line->kind = HZ_REFERENCE_LOWER;
  else
    line->kind = HZ_REFERENCE_UPPER;
  line->value = threshold->value;
  /* Kept for the life of the process, as the translated lines are. */
  line->label = g_intern_string (label);
  line->source = hz_threshold_get_source (id);
  line->threshold = id;
}

/**
 * hz_analyte_get_reference_lines:
 * @analyte: an analyte
 * @n_lines: (out): number of lines
 *
 * The lines are entries of the thresholds table, labelled and sourced in
 * the current language.
 *
 * Returns: (array length=n_lines) (transfer none): the reference lines
 */
const HzReferenceLine *
hz_analyte_get_reference_lines (HzAnalyte  analyte,
                                guint     *n_lines)
{
  static HzReferenceLine *translated[HZ_N_ANALYTES];

  g_return_val_if_fail (ANALYTE_IS_VALID (analyte), NULL);
  g_return_val_if_fail (n_lines != NULL, NULL);

  *n_lines = analytes[analyte].n_lines;
  if (*n_lines == 0)
    return NULL;

  if (g_once_init_enter (&translated[analyte]))
    {
      HzReferenceLine *lines = g_new (HzReferenceLine, *n_lines);

      for (guint i = 0; i < *n_lines; i++)
        reference_line_init (&lines[i], analytes[analyte].lines[i]);
      g_once_init_leave (&translated[analyte], lines);
    }

  return translated[analyte];
}

gboolean
hz_analyte_convert (HzAnalyte   analyte,
                    double      value,
                    const char *unit,
                    double     *out)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (ANALYTE_IS_VALID (analyte), FALSE);

  if (!isfinite (value))
    return FALSE;

  if (unit == NULL || *unit == '\0')
    {
      if (out != NULL)
        *out = value;
      return TRUE;
    }

  key = g_ascii_strdown (unit, -1);
  g_strstrip (key);

  for (const UnitFactor *f = analytes[analyte].units; f->unit != NULL; f++)
    if (g_str_equal (key, f->unit))
      {
        if (out != NULL)
          *out = value * f->factor;
        return TRUE;
      }

  return FALSE;
}

gboolean
hz_trend_doubling_time (gint64  t1,
                        double  v1,
                        gint64  t2,
                        double  v2,
                        double *hours)
{
  double ratio, dt_hours;

  if (!(v1 > 0) || !(v2 > 0) || !isfinite (v1) || !isfinite (v2))
    return FALSE;
  if (t2 <= t1 || v1 == v2)
    return FALSE;

  ratio = log (v2 / v1);
  dt_hours = (double) (t2 - t1) / G_TIME_SPAN_HOUR;

  if (hours != NULL)
    *hours = dt_hours * G_LN2 / ratio;
  return TRUE;
}
