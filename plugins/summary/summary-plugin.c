/* summary-plugin.c — registers the summary plugin's extensions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-summary"

#include "config.h"

#include "hz-summary-private.h"

G_MODULE_EXPORT void
peas_register_types (PeasObjectModule *module)
{
  peas_object_module_register_extension_type (module,
                                              HZ_TYPE_WORKSPACE_ADDIN,
                                              HZ_TYPE_SUMMARY_ADDIN);
  peas_object_module_register_extension_type (module,
                                              HZ_TYPE_EXPORTER,
                                              HZ_TYPE_FHIR_BUNDLE_EXPORTER);
}
