/* hz-fhir-codes.h — FHIR codes, element names and units in the user's words
 *
 * One table for every page (the timeline, the summary, the team plugins): a
 * coded value is never shown as its code.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (HUIZHEN_INSIDE) && !defined (HUIZHEN_COMPILATION)
# error "Only <huizhen.h> can be included directly."
#endif

#include <glib.h>

#include "hz-json-value.h"

G_BEGIN_DECLS

/* The translated word for a FHIR code shown anywhere (a status,
 * intent, priority, condition status, gender: "booked" → 已预约), or NULL
 * when it is not one we know (then show nothing rather than the code). */
const char *hz_fhir_code_get_display  (const char *code);
/* The translated name of a FHIR element ("effectiveDateTime" → 日期); an
 * element we do not know keeps its own name. */
const char *hz_fhir_field_get_display (const char *member);
/* A unit as clinicians write it: "10^9/L" → "×10⁹/L", "kg/m2" → "kg/m²",
 * "mm[Hg]" → "mmHg". (transfer full) */
char       *hz_fhir_unit_get_display     (const char *unit);
/* @number and its unit, spaced as they are written. (transfer full) */
char       *hz_fhir_format_with_unit     (const char *number,
                                          const char *unit);
/* A Quantity: its number as recorded, and its unit unless !@with_unit.
 * NULL without a number. (transfer full) */
char       *hz_fhir_jv_format_quantity   (const HzJv *quantity,
                                          gboolean    with_unit);

/* The non-empty @part after " · " */
void        hz_fhir_append_part          (GString    *line,
                                          const char *part);
/* A CodeableConcept in words: text, display, code in words, code. (transfer none) */
const char *hz_fhir_jv_concept_get_words (const HzJv *concept);
/* An Observation's value as it is shown everywhere. (transfer full) (nullable) */
char       *hz_fhir_jv_format_observation_value (const HzJv *observation);
/* A field of a resource in words, the same on every page. (transfer full) */
char       *hz_fhir_jv_describe_value    (const HzJv *value);
/* "field: value" lines for the members of @resource, at most @max_lines
 * (0: all). (transfer full) */
char       *hz_fhir_jv_describe          (const HzJv *resource,
                                          guint       max_lines);

G_END_DECLS
