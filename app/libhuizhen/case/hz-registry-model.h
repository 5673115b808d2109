/* hz-registry-model.h — the high-risk registry as a list that follows the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (HUIZHEN_INSIDE) && !defined (HUIZHEN_COMPILATION)
# error "Only <huizhen.h> can be included directly."
#endif

#include <gio/gio.h>

#include "hz-registry.h"
#include "hz-store.h"

G_BEGIN_DECLS

#define HZ_TYPE_REGISTRY_ITEM (hz_registry_item_get_type ())

G_DECLARE_FINAL_TYPE (HzRegistryItem, hz_registry_item, HZ, REGISTRY_ITEM, GObject)

/* One case of the registry; an item is replaced, never changed, when its
 * case changes. */
const HzRegistryEntry *hz_registry_item_get_entry (HzRegistryItem *self);
const char            *hz_registry_item_get_case_id (HzRegistryItem *self);

#define HZ_TYPE_REGISTRY_MODEL (hz_registry_model_get_type ())

G_DECLARE_FINAL_TYPE (HzRegistryModel, hz_registry_model, HZ, REGISTRY_MODEL, GObject)

/* A GListModel of HzRegistryItem in the registry's order
 * (hz_registry_entry_compare()). Once loaded it follows @store: when a
 * case changes (HzStore::changed, from this process or another), only that
 * case's item is read again and replaced, moved, added or removed.
 * Properties: "loaded" (gboolean), "n-overdue" (guint: items whose next
 * action is overdue). */
HzRegistryModel *hz_registry_model_new            (HzStore             *store);

/* The day overdue is counted to; %NULL (the default) for today. Takes
 * effect at the next load. */
void             hz_registry_model_set_today      (HzRegistryModel     *self,
                                                   const GDate         *today);

/* Reads the whole registry in a thread (one audited listing). */
void             hz_registry_model_load_async     (HzRegistryModel     *self,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean         hz_registry_model_load_finish    (HzRegistryModel     *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

gboolean         hz_registry_model_get_loaded     (HzRegistryModel     *self);
guint            hz_registry_model_get_n_overdue  (HzRegistryModel     *self);
/* Copies of the entries in order, for an export of what the registry
 * shows. (transfer full) (element-type HzRegistryEntry) */
GPtrArray       *hz_registry_model_dup_entries    (HzRegistryModel     *self);

G_END_DECLS
