/* hz-gwg-chart.c — the WS/T 801-2022 weight-gain chart: the band of her BMI class and her weights
 *
 * x is GA in weeks, 0–40 (further when a weight is later); y the gain in
 * kg over the pre-pregnancy weight. The band is hz_gwg_band_outline() of
 * her class (0–2 kg to 13+6, then the weekly range), the total range of
 * the standard a bar at 40 weeks. Each weight is a point: within the band
 * a circle, above a triangle pointing up in the alarm colour, below one
 * pointing down in the warning colour (shape and colour, never colour
 * alone); the weekly gain between the last two is written beside the
 * last. Each point's text (GA, weight, gain, status) is its tooltip and a
 * line of the accessible description. Drawn in the style of the
 * timeline's trend charts (hz-ui-chart.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-nutrition"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "hz-gwg-chart.h"

#define PAD_LEFT    52
#define PAD_RIGHT   20
#define PAD_TOP     44
#define PAD_BOTTOM  40
#define POINT_R     4.5
#define X_MAX_DAYS  (40 * 7)

struct _HzGwgChart
{
  GtkWidget               parent_instance;

  const HzWeightGainBand *band;
  GArray                 *points;    /* HzGwgPoint, all of the case's weights */
  GPtrArray              *plotted;   /* HzGwgPoint* into points: judged, oldest first */

  char                   *summary;   /* every point's text, a line each: the accessible description */

  double                  x_max;     /* days */
  double                  y_min, y_max;  /* kg */
};

G_DEFINE_FINAL_TYPE (HzGwgChart, hz_gwg_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_N_POINTS,
  PROP_SUMMARY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  double x0, y0, w, h;
} Plot;

static void
get_plot (HzGwgChart *self,
          Plot       *plot)
{
  plot->x0 = PAD_LEFT;
  plot->y0 = PAD_TOP;
  plot->w = MAX (gtk_widget_get_width (GTK_WIDGET (self)) - PAD_LEFT - PAD_RIGHT, 10);
  plot->h = MAX (gtk_widget_get_height (GTK_WIDGET (self)) - PAD_TOP - PAD_BOTTOM, 10);
}

static double
to_px (HzGwgChart *self,
       const Plot *plot,
       double      days)
{
  return plot->x0 + days / self->x_max * plot->w;
}

static double
to_py (HzGwgChart *self,
       const Plot *plot,
       double      kg)
{
  return plot->y0 + plot->h - (kg - self->y_min) / (self->y_max - self->y_min) * plot->h;
}

static void
compute_ranges (HzGwgChart *self)
{
  double lo = -1, hi = 4;

  self->x_max = X_MAX_DAYS;
  if (self->band != NULL)
    {
      HzGwgBandPoint outline[HZ_GWG_BAND_MAX_POINTS];
      guint n = hz_gwg_band_outline (self->band, X_MAX_DAYS, outline);

      for (guint i = 0; i < n; i++)
        hi = MAX (hi, outline[i].high_g / 1000.0);
      hi = MAX (hi, self->band->total_high_g / 1000.0);
    }
  for (guint i = 0; i < self->plotted->len; i++)
    {
      const HzGwgPoint *p = g_ptr_array_index (self->plotted, i);

      lo = MIN (lo, p->gain_g / 1000.0);
      hi = MAX (hi, p->gain_g / 1000.0);
      self->x_max = MAX (self->x_max, p->ga_days + 7);
    }
  self->y_min = floor (lo - 0.5);
  self->y_max = ceil (hi + 1);
}

/* --- texts ------------------------------------------------------------------ */

static char *
format_range (int low_g,
              int high_g)
{
  g_autofree char *low = hz_calc_format_kg (low_g);
  g_autofree char *high = hz_calc_format_kg (high_g);

  /* Translators: a range of kilograms, "2.3–6.71 kg" */
  return g_strdup_printf (_("%s–%s kg"), low, high);
}

static char *
point_text (const HzGwgPoint *p)
{
  g_autofree char *ga = hz_ga_format (p->ga_days);
  g_autofree char *gain = hz_calc_format_kg (p->gain_g);
  g_autofree char *range = format_range (p->expected_low_g, p->expected_high_g);
  char weight[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (weight, sizeof weight, "%g", p->weight_kg);
  /* Translators: a point of the weight-gain chart: the day, the GA, the
   * weight, the gain, how it reads and the recommended range at that GA:
   * "2026-11-20 · 孕29+5周 · 85.6 kg · 增重 10.6 kg · 增重过多（推荐 2.3–6.71 kg）" */
  return g_strdup_printf (_("%04d-%02d-%02d · %s · %s kg · gain %s kg · %s (recommended %s)"),
                          g_date_get_year (&p->day), g_date_get_month (&p->day), g_date_get_day (&p->day),
                          ga, weight, gain, hz_gwg_status_get_display_name (p->status), range);
}

static void
update_accessible (HzGwgChart *self)
{
  GString *text = g_string_new (NULL);
  int rate;

  for (guint i = 0; i < self->plotted->len; i++)
    {
      g_autofree char *line = point_text (g_ptr_array_index (self->plotted, i));

      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, line);
    }
  if (hz_gwg_chart_get_last_weekly_gain (self, &rate))
    {
      g_autofree char *kg = hz_calc_format_kg (rate);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* Translators: the weekly gain between the last two weights */
      g_string_append_printf (text, _("Latest weekly gain %s kg"), kg);
    }
  if (text->len == 0)
    g_string_append (text, _("No weight to plot"));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Gestational weight gain chart"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text->str,
                                  -1);
  g_free (self->summary);
  self->summary = g_string_free (text, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_POINTS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
}

/* --- drawing ------------------------------------------------------------------ */

/* A circle within the band, a triangle up above it, down below it */
static void
draw_marker (cairo_t     *cr,
             double       x,
             double       y,
             HzGwgStatus  status,
             double       r)
{
  switch (status)
    {
    case HZ_GWG_ABOVE:
      cairo_move_to (cr, x, y - r * 1.3);
      cairo_line_to (cr, x + r * 1.2, y + r * 0.9);
      cairo_line_to (cr, x - r * 1.2, y + r * 0.9);
      cairo_close_path (cr);
      break;
    case HZ_GWG_BELOW:
      cairo_move_to (cr, x, y + r * 1.3);
      cairo_line_to (cr, x + r * 1.2, y - r * 0.9);
      cairo_line_to (cr, x - r * 1.2, y - r * 0.9);
      cairo_close_path (cr);
      break;
    case HZ_GWG_WITHIN:
    default:
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      break;
    }
  cairo_fill (cr);
}

static const GdkRGBA *
status_colour (const HzUiChartColours *c,
               HzGwgStatus             status)
{
  switch (status)
    {
    case HZ_GWG_ABOVE:
      return &c->alarm;
    case HZ_GWG_BELOW:
      return &c->warning;
    case HZ_GWG_WITHIN:
    default:
      return &c->line;
    }
}

static void
draw_band (HzGwgChart             *self,
           cairo_t                *cr,
           const Plot             *plot,
           const HzUiChartColours *c)
{
  HzGwgBandPoint outline[HZ_GWG_BAND_MAX_POINTS];
  guint n = hz_gwg_band_outline (self->band, (int) self->x_max, outline);
  GdkRGBA fill = c->guide;
  double bx;

  fill.alpha = 0.20f;
  for (guint i = 0; i < n; i++)
    {
      double x = to_px (self, plot, outline[i].ga_days);
      double y = to_py (self, plot, outline[i].high_g / 1000.0);

      if (i == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }
  for (guint i = n; i > 0; i--)
    cairo_line_to (cr, to_px (self, plot, outline[i - 1].ga_days),
                   to_py (self, plot, outline[i - 1].low_g / 1000.0));
  cairo_close_path (cr);
  gdk_cairo_set_source_rgba (cr, &fill);
  cairo_fill_preserve (cr);
  gdk_cairo_set_source_rgba (cr, &c->guide);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);

  /* The total gain of the standard, as a bar at 40 weeks */
  bx = to_px (self, plot, X_MAX_DAYS);
  cairo_set_line_width (cr, 4);
  cairo_move_to (cr, bx, to_py (self, plot, self->band->total_low_g / 1000.0));
  cairo_line_to (cr, bx, to_py (self, plot, self->band->total_high_g / 1000.0));
  cairo_stroke (cr);
  {
    g_autofree char *range = format_range (self->band->total_low_g, self->band->total_high_g);
    /* Translators: the total gain recommended, drawn at 40 weeks: "总增重 5.0–9.0 kg" */
    g_autofree char *label = g_strdup_printf (_("Total %s"), range);

    hz_ui_chart_draw_text (GTK_WIDGET (self), cr, &c->guide, label, bx - 6,
                           to_py (self, plot, self->band->total_high_g / 1000.0) - 2,
                           1, 1, TRUE, FALSE, -1);
  }
}

static void
draw_axes (HzGwgChart             *self,
           cairo_t                *cr,
           const Plot             *plot,
           const HzUiChartColours *c)
{
  double step = hz_ui_chart_nice_step (self->y_max - self->y_min, 6);
  const double dash[] = { 4, 3 };

  cairo_set_line_width (cr, 1);
  for (double v = ceil (self->y_min / step) * step; v <= self->y_max + 1e-9; v += step)
    {
      double py = to_py (self, plot, v);
      g_autofree char *label = g_strdup_printf ("%.0f", fabs (v) < 1e-9 ? 0 : v);

      gdk_cairo_set_source_rgba (cr, &c->grid);
      cairo_move_to (cr, plot->x0, py + 0.5);
      cairo_line_to (cr, plot->x0 + plot->w, py + 0.5);
      cairo_stroke (cr);
      hz_ui_chart_draw_text (GTK_WIDGET (self), cr, &c->dim, label, plot->x0 - 4, py, 1, 0.5, TRUE, FALSE, -1);
    }

  for (int week = 0; week * 7 <= self->x_max; week += 4)
    {
      double px = to_px (self, plot, week * 7);
      g_autofree char *label = g_strdup_printf ("%d", week);

      gdk_cairo_set_source_rgba (cr, &c->grid);
      cairo_move_to (cr, px + 0.5, plot->y0);
      cairo_line_to (cr, px + 0.5, plot->y0 + plot->h);
      cairo_stroke (cr);
      hz_ui_chart_draw_text (GTK_WIDGET (self), cr, &c->dim, label, px, plot->y0 + plot->h + 3,
                             0.5, 0, TRUE, FALSE, -1);
    }

  /* The end of the first trimester */
  gdk_cairo_set_source_rgba (cr, &c->dim);
  cairo_set_dash (cr, dash, 2, 0);
  cairo_move_to (cr, to_px (self, plot, HZ_GA_SECOND_TRIMESTER_DAYS) + 0.5, plot->y0);
  cairo_line_to (cr, to_px (self, plot, HZ_GA_SECOND_TRIMESTER_DAYS) + 0.5, plot->y0 + plot->h);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  /* Zero gain and the axes */
  cairo_move_to (cr, plot->x0, to_py (self, plot, 0) + 0.5);
  cairo_line_to (cr, plot->x0 + plot->w, to_py (self, plot, 0) + 0.5);
  cairo_stroke (cr);
  cairo_move_to (cr, plot->x0 + 0.5, plot->y0);
  cairo_line_to (cr, plot->x0 + 0.5, plot->y0 + plot->h + 0.5);
  cairo_line_to (cr, plot->x0 + plot->w, plot->y0 + plot->h + 0.5);
  cairo_stroke (cr);

  /* Translators: the x axis of the weight-gain chart: GA in weeks */
  hz_ui_chart_draw_text (GTK_WIDGET (self), cr, &c->dim, _("Gestational age (weeks)"),
                         plot->x0 + plot->w, plot->y0 + plot->h + 20, 1, 0, TRUE, FALSE, -1);
  /* Translators: the y axis of the weight-gain chart */
  hz_ui_chart_draw_text (GTK_WIDGET (self), cr, &c->dim, _("Gain (kg)"),
                         plot->x0 - 4, plot->y0 - 6, 0.5, 1, TRUE, FALSE, -1);
}

/* Draws a legend's text at @x and returns its width */
static double
legend_text (HzGwgChart    *self,
             cairo_t       *cr,
             const GdkRGBA *colour,
             const char    *text,
             double         x)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoAttrList *attrs = pango_attr_list_new ();
  int w;

  /* the size hz_ui_chart_draw_text() draws small text at */
  pango_attr_list_insert (attrs, pango_attr_scale_new (0.8));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_get_pixel_size (layout, &w, NULL);
  hz_ui_chart_draw_text (GTK_WIDGET (self), cr, colour, text, x, 13, 0, 0.5, TRUE, FALSE, -1);
  return w;
}

static void
draw_legend (HzGwgChart             *self,
             cairo_t                *cr,
             const HzUiChartColours *c,
             int                     width)
{
  const struct {
    HzGwgStatus status;
    const char *label;
  } items[] = {
    { HZ_GWG_WITHIN, NC_("weight gain", "Within") },
    { HZ_GWG_ABOVE, NC_("weight gain", "Above") },
    { HZ_GWG_BELOW, NC_("weight gain", "Below") },
  };
  GdkRGBA fill = c->guide;
  double x = 8;

  fill.alpha = 0.20f;
  gdk_cairo_set_source_rgba (cr, &fill);
  cairo_rectangle (cr, x, 8, 14, 10);
  cairo_fill (cr);
  /* Translators: the legend of the band: the range WS/T 801-2022 recommends */
  x += 18 + legend_text (self, cr, &c->fg, _("Recommended range"), x + 18) + 16;
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      gdk_cairo_set_source_rgba (cr, status_colour (c, items[i].status));
      draw_marker (cr, x + 5, 13, items[i].status, POINT_R);
      /* Translators: the legend of the chart's points: 适宜, 过多, 不足 */
      x += 14 + legend_text (self, cr, &c->fg, g_dpgettext2 (GETTEXT_PACKAGE, "weight gain", items[i].label),
                             x + 14) + 16;
    }
}

static void
draw (HzGwgChart *self,
      cairo_t    *cr,
      int         width,
      int         height)
{
  HzUiChartColours c;
  Plot plot;
  int rate;

  hz_ui_chart_get_colours (GTK_WIDGET (self), &c);
  get_plot (self, &plot);

  draw_legend (self, cr, &c, width);

  cairo_save (cr);
  cairo_rectangle (cr, plot.x0, plot.y0, plot.w + PAD_RIGHT, plot.h);
  cairo_clip (cr);
  if (self->band != NULL)
    draw_band (self, cr, &plot, &c);
  cairo_restore (cr);

  draw_axes (self, cr, &plot, &c);

  /* Her weights: a line, then the markers */
  gdk_cairo_set_source_rgba (cr, &c.dim);
  cairo_set_line_width (cr, 1.5);
  for (guint i = 0; i < self->plotted->len; i++)
    {
      const HzGwgPoint *p = g_ptr_array_index (self->plotted, i);
      double x = to_px (self, &plot, p->ga_days), y = to_py (self, &plot, p->gain_g / 1000.0);

      if (i == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }
  cairo_stroke (cr);
  for (guint i = 0; i < self->plotted->len; i++)
    {
      const HzGwgPoint *p = g_ptr_array_index (self->plotted, i);

      gdk_cairo_set_source_rgba (cr, status_colour (&c, p->status));
      draw_marker (cr, to_px (self, &plot, p->ga_days), to_py (self, &plot, p->gain_g / 1000.0),
                   p->status, POINT_R);
    }

  /* The weekly gain of the last interval, beside the last point */
  if (hz_gwg_chart_get_last_weekly_gain (self, &rate))
    {
      const HzGwgPoint *last = g_ptr_array_index (self->plotted, self->plotted->len - 1);
      g_autofree char *kg = hz_calc_format_kg (rate);
      /* Translators: the weekly gain written on the chart: "0.36 kg/周" */
      g_autofree char *label = g_strdup_printf (_("%s kg/week"), kg);
      HzGwgStatus status = self->band != NULL ? hz_gwg_judge_weekly (self->band, rate) : HZ_GWG_WITHIN;
      double x = to_px (self, &plot, last->ga_days);

      hz_ui_chart_draw_text (GTK_WIDGET (self), cr, status == HZ_GWG_WITHIN ? &c.fg : status_colour (&c, status),
                             label, x > plot.x0 + plot.w * 0.75 ? x - 8 : x + 8,
                             to_py (self, &plot, last->gain_g / 1000.0) - 8,
                             x > plot.x0 + plot.w * 0.75 ? 1 : 0, 1, TRUE, TRUE, -1);
    }
}

static void
hz_gwg_chart_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  HzGwgChart *self = HZ_GWG_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw (self, cr, width, height);
  cairo_destroy (cr);
}

static void
hz_gwg_chart_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 360;
      *natural = 640;
    }
  else
    {
      *minimum = 260;
      *natural = 320;
    }
}

static int
point_at (HzGwgChart *self,
          double      x,
          double      y)
{
  double best_d = 12 * 12;
  int best = -1;
  Plot plot;

  get_plot (self, &plot);
  for (guint i = 0; i < self->plotted->len; i++)
    {
      const HzGwgPoint *p = g_ptr_array_index (self->plotted, i);
      double dx = to_px (self, &plot, p->ga_days) - x;
      double dy = to_py (self, &plot, p->gain_g / 1000.0) - y;

      if (dx * dx + dy * dy < best_d)
        {
          best_d = dx * dx + dy * dy;
          best = (int) i;
        }
    }
  return best;
}

static gboolean
hz_gwg_chart_query_tooltip (GtkWidget  *widget,
                            int         x,
                            int         y,
                            gboolean    keyboard_mode,
                            GtkTooltip *tooltip)
{
  HzGwgChart *self = HZ_GWG_CHART (widget);
  int index = point_at (self, x, y);
  g_autofree char *text = NULL;
  g_autofree char *line = NULL;

  if (index < 0)
    return FALSE;
  line = hz_gwg_chart_dup_point_text (self, index);
  /* Translators: a chart point's tooltip: the point, then the standard */
  text = g_strdup_printf (_("%s\nSource: %s"), line, hz_threshold_get_weight_gain_source ());
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
hz_gwg_chart_dispose (GObject *object)
{
  HzGwgChart *self = (HzGwgChart *)object;

  g_clear_pointer (&self->plotted, g_ptr_array_unref);
  g_clear_pointer (&self->points, g_array_unref);

  G_OBJECT_CLASS (hz_gwg_chart_parent_class)->dispose (object);
}

static void
hz_gwg_chart_finalize (GObject *object)
{
  HzGwgChart *self = (HzGwgChart *)object;

  g_free (self->summary);

  G_OBJECT_CLASS (hz_gwg_chart_parent_class)->finalize (object);
}

static void
hz_gwg_chart_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  HzGwgChart *self = HZ_GWG_CHART (object);

  switch (prop_id)
    {
    case PROP_N_POINTS:
      g_value_set_uint (value, self->plotted != NULL ? self->plotted->len : 0);
      break;
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hz_gwg_chart_class_init (HzGwgChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hz_gwg_chart_dispose;
  object_class->finalize = hz_gwg_chart_finalize;
  object_class->get_property = hz_gwg_chart_get_property;

  /* What the chart shows, for screen readers and tests: the points
   * plotted, and each one's text (hz_gwg_chart_dup_point_text()) a line */
  properties[PROP_N_POINTS] =
    g_param_spec_uint ("n-points", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  widget_class->snapshot = hz_gwg_chart_snapshot;
  widget_class->measure = hz_gwg_chart_measure;
  widget_class->query_tooltip = hz_gwg_chart_query_tooltip;

  gtk_widget_class_set_css_name (widget_class, "gwgchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
hz_gwg_chart_init (HzGwgChart *self)
{
  self->plotted = g_ptr_array_new ();
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  compute_ranges (self);
  update_accessible (self);
}

GtkWidget *
hz_gwg_chart_new (void)
{
  return g_object_new (HZ_TYPE_GWG_CHART, NULL);
}

void
hz_gwg_chart_set_data (HzGwgChart             *self,
                       const HzWeightGainBand *band,
                       GArray                 *points)
{
  g_return_if_fail (HZ_IS_GWG_CHART (self));

  self->band = band;
  if (points != NULL)
    g_array_ref (points);
  g_clear_pointer (&self->points, g_array_unref);
  self->points = points;

  g_ptr_array_set_size (self->plotted, 0);
  for (guint i = 0; self->points != NULL && i < self->points->len; i++)
    {
      HzGwgPoint *p = &g_array_index (self->points, HzGwgPoint, i);

      if (p->judged)
        g_ptr_array_add (self->plotted, p);
    }

  compute_ranges (self);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
hz_gwg_chart_get_n_points (HzGwgChart *self)
{
  g_return_val_if_fail (HZ_IS_GWG_CHART (self), 0);

  return self->plotted->len;
}

char *
hz_gwg_chart_dup_point_text (HzGwgChart *self,
                             guint       index)
{
  g_return_val_if_fail (HZ_IS_GWG_CHART (self), NULL);
  g_return_val_if_fail (index < self->plotted->len, NULL);

  return point_text (g_ptr_array_index (self->plotted, index));
}

const char *
hz_gwg_chart_get_point_reference (HzGwgChart *self,
                                  guint       index)
{
  const HzGwgPoint *p;

  g_return_val_if_fail (HZ_IS_GWG_CHART (self), NULL);
  g_return_val_if_fail (index < self->plotted->len, NULL);

  p = g_ptr_array_index (self->plotted, index);
  return p->reference;
}

gboolean
hz_gwg_chart_get_last_weekly_gain (HzGwgChart *self,
                                   int        *g_per_week)
{
  const HzGwgPoint *a, *b;

  g_return_val_if_fail (HZ_IS_GWG_CHART (self), FALSE);

  if (self->plotted->len < 2)
    return FALSE;
  a = g_ptr_array_index (self->plotted, self->plotted->len - 2);
  b = g_ptr_array_index (self->plotted, self->plotted->len - 1);
  return hz_gwg_weekly_gain (a->ga_days, a->gain_g, b->ga_days, b->gain_g, g_per_week);
}
