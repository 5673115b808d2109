/* test-plugin.c — registers the test plugin's extensions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-test-plugin"

#include "config.h"

#include "test-plugin-private.h"

G_MODULE_EXPORT void
peas_register_types (PeasObjectModule *module)
{
  _test_timeline_source_register_types (module);
  _test_exporter_register_types (module);

  peas_object_module_register_extension_type (module,
                                              HZ_TYPE_TIMELINE_SOURCE,
                                              TEST_TYPE_TIMELINE_SOURCE);
  peas_object_module_register_extension_type (module,
                                              HZ_TYPE_EXPORTER,
                                              TEST_TYPE_EXPORTER);
}
