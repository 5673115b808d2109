/* hz-json-value.h — read-only access to the JSON of a case's resources
 *
 * hz_resource_get_value() gives a resource as an HzJv: a node of the
 * compact tree the store parsed the case into, shared by every resource
 * of one read. Walking it costs no allocation, which is what a view
 * that reads every resource of a large case (the timeline, the
 * schedule) needs. It is the one way resources are read (with the
 * hz_fhir_jv_*() readers of hz-fhir.h); hz_resource_dup_json() gives a
 * json-glib copy only to change and write back.
 *
 * Values are immutable and live as long as the resource they came from.
 * Object members keep their order; numbers keep their original text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (HUIZHEN_INSIDE) && !defined (HUIZHEN_COMPILATION)
# error "Only <huizhen.h> can be included directly."
#endif

#include <glib.h>

G_BEGIN_DECLS

typedef struct _HzJv HzJv;

typedef enum {
  HZ_JV_NULL,
  HZ_JV_TRUE,
  HZ_JV_FALSE,
  HZ_JV_NUMBER,
  HZ_JV_STRING,
  HZ_JV_ARRAY,
  HZ_JV_OBJECT,
} HzJvType;

HzJvType    hz_jv_get_value_type       (const HzJv  *value);

/* Member @key of @object, or NULL (also when @object is NULL or not an
 * object). */
HzJv       *hz_jv_get                  (const HzJv  *object,
                                        const char  *key);
/* The member's string, or NULL if absent or not a string */
const char *hz_jv_get_string           (const HzJv  *object,
                                        const char  *key);
HzJv       *hz_jv_get_object           (const HzJv  *object,
                                        const char  *key);
HzJv       *hz_jv_get_array            (const HzJv  *object,
                                        const char  *key);
/* A path of members "a.b.c" (no arrays) to a string, or NULL */
const char *hz_jv_get_path_string      (const HzJv  *object,
                                        const char  *path);
/* Element @index of the array member @key of @object, when it is an object */
HzJv       *hz_jv_get_object_element   (const HzJv  *object,
                                        const char  *key,
                                        guint        index);

/* Elements of an array, members of an object: 0 for anything else */
guint       hz_jv_get_length           (const HzJv  *value);
/* The first element or member, then the next one, NULL at the end */
HzJv       *hz_jv_get_first            (const HzJv  *value);
HzJv       *hz_jv_get_next             (const HzJv  *value);
/* Element @index of an array, or NULL */
HzJv       *hz_jv_get_element          (const HzJv  *array,
                                        guint        index);
/* The name of a member, NULL for an array element */
const char *hz_jv_get_key              (const HzJv  *value);

/* A string value, or NULL for any other value (or NULL) */
const char *hz_jv_get_str              (const HzJv  *value);
/* A number as a double: FALSE for any other value, or one out of range */
gboolean    hz_jv_get_double           (const HzJv  *value,
                                        double      *out);
/* true or false: FALSE for any other value */
/* TRUE for a number written as an integer (no fraction or exponent) that
 * fits in 64 bits */
gboolean    hz_jv_get_int64            (const HzJv  *value,
                                        gint64      *out);
gboolean    hz_jv_get_boolean          (const HzJv  *value,
                                        gboolean    *out);

/* Compact JSON text. (transfer full) */
char       *hz_jv_to_string            (const HzJv  *value);

G_END_DECLS
