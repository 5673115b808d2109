/* hz-trend-chart.c — a small chart of one numeric series against gestational age
 *
 * x is GA (weeks) when every point has one, else the calendar date; y the
 * value in the analyte's unit (log scale for hCG), with the analyte's
 * reference lines (hz_analyte_get_reference_lines: entries of the
 * thresholds table) and the area beyond them tinted; the lines' sources
 * are named under the title, and a point beyond a line is drawn in the
 * alarm colour, its tooltip naming the threshold and its source. Blood
 * pressure draws systolic and diastolic. Values in a unit the program does
 * not know are plotted as recorded and the chart says so.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-timeline"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include <hz-ui.h>

#include "hz-trend-chart.h"

#define PAD_LEFT    52
#define PAD_RIGHT   16
#define PAD_TOP     48
#define PAD_BOTTOM  24
#define POINT_R     3.5

struct _HzTrendChart
{
  GtkWidget            parent_instance;

  GPtrArray           *owner;
  const HzTrendSeries *series;
  char                *title;
  char                *note;

  gboolean             by_ga;       /* x in GA days, else julian days */
  gboolean             log_scale;
  double               x_min, x_max;
  double               y_min, y_max; /* in plot space (log10 when log_scale) */
};

G_DEFINE_FINAL_TYPE (HzTrendChart, hz_trend_chart, GTK_TYPE_WIDGET)

enum {
  ACTIVATE_REFERENCE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];


static double
point_x (HzTrendChart       *self,
         const HzTrendPoint *p)
{
  return self->by_ga ? p->ga_days : (double) p->julian;
}

static double
plot_y (HzTrendChart *self,
        double        value)
{
  if (self->log_scale)
    return value > 0 ? log10 (value) : NAN;
  return value;
}

static void
compute_ranges (HzTrendChart *self)
{
  const HzTrendSeries *s = self->series;
  const HzReferenceLine *lines;
  guint n_lines;
  double lo = INFINITY, hi = -INFINITY;

  self->log_scale = hz_analyte_is_log_scale (s->analyte);

  self->by_ga = TRUE;
  for (guint i = 0; i < s->points->len; i++)
    if (!g_array_index (s->points, HzTrendPoint, i).has_ga)
      self->by_ga = FALSE;

  self->x_min = INFINITY;
  self->x_max = -INFINITY;
  for (guint i = 0; i < s->points->len; i++)
    {
      const HzTrendPoint *p = &g_array_index (s->points, HzTrendPoint, i);
      double x = point_x (self, p);
      double v;

      self->x_min = MIN (self->x_min, x);
      self->x_max = MAX (self->x_max, x);
      v = plot_y (self, p->value);
      if (isfinite (v))
        {
          lo = MIN (lo, v);
          hi = MAX (hi, v);
        }
      v = plot_y (self, p->value2);
      if (isfinite (v))
        {
          lo = MIN (lo, v);
          hi = MAX (hi, v);
        }
    }

  /* Reference lines in the analyte's unit only. */
  lines = s->unit_known ? hz_analyte_get_reference_lines (s->analyte, &n_lines) : NULL;
  if (lines == NULL)
    n_lines = 0;
  for (guint i = 0; i < n_lines; i++)
    {
      double v = plot_y (self, lines[i].value);

      if (isfinite (v))
        {
          lo = MIN (lo, v);
          hi = MAX (hi, v);
        }
    }
  if (s->analyte == HZ_ANALYTE_WEIGHT && isfinite (s->baseline))
    {
      lo = MIN (lo, s->baseline);
      hi = MAX (hi, s->baseline);
    }

  if (!isfinite (lo))
    {
      lo = 0;
      hi = 1;
    }

  if (self->log_scale)
    {
      self->y_min = floor (lo);
      self->y_max = MAX (ceil (hi), self->y_min + 1);
    }
  else
    {
      double pad = (hi - lo) * 0.12;

      if (pad <= 0)
        pad = MAX (fabs (hi) * 0.1, 1);
      self->y_min = lo - pad;
      self->y_max = hi + pad;
      if (lo >= 0 && self->y_min < 0)
        self->y_min = 0;
    }

  /* A week (or a week of days) either side, at least two weeks wide */
  self->x_min -= 3;
  self->x_max += 3;
  if (self->x_max - self->x_min < 14)
    {
      double mid = (self->x_min + self->x_max) / 2;

      self->x_min = mid - 7;
      self->x_max = mid + 7;
    }
}

static char *
format_value (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (fabs (value) >= 100 || value == floor (value))
    return g_strdup_printf ("%.0f", value);
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.3g", value));
}

static void
build_texts (HzTrendChart *self)
{
  const HzTrendSeries *s = self->series;
  GString *note = g_string_new (NULL);
  const HzReferenceLine *lines;
  guint n_lines = 0;
  double hours;

  if (s->unit_known)
    {
      g_autofree char *unit = hz_fhir_unit_get_display (s->unit);

      /* Translators: a chart's title: the analyte and its unit, "血红蛋白（g/L）" */
      self->title = g_strdup_printf (_("%s (%s)"), hz_analyte_get_display_name (s->analyte), unit);
    }
  else
    /* Translators: chart title of values in a unit the program does not know */
    self->title = g_strdup_printf (_("%s (%s, unit not recognised)"), hz_analyte_get_display_name (s->analyte), s->unit);

  if (s->analyte == HZ_ANALYTE_HCG && hz_trend_series_last_doubling (s, &hours))
    {
      if (hours > 0)
        /* Translators: hCG doubling time between the last two values: "最近倍增时间 46 小时" */
        g_string_append_printf (note, _("Latest doubling time %.0f h"), hours);
      else
        /* Translators: hCG falling: time to halve, "下降，减半时间 30 小时" */
        g_string_append_printf (note, _("Falling: halving time %.0f h"), -hours);
      if (s->points->len > 2)
        {
          const HzTrendPoint *first = &g_array_index (s->points, HzTrendPoint, 0);
          const HzTrendPoint *second = &g_array_index (s->points, HzTrendPoint, 1);
          double early;

          if (hz_trend_doubling_time (first->time, first->value, second->time, second->value, &early) && early > 0)
            /* Translators: the first interval's hCG doubling time: "首次倍增时间 46 小时" */
            g_string_append_printf (note, _(" · first %.0f h"), early);
        }
    }

  if (s->analyte == HZ_ANALYTE_WEIGHT && isfinite (s->baseline) && s->points->len > 0)
    {
      const HzTrendPoint *last = &g_array_index (s->points, HzTrendPoint, s->points->len - 1);
      g_autofree char *base = format_value (s->baseline);
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      if (note->len > 0)
        g_string_append (note, " · ");
      /* Translators: weight gain since the pre-pregnancy weight: "孕前 54 kg，增重 +5.7 kg" */
      g_string_append_printf (note, _("Pre-pregnancy %s kg, gain %s kg"), base,
                              g_ascii_formatd (buf, sizeof buf, "%+.1f", last->value - s->baseline));
    }

  if (!s->unit_known)
    {
      if (note->len > 0)
        g_string_append (note, " · ");
      g_string_append (note, _("Plotted as recorded, without reference lines"));
    }

  if (s->n_undated > 0)
    {
      if (note->len > 0)
        g_string_append (note, " · ");
      g_string_append_printf (note,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%u value without a date not shown",
                                           "%u values without a date not shown",
                                           s->n_undated),
                              s->n_undated);
    }

  if (!self->by_ga && s->points->len > 0)
    {
      if (note->len > 0)
        g_string_append (note, " · ");
      g_string_append (note, _("GA unknown: by date"));
    }

  /* The source of each reference line, once. */
  lines = s->unit_known ? hz_analyte_get_reference_lines (s->analyte, &n_lines) : NULL;
  for (guint i = 0; lines != NULL && i < n_lines; i++)
    {
      gboolean named = FALSE;

      for (guint j = 0; j < i && !named; j++)
        named = g_strcmp0 (lines[j].source, lines[i].source) == 0;
      if (lines[i].source == NULL || named)
        continue;
      if (note->len > 0)
        g_string_append (note, " · ");
      /* Translators: the guideline a chart's reference lines come from, "依据：《…》" */
      g_string_append_printf (note, _("Source: %s"), lines[i].source);
    }

  self->note = g_string_free (note, FALSE);
}

/* --- drawing -------------------------------------------------------------- */

typedef struct
{
  double x0, y0, w, h;
} Plot;

static double
to_px (HzTrendChart *self,
       const Plot   *plot,
       double        x)
{
  return plot->x0 + (x - self->x_min) / (self->x_max - self->x_min) * plot->w;
}

static double
to_py (HzTrendChart *self,
       const Plot   *plot,
       double        y)
{
  return plot->y0 + plot->h - (y - self->y_min) / (self->y_max - self->y_min) * plot->h;
}

/* The most serious reference line a point is beyond (the first of equals),
 * or NULL. Blood pressure: the systolic lines judge @value, the diastolic
 * ones @value2. */
static const HzReferenceLine *
point_alarm (const HzTrendSeries *s,
             double               value,
             double               value2)
{
  const HzReferenceLine *lines;
  const HzReferenceLine *worst = NULL;
  guint n_lines;

  if (!s->unit_known)
    return NULL;
  lines = hz_analyte_get_reference_lines (s->analyte, &n_lines);
  for (guint i = 0; lines != NULL && i < n_lines; i++)
    {
      HzThresholdId id = lines[i].threshold;
      double v = hz_threshold_has_loinc (id, HZ_LOINC_BP_DIASTOLIC) ? value2 : value;

      if (lines[i].kind == HZ_REFERENCE_GUIDE || !hz_threshold_is_met (id, v))
        continue;
      if (worst == NULL || hz_threshold_get (id)->level > hz_threshold_get (worst->threshold)->level)
        worst = &lines[i];
    }
  return worst;
}

static void
draw_series (HzTrendChart  *self,
             cairo_t       *cr,
             const Plot    *plot,
             gboolean       second,
             const GdkRGBA *colour,
             const GdkRGBA *alarm_colour)
{
  const HzTrendSeries *s = self->series;
  gboolean started = FALSE;

  gdk_cairo_set_source_rgba (cr, colour);
  cairo_set_line_width (cr, 2);
  for (guint i = 0; i < s->points->len; i++)
    {
      const HzTrendPoint *p = &g_array_index (s->points, HzTrendPoint, i);
      double v = plot_y (self, second ? p->value2 : p->value);
      double px, py;

      if (!isfinite (v))
        continue;
      px = to_px (self, plot, point_x (self, p));
      py = to_py (self, plot, v);
      if (!started)
        cairo_move_to (cr, px, py);
      else
        cairo_line_to (cr, px, py);
      started = TRUE;
    }
  cairo_stroke (cr);

  for (guint i = 0; i < s->points->len; i++)
    {
      const HzTrendPoint *p = &g_array_index (s->points, HzTrendPoint, i);
      double value = second ? p->value2 : p->value;
      double v = plot_y (self, value);
      gboolean alarm;

      if (!isfinite (v))
        continue;
      alarm = (second ? point_alarm (s, NAN, value) : point_alarm (s, value, NAN)) != NULL;
      gdk_cairo_set_source_rgba (cr, alarm ? alarm_colour : colour);
      cairo_arc (cr, to_px (self, plot, point_x (self, p)), to_py (self, plot, v), POINT_R, 0, 2 * G_PI);
      cairo_fill (cr);
    }
}

static void
draw (HzTrendChart *self,
      cairo_t      *cr,
      int           width,
      int           height)
{
  const HzTrendSeries *s = self->series;
  const HzReferenceLine *lines = NULL;
  guint n_lines = 0;
  HzUiChartColours colours;
  GdkRGBA fg, dim, grid, tint;
  Plot plot;

  hz_ui_chart_get_colours (GTK_WIDGET (self), &colours);
  fg = colours.fg;
  dim = colours.dim;
  grid = colours.grid;
  tint = colours.alarm;
  tint.alpha = 0.08f;

  plot.x0 = PAD_LEFT;
  plot.y0 = PAD_TOP;
  plot.w = MAX (width - PAD_LEFT - PAD_RIGHT, 10);
  plot.h = MAX (height - PAD_TOP - PAD_BOTTOM, 10);

  hz_ui_chart_draw_text (GTK_WIDGET (self), cr, &fg, self->title, 4, 2, 0, 0, FALSE, TRUE, width - 8);
  if (self->note != NULL && *self->note != '\0')
    hz_ui_chart_draw_text (GTK_WIDGET (self), cr, &dim, self->note, 4, 22, 0, 0, TRUE, FALSE, width - 8);

  cairo_save (cr);
  cairo_rectangle (cr, plot.x0, plot.y0, plot.w, plot.h);
  cairo_clip (cr);

  /* Reference lines: tint the side that needs attention */
  if (s->unit_known)
    lines = hz_analyte_get_reference_lines (s->analyte, &n_lines);
  for (guint i = 0; lines != NULL && i < n_lines; i++)
    {
      double py = to_py (self, &plot, plot_y (self, lines[i].value));

      if (lines[i].kind == HZ_REFERENCE_LOWER)
        {
          gdk_cairo_set_source_rgba (cr, &tint);
          cairo_rectangle (cr, plot.x0, py, plot.w, plot.y0 + plot.h - py);
          cairo_fill (cr);
        }
      else if (lines[i].kind == HZ_REFERENCE_UPPER && s->analyte != HZ_ANALYTE_BLOOD_PRESSURE)
        {
          gdk_cairo_set_source_rgba (cr, &tint);
          cairo_rectangle (cr, plot.x0, plot.y0, plot.w, py - plot.y0);
          cairo_fill (cr);
        }
    }
  cairo_restore (cr);

  /* Grid and axis labels: y */
  cairo_set_line_width (cr, 1);
  if (self->log_scale)
    {
      for (double e = self->y_min; e <= self->y_max + 1e-9; e += 1)
        {
          double py = to_py (self, &plot, e);
          g_autofree char *label = g_strdup_printf ("%.0f", pow (10, e));

          gdk_cairo_set_source_rgba (cr, &grid);
          cairo_move_to (cr, plot.x0, py + 0.5);
          cairo_line_to (cr, plot.x0 + plot.w, py + 0.5);
          cairo_stroke (cr);
          hz_ui_chart_draw_text (GTK_WIDGET (self), cr, &dim, label, plot.x0 - 4, py, 1, 0.5, TRUE, FALSE, -1);
        }
    }
  else
    {
      double step = hz_ui_chart_nice_step (self->y_max - self->y_min, 5);

      for (double v = ceil (self->y_min / step) * step; v <= self->y_max + 1e-9; v += step)
        {
          double py = to_py (self, &plot, v);
          g_autofree char *label = format_value (fabs (v) < step / 1000 ? 0 : v);

          gdk_cairo_set_source_rgba (cr, &grid);
          cairo_move_to (cr, plot.x0, py + 0.5);
          cairo_line_to (cr, plot.x0 + plot.w, py + 0.5);
          cairo_stroke (cr);
          hz_ui_chart_draw_text (GTK_WIDGET (self), cr, &dim, label, plot.x0 - 4, py, 1, 0.5, TRUE, FALSE, -1);
        }
    }

  /* x: weeks of GA, or dates */
  {
    double step = self->by_ga ? MAX (7, hz_ui_chart_nice_step ((self->x_max - self->x_min) / 7, 5) * 7)
                              : MAX (1, hz_ui_chart_nice_step (self->x_max - self->x_min, 4));

    for (double x = ceil (self->x_min / step) * step; x <= self->x_max; x += step)
      {
        double px = to_px (self, &plot, x);
        g_autofree char *label = NULL;

        if (self->by_ga)
          /* Translators: a week on a chart's axis, short: "12周" */
          label = g_strdup_printf (_("%dw"), (int) floor (x / 7));
        else
          {
            GDate date;

            g_date_clear (&date, 1);
            if (x < 1 || !g_date_valid_julian ((guint32) x))
              continue;
            g_date_set_julian (&date, (guint32) x);
            label = g_strdup_printf ("%02d-%02d", g_date_get_month (&date), g_date_get_day (&date));
          }

        gdk_cairo_set_source_rgba (cr, &grid);
        cairo_move_to (cr, px + 0.5, plot.y0);
        cairo_line_to (cr, px + 0.5, plot.y0 + plot.h);
        cairo_stroke (cr);
        hz_ui_chart_draw_text (GTK_WIDGET (self), cr, &dim, label, px, plot.y0 + plot.h + 3, 0.5, 0, TRUE, FALSE, -1);
      }
  }

  /* Reference lines and their labels */
  for (guint i = 0; lines != NULL && i < n_lines; i++)
    {
      double py = to_py (self, &plot, plot_y (self, lines[i].value));
      const double dash[] = { 4, 3 };
      const GdkRGBA *colour = lines[i].kind == HZ_REFERENCE_GUIDE ? &colours.guide : &colours.alarm;

      if (py < plot.y0 || py > plot.y0 + plot.h)
        continue;
      gdk_cairo_set_source_rgba (cr, colour);
      cairo_set_dash (cr, dash, 2, 0);
      cairo_move_to (cr, plot.x0, py + 0.5);
      cairo_line_to (cr, plot.x0 + plot.w, py + 0.5);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      hz_ui_chart_draw_text (GTK_WIDGET (self), cr, colour, lines[i].label, plot.x0 + plot.w - 2, py - 1, 1, 1, TRUE, FALSE, plot.w * 0.7);
    }

  /* Pre-pregnancy weight */
  if (s->analyte == HZ_ANALYTE_WEIGHT && isfinite (s->baseline))
    {
      double py = to_py (self, &plot, s->baseline);
      const double dash[] = { 2, 3 };

      gdk_cairo_set_source_rgba (cr, &dim);
      cairo_set_dash (cr, dash, 2, 0);
      cairo_move_to (cr, plot.x0, py + 0.5);
      cairo_line_to (cr, plot.x0 + plot.w, py + 0.5);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      hz_ui_chart_draw_text (GTK_WIDGET (self), cr, &dim, _("Pre-pregnancy"), plot.x0 + 2, py - 1, 0, 1, TRUE, FALSE, -1);
    }

  /* Axes */
  gdk_cairo_set_source_rgba (cr, &dim);
  cairo_move_to (cr, plot.x0 + 0.5, plot.y0);
  cairo_line_to (cr, plot.x0 + 0.5, plot.y0 + plot.h + 0.5);
  cairo_line_to (cr, plot.x0 + plot.w, plot.y0 + plot.h + 0.5);
  cairo_stroke (cr);

  cairo_save (cr);
  cairo_rectangle (cr, plot.x0 - POINT_R - 1, plot.y0 - POINT_R - 1, plot.w + 2 * POINT_R + 2, plot.h + 2 * POINT_R + 2);
  cairo_clip (cr);
  draw_series (self, cr, &plot, FALSE, &colours.line, &colours.alarm);
  if (s->analyte == HZ_ANALYTE_BLOOD_PRESSURE)
    draw_series (self, cr, &plot, TRUE, &colours.line2, &colours.alarm);
  cairo_restore (cr);

  /* hCG: each interval's doubling time along the curve */
  if (s->analyte == HZ_ANALYTE_HCG && s->unit_known)
    for (guint i = 1; i < s->points->len; i++)
      {
        const HzTrendPoint *a = &g_array_index (s->points, HzTrendPoint, i - 1);
        const HzTrendPoint *b = &g_array_index (s->points, HzTrendPoint, i);
        g_autofree char *label = NULL;
        double hours, mx, my;

        if (!hz_trend_doubling_time (a->time, a->value, b->time, b->value, &hours))
          continue;
        /* Translators: doubling time on an hCG chart segment, short: "46小时" */
        label = g_strdup_printf (_("%.0f h"), fabs (hours));
        mx = (to_px (self, &plot, point_x (self, a)) + to_px (self, &plot, point_x (self, b))) / 2;
        my = (to_py (self, &plot, plot_y (self, a->value)) + to_py (self, &plot, plot_y (self, b->value))) / 2;
        hz_ui_chart_draw_text (GTK_WIDGET (self), cr, hours > 0 ? &dim : &colours.alarm, label, mx + 4, my, 0, 1, TRUE, FALSE, -1);
      }
}

static void
hz_trend_chart_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  HzTrendChart *self = HZ_TREND_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (self->series == NULL || width <= 0 || height <= 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw (self, cr, width, height);
  cairo_destroy (cr);
}

static void
hz_trend_chart_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 320;
      *natural = 420;
    }
  else
    {
      *minimum = 200;
      *natural = 240;
    }
}

/* The point nearest to (x, y) within a few pixels */
static const HzTrendPoint *
point_at (HzTrendChart *self,
          double        x,
          double        y)
{
  const HzTrendSeries *s = self->series;
  const HzTrendPoint *best = NULL;
  double best_d = 10 * 10;
  Plot plot;

  plot.x0 = PAD_LEFT;
  plot.y0 = PAD_TOP;
  plot.w = MAX (gtk_widget_get_width (GTK_WIDGET (self)) - PAD_LEFT - PAD_RIGHT, 10);
  plot.h = MAX (gtk_widget_get_height (GTK_WIDGET (self)) - PAD_TOP - PAD_BOTTOM, 10);

  for (guint i = 0; s != NULL && i < s->points->len; i++)
    {
      const HzTrendPoint *p = &g_array_index (s->points, HzTrendPoint, i);
      double values[2] = { p->value, p->value2 };

      for (guint k = 0; k < 2; k++)
        {
          double v = plot_y (self, values[k]);
          double dx, dy;

          if (!isfinite (v))
            continue;
          dx = to_px (self, &plot, point_x (self, p)) - x;
          dy = to_py (self, &plot, v) - y;
          if (dx * dx + dy * dy < best_d)
            {
              best_d = dx * dx + dy * dy;
              best = p;
            }
        }
    }
  return best;
}

static gboolean
hz_trend_chart_query_tooltip (GtkWidget  *widget,
                              int         x,
                              int         y,
                              gboolean    keyboard_mode,
                              GtkTooltip *tooltip)
{
  HzTrendChart *self = HZ_TREND_CHART (widget);
  const HzTrendPoint *p = point_at (self, x, y);
  const HzReferenceLine *alarm;
  g_autofree char *ga = NULL;
  g_autofree char *value = NULL;
  g_autofree char *text = NULL;
  GDate date;

  if (p == NULL)
    return FALSE;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, p->julian);
  ga = p->has_ga ? hz_ga_format (p->ga_days) : g_strdup (_("GA unknown"));
  if (isfinite (p->value) && isfinite (p->value2))
    {
      g_autofree char *a = format_value (p->value);
      g_autofree char *b = format_value (p->value2);

      value = g_strdup_printf ("%s/%s", a, b);
    }
  else
    value = format_value (isfinite (p->value) ? p->value : p->value2);

  text = g_strdup_printf ("%04d-%02d-%02d · %s · %s %s",
                          g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date),
                          ga, value, self->series->unit);
  alarm = point_alarm (self->series, p->value, p->value2);
  if (alarm != NULL)
    {
      g_autofree char *point = g_steal_pointer (&text);

      if (alarm->source != NULL)
        /* Translators: tooltip of a chart point beyond a reference line: the
         * point, the line it crossed, then the line's source */
        text = g_strdup_printf (_("%s\n%s\nSource: %s"), point, alarm->label, alarm->source);
      else
        text = g_strdup_printf ("%s\n%s", point, alarm->label);
    }
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
on_released (GtkGestureClick *gesture,
             int              n_press,
             double           x,
             double           y,
             HzTrendChart    *self)
{
  const HzTrendPoint *p = point_at (self, x, y);

  if (p != NULL && p->reference != NULL)
    g_signal_emit (self, signals[ACTIVATE_REFERENCE], 0, p->reference);
}

static void
hz_trend_chart_dispose (GObject *object)
{
  HzTrendChart *self = (HzTrendChart *)object;

  self->series = NULL;
  g_clear_pointer (&self->owner, g_ptr_array_unref);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->note, g_free);

  G_OBJECT_CLASS (hz_trend_chart_parent_class)->dispose (object);
}

static void
hz_trend_chart_class_init (HzTrendChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hz_trend_chart_dispose;

  widget_class->snapshot = hz_trend_chart_snapshot;
  widget_class->measure = hz_trend_chart_measure;
  widget_class->query_tooltip = hz_trend_chart_query_tooltip;

  signals[ACTIVATE_REFERENCE] =
    g_signal_new ("activate-reference",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_css_name (widget_class, "trendchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
hz_trend_chart_init (HzTrendChart *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  g_signal_connect (click, "released", G_CALLBACK (on_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}

GtkWidget *
hz_trend_chart_new (GPtrArray           *owner,
                    const HzTrendSeries *series)
{
  HzTrendChart *self;
  g_autofree char *label = NULL;

  g_return_val_if_fail (owner != NULL, NULL);
  g_return_val_if_fail (series != NULL, NULL);

  self = g_object_new (HZ_TYPE_TREND_CHART, NULL);
  self->owner = g_ptr_array_ref (owner);
  self->series = series;
  compute_ranges (self);
  build_texts (self);

  label = *self->note != '\0' ? g_strdup_printf ("%s. %s", self->title, self->note) : g_strdup (self->title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  return GTK_WIDGET (self);
}

const HzTrendSeries *
hz_trend_chart_get_series (HzTrendChart *self)
{
  g_return_val_if_fail (HZ_IS_TREND_CHART (self), NULL);

  return self->series;
}

const char *
hz_trend_chart_get_note (HzTrendChart *self)
{
  g_return_val_if_fail (HZ_IS_TREND_CHART (self), NULL);

  return self->note;
}
