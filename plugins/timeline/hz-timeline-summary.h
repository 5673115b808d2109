/* hz-timeline-summary.h — a resource's JSON as a few readable lines, for the event detail
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <huizhen.h>

G_BEGIN_DECLS

/* "member: value" lines for the top-level members of @resource (not
 * resourceType, id, meta, text): CodeableConcepts as their text, Quantities
 * as "value unit", References as their display, Periods as "start – end",
 * arrays joined; long values shortened. At most @max_lines lines (the last
 * says how many more there were). (transfer full) */
char *hz_timeline_resource_summary (const HzJv *resource,
                                    guint       max_lines);

G_END_DECLS
