/* hz-resource-private.h — fields of an HzResource read once, for libhuizhen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hz-json-doc-private.h"
#include "hz-resource.h"

G_BEGIN_DECLS

HzResource  *hz_resource_new_for_value    (HzJsonDoc  *doc,
                                          HzJv       *value);

G_END_DECLS
