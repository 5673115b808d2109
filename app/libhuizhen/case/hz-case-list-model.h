/* hz-case-list-model.h — the case list of a store, ordered and searched
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (HUIZHEN_INSIDE) && !defined (HUIZHEN_COMPILATION)
# error "Only <huizhen.h> can be included directly."
#endif

#include <gio/gio.h>

#include "hz-case-summary.h"
#include "hz-store.h"

G_BEGIN_DECLS

typedef enum {
  HZ_CASE_ORDER_RISK,             /* red first, purple first within a colour, then by name */
  HZ_CASE_ORDER_NAME,             /* pinyin order */
  HZ_CASE_ORDER_GESTATIONAL_AGE,  /* furthest along first, then delivered, then not dated */
  HZ_CASE_ORDER_UPDATED,          /* last written first */
} HzCaseOrder;

#define HZ_TYPE_CASE_LIST_MODEL (hz_case_list_model_get_type ())

G_DECLARE_FINAL_TYPE (HzCaseListModel, hz_case_list_model, HZ, CASE_LIST_MODEL, GObject)

/* A GListModel of HzCaseSummary. It keeps, for every case, only what the
 * list is ordered and searched by and the row's stored text; the
 * HzCaseSummary of a row is made when it is asked for (a list view asks
 * for the rows it shows) and shared while it lives.
 *
 * Properties: "n-cases" (guint, every case, whatever the search),
 * "order" (HzCaseOrder), "search" (string, as typed). */
HzCaseListModel *hz_case_list_model_new                 (void);

/* Reads the whole list of @store in a thread and puts it in place of the
 * current one. */
void             hz_case_list_model_load_async          (HzCaseListModel      *self,
                                                         HzStore              *store,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean         hz_case_list_model_load_finish         (HzCaseListModel      *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

/* Reads the row of @case_id again and moves it where it now belongs (or
 * removes it, or adds it): the other rows stay as they are. */
void             hz_case_list_model_update_case_async   (HzCaseListModel      *self,
                                                         HzStore              *store,
                                                         const char           *case_id,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean         hz_case_list_model_update_case_finish  (HzCaseListModel      *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

void             hz_case_list_model_clear               (HzCaseListModel      *self);

HzCaseOrder      hz_case_list_model_get_order           (HzCaseListModel      *self);
void             hz_case_list_model_set_order           (HzCaseListModel      *self,
                                                         HzCaseOrder           order);
const char      *hz_case_list_model_get_search          (HzCaseListModel      *self);
/* Shows only the cases whose name (or its pinyin: "lhy", "liuhaiyan"), ID
 * card or MRN contain @search; NULL or blank shows all. */
void             hz_case_list_model_set_search          (HzCaseListModel      *self,
                                                         const char           *search);
guint            hz_case_list_model_get_n_cases         (HzCaseListModel      *self);
/* The position of @case_id among the rows shown */
gboolean         hz_case_list_model_find                (HzCaseListModel      *self,
                                                         const char           *case_id,
                                                         guint                *position);

G_END_DECLS
