/* hz-nutrition-timeline-source.c — the nutrition team's own events on the case timeline
 *
 * The timeline's store source already shows every weight, glucose reading
 * (judged against its target) and the advice CarePlan. What this source
 * adds is the nutrition team's reading of the weights, which no single
 * resource holds: the weight at which the gain left the WS/T 801-2022
 * range of her BMI class (above or below), and the one at which it came
 * back into it. One event per change, never one per weight.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-nutrition"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hz-nutrition-private.h"

struct _HzNutritionTimelineSource
{
  GObject  parent_instance;

  HzCase  *kase;
  gulong   changed_id;
};

static void timeline_source_iface_init (HzTimelineSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HzNutritionTimelineSource, hz_nutrition_timeline_source, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (HZ_TYPE_TIMELINE_SOURCE, timeline_source_iface_init))

static const char *
change_title (HzGwgStatus status)
{
  switch (status)
    {
    case HZ_GWG_ABOVE:
      /* Translators: a timeline event: the gain went above the range */
      return _("Weight gain above the recommended range");
    case HZ_GWG_BELOW:
      return _("Weight gain below the recommended range");
    case HZ_GWG_WITHIN:
    default:
      return _("Weight gain back within the recommended range");
    }
}

GPtrArray *
hz_nutrition_timeline_events (HzCase *kase)
{
  GPtrArray *events = g_ptr_array_new_with_free_func (g_object_unref);
  HzGwgBaseline baseline;
  g_autoptr(GArray) points = NULL;
  HzGwgStatus previous = HZ_GWG_WITHIN;

  g_return_val_if_fail (HZ_IS_CASE (kase), events);

  hz_gwg_baseline_find (kase, &baseline);
  points = hz_gwg_points_new (kase, &baseline);
  for (guint i = 0; i < points->len; i++)
    {
      const HzGwgPoint *p = &g_array_index (points, HzGwgPoint, i);
      HzResource *resource;
      g_autofree char *ga = NULL;
      g_autofree char *gain = NULL;
      g_autofree char *low = NULL;
      g_autofree char *high = NULL;
      g_autofree char *detail = NULL;
      g_autofree char *bmi = NULL;

      if (!p->judged || p->status == previous)
        continue;
      previous = p->status;
      resource = hz_case_lookup (kase, p->reference);

      ga = hz_ga_format (p->ga_days);
      gain = hz_calc_format_kg (p->gain_g);
      low = hz_calc_format_kg (p->expected_low_g);
      high = hz_calc_format_kg (p->expected_high_g);
      bmi = hz_bmi_format (&baseline.bmi);
      /* Translators: the detail of a weight-gain event: the GA, the gain,
       * the range at that GA, the BMI class, then the standard:
       * "孕20+3周 · 增重 6.2 kg（推荐 1.2–4.8 kg）· 孕前BMI 28.9（肥胖）· 依据：…" */
      detail = g_strdup_printf (_("%s · gain %s kg (recommended %s–%s kg) · pre-pregnancy BMI %s (%s) · Source: %s"),
                                ga, gain, low, high, bmi, hz_bmi_class_get_display_name (baseline.bmi.bmi_class),
                                hz_threshold_get_weight_gain_source ());
      g_ptr_array_add (events,
                       hz_timeline_event_new (resource != NULL ? hz_resource_get_date (resource) : NULL,
                                              HZ_EVENT_KIND_VITAL, TRUE, HZ_TEAM_NUTRITION,
                                              p->status == HZ_GWG_WITHIN ? HZ_SEVERITY_INFO : HZ_SEVERITY_ATTENTION,
                                              change_title (p->status), detail, p->reference));
    }

  hz_gwg_baseline_clear (&baseline);
  return events;
}

static GPtrArray *
hz_nutrition_timeline_source_list_events (HzTimelineSource *source,
                                          HzCase           *kase)
{
  return hz_nutrition_timeline_events (kase);
}

static void
on_case_changed (HzCase                    *kase,
                 const char * const        *types,
                 HzNutritionTimelineSource *self)
{
  if (types == NULL || g_strv_contains (types, "Observation") || g_strv_contains (types, "Patient") ||
      g_strv_contains (types, "EpisodeOfCare"))
    hz_timeline_source_emit_changed (HZ_TIMELINE_SOURCE (self));
}

static void
hz_nutrition_timeline_source_load (HzTimelineSource *source,
                                   HzCase           *kase)
{
  HzNutritionTimelineSource *self = HZ_NUTRITION_TIMELINE_SOURCE (source);

  if (self->kase != NULL)
    g_clear_signal_handler (&self->changed_id, self->kase);
  g_set_object (&self->kase, kase);
  self->changed_id = g_signal_connect (kase, "changed", G_CALLBACK (on_case_changed), self);
}

static void
hz_nutrition_timeline_source_unload (HzTimelineSource *source,
                                     HzCase           *kase)
{
  HzNutritionTimelineSource *self = HZ_NUTRITION_TIMELINE_SOURCE (source);

  if (self->kase != NULL)
    g_clear_signal_handler (&self->changed_id, self->kase);
  g_clear_object (&self->kase);
}

static void
timeline_source_iface_init (HzTimelineSourceInterface *iface)
{
  iface->load = hz_nutrition_timeline_source_load;
  iface->unload = hz_nutrition_timeline_source_unload;
  iface->list_events = hz_nutrition_timeline_source_list_events;
}

static void
hz_nutrition_timeline_source_dispose (GObject *object)
{
  HzNutritionTimelineSource *self = (HzNutritionTimelineSource *)object;

  if (self->kase != NULL)
    g_clear_signal_handler (&self->changed_id, self->kase);
  g_clear_object (&self->kase);

  G_OBJECT_CLASS (hz_nutrition_timeline_source_parent_class)->dispose (object);
}

static void
hz_nutrition_timeline_source_class_init (HzNutritionTimelineSourceClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = hz_nutrition_timeline_source_dispose;
}

static void
hz_nutrition_timeline_source_init (HzNutritionTimelineSource *self)
{
}
