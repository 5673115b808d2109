/* hz-test-orthanc.h — Debian's Orthanc with its DICOMweb plugin, the tests' PACS
 *
 * The one way tests start the regional imaging platform's peer: Orthanc
 * (packages orthanc and orthanc-dicomweb, installed by build-aux/dev) on
 * a free loopback port from a temporary configuration: storage in a
 * temporary folder, no DICOM port, remote access off, HTTP basic
 * authentication with one user. A missing Orthanc or plugin fails the
 * test with a message (g_error), it is never skipped. Orthanc goes when
 * the test process does, even when it fails on the way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <huizhen.h>

G_BEGIN_DECLS

#define HZ_TEST_ORTHANC_USER     "huizhen"
#define HZ_TEST_ORTHANC_PASSWORD "云州-2026"

typedef struct
{
  char        *dir;
  char        *url;       /* http://127.0.0.1:PORT/dicom-web */
  GSubprocess *process;
} HzTestOrthanc;

/* A loopback TCP port nothing listens on now */
guint16           hz_test_free_port       (void);
/* Starts Orthanc (once: nothing when @orthanc runs) and waits until it
 * answers a QIDO-RS search */
void              hz_test_orthanc_start   (HzTestOrthanc *orthanc);
/* Stops it and removes its folder (nothing when it does not run) */
void              hz_test_orthanc_stop    (HzTestOrthanc *orthanc);
/* A client of @orthanc with its user and password, 5 s time-out.
 * (transfer full) */
HzDicomwebClient *hz_test_orthanc_client  (HzTestOrthanc *orthanc);

G_END_DECLS
