/* hz-psychology-source.c — what the psychology team adds to a case's timeline
 *
 * The timeline's own store source already shows every scale total (with
 * its band and the self-harm item), the alert Flag on the day it opened,
 * the referral and the reminder Tasks, and the screens due by the
 * schedule. What only this team knows is when an urgent alert was closed,
 * by whom and why: that is on the Flag's closing version (period.end and
 * the closing note), which no resource of its own dates. Those are the
 * events here, so that nothing is shown twice.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-psychology"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hz-psychology-private.h"

#define ALERT_CLOSED_URL "https://huizhen.github.io/fhir/StructureDefinition/alert-closed"

struct _HzPsychologySource
{
  GObject  parent_instance;

  HzCase  *kase;
  gulong   changed_id;
};

static void timeline_source_iface_init (HzTimelineSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HzPsychologySource, hz_psychology_source, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (HZ_TYPE_TIMELINE_SOURCE, timeline_source_iface_init))

static void
on_case_changed_cb (HzCase             *kase,
                    const char * const *types,
                    HzPsychologySource *self)
{
  if (types == NULL || g_strv_contains (types, "Flag"))
    hz_timeline_source_emit_changed (HZ_TIMELINE_SOURCE (self));
}

static void
hz_psychology_source_load (HzTimelineSource *source,
                           HzCase           *kase)
{
  HzPsychologySource *self = HZ_PSYCHOLOGY_SOURCE (source);

  g_clear_signal_handler (&self->changed_id, self->kase);
  g_set_object (&self->kase, kase);
  if (kase != NULL)
    self->changed_id = g_signal_connect (kase, "changed", G_CALLBACK (on_case_changed_cb), self);
}

static void
hz_psychology_source_unload (HzTimelineSource *source,
                             HzCase           *kase)
{
  HzPsychologySource *self = HZ_PSYCHOLOGY_SOURCE (source);

  g_clear_signal_handler (&self->changed_id, self->kase);
  g_clear_object (&self->kase);
}

/* The note the closing version carries (hz_screening_close_alert()) */
static const char *
closing_note (const HzJv *flag)
{
  for (const HzJv *ext = hz_jv_get_first (hz_jv_get_array (flag, "extension"));
       ext != NULL;
       ext = hz_jv_get_next (ext))
    if (g_strcmp0 (hz_jv_get_string (ext, "url"), ALERT_CLOSED_URL) == 0)
      return hz_jv_get_path_string (ext, "valueAnnotation.text");
  return NULL;
}

static GPtrArray *
hz_psychology_source_list_events (HzTimelineSource *source,
                                  HzCase           *kase)
{
  GPtrArray *events = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *flags;

  if (kase == NULL)
    return events;

  flags = hz_case_get_resources (kase, "Flag");
  for (guint i = 0; i < g_list_model_get_n_items (flags); i++)
    {
      g_autoptr(HzResource) flag = g_list_model_get_item (flags, i);
      const HzJv *json = hz_resource_get_value (flag);
      const char *end = hz_jv_get_path_string (json, "period.end");
      g_autoptr(GDateTime) date = NULL;
      g_autofree char *detail = NULL;
      const char *note;

      if (g_strcmp0 (hz_fhir_jv_get_concept_code (json, "code", HZ_SYSTEM_ALERT),
                     HZ_ALERT_SELF_HARM_RISK) != 0 ||
          g_strcmp0 (hz_jv_get_string (json, "status"), "inactive") != 0 ||
          end == NULL || (date = hz_fhir_parse_datetime (end)) == NULL)
        continue;

      note = closing_note (json);
      /* Translators: the closed alert's text, then the closing note */
      detail = note != NULL ? g_strdup_printf (_("%s · %s"), hz_resource_get_title (flag), note)
                            : g_strdup (hz_resource_get_title (flag));
      g_ptr_array_add (events,
                       hz_timeline_event_new (date, HZ_EVENT_KIND_RISK, TRUE, HZ_TEAM_PSYCHOLOGY,
                                              HZ_SEVERITY_INFO, _("Self-harm risk alert closed"),
                                              detail, hz_resource_get_reference (flag)));
    }

  return events;
}

static void
timeline_source_iface_init (HzTimelineSourceInterface *iface)
{
  iface->load = hz_psychology_source_load;
  iface->unload = hz_psychology_source_unload;
  iface->list_events = hz_psychology_source_list_events;
}

static void
hz_psychology_source_dispose (GObject *object)
{
  HzPsychologySource *self = HZ_PSYCHOLOGY_SOURCE (object);

  g_clear_signal_handler (&self->changed_id, self->kase);
  g_clear_object (&self->kase);

  G_OBJECT_CLASS (hz_psychology_source_parent_class)->dispose (object);
}

static void
hz_psychology_source_class_init (HzPsychologySourceClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = hz_psychology_source_dispose;
}

static void
hz_psychology_source_init (HzPsychologySource *self)
{
}
