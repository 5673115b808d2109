/* hz-parallel.h — split a loop over many items across the machine's cores
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (HUIZHEN_INSIDE) && !defined (HUIZHEN_COMPILATION)
# error "Only <huizhen.h> can be included directly."
#endif

#include <glib.h>

G_BEGIN_DECLS

/* Called once for each item @index */
typedef void (*HzItemFunc) (guint    index,
                            gpointer user_data);

void hz_parallel_for (guint       n_items,
                      guint       min_per_thread,
                      HzItemFunc  func,
                      gpointer    user_data);

G_END_DECLS
