/* hz-timeline-event.h — one dated event on a case timeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (HUIZHEN_INSIDE) && !defined (HUIZHEN_COMPILATION)
# error "Only <huizhen.h> can be included directly."
#endif

#include <glib-object.h>

#include "hz-actor.h"

G_BEGIN_DECLS

typedef enum {
  HZ_EVENT_KIND_VISIT,         /* Encounter: 产前检查, 门诊 */
  HZ_EVENT_KIND_LAB,           /* laboratory Observation / DiagnosticReport */
  HZ_EVENT_KIND_VITAL,         /* weight, blood pressure */
  HZ_EVENT_KIND_IMAGING,       /* ImagingStudy / Media: 超声 */
  HZ_EVENT_KIND_SCALE,         /* EPDS, PHQ-9, GAD-7 */
  HZ_EVENT_KIND_RISK,          /* RiskAssessment / Flag: 五色分级 */
  HZ_EVENT_KIND_CONDITION,     /* diagnosis */
  HZ_EVENT_KIND_REFERRAL,      /* ServiceRequest / Task: 转诊 */
  HZ_EVENT_KIND_CONSULTATION,  /* Appointment / CareTeam: 会诊 */
  HZ_EVENT_KIND_DECISION,      /* CarePlan / Composition: MDT 决定, 会诊意见书 */
  HZ_EVENT_KIND_DUE,           /* a due item (NT window, OGTT, next screen) */
  HZ_EVENT_KIND_OTHER,
} HzEventKind;

typedef enum {
  HZ_SEVERITY_INFO,
  HZ_SEVERITY_ATTENTION,
  HZ_SEVERITY_CRITICAL,
} HzSeverity;

const char  *hz_event_kind_to_string          (HzEventKind kind);   /* "visit"... */
const char  *hz_event_kind_get_display_name   (HzEventKind kind);   /* translated */
const char  *hz_event_kind_get_icon_name      (HzEventKind kind);

#define HZ_TYPE_TIMELINE_EVENT (hz_timeline_event_get_type ())

G_DECLARE_FINAL_TYPE (HzTimelineEvent, hz_timeline_event, HZ, TIMELINE_EVENT, GObject)

/* @date: (nullable) may be NULL for an undated event. @resource_reference:
 * (nullable) "Type/id" of the resource it shows. @has_team FALSE: no team. */
HzTimelineEvent *hz_timeline_event_new        (GDateTime   *date,
                                               HzEventKind  kind,
                                               gboolean     has_team,
                                               HzTeam       team,
                                               HzSeverity   severity,
                                               const char  *title,
                                               const char  *detail,
                                               const char  *resource_reference);
GDateTime   *hz_timeline_event_get_date       (HzTimelineEvent *self);
HzEventKind  hz_timeline_event_get_kind       (HzTimelineEvent *self);
gboolean     hz_timeline_event_has_team       (HzTimelineEvent *self);
HzTeam       hz_timeline_event_get_team       (HzTimelineEvent *self);
HzSeverity   hz_timeline_event_get_severity   (HzTimelineEvent *self);
const char  *hz_timeline_event_get_title      (HzTimelineEvent *self);
const char  *hz_timeline_event_get_detail     (HzTimelineEvent *self);
const char  *hz_timeline_event_get_resource_reference (HzTimelineEvent *self);
/* The source that made it (set by the timeline), e.g. "store", "psychology". */
const char  *hz_timeline_event_get_source_id  (HzTimelineEvent *self);
void         hz_timeline_event_set_source_id  (HzTimelineEvent *self,
                                               const char      *source_id);

G_END_DECLS
