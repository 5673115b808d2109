/* hz-imaging-pacs-dialog.h — search the regional imaging platform (区域影像平台)
 *
 * A window over the imaging page: the PACS's DICOMweb address
 * (remembered in the setting pacs-url), a user and password or a token,
 * a search by patient ID (the case's 居民身份证号, else its MRN), name,
 * date range and modality through hz_dicomweb_client_search_studies_async();
 * the studies found, each retrieved into the case with
 * hz_dicomweb_client_retrieve_async(), the outcome shown by the page as
 * an import's is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hz-imaging-page.h"

G_BEGIN_DECLS

#define HZ_TYPE_IMAGING_PACS_DIALOG (hz_imaging_pacs_dialog_get_type ())
G_DECLARE_FINAL_TYPE (HzImagingPacsDialog, hz_imaging_pacs_dialog, HZ, IMAGING_PACS_DIALOG, AdwWindow)

/* A dialog for @page's case, transient for @page's window */
GtkWidget *hz_imaging_pacs_dialog_new       (HzImagingPage       *page);
/* Runs the search as the Search button does */
void       hz_imaging_pacs_dialog_search    (HzImagingPacsDialog *self);
/* Retrieves study @study_uid into the case, as a result's Retrieve
 * button does */
void       hz_imaging_pacs_dialog_retrieve  (HzImagingPacsDialog *self,
                                             const char          *study_uid);
/* TRUE while a search or a retrieve runs */
gboolean   hz_imaging_pacs_dialog_get_busy  (HzImagingPacsDialog *self);
/* The studies of the last search (element-type HzDicomwebStudy) (transfer none) */
GPtrArray *hz_imaging_pacs_dialog_get_results (HzImagingPacsDialog *self);

G_END_DECLS
