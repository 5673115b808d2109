/* hz-imaging-private.h — what hz-imaging.c and hz-dicomweb.c share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hz-imaging.h"
#include "hz-json-value.h"

G_BEGIN_DECLS

/* The Study Instance UID of an ImagingStudy (its identifier of system
 * urn:dicom:uid, without "urn:oid:"), or NULL */
const char *hz_imaging_study_uid (const HzJv *study);

/* hz_imaging_import() on the calling thread, without progress, where the
 * messages call each file of @files by its text in @names (path → text),
 * e.g. "image 2 of study … from https://pacs…" for a retrieved blob */
HzImagingImportResult *hz_imaging_import_named (HzStore       *store,
                                                const char    *case_id,
                                                GPtrArray     *files,
                                                GHashTable    *names,
                                                GCancellable  *cancellable,
                                                GError       **error);

G_END_DECLS
