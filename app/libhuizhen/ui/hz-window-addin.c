/* hz-window-addin.c — addin interface: adds window-wide views to the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-ui"

#include "config.h"

#include "hz-ui.h"

G_DEFINE_INTERFACE (HzWindowAddin, hz_window_addin, G_TYPE_OBJECT)

static void
hz_window_addin_default_init (HzWindowAddinInterface *iface)
{
}

/**
 * hz_window_addin_load:
 * @self: an #HzWindowAddin
 * @window: the main window, its store open and the clinician signed in
 *
 * Called once the window's store is open and the clinician known, or
 * when the plugin is loaded later; the addin adds its views.
 */
void
hz_window_addin_load (HzWindowAddin *self,
                      HzMainWindow  *window)
{
  HzWindowAddinInterface *iface;

  g_return_if_fail (HZ_IS_WINDOW_ADDIN (self));
  g_return_if_fail (HZ_IS_MAIN_WINDOW (window));

  iface = HZ_WINDOW_ADDIN_GET_IFACE (self);
  if (iface->load != NULL)
    iface->load (self, window);
}

/**
 * hz_window_addin_unload:
 * @self: an #HzWindowAddin
 * @window: the window passed to hz_window_addin_load()
 *
 * Called when the window closes or the plugin is unloaded; the addin
 * removes its views and drops its references to the store.
 */
void
hz_window_addin_unload (HzWindowAddin *self,
                        HzMainWindow  *window)
{
  HzWindowAddinInterface *iface;

  g_return_if_fail (HZ_IS_WINDOW_ADDIN (self));
  g_return_if_fail (HZ_IS_MAIN_WINDOW (window));

  iface = HZ_WINDOW_ADDIN_GET_IFACE (self);
  if (iface->unload != NULL)
    iface->unload (self, window);
}
