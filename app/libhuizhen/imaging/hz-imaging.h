/* hz-imaging.h — images and clips of a case: import into the store, the
 * list the viewer shows
 *
 * DICOM files become ImagingStudy resources of the case (one per Study
 * Instance UID, a new version when an instance is added), video clips
 * (MP4, WebM, AVI) Media resources; the files themselves are copied into
 * the store's blobs (hz_store_blob_put_file()). docs/data-model.md has
 * the resources member by member.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (HUIZHEN_INSIDE) && !defined (HUIZHEN_COMPILATION)
# error "Only <huizhen.h> can be included directly."
#endif

#include <gio/gio.h>

#include "hz-case.h"
#include "hz-store.h"

G_BEGIN_DECLS

/* ImagingStudy.identifier: system urn:dicom:uid, value urn:oid:UID */
#define HZ_SYSTEM_DICOM_UID      "urn:dicom:uid"
/* DICOM modality codes (US, CT…) */
#define HZ_SYSTEM_DICOM_DCM      "http://dicom.nema.org/resources/ontology/DCM"
/* series[].instance[].extension: the SHA-256 of the instance's file (valueString) */
#define HZ_EXTENSION_BLOB        "https://huizhen.github.io/fhir/StructureDefinition/blob"
/* series[].instance[].extension: its number of frames (valueInteger) */
#define HZ_EXTENSION_FRAMES      "https://huizhen.github.io/fhir/StructureDefinition/frames"
/* Media.content.url: this prefix and the SHA-256 of the clip */
#define HZ_BLOB_URL_PREFIX       "huizhen-blob:sha256:"

typedef enum
{
  HZ_IMAGING_ISSUE_REFUSED,   /* the file was not imported */
  HZ_IMAGING_ISSUE_WARNING,   /* imported, but look (e.g. another patient's name) */
} HzImagingIssueKind;

/* What was wrong with one file: @message is translated and names the file */
typedef struct
{
  HzImagingIssueKind  kind;
  char               *path;
  char               *message;
} HzImagingIssue;

typedef struct
{
  guint      n_added;       /* instances and clips new to the case */
  guint      n_present;     /* already in the case: nothing written */
  guint      n_refused;     /* not imported: an issue of kind REFUSED each */
  GPtrArray *issues;        /* (element-type HzImagingIssue), in file order */
  GPtrArray *references;    /* (element-type utf8) "ImagingStudy/id", "Media/id" written */
} HzImagingImportResult;

void hz_imaging_import_result_free (HzImagingImportResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HzImagingImportResult, hz_imaging_import_result_free)

/* @done of @total files looked at */
typedef void (*HzImagingProgressFunc) (guint    done,
                                       guint    total,
                                       gpointer user_data);

/* Imports @files (element-type GFile): DICOM files, video clips, folders
 * (recursively) and DICOMDIRs, into case @case_id, in a worker thread;
 * @progress (nullable) is called on the caller's thread-default main
 * context. Fails as a whole (GError) only when the case cannot be read or
 * written (no case, no clinician set, a read-only store); a file that
 * cannot be imported is an issue of the result. */
void                   hz_imaging_import_async   (HzStore               *store,
                                                  const char            *case_id,
                                                  GPtrArray             *files,
                                                  HzImagingProgressFunc  progress,
                                                  gpointer               progress_data,
                                                  GDestroyNotify         progress_destroy,
                                                  GCancellable          *cancellable,
                                                  GAsyncReadyCallback    callback,
                                                  gpointer               user_data);
/* (transfer full) */
HzImagingImportResult *hz_imaging_import_finish  (GAsyncResult          *result,
                                                  GError               **error);
/* The same on the calling thread (the CLI, tests); @progress called on it. */
HzImagingImportResult *hz_imaging_import         (HzStore               *store,
                                                  const char            *case_id,
                                                  GPtrArray             *files,
                                                  HzImagingProgressFunc  progress,
                                                  gpointer               progress_data,
                                                  GCancellable          *cancellable,
                                                  GError               **error);

/* One image (a DICOM instance) or clip of a case, for the viewer */
typedef struct
{
  char  *resource_type;     /* "ImagingStudy" or "Media" */
  char  *resource_id;       /* the ImagingStudy (or Media) id */
  char  *study_uid;         /* DICOM UIDs; NULL for a clip */
  char  *series_uid;
  char  *sop_uid;
  char  *sop_class;         /* the UID, NULL for a clip */
  char  *modality;          /* DICOM code ("US"); NULL when not known */
  char  *date;              /* ImagingStudy.started / Media.createdDateTime as stored, or NULL */
  char  *title;             /* series description, or the clip's file name; may be NULL */
  char  *content_type;      /* "application/dicom", "video/webm"… */
  guint  series_number;     /* 0 when not given */
  guint  instance_number;
  guint  frames;            /* 1 for a still, 0 for a clip */
  char  *sha256;            /* the blob */
  char  *path;              /* hz_store_blob_dup_path(): NULL when the store lacks the file */
} HzImagingItem;

void hz_imaging_item_free (HzImagingItem *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HzImagingItem, hz_imaging_item_free)

/* The images and clips of @resource (an ImagingStudy: one per instance
 * with a blob, in series and instance order; a Media: one). (transfer
 * full) (element-type HzImagingItem) */
GPtrArray  *hz_imaging_items_for_resource (HzStore    *store,
                                           HzResource *resource);
/* Every image and clip of the case: its ImagingStudy then its Media
 * models (hz_case_get_resources()), in their order. Rebuild the items of
 * a resource when HzCase::changed names its type. (transfer full)
 * (element-type HzImagingItem) */
GPtrArray  *hz_imaging_list_items         (HzCase     *kase);

/* Where the demo images and clip are: $HUIZHEN_DEMO_IMAGING_DIR, the
 * build tree's data/demo/imaging (made by data/demo/imaging/
 * make-demo-imaging.py) when running uninstalled, else the installed
 * demo-imaging folder; NULL when none exists. (transfer full) */
char       *hz_imaging_get_demo_dir       (void);
/* Imports each subfolder of the demo imaging folder (@dir, NULL: the
 * default) into the case it is named after, when the store holds it.
 * @out_result: (out) (optional) (transfer full): the counts, all cases */
gboolean    hz_imaging_import_demo        (HzStore                *store,
                                           const char             *dir,
                                           HzImagingImportResult **out_result,
                                           GError                **error);

G_END_DECLS
