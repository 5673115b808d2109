/* hz-resource-private.h — fields of an HzResource read once, for libhuizhen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hz-resource.h"

G_BEGIN_DECLS

/* The LOINC code of `code` (read once when the resource was made), or
 * NULL. (transfer none) */
const char  *hz_resource_get_loinc_code   (HzResource *self);

G_END_DECLS
