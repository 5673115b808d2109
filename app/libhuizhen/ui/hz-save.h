/* hz-save.h — a clinician's save through the versioned store, conflicts shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (HUIZHEN_UI_INSIDE) && !defined (HUIZHEN_COMPILATION)
# error "Only <hz-ui.h> can be included directly."
#endif

#include <adwaita.h>
#include <huizhen.h>

G_BEGIN_DECLS

typedef enum {
  HZ_SAVE_SAVED,       /* written (perhaps over the newer version, as the clinician chose) */
  HZ_SAVE_DISCARDED,   /* the clinician kept the other version; nothing written */
  HZ_SAVE_FAILED,      /* another error; the clinician's input is still theirs */
} HzSaveOutcome;

/* Writes @resource (which carries the meta.versionId it was read at) to
 * @case_id. When another window, process or clinician wrote a newer
 * version meanwhile, a dialog over @parent names who and when and shows
 * what the other version holds, and lets the clinician either save their
 * version on top of it (a new version: the other one stays in the history)
 * or discard theirs and keep the other. Nothing is overwritten without
 * that choice. @callback gets the outcome with hz_save_resource_finish(). */
void           hz_save_resource_async   (GtkWidget           *parent,
                                         HzStore             *store,
                                         const char          *case_id,
                                         JsonObject          *resource,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
/* @error: set for HZ_SAVE_FAILED */
HzSaveOutcome  hz_save_resource_finish  (GAsyncResult  *result,
                                         GError       **error);

/* Writes several resources of @case_id (JsonObject*, each with the
 * meta.versionId it was read at, or none for a new one) in one transaction
 * of the store: all or nothing. When one of them was changed meanwhile, the
 * same dialog as hz_save_resource_async() asks about that one; saving on
 * top retries the whole set on the newer version, discarding writes none of
 * them. @callback gets the outcome with hz_save_bundle_finish(). On
 * HZ_SAVE_SAVED each resource's id and meta are as stored. */
void           hz_save_bundle_async     (GtkWidget           *parent,
                                         HzStore             *store,
                                         const char          *case_id,
                                         GPtrArray           *resources,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
HzSaveOutcome  hz_save_bundle_finish    (GAsyncResult  *result,
                                         GError       **error);

G_END_DECLS
