/* hz-timeline-store-source.h — the built-in timeline source: the case's own resources and due items
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <huizhen.h>

G_BEGIN_DECLS

#define HZ_TYPE_TIMELINE_STORE_SOURCE (hz_timeline_store_source_get_type ())

G_DECLARE_FINAL_TYPE (HzTimelineStoreSource, hz_timeline_store_source, HZ, TIMELINE_STORE_SOURCE, GObject)

HzTimelineStoreSource *hz_timeline_store_source_new       (void);
/* The day due items are computed for (default: today). */
void                   hz_timeline_store_source_set_today (HzTimelineStoreSource *self,
                                                           const GDate           *today);
/* The due items computed when the events were last listed (done ones
 * included). (transfer none) (element-type HzDueItem) (nullable) */
GPtrArray             *hz_timeline_store_source_get_due_items (HzTimelineStoreSource *self);

/* One resource of @kase as an event, or NULL for what the timeline does
 * not show (Patient, EpisodeOfCare, AuditEvent, Provenance). (transfer full) */
HzTimelineEvent       *hz_timeline_event_new_for_resource (HzCase     *kase,
                                                           HzResource *resource);
/* A due item (not done) as an event dated at its window start. (transfer full) */
HzTimelineEvent       *hz_timeline_event_new_for_due_item (const HzDueItem *item);

G_END_DECLS
