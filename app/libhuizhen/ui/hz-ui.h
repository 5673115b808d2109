/* hz-ui.h — the GTK part of the plugin API (libhuizhen-ui)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <huizhen.h>
#include <adwaita.h>

#define HUIZHEN_UI_INSIDE
# include "hz-workspace.h"
# include "hz-workspace-addin.h"
# include "hz-main-window.h"
# include "hz-window-addin.h"
# include "hz-shortcuts.h"
# include "hz-ui-utils.h"
# include "hz-ui-chart.h"
# include "hz-save.h"
#undef HUIZHEN_UI_INSIDE
