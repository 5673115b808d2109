/* hz-timeline-row-widget.c — how one HzTimelineRow looks in the list
 *
 * One widget that draws its row itself. GTK 4.8's list view keeps up to
 * two hundred rows alive around what is on screen; with a box of labels
 * per row, measuring their text was most of the first frame. Here a row's
 * height depends only on its kind and the font (no text is shaped to
 * measure it), binding only swaps the row, and the text is laid out when
 * the row is drawn, once per bind and width.
 *
 * Layout of an event:  | bar | date | GA | icon | title          | team |
 *                                                detail (dim)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-timeline"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "hz-timeline-row-widget.h"

#define PAD_X          12
#define PAD_Y          5
#define HEADER_MARGIN  10
#define BAR_WIDTH      4
#define DATE_WIDTH     92
#define MIN_GA_WIDTH   110
#define ICON_SIZE      16
#define GAP            12
#define PILL_PAD_X     8
#define MAX_TEXT_CHARS 200

typedef enum {
  LAYOUT_DATE,
  LAYOUT_GA,
  LAYOUT_TITLE,
  LAYOUT_DETAIL,
  LAYOUT_TEAM,
  LAYOUT_SUBTITLE,
  LAYOUT_COUNT,
  N_LAYOUTS
} LayoutId;

struct _HzTimelineRowWidget
{
  GtkWidget      parent_instance;

  HzTimelineRow *row;
  PangoLayout   *layouts[N_LAYOUTS];
  int            layout_width;     /* the width the layouts were made for */

  int            line_height;      /* normal text; 0 until measured */
  int            small_height;     /* caption text */
  int            ga_width;         /* the GA column: its longest label fits */

  /* where the last snapshot put the texts, for their tooltips */
  int            ga_x;
  int            title_x;
  int            title_right;
  int            detail_y;
};

G_DEFINE_FINAL_TYPE (HzTimelineRowWidget, hz_timeline_row_widget, GTK_TYPE_WIDGET)

static const GdkRGBA attention_colour = { 0.90, 0.65, 0.04, 1.0 };
static const GdkRGBA critical_colour = { 0.88, 0.11, 0.14, 1.0 };
static const GdkRGBA trimester_tints[] = {
  { 0.21, 0.52, 0.89, 0.14 },
  { 0.18, 0.76, 0.49, 0.14 },
  { 0.90, 0.38, 0.00, 0.14 },
};
static const GdkRGBA postpartum_tint = { 0.57, 0.25, 0.67, 0.14 };
static const GdkRGBA team_tints[] = {
  [HZ_TEAM_OBSTETRICS] = { 0.21, 0.52, 0.89, 0.22 },
  [HZ_TEAM_REPRODUCTIVE] = { 0.57, 0.25, 0.67, 0.22 },
  [HZ_TEAM_PSYCHOLOGY] = { 0.90, 0.38, 0.00, 0.22 },
  [HZ_TEAM_NUTRITION] = { 0.18, 0.76, 0.49, 0.22 },
  [HZ_TEAM_OTHER] = { 0.5, 0.5, 0.5, 0.16 },
};

static void
clear_layouts (HzTimelineRowWidget *self)
{
  for (guint i = 0; i < N_LAYOUTS; i++)
    g_clear_object (&self->layouts[i]);
  self->layout_width = -1;
}

/* The GA column is as wide as its longest label in this language and
 * font ("postpartum day 42", "40w6d", "产后42天"), once per font. */
static int
ga_column_width (HzTimelineRowWidget *self,
                 const char          *font_key)
{
  static GHashTable *cache;   /* font description → width in pixels */
  g_autofree char *postpartum = NULL;
  g_autofree char *late = NULL;
  const char *samples[3];
  int width;

  if (cache == NULL)
    cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  width = GPOINTER_TO_INT (g_hash_table_lookup (cache, font_key));
  if (width > 0)
    return width;

  postpartum = hz_ga_format_postpartum (42);
  late = hz_ga_format (42 * 7 + 6);
  samples[0] = postpartum;
  samples[1] = late;
  samples[2] = _("Before pregnancy");
  width = MIN_GA_WIDTH;
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), samples[i]);
      PangoAttrList *attrs = pango_attr_list_new ();
      int w;

      pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
      pango_layout_get_pixel_size (layout, &w, NULL);
      width = MAX (width, w + GAP);
    }
  g_hash_table_insert (cache, g_strdup (font_key), GINT_TO_POINTER (width));
  return width;
}

static void
ensure_metrics (HzTimelineRowWidget *self)
{
  PangoContext *context;
  static GHashTable *metrics_cache;   /* font description → line height (Pango units) */
  g_autofree char *key = NULL;
  PangoFontMetrics *metrics;
  int height;

  if (self->line_height > 0)
    return;

  /* Each widget has its own PangoContext, and computing metrics loads
   * the whole fontset: done once per font for all the rows (main thread). */
  context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  key = pango_font_description_to_string (pango_context_get_font_description (context));
  if (metrics_cache == NULL)
    metrics_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  height = GPOINTER_TO_INT (g_hash_table_lookup (metrics_cache, key));
  if (height <= 0)
    {
      metrics = pango_context_get_metrics (context, NULL, NULL);
      height = pango_font_metrics_get_height (metrics);
      if (height <= 0)
        height = pango_font_metrics_get_ascent (metrics) + pango_font_metrics_get_descent (metrics);
      pango_font_metrics_unref (metrics);
      if (height > 0)
        g_hash_table_insert (metrics_cache, g_strdup (key), GINT_TO_POINTER (height));
    }

  /* Han glyphs sit a little taller than the Latin metrics promise */
  self->line_height = PANGO_PIXELS_CEIL (height) + 2;
  self->small_height = (int) (self->line_height * 0.85 + 0.5);
  self->ga_width = ga_column_width (self, key);
}

static gboolean
row_has_detail (HzTimelineRowWidget *self)
{
  const char *detail;

  if (self->row == NULL || hz_timeline_row_get_row_type (self->row) != HZ_TIMELINE_ROW_EVENT)
    return FALSE;
  detail = hz_timeline_event_get_detail (hz_timeline_row_get_event (self->row));
  return detail != NULL && *detail != '\0';
}

static int
row_height (HzTimelineRowWidget *self)
{
  ensure_metrics (self);

  if (self->row == NULL)
    return self->line_height + 2 * PAD_Y;

  switch (hz_timeline_row_get_row_type (self->row))
    {
    case HZ_TIMELINE_ROW_HEADER:
      return HEADER_MARGIN + self->line_height + 2 * PAD_Y + 2;
    case HZ_TIMELINE_ROW_TODAY:
      return self->line_height + 2 * PAD_Y + 4;
    case HZ_TIMELINE_ROW_EVENT:
    default:
      return 2 * PAD_Y + self->line_height + (row_has_detail (self) ? self->small_height + 1 : 0);
    }
}

static void
hz_timeline_row_widget_measure (GtkWidget      *widget,
                                GtkOrientation  orientation,
                                int             for_size,
                                int            *minimum,
                                int            *natural,
                                int            *minimum_baseline,
                                int            *natural_baseline)
{
  HzTimelineRowWidget *self = HZ_TIMELINE_ROW_WIDGET (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      ensure_metrics (self);
      *minimum = PAD_X * 2 + DATE_WIDTH + self->ga_width + ICON_SIZE + 3 * GAP + 120;
      *natural = *minimum + 400;
    }
  else
    *minimum = *natural = row_height (self);
}

/* --- text ------------------------------------------------------------------ */

static PangoLayout *
make_layout (HzTimelineRowWidget *self,
             const char          *text,
             gboolean             bold,
             gboolean             small,
             gboolean             italic,
             int                  width)
{
  PangoLayout *layout;
  g_autofree char *cut = NULL;

  if (text == NULL)
    text = "";
  /* Only what fits is shown: do not shape the rest */
  if (strlen (text) > MAX_TEXT_CHARS && g_utf8_strlen (text, -1) > MAX_TEXT_CHARS)
    {
      cut = g_strndup (text, g_utf8_offset_to_pointer (text, MAX_TEXT_CHARS) - text);
      text = cut;
    }

  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  if (bold || small || italic)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      if (bold)
        pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      if (small)
        pango_attr_list_insert (attrs, pango_attr_scale_new (0.85));
      if (italic)
        pango_attr_list_insert (attrs, pango_attr_style_new (PANGO_STYLE_ITALIC));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  if (width > 0)
    {
      pango_layout_set_width (layout, width * PANGO_SCALE);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  return layout;
}

static void
draw_layout (GtkSnapshot   *snapshot,
             PangoLayout   *layout,
             const GdkRGBA *colour,
             double         x,
             double         y)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((float) x, (float) y));
  gtk_snapshot_append_layout (snapshot, layout, colour);
  gtk_snapshot_restore (snapshot);
}

static int
layout_width (PangoLayout *layout)
{
  int w;

  pango_layout_get_pixel_size (layout, &w, NULL);
  return w;
}

static void
append_rounded (GtkSnapshot   *snapshot,
                const GdkRGBA *colour,
                float          x,
                float          y,
                float          w,
                float          h,
                float          radius)
{
  GskRoundedRect rect;

  gsk_rounded_rect_init_from_rect (&rect, &GRAPHENE_RECT_INIT (x, y, w, h), radius);
  gtk_snapshot_push_rounded_clip (snapshot, &rect);
  gtk_snapshot_append_color (snapshot, colour, &rect.bounds);
  gtk_snapshot_pop (snapshot);
}

static void
snapshot_event (HzTimelineRowWidget *self,
                GtkSnapshot         *snapshot,
                int                  width,
                int                  height,
                const GdkRGBA       *fg,
                const GdkRGBA       *dim)
{
  HzTimelineEvent *event = hz_timeline_row_get_event (self->row);
  HzSeverity severity = hz_timeline_event_get_severity (event);
  gboolean due = hz_timeline_event_get_kind (event) == HZ_EVENT_KIND_DUE;
  gboolean has_team = hz_timeline_event_has_team (event);
  HzTeam team = hz_timeline_event_get_team (event);
  const GdkRGBA *title_colour = severity == HZ_SEVERITY_CRITICAL ? &critical_colour : fg;
  GdkRGBA bar = *fg;
  int x, title_x, title_width, team_width = 0;
  double y = PAD_Y;

  /* Severity bar */
  bar.alpha *= 0.12f;
  append_rounded (snapshot,
                  severity == HZ_SEVERITY_CRITICAL ? &critical_colour :
                  severity == HZ_SEVERITY_ATTENTION ? &attention_colour : &bar,
                  PAD_X, 3, BAR_WIDTH, height - 6, 2);

  if (self->layouts[LAYOUT_DATE] == NULL)
    {
      self->layouts[LAYOUT_DATE] = make_layout (self, hz_timeline_row_get_date_label (self->row), FALSE, FALSE, FALSE, DATE_WIDTH);
      self->layouts[LAYOUT_GA] = make_layout (self, hz_timeline_row_get_ga_label (self->row), TRUE, FALSE, FALSE, self->ga_width - 6);
      if (has_team)
        self->layouts[LAYOUT_TEAM] = make_layout (self, hz_team_get_display_name (team), FALSE, TRUE, FALSE, -1);
    }

  x = PAD_X + BAR_WIDTH + GAP;
  draw_layout (snapshot, self->layouts[LAYOUT_DATE], dim, x, y);
  x += DATE_WIDTH;
  self->ga_x = x;
  draw_layout (snapshot, self->layouts[LAYOUT_GA], dim, x, y);
  x += self->ga_width;

  /* Kind icon */
  {
    GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (self)));
    g_autoptr(GtkIconPaintable) icon =
      gtk_icon_theme_lookup_icon (theme, hz_event_kind_get_icon_name (hz_timeline_event_get_kind (event)),
                                  NULL, ICON_SIZE, gtk_widget_get_scale_factor (GTK_WIDGET (self)),
                                  gtk_widget_get_direction (GTK_WIDGET (self)), 0);
    GdkRGBA colours[4] = { *dim, critical_colour, attention_colour, attention_colour };

    gtk_snapshot_save (snapshot);
    gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((float) x, (float) (y + (self->line_height - ICON_SIZE) / 2.0)));
    gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (icon), GDK_SNAPSHOT (snapshot),
                                              ICON_SIZE, ICON_SIZE, colours, G_N_ELEMENTS (colours));
    gtk_snapshot_restore (snapshot);
  }
  x += ICON_SIZE + GAP;
  title_x = x;

  /* Team pill, right */
  if (self->layouts[LAYOUT_TEAM] != NULL)
    {
      int w = layout_width (self->layouts[LAYOUT_TEAM]);
      float pill_h = self->small_height + 2;
      float px = width - PAD_X - w - 2 * PILL_PAD_X;
      float py = (height - pill_h) / 2.0f;

      append_rounded (snapshot, &team_tints[(guint) team <= HZ_TEAM_OTHER ? team : HZ_TEAM_OTHER],
                      px, py, w + 2 * PILL_PAD_X, pill_h, pill_h / 2);
      draw_layout (snapshot, self->layouts[LAYOUT_TEAM], fg, px + PILL_PAD_X, py + 1);
      team_width = w + 2 * PILL_PAD_X + GAP;
    }

  title_width = MAX (width - title_x - PAD_X - team_width, 40);
  if (self->layouts[LAYOUT_TITLE] == NULL || self->layout_width != title_width)
    {
      g_clear_object (&self->layouts[LAYOUT_TITLE]);
      g_clear_object (&self->layouts[LAYOUT_DETAIL]);
      self->layouts[LAYOUT_TITLE] = make_layout (self, hz_timeline_event_get_title (event),
                                                 severity == HZ_SEVERITY_CRITICAL, FALSE, due, title_width);
      if (row_has_detail (self))
        self->layouts[LAYOUT_DETAIL] = make_layout (self, hz_timeline_event_get_detail (event),
                                                    FALSE, TRUE, FALSE, title_width);
      self->layout_width = title_width;
    }

  self->title_x = title_x;
  self->title_right = title_x + title_width;
  self->detail_y = (int) (y + self->line_height + 1);
  draw_layout (snapshot, self->layouts[LAYOUT_TITLE], title_colour, title_x, y);
  if (self->layouts[LAYOUT_DETAIL] != NULL)
    draw_layout (snapshot, self->layouts[LAYOUT_DETAIL], dim, title_x, y + self->line_height + 1);
}

static void
snapshot_header (HzTimelineRowWidget *self,
                 GtkSnapshot         *snapshot,
                 int                  width,
                 int                  height,
                 const GdkRGBA       *fg,
                 const GdkRGBA       *dim)
{
  const HzTimelineGroup *group = hz_timeline_row_get_group (self->row);
  int trimester = hz_timeline_row_get_trimester (self->row);
  GdkRGBA plain = *fg;
  const GdkRGBA *tint;
  float top = HEADER_MARGIN;
  float box_h = height - HEADER_MARGIN - 2;
  int x = PAD_X + 8, title_w, count_w;

  plain.alpha *= 0.06f;
  if (trimester >= 0)
    tint = &trimester_tints[trimester];
  else if (group->type == HZ_TIMELINE_GROUP_POSTPARTUM)
    tint = &postpartum_tint;
  else
    tint = &plain;
  append_rounded (snapshot, tint, PAD_X, top, width - 2 * PAD_X, box_h, 6);

  if (self->layouts[LAYOUT_TITLE] == NULL || self->layout_width != width)
    {
      guint n = hz_timeline_row_get_n_events (self->row);
      g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event", "%u events", n), n);

      clear_layouts (self);
      self->layouts[LAYOUT_TITLE] = make_layout (self, hz_timeline_row_get_title (self->row), TRUE, FALSE, FALSE, -1);
      self->layouts[LAYOUT_COUNT] = make_layout (self, count, FALSE, TRUE, FALSE, -1);
      title_w = layout_width (self->layouts[LAYOUT_TITLE]);
      count_w = layout_width (self->layouts[LAYOUT_COUNT]);
      self->layouts[LAYOUT_SUBTITLE] = make_layout (self, hz_timeline_row_get_subtitle (self->row), FALSE, TRUE, FALSE,
                                                    MAX (width - 2 * PAD_X - 16 - title_w - count_w - 2 * GAP, 20));
      self->layout_width = width;
    }

  title_w = layout_width (self->layouts[LAYOUT_TITLE]);
  count_w = layout_width (self->layouts[LAYOUT_COUNT]);
  draw_layout (snapshot, self->layouts[LAYOUT_TITLE], fg, x, top + PAD_Y);
  draw_layout (snapshot, self->layouts[LAYOUT_SUBTITLE], dim, x + title_w + GAP,
               top + PAD_Y + (self->line_height - self->small_height) / 2.0 + 1);
  draw_layout (snapshot, self->layouts[LAYOUT_COUNT], dim, width - PAD_X - 8 - count_w,
               top + PAD_Y + (self->line_height - self->small_height) / 2.0 + 1);
}

static void
snapshot_today (HzTimelineRowWidget *self,
                GtkSnapshot         *snapshot,
                int                  width,
                int                  height)
{
  int w;

  if (self->layouts[LAYOUT_TITLE] == NULL)
    {
      /* Translators: the today marker in the timeline: "Today · 2026-11-23 · 24w2d" */
      g_autofree char *text = g_strdup_printf (_("Today · %s"), hz_timeline_row_get_subtitle (self->row));

      self->layouts[LAYOUT_TITLE] = make_layout (self, text, TRUE, FALSE, FALSE, -1);
    }

  w = layout_width (self->layouts[LAYOUT_TITLE]);
  draw_layout (snapshot, self->layouts[LAYOUT_TITLE], &critical_colour, PAD_X, (height - self->line_height) / 2.0);
  append_rounded (snapshot, &critical_colour, PAD_X + w + 8, height / 2.0f - 1, MAX (width - 2 * PAD_X - w - 8, 0), 2, 1);
}

static void
hz_timeline_row_widget_snapshot (GtkWidget   *widget,
                                 GtkSnapshot *snapshot)
{
  HzTimelineRowWidget *self = HZ_TIMELINE_ROW_WIDGET (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GdkRGBA fg, dim;

  if (self->row == NULL || width <= 0)
    return;

  ensure_metrics (self);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  dim = fg;
  dim.alpha *= 0.62f;

  switch (hz_timeline_row_get_row_type (self->row))
    {
    case HZ_TIMELINE_ROW_EVENT:
      snapshot_event (self, snapshot, width, height, &fg, &dim);
      break;
    case HZ_TIMELINE_ROW_HEADER:
      snapshot_header (self, snapshot, width, height, &fg, &dim);
      break;
    case HZ_TIMELINE_ROW_TODAY:
    default:
      snapshot_today (self, snapshot, width, height);
      break;
    }
}

static gboolean
layout_cut (PangoLayout *layout)
{
  return layout != NULL && pango_layout_is_ellipsized (layout);
}

char *
hz_timeline_row_widget_dup_tooltip_text (HzTimelineRowWidget *self,
                                         double               x,
                                         double               y)
{
  HzTimelineEvent *event;
  const char *detail;

  g_return_val_if_fail (HZ_IS_TIMELINE_ROW_WIDGET (self), NULL);

  if (self->row == NULL || hz_timeline_row_get_row_type (self->row) != HZ_TIMELINE_ROW_EVENT)
    return NULL;

  event = hz_timeline_row_get_event (self->row);
  detail = hz_timeline_event_get_detail (event);

  /* The GA column */
  if (x >= self->ga_x && x < self->title_x - ICON_SIZE - GAP)
    return layout_cut (self->layouts[LAYOUT_GA]) ? g_strdup (hz_timeline_row_get_ga_label (self->row)) : NULL;

  /* The title and the detail under it: all of it when either was cut */
  if (x >= self->title_x && x < self->title_right &&
      (layout_cut (self->layouts[LAYOUT_TITLE]) || layout_cut (self->layouts[LAYOUT_DETAIL])))
    {
      if (detail != NULL && *detail != '\0')
        return g_strdup_printf ("%s\n%s", hz_timeline_event_get_title (event), detail);
      return g_strdup (hz_timeline_event_get_title (event));
    }

  return NULL;
}

static gboolean
hz_timeline_row_widget_query_tooltip (GtkWidget  *widget,
                                      int         x,
                                      int         y,
                                      gboolean    keyboard_mode,
                                      GtkTooltip *tooltip)
{
  HzTimelineRowWidget *self = HZ_TIMELINE_ROW_WIDGET (widget);
  g_autofree char *text = NULL;

  if (keyboard_mode)
    {
      /* Focused by keyboard: whatever was cut */
      text = hz_timeline_row_widget_dup_tooltip_text (self, self->title_x, 0);
      if (text == NULL)
        text = hz_timeline_row_widget_dup_tooltip_text (self, self->ga_x, 0);
    }
  else
    text = hz_timeline_row_widget_dup_tooltip_text (self, x, y);

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
hz_timeline_row_widget_css_changed (GtkWidget         *widget,
                                    GtkCssStyleChange *change)
{
  HzTimelineRowWidget *self = HZ_TIMELINE_ROW_WIDGET (widget);

  GTK_WIDGET_CLASS (hz_timeline_row_widget_parent_class)->css_changed (widget, change);

  /* The font may have changed: measure and lay out again */
  self->line_height = 0;
  clear_layouts (self);
  gtk_widget_queue_resize (widget);
}

static void
hz_timeline_row_widget_dispose (GObject *object)
{
  HzTimelineRowWidget *self = (HzTimelineRowWidget *)object;

  clear_layouts (self);
  g_clear_object (&self->row);

  G_OBJECT_CLASS (hz_timeline_row_widget_parent_class)->dispose (object);
}

static void
hz_timeline_row_widget_class_init (HzTimelineRowWidgetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hz_timeline_row_widget_dispose;

  widget_class->measure = hz_timeline_row_widget_measure;
  widget_class->snapshot = hz_timeline_row_widget_snapshot;
  widget_class->css_changed = hz_timeline_row_widget_css_changed;
  widget_class->query_tooltip = hz_timeline_row_widget_query_tooltip;

  gtk_widget_class_set_css_name (widget_class, "timelinerow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
hz_timeline_row_widget_init (HzTimelineRowWidget *self)
{
  self->layout_width = -1;
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}

GtkWidget *
hz_timeline_row_widget_new (void)
{
  return g_object_new (HZ_TYPE_TIMELINE_ROW_WIDGET, NULL);
}

HzTimelineRow *
hz_timeline_row_widget_get_row (HzTimelineRowWidget *self)
{
  g_return_val_if_fail (HZ_IS_TIMELINE_ROW_WIDGET (self), NULL);

  return self->row;
}

/* What a screen reader says for the row */
static char *
accessible_text (HzTimelineRow *row)
{
  HzTimelineEvent *event;
  const char *detail;

  switch (hz_timeline_row_get_row_type (row))
    {
    case HZ_TIMELINE_ROW_HEADER:
      return g_strdup_printf ("%s, %s", hz_timeline_row_get_title (row), hz_timeline_row_get_subtitle (row));
    case HZ_TIMELINE_ROW_TODAY:
      return g_strdup_printf (_("Today · %s"), hz_timeline_row_get_subtitle (row));
    case HZ_TIMELINE_ROW_EVENT:
    default:
      event = hz_timeline_row_get_event (row);
      detail = hz_timeline_event_get_detail (event);
      return g_strdup_printf ("%s, %s, %s%s%s%s%s",
                              hz_timeline_row_get_date_label (row),
                              hz_timeline_row_get_ga_label (row),
                              hz_timeline_event_get_title (event),
                              detail != NULL ? ", " : "", detail != NULL ? detail : "",
                              hz_timeline_event_has_team (event) ? ", " : "",
                              hz_timeline_event_has_team (event) ? hz_team_get_display_name (hz_timeline_event_get_team (event)) : "");
    }
}

void
hz_timeline_row_widget_set_row (HzTimelineRowWidget *self,
                                HzTimelineRow       *row)
{
  gboolean resize;
  int old_height;

  g_return_if_fail (HZ_IS_TIMELINE_ROW_WIDGET (self));
  g_return_if_fail (row == NULL || HZ_IS_TIMELINE_ROW (row));

  if (self->row == row)
    return;

  old_height = self->row != NULL ? row_height (self) : -1;
  g_set_object (&self->row, row);
  clear_layouts (self);
  resize = row == NULL || row_height (self) != old_height;

  if (row != NULL)
    {
      g_autofree char *label = accessible_text (row);

      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
    }

  if (resize)
    gtk_widget_queue_resize (GTK_WIDGET (self));
  else
    gtk_widget_queue_draw (GTK_WIDGET (self));
}
