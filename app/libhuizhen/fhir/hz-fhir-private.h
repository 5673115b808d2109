/* hz-fhir-private.h — JSON helpers shared inside libhuizhen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "hz-json-doc-private.h"

G_BEGIN_DECLS

/* Compact JSON text of @node. Unlike JsonGenerator, doubles are written
 * with the fewest digits that read back to the same value (36.6, not
 * 36.600000000000001). (transfer full) */
char       *hz_json_node_to_string      (JsonNode   *node);
char       *hz_json_object_to_string    (JsonObject *object);

/* A JSON number node written with exactly the digits of @text ("36.60"
 * stays 36.60: the digits typed are the precision measured) by
 * hz_json_node_to_string() and so by the store's write path; text that is
 * no JSON number becomes the nearest double. (transfer full) */
JsonNode   *hz_json_number_node_new     (const char *text);

/* @str as a JSON string literal, quotes included. (transfer full) */
char       *hz_json_quote               (const char *str);


/* Whether @member is a FHIR date-like member (docs/data-model.md). */
gboolean    hz_fhir_is_date_member      (const char *member);

/* A sortable UTC form of a FHIR date/dateTime ("2024-05-06T02:20:30.000000Z"),
 * or NULL if invalid. (transfer full) */
char       *hz_fhir_date_sort_key       (const char *value);


/* Calls @func for every {"reference": "..."} found anywhere inside
 * @resource, with the JSON path of the field (e.g. "subject.reference",
 * "entity[0].what.reference"), on the store's own JSON tree: the one reader
 * of references (validation, urn:uuid: rewriting, case assignment). */
typedef void (*HzFhirJvReferenceFunc) (const char *path,
                                       HzJv       *reference_object,
                                       HzJv       *reference_value,
                                       gpointer    user_data);
void        hz_fhir_jv_foreach_reference  (HzJv                  *resource,
                                           HzFhirJvReferenceFunc  func,
                                           gpointer               user_data);
/* The first date-like member (see hz_fhir_is_date_member()) that is not a
 * valid FHIR date, depth first, meta excluded: its path in @path and its
 * value in @out_value. FALSE if there is none. */
gboolean    hz_fhir_jv_find_invalid_date  (const HzJv  *resource,
                                           GString     *path,
                                           const char **out_value);

/* What a resource being written is built with (the clinical rules that
 * write: risk gradings, antenatal visits) */

/* An instant to the millisecond with its offset,
 * "2026-06-15T09:30:00.000+08:00". (transfer full) */
char       *hz_fhir_format_instant      (GDateTime  *when);
G_END_DECLS
