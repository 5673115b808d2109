/* hz-timeline-page.c — the Timeline page of a case workspace
 *
 * A virtualised GtkListView over HzTimelineModel (week headers are rows of
 * their own), a gestational-age ruler, the next due items, filters by
 * team, kind and text, a jump entry, and a second view of lab trends.
 * Its view state (scroll anchor, filters, selection, view) is an
 * HzSyncable so that a remote session can follow the presenter.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-timeline"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "hz-timeline-page.h"
#include "hz-timeline-resources.h"
#include "hz-timeline-row-widget.h"
#include "hz-timeline-ruler.h"
#include "hz-timeline-store-source.h"
#include "hz-trend-chart.h"
#include "hz-trend-series.h"

#define STATE_VERSION        1
#define STATE_THROTTLE_MS    150
#define MAX_DUE_CHIPS        3
#define SCROLL_MAX_FRAMES    12
#define INITIAL_TODAY_OFFSET (-160)
#define HIGHLIGHT_MS         2000

struct _HzTimelinePage
{
  GtkWidget              parent_instance;

  /* template */
  GtkWidget             *toolbar;
  GtkWidget             *switcher;
  GtkWidget             *team_box;
  GtkWidget             *kind_button;
  GtkWidget             *kind_popover;
  GtkWidget             *kind_box;
  GtkWidget             *search_entry;
  GtkWidget             *jump_entry;
  GtkWidget             *today_button;
  GtkWidget             *info_box;
  GtkWidget             *jump_error_label;
  GtkWidget             *dating_label;
  GtkWidget             *due_box;
  HzTimelineRuler       *ruler;
  AdwViewStack          *stack;
  GtkStack              *events_stack;
  GtkScrolledWindow     *scroller;
  GtkListView           *list_view;
  AdwStatusPage         *empty_page;
  GtkWidget             *clear_button;
  GtkStack              *trends_stack;
  GtkFlowBox            *charts_box;

  HzCase                *kase;
  gulong                 case_changed_id;
  HzTimelineModel       *model;
  HzTimelineStoreSource *store_source;
  GtkSingleSelection    *selection;
  GtkWidget             *team_buttons[HZ_TEAM_OTHER + 1];
  GtkWidget             *kind_buttons[HZ_EVENT_KIND_OTHER + 1];
  GPtrArray             *due_items;
  GPtrArray             *series;
  GHashTable            *bound;          /* GtkListItem set */
  HzWorkspace           *workspace;      /* weak */
  GtkWidget             *popover;
  guint                  popover_position;
  GDate                  today;

  char                  *selected_key;
  char                  *highlight_key;  /* the week a jump went to, briefly */
  guint                  highlight_id;
  char                  *pending_anchor;
  int                    pending_offset;
  guint                  pending_frames;
  guint                  pending_at_limit;
  guint                  scroll_tick_id;
  char                  *last_anchor;
  int                    last_offset;

  guint                  state_timeout_id;
  guint                  range_idle_id;
  GdkFrameClock         *range_clock;    /* waiting for its after-paint */
  gulong                 range_paint_id;
  guint                  applying;
  guint                  trends_dirty : 1;
};

static void syncable_iface_init (HzSyncableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HzTimelinePage, hz_timeline_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (HZ_TYPE_SYNCABLE, syncable_iface_init))

enum {
  PROP_0,
  PROP_CASE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* --- state-changed, throttled ----------------------------------------------- */

static gboolean
emit_state_changed (gpointer data)
{
  HzTimelinePage *self = data;

  self->state_timeout_id = 0;
  hz_syncable_emit_state_changed (HZ_SYNCABLE (self));
  return G_SOURCE_REMOVE;
}

/* A user's change: tell a following session, at most every STATE_THROTTLE_MS. */
static void
schedule_state_changed (HzTimelinePage *self)
{
  if (self->applying > 0 || self->state_timeout_id != 0)
    return;
  self->state_timeout_id = g_timeout_add (STATE_THROTTLE_MS, emit_state_changed, self);
}

/* --- rows on screen ---------------------------------------------------------- */

static GtkWidget *
widget_for_position (HzTimelinePage *self,
                     guint           position)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->bound);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      GtkListItem *item = key;

      if (gtk_list_item_get_position (item) == position)
        return gtk_list_item_get_child (item);
    }
  return NULL;
}

/* The row at the top of the list and how many pixels of it are above the
 * edge; the range of rows on screen. FALSE when nothing is laid out. */
static gboolean
find_rows_on_screen (HzTimelinePage *self,
                     guint          *top_position,
                     int            *top_offset,
                     guint          *first,
                     guint          *last)
{
  int height = gtk_widget_get_height (GTK_WIDGET (self->list_view));
  GHashTableIter iter;
  gpointer key;
  gboolean found = FALSE;
  float best_y = G_MAXFLOAT;

  if (!gtk_widget_get_mapped (GTK_WIDGET (self->list_view)) || height <= 0)
    return FALSE;

  *first = G_MAXUINT;
  *last = 0;
  g_hash_table_iter_init (&iter, self->bound);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      GtkListItem *item = key;
      GtkWidget *child = gtk_list_item_get_child (item);
      guint position = gtk_list_item_get_position (item);
      graphene_rect_t bounds;

      if (child == NULL || position == GTK_INVALID_LIST_POSITION ||
          !gtk_widget_get_mapped (child) ||
          !gtk_widget_compute_bounds (child, GTK_WIDGET (self->list_view), &bounds))
        continue;
      if (bounds.origin.y + bounds.size.height <= 0 || bounds.origin.y >= height)
        continue;

      found = TRUE;
      *first = MIN (*first, position);
      *last = MAX (*last, position);
      if (bounds.origin.y < best_y)
        {
          best_y = bounds.origin.y;
          *top_position = position;
          *top_offset = (int) -bounds.origin.y;
        }
    }

  return found;
}

static HzTimelineRow *
row_at (HzTimelinePage *self,
        guint           position)
{
  g_autoptr(HzTimelineRow) row = g_list_model_get_item (G_LIST_MODEL (self->model), position);

  return row;  /* the model holds a reference */
}

/* A key to anchor the scroll at for the row at @position: its own, or its
 * group's (then the offset is not meaningful any more). */
static const char *
anchor_key (HzTimelinePage *self,
            guint           position,
            gboolean       *exact)
{
  HzTimelineRow *row = row_at (self, position);
  const char *key;

  if (row == NULL)
    return NULL;
  key = hz_timeline_row_get_key (row);
  *exact = key != NULL;
  if (key != NULL)
    return key;

  for (guint i = position + 1; i > 0; i--)
    {
      HzTimelineRow *previous = row_at (self, i - 1);

      if (hz_timeline_row_get_row_type (previous) == HZ_TIMELINE_ROW_HEADER)
        return hz_timeline_row_get_key (previous);
    }
  return NULL;
}

/* The Today button and Ctrl+T: when there is a today to go to and it is
 * not on screen already (the other views go back to the list first). */
static void
update_today_action (HzTimelinePage *self,
                     gboolean        today_on_screen)
{
  gboolean has_today = self->model != NULL &&
                       hz_timeline_model_find_key (self->model, "today") != G_MAXUINT;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.go-today", has_today && !today_on_screen);
  /* Set here rather than through the button's action-name: in the shell
   * (the page made while hidden) GTK 4.8's actionable kept the state it
   * saw first and never followed the action's, so the button stayed
   * insensitive however far back the list was scrolled */
  gtk_widget_set_sensitive (self->today_button, has_today && !today_on_screen);
}

static gboolean
update_range (gpointer data)
{
  HzTimelinePage *self = data;
  guint top = 0, first = 0, last = 0;
  int offset = 0;
  int first_day = G_MAXINT, last_day = G_MININT;
  guint today;

  self->range_idle_id = 0;

  if (!find_rows_on_screen (self, &top, &offset, &first, &last))
    {
      update_today_action (self, FALSE);
      return G_SOURCE_REMOVE;
    }

  today = hz_timeline_model_find_key (self->model, "today");
  update_today_action (self, today != G_MAXUINT && today >= first && today <= last &&
                             g_strcmp0 (adw_view_stack_get_visible_child_name (self->stack), "events") == 0);

  /* Remember the top row, for get_state while the list is not shown */
  if (self->pending_anchor == NULL)
    {
      gboolean exact = FALSE;
      const char *key = anchor_key (self, top, &exact);

      g_free (self->last_anchor);
      self->last_anchor = g_strdup (key);
      self->last_offset = exact ? offset : 0;
    }

  for (guint i = first; i <= last; i++)
    {
      HzTimelineRow *row = row_at (self, i);
      int day;

      if (row != NULL && hz_timeline_ruler_row_position (self->ruler, row, &day))
        {
          first_day = MIN (first_day, day);
          last_day = MAX (last_day, day);
        }
    }

  if (first_day <= last_day)
    hz_timeline_ruler_set_visible_range (self->ruler, first_day, last_day);
  else
    hz_timeline_ruler_set_visible_range (self->ruler, 1, 0);

  return G_SOURCE_REMOVE;
}

static void
stop_after_paint (HzTimelinePage *self)
{
  if (self->range_clock != NULL)
    {
      /* A clock disposed with its surface has dropped its handlers */
      if (g_signal_handler_is_connected (self->range_clock, self->range_paint_id))
        g_signal_handler_disconnect (self->range_clock, self->range_paint_id);
      self->range_paint_id = 0;
      g_clear_object (&self->range_clock);
    }
}

static void
on_after_paint (HzTimelinePage *self,
                GdkFrameClock  *clock)
{
  stop_after_paint (self);
  g_clear_handle_id (&self->range_idle_id, g_source_remove);
  update_range (self);
}

static void
schedule_range_update (HzTimelinePage *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self->list_view));

  /* What is on screen is known once the list is laid out: after the
   * next frame is painted (an idle could run before it) */
  if (clock != NULL)
    {
      if (self->range_clock == NULL)
        {
          self->range_clock = g_object_ref (clock);
          self->range_paint_id = g_signal_connect_swapped (clock, "after-paint",
                                                           G_CALLBACK (on_after_paint), self);
        }
      gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_AFTER_PAINT);
      return;
    }

  if (self->range_idle_id == 0)
    self->range_idle_id = g_idle_add_full (G_PRIORITY_LOW, update_range, self, NULL);
}

/* --- scrolling to an anchor ---------------------------------------------------- */

static guint
position_for_key (HzTimelinePage *self,
                  const char     *key)
{
  HzTimelineGroup group;
  guint position;

  if (key == NULL)
    return G_MAXUINT;

  position = hz_timeline_model_find_key (self->model, key);
  if (position != G_MAXUINT)
    return position;

  /* A group that is not shown (filtered away): the nearest one after it */
  if (hz_timeline_group_from_key (key, &group))
    {
      switch (group.type)
        {
        case HZ_TIMELINE_GROUP_WEEK:
          return hz_timeline_model_find_jump (self->model, HZ_TIMELINE_JUMP_GA, group.index * 7);
        case HZ_TIMELINE_GROUP_POSTPARTUM:
          return hz_timeline_model_find_jump (self->model, HZ_TIMELINE_JUMP_POSTPARTUM, group.index);
        case HZ_TIMELINE_GROUP_BEFORE_PREGNANCY:
        case HZ_TIMELINE_GROUP_MONTH:
        case HZ_TIMELINE_GROUP_AFTER:
          {
            GDate date;

            g_date_clear (&date, 1);
            g_date_set_dmy (&date, 1, group.index % 12 + 1, group.index / 12);
            if (g_date_valid (&date))
              return hz_timeline_model_find_julian (self->model, g_date_get_julian (&date));
          }
          break;
        case HZ_TIMELINE_GROUP_UNDATED:
        default:
          break;
        }
    }

  return G_MAXUINT;
}

static gboolean
finish_pending_scroll (HzTimelinePage *self)
{
  self->scroll_tick_id = 0;
  g_clear_pointer (&self->pending_anchor, g_free);
  self->pending_frames = 0;
  self->pending_at_limit = 0;
  schedule_range_update (self);
  return G_SOURCE_REMOVE;
}

/* Runs before each frame's layout, so it sees the previous frame's: it
 * waits until the list has a size, brings the row on screen, then moves it
 * to its place a frame at a time (the list's sizes are estimates until
 * rows are laid out). */
static gboolean
scroll_tick (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       data)
{
  HzTimelinePage *self = data;
  GtkAdjustment *vadj = gtk_scrolled_window_get_vadjustment (self->scroller);
  guint position = position_for_key (self, self->pending_anchor);
  double page = gtk_adjustment_get_page_size (vadj);
  GtkWidget *child;
  graphene_rect_t bounds;
  double delta, value, max;

  if (position == G_MAXUINT)
    return finish_pending_scroll (self);

  if (!gtk_widget_get_mapped (widget) || page <= 0)
    return G_SOURCE_CONTINUE;   /* not shown yet: keep it pending */

  if (++self->pending_frames > SCROLL_MAX_FRAMES)
    return finish_pending_scroll (self);

  child = widget_for_position (self, position);
  if (child == NULL || !gtk_widget_get_mapped (child) ||
      !gtk_widget_compute_bounds (child, GTK_WIDGET (self->list_view), &bounds))
    {
      /* Not laid out yet: bring it on screen first */
      gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
      return G_SOURCE_CONTINUE;
    }

  /* Its top should be at -offset */
  delta = bounds.origin.y + self->pending_offset;
  value = gtk_adjustment_get_value (vadj);
  max = gtk_adjustment_get_upper (vadj) - page;

  if (ABS (delta) < 1)
    return finish_pending_scroll (self);

  if ((delta > 0 && value >= max - 0.5) || (delta < 0 && value <= 0.5))
    {
      /* At an end of the list: it cannot go further (twice, to be sure
       * the list's size was not an estimate) */
      if (++self->pending_at_limit >= 2)
        return finish_pending_scroll (self);
      return G_SOURCE_CONTINUE;
    }

  self->pending_at_limit = 0;
  self->applying++;
  gtk_adjustment_set_value (vadj, CLAMP (value + delta, 0, MAX (max, 0)));
  self->applying--;
  return G_SOURCE_CONTINUE;
}

/* Puts the row with @anchor @offset pixels above the top (negative: below). */
static gboolean
scroll_to_anchor (HzTimelinePage *self,
                  const char     *anchor,
                  int             offset)
{
  guint position = position_for_key (self, anchor);

  if (position == G_MAXUINT)
    return FALSE;

  g_free (self->pending_anchor);
  self->pending_anchor = g_strdup (anchor);
  self->pending_offset = offset;
  self->pending_frames = 0;
  self->pending_at_limit = 0;
  g_free (self->last_anchor);
  self->last_anchor = g_strdup (anchor);
  self->last_offset = offset;

  if (gtk_widget_get_realized (GTK_WIDGET (self->list_view)))
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
  if (self->scroll_tick_id == 0)
    self->scroll_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->list_view), scroll_tick, self, NULL);
  return TRUE;
}

/* --- list items ------------------------------------------------------------ */

static void open_position (HzTimelinePage *self,
                           guint           position);

static void
on_row_released (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 GtkListItem     *item)
{
  HzTimelinePage *self = g_object_get_data (G_OBJECT (gesture), "page");

  /* One click opens the event, as Enter does (a double click would open
   * it a second time through the list's own activation) */
  if (n_press == 1 && gtk_list_item_get_position (item) != GTK_INVALID_LIST_POSITION)
    open_position (self, gtk_list_item_get_position (item));
}

static void
on_item_setup (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               HzTimelinePage           *self)
{
  GtkWidget *child = hz_timeline_row_widget_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_object_set_data (G_OBJECT (click), "page", self);
  g_signal_connect (click, "released", G_CALLBACK (on_row_released), item);
  gtk_widget_add_controller (child, GTK_EVENT_CONTROLLER (click));
  gtk_list_item_set_child (item, child);
}

static void
on_item_bind (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              HzTimelinePage           *self)
{
  HzTimelineRow *row = gtk_list_item_get_item (item);
  gboolean is_event = hz_timeline_row_get_row_type (row) == HZ_TIMELINE_ROW_EVENT;

  hz_timeline_row_widget_set_row (HZ_TIMELINE_ROW_WIDGET (gtk_list_item_get_child (item)), row);
  if (self->highlight_key != NULL && g_strcmp0 (hz_timeline_row_get_key (row), self->highlight_key) == 0)
    gtk_widget_add_css_class (gtk_list_item_get_child (item), "jump-target");
  else
    gtk_widget_remove_css_class (gtk_list_item_get_child (item), "jump-target");
  gtk_list_item_set_selectable (item, is_event);
  gtk_list_item_set_activatable (item, is_event);
  g_hash_table_add (self->bound, item);
}

static void
on_item_unbind (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                HzTimelinePage           *self)
{
  g_hash_table_remove (self->bound, item);
}

static void
on_item_teardown (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  HzTimelinePage           *self)
{
  g_hash_table_remove (self->bound, item);
}

/* --- the detail popover -------------------------------------------------------- */

static const char *
severity_display_name (HzSeverity severity)
{
  switch (severity)
    {
    case HZ_SEVERITY_CRITICAL:
      return _("Critical");
    case HZ_SEVERITY_ATTENTION:
      return _("Needs attention");
    case HZ_SEVERITY_INFO:
    default:
      return _("Information");
    }
}

static void
add_field (GtkGrid    *grid,
           int        *row,
           const char *name,
           const char *value)
{
  GtkWidget *name_label, *value_label;

  if (value == NULL || *value == '\0')
    return;

  name_label = gtk_label_new (name);
  gtk_label_set_xalign (GTK_LABEL (name_label), 1);
  gtk_label_set_yalign (GTK_LABEL (name_label), 0);
  gtk_widget_add_css_class (name_label, "dim-label");
  value_label = gtk_label_new (value);
  gtk_label_set_xalign (GTK_LABEL (value_label), 0);
  gtk_label_set_wrap (GTK_LABEL (value_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (value_label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (value_label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (value_label), 48);
  gtk_grid_attach (grid, name_label, 0, *row, 1, 1);
  gtk_grid_attach (grid, value_label, 1, *row, 1, 1);
  (*row)++;
}

static gboolean
unparent_idle (gpointer data)
{
  GtkWidget *widget = data;

  if (gtk_widget_get_parent (widget) != NULL)
    gtk_widget_unparent (widget);
  return G_SOURCE_REMOVE;
}

static void
on_popover_closed (GtkPopover     *popover,
                   HzTimelinePage *self)
{
  if (self->popover == GTK_WIDGET (popover))
    self->popover = NULL;
  g_idle_add_full (G_PRIORITY_DEFAULT, unparent_idle, g_object_ref (popover), g_object_unref);
}

/* "store" is the case's own record; other sources are plugins. */
static const char *
source_display_name (const char *source_id)
{
  PeasPluginInfo *info;

  if (source_id == NULL)
    return NULL;
  if (g_str_equal (source_id, "store"))
    return _("Case record");
  info = peas_engine_get_plugin_info (hz_plugin_engine_get_peas (hz_plugin_engine_get_default ()), source_id);
  return info != NULL ? peas_plugin_info_get_name (info) : source_id;
}

static GtkWidget *
build_detail (HzTimelinePage *self,
              HzTimelineRow  *row)
{
  HzTimelineEvent *event = hz_timeline_row_get_event (row);
  const char *reference = hz_timeline_event_get_resource_reference (event);
  HzResource *resource = reference != NULL && self->kase != NULL ? hz_case_lookup (self->kase, reference) : NULL;
  GtkWidget *box, *title, *grid;
  int n = 0;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);

  title = gtk_label_new (hz_timeline_event_get_title (event));
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (title), 50);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (box), title);

  grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  add_field (GTK_GRID (grid), &n, _("Date"), hz_timeline_row_get_date_label (row));
  add_field (GTK_GRID (grid), &n, _("Gestational age"), hz_timeline_row_get_ga_label (row));
  add_field (GTK_GRID (grid), &n, _("Team"),
             hz_timeline_event_has_team (event) ? hz_team_get_display_name (hz_timeline_event_get_team (event)) : NULL);
  add_field (GTK_GRID (grid), &n, _("Kind"), hz_event_kind_get_display_name (hz_timeline_event_get_kind (event)));
  add_field (GTK_GRID (grid), &n, _("Severity"), severity_display_name (hz_timeline_event_get_severity (event)));
  add_field (GTK_GRID (grid), &n, _("Detail"), hz_timeline_event_get_detail (event));
  add_field (GTK_GRID (grid), &n, _("Source"), source_display_name (hz_timeline_event_get_source_id (event)));
  add_field (GTK_GRID (grid), &n, _("Record"), reference);
  gtk_box_append (GTK_BOX (box), grid);

  if (resource != NULL)
    {
      g_autofree char *summary = hz_fhir_jv_describe (hz_resource_get_value (resource), 24);
      GtkWidget *heading = gtk_label_new (_("Recorded data"));
      GtkWidget *scroller = gtk_scrolled_window_new ();
      GtkWidget *text = gtk_label_new (summary);

      gtk_label_set_xalign (GTK_LABEL (heading), 0);
      gtk_widget_add_css_class (heading, "heading");
      gtk_box_append (GTK_BOX (box), heading);

      gtk_label_set_xalign (GTK_LABEL (text), 0);
      gtk_label_set_yalign (GTK_LABEL (text), 0);
      gtk_label_set_wrap (GTK_LABEL (text), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_selectable (GTK_LABEL (text), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (text), 60);
      gtk_widget_add_css_class (text, "caption");
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 260);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), text);
      gtk_box_append (GTK_BOX (box), scroller);
    }

  return box;
}

static void
show_detail (HzTimelinePage *self,
             guint           position)
{
  HzTimelineRow *row = row_at (self, position);
  GtkWidget *anchor = widget_for_position (self, position);
  GtkWidget *popover;
  graphene_rect_t bounds;

  if (row == NULL || hz_timeline_row_get_row_type (row) != HZ_TIMELINE_ROW_EVENT)
    return;

  if (self->popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->popover));

  popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), build_detail (self, row));
  gtk_popover_set_position (GTK_POPOVER (popover), GTK_POS_BOTTOM);
  gtk_widget_set_parent (popover, GTK_WIDGET (self));
  gtk_widget_add_css_class (popover, "timeline-detail");
  if (anchor != NULL && gtk_widget_compute_bounds (anchor, GTK_WIDGET (self), &bounds))
    {
      GdkRectangle rect = {
        (int) bounds.origin.x + 160, (int) bounds.origin.y,
        MAX ((int) bounds.size.width - 320, 1), (int) bounds.size.height
      };

      gtk_popover_set_pointing_to (GTK_POPOVER (popover), &rect);
    }
  g_signal_connect (popover, "closed", G_CALLBACK (on_popover_closed), self);
  self->popover = popover;
  self->popover_position = position;
  gtk_popover_popup (GTK_POPOVER (popover));
}

static void
open_position (HzTimelinePage *self,
               guint           position)
{
  HzTimelineRow *row = row_at (self, position);
  const char *reference;

  if (row == NULL || hz_timeline_row_get_row_type (row) != HZ_TIMELINE_ROW_EVENT)
    return;

  reference = hz_timeline_event_get_resource_reference (hz_timeline_row_get_event (row));
  if (reference != NULL && self->workspace != NULL &&
      hz_workspace_show_resource (self->workspace, reference))
    return;

  show_detail (self, position);
}

static void
on_list_activate (GtkListView    *list_view,
                  guint           position,
                  HzTimelinePage *self)
{
  /* The second click of a double click: the first opened it already */
  if (self->popover != NULL && self->popover_position == position)
    return;
  open_position (self, position);
}

/* --- selection ----------------------------------------------------------------- */

static void
on_selection_changed (GtkSelectionModel *model,
                      guint              position,
                      guint              n_items,
                      HzTimelinePage    *self)
{
  guint selected;
  HzTimelineRow *row;

  if (self->applying > 0)
    return;

  selected = gtk_single_selection_get_selected (self->selection);
  row = selected != GTK_INVALID_LIST_POSITION ? row_at (self, selected) : NULL;
  g_free (self->selected_key);
  self->selected_key = row != NULL ? g_strdup (hz_timeline_row_get_key (row)) : NULL;
  schedule_state_changed (self);
}

static void
select_position (HzTimelinePage *self,
                 guint           position)
{
  self->applying++;
  gtk_single_selection_set_selected (self->selection,
                                     position != G_MAXUINT ? position : GTK_INVALID_LIST_POSITION);
  self->applying--;
}

/* --- the model changed --------------------------------------------------------- */

static void
update_empty_state (HzTimelinePage *self)
{
  guint n_events = hz_timeline_model_get_n_events (self->model);
  guint n_visible = hz_timeline_model_get_n_visible_events (self->model);

  if (n_visible > 0)
    {
      gtk_stack_set_visible_child_name (self->events_stack, "list");
      return;
    }

  if (n_events == 0)
    {
      adw_status_page_set_title (self->empty_page, _("No Events Yet"));
      adw_status_page_set_description (self->empty_page,
                                       _("Nothing dated has been recorded for this case."));
      gtk_widget_set_visible (self->clear_button, FALSE);
    }
  else
    {
      adw_status_page_set_title (self->empty_page, _("No Matching Events"));
      adw_status_page_set_description (self->empty_page,
                                       _("No event matches the teams, kinds and search chosen."));
      gtk_widget_set_visible (self->clear_button, TRUE);
    }
  gtk_stack_set_visible_child_name (self->events_stack, "empty");
}

static void
on_rows_changed (GListModel     *list,
                 guint           position,
                 guint           removed,
                 guint           added,
                 HzTimelinePage *self)
{
  /* A refilter replaced every row: keep the selection on the same event */
  if (self->selected_key != NULL)
    select_position (self, hz_timeline_model_find_key (self->model, self->selected_key));

  update_empty_state (self);
  schedule_range_update (self);
}

/* --- header: dating and what is due -------------------------------------------- */

static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date),
                          g_date_get_month (date), g_date_get_day (date));
}

static void
update_dating_label (HzTimelinePage *self)
{
  const HzDating *dating = hz_timeline_model_get_dating (self->model);
  g_autofree char *text = NULL;
  int ga;

  if (dating->method == HZ_DATING_NONE && !dating->delivered)
    {
      text = g_strdup (_("Gestational age unknown: no LMP, CRL or due date recorded. Events are shown by calendar date."));
      gtk_widget_add_css_class (self->dating_label, "warning");
      gtk_widget_remove_css_class (self->dating_label, "dim-label");
    }
  else if (dating->method == HZ_DATING_NONE)
    {
      g_autofree char *delivery = format_date (&dating->delivery_date);

      /* Translators: %s is the delivery date */
      text = g_strdup_printf (_("Gestational age unknown · delivered %s"), delivery);
      gtk_widget_add_css_class (self->dating_label, "warning");
      gtk_widget_remove_css_class (self->dating_label, "dim-label");
    }
  else
    {
      g_autofree char *edd = format_date (&dating->edd);
      g_autofree char *now = NULL;

      gtk_widget_remove_css_class (self->dating_label, "warning");
      gtk_widget_add_css_class (self->dating_label, "dim-label");
      if (dating->delivered && g_date_compare (&self->today, &dating->delivery_date) > 0)
        now = hz_ga_format_postpartum (g_date_days_between (&dating->delivery_date, &self->today));
      else if (hz_dating_ga_at (dating, &self->today, &ga) && ga >= 0)
        now = hz_ga_format (ga);

      if (dating->delivered)
        {
          g_autofree char *delivery = format_date (&dating->delivery_date);
          g_autofree char *at = NULL;

          hz_dating_ga_at (dating, &dating->delivery_date, &ga);
          at = hz_ga_format (ga);
          /* Translators: dating method · delivery date and GA · where today is */
          text = g_strdup_printf (_("%s · delivered %s at %s · today %s"),
                                  hz_dating_method_get_display_name (dating->method),
                                  delivery, at, now != NULL ? now : "");
        }
      else
        /* Translators: dating method · due date · GA today */
        text = g_strdup_printf (_("%s · EDD %s · today %s"),
                                hz_dating_method_get_display_name (dating->method),
                                edd, now != NULL ? now : "—");
    }

  gtk_label_set_label (GTK_LABEL (self->dating_label), text);
  /* Ellipsized in a narrow window: the tooltip has it all */
  gtk_widget_set_tooltip_text (self->dating_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->ruler), hz_timeline_model_get_ga_known (self->model));
}

static void
on_due_clicked (GtkButton      *button,
                HzTimelinePage *self)
{
  const HzDueItem *item = g_object_get_data (G_OBJECT (button), "due-item");
  guint position;

  if (item == NULL)
    return;
  position = hz_timeline_model_find_julian (self->model, g_date_get_julian (&item->start));
  if (position == G_MAXUINT)
    return;
  adw_view_stack_set_visible_child_name (self->stack, "events");
  scroll_to_anchor (self, hz_timeline_row_get_key (row_at (self, position)), 0);
  schedule_state_changed (self);
}

static int
due_rank (const HzDueItem *item)
{
  switch (item->status)
    {
    case HZ_DUE_STATUS_OVERDUE:
      return 0;
    case HZ_DUE_STATUS_DUE:
      return 1;
    case HZ_DUE_STATUS_UPCOMING:
      return 2;
    case HZ_DUE_STATUS_DONE:
    case HZ_DUE_STATUS_MISSED:
    default:
      return 3;
    }
}

static int
compare_due (gconstpointer a,
             gconstpointer b)
{
  const HzDueItem *x = *(HzDueItem * const *) a;
  const HzDueItem *y = *(HzDueItem * const *) b;

  if (due_rank (x) != due_rank (y))
    return due_rank (x) - due_rank (y);
  return g_date_compare (&x->start, &y->start);
}

static void
update_due (HzTimelinePage *self)
{
  g_autoptr(GPtrArray) next = g_ptr_array_new ();
  GtkWidget *child;

  /* The store source computed them when it listed its events */
  g_clear_pointer (&self->due_items, g_ptr_array_unref);
  if (hz_timeline_store_source_get_due_items (self->store_source) != NULL)
    self->due_items = g_ptr_array_ref (hz_timeline_store_source_get_due_items (self->store_source));
  else
    self->due_items = g_ptr_array_new_with_free_func ((GDestroyNotify) hz_due_item_free);
  hz_timeline_ruler_set_due_items (self->ruler, self->due_items);

  while ((child = gtk_widget_get_first_child (self->due_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->due_box), child);

  for (guint i = 0; i < self->due_items->len; i++)
    {
      HzDueItem *item = g_ptr_array_index (self->due_items, i);

      /* what can still be done: not what was, nor what can no longer be */
      if (item->status != HZ_DUE_STATUS_DONE && item->status != HZ_DUE_STATUS_MISSED)
        g_ptr_array_add (next, item);
    }
  g_ptr_array_sort (next, compare_due);
  gtk_widget_set_visible (self->due_box, next->len > 0);

  if (next->len > 0)
    {
      GtkWidget *label = gtk_label_new (_("Next:"));

      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (self->due_box), label);
    }

  for (guint i = 0; i < next->len && i < MAX_DUE_CHIPS; i++)
    {
      HzDueItem *item = g_ptr_array_index (next, i);
      g_autofree char *window = hz_due_item_format_window (item);
      g_autofree char *text = NULL;
      g_autofree char *details = NULL;
      g_autofree char *tooltip = NULL;
      GtkWidget *button, *box, *title, *status;

      /* Translators: a due item in the timeline header: "75 g OGTT · Due now" */
      text = g_strdup_printf (_("%s · %s"), item->title, hz_due_status_get_display_name (item->status));
      /* Translators: tooltip of a due item: its window, then its source */
      details = g_strdup_printf (_("%s\nSource: %s"), window, item->source);
      tooltip = g_strconcat (text, "\n", details, NULL);

      /* The title gives way in a narrow window (the tooltip has it all);
       * the status stays */
      title = gtk_label_new (item->title);
      gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (title), 6);
      gtk_label_set_xalign (GTK_LABEL (title), 0);
      status = gtk_label_new (hz_due_status_get_display_name (item->status));
      gtk_widget_add_css_class (status, "due-status");
      box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      gtk_box_append (GTK_BOX (box), title);
      gtk_box_append (GTK_BOX (box), status);
      button = gtk_button_new ();
      gtk_button_set_child (GTK_BUTTON (button), box);
      hz_ui_set_accessible_label (button, text);
      gtk_widget_add_css_class (button, "due-chip");
      gtk_widget_add_css_class (button, hz_due_status_to_string (item->status));
      gtk_widget_set_tooltip_text (button, tooltip);
      g_object_set_data (G_OBJECT (button), "due-item", item);
      g_signal_connect (button, "clicked", G_CALLBACK (on_due_clicked), self);
      gtk_box_append (GTK_BOX (self->due_box), button);
    }
}

/* --- trends ---------------------------------------------------------------- */

static void
on_chart_activate_reference (HzTrendChart   *chart,
                             const char     *reference,
                             HzTimelinePage *self)
{
  guint position;

  adw_view_stack_set_visible_child_name (self->stack, "events");
  position = hz_timeline_model_find_key (self->model, reference);
  if (position == G_MAXUINT)
    {
      /* Filtered away: show everything again */
      hz_timeline_model_set_filters (self->model, HZ_TIMELINE_ALL_TEAMS, HZ_TIMELINE_ALL_KINDS, NULL);
      position = hz_timeline_model_find_key (self->model, reference);
    }
  if (position == G_MAXUINT)
    return;

  g_free (self->selected_key);
  self->selected_key = g_strdup (reference);
  select_position (self, position);
  scroll_to_anchor (self, reference, INITIAL_TODAY_OFFSET);
  schedule_state_changed (self);
}

static void
rebuild_trends (HzTimelinePage *self)
{
  GtkWidget *child;

  self->trends_dirty = FALSE;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->charts_box))) != NULL)
    gtk_flow_box_remove (self->charts_box, child);
  g_clear_pointer (&self->series, g_ptr_array_unref);

  if (self->kase == NULL)
    {
      gtk_stack_set_visible_child_name (self->trends_stack, "none");
      return;
    }

  self->series = hz_trend_series_collect (self->kase, hz_timeline_model_get_dating (self->model));
  for (guint i = 0; i < self->series->len; i++)
    {
      GtkWidget *chart = hz_trend_chart_new (self->series, g_ptr_array_index (self->series, i));

      g_signal_connect (chart, "activate-reference", G_CALLBACK (on_chart_activate_reference), self);
      gtk_flow_box_append (self->charts_box, chart);
    }

  gtk_stack_set_visible_child_name (self->trends_stack, self->series->len > 0 ? "charts" : "none");
}

static void
on_view_changed (HzTimelinePage *self)
{
  const char *view = adw_view_stack_get_visible_child_name (self->stack);

  if (g_strcmp0 (view, "trends") == 0 && self->trends_dirty)
    rebuild_trends (self);
  if (g_strcmp0 (view, "events") == 0 && self->last_anchor != NULL && self->pending_anchor == NULL)
    scroll_to_anchor (self, self->last_anchor, self->last_offset);
  gtk_widget_set_sensitive (self->team_box, g_strcmp0 (view, "events") == 0);
  gtk_widget_set_sensitive (self->kind_button, g_strcmp0 (view, "events") == 0);
  gtk_widget_set_sensitive (self->search_entry, g_strcmp0 (view, "events") == 0);
  schedule_range_update (self);
  schedule_state_changed (self);
}

/* --- the case changed ---------------------------------------------------------- */

/* After the model listed the store source's events again (connected after
 * the model's own handler): the dating and due items are current. */
static void
on_store_source_changed (HzTimelineSource *source,
                         HzTimelinePage   *self)
{
  update_dating_label (self);
  update_due (self);
}

static void
on_case_changed (HzCase          *kase,
                 const char     **resource_types,
                 HzTimelinePage  *self)
{
  self->trends_dirty = TRUE;
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->stack), "trends") == 0)
    rebuild_trends (self);
}

/* --- filters ------------------------------------------------------------------- */

static void
sync_filter_widgets (HzTimelinePage *self)
{
  guint teams = hz_timeline_model_get_team_mask (self->model);
  guint kinds = hz_timeline_model_get_kind_mask (self->model);
  const char *text = hz_timeline_model_get_text (self->model);

  self->applying++;
  for (guint t = 0; t <= HZ_TEAM_OTHER; t++)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->team_buttons[t]), (teams & (1u << t)) != 0);
  for (guint k = 0; k <= HZ_EVENT_KIND_OTHER; k++)
    gtk_check_button_set_active (GTK_CHECK_BUTTON (self->kind_buttons[k]), (kinds & (1u << k)) != 0);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  if (kinds != HZ_TIMELINE_ALL_KINDS)
    gtk_widget_add_css_class (self->kind_button, "accent");
  else
    gtk_widget_remove_css_class (self->kind_button, "accent");
  self->applying--;
}

static void
on_team_toggled (GtkToggleButton *button,
                 HzTimelinePage  *self)
{
  guint mask = 0;

  if (self->applying > 0)
    return;
  for (guint t = 0; t <= HZ_TEAM_OTHER; t++)
    if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->team_buttons[t])))
      mask |= 1u << t;
  hz_timeline_model_set_team_mask (self->model, mask);
  schedule_state_changed (self);
}

static void
on_kind_toggled (GtkCheckButton *button,
                 HzTimelinePage *self)
{
  guint mask = 0;

  if (self->applying > 0)
    return;
  for (guint k = 0; k <= HZ_EVENT_KIND_OTHER; k++)
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (self->kind_buttons[k])))
      mask |= 1u << k;
  hz_timeline_model_set_kind_mask (self->model, mask);
  sync_filter_widgets (self);
  schedule_state_changed (self);
}

static void
on_all_kinds_clicked (GtkButton      *button,
                      HzTimelinePage *self)
{
  hz_timeline_model_set_kind_mask (self->model, HZ_TIMELINE_ALL_KINDS);
  sync_filter_widgets (self);
  schedule_state_changed (self);
}

static void
on_search_changed (GtkSearchEntry *entry,
                   HzTimelinePage *self)
{
  if (self->applying > 0)
    return;
  hz_timeline_model_set_text (self->model, gtk_editable_get_text (GTK_EDITABLE (entry)));
  schedule_state_changed (self);
}

static void
on_stop_search (GtkSearchEntry *entry,
                HzTimelinePage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
build_filter_widgets (HzTimelinePage *self)
{
  GtkWidget *all;

  for (guint t = 0; t <= HZ_TEAM_OTHER; t++)
    {
      g_autofree char *tooltip = NULL;
      GtkWidget *button = gtk_toggle_button_new_with_label (hz_team_get_display_name (t));

      /* Translators: tooltip of a team filter button; %s is the team */
      tooltip = g_strdup_printf (_("Show events of %s"), hz_team_get_display_name (t));
      gtk_widget_set_tooltip_text (button, tooltip);
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
      gtk_widget_add_css_class (button, "team-toggle");
      {
        g_autofree char *css_class = g_strdup_printf ("team-%s", hz_team_to_string (t));

        gtk_widget_add_css_class (button, css_class);
      }
      g_signal_connect (button, "toggled", G_CALLBACK (on_team_toggled), self);
      gtk_flow_box_append (GTK_FLOW_BOX (self->team_box), button);
      /* Tab and the arrows go to the toggle itself, not its flow box child */
      gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
      self->team_buttons[t] = button;
    }

  for (guint k = 0; k <= HZ_EVENT_KIND_OTHER; k++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (hz_event_kind_get_display_name (k));

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      g_signal_connect (check, "toggled", G_CALLBACK (on_kind_toggled), self);
      gtk_box_append (GTK_BOX (self->kind_box), check);
      self->kind_buttons[k] = check;
    }

  all = gtk_button_new_with_label (_("Show All Kinds"));
  gtk_widget_set_margin_top (all, 6);
  g_signal_connect (all, "clicked", G_CALLBACK (on_all_kinds_clicked), self);
  gtk_box_append (GTK_BOX (self->kind_box), all);

  hz_ui_set_accessible_label (self->kind_button, _("Filter by kind"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->jump_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Go to a gestational age or date"),
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search events"),
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Timeline events"),
                                  -1);
}

/* --- jumping ------------------------------------------------------------------- */

/* Says in the page, under the entry, why a jump did not happen; NULL
 * clears it. */
static void
set_jump_error (HzTimelinePage *self,
                const char     *message)
{
  gtk_widget_set_visible (self->jump_error_label, message != NULL);
  gtk_label_set_label (GTK_LABEL (self->jump_error_label), message != NULL ? message : "");
  if (message != NULL)
    {
      gtk_widget_add_css_class (self->jump_entry, "error");
      gtk_widget_set_tooltip_text (self->jump_entry, message);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->jump_entry),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->jump_entry),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE, -1);
    }
  else
    {
      gtk_widget_remove_css_class (self->jump_entry, "error");
      gtk_widget_set_tooltip_text (self->jump_entry, _("Go to 12+3 or a date"));
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self->jump_entry), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (self->jump_entry), GTK_ACCESSIBLE_STATE_INVALID);
    }
}

static void
update_highlight (HzTimelinePage *self)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->bound);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      GtkListItem *item = key;
      HzTimelineRow *row = gtk_list_item_get_item (item);
      GtkWidget *child = gtk_list_item_get_child (item);

      if (child == NULL)
        continue;
      if (row != NULL && self->highlight_key != NULL &&
          g_strcmp0 (hz_timeline_row_get_key (row), self->highlight_key) == 0)
        gtk_widget_add_css_class (child, "jump-target");
      else
        gtk_widget_remove_css_class (child, "jump-target");
    }
}

static gboolean
clear_highlight (gpointer data)
{
  HzTimelinePage *self = data;

  self->highlight_id = 0;
  g_clear_pointer (&self->highlight_key, g_free);
  update_highlight (self);
  return G_SOURCE_REMOVE;
}

/* Marks the row with @key (the week's header) for a moment, so that the
 * eye finds where the list went. */
static void
highlight_key (HzTimelinePage *self,
               const char     *key)
{
  g_free (self->highlight_key);
  self->highlight_key = g_strdup (key);
  g_clear_handle_id (&self->highlight_id, g_source_remove);
  self->highlight_id = g_timeout_add (HIGHLIGHT_MS, clear_highlight, self);
  update_highlight (self);
}

/* Scrolls to the row at @position and marks it, for the jump entry and
 * a click on the ruler. */
static void
jump_to_position (HzTimelinePage *self,
                  guint           position)
{
  const char *key = hz_timeline_row_get_key (row_at (self, position));

  adw_view_stack_set_visible_child_name (self->stack, "events");
  scroll_to_anchor (self, key, 0);
  highlight_key (self, key);
}

gboolean
hz_timeline_page_jump_to (HzTimelinePage *self,
                          const char     *text)
{
  g_autoptr(GError) error = NULL;
  HzTimelineJumpKind kind;
  int value;
  guint position;

  g_return_val_if_fail (HZ_IS_TIMELINE_PAGE (self), FALSE);

  if (!hz_timeline_parse_jump_full (text, &kind, &value, &error))
    {
      set_jump_error (self, error->message);
      return FALSE;
    }

  if (kind != HZ_TIMELINE_JUMP_DATE && !hz_timeline_model_get_ga_known (self->model))
    {
      set_jump_error (self, _("The gestational age is unknown for this case: go to a date instead, such as 2026-05-06"));
      return FALSE;
    }

  position = hz_timeline_model_find_jump (self->model, kind, value);
  if (position == G_MAXUINT)
    {
      set_jump_error (self, kind == HZ_TIMELINE_JUMP_DATE
                      ? _("No event is shown at or after that date")
                      : kind == HZ_TIMELINE_JUMP_POSTPARTUM
                      ? _("No event is shown at or after that day after delivery")
                      : _("No event is shown at or after that gestational age"));
      return FALSE;
    }

  set_jump_error (self, NULL);
  jump_to_position (self, position);
  if (self->applying == 0)
    schedule_state_changed (self);
  return TRUE;
}

static void
on_jump_activate (GtkEntry       *entry,
                  HzTimelinePage *self)
{
  if (hz_timeline_page_jump_to (self, gtk_editable_get_text (GTK_EDITABLE (entry))))
    gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
on_jump_icon_press (GtkEntry             *entry,
                    GtkEntryIconPosition  position,
                    HzTimelinePage       *self)
{
  on_jump_activate (entry, self);
}

static void
on_ruler_jump (HzTimelineRuler *ruler,
               int              kind,
               int              value,
               HzTimelinePage  *self)
{
  guint position = hz_timeline_model_find_jump (self->model, kind, value);

  if (position == G_MAXUINT)
    return;
  jump_to_position (self, position);
  schedule_state_changed (self);
}

static void
on_jump_changed (GtkEditable    *entry,
                 HzTimelinePage *self)
{
  /* What was wrong is gone once the text changes */
  if (gtk_widget_get_visible (self->jump_error_label))
    set_jump_error (self, NULL);
}

static void
on_vadjustment_changed (GtkAdjustment  *adjustment,
                        HzTimelinePage *self)
{
  schedule_range_update (self);
  if (self->pending_anchor == NULL)
    schedule_state_changed (self);
}

/* --- actions ------------------------------------------------------------------- */

static void
action_search (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HzTimelinePage *self = HZ_TIMELINE_PAGE (widget);

  adw_view_stack_set_visible_child_name (self->stack, "events");
  gtk_widget_grab_focus (self->search_entry);
}

static void
action_jump (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  HzTimelinePage *self = HZ_TIMELINE_PAGE (widget);

  gtk_widget_grab_focus (self->jump_entry);
}

static void
action_go_today (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  HzTimelinePage *self = HZ_TIMELINE_PAGE (widget);

  adw_view_stack_set_visible_child_name (self->stack, "events");
  if (scroll_to_anchor (self, "today", INITIAL_TODAY_OFFSET))
    schedule_state_changed (self);
}

static void
on_today_clicked (HzTimelinePage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "timeline.go-today", NULL);
}

static void
action_clear_filters (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  HzTimelinePage *self = HZ_TIMELINE_PAGE (widget);

  hz_timeline_model_set_filters (self->model, HZ_TIMELINE_ALL_TEAMS, HZ_TIMELINE_ALL_KINDS, NULL);
  sync_filter_widgets (self);
  schedule_state_changed (self);
}

static void
action_show_view (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  HzTimelinePage *self = HZ_TIMELINE_PAGE (widget);

  hz_timeline_page_set_view (self, g_variant_get_string (parameter, NULL));
}

/* --- HzSyncable ---------------------------------------------------------------- */

static const char *
hz_timeline_page_get_sync_id (HzSyncable *syncable)
{
  return "timeline";
}

static void
current_scroll (HzTimelinePage  *self,
                const char     **anchor,
                int             *offset)
{
  guint top = 0, first, last;
  int top_offset = 0;

  if (self->pending_anchor != NULL)
    {
      *anchor = self->pending_anchor;
      *offset = self->pending_offset;
      return;
    }

  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->stack), "events") == 0 &&
      find_rows_on_screen (self, &top, &top_offset, &first, &last))
    {
      gboolean exact = FALSE;

      *anchor = anchor_key (self, top, &exact);
      *offset = exact ? top_offset : 0;
      return;
    }

  *anchor = self->last_anchor;
  *offset = self->last_offset;
}

static JsonNode *
hz_timeline_page_get_state (HzSyncable *syncable)
{
  HzTimelinePage *self = HZ_TIMELINE_PAGE (syncable);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint teams = hz_timeline_model_get_team_mask (self->model);
  guint kinds = hz_timeline_model_get_kind_mask (self->model);
  const char *anchor = NULL;
  int offset = 0;

  current_scroll (self, &anchor, &offset);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, STATE_VERSION);

  json_builder_set_member_name (builder, "scroll");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "anchor");
  if (anchor != NULL)
    json_builder_add_string_value (builder, anchor);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "offset");
  json_builder_add_int_value (builder, offset);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "filters");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "teams");
  json_builder_begin_array (builder);
  for (guint t = 0; t <= HZ_TEAM_OTHER; t++)
    if (teams & (1u << t))
      json_builder_add_string_value (builder, hz_team_to_string (t));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "kinds");
  json_builder_begin_array (builder);
  for (guint k = 0; k <= HZ_EVENT_KIND_OTHER; k++)
    if (kinds & (1u << k))
      json_builder_add_string_value (builder, hz_event_kind_to_string (k));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, hz_timeline_model_get_text (self->model));
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "selection");
  if (self->selected_key != NULL)
    json_builder_add_string_value (builder, self->selected_key);
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "view");
  json_builder_add_string_value (builder, hz_timeline_page_get_view (self));

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static gboolean
invalid (GError     **error,
         const char  *member,
         const char  *expected)
{
  /* Translators: a remote view state was wrong: "timeline state: “filters.teams” must be an array of team names" */
  g_set_error (error, HZ_SYNCABLE_ERROR, HZ_SYNCABLE_ERROR_INVALID_STATE,
               _("Timeline state: “%s” must be %s"), member, expected);
  return FALSE;
}

static gboolean
is_string_node (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
is_int_node (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
}

typedef struct
{
  gboolean  has_scroll;
  const char *anchor;
  gint64    offset;
  gboolean  has_teams;
  guint     teams;
  gboolean  has_kinds;
  guint     kinds;
  gboolean  has_text;
  const char *text;
  gboolean  has_selection;
  const char *selection;
  const char *view;
} ParsedState;

static gboolean
parse_state (JsonNode     *state,
             ParsedState  *parsed,
             GError      **error)
{
  JsonObject *object;
  JsonNode *node;

  memset (parsed, 0, sizeof *parsed);

  if (state == NULL || !JSON_NODE_HOLDS_OBJECT (state))
    return invalid (error, "state", _("an object"));
  object = json_node_get_object (state);

  if ((node = json_object_get_member (object, "version")) != NULL)
    {
      if (!is_int_node (node))
        return invalid (error, "version", _("a number"));
      if (json_node_get_int (node) != STATE_VERSION)
        return invalid (error, "version", _("1"));
    }

  if ((node = json_object_get_member (object, "scroll")) != NULL)
    {
      JsonObject *scroll;
      JsonNode *member;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return invalid (error, "scroll", _("an object"));
      scroll = json_node_get_object (node);
      parsed->has_scroll = TRUE;

      member = json_object_get_member (scroll, "anchor");
      if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
        {
          if (!is_string_node (member))
            return invalid (error, "scroll.anchor", _("a string or null"));
          parsed->anchor = json_node_get_string (member);
        }
      member = json_object_get_member (scroll, "offset");
      if (member != NULL)
        {
          if (!is_int_node (member))
            return invalid (error, "scroll.offset", _("a whole number of pixels"));
          parsed->offset = CLAMP (json_node_get_int (member), -100000, 100000);
        }
    }

  if ((node = json_object_get_member (object, "filters")) != NULL)
    {
      JsonObject *filters;
      JsonNode *member;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return invalid (error, "filters", _("an object"));
      filters = json_node_get_object (node);

      if ((member = json_object_get_member (filters, "teams")) != NULL)
        {
          JsonArray *array;

          if (!JSON_NODE_HOLDS_ARRAY (member))
            return invalid (error, "filters.teams", _("an array of team names"));
          array = json_node_get_array (member);
          parsed->has_teams = TRUE;
          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              JsonNode *element = json_array_get_element (array, i);
              HzTeam team;

              if (!is_string_node (element) || !hz_team_from_string (json_node_get_string (element), &team))
                return invalid (error, "filters.teams", _("an array of team names"));
              parsed->teams |= 1u << team;
            }
        }

      if ((member = json_object_get_member (filters, "kinds")) != NULL)
        {
          JsonArray *array;

          if (!JSON_NODE_HOLDS_ARRAY (member))
            return invalid (error, "filters.kinds", _("an array of event kinds"));
          array = json_node_get_array (member);
          parsed->has_kinds = TRUE;
          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              JsonNode *element = json_array_get_element (array, i);
              gboolean found = FALSE;

              if (is_string_node (element))
                for (guint k = 0; k <= HZ_EVENT_KIND_OTHER && !found; k++)
                  if (g_str_equal (json_node_get_string (element), hz_event_kind_to_string (k)))
                    {
                      parsed->kinds |= 1u << k;
                      found = TRUE;
                    }
              if (!found)
                return invalid (error, "filters.kinds", _("an array of event kinds"));
            }
        }

      if ((member = json_object_get_member (filters, "text")) != NULL)
        {
          if (!is_string_node (member))
            return invalid (error, "filters.text", _("a string"));
          parsed->has_text = TRUE;
          parsed->text = json_node_get_string (member);
        }
    }

  if ((node = json_object_get_member (object, "selection")) != NULL)
    {
      parsed->has_selection = TRUE;
      if (!JSON_NODE_HOLDS_NULL (node))
        {
          if (!is_string_node (node))
            return invalid (error, "selection", _("a string or null"));
          parsed->selection = json_node_get_string (node);
        }
    }

  if ((node = json_object_get_member (object, "view")) != NULL)
    {
      if (!is_string_node (node) ||
          (!g_str_equal (json_node_get_string (node), "events") &&
           !g_str_equal (json_node_get_string (node), "trends")))
        return invalid (error, "view", _("“events” or “trends”"));
      parsed->view = json_node_get_string (node);
    }

  return TRUE;
}

static gboolean
hz_timeline_page_apply_state (HzSyncable  *syncable,
                              JsonNode    *state,
                              GError     **error)
{
  HzTimelinePage *self = HZ_TIMELINE_PAGE (syncable);
  ParsedState parsed;

  /* Everything is checked before anything changes. */
  if (!parse_state (state, &parsed, error))
    return FALSE;

  self->applying++;

  if (parsed.view != NULL)
    adw_view_stack_set_visible_child_name (self->stack, parsed.view);

  if (parsed.has_teams || parsed.has_kinds || parsed.has_text)
    {
      hz_timeline_model_set_filters (self->model,
                                     parsed.has_teams ? parsed.teams : hz_timeline_model_get_team_mask (self->model),
                                     parsed.has_kinds ? parsed.kinds : hz_timeline_model_get_kind_mask (self->model),
                                     parsed.has_text ? parsed.text : hz_timeline_model_get_text (self->model));
      sync_filter_widgets (self);
    }

  if (parsed.has_selection)
    {
      g_free (self->selected_key);
      self->selected_key = g_strdup (parsed.selection);
      select_position (self, parsed.selection != NULL
                             ? hz_timeline_model_find_key (self->model, parsed.selection)
                             : G_MAXUINT);
    }

  if (parsed.has_scroll && parsed.anchor != NULL)
    scroll_to_anchor (self, parsed.anchor, (int) parsed.offset);

  self->applying--;
  return TRUE;
}

static void
syncable_iface_init (HzSyncableInterface *iface)
{
  iface->get_sync_id = hz_timeline_page_get_sync_id;
  iface->get_state = hz_timeline_page_get_state;
  iface->apply_state = hz_timeline_page_apply_state;
}

/* --- GObject ------------------------------------------------------------------- */

static void
ensure_style (void)
{
  static gsize done;

  if (g_once_init_enter (&done))
    {
      GdkDisplay *display = gdk_display_get_default ();

      if (display != NULL)
        {
          g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

          gtk_css_provider_load_from_resource (provider, "/io/github/huizhen/Huizhen/plugins/timeline/timeline.css");
          gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                                      GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
        }
      g_once_init_leave (&done, 1);
    }
}

static void
hz_timeline_page_constructed (GObject *object)
{
  HzTimelinePage *self = (HzTimelinePage *)object;
  GtkListItemFactory *factory;

  G_OBJECT_CLASS (hz_timeline_page_parent_class)->constructed (object);

  self->model = hz_timeline_model_new (self->kase);
  hz_timeline_model_set_today (self->model, &self->today);
  hz_timeline_store_source_set_today (self->store_source, &self->today);
  if (self->kase != NULL)
    {
      self->case_changed_id = g_signal_connect (self->kase, "changed",
                                                G_CALLBACK (on_case_changed), self);
      hz_timeline_model_add_source (self->model, HZ_TIMELINE_SOURCE (self->store_source), "store");
      g_signal_connect (self->store_source, "changed", G_CALLBACK (on_store_source_changed), self);
    }

  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect (self->selection, "selection-changed", G_CALLBACK (on_selection_changed), self);
  g_signal_connect (self->selection, "items-changed", G_CALLBACK (on_rows_changed), self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (on_item_setup), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_item_bind), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_item_unbind), self);
  g_signal_connect (factory, "teardown", G_CALLBACK (on_item_teardown), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  hz_timeline_ruler_set_model (self->ruler, self->model);
  update_dating_label (self);
  update_due (self);
  update_empty_state (self);
  self->trends_dirty = TRUE;

  /* Open on today, with what led up to it above. */
  scroll_to_anchor (self, "today", INITIAL_TODAY_OFFSET);
}

static void
hz_timeline_page_dispose (GObject *object)
{
  HzTimelinePage *self = (HzTimelinePage *)object;

  g_clear_handle_id (&self->state_timeout_id, g_source_remove);
  g_clear_handle_id (&self->range_idle_id, g_source_remove);
  stop_after_paint (self);
  g_clear_handle_id (&self->highlight_id, g_source_remove);
  if (self->scroll_tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self->list_view), self->scroll_tick_id);
      self->scroll_tick_id = 0;
    }
  if (self->popover != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->popover, on_popover_closed, self);
      gtk_widget_unparent (self->popover);
      self->popover = NULL;
    }
  if (self->kase != NULL)
    g_clear_signal_handler (&self->case_changed_id, self->kase);
  if (self->store_source != NULL)
    g_signal_handlers_disconnect_by_data (self->store_source, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->workspace != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->workspace), (gpointer *) &self->workspace);
  self->workspace = NULL;

  gtk_widget_dispose_template (GTK_WIDGET (self), HZ_TYPE_TIMELINE_PAGE);

  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->store_source);
  g_clear_object (&self->kase);
  g_clear_pointer (&self->bound, g_hash_table_unref);
  g_clear_pointer (&self->due_items, g_ptr_array_unref);
  g_clear_pointer (&self->series, g_ptr_array_unref);

  G_OBJECT_CLASS (hz_timeline_page_parent_class)->dispose (object);
}

static void
hz_timeline_page_finalize (GObject *object)
{
  HzTimelinePage *self = (HzTimelinePage *)object;

  g_free (self->selected_key);
  g_free (self->highlight_key);
  g_free (self->pending_anchor);
  g_free (self->last_anchor);

  G_OBJECT_CLASS (hz_timeline_page_parent_class)->finalize (object);
}

static void
hz_timeline_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  HzTimelinePage *self = HZ_TIMELINE_PAGE (object);

  switch (prop_id)
    {
    case PROP_CASE:
      g_value_set_object (value, self->kase);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hz_timeline_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  HzTimelinePage *self = HZ_TIMELINE_PAGE (object);

  switch (prop_id)
    {
    case PROP_CASE:
      self->kase = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Focus into the page (after Alt+N in the shell): the list, where the
 * arrows, Enter and the page's shortcuts work; else the view switcher. */
static gboolean
hz_timeline_page_grab_focus (GtkWidget *widget)
{
  HzTimelinePage *self = HZ_TIMELINE_PAGE (widget);

  if (g_strcmp0 (hz_timeline_page_get_view (self), "events") == 0 &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->events_stack), "list") == 0 &&
      gtk_widget_grab_focus (GTK_WIDGET (self->list_view)))
    return TRUE;

  return gtk_widget_child_focus (self->switcher, GTK_DIR_TAB_FORWARD);
}

static void
hz_timeline_page_class_init (HzTimelinePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = hz_timeline_page_constructed;
  object_class->dispose = hz_timeline_page_dispose;
  object_class->finalize = hz_timeline_page_finalize;
  object_class->get_property = hz_timeline_page_get_property;
  object_class->set_property = hz_timeline_page_set_property;

  widget_class->grab_focus = hz_timeline_page_grab_focus;

  properties[PROP_CASE] =
    g_param_spec_object ("case", NULL, NULL, HZ_TYPE_CASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  hz_timeline_register_resource ();
  g_type_ensure (HZ_TYPE_TIMELINE_RULER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/huizhen/Huizhen/plugins/timeline/hz-timeline-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HzTimelinePage, toolbar);
  gtk_widget_class_bind_template_child (widget_class, HzTimelinePage, switcher);
  gtk_widget_class_bind_template_child (widget_class, HzTimelinePage, team_box);
  gtk_widget_class_bind_template_child (widget_class, HzTimelinePage, kind_button);
  gtk_widget_class_bind_template_child (widget_class, HzTimelinePage, kind_popover);
  gtk_widget_class_bind_template_child (widget_class, HzTimelinePage, kind_box);
  gtk_widget_class_bind_template_child (widget_class, HzTimelinePage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, HzTimelinePage, jump_entry);
  gtk_widget_class_bind_template_child (widget_class, HzTimelinePage, today_button);
  gtk_widget_class_bind_template_child (widget_class, HzTimelinePage, info_box);
  gtk_widget_class_bind_template_child (widget_class, HzTimelinePage, jump_error_label);
  gtk_widget_class_bind_template_child (widget_class, HzTimelinePage, dating_label);
  gtk_widget_class_bind_template_child (widget_class, HzTimelinePage, due_box);
  gtk_widget_class_bind_template_child (widget_class, HzTimelinePage, ruler);
  gtk_widget_class_bind_template_child (widget_class, HzTimelinePage, stack);
  gtk_widget_class_bind_template_child (widget_class, HzTimelinePage, events_stack);
  gtk_widget_class_bind_template_child (widget_class, HzTimelinePage, scroller);
  gtk_widget_class_bind_template_child (widget_class, HzTimelinePage, list_view);
  gtk_widget_class_bind_template_child (widget_class, HzTimelinePage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, HzTimelinePage, clear_button);
  gtk_widget_class_bind_template_child (widget_class, HzTimelinePage, trends_stack);
  gtk_widget_class_bind_template_child (widget_class, HzTimelinePage, charts_box);

  gtk_widget_class_install_action (widget_class, "timeline.search", NULL, action_search);
  gtk_widget_class_install_action (widget_class, "timeline.jump", NULL, action_jump);
  gtk_widget_class_install_action (widget_class, "timeline.go-today", NULL, action_go_today);
  gtk_widget_class_install_action (widget_class, "timeline.clear-filters", NULL, action_clear_filters);
  gtk_widget_class_install_action (widget_class, "timeline.show-view", "s", action_show_view);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "timeline.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK, "timeline.go-today", NULL);
  /* Alt+1…9 switch the workspace's pages; views within a page are
   * Ctrl+1, Ctrl+2, as Files switches its list and grid views */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_CONTROL_MASK, "timeline.show-view", "s", "events");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_CONTROL_MASK, "timeline.show-view", "s", "trends");

  gtk_widget_class_set_css_name (widget_class, "timelinepage");
}

static void
hz_timeline_page_init (HzTimelinePage *self)
{
  ensure_style ();
  gtk_widget_init_template (GTK_WIDGET (self));

  g_date_clear (&self->today, 1);
  hz_ga_get_today (&self->today);
  self->bound = g_hash_table_new (NULL, NULL);
  self->store_source = hz_timeline_store_source_new ();

  build_filter_widgets (self);

  g_signal_connect (self->list_view, "activate", G_CALLBACK (on_list_activate), self);
  g_signal_connect (self->search_entry, "search-changed", G_CALLBACK (on_search_changed), self);
  g_signal_connect (self->search_entry, "stop-search", G_CALLBACK (on_stop_search), self);
  g_signal_connect (self->jump_entry, "activate", G_CALLBACK (on_jump_activate), self);
  g_signal_connect (self->jump_entry, "icon-press", G_CALLBACK (on_jump_icon_press), self);
  g_signal_connect (self->jump_entry, "changed", G_CALLBACK (on_jump_changed), self);
  g_signal_connect_swapped (self->today_button, "clicked", G_CALLBACK (on_today_clicked), self);
  g_signal_connect (self->ruler, "jump", G_CALLBACK (on_ruler_jump), self);
  g_signal_connect_swapped (self->stack, "notify::visible-child-name", G_CALLBACK (on_view_changed), self);
  g_signal_connect (gtk_scrolled_window_get_vadjustment (self->scroller), "value-changed",
                    G_CALLBACK (on_vadjustment_changed), self);
  g_signal_connect_swapped (gtk_scrolled_window_get_vadjustment (self->scroller), "changed",
                            G_CALLBACK (schedule_range_update), self);
  g_signal_connect_swapped (self->list_view, "map", G_CALLBACK (schedule_range_update), self);
  gtk_search_entry_set_key_capture_widget (GTK_SEARCH_ENTRY (self->search_entry), GTK_WIDGET (self));

  /* Ctrl+G goes to the jump entry from anywhere in the page, the search
   * entry too (whose own Ctrl+G, "next match", means nothing here: the
   * search filters the list), so before the focused widget sees it */
  {
    GtkEventController *controller = gtk_shortcut_controller_new ();

    gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_g, GDK_CONTROL_MASK),
                                                            gtk_named_action_new ("timeline.jump")));
    gtk_widget_add_controller (GTK_WIDGET (self), controller);
  }
}

/* --- public -------------------------------------------------------------------- */

GtkWidget *
hz_timeline_page_new (HzCase *kase)
{
  g_return_val_if_fail (kase == NULL || HZ_IS_CASE (kase), NULL);

  return g_object_new (HZ_TYPE_TIMELINE_PAGE, "case", kase, NULL);
}

HzTimelineModel *
hz_timeline_page_get_model (HzTimelinePage *self)
{
  g_return_val_if_fail (HZ_IS_TIMELINE_PAGE (self), NULL);

  return self->model;
}

void
hz_timeline_page_set_workspace (HzTimelinePage *self,
                                HzWorkspace    *workspace)
{
  g_return_if_fail (HZ_IS_TIMELINE_PAGE (self));

  if (self->workspace == workspace)
    return;
  if (self->workspace != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->workspace), (gpointer *) &self->workspace);
  self->workspace = workspace;
  if (workspace != NULL)
    g_object_add_weak_pointer (G_OBJECT (workspace), (gpointer *) &self->workspace);
}

void
hz_timeline_page_set_today (HzTimelinePage *self,
                            const GDate    *today)
{
  g_return_if_fail (HZ_IS_TIMELINE_PAGE (self));
  g_return_if_fail (today != NULL && g_date_valid (today));

  self->today = *today;
  hz_timeline_store_source_set_today (self->store_source, today);
  hz_timeline_model_set_today (self->model, today);
  if (self->kase != NULL)
    hz_timeline_source_emit_changed (HZ_TIMELINE_SOURCE (self->store_source));  /* relists, updates */
  else
    {
      update_dating_label (self);
      update_due (self);
    }
}

gboolean
hz_timeline_page_scroll_to_key (HzTimelinePage *self,
                                const char     *key)
{
  g_return_val_if_fail (HZ_IS_TIMELINE_PAGE (self), FALSE);

  return scroll_to_anchor (self, key, 0);
}

const char *
hz_timeline_page_get_jump_error (HzTimelinePage *self)
{
  g_return_val_if_fail (HZ_IS_TIMELINE_PAGE (self), NULL);

  if (!gtk_widget_get_visible (self->jump_error_label))
    return NULL;
  return gtk_label_get_label (GTK_LABEL (self->jump_error_label));
}

gboolean
hz_timeline_page_select_key (HzTimelinePage *self,
                             const char     *key)
{
  guint position;

  g_return_val_if_fail (HZ_IS_TIMELINE_PAGE (self), FALSE);

  position = key != NULL ? hz_timeline_model_find_key (self->model, key) : G_MAXUINT;
  g_free (self->selected_key);
  self->selected_key = position != G_MAXUINT ? g_strdup (key) : NULL;
  select_position (self, position);
  schedule_state_changed (self);
  return key == NULL || position != G_MAXUINT;
}

void
hz_timeline_page_open_selected (HzTimelinePage *self)
{
  guint selected;

  g_return_if_fail (HZ_IS_TIMELINE_PAGE (self));

  selected = gtk_single_selection_get_selected (self->selection);
  if (selected != GTK_INVALID_LIST_POSITION)
    open_position (self, selected);
}

GtkWidget *
hz_timeline_page_get_popover (HzTimelinePage *self)
{
  g_return_val_if_fail (HZ_IS_TIMELINE_PAGE (self), NULL);

  return self->popover;
}

GtkWidget *
hz_timeline_page_get_list_view (HzTimelinePage *self)
{
  g_return_val_if_fail (HZ_IS_TIMELINE_PAGE (self), NULL);

  return GTK_WIDGET (self->list_view);
}

guint
hz_timeline_page_get_n_charts (HzTimelinePage *self)
{
  g_return_val_if_fail (HZ_IS_TIMELINE_PAGE (self), 0);

  if (self->trends_dirty)
    rebuild_trends (self);
  return self->series != NULL ? self->series->len : 0;
}

const char *
hz_timeline_page_get_view (HzTimelinePage *self)
{
  const char *view;

  g_return_val_if_fail (HZ_IS_TIMELINE_PAGE (self), NULL);

  view = adw_view_stack_get_visible_child_name (self->stack);
  return view != NULL ? view : "events";
}

void
hz_timeline_page_set_view (HzTimelinePage *self,
                           const char     *view)
{
  g_return_if_fail (HZ_IS_TIMELINE_PAGE (self));

  if (g_strcmp0 (view, "events") == 0 || g_strcmp0 (view, "trends") == 0)
    adw_view_stack_set_visible_child_name (self->stack, view);
}
