/* hz-timeline-source.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hz-core"

#include "config.h"

#include "huizhen.h"
