/* hz-ui-chart.c — what the charts of the plugins draw alike: tick steps, text, colours
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-ui"

#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>

#include "hz-ui.h"

void
hz_ui_chart_get_colours (GtkWidget        *widget,
                         HzUiChartColours *colours)
{
  static const GdkRGBA line = { 0.21f, 0.52f, 0.89f, 1.0f };
  static const GdkRGBA line2 = { 0.57f, 0.25f, 0.67f, 1.0f };
  static const GdkRGBA alarm = { 0.88f, 0.11f, 0.14f, 1.0f };
  static const GdkRGBA warning = { 0.90f, 0.45f, 0.05f, 1.0f };
  static const GdkRGBA guide = { 0.15f, 0.64f, 0.41f, 1.0f };

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (colours != NULL);

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &colours->fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  colours->dim = colours->fg;
  colours->dim.alpha *= 0.6f;
  colours->grid = colours->fg;
  colours->grid.alpha *= 0.12f;
  colours->line = line;
  colours->line2 = line2;
  colours->alarm = alarm;
  colours->warning = warning;
  colours->guide = guide;
}

double
hz_ui_chart_nice_step (double range,
                       int    n)
{
  double raw = range / MAX (n, 1);
  double mag = pow (10, floor (log10 (raw)));
  double f = raw / mag;

  if (f <= 1)
    return mag;
  if (f <= 2)
    return 2 * mag;
  if (f <= 5)
    return 5 * mag;
  return 10 * mag;
}

void
hz_ui_chart_draw_text (GtkWidget     *widget,
                       cairo_t       *cr,
                       const GdkRGBA *colour,
                       const char    *text,
                       double         x,
                       double         y,
                       double         xalign,
                       double         yalign,
                       gboolean       small,
                       gboolean       bold,
                       double         max_width)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  int w, h;

  if (small || bold)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      if (small)
        pango_attr_list_insert (attrs, pango_attr_scale_new (0.8));
      if (bold)
        pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  pango_layout_get_pixel_size (layout, &w, &h);
  gdk_cairo_set_source_rgba (cr, colour);
  cairo_move_to (cr, x - w * xalign, y - h * yalign);
  pango_cairo_show_layout (cr, layout);
}
