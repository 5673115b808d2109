/* timeline-plugin.c — registers the timeline plugin's extensions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-timeline"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <hz-ui.h>

#include "hz-timeline-addin.h"

G_MODULE_EXPORT void peas_register_types (PeasObjectModule *module);

/* The page's keys (hz-timeline-page.c, class_init and init); Ctrl+F and
 * the others reach it from the side panel too (hz-case-workspace.c) */
static const HzShortcut timeline_shortcuts[] = {
  { NC_("shortcut window", "Search Events"), "<Control>f" },
  { NC_("shortcut window", "Go to a Gestational Age or Date"), "<Control>g" },
  { NC_("shortcut window", "Scroll to Today"), "<Control>t" },
  { NC_("shortcut window", "Show Events"), "<Control>1" },
  { NC_("shortcut window", "Show Lab Trends"), "<Control>2" },
  { NC_("shortcut window", "Show the Selected Event’s Details"), "Return" },
};

G_MODULE_EXPORT void
peas_register_types (PeasObjectModule *module)
{
  peas_object_module_register_extension_type (module,
                                              HZ_TYPE_WORKSPACE_ADDIN,
                                              HZ_TYPE_TIMELINE_ADDIN);
  hz_shortcuts_register (module, GETTEXT_PACKAGE,
                         timeline_shortcuts, G_N_ELEMENTS (timeline_shortcuts));
}
