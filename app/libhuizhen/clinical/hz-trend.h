/* hz-trend.h — numeric lab and vital trends: analytes, units, reference lines, hCG doubling
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (HUIZHEN_INSIDE) && !defined (HUIZHEN_COMPILATION)
# error "Only <huizhen.h> can be included directly."
#endif

#include <glib.h>

#include "hz-thresholds.h"

G_BEGIN_DECLS

typedef enum {
  HZ_ANALYTE_HCG,              /* LOINC 21198-7, mIU/mL, log scale */
  HZ_ANALYTE_PROGESTERONE,     /* LOINC 2839-9, ng/mL */
  HZ_ANALYTE_HAEMOGLOBIN,      /* LOINC 718-7, g/L */
  HZ_ANALYTE_BLOOD_PRESSURE,   /* LOINC 85354-9 (8480-6 / 8462-4), mmHg */
  HZ_ANALYTE_WEIGHT,           /* LOINC 29463-7, kg */
  HZ_ANALYTE_FASTING_GLUCOSE,  /* LOINC 1558-6, mmol/L */
  HZ_N_ANALYTES
} HzAnalyte;

typedef enum {
  HZ_REFERENCE_LOWER,          /* values below the line need attention */
  HZ_REFERENCE_UPPER,          /* values at or above the line need attention */
  HZ_REFERENCE_GUIDE,          /* a line to read values against (no alarm) */
} HzReferenceKind;

/* A line drawn for one entry of the thresholds table (hz-thresholds.h). */
typedef struct
{
  HzReferenceKind kind;        /* LOWER/UPPER by the comparator; GUIDE when it raises no alarm */
  double          value;       /* in the analyte's unit */
  const char     *label;       /* translated, e.g. "Haemoglobin < 110 g/L" */
  const char     *source;      /* translated guideline, or NULL */
  HzThresholdId   threshold;   /* the entry it is drawn for */
} HzReferenceLine;

/* "hcg", "progesterone", "haemoglobin", "blood-pressure", "weight", "fasting-glucose" */
const char  *hz_analyte_to_string         (HzAnalyte analyte);
gboolean     hz_analyte_from_string       (const char *str,
                                           HzAnalyte  *analyte);
/* By LOINC code (also the systolic/diastolic component codes). */
gboolean     hz_analyte_from_loinc        (const char *code,
                                           HzAnalyte  *analyte);
const char  *hz_analyte_get_loinc         (HzAnalyte analyte);
const char  *hz_analyte_get_display_name  (HzAnalyte analyte);   /* translated */
/* The unit values are shown in, for display: "mIU/mL", "g/L", "mmHg"... */
const char  *hz_analyte_get_unit          (HzAnalyte analyte);
gboolean     hz_analyte_is_log_scale      (HzAnalyte analyte);
/* Reference lines to draw, in the analyte's unit, from the thresholds
 * table: haemoglobin 110 g/L, blood pressure 140/90 mmHg, fasting glucose
 * 5.1 and 7.0 mmol/L, progesterone 5 and 25 ng/mL. (array length=n_lines) */
const HzReferenceLine *hz_analyte_get_reference_lines (HzAnalyte  analyte,
                                                       guint     *n_lines);

/* Converts @value given in @unit (UCUM code or the usual display, e.g.
 * "g/dL", "IU/L", "mg/dL", "nmol/L", "lb", "mm[Hg]"; NULL or "" means the
 * analyte's own unit) to the analyte's unit. FALSE when the unit is not
 * one it knows; @out is then untouched. */
gboolean     hz_analyte_convert           (HzAnalyte   analyte,
                                           double      value,
                                           const char *unit,
                                           double     *out);

/* Doubling time in hours between (@t1, @v1) and (@t2, @v2), times in
 * microseconds (GDateTime / g_get_real_time scale). Negative when the values
 * fall: its absolute value is then the halving time. FALSE when it cannot
 * be computed: a value <= 0, equal values, or @t2 <= @t1. */
gboolean     hz_trend_doubling_time       (gint64  t1,
                                           double  v1,
                                           gint64  t2,
                                           double  v2,
                                           double *hours);

G_END_DECLS
