/* hz-timeline-source.c — addin interface: contributes dated events to a case timeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-addins"

#include "config.h"

#include "huizhen.h"

G_DEFINE_INTERFACE (HzTimelineSource, hz_timeline_source, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
hz_timeline_source_default_init (HzTimelineSourceInterface *iface)
{
  /**
   * HzTimelineSource::changed:
   * @self: the source
   *
   * Emitted when the events the source would list have changed; the
   * timeline then calls hz_timeline_source_list_events() again.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_INTERFACE (iface),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);
}

/**
 * hz_timeline_source_load:
 * @self: an #HzTimelineSource
 * @kase: the case the timeline shows
 *
 * Called once when the timeline of @kase starts using @self.
 */
void
hz_timeline_source_load (HzTimelineSource *self,
                         HzCase           *kase)
{
  HzTimelineSourceInterface *iface;

  g_return_if_fail (HZ_IS_TIMELINE_SOURCE (self));
  g_return_if_fail (HZ_IS_CASE (kase));

  iface = HZ_TIMELINE_SOURCE_GET_IFACE (self);
  if (iface->load != NULL)
    iface->load (self, kase);
}

/**
 * hz_timeline_source_unload:
 * @self: an #HzTimelineSource
 * @kase: the case passed to hz_timeline_source_load()
 *
 * Called when the timeline stops using @self; the source must drop
 * everything it holds on @kase.
 */
void
hz_timeline_source_unload (HzTimelineSource *self,
                           HzCase           *kase)
{
  HzTimelineSourceInterface *iface;

  g_return_if_fail (HZ_IS_TIMELINE_SOURCE (self));
  g_return_if_fail (HZ_IS_CASE (kase));

  iface = HZ_TIMELINE_SOURCE_GET_IFACE (self);
  if (iface->unload != NULL)
    iface->unload (self, kase);
}

/**
 * hz_timeline_source_list_events:
 * @self: an #HzTimelineSource
 * @kase: the case
 *
 * Returns: (transfer full) (element-type HzTimelineEvent): the events the
 *   source contributes; an empty array when it has none.
 */
GPtrArray *
hz_timeline_source_list_events (HzTimelineSource *self,
                                HzCase           *kase)
{
  HzTimelineSourceInterface *iface;
  GPtrArray *events = NULL;

  g_return_val_if_fail (HZ_IS_TIMELINE_SOURCE (self), NULL);
  g_return_val_if_fail (HZ_IS_CASE (kase), NULL);

  iface = HZ_TIMELINE_SOURCE_GET_IFACE (self);
  if (iface->list_events != NULL)
    events = iface->list_events (self, kase);

  if (events == NULL)
    events = g_ptr_array_new_with_free_func (g_object_unref);

  return events;
}

/**
 * hz_timeline_source_emit_changed:
 * @self: an #HzTimelineSource
 *
 * Emits #HzTimelineSource::changed.
 */
void
hz_timeline_source_emit_changed (HzTimelineSource *self)
{
  g_return_if_fail (HZ_IS_TIMELINE_SOURCE (self));

  g_signal_emit (self, signals[CHANGED], 0);
}
