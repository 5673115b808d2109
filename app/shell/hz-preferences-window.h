/* hz-preferences-window.h — the clinician, the database and the plugins
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <hz-ui.h>

G_BEGIN_DECLS

#define HZ_TYPE_PREFERENCES_WINDOW (hz_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (HzPreferencesWindow, hz_preferences_window, HZ, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* @store may be NULL while the database is still opening; @db_path is
 * then shown. */
GtkWidget *hz_preferences_window_new (GtkWindow  *parent,
                                      GSettings  *settings,
                                      HzStore    *store,
                                      const char *db_path);

G_END_DECLS
