/* hz-reproductive-source.c — what reproductive medicine derives, on the case timeline
 *
 * The timeline's store source already shows every resource once (the
 * pregnancy-outcome Conditions, the embryo-transfer Observation, the
 * team's CarePlan at its date, the hand-over Task). This source adds only
 * what no single resource is: the day the recurrent-loss criteria were met
 * (hz_rsa_evaluate(), with its source), and the start and stop of each
 * treatment of the team's plan on their own days.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-reproductive"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hz-reproductive-private.h"

struct _HzReproductiveSource
{
  GObject  parent_instance;

  HzCase  *kase;
  gulong   changed_id;
};

static void timeline_source_iface_init (HzTimelineSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HzReproductiveSource, hz_reproductive_source, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (HZ_TYPE_TIMELINE_SOURCE, timeline_source_iface_init))

static GDateTime *
day_to_datetime (const GDate *date)
{
  return g_date_time_new_local (g_date_get_year (date), g_date_get_month (date),
                                g_date_get_day (date), 0, 0, 0);
}

static void
add_rsa_event (GPtrArray *events,
               HzCase    *kase)
{
  g_autoptr(GArray) outcomes = hz_reproductive_collect_outcomes (kase, NULL);
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *title = NULL;
  g_autofree char *detail = NULL;
  HzRsaResult result;

  hz_rsa_evaluate ((const HzPregnancyOutcome *) (gpointer) outcomes->data, outcomes->len, &result);
  if (result.status != HZ_RSA_MET || !g_date_valid (&result.met_on))
    return;

  when = day_to_datetime (&result.met_on);
  title = hz_rsa_result_describe (&result);
  /* Translators: the guideline a result comes from, "依据：《…》" */
  detail = g_strdup_printf (_("Source: %s"), result.source);
  g_ptr_array_add (events, hz_timeline_event_new (when, HZ_EVENT_KIND_CONDITION, TRUE, HZ_TEAM_REPRODUCTIVE,
                                                  HZ_SEVERITY_ATTENTION, title, detail, NULL));
}

static void
add_plan_event (GPtrArray  *events,
                HzResource *plan,
                const char *day,
                gboolean    start,
                const char *drug,
                const char *dose)
{
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *title = NULL;
  GDate date;

  if (day == NULL || !hz_fhir_parse_date (day, &date))
    return;
  when = day_to_datetime (&date);
  title = start
          /* Translators: a treatment of the plan begins, %s is the drug */
          ? g_strdup_printf (_("Start: %s"), drug)
          /* Translators: a treatment of the plan ends, %s is the drug */
          : g_strdup_printf (_("Stop: %s"), drug);
  g_ptr_array_add (events, hz_timeline_event_new (when, HZ_EVENT_KIND_DECISION, TRUE, HZ_TEAM_REPRODUCTIVE,
                                                  HZ_SEVERITY_INFO, title, dose,
                                                  hz_resource_get_reference (plan)));
}

static void
add_plan_events (GPtrArray *events,
                 HzCase    *kase)
{
  HzResource *plan = hz_reproductive_find_plan (kase);

  if (plan == NULL)
    return;

  for (const HzJv *activity = hz_jv_get_first (hz_jv_get_array (hz_resource_get_value (plan), "activity"));
       activity != NULL;
       activity = hz_jv_get_next (activity))
    {
      const HzJv *detail = hz_jv_get_object (activity, "detail");
      const char *drug = hz_fhir_jv_concept_get_words (hz_jv_get_object (detail, "code"));
      const char *dose = hz_jv_get_string (detail, "description");

      if (drug == NULL || g_strcmp0 (hz_jv_get_string (detail, "status"), "cancelled") == 0)
        continue;
      add_plan_event (events, plan, hz_jv_get_path_string (detail, "scheduledPeriod.start"),
                      TRUE, drug, dose);
      add_plan_event (events, plan, hz_jv_get_path_string (detail, "scheduledPeriod.end"),
                      FALSE, drug, dose);
    }
}

static GPtrArray *
hz_reproductive_source_list_events (HzTimelineSource *source,
                                    HzCase           *kase)
{
  GPtrArray *events = g_ptr_array_new_with_free_func (g_object_unref);

  if (kase == NULL)
    return events;

  add_rsa_event (events, kase);
  add_plan_events (events, kase);
  return events;
}

static void
on_case_changed (HzCase               *kase,
                 const char * const   *types,
                 HzReproductiveSource *self)
{
  if (types == NULL || g_strv_contains (types, "Condition") || g_strv_contains (types, "CarePlan"))
    hz_timeline_source_emit_changed (HZ_TIMELINE_SOURCE (self));
}

static void
hz_reproductive_source_unload (HzTimelineSource *source,
                               HzCase           *kase)
{
  HzReproductiveSource *self = HZ_REPRODUCTIVE_SOURCE (source);

  if (self->kase != NULL)
    g_clear_signal_handler (&self->changed_id, self->kase);
  g_clear_object (&self->kase);
}

static void
hz_reproductive_source_load (HzTimelineSource *source,
                             HzCase           *kase)
{
  HzReproductiveSource *self = HZ_REPRODUCTIVE_SOURCE (source);

  hz_reproductive_source_unload (source, self->kase);
  self->kase = g_object_ref (kase);
  self->changed_id = g_signal_connect (kase, "changed", G_CALLBACK (on_case_changed), self);
}

static void
timeline_source_iface_init (HzTimelineSourceInterface *iface)
{
  iface->load = hz_reproductive_source_load;
  iface->unload = hz_reproductive_source_unload;
  iface->list_events = hz_reproductive_source_list_events;
}

static void
hz_reproductive_source_dispose (GObject *object)
{
  hz_reproductive_source_unload (HZ_TIMELINE_SOURCE (object), NULL);

  G_OBJECT_CLASS (hz_reproductive_source_parent_class)->dispose (object);
}

static void
hz_reproductive_source_class_init (HzReproductiveSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hz_reproductive_source_dispose;
}

static void
hz_reproductive_source_init (HzReproductiveSource *self)
{
}
