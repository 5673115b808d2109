/* imaging-plugin.c — registers the imaging plugin's extensions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-imaging"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hz-imaging-private.h"

G_MODULE_EXPORT void peas_register_types (PeasObjectModule *module);

/* The viewer's keys, with the focus in the page (hz-imaging-page.c,
 * class_init). Its mouse (wheel zoom, middle-button pan, right-button
 * window/level) is told by the tools' tooltips. */
static const HzShortcut imaging_shortcuts[] = {
  { NC_("shortcut window", "Play or Pause the Cine Loop"), "space" },
  { NC_("shortcut window", "Previous Frame"), "Left" },
  { NC_("shortcut window", "Next Frame"), "Right" },
  { NC_("shortcut window", "Delete the Selected Annotation"), "Delete" },
};

G_MODULE_EXPORT void
peas_register_types (PeasObjectModule *module)
{
  peas_object_module_register_extension_type (module,
                                              HZ_TYPE_WORKSPACE_ADDIN,
                                              HZ_TYPE_IMAGING_ADDIN);
  hz_shortcuts_register (module, GETTEXT_PACKAGE,
                         imaging_shortcuts, G_N_ELEMENTS (imaging_shortcuts));
}
