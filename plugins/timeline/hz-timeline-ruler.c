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

#include <adwaita.h>

#include "hz-timeline-ruler.h"

#define AXIS_WEEKS       42
#define POSTPARTUM_DAYS  42
#define LABEL_HEIGHT     18
#define MARGIN_X         12
#define RULER_HEIGHT     68

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
/* libadwaita's destructive colours, when the theme does not name them */
static const GdkRGBA today_light = { 0.88, 0.11, 0.14, 1.0 };
static const GdkRGBA today_dark = { 0.75, 0.11, 0.16, 1.0 };
static const GdkRGBA white = { 1.0, 1.0, 1.0, 1.0 };
/* Below the line of band names */
#define NAMES_BOTTOM 18
#define TODAY_PAD_X  5

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
          int              widget_width,
          double           day)
{
  int width = widget_width - 2 * MARGIN_X;

  return MARGIN_X + day * width / MAX (self->n_days, 1);
}

static double
x_to_day (HzTimelineRuler *self,
          double           x)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self)) - 2 * MARGIN_X;

  return (x - MARGIN_X) * MAX (self->n_days, 1) / MAX (width, 1);
}

/* --- layout: what goes where, shared by the drawing and the tests ------------- */

static void
ruler_item_clear (gpointer data)
{
  HzRulerItem *item = data;

  g_clear_pointer (&item->text, g_free);
  g_clear_object (&item->layout);
}

static HzRulerItem *
add_mark (GArray                *items,
          HzRulerItemKind        kind,
          const GdkRGBA         *colour,
          double                 x,
          double                 y,
          double                 w,
          double                 h)
{
  HzRulerItem item = { 0 };

  item.kind = kind;
  item.colour = *colour;
  item.rect = GRAPHENE_RECT_INIT ((float) x, (float) y, (float) w, (float) h);
  g_array_append_val (items, item);
  return &g_array_index (items, HzRulerItem, items->len - 1);
}

static gboolean
is_label (HzRulerItemKind kind)
{
  return kind == HZ_RULER_BAND_NAME || kind == HZ_RULER_AXIS_LABEL || kind == HZ_RULER_TODAY_LABEL;
}

/* Labels keep this far from each other */
#define LABEL_GAP 4

static gboolean
label_fits (GArray                *items,
            const graphene_rect_t *rect,
            int                    width)
{
  graphene_rect_t padded;

  if (rect->origin.x < 0 || rect->origin.x + rect->size.width > width)
    return FALSE;
  graphene_rect_inset_r (rect, -LABEL_GAP / 2.0f, 0, &padded);
  for (guint i = 0; i < items->len; i++)
    {
      const HzRulerItem *other = &g_array_index (items, HzRulerItem, i);

      if (is_label (other->kind) && graphene_rect_intersection (&padded, &other->rect, NULL))
        return FALSE;
    }
  return TRUE;
}

/* Adds a label at @x (its centre for @xalign 0.5) if it fits beside the
 * labels already placed; moved inside the ruler at its ends. */
static HzRulerItem *
add_label (HzTimelineRuler *self,
           GArray          *items,
           HzRulerItemKind  kind,
           const GdkRGBA   *colour,
           const char      *text,
           double           x,
           double           y,
           double           xalign,
           int              width)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  graphene_rect_t rect;
  HzRulerItem *item;
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  if (kind == HZ_RULER_TODAY_LABEL)
    w += 2 * TODAY_PAD_X;
  x = CLAMP (x - w * xalign, 0, MAX (width - w, 0));
  rect = GRAPHENE_RECT_INIT ((float) x, (float) y, (float) w, (float) h);
  if (!label_fits (items, &rect, width))
    return NULL;

  item = add_mark (items, kind, colour, x, y, w, h);
  item->text = g_strdup (text);
  item->layout = g_steal_pointer (&layout);
  return item;
}

/* A band's name at its top left, only where it fits whole */
static void
add_band_name (HzTimelineRuler *self,
               GArray          *items,
               const GdkRGBA   *colour,
               const char      *name,
               double           x0,
               double           x1,
               int              width)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), name);
  int w;

  pango_layout_get_pixel_size (layout, &w, NULL);
  if (w + 8 <= x1 - x0)
    add_label (self, items, HZ_RULER_BAND_NAME, colour, name, x0 + 4, 1, 0, width);
}

static void
lookup_colour (GtkWidget     *widget,
               const char    *name,
               const GdkRGBA *fallback,
               GdkRGBA       *colour)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), name, colour))
    *colour = *fallback;
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static int
today_day (HzTimelineRuler *self)
{
  const HzDating *dating = hz_timeline_model_get_dating (self->model);
  const GDate *today = hz_timeline_model_get_today (self->model);
  int ga;

  if (today == NULL || !g_date_valid (today) || !hz_dating_ga_at (dating, today, &ga))
    return -1;
  if (self->delivery_day >= 0 && ga > self->delivery_day)
    return self->delivery_day + g_date_days_between (&dating->delivery_date, today);
  return ga;
}

/* The due item's window in days on the axis; FALSE when not on it */
static gboolean
due_window (HzTimelineRuler *self,
            const HzDueItem *item,
            int             *start,
            int             *end)
{
  const HzDating *dating = hz_timeline_model_get_dating (self->model);

  if (item->has_ga)
    {
      *start = item->start_ga;
      *end = item->end_ga + 1;
      return TRUE;
    }
  if (self->delivery_day >= 0)
    {
      *start = self->delivery_day + g_date_days_between (&dating->delivery_date, &item->start);
      *end = self->delivery_day + g_date_days_between (&dating->delivery_date, &item->end) + 1;
      return TRUE;
    }
  return FALSE;
}

GArray *
hz_timeline_ruler_compute_layout (HzTimelineRuler *self,
                                  int              width,
                                  int              height)
{
  GArray *items = g_array_new (FALSE, TRUE, sizeof (HzRulerItem));
  double band_bottom = height - LABEL_HEIGHT;
  GdkRGBA fg, dim, tick, today_colour, today_text;
  const int bounds[] = { 0, 14 * 7, 28 * 7, AXIS_WEEKS * 7 };
  int last_week, today;

  g_return_val_if_fail (HZ_IS_TIMELINE_RULER (self), items);
  g_array_set_clear_func (items, ruler_item_clear);

  if (self->model == NULL || !hz_timeline_model_get_ga_known (self->model) || width <= 0)
    return items;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  dim = fg;
  dim.alpha *= 0.7f;
  tick = fg;
  tick.alpha *= 0.3f;
  /* The theme's red, lighter in the dark style; white text on it */
  lookup_colour (GTK_WIDGET (self), "destructive_bg_color",
                 adw_style_manager_get_dark (adw_style_manager_get_default ()) ? &today_dark : &today_light,
                 &today_colour);
  lookup_colour (GTK_WIDGET (self), "destructive_fg_color", &white, &today_text);

  /* Today first: nothing may hide it. Its label goes in the axis row,
   * under the marker, on a pill of its own. */
  today = today_day (self);
  if (today >= 0 && today <= self->n_days)
    {
      double x = day_to_x (self, width, today + 0.5);

      HzRulerItem *label;

      add_mark (items, HZ_RULER_TODAY, &today_colour, x - 1, 0, 2, band_bottom);
      label = add_label (self, items, HZ_RULER_TODAY_LABEL, &today_text, _("Today"), x, band_bottom + 1, 0.5, width);
      if (label != NULL)
        label->background = today_colour;
    }

  /* Trimester bands, and after delivery the postpartum band; the name
   * only where it fits whole (the tooltip names every band) */
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
      x0 = day_to_x (self, width, bounds[t]);
      x1 = day_to_x (self, width, end);
      add_mark (items, HZ_RULER_BAND, &trimester_colours[t], x0, 0, x1 - x0, band_bottom);
      add_band_name (self, items, &dim, hz_trimester_get_display_name (t), x0, x1, width);
    }

  if (self->delivery_day >= 0)
    {
      double x0 = day_to_x (self, width, self->delivery_day);
      double x1 = day_to_x (self, width, self->n_days);

      add_mark (items, HZ_RULER_BAND, &postpartum_colour, x0, 0, x1 - x0, band_bottom);
      add_mark (items, HZ_RULER_DELIVERY, &fg, x0 - 1, 0, 2, band_bottom);
      add_band_name (self, items, &dim, _("Postpartum"), x0, x1, width);
    }

  /* Week ticks; labels every 4 weeks where they fit, the last one with
   * the unit ("40 weeks"), then the days after delivery */
  last_week = self->delivery_day >= 0 ? self->delivery_day / 7 : self->n_days / 7;
  for (int week = 0; week <= last_week; week++)
    {
      gboolean major = week % 4 == 0;
      double x = day_to_x (self, width, week * 7);

      add_mark (items, HZ_RULER_TICK, major ? &dim : &tick, x, band_bottom - (major ? 8 : 4), 1, major ? 8 : 4);
    }
  {
    int unit_week = -1;

    /* The unit on the last week label it fits on, then the other weeks */
    for (int week = last_week - last_week % 4; week >= 0 && unit_week < 0; week -= 4)
      {
        /* Translators: the last label of the gestational-age ruler's axis: "40周" */
        g_autofree char *label = g_strdup_printf (_("%d weeks"), week);

        if (add_label (self, items, HZ_RULER_AXIS_LABEL, &dim, label,
                       day_to_x (self, width, week * 7), band_bottom + 1, 0.5, width) != NULL)
          unit_week = week;
      }
    for (int week = last_week - last_week % 4; week >= 0; week -= 4)
      {
        g_autofree char *label = g_strdup_printf ("%d", week);

        if (week != unit_week)
          add_label (self, items, HZ_RULER_AXIS_LABEL, &dim, label,
                     day_to_x (self, width, week * 7), band_bottom + 1, 0.5, width);
      }
  }
  if (self->delivery_day >= 0)
    {
      for (int pp = 7; pp <= POSTPARTUM_DAYS; pp += 7)
        add_mark (items, HZ_RULER_TICK, &tick, day_to_x (self, width, self->delivery_day + pp), band_bottom - 4, 1, 4);
      /* +42 first: the end of the postpartum period matters most */
      for (int pp = POSTPARTUM_DAYS; pp >= 14; pp -= 14)
        {
          /* Translators: days after delivery on the ruler, short: "+14天" */
          g_autofree char *label = g_strdup_printf (_("+%dd"), pp);

          add_label (self, items, HZ_RULER_AXIS_LABEL, &dim, label,
                     day_to_x (self, width, self->delivery_day + pp), band_bottom + 1, 0.5, width);
        }
    }

  /* Due windows, over the ticks */
  for (guint i = 0; self->due_items != NULL && i < self->due_items->len; i++)
    {
      const HzDueItem *item = g_ptr_array_index (self->due_items, i);
      int start, end;
      double x0, x1;

      if (item->status == HZ_DUE_STATUS_DONE || item->status == HZ_DUE_STATUS_MISSED ||
          !due_window (self, item, &start, &end))
        continue;

      x0 = day_to_x (self, width, CLAMP (start, 0, self->n_days));
      x1 = day_to_x (self, width, CLAMP (end, 0, self->n_days));
      add_mark (items, HZ_RULER_DUE, item->status == HZ_DUE_STATUS_OVERDUE ? &overdue_colour : &due_colour,
                x0, band_bottom - 14 - (i % 2) * 4, MAX (x1 - x0, 2), 3);
    }

  /* Events: one bar per day, between the due windows and the band names */
  for (int day = 0; self->counts != NULL && day <= self->n_days; day++)
    {
      const GdkRGBA *colour;
      double h, max_h = band_bottom - 20 - NAMES_BOTTOM;

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
      h = MIN (6 + 5 * log2 (self->counts[day]), max_h);
      add_mark (items, HZ_RULER_EVENT, colour, day_to_x (self, width, day + 0.5) - 1, band_bottom - 20 - h, 2, h);
    }

  /* The range the list shows: under the band names, not over them */
  if (self->visible_first <= self->visible_last)
    {
      double x0 = day_to_x (self, width, CLAMP (self->visible_first, 0, self->n_days));
      double x1 = day_to_x (self, width, CLAMP (self->visible_last + 1, 0, self->n_days));

      add_mark (items, HZ_RULER_RANGE, &range_colour, x0, NAMES_BOTTOM, MAX (x1 - x0, 3), band_bottom - NAMES_BOTTOM);
    }

  return items;
}

/* Items in the order they are painted: bands, range, marks, today, labels */
static int
paint_order (HzRulerItemKind kind)
{
  switch (kind)
    {
    case HZ_RULER_BAND:
      return 0;
    case HZ_RULER_RANGE:
      return 1;
    case HZ_RULER_TICK:
    case HZ_RULER_DUE:
    case HZ_RULER_EVENT:
    case HZ_RULER_DELIVERY:
      return 2;
    case HZ_RULER_TODAY:
      return 3;
    case HZ_RULER_BAND_NAME:
    case HZ_RULER_AXIS_LABEL:
    case HZ_RULER_TODAY_LABEL:
    default:
      return 4;
    }
}

static void
hz_timeline_ruler_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  HzTimelineRuler *self = HZ_TIMELINE_RULER (widget);
  g_autoptr(GArray) items = hz_timeline_ruler_compute_layout (self, gtk_widget_get_width (widget),
                                                              gtk_widget_get_height (widget));

  for (int order = 0; order <= 4; order++)
    for (guint i = 0; i < items->len; i++)
      {
        const HzRulerItem *item = &g_array_index (items, HzRulerItem, i);

        if (paint_order (item->kind) != order)
          continue;

        if (item->kind == HZ_RULER_TODAY_LABEL)
          {
            GskRoundedRect pill;

            gsk_rounded_rect_init_from_rect (&pill, &item->rect, item->rect.size.height / 2);
            gtk_snapshot_push_rounded_clip (snapshot, &pill);
            gtk_snapshot_append_color (snapshot, &item->background, &item->rect);
            gtk_snapshot_pop (snapshot);
          }

        if (item->layout != NULL)
          {
            gtk_snapshot_save (snapshot);
            gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (item->rect.origin.x + (item->kind == HZ_RULER_TODAY_LABEL ? TODAY_PAD_X : 0),
                                                                    item->rect.origin.y));
            gtk_snapshot_append_layout (snapshot, item->layout, &item->colour);
            gtk_snapshot_restore (snapshot);
          }
        else
          gtk_snapshot_append_color (snapshot, &item->colour, &item->rect);
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

/* The band a day is in, with its limits: "Second trimester (14+0–27+6 weeks)" */
static char *
band_text (HzTimelineRuler *self,
           int              day)
{
  if (self->delivery_day >= 0 && day > self->delivery_day)
    /* Translators: the postpartum band of the ruler */
    return g_strdup (_("Postpartum (the 42 days after delivery)"));
  if (day < 14 * 7)
    /* Translators: %s is "First trimester" */
    return g_strdup_printf (_("%s (before 14+0 weeks)"), hz_trimester_get_display_name (HZ_TRIMESTER_FIRST));
  if (day < 28 * 7)
    /* Translators: %s is "Second trimester" */
    return g_strdup_printf (_("%s (14+0 to 27+6 weeks)"), hz_trimester_get_display_name (HZ_TRIMESTER_SECOND));
  /* Translators: %s is "Third trimester" */
  return g_strdup_printf (_("%s (from 28+0 weeks)"), hz_trimester_get_display_name (HZ_TRIMESTER_THIRD));
}

char *
hz_timeline_ruler_dup_tooltip_text (HzTimelineRuler *self,
                                    double           x)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *where = NULL;
  g_autofree char *band = NULL;
  guint n = 0;
  int day;

  g_return_val_if_fail (HZ_IS_TIMELINE_RULER (self), NULL);

  if (self->model == NULL || !hz_timeline_model_get_ga_known (self->model))
    return NULL;

  day = (int) floor (x_to_day (self, x));
  if (day < 0 || day > self->n_days)
    return NULL;

  if (self->delivery_day >= 0 && day > self->delivery_day)
    {
      where = hz_ga_format_postpartum (day - self->delivery_day);
      n = self->counts[day];
    }
  else
    {
      int week = day / 7;

      where = hz_ga_format (day);
      for (int d = week * 7; d < week * 7 + 7 && d <= self->n_days; d++)
        n += self->counts[d];
    }

  /* Translators: tooltip on the ruler: a GA, then the events of its week */
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%s · %u event this week", "%s · %u events this week", n),
                          where, n);
  band = band_text (self, day);
  g_string_append_printf (text, "\n%s", band);

  /* The due windows here, by name */
  for (guint i = 0; self->due_items != NULL && i < self->due_items->len; i++)
    {
      const HzDueItem *item = g_ptr_array_index (self->due_items, i);
      g_autofree char *window = NULL;
      int start, end;

      if (item->status == HZ_DUE_STATUS_DONE || item->status == HZ_DUE_STATUS_MISSED ||
          !due_window (self, item, &start, &end) || day < start || day >= end)
        continue;
      window = hz_due_item_format_window (item);
      /* Translators: a due window on the ruler: its title, status and window */
      g_string_append_printf (text, _("\nWindow for %s (%s): %s"),
                              item->title, hz_due_status_get_display_name (item->status), window);
    }

  g_string_append_printf (text, "\n\n%s", hz_timeline_ruler_get_legend ());
  return g_string_free (g_steal_pointer (&text), FALSE);
}

const char *
hz_timeline_ruler_get_legend (void)
{
  return _("Bands: trimesters and the postpartum weeks. "
           "Upright bars: days with events, taller for more; red critical, amber needs attention. "
           "Thin lines under them: the windows of checks to do (red: overdue). "
           "Red line: today.");
}

static gboolean
hz_timeline_ruler_query_tooltip (GtkWidget  *widget,
                                 int         x,
                                 int         y,
                                 gboolean    keyboard_mode,
                                 GtkTooltip *tooltip)
{
  g_autofree char *text = hz_timeline_ruler_dup_tooltip_text (HZ_TIMELINE_RULER (widget), x);

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
hz_timeline_ruler_css_changed (GtkWidget         *widget,
                               GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (hz_timeline_ruler_parent_class)->css_changed (widget, change);

  /* The dark style or another font: colours and label sizes change */
  gtk_widget_queue_draw (widget);
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
  widget_class->css_changed = hz_timeline_ruler_css_changed;

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
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, hz_timeline_ruler_get_legend (),
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
