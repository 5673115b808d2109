/* hz-timeline-row.c — one row of the timeline list
 *
 * Grouping (what the rows are headed by):
 *  - with a dating: the gestational week (completed weeks, so 13+6 is week
 *    13 and 14+0 week 14); an event on the delivery day stays in its week,
 *    the days after are postpartum days 1, 2...; before the LMP, and long
 *    after the pregnancy, calendar months;
 *  - GA unknown: calendar months (and postpartum days when a delivery date
 *    is known);
 *  - no valid date: one "Undated" group at the end.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-timeline"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hz-timeline-row.h"

struct _HzTimelineRow
{
  GObject            parent_instance;

  HzTimelineRowType  type;
  HzTimelineGroup    group;
  HzTimelineEvent   *event;
  HzDating           dating;
  guint32            julian;
  gint64             time;
  int                ga_days;
  guint              n_events;
  guint              has_ga : 1;

  /* computed on first use */
  char              *ga_label;
  char              *date_label;
  char              *title;
  char              *subtitle;
  char              *key;
  char              *search_text;
};

G_DEFINE_FINAL_TYPE (HzTimelineRow, hz_timeline_row, G_TYPE_OBJECT)

/* --- groups --------------------------------------------------------------- */

int
hz_timeline_group_compare (const HzTimelineGroup *a,
                           const HzTimelineGroup *b)
{
  /* The enum is in timeline order; WEEK and MONTH never occur together. */
  if (a->type != b->type)
    return a->type < b->type ? -1 : 1;
  if (a->index != b->index)
    return a->index < b->index ? -1 : 1;
  return 0;
}

static void
month_from_index (int  index,
                  int *year,
                  int *month)
{
  *year = index / 12;
  *month = index % 12 + 1;
}

char *
hz_timeline_group_to_key (const HzTimelineGroup *group)
{
  int y, m;

  g_return_val_if_fail (group != NULL, NULL);

  switch (group->type)
    {
    case HZ_TIMELINE_GROUP_WEEK:
      return g_strdup_printf ("week:%d", group->index);
    case HZ_TIMELINE_GROUP_POSTPARTUM:
      return g_strdup_printf ("pp:%d", group->index);
    case HZ_TIMELINE_GROUP_BEFORE_PREGNANCY:
      month_from_index (group->index, &y, &m);
      return g_strdup_printf ("pre:%04d-%02d", y, m);
    case HZ_TIMELINE_GROUP_MONTH:
      month_from_index (group->index, &y, &m);
      return g_strdup_printf ("month:%04d-%02d", y, m);
    case HZ_TIMELINE_GROUP_AFTER:
      month_from_index (group->index, &y, &m);
      return g_strdup_printf ("after:%04d-%02d", y, m);
    case HZ_TIMELINE_GROUP_UNDATED:
      return g_strdup ("undated");
    default:
      g_return_val_if_reached (NULL);
    }
}

static gboolean
parse_int (const char *str,
           int         min,
           int         max,
           int        *out)
{
  gint64 value;
  char *end = NULL;

  if (str == NULL || !g_ascii_isdigit (*str))
    return FALSE;
  value = g_ascii_strtoll (str, &end, 10);
  if (end == str || *end != '\0' || value < min || value > max)
    return FALSE;
  *out = (int) value;
  return TRUE;
}

static gboolean
parse_month (const char *str,
             int        *index)
{
  g_auto(GStrv) parts = g_strsplit (str, "-", 0);
  int y, m;

  if (g_strv_length (parts) != 2 ||
      !parse_int (parts[0], 1, 9999, &y) ||
      !parse_int (parts[1], 1, 12, &m))
    return FALSE;
  *index = HZ_TIMELINE_MONTH_INDEX (y, m);
  return TRUE;
}

gboolean
hz_timeline_group_from_key (const char      *key,
                            HzTimelineGroup *group)
{
  HzTimelineGroup g = { 0 };

  g_return_val_if_fail (group != NULL, FALSE);

  if (key == NULL)
    return FALSE;

  if (g_str_equal (key, "undated"))
    g.type = HZ_TIMELINE_GROUP_UNDATED;
  else if (g_str_has_prefix (key, "week:") && parse_int (key + 5, 0, 9999, &g.index))
    g.type = HZ_TIMELINE_GROUP_WEEK;
  else if (g_str_has_prefix (key, "pp:") && parse_int (key + 3, 0, 99999, &g.index))
    g.type = HZ_TIMELINE_GROUP_POSTPARTUM;
  else if (g_str_has_prefix (key, "pre:") && parse_month (key + 4, &g.index))
    g.type = HZ_TIMELINE_GROUP_BEFORE_PREGNANCY;
  else if (g_str_has_prefix (key, "month:") && parse_month (key + 6, &g.index))
    g.type = HZ_TIMELINE_GROUP_MONTH;
  else if (g_str_has_prefix (key, "after:") && parse_month (key + 6, &g.index))
    g.type = HZ_TIMELINE_GROUP_AFTER;
  else
    return FALSE;

  *group = g;
  return TRUE;
}

static char *
format_month (int index)
{
  g_autoptr(GDateTime) dt = NULL;
  int y, m;

  month_from_index (index, &y, &m);
  dt = g_date_time_new_utc (y, m, 1, 0, 0, 0);
  if (dt == NULL)
    return g_strdup_printf ("%04d-%02d", y, m);
  /* Translators: a calendar month as a strftime format: "%Y年%-m月" in Chinese */
  return g_date_time_format (dt, _("%B %Y"));
}

char *
hz_timeline_group_get_label (const HzTimelineGroup *group)
{
  g_autofree char *month = NULL;

  g_return_val_if_fail (group != NULL, NULL);

  switch (group->type)
    {
    case HZ_TIMELINE_GROUP_WEEK:
      /* Translators: a gestational week heading: "孕12周" in Chinese */
      return g_strdup_printf (_("Week %d"), group->index);
    case HZ_TIMELINE_GROUP_POSTPARTUM:
      return hz_ga_format_postpartum (group->index);
    case HZ_TIMELINE_GROUP_BEFORE_PREGNANCY:
      month = format_month (group->index);
      /* Translators: heading of events before the last menstrual period; %s is a month */
      return g_strdup_printf (_("Before pregnancy · %s"), month);
    case HZ_TIMELINE_GROUP_MONTH:
      return format_month (group->index);
    case HZ_TIMELINE_GROUP_AFTER:
      month = format_month (group->index);
      /* Translators: heading of events long after the pregnancy; %s is a month */
      return g_strdup_printf (_("After pregnancy · %s"), month);
    case HZ_TIMELINE_GROUP_UNDATED:
      return g_strdup (_("Undated"));
    default:
      g_return_val_if_reached (NULL);
    }
}

static guint32
date_julian (const GDate *date)
{
  return date != NULL && g_date_valid (date) ? g_date_get_julian (date) : 0;
}

static int
julian_month_index (guint32 julian)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  return HZ_TIMELINE_MONTH_INDEX (g_date_get_year (&date), g_date_get_month (&date));
}

void
hz_timeline_group_for_date (const HzDating  *dating,
                            guint32          julian,
                            HzTimelineGroup *group)
{
  guint32 delivery;

  g_return_if_fail (dating != NULL);
  g_return_if_fail (group != NULL);

  group->index = 0;

  if (julian == 0)
    {
      group->type = HZ_TIMELINE_GROUP_UNDATED;
      return;
    }

  delivery = dating->delivered ? date_julian (&dating->delivery_date) : 0;
  if (delivery != 0 && julian > delivery)
    {
      guint32 days = julian - delivery;

      if (days <= HZ_TIMELINE_MAX_POSTPARTUM_DAYS)
        {
          group->type = HZ_TIMELINE_GROUP_POSTPARTUM;
          group->index = (int) days;
        }
      else
        {
          group->type = HZ_TIMELINE_GROUP_AFTER;
          group->index = julian_month_index (julian);
        }
      return;
    }

  if (dating->method == HZ_DATING_NONE)
    {
      group->type = HZ_TIMELINE_GROUP_MONTH;
      group->index = julian_month_index (julian);
      return;
    }

  {
    gint64 ga = (gint64) julian - (gint64) g_date_get_julian (&dating->lmp);

    if (ga < 0)
      {
        group->type = HZ_TIMELINE_GROUP_BEFORE_PREGNANCY;
        group->index = julian_month_index (julian);
      }
    else if (delivery == 0 && ga > HZ_TIMELINE_MAX_GA_DAYS)
      {
        group->type = HZ_TIMELINE_GROUP_AFTER;
        group->index = julian_month_index (julian);
      }
    else
      {
        group->type = HZ_TIMELINE_GROUP_WEEK;
        group->index = (int) (ga / 7);
      }
  }
}

/* --- rows ----------------------------------------------------------------- */

static void
hz_timeline_row_finalize (GObject *object)
{
  HzTimelineRow *self = (HzTimelineRow *)object;

  g_clear_object (&self->event);
  g_clear_pointer (&self->ga_label, g_free);
  g_clear_pointer (&self->date_label, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->subtitle, g_free);
  g_clear_pointer (&self->key, g_free);
  g_clear_pointer (&self->search_text, g_free);

  G_OBJECT_CLASS (hz_timeline_row_parent_class)->finalize (object);
}

static void
hz_timeline_row_class_init (HzTimelineRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hz_timeline_row_finalize;
}

static void
hz_timeline_row_init (HzTimelineRow *self)
{
  self->time = G_MAXINT64;
}

static void
compute_ga (HzTimelineRow *self)
{
  self->has_ga = FALSE;
  if (self->julian != 0 && self->dating.method != HZ_DATING_NONE)
    {
      self->has_ga = TRUE;
      self->ga_days = (int) ((gint64) self->julian - (gint64) g_date_get_julian (&self->dating.lmp));
    }
}

HzTimelineRow *
hz_timeline_row_new_event (HzTimelineEvent *event,
                           const HzDating  *dating)
{
  HzTimelineRow *self;
  GDateTime *date;

  g_return_val_if_fail (HZ_IS_TIMELINE_EVENT (event), NULL);
  g_return_val_if_fail (dating != NULL, NULL);

  self = g_object_new (HZ_TYPE_TIMELINE_ROW, NULL);
  self->type = HZ_TIMELINE_ROW_EVENT;
  self->event = g_object_ref (event);
  self->dating = *dating;

  date = hz_timeline_event_get_date (event);
  if (date != NULL)
    {
      int y, m, d;

      g_date_time_get_ymd (date, &y, &m, &d);
      if (g_date_valid_dmy (d, m, y))
        {
          GDate day;

          g_date_clear (&day, 1);
          g_date_set_dmy (&day, d, m, y);
          self->julian = g_date_get_julian (&day);
          self->time = g_date_time_to_unix (date);
        }
    }

  compute_ga (self);
  hz_timeline_group_for_date (dating, self->julian, &self->group);
  return self;
}

static guint32
group_first_day (const HzTimelineGroup *group,
                 const HzDating        *dating)
{
  GDate day;
  int y, m;

  g_date_clear (&day, 1);
  switch (group->type)
    {
    case HZ_TIMELINE_GROUP_WEEK:
      if (dating->method == HZ_DATING_NONE)
        return 0;
      day = dating->lmp;
      g_date_add_days (&day, group->index * 7);
      return g_date_get_julian (&day);

    case HZ_TIMELINE_GROUP_POSTPARTUM:
      if (!dating->delivered)
        return 0;
      day = dating->delivery_date;
      g_date_add_days (&day, group->index);
      return g_date_get_julian (&day);

    case HZ_TIMELINE_GROUP_BEFORE_PREGNANCY:
    case HZ_TIMELINE_GROUP_MONTH:
    case HZ_TIMELINE_GROUP_AFTER:
      month_from_index (group->index, &y, &m);
      if (!g_date_valid_dmy (1, m, y))
        return 0;
      g_date_set_dmy (&day, 1, m, y);
      return g_date_get_julian (&day);

    case HZ_TIMELINE_GROUP_UNDATED:
    default:
      return 0;
    }
}

HzTimelineRow *
hz_timeline_row_new_header (const HzTimelineGroup *group,
                            const HzDating        *dating,
                            guint                  n_events)
{
  HzTimelineRow *self;

  g_return_val_if_fail (group != NULL, NULL);
  g_return_val_if_fail (dating != NULL, NULL);

  self = g_object_new (HZ_TYPE_TIMELINE_ROW, NULL);
  self->type = HZ_TIMELINE_ROW_HEADER;
  self->group = *group;
  self->dating = *dating;
  self->n_events = n_events;
  self->julian = group_first_day (group, dating);
  if (group->type == HZ_TIMELINE_GROUP_WEEK)
    {
      self->has_ga = TRUE;
      self->ga_days = group->index * 7;
    }
  return self;
}

HzTimelineRow *
hz_timeline_row_new_today (const HzDating *dating,
                           const GDate    *today)
{
  HzTimelineRow *self;

  g_return_val_if_fail (dating != NULL, NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  self = g_object_new (HZ_TYPE_TIMELINE_ROW, NULL);
  self->type = HZ_TIMELINE_ROW_TODAY;
  self->dating = *dating;
  self->julian = g_date_get_julian (today);
  /* After everything that happened today */
  {
    g_autoptr(GDateTime) end = g_date_time_new_local (g_date_get_year (today),
                                                      g_date_get_month (today),
                                                      g_date_get_day (today),
                                                      23, 59, 59.0);
    self->time = end != NULL ? g_date_time_to_unix (end) : G_MAXINT64 - 1;
  }
  compute_ga (self);
  hz_timeline_group_for_date (dating, self->julian, &self->group);
  return self;
}

HzTimelineRowType
hz_timeline_row_get_row_type (HzTimelineRow *self)
{
  g_return_val_if_fail (HZ_IS_TIMELINE_ROW (self), HZ_TIMELINE_ROW_EVENT);

  return self->type;
}

const HzTimelineGroup *
hz_timeline_row_get_group (HzTimelineRow *self)
{
  g_return_val_if_fail (HZ_IS_TIMELINE_ROW (self), NULL);

  return &self->group;
}

HzTimelineEvent *
hz_timeline_row_get_event (HzTimelineRow *self)
{
  g_return_val_if_fail (HZ_IS_TIMELINE_ROW (self), NULL);

  return self->event;
}

guint32
hz_timeline_row_get_julian (HzTimelineRow *self)
{
  g_return_val_if_fail (HZ_IS_TIMELINE_ROW (self), 0);

  return self->julian;
}

gint64
hz_timeline_row_get_time (HzTimelineRow *self)
{
  g_return_val_if_fail (HZ_IS_TIMELINE_ROW (self), G_MAXINT64);

  return self->time;
}

gboolean
hz_timeline_row_get_ga (HzTimelineRow *self,
                        int           *ga_days)
{
  g_return_val_if_fail (HZ_IS_TIMELINE_ROW (self), FALSE);

  if (self->has_ga && ga_days != NULL)
    *ga_days = self->ga_days;
  return self->has_ga;
}

guint
hz_timeline_row_get_n_events (HzTimelineRow *self)
{
  g_return_val_if_fail (HZ_IS_TIMELINE_ROW (self), 0);

  return self->n_events;
}

void
hz_timeline_row_set_n_events (HzTimelineRow *self,
                              guint          n_events)
{
  g_return_if_fail (HZ_IS_TIMELINE_ROW (self));

  self->n_events = n_events;
}

int
hz_timeline_row_get_trimester (HzTimelineRow *self)
{
  g_return_val_if_fail (HZ_IS_TIMELINE_ROW (self), -1);

  if (self->group.type != HZ_TIMELINE_GROUP_WEEK || !self->has_ga)
    return -1;
  return (int) hz_ga_trimester (self->ga_days);
}

static char *
format_julian (guint32 julian)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  return g_strdup_printf ("%04d-%02d-%02d",
                          g_date_get_year (&date),
                          g_date_get_month (&date),
                          g_date_get_day (&date));
}

const char *
hz_timeline_row_get_ga_label (HzTimelineRow *self)
{
  g_return_val_if_fail (HZ_IS_TIMELINE_ROW (self), NULL);

  if (self->ga_label != NULL)
    return self->ga_label;

  switch (self->group.type)
    {
    case HZ_TIMELINE_GROUP_WEEK:
      self->ga_label = hz_ga_format (self->ga_days);
      break;

    case HZ_TIMELINE_GROUP_POSTPARTUM:
      self->ga_label = hz_ga_format_postpartum (self->group.index);
      break;

    case HZ_TIMELINE_GROUP_BEFORE_PREGNANCY:
      self->ga_label = g_strdup (_("Before pregnancy"));
      break;

    case HZ_TIMELINE_GROUP_MONTH:
      self->ga_label = g_strdup (_("GA unknown"));
      break;

    case HZ_TIMELINE_GROUP_AFTER:
      if (self->dating.delivered && self->julian != 0)
        self->ga_label = hz_ga_format_postpartum ((int) (self->julian - g_date_get_julian (&self->dating.delivery_date)));
      else if (self->has_ga)
        self->ga_label = hz_ga_format (self->ga_days);
      else
        self->ga_label = g_strdup (_("GA unknown"));
      break;

    case HZ_TIMELINE_GROUP_UNDATED:
    default:
      self->ga_label = g_strdup ("");
      break;
    }

  return self->ga_label;
}

const char *
hz_timeline_row_get_date_label (HzTimelineRow *self)
{
  g_return_val_if_fail (HZ_IS_TIMELINE_ROW (self), NULL);

  if (self->date_label == NULL)
    {
      if (self->julian != 0)
        self->date_label = format_julian (self->julian);
      else
        self->date_label = g_strdup (_("No date"));
    }
  return self->date_label;
}

const char *
hz_timeline_row_get_title (HzTimelineRow *self)
{
  g_return_val_if_fail (HZ_IS_TIMELINE_ROW (self), NULL);

  switch (self->type)
    {
    case HZ_TIMELINE_ROW_EVENT:
      return hz_timeline_event_get_title (self->event);

    case HZ_TIMELINE_ROW_TODAY:
      return _("Today");

    case HZ_TIMELINE_ROW_HEADER:
    default:
      if (self->title == NULL)
        self->title = hz_timeline_group_get_label (&self->group);
      return self->title;
    }
}

const char *
hz_timeline_row_get_subtitle (HzTimelineRow *self)
{
  g_return_val_if_fail (HZ_IS_TIMELINE_ROW (self), NULL);

  if (self->type == HZ_TIMELINE_ROW_EVENT)
    return hz_timeline_event_get_detail (self->event);

  if (self->subtitle != NULL)
    return self->subtitle;

  if (self->type == HZ_TIMELINE_ROW_TODAY)
    {
      const char *ga = hz_timeline_row_get_ga_label (self);

      self->subtitle = *ga != '\0'
        ? g_strdup_printf ("%s · %s", hz_timeline_row_get_date_label (self), ga)
        : g_strdup (hz_timeline_row_get_date_label (self));
      return self->subtitle;
    }

  switch (self->group.type)
    {
    case HZ_TIMELINE_GROUP_WEEK:
      if (self->julian != 0)
        {
          g_autofree char *first = format_julian (self->julian);
          g_autofree char *last = format_julian (self->julian + 6);

          /* Translators: a week's dates and its trimester: "2024-03-25 – 2024-03-31 · First trimester" */
          self->subtitle = g_strdup_printf (_("%s – %s · %s"), first, last,
                                            hz_trimester_get_display_name (hz_ga_trimester (self->ga_days)));
        }
      break;

    case HZ_TIMELINE_GROUP_POSTPARTUM:
      if (self->julian != 0)
        self->subtitle = format_julian (self->julian);
      break;

    case HZ_TIMELINE_GROUP_UNDATED:
      self->subtitle = g_strdup (_("Events without a valid date"));
      break;

    case HZ_TIMELINE_GROUP_BEFORE_PREGNANCY:
    case HZ_TIMELINE_GROUP_MONTH:
    case HZ_TIMELINE_GROUP_AFTER:
    default:
      break;
    }

  if (self->subtitle == NULL)
    self->subtitle = g_strdup ("");
  return self->subtitle;
}

const char *
hz_timeline_row_get_key (HzTimelineRow *self)
{
  g_return_val_if_fail (HZ_IS_TIMELINE_ROW (self), NULL);

  switch (self->type)
    {
    case HZ_TIMELINE_ROW_EVENT:
      return hz_timeline_event_get_resource_reference (self->event);

    case HZ_TIMELINE_ROW_TODAY:
      return "today";

    case HZ_TIMELINE_ROW_HEADER:
    default:
      if (self->key == NULL)
        self->key = hz_timeline_group_to_key (&self->group);
      return self->key;
    }
}

const char *
hz_timeline_row_get_search_text (HzTimelineRow *self)
{
  g_return_val_if_fail (HZ_IS_TIMELINE_ROW (self), NULL);

  if (self->search_text == NULL)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *folded = NULL;

      g_string_append (text, hz_timeline_row_get_title (self));
      if (self->type == HZ_TIMELINE_ROW_EVENT)
        {
          const char *detail = hz_timeline_event_get_detail (self->event);

          if (detail != NULL)
            g_string_append_printf (text, "\n%s", detail);
          g_string_append_printf (text, "\n%s",
                                  hz_event_kind_get_display_name (hz_timeline_event_get_kind (self->event)));
          if (hz_timeline_event_has_team (self->event))
            g_string_append_printf (text, "\n%s",
                                    hz_team_get_display_name (hz_timeline_event_get_team (self->event)));
        }
      g_string_append_printf (text, "\n%s\n%s",
                              hz_timeline_row_get_ga_label (self),
                              hz_timeline_row_get_date_label (self));

      folded = g_utf8_casefold (text->str, text->len);
      self->search_text = g_utf8_normalize (folded, -1, G_NORMALIZE_ALL);
      if (self->search_text == NULL)
        self->search_text = g_steal_pointer (&folded);
    }

  return self->search_text;
}
