/* conference-plugin.c — registers the conference plugin's extensions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-conference"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hz-conference-private.h"

G_MODULE_EXPORT void peas_register_types (PeasObjectModule *module);

/* The keys of a case presented (hz-conference-view.c, build_run_page) */
static const HzShortcut conference_shortcuts[] = {
  { NC_("shortcut window", "Next Case"), "Page_Down <Alt>Right" },
  { NC_("shortcut window", "Previous Case"), "Page_Up <Alt>Left" },
};

G_MODULE_EXPORT void
peas_register_types (PeasObjectModule *module)
{
  peas_object_module_register_extension_type (module,
                                              HZ_TYPE_WORKSPACE_ADDIN,
                                              HZ_TYPE_CONFERENCE_ADDIN);
  peas_object_module_register_extension_type (module,
                                              HZ_TYPE_WINDOW_ADDIN,
                                              HZ_TYPE_CONFERENCE_WINDOW_ADDIN);
  hz_shortcuts_register (module, GETTEXT_PACKAGE,
                         conference_shortcuts, G_N_ELEMENTS (conference_shortcuts));
}
