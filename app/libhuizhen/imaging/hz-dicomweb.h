/* hz-dicomweb.h — a PACS over DICOMweb: the regional imaging platform
 * (区域影像平台)
 *
 * QIDO-RS finds studies, WADO-RS brings a study or series into a case
 * (each DICOM part streamed into the store's blobs, then imported as
 * hz_imaging_import() does), STOW-RS sends a case's study up. HTTP basic
 * or bearer authentication, TLS (the system's CAs, or a CA file),
 * time-outs. Every call is synchronous and may run in any thread (each
 * makes its own HTTP session); the _async variants run it in a GTask
 * thread. Errors are HZ_DICOMWEB_ERROR with a translated message naming
 * the PACS and what went wrong.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (HUIZHEN_INSIDE) && !defined (HUIZHEN_COMPILATION)
# error "Only <huizhen.h> can be included directly."
#endif

#include <gio/gio.h>

#include "hz-imaging.h"

G_BEGIN_DECLS

#define HZ_DICOMWEB_ERROR (hz_dicomweb_error_quark ())

typedef enum
{
  HZ_DICOMWEB_ERROR_INVALID_URL,   /* not an http(s) URL */
  HZ_DICOMWEB_ERROR_UNREACHABLE,   /* no connection, a time-out, TLS refused */
  HZ_DICOMWEB_ERROR_AUTH,          /* 401 / 403: user, password or token refused */
  HZ_DICOMWEB_ERROR_NOT_FOUND,     /* the study or series is unknown to the PACS */
  HZ_DICOMWEB_ERROR_PROTOCOL,      /* an answer that is not DICOMweb */
  HZ_DICOMWEB_ERROR_REFUSED,       /* the PACS refused (other HTTP status, STOW failures) */
} HzDicomwebError;

GQuark hz_dicomweb_error_quark (void);

#define HZ_TYPE_DICOMWEB_CLIENT (hz_dicomweb_client_get_type ())

G_DECLARE_FINAL_TYPE (HzDicomwebClient, hz_dicomweb_client, HZ, DICOMWEB_CLIENT, GObject)

/* @base_url: the DICOMweb root ("https://pacs.example/dicom-web"); an
 * error HZ_DICOMWEB_ERROR_INVALID_URL when it is not http or https.
 * (transfer full) */
HzDicomwebClient *hz_dicomweb_client_new            (const char        *base_url,
                                                     GError           **error);
const char       *hz_dicomweb_client_get_url        (HzDicomwebClient  *self);
/* HTTP basic authentication, sent with every request */
void              hz_dicomweb_client_set_basic_auth (HzDicomwebClient  *self,
                                                     const char        *user,
                                                     const char        *password);
/* Authorization: Bearer @token (replaces basic authentication) */
void              hz_dicomweb_client_set_bearer_token (HzDicomwebClient *self,
                                                     const char        *token);
/* Seconds to wait for a connection or for data (default 30) */
void              hz_dicomweb_client_set_timeout    (HzDicomwebClient  *self,
                                                     guint              seconds);
/* Trust the CAs of @path (PEM) for https, instead of the system's */
gboolean          hz_dicomweb_client_set_ca_file    (HzDicomwebClient  *self,
                                                     const char        *path,
                                                     GError           **error);

/* What to search for; NULL members are not matched */
typedef struct
{
  const char *patient_id;
  const char *patient_name;   /* DICOM matching: "LIU*", "刘海燕" */
  const char *date_range;     /* "20261101-20261130", "20261101-", "-20261130", "20261114",
                               * or ISO "2026-11-01..2026-11-30" */
  const char *modality;       /* "US" */
  guint       limit;          /* 0: the PACS's own limit */
} HzDicomwebQuery;

/* One study found */
typedef struct
{
  char  *study_uid;
  char  *patient_id;
  char  *patient_name;        /* the PN as the PACS gave it, groups joined by '=' */
  char  *study_date;          /* YYYYMMDD */
  char  *study_time;
  char  *modalities;          /* "US\SR" */
  char  *description;
  char  *accession_number;
  guint  n_series;
  guint  n_instances;
} HzDicomwebStudy;

void hz_dicomweb_study_free (HzDicomwebStudy *study);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HzDicomwebStudy, hz_dicomweb_study_free)

/* QIDO-RS GET {url}/studies?… (transfer full) (element-type HzDicomwebStudy) */
GPtrArray        *hz_dicomweb_client_search_studies (HzDicomwebClient      *self,
                                                     const HzDicomwebQuery *query,
                                                     GCancellable          *cancellable,
                                                     GError               **error);
void              hz_dicomweb_client_search_studies_async  (HzDicomwebClient      *self,
                                                     const HzDicomwebQuery *query,
                                                     GCancellable          *cancellable,
                                                     GAsyncReadyCallback    callback,
                                                     gpointer               user_data);
GPtrArray        *hz_dicomweb_client_search_studies_finish (HzDicomwebClient *self,
                                                     GAsyncResult          *result,
                                                     GError               **error);

/* WADO-RS GET {url}/studies/UID[/series/UID]: each part of the
 * multipart/related answer is streamed into @store's blobs (never the
 * whole study in memory), then imported into @case_id as
 * hz_imaging_import() does. HZ_DICOMWEB_ERROR_NOT_FOUND when the PACS
 * does not know the study. (transfer full) */
HzImagingImportResult *hz_dicomweb_client_retrieve  (HzDicomwebClient  *self,
                                                     HzStore           *store,
                                                     const char        *case_id,
                                                     const char        *study_uid,
                                                     const char        *series_uid,
                                                     GCancellable      *cancellable,
                                                     GError           **error);
void              hz_dicomweb_client_retrieve_async (HzDicomwebClient     *self,
                                                     HzStore              *store,
                                                     const char           *case_id,
                                                     const char           *study_uid,
                                                     const char           *series_uid,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
HzImagingImportResult *hz_dicomweb_client_retrieve_finish (HzDicomwebClient *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

/* STOW-RS POST {url}/studies: every instance the case holds of study
 * @study_uid (its ImagingStudy's blobs), as one multipart/related
 * request streamed from a temporary file. @out_n_sent: (out) (optional):
 * the instances the PACS stored. HZ_DICOMWEB_ERROR_NOT_FOUND when the
 * case has no such study or none of its files; _REFUSED naming the
 * instances the PACS failed. */
gboolean          hz_dicomweb_client_send_study     (HzDicomwebClient  *self,
                                                     HzStore           *store,
                                                     const char        *case_id,
                                                     const char        *study_uid,
                                                     guint             *out_n_sent,
                                                     GCancellable      *cancellable,
                                                     GError           **error);
void              hz_dicomweb_client_send_study_async (HzDicomwebClient   *self,
                                                     HzStore              *store,
                                                     const char           *case_id,
                                                     const char           *study_uid,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
/* Returns the instances stored, or -1 with @error set */
gint              hz_dicomweb_client_send_study_finish (HzDicomwebClient *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

G_END_DECLS
