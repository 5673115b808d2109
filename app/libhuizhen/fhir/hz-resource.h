/* hz-resource.h — one FHIR resource of a case, as a list item
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (HUIZHEN_INSIDE) && !defined (HUIZHEN_COMPILATION)
# error "Only <huizhen.h> can be included directly."
#endif

#include <json-glib/json-glib.h>

#include "hz-json-value.h"

G_BEGIN_DECLS

#define HZ_TYPE_RESOURCE (hz_resource_get_type ())

G_DECLARE_FINAL_TYPE (HzResource, hz_resource, HZ, RESOURCE, GObject)

/* Takes a reference on @object; the resource is immutable afterwards:
 * write changes through hz_store_put(), never into this object. */
HzResource  *hz_resource_new              (JsonObject *object);
HzResource  *hz_resource_new_from_data    (const char  *data,
                                           gssize       length,
                                           GError     **error);
const char  *hz_resource_get_resource_type (HzResource *self);
const char  *hz_resource_get_id           (HzResource *self);
/* "Type/id" */
const char  *hz_resource_get_reference    (HzResource *self);
/* The resource's JSON, read-only: walking it allocates nothing.
 * (transfer none) */
const HzJv  *hz_resource_get_value        (HzResource *self);
/* The same as a json-glib object, built on first use. (transfer none) */
JsonObject  *hz_resource_dup_json         (HzResource *self);
/* The clinically meaningful date (see hz_fhir_get_resource_date()), or NULL. (transfer none) */
GDateTime   *hz_resource_get_date         (HzResource *self);
/* The calendar day of that date, as it was recorded (its own UTC offset);
 * FALSE, with @day cleared, when the resource has none. */
gboolean     hz_resource_get_day          (HzResource *self,
                                           GDate      *day);
/* A short human title: code text, name, description... never NULL */
const char  *hz_resource_get_title        (HzResource *self);
/* An Observation's LOINC code (its `code`), NULL for other resources.
 * (transfer none) */
const char  *hz_resource_get_loinc_code   (HzResource *self);
/* (transfer full) serialised JSON */
char        *hz_resource_to_string        (HzResource *self);

G_END_DECLS
