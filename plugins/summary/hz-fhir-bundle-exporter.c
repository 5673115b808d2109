/* hz-fhir-bundle-exporter.c — exports a case as a FHIR Bundle (JSON)
 *
 * Writes hz_store_export_case_to_data(): a collection Bundle holding every resource
 * of the case as it was stored, pretty-printed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-summary"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hz-summary-private.h"

struct _HzFhirBundleExporter
{
  GObject parent_instance;
};

static void exporter_iface_init (HzExporterInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HzFhirBundleExporter, hz_fhir_bundle_exporter, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (HZ_TYPE_EXPORTER, exporter_iface_init))

static const char *
hz_fhir_bundle_exporter_get_title (HzExporter *exporter)
{
  return _("FHIR Bundle (JSON)");
}

static const char *
hz_fhir_bundle_exporter_get_content_type (HzExporter *exporter)
{
  return "application/fhir+json";
}

static const char *
hz_fhir_bundle_exporter_get_file_extension (HzExporter *exporter)
{
  return "json";
}

static gboolean
hz_fhir_bundle_exporter_export (HzExporter    *exporter,
                                HzCase        *kase,
                                GOutputStream *stream,
                                GCancellable  *cancellable,
                                GError       **error)
{
  g_autofree char *text = NULL;
  gsize length = 0;

  /* the store's one writer: every resource byte for byte as stored */
  text = hz_store_export_case_to_data (hz_case_get_store (kase), hz_case_get_id (kase),
                                       hz_exporter_stream_get_destination (stream),
                                       &length, error);
  if (text == NULL)
    return FALSE;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  return g_output_stream_write_all (stream, text, length, NULL, cancellable, error);
}

static void
exporter_iface_init (HzExporterInterface *iface)
{
  iface->get_title = hz_fhir_bundle_exporter_get_title;
  iface->get_content_type = hz_fhir_bundle_exporter_get_content_type;
  iface->get_file_extension = hz_fhir_bundle_exporter_get_file_extension;
  iface->export = hz_fhir_bundle_exporter_export;
}

static void
hz_fhir_bundle_exporter_class_init (HzFhirBundleExporterClass *klass)
{
}

static void
hz_fhir_bundle_exporter_init (HzFhirBundleExporter *self)
{
}
