/* hz-imaging-private.h — what hz-imaging.c and hz-dicomweb.c share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hz-json-value.h"

G_BEGIN_DECLS

/* The Study Instance UID of an ImagingStudy (its identifier of system
 * urn:dicom:uid, without "urn:oid:"), or NULL */
const char *hz_imaging_study_uid (const HzJv *study);

G_END_DECLS
