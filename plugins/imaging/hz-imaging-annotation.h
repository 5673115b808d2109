/* hz-imaging-annotation.h — measurements and annotations on an image, as case data
 *
 * Each caliper measurement, text note and arrow is one Observation of the
 * case (docs/data-model.md, "Image annotations"): `partOf` and
 * `derivedFrom` the ImagingStudy (or `derivedFrom` the Media of a clip),
 * the instance's SOP Instance UID, the frame and the points (image pixels)
 * in the extension HZ_EXTENSION_IMAGING_ANNOTATION, the value in mm or mm²
 * when calibrated. Deleting one writes a new version `entered-in-error`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <huizhen.h>

G_BEGIN_DECLS

#define HZ_EXTENSION_IMAGING_ANNOTATION "https://huizhen.github.io/fhir/StructureDefinition/imaging-annotation"
#define HZ_SYSTEM_IMAGING_ANNOTATION    "https://huizhen.github.io/fhir/CodeSystem/imaging-annotation"

typedef enum
{
  HZ_IMAGING_ANNOTATION_DISTANCE,   /* two points */
  HZ_IMAGING_ANNOTATION_AREA,       /* an ellipse in the box of two points */
  HZ_IMAGING_ANNOTATION_TEXT,       /* one point and a text */
  HZ_IMAGING_ANNOTATION_ARROW,      /* tail and head, and a text (may be empty) */
} HzImagingAnnotationKind;

typedef struct
{
  HzImagingAnnotationKind kind;
  double                  x0, y0, x1, y1;   /* image pixels */
  int                     frame;            /* from 0 */
  char                   *text;             /* TEXT and ARROW, else NULL */
  gboolean                calibrated;       /* DISTANCE and AREA */
  double                  value;            /* mm or mm² when calibrated */
  char                   *instance_uid;     /* NULL for a clip */
  char                   *reference;        /* "Observation/id" once stored, else NULL */
} HzImagingAnnotation;

HzImagingAnnotation *hz_imaging_annotation_new   (HzImagingAnnotationKind kind);
HzImagingAnnotation *hz_imaging_annotation_copy  (const HzImagingAnnotation *self);
void                 hz_imaging_annotation_free  (HzImagingAnnotation *self);

/* Measures @self (DISTANCE or AREA) with the ultrasound regions of
 * @info (may be NULL): both points in one region whose physical units
 * are cm on both axes; sets calibrated and value. */
void                 hz_imaging_annotation_measure (HzImagingAnnotation *self,
                                                    const HzDicomInfo   *info);
/* What the viewer writes beside it: "12.5 mm", "314.2 mm²", "uncalibrated"
 * (translated), the text of a note. (transfer full) */
char                *hz_imaging_annotation_format  (const HzImagingAnnotation *self);

/* The Observation for @self about @resource ("ImagingStudy/id" or
 * "Media/id") of @kase, by @team. (transfer full) */
JsonObject          *hz_imaging_annotation_to_observation (const HzImagingAnnotation *self,
                                                           HzCase                    *kase,
                                                           const char                *resource,
                                                           HzTeam                     team);
/* The annotation an Observation holds about @resource and
 * @instance_uid (NULL for a clip); NULL when it is about something
 * else, entered in error or not an annotation. (transfer full) */
HzImagingAnnotation *hz_imaging_annotation_from_resource (HzResource *observation,
                                                          const char *resource,
                                                          const char *instance_uid);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HzImagingAnnotation, hz_imaging_annotation_free)

G_END_DECLS
