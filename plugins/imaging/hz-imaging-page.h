/* hz-imaging-page.h — the Imaging page of a case: studies and clips, the viewer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <hz-ui.h>

#include "hz-imaging-canvas.h"
#include "hz-imaging-player.h"

G_BEGIN_DECLS

#define HZ_TYPE_IMAGING_PAGE (hz_imaging_page_get_type ())
G_DECLARE_FINAL_TYPE (HzImagingPage, hz_imaging_page, HZ, IMAGING_PAGE, GtkWidget)

/* @workspace (nullable): where toasts go */
GtkWidget       *hz_imaging_page_new              (HzCase        *kase,
                                                   HzWorkspace   *workspace);
/* The study browser's rows (HzImagingRow), updated in place (transfer none) */
GListModel      *hz_imaging_page_get_rows         (HzImagingPage *self);
/* Opens the row with @key (hz_imaging_row_get_key()); FALSE when none */
gboolean         hz_imaging_page_open             (HzImagingPage *self,
                                                   const char    *key);
/* Imports @files (element-type GFile: files, folders, DICOMDIRs) into
 * the case with progress above the browser; FALSE when an import runs */
gboolean         hz_imaging_page_import           (HzImagingPage *self,
                                                   GPtrArray     *files);
gboolean         hz_imaging_page_get_importing    (HzImagingPage *self);
/* Toasts what an import or a retrieval did and lists its refused files
 * and warnings above the browser until dismissed */
void             hz_imaging_page_show_outcome     (HzImagingPage         *self,
                                                   HzImagingImportResult *result,
                                                   gboolean               cancelled);
/* (transfer none) */
HzCase          *hz_imaging_page_get_case         (HzImagingPage *self);
/* (nullable) (transfer none) */
HzImagingPlayer *hz_imaging_page_get_player       (HzImagingPage *self);
HzImagingCanvas *hz_imaging_page_get_canvas       (HzImagingPage *self);
/* The annotations of the open image from the case (element-type
 * HzImagingAnnotation) (transfer none) */
GPtrArray       *hz_imaging_page_get_annotations  (HzImagingPage *self);
/* Applies preset @id ("default", "obstetric", "abdomen") */
gboolean         hz_imaging_page_apply_preset     (HzImagingPage *self,
                                                   const char    *id);

G_END_DECLS
