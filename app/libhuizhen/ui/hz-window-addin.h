/* hz-window-addin.h — addin interface: adds window-wide views to the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (HUIZHEN_UI_INSIDE) && !defined (HUIZHEN_COMPILATION)
# error "Only <hz-ui.h> can be included directly."
#endif

#include "hz-main-window.h"

G_BEGIN_DECLS

#define HZ_TYPE_WINDOW_ADDIN (hz_window_addin_get_type ())

G_DECLARE_INTERFACE (HzWindowAddin, hz_window_addin, HZ, WINDOW_ADDIN, GObject)

struct _HzWindowAddinInterface
{
  GTypeInterface parent_iface;

  void (*load)   (HzWindowAddin *self,
                  HzMainWindow  *window);
  void (*unload) (HzWindowAddin *self,
                  HzMainWindow  *window);
};

void hz_window_addin_load   (HzWindowAddin *self,
                             HzMainWindow  *window);
void hz_window_addin_unload (HzWindowAddin *self,
                             HzMainWindow  *window);

G_END_DECLS
