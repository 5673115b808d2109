/* hz-summary-private.h — the types and helpers of the summary plugin
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libpeas/peas.h>
#include <hz-ui.h>

G_BEGIN_DECLS

#define HZ_TYPE_SUMMARY_ADDIN (hz_summary_addin_get_type ())
G_DECLARE_FINAL_TYPE (HzSummaryAddin, hz_summary_addin, HZ, SUMMARY_ADDIN, GObject)

#define HZ_TYPE_SUMMARY_PAGE (hz_summary_page_get_type ())
G_DECLARE_FINAL_TYPE (HzSummaryPage, hz_summary_page, HZ, SUMMARY_PAGE, GtkWidget)

#define HZ_TYPE_SUMMARY_PANEL (hz_summary_panel_get_type ())
G_DECLARE_FINAL_TYPE (HzSummaryPanel, hz_summary_panel, HZ, SUMMARY_PANEL, GtkWidget)

#define HZ_TYPE_FHIR_BUNDLE_EXPORTER (hz_fhir_bundle_exporter_get_type ())
G_DECLARE_FINAL_TYPE (HzFhirBundleExporter, hz_fhir_bundle_exporter, HZ, FHIR_BUNDLE_EXPORTER, GObject)

GtkWidget    *hz_summary_page_new   (HzCase *kase);
HzCase       *hz_summary_page_get_case (HzSummaryPage *self);
GtkWidget    *hz_summary_panel_new  (HzCase *kase);

/* hz-summary-data.c: what the page and the panel read from a case; the
 * current risk grade and the purple flag rule are libhuizhen's (hz-risk.h) */

/* The factors of a grading (basis displays and notes), or NULL. (transfer full) */
char         *hz_summary_risk_factors         (HzResource *risk);
/* Value of an Observation with its unit, e.g. "62.5 kg", "120/80 mmHg" (transfer full) */
/* @text with its first letter capital ("in progress" → "In progress").
 * (transfer full) */
char         *hz_summary_sentence_case        (const char *text);

G_MODULE_EXPORT void peas_register_types (PeasObjectModule *module);

G_END_DECLS
