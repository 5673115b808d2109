/* hz-timeline-ruler.c — the gestational-age ruler across the top of the timeline
 *
 * Weeks 0–42 (further after a late delivery, plus six weeks postpartum when
 * delivered), trimester bands split at 14+0 and 28+0, a tick per day with
 * events (taller for more, coloured by the highest severity), the windows of
 * the due items, the today marker and the range the list shows. A click
 * jumps the list there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-timeline"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "hz-timeline-ruler.h"

#define AXIS_WEEKS       42
#define POSTPARTUM_DAYS  42
#define LABEL_HEIGHT     16
#define MARGIN_X         12
#define RULER_HEIGHT     64

struct _HzTimelineRuler
{
  GtkWidget        parent_instance;

  HzTimelineModel *model;
  gulong           items_changed_id;
  GPtrArray       *due_items;

  /* events per day on the axis and their highest severity */
  guint           *counts;
  guint8          *severities;
  int              n_days;          /* length of the axis in days */
  int              delivery_day;    /* -1 unless delivered */

  int              visible_first;
  int              visible_last;
};

G_DEFINE_FINAL_TYPE (HzTimelineRuler, hz_timeline_ruler, GTK_TYPE_WIDGET)

enum {
  JUMP,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const GdkRGBA trimester_colours[] = {
  { 0.21, 0.52, 0.89, 0.14 },   /* blue */
  { 0.18, 0.76, 0.49, 0.14 },   /* green */
  { 0.90, 0.38, 0.00, 0.14 },   /* orange */
};
static const GdkRGBA postpartum_colour = { 0.57, 0.25, 0.67, 0.14 };
static const GdkRGBA attention_colour = { 0.90, 0.65, 0.04, 1.0 };
static const GdkRGBA critical_colour = { 0.88, 0.11, 0.14, 1.0 };
static const GdkRGBA today_colour = { 0.88, 0.11, 0.14, 1.0 };
/* Below the line of trimester names */
#define RANGE_TOP 18

static const GdkRGBA range_colour = { 0.21, 0.52, 0.89, 0.16 };
static const GdkRGBA due_colour = { 0.21, 0.52, 0.89, 0.55 };
static const GdkRGBA overdue_colour = { 0.88, 0.11, 0.14, 0.70 };

static int
delivery_ga (const HzDating *dating)
{
  int ga;

  if (!dating->delivered || !hz_dating_ga_at (dating, &dating->delivery_date, &ga))
    return -1;
  return ga;
}

gboolean
hz_timeline_ruler_row_position (HzTimelineRuler *self,
                                HzTimelineRow   *row,
                                int             *days)
{
  const HzTimelineGroup *group;
  const HzDating *dating;
  int ga;

  g_return_val_if_fail (HZ_IS_TIMELINE_RULER (self), FALSE);
  g_return_val_if_fail (HZ_IS_TIMELINE_ROW (row), FALSE);

  if (self->model == NULL)
    return FALSE;

  dating = hz_timeline_model_get_dating (self->model);
  group = hz_timeline_row_get_group (row);

  if (group->type == HZ_TIMELINE_GROUP_WEEK && hz_timeline_row_get_ga (row, &ga))
    {
      *days = ga;
      return TRUE;
    }

  if (group->type == HZ_TIMELINE_GROUP_POSTPARTUM && (ga = delivery_ga (dating)) >= 0)
    {
      *days = ga + group->index;
      return TRUE;
    }

  return FALSE;
}

static void
recount (HzTimelineRuler *self)
{
  const HzDating *dating;
  GListModel *list;
  int delivery;

  g_clear_pointer (&self->counts, g_free);
  g_clear_pointer (&self->severities, g_free);
  self->n_days = AXIS_WEEKS * 7;
  self->delivery_day = -1;

  if (self->model == NULL)
    return;

  dating = hz_timeline_model_get_dating (self->model);
  delivery = delivery_ga (dating);
  if (delivery >= 0)
    {
      self->delivery_day = delivery;
      self->n_days = MAX (self->n_days, delivery + POSTPARTUM_DAYS + 1);
    }
  else
    self->n_days = MAX (self->n_days, 44 * 7);

  self->counts = g_new0 (guint, self->n_days + 1);
  self->severities = g_new0 (guint8, self->n_days + 1);

  list = G_LIST_MODEL (self->model);
  for (guint i = 0, n = g_list_model_get_n_items (list); i < n; i++)
    {
      g_autoptr(HzTimelineRow) row = g_list_model_get_item (list, i);
      HzSeverity severity;
      int day;

      if (hz_timeline_row_get_row_type (row) != HZ_TIMELINE_ROW_EVENT ||
          !hz_timeline_ruler_row_position (self, row, &day) ||
          day < 0 || day > self->n_days)
        continue;

      self->counts[day]++;
      severity = hz_timeline_event_get_severity (hz_timeline_row_get_event (row));
      if ((guint8) severity > self->severities[day])
        self->severities[day] = severity;
    }
}

static void
on_items_changed (GListModel      *list,
                  guint            position,
                  guint            removed,
                  guint            added,
                  HzTimelineRuler *self)
{
  recount (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static double
day_to_x (HzTimelineRuler *self,
          double           day)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self)) - 2 * MARGIN_X;

  return MARGIN_X + day * width / MAX (self->n_days, 1);
}

static double
x_to_day (HzTimelineRuler *self,
          double           x)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self)) - 2 * MARGIN_X;

  return (x - MARGIN_X) * MAX (self->n_days, 1) / MAX (width, 1);
}

static void
append_rect (GtkSnapshot   *snapshot,
             const GdkRGBA *colour,
             double         x,
             double         y,
             double         w,
             double         h)
{
  graphene_rect_t rect = GRAPHENE_RECT_INIT ((float) x, (float) y, (float) w, (float) h);

  gtk_snapshot_append_color (snapshot, colour, &rect);
}

static void
append_text (HzTimelineRuler *self,
             GtkSnapshot     *snapshot,
             const GdkRGBA   *colour,
             const char      *text,
             double           x,
             double           y,
             double           xalign,
             double           max_width)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  int w, h;

  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  pango_layout_get_pixel_size (layout, &w, &h);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((float) (x - w * xalign), (float) y));
  gtk_snapshot_append_layout (snapshot, layout, colour);
  gtk_snapshot_restore (snapshot);
}

static void
hz_timeline_ruler_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  HzTimelineRuler *self = HZ_TIMELINE_RULER (widget);
  int height = gtk_widget_get_height (widget);
  double band_bottom = height - LABEL_HEIGHT;
  GdkRGBA fg, dim, tick;
  const int bounds[] = { 0, 14 * 7, 28 * 7, AXIS_WEEKS * 7 };
  const HzDating *dating;
  const GDate *today;
  int today_ga;

  if (self->model == NULL || !hz_timeline_model_get_ga_known (self->model))
    return;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  dim = fg;
  dim.alpha *= 0.55f;
  tick = fg;
  tick.alpha *= 0.25f;

  dating = hz_timeline_model_get_dating (self->model);

  /* Trimester bands, and after delivery the postpartum band */
  for (guint t = 0; t < 3; t++)
    {
      int end = bounds[t + 1];
      double x0, x1;

      if (t == 2)
        end = self->delivery_day >= 0 ? self->delivery_day : self->n_days;
      if (self->delivery_day >= 0 && bounds[t] > self->delivery_day)
        continue;
      if (self->delivery_day >= 0)
        end = MIN (end, self->delivery_day);
      x0 = day_to_x (self, bounds[t]);
      x1 = day_to_x (self, end);
      append_rect (snapshot, &trimester_colours[t], x0, 0, x1 - x0, band_bottom);
      append_text (self, snapshot, &dim, hz_trimester_get_display_name (t), x0 + 4, 2, 0, x1 - x0 - 8);
    }

  if (self->delivery_day >= 0)
    {
      double x0 = day_to_x (self, self->delivery_day);
      double x1 = day_to_x (self, self->n_days);

      append_rect (snapshot, &postpartum_colour, x0, 0, x1 - x0, band_bottom);
      append_rect (snapshot, &fg, x0 - 1, 0, 2, band_bottom);
      append_text (self, snapshot, &dim, _("Postpartum"), x0 + 4, 2, 0, x1 - x0 - 8);
    }

  /* Week ticks, labels every 4 weeks */
  for (int week = 0; week * 7 <= self->n_days; week++)
    {
      double x = day_to_x (self, week * 7);
      gboolean major = week % 4 == 0;

      if (self->delivery_day >= 0 && week * 7 > self->delivery_day)
        break;
      append_rect (snapshot, major ? &dim : &tick, x, band_bottom - (major ? 8 : 4), 1, major ? 8 : 4);
      if (major)
        {
          g_autofree char *label = g_strdup_printf ("%d", week);

          append_text (self, snapshot, &dim, label, x, band_bottom + 1, 0.5, -1);
        }
    }
  if (self->delivery_day >= 0)
    for (int pp = 7; pp <= POSTPARTUM_DAYS; pp += 7)
      {
        double x = day_to_x (self, self->delivery_day + pp);

        append_rect (snapshot, &tick, x, band_bottom - 4, 1, 4);
        if (pp % 14 == 0)
          {
            /* Translators: days after delivery on the ruler, short: "产后14天" */
            g_autofree char *label = g_strdup_printf (_("+%dd"), pp);

            append_text (self, snapshot, &dim, label, x, band_bottom + 1, 0.5, -1);
          }
      }

  /* Due windows */
  for (guint i = 0; self->due_items != NULL && i < self->due_items->len; i++)
    {
      const HzDueItem *item = g_ptr_array_index (self->due_items, i);
      int start, end;
      double x0, x1;

      if (item->status == HZ_DUE_STATUS_DONE || item->status == HZ_DUE_STATUS_MISSED)
        continue;
      if (item->has_ga)
        {
          start = item->start_ga;
          end = item->end_ga + 1;
        }
      else if (self->delivery_day >= 0)
        {
          start = self->delivery_day + g_date_days_between (&dating->delivery_date, &item->start);
          end = self->delivery_day + g_date_days_between (&dating->delivery_date, &item->end) + 1;
        }
      else
        continue;

      x0 = day_to_x (self, CLAMP (start, 0, self->n_days));
      x1 = day_to_x (self, CLAMP (end, 0, self->n_days));
      append_rect (snapshot, item->status == HZ_DUE_STATUS_OVERDUE ? &overdue_colour : &due_colour,
                   x0, band_bottom - 14 - (i % 2) * 4, MAX (x1 - x0, 2), 3);
    }

  /* Events: one tick per day */
  for (int day = 0; self->counts != NULL && day <= self->n_days; day++)
    {
      const GdkRGBA *colour;
      double h;

      if (self->counts[day] == 0)
        continue;
      switch (self->severities[day])
        {
        case HZ_SEVERITY_CRITICAL:
          colour = &critical_colour;
          break;
        case HZ_SEVERITY_ATTENTION:
          colour = &attention_colour;
          break;
        default:
          colour = &dim;
          break;
        }
      h = MIN (6 + 5 * log2 (self->counts[day]), band_bottom - 22);
      append_rect (snapshot, colour, day_to_x (self, day + 0.5) - 1, band_bottom - 20 - h, 2, h);
    }

  /* The range the list shows: under the trimester names, not over them */
  if (self->visible_first <= self->visible_last)
    {
      double x0 = day_to_x (self, CLAMP (self->visible_first, 0, self->n_days));
      double x1 = day_to_x (self, CLAMP (self->visible_last + 1, 0, self->n_days));

      append_rect (snapshot, &range_colour, x0, RANGE_TOP, MAX (x1 - x0, 3), band_bottom - RANGE_TOP);
    }

  /* Today */
  today = hz_timeline_model_get_today (self->model);
  if (hz_dating_ga_at (dating, today, &today_ga))
    {
      int day = today_ga;

      if (self->delivery_day >= 0 && today_ga > self->delivery_day)
        day = self->delivery_day + g_date_days_between (&dating->delivery_date, today);
      if (day >= 0 && day <= self->n_days)
        {
          double x = day_to_x (self, day + 0.5);

          append_rect (snapshot, &today_colour, x - 1, 0, 2, band_bottom);
          append_text (self, snapshot, &today_colour, _("Today"), x + 3, 18, 0, -1);
        }
    }
}

static void
hz_timeline_ruler_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = 800;
    }
  else
    *minimum = *natural = RULER_HEIGHT;
}

static void
on_pressed (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            HzTimelineRuler *self)
{
  double day;

  if (self->model == NULL || !hz_timeline_model_get_ga_known (self->model))
    return;

  day = floor (x_to_day (self, x));
  if (day < 0 || day > self->n_days)
    return;

  if (self->delivery_day >= 0 && day > self->delivery_day)
    g_signal_emit (self, signals[JUMP], 0, HZ_TIMELINE_JUMP_POSTPARTUM, (int) day - self->delivery_day);
  else
    g_signal_emit (self, signals[JUMP], 0, HZ_TIMELINE_JUMP_GA, (int) day);
}

static gboolean
hz_timeline_ruler_query_tooltip (GtkWidget  *widget,
                                 int         x,
                                 int         y,
                                 gboolean    keyboard_mode,
                                 GtkTooltip *tooltip)
{
  HzTimelineRuler *self = HZ_TIMELINE_RULER (widget);
  g_autofree char *where = NULL;
  g_autofree char *text = NULL;
  guint n = 0;
  double day;

  if (self->model == NULL || !hz_timeline_model_get_ga_known (self->model))
    return FALSE;

  day = floor (x_to_day (self, x));
  if (day < 0 || day > self->n_days)
    return FALSE;

  if (self->delivery_day >= 0 && day > self->delivery_day)
    {
      where = hz_ga_format_postpartum ((int) day - self->delivery_day);
      n = self->counts[(int) day];
    }
  else
    {
      int week = (int) day / 7;

      where = hz_ga_format ((int) day);
      for (int d = week * 7; d < week * 7 + 7 && d <= self->n_days; d++)
        n += self->counts[d];
    }

  /* Translators: tooltip on the ruler: a GA, then the events of its week */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u event this week", "%s · %u events this week", n),
                          where, n);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
hz_timeline_ruler_dispose (GObject *object)
{
  HzTimelineRuler *self = (HzTimelineRuler *)object;

  if (self->model != NULL)
    g_clear_signal_handler (&self->items_changed_id, self->model);
  g_clear_object (&self->model);
  g_clear_pointer (&self->due_items, g_ptr_array_unref);
  g_clear_pointer (&self->counts, g_free);
  g_clear_pointer (&self->severities, g_free);

  G_OBJECT_CLASS (hz_timeline_ruler_parent_class)->dispose (object);
}

static void
hz_timeline_ruler_class_init (HzTimelineRulerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hz_timeline_ruler_dispose;

  widget_class->snapshot = hz_timeline_ruler_snapshot;
  widget_class->measure = hz_timeline_ruler_measure;
  widget_class->query_tooltip = hz_timeline_ruler_query_tooltip;

  signals[JUMP] =
    g_signal_new ("jump",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_INT);

  gtk_widget_class_set_css_name (widget_class, "timelineruler");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
hz_timeline_ruler_init (HzTimelineRuler *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  self->visible_first = 1;
  self->visible_last = 0;
  self->n_days = AXIS_WEEKS * 7;
  self->delivery_day = -1;

  g_signal_connect (click, "pressed", G_CALLBACK (on_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "pointer");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Gestational age ruler"),
                                  -1);
}

GtkWidget *
hz_timeline_ruler_new (void)
{
  return g_object_new (HZ_TYPE_TIMELINE_RULER, NULL);
}

void
hz_timeline_ruler_set_model (HzTimelineRuler *self,
                             HzTimelineModel *model)
{
  g_return_if_fail (HZ_IS_TIMELINE_RULER (self));
  g_return_if_fail (model == NULL || HZ_IS_TIMELINE_MODEL (model));

  if (self->model == model)
    return;

  if (self->model != NULL)
    g_clear_signal_handler (&self->items_changed_id, self->model);
  g_set_object (&self->model, model);
  if (model != NULL)
    self->items_changed_id = g_signal_connect (model, "items-changed",
                                               G_CALLBACK (on_items_changed), self);
  recount (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
hz_timeline_ruler_set_due_items (HzTimelineRuler *self,
                                 GPtrArray       *items)
{
  g_return_if_fail (HZ_IS_TIMELINE_RULER (self));

  g_clear_pointer (&self->due_items, g_ptr_array_unref);
  if (items != NULL)
    self->due_items = g_ptr_array_ref (items);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
hz_timeline_ruler_set_visible_range (HzTimelineRuler *self,
                                     int              first,
                                     int              last)
{
  g_return_if_fail (HZ_IS_TIMELINE_RULER (self));

  if (self->visible_first == first && self->visible_last == last)
    return;
  self->visible_first = first;
  self->visible_last = last;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
