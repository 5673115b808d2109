/* hz-imaging-annotation.c — measurements and annotations on an image, as case data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-imaging"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "hz-imaging-annotation.h"

/* (0018,6024/6026) physical units: 3 is cm */
#define US_UNITS_CM 3

static const char * const kind_codes[] = { "distance", "area", "text", "arrow" };

HzImagingAnnotation *
hz_imaging_annotation_new (HzImagingAnnotationKind kind)
{
  HzImagingAnnotation *self = g_new0 (HzImagingAnnotation, 1);

  self->kind = kind;
  return self;
}

HzImagingAnnotation *
hz_imaging_annotation_copy (const HzImagingAnnotation *self)
{
  HzImagingAnnotation *copy = g_memdup2 (self, sizeof *self);

  copy->text = g_strdup (self->text);
  copy->instance_uid = g_strdup (self->instance_uid);
  copy->reference = g_strdup (self->reference);
  return copy;
}

void
hz_imaging_annotation_free (HzImagingAnnotation *self)
{
  if (self == NULL)
    return;
  g_free (self->text);
  g_free (self->instance_uid);
  g_free (self->reference);
  g_free (self);
}

static const HzDicomRegion *
find_region (const HzDicomInfo *info,
             double             x,
             double             y)
{
  if (info == NULL || info->regions == NULL)
    return NULL;
  for (guint i = 0; i < info->regions->len; i++)
    {
      const HzDicomRegion *r = &g_array_index (info->regions, HzDicomRegion, i);

      if (x >= r->x0 && x <= r->x1 + 1 && y >= r->y0 && y <= r->y1 + 1)
        return r;
    }
  return NULL;
}

void
hz_imaging_annotation_measure (HzImagingAnnotation *self,
                               const HzDicomInfo   *info)
{
  const HzDicomRegion *a, *b;
  double mm_x, mm_y, w, h;

  self->calibrated = FALSE;
  self->value = 0;
  if (self->kind != HZ_IMAGING_ANNOTATION_DISTANCE && self->kind != HZ_IMAGING_ANNOTATION_AREA)
    return;
  a = find_region (info, self->x0, self->y0);
  b = find_region (info, self->x1, self->y1);
  if (a == NULL || a != b || a->units_x != US_UNITS_CM || a->units_y != US_UNITS_CM ||
      !(a->delta_x > 0) || !(a->delta_y > 0))
    return;
  /* Physical Delta X/Y are cm per pixel */
  mm_x = a->delta_x * 10;
  mm_y = a->delta_y * 10;
  w = (self->x1 - self->x0) * mm_x;
  h = (self->y1 - self->y0) * mm_y;
  self->calibrated = TRUE;
  if (self->kind == HZ_IMAGING_ANNOTATION_DISTANCE)
    self->value = sqrt (w * w + h * h);
  else
    self->value = G_PI * fabs (w / 2) * fabs (h / 2);
}

char *
hz_imaging_annotation_format (const HzImagingAnnotation *self)
{
  switch (self->kind)
    {
    case HZ_IMAGING_ANNOTATION_DISTANCE:
      if (!self->calibrated)
        /* Translators: a caliper on an image without a calibration: 未校准 */
        return g_strdup (_("uncalibrated"));
      /* Translators: a distance measured on an image, in millimetres */
      return g_strdup_printf (_("%.1f mm"), self->value);
    case HZ_IMAGING_ANNOTATION_AREA:
      if (!self->calibrated)
        return g_strdup (_("uncalibrated"));
      /* Translators: an (ellipse) area measured on an image, in square millimetres */
      return g_strdup_printf (_("%.1f mm²"), self->value);
    case HZ_IMAGING_ANNOTATION_TEXT:
    case HZ_IMAGING_ANNOTATION_ARROW:
    default:
      return g_strdup (self->text != NULL ? self->text : "");
    }
}

static const char *
kind_display (HzImagingAnnotationKind kind)
{
  switch (kind)
    {
    case HZ_IMAGING_ANNOTATION_DISTANCE:
      /* Translators: what an image annotation is, as the Observation says: 距离测量 */
      return _("Distance measurement");
    case HZ_IMAGING_ANNOTATION_AREA:
      /* Translators: 面积测量（椭圆） */
      return _("Area measurement (ellipse)");
    case HZ_IMAGING_ANNOTATION_TEXT:
      /* Translators: 文字标注 */
      return _("Text annotation");
    case HZ_IMAGING_ANNOTATION_ARROW:
    default:
      /* Translators: 箭头标注 */
      return _("Arrow annotation");
    }
}

static void
add_extension (JsonArray  *extensions,
               const char *url,
               const char *type,
               JsonNode   *value)
{
  JsonObject *e = json_object_new ();

  json_object_set_string_member (e, "url", url);
  json_object_set_member (e, type, value);
  json_array_add_object_element (extensions, e);
}

static JsonNode *
double_node (double v)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_double (node, v);
  return node;
}

static JsonNode *
string_node (const char *v)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (node, v);
  return node;
}

static JsonNode *
int_node (gint64 v)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_int (node, v);
  return node;
}

JsonObject *
hz_imaging_annotation_to_observation (const HzImagingAnnotation *self,
                                      HzCase                    *kase,
                                      const char                *resource,
                                      HzTeam                     team)
{
  JsonObject *observation = json_object_new ();
  JsonArray *categories = json_array_new ();
  JsonArray *refs = json_array_new ();
  JsonArray *extensions = json_array_new ();
  JsonArray *inner = json_array_new ();
  JsonObject *annotation = json_object_new ();
  HzResource *patient = hz_case_get_patient (kase);
  g_autofree char *id = g_uuid_string_random ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *effective = g_date_time_format_iso8601 (now);

  json_object_set_string_member (observation, "resourceType", "Observation");
  json_object_set_string_member (observation, "id", id);
  hz_fhir_set_team_tag (observation, team);
  json_object_set_string_member (observation, "status", "final");
  json_array_add_object_element (categories,
                                 hz_fhir_new_concept ("http://terminology.hl7.org/CodeSystem/observation-category",
                                                      "imaging", NULL));
  json_object_set_array_member (observation, "category", categories);
  json_object_set_object_member (observation, "code",
                                 hz_fhir_new_concept (HZ_SYSTEM_IMAGING_ANNOTATION,
                                                      kind_codes[self->kind], kind_display (self->kind)));
  if (patient != NULL)
    json_object_set_object_member (observation, "subject",
                                   hz_fhir_new_reference (hz_resource_get_reference (patient),
                                                          hz_case_get_patient_name (kase)));
  json_object_set_string_member (observation, "effectiveDateTime", effective);
  if (g_str_has_prefix (resource, "ImagingStudy/"))
    {
      JsonArray *part_of = json_array_new ();

      json_array_add_object_element (part_of, hz_fhir_new_reference (resource, NULL));
      json_object_set_array_member (observation, "partOf", part_of);
    }
  json_array_add_object_element (refs, hz_fhir_new_reference (resource, NULL));
  json_object_set_array_member (observation, "derivedFrom", refs);

  if (self->kind == HZ_IMAGING_ANNOTATION_DISTANCE || self->kind == HZ_IMAGING_ANNOTATION_AREA)
    {
      if (self->calibrated)
        {
          JsonObject *q = json_object_new ();
          const char *unit = self->kind == HZ_IMAGING_ANNOTATION_DISTANCE ? "mm" : "mm2";

          json_object_set_double_member (q, "value", round (self->value * 10) / 10);
          json_object_set_string_member (q, "unit", self->kind == HZ_IMAGING_ANNOTATION_DISTANCE ? "mm" : "mm²");
          json_object_set_string_member (q, "system", "http://unitsofmeasure.org");
          json_object_set_string_member (q, "code", unit);
          json_object_set_object_member (observation, "valueQuantity", q);
        }
      else
        {
          JsonObject *absent = hz_fhir_new_concept ("http://terminology.hl7.org/CodeSystem/data-absent-reason",
                                                    "unsupported", _("uncalibrated"));

          json_object_set_object_member (observation, "dataAbsentReason", absent);
        }
    }
  else if (self->text != NULL && *self->text != '\0')
    json_object_set_string_member (observation, "valueString", self->text);

  if (self->instance_uid != NULL)
    {
      g_autofree char *oid = g_strconcat ("urn:oid:", self->instance_uid, NULL);

      add_extension (inner, "instance", "valueOid", string_node (oid));
    }
  add_extension (inner, "frame", "valueInteger", int_node (self->frame));
  add_extension (inner, "x0", "valueDecimal", double_node (self->x0));
  add_extension (inner, "y0", "valueDecimal", double_node (self->y0));
  add_extension (inner, "x1", "valueDecimal", double_node (self->x1));
  add_extension (inner, "y1", "valueDecimal", double_node (self->y1));
  json_object_set_string_member (annotation, "url", HZ_EXTENSION_IMAGING_ANNOTATION);
  json_object_set_array_member (annotation, "extension", inner);
  json_array_add_object_element (extensions, annotation);
  json_object_set_array_member (observation, "extension", extensions);
  return observation;
}

static gboolean
refers_to (const HzJv *observation,
           const char *resource)
{
  HzJv *refs = hz_jv_get_array (observation, "derivedFrom");

  for (HzJv *r = hz_jv_get_first (refs); r != NULL; r = hz_jv_get_next (r))
    if (g_strcmp0 (hz_jv_get_string (r, "reference"), resource) == 0)
      return TRUE;
  return FALSE;
}

HzImagingAnnotation *
hz_imaging_annotation_from_resource (HzResource *observation,
                                     const char *resource,
                                     const char *instance_uid)
{
  const HzJv *json = hz_resource_get_value (observation);
  const char *code = hz_fhir_jv_get_concept_code (json, "code", HZ_SYSTEM_IMAGING_ANNOTATION);
  g_autoptr(HzImagingAnnotation) self = NULL;
  HzJv *annotation = NULL;
  const char *instance = NULL;
  HzJv *q;
  guint kind;
  gboolean have[5] = { FALSE };

  if (code == NULL || hz_fhir_jv_is_void (json) || !refers_to (json, resource))
    return NULL;
  for (kind = 0; kind < G_N_ELEMENTS (kind_codes); kind++)
    if (strcmp (code, kind_codes[kind]) == 0)
      break;
  if (kind == G_N_ELEMENTS (kind_codes))
    return NULL;
  for (HzJv *e = hz_jv_get_first (hz_jv_get_array (json, "extension")); e != NULL; e = hz_jv_get_next (e))
    if (g_strcmp0 (hz_jv_get_string (e, "url"), HZ_EXTENSION_IMAGING_ANNOTATION) == 0)
      annotation = e;
  if (annotation == NULL)
    return NULL;

  self = hz_imaging_annotation_new ((HzImagingAnnotationKind) kind);
  for (HzJv *e = hz_jv_get_first (hz_jv_get_array (annotation, "extension")); e != NULL; e = hz_jv_get_next (e))
    {
      const char *url = hz_jv_get_string (e, "url");
      static const char * const coords[] = { "x0", "y0", "x1", "y1" };
      double *slots[] = { &self->x0, &self->y0, &self->x1, &self->y1 };
      gint64 frame;

      if (g_strcmp0 (url, "instance") == 0)
        instance = hz_jv_get_string (e, "valueOid");
      else if (g_strcmp0 (url, "frame") == 0 && hz_jv_get_int64 (hz_jv_get (e, "valueInteger"), &frame))
        {
          self->frame = (int) CLAMP (frame, 0, G_MAXINT);
          have[4] = TRUE;
        }
      else
        for (guint c = 0; c < G_N_ELEMENTS (coords); c++)
          if (g_strcmp0 (url, coords[c]) == 0)
            have[c] = hz_jv_get_double (hz_jv_get (e, "valueDecimal"), slots[c]);
    }
  for (guint c = 0; c < G_N_ELEMENTS (have); c++)
    if (!have[c])
      return NULL;
  if (instance_uid != NULL)
    {
      if (instance == NULL || !g_str_has_prefix (instance, "urn:oid:") ||
          strcmp (instance + strlen ("urn:oid:"), instance_uid) != 0)
        return NULL;
      self->instance_uid = g_strdup (instance_uid);
    }
  q = hz_jv_get_object (json, "valueQuantity");
  if (q != NULL && hz_jv_get_double (hz_jv_get (q, "value"), &self->value))
    self->calibrated = TRUE;
  self->text = g_strdup (hz_jv_get_string (json, "valueString"));
  self->reference = g_strdup (hz_resource_get_reference (observation));
  return g_steal_pointer (&self);
}
