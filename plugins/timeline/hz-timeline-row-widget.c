/* hz-timeline-row-widget.c — how one HzTimelineRow looks in the list
 *
 * Built once per recycled list item with all its children; binding a row
 * only sets label texts, an icon name and a few CSS classes, so scrolling
 * ten thousand rows stays cheap.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-timeline"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hz-timeline-row-widget.h"

struct _HzTimelineRowWidget
{
  GtkWidget      parent_instance;

  HzTimelineRow *row;
  const char    *state_class;    /* static strings: the classes set for @row */
  const char    *severity_class;
  const char    *team_class;
  const char    *trimester_class;

  /* event */
  GtkWidget     *event_box;
  GtkWidget     *bar;
  GtkWidget     *date_label;
  GtkWidget     *ga_label;
  GtkWidget     *icon;
  GtkWidget     *title_label;
  GtkWidget     *detail_label;
  GtkWidget     *team_label;

  /* header */
  GtkWidget     *header_box;
  GtkWidget     *header_title;
  GtkWidget     *header_subtitle;
  GtkWidget     *header_count;

  /* today */
  GtkWidget     *today_box;
  GtkWidget     *today_label;
};

G_DEFINE_FINAL_TYPE (HzTimelineRowWidget, hz_timeline_row_widget, GTK_TYPE_WIDGET)

static const char * const severity_classes[] = {
  [HZ_SEVERITY_INFO] = "severity-info",
  [HZ_SEVERITY_ATTENTION] = "severity-attention",
  [HZ_SEVERITY_CRITICAL] = "severity-critical",
};

static const char * const team_classes[] = {
  [HZ_TEAM_OBSTETRICS] = "team-obstetrics",
  [HZ_TEAM_REPRODUCTIVE] = "team-reproductive",
  [HZ_TEAM_PSYCHOLOGY] = "team-psychology",
  [HZ_TEAM_NUTRITION] = "team-nutrition",
  [HZ_TEAM_OTHER] = "team-other",
};

static const char * const trimester_classes[] = {
  [HZ_TRIMESTER_FIRST] = "trimester-1",
  [HZ_TRIMESTER_SECOND] = "trimester-2",
  [HZ_TRIMESTER_THIRD] = "trimester-3",
};

static GtkWidget *
make_label (const char *css_class,
            int         width_chars,
            float       xalign)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  if (width_chars > 0)
    gtk_label_set_width_chars (GTK_LABEL (label), width_chars);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
swap_class (GtkWidget   *widget,
            const char **current,
            const char  *wanted)
{
  if (*current == wanted)
    return;
  if (*current != NULL)
    gtk_widget_remove_css_class (widget, *current);
  if (wanted != NULL)
    gtk_widget_add_css_class (widget, wanted);
  *current = wanted;
}

static void
hz_timeline_row_widget_dispose (GObject *object)
{
  HzTimelineRowWidget *self = (HzTimelineRowWidget *)object;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->row);

  G_OBJECT_CLASS (hz_timeline_row_widget_parent_class)->dispose (object);
}

static void
hz_timeline_row_widget_class_init (HzTimelineRowWidgetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hz_timeline_row_widget_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "timelinerow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
hz_timeline_row_widget_init (HzTimelineRowWidget *self)
{
  GtkWidget *text_box;

  /* An event: | date | GA | icon | title / detail | team | */
  self->event_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (self->event_box, "timeline-event");
  gtk_widget_set_hexpand (self->event_box, TRUE);

  self->bar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (self->bar, "severity-bar");
  gtk_box_append (GTK_BOX (self->event_box), self->bar);

  self->date_label = make_label ("timeline-date", 10, 0);
  gtk_widget_add_css_class (self->date_label, "numeric");
  gtk_box_append (GTK_BOX (self->event_box), self->date_label);

  self->ga_label = make_label ("timeline-ga", 9, 0);
  gtk_box_append (GTK_BOX (self->event_box), self->ga_label);

  self->icon = gtk_image_new ();
  gtk_widget_add_css_class (self->icon, "timeline-kind-icon");
  gtk_box_append (GTK_BOX (self->event_box), self->icon);

  text_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (text_box, TRUE);
  gtk_widget_set_valign (text_box, GTK_ALIGN_CENTER);
  self->title_label = make_label ("timeline-title", -1, 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->title_label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (text_box), self->title_label);
  self->detail_label = make_label ("dim-label", -1, 0);
  gtk_widget_add_css_class (self->detail_label, "caption");
  gtk_label_set_ellipsize (GTK_LABEL (self->detail_label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (text_box), self->detail_label);
  gtk_box_append (GTK_BOX (self->event_box), text_box);

  self->team_label = make_label ("team-pill", -1, 0.5);
  gtk_widget_set_valign (self->team_label, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (self->event_box), self->team_label);

  gtk_widget_set_parent (self->event_box, GTK_WIDGET (self));

  /* A group header: | Week 12   2024-03-25 – 2024-03-31 · First trimester   3 events | */
  self->header_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (self->header_box, "timeline-header");
  gtk_widget_set_hexpand (self->header_box, TRUE);
  self->header_title = make_label ("heading", -1, 0);
  gtk_box_append (GTK_BOX (self->header_box), self->header_title);
  self->header_subtitle = make_label ("dim-label", -1, 0);
  gtk_widget_set_hexpand (self->header_subtitle, TRUE);
  gtk_label_set_ellipsize (GTK_LABEL (self->header_subtitle), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (self->header_box), self->header_subtitle);
  self->header_count = make_label ("dim-label", -1, 1);
  gtk_widget_add_css_class (self->header_count, "caption");
  gtk_box_append (GTK_BOX (self->header_box), self->header_count);
  gtk_widget_set_parent (self->header_box, GTK_WIDGET (self));

  /* The today marker */
  self->today_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_widget_add_css_class (self->today_box, "timeline-today");
  gtk_widget_set_hexpand (self->today_box, TRUE);
  self->today_label = make_label (NULL, -1, 0);
  gtk_box_append (GTK_BOX (self->today_box), self->today_label);
  {
    GtkWidget *line = gtk_separator_new (GTK_ORIENTATION_HORIZONTAL);

    gtk_widget_set_hexpand (line, TRUE);
    gtk_widget_set_valign (line, GTK_ALIGN_CENTER);
    gtk_box_append (GTK_BOX (self->today_box), line);
  }
  gtk_widget_set_parent (self->today_box, GTK_WIDGET (self));

  gtk_widget_set_visible (self->header_box, FALSE);
  gtk_widget_set_visible (self->today_box, FALSE);
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

static void
set_text (GtkWidget  *label,
          const char *text)
{
  const char *old = gtk_label_get_label (GTK_LABEL (label));

  if (g_strcmp0 (old, text) != 0)
    gtk_label_set_label (GTK_LABEL (label), text != NULL ? text : "");
}

static void
bind_event (HzTimelineRowWidget *self,
            HzTimelineRow       *row)
{
  HzTimelineEvent *event = hz_timeline_row_get_event (row);
  HzSeverity severity = hz_timeline_event_get_severity (event);
  HzEventKind kind = hz_timeline_event_get_kind (event);
  const char *detail = hz_timeline_event_get_detail (event);
  int trimester = hz_timeline_row_get_trimester (row);

  set_text (self->date_label, hz_timeline_row_get_date_label (row));
  set_text (self->ga_label, hz_timeline_row_get_ga_label (row));
  set_text (self->title_label, hz_timeline_event_get_title (event));
  set_text (self->detail_label, detail);
  gtk_widget_set_visible (self->detail_label, detail != NULL && *detail != '\0');
  gtk_image_set_from_icon_name (GTK_IMAGE (self->icon), hz_event_kind_get_icon_name (kind));

  if (hz_timeline_event_has_team (event))
    {
      HzTeam team = hz_timeline_event_get_team (event);

      set_text (self->team_label, hz_team_get_display_name (team));
      gtk_widget_set_visible (self->team_label, TRUE);
      swap_class (self->team_label, &self->team_class,
                  (guint) team <= HZ_TEAM_OTHER ? team_classes[team] : NULL);
    }
  else
    gtk_widget_set_visible (self->team_label, FALSE);

  swap_class (GTK_WIDGET (self), &self->severity_class,
              (guint) severity <= HZ_SEVERITY_CRITICAL ? severity_classes[severity] : NULL);
  swap_class (GTK_WIDGET (self), &self->trimester_class,
              trimester >= 0 ? trimester_classes[trimester] : NULL);
  if (kind == HZ_EVENT_KIND_DUE)
    swap_class (GTK_WIDGET (self), &self->state_class, "due-item");
  else
    swap_class (GTK_WIDGET (self), &self->state_class, NULL);
}

static void
bind_header (HzTimelineRowWidget *self,
             HzTimelineRow       *row)
{
  const HzTimelineGroup *group = hz_timeline_row_get_group (row);
  guint n = hz_timeline_row_get_n_events (row);
  g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event", "%u events", n), n);
  int trimester = hz_timeline_row_get_trimester (row);
  const char *kind_class;

  set_text (self->header_title, hz_timeline_row_get_title (row));
  set_text (self->header_subtitle, hz_timeline_row_get_subtitle (row));
  set_text (self->header_count, count);

  switch (group->type)
    {
    case HZ_TIMELINE_GROUP_POSTPARTUM:
      kind_class = "postpartum";
      break;
    case HZ_TIMELINE_GROUP_UNDATED:
      kind_class = "undated";
      break;
    case HZ_TIMELINE_GROUP_WEEK:
    case HZ_TIMELINE_GROUP_BEFORE_PREGNANCY:
    case HZ_TIMELINE_GROUP_MONTH:
    case HZ_TIMELINE_GROUP_AFTER:
    default:
      kind_class = NULL;
      break;
    }
  swap_class (GTK_WIDGET (self), &self->state_class, kind_class);
  swap_class (GTK_WIDGET (self), &self->trimester_class,
              trimester >= 0 ? trimester_classes[trimester] : NULL);
  swap_class (GTK_WIDGET (self), &self->severity_class, NULL);
}

void
hz_timeline_row_widget_set_row (HzTimelineRowWidget *self,
                                HzTimelineRow       *row)
{
  HzTimelineRowType type;

  g_return_if_fail (HZ_IS_TIMELINE_ROW_WIDGET (self));
  g_return_if_fail (row == NULL || HZ_IS_TIMELINE_ROW (row));

  if (!g_set_object (&self->row, row) || row == NULL)
    return;

  type = hz_timeline_row_get_row_type (row);
  gtk_widget_set_visible (self->event_box, type == HZ_TIMELINE_ROW_EVENT);
  gtk_widget_set_visible (self->header_box, type == HZ_TIMELINE_ROW_HEADER);
  gtk_widget_set_visible (self->today_box, type == HZ_TIMELINE_ROW_TODAY);

  switch (type)
    {
    case HZ_TIMELINE_ROW_EVENT:
      bind_event (self, row);
      break;

    case HZ_TIMELINE_ROW_HEADER:
      bind_header (self, row);
      break;

    case HZ_TIMELINE_ROW_TODAY:
    default:
      {
        /* Translators: the today marker in the timeline: "Today · 2026-11-23 · 24w2d" */
        g_autofree char *text = g_strdup_printf (_("Today · %s"), hz_timeline_row_get_subtitle (row));

        set_text (self->today_label, text);
        swap_class (GTK_WIDGET (self), &self->state_class, NULL);
        swap_class (GTK_WIDGET (self), &self->severity_class, NULL);
        swap_class (GTK_WIDGET (self), &self->trimester_class, NULL);
      }
      break;
    }
}
