/* hz-dicom-frames-private.h — the pixel module and the frame index of a
 * parsed file, between hz-dicom.c and hz-dicom-frames.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hz-dicom-private.h"

G_BEGIN_DECLS

typedef struct _HzDicomFrames HzDicomFrames;

HzDicomFrames *hz_dicom_frames_new          (HzDicom        *dicom,
                                             GError        **error);
void           hz_dicom_frames_free         (HzDicomFrames  *frames);

/* read once, on the first frame asked for (transfer none) */
HzDicomFrames *hz_dicom_get_frames          (HzDicom        *dicom,
                                             GError        **error);
const char    *hz_dicom_get_transfer_syntax_uid (HzDicom    *dicom);
HzDicomCoding  hz_dicom_get_coding          (HzDicom        *dicom);
gboolean       hz_dicom_is_big_endian       (HzDicom        *dicom);
/* the fragments of encapsulated pixel data, [0] the Basic Offset Table;
 * NULL when native (transfer none) */
GArray        *hz_dicom_get_fragments       (HzDicom        *dicom);
/* the VR of @tag as stored, or from the dictionary for implicit VR */
guint16        hz_dicom_dataset_get_vr      (const HzDicomDataset *dataset,
                                             guint32         tag);
void           hz_dicom_dataset_set_charset (HzDicomDataset *dataset,
                                             const char     *charset);

G_END_DECLS
