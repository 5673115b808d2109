/* hz-timeline-codes.h — FHIR codes and element names in the user's words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The translated word for a FHIR code shown on the timeline (a status,
 * intent, priority, condition status, gender: "booked" → 已预约), or NULL
 * when it is not one we know (then show nothing rather than the code). */
const char *hz_timeline_code_display  (const char *code);
/* The translated name of a FHIR element ("effectiveDateTime" → 日期); an
 * element we do not know keeps its own name. */
const char *hz_timeline_field_display (const char *member);
/* A unit as clinicians write it: "10^9/L" → "×10⁹/L", "kg/m2" → "kg/m²",
 * "mm[Hg]" → "mmHg". (transfer full) */
char       *hz_timeline_unit_display     (const char *unit);
/* @number and its unit, spaced as they are written. (transfer full) */
char       *hz_timeline_format_with_unit (const char *number,
                                          const char *unit);

G_END_DECLS
