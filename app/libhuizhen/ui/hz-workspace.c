/* hz-workspace.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-ui"

#include "config.h"

#include "hz-ui.h"
