/* referral-plugin.c — registers the referral plugin's extensions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-referral"

#include "config.h"

#include "hz-referral-private.h"

G_MODULE_EXPORT void
peas_register_types (PeasObjectModule *module)
{
  peas_object_module_register_extension_type (module,
                                              HZ_TYPE_WORKSPACE_ADDIN,
                                              HZ_TYPE_REFERRAL_ADDIN);
  peas_object_module_register_extension_type (module,
                                              HZ_TYPE_WINDOW_ADDIN,
                                              HZ_TYPE_REFERRAL_WINDOW_ADDIN);
}
