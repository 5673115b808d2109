/* hz-trend-series.c — numeric observations of a case as series
 *
 * Values are converted to the analyte's unit (hz_analyte_convert); values
 * in a unit it does not know are not guessed at: they make a series of
 * their own, plotted and labelled in that unit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-timeline"

#include "config.h"

#include <math.h>

#include "hz-trend-series.h"

static void
point_clear (gpointer data)
{
  HzTrendPoint *point = data;

  g_clear_pointer (&point->reference, g_free);
}

void
hz_trend_series_free (HzTrendSeries *series)
{
  if (series == NULL)
    return;

  g_clear_pointer (&series->unit, g_free);
  g_clear_pointer (&series->points, g_array_unref);
  g_free (series);
}

static HzTrendSeries *
series_new (HzAnalyte   analyte,
            const char *unit,
            gboolean    unit_known)
{
  HzTrendSeries *series = g_new0 (HzTrendSeries, 1);

  series->analyte = analyte;
  series->unit = g_strdup (unit);
  series->unit_known = unit_known;
  series->points = g_array_new (FALSE, TRUE, sizeof (HzTrendPoint));
  g_array_set_clear_func (series->points, point_clear);
  series->baseline = NAN;
  return series;
}

/* The unit of a Quantity: its display, else its UCUM code; for labels */
static const char *
quantity_unit (const HzJv *quantity)
{
  const char *unit = hz_jv_get_string (quantity, "unit");

  return unit != NULL ? unit : hz_jv_get_string (quantity, "code");
}

static gboolean
quantity_value (const HzJv  *quantity,
                double      *value,
                const char **unit)
{
  if (!hz_jv_get_double (hz_jv_get (quantity, "value"), value))
    return FALSE;

  /* For labelling only: convert() tries both the code and the display. */
  *unit = quantity_unit (quantity);
  return TRUE;
}

/* Converts, trying the UCUM code and then the display unit. */
static gboolean
convert (HzAnalyte    analyte,
         const HzJv  *quantity,
         double       value,
         double      *out,
         const char **unit_out)
{
  const char *members[] = { "code", "unit" };

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      const char *unit = hz_jv_get_string (quantity, members[i]);

      if (unit != NULL && hz_analyte_convert (analyte, value, unit, out))
        return TRUE;
    }

  /* No unit at all: take it as the analyte's own. */
  if (hz_jv_get (quantity, "code") == NULL && hz_jv_get (quantity, "unit") == NULL)
    {
      *out = value;
      return TRUE;
    }

  *unit_out = quantity_unit (quantity);
  return FALSE;
}

typedef struct
{
  GHashTable     *by_key;     /* "analyte|unit" → HzTrendSeries (owned by @all) */
  GPtrArray      *all;
  const HzDating *dating;
} Collector;

static HzTrendSeries *
lookup_series (Collector   *c,
               HzAnalyte    analyte,
               gboolean     known,
               const char  *unit)
{
  g_autofree char *key = g_strdup_printf ("%d|%s", analyte, known ? "" : (unit ? unit : "?"));
  HzTrendSeries *series = g_hash_table_lookup (c->by_key, key);

  if (series == NULL)
    {
      series = series_new (analyte,
                           known ? hz_analyte_get_unit (analyte) : (unit != NULL && *unit ? unit : "?"),
                           known);
      g_ptr_array_add (c->all, series);
      g_hash_table_insert (c->by_key, g_steal_pointer (&key), series);
    }
  return series;
}

static void
add_point (Collector     *c,
           HzTrendSeries *series,
           HzResource    *resource,
           double         value,
           double         value2)
{
  GDateTime *date = hz_resource_get_date (resource);
  HzTrendPoint point = { 0 };
  GDate day;

  if (!hz_resource_get_day (resource, &day))
    {
      series->n_undated++;
      return;
    }

  point.time = g_date_time_to_unix (date) * G_USEC_PER_SEC + g_date_time_get_microsecond (date);
  point.julian = g_date_get_julian (&day);
  point.has_ga = hz_dating_ga_at (c->dating, &day, &point.ga_days);
  point.value = value;
  point.value2 = value2;
  point.reference = g_strdup (hz_resource_get_reference (resource));
  g_array_append_val (series->points, point);
}

static void
add_quantity (Collector     *c,
              HzAnalyte      analyte,
              HzResource    *resource,
              const HzJv    *quantity,
              gboolean       second)
{
  const char *unit = NULL;
  double raw, value;
  gboolean known;
  HzTrendSeries *series;

  if (!quantity_value (quantity, &raw, &unit))
    return;

  known = convert (analyte, quantity, raw, &value, &unit);
  if (!known)
    value = raw;

  series = lookup_series (c, analyte, known, unit);
  if (second)
    add_point (c, series, resource, NAN, value);
  else
    add_point (c, series, resource, value, NAN);
}

static void
add_blood_pressure_panel (Collector  *c,
                          HzResource *resource,
                          const HzJv *json)
{
  const HzJv *systolic = NULL, *diastolic = NULL;
  const char *unit = NULL;
  double sys = NAN, dia = NAN, raw;
  gboolean known = TRUE;

  for (const HzJv *component = hz_jv_get_first (hz_jv_get_array (json, "component"));
       component != NULL; component = hz_jv_get_next (component))
    {
      const char *code = hz_fhir_jv_get_concept_code (component, "code", NULL);

      if (g_strcmp0 (code, HZ_LOINC_BP_SYSTOLIC) == 0)
        systolic = hz_jv_get_object (component, "valueQuantity");
      else if (g_strcmp0 (code, HZ_LOINC_BP_DIASTOLIC) == 0)
        diastolic = hz_jv_get_object (component, "valueQuantity");
    }

  if (systolic != NULL && quantity_value (systolic, &raw, &unit))
    {
      if (!convert (HZ_ANALYTE_BLOOD_PRESSURE, systolic, raw, &sys, &unit))
        {
          known = FALSE;
          sys = raw;
        }
    }
  if (diastolic != NULL && quantity_value (diastolic, &raw, &unit))
    {
      const char *unit2 = unit;

      if (!convert (HZ_ANALYTE_BLOOD_PRESSURE, diastolic, raw, &dia, &unit2))
        {
          known = FALSE;
          dia = raw;
          unit = unit2;
        }
    }

  if (isnan (sys) && isnan (dia))
    return;

  add_point (c, lookup_series (c, HZ_ANALYTE_BLOOD_PRESSURE, known, unit), resource, sys, dia);
}

static int
compare_points (gconstpointer a,
                gconstpointer b)
{
  const HzTrendPoint *x = a, *y = b;

  return x->time < y->time ? -1 : x->time > y->time;
}

static int
compare_series (gconstpointer a,
                gconstpointer b)
{
  const HzTrendSeries *x = *(HzTrendSeries * const *) a;
  const HzTrendSeries *y = *(HzTrendSeries * const *) b;

  if (x->analyte != y->analyte)
    return (int) x->analyte - (int) y->analyte;
  if (x->unit_known != y->unit_known)
    return x->unit_known ? -1 : 1;
  return g_strcmp0 (x->unit, y->unit);
}

GPtrArray *
hz_trend_series_collect (HzCase         *kase,
                         const HzDating *dating)
{
  Collector c;
  GListModel *observations;
  double baseline = NAN;

  g_return_val_if_fail (HZ_IS_CASE (kase), NULL);
  g_return_val_if_fail (dating != NULL, NULL);

  c.by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  c.all = g_ptr_array_new_with_free_func ((GDestroyNotify) hz_trend_series_free);
  c.dating = dating;

  observations = hz_case_get_resources (kase, "Observation");
  for (guint i = 0, n = g_list_model_get_n_items (observations); i < n; i++)
    {
      g_autoptr(HzResource) resource = g_list_model_get_item (observations, i);
      const HzJv *json = hz_resource_get_value (resource);
      const char *code = hz_resource_get_loinc_code (resource);
      HzAnalyte analyte;

      if (code == NULL)
        code = hz_fhir_jv_get_concept_code (json, "code", NULL);
      if (code == NULL)
        continue;

      if (g_str_equal (code, HZ_LOINC_PREPREG_WEIGHT))
        {
          const HzJv *quantity = hz_jv_get_object (json, "valueQuantity");
          const char *unit = NULL;
          double raw, kg;

          if (quantity_value (quantity, &raw, &unit) &&
              convert (HZ_ANALYTE_WEIGHT, quantity, raw, &kg, &unit))
            baseline = kg;
          continue;
        }

      if (!hz_analyte_from_loinc (code, &analyte))
        continue;

      if (g_str_equal (code, HZ_LOINC_BP_PANEL))
        add_blood_pressure_panel (&c, resource, json);
      else if (g_str_equal (code, HZ_LOINC_BP_DIASTOLIC))
        add_quantity (&c, analyte, resource, hz_jv_get_object (json, "valueQuantity"), TRUE);
      else
        add_quantity (&c, analyte, resource, hz_jv_get_object (json, "valueQuantity"), FALSE);
    }

  /* Only series with something to plot. */
  for (guint i = c.all->len; i > 0; i--)
    {
      HzTrendSeries *series = g_ptr_array_index (c.all, i - 1);

      if (series->points->len == 0)
        g_ptr_array_remove_index (c.all, i - 1);
      else
        {
          g_array_sort (series->points, compare_points);
          if (series->analyte == HZ_ANALYTE_WEIGHT && series->unit_known)
            series->baseline = baseline;
        }
    }

  g_ptr_array_sort (c.all, compare_series);
  g_hash_table_unref (c.by_key);
  return c.all;
}

gboolean
hz_trend_series_last_doubling (const HzTrendSeries *series,
                               double              *hours)
{
  const HzTrendPoint *last = NULL, *before = NULL;

  g_return_val_if_fail (series != NULL, FALSE);

  for (guint i = series->points->len; i > 0; i--)
    {
      const HzTrendPoint *p = &g_array_index (series->points, HzTrendPoint, i - 1);

      if (!(p->value > 0))
        continue;
      if (last == NULL)
        last = p;
      else if (p->time < last->time)
        {
          before = p;
          break;
        }
    }

  if (last == NULL || before == NULL)
    return FALSE;
  return hz_trend_doubling_time (before->time, before->value, last->time, last->value, hours);
}

gboolean
hz_trend_series_get_range (const HzTrendSeries *series,
                           double              *min,
                           double              *max)
{
  double lo = INFINITY, hi = -INFINITY;

  g_return_val_if_fail (series != NULL, FALSE);

  for (guint i = 0; i < series->points->len; i++)
    {
      const HzTrendPoint *p = &g_array_index (series->points, HzTrendPoint, i);

      if (isfinite (p->value))
        {
          lo = MIN (lo, p->value);
          hi = MAX (hi, p->value);
        }
      if (isfinite (p->value2))
        {
          lo = MIN (lo, p->value2);
          hi = MAX (hi, p->value2);
        }
    }

  if (!isfinite (lo))
    return FALSE;
  if (min != NULL)
    *min = lo;
  if (max != NULL)
    *max = hi;
  return TRUE;
}
