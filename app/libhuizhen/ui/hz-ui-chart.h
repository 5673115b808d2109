/* hz-ui-chart.h — what the charts of the plugins draw alike: tick steps, text, colours
 *
 * The timeline's trend charts and the nutrition page's weight-gain chart
 * draw with cairo in the same style: axis text in the widget's own colour
 * (so that the dark style keeps its contrast), grid lines a faint tint of
 * it, and one palette for series, guides and alarms.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (HUIZHEN_UI_INSIDE) && !defined (HUIZHEN_COMPILATION)
# error "Only <hz-ui.h> can be included directly."
#endif

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct
{
  GdkRGBA fg;       /* the widget's text colour */
  GdkRGBA dim;      /* axis labels and notes: fg at 60 % */
  GdkRGBA grid;     /* grid lines: fg at 12 % */
  GdkRGBA line;     /* a series: blue */
  GdkRGBA line2;    /* a second series: purple */
  GdkRGBA alarm;    /* beyond a threshold: red */
  GdkRGBA warning;  /* below a range: orange */
  GdkRGBA guide;    /* a reading guide, a recommended range: green */
} HzUiChartColours;

/* The palette, fg from @widget's style (light or dark). */
void    hz_ui_chart_get_colours  (GtkWidget        *widget,
                                  HzUiChartColours *colours);
/* A "nice" tick step (1, 2 or 5 × 10^n) for @range and about @n ticks. */
double  hz_ui_chart_nice_step    (double            range,
                                  int               n);
/* Draws @text with @widget's font at (@x, @y), aligned by @xalign and
 * @yalign (0 left/top, 1 right/bottom), @small at 80 %, @bold, ellipsized
 * to @max_width pixels when > 0. */
void    hz_ui_chart_draw_text    (GtkWidget        *widget,
                                  cairo_t          *cr,
                                  const GdkRGBA    *colour,
                                  const char       *text,
                                  double            x,
                                  double            y,
                                  double            xalign,
                                  double            yalign,
                                  gboolean          small,
                                  gboolean          bold,
                                  double            max_width);

G_END_DECLS
