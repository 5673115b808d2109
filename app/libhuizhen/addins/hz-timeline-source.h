/* hz-timeline-source.h — addin interface: contributes dated events to a case timeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (HUIZHEN_INSIDE) && !defined (HUIZHEN_COMPILATION)
# error "Only <huizhen.h> can be included directly."
#endif

#include <glib-object.h>

#include "hz-case.h"
#include "hz-timeline-event.h"

G_BEGIN_DECLS

#define HZ_TYPE_TIMELINE_SOURCE (hz_timeline_source_get_type ())

G_DECLARE_INTERFACE (HzTimelineSource, hz_timeline_source, HZ, TIMELINE_SOURCE, GObject)

struct _HzTimelineSourceInterface
{
  GTypeInterface parent_iface;

  void        (*load)        (HzTimelineSource *self,
                              HzCase           *kase);
  void        (*unload)      (HzTimelineSource *self,
                              HzCase           *kase);
  /* (transfer full) (element-type HzTimelineEvent) */
  GPtrArray  *(*list_events) (HzTimelineSource *self,
                              HzCase           *kase);
};

void        hz_timeline_source_load        (HzTimelineSource *self,
                                            HzCase           *kase);
void        hz_timeline_source_unload      (HzTimelineSource *self,
                                            HzCase           *kase);
GPtrArray  *hz_timeline_source_list_events (HzTimelineSource *self,
                                            HzCase           *kase);
/* A source calls this when its events changed; emits ::changed. */
void        hz_timeline_source_emit_changed (HzTimelineSource *self);

G_END_DECLS
