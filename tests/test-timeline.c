/* test-timeline.c — the timeline's model layer: grouping, filtering, jumping, the store source, trends
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>
#include <huizhen.h>

#include "hz-timeline-model.h"
#include "hz-timeline-store-source.h"
#include "hz-trend-series.h"

/* --- a fake source -------------------------------------------------------- */

#define TEST_TYPE_SOURCE (test_source_get_type ())
G_DECLARE_FINAL_TYPE (TestSource, test_source, TEST, SOURCE, GObject)

struct _TestSource
{
  GObject    parent_instance;
  GPtrArray *events;
  guint      n_loaded;
  guint      n_unloaded;
};

static GPtrArray *
test_source_list_events (HzTimelineSource *source,
                         HzCase           *kase)
{
  return g_ptr_array_ref (TEST_SOURCE (source)->events);
}

static void
test_source_load (HzTimelineSource *source,
                  HzCase           *kase)
{
  TEST_SOURCE (source)->n_loaded++;
}

static void
test_source_unload (HzTimelineSource *source,
                    HzCase           *kase)
{
  TEST_SOURCE (source)->n_unloaded++;
}

static void
test_source_iface_init (HzTimelineSourceInterface *iface)
{
  iface->list_events = test_source_list_events;
  iface->load = test_source_load;
  iface->unload = test_source_unload;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TestSource, test_source, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (HZ_TYPE_TIMELINE_SOURCE, test_source_iface_init))

static void
test_source_finalize (GObject *object)
{
  g_ptr_array_unref (TEST_SOURCE (object)->events);
  G_OBJECT_CLASS (test_source_parent_class)->finalize (object);
}

static void
test_source_class_init (TestSourceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_source_finalize;
}

static void
test_source_init (TestSource *self)
{
  self->events = g_ptr_array_new_with_free_func (g_object_unref);
}

/* LMP 2024-01-01: GA w+d falls on LMP + 7w + d. */
static GDateTime *
datetime_at_ga (int weeks,
                int days,
                int hour)
{
  g_autoptr(GDateTime) lmp = g_date_time_new_local (2024, 1, 1, hour, 0, 0);

  return g_date_time_add_days (lmp, weeks * 7 + days);
}

static void
add_event (TestSource  *source,
           GDateTime   *date,
           HzEventKind  kind,
           gboolean     has_team,
           HzTeam       team,
           const char  *title,
           const char  *reference)
{
  g_ptr_array_add (source->events,
                   hz_timeline_event_new (date, kind, has_team, team, HZ_SEVERITY_INFO,
                                          title, NULL, reference));
}

static void
add_event_at_ga (TestSource  *source,
                 int          weeks,
                 int          days,
                 HzEventKind  kind,
                 HzTeam       team,
                 const char  *title,
                 const char  *reference)
{
  g_autoptr(GDateTime) date = datetime_at_ga (weeks, days, 10);

  add_event (source, date, kind, TRUE, team, title, reference);
}

static void
dating_by_lmp (HzDating    *dating,
               const GDate *delivery)
{
  GDate lmp;

  g_date_clear (&lmp, 1);
  g_date_set_dmy (&lmp, 1, 1, 2024);
  hz_dating_compute (dating, &lmp, NULL, 0, NULL, 0, NULL, delivery);
}

static HzTimelineRow *
row_at (HzTimelineModel *model,
        guint            position)
{
  g_autoptr(HzTimelineRow) row = g_list_model_get_item (G_LIST_MODEL (model), position);

  g_assert_nonnull (row);
  return row;  /* the model keeps its own reference */
}

static const char *
key_at (HzTimelineModel *model,
        guint            position)
{
  return hz_timeline_row_get_key (row_at (model, position));
}

/* Position of the event titled @title, or G_MAXUINT. */
static guint
find_title (HzTimelineModel *model,
            const char      *title)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      HzTimelineRow *row = row_at (model, i);

      if (hz_timeline_row_get_row_type (row) == HZ_TIMELINE_ROW_EVENT &&
          g_strcmp0 (hz_timeline_row_get_title (row), title) == 0)
        return i;
    }
  return G_MAXUINT;
}

/* The header above position @pos */
static HzTimelineRow *
header_of (HzTimelineModel *model,
           guint            pos)
{
  for (guint i = pos + 1; i > 0; i--)
    {
      HzTimelineRow *row = row_at (model, i - 1);

      if (hz_timeline_row_get_row_type (row) == HZ_TIMELINE_ROW_HEADER)
        return row;
    }
  return NULL;
}

static void
assert_in_group (HzTimelineModel *model,
                 const char      *title,
                 const char      *group_key)
{
  guint pos = find_title (model, title);
  g_autofree char *key = NULL;

  g_assert_cmpuint (pos, !=, G_MAXUINT);
  key = hz_timeline_group_to_key (hz_timeline_row_get_group (row_at (model, pos)));
  g_assert_cmpstr (key, ==, group_key);
  g_assert_cmpstr (hz_timeline_row_get_key (header_of (model, pos)), ==, group_key);
}

/* --- grouping ------------------------------------------------------------- */

static void
test_grouping_boundaries (void)
{
  g_autoptr(TestSource) source = g_object_new (TEST_TYPE_SOURCE, NULL);
  g_autoptr(HzTimelineModel) model = hz_timeline_model_new (NULL);
  g_autoptr(GDateTime) before_lmp = g_date_time_new_local (2023, 11, 20, 9, 0, 0);
  g_autoptr(GDateTime) delivery_day = NULL;
  g_autoptr(GDateTime) day_after = NULL;
  g_autoptr(GDateTime) day_42 = NULL;
  g_autoptr(GDateTime) next_year = NULL;
  HzDating dating;
  GDate delivery, today;
  HzTimelineRow *row;
  guint pos;
  int ga;

  /* Delivered at 39+2 (2024-10-04) */
  g_date_clear (&delivery, 1);
  g_date_set_dmy (&delivery, 1, 1, 2024);
  g_date_add_days (&delivery, 39 * 7 + 2);
  dating_by_lmp (&dating, &delivery);
  hz_timeline_model_set_dating (model, &dating);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 1, 1, 2030);
  hz_timeline_model_set_today (model, &today);

  add_event_at_ga (source, 13, 6, HZ_EVENT_KIND_LAB, HZ_TEAM_OBSTETRICS, "at 13+6", "Observation/a");
  add_event_at_ga (source, 14, 0, HZ_EVENT_KIND_LAB, HZ_TEAM_OBSTETRICS, "at 14+0", "Observation/b");
  add_event_at_ga (source, 27, 6, HZ_EVENT_KIND_SCALE, HZ_TEAM_PSYCHOLOGY, "at 27+6", "Observation/c");
  add_event_at_ga (source, 28, 0, HZ_EVENT_KIND_SCALE, HZ_TEAM_PSYCHOLOGY, "at 28+0", "Observation/d");
  add_event (source, before_lmp, HZ_EVENT_KIND_VISIT, TRUE, HZ_TEAM_REPRODUCTIVE, "before LMP", "Encounter/e");
  delivery_day = datetime_at_ga (39, 2, 23);
  add_event (source, delivery_day, HZ_EVENT_KIND_OTHER, TRUE, HZ_TEAM_OBSTETRICS, "delivery", "Observation/f");
  day_after = datetime_at_ga (39, 3, 1);
  add_event (source, day_after, HZ_EVENT_KIND_VISIT, TRUE, HZ_TEAM_OBSTETRICS, "postpartum 1", "Encounter/g");
  day_42 = datetime_at_ga (39, 2 + 42, 9);
  add_event (source, day_42, HZ_EVENT_KIND_VISIT, TRUE, HZ_TEAM_NUTRITION, "postpartum 42", "Encounter/h");
  next_year = g_date_time_new_local (2026, 3, 1, 9, 0, 0);
  add_event (source, next_year, HZ_EVENT_KIND_OTHER, FALSE, HZ_TEAM_OTHER, "much later", NULL);
  add_event (source, NULL, HZ_EVENT_KIND_CONDITION, TRUE, HZ_TEAM_OBSTETRICS, "no date", "Condition/i");

  hz_timeline_model_add_source (model, HZ_TIMELINE_SOURCE (source), "test");
  g_assert_cmpuint (source->n_loaded, ==, 0);  /* no case: nothing to load on */
  g_assert_cmpuint (hz_timeline_model_get_n_events (model), ==, 10);

  /* 13+6 is week 13, 14+0 week 14; 27+6 week 27, 28+0 week 28 */
  assert_in_group (model, "at 13+6", "week:13");
  assert_in_group (model, "at 14+0", "week:14");
  assert_in_group (model, "at 27+6", "week:27");
  assert_in_group (model, "at 28+0", "week:28");
  /* The delivery day stays in its week; the next day is postpartum day 1. */
  assert_in_group (model, "delivery", "week:39");
  assert_in_group (model, "postpartum 1", "pp:1");
  assert_in_group (model, "postpartum 42", "pp:42");
  assert_in_group (model, "before LMP", "pre:2023-11");
  assert_in_group (model, "much later", "after:2026-03");
  assert_in_group (model, "no date", "undated");

  /* GA labels */
  row = row_at (model, find_title (model, "at 13+6"));
  g_assert_true (hz_timeline_row_get_ga (row, &ga));
  g_assert_cmpint (ga, ==, 97);
  g_assert_cmpstr (hz_timeline_row_get_ga_label (row), ==, "13w6d");
  g_assert_cmpstr (hz_timeline_row_get_date_label (row), ==, "2024-04-07");
  g_assert_cmpstr (hz_timeline_row_get_ga_label (row_at (model, find_title (model, "delivery"))), ==, "39w2d");
  g_assert_cmpstr (hz_timeline_row_get_ga_label (row_at (model, find_title (model, "postpartum 1"))), ==, "postpartum day 1");
  g_assert_cmpstr (hz_timeline_row_get_ga_label (row_at (model, find_title (model, "before LMP"))), ==, "Before pregnancy");
  g_assert_cmpstr (hz_timeline_row_get_date_label (row_at (model, find_title (model, "no date"))), ==, "No date");

  /* Headers: trimester of the week, label, count */
  pos = hz_timeline_model_find_key (model, "week:13");
  row = row_at (model, pos);
  g_assert_cmpint (hz_timeline_row_get_row_type (row), ==, HZ_TIMELINE_ROW_HEADER);
  g_assert_cmpint (hz_timeline_row_get_trimester (row), ==, HZ_TRIMESTER_FIRST);
  g_assert_cmpstr (hz_timeline_row_get_title (row), ==, "Week 13");
  g_assert_cmpuint (hz_timeline_row_get_n_events (row), ==, 1);
  g_assert_cmpint (hz_timeline_row_get_trimester (row_at (model, hz_timeline_model_find_key (model, "week:14"))), ==, HZ_TRIMESTER_SECOND);
  g_assert_cmpint (hz_timeline_row_get_trimester (row_at (model, hz_timeline_model_find_key (model, "week:27"))), ==, HZ_TRIMESTER_SECOND);
  g_assert_cmpint (hz_timeline_row_get_trimester (row_at (model, hz_timeline_model_find_key (model, "week:28"))), ==, HZ_TRIMESTER_THIRD);
  g_assert_cmpstr (hz_timeline_row_get_subtitle (row_at (model, hz_timeline_model_find_key (model, "week:13"))),
                   ==, "2024-04-01 – 2024-04-07 · First trimester");
  g_assert_cmpstr (hz_timeline_row_get_title (row_at (model, hz_timeline_model_find_key (model, "pp:1"))), ==, "postpartum day 1");

  /* Timeline order: before pregnancy, weeks, postpartum, later, today, undated */
  g_assert_cmpstr (key_at (model, 0), ==, "pre:2023-11");
  g_assert_cmpstr (key_at (model, 1), ==, "Encounter/e");
  g_assert_cmpstr (key_at (model, 2), ==, "week:13");
  g_assert_cmpuint (hz_timeline_model_find_key (model, "week:39"), <, hz_timeline_model_find_key (model, "pp:1"));
  g_assert_cmpuint (hz_timeline_model_find_key (model, "pp:1"), <, hz_timeline_model_find_key (model, "pp:42"));
  g_assert_cmpuint (hz_timeline_model_find_key (model, "pp:42"), <, hz_timeline_model_find_key (model, "after:2026-03"));
  g_assert_cmpuint (hz_timeline_model_find_key (model, "after:2026-03"), <, hz_timeline_model_find_today (model));
  g_assert_cmpuint (hz_timeline_model_find_today (model), <, hz_timeline_model_find_key (model, "undated"));
  g_assert_cmpstr (key_at (model, g_list_model_get_n_items (G_LIST_MODEL (model)) - 1), ==, "Condition/i");

  /* 10 events, 10 groups, one today marker */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 21);

  hz_timeline_model_remove_source (model, HZ_TIMELINE_SOURCE (source));
  g_assert_cmpuint (hz_timeline_model_get_n_events (model), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);  /* today */
}

static void
test_grouping_group_keys (void)
{
  HzTimelineGroup group, back;
  const char *keys[] = { "week:0", "week:12", "pp:5", "month:2024-05", "pre:2023-11", "after:2025-02", "undated" };
  const char *bad[] = { "week:", "week:x", "pp:-1", "month:2024-13", "month:2024", "later", "", "week:12a" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *again = NULL;

      g_assert_true (hz_timeline_group_from_key (keys[i], &group));
      again = hz_timeline_group_to_key (&group);
      g_assert_cmpstr (again, ==, keys[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (hz_timeline_group_from_key (bad[i], &group));
  g_assert_false (hz_timeline_group_from_key (NULL, &group));

  g_assert_true (hz_timeline_group_from_key ("week:3", &group));
  g_assert_true (hz_timeline_group_from_key ("week:12", &back));
  g_assert_cmpint (hz_timeline_group_compare (&group, &back), <, 0);
  g_assert_true (hz_timeline_group_from_key ("pp:1", &back));
  g_assert_cmpint (hz_timeline_group_compare (&group, &back), <, 0);
  g_assert_true (hz_timeline_group_from_key ("undated", &group));
  g_assert_cmpint (hz_timeline_group_compare (&group, &back), >, 0);
}

static void
test_grouping_ga_unknown (void)
{
  g_autoptr(TestSource) source = g_object_new (TEST_TYPE_SOURCE, NULL);
  g_autoptr(HzTimelineModel) model = hz_timeline_model_new (NULL);
  g_autoptr(GDateTime) may = g_date_time_new_local (2024, 5, 6, 9, 0, 0);
  g_autoptr(GDateTime) may_end = g_date_time_new_local (2024, 5, 31, 9, 0, 0);
  g_autoptr(GDateTime) june = g_date_time_new_local (2024, 6, 1, 9, 0, 0);
  g_autoptr(GDateTime) after = g_date_time_new_local (2024, 6, 10, 9, 0, 0);
  HzDating dating;
  GDate delivery;
  HzTimelineRow *row;
  int ga;

  /* No LMP, no CRL, no EDD: calendar months, "GA unknown" */
  add_event (source, may, HZ_EVENT_KIND_VISIT, TRUE, HZ_TEAM_OBSTETRICS, "may", "Encounter/1");
  add_event (source, may_end, HZ_EVENT_KIND_VISIT, TRUE, HZ_TEAM_OBSTETRICS, "may end", "Encounter/2");
  add_event (source, june, HZ_EVENT_KIND_VISIT, TRUE, HZ_TEAM_OBSTETRICS, "june", "Encounter/3");
  add_event (source, after, HZ_EVENT_KIND_VISIT, TRUE, HZ_TEAM_OBSTETRICS, "after delivery", "Encounter/4");
  hz_timeline_model_add_source (model, HZ_TIMELINE_SOURCE (source), "test");

  g_assert_false (hz_timeline_model_get_ga_known (model));
  assert_in_group (model, "may", "month:2024-05");
  assert_in_group (model, "may end", "month:2024-05");
  assert_in_group (model, "june", "month:2024-06");
  assert_in_group (model, "after delivery", "month:2024-06");
  row = row_at (model, find_title (model, "may"));
  g_assert_false (hz_timeline_row_get_ga (row, &ga));
  g_assert_cmpstr (hz_timeline_row_get_ga_label (row), ==, "GA unknown");
  g_assert_cmpstr (hz_timeline_row_get_date_label (row), ==, "2024-05-06");
  g_assert_cmpstr (hz_timeline_row_get_title (row_at (model, hz_timeline_model_find_key (model, "month:2024-05"))),
                   ==, "May 2024");
  g_assert_cmpuint (hz_timeline_row_get_n_events (row_at (model, hz_timeline_model_find_key (model, "month:2024-05"))), ==, 2);
  /* A GA cannot be jumped to; a date can. */
  g_assert_cmpuint (hz_timeline_model_find_ga (model, 84), ==, G_MAXUINT);
  g_assert_cmpuint (hz_timeline_model_find_julian (model, 0), ==, G_MAXUINT);

  /* A delivery date alone still gives postpartum days. */
  g_date_clear (&delivery, 1);
  g_date_set_dmy (&delivery, 5, 6, 2024);
  hz_dating_compute (&dating, NULL, NULL, 0, NULL, 0, NULL, &delivery);
  hz_timeline_model_set_dating (model, &dating);
  assert_in_group (model, "june", "month:2024-06");
  assert_in_group (model, "after delivery", "pp:5");
}

static void
test_today_marker (void)
{
  g_autoptr(TestSource) source = g_object_new (TEST_TYPE_SOURCE, NULL);
  g_autoptr(HzTimelineModel) model = hz_timeline_model_new (NULL);
  HzDating dating;
  GDate today;
  guint pos;

  dating_by_lmp (&dating, NULL);
  hz_timeline_model_set_dating (model, &dating);
  add_event_at_ga (source, 10, 0, HZ_EVENT_KIND_LAB, HZ_TEAM_OBSTETRICS, "10+0", "Observation/1");
  add_event_at_ga (source, 12, 1, HZ_EVENT_KIND_LAB, HZ_TEAM_OBSTETRICS, "12+1", "Observation/2");
  add_event_at_ga (source, 12, 5, HZ_EVENT_KIND_LAB, HZ_TEAM_OBSTETRICS, "12+5", "Observation/3");
  hz_timeline_model_add_source (model, HZ_TIMELINE_SOURCE (source), "test");

  /* Today 12+3: inside week 12, between its two events */
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 1, 1, 2024);
  g_date_add_days (&today, 12 * 7 + 3);
  hz_timeline_model_set_today (model, &today);
  pos = hz_timeline_model_find_today (model);
  g_assert_cmpstr (key_at (model, pos - 1), ==, "Observation/2");
  g_assert_cmpstr (key_at (model, pos + 1), ==, "Observation/3");
  g_assert_cmpstr (hz_timeline_row_get_subtitle (row_at (model, pos)), ==, "2024-03-28 · 12w3d");

  /* Today 12+0, before the week's first event: after the week's header */
  g_date_subtract_days (&today, 3);
  hz_timeline_model_set_today (model, &today);
  pos = hz_timeline_model_find_today (model);
  g_assert_cmpstr (key_at (model, pos - 1), ==, "week:12");
  g_assert_cmpstr (key_at (model, pos + 1), ==, "Observation/2");

  /* Today 11+0, a week without events: between the groups, no header of its own */
  g_date_subtract_days (&today, 7);
  hz_timeline_model_set_today (model, &today);
  pos = hz_timeline_model_find_today (model);
  g_assert_cmpstr (key_at (model, pos - 1), ==, "Observation/1");
  g_assert_cmpstr (key_at (model, pos + 1), ==, "week:12");
  g_assert_cmpuint (hz_timeline_model_find_key (model, "week:11"), ==, G_MAXUINT);

  /* Today after everything: last */
  g_date_add_days (&today, 100);
  hz_timeline_model_set_today (model, &today);
  g_assert_cmpuint (hz_timeline_model_find_today (model), ==, g_list_model_get_n_items (G_LIST_MODEL (model)) - 1);
}

/* --- filtering ------------------------------------------------------------ */

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *count)
{
  (*count)++;
}

static void
test_filtering (void)
{
  g_autoptr(TestSource) source = g_object_new (TEST_TYPE_SOURCE, NULL);
  g_autoptr(HzTimelineModel) model = hz_timeline_model_new (NULL);
  HzDating dating;
  GDate today;
  guint n_changes = 0;

  dating_by_lmp (&dating, NULL);
  hz_timeline_model_set_dating (model, &dating);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 1, 1, 2030);
  hz_timeline_model_set_today (model, &today);

  add_event_at_ga (source, 8, 0, HZ_EVENT_KIND_VISIT, HZ_TEAM_REPRODUCTIVE, "IVF follow-up", "Encounter/1");
  add_event_at_ga (source, 12, 0, HZ_EVENT_KIND_IMAGING, HZ_TEAM_OBSTETRICS, "NT scan 1.2 mm", "ImagingStudy/2");
  add_event_at_ga (source, 12, 0, HZ_EVENT_KIND_SCALE, HZ_TEAM_PSYCHOLOGY, "EPDS 15", "Observation/3");
  add_event_at_ga (source, 20, 0, HZ_EVENT_KIND_LAB, HZ_TEAM_NUTRITION, "血红蛋白 102 g/L", "Observation/4");
  add_event_at_ga (source, 20, 1, HZ_EVENT_KIND_REFERRAL, HZ_TEAM_PSYCHOLOGY, "Referral to psychology clinic", "ServiceRequest/5");
  add_event (source, NULL, HZ_EVENT_KIND_OTHER, FALSE, HZ_TEAM_OTHER, "Untagged note", "Consent/6");
  hz_timeline_model_add_source (model, HZ_TIMELINE_SOURCE (source), "test");
  g_assert_cmpuint (hz_timeline_model_get_n_visible_events (model), ==, 6);

  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), &n_changes);

  /* Team: psychology only; headers of emptied weeks go */
  hz_timeline_model_set_team_mask (model, 1u << HZ_TEAM_PSYCHOLOGY);
  g_assert_cmpuint (n_changes, ==, 1);
  g_assert_cmpuint (hz_timeline_model_get_n_visible_events (model), ==, 2);
  g_assert_cmpuint (find_title (model, "EPDS 15"), !=, G_MAXUINT);
  g_assert_cmpuint (find_title (model, "NT scan 1.2 mm"), ==, G_MAXUINT);
  g_assert_cmpuint (hz_timeline_model_find_key (model, "week:8"), ==, G_MAXUINT);
  g_assert_cmpuint (hz_timeline_row_get_n_events (row_at (model, hz_timeline_model_find_key (model, "week:12"))), ==, 1);
  /* 2 events + 2 headers + today */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 5);

  /* Same mask again: nothing happens */
  hz_timeline_model_set_team_mask (model, 1u << HZ_TEAM_PSYCHOLOGY);
  g_assert_cmpuint (n_changes, ==, 1);

  /* Untagged events are "other" */
  hz_timeline_model_set_team_mask (model, 1u << HZ_TEAM_OTHER);
  g_assert_cmpuint (hz_timeline_model_get_n_visible_events (model), ==, 1);
  g_assert_cmpuint (find_title (model, "Untagged note"), !=, G_MAXUINT);

  /* Kind: all teams, scales and referrals */
  hz_timeline_model_set_filters (model, HZ_TIMELINE_ALL_TEAMS,
                                 (1u << HZ_EVENT_KIND_SCALE) | (1u << HZ_EVENT_KIND_REFERRAL), NULL);
  g_assert_cmpuint (hz_timeline_model_get_n_visible_events (model), ==, 2);
  g_assert_cmpuint (find_title (model, "Referral to psychology clinic"), !=, G_MAXUINT);

  /* Text: case-insensitive, every word must match, Chinese too */
  hz_timeline_model_set_filters (model, HZ_TIMELINE_ALL_TEAMS, HZ_TIMELINE_ALL_KINDS, "nt SCAN");
  g_assert_cmpuint (hz_timeline_model_get_n_visible_events (model), ==, 1);
  g_assert_cmpuint (find_title (model, "NT scan 1.2 mm"), !=, G_MAXUINT);
  hz_timeline_model_set_text (model, "scan epds");
  g_assert_cmpuint (hz_timeline_model_get_n_visible_events (model), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);  /* only today */
  hz_timeline_model_set_text (model, "血红蛋白");
  g_assert_cmpuint (hz_timeline_model_get_n_visible_events (model), ==, 1);
  /* the team and kind names are searched too */
  hz_timeline_model_set_text (model, "psychology");
  g_assert_cmpuint (hz_timeline_model_get_n_visible_events (model), ==, 2);
  /* and the GA */
  hz_timeline_model_set_text (model, "20w1d");
  g_assert_cmpuint (hz_timeline_model_get_n_visible_events (model), ==, 1);
  hz_timeline_model_set_text (model, "  ");
  g_assert_cmpstr (hz_timeline_model_get_text (model), ==, "");
  g_assert_cmpuint (hz_timeline_model_get_n_visible_events (model), ==, 6);

  /* Filters survive a source change */
  hz_timeline_model_set_team_mask (model, 1u << HZ_TEAM_NUTRITION);
  add_event_at_ga (source, 21, 0, HZ_EVENT_KIND_LAB, HZ_TEAM_NUTRITION, "Ferritin 9.8", "Observation/7");
  hz_timeline_source_emit_changed (HZ_TIMELINE_SOURCE (source));
  g_assert_cmpuint (hz_timeline_model_get_n_events (model), ==, 7);
  g_assert_cmpuint (hz_timeline_model_get_n_visible_events (model), ==, 2);

  /* Week statistics for the ruler follow the filters */
  {
    guint counts[45];
    HzSeverity severities[45];

    hz_timeline_model_set_team_mask (model, HZ_TIMELINE_ALL_TEAMS);
    hz_timeline_model_get_week_stats (model, counts, severities, G_N_ELEMENTS (counts));
    g_assert_cmpuint (counts[8], ==, 1);
    g_assert_cmpuint (counts[12], ==, 2);
    g_assert_cmpuint (counts[20], ==, 2);
    g_assert_cmpuint (counts[21], ==, 1);
    g_assert_cmpuint (counts[30], ==, 0);
  }

  /* Masks beyond the known bits are ignored */
  hz_timeline_model_set_kind_mask (model, G_MAXUINT);
  g_assert_cmpuint (hz_timeline_model_get_kind_mask (model), ==, HZ_TIMELINE_ALL_KINDS);
}

/* --- jumping -------------------------------------------------------------- */

static void
test_jump_parse (void)
{
  struct {
    const char *text;
    gboolean ok;
    HzTimelineJumpKind kind;
    int value;
  } cases[] = {
    { "12+3", TRUE, HZ_TIMELINE_JUMP_GA, 87 },
    { "12w3d", TRUE, HZ_TIMELINE_JUMP_GA, 87 },
    { "12W3D", TRUE, HZ_TIMELINE_JUMP_GA, 87 },
    { "孕12+3周", TRUE, HZ_TIMELINE_JUMP_GA, 87 },
    { "孕12周", TRUE, HZ_TIMELINE_JUMP_GA, 84 },
    { "12周3天", TRUE, HZ_TIMELINE_JUMP_GA, 87 },
    { " 12 ", TRUE, HZ_TIMELINE_JUMP_GA, 84 },
    { "12w", TRUE, HZ_TIMELINE_JUMP_GA, 84 },
    { "0+0", TRUE, HZ_TIMELINE_JUMP_GA, 0 },
    { "12+7", FALSE, 0, 0 },
    { "产后5天", TRUE, HZ_TIMELINE_JUMP_POSTPARTUM, 5 },
    { "pp42", TRUE, HZ_TIMELINE_JUMP_POSTPARTUM, 42 },
    { "postpartum day 3", TRUE, HZ_TIMELINE_JUMP_POSTPARTUM, 3 },
    { "2024-03-28", TRUE, HZ_TIMELINE_JUMP_DATE, 0 },
    { "2024/3/28", TRUE, HZ_TIMELINE_JUMP_DATE, 0 },
    { "2024年3月28日", TRUE, HZ_TIMELINE_JUMP_DATE, 0 },
    { "2023-02-30", FALSE, 0, 0 },
    { "soon", FALSE, 0, 0 },
    { "", FALSE, 0, 0 },
    { "123", FALSE, 0, 0 },
  };
  GDate expected;

  g_date_clear (&expected, 1);
  g_date_set_dmy (&expected, 28, 3, 2024);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      HzTimelineJumpKind kind = -1;
      int value = -1;
      gboolean ok = hz_timeline_parse_jump (cases[i].text, &kind, &value);

      g_test_message ("jump “%s”", cases[i].text);
      g_assert_cmpint (ok, ==, cases[i].ok);
      if (!ok)
        continue;
      g_assert_cmpint (kind, ==, cases[i].kind);
      if (kind == HZ_TIMELINE_JUMP_DATE)
        g_assert_cmpint (value, ==, (int) g_date_get_julian (&expected));
      else
        g_assert_cmpint (value, ==, cases[i].value);
    }
  {
    HzTimelineJumpKind kind;
    int value;

    g_assert_false (hz_timeline_parse_jump (NULL, &kind, &value));
  }
}

static void
test_jump_find (void)
{
  g_autoptr(TestSource) source = g_object_new (TEST_TYPE_SOURCE, NULL);
  g_autoptr(HzTimelineModel) model = hz_timeline_model_new (NULL);
  HzDating dating;
  GDate delivery, date;

  g_date_clear (&delivery, 1);
  g_date_set_dmy (&delivery, 1, 1, 2024);
  g_date_add_days (&delivery, 39 * 7);
  dating_by_lmp (&dating, &delivery);
  hz_timeline_model_set_dating (model, &dating);
  add_event_at_ga (source, 10, 0, HZ_EVENT_KIND_LAB, HZ_TEAM_OBSTETRICS, "10+0", "Observation/1");
  add_event_at_ga (source, 12, 4, HZ_EVENT_KIND_LAB, HZ_TEAM_OBSTETRICS, "12+4", "Observation/2");
  add_event_at_ga (source, 20, 0, HZ_EVENT_KIND_LAB, HZ_TEAM_OBSTETRICS, "20+0", "Observation/3");
  add_event_at_ga (source, 39, 5, HZ_EVENT_KIND_VISIT, HZ_TEAM_OBSTETRICS, "pp5", "Encounter/4");
  add_event (source, NULL, HZ_EVENT_KIND_OTHER, TRUE, HZ_TEAM_OBSTETRICS, "undated", "Consent/5");
  hz_timeline_model_add_source (model, HZ_TIMELINE_SOURCE (source), "test");
  {
    GDate far;

    g_date_clear (&far, 1);
    g_date_set_dmy (&far, 1, 1, 2030);
    hz_timeline_model_set_today (model, &far);
  }

  /* 12+3 → the header of week 12 */
  g_assert_cmpstr (key_at (model, hz_timeline_model_find_jump (model, HZ_TIMELINE_JUMP_GA, 87)), ==, "week:12");
  /* a week without events → the next week with some */
  g_assert_cmpstr (key_at (model, hz_timeline_model_find_jump (model, HZ_TIMELINE_JUMP_GA, 15 * 7)), ==, "week:20");
  g_assert_cmpstr (key_at (model, hz_timeline_model_find_jump (model, HZ_TIMELINE_JUMP_GA, 0)), ==, "week:10");
  g_assert_cmpstr (key_at (model, hz_timeline_model_find_jump (model, HZ_TIMELINE_JUMP_POSTPARTUM, 5)), ==, "pp:5");
  g_assert_cmpstr (key_at (model, hz_timeline_model_find_jump (model, HZ_TIMELINE_JUMP_POSTPARTUM, 2)), ==, "pp:5");
  /* by date: 2024-03-28 is 12+3 */
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 28, 3, 2024);
  g_assert_cmpstr (key_at (model, hz_timeline_model_find_jump (model, HZ_TIMELINE_JUMP_DATE, g_date_get_julian (&date))), ==, "week:12");
  /* later than everything dated → the last dated row, not the undated group */
  g_date_set_dmy (&date, 1, 1, 2040);
  g_assert_cmpstr (key_at (model, hz_timeline_model_find_jump (model, HZ_TIMELINE_JUMP_DATE, g_date_get_julian (&date))), ==, "today");
  g_assert_cmpuint (hz_timeline_model_find_jump (model, HZ_TIMELINE_JUMP_DATE, 0), ==, G_MAXUINT);
  /* by key */
  g_assert_cmpstr (key_at (model, hz_timeline_model_find_key (model, "Observation/3")), ==, "Observation/3");
  g_assert_cmpuint (hz_timeline_model_find_key (model, "Observation/404"), ==, G_MAXUINT);
}

/* --- with a store: the built-in source on the demo cases ------------------ */

typedef struct
{
  char    *dir;
  HzStore *store;
} StoreFixture;

static void
store_fixture_set_up (StoreFixture  *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HzActor) actor = hz_actor_new ("测试医生", HZ_TEAM_OBSTETRICS, "主治医师", "测试医院");
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("hz-test-timeline-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "test.db", NULL);
  fixture->store = hz_store_new (path, &error);
  g_assert_no_error (error);
  hz_store_set_actor (fixture->store, actor);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }
  g_rmdir (path);
}

static void
store_fixture_tear_down (StoreFixture  *fixture,
                         gconstpointer  data)
{
  g_clear_object (&fixture->store);
  remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static char *
import_demo (StoreFixture *fixture,
             const char   *name)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  const char *dir = g_getenv ("HUIZHEN_DEMO_DIR");

  if (dir == NULL)
    dir = HZ_SOURCE_ROOT "/data/demo";
  path = g_build_filename (dir, name, NULL);
  file = g_file_new_for_path (path);
  g_assert_true (hz_store_import_file (fixture->store, file, &ids, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (ids);
  g_assert_cmpuint (g_strv_length (ids), ==, 1);
  return g_strdup (ids[0]);
}

static HzCase *
load_case (StoreFixture *fixture,
           const char   *case_id)
{
  g_autoptr(GError) error = NULL;
  HzCase *kase = hz_case_load (fixture->store, case_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (kase);
  return kase;
}

static HzTimelineModel *
model_for_case (HzCase      *kase,
                const GDate *today)
{
  HzTimelineModel *model = hz_timeline_model_new (kase);
  g_autoptr(HzTimelineStoreSource) source = hz_timeline_store_source_new ();

  hz_timeline_store_source_set_today (source, today);
  hz_timeline_model_set_today (model, today);
  hz_timeline_model_add_source (model, HZ_TIMELINE_SOURCE (source), "store");
  return model;
}

static HzTimelineRow *
find_reference (HzTimelineModel *model,
                const char      *reference)
{
  for (guint i = 0; i < hz_timeline_model_get_n_events (model); i++)
    {
      HzTimelineRow *row = hz_timeline_model_get_event_row (model, i);

      if (g_strcmp0 (hz_timeline_event_get_resource_reference (hz_timeline_row_get_event (row)), reference) == 0)
        return row;
    }
  return NULL;
}

static guint
count_kind (HzTimelineModel *model,
            HzEventKind      kind)
{
  guint n = 0;

  for (guint i = 0; i < hz_timeline_model_get_n_events (model); i++)
    if (hz_timeline_event_get_kind (hz_timeline_row_get_event (hz_timeline_model_get_event_row (model, i))) == kind)
      n++;
  return n;
}

static void
demo_today (GDate *today)
{
  g_date_clear (today, 1);
  g_date_set_dmy (today, 23, 11, 2026);
}

static void
test_store_source_demo (StoreFixture  *fixture,
                        gconstpointer  data)
{
  const char *demos[] = {
    "demo-recurrent-loss.json", "demo-perinatal-mood.json",
    "demo-county-referral.json", "demo-postpartum-referral-down.json",
  };
  gboolean teams[HZ_TEAM_OTHER + 1] = { FALSE, };
  GDate today;

  demo_today (&today);

  for (guint d = 0; d < G_N_ELEMENTS (demos); d++)
    {
      g_autofree char *case_id = import_demo (fixture, demos[d]);
      g_autoptr(HzCase) kase = load_case (fixture, case_id);
      g_autoptr(HzTimelineModel) model = model_for_case (kase, &today);
      guint n = hz_timeline_model_get_n_events (model);

      g_test_message ("%s: %u events", demos[d], n);
      g_assert_true (hz_timeline_model_get_ga_known (model));
      g_assert_cmpuint (n, >, 30);

      for (guint i = 0; i < n; i++)
        {
          HzTimelineRow *row = hz_timeline_model_get_event_row (model, i);
          HzTimelineEvent *event = hz_timeline_row_get_event (row);
          const char *reference = hz_timeline_event_get_resource_reference (event);

          g_assert_cmpstr (hz_timeline_event_get_source_id (event), ==, "store");
          g_assert_nonnull (hz_timeline_event_get_title (event));
          g_assert_cmpstr (hz_timeline_event_get_title (event), !=, "");
          if (hz_timeline_event_has_team (event))
            teams[hz_timeline_event_get_team (event)] = TRUE;
          /* Every event but the due items links to its resource, which the case holds */
          if (hz_timeline_event_get_kind (event) == HZ_EVENT_KIND_DUE)
            g_assert_null (reference);
          else
            g_assert_nonnull (hz_case_lookup (kase, reference));
          /* Nothing that is not an event */
          g_assert_false (g_str_has_prefix (reference ?: "", "AuditEvent/"));
          g_assert_false (g_str_has_prefix (reference ?: "", "Patient/"));
          g_assert_false (g_str_has_prefix (reference ?: "", "Provenance/"));
          g_assert_false (g_str_has_prefix (reference ?: "", "EpisodeOfCare/"));
        }

      /* every resource kind of the issue is there somewhere */
      g_assert_cmpuint (count_kind (model, HZ_EVENT_KIND_VISIT), >, 0);
      g_assert_cmpuint (count_kind (model, HZ_EVENT_KIND_LAB), >, 0);
      g_assert_cmpuint (count_kind (model, HZ_EVENT_KIND_RISK), >, 0);
      g_assert_cmpuint (count_kind (model, HZ_EVENT_KIND_REFERRAL), >, 0);
      g_assert_cmpuint (count_kind (model, HZ_EVENT_KIND_CONSULTATION), >, 0);
      g_assert_cmpuint (count_kind (model, HZ_EVENT_KIND_DECISION), >, 0);
    }

  g_assert_true (teams[HZ_TEAM_OBSTETRICS]);
  g_assert_true (teams[HZ_TEAM_REPRODUCTIVE]);
  g_assert_true (teams[HZ_TEAM_PSYCHOLOGY]);
  g_assert_true (teams[HZ_TEAM_NUTRITION]);
}

/* The actions of an MDT decision (Tasks of its CarePlan): decision rows
 * with their owner and due date, attention once overdue */
static void
test_store_source_mdt_actions (StoreFixture  *fixture,
                               gconstpointer  data)
{
  g_autofree char *case_id = import_demo (fixture, "demo-county-referral.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *meeting_id = hz_meeting_create (fixture->store, "产科MDT", "2026-11-20T14:00", "三楼会议室",
                                                   &error);
  const HzMeetingAction actions[] = {
    { "复查OGTT", "nutrition", "2026-11-10" },
    { "胎儿超声复查", "李医生", "2026-12-10" },
  };
  g_autofree char *plan_id = NULL;
  g_autoptr(HzCase) kase = NULL;
  g_autoptr(HzTimelineModel) model = NULL;
  g_autoptr(HzResource) plan = NULL;
  GDate today;

  g_assert_no_error (error);
  g_assert_true (hz_meeting_add_case (fixture->store, meeting_id, case_id, "是否启动胰岛素？", NULL, NULL, &error));
  g_assert_no_error (error);
  plan_id = hz_meeting_decide (fixture->store, meeting_id, case_id, "启动胰岛素", actions, 2, &error);
  g_assert_no_error (error);

  demo_today (&today);
  kase = load_case (fixture, case_id);
  model = model_for_case (kase, &today);
  plan = hz_store_get (fixture->store, "CarePlan", plan_id, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      const char *task_ref = hz_jv_get_path_string (hz_jv_get_object_element (hz_resource_get_value (plan),
                                                                              "activity", i),
                                                    "reference.reference");
      HzTimelineRow *row = find_reference (model, task_ref);
      HzTimelineEvent *event;

      g_assert_nonnull (row);
      event = hz_timeline_row_get_event (row);
      g_assert_cmpint (hz_timeline_event_get_kind (event), ==, HZ_EVENT_KIND_DECISION);
      g_assert_cmpstr (hz_timeline_event_get_title (event), ==, actions[i].text);
      if (i == 0)
        {
          /* 2026-11-10, before today (2026-11-23): overdue */
          g_assert_cmpstr (hz_timeline_event_get_detail (event), ==,
                           "Requested · Owner: Nutrition · Due: 2026-11-10");
          g_assert_cmpint (hz_timeline_event_get_severity (event), ==, HZ_SEVERITY_ATTENTION);
        }
      else
        {
          g_assert_cmpstr (hz_timeline_event_get_detail (event), ==,
                           "Requested · Owner: 李医生 · Due: 2026-12-10");
          g_assert_cmpint (hz_timeline_event_get_severity (event), ==, HZ_SEVERITY_INFO);
        }
    }
  /* the decision itself */
  g_assert_nonnull (find_reference (model, hz_resource_get_reference (plan)));
}

static void
test_store_source_severity (StoreFixture  *fixture,
                            gconstpointer  data)
{
  g_autofree char *mood_id = import_demo (fixture, "demo-perinatal-mood.json");
  g_autofree char *county_id = import_demo (fixture, "demo-county-referral.json");
  g_autoptr(HzCase) mood = load_case (fixture, mood_id);
  g_autoptr(HzCase) county = load_case (fixture, county_id);
  g_autoptr(HzTimelineModel) mood_model = NULL;
  g_autoptr(HzTimelineModel) county_model = NULL;
  HzTimelineRow *row;
  HzTimelineEvent *event;
  GDate today;
  gboolean ogtt_due = FALSE;

  demo_today (&today);
  mood_model = model_for_case (mood, &today);
  county_model = model_for_case (county, &today);

  /* EPDS 15: a positive screen, attention; EPDS 8: info */
  row = find_reference (mood_model, "Observation/c2-obs-epds-2026-11-19");
  g_assert_nonnull (row);
  event = hz_timeline_row_get_event (row);
  g_assert_cmpint (hz_timeline_event_get_kind (event), ==, HZ_EVENT_KIND_SCALE);
  g_assert_cmpint (hz_timeline_event_get_team (event), ==, HZ_TEAM_PSYCHOLOGY);
  g_assert_cmpint (hz_timeline_event_get_severity (event), ==, HZ_SEVERITY_ATTENTION);
  g_assert_true (g_str_has_suffix (hz_timeline_event_get_title (event), " 15"));
  event = hz_timeline_row_get_event (find_reference (mood_model, "Observation/c2-obs-epds-2026-08-27"));
  g_assert_cmpint (hz_timeline_event_get_severity (event), ==, HZ_SEVERITY_INFO);
  /* GAD-7 11: attention */
  event = hz_timeline_row_get_event (find_reference (mood_model, "Observation/c2-obs-gad7-2026-11-19"));
  g_assert_cmpint (hz_timeline_event_get_severity (event), ==, HZ_SEVERITY_ATTENTION);
  /* The scored questionnaires appear once, as their totals */
  g_assert_null (find_reference (mood_model, "QuestionnaireResponse/c2-qr-epds-2026-11-19"));
  /* Hb 102 g/L: anaemia, attention; Hb 126: info */
  event = hz_timeline_row_get_event (find_reference (mood_model, "Observation/c2-obs-hb-2026-11-19"));
  g_assert_cmpint (hz_timeline_event_get_severity (event), ==, HZ_SEVERITY_ATTENTION);
  g_assert_cmpint (hz_timeline_event_get_kind (event), ==, HZ_EVENT_KIND_LAB);
  g_assert_cmpstr (hz_timeline_event_get_title (event), ==, "血红蛋白 102 g/L");
  event = hz_timeline_row_get_event (find_reference (mood_model, "Observation/c2-obs-hb-2026-07-23"));
  g_assert_cmpint (hz_timeline_event_get_severity (event), ==, HZ_SEVERITY_INFO);
  /* Weight is a vital sign; its team the nutritionists' */
  event = hz_timeline_row_get_event (find_reference (mood_model, "Observation/c2-obs-weight-2026-11-19"));
  g_assert_cmpint (hz_timeline_event_get_kind (event), ==, HZ_EVENT_KIND_VITAL);
  g_assert_cmpint (hz_timeline_event_get_team (event), ==, HZ_TEAM_NUTRITION);
  /* 24+2 on 2026-11-23 (LMP 2026-06-06) with no OGTT: due now */
  for (guint i = 0; i < hz_timeline_model_get_n_events (mood_model); i++)
    {
      event = hz_timeline_row_get_event (hz_timeline_model_get_event_row (mood_model, i));
      if (hz_timeline_event_get_kind (event) == HZ_EVENT_KIND_DUE &&
          strstr (hz_timeline_event_get_title (event), "OGTT") != NULL)
        {
          ogtt_due = TRUE;
          g_assert_cmpint (hz_timeline_event_get_severity (event), ==, HZ_SEVERITY_ATTENTION);
          g_assert_nonnull (strstr (hz_timeline_event_get_title (event), "Due now"));
        }
    }
  g_assert_true (ogtt_due);

  /* Purple flag: attention; orange risk: attention; OGTT done (no due item) */
  event = hz_timeline_row_get_event (find_reference (county_model, "Flag/c3-flag-purple"));
  g_assert_cmpint (hz_timeline_event_get_kind (event), ==, HZ_EVENT_KIND_RISK);
  g_assert_cmpint (hz_timeline_event_get_severity (event), ==, HZ_SEVERITY_ATTENTION);
  event = hz_timeline_row_get_event (find_reference (county_model, "RiskAssessment/c3-risk-2026-06-18"));
  g_assert_cmpint (hz_timeline_event_get_kind (event), ==, HZ_EVENT_KIND_RISK);
  g_assert_cmpint (hz_timeline_event_get_severity (event), ==, HZ_SEVERITY_ATTENTION);
  event = hz_timeline_row_get_event (find_reference (county_model, "ServiceRequest/c3-sr-referral-up"));
  g_assert_cmpint (hz_timeline_event_get_kind (event), ==, HZ_EVENT_KIND_REFERRAL);
  g_assert_cmpint (hz_timeline_event_get_severity (event), ==, HZ_SEVERITY_ATTENTION);  /* urgent */
  event = hz_timeline_row_get_event (find_reference (county_model, "DiagnosticReport/c3-dr-ogtt"));
  g_assert_cmpint (hz_timeline_event_get_kind (event), ==, HZ_EVENT_KIND_LAB);
  event = hz_timeline_row_get_event (find_reference (county_model, "ImagingStudy/c3-imaging-us-2026-11-05"));
  g_assert_cmpint (hz_timeline_event_get_kind (event), ==, HZ_EVENT_KIND_IMAGING);
  event = hz_timeline_row_get_event (find_reference (county_model, "Composition/c3-composition-mdt"));
  g_assert_cmpint (hz_timeline_event_get_kind (event), ==, HZ_EVENT_KIND_DECISION);
  event = hz_timeline_row_get_event (find_reference (county_model, "Appointment/c3-appt-mdt"));
  g_assert_cmpint (hz_timeline_event_get_kind (event), ==, HZ_EVENT_KIND_CONSULTATION);
  for (guint i = 0; i < hz_timeline_model_get_n_events (county_model); i++)
    {
      event = hz_timeline_row_get_event (hz_timeline_model_get_event_row (county_model, i));
      if (hz_timeline_event_get_kind (event) == HZ_EVENT_KIND_DUE)
        g_assert_null (strstr (hz_timeline_event_get_title (event), "OGTT"));
    }
}

static void
mark_true (gboolean *flag)
{
  *flag = TRUE;
}

static void
test_store_source_follows_case (StoreFixture  *fixture,
                                gconstpointer  data)
{
  g_autofree char *case_id = import_demo (fixture, "demo-perinatal-mood.json");
  g_autoptr(HzCase) kase = load_case (fixture, case_id);
  g_autoptr(HzTimelineModel) model = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) encounter = NULL;
  g_autoptr(JsonNode) node = NULL;
  GDate today;
  guint before;

  demo_today (&today);
  model = model_for_case (kase, &today);
  before = hz_timeline_model_get_n_events (model);

  node = json_from_string (
    "{\"resourceType\":\"Encounter\",\"id\":\"c2-enc-added\",\"status\":\"finished\","
    "\"class\":{\"code\":\"AMB\"},\"type\":[{\"text\":\"营养门诊随访\"}],"
    "\"meta\":{\"tag\":[{\"system\":\"https://huizhen.github.io/fhir/CodeSystem/team\",\"code\":\"nutrition\"}]},"
    "\"subject\":{\"reference\":\"Patient/c2-patient\"},"
    "\"episodeOfCare\":[{\"reference\":\"EpisodeOfCare/c2-episode\"}],"
    "\"period\":{\"start\":\"2026-11-20T10:00:00+08:00\"}}", &error);
  g_assert_no_error (error);
  encounter = json_object_ref (json_node_get_object (node));
  g_assert_true (hz_store_put (fixture->store, case_id, encounter, &error));
  g_assert_no_error (error);

  /* the store's change reaches the case (re-read in a thread), the source and the model */
  {
    gboolean changed = FALSE;
    gulong id = g_signal_connect_swapped (kase, "changed", G_CALLBACK (mark_true), &changed);
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    while (!changed && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
    g_signal_handler_disconnect (kase, id);
    g_assert_true (changed);
  }
  g_assert_cmpuint (hz_timeline_model_get_n_events (model), ==, before + 1);
  {
    HzTimelineRow *row = find_reference (model, "Encounter/c2-enc-added");
    g_autofree char *key = NULL;

    g_assert_nonnull (row);
    g_assert_cmpstr (hz_timeline_event_get_title (hz_timeline_row_get_event (row)), ==, "营养门诊随访");
    key = hz_timeline_group_to_key (hz_timeline_row_get_group (row));
    g_assert_cmpstr (key, ==, "week:23");  /* LMP 2026-06-06 → 2026-11-20 is 23+6 */
    g_assert_cmpstr (hz_timeline_row_get_ga_label (row), ==, "23w6d");
  }
}

/* Early pregnancy (LMP 2026-01-01: 2026-03-12 is 10+0) with a raised and a
 * diabetic fasting glucose, severe anaemia and severe-range blood pressure */
static const char early_bundle[] =
  "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":["
  "{\"resource\":{\"resourceType\":\"Patient\",\"id\":\"e-patient\",\"name\":[{\"text\":\"孕早期\"}]}},"
  "{\"resource\":{\"resourceType\":\"EpisodeOfCare\",\"id\":\"e-episode\",\"status\":\"active\","
  "  \"patient\":{\"reference\":\"Patient/e-patient\"}}},"
  "{\"resource\":{\"resourceType\":\"Observation\",\"id\":\"e-lmp\",\"status\":\"final\","
  "  \"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"8665-2\"}],\"text\":\"末次月经\"},"
  "  \"subject\":{\"reference\":\"Patient/e-patient\"},\"effectiveDateTime\":\"2026-03-12\","
  "  \"valueDateTime\":\"2026-01-01\"}},"
  "{\"resource\":{\"resourceType\":\"Observation\",\"id\":\"e-fpg-raised\",\"status\":\"final\","
  "  \"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"1558-6\"}],\"text\":\"空腹血糖\"},"
  "  \"subject\":{\"reference\":\"Patient/e-patient\"},\"effectiveDateTime\":\"2026-03-12T07:30:00+08:00\","
  "  \"valueQuantity\":{\"value\":5.3,\"unit\":\"mmol/L\"}}},"
  "{\"resource\":{\"resourceType\":\"Observation\",\"id\":\"e-fpg-pgdm\",\"status\":\"final\","
  "  \"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"1558-6\"}],\"text\":\"空腹血糖\"},"
  "  \"subject\":{\"reference\":\"Patient/e-patient\"},\"effectiveDateTime\":\"2026-03-13T07:30:00+08:00\","
  "  \"valueQuantity\":{\"value\":130,\"unit\":\"mg/dL\"}}},"
  "{\"resource\":{\"resourceType\":\"Observation\",\"id\":\"e-fpg-normal\",\"status\":\"final\","
  "  \"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"1558-6\"}],\"text\":\"空腹血糖\"},"
  "  \"subject\":{\"reference\":\"Patient/e-patient\"},\"effectiveDateTime\":\"2026-03-14T07:30:00+08:00\","
  "  \"valueQuantity\":{\"value\":5.0,\"unit\":\"mmol/L\"}}},"
  "{\"resource\":{\"resourceType\":\"Observation\",\"id\":\"e-hb\",\"status\":\"final\","
  "  \"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"718-7\"}],\"text\":\"血红蛋白\"},"
  "  \"subject\":{\"reference\":\"Patient/e-patient\"},\"effectiveDateTime\":\"2026-03-12T07:30:00+08:00\","
  "  \"valueQuantity\":{\"value\":69,\"unit\":\"g/L\"}}},"
  "{\"resource\":{\"resourceType\":\"Observation\",\"id\":\"e-bp\",\"status\":\"final\","
  "  \"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"85354-9\"}],\"text\":\"血压\"},"
  "  \"subject\":{\"reference\":\"Patient/e-patient\"},\"effectiveDateTime\":\"2026-03-12T07:40:00+08:00\","
  "  \"component\":["
  "    {\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"8480-6\"}]},"
  "     \"valueQuantity\":{\"value\":150,\"unit\":\"mmHg\"}},"
  "    {\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"8462-4\"}]},"
  "     \"valueQuantity\":{\"value\":110,\"unit\":\"mmHg\"}}]}}"
  "]}";

static const char *
event_detail (HzTimelineModel *model,
              const char      *reference)
{
  HzTimelineRow *row = find_reference (model, reference);

  g_assert_nonnull (row);
  return hz_timeline_event_get_detail (hz_timeline_row_get_event (row));
}

static HzSeverity
event_severity (HzTimelineModel *model,
                const char      *reference)
{
  HzTimelineRow *row = find_reference (model, reference);

  g_assert_nonnull (row);
  return hz_timeline_event_get_severity (hz_timeline_row_get_event (row));
}

#define GLUCOSE_SOURCE "Source: Guideline for hyperglycaemia in pregnancy (2022)"

/* The flags and detail lines read by the thresholds table, each with its source */
static void
test_store_source_thresholds (StoreFixture  *fixture,
                              gconstpointer  data)
{
  g_autofree char *county_id = import_demo (fixture, "demo-county-referral.json");
  g_autofree char *postpartum_id = import_demo (fixture, "demo-postpartum-referral-down.json");
  g_autofree char *mood_id = import_demo (fixture, "demo-perinatal-mood.json");
  g_autoptr(HzCase) county = load_case (fixture, county_id);
  g_autoptr(HzCase) postpartum = load_case (fixture, postpartum_id);
  g_autoptr(HzCase) mood = load_case (fixture, mood_id);
  g_autoptr(HzCase) early = NULL;
  g_autoptr(HzTimelineModel) model = NULL;
  g_autoptr(JsonNode) bundle = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = NULL;
  GDate today;

  demo_today (&today);

  /* The county case's 75 g OGTT at 24+4 (fasting with its 1 h and 2 h
   * samples the same day): GDM; her later plain fasting glucose: raised */
  model = model_for_case (county, &today);
  g_assert_cmpstr (event_detail (model, "Observation/c3-obs-fpg-2026-10-15"), ==,
                   "At or above the GDM diagnostic threshold: Fasting glucose ≥ 5.1 mmol/L · "
                   GLUCOSE_SOURCE " · 偏高");
  g_assert_cmpint (event_severity (model, "Observation/c3-obs-fpg-2026-10-15"), ==, HZ_SEVERITY_ATTENTION);
  g_assert_cmpstr (event_detail (model, "Observation/c3-obs-ogtt-1h-2026-10-15"), ==,
                   "At or above the GDM diagnostic threshold: OGTT 1 h glucose ≥ 10.0 mmol/L · "
                   GLUCOSE_SOURCE " · 偏高");
  g_assert_cmpstr (event_detail (model, "Observation/c3-obs-ogtt-2h-2026-10-15"), ==,
                   "At or above the GDM diagnostic threshold: OGTT 2 h glucose ≥ 8.5 mmol/L · "
                   GLUCOSE_SOURCE " · 偏高");
  g_assert_true (g_str_has_prefix (event_detail (model, "Observation/c3-obs-fpg-2026-11-05"),
                                   "Raised, recheck: Fasting glucose ≥ 5.1 mmol/L · " GLUCOSE_SOURCE " · 偏高"));
  g_assert_null (strstr (event_detail (model, "Observation/c3-obs-fpg-2026-11-05"), "GDM"));
  g_assert_true (g_str_has_prefix (event_detail (model, "Observation/c3-obs-fpg-2026-11-20"),
                                   "Raised, recheck: Fasting glucose ≥ 5.1 mmol/L · " GLUCOSE_SOURCE));
  /* HbA1c 5.7 %: below 6.5, only the laboratory's own flag */
  g_assert_null (strstr (event_detail (model, "Observation/c3-obs-hba1c-2026-11-09") ?: "", "diabetes"));
  g_clear_object (&model);

  /* Blood pressure 146/94 and 140/90: hypertension range; 138/88: nothing */
  model = model_for_case (postpartum, &today);
  g_assert_cmpint (event_severity (model, "Observation/c4-obs-bp-2026-10-15"), ==, HZ_SEVERITY_ATTENTION);
  g_assert_true (g_str_has_prefix (event_detail (model, "Observation/c4-obs-bp-2026-10-15"),
                                   "Hypertension range: Systolic ≥ 140 mmHg · "
                                   "Source: Guideline for hypertensive disorders of pregnancy (2020)"));
  g_assert_cmpint (event_severity (model, "Observation/c4-obs-bp-2026-10-29"), ==, HZ_SEVERITY_ATTENTION);
  g_assert_cmpint (event_severity (model, "Observation/c4-obs-bp-2026-10-22"), ==, HZ_SEVERITY_INFO);
  g_assert_null (strstr (event_detail (model, "Observation/c4-obs-bp-2026-10-22") ?: "", "Hypertension"));
  g_clear_object (&model);

  /* Hb 102 g/L: anaemia; EPDS 15: positive; both with their source */
  model = model_for_case (mood, &today);
  g_assert_true (g_str_has_prefix (event_detail (model, "Observation/c2-obs-hb-2026-11-19"),
                                   "Anaemia in pregnancy: Haemoglobin < 110 g/L · Source: Guideline for iron "
                                   "deficiency and iron deficiency anaemia in pregnancy (2014)"));
  g_assert_true (g_str_has_prefix (event_detail (model, "Observation/c2-obs-epds-2026-11-19"),
                                   "Positive screen, refer for assessment: EPDS ≥ 13 · Source: Expert consensus "
                                   "on screening, diagnosis and treatment of perinatal depression (2021)"));
  g_clear_object (&model);

  /* Early pregnancy: a fasting 5.3 is raised, never GDM; 130 mg/dL (7.2 mmol/L)
   * is possible pre-existing diabetes; 5.0 is nothing */
  bundle = json_from_string (early_bundle, &error);
  g_assert_no_error (error);
  g_assert_true (hz_store_import_bundle (fixture->store, bundle, "early", &ids, &error));
  g_assert_no_error (error);
  early = load_case (fixture, ids[0]);
  model = model_for_case (early, &today);
  g_assert_cmpstr (hz_timeline_row_get_ga_label (find_reference (model, "Observation/e-fpg-raised")), ==, "10w0d");
  g_assert_cmpstr (event_detail (model, "Observation/e-fpg-raised"), ==,
                   "Raised, recheck: Fasting glucose ≥ 5.1 mmol/L · " GLUCOSE_SOURCE);
  g_assert_null (strstr (event_detail (model, "Observation/e-fpg-raised"), "GDM"));
  g_assert_cmpint (event_severity (model, "Observation/e-fpg-raised"), ==, HZ_SEVERITY_ATTENTION);
  g_assert_cmpstr (event_detail (model, "Observation/e-fpg-pgdm"), ==,
                   "Possible pre-existing diabetes: Fasting glucose ≥ 7.0 mmol/L · " GLUCOSE_SOURCE);
  g_assert_cmpint (event_severity (model, "Observation/e-fpg-pgdm"), ==, HZ_SEVERITY_CRITICAL);
  g_assert_null (event_detail (model, "Observation/e-fpg-normal"));
  g_assert_cmpint (event_severity (model, "Observation/e-fpg-normal"), ==, HZ_SEVERITY_INFO);
  g_assert_cmpstr (event_detail (model, "Observation/e-hb"), ==,
                   "Severe anaemia: Haemoglobin < 70 g/L · Source: Guideline for iron deficiency and "
                   "iron deficiency anaemia in pregnancy (2014)");
  g_assert_cmpint (event_severity (model, "Observation/e-hb"), ==, HZ_SEVERITY_CRITICAL);
  g_assert_cmpstr (event_detail (model, "Observation/e-bp"), ==,
                   "Severe hypertension range: Diastolic ≥ 110 mmHg · "
                   "Source: Guideline for hypertensive disorders of pregnancy (2020)");
  g_assert_cmpint (event_severity (model, "Observation/e-bp"), ==, HZ_SEVERITY_CRITICAL);
}

/* A case without LMP, with an observation in a unit nobody knows */
static const char bad_bundle[] =
  "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":["
  "{\"resource\":{\"resourceType\":\"Patient\",\"id\":\"x-patient\",\"name\":[{\"text\":\"无日期\"}]}},"
  "{\"resource\":{\"resourceType\":\"EpisodeOfCare\",\"id\":\"x-episode\",\"status\":\"active\","
  "  \"patient\":{\"reference\":\"Patient/x-patient\"}}},"
  "{\"resource\":{\"resourceType\":\"Observation\",\"id\":\"x-hb-1\",\"status\":\"final\","
  "  \"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"718-7\"}],\"text\":\"Hb\"},"
  "  \"subject\":{\"reference\":\"Patient/x-patient\"},\"effectiveDateTime\":\"2026-05-06\","
  "  \"valueQuantity\":{\"value\":10.2,\"unit\":\"g/dL\"}}},"
  "{\"resource\":{\"resourceType\":\"Observation\",\"id\":\"x-hb-2\",\"status\":\"final\","
  "  \"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"718-7\"}],\"text\":\"Hb\"},"
  "  \"subject\":{\"reference\":\"Patient/x-patient\"},\"effectiveDateTime\":\"2026-06-06\","
  "  \"valueQuantity\":{\"value\":7,\"unit\":\"furlongs\"}}},"
  "{\"resource\":{\"resourceType\":\"Observation\",\"id\":\"x-hb-3\",\"status\":\"final\","
  "  \"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"718-7\"}],\"text\":\"Hb\"},"
  "  \"subject\":{\"reference\":\"Patient/x-patient\"},"
  "  \"valueQuantity\":{\"value\":99,\"unit\":\"g/L\"}}},"
  "{\"resource\":{\"resourceType\":\"Observation\",\"id\":\"x-hcg-1\",\"status\":\"final\","
  "  \"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"21198-7\"}],\"text\":\"β-hCG\"},"
  "  \"subject\":{\"reference\":\"Patient/x-patient\"},\"effectiveDateTime\":\"2026-05-01T08:00:00+08:00\","
  "  \"valueQuantity\":{\"value\":1000,\"unit\":\"IU/L\"}}},"
  "{\"resource\":{\"resourceType\":\"Observation\",\"id\":\"x-hcg-2\",\"status\":\"final\","
  "  \"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"21198-7\"}],\"text\":\"β-hCG\"},"
  "  \"subject\":{\"reference\":\"Patient/x-patient\"},\"effectiveDateTime\":\"2026-05-03T08:00:00+08:00\","
  "  \"valueQuantity\":{\"value\":2000,\"unit\":\"mIU/mL\"}}},"
  "{\"resource\":{\"resourceType\":\"Observation\",\"id\":\"x-text\",\"status\":\"final\","
  "  \"code\":{\"text\":\"Remark\"},"
  "  \"subject\":{\"reference\":\"Patient/x-patient\"},\"effectiveDateTime\":\"2026-05-06\","
  "  \"valueString\":\"fine\"}}"
  "]}";

static void
test_bad_input (StoreFixture  *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) bundle = json_from_string (bad_bundle, &error);
  g_auto(GStrv) ids = NULL;
  g_autoptr(HzCase) kase = NULL;
  g_autoptr(HzTimelineModel) model = NULL;
  g_autoptr(GPtrArray) series = NULL;
  HzTimelineRow *row;
  GDate today;
  HzTrendSeries *hb = NULL, *hb_unknown = NULL, *hcg = NULL;
  double hours;

  g_assert_no_error (error);
  g_assert_true (hz_store_import_bundle (fixture->store, bundle, "bad", &ids, &error));
  g_assert_no_error (error);
  kase = load_case (fixture, ids[0]);
  demo_today (&today);
  model = model_for_case (kase, &today);

  /* GA unknown: calendar months; the undated value in its own group */
  g_assert_false (hz_timeline_model_get_ga_known (model));
  g_assert_cmpuint (hz_timeline_model_get_n_events (model), ==, 6);
  row = find_reference (model, "Observation/x-hb-1");
  g_assert_cmpstr (hz_timeline_row_get_ga_label (row), ==, "GA unknown");
  g_assert_cmpstr (hz_timeline_row_get_date_label (row), ==, "2026-05-06");
  g_assert_cmpint (hz_timeline_row_get_group (row)->type, ==, HZ_TIMELINE_GROUP_MONTH);
  /* 10.2 g/dL is 102 g/L: anaemia */
  g_assert_cmpint (hz_timeline_event_get_severity (hz_timeline_row_get_event (row)), ==, HZ_SEVERITY_ATTENTION);
  /* An unknown unit is shown as recorded, with no judgement */
  row = find_reference (model, "Observation/x-hb-2");
  g_assert_cmpstr (hz_timeline_event_get_title (hz_timeline_row_get_event (row)), ==, "Hb 7 furlongs");
  g_assert_cmpint (hz_timeline_event_get_severity (hz_timeline_row_get_event (row)), ==, HZ_SEVERITY_INFO);
  row = find_reference (model, "Observation/x-hb-3");
  g_assert_cmpint (hz_timeline_row_get_group (row)->type, ==, HZ_TIMELINE_GROUP_UNDATED);
  g_assert_cmpstr (hz_timeline_event_get_title (hz_timeline_row_get_event (find_reference (model, "Observation/x-text"))),
                   ==, "Remark fine");
  /* No dating, no delivery: no due items */
  g_assert_cmpuint (count_kind (model, HZ_EVENT_KIND_DUE), ==, 0);

  /* Trends: Hb in g/L (the g/dL value converted), Hb in furlongs apart; hCG doubling */
  series = hz_trend_series_collect (kase, hz_timeline_model_get_dating (model));
  for (guint i = 0; i < series->len; i++)
    {
      HzTrendSeries *s = g_ptr_array_index (series, i);

      if (s->analyte == HZ_ANALYTE_HAEMOGLOBIN && s->unit_known)
        hb = s;
      else if (s->analyte == HZ_ANALYTE_HAEMOGLOBIN)
        hb_unknown = s;
      else if (s->analyte == HZ_ANALYTE_HCG)
        hcg = s;
    }
  g_assert_cmpuint (series->len, ==, 3);
  g_assert_nonnull (hb);
  g_assert_cmpuint (hb->points->len, ==, 1);
  g_assert_cmpuint (hb->n_undated, ==, 1);
  g_assert_cmpfloat_with_epsilon (g_array_index (hb->points, HzTrendPoint, 0).value, 102, 1e-9);
  g_assert_false (g_array_index (hb->points, HzTrendPoint, 0).has_ga);
  g_assert_cmpstr (hb->unit, ==, "g/L");
  g_assert_nonnull (hb_unknown);
  g_assert_false (hb_unknown->unit_known);
  g_assert_cmpstr (hb_unknown->unit, ==, "furlongs");
  g_assert_nonnull (hcg);
  g_assert_cmpuint (hcg->points->len, ==, 2);
  g_assert_true (hz_trend_series_last_doubling (hcg, &hours));
  g_assert_cmpfloat_with_epsilon (hours, 48.0, 1e-6);
}

static void
test_trends_demo (StoreFixture  *fixture,
                  gconstpointer  data)
{
  g_autofree char *loss_id = import_demo (fixture, "demo-recurrent-loss.json");
  g_autofree char *county_id = import_demo (fixture, "demo-county-referral.json");
  g_autoptr(HzCase) loss = load_case (fixture, loss_id);
  g_autoptr(HzCase) county = load_case (fixture, county_id);
  g_autoptr(GPtrArray) loss_series = NULL;
  g_autoptr(GPtrArray) county_series = NULL;
  HzDating dating;
  gboolean have_hcg = FALSE, have_bp = FALSE, have_weight = FALSE;

  hz_case_get_dating (loss, &dating);
  loss_series = hz_trend_series_collect (loss, &dating);
  for (guint i = 0; i < loss_series->len; i++)
    {
      HzTrendSeries *s = g_ptr_array_index (loss_series, i);
      double hours, lo, hi;

      if (s->analyte != HZ_ANALYTE_HCG)
        continue;
      have_hcg = TRUE;
      g_assert_true (s->unit_known);
      g_assert_cmpuint (s->points->len, >=, 2);
      g_assert_true (hz_trend_series_last_doubling (s, &hours));
      g_assert_cmpfloat (hours, >, 0);
      g_assert_true (hz_trend_series_get_range (s, &lo, &hi));
      g_assert_cmpfloat (lo, <, hi);
      /* points are in time order and carry their GA */
      for (guint j = 1; j < s->points->len; j++)
        {
          g_assert_cmpint (g_array_index (s->points, HzTrendPoint, j - 1).time, <=,
                           g_array_index (s->points, HzTrendPoint, j).time);
          g_assert_true (g_array_index (s->points, HzTrendPoint, j).has_ga);
        }
    }
  g_assert_true (have_hcg);

  hz_case_get_dating (county, &dating);
  county_series = hz_trend_series_collect (county, &dating);
  for (guint i = 0; i < county_series->len; i++)
    {
      HzTrendSeries *s = g_ptr_array_index (county_series, i);
      const HzTrendPoint *p = &g_array_index (s->points, HzTrendPoint, 0);

      if (s->analyte == HZ_ANALYTE_BLOOD_PRESSURE)
        {
          have_bp = TRUE;
          g_assert_true (isfinite (p->value));
          g_assert_true (isfinite (p->value2));
          g_assert_cmpfloat (p->value, >, p->value2);
        }
      else if (s->analyte == HZ_ANALYTE_WEIGHT)
        {
          have_weight = TRUE;
          g_assert_true (isfinite (s->baseline));  /* pre-pregnancy weight */
        }
    }
  g_assert_true (have_bp);
  g_assert_true (have_weight);
}

static void
test_schedule_facts_demo (StoreFixture  *fixture,
                          gconstpointer  data)
{
  g_autofree char *county_id = import_demo (fixture, "demo-county-referral.json");
  g_autofree char *mood_id = import_demo (fixture, "demo-perinatal-mood.json");
  g_autoptr(HzCase) county = load_case (fixture, county_id);
  g_autoptr(HzCase) mood = load_case (fixture, mood_id);
  g_autoptr(GArray) facts = NULL;
  g_autoptr(GPtrArray) items = NULL;
  gboolean ogtt = FALSE, epds15 = FALSE;
  GDate today;

  facts = hz_schedule_collect_facts (county);
  for (guint i = 0; i < facts->len; i++)
    if (g_array_index (facts, HzScheduleFact, i).screen == HZ_SCREEN_OGTT)
      ogtt = TRUE;
  g_assert_true (ogtt);
  g_clear_pointer (&facts, g_array_unref);

  facts = hz_schedule_collect_facts (mood);
  for (guint i = 0; i < facts->len; i++)
    {
      HzScheduleFact *fact = &g_array_index (facts, HzScheduleFact, i);

      if (fact->screen == HZ_SCREEN_EPDS && fact->score == 15)
        epds15 = TRUE;
    }
  g_assert_true (epds15);

  demo_today (&today);
  items = hz_schedule_compute_for_case (mood, &today);
  for (guint i = 0; i < items->len; i++)
    {
      HzDueItem *item = g_ptr_array_index (items, i);

      if (item->rule == HZ_DUE_RULE_MENTAL_MID)
        g_assert_cmpint (item->status, ==, HZ_DUE_STATUS_DONE);
      if (item->rule == HZ_DUE_RULE_OGTT)
        g_assert_cmpint (item->status, ==, HZ_DUE_STATUS_DUE);
    }
}

static void
test_resource_summary (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HzResource) resource = hz_resource_new_from_data (
    "{\"resourceType\":\"Observation\",\"id\":\"x\",\"meta\":{\"versionId\":\"1\"},"
    "\"status\":\"final\","
    "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"718-7\",\"display\":\"Hb\"}],\"text\":\"血红蛋白\"},"
    "\"subject\":{\"reference\":\"Patient/p\",\"display\":\"李梅\"},"
    "\"effectivePeriod\":{\"start\":\"2024-05-06\",\"end\":\"2024-05-07\"},"
    "\"valueQuantity\":{\"value\":102,\"unit\":\"g/L\"},"
    "\"referenceRange\":[{\"low\":{\"value\":0.270,\"unit\":\"g/L\"},\"high\":{\"value\":4.2,\"unit\":\"g/L\"}}],"
    "\"component\":[{\"x\":{\"y\":{\"z\":{\"w\":1}}}}],"
    "\"flagged\":true}", -1, &error);
  g_autofree char *text = NULL;
  g_autofree char *short_text = NULL;

  g_assert_no_error (error);
  text = hz_fhir_jv_describe (hz_resource_get_value (resource), 0);
  g_test_message ("%s", text);
  g_assert_null (strstr (text, "resourceType"));
  g_assert_null (strstr (text, "versionId"));
  /* element names in words; the codes too, with no display of their own */
  g_assert_nonnull (strstr (text, "Status: Final\n"));
  g_assert_nonnull (strstr (text, "Item: 血红蛋白\n"));
  g_assert_nonnull (strstr (text, "Patient: 李梅\n"));
  g_assert_nonnull (strstr (text, "Period: 2024-05-06 – 2024-05-07\n"));
  g_assert_nonnull (strstr (text, "Result: 102 g/L\n"));
  /* numbers as recorded: 0.270 keeps the digit measured */
  g_assert_nonnull (strstr (text, "Reference range: 0.270 g/L – 4.2 g/L\n"));
  g_assert_nonnull (strstr (text, "Components: {x: {y: {z: …}}}\n"));
  g_assert_true (g_str_has_suffix (text, "flagged: yes"));

  short_text = hz_fhir_jv_describe (hz_resource_get_value (resource), 3);
  g_assert_cmpstr (short_text, ==, "Status: Final\nItem: 血红蛋白\n… and 6 more fields");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/huizhen/timeline/grouping/boundaries", test_grouping_boundaries);
  g_test_add_func ("/huizhen/timeline/grouping/keys", test_grouping_group_keys);
  g_test_add_func ("/huizhen/timeline/grouping/ga-unknown", test_grouping_ga_unknown);
  g_test_add_func ("/huizhen/timeline/grouping/today", test_today_marker);
  g_test_add_func ("/huizhen/timeline/filtering", test_filtering);
  g_test_add_func ("/huizhen/timeline/jump/parse", test_jump_parse);
  g_test_add_func ("/huizhen/timeline/jump/find", test_jump_find);
  g_test_add_func ("/huizhen/timeline/resource-summary", test_resource_summary);
  g_test_add ("/huizhen/timeline/store-source/demo", StoreFixture, NULL,
              store_fixture_set_up, test_store_source_demo, store_fixture_tear_down);
  g_test_add ("/huizhen/timeline/store-source/mdt-actions", StoreFixture, NULL,
              store_fixture_set_up, test_store_source_mdt_actions, store_fixture_tear_down);
  g_test_add ("/huizhen/timeline/store-source/severity", StoreFixture, NULL,
              store_fixture_set_up, test_store_source_severity, store_fixture_tear_down);
  g_test_add ("/huizhen/timeline/store-source/thresholds", StoreFixture, NULL,
              store_fixture_set_up, test_store_source_thresholds, store_fixture_tear_down);
  g_test_add ("/huizhen/timeline/store-source/follows-case", StoreFixture, NULL,
              store_fixture_set_up, test_store_source_follows_case, store_fixture_tear_down);
  g_test_add ("/huizhen/timeline/bad-input", StoreFixture, NULL,
              store_fixture_set_up, test_bad_input, store_fixture_tear_down);
  g_test_add ("/huizhen/timeline/trends/demo", StoreFixture, NULL,
              store_fixture_set_up, test_trends_demo, store_fixture_tear_down);
  g_test_add ("/huizhen/timeline/schedule-facts", StoreFixture, NULL,
              store_fixture_set_up, test_schedule_facts_demo, store_fixture_tear_down);

  return g_test_run ();
}
