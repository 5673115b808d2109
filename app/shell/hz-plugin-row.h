/* hz-plugin-row.h — one plugin in Preferences, with its on/off switch
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <hz-ui.h>

G_BEGIN_DECLS

#define HZ_TYPE_PLUGIN_ROW (hz_plugin_row_get_type ())

G_DECLARE_FINAL_TYPE (HzPluginRow, hz_plugin_row, HZ, PLUGIN_ROW, AdwActionRow)

/* @settings: where active-plugins is saved after a toggle */
GtkWidget      *hz_plugin_row_new             (PeasPluginInfo *plugin_info,
                                               GSettings      *settings);
PeasPluginInfo *hz_plugin_row_get_plugin_info (HzPluginRow    *self);
GtkSwitch      *hz_plugin_row_get_switch      (HzPluginRow    *self);

G_END_DECLS
