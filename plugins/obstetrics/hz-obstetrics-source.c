/* hz-obstetrics-source.c — what only obstetrics adds to a case's timeline
 *
 * The timeline's own store source already shows every stored resource:
 * each visit's Encounter and Observations, every RiskAssessment (colour,
 * severity), the purple Flag, the MDT Task and the next-visit Appointment.
 * Repeating them would show each fact twice. This source adds the facts
 * obstetrics derives and stores nowhere:
 *  - the EDD on its day (Naegele, by the dating method in use);
 *  - the day a first-trimester CRL corrected the dating (> 7 days from the
 *    LMP), with both dates;
 *  - today, when the case's data propose a different five-colour grade
 *    from the one recorded (re-grading proposed).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-obstetrics"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hz-obstetrics-private.h"

struct _HzObstetricsSource
{
  GObject  parent_instance;

  HzCase  *kase;
  gulong   changed_id;
};

static void timeline_source_iface_init (HzTimelineSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HzObstetricsSource, hz_obstetrics_source, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (HZ_TYPE_TIMELINE_SOURCE, timeline_source_iface_init))

/* The types whose change can move what this source shows */
static gboolean
concerns_us (const char * const *types)
{
  static const char * const ours[] = {
    "Observation", "Condition", "Patient", "RiskAssessment", "Flag", NULL
  };

  for (guint i = 0; types != NULL && types[i] != NULL; i++)
    if (g_strv_contains (ours, types[i]))
      return TRUE;
  return FALSE;
}

static void
on_case_changed (HzCase             *kase,
                 const char * const *types,
                 HzObstetricsSource *self)
{
  if (concerns_us (types))
    hz_timeline_source_emit_changed (HZ_TIMELINE_SOURCE (self));
}

static GDateTime *
date_time_at_noon (const GDate *date)
{
  return g_date_time_new_local (g_date_get_year (date), g_date_get_month (date),
                                g_date_get_day (date), 12, 0, 0);
}

static void
add_dating_events (GPtrArray *events,
                   HzCase    *kase)
{
  HzDating dating;
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *edd = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *title = NULL;

  hz_case_get_dating (kase, &dating);
  if (dating.method == HZ_DATING_NONE || dating.delivered)
    return;

  when = date_time_at_noon (&dating.edd);
  edd = hz_ui_format_gdate (&dating.edd);
  /* Translators: the dating method, then the rule: "按末次月经；依据：Naegele 法则…" */
  detail = g_strdup_printf (_("%s; source: Naegele's rule, LMP + 280 days"),
                            hz_dating_method_get_display_name (dating.method));
  /* Translators: the EDD on the timeline, with its date */
  title = g_strdup_printf (_("Estimated due date %s"), edd);
  g_ptr_array_add (events,
                   hz_timeline_event_new (when, HZ_EVENT_KIND_DUE, TRUE, HZ_TEAM_OBSTETRICS,
                                          HZ_SEVERITY_INFO, title, detail, NULL));

  if (dating.method == HZ_DATING_CRL && dating.has_crl && dating.has_reported_lmp)
    {
      g_autoptr(GDateTime) scan = date_time_at_noon (&dating.crl_date);
      g_autofree char *reported = hz_ui_format_gdate (&dating.reported_lmp);
      g_autofree char *effective = hz_ui_format_gdate (&dating.lmp);
      g_autofree char *crl_detail = NULL;

      crl_detail = g_strdup_printf (
        /* Translators: CRL mm, the days between the two datings, the LMP
         * reported and the one counted from */
        _("CRL %.1f mm differs from the LMP by %d days (more than 7 before 14 weeks): "
          "reported LMP %s, GA counted from %s"),
        dating.crl_mm, ABS (dating.lmp_crl_difference_days), reported, effective);
      g_ptr_array_add (events,
                       hz_timeline_event_new (scan, HZ_EVENT_KIND_IMAGING, TRUE, HZ_TEAM_OBSTETRICS,
                                              HZ_SEVERITY_ATTENTION,
                                              _("Dating corrected by the CRL"), crl_detail, NULL));
    }
}

static void
add_regrading_event (GPtrArray *events,
                     HzCase    *kase)
{
  HzRiskColour proposed, recorded;
  gboolean purple;
  GDate today;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *proposed_text = NULL;

  hz_ga_get_today (&today);
  if (!hz_risk_regrading_proposed (kase, &today, &proposed, &purple, &recorded) ||
      recorded == HZ_RISK_UNKNOWN)
    return;

  proposed_text = purple
    /* Translators: a colour with the purple mark beside it */
    ? g_strdup_printf (_("%s + purple"), hz_risk_colour_get_display_name (proposed))
    : g_strdup (hz_risk_colour_get_display_name (proposed));
  /* Translators: the colour proposed from the data, the colour recorded, the document */
  detail = g_strdup_printf (_("Proposed %s, recorded %s; source: %s"), proposed_text,
                            hz_risk_colour_get_display_name (recorded), hz_risk_form_get_source ());
  now = g_date_time_new_now_local ();
  g_ptr_array_add (events,
                   hz_timeline_event_new (now, HZ_EVENT_KIND_RISK, TRUE, HZ_TEAM_OBSTETRICS,
                                          HZ_SEVERITY_ATTENTION,
                                          _("Re-grading proposed"), detail, NULL));
}

static GPtrArray *
hz_obstetrics_source_list_events (HzTimelineSource *source,
                                  HzCase           *kase)
{
  GPtrArray *events = g_ptr_array_new_with_free_func (g_object_unref);

  add_dating_events (events, kase);
  add_regrading_event (events, kase);

  return events;
}

static void
hz_obstetrics_source_load (HzTimelineSource *source,
                           HzCase           *kase)
{
  HzObstetricsSource *self = HZ_OBSTETRICS_SOURCE (source);

  g_clear_signal_handler (&self->changed_id, self->kase);
  g_set_object (&self->kase, kase);
  self->changed_id = g_signal_connect (kase, "changed", G_CALLBACK (on_case_changed), self);
}

static void
hz_obstetrics_source_unload (HzTimelineSource *source,
                             HzCase           *kase)
{
  HzObstetricsSource *self = HZ_OBSTETRICS_SOURCE (source);

  g_clear_signal_handler (&self->changed_id, self->kase);
  g_clear_object (&self->kase);
}

static void
timeline_source_iface_init (HzTimelineSourceInterface *iface)
{
  iface->load = hz_obstetrics_source_load;
  iface->unload = hz_obstetrics_source_unload;
  iface->list_events = hz_obstetrics_source_list_events;
}

static void
hz_obstetrics_source_dispose (GObject *object)
{
  HzObstetricsSource *self = HZ_OBSTETRICS_SOURCE (object);

  g_clear_signal_handler (&self->changed_id, self->kase);
  g_clear_object (&self->kase);

  G_OBJECT_CLASS (hz_obstetrics_source_parent_class)->dispose (object);
}

static void
hz_obstetrics_source_class_init (HzObstetricsSourceClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = hz_obstetrics_source_dispose;
}

static void
hz_obstetrics_source_init (HzObstetricsSource *self)
{
}
