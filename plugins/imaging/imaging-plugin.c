/* imaging-plugin.c — registers the imaging plugin's extensions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-imaging"

#include "config.h"

#include "hz-imaging-private.h"

G_MODULE_EXPORT void peas_register_types (PeasObjectModule *module);

G_MODULE_EXPORT void
peas_register_types (PeasObjectModule *module)
{
  peas_object_module_register_extension_type (module,
                                              HZ_TYPE_WORKSPACE_ADDIN,
                                              HZ_TYPE_IMAGING_ADDIN);
}
