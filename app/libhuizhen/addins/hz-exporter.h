/* hz-exporter.h — addin interface: turns a case into a document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (HUIZHEN_INSIDE) && !defined (HUIZHEN_COMPILATION)
# error "Only <huizhen.h> can be included directly."
#endif

#include <gio/gio.h>

#include "hz-case.h"

G_BEGIN_DECLS

#define HZ_TYPE_EXPORTER (hz_exporter_get_type ())

G_DECLARE_INTERFACE (HzExporter, hz_exporter, HZ, EXPORTER, GObject)

struct _HzExporterInterface
{
  GTypeInterface parent_iface;

  void         (*load)              (HzExporter *self);
  void         (*unload)            (HzExporter *self);
  /* translated label for a menu, e.g. "FHIR Bundle (JSON)" */
  const char  *(*get_title)         (HzExporter *self);
  const char  *(*get_content_type)  (HzExporter *self);
  const char  *(*get_file_extension)(HzExporter *self);
  /* Runs in a worker thread: must not touch GTK. */
  gboolean     (*export)            (HzExporter    *self,
                                     HzCase        *kase,
                                     GOutputStream *stream,
                                     GCancellable  *cancellable,
                                     GError       **error);
};

void         hz_exporter_load               (HzExporter *self);
void         hz_exporter_unload             (HzExporter *self);
const char  *hz_exporter_get_title          (HzExporter *self);
const char  *hz_exporter_get_content_type   (HzExporter *self);
const char  *hz_exporter_get_file_extension (HzExporter *self);
gboolean     hz_exporter_export             (HzExporter    *self,
                                             HzCase        *kase,
                                             GOutputStream *stream,
                                             GCancellable  *cancellable,
                                             GError       **error);
/* Where @stream of an export goes (the file's name), for the export's
 * audit row: set by hz_exporter_export_to_file_async(), NULL otherwise. */
const char  *hz_exporter_stream_get_destination (GOutputStream *stream);
/* Writes to @file atomically (replace on success only) in a thread. */
void         hz_exporter_export_to_file_async  (HzExporter          *self,
                                                HzCase              *kase,
                                                GFile               *file,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean     hz_exporter_export_to_file_finish (HzExporter    *self,
                                                GAsyncResult  *result,
                                                GError       **error);

G_END_DECLS
